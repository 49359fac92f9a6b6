"""Extraction quality: score a produced graph against gold passages (``newskg eval``).

The rules are those of ``../shared/eval/README.md``:

* A prediction is a relation mention of the graph (``rdf:subject`` / ``rdf:predicate`` /
  ``rdf:object``, ``prov:wasDerivedFrom`` an article whose ``dcterms:identifier`` is a gold passage
  id) that is not ``nkg:negated true`` and whose ``nkg:confidence`` is at least the threshold (0.5).
* Entities are named by their ``rdfs:label`` / ``skos:altLabel``: the first label (in sorted,
  normalised order) that the alias table knows gives the entity's canonical name, else its first
  label. Names compare case-insensitively, with curly apostrophes straightened and spaces collapsed.
* Facts are compared per passage and per relation, as sets. A deploys object matches when it is
  the gold object or when the gold object's head word is one of its words ("patriot batteries" ~
  "patriot"); generic personnel nouns ("soldiers", "forces", "personnel" ...) all fold into
  "troops". Predictions are matched in sorted order to the first unmatched gold fact (in sorted
  order); a prediction that matches no gold fact but an ``optional`` one counts neither way.
* P/R/F1 per relation and micro-averaged over the three relations.

Besides the scores, :func:`score_graph` reports argument recall (are the gold arguments found as
entities of the passage at all?), precision and recall at several confidence thresholds, and
every false positive (with its evidence sentences) and miss (with the passage sentences that name
both arguments), so a developer sees why.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

RELATIONS = ("leaderOf", "suppliesWeaponsTo", "deploys")
FACT_THRESHOLD = 0.5
THRESHOLDS = (0.5, 0.7, 0.9)
MAX_SHOWN_SENTENCES = 3  # sentences shown per miss in the printed report (the JSON has them all)
NKG_NEGATED = URIRef("https://w3id.org/newskg/ontology#negated")
NKG_CONFIDENCE = URIRef("https://w3id.org/newskg/ontology#confidence")
NKG_EVIDENCE = URIRef("https://w3id.org/newskg/ontology#evidence")
NKG_MENTIONED_IN = URIRef("https://w3id.org/newskg/ontology#mentionedIn")

PERSONNEL_NOUNS = frozenset({"troops", "troop", "soldiers", "soldier", "forces", "force", "personnel",
                             "contingent", "servicemen", "servicemembers", "service members"})
"""Generic personnel nouns: as a deployed object they all count as "troops"."""

PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "we", "us",
                      "i", "you", "who", "which", "this", "that"})

Fact = tuple[str, str, str]


# --------------------------------------------------------------------------- #
# Names
# --------------------------------------------------------------------------- #

def normalise_name(text: str) -> str:
    """A name as compared: lower case, curly apostrophe straightened, whitespace collapsed."""
    return " ".join(text.lower().replace("\u2019", "'").split())


def fold_deployed(name: str) -> str:
    """A deployed object with a generic personnel head noun folded into ``troops``."""
    words = name.replace("-", " ").split()
    if words and (words[-1] in PERSONNEL_NOUNS or " ".join(words[-2:]) in PERSONNEL_NOUNS):
        return "troops"
    return name


def same_fact(relation: str, predicted: Fact, gold: Fact) -> bool:
    """Whether a normalised predicted fact matches a normalised gold fact of ``relation``."""
    if predicted[0] != gold[0]:
        return False
    if predicted[2] == gold[2]:
        return True
    if relation != "deploys" or not gold[2].split():
        return False
    return gold[2].split()[-1] in predicted[2].replace("-", " ").split()


def local_name(iri: str) -> str:
    """The last path or fragment segment of an IRI (``nkg:leaderOf`` -> ``leaderOf``)."""
    return iri.rstrip("/#").replace("#", "/").rsplit("/", 1)[-1]


@dataclass
class NameTable:
    """Gold canonical names and their aliases, looked up by normalised surface form."""

    canonical: dict[str, str] = field(default_factory=dict)  # normalised surface -> canonical name

    @classmethod
    def from_aliases(cls, aliases: dict[str, list[str]]) -> "NameTable":
        """The table of an aliases file (canonical -> other names); the first canonical claiming a name wins."""
        table: dict[str, str] = {}
        for canonical, others in aliases.items():
            for name in [canonical, *others]:
                table.setdefault(normalise_name(name), canonical)
        return cls(table)

    def resolve(self, name: str) -> str:
        """The canonical name of a (gold) name, or the name itself when unknown."""
        return self.canonical.get(normalise_name(name), name)

    def surfaces(self, canonical: str) -> set[str]:
        """Every normalised name that resolves to ``canonical`` (itself included)."""
        return {surface for surface, canon in self.canonical.items() if canon == canonical} | {
            normalise_name(canonical)}


def load_gold(path: str | Path) -> list[dict]:
    """The gold passages of a JSON Lines file."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_aliases(path: str | Path | None) -> dict[str, list[str]]:
    """An aliases file (canonical name -> other names), or no aliases."""
    if not path:
        return {}
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def default_aliases_path(gold_path: str | Path) -> Path | None:
    """The conventional aliases file beside a gold file, if there is one.

    ``dev.jsonl`` -> ``aliases.json``; ``realnews-dev.jsonl`` -> ``realnews-aliases-dev.json``;
    ``redocred-leaders-dev.jsonl`` -> ``redocred-leaders-aliases-dev.json``, else
    ``redocred-aliases-dev.json`` (trailing name parts dropped one by one).
    """
    gold = Path(gold_path)
    stem, folder = gold.stem, gold.parent
    candidates: list[str] = []
    if "-" in stem:
        base, split = stem.rsplit("-", 1)
        parts = base.split("-")
        candidates += [f"{'-'.join(parts[:n])}-aliases-{split}.json" for n in range(len(parts), 0, -1)]
        candidates.append(f"{stem}-aliases.json")
    else:
        candidates += [f"{stem}-aliases.json", "aliases.json"]
    for name in candidates:
        if (folder / name).is_file():
            return folder / name
    return None


