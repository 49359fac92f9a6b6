"""Relation stage: map parsed sentences to leaderOf, suppliesWeaponsTo and deploys mentions.

Rules are general linguistics over the dependency parse, driven by the trigger and title
lexicons in ``pipeline/lexicons/``:

* leaderOf — a person with a leader title ("President X of Y", "Y's leader X", "X, the prime
  minister of Y", "Y President X"); ministers, advisers and spokespeople are not leaders.
* suppliesWeaponsTo — supply verbs (active, passive, "supplying Y with"), receive verbs ("Y bought
  jets from X"), nominalisations ("the sale of F-16s to Y"), and compounds ("X-made drones used by Y").
* deploys — deploy verbs and nouns with a weapon system or unit as object, and the place if given.

Each mention records the evidence sentence, offsets, confidence, modality and negation.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from typing import Any, Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from pipeline import lexicons
from pipeline.nlp import LABEL_COUNTRY, LABEL_DEMONYM, LABEL_SEAT, ORG_LABELS, SHIP_PREFIXES
from pipeline.records import FACT_THRESHOLD, is_fact  # noqa: F401 - re-exported for callers

logger = logging.getLogger(__name__)

AGENT_TYPES = {"Country", "Organization", "ArmedForce", "ArmedGroup", "Company"}
LEADABLE_TYPES = AGENT_TYPES | {"Location"}
DEPLOYER_TYPES = AGENT_TYPES - {"Company"}
LOCATION_PREPS = {"to", "in", "into", "on", "near", "along", "at", "across", "inside", "within", "toward", "towards"}
QUANTITY_WORDS = {"additional", "more", "extra", "new", "further", "several", "many", "some", "few", "latest",
                  "first", "second", "third", "fourth", "fifth", "dozens", "hundreds", "thousands", "numerous",
                  "its", "their", "his", "her", "our", "the", "a", "an", "another", "other", "own"}
GENERIC_REFERENCES = {
    "country": {"Country"}, "nation": {"Country"}, "state": {"Country"}, "kingdom": {"Country"},
    "republic": {"Country"}, "government": {"Country"}, "administration": {"Country"},
    "regime": {"Country"}, "junta": {"Country"}, "alliance": {"Organization"}, "bloc": {"Organization"},
    "group": {"ArmedGroup", "Organization"}, "militia": {"ArmedGroup"}, "movement": {"ArmedGroup"},
    "company": {"Company"}, "firm": {"Company"}, "manufacturer": {"Company"}, "corporation": {"Company"},
    "conglomerate": {"Company"}, "military": {"ArmedForce", "Country"},
    "army": {"ArmedForce", "Country"}, "ministry": {"Country"},
    "organization": {"Organization", "Company", "ArmedGroup"}, "organisation": {"Organization", "Company", "ArmedGroup"},
}
PRONOUNS_AGENT = {"it", "its", "they", "their", "them"}
PRONOUNS_PERSON = {"he", "she", "his", "her", "him"}


@dataclass
class Mention:
    """One sentence's statement of a relation (before serialisation)."""

    subject: str
    predicate: str
    object: str
    sentence: Span
    trigger: Token
    confidence: float
    location: str | None = None

    def key(self) -> tuple:
        return (self.subject, self.predicate, self.object, self.sentence.start_char)


# Nouns for a group of people or a state's bodies: their nationality adjective names who "they" are.
COLLECTIVE_HEADS = {"people", "side", "government", "authorities", "official", "force", "troop", "military", "army",
                    "navy", "leadership", "delegation", "team", "public", "nation", "state", "administration"}


class ArticleContext:
    """Entity lookups for one article: token -> entity, types, salience and recency."""

    def __init__(self, doc: Doc, entity_record: dict[str, Any]) -> None:
        self.doc = doc
        self.types = {e["key"]: e["type"] for e in entity_record["entities"]}
        self.names = {e["key"]: e["name"] for e in entity_record["entities"]}
        self.token_entity: dict[int, str] = {}
        self.mentions: list[tuple[int, int, str]] = []  # (start token, end token, key)
        for mention in entity_record["mentions"]:
            span = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
            if span is None:
                continue
            self.mentions.append((span.start, span.end, mention["entity"]))
            for token in span:
                self.token_entity[token.i] = mention["entity"]
        self.new_entities: dict[str, dict] = {}
        self.force_country = {e["key"]: e["country"] for e in entity_record["entities"] if e.get("country")}
        self.leaders: dict[str, str] = {}  # person key -> led entity key (facts found so far)
        self.officials: dict[str, str] = {}  # person key -> state a minister or spokesperson speaks for
        self.last_deployer: str | None = None  # deployer of the latest deployment mention
        self.last_deployer_sentence = -1  # ... and the start of its sentence

    @cached_property
    def military(self) -> bool:
        """Does the article speak of military matters (a military word, a weapon system of the lexicon
        or an armed force named)?"""
        cues = _lex("military_context_words")
        known = lexicons.gazetteer_index()
        return any(t.lower_ in cues for t in self.doc) or any(
            self.types.get(key) in {"ArmedForce", "ArmedGroup"} or (self.types.get(key) == "WeaponSystem" and key in known)
            for _s, _e, key in self.mentions)

    @cached_property
    def civil(self) -> bool:
        """A civil story: civil-aviation or commerce cues ("airline", "passengers") and nothing military.
        There, dual-use nouns ("aircraft", "planes") and coded names ("A-300-600") are not weapons."""
        cues = _lex("civil_context_words")
        return not self.military and any(t.lower_ in cues for t in self.doc)

    @cached_property
    def company_states(self) -> dict[str, str]:
        """Companies the article itself gives a nationality ("Turkish drone maker Baykar", "the South
        Korean company Hyundai Rotem", "Israel's Elbit Systems", "Baykar, the Turkish drone maker",
        "Hanwha of South Korea"): company key -> state key, when every such description names one state.
        Never from outside knowledge, nor from a name that merely contains a state's name."""
        found: dict[str, set[str]] = {}
        for start, end, key in self.mentions:
            if self.types.get(key) != "Company":
                continue
            root = self.doc[start:end].root
            described = [t for t in root.subtree if t.i < start]  # pre-modifiers: "Turkish drone maker"
            described += [t for a in root.children if a.dep_ == "appos" for t in a.subtree]
            if root.dep_ == "appos":  # "the Turkish drone maker, Baykar" / "maker Baykar"
                described += [t for t in root.head.subtree if t.i < root.head.i]
            described += _prep_objects(root, {"of"})
            states = {self.entity(t) for t in described
                      if t.dep_ in {"amod", "compound", "poss", "pobj", "nmod"} and self.entity(t) != key
                      and self.types.get(self.entity(t)) == "Country"}
            if states:
                found.setdefault(key, set()).update(states)
        return {key: next(iter(states)) for key, states in found.items() if len(states) == 1}

    def is_weapon(self, key: str | None) -> bool:
        """A weapon system: one of the lexicon, or one found by its pattern ("the X-50 missile") outside
        a civil story (a coded name in an airline story is an airliner)."""
        return self.type_of(key) == "WeaponSystem" and (key in lexicons.gazetteer_index() or not self.civil)

    def entity(self, token: Token) -> str | None:
        """Entity key of a token inside a mention."""
        return self.token_entity.get(token.i)

    def type_of(self, key: str | None) -> str | None:
        if key is None:
            return None
        if key in self.types:
            return self.types[key]
        return self.new_entities.get(key, {}).get("type")

    @cached_property
    def sources(self) -> frozenset[str]:
        """Entities the article names only as sources ("according to the IISS", "an official told RFI"): a
        pronoun stands for what the story is about, not for who reports it."""
        reported: set[str] = set()
        other: set[str] = set()
        for start, end, key in self.mentions:
            root = self.doc[start:end].root
            source = (root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lower_ == "according") or (
                root.dep_ == "dobj" and root.head.lemma_.lower() == "tell")  # "an army official told RFI"
            (reported if source else other).add(key)
        return frozenset(reported - other)

    def last_before(self, position: int, wanted: set[str], exclude: set[str] = frozenset(),
                    nominal: bool = False) -> str | None:
        """The most recent entity of one of the ``wanted`` types mentioned before a token index (with
        ``nominal``, a pronoun's antecedent: a noun phrase of its own or the nationality of a group, "the
        Indian side", not of a thing, "the Chinese presence")."""
        for start, end, key in reversed(self.mentions):
            if start < position and self.types.get(key) in wanted and key not in exclude:
                root = self.doc[start:end].root
                if nominal and root.dep_ == "amod" and root.head.lemma_.lower() not in COLLECTIVE_HEADS:
                    continue  # "the Chinese presence", not "the Indian side" / "the American people"
                return key
        return None

    def recent_distinct(self, position: int, wanted: set[str], count: int, exclude: set[str]) -> list[str]:
        """The ``count`` most recent distinct entities of ``wanted`` types before a token index."""
        found: list[str] = []
        for start, _end, key in reversed(self.mentions):
            if start < position and self.types.get(key) in wanted and key not in exclude and key not in found:
                found.append(key)
                if len(found) == count:
                    break
        return list(reversed(found))

    def add_entity(self, key: str, name: str, etype: str) -> str:
        """An entity the relation rules introduce (not a named mention of the NER or gazetteers)."""
        self.new_entities.setdefault(key, {"key": key, "name": name, "type": etype, "qid": None,
                                           "surface_forms": [name]})
        return key

    def add_state(self, key: str) -> str | None:
        """A gazetteer state the text does not name ("country:SUN" for "Kremlin leader Mikhail Gorbachev")."""
        entry = lexicons.gazetteer_index().get(key)
        if entry is None or entry.type != "Country":
            return None
        if key not in self.types and key not in self.new_entities:
            self.new_entities[key] = {"key": key, "name": entry.name, "type": "Country", "qid": entry.qid,
                                      "surface_forms": []}
        return key

    def add_force(self, country: str, service: str) -> str | None:
        """The armed force of a state named by its service ("Army" -> "Bolivian Army"), as the entity
        stage keys national forces named in the text ("force:<country>:army")."""
        entry = lexicons.gazetteer_index().get(country)
        if entry is None:
            return None
        known = next((force for name in (*entry.demonyms[:1], entry.name) for force in [
            lexicons.armed_forces_by_name().get((country, lexicons.fold(f"{name} {service}")))] if force), None)
        if known is not None:  # "Pakistan's army chief": the lexicon's Pakistan Army
            if known.key not in self.types and known.key not in self.new_entities:
                self.new_entities[known.key] = {"key": known.key, "name": known.name, "type": "ArmedForce",
                                                "qid": known.qid, "surface_forms": [known.name], "country": country}
                self.force_country[known.key] = country
            return known.key
        key = f"force:{country}:{lexicons.fold(service)}"
        if key not in self.types and key not in self.new_entities:
            name = f"{entry.demonyms[0] if entry.demonyms else entry.name} {service}"
            self.new_entities[key] = {"key": key, "name": name, "type": "ArmedForce", "qid": None,
                                      "surface_forms": [name], "country": country}
            self.force_country[key] = country
        return key

    def add_unit(self, owner: str | None, phrase: str) -> str:
        """A MilitaryUnit entity for a generic deployed object ("additional troops")."""
        owner_name = self.names.get(owner or "", "")
        key = "unit:" + lexicons.fold(f"{owner_name} {phrase}".strip())
        self.new_entities.setdefault(key, {"key": key, "name": phrase, "type": "MilitaryUnit", "qid": None,
                                           "surface_forms": [phrase], "iri_name": f"{owner_name} {phrase}".strip()})
        return key


# ---------------------------------------------------------------- argument helpers

def _lex(name: str) -> frozenset[str]:
    return lexicons.triggers()[name]


