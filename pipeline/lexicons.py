"""Load the gazetteers and cue-word lexicons that drive entity and relation rules.

Country names, capitals and demonyms come from maintained packages (``pycountry``,
``countryinfo``); the package's own data files in ``pipeline/lexicons/`` add Wikidata ids,
news short forms, seats of government, weapon systems, organisations, titles, trigger words and
the holders of each state's top offices.
Everything is loaded lazily and cached per process.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

LEXICON_DIR = Path(__file__).resolve().with_name("lexicons")
_SHORT_CODE = re.compile(r"^[A-Z]{2,3}$")
_LATIN = re.compile(r"^[A-Za-z .,'’\-()&]+$")
_REGNAL_NUMBER = re.compile(r"^[ivxlc]+$")  # "Elizabeth II": no surname


@dataclass(frozen=True)
class GazetteerEntry:
    """One known entity: its key, canonical name, type, Wikidata id and surface forms."""

    key: str
    name: str
    type: str
    qid: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()
    country: str | None = None
    kind: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


def _load_json(name: str) -> Any:
    """Read one JSON data file shipped in ``pipeline/lexicons``."""
    with (LEXICON_DIR / name).open("r", encoding="utf-8") as fh:
        return json.load(fh)


def fold(text: str) -> str:
    """Case- and accent-insensitive key for a surface form ("Türkiye" -> "turkiye")."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.lower().split())


@lru_cache(maxsize=1)
def triggers() -> dict[str, frozenset[str]]:
    """Trigger and cue-word lists (``triggers.json``) as frozensets of lower-case words."""
    return {k: frozenset(w.lower() for w in v) for k, v in _load_json("triggers.json").items()}


@lru_cache(maxsize=1)
def titles() -> dict[str, frozenset[str]]:
    """Title lexicons (``titles.json``): leader titles, non-leader titles, past markers."""
    return {k: frozenset(w.lower() for w in v) for k, v in _load_json("titles.json").items()}


@lru_cache(maxsize=None)
def title_words(groups: tuple[str, ...]) -> frozenset[str]:
    """The lower-case words of the title lexicon's phrases in ``groups`` (hyphens split: "then-president"),
    for telling a title from a name. A past marker of several words gives none ("long-time", "de facto":
    no "Long" nor "De")."""
    words: set[str] = set()
    for group in groups:
        for title in titles().get(group, ()):
            parts = title.lower().replace("-", " ").split()
            if group != "past_markers" or len(parts) == 1:
                words.update(parts)
    return frozenset(words)


@lru_cache(maxsize=1)
def armed_forces_by_name() -> dict[tuple[str, str], GazetteerEntry]:
    """The lexicon's armed forces by (state key, folded name or alias): ("country:PAK", "pakistan air force")."""
    index: dict[tuple[str, str], GazetteerEntry] = {}
    for entry in organizations():
        state = country_by_name().get(fold(entry.country)) if entry.type == "ArmedForce" and entry.country else None
        if state is not None:
            for form in (entry.name, *entry.aliases):
                index.setdefault((state.key, fold(form)), entry)
    return index


@lru_cache(maxsize=1)
def prefixed_verbs() -> dict[str, str]:
    """Hyphen-prefixed verb forms kept as one token (``prefixed_verbs.json``): lower-case form -> lemma
    ("re-elected" -> "reelect")."""
    return _verb_forms("prefixed_verbs.json")


@lru_cache(maxsize=1)
def lemma_repairs() -> dict[str, str]:
    """Verb forms the model lemmatizes wrongly (``lemmas.json``): lower-case form -> lemma
    ("installed" -> "install", not "instal")."""
    return _verb_forms("lemmas.json")


def _verb_forms(name: str) -> dict[str, str]:
    """A verb-forms file ({"verbs": {lemma: [forms]}}) as lower-case form -> lemma."""
    return {form.lower(): lemma for lemma, forms in _load_json(name)["verbs"].items() for form in forms}