# --------------------------------------------------------------------------- #
# Reading the graph
# --------------------------------------------------------------------------- #

@dataclass(frozen=True)
class Mention:
    """One relation mention of the graph, with the canonical names of its arguments."""

    passage: str
    relation: str
    subject: str  # canonical (gold) name, or the entity's first label
    object: str
    negated: bool
    confidence: float | None
    evidence: str
    subject_label: str = ""  # the names shown to people: canonical name, else the entity's rdfs:label
    object_label: str = ""

    def counts_at(self, threshold: float) -> bool:
        """Whether the mention is a prediction at this confidence threshold."""
        return not self.negated and (self.confidence is None or self.confidence >= threshold)


def entity_labels(graph: Graph) -> dict[URIRef, list[str]]:
    """Normalised ``rdfs:label`` and ``skos:altLabel`` values of every node, sorted."""
    labels: dict[URIRef, set[str]] = defaultdict(set)
    for predicate in (RDFS.label, SKOS.altLabel):
        for node, label in graph.subject_objects(predicate):
            labels[node].add(normalise_name(str(label)))
    return {node: sorted(values) for node, values in labels.items()}


def entity_name(node: URIRef, labels: dict[URIRef, list[str]], names: NameTable) -> str:
    """An entity's canonical name: its first label the alias table knows, else its first label."""
    own = labels.get(node, [])
    for label in own:
        if label in names.canonical:
            return names.canonical[label]
    return own[0] if own else local_name(str(node))


def display_name(graph: Graph, node: URIRef, labels: dict[URIRef, list[str]], names: NameTable) -> str:
    """An entity's name as shown in reports: its canonical (gold) name, else its rdfs:label as written."""
    for label in labels.get(node, []):
        if label in names.canonical:
            return names.canonical[label]
    written = sorted(str(label) for label in graph.objects(node, RDFS.label))
    return written[0] if written else entity_name(node, labels, names)


