"""End-to-end: the real Luigi scheduler, the real spaCy model, facts asserted with SPARQL."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import luigi
import pyoxigraph
import pytest
from rdflib import Graph

from pipeline.cli import export_task, run_luigi
from pipeline.graph import validate
from tests.conftest import EXAMPLES, REPO

PREFIXES = """
PREFIX nkg: <https://w3id.org/newskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""
FACTS = PREFIXES + """
SELECT ?s ?p ?o WHERE {
  VALUES ?p { nkg:leaderOf nkg:suppliesWeaponsTo nkg:deploys }
  ?subject ?p ?object . ?subject rdfs:label ?s . ?object rdfs:label ?o .
}"""


def facts(graph_path: Path) -> set[tuple[str, str, str]]:
    """(subject label, relation, object label) of every direct fact triple, read with SPARQL."""
    graph = Graph().parse(graph_path, format="turtle")
    return {(str(r.s), str(r.p).rsplit("#", 1)[1], str(r.o)) for r in graph.query(FACTS)}


def run_pipeline(inputs: list[Path], output: Path) -> luigi.Task:
    task = export_task([str(p) for p in inputs], str(output))
    assert run_luigi([task]), "the Luigi pipeline failed"
    return task


@pytest.fixture(scope="module")
def examples_run(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("examples-output")
    run_pipeline([EXAMPLES], output)
    return output


def test_examples_graph_holds_the_facts(examples_run: Path) -> None:
    found = facts(examples_run / "graph.ttl")
    expected = {
        ("Donald Tusk", "leaderOf", "Poland"),
        ("Poland", "deploys", "troops"),
        ("South Korea", "suppliesWeaponsTo", "Poland"),
        ("Iran", "suppliesWeaponsTo", "Russia"),
        ("Kim Jong Un", "leaderOf", "North Korea"),
        ("North Korea", "suppliesWeaponsTo", "Russia"),
        ("Vladimir Putin", "leaderOf", "Russia"),
        ("Mark Rutte", "leaderOf", "NATO"),
        ("United States", "deploys", "Patriot"),
        ("Germany", "suppliesWeaponsTo", "Ukraine"),
        ("Olaf Scholz", "leaderOf", "Germany"),
    }
    found_loose = {(s, p, "troops" if o.endswith("troops") else o) for s, p, o in found}
    assert expected <= found_loose, expected - found_loose
    # "Tehran denies that it has sent any missiles to Moscow": a mention, never a fact
    assert ("Iran", "suppliesWeaponsTo", "Russia") in found_loose
    negated = Graph().parse(examples_run / "graph.ttl").query(PREFIXES + """
        SELECT ?e WHERE { ?m a nkg:RelationMention ; nkg:negated true ; nkg:evidence ?e }""")
    assert any("denies" in str(r.e) for r in negated)


def test_outputs_and_summary(examples_run: Path) -> None:
    assert (examples_run / "rejects.jsonl").read_text() == ""
    summary = json.loads((examples_run / "summary.json").read_text())
    assert summary["articles"] == 5 and summary["rejected"] == 0
    assert summary["facts"]["leaderOf"] >= 4 and summary["triples"] > 50
    assert not list(examples_run.glob("*.tmp*")) and not list((examples_run / "work").rglob("*luigi-tmp*"))


def test_graph_conforms_and_parses_in_independent_parsers(examples_run: Path) -> None:
    graph_path = examples_run / "graph.ttl"
    conforms, report = validate(Graph().parse(graph_path))
    assert conforms, report
    store = pyoxigraph.Store()
    with graph_path.open("rb") as fh:
        store.bulk_load(fh, pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(Graph().parse(graph_path))
    if shutil.which("rapper") is None:
        pytest.skip("rapper (Debian raptor2-utils) is not installed; .ci/run installs it")
    checked = subprocess.run(["rapper", "-i", "turtle", "-c", str(graph_path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def test_second_run_does_no_work_and_output_is_byte_identical(examples_run: Path, tmp_path: Path) -> None:
    task = export_task([str(EXAMPLES)], str(examples_run))
    assert task.complete(), "unchanged input: Luigi must see the export as complete"
    before = (examples_run / "graph.ttl").stat().st_mtime_ns
    assert run_luigi([task])
    assert (examples_run / "graph.ttl").stat().st_mtime_ns == before
    other = tmp_path / "again"
    run_pipeline([EXAMPLES], other)
    assert (other / "graph.ttl").read_bytes() == (examples_run / "graph.ttl").read_bytes()


def test_changed_input_is_rerun(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("Russia has deployed Iskander missiles to Belarus.\n", encoding="utf-8")
    run_pipeline([inputs], tmp_path / "out")
    assert ("Russia", "deploys", "Iskander") in facts(tmp_path / "out" / "graph.ttl")
    (inputs / "b.txt").write_text("France sold Rafale jets to India.\n", encoding="utf-8")
    assert not export_task([str(inputs)], str(tmp_path / "out")).complete()
    run_pipeline([inputs], tmp_path / "out")
    assert ("France", "suppliesWeaponsTo", "India") in facts(tmp_path / "out" / "graph.ttl")


def test_seed_article_facts(seed_article: dict, tmp_path: Path) -> None:
    source = tmp_path / "seed.jsonl"
    source.write_text(json.dumps({"id": seed_article["id"], "text": seed_article["text"]}) + "\n", encoding="utf-8")
    run_pipeline([source], tmp_path / "out")
    graph_path = tmp_path / "out" / "graph.ttl"
    assert facts(graph_path) == {
        ("Alexander Lukashenko", "leaderOf", "Belarus"),
        ("Russia", "suppliesWeaponsTo", "Belarus"),
        ("Belarus", "deploys", "Oreshnik"),
    }
    graph = Graph().parse(graph_path)
    planned = graph.query(PREFIXES + """SELECT ?mod WHERE { ?m rdf:predicate nkg:deploys ; rdf:object ?o ;
        nkg:modality ?mod . ?o rdfs:label "Oreshnik" }""")
    assert {str(r.mod) for r in planned} == {"planned"}
    types = {str(r.l): str(r.t).rsplit("#", 1)[1] for r in graph.query(
        PREFIXES + "SELECT ?l ?t WHERE { ?e a ?t ; rdfs:label ?l . FILTER(STRSTARTS(STR(?t), STR(nkg:))) }")}
    assert types["Alexander Lukashenko"] == "Person"
    assert types["Oreshnik"] == "WeaponSystem"
    assert types["BelTA"] == "Organization"
    assert types["Belarus"] == types["Russia"] == types["Ukraine"] == "Country"
    between = graph.query(PREFIXES + """ASK { ?a rdfs:label ?x . ?b rdfs:label ?y . ?a ?p ?b .
        FILTER(?x IN ("Belarus", "Ukraine") && ?y IN ("Belarus", "Ukraine")) }""")
    assert not between.askAnswer


def test_luigi_cli_and_newskg_cli(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    luigi_run = subprocess.run(
        [sys.executable, "-m", "luigi", "--module", "pipeline.tasks", "ExportGraph", "--input-dir", str(EXAMPLES),
         "--output-dir", str(tmp_path / "luigi"), "--local-scheduler"],
        capture_output=True, text=True, env=env, cwd=REPO)
    assert luigi_run.returncode == 0, luigi_run.stderr[-2000:]
    cli = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", str(EXAMPLES), "--output", str(tmp_path / "cli")],
                         capture_output=True, text=True, env=env, cwd=REPO)
    assert cli.returncode == 0, cli.stderr[-2000:]
    assert "articles: 5" in cli.stdout and "facts: leaderOf" in cli.stdout
    # a quiet run shows the summary, not Luigi's scheduling chatter
    assert "DEBUG" not in cli.stderr and "Informed scheduler" not in cli.stderr, cli.stderr[:500]
    assert (tmp_path / "luigi" / "graph.ttl").read_bytes() == (tmp_path / "cli" / "graph.ttl").read_bytes()
