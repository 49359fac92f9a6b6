"""The evaluation (``newskg eval``): scoring rules on hand-built graphs, agreement with the reference
scorer on the real pipeline's output for each dev set, regression floors, and the command line."""
from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal
from rdflib.namespace import DCTERMS, PROV, SKOS

from pipeline.cli import export_task, run_luigi
from pipeline.evaluate import (RELATIONS, default_aliases_path, fold_deployed, score_graph,
                               split_sentences)
from pipeline.graph import NKG, NKR, slug
from tests.conftest import REPO, SHARED_EVAL, shared_eval_file

# Regression floors: F1 (and argument recall) measured on each dev set, set a few points below the
# figures the pipeline reached; raise them as quality improves (never above a measured figure).
# Measured (F1, 2026-12-06, session 13): dev micro 0.977, leaderOf 1.000, suppliesWeaponsTo 0.973, deploys
# 0.952, arguments 1.000; realnews-dev micro 0.919, leaderOf 0.971, suppliesWeaponsTo 0.867, deploys 0.875,
# arguments 0.968; redocred-leaders-dev micro 0.652, leaderOf 0.652, arguments 0.961.
FLOORS: dict[str, dict[str, float]] = {
    "dev.jsonl": {"micro": 0.95, "leaderOf": 0.95, "suppliesWeaponsTo": 0.92, "deploys": 0.94,
                  "argument_recall": 0.97},
    "realnews-dev.jsonl": {"micro": 0.90, "leaderOf": 0.94, "suppliesWeaponsTo": 0.84, "deploys": 0.85,
                           "argument_recall": 0.94},
    "redocred-leaders-dev.jsonl": {"micro": 0.64, "leaderOf": 0.64, "argument_recall": 0.96},
}
DEV_SETS = {"dev.jsonl": "aliases.json", "realnews-dev.jsonl": "realnews-aliases-dev.json",
            "redocred-leaders-dev.jsonl": "redocred-aliases-dev.json"}


# --------------------------------------------------------------------------- #
# Hand-built graphs
# --------------------------------------------------------------------------- #

def write_case(tmp_path: Path, entities: dict[str, list[str]], mentions: list[dict], gold: list[dict],
               aliases: dict[str, list[str]] | None = None,
               mentioned: dict[str, list[str]] | None = None) -> tuple[Path, Path, Path]:
    """A graph shaped like the pipeline's (entities, articles, relation mentions), a gold file, aliases.

    ``entities``: IRI local name -> [rdfs:label, skos:altLabel...]; ``mentions``: dicts with passage,
    s, p, o (local names) and optional confidence / negated / evidence; ``mentioned``: passage ->
    entities ``nkg:mentionedIn`` it (default: the arguments of its mentions).
    """
    graph = Graph()
    for local, (label, *alts) in entities.items():
        graph.add((NKR[local], RDFS.label, Literal(label)))
        for alt in alts:
            graph.add((NKR[local], SKOS.altLabel, Literal(alt)))
    passages = {g["id"] for g in gold} | {m["passage"] for m in mentions}
    if mentioned is None:
        mentioned = {p: [x for m in mentions if m["passage"] == p for x in (m["s"], m["o"])] for p in passages}
    for passage in sorted(passages):
        article = NKR["article/" + slug(passage)]
        graph.add((article, RDF.type, NKG.Article))
        graph.add((article, DCTERMS.identifier, Literal(passage)))
        for local in mentioned.get(passage, []):
            graph.add((NKR[local], NKG.mentionedIn, article))
    for n, m in enumerate(mentions):
        node = NKR[f"mention/{slug(m['passage'])}/{n}"]
        graph.add((node, RDF.type, RDF.Statement))
        graph.add((node, RDF.type, NKG.RelationMention))
        graph.add((node, RDF.subject, NKR[m["s"]]))
        graph.add((node, RDF.predicate, NKG[m["p"]]))
        graph.add((node, RDF.object, NKR[m["o"]]))
        graph.add((node, PROV.wasDerivedFrom, NKR["article/" + slug(m["passage"])]))
        graph.add((node, NKG.evidence, Literal(m.get("evidence", f"sentence {n}"))))
        graph.add((node, NKG.confidence, Literal(Decimal(str(m.get("confidence", 0.9))), datatype=XSD.decimal)))
        graph.add((node, NKG.negated, Literal(bool(m.get("negated", False)))))
    graph_path, gold_path, aliases_path = tmp_path / "graph.ttl", tmp_path / "gold.jsonl", tmp_path / "aliases.json"
    graph_path.write_bytes(graph.serialize(format="turtle", encoding="utf-8"))
    gold_path.write_text("".join(json.dumps({"text": "", "relations": [], **g}) + "\n" for g in gold),
                         encoding="utf-8")
    aliases_path.write_text(json.dumps(aliases or {}), encoding="utf-8")
    return graph_path, gold_path, aliases_path