def _children(token: Token, deps: set[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _prep_objects(token: Token, preps: set[str]) -> list[Token]:
    """Objects of prepositions (``to``, ``from``...) attached to a token."""
    out = []
    for prep in token.children:
        if prep.dep_ in {"prep", "dative", "agent"} and prep.lower_ in preps:
            out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


def _with_conjuncts(tokens: Iterable[Token]) -> list[Token]:
    """Argument heads with their conjuncts, and the companions of "X, along with Y and Z," / "together with"."""
    out = []
    for token in tokens:
        out.append(token)
        out.extend(token.conjuncts)
        out.extend(_appositive_list(token))
        preps = [c for c in token.children if c.lower_ == "with"]
        hosts = [token, token.head] if token.dep_ in {"nsubj", "nsubjpass"} else [token]  # "along" may hang on the verb
        preps += [w for host in hosts for c in host.children if c.lower_ in {"along", "together"}
                  for w in c.children if w.lower_ == "with"]
        for prep in preps:
            if prep.i > 0 and prep.doc[prep.i - 1].lower_ in {"along", "together"}:
                for companion in _children(prep, {"pobj"}):
                    out.append(companion)
                    out.extend(companion.conjuncts)
    return out


def _appositive_list(token: Token) -> list[Token]:
    """"The United States, Germany, the Netherlands and Italy will ...": the rest of a list of names the
    parser read as a chain of appositions ending in a coordination (a one-name apposition is a gloss)."""
    chain, node = [], token
    while node.pos_ == "PROPN":
        node = next((c for c in node.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if node is None:
            break
        chain.append(node)
    if not any(k.dep_ == "conj" for member in chain for k in member.children):
        return []
    return [m for member in chain for m in (member, *member.conjuncts)]


def resolve_arg(ctx: ArticleContext, token: Token, wanted: set[str]) -> tuple[str | None, float]:
    """The entity a noun phrase headed by ``token`` refers to, and a confidence factor."""
    key = ctx.entity(token)
    if key and ctx.type_of(key) == "Organization" and "Country" in wanted and \
            {w.lower() for w in ctx.names.get(key, "").split()} & {"ministry", "department"}:
        # "the Russian Ministry of Defense sent ...": a state's ministry acts for the state
        state = next((ctx.entity(c) for c in token.subtree if c.i < token.i and c.dep_ in {"amod", "compound", "poss"}
                      and ctx.type_of(ctx.entity(c)) == "Country"), None)
        if state:
            return state, 0.9
    if key and ctx.type_of(key) in wanted:
        return key, 1.0
    if key and ctx.type_of(key) == "Person" and wanted & AGENT_TYPES and key in ctx.leaders:
        return ctx.leaders[key], 0.8
    if key and ctx.type_of(key) == "Person" and "Country" in wanted and key in ctx.officials:
        return ctx.officials[key], 0.75  # "German Defence Minister X announced the delivery of ..."
    if _non_state_group(token):  # "Syrian rebels" are not Syria: a group of their own, if one is wanted
        return (_national_group(ctx, token), 0.85) if "ArmedGroup" in wanted else (None, 0.0)
    # modifiers: "Russian troops", "Belarus's forces", "the Pakistan Air Force", "soldiers of Mali" (not the body
    # a member belongs to: "the first NATO member country")
    if token.lower_ in {"company", "corporation", "firm"} and "Company" in wanted:  # "Israel's BlueBird Company":
        named = next((k for c in token.children if c.dep_ == "compound"  # the firm, not its state
                      for k in [ctx.entity(c)] if ctx.type_of(k) == "Company"), None)
        if named:
            return named, 1.0
    member = token.lower_ in MEMBER_NOUNS or any(c.lower_ in MEMBER_NOUNS for c in token.children if c.dep_ == "compound")
    for child in [] if member else token.children:
        if child.dep_ in {"poss", "amod", "compound", "nmod", "npadvmod"}:
            key = ctx.entity(child)
            if key and ctx.type_of(key) in wanted:
                return key, 0.9
    if token.lower_ in {"administration", "government", "regime", "cabinet"} and wanted & {"Country"}:
        namesakes = [c for c in token.children if c.dep_ in {"poss", "compound"}] + _prep_objects(token, {"of"})
        for child in namesakes:  # "the Trump administration deployed ...", "the administration of President
            key = ctx.entity(child)  # Donald Trump agreed to sell ...": the state its namesake leads
            if ctx.type_of(key) == "Person" and ctx.type_of(ctx.leaders.get(key)) == "Country":
                return ctx.leaders[key], 0.8
        if any(c.dep_ in {"poss", "compound"} and ctx.type_of(ctx.entity(c)) == "Person" for c in token.children):
            return None, 0.0  # "the Barack Obama administration" of no state the article says: not the article's
    if _unitish(token) or token.lower_ in GENERIC_REFERENCES:
        for obj in _prep_objects(token, {"of"}):
            key = ctx.entity(obj)
            if key and ctx.type_of(key) in wanted:
                return key, 0.85
    group = _leader_group(ctx, token) if wanted & {"ArmedGroup"} else None
    if group:
        return group, 0.8
    lower = token.lower_
    if lower in {"latter", "former"} and wanted & AGENT_TYPES and token.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"} \
            and any(c.lower_ == "the" for c in token.children):
        # "Turkey and Ukraine ... the latter has received drones": of the last two parties named
        pair = ctx.recent_distinct(token.i, wanted & AGENT_TYPES, 2, ctx.sources)
        if len(pair) == 2:
            return pair[1] if lower == "latter" else pair[0], 0.75
    if token.pos_ == "PRON" and (lower in PRONOUNS_AGENT) and wanted & AGENT_TYPES:
        relative = _relative_antecedent(token)
        if relative is not None:
            return resolve_arg(ctx, relative, wanted)
        found = _reported_subject(ctx, token, wanted) or _parallel_subject(ctx, token, wanted) or \
            _possessor_subject(ctx, token, wanted) or _subject_antecedent(ctx, token, wanted) or \
            ctx.last_before(token.i, wanted, exclude=ctx.sources, nominal=True)
        if found and lower in {"they", "their", "them"} and _nearer_plural_group(ctx, token, found):
            return None, 0.0  # "protests by Bosnian Serbs against the indictment of their leader": the Serbs'
        return found, 0.7
    if token.tag_ in {"WDT", "WP"}:
        relative = _relative_antecedent(token)
        if relative is not None:
            return resolve_arg(ctx, relative, wanted)
    if token.pos_ == "PRON" and lower in {"we", "our", "us"} and wanted & AGENT_TYPES:
        speaker = quoted_speaker(ctx, token)
        if speaker in ctx.leaders:
            return ctx.leaders[speaker], 0.7
    if token.pos_ == "PRON" and lower in PRONOUNS_PERSON:
        person = ctx.last_before(token.i, {"Person"})
        if person and person in ctx.leaders and wanted & AGENT_TYPES:
            return ctx.leaders[person], 0.7
        if person and "Person" in wanted:
            return person, 0.8
    if lower in GENERIC_REFERENCES:  # "the government in Warsaw", "the army of Mali"
        for obj in _prep_objects(token, {"in", "of"}):
            key = ctx.entity(obj)
            if key and ctx.type_of(key) in wanted:
                return key, 0.85
    owner = next((c for c in token.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if lower in GENERIC_REFERENCES and owner is not None:  # "his country", "its army"
        if owner.lower_ in {"his", "her"}:
            state = _owner_subject_state(ctx, token)
            if state is None:
                person = ctx.last_before(token.i, {"Person"})
                state = ctx.leaders.get(person) or ctx.officials.get(person)
            if ctx.type_of(state) in wanted:
                return state, 0.7
        elif owner.lower_ in {"its", "their"}:
            types = GENERIC_REFERENCES[lower] & wanted
            if types:
                return ctx.last_before(token.i, types | {"Country"} & wanted), 0.7
    if lower in GENERIC_REFERENCES and "Country" in GENERIC_REFERENCES[lower] & wanted and \
            any(c.lower_ in {"the", "our"} for c in token.children):
        speaker = quoted_speaker(ctx, token)  # '"The government has decided to deploy ...," Mr Abbott said'
        state = ctx.leaders.get(speaker) or ctx.officials.get(speaker) if speaker else None
        if ctx.type_of(state) == "Country":
            return state, 0.75
    if lower in GENERIC_REFERENCES and lower not in {"military", "army"} and any(
            c.lower_ in {"the", "this", "that"} for c in token.children):
        types = GENERIC_REFERENCES[lower] & wanted
        places = _region_descriptor(token) if "Country" in types else None
        if places is not None:  # "the Asian country": the last state named in Asia
            regions = lexicons.country_regions()
            found = next((key for start, _e, key in reversed(ctx.mentions) if start < token.i
                          and ctx.types.get(key) == "Country" and regions.get(key, frozenset()) & places), None)
            return found, 0.75
        if types == {"Country"}:
            return _named_junta_state(ctx, token) or _protagonist_state(ctx, token.i), 0.75
        if types:
            return ctx.last_before(token.i, types), 0.75
    if any(c.dep_ == "relcl" for c in token.children):  # "Hamas is among the groups that received ..."
        described = _described_subject(token)
        if described is not None:
            return resolve_arg(ctx, described, wanted)
    if lower in set(lexicons.titles()["state_head_titles"]) and any(c.lower_ == "the" for c in token.children):
        person = ctx.last_before(token.i, {"Person"})
        if person and person in ctx.leaders:
            if wanted & AGENT_TYPES:
                return ctx.leaders[person], 0.7
        if person and "Person" in wanted:
            return person, 0.8
    return None, 0.0


MEMBER_NOUNS = frozenset({"member"})  # (one member state; "EU members" act for the body)
NON_STATE_GROUP_NOUNS = frozenset({"rebel", "insurgent", "militant", "separatist", "guerrilla", "jihadist",
                                   "mujahideen", "mujahedeen", "opposition"})
GROUP_HEAD_NOUNS = frozenset({"force", "group", "fighter", "faction", "movement", "militia"})


def _group_words(token: Token) -> list[Token]:
    """The words that make a noun a non-state armed group: "rebels", "opposition groups", "rebel forces"."""
    lemma = token.lemma_.lower()
    if lemma in NON_STATE_GROUP_NOUNS:
        return [token]
    if lemma in GROUP_HEAD_NOUNS:
        modifiers = [c for c in token.lefts
                     if c.dep_ in {"compound", "amod"} and c.lemma_.lower() in NON_STATE_GROUP_NOUNS]
        return [*modifiers, token] if modifiers else []
    return []


def _non_state_group(token: Token) -> bool:
    """Is the noun a generic non-state armed group ("rebels", "opposition forces"), not a named entity?"""
    return token.pos_ == "NOUN" and bool(_group_words(token))


def _group_state(ctx: ArticleContext, token: Token) -> str | None:
    """The state a group noun is named after by a name, demonym or possessive before it ("Syrian rebels")."""
    return next((ctx.entity(c) for c in token.lefts if c.dep_ in {"amod", "compound", "poss", "nmod"}
                 and ctx.type_of(ctx.entity(c)) == "Country"), None)


def _national_group(ctx: ArticleContext, token: Token) -> str | None:
    """"Syrian rebels", "Libya's rebels", "Syria's opposition groups": an armed group named after the
    state it fights in ("Syrian rebels"); None without a state's name or demonym before it."""
    state = _group_state(ctx, token)
    if state is None and [c.lower_ for c in token.lefts] == ["the"]:
        # "the rebels" after "Libya's rebels": the national group the article named last with these words
        lemmas = [t.lemma_.lower() for t in _group_words(token)]
        named = next((t for t in reversed(ctx.doc[:token.i]) if t.pos_ == "NOUN" and _group_state(ctx, t)
                      and [w.lemma_.lower() for w in _group_words(t)] == lemmas), None)
        return _national_group(ctx, named) if named is not None else None
    entry = lexicons.gazetteer_index().get(state) if state else None
    if entry is None:
        return None
    words = " ".join(t.lower_ for t in _group_words(token))
    name = f"{entry.demonyms[0] if entry.demonyms else entry.name} {words}"
    return ctx.add_entity("org:" + lexicons.fold(name), name, "ArmedGroup")


def _named_junta_state(ctx: ArticleContext, token: Token) -> str | None:
    """"the junta" after "the junta in Niger" or "Myanmar's junta": the state the article named with that
    noun last (a junta is one state's, not the last state named: "Russia has sent weapons to the junta")."""
    if token.lower_ != "junta":
        return None
    for earlier in reversed(ctx.doc[:token.i]):
        if earlier.lower_ != "junta":
            continue
        named = [c for c in earlier.children if c.dep_ in {"poss", "amod", "compound", "nmod"}]
        named += [o for p in earlier.children if p.dep_ == "prep" and p.lower_ in {"in", "of"}
                  for o in _children(p, {"pobj"})]
        state = next((k for k in map(ctx.entity, named) if ctx.type_of(k) == "Country"), None)
        if state:
            return state
    return None


def _protagonist_state(ctx: ArticleContext, position: int) -> str | None:
    """The state "the country" takes up: the last one named before, by name or through its armed force
    ("the Myanmar Air Force took delivery of jets from Russia ... the country"), passing over a state
    named only as where something came from ("from Russia")."""
    for start, end, key in reversed(ctx.mentions):
        if start >= position:
            continue
        root = ctx.doc[start:end].root
        if root.dep_ == "pobj" and root.head.lower_ == "from":
            continue
        if ctx.types.get(key) == "Country":
            return key
        state = force_state(ctx, key) if ctx.types.get(key) == "ArmedForce" else None
        if state:
            return state
    return None


@lru_cache(maxsize=1)
def _office_nouns() -> frozenset[str]:
    """Last words of every leader's and official's title in the title lexicon ("minister", "president")."""
    lex = lexicons.titles()
    return frozenset(t.split()[-1] for group in ("leader_titles", "non_leader_titles") for t in lex[group])


def _owner_subject_state(ctx: ArticleContext, token: Token) -> str | None:
    """The state "his"/"her" stands for in "his country": that of the subject of a clause the phrase is
    in, a named leader or official ("Danish Defence Minister X described ... his country's air force")
    or an unnamed officeholder ("Finland's defence minister said his country would send ...")."""
    for verb in token.ancestors:
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        for subject in _children(verb, {"nsubj", "nsubjpass"}):
            key = ctx.entity(subject)
            if key and ctx.type_of(key) == "Person":
                return ctx.leaders.get(key) or ctx.officials.get(key)
            if subject.lemma_.lower() in _office_nouns():
                if subject is token or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in subject.children):
                    continue  # ("His government said his country ...": no owner named, and no endless regress)
                state, _factor = resolve_arg(ctx, subject, {"Country"})
                return state
    return None


def _reported_subject(ctx: ArticleContext, token: Token, wanted: set[str]) -> str | None:
    """"it" as subject of what a party says, denies or is charged with is that party: "Rwanda denied
    charges by the Congolese government that it has sent troops", "Germany told Kyiv that it would send"."""
    if token.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    clause = token.head
    governor = clause.head if clause.dep_ in {"ccomp", "acl"} else None
    for _ in range(3):  # from the noun ("charges that ...") up to its verb
        if governor is None or governor.pos_ in {"VERB", "AUX"}:
            break
        governor = governor.head if governor.head != governor else None
    if governor is None or governor.lemma_.lower() not in _lex("attribution_verbs") | _lex("denial_verbs"):
        return None
    for subject in _children(governor, {"nsubj"}):
        key = ctx.entity(subject)
        if key is not None and ctx.type_of(key) in wanted and key not in ctx.sources:
            return key
    return None


def _possessor_subject(ctx: ArticleContext, token: Token, wanted: set[str]) -> str | None:
    """"its"/"their" in a clause with no subject of its own is the subject of the clause it depends on:
    "Fiji bought vehicles from Australia to enhance the capabilities of its forces" -> Fiji."""
    if token.lower_ not in {"its", "their"} or token.dep_ != "poss":
        return None
    node = token.head
    fronted = False  # in a clause before the main one: "Reorganised after the death of its founder X, the group ..."
    for _ in range(8):
        if node.pos_ in {"VERB", "AUX"} and _children(node, {"nsubj", "nsubjpass"}):
            break
        if node.head == node:
            return None
        fronted = fronted or (node.dep_ in {"advcl", "prep"} and node.i < node.head.i)
        node = node.head
    else:
        return None
    # (a fronted clause looks ahead only when nothing it could stand for is named before it)
    fronted = fronted and not any(ctx.type_of(ctx.entity(t)) in wanted for t in token.doc[token.sent.start:token.i])
    for subject in _children(node, {"nsubj", "nsubjpass"}):
        if (subject.i < token.i or fronted) and subject.pos_ != "PRON":
            key, _factor = resolve_arg(ctx, subject, wanted)
            if key and key not in ctx.sources and ctx.type_of(key) in wanted:
                return key
    return None


def _parallel_subject(ctx: ArticleContext, token: Token, wanted: set[str]) -> str | None:
    """"it" as subject of a clause coordinated with another is that clause's subject: "the Rwandan army
    intervened in Congo's fight against M23, and it supported the group with weapons" -> Rwanda."""
    if token.dep_ not in {"nsubj", "nsubjpass"} or token.head.dep_ != "conj":
        return None
    for subject in _children(token.head.head, {"nsubj", "nsubjpass"}):
        if subject.pos_ != "PRON":
            key, _factor = resolve_arg(ctx, subject, wanted)
            if key and key not in ctx.sources:
                return key
    return None


def _subject_antecedent(ctx: ArticleContext, token: Token, wanted: set[str], depth: int = 3) -> str | None:
    """The antecedent of "it"/"its" when its sentence names nothing before it: the main subject of the
    sentence before ("Egypt is the third biggest importer after India. Its purchases grew" -> Egypt,
    not India), followed through a chain of such subjects ("The party ... It left the alliance. Its
    leader X"), never a mere source ("according to the IISS")."""
    def subject_key(subject: Token) -> str | None:
        if subject.lower_ == "it" and depth > 1:
            return _subject_antecedent(ctx, subject, wanted, depth - 1)
        key = ctx.entity(subject)
        if key is None:  # "Shining Path's stated goal is ... Its leader": the subject's owner
            key = next((ctx.entity(c) for c in subject.children if c.dep_ == "poss" and ctx.entity(c)), None)
        if key is None or key in ctx.sources or ctx.type_of(key) not in wanted:
            return None
        return key

    sentence = token.sent
    if sentence.start == 0 or any(ctx.type_of(ctx.entity(t)) in wanted for t in ctx.doc[sentence.start:token.i]):
        return None  # an antecedent in the same sentence: the last one named (below)
    previous = ctx.doc[sentence.start - 1].sent
    subjects = [s for s in _children(previous.root, {"nsubj", "nsubjpass"}) if s.tag_ not in {"WDT", "WP"}]
    if not subjects:  # a root the parser took from a relative clause: the sentence's first subject
        subjects = [t for t in previous if t.dep_ in {"nsubj", "nsubjpass"} and t.tag_ not in {"WDT", "WP"}][:1]
    keys = [subject_key(s) for s in subjects]
    return next((k for k in keys if k), None)


def _leader_group(ctx: ArticleContext, token: Token) -> str | None:
    """An armed group named by its leader: "Haftar's forces", "forces loyal to Khalifa Haftar"."""
    if token.lower_ not in {"forces", "fighters", "troops", "militia", "militias", "men", "loyalists"}:
        return None
    people = [c for c in token.children if c.dep_ == "poss"]
    for adjective in (c for c in token.children if c.dep_ == "amod" and c.lower_ == "loyal"):
        people += _prep_objects(adjective, {"to"})
    for person in people:
        key = ctx.entity(person)
        if key and ctx.type_of(key) == "Person":
            surname = ctx.names[key].split()[-1]
            return ctx.add_entity(f"group:{key}", f"{surname}'s forces", "ArmedGroup")
    return None


def quoted_speaker(ctx: ArticleContext, token: Token) -> str | None:
    """The person who says a quotation containing ``token`` ("X, who said “we will ...”")."""
    sentence = token.sent
    quotes = [t.i for t in sentence if t.is_quote]
    if not any(q < token.i for q in quotes):
        return None
    for verb in sentence:
        if verb.lemma_.lower() not in _lex("attribution_verbs"):
            continue
        if verb.i > token.i and not any(token.i < q < verb.i for q in quotes):
            continue  # (after the quotation only once it is closed: '"... the government ...," Mr Abbott said')
        for subject in _children(verb, {"nsubj"}):
            if subject.tag_ in {"WP"} and verb.dep_ == "relcl":
                subject = verb.head
            key = ctx.entity(subject)
            if key and ctx.type_of(key) == "Person":
                return key
    return None


def _described_subject(noun: Token) -> Token | None:
    """The subject a copula describes with a noun: "Hamas is among the groups that ...", "Chile is one
    of the countries that ...", "Iran is the state that ..."."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ == "one":
        noun = noun.head.head
    elif noun.dep_ == "pobj" and noun.head.lower_ == "among":
        noun = noun.head
    if noun.dep_ not in {"attr", "prep"} or noun.head.lemma_.lower() not in {"be", "become", "remain"}:
        return None
    return next(iter(_children(noun.head, {"nsubj"})), None)


def _relative_antecedent(token: Token) -> Token | None:
    """The noun a relative pronoun stands for ("Hezbollah, which is armed by Iran")."""
    verb = token.head
    while verb.dep_ in {"conj"} and verb.head != verb:
        verb = verb.head
    if verb.dep_ == "relcl":
        return verb.head
    return None


LIST_NOUNS = {"country", "nation", "state", "customer", "buyer", "client", "ally", "government", "partner"}


def _listed_members(token: Token) -> list[Token]:
    """The members a plural noun lists: "countries such as A and B", "countries including A, B",
    "countries that include A, B and C"."""
    if token.lemma_.lower() not in LIST_NOUNS or token.tag_ != "NNS":
        return []
    members: list[Token] = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"including", "like"} or (
                child.lower_ == "as" and any(c.lower_ == "such" for c in child.children)):
            members += _children(child, {"pobj"})
        elif child.dep_ == "relcl" and child.lemma_.lower() == "include":
            members += _children(child, {"dobj"})
    return [m for member in members for m in [member, *member.conjuncts]]


def _nearer_plural_group(ctx: ArticleContext, pronoun: Token, antecedent: str) -> bool:
    """Is a plural group with no entity of its own ("Bosnian Serbs", "the protesters") named in the
    pronoun's sentence after the last mention of the antecedent found for "they"/"their"? It is the
    likelier antecedent."""
    sentence = pronoun.sent
    last = max((t.i for t in sentence if t.i < pronoun.i and ctx.entity(t) == antecedent), default=sentence.start - 1)
    return any(t.tag_ in {"NNS", "NNPS"} and t.dep_ in {"pobj", "nsubj", "dobj"} and ctx.entity(t) is None
               and t.lemma_.lower() not in GENERIC_REFERENCES and not _unitish(t) and not _weaponish(ctx, t, depth=0)
               for t in pronoun.doc[last + 1:pronoun.i])


def resolve_args(ctx: ArticleContext, tokens: Iterable[Token], wanted: set[str]) -> list[tuple[str, float]]:
    """Resolve each of several argument heads (with their conjuncts, and the members a plural noun
    lists: "countries such as A and B"), dropping the unresolved."""
    out = []
    heads = _with_conjuncts(tokens)
    heads += [m for h in heads for m in _listed_members(h)]
    heads += [c for h in list(heads) if ctx.entity(h) is None and (_unitish(h) or h.lower_ in GENERIC_REFERENCES)
              for o in _prep_objects(h, {"of"}) for c in o.conjuncts if ctx.entity(c)]
    # ("the armies of Mali and Burkina Faso": each state's army)
    # "the Turkish firm Baykar": the name a common noun is apposed to, and then the noun (its state)
    heads = [a for h in heads if ctx.entity(h) is None and h.pos_ == "NOUN"
             for a in _children(h, {"appos"}) if ctx.type_of(ctx.entity(a)) in wanted] + heads
    for token in heads:
        key, factor = resolve_arg(ctx, token, wanted)
        if key is None:
            key, factor = _plural_reference(ctx, token, wanted)
            if key:
                out.extend(key)
                continue
        if key:
            out.append((key, factor))
        if key and ctx.type_of(key) == "Company" and token.lower_ in {"company", "corporation", "firm"}:
            out += [(state, 0.9 * factor) for c in token.children if c.dep_ == "poss" and "Country" in wanted
                    for state in [ctx.entity(c)] if ctx.type_of(state) == "Country"]  # "Israel's BlueBird Company": its
            # state too
    seen: set[str] = set()
    unique = []
    for key, factor in out:
        if key not in seen:
            seen.add(key)
            unique.append((key, factor))
    return unique


def _region_descriptor(token: Token) -> frozenset[str] | None:
    """The world regions an adjective before a state noun names ("the Asian country", "the Gulf
    state", "the Latin American nation"), or None."""
    descriptors = lexicons.region_descriptors()
    words = [t.lower_ for t in token.subtree if t.i < token.i and t.dep_ in {"amod", "compound", "nmod"}]
    for i in range(len(words)):
        for phrase in (" ".join(words[i:i + 2]), words[i]):
            if phrase in descriptors:
                return descriptors[phrase]
    return None


def _plural_reference(ctx: ArticleContext, token: Token, wanted: set[str]) -> tuple[list | None, float]:
    """"the two countries", "both nations" -> the last N countries mentioned."""
    if token.lower_ not in {"countries", "nations", "states", "allies", "governments"}:
        return None, 0.0
    count = 0
    for child in token.children:
        if child.like_num or child.lower_ in {"both", "two"}:
            count = 2 if child.lower_ in {"both", "two"} else (int(child.text) if child.text.isdigit() else 0)
    if count < 2 or count > 5:
        return None, 0.0
    exclude = {k for i, k in ctx.token_entity.items() if token.sent.start <= i < token.sent.end}
    keys = ctx.recent_distinct(token.sent.start, {"Country"} & wanted, count, exclude)
    if len(keys) != count:
        return None, 0.0
    return [(k, 0.7) for k in keys], 0.7


AGREEMENT_NOUNS = {"deal", "contract", "agreement", "accord", "pact", "commitment", "pledge", "promise", "plan",
                   "decision", "arrangement", "memorandum"}
REQUEST_NOUNS = {"request", "call", "demand", "appeal", "plea", "petition", "bid", "push", "pressure", "wish", "hope"}


PROCESS_NOUNS = {"process", "task", "work", "job", "business", "procedure"}
CHOOSING_VERBS = {"select", "choose", "pick", "hire", "contract", "commission", "tap", "award", "engage", "task"}


AGENT_LABELS = frozenset({LABEL_COUNTRY, LABEL_SEAT, *ORG_LABELS.values(), "GPE", "ORG"})  # tags that name a party


def _gerund_subject(verb: Token) -> Token | None:
    """The named party right before a gerund the parser hung on another noun: "concern about Iran and North
    Korea providing weapons to Russia" (Iran and North Korea provide, not those concerned)."""
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or verb.i == 0 or _children(verb, {"nsubj"}):
        return None
    before = verb.doc[verb.i - 1]
    if before.ent_type_ not in AGENT_LABELS or before.dep_ not in {"pobj", "conj"} or before.head.dep_ == "compound":
        return None
    while before.dep_ == "conj" and before.head.ent_type_ in AGENT_LABELS:
        before = before.head
    return before if before.dep_ == "pobj" and before.head.lower_ in {"about", "over", "of", "on"} else None


def _for_subject(verb: Token) -> Token | None:
    """The subject "for" gives an infinitive right after it: "a deal with Greece for Athens to send
    vehicles", "called for Germany to send tanks" (the parser hangs the noun on "for")."""
    to = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is None or to.i == 0:
        return None
    before = verb.doc[to.i - 1]
    if before.dep_ != "pobj" or before.head.lower_ != "for" or before.head.i != before.left_edge.i - 1:
        return None
    # on a deal or a call ("agreed a deal with Greece for Athens to ...", "called for X to ..."), not an
    # opinion ("it is time for Germany to send tanks")
    governors = [a for a in list(before.head.ancestors)[:4] if a.pos_ in {"NOUN", "VERB"}]
    if any(a.lemma_.lower() in AGREEMENT_NOUNS or _lemma_in(a, _lex("request_verbs")) for a in governors[:2]):
        return before
    return None


def clause_subjects(token: Token) -> list[Token]:
    """Subjects of a verb, inherited through control and coordination.

    "Moscow would keep supplying" (xcomp), "agreed to export" (xcomp), "asked Kyiv to send" and
    "selected Embraer to supply" (object control), "violated the embargo by providing" (pcomp), "won a contract to supply" (acl of the
    object), "a decision by X to provide" and "X's decision to send" (the agent of the noun), "which is
    armed by Iran" (relative clause).
    """
    gerund_subject = _gerund_subject(token)
    if gerund_subject is not None:
        return [gerund_subject]
    if not _children(token, {"nsubj", "nsubjpass"}):
        introduced = _for_subject(token)
        if introduced is not None:
            return [introduced]
    current = token
    for _ in range(5):
        subjects = _children(current, {"nsubj"})
        relative = current.dep_ == "relcl" and subjects and all(s.tag_ in {"WDT", "WP"} or s.lower_ == "that"
                                                                 for s in subjects)
        if subjects and not relative:
            return subjects
        if current is not token and _children(current, {"nsubjpass"}):
            return _children(current, {"nsubjpass"})
        dep, head = current.dep_, current.head
        if head is current:
            break
        if dep == "xcomp" and _children(head, {"dobj"}) and not all(
                o.lemma_.lower() in AGREEMENT_NOUNS for o in _children(head, {"dobj"})):
            return _children(head, {"dobj"})  # (not "inked a deal to send": the deal is no one's subject)
        if dep == "advcl" and head.lemma_.lower() in CHOOSING_VERBS and _children(head, {"dobj"}) and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in current.children):
            return _children(head, {"dobj"})  # "the ministry selected Embraer to supply jets": Embraer supplies
        if dep == "xcomp" and head.dep_ == "amod" and head.head.dep_ in {"dobj", "attr"}:
            current = head.head.head  # "signed a deal worth $1.7 billion to buy": who signed the deal
        elif dep == "acomp" and head.lemma_ == "be":  # "it is ready to deploy": the copula's subject
            current = head
        elif dep in {"xcomp", "conj", "advcl", "ccomp"}:
            if dep == "conj" and current is token and _children(head, {"nsubjpass"}):
                return []
            if dep == "xcomp" and head.lemma_.lower() in {"include", "involve", "entail", "mean", "require"}:
                return []  # "an alliance which includes equipping Australia with ...": no agent named
            if dep == "xcomp" and current.tag_ == "VBG" and head.lemma_.lower() in _lex("attribution_verbs"):
                return []  # "Washington says placing such missiles near Poland is destabilizing": a gerund subject
            current = head
        elif dep == "pcomp" and head.dep_ == "prep":
            if head.lower_ in {"of", "for", "from"} and _children(head.head, {"dobj"}):
                return _children(head.head, {"dobj"})  # "accused Rwanda of providing"
            current = head.head
            if head.lower_ == "of" and current.pos_ == "NOUN" and current.lemma_.lower() in PROCESS_NOUNS and \
                    current.dep_ == "dobj":
                current = current.head  # "will start the process of deploying": the one who starts it
        elif dep == "acl" and head.pos_ == "NOUN" and (_children(head, {"poss"}) or _prep_objects(head, {"by"})):
            return _children(head, {"poss"}) or _prep_objects(head, {"by"})  # "a decision by X to provide", "Poland's
            # request to send tanks" (its mood is the request's: see assess)
        elif dep == "acl" and head.dep_ == "dobj" and head.head.lemma_.lower() in {"award", "give", "grant"} \
                and _children(head.head, {"dative"}):
            return _children(head.head, {"dative"})  # "the Pentagon awarded Lockheed a contract to build ..."
        elif dep == "acl" and head.dep_ in {"dobj", "pobj", "attr"}:
            current = head.head if head.dep_ != "pobj" else head.head.head
        elif dep == "relcl" and head.lemma_.lower() in AGREEMENT_NOUNS and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in current.children) and head.dep_ in {"dobj", "nsubjpass", "pobj"}:
            # "Spain struck a deal to supply howitzers" (an infinitive, not a relative clause); "Qatar pressed
            # ahead with a deal to buy jets": who holds the deal
            current = head.head if head.dep_ != "pobj" else head.head.head
        elif dep == "relcl" and head.dep_ == "attr" and head.head.lemma_ == "be" and _children(head.head, {"nsubj"}):
            return _children(head.head, {"nsubj"})  # "X was the first neighbour that deployed troops"
        elif dep == "relcl":
            return [head]
        elif dep == "dobj" and current.lemma_.lower() in ROLE_NOUNS:
            current = head  # "Israel played a key role in supplying Azerbaijan": who plays the role
        else:
            break
    return []


ROLE_NOUNS = frozenset({"role", "part"})


WEAPON_MODIFIERS = {"air", "missile", "defence", "defense", "unmanned", "armoured", "armored", "combat", "anti",
                    "naval", "nuclear", "ballistic", "cruise", "guided", "radar", "artillery", "rocket", "strike",
                    "attack", "surface", "aircraft", "tank", "drone", "infantry", "fighting"}
UNNAMED_MATERIEL = {"equipment", "hardware", "machinery", "kit", "aid", "assistance", "support", "package"}
GENERIC_MATERIEL = {"aid", "assistance", "package", "equipment", "hardware", "machinery", "system", "systems",
                    "vehicle", "vehicles", "components", "kit", "battery", "batteries", "support"}


CONTENT_PREPS = {"of", "for", "including", "with", "worth", "like", "such"}


def _weaponish(ctx: ArticleContext, token: Token, depth: int = 3) -> bool:
    """Does a noun phrase denote weapons (lexicon noun or weapon-system entity)?

    Generic nouns ("equipment", "systems", "aid") count only with a military modifier or a weapon
    word in their phrase ("military aid", "missile systems", "air defence equipment").
    """
    if ctx.is_weapon(ctx.entity(token)):
        return True
    words = _lex("weapon_nouns")
    if _combatants(token):
        return False
    if token.lower_ in words or token.lemma_.lower() in words:
        if token.lower_ in _lex("dual_use_nouns") and (ctx.civil or _civil_vehicle(ctx, token)):
            return False  # "the airline will lease 20 jets from a maker", "cargo ships", "planes loaded with food"
        if token.lower_ not in GENERIC_MATERIEL:
            return True
        for other in token.subtree:
            if other is token:
                continue
            lower = other.lower_
            if lower in _lex("military_aid_modifiers") or (lower in words and lower not in GENERIC_MATERIEL) \
                    or ctx.is_weapon(ctx.entity(other)) or lower in WEAPON_MODIFIERS:
                return True
        return False
    if depth and token.dep_ != "conj":
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ not in CONTENT_PREPS:
                continue  # "a contract from the Navy Sea Systems Command": a source, not the goods
            if child.dep_ in {"prep", "compound", "conj", "pobj", "appos"} and _weaponish(ctx, child, depth - 1):
                return True
    return False


LOADING_VERBS = frozenset({"load", "laden", "fill", "pack", "carry", "contain", "transport", "bring"})


def _civil_vehicle(ctx: ArticleContext, vehicle: Token) -> bool:
    """A dual-use vehicle marked for civil use: "cargo ships", "passenger jets", "planes loaded with food"
    (not "planes loaded with food and ammunition")."""
    if any(m.dep_ in {"compound", "amod"} and m.lower_ in _lex("civil_vehicle_modifiers") for m in vehicle.lefts):
        return True
    for participle in vehicle.children:
        if participle.dep_ == "acl" and _lemma_in(participle, LOADING_VERBS):
            goods = [t for t in participle.subtree if t.i != participle.i]
            if any(t.lemma_.lower() in _lex("civil_goods") for t in goods) and not any(
                    t.lemma_.lower() in _lex("weapon_nouns") or ctx.is_weapon(ctx.entity(t)) for t in goods):
                return True
    return False


# Formations: what is sent with them is deployed, not handed over ("two battalions of S-400 systems").
FORMATION_NOUNS = {"battalion", "brigade", "regiment", "squadron", "division", "platoon", "company", "troop",
                   "soldier", "formation", "detachment", "contingent"}
AMBIGUOUS_UNITS = {"unit", "units", "group", "groups", "company", "companies", "division", "divisions", "fleet",
                   "force", "corps", "army", "aircraft", "jets", "ships", "vessels", "carrier", "carriers", "advisers",
                   "advisors", "instructors", "fighters", "team", "teams"}
MILITARY_WORDS = {"military", "army", "naval", "navy", "tank", "advance", "infantry", "aircraft", "armoured", "armored", "strike",
                  "combat", "marine", "air", "special", "mechanised", "mechanized", "artillery", "airborne", "battle", "fighter",
                  "rapid", "reaction", "task", "carrier", "attack", "missile", "warplanes", "war", "defence", "defense",
                  "security", "peacekeeping", "expeditionary", "assault", "amphibious", "landing", "patrol", "bomber",
                  "standby", "intervention", "stabilisation", "stabilization", "commando", "commandos", "paratroop",
                  "ranger", "sniper", "reconnaissance", "counterterrorism", "counter-terrorism"}


COMBATANT_MODIFIERS = {"rebel", "militia", "islamist", "jihadist", "foreign", "armed", "mercenary", "tribal", "local"}


def _combatants(token: Token) -> bool:
    """"Wagner fighters", "rebel fighters": fighters who are people, not fighter jets."""
    return token.lower_ in {"fighter", "fighters"} and any(
        m.ent_type_ == ORG_LABELS["ArmedGroup"] or m.lower_ in COMBATANT_MODIFIERS for m in token.lefts)


def _unitish(token: Token) -> bool:
    """A military unit or personnel noun ("troops", "brigade"); ambiguous ones ("unit", "group",
    "division") only with a military word in their phrase ("tank division", "carrier strike group")."""
    if _combatants(token):
        return True
    words = _lex("unit_nouns")
    if token.lower_ not in words and token.lemma_.lower() not in words:
        return False
    if token.lower_ in AMBIGUOUS_UNITS:  # (in its own phrase, not a conjunct's: "search teams and a military team")
        return any(t.lower_ in MILITARY_WORDS for c in token.children if c.dep_ not in {"conj", "cc"}
                   for t in c.subtree)
    return True


# ---------------------------------------------------------------- modality

FUTURE_TIME = {"next", "soon", "early", "later", "upcoming", "coming", "tomorrow"}


def _scheduled(verb: Token) -> bool:
    """A modal verb with a future date and no condition: "could send troops as early as next month"."""
    clause = list(verb.subtree)
    if any(t.lower_ in {"if", "unless", "whether"} for t in clause):
        return False
    return any(t.lower_ in FUTURE_TIME and t.ent_type_ in {"DATE", "TIME"} or
               t.lower_ in {"next", "soon"} for t in clause)


CIRCUMSTANCE_MARKS = {"as", "while", "when", "whilst", "after", "before", "since", "because", "although", "though",
                      "whereas", "once", "with"}  # ("with French troops still deployed in the region, X asked ...")


def _base_word(token: Token, words: frozenset[str]) -> str:
    """The word of ``words`` a token is a form of (see :func:`_lemma_in`), else its lemma ("installed",
    lemmatised "instal", is "install")."""
    lower, lemma = token.lower_, token.lemma_.lower()
    if lemma in words or lower in words:
        return lemma if lemma in words else lower
    return next((lower[:-len(suffix)] for suffix in ("s", "es", "d", "ed", "ing")
                 if lower.endswith(suffix) and lower[:-len(suffix)] in words), lemma)


def _lemma_in(token: Token, words: frozenset[str]) -> bool:
    """Is the token a form of one of the words (tolerant of lemmatiser slips: "hopes" -> "hop")?"""
    return _base_word(token, words) in words


ACQUIRING_VERBS = frozenset({"buy", "purchase", "acquire", "procure", "obtain", "import"})
INTENTION_WORDS = {"plan", "intend", "aim", "intention", "hope", "seek", "want", "consider", "mull", "look"}


def _unverified(trigger: Token, chain: list[Token], sentence: Span, lowered: str) -> bool:
    """Does the sentence call the trigger's claim unverified? A phrase ("could not be verified") anywhere;
    one word ("alleged", "unconfirmed") only on the claim itself: in the trigger's phrase, or on a word of
    its chain or that word's own argument ("Unverified footage shows ...") - not "advisers arrived, amid
    tensions over the alleged involvement of mercenaries"."""
    cues = _lex("unverified_cues")
    if any(cue in lowered for cue in cues if " " in cue):
        return True
    words = {cue for cue in cues if " " not in cue}
    return any(t.lower_ in words and (_in_own_clause(t, trigger) or t.head in chain or t.head.head in chain)
               for t in sentence)


CLAUSE_DEPS = frozenset({"advcl", "xcomp", "ccomp", "relcl", "csubj", "parataxis"})


def _in_own_clause(token: Token, trigger: Token) -> bool:
    """Is the token in the trigger's phrase, not in a clause of its own below it (a purpose, a relative
    clause: a doubt there is not on the trigger's claim)?"""
    node = token
    while node.i != trigger.i:
        if node.dep_ in CLAUSE_DEPS or node.head.i == node.i:
            return False
        node = node.head
    return True


def assess(trigger: Token, sentence: Span) -> tuple[bool, str, float]:
    """(negated, modality, confidence factor) for a trigger in its sentence."""
    negated = False
    planned = False
    factor = 1.0
    chain = [trigger]
    node = trigger
    # a deployment participle describing a noun is presupposed, whatever mood governs the noun: "to enhance
    # the capabilities of its forces deployed on UN operations", "could move troops stationed in Syria"
    described = trigger.dep_ == "acl" and trigger.tag_ == "VBN" and trigger.lemma_.lower() in _lex("deploy_verbs")
    # "gathered to welcome a Russian convoy arriving for a visit": a participle describing what the purpose
    # is about presupposes its event
    participle = trigger.dep_ in {"acl", "advcl"} and trigger.tag_ in {"VBG", "VBN"} and not any(
        c.dep_ in {"aux", "mark"} for c in trigger.children)
    while not described and node.dep_ in {"xcomp", "ccomp", "conj", "acl", "advcl", "pcomp", "pobj", "prep", "amod", "dobj",
                                          "relcl", "nsubj", "nsubjpass", "attr", "compound", "acomp"} \
            and node.head is not node:  # ("is willing to send troops if ...": the copula's mood)
        if _presupposed(node):
            break
        node = node.head
        chain.append(node)
        if len(chain) > 6:
            break
    for position, node in enumerate(chain):
        own = position == 0 or chain[position - 1].dep_ in {"xcomp", "conj", "ccomp", "pcomp", "pobj", "prep", "dobj",
                                                              "acl", "advcl", "acomp"}
        if not own:
            break
        if position and chain[position - 1].dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in CIRCUMSTANCE_MARKS for c in chain[position - 1].children):
            break  # "As the Russians send bombers, the Pentagon stops short of ...": the main clause's own mood
        lemma = node.lemma_.lower()
        if any(c.dep_ == "neg" for c in node.children) and (position == 0 or chain[position - 1].dep_ in {"xcomp", "ccomp", "conj", "pcomp", "acl"}):
            negated = True
        if position and lemma in _lex("denial_verbs") and chain[position - 1].dep_ != "conj" and not (
                lemma == "rule" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in node.children)):
            # (not a verb it is coordinated with: "halting the advance and rushing reinforcements")
            negated = True  # ("ruled out sending", not "a court ruled that ...")
        if position and node.pos_ == "NOUN" and chain[position - 1].dep_ == "acl" and any(
                c.dep_ == "det" and c.lower_ in {"no", "neither"} for c in node.children):
            negated = True  # "has no plans to deploy troops", "no intention of sending"
        if position and _lemma_in(node, _lex("request_verbs")) and not (
                node.dep_ == "dobj" and node.head.lemma_.lower() in APPROVING_VERBS):  # (a request granted)
            factor = min(factor, 0.3)
        if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in c.children)
               for c in node.children):
            factor = min(factor, 0.35)  # "If approved, the sale would see Taiwan receive 66 jets"
        if any(c.dep_ == "aux" and c.lower_ in _lex("hypothetical_aux") - {"would", "should"} for c in node.children):
            if position == 0 and _scheduled(node):  # "could send troops as early as next month"
                planned = True
                factor = min(factor, 0.6)
            else:
                factor = min(factor, 0.35)
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in node.children):
            factor = min(factor, 0.35)
        if any(c.dep_ == "mark" and c.lower_ == "for" for c in node.children) and \
                any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
            factor = min(factor, 0.4)  # "it is time for Germany to send tanks": what someone should do
        if node.dep_ == "relcl" and node.head.lemma_.lower() in _lex("proposal_nouns") and any(
                c.dep_ == "aux" and c.lower_ in _lex("hypothetical_aux") for c in node.children):
            factor = min(factor, 0.35)  # "a swap in which Germany would hand over missiles": a proposal's terms
        if node.dep_ == "pcomp" and node.head.lower_ in {"against", "instead", "without"}:
            negated = True  # "warned against supplying weapons", "without sending troops"
        if node.dep_ == "pcomp" and node.head.lower_ == "to" and node.head.head.lemma_.lower() == "come" and any(
                c.dep_ == "nsubj" and c.lower_ == "it" for c in node.head.head.children):
            factor = min(factor, 0.4)  # "when it comes to deploying troops": a topic, not an event
        if lemma in _lex("hypothetical_cues") and position and not _evidence_of_past(node, chain[position - 1]):
            factor = min(factor, 0.4)
        if node.pos_ == "NOUN" and any(o.lemma_.lower() in {"intent", "understanding"}
                                       for o in _prep_objects(node, {"of"})):
            factor = min(factor, 0.4)  # "a letter of intent to purchase jets", "a memorandum of understanding"
        if position and lemma in _lex("pending_decision_verbs") and any(
                c.dep_ == "aux" and c.lower_ in _lex("hypothetical_aux") | {"will", "'ll", "shall"} for c in node.children):
            factor = min(factor, 0.4)  # "Sweden will decide to provide Ukraine with jets": no decision yet
        if position and node.dep_ in {"acl", "advcl"} and not participle and \
                any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children) and \
                not (chain[position - 1].dep_ == "conj" and chain[position - 1].tag_ == "VBD") and \
                not (node.dep_ == "acl" and node.head.lemma_.lower() in AGREEMENT_NOUNS - {"plan", "promise", "pledge"}):
            # (a contract's terms are no purpose: "signed the contract to formalise the sale of jets to Y")
            factor = min(factor, 0.4)  # a purpose: "provided technology to help it deploy satellites" (not a
            # past-tense verb the parser joined to it: "assembled a force to engage the navy and deployed marines")
        if any(c.dep_ == "aux" and c.lower_ in {"will", "'ll", "would", "shall"} for c in node.children):
            planned = True
        if position and lemma in _lex("planned_cues"):
            planned = True
        if any(c.dep_ == "amod" and c.lower_ in {"upcoming", "planned", "future", "proposed"} for c in node.children):
            planned = True
        claim = node.head
        if node.dep_ in {"acl", "ccomp"} and _lemma_in(claim, _lex("contested_claim_words")) and (
                claim.pos_ == "NOUN" or (claim.dep_ == "acl" and claim.head.pos_ == "NOUN")):
            factor = min(factor, 0.4)  # "denied claims that Tehran supplies weapons", "reports claiming that ..."
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in _lex("attribution_verbs"):
            if any(c.dep_ == "neg" for c in node.head.children):
                factor = min(factor, 0.4)  # "could not confirm that troops had been deployed": unverified
            break
    if any(c.dep_ == "mark" and c.lower_ == "that" for n in chain[:2] for c in n.children) and any(
            n.pos_ == "NOUN" and _lemma_in(n, _lex("contested_claim_words")) for n in chain[2:]):
        factor = min(factor, 0.4)  # "allegations circulating online that Turkey is supplying drones": the claim's
        # clause, however the parser hung it
    if any(c.dep_ == "mark" and c.lower_ == "whether" for a in trigger.ancestors for c in a.children):
        factor = min(factor, 0.35)  # an embedded question: "a question about whether it was time to sell arms"
    if _lemma_in(trigger, ACQUIRING_VERBS) and any(n.lemma_.lower() in INTENTION_WORDS for n in chain[1:]):
        factor = min(factor, 0.4)  # a buyer's intention ("Peru plans to acquire FA-50 jets") is no deal yet
    lowered = sentence.text.lower()
    if _unverified(trigger, chain, sentence, lowered):
        factor = min(factor, 0.4)
    attributed = "according to" in lowered or any(
        t.lemma_.lower() in _lex("attribution_verbs") and t.pos_ == "VERB" for t in sentence)
    modality = "planned" if planned else ("reported" if attributed else "asserted")
    return negated, modality, factor


