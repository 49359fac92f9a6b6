"""leaderOf rules: a person with a leader title, and the state or organisation the title is of.

"President X of Y", "Y's leader X", "X, the prime minister of Y", "Y President X", "Hamas leader X";
ministers, advisers and spokespeople are not leaders of the state (``titles.json``).
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Span, Token

from pipeline import lexicons
from pipeline.relations import (LEADABLE_TYPES, ArticleContext, Mention, _children, _lex, _prep_objects,
                                resolve_arg)


def leader_mentions(ctx: ArticleContext, sentence: Span) -> Iterator[Mention]:
    """leaderOf from titles in front of, around or apposed to a person's name."""
    title_words = lexicons.titles()
    people = {}
    for start, end, key in ctx.mentions:
        if ctx.types.get(key) == "Person" and sentence.start <= start < sentence.end:
            people.setdefault(key, []).append(ctx.doc[start:end])
    for person, spans in people.items():
        for span in spans:
            for led, confidence, trigger in _titled_leads(ctx, span, title_words):
                if led == person or ctx.type_of(led) not in LEADABLE_TYPES:
                    continue
                ctx.leaders.setdefault(person, led)
                yield Mention(person, "leaderOf", led, sentence, trigger, confidence)


def _title_phrase(span: Span) -> list[Token]:
    """Tokens of the title attached to a person's name: left modifiers or an apposed title noun."""
    doc = span.doc
    head = span.root
    tokens: list[Token] = []
    i = span.start - 1
    while i >= span.sent.start:
        token = doc[i]
        if token.dep_ in {"compound", "amod", "nmod", "poss", "case", "punct", "det", "npadvmod"} or token.head.i >= span.start and token.head.i < span.end or token.head.i > i and token.head.i < span.end:
            if token.text in {",", "(", ")", "and"} or token.pos_ == "VERB":
                break
            tokens.insert(0, token)
            i -= 1
            continue
        break
    appositive = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        appositive.append(head.head)
    for noun in appositive:
        tokens.extend(t for t in noun.subtree if t.i < noun.i + 1 or t.dep_ in {"prep", "pobj", "compound"})
        tokens.extend(t for t in noun.subtree if t not in tokens)
    return tokens


def _leader_title(words: list[str], title_words: dict) -> tuple[bool, str | None]:
    """Is the title phrase (lower-cased words) a leader title? Returns (is_leader, matched title)."""
    text = " ".join(w for w in words if w not in {"'s", "’s", "the", "a", ","}).replace("-", " ")
    padded = f" {text} "
    matched = None
    for title in sorted(title_words["leader_titles"], key=lambda t: (-len(t), t)):
        if f" {title.replace('-', ' ')} " in padded:
            matched = title
            break
    if matched is None:
        return False, None
    rest = padded.replace(f" {matched.replace('-', ' ')} ", " ", 1).split()
    blocking = title_words["non_leader_titles"] | title_words["vice_titles"]
    blocking_modifiers = {"defence", "defense", "foreign", "finance", "interior", "deputy", "vice", "former",
                          "first", "assistant", "national", "security", "opposition", "regional", "provincial"}
    if any(w in blocking for w in rest) or any(w in blocking_modifiers - {"former", "first"} for w in rest):
        return False, matched
    return True, matched


def _titled_leads(ctx: ArticleContext, span: Span, title_words: dict) -> Iterator[tuple[str, float, Token]]:
    phrase = _title_phrase(span)
    words = [t.lower_ for t in phrase if ctx.entity(t) is None]
    is_leader, matched = _leader_title(words, title_words)
    if not is_leader:
        return
    trigger = next((t for t in phrase if t.lower_ in matched.split()), span.root)
    led: list[tuple[str, float]] = []
    for token in phrase:
        key = ctx.entity(token)
        if key and ctx.type_of(key) in LEADABLE_TYPES:
            led.append((key, 0.9))
    for token in (span.root, trigger):
        for obj in _prep_objects(token, {"of"}):
            key, factor = resolve_arg(ctx, obj, LEADABLE_TYPES)
            if key:
                led.append((key, 0.9 * factor))
        for poss in _children(token, {"poss"}):
            key, factor = resolve_arg(ctx, poss, LEADABLE_TYPES)
            if key:
                led.append((key, 0.9 * factor))
    if not led and matched in title_words["state_head_titles"]:
        fallback = _speaker_country(ctx, span)
        if fallback:
            led.append((fallback, 0.6))
    seen = set()
    for key, confidence in led:
        if key not in seen:
            seen.add(key)
            yield key, confidence, trigger
            break  # one organisation per title


def _speaker_country(ctx: ArticleContext, span: Span) -> str | None:
    """For "..., Prime Minister X said": the country that is the subject of what X said."""
    verb = span.root.head
    if span.root.dep_ != "nsubj" or verb.lemma_.lower() not in _lex("attribution_verbs"):
        return None
    for clause in _children(verb, {"ccomp"}) + ([verb.head] if verb.dep_ in {"parataxis", "ccomp"} else []):
        for subject in _children(clause, {"nsubj", "nsubjpass"}):
            key = ctx.entity(subject)
            if key and ctx.type_of(key) == "Country":
                return key
    return None
