"""Entity stage: turn a parsed Doc into resolved entity mentions for one article.

Every mention gets an entity key, canonical name and ontology type. Within an article, person
mentions are merged ("President Alexander Lukashenko" ... "Lukashenko"), and capitals, seats of
government and demonyms standing for a state ("Minsk", "the Kremlin", "Russian-supplied") resolve
to the state. The result is a plain JSON-serialisable record.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any, Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from pipeline import lexicons
from pipeline.nlp import (BODY_HEAD_WORDS, COMPANY_SUFFIXES, LABEL_COUNTRY, LABEL_DEMONYM, LABEL_SEAT, LABEL_WEAPON,
                          ORG_LABELS, PERSONAL_GROUP_HEADS, REGION_NAME_HEADS, ROMAN_NUMERAL)

RULER_TYPES = {LABEL_COUNTRY: "Country", LABEL_SEAT: "Country", LABEL_DEMONYM: "Country",
               LABEL_WEAPON: "WeaponSystem", **{v: k for k, v in ORG_LABELS.items()}}
RULER_VIA = {LABEL_COUNTRY: "name", LABEL_SEAT: "seat", LABEL_DEMONYM: "demonym"}
NER_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Location", "LOC": "Location",
             "FAC": "Location", "NORP": None}
HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "gen", "lt", "col", "maj", "capt", "sgt", "adm",
              "sen", "rep", "gov", "prince", "mr.", "mrs.", "ms.", "dr.", "gen.",
              "lt.", "col.", "sen.", "rep.", "gov."}
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_ARABIC_ARTICLE = re.compile(r"^(?:[Aa][lnrstdz]|[Ee]l|[Aa]sh)-(?=[A-Z])")
_LEADING_THE = re.compile(r"^(?:[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Oo]ur|[Mm]y)\s+")


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    words = set(HONORIFICS) | lexicons.title_words(("leader_titles", "non_leader_titles", "vice_titles", "past_markers",
                                                    "state_head_titles"))
    return frozenset(words - {"of", "the", "and", "for", "in", "state", "government", "a", "grand", "duke"})


# After these a title word begins a name ("foreign minister Shah Karim Wardak"): titles do not stack.
OFFICIAL_NAME_BREAKS = frozenset({"minister", "secretary", "ambassador", "envoy", "spokesman", "spokeswoman",
                                  "spokesperson", "adviser", "advisor", "aide", "official"})


NAME_QUOTES = frozenset({'"', "“", "”", "‘", "’", "'"})  # around a nickname inside a name: dropped


def _nickname(span: Span) -> Span | None:
    """The quoted or bracketed nickname inside a person's name, quotes included ('Manuel "Sureshot"
    Marulanda', "Mohamed Hamdan (Hemedti) Dagalo"), if any."""
    quoted = [t.i for t in span if t.text in NAME_QUOTES]
    if len(quoted) == 2 and quoted[0] > span.start and quoted[1] < span.end - 1:
        return span.doc[quoted[0]:quoted[1] + 1]
    bracketed = [t.i for t in span if t.text in {"(", ")"}]
    if len(bracketed) == 2 and bracketed[0] > span.start and bracketed[1] < span.end - 1:
        return span.doc[bracketed[0]:bracketed[1] + 1]
    return None


def clean_person_name(span: Span) -> str:
    """A person's name without leading titles or honorifics and without a possessive ending."""
    title_words = _title_words()
    nickname = _nickname(span)
    skipped = range(nickname.start, nickname.end) if nickname is not None else range(0)
    tokens = [t for t in span if (not t.is_punct or t.text in {"-", "."} or _ayn(t, span)) and t.i not in skipped]
    after_official = span.start > 0 and span.doc[span.start - 1].lower_ in OFFICIAL_NAME_BREAKS
    while tokens and not after_official and (tokens[0].lower_ in title_words
                                             or tokens[0].lower_.rstrip(".") in title_words):
        tokens = tokens[1:]
    name = " ".join(t.text for t in tokens).replace(" - ", "-").replace(" -", "-")
    name = re.sub(r"(?:(?<= )|^)([ʿ'‘]) ", r"\1", name)  # "Lotf 'Ali Khan"
    if tokens and tokens[-1].is_sent_end and tokens[-1].text.endswith(".") and ROMAN_NUMERAL.match(tokens[-1].text[:-1]):
        name = name[:-1]  # "son of Ferdinand I." at the end of a sentence: the full stop is not the name's
    return _POSSESSIVE.sub("", name).strip()


def _ayn(token: Token, span: Span) -> bool:
    """A transliterated ayn written as an apostrophe inside a name, glued to the next word ("Lotf 'Ali")."""
    return token.text in {"'", "ʿ", "‘"} and not token.whitespace_ and span.start < token.i < span.end - 1 \
        and token.doc[token.i + 1].is_alpha


_BRACKETED_ACRONYM = re.compile(r"(?<=\w) \([A-Z]{2,}\) (?=\w)")  # "the Guard Corps (IRGC) Navy": inside a name


def _clean_name(text: str) -> str:
    text = _POSSESSIVE.sub("", " ".join(_BRACKETED_ACRONYM.sub(" ", text).split()))
    return _LEADING_THE.sub("", text).strip(" \"'“”‘’<>")  # ("<Toho Mutual Life Insurance Co>": wire markup)


def _titled_name(ent: Span) -> bool:
    """A 2-4 word capitalised name right after a person title ("Chancellor Olaf Scholz") is a person, and
    so is one word right after a ruler's title ("Indonesian President Sukarno")."""
    if len(ent) == 1 and ent.start > 0 and ent[0].is_title and ent[0].is_alpha and \
            ent.doc[ent.start - 1].lower_ in MONONYM_TITLES and ent.doc[ent.start - 1].is_title and \
            (ent.end >= len(ent.doc) or not ent.doc[ent.end].is_title):
        return True
    if not 2 <= len(ent) <= 5 or not all(t.is_title or t.text == "-" for t in ent) or ent.start == 0 \
            or ent[0].text == "-" or ent[-1].text == "-":  # ("Kassym-Jomart Tokayev")
        return False
    before = ent.doc[ent.start - 1]
    return before.lower_ in _title_words() - HONORIFICS or before.lower_.rstrip(".") in HONORIFICS


MONONYM_TITLES = frozenset({"president", "king", "queen", "emperor", "sultan", "emir", "shah", "tsar", "czar"})
BASE_NAME_HEADS = frozenset({"base", "airbase", "airfield", "barracks", "garrison"})
PLACE_NAME_HEADS = frozenset({"airport", "avenue", "award", "bay", "boulevard", "bridge", "canal", "cathedral",
                              "causeway", "center", "centre", "church", "city", "college", "county", "cup", "dam",
                              "district", "dock", "docks", "fort", "foundation", "fund", "gardens", "gate", "hall",
                              "highway", "hospital", "institute", "island", "islands", "lake", "land", "market",
                              "memorial", "mill", "mills", "mosque", "mountain", "museum", "palace", "park", "port",
                              "prize", "river", "road", "school", "sound", "square", "stadium", "station", "street",
                              "theater", "theatre", "tower", "trophy", "tunnel", "university", "works"})


GROUP_NAME_HEADS = frozenset({"party", "movement", "alliance", "coalition", "militia"})
ORG_NAME_HEADS = frozenset({"community", "union", "council", "committee", "commission", "bank", "party", "association",
                            "federation", "organisation", "organization", "agency", "ministry", "corporation",
                            "company", "group", "institute", "university", "fund", "authority", "board", "league",
                            "alliance", "front", "movement", "army", "navy", "forces", "corps", "brigade", "guard", "inc",
                            "corp", "ltd", "plc", "co"})


