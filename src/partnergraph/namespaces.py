"""Namespaces. Terms of our own ontology come from a closed namespace, so a typo is an error."""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

PG_IRI = "https://w3id.org/partnergraph/ontology#"
DEFAULT_BASE = "https://w3id.org/partnergraph/id/"
GRAPH_BASE = "https://w3id.org/partnergraph/graph/"
VOCABULARY_GRAPH = GRAPH_BASE + "vocabulary"
ANALYTICS_GRAPH = GRAPH_BASE + "analytics"
GEONAMES = "https://sws.geonames.org/"


class PG(DefinedNamespace):
    """The partnergraph ontology (ontology/partnergraph.ttl)."""

    _NS = Namespace(PG_IRI)
    _fail = True

    # classes
    Article: URIRef
    Municipality: URIRef
    Country: URIRef
    Region: URIRef
    Programme: URIRef
    Theme: URIRef
    PartnershipType: URIRef
    LocalGovernmentKind: URIRef
    Organisation: URIRef
    Partnership: URIRef
    Event: URIRef
    Person: URIRef
    Mention: URIRef
    # article
    mentions: URIRef
    dateline: URIRef
    titleDerived: URIRef
    imageCaption: URIRef
    analysedText: URIRef
    # places
    country: URIRef
    region: URIRef
    geonamesId: URIRef
    statedPopulation: URIRef
    countryCode: URIRef
    localGovernmentKind: URIRef
    # partnerships
    partner: URIRef
    partnerOf: URIRef
    partnershipType: URIRef
    startYear: URIRef
    startDate: URIRef
    status: URIRef
    programme: URIRef
    theme: URIRef
    evidence: URIRef
    # programmes, events, people
    implementedBy: URIRef
    fundedBy: URIRef
    cooperationPartner: URIRef
    hostedBy: URIRef
    role: URIRef
    represents: URIRef
    # evidence
    inArticle: URIRef
    refersTo: URIRef
    surface: URIRef
    quote: URIRef
    start: URIRef
    end: URIRef
    kind: URIRef
    # analytics
    degreeCentrality: URIRef
    betweennessCentrality: URIRef
    component: URIRef
    community: URIRef


SCHEMA = Namespace("https://schema.org/")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")

#: Prefixes every Turtle output and every bundled query uses.
PREFIXES: dict[str, str] = {
    "pg": PG_IRI,
    "pgid": DEFAULT_BASE,
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dcterms": "http://purl.org/dc/terms/",
    "gn": GEONAMES,
}


def prefixes_for(base: str) -> dict[str, str]:
    """The standard prefixes with `pgid:` bound to the build's resource base."""
    return {**PREFIXES, "pgid": base}


def sparql_prologue(base: str = DEFAULT_BASE) -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in prefixes_for(base).items())