PRESUPPOSING_PREPOSITIONS = frozenset({"after", "despite", "following", "amid", "since"})
PRESUPPOSING_FRAMES = frozenset({"light", "wake", "aftermath", "spite"})  # "in light of", "in the wake of"


def _presupposed(node: Token) -> bool:
    """Is the node the object of a preposition that takes its event as given ("could change in light of
    Pyongyang's deployment of troops", "may respond after the delivery of jets")? The governing clause's
    mood is then not the event's."""
    if node.dep_ not in {"pobj", "pcomp"}:
        return False
    preposition = node.head
    return preposition.lower_ in PRESUPPOSING_PREPOSITIONS or (
        preposition.lower_ == "of" and preposition.head.lower_ in PRESUPPOSING_FRAMES)


def _evidence_of_past(cue: Token, clause: Token) -> bool:
    """"a report which suggested that China has moved missiles": "suggest" weighing evidence of a past
    event (a finite past clause with no modal) reports it; "suggested deploying missiles" proposes."""
    return cue.lemma_.lower() == "suggest" and clause.dep_ == "ccomp" and clause.tag_ in {"VBD", "VBN"} and \
        any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children) and \
        not any(c.dep_ == "aux" and c.lower_ in _lex("hypothetical_aux") for c in clause.children)


# ---------------------------------------------------------------- relation rules

def _verb_lemma(token: Token) -> str:
    """The verb lemma, also for a passive participle the tagger read as an adjective ("is armed by")."""
    if token.lower_ == "armed" and (token.dep_ in {"relcl", "ROOT", "conj", "ccomp"} or
                                    any(c.dep_ in {"auxpass", "agent", "nsubjpass"} for c in token.children)):
        return "arm"
    return token.lemma_.lower()


def supply_mentions(ctx: ArticleContext, sentence: Span) -> Iterator[Mention]:
    """suppliesWeaponsTo from verbs, nominalisations and "X-made" compounds; a company the article
    gives a nationality supplies for its state too ("Turkish drone maker Baykar delivered drones to
    Poland": Baykar and Turkey supply Poland, as "Turkish-made drones" would say)."""
    for mention in _supply_mentions(ctx, sentence):
        yield mention
        state = ctx.company_states.get(mention.subject)
        if state and state != mention.object:
            yield Mention(state, mention.predicate, mention.object, sentence, mention.trigger,
                          mention.confidence * 0.9, mention.location)


def _supply_mentions(ctx: ArticleContext, sentence: Span) -> Iterator[Mention]:
    """suppliesWeaponsTo from verbs, nominalisations and "X-made" compounds."""
    supply_verbs, receive_verbs = _lex("supply_verbs"), _lex("receive_verbs")
    for token in sentence:
        lemma = _verb_lemma(token)
        if token.lower_ in _lex("supply_adjectives") and token.dep_ in {"amod", "compound"}:
            yield from _supply_compound(ctx, sentence, token)  # ("Iranian-supplied missiles": not a verb's clause)
        elif (token.pos_ in {"VERB", "AUX"} or lemma == "arm") and lemma in supply_verbs:
            yield from _supply_verb(ctx, sentence, token)
        elif token.pos_ == "VERB" and lemma in _lex("with_supply_verbs") and _prep_objects(token, {"with"}):
            yield from _supply_verb(ctx, sentence, token, with_only=True)  # "supported the group with weapons"
        elif token.pos_ == "VERB" and lemma in receive_verbs:
            yield from _receive_verb(ctx, sentence, token)
        elif token.pos_ == "NOUN" and token.lower_ in _lex("supply_nouns"):
            yield from _supply_noun(ctx, sentence, token)
        elif token.lower_ in AMOUNT_WORDS and any(_weaponish(ctx, o, depth=0) for o in _prep_objects(token, {"in"})):
            yield from _supply_noun(ctx, sentence, token)  # "announced another $200 million in weapons for Ukraine"
        elif token.pos_ == "NOUN" and token.lower_ in _lex("receive_nouns"):
            yield from _receive_noun(ctx, sentence, token)
        elif token.pos_ == "NOUN" and token.lower_ in _lex("supply_agent_nouns"):
            yield from _supplier_noun(ctx, sentence, token)
        elif token.pos_ == "NOUN" and token.lemma_.lower() in BUYER_NOUNS:
            yield from _buyer_noun(ctx, sentence, token)
        elif token.lower_ in _lex("supply_adjectives") and token.dep_ in {"amod", "acl", "compound"}:
            yield from _supply_compound(ctx, sentence, token)
        elif token.pos_ in {"NOUN", "PROPN"} and _weaponish(ctx, token, depth=0):
            yield from _held_weapons(ctx, sentence, token)
        if token.pos_ == "NOUN" and lemma in CONTRACT_NOUNS:
            yield from _contract_for(ctx, sentence, token)
        if token.pos_ in {"VERB", "AUX"} and lemma in USE_VERBS | HOLD_VERBS:
            yield from _used_weapons(ctx, sentence, token)
        if token.pos_ == "NOUN" and token.lower_ in USE_NOUNS:
            yield from _use_noun(ctx, sentence, token)
        if token.pos_ == "VERB" and lemma in MAKER_VERBS:
            yield from _built_for(ctx, sentence, token)


def _fused_recipients(ctx: ArticleContext, verb: Token) -> list[Token]:
    """"has sold Pakistan eight submarines": a party named right after the verb that the parser made a
    modifier of the object, with a number or determiner between it and the object's own words (or, for a
    state's own name, a modifier: "sending Ukraine long-range missiles")."""
    found: list[Token] = []
    for obj in _children(verb, {"dobj"}):
        first = next((t for t in obj.lefts if t.dep_ in {"nmod", "compound"} and t.i > verb.i), None)
        if first is None or any(t.pos_ not in {"ADV", "PART"} for t in verb.doc[verb.i + 1:first.i]):
            continue
        key = ctx.entity(first)
        end = first.i
        while end + 1 < obj.i and ctx.entity(verb.doc[end + 1]) == key:
            end += 1
        after = verb.doc[end + 1]
        # ("is sending Ukraine long-range missiles": a state's own name, not an adjective, before the object's
        # modifiers)
        named_state = first.ent_type_ == "NKG_COUNTRY" and after.dep_ in {"amod", "compound"}
        if key and ctx.type_of(key) in AGENT_TYPES and after.i < obj.i and (
                after.like_num or after.pos_ == "DET" or named_state):
            found.append(first)
    return found


