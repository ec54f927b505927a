"""Own-words articles with gold (tests/gold/entities.jsonl): districts, boroughs, regional
associations, capitals and menus, negation. Scored end to end by `evaluate`; their graphs keep
a district, a borough and a same-named town apart and conform to the shapes."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from partnergraph.extract.evaluate import evaluate
from partnergraph.graph.triples import article_quads
from partnergraph.graph.iri import Minter
from partnergraph.namespaces import PG
from partnergraph.sources import read_path
from partnergraph.validate.shacl import validate_graph

HERE = Path(__file__).parent
GOLD = HERE / "gold" / "entities.jsonl"
ARTICLES = HERE / "fixtures" / "entities" / "local-governments.jsonl"


@pytest.fixture(scope="module")
def result(extractor):
    return evaluate(GOLD, list(read_path(ARTICLES)), extractor=extractor)


def test_every_place_of_the_entity_gold_is_found_and_nothing_else(result):
    s = result.scores["municipalities"]
    assert (s.fp, s.fn) == (0, 0), (s.false_positives, s.false_negatives)
    assert result.scores["countries"].f1 == 1.0


def test_every_kind_and_partner_identity_of_the_entity_gold_is_right(result):
    assert result.accuracies["municipality kind"].value == 1.0, result.accuracies["municipality kind"].errors
    assert result.accuracies["municipality kind"].total == 8
    assert result.accuracies["partner identity"].value == 1.0


@pytest.fixture(scope="module")
def graph(extractor, vocabulary_graph):
    flat = Graph()
    minter = Minter()
    for article in read_path(ARTICLES):
        quads = article_quads(extractor.extract(article), extractor.vocabulary, minter)
        triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
        flat.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"), format="nt")
    return flat


@pytest.fixture(scope="module")
def vocabulary_graph(extractor):
    return extractor.vocabulary.graph


def test_district_borough_and_town_of_one_name_are_three_resources_with_their_kinds(graph):
    base = Minter().base
    kinds = {str(s).removeprefix(base): str(o).rsplit("/", 1)[-1]
             for s, o in graph.subject_objects(PG.localGovernmentKind)}
    assert kinds["municipality/de/district/landkreis-harburg"] == "district"
    assert kinds["municipality/de/harburg"] == "municipality"
    assert kinds["municipality/de/borough/tempelhof-schoeneberg"] == "borough"
    assert kinds["municipality/de/regional-association/region-hannover"] == "regional-association"
    assert kinds["municipality/ua/district/rajon-kowel"] == "district"


def test_the_entity_graphs_conform_to_the_shapes(graph, vocabulary_graph):
    result = validate_graph(graph + vocabulary_graph)
    assert [str(v) for v in result.violations] == []
