"""Read news articles from files and folders into plain, JSON-serialisable records.

Supported inputs (by extension, case-insensitive):

* ``.txt`` / ``.md``: the whole file is one article; id = file stem.
* ``.jsonl``: one JSON object per line (streamed line by line).
* ``.json``: one object, or a list of objects.
* ``.html`` / ``.htm``: article text and metadata extracted with trafilatura.

Every article text goes through :func:`normalise_text` before anything else is
computed, so ``body_start`` and ``sha256`` refer to the normalised text and any
offset into ``text`` stays valid downstream.  Problems never raise: each bad
file or record becomes a *reject* ``{"path", "id", "reason"}`` with a human
sentence as reason.

Limits: a file larger than :data:`MAX_FILE_BYTES` is rejected from its size
alone (it is never read).  ``.jsonl`` files are streamed, so for them the limit
applies to each line instead of the whole file.  A text longer than
:data:`MAX_ARTICLE_CHARS` characters (after normalisation) is rejected.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import re
import stat
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

MAX_FILE_BYTES: int = 20 * 1024 * 1024
"""Largest input file read (for ``.jsonl``: largest single line), in bytes."""

MAX_ARTICLE_CHARS: int = 100_000
"""Longest article text accepted, in characters after normalisation (about 15,000 words).