def _supply_verb(ctx: ArticleContext, sentence: Span, verb: Token, with_only: bool = False) -> Iterator[Mention]:
    """Supply verbs ("Iran supplied drones to Russia", "drones supplied by Iran", "supplying Y with X");
    ``with_only``: a verb of help that supplies only what comes "with" it ("backed the rebels with arms")."""
    if verb.dep_ == "acl" and _verb_lemma(verb) in EQUIP_VERBS and _weaponish(ctx, verb.head, depth=0):
        return  # "Su-34 jets armed with Kh-59 missiles": what a weapon carries, no transfer
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
    if _verb_lemma(verb) in EQUIP_VERBS and _equipped_self(verb, passive):
        yield from _self_equipped(ctx, sentence, verb, passive)
        return
    things = ([] if with_only else _children(verb, {"dobj", "nsubjpass"})) + _prep_objects(verb, {"with"})
    things += [o for p in _children(verb, {"prep", "prt"}) if p.lower_ == "in" and p.i == verb.i + 1
               for o in _children(p, {"pobj"}) if _weaponish(ctx, o)]  # "parachuted in weapons to the rebels"
    things += [o for p in _children(verb, {"prep"}) if p.lower_ in QUANTITY_PREPOSITIONS and p.i + 1 < len(p.doc)
               and p.doc[p.i + 1].like_num for o in _children(p, {"pobj"}) if _weaponish(ctx, o)]
    # ("supplied Egypt and Syria over 600 missiles": the parser took the number's "over" for a preposition)
    joined_goods = [c for o in _children(verb, {"dobj"}) if not with_only and ctx.type_of(ctx.entity(o)) in AGENT_TYPES
                    for c in o.conjuncts if c.i > o.i and _weaponish(ctx, c)]
    things += joined_goods
    # ("supplied Peru and Chile 40 jets": the parser may join the goods to the parties supplied)
    # "is still supplying Syrian rebels with weapons": the parser may hang "with" on the party supplied
    things += [w for o in _children(verb, {"dobj"}) if not _weaponish(ctx, o, depth=0) and (
        ctx.entity(o) or o.lemma_.lower() in RECIPIENT_NOUNS or _non_state_group(o))
        for w in _prep_objects(o, {"with"})]
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and not things and _prep_objects(verb, {"by"}):
        things, passive = [verb.head], True  # "Stinger missiles supplied by Germany to Ukraine"
    elif verb.dep_ == "advcl" and verb.tag_ == "VBN" and not things and _prep_objects(verb, {"by"}) and \
            verb.i > verb.head.i and _children(verb.head, {"dobj"}):
        # "sent the first K2 tanks, handed over to it by Hyundai Rotem, to ...": the participle describes the object
        things, passive = _children(verb.head, {"dobj"}), True
    things += _partitive_inner(_with_conjuncts(things))
    if verb.dep_ == "relcl":  # "the drones, which Iran has been supplying to Russia"
        things = [verb.head if t.tag_ in {"WDT", "WP"} else t for t in things]
    recipients = _prep_objects(verb, {"to", "for"}) + _children(verb, {"dative"}) + _fused_recipients(ctx, verb)
    recipients += [r for t in _with_conjuncts(_children(verb, {"dobj", "nsubjpass"})) for r in _prep_objects(t, {"to"})]
    recipients += [r for t in _with_conjuncts(_children(verb, {"dobj", "nsubjpass"})) if _weaponish(ctx, t)
                   for r in _prep_objects(t, {"for"})]  # "deliver artillery ammunition for Ukraine"
    origin_only = False
    if passive:
        suppliers = _prep_objects(verb, {"by"})
        for conj in verb.conjuncts:  # "is armed and funded by Iran"
            if conj.i > verb.i and not suppliers:
                suppliers = _prep_objects(conj, {"by"})
        if not suppliers and things:  # "the equipment was provided to the Philippines under Japan's ... framework"
            suppliers = _deal_partners(verb)
            origin_only = bool(suppliers)
        if not suppliers and things and _verb_lemma(verb) not in _lex("arm_verbs"):
            # "the drones purchased from Israel were delivered to Azerbaijan", "German howitzers were
            # delivered to Ukraine": the weapons' origin is the supplier
            suppliers, origin_only = _origins(ctx, things), True
        if _verb_lemma(verb) in _lex("arm_verbs") or not things:
            recipients = recipients + _children(verb, {"nsubjpass"})
        elif not recipients and suppliers:  # "the Kenyan navy's ships were donated by France": their holder
            recipients = [h for t in _children(verb, {"nsubjpass"}) for h in weapon_holders(ctx, t)]
    else:
        suppliers = clause_subjects(verb)
        for obj in _children(verb, {"dobj"}):
            key, _ = resolve_arg(ctx, obj, AGENT_TYPES)
            names_party = ctx.entity(obj) or obj.pos_ in {"PROPN", "PRON"} or \
                obj.lemma_.lower() in RECIPIENT_NOUNS or obj.lower_ in GENERIC_REFERENCES
            if key and not _weaponish(ctx, obj, depth=0 if _prep_objects(obj, {"with"}) or joined_goods else 3) \
                    and names_party:
                recipients.append(obj)  # ("sent its American-origin transport aircraft with the missiles": no party)
        if verb.dep_ in {"acl", "relcl"} and verb.head.lemma_.lower() in AGREEMENT_NOUNS and recipients and \
                not any(resolve_arg(ctx, s, AGENT_TYPES)[0] for s in suppliers):
            # "an agreement between the USSR and Egypt to supply Egypt with ...": the party not supplied
            supplied = {resolve_arg(ctx, r, AGENT_TYPES)[0] for r in recipients} - {None}
            suppliers = [p for p in _with_conjuncts(_prep_objects(verb.head, {"between", "with"}))
                         if resolve_arg(ctx, p, AGENT_TYPES)[0] not in supplied | {None}] if supplied else suppliers
    if verb.dep_ == "relcl" and passive:
        recipients.append(verb.head)
    if things and suppliers and not any(_weaponish(ctx, t) for t in _with_conjuncts(things)):
        # "Morocco ordered drones. Turkey will deliver them", "India bought the S-400. Russia delivered the system"
        buyers, antecedent = _antecedent_buyers(ctx, things, any_noun=True)
        if antecedent is not None:
            things = [antecedent]
            recipients = [r for r in recipients if r.lower_ not in {"them", "it"}] or buyers
    if _verb_lemma(verb) not in _lex("arm_verbs") and not any(
            _weaponish(ctx, t) and t.lemma_.lower() not in FORMATION_NOUNS for t in _with_conjuncts(things)):
        return  # no weapons, or formations ("two battalions of S-400 systems"): a deployment, not a transfer
    if _sent_as_personnel(verb):
        return  # "fighters sent as instructors" are people: a deployment
    sent_along = _with_conjuncts(things) + _companions(verb)
    handed = any(t.lower_ in GENERIC_ARMS for t in _with_conjuncts(things)) and any(
        ctx.type_of(resolve_arg(ctx, r, AGENT_TYPES)[0]) == "Country" for r in recipients)
    if _verb_lemma(verb) in MOVING_VERBS and not handed and (any(_unitish(t) for t in sent_along) or all(
            t.lemma_.lower() in WARSHIP_NOUNS for t in _with_conjuncts(things) if _weaponish(ctx, t))):
        return  # "sent 90 personnel and two helicopters", "send a warship to Guyana": a deployment (but
        # "dispatched weapons and advisers to Somalia" hands the weapons over)
    units = [r for r in recipients if _named_unit(ctx, r)]
    recipients = [r for r in recipients if r not in units]
    # (tanks sent "to the 9th Armored Cavalry Brigade": a named unit is deployed to, not supplied)
    base = 0.75 if origin_only else 0.9
    if not recipients and units:
        return
    if not recipients and things and not passive:
        recipients, base = _helped(verb, things) or _welcoming(verb), 0.75
    if not recipients and things and not passive:
        recipients = _linear_recipient(ctx, max(things, key=lambda t: t.i))
        base = 0.7
    if not recipients and things and suppliers:
        recipients = _antecedent_buyers(ctx, things)[0]
        base = 0.65
    found = list(_pairs(ctx, sentence, verb, suppliers, recipients, base=base))
    yield from found
    if found and not origin_only and not passive:  # "Turkey sent Baykar drones to Ukraine": the named maker too
        makers = {ctx.entity(m) for m in _origins(ctx, things) if ctx.type_of(ctx.entity(m)) == "Company"}
        for maker in sorted(makers - {m.subject for m in found}):
            for mention in found:
                yield replace(mention, subject=maker, confidence=mention.confidence * 0.8)


QUANTITY_PREPOSITIONS = frozenset({"over", "about", "around", "nearly", "almost", "roughly", "approximately", "some",
                                   "under", "up"})
# nouns that name a party a double-object verb supplies ("supplied Ukrainian forces with ..."), unlike a
# vehicle that carries the goods ("sent its American-made transport aircraft with the missiles")
RECIPIENT_NOUNS = {"force", "troop", "army", "military", "rebel", "fighter", "militia", "government", "regime",
                   "navy", "unit", "soldier", "ally", "partner", "group", "junta"}
EQUIP_VERBS = {"equip", "arm", "re-equip", "reequip", "rearm"}
REFLEXIVES = frozenset({"itself", "themselves", "ourselves", "myself", "himself", "herself"})


def _equipped_self(verb: Token, passive: bool) -> bool:
    """"X has equipped itself / its army with ...", "X's army is equipped with ..." (no agent): the
    subject is the one armed, and the weapons' make names who armed it."""
    if passive:
        return not _prep_objects(verb, {"by"}) and bool(_prep_objects(verb, {"with"}))
    objects = _children(verb, {"dobj"})
    if not (_prep_objects(verb, {"with"}) or any(_prep_objects(o, {"with"}) for o in objects)):
        return False
    own = SERVICE_WORDS | {"fighters"}
    return bool(objects) and all(o.lower_ in REFLEXIVES or ((_unitish(o) or o.lower_ in own) and any(
        c.dep_ == "poss" and c.lower_ in {"its", "their", "our"} for c in o.children)) for o in objects)


def _self_equipped(ctx: ArticleContext, sentence: Span, verb: Token, passive: bool) -> Iterator[Mention]:
    things = _prep_objects(verb, {"with"}) + [t for o in _children(verb, {"dobj"}) for t in _prep_objects(o, {"with"})]
    if not any(_weaponish(ctx, t) for t in _with_conjuncts(things)):
        return
    holders = _children(verb, {"nsubjpass"}) if passive else clause_subjects(verb)
    recipients = [h for holder in holders for h in ([holder] if resolve_arg(ctx, holder, AGENT_TYPES)[0]
                                                     else weapon_holders(ctx, holder))]
    makers = _origins(ctx, things) + [t for thing in _with_conjuncts(things) if _weaponish(ctx, thing)
                                      for t in thing.subtree if t.i < thing.i and t.head.i <= thing.i
                                      and ctx.type_of(ctx.entity(t)) in {"Country", "Company"}]
    yield from _pairs(ctx, sentence, verb, list(dict.fromkeys(makers)), recipients, base=0.75)


HELP_VERBS = {"help", "allow", "enable", "assist"}


def _helped(verb: Token, things: list[Token]) -> list[Token]:
    """Whom weapons are for when a purpose names it: "will send missiles to help Ukraine defend its
    cities", "systems that will help Ukraine expand its coverage", "howitzers that will allow Ukraine
    to strike"."""
    clauses = [c for c in verb.children if c.dep_ in {"advcl", "xcomp"} and c.lemma_.lower() in HELP_VERBS
               and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    clauses += [c for t in _with_conjuncts(things) for c in t.children
                if c.dep_ == "relcl" and c.lemma_.lower() in HELP_VERBS]
    return [o for c in clauses for o in _children(c, {"dobj"}) or
            [s for x in _children(c, {"ccomp", "xcomp"}) for s in _children(x, {"nsubj"})]]


WELCOMING_VERBS = {"welcome", "hail", "praise", "applaud", "thank", "celebrate"}


def _welcoming(verb: Token) -> list[Token]:
    """Who welcomes a decision to supply, when the decision names no recipient: "Zelensky welcomed a
    decision by the Netherlands to provide F-16 jets" (Ukraine receives them)."""
    decision = verb.head if verb.dep_ == "acl" else None
    if decision is None or decision.lemma_.lower() not in AGREEMENT_NOUNS or decision.dep_ != "dobj" or \
            decision.head.lemma_.lower() not in WELCOMING_VERBS:
        return []
    return clause_subjects(decision.head)


ANAPHORIC_DETERMINERS = {"the", "these", "those", "this", "that"}


def _antecedent_buyers(ctx: ArticleContext, things: list[Token], any_noun: bool = False
                       ) -> tuple[list[Token], Token | None]:
    """Who ordered, bought or received the weapons a definite noun phrase or "them" takes up again
    (see :func:`_antecedent_weapons`): "Poland has signed a deal for 250 Abrams tanks. The tanks will be
    delivered by the United States", "Ukraine received its first F-16s. The jets were donated by
    Denmark", "Russia used Shahed drones ... The drones were supplied by Iran": the subject of the verb
    (or of the deal) the earlier mention is the object of. Returns the buyers and the earlier mention."""
    token = _antecedent_weapons(ctx, things, any_noun)
    verb = _governing_verb(token) if token is not None else None
    if verb is None or verb.lemma_.lower() not in _lex("receive_verbs") | DEAL_VERBS | USE_VERBS:
        return [], None
    return clause_subjects(verb), token


def _antecedent_suppliers(ctx: ArticleContext, things: list[Token]) -> tuple[list[Token], Token | None]:
    """Who supplies the weapons a receipt takes up again: "Germany approved a package of Leopard tanks.
    Ukraine will receive the tanks by March" (the subject of a supply verb or of its approval), "Lockheed
    Martin won a contract for 32 F-35s. Poland will receive the jets from 2024" (the contract's winner)."""
    token = _antecedent_weapons(ctx, things, any_noun=True)
    verb = _governing_verb(token) if token is not None else None
    if verb is None:
        return [], None
    lemma = verb.lemma_.lower()
    if _prep_objects(verb, {"to"}) or _children(verb, {"dative"}):
        return [], None  # "France delivered howitzers to Armenia. Azerbaijan also received the howitzers": others
    if lemma in _lex("supply_verbs") and not any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        return clause_subjects(verb), token
    if lemma in _lex("supply_verbs"):
        return _prep_objects(verb, {"by"}), token
    if lemma in {"win", "approve", "announce", "pledge", "promise"}:
        return clause_subjects(verb), token
    return [], None


def _governing_verb(token: Token) -> Token | None:
    """The verb an earlier weapon mention is the object of, through "a deal for", "the first batch of",
    "a package of" ("signed a deal for 250 tanks", "approved a package of Leopard tanks")."""
    node = token
    while node.dep_ in {"compound", "nmod", "amod", "nummod"} and node.head.pos_ in {"NOUN", "PROPN"}:
        node = node.head  # "F-16 jets", "Abrams tanks", "six J-10C aircraft" (a code taken for a number)
    holder = node.head.head if node.dep_ == "pobj" and node.head.lower_ in {"for", "of"} and \
        node.head.head.lemma_.lower() in AGREEMENT_NOUNS | {"order", "purchase", "batch", "delivery", "first",
                                                            "package", "shipment", "sale"} \
        else node  # "a deal for 250 tanks", "the first batch of F-16s"
    if holder.dep_ == "pobj" and holder.head.lower_ == "of" and holder.head.head.dep_ in {"dobj", "pobj"}:
        holder = holder.head.head  # "the first batch of a total of ..."
    if holder.dep_ in {"dobj", "nsubjpass"}:
        return holder.head
    if holder.dep_ == "pobj" and holder.head.lower_ == "for" and holder.head.head.pos_ == "VERB":
        return holder.head.head  # "signed a deal for 250 tanks" with "for" on the verb
    return None


def _antecedent_weapons(ctx: ArticleContext, things: list[Token], any_noun: bool = False) -> Token | None:
    """The earlier mention of the weapons a definite noun phrase ("the tanks", "the system") or "them"
    takes up again, in one of the two sentences before and in the same paragraph: the nearest one with
    the same head word, or for a generic noun or a pronoun the nearest named weapon system; None when
    that mention is no weapon."""
    anaphor = next((t for t in things if t.lower_ in {"them", "it"} or (
        t.pos_ == "NOUN" and (any_noun or _weaponish(ctx, t, depth=0)) and
        any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETERMINERS for c in t.children))), None)
    if anaphor is None:
        return None
    sentence = anaphor.sent
    sentences = [s for s in anaphor.doc.sents if s.end <= sentence.start][-2:]
    if not sentences or "\n" in anaphor.doc[sentences[0].start:sentence.start].text_with_ws:
        return None  # (a paragraph break: the story has moved on)
    generic = anaphor.pos_ == "PRON" or anaphor.lemma_.lower() not in {t.lemma_.lower() for s in sentences for t in s}
    for token in reversed([t for s in sentences for t in s]):
        same = token.lemma_.lower() == anaphor.lemma_.lower() and token.pos_ == "NOUN"
        if not same and not (generic and ctx.is_weapon(ctx.entity(token))):
            continue
        if not (ctx.is_weapon(ctx.entity(token)) or _weaponish(ctx, token)):
            return None  # (what "the system" takes up is no weapon)
        return token
    return None


DEAL_VERBS = {"sign", "conclude", "place", "seal", "finalise", "finalize", "agree"}


HOLDING_NOUNS = {"fleet", "fleets", "arsenal", "arsenals", "inventory", "inventories", "navy", "army", "air force",
                 "armed forces", "military", "stock", "stocks", "stockpile", "stockpiles", "service"}


def weapon_holders(ctx: ArticleContext, weapons: Token) -> list[Token]:
    """Who holds the weapons a noun phrase names: "Kenya's ships", "the ships of the Kenyan navy",
    "most of the vessels in the Kenyan fleet" (the fleet's, arsenal's or inventory's owner)."""
    node = weapons
    if node.lower_ in {"most", "some", "many", "all", "part", "half", "majority", "rest"} or node.like_num:
        node = next(iter(_prep_objects(node, {"of"})), node)  # "most of the vessels"
    holders = [h for h in _children(node, {"poss"}) + _prep_objects(node, {"of"})
               if resolve_arg(ctx, h, AGENT_TYPES)[0]]
    for place in _prep_objects(node, {"in"}):  # ("in the Kenyan fleet", "in the Kenyan air force")
        if (place.lower_ in HOLDING_NOUNS or place.doc[place.i - 1:place.i + 1].text.lower() in HOLDING_NOUNS) \
                and resolve_arg(ctx, place, AGENT_TYPES)[0]:
            holders.append(place)
    return holders


MOVING_VERBS = {"send", "dispatch", "move"}  # move, not hand over, unless what is sent is only weapons
WARSHIP_NOUNS = {"warship", "ship", "frigate", "destroyer", "corvette", "cruiser", "carrier", "submarine",
                 "vessel", "patrol", "minesweeper", "flotilla"}


def _companions(verb: Token) -> list[Token]:
    """What a verb's "along with" / "together with" adds to its object ("send a system along with 100 troops")."""
    return [c for prep in verb.children if prep.lower_ in {"along", "together"}
            for w in prep.children if w.lower_ == "with" for o in _children(w, {"pobj"}) for c in [o, *o.conjuncts]]


def _named_unit(ctx: ArticleContext, token: Token) -> bool:
    """A named formation ("the 9th Armored Cavalry Brigade"), not a whole armed force or group."""
    token = next((ctx.doc[start:end].root for start, end, _key in ctx.mentions if start <= token.i < end), token)
    # (the name's head, whichever of its words the rule found: "9th")
    return _unitish(token) and token.pos_ == "PROPN" and \
        ctx.type_of(ctx.entity(token)) not in {"ArmedForce", "ArmedGroup", "Country"}


def _linear_recipient(ctx: ArticleContext, thing: Token) -> list[Token]:
    """When the parse loses "to Y" ("supply missiles as well as drones to Russia"): a "to" followed
    by a state or organisation within a few words after the object, with no verb in between."""
    doc = thing.doc
    for token in doc[thing.i + 1:min(thing.i + 9, thing.sent.end - 1)]:
        if token.pos_ in {"VERB", "AUX"} or token.text in {";", ":", "(", "—", "–"}:
            return []
        if token.lower_ == "to":
            following = doc[token.i + 1]
            while following.dep_ == "det" and following.i + 1 < thing.sent.end:
                following = doc[following.i + 1]
            return [following] if ctx.type_of(ctx.entity(following)) in AGENT_TYPES else []
    return []


PARTITIVE_NOUNS = {"total", "batch", "part", "portion", "share", "first", "last", "rest", "remainder", "tranche",
                   "lot", "set", "pair", "number", "unit", "units", "consignment", "supplies", "shipments",
                   "deliveries", "quantities", "stocks", "delivery", "shipment",
                   # amounts: "millions of dollars of weapons", "thousands of tons of weapons"
                   "dollars", "euros", "tons", "tonnes", "millions", "billions", "thousands", "hundreds", "dozens",
                   "%", "percent"}  # ("70% of its arsenal")


def _partitive_inner(things: list[Token]) -> list[Token]:
    """What a count or part is of: "the first four of a total of 18 jets" -> jets (up to three "of"s)."""
    inner: list[Token] = []
    for thing in things:
        node = thing
        for _ in range(3):
            if not (node.like_num or node.tag_ == "CD" or node.ent_type_ == "CARDINAL" or node.lower_ in PARTITIVE_NOUNS
                    or (node.tag_ == "NNS" and node.lemma_.lower() in PARTITIVE_NOUNS)):  # ("the first parts of")
                break  # ("hundreds of vehicles", "millions of rounds of ammunition")
            objects = _prep_objects(node, {"of"})
            if not objects and node.ent_type_ == "MONEY":
                objects = _prep_objects(node, {"in", "worth"})  # "$40 billion in weapons"
            if not objects:  # "a billion dollars worth of weaponry"
                objects = [o for w in node.children if w.lower_ == "worth" for o in _prep_objects(w, {"of"})]
            if not objects:
                break
            node = objects[0]
            if node is not thing:
                inner.append(node)
    return inner


def _listed_sources(ctx: ArticleContext, verb: Token) -> list[Token]:
    """"bought drones from IAI and vehicles from Elbit as well as interceptors from Skylock": every "from"
    right after a weapon noun in the verb's own clause (however the parser hung the list) names a source."""
    found: list[Token] = []
    for token in verb.subtree:
        if token.lower_ != "from" or token.i == 0 or not _weaponish(ctx, token.doc[token.i - 1]):
            continue
        node = token.head
        while node != verb and node.pos_ not in {"VERB", "AUX"} and node.head != node:
            node = node.head
        if node == verb:  # (not a "from" in a clause of its own: "drones that fled from Kherson")
            found += _with_conjuncts(_children(token, {"pobj"}))
    return found


def _receive_verb(ctx: ArticleContext, sentence: Span, verb: Token) -> Iterator[Mention]:
    things = _children(verb, {"dobj", "nsubjpass"})
    things += _partitive_inner(things)
    if not any(_weaponish(ctx, t) for t in _with_conjuncts(things)):
        return
    suppliers = _prep_objects(verb, {"from"})
    for thing in things:
        suppliers += _prep_objects(thing, {"from"})
    suppliers += [s for s in _listed_sources(ctx, verb) if s not in suppliers]
    for price in [*verb.children, *(c for t in things for c in t.children)]:  # "bought missiles worth $50m from
        if price.lower_ in {"worth", "valued"}:  # Spain", "received machinery valued at $5m from China"
            suppliers += [o for t in price.subtree for o in _prep_objects(t, {"from"})]
    recipients = clause_subjects(verb) if not any(c.dep_ == "nsubjpass" for c in verb.children) else _prep_objects(verb, {"by"})
    request = verb.head if verb.dep_ == "acl" and verb.head.lemma_.lower() in REQUEST_NOUNS else None
    if request is not None and request.dep_ == "dobj" and request.head.lemma_.lower() in APPROVING_VERBS:
        # "the State Department approved Morocco's request to purchase missiles": the approver sells
        buyers = _children(request, {"poss"}) + _prep_objects(request, {"by", "from"})
        yield from _pairs(ctx, sentence, verb, suppliers or clause_subjects(request.head), buyers, base=0.8)
        return
    recipients = [r for noun in recipients for r in _facility_state(ctx, noun)]
    partners = [] if suppliers else _deal_partners(verb)  # "received 20 vehicles under a deal with Turkey"
    if not suppliers and not partners and verb.dep_ in {"acl", "relcl"} and verb.head.lemma_.lower() in AGREEMENT_NOUNS:
        partners = _prep_objects(verb.head, {"with"})  # "signed a deal with Russia to buy S-400s"
    elif not suppliers and not partners and verb.dep_ in {"advcl", "xcomp"} and any(
            o.lemma_.lower() in AGREEMENT_NOUNS for o in _children(verb.head, {"dobj"})):
        partners = _prep_objects(verb.head, {"with"}) + [w for o in _children(verb.head, {"dobj"})
                                                         for w in _prep_objects(o, {"with"})]
    if any(resolve_arg(ctx, s, AGENT_TYPES)[0] for s in suppliers):
        yield from _pairs(ctx, sentence, verb, suppliers, recipients, base=0.9)
    elif partners:
        yield from _pairs(ctx, sentence, verb, partners, recipients, base=0.75)
    elif origins := _origins(ctx, things) + _sellers_possessed(ctx, things, recipients):
        # "Ukraine received German howitzers", "Poland bought Turkey's TB2 drones": the origin or owner supplies
        yield from _pairs(ctx, sentence, verb, origins, recipients, base=0.75)
    else:  # "Germany approved a package of tanks. Ukraine will receive the tanks by March"
        yield from _pairs(ctx, sentence, verb, _antecedent_suppliers(ctx, things)[0], recipients, base=0.65)


def _sellers_possessed(ctx: ArticleContext, things: list[Token], recipients: list[Token]) -> list[Token]:
    """The state or company named as the owner of weapons another party receives or buys ("Poland bought
    Turkey's TB2 drones"): not a pronoun, not the recipient itself."""
    taken = {ctx.entity(r) for r in recipients}
    return [p for t in things if _weaponish(ctx, t) for p in _children(t, {"poss"})
            if p.pos_ == "PROPN" and ctx.type_of(ctx.entity(p)) in {"Country", "Company"} and ctx.entity(p) not in taken]


APPROVING_VERBS = {"approve", "clear", "authorise", "authorize", "grant", "greenlight", "accept"}
FACILITY_NOUNS = {"base", "airbase", "port", "naval base", "air base", "garrison", "depot", "airfield"}


def _facility_state(ctx: ArticleContext, noun: Token) -> list[Token]:
    """A receiving facility stands for the state it is in: "an air base in Manila received the first lot
    of BrahMos missiles" (the Philippines); any other recipient is itself."""
    if noun.lemma_.lower() not in FACILITY_NOUNS or resolve_arg(ctx, noun, AGENT_TYPES)[0]:
        return [noun]
    places = [p for p in _prep_objects(noun, {"in", "at"}) if ctx.type_of(ctx.entity(p)) == "Country"]
    return places or [noun]


MAKER_VERBS = {"build", "make", "manufacture", "develop", "produce", "design"}


