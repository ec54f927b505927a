/* partnergraph viewer: legend, search, filters and side panel over vis-network.
 *
 * The data comes only from the JSON block #pg-data (written by partnergraph/network.py). It
 * reaches the page only through textContent and element attributes, never innerHTML, and only
 * http(s) URLs become links. Positions are precomputed: physics stays off.
 * Filter rules (docs/viewer.md): a partnership matches when its own countries, programmes,
 * themes and years match every active filter; a node shows when its class is on and it matches
 * by its own facets, or it has a matching partnership, or (countries, programmes, themes,
 * organisations of programmes) a shown node of a lower tier links to it by a matching edge.
 */
(function () {
  "use strict";

  // phases of the start, in ms since navigation start (benchmarks/bench_viewer.py reads them)
  var timings = { script: performance.now() };
  var DATA = JSON.parse(document.getElementById("pg-data").textContent);
  timings.parsed = performance.now();
  var nodes = DATA.nodes, edges = DATA.edges, parts = DATA.partnerships, arts = DATA.articles;
  // above this many nodes, edges are hidden while dragging/zooming and hover is off: redrawing
  // 10,000 edges per mouse move made a 5,000-node graph lag (benchmarks/bench_viewer.py)
  var BIG = 1500;
  // at most this many articles / evidence entries per list in the side panel
  var LIST_MAX = 25;
  var big = nodes.length > BIG;
  // vis-network strokes each dashed edge between a canvas save() and restore(); in Chromium's
  // software canvas that cost 0.2 ms per edge (3 s per frame for 10,000 dashed edges), so big
  // graphs tell relations apart by colour and width alone
  var dashed = !big;

  function $(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function fold(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/ß/g, "ss");
  }
  function safeUrl(u) { return typeof u === "string" && /^https?:\/\/[^\s"'<>]+$/i.test(u) ? u : ""; }
  function link(url, text) {
    var u = safeUrl(url);
    if (!u) return el("span", text);
    var a = el("a", text);
    a.href = u; a.target = "_blank"; a.rel = "noopener noreferrer";
    return a;
  }
  function byKey(list) { var m = {}; list.forEach(function (x) { m[x.key] = x; }); return m; }

  var CLS = byKey(DATA.classes), REL = byKey(DATA.relations);
  var LABEL = { co: new Map(DATA.facets.co), pr: new Map(DATA.facets.pr), th: new Map(DATA.facets.th) };
  var incident = nodes.map(function () { return []; });
  edges.forEach(function (e, i) {
    e.id = i;
    incident[e.f].push(i);
    if (e.t !== e.f) incident[e.t].push(i);
  });
  var focusSet = new Set(DATA.meta.focus);
  function relKey(e) { return e.r === "partnership" ? "partnership:" + e.k : e.r; }
  function other(e, i) { return e.f === i ? e.t : e.f; }

  // -- sizes, labels, tooltips -----------------------------------------------------------------
  function sizeOf(i, by) {
    if (by === "articles") return Math.max(1, nodes[i].a.length);
    if (DATA.meta.aggregate) {
      return incident[i].reduce(function (s, ei) { return s + (edges[ei].w || 1); }, 0) || 1;
    }
    return Math.max(1, incident[i].length);
  }
  function classLine(n) {
    var line = CLS[n.c].label;
    if (n.cc && n.c !== "Country") line += " · " + (LABEL.co.get(n.cc) || n.cc);
    return line;
  }
  // the type "unspecified" has a long legend label; on the edge itself "Partnerschaft" says it
  function partLine(p) { return (p.k === "unspecified" ? "Partnerschaft" : p.tl) + (p.y ? " seit " + p.y : ""); }
  function edgeLabel(e) {
    if (e.r === "partnership") return partLine(parts[e.p[0]]);
    if (e.r === "aggregate") return String(e.w);
    return REL[e.r].label;
  }
  function edgeTitle(e) {
    var a = nodes[e.f].l, b = nodes[e.t].l;
    if (e.r === "aggregate") return a + " – " + b + "\n" + e.w + " Partnerschaft" + (e.w === 1 ? "" : "en");
    return a + " – " + b + "\n" + edgeLabel(e);
  }

  function visNode(n, i, by) {
    var c = CLS[n.c];
    return {
      id: i, label: n.l, x: n.x, y: n.y, shape: c.shape, value: sizeOf(i, by),
      title: n.l + "\n" + classLine(n),
      color: { background: c.colour, border: focusSet.has(i) ? "#000" : c.colour,
               highlight: { background: c.colour, border: "#000" }, hover: { background: c.colour, border: "#000" } },
      borderWidth: focusSet.has(i) ? 4 : 1
    };
  }
  function visEdge(e) {
    var r = REL[relKey(e)];
    var o = {
      id: e.id, from: e.f, to: e.t, label: edgeLabel(e), title: edgeTitle(e), dashes: dashed && r.dashes, width: r.width,
      color: { color: r.colour, highlight: "#000", hover: "#333", opacity: (e.r === "partnership" || e.r === "aggregate") ? 1 : 0.7 }
    };
    if (e.r === "aggregate") o.value = e.w;
    // context edges are many: their labels appear only when zoomed in further (drawThreshold)
    if (e.r !== "partnership" && e.r !== "aggregate") o.font = { size: 8 };
    if (e.n) o.smooth = { enabled: true, type: e.n % 2 ? "curvedCW" : "curvedCCW", roundness: 0.2 * Math.ceil(e.n / 2) };
    return o;
  }

  var sizeBy = DATA.meta.sizeBy === "articles" ? "articles" : "degree";
  var visNodes = new vis.DataSet(nodes.map(function (n, i) { return visNode(n, i, sizeBy); }));
  var visEdges = new vis.DataSet(edges.map(visEdge));
  timings.datasets = performance.now();

  // -- filters -----------------------------------------------------------------------------------
  var state = { classes: new Set(DATA.classes.map(function (c) { return c.key; })), co: "", pr: "", th: "", from: null, to: null };
  var shownNodes = new Set(), shownEdges = new Set();

  function filtering() { return !!(state.co || state.pr || state.th || state.from !== null || state.to !== null); }
  function facetOk(f) {
    f = f || {};
    if (state.co && (f.co || []).indexOf(state.co) < 0) return false;
    if (state.pr && (f.pr || []).indexOf(state.pr) < 0) return false;
    if (state.th && (f.th || []).indexOf(state.th) < 0) return false;
    if (state.from !== null || state.to !== null) {
      var lo = state.from === null ? -Infinity : state.from, hi = state.to === null ? Infinity : state.to;
      if (!(f.yr || []).some(function (y) { return y >= lo && y <= hi; })) return false;
    }
    return true;
  }
  function recompute() {
    var partOk = parts.map(facetOk);
    var edgeOk = edges.map(function (e) { return e.p.length ? e.p.some(function (p) { return partOk[p]; }) : true; });
    var on = nodes.map(function (n) { return state.classes.has(n.c); });
    var shown = nodes.map(function () { return false; });
    [0, 1, 2].forEach(function (tier) {
      nodes.forEach(function (n, i) {
        if (n.t !== tier || !on[i]) return;
        if (facetOk(n.o)) { shown[i] = true; return; }
        shown[i] = incident[i].some(function (ei) {
          if (!edgeOk[ei]) return false;
          var e = edges[ei], j = other(e, i);
          if (e.r === "partnership" || e.r === "aggregate") return on[j];
          return nodes[j].t < tier && shown[j];
        });
      });
    });
    shownNodes = new Set();
    shown.forEach(function (s, i) { if (s) shownNodes.add(i); });
    shownEdges = new Set();
    edges.forEach(function (e, i) { if (edgeOk[i] && shown[e.f] && shown[e.t]) shownEdges.add(i); });
  }

  // the views start filled: handing vis an empty view and filling it afterwards cost 2.5 s at
  // 5,000 nodes (one update event per item), building the network on full views 0.1 s
  recompute();
  var nodeView = new vis.DataView(visNodes, { filter: function (n) { return shownNodes.has(n.id); } });
  var edgeView = new vis.DataView(visEdges, { filter: function (e) { return shownEdges.has(e.id); } });

  function describeFilters() {
    var out = [];
    if (state.co) out.push("Land: " + (LABEL.co.get(state.co) || state.co));
    if (state.pr) out.push("Programm: " + (LABEL.pr.get(state.pr) || state.pr));
    if (state.th) out.push("Thema: " + (LABEL.th.get(state.th) || state.th));
    if (state.from !== null || state.to !== null) out.push("Jahr: " + (state.from === null ? "…" : state.from) + "–" + (state.to === null ? "…" : state.to));
    var off = DATA.classes.filter(function (c) { return !state.classes.has(c.key); }).map(function (c) { return c.label; });
    if (off.length) out.push("ausgeblendet: " + off.join(", "));
    return out;
  }
  function apply(unchanged) {
    if (!unchanged) {
      recompute();
      nodeView.refresh();
      edgeView.refresh();
    }
    // the map follows the filters and frames what they leave
    if (!unchanged && typeof mapState !== "undefined" && mapState.on) drawMap(true);
    var nv = shownNodes.size, ne = shownEdges.size;
    $("status").textContent = nv + " von " + nodes.length + " Knoten, " + ne + " von " + edges.length +
      " Verbindungen sichtbar" + (filtering() || state.classes.size < DATA.classes.length ? " (gefiltert)" : "");
    var empty = $("empty");
    if (nv === 0) {
      var why;
      if (!nodes.length) why = "Diese Ansicht enthält keine Knoten: keine Partnerschaft passt zur gewählten Ansicht.";
      else if (state.classes.size === 0) why = "Alle Knotenarten sind ausgeblendet. Schalten Sie in der Legende mindestens eine ein.";
      else why = "Kein Knoten passt zu allen gewählten Filtern (" + describeFilters().join("; ") + "). Lockern Sie einen Filter oder setzen Sie alle zurück.";
      $("empty-why").textContent = why;
      $("empty-reset").hidden = !nodes.length;
      empty.hidden = false;
    } else {
      empty.hidden = true;
    }
  }
  function resetFilters() {
    state.classes = new Set(DATA.classes.map(function (c) { return c.key; }));
    state.co = state.pr = state.th = "";
    state.from = state.to = null;
    ["filter-co", "filter-pr", "filter-th", "filter-from", "filter-to"].forEach(function (id) { $(id).value = ""; });
    document.querySelectorAll("#legend-classes input").forEach(function (box) { box.checked = true; });
    apply();
  }

  // -- the network ---------------------------------------------------------------------------------
  var network = new vis.Network($("net"), { nodes: nodeView, edges: edgeView }, {
    autoResize: true,
    physics: false,
    layout: { improvedLayout: false },
    interaction: { hover: !big, tooltipDelay: 200, hideEdgesOnDrag: big, hideEdgesOnZoom: big, keyboard: false, multiselect: false },
    nodes: {
      borderWidth: 1,
      font: { size: 13, face: "system-ui, sans-serif", color: "#222", strokeWidth: 3, strokeColor: "#ffffff" },
      scaling: { min: 6, max: 34, label: { enabled: true, min: 11, max: 20, drawThreshold: 7 } }
    },
    edges: {
      smooth: false,
      font: { size: 10, color: "#555", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" },
      selectionWidth: 1.5, hoverWidth: 1,
      // edge labels of 10 px show from zoom 0.7, context labels (8 px) from zoom 0.875
      scaling: { min: 1, max: 12, label: { enabled: false, drawThreshold: 8 } }
    }
  });

  timings.network = performance.now();

  // -- legend --------------------------------------------------------------------------------------
  var SVG = "http://www.w3.org/2000/svg";
  function svg(w, h) { var s = document.createElementNS(SVG, "svg"); s.setAttribute("width", w); s.setAttribute("height", h); s.setAttribute("aria-hidden", "true"); return s; }
  function shape(kind, colour) {
    var s = svg(16, 16), e;
    var poly = {
      diamond: "8,1 15,8 8,15 1,8", triangle: "8,1 15,15 1,15", triangleDown: "1,1 15,1 8,15",
      hexagon: "4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8", star: "8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6"
    }[kind];
    if (poly) { e = document.createElementNS(SVG, "polygon"); e.setAttribute("points", poly); }
    else if (kind === "square") { e = document.createElementNS(SVG, "rect"); e.setAttribute("x", 2); e.setAttribute("y", 2); e.setAttribute("width", 12); e.setAttribute("height", 12); }
    else { e = document.createElementNS(SVG, "circle"); e.setAttribute("cx", 8); e.setAttribute("cy", 8); e.setAttribute("r", 6.5); }
    e.setAttribute("fill", colour);
    s.appendChild(e);
    return s;
  }
  function line(r) {
    var s = svg(30, 10), l = document.createElementNS(SVG, "line");
    l.setAttribute("x1", 1); l.setAttribute("x2", 29); l.setAttribute("y1", 5); l.setAttribute("y2", 5);
    l.setAttribute("stroke", r.colour); l.setAttribute("stroke-width", Math.max(1, r.width));
    if (dashed && r.dashes) l.setAttribute("stroke-dasharray", r.dashes.join(" "));
    s.appendChild(l);
    return s;
  }
  DATA.classes.forEach(function (c) {
    var li = el("li"), label = el("label"), box = el("input");
    box.type = "checkbox"; box.checked = true; box.value = c.key;
    box.addEventListener("change", function () {
      if (box.checked) state.classes.add(c.key); else state.classes.delete(c.key);
      apply();
    });
    label.append(box, shape(c.shape, c.colour), el("span", c.label));
    li.append(label, el("span", c.count, "count"));
    $("legend-classes").appendChild(li);
  });
  DATA.relations.forEach(function (r) {
    var li = el("li");
    li.append(line(r), el("span", r.label), el("span", r.count, "count"));
    $("legend-relations").appendChild(li);
  });

  // -- filter controls -----------------------------------------------------------------------------
  function fill(id, options, none) {
    var select = $(id);
    options.forEach(function (o) { var opt = el("option", o[1]); opt.value = o[0]; select.appendChild(opt); });
    if (!options.length) { select.disabled = true; select.options[0].textContent = none; }
  }
  fill("filter-co", DATA.facets.co, "keine Länder");
  fill("filter-pr", DATA.facets.pr, "keine Programme");
  fill("filter-th", DATA.facets.th, "keine Themen");
  var years = DATA.facets.yr.map(function (y) { return [String(y), String(y)]; });
  fill("filter-from", years, "–");
  fill("filter-to", years, "–");
  ["co", "pr", "th"].forEach(function (k) {
    $("filter-" + k).addEventListener("change", function (ev) { state[k] = ev.target.value; apply(); });
  });
  $("filter-from").addEventListener("change", function (ev) { state.from = ev.target.value ? Number(ev.target.value) : null; apply(); });
  $("filter-to").addEventListener("change", function (ev) { state.to = ev.target.value ? Number(ev.target.value) : null; apply(); });
  $("reset").addEventListener("click", resetFilters);
  $("empty-reset").addEventListener("click", resetFilters);
  var sizeSelect = $("size-by");
  sizeSelect.value = sizeBy;
  sizeSelect.addEventListener("change", function () {
    sizeBy = sizeSelect.value;
    visNodes.update(nodes.map(function (n, i) { return { id: i, value: sizeOf(i, sizeBy) }; }));
  });

  // -- notices -------------------------------------------------------------------------------------
  var noticeTimer = null;
  function notice(text) {
    var n = $("notice");
    n.textContent = text; n.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(function () { n.hidden = true; }, 4000);
  }

  // -- selecting and the side panel ----------------------------------------------------------------
  function select(i) {
    if (!shownNodes.has(i)) {
      resetFilters();
      notice("Filter zurückgesetzt, damit „" + nodes[i].l + "“ sichtbar ist.");
    }
    network.selectNodes([i]);
    network.focus(i, { scale: Math.max(network.getScale(), 1), animation: false });
    if (mapState.on) centreMapOn(i);
    showNode(i);
  }
  function button(text, i) {
    var b = el("button", text, "link");
    b.type = "button";
    b.addEventListener("click", function () { select(i); });
    return b;
  }
  function articleItem(ai, quotes) {
    var a = arts[ai], li = el("li");
    li.appendChild(link(a.u, a.t || a.u || "Artikel"));
    if (a.d) li.appendChild(el("span", " (" + a.d + ")", "rel"));
    (quotes || []).forEach(function (q) { li.appendChild(el("blockquote", q)); });
    return li;
  }
  // the articles behind some partnerships, each once, with the sentences that state them
  function evidenceList(partIdx) {
    var order = [], quotes = new Map();
    partIdx.forEach(function (pi) {
      parts[pi].ev.forEach(function (ev) {
        if (!quotes.has(ev[0])) { quotes.set(ev[0], []); order.push(ev[0]); }
        if (quotes.get(ev[0]).indexOf(ev[1]) < 0) quotes.get(ev[0]).push(ev[1]);
      });
      parts[pi].a.forEach(function (ai) { if (!quotes.has(ai)) { quotes.set(ai, []); order.push(ai); } });
    });
    if (!order.length) return null;
    var ul = el("ul");
    order.slice(0, LIST_MAX).forEach(function (ai) { ul.appendChild(articleItem(ai, quotes.get(ai))); });
    if (order.length > LIST_MAX) ul.appendChild(el("li", "… und " + (order.length - LIST_MAX) + " weitere Artikel", "more"));
    return ul;
  }
  function openPanel(title, sub) {
    var body = $("panel-body");
    body.replaceChildren(el("h2", title), el("p", sub, "cls"));
    $("panel").hidden = false;
    return body;
  }
  function partFacts(p) {
    var dl = el("dl");
    function row(k, v) { if (v) dl.append(el("dt", k), el("dd", v)); }
    row("Art", p.tl);
    row("Seit", p.y);
    row("Programm", p.pr.map(function (k) { return LABEL.pr.get(k) || k; }).join(", "));
    row("Themen", p.th.map(function (k) { return LABEL.th.get(k) || k; }).join(", "));
    return dl;
  }
  function showNode(i) {
    var n = nodes[i];
    var body = openPanel(n.l, classLine(n));
    var dl = el("dl");
    n.f.forEach(function (f) {
      dl.append(el("dt", f[0]));
      var dd = el("dd");
      dd.appendChild(f[2] ? link(f[2], f[1]) : document.createTextNode(f[1]));
      dl.append(dd);
    });
    body.appendChild(dl);
    var list = incident[i].slice().sort(function (a, b) {
      var ea = edges[a], eb = edges[b];
      var ra = DATA.relations.indexOf(REL[relKey(ea)]), rb = DATA.relations.indexOf(REL[relKey(eb)]);
      return ra - rb || nodes[other(ea, i)].l.localeCompare(nodes[other(eb, i)].l, "de");
    });
    body.appendChild(el("h3", "Verbindungen (" + list.length + ")"));
    var ul = el("ul");
    list.forEach(function (ei) {
      var e = edges[ei], j = other(e, i), li = el("li");
      li.append(el("span", edgeLabel(e) + (e.r === "aggregate" ? " Partnerschaften" : "") + ": ", "rel"), button(nodes[j].l, j));
      if (!shownNodes.has(j)) li.appendChild(el("span", " (ausgeblendet)", "rel"));
      if (e.r !== "partnership" && e.p.length) {
        li.appendChild(el("div", "über: " + e.p.slice(0, 8).map(function (p) { return parts[p].l; }).join("; ") +
          (e.p.length > 8 ? " …" : ""), "rel"));
      }
      var ev = e.p.length ? evidenceList(e.p) : null;
      if (ev) li.appendChild(ev);
      ul.appendChild(li);
    });
    body.appendChild(ul);
    if (n.a.length) {
      body.appendChild(el("h3", "Erwähnt in " + n.a.length + " Artikel" + (n.a.length === 1 ? "" : "n")));
      var al = el("ul");
      n.a.slice(0, LIST_MAX).forEach(function (ai) { al.appendChild(articleItem(ai, [])); });
      if (n.a.length > LIST_MAX) al.appendChild(el("li", "… und " + (n.a.length - LIST_MAX) + " weitere", "more"));
      body.appendChild(al);
    }
  }
  function showEdge(ei) {
    var e = edges[ei];
    var body = openPanel(nodes[e.f].l + " – " + nodes[e.t].l, e.r === "partnership" ? "Partnerschaft" : REL[relKey(e)].label);
    var p = el("p");
    p.append(button(nodes[e.f].l, e.f), document.createTextNode(" – "), button(nodes[e.t].l, e.t));
    body.appendChild(p);
    e.p.slice(0, LIST_MAX).forEach(function (pi) {
      body.appendChild(el("h3", parts[pi].l));
      body.appendChild(partFacts(parts[pi]));
      var ev = evidenceList([pi]);
      if (ev) body.appendChild(ev);
    });
    if (e.p.length > LIST_MAX) body.appendChild(el("p", "… und " + (e.p.length - LIST_MAX) + " weitere Partnerschaften", "more"));
  }
  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });
  $("panel-close").addEventListener("click", function () {
    $("panel").hidden = true; network.unselectAll();
    if (mapState.built) markMap(null, null);
  });

  // -- search --------------------------------------------------------------------------------------
  var keys = nodes.map(function (n) { return "\n" + n.k; });
  function search(q) {
    var f = fold(q.trim());
    if (!f) return [];
    var hits = [];
    keys.forEach(function (k, i) {
      if (k.indexOf(f) >= 0) hits.push([k.indexOf("\n" + f) >= 0 ? 0 : 1, fold(nodes[i].l), i]);
    });
    hits.sort(function (a, b) { return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[2] - b[2]); });
    return hits.map(function (h) { return h[2]; });
  }
  var input = $("search"), results = $("results");
  function showResults() {
    var q = input.value, hits = search(q);
    results.replaceChildren();
    if (!q.trim()) { results.hidden = true; return; }
    if (!hits.length) {
      results.appendChild(el("li", "Keine Treffer für „" + q.trim() + "“", "none"));
    }
    hits.slice(0, 20).forEach(function (i) {
      var li = el("li"), b = el("button", nodes[i].l);
      b.type = "button"; b.setAttribute("role", "option");
      b.appendChild(el("span", classLine(nodes[i]) + (shownNodes.has(i) ? "" : " – durch Filter ausgeblendet"), "meta"));
      if (!shownNodes.has(i)) b.classList.add("hidden-by-filter");
      b.addEventListener("click", function () { results.hidden = true; select(i); });
      li.appendChild(b);
      results.appendChild(li);
    });
    if (hits.length > 20) results.appendChild(el("li", "… und " + (hits.length - 20) + " weitere Treffer", "none"));
    results.hidden = false;
  }
  input.addEventListener("input", showResults);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var hits = search(input.value);
      if (hits.length) { results.hidden = true; select(hits[0]); }
    } else if (ev.key === "Escape") {
      results.hidden = true;
    } else if (ev.key === "ArrowDown") {
      var first = results.querySelector("button");
      if (first) { ev.preventDefault(); first.focus(); }
    }
  });


  // -- the map -------------------------------------------------------------------------------------
  // Municipalities with coordinates on a world outline (Natural Earth 1:110m, shipped in the page
  // as #pg-world), partnerships as arcs between them. It shows what the network shows: the same
  // filters (shownNodes / shownEdges), the same search, the same side panel. Miller projection:
  // less stretched towards the poles than plate carrée, and no pole at infinity like Mercator.
  var mapState = { on: false, built: false, svg: null, box: null, sel: null, dots: new Map(), arcs: new Map() };
  var located = nodes.filter(function (n) { return n.g; }).length;
  function millerY(lat) {
    var phi = Math.max(-85, Math.min(85, lat)) * Math.PI / 180;
    return -1.25 * Math.log(Math.tan(Math.PI / 4 + 0.4 * phi)) * 180 / Math.PI;
  }
  function project(g) { return [g[0], millerY(g[1])]; }
  function svgEl(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function buildMap() {
    var world = JSON.parse(document.getElementById("pg-world").textContent);
    var s = svgEl("svg", { role: "img", "aria-label": "Weltkarte" });
    var land = svgEl("g", { "class": "land-layer" });
    world.rings.forEach(function (r) {
      var d = "", south = true;
      for (var k = 0; k < r.length; k += 2) {
        if (r[k + 1] > -58) south = false;
        d += (k ? "L" : "M") + r[k].toFixed(1) + " " + millerY(r[k + 1]).toFixed(2);
      }
      if (!south) land.appendChild(svgEl("path", { d: d + "Z", "class": "land" }));  // no Antarctica
    });
    s.append(land, svgEl("g", { "class": "arc-layer" }), svgEl("g", { "class": "dot-layer" }), svgEl("g", { "class": "label-layer" }));
    $("map").appendChild(s);
    mapState.svg = s;
    mapState.built = true;
    // panning and zooming move the viewBox; sizes in screen pixels are kept by rescale()
    var drag = null;
    s.addEventListener("pointerdown", function (ev) {
      if (ev.target.classList.contains("dot") || ev.target.classList.contains("arc")) return;
      drag = { x: ev.clientX, y: ev.clientY, box: mapState.box.slice() };
      $("map").classList.add("dragging");
    });
    window.addEventListener("pointermove", function (ev) {
      if (!drag) return;
      var u = unitsPerPixel();
      mapState.box = [drag.box[0] - (ev.clientX - drag.x) * u, drag.box[1] - (ev.clientY - drag.y) * u, drag.box[2], drag.box[3]];
      setBox(mapState.box);
    });
    window.addEventListener("pointerup", function () { drag = null; $("map").classList.remove("dragging"); });
    s.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      var r = s.getBoundingClientRect(), u = unitsPerPixel(), b = mapState.box;
      var factor = ev.deltaY > 0 ? 1.25 : 0.8;
      var w = Math.min(400, Math.max(0.5, b[2] * factor)), h = b[3] * w / b[2];
      var cx = b[0] + (ev.clientX - r.left) * u, cy = b[1] + (ev.clientY - r.top) * u;
      setBox([cx - (cx - b[0]) * w / b[2], cy - (cy - b[1]) * h / b[3], w, h]);
    }, { passive: false });
  }
  function unitsPerPixel() {
    var r = mapState.svg.getBoundingClientRect(), b = mapState.box;
    return Math.max(b[2] / Math.max(1, r.width), b[3] / Math.max(1, r.height));
  }
  function setBox(b) {
    mapState.box = b;
    mapState.svg.setAttribute("viewBox", b.map(function (v) { return v.toFixed(3); }).join(" "));
    rescale();
  }
  function dotRadius(i) { return 3 + 2.2 * Math.sqrt(sizeOf(i, sizeBy)); }
  function rescale() {
    var u = unitsPerPixel();
    mapState.dots.forEach(function (c, i) { c.setAttribute("r", (dotRadius(i) * u).toFixed(4)); });
    mapState.svg.querySelectorAll(".label-layer text").forEach(function (t) {
      var i = Number(t.getAttribute("data-i"));
      t.setAttribute("font-size", (12 * u).toFixed(4));
      t.setAttribute("x", (project(nodes[i].g)[0] + (dotRadius(i) + 2) * u).toFixed(4));
      t.style.strokeWidth = (3 * u) + "px";  // the white halo, in screen pixels
    });
  }
  function fitMap(list) {
    var pts = list.map(function (i) { return project(nodes[i].g); });
    if (!pts.length) { setBox([-170, -95, 340, 175]); return; }
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    pts.forEach(function (p) { x0 = Math.min(x0, p[0]); x1 = Math.max(x1, p[0]); y0 = Math.min(y0, p[1]); y1 = Math.max(y1, p[1]); });
    // at least 30 degrees across, so one country's towns do not fill the screen; 10 % margin
    var w = Math.max(30, (x1 - x0) * 1.2), h = Math.max(18, (y1 - y0) * 1.2);
    var r = mapState.svg.getBoundingClientRect(), aspect = Math.max(0.2, r.width / Math.max(1, r.height));
    if (w / h < aspect) w = h * aspect; else h = w / aspect;
    setBox([(x0 + x1) / 2 - w / 2, (y0 + y1) / 2 - h / 2, w, h]);
  }
  function arcPath(e) {
    var a = project(nodes[e.f].g), b = project(nodes[e.t].g);
    var dx = b[0] - a[0], dy = b[1] - a[1], bend = 0.18 + 0.08 * (e.n || 0);
    // bow the arc to the north of the straight line (smaller y), like a great circle on a map
    var nx = -dy, ny = dx;
    if (ny > 0) { nx = -nx; ny = -ny; }
    var cx = (a[0] + b[0]) / 2 + nx * bend, cy = (a[1] + b[1]) / 2 + ny * bend;
    return "M" + a[0].toFixed(3) + " " + a[1].toFixed(3) + "Q" + cx.toFixed(3) + " " + cy.toFixed(3) + " " + b[0].toFixed(3) + " " + b[1].toFixed(3);
  }
  function drawMap(fit) {
    if (!mapState.built) buildMap();
    var arcs = mapState.svg.querySelector(".arc-layer"), dots = mapState.svg.querySelector(".dot-layer"),
        labels = mapState.svg.querySelector(".label-layer");
    arcs.replaceChildren(); dots.replaceChildren(); labels.replaceChildren();
    mapState.dots = new Map(); mapState.arcs = new Map();
    var placed = [], unplaced = 0;
    shownNodes.forEach(function (i) {
      var n = nodes[i];
      if (n.c !== "Municipality") return;
      if (n.g) placed.push(i); else unplaced++;
    });
    var placedSet = new Set(placed);
    shownEdges.forEach(function (ei) {
      var e = edges[ei];
      if ((e.r !== "partnership") || !placedSet.has(e.f) || !placedSet.has(e.t) || e.f === e.t) return;
      var r = REL[relKey(e)];
      var path = svgEl("path", { d: arcPath(e), "class": "arc", stroke: r.colour, "stroke-width": Math.max(1.5, r.width) });
      if (dashed && r.dashes) path.setAttribute("stroke-dasharray", r.dashes.join(" "));
      path.appendChild(svgTitle(edgeTitle(e)));  // an SVG <title>: the native tooltip
      path.addEventListener("click", function () { markMap(null, ei); showEdge(ei); });
      arcs.appendChild(path);
      mapState.arcs.set(ei, path);
    });
    placed.sort(function (a, b) { return sizeOf(b, sizeBy) - sizeOf(a, sizeBy) || a - b; });
    placed.slice().reverse().forEach(function (i) {  // big dots last: on top
      var p = project(nodes[i].g), c = CLS[nodes[i].c];
      var dot = svgEl("circle", { cx: p[0].toFixed(4), cy: p[1].toFixed(4), r: 1, fill: c.colour, "class": "dot" });
      dot.appendChild(svgTitle(nodes[i].l + "\n" + classLine(nodes[i])));
      dot.addEventListener("click", function () { markMap(i, null); showNode(i); });
      dots.appendChild(dot);
      mapState.dots.set(i, dot);
    });
    // labels for the 150 largest dots: more would overlap into an unreadable carpet
    placed.slice(0, 150).forEach(function (i) {
      var p = project(nodes[i].g);
      var t = svgEl("text", { x: p[0], y: p[1].toFixed(4), "data-i": i, "dominant-baseline": "middle" });
      t.textContent = nodes[i].l;
      labels.appendChild(t);
    });
    var note = $("map-note");
    note.textContent = placed.length + " Kommunen auf der Karte, " + mapState.arcs.size + " Partnerschaften als Bögen" +
      (unplaced ? "; " + unplaced + " Kommunen ohne Koordinaten nur im Netzwerk" : "");
    note.hidden = false;
    if (fit || !mapState.box) fitMap(placed); else rescale();
    if (mapState.sel) markMap(mapState.sel[0], mapState.sel[1]);
  }
  function svgTitle(text) { var t = document.createElementNS(SVG, "title"); t.textContent = text; return t; }
  function markMap(i, ei) {
    mapState.sel = [i, ei];
    mapState.svg.querySelectorAll(".sel").forEach(function (x) { x.classList.remove("sel"); });
    if (i !== null && mapState.dots.has(i)) mapState.dots.get(i).classList.add("sel");
    if (ei !== null && mapState.arcs.has(ei)) mapState.arcs.get(ei).classList.add("sel");
  }
  function setView(view) {
    var map = view === "map";
    mapState.on = map;
    $("view-map").setAttribute("aria-pressed", String(map));
    $("view-network").setAttribute("aria-pressed", String(!map));
    $("map").hidden = !map;
    $("map-note").hidden = !map;
    $("net").style.visibility = map ? "hidden" : "visible";
    if (map) drawMap(!mapState.box);
  }
  $("view-map").addEventListener("click", function () { setView("map"); });
  $("view-network").addEventListener("click", function () { setView("network"); });
  if (!located) { $("view-map").disabled = true; $("view-map").title = "Keine Kommune dieser Ansicht hat Koordinaten"; }
  function centreMapOn(i) {
    if (!nodes[i].g || !mapState.dots.has(i)) {
      notice("„" + nodes[i].l + "“ hat keine Koordinaten und steht nur im Netzwerk.");
      return;
    }
    var p = project(nodes[i].g), b = mapState.box, w = Math.min(b[2], 40), h = b[3] * w / b[2];
    setBox([p[0] - w / 2, p[1] - h / 2, w, h]);
    markMap(i, null);
  }

  // -- start ---------------------------------------------------------------------------------------
  $("title").textContent = DATA.meta.title + (DATA.meta.view ? " – " + DATA.meta.view : "");
  apply(true);
  timings.filtered = performance.now();
  network.fit({ animation: false });
  timings.fitted = performance.now();
  var api = {
    ready: false, readyAt: null, network: network, timings: timings,
    nodeCount: function () { return visNodes.length; },
    edgeCount: function () { return visEdges.length; },
    visibleNodeCount: function () { return nodeView.length; },
    visibleEdgeCount: function () { return edgeView.length; },
    search: function (q) { return search(q).map(function (i) { return nodes[i].l; }); },
    indexOf: function (label) { for (var i = 0; i < nodes.length; i++) { if (nodes[i].l === label) return i; } return -1; },
    domPosition: function (i) {
      var p = network.canvasToDOM(network.getPositions([i])[i]), r = $("net").getBoundingClientRect();
      return { x: p.x + r.left, y: p.y + r.top };
    },
    select: select,
    view: function () { return mapState.on ? "map" : "network"; },
    setView: setView,
    mapDotCount: function () { return mapState.on ? mapState.dots.size : 0; },
    mapArcCount: function () { return mapState.on ? mapState.arcs.size : 0; },
    mapDotPosition: function (i) {
      var d = mapState.dots.get(i);
      if (!d) return null;
      var r = d.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }
  };
  window.partnergraph = api;
  network.once("afterDrawing", function () {
    api.ready = true;
    api.readyAt = timings.drawn = performance.now();
    document.documentElement.setAttribute("data-ready", "true");
    if (DATA.meta.focus.length) select(DATA.meta.focus[0]);
  });
})();
