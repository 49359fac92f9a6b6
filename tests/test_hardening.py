"""Hostile and broken input, end to end: the real pipeline on a folder of good and bad inputs.

A folder mixes good articles (covering the three relations, some with quotes, backslashes, angle
brackets, ``#``, emoji and right-to-left scripts in their text) with every kind of bad input. The
run must complete, the graph must be byte-identical to a run on the good articles alone, and every
bad input must be in rejects.jsonl and the summary with its exact reason. Also: exit statuses and
``--strict`` of ``newskg run``, IRIs and literals of hostile names, and bounded cost of huge inputs.
"""
from __future__ import annotations

import builtins
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, URIRef

from pipeline import ingest
from pipeline.cli import export_task, run_luigi
from pipeline.graph import NKR, build_graph, serialize_turtle, slug, validate
from tests.conftest import REPO

EXPECTED_EXT = "(expected .txt, .md, .json, .jsonl, .html, .htm)"
FACTS_QUERY = """
PREFIX nkg: <https://w3id.org/newskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?p ?o WHERE {
  VALUES ?p { nkg:leaderOf nkg:suppliesWeaponsTo nkg:deploys }
  ?x ?p ?y . ?x rdfs:label ?s . ?y rdfs:label ?o }"""
EVIDENCE_QUERY = """
PREFIX nkg: <https://w3id.org/newskg/ontology#>
SELECT ?e WHERE { ?m nkg:evidence ?e }"""

NETANYAHU = ('Israeli Prime Minister Benjamin Netanyahu said "we will not stop" #breaking \U0001F680 '
             "on Sunday.")
HOSTILE_TEXT = (
    NETANYAHU + "\n\n"
    "A post read <b>alert</b> & a path C:\\temp\\x; the Hebrew name was "
    "\u05d1\u05e0\u05d9\u05de\u05d9\u05df \u05e0\u05ea\u05e0\u05d9\u05d4\u05d5 and the Arabic one "
    "\u0628\u0646\u064a\u0627\u0645\u064a\u0646.\n\n"
    "Russia has deployed Iskander missiles to Belarus, the \"Kremlin's\" spokesman said.\tNo comment.\n")
ISKANDER = "Russia has deployed Iskander missiles to Belarus, the \"Kremlin's\" spokesman said."

# Facts the good articles state; the mixed run must find at least these (and exactly what the
# good articles alone give).
EXPECTED_FACTS = {
    ("Donald Tusk", "leaderOf", "Poland"),
    ("South Korea", "suppliesWeaponsTo", "Poland"),
    ("Iran", "suppliesWeaponsTo", "Russia"),
    ("Benjamin Netanyahu", "leaderOf", "Israel"),
    ("Russia", "deploys", "Iskander"),
    ("Turkey", "suppliesWeaponsTo", "Ukraine"),
    ("Sweden", "suppliesWeaponsTo", "Ukraine"),
    ("United States", "deploys", "F-35"),
    ("Shigeru Ishiba", "leaderOf", "Japan"),
    ("France", "suppliesWeaponsTo", "Ukraine"),
    ("Kim Jong Un", "leaderOf", "North Korea"),
    ("Germany", "suppliesWeaponsTo", "Ukraine"),
    ("Mark Rutte", "leaderOf", "NATO"),
}
GOOD_JSONL = [
    {"id": "korea-shells", "title": "Shells for the war",
     "text": "North Korean leader Kim Jong Un has shipped millions of artillery shells to Russia, South Korean "
             "intelligence said. Russian President Vladimir Putin thanked Pyongyang for its support."},
    {"id": "germany-ukraine", "text": "Germany delivered IRIS-T air defence systems to Ukraine, Chancellor Olaf "
                                      "Scholz said. Berlin has refused to send Taurus cruise missiles to Kyiv."},
    {"id": "surrogate", "text": "NATO Secretary General Mark Rutte said the alliance was united \ud800 on Friday."},
]
PAGE_HTML = """<!DOCTYPE html><html><head><title>Howitzers for Kyiv</title>
<meta property="og:site_name" content="Paris Gazette"></head><body><nav>Home | World | Sport</nav>
<article><h1>Howitzers for Kyiv</h1>
<p>France has delivered Caesar howitzers to Ukraine, President Emmanuel Macron said on Tuesday in Paris.</p>
<p>The guns were sent in several batches over the past year, officials in the French defence ministry added.</p>
</article><footer>All rights reserved</footer></body></html>"""
NON_UTF8_NAME = os.fsdecode(b"caf\xe9-news.txt")  # a file name that is not valid UTF-8


