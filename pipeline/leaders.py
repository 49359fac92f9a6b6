"""leaderOf rules: a person, a leader title or role, and the state or organisation it is of.

The rules read titles over the dependency parse and the token sequence, driven by the title
lexicons in ``lexicons/titles.json`` (leader, non-leader and vice titles, ranks, honorifics,
blocking and non-state modifiers, role and lead verbs). Each person mention is looked at through
these frames:

* a title before the name: "President X", "Y President X", "Y's prime minister X", "Hamas leader
  X", "NATO Secretary General X", "then-President X", "President of Y X", "President X of Y",
  "its founder X";
* an apposition, either way: "X, the leader of Y", "X, Y's prime minister", "the 44th President of
  Y, X", "the head of Y's government, General X", also when the parser hangs X off the verb ("... by
  the supreme leader of Y, X.");
* a copular or career predicate: "X is/was/became the president of Y", "X served as prime minister
  of Y", "X was elected mayor of Z", "X, who served as chairman of Z", "the president of Z is X";
* a lead verb or noun: "Y, led by X", "X leads/heads Y", "Y is under the leadership of X",
  "Y, founded by X" (armed groups and parties);
* an office held: "X's administration", "the presidency of X", "the X military dictatorship", "X
  remains in power", "X ruled for 42 years".

Ministers, deputies, vice presidents, advisers, spokespeople, ambassadors, envoys and officials
are not leaders; ranks ("General", "Brigadier") are neither leader nor blocker. A modifier such
as "rebel", "opposition" or "army" keeps a title from naming the state ("army chief X" does not
lead the country).

A bare "Pope X" leads the Catholic Church when the article names it (``CHURCH_CONFIDENCE``).
A successor ("X succeeded him", "Y was succeeded by X", with no "as <title>") takes the office the
article gives the predecessor, and a predecessor ("his predecessor, X") the office of the one who
came after (``SUCCESSION_CONFIDENCE``).

A bare regional title ("Governor X", "making X premier", "the chief minister") heads a state or
province (a place whose name is a first-level subdivision in ``pycountry``): the only one its
sentence names (0.6), else the only or clearly most-named one in the article (0.55). Premiers and
chief ministers named with no region fall back to the country, as below; governors never do.

A state-head title with no explicit state ("..., Prime Minister X said") is attributed to a
country only from strong evidence, with lower confidence (``FALLBACK_CONFIDENCE``): the state the
same person is given explicitly elsewhere in the article (0.8); a state the article names whose
office of that kind the person held by the office-holders lexicon (``office_holders.json``: heads of
state and government since 1900; 0.75; no guess, so no rival in the sentence rules it out), and none
at all for a holder the lexicon knows when the article names none of his states; the subject of the
clause the person's speech verb governs (0.65); for a former holder, the state another person in the
same sentence now holds the same office of ("sworn in as Y's new president ... former President Z",
0.6); the article's clearly most-mentioned country when the
person's clause (or one governing or coordinated with it) names it (0.6); the only country that
clause names (0.55); and, when the sentence names no country, the article's most-mentioned
country if it is also the last one named (0.5), or, for a holder told only in the past ("King X
died in 1927"), if it is named at least three times and twice as often as any other (0.5). A
person whose administration the article names ("the Trump administration") belongs to the one state
it names an administration after ("the US administration"). A state's possessive on the name of a
person the office-holders lexicon knows as that state's head of state ("Russia's Vladimir Putin",
"Niger's General X") is his office (0.7). A country another person explicitly
leads in the same sentence (unless as the successor of a former holder), or with the same current
title ("leader" matches any), is never inferred.

The analysis runs once per article (cached on the :class:`ArticleContext`), so a title stated in
one sentence informs the others, and it fills ``ctx.leaders`` (person -> led entity) that the
other relation rules use to resolve "the president" and pronouns.
"""
from __future__ import annotations

import re
import weakref
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from pipeline import lexicons
from pipeline.entities import OFFICIAL_NAME_BREAKS, affiliations
from pipeline.infobox import office_boxes
from pipeline.nlp import (LABEL_DEMONYM, LABEL_SEAT, PERSONAL_GROUP_HEADS, SETTLEMENT_NOUNS, in_dateline,
                          office_holder_lists, plural_office)
from pipeline.relations import (
    GENERIC_REFERENCES,
    LEADABLE_TYPES,
    REFLEXIVES,
    ArticleContext,
    Mention,
    _children,
    _leader_group,
    _lemma_in,
    _prep_objects,
    clause_subjects,
    force_state,
    resolve_arg,
)

# Confidence of each frame when the led entity is explicit, and of each fallback for a bare title.
CONFIDENCE = {
    "prefix": 0.9, "appos": 0.9, "copula": 0.85, "role": 0.85, "role_weak": 0.7, "small_clause": 0.8,
    "led_by": 0.8, "lead_verb": 0.75, "founded_by": 0.7, "under": 0.75, "regnal": 0.8,
    "under_title": 0.7, "office_of": 0.8, "election": 0.7, "office_change": 0.8,
}
FALLBACK_CONFIDENCE = {"known": 0.8, "office_holder": 0.75, "appointer": 0.7, "speech": 0.65, "predecessor": 0.6,
                       "sentence_top": 0.6, "sentence_only": 0.55, "article": 0.5, "host": 0.55, "dateline": 0.55,
                       "recent": 0.5, "dominant": 0.5, "region_sentence": 0.6, "region_article": 0.55}
# Each fallback was measured on the dev sets; "recent" (the last country named in the two sentences
# before) brought as many wrong facts as right ones, so it is off.
ENABLED_FALLBACKS = ("known", "office_holder", "appointer", "speech", "predecessor", "sentence_top", "sentence_only",
                     "article", "host", "dateline", "dominant")
CHURCH_CONFIDENCE = 0.7  # "Pope X" in an article that names the Catholic Church
CITY_CONFIDENCE = 0.65  # "mayor X" in a sentence that names one city
COMPANY_CONFIDENCE = 0.7  # "according to CEO X" in a sentence (or article) that names one company
GROUP_CONFIDENCE = 0.6  # "X joined the RPF ...; leader Y died": the one group named before a bare "leader Y"
SUCCESSION_CONFIDENCE = 0.6  # "X succeeded Y" where Y's office is known from the article
PRONOUN_FACTOR = 0.85  # a subject pronoun read as the last person mentioned
LEADER_CONTEXT_THRESHOLD = 0.55  # a leader claim this sure lets "we", "his country" stand for the state
POSSESSIVE = {"'s", "’s", "'", "’"}
PERSONAL_NOUN_TYPES = {"Person"}
PAST_WORDS = {"former", "then", "late", "ex", "outgoing", "erstwhile", "deposed", "ousted", "toppled", "overthrown",
              "exiled", "longtime", "long", "previous", "predecessor", "founding", "first", "last", "onetime"}


@dataclass
class Claim:
    """A person's leader title or role read in one sentence, with the entity led (or None if bare)."""

    person: str
    led: str | None
    confidence: float
    trigger: Token
    sentence_start: int
    title: str
    pattern: str
    state_head: bool
    current: bool = True


@dataclass
class Reading:
    """What a title phrase says: the matched head title, its first token and the led entity."""

    title: str
    trigger: Token
    led: str | None
    bare: bool  # a state-head title with nothing explicit: may be attributed by a fallback
    current: bool = True  # no past marker ("former", "then-", "the second") and not told in the past tense
    factor: float = 1.0  # how sure the led entity is (below 1 when it comes from the article, not the phrase)
    generic: bool = False  # the led state is a reference ("the country's", "its"), not a name


# ---------------------------------------------------------------- lexicon helpers

@lru_cache(maxsize=1)
def _lex() -> dict[str, frozenset[str]]:
    """Title lexicons with hyphens read as spaces."""
    return {k: frozenset(w.replace("-", " ") for w in v) for k, v in lexicons.titles().items()}


@lru_cache(maxsize=1)
def _phrase_kinds() -> dict[tuple[str, ...], str]:
    """Every title phrase (as a word tuple) and its kind; later groups override earlier ones."""
    lex = _lex()
    table: dict[tuple[str, ...], str] = {}
    for kind, group in (("past", "past_markers"), ("leader", "leader_titles"), ("nonleader", "non_leader_titles"),
                        ("vice", "vice_titles"), ("honorific", "honorifics"), ("rank", "ranks")):
        for phrase in lex[group]:
            table[tuple(phrase.split())] = kind
    return table


@lru_cache(maxsize=1)
def _mayor_titles() -> frozenset[str]:
    """Titles of a city's head only ("mayor", "lord mayor"; not "governor", also a region's)."""
    return _lex()["city_titles"] - _lex()["regional_titles"]


def _word(token: Token) -> str:
    return token.lower_.rstrip(".").replace("’", "'")


def _words(tokens: Iterable[Token]) -> list[tuple[Token, str]]:
    """(token, word) pairs, hyphens dropped, so "then-President" reads "then president"."""
    out = []
    vocabulary = _title_vocabulary()
    for token in tokens:
        if token.text in {"-", "–", "—"}:
            continue
        for part in _word(token).replace("-", " ").split():
            if part not in vocabulary and part.endswith("s") and part[:-1] in vocabulary:
                part = part[:-1]  # "ministers", "presidents"
            out.append((token, part))
    return out


@dataclass
class _Match:
    start: int  # index into the word list
    end: int
    phrase: str
    kind: str
    tokens: list[Token]


def _match_titles(tokens: list[Token]) -> list[_Match]:
    """Greedy longest matches of title phrases over a token sequence."""
    pairs = _words(tokens)
    kinds = _phrase_kinds()
    out: list[_Match] = []
    i = 0
    while i < len(pairs):
        for length in (5, 4, 3, 2, 1):
            if i + length > len(pairs):
                continue
            phrase = tuple(w for _, w in pairs[i:i + length])
            kind = kinds.get(phrase)
            if kind:
                toks: list[Token] = []
                for token, _ in pairs[i:i + length]:
                    if token not in toks:
                        toks.append(token)
                out.append(_Match(i, i + length, " ".join(phrase), kind, toks))
                i += length
                break
        else:
            i += 1
    return out


@lru_cache(maxsize=1)
def _title_vocabulary() -> frozenset[str]:
    return frozenset(w for phrase in _phrase_kinds() for w in phrase)


def _is_title_word_text(word: str) -> bool:
    return any(part in _title_vocabulary() for part in word.replace("-", " ").split())


def _is_title_word(token: Token) -> bool:
    return any(part in _title_vocabulary() for part in _word(token).replace("-", " ").split()) if _word(token) else False


# ---------------------------------------------------------------- reading a title phrase

def _of_objects(token: Token) -> list[Token]:
    out = []
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


def _generic_possessor(token: Token) -> bool:
    """"the country's", "the group's": a generic noun used as a possessor."""
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.lower_ in GENERIC_REFERENCES and (token.dep_ == "poss" or (nxt is not None and nxt.text in POSSESSIVE))


@lru_cache(maxsize=1)
def _region_words() -> frozenset[str]:
    """The words of the world regions' adjectives ("west", "african", "gulf", "latin", "american")."""
    return frozenset(w for phrase in lexicons.region_descriptors() for w in phrase.replace("-", " ").split()) | \
        {"west", "east", "north", "south"}


def _from_modifiers(ctx: ArticleContext, tokens: list[Token], allowed: set[str]) -> tuple[str | None, str, Token | None]:
    """Scan a title's modifiers right to left for the entity it is of.

    Returns (key, status, token): status "found", "none" (nothing but function words, past markers
    or state nouns such as "government") or "blocked" (another noun or an unresolved name
    modifies the title: "army chief", "Bourbon King", "his deputy").
    """
    lex = _lex()
    body = False  # an unnamed body was seen ("Board President X"): the title is not bare
    for token in reversed(tokens):
        key = ctx.entity(token)
        if key is not None:
            etype = ctx.type_of(key)
            if ctx.names.get(key, "").lower().startswith(("non-", "non ")) or token.lower_ in {"non", "-"} or \
                    (token.i >= 2 and token.doc[token.i - 1].text == "-" and token.doc[token.i - 2].lower_ == "non"):
                continue  # "the first non-Congress chief minister": not Congress's, read as if unnamed
            previous = token.doc[token.i - 1] if token.i > 0 else None
            if previous is not None and previous.pos_ == "PROPN" and ctx.entity(previous) is None \
                    and not _is_title_word(previous) and previous in tokens:
                return None, "blocked", token  # "the Cafe Peru group": a name we do not know
            if etype in allowed:
                return key, "found", token
            return None, "blocked", token
        word = _word(token)
        if token.is_punct or token.dep_ == "case" or word in POSSESSIVE or token.pos_ == "DET":
            continue
        if token.pos_ == "PRON":
            if word in {"its", "their"}:
                key = _possessive_antecedent(ctx, token, allowed)
                return (key, "found", token) if key else (None, "blocked", token)
            return None, "blocked", token  # "his deputy", "her prime minister": relative to another person
        if word in PLACE_NOUNS and (token.dep_ == "poss" or token.doc[min(token.i + 1, len(token.doc) - 1)].text in POSSESSIVE):
            key = _last_place(ctx, token.i, PLACE_NOUNS[word] & allowed)  # "the state's governor"
            return (key, "found", token) if key else (None, "blocked", token)
        if _generic_possessor(token):
            key, _ = resolve_arg(ctx, token, allowed)
            return (key, "found", token) if key else (None, "blocked", token)
        if word in lex["state_body_nouns"]:
            continue
        if word in lex["pass_through_nouns"]:
            body = True
            continue
        if _is_title_word(token) or token.like_num or token.ent_type_ in {"ORDINAL", "DATE", "CARDINAL"}:
            continue
        if token.pos_ in {"ADP", "CCONJ", "PART", "SCONJ", "AUX"}:
            continue
        if token.pos_ in {"ADJ", "ADV", "NUM", "VERB"} and not token.text[:1].isupper():
            continue
        if token.pos_ == "NOUN" and token.text[:1].islower() and word not in lex["non_state_modifiers"]:
            continue  # "the absolutist King X"
        if word in _region_words():
            continue  # "this West African country": the region's adjective, the state read from "country"
        if token.pos_ == "ADJ" and token.ent_type_ == "NORP":
            body = True  # "Lebanese Sunni Prime Minister X": a faith's or people's adjective, when a state is named
            continue  # before it (alone, "Kurdish leader X" is no state's)
        return None, "blocked", token
    return (None, "blocked", None) if body else (None, "none", None)


MINISTERIAL = {"minister", "secretary", "cabinet secretary", "attorney general", "chief of staff", "adviser", "advisor",
               "ambassador", "envoy", "aide", "spokesman", "spokeswoman", "spokesperson", "official", "officials"}
PLACE_NOUNS = {"state": {"Location", "Country"}, "province": {"Location"}, "region": {"Location"},
               "city": {"Location"}, "territory": {"Location", "Country"}, "island": {"Location", "Country"}}


def _last_place(ctx: ArticleContext, position: int, types: set[str]) -> str | None:
    """The last place of the given types named before a token ("the state's" after "Madhya Pradesh"),
    not counting names inside longer names ("the Indian National Congress")."""
    for start, end, key in reversed(ctx.mentions):
        if start < position and ctx.types.get(key) in types and not _embedded(ctx, ctx.doc[start:end], key):
            return key
    return None


def _possessive_antecedent(ctx: ArticleContext, token: Token, allowed: set[str]) -> str | None:
    """What "its"/"their" stands for: the noun the title phrase is coordinated or apposed with
    ("Hamas and its leader X"), else the last organisation or state mentioned."""
    noun = token.head
    if noun.dep_ in {"conj", "appos"} and noun.head.pos_ in {"NOUN", "PROPN"}:
        key = ctx.entity(noun.head)
        return key if key and ctx.type_of(key) in allowed else None
    key, _ = resolve_arg(ctx, token, allowed)
    if key is not None and token.lower_ == "its":
        named = max((start for start, _end, k in ctx.mentions if k == key and start < token.i), default=-1)
        if any(t.pos_ == "NOUN" and t.lemma_.lower() in UNNAMED_BODY_NOUNS and ctx.entity(t) is None and
               not any(ctx.entity(c) == key for c in t.subtree) and ctx.entity(t.head) != key
               for t in token.doc[max(named + 1, token.sent.start):token.i]):
            # (in the same sentence; not "the Islamic State (IS) extremist group ... its leader")
            return None  # "began his career at Salomon Brothers before forming his company ... became its
            # Chairman": the body named last is not the one "its" stands for
    return key


UNNAMED_BODY_NOUNS = frozenset({"company", "firm", "startup", "party", "organisation", "organization",
                                "movement", "bank", "fund", "network", "newspaper", "group"})
STATE_WORDS = frozenset({"country", "nation", "state", "republic", "kingdom"})


def _of_chain(ctx: ArticleContext, objects: list[Token], allowed: set[str], depth: int = 3
              ) -> tuple[str | None, str, Token | None]:
    """The entity an "of" phrase names: "of Y", "of Y's government", "of the board of Z"."""
    lex = _lex()
    for pobj in objects:
        inner = _of_objects(pobj)
        key = ctx.entity(pobj)
        if key is not None and ctx.type_of(key) == "Country" and any(
                c.dep_ == "amod" and c.lower_ in COMPASS_WORDS for c in pobj.children):
            return None, "blocked", pobj  # "the ruler of eastern Libya": a part of the state, not the state
        if key is not None:
            if ctx.type_of(key) in allowed:
                return key, "found", pobj
            return None, "blocked", pobj
        word = _word(pobj)
        if inner and depth and (word in lex["state_body_nouns"] or word in lex["pass_through_nouns"]
                                or word in SETTLEMENT_NOUNS):
            # "the state of Y", "the board of Z", "the City of Manila"; a chief of staff leads a force, not a state
            key, status, token = _of_chain(ctx, inner, allowed - {"Country"} if word == "staff" else allowed, depth - 1)
            if status != "none":
                return key, status, token
        if key is None and pobj.pos_ == "PROPN" and pobj.lower_ in UNIT_WORDS and "Organization" in allowed:
            first = min((t for t in pobj.subtree if t.i <= pobj.i and t.dep_ != "det"), key=lambda t: t.i)
            name = pobj.doc[first.i:pobj.i + 1].text  # "commander of U.S. 6th Fleet": a named formation
            if len(name.split()) > 1:
                return ctx.add_entity("org:" + lexicons.fold(name), name, "Organization"), "found", pobj
        named = next((ctx.entity(c) for c in pobj.children if c.dep_ == "appos" and ctx.entity(c) and
                      ctx.type_of(ctx.entity(c)) in allowed - {"Country"}), None)
        if named is not None and pobj.pos_ == "NOUN":  # "of the Yugoslav military, the Yugoslav People's Army"
            return named, "found", pobj
        service = _service_noun(pobj)
        if service is not None:  # "commander of the Bolivian army": the state's army, not the state
            force = _state_service(ctx, pobj, service)
            if force is not None and "ArmedForce" in allowed:
                return force, "found", pobj
            return None, "blocked", pobj
        if pobj.pos_ == "NOUN" and word not in lex["state_body_nouns"] | lex["pass_through_nouns"]:
            for child in pobj.children:  # "the Force Ouvriere union", "the MAPAR party"
                key = ctx.entity(child)
                if child.dep_ in {"compound", "nmod"} and key and ctx.type_of(key) in allowed - {"Country"}:
                    return key, "found", child
            if (word in GENERIC_REFERENCES or word in PLACE_NOUNS) and any(
                    ctx.entity(c) for c in pobj.children if c.dep_ == "poss") and word not in STATE_WORDS:
                return None, "blocked", pobj  # "head of Hezbollah's parliamentary bloc": a part of it, not it
            if word in GENERIC_REFERENCES or word in PLACE_NOUNS:
                key, _ = resolve_arg(ctx, pobj, allowed)
                return (key, "found", pobj) if key else (None, "blocked", pobj)
            return None, "blocked", pobj  # "chief of the ministry's budget department"
        name = pobj.doc[pobj.i + 1] if pobj.i + 1 < len(pobj.doc) else None
        key = ctx.entity(name) if name is not None and pobj.pos_ == "NOUN" else None
        if key and ctx.type_of(key) in allowed - {"Country"}:
            return key, "found", name  # "the Lebanese party Hezbollah" (however parsed): the name, not the demonym
        left = [t for t in pobj.subtree if t.i <= pobj.i]
        key, status, token = _from_modifiers(ctx, left, allowed)
        if status == "blocked" and word == "staff":
            return None, "none", None  # "Chief of Army Staff": the force, if any, is read on
        if status != "none":
            return key, status, token
        key, _ = resolve_arg(ctx, pobj, allowed)
        if key:
            return key, "found", pobj
        if word in lex["state_body_nouns"] or word == "staff":
            return None, "none", None  # "head of government", "Chief of Army Staff"
        return None, "blocked", pobj
    return None, "none", None


def _capital_city(ctx: ArticleContext, country: str, token: Token) -> str | None:
    """The capital city a seat mention names literally ("Warsaw"; not "the Kremlin"), as a Location."""
    entry = lexicons.gazetteer_index().get(country)
    capital = entry.extra.get("capital") if entry else None
    mention = next((ctx.doc[s:e] for s, e, k in ctx.mentions if s <= token.i < e), None)
    if not capital or mention is None or lexicons.fold(mention.text) != lexicons.fold(capital):
        return None
    return ctx.add_entity("loc:" + lexicons.fold(capital), capital, "Location")


