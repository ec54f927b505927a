"""The network the viewer shows, read into a `RawData` (records.py): from the store (`load`: one
SPARQL query per class and per property, one for the analytics graph, one for the partnership
sentences) or from the triples themselves (`load_triples`: a build has them in its viewer cache,
facts.py, and need not ask the store). Both read through the same few questions (`_Source`) and
join the answers with the same code (`_join`), so they give the same `RawData`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

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
#: the classes a partnership's partners have (its other pg:partner values are not partners)
_PARTNER_CLASSES = ("Municipality", "Organisation")


_LABEL_PROPS = {"http://www.w3.org/2000/01/rdf-schema#label": "label",
                "http://www.w3.org/2004/02/skos/core#prefLabel": "pref",
                "http://www.w3.org/2004/02/skos/core#altLabel": "alt"}
_PG = "https://w3id.org/partnergraph/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_ABOUT = "https://schema.org/about"
_MENTIONS = _PG + "mentions"
_WKT = "http://www.opengis.net/ont/geosparql#asWKT"
#: what a partnership mention says about its sentence (the evidence of a partnership)
MENTION_PROPS = (_PG + "kind", _PG + "inArticle", _PG + "start", _PG + "quote")
#: every predicate whose triples the viewer reads (besides the analytics graph): a build keeps
#: the triples of these, and of the mentions only those of partnership mentions (facts.py)
PREDICATES = frozenset({RDF_TYPE, _WKT, *_LABEL_PROPS, *_PROPS, *_ARTICLE_PROPS, *_PARTNERSHIP_PROPS, *MENTION_PROPS})
#: entities are resources of these classes; articles and partnerships are records of their own
_ENTITY_CLASSES = tuple(c for c in _TYPES if c not in ("Article", "Partnership"))

#: a literal as the viewer tells literals apart: text, language, datatype
Lit = tuple[str, str, str]


def _lit(term) -> Lit:
    return term.value, getattr(term, "language", None) or "", getattr(getattr(term, "datatype", None), "value", "")


class _Source:
    """The questions `_join` asks, answered by the store (`_StoreSource`) or by triples in
    memory (`_TripleSource`). Values are strings; every answer is read into sets or
    dictionaries, so neither order nor repetition of the rows matters."""

    def typed(self, classes: Iterable[str]) -> Iterable[tuple[str, str]]:
        """(resource, class local name) for the pg: classes given."""
        raise NotImplementedError

    def pairs(self, prop: str) -> Iterable[tuple[str, str]]:
        """(subject, object value) of every triple with the property."""
        raise NotImplementedError

    def labels(self, prop: str) -> Iterable[tuple[str, Lit]]:
        raise NotImplementedError

    def analytics(self) -> Iterable[tuple[str, str, str]]:
        """(node, predicate local name, value) of the analytics graph."""
        raise NotImplementedError

    def entity_mentions(self, classes: Iterable[str]) -> Iterable[tuple[str, str]]:
        """(article, resource) of pg:mentions; at least those of resources of `classes`."""
        raise NotImplementedError

    def topics(self, wanted: set[str], articles: int) -> dict[str, set[str]]:
        """Article → its schema:about values, at least for the `wanted` articles (of `articles`)."""
        raise NotImplementedError

    def evidence(self) -> Iterable[tuple[str, str, str, str]]:
        """(partnership, article, start, quote) per pg:evidence link to a partnership mention."""
        raise NotImplementedError


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


class _StoreSource(_Source):
    def __init__(self, store: GraphStore, base: str):
        self.store, self.pre = store, sparql_prologue(base)

    def _rows(self, prop: str):
        """The rows (subject, object) of every triple with the property `prop`.

        One triple pattern with a fixed predicate per query: Oxigraph then decodes only the two
        terms of a row, where ``VALUES ?p`` made it decode the predicate of every row too, and
        DISTINCT hashed every row (the six article properties of the 10,000-article graph: 0.8 s
        as six queries, 1.4 s as one DISTINCT query over ``VALUES ?p``). No DISTINCT is needed:
        the default graph is a set (store.py), and every caller collects into sets or
        dictionaries, so a store that repeats a triple still gives the same data."""
        return self.store.query(self.pre + f"SELECT ?s ?o WHERE {{ ?s <{prop}> ?o }}")

    def typed(self, classes):
        names = " ".join(f"pg:{c}" for c in classes)
        for x, cls in self.store.query(self.pre + f"SELECT ?x ?cls WHERE {{ VALUES ?cls {{ {names} }} ?x a ?cls }}"):
            yield x.value, cls.value.rsplit("#", 1)[-1]

    def pairs(self, prop):
        for s, o in self._rows(prop):
            yield s.value, o.value

    def labels(self, prop):
        for x, lit in self._rows(prop):
            yield x.value, _lit(lit)

    def analytics(self):
        for x, p, o in self.store.query(self.pre + f"SELECT ?x ?p ?o WHERE {{ GRAPH <{ANALYTICS_GRAPH}> {{ ?x ?p ?o }} }}"):
            yield x.value, p.value.rsplit("#", 1)[-1], o.value

    def entity_mentions(self, classes):
        # only mentions of entities: Oxigraph pays a look-up per term of a row, and on the
        # 10,000-article graph 21,600 of the 146,700 rows mention partnerships or persons
        # (measured: 0.39 s with the class test, 0.51 s for all rows)
        names = " ".join(f"pg:{c}" for c in classes)
        for a, x in self.store.query(self.pre + f"""SELECT ?a ?x WHERE {{
                ?a pg:mentions ?x . ?x a ?cls VALUES ?cls {{ {names} }} }}"""):
            yield a.value, x.value

    def topics(self, wanted, articles):
        topics: dict[str, set[str]] = defaultdict(set)
        if len(wanted) >= ABOUT_BY_NAME_BELOW * articles:
            rows = self._rows(_ABOUT)
        elif wanted:
            names = " ".join(f"<{a}>" for a in sorted(wanted))
            rows = self.store.query(self.pre + f"SELECT ?s ?o WHERE {{ VALUES ?s {{ {names} }} ?s <{_ABOUT}> ?o }}")
        else:
            rows = ()
        for a, t in rows:
            topics[a.value].add(t.value)
        return topics

    def evidence(self):
        for p, a, s, q in self.store.query(self.pre + _EVIDENCE):
            yield p.value, a.value, s.value, q.value


class _MemorySource(_Source):
    """What the two in-memory sources answer alike: every row is at hand, so the mentions and
    topics of all articles are given (the store source asks only for the wanted ones)."""

    def entity_mentions(self, classes):
        return self.pairs(_MENTIONS)

    def topics(self, wanted, articles):
        topics: dict[str, set[str]] = defaultdict(set)
        for a, t in self.pairs(_ABOUT):
            topics[a].add(t)
        return topics


class _TripleSource(_MemorySource):
    """The same answers from triples in memory: the distinct triples of the default graph (the
    merge of every graph) with the viewer's `PREDICATES`, and the analytics graph's quads."""

    def __init__(self, triples: Iterable[ox.Triple], analytics: Iterable[ox.Quad]):
        self.by_prop: dict[str, list[tuple]] = defaultdict(list)
        for t in triples:
            self.by_prop[t.predicate.value].append((t.subject, t.object))
        self.analytics_quads = analytics

    def typed(self, classes):
        wanted = {_PG + c for c in classes}
        for x, cls in self.by_prop.get(RDF_TYPE, ()):
            if cls.value in wanted:
                yield x.value, cls.value.rsplit("#", 1)[-1]

    def pairs(self, prop):
        for s, o in self.by_prop.get(prop, ()):
            yield s.value, o.value

    def labels(self, prop):
        for x, lit in self.by_prop.get(prop, ()):
            yield x.value, _lit(lit)

    def analytics(self):
        for q in self.analytics_quads:
            yield q.subject.value, q.predicate.value.rsplit("#", 1)[-1], q.object.value

    def evidence(self):
        # the SPARQL above as joins of dictionaries; the kind is the plain literal "partnership"
        partnership = ox.Literal("partnership")
        mentions = {m for m, kind in self.by_prop.get(_PG + "kind", ()) if kind == partnership}
        article, start, quote = (defaultdict(list) for _ in range(3))
        for values, prop in ((article, "inArticle"), (start, "start"), (quote, "quote")):
            for m, o in self.by_prop.get(_PG + prop, ()):
                if m in mentions:
                    values[m].append(o.value)
        for p, m in self.by_prop.get(_PG + "evidence", ()):
            if m in mentions:
                for a in article.get(m, ()):
                    for s in start.get(m, ()):
                        for q in quote.get(m, ()):
                            yield p.value, a, s, q


class _FactSource(_MemorySource):
    """The same answers from the facts of each graph (facts.py): the default graph's triples
    are the merge of the graphs', and every answer is collected into sets or dictionaries, so
    repetitions across graphs change nothing."""

    def __init__(self, facts: Iterable[dict], analytics: Iterable[tuple[str, str, str]]):
        self.types: list = []
        self.by_class: dict[str, list[str]] | None = None
        self.by_prop: dict[str, list] = defaultdict(list)
        self.links: list = []
        for f in facts:
            self.types += f["t"]
            for prop, rows in f["l"].items():
                self.by_prop[prop] += rows
            for prop, rows in f["p"].items():
                self.by_prop[prop] += rows
            self.links += f["e"]
        self.analytics_rows = analytics

    def typed(self, classes):
        # the resources of each class, grouped once: `_join` asks three times (64,600 rows at
        # 10,000 articles, 0.28 s as three scans of all of them)
        if self.by_class is None:
            self.by_class = defaultdict(list)
            for x, cls in self.types:
                self.by_class[cls].append(x)
        for c in classes:
            for x in self.by_class.get(_PG + c, ()):
                yield x, c

    def pairs(self, prop):
        return self.by_prop.get(prop, ())

    def labels(self, prop):
        for x, text, lang, datatype in self.by_prop.get(prop, ()):
            yield x, (text, lang, datatype)

    def analytics(self):
        return self.analytics_rows

    def evidence(self):
        return self.links


def load(store: GraphStore, *, base: str, articles: bool = True) -> RawData:
    """Everything the viewer shows, from the store: one query per class and per property, one
    for the analytics graph and one for the partnership sentences, joined here in dictionaries.

    With ``articles=False`` (a view without article nodes) the articles' datelines are not
    read, nor the topics (schema:about) of articles other than those of partnerships without a
    theme, which take their articles' topics: only article nodes show the rest."""
    return _join(_StoreSource(store, base), articles=articles)


