"""Tests for pipeline.ingest: reading articles from txt/md/json/jsonl/html files."""

from __future__ import annotations

import json
import os
import random
import time
import zipfile
from pathlib import Path

import pytest

from pipeline import ingest
from pipeline.ingest import (
    input_fingerprint,
    list_input_files,
    normalise_text,
    unwrap_lines,
    read_articles,
    split_header,
)

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
RECORD_KEYS = {"id", "text", "title", "published", "source_url", "source_name", "path", "sha256", "body_start"}
EXPECTED_EXTENSIONS = "(expected .txt, .md, .json, .jsonl, .html, .htm)"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def read_one(path: Path) -> tuple[list[dict], list[dict]]:
    return read_articles([path])


def only_reason(path: Path) -> str:
    articles, rejects = read_one(path)
    assert articles == []
    assert len(rejects) == 1, rejects
    assert rejects[0]["path"] == str(path)
    return rejects[0]["reason"]


# --------------------------------------------------------------------------- #
# split_header
# --------------------------------------------------------------------------- #


def test_split_header_outlet_section_headline():
    text = "Miami News, KMIA\nWorld News\n\nBelarus Strengthens Its Army\n\nPresident X of Y said ..."
    header = split_header(text)
    assert header["source_name"] == "Miami News, KMIA"
    assert header["section"] == "World News"
    assert header["title"] == "Belarus Strengthens Its Army"
    assert text[header["body_start"]:].startswith("President X of Y")


def test_split_header_headline_only():
    text = "Belarus Strengthens Its Army\n\nPresident X of Y said the army would grow by a third next year."
    header = split_header(text)
    assert header == {
        "source_name": None,
        "section": None,
        "title": "Belarus Strengthens Its Army",
        "body_start": text.index("President"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Just a sentence. Another one.\n\nMore body text follows here.",
        "No blank line at all, only one paragraph of text that goes on",
        "One\nTwo\nThree\nFour\n\nHeadline\n\nBody text that is long enough.",
        "Two line\nfirst block\n\nThe second block ends with a period.\n\nBody text here.",
        "Short title\n\nTiny",
        "",
    ],
)
def test_split_header_conservative(text):
    assert split_header(text) == {"source_name": None, "section": None, "title": None, "body_start": 0}


def test_split_header_byline_is_not_a_headline():
    text = "Westmere Ferry Plan Approved\n\nBy Anna Kollar\n\nThe council voted on Monday to fund the line."
    header = split_header(text)
    assert header["source_name"] is None
    assert header["title"] == "Westmere Ferry Plan Approved"
    assert text[header["body_start"]:].startswith("By Anna Kollar")


def test_split_header_single_huge_line_is_cheap():
    text = "word " * 1_000_000  # 5 MB, no newline
    start = time.perf_counter()
    assert split_header(text)["body_start"] == 0
    assert time.perf_counter() - start < 0.5


# --------------------------------------------------------------------------- #
# normalise_text
# --------------------------------------------------------------------------- #


def test_normalise_text_rules():
    raw = "  Hello\u00a0\tworld  \r\nsecond   line   \r\n\r\n\r\n\r\nthird\x00\x07 line\x1b\n\n"
    assert normalise_text(raw) == "Hello world\nsecond line\n\nthird line"


def test_normalise_text_nfc_not_nfkc():
    assert normalise_text("cafe\u0301") == "caf\u00e9"
    # NFKC would turn the ligature into "fi" and the circled digit into "1".
    assert normalise_text("\ufb01ne \u2460") == "\ufb01ne \u2460"


def test_unwrap_lines_keeps_the_lines_of_a_bulleted_list():
    text = "Leaders\n\n • 1990: Ann Lee\n • 1995: Bo Li\n • 2001: Cy Ng\n • 2005: Di Oz"
    assert unwrap_lines(text) == text
    assert unwrap_lines("a wrapped line\nthat goes on\nand on and\non here.") == "a wrapped line that goes on and on and on here."


