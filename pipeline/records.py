"""Plain record I/O shared by the stages: JSON Lines targets written atomically, shards, summaries."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
from collections import Counter
from typing import Any, Iterable, Iterator, TypeVar

import luigi


FACT_THRESHOLD = 0.5


def is_fact(relation: dict) -> bool:
    """A relation mention that is not negated and has confidence >= 0.5 is a fact."""
    return not relation["negated"] and relation["confidence"] >= FACT_THRESHOLD


def dumps(record: Any) -> str:
    """Canonical JSON for a record (sorted keys, no ASCII escaping): same record, same line."""
    return json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def write_jsonl(target: luigi.LocalTarget, records: Iterable[Any]) -> None:
    """Write records one per line; Luigi's target writes a temp file and renames it into place."""
    with target.open("w") as fh:
        for record in records:
            fh.write(dumps(record) + "\n")


def read_jsonl(target: luigi.LocalTarget) -> list[Any]:
    """Read the records of a JSON Lines target."""
    with target.open("r") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def iter_jsonl(target: luigi.LocalTarget) -> Iterator[Any]:
    """Stream the records of a JSON Lines target, one at a time (memory flat for big shards)."""
    with target.open("r") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def write_json_atomic(target: luigi.LocalTarget, data: Any) -> None:
    """Write one JSON document atomically (temp file, then rename)."""
    with target.open("w") as fh:
        fh.write(json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1) + "\n")


def shard_of(article_id: str, shards: int) -> int:
    """The shard an article belongs to: a stable hash of its id (independent of PYTHONHASHSEED)."""
    return int(hashlib.sha256(article_id.encode("utf-8")).hexdigest(), 16) % max(1, shards)


def shard_articles(articles: list[dict], shards: int) -> list[tuple[str, list[dict]]]:
    """Split articles into non-empty shards; each named by the digest of its content."""
    buckets: list[list[dict]] = [[] for _ in range(max(1, shards))]
    for article in articles:
        buckets[shard_of(article["id"], shards)].append(article)
    out = []
    for bucket in buckets:
        if bucket:
            digest = hashlib.sha256("".join(dumps(a) for a in bucket).encode("utf-8")).hexdigest()[:24]
            out.append((digest, bucket))
    return out


def summarise(manifest: dict, records: Iterable[dict], triples: int) -> dict[str, Any]:
    """Run summary: articles, rejects, entities by type, relation mentions and facts by type, triples.

    ``records`` is read once, so a stream (:func:`iter_jsonl` over the shards) keeps memory flat.
    """

    entity_types: dict[str, str] = {}
    mentions: Counter = Counter()
    facts: Counter = Counter()
    for record in records:
        for entity in record["entities"]:
            entity_types.setdefault(entity["key"], entity["type"])
        for relation in record["relations"]:
            mentions[relation["predicate"]] += 1
            if is_fact(relation):
                facts[relation["predicate"]] += 1
    return {
        "articles": manifest["articles"],
        "rejected": len(manifest["rejects"]),
        "reject_reasons": [f"{r['path']}: {r['reason']}" for r in manifest["rejects"]],
        "entities": len(entity_types),
        "entities_by_type": dict(sorted(Counter(entity_types.values()).items())),
        "relation_mentions": dict(sorted(mentions.items())),
        "facts": dict(sorted(facts.items())),
        "triples": triples,
    }


def write_bytes_atomic(target: luigi.LocalTarget, data: bytes) -> None:
    """Write bytes to a target atomically, replacing an older file (temp file, then rename)."""
    with luigi.LocalTarget(target.path, format=luigi.format.Nop).open("w") as fh:
        fh.write(data)


def copy_file_atomic(source: str, target: luigi.LocalTarget) -> None:
    """Copy a file to a target atomically, replacing an older file, without reading it into memory."""
    with open(source, "rb") as src, luigi.LocalTarget(target.path, format=luigi.format.Nop).open("w") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)


T = TypeVar("T")
PROGRESS_ENV = "NEWSKG_PROGRESS"


def show_progress_bars() -> bool:
    """Progress bars on a terminal only: stderr is a TTY, not under CI; ``NEWSKG_PROGRESS=0/1`` overrides."""
    forced = os.environ.get(PROGRESS_ENV)
    if forced in {"0", "1"}:
        return forced == "1"
    return sys.stderr.isatty() and not os.environ.get("CI")


def progress(items: Iterable[T], total: int, desc: str, task: Any = None, unit: str = "article",
             every: float = 2.0) -> Iterator[T]:
    """Yield ``items``; show a tqdm bar on a terminal and report progress to Luigi for ``task``.

    Luigi status messages and percentages (``set_status_message``/``set_progress_percentage``,
    shown in the luigid web page) are sent at most every ``every`` seconds and at the end.
    """
    bar = None
    if show_progress_bars():
        from tqdm import tqdm

        bar = tqdm(total=total, desc=desc, unit=unit, leave=False, file=sys.stderr, dynamic_ncols=True)
    report_status = getattr(task, "set_status_message", None)
    report_percent = getattr(task, "set_progress_percentage", None)
    done, last = 0, 0.0
    try:
        for item in items:
            yield item
            done += 1
            if bar is not None:
                bar.update()
            now = time.monotonic()
            if report_status is not None and (now - last >= every or done == total):
                last = now
                report_status(f"{desc}: {done}/{total} {unit}s")
                if report_percent is not None:
                    report_percent(int(100 * done / max(1, total)))
    finally:
        if bar is not None:
            bar.close()


def report(task: Any, message: str, percent: int | None = None) -> None:
    """Send a Luigi status message (and percentage) for ``task`` when it runs under a Luigi worker."""
    report_status = getattr(task, "set_status_message", None)
    if report_status is not None:
        report_status(message)
    report_percent = getattr(task, "set_progress_percentage", None)
    if percent is not None and report_percent is not None:
        report_percent(percent)


def step_reporter(task: Any, steps: dict[str, tuple[int, int]]) -> Any:
    """A ``(step, done, total)`` callback for a task made of weighted steps.

    ``steps`` maps a step name to its share of the task as a (start %, end %) pair. Each call sends
    the Luigi status message and percentage; on a terminal each step also gets a tqdm bar.
    """
    bars: dict[str, Any] = {}

    def tick(step: str, done: int, total: int) -> None:
        start, end = steps.get(step, (0, 100))
        report(task, f"{step}: {done}/{total}", int(start + (end - start) * done / max(1, total)))
        if show_progress_bars():
            from tqdm import tqdm

            bar = bars.get(step)
            if bar is None:
                bar = bars[step] = tqdm(total=total, desc=step, leave=False, file=sys.stderr, dynamic_ncols=True)
            bar.update(done - bar.n)
            if done >= total:
                bar.close()

    return tick
