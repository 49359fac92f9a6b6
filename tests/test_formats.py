"""Output that other RDF tools accept, and the same bytes for the same input.

``newskg run --format ttl,nt,jsonld`` writes graph.ttl, graph.nt and graph.jsonld. Each file parses
in two independent parsers (Turtle and N-Triples: Oxigraph and Debian's ``rapper``; JSON-LD:
rdflib and Oxigraph), all three hold the same triples, and the graph conforms to the SHACL shapes.
Runs that differ in shards, workers and PYTHONHASHSEED give byte-identical files.
"""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import luigi
import pyoxigraph
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from pipeline.cli import export_task, run_luigi
from pipeline.formats import FORMATS, parse_formats, serialize_jsonld, serialize_ntriples
from pipeline.graph import build_graph, export_graph, validate
from tests.conftest import EXAMPLES, REPO
from tests.test_hardening import EXPECTED_FACTS, facts_of, hostile_records, rapper_ok, write_good

OX = {"ttl": pyoxigraph.RdfFormat.TURTLE, "nt": pyoxigraph.RdfFormat.N_TRIPLES, "jsonld": pyoxigraph.RdfFormat.JSON_LD}
RAPPER = {"ttl": "turtle", "nt": "ntriples"}
RDFLIB = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}
# (shards, workers, PYTHONHASHSEED): every run must give the same bytes
RUNS = {"base": (4, 1, "0"), "workers2": (4, 2, "1"), "one-shard": (1, 1, "2")}


def canonical(data: bytes, fmt: str) -> set[str]:
    """The triples of a file as parsed by Oxigraph, as N-Triples lines."""
    store = pyoxigraph.Store()
    store.bulk_load(io.BytesIO(data), OX[fmt])
    return {str(quad.triple) for quad in store}


def write_corpus(root: Path) -> Path:
    """Good articles, the examples, and two articles whose person names differ only by an accent.

    "mueller" sorts before "muller" but lands in a later shard: if the graph depended on the
    order of the shards, the canonical name of the person would change with ``--shards``.
    """
    write_good(root / "good")
    for name in ("iran-drones.txt", "poland-border.txt"):
        (root / name).write_bytes((EXAMPLES / name).read_bytes())
    (root / "mueller.txt").write_text("German Chancellor Hans M\u00fcller said Germany will send Leopard tanks "
                                      "to Ukraine.", encoding="utf-8")
    (root / "muller.txt").write_text("German Chancellor Hans Muller said Germany will send Leopard tanks to "
                                     "Ukraine.", encoding="utf-8")
    return root


def newskg_run(inputs: Path, output: Path, shards: int, workers: int, seed: str,
               formats: str = "ttl,nt,jsonld") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONHASHSEED": seed}
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "run", str(inputs), "--output", str(output), "--shards", str(shards),
         "--workers", str(workers), "--format", formats], capture_output=True, text=True, env=env, cwd=REPO,
        timeout=600)


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, Path]:
    """The same corpus run with every setting of :data:`RUNS` (real subprocesses)."""
    base = tmp_path_factory.mktemp("formats")
    corpus = write_corpus(base / "corpus")
    outputs = {}
    for name, (shards, workers, seed) in RUNS.items():
        done = newskg_run(corpus, base / name, shards, workers, seed)
        assert done.returncode == 0, f"{name}: {done.stderr[-3000:]}"
        outputs[name] = base / name
    return outputs


def test_every_format_is_written_and_parses_in_two_parsers(runs: dict[str, Path]) -> None:
    out = runs["base"]
    triples = {}
    for fmt, name in FORMATS.items():
        path = out / name
        data = path.read_bytes()
        triples[fmt] = canonical(data, fmt)  # parser 1: Oxigraph
        parsed = Graph().parse(data=data, format=RDFLIB[fmt])  # rdflib (JSON-LD's second parser)
        assert len(parsed) == len(triples[fmt]) > 300
        conforms, report = validate(parsed)
        assert conforms, f"{name}: {report}"
        if fmt in RAPPER:
            rapper_ok(path, RAPPER[fmt])  # parser 2 for Turtle and N-Triples
    assert triples["ttl"] == triples["nt"] == triples["jsonld"]
    assert EXPECTED_FACTS <= facts_of((out / "graph.ttl").read_bytes())
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["formats"] == ["ttl", "nt", "jsonld"] and summary["triples"] == len(triples["ttl"])


