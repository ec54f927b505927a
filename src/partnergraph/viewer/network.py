"""The interactive network (graph.html): who partners with whom, through which programme, on
which themes, with the articles and sentences as evidence. One self-contained HTML file.

Pipeline: `load` reads everything the viewer needs from the store with a few SPARQL queries
(`RawData`); `assemble` picks the partnerships and nodes of a view (all, one programme, one
country) and derives the edges; `ego` and `aggregate_countries` transform that `Network`;
`layout` places the nodes once, in Python (networkx' spring layout, or for large components
the same energy minimised with numpy, `_energy_layout`), so the browser draws without physics;
`page_data` turns it into the JSON the page reads, and `render` writes the page: vis-network
from the pyvis package and our own template, script and style (``data/viewer/``), all inline.

Safety: the data travels as JSON in a ``<script type="application/json">`` element with every
``<``, ``>`` and ``&`` escaped; the page script writes it into the DOM only through
``textContent`` and attributes, links only ``http(s)`` URLs, and a Content-Security-Policy
allows exactly the page's two scripts (by hash) and no request to anywhere.
"""

from __future__ import annotations

import base64
import difflib
import gc
import hashlib
import importlib.util
import json
import logging
import math
import re
import unicodedata
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import numpy as np

from ..errors import UsageError
from ..publish.export import write_atomic
from ..namespaces import ANALYTICS_GRAPH, GEONAMES, sparql_prologue
from ..resources import data_file
from ..store.embedded import GraphStore

LOGGER = logging.getLogger(__name__)

# -- what the picture shows (rules as data) ----------------------------------------------------

#: node classes: German label, colour (Tableau 10, distinguishable for most colour-blind
#: readers together with the shape), vis-network shape (all draw their label below the shape)
CLASSES: dict[str, tuple[str, str, str]] = {
    "Municipality": ("Kommune", "#1f77b4", "dot"),
    "Country": ("Land", "#e6a118", "square"),
    "Programme": ("Programm", "#2ca02c", "diamond"),
    "Organisation": ("Organisation", "#9467bd", "triangle"),
    "Theme": ("Thema", "#8c564b", "hexagon"),
    "Event": ("Veranstaltung", "#d62728", "star"),
    "Article": ("Artikel", "#7f7f7f", "triangleDown"),
}
#: edge relations: German label, colour, dash pattern (vis `dashes`; False = solid), width
RELATIONS: dict[str, tuple[str, str, object, float]] = {
    "partnership": ("Partnerschaft", "#1f4e9c", False, 2.5),
    "aggregate": ("Partnerschaften zwischen Ländern", "#1f4e9c", False, 2.0),
    "host": ("Gastgeber", "#d62728", [8, 3], 1.5),
    "country": ("liegt in", "#c7c7c7", [2, 4], 1.0),
    "programme": ("im Programm", "#2ca02c", [6, 4], 1.5),
    "theme": ("zum Thema", "#a0785a", [1, 4], 1.0),
    "implementer": ("durchgeführt von", "#9467bd", [4, 2], 1.0),
    "funder": ("gefördert von", "#9467bd", [2, 2], 1.0),
    "mentions": ("erwähnt", "#bdbdbd", [1, 3], 0.5),
}
#: partnership edges are coloured by their type (slugs of ontology/partnership-types.ttl)
TYPE_COLOURS = {
    "staedtepartnerschaft": "#1f4e9c", "freundschaft": "#7b4fa0", "projektpartnerschaft": "#e07b00",
    "klimapartnerschaft": "#2e8b3a", "betreiberpartnerschaft": "#00838f",
    "solidaritaetspartnerschaft": "#c62828", "unspecified": "#6b6b6b",
}
#: relations the ego view walks along (from its start node it walks along every relation);
#: walking through a country, programme or theme would reach the whole network in two steps
WALK = {"partnership", "host", "aggregate"}
#: relations whose edges shape the layout; the other nodes are placed near their neighbours
CORE = WALK
#: articles' country of publication is Germany; municipalities elsewhere get their ISO code in
#: the label ("Yarinacocha · PE"), German ones need none
HOME_COUNTRY = "DE"

# -- layout constants ----------------------------------------------------------------------------

#: on-screen length of a partnership edge, px: room for an edge label of ~15 characters at
#: the 10 px edge font between two node labels
EDGE_PX = 160.0
#: the closest two placed nodes may come, px: two default dots (radius ≤ 18 at scaling.max 36)
#: plus a 13 px label line, checked in the screenshot of the sample graph
MIN_GAP = 44.0
#: arc between two partners fanned around their hub, px: room for two labels side by side
LEAF_ARC_PX = 2 * MIN_GAP
#: networkx' own switch from its dense to its sparse ('energy') spring solver
SPARSE_FROM = 500
#: column width for nodes with no neighbour, px: an event title of ~35 characters at 13 px
LOOSE_PX = 260.0
#: any fixed seed makes spring_layout deterministic
LAYOUT_SEED = 42
#: golden angle, for the spiral that searches a free spot near a node's neighbours
GOLDEN = math.pi * (3 - math.sqrt(5))

#: shown articles per node in the side panel are capped in the page, not here; titles of
#: article nodes (with --articles) are cut to this many characters in the node label
ARTICLE_LABEL_CHARS = 48


# -- the data read from the store ---------------------------------------------------------------

@dataclass
class Entity:
    iri: str
    cls: str
    name: str = ""
    alt: set[str] = field(default_factory=set)
    props: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    mentioned_in: set[str] = field(default_factory=set)

    @property
    def cc(self) -> str:
        codes = sorted(self.props.get("cc", ()))
        return codes[0].upper() if codes else ""


@dataclass
class PartnershipRecord:
    iri: str
    label: str
    type: str  # partnership-type slug
    type_label: str
    year: int | None
    partners: list[str]
    programmes: set[str] = field(default_factory=set)
    themes: set[str] = field(default_factory=set)  # pg:theme, or the themes its articles are about
    articles: set[str] = field(default_factory=set)
    evidence: list[tuple[str, int, str]] = field(default_factory=list)  # (article, start, quote)


@dataclass
class ArticleRecord:
    iri: str
    title: str
    url: str
    date: str
    dateline: str = ""
    about: set[str] = field(default_factory=set)
    mentions: set[str] = field(default_factory=set)


@dataclass
class RawData:
    entities: dict[str, Entity]
    partnerships: dict[str, PartnershipRecord]
    articles: dict[str, ArticleRecord]
    analytics: dict[str, dict[str, str]]