def _monarch_name(ent: Span) -> bool:
    """"King Ferdinand", "Queen Wilhelmina" tagged as a place or an organisation: a monarch (not
    "Queen Elizabeth Hospital" or "King Abdullah Port")."""
    return 2 <= len(ent) <= 3 and ent[0].lower_ in _monarch_titles() and all(t.is_title for t in ent) \
        and ent[-1].lower_ not in PLACE_NAME_HEADS and (ent.end >= len(ent.doc) or
                                                     ent.doc[ent.end].lower_ not in PLACE_NAME_HEADS)



PERSONAL_VERBS = frozenset({"elect", "reelect", "swear", "resign", "die", "inaugurate", "marry"})


def _apposed_to_person_title(ent: Span) -> bool:
    """"its political leader, Jean-Marie Runiga" tagged as a body: a name of two to four capitalised words
    (hyphens allowed) with no body's head word, apposed to a person's title in lower case."""
    words = [t for t in ent if t.text != "-"]
    if not 2 <= len(words) <= 4 or not all(t.is_alpha and t.is_title for t in words) or \
            any(t.lower_ in ORG_HEAD_NOUNS | ORG_NAME_HEADS | BODY_HEAD_WORDS for t in words):
        return False
    root = ent.root
    return root.dep_ == "appos" and root.head.lower_ in lexicons.titles()["leader_titles"] and root.head.is_lower and \
        root.head.i < ent.start


BODY_ROLE_TITLES = frozenset({"leader", "ruler", "head", "chief", "boss", "member", "observer", "manager", "trustee"})
# (titles a body may hold too: "Google, the leader in search", "Hamas, the ruler of Gaza")


def _with_apposed_person_title(ent: Span) -> bool:
    """"Shugaev, the director of Russia's Federal Service ..." tagged as a body: a name of one or two
    capitalised words with no body's head word, followed by an apposed person's title in lower case."""
    words = list(ent)
    if not 1 <= len(words) <= 2 or not all(t.is_alpha and t.is_title for t in words) or \
            any(t.lower_ in ORG_HEAD_NOUNS | ORG_NAME_HEADS | BODY_HEAD_WORDS for t in words):
        return False
    titles = lexicons.titles()
    personal = (titles["leader_titles"] | titles["non_leader_titles"]) - titles["founder_titles"] - BODY_ROLE_TITLES
    root = ent.root
    kin = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else None
    if kin is not None and kin.lower_ in titles["kinship_nouns"]:
        root = kin  # "the son of Mongkut, the fourth king of Siam": the title hung on the kinship noun
    elif root.dep_ == "pobj":
        return False
    return any(c.dep_ == "appos" and c.i > ent.end and c.is_lower and c.lower_ in personal
               and any(d.dep_ == "det" for d in c.children) for c in root.children)
    # (not "the government of Madeira, co-founder of ...": a title hung on the place is the person's before it)


def _subject_of_personal_verb(ent: Span) -> bool:
    """"Moussa Faki Mahamat was elected chairman" tagged as a body: a name of two to four capitalised words
    with no body's head word, the subject of what only people do (be elected, sworn in, resign, die)."""
    words = [t for t in ent if t.lower_ != "the"]
    if not 2 <= len(words) <= 4 or not all(t.is_alpha and t.is_title for t in words) or ent[0].lower_ == "the" or \
            any(t.lower_ in ORG_HEAD_NOUNS | ORG_NAME_HEADS | BODY_HEAD_WORDS for t in words):
        return False
    root = ent.root
    if root.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    verbs = [root.head] + [c for c in root.head.children if c.dep_ in {"advcl", "xcomp", "conj"} and c.tag_ == "VBN"]
    return any(v.lemma_.lower() in PERSONAL_VERBS for v in verbs)


def _owner_of_party(ent: Span) -> bool:
    """"Kofi Mensah's" + "Convention People's Party" with the possessor tagged as a body: a name of two or
    three capitalised words with no body's head word, ending in "'s", right before a party, movement or
    army's name (a company's possessive is left alone: "Morgan Stanley's Investment Group")."""
    words = [t for t in ent if t.lower_ not in {"'s", "’s"}]
    if ent[-1].lower_ not in {"'s", "’s"} or not 2 <= len(words) <= 3 or \
            not all(t.is_alpha and t.is_title for t in words) or \
            any(t.lower_ in ORG_HEAD_NOUNS | ORG_NAME_HEADS | BODY_HEAD_WORDS for t in words):
        return False
    after = next((e for e in ent.doc.ents if e.start == ent.end), None)
    return after is not None and after.label_ == "ORG" and after[-1].lower_ in PERSONAL_GROUP_HEADS