def _read(ctx: ArticleContext, tokens: list[Token], of_objects: list[Token], of_linear: list[Token],
          person_of: list[Token]) -> Reading | None:
    """Read a title phrase ending with its head title (then only ranks or honorifics).

    ``of_objects`` are parsed objects of an "of" after the title, ``of_linear`` the tokens of one
    read linearly ("President of Pakistan X"), ``person_of`` the tokens after "X of".
    """
    lex = _lex()
    matches = _match_titles(tokens)
    heads = [m for m in matches if m.kind in {"leader", "nonleader", "vice"}]
    if not heads:
        return None
    head = heads[-1]
    military_head = head.phrase in lex["military_head_titles"]  # "IDF chief of staff X" leads the IDF
    if head.kind != "leader" and not military_head:
        return None
    last = head.tokens[-1]
    trailing = tokens[tokens.index(last) + 1:]
    if trailing and trailing[0].lower_ == "and" and not any(_is_title_word(t) or ctx.entity(t) for t in trailing):
        tokens = tokens[:tokens.index(last) + 1]  # "Costa Rican President and Nobel laureate X": a second role
        trailing = []
    for token in trailing:
        if token.is_punct or token.pos_ == "DET" or _is_title_word(token):
            continue
        return None  # "the president's wife X": the title belongs to someone else
    before = tokens[:tokens.index(head.tokens[0])]
    cut = max((i for i, t in enumerate(before) if t.lower_ == "of"), default=-1)
    if cut > 0 and before[cut - 1].pos_ == "PROPN" and not _is_title_word(before[cut - 1]) and \
            (ctx.entity(before[cut - 1]) is None or cut + 1 >= len(before) or
             ctx.entity(before[cut - 1]) != ctx.entity(before[cut + 1])):
        return None  # "Bank of Japan Governor X": the title is of the whole name
    before = before[cut + 1:]
    before_words = [w for t, w in _words(before) if ctx.entity(t) is None]
    if any(m.kind == "vice" for m in matches if m.tokens[0] in before):
        return None
    # "opposition Green party leader X": "opposition" before the body's name is the body's, not the title's
    # (but "Assistant House Republican Leader X" is still an assistant)
    body = next((t for t in before if ctx.type_of(ctx.entity(t)) in ORG_LEADABLE_TYPES), None)
    title_words = [w for t, w in _words(before) if ctx.entity(t) is None
                   and not (w == "opposition" and body is not None and t.i < body.i)]
    if any(w in lex["blocking_modifiers"] for w in title_words) or \
            any(" ".join(p) in lex["blocking_modifiers"] for p in pairwise(title_words)):
        return None
    title = head.phrase
    if title in SERVICE_HEAD_TITLES:
        reading = _service_chief(ctx, before, head)
        if reading is not None:
            return reading
    non_state = any(w in lex["non_state_modifiers"] for w in before_words)
    if title in {"leader", "ruler"} and not military_head and any(t.dep_ == "poss" for t in before) and \
            [w for w in before_words if w in lex["non_state_modifiers"]] == ["military"]:
        non_state = False  # "Burkina Faso's military leader X": the junta's head leads the state (not "the
        # Russian military leader X", a general)
    current = not any(w in PAST_WORDS or (t.ent_type_ == "ORDINAL") for t, w in _words(before))
    allowed = set(LEADABLE_TYPES)
    if non_state:
        allowed.discard("Country")
        if any(w in lex["non_state_modifiers"] and w not in lex["regional_modifiers"] for w in before_words):
            allowed.discard("Location")  # "Senate Republican Leader X of Kansas": his home state, not his office's
    if title in lex["founder_titles"]:
        allowed &= {"ArmedGroup", "Organization", "Location", "Country"}  # (a place only if a realm: ``_party_like``)
    if military_head:  # a state named here means its armed forces ("Pakistan's Chief of Army Staff X")
        allowed &= {"ArmedForce", "ArmedGroup", "Country"}
    key, status, token = None, "none", None
    via_modifier = False
    if person_of:
        key, status, token = _from_modifiers(ctx, person_of, allowed)
        if status != "found":
            key, status, token = None, "none", None
    if status == "none" and of_objects:
        key, status, token = _of_chain(ctx, of_objects, allowed)
    if status == "none" and of_linear:
        key, status, token = _from_modifiers(ctx, of_linear, allowed)
    if status == "none":
        key, status, token = _from_modifiers(ctx, before, allowed)
        via_modifier = status == "found"
    if status == "found" and key is not None and military_head and ctx.type_of(key) == "Country":
        if not MILITARY_STAFF_WORDS & set(title.split()):
            return None  # "White House chief of staff X": a civil chief of staff, no armed force
        key = ctx.add_force(key, _staff_service(title))
        status = "found" if key else "none"
    if status == "none" and military_head and MILITARY_STAFF_WORDS & set(title.split()):
        # "the Chief of the Army Staff, X" in a story that names one army: its chief
        service = next((w for w in ("army", "navy", "air") if w in title.replace("naval", "navy").split()), None)
        forces = {k for _s, _e, k in ctx.mentions if ctx.type_of(k) == "ArmedForce"
                  and (service is None or service in ctx.names.get(k, "").lower().split())}
        if len(forces) == 1:
            return Reading(title, head.tokens[0], forces.pop(), False, current, GROUP_FACTOR)
    if status == "found" and key is not None and ctx.names.get(key, "").lower() in STATELESS_FORCE_NAMES:
        # "Chief of Defence Forces, Gen X": the one force of that name the article names ("Kenya Defence Forces")
        named = {k for _s, _e, k in ctx.mentions if ctx.type_of(k) == "ArmedForce" and k != key
                 and ctx.names.get(k, "").lower().endswith(ctx.names[key].lower())}
        return Reading(title, head.tokens[0], named.pop(), False, current, GROUP_FACTOR) if len(named) == 1 else None
    if status == "found" and key is not None and token is not None:
        etype = ctx.type_of(key)
        if etype == "Country" and title in lex["org_only_titles"] and via_modifier:
            return None  # "Russian commander X", "Ukraine's commander-in-chief X" do not lead the state
        if etype == "Country" and token.ent_type_ == LABEL_SEAT and (title in lex["city_titles"] or not via_modifier):
            # "Moscow mayor X", "the president of Warsaw X": the capital city, not the state
            city = _capital_city(ctx, key, token)
            return Reading(title, head.tokens[0], city, False, current) if city else None
        if etype == "Country" and title in _mayor_titles():
            return None  # "the city's first Italian American mayor": a mayor leads a city, never a state
        if (title in lex["founder_titles"] or title in lex["party_only_titles"]) and not _party_like(ctx, key):
            return None  # (an embassy's "first secretary" is a diplomat; a party's leads it)
        generic = ctx.entity(token) is None and (token.lower_ in STATE_WORDS or token.pos_ == "PRON")
        return Reading(title, head.tokens[0], key, False, current, generic=generic)  # ("the country's president")
    if status == "none" and title in lex["regional_titles"] and title not in lex["state_head_titles"] and \
            not military_head and all(w in lex["regional_modifiers"] for w in before_words
                                      if w in lex["non_state_modifiers"]):
        return Reading(title, head.tokens[0], None, True, current)  # "Governor X": the region, if the article names one
    if status == "none" and title in lex["church_titles"]:
        return Reading(title, head.tokens[0], None, True, current)  # "Pope X": the church, if the article names it
    if status == "none" and title in _mayor_titles() and not non_state:
        return Reading(title, head.tokens[0], None, True, current)  # "mayor X": the city its sentence names
    if status == "none" and title in lex["company_head_titles"] and \
            all(w in PAST_WORDS or w in {"the", "its", "current", "new"} for w in before_words):
        return Reading(title, head.tokens[0], None, True, current)  # "CEO X": the company, if one is named
    if status != "found" and title in {"leader", "chief", "commander", "head"} and \
            any(w in ARMED_GROUP_WORDS for w in before_words):
        group = _only_armed_group(ctx)  # "militia leader X" in a story about one armed group: its leader
        return Reading(title, head.tokens[0], group, False, current, GROUP_FACTOR) if group else None
    name = head.tokens[-1].head
    if status == "none" and title in PARTY_SECRETARY_TITLES and not person_of and name.dep_ == "pobj" and \
            name.head.lower_ in {"including", "among"}:
        # "the leadership of the Communist Party, including General Secretary X": the party the phrase names
        group = name.head.head
        parties = {k for t in group.subtree if t.i < name.head.i for k in [ctx.entity(t)]
                   if k and ctx.type_of(k) == "Organization" and _party_like(ctx, k)}
        if len(parties) == 1:
            return Reading(title, head.tokens[0], parties.pop(), False, current, GROUP_FACTOR)
    corporate = [m for c in head.tokens[-1].conjuncts for m in _match_titles(list(c.subtree))
                 if m.phrase in lex["company_head_titles"]]
    if status == "none" and title in lex["state_head_titles"] and corporate:
        # "X is the current president and chief executive officer": a company's head, if one is named
        return Reading(corporate[0].phrase, head.tokens[0], None, True, current)
    if status == "none" and title in lex["state_head_titles"] and not non_state and not military_head:
        if title == "leader" and any(w not in PAST_WORDS and w not in {"the", "a", "current", "new", "acting", "interim"}
                                     and not _is_title_word_text(w) for w in before_words):
            return None  # "jailed nationalist leader X", "a trade union leader": not the state's leader
        return Reading(title, head.tokens[0], None, True, current)
    return None


PARTY_SECRETARY_TITLES = frozenset({"general secretary", "secretary general", "first secretary"})
MILITARY_STAFF_WORDS = frozenset({"army", "general", "defence", "defense", "armed", "air", "naval"})
STAFF_SERVICES = {"army": "Army", "air": "Air Force", "naval": "Navy"}  # whose staff a chief of staff heads
SERVICE_HEAD_TITLES = frozenset({"chief", "commander", "head", "boss", "commander-in-chief", "commander in chief"})
SERVICES = {"army": "Army", "navy": "Navy", "air force": "Air Force", "military": "Armed Forces",
            "armed forces": "Armed Forces"}
SERVICE_WORDS = frozenset(w for pair in SERVICES for w in pair.split())
TOP_COUNTRY_FACTOR = 0.7  # "army chief X" in an article mostly about one state: that state's army


ARMED_GROUP_WORDS = frozenset({"militia", "rebel", "insurgent", "jihadist", "guerrilla", "militant"})
GROUP_FACTOR = 0.8  # the group is the article's, not the phrase's


def _only_armed_group(ctx: ArticleContext) -> str | None:
    """The one armed group an article names (none if it names several)."""
    groups = {k for _s, _e, k in ctx.mentions if ctx.type_of(k) == "ArmedGroup"}
    return next(iter(groups)) if len(groups) == 1 else None


def _staff_service(title: str) -> str:
    """The armed service a chief of staff's title names ("Chief of the Air Staff": the Air Force)."""
    return next((STAFF_SERVICES[w] for w in title.split() if w in STAFF_SERVICES), "Armed Forces")


def _service_chief(ctx: ArticleContext, before: list[Token], head: _Match) -> Reading | None:
    """"army chief X", "Pakistan's army chief X", "the country's navy commander X": X leads the
    state's army (an ArmedForce named "<demonym> Army"), never the state itself. The state comes from
    the phrase or, failing that, from the article when one state dominates it (named twice as often
    as any other)."""
    words = [(t, w) for t, w in _words(before) if ctx.entity(t) is None or ctx.type_of(ctx.entity(t)) == "Country"]
    service = None
    for index, (token, word) in enumerate(words):
        pair = f"{word} {words[index + 1][1]}" if index + 1 < len(words) else ""
        if pair in SERVICES:
            service = pair
        elif word in SERVICES and ctx.entity(token) is None:
            service = word
    if service is None:
        return None
    if any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in head.tokens[-1].children):
        return None  # "a Mozambican military commander": one of its commanders, not its head
    state, factor = _named_state(ctx, reversed(before)), 1.0
    if state is None:  # the one such service the article names ("the Sri Lanka Army"), else its clear state's
        named = {k for _s, _e, k in ctx.mentions if ctx.type_of(k) == "ArmedForce"
                 and set(SERVICES[service].lower().split()) <= set(ctx.names.get(k, "").lower().split())}
        if len(named) == 1:
            return Reading(head.phrase, head.tokens[0], named.pop(), False, True, TOP_COUNTRY_FACTOR)
        state = _dominant(Counter(k for _s, _e, k in ctx.mentions if ctx.type_of(k) == "Country"))
        factor = TOP_COUNTRY_FACTOR
    if state is None:
        return None
    force = ctx.add_force(state, SERVICES[service])
    return Reading(head.phrase, head.tokens[0], force, False, True, factor) if force else None


def _service_noun(noun: Token) -> str | None:
    """The armed service a lower-case noun names ("army", "navy", "air force", "armed forces"), or None."""
    word = _word(noun)
    if noun.pos_ != "NOUN" or not noun.text.islower():
        return None
    modifiers = {_word(c) for c in noun.lefts if c.dep_ in {"compound", "amod"}}
    for pair, service in SERVICES.items():
        parts = pair.split()
        if len(parts) == 2 and parts[1] in {word, word.rstrip("s")} and parts[0] in modifiers:
            return pair
    return word if word in SERVICES else None


def _named_state(ctx: ArticleContext, tokens: Iterable[Token]) -> str | None:
    """The first of ``tokens`` that names a state, directly or as "the country's"."""
    for token in tokens:
        key = ctx.entity(token)
        if key and ctx.type_of(key) == "Country":
            return key
        if _generic_possessor(token):
            return resolve_arg(ctx, token, {"Country"})[0]
    return None


def _state_service(ctx: ArticleContext, noun: Token, service: str) -> str | None:
    """"the Bolivian army", "Pakistan's navy", "the country's air force": that state's armed service.
    A bare "the army" is the army of the state the article is clearly about (named twice as often as
    any other), if it is."""
    state = _named_state(ctx, reversed(list(noun.lefts)))
    if state is None and _bare_definite(noun):
        state = _dominant(Counter(k for _s, _e, k in ctx.mentions if ctx.type_of(k) == "Country"))
    return ctx.add_force(state, SERVICES[service]) if state else None


def _bare_definite(noun: Token) -> bool:
    """Is the noun phrase just "the" and the noun ("the army", "the armed forces"), no other modifier?"""
    lefts = [c for c in noun.lefts if not (c.dep_ in {"compound", "amod"} and _word(c) in SERVICE_WORDS)]
    return len(lefts) == 1 and lefts[0].lower_ == "the"


def _party_like(ctx: ArticleContext, key: str) -> bool:
    """Founders lead armed groups and parties or movements, not companies or charities.

    An organisation is party-like when its name or a noun the article gives it says so ("the MAPAR
    party", "X is a political party", "the militia X").
    """
    if ctx.type_of(key) == "ArmedGroup":
        return True
    if ctx.type_of(key) in {"Location", "Country"}:  # "the founder of the Timurid Empire": a realm's first ruler
        return ctx.names.get(key, "").lower().rpartition(" ")[2] in _lex()["realm_nouns"]
    heads = _lex()["founded_heads"]
    if any(w in heads for w in ctx.names.get(key, "").lower().split()):
        return True
    for start, end, other in ctx.mentions:
        if other != key:
            continue
        root = ctx.doc[start:end].root
        nouns = [root.head] if root.dep_ in {"compound", "appos", "nmod"} else []
        nouns += _children(root, {"appos"})
        if root.dep_ == "nsubj" and root.head.lemma_.lower() in _lex()["copular_verbs"]:
            nouns += _children(root.head, {"attr"})
        if any(_word(n) in heads for n in nouns):
            return True
    return False


ONE_OF_MANY_TITLES = frozenset({"commander", "officer", "commanding officer"})


def _np_reading(ctx: ArticleContext, noun: Token, person: Span) -> Reading | None:
    """Read a title noun phrase headed by ``noun`` (apposition or predicate nominal).

    The person's own phrase is not part of it, even where the parser hangs it inside: in "making
    Labor leader X premier" the premiership is not Labor's."""
    own = {t.i for t in person.root.subtree} if noun in person.root.ancestors else set(range(person.start, person.end))
    left = [t for t in noun.subtree if t.i <= noun.i and t.i not in own and t.lower_ not in REFLEXIVES]
    start = 0
    for i, token in enumerate(left):
        if token.text in {",", "(", ")", ";", ":", "\"", "“", "”"}:
            start = i + 1
    left = left[start:]
    if not left or left[-1] != noun:
        return None
    of_objects = _of_objects(noun)
    doc = noun.doc
    if noun.i + 2 < len(doc) and doc[noun.i + 1].text == "-" and doc[noun.i + 2].head == noun and \
            _phrase_kinds().get((_word(noun), _word(doc[noun.i + 2]))):
        tail = doc[noun.i + 2]  # "secretary" + "-" + "general": one title the tokenizer split
        left = left + [doc[noun.i + 1], tail]
        of_objects = _of_objects(tail) or of_objects
    elif noun.i + 2 < len(doc) and doc[noun.i + 1].lower_ == "in" and doc[noun.i + 2].lower_ == "chief" and \
            doc[noun.i + 2].head == doc[noun.i + 1] and doc[noun.i + 1].head == noun:
        left = left + [doc[noun.i + 1], doc[noun.i + 2]]  # "commander in chief of Y": the "of" hangs on "chief"
        of_objects = _of_objects(doc[noun.i + 2]) or of_objects
    titles = _match_titles(left)
    if titles and titles[-1].tokens[-1] == noun and titles[-1].phrase in ONE_OF_MANY_TITLES and noun.dep_ == "appos" \
            and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children):
        return None  # "X, a National Guard commander in Juarez": one of its commanders, not its head
    if not of_objects and titles and titles[-1].tokens[-1] == noun and titles[-1].phrase in _lex()["org_only_titles"]:
        # "chief executive at Rheinmetall"
        of_objects = [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "at" for o in _children(p, {"pobj"})
                      if o.pos_ == "PROPN"]
    if len(of_objects) == 1 and of_objects[0].i == noun.i + 2 and \
            _phrase_kinds().get((_word(noun), "of", _word(of_objects[0]))) == "leader":
        # "Australia's head of state", "the head of state of Australia": the "of" is the title's own
        left, of_objects = left + [noun.doc[of_objects[0].i - 1], of_objects[0]], _of_objects(of_objects[0])
    if not of_objects and noun.dep_ == "conj":  # "chairman and leader of Y": the "of" phrase is shared
        of_objects = [o for o in _of_objects(noun.head) if o.i > noun.i]
    return _read(ctx, left, of_objects, [], [])


# ---------------------------------------------------------------- frames

def _name_start(span: Span) -> int:
    """Index of the first token of the name proper (NER spans may include a leading title).

    After an official's title a title word begins the name ("foreign minister Shah Karim Wardak")."""
    i = span.start
    if i > 0 and span.doc[i - 1].lower_ in OFFICIAL_NAME_BREAKS:
        return i
    while i < span.end - 1 and (_is_title_word(span.doc[i]) or span.doc[i].text in {"-", "."}):
        i += 1
    return i


def _prefix_zone(ctx: ArticleContext, span: Span) -> list[Token]:
    """Tokens before the name that may form its title ("Ukraine's then-President", "Hamas leader")."""
    doc = span.doc
    sent = span.sent
    zone: list[Token] = [doc[i] for i in range(span.start, _name_start(span))]
    i = span.start - 1
    while i >= sent.start and len(zone) < 14:
        token = doc[i]
        if token.text == "]":  # a bracketed insertion: "President [Gustavo] Petro"
            j = i
            while j > sent.start and doc[j].text != "[":
                j -= 1
            i = j - 1
            continue
        key = ctx.entity(token)
        if key is not None:
            if ctx.type_of(key) == "Person":
                break
            zone.insert(0, token)
            i -= 1
            continue
        word = _word(token)
        if token.text == ")" and zone and i >= sent.start + 2 and doc[i - 2].text == "(" and ctx.entity(doc[i - 1]) \
                and len([m for m in _match_titles(zone) if m.kind in {"leader", "nonleader", "vice"}]) == 1:
            zone.insert(0, doc[i - 1])  # "Rapid Support Forces (RSF) commander X": the bracketed name is what X leads
            break
        if token.text in {")", "]"} and zone:
            return []  # "Acme Bank (a lender) president X": no title to read
        if token.text == "," and zone and i > sent.start:
            before_comma = doc[i - 1]
            owner = ctx.type_of(ctx.entity(before_comma))
            if owner in {"Organization", "Company"} or (owner is None and before_comma.pos_ == "PROPN"
                                                         and before_comma.text.isupper() and len(before_comma) > 1):
                return []  # "Brazilian Coffee Institute, IBC, President X"
        if token.is_punct and (token.text != "-" or token.whitespace_ or doc[i - 1].whitespace_):
            break  # a hyphen joins "then-President"; a spaced dash ends a dateline ("WARSAW - President X")
        if token.lower_ == "and" and i > sent.start and _is_title_word(doc[i - 1]) and zone and \
                not any(_is_title_word(t) or ctx.entity(t) for t in zone):
            zone.insert(0, token)  # "President and Nobel laureate X": the role after "and" is a second one
            i -= 1
            continue
        if token.pos_ in {"VERB", "AUX", "CCONJ", "SCONJ", "INTJ"} and not _is_title_word(token) \
                and not (token.dep_ == "amod" and token.tag_ in {"VBN", "VBG"}):
            break  # a participle modifying the title stays in ("Ethiopia's embattled Prime Minister")
        if token.pos_ == "ADP" and word != "of" and not (
                word == "in" and i > sent.start and doc[i - 1].lower_ == "commander" and doc[i + 1].lower_ == "chief"):
            break  # (the "in" of "Commander in Chief" stays)
        if token.pos_ == "PRON" and word not in {"its", "their"}:
            break
        if token.pos_ == "DET" and word not in {"the"}:
            break
        zone.insert(0, token)
        i -= 1
    return zone


VESSEL_WORDS = frozenset({"carrier", "ship", "warship", "vessel", "frigate", "destroyer", "cruiser", "submarine",
                          "corvette", "yacht", "liner", "hms", "uss", "ins", "hmas", "hmcs", "hmnzs"})


def _prefix_reading(ctx: ArticleContext, span: Span) -> Reading | None:
    zone = _prefix_zone(ctx, span)
    if not zone or (zone[-1].lower_ == "of" and zone[-1].i == span.start - 1):
        return None  # ("the Malian leader of" + a name: the name is what is led, not who leads)
    matches = _match_titles(zone)
    heads = [m for m in matches if m.kind in {"leader", "nonleader", "vice"}]
    if not heads:
        return None
    head = heads[-1]
    if _plural_word(head.tokens[-1]) and len(_states_before(ctx, zone, head)) > 1:
        return None  # "Russian and Chinese Presidents X and Y": each its own state (``_plural_title_list``)
    first = min(t.i for m in matches for t in m.tokens)
    if first > 0 and span.doc[first - 1].lower_ in VESSEL_WORDS:
        return None  # "the aircraft carrier Queen Elizabeth", "HMS Prince of Wales": a ship's name
    end = zone.index(head.tokens[-1]) + 1
    rest = zone[end:]
    of_linear = _linear_of(ctx, rest)
    if rest and rest[0].lower_ == "of":
        rest = []
    doc = span.doc
    person_of: list[Token] = []
    j = span.end
    if j + 1 < span.sent.end and doc[j].lower_ == "of":
        j += 1
        if doc[j].lower_ == "the" and j + 1 < span.sent.end:
            j += 1
        first = ctx.entity(doc[j])
        while first is not None and j < span.sent.end and ctx.entity(doc[j]) == first:
            person_of.append(doc[j])
            j += 1
    return _read(ctx, zone[:end] + rest, [], of_linear, person_of)


LISTED_TITLE_FACTOR = 0.85


def _plural_word(token: Token) -> bool:
    """A title word written in the plural ("Presidents", "Ministers")."""
    word = _word(token)
    return word.endswith("s") and word not in _title_vocabulary() and word[:-1] in _title_vocabulary()


def _states_before(ctx: ArticleContext, zone: list[Token], head: _Match) -> list[str]:
    """The distinct states named in a title phrase before its head title, in order."""
    states: list[str] = []
    for token in zone:
        key = ctx.entity(token)
        if token.i < head.tokens[0].i and ctx.type_of(key) == "Country" and key not in states:
            states.append(key)
    position = zone[0].i - 1 if states and zone[0].i == min(t.i for t in zone if ctx.entity(t) == states[0]) else -1
    while position > 0 and _list_separator(ctx.doc, position):  # "Russian and Chinese Presidents": both states
        position -= _list_separator(ctx.doc, position)
        key = ctx.entity(ctx.doc[position])
        if ctx.type_of(key) != "Country" or key in states:
            break
        states.insert(0, key)
        while position >= 0 and ctx.entity(ctx.doc[position]) == key:
            position -= 1
    return states


def _person_ending(ctx: ArticleContext, end: int) -> Span | None:
    """The person mention that ends right before token ``end``, if any."""
    for start, stop, key in ctx.mentions:
        if stop == end and ctx.type_of(key) == "Person":
            return ctx.doc[start:stop]
    return None


def _person_starting(ctx: ArticleContext, start: int) -> Span | None:
    """The person mention that starts at token ``start``, if any."""
    for begin, stop, key in ctx.mentions:
        if begin == start and ctx.type_of(key) == "Person":
            return ctx.doc[begin:stop]
    return None


def _list_separator(doc: Doc, position: int) -> int:
    """How many tokens of list separator (",", "and", ", and") end at ``position`` (0 if none)."""
    if position >= 1 and doc[position].lower_ == "and" and doc[position - 1].text == ",":
        return 2
    return 1 if position >= 0 and doc[position].lower_ in {",", "and"} else 0


def _plural_title_list(ctx: ArticleContext, span: Span) -> Reading | None:
    """"Former Botswana Presidents Masisi, Khama and Mogae", "Russian and Chinese Presidents X and Y": a
    plural title before a list of people is each one's. With as many states before the title as people
    in the list, each person leads the state in the same place of its list; with one state, all lead it."""
    doc = ctx.doc
    items = [span]
    while len(items) < 8:  # back to the list's first person
        width = _list_separator(doc, items[0].start - 1)
        before = _person_ending(ctx, items[0].start - width) if width else None
        if before is None or before.sent.start != span.sent.start:
            break
        items.insert(0, before)
    index = len(items) - 1
    while len(items) < 9 and doc[items[-1].end - 1].lower_ != "and":  # on to its last
        end = items[-1].end
        width = 2 if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "and" else \
            int(end < len(doc) and doc[end].lower_ in {",", "and"})
        after = _person_starting(ctx, end + width) if width else None
        if after is None:
            break
        items.append(after)
        if doc[end + width - 1].lower_ == "and":
            break
    if len(items) < 2:
        return None
    zone = _prefix_zone(ctx, items[0])
    heads = [m for m in _match_titles(zone) if m.kind in {"leader", "nonleader", "vice"}]
    if not heads or not _plural_word(heads[-1].tokens[-1]):
        return None
    states = _states_before(ctx, zone, heads[-1])
    if len(states) <= 1:
        return _prefix_reading(ctx, items[0]) if index else None  # (the first is read as any "President X")
    if len(states) != len(items):
        return None
    reading = _read(ctx, zone, [], [], [])
    if reading is None or reading.led not in states:
        return None
    reading.led = states[index]
    return reading