#: the classes the viewer reads (partnership types and regions name things in the panel)
_TYPES = (*CLASSES, "Region", "PartnershipType", "Partnership")
_PROPS = {
    "http://www.w3.org/2002/07/owl#sameAs": "sameAs",
    "https://w3id.org/partnergraph/ontology#country": "country",
    "https://w3id.org/partnergraph/ontology#region": "region",
    "https://w3id.org/partnergraph/ontology#countryCode": "cc",
    "https://w3id.org/partnergraph/ontology#statedPopulation": "population",
    "https://w3id.org/partnergraph/ontology#implementedBy": "implementedBy",
    "https://w3id.org/partnergraph/ontology#fundedBy": "fundedBy",
    "https://w3id.org/partnergraph/ontology#hostedBy": "hostedBy",
    "https://schema.org/startDate": "startDate",
    "https://schema.org/endDate": "endDate",
    "http://www.w3.org/2004/02/skos/core#definition": "definition",
    "http://www.opengis.net/ont/geosparql#hasGeometry": "geometry",
}
_ARTICLE_PROPS = {
    "https://schema.org/url": "url", "https://schema.org/headline": "title",
    "https://schema.org/datePublished": "date", "https://w3id.org/partnergraph/ontology#dateline": "dateline",
    "https://schema.org/about": "about", "https://w3id.org/partnergraph/ontology#mentions": "mentions",
}
_PARTNERSHIP_PROPS = {
    "http://www.w3.org/2000/01/rdf-schema#label": "label",
    "https://w3id.org/partnergraph/ontology#partnershipType": "type",
    "https://w3id.org/partnergraph/ontology#startYear": "year",
    "https://w3id.org/partnergraph/ontology#partner": "partner",
    "https://w3id.org/partnergraph/ontology#programme": "programme",
    "https://w3id.org/partnergraph/ontology#theme": "theme",
    "http://www.w3.org/ns/prov#wasDerivedFrom": "derivedFrom",
    "https://w3id.org/partnergraph/ontology#evidence": "evidence",
}
_CLASS_RANK = {c: i for i, c in enumerate(_TYPES)}


def _pairs(store: GraphStore, pre: str, prop: str):
    """The rows (subject, object) of every triple with the property `prop`.

    One triple pattern with a fixed predicate per query: Oxigraph then decodes only the two
    terms of a row, where ``VALUES ?p`` made it decode the predicate of every row too, and
    DISTINCT hashed every row (the six article properties of the 10,000-article graph: 0.8 s
    as six queries, 1.4 s as one DISTINCT query over ``VALUES ?p``). No DISTINCT is needed:
    the default graph is a set (store.py), and every caller collects into sets or
    dictionaries, so a store that repeats a triple still gives the same data."""
    return store.query(pre + f"SELECT ?s ?o WHERE {{ ?s <{prop}> ?o }}")


def _objects(store: GraphStore, pre: str, prop: str) -> dict[str, set[str]]:
    """Subject → the values of its `prop` objects."""
    out: dict[str, set[str]] = defaultdict(set)
    for s, o in _pairs(store, pre, prop):
        out[s.value].add(o.value)
    return out


_LABEL_PROPS = {"http://www.w3.org/2000/01/rdf-schema#label": "label",
                "http://www.w3.org/2004/02/skos/core#prefLabel": "pref",
                "http://www.w3.org/2004/02/skos/core#altLabel": "alt"}

#: the sentences that attest a partnership: (partnership, article, start, quote) per pg:evidence
#: link to a partnership mention. Each property of the mention is its own subquery, so Oxigraph
#: joins them by hashing instead of three index look-ups per mention, and the mention itself is
#: never decoded (measured on the 10,000-article graph, 80,600 links: 0.77 s, against 1.0 s
#: for the links and the mentions' sentences in two queries and 1.2 s for two basic graph
#: patterns). The shapes allow one article, start and quote per mention.
_EVIDENCE = """SELECT ?p ?a ?s ?q WHERE {
    ?m pg:kind "partnership" .
    { SELECT ?m ?a WHERE { ?m pg:inArticle ?a } }
    { SELECT ?m ?s WHERE { ?m pg:start ?s } }
    { SELECT ?m ?q WHERE { ?m pg:quote ?q } }
    { SELECT ?p ?m WHERE { ?p pg:evidence ?m } } }"""


#: below this share of all articles, the articles whose topics are needed are asked for by
#: name (VALUES); above, all topics are read (measured on the 10,000-article graph: 700
#: articles 0.03 s, 5,000 0.15 s, all 52,500 topics 0.15 s)
ABOUT_BY_NAME_BELOW = 0.5


