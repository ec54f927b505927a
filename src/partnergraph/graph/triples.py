"""Extraction → RDF quads: one named graph per article (its name is the article's IRI).

Pure functions: no I/O. Every IRI comes from `iri.Minter`; every term of our ontology from
`namespaces.PG`. Each article graph is self-contained (it carries the labels and countries of
the places it mentions), so replacing one article's graph never leaves another's facts dangling.
"""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode
from rdflib import Literal as RLiteral
from rdflib import URIRef

from .iri import Minter
from ..models import Extraction, Mention, Place, Span, date_xsd_type, side_kind
from ..namespaces import GEO, GEONAMES, PG, SCHEMA, VOCABULARY_GRAPH
from ..extract.sentences import derived_headline
from ..extract.territories import countries, regions
from ..vocab import Vocabulary

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
OWL_SAMEAS = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")
PROV_DERIVED = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
PROV_ENTITY = ox.NamedNode("http://www.w3.org/ns/prov#Entity")
XSD = "http://www.w3.org/2001/XMLSchema#"
WKT = ox.NamedNode("http://www.opengis.net/ont/geosparql#wktLiteral")
UNKNOWN_COUNTRY = "XX"  # ISO 3166 user-assigned code: a place whose country no text gives


class _Terms:
    """A namespace's terms as pyoxigraph NamedNodes, made on first use and then read as plain
    attributes. Each name is looked up once in the rdflib namespace (`PG` is closed, so a typo
    is still an error): going through rdflib and a converter for every triple was a fifth of
    the time spent making an article's graph (benchmarks/bench_build.py)."""

    def __init__(self, namespace):
        self._namespace = namespace

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        node = ox.NamedNode(str(getattr(self._namespace, name)))
        setattr(self, name, node)
        return node

    def __getitem__(self, name: str) -> ox.NamedNode:
        return getattr(self, name)


P, S, G = _Terms(PG), _Terms(SCHEMA), _Terms(GEO)

#: the second type every node carries, so schema.org-only consumers find it without reasoning
SECOND_TYPE = {
    "Article": S.NewsArticle, "Municipality": S.City, "Country": S.Country,
    "Region": S.AdministrativeArea, "Organisation": S.Organization,
    "Event": S.Event, "Person": S.Person, "Mention": PROV_ENTITY,
}
#: rdf:type triples' objects, per class name: the pg: class and its second type
_TYPES: dict[str, tuple[ox.NamedNode, ...]] = {}


def _types(cls: str) -> tuple[ox.NamedNode, ...]:
    types = _TYPES.get(cls)
    if types is None:
        types = _TYPES[cls] = (P[cls],) + ((SECOND_TYPE[cls],) if cls in SECOND_TYPE else ())
    return types


def N(iri) -> ox.NamedNode:  # noqa: N802 - reads like a constructor
    return iri if isinstance(iri, ox.NamedNode) else _named(str(iri))


@lru_cache(maxsize=200_000)
def _named(iri: str) -> ox.NamedNode:
    """NamedNodes are immutable: the ontology's terms and common entities are made once."""
    return ox.NamedNode(iri)


def de(text: str) -> ox.Literal:
    return ox.Literal(text, language="de")


def typed(value: str, datatype: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))