def _state_after_of(ctx: ArticleContext, position: int) -> tuple[str | None, int]:
    """(the state named by "of (the) <state>" starting at a token, the index after it), or (None, position)."""
    doc = ctx.doc
    if position + 1 >= len(doc) or doc[position].lower_ != "of":
        return None, position
    start = position + 1 + (doc[position + 1].lower_ == "the")
    key = ctx.entity(doc[start]) if start < len(doc) else None
    if ctx.type_of(key) != "Country":
        return None, position
    end = start
    while end < len(doc) and ctx.entity(doc[end]) == key:
        end += 1
    return key, end


def _listed_title(ctx: ArticleContext, span: Span) -> Reading | None:
    """"President A of Tanzania, B of Zimbabwe, C of Mozambique and D of Rwanda": a title before the
    first of a list of "<name> of <state>" items is every item's."""
    state, _end = _state_after_of(ctx, span.end)
    if state is None or _prefix_zone(ctx, span):
        return None
    doc, i = ctx.doc, span.start - 1
    for _ in range(12):  # back over the list, item by item: "<Name> of <state>" (the NER may have missed the name)
        if i < 1 or doc[i].text not in {",", "and"}:
            return None
        i -= 1 + (doc[i].text == "and" and doc[i - 1].text == ",")  # ", and"
        of = next((j for j in range(i, max(0, i - 5), -1) if doc[j].lower_ == "of"
                   and _state_after_of(ctx, j)[1] == i + 1), None)
        name_start = of
        while name_start is not None and name_start > 0 and of - name_start < 4 and \
                doc[name_start - 1].pos_ == "PROPN" and doc[name_start - 1].is_title and \
                not _is_title_word(doc[name_start - 1]):
            name_start -= 1
        if of is None or name_start == of:
            return None
        before = (name_start, of)
        matches = [m for m in _match_titles(list(doc[max(0, before[0] - 4):before[0]]))
                   if m.kind == "leader" and m.tokens[-1].i == before[0] - 1]
        if matches:
            title = matches[-1]
            if title.phrase not in _lex()["state_head_titles"]:
                return None
            return Reading(title.phrase, title.tokens[0], state, False, True, LISTED_TITLE_FACTOR)
        i = before[0] - 1
    return None


STATELESS_FORCE_NAMES = frozenset({"defence forces", "defense forces", "defence force", "defense force", "armed forces",
                                   "army", "navy", "air force", "military", "security forces", "security force"})
CAPITAL_TITLE_LEADS = frozenset({"and", "by", "with"})  # before a capitalised title with no article


def _comma_title_reading(ctx: ArticleContext, span: Span) -> Reading | None:
    """"... talks with the Chief of the Army Staff, Ashok Raj Sigdel, at ...": a title phrase and a comma
    right before the name, read in token order when the parser did not make them an apposition."""
    doc = span.doc
    comma = span.start - 1
    ranks = [m for m in _match_titles(list(doc[max(0, comma - 4):comma + 1])) if m.kind == "rank"]
    if ranks and ranks[-1].tokens[-1].i == comma:  # "..., Rear Admiral X": the rank before the name
        comma = ranks[-1].tokens[0].i - 1
    if comma < 2 or doc[comma].text != ",":
        return None
    start = comma
    while start > span.sent.start + 1 and comma - start < 10 and doc[start - 1].lower_ not in {",", ";", ":"} and \
            not (doc[start - 1].lower_ == "the" and doc[start - 2].lower_ != "of") and \
            not (doc[start - 1].lower_ in CAPITAL_TITLE_LEADS and doc[start].is_title):  # ("the Chief of the Army
        start -= 1  # Staff", "attended by X and Chief of Naval Staff, Y")
    opened = doc[start - 1].lower_ == "the" or (doc[start - 1].lower_ in CAPITAL_TITLE_LEADS and doc[start].is_title)
    if start == comma or not opened or any(ctx.type_of(ctx.entity(t)) == "Person" for t in doc[start:comma]):
        return None
    zone = list(doc[start:comma])
    if start >= 3 and doc[start - 2].lower_ == "to" and doc[start - 3].lower_ == "according":
        return None  # "According to the president, X was responsible ...": the source, then the clause's subject
    heads = [m for m in _match_titles(zone) if m.kind in {"leader", "nonleader", "vice"}]
    if not heads or heads[0].tokens[0] != zone[0]:
        return None  # the phrase must open with its title ("the Chief of ...", not "the talks with the Chief")
    end = zone.index(heads[-1].tokens[-1]) + 1
    return _read(ctx, zone[:end], [], _linear_of(ctx, zone[end:]), [])


def _linear_of(ctx: ArticleContext, rest: list[Token]) -> list[Token]:
    """The words of an "of" phrase right after a title, in token order ("Chief" + "of the Army Staff")."""
    if not rest or rest[0].lower_ != "of":
        return []
    return [t for t in rest[1:] if not _is_title_word(t) or ctx.entity(t)]


def _appos_nouns(root: Token) -> list[Token]:
    """Nouns apposed to a name, either way ("X, the leader of Y"; "the leader of Y, X")."""
    out = [n for c in root.children if c.dep_ == "appos" and c.pos_ in {"NOUN", "PROPN"} for n in [c, *c.conjuncts]]
    # "X, one of the leaders of Y": a co-leader
    out += [o for c in root.children if c.dep_ == "appos" and c.lower_ == "one" for p in c.children
            if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
            if o.dep_ == "pobj" and o.tag_ == "NNS" and _match_titles([o])]
    # "the son of X, the fourth king of Y": the parser hangs the relative's title on the kinship noun
    kin = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else None
    if kin is not None and _word(kin) in _lex()["kinship_nouns"]:
        out += [c for c in kin.children if c.dep_ == "appos" and c.pos_ in {"NOUN", "PROPN"} and
                c.left_edge.i == root.right_edge.i + 2 and root.doc[root.right_edge.i + 1].text == "," and
                _is_title_word(c)]
    # "X of the Y Party, the state's chief minister": the parser hangs X's title on the affiliation
    out += [c for o in affiliations(root) for c in o.children
            if c.dep_ == "appos" and c.pos_ == "NOUN" and c.i > o.i and _is_title_word(c)]
    if root.dep_ == "appos" and root.head.pos_ in {"NOUN", "PROPN"}:
        out.append(root.head)
    if root.dep_ == "conj" and root.head.pos_ in {"NOUN", "PROPN"} and _is_title_word(root.head) and \
            not any(c.dep_ == "cc" for c in root.head.children) and len(root.head.conjuncts) == 1 and \
            any(c.dep_ == "poss" or c.lower_ == "of" for c in root.head.children) and root.left_edge.i > 0 and \
            root.doc[root.left_edge.i - 1].text == ",":
        out.append(root.head)  # "..., Colombia's President, Gustavo Petro," taken for a conjunct of the title
    out += [c for acl in root.children if acl.dep_ == "acl" and acl.lower_ in {"known", "nicknamed", "called", "dubbed"}
            and acl.i > root.i for alias in acl.subtree if alias.dep_ in {"pobj", "oprd", "dobj"}
            for c in alias.children if c.dep_ == "appos" and c.pos_ == "NOUN" and _is_title_word(c)]
    # ("X, known as El Toro, leader of Y": the title hung on the alias)
    if root.dep_ in {"nsubj", "nsubjpass"}:  # "X, also known as "Y", commander in chief of Z, issued ...":
        out += [c for c in root.head.children if c.dep_ == root.dep_ and c.i > root.i and c.pos_ == "NOUN"
                and _is_title_word(c) and root.doc[min(t.i for t in c.subtree if not t.is_punct) - 1].is_punct]
        # (the parser made the apposed title a second subject)
    # "the President of Poland, Lech Walesa" parsed as a conjunct (or apposition) of "Poland"
    head = root.head
    if root.dep_ in {"conj", "appos"} and head.dep_ == "pobj" and not any(c.dep_ == "cc" for c in head.children) \
            and root.left_edge.i > 0 and root.doc[root.left_edge.i - 1].text == ",":
        node = head
        while node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head != node.head:
            node = node.head.head
        if node != head and node.pos_ in {"NOUN", "PROPN"} and _is_title_word(node):
            out.append(node)
    # "... by the supreme leader of Y, X." with X left hanging off the verb (not its subject or object):
    # a title noun with an "of" phrase that ends right at the comma before the name
    doc = root.doc
    comma = root.left_edge.i - 1
    after = doc[root.right_edge.i + 1] if root.right_edge.i + 1 < len(doc) else None
    if not out and comma >= 1 and doc[comma].text == "," and root.dep_ in {"npadvmod", "appos", "dep", "advmod"} \
            and not doc[comma - 1].is_punct and (after is None or after.text in {".", ";", ",", "!", "?"}):
        sentence_start = root.sent.start
        for noun in reversed(doc[max(sentence_start, comma - 12):comma]):
            if noun.pos_ in {"NOUN", "PROPN"} and _is_title_word(noun) and noun.right_edge.i == comma - 1 \
                    and any(c.dep_ == "prep" and c.lower_ == "of" or c.dep_ == "poss" for c in noun.children):
                out.append(noun)
                break
    return out


ALIAS_CUES = (("also", "known", "as"), ("better", "known", "as"), ("known", "as"), ("aka",), ("a.k.a.",), ("alias",),
              ("nicknamed",), ("also", "called"), ("dubbed",))


def _without_alias(gap: Span) -> Span:
    """A gap between a name and its apposed title without an alias inserted there (", also known as
    "Gabino","): the punctuation after the alias is what is left."""
    words = [t.lower_ for t in gap]
    start = 1 if words and gap[0].is_punct else 0
    for cue in ALIAS_CUES:
        if tuple(words[start:start + len(cue)]) == cue:
            rest = [t for t in gap[start + len(cue):] if not t.is_punct]
            if 1 <= len(rest) <= 4 and all(t.text[:1].isupper() for t in rest):
                last_name = max(t.i for t in rest)
                return gap.doc[last_name + 1:gap.end]
    return gap


def _after_bracket(gap: Span) -> int:
    """Where a gap after a name goes on past a bracketed aside that opens it ("X (in power since 1986), the
    president of Y"); the gap's start if it does not open with a closed bracket."""
    opening = next((t for t in gap if not (t.is_space or t.text == ",")), None)  # ("Name, (born ...), ...")
    if opening is None or opening.text != "(":
        return gap.start
    closing = next((t.i for t in gap[opening.i - gap.start + 1:] if t.text in {"(", ")"}), None)
    return closing + 1 if closing is not None and gap.doc[closing].text == ")" else gap.start


TIME_ADVERBS = frozenset({"now", "currently", "later", "still"})


def _adjacent(noun: Token, span: Span) -> bool:
    """An apposed title phrase must touch the name (only a comma, dash or parenthesis between)."""
    doc = span.doc
    phrase = [t for t in noun.subtree if t.i <= noun.i]
    if noun.i >= span.end:
        gap = doc[span.end:phrase[0].i]
        if len(gap) and gap[0].lower_ == "of" and gap[0].head == span.root:
            # "X of the Y Party, the state's chief minister": the person's affiliation may come between
            gap = doc[gap[0].right_edge.i + 1:phrase[0].i]
        gap = doc[_after_bracket(gap):phrase[0].i]  # "Sukarno (1901-1970), first president of ...", "X (in
        # power since 1986), the president of Y"
        gap = _without_alias(gap)
        gap = [t for t in gap if not (t.lower_ in TIME_ADVERBS and t.pos_ == "ADV")]  # "X, now Indonesia's president"
    else:
        end = max(t.i for t in noun.subtree if t.i < span.start) + 1 if any(t.i < span.start for t in noun.subtree) else noun.i + 1
        gap = doc[end:span.start]
        ranks = [m for m in _match_titles(list(gap)) if m.kind == "rank"]
        if ranks and ranks[-1].tokens[-1].i == span.start - 1:  # "the Chief of Naval Staff, Rear Admiral X"
            gap = doc[end:ranks[-1].tokens[0].i]
    return all(t.is_punct for t in gap) and len(gap) <= 2


def _past_tense(verb: Token) -> bool:
    return verb.tag_ == "VBD" or any(c.dep_ in {"aux", "auxpass"} and c.tag_ == "VBD" for c in verb.children)


TEMPORAL_MARKS = frozenset({"after", "before", "when", "since", "once", "while", "until"})


def _irrealis(verb: Token) -> bool:
    """A predicate that is negated, hypothetical or wanted rather than stated ("hoped to become")."""
    governors = _lex()["irrealis_governors"]
    node = verb
    for step in range(5):
        if any(c.dep_ == "neg" for c in node.children):
            return True
        if any(c.dep_ == "aux" and c.lower_ in {"could", "might", "may", "should", "must", "will", "'ll", "shall", "wo"} for c in node.children):
            return True
        if step and _lemma_in(node, governors):
            return True
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in node.children):
            break  # "after X won the election, he proposed ...": a time clause is told as fact
        if node.dep_ in {"xcomp", "ccomp", "advcl", "pcomp", "prep", "pobj"} and node.head != node:
            node = node.head
            continue
        break
    return False


def _subject_verbs(root: Token) -> list[tuple[Token, str]]:
    """Verbs whose subject is the person: (verb, voice) with voice "active" or "passive"."""
    out: list[tuple[Token, str]] = []

    def add(verb: Token, voice: str) -> None:
        if (verb, voice) in out:
            return
        out.append((verb, voice))
        for conj in verb.conjuncts:
            if conj.i > verb.i and conj.pos_ in {"VERB", "AUX"} and \
                    not any(c.dep_ in {"nsubj", "nsubjpass"} for c in conj.children):
                passive = any(c.dep_ == "auxpass" for c in conj.children)
                # "was elected and sworn in": a bare participle shares the voice; "was elected and headed
                # the party": a finite verb is active
                add(conj, "passive" if passive else voice if conj.tag_ == "VBN" else "active")
        for child in verb.children:
            if child.dep_ == "xcomp" and child.pos_ in {"VERB", "AUX"} and not (
                    voice == "active" and _children(verb, {"dobj", "oprd"}) and _lemma_in(verb, OBJECT_CONTROL_VERBS)):
                # ("named X to be the next army chief": X is, not the one who names)
                add(child, "passive" if any(c.dep_ == "auxpass" for c in child.children) else "active")
            elif child.dep_ == "advcl" and child.tag_ == "VBG" and child.i > verb.i and voice == "active" and \
                    child.lemma_.lower() in _lex()["role_verbs"] and any(p.lower_ == "as" for p in child.children) \
                    and not _children(child, {"nsubj", "nsubjpass", "mark"}):
                add(child, "active")  # "X returned to Kabul, serving as leader of Y": the subject's role
            elif child.dep_ == "advcl" and child.tag_ in {"VBD", "VBN"} and child.i > verb.i and \
                    child.lemma_.lower() in _lex()["role_verbs"] and verb.doc[child.i - 1].text == "," and \
                    any(p.lower_ == "as" for p in _children(child, {"prep"})) and \
                    not _children(child, {"nsubj", "nsubjpass", "mark", "auxpass", "aux"}):
                add(child, "active")  # "X was elected to the assembly, served as mayor of Y, and ...": a list
                # of the subject's deeds, the middle one taken for a clause of the first
            elif child.dep_ == "advcl" and child.tag_ == "VBG" and child.i > verb.i and voice == "active" and \
                    child.lemma_.lower() in _lex()["copular_verbs"] and _children(child, {"attr"}) \
                    and not _children(child, {"nsubj", "nsubjpass", "mark"}):
                add(child, "active")  # "X was a guerrilla, being the founder and leader of Y"; "..., becoming Y"
            elif child.dep_ == "advcl" and child.tag_ in {"VBN", "VBD"} and voice == "active" and \
                    verb.lemma_ == "be" and not _children(verb, {"attr", "acomp"}) and \
                    not _children(child, {"attr", "acomp", "nsubj", "nsubjpass", "mark"}):
                add(child, "passive")  # "X was on Saturday confirmed as ...": "was" read as the main verb

    if root.dep_ == "appos" and root.head.dep_ in {"nsubj", "nsubjpass"} and root.head.head.pos_ in {"VERB", "AUX"}:
        # "Italy's leader Giorgia Meloni was sworn in as ...": the name apposed to the subject is the subject
        add(root.head.head, "passive" if root.head.dep_ == "nsubjpass" else "active")
    if root.dep_ == "conj" and root.head.dep_ in {"nsubj", "nsubjpass"} and root.head.pos_ == "NOUN" and \
            root.head.head.pos_ in {"VERB", "AUX"} and root.i > 0 and root.doc[root.i - 1].text == "," and \
            not _children(root.head, {"cc"}):
        # "A member of the Socialist Party, X served as ...": the fronted description taken for the subject
        add(root.head.head, "passive" if root.head.dep_ == "nsubjpass" else "active")
    if root.dep_ == "compound" and (root.head.pos_ == "PROPN" or root.head.is_upper) and \
            root.head.dep_ in {"nsubj", "nsubjpass"} and \
            0 < root.head.i - root.i <= 5 and all(t.is_alpha for t in root.doc[root.i:root.head.i]):
        root = root.head  # "Juan Antonio Samaranch y Torelló, ..., was": the name runs on to the subject
        # (or to post-nominal letters taken for a noun: "Menelik II GGCB, GCMG (...) was")
    subject_of = after_parenthesis = _verb_after_parenthesis(root)
    if root.dep_ in {"nsubj", "nsubjpass"} and root.head.pos_ in {"VERB", "AUX"} and \
            (after_parenthesis is None or not root.i < root.head.i < after_parenthesis.i):
        subject_of = root.head
        add(root.head, "passive" if root.dep_ == "nsubjpass" else "active")
    elif after_parenthesis is not None:  # "X (born Y; 1923 – 2015) was ...": not the subject of "born"
        add(after_parenthesis, "passive" if any(c.dep_ == "auxpass" for c in after_parenthesis.children) else "active")
    if subject_of is not None:
        # "X was a politician (in the province of Z,) who was the president of Y"
        for attr in _children(subject_of, {"attr"}):
            for participle in _children(attr, {"acl"}):  # "X is a politician serving as mayor of Y"
                if participle.tag_ == "VBG" and participle.i > attr.i:
                    add(participle, "active")
            for rel in attr.subtree:
                if rel.dep_ != "relcl" or not _relative_subject(rel):
                    continue
                if rel.head == attr or rel.head in attr.conjuncts or (any(c.tag_ == "WP" for c in rel.children) and
                                        rel.head.ent_type_ != "PERSON" and rel.head.pos_ != "PROPN"):
                    add(rel, _relative_subject(rel))
    holders = [root, *[n for n in _appos_nouns(root)]]
    # "Richard Rockefeller, the fifth child of David Rockefeller, who served as RBF's chairman": the relative
    # clause after an apposed kinship description is the described person's, not the relative's
    holders += [o for n in holders[1:] if _word(n) in _lex()["kinship_nouns"] for o in _prep_objects(n, {"of"})]
    if _kin_of_apposed(root):
        holders = holders[1:]
    for holder in holders:
        for rel in _children(holder, {"relcl"}):
            voice = _relative_subject(rel)
            if voice:
                add(rel, voice)
    if root.dep_ in {"dobj", "oprd"} and _lemma_in(root.head, APPOINTING_VERBS) and not _irrealis(root.head):
        for goal in _children(root.head, {"xcomp"}):  # "named X to head the Navy": X heads it
            if goal.pos_ == "VERB":
                add(goal, "active")
    for participle in _children(root, {"acl"}):  # "X, named Syria's interim president": a reduced passive
        if participle.tag_ == "VBN" and participle.i > root.i and not (
                _children(participle, {"oprd"}) and _children(participle, {"xcomp"})):  # ("X named Y to head Z")
            add(participle, "passive")
    for verb, voice in list(out):
        if voice == "active" and verb.lemma_.lower() in _lex()["copular_verbs"]:
            for attr in _children(verb, {"attr"}):
                for clause in _first_to_clauses(attr):
                    add(clause, "passive" if clause.tag_ == "VBN" else "active")
    return out


FIRST_MARKERS = frozenset({"first", "last", "only", "youngest", "oldest"})


def _first_to_clauses(attr: Token) -> list[Token]:
    """Clauses saying what the subject was the first (last, only, youngest) to do: "X was the first woman
    to serve as mayor of Y", "X became the youngest person elected President of Y"."""
    if not any(c.lower_ in FIRST_MARKERS or (c.ent_type_ == "ORDINAL" and c.dep_ == "amod")
               for c in attr.children if c.dep_ in {"amod", "advmod"}):
        return []  # (not "X is the favourite to become president": a prospect)
    return [c for c in attr.children if c.i > attr.i and not _children(c, {"nsubj", "nsubjpass"}) and (
        c.dep_ == "relcl" and c.tag_ == "VB" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        or c.dep_ == "acl" and c.tag_ == "VBN")]


def _kin_of_apposed(token: Token) -> bool:
    """Is the token the relative in an apposed kinship description ("X, the son of <token>, ...")?"""
    noun = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else None
    return noun is not None and _word(noun) in _lex()["kinship_nouns"] and noun.dep_ == "appos"


def _verb_after_parenthesis(root: Token) -> Token | None:
    """The verb right after a parenthesis that follows the name, when the parser took a word inside the
    parenthesis for its subject: "X (born Y; 16 September 1923 – 2015) was a statesman who ..."."""
    doc = root.doc
    sentence = root.sent
    position = root.i + 1
    while position < sentence.end and (doc[position].dep_ == "compound" and doc[position].head.i > root.i or
                                       doc[position].is_upper and doc[position].is_alpha and len(doc[position]) <= 5):
        position += 1  # post-nominal letters: "X GCMG CH (born ...)"
    if position >= sentence.end or doc[position].text != "(":
        return None
    depth = 0
    for token in doc[position:sentence.end]:
        depth += token.text == "("
        depth -= token.text == ")"
        if depth == 0:
            break
    else:
        return None
    after = token.i + 1
    if after < sentence.end and doc[after].text == ",":
        # "X (1923 – 2015), often referred to as LKY, was ...": one comma-fenced phrase may follow
        after = next((t.i + 1 for t in doc[after + 1:min(after + 14, sentence.end)] if t.text == ","), sentence.end)
    if after >= sentence.end:
        return None
    verb = doc[after]
    if verb.pos_ not in {"VERB", "AUX"} or verb.dep_ not in {"ROOT", "conj"}:
        return None
    subjects = _children(verb, {"nsubj", "nsubjpass"})
    if any(not (position < s.i < token.i) for s in subjects):
        return None  # the verb has a subject of its own outside the parenthesis
    return verb


