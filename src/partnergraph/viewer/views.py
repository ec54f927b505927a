"""A view of the network: `assemble` picks the partnerships and nodes of a view (all, one
programme, one country) and derives the edges; `ego` and `aggregate_countries` transform that
`Network`; `build_view` chains them as `viz` asks. Also the search keys the page and `--focus`
match names by (`fold`, `search_keys`)."""

from __future__ import annotations

import difflib
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from ..errors import UsageError
from .legend import CLASSES, WALK
from .records import RawData

@dataclass
class Edge:
    source: str
    target: str
    rel: str
    partnerships: tuple[str, ...] = ()  # the partnerships the edge stands for or derives from
    weight: int = 1


@dataclass
class Network:
    raw: RawData
    nodes: dict[str, str]  # IRI → class
    #: None in a view taken over from the last build (page_patch.remembered_view), whose
    #: `shape` holds what the page data reads of the edges
    edges: list[Edge] | None
    title: str = "Partnerschaftsnetz"
    view: str = ""
    focus: list[str] = field(default_factory=list)
    aggregate: bool = False
    #: partnerships within one country, per country (aggregate view only)
    domestic: dict[str, int] = field(default_factory=dict)
    #: whether this is the whole network (build_view without a restriction, aggregation, focus
    #: or articles): a build keeps it for the next one (page_patch.remember_view)
    whole: bool = False
    #: what the page data reads of the view alone (page_patch.Shape), when the view was taken
    #: over from the last build with it; None: page_data makes it
    shape: object = None
    #: the memo key of the row the view was taken over from (page_patch.remembered_view), or None
    row: str | None = None
    #: what every record reads for the view (page_patch._view_reads), when the last build's
    #: were brought up to date; None: page_patch.remember_view reads every record
    reads: dict | None = None


def slug(iri: str) -> str:
    """The last path segment of an IRI: a programme's or theme's key."""
    return iri.rstrip("/").rsplit("/", 1)[-1]


def assemble(raw: RawData, *, partnerships: list[str] | None = None, primaries: set[str] | None = None,
             articles: bool = False, everything: bool = False) -> Network:
    """The nodes and edges of a view: the given partnerships (default all) with their partners,
    the `primaries` (events, hosts, municipalities), and around them their countries, the
    programmes and themes of the partnerships, the programmes' organisations and (with
    `articles`) the articles that mention any of them. `everything` adds every entity an
    article mentions (the full view with --articles)."""
    ents = raw.entities
    keep = sorted(raw.partnerships) if partnerships is None else sorted(partnerships)
    nodes: dict[str, str] = {}
    edges: list[Edge] = []

    def add(x: str) -> None:
        if x in ents and ents[x].cls in CLASSES:
            nodes.setdefault(x, ents[x].cls)

    for p in keep:
        for x in raw.partnerships[p].partners:
            add(x)
    for x in sorted(primaries or ()):
        add(x)
    if everything:
        for a in raw.articles.values():
            for x in a.mentions:
                add(x)
    # events hosted by a node of the view come along; their hosts too
    # the events in IRI order (picked before sorting: sorting every entity cost more)
    for x in sorted(x for x, e in ents.items() if e.cls == "Event"):
        hosts = sorted(h for h in ents[x].props.get("hostedBy", ()) if h in ents)
        if x in nodes or any(h in nodes for h in hosts) or (partnerships is None and primaries is None):
            add(x)
            for h in hosts:
                add(h)
                edges.append(Edge(x, h, "host"))
    for p in keep:
        rec = raw.partnerships[p]
        for i, a in enumerate(rec.partners):
            for b in rec.partners[i + 1:]:
                edges.append(Edge(a, b, "partnership", (p,)))
    derived: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for p in keep:
        rec = raw.partnerships[p]
        programmes, themes = sorted(rec.programmes), sorted(rec.themes)
        for x in rec.partners:
            for prog in programmes:
                derived[(x, prog, "programme")].append(p)
            for theme in themes:
                derived[(x, theme, "theme")].append(p)
    for (x, y, rel), ps in sorted(derived.items()):
        add(y)
        edges.append(Edge(x, y, rel, tuple(ps)))
    for x in sorted(nodes):
        if nodes[x] in ("Municipality", "Organisation", "Event"):
            for c in sorted(ents[x].props.get("country", ())):
                if c in ents:
                    add(c)
                    edges.append(Edge(x, c, "country"))
    for x in sorted(nodes):
        if nodes[x] == "Programme":
            for rel, prop in (("implementer", "implementedBy"), ("funder", "fundedBy")):
                for o in sorted(ents[x].props.get(prop, ())):
                    if o in ents:
                        add(o)
                        edges.append(Edge(x, o, rel))
    if articles:
        for a in sorted(raw.articles):
            linked = sorted(x for x in raw.articles[a].mentions if x in nodes)
            if linked:
                nodes[a] = "Article"
                edges.extend(Edge(a, x, "mentions") for x in linked)
    return Network(raw, nodes, _dedup(edges))


