"""Repairs of dependency-parse errors the small English model makes systematically.

``newskg_clause_repairs`` runs after the parser, the attribute ruler (which sets the coarse POS) and the
lemmatizer. It only moves heads inside one sentence's tree,
so sentence boundaries, tokens and entities stay as they were; every later rule reads the
repaired tree.

* Two coordinated clauses, each with its own subject ("Russia supplied jets to Mali and Turkey
  sold drones to Niger"): the model often takes the second subject for one more conjunct of the
  first clause's last noun ("Mali and Turkey") and leaves the second verb without a subject. The
  noun phrase right before a finite conjoined verb that has no subject is that verb's subject.
* A reduced relative read as a clause of its own ("displayed its tanks bought from Russia in an
  exhibition opened Monday": "tanks" taken as the subject of "opened"): the noun is the object of the
  verb before it, the participle describes the noun right before it.
* Verbs with a hyphenated prefix the tokenizer keeps whole ("re-elected", lexicon
  ``prefixed_verbs.json``) get their lemma ("reelect"); the lemmatizer does not know them. Nor does it
  know a few plain forms (lexicon ``lemmas.json``: "installed" is not "instal").
"""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from pipeline import lexicons

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
FINITE_TAGS = {"VBD", "VBZ", "VBP"}
FINITE_AUX_TAGS = {"MD", "VBD", "VBZ", "VBP"}
CLAUSE_CONJUNCTIONS = {"and", "but"}


def _is_finite(verb: Token) -> bool:
    """A verb that carries tense itself ("sold") or through an auxiliary ("has sent", "will send")."""
    if verb.tag_ in FINITE_TAGS:
        return True
    return any(c.dep_ in {"aux", "auxpass"} and c.tag_ in FINITE_AUX_TAGS for c in verb.children)


def _stolen_subject(verb: Token) -> Token | None:
    """The noun the parser hung on the previous clause although it is ``verb``'s subject, if any.

    ``verb`` is a finite conjoined verb with no subject; the phrase right before it is a noun
    conjunct ("Mali and Turkey") introduced by "and"/"but", inside the first clause.
    """
    if verb.dep_ not in {"conj", "advcl"} or verb.pos_ not in {"VERB", "AUX"} or verb.head.pos_ not in {"VERB", "AUX"}:
        return None
    if any(c.dep_ in SUBJECT_DEPS | {"mark"} for c in verb.children) or not _is_finite(verb):
        return None
    before = verb.left_edge.i - 1
    if before < verb.sent.start + 1:
        return None
    noun = verb.doc[before]
    if noun.pos_ == "PROPN" and (noun.dep_ == "pobj" or (noun.dep_ == "conj" and noun.head.pos_ == "NUM")) \
            and noun.right_edge.i == before and verb.head.is_ancestor(noun):
        # "Botswana followed with a contingent of 296 and South Africa deployed 1,500 soldiers": a name
        # after "and", taken for the object of the first clause's last preposition (or a conjunct of its number)
        joiner = _joiner(noun)
        return noun if joiner.dep_ == "cc" and joiner.lower_ in CLAUSE_CONJUNCTIONS else None
    if verb.dep_ != "conj":
        return None
    if noun.dep_ != "conj" or noun.pos_ not in {"PROPN", "NOUN"} or noun.right_edge.i != before:
        return None
    first = noun.head
    if first.i >= noun.i or first.pos_ not in {"PROPN", "NOUN"} or not verb.head.is_ancestor(first):
        return None
    joiner = _joiner(noun)
    if joiner.dep_ != "cc" or joiner.lower_ not in CLAUSE_CONJUNCTIONS or joiner.head != first:
        return None
    if len(noun.conjuncts) > 1:
        return None  # "in Estonia, Latvia and Poland made up of ...": a real list, left as parsed
    return noun


def _joiner(noun: Token) -> Token:
    """The word right before a noun and its compound modifiers ("and" in "... and South Africa")."""
    start = noun.i
    while start > 0 and noun.doc[start - 1].dep_ == "compound" and noun.doc[start - 1].head == noun:
        start -= 1
    return noun.doc[start - 1]


CLAUSE_TAKING_VERBS = frozenset({"say", "tell", "think", "believe", "know", "report", "claim", "announce", "add",
                                 "note", "warn", "state", "show", "suggest", "insist", "argue", "confirm", "deny",
                                 "hope", "expect", "fear", "feel", "see", "hear", "find", "ensure", "mean"})


