"""Linked data from `partnergraph serve`, in-process: resource pages by content negotiation, the
evidence sentences beside each fact, the ontology, the dumps, the VoID description and the
query page. The graph is the frozen `fixtures/server/sample.trig`."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from partnergraph.namespaces import DEFAULT_BASE, PG_IRI
from partnergraph.publish.dataset import ontology_path
from partnergraph.query.runner import bundled_queries
from partnergraph.server.app import make_app
from partnergraph.store.embedded import EmbeddedStore

FIXTURE = Path(__file__).parent / "fixtures" / "server" / "sample.trig"
KOELN = DEFAULT_BASE + "municipality/de/koeln"
YARINACOCHA = DEFAULT_BASE + "municipality/pe/yarinacocha"
PARTNERSHIP = DEFAULT_BASE + "partnership/b77c8071151e9874"  # Köln – Yarinacocha
PG = rdflib.Namespace(PG_IRI)
YEAR_SENTENCE = "Seit Oktober 2017 verbindet Köln und Yarinacocha eine kommunale Klimapartnerschaft."
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    directory = tmp_path_factory.mktemp("served")
    store = EmbeddedStore(directory / "store")
    store.load(FIXTURE.read_bytes(), format=ox.RdfFormat.TRIG)
    store.close()
    (directory / "state.json").write_text(json.dumps({"base": DEFAULT_BASE}), encoding="utf-8")
    application = make_app(directory)
    yield application
    application.close()


@pytest.fixture(scope="module")
def fixture_triples() -> rdflib.Graph:
    """Every triple of the fixture, once (the RDF merge of its graphs)."""
    g = rdflib.Graph()
    for q in ox.parse(path=str(FIXTURE), format=ox.RdfFormat.TRIG):
        g.parse(data=str(ox.Triple(q.subject, q.predicate, q.object)) + " .", format="nt")
    return g


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.srcs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "href" in a:
            self.hrefs.append(a["href"])
        if "src" in a:
            self.srcs.append(a["src"])


def links_of(page: str) -> Links:
    parser = Links()
    parser.feed(page)
    return parser


@pytest.mark.parametrize(("accept", "media", "fmt"), [
    ("*/*", "text/turtle", "turtle"),  # what curl sends
    (None, "text/turtle", "turtle"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/n-triples", "application/n-triples", "nt"),
])
def test_resource_answers_rdf_by_content_negotiation(app, fixture_triples, accept, media, fmt):
    r = app.get("/id/municipality/de/koeln", accept=accept)
    assert r.status == 200
    assert r.content_type.startswith(media)
    assert r.headers["Vary"] == "Accept"
    g = rdflib.Graph().parse(data=r.body, format=fmt)
    koeln = rdflib.URIRef(KOELN)
    assert (koeln, rdflib.RDFS.label, rdflib.Literal("Köln", lang="de")) in g  # outgoing
    assert (rdflib.URIRef(PARTNERSHIP), PG.partner, koeln) in g  # incoming
    assert (None, PG.quote, rdflib.Literal(YEAR_SENTENCE)) in g  # evidence
    assert all(t in fixture_triples for t in g)  # nothing made up


def test_every_rdf_format_of_a_resource_holds_the_same_graph(app):
    graphs = [rdflib.Graph().parse(data=app.get("/id/municipality/de/koeln", accept=a).body, format=f)
              for a, f in (("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("application/n-triples", "nt"))]
    assert isomorphic(graphs[0], graphs[1]) and isomorphic(graphs[0], graphs[2])


def test_a_browser_gets_the_html_page_with_labels_links_and_evidence(app):
    r = app.get("/id/municipality/de/koeln", accept=BROWSER)
    assert r.status == 200 and r.content_type.startswith("text/html")
    page = r.text
    assert "<h1>Köln</h1>" in page
    assert '<a href="/id/municipality/pe/yarinacocha"' in page
    # the sentence that states the partnership stands in the same list item as the partner
    item = re.search(r'<li><a href="/id/municipality/pe/yarinacocha".*?</li>', page, re.S).group(0)
    assert f"<blockquote>{YEAR_SENTENCE}</blockquote>" in item


def test_every_link_of_a_resource_page_leads_somewhere(app):
    page = app.get("/id/municipality/de/koeln", accept="text/html").text
    hrefs = set(links_of(page).hrefs)
    local = sorted(h for h in hrefs if h.startswith("/id/"))
    assert len(local) > 10
    for href in local:
        assert app.get(href, accept="text/html").status == 200, href
    assert all(h.startswith(("/", "https://", "http://")) for h in hrefs)


def test_a_partnerships_year_is_evidenced_by_the_sentence_that_states_it(app):
    page = app.get("/id/partnership/b77c8071151e9874", accept="text/html").text
    row = re.search(r"<tr><th><a [^>]*>pg:startYear</a></th>.*?</tr>", page, re.S).group(0)
    assert "2017" in row and YEAR_SENTENCE in row


def test_a_stated_population_is_evidenced_by_its_sentence(app):
    page = app.get("/id/municipality/de/sindelfingen", accept="text/html").text
    row = re.search(r"<tr><th><a [^>]*>pg:statedPopulation</a></th>.*?</tr>", page, re.S).group(0)
    assert "60000" in row and "60.000 Einwohnerinnen" in row


def test_a_link_between_two_places_is_evidenced_only_by_sentences_naming_both(app):
    page = app.get("/id/municipality/de/koeln", accept="text/html").text
    item = re.search(r'<li><a href="/id/municipality/ni/el-realejo".*?</li>', page, re.S).group(0)
    quotes = re.findall(r"<blockquote>(.*?)</blockquote>", item)
    assert quotes
    assert all("Köln" in q and "El Realejo" in q for q in quotes)


def test_format_parameter_overrides_the_accept_header(app):
    r = app.get("/id/municipality/de/koeln?format=nt", accept="text/html")
    assert r.content_type.startswith("application/n-triples")


def test_unknown_resource_gets_404(app):
    r = app.get("/id/municipality/de/atlantis", accept="text/html")
    assert r.status == 404
    assert "atlantis" in r.text


def test_unacceptable_type_gets_406(app):
    assert app.get("/id/municipality/de/koeln", accept="image/png").status == 406


def test_ontology_is_served_as_written_and_as_a_page(app):
    turtle = app.get("/ontology", accept="text/turtle")
    assert turtle.body == ontology_path().read_bytes()
    nt = rdflib.Graph().parse(data=app.get("/ontology", accept="application/n-triples").body, format="nt")
    assert isomorphic(nt, rdflib.Graph().parse(ontology_path(), format="turtle"))
    page = app.get("/ontology", accept=BROWSER).text
    for term in ("Municipality", "Partnership", "partnerOf", "evidence", "statedPopulation"):
        assert f'<tr id="{term}">' in page


def test_resource_pages_link_ontology_terms_to_their_anchor(app):
    page = app.get("/id/municipality/de/koeln", accept="text/html").text
    assert 'href="/ontology#partnerOf"' in page


@pytest.mark.parametrize(("path", "fmt"), [("/dump.ttl.gz", "turtle"), ("/dump.nq.gz", "nquads")])
def test_dumps_hold_the_whole_graph(app, fixture_triples, path, fmt):
    r = app.get(path)
    assert r.status == 200 and r.content_type == "application/gzip"
    data = gzip.decompress(r.body)
    if fmt == "turtle":
        assert isomorphic(rdflib.Graph().parse(data=data, format="turtle"), fixture_triples)
    else:
        expected = sorted(str(q) for q in ox.parse(path=str(FIXTURE), format=ox.RdfFormat.TRIG))
        assert sorted(str(q) for q in ox.parse(data, format=ox.RdfFormat.N_QUADS)) == expected
    again = app.get(path)
    assert again.body == r.body
    assert app.get(path, headers={"If-None-Match": r.headers["ETag"]}).status == 304


def test_void_names_the_endpoint_and_dumps_of_the_server_it_comes_from(app):
    r = app.get("/.well-known/void", accept="text/turtle")
    assert r.status == 200
    g = rdflib.Graph().parse(data=r.body, format="turtle")
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    ds = rdflib.URIRef("https://w3id.org/partnergraph/.well-known/void#dataset")
    assert (ds, void.sparqlEndpoint, rdflib.URIRef("http://127.0.0.1/sparql")) in g
    assert {str(o) for o in g.objects(ds, void.dataDump)} == {"http://127.0.0.1/dump.ttl.gz", "http://127.0.0.1/dump.nq.gz"}


def test_void_uses_the_public_url_when_one_is_given(app, tmp_path):
    public = make_app(app.directory, public_url="https://graph.example.org/pg")
    try:
        g = rdflib.Graph().parse(data=public.get("/.well-known/void").body, format="turtle")
    finally:
        public.close()
    assert (None, rdflib.URIRef("http://rdfs.org/ns/void#sparqlEndpoint"),
            rdflib.URIRef("https://graph.example.org/pg/sparql")) in g


def test_query_page_offers_every_bundled_query_and_loads_nothing_from_elsewhere(app):
    r = app.get("/", accept=BROWSER)
    assert r.status == 200 and r.content_type.startswith("text/html")
    page = r.text
    examples = json.loads(re.search(r'<script type="application/json" id="examples">(.*?)</script>', page, re.S)
                          .group(1).replace("<\\/", "</"))
    assert set(examples) == set(bundled_queries())
    found = links_of(page)
    assert found.srcs == []  # no external script, style sheet or image
    assert all(h.startswith("/") for h in found.hrefs)
    # the Content-Security-Policy allows exactly the page's own script
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in r.headers["Content-Security-Policy"]
