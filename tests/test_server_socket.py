"""`partnergraph serve` over a real socket on 127.0.0.1, with real clients: SPARQLWrapper and
`requests` against a server thread, and the `partnergraph serve` command itself."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
import requests
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from partnergraph import cli
from partnergraph.namespaces import DEFAULT_BASE
from partnergraph.query.runner import bundled_queries
from partnergraph.server.app import make_app
from conftest import SERVER_FIXTURE, served, server_graph_dir

FIXTURE = SERVER_FIXTURE
KOELN = DEFAULT_BASE + "municipality/de/koeln"
PREFIXES = "PREFIX pg: <https://w3id.org/partnergraph/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
#: seconds a request may take here: the slowest bundled query answers in ~0.2 s on the sample
REQUEST_TIMEOUT = 30


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory) -> Path:
    return server_graph_dir(tmp_path_factory.mktemp("served"))


@pytest.fixture(scope="module")
def url(graph_dir):
    with served(make_app(graph_dir)) as root:
        yield root


def wrapper(url: str, query: str, fmt) -> SPARQLWrapper:
    sparql = SPARQLWrapper(url + "sparql")
    sparql.setQuery(PREFIXES + query)
    sparql.setReturnFormat(fmt)
    sparql.setTimeout(REQUEST_TIMEOUT)
    return sparql


def test_sparqlwrapper_select_as_json(url):
    result = wrapper(url, f"SELECT ?p WHERE {{ <{KOELN}> pg:partnerOf ?p }} ORDER BY ?p", JSON).queryAndConvert()
    partners = [b["p"]["value"] for b in result["results"]["bindings"]]
    assert DEFAULT_BASE + "municipality/pe/yarinacocha" in partners


def test_sparqlwrapper_select_as_xml_by_post(url):
    sparql = wrapper(url, f"SELECT ?l WHERE {{ <{KOELN}> rdfs:label ?l }}", XML)
    sparql.setMethod(POST)
    doc = sparql.queryAndConvert()  # an xml.dom.minidom document
    literals = [n.firstChild.data for n in doc.getElementsByTagName("literal")]
    assert literals == ["Köln"]


def test_sparqlwrapper_select_as_csv(url):
    text = wrapper(url, f"SELECT ?l WHERE {{ <{KOELN}> rdfs:label ?l }}", CSV).queryAndConvert()
    assert text.decode("utf-8") == "l\r\nKöln\r\n"


def test_sparqlwrapper_ask(url):
    assert wrapper(url, f"ASK {{ <{KOELN}> pg:partnerOf ?x }}", JSON).queryAndConvert()["boolean"] is True


def test_sparqlwrapper_construct_as_turtle(url):
    g = wrapper(url, f"CONSTRUCT {{ <{KOELN}> ?p ?o }} WHERE {{ <{KOELN}> ?p ?o }}", TURTLE).queryAndConvert()
    graph = rdflib.Graph().parse(data=g, format="turtle")
    assert (rdflib.URIRef(KOELN), rdflib.RDFS.label, rdflib.Literal("Köln", lang="de")) in graph


def test_sparqlwrapper_sees_a_malformed_query_as_bad_request(url):
    with pytest.raises(QueryBadFormed, match="error at"):
        wrapper(url, "SELECT ?x WHERE {", JSON).queryAndConvert()


def test_sparqlwrapper_sees_an_update_refused(url):
    sparql = wrapper(url, "INSERT DATA { <urn:a> <urn:b> <urn:c> }", JSON)
    sparql.setMethod(POST)  # SPARQLWrapper sends it as the form field 'update'
    with pytest.raises(QueryBadFormed, match="read-only"):
        sparql.queryAndConvert()


@pytest.mark.parametrize(("accept", "media"), [
    ("*/*", "text/turtle"),
    ("text/turtle", "text/turtle"),
    ("application/ld+json", "application/ld+json"),
    ("application/n-triples", "application/n-triples"),
    ("text/html,application/xhtml+xml,*/*;q=0.8", "text/html"),
])
def test_curl_style_content_negotiation_on_a_resource(url, accept, media):
    r = requests.get(url + "id/municipality/de/koeln", headers={"Accept": accept}, timeout=REQUEST_TIMEOUT)
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith(media)
    assert "Köln" in r.text


def test_head_and_404_over_http(url):
    head = requests.head(url + "id/municipality/de/koeln", timeout=REQUEST_TIMEOUT)
    assert head.status_code == 200 and head.content == b"" and int(head.headers["Content-Length"]) > 0
    missing = requests.get(url + "id/municipality/de/atlantis", timeout=REQUEST_TIMEOUT)
    assert missing.status_code == 404 and missing.headers["Content-Type"].startswith("text/plain")


def test_dump_downloads_as_a_gzip_file(url):
    r = requests.get(url + "dump.nq.gz", timeout=REQUEST_TIMEOUT)
    assert r.status_code == 200 and r.headers["Content-Type"] == "application/gzip"
    quads = list(ox.parse(gzip.decompress(r.content), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == len(list(ox.parse(path=str(FIXTURE), format=ox.RdfFormat.TRIG)))


def test_void_over_http_points_at_this_server(url):
    r = requests.get(url + ".well-known/void", timeout=REQUEST_TIMEOUT)
    g = rdflib.Graph().parse(data=r.text, format="turtle")
    assert (None, rdflib.URIRef("http://rdfs.org/ns/void#sparqlEndpoint"), rdflib.URIRef(url + "sparql")) in g


def test_concurrent_clients_all_get_answers(url):
    texts = [b.text for b in bundled_queries().values()]

    def ask(i: int) -> int:
        r = requests.post(url + "sparql", data={"query": texts[i % len(texts)]},
                          headers={"Accept": "application/sparql-results+json"}, timeout=REQUEST_TIMEOUT)
        return r.status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(ask, range(48)))
    assert statuses == [200] * 48


def test_serve_get_answers_one_request_without_a_socket(graph_dir, capsysbinary):
    assert cli.main(["serve", "-d", str(graph_dir), "--get", "/id/municipality/de/koeln", "--accept", "text/turtle"]) == 0
    out = capsysbinary.readouterr().out
    g = rdflib.Graph().parse(data=out, format="turtle")
    assert (rdflib.URIRef(KOELN), rdflib.RDFS.label, rdflib.Literal("Köln", lang="de")) in g


def test_serve_get_reports_an_error_status_in_one_line(graph_dir, capsys):
    assert cli.main(["serve", "-d", str(graph_dir), "--get", "/sparql?query=SELEC"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "400" in err and "error at" in err


def test_serve_on_a_missing_directory_fails_in_one_line(tmp_path, capsys):
    assert cli.main(["serve", "-d", str(tmp_path / "nothing"), "--get", "/"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("partnergraph: error: ") and err.count("\n") == 1


def test_the_serve_command_listens_and_answers(graph_dir):
    proc = subprocess.Popen([sys.executable, "-m", "partnergraph", "serve", "-d", str(graph_dir), "--port", "0"],
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = proc.stderr.readline()
        m = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
        assert m, line
        r = requests.get(m.group(1) + "sparql", params={"query": f"ASK {{ <{KOELN}> ?p ?o }}"},
                         headers={"Accept": "application/sparql-results+json"}, timeout=REQUEST_TIMEOUT)
        assert r.json() == {"head": {}, "boolean": True}
    finally:
        proc.terminate()
        proc.wait(timeout=REQUEST_TIMEOUT)
        proc.stderr.close()