def _garden_path_object(verb: Token) -> Token | None:
    """The object a transitive verb lost to a reduced relative read as a clause: "displayed its tanks bought
    from Russia in an exhibition opened Monday" parsed with "tanks" the subject of "opened"."""
    if verb.dep_ not in {"advcl", "ccomp"} or verb.tag_ != "VBD" or verb.head.pos_ != "VERB" or verb.head.i > verb.i:
        return None
    main = verb.head
    if main.lemma_.lower() in CLAUSE_TAKING_VERBS or any(
            c.dep_ in {"dobj", "ccomp", "xcomp", "attr", "nsubjpass", "auxpass"} and c != verb for c in main.children):
        return None
    if any(c.dep_ in {"mark", "aux", "auxpass", "dobj", "neg"} for c in verb.children):
        return None  # ("... when the police arrived", "... and troops had left"): a clause of its own
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if len(subjects) != 1:
        return None
    noun = subjects[0]
    if noun.pos_ not in {"NOUN", "PROPN"} or noun.left_edge.i != main.i + 1 + sum(
            1 for c in main.children if c.dep_ == "prt" and c.i == main.i + 1):
        return None
    attach = verb.doc[verb.i - 1]  # the noun the participle describes ("an exhibition opened Monday")
    if attach.pos_ not in {"NOUN", "PROPN"} or not noun.is_ancestor(attach):
        return None
    return noun


def repair_garden_paths(doc: Doc) -> int:
    """Give a transitive verb back the object a following reduced relative took as its subject."""
    repaired = 0
    for verb in [t for t in doc if t.dep_ in {"advcl", "ccomp"}]:
        noun = _garden_path_object(verb)
        if noun is None:
            continue
        attach = doc[verb.i - 1]
        noun.head, noun.dep_ = verb.head, "dobj"
        verb.head, verb.dep_ = attach, "acl"
        repaired += 1
    return repaired


NOUN_PHRASE_OPENERS = frozenset({"det", "nummod", "amod", "poss", "predet"})


def repair_unhyphenated_makers(doc: Doc) -> int:
    """"received the two China made submarines": a maker's name and a participle without their hyphen,
    inside a noun phrase, parsed as a clause ("China made submarines"). The participle describes the noun
    after it, as in "China-made submarines", and the noun is the object of the verb before."""
    repaired = 0
    makers = lexicons.triggers()["supply_adjectives"]  # ("made", "built", "supplied", ...)
    for verb in [t for t in doc if t.lower_ in makers and t.dep_ in {"ccomp", "xcomp", "advcl"}]:
        maker = doc[verb.i - 1] if verb.i > 0 else None
        noun = next((c for c in verb.children if c.dep_ == "dobj" and c.left_edge.i == verb.i + 1
                     and not any(d.dep_ in {"det", "poss"} for d in c.lefts)), None)  # (not "... made the deal")
        if maker is None or noun is None or maker.pos_ != "PROPN" or maker.head != verb or maker.dep_ != "nsubj":
            continue
        opener = doc[maker.i - 1] if maker.i > verb.sent.start else None  # ("the two China made ...")
        if opener is None or opener.dep_ not in NOUN_PHRASE_OPENERS or opener.head not in {maker, noun}:
            continue
        if verb.head.pos_ not in {"VERB", "AUX"} or any(c.dep_ == "dobj" for c in verb.head.children):
            continue
        noun.head, noun.dep_ = verb.head, "dobj"
        verb.head, verb.dep_ = noun, "amod"
        for child in [c for c in maker.lefts if c.dep_ in NOUN_PHRASE_OPENERS]:
            child.head = noun  # ("the two": the submarines')
        maker.dep_ = "npadvmod"
        repaired += 1
    return repaired


def _model_code(token: Token) -> bool:
    """A weapon's model code ("Su-35", "F-16", "J-10C", "MiG-29"): letters, a hyphen, digits."""
    head, _, tail = token.text.partition("-")
    return bool(head) and head[0].isupper() and head.isalpha() and bool(tail) and tail[0].isdigit()


def repair_model_codes(doc: Doc) -> int:
    """"Russia delivered Su-35 jets to Iran": the model reads a model code before its noun as a preposition
    ("Su-35" + object "jets"); the code is the noun's modifier and the noun the verb's object."""
    repaired = 0
    for code in [t for t in doc if t.dep_ == "prep" and _model_code(t)]:
        noun = next((c for c in code.children if c.dep_ == "pobj" and c.i > code.i and c.pos_ in {"NOUN", "PROPN"}), None)
        verb = code.head
        if noun is None or verb.pos_ != "VERB" or any(c.dep_ == "dobj" for c in verb.children):
            continue
        if any(doc[i].pos_ not in {"NOUN", "PROPN", "ADJ", "NUM"} for i in range(code.i + 1, noun.i)):
            continue
        noun.head, noun.dep_ = verb, "dobj"
        code.head, code.dep_, code.pos_, code.tag_ = noun, "compound", "PROPN", "NNP"
        repaired += 1
    return repaired


