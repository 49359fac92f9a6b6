"""HTML report of an export: one self-contained ``report.html`` beside ``graph.ttl``.

The report reads an output folder (``graph.ttl``, ``summary.json``, ``rejects.jsonl``) and shows

* an interactive graph of the entities and the three relations (Cytoscape.js, inlined from
  ``pipeline/assets/``): node colour by entity type, edge label by relation, planned deployments
  dashed, low-confidence mentions dotted grey, a deployment's place as a thin ``deployedTo`` edge;
  click a node (or an edge) to list its facts;
* a facts table: every relation mention with subject, relation, object, confidence, modality,
  status (fact, low confidence, negated), the evidence sentence with the two entities highlighted,
  and the article (title, source, date, link);
* the run summary: articles read and rejected (with reasons), entities by type, facts by relation,
  triples and seconds per stage (when ``summary.json`` has them).

The page needs no server and no network. Text is escaped by the template (Jinja2 autoescaping);
the data for the script is JSON in a ``<script type="application/json">`` block with ``<``, ``>``
and ``&`` written as ``\\u`` escapes, and the script writes text with ``textContent`` only.
The same export gives the same bytes (no clock, no randomness, everything sorted).
"""
from __future__ import annotations

import hashlib
import html
import json
import os
import re
import tempfile
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from pipeline.graph import ENTITY_CLASSES, NKG, SCHEMA

ASSETS_DIR = Path(__file__).resolve().parent / "assets"
TEMPLATE = "report.html.j2"
CYTOSCAPE_FILE = "cytoscape.min.js"
CYTOSCAPE_VERSION = "3.34.4"
REPORT_FILE = "report.html"
RELATIONS = ("leaderOf", "suppliesWeaponsTo", "deploys")
FACT_THRESHOLD = Decimal("0.5")  # as pipeline.relations.FACT_THRESHOLD: a fact is not negated and >= 0.5

TYPE_COLOURS = {
    "Person": "#4e79a7", "Country": "#f28e2b", "Organization": "#76b7b2", "ArmedForce": "#e15759",
    "ArmedGroup": "#b07aa1", "Company": "#edc948", "WeaponSystem": "#59a14f", "MilitaryUnit": "#9c755f",
    "Location": "#8c8c8c",
}
RELATION_COLOURS = {"leaderOf": "#2f5d8c", "suppliesWeaponsTo": "#b8322a", "deploys": "#2e7d4f",
                    "deployedTo": "#7a7a7a"}
STAGES = ("ingest", "entities", "relations", "graph", "export")
_META_KEY = re.compile(r'<meta name="newskg-report" content="([^"]*)">')


# --------------------------------------------------------------------------------------------
# Reading an export


def load_export(output_dir: str | Path) -> tuple[Graph, dict[str, Any], list[dict[str, Any]]]:
    """The graph, summary and rejects of an output folder (summary and rejects may be absent)."""
    out = Path(output_dir)
    graph_file = out / "graph.ttl"
    if not graph_file.is_file():
        raise FileNotFoundError(f"{graph_file} does not exist: run `newskg run INPUT --output {out}` first")
    graph = Graph().parse(graph_file, format="turtle")
    summary_file, rejects_file = out / "summary.json", out / "rejects.jsonl"
    summary = json.loads(summary_file.read_text(encoding="utf-8")) if summary_file.is_file() else {}
    rejects: list[dict[str, Any]] = []
    if rejects_file.is_file():
        with rejects_file.open(encoding="utf-8") as fh:
            rejects = [json.loads(line) for line in fh if line.strip()]
    return graph, summary, rejects


def _text(graph: Graph, subject: URIRef, predicate: URIRef) -> str:
    value = graph.value(subject, predicate)
    return "" if value is None else str(value)


def _local(iri: URIRef | str, namespace: str) -> str:
    text = str(iri)
    return text.removeprefix(namespace)


