"""Office boxes of reference-work pages: an infobox flattened to text by extraction."""
from __future__ import annotations

from pipeline.entities import extract_entities
from pipeline.infobox import office_boxes
from pipeline.ingest import unwrap_lines
from pipeline.relations import extract_relations, is_fact

BOX = """Amara Okonjo
President of Zambia
In office
2 March 1991 – 4 May 2001
Vice PresidentTobias Mwale
Preceded byKenneth Lungu
Succeeded byFrederick Banda (interim)
Chairman of the United Progress Party
In office
1 January 1985 – 2 March 1991
Preceded by Position established
Succeeded by Peter Chileshe
Minister of Finance
In office
1980 – 1985
PresidentKenneth Lungu
Preceded byJohn Phiri
Succeeded byMary Zulu

Amara Okonjo (born 1950) is a Zambian politician who trained as a lawyer."""


def _leader_facts(nlp, text: str) -> set[tuple[str, str]]:
    doc = nlp(text)
    record = extract_entities(doc)
    found = extract_relations(doc, record)
    names = {e["key"]: e["name"] for e in record["entities"] + found["entities"]}
    return {(names[r["subject"]], names[r["object"]]) for r in found["relations"]
            if r["predicate"] == "leaderOf" and is_fact(r)}


def test_glued_labels_are_split_from_their_value(nlp) -> None:
    words = [t.text for t in nlp.make_doc("Preceded byJosé Linhares\nVice PresidentCafé Filho\nSucceeded byHồ Chí Minh")]
    assert words[:4] == ["Preceded", "by", "José", "Linhares"], words
    assert "Café" in words and "Hồ" in words, words
    assert [t.text for t in nlp.make_doc("a byway near Presidential Drive")] == ["a", "byway", "near", "Presidential",
                                                                                 "Drive"]


def test_an_infobox_gives_its_offices_holders(nlp) -> None:
    """The page's person, predecessors and successors held a leader's office of the box; a vice president, a
    minister's predecessors and "Position established" lead nothing."""
    boxes = office_boxes(nlp(BOX))
    assert [b.office.text for b in boxes] == ["President of Zambia", "Chairman of the United Progress Party",
                                              "Minister of Finance"]
    assert {b.holder.text for b in boxes} == {"Amara Okonjo"}
    assert [n.text for n in boxes[0].successions] == ["Kenneth Lungu", "Frederick Banda"]
    assert [n.text for n in boxes[1].successions] == ["Peter Chileshe"]
    facts = _leader_facts(nlp, BOX)
    assert {("Amara Okonjo", "Zambia"), ("Kenneth Lungu", "Zambia"), ("Frederick Banda", "Zambia"),
            ("Amara Okonjo", "United Progress Party"), ("Peter Chileshe", "United Progress Party")} <= facts, facts
    led_by = {person for person, _led in facts}
    assert not led_by & {"Tobias Mwale", "John Phiri", "Mary Zulu"}, facts
    assert not any("Position" in person for person in led_by), facts


def test_a_role_line_in_a_states_box_gives_the_state_its_head(nlp) -> None:
    text = ("Lena Haugen\nPresident of Iceland\nIn office\n1 August 1996 – 1 August 2004\nPrime Minister Olaf "
            "Berg\nSigrid Dahl\nPreceded by Jon Eriksen\n\nLena Haugen is an Icelandic teacher.")
    facts = _leader_facts(nlp, text)
    assert {("Olaf Berg", "Iceland"), ("Sigrid Dahl", "Iceland"), ("Jon Eriksen", "Iceland")} <= facts, facts


def test_lines_extraction_ran_together_still_end_names_at_labels(nlp) -> None:
    """"... Assumed office 9 March 2004 Preceded byIgor Petrov Ambassador of Russia to the United Nations In
    office ...": a minister's and an ambassador's predecessors lead nothing, and no name runs on into a label."""
    text = ("Pavel Sokolov Minister of Foreign Affairs Assumed office 9 March 2004 Preceded byIgor Petrov Ambassador "
            "of Russia to the United Nations In office 1994 – 2004 Preceded byYuri Orlov Succeeded byAnton Belov "
            "Personal details Born 1950\n\nPavel Sokolov is a Russian diplomat.")
    facts = _leader_facts(nlp, text)
    assert not facts, facts
    boxes = office_boxes(nlp(text))
    assert [n.text for b in boxes for n in b.successions] == ["Igor Petrov", "Yuri Orlov", "Anton Belov"]


def test_an_infobox_is_not_taken_for_hard_wrapped_lines() -> None:
    """Its label lines end in a name, a date or a bracket, not in the middle of a sentence: they stay lines."""
    assert unwrap_lines(BOX) == BOX