@lru_cache(maxsize=1)
def _country_data() -> dict[str, dict]:
    """``countries.json`` as read, once per process."""
    return _load_json("countries.json")


@lru_cache(maxsize=1)
def _office_holder_lists() -> dict[str, dict[str, list[str]]]:
    """``office_holders.json`` as read, once per process: ISO3 code -> office kind -> names."""
    return _load_json("office_holders.json")


def _countryinfo_by_alpha3() -> dict[str, dict]:
    import countryinfo

    import pycountry

    table: dict[str, dict] = {}
    for country in countryinfo.all_countries():
        info = country.info()
        iso = (info.get("ISO") or {}).get("alpha3")
        if not iso:
            continue
        # countryinfo lists constituent countries under their state's code (Wales under GBR):
        # keep the entry that is the state itself.
        official = pycountry.countries.get(alpha_3=iso)
        names = {getattr(official, a, None) for a in ("name", "common_name", "official_name")} if official else set()
        if iso not in table or info.get("name") in names:
            table[iso] = info
    return table



def _usable_alias(alias: str) -> bool:
    """An alternative spelling worth matching in English news text."""
    alias = alias.strip()
    return bool(alias) and len(alias) > 3 and not _SHORT_CODE.match(alias) and bool(_LATIN.match(alias))


@lru_cache(maxsize=1)
def countries() -> tuple[GazetteerEntry, ...]:
    """All UN member states (and a few observers) with names, short forms, demonyms and seats."""
    import pycountry

    data = _country_data()
    ambiguous = {k: set(v) for k, v in _load_json("ambiguous.json").items()}
    infos = _countryinfo_by_alpha3()
    # a form one entry lists explicitly ("Congo" for the DRC) is not derived for another one
    claimed = {fold(form): code for code, own in data.items()
               for form in [*(own.get("extra_aliases") or []), *(own.get("extra_demonyms") or [])]}
    entries = []
    for alpha3 in sorted(data):
        own = data[alpha3]
        name = own["name"]
        aliases: set[str] = set(own.get("extra_aliases") or [])
        py = pycountry.countries.get(alpha_3=alpha3)
        if py is not None:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(py, attr, None)
                if value and _usable_alias(value) and "," not in value:
                    aliases.add(value)
        info = infos.get(alpha3, {})
        if info.get("name") and _usable_alias(info["name"]):
            aliases.add(info["name"])
        for alt in info.get("altSpellings") or []:
            if _usable_alias(alt) and "," not in alt:
                aliases.add(alt)
        demonyms: set[str] = set(own.get("extra_demonyms") or [])
        if info.get("demonym"):
            demonyms.add(info["demonym"])
        seats: set[str] = set(own.get("seats") or [])
        if info.get("capital") and _usable_alias(info["capital"]):
            seats.add(info["capital"])
        seats -= ambiguous["seats"]
        aliases.discard(name)
        aliases -= ambiguous.get("not_aliases", set())  # "Hawaii Island" is not Iceland
        aliases = {a for a in aliases if claimed.get(fold(a), alpha3) == alpha3}
        demonyms = {d for d in demonyms if claimed.get(fold(d), alpha3) == alpha3}
        entries.append(
            GazetteerEntry(
                key=f"country:{alpha3}",
                name=name,
                type="Country",
                qid=own.get("qid"),
                aliases=tuple(sorted(aliases)),
                demonyms=tuple(sorted(demonyms)),
                seats=tuple(sorted(seats)),
                extra={"capital": info["capital"]} if info.get("capital") and info["capital"] in seats else {},
            )
        )
    return tuple(entries)


@lru_cache(maxsize=1)
def former_seats() -> dict[str, tuple[str, ...]]:
    """Folded seat name -> the former states it was also the seat of (``countries.json`` "former_seats":
    "kremlin" -> ("country:SUN",)). The text's "Kremlin" is Russia's, except for a person the office-holders
    lexicon knows only as a leader of the Soviet Union."""
    table: dict[str, list[str]] = {}
    for alpha3, own in sorted(_country_data().items()):
        for seat in own.get("former_seats") or []:
            table.setdefault(fold(seat), []).append(f"country:{alpha3}")
    return {seat: tuple(states) for seat, states in table.items()}