def _classify(ent: Span) -> tuple[str, str, str, str | None, str] | None:
    """(key, name, type, qid, via) for one doc entity, or None if it is not one we keep."""
    label = ent.label_
    if "\n" in ent.text:
        return None
    if label in RULER_TYPES:
        entry = lexicons.gazetteer_index().get(ent.ent_id_)
        if entry is not None:
            return entry.key, entry.name, entry.type, entry.qid, RULER_VIA.get(label, "lexicon")
        if label == LABEL_WEAPON:
            name = _clean_name(ent.text)
            return "weapon:" + lexicons.fold(name), name, "WeaponSystem", None, "pattern"
        return None
    if label not in NER_TYPES:
        return None
    if ent[-1].lower_ in {"of", "for", "and", "the", "de"}:
        return None  # "the Republic of" + "Upper Volta": a name the tagger cut before the gazetteer's
    words = [t.lower_.rstrip(".") for t in ent if t.is_alpha]
    if words and all(t.text in FORCE_NAME_PREFIXES or t.lower_ == "the" for t in ent):
        return None  # "The Royal" + "Australian Air Force": the force's name begins with it
    if label == "PERSON" and words and all(w in _title_words() | lexicons.titles()["honorifics"] for w in words):
        return None  # "Qatar's Emir Sheikh | Tamim bin Hamad": a title and an honorific name no one
    if label == "ORG" and len(words) == 1 and (words[0] in lexicons.triggers()["weapon_nouns"] or
                                               words[0].rstrip("s") in lexicons.triggers()["weapon_nouns"]):
        return None  # "Heron UAVs", "APCs": a kind of weapon the NER took for a body
    if label == "ORG" and words and ent.text.islower() and all(w in _title_words() for w in words):
        return None  # "Iran's supreme leader" tagged as a body: a title in lower case is no name
    if label in {"GPE", "LOC", "FAC"} and not any(c.isupper() for c in ent.text) and \
            any(c.isupper() for c in ent.sent.text[1:]):
        return None  # "in the north east of the country": a statistical tag on common words is no name
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if label == "PERSON" and len(ent) == 1 and ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the" and \
            (following is None or following.pos_ in {"PUNCT", "ADP", "VERB", "AUX", "CCONJ"}):
        return None  # "talks at the Headquarters.": one word after "the" is no person ("the Trump administration" is)
    named = [t for t in ent if t.lower_ != "the"]
    if label == "ORG" and len(named) == 1 and following is not None and following.lower_ in PORTFOLIO_TITLES:
        return None  # "the Defense Secretary", "Interior Minister X": a portfolio, no body
    if label == "ORG" and len(named) == 2 and named[-1].lower_ == "administration" and any(
            e.label_ == "PERSON" and e[-1].lower_ == named[0].lower_ for e in ent.doc.ents):
        return None  # "the Trump Administration" (of a person the article names): a government, no body
    if label in {"ORG", "GPE", "NORP", "FAC", "LOC"} and (_titled_name(ent) or _monarch_name(ent) or
                                                         _subject_of_personal_verb(ent) or _apposed_to_person_title(ent)
                                                         or _owner_of_party(ent)):
        label = "PERSON"
    if label == "ORG" and _with_apposed_person_title(ent):
        label = "PERSON"
        first = ent.doc[ent.start - 1] if ent.start else None
        if first is not None and first.is_title and first.pos_ == "PROPN" and first.head.i == ent.root.i \
                and not first.ent_type_:
            ent = ent.doc[first.i:ent.end]  # ("Dmitry" + "Shugaev": the first name left out of the tag)
    if label == "NORP":
        country = lexicons.country_by_name().get(lexicons.fold(_clean_name(ent.text)))
        if country is None:
            return None
        return country.key, country.name, "Country", country.qid, "demonym"
    if label == "PERSON" and len(ent) > 1 and ent[-1].lower_ in ORG_NAME_HEADS and ent[-1].is_title:
        label = "ORG"  # "European Community", "Pacific Telesis Group": no person's name ends so
    if label == "PERSON" and len(ent) > 1 and ent[-1].lower_ in PLACE_NAME_HEADS and ent[-1].is_title:
        label = "FAC"  # "King Fahd Causeway", "Nelson Mandela Bridge": a place named after a person
    if label in {"LOC", "GPE"} and len(ent) > 1 and ent[-1].lower_ in GROUP_NAME_HEADS and ent[-1].is_title:
        label = "ORG"  # "Ahmad Shah Massoud's Northern Alliance" tagged as a place: no place's name ends so
    if label == "ORG" and len(ent) > 1 and ent[-1].lower_ in BASE_NAME_HEADS and ent[-1].is_title:
        label = "FAC"  # "Minot Air Force Base", "Hmeimim Air Base": a place troops are at, not a force
    if label == "ORG":
        ent = _without_descriptor(ent)
    if label == "PERSON":
        name = clean_person_name(ent)
        if not name or not any(ch.isalpha() for ch in name) or name.isupper() and len(name) <= 4:
            return None
        return "person:" + lexicons.fold(name), name, "Person", None, "name"
    name = _clean_name(ent.text)
    if len(name) < 2 or not any(ch.isalpha() for ch in name) or lexicons.fold(name) in lexicons.generic_org_words():
        return None
    country = lexicons.country_by_name().get(lexicons.fold(name))
    if country is not None:
        return country.key, country.name, "Country", country.qid, "name"
    etype = NER_TYPES[label]
    if etype == "Organization" and len(ent) > 1 and ent[-1].lower_.rstrip(".") in COMPANY_NAME_SUFFIXES:
        etype = "Company"  # "Sierra Nevada Corporation", "Invacare Corp": a company by its legal form
    prefix = "org:" if etype in {"Organization", "Company"} else "loc:"
    return prefix + lexicons.fold(name), name, etype, None, "name"


def _without_descriptor(ent: Span) -> Span:
    """A body's name without the description the NER ran on to: "the United National Movement
    opposition party" is the United National Movement (one head noun stays: "the Congress party")."""
    named = [i for i, t in enumerate(ent) if t.text[:1].isupper() or t.like_num]
    if not named or named[-1] >= len(ent) - 2:
        return ent
    tail = ent[named[-1] + 1:]
    if all(t.is_alpha and t.is_lower and t.pos_ in {"NOUN", "ADJ"} for t in tail):
        return ent[:named[-1] + 1]
    return ent


# Words that end a company's name: the legal forms the NER repairs know, and a few more (not "Company":
# "Alpha Company" is a unit)
COMPANY_NAME_SUFFIXES = COMPANY_SUFFIXES | {"corporation", "incorporated", "limited", "industries", "aerospace",
                                            "holdings"}


PATRONYMIC_PARTICLES = frozenset({"bin", "ibn", "bint", "ben", "ould", "wad"})  # "son/daughter of"


def _relatives(doc: Doc, mentions: list[dict], entities: dict[str, dict]) -> set[str]:
    """People of two or more names the article introduces as somebody's relative ("the youngest child of
    the Reverend David Kaunda", "born to Ali Khan"): another person than a longer name ending like theirs."""
    kin = lexicons.titles()["kinship_nouns"]
    found: set[str] = set()
    for mention in mentions:
        entity = entities.get(mention["entity"])
        span = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
        if entity is None or entity["type"] != "Person" or len(entity["name"].split()) < 2 or span is None:
            continue
        root = span.root
        if root.dep_ == "pobj" and ((root.head.lower_ == "of" and root.head.head.lemma_.lower() in kin) or
                                    (root.head.lower_ == "to" and root.head.head.lower_ == "born")):
            found.add(mention["entity"])
    return found


def _shortened(words: list[str], full_words: list[str]) -> bool:
    """Is a name of two or more words the same first name with some of the full name's other words, in
    order ("Fidel Castro" of "Fidel Alejandro Castro Ruz", a father's surname without the mother's)?"""
    if len(words) < 2 or words[0] != full_words[0]:
        return False
    rest = iter(full_words[1:])
    return all(word in rest for word in words[1:])


def _merge_people(mentions: list[dict], entities: dict[str, dict], relatives: set[str]) -> None:
    """Map short person mentions ("Lukashenko") to the fullest name in the article that ends with them.

    When several full names fit ("Miguel Trovoada", "Patrice Trovoada"), each short mention goes to
    the one named last before it (or, if none is, first after it). A relative named in full is nobody's
    short name ("Kenneth David Kaunda ... the child of David Kaunda").
    """
    people = [e for e in entities.values() if e["type"] == "Person" and e["key"] not in relatives]
    full_names = sorted((p for p in people if len(p["name"].split()) > 1),
                        key=lambda p: (-len(p["name"].split()), p["name"]))
    candidates: dict[str, list[str]] = {}
    for person in people:
        words = person["name"].split()
        fitting = []
        for full in full_names:
            if full is person or len(full["name"].split()) <= len(words):
                continue
            full_words = full["name"].split()
            bare_words = [_ARABIC_ARTICLE.sub("", w) for w in full_words]  # "al-Sisi" is "Sisi" for short
            short_word = _ARABIC_ARTICLE.sub("", words[0]) if len(words) == 1 else None
            if len(words) == 1 and words[0] in full_words[1:] and \
                    full_words[full_words.index(words[0], 1) - 1].lower() in PATRONYMIC_PARTICLES:
                continue  # "Salman" is not "Mohammed bin Salman" (his father)
            if full_words[-len(words):] == words or _shortened(words, full_words) or \
                    (len(words) == 1 and (words[0] in full_words or short_word in bare_words)) or \
                    (len(words) == 1 and person["name"] in full["surface_forms"]):  # a nickname ("Hemedti")
                if fitting and len(full_words) < len(entities[fitting[0]]["name"].split()) and \
                        entities[fitting[0]]["name"].split()[-len(words):] == words:
                    break  # a longer form of the same name fits already
                fitting.append(full["key"])
        if fitting:
            candidates[person["key"]] = fitting
    if not candidates:
        return
    for short, options in candidates.items():  # "Castro" fits "Fidel Castro", itself short for "Fidel Alejandro
        # Castro Ruz": the fullest names only
        candidates[short] = list(dict.fromkeys(k for o in options for k in candidates.get(o, [o])))
    starts: dict[str, list[int]] = {}
    for mention in mentions:
        starts.setdefault(mention["entity"], []).append(mention["start"])

    def nearest(options: list[str], position: int) -> str:
        before = [(max(p for p in starts.get(k, []) if p < position), k) for k in options
                  if any(p < position for p in starts.get(k, []))]
        if before:
            return max(before)[1]
        after = [(min(starts[k]), k) for k in options if starts.get(k)]
        return min(after)[1] if after else options[0]

    for short, options in candidates.items():
        target = options[0] if len(options) == 1 else nearest(options, min(starts.get(short, [0])))
        entities[target]["surface_forms"].update(entities[short]["surface_forms"])
    for mention in mentions:
        options = candidates.get(mention["entity"])
        if options:
            mention["entity"] = options[0] if len(options) == 1 else nearest(options, mention["start"])
            mention["via"] = "surname"
    for short in candidates:
        del entities[short]