def _relative_subject(verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and (child.tag_ in {"WP", "WDT"} or child.lower_ == "that"):
            return "passive" if child.dep_ == "nsubjpass" else "active"
    return None


SELF_APPOINTING_VERBS = frozenset({"name", "declare", "proclaim", "crown", "appoint", "install", "make"})


def _predicate_nouns(verb: Token, voice: str) -> list[tuple[Token, str]]:
    """Title nouns a subject is given by a copular or career verb, with the frame name."""
    lex = _lex()
    lemma = verb.lemma_.lower()
    out: list[tuple[Token, str]] = []
    if _irrealis(verb):
        # "X will retire after six years as head of the army": the years behind him are told as fact
        spans = [o for p in _children(verb, {"prep"}) if p.lower_ in {"after", "following"}
                 for o in _children(p, {"pobj"}) if o.lemma_.lower() in TIME_SPAN_NOUNS | TERM_NOUNS]
        return [(n, "role") for span in spans for prep in _children(span, {"prep"}) if prep.lower_ == "as"
                for noun in _children(prep, {"pobj"}) for n in [noun, *noun.conjuncts] if n.pos_ in {"NOUN", "PROPN"}]
    nouns: list[Token] = []
    if voice == "active" and lemma in SELF_APPOINTING_VERBS:
        # "named himself president of X", "proclaimed himself emperor", "declared himself head of the junta"
        reflexive = any(c.dep_ == "dobj" and c.lower_ in REFLEXIVES for c in verb.children)
        titles = [c for c in verb.children if c.dep_ in {"ccomp", "oprd", "xcomp", "attr", "dobj"}
                  and c.pos_ in {"NOUN", "PROPN"} and (reflexive or any(g.lower_ in REFLEXIVES for g in c.children))]
        # ("declared [himself prime minister]", "declared himself | Thailand's prime minister": two objects)
        return [(n, "role") for title in titles for n in [title, *title.conjuncts]]
    if lemma in lex["copular_verbs"]:
        for attr in _children(verb, {"attr"}):
            nouns += [attr, *_children(attr, {"appos"})]  # "was a historian, the first president of Y"
        nouns += [c for c in _children(verb, {"conj"}) if c.pos_ in {"NOUN", "PROPN"} and _is_title_word(c)
                  and _children(verb, {"attr"})]  # "was President of A, President of B and President of C"
        nouns += [c for c in _children(verb, {"conj"}) if c.ent_type_ == "ORDINAL" and _children(verb, {"attr"})]
        frame = "copula"
    elif lemma in lex["role_verbs"]:
        frame = "role_weak" if lemma in lex["role_verbs_weak"] else "role"
        if lemma in {"elect", "re elect", "reelect", "appoint", "reappoint", "renominate", "name", "install", "crown",
                     "proclaim", "choose", "select", "designate", "confirm", "promote", "inaugurate", "swear",
                     "anoint"} \
                and voice != "passive":
            titles = _children(verb, {"dobj", "oprd"})
            if titles and verb.tag_ in {"VBN", "VBD"} and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children) \
                    and all(_is_title_word(t) and not any(w.ent_type_ == "PERSON" for w in t.subtree) for t in titles):
                # a headline's passive: "X named Syria's interim president" (no one else is named)
                return [(n, "role") for title in titles for n in [title, *title.conjuncts]]
            return out
        nouns += _children(verb, {"oprd", "attr"})
    elif lemma in lex["office_holding_verbs"] and voice == "active":
        frame = "role"  # "X held the office of President of Y"
    elif voice == "passive" and lemma in lex["removal_verbs"]:
        frame = "role"  # "X was dismissed as commander of the army": the office X held
    elif voice == "passive" or lemma in AS_OBJECT_VERBS:
        return out
    else:
        frame = "role_weak"  # "Mandela, as leader of the ANC, was inaugurated": only an "as" phrase
    if voice == "active" and lemma in lex["office_holding_verbs"] | {"assume", "take"}:
        nouns += _posts_of(_children(verb, {"dobj"}))  # "assumed the post of prime minister"
    terms = [n for n in _children(verb, {"dobj"}) + [o for p in _children(verb, {"prep"}) if p.lower_ in {"for", "to"}
                                                     for o in _children(p, {"pobj"})]
             if _word(n) in TERM_NOUNS] if frame != "copula" else []
    # ("served a second term as president of Y", "sworn in for a third term as president of Y")
    # ("elected at a summit as the new chairman": the parser hangs "as" on the place)
    places = [o for p in _children(verb, {"prep", "agent"}) if p.lower_ != "as" for o in _children(p, {"pobj"})
              if o.pos_ == "NOUN"] if frame != "copula" else []
    for holder in [verb, *_children(verb, {"prt"}), *terms, *places]:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ == "as":
                for noun in _children(prep, {"pobj"}):
                    nouns.append(noun)  # ("as the 13th President of Y": the parser hangs the title on the ordinal)
                    nouns += [a for a in _children(noun, {"appos"}) if _is_title_word(a) and not _is_title_word(noun)]
                if holder is verb:  # "served as A, B and C", with the parser taking B for the verb's object
                    nouns += [d for d in _children(verb, {"dobj", "npadvmod"}) if d.i > prep.i and _is_title_word(d)]
    found = [n for noun in nouns for n in [noun, *noun.conjuncts]]
    # "is a Norwegian politician and the 13th Secretary General of Y": the parser took the ordinal for the
    # conjunct and hung the title on it
    found += [a for n in found if n.ent_type_ == "ORDINAL" for a in _children(n, {"appos"}) if _is_title_word(a)]
    return [(n, frame) for n in found if n.pos_ in {"NOUN", "PROPN"}]


TERM_NOUNS = frozenset({"term", "terms", "tenure", "stint", "mandate", "mandates"})


def _posts_of(nouns: Iterable[Token]) -> list[Token]:
    """The titles an office noun names: "the post of prime minister", "the office of President of Y"."""
    return [title for noun in nouns if _word(noun) in _lex()["office_post_nouns"] for title in _of_objects(noun)]


def _appointing_body(ctx: ArticleContext, verb: Token) -> str | None:
    """The organisation, armed group or company that elects, names or chooses someone (its subject: "the
    ANC", "it" for the company last named, "its board" or "the party's members")."""
    for subject in _children(verb, {"nsubj"}):
        owners = [subject]
        if subject.lemma_.lower() in ELECTING_BODIES:
            owners = _children(subject, {"poss"}) + _of_objects(subject)
        for owner in owners:
            key = ctx.entity(owner)
            if key is None and owner.lower_ in {"it", "its"}:
                key, _factor = resolve_arg(ctx, owner, set(ORG_LEADABLE_TYPES))
            if ctx.type_of(key) in ORG_LEADABLE_TYPES:
                return key
    return None


ELECTING_BODIES = frozenset({"board", "directors", "shareholders", "members", "delegates", "congress", "conference",
                             "committee", "council", "leadership"})


def _body_title(noun: Token, body: str, person: Span) -> Reading | None:
    """A bare leader's title given by a body ("named X as (its new) chief executive"): of that body."""
    tokens = [t for t in noun.subtree if t.i <= noun.i and not person.start <= t.i < person.end]
    heads = [m for m in _match_titles(tokens) if m.kind == "leader" and m.tokens[-1] == noun]
    if not heads:
        return None
    before = tokens[:tokens.index(heads[-1].tokens[0])]
    if any(t.pos_ not in {"DET", "PRON"} and _word(t) not in _lex()["past_markers"] for t in before):
        return None  # "as deputy chief executive", "as his defence adviser"
    return Reading(heads[-1].phrase, heads[-1].tokens[0], body, False)


# verbs that give their object an office ("elected X president", "named X as chief executive")
APPOINTING_VERBS = frozenset({"elect", "re-elect", "reelect", "appoint", "reappoint", "name", "install", "choose",
                              "select", "designate", "promote", "crown", "proclaim", "inaugurate", "swear", "make",
                              "announce"})
OBJECT_CONTROL_VERBS = APPOINTING_VERBS | {"ask", "urge", "order", "tell", "invite", "want", "expect", "nominate",
                                           "pick", "tap", "persuade", "force"}
ORG_LEADABLE_TYPES = frozenset({"Organization", "ArmedGroup", "Company"})
SUCCESSION_VERBS = frozenset({"succeed", "replace"})

# verbs whose "as" phrase says what the object is ("regarded him as the leader"), not the subject
AS_OBJECT_VERBS = frozenset({"regard", "see", "treat", "describe", "view", "consider", "recognise", "recognize",
                             "brand", "portray", "present", "depict", "label", "call", "know", "replace", "succeed"})

ROMAN = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv", "xvi"}


def _regnal_reading(ctx: ArticleContext, span: Span) -> Reading | None:
    """A regnal name with its realm: "Gustav III of Sweden", "Philip V of Spain" (a monarch)."""
    doc = span.doc
    numeral = next((t for t in span if t.lower_ in ROMAN and t.text.isupper()), None)
    if numeral is None:
        return None
    j = numeral.i + 1
    if j < len(doc) and doc[j].lower_ == "of":
        j += 1
        if j < len(doc) and doc[j].lower_ == "the":
            j += 1
        if j < len(doc):
            key = ctx.entity(doc[j])
            if key and ctx.type_of(key) in {"Country", "Location"}:  # ("Henry VIII of England", "Alfonso X of Castile")
                return Reading("monarch", numeral, key, False)
    return None


def _left_office(root: Token) -> bool:
    """Is the person the subject of a verb ending a tenure ("President X was removed", "King Y died")?
    Such a holder is a past one, so a holder of the same title elsewhere in the article is no rival."""
    return root.dep_ in {"nsubj", "nsubjpass"} and _lemma_in(root.head, _lex()["office_end_verbs"])


def _installed_as(ctx: ArticleContext, span: Span, root: Token) -> Iterator[tuple[Reading, str]]:
    """"the inauguration of Duma Boko as the country's sixth president", "the election of X as chairman of
    the AU": a person installed in an office by an event noun (not one only called for or opposed)."""
    if root.dep_ != "pobj" or root.head.lower_ != "of":
        return
    event = root.head.head
    if event.lemma_.lower() not in _lex()["installation_nouns"] or event.pos_ != "NOUN" or _irrealis(event) or (
            event.dep_ in {"dobj", "nsubjpass", "nsubj"} and (_irrealis(event.head)
                                                               or _lemma_in(event.head, _lex()["irrealis_governors"]))):
        return
    preps = _children(event, {"prep"}) + (_children(event.head, {"prep"}) if event.dep_ == "dobj" else [])
    for prep in preps:  # (the parser may hang "as" on the verb: "applauded the election of X as chairman of Y")
        if prep.lower_ == "as" and prep.i > root.i:
            for noun in _children(prep, {"pobj"}):
                reading = _np_reading(ctx, noun, span)
                if reading:
                    yield reading, "role"


def _title_conjunct(noun: Token, span: Span) -> bool:
    """Does a title noun the name is apposed to have a conjoined title closer to the name ("the defence
    minister and Chief of Naval Staff, X": the parser hung X on the first of them)?"""
    return any(c.dep_ == "conj" and noun.i < c.i < span.start and _is_title_word(c) for c in noun.children)


def _frames(ctx: ArticleContext, span: Span, pronoun: bool = False) -> Iterator[tuple[Reading, str]]:
    """Every title reading of one person mention (or subject pronoun), with its frame name."""
    root = span.root
    if not pronoun:
        left_office = _left_office(root)
        reading = _prefix_reading(ctx, span)
        if reading:
            reading.current = reading.current and not left_office
            yield reading, "prefix"
        reading = _regnal_reading(ctx, span)
        if reading:
            reading.current = reading.current and not left_office
            yield reading, "regnal"
        reading = _listed_title(ctx, span)
        if reading:
            yield reading, "prefix"
        reading = _plural_title_list(ctx, span)
        if reading:
            reading.current = reading.current and not left_office
            yield reading, "prefix"
    if not pronoun and not [n for n in _appos_nouns(root) if ctx.type_of(ctx.entity(n)) != "Person"
                            and _adjacent(n, span) and not _title_conjunct(n, span)] and (
            root.dep_ != "appos" or ctx.type_of(ctx.entity(root.head)) == "Person" or _title_conjunct(root.head, span)
            or not _adjacent(root.head, span)):
        reading = _comma_title_reading(ctx, span)  # ("X and Chief of Staff, Y": Y taken for X's apposition)
        if reading:
            yield reading, "appos"
    apposed = [] if pronoun else _appos_nouns(root)
    for noun in apposed:
        first = noun.head if noun.dep_ == "conj" and noun.head in apposed else noun
        # ("X, ruler of A and head of B", "X, an expert and the president of B"; not "X, the son of the founder
        # and leader of B")
        if noun.dep_ == "pobj" and noun.head.head.lower_ == "one" and noun.head.head.dep_ == "appos":
            first = noun.head.head  # "X, one of the leaders of B"
        if span.start <= noun.i < span.end or not _adjacent(first, span):
            continue
        after = noun.i + 2 if noun.i + 2 < len(noun.doc) and noun.doc[noun.i + 1].text == "," else noun.i + 1
        following = ctx.entity(noun.doc[after]) if after < len(noun.doc) else None
        if following and following != ctx.entity(root) and ctx.type_of(following) == "Person":
            # "Secretary X, Federal Reserve chairman Y" and "the government of X, Colombia's President, Y,":
            # the title is Y's
            continue
        if _plural_word(noun) and len({ctx.entity(t) for t in noun.subtree if t.i < noun.i
                                       and ctx.type_of(ctx.entity(t)) == "Country"}) > 1:
            continue  # "the French and German leaders, Macron and Scholz": each its own (``_plural_title_list``)
        reading = _np_reading(ctx, noun, span)
        if reading:
            yield reading, "appos"
    for prep in [] if pronoun else _children(root, {"prep"}):
        if prep.lower_ == "as" and prep.i > root.i:  # "Mandela, as leader of the ANC, was inaugurated"
            for noun in _children(prep, {"pobj"}):
                reading = _np_reading(ctx, noun, span)
                if reading:
                    yield reading, "role_weak"
    yield from _installed_as(ctx, span, root) if not pronoun else ()
    for verb, voice in _subject_verbs(root):
        for noun, frame in _predicate_nouns(verb, voice):
            reading = _np_reading(ctx, noun, span)
            if reading:
                reading.current = reading.current and not _past_tense(verb)
                yield reading, frame
    # "X succeeded Y as president", "Y was succeeded by X as president": both held the office
    holder_of = None
    # ("swore in X as president": the parser makes "in" a preposition and X its object)
    sworn_in = root.dep_ == "pobj" and root.head.lower_ == "in" and _lemma_in(root.head.head, frozenset({"swear"}))
    # ("named General X as commander": the parser may make the name the verb's predicate, not its object)
    named_object = root.dep_ == "oprd" and root.head.lemma_.lower() in APPOINTING_VERBS and \
        not _children(root.head, {"dobj"})
    if root.dep_ == "dobj" or sworn_in or named_object:
        holder_of = root.head.head if sworn_in else root.head
    elif root.dep_ == "pobj" and root.head.dep_ == "agent":
        holder_of = root.head.head
    # (the one replaced holds the office however the sentence is told: "X will replace Y as chief executive")
    if holder_of is not None and _lemma_in(holder_of, SUCCESSION_VERBS) and \
            (root.dep_ == "dobj" or not _irrealis(holder_of)):
        chooser = holder_of.head if holder_of.dep_ == "xcomp" and holder_of.head.lemma_.lower() in APPOINTING_VERBS \
            else None  # "the ANC chose X to replace Y as president": Y was the ANC's president
        body = _appointing_body(ctx, chooser) if chooser is not None else None
        for prep in holder_of.children:
            if prep.dep_ == "prep" and prep.lower_ == "as":
                for noun in _children(prep, {"pobj"}):
                    reading = _np_reading(ctx, noun, span)
                    if reading and reading.led is None and body is not None:
                        reading.led, reading.bare = body, False
                    if reading:
                        yield reading, "role_weak"
    # "the post of prime minister is currently held by X"
    if root.dep_ == "pobj" and root.head.dep_ == "agent" and _lemma_in(root.head.head, _lex()["office_holding_verbs"]) \
            and not _irrealis(root.head.head):
        for noun in _posts_of(_children(root.head.head, {"nsubjpass"})):
            reading = _np_reading(ctx, noun, span)
            if reading:
                yield reading, "role"
    title_object = None  # "named Lawrence Johnes president": the parser makes the name a compound of the title
    if root.dep_ == "compound" and root.head.dep_ == "dobj" and root.head.pos_ == "NOUN" and _is_title_word(root.head):
        holder_of, title_object = root.head.head, root.head
    if holder_of is not None and (root.dep_ == "dobj" or sworn_in or named_object or title_object is not None) and \
            holder_of.lemma_.lower() in APPOINTING_VERBS and not _irrealis(holder_of):
        # "Parliament elected X (as) president of Kenya", "Airbus named X chief executive", "the ANC
        # chose X as its leader": a title with no entity of its own is of the body that gave it
        body = _appointing_body(ctx, holder_of)
        nouns = [n for verb in [holder_of, *(c for c in _children(holder_of, {"xcomp"}) if _lemma_in(
                     c, SUCCESSION_VERBS))]  # "chose X to replace Y as president": X too
                 for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "as"
                 for n in _children(prep, {"pobj"})] + _children(holder_of, {"oprd"})
        nouns += [n for n in _children(root, {"appos"}) if n.i > root.i and n.pos_ == "NOUN"]  # "elected X president"
        nouns += [title_object, *title_object.conjuncts] if title_object is not None else []
        for noun in nouns:
            reading = _np_reading(ctx, noun, span)
            if reading and reading.led is None and body is not None:
                reading.led, reading.bare = body, False
            elif reading is None and body is not None:
                reading = _body_title(noun, body, span)
            if reading:
                yield reading, "role"
    if holder_of is not None and root.dep_ == "dobj" and _lemma_in(holder_of, _lex()["removal_verbs"]) and \
            not _lemma_in(holder_of, SUCCESSION_VERBS) and not _irrealis(holder_of):
        # "soldiers seized control of Niger, deposing Mohamed Bazoum as president": the office he held
        for prep in holder_of.children:
            if prep.dep_ == "prep" and prep.lower_ == "as":
                for noun in _children(prep, {"pobj"}):
                    reading = _np_reading(ctx, noun, span)
                    if reading:
                        reading.current = False
                        yield reading, "role"
    # "the president of Z is X" (inverted copula) and "making X premier" (small clause)
    if root.dep_ == "attr" and root.head.lemma_.lower() in _lex()["copular_verbs"] and not _irrealis(root.head):
        for noun in _children(root.head, {"nsubj"}):
            reading = _np_reading(ctx, noun, span)
            if reading:
                yield reading, "copula"
    if root.dep_ == "nsubj" and root.head.pos_ in {"NOUN", "PROPN"}:
        reading = _np_reading(ctx, root.head, span)
        if reading:
            yield reading, "small_clause"


# ---------------------------------------------------------------- lead verbs, "under the leadership of", offices

UNIT_WORDS = {"unit", "brigade", "battalion", "regiment", "division", "corps", "fleet", "squadron", "command"}


def _led_noun(ctx: ArticleContext, noun: Token, allowed: set[str]) -> str | None:
    """The entity a led noun phrase names: itself, a generic reference, or its name ("the X party")."""
    lex = _lex()
    key = ctx.entity(noun)
    if key is not None and ctx.type_of(key) == "Country" and any(
            c.dep_ == "amod" and c.lower_ in COMPASS_WORDS for c in noun.children):
        return None  # "an offensive by eastern Libya, led by X": a part of the state, not the state
    if key is not None:
        return key if ctx.type_of(key) in allowed else None
    service = _service_noun(noun)
    if service is not None:  # "the Ethiopian army, led by X": the state's army, not the state
        force = _state_service(ctx, noun, service)
        return force if force and "ArmedForce" in allowed else None
    if noun.lower_ in {"it", "them"}:  # "X founded the party and led it until 1990"
        key, _ = resolve_arg(ctx, noun, allowed)
        return key
    if noun.lower_ in GENERIC_REFERENCES and any(
            c.dep_ in {"compound", "nmod"} and c.pos_ == "PROPN" and
            ctx.type_of(ctx.entity(c)) not in allowed - {"Location"} for c in noun.children):
        return None  # "the Tobruk government, led by X": a government of a place, not the state's
    if noun.lower_ in GENERIC_REFERENCES:
        key, _ = resolve_arg(ctx, noun, allowed)
        if key:
            return key
    if noun.lower_ in UNIT_WORDS and any(c.lower_ in {"the", "this"} for c in noun.children):
        # "the unit is under the command of X": the last named unit ("the 45th Tank Brigade")
        for start, end, key in reversed(ctx.mentions):
            if start < noun.i and ctx.type_of(key) in allowed - {"Country", "Location"} \
                    and UNIT_WORDS & set(ctx.names.get(key, "").lower().split()):
                return key
    if _word(noun) in lex["founded_heads"] or _word(noun) in lex["pass_through_nouns"] or noun.pos_ == "PROPN":
        for child in noun.children:
            if child.dep_ in {"compound", "appos", "poss", "nmod"} or (child.dep_ == "amod" and child.pos_ == "PROPN"):
                key = ctx.entity(child)
                if key and ctx.type_of(key) in allowed and child.ent_type_ != LABEL_DEMONYM and not (
                        ctx.type_of(key) == "Location" and _word(noun) in lex["founded_heads"]):
                    return key  # (not a place a body is named after: "the Sinaloa cartel, led by X")
    for child in noun.children:
        if child.dep_ == "appos":
            key = ctx.entity(child)
            if key and ctx.type_of(key) in allowed:
                return key
    if noun.dep_ == "attr" and noun.head.lemma_ == "be" and noun.pos_ == "NOUN":
        # "RENAMO is a political party led by X": the party is the copula's subject
        subjects = [ctx.entity(c) for c in noun.head.children if c.dep_ == "nsubj"]
        if len(subjects) == 1 and ctx.type_of(subjects[0]) in allowed - {"Country", "Location", "Person"}:
            return subjects[0]
    if "Country" in allowed and _word(noun) in {"junta", "government", "regime", "administration", "cabinet"}:
        # "leads Niger's junta", "heads the military government in Mali": the state it governs
        owners = [c for c in noun.children if c.dep_ in {"poss", "amod", "compound"}] + \
            [o for p in noun.children if p.dep_ == "prep" and p.lower_ in {"in", "of"} for o in _children(p, {"pobj"})]
        states = {k for k in map(ctx.entity, owners) if ctx.type_of(k) == "Country"}
        if len(states) == 1:
            return states.pop()
    return None


COMPASS_WORDS = frozenset({"eastern", "western", "northern", "southern", "central", "northeastern", "northwestern",
                           "southeastern", "southwestern", "east", "west", "north", "south"})