@lru_cache(maxsize=1)
def organisation_name_heads() -> frozenset[str]:
    """Last words of organisation names that begin with a state name or demonym ("American Airlines")."""
    return frozenset(w.lower() for w in _load_json("ambiguous.json").get("organisation_name_heads", ()))


# pycountry subdivision types that a governor, premier or chief minister heads
GOVERNED_SUBDIVISION_TYPES = frozenset({
    "State", "Province", "Region", "Governorate", "Prefecture", "Republic", "Land", "Autonomous region",
    "Autonomous community", "Oblast", "Regional state", "Union territory", "Territory", "Emirate", "Voivodship",
    "Autonomous republic", "Federal territory", "Capital territory", "Administrative region", "Department",
    "Country",  # the nations of the United Kingdom ("the First Minister of Scotland")
})


@lru_cache(maxsize=1)
def governed_subdivisions() -> frozenset[str]:
    """Folded names of first-level subdivisions (states, provinces, regions) from ``pycountry``:
    the places a bare "Governor X" or "the premier" may head ("Maryland", "Ontario", "Madhya Pradesh")."""
    import pycountry

    return frozenset(fold(s.name) for s in pycountry.subdivisions
                     if s.parent_code is None and s.type in GOVERNED_SUBDIVISION_TYPES)


@lru_cache(maxsize=1)
def region_descriptors() -> dict[str, frozenset[str]]:
    """Adjectives that place a state in a world region ("the Asian country", "the Gulf state"):
    adjective -> the ``countryinfo`` regions or subregions it covers (``ambiguous.json``)."""
    return {k: frozenset(v) for k, v in _load_json("ambiguous.json").get("region_descriptors", {}).items()}


@lru_cache(maxsize=1)
def country_regions() -> dict[str, frozenset[str]]:
    """Country key -> its world region and subregion from ``countryinfo`` ("country:IDN" -> Asia,
    South-eastern Asia)."""
    return {f"country:{alpha3}": frozenset(filter(None, (info.get("region"), info.get("subregion"))))
            for alpha3, info in _countryinfo_by_alpha3().items()}


def regions() -> tuple[str, ...]:
    """Region names that contain a country alias ("Latin America") and must be matched whole."""
    return tuple(_load_json("ambiguous.json").get("regions", ()))


@lru_cache(maxsize=1)
def generic_org_words() -> frozenset[str]:
    """Organisation names that identify no one organisation ("the Army", "Parliament")."""
    return frozenset(fold(w) for w in _load_json("ambiguous.json").get("generic_org_words", ()))


@lru_cache(maxsize=1)
def weapons() -> tuple[GazetteerEntry, ...]:
    """Named weapon systems (``weapons.json``)."""
    out = []
    for item in _load_json("weapons.json"):
        out.append(
            GazetteerEntry(
                key="weapon:" + fold(item["name"]),
                name=item["name"],
                type="WeaponSystem",
                qid=item.get("qid"),
                aliases=tuple(item.get("aliases") or ()),
                country=item.get("origin"),
                kind=item.get("kind"),
            )
        )
    return tuple(out)


@lru_cache(maxsize=1)
def organizations() -> tuple[GazetteerEntry, ...]:
    """International organisations, media, armed forces, armed groups and companies."""
    out = []
    for item in _load_json("organizations.json"):
        out.append(
            GazetteerEntry(
                key="org:" + fold(item["name"]),
                name=item["name"],
                type=item["type"],
                qid=item.get("qid"),
                aliases=tuple(item.get("aliases") or ()),
                country=item.get("country"),
            )
        )
    return tuple(out)


OFFICE_KINDS = ("head_of_state", "head_of_government", "leader")


