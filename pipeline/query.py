"""Ask the knowledge graph questions: canned SPARQL queries and a small Python API.

The same query runs against three kinds of source and gives the same plain rows:

- a Turtle file (``output/graph.ttl``), read with rdflib;
- the embedded Oxigraph store (``output/store/``, written by ``newskg load``), read with pyoxigraph;
- a SPARQL endpoint (any SPARQL 1.1 Protocol query URL), asked for ``application/sparql-results+json``.

Canned queries are the ``.rq`` files in ``pipeline/queries/`` (leaders, suppliers, recipients,
deployments, evidence, entity); each declares its parameters in ``# param NAME: ...`` header lines.
User values are bound by a ``VALUES`` block placed at the start of the query's WHERE group, built
from RDF terms serialised by pyoxigraph (so quotes, braces, newlines and comment signs in a value
stay inside its literal); they are never formatted into the query text themselves.

Example::

    from pipeline.query import leaders, evidence
    for row in leaders(of="Poland", source="output/graph.ttl"):
        print(row["leader"], "leads", row["state"])
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

import pyoxigraph as ox

from pipeline.store import (DEFAULT_STORE_DIR, HttpSettings, StoreError, check_url, derive_query_endpoint,
                            graph_node, open_store, sparql_select)

QUERY_DIR = Path(__file__).resolve().parent / "queries"
DEFAULT_GRAPH_FILE = Path("output") / "graph.ttl"
XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                    "positiveInteger", "negativeInteger", "nonPositiveInteger",
                                    "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_FLOAT_TYPES = {XSD + t for t in ("decimal", "double", "float")}
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_PARAM_LINE = re.compile(r"^#\s*param\s+(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*(?:\(\?(?P<var>[A-Za-z_][A-Za-z0-9_]*)\))?"
                         r"\s*:\s*(?P<doc>.*)$")
_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")

Row = dict[str, Any]


class QueryError(Exception):
    """A query could not be prepared or run; the message is one line a user can act on."""


@dataclass(frozen=True)
class Param:
    """A parameter a query declares: its name, the SPARQL variable it binds, what it means."""

    name: str
    variable: str
    doc: str
    required: bool


# --------------------------------------------------------------------------- query files and binding

def canned_queries() -> dict[str, Path]:
    """The queries shipped with the package, by name (``leaders`` -> ``queries/leaders.rq``)."""
    return {p.stem: p for p in sorted(QUERY_DIR.glob("*.rq")) if not p.stem.startswith("_")}


def load_query(name_or_path: str | os.PathLike) -> str:
    """The text of a canned query (by name) or of a ``.rq`` file (by path)."""
    text = str(name_or_path)
    internal = QUERY_DIR / f"{text}.rq"
    if re.fullmatch(r"_?[A-Za-z0-9_-]+", text) and internal.is_file():
        return internal.read_text(encoding="utf-8")
    path = Path(name_or_path)
    if path.is_file():
        return path.read_text(encoding="utf-8")
    names = ", ".join(canned_queries())
    raise QueryError(f"no query named {text!r} (canned queries: {names}; or give a .rq file)")


def declared_params(text: str) -> dict[str, Param]:
    """The ``# param NAME [(?VAR)]: description`` lines of a query; "(required)" marks a required one."""
    params = {}
    for line in text.splitlines():
        match = _PARAM_LINE.match(line.strip())
        if match:
            doc = match["doc"].strip()
            params[match["name"]] = Param(match["name"], match["var"] or match["name"], doc, "(required)" in doc)
    return params


def to_term(value: Any) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """An RDF term for a parameter value: text becomes a plain literal; RDF terms pass through."""
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    from rdflib import BNode, Literal, URIRef

    if isinstance(value, URIRef):
        return ox.NamedNode(str(value))
    if isinstance(value, Literal):
        if value.language:
            return ox.Literal(str(value), language=value.language)
        if value.datatype:
            return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
        return ox.Literal(str(value))
    if isinstance(value, BNode):
        raise QueryError("a blank node cannot be a query parameter")
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    return ox.Literal(str(value))


def _where_braces(text: str) -> list[int]:
    """Offsets just after the ``{`` that opens each ``WHERE`` group (outside comments, strings, IRIs)."""
    found, i, n, after_where = [], 0, len(text), False
    while i < n:
        ch = text[i]
        if ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if ch in "\"'":
            quote = ch * 3 if text.startswith(ch * 3, i) else ch
            i += len(quote)
            while i < n and not text.startswith(quote, i):
                i += 2 if text[i] == "\\" else 1
            i += len(quote)
            after_where = False
            continue
        if ch == "<":
            iri = _IRI.match(text, i)
            if iri:
                i = iri.end()
                after_where = False
                continue
        if ch.isalpha() or ch in "_?$":
            start = i
            while i < n and (text[i].isalnum() or text[i] in "_?$:-."):
                i += 1
            after_where = text[start:i].upper() == "WHERE"
            continue
        if ch == "{" and after_where:
            found.append(i + 1)
        if not ch.isspace():
            after_where = False
        i += 1
    return found


