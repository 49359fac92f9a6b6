"""Canned queries and the Python API: the same answers from the Turtle file, the embedded store and a
real Oxigraph server (loaded through the Graph Store Protocol), via the API and the command line;
user values never become query text."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline import query, store
from tests.conftest import EXAMPLES, SHARED_EVAL
from tests.test_store import build_export, oxigraph_server, run_cli  # noqa: F401 - a fixture

CASES = [
    ("leaders", {}), ("leaders", {"of": "Poland"}), ("leaders", {"of": "warsaw"}),
    ("suppliers", {}), ("suppliers", {"of": "Moscow"}),
    ("recipients", {}), ("recipients", {"of": "PYONGYANG"}),
    ("deployments", {}), ("deployments", {"by": "Poland"}),
    ("evidence", {}), ("evidence", {"subject": "iran", "relation": "suppliesweaponsto", "object": "Russia"}),
    ("entity", {"name": "Poland"}), ("entity", {"name": "Donald Tusk"}),
]
CLI_CASES = {"leaders": {"of": "Poland"}, "suppliers": {"of": "Russia"}, "recipients": {"of": "Iran"},
             "deployments": {"by": "United States"}, "evidence": {"relation": "leaderOf"}, "entity": {"name": "Iran"}}
HOSTILE = [  # {v} is a value that matches (the control): each variant must match nothing
    '{v}"', "{v}'", '{v}" } ', '"""', "{v}\n", "{v} # comment", "> <", "}", "\\",
    'x" } ; DROP ALL ; #', '{v}" } UNION { ?s ?p ?o } #', '{v}"""', '{v}\\" }', "<{v}>",
    '{v}" . ?s ?p ?o . FILTER(true) #', '{v}") || true || ("', "{v}' } #",
]
PARAM_SLOTS = [("leaders", "of", "Poland"), ("suppliers", "of", "Poland"), ("recipients", "of", "South Korea"),
               ("deployments", "by", "Poland"), ("evidence", "subject", "Iran"), ("evidence", "relation", "deploys"),
               ("evidence", "object", "Russia"), ("entity", "name", "Poland")]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory, oxigraph_server) -> dict[str, str]:  # noqa: F811 - the imported fixture
    """The sample export (examples/, plus the seed article where ../shared/eval has it), loaded into
    the server (protocol) and an embedded store (command line); the three sources by kind."""
    base = tmp_path_factory.mktemp("query")
    inputs = [EXAMPLES]
    dev = SHARED_EVAL / "dev.jsonl"
    if dev.exists():
        seed = [line for line in dev.read_text(encoding="utf-8").splitlines() if '"seed-belarus"' in line]
        (base / "seed").mkdir()
        (base / "seed" / "seed.jsonl").write_text("\n".join(seed) + "\n", encoding="utf-8")
        inputs.append(base / "seed")
    graph = build_export(base / "sample", inputs)
    store.load(graph, endpoint=oxigraph_server.store_url)
    result = run_cli("load", str(graph), "--store", str(base / "store"))
    assert result.returncode == 0, result.stderr
    return {"file": str(graph), "store": str(base / "store"), "server": oxigraph_server.query_url,
            "gsp": oxigraph_server.store_url}


def answers(name: str, params: dict, loaded: dict) -> dict[str, list]:
    return {kind: query.run(name, params, loaded[kind]) for kind in ("file", "store", "server")}


@pytest.mark.parametrize(("name", "params"), CASES, ids=[f"{n}-{'-'.join(p.values()) or 'all'}" for n, p in CASES])
def test_the_api_gives_the_same_answers_from_every_source(loaded, name, params) -> None:
    found = answers(name, params, loaded)
    assert found["file"], "every case has answers in the sample"
    assert found["file"] == found["store"] == found["server"]


def test_known_answers(loaded) -> None:
    source = loaded["server"]
    assert {r["leader"] for r in query.leaders(of="Poland", source=source)} == {"Donald Tusk"}
    assert query.leaders(of="warsaw", source=source) == query.leaders(of="Poland", source=source)
    assert {"Kim Jong Un", "Vladimir Putin", "Olaf Scholz", "Mark Rutte"} <= {
        r["leader"] for r in query.leaders(source=source)}
    assert {"Iran", "North Korea"} <= {r["supplier"] for r in query.suppliers(of="Moscow", source=source)}
    assert "Russia" in {r["recipient"] for r in query.recipients(of="Pyongyang", source=source)}
    poland = query.deployments(by="Poland", source=source)
    assert {(r["deployed"], r["place"]) for r in poland} == {("troops", "Belarus")}
    iran = query.evidence("Iran", "suppliesWeaponsTo", "Russia", source=source)
    denied = [r for r in iran if "denies" in r["sentence"]]
    assert denied and all(r["negated"] and not r["fact"] for r in denied)
    assert any(r["fact"] and r["article"] == "iran-drones" for r in iran)
    facts = {(r["direction"], r["property"].rsplit("#", 1)[-1], r["value"]) for r in
             query.entity("Poland", source=source)}
    assert {("out", "seatName", "Warsaw"), ("in", "leaderOf", "Donald Tusk"), ("out", "mentionedIn", "poland-border"),
            ("out", "sameAs", "http://www.wikidata.org/entity/Q36")} <= facts
    assert query.leaders(of="Atlantis", source=source) == []