def _drop_unused(mentions: list[dict], entities: dict[str, dict]) -> None:
    """Forget the entities no mention points to any more (after mentions were moved to another)."""
    used = {m["entity"] for m in mentions}
    for key in [k for k in entities if k not in used]:
        del entities[key]


def _people_mistagged(mentions: list[dict], entities: dict[str, dict], relatives: set[str]) -> None:
    """An organisation or place mention whose text is a person's name or surname in the same article
    is that person (the NER tags "Mnangagwa said" as an organisation now and then); a relative's
    surname is the other bearer's ("Peter Mwale, the son of Samuel Mwale ... Mwale")."""
    by_name: dict[str, list[str]] = {}
    for entity in entities.values():
        if entity["type"] == "Person":
            words = entity["name"].split()
            by_name.setdefault(lexicons.fold(entity["name"]), []).append(entity["key"])
            for form in entity["surface_forms"]:  # a nickname ("Hemedti")
                if " " not in form and form not in words:
                    by_name.setdefault(lexicons.fold(form), []).append(entity["key"])
            if len(words) > 1 and entity["key"] not in relatives:
                by_name.setdefault(lexicons.fold(words[-1]), []).append(entity["key"])
                bare = _ARABIC_ARTICLE.sub("", words[-1])  # "Burhan" for "Abdel Fattah al-Burhan"
                if bare != words[-1] and bare:
                    by_name.setdefault(lexicons.fold(bare), []).append(entity["key"])
    last_seen: dict[str, int] = {}
    for mention in sorted(mentions, key=lambda m: m["start"]):
        key = mention["entity"]
        if not (key.startswith("org:") or key.startswith("loc:")) or key in lexicons.gazetteer_index():
            last_seen[key] = mention["start"]
            continue
        options = by_name.get(lexicons.fold(_clean_name(mention["text"])), [])
        # of several people with this surname, the one named last before ("Patrice Trovoada ... Trovoada")
        person = max(options, key=lambda k: (last_seen.get(k, -1), -options.index(k))) if options else None
        if person:
            entities[person]["surface_forms"].update(entities[key]["surface_forms"] if key in entities else ())
            mention["entity"], mention["via"] = person, "surname"
            last_seen[person] = mention["start"]
    _drop_unused(mentions, entities)


@lru_cache(maxsize=1)
def _monarch_titles() -> frozenset[str]:
    """Rulers' titles (``monarch_titles`` in ``titles.json``): "King", "Emperor", "Nawab", ..."""
    return lexicons.titles()["monarch_titles"]


@lru_cache(maxsize=1)
def _realm_titles() -> frozenset[str]:
    """Titles of those who head a realm or office named after them with "of" ("the Chief Minister of Y")."""
    return _monarch_titles() | {"president", "minister", "premier", "chancellor", "governor", "mayor", "prince",
                                "princess", "duke", "duchess", "dictator", "taoiseach", "daimyo", "daimyō"}


def _person_mentions(doc: Doc, mentions: list[dict], entities: dict[str, dict],
                     done: set[str]) -> Iterator[tuple[str, Span]]:
    """(entity key, span) of each mention of a "person" entity not yet in ``done``."""
    for mention in mentions:
        key = mention["entity"]
        if key in done or entities.get(key, {}).get("type") != "Person":
            continue
        span = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
        if span is not None:
            yield key, span


def _places_mistagged(doc: Doc, mentions: list[dict], entities: dict[str, dict]) -> None:
    """A "person" named right after a realm title and "of" is a place: "the Chief Minister of Madhya
    Pradesh", "the first prime minister of Siam". All its mentions become that place (a Location)."""
    places: set[str] = set()
    for key, span in _person_mentions(doc, mentions, entities, places):
        i = span.start - 1
        if i >= 0 and doc[i].lower_ == "the":
            i -= 1
        if span[-1].text in REGION_NAME_HEADS and len(span) >= 2:
            places.add(key)  # "Lagos State", "Khost Province": a region's name, never a person's
            continue
        if i < 1 or doc[i].lower_ != "of" or doc[i - 1].lower_ not in _realm_titles():
            continue
        if span.end < len(doc) and doc[span.end].text in {"'s", "’s", "'", "’"}:
            continue  # "the president of Smith's company"
        places.add(key)
    _retype(mentions, entities, places, "loc:", "Location")


def affiliations(token: Token) -> list[Token]:
    """The objects of an "of" right after a name ("X of the Y Party"): the parser often hangs the
    title apposed to X on them."""
    return [o for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i > token.i
            for o in prep.children if o.dep_ == "pobj"]


def _people_by_copula(doc: Doc, mentions: list[dict], entities: dict[str, dict]) -> None:
    """A "place" or "organisation" equated with a person's title is a person: "the first prime minister
    of Siam was X", "the president of Colombia, X, said", "X, the state's chief minister"."""
    people: set[str] = set()
    for mention in mentions:
        key = mention["entity"]
        if not key.startswith(("loc:", "org:")) or key in people or key in lexicons.gazetteer_index():
            continue
        span = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        # "the president of Colombia, X,": apposed to the title or its "of" object (or taken for its conjunct)
        if len(span) == 1 and any(c.dep_ == "appos" and c.i > root.i and c.lower_ in FOUNDER_NOUNS and
                                  any(o.ent_type_ == LABEL_COUNTRY or o.lower_ in {"nation", "country"}
                                      for o in affiliations(c)) for c in root.children):
            people.add(key)  # "Ataturk, the founder of modern Turkey,": bodies are not founders of states
            continue
        if root.dep_ == "appos" or (root.dep_ == "conj" and not any(c.dep_ == "cc" for c in root.head.children)
                                    and len(root.head.conjuncts) == 1 and _realm_of_title(root.head)
                                    and span.start > 0 and doc[span.start - 1].text == ","):
            head = root.head.head.head if root.head.dep_ == "pobj" and root.head.head.lower_ == "of" \
                and root.head.lower_ not in _realm_titles() else root.head  # (not "a cousin of the Emperor, X")
            if head.lower_ in _realm_titles() and head.pos_ in {"NOUN", "PROPN"} and \
                    (len(span) >= 2 or head.lower_ in _monarch_titles() or _realm_of_title(head)) and \
                    span[-1].lower_ not in ORG_NAME_HEADS:  # ("Colombia's first leftist President, Gustavo Petro,")
                people.add(key)
            continue
        if len(span) >= 2 and span[-1].lower_ not in ORG_HEAD_NOUNS and not (root.dep_ == "pobj" and root.head.lower_ == "of") \
                and any(c.dep_ == "appos" and c.i > root.i and c.lower_ in _realm_titles() and c.pos_ == "NOUN"
                        for holder in [root, *affiliations(root)] for c in holder.children):
            people.add(key)  # "X (of the Y Party), the state's chief minister"
            continue
        if len(span) >= 2 and span[-1].lower_ not in ORG_HEAD_NOUNS and any(
                rel.dep_ == "relcl" and any(w.lower_ == "who" and w.dep_ in {"nsubj", "nsubjpass"} for w in rel.children)
                for rel in root.children):
            people.add(key)  # "Ratan Tata, who took over in 1991": a two-word name that is a "who"
            continue
        if root.dep_ not in {"attr", "nsubj"} or not (root.head.lemma_ == "be" or (
                root.head.lemma_ == "become" and root.dep_ == "nsubj")):  # ("Magnus had also become king of Denmark")
            continue
        other = {"attr": "nsubj", "nsubj": "attr"}[root.dep_]
        if any(c.dep_ == other and c.lower_ in _realm_titles() | CORPORATE_TITLES and c.pos_ == "NOUN"
               for c in root.head.children):
            people.add(key)  # "the chairman of the group is X"
    _retype(mentions, entities, people, "person:", "Person")


