/* mle-kg explorer: draws the graph embedded in #kg-data with vis-network.
 * Text from data reaches the DOM through textContent only, never innerHTML,
 * and vis-network shows string tooltips as text (innerText). */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var ui = data.ui;
  var large = data.large;
  // Dimming is painted over the canvas after each draw (then the emphasised items are
  // drawn again on top): restyling every item through the DataSet takes seconds at 20k nodes.
  var VEIL = "rgba(255,255,255,0.82)";
  var styleOf = {};
  data.legend.forEach(function (l) { styleOf[l.label] = l; });
  var byId = new Map();
  data.nodes.forEach(function (n) { byId.set(n.id, n); });
  var hl = data.highlight;
  var numbers = (hl && hl.numbers) || {};
  var hiddenLabels = new Set(data.hidden_labels);
  var revealed = new Set();

  function $(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function labelName(label) { return ui[label] || label; }
  function shorten(text, max) { return text.length > max ? text.slice(0, max - 1) + "…" : text; }

  function nodeTitle(n) {
    var lines = [n.name + " (" + labelName(n.label) + ")"];
    if (n.other_name) { lines.push(n.other_name); }
    if (n.description) { lines.push(shorten(n.description, 240)); }
    if (n.effort_hours !== undefined) { lines.push(ui.effort + ": " + n.effort_hours + " " + ui.hours); }
    if (n.provenance && n.provenance.length) { lines.push(shorten(n.provenance[n.provenance.length - 1], 240)); }
    return lines.join("\n");
  }

  function nodeView(n, strong) {
    var s = styleOf[n.label] || { color: "#868e96", shape: "dot", size: 12 };
    return {
      id: n.id,
      label: numbers[n.id] ? numbers[n.id] + ". " + n.name : n.name,
      x: n.x, y: n.y,
      shape: s.shape, size: s.size,
      hidden: hiddenLabels.has(n.label) && !revealed.has(n.id),
      title: nodeTitle(n),
      borderWidth: strong ? 2 : 1,
      color: { background: s.color, border: strong ? "#212529" : s.color,
               highlight: { background: s.color, border: "#212529" }, hover: { background: s.color, border: "#212529" } },
      font: { color: "#212529", size: strong ? 16 : 14 }
    };
  }

  function edgeView(e, strong) {
    var c = data.edge_colors[e.type] || "#adb5bd";
    var from = byId.get(e.from), to = byId.get(e.to);
    var title = from.name + "  —" + e.type + (e.level ? " (" + e.level + ")" : "") + "→  " + to.name;
    if (e.provenance && e.provenance.length) { title += "\n" + shorten(e.provenance[e.provenance.length - 1], 240); }
    return {
      id: e.id, from: e.from, to: e.to,
      arrows: (e.type === "OVERLAPS_WITH" || e.type === "COLLABORATES_WITH") ? "" : "to",
      dashes: e.level === "bonus",
      // relationships inside one band (track to track, skill to skill) arc instead of crossing the row
      smooth: from.label === to.label && !large ? { type: "curvedCW", roundness: 0.2 } : undefined,
      width: strong ? 3.5 : 1 + 4 * (e.demand || 0),
      color: { color: strong ? "#343a40" : c, highlight: "#343a40", hover: "#343a40", opacity: 1 },
      title: title
    };
  }

  // -- emphasis: some nodes and edges drawn strongly, the rest veiled ---------------
  var nodes = new vis.DataSet(data.nodes.map(function (n) { return nodeView(n, false); }));
  var edges = new vis.DataSet(data.edges.map(function (e) { return edgeView(e, false); }));
  var edgeById = new Map();
  data.edges.forEach(function (e) { edgeById.set(e.id, e); });
  var emphasis = null;

  function emphasise(nodeIds, edgeIds) {
    var before = emphasis || { nodes: new Set(), edges: new Set() };
    emphasis = nodeIds ? { nodes: new Set(nodeIds), edges: new Set(edgeIds || []) } : null;
    var after = emphasis || { nodes: new Set(), edges: new Set() };
    // one DataSet update costs O(whole graph) inside vis-network (~0.5 s at 20k nodes):
    // large graphs rely on the veil alone
    if (!large) { restyle(before, after); }
    network.body.emitter.emit("_requestRedraw");
  }

  function restyle(before, after) {
    var nodeUpdates = [], edgeUpdates = [];
    before.nodes.forEach(function (id) { if (!after.nodes.has(id)) { nodeUpdates.push(nodeView(byId.get(id), false)); } });
    after.nodes.forEach(function (id) { if (!before.nodes.has(id)) { nodeUpdates.push(nodeView(byId.get(id), true)); } });
    before.edges.forEach(function (id) { if (!after.edges.has(id)) { edgeUpdates.push(edgeView(edgeById.get(id), false)); } });
    after.edges.forEach(function (id) { if (!before.edges.has(id)) { edgeUpdates.push(edgeView(edgeById.get(id), true)); } });
    if (nodeUpdates.length) { nodes.update(nodeUpdates); }
    if (edgeUpdates.length) { edges.update(edgeUpdates); }
  }

  function baseEmphasis() {
    if (hl) { emphasise(hl.nodes, hl.edges); } else { emphasise(null); }
  }

  var container = $("kg-graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    autoResize: true,
    physics: false,
    layout: { improvedLayout: false, randomSeed: 1 },
    interaction: { hover: !large, tooltipDelay: 150, hideEdgesOnDrag: large, hideEdgesOnZoom: large,
                   keyboard: false, navigationButtons: false, multiselect: false },
    nodes: { font: { face: "system-ui, 'Noto Sans CJK SC', 'PingFang SC', sans-serif" } },
    edges: { smooth: large ? false : { type: "cubicBezier", forceDirection: "vertical", roundness: 0.35 },
             arrows: { to: { scaleFactor: 0.5 } }, selectionWidth: 1.5, hoverWidth: 0.5 }
  });

  // a white background, so an exported PNG is not transparent
  network.on("beforeDrawing", function (ctx) {
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
  });

  network.on("afterDrawing", function (ctx) {
    if (!emphasis) { return; }
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = VEIL;
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
    var body = network.body;
    emphasis.edges.forEach(function (id) {
      var e = body.edges[id];
      if (e && e.connected && !e.from.options.hidden && !e.to.options.hidden) { e.draw(ctx); }
    });
    emphasis.nodes.forEach(function (id) {
      var n = body.nodes[id];
      if (n && !n.options.hidden) {
        var drawn = n.draw(ctx);
        // shapes with the label outside (dot, triangle…) hand back a callback for it
        if (drawn && drawn.drawExternalLabel) { drawn.drawExternalLabel(); }
        if (large) {  // no restyled border on large graphs: ring the node instead
          ctx.beginPath();
          ctx.arc(n.x, n.y, (n.options.size || 12) + 5, 0, 2 * Math.PI);
          ctx.lineWidth = 2;
          ctx.strokeStyle = "#212529";
          ctx.stroke();
        }
      }
    });
  });

  // -- details panel -----------------------------------------------------------
  function showDetails(id) {
    var n = byId.get(id);
    var box = $("kg-details");
    box.replaceChildren();
    if (!n) { box.appendChild(el("p", ui.hint, "kg-hint")); return; }
    var badge = el("span", labelName(n.label), "kg-badge");
    badge.style.background = (styleOf[n.label] || {}).color || "#868e96";
    var h = el("h3", numbers[n.id] ? numbers[n.id] + ". " + n.name : n.name);
    box.appendChild(h);
    box.appendChild(badge);
    var dl = el("dl");
    function row(term, value) {
      if (value === undefined || value === null || value === "" || (value.length === 0)) { return; }
      dl.appendChild(el("dt", term));
      var dd = el("dd");
      if (Array.isArray(value)) {
        var ul = el("ul");
        value.forEach(function (v) { ul.appendChild(v instanceof Node ? v : el("li", v)); });
        dd.appendChild(ul);
      } else if (value instanceof Node) {
        dd.appendChild(value);
      } else {
        dd.textContent = String(value);
      }
      dl.appendChild(dd);
    }
    row(ui.id, n.id);
    if (n.other_name) { row(data.lang === "zh" ? "English" : "中文", n.other_name); }
    row(ui.aliases, n.aliases ? n.aliases.join(", ") : "");
    row(ui.description, n.description);
    if (n.effort_hours !== undefined) { row(ui.effort, n.effort_hours + " " + ui.hours); }
    if (n.url && /^https?:\/\//i.test(n.url)) {
      var a = el("a", n.url);
      a.href = n.url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      row(ui.url, a);
    } else if (n.url) {
      row(ui.url, n.url);
    }
    row(ui.provenance, n.provenance || []);
    row(ui.demand, n.demand || []);
    var rels = [];
    network.getConnectedEdges(id).forEach(function (eid) {
      var e = edgeById.get(eid);
      var out = e.from === id;
      var other = byId.get(out ? e.to : e.from);
      var li = el("li");
      li.appendChild(el("span", out ? e.type + " → " : e.type + " ← "));
      var link = el("span", other.name, "kg-link");
      link.addEventListener("click", function () { choose(other.id); });
      li.appendChild(link);
      rels.push(li);
    });
    if (rels.length > 60) {
      var more = rels.length - 60;
      rels = rels.slice(0, 60);
      rels.push(el("li", "… +" + more));
    }
    row(ui.relationships, rels);
    box.appendChild(dl);
  }

  function neighbourhood(id) {
    return { nodes: [id].concat(network.getConnectedNodes(id)), edges: network.getConnectedEdges(id) };
  }

  function select(id) {
    var near = neighbourhood(id);
    emphasise(near.nodes, near.edges);
    network.selectNodes([id], false);
    showDetails(id);
  }

  function reveal(id) {
    var n = byId.get(id);
    if (n && hiddenLabels.has(n.label) && !revealed.has(n.id)) {
      revealed.add(n.id);
      nodes.update({ id: n.id, hidden: false });
    }
  }

  /** Jump to a node: show it, select it, centre the view on it. */
  function choose(id) {
    if (!byId.has(id)) { return; }
    reveal(id);
    select(id);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
  }

  network.on("click", function (params) {
    if (params.nodes.length) {
      select(params.nodes[0]);
    } else if (!params.edges.length) {
      network.unselectAll();
      baseEmphasis();
      showDetails(null);
    }
  });

  // -- search ----------------------------------------------------------------------
  function norm(s) { return String(s).normalize("NFKC").toLowerCase().trim(); }
  var index = data.nodes.map(function (n) {
    var keys = [n.name, n.id];
    if (n.other_name) { keys.push(n.other_name); }
    if (n.aliases) { keys = keys.concat(n.aliases); }
    return { id: n.id, keys: keys.map(norm) };
  });

  function matches(query, limit) {
    var q = norm(query);
    if (!q) { return []; }
    var found = [];
    index.forEach(function (item) {
      var best = 9, via = null;
      item.keys.forEach(function (k, i) {
        var score = k === q ? 0 : k.startsWith(q) ? 1 : k.indexOf(" " + q) >= 0 || k.indexOf("-" + q) >= 0 ? 2 : k.indexOf(q) >= 0 ? 3 : 9;
        if (score < best) { best = score; via = i; }
      });
      if (best < 9) { found.push({ id: item.id, score: best, via: via }); }
    });
    found.sort(function (a, b) {
      return a.score - b.score || byId.get(a.id).name.length - byId.get(b.id).name.length ||
        (byId.get(a.id).name < byId.get(b.id).name ? -1 : 1);
    });
    return found.slice(0, limit);
  }

  var input = $("kg-search"), list = $("kg-suggestions");
  var current = [], active = 0;

  function renderSuggestions() {
    list.replaceChildren();
    if (!input.value.trim()) { list.hidden = true; return; }
    if (!current.length) {
      list.appendChild(el("li", ui.nomatch, "kg-sub"));
    }
    current.forEach(function (m, i) {
      var n = byId.get(m.id);
      var li = el("li");
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", i === active ? "true" : "false");
      li.appendChild(el("span", n.name));
      li.appendChild(el("span", labelName(n.label), "kg-sub"));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(i); });
      list.appendChild(li);
    });
    list.hidden = false;
  }

  function pick(i) {
    var m = current[i];
    if (!m) { return; }
    input.value = byId.get(m.id).name;
    list.hidden = true;
    choose(m.id);
  }

  input.addEventListener("input", function () {
    current = matches(input.value, 12);
    active = 0;
    renderSuggestions();
  });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (current.length) {
        active = (active + (ev.key === "ArrowDown" ? 1 : current.length - 1)) % current.length;
        renderSuggestions();
      }
      ev.preventDefault();
    } else if (ev.key === "Enter") {
      if (!current.length) { current = matches(input.value, 12); active = 0; }
      pick(active);
      ev.preventDefault();
    } else if (ev.key === "Escape") {
      list.hidden = true;
    }
  });
  input.addEventListener("blur", function () { list.hidden = true; });

  // -- legend: one entry per label, click to show/hide ------------------------------
  data.legend.forEach(function (l) {
    if (!l.count) { return; }
    var li = el("li");
    li.dataset.label = l.label;
    var sym = el("span", l.symbol, "kg-symbol");
    sym.style.color = l.color;
    li.appendChild(sym);
    li.appendChild(el("span", l.name));
    li.appendChild(el("span", l.count.toLocaleString(), "kg-count"));
    if (hiddenLabels.has(l.label)) { li.classList.add("kg-off"); }
    li.addEventListener("click", function () {
      if (hiddenLabels.has(l.label)) { hiddenLabels.delete(l.label); } else { hiddenLabels.add(l.label); }
      li.classList.toggle("kg-off", hiddenLabels.has(l.label));
      var updates = [];
      data.nodes.forEach(function (n) {
        if (n.label === l.label) { updates.push({ id: n.id, hidden: hiddenLabels.has(n.label) && !revealed.has(n.id) }); }
      });
      nodes.update(updates);
    });
    $("kg-legend-list").appendChild(li);
  });

  // -- the path or plan, in order ---------------------------------------------------
  if (hl) {
    $("kg-steps-box").hidden = false;
    $("kg-steps-title").textContent = hl.kind === "plan" ? ui.steps : ui.path;
    var ol = $("kg-steps");
    var items = hl.kind === "plan" ? hl.steps : hl.nodes.map(function (id) { return { id: id, name: byId.get(id).name }; });
    items.forEach(function (s) {
      var li = el("li");
      li.appendChild(el("span", s.name + (s.hours !== undefined && s.hours !== null ? " — " + s.hours + " " + ui.hours : "")));
      if (s.reason) { li.appendChild(el("span", s.reason, "kg-sub")); }
      if (s.tools && s.tools.length) { li.appendChild(el("span", s.tools.join(", "), "kg-sub")); }
      li.addEventListener("click", function () { choose(s.id); });
      ol.appendChild(li);
    });
  }

  // -- buttons ---------------------------------------------------------------------
  function resetView() {
    network.unselectAll();
    baseEmphasis();
    showDetails(data.focus);
    if (data.focus) { network.selectNodes([data.focus], false); }
    if (hl) { network.fit({ nodes: hl.nodes, animation: false }); } else { network.fit({ animation: false }); }
  }
  $("kg-reset").addEventListener("click", resetView);

  $("kg-png").addEventListener("click", function () {
    var canvas = container.querySelector("canvas");
    canvas.toBlob(function (blob) {
      var url = URL.createObjectURL(blob);
      var a = el("a");
      a.href = url;
      a.download = "graph.png";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    }, "image/png");
  });

  // -- start -----------------------------------------------------------------------
  var explorer = {
    network: network, nodes: nodes, edges: edges, data: data,
    choose: choose, matches: matches,
    emphasised: function () { return emphasis ? Array.from(emphasis.nodes) : null; },
    firstDraw: null
  };
  network.once("afterDrawing", function () { explorer.firstDraw = performance.now(); });
  window.kgExplorer = explorer;
  resetView();
})();