def write_good(root: Path) -> None:
    """The good articles: every one is read (some with a warning) and states at least one fact."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "poland.txt").write_text(
        "Baltic Wire\nEurope\n\nPoland Reinforces Eastern Border\n\n"
        "Polish Prime Minister Donald Tusk said on Monday that Poland will deploy additional troops to its "
        "border with Belarus.\n\nSouth Korea delivered the first batch of K2 tanks to Poland in 2022, officials "
        "in Seoul said.\n", encoding="utf-8")
    (root / "iran.md").write_text("# Drones for the Front\n\nIran has supplied hundreds of Shahed-136 drones to "
                                  "Russia, according to Western intelligence officials.\n", encoding="utf-8")
    (root / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (root / "latin1.txt").write_bytes(
        "Caf\u00e9 owners in Ankara said Turkey sold Bayraktar TB2 drones to Ukraine.".encode("cp1252"))
    (root / "utf16.txt").write_bytes(
        "Z\u00fcrich: Sweden delivered CV90 infantry fighting vehicles to Ukraine, officials said.".encode("utf-16"))
    (root / "controls.txt").write_bytes(
        b"The\x07 United States\x1b has deployed F-35 fighter jets to Poland, the Pentagon said.\x0b\x0c")
    (root / NON_UTF8_NAME).write_text("Japanese Prime Minister Shigeru Ishiba met reporters in Tokyo.",
                                      encoding="utf-8")
    (root / "page.html").write_text(PAGE_HTML, encoding="utf-8")
    (root / "batch.jsonl").write_text("".join(json.dumps(line) + "\n" for line in GOOD_JSONL), encoding="utf-8")
    (root / ".hidden.txt").write_text("Dot-files are skipped silently: Chad sold tanks to Mali.", encoding="utf-8")


HUGE_BYTES = 20_000_000  # "a 20 MB article": under the 20 MiB file limit, over the character limit


def huge_article() -> str:
    paragraph = " ".join(["Officials said the talks on the new border crossing would continue next week."] * 12)
    text = "\n\n".join([paragraph] * (HUGE_BYTES // len(paragraph) + 1))[:HUGE_BYTES]
    return text


def write_bad(root: Path) -> list[dict]:
    """Write every bad input under ``root``; return the rejects expected for them (exact reasons)."""
    root.mkdir(parents=True, exist_ok=True)
    expected: list[dict] = []

    def p(name: str) -> str:  # a path as the reader reports it
        return str(root / name)

    def reject(name: str, reason: str, article_id: str | None = None) -> None:
        expected.append({"path": p(name), "id": article_id, "reason": reason})

    (root / "empty.txt").write_bytes(b"")
    reject("empty.txt", "empty file")
    (root / "blank.txt").write_text(" \n\t\r\n  \u00a0\n", encoding="utf-8")
    reject("blank.txt", "empty text")
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    reject("image.txt", "binary content (looks like PNG image), not text")
    with zipfile.ZipFile(root / "archive.txt", "w") as archive:
        archive.writestr("inner.txt", "Germany sent tanks to Ukraine.")
    reject("archive.txt", "binary content (looks like ZIP archive), not text")
    (root / "noise.txt").write_bytes(bytes([1, 2, 3, 4, 5, 6, 14, 15, 16, 17]) * 20 + b"abc")
    reject("noise.txt", "binary content (too many control characters), not text")
    (root / "bad-utf16.txt").write_bytes(b"\xff\xfe" + "Odd".encode("utf-16-le") + b"!")
    reject("bad-utf16.txt", "not valid UTF-16 text despite its byte-order mark (truncated data)")
    huge = huge_article()
    (root / "huge.txt").write_text(huge, encoding="utf-8")
    assert (root / "huge.txt").stat().st_size == HUGE_BYTES
    reject("huge.txt", f"text of {len(huge.rstrip()):,} characters exceeds the 100,000-character limit")
    (root / "one-line.txt").write_text("word " * 1_000_000, encoding="utf-8")  # a single 5 MB line
    reject("one-line.txt", "text of 4,999,999 characters exceeds the 100,000-character limit")
    with (root / "over-limit.txt").open("wb") as fh:  # sparse: never read, rejected by its size
        fh.truncate(21 * 1024 * 1024)
    reject("over-limit.txt", "file of 21 MB exceeds the 20 MB limit")
    (root / "junk.html").write_text("<html><head><script>var x = 1;</script></head><body><div></div></body></html>",
                                    encoding="utf-8")
    reject("junk.html", "no article text found in HTML")
    (root / "bad.json").write_text('{"text": "x",}', encoding="utf-8")
    reject("bad.json", "invalid JSON (Expecting property name enclosed in double quotes at line 1 column 14)")
    (root / "report.docx").write_bytes(b"PK\x03\x04 not really a document")
    reject("report.docx", f"unsupported extension '.docx' {EXPECTED_EXT}")
    (root / "README").write_text("Read me.", encoding="utf-8")
    reject("README", f"no file extension {EXPECTED_EXT}")
    (root / "gone.txt").symlink_to(root / "does-not-exist.txt")
    reject("gone.txt", "broken symlink")
    os.mkfifo(root / "pipe.txt")  # a reader that opened it would hang forever
    reject("pipe.txt", "not a regular file")
    (root / "secret.txt").write_text("Hidden text: Chad sold tanks to Mali.", encoding="utf-8")
    reject("secret.txt", "cannot read: permission denied")
    lines = [
        json.dumps({"id": "korea-shells", "text": "Canada has sent Leopard tanks to Latvia."}),
        '{"id": "broken", "text": "unterminated',
        json.dumps({"id": "no-text", "title": "Only a title"}),
        json.dumps({"id": "num-text", "text": 42}),
        json.dumps([1, 2]),
        '{"id": "deep", "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
        json.dumps({"id": "huge-line", "text": "word " * 1_000_000}),  # a 5 MB line
        json.dumps({"id": "blank-text", "text": "  \n\t "}),
        json.dumps({"id": {"a": 1}, "text": "An object as id."}),
        json.dumps({"id": "iran", "text": "Chad sold tanks to Mali."}),
        "",
    ]
    (root / "zz-lines.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    jl = p("zz-lines.jsonl")
    expected += [
        {"path": jl, "id": "korea-shells",
         "reason": f"duplicate id 'korea-shells' (first seen in {p('batch.jsonl')}, line 1)"},
        {"path": jl, "id": None, "reason": "JSON line 2: invalid JSON (Unterminated string starting at)"},
        {"path": jl, "id": "no-text", "reason": "line 3: missing or non-string 'text'"},
        {"path": jl, "id": "num-text", "reason": "line 4: missing or non-string 'text'"},
        {"path": jl, "id": None, "reason": "line 5: not a JSON object (got list)"},
        {"path": jl, "id": None, "reason": "JSON line 6: invalid JSON (nested too deeply)"},
        {"path": jl, "id": "huge-line", "reason": "line 7: text of 4,999,999 characters exceeds the 100,000-character limit"},
        {"path": jl, "id": "blank-text", "reason": "line 8: empty text"},
        {"path": jl, "id": None, "reason": "line 9: 'id' must be a string or a number"},
        {"path": jl, "id": "iran", "reason": f"duplicate id 'iran' (first seen in {p('iran.md')})"},
    ]
    return expected


def make_unreadable(path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Make ``path`` unreadable: chmod 000, or (as root, who reads anything) refuse to open it."""
    path.chmod(0)
    try:
        path.read_bytes()
    except PermissionError:
        return "chmod 000"
    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):
        if os.fspath(file) == str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(ingest, "open", guarded_open, raising=False)  # the reader's open(), only
    return "simulated (running as root)"


