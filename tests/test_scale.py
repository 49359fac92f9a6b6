"""Scale-out: shards, Luigi's central scheduler (luigid) with two worker processes, incremental runs,
the streaming Turtle export and its chunked SHACL validation, progress reporting.

Everything is real: ``luigid`` listens on 127.0.0.1 (a free port), the workers are ``luigi``
command-line processes with the real spaCy model, and the outputs are compared byte for byte.
"""
from __future__ import annotations

import io
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph

from pipeline.cli import export_task, run_luigi
from pipeline.graph import build_graph, export_graph, serialize_turtle, validate
from pipeline.records import iter_jsonl, progress
from tests.conftest import REPO

SHARDS = 8
ARTICLES = 40
COUNTRIES = ["France", "Germany", "Poland", "Ukraine", "Japan", "Canada", "Brazil", "India", "Kenya", "Chile"]
LEADERS = {"France": "Emmanuel Macron", "Germany": "Olaf Scholz", "Poland": "Donald Tusk", "Ukraine": "Volodymyr Zelensky",
           "Japan": "Fumio Kishida", "Canada": "Justin Trudeau", "Brazil": "Luiz Inacio Lula da Silva",
           "India": "Narendra Modi", "Kenya": "William Ruto", "Chile": "Gabriel Boric"}
WEAPONS = ["howitzers", "tanks", "drones", "air defence systems", "armoured vehicles"]
EVENT = re.compile(r"Worker\(.*?\) (running|done)\s+(\w+)\((.*)\)\s*$")


def write_corpus(folder: Path, count: int = ARTICLES, seed: int = 5) -> Path:
    """Short news-like articles with leaders, arms deliveries and deployments (deterministic)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for number in range(count):
        a, b = rng.sample(COUNTRIES, 2)
        text = (f"{LEADERS[a]}, the president of {a}, met officials from {b} on Monday.\n"
                f"{a} has delivered {rng.choice(WEAPONS)} to {b}, the defence ministry said.\n"
                f"{b} will deploy the {rng.choice(WEAPONS)} near its border, officials said on day {number}.\n")
        lines.append(json.dumps({"id": f"scale-{number:03d}", "title": f"Report {number}", "text": text}) + "\n")
    (folder / "news.jsonl").write_text("".join(lines), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("scale") / "corpus")


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory) -> Path:
    """A single-worker run (local scheduler, in this process) with 8 shards."""
    output = tmp_path_factory.mktemp("reference")
    assert run_luigi([export_task([str(corpus)], str(output), shards=SHARDS)]), "the single-worker run failed"
    return output


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _luigid(tmp: Path) -> tuple[subprocess.Popen, int]:
    """Start luigid on 127.0.0.1 (free port); returns it once it answers its API."""
    port = _free_port()
    (tmp / "luigid-logs").mkdir()
    executable = Path(sys.executable).with_name("luigid")
    command = [str(executable)] if executable.exists() else [shutil.which("luigid") or "luigid"]
    proc = subprocess.Popen([*command, "--port", str(port), "--address", "127.0.0.1",
                             "--state-path", str(tmp / "luigid-state.pickle"), "--logdir", str(tmp / "luigid-logs")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while True:
        try:
            _api(port, "task_list", {"status": "DONE"})
            return proc, port
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError("luigid did not start") from None
            time.sleep(0.2)


def _api(port: int, method: str, data: dict) -> dict:
    query = urllib.parse.urlencode({"data": json.dumps(data)})
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/{method}?{query}", timeout=10) as response:
        return json.load(response)["response"]


def _events(log: str) -> list[tuple[str, str, str]]:
    """(action, family, params) of the task events in a worker's log, each once (Luigi logs some twice)."""
    events = []
    for line in log.splitlines():
        match = EVENT.search(line)
        if match and (not events or events[-1] != match.groups()):
            events.append(match.groups())
    return events


