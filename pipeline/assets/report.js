/* newskg report script (inlined into report.html after Cytoscape.js).
 * Reads the JSON block #report-data, draws the graph, lists a clicked node's facts, filters the table.
 * Text is written with textContent only: names and sentences are data, never markup. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("report-data").textContent);
  var typeColours = data.colours.types;
  var relationColours = data.colours.relations;
  var panelTitle = document.getElementById("panel-title");
  var panelBody = document.getElementById("panel-body");
  var factsByNumber = {};
  data.facts.forEach(function (f) { factsByNumber[f.n] = f; });

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function clear(node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
  }

  var elements = [];
  data.nodes.forEach(function (n) {
    elements.push({ group: "nodes", data: {
      id: n.id, label: n.label, type: n.type, degree: n.degree, colour: typeColours[n.type] || "#999999" } });
  });
  data.edges.forEach(function (e) {
    var classes = [e.style];
    if (e.relation === "deployedTo") { classes.push("place"); }
    elements.push({ group: "edges", classes: classes.join(" "), data: {
      id: e.id, source: e.source, target: e.target, label: e.relation, rows: e.rows,
      colour: relationColours[e.relation] || "#777777" } });
  });

  var cy = cytoscape({
    container: document.getElementById("graph"),
    elements: elements,
    minZoom: 0.2,
    maxZoom: 4,
    style: [
      { selector: "node", style: {
        "background-color": "data(colour)", "label": "data(label)", "font-size": 13, "color": "#1f2328",
        "text-valign": "bottom", "text-margin-y": 3, "text-wrap": "wrap", "text-max-width": 140,
        "text-background-color": "#ffffff", "text-background-opacity": 0.7, "text-background-padding": 1,
        "width": "mapData(degree, 1, 6, 22, 42)", "height": "mapData(degree, 1, 6, 22, 42)",
        "border-width": 1, "border-color": "#ffffff" } },
      { selector: "edge", style: {
        "width": 2.2, "curve-style": "bezier", "line-color": "data(colour)", "target-arrow-color": "data(colour)",
        "target-arrow-shape": "triangle", "arrow-scale": 1, "label": "data(label)", "font-size": 11,
        "color": "#444444", "text-rotation": "autorotate", "text-background-color": "#ffffff",
        "text-background-opacity": 0.85, "text-background-padding": 1 } },
      { selector: "edge.planned", style: { "line-style": "dashed", "line-dash-pattern": [7, 4] } },
      { selector: "edge.low", style: {
        "line-style": "dotted", "line-color": "#b5b5b5", "target-arrow-color": "#b5b5b5", "color": "#9a9a9a" } },
      { selector: "edge.place", style: { "width": 1.3, "target-arrow-shape": "vee", "font-style": "italic" } },
      { selector: ".faded", style: { "opacity": 0.3 } },
      { selector: "node.chosen", style: { "border-width": 3, "border-color": "#1f2328" } },
      { selector: "edge.chosen", style: { "width": 3.5 } }
    ],
    layout: { name: "circle" }
  });

  function listFacts(numbers) {
    var list = el("ul");
    numbers.slice().sort(function (a, b) { return a - b; }).forEach(function (n) {
      var f = factsByNumber[n];
      if (!f) { return; }
      var item = el("li", "fact " + f.status);
      var head = el("div");
      head.appendChild(el("b", null, f.subject_label));
      head.appendChild(document.createTextNode(" "));
      var rel = el("span", "rel", f.relation);
      rel.style.setProperty("--c", relationColours[f.relation] || "#777777");
      head.appendChild(rel);
      head.appendChild(document.createTextNode(" "));
      head.appendChild(el("b", null, f.object_label));
      if (f.place_label) { head.appendChild(el("span", "to", " to " + f.place_label)); }
      item.appendChild(head);
      var meta = el("div", "meta");
      var status = f.status === "low" ? "low confidence" : f.status;
      meta.appendChild(document.createTextNode("confidence " + f.confidence + " · " + f.modality + " · " + status + " · "));
      var link = el("a", null, "row " + f.n);
      link.href = "#fact-" + f.n;
      meta.appendChild(link);
      item.appendChild(meta);
      item.appendChild(el("q", null, f.evidence));
      item.appendChild(el("div", "meta", f.article));
      list.appendChild(item);
    });
    return list;
  }

  function markRows(predicate) {
    var rows = document.querySelectorAll("#facts-table tbody tr[id]");
    Array.prototype.forEach.call(rows, function (row) {
      row.classList.toggle("selected", predicate(row));
    });
  }

  function reset() {
    cy.elements().removeClass("faded chosen");
    panelTitle.textContent = "Facts of an entity";
    clear(panelBody);
    panelBody.appendChild(el("p", "hint", "Click a node (or a link) in the graph to list its facts."));
    markRows(function () { return false; });
    document.body.removeAttribute("data-selected");
  }

  function selectNode(id) {
    var node = cy.getElementById(id);
    if (node.empty()) { return false; }
    var info = null;
    data.nodes.forEach(function (n) { if (n.id === id) { info = n; } });
    cy.elements().removeClass("chosen").addClass("faded");
    node.closedNeighborhood().removeClass("faded");
    node.addClass("chosen");
    panelTitle.textContent = info.label;
    clear(panelBody);
    var kind = info.type + (info.qid ? " · Wikidata " + info.qid : "");
    panelBody.appendChild(el("div", "kind", kind));
    if (info.forms.length) { panelBody.appendChild(el("div", "kind", "also: " + info.forms.join(", "))); }
    var numbers = data.facts.filter(function (f) {
      return f.subject === id || f.object === id || f.place === id;
    }).map(function (f) { return f.n; });
    panelBody.appendChild(el("div", "kind", numbers.length + (numbers.length === 1 ? " mention" : " mentions")));
    panelBody.appendChild(listFacts(numbers));
    markRows(function (row) {
      return row.getAttribute("data-subject") === id || row.getAttribute("data-object") === id ||
        row.getAttribute("data-place") === id;
    });
    document.body.setAttribute("data-selected", id);
    return true;
  }

  function selectEdge(edge) {
    cy.elements().removeClass("chosen").addClass("faded");
    edge.connectedNodes().add(edge).removeClass("faded");
    edge.addClass("chosen");
    panelTitle.textContent = edge.source().data("label") + " " + edge.data("label") + " " + edge.target().data("label");
    clear(panelBody);
    var numbers = edge.data("rows");
    panelBody.appendChild(listFacts(numbers));
    markRows(function (row) { return numbers.indexOf(Number(row.id.slice(5))) >= 0; });
    document.body.setAttribute("data-selected", edge.id());
  }

  cy.on("tap", "node", function (evt) { selectNode(evt.target.id()); });
  cy.on("tap", "edge", function (evt) { selectEdge(evt.target); });
  cy.on("tap", function (evt) { if (evt.target === cy) { reset(); } });

  var filter = document.getElementById("filter");
  filter.addEventListener("input", function () {
    var query = filter.value.trim().toLowerCase();
    var rows = document.querySelectorAll("#facts-table tbody tr[id]");
    Array.prototype.forEach.call(rows, function (row) {
      row.classList.toggle("hidden", query !== "" && row.textContent.toLowerCase().indexOf(query) < 0);
    });
  });

  function rendered() {
    document.body.setAttribute("data-nodes", String(cy.nodes().length));
    document.body.setAttribute("data-edges", String(cy.edges().length));
    document.body.setAttribute("data-rendered", "true");
  }

  if (cy.nodes().length === 0) {
    var empty = el("p", "hint", "No relation between entities in this run.");
    empty.style.padding = "20px";
    document.getElementById("graph").appendChild(empty);
    rendered();
  } else {
    var layout = cy.layout({
      name: "cose", randomize: false, animate: false, fit: true, padding: 30,
      nodeRepulsion: function () { return 20000; }, idealEdgeLength: function () { return 80; },
      nodeOverlap: 20, componentSpacing: 40, gravity: 1, numIter: 2000
    });
    layout.one("layoutstop", function () {
      window.requestAnimationFrame(function () { window.requestAnimationFrame(rendered); });
    });
    layout.run();
  }

  window.newskgReport = { cy: cy, selectNode: selectNode, reset: reset };
}());
