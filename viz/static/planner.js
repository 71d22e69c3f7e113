/* mle-kg planner: the person model of kg/person.py, kg/plan.py, kg/advice.py (fit) and kg/comparison.py, in JavaScript.
 * Pure functions over the graph model embedded in the page (viz/html.py: planner_model);
 * no DOM here. Every rule mirrors the Python reference (design: /brief person model):
 * known set, requirements with choice groups, partial knowledge through tools, hard
 * prerequisites, topological order with (layer, hours, id) ties, tool steps after their
 * skill, fit per track, recommended MLE track, compare. Parity is tested in Chromium. */
(function () {
  "use strict";

  var EXACT_LIMIT = 5000;  // exact search over combinations up to C(n, k) <= 5,000, greedy above

  /** A phrase of kg/phrases.py, shipped in the data, with its fields filled once, left to right. */
  function say(phrases, key, fields) {
    var template = phrases[key];
    if (template === undefined) { return key; }
    return template.replace(/\{(\w+)\}/g, function (_, name) { return String(fields[name]); });
  }

  function texts(phrases) {
    function s(key, fields) { return say(phrases, key, fields || {}); }
    return {
      core: function (kind, t) { return s("required", { level: s("core"), kind: kind, track: t }); },
      bonus: function (kind, t) { return s("required", { level: s("bonus"), kind: kind, track: t }); },
      group: function (kind, t, need, n, g, how) {
        return s("group", { kind: kind, track: t, need: need, n: n, group: g, how: how });
      },
      cheapest: s("cheapest"), demanded: s("most_demanded"), known: s("known"),
      pre: function (names) { return s("prerequisite", { names: names }); },
      part: function (x) { return s("part_of", { skill: x }); },
      partly: function (names) { return s("partly_known", { names: names }); },
      unknownHours: s("hours_unknown"),
      skill: s("skill"), tool: s("tool"),
      demand: function (c, t, track) { return s("demand", { count: c, total: t, track: track }); },
      sep: s("sep")
    };
  }

  function Planner(model) {
    var nodes = {};
    Object.keys(model.nodes).forEach(function (id) {
      var a = model.nodes[id];
      nodes[id] = { label: a[0], name: a[1], effort: a[2], rank: a[3], layer: a[4], esco: a[5] === 1 };
    });
    this.m = Object.assign({}, model, { nodes: nodes });
    this.t = texts(model.phrases);
  }

  Planner.prototype.info = function (id) { return this.m.nodes[id]; };
  Planner.prototype.name = function (id) { var n = this.m.nodes[id]; return n ? n.name : id; };
  Planner.prototype.label = function (id) { var n = this.m.nodes[id]; return n ? n.label : null; };
  Planner.prototype.effort = function (id) {
    var n = this.m.nodes[id];
    return n && n.effort !== null && n.effort !== undefined ? n.effort : null;
  };

  /** The known set: skills and tools (a track stands for its core requirements). */
  Planner.prototype.knownSet = function (from, items) {
    var known = new Set(), self = this;
    function addTrack(t) {
      (self.m.requires[t] || []).forEach(function (r) { if (r.level === "core") { known.add(r.id); } });
    }
    if (from) { addTrack(from); }
    (items || []).forEach(function (id) {
      var lab = self.label(id);
      if (lab === "Track") { addTrack(id); } else if (lab === "Skill" || lab === "Tool") { known.add(id); }
    });
    return known;
  };

  /** Hours left to learn a skill or tool, and the tools of it already known. */
  Planner.prototype.coverage = function (id, known) {
    if (known.has(id)) { return { hours: 0, partly: [], unknown: false }; }
    var eff = this.effort(id);
    if (eff === null) { return { hours: 0, partly: [], unknown: true }; }
    if (this.label(id) === "Skill") {
      var tools = this.m.tools[id] || [];
      var have = tools.filter(function (t) { return known.has(t); });
      if (have.length && tools.length) {
        var left = Math.floor(eff * (2 * tools.length - have.length) / (2 * tools.length) + 0.5);
        return { hours: left, partly: have, unknown: false };
      }
    }
    return { hours: eff, partly: [], unknown: false };
  };

  /** A skill or tool and its missing hard prerequisites, transitively (person.missing_closure). */
  Planner.prototype.closure = function (id, known) {
    var seen = new Set(), stack = [id], self = this;
    while (stack.length) {
      var s = stack.pop();
      if (seen.has(s) || known.has(s)) { continue; }
      seen.add(s);
      self.hardPre(s).forEach(function (p) { stack.push(p); });
    }
    return seen;
  };
  Planner.prototype.hardPre = function (id) {
    return (this.m.pre[id] || []).filter(function (p) { return p[1]; }).map(function (p) { return p[0]; });
  };

  function choose(n, k) {
    var r = 1;
    for (var i = 1; i <= k; i++) { r = r * (n - k + i) / i; if (r > 1e9) { return r; } }
    return Math.round(r);
  }

  function combinations(items, k, visit) {
    var idx = [], n = items.length, i;
    if (k > n) { return; }
    for (i = 0; i < k; i++) { idx.push(i); }
    for (;;) {
      visit(idx.map(function (j) { return items[j]; }));
      var p = k - 1;
      while (p >= 0 && idx[p] === n - k + p) { p--; }
      if (p < 0) { return; }
      idx[p]++;
      for (var q = p + 1; q < k; q++) { idx[q] = idx[q - 1] + 1; }
    }
  }

  /** Python's tuple order over numbers, strings and arrays of strings. */
  function cmp(a, b) {
    if (Array.isArray(a)) {
      for (var i = 0; i < Math.min(a.length, b.length); i++) { var c = cmp(a[i], b[i]); if (c) { return c; } }
      return a.length - b.length;
    }
    return a < b ? -1 : a > b ? 1 : 0;
  }
  function less(a, b) { return cmp(a, b) < 0; }

  /** The k candidates that cost least to learn, or that postings ask for most (person.choose). */
  Planner.prototype.pick = function (track, candidates, k, known, fixed, byDemand) {
    var self = this, counts = {}, hours = {};
    if (k <= 0 || !candidates.length) { return []; }
    k = Math.min(k, candidates.length);
    (this.m.requires[track] || []).forEach(function (r) { if (counts[r.id] === undefined) { counts[r.id] = r.count || 0; } });
    var closures = {};
    candidates.forEach(function (c) {
      closures[c] = new Set(Array.from(self.closure(c, known)).filter(function (x) { return !fixed.has(x); }));
    });
    function cost(nodes) {
      var total = 0;
      nodes.forEach(function (n) {
        if (hours[n] === undefined) { hours[n] = self.coverage(n, known).hours; }
        total += hours[n];
      });
      return total;
    }
    var chosen = new Set();
    if (choose(candidates.length, k) <= EXACT_LIMIT) {
      var best = null, bestKey = null;
      combinations(candidates, k, function (combo) {
        var union = new Set(), d = 0;
        combo.forEach(function (c) { closures[c].forEach(function (x) { union.add(x); }); d += counts[c] || 0; });
        var key = [byDemand ? -d : 0, cost(union), combo.slice().sort()];
        if (best === null || less(key, bestKey)) { best = combo; bestKey = key; }
      });
      best.forEach(function (c) { chosen.add(c); });
    } else {
      var brought = new Set();
      for (var i = 0; i < k; i++) {
        var pickOne = null, pickKey = null;
        candidates.forEach(function (c) {
          if (chosen.has(c)) { return; }
          var rest = Array.from(closures[c]).filter(function (x) { return !brought.has(x); });
          var key = [byDemand ? -(counts[c] || 0) : 0, cost(rest), c];
          if (pickOne === null || less(key, pickKey)) { pickOne = c; pickKey = key; }
        });
        chosen.add(pickOne);
        closures[pickOne].forEach(function (x) { brought.add(x); });
      }
    }
    return candidates.filter(function (c) { return chosen.has(c); });
  };

  function weightOf(r) { return r.weight === undefined ? 1 : r.weight; }

  /** What ``track`` requires at ``level``: [{id, kind, level, group, reason}] (person.requirements). */
  Planner.prototype.requirements = function (track, level, withBonus, byDemand, known) {
    var self = this, t = this.t, tname = this.name(track), out = [], groups = new Map();
    known = known || new Set();
    function kind(r) { return r.kind === "tool" ? t.tool : r.kind === "skill" ? t.skill : r.kind; }
    (this.m.requires[track] || []).forEach(function (r) {
      if (r.level === "core" && level === "entry" && r.group && r.min_of) {
        if (!groups.has(r.group)) { groups.set(r.group, []); }
        groups.get(r.group).push(r);
      } else if (r.level === "core" || withBonus) {
        out.push({ id: r.id, kind: r.kind, level: r.level, group: r.group || null, weight: weightOf(r),
                   reason: r.level === "core" ? t.core(kind(r), tname) : t.bonus(kind(r), tname) });
      }
    });
    var fixed = new Set();
    out.forEach(function (r) { self.closure(r.id, known).forEach(function (x) { fixed.add(x); }); });
    groups.forEach(function (members, group) {
      var need = Math.min(members[0].min_of, members.length);
      var have = members.filter(function (r) { return known.has(r.id); }).slice(0, need);
      var picked = have.map(function (r) { return [r, t.known]; });
      if (have.length < need) {
        var rest = members.filter(function (r) { return !known.has(r.id); });
        var how = byDemand ? t.demanded : t.cheapest;
        var ids = self.pick(track, rest.map(function (r) { return r.id; }), need - have.length, known, fixed, byDemand);
        rest.forEach(function (r) { if (ids.indexOf(r.id) >= 0) { picked.push([r, how]); } });
      }
      picked.forEach(function (x) {
        out.push({ id: x[0].id, kind: x[0].kind, level: "core", group: group, weight: weightOf(x[0]),
                   reason: t.group(kind(x[0]), tname, need, members.length, group, x[1]) });
      });
    });
    return out;
  };

  Planner.prototype.layerRank = function (id) { var n = this.m.nodes[id]; return n ? n.rank : 99; };

  /** The steps ordered among themselves (skills, and tools none of whose skills is a step) and the tools
   *  that go right after one of their skills (partOf: tool -> null until placed). */
  Planner.prototype.steps = function (ids) {
    var self = this, sub = new Set(), partOf = {};
    ids.forEach(function (id) { if (self.label(id) !== "Tool") { sub.add(id); } });
    ids.forEach(function (id) {
      if (self.label(id) !== "Tool") { return; }
      var skills = self.m.skills[id] || [];
      if (skills.some(function (s) { return sub.has(s); })) { partOf[id] = null; } else { sub.add(id); }
    });
    return {sub: sub, partOf: partOf};
  };

  /** Skills (and tools with none of their skills in the plan) in prerequisite order, ties by
   *  (layer, hours left, id); every other tool right after the first of its skills, by (hours, id). */
  Planner.prototype.order = function (ids, hours) {
    var self = this, parts = this.steps(ids), sub = parts.sub, partOf = parts.partOf;
    var base = Array.from(sub), indeg = new Map(), next = new Map();
    base.forEach(function (id) { indeg.set(id, 0); next.set(id, []); });
    base.forEach(function (id) {
      self.hardAndSoftPre(id).forEach(function (p) {
        if (sub.has(p) && next.get(p).indexOf(id) < 0) {
          next.get(p).push(id);
          indeg.set(id, indeg.get(id) + 1);
        }
      });
    });
    function key(id) { return [self.layerRank(id), hours[id], id]; }
    var ready = base.filter(function (id) { return indeg.get(id) === 0; }), order = [];
    while (ready.length) {
      var bi = 0;
      for (var i = 1; i < ready.length; i++) { if (less(key(ready[i]), key(ready[bi]))) { bi = i; } }
      var id = ready.splice(bi, 1)[0];
      order.push(id);
      next.get(id).forEach(function (m) {
        indeg.set(m, indeg.get(m) - 1);
        if (indeg.get(m) === 0) { ready.push(m); }
      });
    }
    return this.toolsAfter(order, partOf, hours);
  };

  /** The order of a plan to a track on no layer (plan._order_by_level): essential steps before optional
   *  ones; prerequisites and the hierarchy first, each step right after the one it builds on (an outline),
   *  ties by (layer, hours left, id); a soft relationship from an optional step to an essential one is not
   *  followed; tools after their first skill as in order(). */
  Planner.prototype.orderByLevel = function (ids, hours, essential) {
    var self = this, parts = this.steps(ids), sub = parts.sub, partOf = parts.partOf;
    function tier(id) { return essential.has(id) ? 0 : 1; }
    var before = new Map(), afterOf = new Map(), waiting = new Map(), position = {}, path = {};
    var nodes = Array.from(sub).sort();
    nodes.forEach(function (id) { before.set(id, []); afterOf.set(id, []); });
    nodes.forEach(function (id) {
      (self.m.pre[id] || []).forEach(function (p) {
        var pre = p[0], hard = p[1];
        if (!sub.has(pre) || pre === id || before.get(id).indexOf(pre) >= 0) { return; }
        if (tier(pre) > tier(id) && !hard) { return; }
        before.get(id).push(pre);
        afterOf.get(pre).push(id);
      });
      waiting.set(id, before.get(id).length);
    });
    var ready = [];
    function makeReady(id) {
      var own = [tier(id), self.layerRank(id), hours[id], id], parent = null;
      before.get(id).forEach(function (p) { if (parent === null || position[p] > position[parent]) { parent = p; } });
      path[id] = parent !== null && tier(parent) === tier(id) ? path[parent].concat([own]) : [own];
      ready.push(id);
    }
    nodes.forEach(function (id) { if (!waiting.get(id)) { makeReady(id); } });
    var order = [];
    while (ready.length) {
      var bi = 0;
      for (var i = 1; i < ready.length; i++) { if (less(path[ready[i]], path[ready[bi]])) { bi = i; } }
      var id = ready.splice(bi, 1)[0];
      position[id] = order.length;
      order.push(id);
      afterOf.get(id).forEach(function (m) {
        waiting.set(m, waiting.get(m) - 1);
        if (!waiting.get(m)) { makeReady(m); }
      });
    }
    return this.toolsAfter(order, partOf, hours);
  };

  /** Each tool of ``partOf`` right after the first of its skills in ``order``, by (hours, id). */
  Planner.prototype.toolsAfter = function (order, partOf, hours) {
    var self = this, position = {};
    order.forEach(function (id, i) { position[id] = i; });
    var after = {};
    Object.keys(partOf).forEach(function (tool) {
      var first = null;
      (self.m.skills[tool] || []).forEach(function (s) {
        if (position[s] !== undefined && (first === null || position[s] < position[first])) { first = s; }
      });
      partOf[tool] = first;
      (after[first] = after[first] || []).push(tool);
    });
    var out = [];
    order.forEach(function (id) {
      out.push(id);
      (after[id] || []).slice().sort(function (a, b) { return cmp([hours[a], a], [hours[b], b]); })
        .forEach(function (tool) { out.push(tool); });
    });
    return { order: out, partOf: partOf };
  };

  Planner.prototype.hardAndSoftPre = function (id) {
    return (this.m.pre[id] || []).map(function (p) { return p[0]; });
  };

  function mergeReasons(reasons, t) {
    var core = [], pre = [];
    reasons.forEach(function (r) { if (r.pre !== undefined) { pre.push(r.pre); } else { core.push(r.text); } });
    return core.concat(pre.length ? [t.pre(pre.join(t.sep))] : []);
  }

  /** The plan (plan.plan_for): ``opts`` = {from, to, know (ids), level, bonus, byDemand}. */
  Planner.prototype.plan = function (opts) {
    var known = this.knownSet(opts.from || null, opts.know || []);
    return this.planFor(known, opts);
  };

  Planner.prototype.planFor = function (known, opts) {
    var self = this, t = this.t;
    var level = opts.level || "full", target = opts.to;
    var wanted = new Map(), reqs = this.requirements(target, level, !!opts.bonus, !!opts.byDemand, known);
    reqs.forEach(function (r) {
      if (!wanted.has(r.id)) { wanted.set(r.id, []); }
      wanted.get(r.id).push({ text: r.reason });
    });
    var missing = [];
    wanted.forEach(function (_, id) { if (!known.has(id)) { missing.push(id); } });
    var inMissing = new Set(missing), queue = missing.slice();
    while (queue.length) {
      var node = queue.shift();
      self.hardPre(node).forEach(function (pre) {
        if (known.has(pre)) { return; }
        if (!wanted.has(pre)) { wanted.set(pre, []); }
        var list = wanted.get(pre), nm = self.name(node);
        if (!list.some(function (r) { return r.pre === nm; })) { list.push({ pre: nm }); }
        if (!inMissing.has(pre)) { inMissing.add(pre); missing.push(pre); queue.push(pre); }
      });
    }
    var cover = {}, hours = {};
    missing.forEach(function (id) { cover[id] = self.coverage(id, known); hours[id] = cover[id].hours; });
    var ordered;
    if ((this.m.by_level || []).indexOf(target) >= 0) {
      var essential = new Set();
      reqs.forEach(function (r) {
        if (r.level === "core") { self.closure(r.id, known).forEach(function (x) { essential.add(x); }); }
      });
      ordered = this.orderByLevel(missing, hours, essential);
    } else {
      ordered = this.order(missing, hours);
    }
    var counts = {};
    (this.m.requires[target] || []).forEach(function (r) { if (!counts[r.id] && r.count !== undefined) { counts[r.id] = r; } });
    var steps = ordered.order.map(function (id, i) {
      var c = cover[id], isSkill = self.label(id) === "Skill";
      var reasons = mergeReasons(wanted.get(id), t);
      if (ordered.partOf[id]) { reasons.push(t.part(self.name(ordered.partOf[id]))); }
      if (c.partly.length) { reasons.push(t.partly(c.partly.map(function (x) { return self.name(x); }).join(t.sep))); }
      if (c.unknown) { reasons.push(t.unknownHours); }
      var req = counts[id];
      return {
        step: i + 1, id: id, kind: isSkill ? "skill" : "tool", name: self.name(id),
        layer: (self.info(id) || {}).layer || null,
        tools: self.m.tools[id] || [], skills: isSkill ? [] : (self.m.skills[id] || []),
        hours: c.hours, effort_hours: self.effort(id) || 0, hours_known: !c.unknown, partly_known: c.partly,
        reasons: reasons, reason: reasons.join("; "),
        demand: req ? t.demand(req.count, req.total, self.name(target)) : null
      };
    });
    var total = 0;
    steps.forEach(function (s) { total += s.hours; });
    // the notes of plan.plan_for: how a track on no layer is ordered, and steps without hours
    var notes = [], phrases = this.m.phrases;
    if ((this.m.by_level || []).indexOf(target) >= 0) { notes.push(say(phrases, "order_by_level", { track: self.name(target) })); }
    var unknown = steps.filter(function (s) { return !s.hours_known; });
    if (unknown.length) {
      var esco = unknown.some(function (s) { return (self.info(s.id) || {}).esco; });
      notes.push(say(phrases, "no_hours", { n: unknown.length, total: steps.length,
                                           why: say(phrases, esco ? "no_hours_esco" : "no_hours_data", {}) }));
    }
    return { from: opts.from || null, to: target, level: level, with_bonus: !!opts.bonus, by_demand: !!opts.byDemand,
             known: Array.from(known).sort(), steps: steps, total_hours: total, notes: notes };
  };

  /** Python's round(x, digits) for x >= 0: the nearest of the exact binary value, exact halves to even. */
  function pyRound(x, digits) {
    var s = x.toFixed(40), dot = s.indexOf("."), head = s.slice(0, dot + 1 + digits).replace(/\.$/, "");
    if (/^50*$/.test(s.slice(dot + 1 + digits))) {
      var last = Number(head.charAt(head.length - 1));
      return last % 2 === 0 ? Number(head) : Number((Number(head) + Math.pow(10, -digits)).toFixed(digits));
    }
    return Number(x.toFixed(digits));
  }
  function round3(x) { return pyRound(x, 3); }

  /** Share of the requirements' hours already had (person.coverage; each counts ``weight`` times), 3 decimals. */
  Planner.prototype.coverShare = function (reqs, known) {
    var total = 0, covered = 0, count = 0, counted = 0, self = this;
    reqs.forEach(function (r) {
      var eff = self.effort(r.id);
      var w = r.weight === undefined ? 1 : r.weight;
      count += w;
      if (known.has(r.id)) { counted += w; }
      if (eff === null) { return; }
      total += w * eff;
      covered += w * (eff - self.coverage(r.id, known).hours);
    });
    if (total) { return round3(covered / total); }
    return count ? round3(counted / count) : 1.0;  // no requirement has hours (a taxonomy's): by number
  };

  /** Every track ranked by how much of it a person has, and the recommended MLE track (advice.fit). */
  Planner.prototype.fit = function (from, items) {
    var self = this, known = this.knownSet(from, items), rows = [];
    this.m.tracks.forEach(function (track) {
      if (!(self.m.requires[track] || []).length) { return; }  // nothing in the data to measure (advice.fit: unranked)
      var full = self.requirements(track, "full", true, false, known);
      var core = full.filter(function (r) { return r.level === "core"; });
      var bonus = full.filter(function (r) { return r.level === "bonus"; });
      var fullPlan = self.planFor(known, { to: track, level: "full" });
      var entryPlan = self.planFor(known, { to: track, level: "entry" });
      rows.push({
        id: track, name: self.name(track), mle: self.m.mle.indexOf(track) >= 0,
        coverage: { core: self.coverShare(core, known), bonus: self.coverShare(bonus, known) },
        hours_left: fullPlan.total_hours, entry_hours_left: entryPlan.total_hours, entry_ready: !entryPlan.steps.length
      });
    });
    rows.sort(function (a, b) {
      return cmp([-a.coverage.core, -a.coverage.bonus, a.hours_left, a.id], [-b.coverage.core, -b.coverage.bonus, b.hours_left, b.id]);
    });
    var best = null;
    rows.forEach(function (r) {
      if (!r.mle) { return; }
      if (best === null || less([-r.coverage.core, r.entry_hours_left, r.id], [-best.coverage.core, best.entry_hours_left, best.id])) { best = r; }
    });
    return { known: Array.from(known).sort(), tracks: rows, recommended: best ? best.id : null };
  };

  /** Shared requirements and those only one track has, per layer (comparison.compare). */
  Planner.prototype.compare = function (a, b, coreOnly) {
    var self = this;
    function reqs(t) { return self.requirements(t, "full", !coreOnly, false, new Set()).map(function (r) { return r.id; }); }
    var sa = reqs(a), sb = reqs(b);
    function pos(s) { return sa.indexOf(s) >= 0 ? sa.indexOf(s) : 99 + sb.indexOf(s); }
    function ordered(list) {
      return list.slice().sort(function (x, y) { return cmp([self.layerRank(x), pos(x)], [self.layerRank(y), pos(y)]); });
    }
    var shared = ordered(sa.filter(function (s) { return sb.indexOf(s) >= 0; }));
    var onlyA = ordered(sa.filter(function (s) { return sb.indexOf(s) < 0; }));
    var onlyB = ordered(sb.filter(function (s) { return sa.indexOf(s) < 0; }));
    var union = shared.length + onlyA.length + onlyB.length;
    var byLayer = self.m.layers.map(function (l) {
      function of(list) { return list.filter(function (s) { return (self.info(s) || {}).layer === l; }); }
      return { layer: l, name: self.name(l), shared: of(shared), only_a: of(onlyA), only_b: of(onlyB) };
    });
    return { a: a, b: b, shared: shared, only_a: onlyA, only_b: onlyB, by_layer: byLayer,
             similarity: union ? round3(shared.length / union) : 1.0 };
  };

  Planner.round = pyRound;
  window.KGPlanner = Planner;
})();
