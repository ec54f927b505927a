"""`partnergraph publish OUTDIR`: the static linked-data site, served by a plain static file
server (Python's http.server in a child process, on 127.0.0.1), answers every IRI under the
base, with the same bytes `serve` gives."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from partnergraph.cli import main
from partnergraph.namespaces import DEFAULT_BASE
from partnergraph.server.app import make_app
from partnergraph.publish.site import resource_path
from test_remote_store import _free_port

STARTUP_TIMEOUT = 30


@pytest.fixture(scope="module")
def site(sample_build, tmp_path_factory):
    graph_dir, _ = sample_build
    out = tmp_path_factory.mktemp("site")
    assert main(["publish", "-d", str(graph_dir), str(out), "-q"]) == 0
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                             "--directory", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while True:
        try:
            requests.get(url + "/", timeout=2)
            break
        except requests.RequestException:
            assert proc.poll() is None and time.monotonic() < deadline, "http.server did not start"
            time.sleep(0.1)
    yield graph_dir, out, url
    proc.terminate()
    proc.wait(timeout=10)


def iris_in_graph_ttl(graph_dir: Path) -> set[str]:
    found = set()
    for t in ox.parse(path=str(graph_dir / "graph.ttl"), format=ox.RdfFormat.TURTLE):
        for term in (t.subject, t.predicate, t.object):
            if isinstance(term, ox.NamedNode) and term.value.startswith(DEFAULT_BASE):
                found.add(term.value)
    return found


def test_every_iri_under_the_base_resolves_on_a_plain_static_server(site):
    graph_dir, _, url = site
    iris = iris_in_graph_ttl(graph_dir)
    assert len(iris) > 500
    failures = []
    with requests.Session() as http:
        for iri in sorted(iris):
            r = http.get(url + "/id/" + iri[len(DEFAULT_BASE):], timeout=10)
            if r.status_code != 200 or "text/html" not in r.headers.get("Content-Type", ""):
                failures.append((iri, r.status_code))
    assert failures == []


def test_each_resource_has_the_same_turtle_and_json_ld_as_serve(site):
    graph_dir, out, _ = site
    app = make_app(graph_dir)
    try:
        for path in ("municipality/de/koeln", "country/ua", "programme/klimapartnerschaften"):
            for name, accept in (("index.ttl", "text/turtle"), ("index.jsonld", "application/ld+json"),
                                 ("index.nt", "application/n-triples")):
                served = app.get("/id/" + path, accept=accept)
                assert served.status == 200
                assert (out / "id" / path / name).read_bytes() == served.body, (path, name)
    finally:
        app.close()


def test_the_html_page_links_its_data_as_files(site):
    _, out, url = site
    page = requests.get(url + "/id/municipality/de/koeln/", timeout=10).text
    assert 'href="/id/municipality/de/koeln/index.ttl"' in page and "?format=" not in page
    assert "Yarinacocha" in page  # the partnership and its evidence sentence
    turtle = requests.get(url + "/id/municipality/de/koeln/index.ttl", timeout=10).content
    graph = list(ox.parse(turtle, format=ox.RdfFormat.TURTLE))
    assert any(t.object == ox.NamedNode("https://sws.geonames.org/2886242/") for t in graph)
    doc = json.loads(requests.get(url + "/id/municipality/de/koeln/index.jsonld", timeout=10).content)
    assert doc


def test_dumps_void_ontology_and_class_indexes_are_there(site):
    graph_dir, out, url = site
    dump = gzip.decompress(requests.get(url + "/dump.ttl.gz", timeout=10).content)
    assert dump == (graph_dir / "graph.ttl").read_bytes()
    void = requests.get(url + "/.well-known/void", timeout=10).content
    assert any(t.object == ox.NamedNode("http://rdfs.org/ns/void#Dataset")
               for t in ox.parse(void, format=ox.RdfFormat.TURTLE))
    assert requests.get(url + "/ontology/", timeout=10).status_code == 200
    index = requests.get(url + "/class/Municipality/", timeout=10).text
    assert 'href="/id/municipality/de/koeln/"' in index
    home = requests.get(url + "/", timeout=10).text
    assert "/class/Partnership/" in home


def test_rewrite_rules_for_apache_and_nginx_negotiate_turtle_and_json_ld(site):
    _, out, _ = site
    htaccess = (out / ".htaccess").read_text(encoding="utf-8")
    nginx = (out / "nginx.conf").read_text(encoding="utf-8")
    for media, name in (("text\\/turtle", "index.ttl"), ("application\\/ld\\+json", "index.jsonld")):
        assert f"RewriteCond %{{HTTP_ACCEPT}} {media}" in htaccess and f"$1/{name} [L]" in htaccess
    assert '"~*text/turtle" ttl;' in nginx and "try_files $uri/index.$partnergraph_fmt" in nginx


def test_paths_that_cannot_be_folders_are_refused():
    assert resource_path(DEFAULT_BASE + "municipality/de/koeln", DEFAULT_BASE) == "id/municipality/de/koeln"
    assert resource_path(DEFAULT_BASE + "a/../../etc", DEFAULT_BASE) is None
    assert resource_path(DEFAULT_BASE + "a/%2e%2e", DEFAULT_BASE) is None
    assert resource_path("https://example.org/x", DEFAULT_BASE) is None