def _dedup(edges: list[Edge]) -> list[Edge]:
    seen: set[tuple] = set()
    out = []
    for e in edges:
        key = (e.source, e.target, e.rel, e.partnerships)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def fold(text: str) -> str:
    """Search key: lower case, diacritics stripped, ß → ss ("Köln" → "koln"); the page script
    folds the query the same way."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not "\u0300" <= c <= "\u036f").lower().replace("ß", "ss")


_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def search_keys(names) -> str:
    """Every folded spelling of every name, one per line: "Köln" is found as "koln" and "koeln"."""
    keys = set()
    for n in names:
        if n:
            keys.add(fold(n))
            keys.add(fold(n.translate(_GERMAN)))
    return "\n".join(sorted(keys))


def entity_names(raw: RawData, x: str) -> list[str]:
    """The names a node is found by: an article's title, an entity's name and other labels."""
    if x in raw.articles:
        return [raw.articles[x].title]
    e = raw.entities[x]
    return [e.name, *sorted(e.alt)]


def find_nodes(net: Network, label: str) -> list[str]:
    """Nodes whose IRI is `label` or one of whose names folds to the same text."""
    if label in net.nodes:
        return [label]
    wanted = {fold(label), fold(label.translate(_GERMAN))}
    return sorted(x for x in net.nodes if wanted & {fold(n) for n in entity_names(net.raw, x)}
                  or wanted & {fold(n.translate(_GERMAN)) for n in entity_names(net.raw, x)})


def ego(net: Network, focus: str, depth: int = 1) -> Network:
    """The neighbourhood of the nodes named `focus`, `depth` partnership steps deep, with the
    countries, programmes, themes and articles around it."""
    if depth < 0:
        raise UsageError(f"--depth must be 0 or more, not {depth}")
    starts = find_nodes(net, focus)
    if not starts:
        names = {fold(net.raw.entities[x].name): net.raw.entities[x].name for x in net.nodes if x in net.raw.entities}
        close = [names[k] for k in difflib.get_close_matches(fold(focus), sorted(names), n=3)]
        hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
        raise UsageError(f"no node labelled {focus!r} in the network{hint}")
    adjacency: dict[str, list[tuple[str, Edge]]] = defaultdict(list)
    for e in net.edges:
        adjacency[e.source].append((e.target, e))
        adjacency[e.target].append((e.source, e))
    keep = set(starts)
    frontier = list(starts)
    for step in range(depth):
        nxt = []
        for x in frontier:
            for y, e in adjacency[x]:
                if y not in keep and (e.rel in WALK or (step == 0 and x in starts)):
                    keep.add(y)
                    nxt.append(y)
        frontier = nxt
    # the context of what was kept: countries, programmes, themes, organisations, articles
    for x in sorted(keep):
        for y, e in adjacency[x]:
            if e.rel in ("country", "programme", "theme", "mentions") and e.source == x:
                keep.add(y)
            elif e.rel == "mentions" and e.target == x:
                keep.add(y)
    for x in sorted(keep):
        if net.nodes[x] == "Programme":
            keep.update(y for y, e in adjacency[x] if e.rel in ("implementer", "funder") and e.source == x)
    sub = Network(net.raw, {x: c for x, c in net.nodes.items() if x in keep},
                  [e for e in net.edges if e.source in keep and e.target in keep],
                  title=net.title, view=net.view, aggregate=net.aggregate, domestic=net.domestic)
    sub.focus = starts
    name = entity_names(net.raw, starts[0])[0]
    sub.view = (net.view + "; " if net.view else "") + f"Umfeld von {name} (Tiefe {depth})"
    return sub


def aggregate_countries(net: Network) -> Network:
    """Countries as nodes; an edge between two countries stands for the partnerships between
    their municipalities (weight = their number)."""
    raw = net.raw
    pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
    domestic: dict[str, int] = defaultdict(int)
    nodes: dict[str, str] = {}
    for p in sorted({p for e in net.edges if e.rel == "partnership" for p in e.partnerships}):
        countries = sorted({c for x in raw.partnerships[p].partners
                            for c in raw.entities[x].props.get("country", ()) if c in raw.entities})
        for c in countries:
            nodes[c] = "Country"
        if len(countries) == 1:
            domestic[countries[0]] += 1
        for i, a in enumerate(countries):
            for b in countries[i + 1:]:
                pairs[(a, b)].append(p)
    edges = [Edge(a, b, "aggregate", tuple(ps), weight=len(ps)) for (a, b), ps in sorted(pairs.items())]
    return Network(raw, nodes, edges, title=net.title,
                   view=(net.view + "; " if net.view else "") + "Länderebene",
                   aggregate=True, domestic=dict(domestic))


def build_view(raw: RawData, *, articles: bool = False, programme: str | None = None,
               country: str | None = None, focus: str | None = None, depth: int = 1,
               aggregate: bool = False) -> Network:
    """The network a `write_network` call asks for: restrict, then aggregate, then focus."""
    ents = raw.entities
    views = []
    keep = None
    primaries: set[str] | None = None
    if programme:
        progs = {x for x, e in ents.items() if e.cls == "Programme"}
        match = [x for x in progs if slug(x) == programme or fold(ents[x].name) == fold(programme)]
        if not match:
            known = ", ".join(sorted(slug(x) for x in progs)) or "none"
            raise UsageError(f"unknown programme {programme!r} (known: {known})")
        keep = [p for p, r in raw.partnerships.items() if r.programmes & set(match)]
        primaries = set()
        views.append(f"Programm {ents[match[0]].name}")
    if country:
        code = country.strip().lower()
        match = [x for x, e in ents.items() if e.cls == "Country" and (e.cc.lower() == code or slug(x) == code)]
        if not match:
            known = " ".join(sorted({ents[x].cc for x in ents if ents[x].cls == "Country"})) or "none"
            raise UsageError(f"unknown country code {country!r} (known: {known})")
        in_country = {x for x, e in ents.items() if e.cls in ("Municipality", "Organisation") and e.props.get("country", set()) & set(match)}
        pool = keep if keep is not None else list(raw.partnerships)
        keep = [p for p in pool if set(raw.partnerships[p].partners) & in_country]
        primaries = set() if programme else in_country & {x for p in raw.partnerships.values() for x in p.partners}
        views.append(f"Land {ents[match[0]].name}")
    everything = articles and keep is None
    net = assemble(raw, partnerships=keep, primaries=primaries, articles=articles, everything=everything)
    net.view = "; ".join(views)
    net.whole = keep is None and not articles and not aggregate and not focus
    if aggregate:
        net = aggregate_countries(net)
    if focus:
        net = ego(net, focus, depth)
    return net