def test_the_seed_article_answers(loaded) -> None:
    if not (SHARED_EVAL / "dev.jsonl").exists():
        pytest.skip(f"{SHARED_EVAL}/dev.jsonl is absent: the seed article lives in ../shared/eval")
    for kind in ("file", "store", "server"):
        for name in ("Belarus", "belarus", "Minsk"):
            assert "Alexander Lukashenko" in {r["leader"] for r in query.leaders(of=name, source=loaded[kind])}


def test_the_command_line_gives_the_same_answers(loaded) -> None:
    for name, params in CLI_CASES.items():
        args = [arg for key, value in params.items() for arg in ("--param", f"{key}={value}")]
        outputs = {}
        server = ("gsp", "--endpoint") if len(name) % 2 else ("server", "--query-endpoint")  # both ways
        for kind, option in (("file", "--graph-file"), ("store", "--store"), server):
            result = run_cli("query", name, option, loaded[kind], *args, "--format", "json")
            assert result.returncode == 0, result.stderr
            outputs[option] = json.loads(result.stdout)
        api = query.run(name, params, loaded["file"])
        assert api, name
        assert list(outputs.values()) == [api] * 3, name


def test_table_and_csv_output(loaded) -> None:
    table = run_cli("query", "leaders", "--store", loaded["store"], "--param", "of=Poland")
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split()[:3] == ["leader", "state", "mentions"] and "Donald Tusk" in lines[2]
    assert "nkr:Donald_Tusk" in lines[2] and lines[-1] == "(1 row)"
    csv_out = run_cli("query", "leaders", "--graph-file", loaded["file"], "--param", "of=Poland", "--format", "csv")
    assert csv_out.stdout.splitlines() == [
        "leader,state,mentions,leader_iri,state_iri",
        "Donald Tusk,Poland,1,https://w3id.org/newskg/resource/Donald_Tusk,https://w3id.org/newskg/resource/Poland"]


def test_a_query_file_with_parameters(loaded, tmp_path) -> None:
    rq = tmp_path / "labels.rq"
    rq.write_text("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                  "# any ?variable can be bound with --param variable=value\n"
                  "SELECT ?entity WHERE { ?entity rdfs:label ?label . FILTER(LCASE(?label) = LCASE(?x)) }\n")
    for kind in ("file", "store", "server"):
        assert query.run(rq, {"x": "poland"}, loaded[kind]) == [
            {"entity": "https://w3id.org/newskg/resource/Poland"}]
    result = run_cli("query", str(rq), "--endpoint", loaded["gsp"], "--param", "x=POLAND", "--format", "json")
    assert json.loads(result.stdout) == [{"entity": "https://w3id.org/newskg/resource/Poland"}]


def test_hostile_parameters_match_nothing_and_change_nothing(loaded) -> None:
    iri = store.default_graph_iri(loaded["file"])
    before = (store.remote_status(loaded["gsp"], iri), store.embedded_status(loaded["store"], iri),
              Path(loaded["file"]).read_bytes())
    sources = {kind: query.open_source(loaded[kind]) for kind in ("file", "store", "server")}
    try:
        for slot, (name, param, control) in enumerate(PARAM_SLOTS):
            for kind, source in sources.items():
                assert query.run(name, {param: control}, source), (name, param, kind)
                for index, template in enumerate(HOSTILE):
                    if kind == "file" and index % len(PARAM_SLOTS) != slot:
                        continue  # rdflib parses slowly: there each value is tried in one slot
                    value = template.replace("{v}", control)
                    assert query.run(name, {param: value}, source) == [], (name, param, kind, value)
    finally:
        for source in sources.values():
            source.close()
    for value in ('x" } ; DROP ALL ; #', 'Poland" } UNION { ?leader_iri ?p ?o } #'):
        result = run_cli("query", "leaders", "--endpoint", loaded["gsp"], "--param", f"of={value}", "--format", "json")
        assert result.returncode == 0 and json.loads(result.stdout) == [], result.stderr
    after = (store.remote_status(loaded["gsp"], iri), store.embedded_status(loaded["store"], iri),
             Path(loaded["file"]).read_bytes())
    assert after == before and before[0] is not None and before[1] is not None