def fact(subject: str, relation: str, obj: str) -> dict:
    return {"subject": subject, "relation": relation, "object": obj, "modality": "asserted"}


def counts(result: dict, name: str) -> tuple[int, int, int]:
    s = result["scores"][name]
    return s["tp"], s["fp"], s["fn"]


def reference_scores(graph: Path, gold: Path, aliases: Path) -> dict:
    """The reference scorer's JSON (run from ../shared/eval as its README says)."""
    script = shared_eval_file("score_reference.py")
    done = subprocess.run([sys.executable, script.name, str(graph), str(gold), str(aliases), "--json"],
                          cwd=SHARED_EVAL, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def assert_agrees_with_reference(result: dict, graph: Path, gold: Path, aliases: Path) -> None:
    """Same tp/fp/fn per relation and micro, and the same false positives and misses."""
    ref = reference_scores(graph, gold, aliases)
    for name in (*RELATIONS, "micro"):
        assert counts(result, name) == tuple(ref["scores"][name][k] for k in ("tp", "fp", "fn")), name
        assert result["scores"][name] == ref["scores"][name], name
    assert sorted((f["passage"], tuple(f["key"])) for f in result["false_positives"]) == \
        sorted((i, tuple(t)) for i, t in ref["false_positives"])
    assert sorted((m["passage"], tuple(m["key"])) for m in result["misses"]) == \
        sorted((i, tuple(t)) for i, t in ref["misses"])


ENTITIES = {
    "Russia": ["Russia", "Kremlin", "Russian"],
    "Belarus": ["BELARUS"],
    "Minsk": ["Minsk"],
    "Alexander_Lukashenko": ["Alexander Lukashenko", "Lukashenko"],
    "Ukraine": ["Ukraine"],
    "Ukraine_army": ["Ukraine army"],
    "Patriot": ["Patriot", "Patriot batteries"],
    "soldiers": ["soldiers"],
    "more_forces": ["more forces"],
    "tanks": ["tanks"],
    "United_States": ["United States", "Washington"],
}
ALIASES = {"Russia": ["Moscow", "the Kremlin", "Kremlin"], "Belarus": ["Minsk"],
           "United States": ["Washington", "US"]}


def test_aliases_and_case_decide_the_names(tmp_path: Path) -> None:
    # "Minsk" is an entity of its own in the graph; the aliases make it Belarus; "BELARUS" matches by case
    mentions = [{"passage": "p1", "s": "Russia", "p": "suppliesWeaponsTo", "o": "Minsk"},
                {"passage": "p2", "s": "Alexander_Lukashenko", "p": "leaderOf", "o": "Belarus"}]
    gold = [{"id": "p1", "relations": [fact("Moscow", "suppliesWeaponsTo", "Belarus")]},
            {"id": "p2", "relations": [fact("Alexander Lukashenko", "leaderOf", "belarus")]}]
    paths = write_case(tmp_path, ENTITIES, mentions, gold, ALIASES)
    result = score_graph(*paths)
    assert counts(result, "micro") == (2, 0, 0) and result["scores"]["micro"]["f1"] == 1.0
    # without the aliases, Minsk is not Belarus: one false positive and one miss
    no_aliases = score_graph(paths[0], paths[1], None)
    assert counts(no_aliases, "suppliesWeaponsTo") == (0, 1, 1)
    assert counts(no_aliases, "leaderOf") == (1, 0, 0)
    if SHARED_EVAL.exists():
        assert_agrees_with_reference(result, *paths)


def test_optional_facts_count_neither_way(tmp_path: Path) -> None:
    mentions = [{"passage": "p1", "s": "Russia", "p": "suppliesWeaponsTo", "o": "Belarus"},
                {"passage": "p1", "s": "Russia", "p": "suppliesWeaponsTo", "o": "Ukraine"},
                {"passage": "p1", "s": "United_States", "p": "suppliesWeaponsTo", "o": "Ukraine"}]
    gold = [{"id": "p1", "relations": [fact("Russia", "suppliesWeaponsTo", "Belarus"),
                                       fact("Russia", "deploys", "troops")],
             "optional": [fact("Russia", "suppliesWeaponsTo", "Ukraine")]}]
    paths = write_case(tmp_path, ENTITIES, mentions, gold, ALIASES)
    result = score_graph(*paths)
    assert counts(result, "suppliesWeaponsTo") == (1, 1, 0)  # US -> Ukraine is wrong, Russia -> Ukraine moot
    assert counts(result, "deploys") == (0, 0, 1)  # an unpredicted gold fact is a miss
    assert [(f["subject"], f["object"]) for f in result["false_positives"]] == [("United States", "Ukraine")]
    if SHARED_EVAL.exists():
        assert_agrees_with_reference(result, *paths)


def test_negated_and_low_confidence_mentions_are_not_predictions(tmp_path: Path) -> None:
    mentions = [{"passage": "p1", "s": "Russia", "p": "suppliesWeaponsTo", "o": "Belarus", "negated": True},
                {"passage": "p1", "s": "United_States", "p": "suppliesWeaponsTo", "o": "Ukraine",
                 "confidence": 0.4},
                {"passage": "p1", "s": "Alexander_Lukashenko", "p": "leaderOf", "o": "Belarus", "confidence": 0.6},
                {"passage": "p1", "s": "Russia", "p": "deploys", "o": "tanks", "confidence": 0.95}]
    gold = [{"id": "p1", "relations": [fact("Russia", "suppliesWeaponsTo", "Belarus"),
                                       fact("Alexander Lukashenko", "leaderOf", "Belarus"),
                                       fact("Russia", "deploys", "tanks")]}]
    paths = write_case(tmp_path, ENTITIES, mentions, gold, ALIASES)
    result = score_graph(*paths)
    assert counts(result, "suppliesWeaponsTo") == (0, 0, 1)  # negated: a miss, and the 0.4 one is no FP
    assert counts(result, "leaderOf") == (1, 0, 0)
    by_threshold = {row["threshold"]: row["micro"] for row in result["thresholds"]}
    assert by_threshold[0.5] == result["scores"]["micro"]
    assert (by_threshold[0.7]["tp"], by_threshold[0.7]["fn"]) == (1, 2)  # the 0.6 leader drops out at 0.7
    assert (by_threshold[0.9]["tp"], by_threshold[0.9]["fp"]) == (1, 0)
    if SHARED_EVAL.exists():
        assert_agrees_with_reference(result, *paths)


def test_deploys_head_word_and_personnel_folding(tmp_path: Path) -> None:
    mentions = [{"passage": "p1", "s": "United_States", "p": "deploys", "o": "Patriot"},  # label "Patriot"
                {"passage": "p2", "s": "Russia", "p": "deploys", "o": "soldiers"},
                {"passage": "p2", "s": "Russia", "p": "deploys", "o": "more_forces"},  # same fact as soldiers
                {"passage": "p3", "s": "United_States", "p": "suppliesWeaponsTo", "o": "Ukraine_army"}]
    gold = [{"id": "p1", "relations": [fact("United States", "deploys", "batteries")]},
            {"id": "p2", "relations": [fact("Russia", "deploys", "troops")]},
            {"id": "p3", "relations": [fact("United States", "suppliesWeaponsTo", "Ukraine")]}]
    entities = {**ENTITIES, "Patriot": ["Patriot batteries"]}
    paths = write_case(tmp_path, entities, mentions, gold, ALIASES)
    result = score_graph(*paths)
    assert counts(result, "deploys") == (2, 0, 0)  # head word "batteries"; soldiers = forces = troops
    # the head-word rule is for deploys only: "Ukraine army" is not "Ukraine"
    assert counts(result, "suppliesWeaponsTo") == (0, 1, 1)
    assert fold_deployed("additional troops") == fold_deployed("service members") == "troops"
    assert fold_deployed("patriot batteries") == "patriot batteries"
    if SHARED_EVAL.exists():
        assert_agrees_with_reference(result, *paths)


def test_facts_are_scored_per_passage(tmp_path: Path) -> None:
    mentions = [{"passage": "p1", "s": "Russia", "p": "suppliesWeaponsTo", "o": "Belarus"},
                {"passage": "other", "s": "Russia", "p": "suppliesWeaponsTo", "o": "Ukraine"}]
    gold = [{"id": "p1", "relations": []},
            {"id": "p2", "relations": [fact("Russia", "suppliesWeaponsTo", "Belarus")]}]
    paths = write_case(tmp_path, ENTITIES, mentions, gold, ALIASES)
    result = score_graph(*paths)
    # right triple, wrong passage: a false positive in p1 and a miss in p2; "other" is not a gold passage
    assert counts(result, "micro") == (0, 1, 1)
    assert result["passages"]["p1"] == {"tp": 0, "fp": 1, "fn": 0}
    assert result["passages"]["p2"] == {"tp": 0, "fp": 0, "fn": 1}
    assert "other" not in result["passages"]
    if SHARED_EVAL.exists():
        assert_agrees_with_reference(result, *paths)


def test_argument_recall_needs_the_entity_in_that_passage(tmp_path: Path) -> None:
    mentions = [{"passage": "p1", "s": "Alexander_Lukashenko", "p": "leaderOf", "o": "Belarus"}]
    gold = [{"id": "p1", "relations": [fact("Alexander Lukashenko", "leaderOf", "Minsk")]},
            {"id": "p2", "relations": [fact("Alexander Lukashenko", "leaderOf", "Belarus"),
                                       fact("Kremlin", "deploys", "troops")]}]
    mentioned = {"p1": ["Alexander_Lukashenko", "Minsk"], "p2": ["Belarus", "Russia", "soldiers"]}
    paths = write_case(tmp_path, ENTITIES, mentions, gold, ALIASES, mentioned)
    recall = score_graph(*paths)["argument_recall"]
    # p1: both found (Minsk names Belarus through the aliases); p2: Lukashenko is not mentioned there
    assert (recall["found"], recall["total"]) == (5, 6)
    assert recall["missing"] == [{"passage": "p2", "role": "subject", "name": "Alexander Lukashenko"}]
    assert recall["objects"]["recall"] == 1.0  # "soldiers" is the gold "troops"


def test_misses_and_false_positives_carry_their_sentences(tmp_path: Path) -> None:
    text = ("MINSK (Reuters) - Belarus held talks on Monday. President Lukashenko said Belarus must build "
            "its own weapons.\n\nThe U.S. embassy said Washington sends tanks to Ukraine.")
    mentions = [{"passage": "p1", "s": "Russia", "p": "suppliesWeaponsTo", "o": "Ukraine",
                 "evidence": "The U.S. embassy said Washington sends tanks to Ukraine.", "confidence": 0.55}]
    gold = [{"id": "p1", "text": text, "relations": [fact("Alexander Lukashenko", "leaderOf", "Belarus"),
                                                     fact("United States", "suppliesWeaponsTo", "Ukraine")]}]
    mentioned = {"p1": ["Alexander_Lukashenko", "Belarus", "United_States", "Ukraine", "Russia"]}
    paths = write_case(tmp_path, ENTITIES, mentions, gold, ALIASES, mentioned)
    result = score_graph(*paths)
    [wrong] = result["false_positives"]
    assert (wrong["passage"], wrong["subject"], wrong["object"]) == ("p1", "Russia", "Ukraine")
    assert wrong["mentions"] == [{"subject": "Russia", "object": "Ukraine", "confidence": 0.55,
                                  "evidence": "The U.S. embassy said Washington sends tanks to Ukraine."}]
    misses = {m["relation"]: m for m in result["misses"]}
    assert misses["leaderOf"]["sentences"] == ["President Lukashenko said Belarus must build its own weapons."]
    assert misses["suppliesWeaponsTo"]["sentences"] == ["The U.S. embassy said Washington sends tanks to Ukraine."]
    assert split_sentences(text)[0] == "MINSK (Reuters) - Belarus held talks on Monday."


def test_default_aliases_follow_the_naming_convention(tmp_path: Path) -> None:
    for name in ("aliases.json", "realnews-aliases-dev.json", "redocred-aliases-dev.json"):
        (tmp_path / name).write_text("{}")
    assert default_aliases_path(tmp_path / "dev.jsonl") == tmp_path / "aliases.json"
    assert default_aliases_path(tmp_path / "realnews-dev.jsonl") == tmp_path / "realnews-aliases-dev.json"
    assert default_aliases_path(tmp_path / "redocred-leaders-dev.jsonl") == tmp_path / "redocred-aliases-dev.json"
    assert default_aliases_path(tmp_path / "other-test.jsonl") is None


# --------------------------------------------------------------------------- #
# The dev sets through the real pipeline
# --------------------------------------------------------------------------- #

@pytest.fixture(scope="module", params=list(DEV_SETS))
def dev_run(request, tmp_path_factory) -> dict:
    """One real pipeline run (Luigi, spaCy) over a dev set, and its evaluation."""
    gold = shared_eval_file(request.param)
    aliases = shared_eval_file(DEV_SETS[request.param])
    output = tmp_path_factory.mktemp("eval-" + gold.stem)
    task = export_task([str(gold)], str(output))
    assert run_luigi([task]), "the Luigi pipeline failed"
    graph = Path(task.output()["graph"].path)
    return {"name": request.param, "gold": gold, "aliases": aliases, "graph": graph,
            "result": score_graph(graph, gold, aliases)}


def test_scores_agree_with_the_reference_scorer(dev_run: dict) -> None:
    assert dev_run["result"]["passages_count"] > 0
    assert_agrees_with_reference(dev_run["result"], dev_run["graph"], dev_run["gold"], dev_run["aliases"])


def test_quality_stays_above_the_floors(dev_run: dict) -> None:
    result, floors = dev_run["result"], FLOORS[dev_run["name"]]
    measured = {name: result["scores"][name]["f1"] for name in (*RELATIONS, "micro")}
    measured["argument_recall"] = result["argument_recall"]["recall"]
    below = {name: (measured[name], floor) for name, floor in floors.items() if measured[name] < floor}
    assert not below, f"{dev_run['name']}: below the floors (measured, floor): {below}"


def test_eval_command(tmp_path: Path) -> None:
    gold = shared_eval_file("dev.jsonl")
    out = tmp_path / "eval.json"
    done = subprocess.run([sys.executable, "-m", "pipeline.cli", "eval", str(gold), "--json", str(out)],
                          cwd=REPO, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    for needed in ("relation", "leaderOf", "suppliesWeaponsTo", "deploys", "micro", "argument recall",
                   ">= 0.7", "false positives (", "misses ("):
        assert needed in done.stdout, needed
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["aliases"].endswith("aliases.json")  # found beside dev.jsonl without --aliases
    assert set(result["scores"]) == {*RELATIONS, "micro"}
    assert [row["threshold"] for row in result["thresholds"]] == [0.5, 0.7, 0.9]
    micro = result["scores"]["micro"]
    assert len(result["false_positives"]) == micro["fp"] and len(result["misses"]) == micro["fn"]
    assert f"{micro['f1']:.3f}" in done.stdout