def _is_true(value: Any) -> bool:
    return str(value).lower() in ("true", "1")


def _as_float(value: Any) -> float | None:
    try:
        return float(str(value))
    except ValueError:
        return None


def read_mentions(graph: Graph, passage_ids: Iterable[str], names: NameTable) -> list[Mention]:
    """Every relation mention of the gold passages (negated and low-confidence ones included)."""
    wanted = set(passage_ids)
    labels = entity_labels(graph)
    mentions: set[Mention] = set()
    for statement in set(graph.subjects(RDF.subject, None)):
        passages = {str(ident) for doc in graph.objects(statement, PROV.wasDerivedFrom)
                    for ident in graph.objects(doc, DCTERMS.identifier)} & wanted
        relations = {local_name(str(p)) for p in graph.objects(statement, RDF.predicate)} & set(RELATIONS)
        if not passages or not relations:
            continue
        negated_values = list(graph.objects(statement, NKG_NEGATED))
        negated = bool(negated_values) and all(_is_true(v) for v in negated_values)
        confidences = [c for c in (_as_float(v) for v in graph.objects(statement, NKG_CONFIDENCE)) if c is not None]
        confidence = max(confidences) if confidences else None
        evidence = " ".join(str(e) for e in sorted(graph.objects(statement, NKG_EVIDENCE)))
        for subject in graph.objects(statement, RDF.subject):
            for obj in graph.objects(statement, RDF.object):
                for passage in passages:
                    for relation in relations:
                        mentions.add(Mention(passage, relation, entity_name(subject, labels, names),
                                             entity_name(obj, labels, names), negated, confidence, evidence,
                                             display_name(graph, subject, labels, names),
                                             display_name(graph, obj, labels, names)))
    return sorted(mentions, key=lambda m: (m.passage, m.relation, m.subject, m.object, m.evidence))


# --------------------------------------------------------------------------- #
# Scoring
# --------------------------------------------------------------------------- #

