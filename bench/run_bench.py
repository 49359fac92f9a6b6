"""Benchmark the newskg pipeline against a bare spaCy baseline on the same texts.

Runs every measurement in a fresh Python process (so each pays its own imports and model load, and
its memory is its own) and, from this parent process, records

* wall seconds, articles/s and words/s (words = whitespace-separated tokens of the article texts);
* CPU seconds (user + system) of the whole process tree (``resource.getrusage(RUSAGE_CHILDREN)``);
* peak memory: the peak of the summed RSS (and PSS, which counts pages shared after a fork once)
  over the process and all its children, sampled every 0.1 s with psutil, and the largest single
  process's ``ru_maxrss``.

Scenarios (each optional, see ``--help``):

* ``throughput``: the pipeline (real Luigi tasks via ``pipeline.cli.export_task`` + ``run_luigi``,
  into a fresh temporary output folder) and two baselines, for 1 and 2 processes:
  - ``spacy-model``: ``spacy.load(model)`` with its default pipeline — tok2vec, tagger, parser,
    attribute_ruler, lemmatizer, ner (``senter`` stays disabled, as in the package) — which is
    exactly the set of statistical components newskg's rules read (POS, tags, lemmas, dependencies,
    sentence starts from the parser, NER labels); ``nlp.pipe(texts, batch_size=B, n_process=P)``.
  - ``newskg-nlp``: the pipeline's own ``pipeline.nlp.get_nlp()`` object (the same model plus
    newskg's paragraph breaker, gazetteer EntityRuler and weapon-name matcher), same call.
  2 processes means Luigi ``--workers 2`` for the pipeline and ``n_process=2`` for the baselines.
* ``memory``: the pipeline on one process for each size in ``--memory-sizes``.
* ``incremental``: a re-run with nothing changed, then the same input plus one new article.
* ``export``: Turtle export + SHACL validation of about ``--export-triples`` triples, from real
  per-shard records replicated under new article ids (no spaCy involved).

The corpus is ``../shared/corpus/reuters21578.jsonl`` (2,781 Reuters articles, 1987). Sizes above
2,781 repeat the set with new ids (``reuters-N~r1``, ``~r2`` ...): same texts, new articles.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "reuters21578.jsonl"


# --------------------------------------------------------------------------- corpus

def load_corpus(path: Path = CORPUS) -> list[dict]:
    """The corpus records (id, title, published, source_name, text)."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def make_corpus(records: list[dict], n: int, path: Path, offset: int = 0) -> dict:
    """Write ``n`` articles to a JSON Lines file, repeating the corpus with new ids past its end."""
    words = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(offset, offset + n):
            base = records[i % len(records)]
            rep = i // len(records)
            record = dict(base, id=base["id"] if rep == 0 else f"{base['id']}~r{rep}")
            words += len(record["text"].split())
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return {"articles": n, "words": words, "repeated": n > len(records)}


# --------------------------------------------------------------------------- measuring

class TreeSampler(threading.Thread):
    """Sample the summed RSS/PSS of a process and its descendants until stopped."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_rss = self.peak_pss = 0
        self.max_procs = 0
        self._halt = threading.Event()

    def run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._halt.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.Error:
                break
            rss = pss = 0
            for proc in procs:
                try:
                    info = proc.memory_full_info()
                except psutil.Error:
                    continue
                rss += info.rss
                pss += getattr(info, "pss", info.rss)
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self.max_procs = max(self.max_procs, len(procs))
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def measure(argv: list[str], env: dict | None = None) -> dict:
    """Run a command in a child process; wall/CPU seconds and peak memory of its process tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})}, cwd=REPO)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - started
    sampler.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode}):\n{err[-4000:]}")
    result = json.loads(out.strip().splitlines()[-1]) if out.strip() else {}
    result.update({
        "wall_s": round(wall, 3),
        "cpu_s": round((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), 3),
        "peak_rss_mb": round(sampler.peak_rss / 2**20, 1),
        "peak_pss_mb": round(sampler.peak_pss / 2**20, 1),
        "max_single_rss_mb": round(after.ru_maxrss / 1024, 1),
        "minor_page_faults": after.ru_minflt - before.ru_minflt,
        "processes": sampler.max_procs,
    })
    return result


def _self(*args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), *args]


# --------------------------------------------------------------------------- child modes