def test_ntriples_sorted_and_jsonld_stable(runs: dict[str, Path]) -> None:
    lines = (runs["base"] / "graph.nt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(set(lines)) and all(line.endswith(" .") for line in lines)
    document = json.loads((runs["base"] / "graph.jsonld").read_text(encoding="utf-8"))
    ids = [node["@id"] for node in document["@graph"]]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    assert document["@context"]["nkg"] == "https://w3id.org/newskg/ontology#"


def test_same_input_same_bytes_across_runs_workers_shards_and_hash_seeds(runs: dict[str, Path]) -> None:
    for name in FORMATS.values():
        reference = (runs["base"] / name).read_bytes()
        for run, out in runs.items():
            assert (out / name).read_bytes() == reference, f"{name} differs in run {run!r} {RUNS[run]}"
    labels = {str(r.l) for r in Graph().parse(runs["base"] / "graph.ttl").query(
        "SELECT ?l WHERE { ?p a <https://w3id.org/newskg/ontology#Person> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?l }")}
    assert "Hans M\u00fcller" in labels  # the name of the first article by id, whatever the shards


def test_hostile_records_in_every_format(tmp_path: Path) -> None:
    graph = build_graph(hostile_records())
    for fmt, data in (("nt", serialize_ntriples(graph)), ("jsonld", serialize_jsonld(graph))):
        path = tmp_path / FORMATS[fmt]
        path.write_bytes(data)
        assert canonical(data, fmt) == canonical(graph.serialize(format="nt", encoding="utf-8"), "nt")
        parsed = Graph().parse(data=data, format=RDFLIB[fmt])
        assert len(parsed) == len(graph)
        conforms, report = validate(parsed)
        assert conforms, report
        if fmt in RAPPER:
            rapper_ok(path, RAPPER[fmt])
    assert serialize_jsonld(graph) == serialize_jsonld(Graph().parse(data=serialize_jsonld(graph), format="json-ld"))


def test_streaming_export_of_hostile_records(tmp_path: Path) -> None:
    """The pipeline's own Turtle writer (BuildGraph's streaming export) on hostile names and text."""
    shard = tmp_path / "shard.jsonl"
    shard.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in hostile_records()), encoding="utf-8")
    out = io.StringIO()
    export_graph([shard], tmp_path / "work", out)  # validates against the shapes, chunk by chunk
    path = tmp_path / "graph.ttl"
    path.write_text(out.getvalue(), encoding="utf-8")
    data = path.read_bytes()
    reference = build_graph(hostile_records())
    assert isomorphic(Graph().parse(data=data, format="turtle"), reference)
    assert canonical(data, "ttl") == canonical(serialize_ntriples(reference), "nt")
    rapper_ok(path, "turtle")


def test_parse_formats() -> None:
    assert parse_formats("ttl") == ["ttl"]
    assert parse_formats("jsonld, NT,nt") == ["ttl", "nt", "jsonld"]
    with pytest.raises(ValueError, match="unknown output format 'rdfxml' \\(choose from ttl, nt, jsonld\\)"):
        parse_formats("ttl,rdfxml")
    done = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", "x", "--format", "xml"],
                          capture_output=True, text=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 2 and "unknown output format 'xml'" in done.stderr


def test_formats_follow_the_build(tmp_path: Path) -> None:
    """Asking for a new format re-exports; a format not asked for any more is not left stale."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("Russia has deployed Iskander missiles to Belarus.", encoding="utf-8")
    out = tmp_path / "out"
    assert run_luigi([export_task([str(inputs)], str(out))])
    assert not (out / "graph.nt").exists()
    task = export_task([str(inputs)], str(out), formats="ttl,nt")
    assert not task.complete()
    assert run_luigi([task]) and (out / "graph.nt").exists()
    assert canonical((out / "graph.nt").read_bytes(), "nt") == canonical((out / "graph.ttl").read_bytes(), "ttl")
    (inputs / "b.txt").write_text("France sold Rafale jets to India.", encoding="utf-8")
    assert run_luigi([export_task([str(inputs)], str(out))])
    assert not (out / "graph.nt").exists(), "graph.nt of the earlier build was left beside the new graph.ttl"
    assert isinstance(task.output()["nt"], luigi.LocalTarget)