def test_normalise_text_removes_reference_marks_glued_to_words():
    raw = "Ana Cruz (born 1970)[2] is a Chilean[a][3] politician.\nEarly life[]\nA list [1] and [sic] stay."
    assert normalise_text(raw) == "Ana Cruz (born 1970) is a Chilean politician.\nEarly life\nA list [1] and [sic] stay."
    assert normalise_text(normalise_text(raw)) == normalise_text(raw)


def test_normalise_text_removes_controls_keeps_newlines():
    assert normalise_text("a\x01b\x7fc\x9fd\ufeffe\nf") == "abcde\nf"


def test_normalise_text_idempotent_random():
    rnd = random.Random(20240601)
    alphabet = "ab .\n\r\t\x00\x0b\x0c\x1c\x85\u00a0\u2003\u2028\u2029\ufeff\u0301e\u00e9"
    for _ in range(5000):
        raw = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40)))
        once = normalise_text(raw)
        assert normalise_text(once) == once, repr(raw)


def test_normalise_text_offsets_stable():
    text = normalise_text("Outlet\r\n\r\n\r\nHead\u00a0line\n\nPresident  X said\tthat Y\x00 won.\n")
    for needle in ("Head line", "President X said that Y won.", "X said"):
        offset = text.index(needle)
        again = normalise_text(text)
        assert again[offset:offset + len(needle)] == needle


# --------------------------------------------------------------------------- #
# Formats
# --------------------------------------------------------------------------- #


def test_txt_with_header():
    articles, rejects = read_one(FIXTURES / "header.txt")
    assert rejects == []
    (article,) = articles
    assert set(article) == RECORD_KEYS
    assert article["id"] == "header"
    assert article["title"] == "Westmere Council Approves New Ferry Line"
    assert article["source_name"] == "Harbour Daily, WHRB"
    assert article["text"].startswith("Harbour Daily, WHRB\nRegional News\n\n")  # never cut
    assert article["text"][article["body_start"]:].startswith("The town council of Westmere")
    assert article["path"] == str(FIXTURES / "header.txt")


def test_txt_without_header_and_sha256():
    import hashlib

    (article,), rejects = read_one(FIXTURES / "plain.txt")
    assert rejects == []
    assert article["title"] is None and article["source_name"] is None
    assert article["body_start"] == 0
    assert article["text"].startswith("The Northfield rowing club")
    assert article["sha256"] == hashlib.sha256(article["text"].encode("utf-8")).hexdigest()
    assert "warnings" not in article


def test_md_is_read_like_txt(tmp_path):
    path = write(tmp_path / "note.md", "# Dam Opens in Korr\n\nThe new dam in Korr opened on Sunday after six years of work.")
    (article,), rejects = read_one(path)
    assert rejects == []
    assert article["id"] == "note"
    assert article["title"] == "Dam Opens in Korr"


def test_jsonl_good_malformed_missing_and_duplicates():
    path = FIXTURES / "articles.jsonl"
    articles, rejects = read_one(path)
    assert [a["id"] for a in articles] == ["a1", "4", "articles-6"]
    first = articles[0]
    assert first["title"] == "Valdoria Solar Record"
    assert first["published"] == "2024-06-02"
    assert first["source_url"] == "https://news.example.org/a1"  # from the 'url' alias
    assert first["source_name"] == "Example Wire"
    assert set(articles[1]) == RECORD_KEYS  # extra field ignored
    assert rejects == [
        {"path": str(path), "id": None, "reason": "JSON line 2: invalid JSON (Expecting ',' delimiter)"},
        {"path": str(path), "id": "a3", "reason": "line 3: missing or non-string 'text'"},
        {"path": str(path), "id": "a1", "reason": f"duplicate id 'a1' (first seen in {path}, line 1)"},
        {"path": str(path), "id": None, "reason": "line 8: not a JSON object (got list)"},
        {"path": str(path), "id": "a8", "reason": "line 9: empty text"},
    ]