def facts_of(turtle: bytes) -> set[tuple[str, str, str]]:
    graph = Graph().parse(data=turtle, format="turtle")
    return {(str(r.s), str(r.p).rsplit("#", 1)[1], str(r.o)) for r in graph.query(FACTS_QUERY)}


def oxigraph_store(data: bytes, fmt: pyoxigraph.RdfFormat = pyoxigraph.RdfFormat.TURTLE) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.bulk_load(io.BytesIO(data), fmt)
    return store


def rapper_ok(path: Path, syntax: str = "turtle") -> None:
    """``rapper -i SYNTAX -c`` accepts the file (skips when Debian's raptor2-utils is absent)."""
    if shutil.which("rapper") is None:
        pytest.skip("rapper (Debian raptor2-utils) is not installed; .ci/run installs it")
    done = subprocess.run(["rapper", "-i", syntax, "-c", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Error" not in done.stderr and "Warning" not in done.stderr, done.stderr[-2000:]


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory) -> dict:
    """The pipeline on the good articles alone, and on the good articles mixed with every bad input."""
    base = tmp_path_factory.mktemp("hardening")
    good, mixed = base / "good", base / "mixed"
    write_good(good)
    write_good(mixed)
    expected = write_bad(mixed)
    with pytest.MonkeyPatch.context() as monkeypatch:
        how = make_unreadable(mixed / "secret.txt", monkeypatch)
        assert run_luigi([export_task([str(mixed)], str(base / "out-mixed"))]), "the mixed run failed"
    assert run_luigi([export_task([str(good)], str(base / "out-good"))]), "the good-only run failed"
    yield {"base": base, "good": good, "mixed": mixed, "expected": expected, "unreadable": how,
           "out_mixed": base / "out-mixed", "out_good": base / "out-good"}
    (mixed / "secret.txt").chmod(0o644)


def test_mixed_folder_completes_and_good_facts_are_unchanged(mixed_run: dict) -> None:
    turtle = (mixed_run["out_mixed"] / "graph.ttl").read_bytes()
    alone = (mixed_run["out_good"] / "graph.ttl").read_bytes()
    found = facts_of(turtle)
    assert EXPECTED_FACTS <= found, EXPECTED_FACTS - found
    assert found == facts_of(alone)
    assert turtle == alone, "bad inputs changed the graph of the good articles"
    summary = json.loads((mixed_run["out_mixed"] / "summary.json").read_text(encoding="utf-8"))
    assert summary["articles"] == json.loads((mixed_run["out_good"] / "summary.json").read_text())["articles"] == 11


def test_every_bad_input_is_rejected_with_its_reason(mixed_run: dict) -> None:
    lines = (mixed_run["out_mixed"] / "rejects.jsonl").read_text(encoding="utf-8").splitlines()
    rejects = [json.loads(line) for line in lines]
    def key(reject: dict) -> tuple[str, str]:
        return reject["path"], reject["reason"]

    assert sorted(rejects, key=key) == sorted(mixed_run["expected"], key=key), (
        f"unreadable file: {mixed_run['unreadable']}")
    assert rejects == sorted(rejects, key=lambda r: r["path"])  # listed in path order
    summary = json.loads((mixed_run["out_mixed"] / "summary.json").read_text(encoding="utf-8"))
    assert summary["rejected"] == len(mixed_run["expected"]) == 26
    assert summary["reject_reasons"] == [f"{r['path']}: {r['reason']}" for r in rejects]
    # decoded with a fallback: read, and said so
    assert summary["warnings"] == [f"{mixed_run['mixed'] / 'latin1.txt'}: decoded as Windows-1252 (not valid UTF-8)"]
    assert (mixed_run["out_good"] / "rejects.jsonl").read_text() == ""
    assert not any(".hidden" in r["path"] for r in rejects)


def test_hostile_text_survives_as_escaped_literals(mixed_run: dict) -> None:
    path = mixed_run["out_mixed"] / "graph.ttl"
    data = path.read_bytes()
    store = oxigraph_store(data)
    evidence = {solution["e"].value for solution in store.query(EVIDENCE_QUERY)}
    assert NETANYAHU in evidence and ISKANDER in evidence
    assert "Rutte said the alliance was united \ufffd on Friday." in " ".join(evidence)  # lone surrogate
    assert not any(re.search(r"[\x00-\x08\x0b-\x1f\x7f]", e) for e in evidence)
    assert len(store) == len(Graph().parse(data=data, format="turtle"))
    conforms, report = validate(Graph().parse(data=data, format="turtle"))
    assert conforms, report
    rapper_ok(path)
    ids = {str(r.i) for r in Graph().parse(data=data, format="turtle").query(
        "SELECT ?i WHERE { ?a <http://purl.org/dc/terms/identifier> ?i }")}
    assert "caf\\xe9-news" in ids  # undecodable file-name bytes shown as \xNN, never crash a writer


# --------------------------------------------------------------------------- #
# IRIs and literals of hostile names, on hand-made records
# --------------------------------------------------------------------------- #

HOSTILE_NAMES = [
    'Kim "Jong" Un', "O'Brien \\ Back", "<Evil> & Co", "Line\nBreak\tTab", "Hash #Tag", "Emoji \U0001F680 Corp",
    "\u0645\u062d\u0645\u062f \u0628\u0646 \u0633\u0644\u0645\u0627\u0646", "\u05e2\u05dd \u05d9\u05e9\u05e8\u05d0\u05dc",
    "100% (Pure)*!", ".", "..", "a_b", "a b", "Zelen\u00adsky", "Zelensky", "%41", "\u00dcn\u00efc\u00f8d\u00e9",
    '"""', "x\\", "a/b?c=d&e#f", "Ctl\x01\x7fName", "\ufeffBOM", "Caf\u00e9", "Cafe\u0301",
    "{braces} [brackets] `tick` |pipe| ^caret^", "semi;colon,comma", "tab\there",
]
HOSTILE_IDS = ["..", ".", "a b", "a_b", "x/y", "\u00e9", "e\u0301", 'q"<>#%', "sp ace", "%20", "tab\tid", "\U0001F680"]
IRI_CHARS = re.compile(r"^[A-Za-z0-9\-._~%:/#?=&]+$")


def hostile_records() -> list[dict]:
    """Records as the relation stage writes them, with hostile names, ids, titles and sentences."""
    records = []
    for number, article_id in enumerate(HOSTILE_IDS):
        entities = [{"key": f"org:{i}", "name": name, "qid": None, "surface_forms": [name, name + "'s"],
                     "type": "Organization"} for i, name in enumerate(HOSTILE_NAMES)]
        entities.append({"key": "person:p", "name": 'Per "son" <x>', "qid": "Q42", "surface_forms": [],
                         "type": "Person"})
        relations = [{"subject": "person:p", "predicate": "leaderOf", "object": f"org:{i}",
                      "sentence": f'He said "{name}" \\ <b> # \U0001F680 \u05e9\u05dc\u05d5\u05dd.', "start": 0,
                      "end": 5, "confidence": 0.9, "modality": "asserted", "negated": False,
                      "trigger": 'lead"s\\'} for i, name in enumerate(HOSTILE_NAMES)]
        records.append({
            "article": {"id": article_id, "sha256": f"{number:064x}", "title": 'T "x" \\ <y>\n\t#',
                        "published": ["2024-02-30", "2024-01-01", "1987", "26-FEB-1987 15:01"][number % 4],
                        "source_url": "not a url <> \" {}", "source_name": "S\u200f\u202e"},
            "entities": entities,
            "mentions": [{"entity": e["key"], "start": 0, "end": 1, "text": "x", "via": "name"} for e in entities],
            "relations": relations})
    return records


def test_hostile_names_give_valid_iris_and_escaped_literals(tmp_path: Path) -> None:
    graph = build_graph(hostile_records())
    data = serialize_turtle(graph)
    path = tmp_path / "hostile.ttl"
    path.write_bytes(data)
    parsed = Graph().parse(data=data, format="turtle")
    assert len(parsed) == len(graph)
    store = oxigraph_store(data)
    assert len(store) == len(graph)
    rapper_ok(path)
    conforms, report = validate(parsed)
    assert conforms, report
    iris = {str(t) for triple in graph for t in triple if isinstance(t, URIRef)}
    resources = sorted(i for i in iris if i.startswith(str(NKR)))
    for iri in resources:  # plain ASCII, percent-encoded: valid as IRI and as URI everywhere
        assert IRI_CHARS.match(iri) and not re.search(r"%(?![0-9A-F]{2})", iri), iri
        assert not iri.endswith(("/.", "/..")) and "/./" not in iri and "/../" not in iri, iri
    # one article IRI per id (ids differing only in spaces, case of encoding or NFC stay apart)
    articles = {str(s) for s in parsed.subjects(predicate=None, object=None)
                if str(s).startswith(str(NKR["article/"]))}
    assert len(articles) == len(HOSTILE_IDS)
    # every name round-trips through Oxigraph exactly, as the label or (IRI shared with a name that
    # differs only in what slug drops) an alternative label; one label per entity IRI
    names = {s["l"].value for s in store.query(
        "SELECT ?l WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label>|"
        "<http://www.w3.org/2004/02/skos/core#altLabel> ?l }")}
    assert set(HOSTILE_NAMES) <= names, set(HOSTILE_NAMES) - names
    evidence = {s["e"].value for s in store.query(EVIDENCE_QUERY)}
    assert {f'He said "{name}" \\ <b> # \U0001F680 \u05e9\u05dc\u05d5\u05dd.' for name in HOSTILE_NAMES} == evidence


def test_slug_is_ascii_and_never_a_dot_segment() -> None:
    assert slug("Alexander Lukashenko") == "Alexander_Lukashenko"
    assert slug("T\u00fcrkiye") == "T%C3%BCrkiye"
    assert slug("100% (pure)") == "100%25_%28pure%29"
    assert slug(".") == "%2E" and slug("..") == "%2E%2E" and slug("...") == "..."
    assert slug("\x00\x01") == "_" and slug("a\u00adb") == "ab"
    assert slug("\u05e2\u05dd") == "%D7%A2%D7%9D"


def test_names_from_text_clean_at_ingest(tmp_path: Path) -> None:
    """Invisible characters that split names, and lone surrogates, are removed/replaced when reading."""
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "x\ud800 ", "text": "Zelen\u00adsky\u200b met \ud83d Macron\u2060."}) + "\n",
                    encoding="utf-8")
    (article,), rejects = ingest.read_articles([path])
    assert rejects == []
    assert article["text"] == "Zelensky met \ufffd Macron."
    assert article["id"] == "x\ufffd"