def bind_values(text: str, bindings: Mapping[str, Any], every_where: bool = False) -> str:
    """The query with ``VALUES ?var { term }`` for each bound variable at the start of its WHERE group.

    Values are serialised as RDF terms by pyoxigraph (N-Triples escaping), never pasted as text.
    ``every_where`` binds them in every WHERE group (sub-queries too), else only the first one.
    """
    lines = []
    for variable, value in bindings.items():
        if value is None:
            continue
        if not _VARIABLE.match(variable):
            raise QueryError(f"not a valid parameter name: {variable!r}")
        lines.append(f"VALUES ?{variable} {{ {to_term(value)} }}")
    if not lines:
        return text
    positions = _where_braces(text)
    if not positions:
        raise QueryError("cannot bind parameters: the query has no WHERE { ... } group")
    block = "\n  " + "\n  ".join(lines) + "\n"
    for position in reversed(positions if every_where else positions[:1]):
        text = text[:position] + block + text[position:]
    return text


def prepare(query: str | os.PathLike, params: Mapping[str, Any] | None = None) -> str:
    """The query text with the user's parameters bound (checked against the declared ones)."""
    text = load_query(query)
    declared = declared_params(text)
    given = {k: v for k, v in (params or {}).items() if v is not None}
    if declared:
        unknown = sorted(set(given) - set(declared))
        if unknown:
            accepted = ", ".join(declared) or "none"
            raise QueryError(f"unknown parameter {', '.join(unknown)} for this query (accepted: {accepted})")
        missing = [p.name for p in declared.values() if p.required and p.name not in given]
        if missing:
            raise QueryError(f"this query needs --param {missing[0]}=VALUE")
        bindings = {declared[k].variable: v for k, v in given.items()}
    else:
        bindings = dict(given)
    return bind_values(text, bindings)


# --------------------------------------------------------------------------- plain values

def plain(kind: str, lexical: str, datatype: str | None = None) -> Any:
    """A plain Python value for an RDF term: IRIs and strings as str, numbers as int/float, booleans."""
    if kind == "bnode":
        return "_:" + lexical
    if kind != "literal" or not datatype:
        return lexical
    try:
        if datatype in _INTEGER_TYPES:
            return int(lexical)
        if datatype in _FLOAT_TYPES:
            return float(lexical)
        if datatype == XSD + "boolean":
            return lexical.strip() in {"true", "1"}
    except ValueError:
        return lexical
    return lexical


def _plain_rdflib(term) -> Any:
    from rdflib import BNode, Literal

    if term is None:
        return None
    if isinstance(term, Literal):
        return plain("literal", str(term), str(term.datatype) if term.datatype else None)
    if isinstance(term, BNode):
        return plain("bnode", str(term))
    return str(term)


def _plain_oxigraph(term) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return plain("literal", term.value, term.datatype.value if term.datatype else None)
    if isinstance(term, ox.BlankNode):
        return plain("bnode", term.value)
    return term.value


def _plain_json(binding: Mapping[str, str] | None) -> Any:
    if binding is None:
        return None
    kind = {"uri": "iri", "typed-literal": "literal"}.get(binding.get("type", ""), binding.get("type", ""))
    return plain(kind, binding.get("value", ""), binding.get("datatype"))


# --------------------------------------------------------------------------- sources

class Source:
    """Somewhere SELECT queries run: ``select(text)`` gives (column names, plain rows)."""

    label = "source"

    def choose_graph(self, graph: str, found: list[str]) -> str | None:
        """The one named graph queries run over: ``graph`` if given, else the only graph
        ``newskg load`` wrote (None when there is none: then the store's default dataset).

        Several exports are never merged: their union would repeat every shared triple once per
        graph (stores keep a bag, not an RDF merge), which multiplies the rows of every join.
        """
        if graph:
            return graph_node(graph).value
        if len(found) > 1:
            shown = ", ".join(found[:5]) + (", ..." if len(found) > 5 else "")
            raise QueryError(f"{self.label} holds {len(found)} newskg graphs ({shown}); "
                             "choose one with --graph IRI (graph=... in the API)")
        return found[0] if found else None

    def select(self, text: str) -> tuple[list[str], list[Row]]:
        raise NotImplementedError

    def close(self) -> None:
        """Release the source (the embedded store's files)."""

    def __enter__(self) -> "Source":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class TurtleSource(Source):
    """A graph file (Turtle, or any format rdflib guesses from the name), queried with rdflib."""

    def __init__(self, path: str | os.PathLike) -> None:
        from rdflib import Graph
        from rdflib.util import guess_format

        self.path = Path(path)
        self.label = str(self.path)
        if not self.path.is_file():
            raise QueryError(f"no graph file at {self.path}")
        try:
            self.graph = Graph().parse(self.path, format=guess_format(str(self.path)) or "turtle")
        except Exception as exc:  # noqa: BLE001 - rdflib raises many parser-specific errors
            raise QueryError(f"cannot read {self.path}: {' '.join(str(exc).split())[:300]}") from None

    def select(self, text: str) -> tuple[list[str], list[Row]]:
        try:
            result = self.graph.query(text)
        except Exception as exc:  # noqa: BLE001 - pyparsing and rdflib evaluation errors
            raise QueryError(f"query failed on {self.label}: {' '.join(str(exc).split())[:300]}") from None
        if result.type != "SELECT":
            raise QueryError("only SELECT queries are supported")
        columns = [str(v) for v in result.vars]
        rows = [{c: _plain_rdflib(b.get(v)) for c, v in zip(columns, result.vars)} for b in result.bindings]
        return columns, rows


