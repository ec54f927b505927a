"""The Python API as a user calls it: partnergraph.build, partnergraph.open and what the opened
graph answers (issue 11.1). The sample corpus is built once per session (conftest.sample_build)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from wsgiref.util import setup_testing_defaults

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

import partnergraph
from partnergraph.resources import sample_dir


@pytest.fixture
def graph(sample_build):
    out, _ = sample_build
    with partnergraph.open(out) as g:
        yield g


def _two_articles(tmp_path):
    lines = (sample_dir() / "articles.jsonl").read_text(encoding="utf-8").splitlines()[:2]
    corpus = tmp_path / "two.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return corpus


def test_a_built_directory_opens_with_its_path_base_and_article_count(graph, sample_build):
    out, report = sample_build
    assert graph.path == out
    assert graph.base == "https://w3id.org/partnergraph/id/"
    assert graph.articles == report.articles_total == 49
    assert len(graph) >= report.quads > 0
    assert str(out) in repr(graph)


def test_build_then_open_gives_the_graph_of_the_given_sources(tmp_path):
    out = tmp_path / "g"
    lines = []
    report = partnergraph.build([_two_articles(tmp_path)], out, validate=False, network=False, jobs=1,
                                progress=lines.append)
    assert (report.articles_read, report.articles_extracted) == (2, 2)
    assert report.summary().startswith("2 articles (2 extracted, 0 unchanged, 0 inputs skipped)")
    assert lines and not (out / "graph.html").exists()
    with partnergraph.open(out) as g:
        assert g.articles == 2


def test_a_select_query_returns_rows_of_terms(graph):
    rows = graph.query('SELECT ?m ?name WHERE { ?m a pg:Municipality ; rdfs:label ?name '
                       'FILTER(LANG(?name) = "de") } ORDER BY ?name LIMIT 5')
    assert len(rows) == 5
    assert all(isinstance(r["m"], ox.NamedNode) and isinstance(r["name"], ox.Literal) for r in rows)
    names = [r["name"].value for r in rows]
    assert names == sorted(names)


def test_ask_gives_a_bool_and_construct_gives_triples(graph):
    assert graph.query("ASK { ?p a pg:Partnership }") is True
    assert graph.query("ASK { ?p a pg:NoSuchClass }") is False
    triples = graph.query("CONSTRUCT { ?p a pg:Partnership } WHERE { ?p a pg:Partnership }")
    assert triples and all(isinstance(t, ox.Triple) for t in triples)


def test_unbound_variables_are_absent_from_a_row(graph):
    [row] = graph.query("SELECT ?a ?b WHERE { BIND(1 AS ?a) }")
    assert set(row) == {"a"} and row["a"].value == "1"


def test_a_bundled_query_by_name_and_a_formatted_answer(graph):
    rows = graph.query("ukraine-water")
    assert rows
    text = graph.query("ukraine-water", format="csv")
    assert len(text.splitlines()) == len(rows) + 1


def test_a_query_goes_through_the_same_guard_as_the_command_line(graph):
    with pytest.raises(partnergraph.ForbiddenQuery):
        graph.query('INSERT DATA { <urn:a> <urn:b> "c" }')
    with pytest.raises(partnergraph.ForbiddenQuery):
        graph.query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    with pytest.raises(partnergraph.QueryError, match="line 1"):
        graph.query("SELECT ?x WHERE { ?x a }")


def test_export_round_trips_the_graph(graph, sample_build, tmp_path):
    out, _ = sample_build
    built = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    turtle = graph.export("turtle")
    assert turtle == (out / "graph.ttl").read_bytes()  # the build's dump, as it is
    graph.export("jsonld", tmp_path / "graph.jsonld")  # a dataset: one named graph per article
    dataset = rdflib.Dataset().parse(tmp_path / "graph.jsonld", format="json-ld")
    merged = rdflib.Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        merged.add((s, p, o))
    assert isomorphic(merged, built)
    trig = rdflib.Dataset().parse(data=graph.export("trig").decode("utf-8"), format="trig")
    named = [{c.identifier: c for c in d.graphs() if len(c)} for d in (dataset, trig)]
    assert named[0].keys() == named[1].keys() and len(named[0]) > 49
    assert all(isomorphic(named[0][name], named[1][name]) for name in named[0])
    buf = io.BytesIO()
    graph.export("ntriples", buf)
    assert isomorphic(rdflib.Graph().parse(data=buf.getvalue().decode("utf-8"), format="nt"), built)


def test_network_writes_the_page_where_asked(graph, tmp_path):
    path = graph.network(tmp_path / "koeln.html", focus="Köln")
    assert path == tmp_path / "koeln.html"
    assert path.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


def test_stats_are_those_the_build_wrote(graph, sample_build):
    out, _ = sample_build
    assert graph.stats() == json.loads((out / "stats.json").read_text(encoding="utf-8"))


def test_validate_checks_the_shapes(graph):
    result = graph.validate()
    assert result.conforms and result.violation_count == 0 and result.triples > 0
    assert graph.validate(max_triples=10).skipped


def test_the_app_answers_a_wsgi_request(graph):
    app = graph.app(workers=1)
    try:
        environ = {"PATH_INFO": "/sparql", "QUERY_STRING": "query=ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D",
                   "HTTP_ACCEPT": "application/sparql-results+json"}
        setup_testing_defaults(environ)
        started = []
        body = b"".join(app(environ, lambda status, headers, exc_info=None: started.append(status)))
        assert started[0].startswith("200")
        assert json.loads(body)["boolean"] is True
    finally:
        app.close()


def test_open_on_a_folder_without_a_graph_says_so_in_one_line(tmp_path):
    with pytest.raises(partnergraph.NotAGraphDirectory) as caught:
        partnergraph.open(tmp_path)
    message = str(caught.value)
    assert "\n" not in message and str(tmp_path) in message and "partnergraph build" in message
    assert isinstance(caught.value, partnergraph.StoreError)
    with pytest.raises(partnergraph.NotAGraphDirectory):
        partnergraph.open(tmp_path / "missing")


def test_the_public_names_are_documented_and_import_nothing_heavy():
    for obj in (partnergraph.build, partnergraph.open, partnergraph.Graph, partnergraph.GraphDir):
        assert obj.__doc__ and len(obj.__doc__.split()) > 8
    public = [m for m in vars(partnergraph.Graph) if not m.startswith("_")]
    assert {"query", "export", "network", "stats", "validate", "app"} <= set(public)
    assert all(getattr(partnergraph.Graph, m).__doc__ for m in public)
    loaded = subprocess.run([sys.executable, "-c", "import sys, partnergraph; partnergraph.open; "
                             "print('\\n'.join(sys.modules))"], capture_output=True, text=True, check=True)
    assert "partnergraph.pipeline.build" not in loaded.stdout.split()


def test_evaluate_scores_the_extractor_on_the_sample_against_its_gold(tmp_path):
    from conftest import GOLD

    result = partnergraph.evaluate(GOLD, directory=tmp_path)
    assert result.articles == 49 and not result.missing
    assert result.scores["municipalities"].f1 > 0.9
    assert not (tmp_path / "state.json").exists()  # nothing was built
