"""Output formats of the published graph: Turtle (always), N-Triples and JSON-LD (on request).

Every serialisation is deterministic (same graph, same bytes): Turtle comes from rdflib's sorted
Turtle serializer (:func:`pipeline.graph.serialize_turtle`), N-Triples lines are sorted, and the
JSON-LD document lists its nodes by ``@id`` with sorted keys and sorted values.
"""
from __future__ import annotations

import json
from typing import Any

from rdflib import BNode, Graph

from pipeline.graph import PREFIXES, serialize_turtle

FORMATS: dict[str, str] = {"ttl": "graph.ttl", "nt": "graph.nt", "jsonld": "graph.jsonld"}
"""Format name (as given to ``--format``) -> file name in the output folder."""

DEFAULT_FORMATS = "ttl"


def parse_formats(value: str) -> list[str]:
    """``"ttl,nt"`` -> ``["ttl", "nt"]``: known names, de-duplicated, ``ttl`` always first.

    Raises ``ValueError`` naming the unknown format and the known ones.
    """
    names = [part.strip().lower() for part in value.split(",") if part.strip()]
    unknown = [name for name in names if name not in FORMATS]
    if unknown:
        raise ValueError(f"unknown output format {unknown[0]!r} (choose from {', '.join(FORMATS)})")
    return ["ttl"] + sorted(set(names) - {"ttl"}, key=list(FORMATS).index)


def serialize_ntriples(graph: Graph) -> bytes:
    """N-Triples (UTF-8), one triple a line, lines sorted."""
    _check_no_blank_nodes(graph)
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    lines = sorted({line for line in text.split("\n") if line.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def _sort_values(value: Any) -> Any:
    """JSON-LD node values in a stable order (sets of values have none of their own)."""
    if isinstance(value, list):
        items = [_sort_values(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    if isinstance(value, dict):
        return {key: _sort_values(item) for key, item in value.items()}
    return value


def serialize_jsonld(graph: Graph) -> bytes:
    """JSON-LD (compacted with the newskg prefixes): nodes sorted by ``@id``, keys and values sorted."""
    _check_no_blank_nodes(graph)
    context = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    document = json.loads(graph.serialize(format="json-ld", context=context, encoding="utf-8"))
    nodes = document.get("@graph", [] if "@id" not in document else [
        {k: v for k, v in document.items() if k != "@context"}])
    nodes = sorted((_sort_values(node) for node in nodes), key=lambda node: node["@id"])
    stable = {"@context": context, "@graph": nodes}
    return (json.dumps(stable, sort_keys=True, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def serialize(graph: Graph, fmt: str) -> bytes:
    """The graph in one of :data:`FORMATS`."""
    if fmt == "ttl":
        return serialize_turtle(graph)
    if fmt == "nt":
        return serialize_ntriples(graph)
    if fmt == "jsonld":
        return serialize_jsonld(graph)
    raise ValueError(f"unknown output format {fmt!r} (choose from {', '.join(FORMATS)})")


def _check_no_blank_nodes(graph: Graph) -> None:
    """Sorted output is only stable without blank nodes (their labels are random); newskg makes none."""
    for triple in graph:
        if any(isinstance(term, BNode) for term in triple):
            raise ValueError("the graph has blank nodes: N-Triples/JSON-LD output would not be deterministic")
