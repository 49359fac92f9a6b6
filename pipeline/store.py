"""Load an exported graph into a SPARQL store: an embedded Oxigraph store on disk, or any server
that speaks the SPARQL 1.1 Graph Store HTTP Protocol (Oxigraph, Apache Jena Fuseki, Virtuoso,
GraphDB).

Each export goes to its own named graph (by default ``https://w3id.org/newskg/graph/<output folder
name>``), replaced as a whole: loading the same export twice leaves the same triples, a newer export
replaces the older one, and a failed load leaves the store as it was.

- Embedded: the export is loaded into a fresh staging graph (one transaction), then a single SPARQL
  update swaps it into the named graph (one more transaction); nothing is visible half-way.
- Server: one Graph Store Protocol ``PUT ?graph=IRI`` of the whole export, which the server applies
  atomically. Transient errors (connection refused or reset, timeouts, 5xx, 429) are retried with
  exponential backoff; the error message says why a load failed, with the server's own message.

The named graph also holds two triples about itself, so a reader can check what it holds without
the export at hand: ``<graph> void:triples N`` (the export's triple count) and
``<graph> dcterms:identifier "sha256:<hex of the export file>"``.

Credentials come from the environment only: ``NEWSKG_SPARQL_TOKEN`` (bearer token) or
``NEWSKG_SPARQL_USER`` + ``NEWSKG_SPARQL_PASSWORD`` (HTTP basic auth).
"""
from __future__ import annotations

import base64
import errno
import hashlib
import html
import http.client
import logging
import os
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, Namespace

log = logging.getLogger(__name__)

DEFAULT_STORE_DIR = Path("output") / "store"
GRAPH_BASE = "https://w3id.org/newskg/graph/"
VOID = Namespace("http://rdfs.org/ns/void#")
# The prefixes of pipeline.graph.PREFIXES (a test keeps them equal), repeated here so that loading
# and querying do not import the NLP stack that pipeline.graph pulls in.
PREFIXES = {"nkg": Namespace("https://w3id.org/newskg/ontology#"),
            "nkr": Namespace("https://w3id.org/newskg/resource/"),
            "wd": Namespace("http://www.wikidata.org/entity/"), "schema": Namespace("https://schema.org/"),
            "dcterms": DCTERMS, "prov": PROV, "skos": SKOS, "owl": OWL, "rdfs": RDFS, "rdf": RDF, "xsd": XSD}
HASH_PREFIX = "sha256:"
METADATA_TRIPLES = 2
STAGING_BASE = "urn:newskg:staging:"

ENV_USER = "NEWSKG_SPARQL_USER"
ENV_PASSWORD = "NEWSKG_SPARQL_PASSWORD"
ENV_TOKEN = "NEWSKG_SPARQL_TOKEN"

TURTLE = "text/turtle"
SPARQL_JSON = "application/sparql-results+json"


class StoreError(Exception):
    """A load or store access failed; the message is one line a user can act on.

    ``status`` is the HTTP status a server answered with, when there was one.
    """

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class HttpSettings:
    """How hard to try a server: seconds per request, retries of transient errors, first backoff."""

    timeout: float = 60.0
    retries: int = 3
    backoff: float = 0.5


@dataclass(frozen=True)
class Export:
    """An exported graph file, read and checked: its bytes' digest and its distinct triples."""

    path: Path
    content_hash: str
    triples: list

    @property
    def count(self) -> int:
        return len(self.triples)


@dataclass(frozen=True)
class GraphStatus:
    """What a named graph in a store holds: its triples, and the export digest and count it declares."""

    triples: int
    content_hash: str | None
    declared: int | None

    def matches(self, export: Export) -> bool:
        """True when the graph holds exactly this export (digest and triple count)."""
        return (self.content_hash == export.content_hash and self.declared == export.count
                and self.triples == export.count + METADATA_TRIPLES)


@dataclass(frozen=True)
class LoadResult:
    """The outcome of a load: where, which graph, how many triples, how long."""

    target: str
    graph_iri: str
    triples: int
    stored: int
    content_hash: str
    seconds: float


# --------------------------------------------------------------------------- exports and graph IRIs

def default_graph_iri(export_path: str | os.PathLike) -> str:
    """The named graph of an export: ``https://w3id.org/newskg/graph/<output folder name>``."""
    folder = " ".join(Path(export_path).resolve().parent.name.split()).replace(" ", "_") or "graph"
    return GRAPH_BASE + urllib.parse.quote(folder, safe="_-.~")


