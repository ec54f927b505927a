"""The partnership network, read from a store or from triples: one node per municipality or
organisation that is a partner (`pg:partner`) of at least one `pg:Partnership`, labelled with
its German name and its country's ISO code; one edge per pair of partners of a partnership,
weighted by the number of such partnerships (two partnerships between the same pair are one
edge of weight 2). graph/analytics.py measures it; the viewer draws its own richer network.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import networkx as nx
import pyoxigraph as ox

from ..namespaces import PG, sparql_prologue
from ..store.embedded import GraphStore

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_PREFLABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"


def _pairs(store: GraphStore, sparql: str, first: str, second: str) -> Iterator[tuple[str, str]]:
    """The values of two variables in each solution, read by position (looked up once in the
    results' variables): by name took a third longer on the 29,000 rows of the partner query."""
    solutions = store.query(sparql)
    variables = [v.value for v in solutions.variables]
    i, j = variables.index(first), variables.index(second)
    for sol in solutions:
        yield sol[i].value, sol[j].value


#: the predicates the network is made of, and the kind of row (`_NetworkRows`) each gives:
#: `network_from_triples` needs the triples of these only
_ROW_OF_PREDICATE = {RDF_TYPE: "classes", str(PG.partner): "partners", RDFS_LABEL: "labels",
                     SKOS_PREFLABEL: "labels", str(PG.country): "countries", str(PG.countryCode): "codes"}
NETWORK_PREDICATES = tuple(_ROW_OF_PREDICATE)
_NETWORK_CLASSES = {str(PG.Municipality), str(PG.Organisation)}


@dataclass
class _NetworkRows:
    """The five kinds of rows the network is made of, as (subject, object value) pairs."""
    classes: Iterable[tuple[str, str]]  # node, pg:Municipality/pg:Organisation IRI
    partners: Iterable[tuple[str, str]]  # partnership, partner
    labels: Iterable[tuple[str, str]]  # node, German label (rdfs:label or skos:prefLabel)
    countries: Iterable[tuple[str, str]]  # node, country IRI
    codes: Iterable[tuple[str, str]]  # country IRI, ISO code


def partnership_network(store: GraphStore, *, base: str) -> tuple[nx.Graph, int]:
    """The partnership network (nodes sorted by IRI, so every algorithm sees one order) and the
    number of partnerships with at least two partners in it, from the store.

    The queries are single triple patterns, joined here, except the labels' join with a
    DISTINCT subquery: on a store whose default graph is the union of the article graphs with
    bag semantics (remote.py's native mode), a fact repeated in many article graphs appears
    once per graph, and a SPARQL join of such patterns multiplies the copies (a four-pattern
    join took 183 s on 250 articles). Joining a DISTINCT list of partners to one pattern
    returns no more rows than that pattern alone, and saves reading the labels of the ~15,000
    places that are nobody's partner (0.10 → 0.04 s on a 10,000-article build)."""
    pre = sparql_prologue(base)
    return _network(_NetworkRows(
        classes=_pairs(store, pre + "SELECT DISTINCT ?x ?cls WHERE { VALUES ?cls { pg:Municipality pg:Organisation } ?x a ?cls }",
                       "x", "cls"),
        partners=_pairs(store, pre + "SELECT DISTINCT ?p ?x WHERE { ?p pg:partner ?x }", "p", "x"),
        labels=_pairs(store, pre + """SELECT DISTINCT ?x ?l WHERE {
            { SELECT DISTINCT ?x WHERE { ?p pg:partner ?x } }
            VALUES ?lp { rdfs:label skos:prefLabel } ?x ?lp ?l FILTER(LANG(?l) = "de") }""", "x", "l"),
        countries=_pairs(store, pre + "SELECT DISTINCT ?x ?c WHERE { ?x pg:country ?c }", "x", "c"),
        codes=_pairs(store, pre + "SELECT DISTINCT ?c ?code WHERE { ?c pg:countryCode ?code }", "c", "code")))


def network_from_triples(triples: Iterable[ox.Triple]) -> tuple[nx.Graph, int]:
    """`partnership_network` from distinct triples (those with `NETWORK_PREDICATES` suffice):
    a build computes it from its dump pieces while the store is still loading."""
    rows: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for t in triples:
        kind = _ROW_OF_PREDICATE.get(t.predicate.value)
        if kind is None or not isinstance(t.subject, ox.NamedNode):
            continue
        if kind == "classes" and t.object.value not in _NETWORK_CLASSES:
            continue
        if kind == "labels" and getattr(t.object, "language", None) != "de":
            continue
        rows[kind].append((t.subject.value, t.object.value))
    return _network(_NetworkRows(**{k: rows.get(k, []) for k in ("classes", "partners", "labels", "countries", "codes")}))


def network_from_rows(**rows: Iterable[tuple[str, str]]) -> tuple[nx.Graph, int]:
    """`partnership_network` from the rows its queries give (keyword per kind of
    `_NetworkRows`, repetitions allowed): a rebuild reads them from its viewer facts."""
    return _network(_NetworkRows(**rows))


def _network(rows: _NetworkRows) -> tuple[nx.Graph, int]:
    classes: dict[str, str] = {}
    for x, cls in rows.classes:
        # a node typed both ways (never in practice) counts as a municipality
        if classes.get(x) != "Municipality":
            classes[x] = cls.rsplit("#", 1)[-1]
    partners: dict[str, set[str]] = defaultdict(set)
    for p, x in rows.partners:
        if x in classes:
            partners[p].add(x)
    members = {x for xs in partners.values() for x in xs}
    labels: dict[str, str] = {}
    for x, label in rows.labels:
        if x in members and (x not in labels or label < labels[x]):
            labels[x] = label
    country_of: dict[str, str] = {}
    for x, c in rows.countries:
        if x in members and (x not in country_of or c < country_of[x]):
            country_of[x] = c
    codes = {c: code.upper() for c, code in rows.codes}
    g = nx.Graph()
    for x in sorted(members):
        g.add_node(x, label=labels.get(x, x.rsplit("/", 1)[-1]), cls=classes[x],
                   country=codes.get(country_of.get(x, ""), ""))
    # the partnerships of each pair, gathered in a dict and added at once (a quarter faster than
    # growing the graph edge by edge, 33 vs 44 ms here); edges keep their first partnership's order
    links: dict[tuple[str, str], list[str]] = {}
    counted = 0
    for p in sorted(partners):
        group = sorted(partners[p])
        if len(group) < 2:
            continue
        counted += 1
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                links.setdefault((a, b), []).append(p)
    g.add_edges_from((a, b, {"weight": len(ps), "partnerships": ps}) for (a, b), ps in links.items())
    return g, counted