class StoreSource(Source):
    """The embedded Oxigraph store, opened read-only. Queries see one named graph as their default
    graph: ``graph``, or the only one ``newskg load`` wrote (else the union of the store's graphs)."""

    def __init__(self, store_dir: str | os.PathLike = DEFAULT_STORE_DIR, graph: str = "") -> None:
        self.label = str(store_dir)
        try:
            self.store = open_store(store_dir, read_only=True)
        except StoreError as exc:
            raise QueryError(str(exc)) from None
        found = [] if graph else [row["graph"] for row in self._select(load_query("_graphs"), {})[1]]
        chosen = self.choose_graph(graph, found)
        self.options: dict[str, Any] = ({"default_graph": ox.NamedNode(chosen)} if chosen
                                        else {"use_default_graph_as_union": True})

    def select(self, text: str) -> tuple[list[str], list[Row]]:
        return self._select(text, self.options)

    def _select(self, text: str, options: dict[str, Any]) -> tuple[list[str], list[Row]]:
        try:
            solutions = self.store.query(text, **options)
        except (SyntaxError, ValueError, OSError) as exc:
            raise QueryError(f"query failed on {self.label}: {' '.join(str(exc).split())[:300]}") from None
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError("only SELECT queries are supported")
        columns = [v.value for v in solutions.variables]
        rows = [{c: _plain_oxigraph(s[c]) for c in columns} for s in solutions]
        return columns, rows

    def close(self) -> None:
        self.__dict__.pop("store", None)


class EndpointSource(Source):
    """A SPARQL 1.1 Protocol query endpoint. Queries see one named graph as their default graph
    (SPARQL Protocol ``default-graph-uri``): ``graph``, or the only one ``newskg load`` wrote."""

    def __init__(self, query_url: str, graph: str = "", settings: HttpSettings = HttpSettings()) -> None:
        try:
            self.url = check_url(query_url)
        except StoreError as exc:
            raise QueryError(str(exc)) from None
        self.label = query_url
        self.settings = settings
        self._graphs: list[str] | None = [graph_node(graph).value] if graph else None

    def default_graphs(self) -> list[str]:
        """The graph queries run over, found on first use (none: the server's default dataset)."""
        if self._graphs is None:
            found = [row["graph"] for row in self._select(load_query("_graphs"), [])[1] if row["graph"]]
            chosen = self.choose_graph("", found)
            self._graphs = [chosen] if chosen else []
        return self._graphs

    def _select(self, text: str, graphs: list[str]) -> tuple[list[str], list[Row]]:
        try:
            results = sparql_select(self.url, text, default_graphs=graphs, settings=self.settings)
        except StoreError as exc:
            raise QueryError(str(exc)) from None
        if "results" not in results:
            raise QueryError("only SELECT queries are supported")
        columns = list(results.get("head", {}).get("vars", []))
        rows = [{c: _plain_json(b.get(c)) for c in columns} for b in results["results"].get("bindings", [])]
        return columns, rows

    def select(self, text: str) -> tuple[list[str], list[Row]]:
        return self._select(text, self.default_graphs())


def default_source() -> Path:
    """Where queries go by default: ``output/store/`` if it exists, else ``output/graph.ttl``."""
    if DEFAULT_STORE_DIR.is_dir():
        return DEFAULT_STORE_DIR
    if DEFAULT_GRAPH_FILE.is_file():
        return DEFAULT_GRAPH_FILE
    raise QueryError(f"no graph to query: neither {DEFAULT_STORE_DIR}/ nor {DEFAULT_GRAPH_FILE} exists "
                     "(run `newskg run` and `newskg load`, or pass --graph-file, --store or --endpoint)")