def graph_node(iri: str) -> ox.NamedNode:
    """A validated named-graph IRI (raises StoreError for anything that is not an absolute IRI)."""
    try:
        node = ox.NamedNode(iri)
    except ValueError as exc:
        raise StoreError(f"not a valid graph IRI {iri!r}: {exc}") from None
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", iri):
        raise StoreError(f"not an absolute graph IRI: {iri!r}")
    return node


def read_export(path: str | os.PathLike) -> Export:
    """Read and parse an exported Turtle file (before anything touches a store)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise StoreError(f"no exported graph at {path} (run `newskg run` first, or name the file)") from None
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        # through an in-memory store: the triples as any Oxigraph store keeps them (numbers in
        # canonical form, "0.90" -> "0.9"; duplicates merged), so counts compare with a store's
        memory = ox.Store()
        memory.load(data, format=ox.RdfFormat.TURTLE)
        triples = sorted((quad.triple for quad in memory), key=str)
    except (SyntaxError, ValueError, OSError) as exc:
        raise StoreError(f"{path} is not valid Turtle: {_one_line(str(exc))}") from None
    return Export(path=path, content_hash=HASH_PREFIX + hashlib.sha256(data).hexdigest(), triples=triples)


def metadata_triples(graph_iri: str, export: Export) -> list[ox.Triple]:
    """The two triples a loaded graph holds about itself (triple count and export digest)."""
    graph = graph_node(graph_iri)
    return [
        ox.Triple(graph, ox.NamedNode(str(VOID.triples)),
                  ox.Literal(str(export.count), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
        ox.Triple(graph, ox.NamedNode(str(DCTERMS.identifier)), ox.Literal(export.content_hash)),
    ]


def payload(graph_iri: str, export: Export) -> bytes:
    """The Turtle sent to a store: the export's triples plus the graph's two metadata triples."""
    prefixes = {name: str(ns) for name, ns in PREFIXES.items()}
    prefixes.update(void=str(VOID))
    return ox.serialize([*export.triples, *metadata_triples(graph_iri, export)],
                        format=ox.RdfFormat.TURTLE, prefixes=prefixes)


# --------------------------------------------------------------------------- embedded store

def open_store(store_dir: str | os.PathLike, read_only: bool = False) -> ox.Store:
    """Open the embedded Oxigraph store (created on first use unless ``read_only``)."""
    store_dir = Path(store_dir)
    try:
        if read_only:
            if not store_dir.is_dir():
                raise StoreError(f"no store at {store_dir} (load one with `newskg load`)")
            return ox.Store.read_only(str(store_dir))
        store_dir.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(store_dir))
    except OSError as exc:
        raise StoreError(f"cannot open the store at {store_dir}: {_one_line(str(exc))}"
                         " (is another process using it?)") from None


def _internal_query(name: str, **params: Any) -> str:
    from pipeline.query import bind_values, load_query

    return bind_values(load_query(name), params, every_where=True)


def load_embedded(export: Export, store_dir: str | os.PathLike, graph_iri: str) -> int:
    """Replace the named graph of the embedded store by the export; returns the triples it holds."""
    target = graph_node(graph_iri)
    data = payload(graph_iri, export)
    store = open_store(store_dir)
    try:
        for old in [g for g in store.named_graphs() if isinstance(g, ox.NamedNode)
                    and g.value.startswith(STAGING_BASE)]:
            store.remove_graph(old)  # left over by a process killed between the two transactions
        staging = ox.NamedNode(STAGING_BASE + uuid.uuid4().hex)
        try:
            store.load(data, format=ox.RdfFormat.TURTLE, to_graph=staging)
            store.update(_internal_query("_replace_graph", target=target, staging=staging))
        finally:
            if store.contains_named_graph(staging):
                store.remove_graph(staging)
        store.flush()
        status = _status_from_rows(store.query(_internal_query("_graph_status", graph=target)))
    except (OSError, SyntaxError, ValueError) as exc:
        raise StoreError(f"loading into the store at {store_dir} failed: {_one_line(str(exc))}") from None
    finally:
        del store
    return status.triples if status else 0


def embedded_status(store_dir: str | os.PathLike, graph_iri: str) -> GraphStatus | None:
    """What the named graph of the embedded store holds, or None if the store or graph is absent."""
    if not Path(store_dir).is_dir():
        return None
    store = open_store(store_dir, read_only=True)
    try:
        return _status_from_rows(store.query(_internal_query("_graph_status", graph=graph_node(graph_iri))))
    finally:
        del store


def _status_from_rows(solutions) -> GraphStatus | None:
    for solution in solutions:
        count = solution["triples"]
        if count is None or int(count.value) == 0:
            return None
        digest, declared = solution["hash"], solution["declared"]
        return GraphStatus(triples=int(count.value), content_hash=digest.value if digest else None,
                           declared=int(declared.value) if declared else None)
    return None


# --------------------------------------------------------------------------- HTTP (Graph Store Protocol, SPARQL)

def auth_headers() -> dict[str, str]:
    """Authorization from the environment: NEWSKG_SPARQL_TOKEN, else NEWSKG_SPARQL_USER/PASSWORD."""
    token = os.environ.get(ENV_TOKEN, "")
    if token:
        return {"Authorization": f"Bearer {token}"}
    user = os.environ.get(ENV_USER, "")
    if user:
        pair = f"{user}:{os.environ.get(ENV_PASSWORD, '')}".encode("utf-8")
        return {"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")}
    return {}


def check_url(url: str) -> str:
    """An http(s) URL without credentials in it (those belong in the environment)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise StoreError(f"not an http(s) URL: {url!r}")
    if parts.username or parts.password:
        raise StoreError(f"put credentials in {ENV_USER}/{ENV_PASSWORD} or {ENV_TOKEN}, not in the URL")
    return url