PROGRAMME_NOUNS = {"programme", "program", "framework", "initiative", "scheme", "assistance", "aid"}


def _deal_partners(verb: Token) -> list[Token]:
    """The other party of the deal a receipt is made under: "under a deal with Turkey", "as part of an
    agreement with the United States", "through a contract with Saab"."""
    partners: list[Token] = []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in {"under", "as", "through", "via"}:
            continue
        for noun in prep.subtree:
            if noun.lower_ in AGREEMENT_NOUNS and noun.pos_ == "NOUN":
                partners += _prep_objects(noun, {"with"})
                # "as part of a deal between India and the Philippines": either party (not the recipient)
                partners += [p for o in _prep_objects(noun, {"between"}) for p in [o, *o.conjuncts]]
            elif noun.lower_ in PROGRAMME_NOUNS and noun.dep_ == "pobj" and noun.head == prep:
                # "under Japan's Official Security Assistance framework": the state whose programme it is
                partners += [m for m in noun.subtree if m.i < noun.i and m.dep_ in {"poss", "compound", "amod", "nmod"}
                             and m.ent_type_ in {LABEL_COUNTRY, LABEL_DEMONYM}][:1]
    return partners


def _built_for(ctx: ArticleContext, sentence: Span, verb: Token) -> Iterator[Mention]:
    """"corvettes built by Turkey for the Pakistan Navy", "Rheinmetall makes shells for Ukraine": the
    maker of weapons built for another party supplies it."""
    if verb.dep_ == "acl" and _children(verb, {"dobj"}):  # "awarded X a contract to build 20 F-35s for Poland"
        things, makers = _children(verb, {"dobj"}), clause_subjects(verb)
    elif verb.dep_ == "acl":
        things, makers = [verb.head], _prep_objects(verb, {"by"})
    elif any(c.dep_ == "auxpass" for c in verb.children):
        things, makers = _children(verb, {"nsubjpass"}), _prep_objects(verb, {"by"})
    else:
        things, makers = _children(verb, {"dobj"}), clause_subjects(verb)
    recipients = _prep_objects(verb, {"for"}) + [r for t in things if t is not verb.head or verb.dep_ != "acl"
                                                 for r in _prep_objects(t, {"for"})]
    base = 0.75
    if not recipients and makers and verb.dep_ != "acl":
        recipients = _antecedent_buyers(ctx, things)[0]  # "Egypt ordered 30 Rafale jets. Dassault is building the jets"
        base = 0.65
    if not recipients or not any(_weaponish(ctx, t) for t in _with_conjuncts(things)):
        return
    yield from _pairs(ctx, sentence, verb, makers, recipients, base=base)


PERIOD_NOUNS = {"era", "vintage", "style", "generation", "type", "pattern"}


def _premodifiers(noun: Token) -> list[Token]:
    """The words before ``noun`` that modify it, directly or through another modifier ("Boeing" in
    "Boeing F/A-18D Hornet jets", "Russian" in "the Russian Pantsir system")."""
    found, todo = [], [noun]
    while todo:
        head = todo.pop()
        for mod in head.lefts:
            if (mod.dep_ in {"amod", "compound", "nmod"} or (mod.dep_ == "npadvmod" and head.dep_ == "amod")) \
                    and mod.lower_ not in PERIOD_NOUNS:  # ("Turkish" + "-made" parsed as a modifier of "made")
                found.append(mod)
                todo.append(mod)  # (not through "era": "Soviet-era jets" says when, not who made them)
    return sorted(found, key=lambda t: t.i)


def _agents_by(ctx: ArticleContext, participles: list[Token], verbs: set[str] | frozenset[str]) -> list[Token]:
    """The agents ("by X") of the participles of these verbs, with their conjuncts and the names a common
    noun among them is apposed to or compounded with ("built by Sierra Nevada and its partner, Embraer
    Defense and Security": the partner's name)."""
    agents = [agent for participle in participles if participle.lemma_.lower() in verbs
              for agent in _with_conjuncts(_prep_objects(participle, {"by"}))]
    agents += [name for agent in agents if ctx.entity(agent) is None for name in _children(agent, {"appos"})]
    agents += [word for agent in agents if ctx.entity(agent) is None for word in agent.lefts
               if word.dep_ == "compound" and ctx.entity(word)]
    return agents


def _origins(ctx: ArticleContext, things: list[Token]) -> list[Token]:
    """States or companies named as the origin of weapons received ("German howitzers", "Saab jets",
    "frigates built by China", "drones bought from Israel")."""
    weapons = [thing for thing in _with_conjuncts(things) if _weaponish(ctx, thing)]
    named = [mod for thing in weapons for mod in _premodifiers(thing)
             if ctx.type_of(ctx.entity(mod)) in {"Country", "Company"}]
    weapons += [inner for thing in weapons for inner in _prep_objects(thing, {"of"})]  # "rounds of ammunition made by"
    weapons += [noun for thing in weapons for noun in _children(thing, {"appos"})
                if noun.pos_ == "NOUN"]  # "the Bayraktar TB2, an armed drone developed by Baykar"
    agents = _agents_by(ctx, [p for thing in weapons for p in _children(thing, {"acl"})],
                        MAKER_VERBS | _lex("supply_verbs"))  # "made by", "handed over by"
    makers = [agent for agent in agents
              if ctx.type_of(ctx.entity(agent) or resolve_arg(ctx, agent, {"Country", "Company"})[0]) in {"Country", "Company"}]
    makers += [place for thing in weapons for participle in _children(thing, {"acl"})  # "drones, made in Iran,"
               if participle.lemma_.lower() in MAKER_VERBS for place in _prep_objects(participle, {"in"})
               if ctx.type_of(ctx.entity(place)) == "Country"]
    sellers = [seller for thing in weapons for participle in _children(thing, {"acl"})  # "drones bought from Israel"
               if participle.lemma_.lower() in _lex("receive_verbs")
               for seller in _prep_objects(participle, {"from"}) if ctx.type_of(ctx.entity(seller)) in {"Country", "Company"}]
    sources = [s for thing in weapons for s in _sources_from(ctx, thing)]  # "helicopters from France"
    return named + makers + sellers + sources


def _container(noun: Token) -> Token:
    """The deal or package a supply noun is "of" ("three deals of arms sales"), else the noun itself:
    the phrase a verb governs."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN" and (
            noun.head.head.lemma_.lower() in AGREEMENT_NOUNS | {"package", "round", "batch", "tranche", "wave"}):
        return noun.head.head
    return noun


def _deal_for(noun: Token) -> Token | None:
    """The deal a supply noun is "for": "a contract with X for the delivery of ...", whether the parser
    hangs "for" on the deal or on the verb whose object the deal is."""
    while noun.dep_ == "conj" and noun.head.pos_ == "NOUN":  # "for the construction and delivery of ..."
        noun = noun.head
    if noun.dep_ != "pobj" or noun.head.lower_ not in {"for", "on"} | TOPIC_PREPOSITIONS:
        return None
    governor = noun.head.head
    if governor.lemma_.lower() in AGREEMENT_NOUNS:
        return governor  # ("contracts on military equipment deliveries to ...")
    # ("signed a deal on the delivery of ...", "a deal ... was signed, concerning the delivery of ...")
    deals = {"dobj", "nsubjpass"} if noun.head.lower_ in TOPIC_PREPOSITIONS else {"dobj"}
    if noun.head.lower_ in TOPIC_PREPOSITIONS and noun.head.dep_ == "advcl":
        governor = noun.head.head
    return next((o for o in _children(governor, deals) if o.lemma_.lower() in AGREEMENT_NOUNS), None)


TOPIC_PREPOSITIONS = frozenset({"concerning", "regarding", "covering"})


def _named_modifiers(ctx: ArticleContext, noun: Token) -> list[Token]:
    """States, companies and organisations modifying a noun or its compound ("US arms sales")."""
    lefts = [c for c in noun.lefts if c.dep_ in {"compound", "amod", "nmod"}]
    lefts += [m for c in lefts if ctx.entity(c) is None for m in c.lefts if m.dep_ in {"compound", "amod", "nmod"}]
    return [c for c in lefts if ctx.type_of(ctx.entity(c)) in {"Country", "Company", "Organization", "ArmedForce"}]


def _supply_noun(ctx: ArticleContext, sentence: Span, noun: Token) -> Iterator[Mention]:
    things = _noun_things(ctx, noun) if noun.lower_ not in AMOUNT_WORDS else _prep_objects(noun, {"in"})
    if not things and noun.dep_ == "conj" and noun.head.pos_ == "NOUN":
        things = _noun_things(ctx, noun.head)  # "the construction and delivery of two frigates"
    things += [t for t in _partitive_inner(things) if t not in things]  # "the sale of $1bn worth of weaponry"
    amount = noun.lower_ in AID_NOUNS | AMOUNT_WORDS
    chain = _amount_chain(noun) if amount else [noun]  # "(resumed) part of the $1.5 billion in aid"
    top = chain[-1]
    hosts = chain + ([top.head] if amount and top.dep_ == "dobj" else [])
    if amount:  # "resumed aid to Cairo, including ten Apache helicopters"
        things += [o for h in hosts for p in _children(h, {"prep"}) if p.lower_ == "including" and p.i > noun.i
                   for o in _children(p, {"pobj"})]
    if not any(_weaponish(ctx, t) for t in _with_conjuncts(things)) and not _weaponish(ctx, noun, depth=1):
        return
    recipients = _prep_objects(noun, {"to", "for"}) + [r for t in things for r in _prep_objects(t, {"to"})]
    recipients += [r for t in things for w in t.children if w.lower_ == "worth" for r in _prep_objects(w, {"to"})]
    if amount and not recipients:  # ("$90 million in weapons for Ukraine", "for Ukraine" hung on the amount or verb)
        recipients = [r for h in hosts for p in _children(h, {"prep"}) if p.lower_ in {"to", "for"} and p.i > noun.i
                      for r in _children(p, {"pobj"})]
    governed = _container(noun) if not amount else top
    if not recipients and governed.dep_ == "dobj":  # "approved the sale of jets to Turkey", "... deals of sales to Y"
        recipients = _prep_objects(governed.head, {"to"})
    deal = _deal_for(noun)
    if deal is not None and not recipients and noun.head.lower_ == "on":
        recipients = _prep_objects(deal, {"to"}) or (_prep_objects(deal.head, {"to"}) if deal.dep_ == "dobj" else [])
        # ("contracts on equipment deliveries to Y", with "to Y" hung on the contracts or on their verb)
    if deal is not None and not recipients and not _children(noun, {"poss"}) + _prep_objects(noun, {"from", "by"}):
        # "Greece signed a contract with Dassault for the delivery of 18 Rafale jets": the partner supplies the signer
        partners = _prep_objects(deal, {"with"}) + (_prep_objects(deal.head, {"with"}) if deal.dep_ == "dobj" else [])
        signers = clause_subjects(deal.head) if deal.dep_ in {"dobj", "nsubjpass"} else []
        if not signers and not partners:  # "a deal between Russia and Nigeria ... concerning the delivery of"
            signers = _prep_objects(deal, {"between"})
        origin = {ctx.entity(o) for o in _origins(ctx, things)}  # "... for the sale of Turkish-made drones": the
        origin |= {_weapon_origin(ctx, t) for t in _with_conjuncts(things)} - {None}  # maker's state (or the gazetteer's)
        if not partners and len(_with_conjuncts(signers)) > 1:  # "Turkey and Poland signed a deal for the sale ..."
            yield from (m for m in _pairs(ctx, sentence, noun, signers, signers, base=0.75)  # sells to the other
                        if m.subject in origin and m.object not in origin)
            return
        if any(ctx.entity(s) in origin for s in _with_conjuncts(signers)) and \
                not any(ctx.entity(p) in origin for p in _with_conjuncts(partners)):
            # "France signed an agreement with Egypt for the sale of its Rafale jets": the maker's state sells
            yield from _pairs(ctx, sentence, noun, signers, partners, base=0.75)
            return
        yield from _pairs(ctx, sentence, noun, partners, signers, base=0.75)
        return
    share = governed.head.head if governed.dep_ == "pobj" and governed.head.lower_ == "of" and (
        governed.head.head.lemma_.lower() in PARTITIVE_NOUNS | {"number", "share", "bulk", "most"}) else governed
    if not recipients and share.dep_ == "nsubj" and share.head.lemma_.lower() == "go":
        recipients = _prep_objects(share.head, {"to"})  # "(the largest number of) German arms deliveries went to Y"
    if not recipients and noun.dep_ == "nsubj" and noun.head.lemma_.lower() in _lex("arrive_verbs"):
        # "a shipment of shells from Germany arrived in Lithuania": the state it arrived in receives it
        recipients = [o for o in _prep_objects(noun.head, {"in", "at"}) if ctx.type_of(ctx.entity(o)) == "Country"]
    suppliers = _children(noun, {"poss"}) + _prep_objects(noun, {"from", "by"})
    if not suppliers and recipients:  # "US arms sales to Taiwan", "Russian weapons deliveries to India"
        suppliers = _named_modifiers(ctx, noun)
    if not suppliers and recipients and noun.lower_ in SALE_NOUNS:  # "the first sale of its Rafale jet to Egypt":
        suppliers = [p for t in things for p in _children(t, {"poss"})]  # the owner sells
    if not suppliers and noun.dep_ == "nsubj" and noun.head.lemma_.lower() in _lex("arrive_verbs"):
        suppliers = [f for t in things for f in _prep_objects(t, {"from"})]  # "shells from Germany arrived in Y"
    if not suppliers and governed.dep_ in {"dobj", "nsubjpass"} and governed.head.lemma_.lower() in _lex("agentive_verbs"):
        suppliers = clause_subjects(governed.head)  # "Washington approved the sale of ...", not "a report documents"
    role = governed.head.head if governed.dep_ == "pobj" and governed.head.lower_ == "in" else None
    if not suppliers and role is not None and role.lemma_.lower() in ROLE_NOUNS and role.dep_ == "dobj" and \
            role.head.lemma_.lower() == "play":  # "the UAE played a role in weapons shipments to Ethiopia"
        suppliers = clause_subjects(role.head)
        recipients = recipients or _prep_objects(role.head, {"to"})
    if not suppliers and recipients and deal is not None and deal.dep_ == "dobj" and \
            deal.head.lemma_.lower() in _lex("agentive_verbs") | {"implement", "fulfil", "fulfill", "execute"}:
        suppliers = clause_subjects(deal.head)  # "Russia is implementing contracts on arms deliveries to Y"
    if not suppliers and governed.dep_ == "pobj" and governed.head.lower_ == "for":
        approval = governed.head.head  # "Germany gave the green light for the delivery of" ("for" on either)
        verb = approval.head if approval.dep_ == "dobj" else approval
        if verb.pos_ == "VERB" and any(o.lemma_.lower() in APPROVAL_NOUNS for o in _children(verb, {"dobj"})):
            suppliers = clause_subjects(verb)
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() == "take":  # "X took delivery of Y-made jets"
        if noun.lower_ in _lex("take_delivery_nouns"):  # "... of German howitzers", "... of jets from Z"
            suppliers += [f for t in things for f in _prep_objects(t, {"from"})] + _prep_objects(noun.head, {"from"})
            yield from _pairs(ctx, sentence, noun, suppliers or _origins(ctx, things), clause_subjects(noun.head),
                              base=0.85 if suppliers else 0.75)
        return
    yield from _pairs(ctx, sentence, noun, suppliers, recipients, base=0.8)


AMOUNT_WORDS = frozenset({"million", "billion", "mln", "bln", "trillion"})
AID_NOUNS = frozenset({"aid", "assistance"})


def _amount_chain(noun: Token) -> list[Token]:
    """The nouns from an amount or aid up to the phrase a verb governs: "(resumed) some of the annual
    $1.5 billion in aid" -> aid, billion, some."""
    chain = [noun]
    for _ in range(3):
        top = chain[-1]
        if top.dep_ != "pobj" or top.head.lower_ not in {"in", "of"} or top.head.head.pos_ not in {"NOUN", "NUM", "PRON"}:
            break
        chain.append(top.head.head)
    return chain


SALE_NOUNS = {"sale", "sales", "export", "exports"}
APPROVAL_NOUNS = {"light", "approval", "permission", "go-ahead", "nod", "authorisation", "authorization", "clearance"}


def _governing_subjects(noun: Token) -> list[Token]:
    """Subjects of the verb a noun is the object of ("Argentina completed the purchase of ...")."""
    if noun.dep_ in {"dobj", "nsubjpass"}:
        return clause_subjects(noun.head)
    if noun.dep_ == "pobj" and noun.head.head.pos_ in {"VERB", "AUX"}:
        return clause_subjects(noun.head.head)
    return []


def _receive_noun(ctx: ArticleContext, sentence: Span, noun: Token) -> Iterator[Mention]:
    """"Argentina's purchase of F-16s from Denmark", "arms imports from Russia", "Poland signed a purchase
    agreement for 980 tanks from Hyundai Rotem" (the agreement's phrases are the purchase's)."""
    things = _prep_objects(noun, {"of"})
    frame = noun
    if not things and noun.dep_ == "compound" and noun.head.lemma_.lower() in AGREEMENT_NOUNS:
        frame = noun.head
        things = _prep_objects(frame, {"for", "of"}) or (_prep_objects(frame.head, {"for"}) if frame.dep_ == "dobj" else [])
    if not any(_weaponish(ctx, t) for t in _with_conjuncts(things)) and not _weaponish(ctx, noun, depth=1):
        return
    suppliers = _prep_objects(frame, {"from"}) + [f for t in _with_conjuncts(things) for f in _prep_objects(t, {"from"})]
    if frame is not noun:  # (each lot of the order from its own maker: "980 tanks from A and 648 howitzers from B")
        suppliers += [o for t in things for p in t.subtree if p.dep_ == "prep" and p.lower_ == "from"
                      for o in _children(p, {"pobj"}) if o not in suppliers]
    recipients = _children(frame, {"poss"}) + _prep_objects(noun, {"by"})
    recipients += [c for c in frame.lefts if c.dep_ in {"amod", "compound"} and ctx.entity(c)]
    if not recipients:
        recipients = _governing_subjects(frame)
    if suppliers:
        yield from _pairs(ctx, sentence, frame, suppliers, recipients, base=0.8)
    else:  # "Poland's purchase of American tanks"
        yield from _pairs(ctx, sentence, frame, _origins(ctx, things), recipients, base=0.7)


def _supplier_noun(ctx: ArticleContext, sentence: Span, noun: Token) -> Iterator[Mention]:
    """"X is the largest exporter of weapons to Y", "Germany became Ukraine's biggest supplier of military aid"."""
    things = _prep_objects(noun, {"of"})
    armed = any(_weaponish(ctx, t) for t in _with_conjuncts(things)) or any(
        c.lower_ in _lex("military_aid_modifiers") | _lex("weapon_nouns") for c in noun.lefts)
    if not armed:
        return
    recipients = _children(noun, {"poss"}) + _prep_objects(noun, {"to", "for"})
    recipients += [f for t in things for f in _prep_objects(t, {"to", "for"})]
    suppliers: list[Token] = []
    if noun.dep_ in {"attr", "oprd"}:
        suppliers = _children(noun.head, {"nsubj"})
    elif noun.dep_ == "appos":
        suppliers = [noun.head]
    elif any(c.dep_ == "appos" for c in noun.children):
        suppliers = [c for c in noun.children if c.dep_ == "appos"]
    if suppliers:  # "the fourth largest exporter ... after A, B and C": A, B and C rank above
        suppliers += _prep_objects(noun, {"after", "behind"})
    # "Rosoboronexport, Russia's (state-controlled) arms exporter": the state owning it, not a customer
    homes = {lexicons.home_state(ctx.entity(s)) for s in suppliers} - {None}
    owned = any(c.lower_ in OWNED_MODIFIERS for m in noun.lefts for c in m.subtree)
    recipients = [r for r in recipients if r.dep_ != "poss" or not owned and ctx.entity(r) not in homes]
    yield from _pairs(ctx, sentence, noun, suppliers, recipients, base=0.8)


OWNED_MODIFIERS = frozenset({"state", "state-owned", "state-run", "state-controlled", "national", "own", "domestic"})


BUYER_NOUNS = {"buyer", "purchaser", "customer", "importer", "recipient"}


def _buyer_noun(ctx: ArticleContext, sentence: Span, noun: Token) -> Iterator[Mention]:
    """"Azerbaijan joins Myanmar and Nigeria as purchasers of JF-17 jets from Pakistan", "Egypt is a buyer
    of French Rafale jets": who the buyers are, and the seller ("from") or the weapons' origin."""
    things = _prep_objects(noun, {"of"})
    if not any(_weaponish(ctx, t) for t in _with_conjuncts(things)):
        return
    suppliers = _prep_objects(noun, {"from"}) + [f for t in things for f in _prep_objects(t, {"from"})]
    buyers: list[Token] = []
    if noun.dep_ in {"attr", "oprd"}:
        buyers = _children(noun.head, {"nsubj"})
    elif noun.dep_ == "appos":
        buyers = [noun.head]
    elif noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.pos_ == "VERB":
        verb = noun.head.head  # "X joins Y and Z as purchasers of ...", "named X as a buyer of ..."
        buyers = clause_subjects(verb) + (_children(verb, {"dobj"}) if verb.lemma_.lower() == "join" else [])
    if suppliers:
        yield from _pairs(ctx, sentence, noun, suppliers, buyers, base=0.8)
    else:
        yield from _pairs(ctx, sentence, noun, _origins(ctx, things), buyers, base=0.7)


VARIANT_NOUNS = PARTITIVE_NOUNS | {"version", "variant", "model", "type", "fleet"}


def _unrealised_purchase(verb: Token, sentence: Span) -> bool:
    """A purchase refused, requested or only planned ("Belgrade refused to buy Turkish-made drones"): no one
    holds what it names (a use still presupposes the weapons: "ready to deploy Russian-made Iskanders")."""
    if not _lemma_in(verb, _lex("receive_verbs")):
        return False
    negated, _modality, factor = assess(verb, sentence)
    return negated or factor < 0.5


SUPPLIED_MATERIEL = frozenset({"equipment", "hardware", "materiel", "matériel"})
TRANSFER_ADJECTIVES = frozenset({"supplied", "provided", "donated", "delivered"})