def _realm_of_title(title: Token) -> bool:
    """Does a title name its realm ("Indonesia's first President", "the President of Indonesia")? Then
    a one-word name apposed to it is the holder ("..., Sukarno,"), not a place or a body."""
    realms = [c for c in title.children if c.dep_ == "poss"] + affiliations(title)
    return any(r.ent_type_ in {"NKG_COUNTRY", "GPE"} for r in realms)


FOUNDER_NOUNS = frozenset({"founder", "co-founder", "cofounder", "father"})
ORG_HEAD_NOUNS = frozenset({"party", "movement", "front", "organisation", "organization", "militia", "alliance",
                            "league", "union", "coalition", "corporation", "company", "group"})


CORPORATE_TITLES = frozenset({"chairman", "chairwoman", "chairperson", "ceo", "founder", "co-founder", "boss"})


def _acronym_after(doc: Doc, span: Span) -> str | None:
    """The acronym in brackets right after a span ("... (NSB)"), if any."""
    if span.end + 2 < len(doc) and doc[span.end].text == "(" and doc[span.end + 2].text == ")":
        acronym = doc[span.end + 1].text
        if len(acronym) >= 2 and acronym.isalpha() and acronym.isupper():
            return acronym
    return None


ACRONYM_TYPES = frozenset({"Organization", "ArmedGroup", "Company"})


def _unbracketed_acronyms(entities: dict[str, dict], remap: dict[str, str]) -> dict[str, str]:
    """An acronym the lexicon does not know, never spelled out in brackets, whose letters are the initials
    of exactly one body the article names in full ("the Pakistan People's Party ... the PPP")."""
    known = lexicons.gazetteer_index()
    found: dict[str, str] = {}
    for key, entity in entities.items():
        name = entity["name"]
        if entity["type"] not in ACRONYM_TYPES or key in known or key in remap or not name.isupper() \
                or not name.isalpha() or len(name) < 3:
            continue
        long_forms = [k for k, e in entities.items() if k != key and e["type"] in ACRONYM_TYPES
                      and len(e["name"].split()) >= 3 and _initials(e["name"], capitalised_only=True) == name]
        if len(long_forms) == 1:
            found[key] = long_forms[0]
    return found


def _initials(name: str, capitalised_only: bool = False) -> str:
    """The initials of a name ("Mohammed bin Salman" -> "MBS"; with ``capitalised_only``, "Armed Forces
    of the Philippines" -> "AFP"), to tell an acronym's long form."""
    return "".join(word[0].upper() for word in name.split()
                   if word[:1].isalpha() and (word[:1].isupper() or not capitalised_only))


CORPORATE_OF_TITLES = frozenset({"chairman", "chairwoman", "chairperson", "ceo", "executive", "director", "owner",
                                 "founder", "co-founder", "shareholder", "shareholders", "board"})


def _after_corporate_title(doc: Doc, span: Span) -> bool:
    """Is the span the object of "<corporate title> of" ("the former CEO of X", "chairman of the X")?"""
    i = span.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i < 1 or doc[i].lower_ != "of" or doc[i - 1].lower_ not in CORPORATE_OF_TITLES:
        return False
    return span.end >= len(doc) or doc[span.end].text not in {"'s", "’s", "'", "’"}


def _orgs_mistagged(doc: Doc, mentions: list[dict], entities: dict[str, dict]) -> None:
    """A "person" that names an organisation: "the MAPAR party", "the terrorist organization, Sendero
    Luminoso". All its mentions become that organisation."""
    orgs: set[str] = set()
    for key, span in _person_mentions(doc, mentions, entities, orgs):
        acronym = _acronym_after(doc, span)
        if acronym and acronym != _initials(entities[key]["name"]) and acronym != _initials(span.text):
            orgs.add(key)  # "Norges Statsbaner (NSB)": an acronym that is not the name's initials
            continue
        if lexicons.fold(clean_person_name(span)) != lexicons.fold(entities[key]["name"]):
            continue  # "the Soriano group": a surname of a person named in full elsewhere
        after = doc[span.end] if span.end < len(doc) else None
        if after is not None and after.lower_ in ORG_HEAD_NOUNS - {"group", "company", "corporation"} \
                and after.text.islower() \
                and span.start > 0 and doc[span.start - 1].lower_ == "the":
            orgs.add(key)  # "the MAPAR party"
        elif span.start >= 2 and doc[span.start - 1].lower_ in ORG_HEAD_NOUNS and doc[span.start - 1].text.islower() \
                and doc[span.start - 1].lower_ != "company" and _lower_case_phrase_after_the(doc, span.start - 1):
            orgs.add(key)  # "the rebel group Ahrar al-Sham", "the party Vox" (not "the Boko Haram group X")
        elif span.start >= 2 and doc[span.start - 1].text == "," and doc[span.start - 2].lower_ in ORG_HEAD_NOUNS \
                and doc[span.start - 2].text.islower() and doc[span.start - 2].lower_ != "company":
            orgs.add(key)  # "the terrorist organization, Sendero Luminoso"
        elif after is not None and after.lower_ in CORPORATE_TITLES and span.end + 1 < len(doc) \
                and doc[span.end + 1].ent_type_ == "PERSON" and span.end - span.start <= 2:
            orgs.add(key)  # "Acme chairperson Jane Doe": a name does not modify a title, a company does
        elif _after_corporate_title(doc, span):
            orgs.add(key)  # "the chief executive of Morgan Hale": people are not what a CEO runs
    _retype(mentions, entities, orgs, "org:", "Organization")


def _lower_case_phrase_after_the(doc: Doc, head: int) -> bool:
    """Is the noun at ``head`` the end of "the" and lower-case words only ("the rebel group")?"""
    for token in reversed(doc[max(0, head - 4):head]):
        if token.lower_ == "the":
            return True
        if not token.text.islower():
            return False
    return False


def _retype(mentions: list[dict], entities: dict[str, dict], keys: set[str], prefix: str, etype: str) -> None:
    """Turn the "person" entities ``keys`` into entities of another type, mentions and surface forms included."""
    for key in sorted(keys):
        person = entities.pop(key)
        name = person["name"]
        target = prefix + lexicons.fold(name)
        record = entities.setdefault(target, {"key": target, "name": name, "type": etype, "qid": None,
                                              "surface_forms": set()})
        record["surface_forms"].update(person["surface_forms"])
        for mention in mentions:
            if mention["entity"] == key:
                mention["entity"] = target


