"""Network analytics: centralities, components, communities, bridges; the analytics graph,
stats.json and `partnergraph stats`."""

from __future__ import annotations

import json
import random

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from partnergraph import cli

from partnergraph.graph import analytics
from partnergraph.graph.analytics import analytics_quads, analyse, network_stats, partnership_network
from partnergraph.pipeline.build import BuildOptions, build
from partnergraph.pipeline.staging import open_existing
from partnergraph.graph.iri import Minter
from partnergraph.namespaces import ANALYTICS_GRAPH, DEFAULT_BASE, sparql_prologue
from partnergraph.store.embedded import EmbeddedStore

ID = DEFAULT_BASE


def store_with(*partnerships: tuple[str, ...]) -> EmbeddedStore:
    """A store holding the given partnerships; partners are written "cc/slug"."""
    lines = []
    towns = sorted({x for p in partnerships for x in p})
    for i, partners in enumerate(partnerships):
        lines.append(f"<{ID}partnership/p{i}> a pg:Partnership .")
        lines += [f"<{ID}partnership/p{i}> pg:partner <{ID}municipality/{x}> ." for x in partners]
    for x in towns:
        cc, slug = x.split("/")
        lines.append(f'<{ID}municipality/{x}> a pg:Municipality ; rdfs:label "{slug.capitalize()}"@de ; '
                     f"pg:country <{ID}country/{cc}> .")
        lines.append(f'<{ID}country/{cc}> a pg:Country ; pg:countryCode "{cc.upper()}" .')
    text = sparql_prologue().replace("PREFIX", "@prefix").replace(">\n", "> .\n")
    text += f"<{ID}article/fixture> {{\n" + "\n".join(lines) + "\n}\n"
    s = EmbeddedStore(None)
    quads = list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TRIG))
    s.replace_graph(f"{ID}article/fixture", quads)
    return s


def metrics(store):
    g, count = partnership_network(store, base=DEFAULT_BASE)
    return analyse(g, count)


STAR_AND_PAIR = (("de/bonn", "pe/lima"), ("de/bonn", "ua/odesa"), ("de/bonn", "gb/oxford"), ("de/jena", "fr/lyon"))


def test_degree_and_betweenness_of_a_star_and_a_pair():
    a = metrics(store_with(*STAR_AND_PAIR))
    bonn, lima = a.nodes[ID + "municipality/de/bonn"], a.nodes[ID + "municipality/pe/lima"]
    # six nodes: Bonn touches 3 of the other 5; it lies on the paths of the 3 leaf pairs of 10 pairs
    assert (bonn.degree, bonn.degree_centrality, bonn.betweenness) == (3, 0.6, 0.3)
    assert (lima.degree, lima.degree_centrality, lima.betweenness) == (1, 0.2, 0.0)
    assert a.partnerships == 4


def test_components_and_communities_are_numbered_largest_first():
    two_triangles = (("de/a", "fr/b"), ("fr/b", "pl/c"), ("pl/c", "de/a"),
                     ("de/x", "ua/y"), ("ua/y", "ua/z"), ("ua/z", "de/x"), ("pl/c", "de/x"), ("de/q", "pe/r"))
    a = metrics(store_with(*two_triangles))
    assert [len(c) for c in a.components] == [6, 2]
    assert a.nodes[ID + "municipality/de/q"].component == 2
    # community detection (Leiden) splits the bridged triangles; the group holding the smaller IRI is number 1
    assert sorted(map(sorted, a.communities)) == sorted(map(sorted, [
        [ID + "municipality/de/a", ID + "municipality/fr/b", ID + "municipality/pl/c"],
        [ID + "municipality/de/x", ID + "municipality/ua/y", ID + "municipality/ua/z"],
        [ID + "municipality/de/q", ID + "municipality/pe/r"]]))
    assert a.nodes[ID + "municipality/de/a"].community == 1
    assert a.nodes[ID + "municipality/de/q"].community == 3
    assert a.modularity > 0.3


def test_bridge_municipalities_link_partners_in_two_countries():
    a = metrics(store_with(*STAR_AND_PAIR, ("de/hannover", "mw/blantyre"), ("de/hannover", "mw/zomba")))
    bridges = analytics.bridge_municipalities(a)
    assert [(b["label"], b["partner_countries"]) for b in bridges] == [("Bonn", ["GB", "PE", "UA"])]


def test_bridge_partnerships_are_the_only_link_between_two_groups():
    a = metrics(store_with(("de/bonn", "pl/opole"), ("de/bonn", "gh/capecoast"), ("pl/opole", "de/potsdam"),
                           ("de/jena", "de/erfurt"), ("de/erfurt", "de/weimar")))
    assert analytics.bridge_partnerships(a) == [{
        "partners": ["Bonn", "Opole"], "iris": [ID + "municipality/de/bonn", ID + "municipality/pl/opole"],
        "countries": ["DE", "PL"], "sides": [2, 2], "partnerships": [ID + "partnership/p0"]}]
    assert analytics.country_links(a)[0] == {"countries": ["DE", "PL"], "partnerships": 2}


