"""The shapes compiled to SPARQL (shapecheck.py, what every build runs) find what pySHACL finds
on the same graphs: the hand-made graph of test_validate_shapes.py, its broken copy and its
single-defect variants. Violations are compared by focus node, path and message."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal

from partnergraph.namespaces import DEFAULT_BASE, PG
from partnergraph.validate.shapecheck import load_checks
from partnergraph.validate.shacl import validate_graph
from partnergraph.vocab import load_vocabulary
from test_validate_shapes import BROKEN, GOOD, GYEARMONTH, ID, _graph

G = "https://w3id.org/partnergraph/graph/test"


def _to_store(g: Graph, *, graph: str | None = None) -> ox.Store:
    store = ox.Store()
    data = g.serialize(format="nt", encoding="utf-8")
    store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph) if graph else ox.DefaultGraph())
    return store


def _iri(short: str) -> str:
    if short.startswith("<"):
        return short.strip("<>")
    ns = load_vocabulary().graph.namespace_manager.expand_curie(short) if ":" in short else short
    return str(ns)


def _pyshacl(g: Graph) -> set[tuple[str, str]]:
    return {(_iri(v.focus), v.message) for v in validate_graph(g).violations}


def _compiled(g: Graph) -> set[tuple[str, str]]:
    checks = load_checks()
    found = checks.check_merged(_to_store(g), range(len(checks.checks)))
    return {(_iri(v.focus), v.message) for v in found}


def _variants():
    yield "good", _graph(GOOD)
    yield "broken", _graph(GOOD, BROKEN)
    g = _graph(GOOD)
    g.set((ID["country/pe"], PG.countryCode, Literal("pe")))
    yield "lower-case country code", g
    g = _graph(GOOD)
    g.set((ID["partnership/fedcba9876543210"], PG.startDate, Literal("2014-06", datatype=GYEARMONTH)))
    yield "start date outside the year", g
    g = _graph(GOOD)
    g.add((ID["municipality/de/koeln"], PG.country, ID["country/pe"]))
    yield "two countries", g
    g = _graph(GOOD)
    g.add((ID["municipality/de/koeln"], __import__("rdflib").RDFS.label, Literal("Kölle", lang="de")))
    yield "two German labels", g


@pytest.mark.parametrize("name, g", list(_variants()), ids=[n for n, _ in _variants()])
def test_compiled_shapes_find_what_pyshacl_finds(name, g):
    data = g + load_vocabulary().graph
    assert _compiled(data) == _pyshacl(data)


def test_an_article_graph_alone_gives_candidates_the_merged_graph_confirms():
    """The article states a link in one direction; the other article (here: the default
    graph) the inverse. Per graph it is a candidate; on the merged graph no violation."""
    checks = load_checks()
    vocabulary = load_vocabulary().graph
    one_way = _graph(GOOD)
    koeln, yarinacocha = ID["municipality/de/koeln"], ID["municipality/pe/yarinacocha"]
    one_way.remove((yarinacocha, PG.partnerOf, koeln))
    store = _to_store(one_way + vocabulary, graph=G)
    per_graph = list(range(len(checks.checks)))
    found = checks.candidates(store, per_graph)
    assert any(focus == str(koeln) for _, focus in found[G])
    merged = _to_store(_graph(GOOD) + vocabulary)
    assert checks.confirm(merged, found[G]) == []
    assert checks.confirm(_to_store(one_way + vocabulary), found[G]) != []
    assert DEFAULT_BASE in str(koeln)
