"""The ontology's terms as rdflib objects: `PG` is a closed namespace, so a typo is an error.
Imported by `namespaces` on first use of `namespaces.PG`, `SCHEMA` or `GEO`."""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

from .ontology_iri import PG_IRI


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
