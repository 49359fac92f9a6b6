"""Crash safety and concurrency of ``newskg run``, with real subprocesses and SIGKILL.

The crash test first runs the pipeline uninterrupted and times each stage from Luigi's own log
lines ("running X" / "done X"). Then, on a fresh output folder, it starts ``newskg run`` again and
again and SIGKILLs it at a seeded random point inside each stage in turn (startup, ingest, entity
extraction, relation join, graph building, export, report; twice each), going on with a new chain
aimed at any stage the kills missed. After every kill, every file at a target path must be
complete (JSON Lines, JSON, Turtle, N-Triples, JSON-LD, spaCy DocBin and HTML all parse); each
chain's final re-run must publish bytes identical to the uninterrupted run and leave no temporary
file behind. Stages too short to aim at by time (under 50 ms) are only required to be survived.
"""
from __future__ import annotations

import json
import os
import queue
import random
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
import pytest

from pipeline.locking import LOCK_NAME, TEMP_MARKER, OutputLocked, output_lock, remove_stale_temp_files
from tests.conftest import EXAMPLES, REPO
from tests.test_hardening import PAGE_HTML, huge_article

SEED = 20240606
REUTERS = REPO.parent / "shared" / "corpus" / "reuters21578.jsonl"
FAMILIES = ("IngestArticles", "ExtractEntities", "MapRelations", "BuildGraph", "ExportGraph", "WriteReport")
KILL_PLAN = ["startup"] + [family for family in FAMILIES for _ in range(2)] + ["ExtractEntities"]
EVENT = re.compile(r"\) (running|done|failed|new requirements)\s+(\w+)\((.*)\)\s*$")
FORMATS = "ttl,nt,jsonld"
MIN_STAGE_SECONDS = 0.05
PUBLISHED = ("graph.ttl", "graph.nt", "graph.jsonld", "rejects.jsonl")


def write_corpus(root: Path, articles: int = 100) -> Path:
    """About a hundred short articles, an HTML page and a 20 MB text (read, then rejected)."""
    root.mkdir(parents=True)
    if REUTERS.exists():
        with REUTERS.open(encoding="utf-8") as fh:
            lines = [next(fh) for _ in range(articles)]
    else:  # generated news-like text, so the test runs without ../shared too
        rng = random.Random(SEED)
        countries = ["France", "Germany", "Poland", "Ukraine", "Japan", "Canada", "Brazil", "India", "Kenya", "Chile"]
        weapons = ["howitzers", "tanks", "drones", "missiles", "air defence systems"]
        lines = []
        for number in range(articles):
            sentences = [f"{rng.choice(countries)} has delivered {rng.choice(weapons)} to {rng.choice(countries)}, "
                         f"officials said on day {number}." for _ in range(6)]
            lines.append(json.dumps({"id": f"gen-{number}", "text": " ".join(sentences)}) + "\n")
    (root / "news.jsonl").write_text("".join(lines), encoding="utf-8")
    for name in ("iran-drones.txt", "poland-border.txt"):
        (root / name).write_bytes((EXAMPLES / name).read_bytes())
    (root / "page.html").write_text(PAGE_HTML, encoding="utf-8")
    (root / "huge.txt").write_text(huge_article(), encoding="utf-8")
    return root


@dataclass
class Run:
    """One ``newskg run`` subprocess whose Luigi log lines are read as they come."""

    output: Path
    corpus: Path
    started: float = 0.0
    events: list[tuple[float, str, str, str]] = field(default_factory=list)  # (t, action, family, params)
    running: dict[str, str] = field(default_factory=dict)  # task params -> family, still running
    stderr_tail: list[str] = field(default_factory=list)  # every stderr line read so far

    def problems(self) -> str:
        """Tracebacks and errors of the run's stderr (for assertion messages)."""
        keep = [line for line in self.stderr_tail if re.search(r"Error|Traceback|^\s+File |failed|newskg:", line)]
        return "".join(keep[-60:]) or "".join(self.stderr_tail[-40:])

    def start(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "pipeline.cli", "-v", "run", str(self.corpus), "--output", str(self.output),
             "--format", FORMATS], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)
        self.started = time.monotonic()
        self.lines: queue.Queue = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.proc.stderr:
            self.lines.put((time.monotonic() - self.started, line))
        self.lines.put(None)

    def next_event(self, timeout: float) -> tuple[float, str, str] | None | bool:
        """The next Luigi task event (t, action, family); None at end of output; False on timeout."""
        while True:
            try:
                item = self.lines.get(timeout=timeout)
            except queue.Empty:
                return False
            if item is None:
                return None
            seconds, line = item
            self.stderr_tail.append(line)
            match = EVENT.search(line)
            if not match:
                continue
            action, family, params = match.groups()
            if self.events and self.events[-1][1:] == (action, family, params):
                continue  # one event, logged again
            self.events.append((seconds, action, family, params))
            if action == "running":
                self.running[params] = family
            else:
                self.running.pop(params, None)
            return seconds, action, family

    def drain(self) -> None:
        while self.next_event(timeout=5) not in (None, False):
            pass

    def kill(self) -> int:
        os.kill(self.proc.pid, signal.SIGKILL)
        code = self.proc.wait(timeout=30)
        self.drain()
        return code

    def finish(self, timeout: float = 300) -> int:
        code = self.proc.wait(timeout=timeout)
        self.drain()
        return code