def load(store: GraphStore, *, base: str, articles: bool = True) -> RawData:
    """Everything the viewer shows: one query per class and per property (`_pairs`), one for
    the analytics graph and one for the partnership sentences, joined here in dictionaries.

    With ``articles=False`` (a view without article nodes) the articles' datelines are not
    read, nor the topics (schema:about) of articles other than those of partnerships without a
    theme, which take their articles' topics: only article nodes show the rest."""
    pre = sparql_prologue(base)
    ents: dict[str, Entity] = {}
    # articles and partnerships are records of their own, never entities
    entity_classes = " ".join(f"pg:{c}" for c in _TYPES if c not in ("Article", "Partnership"))
    for x, cls_iri in store.query(pre + f"SELECT ?x ?cls WHERE {{ VALUES ?cls {{ {entity_classes} }} ?x a ?cls }}"):
        x, cls = x.value, cls_iri.value.rsplit("#", 1)[-1]
        # a resource typed twice keeps the class that comes first in _TYPES (never in practice)
        if x not in ents or _CLASS_RANK[cls] < _CLASS_RANK[ents[x].cls]:
            ents[x] = Entity(x, cls)
    article_iris = {x.value for (x,) in store.query(pre + "SELECT ?x WHERE { ?x a pg:Article }")}
    part_iris = {x.value for (x,) in store.query(pre + "SELECT ?x WHERE { ?x a pg:Partnership }")}

    # names: per resource the distinct (property, literal) pairs, as the triples are distinct;
    # rdfs:label also names the partnerships
    found: dict[str, set] = defaultdict(set)
    part_labels: dict[str, set[str]] = defaultdict(set)
    for iri, prop in _LABEL_PROPS.items():
        for x, lit in _pairs(store, pre, iri):
            x = x.value
            if x in ents:
                found[x].add((prop, lit))
            if prop == "label" and x in part_iris:
                part_labels[x].add(lit.value)
    for x, labels in found.items():
        ranked = sorted(((0 if lang == "de" else 1 if not lang else 2) + (3 if prop == "alt" else 0), lit.value)
                        for prop, lit in labels for lang in (getattr(lit, "language", None) or "",))
        ents[x].name = ranked[0][1]
        ents[x].alt = {text for _, text in ranked[1:]}
    for iri, prop in _PROPS.items():
        for x, values in _objects(store, pre, iri).items():
            if x in ents:
                ents[x].props[prop] |= values
    wkt = {g.value: o.value for g, o in _pairs(store, pre, "http://www.opengis.net/ont/geosparql#asWKT")}
    for e in ents.values():
        for g in e.props.get("geometry", ()):
            if g in wkt:
                e.props["wkt"].add(wkt[g])
    analytics: dict[str, dict[str, str]] = defaultdict(dict)
    for x, p, o in store.query(pre + f"SELECT ?x ?p ?o WHERE {{ GRAPH <{ANALYTICS_GRAPH}> {{ ?x ?p ?o }} }}"):
        analytics[x.value][p.value.rsplit("#", 1)[-1]] = o.value

    records = {a: ArticleRecord(a, "", "", "") for a in article_iris}
    for iri, prop in _ARTICLE_PROPS.items():
        if prop in ("about", "mentions") or (prop == "dateline" and not articles):
            continue
        for a, o in _pairs(store, pre, iri):
            rec = records.get(a.value)
            if rec is not None and (not getattr(rec, prop) or o.value < getattr(rec, prop)):
                setattr(rec, prop, o.value)  # one value, the same every run
    # only mentions of entities: Oxigraph pays a look-up per term of a row, and on the
    # 10,000-article graph 21,600 of the 146,700 rows mention partnerships or persons
    # (measured: 0.39 s with the class test, 0.51 s for all rows)
    for a, x in store.query(pre + f"""SELECT ?a ?x WHERE {{
            ?a pg:mentions ?x . ?x a ?cls VALUES ?cls {{ {entity_classes} }} }}"""):
        rec, e = records.get(a.value), ents.get(x.value)
        if rec is not None and e is not None:
            rec.mentions.add(e.iri)
            e.mentioned_in.add(rec.iri)

    facts = {prop: _objects(store, pre, iri) for iri, prop in _PARTNERSHIP_PROPS.items()
             if prop not in ("label", "evidence")}  # labels above, evidence with its sentences
    facts["label"] = part_labels
    nothing: set[str] = set()
    ent_set, article_set = ents.keys(), records.keys()
    # the topics: of every article for article nodes, else of the articles of the partnerships
    # without a theme
    about = "https://schema.org/about"
    wanted = article_set if articles else {a for p in part_iris if not ent_set & facts["theme"].get(p, nothing)
                                           for a in article_set & facts["derivedFrom"].get(p, nothing)}
    if len(wanted) >= ABOUT_BY_NAME_BELOW * len(article_set):
        topics = _objects(store, pre, about)
    elif wanted:
        names = " ".join(f"<{a}>" for a in sorted(wanted))
        topics = defaultdict(set)
        for a, t in store.query(pre + f"SELECT ?s ?o WHERE {{ VALUES ?s {{ {names} }} ?s <{about}> ?o }}"):
            topics[a.value].add(t.value)
    else:
        topics = {}
    for a, values in topics.items():
        if a in wanted:
            records[a].about = values

    evidence: dict[str, set[tuple[str, int, str]]] = defaultdict(set)
    for p, a, s, q in store.query(pre + _EVIDENCE):
        a = a.value
        if a in records:
            evidence[p.value].add((a, int(s.value or 0), q.value))
    parts: dict[str, PartnershipRecord] = {}
    for p in sorted(part_iris):
        f = {prop: values.get(p, nothing) for prop, values in facts.items()}
        t = min(f["type"], default="")
        year = min(f["year"], default="")
        rec = PartnershipRecord(
            p, min(f["label"], default=""), t.rsplit("/", 1)[-1] if t else "unspecified",
            ents[t].name if t in ents else "Partnerschaft",
            int(year[:4]) if year[:4].isdigit() else None,
            sorted(x for x in f["partner"] if x in ents and ents[x].cls in ("Municipality", "Organisation")),
            programmes=ent_set & f["programme"], themes=ent_set & f["theme"],
            articles=article_set & f["derivedFrom"],
            evidence=sorted(evidence.get(p, ())))
        if not rec.themes:  # no theme stated for the partnership: the themes its articles are about
            rec.themes = {t for a in rec.articles for t in records[a].about if t in ents}
        if len(rec.partners) >= 2:
            parts[p] = rec
    return RawData(ents, parts, records, dict(analytics))


# -- a view of the network ----------------------------------------------------------------------

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
    edges: list[Edge]
    title: str = "Partnerschaftsnetz"
    view: str = ""
    focus: list[str] = field(default_factory=list)
    aggregate: bool = False
    #: partnerships within one country, per country (aggregate view only)
    domestic: dict[str, int] = field(default_factory=dict)


def _slug(iri: str) -> str:
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
    for x, e in sorted(ents.items()):
        if e.cls == "Event":
            hosts = sorted(h for h in e.props.get("hostedBy", ()) if h in ents)
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


def _entity_names(raw: RawData, x: str) -> list[str]:
    if x in raw.articles:
        return [raw.articles[x].title]
    e = raw.entities[x]
    return [e.name, *sorted(e.alt)]


def find_nodes(net: Network, label: str) -> list[str]:
    """Nodes whose IRI is `label` or one of whose names folds to the same text."""
    if label in net.nodes:
        return [label]
    wanted = {fold(label), fold(label.translate(_GERMAN))}
    return sorted(x for x in net.nodes if wanted & {fold(n) for n in _entity_names(net.raw, x)}
                  or wanted & {fold(n.translate(_GERMAN)) for n in _entity_names(net.raw, x)})


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
    name = _entity_names(net.raw, starts[0])[0]
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
        match = [x for x in progs if _slug(x) == programme or fold(ents[x].name) == fold(programme)]
        if not match:
            known = ", ".join(sorted(_slug(x) for x in progs)) or "none"
            raise UsageError(f"unknown programme {programme!r} (known: {known})")
        keep = [p for p, r in raw.partnerships.items() if r.programmes & set(match)]
        primaries = set()
        views.append(f"Programm {ents[match[0]].name}")
    if country:
        code = country.strip().lower()
        match = [x for x, e in ents.items() if e.cls == "Country" and (e.cc.lower() == code or _slug(x) == code)]
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
    if aggregate:
        net = aggregate_countries(net)
    if focus:
        net = ego(net, focus, depth)
    return net


# -- layout ---------------------------------------------------------------------------------------