def safe_url(url: str) -> str:
    """The URL if it is an http(s) link, else an empty string (no ``javascript:`` links)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    return url.strip() if parts.scheme in {"http", "https"} and parts.netloc else ""


def entities_of(graph: Graph) -> dict[str, dict[str, Any]]:
    """Entities by IRI: label, type, surface forms, Wikidata id."""
    entities: dict[str, dict[str, Any]] = {}
    for cls in ENTITY_CLASSES:
        for iri in graph.subjects(RDF.type, NKG[cls]):
            key = str(iri)
            if key in entities:
                continue
            label = _text(graph, iri, RDFS.label) or _local(iri, str(iri).rsplit("/", 1)[0] + "/")
            forms = sorted({str(f) for f in graph.objects(iri, SKOS.altLabel)} - {label})
            qids = sorted(str(q).rsplit("/", 1)[-1] for q in graph.objects(iri, OWL.sameAs))
            entities[key] = {"id": key, "label": label, "type": cls, "forms": forms,
                             "qid": qids[0] if qids else ""}
    return entities


def articles_of(graph: Graph) -> dict[str, dict[str, str]]:
    """Articles by IRI: id, title, source, date, url (http(s) only)."""
    articles = {}
    for iri in graph.subjects(RDF.type, NKG.Article):
        articles[str(iri)] = {
            "id": _text(graph, iri, DCTERMS.identifier), "title": _text(graph, iri, DCTERMS.title),
            "source": _text(graph, iri, DCTERMS.source), "date": _text(graph, iri, DCTERMS.date),
            "url": safe_url(_text(graph, iri, SCHEMA.url)),
        }
    return articles


def _occurrences(sentence: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Whole-word occurrences of any name (longest first at a position); exact case, else any case."""
    forms = sorted({n for n in names if n and n.strip()}, key=lambda n: (-len(n), n))
    if not forms:
        return []
    pattern = r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\w)"
    for flags in (0, re.IGNORECASE):
        found = [m.span() for m in re.finditer(pattern, sentence, flags)]
        if found:
            return found
    return []


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def highlight(sentence: str, roles: Iterable[tuple[str, Iterable[str]]]) -> list[dict[str, str]]:
    """The sentence cut into segments, each ``{"text", "role"}`` (role "" for plain text).

    ``roles`` is ``[(role, names), ...]``, subject and object first. Each role marks one whole-word
    occurrence of one of its names (exact case first, then any case): the first two roles take
    the closest pair of occurrences that do not overlap (earliest on a tie), any further role the
    occurrence closest to the marks already made.
    """
    taken: list[tuple[int, int, str]] = []
    candidates = [(role, _occurrences(sentence, names)) for role, names in roles]
    candidates = [(role, spans) for role, spans in candidates if spans]
    if len(candidates) >= 2:
        (first, spans_a), (second, spans_b) = candidates[:2]
        pairs = [(_gap(a, b), min(a[0], b[0]), a, b) for a in spans_a for b in spans_b if not _overlaps(a, b)]
        if pairs:
            _, _, a, b = min(pairs)
            taken += [(a[0], a[1], first), (b[0], b[1], second)]
        else:
            taken.append((spans_a[0][0], spans_a[0][1], first))
        rest = candidates[2:]
    else:
        rest = candidates
    for role, spans in rest:
        free = [s for s in spans if not any(_overlaps(s, (t[0], t[1])) for t in taken)]
        if free:
            best = min(free, key=lambda s: (min((_gap(s, (t[0], t[1])) for t in taken), default=0), s[0]))
            taken.append((best[0], best[1], role))
    segments, pos = [], 0
    for start, end, role in sorted(taken):
        if start > pos:
            segments.append({"text": sentence[pos:start], "role": ""})
        segments.append({"text": sentence[start:end], "role": role})
        pos = end
    if pos < len(sentence) or not segments:
        segments.append({"text": sentence[pos:], "role": ""})
    return segments


def _status(negated: bool, confidence: Decimal) -> str:
    if negated:
        return "negated"
    return "fact" if confidence >= FACT_THRESHOLD else "low"