def test_two_workers_share_the_shards_through_luigid(corpus: Path, reference: Path, tmp_path: Path) -> None:
    luigid, port = _luigid(tmp_path)
    output = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(REPO), "NEWSKG_PROGRESS": "0"}
    command = [sys.executable, "-m", "luigi", "--module", "pipeline.tasks", "ExportGraph",
               "--input-dir", str(corpus), "--output-dir", str(output), "--shards", str(SHARDS),
               "--scheduler-host", "127.0.0.1", "--scheduler-port", str(port),
               "--worker-keep-alive", "--worker-wait-interval", "0.2", "--no-lock", "--log-level", "INFO"]
    try:
        workers = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
                                    cwd=REPO) for _ in range(2)]
        logs = [worker.communicate(timeout=240)[0] for worker in workers]
        for worker, log in zip(workers, logs):
            assert worker.returncode == 0, log[-3000:]
        done = _api(port, "task_list", {"status": "DONE"})
        failed = _api(port, "task_list", {"status": "FAILED"})
    finally:
        luigid.terminate()
        luigid.wait(timeout=30)

    # every task ran exactly once over the two workers, and both parsed shards
    runs = [Counter((family, params) for action, family, params in _events(log) if action == "running") for log in logs]
    total = runs[0] + runs[1]
    assert total and all(count == 1 for count in total.values()), total
    families = Counter(family for family, _params in total)
    assert families == {"IngestArticles": 1, "ExtractEntities": SHARDS, "MapRelations": SHARDS, "BuildGraph": 1,
                        "ExportGraph": 1}, families
    # both workers joined the same scheduler with the whole graph of tasks (which of them ran which shard
    # depends on timing: on a loaded machine one worker may finish every shard before the other asks)
    for log in logs:
        scheduled = set(re.findall(r"Informed scheduler that task +(\w+?)_", log))
        assert {"IngestArticles", "ExtractEntities", "MapRelations", "BuildGraph", "ExportGraph"} <= scheduled, log[-3000:]
    # the scheduler agrees: all 19 tasks done, none failed; the shards reported their progress
    assert not failed
    by_family = Counter(task["name"] for task in done.values())
    assert by_family["ExtractEntities"] == SHARDS and by_family["MapRelations"] == SHARDS, by_family
    messages = [task.get("status_message") or "" for task in done.values() if task["name"] == "ExtractEntities"]
    assert any(re.search(r"parse shard \d: \d+/\d+ articles", m) for m in messages), messages
    assert all(task.get("progress_percentage") in (None, 100) for task in done.values()), done
    # the same bytes as the single worker
    for name in ("graph.ttl", "rejects.jsonl"):
        assert (output / name).read_bytes() == (reference / name).read_bytes(), name
    summary, expected = (json.loads((out / "summary.json").read_text()) for out in (output, reference))
    assert {k: summary[k] for k in ("articles", "facts", "triples")} == {k: expected[k] for k in ("articles", "facts", "triples")}


def test_same_bytes_whatever_the_shard_count(corpus: Path, reference: Path, tmp_path: Path) -> None:
    one = tmp_path / "one-shard"
    assert run_luigi([export_task([str(corpus)], str(one), shards=1)])
    assert (one / "graph.ttl").read_bytes() == (reference / "graph.ttl").read_bytes()


def test_streaming_export_equals_the_whole_graph(corpus: Path, reference: Path, tmp_path: Path) -> None:
    records = [r for path in sorted((reference / "work" / "relations").glob("*.jsonl")) for r in iter_jsonl(_target(path))]
    assert len(records) == ARTICLES
    graph = build_graph(records)
    assert serialize_turtle(graph) == (reference / "graph.ttl").read_bytes()
    summary = json.loads((reference / "summary.json").read_text())
    assert summary["triples"] == len(graph) and summary["facts"]["suppliesWeaponsTo"] > 0
    out = io.StringIO()  # the fragments built and validated in two forked processes: the same bytes
    paths = sorted((reference / "work" / "relations").glob("*.jsonl"))
    stats = export_graph(paths, tmp_path / "work", out, processes=2)
    assert stats["fragments_built"] >= 2  # so the process pool was used
    assert out.getvalue().encode("utf-8") == (reference / "graph.ttl").read_bytes()


