"""Blank the asides of reference-work text in the copy the model reads.

Wikipedia-style introductions interrupt their first sentence with a bracket of pronunciation, native
spellings and life dates ("Paul Kagame (/kəˈɡɑːm/; born 23 October 1957) is the President of
Rwanda"), and sprinkle citation markers ("[5]", "[citation needed]") through the text. The small
model reads a ";" inside such a bracket as a sentence break and a native spelling as a second name,
so the subject never meets its predicate. Replacing the aside's characters by spaces (the brackets
themselves stay) keeps every offset into the article's own text, which evidence sentences quote.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.lexicons import _load_json

# A bracket with at most one level of nested brackets, on one line and short enough to be an aside.
_BRACKET = re.compile(r"\((?:[^()\n]|\([^()\n]{0,40}\)){1,300}\)")
_CITATION = re.compile(r"\[(?:\d{1,3}|[a-z]|[^\[\]\n]{2,40})\]")
_IPA_SLASHES = re.compile(r"/[^/\s][^/]{0,40}/")
_IPA_MARKS = re.compile(r"[ˈˌːəɐɛɪʊʃʒθðŋɡɔæʁɣɨɑʌɒ]")
_LABEL = re.compile(r"(?:^|[;,]\s*)((?:[A-Za-z]+\s+){0,2}[A-Z][a-z]+)\s*:")  # "Arabic:", "traditional Chinese:"
_FINITE_COPULA = re.compile(r"\s(?:is|was|are|were|has|had)\s")
# A word in a script an English text quotes names in: Greek, Cyrillic, Armenian, Hebrew, Arabic, the
# Indic scripts, Thai, Myanmar, Georgian, Ethiopic, Khmer, Hangul, kana and CJK ideographs; combining
# marks only after such a letter (the Cyrillic stress in "Віта́лій"), never on a Latin one.
_NATIVE_LETTERS = ("\u0370-\u03ff\u0400-\u0482\u048a-\u052f\u0531-\u058f\u05d0-\u05ff\u0620-\u064a\u0660-\u06ff"
                   "\u0750-\u077f\u0900-\u0dff\u0e00-\u0e7f\u1000-\u109f\u10a0-\u10ff\u1100-\u11ff\u1200-\u137f"
                   "\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af")
_NATIVE_SCRIPT = re.compile(f"[{_NATIVE_LETTERS}][{_NATIVE_LETTERS}\u0300-\u036f\u0483-\u0489\u0591-\u05c7"
                            f"\u064b-\u065f]*")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


@lru_cache(maxsize=1)
def _aside_words() -> tuple[frozenset[str], frozenset[str]]:
    data = _load_json("asides.json")
    return frozenset(data["aside_words"]), frozenset(data["editorial_tags"]) | _footnote_tags(data["note_groups"])


def _footnote_tags(groups: list[str]) -> frozenset[str]:
    """Footnote markers of wikis, a group name and a number or letter: "nb 2", "upper-alpha 1", "note c"."""
    labels = [str(n) for n in range(1, 100)] + list("abcdefghijklmnopqrstuvwxyz")
    return frozenset(f"{group} {label}" for group in groups for label in labels)


@lru_cache(maxsize=1)
def _language_names() -> frozenset[str]:
    """Names of the major languages (ISO 639-1, from ``pycountry``): "Arabic", "Ukrainian", "Swahili"."""
    import pycountry

    return frozenset(re.sub(r"\s*\(.*\)$", "", language.name).split()[-1]
                     for language in pycountry.languages if hasattr(language, "alpha_2"))


def is_spelling_aside(segment: str) -> bool:
    """Whether one part of a bracket (parts are separated by ";" or ",") gives a pronunciation or a
    native spelling: "/kəˈɡɑːm/", "listen", "Arabic: موسى فكي محمد", "romanized: Mūsā"."""
    segment = segment.strip()
    words = {w.strip(",;:").lower() for w in segment.split()}
    aside_words, _ = _aside_words()
    if words & aside_words or _IPA_MARKS.search(segment) and _IPA_SLASHES.search(segment):
        return True
    if any(label.split()[-1] in _language_names() or label.lower() in aside_words
           for label in _LABEL.findall(segment)):
        return True
    return bool(_NATIVE_SCRIPT.search(segment))


_SHORT_NAME = re.compile(r"^[A-Z][A-Za-z0-9-]{1,10}$")  # an acronym the bracket also gives: "(HTS; Arabic: …)"


def _blank_spellings(match: re.Match) -> str:
    """A bracket that gives a pronunciation or a native spelling, blanked but for a short name it also
    gives: "(/kəˈɡɑːm/; born 1957)" reads "(                 )", "(HTS; Arabic: …)" reads "(HTS      )".
    Life dates go with the spellings: after a long blank the parser takes "born" for a new clause."""
    bracket = match.group(0)
    inside = bracket[1:-1]
    if _FINITE_COPULA.search(f" {inside} "):
        return bracket
    parts = re.split(r"([;,])", inside) + [""]  # segment, separator, segment, ..., separator
    if not any(is_spelling_aside(parts[index]) for index in range(0, len(parts), 2)):
        return bracket
    kept = [index for index in range(0, len(parts), 2) if _SHORT_NAME.match(parts[index].strip())]
    return "(" + "".join(part if index in kept else " " * len(part) for index, part in enumerate(parts)) + ")"


def blank_asides(text: str) -> str:
    """``text`` with pronunciations, native spellings and citation markers replaced by spaces (same length)."""
    if "(" not in text and "[" not in text:
        return blank_native_spellings(text)
    _, tags = _aside_words()

    def citation(match: re.Match) -> str:
        inside = match.group(0)[1:-1]
        if inside.isdigit() or len(inside) == 1 or inside.strip().lower() in tags:
            return " " * len(match.group(0))
        return match.group(0)

    text = _CITATION.sub(citation, text)
    return blank_native_spellings(_BRACKET.sub(_blank_spellings, text))  # (brackets first: their scripts mark them)


def blank_native_spellings(text: str) -> str:
    """``text`` with words in a non-Latin script blanked when the text is English (mostly Latin letters):
    "the North Korean leader Kim Ilsŏng 金日成 began" reads "… Kim Ilsŏng     began"."""
    native = _NATIVE_SCRIPT.findall(text)
    if not native:
        return text
    if sum(map(len, native)) * 4 > len(_LATIN_LETTER.findall(text)):
        return text  # a text in that script: nothing to blank
    return _NATIVE_SCRIPT.sub(lambda m: " " * len(m.group(0)), text)
