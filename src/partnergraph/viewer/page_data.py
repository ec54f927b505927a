"""The page data: the JSON graph.html reads (nodes with positions, facets and side-panel facts,
edges, partnerships, articles, legend and filter options), made from a `Network` and its
layout. Its keys are short to keep large pages small; every key and its meaning is listed in
docs/viewer.md ("The page data"), the contract with data/viewer/viewer.js."""

from __future__ import annotations

import re
from collections import defaultdict

from ..errors import UsageError
from ..namespaces import GEONAMES
from .layout import layout
from .legend import CLASSES, HOME_COUNTRY, RELATIONS, TYPE_COLOURS, WALK, relation_order
from .records import Entity, RawData
from .views import Network, entity_names, fold, search_keys, slug

#: shown articles per node in the side panel are capped in the page, not here; titles of
#: article nodes (with --articles) are cut to this many characters in the node label
ARTICLE_LABEL_CHARS = 48

_HTTP_URL = re.compile(r"^https?://[^\s\"'<>]+$")


def _http(url: str) -> str:
    # most facts have no link: no pattern match for them (34,000 facts per page at 10,000 articles)
    return url if url and _HTTP_URL.match(url) else ""


def _german_int(text: str) -> str:
    try:
        return f"{int(text):,}".replace(",", ".")
    except ValueError:
        return text


def _display(raw: RawData, x: str, cls: str, codes: dict[str, str] | None = None) -> str:
    if cls == "Article":
        title = raw.articles[x].title or raw.articles[x].url
        return title if len(title) <= ARTICLE_LABEL_CHARS else title[: ARTICLE_LABEL_CHARS - 1].rstrip() + "…"
    e = raw.entities[x]
    name = e.name or slug(x)
    code = codes[x] if codes is not None else _country_code(raw, x)
    if cls == "Municipality" and code not in ("", HOME_COUNTRY, "XX"):
        return f"{name} · {code}"
    if cls == "Country" and e.cc not in ("", "XX"):
        return f"{name} ({e.cc})"
    return name


def _country_code(raw: RawData, x: str) -> str:
    e = raw.entities.get(x)
    if e is None:
        return ""
    if e.cls == "Country":
        return e.cc
    for c in sorted(e.props.get("country", ())):
        if c in raw.entities and raw.entities[c].cc:
            return raw.entities[c].cc
    return ""


class _Memo(dict):
    """A dictionary that computes a missing value once: page_data asks for the country code
    of the same entities over and over (350,000 times on the 10,000-article graph, 1.5 s)."""

    def __init__(self, compute):
        super().__init__()
        self.compute = compute

    def __missing__(self, key):
        value = self[key] = self.compute(key)
        return value


def _facts(net: Network, x: str, cls: str, degree: int, codes: dict[str, str] | None = None,
           municipalities: dict[str, int] | None = None) -> list[list[str]]:
    """The side panel's facts. `codes` (country code per entity) and `municipalities` (number
    of municipality nodes per country code) are computed once per page by `page_data`."""
    raw = net.raw
    if codes is None:
        codes = _Memo(lambda y: _country_code(raw, y))
    if municipalities is None:
        municipalities = _municipalities_per_country(net, codes)
    facts: list[list[str]] = []

    def add(key, value, href=""):
        if value:
            facts.append([key, str(value), _http(href)])

    if cls == "Article":
        a = raw.articles[x]
        add("Titel", a.title)
        add("Datum", a.date)
        add("Ort", a.dateline)
        add("Quelle", a.url, a.url)
        add("IRI", x, x)
        return facts
    e = raw.entities[x]
    ents = raw.entities
    if cls in ("Municipality", "Organisation", "Event"):
        for c in sorted(e.props.get("country", ())):
            if c in ents:
                add("Land", _display(raw, c, "Country", codes))
        for r in sorted(e.props.get("region", ())):
            add("Region", ents[r].name if r in ents else slug(r))
    if cls == "Country":
        add("Ländercode", e.cc)
        add("Kommunen im Netz", municipalities.get(e.cc, 0))
        if net.aggregate:
            add("Partnerschaften im eigenen Land", net.domestic.get(x, 0))
    for pop in sorted(e.props.get("population", ()), key=lambda v: int(v) if v.lstrip("-").isdigit() else 0):
        add("Einwohner (laut Artikel)", _german_int(pop))
    for wkt in sorted(e.props.get("wkt", ())):
        m = re.match(r"POINT\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)", wkt)
        if m:
            add("Koordinaten", f"{float(m.group(2)):.4f}, {float(m.group(1)):.4f}")
    for same in sorted(e.props.get("sameAs", ())):
        add("GeoNames" if same.startswith(GEONAMES) else "Siehe auch", same, same)
    add("Definition", " ".join(sorted(e.props.get("definition", ()))[:1]))
    for key, prop in (("Durchgeführt von", "implementedBy"), ("Gefördert von", "fundedBy"), ("Gastgeber", "hostedBy")):
        names = sorted(ents[o].name for o in e.props.get(prop, ()) if o in ents)
        add(key, ", ".join(names))
    add("Beginn", min(e.props.get("startDate", ()), default=""))
    add("Ende", max(e.props.get("endDate", ()), default=""))
    add("Verbindungen", degree)
    add("Erwähnt in Artikeln", len(e.mentioned_in))
    metrics = raw.analytics.get(x, {})
    for key, prop in (("Gradzentralität", "degreeCentrality"), ("Zwischenzentralität", "betweennessCentrality"),
                      ("Komponente", "component"), ("Gemeinschaft", "community")):
        if prop in metrics:
            value = metrics[prop]
            add(key, f"{float(value):.4f}" if prop.endswith("Centrality") else value)
    add("IRI", x, x)
    return facts


