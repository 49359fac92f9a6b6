"""Office boxes of reference-work pages, as text extraction leaves them.

A biography's infobox, once flattened to text, gives each office held as a title line, an "In office" (or
"Assumed office") line with dates, and labelled lines: "Preceded by X", "Succeeded by Y", and other
holders of the time ("Prime Minister X"). Extraction often glues a label to its value ("Preceded byX");
the tokenizer splits those (``nlp._split_glued_labels``). This module only finds the structure, as
token spans; :mod:`pipeline.leaders` decides which offices are a leader's and what they lead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from pipeline import lexicons

TERM_MARKERS = frozenset({("in", "office"), ("assumed", "office")})
SUCCESSION_LABELS = frozenset({"preceded", "succeeded"})
# values of a succession line that name no holder ("Preceded by Position established", "Himself as ...")
NO_HOLDER_WORDS = frozenset({"himself", "herself", "position", "office", "post", "none", "vacant", "new", "title",
                             "inaugural", "established", "abolished", "constituency", "seat", "military", "council"})
# the small words inside a person's name ("Borges de Medeiros", "João Neves da Fontoura")
SURNAME_PARTICLES = frozenset({"de", "da", "do", "dos", "das", "van", "von", "der", "den", "del", "la", "le", "bin",
                               "ibn", "al", "el", "y"})
LEADING_HONORIFICS = frozenset({"sir", "dame", "dr", "general", "gen", "marshal", "field", "lord", "lady", "sheikh", "chief"})
OFFICE_LINKS = frozenset({"of", "the", "and", "for", "'s", "to", "from"})
ACRONYM = re.compile(r"^(?:[A-Z]\.)+$")  # "U.S."
MAX_OFFICE_WORDS = 12
MAX_NAME_WORDS = 5
BOX_REACH = 80  # tokens after a term marker that still belong to its box
# labels of other infobox lines: a name stops before them when extraction ran the lines together
LABEL_WORDS = frozenset({"preceded", "succeeded", "nominated", "appointed", "constituency", "personal", "born", "died",
                         "in", "assumed", "office", "incumbent", "party", "spouse", "spouses", "children", "parents",
                         "relations", "residence", "education", "alma", "signature", "allegiance", "branch",
                         "service", "years", "battles", "wars", "awards", "website", "nickname", "political",
                         "military", "unit", "commands", "religion", "cabinet", "succession", "reign", "coronation",
                         "predecessor", "successor", "heir", "regent", "house", "father", "mother"})
NAME_WORD = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$|^[^\W\d_]\.$")  # "O'Dwyer", "Jean-Paul", an initial "P."


@lru_cache(maxsize=1)
def office_words() -> frozenset[str]:
    """Words of office titles, ranks and honorifics (the title lexicon without its past markers): they
    open an office line or a role line and end a name."""
    words = lexicons.title_words(("leader_titles", "non_leader_titles", "vice_titles", "state_head_titles", "ranks",
                                  "honorifics"))
    return frozenset(words - {"of", "the", "and", "for", "a", "an", "in", "to", "new", "state"})


@dataclass
class OfficeBox:
    """One office of an infobox: its title phrase, the page's person if a name line heads the box, the
    predecessors and successors named, and role lines ("Prime Minister", names) inside it."""

    office: Span
    holder: Span | None
    successions: list[Span] = field(default_factory=list)
    roles: list[tuple[Span, list[Span]]] = field(default_factory=list)


def _breaks_line(token: Token) -> bool:
    return "\n" in token.text or "\n" in token.whitespace_


def _line_start(doc: Doc, i: int) -> bool:
    """Does token ``i`` open a line (after a newline or at the text's start)?"""
    j = i - 1
    while j >= 0 and doc[j].is_space and "\n" not in doc[j].text:
        j -= 1
    return j < 0 or _breaks_line(doc[j])


def _phrase_before(doc: Doc, end: int) -> int:
    """Where a run of capitalised words and links ending at ``end`` starts, within its line."""
    start = end
    while start > 0 and end - start < MAX_OFFICE_WORDS:
        token = doc[start - 1]
        if token.is_space or _breaks_line(token) and start < end or not (
                token.is_title or token.is_upper or token.lower_ in OFFICE_LINKS or token.lower_ in SURNAME_PARTICLES):
            break
        if not token.is_alpha and token.text not in {"'s", "'"} and not ACRONYM.match(token.text):
            break
        start -= 1
    return start


def _office_before(doc: Doc, marker: int, title_words: frozenset[str]) -> Span | None:
    """The title phrase right before an "In office" marker: capitalised words and links ("President of Rio
    Grande do Sul", "Minister of Foreign Affairs") on the line before or the same line, or on the two lines
    before when the first ends the title ("Member of the Federal Senate / for Rio Grande do Sul"). None when
    no title word opens it (the box goes on with another term of the office before)."""
    end = marker
    while end > 0 and doc[end - 1].is_space:
        end -= 1
    start = _phrase_before(doc, end)
    if start == end:
        return None  # nothing names an office here: another term of the office before ("In office 1951–1954")
    if start < end and doc[start].lower_ in OFFICE_LINKS and start > 0 and _breaks_line(doc[start - 1]):
        above = start - 1
        while above > 0 and doc[above].is_space:
            above -= 1
        if _breaks_line(doc[above]) or doc[above + 1].is_space:
            start = _phrase_before(doc, above + 1)
    while start < end and doc[start].lower_ not in title_words:
        start += 1  # (a run of lines extraction joined: "Succeeded byOsvaldo Aranha Minister of Finance")
    if end - start < 1 or doc[start].lower_ in LABEL_WORDS:
        return doc[end:end]  # words, but no office's: a box of its own that names no office
    return doc[start:end]


def _name_after(doc: Doc, start: int, stop_words: frozenset[str]) -> Span | None:
    """A name of one to five capitalised words (particles between) starting at ``start``, ending at a line
    break, a bracket, a comma, a title word or anything not a name's."""
    while start + 1 < len(doc) and doc[start].lower_.rstrip(".") in LEADING_HONORIFICS and doc[start + 1].is_title:
        start += 1  # "Succeeded by Sir Julius Chan"
    end = start
    while end < len(doc) and end - start < MAX_NAME_WORDS:
        token = doc[end]
        particle = token.lower_ in SURNAME_PARTICLES and end > start and token.is_lower  # ("Borges de Medeiros")
        if not particle and (not NAME_WORD.match(token.text) or not token.text[0].isupper()
                             or token.lower_ in stop_words or token.lower_ in LABEL_WORDS):
            break
        end += 1
        if _breaks_line(token):
            break
    while end > start and doc[end - 1].lower_ in SURNAME_PARTICLES:
        end -= 1
    if end == start or doc[start].lower_ in NO_HOLDER_WORDS:
        return None
    return doc[start:end]


def _names_after(doc: Doc, start: int, stop_words: frozenset[str]) -> list[Span]:
    """Names listed after a label, separated by commas ("Succeeded by X, Y (as President of Z)")."""
    names: list[Span] = []
    i = start
    while i < len(doc):
        name = _name_after(doc, i, stop_words)
        if name is None:
            break
        names.append(name)
        i = name.end
        if i < len(doc) and doc[i].text == "(":  # a bracketed note after the name: "(interim)"
            close = next((t.i for t in doc[i:min(i + 8, len(doc))] if t.text == ")"), None)
            if close is None:
                break
            i = close + 1
        if i < len(doc) and doc[i].text == "," and not _breaks_line(doc[i - 1]):
            i += 1
            continue
        break
    return names


def _holder_line(doc: Doc, office: Span) -> Span | None:
    """The person a box is about: a line of only a name right above the office line."""
    if not _line_start(doc, office.start):
        return None
    j = office.start - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    end = j + 1
    start = end
    while start > 0 and not _breaks_line(doc[start - 1]) and not doc[start - 1].is_space:
        start -= 1
    line = doc[start:end]
    if not 2 <= len(line) <= MAX_NAME_WORDS or not all(
            t.is_alpha and (t.is_title or t.lower_ in SURNAME_PARTICLES) for t in line) or not line[0].is_title:
        return None
    return line


def office_boxes(doc: Doc) -> list[OfficeBox]:
    """The office boxes of a page, in order. Office words (:func:`office_words`) end names and open role
    lines ("Minister", "President"); a box without a name line above it is about the person of the box before."""
    cached = doc.user_data.get(BOXES_KEY)
    if cached is None:
        cached = doc.user_data[BOXES_KEY] = _office_boxes(doc)  # (the tokens never change after the tokenizer)
    return cached


BOXES_KEY = ("newskg", "office_boxes")


def _office_boxes(doc: Doc) -> list[OfficeBox]:
    """The boxes, computed (see :func:`office_boxes`)."""
    if " office" not in doc.text:
        return []  # (no term marker: most texts, at the cost of one search)
    title_words = office_words()
    markers = [t.i for t in doc[:-1] if (t.lower_, doc[t.i + 1].lower_) in TERM_MARKERS]
    boxes: list[OfficeBox] = []
    holder: Span | None = None
    office: Span | None = None
    for number, marker in enumerate(markers):
        title = _office_before(doc, marker, title_words)
        if title is not None and not len(title):
            office = None  # (what follows is not the office before's)
            continue
        if title is None and (office is None or marker - office.end > BOX_REACH):
            continue
        if title is not None:  # (else one more term of the office before: "In office 1951–1954")
            office = title
            holder = _holder_line(doc, office) or holder
        box = OfficeBox(office, holder)
        end = min(markers[number + 1] if number + 1 < len(markers) else len(doc), marker + BOX_REACH)
        i = marker + 2
        while i < end:
            token = doc[i]
            if token.lower_ in SUCCESSION_LABELS and i + 1 < len(doc) and doc[i + 1].lower_ == "by":
                names = _names_after(doc, i + 2, title_words)
                box.successions += names
                i = names[-1].end if names else i + 2
                continue
            if token.is_title and token.lower_ in title_words and _line_start(doc, i):
                role_end = i + 1
                while role_end < end and doc[role_end].lower_ in title_words and doc[role_end].is_title:
                    role_end += 1
                names = _names_after(doc, role_end, title_words)
                following = names[-1].end if names else role_end
                while names and following < end:  # more holders of the role, a line each
                    while following < end and doc[following].is_space:
                        following += 1
                    more = _name_after(doc, following, title_words) if _line_start(doc, following) else None
                    if more is None or not _breaks_line(more[-1]) and more.end < len(doc) \
                            and not doc[more.end].is_space:
                        break
                    names.append(more)
                    following = more.end
                if names:
                    box.roles.append((doc[i:role_end], names))
                i = following
                continue
            i += 1
        boxes.append(box)
    return boxes


def office_places(doc: Doc) -> list[tuple[Span, Span]]:
    """(title words, what follows "of") of each office in the boxes' title lines, split at "and" before a
    title ("Chairman of the Derg and Head of State of Ethiopia"): the place or body an office is of, as the
    capitalised words after "of" (and "the") up to the line's end or the next "and"."""
    found = []
    title_words = office_words()
    for box in office_boxes(doc):
        part_start = box.office.start
        for i in range(box.office.start, box.office.end + 1):
            if i < box.office.end and not (doc[i].lower_ == "and" and i + 1 < box.office.end
                                           and doc[i + 1].lower_ in title_words):
                continue
            part = doc[part_start:i]
            of = next((t.i for t in part if t.lower_ == "of"), None)
            if of is not None and of > part.start:
                start = of + 1 + (of + 1 < i and doc[of + 1].lower_ == "the")
                end = start
                while end < i and not doc[end].is_space and (doc[end].is_title or doc[end].lower_ in SURNAME_PARTICLES
                                                             or doc[end].lower_ == "of"):
                    end += 1
                if end > start:
                    found.append((doc[part.start:of], doc[start:end]))
            part_start = i + 1
    return found