def _lead_claims(ctx: ArticleContext, span: Span) -> Iterator[tuple[str, float, Token, str]]:
    """(led key, confidence, trigger, frame) from "Y, led by X", "X leads Y", "Y, founded by X"."""
    lex = _lex()
    root = span.root
    # passive: "the GNA, led by X", "the party was founded by X", "..., founded by the former president X"
    # (also the name apposed to a kin noun: "led by his brother X")
    agent_object = root.head if root.dep_ == "appos" and root.head.dep_ == "pobj" and (
        _is_title_word(root.head) or root.head.lower_ in lex["kinship_nouns"]) else root
    first = min(root.left_edge.i, span.start)  # (with its titles: "General X")
    before = span.doc[first - 2] if first >= 2 and span.doc[first - 1].text == "," else None
    if agent_object == root and before is not None and before.pos_ == "NOUN" and before.dep_ == "pobj" and \
            before.head.dep_ == "agent" and before.head.head.dep_ == "advcl" and root.dep_ in {"nsubj", "nsubjpass"}:
        agent_object = before  # "Led by his deputy, General X, the RSF ...": the name parsed as a second subject
    if agent_object.dep_ == "pobj" and agent_object.head.dep_ == "agent":
        verb = agent_object.head.head
        lemma = verb.lemma_.lower()
        founded = lemma in lex["found_verbs"] and lemma in {"found", "co-found", "cofound", "establish"}
        controlled = lemma == "control"  # "the army, which is controlled by General X": a force's commander
        if (lemma in lex["lead_verbs"] or founded or controlled) and not _irrealis(verb):
            allowed = {"ArmedGroup", "Organization", "Location", "Country"} if founded else set(LEADABLE_TYPES)
            if controlled:
                allowed = {"ArmedForce", "ArmedGroup"}
            candidates: list[Token] = []
            if verb.i >= 2 and verb.doc[verb.i - 1].text == "," and verb.dep_ in {"acl", "advcl", "relcl"}:
                noun = verb.doc[verb.i - 2]  # "the GNA, led by X": the noun phrase before the comma
                if ctx.type_of(ctx.entity(noun)) not in {"Organization", "ArmedGroup", "ArmedForce", "Company"}:
                    # a place inside a longer phrase is not what is led: "the Task Force on Rural America"
                    while noun.dep_ == "pobj" or (noun.dep_ == "conj" and not _children(noun, {"det"})):
                        up = noun.head.head if noun.dep_ == "pobj" else noun.head  # ("and the Tobruk government,
                        # led by X": a conjunct with its own article is a phrase of its own)
                        if up.pos_ not in {"NOUN", "PROPN"} or up == noun:
                            break
                        noun = up
                candidates.append(noun)
            if verb.dep_ == "conj" and verb.head.dep_ in {"acl", "relcl"} and verb.head.lower_ in ALIAS_PARTICIPLES:
                # "the fighters, known as RSF and led by X": the name the noun is known by
                candidates += [o for p in _children(verb.head, {"prep"}) if p.lower_ == "as" for o in _children(p, {"pobj"})]
            if verb.dep_ in {"acl", "relcl"}:
                candidates.append(verb.head)
                before = verb.doc[verb.i - 1]
                if verb.dep_ == "acl" and before.dep_ == "conj" and before.head.dep_ == "pobj" and before.i > verb.head.i:
                    candidates.append(before)  # "an agreement between the USSR and Egypt led by X": the last conjunct
            candidates += _children(verb, {"nsubjpass"})
            if verb.dep_ == "advcl" and not candidates and all(t.pos_ == "ADV" for t in verb.doc[verb.sent.start:verb.i]):
                candidates += [s for s in _children(verb.head, {"nsubj", "nsubjpass"})  # "(Later) led by X, the KMT
                               if not span.start <= s.i < span.end]  # formed ..." (not X parsed as a subject too)
            for noun in candidates:
                if noun.tag_ in {"WDT", "WP"} or noun.lower_ == "that":
                    head = noun.head.head if noun.head.dep_ == "relcl" else None
                    if head is None:
                        continue
                    noun = head
                if noun.lower_ in {"it", "they"}:
                    key, _ = resolve_arg(ctx, noun, allowed)
                else:
                    key = _led_noun(ctx, noun, allowed)
                if key and (not founded or _party_like(ctx, key)):
                    yield key, CONFIDENCE["founded_by" if founded else "led_by"], verb, "founded_by" if founded else "led_by"
                    return
    # active: "X heads the Y", "X, who leads Y"
    verbs = [v for v, voice in _subject_verbs(root) if voice == "active"]
    for verb in verbs:
        if verb.lemma_.lower() in FOUNDING_VERBS and not _irrealis(verb):
            # "X, a warlord who founded the Lord's Resistance Army": a group's or party's founder led it
            for led in [o for obj in _children(verb, {"dobj"}) for o in [obj, *obj.conjuncts]]:
                key = _led_noun(ctx, led, {"ArmedGroup", "Organization", "Location", "Country"})
                if key and _party_like(ctx, key):
                    yield key, CONFIDENCE["founded_by"], verb, "founded"
            continue
        if verb.lemma_.lower() not in lex["lead_verbs"] or _irrealis(verb):
            continue
        objects = _children(verb, {"dobj"})
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "over" and verb.lemma_.lower() in {"rule", "preside"}:
                objects += _children(prep, {"pobj"})
        as_titles = {_word(n) for p in verb.children if p.dep_ == "prep" and p.lower_ == "as" for n in _children(p, {"pobj"})}
        for led in [o for obj in objects for o in [obj, *obj.conjuncts]]:
            key = _led_noun(ctx, led, set(LEADABLE_TYPES))
            if key and led.ent_type_ == LABEL_SEAT and as_titles & lex["city_titles"]:
                key = _capital_city(ctx, key, led)  # "presided over Bogotá as mayor": the city, not the state
            if key:
                yield key, CONFIDENCE["lead_verb"], verb, "lead_verb"
    yield from _office_changes(ctx, root, verbs)
    # "Y is under the leadership of X"
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        office = root.head.head
        if office.lower_ in lex["leadership_nouns"] and office.dep_ == "pobj" and office.head.lower_ == "under":
            governor = office.head.head
            subjects = [governor] if governor.pos_ in {"NOUN", "PROPN"} else clause_subjects(governor)
            if governor.pos_ in {"NOUN", "PROPN"} and governor.dep_ in {"dobj", "attr", "npadvmod"} \
                    and _led_noun(ctx, governor, set(LEADABLE_TYPES)) is None:
                subjects = clause_subjects(governor.head)  # "NATO expanded eastwards under ..."
            for subject in subjects:
                key = _led_noun(ctx, subject, set(LEADABLE_TYPES))
                if key is None and subject.ent_type_ == LABEL_DEMONYM:
                    key = ctx.entity(subject)
                if key:
                    yield key, CONFIDENCE["under"], office, "under"


FOUNDING_VERBS = frozenset({"found", "co-found", "cofound"})
ALIAS_PARTICIPLES = frozenset({"known", "called", "named", "dubbed"})
OFFICE_TAKING_VERBS = frozenset({"assume", "take", "inherit", "ascend", "seize", "wrest", "win"})
OFFICE_HANDING_VERBS = frozenset({"hand", "pass", "transfer", "cede"})
TAKEN_OFFICE_NOUNS = frozenset({"presidency", "chairmanship", "premiership", "leadership", "helm", "command", "throne",
                                "chairpersonship"})


def _taken_office(verb: Token) -> list[Token]:
    """The office nouns a verb of taking or handing over has for object ("assumed the presidency of Y",
    "took over the AU chairmanship", "took the helm of Y"; "took" alone needs "over"/"up" or a helm)."""
    offices = [o for o in _children(verb, {"dobj"}) if _word(o) in TAKEN_OFFICE_NOUNS]
    if verb.lemma_.lower() == "take" and not any(p.lower_ in {"over", "up"} for p in _children(verb, {"prt", "prep"})):
        offices = [o for o in offices if _word(o) in {"helm", "command", "throne"}]
    return offices


def _office_entity(ctx: ArticleContext, office: Token) -> str | None:
    """What an office noun is the office of: "the presidency of Nigeria", "the AU chairmanship",
    "Nigeria's presidency"."""
    key, status, _token = _of_chain(ctx, _of_objects(office), set(LEADABLE_TYPES))
    if status == "found":
        return key
    return next((k for c in office.lefts if c.dep_ in {"compound", "poss", "nmod", "amod"}
                 for k in [ctx.entity(c)] if k and ctx.type_of(k) in LEADABLE_TYPES), None)


def _office_changes(ctx: ArticleContext, root: Token, verbs: list[Token]) -> Iterator[tuple[str, float, Token, str]]:
    """An office changing hands: "X assumed the presidency of Y", "X took over the AU chairmanship (from
    Z)", "Z handed over the AU chairmanship to X": X holds it, and Z, who gave it up, held it."""
    for verb in verbs:  # the person is the verb's subject
        lemma = verb.lemma_.lower()
        if _irrealis(verb) or lemma not in OFFICE_TAKING_VERBS | OFFICE_HANDING_VERBS:
            continue
        for office in _taken_office(verb):
            key = _office_entity(ctx, office)
            if key:
                yield key, CONFIDENCE["office_change"], verb, "office_change"
    if root.dep_ == "pobj" and root.head.lower_ in {"to", "from"}:
        verb = root.head.head if root.head.head.pos_ == "VERB" else root.head.head.head
        lemma = verb.lemma_.lower()
        giving = root.head.lower_ == "to" and lemma in OFFICE_HANDING_VERBS
        taken_from = root.head.lower_ == "from" and lemma in OFFICE_TAKING_VERBS
        if (giving or taken_from) and not _irrealis(verb) and verb.pos_ == "VERB":
            for office in _taken_office(verb):
                key = _office_entity(ctx, office)
                if key:
                    yield key, CONFIDENCE["office_change"], verb, "office_change"


def _office_readings(ctx: ArticleContext, span: Span) -> Iterator[tuple[Reading, str]]:
    """Readings from an office held: "X's administration", "X remains in power", and "deputy
    leader of Y under X" / "minister under X" (X leads Y, or leads the state)."""
    lex = _lex()
    root = span.root
    governor = root.head.head if root.dep_ == "pobj" else root
    if root.head.lower_ == "under" and governor.pos_ in {"VERB", "AUX"}:  # "served as minister under X"
        governor = next((o for p in governor.children if p.dep_ == "prep" and p.lower_ == "as"
                         for o in _children(p, {"pobj"})), governor)
    if root.dep_ == "pobj" and root.head.lower_ in {"under", "of"} and governor.pos_ in {"NOUN", "PROPN"}:
        office = governor
        matches = _match_titles([t for t in office.subtree if t.i <= office.i])
        if matches and matches[-1].tokens[-1] == office and matches[-1].kind in {"leader", "nonleader", "vice"} \
                and office.dep_ not in {"appos"}:
            last_word = matches[-1].phrase.split()[-1]
            if root.head.lower_ == "under" and (matches[-1].kind == "leader" or
                                                 (matches[-1].kind == "vice" and last_word in _lex()["leader_titles"])):
                # "deputy leader of the Labour Party under X": X leads what the title is of
                key, status, token = _of_chain(ctx, _of_objects(office), set(LEADABLE_TYPES))
                if status == "found" and key and token is not None and token.ent_type_ == LABEL_SEAT and \
                        last_word in lex["city_titles"]:
                    key = _capital_city(ctx, key, token)  # "Deputy Mayor of Paris under X": the city, not France
                if status == "found" and key:
                    yield Reading(matches[-1].phrase, root.head, key, False), "under_title"
            elif matches[-1].kind == "nonleader" and matches[-1].phrase in MINISTERIAL and not any(
                    t.ent_type_ not in {"", "PERSON"} or (t.is_title and not _is_title_word(t))
                    for t in root.doc[root.head.i + 1:span.start]):
                # "minister under X", "former ministers of X", "Secretary of Commerce under X" (not "Minister of
                # the Armed Forces X": the parser ran the ministry's name into the minister's)
                yield Reading("leader", root.head, None, True), "under_title"
            return
    office = None
    if root.dep_ in {"poss", "compound", "nmod"} and _word(root.head) in lex["state_office_nouns"]:
        office = root.head
    elif root.dep_ == "pobj" and root.head.lower_ == "of":
        noun = root.head.head
        states = [ctx.entity(c) for c in noun.children if c.dep_ in {"amod", "compound", "poss", "nmod"}
                  and ctx.type_of(ctx.entity(c)) == "Country"]
        if _word(noun) in {"government", "administration", "cabinet"} and len(states) == 1:
            yield Reading(_word(noun), noun, states[0], False), "office_of"  # "the US administration of President X"
            return
        if _word(noun) in lex["state_office_nouns"] or \
                (_word(noun) in lex["office_nouns_period"] and any(c.lower_ == "presidential" for c in noun.children)):
            office = noun
    elif root.dep_ == "poss" and _word(root.head) in lex["loss_of_office_nouns"] and not _of_objects(root.head):
        office = root.head  # "Arias's removal from power", "Arias' third overthrow"
    if office is not None:
        # (after the name, "the regime of X in Y", or after the office, "the X administration in Y")
        state = _state_named_after(ctx, span.end if root.dep_ == "pobj" else office.i + 1) \
            if root.dep_ == "pobj" or office.i > root.i else None
        if state is not None:  # "the regime of Muhammad Zia-ul-Haq in neighbouring Pakistan"
            yield Reading(_word(office), office, state, False), "office_of"
        else:
            yield Reading(_word(office), office, None, True), "office"
        return
    if root.dep_ == "dobj" and _lemma_in(root.head, POWER_GIVING_VERBS) and not _irrealis(root.head) and any(
            o.lower_ == "power" for p in _children(root.head, {"prep"}) if p.lower_ in {"to", "into"}
            for o in _children(p, {"pobj"})):
        yield Reading("power", root.head, None, True), "power"  # "the coup that brought Gaddafi to power"
        return
    for verb, voice in _subject_verbs(root):
        if voice != "active" or verb.lemma_.lower() not in lex["power_verbs"] or _irrealis(verb):
            continue
        nouns = _children(verb, {"dobj"}) + [o for p in verb.children if p.dep_ == "prep" and p.lower_ in {"in", "to", "into"}
                                              for o in _children(p, {"pobj"})]
        if any(n.lower_ == "power" for n in nouns):
            yield Reading("power", verb, None, True), "power"
            return
    for verb, voice in _subject_verbs(root):
        if voice == "active" and _reigned(verb):
            yield Reading("ruler", verb, None, True), "power"  # "X, who ruled for 42 years": the state's ruler
            return
    yield from _election_readings(ctx, root)
    yield from _winner_readings(ctx, span)


def _winner_readings(ctx: ArticleContext, span: Span) -> Iterator[tuple[Reading, str]]:
    """The one another candidate lost to won the office the loser ran for: "Y ran for Governor of
    Maryland, losing to X", "Y ran for president in 2004 but lost to X"."""
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ != "to" or root.head.head.lemma_.lower() != "lose":
        return
    lost = root.head.head
    for contest in _children(lost, {"dobj"}):  # "Y lost the 2004 presidential election to X"
        states = _contest_states(ctx, contest, lost)
        if states is not None and not _irrealis(lost):
            yield Reading("election", lost, states[0] if len(states) == 1 else None, len(states) != 1,
                          current=False), "election"
            return
    race = lost.head if lost.dep_ in {"advcl", "conj"} else None
    if race is None or race.lemma_.lower() not in {"run", "stand"} or _irrealis(race):
        return
    for office in [o for p in race.children if p.dep_ == "prep" and p.lower_ == "for" for o in _children(p, {"pobj"})]:
        reading = _np_reading(ctx, office, span)
        if reading:
            reading.current = False
            yield reading, "election"
            return


def _reigned(verb: Token) -> bool:
    """Is the verb an intransitive "ruled"/"reigned" told of a span of time ("ruled for 42 years", "reigned
    from 1930 until 1940", "governed since 2005"), not a ruling ("ruled that", "ruled against")?"""
    if verb.lemma_.lower() not in _lex()["reign_verbs"] or _irrealis(verb) or \
            any(c.dep_ in {"dobj", "ccomp", "neg", "prt", "attr", "oprd", "xcomp"} for c in verb.children):
        return False
    preps = [p for p in verb.children if p.dep_ == "prep"]
    if any(p.lower_ not in REIGN_PREPOSITIONS for p in preps):
        return False
    return any(o.ent_type_ == "DATE" or _word(o) in TIME_SPAN_NOUNS for p in preps for o in _children(p, {"pobj"}))


REIGN_PREPOSITIONS = frozenset({"for", "from", "until", "till", "to", "since", "between", "during", "in", "with"})
TIME_SPAN_NOUNS = frozenset({"year", "decade", "month", "century", "week"})


POWER_GIVING_VERBS = frozenset({"bring", "return", "restore", "sweep", "propel", "catapult", "put", "install"})


def _state_named_after(ctx: ArticleContext, end: int) -> str | None:
    """A state (or a place the NER tags as one) named by "in" right at ``end``, after a person's name or
    his office ("of X in neighbouring Pakistan", "the X administration in Rhodesia"), or None."""
    doc = ctx.doc
    if end + 1 >= len(doc) or doc[end].lower_ != "in":
        return None
    for token in doc[end + 1:min(end + 4, len(doc))]:
        key = ctx.entity(token)
        if key is not None:
            place = ctx.type_of(key) == "Location" and token.ent_type_ == "GPE"
            return key if ctx.type_of(key) == "Country" or place else None
        if token.pos_ not in {"DET", "ADJ"}:
            return None
    return None


def _election_readings(ctx: ArticleContext, root: Token) -> Iterator[tuple[Reading, str]]:
    """A head of state or government by election: "X won the 1951 UK general election", "X won
    Zambia's presidential election", "X won the presidency", "X defeated Y in the presidential
    election". The state is the one the election is named after, else a bare reading's fallback.
    Seats, primaries and nominations are not the office ("won a seat in the general election")."""
    lex = _lex()
    for verb, voice in _subject_verbs(root):
        if voice != "active" or not _lemma_in(verb, lex["election_win_verbs"]) or _irrealis(verb):
            continue
        if verb.lemma_.lower() == "win":
            contests = _children(verb, {"dobj"})
        else:  # "defeated Y in the presidential election"
            contests = [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "in" for o in _children(p, {"pobj"})]
        for contest in contests:
            states = _contest_states(ctx, contest, verb)
            if states is None:
                continue
            reading = Reading("election", verb, states[0] if len(states) == 1 else None, len(states) != 1,
                              current=not _past_tense(verb))
            yield reading, "election"
            return


def _contest_states(ctx: ArticleContext, contest: Token, verb: Token) -> list[str] | None:
    """The states an election for a head of state or government is named after ("the 1951 UK general
    election", "Zambia's presidential election"; "won the presidency"), or None for another contest
    (a seat, a primary, a nomination)."""
    lex = _lex()
    kinds = {_word(c) for c in contest.children if c.dep_ in {"amod", "compound"}}
    if not (_word(contest) in lex["election_nouns"] and kinds & lex["election_head_kinds"]) and \
            not (_word(contest) == "presidency" and verb.lemma_.lower() == "win"):
        return None
    return [key for c in contest.children if c.dep_ in {"amod", "compound", "poss", "nmod"}
            for key in [resolve_arg(ctx, c, {"Country"})[0] if c.dep_ == "poss" else ctx.entity(c)]
            if ctx.type_of(key) == "Country"]


# ---------------------------------------------------------------- article analysis and fallbacks

_ANALYSES: weakref.WeakKeyDictionary[ArticleContext, dict[int, list[Claim]]] = weakref.WeakKeyDictionary()


def _person_spans(ctx: ArticleContext) -> Iterator[tuple[str, Span, bool]]:
    """Person mentions, then subject pronouns ("he", "she") read as the last person mentioned."""
    for start, end, key in ctx.mentions:
        if ctx.types.get(key) in PERSONAL_NOUN_TYPES:
            yield key, ctx.doc[start:end], False
    if PRONOUN_FACTOR:
        for token in ctx.doc:
            if token.lower_ in {"he", "she"} and token.dep_ in {"nsubj", "nsubjpass"} and not _in_quote(token):
                person = _pronoun_person(ctx, token)
                if person:
                    yield person, ctx.doc[token.i:token.i + 1], True


def _title_anaphors(ctx: ArticleContext, claims: list[tuple[Claim, Span]]) -> Iterator[tuple[str, Span]]:
    """Subjects "the queen", "the president" read as the last person given that title before them
    ("X was Queen of Y. The Queen was also the monarch of Z"): a bare definite state-head title, no
    "of" phrase, no name, outside quotes, and an earlier claim with the same title word."""
    state_heads = _lex()["state_head_titles"]
    titled = sorted(((span.start, claim.title, claim.person) for claim, span in claims if claim.title in state_heads),
                    key=lambda item: item[0])
    if not titled:
        return
    for token in ctx.doc:
        if token.dep_ not in {"nsubj", "nsubjpass"} or token.lower_ not in state_heads or _in_quote(token):
            continue
        children = list(token.children)
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in children) \
                or any(c.dep_ in {"prep", "compound", "amod", "poss", "appos", "nmod"} for c in children) \
                or ctx.entity(token):
            continue
        holders = [person for start, title, person in titled if start < token.i and title == token.lower_]
        if holders:
            yield holders[-1], ctx.doc[token.i:token.i + 1]


LOYAL_FORCES_CONFIDENCE = 0.75
NAMESAKE_FORCES_CONFIDENCE = 0.45
COMMANDER_WORDS = frozenset({"strongman", "warlord", "commander", "general", "gen", "gen.", "marshal", "colonel",
                             "militia", "rebel", "renegade", "chieftain"})


def _named_commander(ctx: ArticleContext, person: str, sentence: Span) -> bool:
    """Is the person called a commander, strongman or warlord right before the name in the sentence?"""
    return any(_word(t) in COMMANDER_WORDS for start, _end, key in ctx.mentions
               if key == person and sentence.start <= start < sentence.end
               for t in ctx.doc[max(sentence.start, start - 3):start])


def _loyal_forces(ctx: ArticleContext) -> Iterator[tuple[Claim, Span]]:
    """"Haftar's forces", "forces loyal to Khalifa Haftar": the person leads that armed group."""
    for token in ctx.doc:
        group = _leader_group(ctx, token)
        if group and not _in_quote(token):
            person = group.removeprefix("group:")
            # "forces loyal to Libyan strongman X": a commander's own forces; "Gaddafi's forces", "forces loyal
            # to Cnut" are a ruler's, the state's army more often than a group he leads: a mention only
            confidence = LOYAL_FORCES_CONFIDENCE if _named_commander(ctx, person, token.sent) \
                else NAMESAKE_FORCES_CONFIDENCE
            yield (Claim(person, group, confidence, token, token.sent.start, "leader", "loyal_forces",
                         False), ctx.doc[token.i:token.i + 1])
        group = ctx.entity(token)
        if ctx.type_of(group) not in {"ArmedGroup", "Organization"} or _in_quote(token) or token.dep_ == "compound":
            continue
        if ctx.type_of(group) == "Organization" and \
                ctx.names.get(group, "").lower().rpartition(" ")[2] not in PERSONAL_GROUP_HEADS:
            continue  # (not "Sanders's Senate committee", "Reagan's State of the Union": no party or movement)
        # "Haftar's Libyan National Army", "Haftar and his Libyan National Army": a person's named armed group;
        # "Julius Chan's People's Progressive Party": a person's named party or movement
        if token.dep_ == "pobj" and token.head.lower_ == "of" and _is_title_word(token.head.head):
            continue  # "the co-leader of Chancellor X's party": the party's leader is the title's holder
        for owner in _children(token, {"poss"}):
            person = ctx.entity(owner)
            if person is None and owner.lower_ == "his" and token.dep_ == "conj":
                person = ctx.entity(token.head)
            if ctx.type_of(person) == "Person" and person != group:
                yield (Claim(person, group, LOYAL_FORCES_CONFIDENCE, token, token.sent.start, "leader",
                             "own_group", False), ctx.doc[owner.i:owner.i + 1])


def _political_group(ctx: ArticleContext, group: str | None) -> bool:
    """A party, movement, front or alliance: an organisation whose name ends in a personal group head
    word that is no armed unit's ("People's Progressive Party", not "Libyan National Army")."""
    last = ctx.names.get(group or "", "").lower().rpartition(" ")[2]
    return ctx.type_of(group) == "Organization" and last in PERSONAL_GROUP_HEADS - ARMED_GROUP_HEADS


ARMED_GROUP_HEADS = frozenset({"army", "militia", "brigade", "brigades", "forces", "legion"})
HELD_OFFICE_CONFIDENCE = 0.7  # "Russia's Vladimir Putin": a state's possessive on a known head's name


def _headed_states(ctx: ArticleContext, person: str, counts: Counter) -> set[str]:
    """The states the article names (``counts``) whose head of state (or de facto leader) the
    office-holders lexicon says a person was ("Erdogan": Turkey). Heads of government only are left out:
    a former prime minister is often named by his state in another role ("a position held by Chad's X")."""
    holders = lexicons.office_holders()
    return {state for full in _holders_named(ctx, person, counts) for state, kind in holders[full]
            if counts[state] and kind != "head_of_government"}


@lru_cache(maxsize=1)
def _other_office_words() -> frozenset[str]:
    """Words of titles that are no state's top office (a minister's, a deputy's, a diplomat's), ranks
    left out: between a state's possessive and a known holder's name they make his title another one."""
    words = {title.split()[-1] for title in _lex()["non_leader_titles"]}  # "chief justice": justice
    words |= {word for group in ("vice_titles", "blocking_modifiers") for title in _lex()[group]
              for word in title.split()}  # "vice president": vice (and president, taken out below)
    kept = {rank.split()[-1] for rank in _lex()["ranks"]} | _lex()["state_head_titles"]  # ("vice admiral": admiral)
    return frozenset(words - kept - {"of", "the", "in", "be", "first", "second", "team", "command"})


def _possessed_holders(ctx: ArticleContext, counts: Counter) -> Iterator[tuple[Claim, Span]]:
    """"Russia's Vladimir Putin", "after Mali's Assimi Goïta": a state's possessive on the name of a person
    the office-holders lexicon knows as that state's head of state (``counts``: the states the article
    names)."""
    for start, end, person in ctx.mentions:
        if ctx.type_of(person) != "Person":
            continue
        span = ctx.doc[start:end]
        for owner in _children(span.root, {"poss"}):
            state = ctx.entity(owner)
            # (not across another office's title: "Japan's Chief Cabinet Secretary X", "Iran's deputy leader X")
            between = {t.lower_.rstrip(".") for t in ctx.doc[owner.i + 1:span.start]}
            if ctx.type_of(state) == "Country" and not between & _other_office_words() and \
                    state in _headed_states(ctx, person, counts):
                yield (Claim(person, state, HELD_OFFICE_CONFIDENCE, owner, span.sent.start, "leader",
                             "possessive_holder", True), span)