def repair_clause_subjects(doc: Doc) -> int:
    """Give subjectless conjoined clauses back the subject the parser attached to the clause
    before; returns how many were repaired."""
    repaired = 0
    for verb in [t for t in doc if t.dep_ in {"conj", "advcl"}]:
        noun = _stolen_subject(verb)
        if noun is None:
            continue
        joiner = _joiner(noun)
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        for child in [c for c in noun.children if c.i < joiner.i]:  # ("of 296 and South Africa": 296 stays)
            child.head, child.dep_ = noun.head, "pobj" if noun.dep_ == "pobj" else child.dep_
        noun.head = verb
        noun.dep_ = "nsubjpass" if passive else "nsubj"
        joiner.head = verb.head  # the "and" now joins the two clauses
        repaired += 1
    return repaired


def repair_regnal_pronouns(doc: Doc) -> int:
    """"Margaret I was Queen of Denmark": the model reads the regnal numeral "I" as the pronoun subject and
    the name as an adverbial noun. The name is the subject; the numeral is part of it."""
    repaired = 0
    for numeral in [t for t in doc[1:] if t.text == "I" and t.dep_ in {"nsubj", "nsubjpass"}]:
        name = doc[numeral.i - 1]
        if name.pos_ != "PROPN" or not name.is_title or name.head != numeral.head or \
                name.dep_ not in {"npadvmod", "nsubj", "nmod", "compound", "dep"}:
            continue
        name.dep_ = numeral.dep_
        numeral.head, numeral.dep_, numeral.pos_, numeral.tag_ = name, "nummod", "PROPN", "NNP"
        repaired += 1
    return repaired


def _bracket_before(doc: Doc, start: int) -> tuple[int, int] | None:
    """(opening, closing) of the bracketed aside that ends right before ``start`` behind a comma
    ("... (born 1890, Linz—died 1961, Vienna), <start>"), if there is one."""
    i = start - 1
    while i > 0 and doc[i].is_space:
        i -= 1
    if i < 1 or doc[i].text != ",":
        return None
    closing = i - 1
    while closing > 0 and doc[closing].is_space:
        closing -= 1
    if doc[closing].text != ")":
        return None
    opening = next((j for j in range(closing - 1, max(closing - 40, -1), -1) if doc[j].text in {"(", ")"}), None)
    return (opening, closing) if opening is not None and doc[opening].text == "(" else None


def repair_bracketed_appositions(doc: Doc) -> int:
    """"Ottokar Brunnhuber, (born 1890, Linz—died 1961, Vienna), chairman of the party": a noun apposed
    after a bracketed aside, which the parser hung on a word inside the brackets. It is apposed to the
    name right before the brackets."""
    repaired = 0
    for noun in [t for t in doc if t.dep_ == "appos" and t.pos_ in {"NOUN", "PROPN"}]:
        bracket = _bracket_before(doc, noun.left_edge.i)
        if bracket is None or not bracket[0] < noun.head.i < bracket[1]:
            continue
        anchor = bracket[0] - 1
        while anchor > noun.sent.start and (doc[anchor].is_space or doc[anchor].text == ","):
            anchor -= 1
        name = doc[anchor]
        while name.dep_ in {"compound", "flat"} and name.i < name.head.i < bracket[0]:
            name = name.head
        if name.pos_ != "PROPN" or name.i < noun.sent.start or noun.is_ancestor(name):
            continue
        noun.head = name
        repaired += 1
    return repaired


@lru_cache(maxsize=1)
def _verb_lemmas() -> dict[str, str]:
    """Verb form -> lemma for the forms the lemmatizer misses: hyphen-prefixed verbs and its slips."""
    return {**lexicons.prefixed_verbs(), **lexicons.lemma_repairs()}


@Language.component("newskg_clause_repairs")
def clause_repairs(doc: Doc) -> Doc:
    """Pipeline component: prefixed verbs' lemmas and the lemmatizer's slips ("installed" -> "install"),
    then :func:`repair_clause_subjects`, :func:`repair_garden_paths`, :func:`repair_unhyphenated_makers`,
    :func:`repair_model_codes`, :func:`repair_bracketed_appositions` and :func:`repair_regnal_pronouns`."""
    lemmas = _verb_lemmas()
    for token in doc:
        lemma = lemmas.get(token.lower_)
        if lemma:
            token.lemma_ = lemma
    repair_clause_subjects(doc)
    repair_garden_paths(doc)
    repair_unhyphenated_makers(doc)
    repair_model_codes(doc)
    repair_bracketed_appositions(doc)
    repair_regnal_pronouns(doc)
    return doc