def test_one_new_article_reruns_only_its_shard(corpus: Path, reference: Path, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    shutil.copytree(corpus, inputs)
    output = tmp_path / "out"
    shutil.copytree(reference, output)
    task = export_task([str(inputs)], str(output), shards=SHARDS)
    assert not task.complete()  # another input path: a new fingerprint, but every shard is reused
    assert run_luigi([task])
    before = {p for p in (output / "work").rglob("*") if p.is_file()}
    assert run_luigi([task]) and {p for p in (output / "work").rglob("*") if p.is_file()} == before
    (inputs / "late.jsonl").write_text(json.dumps({
        "id": "scale-late", "text": "Canada has delivered drones to Kenya, the defence ministry said.\n"}) + "\n")
    assert run_luigi([export_task([str(inputs)], str(output), shards=SHARDS)])
    new = sorted(p.relative_to(output / "work").parts[0] for p in (output / "work").rglob("*")
                 if p.is_file() and p not in before and p.parts[-2] != "timings")
    assert new.count("articles") == 1 and new.count("entities") == 1 and new.count("relations") == 1, new
    assert 1 <= new.count("fragments") <= 2, new  # the new shard (and none of the unchanged ones)
    graph = Graph().parse(output / "graph.ttl")
    assert len(graph) > len(Graph().parse(reference / "graph.ttl"))
    assert json.loads((output / "summary.json").read_text())["articles"] == ARTICLES + 1


def _target(path: Path):
    import luigi

    return luigi.LocalTarget(str(path))


def _record(article_id: str, relation: dict, types: dict[str, str]) -> dict:
    names = {"person:a": "Ann Example", "country:x": "Xland", "country:y": "Yland", "weapon:w": "Widget"}
    entities = [{"key": k, "name": names[k], "qid": None, "surface_forms": [], "type": t} for k, t in types.items()]
    return {"article": {"id": article_id, "sha256": "0" * 64, "title": None, "published": None, "source_url": None,
                        "source_name": None, "path": None, "body_start": 0},
            "entities": entities,
            "mentions": [{"entity": k, "start": 0, "end": 1, "text": "x", "via": "name"} for k in types],
            "relations": [{"location": None, "sentence": "A sentence.", "start": 0, "end": 11, "confidence": 0.9,
                           "modality": "asserted", "negated": False, "trigger": "x", **relation}]}


BROKEN = {
    # a fact whose subject has the wrong class: only the entity chunk sees it
    "leader is a country": _record("a1", {"subject": "country:x", "predicate": "leaderOf", "object": "country:y"},
                                   {"country:x": "Country", "country:y": "Country"}),
    # a mention node out of range: the article chunk sees it
    "confidence above 1": _record("a2", {"subject": "country:x", "predicate": "suppliesWeaponsTo", "object": "country:y",
                                         "confidence": 1.5}, {"country:x": "Country", "country:y": "Country"}),
    # a mention's destination of the wrong class: the article chunk with its entity context sees it
    "deployed to a weapon": _record("a3", {"subject": "country:x", "predicate": "deploys", "object": "weapon:w",
                                           "location": "weapon:w", "negated": True},
                                    {"country:x": "Country", "weapon:w": "WeaponSystem"}),
}
GOOD = _record("a0", {"subject": "person:a", "predicate": "leaderOf", "object": "country:x"},
               {"person:a": "Person", "country:x": "Country"})


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_chunked_validation_finds_what_whole_graph_validation_finds(case: str, tmp_path: Path) -> None:
    records = [GOOD, BROKEN[case]]
    assert not validate(build_graph(records))[0], "the whole-graph check must fail too"
    shard = tmp_path / "records.jsonl"
    shard.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with pytest.raises(ValueError, match="does not conform"):
        export_graph([shard], tmp_path / "work", io.StringIO())
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    out = io.StringIO()
    stats = export_graph([good], tmp_path / "work", out)
    assert out.getvalue().encode("utf-8") == serialize_turtle(build_graph([GOOD]))
    assert stats["triples"] == len(build_graph([GOOD]))


def test_progress_bars_only_on_request_or_a_terminal(capsys, monkeypatch) -> None:
    monkeypatch.delenv("NEWSKG_PROGRESS", raising=False)
    assert list(progress(range(3), 3, "quiet stage")) == [0, 1, 2]
    assert "quiet stage" not in capsys.readouterr().err  # pytest's stderr is not a terminal
    monkeypatch.setenv("NEWSKG_PROGRESS", "1")
    assert list(progress(range(3), 3, "shown stage")) == [0, 1, 2]
    assert "shown stage" in capsys.readouterr().err