def _short_org_names(doc: Doc, mentions: list[dict], entities: dict[str, dict]) -> None:
    """A demonym standing alone as a noun phrase ("American will lease 20 jets") in an article that
    names an organisation beginning with it ("American Airlines") is that organisation's short name."""
    firsts: dict[str, str] = {}
    for entity in entities.values():
        words = entity["name"].split()
        if entity["type"] == "Organization" and len(words) > 1:
            firsts.setdefault(words[0], entity["key"])
    if not firsts:
        return
    for mention in mentions:
        if mention["via"] != "demonym" or mention["text"] not in firsts or not mention["text"].isalpha() \
                or mention["text"].isupper():
            continue  # ("The U.S. said", "The US said" in an article naming the "U.S. Congress" is the state)
        span = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
        if span is None or len(span) != 1 or span.root.dep_ not in {"nsubj", "nsubjpass", "dobj", "pobj"}:
            continue
        organisation = firsts[mention["text"]]
        entities[organisation]["surface_forms"].add(mention["text"])
        mention["entity"], mention["via"] = organisation, "short name"
    _drop_unused(mentions, entities)


SHORT_REFERENCE_TYPES = frozenset({"Organization", "ArmedForce", "ArmedGroup", "Company"})


def _name_head(name: str) -> str | None:
    """The head word of a body's name of two words or more: its last word, or the last before "of" or
    "for" ("Syrian Observatory for Human Rights" -> "Observatory"); None for a one-word name."""
    words = name.split()
    if len(words) < 2:
        return None
    end = next((i for i, word in enumerate(words) if word in {"of", "for"}), len(words))
    return words[end - 1] if end else None


def _head_word_references(doc: Doc, mentions: list[dict], entities: dict[str, dict]) -> None:
    """"the Observatory", "the Army", "the Party", capitalised: the body last named with that word in
    its name ("the Syrian Observatory for Human Rights ... the head of the Observatory")."""
    # (a one-word mention of the head word itself, "the Observatory" tagged as a person, is replaced)
    replaceable = {m["start"]: m for m in mentions if " " not in m["text"] and m["text"].lower() in BODY_HEAD_WORDS
                   and m["entity"] not in lexicons.gazetteer_index()}
    covered = {i for m in mentions if m["start"] not in replaceable for i in range(m["start"], m["end"])}
    named = sorted(((m["start"], m["entity"], m["text"]) for m in mentions
                    if entities.get(m["entity"], {}).get("type") in SHORT_REFERENCE_TYPES), reverse=True)
    if not named:
        return
    for token in doc:
        if token.lower_ not in BODY_HEAD_WORDS or not token.is_title or token.idx in covered or token.i == 0 \
                or doc[token.i - 1].lower_ != "the":
            continue
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        named_on = token.i + 2 < len(doc) and (doc[token.i + 2].is_title or doc[token.i + 2].lower_ == "the")
        if following is not None and ((following.lower_ in {"of", "for"} and named_on) or following.is_title):
            continue  # "the Council of Europe", "the Army Corps": a name of its own (not "the Guards for a decade")
        key = next((key for start, key, text in named  # (by the name as written: "the Revolutionary Guards")
                    if start < token.idx and token.text in {_name_head(entities[key]["name"]), _name_head(text)}), None)
        if key is None:
            continue
        if token.idx in replaceable:
            mentions.remove(replaceable[token.idx])
        mentions.append({"start": token.idx, "end": token.idx + len(token.text), "text": token.text,
                         "entity": key, "via": "head word"})
    _drop_unused(mentions, entities)


BARE_SERVICE_NAMES = (("Air", "Force"), ("Marine", "Corps"), ("Army",), ("Navy",))


@lru_cache(maxsize=None)
def _national_service(state: str, service: str) -> lexicons.GazetteerEntry | None:
    """The gazetteer's one armed service of a state named with a service's words ("United States" +
    "Army" -> United States Army), or None."""
    found = {entry.key: entry for entry in lexicons.organizations() if entry.type == "ArmedForce"
             and lexicons.home_state(entry.key) == state
             and any(form.lower().endswith(" " + service.lower()) for form in (entry.name, *entry.aliases))}
    return next(iter(found.values())) if len(found) == 1 else None


def _bare_service_references(doc: Doc, mentions: list[dict], entities: dict[str, dict]) -> None:
    """"the Army", "the Navy", capitalised, with no force of that name before: the service of the state
    the article is about (named at least three times, twice as often as any other)."""
    counts = Counter(m["entity"] for m in mentions if entities.get(m["entity"], {}).get("type") == "Country")
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and 2 * ranked[1][1] > ranked[0][1]):
        return
    state = ranked[0][0]
    covered = {i for m in mentions for i in range(m["start"], m["end"])}
    for token in doc[1:]:
        if doc[token.i - 1].lower_ != "the" or token.idx in covered:
            continue
        words = next((w for w in BARE_SERVICE_NAMES if [t.text for t in doc[token.i:token.i + len(w)]] == list(w)), None)
        if words is None:
            continue
        end = token.i + len(words)
        if end < len(doc) and (doc[end].is_title or doc[end].lower_ == "of"):
            continue  # "the Army Corps", "the Navy of Chile": a name of its own
        entry = _national_service(state, " ".join(words))
        if entry is None:
            continue
        record = entities.setdefault(entry.key, {"key": entry.key, "name": entry.name, "type": "ArmedForce",
                                                 "qid": entry.qid, "surface_forms": set(), "country": state})
        record["surface_forms"].add(entry.name)
        span = doc[token.i:end]
        mentions.append({"start": span.start_char, "end": span.end_char, "text": span.text, "entity": entry.key,
                         "via": "reference"})


COMPASS_PAIRS = {"North": "South", "South": "North"}


def _compass_references(doc: Doc, mentions: list[dict], entities: dict[str, dict]) -> None:
    """"the North", "the South" in an article that names both halves of a divided state ("North Korea"
    and "South Korea", "Sudan" and "South Sudan" not: one name must begin with each word): that half."""
    states = {e["name"]: e["key"] for e in entities.values() if e["type"] == "Country"}
    halves = {}
    for name, key in states.items():
        word, _, rest = name.partition(" ")
        if word in COMPASS_PAIRS and rest and f"{COMPASS_PAIRS[word]} {rest}" in states:
            halves[word] = key
    if not halves:
        return
    # (a place the NER made of the word alone gives way)
    replaceable = {m["start"]: m for m in mentions if m["text"] in halves and m["entity"].startswith("loc:")}
    covered = {i for m in mentions if m["start"] not in replaceable for i in range(m["start"], m["end"])}
    for token in doc[1:]:
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if token.text in halves and doc[token.i - 1].lower_ == "the" and token.idx not in covered and \
                not (following is not None and (following.is_title or following.text in {"-", "–"})):
            if token.idx in replaceable:
                mentions.remove(replaceable[token.idx])
            mentions.append({"start": token.idx, "end": token.idx + len(token.text), "text": token.text,
                             "entity": halves[token.text], "via": "reference"})
    _drop_unused(mentions, entities)


CASE_VARIANT_HEADS = frozenset({"group", "party", "company", "movement", "front", "alliance", "corporation"})


