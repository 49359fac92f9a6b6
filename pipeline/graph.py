"""Graph stage: build the RDF graph from the stage records and write it as Turtle.

Terms come from the newskg ontology (``ontology/newskg.ttl``). One IRI per canonical entity
across all articles; every relation mention is an ``rdf:Statement`` (``nkg:RelationMention``)
with its evidence, and every fact (not negated, confidence >= 0.5) is also a direct triple.
Serialisation is deterministic: same records, same bytes.
"""
from __future__ import annotations

import hashlib
import heapq
import io
import json
import multiprocessing
import os
import re
import unicodedata
from collections import Counter, defaultdict
from contextlib import ExitStack
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from pipeline.records import is_fact

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
            record = merged.setdefault(entity["key"], {**entity, "surface_forms": set(), "seat_names": set()})
            record["surface_forms"].update(entity.get("surface_forms") or ())
            record["seat_names"].update(entity.get("seat_names") or ())
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
        add_record(graph, record, iris)
    return graph


def add_record(graph: Graph, record: dict, iris: dict[str, URIRef]) -> None:
    """One article's part of the graph: its node, ``mentionedIn`` links, relation mentions and facts."""
    article = record["article"]
    _add_article(graph, article)
    doc_iri = article_iri(article["id"])
    mentioned = {m["entity"] for m in record["mentions"]}
    mentioned.update(k for r in record["relations"] for k in (r["subject"], r["object"], r.get("location")) if k)
    for key in sorted(mentioned):
        graph.add((iris[key], NKG.mentionedIn, doc_iri))
    for relation in record["relations"]:
        _add_relation(graph, article["id"], relation, iris)


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
    for seat in sorted(entity.get("seat_names") or ()):  # "Minsk" for Belarus: how the text named it, not a name
        if seat and seat != entity["name"] and seat not in entity["surface_forms"]:
            graph.add((iri, NKG.seatName, Literal(seat)))
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
    """Turtle bytes, deterministic for the same graph: sorted N-Triples lines through :class:`TurtleWriter`.

    The same writer makes the large exports (:func:`export_graph`), so a graph has one Turtle form
    however it was built.
    """
    buffer = io.StringIO()
    writer = TurtleWriter(buffer)
    for line in nt_lines(graph):
        writer.add(line)
    writer.close()
    return buffer.getvalue().encode("utf-8")


def validate(graph: Graph) -> tuple[bool, str]:
    """Check a graph against ``ontology/shapes.ttl`` (pySHACL); returns (conforms, readable report)."""
    from pyshacl import validate as shacl_validate

    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    ontology = Graph().parse(ONTOLOGY_FILE, format="turtle")
    conforms, _report_graph, text = shacl_validate(graph, shacl_graph=shapes, ont_graph=ontology,
                                                   inference="none", abort_on_first=False)
    return bool(conforms), text


# --------------------------------------------------------------------------- large exports
#
# A big corpus is never held in rdflib at once. The entity table is merged first (as
# ``build_graph`` does, in article-id order, so the result does not depend on the shards); each
# shard's article nodes become a sorted file of N-Triples lines (a "fragment", cached under
# ``work/fragments`` by content); and a k-way merge of the sorted lines writes the Turtle. The same
# triples always give the same bytes, whatever the shard count or the order the work ran in.
#
# SHACL validation runs on bounded chunks that together cover the whole graph:
# * per batch of articles: their article and relation-mention nodes (all their triples) plus the
#   entity nodes (type, labels, Wikidata link) they point to, e.g. a deployment's destination;
# * once: every triple about an entity (its node, facts, ``deployedTo``), keeping only properties
#   the shapes can see (:func:`visible_predicates`), which leaves out ``nkg:mentionedIn``.
# Each focus node is validated with all the triples its shapes read, so a chunk reports exactly the
# violations the whole graph would. Chunks already validated (same content, same shapes) are skipped.