def stage_durations(events: list[tuple[float, str, str, str]]) -> dict[str, float]:
    """Longest running->done time per task family (BuildGraph: from the last map done to its done).

    For ExtractEntities that is the first shard of the run, which loads the spaCy model, as every
    re-run does.
    """
    started: dict[str, float] = {}
    longest: dict[str, float] = {}
    last_done_map = 0.0
    for seconds, action, family, params in events:
        if action == "running":
            started[params] = seconds
        elif action == "done":
            begin = last_done_map if family == "BuildGraph" else started.get(params, seconds)
            longest[family] = max(longest.get(family, 0.0), seconds - begin)
            if family == "MapRelations":
                last_done_map = seconds
    return longest


def stage_done(output: Path, family: str) -> bool:
    """Whether every target of a stage is on disk already (so a kill cannot land in it any more)."""
    work = output / "work"
    if family in ("startup", "IngestArticles"):
        return bool(list((work / "ingest").glob("*.json")))
    if family in ("ExtractEntities", "MapRelations"):
        folder = "entities" if family == "ExtractEntities" else "relations"
        manifests = list((work / "ingest").glob("*.json"))
        shards = json.loads(manifests[0].read_text(encoding="utf-8"))["shards"] if manifests else [None]
        return all(shard and list((work / folder).glob(f"{shard['digest']}-*.jsonl")) for shard in shards)
    if family == "BuildGraph":
        return bool(list((work / "graph").glob("*.ttl")))
    return (output / ("summary.json" if family == "ExportGraph" else "report.html")).exists()


def all_relations_written(output: Path) -> bool:
    manifests = list((output / "work" / "ingest").glob("*.json"))
    if not manifests:
        return False
    shards = json.loads(manifests[0].read_text(encoding="utf-8"))["shards"]
    relations = output / "work" / "relations"
    return all(list(relations.glob(f"{shard['digest']}-*.jsonl")) for shard in shards)


def check_no_partial_files(output: Path) -> list[Path]:
    """Every file at a target path parses completely; returns the temporary files seen (allowed)."""
    from spacy.tokens import DocBin

    temporary = []
    for path in sorted(p for p in output.rglob("*") if p.is_file()):
        if TEMP_MARKER in path.name:
            temporary.append(path)
            continue
        if path.name == LOCK_NAME:
            continue
        data = path.read_bytes()
        suffix = path.suffix
        if suffix == ".jsonl":
            assert data == b"" or data.endswith(b"\n"), path
            for line in data.decode("utf-8").splitlines():
                json.loads(line)
        elif suffix == ".json":
            json.loads(data)
        elif suffix in (".ttl", ".nt", ".jsonld"):
            if suffix == ".jsonld":
                json.loads(data)
            fmt = {".ttl": pyoxigraph.RdfFormat.TURTLE, ".nt": pyoxigraph.RdfFormat.N_TRIPLES,
                   ".jsonld": pyoxigraph.RdfFormat.JSON_LD}[suffix]
            list(pyoxigraph.parse(data, fmt))  # raises SyntaxError on a cut file (an empty fragment is fine)
            assert data or suffix == ".nt", path
        elif suffix == ".spacy":
            DocBin().from_bytes(data)
        elif suffix == ".html":
            assert data.rstrip().endswith(b"</html>"), path
        else:
            pytest.fail(f"unexpected file in the output folder: {path}")
    return temporary


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("crash") / "corpus")


def kill_in_stage(output: Path, corpus: Path, target: str, fraction: float, durations: dict[str, float],
                  first_task: float) -> tuple[str, Run] | None:
    """Start a run and SIGKILL it ``fraction`` into stage ``target``; return where it landed.

    None when the run ended before the stage started (nothing was left to do).
    """
    run = Run(output, corpus)
    run.start()
    if target == "startup":
        time.sleep(fraction * first_task)
    else:
        while True:  # wait for the target stage to start in this run
            event = run.next_event(timeout=180)
            if event is None:
                assert run.finish() in (0, 3), f"a run failed after earlier kills: {run.problems()}"
                return None
            assert event is not False, f"no progress for 180 s: {run.problems()}"
            _, action, family = event
            if target == "BuildGraph":
                if action in ("running", "done") and family in ("BuildGraph", "MapRelations") \
                        and all_relations_written(output):
                    break
            elif action == "running" and family == target:
                break
        time.sleep(fraction * durations[target])
    code = run.kill()
    if code != -signal.SIGKILL:
        assert code in (0, 3), f"a run failed after earlier kills: {run.problems()}"
        return None
    if run.running:
        return min(run.running.values()), run
    if not stage_done(output, "IngestArticles"):
        return "startup", run
    if all_relations_written(output) and not stage_done(output, "BuildGraph"):
        return "BuildGraph", run
    return "between tasks", run


