"""The parse repairs: systematic errors of the small model mended before any rule reads the tree."""
from __future__ import annotations

import pytest

from pipeline.entities import extract_entities
from pipeline.relations import extract_relations, is_fact


def named_facts(nlp, text: str) -> set[tuple[str, str, str]]:
    doc = nlp(text)
    entities = extract_entities(doc)
    relations = extract_relations(doc, entities)
    names = {e["key"]: e["name"] for e in entities["entities"] + relations["entities"]}
    return {(names[r["subject"]], r["predicate"], names[r["object"]]) for r in relations["relations"] if is_fact(r)}


def test_a_second_clauses_subject_is_its_own(nlp) -> None:
    doc = nlp("Russia supplied fighter jets to Mali and Turkey sold drones to Niger.")
    turkey = next(t for t in doc if t.text == "Turkey")
    assert (turkey.dep_, turkey.head.text) == ("nsubj", "sold")
    joiner = next(t for t in doc if t.text == "and")
    assert joiner.head.text == "supplied"
    assert len(list(doc.sents)) == 1


@pytest.mark.parametrize("text, verb", [
    ("Botswana followed with a contingent of 296 and South Africa deployed 1,500 soldiers.", "deployed"),
    ("Lesotho followed with a contingent of 125 and South Africa sent 1,000 troops.", "sent"),
])
def test_a_name_taken_for_the_first_clauses_prepositional_object_is_the_next_verbs_subject(nlp, text, verb) -> None:
    doc = nlp(text)
    africa = next(t for t in doc if t.text == "Africa")
    assert (africa.dep_, africa.head.text) == ("nsubj", verb)
    number = next(t for t in doc if t.like_num and t.i < africa.i)
    assert number.head.text == "of"  # the count stays in the first clause


@pytest.mark.parametrize("text, expected, wrong", [
    ("Russia supplied fighter jets to Mali and Turkey sold drones to Niger.",
     ("Turkey", "suppliesWeaponsTo", "Niger"), ("Russia", "suppliesWeaponsTo", "Turkey")),
    ("China sold J-10C jets to Pakistan and Russia delivered Su-30 fighters to Myanmar.",
     ("Russia", "suppliesWeaponsTo", "Myanmar"), ("China", "suppliesWeaponsTo", "Russia")),
    ("France has deployed troops to Estonia and Britain has sent tanks to Poland.",
     ("United Kingdom", "suppliesWeaponsTo", "Poland"), ("France", "suppliesWeaponsTo", "Poland")),
])
def test_each_clause_keeps_its_own_parties(nlp, text: str, expected: tuple, wrong: tuple) -> None:
    facts = named_facts(nlp, text)
    assert expected in facts
    assert wrong not in facts


@pytest.mark.parametrize("text", [
    "Russia bought drones and sent them to Mali.",  # one subject for both verbs
    "Germany sent tanks to Poland, Lithuania and Latvia, officials said.",
])
def test_shared_subjects_and_lists_are_left_as_parsed(nlp, text: str) -> None:
    doc = nlp(text)
    subjects = [t.text for t in doc if t.dep_ == "nsubj"]
    assert subjects[0] in {"Russia", "Germany"}
    assert not any(t.dep_ == "nsubj" and t.head.dep_ == "conj" for t in doc)


def test_a_reduced_relative_read_as_a_clause_gives_the_object_back(nlp) -> None:
    text = ("The Peruvian army displayed its new T-90 combat tanks bought from Russia in an arms exhibition opened "
            "Monday in Lima.")
    doc = nlp(text)
    tanks = next(t for t in doc if t.text == "tanks")
    assert (tanks.dep_, tanks.head.text) == ("dobj", "displayed")
    assert ("Russia", "suppliesWeaponsTo", "Peru") in named_facts(nlp, text)


def test_a_clause_of_its_own_after_an_intransitive_verb_is_left_as_parsed(nlp) -> None:
    doc = nlp("The minister left early when the troops arrived in Lima.")
    troops = next(t for t in doc if t.text == "troops")
    assert troops.dep_ == "nsubj" and troops.head.text == "arrived"


def test_lemmatizer_slips_are_mended(nlp) -> None:
    """The model lemmatizes "installed" as "instal" and "chairing" as itself; the lexicon's forms get
    the verb's lemma, so "was installed as president" is read like "was sworn in as president"."""
    doc = nlp("The junta installed Amadou Diallo as president while Fatou Sow was chairing the council.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["installed"] == "install" and lemmas["chairing"] == "chair", lemmas


def test_a_makers_name_without_its_hyphen_describes_the_noun_after_it(nlp) -> None:
    """"took over the two China built patrol vessels": read as "China-built", not as the clause "China built
    vessels"; a clause with its own object phrase ("the two Japan made the deal") is left as parsed."""
    doc = nlp("The Sri Lankan navy last week took over the two China built patrol vessels.")
    built = next(t for t in doc if t.text == "built")
    assert (built.dep_, built.head.text, built.head.head.text) == ("amod", "vessels", "took")
    doc = nlp("Analysts said the two Japan made the deal together.")
    made = next(t for t in doc if t.text == "made")
    assert made.dep_ != "amod"


def test_a_model_code_read_as_a_preposition_modifies_its_noun(nlp) -> None:
    """"delivered Su-35 jets": the model may read "Su-35" as a preposition with "jets" its object."""
    doc = nlp("Russia delivered Su-35 jets to Iran.")
    code, jets = doc[2], doc[3]
    assert (code.dep_, code.head.text) == ("compound", "jets") and (jets.dep_, jets.head.text) == ("dobj", "delivered")


def test_a_noun_apposed_after_a_bracketed_aside_is_the_names(nlp) -> None:
    """"Karl Daimler, (born 1901, Ulm—died 1970, Bonn), leader of the party": the parser hangs the title on
    a word inside the brackets; it is apposed to the name before them, and read as his title. A noun after
    a bracket with no name before it is left as parsed."""
    text = "Karl Daimler, (born March 2, 1901, Ulm—died May 5, 1970, Bonn), leader of the Free Workers' Party."
    doc = nlp(text)
    leader = next(t for t in doc if t.text == "leader")
    assert (leader.dep_, leader.head.text) == ("appos", "Daimler")
    assert ("Karl Daimler", "leaderOf", "Free Workers' Party") in named_facts(nlp, text)
    doc = nlp("The vote (held on 2 May, after a delay), a setback for the party, was annulled.")
    setback = next(t for t in doc if t.text == "setback")
    assert setback.head.text != "vote" or setback.head.i < setback.i
