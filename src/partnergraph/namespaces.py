"""Namespaces: the IRIs of our ontology, resources and graphs, and the prefixes of every output."""

from __future__ import annotations

from .ontology_iri import PG_IRI

DEFAULT_BASE = "https://w3id.org/partnergraph/id/"
GRAPH_BASE = "https://w3id.org/partnergraph/graph/"
VOCABULARY_GRAPH = GRAPH_BASE + "vocabulary"
ANALYTICS_GRAPH = GRAPH_BASE + "analytics"
GEONAMES = "https://sws.geonames.org/"
#: what the analytics graph states of each node of the partnership network (analytics.py)
ANALYTICS_PREDICATES = tuple(PG_IRI + p for p in ("betweennessCentrality", "community", "component", "degreeCentrality"))
#: the rdflib namespace objects (`PG`, `SCHEMA`, `GEO`) live in rdfterms.py and are handed out
#: from here on first use: importing rdflib costs ~50 ms, which small commands that only need
#: the IRIs above should not pay (benchmarks/bench_startup.py)
_RDFLIB_TERMS = ("PG", "SCHEMA", "GEO")

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


def __getattr__(name: str):
    if name in _RDFLIB_TERMS:
        from . import rdfterms

        return getattr(rdfterms, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
