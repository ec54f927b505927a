"""The SPARQL 1.1 Protocol of `partnergraph serve`, in-process (`App.get`): the three ways to send
a query, the result formats, content negotiation, the dataset parameters and errors.

The graph is the frozen `fixtures/server/sample.trig`; results are checked against pyoxigraph
evaluating the same query over the RDF merge of the same graphs, and parsed with pyoxigraph's
own results parsers, so a serialisation mistake cannot hide behind a matching writer."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from urllib.parse import quote, urlencode

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from partnergraph.namespaces import DEFAULT_BASE, VOCABULARY_GRAPH, sparql_prologue
from partnergraph.server.app import MAX_BODY, make_app, negotiate

from conftest import server_graph_dir

FIXTURE = Path(__file__).parent / "fixtures" / "server" / "sample.trig"
KOELN = DEFAULT_BASE + "municipality/de/koeln"
ARTICLE = DEFAULT_BASE + "article/c3bdeba1d8c23233"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    application = make_app(server_graph_dir(tmp_path_factory.mktemp("served")))
    yield application
    application.close()


@pytest.fixture(scope="module")
def reference() -> ox.Store:
    """The fixture's named graphs, plus their merge as the default graph."""
    store = ox.Store()
    store.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    store.extend([ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in store])
    return store


SELECT = "SELECT ?m ?label WHERE { ?m a pg:Municipality ; rdfs:label ?label } ORDER BY ?m ?label"


def expected_rows(reference: ox.Store, query: str) -> list[tuple]:
    result = reference.query(sparql_prologue() + query)
    names = [v.value for v in result.variables]
    return [tuple(sol[n] for n in names) for sol in result]


def get(app, query: str, **kw):
    return app.get("/sparql?" + urlencode({"query": query}), **kw)


@pytest.mark.parametrize(("accept", "fmt"), [
    ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
])
def test_select_gives_the_same_rows_in_json_xml_and_tsv(app, reference, accept, fmt):
    r = get(app, SELECT, accept=accept)
    assert r.status == 200 and r.content_type.startswith(accept)
    parsed = ox.parse_query_results(r.body, format=fmt)
    names = [v.value for v in parsed.variables]
    rows = [tuple(sol[n] for n in names) for sol in parsed]
    assert names == ["m", "label"]
    assert rows == expected_rows(reference, SELECT)
    assert len(rows) > 5


def test_select_as_csv_has_a_header_and_the_plain_values(app, reference):
    r = get(app, SELECT, accept="text/csv")
    assert r.status == 200 and r.content_type.startswith("text/csv")
    assert b"\r\n" in r.body  # RFC 4180 line ends, as the SPARQL CSV format asks
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0] == ["m", "label"]
    assert rows[1:] == [[t.value for t in row] for row in expected_rows(reference, SELECT)]


def test_csv_quotes_values_with_commas_and_quotes(app):
    r = get(app, 'SELECT ?x WHERE { BIND("a, \\"b\\"" AS ?x) }', accept="text/csv")
    assert r.text == 'x\r\n"a, ""b"""\r\n'


def test_get_post_form_and_post_body_give_the_same_answer(app):
    by_get = get(app, SELECT)
    by_form = app.get("/sparql", method="POST", body=urlencode({"query": SELECT}).encode(),
                      content_type="application/x-www-form-urlencoded")
    by_body = app.get("/sparql", method="POST", body=SELECT.encode("utf-8"),
                      content_type="application/sparql-query; charset=utf-8")
    assert by_get.status == by_form.status == by_body.status == 200
    assert by_get.body == by_form.body == by_body.body


def test_unbound_variables_are_left_out_of_json_and_empty_in_tsv(app):
    q = 'SELECT ?a ?b WHERE { BIND("x" AS ?a) }'
    assert json.loads(get(app, q).body)["results"]["bindings"] == [{"a": {"type": "literal", "value": "x"}}]
    assert get(app, q, accept="text/tab-separated-values").text == '?a\t?b\n"x"\t\n'