def test_invalid_dates_are_not_typed_as_xsd_date() -> None:
    records = hostile_records()[:2]
    graph = build_graph(records)
    dates = {str(o): str(o.datatype) for o in graph.objects(predicate=None) if str(o) in ("2024-02-30", "2024-01-01")}
    assert dates["2024-01-01"].endswith("#date")
    assert dates["2024-02-30"] == "None"  # a plain string: "2024-02-30"^^xsd:date would be ill-typed


# --------------------------------------------------------------------------- #
# Huge inputs: bounded time and memory, the limit named
# --------------------------------------------------------------------------- #


def test_huge_inputs_cost_is_bounded(tmp_path: Path) -> None:
    (tmp_path / "huge.txt").write_text(huge_article(), encoding="utf-8")
    (tmp_path / "line.jsonl").write_text(json.dumps({"id": "l", "text": "word " * 1_000_000}) + "\n", encoding="utf-8")
    script = (
        "import json, resource, sys, time\n"
        "from pipeline.ingest import read_articles\n"
        "start = time.monotonic()\n"
        "articles, rejects = read_articles(sys.argv[1:])\n"
        "print(json.dumps({'seconds': time.monotonic() - start, 'articles': len(articles), 'rejects': rejects,\n"
        "                  'max_rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))\n")
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "huge.txt"), str(tmp_path / "line.jsonl")],
                          capture_output=True, text=True, cwd=REPO, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert result["articles"] == 0 and len(result["rejects"]) == 2
    assert all("exceeds the 100,000-character limit" in r["reason"] for r in result["rejects"])
    assert result["seconds"] < 20, result
    assert result["max_rss_mb"] < 600, result  # 20 MB of text: a few copies, never a parse


