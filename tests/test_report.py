"""The HTML report: built from real pipeline runs, checked as text and in headless Chromium.

The browser tests drive Debian's Chromium over the DevTools protocol (a websocket, with
``websocket-client``): they load ``report.html`` from disk, wait until the script says the graph
is drawn, read the page, click a node with real mouse events, collect the console, and save a
screenshot in ``tmp_path``. Without ``/usr/bin/chromium`` they skip saying so (CI installs it).

``python -m tests.test_report docs/report.png`` regenerates the README's screenshot.
"""
from __future__ import annotations

import base64
import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from pipeline.cli import export_task, report_task, run_luigi
from pipeline.cli import main as cli_main
from pipeline.graph import build_graph, serialize_turtle
from pipeline.report import (
    REPORT_FILE,
    build_report,
    highlight,
    load_export,
    report_data,
    report_key_of,
    safe_url,
    script_json,
    write_report,
)
from tests.conftest import EXAMPLES, REPO

CHROMIUM = os.environ.get("NEWSKG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1400,1000"]
NASTY = '<script>alert("x")</script> & "Q\'s" 🚀'


# --------------------------------------------------------------------------------------------
# Chromium over the DevTools protocol


class Browser:
    """A headless Chromium process and one page, driven over the DevTools protocol."""

    def __init__(self, profile: Path) -> None:
        import websocket  # websocket-client

        self.proc = subprocess.Popen([CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                                      "--remote-debugging-port=0", "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and port_file.read_text().count("\n") >= 1):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("Chromium did not start its DevTools endpoint")
            time.sleep(0.05)
        port = int(port_file.read_text().split()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as response:
            page = next(t for t in json.load(response) if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30, suppress_origin=True)
        self.next_id = 0
        self.events: list[dict[str, Any]] = []
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send one command and return its result; events that arrive meanwhile are kept."""
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (exceptions raise)."""
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def open(self, path: Path) -> None:
        """Load a file and wait for its load event."""
        self.events.clear()
        self.call("Page.navigate", url=path.resolve().as_uri())
        self.wait_for("document.readyState === 'complete'")

    def wait_for(self, expression: str, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while not self.evaluate(f"!!({expression})"):
            if time.monotonic() > deadline:
                raise TimeoutError(f"timed out waiting for {expression}")
            time.sleep(0.05)

    def click(self, x: float, y: float) -> None:
        """A real left click (mouse moved, pressed, released) at viewport coordinates."""
        self.call("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def screenshot(self, path: Path, full_page: bool = False) -> Path:
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
        path.write_bytes(base64.b64decode(self.call("Page.captureScreenshot", **params)["data"]))
        return path

    def problems(self) -> list[str]:
        """Console errors and warnings, uncaught exceptions, log errors, dialogs, failed loads."""
        found = []
        for event in self.events:
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in {"error", "warning", "assert"}:
                found.append(f"console.{params['type']}: {[a.get('value', a.get('description')) for a in params['args']]}")
            elif method == "Runtime.exceptionThrown":
                found.append(f"exception: {params['exceptionDetails']}")
            elif method == "Log.entryAdded" and params["entry"]["level"] in {"error", "warning"}:
                found.append(f"log {params['entry']['level']}: {params['entry']['text']}")
            elif method == "Page.javascriptDialogOpening":
                found.append(f"dialog: {params.get('message')}")
            elif method == "Network.loadingFailed":
                found.append(f"load failed: {params.get('errorText')}")
        return found

    def requested_urls(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events if e["method"] == "Network.requestWillBeSent"]

    def close(self) -> None:
        try:
            self.ws.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def chromium_missing() -> str:
    """Why the browser tests cannot run here, or '' when they can."""
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return f"Chromium is not installed at {CHROMIUM} (apt-get install chromium; .ci/run does)"
    try:
        import websocket  # noqa: F401
    except ImportError:
        return "websocket-client is not installed (pip install -e '.[test]')"
    return ""


def open_report(browser: Browser, report: Path) -> None:
    """Load a report and wait until its script has drawn the graph."""
    browser.open(report)
    browser.wait_for("document.body.getAttribute('data-rendered') === 'true'")


def click_node(browser: Browser, label: str) -> None:
    """Click the graph node with this label, at its position on screen."""
    x, y = browser.evaluate(f"""(() => {{
        const cy = window.newskgReport.cy;
        const node = cy.nodes().filter(n => n.data('label') === {json.dumps(label)})[0];
        const box = document.getElementById('graph').getBoundingClientRect();
        document.getElementById('graph').scrollIntoView();
        const b2 = document.getElementById('graph').getBoundingClientRect();
        const p = node.renderedPosition();
        return [b2.left + p.x, b2.top + p.y];
    }})()""")
    browser.click(x, y)
    browser.wait_for("document.body.hasAttribute('data-selected')", timeout=5)


# --------------------------------------------------------------------------------------------
# Pipeline runs (real Luigi scheduler, real spaCy model)


def run_with_report(inputs: list[Path], output: Path) -> Path:
    export = export_task([str(p) for p in inputs], str(output))
    assert run_luigi([export, report_task(export)]), "the Luigi pipeline failed"
    return output


@pytest.fixture(scope="module")
def examples_out(tmp_path_factory) -> Path:
    return run_with_report([EXAMPLES], tmp_path_factory.mktemp("report-examples"))


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory, seed_article) -> Path:
    folder = tmp_path_factory.mktemp("report-seed")
    source = folder / "input" / "seed.jsonl"
    source.parent.mkdir()
    source.write_text(json.dumps(seed_article, ensure_ascii=False) + "\n", encoding="utf-8")
    return run_with_report([source], folder / "out")


@pytest.fixture(scope="module")
def nasty_out(tmp_path_factory) -> Path:
    """An export whose names, sentence, title and URL are hostile text (built by graph.py itself)."""
    out = tmp_path_factory.mktemp("report-nasty")
    sentence = f'President {NASTY} of Ruritania said "</script><b>bold</b>" & more.'
    record = {
        "article": {"id": "a<1>", "title": "T </title><script>alert(1)</script>", "source_name": "S & \"co\"",
                    "published": "2024-05-01", "source_url": "javascript:alert(1)", "sha256": "0" * 64},
        "entities": [
            {"key": "p", "name": NASTY, "type": "Person", "surface_forms": [NASTY]},
            {"key": "c", "name": "Ruritania", "type": "Country", "surface_forms": ["Ruritania"]},
            {"key": "w", "name": "Zap-9", "type": "WeaponSystem", "surface_forms": ["Zap-9"]},
            {"key": "l", "name": "Lower Ruritania", "type": "Location", "surface_forms": ["Lower Ruritania"]},
        ],
        "mentions": [{"entity": "p"}, {"entity": "c"}, {"entity": "w"}, {"entity": "l"}],
        "relations": [
            {"subject": "p", "predicate": "leaderOf", "object": "c", "sentence": sentence, "start": 0,
             "end": len(sentence), "confidence": 0.9, "modality": "asserted", "negated": False, "trigger": "president"},
            {"subject": "c", "predicate": "deploys", "object": "w", "location": "l", "start": 200, "end": 260,
             "sentence": "Ruritania will deploy Zap-9 launchers in Lower Ruritania.", "confidence": 0.8,
             "modality": "planned", "negated": False, "trigger": "deploy"},
            {"subject": "w", "predicate": "suppliesWeaponsTo", "object": "c", "start": 300, "end": 340,
             "sentence": "Could Zap-9 reach Ruritania?", "confidence": 0.3, "modality": "asserted",
             "negated": False, "trigger": "reach"},
        ],
    }
    (out / "graph.ttl").write_bytes(serialize_turtle(build_graph([record])))
    (out / "summary.json").write_text(json.dumps({"articles": 1, "rejected": 1, "build": "nasty",
                                                  "facts": {"leaderOf": 1}}), encoding="utf-8")
    (out / "rejects.jsonl").write_text(json.dumps({"path": "<img src=x onerror=alert(2)>.txt", "id": None,
                                                   "reason": "empty </td> text"}) + "\n", encoding="utf-8")
    write_report(out)
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    reason = chromium_missing()
    if reason:
        pytest.skip(reason)
    instance = Browser(tmp_path_factory.mktemp("chromium-profile"))
    yield instance
    instance.close()


# --------------------------------------------------------------------------------------------
# Without a browser


class _Scripts(html.parser.HTMLParser):
    """Counts elements and collects the attributes the page would run (no script parsing)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, int] = {}
        self.handlers: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] = self.tags.get(tag, 0) + 1
        self.handlers += [k for k, _ in attrs if k.startswith("on")]
        self.links += [v or "" for k, v in attrs if k in {"href", "src"}]


def parse_page(page: str) -> _Scripts:
    parser = _Scripts()
    parser.feed(page)
    return parser


def test_highlight_marks_both_entities() -> None:
    segments = highlight("President Alexander Lukashenko of Belarus said Minsk would act.",
                         [("subject", ["Alexander Lukashenko", "Lukashenko"]), ("object", ["Belarus", "Minsk"])])
    marked = [(s["text"], s["role"]) for s in segments if s["role"]]
    assert marked == [("Alexander Lukashenko", "subject"), ("Belarus", "object")]
    assert "".join(s["text"] for s in segments).startswith("President Alexander")
    # whole words only, case-insensitive fallback, no overlap between the two roles
    segments = highlight("the iranian drones; IRAN sent them", [("subject", ["Iran"]), ("object", ["Iran"])])
    assert [(s["text"], s["role"]) for s in segments if s["role"]] == [("IRAN", "subject")]


def test_script_json_cannot_close_the_block() -> None:
    text = str(script_json({"name": "</script><!-- & -->", "emoji": "🚀"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><!-- & -->", "emoji": "🚀"}
    assert safe_url("https://example.org/a?b=1") and not safe_url("javascript:alert(1)") and not safe_url("/x")


def test_report_escapes_hostile_text(nasty_out: Path) -> None:
    page = (nasty_out / REPORT_FILE).read_text(encoding="utf-8")
    parsed = parse_page(page)
    assert parsed.tags["script"] == 3, "only the data block, Cytoscape.js and the report script"
    assert parsed.handlers == [] and parsed.tags.get("img", 0) == 0
    assert not any(link.lower().startswith("javascript") for link in parsed.links)
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page  # the name, escaped in the table
    assert "<mark class=\"subject\">&lt;script&gt;" in page             # and highlighted in the sentence


def test_report_reads_the_export(examples_out: Path) -> None:
    data = report_data(*load_export(examples_out))
    labels = {n["label"] for n in data["elements"]["nodes"]}
    assert {"Donald Tusk", "Poland", "Kim Jong Un", "North Korea", "Iran", "Russia"} <= labels
    rows = data["rows"]
    assert [r["n"] for r in rows] == list(range(1, len(rows) + 1))
    summary = json.loads((examples_out / "summary.json").read_text())
    assert sum(r["status"] == "fact" for r in rows) == sum(summary["facts"].values())
    assert sum(r["status"] == "negated" for r in rows) >= 1  # "Tehran denies ..." stays a mention
    tusk = next(r for r in rows if r["subject_label"] == "Donald Tusk" and r["relation"] == "leaderOf")
    assert tusk["object_label"] == "Poland" and tusk["article"]["title"]
    assert {s["role"] for s in tusk["segments"]} >= {"subject", "object"}
    # every non-negated mention is drawn as an edge, planned or weak ones styled apart
    edges = data["elements"]["edges"]
    assert {e["relation"] for e in edges} >= {"leaderOf", "suppliesWeaponsTo", "deploys"}
    drawn = {n for e in edges for n in e["rows"]}
    assert drawn == {r["n"] for r in rows if not r["negated"]}
    for edge in edges:
        members = [r for r in rows if r["n"] in edge["rows"]]
        assert (edge["style"] == "low") == all(r["status"] != "fact" for r in members)


def test_report_is_written_by_luigi_deterministic_and_offline(examples_out: Path, tmp_path: Path) -> None:
    report = examples_out / REPORT_FILE
    page = report.read_text(encoding="utf-8")
    assert page == build_report(examples_out), "same export, same bytes"
    assert report_key_of(report) is not None
    parsed = parse_page(page)
    assert parsed.tags["script"] == 3 and parsed.tags.get("link", 0) == 0
    assert not [u for u in parsed.links if u and not u.startswith(("http://", "https://", "#"))]
    assert 'src="http' not in page and "@import" not in page and "url(http" not in page
    # a second run finds the report complete; `newskg report` rebuilds it in place
    export = export_task([str(EXAMPLES)], str(examples_out))
    assert report_task(export).complete()
    report.unlink()
    assert not report_task(export).complete()
    assert cli_main(["report", str(examples_out)]) == 0
    assert report.read_text(encoding="utf-8") == page
    assert not list(examples_out.glob(".report.html.*"))
    assert cli_main(["report", str(tmp_path / "nowhere")]) == 1


# --------------------------------------------------------------------------------------------
# In headless Chromium


def test_examples_report_in_chromium(browser: Browser, examples_out: Path, tmp_path: Path) -> None:
    open_report(browser, examples_out / REPORT_FILE)
    nodes = int(browser.evaluate("document.body.getAttribute('data-nodes')"))
    data = report_data(*load_export(examples_out))
    assert nodes == len(data["elements"]["nodes"]) > 10
    assert browser.evaluate("document.querySelector('#graph canvas') !== null")
    table = browser.evaluate("document.getElementById('facts-table').innerText")
    for text in ("Donald Tusk", "leaderOf", "Poland", "suppliesWeaponsTo", "North Korea", "deploys", "Patriot",
                 "negated"):
        assert text in table
    summary = browser.evaluate("document.getElementById('summary').innerText")
    assert "Entities by type" in summary and "Facts by relation" in summary and "Time per stage" in summary
    click_node(browser, "Donald Tusk")
    panel = browser.evaluate("document.getElementById('panel').innerText")
    assert "Donald Tusk" in panel and "leaderOf" in panel and "Poland" in panel
    selected = browser.evaluate("[...document.querySelectorAll('#facts-table tr.selected')].length")
    assert selected >= 1
    browser.screenshot(tmp_path / "examples-report.png")
    assert (tmp_path / "examples-report.png").stat().st_size > 10_000
    assert browser.problems() == []
    assert all(u.startswith(("file:", "data:")) for u in browser.requested_urls()), browser.requested_urls()


def test_seed_report_in_chromium(browser: Browser, seed_out: Path, tmp_path: Path) -> None:
    open_report(browser, seed_out / REPORT_FILE)
    assert int(browser.evaluate("document.body.getAttribute('data-nodes')")) >= 3
    table = browser.evaluate("document.getElementById('facts-table').innerText")
    for text in ("Alexander Lukashenko", "leaderOf", "Belarus", "Oreshnik", "deploys"):
        assert text in table
    marks = browser.evaluate("[...document.querySelectorAll('#facts-table mark')].map(m => m.textContent)")
    assert "Alexander Lukashenko" in marks and "Oreshnik" in marks
    click_node(browser, "Alexander Lukashenko")
    panel = browser.evaluate("document.getElementById('panel').innerText")
    assert "Alexander Lukashenko" in panel and "leaderOf" in panel and "Belarus" in panel
    browser.screenshot(tmp_path / "seed-report.png", full_page=True)
    assert browser.problems() == []


def test_hostile_text_stays_text_in_chromium(browser: Browser, nasty_out: Path) -> None:
    open_report(browser, nasty_out / REPORT_FILE)
    assert browser.evaluate("document.scripts.length") == 3
    cell = browser.evaluate("document.querySelector('#facts-table tbody td:nth-child(2)').textContent")
    assert cell.strip() == NASTY
    click_node(browser, NASTY)
    assert NASTY in browser.evaluate("document.getElementById('panel-title').textContent")
    assert browser.evaluate("document.querySelectorAll('#panel script, #facts-table script, #facts-table b, img').length") == 0
    # planned deployments dashed, a deployment's place as a deployedTo arrow, low confidence dotted
    styles = browser.evaluate("""window.newskgReport.cy.edges().map(e =>
        [e.data('label'), e.style('line-style'), e.style('line-color')]).sort()""")
    assert [s[:2] for s in styles] == [["deployedTo", "dashed"], ["deploys", "dashed"], ["leaderOf", "solid"],
                                       ["suppliesWeaponsTo", "dotted"]]
    assert styles[3][2] != styles[2][2]
    assert browser.problems() == []


# --------------------------------------------------------------------------------------------


def make_screenshot(dest: Path) -> Path:
    """Run the pipeline on examples/ and save a screenshot of its report (the README's picture)."""
    reason = chromium_missing()
    if reason:
        raise SystemExit(reason)
    with tempfile.TemporaryDirectory() as tmp:
        out = run_with_report([EXAMPLES], Path(tmp, "out"))
        browser = Browser(Path(tmp, "profile"))
        try:
            browser.call("Emulation.setDeviceMetricsOverride", width=1400, height=860, deviceScaleFactor=1,
                         mobile=False)
            open_report(browser, out / REPORT_FILE)
            click_node(browser, "Poland")
            browser.evaluate("window.scrollTo(0, 0)")
            return browser.screenshot(dest)
        finally:
            browser.close()


if __name__ == "__main__":
    print(make_screenshot(Path(sys.argv[1] if len(sys.argv) > 1 else REPO / "docs" / "report.png")))