def _supply_compound(ctx: ArticleContext, sentence: Span, adjective: Token) -> Iterator[Mention]:
    """"Russian-supplied weapons" used/held/received by Y; "Pakistan's Chinese-made jets"."""
    makers = [c for c in adjective.children if c.dep_ in {"npadvmod", "compound", "amod", "nmod", "advmod"}]
    if adjective.i > 0 and ctx.entity(adjective.doc[adjective.i - 1]) and adjective.doc[adjective.i - 1] not in makers:
        if adjective.i > 1 and adjective.doc[adjective.i - 1].text == "-":
            pass
        makers.append(adjective.doc[adjective.i - 1] if adjective.doc[adjective.i - 1].text != "-" else adjective.doc[adjective.i - 2])
    elif adjective.i > 1 and adjective.doc[adjective.i - 1].text == "-" and ctx.entity(adjective.doc[adjective.i - 2]):
        makers.append(adjective.doc[adjective.i - 2])
    noun = adjective.head
    if not _weaponish(ctx, noun) and not (
            ctx.military and noun.lower_ in SUPPLIED_MATERIEL and adjective.lower_ in TRANSFER_ADJECTIVES):
        return  # (but in an article on arms, "US-supplied equipment" is arms: made, not only built, elsewhere)
    holders: list[Token] = _children(noun, {"poss"}) + _prep_objects(noun, {"of"}) + _users(noun)
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and any(
            t.lemma_.lower() in VARIANT_NOUNS for t in (noun.head.head, *_children(noun.head.head, {"compound"}))):
        noun = noun.head.head  # "use versions of the American-made M109": what is used is the M109
        holders += _children(noun, {"poss"})
    governor = noun.head
    if noun.dep_ == "pobj":
        governor = noun.head.head
    if noun.dep_ == "pobj" and governor.pos_ == "NOUN" and governor.lower_ in (
            _lex("receive_nouns") | _lex("take_delivery_nouns")):  # "took delivery of the Russian-made S-400"
        holders += _children(governor, {"poss"}) + _governing_subjects(governor)
    if noun.dep_ in {"dobj", "pobj", "nsubjpass", "nsubj"} and governor.pos_ in {"VERB", "AUX"} and \
            not _lemma_in(governor, HOSTILE_VERBS) and not _unrealised_purchase(governor, sentence):
        # ("shot down Iranian-made drones": the enemy's, not held)
        if noun.dep_ == "nsubjpass" or (noun.dep_ == "nsubj" and any(c.dep_ == "auxpass" for c in governor.children)):
            holders += _prep_objects(governor, {"by"})
        elif noun.dep_ != "nsubj":
            holders += clause_subjects(governor)
    yield from _pairs(ctx, sentence, adjective, makers, holders, base=0.8)


CONTRACT_NOUNS = {"contract", "deal", "agreement"}
CONTRACT_WINNING_VERBS = {"win", "garner", "secure", "land", "clinch", "bag", "receive"}


def _contract_for(ctx: ArticleContext, sentence: Span, noun: Token) -> Iterator[Mention]:
    """"Poland signed a contract with Hanwha for 212 K9 howitzers": a deal for weapons between the signer
    and a partner. A company party is the seller; between two states, the one the weapons come from
    (their maker's state in the gazetteer) sells."""
    verb = noun.head if noun.dep_ in {"dobj", "nsubjpass"} and noun.head.pos_ == "VERB" else None
    if verb is None:
        return
    things = [o for host in (noun, verb) for o in _prep_objects(host, {"for"}) if _weaponish(ctx, o)]
    partners = _prep_objects(noun, {"with"}) + _prep_objects(verb, {"with"})
    if things and not partners and verb.lemma_.lower() in CONTRACT_WINNING_VERBS:
        # "Lockheed has won contracts for eight F-16s for Bulgaria, 14 aircraft for Slovakia": the winner
        # supplies the party each batch is for
        batches = [b for t in things for b in [t, *_children(t, {"appos", "conj"})] if _weaponish(ctx, b)]
        buyers = [r for b in batches for r in _prep_objects(b, {"for"})]
        buyers += [r for b in buyers for a in _children(b, {"appos"}) if _weaponish(ctx, a)
                   for r in _prep_objects(a, {"for"})]  # (the next batch hung on the last buyer)
        yield from _pairs(ctx, sentence, noun, clause_subjects(verb), buyers, base=0.75)
        return
    if not things or not partners:
        return
    signers = resolve_args(ctx, clause_subjects(verb), AGENT_TYPES)
    for partner, p_factor in resolve_args(ctx, partners, AGENT_TYPES):
        for signer, s_factor in signers:
            if ctx.type_of(signer) == "Company" and ctx.type_of(partner) != "Company":
                seller, buyer = signer, partner
            elif ctx.type_of(partner) == "Company" and ctx.type_of(signer) != "Company":
                seller, buyer = partner, signer
            else:
                origins = {_weapon_origin(ctx, t) for t in _with_conjuncts(things)}
                if partner in origins:
                    seller, buyer = partner, signer
                elif signer in origins:
                    seller, buyer = signer, partner
                else:
                    continue  # two states, and the weapons' maker is neither: no direction
            seller, buyer = _state_of_force(ctx, seller), _state_of_force(ctx, buyer)
            if seller != buyer:
                yield Mention(seller, "suppliesWeaponsTo", buyer, sentence, noun, 0.75 * min(p_factor, s_factor))


def _weapon_origin(ctx: ArticleContext, thing: Token) -> str | None:
    """The state a named weapon system comes from, by the gazetteer ("K9 howitzers" -> South Korea)."""
    weapon = next((ctx.entity(t) for t in thing.subtree if ctx.is_weapon(ctx.entity(t))), None)
    return lexicons.home_state(weapon)


USE_VERBS = {"use", "operate", "field", "employ", "display", "unveil", "showcase", "parade", "deploy", "station", "fire",
             "launch"}  # ("deploys Russian-made Iskanders", "fired Iranian-made drones")


HOLD_VERBS = {"have", "own", "possess", "fly"}  # ("Jakarta owns ageing Russian Sukhoi jets")
ORIGIN_GROUP_NOUNS = {"countries", "nations", "states", "suppliers", "partners", "allies"}


def _sources_from(ctx: ArticleContext, weapon: Token) -> list[Token]:
    """Where held weapons are "from": a state or company ("helicopters from France and Italy"), or those a
    group noun names ("jets from countries including the US, Russia and Britain")."""
    found: list[Token] = []
    for source in _prep_objects(weapon, {"from"}):
        if ctx.type_of(ctx.entity(source)) in {"Country", "Company"}:
            found += _with_conjuncts([source])
        elif source.lower_ in ORIGIN_GROUP_NOUNS:
            named = _prep_objects(source, {"including", "like"})
            named += [o for such in _children(source, {"prep"}) if such.lower_ == "as"
                      for o in _children(such, {"pobj"})]
            found += [t for t in _with_conjuncts(named) if ctx.type_of(ctx.entity(t)) in {"Country", "Company"}]
    return found


def _users(noun: Token) -> list[Token]:
    """Who weapons are "operated by" / "used by" (a participle after the noun)."""
    return [agent for participle in _children(noun, {"acl"}) if participle.lemma_.lower() in USE_VERBS
            and not _taken(participle) for agent in _prep_objects(participle, {"by"})]


TAKING_VERBS = {"capture", "seize", "steal", "take", "loot", "trophy"}


def _taken(clause: Token) -> bool:
    """Does a clause of use say the weapons were taken ("used by Ukraine after being captured")?"""
    return any(t.lemma_.lower() in TAKING_VERBS for t in clause.subtree)


def _used_weapons(ctx: ArticleContext, sentence: Span, verb: Token) -> Iterator[Mention]:
    """"Azerbaijan is using Israeli drones": weapons of another state's or a company's make used by
    the subject come from that state or company (not weapons captured from it)."""
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    weapons = [w for w in _with_conjuncts(_children(verb, {"nsubjpass" if passive else "dobj"})) if _weaponish(ctx, w)]
    if not weapons or _not_held(weapons):
        return
    weapons += _with_conjuncts(_partitive_inner(weapons))  # "operates a small number of Boeing F/A-18D jets"
    makers = _makers(ctx, weapons)
    held = verb.lemma_.lower() in HOLD_VERBS  # ("has fighter jets from countries including ...", however attached)
    makers += [o for w in weapons + ([verb] if held else []) for o in _sources_from(ctx, w)]
    if passive:  # "a company whose munitions are used by Ukraine", "Turkish drones are used by Ethiopia"
        owners = [verb.head if p.tag_ == "WP$" and verb.dep_ == "relcl" else p  # "a company whose munitions are"
                  for w in weapons for p in _children(w, {"poss"})]
        makers += [o for o in owners
                   if ctx.type_of(resolve_arg(ctx, o, {"Country", "Company"})[0]) in {"Country", "Company"}]
        if _taken(verb):
            return
    users = _prep_objects(verb, {"by"}) if passive else clause_subjects(verb)
    yield from _pairs(ctx, sentence, verb, makers, users, base=0.7)


NOT_HELD_MODIFIERS = frozenset({"captured", "seized", "stolen", "own", "destroyed", "damaged", "downed", "wrecked",
                                "abandoned", "trophy"})
USE_NOUNS = frozenset({"deployment", "deployments", "use", "employment"})


def _not_held(weapons: list[Token]) -> bool:
    """Are the weapons told as captured, destroyed or the user's own make?"""
    return any(m.lower_ in NOT_HELD_MODIFIERS for w in weapons for m in w.lefts)


def _makers(ctx: ArticleContext, weapons: list[Token]) -> list[Token]:
    """Who made weapons, as their phrase tells: a demonym or company before them ("the Russian Pantsir
    system", "Boeing F/A-18D jets") or a made-by agent ("jets built by Saab")."""
    modifiers = [m for w in weapons for m in _premodifiers(w)]
    makers = [m for m in modifiers if m.ent_type_ == LABEL_DEMONYM or ctx.type_of(ctx.entity(m)) == "Company"]
    return makers + [m for m in _origins(ctx, weapons) if m not in modifiers and m not in makers]


def _use_noun(ctx: ArticleContext, sentence: Span, noun: Token) -> Iterator[Mention]:
    """"India's deployment of French Dassault Rafale planes", "the use of Iranian drones by Russia": the
    user of weapons another state or a company made got them from it (as with the verbs)."""
    weapons = [w for w in _with_conjuncts(_prep_objects(noun, {"of"})) if _weaponish(ctx, w)]
    if not weapons or _not_held(weapons) or _taken(noun):
        return
    users = _children(noun, {"poss"}) + _prep_objects(noun, {"by"})
    yield from _pairs(ctx, sentence, noun, _makers(ctx, weapons), users, base=0.7)


# what a state does to an enemy's weapons, which it does not hold
HOSTILE_VERBS = {"shoot", "down", "destroy", "hit", "strike", "intercept", "capture", "seize", "attack", "target",
                 "damage", "neutralise", "neutralize", "repel", "jam", "spot", "detect", "track", "disable", "sink"}


COMMISSION_VERBS = frozenset({"commission", "induct", "unveil", "display", "showcase", "parade", "operate", "use",
                              "field", "deploy", "station", "integrate", "welcome", "accept"})


def _held_weapons(ctx: ArticleContext, sentence: Span, noun: Token) -> Iterator[Mention]:
    """A holder's weapons with their origin: "Argentina's F-16 jets purchased from Denmark" (0.75),
    "Argentina's French Mirage jets" (another state's demonym, 0.7); "Brazil unveiled the first of 36
    Gripen jets bought from Saab" (the subject of the verb they are the object of, 0.7)."""
    holders = [h for h in _children(noun, {"poss"}) + _users(noun) if ctx.type_of(ctx.entity(h)) in AGENT_TYPES]
    if not holders and noun.dep_ == "attr":  # "most of the vessels in the Philippine fleet are ships donated by Japan"
        holders = [h for s in _children(noun.head, {"nsubj"}) for h in weapon_holders(ctx, s)]
    participles = _with_conjuncts(_children(noun, {"acl"}))  # "ships bought from or donated by allies"
    bought = [p for p in participles if p.lemma_.lower() in _lex("receive_verbs")]
    sellers = [s for participle in bought for s in _prep_objects(participle, {"from"})]
    if not holders and sellers:  # "jets bought by India from France", "jets acquired from Dassault for the IAF"
        buyers = [h for participle in bought for h in _prep_objects(participle, {"by", "for"})]
        buyers += [o for s in sellers for o in _prep_objects(s, {"for"})]  # (the parser may hang "for" on the seller)
        holders = [h for h in buyers if resolve_arg(ctx, h, AGENT_TYPES)[0]]
    donors = _agents_by(ctx, participles, _lex("supply_verbs"))
    if holders:
        sellers += donors
        # "Pakistan's F-16 aircraft, made by Lockheed Martin": a foreign maker sold them (not "India's jets,
        # built by Hindustan Aeronautics", its own)
        homes = {ctx.entity(h) for h in holders}
        sellers += [m for m in _agents_by(ctx, participles, MAKER_VERBS)
                    if ctx.type_of(ctx.entity(m)) in {"Company", "Country"} and ctx.entity(m) not in homes
                    and lexicons.home_state(ctx.entity(m)) not in homes]
    if not holders:
        container = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" and (
            noun.head.head.like_num or noun.head.head.lower_ in PARTITIVE_NOUNS) else noun
        if container.head.lemma_.lower() in COMMISSION_VERBS:  # "commissioned warships donated by China"
            sellers += donors
        whole = _including(container)
        if sellers and whole is not None and whole.dep_ == "dobj" and whole.head.lemma_.lower() in _lex("receive_verbs"):
            # "Ghana has bought hardware that includes vessels ordered from Poly Technologies": the buyer of the whole
            yield from _pairs(ctx, sentence, noun, sellers, clause_subjects(whole.head), base=0.7)
            return
        if sellers and container.dep_ == "dobj" and container.head.lemma_.lower() not in _lex("receive_verbs") \
                and container.head.lemma_.lower() not in HOSTILE_VERBS:  # ("Ukraine shot down drones bought from Iran")
            yield from _pairs(ctx, sentence, noun, sellers, clause_subjects(container.head), base=0.7)
        return
    if sellers:
        yield from _pairs(ctx, sentence, noun, sellers, holders, base=0.75)
        return
    modifiers = [m for m in noun.lefts if m.dep_ in {"amod", "compound", "nmod"}]
    modifiers += [m for c in modifiers if ctx.is_weapon(ctx.entity(c)) for m in c.lefts]  # "Chinese J-10C fighters"
    origins = [m for m in modifiers if m.dep_ in {"amod", "compound", "nmod"} and m not in holders
               and ctx.type_of(ctx.entity(m)) == "Country" and m.ent_type_ == LABEL_DEMONYM]
    yield from _pairs(ctx, sentence, noun, origins, holders, base=0.7)


INCLUDING_VERBS = frozenset({"include", "comprise", "contain"})


def _including(part: Token) -> Token | None:
    """The noun whose clause of inclusion names ``part`` ("hardware that includes two vessels", "a package
    including tanks"), or None."""
    clause = part.head
    if part.dep_ == "pobj" and clause.lower_ in {"including", "includes"} and clause.dep_ == "prep":
        return clause.head  # ("a package including tanks": "including" as a preposition)
    if part.dep_ != "dobj" or clause.lemma_.lower() not in INCLUDING_VERBS:
        return None
    if clause.dep_ in {"relcl", "acl"}:
        return clause.head
    return None


def _pairs(ctx: ArticleContext, sentence: Span, trigger: Token, suppliers: list[Token],
           recipients: list[Token], base: float) -> Iterator[Mention]:
    for supplier, s_factor in resolve_args(ctx, suppliers, AGENT_TYPES):
        for recipient, r_factor in resolve_args(ctx, recipients, AGENT_TYPES):
            # a state's armed force supplying or receiving stands for the state ("Chinese-made jets
            # of the Pakistan Air Force": China supplies Pakistan)
            supplier, recipient = _state_of_force(ctx, supplier), _state_of_force(ctx, recipient)
            if supplier != recipient:
                yield Mention(supplier, "suppliesWeaponsTo", recipient, sentence, trigger,
                              base * min(s_factor, r_factor))


MOVE_IN_VERBS = {"bring", "fly", "ship", "pour", "move", "send", "rush", "push"}  # "brought in troops"


def _moved_in(ctx: ArticleContext, verb: Token) -> list[Token]:
    """What "moved in X" / "brought in X" / "pushing in artillery" moves when the parser reads "in" as
    a preposition (or a particle)."""
    following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if following is None or following.lower_ != "in" or following.head != verb:
        return []
    if following.dep_ == "prt":
        return _children(verb, {"dobj"}) or _children(following, {"pobj"})  # ("in" a particle with an object)
    return [o for o in _children(following, {"pobj"}) if _unitish(o) or _weaponish(ctx, o)]


def deploy_mentions(ctx: ArticleContext, sentence: Span) -> Iterator[Mention]:
    """deploys from deploy verbs ("stationed Iskander systems in ...") and nouns ("the deployment of"),
    forces kept or hosted somewhere ("keeps 28,500 troops in South Korea", "Poland hosts US troops")
    and forces sighted somewhere ("Japan detected six Chinese warships near Yonaguni").

    What a state's armed force deploys, the state deploys too ("the Indian Air Force deployed the
    S-400": India deploys it), a little less surely (``STATE_OF_FORCE_FACTOR``)."""
    for mention in _deploy_mentions(ctx, sentence):
        yield mention
        state = force_state(ctx, mention.subject) if ctx.type_of(mention.subject) == "ArmedForce" else None
        if state and state != mention.object:
            yield replace(mention, subject=_state_of_force(ctx, mention.subject),
                                      confidence=mention.confidence * STATE_OF_FORCE_FACTOR)


STATE_OF_FORCE_FACTOR = 0.95


def _deploy_mentions(ctx: ArticleContext, sentence: Span) -> Iterator[Mention]:
    for token in sentence:
        lemma = _base_word(token, _lex("deploy_verbs"))
        if token.pos_ == "VERB" and lemma in MOTION_VERBS and not _children(token, {"dobj", "nsubjpass"}) \
                and not _moved_in(ctx, token):
            yield from _motion_verb(ctx, sentence, token)  # ("troops moved into Crimea": no object moved)
        elif token.pos_ == "VERB" and (lemma in _lex("deploy_verbs")
                                     or (lemma in MOVE_IN_VERBS and _moved_in(ctx, token))
                                     or (lemma == "order" and _ordered_to(token))
                                     or (lemma in ORDER_VERBS and _ordered_to_move(ctx, token) is not None)):
            yield from _deploy_verb(ctx, sentence, token)
        elif token.pos_ == "VERB" and lemma == "provide" and _contributed_personnel(ctx, token):
            yield from _deploy_verb(ctx, sentence, token)  # "Kenya will provide 1,000 troops" (not "attack aircraft")
        elif token.pos_ in {"VERB", "AUX"} and lemma in _lex("presence_verbs"):
            yield from _presence_verb(ctx, sentence, token)
        elif token.lemma_ == "be" and _children(token, {"expl"}):
            yield from _existential_presence(ctx, sentence, token)
        elif token.lemma_ == "be" and any(a.lower_ == "part" for a in _children(token, {"attr"})):
            yield from _membership(ctx, sentence, token)
        elif token.pos_ == "VERB" and lemma in _lex("sighting_verbs"):
            yield from _sighting_verb(ctx, sentence, token)
        elif token.pos_ == "NOUN" and token.lower_ in _lex("deploy_nouns"):
            yield from _deploy_noun(ctx, sentence, token)
        elif token.pos_ == "VERB" and lemma in _lex("arrive_verbs"):
            yield from _arrival(ctx, sentence, token)
        elif token.pos_ == "VERB" and lemma in MISSION_VERBS:
            yield from _mission_verb(ctx, sentence, token)
        if token.lower_ in CONTRIBUTOR_WORDS and any(m.lower_ in {"troop", "troops"} for m in token.lefts):
            yield from _troop_contributors(ctx, sentence, token)


def _contributed_personnel(ctx: ArticleContext, verb: Token) -> bool:
    """Does "provide" contribute troops ("1,000 troops", "a battalion", "troops"), not equip a unit ("arms to
    provide this regiment") or hand over weapons ("attack aircraft")?"""
    objects = _with_conjuncts(_children(verb, {"dobj"}))
    return bool(objects) and all(
        _unitish(o) and not _weaponish(ctx, o, depth=0) and not any(
            c.dep_ in {"det", "poss"} and c.lower_ not in {"a", "an"} for c in o.children) for o in objects)


MOTION_VERBS = {"head", "roll", "advance", "march", "pour", "move", "relocate"}
DESTINATION_PREPS = {"to", "towards", "toward", "into"}
COLLECTIVE_NOUNS = {"dozens", "hundreds", "thousands", "scores", "column", "columns", "convoy", "convoys", "number"}


def _motion_verb(ctx: ArticleContext, sentence: Span, verb: Token) -> Iterator[Mention]:
    """Forces on the move somewhere: "dozens of Chadian tanks headed towards Cameroon", "Russian troops
    moved into Crimea": their owner deploys them (a destination is required)."""
    destinations = _prep_objects(verb, DESTINATION_PREPS)
    if not destinations:
        return
    movers = [(_relative_antecedent(s) or s) if s.tag_ in {"WDT", "WP"} else s for s in _children(verb, {"nsubj"})]
    if not movers and verb.dep_ == "pcomp" and verb.tag_ == "VBG":
        movers = clause_subjects(verb)  # "Chinese troops aggravated tensions by moving into the valley"
    if not movers and verb.dep_ == "acl":
        movers = [verb.head]  # "a column of Turkish tanks rolled into Syria" read as a reduced relative
    collectives = [m for m in movers if m.lower_ in COLLECTIVE_NOUNS]
    collectives += [m.head.head for m in movers if m.dep_ == "pobj" and m.head.lower_ == "of"
                    and m.head.head.lower_ in COLLECTIVE_NOUNS]
    movers = [i for m in movers for i in (_prep_objects(m, {"of"}) if m in collectives else [m])]
    if not any(_unitish(m) or _weaponish(ctx, m, depth=0) for m in movers):
        return
    owners = _owners(ctx, movers, weapons_too=True) or [
        (k, 0.85) for c in collectives for m in c.lefts for k in [ctx.entity(m)]
        if k and ctx.type_of(k) in DEPLOYER_TYPES]
    location = next((k for d in destinations for k in [ctx.entity(d) or next(
        (ctx.entity(t) for t in d.subtree if ctx.entity(t)), None)] if ctx.type_of(k) in {"Country", "Location"}), None)
    if location is None:
        return  # ("advanced into villages": no place named)
    objects = _deployed_objects(ctx, movers, owners[0][0] if owners else None, strict_verb=False)
    for owner, factor in owners:
        if owner == location:
            continue  # ("Ukrainian troops advanced into Ukrainian villages": at home)
        for obj, _head in objects:
            yield Mention(owner, "deploys", obj, sentence, verb, 0.75 * factor, location)


CONTRIBUTOR_WORDS = {"contributing", "contributor", "contributors"}


def _troop_contributors(ctx: ArticleContext, sentence: Span, word: Token) -> Iterator[Mention]:
    """"Troop-contributing countries are Kenya, Uganda and Burundi", "Kenya, a troop contributor to
    Amisom,": the states a troop contributor is said to be deploy troops."""
    noun = word.head if word.dep_ == "amod" and word.head.pos_ == "NOUN" else word
    if noun.pos_ != "NOUN":
        return
    named: list[Token] = _children(noun, {"appos"}) + _prep_objects(noun, {"including", "like"})
    named += [o for such in noun.children if such.lower_ == "such" for o in _prep_objects(such, {"as"})]
    if noun.dep_ == "appos":
        named.append(noun.head)
    copula = noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "among":  # "X and Y are among the largest troop contributors"
        copula = noun.head.head
        named += _children(copula, {"nsubj"}) if copula.lemma_ == "be" else []
    if noun.dep_ in {"nsubj", "attr"} and copula.lemma_ == "be":  # "X are troop contributors" / "... are X"
        named += _children(copula, {"attr" if noun.dep_ == "nsubj" else "nsubj"})
    if copula.lemma_ == "be" and any(c.dep_ == "neg" for c in copula.children):
        return  # "Bangladesh is not a troop contributor"
    states = [(k, f) for k, f in resolve_args(ctx, named, {"Country"}) if ctx.type_of(k) == "Country"]
    location = _locations(ctx, noun)
    for state, factor in states:
        yield Mention(state, "deploys", ctx.add_unit(state, "troops"), sentence, word, 0.75 * factor, location)


def _home_of(group: str, country: str) -> bool:
    """Is the state the gazetteer gives an armed group its home ("Hezbollah" in Lebanon)?"""
    return lexicons.home_state(group) == country