def child_pipeline(args: argparse.Namespace) -> None:
    """Run the real Luigi pipeline (what ``newskg run`` does) and print the summary as JSON."""
    sys.path.insert(0, str(REPO))
    from pipeline.cli import export_task, run_luigi

    task = export_task([args.input], args.output, args.model, args.shards)
    ok = run_luigi([task], workers=args.workers)
    if not ok:
        raise SystemExit("the pipeline failed")
    with task.output()["summary"].open("r") as fh:
        summary = json.load(fh)
    print(json.dumps({"triples": summary["triples"], "articles": summary["articles"],
                      "facts": summary.get("facts", {})}))


def child_baseline(args: argparse.Namespace) -> None:
    """``nlp.pipe`` over the same texts with the bare model or the newskg nlp object."""
    sys.path.insert(0, str(REPO))
    if args.nlp == "spacy-model":
        import spacy

        from pipeline.nlp import default_model_name

        nlp = spacy.load(args.model or default_model_name())
    else:
        from pipeline.nlp import get_nlp

        nlp = get_nlp(args.model or None)
    with open(args.input, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    tokens = 0
    for doc in nlp.pipe(texts, batch_size=args.batch_size, n_process=args.processes):
        tokens += len(doc)
    print(json.dumps({"components": nlp.pipe_names, "tokens": tokens}))


def child_export(args: argparse.Namespace) -> None:
    """Run the export tasks (BuildGraph + ExportGraph) on pre-made shard records."""
    child_pipeline(args)


# --------------------------------------------------------------------------- scenarios

def _rate(row: dict, info: dict) -> dict:
    row["articles_s"] = round(info["articles"] / row["wall_s"], 2)
    row["words_s"] = round(info["words"] / row["wall_s"], 1)
    return row


def run_pipeline(input_path: Path, output: Path, workers: int, shards: int, model: str, batch_size: int) -> dict:
    return measure(_self("_pipeline", "--input", str(input_path), "--output", str(output),
                         "--workers", str(workers), "--shards", str(shards), "--model", model),
                   env={"LUIGI_CONFIG_PATH": _luigi_cfg(output.parent, batch_size)})


def _luigi_cfg(folder: Path, batch_size: int) -> str:
    cfg = folder / f"luigi-b{batch_size}.cfg"
    cfg.write_text(f"[newskg]\nbatch_size = {batch_size}\n\n[core]\nlog_level = WARNING\n", encoding="utf-8")
    return str(cfg)


def scenario_throughput(args: argparse.Namespace, records: list[dict], tmp: Path) -> dict:
    corpus = tmp / f"corpus-{args.articles}.jsonl"
    info = make_corpus(records, args.articles, corpus)
    rows: list[dict] = []
    for processes in args.processes:
        for rep in range(args.repeat):
            for kind in ("pipeline", "spacy-model", "newskg-nlp"):
                if kind != "pipeline" and kind not in args.baselines:
                    continue
                if kind == "pipeline":
                    out = tmp / f"out-p{processes}-r{rep}"
                    row = run_pipeline(corpus, out, processes, args.shards, args.model, args.batch_size)
                    shutil.rmtree(out, ignore_errors=True)
                else:
                    row = measure(_self("_baseline", "--input", str(corpus), "--nlp", kind, "--processes",
                                        str(processes), "--batch-size", str(args.batch_size), "--model", args.model))
                row.update({"kind": kind, "processes": processes, "repeat": rep})
                rows.append(_rate(row, info))
                _log(f"  {kind:12s} p={processes} wall {row['wall_s']:7.1f}s cpu {row['cpu_s']:7.1f}s "
                     f"{row['articles_s']:7.2f} art/s {row['words_s']:9.1f} words/s peak {row['peak_rss_mb']:7.1f} MB")
    best: dict = {}
    for row in rows:
        key = (row["kind"], row["processes"])
        if key not in best or row["wall_s"] < best[key]["wall_s"]:
            best[key] = row
    summary = {"corpus": info, "shards": args.shards, "batch_size": args.batch_size, "rows": rows, "best": {}}
    for (kind, processes), row in sorted(best.items()):
        summary["best"][f"{kind}/p{processes}"] = {k: row[k] for k in (
            "wall_s", "cpu_s", "articles_s", "words_s", "peak_rss_mb", "peak_pss_mb", "max_single_rss_mb")}
    for processes in args.processes:
        pipe = best.get(("pipeline", processes))
        for kind in args.baselines:
            base = best.get((kind, processes))
            if pipe and base:
                summary["best"][f"ratio pipeline/{kind} p{processes}"] = {
                    "wall": round(base["wall_s"] / pipe["wall_s"], 3), "cpu": round(base["cpu_s"] / pipe["cpu_s"], 3)}
    if 1 in args.processes and 2 in args.processes:
        for kind in ("pipeline", *args.baselines):
            one, two = best.get((kind, 1)), best.get((kind, 2))
            if one and two:
                summary["best"][f"speedup 2/1 {kind}"] = round(one["wall_s"] / two["wall_s"], 3)
    return summary


def scenario_memory(args: argparse.Namespace, records: list[dict], tmp: Path) -> dict:
    out: dict = {"shards": args.shards, "runs": {}}
    for size in args.memory_sizes:
        corpus = tmp / f"mem-{size}.jsonl"
        info = make_corpus(records, size, corpus)
        output = tmp / f"mem-out-{size}"
        row = _rate(run_pipeline(corpus, output, 1, args.shards, args.model, args.batch_size), info)
        out["runs"][str(size)] = row
        shutil.rmtree(output, ignore_errors=True)
        _log(f"  memory n={size}: wall {row['wall_s']:.1f}s peak {row['peak_rss_mb']:.1f} MB "
             f"(largest process {row['max_single_rss_mb']:.1f} MB)")
    sizes = [str(s) for s in args.memory_sizes]
    if len(sizes) >= 2:
        out["ratio_peak_largest_smallest"] = round(out["runs"][sizes[-1]]["peak_rss_mb"] / out["runs"][sizes[0]]["peak_rss_mb"], 3)
    return out


def scenario_incremental(args: argparse.Namespace, records: list[dict], tmp: Path) -> dict:
    folder = tmp / "inc-in"
    folder.mkdir()
    info = make_corpus(records, args.incremental, folder / "archive.jsonl")
    output = tmp / "inc-out"
    first = run_pipeline(folder, output, args.incremental_workers, args.shards, args.model, args.batch_size)
    _log(f"  first run n={info['articles']}: {first['wall_s']:.1f}s")
    again = run_pipeline(folder, output, 1, args.shards, args.model, args.batch_size)
    _log(f"  re-run, nothing changed: {again['wall_s']:.2f}s")
    before = {p for p in (output / "work").rglob("*") if p.is_file()}
    make_corpus(records, 1, folder / "new-article.jsonl", offset=args.incremental + 17 * len(records))
    added = run_pipeline(folder, output, 1, args.shards, args.model, args.batch_size)
    new_files = sorted(str(p.relative_to(output / "work")) for p in (output / "work").rglob("*")
                       if p.is_file() and p not in before)
    _log(f"  one article added: {added['wall_s']:.2f}s; new work files: {len(new_files)}")
    return {"articles": info["articles"], "shards": args.shards, "first_run": first, "rerun_unchanged": again,
            "one_article_added": added, "new_work_files": new_files}


def scenario_export(args: argparse.Namespace, records: list[dict], tmp: Path) -> dict:
    """About ``--export-triples`` triples: real shard records, replicated with new article ids."""
    sys.path.insert(0, str(REPO))
    seed_n = min(args.export_seed, len(records))
    corpus = tmp / "export-seed.jsonl"
    make_corpus(records, seed_n, corpus)
    seed_out = tmp / "export-seed-out"
    seed = run_pipeline(corpus, seed_out, 2, args.shards, args.model, args.batch_size)
    per_article = seed["triples"] / seed_n
    repeated = _repeated_triples(seed_out / "graph.ttl")  # article, mention and mentionedIn triples
    copies = max(1, math.ceil((args.export_triples - (seed["triples"] - repeated)) / repeated))
    _log(f"  seed run: {seed_n} articles, {seed['triples']} triples ({repeated} per copy); replicating x{copies}")
    big = tmp / "export-in"
    big.mkdir()
    info = make_corpus(records, seed_n * copies, big / "articles.jsonl")
    output = tmp / "export-out"
    _replicate_records(seed_out, big, output, args.shards, args.model)
    row = run_pipeline(big, output, 1, args.shards, args.model, args.batch_size)
    _log(f"  export of {row['triples']} triples: wall {row['wall_s']:.1f}s peak {row['peak_rss_mb']:.1f} MB")
    size = (output / "graph.ttl").stat().st_size
    return {"seed_articles": seed_n, "triples_per_article": round(per_article, 2), "articles": info["articles"],
            "triples": row["triples"], "turtle_mb": round(size / 2**20, 1), "run": row}


def _repeated_triples(turtle: Path) -> int:
    """Triples a copy of the corpus under new ids adds: about articles and mentions, and mentionedIn."""
    from rdflib import Graph

    from pipeline.graph import NKG, OWNED_PREFIXES

    graph = Graph().parse(turtle, format="turtle")
    return sum(1 for s, p, _o in graph if str(s).startswith(OWNED_PREFIXES) or p == NKG.mentionedIn)


def _replicate_records(seed_out: Path, big_input: Path, output: Path, shards: int, model: str) -> None:
    """Pre-compute the per-shard NLP targets of ``big_input`` from the seed run's records.

    Article ``X~rK`` of the big corpus is a copy of seed article ``X``, so its record is the seed
    record under the new id (same text, same parse); ingestion, graph building, validation and
    export then run for real on the big corpus.
    """
    import luigi

    from pipeline.cli import export_task
    from pipeline.records import iter_jsonl, read_jsonl, write_jsonl
    from pipeline.tasks import EMPTY_SHARD, ShardFile

    by_id: dict[str, dict] = {}
    for path in (seed_out / "work" / "relations").glob("*.jsonl"):
        for record in iter_jsonl(luigi.LocalTarget(str(path))):
            by_id[record["article"]["id"]] = record
    build = export_task([str(big_input)], str(output), model, shards).requires()
    luigi.build([build.ingest()], local_scheduler=True, log_level="WARNING")
    for task in build.shard_tasks():
        digest = task.requires().digest()
        articles = [] if digest == EMPTY_SHARD else read_jsonl(ShardFile(output_dir=str(output), digest=digest).output())
        records = []
        for article in articles:
            record = json.loads(json.dumps(by_id[article["id"].split("~r")[0]]))
            record["article"] = {**record["article"], "id": article["id"], "sha256": article["sha256"]}
            records.append(record)
        write_jsonl(task.output(), records)


# --------------------------------------------------------------------------- machine

def machine() -> dict:
    """Where the numbers come from."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import psutil
    import spacy

    try:
        import luigi
        luigi_version = luigi.__version__
    except (ImportError, AttributeError):
        luigi_version = "?"
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "python": platform.python_version(), "spacy": spacy.__version__, "luigi": luigi_version,
            "platform": platform.platform(), "loadavg_start": os.getloadavg()}


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="mode")
    for name in ("_pipeline", "_export"):
        child = sub.add_parser(name)
        child.add_argument("--input", required=True)
        child.add_argument("--output", required=True)
        child.add_argument("--workers", type=int, default=1)
        child.add_argument("--shards", type=int, default=16)
        child.add_argument("--model", default="")
    child = sub.add_parser("_baseline")
    child.add_argument("--input", required=True)
    child.add_argument("--nlp", choices=("spacy-model", "newskg-nlp"), default="spacy-model")
    child.add_argument("--processes", type=int, default=1)
    child.add_argument("--batch-size", type=int, default=32)
    child.add_argument("--model", default="")

    parser.add_argument("--articles", type=int, default=1000, help="articles for the throughput scenario")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1, help="repeat each throughput run; the best wall time counts")
    parser.add_argument("--baselines", nargs="*", default=["spacy-model", "newskg-nlp"])
    parser.add_argument("--shards", type=int, default=16)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--model", default="")
    parser.add_argument("--scenarios", nargs="+", default=["throughput"],
                        choices=("throughput", "memory", "incremental", "export"))
    parser.add_argument("--memory-sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--incremental", type=int, default=10000, help="articles for the incremental scenario")
    parser.add_argument("--incremental-workers", type=int, default=2)
    parser.add_argument("--export-triples", type=int, default=1_000_000)
    parser.add_argument("--export-seed", type=int, default=2781)
    parser.add_argument("--json", help="also write the results to this JSON file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)

    if args.mode == "_pipeline":
        child_pipeline(args)
        return 0
    if args.mode == "_export":
        child_export(args)
        return 0
    if args.mode == "_baseline":
        child_baseline(args)
        return 0
    if not CORPUS.exists():
        print(f"{CORPUS} is absent: the benchmark reads the shared Reuters corpus beside the clone", file=sys.stderr)
        return 2
    records = load_corpus()
    results: dict = {"machine": machine(), "args": {k: v for k, v in vars(args).items() if k != "mode"}}
    tmp = Path(tempfile.mkdtemp(prefix="newskg-bench-"))
    try:
        for scenario in args.scenarios:
            _log(f"{scenario}:")
            started = time.perf_counter()
            results[scenario] = globals()[f"scenario_{scenario}"](args, records, tmp)
            results[scenario]["scenario_seconds"] = round(time.perf_counter() - started, 1)
    finally:
        results["machine"]["loadavg_end"] = os.getloadavg()
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            _log(f"kept {tmp}")
    text = json.dumps(results, indent=1)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