def with_params(url: str, params: list[tuple[str, str]]) -> str:
    """The URL with query parameters appended (percent-encoded)."""
    if not params:
        return url
    return url + ("&" if urllib.parse.urlsplit(url).query else "?") + urllib.parse.urlencode(params)


def _one_line(text: str, limit: int = 300) -> str:
    text = html.unescape(re.sub(r"<[^>]{0,200}>", " ", text))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_TRANSIENT_ERRNOS = {errno.ECONNREFUSED, errno.ECONNRESET, errno.ECONNABORTED, errno.EHOSTUNREACH,
                     errno.ENETUNREACH, errno.ENETDOWN, errno.ETIMEDOUT, errno.EPIPE}


def _transient(exc: BaseException) -> bool:
    """Worth retrying: connection refused/reset, timeouts, dropped connections, 5xx and 429."""
    if isinstance(exc, urllib.error.HTTPError):
        return exc.code >= 500 or exc.code == 429
    if isinstance(exc, urllib.error.URLError):
        if not isinstance(exc.reason, BaseException):
            return False
        exc = exc.reason
    if isinstance(exc, (ConnectionError, TimeoutError, socket.timeout, http.client.HTTPException)):
        return True
    return isinstance(exc, OSError) and exc.errno in _TRANSIENT_ERRNOS


def _describe(exc: BaseException, url: str, settings: HttpSettings, attempts: int) -> str:
    where = urllib.parse.urlsplit(url)._replace(query="", fragment="").geturl()
    tries = f" (after {attempts} attempts)" if attempts > 1 else ""
    if isinstance(exc, urllib.error.HTTPError):
        try:
            body = exc.read().decode("utf-8", "replace")
        except Exception:  # noqa: BLE001 - the body is only a courtesy
            body = ""
        message = _one_line(body) or exc.reason
        hint = ""
        if exc.code in (401, 403):
            hint = f" (credentials: {ENV_TOKEN}, or {ENV_USER} and {ENV_PASSWORD})"
        return f"{where} answered {exc.code} {exc.reason}: {message}{hint}{tries}"
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, ConnectionRefusedError):
        return f"cannot reach {where}: connection refused - is the server running?{tries}"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"{where} did not answer within {settings.timeout:g} s{tries}"
    if isinstance(reason, socket.gaierror):
        return f"cannot reach {where}: unknown host{tries}"
    text = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
    return f"cannot reach {where}: {_one_line(text)}{tries}"


def _opener(url: str) -> urllib.request.OpenerDirector:
    """An opener that also answers HTTP Digest challenges (Virtuoso's ``-auth`` endpoints) with
    NEWSKG_SPARQL_USER/PASSWORD; basic auth and bearer tokens are sent up front (auth_headers)."""
    user = os.environ.get(ENV_USER, "")
    if not user or os.environ.get(ENV_TOKEN):
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, url, user, os.environ.get(ENV_PASSWORD, ""))
    return urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(passwords))