def load_triples(triples: Iterable[ox.Triple], analytics: Iterable[ox.Quad], *, articles: bool = True) -> RawData:
    """What `load` reads from a store holding these triples in its default graph (those with
    `PREDICATES` suffice) and the `analytics` quads in its analytics graph."""
    return _join(_TripleSource(triples, analytics), articles=articles)


def load_facts(facts: Iterable[dict], analytics: Iterable[tuple[str, str, str]], *, articles: bool = True) -> RawData:
    """What `load` reads from a store whose graphs have these `facts.facts_of` and whose
    analytics graph holds these (node, metric, value) rows."""
    return _join(_FactSource(facts, analytics), articles=articles)


def _join(src: _Source, *, articles: bool) -> RawData:
    ents: dict[str, Entity] = {}
    for x, cls in src.typed(_ENTITY_CLASSES):
        # a resource typed twice keeps the class that comes first in _TYPES (never in practice)
        if x not in ents or _CLASS_RANK[cls] < _CLASS_RANK[ents[x].cls]:
            ents[x] = Entity(x, cls)
    article_iris = {x for x, _ in src.typed(("Article",))}
    part_iris = {x for x, _ in src.typed(("Partnership",))}

    # names: per resource the distinct (property, literal) pairs, as the triples are distinct;
    # rdfs:label also names the partnerships
    found: dict[str, set] = defaultdict(set)
    part_labels: dict[str, set[str]] = defaultdict(set)
    for iri, prop in _LABEL_PROPS.items():
        for x, lit in src.labels(iri):
            if x in ents:
                found[x].add((prop, lit))
            if prop == "label" and x in part_iris:
                part_labels[x].add(lit[0])
    for x, labels in found.items():
        ranked = sorted(((0 if lang == "de" else 1 if not lang else 2) + (3 if prop == "alt" else 0), text)
                        for prop, (text, lang, _) in labels)
        ents[x].name = ranked[0][1]
        ents[x].alt = {text for _, text in ranked[1:]}
    for iri, prop in _PROPS.items():
        for x, value in src.pairs(iri):
            if x in ents:
                ents[x].props[prop].add(value)
    # one point per geometry; were there more, the least, the same every run
    wkt: dict[str, str] = {}
    for g, value in src.pairs(_WKT):
        if g not in wkt or value < wkt[g]:
            wkt[g] = value
    for e in ents.values():
        for g in e.props.get("geometry", ()):
            if g in wkt:
                e.props["wkt"].add(wkt[g])
    analytics: dict[str, dict[str, str]] = defaultdict(dict)
    for x, p, value in sorted(src.analytics()):  # sorted: one value per node and metric, the same every run
        analytics[x][p] = value

    records = {a: ArticleRecord(a, "", "", "") for a in article_iris}
    for iri, prop in _ARTICLE_PROPS.items():
        if prop in ("about", "mentions") or (prop == "dateline" and not articles):
            continue
        for a, value in src.pairs(iri):
            rec = records.get(a)
            if rec is not None and (not getattr(rec, prop) or value < getattr(rec, prop)):
                setattr(rec, prop, value)  # one value, the same every run
    for a, x in src.entity_mentions(_ENTITY_CLASSES):
        rec, e = records.get(a), ents.get(x)
        if rec is not None and e is not None:
            rec.mentions.add(e.iri)
            e.mentioned_in.add(rec.iri)

    facts: dict[str, dict[str, set[str]]] = {}
    for iri, prop in _PARTNERSHIP_PROPS.items():
        if prop not in ("label", "evidence"):  # labels above, evidence with its sentences
            facts[prop] = values = defaultdict(set)
            for s, value in src.pairs(iri):
                values[s].add(value)
    facts["label"] = part_labels
    nothing: set[str] = set()
    ent_set, article_set = ents.keys(), records.keys()
    # the topics: of every article for article nodes, else of the articles of the partnerships
    # without a theme
    wanted = article_set if articles else {a for p in part_iris if not ent_set & facts["theme"].get(p, nothing)
                                           for a in article_set & facts["derivedFrom"].get(p, nothing)}
    for a, values in src.topics(set(wanted), len(article_set)).items():
        if a in wanted:
            records[a].about = values

    evidence: dict[str, set[tuple[str, int, str]]] = defaultdict(set)
    for p, a, s, q in src.evidence():
        if a in records:
            evidence[p].add((a, int(s or 0), q))
    parts: dict[str, PartnershipRecord] = {}
    # each partnership's values looked up by name, not through a dictionary of all eight per
    # partnership; one with fewer than two partners is left out before its record is made
    types, years, partners, labels = facts["type"], facts["year"], facts["partner"], facts["label"]
    programmes, themes, derived = facts["programme"], facts["theme"], facts["derivedFrom"]
    for p in sorted(part_iris):
        sides = sorted(x for x in partners.get(p, nothing) if x in ents and ents[x].cls in _PARTNER_CLASSES)
        if len(sides) < 2:
            continue
        t = min(types.get(p, nothing), default="")
        year = min(years.get(p, nothing), default="")
        rec = PartnershipRecord(
            p, min(labels.get(p, nothing), default=""), t.rsplit("/", 1)[-1] if t else "unspecified",
            ents[t].name if t in ents else "Partnerschaft",
            int(year[:4]) if year[:4].isdigit() else None, sides,
            programmes=ent_set & programmes.get(p, nothing), themes=ent_set & themes.get(p, nothing),
            articles=article_set & derived.get(p, nothing),
            evidence=sorted(evidence.get(p, ())))
        if not rec.themes:  # no theme stated for the partnership: the themes its articles are about
            rec.themes = {t for a in rec.articles for t in records[a].about if t in ents}
        parts[p] = rec
    return RawData(ents, parts, records, dict(analytics))