# what a state's forces do on a mission abroad: "A Danish contingent will replace the French",
# "Kenyan troops joined the AU force", "Fijian soldiers serve in the Golan Heights"
MISSION_VERBS = {"join", "replace", "relieve", "reinforce", "serve", "patrol"}


def _mission_verb(ctx: ArticleContext, sentence: Span, verb: Token) -> Iterator[Mention]:
    """A state's own unit as the subject of a mission verb is deployed by that state (0.7), somewhere
    other than at home."""
    units = [u for u in _children(verb, {"nsubj"}) if _unitish(u) and u.pos_ in {"NOUN", "PROPN"}
             and not _named_unit(ctx, u)]
    operating = verb.lemma_.lower() == "operate"  # "Wagner fighters are operating in Mali": a group's too
    location = _place_of(ctx, [verb, *_children(verb, {"dobj"})])
    owners = [(k, f) for k, f in _owners(ctx, units)
              if ctx.type_of(k) == "Country" or (operating and ctx.type_of(k) == "ArmedGroup" and
                                                 ctx.type_of(location) == "Country" and not _home_of(k, location))]
    if location is None and verb.lemma_.lower() in {"serve", "patrol", "operate"}:
        return  # ("Ukrainian soldiers serve in the army": somewhere abroad is the point)
    for owner, factor in owners:
        if owner == location:
            continue  # "French troops patrol the border in France"
        for obj, _head in _deployed_objects(ctx, units, owner, strict_verb=True):
            yield Mention(owner, "deploys", obj, sentence, verb, 0.7 * factor / 0.85, location)


PERSONNEL_ROLES = {"instructors", "advisers", "advisors", "trainers", "mercenaries", "peacekeepers", "guards",
                   "bodyguards", "volunteers", "reinforcements"}


def _sent_as_personnel(verb: Token) -> bool:
    """"100 fighters were sent to Mali as military instructors": what is sent is people, not jets."""
    holders = [verb, *verb.children, *[g for c in verb.children for g in c.children]]
    return any(_unitish(o) or o.lower_ in PERSONNEL_ROLES for h in holders for p in h.children
               if p.dep_ == "prep" and p.lower_ == "as" for o in _children(p, {"pobj"}))


# formations ordered somewhere are moved there ("ordered the carrier strike group to the Gulf"), unlike
# aircraft or ships "ordered" (bought)
FORMATION_HEADS = {"group", "groups", "fleet", "force", "forces", "division", "divisions", "unit", "units", "corps"}


def _ordered_to(verb: Token) -> bool:
    """"ordered 15,000 troops to the border": troops ordered to a place (not "ordered troops to
    withdraw", nor "ordered jets from France")."""
    for obj in _children(verb, {"dobj"}):
        if _unitish(obj) and obj.lower_ not in AMBIGUOUS_UNITS - FORMATION_HEADS and \
                any(p.lower_ == "to" and _children(p, {"pobj"}) for t in (verb, obj) for p in t.children if p.dep_ == "prep"):
            return True
    return False


ORDER_VERBS = {"order", "direct", "instruct", "tell"}
# what ordered ships, jets or troops are told to do when they are being deployed ("ordered two destroyers
# to sail to the Red Sea"; not "ordered troops to withdraw")
ORDERED_MOVES = {"move", "sail", "head", "deploy", "redeploy", "fly", "go", "proceed", "reposition", "relocate",
                 "send", "steam"}


def _ordered_to_move(ctx: ArticleContext, verb: Token) -> Token | None:
    """The movement an order gives units or warships it names ("ordered American ships ... to move closer
    to the eastern Mediterranean", "told the Secretary to send a THAAD battery to Israel"), or None."""
    # ("ordered the carrier strike group to change course and head towards the Korean Peninsula")
    # (an infinitive: "told parliament Berlin would be sending weapons" reports, it gives no order)
    for move in [m for c in _children(verb, {"xcomp", "ccomp"}) if c.dep_ == "xcomp" or any(
            a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for m in (c, *c.conjuncts)]:
        if move.lemma_.lower() not in ORDERED_MOVES or any(c.dep_ == "neg" for c in move.children):
            continue
        if move.lemma_.lower() == "send":
            things = _children(move, {"dobj"})
        else:
            things = _children(verb, {"dobj"}) + _children(move, {"nsubj"})
        if any(_unitish(t) or _weaponish(ctx, t) for t in _with_conjuncts(things)):
            return move
    return None


QUOTE_MARKS = str.maketrans("", "", "\"“”‘’«»")


ORIGIN_SUFFIXES = frozenset({"origin", "made", "built", "supplied", "designed", "manufactured", "produced"})


def unit_phrase(ctx: ArticleContext, noun: Token) -> str:
    """A readable name for a generic deployed unit: "additional fighter squadrons" -> "fighter squadrons".

    Keeps the modifiers as written ("high-tech missile systems"), without leading determiners,
    numbers ("500-strong"), quantity words and entity names; "missile and unmanned systems" names
    the first conjunct "missile systems".
    """
    doc = noun.doc
    start = noun.left_edge.i
    while start < noun.i:
        token = doc[start]
        if token.like_num and start + 2 < noun.i and doc[start + 1].text == "-":
            start += 3  # "500-strong"
        elif (token.dep_ in {"det", "poss", "predet", "case", "punct", "nummod", "quantmod", "advmod", "cc", "prep"}
              or token.lower_ in QUANTITY_WORDS or ctx.entity(token) or token.like_num or token.text == "-"
              or (token.tag_ == "VBN" and _lemma_in(token, _lex("deploy_verbs")))  # "the deployed troops"
              or (start > 1 and doc[start - 1].text == "-" and ctx.entity(doc[start - 2])
                  and token.lower_ in ORIGIN_SUFFIXES)):  # "its US-origin C-17 aircraft"
            start += 1
        else:
            break
    phrase = doc[start:noun.i + 1].text if start <= noun.i else noun.text
    phrase = re.sub(r"\s*\([^()]*\)", "", phrase)  # "surface-to-air missile (SAM) systems"
    phrase = phrase.translate(QUOTE_MARKS)  # "“well-armed” troops" -> "well-armed troops"
    conjuncts = [c for c in noun.conjuncts if c.i > noun.i]
    if conjuncts and noun.tag_ == "NN" and conjuncts[-1].tag_ == "NNS" and not any(c.dep_ == "det" for c in noun.children):
        phrase = f"{phrase} {conjuncts[-1].text}"
    # peacekeepers are troops on a mission: named as such, they are found with every other troop deployment
    phrase = re.sub(r"\bpeacekeepers$", "peacekeeping troops", phrase, flags=re.IGNORECASE)
    phrase = re.sub(r"\btroop$", "troops", phrase, flags=re.IGNORECASE)  # ("a troop deployment")
    return " ".join(phrase.split())


SERVICE_WORDS = {"army", "navy", "military", "forces", "force", "armed", "marines", "guard"}


COUNTED_GROUP_NOUNS = frozenset({"dozens", "scores", "hundreds", "thousands", "number", "batch", "contingent", "team", "teams",
                                 "detachment", "group", "unit", "squad", "pieces", "items", "units"})


def _deployed_objects(ctx: ArticleContext, heads: list[Token], owner_hint: str | None,
                      strict_verb: bool) -> list[tuple[str, Token]]:
    out = []
    listed = _with_conjuncts(heads)
    listed += _with_conjuncts(c for h in listed for c in h.children if c.dep_ == "appos" and not (
        ctx.is_weapon(ctx.entity(h)) and ctx.entity(c) is None and _weaponish(ctx, c, depth=0)))
    # ("troops, a battery and radars"; not "THAAD, an anti-ballistic missile system": a description)
    listed += [c for h in list(listed) if h.lower_ in COUNTED_GROUP_NOUNS for o in _prep_objects(h, {"of"})[:1]
               for c in o.conjuncts if c not in listed]  # "dozens of fighter jets, navy vessels and ships"
    for head in listed:
        if head.tag_ == "VBG" and head.dep_ == "conj" and _children(head, {"dobj"}):
            head = _children(head, {"dobj"})[0]  # "warships and supporting vessels" parsed as a verb phrase
        fitted = {t.i for c in head.children if (c.dep_ == "prep" and c.lower_ == "with") or (
                      c.dep_ == "acl" and _verb_lemma(c) in EQUIP_VERBS | {"fit", "load", "carry"})
                  for t in c.subtree}  # ("destroyers with Aegis systems", "jets armed with missiles": the ships, jets;
        # not "a system known as Iron Dome")
        fitted |= {t.i for c in head.children if c.dep_ in {"conj", "cc"} for t in c.subtree}  # (its own conjuncts)
        weapon = next((ctx.entity(t) for t in head.subtree if t.i not in fitted and ctx.is_weapon(ctx.entity(t))), None)
        if weapon:
            out.append((weapon, head))
            continue
        noun = head
        if noun.lower_ in {"members", "elements"} and any(
                ctx.type_of(ctx.entity(o)) == "ArmedForce" or o.lower_ in SERVICE_WORDS
                for o in _with_conjuncts(_prep_objects(noun, {"of"}))):
            out.append((ctx.add_unit(owner_hint, "personnel"), head))  # "members of the Australian Defence Force"
            continue
        if noun.lower_ in COUNTED_GROUP_NOUNS:
            # ("a team of 304 defence instructors", "80 pieces of military equipment")
            inner = _prep_objects(noun, {"of"})
            if inner and (_unitish(inner[0]) or _weaponish(ctx, inner[0])):
                noun = inner[0]
        formation = ctx.entity(noun)
        if ctx.type_of(formation) == "Organization" and any(  # "an Armored Brigade Combat Team"
                ctx.entity(t) == formation and t.lower_ not in AMBIGUOUS_UNITS and _unitish(t) for t in noun.subtree):
            owner = next((ctx.entity(t) for t in noun.lefts if ctx.entity(t) not in {None, formation}), None)
            out.append((ctx.add_unit(owner or owner_hint, ctx.names[formation]), head))
            continue
        if ctx.type_of(formation) == "ArmedForce" and not ctx.names[formation].lower().endswith(NATIONAL_SERVICE_ENDS):
            # "deployed the Special Air Service", "the Quds Force": a unit of the gazetteer, not a whole service
            out.append((ctx.add_unit(owner_hint, ctx.names[formation]), head))
            continue
        if _unitish(noun) or (not strict_verb and _weaponish(ctx, noun, depth=0)):
            owner = next((ctx.entity(t) for t in noun.lefts if ctx.entity(t)), None) or owner_hint
            out.append((ctx.add_unit(owner, unit_phrase(ctx, noun)), head))
    return out


# the ends of a whole service's name ("Pakistan Army", "Royal Air Force"): deploying it says nothing of a unit
NATIONAL_SERVICE_ENDS = ("army", "navy", "air force", "armed forces", "defence force", "defense force",
                         "defence forces", "defense forces", "marine corps", "coast guard", "national guard",
                         "military", "marines", "space force", "guard corps", "gendarmerie", "police")


def _locations(ctx: ArticleContext, token: Token) -> str | None:
    """The place a deployment goes to: "to/in/near X" on the verb or on its object."""
    attached = [token] + _children(token, {"dobj", "nsubjpass"})
    for obj in [o for t in attached for o in _prep_objects(t, LOCATION_PREPS)]:
        key = ctx.entity(obj) or next((ctx.entity(t) for t in obj.subtree if ctx.entity(t)), None)
        if key is None and obj.lower_ in GENERIC_REFERENCES:
            key, _factor = resolve_arg(ctx, obj, {"Country"})
        if key and ctx.type_of(key) in {"Country", "Location"}:
            return key
    return None


def _owned_antecedent(ctx: ArticleContext, pronoun: Token) -> Token | None:
    """The noun a relative pronoun stands for, if a state or force is named in the words before it
    ("US forces, who ...")."""
    antecedent = _relative_antecedent(pronoun)
    if antecedent is None or not any(ctx.entity(m) for left in antecedent.lefts for m in left.subtree):
        return None
    return antecedent


def _deploy_verb(ctx: ArticleContext, sentence: Span, verb: Token) -> Iterator[Mention]:
    if verb.dep_ in {"xcomp", "ccomp"} and verb.head.lemma_.lower() in HELP_VERBS and \
            not _children(verb.head, {"dobj"}):
        return  # "Russia will help install an air defence system": another's deployment, not the helper's
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children) or (
        verb.dep_ in {"acomp", "amod"} and verb.tag_ == "VBN")  # "tanks remain deployed", "the deployed troops"
    move = _ordered_to_move(ctx, verb) if verb.lemma_.lower() in ORDER_VERBS else None
    things = _children(verb, {"nsubjpass"} if passive else {"dobj"})
    # "US forces, who are based in Iraq": what the relative pronoun stands for, when its owner is named before
    # it (what the relative clause itself names is not: "a contingent that was sent after an Iranian attack")
    things = [_owned_antecedent(ctx, t) or t if t.tag_ in {"WDT", "WP"} and passive else t for t in things]
    if any(t.lemma_.lower() in _lex("placed_abstract_nouns") for t in things):
        return  # "placed an order for 18 Su-35s", "placed a ban on": nothing put in place
    # "provided Syrian opposition forces with light weapons": a group armed, not forces sent
    things = [t for t in things if not (_non_state_group(t) and _group_state(ctx, t))]
    moved_in = not things and bool(_moved_in(ctx, verb))  # "pushing in artillery": brought to a front, placed
    things = things or _moved_in(ctx, verb)
    if passive and not things:
        things = _passive_theme(verb)
    if move is not None and move.lemma_.lower() == "send":
        things = _children(move, {"dobj"})  # "told the Secretary to send a THAAD battery": the battery
    things = things + [c for c in _companions(verb) if _unitish(c)]  # "... along with about 100 U.S. troops"
    deployers = _prep_objects(verb, {"by"}) if passive else clause_subjects(verb)
    if verb.dep_ == "acl" and not things:
        things, passive = [verb.head], True
        deployers = _prep_objects(verb, {"by"}) or deployers  # "forces sent by Turkey": the agent
        if _owners(ctx, things) and not any(resolve_arg(ctx, d, {"Country", "ArmedForce"})[0] for d in deployers):
            deployers = []  # "Fijian peacekeepers deployed with UNDOF (kidnapped) by militants": Fiji's (but
            # "drones deployed by Morocco such as Turkey's TB2": Morocco's)
    lemma = _base_word(verb, _lex("deploy_verbs"))
    if not things and not passive and lemma in {"deploy", "redeploy", "rotate"}:  # ("... rotate through Kenya")
        movers = [t for t in deployers if _unitish(t) or _weaponish(ctx, t)]
        if movers:  # "US troops will deploy to Romania", "a patrol boat will deploy": their owner deploys them
            things, deployers, passive = movers, [], True
    if passive and not deployers and verb.dep_ == "xcomp" and things == _children(verb.head, {"dobj"}) and things:
        deployers = clause_subjects(verb.head)  # "Sri Lanka has earmarked a brigade to be deployed abroad"
    resolved = resolve_args(ctx, deployers, DEPLOYER_TYPES)
    # "a Royal Navy warship will be sent to Guyana", "the US Navy sent a destroyer to the Gulf": an armed
    # force's own ships or jets sent somewhere are deployed, not handed over
    force_owned = any(ctx.type_of(ctx.entity(m)) == "ArmedForce" for t in _with_conjuncts(things) for m in t.lefts) \
        or any(ctx.type_of(k) == "ArmedForce" for k, _f in resolved) or _sent_as_personnel(verb) \
        or any(_named_unit(ctx, o) for o in _prep_objects(verb, {"to"}))
    # (tanks sent "to the 9th Armored Cavalry Brigade" go to a unit of the sender's own: deployed)
    warships = lemma in MOVING_VERBS and things and all(  # "send a warship to Guyana"
        t.lemma_.lower() in WARSHIP_NOUNS for t in _with_conjuncts(things) if _weaponish(ctx, t))
    strict = lemma not in PLACING_VERBS and not force_owned and not warships and move is None and not moved_in
    if move is not None and not resolved:  # "he ordered American ships to move ...": their owner's
        resolved = [(k, f) for k, f in _owners(ctx, things, weapons_too=True) if ctx.type_of(k) == "Country"]
    objects = _deployed_objects(ctx, things, resolved[0][0] if resolved else None, strict_verb=strict)
    if moved_in:  # ("pushing in artillery and heavy military equipment": the artillery)
        objects = [(k, h) for k, h in objects if h.lemma_.lower() not in UNNAMED_MATERIEL]
    if strict and any(ctx.type_of(k) == "MilitaryUnit" for k, _ in objects):
        # "sending 200 troops, a missile battery and several radars": the equipment goes with them
        objects = _deployed_objects(ctx, things, resolved[0][0] if resolved else None, strict_verb=False)
    if lemma in MOVING_VERBS and any(ctx.type_of(ctx.entity(o)) == "Country" for o in _prep_objects(verb, {"to"})):
        objects = [(k, h) for k, h in objects if h.lower_ not in GENERIC_ARMS]  # (weapons sent to a state: supplied)
    if lemma in _lex("supply_verbs") and objects and not force_owned and \
            all(ctx.is_weapon(k) and h.lemma_.lower() not in FORMATION_NOUNS for k, h in objects):
        return  # "send Patriots to Ukraine" is supply, not deployment ("two battalions of S-400s" is)
    if not resolved and passive:  # "Pakistani tanks continue to be deployed": a state's own tanks
        resolved = _owners(ctx, things, weapons_too=True)
    if not resolved and passive:  # "TB2 drones have been deployed in Turkish military operations in Iraq"
        resolved = [(k, 0.85 * f) for o in _prep_objects(verb, {"in"}) if o.lemma_.lower() in OPERATION_NOUNS
                    for k, f in resolve_args(ctx, [m for m in o.lefts if m.dep_ in {"amod", "compound", "poss"}],
                                             {"Country", "ArmedForce"})]
    if not resolved and passive and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        # "Ghana has selected 800 soldiers to be deployed to Lebanon", "Sri Lanka has earmarked a brigade to
        # be deployed abroad": who picked them deploys them
        if verb.dep_ == "relcl" and verb.head.dep_ == "dobj":
            resolved = resolve_args(ctx, clause_subjects(verb.head.head), DEPLOYER_TYPES)
        elif verb.dep_ == "ccomp" and _children(verb, {"nsubjpass"}):
            resolved = resolve_args(ctx, clause_subjects(verb.head), DEPLOYER_TYPES)
    location = _locations(ctx, verb) or (_locations(ctx, move) if move is not None else None)
    for deployer, factor in resolved:
        for obj, _head in objects:
            yield Mention(deployer, "deploys", obj, sentence, verb, 0.9 * factor, location)
    yield from _composition(ctx, sentence, verb, location)


GENERIC_ARMS = frozenset({"weapons", "arms", "ammunition", "munitions", "weaponry"})

# Verbs that put things somewhere rather than send them to someone: their weapons are deployed, not handed over
PLACING_VERBS = {"deploy", "station", "redeploy", "position", "install", "place", "base", "mass", "amass"}


def _passive_theme(verb: Token) -> list[Token]:
    """What a passive deploy verb with no subject of its own moves: the noun its relative clause hangs on
    ("the troops, to be stationed at ...") or the subject of the verb it completes ("tanks continue to be
    deployed")."""
    if verb.dep_ in {"relcl", "acl", "amod"} and verb.head.pos_ in {"NOUN", "PROPN"}:
        return [verb.head]
    if verb.dep_ in {"xcomp", "acomp"}:  # ("earmarked a brigade to be deployed": the object it names)
        return _children(verb.head, {"dobj"}) or _children(verb.head, {"nsubj", "nsubjpass"})
    return []


def _place_of(ctx: ArticleContext, tokens: list[Token]) -> str | None:
    """The place named by "in/at/near/from/out of X" on any of ``tokens`` (a state or a place)."""
    for token in tokens:
        location = _locations(ctx, token)
        if location:
            return location
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in {"from", "out", "around", "off"}:
                for inner in prep.subtree:
                    key = ctx.entity(inner)
                    if key and ctx.type_of(key) in {"Country", "Location"}:
                        return key
    return None


def _presence_verb(ctx: ArticleContext, sentence: Span, verb: Token) -> Iterator[Mention]:
    """"The US keeps 28,500 troops in South Korea", "operates drones from a base in Y"
    (a place is required), and "Poland hosts 10,000 US troops" (the troops' owner deploys them)."""
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        return
    things = _children(verb, {"dobj"})
    lemma = verb.lemma_.lower()
    if lemma == "operate" and not things:
        yield from _mission_verb(ctx, sentence, verb)  # "Russian troops operate in Mali"
        return
    if lemma == "host":
        location = next((k for k, _f in resolve_args(ctx, clause_subjects(verb), {"Country", "Location"})), None)
        # each guest with its own owner: "hosts Norwegian F-35s, German Eurofighters and British aircraft"
        guests = [(thing, owner) for thing in _with_conjuncts(things) for owner in [_modifier_owner(ctx, thing)] if owner]
        if len(guests) > 1:
            for thing, owner in guests:
                for obj, head in _deployed_objects(ctx, [thing], owner, strict_verb=False):
                    if head.i == thing.i:
                        yield Mention(owner, "deploys", obj, sentence, verb, 0.8 * OWNER_FACTOR, location)
            return
        for owner, factor in _owners(ctx, things):
            for obj, _head in _deployed_objects(ctx, things, owner, strict_verb=True):
                yield Mention(owner, "deploys", obj, sentence, verb, 0.8 * factor, location)
        return
    # ("has about 4,000 soldiers fighting alongside M23 in eastern Congo": the place of what they do there)
    doing = [p for t in things + _partitive_inner(things) for p in _children(t, {"acl"})
             if p.tag_ in {"VBG", "VBN"}]  # ("thousands of troops stationed in Somalia")
    doing += [o for p in doing for prep in _children(p, {"prep"}) for o in _children(prep, {"pobj"})]
    strict = lemma in {"have", "retain"}  # "has troops in Syria", not "has drones in its arsenal at home"
    # (what one has "from X" came from there: "has fighter jets from countries including the US"; nor is "from X"
    # on what is kept a place: "operates helicopters from France")
    location = (_locations(ctx, verb) or _place_of(ctx, doing)) if strict else _place_of(ctx, [verb, *doing])
    if location is None:
        return
    resolved = resolve_args(ctx, clause_subjects(verb), DEPLOYER_TYPES)
    objects = _deployed_objects(ctx, things, resolved[0][0] if resolved else None, strict_verb=strict)
    for deployer, factor in resolved:
        if deployer == location:
            continue  # "Ukraine has tanks in Ukraine" says nothing
        for obj, _head in objects:
            yield Mention(deployer, "deploys", obj, sentence, verb, 0.8 * factor, location)


OWNER_FACTOR = 0.85  # a state named by a modifier of what is deployed (see _owners)


def _modifier_owner(ctx: ArticleContext, thing: Token) -> str | None:
    """The state or force a noun's own modifiers name ("German Eurofighters", "US Army tanks")."""
    return next((k for left in thing.lefts if left.dep_ in {"amod", "compound", "nmod", "poss"}
                 for m in left.subtree for k in [ctx.entity(m)] if ctx.type_of(k) in DEPLOYER_TYPES), None)


OPERATION_NOUNS = frozenset({"deployment", "mission", "operation", "operations", "patrol", "patrols"})