def _key(relation: str, subject: str, obj: str) -> Fact:
    """A fact as compared: normalised names, deploys objects with personnel nouns folded."""
    obj_norm = normalise_name(obj)
    return (normalise_name(subject), relation, fold_deployed(obj_norm) if relation == "deploys" else obj_norm)


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    """Counts with precision, recall and F1 (rounded to three places; 0 when undefined)."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 3), "recall": round(recall, 3),
            "f1": round(f1, 3)}


def gold_facts(gold: list[dict], names: NameTable, field_name: str) -> dict[str, dict[Fact, Fact]]:
    """Per passage: compared key -> gold fact (canonical names) of ``relations`` or ``optional``."""
    out: dict[str, dict[Fact, Fact]] = defaultdict(dict)
    for passage in gold:
        for fact in passage.get(field_name) or []:
            triple = (names.resolve(fact["subject"]), fact["relation"], names.resolve(fact["object"]))
            out[passage["id"]].setdefault(_key(fact["relation"], triple[0], triple[2]), triple)
    return out


def score_mentions(mentions: list[Mention], gold: list[dict], names: NameTable,
                   threshold: float = FACT_THRESHOLD) -> dict[str, Any]:
    """Per relation and micro P/R/F1 of the mentions that count at ``threshold``.

    Returns ``{"scores", "passages", "false_positives", "misses"}``; each false positive carries the
    mentions behind it (evidence, confidence), each miss its gold fact.
    """
    ids = sorted({passage["id"] for passage in gold})
    expected = gold_facts(gold, names, "relations")
    optional = gold_facts(gold, names, "optional")
    predicted: dict[str, dict[Fact, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    for mention in mentions:
        if mention.counts_at(threshold):
            predicted[mention.passage][_key(mention.relation, mention.subject, mention.object)].append(mention)
    scores: dict[str, dict] = {}
    per_passage: dict[str, dict[str, int]] = {i: {"tp": 0, "fp": 0, "fn": 0} for i in ids}
    false_positives: list[dict] = []
    misses: list[dict] = []
    totals = [0, 0, 0]
    for relation in RELATIONS:
        tp = fp = fn = 0
        for passage in ids:
            keys = sorted(k for k in predicted[passage] if k[1] == relation)
            unmatched = sorted(k for k in expected[passage] if k[1] == relation)
            contested = [k for k in sorted(optional[passage]) if k[1] == relation]
            for key in keys:
                hit = next((g for g in unmatched if same_fact(relation, key, g)), None)
                if hit is not None:
                    tp += 1
                    per_passage[passage]["tp"] += 1
                    unmatched.remove(hit)
                elif not any(same_fact(relation, key, o) for o in contested):
                    fp += 1
                    per_passage[passage]["fp"] += 1
                    support = predicted[passage][key]
                    false_positives.append({
                        "passage": passage, "relation": relation,
                        "subject": support[0].subject_label, "object": support[0].object_label,
                        "key": list(key),
                        "mentions": [{"subject": m.subject_label, "object": m.object_label,
                                      "confidence": m.confidence, "evidence": m.evidence} for m in support]})
            fn += len(unmatched)
            per_passage[passage]["fn"] += len(unmatched)
            for key in unmatched:
                subject, _, obj = expected[passage][key]
                misses.append({"passage": passage, "relation": relation, "subject": subject, "object": obj,
                               "key": list(key)})
        scores[relation] = prf(tp, fp, fn)
        totals = [totals[0] + tp, totals[1] + fp, totals[2] + fn]
    scores["micro"] = prf(*totals)
    return {"scores": scores, "passages": per_passage, "false_positives": false_positives, "misses": misses}


# --------------------------------------------------------------------------- #
# Diagnostics: argument recall, sentences of the misses
# --------------------------------------------------------------------------- #

def passage_entities(graph: Graph) -> dict[str, set[URIRef]]:
    """Per article identifier: the entities ``nkg:mentionedIn`` it."""
    out: dict[str, set[URIRef]] = defaultdict(set)
    for doc, ident in graph.subject_objects(DCTERMS.identifier):
        for entity in graph.subjects(NKG_MENTIONED_IN, doc):
            out[str(ident)].add(entity)
    return out


def _label_matches(label: str, canonical: str, names: NameTable, deployed_object: bool) -> bool:
    """Whether one normalised entity label names the gold canonical entity (deploys rule for objects)."""
    as_named = normalise_name(names.canonical.get(label, label))
    target = normalise_name(canonical)
    if as_named == target:
        return True
    if not deployed_object:
        return False
    return same_fact("deploys", ("", "deploys", fold_deployed(as_named)), ("", "deploys", fold_deployed(target)))


def gold_arguments(gold: list[dict], names: NameTable) -> list[tuple[str, str, str, bool]]:
    """Distinct (passage, role, canonical name, is a deployed object) of the gold facts."""
    seen: dict[tuple[str, str, str, bool], None] = {}
    for passage in gold:
        for fact in passage.get("relations") or []:
            seen[(passage["id"], "subject", names.resolve(fact["subject"]), False)] = None
            deployed = fact["relation"] == "deploys"
            seen[(passage["id"], "object", names.resolve(fact["object"]), deployed)] = None
    return list(seen)


def argument_recall(graph: Graph, gold: list[dict], names: NameTable) -> dict[str, Any]:
    """Share of gold subjects and objects found as entities of their passage with the right name.

    An argument is found when an entity ``nkg:mentionedIn`` the passage has an ``rdfs:label`` or
    ``skos:altLabel`` that is the gold name or one of its aliases (for deployed objects, also by the
    deploys head-word and personnel rules).
    """
    labels = entity_labels(graph)
    by_passage = passage_entities(graph)
    counts = {"subject": [0, 0], "object": [0, 0]}
    missing = []
    for passage, role, canonical, deployed in gold_arguments(gold, names):
        counts[role][1] += 1
        found = any(_label_matches(label, canonical, names, deployed)
                    for entity in by_passage.get(passage, ()) for label in labels.get(entity, ()))
        if found:
            counts[role][0] += 1
        else:
            missing.append({"passage": passage, "role": role, "name": canonical})
    found_all = counts["subject"][0] + counts["object"][0]
    total_all = counts["subject"][1] + counts["object"][1]

    def share(found: int, total: int) -> float:
        return round(found / total, 3) if total else 0.0

    return {"recall": share(found_all, total_all), "found": found_all, "total": total_all,
            "subjects": {"recall": share(*counts["subject"]), "found": counts["subject"][0],
                         "total": counts["subject"][1]},
            "objects": {"recall": share(*counts["object"]), "found": counts["object"][0],
                        "total": counts["object"][1]},
            "missing": missing}


_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "adm", "sgt", "st",
                            "jr", "sr", "sen", "rep", "gov", "prof", "no", "vs", "u.s", "u.k", "u.n", "inc",
                            "corp", "co", "ltd", "jan", "feb", "aug", "sept", "oct", "nov", "dec"})
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")


def split_sentences(text: str) -> list[str]:
    """A plain sentence split of a passage (lines, then sentence-final punctuation); for diagnostics."""
    sentences: list[str] = []
    for line in text.splitlines():
        start = 0
        for match in _SENTENCE_END.finditer(line):
            before = line[start:match.start()].split()
            last = before[-1].lower().rstrip(".") if before else ""
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
            sentences.append(line[start:match.end()].strip())
            start = match.end()
        sentences.append(line[start:].strip())
    return [s for s in sentences if s]


def _contains(sentence: str, surfaces: set[str]) -> bool:
    lowered = normalise_name(sentence)
    return any(re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", lowered) for s in surfaces)


def argument_surfaces(passage: str, canonical: str, names: NameTable, deployed_object: bool,
                      labels: dict[URIRef, list[str]], by_passage: dict[str, set[URIRef]]) -> set[str]:
    """Normalised names a passage may use for a gold argument: aliases and the matching entity's labels."""
    surfaces = set(names.surfaces(canonical))
    for entity in by_passage.get(passage, ()):
        own = labels.get(entity, [])
        if any(_label_matches(label, canonical, names, deployed_object) for label in own):
            surfaces.update(own)
    if deployed_object:
        folded = fold_deployed(normalise_name(canonical))
        surfaces.update(PERSONNEL_NOUNS if folded == "troops" else {folded.split()[-1]} if folded else set())
    return {s for s in surfaces if len(s) > 1 and s not in PRONOUNS}