def _spring(h: nx.Graph) -> dict[str, tuple[float, float]]:
    if len(h) < SPARSE_FROM:
        pos = nx.spring_layout(h, seed=LAYOUT_SEED, method="force")
    else:
        pos = _energy_layout(h)
    lengths = sorted(math.dist(pos[a], pos[b]) for a, b in h.edges)
    unit = lengths[len(lengths) // 2] if lengths and lengths[len(lengths) // 2] > 0 else 1.0
    return {x: (float(p[0]) * EDGE_PX / unit, float(p[1]) * EDGE_PX / unit) for x, p in pos.items()}


#: rows of the pairwise repulsion computed at once: a 128 × n block stays in the CPU cache
#: (measured on 1,364 nodes: one energy evaluation 4.4 ms with 128 rows, 5.0 ms with 256,
#: 6.5 ms with 512, 16 ms for the whole n × n matrix)
REPULSION_ROWS = 128
#: networkx' settings for spring_layout(method="energy"): 50 iterations, gradient tolerance
#: 1e-4, gravity 1 towards the middle, and those of the L-BFGS-B optimiser it calls (scipy's
#: defaults): 10 correction pairs, stop when an iteration lowers the energy by less than
#: 1e7 machine epsilons (relative)
ENERGY_ITERATIONS = 50
ENERGY_GTOL = 1e-4
ENERGY_GRAVITY = 1.0
LBFGS_MEMORY = 10
LBFGS_FTOL = 1e7 * float(np.finfo(float).eps)
#: Armijo condition of the backtracking line search (the usual sufficient-decrease constant)
ARMIJO = 1e-4


def _energy_layout(h: nx.Graph) -> dict[str, tuple[float, float]]:
    """networkx' energy-based Fruchterman-Reingold (``spring_layout(method="energy")``, its
    choice from SPARSE_FROM nodes): the same energy, seeded start positions, iterations and
    stopping rules, minimised with L-BFGS as networkx does.

    networkx evaluates the energy with dense n × n products against a sparse adjacency
    matrix, 93 ms per evaluation on the 1,364 inner nodes of the 10,000-article graph, and
    scipy's L-BFGS-B (0.3 s to import) took 3 ms per step: 4.3–4.9 s per layout. Here each
    pair is visited once, in cache-sized row blocks, the attraction runs over the edge list
    (5 ms per evaluation), and `_lbfgs` is a plain numpy L-BFGS: 0.3 s. The positions differ
    from networkx' (sums in another order, another line search; the optimisation amplifies
    the last digits), the layout's quality does not. On that graph, from an energy of 52,982
    at the start, networkx ends at 2,698–2,703 for the seeds 41–44 and this at 2,700–2,705;
    with seed 42 the page has 6.23 M partnership edge crossings against networkx' 6.45 M,
    stress 0.193 against 0.194, and the same edge lengths (median, spread)."""
    nodes = list(h)
    n = len(nodes)
    index = {x: i for i, x in enumerate(nodes)}
    pairs = np.array([(index[a], index[b]) for a, b in h.edges if a != b], dtype=np.intp).reshape(-1, 2)
    # each edge in both directions, as in networkx' symmetric adjacency matrix
    src = np.concatenate([pairs[:, 0], pairs[:, 1]])
    dst = np.concatenate([pairs[:, 1], pairs[:, 0]])
    labels = np.zeros(n, dtype=np.intp)
    for label, members in enumerate(nx.connected_components(h)):
        labels[[index[x] for x in members]] = label
    counts = np.bincount(labels)
    k = math.sqrt(1.0 / n)  # networkx' optimal distance
    k2 = k * k
    # networkx' start: uniform in the unit square from the seeded generator, in float32
    start = np.random.RandomState(LAYOUT_SEED).rand(n, 2).astype(np.float32).astype(np.float64)

    def energy(flat):
        pos = flat.reshape(n, 2)
        x, y = pos[:, 0], pos[:, 1]
        gx, gy = np.zeros(n), np.zeros(n)
        log_sum = 0.0
        for lo in range(0, n, REPULSION_ROWS):
            hi = min(lo + REPULSION_ROWS, n)
            # pairs (i, j) with i in the block and j ≥ lo: the square block on the diagonal
            # holds both orders of its pairs, the rest of the row each pair once
            dx = x[lo:hi, None] - x[None, lo:]
            dy = y[lo:hi, None] - y[None, lo:]
            d2 = dx * dx
            d2 += dy * dy
            np.maximum(d2, 1e-10, out=d2)
            logs = np.log(d2)
            log_sum += float(logs[:, : hi - lo].sum()) + 2.0 * float(logs[:, hi - lo:].sum())
            np.divide(k2, d2, out=d2)  # repulsion k² / d² per pair
            fx, fy = d2 * dx, d2 * dy
            gx[lo:hi] -= fx.sum(axis=1)
            gy[lo:hi] -= fy.sum(axis=1)
            gx[hi:] += fx[:, hi - lo:].sum(axis=0)
            gy[hi:] += fy[:, hi - lo:].sum(axis=0)
        cost = -k2 * 0.5 * log_sum  # -k² Σ log d over all ordered pairs
        ex, ey = x[src] - x[dst], y[src] - y[dst]
        e2 = np.maximum(ex * ex + ey * ey, 1e-10)
        e1 = np.sqrt(e2)
        cost += float(np.sum(e1 * e2)) / (3 * k)  # attraction: d³ / 3k per ordered edge
        gx += np.bincount(src, weights=e1 * ex, minlength=n) / k
        gy += np.bincount(src, weights=e1 * ey, minlength=n) / k
        grad = 2 * np.stack([gx, gy], axis=1)
        # gravity: each component's centre of mass pulled towards (0.5, 0.5)
        centres = np.zeros((len(counts), 2))
        np.add.at(centres, labels, pos)
        delta = centres / counts[:, None] - 0.5
        grad += ENERGY_GRAVITY * delta[labels]
        cost += ENERGY_GRAVITY * 0.5 * float(np.sum(counts * np.sum(delta * delta, axis=1)))
        return cost, grad.ravel()

    pos = _lbfgs(energy, start.ravel()).reshape(n, 2)
    pos = pos - pos.mean(axis=0)  # networkx' rescale_layout: centred, into [-1, 1]
    lim = np.abs(pos).max()
    if lim > 0:
        pos = pos / lim
    return {x: (float(pos[i, 0]), float(pos[i, 1])) for i, x in enumerate(nodes)}


def _dot(a: np.ndarray, b: np.ndarray) -> float:
    # numpy's own pairwise sum rather than BLAS, whose result may depend on its thread count
    return float(np.sum(a * b))


def _lbfgs(f, x):
    """Minimises `f` (returning value and gradient) from `x` with limited-memory BFGS and a
    backtracking line search; the first step has length 1 along the gradient, as in L-BFGS-B."""
    fx, g = f(x)
    steps: list[tuple[np.ndarray, np.ndarray, float]] = []  # (s, y, 1 / s·y), oldest first
    for _ in range(ENERGY_ITERATIONS):
        if float(np.max(np.abs(g))) <= ENERGY_GTOL:
            break
        q = g.copy()
        alphas = []
        for s, y, rho in reversed(steps):
            alpha = rho * _dot(s, q)
            alphas.append(alpha)
            q -= alpha * y
        if steps:
            s, y, _ = steps[-1]
            q *= _dot(s, y) / _dot(y, y)
        else:
            q /= math.sqrt(_dot(g, g))
        for (s, y, rho), alpha in zip(steps, reversed(alphas)):
            q += s * (alpha - rho * _dot(y, q))
        direction = -q
        slope = _dot(g, direction)
        if slope >= 0:  # not downhill (rounding): along the gradient
            direction = -g / math.sqrt(_dot(g, g))
            slope = _dot(g, direction)
        step = 1.0
        while True:
            x_new = x + step * direction
            f_new, g_new = f(x_new)
            if f_new <= fx + ARMIJO * step * slope:
                break
            step /= 2
            if step < 1e-12:  # no lower point along the direction: as good as it gets
                return x
        s, y = x_new - x, g_new - g
        sy = _dot(s, y)
        if sy > 1e-12 * _dot(y, y):  # keep the pair only where the curvature is positive
            steps.append((s, y, 1.0 / sy))
            if len(steps) > LBFGS_MEMORY:
                steps.pop(0)
        done = fx - f_new <= LBFGS_FTOL * max(abs(fx), abs(f_new), 1.0)
        x, fx, g = x_new, f_new, g_new
        if done:
            break
    return x


def _component(h: nx.Graph) -> dict[str, tuple[float, float]]:
    """One connected component: its leaves (degree 1) are set around their node afterwards, so
    the spring layout only sees the inner nodes (most partner towns abroad are leaves)."""
    order = sorted(h)
    if len(order) == 1:
        return {order[0]: (0.0, 0.0)}
    if len(order) == 2:
        return {order[0]: (-EDGE_PX / 2, 0.0), order[1]: (EDGE_PX / 2, 0.0)}
    leaves = {x: next(iter(h[x])) for x in order if h.degree(x) == 1 and h.degree(next(iter(h[x]))) > 1}
    inner = [x for x in order if x not in leaves]
    if len(inner) == 1:
        pos = {inner[0]: (0.0, 0.0)}
    elif len(inner) == 2:
        pos = {inner[0]: (-EDGE_PX / 2, 0.0), inner[1]: (EDGE_PX / 2, 0.0)}
    else:
        sub = nx.Graph()
        sub.add_nodes_from(inner)
        sub.add_edges_from((a, b) for a, b in h.edges if a in sub and b in sub)
        pos = _spring(sub)
    kids: dict[str, list[str]] = defaultdict(list)
    for x, parent in leaves.items():
        kids[parent].append(x)
    grid = _Grid()
    for x in inner:  # spring layouts seldom overlap, but nothing may sit on another node
        pos[x] = grid.near(pos[x])
        grid.add(pos[x])
    for parent, children in sorted(kids.items()):
        px, py = pos[parent]
        around = sorted(math.atan2(pos[y][1] - py, pos[y][0] - px) for y in h[parent] if y in pos and y not in leaves)
        if around:  # fan out into the widest free angle between the parent's other links
            gaps = [((around[(i + 1) % len(around)] - a) % (2 * math.pi) or 2 * math.pi, a) for i, a in enumerate(around)]
            gap, start = max(gaps)
            towards, spread = start + gap / 2, min(gap * 0.8, 4 * math.pi / 3)
        else:
            towards, spread = -math.pi / 2, 2 * math.pi
        m = len(children)
        radius = max(EDGE_PX * 0.8, m * LEAF_ARC_PX / spread)
        for i, x in enumerate(children):
            if spread >= 2 * math.pi:
                angle = towards + 2 * math.pi * i / m
            else:
                angle = towards + (spread * (i / (m - 1) - 0.5) if m > 1 else 0.0)
            pos[x] = grid.near((px + radius * math.cos(angle), py + radius * math.sin(angle)))
            grid.add(pos[x])
    return pos


def _pack(parts: list[dict[str, tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    """Components side by side in rows (largest first), about as wide as high."""
    boxes = []
    for pos in parts:
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        width = max(xs) - min(xs) + 2 * MIN_GAP
        if len(pos) == 1:  # a lone node: room for its label beside the next one
            width = max(width, LOOSE_PX)
        boxes.append((min(xs), min(ys), width, max(ys) - min(ys) + 2 * MIN_GAP))
    area = sum(w * h for _, _, w, h in boxes)
    width = max([math.sqrt(area) * 1.3] + [w for _, _, w, _ in boxes]) if boxes else 0
    out: dict[str, tuple[float, float]] = {}
    x = y = row_h = 0.0
    for pos, (mx, my, w, h) in zip(parts, boxes):
        if x > 0 and x + w > width:
            x, y, row_h = 0.0, y + row_h, 0.0
        for k, (px, py) in pos.items():
            out[k] = (px - mx + x + MIN_GAP, py - my + y + MIN_GAP)
        x += w
        row_h = max(row_h, h)
    return out


#: spiral steps tested at once when a node's own spot is taken, then 4×, 16×, … as many: in
#: the crowded middle of the 10,000-article graph most nodes need 64–320 steps (429,000 steps
#: for 2,214 nodes, at most 1,034; counted); all searches of its layout took 0.22 s in
#: batches of 128 steps, 0.16 s in batches of 256
SPIRAL_BATCH = 256
#: points a grid cell keeps for the batched test. Points at least MIN_GAP apart fit four to a
#: MIN_GAP square, but in the 10,000-article layout 2,144 cells hold one point, 35 two and none
#: more (counted), and two slots halve the work against four (0.16 s against 0.36 s); the
#: steps next to a fuller cell go to the exact test
CELL_SLOTS = 2
#: cells added on each side when a point falls outside the mirror's rectangle, so that it is
#: seldom copied (the 10,000-article layout grows it 6 times, with --articles 11 times)
CELL_MARGIN = 32
#: the most cells the numpy mirror may span (40 MB); beyond, `near` tests step by step. The
#: 12,218 nodes of the 10,000-article graph with --articles span 40,600 cells (counted)
GRID_MAX_CELLS = 1_000_000
#: the 3 × 3 cells around a cell, as (dx, dy)
_AROUND = [(dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]


class _Grid:
    """Placed points in cells of MIN_GAP, to find a free spot in constant time.

    `cells` holds the points for the exact test (`free`); a numpy mirror (`xs`, `ys`: up to
    CELL_SLOTS points for each cell of a rectangle, unused slots at infinity) lets `near` test
    a whole batch of spiral steps against the points of their 3 × 3 cells at once."""

    def __init__(self):
        self.cells: dict[tuple[int, int], list[tuple[float, float]]] = defaultdict(list)
        self.origin = (0, 0)  # cell index of row 0, column 0
        self.shape = (0, 0)
        self.xs = self.ys = np.full(0, np.inf)  # (columns · rows · CELL_SLOTS), flat
        self.fill = np.zeros(0, dtype=np.intp)  # points per cell, flat
        self.overfull = False
        self.mirrored = True  # False once the points span more than GRID_MAX_CELLS

    def add(self, p: tuple[float, float]) -> None:
        cell = (int(p[0] // MIN_GAP), int(p[1] // MIN_GAP))
        self.cells[cell].append(p)
        if not self.mirrored:
            return
        i, j = cell[0] - self.origin[0], cell[1] - self.origin[1]
        # the outermost cells stay empty: `near` clamps its lookups into the rectangle
        if not (1 <= i < self.shape[0] - 1 and 1 <= j < self.shape[1] - 1):
            if not self._grow(cell):
                return
            i, j = cell[0] - self.origin[0], cell[1] - self.origin[1]
        flat = i * self.shape[1] + j
        k = self.fill[flat]
        if k < CELL_SLOTS:
            self.xs[flat * CELL_SLOTS + k] = p[0]
            self.ys[flat * CELL_SLOTS + k] = p[1]
        else:
            self.overfull = True
        self.fill[flat] = k + 1

    def _grow(self, cell: tuple[int, int]) -> bool:
        """Widens the mirror to hold `cell`; False (and no mirror from now on) if too large."""
        (x0, y0), (w, h) = self.origin, self.shape
        nx0, ny0 = cell[0] - CELL_MARGIN, cell[1] - CELL_MARGIN
        nx1, ny1 = cell[0] + CELL_MARGIN + 1, cell[1] + CELL_MARGIN + 1
        if w:
            nx0, ny0, nx1, ny1 = min(nx0, x0), min(ny0, y0), max(nx1, x0 + w), max(ny1, y0 + h)
        if (nx1 - nx0) * (ny1 - ny0) > GRID_MAX_CELLS:
            self.mirrored = False
            self.xs = self.ys = np.full(0, np.inf)
            self.fill = np.zeros(0, dtype=np.intp)
            return False
        xs = np.full((nx1 - nx0, ny1 - ny0, CELL_SLOTS), np.inf)
        ys = np.full((nx1 - nx0, ny1 - ny0, CELL_SLOTS), np.inf)
        fill = np.zeros((nx1 - nx0, ny1 - ny0), dtype=np.intp)
        if w:
            ox, oy = x0 - nx0, y0 - ny0
            xs[ox:ox + w, oy:oy + h] = self.xs.reshape(w, h, CELL_SLOTS)
            ys[ox:ox + w, oy:oy + h] = self.ys.reshape(w, h, CELL_SLOTS)
            fill[ox:ox + w, oy:oy + h] = self.fill.reshape(w, h)
        self.origin, self.shape = (nx0, ny0), (nx1 - nx0, ny1 - ny0)
        self.xs, self.ys, self.fill = xs.ravel(), ys.ravel(), fill.ravel()
        return True

    def free(self, p: tuple[float, float]) -> bool:
        cx, cy = int(p[0] // MIN_GAP), int(p[1] // MIN_GAP)
        return not any(math.dist(p, q) < MIN_GAP for dx in (-1, 0, 1) for dy in (-1, 0, 1)
                       for q in self.cells.get((cx + dx, cy + dy), ()))

    def near(self, p: tuple[float, float]) -> tuple[float, float]:
        """The first free spot on a golden-angle spiral around `p` (step i at radius
        MIN_GAP·√i). The steps are tested in batches with numpy: a step that a placed point is
        clearly too close to is out, and `free` confirms the first of the others, so the spot
        is exactly the one a test step by step finds. (Any placed point found too close rules
        a step out, so rounding in the cell lookup can only cost an extra exact test.)"""
        if self.free(p):
            return p
        if not self.mirrored:  # step by step
            i, q = 0, p
            while not self.free(q):
                i += 1
                offset = _spiral(i + 1)[i]
                q = (p[0] + float(offset[0]), p[1] + float(offset[1]))
            return q
        w, h = self.shape
        around = np.array([dx * h + dy for dx, dy in _AROUND])
        slots = (around[:, None] * CELL_SLOTS + np.arange(CELL_SLOTS)).ravel()
        lo, size = 1, SPIRAL_BATCH
        while True:
            hi = lo + size
            offsets = _spiral(hi)[lo:hi]
            sx = offsets[:, 0] + p[0]  # the same sums as p[0] + r·cos(i·GOLDEN)
            sy = offsets[:, 1] + p[1]
            if w:
                ci = np.clip(np.floor(sx / MIN_GAP).astype(np.intp) - self.origin[0], 1, w - 2)
                cj = np.clip(np.floor(sy / MIN_GAP).astype(np.intp) - self.origin[1], 1, h - 2)
                flat = ci * h + cj
                index = flat[:, None] * CELL_SLOTS + slots[None, :]
                d2 = (self.xs[index] - sx[:, None]) ** 2 + (self.ys[index] - sy[:, None]) ** 2
                # a hair below MIN_GAP² still counts as possibly free: `free` decides
                open_ = d2.min(axis=1) >= MIN_GAP * MIN_GAP * (1 - 1e-9)
                if self.overfull:  # a cell with more points than slots: `free` decides
                    open_ |= (self.fill[flat[:, None] + around[None, :]] > CELL_SLOTS).any(axis=1)
                candidates = np.flatnonzero(open_)
            else:
                candidates = range(len(offsets))
            for j in candidates:
                q = (p[0] + float(offsets[j, 0]), p[1] + float(offsets[j, 1]))
                if self.free(q):
                    return q
            lo, size = hi, size * 4


_SPIRAL: list = []


def _spiral(n: int):
    """Offsets of the first `n` spiral steps (step 0 is the point itself), computed with the
    math module as the step-by-step search did, cached for the process."""
    if not _SPIRAL or len(_SPIRAL[0]) < n:
        steps = max(n, 2 * len(_SPIRAL[0]) if _SPIRAL else n)
        table = np.zeros((steps, 2))
        for i in range(1, steps):
            r = MIN_GAP * math.sqrt(i)
            table[i] = (r * math.cos(i * GOLDEN), r * math.sin(i * GOLDEN))
        _SPIRAL[:] = [table]
    return _SPIRAL[0]


_TIER = {"Municipality": 0, "Organisation": 0, "Event": 0, "Country": 1, "Programme": 1, "Theme": 1, "Article": 3}


def layout(net: Network) -> dict[str, tuple[int, int]]:
    """Positions in px: the partnership structure by spring layout per component, packed;
    every other node near the middle of its neighbours. Deterministic."""
    core = nx.Graph()
    on_core_edge = {x for e in net.edges if e.rel in CORE for x in (e.source, e.target)}
    core_nodes = sorted(x for x, c in net.nodes.items() if c in ("Municipality", "Event") or
                        (c == "Organisation" and x in on_core_edge))
    core.add_nodes_from(core_nodes)
    for e in net.edges:
        if e.rel in CORE:
            core.add_edge(e.source, e.target)
    comps = sorted((sorted(c) for c in nx.connected_components(core)), key=lambda c: (-len(c), c[0]))
    # one component is the graph itself: no subgraph view, whose filters cost 0.1 s on the
    # 10,000-article graph (its 1,995 partners form one component)
    placed = _pack([_component(core if len(c) == len(core) else core.subgraph(c)) for c in comps])
    grid = _Grid()
    for p in placed.values():
        grid.add(p)
    neighbours: dict[str, list[str]] = defaultdict(list)
    for e in net.edges:
        neighbours[e.source].append(e.target)
        neighbours[e.target].append(e.source)
    rest = sorted((x for x in net.nodes if x not in placed), key=lambda x: (_TIER.get(net.nodes[x], 2), x))
    loose = []
    for _ in range(2):  # organisations of programmes wait for their programme
        waiting = []
        for x in rest:
            around = [placed[y] for y in neighbours[x] if y in placed]
            if not around:
                waiting.append(x)
                continue
            centre = (sum(p[0] for p in around) / len(around), sum(p[1] for p in around) / len(around))
            placed[x] = grid.near(centre)
            grid.add(placed[x])
        rest = waiting
    loose = rest
    if loose:  # nothing to be near: rows under the picture, a long label apart
        top = max((p[1] for p in placed.values()), default=0.0) + EDGE_PX
        right = max((p[0] for p in placed.values()), default=0.0)
        per_row = max(1, int(right // LOOSE_PX) + 1)
        for i, x in enumerate(loose):
            placed[x] = grid.near(((i % per_row) * LOOSE_PX, top + (i // per_row) * MIN_GAP * 2))
            grid.add(placed[x])
    return {x: (round(p[0]), round(p[1])) for x, p in placed.items()}


# -- page data ----------------------------------------------------------------------------------

_HTTP_URL = re.compile(r"^https?://[^\s\"'<>]+$")


def _http(url: str) -> str:
    return url if _HTTP_URL.match(url or "") else ""


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
    name = e.name or _slug(x)
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
            add("Region", ents[r].name if r in ents else _slug(r))
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


def page_data(net: Network, *, size_by: str = "degree") -> dict:
    """The JSON the page reads: nodes with positions, facets and facts, edges, partnerships,
    articles, legend and filter options. Sorted, so the same network gives the same bytes."""
    if size_by not in ("degree", "articles"):
        raise UsageError(f"--size must be 'degree' or 'articles', not {size_by!r}")
    raw = net.raw
    pos = layout(net)
    codes = _Memo(lambda x: _country_code(raw, x))
    municipalities = _municipalities_per_country(net, codes)
    order = sorted(net.nodes, key=lambda x: (list(CLASSES).index(net.nodes[x]), x))
    index = {x: i for i, x in enumerate(order)}
    degree: dict[str, int] = defaultdict(int)
    for e in net.edges:
        degree[e.source] += 1
        degree[e.target] += 1
    used_parts = sorted({p for e in net.edges for p in e.partnerships})
    part_index = {p: i for i, p in enumerate(used_parts)}
    used_articles: set[str] = set()
    for p in used_parts:
        used_articles |= raw.partnerships[p].articles | {a for a, _, _ in raw.partnerships[p].evidence}
    node_articles: dict[str, list[str]] = {}
    for x, cls in net.nodes.items():
        if cls == "Article":
            used_articles.add(x)
        else:
            node_articles[x] = sorted(raw.entities[x].mentioned_in)
            used_articles.update(node_articles[x])
    art_order = sorted(used_articles, key=lambda a: (raw.articles[a].date, a), reverse=True)
    art_index = {a: i for i, a in enumerate(art_order)}

    partner_nodes = {x for e in net.edges if e.rel in WALK for x in (e.source, e.target)}
    facet_labels: dict[str, dict[str, str]] = {"co": {}, "pr": {}, "th": {}}

    def facet(kind: str, iri: str) -> str:
        key = codes[iri] if kind == "co" else _slug(iri)
        if key and key not in facet_labels[kind]:
            facet_labels[kind][key] = _display(raw, iri, "Country", codes) if kind == "co" else raw.entities[iri].name
        return key

    # per article and per partner, asked again for each of their partnerships
    article_year = _Memo(lambda a: _year(raw.articles[a].date))
    partner_countries = _Memo(lambda x: {k for c in raw.entities[x].props.get("country", ()) if (k := facet("co", c))})
    parts_json = []
    for p in used_parts:
        rec = raw.partnerships[p]
        years = {rec.year} if rec.year else set()
        years |= {y for a in rec.articles if (y := article_year[a])}
        countries = sorted(set().union(*(partner_countries[x] for x in rec.partners)))
        parts_json.append({
            "l": rec.label or " – ".join(raw.entities[x].name for x in rec.partners),
            "k": rec.type, "tl": rec.type_label, "y": rec.year,
            "co": countries, "pr": sorted(facet("pr", x) for x in rec.programmes),
            "th": sorted(facet("th", x) for x in rec.themes), "yr": sorted(years),
            "a": sorted(art_index[a] for a in rec.articles),
            "ev": [[art_index[a], q] for a, _, q in rec.evidence],
        })
    nodes_json = []
    for x in order:
        cls = net.nodes[x]
        own: dict[str, list] = {}
        if cls == "Article":
            a = raw.articles[x]
            if _year(a.date):
                own["yr"] = [_year(a.date)]
            own["th"] = sorted(facet("th", t) for t in a.about if t in raw.entities)
            own["co"] = sorted({facet("co", c) for m in a.mentions for c in
                                ([m] if raw.entities[m].cls == "Country" else raw.entities[m].props.get("country", ()))
                                if c in raw.entities} - {""})
            own["pr"] = sorted(facet("pr", m) for m in a.mentions if raw.entities[m].cls == "Programme")
        else:
            e = raw.entities[x]
            if cls in ("Municipality", "Country", "Event", "Organisation"):
                cc = {facet("co", c) for c in e.props.get("country", ()) if c in raw.entities}
                if cls == "Country":
                    cc.add(facet("co", x))
                if cls == "Event":
                    cc |= {codes[h] for h in e.props.get("hostedBy", ())}
                    own["yr"] = sorted({y for d in e.props.get("startDate", ()) if (y := _year(d))})
                own["co"] = sorted(cc - {""})
            if cls == "Programme":
                own["pr"] = [facet("pr", x)]
            if cls == "Theme":
                own["th"] = [facet("th", x)]
        names = _entity_names(raw, x)
        point = _lon_lat(raw.entities[x]) if cls == "Municipality" else None
        item = {
            "c": cls, "l": _display(raw, x, cls, codes), "x": pos[x][0], "y": pos[x][1],
            "k": search_keys(names), "cc": codes[x] if cls != "Article" else "",
            "t": _filter_tier(cls, x in partner_nodes),
            "o": {k: v for k, v in own.items() if v},
            "a": [art_index[a] for a in node_articles.get(x, [])],
            "f": _facts(net, x, cls, degree[x], codes, municipalities),
        }
        if point:
            item["g"] = point  # [lon, lat]: the map view places the node here
        nodes_json.append(item)
    pair_count: dict[tuple[int, int], int] = defaultdict(int)
    edges_json = []
    for e in sorted(net.edges, key=lambda e: (index[e.source], index[e.target], e.rel, e.partnerships)):
        a, b = index[e.source], index[e.target]
        key = (min(a, b), max(a, b))
        item = {"f": a, "t": b, "r": e.rel, "p": [part_index[p] for p in e.partnerships]}
        if e.rel == "partnership":
            item["k"] = raw.partnerships[e.partnerships[0]].type
        if e.rel == "aggregate":
            item["w"] = e.weight
        if pair_count[key]:
            item["n"] = pair_count[key]  # the n-th edge between the same two nodes is drawn curved
        pair_count[key] += 1
        edges_json.append(item)
    years = sorted({y for p in parts_json for y in p["yr"]} | {y for n in nodes_json for y in n["o"].get("yr", [])})
    present_classes = {n["c"] for n in nodes_json}
    present_rel = defaultdict(int)
    for e in edges_json:
        present_rel[e["r"] if e["r"] != "partnership" else "partnership:" + e["k"]] += 1
    type_labels = {raw.partnerships[p].type: raw.partnerships[p].type_label for p in used_parts}
    relations = []
    for key, n in sorted(present_rel.items(), key=lambda kv: (_rel_order(kv[0]), kv[0])):
        rel, _, kind = key.partition(":")
        label, colour, dashes, width = RELATIONS[rel]
        if kind:
            label, colour = type_labels.get(kind, kind), TYPE_COLOURS.get(kind, colour)
        relations.append({"key": key, "label": label, "colour": colour, "dashes": dashes, "width": width, "count": n})

    def options(kind):
        return sorted(([k, v] for k, v in facet_labels[kind].items()), key=lambda kv: (fold(kv[1]), kv[0]))

    focus = [index[x] for x in net.focus if x in index]
    return {
        "meta": {"title": net.title, "view": net.view, "focus": focus, "sizeBy": size_by,
                 "aggregate": net.aggregate, "analytics": bool(raw.analytics)},
        "classes": [{"key": k, "label": v[0], "colour": v[1], "shape": v[2],
                     "count": sum(1 for n in nodes_json if n["c"] == k)} for k, v in CLASSES.items() if k in present_classes],
        "relations": relations,
        "facets": {"co": options("co"), "pr": options("pr"), "th": options("th"), "yr": years},
        "nodes": nodes_json, "edges": edges_json, "partnerships": parts_json,
        "articles": [{"t": raw.articles[a].title, "u": _http(raw.articles[a].url), "d": raw.articles[a].date}
                     for a in art_order],
    }


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


def _rel_order(key: str) -> int:
    return list(RELATIONS).index(key.partition(":")[0])


# -- the page -----------------------------------------------------------------------------------

def _vis_assets() -> str:
    # the package's folder without importing it: importing pyvis (jinja2 and all) took 0.12 s
    spec = importlib.util.find_spec("pyvis")
    if spec is None or spec.origin is None:
        raise UsageError("the pyvis package (vis-network) is missing: pip install pyvis")
    path = Path(spec.origin).parent / "lib" / "vis-9.1.2" / "vis-network.min.js"
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{path}: cannot read vis-network from the pyvis package: {exc}") from None


def _asset(name: str) -> str:
    path = data_file("viewer") / name
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{path}: viewer asset missing: {exc}") from None


def json_for_html(data: dict) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' survives unescaped."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def render(data: dict) -> str:
    """The page: template + style + vis-network + our script + the data, all inline."""
    vis_js = _vis_assets()
    app_js = _asset("viewer.js")
    for name, script in (("vis-network", vis_js), ("viewer.js", app_js)):
        if re.search(r"</script|<!--", script, re.I):
            raise UsageError(f"{name} contains '</script' or '<!--' and cannot be inlined")
    csp = ("default-src 'none'; " f"script-src {_sha256(vis_js)} {_sha256(app_js)}; "
           "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'")
    title = data["meta"]["title"] + (f" – {data['meta']['view']}" if data["meta"]["view"] else "")
    page = _asset("template.html")
    # str.replace, one placeholder after the other, each filled once: nothing inserted is
    # scanned again, so data can never smuggle in a placeholder
    parts = re.split(r"(@@[A-Z]+@@)", page)
    values = {"@@CSP@@": _attr(csp), "@@TITLE@@": _text(title), "@@CSS@@": _asset("viewer.css"),
              "@@DATA@@": json_for_html(data), "@@WORLD@@": _world_outline(), "@@VIS@@": vis_js, "@@APP@@": app_js}
    return "".join(values.get(p, p) for p in parts)


def _world_outline() -> str:
    """The map view's world outline (data/viewer/world-110m.json, Natural Earth, public domain;
    tools/make_world_outline.py), made safe for a <script> element like the page data."""
    return _asset("world-110m.json").strip().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(s: str) -> str:
    return _text(s).replace('"', "&quot;")


def write_network(store: GraphStore, path: Path, *, base: str, focus: str | None = None, depth: int = 1,
                  articles: bool = False, programme: str | None = None, country: str | None = None,
                  aggregate: bool = False, size_by: str = "degree") -> Path:
    """Writes graph.html for the whole network or one view of it; returns the path."""
    with _gc_paused():
        raw = load(store, base=base, articles=articles)
        net = build_view(raw, articles=articles, programme=programme, country=country,
                         focus=focus, depth=depth, aggregate=aggregate)
        page = render(page_data(net, size_by=size_by))
    write_atomic(Path(path), page)
    return Path(path)


@contextmanager
def _gc_paused():
    """The cyclic garbage collector off while the page is made: the data read from the store
    are hundreds of thousands of objects without cycles, which the collector would scan again
    and again as they pile up (measured on the 10,000-article graph: write_network 4.5 s with
    the collector, 3.8 s without; page_data alone 0.77 s against 0.36 s). It is switched back
    on afterwards if it was on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
