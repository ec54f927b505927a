"""The VoID + DCAT description of a built graph (`publish.write_void`, `DIR/void.ttl`): its numbers
match the graph, its links follow the site layout of `serve`, and its bytes depend only on the
graph's content."""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from partnergraph.namespaces import DEFAULT_BASE, PG_IRI
from partnergraph.publish.dataset import (
    VOID_FILE,
    dataset_iri,
    dataset_stats,
    ontology_license,
    site_of,
    void_turtle,
    write_void,
)
from partnergraph.store.embedded import EmbeddedStore

FIXTURE = Path(__file__).parent / "fixtures" / "server" / "sample.trig"
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
DS = rdflib.URIRef(dataset_iri(DEFAULT_BASE))


def fixture_store(order_seed: int | None = None) -> EmbeddedStore:
    quads = list(ox.parse(path=str(FIXTURE), format=ox.RdfFormat.TRIG))
    if order_seed is not None:
        random.Random(order_seed).shuffle(quads)
    graphs: dict[str, list[ox.Quad]] = {}
    for q in quads:
        graphs.setdefault(q.graph_name.value, []).append(q)
    store = EmbeddedStore(None)
    store.replace_graphs(graphs)
    return store


@pytest.fixture(scope="module")
def void_graph(tmp_path_factory) -> rdflib.Graph:
    path = write_void(fixture_store(), tmp_path_factory.mktemp("void"), base=DEFAULT_BASE)
    assert path.name == VOID_FILE
    return rdflib.Graph().parse(path, format="turtle")


def fixture_merge() -> set:
    return {(q.subject, q.predicate, q.object) for q in ox.parse(path=str(FIXTURE), format=ox.RdfFormat.TRIG)}


def test_void_counts_each_distinct_triple_once(void_graph):
    assert int(void_graph.value(DS, VOID.triples)) == len(fixture_merge())


def test_void_gives_the_entities_of_each_class(void_graph):
    merge = fixture_merge()
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    expected = {}
    for s, p, o in merge:
        if p == rdf_type and o.value.startswith(PG_IRI):
            expected.setdefault(o.value, set()).add(s)
    found = {str(void_graph.value(part, VOID["class"])): int(void_graph.value(part, VOID.entities))
             for part in void_graph.objects(DS, VOID.classPartition)}
    assert found == {c: len(members) for c, members in expected.items()}
    assert found[PG_IRI + "Municipality"] > 5


def test_void_example_resources_are_in_the_graph(void_graph):
    subjects = {s.value for s, _, _ in fixture_merge()}
    examples = {str(o) for o in void_graph.objects(DS, VOID.exampleResource)}
    assert len(examples) == 3
    assert examples <= subjects
    assert DEFAULT_BASE + "municipality/de/koeln" in examples  # the most mentioned place of the fixture


def test_void_states_licence_modification_date_endpoint_and_dumps(void_graph):
    assert str(void_graph.value(DS, DCTERMS.license)) == ontology_license()
    dates = [q.object.value for q in ox.parse(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
             if q.predicate.value == "https://schema.org/datePublished"]
    assert str(void_graph.value(DS, DCTERMS.modified)) == max(dates)
    site = "https://w3id.org/partnergraph/"
    assert void_graph.value(DS, VOID.sparqlEndpoint) == rdflib.URIRef(site + "sparql")
    assert {str(o) for o in void_graph.objects(DS, VOID.dataDump)} == {site + "dump.ttl.gz", site + "dump.nq.gz"}
    assert str(void_graph.value(DS, VOID.uriSpace)) == DEFAULT_BASE
    media = {str(void_graph.value(d, DCAT.mediaType)) for d in void_graph.objects(DS, DCAT.distribution)}
    assert media == {"http://www.iana.org/assignments/media-types/text/turtle",
                     "http://www.iana.org/assignments/media-types/application/n-quads"}
    service = void_graph.value(DS, DCAT.accessService)
    assert void_graph.value(service, DCAT.endpointURL) == rdflib.URIRef(site + "sparql")


def test_void_has_no_blank_nodes(void_graph):
    assert not any(isinstance(t, rdflib.BNode) for triple in void_graph for t in triple)


def test_void_bytes_do_not_depend_on_the_order_the_store_was_filled_in():
    a = void_turtle(dataset_stats(fixture_store(), base=DEFAULT_BASE), base=DEFAULT_BASE)
    b = void_turtle(dataset_stats(fixture_store(order_seed=7), base=DEFAULT_BASE), base=DEFAULT_BASE)
    assert a == b


@pytest.mark.parametrize(("base", "site"), [
    ("https://w3id.org/partnergraph/id/", "https://w3id.org/partnergraph/"),
    ("https://example.org/kg/", "https://example.org/kg/"),
])
def test_the_site_is_the_base_without_its_id_segment(base, site):
    assert site_of(base) == site


def test_build_writes_void_ttl_agreeing_with_its_report(sample_build):
    out, report = sample_build
    path = out / VOID_FILE
    assert str(path) in report.outputs
    g = rdflib.Graph().parse(path, format="turtle")
    assert int(g.value(DS, VOID.triples)) == report.triples
    parts = {str(g.value(p, VOID["class"]))[len(PG_IRI):]: int(g.value(p, VOID.entities))
             for p in g.objects(DS, VOID.classPartition)}
    assert parts == report.classes