def _membership(ctx: ArticleContext, sentence: Span, verb: Token) -> Iterator[Mention]:
    """"A US Navy destroyer and a Dutch frigate are part of the strike group": members of a deployed
    formation or mission are deployed, each by the state or force its own modifiers name."""
    part = next(a for a in _children(verb, {"attr"}) if a.lower_ == "part")
    groups = _prep_objects(part, {"of"})
    if not any(_unitish(g) or g.lemma_.lower() in OPERATION_NOUNS for g in groups):
        return
    for member in _with_conjuncts(_children(verb, {"nsubj"})):
        owner = _modifier_owner(ctx, member)
        if owner is None:
            continue
        for obj, head in _deployed_objects(ctx, [member], owner, strict_verb=False):
            if head.i == member.i:
                yield Mention(owner, "deploys", obj, sentence, verb, 0.75 * OWNER_FACTOR, _place_of(ctx, groups))


def _existential_presence(ctx: ArticleContext, sentence: Span, verb: Token) -> Iterator[Mention]:
    """"There are hundreds of American troops in Iraq": forces said to be somewhere are deployed
    there by their owner (named by a modifier or "from X"; a place is required, "no troops" is none)."""
    things = _children(verb, {"attr", "nsubj"})
    things += _partitive_inner(things)
    if not things or any(d.lower_ == "no" for t in things for d in t.lefts):
        return
    located = [t for thing in things for t in (thing, *_children(thing, {"acl"}))]  # "troops stationed in Y"
    location = _place_of(ctx, [verb, *located])
    if location is None:
        return
    for owner, factor in _owners(ctx, things):
        if owner == location:
            continue  # "there are Malian troops in Mali" says nothing
        for obj, _head in _deployed_objects(ctx, things, owner, strict_verb=True):
            yield Mention(owner, "deploys", obj, sentence, verb, 0.8 * factor, location)


def _sighting_verb(ctx: ArticleContext, sentence: Span, verb: Token) -> Iterator[Mention]:
    """"Japan detected six Chinese warships near Yonaguni": forces seen somewhere are deployed
    there by their owner (named by a modifier: "Chinese warships", "PLA naval formations")."""
    things = _children(verb, {"dobj", "nsubjpass"})
    owners = _owners(ctx, things, weapons_too=True)
    if not owners:
        return
    location = _place_of(ctx, [verb, *things, *(c for t in things for c in t.children if c.dep_ == "acl")])
    for owner, factor in owners:
        for obj, _head in _deployed_objects(ctx, things, owner, strict_verb=False):
            yield Mention(owner, "deploys", obj, sentence, verb, 0.75 * factor, location)


COMPOSITION_VERBS = {"make", "comprise", "consist", "include", "compose", "draw", "form"}


def _composition(ctx: ArticleContext, sentence: Span, verb: Token, location: str | None) -> Iterator[Mention]:
    """"battalions will be stationed ... made up of troops from the UK, US and Canada": the
    contributing states deploy the troops the deployed units are made of."""
    for part in [c for c in verb.children if c.dep_ in {"conj", "advcl", "acl"}] + [
            c for t in _children(verb, {"nsubjpass", "dobj"}) for c in t.children if c.dep_ == "acl"]:
        if part.lemma_.lower() not in COMPOSITION_VERBS:
            continue
        members = [m for m in _prep_objects(part, {"of"}) + _children(part, {"dobj"}) if _unitish(m)]
        contributors = resolve_args(ctx, _prep_objects(part, {"from"}), DEPLOYER_TYPES) + _owners(ctx, members)
        for contributor, factor in contributors:
            for obj, _head in _deployed_objects(ctx, members, contributor, strict_verb=True):
                yield Mention(contributor, "deploys", obj, sentence, verb, 0.75 * factor, location)


def _owners(ctx: ArticleContext, heads: list[Token], weapons_too: bool = False) -> list[tuple[str, float]]:
    """Who the deployed things belong to: "Russian troops", "troops from the UK and Canada" (and with
    ``weapons_too``, "a US missile system")."""
    owners: list[tuple[str, float]] = []
    for head in _with_conjuncts(heads):
        described = {t.i for c in head.children if c.dep_ in {"acl", "relcl"} and c.i > head.i for t in c.subtree}
        for token in head.subtree:  # (not in a clause describing them: "soldiers supported by Qatari aircraft")
            if token.i in described:
                continue
            if not _unitish(token) and ctx.type_of(ctx.entity(token)) != "WeaponSystem" \
                    and not (weapons_too and token.pos_ == "NOUN" and _weaponish(ctx, token, depth=0)):
                continue
            for mod in [m for left in token.lefts for m in (left, *left.conjuncts)]:  # "Russian and Belarusian troops"
                if mod.dep_ == "det":
                    continue  # ("the US-made batteries": "the" tagged with the maker's name is no owner)
                key = ctx.entity(mod)
                if key and ctx.type_of(key) in DEPLOYER_TYPES and key != ctx.entity(token):
                    owners.append((key, 0.85))  # not "Rapid Support" of "Rapid Support Forces" for itself
            owners += [(k, 0.8 * f) for k, f in resolve_args(ctx, _prep_objects(token, {"from"}), DEPLOYER_TYPES)
                       if (ctx.names.get(k) or k).split()[-1].lower().rstrip("s") not in FORMATION_NOUNS | {"team"}]
            # ("soldiers from the 3rd Combat Aviation Brigade": a formation is part of a force, not its owner)
    owners = [(_state_of_force(ctx, k), f) for k, f in owners]
    seen: set[str] = set()
    return [(k, f) for k, f in owners if not (k in seen or seen.add(k))]


def _force_country(ctx: ArticleContext, key: str) -> lexicons.GazetteerEntry | None:
    """The gazetteer entry of the state an armed force belongs to, if the article or gazetteer says."""
    if key in ctx.force_country:
        return lexicons.gazetteer_index().get(ctx.force_country[key])
    entry = lexicons.gazetteer_index().get(key)
    if entry is not None and entry.type == "ArmedForce" and entry.country:
        return lexicons.country_by_name().get(lexicons.fold(entry.country))
    return None


def force_state(ctx: ArticleContext, key: str) -> str | None:
    """The key of the state an armed force belongs to ("the UPDF" -> Uganda), or None."""
    country = _force_country(ctx, key)
    return country.key if country else None


def _state_of_force(ctx: ArticleContext, key: str) -> str:
    """The state a known armed force belongs to ("a battalion from the British Army" -> United Kingdom)."""
    country = _force_country(ctx, key)
    if country is None:
        return key
    if country.key not in ctx.types:
        ctx.types[country.key] = "Country"
        ctx.names[country.key] = country.name
        ctx.new_entities.setdefault(country.key, {"key": country.key, "name": country.name, "type": "Country",
                                                  "qid": country.qid, "surface_forms": [country.name]})
    return country.key


# soldiers who arrive somewhere without being sent: "five fugitive Libyan soldiers who landed in Egypt"
ADRIFT_MODIFIERS = {"fugitive", "defecting", "deserting", "defected", "fleeing", "escaped", "captured", "detained",
                    "wounded", "injured", "stranded", "retired", "former"}
def _named_warship(ctx: ArticleContext, token: Token) -> bool:
    """A warship named with its navy's prefix ("USS Gerald R. Ford", "HMS Queen Elizabeth")."""
    key = ctx.entity(token)
    return ctx.is_weapon(key) and ctx.names.get(key, "").split(" ")[0] in SHIP_PREFIXES


def _sailing_warship(token: Token, verb: Token | None = None) -> bool:
    """Warships arriving somewhere under their own flag ("four Russian warships arrived in Havana", "two
    Chinese corvettes that have been docked at Ream"), not ships built, bought or given for someone
    ("frigates built for Nigeria", "Turkish-built corvettes")."""
    return token.lemma_.lower() in WARSHIP_NOUNS and \
        not [c for c in _children(token, {"acl", "relcl"}) if c != verb] and not _prep_objects(token, {"for"}) and \
        not any(m.lower_ in _lex("supply_adjectives") or "-" in m.text for left in token.lefts for m in left.subtree)


CARRY_VERBS = {"carry", "contain", "hold", "transport", "bring"}
SHIPMENT_NOUNS = {"shipment", "batch", "consignment", "cargo", "delivery", "first"}


def _arrival(ctx: ArticleContext, sentence: Span, verb: Token) -> Iterator[Mention]:
    """Arrivals. "Russian military instructors have arrived in Niger": units arriving are deployed by
    their owner; "Russian warheads arrived in Belarus": foreign weapons arriving are supplied to the
    country they arrive in (also weapons units bring "with" them)."""
    movers, shipped, collectives = [], [], []
    subjects = _children(verb, {"nsubj", "nsubjpass"})  # "warships are anchored at ..." too
    if not subjects and verb.dep_ == "acl" and verb.tag_ == "VBG":
        subjects = [verb.head]  # "to welcome a Russian convoy of four warships arriving for a visit"
    elif not subjects and verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i > verb.head.i:
        subjects = _children(verb.head, {"dobj"})  # (the same, with "arriving" read as the verb's adverbial)
    subjects = [(_relative_antecedent(s) or s) if s.tag_ in {"WDT", "WP"} else s for s in subjects]
    # "tanks are arriving in Ukraine in larger numbers, including consignments of British Challenger 2s"
    hosts = [verb] + subjects + [o for p in _children(verb, {"prep"}) for o in _children(p, {"pobj"})]
    subjects += [o for host in hosts for o in _prep_objects(host, {"including"})]
    for subject in subjects:  # ("two Chinese corvettes that have been docked at Ream")
        carriers = [subject]
        if subject.lemma_.lower() in {"flight", "batch", "contingent", "group", "convoy", "shipment", "first", "wave",
                                      "consignment", "rotation"} \
                or subject.lower_ in COLLECTIVE_NOUNS:
            collectives.append(subject)
            movers += _prep_objects(subject, {"of"})
            shipped += _prep_objects(subject, {"of"}) if subject.lemma_.lower() in SHIPMENT_NOUNS else []
            carriers += _prep_objects(subject, {"of"})  # "two rotations of planes carrying Russian instructors"
        else:
            movers.append(subject)
            if subject.dep_ == "pobj" and subject.head.lower_ == "of" and subject.head.head.pos_ == "NOUN":
                collectives.append(subject.head.head)  # "a Chinese flotilla of three warships arriving"
        shipped += [c for carrier in carriers for participle in _children(carrier, {"acl"})
                    if participle.lemma_.lower() in CARRY_VERBS
                    for c in _children(participle, {"dobj"})]  # "a cargo containing Indian rocket launchers"
    movers += shipped
    # (warships that "entered" or "crossed" into waters make an incursion, not a port call)
    sailing = [t for t in movers if _sailing_warship(t, verb)] if verb.lemma_.lower() not in {"enter", "cross"} else []
    units = [t for t in movers if (_unitish(t) or _named_warship(ctx, t) or t in sailing)
             and not any(m.lower_ in ADRIFT_MODIFIERS for m in t.lefts)]  # ("HMS Queen Elizabeth arrived in Tokyo")
    # "two planes with servicemen and cargo arrived": transport, not a delivery of weapons
    weapons = [t for t in movers if t not in units and not _unitish(t) and _weaponish(ctx, t) and not (
        t.lower_ in _lex("dual_use_nouns") and not any(w.lower_ in MILITARY_WORDS or ctx.is_weapon(ctx.entity(w))
                                                       for w in t.subtree if w.i < t.i))]
    # (what modifies the planes, not what they carry: "planes carrying military instructors")
    weapons += [w for w in _prep_objects(verb, {"with"}) if _weaponish(ctx, w)]
    location = _locations(ctx, verb)
    shipped = [t for t in shipped if t in weapons]
    if location is None and weapons and (shipped and verb.lemma_.lower() in {"reach", "enter"} or verb.lower_.startswith("arriv")):
        # "... has reached Armenia", "the aircraft has arrived the country" (no preposition)
        location = next((k for o in _children(verb, {"dobj"}) for k in [resolve_arg(ctx, o, {"Country"})[0]] if k), None)
    owners = _owners(ctx, units + weapons) or _owners(ctx, [u for u in units if u in sailing], weapons_too=True)
    if not owners and units:  # "a Russian convoy of four warships": the convoy's state
        owners = [(k, 0.85) for c in collectives for m in c.lefts for k in [ctx.entity(m)]
                  if k and ctx.type_of(k) in DEPLOYER_TYPES]
    # "the first Brazilian-built Embraer aircraft will arrive in Paraguay": weapons marked with their maker
    marked = [w for w in weapons if w not in shipped and any(
        c.lower_ in _lex("supply_adjectives") or ctx.type_of(ctx.entity(c)) == "Company" for c in w.lefts)]
    escorted = units or any(_unitish(w) for w in _with_conjuncts(_prep_objects(verb, {"with"})))
    if marked and not owners and not escorted:  # (not "... arrived in Estonia with British troops": deployed)
        makers = _origins(ctx, marked) + [m for w in marked for adjective in w.lefts
                                          if adjective.lower_ in _lex("supply_adjectives") for m in adjective.children
                                          if ctx.type_of(ctx.entity(m)) in {"Country", "Company"}]
        owners = [(k, f) for k, f in resolve_args(ctx, makers, {"Country", "Company"})]
    if weapons and not owners and not units:  # "six Super Tucano aircraft arrived in Nigeria from the United States"
        senders = _prep_objects(verb, {"from"}) + [s for o in _children(verb, {"dobj"}) for s in _prep_objects(o, {"from"})]
        owners = resolve_args(ctx, [s for s in senders if ctx.type_of(ctx.entity(s)) in {"Country", "Company"}],
                              {"Country", "Company"})
    if shipped and not owners:  # "a shipment of India's shells has reached Armenia": a delivery, but not
        # "Russian tanks entered ..." (an incursion) or "British army tanks arrived in Estonia" (a deployment)
        owners = [(_state_of_force(ctx, k), f) for k, f in resolve_args(
            ctx, _origins(ctx, shipped) + [p for w in shipped for p in _children(w, {"poss"})], {"Country", "Company"})]
    # "British army tanks arrived in Estonia": an armed force's own weapons arriving are deployed
    force_weapons = [w for w in weapons if w not in shipped and any(  # (not "military equipment": its kind)
        m.lower_ in SERVICE_WORDS - {"military", "armed"} or ctx.type_of(ctx.entity(m)) == "ArmedForce"
        for left in w.lefts for m in left.subtree)]
    arms_only = bool(force_weapons) and not units
    if arms_only:
        owners = [(k, f) for k, f in _owners(ctx, force_weapons, weapons_too=True) if ctx.type_of(k) == "Country"]
        # "army equipment including tanks and guns": what it includes
        units = [n for w in force_weapons for n in ([o for o in _prep_objects(w, {"including"}) if _weaponish(ctx, o)]
                                                    or [w])]
        weapons = []
    if units:
        objects = _deployed_objects(ctx, units, owners[0][0] if owners else None,
                                    strict_verb=not arms_only and not any(u in sailing for u in units))
        for owner, factor in owners:
            for obj, _head in objects:
                yield Mention(owner, "deploys", obj, sentence, verb, 0.75 * factor, location)
    if weapons and location and ctx.type_of(location) == "Country":
        for owner, factor in owners:
            if owner != location:
                yield Mention(owner, "suppliesWeaponsTo", location, sentence, verb, 0.7 * factor)


TROOP_WORDS = frozenset({"troop", "troops"})


def _noun_things(ctx: ArticleContext, noun: Token) -> list[Token]:
    """What a supply or deployment noun is of: "the delivery of X", and "the delivery to Y of X" /
    "the installation in Y of X" when the parser hangs "of X" on the place."""
    things = _prep_objects(noun, {"of"})
    if not things:
        places = _prep_objects(noun, LOCATION_PREPS)
        following = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
        linear = []
        if not places and following is not None and following.dep_ == "prep" and following.lower_ in LOCATION_PREPS:
            # "marked the deployment to Haiti of ...": the parser hung "to" (and "of") on the verb
            after = following.right_edge.i + 1
            if after < len(noun.doc) and noun.doc[after].lower_ == "of" and noun.doc[after].dep_ == "prep":
                linear = _children(noun.doc[after], {"pobj"})
            places = _children(following, {"pobj"})
        things = [thing for place in places for thing in _prep_objects(place, {"of"}) + linear
                  if _unitish(thing) or _weaponish(ctx, thing)]
    return things


ENDING_VERBS = frozenset({"end", "close", "terminate", "conclude", "finish"})


def _deploy_noun(ctx: ArticleContext, sentence: Span, noun: Token) -> Iterator[Mention]:
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in ENDING_VERBS:
        return  # "the handover closes the presence of French forces in Chad": a deployment ended, not made
    # "its troop presence in Poland", "carried out a troop deployment": troops
    things = _noun_things(ctx, noun) or [c for c in noun.lefts if c.dep_ == "compound" and c.lower_ in TROOP_WORDS]
    if not things and noun.lower_ == "presence":  # "a military presence ... with more than 10,000 personnel"
        hosts = [noun] + ([noun.head] if noun.dep_ == "dobj" else [])
        things = [o for h in hosts for o in _prep_objects(h, {"with"}) if o.i > noun.i and _unitish(o)]
    deployers = _children(noun, {"poss"}) + _prep_objects(noun, {"by"})
    deployers += [c for c in noun.lefts if c.dep_ in {"amod", "compound"} and ctx.entity(c)]
    factor_base = 0.85
    owners = _owners(ctx, things, weapons_too=True)
    if not deployers and not owners:
        governor = noun.head.head if noun.dep_ == "pobj" else noun.head
        critic = governor.lemma_.lower() in _lex("reaction_words") or noun.head.lemma_.lower() in _lex("reaction_words")
        if governor.pos_ in {"VERB", "AUX"} and not critic:
            deployers = clause_subjects(governor)  # "Russia announced the deployment of ..."
            factor_base = 0.75
    resolved = resolve_args(ctx, deployers, DEPLOYER_TYPES) or owners
    if not resolved and things and ctx.last_deployer_sentence == sentence.start and \
            any(c.lower_ in {"the", "this"} for c in noun.children) \
            and not any(c.lower_ in {"possible", "proposed", "potential", "planned"} for c in noun.children) \
            and any(ctx.is_weapon(ctx.entity(t)) for thing in things for t in thing.subtree):  # (a named system)
        resolved = [(ctx.last_deployer, 0.8)]  # "China deployed jets to the island, the first deployment of the J-10"
    if not things and noun.dep_ == "nsubj" and noun.head.lemma_ in {"include", "involve", "comprise", "consist"}:
        things = _children(noun.head, {"dobj"}) + _prep_objects(noun.head, {"of"})  # "the deployment includes X"
        resolved = resolved or _owners(ctx, things, weapons_too=True)  # ("... includes 300 Dutch troops")
        if not resolved and ctx.last_deployer and any(c.lower_ in {"the", "this", "that"} for c in noun.children):
            resolved = [(ctx.last_deployer, 0.75)]
    objects = _deployed_objects(ctx, things, resolved[0][0] if resolved else None, strict_verb=False)
    location = _locations(ctx, noun)
    for deployer, factor in resolved:
        for obj, _head in objects:
            yield Mention(deployer, "deploys", obj, sentence, noun, factor_base * factor, location)


# ---------------------------------------------------------------- entry point

def _rules():
    from pipeline.leaders import leader_mentions

    return (leader_mentions, supply_mentions, deploy_mentions)


def extract_relations(doc: Doc, entity_record: dict[str, Any], body_start: int = 0) -> dict[str, Any]:
    """All relation mentions of one parsed article, plus entities the rules introduced (units).

    Returns ``{"relations": [...], "entities": [...]}``; each relation has subject, predicate,
    object (entity keys), location (key or None), sentence, start, end, confidence, modality,
    negated and trigger.
    """
    ctx = ArticleContext(doc, entity_record)
    source = doc.user_data.get("text", doc.text)  # the article's own text (the model may have read a plainer copy)
    found: dict[tuple, dict] = {}
    for sentence in doc.sents:
        if sentence.end_char <= body_start or not sentence.text.strip():
            continue
        for rule in _rules():
            for mention in rule(ctx, sentence):
                negated, modality, factor = assess(mention.trigger, sentence)
                if mention.predicate == "leaderOf":
                    negated, modality, factor = False, "asserted", 1.0
                confidence = round(max(0.0, min(1.0, mention.confidence * factor)), 2)
                record = {
                    "subject": mention.subject, "predicate": mention.predicate, "object": mention.object,
                    "location": mention.location, "sentence": source[sentence.start_char:sentence.end_char].strip(),
                    "start": sentence.start_char, "end": sentence.end_char, "confidence": confidence,
                    "modality": modality, "negated": negated, "trigger": mention.trigger.text,
                }
                if mention.predicate == "deploys" and not negated:
                    ctx.last_deployer, ctx.last_deployer_sentence = mention.subject, sentence.start
                previous = found.get(mention.key())
                if previous is None or (previous["confidence"], not previous["negated"]) < (confidence, not negated):
                    found[mention.key()] = record
    relations = sorted(found.values(), key=lambda r: (r["start"], r["predicate"], r["subject"], r["object"]))
    used = {r["object"] for r in relations} | {r["subject"] for r in relations}
    extra = [e for k, e in sorted(ctx.new_entities.items()) if k in used]
    return {"relations": relations, "entities": extra}




ARTICLE_FIELDS = ("id", "title", "published", "source_url", "source_name", "path", "sha256", "body_start")


def analyse_parsed(parsed: Iterable[tuple[dict, Doc, dict]]) -> Iterator[dict]:
    """Relation mentions on live parses, as a stream (no parse is stored or re-read).

    For each ``(article, doc, entity record)`` (see :func:`pipeline.entities.iter_parsed`) yields the
    entity record plus ``relations`` and ``relation_entities`` (entities the rules introduced).
    """
    for article, doc, record in parsed:
        try:
            found = extract_relations(doc, record, article.get("body_start", 0))
        except Exception as error:  # one article's failure must not sink the run: it becomes a reject
            logger.warning("relation extraction failed on article %s: %s: %s", article.get("id"),
                           type(error).__name__, error)
            reason = f"relation extraction failed ({type(error).__name__}); its entities are kept, no relations"
            yield {**record, "relations": [], "relation_entities": [], "analysis_error": reason}
            continue
        yield {**record, "relations": found["relations"], "relation_entities": found["entities"]}


def graph_record(article: dict, analysed: dict) -> dict:
    """The record the graph stage reads: ``{"article": metadata, "entities", "mentions", "relations"}``."""
    if analysed.get("id", article["id"]) != article["id"]:
        raise ValueError(f"records out of step: article {article['id']!r} with the analysis of {analysed['id']!r}")
    record = {
        "article": {k: article.get(k) for k in ARTICLE_FIELDS},
        "entities": analysed["entities"] + analysed.get("relation_entities", []),
        "mentions": analysed["mentions"],
        "relations": analysed["relations"],
    }
    if analysed.get("analysis_error"):
        record["error"] = analysed["analysis_error"]
    return record


def map_articles(articles: list[dict], entity_records: list[dict], doc_bytes: bytes) -> list[dict]:
    """Relation mentions for a batch of parsed articles (DocBin bytes from ``parse_articles``).

    Returns one record per article: ``{"article": metadata, "entities", "mentions", "relations"}``.
    """
    import spacy
    from spacy.tokens import DocBin

    vocab = spacy.blank("en").vocab
    docs = list(DocBin().from_bytes(doc_bytes).get_docs(vocab))
    for article, doc in zip(articles, docs):
        doc.user_data["text"] = article["text"]  # the parse read a plainer copy (see pipeline.nlp.model_text)
    return [graph_record(article, analysed)
            for article, analysed in zip(articles, analyse_parsed(zip(articles, docs, entity_records)))]