spaCy refuses texts over ``nlp.max_length`` (1,000,000) and its parser needs about 1 GB of
memory and 15 s per 100,000 characters, so longer texts are rejected, never parsed."""

TEXT_EXTENSIONS = (".txt", ".md")
JSON_EXTENSIONS = (".json",)
JSONL_EXTENSIONS = (".jsonl",)
HTML_EXTENSIONS = (".html", ".htm")
SUPPORTED_EXTENSIONS = TEXT_EXTENSIONS + JSON_EXTENSIONS + JSONL_EXTENSIONS + HTML_EXTENSIONS

PathLike = str | os.PathLike

# --------------------------------------------------------------------------- #
# Text normalisation
# --------------------------------------------------------------------------- #

_SPACE_LIKE = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_LINE_BREAK_LIKE = "\r\x0b\x0c\x85\u2028"


def _build_translation() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in list(range(0x00, 0x20)) + [0x7F] + list(range(0x80, 0xA0)):
        table[code] = None  # C0/C1 control characters and DEL
    for ch in _SPACE_LIKE:
        table[ord(ch)] = " "
    for ch in _LINE_BREAK_LIKE:
        table[ord(ch)] = "\n"
    table[0x2029] = "\n\n"  # paragraph separator
    table[0xFEFF] = None  # stray byte-order mark / zero-width no-break space
    for code in (0x00AD, 0x200B, 0x2060):
        table[code] = None  # soft hyphen, zero-width space, word joiner: invisible, split names
    for code in range(0xD800, 0xE000):
        table[code] = "\ufffd"  # lone surrogates (JSON "\\ud800") cannot be written as UTF-8
    table[ord("\n")] = "\n"
    return table


_TRANSLATION = _build_translation()
_MULTI_SPACE_RE = re.compile(r" {2,}")
_TRAILING_SPACE_RE = re.compile(r" +(?=\n)")
_MANY_NEWLINES_RE = re.compile(r"\n{3,}")
# Reference marks of encyclopedia pages glued to a word: "1970)[2]", "Erap,[1][a]", "Biography[]"
_REFERENCE_MARK_RE = re.compile(r"(?<=\S)(?:\[(?:\d{1,3}|[a-z]|citation needed|note \d{1,3}|nb \d{1,3}|)\])+")


def normalise_text(text: str) -> str:
    """Normalise an article text; idempotent, so offsets into the result stay valid.

    Unicode NFC (not NFKC, so characters such as ligatures keep their length),
    ``\\r\\n``/``\\r`` and other line breaks become ``\\n``, control characters other
    than ``\\n`` and ``\\t`` are removed, tabs and no-break/odd spaces become
    ``" "``, runs of spaces collapse to one, trailing spaces of each line are
    removed, three or more newlines collapse to two, and the whole is stripped. Reference marks glued
    to a word ("born 1970)[2]", "politician[a]") are removed: they break the parse of the sentence.
    """
    text = text.replace("\r\n", "\n").translate(_TRANSLATION)
    text = _REFERENCE_MARK_RE.sub("", text)
    text = _MULTI_SPACE_RE.sub(" ", text)
    text = _TRAILING_SPACE_RE.sub("", text)
    text = _MANY_NEWLINES_RE.sub("\n\n", text)
    # NFC last: removing control characters may have joined a base character
    # and a combining mark, which NFC must then compose.
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text.strip()


_LIST_ITEM_RE = re.compile(r" *[•*·▪‣–-] ")  # a line that is a list's item ("• 1912–1917: John Dube")
# an infobox's term or succession line, as reference pages flattened to text have them ("In office",
# "Preceded byJosé Linhares"): see pipeline.infobox
INFOBOX_LINE = re.compile(r"^[ \t]*(?:In office|Assumed office|Preceded by|Succeeded by)", re.M)
_TERMINAL = tuple('.!?:;"”’\')')


def unwrap_lines(text: str) -> str:
    """Join hard-wrapped lines (newswire text wrapped at a fixed width) into paragraphs.

    When most lines that continue a paragraph do not end a sentence, the text is hard-wrapped:
    its single line breaks become spaces (same length, so offsets stay valid) and blank lines
    still separate paragraphs. Text with one paragraph or sentence per line is left alone, and so are the
    lines of a bulleted list and text with an infobox's term or succession lines.
    """
    if INFOBOX_LINE.search(text):
        return text  # a reference page's infobox ("In office", "Preceded by X"): its lines are no wrapped prose
    continuing = 0
    mid_sentence = 0
    for paragraph in text.split("\n\n"):
        lines = paragraph.split("\n")
        for line, following in zip(lines, lines[1:]):
            if _LIST_ITEM_RE.match(following):
                continue  # a list's lines are not wrapped prose
            continuing += 1
            if not line.rstrip().endswith(_TERMINAL):
                mid_sentence += 1
    if continuing < 3 or mid_sentence * 2 < continuing:
        return text
    return re.sub(r"(?<=[^\n])\n(?=[^\n])(?!" + _LIST_ITEM_RE.pattern + ")", " ", text)


def _one_line(value: str) -> str | None:
    """Normalise a metadata value to a single line; ``None`` when empty."""
    line = " ".join(normalise_text(value).split())
    return line or None


# --------------------------------------------------------------------------- #
# Header detection
# --------------------------------------------------------------------------- #

_WS_RUN_RE = re.compile(r"\s*")
_HAS_ALNUM_RE = re.compile(r"\w")
_BYLINE_RE = re.compile(r"(?:By|BY|by)\s+\S")
_MD_HEADING_RE = re.compile(r"#{1,6}\s+")
_OUTLET_LINE_MAX = 60
_HEADLINE_MAX = 200
_OUTLET_FORBIDDEN_END = ".!?…,;:"
_HEADLINE_FORBIDDEN_END = ".…,;:"


def _read_block(text: str, pos: int, max_lines: int, max_len: int) -> tuple[list[str], int] | None:
    """Read the block of non-blank lines starting at ``pos``.

    Returns the stripped lines and the offset of the next non-blank character
    after the block, or ``None`` if the block is empty, has more than
    ``max_lines`` lines or a line longer than ``max_len``.  Never scans further
    than the block itself, so a 5 MB single-line text costs next to nothing.
    """
    lines: list[str] = []
    n = len(text)
    window = 2 * max_len + 2
    while pos < n:
        end = text.find("\n", pos, pos + window)
        if end == -1:
            if n - pos > window:
                return None
            end = n
        line = text[pos:end].strip()
        if not line:
            break
        if len(line) > max_len or len(lines) == max_lines:
            return None
        lines.append(line)
        pos = end + 1
    if not lines:
        return None
    return lines, _WS_RUN_RE.match(text, min(pos, n)).end()


def _ok_line(line: str, max_len: int, forbidden_end: str) -> bool:
    return len(line) <= max_len and line[-1] not in forbidden_end and bool(_HAS_ALNUM_RE.search(line))


def _clean_title(line: str) -> str:
    return _MD_HEADING_RE.sub("", line, count=1) if line.startswith("#") else line


def split_header(text: str) -> dict:
    """Detect a news-page header (outlet, section, headline) at the top of ``text``.

    Recognised shapes (conservative; anything else gives no header):

    * outlet block of 1-3 short lines (<= 60 chars, no sentence-final
      punctuation), blank line, a single headline line (<= 200 chars, no final
      period), blank line, body;
    * a single headline line without final period, blank line, and a longer body.

    Returns ``{"source_name", "section", "title", "body_start"}`` where
    ``body_start`` is the offset in ``text`` where the body begins (0 and all
    ``None`` when no header was found).  The text itself is never changed.
    """
    result: dict[str, Any] = {"source_name": None, "section": None, "title": None, "body_start": 0}
    start = _WS_RUN_RE.match(text).end()
    first = _read_block(text, start, max_lines=3, max_len=_HEADLINE_MAX)
    if first is None:
        return result
    lines, after_first = first
    if all(_ok_line(line, _OUTLET_LINE_MAX, _OUTLET_FORBIDDEN_END) for line in lines):
        second = _read_block(text, after_first, max_lines=1, max_len=_HEADLINE_MAX)
        if second is not None:
            (headline,), body_start = second
            if (
                body_start < len(text)
                and _ok_line(headline, _HEADLINE_MAX, _HEADLINE_FORBIDDEN_END)
                and not _BYLINE_RE.match(headline)
            ):
                result.update(
                    source_name=lines[0],
                    section=lines[1] if len(lines) > 1 else None,
                    title=_clean_title(headline),
                    body_start=body_start,
                )
                return result
    if len(lines) == 1 and _ok_line(lines[0], _HEADLINE_MAX, _HEADLINE_FORBIDDEN_END):
        if len(text) - after_first > len(lines[0]):
            result.update(title=_clean_title(lines[0]), body_start=after_first)
    return result


# --------------------------------------------------------------------------- #
# Byte decoding and binary detection
# --------------------------------------------------------------------------- #

_MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"PK\x07\x08", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x28\xb5\x2f\xfd", "Zstandard archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\xca\xfe\xba\xbe", "Java class file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"ID3\x03", "MP3 audio"),
    (b"ID3\x04", "MP3 audio"),
    (b"OggS", "Ogg media"),
    (b"\x00\x00\x01\x00", "ICO image"),
)
_UTF_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_CONTROL_BYTES_RE = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
_BINARY_CONTROL_RATIO = 0.10
_BINARY_CONTROL_MIN = 8
_SNIFF_BYTES = 8192


class _Reject(Exception):
    """Internal: a file or record cannot be used; ``str(exc)`` is the reason."""


def _magic_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC_NUMBERS:
        if data.startswith(magic):
            if kind == "bzip2 archive" and not data[3:10].startswith((b"1AY&SY", b"91AY&SY")):
                continue
            return kind
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}[data[8:12]]
    return None


def _utf_bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _UTF_BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _check_not_binary(data: bytes) -> None:
    """Raise ``_Reject`` for bytes that are plainly not text (checked before decoding)."""
    kind = _magic_kind(data)
    if kind:
        raise _Reject(f"binary content (looks like {kind}), not text")
    if b"\x00" in data:
        raise _Reject("binary content (contains NUL bytes), not text")


def _check_control_ratio(text: str | bytes) -> None:
    pattern = _CONTROL_BYTES_RE if isinstance(text, bytes) else _CONTROL_RE
    count = len(pattern.findall(text))
    if count > _BINARY_CONTROL_MIN and count > _BINARY_CONTROL_RATIO * len(text):
        raise _Reject("binary content (too many control characters), not text")


def _decode_single_byte(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("cp1252"), "decoded as Windows-1252 (not valid UTF-8)"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "decoded as Latin-1 (not valid UTF-8)"


def _decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """Decode file bytes to text: UTF-8 (BOM stripped), UTF-16/32 with BOM, else Windows-1252/Latin-1.

    Returns ``(text, warnings)``; raises ``_Reject`` for binary content.
    """
    encoding = _utf_bom_encoding(data)
    if encoding:
        try:
            return data.decode(encoding), []
        except UnicodeDecodeError as exc:
            raise _Reject(f"not valid {encoding.upper()} text despite its byte-order mark ({exc.reason})") from exc
    _check_not_binary(data)
    warnings: list[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text, note = _decode_single_byte(data)
        warnings.append(note)
    _check_control_ratio(text)
    return text, warnings


# --------------------------------------------------------------------------- #
# File listing and fingerprint
# --------------------------------------------------------------------------- #


def _as_path_list(paths: Sequence[PathLike] | PathLike) -> list[PathLike]:
    if isinstance(paths, (str, os.PathLike)):
        return [paths]
    return list(paths)


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _walk_folder(folder: str, rejects: list[dict]) -> list[str]:
    """Files under ``folder``, recursively, skipping dot-files and dot-folders silently."""

    def on_error(exc: OSError) -> None:
        rejects.append(_reject(exc.filename or folder, None, _os_error_reason(exc)))

    found: list[str] = []
    for root, dirs, files in os.walk(folder, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not _is_hidden(d))
        found.extend(os.path.join(root, name) for name in files if not _is_hidden(name))
    return found


def _collect(paths: Sequence[PathLike] | PathLike) -> tuple[list[str], list[dict]]:
    """Expand the given paths to file path strings (sorted, unique) plus path-level rejects."""
    files: list[str] = []
    rejects: list[dict] = []
    for given in _as_path_list(paths):
        name = os.fspath(given)
        try:
            mode = os.lstat(name).st_mode
        except OSError as exc:
            rejects.append(_reject(name, None, _os_error_reason(exc)))
            continue
        if stat.S_ISDIR(mode) or (stat.S_ISLNK(mode) and os.path.isdir(name)):
            files.extend(_walk_folder(name, rejects))
        else:
            files.append(name)
    unique: dict[str, str] = {}
    for name in files:
        unique.setdefault(os.path.normpath(os.path.abspath(name)), name)
    return sorted(unique.values()), rejects


def list_input_files(paths: Sequence[PathLike] | PathLike) -> list[Path]:
    """Return the files :func:`read_articles` would look at, sorted by path string.

    Folders are walked recursively (dot-files and dot-folders skipped); paths
    that do not exist are left out.  Broken symlinks are included (they are
    looked at, and rejected).
    """
    files, _ = _collect(paths)
    return [Path(name) for name in files]


def input_fingerprint(paths: Sequence[PathLike] | PathLike) -> str:
    """Return a sha256 hex digest over the input files' resolved path, size and mtime_ns.

    Cheap (no content is read); changes when a file is added, removed or modified.
    """
    digest = hashlib.sha256()
    for name in _collect(paths)[0]:
        try:
            info = os.stat(name)
        except OSError:
            try:
                info = os.lstat(name)
            except OSError:
                digest.update(f"{os.path.realpath(name)}\tmissing\n".encode("utf-8", "surrogateescape"))
                continue
        line = f"{os.path.realpath(name)}\t{info.st_size}\t{info.st_mtime_ns}\n"
        digest.update(line.encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


# --------------------------------------------------------------------------- #
# Records
# --------------------------------------------------------------------------- #


def _reject(path: str, article_id: str | None, reason: str) -> dict:
    return {"path": path, "id": article_id, "reason": reason}


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _printable(text: str) -> str:
    """``text`` safe to write as UTF-8: undecodable file-name bytes (surrogate escapes) shown as ``\\xNN``.

    File names that are not valid UTF-8 reach Python as lone surrogates, which no
    UTF-8 writer accepts; any other lone surrogate becomes U+FFFD.
    """
    if not _SURROGATE_RE.search(text):
        return text

    def show(match: re.Match) -> str:
        code = ord(match.group())
        return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else "\ufffd"

    return _SURROGATE_RE.sub(show, text)


def _os_error_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "cannot read: permission denied"
    detail = (exc.strerror or str(exc)).lower()
    return f"cannot read: {detail}"


def _format_size(num_bytes: int) -> str:
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if num_bytes >= scale:
            return f"{num_bytes / scale:.1f}".rstrip("0").rstrip(".") + f" {unit}"
    return f"{num_bytes} bytes"


def _size_reason(what: str, num_bytes: int) -> str:
    size, limit = _format_size(num_bytes), _format_size(MAX_FILE_BYTES)
    if size == limit:
        size = f"{num_bytes:,} bytes"
        limit = f"{MAX_FILE_BYTES:,} bytes"
    return f"{what} of {size} exceeds the {limit} limit"


def _metadata_value(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    return _one_line(value if isinstance(value, str) else str(value))


def _build_article(
    article_id: str,
    raw_text: str,
    path: str,
    meta: dict[str, Any],
    warnings: list[str],
) -> dict:
    """Normalise ``raw_text`` and assemble an article record; raises ``_Reject``."""
    text = normalise_text(raw_text)
    if not text:
        raise _Reject("empty text")
    if len(text) > MAX_ARTICLE_CHARS:
        raise _Reject(f"text of {len(text):,} characters exceeds the {MAX_ARTICLE_CHARS:,}-character limit")
    header = split_header(text)
    body_start = header["body_start"]
    text = text[:body_start] + unwrap_lines(text[body_start:])
    record = {
        "id": article_id,
        "text": text,
        "title": _metadata_value(meta.get("title")) or header["title"],
        "published": _metadata_value(meta.get("published")),
        "source_url": _metadata_value(meta.get("source_url")),
        "source_name": _metadata_value(meta.get("source_name")) or header["source_name"],
        "path": path,
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "body_start": header["body_start"],
    }
    if warnings:
        record["warnings"] = list(warnings)
    return record


# A parsed unit: (article or None, reject reason or None, id, location label)
_Item = tuple[dict | None, str | None, str | None, str]


def _record_from_object(obj: Any, default_id: str, path: str, where: str, warnings: list[str]) -> _Item:
    """Turn one JSON value into an article (or a reject reason prefixed with ``where``)."""
    prefix = f"{where}: " if where else ""
    location = f"{path}, {where}" if where else path
    if not isinstance(obj, dict):
        return None, f"{prefix}not a JSON object (got {_json_type(obj)})", None, location
    raw_id = obj.get("id")
    if isinstance(raw_id, (dict, list)) or isinstance(raw_id, bool):
        return None, f"{prefix}'id' must be a string or a number", None, location
    article_id = (_one_line(str(raw_id)) or "") if raw_id is not None else ""
    article_id = article_id or default_id
    text = obj.get("text")
    if not isinstance(text, str):
        return None, f"{prefix}missing or non-string 'text'", article_id, location
    meta = {
        "title": obj.get("title"),
        "published": obj.get("published"),
        "source_url": obj.get("source_url") if obj.get("source_url") is not None else obj.get("url"),
        "source_name": obj.get("source_name"),
    }
    try:
        return _build_article(article_id, text, path, meta, warnings), None, article_id, location
    except _Reject as exc:
        return None, f"{prefix}{exc}", article_id, location


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "list", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


# --------------------------------------------------------------------------- #
# Format readers
# --------------------------------------------------------------------------- #


def _read_whole(path: str, size: int) -> bytes:
    if size > MAX_FILE_BYTES:
        raise _Reject(_size_reason("file", size))
    with open(path, "rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:  # grew since stat
        raise _Reject(_size_reason("file", len(data)))
    if not data:
        raise _Reject("empty file")
    return data


def _read_text_file(path: str, size: int, stem: str) -> Iterator[_Item]:
    text, warnings = _decode_bytes(_read_whole(path, size))
    yield _build_article(stem, text, path, {}, warnings), None, stem, path


def _read_json_file(path: str, size: int, stem: str) -> Iterator[_Item]:
    text, warnings = _decode_bytes(_read_whole(path, size))
    if not text.strip():
        raise _Reject("empty text")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Reject(f"invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from exc
    except RecursionError as exc:
        raise _Reject("invalid JSON (nested too deeply)") from exc
    if isinstance(value, dict):
        yield _record_from_object(value, stem, path, "", warnings)
    elif isinstance(value, list):
        if not value:
            raise _Reject("empty JSON list (no articles)")
        for number, item in enumerate(value, start=1):
            yield _record_from_object(item, f"{stem}-{number}", path, f"item {number}", warnings)
    else:
        raise _Reject(f"JSON top level must be an object or a list of objects (got {_json_type(value)})")


def _jsonl_lines(handle: io.BufferedReader, size: int) -> Iterator[tuple[int, str | None, str | None, list[str]]]:
    """Yield ``(line_number, line_text, error, warnings)`` for each line of a JSON Lines file.

    UTF-8 files (the norm) are streamed with a per-line size limit; UTF-16/32
    files (byte-order mark) are decoded as a whole and so obey the file limit.
    """
    head = handle.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]
    encoding = _utf_bom_encoding(head)
    if encoding:
        if size > MAX_FILE_BYTES:
            raise _Reject(_size_reason("file", size))
        wrapper = io.TextIOWrapper(handle, encoding=encoding, errors="replace", newline="")
        for number, line in enumerate(wrapper, start=1):
            yield number, line, None, []
        return
    _check_not_binary(head)
    _check_control_ratio(head)
    number = 0
    while True:
        raw = handle.readline(MAX_FILE_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_FILE_BYTES and not raw.endswith(b"\n"):
            size = len(raw) + _skip_rest_of_line(handle)
            yield number, None, _size_reason("line", size), []
            continue
        yield (number, *_decode_line(raw, first=number == 1))


def _skip_rest_of_line(handle: io.BufferedReader) -> int:
    skipped = 0
    while True:
        chunk = handle.readline(1024 * 1024)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _decode_line(raw: bytes, first: bool) -> tuple[str | None, str | None, list[str]]:
    if first and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw:
        return None, "binary content (contains NUL bytes), not text", []
    try:
        return raw.decode("utf-8"), None, []
    except UnicodeDecodeError:
        text, note = _decode_single_byte(raw)
        return text, None, [note]


def _read_jsonl_file(path: str, size: int, stem: str) -> Iterator[_Item]:
    if size == 0:
        raise _Reject("empty file")
    seen_content = False
    with open(path, "rb") as handle:
        for number, line, error, warnings in _jsonl_lines(handle, size):
            where = f"line {number}"
            if error:
                yield None, f"{where}: {error}", None, f"{path}, {where}"
                continue
            if not line.strip():
                continue
            seen_content = True
            try:
                obj = json.loads(line.rstrip("\r\n"))  # a newline would read as a control character
            except json.JSONDecodeError as exc:
                yield None, f"JSON {where}: invalid JSON ({exc.msg})", None, f"{path}, {where}"
                continue
            except RecursionError:
                yield None, f"JSON {where}: invalid JSON (nested too deeply)", None, f"{path}, {where}"
                continue
            yield _record_from_object(obj, f"{stem}-{number}", path, where, warnings)
    if not seen_content:
        raise _Reject("empty text")


def _extract_html(html: str) -> tuple[str | None, dict[str, Any]]:
    """Return (text, metadata) extracted by trafilatura; paragraphs separated by blank lines."""
    import trafilatura  # imported lazily: slow to import and only needed for HTML

    document = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
    if document is None:
        return None, {}
    values = document if isinstance(document, dict) else document.as_dict()
    text = values.get("text") or ""
    paragraphs = [line for line in text.split("\n") if line.strip()]
    meta = {
        "title": values.get("title"),
        "published": values.get("date"),
        "source_url": values.get("url"),
        "source_name": values.get("sitename"),
    }
    return "\n\n".join(paragraphs), meta


def _read_html_file(path: str, size: int, stem: str) -> Iterator[_Item]:
    html, warnings = _decode_bytes(_read_whole(path, size))
    if not html.strip():
        raise _Reject("empty text")
    try:
        text, meta = _extract_html(html)
    except ImportError as exc:
        raise _Reject(f"cannot parse HTML: trafilatura is not usable ({exc})") from exc
    except Exception as exc:  # trafilatura/lxml failures on odd markup
        raise _Reject(f"cannot parse HTML ({type(exc).__name__}: {exc})") from exc
    if not text or not normalise_text(text):
        raise _Reject("no article text found in HTML")
    yield _build_article(stem, text, path, meta, warnings), None, stem, path


_READERS = {
    **{ext: _read_text_file for ext in TEXT_EXTENSIONS},
    **{ext: _read_json_file for ext in JSON_EXTENSIONS},
    **{ext: _read_jsonl_file for ext in JSONL_EXTENSIONS},
    **{ext: _read_html_file for ext in HTML_EXTENSIONS},
}
_EXPECTED = ", ".join(SUPPORTED_EXTENSIONS)


def _read_one_file(path: str) -> Iterator[_Item]:
    """Yield the parsed items of one file; raises ``_Reject`` or ``OSError`` for whole-file problems."""
    try:
        info = os.stat(path)
    except FileNotFoundError as exc:
        if os.path.islink(path):
            raise _Reject("broken symlink") from exc
        raise
    if not stat.S_ISREG(info.st_mode):
        raise _Reject("not a regular file")
    suffix = Path(path).suffix
    reader = _READERS.get(suffix.lower())
    if reader is None:
        if not suffix:
            raise _Reject(f"no file extension (expected {_EXPECTED})")
        raise _Reject(f"unsupported extension '{suffix}' (expected {_EXPECTED})")
    yield from reader(path, info.st_size, _printable(Path(path).stem.strip()))


def _items_of(path: str) -> Iterator[_Item]:
    """Like :func:`_read_one_file` but turning every failure into a reject item."""
    try:
        yield from _read_one_file(path)
    except _Reject as exc:
        yield None, str(exc), None, path
    except OSError as exc:
        yield None, _os_error_reason(exc), None, path
    except Exception as exc:  # never raise out of read_articles
        logger.exception("unexpected error while reading %s", path)
        yield None, f"unexpected error ({type(exc).__name__}: {exc})", None, path


def read_articles(paths: Sequence[PathLike]) -> tuple[list[dict], list[dict]]:
    """Read files and/or folders (recursively, sorted, deterministic order) → (articles, rejects).

    Folders are walked recursively, skipping dot-files and dot-folders; files
    named explicitly are always read.  Files are processed in order of their
    path string, records of a file in file order.  Duplicate ids keep the first
    occurrence.  Never raises for bad input: every problem becomes a reject
    ``{"path", "id", "reason"}``.
    """
    files, path_rejects = _collect(paths)
    entries: list[tuple[str, dict | None]] = [(r["path"], r) for r in path_rejects]
    entries += [(name, None) for name in files]
    entries.sort(key=lambda entry: entry[0])
    articles: list[dict] = []
    rejects: list[dict] = []
    first_seen: dict[str, str] = {}
    for path, reject in entries:
        if reject is not None:
            rejects.append({**reject, "path": _printable(reject["path"]), "reason": _printable(reject["reason"])})
            continue
        for article, reason, article_id, location in _items_of(path):
            if article is None:
                rejects.append(_reject(_printable(path), article_id, _printable(reason or "unknown problem")))
            elif article["id"] in first_seen:
                first = first_seen[article["id"]]
                rejects.append(_reject(_printable(path), article["id"],
                                       f"duplicate id '{article['id']}' (first seen in {first})"))
            else:
                first_seen[article["id"]] = _printable(location)
                article["path"] = _printable(article["path"])
                articles.append(article)
    for reject in rejects:
        logger.debug("rejected %s (id %s): %s", reject["path"], reject["id"], reject["reason"])
    logger.info("read %d articles from %d files, %d rejected", len(articles), len(files), len(rejects))
    return articles, rejects