def miss_sentences(graph: Graph, gold: list[dict], misses: list[dict], names: NameTable) -> None:
    """Add to each miss the passage sentences that name both its arguments (possibly none)."""
    texts = {passage["id"]: passage.get("text") or "" for passage in gold}
    labels = entity_labels(graph)
    by_passage = passage_entities(graph)
    sentences = {pid: split_sentences(text) for pid, text in texts.items()}
    for miss in misses:
        pid = miss["passage"]
        subject = argument_surfaces(pid, miss["subject"], names, False, labels, by_passage)
        obj = argument_surfaces(pid, miss["object"], names, miss["relation"] == "deploys", labels, by_passage)
        miss["sentences"] = [s for s in sentences.get(pid, []) if _contains(s, subject) and _contains(s, obj)]


# --------------------------------------------------------------------------- #
# The whole evaluation
# --------------------------------------------------------------------------- #

def score_graph(graph_path: str | Path, gold_path: str | Path, aliases_path: str | Path | None = None,
                thresholds: Iterable[float] = THRESHOLDS) -> dict[str, Any]:
    """Score a Turtle graph against a gold file (with an optional aliases file).

    Returns ``scores`` (per relation and ``micro``: tp/fp/fn/precision/recall/f1 at confidence 0.5),
    ``passages`` (tp/fp/fn per passage), ``argument_recall``, ``thresholds`` (scores at each
    confidence threshold), ``false_positives`` (with the evidence sentences of their mentions) and
    ``misses`` (with the passage sentences naming both arguments).
    """
    graph = Graph().parse(str(graph_path), format="turtle")
    gold = load_gold(gold_path)
    names = NameTable.from_aliases(load_aliases(aliases_path))
    mentions = read_mentions(graph, (p["id"] for p in gold), names)
    result = score_mentions(mentions, gold, names, FACT_THRESHOLD)
    miss_sentences(graph, gold, result["misses"], names)
    by_threshold = []
    for threshold in thresholds:
        scored = score_mentions(mentions, gold, names, threshold)["scores"]
        by_threshold.append({"threshold": threshold, **{k: scored[k] for k in (*RELATIONS, "micro")}})
    return {
        "gold": str(gold_path), "aliases": str(aliases_path) if aliases_path else None, "graph": str(graph_path),
        "passages_count": len(gold),
        "gold_facts": {rel: sum(1 for p in gold for f in p.get("relations") or [] if f["relation"] == rel)
                       for rel in RELATIONS},
        "scores": result["scores"],
        "argument_recall": argument_recall(graph, gold, names),
        "thresholds": by_threshold,
        "passages": result["passages"],
        "false_positives": result["false_positives"],
        "misses": result["misses"],
    }


