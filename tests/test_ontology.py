"""The OWL ontology and the SHACL shapes: they parse, are documented, and accept/reject data."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_FILE = ROOT / "ontology" / "newskg.ttl"
SHAPES_FILE = ROOT / "ontology" / "shapes.ttl"

NKG = Namespace("https://w3id.org/newskg/ontology#")
RES = Namespace("https://w3id.org/newskg/resource/")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")
ONTOLOGY_IRI = URIRef("https://w3id.org/newskg/ontology")

CLASSES = ["Agent", "Person", "Location", "Country", "Organization", "ArmedForce", "ArmedGroup",
           "Company", "WeaponSystem", "MilitaryUnit", "Article", "RelationMention"]
OBJECT_PROPERTIES = ["leaderOf", "suppliesWeaponsTo", "deploys", "deployedTo", "mentionedIn"]
DATATYPE_PROPERTIES = {
    "evidence": XSD.string, "startChar": XSD.integer, "endChar": XSD.integer,
    "confidence": XSD.decimal, "modality": XSD.string, "negated": XSD.boolean,
    "trigger": XSD.string, "contentHash": XSD.string, "seatName": XSD.string,
}
HASH = "0" * 63 + "a"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def nkg_terms(graph: Graph) -> set[URIRef]:
    """Every IRI in the nkg: namespace that appears anywhere in ``graph``."""
    terms = set()
    for triple in graph:
        for node in triple:
            if isinstance(node, URIRef) and str(node).startswith(str(NKG)):
                terms.add(node)
    return terms


# --- ontology -------------------------------------------------------------------------------


def test_ontology_header(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.1.0")
    assert ontology.value(ONTOLOGY_IRI, OWL.versionIRI) == URIRef("https://w3id.org/newskg/ontology/0.1.0")
    for prop in (DCTERMS.title, DCTERMS.description, RDFS.label, RDFS.comment):
        assert ontology.value(ONTOLOGY_IRI, prop) is not None, prop


def test_expected_terms_exist(ontology: Graph) -> None:
    for name in CLASSES:
        assert (NKG[name], RDF.type, OWL.Class) in ontology, name
    for name in OBJECT_PROPERTIES:
        assert (NKG[name], RDF.type, OWL.ObjectProperty) in ontology, name
    for name, datatype in DATATYPE_PROPERTIES.items():
        assert (NKG[name], RDF.type, OWL.DatatypeProperty) in ontology, name
        assert ontology.value(NKG[name], RDFS.range) == datatype, name


def test_relation_properties_are_object_properties(ontology: Graph) -> None:
    for name in ("leaderOf", "suppliesWeaponsTo", "deploys"):
        assert (NKG[name], RDF.type, OWL.ObjectProperty) in ontology


def test_every_term_is_defined_and_documented(ontology: Graph) -> None:
    used = nkg_terms(ontology)
    assert len(used) == len(CLASSES) + len(OBJECT_PROPERTIES) + len(DATATYPE_PROPERTIES)
    for term in used:
        assert ontology.value(term, RDF.type) is not None, f"{term} is used but not declared"
        for prop in (RDFS.label, RDFS.comment):
            values = list(ontology.objects(term, prop))
            assert values, f"{term} lacks {prop}"
            assert all(isinstance(v, Literal) and v.language == "en" for v in values), (term, prop)
        assert (term, RDFS.isDefinedBy, ONTOLOGY_IRI) in ontology, term


def test_class_hierarchy(ontology: Graph) -> None:
    expected = [("Person", NKG.Agent), ("Country", NKG.Agent), ("Country", NKG.Location),
                ("Organization", NKG.Agent), ("ArmedForce", NKG.Organization),
                ("ArmedGroup", NKG.Organization), ("Company", NKG.Organization),
                ("RelationMention", RDF.Statement)]
    for child, parent in expected:
        assert (NKG[child], RDFS.subClassOf, parent) in ontology, (child, parent)


def _union_members(graph: Graph, node) -> set:
    if isinstance(node, URIRef):
        return {node}
    head = graph.value(node, OWL.unionOf)
    assert head is not None, "expected an owl:unionOf class"
    return set(graph.items(head))


def test_domains_and_ranges(ontology: Graph) -> None:
    def dom(p):
        return _union_members(ontology, ontology.value(NKG[p], RDFS.domain))

    def rng(p):
        return _union_members(ontology, ontology.value(NKG[p], RDFS.range))

    assert dom("leaderOf") == {NKG.Person}
    assert rng("leaderOf") == {NKG.Country, NKG.Organization, NKG.Location}
    assert dom("suppliesWeaponsTo") == rng("suppliesWeaponsTo") == {NKG.Country, NKG.Organization}
    assert dom("deploys") == {NKG.Country, NKG.Organization}
    assert rng("deploys") == {NKG.WeaponSystem, NKG.MilitaryUnit}
    assert dom("deployedTo") == {NKG.WeaponSystem, NKG.MilitaryUnit, NKG.RelationMention}
    assert rng("deployedTo") == {NKG.Location}
    assert rng("mentionedIn") == {NKG.Article}


def test_alignments(ontology: Graph) -> None:
    wd = Namespace("http://www.wikidata.org/entity/")
    close = set(ontology.objects(NKG.leaderOf, SKOS.closeMatch))
    assert {wd.P35, wd.P6, wd.P488} <= close
    assert (NKG.Article, SKOS.closeMatch, SCHEMA.NewsArticle) in ontology
    assert (NKG.Person, SKOS.closeMatch, wd.Q5) in ontology
    assert (NKG.Country, SKOS.closeMatch, wd.Q6256) in ontology
    assert (NKG.RelationMention, RDFS.seeAlso, PROV.Entity) in ontology
    assert "072" in str(ontology.value(NKG.suppliesWeaponsTo, SKOS.note))
    assert "15" in str(ontology.value(NKG.deploys, SKOS.note))


# --- shapes ---------------------------------------------------------------------------------


def test_shapes_only_use_defined_terms(ontology: Graph, shapes: Graph) -> None:
    undefined = {t for t in nkg_terms(shapes) if ontology.value(t, RDF.type) is None}
    assert not undefined


def test_shapes_are_documented(shapes: Graph) -> None:
    sh = Namespace("http://www.w3.org/ns/shacl#")
    node_shapes = set(shapes.subjects(RDF.type, sh.NodeShape))
    assert len(node_shapes) >= 8
    for shape in node_shapes:
        assert shapes.value(shape, RDFS.label) is not None, shape
        assert shapes.value(shape, RDFS.comment) is not None, shape
    for prop_shape in shapes.objects(None, sh.property):
        assert shapes.value(prop_shape, sh.name) is not None, prop_shape
        assert shapes.value(prop_shape, sh.description) is not None, prop_shape


def valid_graph() -> Graph:
    """A person leading a country, one complete relation mention, one article."""
    g = Graph()
    person, country, article, mention = RES.alexander_lukashenko, RES.belarus, RES["article/a1"], RES["mention/m1"]
    g.add((person, RDF.type, NKG.Person))
    g.add((person, RDFS.label, Literal("Alexander Lukashenko")))
    g.add((person, SKOS.altLabel, Literal("Lukashenko")))
    g.add((person, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q42")))
    g.add((person, NKG.mentionedIn, article))
    g.add((country, RDF.type, NKG.Country))
    g.add((country, RDFS.label, Literal("Belarus")))
    g.add((country, NKG.seatName, Literal("Minsk")))
    g.add((country, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q184")))
    g.add((person, NKG.leaderOf, country))

    g.add((article, RDF.type, NKG.Article))
    g.add((article, DCTERMS.identifier, Literal("a1")))
    g.add((article, DCTERMS.title, Literal("Lukashenko meets envoy")))
    g.add((article, DCTERMS.source, Literal("BelTA")))
    g.add((article, DCTERMS.date, Literal("2024-12-06", datatype=XSD.date)))
    g.add((article, SCHEMA.url, Literal("https://example.org/a1", datatype=XSD.anyURI)))
    g.add((article, NKG.contentHash, Literal(HASH)))

    g.add((mention, RDF.type, NKG.RelationMention))
    g.add((mention, RDF.subject, person))
    g.add((mention, RDF.predicate, NKG.leaderOf))
    g.add((mention, RDF.object, country))
    g.add((mention, PROV.wasDerivedFrom, article))
    g.add((mention, NKG.evidence, Literal("President Alexander Lukashenko of Belarus said ...")))
    g.add((mention, NKG.startChar, Literal(0)))
    g.add((mention, NKG.endChar, Literal(49)))
    g.add((mention, NKG.confidence, Literal(Decimal("0.85"))))
    g.add((mention, NKG.modality, Literal("asserted")))
    g.add((mention, NKG.negated, Literal(False)))
    g.add((mention, NKG.trigger, Literal("president")))
    return g


def conforms(data: Graph, shapes: Graph, ontology: Graph) -> bool:
    ok, _, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none")
    return ok


def test_valid_graph_conforms(ontology: Graph, shapes: Graph) -> None:
    data = valid_graph()
    ok, _, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none")
    assert ok, text


def test_valid_graph_conforms_without_ontology(shapes: Graph) -> None:
    ok, _, text = pyshacl.validate(valid_graph(), shacl_graph=shapes, inference="none")
    assert ok, text


M1 = RES["mention/m1"]


def _set(g: Graph, s, p, o) -> Graph:
    g.remove((s, p, None))
    if o is not None:
        g.add((s, p, o))
    return g


BROKEN = {
    "confidence above 1": lambda g: _set(g, M1, NKG.confidence, Literal(Decimal("1.5"))),
    "confidence below 0": lambda g: _set(g, M1, NKG.confidence, Literal(Decimal("-0.1"))),
    "confidence as double": lambda g: _set(g, M1, NKG.confidence, Literal(0.5)),
    "missing evidence": lambda g: _set(g, M1, NKG.evidence, None),
    "empty evidence": lambda g: _set(g, M1, NKG.evidence, Literal("")),
    "modality maybe": lambda g: _set(g, M1, NKG.modality, Literal("maybe")),
    "negated missing": lambda g: _set(g, M1, NKG.negated, None),
    "negated as string": lambda g: _set(g, M1, NKG.negated, Literal("false")),
    "negative start": lambda g: _set(g, M1, NKG.startChar, Literal(-1)),
    "start after end": lambda g: _set(g, M1, NKG.startChar, Literal(60)),
    "unknown predicate": lambda g: _set(g, M1, RDF.predicate, NKG.mentionedIn),
    "literal subject": lambda g: _set(g, M1, RDF.subject, Literal("Lukashenko")),
    "two objects": lambda g: g.add((M1, RDF.object, RES.russia)) and g,
    "no source article": lambda g: _set(g, M1, PROV.wasDerivedFrom, None),
    "source not an article": lambda g: _set(g, M1, PROV.wasDerivedFrom, RES.belarus),
    "two triggers": lambda g: g.add((M1, NKG.trigger, Literal("leader"))) and g,
    "deployedTo literal": lambda g: _set(g, M1, NKG.deployedTo, Literal("Minsk")),
    "leaderOf subject a weapon system": lambda g: (
        g.add((RES.oreshnik, RDF.type, NKG.WeaponSystem)),
        g.add((RES.oreshnik, RDFS.label, Literal("Oreshnik"))),
        g.add((RES.oreshnik, NKG.leaderOf, RES.belarus)),
    ) and g,
    "leaderOf object a person": lambda g: (
        g.add((RES.putin, RDF.type, NKG.Person)),
        g.add((RES.putin, RDFS.label, Literal("Vladimir Putin"))),
        g.add((RES.alexander_lukashenko, NKG.leaderOf, RES.putin)),
    ) and g,
    "supplier a weapon system": lambda g: (
        g.add((RES.oreshnik, RDF.type, NKG.WeaponSystem)),
        g.add((RES.oreshnik, RDFS.label, Literal("Oreshnik"))),
        g.add((RES.oreshnik, NKG.suppliesWeaponsTo, RES.belarus)),
    ) and g,
    "deploys a country": lambda g: g.add((RES.belarus, NKG.deploys, RES.belarus)) and g,
    "entity without label": lambda g: _set(g, RES.belarus, RDFS.label, None),
    "entity with two labels": lambda g: g.add((RES.belarus, RDFS.label, Literal("Republic of Belarus"))) and g,
    "label with language tag": lambda g: _set(g, RES.belarus, RDFS.label, Literal("Belarus", lang="en")),
    "sameAs not wikidata": lambda g: _set(g, RES.belarus, OWL.sameAs, URIRef("http://dbpedia.org/resource/Belarus")),
    "article without identifier": lambda g: _set(g, RES["article/a1"], DCTERMS.identifier, None),
    "article without hash": lambda g: _set(g, RES["article/a1"], NKG.contentHash, None),
    "article hash not hex": lambda g: _set(g, RES["article/a1"], NKG.contentHash, Literal("abc")),
    "article two titles": lambda g: g.add((RES["article/a1"], DCTERMS.title, Literal("Other"))) and g,
    "article date as integer": lambda g: _set(g, RES["article/a1"], DCTERMS.date, Literal(2024)),
    "article url not anyURI": lambda g: _set(g, RES["article/a1"], SCHEMA.url, Literal("https://example.org/a1")),
}


# The constraint component each broken variant must trip (so a variant cannot "pass" by
# failing for some unrelated reason).
EXPECTED_COMPONENT = {
    "confidence above 1": "MaxInclusive", "confidence below 0": "MinInclusive",
    "confidence as double": "Datatype", "missing evidence": "MinCount", "empty evidence": "MinLength",
    "modality maybe": "In", "negated missing": "MinCount", "negated as string": "Datatype",
    "negative start": "MinInclusive", "start after end": "LessThan", "unknown predicate": "In",
    "literal subject": "NodeKind", "two objects": "MaxCount", "no source article": "MinCount",
    "source not an article": "Class", "two triggers": "MaxCount", "deployedTo literal": "NodeKind",
    "leaderOf subject a weapon system": "Class", "leaderOf object a person": "Or",
    "supplier a weapon system": "Or", "deploys a country": "Or", "entity without label": "MinCount",
    "entity with two labels": "MaxCount", "label with language tag": "Datatype",
    "sameAs not wikidata": "Pattern", "article without identifier": "MinCount",
    "article without hash": "MinCount", "article hash not hex": "Pattern",
    "article two titles": "MaxCount", "article date as integer": "Or", "article url not anyURI": "Datatype",
}


def violated_components(data: Graph, shapes: Graph, ontology: Graph) -> set[str]:
    sh = Namespace("http://www.w3.org/ns/shacl#")
    ok, report, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none")
    found = set()
    for result in report.subjects(RDF.type, sh.ValidationResult):
        component = str(report.value(result, sh.sourceConstraintComponent))
        found.add(component.rsplit("#", 1)[-1].removesuffix("ConstraintComponent"))
    assert ok == (not found)
    return found


def test_every_broken_variant_has_an_expected_component() -> None:
    assert set(EXPECTED_COMPONENT) == set(BROKEN)


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_variants_do_not_conform(name: str, ontology: Graph, shapes: Graph) -> None:
    data = BROKEN[name](valid_graph())
    assert isinstance(data, Graph)
    assert not conforms(data, shapes, ontology), name
    assert EXPECTED_COMPONENT[name] in violated_components(data, shapes, ontology), name


GOOD = {
    "date as string": lambda g: _set(g, RES["article/a1"], DCTERMS.date, Literal("6 December 2024")),
    "no optional article fields": lambda g: [
        _set(g, RES["article/a1"], p, None) for p in (DCTERMS.title, DCTERMS.source, DCTERMS.date, SCHEMA.url)
    ] and g,
    "no trigger": lambda g: _set(g, M1, NKG.trigger, None),
    "negated true, planned": lambda g: _set(_set(g, M1, NKG.negated, Literal(True)), M1, NKG.modality, Literal("planned")),
    "confidence bounds": lambda g: _set(g, M1, NKG.confidence, Literal(Decimal("1"))),
    "armed group supplies, company supplies": lambda g: (
        g.add((RES.wagner, RDF.type, NKG.ArmedGroup)),
        g.add((RES.wagner, RDFS.label, Literal("Wagner Group"))),
        g.add((RES.rheinmetall, RDF.type, NKG.Company)),
        g.add((RES.rheinmetall, RDFS.label, Literal("Rheinmetall"))),
        g.add((RES.wagner, NKG.suppliesWeaponsTo, RES.belarus)),
        g.add((RES.rheinmetall, NKG.suppliesWeaponsTo, RES.wagner)),
    ) and g,
    "leader of an armed force and a location": lambda g: (
        g.add((RES.idf, RDF.type, NKG.ArmedForce)),
        g.add((RES.idf, RDFS.label, Literal("Israel Defense Forces"))),
        g.add((RES.gomel, RDF.type, NKG.Location)),
        g.add((RES.gomel, RDFS.label, Literal("Gomel"))),
        g.add((RES.alexander_lukashenko, NKG.leaderOf, RES.idf)),
        g.add((RES.alexander_lukashenko, NKG.leaderOf, RES.gomel)),
    ) and g,
    "deployment with destination": lambda g: (
        g.add((RES.russia, RDF.type, NKG.Country)),
        g.add((RES.russia, RDFS.label, Literal("Russia"))),
        g.add((RES.oreshnik, RDF.type, NKG.WeaponSystem)),
        g.add((RES.oreshnik, RDFS.label, Literal("Oreshnik"))),
        g.add((RES.troops, RDF.type, NKG.MilitaryUnit)),
        g.add((RES.troops, RDFS.label, Literal("troops"))),
        g.add((RES.russia, NKG.deploys, RES.oreshnik)),
        g.add((RES.russia, NKG.deploys, RES.troops)),
        g.add((RES.oreshnik, NKG.deployedTo, RES.belarus)),
        _set(g, M1, NKG.deployedTo, RES.belarus),
    ) and g,
}


@pytest.mark.parametrize("name", sorted(GOOD))
def test_good_variants_conform(name: str, ontology: Graph, shapes: Graph) -> None:
    data = GOOD[name](valid_graph())
    assert isinstance(data, Graph)
    ok, _, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none")
    assert ok, f"{name}: {text}"


def test_validation_does_not_modify_inputs(ontology: Graph, shapes: Graph) -> None:
    before = len(ontology), len(shapes)
    data = valid_graph()
    size = len(data)
    conforms(data, shapes, ontology)
    assert (len(ontology), len(shapes), len(data)) == (*before, size)


def test_blank_node_subject_rejected(ontology: Graph, shapes: Graph) -> None:
    """rdf:subject must be an IRI: a blank node does not do."""
    g = _set(valid_graph(), M1, RDF.subject, BNode())
    assert not conforms(g, shapes, ontology)
