"""Graph stage: build the RDF graph from the stage records and write it as Turtle.

Terms come from the newskg ontology (``ontology/newskg.ttl``). One IRI per canonical entity
across all articles; every relation mention is an ``rdf:Statement`` (``nkg:RelationMention``)
with its evidence, and every fact (not negated, confidence >= 0.5) is also a direct triple.
Serialisation is deterministic: same records, same bytes.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Iterable
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from pipeline.relations import is_fact

NKG = Namespace("https://w3id.org/newskg/ontology#")
NKR = Namespace("https://w3id.org/newskg/resource/")
WD = Namespace("http://www.wikidata.org/entity/")
SCHEMA = Namespace("https://schema.org/")

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "newskg.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"

ENTITY_CLASSES = ("Person", "Country", "Organization", "ArmedForce", "ArmedGroup", "Company",
                  "WeaponSystem", "MilitaryUnit", "Location")
TYPE_PRIORITY = {name: rank for rank, name in enumerate(
    ("Country", "ArmedForce", "ArmedGroup", "Company", "Organization", "WeaponSystem", "Person",
     "MilitaryUnit", "Location"))}
PREFIXES = {"nkg": NKG, "nkr": NKR, "wd": WD, "schema": SCHEMA, "dcterms": DCTERMS, "prov": PROV,
            "skos": SKOS, "owl": OWL, "rdfs": RDFS, "rdf": RDF, "xsd": XSD}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_UNSAFE = re.compile(r"[^\w\-.~]", re.UNICODE)


def slug(text: str) -> str:
    """An IRI-safe local name: NFC, spaces to underscores, everything else percent-encoded.

    The result is plain ASCII (letters, digits, ``_-.~`` and ``%XX``), so it is a valid IRI (and
    URI) segment for every RDF tool; ``.`` and ``..`` are encoded so no tool resolves them away.
    """
    text = unicodedata.normalize("NFC", " ".join(text.split())).replace(" ", "_")
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    return _no_dot_segment(quote(text, safe="_-.~")) or "_"


def _no_dot_segment(segment: str) -> str:
    return segment.replace(".", "%2E") if segment in {".", ".."} else segment


def id_segment(article_id: str) -> str:
    """An article id as one IRI path segment: its exact UTF-8 percent-encoded (one id, one IRI)."""
    return _no_dot_segment(quote(article_id.encode("utf-8", "surrogatepass"), safe="-._~")) or "_"


def entity_iri(entity: dict) -> URIRef:
    """The IRI of a canonical entity (by its canonical name, or ``iri_name`` for generic units)."""
    return NKR[slug(entity.get("iri_name") or entity["name"])]


def article_iri(article_id: str) -> URIRef:
    """The IRI of an article node."""
    return NKR["article/" + id_segment(article_id)]


def mention_iri(article_id: str, relation: dict) -> URIRef:
    """A stable IRI for one relation mention."""
    digest = hashlib.sha256("\x1f".join(
        [article_id, relation["subject"], relation["predicate"], relation["object"], str(relation["start"])]
    ).encode("utf-8")).hexdigest()[:16]
    return NKR[f"mention/{id_segment(article_id)}/{digest}"]


def merge_entities(entity_lists: Iterable[list[dict]]) -> dict[str, dict]:
    """Entities by key over all articles: one type (most frequent, then priority), all surface forms."""
    merged: dict[str, dict] = {}
    type_votes: dict[str, Counter] = defaultdict(Counter)
    for entities in entity_lists:
        for entity in entities:
            record = merged.setdefault(entity["key"], {**entity, "surface_forms": set()})
            record["surface_forms"].update(entity.get("surface_forms") or ())
            if entity.get("qid") and not record.get("qid"):
                record["qid"] = entity["qid"]
            type_votes[entity["key"]][entity["type"]] += 1
    for key, record in merged.items():
        votes = type_votes[key]
        record["type"] = min(votes, key=lambda t: (-votes[t], TYPE_PRIORITY.get(t, 99)))
    return merged


def build_graph(records: list[dict]) -> Graph:
    """The knowledge graph of a set of articles.

    Each record is one article's output of the relation stage: ``{"article": metadata,
    "entities": [...], "mentions": [...], "relations": [...]}``. The result does not depend on
    the order of the records (so not on the number of shards): they are taken by article id.
    """
    records = sorted(records, key=lambda record: record["article"]["id"])
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    entities = merge_entities(r["entities"] for r in records)
    iris = {key: entity_iri(e) for key, e in entities.items()}
    for key in sorted(_used_entities(records)):
        _add_entity(graph, iris[key], entities[key])
    for record in records:
        article = record["article"]
        _add_article(graph, article)
        doc_iri = article_iri(article["id"])
        mentioned = {m["entity"] for m in record["mentions"]}
        mentioned.update(k for r in record["relations"] for k in (r["subject"], r["object"], r.get("location")) if k)
        for key in sorted(mentioned):
            graph.add((iris[key], NKG.mentionedIn, doc_iri))
        for relation in record["relations"]:
            _add_relation(graph, article["id"], relation, iris)
    return graph


def _used_entities(records: list[dict]) -> set[str]:
    used: set[str] = set()
    for record in records:
        used.update(m["entity"] for m in record["mentions"])
        for relation in record["relations"]:
            used.update(k for k in (relation["subject"], relation["object"], relation.get("location")) if k)
    return used


def _add_entity(graph: Graph, iri: URIRef, entity: dict) -> None:
    graph.add((iri, RDF.type, NKG[entity["type"]]))
    label = graph.value(iri, RDFS.label)  # names that differ only in what slug drops share an IRI
    if label is None:
        graph.add((iri, RDFS.label, Literal(entity["name"])))
    elif str(label) != entity["name"]:
        graph.add((iri, SKOS.altLabel, Literal(entity["name"])))
    for form in sorted(entity["surface_forms"]):
        if form and form != entity["name"]:
            graph.add((iri, SKOS.altLabel, Literal(form)))
    if entity.get("qid"):
        graph.add((iri, OWL.sameAs, WD[entity["qid"]]))


def _is_iso_date(text: str) -> bool:
    """``YYYY-MM-DD`` naming a real day (``2024-02-30`` would be an ill-typed xsd:date)."""
    if not _ISO_DATE.match(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _add_article(graph: Graph, article: dict) -> None:
    iri = article_iri(article["id"])
    graph.add((iri, RDF.type, NKG.Article))
    graph.add((iri, DCTERMS.identifier, Literal(article["id"])))
    graph.add((iri, NKG.contentHash, Literal(article["sha256"])))
    if article.get("title"):
        graph.add((iri, DCTERMS.title, Literal(article["title"])))
    if article.get("source_name"):
        graph.add((iri, DCTERMS.source, Literal(article["source_name"])))
    if article.get("published"):
        published = str(article["published"])
        graph.add((iri, DCTERMS.date, Literal(published, datatype=XSD.date) if _is_iso_date(published)
                   else Literal(published)))
    if article.get("source_url"):
        graph.add((iri, SCHEMA.url, Literal(article["source_url"], datatype=XSD.anyURI)))


def _add_relation(graph: Graph, article_id: str, relation: dict, iris: dict[str, URIRef]) -> None:
    node = mention_iri(article_id, relation)
    subject, obj = iris[relation["subject"]], iris[relation["object"]]
    predicate = NKG[relation["predicate"]]
    graph.add((node, RDF.type, RDF.Statement))
    graph.add((node, RDF.type, NKG.RelationMention))
    graph.add((node, RDF.subject, subject))
    graph.add((node, RDF.predicate, predicate))
    graph.add((node, RDF.object, obj))
    graph.add((node, PROV.wasDerivedFrom, article_iri(article_id)))
    graph.add((node, NKG.evidence, Literal(relation["sentence"])))
    graph.add((node, NKG.startChar, Literal(relation["start"], datatype=XSD.integer)))
    graph.add((node, NKG.endChar, Literal(relation["end"], datatype=XSD.integer)))
    graph.add((node, NKG.confidence, Literal(Decimal(str(relation["confidence"])).quantize(Decimal("0.01")),
                                             datatype=XSD.decimal)))
    graph.add((node, NKG.modality, Literal(relation["modality"])))
    graph.add((node, NKG.negated, Literal(bool(relation["negated"]))))
    if relation.get("trigger"):
        graph.add((node, NKG.trigger, Literal(relation["trigger"])))
    location = iris.get(relation.get("location") or "")
    if location is not None:
        graph.add((node, NKG.deployedTo, location))
    if is_fact(relation):
        graph.add((subject, predicate, obj))
        if location is not None and relation["predicate"] == "deploys":
            graph.add((obj, NKG.deployedTo, location))


def serialize_turtle(graph: Graph) -> bytes:
    """Turtle bytes, deterministic for the same graph (sorted by rdflib's Turtle serializer)."""
    return graph.serialize(format="turtle", encoding="utf-8")


def validate(graph: Graph) -> tuple[bool, str]:
    """Check a graph against ``ontology/shapes.ttl`` (pySHACL); returns (conforms, readable report)."""
    from pyshacl import validate as shacl_validate

    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    ontology = Graph().parse(ONTOLOGY_FILE, format="turtle")
    conforms, _report_graph, text = shacl_validate(graph, shacl_graph=shapes, ont_graph=ontology,
                                                   inference="none", abort_on_first=False)
    return bool(conforms), text