def http_request(method: str, url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
                 settings: HttpSettings = HttpSettings()) -> tuple[int, bytes]:
    """One HTTP request with retries and backoff for transient errors; (status, body) or StoreError."""
    check_url(url)
    request_headers = {"User-Agent": "newskg", **auth_headers(), **(headers or {})}
    attempts = max(1, settings.retries + 1)
    opener = _opener(url)
    for attempt in range(1, attempts + 1):
        request = urllib.request.Request(url, data=data, method=method, headers=request_headers)
        try:
            with opener.open(request, timeout=settings.timeout) as response:
                return response.status, response.read()
        except ValueError as exc:  # urllib: an authentication scheme it cannot answer
            raise StoreError(f"{url}: {exc}") from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            if attempt < attempts and _transient(exc):
                delay = settings.backoff * 2 ** (attempt - 1)
                log.info("%s %s failed (%s); retrying in %.1f s", method, url, _describe(exc, url, settings, 1),
                            delay)
                time.sleep(delay)
                continue
            status = exc.code if isinstance(exc, urllib.error.HTTPError) else None
            raise StoreError(_describe(exc, url, settings, attempt), status=status) from None
    raise AssertionError("unreachable")


def put_graph(endpoint: str, graph_iri: str, data: bytes, settings: HttpSettings = HttpSettings()) -> None:
    """Graph Store Protocol: replace the named graph by ``data`` (Turtle) with one PUT."""
    graph_node(graph_iri)
    http_request("PUT", with_params(endpoint, [("graph", graph_iri)]), data=data,
                 headers={"Content-Type": f"{TURTLE}; charset=utf-8"}, settings=settings)


def get_graph(endpoint: str, graph_iri: str, settings: HttpSettings = HttpSettings()) -> list | None:
    """Graph Store Protocol: the triples of a named graph, or None if the server has no such graph."""
    try:
        _status, body = http_request("GET", with_params(endpoint, [("graph", graph_iri)]),
                                     headers={"Accept": "application/n-triples, text/turtle;q=0.9"},
                                     settings=settings)
    except StoreError as exc:
        if exc.status == 404:
            return None
        raise
    try:
        return list(dict.fromkeys(quad.triple for quad in ox.parse(body, format=ox.RdfFormat.TURTLE)))
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"{endpoint} did not answer with Turtle or N-Triples: {_one_line(str(exc))}") from None


def sparql_select(query_url: str, query: str, *, default_graphs: list[str] = (),
                  settings: HttpSettings = HttpSettings()) -> dict:
    """SPARQL 1.1 Protocol: POST a query (form-encoded), return the parsed SPARQL JSON results."""
    import json

    form = [("query", query)] + [("default-graph-uri", g) for g in default_graphs]
    _status, body = http_request("POST", query_url, data=urllib.parse.urlencode(form).encode("ascii"),
                                 headers={"Content-Type": "application/x-www-form-urlencoded",
                                          "Accept": SPARQL_JSON}, settings=settings)
    try:
        return json.loads(body)
    except ValueError:
        text = _one_line(body.decode("utf-8", "replace"))
        raise StoreError(f"{query_url} did not answer with SPARQL JSON results: {text}") from None


_QUERY_FOR_STORE = (
    (re.compile(r"/store/?$"), "/query"),                                 # Oxigraph server
    (re.compile(r"/(data|get)/?$"), "/sparql"),                           # Apache Jena Fuseki
    (re.compile(r"/sparql-graph-crud(-auth)?/?$"), "/sparql"),            # Virtuoso
    (re.compile(r"(/repositories/[^/]+)/rdf-graphs/service/?$"), r"\1"),  # GraphDB, RDF4J
)


def derive_query_endpoint(endpoint: str) -> str | None:
    """The SPARQL query URL that goes with a Graph Store Protocol URL, for the servers we know."""
    parts = urllib.parse.urlsplit(endpoint)
    if re.search(r"/(query|sparql)/?$", parts.path):
        return endpoint
    for pattern, replacement in _QUERY_FOR_STORE:
        if pattern.search(parts.path):
            path = pattern.sub(replacement, parts.path)
            return parts._replace(path=path, query="", fragment="").geturl()
    return None