def format_report(result: dict[str, Any]) -> str:
    """The readable evaluation report that ``newskg eval`` prints."""
    lines = [f"gold: {result['gold']}  ({result['passages_count']} passages; aliases: "
             f"{result['aliases'] or 'none'})", ""]
    header = f"{'relation':<20}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>5}{'fn':>5}"
    lines += [header, "-" * len(header)]
    for name in (*RELATIONS, "micro"):
        s = result["scores"][name]
        lines.append(f"{name:<20}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}"
                     f"{s['tp']:>6}{s['fp']:>5}{s['fn']:>5}")
    arg = result["argument_recall"]
    lines += ["", f"argument recall: {arg['recall']:.3f} ({arg['found']}/{arg['total']}; subjects "
              f"{arg['subjects']['found']}/{arg['subjects']['total']}, objects "
              f"{arg['objects']['found']}/{arg['objects']['total']})"]
    if arg["missing"]:
        lines.append("  not found: " + "; ".join(f"[{m['passage']}] {m['name']} ({m['role']})"
                                                 for m in arg["missing"]))
    lines += ["", "confidence threshold (micro; per relation P/R)"]
    for row in result["thresholds"]:
        m = row["micro"]
        per = "  ".join(f"{rel} {row[rel]['precision']:.2f}/{row[rel]['recall']:.2f}" for rel in RELATIONS)
        lines.append(f"  >= {row['threshold']:.1f}  P={m['precision']:.3f} R={m['recall']:.3f} "
                     f"F1={m['f1']:.3f}  ({per})")
    lines += ["", f"false positives ({len(result['false_positives'])}):"]
    for fp in result["false_positives"]:
        lines.append(f"  [{fp['passage']}] {fp['subject']} {fp['relation']} {fp['object']}")
        for mention in fp["mentions"]:
            confidence = "?" if mention["confidence"] is None else f"{mention['confidence']:.2f}"
            lines.append(f"      ({confidence}) {mention['evidence']}")
    lines += ["", f"misses ({len(result['misses'])}):"]
    for miss in result["misses"]:
        lines.append(f"  [{miss['passage']}] {miss['subject']} {miss['relation']} {miss['object']}")
        sentences = miss.get("sentences", [])
        lines += [f"      {sentence}" for sentence in sentences[:MAX_SHOWN_SENTENCES]]
        if len(sentences) > MAX_SHOWN_SENTENCES:
            lines.append(f"      (+{len(sentences) - MAX_SHOWN_SENTENCES} more sentences naming both)")
    return "\n".join(lines)