class ArticleGraph:
    """Collects the quads of one article's named graph."""

    def __init__(self, ex: Extraction, vocab: Vocabulary, minter: Minter):
        self.ex = ex
        self.vocab = vocab
        self.m = minter
        self.article = N(minter.article(ex.article.url))
        self.quads: set[ox.Quad] = set()
        self.text = ex.article.analysed_text
        #: entity nodes already described in this graph: an article names the same place or
        #: country a dozen times, and its description needs adding once
        self.described: dict[tuple[str, str], ox.NamedNode] = {}
        #: the text's sentences, split on first use: once per article, not once per population
        #: figure (each split reads the whole text, so that was quadratic in a long article)
        self._sentences: list[Span] | None = None

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o) -> None:
        self.quads.add(ox.Quad(s, p, o, self.article))

    def typed_node(self, iri: str | ox.NamedNode, cls: str) -> ox.NamedNode:
        node = N(iri)
        for t in _types(cls):
            self.quads.add(ox.Quad(node, RDF_TYPE, t, self.article))
        return node

    # -- entities ------------------------------------------------------------------------

    def country(self, code: str) -> ox.NamedNode:
        node = self.described.get(("country", code))
        if node is None:
            node = self.described[("country", code)] = self._country(code)
        return node

    def _country(self, code: str) -> ox.NamedNode:
        node = self.typed_node(self.m.country(code), "Country")
        c = countries().get(code)
        self.add(node, P.countryCode, ox.Literal(code))
        if c is None:
            self.add(node, RDFS_LABEL, de("unbekannt"))
            self.add(node, RDFS_LABEL, ox.Literal("unknown", language="en"))
            return node
        self.add(node, RDFS_LABEL, de(c.name_de))
        self.add(node, RDFS_LABEL, ox.Literal(c.name_en, language="en"))
        if c.geonameid:
            self.add(node, OWL_SAMEAS, N(f"{GEONAMES}{c.geonameid}/"))
        return node

    def municipality(self, place: Place) -> ox.NamedNode:
        key = ("municipality", place)  # the whole place: what is rendered depends on all of it
        node = self.described.get(key)
        if node is None:
            node = self.described[key] = self._municipality(place)
        return node

    def _municipality(self, place: Place) -> ox.NamedNode:
        cc = place.country or UNKNOWN_COUNTRY
        node = self.typed_node(self.m.municipality(cc, place.slug, place.kind), "Municipality")
        self.add(node, RDFS_LABEL, de(place.name_de))
        self.add(node, P.localGovernmentKind, N(self.m.mint("local-government-kind", place.kind)))
        if place.name_en and place.name_en != place.name_de:
            self.add(node, RDFS_LABEL, ox.Literal(place.name_en, language="en"))
        self.add(node, P.country, self.country(cc))
        if place.geonameid is not None:
            self.add(node, OWL_SAMEAS, N(f"{GEONAMES}{place.geonameid}/"))
            self.add(node, P.geonamesId, ox.Literal(place.geonameid))
        if place.lat is not None and place.lon is not None:
            geom = N(self.m.geometry(node.value))
            self.add(node, G.hasGeometry, geom)
            self.add(geom, RDF_TYPE, G.Geometry)
            self.add(geom, G.asWKT, ox.Literal(f"POINT({place.lon} {place.lat})", datatype=WKT))
        return node

    def region(self, key: str) -> ox.NamedNode:
        r = regions().get(key)
        label, cc = self.ex.regions.get(key, (key, None))
        if r:
            label, cc = r.name_de, r.country
        node = self.typed_node(self.m.region(cc, key.split("/", 1)[-1]), "Region")
        self.add(node, RDFS_LABEL, de(label))
        self.add(node, P.country, self.country(cc or UNKNOWN_COUNTRY))
        return node

    def concept(self, kind: str, slug: str) -> ox.NamedNode:
        """Vocabulary concepts live in the vocabulary graph; organisations found only in the
        text (utilities) are described here."""
        c = self.vocab.get(kind, slug)
        if c is not None:
            return N(self.m.rebase(c.iri))
        node = self.typed_node(self.m.concept(kind, slug), "Organisation")
        self.add(node, RDFS_LABEL, de(self.ex.organisations.get(slug, slug)))
        return node

    def entity(self, kind: str, ref: str) -> ox.NamedNode | None:
        if kind == "municipality":
            place = self.ex.places.get(ref)
            return self.municipality(place) if place else None
        if kind == "country":
            return self.country(ref)
        if kind == "region":
            return self.region(ref)
        if kind in ("programme", "theme", "partnership-type", "organisation"):
            return self.concept(kind, ref)
        if kind == "organisation-partner":
            return self.concept("organisation", ref)
        if kind == "event":
            return N(self.m.concept("event", ref))
        if kind == "person":
            return N(self.m.concept("person", ref))
        return None

    def mention(self, kind: str, start: int, end: int, sentence: Span, target: ox.NamedNode | None) -> ox.NamedNode:
        # a mention's IRI is made once: a NamedNode of its own, not one of the cached ones
        node = self.typed_node(ox.NamedNode(self.m.mention(self.article.value, start, end, kind)), "Mention")
        g, quads = self.article, self.quads
        quads.add(ox.Quad(node, P.inArticle, g, g))
        if target is not None:
            quads.add(ox.Quad(node, P.refersTo, target, g))
        quads.add(ox.Quad(node, P.surface, ox.Literal(self.text[start:end]), g))
        quads.add(ox.Quad(node, P.quote, ox.Literal(self.text[sentence.start:sentence.end]), g))
        quads.add(ox.Quad(node, P.start, ox.Literal(start), g))
        quads.add(ox.Quad(node, P.end, ox.Literal(end), g))
        quads.add(ox.Quad(node, P.kind, ox.Literal(kind), g))
        return node

    # -- the whole article -----------------------------------------------------------------

    def _sentence_around(self, span: Span) -> Span:
        from ..extract.sentences import sentence_of, split

        if self._sentences is None:
            self._sentences = split(self.text)
        return sentence_of(self._sentences, span.start)

    def build(self) -> set[ox.Quad]:
        a, art = self.article, self.ex.article
        self.typed_node(a.value, "Article")
        self.add(a, S.url, N(art.url))
        if art.title:
            self.add(a, S.headline, de(art.title))
        elif art.text:  # every article has a headline: one without gets its first sentence
            self.add(a, S.headline, de(derived_headline(art.text)))
            self.add(a, P.titleDerived, ox.Literal(True))
        if art.text:
            self.add(a, S.description, de(art.text))
        if art.date:
            self.add(a, S.datePublished, typed(art.date.isoformat(), date_xsd_type(art.date)))
        if art.place:
            self.add(a, P.dateline, ox.Literal(art.place))
        if art.image_alt:
            self.add(a, P.imageCaption, de(art.image_alt))
        self.add(a, S.inLanguage, ox.Literal("de"))
        self.add(a, P.analysedText, ox.Literal(self.text))
        evidenced: set[tuple[str, str]] = set()
        for m in sorted(self.ex.mentions, key=lambda m: (m.start, m.end, m.kind, m.ref)):
            self._mention(m, evidenced)
        for p in self.ex.populations:
            node = self.entity("municipality", p.place)
            if node is not None:
                self.add(node, P.statedPopulation, ox.Literal(p.value))
                self.mention("population", p.evidence.start, p.evidence.end,
                             self._sentence_around(p.evidence), node)
        for ev in self.ex.events:
            node = self.typed_node(self.m.concept("event", ev.slug), "Event")
            self.add(node, RDFS_LABEL, de(ev.label))
            host = self.entity("municipality", ev.host) if ev.host else None
            if host is not None:
                self.add(node, P.hostedBy, host)
                self.add(node, S.location, host)
            if ev.start:
                self.add(node, S.startDate, typed(ev.start.isoformat(), "date"))
            if ev.end:
                self.add(node, S.endDate, typed(ev.end.isoformat(), "date"))
            self.add(node, PROV_DERIVED, a)
        for person in self.ex.persons:
            node = self.typed_node(self.m.concept("person", person.slug), "Person")
            self.add(node, RDFS_LABEL, ox.Literal(person.name))
            if person.role:
                self.add(node, P.role, de(person.role))
            if person.represents:
                target = self.entity(*person.represents)
                if target is not None:
                    self.add(node, P.represents, target)
            self.add(node, PROV_DERIVED, a)
        for p in self.ex.partnerships:
            self._partnership(p)
        return self.quads

    def _mention(self, m: Mention, evidenced: set[tuple[str, str]]) -> None:
        """The article mentions the entity; its first occurrence is the evidence. Later ones
        add nothing the graph states (the article mentions it once or ten times), and at ~9
        quads each they were a third of every article graph (the synthetic corpus repeats an
        entity about twice per article, as the sample does)."""
        if m.kind == "partnership-type" and m.ref == "unspecified":
            return  # "Partnerschaft", "Kooperation": cue words, not something the article is about
        node = self.entity(m.kind, m.ref)
        if node is None:
            return
        kind = side_kind(m.kind)
        self.add(self.article, P.mentions, node)
        if kind == "theme":
            self.add(self.article, S.about, node)
        if (kind, node.value) not in evidenced:
            evidenced.add((kind, node.value))
            self.mention(kind, m.start, m.end, m.sentence, node)

    def _partnership(self, p) -> None:
        partners = [self.entity(kind, ref) for kind, ref in p.partners]
        partners = [x for x in partners if x is not None]
        if len(partners) < 2:
            return
        iri = self.m.partnership([x.value for x in partners], p.type)
        node = self.typed_node(iri, "Partnership")
        labels = sorted(self._label_of(kind, ref) for kind, ref in p.partners)
        self.add(node, RDFS_LABEL, de(" – ".join(labels)))
        for x in partners:
            self.add(node, P.partner, x)
        municipalities = [x for (kind, _), x in zip(p.partners, partners) if kind == "municipality"]
        for x in municipalities:
            for y in municipalities:
                if x != y:
                    self.add(x, P.partnerOf, y)
        type_concept = self.vocab.get("partnership-type", p.type) or self.vocab.get("partnership-type", "unspecified")
        if type_concept:
            self.add(node, P.partnershipType, N(self.m.rebase(type_concept.iri)))
        if p.start_year:
            self.add(node, P.startYear, typed(f"{p.start_year:04d}", "gYear"))
            if p.start_month:
                self.add(node, P.startDate, typed(f"{p.start_year:04d}-{p.start_month:02d}", "gYearMonth"))
        if p.status:
            # only where the text states it ("ruht", "soll … geschlossen werden"); no statement
            # means in force, which the graph leaves implicit
            self.add(node, P.status, ox.Literal(p.status))
        if p.programme and self.vocab.get("programme", p.programme):
            self.add(node, P.programme, self.concept("programme", p.programme))
        for t in p.themes:
            if self.vocab.get("theme", t):
                self.add(node, P.theme, self.concept("theme", t))
        self.add(node, PROV_DERIVED, self.article)
        self.add(self.article, P.mentions, node)
        for span in p.evidence:
            ev = self.mention("partnership", span.start, span.end, span, node)
            self.add(node, P.evidence, ev)

    def _label_of(self, kind: str, ref: str) -> str:
        if kind == "municipality" and ref in self.ex.places:
            return self.ex.places[ref].name_de
        return self.ex.organisations.get(ref) or (self.vocab.get("organisation", ref).pref_de
                                                 if self.vocab.get("organisation", ref) else ref)


def article_quads(ex: Extraction, vocab: Vocabulary, minter: Minter) -> set[ox.Quad]:
    """The named graph of one article, as a set (serialisers sort what they write)."""
    return ArticleGraph(ex, vocab, minter).build()


def vocabulary_quads(vocab: Vocabulary, minter: Minter) -> list[ox.Quad]:
    """The SKOS vocabularies, rebased onto the build's resource base, in their own graph."""
    g = N(VOCABULARY_GRAPH)
    out = []
    for s, p, o in vocab.graph:
        out.append(ox.Quad(_to_ox(s, minter), N(p), _to_ox(o, minter), g))
    return sorted(out, key=_quad_key)


def _to_ox(term, minter: Minter):
    if isinstance(term, URIRef):
        return N(minter.rebase(str(term)))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, RLiteral):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=N(term.datatype))
        return ox.Literal(str(term))
    raise TypeError(f"unexpected term {term!r}")


def _quad_key(q: ox.Quad) -> tuple[str, str, str, str]:
    return (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))
