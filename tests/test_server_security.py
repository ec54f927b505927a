"""Hostile requests to `partnergraph serve`: updates, federation, foreign datasets, huge and slow
queries, markup in the data and IRIs built to break out of a query. Every one is refused with a
clear message, and none reaches the network: a listener on 127.0.0.1 records any request that a
refused query would have made."""

from __future__ import annotations

import http.server
import json
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import pyoxigraph as ox
import pytest

from partnergraph.errors import ForbiddenQuery
from partnergraph.namespaces import DEFAULT_BASE
from partnergraph.query.runner import check_read_only
from partnergraph.server.app import make_app

from conftest import server_graph_dir

FIXTURE = Path(__file__).parent / "fixtures" / "server" / "sample.trig"
KOELN = DEFAULT_BASE + "municipality/de/koeln"
ARTICLE = DEFAULT_BASE + "article/c3bdeba1d8c23233"


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory):
    return server_graph_dir(tmp_path_factory.mktemp("served"))


@pytest.fixture(scope="module")
def app(graph_dir):
    application = make_app(graph_dir)
    yield application
    application.close()


@pytest.fixture(scope="module")
def listener():
    """An HTTP server on 127.0.0.1 that records every request: a refused query must make none."""
    hits: list[str] = []

    class Record(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the handler's API
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            self.wfile.write(b'{"head":{"vars":[]},"results":{"bindings":[{}]}}')

        do_POST = do_GET

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Record)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/", hits
    server.shutdown()
    server.server_close()


def hostile_queries(url: str) -> dict[str, tuple[str, str]]:
    """name → (query, words the refusal must contain)"""
    return {
        "insert data": ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "Update"),
        "delete where": ("DELETE WHERE { ?s ?p ?o }", "Update"),
        "load": (f"LOAD <{url}data.ttl>", "Update"),
        "load into graph after a prefix": (f"PREFIX x: <urn:x#> LOAD <{url}d.ttl> INTO GRAPH <urn:g>", "Update"),
        "service": (f"SELECT * WHERE {{ SERVICE <{url}sparql> {{ ?s ?p ?o }} }}", "SERVICE"),
        "service silent": (f"SELECT * WHERE {{ ?s ?p ?o SERVICE SILENT <{url}s> {{ ?s ?p ?o }} }} LIMIT 1", "SERVICE"),
        "service in lower case": (f"select * where {{ service <{url}s> {{ ?s ?p ?o }} }}", "SERVICE"),
        "service after an IRI with #": (f"SELECT * WHERE {{ <http://x.org/a#b> ?p ?o . SERVICE <{url}s> {{ ?s ?p ?o }} }}",
                                         "SERVICE"),
        "service spelt with an escape": (f"SELECT * WHERE {{ \\u0053ERVICE <{url}s> {{ ?s ?p ?o }} }}", "SERVICE"),
        "service iri spelt with escapes": (f"SELECT * WHERE {{ SERVICE <\\u0068ttp{url[4:]}e> {{ ?s ?p ?o }} }}", "SERVICE"),
        "from remote": (f"SELECT * FROM <{url}g.ttl> WHERE {{ ?s ?p ?o }}", "FROM"),
        "from named remote": (f"SELECT * FROM NAMED <{url}g.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", "FROM"),
        "from file": ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "file:"),
        "from file via base": ("BASE <file:///etc/> SELECT * FROM <passwd> WHERE { ?s ?p ?o }", "file:"),
        "from file spelt with escapes": ("SELECT * FROM <\\u0066ile:///etc/passwd> WHERE { ?s ?p ?o }", "file:"),
        "from a prefixed remote name": (f"PREFIX r: <{url}> SELECT * FROM r:g WHERE {{ ?s ?p ?o }}", "FROM"),
    }


HOSTILE = sorted(hostile_queries("http://127.0.0.1:9/"))


@pytest.mark.parametrize("name", HOSTILE)
@pytest.mark.parametrize("how", ["get", "post-form", "post-body"])
def test_hostile_query_is_refused_with_400_and_reaches_nobody(app, listener, name, how):
    url, hits = listener
    query, words = hostile_queries(url)[name]
    if how == "get":
        r = app.get("/sparql?" + urlencode({"query": query}))
    elif how == "post-form":
        r = app.get("/sparql", method="POST", body=urlencode({"query": query}).encode(),
                    content_type="application/x-www-form-urlencoded")
    else:
        r = app.get("/sparql", method="POST", body=query.encode(), content_type="application/sparql-query")
    assert r.status == 400, r.text
    assert words in r.text
    assert r.text.count("\n") == 1  # one line
    assert hits == []


def test_update_operations_are_refused_on_every_route(app):
    form = app.get("/sparql", method="POST", body=urlencode({"update": "CLEAR ALL"}).encode(),
                   content_type="application/x-www-form-urlencoded")
    body = app.get("/sparql", method="POST", body=b"CLEAR ALL", content_type="application/sparql-update")
    assert form.status == body.status == 400
    assert "read-only" in form.text and "read-only" in body.text