def open_source(source: "Source | str | os.PathLike | None" = None, *, graph: str = "",
                settings: HttpSettings = HttpSettings()) -> Source:
    """A query source from what a user names: a Source, an http(s) URL (a SPARQL query endpoint,
    or a Graph Store URL we know the query URL of), a store folder, a graph file, or None (default)."""
    if isinstance(source, Source):
        return source
    if source is None:
        source = default_source()
    text = str(source)
    if re.match(r"^https?://", text):
        return EndpointSource(query_endpoint_for(text), graph=graph, settings=settings)
    path = Path(source)
    if path.is_dir():
        return StoreSource(path, graph=graph)
    return TurtleSource(path)


def query_endpoint_for(url: str) -> str:
    """The query URL for a user's URL: itself if it ends in /query or /sparql, else derived."""
    derived = derive_query_endpoint(url)
    if not derived:
        raise QueryError(f"cannot tell the SPARQL query URL of {url}; pass it with --query-endpoint")
    return derived


# --------------------------------------------------------------------------- the API

def select(query: str | os.PathLike, params: Mapping[str, Any] | None = None,
           source: "Source | str | os.PathLike | None" = None, **source_options: Any) -> tuple[list[str], list[Row]]:
    """Run a canned query (by name) or a ``.rq`` file with parameters; (columns, rows)."""
    text = prepare(query, params)
    opened = open_source(source, **source_options)
    try:
        return opened.select(text)
    finally:
        if opened is not source:
            opened.close()


def run(query: str | os.PathLike, params: Mapping[str, Any] | None = None,
        source: "Source | str | os.PathLike | None" = None, **source_options: Any) -> list[Row]:
    """Run a canned query (by name) or a ``.rq`` file with parameters; the rows as dicts."""
    return select(query, params, source, **source_options)[1]


def leaders(of: str | None = None, *, source: "Source | str | os.PathLike | None" = None) -> list[Row]:
    """Leaders of a state or organisation (any name or alias, case-insensitive), or all leaders.

    Rows: leader, state, mentions, leader_iri, state_iri.
    """
    return run("leaders", {"of": of}, source)


def suppliers(of: str | None = None, *, source: "Source | str | os.PathLike | None" = None) -> list[Row]:
    """Who supplies weapons to ``of`` (a recipient), or every supply fact.

    Rows: supplier, recipient, mentions, supplier_iri, recipient_iri.
    """
    return run("suppliers", {"of": of}, source)


def recipients(of: str | None = None, *, source: "Source | str | os.PathLike | None" = None) -> list[Row]:
    """Whom ``of`` (a supplier) supplies weapons to, or every supply fact.

    Rows: recipient, supplier, mentions, recipient_iri, supplier_iri.
    """
    return run("recipients", {"of": of}, source)


def deployments(by: str | None = None, *, source: "Source | str | os.PathLike | None" = None) -> list[Row]:
    """What ``by`` deploys and where, one row per stating sentence, or every deployment.

    Rows: actor, deployed, place, modality, article, actor_iri, deployed_iri, place_iri.
    """
    return run("deployments", {"by": by}, source)


def evidence(subject: str | None = None, relation: str | None = None, object: str | None = None,  # noqa: A002
             *, source: "Source | str | os.PathLike | None" = None) -> list[Row]:
    """The sentences and articles behind relations (negated and low-confidence ones too).

    Rows: subject, relation, object, fact, confidence, modality, negated, sentence, article, title,
    published, start, mention.
    """
    return run("evidence", {"subject": subject, "relation": relation, "object": object}, source)


def entity(name: str, *, source: "Source | str | os.PathLike | None" = None) -> list[Row]:
    """Everything about one entity (any name or alias, case-insensitive).

    Rows: entity, direction ("out": its type, names, Wikidata item, articles; "in": facts and
    places pointing at it), property, value, entity_iri.
    """
    return run("entity", {"name": name}, source)


# --------------------------------------------------------------------------- output formats

def _compact(value: Any) -> str:
    from pipeline.store import PREFIXES

    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    text = str(value)
    for prefix, namespace in PREFIXES.items():
        if text.startswith(str(namespace)) and re.fullmatch(r"[\w\-.%/]*", text[len(str(namespace)):]):
            return f"{prefix}:{text[len(str(namespace)):]}"
    return text


def render(columns: list[str], rows: Iterable[Row], fmt: str = "table") -> str:
    """Rows as text: an aligned ``table`` (IRIs shortened to prefixes), ``csv`` or ``json``."""
    rows = list(rows)
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row.get(c) is None else _compact(row.get(c)) if isinstance(row.get(c), (bool, float))
                             else row.get(c) for c in columns])
        return buffer.getvalue().rstrip("\n")
    if fmt != "table":
        raise QueryError(f"unknown format {fmt!r} (table, csv or json)")
    cells = [[" ".join(_compact(row.get(c)).split()) for c in columns] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