def mentions_of(graph: Graph, entities: dict[str, dict], articles: dict[str, dict]) -> list[dict[str, Any]]:
    """Every relation mention as a table row, sorted by article, position and relation; numbered from 1."""
    rows = []
    empty_article = {"id": "", "title": "", "source": "", "date": "", "url": ""}
    for node in graph.subjects(RDF.type, NKG.RelationMention):
        subject, obj = str(graph.value(node, RDF.subject)), str(graph.value(node, RDF.object))
        relation = _local(graph.value(node, RDF.predicate), str(NKG))
        place = graph.value(node, NKG.deployedTo)
        article_iri = graph.value(node, PROV.wasDerivedFrom)
        confidence = Decimal(str(graph.value(node, NKG.confidence) or "0"))
        negated_value = graph.value(node, NKG.negated)
        negated = bool(negated_value.toPython()) if negated_value is not None else False
        evidence = _text(graph, node, NKG.evidence)
        start = graph.value(node, NKG.startChar)
        subject_e = entities.get(subject) or {"id": subject, "label": subject, "type": "", "forms": []}
        object_e = entities.get(obj) or {"id": obj, "label": obj, "type": "", "forms": []}
        place_e = entities.get(str(place)) if place is not None else None
        roles = [("subject", [subject_e["label"], *subject_e["forms"]]),
                 ("object", [object_e["label"], *object_e["forms"]])]
        if place_e:
            roles.append(("place", [place_e["label"], *place_e["forms"]]))
        article = articles.get(str(article_iri), empty_article)
        rows.append({
            "subject": subject, "subject_label": subject_e["label"], "subject_type": subject_e["type"],
            "relation": relation,
            "object": obj, "object_label": object_e["label"], "object_type": object_e["type"],
            "place": str(place) if place_e else "", "place_label": place_e["label"] if place_e else "",
            "confidence": f"{confidence:.2f}", "modality": _text(graph, node, NKG.modality),
            "negated": negated, "status": _status(negated, confidence),
            "trigger": _text(graph, node, NKG.trigger), "evidence": evidence,
            "segments": highlight(evidence, roles), "article": article,
            "_sort": (article["date"], article["id"], int(start) if start is not None else 0, relation,
                      subject_e["label"], object_e["label"], str(node)),
        })
    rows.sort(key=lambda r: r.pop("_sort"))
    for number, row in enumerate(rows, 1):
        row["n"] = number
    return rows


def _edge_style(rows: list[dict]) -> str:
    facts = [r for r in rows if r["status"] == "fact"]
    if not facts:
        return "low"
    return "planned" if all(r["modality"] == "planned" for r in facts) else "fact"


def graph_elements(entities: dict[str, dict], rows: list[dict]) -> dict[str, list[dict]]:
    """Nodes and edges of the graph view: one edge per (subject, relation, object) of the mentions
    that are not negated (style: fact, planned or low), and a ``deployedTo`` edge to a deployment's place."""
    groups: dict[tuple[str, str, str], list[dict]] = {}
    for row in rows:
        if row["negated"]:
            continue
        groups.setdefault((row["subject"], row["relation"], row["object"]), []).append(row)
        if row["place"]:
            groups.setdefault((row["object"], "deployedTo", row["place"]), []).append(row)
    edges, degree = [], {}
    for number, ((source, relation, target), members) in enumerate(sorted(groups.items()), 1):
        edges.append({"id": f"e{number}", "source": source, "target": target, "relation": relation,
                      "style": _edge_style(members), "rows": [r["n"] for r in members],
                      "confidence": max(r["confidence"] for r in members)})
        for key in (source, target):
            degree[key] = degree.get(key, 0) + 1
    nodes = []
    for key in sorted(degree, key=lambda k: (entities.get(k, {}).get("label", k), k)):
        entity = entities.get(key) or {"label": key, "type": "", "forms": [], "qid": ""}
        nodes.append({"id": key, "label": entity["label"], "type": entity["type"], "forms": entity["forms"],
                      "qid": entity["qid"], "degree": degree[key]})
    return {"nodes": nodes, "edges": edges}


def summary_view(summary: dict[str, Any], rejects: list[dict[str, Any]]) -> dict[str, Any]:
    """The run-summary numbers shown in the report (missing keys become empty)."""
    facts, mentions = summary.get("facts", {}), summary.get("relation_mentions", {})
    relations = sorted(set(RELATIONS) | set(facts) | set(mentions),
                       key=lambda r: (RELATIONS.index(r) if r in RELATIONS else len(RELATIONS), r))
    if rejects:
        reject_rows = [{"path": str(r.get("path", "")), "id": str(r.get("id") or ""),
                        "reason": str(r.get("reason", ""))} for r in rejects]
    else:
        reject_rows = [{"path": reason, "id": "", "reason": ""} for reason in summary.get("reject_reasons", [])]
    seconds = summary.get("seconds_by_stage") or {}
    stages = [{"stage": s, "seconds": seconds[s]} for s in STAGES if s in seconds]
    stages += [{"stage": s, "seconds": v} for s, v in sorted(seconds.items()) if s not in STAGES]
    return {
        "articles": summary.get("articles", ""), "rejected": summary.get("rejected", len(reject_rows)),
        "rejects": reject_rows, "entities": summary.get("entities", ""),
        "entities_by_type": sorted(summary.get("entities_by_type", {}).items()),
        "relations": [{"relation": r, "facts": facts.get(r, 0), "mentions": mentions.get(r, 0)} for r in relations],
        "facts_total": sum(facts.values()), "mentions_total": sum(mentions.values()),
        "triples": summary.get("triples", ""), "stages": stages,
        "stages_total": round(sum(float(s["seconds"]) for s in stages), 3) if stages else "",
        "build": summary.get("build", ""),
    }