@pytest.mark.parametrize("param", ["default-graph-uri", "named-graph-uri"])
@pytest.mark.parametrize("iri", ["http://127.0.0.1:9/g", "file:///etc/passwd"])
def test_protocol_dataset_with_foreign_graphs_is_refused(app, param, iri):
    r = app.get("/sparql?" + urlencode({"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1", param: iri}))
    assert r.status == 400
    assert iri in r.text


def test_refused_queries_never_leave_the_store_writable(app):
    assert app.get("/sparql?" + urlencode({"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"})).status == 400
    r = app.get("/sparql?" + urlencode({"query": "ASK { <urn:a> <urn:b> <urn:c> }"}))
    assert json.loads(r.body)["boolean"] is False


@pytest.mark.parametrize("query", [
    'SELECT ?service WHERE { ?service rdfs:label "SERVICE <http://x/> { }" }',
    "SELECT ?s WHERE { ?s pg:country ?load } # SERVICE, INSERT and LOAD in a comment",
    "PREFIX service: <https://w3id.org/partnergraph/ontology#> SELECT ?s WHERE { ?s a service:Municipality }",
    'SELECT ?s WHERE { ?s rdfs:label """a long "string" with DELETE and SERVICE""" }',
    "SELECT ?s WHERE { ?s <http://example.org/vocab#insert> ?o }",
    f"SELECT ?s FROM <{ARTICLE}> WHERE {{ ?s ?p ?o }}",
])
def test_lookalikes_of_hostile_queries_are_answered(app, query):
    r = app.get("/sparql?" + urlencode({"query": query}))
    assert r.status == 200, r.text


def test_the_guard_returns_the_dataset_a_query_names():
    ds = check_read_only(f"SELECT * FROM <{ARTICLE}> FROM NAMED <{KOELN}> WHERE {{ ?s ?p ?o }}")
    assert ds.default == (ARTICLE,) and ds.named == (KOELN,)
    with pytest.raises(ForbiddenQuery):
        check_read_only(f"SELECT * FROM <{ARTICLE}> WHERE {{ ?s ?p ?o }}", is_local=lambda iri: False)


def test_result_over_the_cap_is_refused_with_advice(graph_dir):
    capped = make_app(graph_dir, max_results=50)
    try:
        select = capped.get("/sparql?" + urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"}))
        construct = capped.get("/sparql?" + urlencode({"query": "CONSTRUCT WHERE { ?s ?p ?o }"}))
        small = capped.get("/sparql?" + urlencode({"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 50"}))
    finally:
        capped.close()
    assert select.status == construct.status == 400
    assert "more than 50 rows" in select.text and "LIMIT" in select.text
    assert "more than 50 triples" in construct.text
    assert small.status == 200


@pytest.mark.alone  # a bound of 3 s on a timeout of 0.5 s
def test_slow_query_times_out_and_frees_its_worker(graph_dir):
    # a cross product of all triples: ~10^7 solutions, read lazily, far beyond 0.5 s
    slow = make_app(graph_dir, timeout=0.5, workers=1, max_results=10**9)
    try:
        started = time.monotonic()
        r = slow.get("/sparql?" + urlencode({"query": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"}))
        elapsed = time.monotonic() - started
        # the only worker must have stopped reading, or this query would wait behind it and time out
        after = slow.get("/sparql?" + urlencode({"query": f"ASK {{ <{KOELN}> ?p ?o }}"}))
    finally:
        slow.close()
    assert r.status == 503
    assert "0.5 s" in r.text
    assert elapsed < 3
    assert after.status == 200


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory):
    n = ox.NamedNode
    g = n(ARTICLE)
    mention = n(DEFAULT_BASE + "mention/c3bdeba1d8c23233/0-4-municipality")
    extra = [
        ox.Quad(n(KOELN), n("http://www.w3.org/2000/01/rdf-schema#label"),
                ox.Literal("<script>alert('label')</script>", language="de"), g),
        ox.Quad(n(KOELN), n("http://www.w3.org/2002/07/owl#sameAs"), n("javascript:alert(1)"), g),
        ox.Quad(n(KOELN), n("https://schema.org/url"), n("https://example.org/a'onmouseover='alert(1)"), g),
        ox.Quad(mention, n("https://w3id.org/partnergraph/ontology#quote"),
                ox.Literal('Köln <img src=x onerror="alert(2)"> & Yarinacocha'), g),
    ]
    application = make_app(server_graph_dir(tmp_path_factory.mktemp("hostile"), extra))
    yield application
    application.close()


def test_resource_page_escapes_every_string_and_links_only_web_iris(hostile_app):
    r = hostile_app.get("/id/municipality/de/koeln", accept="text/html")
    assert r.status == 200
    page = r.text
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&#x27;label&#x27;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in page
    assert 'href="javascript:' not in page
    assert "'onmouseover='" not in page and "&#x27;onmouseover=&#x27;" in page
    assert "script-src" not in r.headers["Content-Security-Policy"]  # no script may run on a data page


@pytest.mark.parametrize("path", [
    "/id/x> } ; INSERT DATA { <urn:a> <urn:b> <urn:c> } #",
    "/id/" + quote("x> ?p ?o } UNION { ?s ?p ?o", safe=""),
    "/id/a b",
    "/id/",
])
def test_resource_paths_that_are_no_iri_get_404(app, path):
    r = app.get(path, accept="text/turtle")
    assert r.status == 404