# --------------------------------------------------------------------------- #
# Exit status and --strict
# --------------------------------------------------------------------------- #


def newskg(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "pipeline.cli", "run", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def small_folders(tmp_path_factory) -> dict:
    base = tmp_path_factory.mktemp("exit-status")
    good, bad = base / "good", base / "bad"
    for folder in (good, bad):
        folder.mkdir()
        (folder / "tusk.txt").write_text("Polish Prime Minister Donald Tusk met farmers in Warsaw on Monday.",
                                         encoding="utf-8")
    (bad / "empty.txt").write_bytes(b"")
    (bad / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (bad / "old.txt").write_bytes("Caf\u00e9 owners met in Lyon on Monday.".encode("cp1252"))  # read, with a warning
    return {"base": base, "good": good, "bad": bad}


def test_exit_status_3_when_inputs_were_rejected(small_folders: dict) -> None:
    out = small_folders["base"] / "out"
    done = newskg(str(small_folders["bad"]), "--output", str(out))
    assert done.returncode == 3, done.stderr[-3000:]
    assert (out / "graph.ttl").exists() and ("Donald Tusk", "leaderOf", "Poland") in facts_of((out / "graph.ttl").read_bytes())
    bad = small_folders["bad"]
    assert f"rejected: {bad / 'empty.txt'}: empty file" in done.stdout
    assert f"rejected: {bad / 'image.txt'}: binary content (looks like PNG image), not text" in done.stdout
    assert f"warning: {bad / 'old.txt'}: decoded as Windows-1252 (not valid UTF-8)" in done.stdout
    assert f"newskg: 2 input(s) rejected, listed in {out / 'rejects.jsonl'} (exit status 3)" in done.stderr
    assert len((out / "rejects.jsonl").read_text().splitlines()) == 2

    # --strict on the same output: fails, and the published graph is left as it was
    before = (out / "graph.ttl").read_bytes(), (out / "graph.ttl").stat().st_mtime_ns
    strict = newskg(str(bad), "--output", str(out), "--strict")
    assert strict.returncode == 1, strict.stderr[-3000:]
    assert "newskg: --strict: 2 input(s) rejected, no new graph published:" in strict.stderr
    assert f"rejected: {bad / 'empty.txt'}: empty file" in strict.stderr
    assert ((out / "graph.ttl").read_bytes(), (out / "graph.ttl").stat().st_mtime_ns) == before


def test_strict_fails_before_parsing_and_publishes_nothing(small_folders: dict) -> None:
    out = small_folders["base"] / "strict-out"
    done = newskg(str(small_folders["bad"]), "--output", str(out), "--strict")
    assert done.returncode == 1, done.stderr[-3000:]
    assert "no new graph published" in done.stderr
    assert not (out / "graph.ttl").exists() and not (out / "summary.json").exists()
    assert not (out / "work" / "entities").exists(), "strict must stop before the spaCy stage"


def test_strict_success_exits_0(small_folders: dict) -> None:
    out = small_folders["base"] / "good-out"
    done = newskg(str(small_folders["good"]), "--output", str(out), "--strict")
    assert done.returncode == 0, done.stderr[-3000:]
    assert "rejected: 0" in done.stdout and (out / "graph.ttl").exists()


def test_strict_export_task_fails_in_luigi_too(small_folders: dict, tmp_path: Path) -> None:
    """Luigi's own command line: ExportGraph --strict fails the task and publishes nothing."""
    task = export_task([str(small_folders["bad"])], str(tmp_path / "out"), strict=True)
    assert not run_luigi([task])
    assert list((tmp_path / "out" / "work" / "graph").glob("*.ttl")), "the build ran; only the export failed"
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_an_article_whose_relation_extraction_fails_is_a_reject_not_a_crash(tmp_path: Path, monkeypatch) -> None:
    """A rule that raises on one article must not sink the run (a recursion in a pronoun rule once did): the
    article is listed in rejects.jsonl with the reason, its entities stay in the graph, and the other
    articles' facts are published. No input we know of fails now, so the failure is injected into the real
    rule function for the one article, and the real Luigi pipeline runs around it."""
    import pipeline.relations as relations

    real = relations.extract_relations

    def failing(doc, record, body_start=0):
        if "Minsk" in doc.text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(doc, record, body_start)

    monkeypatch.setattr(relations, "extract_relations", failing)
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "belarus.txt").write_text("Russia has delivered Iskander missiles to Belarus, officials in Minsk said.\n",
                                        encoding="utf-8")
    (inputs / "latvia.txt").write_text("Sweden has delivered Archer howitzers to Latvia.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_luigi([export_task([str(inputs)], str(out))]), "the run must complete"
    rejects = [json.loads(line) for line in (out / "rejects.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rejects) == 1 and rejects[0]["path"].endswith("belarus.txt"), rejects
    assert "relation extraction failed (RecursionError)" in rejects[0]["reason"]
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    labels = {str(o) for o in graph.objects(None, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))}
    assert {"Belarus", "Sweden", "Latvia"} <= labels  # the failing article's entities are kept
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["rejected"] == 1 and summary["facts"].get("suppliesWeaponsTo") == 1, summary