SH = Namespace("http://www.w3.org/ns/shacl#")
OWNED_PREFIXES = (str(NKR) + "article/", str(NKR) + "mention/")
_OWNED_LINE = tuple("<" + prefix for prefix in OWNED_PREFIXES)
_PN_LOCAL = re.compile(r"^(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2})(?:[A-Za-z0-9_\-.]|%[0-9A-Fa-f]{2})*(?<!\.)$")
_TURTLE_BARE = {
    str(XSD.integer): re.compile(r"^[+-]?[0-9]+$"),
    str(XSD.decimal): re.compile(r"^[+-]?[0-9]*\.[0-9]+$"),
    str(XSD.boolean): re.compile(r"^(?:true|false)$"),
}
_RDF_TYPE = "<" + str(RDF.type) + ">"
FRAGMENT_FORMAT = "1"
VALIDATION_BATCH = 500
"""Articles per SHACL chunk while a shard fragment is built (bounds memory; pySHACL has a cost per call)."""


def nt_term(term: URIRef | Literal) -> str:
    """The N-Triples form of an IRI or a literal, on one line (quotes, backslashes, CR/LF escaped)."""
    if isinstance(term, URIRef):
        return _nt_iri(term)
    if not isinstance(term, Literal):
        raise TypeError(f"newskg graphs have no blank nodes: {term!r}")
    text = str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if term.language:
        return f'"{text}"@{term.language}'
    if term.datatype is not None:
        return f'"{text}"^^<{term.datatype}>'
    return f'"{text}"'


@lru_cache(maxsize=1 << 16)
def _nt_iri(term: URIRef) -> str:
    return term.n3()  # rdflib refuses IRIs that would not serialise