def test_analytics_quads_are_typed_rounded_and_in_the_analytics_graph():
    quads = analytics_quads(store_with(("de/a", "fr/b"), ("de/a", "pl/c")), Minter())
    assert {q.graph_name.value for q in quads} == {ANALYTICS_GRAPH}
    got = rdflib.Graph().parse(data=ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES),
                               format="nt")
    expected = rdflib.Graph().parse(format="turtle", data=f"""
        @prefix pg: <https://w3id.org/partnergraph/ontology#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <{ID}municipality/de/a> pg:degreeCentrality "1.0"^^xsd:double ; pg:betweennessCentrality "1.0"^^xsd:double ;
            pg:component 1 ; pg:community 1 .
        <{ID}municipality/fr/b> pg:degreeCentrality "0.5"^^xsd:double ; pg:betweennessCentrality "0.0"^^xsd:double ;
            pg:component 1 ; pg:community 1 .
        <{ID}municipality/pl/c> pg:degreeCentrality "0.5"^^xsd:double ; pg:betweennessCentrality "0.0"^^xsd:double ;
            pg:component 1 ; pg:community 1 .""")
    assert isomorphic(got, expected)


def random_network(n: int, seed: int) -> EmbeddedStore:
    rng = random.Random(seed)
    towns = [f"{rng.choice(['de', 'de', 'ua', 'fr', 'pe'])}/t{i}" for i in range(n)]
    pairs = {tuple(sorted(rng.sample(towns, 2))) for _ in range(n)}
    return store_with(*sorted(pairs))


def test_same_network_gives_the_same_stats_and_quads():
    s = random_network(300, 1)
    assert analytics.stats_json(network_stats(s, base=ID)) == analytics.stats_json(network_stats(s, base=ID))
    assert analytics_quads(s, Minter()) == analytics_quads(s, Minter())


def test_large_networks_estimate_betweenness_from_a_seeded_sample(monkeypatch):
    s = random_network(120, 2)
    monkeypatch.setattr(analytics, "BETWEENNESS_EXACT_MAX_WORK", 50)
    monkeypatch.setattr(analytics, "BETWEENNESS_SAMPLE", 30)
    first, second = network_stats(s, base=ID), network_stats(s, base=ID)
    assert first["network"]["betweenness"] == "estimated from 30 sampled sources"
    assert first == second


def test_empty_store_has_empty_stats():
    stats = network_stats(EmbeddedStore(None), base=ID)
    assert stats["network"]["nodes"] == 0 and stats["nodes"] == [] and stats["bridges"]["municipalities"] == []
    assert "0 partners" in analytics.format_stats(stats)


# -- build and command line -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("analytics")
    corpus = root / "articles.jsonl"
    texts = [
        ("https://example.org/1", "Köln und Yarinacocha", "Köln und Yarinacocha pflegen seit 2017 eine Klimapartnerschaft."),
        ("https://example.org/2", "Leipzig und Kiew", "Leipzig und Kiew sind seit 1961 durch eine Städtepartnerschaft verbunden."),
        ("https://example.org/3", "Köln und Corinto", "Köln pflegt eine Städtepartnerschaft mit Corinto in Nicaragua."),
    ]
    corpus.write_text("".join(json.dumps({"url": u, "title": t, "date": "2024-01-02", "text": x}, ensure_ascii=False) + "\n"
                              for u, t, x in texts), encoding="utf-8")
    out = root / "out"
    build([str(corpus)], BuildOptions(out_dir=out, jobs=1, viz=False))
    return out


def test_build_writes_stats_json_and_the_analytics_graph(built):
    store = open_existing(built)
    stats = json.loads((built / "stats.json").read_text(encoding="utf-8"))
    assert stats == network_stats(store, base=ID)
    assert stats["network"]["partnerships"] >= 2
    q = sparql_prologue() + """SELECT ?m ?d WHERE { GRAPH <%s> { ?m pg:degreeCentrality ?d } } ORDER BY DESC(?d) ?m""" % ANALYTICS_GRAPH
    ranked = [(s["m"].value, float(s["d"].value)) for s in store.query(q)]
    assert len(ranked) == stats["network"]["nodes"]
    assert [d for _, d in ranked] == [n["degree_centrality"] for n in stats["nodes"]]
    assert ranked[0][0] == ID + "municipality/de/koeln"  # two partners
    report = json.loads((built / "build-report.json").read_text(encoding="utf-8"))
    assert not [v for v in report["validation"]["violations"]
                if any(p in v["path"] for p in ("Centrality", "component", "community"))]


def test_stats_command_prints_tables_and_json(built, capsys):
    assert cli.main(["stats", "-d", str(built), "--top", "2"]) == 0
    table = capsys.readouterr().out
    assert table.startswith("partnership network: ") and "top 2 by degree centrality" in table
    assert "Köln" in table
    assert cli.main(["stats", "-d", str(built), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads((built / "stats.json").read_text(encoding="utf-8"))


def test_stats_command_without_a_graph_fails_with_one_line(tmp_path, capsys):
    assert cli.main(["stats", "-d", str(tmp_path / "nothing")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("partnergraph: error:") and "nothing" in err[0]