def test_jsonl_id_stripped_and_empty_id_defaulted(tmp_path):
    path = write(tmp_path / "batch.jsonl", '{"id": "  x1  ", "text": "One."}\n{"id": " ", "text": "Two."}\n')
    articles, rejects = read_one(path)
    assert rejects == []
    assert [a["id"] for a in articles] == ["x1", "batch-2"]


def test_json_list():
    path = FIXTURES / "list.json"
    articles, rejects = read_one(path)
    assert rejects == []
    assert [a["id"] for a in articles] == ["j1", "j2", "list-3"]
    j1, j2, _ = articles
    assert (j1["source_name"], j1["title"]) == ("Lakeside Tribune", "Bridge Repairs Finish Early")
    assert j1["text"][j1["body_start"]:].startswith("Work on the old stone bridge")
    # explicit title wins, but body_start is still computed from the detected header
    assert j2["title"] == "Explicit Title Wins"
    assert j2["text"][j2["body_start"]:].startswith("The explicit title field")
    assert j2["source_url"] == "https://news.example.org/j2"


def test_json_single_object_and_bad_json(tmp_path):
    good = write(tmp_path / "one.json", json.dumps({"text": "A single article.", "title": "  Spaced\n Title "}))
    (article,), rejects = read_one(good)
    assert rejects == [] and article["id"] == "one" and article["title"] == "Spaced Title"
    bad = write(tmp_path / "bad.json", '{"text": "x",}')
    assert only_reason(bad) == "invalid JSON (Expecting property name enclosed in double quotes at line 1 column 14)"
    scalar = write(tmp_path / "scalar.json", '"just a string"')
    assert only_reason(scalar) == "JSON top level must be an object or a list of objects (got string)"


def test_html_via_trafilatura():
    (article,), rejects = read_one(FIXTURES / "page.html")
    assert rejects == []
    assert article["id"] == "page"
    assert article["title"] == "Harbour Town Opens New Library"
    assert article["published"] == "2024-03-05"
    assert article["source_url"] == "https://gazette.example.org/news/library"
    assert article["source_name"] == "Coastal Gazette"
    text = article["text"]
    assert "opened its new public library on Tuesday" in text
    assert "evening reading clubs" in text
    assert "All rights reserved" not in text and "Sport" not in text
    assert "\n\n" in text  # paragraphs separated by blank lines
    assert text[article["body_start"]:].startswith("The small harbour town")


def test_html_without_text(tmp_path):
    path = write(tmp_path / "blank.html", "<html><head><title>t</title></head><body><div></div></body></html>")
    assert only_reason(path) == "no article text found in HTML"


# --------------------------------------------------------------------------- #
# Bad files and encodings
# --------------------------------------------------------------------------- #


def test_empty_and_whitespace_files(tmp_path):
    assert only_reason(write(tmp_path / "empty.txt", b"")) == "empty file"
    assert only_reason(write(tmp_path / "blank.txt", " \n\t\r\n \u00a0\n")) == "empty text"
    assert only_reason(write(tmp_path / "blank.jsonl", "\n\n  \n")) == "empty text"


def test_png_with_txt_extension(tmp_path):
    path = write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert only_reason(path) == "binary content (looks like PNG image), not text"


def test_zip_with_txt_extension(tmp_path):
    path = tmp_path / "archive.txt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("inner.txt", "hello")
    assert only_reason(path) == "binary content (looks like ZIP archive), not text"


def test_binary_without_magic(tmp_path):
    nul = write(tmp_path / "nul.txt", b"some text\x00\x00\x00 more")
    assert only_reason(nul) == "binary content (contains NUL bytes), not text"
    controls = write(tmp_path / "ctl.txt", bytes([1, 2, 3, 4, 5, 6, 14, 15, 16, 17]) * 10 + b"abc")
    assert only_reason(controls) == "binary content (too many control characters), not text"
    png_jsonl = write(tmp_path / "image.jsonl", b"\x89PNG\r\n\x1a\n\x00\x00")
    assert only_reason(png_jsonl) == "binary content (looks like PNG image), not text"