def nt_lines(triples: Iterable[tuple]) -> list[str]:
    """Sorted, distinct N-Triples lines (each ending in a newline) for some triples."""
    return sorted({f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n" for s, p, o in triples})


def _line_terms(line: str) -> tuple[str, str, str]:
    """(subject, predicate, object) of an N-Triples line written by :func:`nt_lines`."""
    subject, predicate, rest = line.split(" ", 2)
    return subject, predicate, rest[:-3]


class TurtleWriter:
    """Turtle from N-Triples lines that come sorted: one block per subject, ``a`` first.

    The output depends only on the set of lines: prefixed names where the local part is a plain
    Turtle local name (else the full IRI), integers, decimals and booleans written bare, strings as
    escaped one-line literals. Repeated lines are written once.
    """

    def __init__(self, out: IO[str], prefixes: dict[str, Namespace] | None = None) -> None:
        self.out = out
        named = sorted((prefix, str(namespace)) for prefix, namespace in (prefixes or PREFIXES).items())
        self._namespaces = sorted(named, key=lambda item: -len(item[1]))
        self.triples = 0
        self._subject: str | None = None
        self._pairs: list[tuple[str, str]] = []
        self._previous = ""
        out.write("".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in named) + "\n")

    def _iri(self, term: str) -> str:
        value = term[1:-1]
        for prefix, namespace in self._namespaces:
            if value.startswith(namespace):
                local = value[len(namespace):]
                if _PN_LOCAL.match(local):
                    return f"{prefix}:{local}"
        return term

    def _object(self, term: str) -> str:
        if term.startswith("<"):
            return self._iri(term)
        if term.endswith(">"):  # "lexical"^^<datatype>
            lexical, datatype = term.rsplit("^^", 1)
            bare = _TURTLE_BARE.get(datatype[1:-1])
            if bare is not None and bare.match(lexical[1:-1]):
                return lexical[1:-1]
            return f"{lexical}^^{self._iri(datatype)}"
        return term

    def add(self, line: str) -> None:
        """Add the next N-Triples line (lines must come in sorted order)."""
        if line == self._previous:
            return
        self._previous = line
        subject, predicate, obj = _line_terms(line)
        if subject != self._subject:
            self._flush()
            self._subject = subject
        self._pairs.append((predicate, obj))
        self.triples += 1

    def _flush(self) -> None:
        if self._subject is None:
            return
        parts = [self._iri(self._subject)]
        current = None
        for predicate, obj in sorted(self._pairs, key=lambda pair: (pair[0] != _RDF_TYPE, pair)):
            if predicate == current:
                parts.append(f",\n        {self._object(obj)}")
                continue
            name = "a" if predicate == _RDF_TYPE else self._iri(predicate)
            parts.append(f" ;\n    {name} {self._object(obj)}" if current else f" {name} {self._object(obj)}")
            current = predicate
        self.out.write("".join(parts) + " .\n\n")
        self._subject, self._pairs = None, []

    def close(self) -> int:
        """Write the last block; returns the number of triples written."""
        self._flush()
        return self.triples


def merge_sorted_lines(paths: Iterable[Path], *more: Iterable[str]) -> Iterator[str]:
    """K-way merge of sorted line files (and sorted iterables), each distinct line once."""
    with ExitStack() as stack:
        files = [stack.enter_context(open(path, encoding="utf-8", newline="")) for path in paths]
        previous = None
        for line in heapq.merge(*more, *files):
            if line != previous:
                yield line
                previous = line


class EntityMerger:
    """:func:`merge_entities` fed one article at a time, in any order, with the same result.

    ``build_graph`` merges in article-id order (the first record of a key gives its name, the first
    Wikidata id found wins, the type is voted): the merger keeps the record and Wikidata id with
    the smallest (article id, position), so the shards can come in any order.
    """

    def __init__(self) -> None:
        self.first: dict[str, tuple[tuple[str, int], dict]] = {}
        self.qids: dict[str, tuple[tuple[str, int], str]] = {}
        self.types: dict[str, Counter] = defaultdict(Counter)
        self.forms: dict[str, set[str]] = defaultdict(set)
        self.seats: dict[str, set[str]] = defaultdict(set)

    def add(self, article_id: str, entities: Iterable[dict]) -> None:
        """Count the entity records of one article."""
        for position, entity in enumerate(entities):
            key, order = entity["key"], (article_id, position)
            if key not in self.first or order < self.first[key][0]:
                self.first[key] = (order, {k: v for k, v in entity.items() if k not in {"surface_forms", "seat_names"}})
            if entity.get("qid") and (key not in self.qids or order < self.qids[key][0]):
                self.qids[key] = (order, entity["qid"])
            self.types[key][entity["type"]] += 1
            self.forms[key].update(entity.get("surface_forms") or ())
            self.seats[key].update(entity.get("seat_names") or ())

    def result(self) -> dict[str, dict]:
        """Entity key -> merged record, as :func:`merge_entities` returns it."""
        merged = {}
        for key, (_order, entity) in self.first.items():
            record = {**entity, "surface_forms": set(self.forms[key]), "seat_names": set(self.seats[key])}
            if key in self.qids and not record.get("qid"):
                record["qid"] = self.qids[key][1]
            votes = self.types[key]
            record["type"] = min(votes, key=lambda t: (-votes[t], TYPE_PRIORITY.get(t, 99), t))
            merged[key] = record
        return merged


@lru_cache(maxsize=1)
def _shacl_graphs() -> tuple[Graph, Graph]:
    """The shapes and the ontology, parsed once per process."""
    return Graph().parse(SHAPES_FILE, format="turtle"), Graph().parse(ONTOLOGY_FILE, format="turtle")


def shapes_digest() -> str:
    """Digest of the shapes, the ontology and this module's code: fragments and validation results
    are reused only under the same one."""
    return hashlib.sha256(b"\0".join(path.read_bytes() for path in (SHAPES_FILE, ONTOLOGY_FILE, Path(__file__))
                                      )).hexdigest()


def visible_predicates() -> frozenset[str] | None:
    """The IRIs the shapes name, plus rdf:type and rdfs:subClassOf; None if every property may count.

    SHACL Core sees the data only through the properties its shapes name (paths, targets,
    ``sh:lessThan`` ...) and through classes (``rdf:type``, ``rdfs:subClassOf``), unless a shape is
    ``sh:closed`` or runs SPARQL: then every property counts and nothing may be left out.
    """
    shapes, _ontology = _shacl_graphs()
    if any(any(shapes.triples((None, p, None))) for p in (SH.closed, SH.sparql, SH.select, SH.ask, SH.js)):
        return None
    named = {str(node) for node in shapes.all_nodes() if isinstance(node, URIRef)}
    named.update(str(p) for p in shapes.predicates())
    return frozenset(named | {str(RDF.type), str(RDFS.subClassOf)})


def validate_chunk(graph: Graph) -> tuple[bool, str]:
    """:func:`validate` for a throw-away graph: the ontology is mixed into it in place (no copy)."""
    from pyshacl import validate as shacl_validate

    shapes, ontology = _shacl_graphs()
    conforms, _report_graph, text = shacl_validate(graph, shacl_graph=shapes, ont_graph=ontology, inplace=True,
                                                   inference="none", abort_on_first=False)
    return bool(conforms), text


def _check(result: tuple[bool, str], where: str) -> None:
    conforms, report = result
    if not conforms:
        raise ValueError(f"the graph does not conform to ontology/shapes.ttl ({where}):\n{report}")


def _write_atomic(path: Path, lines: Iterable[str]) -> None:
    """Write lines to ``path`` through a temporary file beside it, then rename."""
    from pipeline.locking import TEMP_MARKER

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}{TEMP_MARKER}{os.getpid()}")
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        fh.writelines(lines)
    os.replace(tmp, path)


