"""The network read from the store: one SPARQL query per class and per property, one for the
analytics graph and one for the partnership sentences, joined in Python into a `RawData`
(records.py)."""

from __future__ import annotations

from collections import defaultdict

from ..namespaces import ANALYTICS_GRAPH, sparql_prologue
from ..store.embedded import GraphStore
from .legend import CLASSES
from .records import ArticleRecord, Entity, PartnershipRecord, RawData

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
