"""Loading into SPARQL stores: a real Oxigraph server (Graph Store Protocol) and the embedded store.

The server is the ``oxigraph`` binary of the PyPI package, started per module on a free port; the
exports come from the real Luigi pipeline run on ``examples/``. The helpers here (server, CLI runner,
pipeline export) are shared with ``tests/test_query.py``.
"""
from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest

from pipeline import store
from pipeline.cli import export_task, run_luigi
from tests.conftest import EXAMPLES, REPO

EXTRA_ARTICLES = {
    "old": ("french-missiles.txt", "French President Emmanuel Macron said on Tuesday that France has "
                                   "delivered SCALP cruise missiles to Ukraine.\n"),
    "new": ("swedish-jets.txt", "Swedish Prime Minister Ulf Kristersson said Sweden will send Gripen "
                                "fighter jets to Ukraine.\n"),
}


# --------------------------------------------------------------------------- shared helpers

def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def oxigraph_binary() -> str:
    """The ``oxigraph`` server binary of the oxigraph PyPI package (test extra)."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        pytest.fail("the oxigraph server binary is missing: pip install -e '.[test]' installs it")
    return found


class OxigraphServer:
    """A real ``oxigraph serve`` process on a store folder; stop() and start() keep the folder."""

    def __init__(self, location: Path, log: Path) -> None:
        self.location, self.log_path, self.port = location, log, free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def store_url(self) -> str:
        return self.url + "/store"

    @property
    def query_url(self) -> str:
        return self.url + "/query"

    def start(self, timeout: float = 20.0) -> None:
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [oxigraph_binary(), "serve", "--location", str(self.location), "--bind", f"127.0.0.1:{self.port}"],
                stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"oxigraph serve exited: {self.log_path.read_text(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(self.query_url + "?query=ASK%7B%7D", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                time.sleep(0.05)
        self.stop()
        pytest.fail(f"oxigraph serve did not answer within {timeout} s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process = None


def start_server(tmp_path_factory) -> OxigraphServer:
    folder = tmp_path_factory.mktemp("oxigraph")
    server = OxigraphServer(folder / "data", folder / "server.log")
    server.start()
    return server


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    """A real Oxigraph server for this module's tests (terminated afterwards)."""
    server = start_server(tmp_path_factory)
    yield server
    server.stop()


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """``python -m pipeline.cli ARGS`` in a subprocess (the real command line)."""
    full_env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True,
                          cwd=str(cwd or REPO), env=full_env, timeout=120)


def build_export(output: Path, inputs: list[Path]) -> Path:
    """Run the real pipeline (Luigi, spaCy) on inputs into output; the path of graph.ttl."""
    assert run_luigi([export_task([str(p) for p in inputs], str(output))]), "the Luigi pipeline failed"
    return output / "graph.ttl"


def export_triples(path: Path) -> set:
    """The triples of an export as an Oxigraph store keeps them (canonical numbers: 0.90 -> 0.9)."""
    memory = ox.Store()
    memory.load(path.read_bytes(), format=ox.RdfFormat.TURTLE)
    return {quad.triple for quad in memory}


def graph_triples(server: OxigraphServer, graph_iri: str) -> set:
    """The triples of a named graph on the server, read back with a Graph Store Protocol GET."""
    return set(store.get_graph(server.store_url, graph_iri) or ())


def without_metadata(triples: set, graph_iri: str) -> set:
    return {t for t in triples if t.subject != ox.NamedNode(graph_iri)}


# --------------------------------------------------------------------------- fixtures of this module

def export_inputs(export: Path) -> list[Path]:
    """The inputs an export of the ``exports`` fixture was built from."""
    return [EXAMPLES, export.parent.parent / "extra"]


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict[str, Path]:
    """Two exports of the real pipeline into folders with the same name (so the same graph IRI):
    examples/ plus one article each, "old" and "new" (each has triples the other lacks)."""
    base = tmp_path_factory.mktemp("exports")
    found = {}
    for version, (name, text) in EXTRA_ARTICLES.items():
        (base / version / "extra").mkdir(parents=True)
        (base / version / "extra" / name).write_text(text, encoding="utf-8")
        found[version] = build_export(base / version / "news", [EXAMPLES, base / version / "extra"])
    assert export_triples(found["old"]) - export_triples(found["new"])
    assert export_triples(found["new"]) - export_triples(found["old"])
    return found