OFFICIAL_TITLE_WORDS = frozenset({"minister", "secretary", "spokesman", "spokeswoman", "spokesperson"})


def _official_state(ctx: ArticleContext, span: Span) -> str | None:
    """The state a minister or spokesperson speaks for, named in their title: "German Defence Minister
    X", "X, the US defence secretary", "Kremlin spokesman X" (not "Secretary-General X" of a body)."""
    zones = [_prefix_zone(ctx, span)]
    zones += [[t for t in noun.subtree if t.i < noun.i + 1] for noun in _appos_nouns(span.root)
              if not span.start <= noun.i < span.end and _adjacent(noun, span)]
    for zone in zones:
        words = [_word(t) for t in zone]
        if not any(w in OFFICIAL_TITLE_WORDS for w in words) or any(w in {"general", "deputy", "vice", "former"}
                                                                   for w in words):
            continue
        states = {ctx.entity(t) for t in zone if ctx.type_of(ctx.entity(t)) == "Country"}
        if len(states) == 1:
            return states.pop()
    return None


NATIONAL_ANAPHOR_CONFIDENCE = 0.8


def _national_title_anaphors(ctx: ArticleContext, claims: list[tuple[Claim, Span]]) -> Iterator[tuple[Claim, Span]]:
    """"President Lai ... the Taiwanese leader": a definite state-head title with a state modifier and
    nothing else names the state of the last person before it who holds a state-head title without a
    state (or with that state), and no other state."""
    state_heads = _lex()["state_head_titles"]
    for token in ctx.doc:
        if token.lower_ not in state_heads or ctx.entity(token) or _in_quote(token):
            continue
        children = list(token.children)
        modifiers = [c for c in children if c.dep_ in {"amod", "compound", "nmod", "poss"}]
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in children) or len(modifiers) != 1 \
                or any(c.dep_ in {"prep", "appos"} for c in children):
            continue
        country = ctx.entity(modifiers[0])
        if ctx.type_of(country) != "Country":
            continue
        following = ctx.doc[token.i + 1] if token.i + 1 < len(ctx.doc) else None
        if following is not None and ctx.type_of(ctx.entity(following)) == "Person":
            continue  # "the German chancellor Angela Merkel": the title of the name after it
        holders: dict[str, int] = {}
        explicit: set[str] = set()  # holders already given this state
        others: set[str] = set()
        for claim, span in claims:
            if span.start >= token.i or not claim.state_head or not _same_office(claim.title, token.lower_):
                continue  # "the U.S. president" is no prime minister named before
            if claim.led is None or claim.led == country:
                holders[claim.person] = max(holders.get(claim.person, -1), span.start)
                if claim.led == country:
                    explicit.add(claim.person)
            elif ctx.type_of(claim.led) == "Country":
                others.add(claim.person)
        # the holder already given the state ("Sharif ... at the invitation of the Turkish President",
        # after "Turkish President Erdogan"), else the one named last before the anaphor ("Maduro said
        # ... the Venezuelan leader"), not the one titled last
        last_named = {person: max((start for start, _e, key in ctx.mentions if key == person and start < token.i),
                                  default=start) for person, start in holders.items()}
        candidates = sorted((person in explicit, start, person) for person, start in last_named.items()
                            if person not in others)
        if candidates:
            person = candidates[-1][2]
            span = ctx.doc[token.i:token.i + 1]
            yield (Claim(person, country, NATIONAL_ANAPHOR_CONFIDENCE, token, token.sent.start, token.lower_,
                         "national_anaphor", True), span)


COUNTERPART_CONFIDENCE = 0.7


def _counterparts(ctx: ArticleContext, claims: list[tuple[Claim, Span]]) -> Iterator[tuple[Claim, Span]]:
    """"President X met his Polish counterpart Y" (or "US counterpart Y"): Y holds X's office in the state the modifier names,
    when X's own claim names another state (a minister's counterpart is a minister: no fact)."""
    for token in ctx.doc:
        if token.lower_ not in {"counterpart", "counterparts"}:
            continue
        modifiers = [c for c in token.children if c.dep_ in {"amod", "compound", "nmod"}]
        if token.i > 0 and token.doc[token.i - 1] not in modifiers:
            modifiers.append(token.doc[token.i - 1])  # "and French counterpart Y" however parsed
        states = list(dict.fromkeys(k for k in map(ctx.entity, modifiers) if ctx.type_of(k) == "Country"))
        following = token.i + 1
        if following + 1 < len(ctx.doc) and ctx.doc[following].text == ",":
            following += 1  # "his Polish counterpart, Jan Nowak,"
        # the name right after the word first: the parser may hang a later name on it ("his Egyptian
        # counterpart X and Eritrea leader Y", with Y the apposition)
        named = ([ctx.doc[following]] if following < len(ctx.doc) else []) + [
            c for c in token.children if c.dep_ == "appos"]
        people = [ctx.entity(t) for t in named if ctx.type_of(ctx.entity(t)) == "Person"]
        owner = next((c for c in token.children if c.dep_ == "poss" and c.lower_ in {"his", "her"}), None)
        bare = not any(c.dep_ in {"det", "poss"} for c in token.children)  # "met US counterpart Y"
        hosted = not states and owner is not None
        if hosted:  # "X was in Rwanda at the weekend and met with his counterpart Y": the host's
            states = list(dict.fromkeys(k for t in token.sent if t.i < token.i for k in [ctx.entity(t)]
                                        if ctx.type_of(k) == "Country" and _visited_place(t)))
        if len(states) != 1 or not people or (owner is None and not bare):
            continue
        anchor = ctx.last_before(token.i, {"Person"})
        held = [c for c, _span in claims if c.person == anchor and c.state_head and c.led
                and ctx.type_of(c.led) == "Country" and c.confidence >= LEADER_CONTEXT_THRESHOLD]
        if not held or any(c.led == states[0] for c in held):
            continue
        title = max(held, key=lambda c: c.confidence).title
        span = ctx.doc[token.i:token.i + 1]
        confidence = COUNTERPART_CONFIDENCE * (HOSTED_COUNTERPART_FACTOR if hosted else 1.0)
        yield (Claim(people[0], states[0], confidence, token, token.sent.start, title, "counterpart", True), span)


HOSTED_COUNTERPART_FACTOR = 0.9
HOST_VERBS = frozenset({"visit", "tour", "travel", "arrive", "fly", "go", "be"})


def _visited_place(token: Token) -> bool:
    """Is a state named as the place a visitor is in or goes to ("was in Rwanda", "visited Kenya",
    "travelled to Ghana")?"""
    if token.dep_ == "dobj":
        return token.head.lemma_.lower() in {"visit", "tour"}
    return token.dep_ == "pobj" and token.head.lower_ in {"in", "to"} and token.head.head.lemma_.lower() in HOST_VERBS


LISTED_PEER_CONFIDENCE = 0.75
LIST_LEADS = frozenset({",", ";", ":", "and", "including", "included", "include", "includes", "were", "are"})
LEADER_GROUP_NOUNS = frozenset({"leaders", "presidents", "heads", "monarchs", "premiers"})


def _of_state_items(ctx: ArticleContext) -> dict[int, list[tuple[str, str, Token]]]:
    """The "Paul Kagame of Rwanda" items of an article by sentence start: (person, state, first token of the
    name), each a person named right before "of" and a state, the state closing the item (a comma, "and",
    the end of the sentence)."""
    doc = ctx.doc
    states = {start: (end, key) for start, end, key in ctx.mentions if ctx.types.get(key) == "Country"}
    items: dict[int, list[tuple[str, str, Token]]] = {}
    for start, end, key in ctx.mentions:
        sentence = doc[start].sent
        if ctx.types.get(key) != "Person" or end + 1 >= sentence.end or doc[end].lower_ != "of":
            continue
        state_end, state = states.get(end + 1) or (states.get(end + 2) if doc[end + 1].lower_ == "the" else None) \
            or (None, None)  # ("of The Gambia", "of the Netherlands")
        if state is None or (state_end < sentence.end and doc[state_end].text not in {",", ";", ".", "and", "(", ")"}
                             and not doc[state_end].is_sent_end):
            continue
        items.setdefault(sentence.start, []).append((key, state, doc[start]))
    return items


def _listed_peers(ctx: ArticleContext, claims: list[tuple[Claim, Span]],
                  items: dict[int, list[tuple[str, str, Token]]]) -> Iterator[tuple[Claim, Span]]:
    """"... included President Nana Akufo-Addo of Ghana, Macky Sall of Senegal and Paul Kagame of Rwanda":
    a list of people each named "of" a state (``_of_state_items``), where one of them (or another person of
    the sentence) holds a state-head title or the sentence (or the one before) speaks of leaders, names each
    state's leader; a list continued in the next sentence ("Others were X of Y, ...") too."""
    listed = False  # did the sentence before hold such a list?
    previous: Span | None = None
    for sentence in ctx.doc.sents:
        listed_here = items.get(sentence.start, [])
        leaders_before = previous is not None and any(t.lower_ in LEADER_GROUP_NOUNS for t in previous)
        continued, listed, previous = listed, False, sentence
        if len(listed_here) < 2:
            continue
        titled = [c for c, _span in claims if c.sentence_start == sentence.start and c.state_head and c.led
                  and ctx.type_of(c.led) == "Country" and c.confidence >= LEADER_CONTEXT_THRESHOLD]
        # (the leaders may be named in the sentence before: "... newly elected leaders. Among them were X of Y, ...")
        if not (titled or continued or leaders_before or any(t.lower_ in LEADER_GROUP_NOUNS for t in sentence)):
            continue
        listed = True
        title = max(titled, key=lambda c: c.confidence).title if titled else "leader"
        held = {(c.person, c.led) for c, _span in claims}
        for person, state, first in listed_here:
            lead = ctx.doc[first.i - 1] if first.i > sentence.start else None
            if (person, state) in held or lead is None or lead.lower_ not in LIST_LEADS or _is_title_word(first):
                continue  # (its own title says it: "President X of Y", "Foreign Minister X of Y", "Princess X of Y")
            yield (Claim(person, state, LISTED_PEER_CONFIDENCE, first, sentence.start, title, "listed_peer", True),
                   ctx.doc[first.i:first.i + 1])


def _in_quote(token: Token) -> bool:
    """Is the token inside quotation marks (counted from the start of its sentence)?"""
    quotes = sum(1 for t in token.doc[token.sent.start:token.i] if t.text in {'"', "“", "”", "``", "''"})
    return quotes % 2 == 1


def _pronoun_person(ctx: ArticleContext, token: Token, other: str | None = None) -> str | None:
    """The person a "he"/"she" (or, with ``other``, the clause's subject, an object "him"/"her")
    stands for: the last person other than ``other`` mentioned as a subject."""
    for start, end, key in reversed(ctx.mentions):
        if start >= token.i or key == other or ctx.types.get(key) not in PERSONAL_NOUN_TYPES:
            continue
        root = ctx.doc[start:end].root
        if root.dep_ == "compound" and root.head.i == end:
            root = root.head  # ("Joseph Ejercito Estrada KGCR (born 1937) is ...": the honours head the phrase)
        if root.dep_ in {"nsubj", "nsubjpass"}:
            return key
    return None


def _conjoined_states(ctx: ArticleContext, reading: Reading) -> list[str]:
    """The other states of a title "of" two ("Queen of Denmark and Norway"): conjuncts of the state named
    right after the title's "of"."""
    if ctx.type_of(reading.led) != "Country":
        return []
    trigger = reading.trigger
    for token in trigger.doc[trigger.i:min(trigger.i + 6, len(trigger.doc))]:
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.i in range(trigger.i, token.i) \
                and ctx.entity(token) == reading.led:
            if token.head.head.tag_ in {"NNS", "NNPS"}:
                return []  # "the presidents of Chad and Niger, X and Y": one state each (``_plural_title_list``)
            return [k for c in token.conjuncts for k in [ctx.entity(c)] if ctx.type_of(k) == "Country" and k != reading.led]
    return []


def _sentence_claims(ctx: ArticleContext, person: str, span: Span, pronoun: bool = False) -> list[Claim]:
    sentence = span.sent
    claims: list[Claim] = []
    lex = _lex()
    factor = PRONOUN_FACTOR if pronoun else 1.0
    for reading, frame in [*_frames(ctx, span, pronoun), *_office_readings(ctx, span)]:
        if reading.led == person:
            continue
        if ctx.type_of(reading.led) == "Country":
            reading.led = _former_seat_state(ctx, person, reading.led, sentence) or reading.led
            if reading.generic:
                reading.led = _own_state(ctx, person, reading.led)
        confidence = CONFIDENCE.get(frame, 0.0) * factor * reading.factor
        for led in [reading.led, *_conjoined_states(ctx, reading)]:
            claims.append(Claim(person, led, confidence if led else 0.0, reading.trigger, sentence.start,
                                reading.title, frame if led else f"{frame}:bare",
                                reading.title in lex["state_head_titles"] or frame in {"office", "power", "office_of",
                                                                                      "election"},
                                reading.current))
    for key, confidence, trigger, frame in _lead_claims(ctx, span):
        if ctx.type_of(key) == "Country" and any(o.lower_ in STATE_WORDS for o in _children(trigger, {"dobj"})):
            key = _own_state(ctx, person, key)  # "led the country to independence"
        if key != person:
            claims.append(Claim(person, key, confidence * factor, trigger, sentence.start, trigger.lemma_.lower(), frame, False))
    return claims


def _held_states(ctx: ArticleContext, person: str) -> set[str]:
    """The states the office-holders lexicon has the person (by his full name) lead or head."""
    offices = lexicons.office_holders().get(lexicons.holder_key(ctx.names.get(person, "")), ())
    return {state for state, _kind in offices}


def _own_state(ctx: ArticleContext, person: str, state: str) -> str:
    """The state "the country" means in a known holder's title ("X was elected the country's first leftist
    president"): the one state the article names that the office-holders lexicon has him lead, when the
    reference resolved to another (the last state named is often a foreign one); else ``state``."""
    held = _held_states(ctx, person)
    if not held or state in held:
        return state
    named = held & {key for _s, _e, key in ctx.mentions}
    return named.pop() if len(named) == 1 else state


def _former_seat_state(ctx: ArticleContext, person: str, state: str, sentence: Span) -> str | None:
    """"Kremlin leader Mikhail Gorbachev": a seat the sentence names for a state is the former state it was
    also the seat of (``lexicons.former_seats``) when the office-holders lexicon knows the person as a
    leader of that former state and never of the present one."""
    held = _held_states(ctx, person)
    if not held or state in held:
        return None
    for start, end, key in ctx.mentions:
        if key == state and sentence.start <= start < sentence.end and ctx.doc[start].ent_type_ == LABEL_SEAT:
            seat = _LEADING_THE.sub("", ctx.doc[start:end].text)
            former = [s for s in lexicons.former_seats().get(lexicons.fold(seat), ()) if s in held]
            if former:
                return ctx.add_state(former[0])
    return None


_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


def _speech_country(ctx: ArticleContext, span: Span) -> str | None:
    """For "..., Prime Minister X said": the country that is the subject of what X said."""
    root = span.root
    if root.dep_ == "poss" and root.head.dep_ == "nsubj":  # "President X's office announced"
        root = root.head
    verb = root.head
    if root.dep_ != "nsubj" or verb.lemma_.lower() not in _lex()["speech_verbs"]:
        return None
    clauses = _children(verb, {"ccomp"})
    if verb.dep_ in {"parataxis", "ccomp"} and verb.head != verb:
        clauses.append(verb.head)
    for clause in clauses:
        for subject in _children(clause, {"nsubj", "nsubjpass"}):
            key, _ = resolve_arg(ctx, subject, {"Country"})
            if key and ctx.type_of(key) == "Country":
                return key
    return None


def _fallback(ctx: ArticleContext, claim: Claim, span: Span, known: dict[str, str], taken: dict[str, list[Claim]],
              counts: Counter, scene: _Scene) -> tuple[str, str] | None:
    """(country, fallback name) for a bare state-head claim, or None.

    A country another person explicitly leads is never inferred when that claim is in the same
    sentence, or when both hold the same title now ("Russian President X met President Y").
    """
    person = claim.person
    if "known" in ENABLED_FALLBACKS and person in known:
        return known[person], "known"
    held = _office_holder_states(ctx, claim, counts) if "office_holder" in ENABLED_FALLBACKS else None
    if held is not None:
        states, any_named = held
        if states:  # (no guess: a rival named in the sentence, below, does not rule it out)
            return states[0], "office_holder"
        if not any_named:
            return None  # a holder of another state's office, in an article that does not name that state
    # "Backed by the X administration, Y argued": the administration acts on the state its sentence
    # names, so only the article's own state (below) may be its state
    acting_on = claim.pattern.startswith("office") and claim.trigger.head.lower_ == "by"
    # ("Italy's leader X ... sworn in as the nation's Prime Minister": X's office is the specific one, so a
    # President Y is no rival; "leader" alone still matches any office)
    specific = {(o.person, c) for c, others in taken.items() for o in others if o.title not in {"leader", "election"}}
    # (a former holder beside the one now in the same office is the predecessor, no rival: "X was sworn in
    # as Y's new president after the upheaval caused by former President Z")
    predecessor = _former(claim.trigger)
    excluded = {c for c, others in taken.items()
                if any(o.person != person and o.title != "election" and (
                    (o.sentence_start == claim.sentence_start and not (
                        predecessor and not _former(o.trigger) and _same_office(o.title, claim.title))) or
                    (o.current and claim.current and _same_office(o.title, claim.title)
                     and not (o.title == "leader" and (o.person, c) in specific)))
                       for o in others)}
    appointer = _appointer(ctx, claim.trigger)
    if "appointer" in ENABLED_FALLBACKS and appointer in known and all(
            not _same_office(o.title, claim.title) for o in taken.get(known[appointer], []) if o.person == appointer):
        # "Cambodian King X appointed Y as the new Prime Minister": an office in the appointer's state
        return known[appointer], "appointer"
    if "predecessor" in ENABLED_FALLBACKS and predecessor:
        # "X was sworn in as Y's new president after the upheaval caused by former President Z": Z held
        # the office of Y the sentence gives another (not a former holder too)
        holders = {c for c, others in taken.items() for o in others
                   if o.person != person and not _former(o.trigger) and o.sentence_start == claim.sentence_start
                   and o.title != "leader" and _same_office(o.title, claim.title)}
        if len(holders) == 1:
            return holders.pop(), "predecessor"
    if "speech" in ENABLED_FALLBACKS:
        country = _speech_country(ctx, span)
        if country and country not in excluded:
            return country, "speech"
    sentence = span.sent
    in_sentence: list[str] = []  # countries the sentence names
    plain: list[str] = []  # ... not inside a longer name ("the Philippine Commission")
    related: list[str] = []  # ... in the person's clause or one governing or coordinated with it
    own_role: list[str] = []  # ... named at least once not as a destination or a counterpart's nationality
    for start, end, key in ctx.mentions:
        state = _national_body_state(ctx, key) if sentence.start <= start < sentence.end and \
            " of " in ctx.names.get(key, "") and ctx.type_of(key) == "Organization" else None
        if state:  # "the People's Democratic Party of Afghanistan took power, installing X as president": the
            # state a body's name ends with
            root = ctx.doc[start:end].root
            for seen, ok in ((in_sentence, True), (plain, True), (related, _related(root, span.root)),
                             (own_role, True)):
                if ok and state not in seen:
                    seen.append(state)
        if sentence.start <= start < sentence.end and ctx.types.get(key) == "Country":
            mention = ctx.doc[start:end]
            root = mention.root
            # not inside a longer name, nor a bare noun modifier ("the Iran arms affair")
            embedded = _embedded(ctx, mention, key) or (root.dep_ == "compound" and root.head.pos_ == "NOUN"
                                                         and root.ent_type_ != LABEL_DEMONYM)
            if root.ent_type_ == LABEL_DEMONYM and root.head.lower_ in _lex()["non_state_groups"]:
                continue  # "aid diverted to Angolan rebels": the rebels' nationality, not a state anyone here leads
            for seen, ok in ((in_sentence, True), (plain, not embedded), (related, _related(mention.root, span.root)),
                             (own_role, not _other_role(mention.root, span.root))):
                if ok and key not in seen:
                    seen.append(key)
    for token in sentence:  # "the country's", "the nation"
        if token.lower_ in {"country", "nation"} and (any(c.lower_ in {"the", "this"} for c in token.children)
                                                      or _generic_possessor(token)):
            key, _ = resolve_arg(ctx, token, {"Country"})
            if key:  # (and in another role like a named state: "a defence deal ... for the country")
                for seen, ok in ((in_sentence, True), (plain, True), (related, _related(token, span.root)),
                                 (own_role, not _other_role(token, span.root))):
                    if ok and key not in seen:
                        seen.append(key)
    top = _top_country(counts)
    if acting_on:
        related = []
    bound = [c for c in related if c in own_role]  # the states the title may belong to
    if "sentence_top" in ENABLED_FALLBACKS and top and top in bound and top in plain and top not in excluded and \
            all(counts[top] >= 1.5 * counts[c] for c in related if c != top):
        return top, "sentence_top"
    candidates = [c for c in bound if c not in excluded and c in plain]
    if "sentence_only" in ENABLED_FALLBACKS and len(candidates) == 1 and len(bound) == 1:
        return candidates[0], "sentence_only"
    if [c for c in related if c in plain and c in own_role]:
        return None  # (a state named only as a destination or a counterpart's nationality is no rival)
    host, visitors = _host_state(scene.arrivals, sentence.end)
    if person in visitors and host:
        excluded = excluded | {host}  # "President X, who arrived in Kathmandu": a guest, not the host's leader
    if "host" in ENABLED_FALLBACKS and claim.current and host and host not in excluded and counts[host] >= 2 and \
            not [c for c in related if c in plain and c in own_role and c != host]:
        return host, "host"  # "X, who arrived in Kathmandu on Sunday, called on President Y": Nepal's
    previous = _last_country_before(ctx, sentence.start)
    if "article" in ENABLED_FALLBACKS and top and previous == top and top not in excluded and \
            (counts[top] >= 2 or len(counts) == 1):
        return top, "article"
    dateline = scene.dateline
    if "dateline" in ENABLED_FALLBACKS and claim.current and top and dateline and dateline not in excluded and \
            counts[dateline] >= 2 and counts[dateline] + 1 >= counts[top]:
        # "CAIRO (AFP) - ... President X": the state the story is filed from, and as much about as any
        return dateline, "dateline"
    dominant = _dominant(counts, at_least=3)
    if "dominant" in ENABLED_FALLBACKS and not claim.current and dominant and dominant not in excluded:
        return dominant, "dominant"
    if "recent" in ENABLED_FALLBACKS and previous and previous not in excluded and \
            _sentences_between(ctx, previous, sentence) <= 2:
        return previous, "recent"
    return None


def _office_kinds(title: str) -> frozenset[str]:
    """The office kinds of the holders lexicon a title may name: a head of government's ("Prime
    Minister", "Chancellor"), a head of state's ("President", "King") or, for a generic title or office
    ("leader", "ruler", "government"), any."""
    if title in _lex()["head_of_government_titles"]:
        return frozenset({"head_of_government", "leader"})
    if title in _lex()["head_of_state_titles"] | _lex()["monarch_titles"]:
        return frozenset({"head_of_state", "leader"})
    return frozenset(lexicons.OFFICE_KINDS)


def _office_holder_states(ctx: ArticleContext, claim: Claim, counts: Counter) -> tuple[list[str], bool] | None:
    """The states the article names whose office of the claim's kind the person held, by the office-holders
    lexicon (most named first), and whether the article may name a state the person led; None for a
    person the lexicon does not know ("President Vladimir Putin announced a Russian invasion": Russia).

    A name known only in part, a surname ("President Mnangagwa", "Prime Minister Mitchell") or a long
    name's first and last words ("Roch Kaboré"), must be that of holders of the same state(s) only, among
    those the article names; and it never rules a state out (another may bear it)."""
    people = _holders_named(ctx, claim.person, counts)
    if not people:
        return None
    holders = lexicons.office_holders()
    kinds = _office_kinds(claim.title)
    states = sorted({state for full in people for state, kind in holders[full] if counts[state] and kind in kinds},
                    key=lambda state: (-counts[state], state))
    name = lexicons.holder_key(ctx.names.get(claim.person, ""))
    # (a one-word name, "Sukarno", "Akihito", may be someone else's surname: it never rules a state out)
    certain = name in holders and " " in name
    return states, not certain or any(counts[state] for state, _kind in holders[name])