def _municipalities_per_country(net: Network, codes: dict[str, str]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for y, c in net.nodes.items():
        if c == "Municipality":
            counts[codes[y]] += 1
    return counts


def _year(date: str) -> int | None:
    return int(date[:4]) if date[:4].isdigit() else None


def _shape(net: Network, memo):
    """The view's `Shape`, made: the layout, then every edge ranked and written."""
    from .page import Encoded, encode_item
    from .page_patch import Shape

    raw = net.raw
    pos = layout(net, memo)  # a build's memo (memo.py) keeps the components' layouts
    order = sorted(net.nodes, key=lambda x: (list(CLASSES).index(net.nodes[x]), x))
    index = {x: i for i, x in enumerate(order)}
    degree: dict[str, int] = defaultdict(int)
    for e in net.edges:
        degree[e.source] += 1
        degree[e.target] += 1
    used_parts = sorted({p for e in net.edges for p in e.partnerships})
    part_index = {p: i for i, p in enumerate(used_parts)}
    partner_nodes = {x for e in net.edges if e.rel in WALK for x in (e.source, e.target)}
    parts = raw.partnerships
    pair_count: dict[tuple[int, int], int] = {}
    edges_json = []
    part_at = part_index.__getitem__
    # sorted by (source, target, relation, partnerships), equal keys in their order (the
    # position breaks the tie, as the stable sort of the edges by that key did)
    ranked = sorted((index[e.source], index[e.target], e.rel, e.partnerships, i) for i, e in enumerate(net.edges))
    for a, b, rel, ps, i in ranked:
        item = {"f": a, "t": b, "r": rel, "p": list(map(part_at, ps))}
        if rel == "partnership":
            item["k"] = parts[ps[0]].type
        elif rel == "aggregate":
            item["w"] = net.edges[i].weight
        key = (a, b) if a < b else (b, a)
        n = pair_count.get(key, 0)
        if n:
            item["n"] = n  # the n-th edge between the same two nodes is drawn curved
        pair_count[key] = n + 1
        edges_json.append(item)
    present_rel = defaultdict(int)
    for e in edges_json:
        present_rel[e["r"] if e["r"] != "partnership" else "partnership:" + e["k"]] += 1
    type_labels = {parts[p].type: parts[p].type_label for p in used_parts}
    relations = []
    for key, n in sorted(present_rel.items(), key=lambda kv: (relation_order(kv[0]), kv[0])):
        rel, _, kind = key.partition(":")
        label, colour, dashes, width = RELATIONS[rel]
        if kind:
            label, colour = type_labels.get(kind, kind), TYPE_COLOURS.get(kind, colour)
        relations.append({"key": key, "label": label, "colour": colour, "dashes": dashes, "width": width, "count": n})
    return Shape(pos, order, dict(degree), used_parts, partner_nodes, Encoded(map(encode_item, edges_json)),
                 relations)


def page_data(net: Network, *, size_by: str = "degree", memo=None, encoded: bool = False) -> dict:
    """The JSON the page reads: nodes with positions, facets and facts, edges, partnerships,
    articles, legend and filter options. Sorted, so the same network gives the same bytes.

    With a build's `memo` the partnerships and nodes of the last build's page are taken over
    where nothing they read changed (page_patch.py): each item is made by one function of what
    it reads (`_partnership_item`, `_node_item`), which also names those records, and every
    position is given afterwards, so a taken-over item is the item a full making gives. A
    view taken over from the last build brings its `Shape` along. With `encoded`, the nodes,
    edges and partnerships are `page.Encoded` lists (their items written as the page writes
    them, where they could be), for `page.page_json`; otherwise plain objects."""
    from .page import Encoded, decoded, encode_item
    from .page_patch import Kept, Shape, keep, remember_view

    if size_by not in ("degree", "articles"):
        raise UsageError(f"--size must be 'degree' or 'articles', not {size_by!r}")
    raw = net.raw
    shape = net.shape if isinstance(net.shape, Shape) else _shape(net, memo)
    remember_view(memo, net, shape)
    pos, degree, partner_nodes = shape.pos, shape.degree, shape.partner_nodes
    codes = _Memo(lambda x: _country_code(raw, x))
    municipalities = _municipalities_per_country(net, codes)
    used_parts = shape.used_parts
    # the loops below run once per partnership or article of the page (14,700 and 10,000 at
    # 10,000 articles): written so that each step makes no object it does not keep
    # (0.90 -> 0.72 s of page data at 10,000 articles, best of five, the same bytes; issue 16)
    parts, arts, ents = raw.partnerships, raw.articles, raw.entities
    used_articles: set[str] = set()
    for p in used_parts:
        rec = parts[p]
        used_articles.update(rec.articles)
        used_articles.update([a for a, _, _ in rec.evidence])
    node_articles: dict[str, list[str]] = {}
    for x, cls in net.nodes.items():
        if cls == "Article":
            used_articles.add(x)
        else:
            node_articles[x] = sorted(ents[x].mentioned_in)
            used_articles.update(node_articles[x])
    art_order = [a for _, a in sorted(((arts[a].date, a) for a in used_articles), reverse=True)]
    art_index = {a: i for i, a in enumerate(art_order)}
    art_at = art_index.__getitem__

    # each (kind, resource) keyed once: the partnerships ask for the same themes and countries
    # again and again (32,000 times for 14,700 partnerships at 10,000 articles)
    facet_keys: dict[tuple[str, str], str] = {}

    def facet(kind: str, iri: str) -> str:
        found = facet_keys.get((kind, iri))
        if found is None:
            found = facet_keys[(kind, iri)] = codes[iri] if kind == "co" else slug(iri)
        return found

    article_year = _Memo(lambda a: _year(raw.articles[a].date))  # asked again per partnership
    kept = Kept.of(memo, net, size_by, art_order)
    asked: list[tuple[str, str]] = []  # every facet asked for, in the order a page asks
    # an item's state: [its JSON (page.encode_item), its articles, its evidence's articles or
    # what it read of the view, the facets it asked for, its years]
    parts_state = {}
    for p in used_parts:
        made = kept.part(p, lambda: _partnership_reads(raw, p)) if kept is not None else None
        if made is None:
            asks = _partnership_asks(raw, p)
            item, articles, evidence = _partnership_item(raw, p, asks, facet, article_year, art_at)
            made = [encode_item(item), articles, evidence, asks, item["yr"]]
        asked += made[3]
        parts_state[p] = made
    nodes_state = {}
    for x in shape.order:
        cls = net.nodes[x]
        extra = (cls, list(pos[x]), x in partner_nodes, degree.get(x, 0), sorted(raw.analytics.get(x, {}).items()),
                 municipalities.get(raw.entities[x].cc, 0) if cls == "Country" else 0,
                 net.aggregate, net.domestic.get(x, 0))
        made = kept.node(x, extra, lambda: _node_reads(raw, x, cls)) if kept is not None else None
        if made is None:
            asks = _node_asks(raw, x, cls)
            item, articles, _ = _node_item(net, x, asks, extra, facet, codes, municipalities, degree.get(x, 0),
                                           pos[x], node_articles, art_at)
            made = [encode_item(item), articles, extra, asks, item["o"].get("yr", [])]
        asked += made[3]
        nodes_state[x] = made
    keep(memo, net, size_by, art_order, parts_state, nodes_state, kept)
    # the filters' labels: the first resource asked for a key names it
    facet_labels: dict[str, dict[str, str]] = {"co": {}, "pr": {}, "th": {}}
    for kind, iri in dict.fromkeys(asked):
        key = facet(kind, iri)
        if key and key not in facet_labels[kind]:
            facet_labels[kind][key] = _display(raw, iri, "Country", codes) if kind == "co" else raw.entities[iri].name
    years = sorted({y for s in parts_state.values() for y in s[4]} | {y for s in nodes_state.values() for y in s[4]})
    present = defaultdict(int)
    for cls in net.nodes.values():
        present[cls] += 1

    def options(kind):
        return sorted(([k, v] for k, v in facet_labels[kind].items()), key=lambda kv: (fold(kv[1]), kv[0]))

    index = {x: i for i, x in enumerate(shape.order)} if net.focus else {}
    focus = [index[x] for x in net.focus if x in index]
    data = {
        "meta": {"title": net.title, "view": net.view, "focus": focus, "sizeBy": size_by,
                 "aggregate": net.aggregate, "analytics": bool(raw.analytics)},
        "classes": [{"key": k, "label": v[0], "colour": v[1], "shape": v[2], "count": present[k]}
                    for k, v in CLASSES.items() if k in present],
        "relations": shape.relations,
        "facets": {"co": options("co"), "pr": options("pr"), "th": options("th"), "yr": years},
        "nodes": Encoded(s[0] for s in nodes_state.values()), "edges": shape.edges,
        "partnerships": Encoded(s[0] for s in parts_state.values()),
        "articles": [{"t": r.title, "u": _http(r.url), "d": r.date} for r in map(arts.__getitem__, art_order)],
    }
    return data if encoded else decoded(data)


def _code_reads(raw: RawData, x: str) -> list[str]:
    """The records `_country_code(raw, x)` reads."""
    e = raw.entities.get(x)
    return [x] if e is None or e.cls == "Country" else [x, *e.props.get("country", ())]


def _partnership_asks(raw: RawData, p: str) -> list[tuple[str, str]]:
    """The facets (kind, resource) partnership `p` asks for, in order: its partners' countries,
    its programmes, its themes."""
    rec = raw.partnerships[p]
    ents = raw.entities
    return ([("co", c) for x in rec.partners for c in ents[x].props.get("country", ())]
            + [("pr", x) for x in rec.programmes] + [("th", x) for x in rec.themes])


def _partnership_reads(raw: RawData, p: str) -> list[str]:
    """The records partnership `p`'s item reads besides its own, for what page_patch._light
    names: its partners (names, countries), their countries (codes), its articles (dates)."""
    rec = raw.partnerships[p]
    reads = [*rec.partners, *rec.articles, *(a for a, _, _ in rec.evidence)]
    for x in rec.partners:
        for c in raw.entities[x].props.get("country", ()):
            reads += _code_reads(raw, c)
    return reads


def _partnership_item(raw: RawData, p: str, asks: list[tuple[str, str]], facet, article_year, art_at) -> list:
    """One partnership of the page data, a function of its record and `_partnership_reads`:
    [item, its articles by IRI, its evidence's articles by IRI]."""
    rec = raw.partnerships[p]
    years = {y for a in rec.articles if (y := article_year[a])}
    if rec.year:
        years.add(rec.year)
    item = {
        "l": rec.label or " – ".join([raw.entities[x].name for x in rec.partners]),
        "k": rec.type, "tl": rec.type_label, "y": rec.year,
        "co": sorted({k for kind, c in asks if kind == "co" and (k := facet("co", c))}),
        "pr": sorted([facet("pr", x) for kind, x in asks if kind == "pr"]),
        "th": sorted([facet("th", x) for kind, x in asks if kind == "th"]), "yr": sorted(years),
        "a": sorted(map(art_at, rec.articles)),
        "ev": [[art_at(a), q] for a, _, q in rec.evidence],
    }
    return [item, sorted(rec.articles), [a for a, _, _ in rec.evidence]]


def _node_asks(raw: RawData, x: str, cls: str) -> list[tuple[str, str]]:
    """The facets (kind, resource) node `x` asks for, in order."""
    ents = raw.entities
    if cls == "Article":
        a = raw.articles[x]
        return ([("th", t) for t in a.about if t in ents]
                + [("co", c) for m in a.mentions
                   for c in ([m] if ents[m].cls == "Country" else ents[m].props.get("country", ())) if c in ents]
                + [("pr", m) for m in a.mentions if ents[m].cls == "Programme"])
    asks = []
    if cls in ("Municipality", "Country", "Event", "Organisation"):
        asks += [("co", c) for c in ents[x].props.get("country", ()) if c in ents]
        if cls == "Country":
            asks.append(("co", x))
    if cls in ("Programme", "Theme"):
        asks.append(("pr" if cls == "Programme" else "th", x))
    return asks


def _node_reads(raw: RawData, x: str, cls: str) -> list[str]:
    """The records node `x`'s item reads besides its own, for what page_patch._light names."""
    ents = raw.entities
    if cls == "Article":
        a = raw.articles[x]
        reads = list(a.about)
        for m in a.mentions:  # every country it may read, also those that are no entity yet
            found = ents.get(m)
            for c in ([m] if found is None or found.cls == "Country" else found.props.get("country", ())):
                reads += _code_reads(raw, c)
        return reads
    e = ents[x]
    reads = []
    for c in e.props.get("country", ()):
        reads += _code_reads(raw, c)
    for prop in ("region", "implementedBy", "fundedBy"):
        reads += e.props.get(prop, ())
    for h in e.props.get("hostedBy", ()):
        reads += _code_reads(raw, h)
    return reads


def _node_item(net: Network, x: str, asks: list[tuple[str, str]], extra: tuple, facet, codes, municipalities,
               degree: int, pos, node_articles: dict[str, list[str]], art_at) -> list:
    """One node of the page data, a function of its record, `_node_reads` and `extra` (what it
    reads of the view and the analytics, page_data says which): [item, its articles by IRI,
    `extra`]."""
    raw = net.raw
    cls = net.nodes[x]
    own: dict[str, list] = {}
    if cls == "Article":
        a = raw.articles[x]
        if _year(a.date):
            own["yr"] = [_year(a.date)]
        own["th"] = sorted(facet("th", t) for kind, t in asks if kind == "th")
        own["co"] = sorted({facet("co", c) for kind, c in asks if kind == "co"} - {""})
        own["pr"] = sorted(facet("pr", m) for kind, m in asks if kind == "pr")
    else:
        e = raw.entities[x]
        if cls in ("Municipality", "Country", "Event", "Organisation"):
            cc = {facet("co", c) for kind, c in asks if kind == "co"}
            if cls == "Event":
                cc |= {codes[h] for h in e.props.get("hostedBy", ())}
                own["yr"] = sorted({y for d in e.props.get("startDate", ()) if (y := _year(d))})
            own["co"] = sorted(cc - {""})
        if cls == "Programme":
            own["pr"] = [facet("pr", x)]
        if cls == "Theme":
            own["th"] = [facet("th", x)]
    names = entity_names(raw, x)
    point = _lon_lat(raw.entities[x]) if cls == "Municipality" else None
    item = {
        "c": cls, "l": _display(raw, x, cls, codes), "x": pos[0], "y": pos[1],
        "k": search_keys(names), "cc": codes[x] if cls != "Article" else "",
        "t": _filter_tier(cls, extra[2]),
        "o": {k: v for k, v in own.items() if v},
        "a": list(map(art_at, node_articles.get(x, ()))),
        "f": _facts(net, x, cls, degree, codes, municipalities),
    }
    if point:
        item["g"] = point  # [lon, lat]: the map view places the node here
    return [item, node_articles.get(x, []), extra]


_WKT_POINT = re.compile(r"^\s*POINT\s*\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)\s*$", re.IGNORECASE)


def _lon_lat(e: Entity) -> list[float] | None:
    """The municipality's point as [lon, lat] (rounded to 4 decimals, about 10 m), if it has one."""
    for wkt in sorted(e.props.get("wkt", ())):
        m = _WKT_POINT.match(wkt)
        if m:
            lon, lat = float(m.group(1)), float(m.group(2))
            if -180 <= lon <= 180 and -90 <= lat <= 90:
                return [round(lon, 4), round(lat, 4)]
    return None


def _filter_tier(cls: str, partner: bool) -> int:
    """The page decides visibility tier by tier (viewer.js): 0 partners, events and articles
    (shown by their own facets or a matching partnership), 1 countries, programmes and themes
    (also shown when a shown tier-0 node links to them), 2 organisations that only implement
    or fund a programme (shown with their programme)."""
    if cls in ("Country", "Programme", "Theme"):
        return 1
    if cls == "Organisation" and not partner:
        return 2
    return 0