def _case_variants(doc: Doc, mentions: list[dict], entities: dict[str, dict]) -> None:
    """"the Tata group" after "the Tata Group": a body's name written again with its head word in lower
    case is the same body (names of two or more words ending in a head word such as "group", "party")."""
    by_first: dict[str, list[tuple[list[str], str]]] = {}
    for key, entity in entities.items():
        words = entity["name"].lower().split()
        if entity["type"] in SHORT_REFERENCE_TYPES and len(words) >= 2 and words[-1] in CASE_VARIANT_HEADS:
            by_first.setdefault(words[0], []).append((words, key))
    if not by_first:
        return
    for token in doc:
        for words, key in by_first.get(token.lower_, ()):
            span = doc[token.i:token.i + len(words)]
            if len(span) != len(words) or [t.lower_ for t in span] != words or not token.is_title:
                continue
            inside = [m for m in mentions if span.start_char <= m["start"] and m["end"] <= span.end_char]
            if any(m["start"] < span.end_char and span.start_char < m["end"] for m in mentions if m not in inside) \
                    or any(m["entity"] == key for m in inside):
                continue  # part of a longer name, or already this body
            for mention in inside:  # ("Tata" read as a person's surname)
                mentions.remove(mention)
            mentions.append({"start": span.start_char, "end": span.end_char, "text": span.text,
                             "entity": key, "via": "case variant"})
    _drop_unused(mentions, entities)


BRACKETS = frozenset({("(", ")"), ("<", ">")})


def _link_acronyms(doc: Doc, mentions: list[dict], entities: dict[str, dict]) -> None:
    """"Government of National Accord (GNA)": later mentions of the acronym are the long form (also a wire
    service's ticker in angle brackets: "The Disney Co's <DIS>")."""
    by_start = {m["start"]: m for m in mentions}
    remap: dict[str, str] = {}
    for mention in mentions:
        long_form = entities.get(mention["entity"])
        if long_form is None or long_form["type"] in {"Person", "Country"}:
            continue
        span = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
        if span is None or span.end + 2 >= len(doc) or (doc[span.end].text, doc[span.end + 2].text) not in BRACKETS:
            continue
        acronym = doc[span.end + 1]
        inner = by_start.get(acronym.idx)
        if not acronym.is_upper or len(acronym) < 2:
            continue
        if inner is not None and inner["entity"] in lexicons.gazetteer_index() and \
                acronym.text != _initials(span.text, capitalised_only=True):
            known = lexicons.gazetteer_index()[inner["entity"]]
            known_words = {w.lower() for name in (known.name, *known.aliases) for w in name.split()}
            if mention["entity"] not in lexicons.gazetteer_index() and \
                    len({w.lower() for w in span.text.split()} & known_words) >= 2:
                remap[mention["entity"]] = inner["entity"]  # "the North China Industries Corporation (NORINCO)":
                # a long form the lexicon does not know, spelling out a known acronym, is that body
            continue  # a known acronym keeps its meaning unless the article spells it out ("Armed Forces of the Philippines (AFP)")
        if inner is not None and inner["entity"] != mention["entity"]:
            remap[inner["entity"]] = mention["entity"]
        elif inner is None:
            remap["acronym:" + acronym.text] = mention["entity"]
        long_form["surface_forms"].add(acronym.text)
    remap.update(_unbracketed_acronyms(entities, remap))
    if not remap:
        return
    for source, target in remap.items():
        if source in entities and target in entities and entities[source]["type"] in {"Organization", "Location",
                                                                                    "Company"}:
            entities[target]["surface_forms"].update(entities.pop(source)["surface_forms"])
    for mention in mentions:
        target = remap.get(mention["entity"]) or remap.get("acronym:" + mention["text"])
        if target and target != mention["entity"] and mention["entity"] not in entities:  # (merged above)
            mention["entity"], mention["via"] = target, "acronym"


FORCE_PHRASES = (("armed", "forces"), ("air", "force"), ("marine", "corps"), ("coast", "guard"),
                 ("national", "guard"), ("special", "forces"), ("defence", "forces"), ("defense", "forces"),
                 ("defence", "force"), ("defense", "force"), ("security", "force"), ("security", "forces"),
                 ("army",), ("navy",), ("marines",), ("military",))


FORCE_NAME_PREFIXES = frozenset({"Royal", "Imperial"})
PORTFOLIO_TITLES = frozenset({"secretary", "minister", "secretaries", "ministers"})


def _national_force(ent: Span) -> tuple[Span, lexicons.GazetteerEntry] | None:
    """"Pakistan Air Force", "Bolivian Army": a state's name or demonym followed by a capitalised
    armed-force noun is that state's armed force (an ArmedForce entity linked to the state)."""
    if ent.label_ not in {LABEL_COUNTRY, LABEL_DEMONYM}:
        return None
    country = lexicons.gazetteer_index().get(ent.ent_id_)
    doc = ent.doc
    after = ent.end + (1 if ent.end < len(doc) and doc[ent.end].tag_ == "POS" else 0)  # "the Philippines' Marine Corps"
    for phrase in FORCE_PHRASES:
        end = after + len(phrase)
        if end > len(doc):
            continue
        tail = doc[after:end]
        if [t.lower_ for t in tail] == list(phrase) and tail[0].is_title and country is not None:
            start = ent.start - 1 if ent.start and doc[ent.start - 1].text in FORCE_NAME_PREFIXES else ent.start
            return doc[start:end], country  # (with its "Royal": "the Royal Australian Air Force")
    return None



CURRENCY_WORDS = frozenset({"$", "dollar", "dollars", "dlr", "dlrs", "cent", "cents"})


def _currency_marker(ent: Span) -> bool:
    """Is a state's name or demonym only marking a currency ("U.S. $7.7 billion", "U.S. dollars")?"""
    if ent.label_ not in {LABEL_COUNTRY, LABEL_DEMONYM}:
        return False
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return following is not None and following.lower_ in CURRENCY_WORDS


STATE_NOUNS = frozenset({"country", "countries", "nation", "nations", "state", "states", "region"})


def _region_adjective(ent: Span) -> bool:
    """Is a demonym that is also a region's adjective describing a state ("the Central African nation":
    a state in central Africa, not the Central African Republic)?"""
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return ent.label_ == LABEL_DEMONYM and following is not None and following.lower_ in STATE_NOUNS and \
        ent.text.lower() in lexicons.region_descriptors()


def _forces_of_states(doc: Doc) -> list[tuple[Span, lexicons.GazetteerEntry]]:
    """"the Armed Forces of the Philippines", "the Army of Niger": a capitalised armed-force noun, "of"
    and a state's name (the NER cuts such names before the state)."""
    found = []
    for ent in doc.ents:
        country = lexicons.gazetteer_index().get(ent.ent_id_) if ent.label_ == LABEL_COUNTRY else None
        if country is None:
            continue
        i = ent.start - 1
        if i >= 0 and doc[i].lower_ == "the":
            i -= 1
        if i < 1 or doc[i].lower_ != "of":
            continue
        for phrase in FORCE_PHRASES:
            start = i - len(phrase)
            tail = doc[start:i] if start >= 0 else None
            if tail is not None and [t.lower_ for t in tail] == list(phrase) and all(t.is_title for t in tail):
                found.append((doc[start:ent.end], country))
                break
    return found