def _holders_named(ctx: ArticleContext, person: str, counts: Counter) -> list[str]:
    """The office holders (lexicon names) a person's name may be: the one of the same full name, else those
    whose surname or first and last words it is, or whose surname and first initial it shares (a spelling
    variant), if they held office in the same state(s) the article names (``counts``); else none."""
    holders = lexicons.office_holders()
    name = lexicons.holder_key(ctx.names.get(person, ""))
    if name in holders:
        return [name]
    partial = lexicons.office_holder_short_names().get(name) or lexicons.office_holder_surnames().get(name, ())
    first, _space, last = name.partition(" ")
    if not partial and last and " " not in last:  # "Binyamin Netanyahu": another spelling of a holder's first name
        partial = tuple(full for full in lexicons.office_holder_surnames().get(last, ()) if full[0] == first[0])
    named = {full: frozenset(state for state, _kind in holders[full] if counts[state]) for full in partial}
    named = {full: states for full, states in named.items() if states}
    return list(named) if len(set(named.values())) == 1 else []


def _appointer(ctx: ArticleContext, title: Token) -> str | None:
    """The person who gives a bare title by an appointing verb ("King X appointed Y as the new Prime
    Minister", "President X named Y prime minister"): the verb's subject, or None."""
    noun = title if title.dep_ in {"pobj", "oprd"} else title.head if title.dep_ == "compound" else title
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "as" else noun.head if noun.dep_ == "oprd" \
        else None
    if verb is None or not _lemma_in(verb, APPOINTING_VERBS) or _irrealis(verb):
        return None
    people = [ctx.entity(s) for s in _children(verb, {"nsubj"})]
    return next((p for p in people if ctx.type_of(p) == "Person"), None)


def _national_administration(ctx: ArticleContext) -> str | None:
    """The one state the article names an administration after ("the US administration", "the
    previous American administration", "Washington's administration"), or None."""
    states: set[str] = set()
    for token in ctx.doc:
        if token.lower_ != "administration":
            continue
        for child in token.children:
            key = ctx.entity(child)
            if child.dep_ in {"amod", "compound", "poss", "nmod"} and ctx.type_of(key) == "Country":
                states.add(key)
    return states.pop() if len(states) == 1 else None


SAME_OFFICE = {"premier": "prime minister", "pm": "prime minister", "monarch": "king", "queen": "king",
               "ruler": "leader", "head of government": "prime minister"}  # ("head of state": no prime minister)


FORMER_WORDS = frozenset({"former", "ex", "ex-", "late", "then", "then-", "deposed", "ousted", "toppled", "overthrown",
                          "exiled", "outgoing", "erstwhile", "previous"})


def _former(title: Token) -> bool:
    """Is a title marked as held before ("former President", "ex-premier", "the late King")?"""
    before = title.doc[max(title.sent.start, title.i - 3):title.i]
    return any(t.lower_ in FORMER_WORDS for t in before) or title.lower_.startswith("ex-")


def _same_office(title: str, other: str) -> bool:
    """Could two state-head titles name one office ("premier" = "prime minister")? "leader" ("the
    Venezuelan leader") names any."""
    title, other = SAME_OFFICE.get(title, title), SAME_OFFICE.get(other, other)
    return title == other or "leader" in {title, other}


def _last_country_before(ctx: ArticleContext, position: int) -> str | None:
    """The country named last before a token (by name, capital or demonym)."""
    for start, end, key in reversed(ctx.mentions):
        if start < position and ctx.types.get(key) == "Country" and not _embedded(ctx, ctx.doc[start:end], key) \
                and not in_dateline(ctx.doc[start]):
            return key
    return None


ARRIVAL_VERBS = frozenset({"arrive", "land"})


@dataclass
class _Scene:
    """What an article says once about where it is set, for every bare title's fallback: the state its
    dateline names, and the visits it tells ((position, host state, visitors) for each arrival)."""
    dateline: str | None
    arrivals: list[tuple[int, str, set[str]]]


def _scene(ctx: ArticleContext) -> _Scene:
    """The dateline state and the arrivals of one article ("Misri, who arrived in Kathmandu on Sunday")."""
    arrivals: list[tuple[int, str, set[str]]] = []
    for start, _end, key in ctx.mentions:
        if ctx.types.get(key) != "Country":
            continue
        place = ctx.doc[start]
        preposition = place.head
        if place.dep_ == "pobj" and preposition.lower_ in {"in", "at"} and \
                preposition.head.lemma_.lower() in ARRIVAL_VERBS and not _irrealis(preposition.head) and \
                any(ctx.type_of(ctx.entity(s)) == "Person" or s.tag_ == "WP" for s in preposition.head.children
                    if s.dep_ == "nsubj"):
            visitors = {ctx.entity(subject.head.head if subject.tag_ == "WP" and preposition.head.dep_ == "relcl"
                                   else subject) for subject in _children(preposition.head, {"nsubj"})}
            arrivals.append((start, key, visitors - {None}))
    return _Scene(_dateline_state(ctx), arrivals)


def _host_state(arrivals: list[tuple[int, str, set[str]]], before: int) -> tuple[str | None, set[str]]:
    """The one state visitors are told to have arrived in before a position: the host of the people the
    visit then meets (None if arrivals name two), and the visitors."""
    hosts = {key for start, key, _visitors in arrivals if start < before}
    visitors = {v for start, _key, people in arrivals if start < before for v in people}
    return (hosts.pop() if len(hosts) == 1 else None), visitors


def _dateline_state(ctx: ArticleContext) -> str | None:
    """The state a dateline names ("CAIRO (AFP) -", "Kyiv:"), by name or capital, or None."""
    for start, _end, key in ctx.mentions:
        if not in_dateline(ctx.doc[start]):
            if ctx.doc[start].sent.start > 0:
                break  # only the article's opening line can be its dateline
            continue
        if ctx.types.get(key) == "Country":
            return key
    # a place in capitals no name tagger knows as such ("PHNOM PENH (AFP) -"): its words, looked up
    opening = next(iter(ctx.doc.sents), None)
    if opening is None or not in_dateline(opening[0]):
        return None
    words = []
    for token in opening[:3]:
        if not (token.is_alpha and token.is_upper):
            break
        words.append(token.text)
    place = " ".join(words)
    entry = lexicons.country_by_name().get(lexicons.fold(place)) if place else None
    return entry.key if entry is not None else None


def _sentences_between(ctx: ArticleContext, key: str, sentence: Span) -> int:
    """How many sentences back the last mention of ``key`` is (1 = the sentence before)."""
    last = max((start for start, _e, k in ctx.mentions if k == key and start < sentence.start), default=None)
    if last is None:
        return 99
    return sum(1 for s in ctx.doc.sents if last < s.end and s.start <= sentence.start) - 1


INTERNAL_EVENTS = frozenset({"war", "revolution"})  # ("Civil War" only: "the Vietnam War" is no one state's)


def _embedded(ctx: ArticleContext, mention: Span, key: str) -> bool:
    """A country name inside a longer proper name ("the Philippine Commission", "Thanksgiving Turkey")."""
    root = mention.root
    head = root.head
    if root.dep_ in {"compound", "amod", "nmod"} and head.lower_ in INTERNAL_EVENTS and (
            head.lower_ != "war" or any(c.lower_ == "civil" for c in head.lefts)):
        return False  # "the Ugandan Civil War", "the Cuban Revolution": the state's own
    if root.dep_ in {"compound", "amod", "nmod"} and head.pos_ == "PROPN" and ctx.entity(head) != key \
            and not _is_title_word(head):
        return True
    return any(c.dep_ == "compound" and c.pos_ == "PROPN" and ctx.entity(c) != key and not _is_title_word(c)
               for c in root.children)


def _clause(token: Token) -> Token:
    node = token
    for _ in range(30):
        if node.pos_ in {"VERB", "AUX"} or node.head == node:
            return node
        node = node.head
    return node


def _related(country: Token, person: Token) -> bool:
    """Is the country named in the person's clause, a clause coordinated with it, or one governing it
    (not in a clause subordinate to the person's: "X warned ... if France does not ...")?"""
    mine, theirs = _clause(person), _clause(country)
    if mine == theirs or theirs in mine.conjuncts:
        return True
    if theirs.dep_ == "advcl" and theirs.head == mine and theirs.tag_ in {"VBG", "VBN"} and \
            not any(c.dep_ in {"nsubj", "nsubjpass", "mark"} for c in theirs.children):
        return True  # "Speaking in Nairobi, President X said": a participle shares the person's clause
    node = mine
    for _ in range(10):
        if node.head == node:
            break
        node = _clause(node.head)
        if node == theirs:
            return True
    return False


VISIT_VERBS = frozenset({"travel", "visit", "fly", "go", "come", "journey", "arrive", "head"})
FOREIGN_ENVOY_TITLES = frozenset({"ambassador", "ambassadors", "envoy", "envoys", "consul", "emissary"})


COUNTERPART_NOUNS = frozenset({"relation", "relations", "tie", "ties", "talk", "talks", "treaty", "war", "dispute",
                               "border", "cooperation", "partnership", "negotiation", "negotiations", "rapprochement"})


def _other_role(country: Token, person: Token) -> bool:
    """Does a state named in the sentence fill another role than the title holder's own state: a
    destination or source ("send troops to Poland", "sales to Taiwan"), a
    dateline, the nationality of a counterpart ("and French counterpart Y"), of another holder ("the
    Argentine President ... Prime Minister X"), of an envoy ("Chinese Ambassador Y") or of a force ("the Russian air force ... President X"), or the subject acting on the holder ("the United States sent
    destroyers to pressure President X")? (A possessor is not ruled out: "Prime Minister X is
    popular despite Australia's economic problems" is about X's own state more often than not.)"""
    if country.dep_ == "pobj" and country.head.lower_ in {"to", "into", "toward", "towards", "against", "from", "for"}:
        # (not a place inside such a phrase: "travelled to Denmark's air base, greeted by X"), and not a
        # visit's destination: "travel to Denmark to meet with Prime Minister X" is X's own state
        visit = country.head.head
        if country.head.lower_ != "to" or not _lemma_in(visit, VISIT_VERBS):
            return True
        # the traveller is no host: "an official visit to Bahrain by King Saud", "King X travelled to Y"
        return person.head == visit and person.dep_ in {"nsubj", "poss"} or (
            person.dep_ == "pobj" and person.head.lower_ in {"by", "with"} and person.head.head == visit)
        # ("King travelled to Turkey with Prime Minister May": a fellow traveller is no host either)
    if country.dep_ == "dobj" and country.head.lemma_.lower() == "visit":
        return True  # "invited Prime Minister X to visit India": a destination, not X's own state
    if country.dep_ == "pobj" and country.head.lower_ == "with" and _lemma_in(country.head.head, COUNTERPART_NOUNS):
        return True  # "to keep good relations with the Soviet Union like President X": the other party
    if country.dep_ == "pobj" and country.head.lower_ in {"in", "at"} and \
            country.head.head.lemma_.lower() in ARRIVAL_VERBS and \
            (person.head == country.head.head and person.dep_ == "nsubj" or
             country.head.head.dep_ == "relcl" and country.head.head.head == person):
        return True  # "President X, who arrived in Kathmandu": where the visitor went
    if country.dep_ in {"amod", "compound", "poss"} and country.head.lower_ in FOREIGN_ENVOY_TITLES:
        return True  # "Chinese Ambassador to Pakistan Y": the nationality of an envoy abroad
    if country.dep_ == "nsubj" and person.dep_ == "dobj" and country.head in person.ancestors \
            and not _lemma_in(person.head, frozenset({"elect", "re-elect", "inaugurate", "swear", "appoint"})):
        return True  # "the United States sent destroyers to pressure President X": the state acts on X
    after = country.doc[country.i + 1] if country.i + 1 < len(country.doc) else None
    if country.i == country.sent.start and after is not None and after.text in {"-", "–", "—"} and after.whitespace_:
        return True  # a dateline: "WARSAW - President X said ..."
    if country.dep_ in {"amod", "compound", "poss"} and country.head != person and person not in country.head.children \
            and country.head.head != person \
            and (country.head.ent_type_ == "PERSON" or _word(country.head) in _lex()["state_head_titles"]):
        return True  # "the Argentine President planned to meet Prime Minister X": another holder's state
    if country.dep_ in {"amod", "compound", "nmod", "poss"} and _word(country.head) in BORDER_NOUNS:
        return True  # "towns on the Turkish border ... President X": a place beside a state, not X's state
    if country.dep_ in {"amod", "compound", "nmod"} and _word(country.head) in FORCE_NOUNS:
        return True  # "the Russian air force struck in support of President X": a foreign force acts
    following = country.doc[country.i + 1] if country.i + 1 < len(country.doc) else None
    return following is not None and following.lower_ in {"counterpart", "counterparts"}


BORDER_NOUNS = frozenset({"border", "borders", "frontier", "coast", "waters", "airspace", "side"})
# Nouns for a state's forces or arms: a state named as their nationality acts through them, abroad as often as not
FORCE_NOUNS = frozenset({"army", "navy", "force", "forces", "military", "troops", "soldiers", "jets", "warplanes",
                         "aircraft", "warships", "drones", "bombers", "militaries"})


def _region_counts(ctx: ArticleContext) -> Counter:
    """How often the article names each state or province it mentions (a place whose name is a
    first-level subdivision in ``pycountry``), counting names inside longer ones ("the Supreme Court
    of Florida")."""
    subdivisions = lexicons.governed_subdivisions()
    counts: Counter = Counter()
    for key, kind in ctx.types.items():
        if kind != "Location":
            continue
        name = ctx.names.get(key, "")
        folded = lexicons.fold(name)
        if folded.removesuffix(" state").removesuffix(" province") not in subdivisions:
            continue
        pattern = re.compile(rf"\b{re.escape(name)}\b")
        counts[key] = len(pattern.findall(ctx.doc.text))
    return +counts


REALM_CONFIDENCE = 0.6


def _sentence_realm(ctx: ArticleContext, span: Span) -> str | None:
    """The realm a bare monarch's title ("Queen X") is of: the one realm of history its sentence names (a
    place, not a state of the gazetteer, whose name ends in a realm noun: "the Hawaiian Kingdom", "the Mali
    Empire"), not in another role."""
    realms = _lex()["realm_nouns"]
    sentence = span.sent
    named = {key for start, end, key in ctx.mentions if sentence.start <= start < sentence.end
             and ctx.type_of(key) == "Location" and ctx.names.get(key, "").lower().rpartition(" ")[2] in realms
             and not _other_role(ctx.doc[start:end].root, span.root)}
    return named.pop() if len(named) == 1 else None


def _region_fallback(ctx: ArticleContext, span: Span, regions: Counter) -> tuple[str, str] | None:
    """(region, fallback name) for a bare regional title ("Governor X", "making X premier"): the
    only state or province its sentence names in the holder's own role (not "sent troops to Z"),
    else the only one the article names, or its most-named one when named at least twice and more
    than any other."""
    if not regions:
        return None
    sentence = span.sent
    named: list[str] = []
    for start, end, key in ctx.mentions:
        if sentence.start <= start < sentence.end and key in regions and key not in named and \
                not _other_role(ctx.doc[start:end].root, span.root):
            named.append(key)
    if len(named) == 1:
        return named[0], "region_sentence"
    if named:
        return None
    ranked = regions.most_common(2)
    if len(ranked) == 1 or (ranked[0][1] >= 2 and ranked[0][1] > ranked[1][1]):
        return ranked[0][0], "region_article"
    return None


def _sentence_city(ctx: ArticleContext, span: Span) -> str | None:
    """The city a bare "mayor X" heads: the only town or city its sentence names in the mayor's own role
    ("San Francisco started granting licences at the behest of mayor X"), or a capital named literally
    ("In Kyiv, Mayor X said"). A state or first-level region is no city, except as a city's own
    ("San Francisco, California")."""
    sentence = span.sent
    subdivisions = lexicons.governed_subdivisions()
    named: list[tuple[str, int, int]] = []  # (city key, mention start, end)
    for start, end, key in ctx.mentions:
        if not sentence.start <= start < sentence.end or start >= span.start and end <= span.end:
            continue
        mention = ctx.doc[start:end]
        if _other_role(mention.root, span.root) or _visited_place(mention.root) or \
                mention.root.dep_ == "pobj" and mention.root.head.lower_ in {"to", "into", "toward", "towards", "from"}:
            continue  # (a destination or an origin: "flown to Denver")
        if mention.root.dep_ == "pobj" and mention.root.head.lower_ in {"in", "at"} and \
                mention.root.head.head.lemma_.lower() not in _lex()["speech_verbs"]:
            continue  # where something happened, maybe a visit ("met President Y in Kyiv"); "In Kyiv, Mayor X said"
        if ctx.type_of(key) == "Location" and mention.root.ent_type_ in {"GPE", LABEL_SEAT} and \
                mention.root.pos_ == "PROPN":  # (not "Nordland county council")
            named.append((key, start, end))
        elif ctx.type_of(key) == "Country" and mention.root.ent_type_ == LABEL_SEAT:
            city = _capital_city(ctx, key, mention.root)
            if city:
                named.append((city, start, end))
    cities: list[str] = []
    for number, (key, start, _end) in enumerate(named):
        region = lexicons.fold(ctx.names.get(key, "")) in subdivisions
        after_city = number > 0 and named[number - 1][2] + 1 == start and ctx.doc[start - 1].text == ","
        if region and after_city:
            continue  # ("San Francisco, California": the city's state)
        if region or key not in cities and cities:
            return None  # a region, or a second city ("New York and Chicago")
        cities.append(key)
    return cities[0] if cities else None


def _person_of(ctx: ArticleContext, token: Token, other: str | None = None) -> str | None:
    """The person a noun phrase or personal pronoun names (a relative "who" is its antecedent)."""
    if token.tag_ in {"WP", "WDT"} and token.head.dep_ == "relcl":
        token = token.head.head
    key = ctx.entity(token)
    if key and ctx.types.get(key) in PERSONAL_NOUN_TYPES:
        return key
    if token.lower_ in {"he", "she"}:
        return _pronoun_person(ctx, token)
    if token.lower_ in {"him", "her"} and other:
        return _pronoun_person(ctx, token, other)
    if token.lower_ in {"his", "her"} and token.dep_ == "poss":  # "his predecessor, X"
        return _pronoun_person(ctx, token, other)
    return None


def _successions(ctx: ArticleContext) -> Iterator[tuple[str, str, Token]]:
    """(successor, predecessor, verb) for "X succeeded Y", "Y was succeeded by X" and "X, who
    succeeded him," when no "as <title>" says which office (that is read as a title) and no place or
    body narrows it ("succeeded him on the board"): the successor takes the predecessor's office."""
    for verb in ctx.doc:
        took_over = verb.lemma_.lower() == "take" and any(c.dep_ == "prt" and c.lower_ == "over" for c in verb.children)
        if verb.lemma_.lower() not in {"succeed", "precede", "replace"} and not took_over or verb.pos_ != "VERB" \
                or _irrealis(verb):
            continue
        preps = [p for p in verb.children if p.dep_ == "prep"]
        if any(p.lower_ == "as" for p in preps) or any(
                p.lower_ in {"in", "on", "at"} and any(o.ent_type_ not in {"DATE", "TIME"} for o in _children(p, {"pobj"}))
                for p in preps):
            continue
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        subject_of = verb
        if not passive and verb.dep_ == "conj" and not _children(verb, {"nsubj", "nsubjpass"}) and \
                any(c.dep_ == "auxpass" for c in verb.head.children):
            passive, subject_of = True, verb.head  # "he was preceded by X and succeeded by Y"
        if passive:
            predecessors = _children(subject_of, {"nsubjpass"})
            successors = [o for a in _children(verb, {"agent"}) for o in _children(a, {"pobj"})]
        else:
            successors = _children(verb, {"nsubj"})
            if not successors and verb.dep_ == "conj":
                successors = _children(verb.head, {"nsubj"})
            if not successors and verb.dep_ == "relcl":
                successors = [verb.head]
            participle = verb
            while participle.dep_ == "conj" and participle.head.tag_ == "VBG":
                participle = participle.head  # ("..., succeeding X and preceding Y")
            if not successors and participle.dep_ in {"advcl", "pcomp"} and verb.tag_ == "VBG":
                # "named X as its new leader, replacing Y"; "X was Emperor of Y from 1930, succeeding Z"
                main = participle.head
                for _step in range(4):  # "X was Prime Minister from 1960 to 1965 (...), from 1970 to 1977
                    # (succeeding Y ...)": the parser hangs the participle on an earlier one or a date's "to"
                    if main.dep_ not in {"advcl", "pcomp", "prep", "pobj"} or _children(main, {"nsubj", "nsubjpass"}) \
                            or main.head.i >= main.i:
                        break
                    main = main.head
                successors = _installed(main) or _children(main, {"nsubj"}) or (
                    _children(main.head, {"nsubj"}) if main.dep_ == "conj" else [])
            predecessors = _children(verb, {"dobj"})
            if took_over:  # "X took over from Y"
                predecessors = _prep_objects(verb, {"from"})
        if verb.lemma_.lower() == "precede":  # "X preceded Y", "Y was preceded by X": X came first
            successors, predecessors = predecessors, successors
        yield from _successions_to(ctx, verb, successors, predecessors)
    yield from _successor_nouns(ctx)
    yield from _ousted_predecessors(ctx)


def _successor_nouns(ctx: ArticleContext) -> Iterator[tuple[str, str, Token]]:
    """"announced Y as the new chief, successor to X", "Y, successor to X,", "X's successor, Y": the
    noun "successor" names who came before; "his predecessor, X", "Y's predecessor X": the noun
    "predecessor" names who came after."""
    for noun in ctx.doc:
        lemma = noun.lemma_.lower()
        if lemma not in {"successor", "predecessor"} or noun.pos_ != "NOUN":
            continue
        predecessors = _prep_objects(noun, {"to", "of"}) + _children(noun, {"poss"})
        successors = [a for a in _children(noun, {"appos"}) if ctx.type_of(ctx.entity(a)) == "Person"]
        anchor = noun
        while anchor.dep_ in {"conj", "appos"} and anchor.head.pos_ in {"NOUN", "PROPN"} and \
                ctx.type_of(ctx.entity(anchor)) != "Person":
            anchor = anchor.head  # (up to the title it is added to, or the person)
        if anchor is not noun and ctx.type_of(ctx.entity(anchor)) == "Person":
            successors.append(anchor)
        elif anchor.dep_ == "pobj" and anchor.head.lower_ == "as":
            successors += _children(anchor.head.head, {"dobj", "nsubjpass"})  # "announced/was named Y as ..."
        if lemma == "predecessor":
            successors, predecessors = predecessors, successors
        yield from _successions_to(ctx, noun, successors, predecessors)


def _successions_to(ctx: ArticleContext, verb: Token, successors: list[Token], predecessors: list[Token]
                    ) -> Iterator[tuple[str, str, Token]]:
    """(successor, predecessor, verb) for each pair of people the tokens name."""
    for successor_token in successors:
        successor = _person_of(ctx, successor_token)
        if successor is None:
            continue
        for predecessor_token in predecessors:
            predecessor = _person_of(ctx, predecessor_token, successor)
            if predecessor and predecessor != successor:
                yield successor, predecessor, verb


INSTALLING_VERBS = frozenset({"swear", "elect", "name", "appoint", "install", "vote", "choose", "select", "confirm",
                              "inaugurate", "designate"})
OUSTING_VERBS = frozenset({"oust", "remove", "depose", "topple", "overthrow", "unseat", "impeach"})


def _installed(verb: Token) -> list[Token]:
    """Who a verb of installing puts in office: "X was sworn in", "elected X", "voted for X"."""
    if verb.lemma_.lower() not in INSTALLING_VERBS:
        return []
    return _children(verb, {"nsubjpass"}) or _children(verb, {"dobj"}) or _prep_objects(verb, {"for"})