def _iter_jsonl(path: Path) -> Iterator[dict]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _batches(items: Iterable[dict], size: int) -> Iterator[list[dict]]:
    batch: list[dict] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def build_fragment(records_path: Path, iris: dict[str, URIRef], entity_graph: Graph, fragment: Path,
                   batch_articles: int = VALIDATION_BATCH) -> None:
    """One shard's article triples as a sorted N-Triples file, validated batch by batch.

    A batch's chunk is its article and relation-mention nodes plus the nodes (from ``entity_graph``)
    of the entities they point to, e.g. a deployment's destination.
    """
    lines: set[str] = set()
    for batch in _batches(_iter_jsonl(records_path), batch_articles):
        graph = Graph()
        for record in batch:
            add_record(graph, record, iris)
        lines.update(nt_lines(graph))
        chunk = Graph()
        owned = [(s, p, o, chunk) for s, p, o in graph if str(s).startswith(OWNED_PREFIXES)]  # (rdflib's
        chunk.addN(owned)  # URIRef.startswith differs from str's)
        for node in {o for _s, _p, o, _g in owned if isinstance(o, URIRef) and not str(o).startswith(OWNED_PREFIXES)}:
            chunk.addN((s, p, o, chunk) for s, p, o in entity_graph.triples((node, None, None)))
        del graph
        _check(validate_chunk(chunk), f"articles of {records_path.name}")
    _write_atomic(fragment, sorted(lines))


_FRAGMENT_JOB: tuple[dict[str, URIRef], Graph] | None = None
"""(IRIs, entity nodes) for fragment builds in forked processes (inherited, not pickled)."""


def _build_fragment_job(job: tuple[Path, Path]) -> Path:
    assert _FRAGMENT_JOB is not None
    build_fragment(job[0], _FRAGMENT_JOB[0], _FRAGMENT_JOB[1], job[1])
    return job[1]


def _build_fragments(jobs: list[tuple[Path, Path]], iris: dict[str, URIRef], entity_graph: Graph, processes: int,
                     done: Callable[[], None]) -> None:
    """Build the missing fragments, in ``processes`` forked processes when more than one."""
    global _FRAGMENT_JOB
    if processes <= 1 or len(jobs) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for records_path, fragment in jobs:
            build_fragment(records_path, iris, entity_graph, fragment)
            done()
        return
    _FRAGMENT_JOB = (iris, entity_graph)
    try:
        with multiprocessing.get_context("fork").Pool(min(processes, len(jobs))) as pool:
            for _fragment in pool.imap_unordered(_build_fragment_job, jobs):
                done()
    finally:
        _FRAGMENT_JOB = None