def test_invalid_utf8_falls_back_with_warning(tmp_path):
    path = write(tmp_path / "old.txt", "Caf\u00e9 owners \u201cwelcome\u201d the plan.".encode("cp1252"))
    (article,), rejects = read_one(path)
    assert rejects == []
    assert article["text"] == "Caf\u00e9 owners \u201cwelcome\u201d the plan."
    assert article["warnings"] == ["decoded as Windows-1252 (not valid UTF-8)"]
    latin = write(tmp_path / "latin.txt", b"Stra\xdfe \x81 news")  # 0x81 is undefined in cp1252
    (article,), _ = read_one(latin)
    assert article["text"] == "Stra\u00dfe news"
    assert article["warnings"] == ["decoded as Latin-1 (not valid UTF-8)"]


def test_utf16_and_utf8_bom(tmp_path):
    text = "Z\u00fcrich tram fares rise by 5% \u2013 officials."
    (a16,), rejects = read_one(write(tmp_path / "u16.txt", text.encode("utf-16")))
    assert rejects == [] and a16["text"] == text and "warnings" not in a16
    (a8,), rejects = read_one(write(tmp_path / "u8.txt", text.encode("utf-8-sig")))
    assert rejects == [] and a8["text"] == text
    line = json.dumps({"id": "w", "text": text}, ensure_ascii=False) + "\n"
    (aj,), rejects = read_one(write(tmp_path / "u16.jsonl", line.encode("utf-16")))
    assert rejects == [] and aj["text"] == text


def test_control_characters_removed(tmp_path):
    path = write(tmp_path / "ctl.txt", "The\x07 vote\x1b passed\x7f on Monday.\x0b\x0c")
    (article,), rejects = read_one(path)
    assert rejects == []
    assert article["text"] == "The vote passed on Monday."


def test_unknown_extension(tmp_path):
    assert only_reason(write(tmp_path / "report.pdf", "x")) == f"unsupported extension '.pdf' {EXPECTED_EXTENSIONS}"
    assert only_reason(write(tmp_path / "README", "x")) == f"no file extension {EXPECTED_EXTENSIONS}"


def test_broken_symlink(tmp_path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "does-not-exist.txt")
    assert only_reason(link) == "broken symlink"
    articles, rejects = read_articles([tmp_path])
    assert rejects == [{"path": str(link), "id": None, "reason": "broken symlink"}]


def test_missing_path(tmp_path):
    missing = tmp_path / "nope"
    assert read_articles([missing]) == ([], [{"path": str(missing), "id": None, "reason": "no such file or directory"}])


def test_unreadable_file(tmp_path):
    path = write(tmp_path / "secret.txt", "Hidden text.")
    path.chmod(0)
    try:
        try:
            path.read_bytes()
        except PermissionError:
            pass
        else:
            pytest.skip("running as root: chmod 000 does not stop root from reading")
        assert only_reason(path) == "cannot read: permission denied"
    finally:
        path.chmod(0o644)


def test_permission_error_is_a_reject(tmp_path, monkeypatch):
    """Same reason as above, simulated so it is checked even when running as root."""
    path = write(tmp_path / "secret.txt", "Hidden text.")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(ingest, "open", refuse, raising=False)
    assert only_reason(path) == "cannot read: permission denied"


def test_oversized_file_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 100)
    path = write(tmp_path / "big.txt", "a" * 150)

    def must_not_open(*args, **kwargs):
        raise AssertionError("oversized file was opened")

    monkeypatch.setattr(ingest, "open", must_not_open, raising=False)
    assert only_reason(path) == "file of 150 bytes exceeds the 100 bytes limit"


def test_size_reason_in_megabytes(monkeypatch):
    assert ingest._size_reason("file", int(25.3 * 1024 * 1024)) == "file of 25.3 MB exceeds the 20 MB limit"


