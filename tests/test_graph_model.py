"""Extraction → RDF: the named graph of one article, compared by content with a frozen graph."""

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.compare import isomorphic

from partnergraph.publish.export import to_bytes
from partnergraph.graph.triples import article_quads
from partnergraph.graph.iri import Minter, slugify
from partnergraph.sources import read_path

FIXTURE = Path(__file__).parent / "fixtures" / "graph"


def _graphs(trig: bytes) -> dict[str, object]:
    ds = Dataset()
    ds.parse(data=trig.decode("utf-8"), format="trig")
    return {str(g.identifier): g for g in ds.graphs() if len(g)}


def _built(extractor, base="https://w3id.org/partnergraph/id/"):
    article = next(read_path(FIXTURE / "koeln-yarinacocha.jsonl"))
    return article_quads(extractor.extract(article), extractor.vocabulary, Minter(base))


def test_article_graph_matches_the_reviewed_graph(extractor):
    got = _graphs(to_bytes(_built(extractor), "trig", base="https://w3id.org/partnergraph/id/"))
    want = _graphs((FIXTURE / "koeln-yarinacocha.trig").read_bytes())
    assert set(got) == set(want)
    for name in want:
        assert isomorphic(got[name], want[name]), name


def test_every_quad_lives_in_the_articles_named_graph(extractor):
    quads = _built(extractor)
    graphs = {q.graph_name.value for q in quads}
    assert graphs == {Minter().article("https://beispiel-kommunal.de/news/koeln-yarinacocha")}


def test_same_article_gives_the_same_quads(extractor):
    assert set(_built(extractor)) == set(_built(extractor))


def test_base_changes_every_resource_iri(extractor):
    quads = _built(extractor, base="https://example.org/pg/")
    subjects = {q.subject.value for q in quads}
    assert all(s.startswith("https://example.org/pg/") for s in subjects)
    objects = {q.object.value for q in quads if isinstance(q.object, ox.NamedNode)}
    assert "https://example.org/pg/programme/klimapartnerschaften" in objects


def test_partner_municipalities_are_linked_both_ways(extractor):
    graph = _graphs(to_bytes(_built(extractor), "trig", base="https://w3id.org/partnergraph/id/"))
    g = next(iter(graph.values()))
    koeln = URIRef("https://w3id.org/partnergraph/id/municipality/de/koeln")
    yarina = URIRef("https://w3id.org/partnergraph/id/municipality/pe/yarinacocha")
    partner_of = URIRef("https://w3id.org/partnergraph/ontology#partnerOf")
    assert (koeln, partner_of, yarina) in g and (yarina, partner_of, koeln) in g


def test_slugs_are_german_aware_and_never_empty():
    assert slugify("Köln") == "koeln"
    assert slugify("Annaba Drâa Errich") == "annaba-draa-errich"
    assert slugify("Straße") == "strasse"
    assert slugify("Київ").startswith("u")


def test_an_entity_named_twice_has_one_mention_at_its_first_occurrence(extractor):
    quads = _built(extractor)
    refers = defaultdict(set)
    kinds, starts = {}, {}
    for q in quads:
        if q.predicate.value.endswith("#refersTo"):
            refers[q.subject.value].add(q.object.value)
        elif q.predicate.value.endswith("#kind"):
            kinds[q.subject.value] = q.object.value
        elif q.predicate.value.endswith("#start"):
            starts[q.subject.value] = int(q.object.value)
    entity_mentions = defaultdict(list)
    for m, targets in refers.items():
        if kinds[m] not in ("partnership", "population"):
            for t in targets:
                entity_mentions[(kinds[m], t)].append(starts[m])
    assert entity_mentions and all(len(found) == 1 for found in entity_mentions.values())
    article = next(read_path(FIXTURE / "koeln-yarinacocha.jsonl"))
    koeln = [m.start for m in extractor.extract(article).mentions if m.surface.startswith("Köln")]
    assert len(koeln) >= 2  # the text names Köln more than once; the graph keeps the first
    assert entity_mentions[("municipality", "https://w3id.org/partnergraph/id/municipality/de/koeln")] == [min(koeln)]
