/* mle-kg explorer: draws the graph embedded in #kg-data with vis-network, and the planner.
 * Text from data reaches the DOM through textContent only, never innerHTML,
 * and vis-network shows string tooltips as text (innerText). */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var ui = data.ui;
  var large = data.large;
  var FONT = 17;          // label size in graph units: >= 12 px at the opening zoom of a 1400x900 window
  var WRAP = 142;         // labels wrap inside one column of the layout (150 graph units)
  // Dimming is painted over the canvas after each draw (then the emphasised items are
  // drawn again on top): restyling every item through the DataSet takes seconds at 20k nodes.
  var VEIL = "rgba(255,255,255,0.82)";
  var styleOf = {};
  data.legend.forEach(function (l) { styleOf[l.label] = l; });
  var relName = {}, twoWay = {};  // twoWay: drawn without an arrow (html.py's SYMMETRIC)
  (data.edge_legend || []).forEach(function (r) { relName[r.type] = r.name; twoWay[r.type] = r.arrow === false; });
  var byId = new Map();
  data.nodes.forEach(function (n) { byId.set(n.id, n); });
  var hl = data.highlight && data.highlight.kind === "path" ? data.highlight : null;
  var numbers = {};
  var hiddenLabels = new Set(data.hidden_labels);
  var revealed = new Set();
  var planner = null;  // made right after the first draw (startPlanner), from #kg-model

  function $(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function labelName(label) { return ui[label] || label; }
  function shorten(text, max) { return text.length > max ? text.slice(0, max - 1) + "…" : text; }
  function nameOf(id) { var n = byId.get(id); return n ? n.name : planner.name(id); }

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
      widthConstraint: large ? undefined : { maximum: WRAP },
      color: { background: s.color, border: strong ? "#212529" : s.color,
               highlight: { background: s.color, border: "#212529" }, hover: { background: s.color, border: "#212529" } },
      // large graphs: no wrapping or halo to measure and paint at 20k labels
      font: large ? { color: "#212529", size: FONT } : { color: "#212529", size: FONT, strokeWidth: 3, strokeColor: "#ffffff" }
    };
  }

  // Relationships shown with nothing selected: only the skills of each layer (short, uncrossed);
  // a selection shows its own relationships, a plan its own; "Show all" shows everything.
  var showAll = false;
  function baseEdge(e) { return showAll || e.type === "HAS_SKILL"; }

  function edgeView(e, strong) {
    var c = data.edge_colors[e.type] || "#adb5bd";
    var from = byId.get(e.from), to = byId.get(e.to);
    var title = from.name + "  —" + (relName[e.type] || e.type) + (e.level ? " (" + (ui[e.level] || e.level) + ")" : "") + "→  " + to.name;
    if (e.provenance && e.provenance.length) { title += "\n" + shorten(e.provenance[e.provenance.length - 1], 240); }
    return {
      id: e.id, from: e.from, to: e.to,
      arrows: twoWay[e.type] ? "" : "to",
      dashes: e.level === "bonus",
      hidden: !(strong || baseEdge(e)),
      // relationships inside one band (track to track, skill to skill) arc instead of crossing the row
      smooth: from.label === to.label && !large ? { type: "curvedCW", roundness: 0.2 } : undefined,
      width: strong ? 3.5 : 1 + 4 * (e.demand || 0),
      color: { color: strong ? "#343a40" : c, highlight: "#343a40", hover: "#343a40", opacity: 1 },
      title: title
    };
  }

  // -- emphasis: some nodes and edges drawn strongly, the rest veiled ---------------
  // Large graphs give vis-network only the nodes shown (its set-up costs about 0.2 ms a node):
  // a node of a hidden label joins when it is revealed (search, plan, selection, legend).
  var nodes = new vis.DataSet(data.nodes.filter(function (n) { return !large || !hiddenLabels.has(n.label); })
    .map(function (n) { return nodeView(n, false); }));
  /** Apply whole node views: on large graphs a hidden node leaves the data set and a shown one joins it
   *  (with the relationships drawn by default between it and the nodes already there). */
  function putNodes(views) {
    if (!large) { if (views.length) { nodes.update(views); } return; }
    var shown = views.filter(function (v) { return !v.hidden; });
    var gone = views.filter(function (v) { return v.hidden && nodes.get(v.id); }).map(function (v) { return v.id; });
    if (shown.length) { nodes.update(shown); }
    if (gone.length) { nodes.remove(gone); }
    var more = [], seen = new Set();
    shown.forEach(function (v) {
      connectedEdges(v.id).forEach(function (eid) {
        var e = edgeById.get(eid);
        if (!seen.has(eid) && baseEdge(e) && nodes.get(e.from) && nodes.get(e.to) && !edges.get(eid)) {
          seen.add(eid);
          more.push(edgeView(e, false));
        }
      });
    });
    if (more.length) { edges.add(more); }
  }
  // Large graphs give vis-network only the relationships drawn at first (building 40,000 hidden
  // edges costs about a second); the selection's relationships are painted over the veil.
  // (and only between nodes it holds: every relationship it holds is re-linked when a node joins)
  var edges = new vis.DataSet(data.edges.filter(function (e) {
    return !large || (baseEdge(e) && nodes.get(e.from) !== null && nodes.get(e.to) !== null);
  }).map(function (e) { return edgeView(e, false); }));
  var edgeById = new Map();
  data.edges.forEach(function (e) { edgeById.set(e.id, e); });
  var edgesAt = null;  // node id -> ids of its relationships, made on first use
  function connectedEdges(id) {
    if (!edgesAt) {
      edgesAt = new Map();
      for (var i = 0; i < data.edges.length; i++) {
        var e = data.edges[i], a = edgesAt.get(e.from), b = edgesAt.get(e.to);
        if (a === undefined) { a = []; edgesAt.set(e.from, a); }
        a.push(e.id);
        if (e.to !== e.from) {
          if (b === undefined) { b = []; edgesAt.set(e.to, b); }
          b.push(e.id);
        }
      }
    }
    return edgesAt.get(id) || [];
  }
  function connectedNodes(id) {
    var out = [];
    connectedEdges(id).forEach(function (eid) {
      var e = edgeById.get(eid), other = e.from === id ? e.to : e.from;
      if (out.indexOf(other) < 0) { out.push(other); }
    });
    return out;
  }
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
    before.nodes.forEach(function (id) { if (!after.nodes.has(id) && byId.has(id)) { nodeUpdates.push(nodeView(byId.get(id), false)); } });
    after.nodes.forEach(function (id) { if (byId.has(id)) { nodeUpdates.push(nodeView(byId.get(id), true)); } });
    before.edges.forEach(function (id) { if (!after.edges.has(id)) { edgeUpdates.push(edgeView(edgeById.get(id), false)); } });
    after.edges.forEach(function (id) { if (!before.edges.has(id)) { edgeUpdates.push(edgeView(edgeById.get(id), true)); } });
    putNodes(nodeUpdates);
    if (edgeUpdates.length) { edges.update(edgeUpdates); }
  }

  var planView = null;  // {nodes, edges} of the plan in the planner, when there is one

  function baseEmphasis() {
    if (planView) { emphasise(planView.nodes, planView.edges); } else if (hl) { emphasise(hl.nodes, hl.edges); } else { emphasise(null); }
  }

  var container = $("kg-graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    autoResize: true,
    physics: false,
    layout: { improvedLayout: false, randomSeed: 1 },
    interaction: { hover: !large, tooltipDelay: 150, hideEdgesOnDrag: large, hideEdgesOnZoom: large,
                   // the focused graph pans with the arrow keys and zooms with +/- (not while typing elsewhere)
                   keyboard: { enabled: true, bindToWindow: false }, navigationButtons: false, multiselect: false },
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

  /** Where a node is drawn: vis-network's node when it holds and shows it; on large graphs, a node of
   *  the emphasis that it does not hold is painted at its place in the layout (see paintNode). */
  function placeOf(id) {
    var n = network.body.nodes[id];
    if (n && !n.options.hidden) { return { x: n.x, y: n.y, size: n.options.size }; }
    var d = large && emphasis && emphasis.nodes.has(id) ? byId.get(id) : null;
    return d ? { x: d.x, y: d.y, size: (styleOf[d.label] || {}).size || 12 } : null;
  }

  /** A node vis-network does not hold (large graphs: hidden labels stay out of it, since every change
   *  to its data costs time in proportion to the whole graph): a disc in its colour, ringed, and its name. */
  function paintNode(ctx, n) {
    var s = styleOf[n.label] || { color: "#868e96", size: 12 }, r = s.size || 12;
    ctx.save();
    ctx.fillStyle = s.color;
    ctx.beginPath(); ctx.arc(n.x, n.y, r, 0, 2 * Math.PI); ctx.fill();
    ctx.lineWidth = 2;
    ctx.strokeStyle = "#212529";
    ctx.beginPath(); ctx.arc(n.x, n.y, r + 5, 0, 2 * Math.PI); ctx.stroke();
    ctx.fillStyle = "#212529";
    ctx.font = FONT + "px system-ui, 'Noto Sans CJK SC', 'PingFang SC', sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.fillText(numbers[n.id] ? numbers[n.id] + ". " + n.name : n.name, n.x, n.y + r + 7);
    ctx.restore();
  }

  /** A relationship vis-network does not hold or cannot draw (large graphs): a straight line with an arrowhead. */
  function paintEdge(ctx, e) {
    var a = e && placeOf(e.from), b = e && placeOf(e.to);
    if (!a || !b) { return; }
    var dx = b.x - a.x, dy = b.y - a.y, len = Math.hypot(dx, dy) || 1, ux = dx / len, uy = dy / len;
    var end = (b.size || 12) + 2, tipX = b.x - ux * end, tipY = b.y - uy * end;
    ctx.save();
    ctx.strokeStyle = ctx.fillStyle = data.edge_colors[e.type] || "#868e96";
    ctx.lineWidth = 2;
    ctx.setLineDash(e.level === "bonus" ? [8, 5] : []);
    ctx.beginPath(); ctx.moveTo(a.x, a.y); ctx.lineTo(tipX, tipY); ctx.stroke();
    if (e.type !== "OVERLAPS_WITH" && e.type !== "COLLABORATES_WITH") {
      ctx.beginPath();
      ctx.moveTo(tipX, tipY);
      ctx.lineTo(tipX - ux * 10 - uy * 5, tipY - uy * 10 + ux * 5);
      ctx.lineTo(tipX - ux * 10 + uy * 5, tipY - uy * 10 - ux * 5);
      ctx.closePath();
      ctx.fill();
    }
    ctx.restore();
  }

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
      if (e && e.connected && !e.from.options.hidden && !e.to.options.hidden) {
        // large graphs do not restyle through the DataSet: a relationship hidden there is drawn here
        var hidden = e.options.hidden;
        e.options.hidden = false;
        e.draw(ctx);
        e.drawArrows(ctx);
        e.options.hidden = hidden;
      } else if (!e || large) {
        paintEdge(ctx, edgeById.get(id));
      }
    });
    emphasis.nodes.forEach(function (id) {
      var n = body.nodes[id];
      if (large && (!n || n.options.hidden) && byId.has(id)) {
        paintNode(ctx, byId.get(id));
      } else if (n && !n.options.hidden) {
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

  function visibleIds() {
    var out = [];
    data.nodes.forEach(function (n) { if (!hiddenLabels.has(n.label) || revealed.has(n.id)) { out.push(n.id); } });
    return out;
  }
  function fitVisible(ids) { network.fit({ nodes: ids || visibleIds(), animation: false }); }

  // -- details panel -----------------------------------------------------------
  function linkTo(id, text) {
    var b = el("button", text, "kg-link");
    b.type = "button";
    b.addEventListener("click", function () { choose(id); });
    return b;
  }

  function showDetails(id) {
    var n = byId.get(id);
    var box = $("kg-details");
    box.replaceChildren();
    if (!n) { box.appendChild(el("p", ui.hint, "kg-hint")); return; }
    var badge = el("span", labelName(n.label), "kg-badge");
    badge.style.background = (styleOf[n.label] || {}).color || "#868e96";
    box.appendChild(el("h3", numbers[n.id] ? numbers[n.id] + ". " + n.name : n.name));
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
    row(ui.required_by, (n.required_by || []).map(function (r) {
      var li = el("li");
      li.appendChild(linkTo(r[0], nameOf(r[0])));
      li.appendChild(el("span", " — " + (ui[r[1]] || r[1]), "kg-level kg-" + r[1]));
      return li;
    }));
    row(ui.demand, n.demand || []);
    row(ui.provenance, n.provenance || []);
    var rels = [];
    connectedEdges(id).forEach(function (eid) {
      var e = edgeById.get(eid);
      var out = e.from === id;
      var other = byId.get(out ? e.to : e.from);
      var li = el("li");
      li.appendChild(el("span", (relName[e.type] || e.type) + (e.level ? " (" + (ui[e.level] || e.level) + ")" : "") + (out ? " → " : " ← ")));
      li.appendChild(linkTo(other.id, other.name));
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

  function select(id) {
    // (on large graphs, neighbours vis-network does not hold are painted over the veil: see paintNode)
    var near = { nodes: [id].concat(connectedNodes(id)), edges: connectedEdges(id) };
    emphasise(near.nodes, near.edges);
    network.selectNodes([id], false);
    showDetails(id);
  }

  function reveal(id) {
    var n = byId.get(id);
    if (n && hiddenLabels.has(n.label) && !revealed.has(n.id)) {
      revealed.add(n.id);
      if (large) { putNodes([nodeView(n, !!(emphasis && emphasis.nodes.has(id)))]); } else { nodes.update({ id: n.id, hidden: false }); }
    }
  }

  /** Show these nodes (one change to vis-network's data for all of them). */
  function revealAll(ids) {
    var views = [];
    ids.forEach(function (id) {
      var n = byId.get(id);
      if (n && hiddenLabels.has(n.label) && !revealed.has(n.id)) {
        revealed.add(n.id);
        views.push(large ? nodeView(n, !!(emphasis && emphasis.nodes.has(id))) : { id: n.id, hidden: false });
      }
    });
    if (large) { putNodes(views); } else if (views.length) { nodes.update(views); }
  }

  /** Jump to a node: show it, select it, centre the view on it. */
  function choose(id) {
    if (!byId.has(id)) { return; }
    reveal(id);
    select(id);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
  }

  function clearSelection() {
    network.unselectAll();
    baseEmphasis();
    showDetails(null);
  }

  network.on("click", function (params) {
    if (params.nodes.length) {
      select(params.nodes[0]);
    } else if (!params.edges.length) {
      clearSelection();
    }
  });

  // -- search: names, Chinese names, ids, aliases; close spellings as `kg` suggests them ---------
  function norm(s) { return String(s).normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim(); }
  var index = data.nodes.map(function (n) {
    var keys = [n.name, n.id];
    if (n.other_name) { keys.push(n.other_name); }
    if (n.aliases) { keys = keys.concat(n.aliases); }
    return { id: n.id, keys: keys.map(norm) };
  });

  /** difflib.SequenceMatcher(None, a, b).ratio(), as the CLI's suggestions use it. */
  function ratio(a, b) {
    var b2j = new Map();
    for (var j = 0; j < b.length; j++) {
      if (!b2j.has(b[j])) { b2j.set(b[j], []); }
      b2j.get(b[j]).push(j);
    }
    function longest(alo, ahi, blo, bhi) {
      var besti = alo, bestj = blo, bestsize = 0, j2len = new Map();
      for (var i = alo; i < ahi; i++) {
        var next = new Map();
        (b2j.get(a[i]) || []).forEach(function (jj) {
          if (jj < blo || jj >= bhi) { return; }
          var k = (j2len.get(jj - 1) || 0) + 1;
          next.set(jj, k);
          if (k > bestsize) { besti = i - k + 1; bestj = jj - k + 1; bestsize = k; }
        });
        j2len = next;
      }
      while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) { besti--; bestj--; bestsize++; }
      while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) { bestsize++; }
      return [besti, bestj, bestsize];
    }
    var matches = 0, queue = [[0, a.length, 0, b.length]];
    while (queue.length) {
      var q = queue.pop(), m = longest(q[0], q[1], q[2], q[3]);
      if (m[2]) {
        matches += m[2];
        if (q[0] < m[0] && q[2] < m[1]) { queue.push([q[0], m[0], q[2], m[1]]); }
        if (m[0] + m[2] < q[1] && m[1] + m[2] < q[3]) { queue.push([m[0] + m[2], q[1], m[1] + m[2], q[3]]); }
      }
    }
    return a.length + b.length ? 2 * matches / (a.length + b.length) : 1;
  }

  /** Whether ratio(q, k) can reach ``cutoff``: difflib's real_quick_ratio and quick_ratio, upper bounds
   *  that are cheap (lengths; shared letters), so the close-spelling scan skips most keys unmeasured. */
  function mayReach(q, counts, k, cutoff) {
    var total = q.length + k.length;
    if (!total || 2 * Math.min(q.length, k.length) / total < cutoff) { return total === 0; }
    var left = new Map(), shared = 0;
    for (var i = 0; i < k.length; i++) {
      var ch = k[i], n = left.has(ch) ? left.get(ch) : (counts.get(ch) || 0);
      if (n > 0) { shared++; }
      left.set(ch, n - 1);
    }
    return 2 * shared / total >= cutoff;
  }

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
    if (!found.length) {
      // like difflib.get_close_matches(query, spellings, n=6, cutoff=0.6)
      // only the best six are kept, so a key that cannot beat the sixth best so far is not measured
      var close = [], counts = new Map(), top = [];
      for (var c = 0; c < q.length; c++) { counts.set(q[c], (counts.get(q[c]) || 0) + 1); }
      index.forEach(function (item) {
        var best = 0, floor = top.length < 6 ? 0.6 : Math.max(0.6, top[5]);
        item.keys.forEach(function (k) {
          if (mayReach(q, counts, k, Math.max(best, floor))) { best = Math.max(best, ratio(q, k)); }
        });
        if (best >= floor) {
          close.push({ id: item.id, score: 4, r: best, fuzzy: true });
          top.push(best);
          top.sort(function (a, b) { return b - a; });
          if (top.length > 6) { top.pop(); }
        }
      });
      close.sort(function (a, b) { return b.r - a.r || (a.id < b.id ? -1 : 1); });
      found = close.slice(0, 6);
    }
    return found.slice(0, limit);
  }

  var input = $("kg-search"), list = $("kg-suggestions");
  var current = [], active = 0;

  function renderSuggestions() {
    list.replaceChildren();
    if (!input.value.trim()) { list.hidden = true; input.setAttribute("aria-expanded", "false"); return; }
    if (!current.length) {
      list.appendChild(el("li", ui.nomatch, "kg-sub"));
    } else if (current[0].fuzzy) {
      list.appendChild(el("li", ui.nomatch + " — " + ui.didyoumean + ":", "kg-sub"));
    }
    current.forEach(function (m, i) {
      var n = byId.get(m.id);
      var li = el("li");
      li.id = "kg-sugg-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", i === active ? "true" : "false");
      li.appendChild(el("span", n.name));
      li.appendChild(el("span", labelName(n.label), "kg-sub"));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(i); });
      list.appendChild(li);
    });
    if (current.length) { input.setAttribute("aria-activedescendant", "kg-sugg-" + active); }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function pick(i) {
    var m = current[i];
    if (!m) { return; }
    input.value = byId.get(m.id).name;
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
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
  input.addEventListener("blur", function () { list.hidden = true; input.setAttribute("aria-expanded", "false"); });

  // -- legend: one button per label (show/hide, then re-fit), relationship colours -----------
  data.legend.forEach(function (l) {
    if (!l.count) { return; }
    var li = el("li");
    var b = el("button", null, "kg-legend-item");
    b.type = "button";
    b.dataset.label = l.label;
    li.dataset.label = l.label;
    var sym = el("span", l.symbol, "kg-symbol");
    sym.style.color = l.color;
    sym.setAttribute("aria-hidden", "true");
    b.appendChild(sym);
    b.appendChild(el("span", l.name));
    // (toLocaleString would load the locale data before the first draw)
    b.appendChild(el("span", String(l.count).replace(/\B(?=(\d{3})+(?!\d))/g, ","), "kg-count"));
    function sync() {
      li.classList.toggle("kg-off", hiddenLabels.has(l.label));
      b.setAttribute("aria-pressed", hiddenLabels.has(l.label) ? "false" : "true");
    }
    sync();
    b.addEventListener("click", function () {
      if (hiddenLabels.has(l.label)) { hiddenLabels.delete(l.label); } else { hiddenLabels.add(l.label); }
      sync();
      var updates = [];
      data.nodes.forEach(function (n) {
        if (n.label !== l.label) { return; }
        if (large) { updates.push(nodeView(n, !!(emphasis && emphasis.nodes.has(n.id)))); }
        else { updates.push({ id: n.id, hidden: hiddenLabels.has(n.label) && !revealed.has(n.id) }); }
      });
      if (large) { putNodes(updates); } else { nodes.update(updates); }
      fitVisible();
    });
    li.appendChild(b);
    $("kg-legend-list").appendChild(li);
  });
  (data.edge_legend || []).forEach(function (r) {
    var li = el("li");
    var line = el("span", null, "kg-line");
    line.style.borderTopColor = r.color;
    line.setAttribute("aria-hidden", "true");
    li.appendChild(line);
    li.appendChild(el("span", r.name));
    $("kg-edge-legend").appendChild(li);
  });
  [["kg-line kg-dashed", ui.dashed], ["kg-line kg-thick", ui.width]].forEach(function (x) {
    var li = el("li", null, "kg-sub");
    var line = el("span", null, x[0]);
    line.setAttribute("aria-hidden", "true");
    li.appendChild(line);
    li.appendChild(el("span", x[1]));
    $("kg-edge-legend").appendChild(li);
  });

  // -- a path from the command line, in order ---------------------------------------
  if (hl) {
    $("kg-steps-box").hidden = false;
    $("kg-steps-title").textContent = ui.path;
    var ol = $("kg-steps");
    hl.nodes.forEach(function (id) {
      var li = el("li");
      li.appendChild(linkTo(id, nameOf(id)));
      ol.appendChild(li);
    });
    revealAll(hl.nodes);
  }

  // -- the planner ------------------------------------------------------------------
  var form = $("planner");
  var tracks = [], knowIds = [];

  /** Fill the planner's lists from the graph model (tracks for from/to/compare, skills and tools to tick). */
  function fillPlanner() {
    tracks = planner.m.tracks.slice().sort(function (a, b) { return planner.name(a).localeCompare(planner.name(b)); });
    var toPrompt = el("option", "—");
    toPrompt.value = "";
    toPrompt.disabled = true;
    toPrompt.hidden = true;
    form.elements.to.appendChild(toPrompt);
    tracks.forEach(function (t) {
      [form.elements.from, form.elements.to, $("kg-cmp-a"), $("kg-cmp-b")].forEach(function (sel) {
        var o = el("option", planner.name(t));
        o.value = t;
        sel.appendChild(o);
      });
    });
    form.elements.to.value = "";
    ["Skill", "Tool"].forEach(function (lab) {
      Object.keys(planner.m.nodes).filter(function (id) { return planner.m.nodes[id].label === lab; })
        .sort(function (a, b) { return planner.name(a).localeCompare(planner.name(b)); })
        .forEach(function (id) { knowIds.push(id); });
    });
    knowIds.forEach(function (id) {
      var n = byId.get(id) || { name: planner.name(id) };
      knowKeys[id] = [n.name, id, n.other_name || ""].concat(n.aliases || []).map(norm);
    });
    if (tracks.length > 1) {
      $("kg-cmp-a").value = tracks[0];
      $("kg-cmp-b").value = tracks[1];
    }
  }
  var knowBox = $("kg-know");
  var knowKeys = {};
  var knownTicks = new Set();
  var KNOW_SHOWN = 300;  // ticks drawn at once; the filter finds the others
  function renderKnow() {
    var q = norm($("kg-know-filter").value);
    knowBox.replaceChildren();
    var shown = 0;
    knowIds.forEach(function (id) {
      if (shown >= KNOW_SHOWN || (q && !knowKeys[id].some(function (k) { return k.indexOf(q) >= 0; }))) { return; }
      shown++;
      var lab = el("label", null, "kg-know-item");
      lab.dataset.id = id;
      var cb = el("input");
      cb.type = "checkbox";
      cb.name = "know";
      cb.value = id;
      cb.checked = knownTicks.has(id);
      cb.addEventListener("change", function () { if (cb.checked) { knownTicks.add(id); } else { knownTicks.delete(id); } });
      lab.appendChild(cb);
      lab.appendChild(el("span", " " + planner.name(id)));
      lab.appendChild(el("span", " " + labelName(planner.m.nodes[id].label), "kg-sub"));
      knowBox.appendChild(lab);
    });
  }
  $("kg-know-filter").addEventListener("input", renderKnow);
  $("kg-know-filter").addEventListener("keydown", function (ev) { if (ev.key === "Enter") { ev.preventDefault(); } });
  $("kg-know-clear").addEventListener("click", function () {
    knownTicks.clear();
    renderKnow();
    replan();
  });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });

  function readForm() {
    var hpw = parseFloat(form.elements.hours_per_week.value);
    return {
      from: form.elements.from.value || null,
      to: form.elements.to.value || null,
      level: form.querySelector("input[name=level]:checked") ? form.querySelector("input[name=level]:checked").value : "full",
      bonus: form.elements.bonus.checked,
      byDemand: form.elements.by_demand.checked,
      hpw: hpw > 0 && isFinite(hpw) ? hpw : null,
      know: knowIds.filter(function (id) { return knownTicks.has(id); })
    };
  }

  function writeForm(state) {
    function has(v) { return v !== undefined && v !== null; }
    if (has(state.from)) { form.elements.from.value = planner.m.nodes[state.from] ? state.from : ""; }
    if (has(state.to)) { form.elements.to.value = planner.m.nodes[state.to] ? state.to : ""; }
    if (has(state.level)) {
      form.querySelectorAll("input[name=level]").forEach(function (r) { r.checked = r.value === state.level; });
    }
    if (has(state.bonus)) { form.elements.bonus.checked = !!state.bonus; }
    if (has(state.byDemand)) { form.elements.by_demand.checked = !!state.byDemand; }
    if (has(state.hpw)) { form.elements.hours_per_week.value = state.hpw || ""; }
    if (has(state.know)) {
      knownTicks = new Set(state.know.filter(function (id) { return knowKeys[id] !== undefined; }));
      renderKnow();
    }
  }

  // The URL fragment keeps the planner's state: a link to the same file opens the same plan.
  function toFragment(s) {
    var parts = [];
    if (s.from) { parts.push("from=" + encodeURIComponent(s.from)); }
    if (s.to) { parts.push("to=" + encodeURIComponent(s.to)); }
    if (s.to) { parts.push("level=" + s.level); }
    if (s.know.length) { parts.push("know=" + s.know.map(encodeURIComponent).join(",")); }
    if (s.bonus) { parts.push("bonus=1"); }
    if (s.byDemand) { parts.push("demand=1"); }
    if (s.hpw) { parts.push("hpw=" + s.hpw); }
    return parts.join("&");
  }
  function fromFragment(hash) {
    var s = { from: null, to: null, level: "full", know: [], bonus: false, byDemand: false, hpw: null }, found = false;
    function dec(x) { try { return decodeURIComponent(x); } catch (e) { return ""; } }
    hash.replace(/^#/, "").split("&").forEach(function (kv) {
      var i = kv.indexOf("="), k = kv.slice(0, i), v = kv.slice(i + 1);
      if (i < 0) { return; }
      if (k === "from") { s.from = dec(v); } else if (k === "to") { s.to = dec(v); }
      else if (k === "level") { s.level = v === "entry" ? "entry" : "full"; }
      else if (k === "know") { s.know = v ? v.split(",").map(dec) : []; }
      else if (k === "bonus") { s.bonus = v === "1"; } else if (k === "demand") { s.byDemand = v === "1"; }
      else if (k === "hpw") { s.hpw = parseFloat(v) > 0 ? parseFloat(v) : null; } else { return; }
      found = true;
    });
    return found ? s : null;
  }
  var lastFragment = null;
  function saveFragment(s) {
    var frag = toFragment(s);
    lastFragment = frag;
    if (location.hash.replace(/^#/, "") === frag) { return; }
    try { history.replaceState(null, "", frag ? "#" + frag : location.pathname + location.search); } catch (e) { /* opaque origins */ }
  }

  var currentPlan = null;

  /** Weeks with ``hpw`` hours a week: step i covers hours (H(i-1), H(i)]. */
  function schedule(steps, hpw) {
    var h = 0;
    return steps.map(function (s) {
      var a = h / hpw;
      h += s.hours;
      // as kg plan's schedule: weeks to one decimal, the step's first and last week
      return { weeks: window.KGPlanner.round(h / hpw - a, 1), first: Math.floor(a) + 1,
               last: Math.max(Math.floor(a) + 1, Math.ceil(h / hpw)) };
    });
  }

  function setNumbers(map) {
    var old = numbers;
    numbers = map;
    var touched = new Set(Object.keys(old).concat(Object.keys(map)));
    var updates = [];
    touched.forEach(function (id) {
      if (byId.has(id) && old[id] !== map[id]) {
        var strong = emphasis && emphasis.nodes.has(id);
        updates.push(nodeView(byId.get(id), !!strong));
      }
    });
    putNodes(updates);
  }

  function replan() {
    if (!planner) { return null; }
    var s = readForm();
    var box = $("kg-plan-box"), ol = $("kg-plan");
    $("kg-known-count").textContent = s.know.length ? "(" + s.know.length + " " + ui.known_count + ")" : "";
    saveFragment(s);
    if ($("kg-fit-box").open) { renderFit(s); }
    if (!s.to) {
      currentPlan = null;
      box.hidden = true;
      ol.replaceChildren();
      planView = null;
      setNumbers({});
      baseEmphasis();
      return null;
    }
    var plan = planner.plan({ from: s.from, to: s.to, know: s.know, level: s.level, bonus: s.bonus, byDemand: s.byDemand });
    currentPlan = plan;
    box.hidden = false;
    ol.replaceChildren();
    var sched = s.hpw ? schedule(plan.steps, s.hpw) : null;
    var map = {};
    plan.steps.forEach(function (st, i) {
      map[st.id] = i + 1;
      var li = el("li");
      li.dataset.stepId = st.id;
      var head = st.name + " — " + (!st.hours_known ? ui.step_hours_unknown : st.hours + " " + ui.hours);
      if (sched) {
        head += " · " + sched[i].weeks + " " + ui.weeks + " (" + ui.week + " " + sched[i].first +
          (sched[i].last > sched[i].first ? "–" + sched[i].last : "") + ")";
      }
      li.appendChild(linkTo(st.id, head));
      if (st.reason) { li.appendChild(el("span", st.reason, "kg-sub")); }
      if (st.tools.length) { li.appendChild(el("span", st.tools.map(nameOf).join(", "), "kg-sub")); }
      if (st.demand) { li.appendChild(el("span", st.demand, "kg-sub")); }
      ol.appendChild(li);
    });
    var n = plan.steps.length, head = (s.from ? planner.name(s.from) + " → " : "") + planner.name(s.to);
    // the same line as `kg viz --plan` prints
    var summary = data.lang === "zh" ? "学习计划：" + head + "，" + n + " 步，共 " + plan.total_hours + " 小时"
      : "Plan: " + head + ", " + n + " step" + (n === 1 ? "" : "s") + ", " + plan.total_hours + " h";
    if (data.plan_note !== null && data.plan_note !== undefined && $("kg-note-" + data.plan_note)) {
      $("kg-note-" + data.plan_note).textContent = summary;  // the note follows the planner
    }
    if (sched && n) { summary += " · " + window.KGPlanner.round(plan.total_hours / s.hpw, 1) + " " + ui.weeks; }
    if (!n) { summary += " — " + ui.no_steps; }
    $("kg-plan-summary").textContent = summary;
    $("kg-plan-notes").replaceChildren();
    plan.notes.forEach(function (note) { $("kg-plan-notes").appendChild(el("li", note)); });
    // the plan in the graph: its nodes and the relationships between them
    var ids = [s.to].concat(s.from ? [s.from] : [], plan.steps.map(function (x) { return x.id; }));
    var inPlan = new Set(ids);
    var rels = [];
    data.edges.forEach(function (e) {
      if (!inPlan.has(e.from) || !inPlan.has(e.to)) { return; }
      if ((e.type === "REQUIRES" && e.from === s.to) || e.type === "PREREQUISITE_OF" || e.type === "USES_TOOL" ||
          (e.type === "TRANSITIONS_TO" && e.from === s.from && e.to === s.to)) { rels.push(e.id); }
    });
    revealAll(ids);
    planView = { nodes: ids, edges: rels };
    network.unselectAll();
    baseEmphasis();
    setNumbers(map);
    fitVisible(ids.filter(function (id) { return byId.has(id); }));
    return plan;
  }
  form.addEventListener("change", function (ev) {
    if (ev.target && ev.target.id === "kg-know-filter") { return; }
    replan();
  });

  // -- fit: how much of every track the ticks already cover ------------------------------
  function renderFit(s) {
    if (!planner) { return null; }
    var fit = planner.fit(s.from, s.know);
    var ul = $("kg-fit");
    ul.replaceChildren();
    fit.tracks.forEach(function (f) {
        var li = el("li");
        li.dataset.track = f.id;
        li.appendChild(el("span", f.name + (f.entry_ready ? " ✓ " + ui.ready : ""), "kg-fit-name"));
        [["core", f.coverage.core], ["bonus", f.coverage.bonus]].forEach(function (x) {
          var row = el("span", null, "kg-bar-row");
          row.appendChild(el("span", ui[x[0]], "kg-bar-label"));
          var bar = el("span", null, "kg-bar kg-bar-" + x[0]);
          var fill = el("span", null, "kg-fill");
          fill.style.width = Math.round(x[1] * 100) + "%";
          bar.appendChild(fill);
          bar.setAttribute("aria-hidden", "true");
          row.appendChild(bar);
          row.appendChild(el("span", Math.round(x[1] * 100) + "%", "kg-pct"));
          li.appendChild(row);
        });
        li.appendChild(el("span", f.hours_left + " " + ui.left, "kg-sub"));
        ul.appendChild(li);
      });
    $("kg-fit-best").textContent = fit.recommended ? ui.closest + ": " + planner.name(fit.recommended) : "";
    return fit;
  }

  // -- compare two tracks, per layer --------------------------------------------------
  function renderCompare() {
    if (!planner) { return null; }
    var a = $("kg-cmp-a").value, b = $("kg-cmp-b").value;
    var c = planner.compare(a, b, false);
    $("kg-cmp-ha").textContent = ui.only + " " + planner.name(a);
    $("kg-cmp-hb").textContent = ui.only + " " + planner.name(b);
    $("kg-cmp-sim").textContent = ui.similarity + ": " + c.similarity;
    var tbody = $("kg-cmp").tBodies[0];
    tbody.replaceChildren();
    c.by_layer.forEach(function (row) {
      if (!row.shared.length && !row.only_a.length && !row.only_b.length) { return; }
      var tr = el("tr");
      tr.appendChild(el("th", row.name)).setAttribute("scope", "row");
      [row.only_a, row.shared, row.only_b].forEach(function (list) { tr.appendChild(el("td", list.map(nameOf).join(", "))); });
      tbody.appendChild(tr);
    });
    return c;
  }
  // fit is worked out when its panel is open (every track's entry and full plans: not for the first draw)
  $("kg-fit-box").addEventListener("toggle", function () { if ($("kg-fit-box").open) { renderFit(readForm()); } });
  $("kg-cmp-a").addEventListener("change", renderCompare);
  $("kg-cmp-b").addEventListener("change", renderCompare);

  // -- buttons ---------------------------------------------------------------------
  function resetView() {
    input.value = "";
    current = [];
    list.replaceChildren();
    list.hidden = true;
    network.unselectAll();
    baseEmphasis();
    showDetails(data.focus);
    if (data.focus) { network.selectNodes([data.focus], false); }
    if (planView) { fitVisible(planView.nodes.filter(function (id) { return byId.has(id); })); }
    else if (hl) { fitVisible(hl.nodes); } else { fitVisible(); }
  }
  $("kg-reset").addEventListener("click", resetView);

  var edgesButton = $("kg-edges");
  function syncEdgesButton() {
    edgesButton.textContent = showAll ? ui.some_edges : ui.all_edges;
    edgesButton.setAttribute("aria-pressed", showAll ? "true" : "false");
  }
  edgesButton.addEventListener("click", function () {
    showAll = !showAll;
    syncEdgesButton();
    var strong = emphasis ? emphasis.edges : new Set();
    var missing = data.edges.filter(function (e) { return !edges.get(e.id); });
    if (missing.length) { edges.add(missing.map(function (e) { return edgeView(e, strong.has(e.id) && !large); })); }
    edges.update(data.edges.map(function (e) { return { id: e.id, hidden: !((strong.has(e.id) && !large) || baseEdge(e)) }; }));
  });
  syncEdgesButton();

  // PNG of the whole view: title, the graph as drawn, the legend and the current plan.
  function exportCanvas() {
    var graph = container.querySelector("canvas");
    var ratio = graph.width / graph.clientWidth;
    var side = Math.round(340 * ratio), pad = Math.round(14 * ratio), line = Math.round(20 * ratio);
    var titleH = Math.round(44 * ratio);
    var lines = [];
    data.legend.forEach(function (l) { if (l.count) { lines.push({ kind: "node", l: l }); } });
    (data.edge_legend || []).forEach(function (r) { lines.push({ kind: "edge", r: r }); });
    lines.push({ kind: "text", text: ui.dashed, dashed: true });
    var face = "system-ui, 'Noto Sans CJK SC', sans-serif";
    var measure = document.createElement("canvas").getContext("2d");
    /** Lines of at most the side panel's width (words, or characters for Chinese). */
    function wrap(text, font) {
      measure.font = font;
      var max = side - 2 * pad, out = [], cur = "";
      var parts = /\s/.test(text) ? text.split(/(\s+)/) : Array.from(text);
      parts.forEach(function (w) {
        if (cur && measure.measureText(cur + w).width > max) { out.push(cur.trim()); cur = w.trim() ? w : ""; }
        else { cur += w; }
      });
      if (cur.trim()) { out.push(cur.trim()); }
      return out;
    }
    var bold = "600 " + Math.round(13 * ratio) + "px " + face, plain = Math.round(13 * ratio) + "px " + face;
    if (currentPlan) {
      lines.push({ kind: "gap" });
      wrap($("kg-plan-summary").textContent, bold).forEach(function (t) { lines.push({ kind: "head", text: t }); });
      currentPlan.steps.forEach(function (st, i) {
        wrap((i + 1) + ". " + st.name + " — " + st.hours + " " + ui.hours, plain).forEach(function (t) {
          lines.push({ kind: "text", text: t });
        });
      });
    }
    var out = document.createElement("canvas");
    out.width = graph.width + side;
    out.height = Math.max(graph.height + titleH, titleH + pad * 2 + (lines.length + 2) * line);
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.fillStyle = "#212529";
    ctx.font = "600 " + Math.round(20 * ratio) + "px " + face;
    ctx.textBaseline = "middle";
    ctx.fillText(data.title, pad, titleH / 2);
    ctx.drawImage(graph, 0, titleH);
    ctx.strokeStyle = "#dee2e6";
    ctx.lineWidth = ratio;
    ctx.strokeRect(graph.width + 0.5, titleH, 0, out.height - titleH);
    var x = graph.width + pad, y = titleH + pad + line / 2;
    ctx.font = "600 " + Math.round(14 * ratio) + "px " + face;
    ctx.fillText(ui.legend, x, y);
    y += line;
    ctx.font = Math.round(13 * ratio) + "px " + face;
    lines.forEach(function (it) {
      ctx.fillStyle = "#212529";
      if (it.kind === "node") {
        ctx.fillStyle = it.l.color;
        ctx.fillRect(x, y - 6 * ratio, 12 * ratio, 12 * ratio);
        ctx.fillStyle = "#212529";
        ctx.fillText(it.l.name + " (" + it.l.count + ")", x + 20 * ratio, y);
      } else if (it.kind === "edge" || it.dashed) {
        ctx.strokeStyle = it.r ? it.r.color : "#495057";
        ctx.lineWidth = 3 * ratio;
        ctx.setLineDash(it.dashed ? [6 * ratio, 4 * ratio] : []);
        ctx.beginPath(); ctx.moveTo(x, y); ctx.lineTo(x + 14 * ratio, y); ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillText(it.r ? it.r.name : it.text, x + 20 * ratio, y);
      } else if (it.kind === "head") {
        ctx.font = bold;
        ctx.fillText(it.text, x, y);
        ctx.font = plain;
      } else if (it.kind === "text") {
        ctx.fillText(it.text, x, y);
      }
      y += line;
    });
    return out;
  }
  $("kg-png").addEventListener("click", function () {
    exportCanvas().toBlob(function (blob) {
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
    network: network, nodes: nodes, edges: edges, data: data, planner: null,
    choose: choose, matches: matches, ratio: ratio, replan: replan, exportCanvas: exportCanvas,
    fit: function () { return renderFit(readForm()); }, compare: renderCompare,
    plan: function () { return currentPlan; },
    emphasised: function () { return emphasis ? Array.from(emphasis.nodes) : null; },
    firstDraw: null, ready: false
  };
  window.kgExplorer = explorer;
  window.addEventListener("hashchange", function () {
    if (!planner || location.hash.replace(/^#/, "") === lastFragment) { return; }
    var s = fromFragment(location.hash);
    if (s) { writeForm(s); replan(); }
  });
  resetView();

  /** The planner, once the graph is on screen: the model's JSON is parsed only now. */
  function startPlanner() {
    planner = new window.KGPlanner(JSON.parse($("kg-model").textContent));
    explorer.planner = planner;
    fillPlanner();
    if (data.planner) {
      writeForm({ from: data.planner.from || "", to: data.planner.to, level: data.planner.level, know: data.planner.know,
                  bonus: data.planner.bonus, byDemand: data.planner.by_demand, hpw: data.planner.hpw });
    }
    var fromLink = fromFragment(location.hash);
    if (fromLink) { writeForm(fromLink); }
    renderKnow();
    replan();
    if (!planView && !hl) { fitVisible(); }
    connectedEdges(null);  // the relationships' index, built now rather than on the first click
    explorer.readyAt = performance.now();
    explorer.ready = true;
  }
  network.once("afterDrawing", function () {
    explorer.firstDraw = performance.now();
    setTimeout(startPlanner, 0);
  });
  $("kg-compare-box").addEventListener("toggle", function () { if ($("kg-compare-box").open) { renderCompare(); } });
})();