def digest_ok(method: str, header: str, user: str, password: str, realm: str, nonce: str) -> bool:
    """Check an HTTP Digest (RFC 7616, MD5, qop=auth) Authorization header, as a server does."""
    if not header.startswith("Digest "):
        return False
    fields = {k: a or b for k, a, b in re.findall(r'(\w+)=(?:"([^"]*)"|([^,\s]*))', header)}
    md5 = lambda text: hashlib.md5(text.encode()).hexdigest()  # noqa: E731
    ha1, ha2 = md5(f"{user}:{realm}:{password}"), md5(f"{method}:{fields.get('uri', '')}")
    expected = md5(f"{ha1}:{nonce}:{fields.get('nc', '')}:{fields.get('cnonce', '')}:{fields.get('qop', '')}:{ha2}")
    return fields.get("username") == user and fields.get("nonce") == nonce and fields.get("response") == expected


class FlakyProxy:
    """A real HTTP proxy in front of the Oxigraph server that answers 503 to the first ``failures``
    requests and, when ``credentials`` are set, 401 to requests without that Basic auth (or, with
    ``digest``, a Digest challenge to requests without a valid Digest answer)."""

    def __init__(self, upstream: str, failures: int = 0, credentials: tuple[str, str] | None = None,
                 digest: bool = False) -> None:
        self.upstream, self.failures, self.credentials, self.digest = upstream, failures, credentials, digest
        self.requests: list[tuple[str, str, float]] = []
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def _handle(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                proxy.requests.append((self.command, self.headers.get("Authorization", ""), time.monotonic()))
                if proxy.credentials and proxy.digest:
                    if not digest_ok(self.command, self.headers.get("Authorization", ""), *proxy.credentials,
                                     "SPARQL", "n0nce-42"):
                        return self._answer(401, b"digest authentication required", challenge=(
                            'Digest realm="SPARQL", nonce="n0nce-42", qop="auth", algorithm="MD5"'))
                elif proxy.credentials:
                    expected = "Basic " + base64.b64encode(":".join(proxy.credentials).encode()).decode()
                    if self.headers.get("Authorization") != expected:
                        return self._answer(401, b"authentication required for this store")
                if len(proxy.requests) <= proxy.failures:
                    return self._answer(503, b"store warming up, try again")
                request = urllib.request.Request(proxy.upstream + self.path, data=body or None, method=self.command,
                                                 headers={k: v for k, v in self.headers.items()
                                                          if k.lower() in {"content-type", "accept"}})
                try:
                    with urllib.request.urlopen(request, timeout=30) as response:
                        self._answer(response.status, response.read(), response.headers.get("Content-Type"))
                except urllib.error.HTTPError as error:
                    self._answer(error.code, error.read())

            def _answer(self, status: int, body: bytes, content_type: str | None = "text/plain",
                        challenge: str = "") -> None:
                self.send_response(status)
                if challenge:
                    self.send_header("WWW-Authenticate", challenge)
                self.send_header("Content-Type", content_type or "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_PUT = do_POST = do_DELETE = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# --------------------------------------------------------------------------- the server (Graph Store Protocol)

def test_load_through_the_protocol_puts_the_whole_export_in_its_named_graph(oxigraph_server, exports) -> None:
    old = exports["old"]
    result = run_cli("load", str(old), "--endpoint", oxigraph_server.store_url)
    assert result.returncode == 0, result.stderr
    graph_iri = "https://w3id.org/newskg/graph/news"
    assert f"<{graph_iri}>" in result.stdout
    stored = graph_triples(oxigraph_server, graph_iri)
    assert without_metadata(stored, graph_iri) == export_triples(old)
    status = store.remote_status(oxigraph_server.store_url, graph_iri)
    assert status.triples == len(export_triples(old)) + store.METADATA_TRIPLES == len(stored)
    assert status.content_hash == store.read_export(old).content_hash
    assert store.is_loaded(old, endpoint=oxigraph_server.store_url)
    assert not store.is_loaded(exports["new"], endpoint=oxigraph_server.store_url)


def test_loading_twice_leaves_the_same_triples(oxigraph_server, exports) -> None:
    iri = "http://example.org/twice"
    counts, contents = [], []
    for _ in range(2):
        result = run_cli("load", str(exports["old"]), "--endpoint", oxigraph_server.store_url, "--graph", iri)
        assert result.returncode == 0, result.stderr
        counts.append(store.remote_status(oxigraph_server.store_url, iri).triples)
        contents.append(graph_triples(oxigraph_server, iri))
    assert counts[0] == counts[1] == len(export_triples(exports["old"])) + store.METADATA_TRIPLES
    assert contents[0] == contents[1]


def test_a_newer_export_replaces_the_older_one(oxigraph_server, exports) -> None:
    iri = "http://example.org/replaced"
    old, new = exports["old"], exports["new"]
    store.load(old, endpoint=oxigraph_server.store_url, graph_iri=iri)
    store.load(new, endpoint=oxigraph_server.store_url, graph_iri=iri)
    stored = without_metadata(graph_triples(oxigraph_server, iri), iri)
    assert stored == export_triples(new)
    gone = export_triples(old) - export_triples(new)
    assert gone and not gone & stored  # the old article's summary triples are not left behind
    assert store.remote_status(oxigraph_server.store_url, iri).content_hash == store.read_export(new).content_hash


def test_server_down_fails_clearly_and_leaves_the_store_as_it_was(oxigraph_server, exports) -> None:
    iri = "http://example.org/down"
    store.load(exports["old"], endpoint=oxigraph_server.store_url, graph_iri=iri)
    before = graph_triples(oxigraph_server, iri)
    oxigraph_server.stop()
    try:
        started = time.monotonic()
        result = run_cli("load", str(exports["new"]), "--endpoint", oxigraph_server.store_url, "--graph", iri,
                         "--retries", "2", "--timeout", "5")
        seconds = time.monotonic() - started
    finally:
        oxigraph_server.start()
    assert result.returncode != 0
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1, message
    assert "connection refused" in message and "is the server running" in message and "3 attempts" in message
    assert 0.5 * (1 + 2) <= seconds < 30  # it backed off between the attempts
    assert graph_triples(oxigraph_server, iri) == before
    assert store.is_loaded(exports["old"], endpoint=oxigraph_server.store_url, graph_iri=iri)


def test_http_errors_carry_the_servers_message(oxigraph_server, exports) -> None:
    result = run_cli("load", str(exports["old"]), "--endpoint", oxigraph_server.url + "/no-such-service")
    assert result.returncode != 0
    assert "404" in result.stderr and "not supported by this server" in result.stderr
    assert "after" not in result.stderr  # a 4xx is not retried


def test_a_broken_export_never_reaches_the_store(oxigraph_server, exports, tmp_path) -> None:
    iri = "http://example.org/broken"
    store.load(exports["old"], endpoint=oxigraph_server.store_url, graph_iri=iri)
    before = graph_triples(oxigraph_server, iri)
    broken = tmp_path / "graph.ttl"
    broken.write_bytes(exports["new"].read_bytes()[:-200] + b' "unterminated')
    result = run_cli("load", str(broken), "--endpoint", oxigraph_server.store_url, "--graph", iri)
    assert result.returncode != 0 and "is not valid Turtle" in result.stderr
    assert graph_triples(oxigraph_server, iri) == before


def test_timeouts_are_retried_then_reported(exports) -> None:
    with socket.socket() as silent:  # accepts connections (kernel backlog), never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/store"
        started = time.monotonic()
        result = run_cli("load", str(exports["old"]), "--endpoint", url, "--timeout", "0.5", "--retries", "1")
        seconds = time.monotonic() - started
    assert result.returncode != 0
    assert "did not answer within 0.5 s (after 2 attempts)" in result.stderr
    assert seconds < 20


def test_transient_5xx_are_retried_with_backoff(oxigraph_server, exports) -> None:
    iri = "http://example.org/flaky"
    proxy = FlakyProxy(oxigraph_server.url, failures=2)
    try:
        result = store.load(exports["old"], endpoint=proxy.url + "/store", graph_iri=iri,
                            query_endpoint=oxigraph_server.query_url,
                            settings=store.HttpSettings(timeout=10, retries=3, backoff=0.2))
    finally:
        proxy.close()
    assert [method for method, _, _ in proxy.requests] == ["PUT", "PUT", "PUT"]
    gaps = [b[2] - a[2] for a, b in zip(proxy.requests, proxy.requests[1:])]
    assert gaps[0] >= 0.2 and gaps[1] >= 0.4  # exponential backoff
    assert result.stored == len(export_triples(exports["old"])) + store.METADATA_TRIPLES
    assert store.is_loaded(exports["old"], endpoint=oxigraph_server.store_url, graph_iri=iri)


def test_credentials_come_from_the_environment_only(oxigraph_server, exports) -> None:
    iri = "http://example.org/private"
    proxy = FlakyProxy(oxigraph_server.url, credentials=("editor", "s3cret-pw"))
    try:
        args = ("load", str(exports["old"]), "--endpoint", proxy.url + "/store", "--graph", iri,
                "--query-endpoint", proxy.url + "/query")
        env = {store.ENV_USER: "", store.ENV_PASSWORD: "", store.ENV_TOKEN: ""}
        denied = run_cli(*args, env=env)
        assert denied.returncode != 0
        assert "401" in denied.stderr and "authentication required" in denied.stderr
        assert store.ENV_USER in denied.stderr
        allowed = run_cli(*args, env={**env, store.ENV_USER: "editor", store.ENV_PASSWORD: "s3cret-pw"})
        assert allowed.returncode == 0, allowed.stderr
        assert "s3cret-pw" not in allowed.stdout + allowed.stderr
        in_url = run_cli("load", str(exports["old"]), "--endpoint",
                         proxy.url.replace("http://", "http://editor:s3cret-pw@") + "/store")
        assert in_url.returncode != 0 and store.ENV_USER in in_url.stderr
    finally:
        proxy.close()
    assert store.is_loaded(exports["old"], endpoint=oxigraph_server.store_url, graph_iri=iri)
    assert all(auth == "Basic " + base64.b64encode(b"editor:s3cret-pw").decode()
               for method, auth, _ in proxy.requests[1:])


def test_digest_authentication_for_virtuoso_style_endpoints(oxigraph_server, exports) -> None:
    iri = "http://example.org/digest"
    proxy = FlakyProxy(oxigraph_server.url, credentials=("dba", "d1gest-pw"), digest=True)
    try:
        args = ("load", str(exports["old"]), "--endpoint", proxy.url + "/store", "--graph", iri,
                "--query-endpoint", proxy.url + "/query")
        wrong = run_cli(*args, env={store.ENV_USER: "dba", store.ENV_PASSWORD: "wrong", store.ENV_TOKEN: ""})
        assert wrong.returncode != 0 and "401" in wrong.stderr
        right = run_cli(*args, env={store.ENV_USER: "dba", store.ENV_PASSWORD: "d1gest-pw", store.ENV_TOKEN: ""})
        assert right.returncode == 0, right.stderr
        assert "d1gest-pw" not in right.stdout + right.stderr
    finally:
        proxy.close()
    assert any(auth.startswith("Digest ") for _, auth, _ in proxy.requests)
    assert store.is_loaded(exports["old"], endpoint=oxigraph_server.store_url, graph_iri=iri)


def test_luigi_load_task_checks_the_server(oxigraph_server, exports) -> None:
    from pipeline.tasks import LoadGraph

    output = exports["old"].parent
    iri = "http://example.org/luigi"
    export = export_task([str(p) for p in export_inputs(exports["old"])], str(output))
    task = export.clone(LoadGraph, endpoint=oxigraph_server.store_url, graph_iri=iri)
    assert not task.complete()
    assert run_luigi([task])
    assert task.complete()
    # drop one triple on the server: the task is no longer complete, and a run repairs it
    update = ("DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { VALUES ?g { <http://example.org/luigi> } "
              "GRAPH ?g { ?s ?p ?o } FILTER(?p = <http://www.w3.org/2000/01/rdf-schema#label>) }")
    store.http_request("POST", oxigraph_server.url + "/update", data=update.encode(),
                       headers={"Content-Type": "application/sparql-update"})
    assert not task.complete()
    assert run_luigi([task])
    assert task.complete()


# --------------------------------------------------------------------------- the embedded store

def test_embedded_load_twice_and_replace(exports, tmp_path) -> None:
    folder = tmp_path / "store"
    counts = []
    for _ in range(2):
        result = run_cli("load", str(exports["old"]), "--store", str(folder))
        assert result.returncode == 0, result.stderr
        counts.append(store.embedded_status(folder, "https://w3id.org/newskg/graph/news").triples)
    assert counts[0] == counts[1] == len(export_triples(exports["old"])) + store.METADATA_TRIPLES
    assert run_cli("load", str(exports["new"]), "--store", str(folder)).returncode == 0
    assert store.is_loaded(exports["new"], store_dir=folder)
    db = ox.Store.read_only(str(folder))
    try:
        graph = ox.NamedNode("https://w3id.org/newskg/graph/news")
        assert list(db.named_graphs()) == [graph]  # no staging graph left behind
        stored = {q.triple for q in db.quads_for_pattern(None, None, None, graph)}
    finally:
        del db
    assert without_metadata(stored, graph.value) == export_triples(exports["new"])


def test_embedded_failed_load_leaves_the_store_as_it_was(exports, tmp_path) -> None:
    folder = tmp_path / "store"
    store.load(exports["old"], store_dir=folder)
    broken = tmp_path / "news" / "graph.ttl"
    broken.parent.mkdir()
    broken.write_bytes(exports["new"].read_bytes()[:-200] + b' "unterminated')
    result = run_cli("load", str(broken), "--store", str(folder))
    assert result.returncode != 0 and "not valid Turtle" in result.stderr
    holder = ox.Store(str(folder))  # another process... here, this one, holds the store
    try:
        locked = run_cli("load", str(exports["new"]), "--store", str(folder))
    finally:
        del holder
    assert locked.returncode != 0 and "cannot open the store" in locked.stderr
    assert len(locked.stderr.strip().splitlines()) == 1
    assert store.is_loaded(exports["old"], store_dir=folder)


def test_luigi_load_task_checks_the_embedded_store(exports) -> None:
    from pipeline.tasks import LoadGraph

    output = exports["new"].parent
    task = export_task([str(p) for p in export_inputs(exports["new"])], str(output)).clone(LoadGraph)
    folder = output / "store"
    shutil.rmtree(folder, ignore_errors=True)
    assert not task.complete()
    assert run_luigi([task])
    assert task.complete() and store.is_loaded(exports["new"], store_dir=folder)
    db = ox.Store(str(folder))
    try:
        db.remove(next(iter(db.quads_for_pattern(None, None, None, None))))
    finally:
        del db
    assert not task.complete()  # checked against the store, not a marker file
    assert run_luigi([task])
    assert task.complete()


# --------------------------------------------------------------------------- small pure functions

def test_query_endpoints_are_derived_for_known_servers() -> None:
    derive = store.derive_query_endpoint
    assert derive("http://h:7878/store") == "http://h:7878/query"
    assert derive("http://h:3030/ds/data") == "http://h:3030/ds/sparql"
    assert derive("http://h:8890/sparql-graph-crud-auth") == "http://h:8890/sparql"
    assert derive("http://h:7200/repositories/news/rdf-graphs/service") == "http://h:7200/repositories/news"
    assert derive("http://h:7878/query") == "http://h:7878/query"
    assert derive("http://h/something-else") is None


def test_default_graph_iri_and_prefixes() -> None:
    from pipeline.graph import PREFIXES

    assert store.default_graph_iri("/x/my run/graph.ttl") == "https://w3id.org/newskg/graph/my_run"
    assert {k: str(v) for k, v in store.PREFIXES.items()} == {k: str(v) for k, v in PREFIXES.items()}
    with pytest.raises(store.StoreError):
        store.graph_node("not an iri> <x")
