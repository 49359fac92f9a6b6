"""Plain record I/O shared by the stages: JSON Lines targets written atomically, shards, summaries."""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any, Iterable

import luigi


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


def summarise(manifest: dict, records: list[dict], triples: int) -> dict[str, Any]:
    """Run summary: articles, rejects, entities by type, relation mentions and facts by type, triples."""
    from pipeline.relations import is_fact

    entity_types: dict[str, str] = {}
    for record in records:
        for entity in record["entities"]:
            entity_types.setdefault(entity["key"], entity["type"])
    mentions = Counter(r["predicate"] for record in records for r in record["relations"])
    facts = Counter(r["predicate"] for record in records for r in record["relations"] if is_fact(r))
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