@pytest.mark.parametrize(("accept", "fmt"), [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
    ("application/rdf+xml", "xml"),
])
def test_construct_is_isomorphic_to_the_store_result_in_every_rdf_format(app, reference, accept, fmt):
    q = f"CONSTRUCT {{ <{KOELN}> ?p ?o }} WHERE {{ <{KOELN}> ?p ?o }}"
    r = get(app, q, accept=accept)
    assert r.status == 200 and r.content_type.startswith(accept)
    served = rdflib.Graph().parse(data=r.body, format=fmt)
    expected = rdflib.Graph().parse(
        data=ox.serialize(list(reference.query(sparql_prologue() + q)), format=ox.RdfFormat.N_TRIPLES), format="nt")
    assert len(served) > 5
    assert isomorphic(served, expected)


def test_describe_answers_in_turtle_by_default(app):
    r = get(app, f"DESCRIBE <{KOELN}>", accept="*/*")
    assert r.status == 200 and r.content_type.startswith("text/turtle")
    g = rdflib.Graph().parse(data=r.body, format="turtle")
    assert (rdflib.URIRef(KOELN), rdflib.RDFS.label, rdflib.Literal("Köln", lang="de")) in g


@pytest.mark.parametrize(("accept", "body"), [
    ("application/sparql-results+json", b'{"head": {}, "boolean": true}'),
    ("application/sparql-results+xml", b"<boolean>true</boolean>"),
])
def test_ask_answers_a_boolean(app, accept, body):
    r = get(app, f"ASK {{ <{KOELN}> pg:partnerOf ?x }}", accept=accept)
    assert r.status == 200
    assert body in r.body
    fmt = ox.QueryResultsFormat.JSON if "json" in accept else ox.QueryResultsFormat.XML
    assert bool(ox.parse_query_results(r.body, format=fmt)) is True


def test_standard_prefixes_are_declared_and_own_prefixes_still_work(app):
    r = get(app, "PREFIX ex: <https://w3id.org/partnergraph/ontology#> SELECT (COUNT(*) AS ?n) "
                 "WHERE { ?m a ex:Municipality . ?m a pg:Municipality }")
    assert r.status == 200
    assert int(json.loads(r.body)["results"]["bindings"][0]["n"]["value"]) > 5


def test_the_default_graph_is_the_merge_so_a_triple_in_several_graphs_counts_once(app, reference):
    # Köln's label is stated in three article graphs of the fixture
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ <{KOELN}> rdfs:label ?l }}"
    graphs = {q.graph_name for q in reference.quads_for_pattern(ox.NamedNode(KOELN), ox.NamedNode(
        "http://www.w3.org/2000/01/rdf-schema#label"), None, None) if q.graph_name != ox.DefaultGraph()}
    assert len(graphs) >= 2
    assert json.loads(get(app, q).body)["results"]["bindings"][0]["n"]["value"] == "1"


def test_default_graph_uri_restricts_the_default_graph(app, reference):
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    r = app.get("/sparql?" + urlencode({"query": q, "default-graph-uri": ARTICLE}))
    expected = len(list(reference.quads_for_pattern(None, None, None, ox.NamedNode(ARTICLE))))
    assert r.status == 200
    assert int(json.loads(r.body)["results"]["bindings"][0]["n"]["value"]) == expected


def test_named_graph_uri_limits_what_graph_sees(app):
    q = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    r = app.get("/sparql?" + urlencode([("query", q), ("named-graph-uri", ARTICLE), ("named-graph-uri", VOCABULARY_GRAPH)]))
    assert r.status == 200
    assert sorted(b["g"]["value"] for b in json.loads(r.body)["results"]["bindings"]) == sorted([ARTICLE, VOCABULARY_GRAPH])


