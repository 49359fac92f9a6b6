"""The gazetteer data files in pipeline/lexicons: shape, coverage and unambiguous surface forms."""
from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest

from pipeline import lexicons

LEXICONS = Path(__file__).resolve().parent.parent / "pipeline" / "lexicons"
QID = re.compile(r"^Q[1-9][0-9]*$")
ORG_TYPES = {"Organization", "ArmedForce", "ArmedGroup", "Company"}
WEAPON_KINDS = {
    "ballistic missile", "intercontinental ballistic missile", "cruise missile", "hypersonic missile",
    "anti-ship missile", "air defence system", "surface-to-air missile", "air-to-air missile",
    "air-to-surface missile", "anti-tank missile", "drone", "loitering munition", "naval drone",
    "fighter aircraft", "bomber", "attack aircraft", "helicopter", "transport aircraft", "tank",
    "infantry fighting vehicle", "armoured vehicle", "howitzer", "rocket launcher", "rocket",
    "anti-aircraft gun", "guided bomb", "ship", "submarine", "rifle", "grenade launcher",
}

UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN
BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE DNK DJI DMA DOM
ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN
ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR PRK KOR KWT KGZ LAO LVA LBN LSO LBR LBY LIE
LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL
NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT ROU RUS RWA KNA LCA VCT WSM SMR STP
SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK TZA THA TLS TGO TON
TTO TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split()
OBSERVERS_AND_OTHERS = ["PSE", "VAT", "TWN", "XKX"]

# Bare forms that are ordinary English words or common person names. Gazetteer patterns match
# the exact text, so as patterns these would tag the wrong things ("Reaper", "Rafael Grossi",
# "the Lancet"); only longer forms ("MQ-9 Reaper", "Harpoon missile") are used. ("AU" is the African
# Union: as a currency's prefix, "AU $10 billion", the name repairs drop it.)
TOO_AMBIGUOUS = {
    "IS", "Reaper", "Harpoon", "Lancet", "Neptune", "Javelin", "Stinger", "Taurus", "Caesar", "Abrams",
    "Bradley", "Apache", "Chinook", "Typhoon", "Hellfire", "Brimstone", "Archer", "Rafael", "Leonardo",
    "Kalashnikov", "Antonov", "Tejas", "Emad", "Khorramshahr", "Azov", "Korea", "Leopard",
    "Challenger", "Hawk", "Eagle", "Falcon", "Tornado", "Spike", "Heron", "Magura", "Bohdana",
    "Security Council", "Red Cross", "Afrika Korps", "PA", "ICC", "CIS", "PLAN", "CSG", "MLRS",
    "K9", "K2", "Bayraktar", "Pole", "Finn", "Dane",
}