def test_sigkill_at_random_points_in_every_stage(corpus: Path, tmp_path: Path) -> None:
    rng = random.Random(SEED)
    reference = Run(tmp_path / "reference", corpus)
    reference.start()
    assert reference.finish() == 3, reference.problems()  # huge.txt is rejected
    first_task = reference.events[0][0]
    durations = stage_durations(reference.events)
    assert set(durations) == set(FAMILIES), durations

    # a stage shorter than MIN_STAGE_SECONDS cannot be aimed at by time (it still gets kills, by chance)
    aimable = ["startup", *(family for family in FAMILIES if durations[family] >= MIN_STAGE_SECONDS)]
    landed: list[str] = []
    temporaries = 0
    plan = KILL_PLAN
    for chain in range(3):  # a chain whose kills missed a stage is followed by one aimed at it
        output = tmp_path / f"crashed-{chain}"
        for target in plan:
            fraction = rng.uniform(0.05, 0.6)
            if stage_done(output, target):
                continue
            result = kill_in_stage(output, corpus, target, fraction, durations, first_task)
            if result is None:
                break
            where, run = result
            landed.append(where)
            print(f"chain {chain}: kill aimed at {target} landed in {where} "
                  f"{time.monotonic() - run.started:.1f} s after start", flush=True)
            temporaries += len(check_no_partial_files(output))
            assert not any("another newskg run" in line for line in run.stderr_tail), "a killed run kept its lock"
        final = Run(output, corpus)
        final.start()
        assert final.finish() == 3, final.problems()
        assert check_no_partial_files(output) == [], "temporary files left after the final run"
        for name in PUBLISHED:
            assert (output / name).read_bytes() == (reference.output / name).read_bytes(), name
        missed = [stage for stage in aimable if stage not in landed]
        if len(landed) >= 10 and not missed:
            break
        order = ("startup", *FAMILIES)
        plan = sorted(missed + ["ExtractEntities"] * max(0, 10 - len(landed)), key=order.index)
    assert len(landed) >= 10, landed
    assert set(aimable) <= set(landed), landed
    assert len(aimable) >= 5, f"most stages are too short to aim at: {durations}"
    print(f"kills landed in: {landed}; temporary files seen after kills: {temporaries}; "
          f"stage seconds: { {k: round(v, 2) for k, v in durations.items()} }")


def test_second_run_on_the_same_output_is_refused(tmp_path: Path) -> None:
    output = tmp_path / "out"
    first = Run(output, EXAMPLES)
    first.start()
    lock = output / LOCK_NAME
    deadline = time.monotonic() + 60
    while not (lock.exists() and lock.read_text().strip() == str(first.proc.pid)):
        assert time.monotonic() < deadline and first.proc.poll() is None, "the first run never took the lock"
        time.sleep(0.05)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "pipeline.cli", "run", str(EXAMPLES), "--output", str(output), "--format", FORMATS]
    second = subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO, timeout=120)
    still_running = first.proc.poll() is None
    assert second.returncode == 1, second.stderr[-2000:]
    assert (f"newskg: another newskg run is using {output} (pid {first.proc.pid}); wait for it to finish or use "
            "another --output") in second.stderr
    assert still_running, "the first run ended before the second one was refused: the test proved nothing"
    assert first.finish() == 0, first.problems()
    assert check_no_partial_files(output) == []
    third = subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO, timeout=300)
    assert third.returncode == 0, third.stderr[-2000:]  # the lock is free again; nothing left to do
    assert "articles: 5" in third.stdout


def test_output_lock_in_process(tmp_path: Path) -> None:
    with output_lock(tmp_path / "out") as path:
        assert path.read_text().strip() == str(os.getpid())
        with pytest.raises(OutputLocked) as error:
            with output_lock(tmp_path / "out"):
                pass
        assert error.value.pid == os.getpid()
        assert str(error.value) == (f"another newskg run is using {tmp_path / 'out'} (pid {os.getpid()}); "
                                    "wait for it to finish or use another --output")
    with output_lock(tmp_path / "out"):  # released on exit
        stale = tmp_path / "out" / "work" / "graph" / "x.ttl-luigi-tmp-0123456789"
        stale.parent.mkdir(parents=True)
        stale.write_text("partial")
        keep = stale.parent / "x.ttl"
        keep.write_text("complete")
        assert remove_stale_temp_files(tmp_path / "out") == [stale]
        assert keep.exists() and not stale.exists()