def test_jsonl_long_line_rejected_others_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 200)
    lines = [json.dumps({"id": "ok1", "text": "Short."}), json.dumps({"id": "big", "text": "x" * 500}),
             json.dumps({"id": "ok2", "text": "Also short."})]
    path = write(tmp_path / "stream.jsonl", "\n".join(lines) + "\n")
    articles, rejects = read_one(path)
    assert [a["id"] for a in articles] == ["ok1", "ok2"]
    size = len(lines[1]) + 1
    assert rejects == [
        {"path": str(path), "id": None, "reason": f"line 2: line of {size} bytes exceeds the 200 bytes limit"}
    ]


def test_article_char_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_ARTICLE_CHARS", 10)
    path = write(tmp_path / "long.txt", "Eleven chars")
    assert only_reason(path) == "text of 12 characters exceeds the 10-character limit"


def test_very_long_single_line_is_fine(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_ARTICLE_CHARS", 6_000_000)  # the default (2M) would reject 5 MB
    path = write(tmp_path / "line.txt", "word " * 1_000_000)
    (article,), rejects = read_one(path)
    assert rejects == []
    assert len(article["text"]) == 5_000_000 - 1
    assert article["body_start"] == 0


# --------------------------------------------------------------------------- #
# Folders, ordering, duplicates, fingerprint
# --------------------------------------------------------------------------- #


def make_corpus(root: Path) -> None:
    write(root / "b.txt", "Second article text.")
    write(root / "a.txt", "First article text.")
    write(root / "sub" / "c.jsonl", '{"id": "c1", "text": "Third."}\n{"id": "a", "text": "Duplicate of a.txt."}\n')
    write(root / ".hidden.txt", "Never read.")
    write(root / ".git" / "x.txt", "Never read either.")


def test_folder_recursive_sorted_and_hidden_skipped(tmp_path):
    make_corpus(tmp_path)
    articles, rejects = read_articles([tmp_path])
    assert [a["id"] for a in articles] == ["a", "b", "c1"]
    assert rejects == [{
        "path": str(tmp_path / "sub" / "c.jsonl"),
        "id": "a",
        "reason": f"duplicate id 'a' (first seen in {tmp_path / 'a.txt'})",
    }]
    assert list_input_files([tmp_path]) == [tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "sub" / "c.jsonl"]
    # explicitly named hidden files are read
    (hidden,), _ = read_articles([tmp_path / ".hidden.txt"])
    assert hidden["id"] == ".hidden"


def test_deterministic_output(tmp_path):
    make_corpus(tmp_path)
    write(tmp_path / "z.bin", b"\x89PNG\r\n\x1a\n")
    first = read_articles([tmp_path / "sub", tmp_path / "b.txt", tmp_path / "a.txt", tmp_path / "z.bin"])
    second = read_articles([tmp_path / "z.bin", tmp_path / "a.txt", tmp_path / "sub", tmp_path / "b.txt"])
    assert first == second
    assert json.loads(json.dumps(first)) == list(map(list, first))  # JSON-serialisable
    assert [a["id"] for a in first[0]] == ["a", "b", "c1"]


def test_same_file_given_twice_is_read_once(tmp_path):
    path = write(tmp_path / "a.txt", "Only once.")
    articles, rejects = read_articles([path, tmp_path, str(path)])
    assert [a["id"] for a in articles] == ["a"] and rejects == []


def test_single_path_argument_accepted(tmp_path):
    path = write(tmp_path / "a.txt", "Only once.")
    assert read_articles(str(path)) == read_articles([path])


def test_input_fingerprint_changes(tmp_path):
    make_corpus(tmp_path)
    base = input_fingerprint([tmp_path])
    assert len(base) == 64 and base == input_fingerprint([tmp_path])
    write(tmp_path / ".another-hidden.txt", "ignored")
    assert input_fingerprint([tmp_path]) == base

    added = write(tmp_path / "d.txt", "New article.")
    after_add = input_fingerprint([tmp_path])
    assert after_add != base

    stat = added.stat()
    added.write_text("Old article.", encoding="utf-8")  # same size: only mtime_ns differs
    os.utime(added, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    after_edit = input_fingerprint([tmp_path])
    assert after_edit not in (base, after_add)

    added.unlink()
    assert input_fingerprint([tmp_path]) == base
