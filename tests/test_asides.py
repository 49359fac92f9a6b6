"""Reference-work asides (pipeline/asides.py): pronunciations, native spellings and citation markers are
blanked in the copy of the text the model reads, offsets and evidence unchanged."""
from __future__ import annotations

import pytest

from pipeline.asides import blank_asides
from pipeline.relations import extract_relations, is_fact

BLANKED = [
    # pronunciation and birth: the whole bracket goes, the brackets stay
    ("Olaf Scholz (German pronunciation: [ˈoːlaf ˈʃɔlts]; born 14 June 1958) was chancellor.",
     "Olaf Scholz (" + " " * 56 + ") was chancellor."),
    ("Nayib Bukele ( listen ; born 24 July 1981) is", "Nayib Bukele (" + " " * 27 + ") is"),
    # a native spelling, with the acronym the bracket also gives kept
    ("Hamas (HAMAS; Arabic: حماس) rules Gaza.", "Hamas (HAMAS" + " " * 14 + ") rules Gaza."),
    # a reign, and a name in its own script inside an English text
    ("The Korean War began when the North Korean leader Kim Il-sung 김일성 (r. 1948–1994) ordered the invasion.",
     "The Korean War began when the North Korean leader Kim Il-sung     (" + " " * 12 + ") ordered the invasion."),
    # citation markers and maintenance tags
    ("He became mayor of Lviv[12] in 2006[citation needed].", "He became mayor of Lviv     in 2006" + " " * 17 + "."),
    # footnote markers with a group name
    ("He was King of Shewa[nb 2] and Emperor[upper-alpha 1] later.",
     "He was King of Shewa" + " " * 6 + " and Emperor" + " " * 15 + " later."),
]

KEPT = [
    "Joan Kelly (born 3 May 1961) is an Irish politician.",  # life dates alone: the NER reads them as a biography
    "The Muslim Brotherhood (1928–2013) was banned.",
    "the Rwandan Patriotic Front (RPF), which invaded",
    "KYIV (Reuters) - Ukraine said on Monday",
    "the bracket (Arabic for 'the base') is a gloss, and it is kept",  # a clause inside: not an aside
    "'[The minister] said so', and a quoted insertion stays [sic].",
    "Москва и Киев",  # a text in another script is not blanked
]


@pytest.mark.parametrize("text, blanked", BLANKED)
def test_asides_are_blanked_to_the_same_length(text, blanked):
    assert blank_asides(text) == blanked
    assert len(blank_asides(text)) == len(text)


@pytest.mark.parametrize("text", KEPT)
def test_other_brackets_are_kept(text):
    assert blank_asides(text) == text


def _facts(text: str) -> dict[tuple[str, str, str], dict]:
    from pipeline.entities import iter_parsed
    from pipeline.nlp import default_model_name

    [(_article, doc, record)] = list(iter_parsed([{"id": "a", "text": text}], default_model_name()))
    found = extract_relations(doc, record)
    names = {e["key"]: e["name"] for e in record["entities"] + found["entities"]}
    return {(names[r["subject"]], r["predicate"], names[r["object"]]): r for r in found["relations"] if is_fact(r)}


@pytest.mark.parametrize("text, fact", [
    # a ";" inside the bracket made the parser end the sentence before "is"
    ("William Ruto (/ˈruːtoʊ/ ROO-toh; born 21 December 1966) is the fifth and current President of Kenya, "
     "having taken office in 2022.", ("William Ruto", "leaderOf", "Kenya")),
    ("Viktor Orbán (Hungarian: [ˈviktor ˈorbaːn]; born 31 May 1963) has been Prime Minister of Hungary since 2010.",
     ("Viktor Orbán", "leaderOf", "Hungary")),
])
def test_a_lead_sentence_with_a_pronunciation_bracket_keeps_its_subject(text, fact):
    facts = _facts(text)
    assert fact in facts, facts
    assert facts[fact]["sentence"] == text  # evidence quotes the article, bracket and all


def test_a_citation_marker_does_not_split_a_title_from_its_state():
    text = "Andriy Sadovyi[3] has served as mayor of Lviv[4] since 2006."
    facts = _facts(text)
    assert ("Andriy Sadovyi", "leaderOf", "Lviv") in facts, facts