def _realm_after(ent: Span) -> str | None:
    """The realm named right after a regnal name ("Charles III of Spain" -> "Spain"), or None."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].lower_ != "of":
        return None
    realm = doc[ent.end + 1]
    if realm.ent_type_ not in {"GPE", "NKG_COUNTRY", "LOC"} or realm.ent_iob_ != "B":
        return None
    words = [realm]
    for token in doc[realm.i + 1:]:
        if token.ent_iob_ != "I":
            break
        words.append(token)
    return " ".join(t.text for t in words)


def _foreign_force_acronyms(mentions: list[dict], entities: dict[str, dict]) -> None:
    """A lexicon armed force named only by an acronym in an article that never names its state ("PAF" in a
    story on the Philippines is not the Pakistan Air Force) is an organisation known by that acronym only."""
    states = {e["key"] for e in entities.values() if e["type"] == "Country"}
    for key, entity in list(entities.items()):
        entry = lexicons.gazetteer_index().get(key)
        if entry is None or entry.type != "ArmedForce" or not entry.country:
            continue
        state = lexicons.country_by_name().get(lexicons.fold(entry.country))
        own = [m for m in mentions if m["entity"] == key]
        if state is None or state.key in states or not own or not all(
                m["text"].isupper() and " " not in m["text"] for m in own):
            continue
        for mention in own:
            target = "org:" + lexicons.fold(mention["text"])
            entities.setdefault(target, {"key": target, "name": mention["text"], "type": "Organization",
                                         "qid": None, "surface_forms": {mention["text"]}})
            mention["entity"], mention["via"] = target, "acronym"
        del entities[key]


def extract_entities(doc: Doc) -> dict[str, Any]:
    """Resolved entities and mentions of one parsed article.

    Returns ``{"entities": [{key, name, type, qid, surface_forms}], "mentions": [{start, end, text,
    entity, via}]}``, sorted, JSON-serialisable.
    """
    entities: dict[str, dict] = {}
    mentions: list[dict] = []
    covered_until = -1
    forces_of = _forces_of_states(doc)
    for ent in doc.ents:
        if ent.start < covered_until:
            continue
        force_of = next(((span, country) for span, country in forces_of if ent.start < span.end and ent.end > span.start),
                        None)
        force = force_of or _national_force(ent)
        if force is not None:
            span, country = force
            # the force noun: after the state ("Pakistan Air Force") or before "of" ("Armed Forces of Mali")
            words = span[:[t.lower_ for t in span].index("of")] if force_of else \
                span[len(ent) + (1 if span[len(ent)].tag_ == "POS" else 0):]  # (past "'s": "Pakistan's Air Force")
            key = f"force:{country.key}:{lexicons.fold(words.text)}"
            name = _clean_name(span.text if force_of or span[len(ent)].tag_ != "POS" else f"{ent.text} {words.text}")
            known = lexicons.armed_forces_by_name().get((country.key, lexicons.fold(name)))
            if known is not None:  # "Pakistan's Air Force" is the lexicon's Pakistan Air Force
                key, name = known.key, known.name
            record = entities.setdefault(key, {"key": key, "name": name, "type": "ArmedForce", "qid": None,
                                               "surface_forms": set(), "country": country.key})
            record["surface_forms"].update({name, _clean_name(span.text)})  # (also "Panama's National Guard")
            mentions.append({"start": span.start_char, "end": span.end_char, "text": span.text,
                             "entity": key, "via": "force"})
            covered_until = span.end
            continue
        if _currency_marker(ent) or _region_adjective(ent):
            continue  # "(U.S. $7.7 billion)", "500 mln U.S. dlrs": a currency, not the state
        resolved = _classify(ent)
        if resolved is None:
            continue
        key, name, etype, qid, via = resolved
        record = entities.setdefault(key, {"key": key, "name": name, "type": etype, "qid": qid,
                                           "surface_forms": set()})
        state = lexicons.home_state(key) if etype == "ArmedForce" and "country" not in record else None
        if state is not None:  # a lexicon's national force: its state
            record["country"] = state
        if via == "seat":  # "Lisbon" and "the Kremlin" stand for the state but name a city and a building
            record.setdefault("seat_names", set()).add(_clean_name(ent.text))
        else:
            record["surface_forms"].add(_clean_name(ent.text) if etype != "Person" else clean_person_name(ent))
        nickname = _nickname(ent) if etype == "Person" else None
        if nickname is not None:  # 'Mohamed Hamdan "Hemedti" Dagalo' is also Hemedti
            record["surface_forms"].add(nickname[1:-1].text)
        if etype == "Person" and ent[-1].text and ROMAN_NUMERAL.match(ent[-1].text):
            realm = _realm_after(ent)
            if realm:  # "Charles III of Spain" is a name of Charles III too
                record["surface_forms"].add(f"{clean_person_name(ent)} of {realm}")
        mentions.append({"start": ent.start_char, "end": ent.end_char, "text": ent.text,
                         "entity": key, "via": via})
    relatives = _relatives(doc, mentions, entities)
    _merge_people(mentions, entities, relatives)
    _people_mistagged(mentions, entities, relatives)
    _places_mistagged(doc, mentions, entities)
    _people_by_copula(doc, mentions, entities)
    _orgs_mistagged(doc, mentions, entities)
    _link_acronyms(doc, mentions, entities)
    _short_org_names(doc, mentions, entities)
    _head_word_references(doc, mentions, entities)
    _compass_references(doc, mentions, entities)
    _bare_service_references(doc, mentions, entities)
    _case_variants(doc, mentions, entities)
    _foreign_force_acronyms(mentions, entities)
    return {
        "entities": [
            {**e, "surface_forms": sorted(f for f in e["surface_forms"] if f),
             **({"seat_names": sorted(e["seat_names"])} if e.get("seat_names") else {})}
            for e in sorted(entities.values(), key=lambda e: e["key"])
        ],
        "mentions": sorted(mentions, key=lambda m: (m["start"], m["end"])),
    }


def entity_types(records: Iterable[dict]) -> dict[str, str]:
    """Entity key -> type over many entity records (first type seen wins)."""
    types: dict[str, str] = {}
    for record in records:
        for entity in record["entities"]:
            types.setdefault(entity["key"], entity["type"])
    return types


def iter_parsed(articles: Iterable[dict], model_name: str, batch_size: int = 32) -> Iterator[tuple[dict, Doc, dict]]:
    """Parse articles with the newskg spaCy pipeline as a stream: ``(article, doc, entity record)``.

    One ``nlp.pipe`` over the articles in input order; only ``batch_size`` parses are alive at a
    time, so memory does not grow with the number of articles. The entity record is
    ``{"id", "entities", "mentions"}``.
    """
    from pipeline.nlp import get_nlp, model_text

    nlp = get_nlp(model_name)
    for doc, article in nlp.pipe(((model_text(a["text"]), a) for a in articles), batch_size=batch_size,
                                 as_tuples=True):
        doc.user_data["text"] = article["text"]  # evidence is quoted from the article's own text
        yield article, doc, {"id": article["id"], **extract_entities(doc)}


def parse_articles(articles: list[dict], model_name: str, batch_size: int = 32) -> tuple[bytes, list[dict]]:
    """Parse a batch of articles with the newskg spaCy pipeline.

    Returns the parses as DocBin bytes (for :func:`pipeline.relations.map_articles`) and one entity
    record per article (``{"id", "entities", "mentions"}``), in input order. The Luigi pipeline uses
    the streaming :func:`iter_parsed` instead (no stored parses).
    """
    from spacy.tokens import DocBin

    doc_bin = DocBin(store_user_data=False)
    records = []
    for _article, doc, record in iter_parsed(articles, model_name, batch_size):
        doc_bin.add(doc)
        records.append(record)
    return doc_bin.to_bytes(), records