def report_data(graph: Graph, summary: dict[str, Any], rejects: list[dict[str, Any]]) -> dict[str, Any]:
    """Everything the template and the script need, plain and sorted."""
    entities = entities_of(graph)
    articles = articles_of(graph)
    rows = mentions_of(graph, entities, articles)
    elements = graph_elements(entities, rows)
    return {"rows": rows, "elements": elements, "summary": summary_view(summary, rejects),
            "articles": sorted(articles.values(), key=lambda a: (a["date"], a["id"])),
            "triples_in_graph": len(graph)}


# --------------------------------------------------------------------------------------------
# Rendering


def _asset(name: str) -> str:
    return (ASSETS_DIR / name).read_text(encoding="utf-8")


def _inline(code: str, closing: str) -> Markup:
    """Code to inline in a ``<script>``/``<style>`` element; refuses text that would close it early."""
    if closing in code.lower() or "<!--" in code:
        raise ValueError(f"asset text contains {closing!r} or '<!--' and cannot be inlined")
    return Markup(code)


def script_json(data: Any) -> Markup:
    """JSON for a ``<script type="application/json">`` block: ``<``, ``>``, ``&`` as \\u escapes."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def report_key(summary: dict[str, Any]) -> str:
    """What a report depends on besides the graph: the build it shows and the report's own code."""
    digest = hashlib.sha256(str(summary.get("build", "")).encode("utf-8"))
    for name in (TEMPLATE, "report.js", "report.css", CYTOSCAPE_FILE):
        digest.update((ASSETS_DIR / name).read_bytes())
    digest.update(Path(__file__).read_bytes())
    return f"{summary.get('build', '')}#{digest.hexdigest()[:16]}"


def report_key_of(path: str | Path) -> str | None:
    """The key stored in an existing report (None if the file is missing or has none)."""
    try:
        with open(path, encoding="utf-8") as fh:
            head = fh.read(4096)
    except OSError:
        return None
    match = _META_KEY.search(head)
    return html.unescape(match.group(1)) if match else None


def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(ASSETS_DIR)), autoescape=True,
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                              trim_blocks=True, lstrip_blocks=True)


def render_report(graph: Graph, summary: dict[str, Any], rejects: list[dict[str, Any]]) -> str:
    """The report page for a graph, its summary and rejects (a str of HTML)."""
    data = report_data(graph, summary, rejects)
    script_data = {
        "nodes": data["elements"]["nodes"], "edges": data["elements"]["edges"],
        "facts": [{k: row[k] for k in ("n", "subject", "subject_label", "relation", "object", "object_label",
                                       "place", "place_label", "confidence", "modality", "status", "evidence")}
                  | {"article": row["article"]["title"] or row["article"]["id"]} for row in data["rows"]],
        "colours": {"types": TYPE_COLOURS, "relations": RELATION_COLOURS},
    }
    template = _environment().get_template(TEMPLATE)
    return template.render(
        data=data, rows=data["rows"], summary=data["summary"], articles=data["articles"],
        nodes=data["elements"]["nodes"], edges=data["elements"]["edges"],
        type_colours=TYPE_COLOURS, relation_colours=RELATION_COLOURS, relations=RELATIONS,
        report_key=report_key(summary), cytoscape_version=CYTOSCAPE_VERSION,
        data_json=script_json(script_data),
        cytoscape_js=_inline(_asset(CYTOSCAPE_FILE), "</script"),
        report_js=_inline(_asset("report.js"), "</script"),
        report_css=_inline(_asset("report.css"), "</style"),
    )


def build_report(output_dir: str | Path) -> str:
    """The report page of an output folder."""
    return render_report(*load_export(output_dir))


def write_report(output_dir: str | Path, dest: str | Path | None = None) -> Path:
    """Write ``OUTPUT_DIR/report.html`` (or ``dest``) atomically: temporary file, then rename."""
    target = Path(dest) if dest else Path(output_dir) / REPORT_FILE
    page = build_report(output_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(page)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