def remote_status(endpoint: str, graph_iri: str, query_endpoint: str | None = None,
                  settings: HttpSettings = HttpSettings()) -> GraphStatus | None:
    """What a named graph on a server holds: by SPARQL when a query URL is known, else by a GSP GET."""
    query_url = query_endpoint or derive_query_endpoint(endpoint)
    graph = graph_node(graph_iri)
    if query_url:
        results = sparql_select(query_url, _internal_query("_graph_status", graph=graph), settings=settings)
        for binding in results.get("results", {}).get("bindings", []):
            count = int(binding.get("triples", {}).get("value", 0))
            if not count:
                return None
            declared = binding.get("declared", {}).get("value")
            return GraphStatus(triples=count, content_hash=binding.get("hash", {}).get("value"),
                               declared=int(declared) if declared is not None else None)
        return None
    triples = get_graph(endpoint, graph_iri, settings)
    if not triples:
        return None
    digest = next((t.object.value for t in triples if t.subject == graph
                   and t.predicate.value == str(DCTERMS.identifier)), None)
    declared = next((int(t.object.value) for t in triples if t.subject == graph
                     and t.predicate.value == str(VOID.triples)), None)
    return GraphStatus(triples=len(triples), content_hash=digest, declared=declared)


# --------------------------------------------------------------------------- the two entry points

def load(export_path: str | os.PathLike, *, endpoint: str = "", graph_iri: str = "",
         store_dir: str | os.PathLike = DEFAULT_STORE_DIR, query_endpoint: str = "",
         settings: HttpSettings = HttpSettings()) -> LoadResult:
    """Load an export into its named graph: the embedded store, or the server at ``endpoint``.

    The export is parsed first (a broken file never reaches the store); the named graph is then
    replaced as a whole, so a failure leaves the store as it was. Raises StoreError on failure.
    """
    started = time.monotonic()
    graph_iri = graph_iri or default_graph_iri(export_path)
    graph_node(graph_iri)
    if endpoint:
        check_url(endpoint)
    export = read_export(export_path)
    if endpoint:
        put_graph(endpoint, graph_iri, payload(graph_iri, export), settings)
        stored = _verify_remote(export, endpoint, graph_iri, query_endpoint, settings)
        target = endpoint
    else:
        stored = load_embedded(export, store_dir, graph_iri)
        target = str(store_dir)
    return LoadResult(target=target, graph_iri=graph_iri, triples=export.count, stored=stored,
                      content_hash=export.content_hash, seconds=time.monotonic() - started)


def _verify_remote(export: Export, endpoint: str, graph_iri: str, query_endpoint: str,
                   settings: HttpSettings) -> int:
    """Read back what the server holds after a PUT; the triples in the graph.

    A query URL we only guessed (``derive_query_endpoint``) that does not answer is a warning,
    not a failed load: the PUT itself succeeded.
    """
    expected = export.count + METADATA_TRIPLES
    query_url = query_endpoint or derive_query_endpoint(endpoint)
    if not query_url:
        return expected
    try:
        status = remote_status(endpoint, graph_iri, query_url, settings)
    except StoreError as exc:
        if query_endpoint:
            raise
        log.warning("loaded, but could not read the graph back through %s: %s", query_url, exc)
        return expected
    if not (status and status.matches(export)):
        found = status.triples if status else 0
        raise StoreError(f"{endpoint} accepted the graph but holds {found} triples in <{graph_iri}>, "
                         f"not {expected}")
    return status.triples


def is_loaded(export_path: str | os.PathLike, *, endpoint: str = "", graph_iri: str = "",
              store_dir: str | os.PathLike = DEFAULT_STORE_DIR, query_endpoint: str = "",
              settings: HttpSettings = HttpSettings()) -> bool:
    """True when the store's named graph holds exactly this export (same digest, same triple count).

    Any failure to read the export or reach the store counts as "not loaded".
    """
    try:
        export = read_export(export_path)
        graph_iri = graph_iri or default_graph_iri(export_path)
        if endpoint:
            status = remote_status(endpoint, graph_iri, query_endpoint or None, settings)
        else:
            status = embedded_status(store_dir, graph_iri)
    except StoreError as exc:
        log.info("store check failed: %s", exc)
        return False
    return bool(status and status.matches(export))