def test_values_are_bound_as_terms_not_text() -> None:
    text = query.prepare("leaders", {"of": 'x" } ; DROP ALL ; #\n'})
    assert 'VALUES ?of { "x\\" } ; DROP ALL ; #\\n" }' in text
    from rdflib.plugins.sparql import prepareQuery

    prepareQuery(text)  # still one well-formed SELECT
    with pytest.raises(query.QueryError):
        query.bind_values("SELECT * WHERE { ?s ?p ?o }", {"bad name } #": "x"})


def test_errors_are_one_clear_line(loaded) -> None:
    cases = [
        (("query", "no-such-query", "--store", loaded["store"]), "canned queries: deployments, entity"),
        (("query", "entity", "--store", loaded["store"]), "needs --param name=VALUE"),
        (("query", "leaders", "--store", loaded["store"], "--param", "of"), "--param needs NAME=VALUE"),
        (("query", "leaders", "--store", loaded["store"], "--param", "state=x"), "unknown parameter state"),
        (("query", "leaders", "--store", loaded["store"] + "-missing"), "no store at"),
        (("query", "leaders", "--endpoint", "http://127.0.0.1:9/sparql-service"), "--query-endpoint"),
    ]
    for args, expected in cases:
        result = run_cli(*args)
        assert result.returncode != 0 and expected in result.stderr, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_default_source_is_the_store_else_the_file(loaded, tmp_path) -> None:
    (tmp_path / "output").mkdir()
    shutil.copy(loaded["file"], tmp_path / "output" / "graph.ttl")
    from_file = run_cli("query", "leaders", "--format", "json", cwd=tmp_path)
    assert from_file.returncode == 0, from_file.stderr
    loading = run_cli("load", cwd=tmp_path)
    assert loading.returncode == 0 and (tmp_path / "output" / "store").is_dir(), loading.stderr
    assert "<https://w3id.org/newskg/graph/output>" in loading.stdout
    (tmp_path / "output" / "graph.ttl").unlink()  # now only the store can answer
    from_store = run_cli("query", "leaders", "--format", "json", cwd=tmp_path)
    assert from_store.returncode == 0, from_store.stderr
    assert json.loads(from_store.stdout) == json.loads(from_file.stdout) == query.leaders(source=loaded["file"])
    shutil.rmtree(tmp_path / "output")
    nothing = run_cli("query", "leaders", cwd=tmp_path)
    assert nothing.returncode != 0 and "no graph to query" in nothing.stderr


def test_several_loaded_graphs_need_a_choice(loaded) -> None:
    """Two exports side by side are never merged (a store's union repeats shared triples once per
    graph, multiplying rows): without --graph the query says so; with it, each graph answers."""
    first, second = store.default_graph_iri(loaded["file"]), "http://example.org/second-copy"
    store.load(loaded["file"], endpoint=loaded["gsp"], graph_iri=second)
    store.load(loaded["file"], store_dir=loaded["store"], graph_iri=second)
    try:
        for kind, option in (("store", "--store"), ("gsp", "--endpoint")):
            result = run_cli("query", "leaders", option, loaded[kind])
            assert result.returncode != 0 and "holds 2 newskg graphs" in result.stderr, result.stderr
            assert second in result.stderr and "--graph" in result.stderr
            for graph in (first, second):
                chosen = run_cli("query", "deployments", option, loaded[kind], "--graph", graph, "--format", "json")
                assert json.loads(chosen.stdout) == query.deployments(source=loaded["file"]), chosen.stderr
        for graph in (first, second):
            for source in (query.EndpointSource(loaded["server"], graph=graph),
                           query.StoreSource(loaded["store"], graph=graph)):
                with source:
                    assert query.evidence(source=source) == query.evidence(source=loaded["file"])
        with query.EndpointSource(loaded["server"], graph="http://example.org/never-loaded") as empty:
            assert query.leaders(source=empty) == []
    finally:
        store.http_request("DELETE", store.with_params(loaded["gsp"], [("graph", second)]))
        db = store.open_store(loaded["store"])
        db.remove_graph(store.graph_node(second))
        del db
    assert query.leaders(source=loaded["store"]) == query.leaders(source=loaded["gsp"])