def _ousted_predecessors(ctx: ArticleContext) -> Iterator[tuple[str, str, Token]]:
    """"Y was sworn in as president after X was removed from office", "... named Y as the new leader,
    while President X has been deposed": the one installed succeeds the one ousted."""
    for verb in ctx.doc:
        if verb.lemma_.lower() not in OUSTING_VERBS or not any(c.dep_ == "auxpass" for c in verb.children) \
                or verb.dep_ not in {"advcl", "conj"} or _irrealis(verb):
            continue
        if any(_word(o) not in _lex()["power_nouns"] | _lex()["office_post_nouns"] for o in _prep_objects(verb, {"from"})):
            continue  # ("removed from the cabinet", not "from office")
        installed = _installed(verb.head)
        ousted = [p for p in _children(verb, {"nsubjpass"}) if not any(  # (not "after Defence Minister X was removed")
            _word(m) in _lex()["non_leader_titles"] | _lex()["vice_titles"] for m in p.lefts if m.dep_ == "compound")]
        if installed:
            yield from _successions_to(ctx, verb, installed, ousted)


def _national_body_state(ctx: ArticleContext, key: str) -> str | None:
    """The state an organisation's name begins or ends with ("Nepali Congress", "Irish Labour Party",
    "Bank of Zambia"), if any."""
    if ctx.types.get(key) not in {"Organization", "Company"}:
        return None
    name = ctx.names.get(key, "")
    for word in (name.split(" ", 1)[0], name.rsplit(" of ", 1)[-1].removeprefix("the ") if " of " in name else ""):
        entry = lexicons.country_by_name().get(lexicons.fold(word)) if word else None
        if entry is not None and _names_state(entry, word):
            return entry.key
    return None


def _names_state(entry: lexicons.GazetteerEntry, word: str) -> bool:
    """Is the word the state's name or demonym (not one of its seats)?"""
    folded = lexicons.fold(word)
    return folded in {lexicons.fold(w) for w in (entry.name, *entry.aliases, *entry.demonyms)}


def _dominant(counts: Counter, at_least: int = 1) -> str | None:
    """The country an article is clearly about: named at least ``at_least`` times and at least twice
    as often as any other."""
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < at_least or (len(ranked) == 2 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return ranked[0][0]


def _top_country(counts: Counter) -> str | None:
    """The article's most-mentioned country, if it is mentioned more than any other."""
    ranked = counts.most_common(2)
    if not ranked:
        return None
    if len(ranked) == 2 and ranked[1][1] >= ranked[0][1]:
        return None
    return ranked[0][0]


def _one_company(ctx: ArticleContext, sentence: Span) -> str | None:
    """The company a bare "CEO X" heads: the one company its sentence names, or, in a sentence that
    names none, the one company the article names."""
    def companies(start: int, end: int) -> set[str]:
        return {key for s, _e, key in ctx.mentions if start <= s < end and ctx.types.get(key) == "Company"}
    named = companies(sentence.start, sentence.end) or companies(0, len(ctx.doc))
    return next(iter(named)) if len(named) == 1 else None


def _group_before(ctx: ArticleContext, span: Span) -> str | None:
    """The body a bare "leader X" leads: the one armed group, party or movement its sentence names, when
    named before him ("X joined the Rwandan Patriotic Front, which invaded Rwanda; leader Y died early")."""
    sentence = span.sent
    groups = {key for start, _e, key in ctx.mentions if sentence.start <= start < sentence.end
              and ctx.types.get(key) in {"ArmedGroup", "Organization"} and _party_like(ctx, key)}
    before = {key for start, end, key in ctx.mentions if sentence.start <= start < span.start and key in groups
              and ctx.doc[start:end].root.dep_ != "compound"}  # (not "Hamas officials met ...; leader X")
    return next(iter(groups)) if len(groups) == 1 and before else None


def _church(ctx: ArticleContext) -> str | None:
    """The church a bare "Pope X" heads: the Catholic Church, when the article names it."""
    names = _lex()["church_names"]
    for _start, _end, key in ctx.mentions:
        if ctx.types.get(key) in {"Organization", "ArmedGroup"} and ctx.names.get(key, "").lower().removeprefix("the ") in names:
            return key
    return None


def _nationality(ctx: ArticleContext, token: Token) -> bool:
    """A demonym giving a named person's nationality, with no title between ("the British sailor John Young",
    not "Russian President Vladimir Putin"): no mention of a state the article is about."""
    if token.ent_type_ != LABEL_DEMONYM or token.dep_ not in {"amod", "compound"}:
        return False
    name = token.head
    if ctx.type_of(ctx.entity(name)) != "Person":
        candidates = [c for c in name.children if c.dep_ in {"appos", "compound"} and c.i > token.i]
        if name.dep_ == "compound" and name.head.i > name.i:
            candidates.append(name.head)  # ("the British sailor John Young": the noun modifies the name)
        name = next((c for c in candidates if ctx.type_of(ctx.entity(c)) == "Person"), None) \
            if name.pos_ == "NOUN" else None
        if name is None:
            return False
    between = [t for t in token.doc[token.i + 1:name.i] if not ctx.entity(t)]
    return bool(between) and not any(_is_title_word(t) for t in between)


def analyse(ctx: ArticleContext) -> dict[int, list[Claim]]:
    """All leader claims of an article, by sentence start token (computed once per context)."""
    cached = _ANALYSES.get(ctx)
    if cached is not None:
        return cached
    # how often the article names each state, its armed forces and national bodies included ("the UPDF"
    # is Uganda's, "the Nepali Congress" names Nepal)
    counts: Counter = Counter()
    for start, _e, key in ctx.mentions:
        state = key if ctx.types.get(key) == "Country" else force_state(ctx, key) or _national_body_state(ctx, key)
        if state and not in_dateline(ctx.doc[start]) and not _nationality(ctx, ctx.doc[start]):
            counts[state] += 1
    claims: list[tuple[Claim, Span]] = []
    people = list(_person_spans(ctx))
    for person, span, pronoun in people:
        for claim in _sentence_claims(ctx, person, span, pronoun):
            claims.append((claim, span))
    for person, span in _title_anaphors(ctx, claims):
        for claim in _sentence_claims(ctx, person, span, True):
            claims.append((claim, span))
    claims += list(_national_title_anaphors(ctx, claims))
    claims += list(_counterparts(ctx, claims))
    claims += list(_loyal_forces(ctx))
    claims += list(_possessed_holders(ctx, counts))
    claims += list(_listed_holders(ctx))
    claims += list(_named_group_leaders(ctx))
    boxed = list(_boxed_holders(ctx))
    # a name on an infobox's role line ("PresidentX" in a party's box) is read from the box only
    role_names = {(n.start, n.end) for box in office_boxes(ctx.doc) for _role, names in box.roles for n in names}
    claims = [(c, s) for c, s in claims if (s.start, s.end) not in role_names] + boxed
    claims += list(_states_under(ctx, people))
    items = _of_state_items(ctx)
    claims += list(_listed_peers(ctx, claims, items))
    # "Mahamat Deby, the Transitional President of Chad, Adama Barrow of The Gambia": a listed person's own
    # "of" state is his, not that of a title the parse hangs him on
    listing = {c.sentence_start for c, _s in claims if c.pattern == "listed_peer"}
    own_state = {(person, start): state for start in listing for person, state, _first in items[start]}
    claims = [(c, s) for c, s in claims if not (c.pattern == "appos" and own_state.get((c.person, c.sentence_start),
                                                                                     c.led) != c.led)]
    regions = _region_counts(ctx)
    known: dict[str, str] = {}
    taken: dict[str, list[Claim]] = {}
    for claim, _span in sorted(claims, key=lambda c: -c[0].confidence):
        if claim.led and ctx.type_of(claim.led) == "Country" and claim.state_head:
            known.setdefault(claim.person, claim.led)
            taken.setdefault(claim.led, []).append(claim)
        elif claim.led and ctx.type_of(claim.led) in {"Location", "Organization"} and claim.pattern == "prefix" \
                and claim.title in _lex()["monarch_titles"]:
            known.setdefault(claim.person, claim.led)  # "King Taksin of Thonburi": his reign is Thonburi's
    claims += [(c, s) for c, s in _under_leaders(ctx, people) if c.person not in known]
    # "Putin's Wagner Group": a head of state's armed group is one the state sponsors, not one he leads; his
    # party he leads ("Julius Chan's People's Progressive Party" of a prime minister)
    claims = [(c, s) for c, s in claims if not (c.pattern == "own_group" and c.person in known and
                                                not _political_group(ctx, c.led))]
    # "the Trump administration ... the US administration": the one state whose administration the
    # article names is the state of each person it names an administration after
    administration = _national_administration(ctx)
    if administration:
        for claim, _span in claims:
            if claim.led is None and claim.title == "administration":
                known.setdefault(claim.person, administration)
    # a person's bare titles get one state: the one the surest fallback gives ("President X ... X's
    # government" in one sentence is not two states)
    fallbacks: dict[int, tuple[str, str] | None] = {}
    scene = _scene(ctx)

    def fallback(claim: Claim, span: Span) -> tuple[str, str] | None:
        if id(claim) not in fallbacks:
            fallbacks[id(claim)] = _fallback(ctx, claim, span, known, taken, counts, scene)
        return fallbacks[id(claim)]

    inferred: dict[str, tuple[str, str]] = {}
    for claim, span in claims:
        if claim.led is None and claim.state_head and claim.title not in _lex()["regional_titles"] | \
                _lex()["church_titles"] | _mayor_titles():
            found = fallback(claim, span)
            if found and (claim.person not in inferred or
                          FALLBACK_CONFIDENCE[found[1]] > FALLBACK_CONFIDENCE[inferred[claim.person][1]]):
                inferred[claim.person] = found
    out: dict[int, list[Claim]] = {}
    for claim, span in claims:
        if claim.led is None and claim.title in _lex()["regional_titles"]:
            found = _region_fallback(ctx, span, regions)
            if found is not None:
                claim.led, name = found
                claim.confidence = FALLBACK_CONFIDENCE[name]
                claim.pattern = f"{claim.pattern}>{name}"
        if claim.led is None and claim.title in _lex()["church_titles"]:
            church = _church(ctx)
            if church is None:
                continue
            claim.led, claim.confidence, claim.pattern = church, CHURCH_CONFIDENCE, f"{claim.pattern}>church"
        if claim.led is None and claim.title in _mayor_titles():
            city = _sentence_city(ctx, span)
            if city is None:
                continue  # (a mayor never gets a state from the fallbacks below)
            claim.led, claim.confidence, claim.pattern = city, CITY_CONFIDENCE, f"{claim.pattern}>city"
        if claim.led is None and claim.title in _lex()["company_head_titles"]:
            company = _one_company(ctx, span.sent)
            if company is None:
                continue
            claim.led, claim.confidence, claim.pattern = company, COMPANY_CONFIDENCE, f"{claim.pattern}>company"
        if claim.led is None and claim.title in _lex()["monarch_titles"] and claim.person not in known:
            realm = _sentence_realm(ctx, span)  # "a coup against Queen X ... by subjects of the Hawaiian Kingdom"
            if realm is not None:
                claim.led, claim.confidence, claim.pattern = realm, REALM_CONFIDENCE, f"{claim.pattern}>realm"
        if claim.led is None and claim.title == "leader" and claim.pattern.startswith("prefix") and \
                claim.person not in known:
            group = _group_before(ctx, span)
            if group is not None:
                claim.led, claim.confidence, claim.pattern = group, GROUP_CONFIDENCE, f"{claim.pattern}>group"
        if claim.led is None:
            if not claim.state_head:
                continue
            found = fallback(claim, span)
            if found is None:
                continue
            if found[0] != inferred.get(claim.person, found)[0]:
                found = inferred[claim.person]
            claim.led, name = found
            claim.confidence = FALLBACK_CONFIDENCE[name]
            claim.pattern = f"{claim.pattern}>{name}"
            ctx.add_state(claim.led)  # (a state named only inside a body's name is no entity yet)
        if ctx.type_of(claim.led) not in LEADABLE_TYPES:
            continue
        out.setdefault(claim.sentence_start, []).append(claim)
    _one_holder_per_office(out)
    # "President X and French counterpart Y" where X's state came from a fallback: a second look
    resolved = [(c, None) for sentence_claims in out.values() for c in sentence_claims]
    for claim, _span in _counterparts(ctx, resolved):
        if not any(c.person == claim.person and c.led == claim.led for c, _s in resolved):
            out.setdefault(claim.sentence_start, []).append(claim)
    best: dict[str, tuple[bool, float, str]] = {}
    for sentence_claims in out.values():
        for claim in sentence_claims:
            if claim.confidence < LEADER_CONTEXT_THRESHOLD:
                continue
            rank = (ctx.type_of(claim.led) == "Country", claim.confidence, claim.led)
            if claim.person not in best or rank[:2] > best[claim.person][:2]:
                best[claim.person] = rank
    for person, (_is_country, _confidence, led) in best.items():
        ctx.leaders[person] = led
    for successor, predecessor, verb in _successions(ctx):
        # the one whose office the article gives passes it to the other: on to a successor, or back
        # to a predecessor ("X was the president of FIFA ... He was preceded by Y")
        for holder, other in ((predecessor, successor), (successor, predecessor)):
            led = ctx.leaders.get(holder)
            if led is None or other in ctx.leaders or ctx.type_of(led) not in LEADABLE_TYPES:
                continue
            explicit_only = holder == successor and verb.lemma_.lower() != "predecessor"
            if explicit_only and not any(c.person == holder and c.led == led and (
                    c.confidence >= 0.8 or start == verb.sent.start)  # (or in the sentence that says it)
                    for start, claims in out.items() if start <= verb.sent.start for c in claims):
                continue  # back to a predecessor only from an office told explicitly before ("Mora succeeded
                # X. Mora had been president of Y" says nothing of X), unless "his predecessor" names it
            start = verb.sent.start
            out.setdefault(start, []).append(Claim(other, led, SUCCESSION_CONFIDENCE, verb, start, "successor",
                                                   "succession", ctx.type_of(led) == "Country", False))
            ctx.leaders[other] = led
            break
    for person, span, pronoun in people:
        if not pronoun and person not in ctx.leaders and person not in ctx.officials:
            state = _official_state(ctx, span)
            if state:
                ctx.officials[person] = state
    _ANALYSES[ctx] = out
    return out


UNDER_CONFIDENCE = 0.7  # "Under X, Rheinmetall has pushed into ...": X leads what acts under him


def _under_leaders(ctx: ArticleContext, people: list[tuple[str, Span, bool]]) -> Iterator[tuple[Claim, Span]]:
    """"Under X, Rheinmetall has pushed into rocket artillery": a body (not a state: "under Biden,
    Russia invaded") whose acts are told as done under a person is led by that person. The caller
    keeps these only for people the article gives no state to lead."""
    for person, span, pronoun in people:
        root = span.root
        if pronoun or root.dep_ != "pobj" or root.head.lower_ != "under" or root.head.head.pos_ not in {"VERB", "AUX"}:
            continue
        for subject in _children(root.head.head, {"nsubj"}):
            led = ctx.entity(subject)
            if led and ctx.type_of(led) in {"Company", "Organization", "ArmedGroup"}:
                yield Claim(person, led, UNDER_CONFIDENCE, root.head, span.sent.start, "leader", "under_leader",
                            False, not _past_tense(root.head.head)), span


NAMED_LEADERS_CONFIDENCE = 0.7


def _named_group_leaders(ctx: ArticleContext) -> Iterator[tuple[Claim, Span]]:
    """"Key Pathet Lao leaders include A, B and C", "the group's leaders were A and B": each person listed as
    one of a body's or armed group's leaders leads it (not a state's: "Western leaders include ...")."""
    for noun in ctx.doc:
        if noun.lemma_.lower() != "leader" or noun.tag_ != "NNS" or noun.dep_ != "nsubj" or _in_quote(noun):
            continue
        verb = noun.head
        if verb.lemma_.lower() not in {"include", "be"} or _irrealis(verb) or \
                any(c.dep_ == "neg" for c in verb.children):
            continue
        groups = {ctx.entity(c) for c in noun.children if c.dep_ in {"compound", "poss", "nmod", "amod"}
                  and ctx.type_of(ctx.entity(c)) in {"Organization", "ArmedGroup", "Company"}}
        if len(groups) != 1:
            continue
        group = groups.pop()
        listed = [o for c in verb.children if c.dep_ in {"dobj", "attr"} for o in [c, *c.conjuncts]]
        for name in listed:
            person = ctx.entity(name)
            if ctx.type_of(person) == "Person":
                yield (Claim(person, group, NAMED_LEADERS_CONFIDENCE, noun, noun.sent.start, "leader",
                             "named_leaders", False, False), ctx.doc[name.i:name.i + 1])


STATE_UNDER_CONFIDENCE = 0.7  # "Syria (under Hafez al-Assad)", "Chile under Pinochet"


def _states_under(ctx: ArticleContext, people: list[tuple[str, Span, bool]]) -> Iterator[tuple[Claim, Span]]:
    """"ties with Syria (under Hafez al-Assad), Libya (under Gaddafi)", "Chile under Pinochet": a state
    named as being under a person is ruled by that person."""
    for person, span, pronoun in people:
        root = span.root
        if pronoun or root.dep_ != "pobj" or root.head.lower_ != "under":
            continue
        under = root.head
        before = under.i - 2 if under.i > 1 and span.doc[under.i - 1].text == "(" else under.i - 1
        state = span.doc[before] if before >= 0 else under
        led = ctx.entity(state)  # the name right before "under" or its bracket, whatever the parse says
        if led is None and _word(state) in {"government", "administration", "regime"}:
            # "the British government under Margaret Thatcher": the one state the government is named for
            owners = {ctx.entity(c) for c in state.children if c.dep_ in {"amod", "compound", "poss", "nmod"}
                      and ctx.type_of(ctx.entity(c)) == "Country"}
            if len(owners) == 1:
                led, state = owners.pop(), under
        if state.dep_ == "pobj" and state.head.lower_ == "of" and _word(state.head.head) in _lex()["city_titles"]:
            continue  # "deputy mayor of Tokyo under X": the mayor's city (``_office_readings``), not a state under X
        if led is None or ctx.type_of(led) != "Country" or state.ent_type_ == LABEL_DEMONYM or \
                any(ctx.type_of(ctx.entity(t)) == "Country" for t in span.doc[under.i + 1:span.start]):
            continue  # (not "Russian troops under X", a commander; not "a sale to Y under US President X")
        yield Claim(person, led, STATE_UNDER_CONFIDENCE, root.head, span.sent.start, "leader", "state_under",
                    True, False), span


SUCCESSION_CUES = frozenset({"death", "die", "succeed", "supersede", "replace", "predecessor", "successor",
                            "succession", "late", "former", "reign", "abdicate", "depose", "oust", "until"})


LIST_CONFIDENCE = 0.75  # a name under a heading "Leaders of X"


def _listed_holders(ctx: ArticleContext) -> Iterator[tuple[Claim, Span]]:
    """Each person of a list under a heading such as "Leaders of ANC" or "Presidents of Ghana" (see
    :func:`pipeline.nlp.office_holder_lists`) held the office; past holders, so not current."""
    for title, body, names in office_holder_lists(ctx.doc):
        led = next((k for t in body for k in [ctx.entity(t)] if k and ctx.type_of(k) in LEADABLE_TYPES), None)
        if led is None:
            continue
        for name in names:
            person = ctx.entity(name.root)
            if person is not None and ctx.type_of(person) == "Person":
                yield Claim(person, led, LIST_CONFIDENCE, title, name.sent.start, plural_office(title.lower_) or "",
                            "office_list", ctx.type_of(led) == "Country", False), name


BODY_ROLE_TITLES = frozenset({"president", "chairman", "chairwoman", "chairperson", "chair", "leader"})
INFOBOX_CONFIDENCE = 0.7  # a name in a page's office box: "Preceded by X" under "President of Y"


def _box_offices(ctx: ArticleContext, office: Span) -> list[tuple[str, str]]:
    """(title, led entity) of each leader's office in an infobox title line: "Chairman of the Derg and Head
    of State of Ethiopia" gives two; "Minister of Finance" or "Vice President" none."""
    parts: list[list[Token]] = [[]]
    for token in office:
        if token.lower_ == "and" and token.i + 1 < office.end and _is_title_word(office.doc[token.i + 1]):
            parts.append([])
        else:
            parts[-1].append(token)
    offices = []
    blocking = _lex()["blocking_modifiers"]
    for part in parts:
        matches = _match_titles(part)
        if not matches or matches[0].kind != "leader" or matches[0].start != 0 or \
                any(_word(t) in blocking for t in part):
            continue  # (not "Leader of the Opposition", "Deputy Leader of X")
        after = matches[0].tokens[-1].i + 1
        led = next((k for t in part if t.i > after for k in [ctx.entity(t)] if k and ctx.type_of(k) in LEADABLE_TYPES
                    and ctx.type_of(k) != "Person"), None)
        if led is not None and office.doc[after].lower_ == "of":
            offices.append((matches[0].phrase, led))
    return offices


def _boxed_holders(ctx: ArticleContext) -> Iterator[tuple[Claim, Span]]:
    """The page's person, predecessors and successors under an infobox office ("President of Brazil / In
    office ... / Preceded by X / Succeeded by Y") held it; so did a head of government or state named on a
    role line of a state's office ("Prime Minister X" in the box of the President of Y). Past holders."""
    state_heads = _lex()["state_head_titles"]
    for box in office_boxes(ctx.doc):
        offices = _box_offices(ctx, box.office)
        holders = [(name, title, led) for title, led in offices for name in [box.holder, *box.successions] if name]
        led_by_box = {led for _title, led in offices}
        for role, names in box.roles:
            matches = _match_titles(list(role))
            if len(led_by_box) != 1 or not matches or matches[0].kind != "leader":
                continue
            led = next(iter(led_by_box))
            # "Prime Minister X" in the box of a state's president: the state's; "President X" in the box
            # of a party's secretary-general: the party's
            if matches[0].phrase in (state_heads if ctx.type_of(led) == "Country" else BODY_ROLE_TITLES):
                holders += [(name, matches[0].phrase, led) for name in names]
        for name, title, led in holders:
            person = ctx.entity(name.root)
            if ctx.type_of(person) == "Person":
                yield Claim(person, led, INFOBOX_CONFIDENCE, box.office[0], name.sent.start, title, "infobox",
                            ctx.type_of(led) == "Country", False), name


def _one_holder_per_office(out: dict[int, list[Claim]]) -> None:
    """"President X said after meeting President Y ...": two people a fallback gives the same state's
    same office in one sentence cannot both hold it; the first named keeps it (the second is mostly the
    one met, answered or visited). Holders the office-holders lexicon knows are no guess: both keep it."""
    for start, claims in out.items():
        sentence = claims[0].trigger.sent if claims else None
        if sentence is None or any(t.lemma_.lower() in SUCCESSION_CUES for t in sentence) or \
                len({t.text for t in sentence if t.like_num and len(t.text) == 4 and t.text.isdigit()}) > 1:
            continue  # "established by President X in 1963, superseding the medal President Y set up in 1945"
        guessed = sorted((c for c in claims if ">" in c.pattern and c.state_head and c.current
                          and not c.pattern.endswith((">known", ">office_holder"))), key=lambda c: c.trigger.i)
        dropped = [c for i, c in enumerate(guessed) if any(
            o.person != c.person and o.led == c.led and o.title == c.title for o in guessed[:i])]  # (a king and
        # a queen named together are a couple)
        if dropped:
            out[start] = [c for c in claims if all(c is not d for d in dropped)]


def leader_mentions(ctx: ArticleContext, sentence: Span) -> Iterator[Mention]:
    """leaderOf mentions of one sentence (one per person and led entity, the most confident)."""
    found: dict[tuple[str, str], Claim] = {}
    for claim in analyse(ctx).get(sentence.start, []):
        key = (claim.person, claim.led)
        if key not in found or claim.confidence > found[key].confidence:
            found[key] = claim
    for claim in found.values():
        yield Mention(claim.person, "leaderOf", claim.led, sentence, claim.trigger, claim.confidence)