def test_protocol_dataset_replaces_the_query_from_clause(app):
    q = f"SELECT (COUNT(*) AS ?n) FROM <{VOCABULARY_GRAPH}> WHERE {{ <{KOELN}> ?p ?o }}"
    assert json.loads(get(app, q).body)["results"]["bindings"][0]["n"]["value"] == "0"
    r = app.get("/sparql?" + urlencode({"query": q, "default-graph-uri": ARTICLE}))
    assert int(json.loads(r.body)["results"]["bindings"][0]["n"]["value"]) > 0


def test_malformed_query_gets_400_with_the_parser_message_and_the_users_line_number(app):
    r = get(app, "SELECT ?s\nWHERE { ?s ?p ?o \nFILTER( }")
    assert r.status == 400
    assert r.content_type.startswith("text/plain")
    # the guard parses first: the user's third line, not the prologue's
    assert r.text.startswith("query: syntax error at line 3, column ")
    assert "\n" not in r.text.strip()


def test_two_query_parameters_are_refused(app):
    r = app.get("/sparql?" + urlencode([("query", SELECT), ("query", SELECT)]))
    assert r.status == 400


def test_accept_that_no_format_satisfies_gets_406(app):
    r = get(app, SELECT, accept="image/png")
    assert r.status == 406
    assert "application/sparql-results+json" in r.text


def test_format_parameter_overrides_the_accept_header(app):
    r = app.get("/sparql?" + urlencode({"query": SELECT, "format": "csv"}), accept="application/sparql-results+json")
    assert r.content_type.startswith("text/csv")


def test_browser_accept_header_gets_json_results(app):
    r = get(app, SELECT, accept="text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
    # application/xml (q=0.9) beats */* (0.8): a browser asked for XML more than for anything else
    assert r.content_type.startswith("application/sparql-results+xml")


def test_sparql_without_a_query_describes_the_service(app):
    r = app.get("/sparql", accept="text/turtle")
    assert r.status == 200
    g = rdflib.Graph().parse(data=r.body, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert (None, sd.supportedLanguage, sd.SPARQL11Query) in g
    assert app.get("/sparql", accept="text/html").status == 303


def test_post_with_another_content_type_gets_415(app):
    r = app.get("/sparql", method="POST", body=SELECT.encode(), content_type="text/plain")
    assert r.status == 415


def test_request_body_over_the_limit_gets_413(app):
    r = app.get("/sparql", method="POST", body=b"#" * (MAX_BODY + 1), content_type="application/sparql-query")
    assert r.status == 413


def test_unknown_paths_get_404_and_writes_elsewhere_get_405(app):
    assert app.get("/nothing-here").status == 404
    assert app.get("/id/municipality/de/koeln", method="PUT", body=b"x").status == 405


def test_head_is_answered_like_get_without_a_body(app):
    environ_calls = []

    def start_response(status, headers):
        environ_calls.append((status, dict(headers)))

    from wsgiref.util import setup_testing_defaults

    environ: dict = {}
    setup_testing_defaults(environ)
    environ.update({"REQUEST_METHOD": "HEAD", "PATH_INFO": "/sparql", "QUERY_STRING": "query=" + quote(SELECT)})
    body = b"".join(app(environ, start_response))
    status, headers = environ_calls[0]
    assert status == "200 OK" and body == b"" and int(headers["Content-Length"]) > 0


@pytest.mark.parametrize(("accept", "offers", "chosen"), [
    (None, ["a/b", "c/d"], "a/b"),
    ("c/d", ["a/b", "c/d"], "c/d"),
    ("*/*", ["a/b", "c/d"], "a/b"),
    ("c/*;q=0.5, a/b;q=0.4", ["a/b", "c/d"], "c/d"),
    ("a/b;q=0, */*", ["a/b", "c/d"], "c/d"),
    ("text/html", ["a/b"], None),
    ("a/b;q=nonsense, c/d;q=0.1", ["a/b", "c/d"], "c/d"),
])
def test_negotiation_follows_q_values_and_specificity(accept, offers, chosen):
    assert negotiate(accept, offers) == chosen