def holder_key(name: str) -> str:
    """A person's name folded for the office-holders lexicon: hyphens as spaces, without apostrophes and
    without the Arabic article ("Bashar al-Assad" and "Bashar Assad" -> "bashar assad", "Bah N'daw" ->
    "bah ndaw")."""
    folded = re.sub(r"['’ʻʼ‘`]", "", fold(name).replace("-", " "))
    return " ".join(word for word in folded.split() if word not in {"al", "el"})


@lru_cache(maxsize=1)
def office_holders() -> dict[str, tuple[tuple[str, str], ...]]:
    """Who held a state's top offices since 1900 (``office_holders.json``): name (``holder_key``) -> the
    (country key, office kind) pairs it held. Read only to tell which of the states an article names a
    bare title ("President X") or a state's possessive on a name ("Russia's X") belongs to, never as a
    fact of its own."""
    table: dict[str, list[tuple[str, str]]] = {}
    for alpha3, offices in sorted(_office_holder_lists().items()):
        for kind in OFFICE_KINDS:
            for name in offices[kind]:
                held = table.setdefault(holder_key(name), [])
                if (f"country:{alpha3}", kind) not in held:
                    held.append((f"country:{alpha3}", kind))
    return {name: tuple(held) for name, held in table.items()}


@lru_cache(maxsize=1)
def office_holder_full_names() -> tuple[str, ...]:
    """The office holders' names of two words or more as written in ``office_holders.json``, and again
    without accents ("Félix Tshisekedi", "Felix Tshisekedi"): what the text calls them in full."""
    names: set[str] = set()
    for offices in _office_holder_lists().values():
        for kind in OFFICE_KINDS:
            for name in offices[kind]:
                if len(name.split()) >= 2:
                    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
                    names.update({name, plain})
    return tuple(sorted(names))


@lru_cache(maxsize=1)
def office_holder_short_names() -> dict[str, tuple[str, ...]]:
    """Office holders with names of three words or more by their first and last words ("roch kabore" ->
    ("roch marc christian kabore",)): a long name is often written so."""
    table: dict[str, list[str]] = {}
    for name in office_holders():
        words = name.split()
        if len(words) >= 3 and not _REGNAL_NUMBER.match(words[-1]):
            table.setdefault(f"{words[0]} {words[-1]}", []).append(name)
    return {short: tuple(sorted(names)) for short, names in table.items() if short not in office_holders()}


@lru_cache(maxsize=1)
def office_holder_surnames() -> dict[str, tuple[str, ...]]:
    """The office holders by the last word of their name ("putin" -> ("vladimir putin",)) and monarchs
    by their name without the numeral ("george tupou" -> ("george tupou ii", "george tupou v")), for
    articles that give a head of state only a title and a surname ("President Mnangagwa", "King Zog")."""
    table: dict[str, list[str]] = {}
    for name in office_holders():
        stem, _space, last = name.rpartition(" ")
        if stem and _REGNAL_NUMBER.match(last):
            table.setdefault(stem, []).append(name)
        elif stem:
            table.setdefault(last, []).append(name)
    return {surname: tuple(sorted(names)) for surname, names in table.items()}


@lru_cache(maxsize=1)
def gazetteer_index() -> dict[str, GazetteerEntry]:
    """Every gazetteer entry by key."""
    return {e.key: e for e in (*countries(), *weapons(), *organizations())}


def home_state(key: str | None) -> str | None:
    """The key of the state the gazetteer places an entry in (a company, force, group or weapon system:
    "Rosoboronexport" -> Russia), or None."""
    entry = gazetteer_index().get(key) if key else None
    state = country_by_name().get(fold(entry.country)) if entry is not None and entry.country else None
    return state.key if state else None


@lru_cache(maxsize=1)
def country_by_name() -> dict[str, GazetteerEntry]:
    """Countries by folded canonical name, alias, demonym or seat."""
    table: dict[str, GazetteerEntry] = {}
    for entry in countries():
        for form in (entry.name, *entry.aliases, *entry.demonyms, *entry.seats):
            table.setdefault(fold(form), entry)
    return table