def export_graph(shard_files: list[Path], work_dir: Path, out: IO[str],
                 progress: Callable[[str, int, int], None] | None = None, processes: int = 1) -> dict[str, Any]:
    """Merge the per-shard article records into validated Turtle written to ``out``.

    ``processes`` > 1 builds and validates the shard fragments in that many forked processes.

    Returns ``{"triples", "shards", "fragments_built", "entities", "entity_chunk_triples"}``. Memory is
    bounded by the entity table, one shard's lines and one validation chunk, not by the corpus.
    Raises ``ValueError`` with the SHACL report when a chunk does not conform.
    """
    tick = progress or (lambda step, done, total: None)
    merger = EntityMerger()
    shard_keys: list[set[str]] = []
    shard_context: list[set[str]] = []  # entities the shard's relation mentions point to
    for index, path in enumerate(shard_files):
        keys: set[str] = set()
        context: set[str] = set()
        for record in _iter_jsonl(path):
            merger.add(record["article"]["id"], record["entities"])
            keys.update(_used_entities([record]))
            context.update(k for r in record["relations"] for k in (r["subject"], r["object"], r.get("location")) if k)
        shard_keys.append(keys)
        shard_context.append(context)
        tick("entities", index + 1, len(shard_files))
    entities = merger.result()
    iris = {key: entity_iri(entity) for key, entity in entities.items()}
    used = set().union(*shard_keys)
    entity_graph = Graph()
    for key in sorted(used):
        _add_entity(entity_graph, iris[key], entities[key])
    entity_lines = nt_lines(entity_graph)
    entity_nodes: dict[str, list[str]] = defaultdict(list)
    for line in entity_lines:
        entity_nodes[_line_terms(line)[0]].append(line)
    checks = shapes_digest()
    fragments: list[Path] = []
    jobs: list[tuple[Path, Path]] = []
    for index, (path, keys, context) in enumerate(zip(shard_files, shard_keys, shard_context)):
        # what the fragment and its validation depend on: the records, the shapes, the IRIs of the
        # entities it names, and the nodes of the entities its relation mentions point to
        material = hashlib.sha256(json.dumps([FRAGMENT_FORMAT, path.name, checks]).encode("utf-8"))
        for key in sorted(keys):
            material.update(f"{key}\t{iris[key]}\n".encode("utf-8"))
        for key in sorted(context):
            material.update("".join(entity_nodes.get(f"<{iris[key]}>", ())).encode("utf-8"))
        fragment = work_dir / "fragments" / f"{material.hexdigest()[:32]}.nt"
        if not fragment.exists() and fragment not in fragments:
            jobs.append((path, fragment))
        fragments.append(fragment)
    ready = [len(shard_files) - len(jobs)]

    def one_more() -> None:
        ready[0] += 1
        tick("fragments", ready[0], len(shard_files))

    tick("fragments", ready[0], len(shard_files))
    _build_fragments(jobs, iris, entity_graph, processes, one_more)
    fragments = list(dict.fromkeys(fragments))
    visible = visible_predicates()
    chunk: list[str] = []
    writer = TurtleWriter(out)
    for line in merge_sorted_lines(fragments, entity_lines):
        writer.add(line)
        if not line.startswith(_OWNED_LINE) and (visible is None or line.split(" ", 2)[1][1:-1] in visible):
            chunk.append(line)
    triples = writer.close()
    tick("merged", 1, 1)
    digest = hashlib.sha256(checks.encode("utf-8"))
    for line in chunk:
        digest.update(line.encode("utf-8"))
    marker = work_dir / "validated" / f"{digest.hexdigest()[:32]}.json"
    if not marker.exists():
        _check(validate_chunk(Graph().parse(data="".join(chunk), format="nt")), "entity nodes and facts")
        _write_atomic(marker, [json.dumps({"triples": len(chunk)}) + "\n"])
    tick("validated", 1, 1)
    return {"triples": triples, "shards": len(shard_files), "fragments_built": len(jobs), "entities": len(used),
            "entity_chunk_triples": len(chunk)}