def fold(text: str) -> str:
    """Case-, accent- and apostrophe-insensitive key, the same folding the loader matches with."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.lower().split())


def load(name: str):
    with (LEXICONS / name).open(encoding="utf-8") as fh:
        return json.load(fh)


@pytest.fixture(scope="module")
def countries() -> dict:
    return load("countries.json")


@pytest.fixture(scope="module")
def weapons() -> list:
    return load("weapons.json")


@pytest.fixture(scope="module")
def organizations() -> list:
    return load("organizations.json")


def _latin_text(text: str) -> bool:
    for ch in text:
        if ch.isascii():
            if not (ch.isalnum() or ch in " .'-,&()/+"):
                return False
        elif ch != "’" and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


# --- format ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["countries.json", "weapons.json", "organizations.json", "office_holders.json"])
def test_files_are_canonically_formatted(name: str) -> None:
    """One entry per line, keys sorted, UTF-8 without escapes, trailing newline."""
    raw = (LEXICONS / name).read_text(encoding="utf-8")
    data = json.loads(raw)
    if isinstance(data, dict):
        body = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False, sort_keys=True)}"
                          for k, v in data.items())
        expected = "{\n" + body + "\n}\n"
        assert list(data) == sorted(data), "country codes are sorted"
    else:
        body = ",\n".join("  " + json.dumps(v, ensure_ascii=False, sort_keys=True) for v in data)
        expected = "[\n" + body + "\n]\n"
        names = [fold(v["name"]) for v in data]
        assert names == sorted(names), "entries are sorted by name"
    assert raw == expected


# --- countries -------------------------------------------------------------------------------


def test_countries_cover_un_members_and_observers(countries: dict) -> None:
    assert len(set(UN_MEMBERS)) == 193
    assert len(countries) >= 193
    assert set(UN_MEMBERS) | set(OBSERVERS_AND_OTHERS) <= set(countries)
    for code in countries:
        assert re.fullmatch(r"[A-Z]{3}", code), code
        # XKX: Kosovo's user-assigned code; former states named in history by their ISO 3166-3 codes, or
        # (empires that ended before ISO 3166: the Ottoman Empire, Austria-Hungary) by user-assigned X codes
        # with no seats of their own
        assert code == "XKX" or pycountry.countries.get(alpha_3=code) is not None or \
            pycountry.historic_countries.get(alpha_3=code) is not None or \
            (code.startswith("X") and not countries[code]["seats"] and not countries[code].get("former_seats")), code


def test_country_entries_are_well_formed(countries: dict) -> None:
    for code, entry in countries.items():
        assert {"name", "qid", "extra_aliases", "extra_demonyms", "seats"} <= set(entry) <= {
            "name", "qid", "extra_aliases", "extra_demonyms", "seats", "former_seats"}, code
        assert isinstance(entry["name"], str) and entry["name"].strip() == entry["name"] != "", code
        assert entry["qid"] is None or QID.match(entry["qid"]), code
        # a former state's seats are its successor's: "Moscow" for the Soviet Union is Russia's "Moscow"
        assert not entry.get("former_seats") or (pycountry.historic_countries.get(alpha_3=code) and not entry["seats"]
                                                  and all(any(s in other["seats"] for other in countries.values())
                                                          for s in entry["former_seats"])), code
        for field in ("extra_aliases", "extra_demonyms", "seats", "former_seats"):
            values = entry.get(field, [])
            assert isinstance(values, list), (code, field)
            assert len(values) == len(set(values)), (code, field)
            for value in values:
                assert isinstance(value, str) and value.strip() == value and len(value) >= 2, (code, value)
        assert entry["seats"] or pycountry.historic_countries.get(alpha_3=code) is not None or \
            (code.startswith("X") and pycountry.countries.get(alpha_3=code) is None and code != "XKX"), \
            f"{code} has no capital / seat of government"
        for text in (entry["name"], *entry["extra_aliases"], *entry["extra_demonyms"], *entry["seats"]):
            assert _latin_text(text), (code, text)


def test_country_names_and_qids_are_unique(countries: dict) -> None:
    names = [fold(e["name"]) for e in countries.values()]
    assert len(names) == len(set(names))
    qids = [e["qid"] for e in countries.values() if e["qid"]]
    assert len(qids) == len(set(qids))


def test_news_names_and_forms(countries: dict) -> None:
    expected = {
        "RUS": "Russia", "IRN": "Iran", "SYR": "Syria", "KOR": "South Korea", "PRK": "North Korea",
        "USA": "United States", "GBR": "United Kingdom", "VNM": "Vietnam", "LAO": "Laos",
        "CZE": "Czech Republic", "TUR": "Turkey", "CIV": "Ivory Coast",
        "COD": "Democratic Republic of the Congo", "COG": "Republic of the Congo", "MDA": "Moldova",
        "TZA": "Tanzania", "BOL": "Bolivia", "VEN": "Venezuela", "BRN": "Brunei", "CPV": "Cape Verde",
        "SWZ": "Eswatini", "MMR": "Myanmar", "NLD": "Netherlands", "PSE": "Palestine", "XKX": "Kosovo",
    }
    for code, name in expected.items():
        assert countries[code]["name"] == name
    known_qids = {"BLR": "Q184", "RUS": "Q159", "UKR": "Q212", "USA": "Q30", "CHN": "Q148",
                  "IRN": "Q794", "PRK": "Q423", "KOR": "Q884", "GBR": "Q145", "FRA": "Q142", "DEU": "Q183"}
    for code, qid in known_qids.items():
        assert countries[code]["qid"] == qid
    assert {"US", "U.S.", "USA", "America"} <= set(countries["USA"]["extra_aliases"])
    assert {"American"} <= set(countries["USA"]["extra_demonyms"])
    assert {"Pentagon", "White House", "Washington"} <= set(countries["USA"]["seats"])
    assert {"UK", "Britain"} <= set(countries["GBR"]["extra_aliases"])
    assert "British" in countries["GBR"]["extra_demonyms"]
    assert {"Kremlin", "Moscow"} <= set(countries["RUS"]["seats"])
    assert {"Kyiv", "Kiev"} <= set(countries["UKR"]["seats"])
    assert "Türkiye" in countries["TUR"]["extra_aliases"]
    assert "Burma" in countries["MMR"]["extra_aliases"]
    assert "DRC" in countries["COD"]["extra_aliases"]
    assert "Dutch" not in countries["NLD"]["extra_aliases"]


# --- weapons ---------------------------------------------------------------------------------


def test_weapons(weapons: list, countries: dict) -> None:
    country_names = {e["name"] for e in countries.values()}
    assert len(weapons) >= 120
    names = [fold(w["name"]) for w in weapons]
    assert len(names) == len(set(names))
    for w in weapons:
        assert set(w) == {"name", "aliases", "kind", "origin", "qid"}, w["name"]
        assert w["name"].strip() == w["name"] != ""
        assert isinstance(w["aliases"], list) and len(w["aliases"]) == len(set(w["aliases"])), w["name"]
        assert all(isinstance(a, str) and a.strip() == a and len(a) >= 2 for a in w["aliases"]), w["name"]
        assert w["kind"] in WEAPON_KINDS, (w["name"], w["kind"])
        assert w["origin"] is None or w["origin"] in country_names, (w["name"], w["origin"])
        assert w["qid"] is None or QID.match(w["qid"]), w["name"]
    by_name = {w["name"]: w for w in weapons}
    for must in ("Oreshnik", "Iskander", "Patriot", "HIMARS", "Shahed-136", "F-16", "Leopard 2", "S-400"):
        assert must in by_name, must
    assert {"Shahed", "Geran-2"} <= set(by_name["Shahed-136"]["aliases"])


# --- organisations ---------------------------------------------------------------------------


def test_organizations(organizations: list, countries: dict) -> None:
    country_names = {e["name"] for e in countries.values()}
    assert len(organizations) >= 140
    names = [fold(o["name"]) for o in organizations]
    assert len(names) == len(set(names))
    for o in organizations:
        assert set(o) == {"name", "aliases", "type", "country", "qid"}, o["name"]
        assert o["name"].strip() == o["name"] != ""
        assert o["type"] in ORG_TYPES, (o["name"], o["type"])
        assert o["country"] is None or o["country"] in country_names, (o["name"], o["country"])
        assert isinstance(o["aliases"], list) and len(o["aliases"]) == len(set(o["aliases"])), o["name"]
        assert all(isinstance(a, str) and a.strip() == a and len(a) >= 2 for a in o["aliases"]), o["name"]
        assert o["qid"] is None or QID.match(o["qid"]), o["name"]
    types = {o["type"] for o in organizations}
    assert types == ORG_TYPES
    by_name = {o["name"]: o for o in organizations}
    assert by_name["Wagner Group"]["type"] == "ArmedGroup"
    assert by_name["Islamic Revolutionary Guard Corps"]["type"] == "ArmedForce"
    assert by_name["Islamic Revolutionary Guard Corps"]["country"] == "Iran"
    assert by_name["Rheinmetall"]["type"] == "Company"
    assert by_name["NATO"]["qid"] == "Q7184"
    # national armed forces under their own names, "<demonym> <service>" among their aliases
    forces = [o for o in organizations if o["type"] == "ArmedForce" and o["country"]]
    assert len({o["country"] for o in forces}) >= 170
    assert "Thai Army" in by_name["Royal Thai Army"]["aliases"] and by_name["Royal Thai Army"]["country"] == "Thailand"
    assert "Bangladeshi Army" in by_name["Bangladesh Army"]["aliases"]
    assert sum(1 for o in organizations if o["type"] == "Company") >= 280  # arms makers, shipyards, drone firms
    assert by_name["BlueBird Aero Systems"]["country"] == "Israel"


# --- office holders --------------------------------------------------------------------------


def test_office_holders(countries: dict) -> None:
    """Heads of state and government (and de facto leaders) per state: three lists of names each, for
    states of the country gazetteer; most states have holders listed."""
    holders = load("office_holders.json")
    assert set(holders) <= set(countries)
    assert sum(1 for offices in holders.values() if offices["head_of_state"]) >= 180
    for code, offices in holders.items():
        assert set(offices) == {"head_of_state", "head_of_government", "leader"}, code
        for kind, names in offices.items():
            assert len(names) == len(set(names)), (code, kind)
            assert all(name.strip() == name and len(name) >= 3 and _latin_text(name.replace("ʻ", "’"))
                       for name in names), (code, kind)  # (the okina of Tongan and Hawaiian names)
    folded = lexicons.office_holders()
    assert ("country:RUS", "head_of_state") in folded["vladimir putin"]
    assert ("country:DEU", "head_of_government") in folded["angela merkel"]
    assert "emmerson mnangagwa" in lexicons.office_holder_surnames()["mnangagwa"]
    assert ("country:SYR", "head_of_state") in folded[lexicons.holder_key("Bashar Assad")]  # "al-" left out
    assert ("country:MLI", "head_of_state") in folded[lexicons.holder_key("Bah N'daw")]  # apostrophes left out
    assert "roch marc christian kabore" in lexicons.office_holder_short_names()["roch kabore"]  # first, last words
    assert "george tupou v" in lexicons.office_holder_surnames()["george tupou"]  # a monarch without his numeral
    full = set(lexicons.office_holder_full_names())  # names as written, and without accents
    assert {"Félix Tshisekedi", "Felix Tshisekedi", "Xi Jinping"} <= full and "Putin" not in full


# --- surface forms across all files ----------------------------------------------------------


def surface_forms(countries: dict, weapons: list, organizations: list) -> dict[str, set[str]]:
    """Folded surface form -> the entries (by key) that use it."""
    owners: dict[str, set[str]] = defaultdict(set)
    for code, e in countries.items():
        for form in (e["name"], *e["extra_aliases"], *e["extra_demonyms"], *e["seats"]):
            owners[fold(form)].add(f"country:{code}")
    for w in weapons:
        for form in (w["name"], *w["aliases"]):
            owners[fold(form)].add(f"weapon:{fold(w['name'])}")
    for o in organizations:
        for form in (o["name"], *o["aliases"]):
            owners[fold(form)].add(f"org:{fold(o['name'])}")
    return owners


def test_no_surface_form_is_shared_by_two_entries(countries, weapons, organizations) -> None:
    owners = surface_forms(countries, weapons, organizations)
    shared = {form: sorted(keys) for form, keys in owners.items() if len(keys) > 1}
    assert not shared, shared


def test_no_overly_ambiguous_bare_forms(countries, weapons, organizations) -> None:
    forms = set()
    for e in countries.values():
        forms.update((e["name"], *e["extra_aliases"], *e["extra_demonyms"], *e["seats"]))
    for e in (*weapons, *organizations):
        forms.update((e["name"], *e["aliases"]))
    assert not (forms & TOO_AMBIGUOUS)


def test_weapon_and_org_forms_do_not_shadow_country_names(weapons, organizations) -> None:
    country_forms = set()
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                country_forms.add(fold(value))
    for entry in (*weapons, *organizations):
        for form in (entry["name"], *entry["aliases"]):
            assert fold(form) not in country_forms, (entry["name"], form)


def test_qids_are_not_reused_across_files(countries, weapons, organizations) -> None:
    qids = [e["qid"] for e in (*countries.values(), *weapons, *organizations) if e["qid"]]
    assert len(qids) == len(set(qids))
