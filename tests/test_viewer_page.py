"""graph.html without a browser: what it contains, what it may load, and the views."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import math
import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest

from partnergraph import cli
from partnergraph.errors import UsageError
from partnergraph.namespaces import DEFAULT_BASE
from partnergraph.viewer.layout import MIN_GAP, layout
from partnergraph.viewer.load import load
from partnergraph.viewer.network import write_network
from partnergraph.viewer.page import json_for_html, render
from partnergraph.viewer.page_data import page_data
from partnergraph.viewer.views import build_view, fold, search_keys
from partnergraph.store.embedded import EmbeddedStore

FIXTURE = Path(__file__).parent / "fixtures" / "viewer" / "mini.trig"
ID = DEFAULT_BASE


def load_dataset(store, quads) -> None:
    """Each named graph through the store's own API, as `build` adds them."""
    by_graph = defaultdict(list)
    for q in quads:
        by_graph[q.graph_name.value].append(q)
    for graph, qs in sorted(by_graph.items()):
        store.replace_graph(graph, qs)


def fixture_store(path=None) -> EmbeddedStore:
    s = EmbeddedStore(path)
    load_dataset(s, ox.parse(path=str(FIXTURE), format=ox.RdfFormat.TRIG))
    return s


@pytest.fixture(scope="module")
def store():
    return fixture_store()


@pytest.fixture(scope="module")
def raw(store):
    return load(store, base=DEFAULT_BASE)


class Page(HTMLParser):
    """Tags with their attributes, the text of each <script>, <style> and <title>."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.styles: list[str] = []
        self.title = ""
        self._in: tuple[str, dict] | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style", "title"):
            self._in = (tag, dict(attrs))

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in is None:
            return
        tag, attrs = self._in
        if tag == "script":
            if self.scripts and self.scripts[-1][0] is attrs:
                self.scripts[-1] = (attrs, self.scripts[-1][1] + data)
            else:
                self.scripts.append((attrs, data))
        elif tag == "style":
            self.styles.append(data)
        else:
            self.title += data


def page_of(raw, **view) -> tuple[str, dict]:
    data = page_data(build_view(raw, **view))
    return render(data), data


def labels(data: dict) -> set[str]:
    return {n["l"] for n in data["nodes"]}


# -- self-contained and safe -----------------------------------------------------------------------

def test_page_requests_nothing_from_any_host(raw):
    text, _ = page_of(raw, articles=True)
    page = Page(text)
    for tag, attrs in page.tags:
        assert tag not in ("link", "img", "iframe", "object", "embed", "base", "frame"), tag
        for name in ("src", "href", "srcset", "action", "data", "poster", "background"):
            assert name not in attrs, (tag, name, attrs[name])
    for css in page.styles:
        assert not re.search(r"url\(|@import", css)
    csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "connect-src" not in csp
    # every script is allowed by hash, and nothing else: inline handlers such as onerror= cannot run
    code = [body for attrs, body in page.scripts if attrs.get("type") != "application/json"]
    assert len(code) == 2
    for body in code:
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";", 1)[0]


def test_markup_in_data_stays_inside_the_json_block(raw):
    text, data = page_of(raw, articles=True)
    page = Page(text)
    # the parser sees exactly four scripts: the data, the map's world outline, vis-network, the viewer
    assert [a.get("type") for a, _ in page.scripts] == ["application/json", "application/json", None, None]
    assert [a.get("id") for a, _ in page.scripts[:2]] == ["pg-data", "pg-world"]
    assert json.loads(page.scripts[0][1]) == data
    assert len(json.loads(page.scripts[1][1])["rings"]) > 200
    assert "<img src=x" not in text and "<svg onload" not in text and "</script><script>alert" not in text
    assert "<svg onload=alert(4)> · XX" not in labels(data)  # unknown country: no code suffix
    assert "<svg onload=alert(4)>" in labels(data)
    quotes = [q for p in data["partnerships"] for _, q in p["ev"]]
    assert "</script><script>alert(3)</script> München und Kyjiw" in quotes


def test_only_http_urls_become_links(raw):
    _, data = page_of(raw, articles=True)
    a3 = next(a for a in data["articles"] if a["t"] == "<img src=x onerror=alert(1)>")
    assert a3["u"] == ""
    hrefs = [f[2] for n in data["nodes"] for f in n["f"] if f[2]]
    assert hrefs and all(h.startswith(("https://", "http://")) for h in hrefs)
    assert not any("javascript" in h for h in hrefs)


def test_json_for_html_escapes_every_angle_bracket_and_ampersand():
    text = json_for_html({"t": "</script><!-- & -->"})
    assert not set("<>&") & set(text)
    assert json.loads(text) == {"t": "</script><!-- & -->"}


# -- reading the picture -----------------------------------------------------------------------------

def test_full_view_has_partners_context_and_legend(raw):
    _, data = page_of(raw)
    assert labels(data) == {
        "Köln", "Yarinacocha · PE", "Leipzig", "Kyjiw · UA", "München", "Bonn", "<svg onload=alert(4)>",
        "Deutschland (DE)", "Peru (PE)", "Ukraine (UA)", "unbekannt",
        "Kommunale Klimapartnerschaften", "Kommunale Partnerschaften mit der Ukraine",
        "Servicestelle Kommunen in der Einen Welt",
        "Bundesministerium für wirtschaftliche Zusammenarbeit und Entwicklung",
        "Klimaschutz", "Wasser", "Partnerschaftskonferenz"}
    assert {c["key"]: c["count"] for c in data["classes"]} == {
        "Municipality": 7, "Country": 4, "Programme": 2, "Organisation": 2, "Theme": 2, "Event": 1}
    shapes = {c["key"]: c["shape"] for c in data["classes"]}
    assert len(set(shapes.values())) == len(shapes)
    rel = {r["key"]: (r["label"], r["count"]) for r in data["relations"]}
    assert rel["partnership:klimapartnerschaft"] == ("Klimapartnerschaft", 1)
    assert rel["partnership:staedtepartnerschaft"] == ("Städtepartnerschaft", 2)
    assert rel["country"][1] == 7 and rel["host"] == ("Gastgeber", 1)
    assert rel["implementer"][1] == 2 and rel["funder"][1] == 1
    # Leipzig–Kyjiw has no pg:theme: it takes the theme its article is about
    assert rel["theme"][1] == 4


def test_partnership_facets_carry_countries_programmes_themes_and_years(raw):
    _, data = page_of(raw)
    by_label = {p["l"]: p for p in data["partnerships"]}
    p1 = by_label["Köln – Yarinacocha"]
    assert (p1["co"], p1["pr"], p1["th"], p1["yr"]) == (["DE", "PE"], ["klimapartnerschaften"], ["klimaschutz"], [2017, 2023])
    assert by_label["Kyjiw – Leipzig"]["yr"] == [1961, 2022]
    assert data["facets"]["yr"] == [1961, 1989, 2017, 2022, 2023, 2024]
    assert [k for k, _ in data["facets"]["co"]] == ["DE", "PE", "UA", "XX"]


def test_municipality_facts_name_the_geonames_link_and_analytics_when_present(store):
    s = fixture_store()
    koeln = ox.NamedNode(ID + "municipality/de/koeln")
    g = ox.NamedNode("https://w3id.org/partnergraph/graph/analytics")
    load_dataset(s, [ox.Quad(koeln, ox.NamedNode("https://w3id.org/partnergraph/ontology#degreeCentrality"),
                             ox.Literal("0.5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#double")), g)])
    _, data = page_of(load(s, base=DEFAULT_BASE))
    facts = {f[0]: (f[1], f[2]) for f in next(n for n in data["nodes"] if n["l"] == "Köln")["f"]}
    assert facts["GeoNames"] == ("https://sws.geonames.org/2886242/",) * 2
    assert facts["Region"][0] == "Nordrhein-Westfalen"
    assert facts["Koordinaten"][0] == "50.9333, 6.9500"
    assert facts["Gradzentralität"][0] == "0.5000"
    yarinacocha = next(n for n in data["nodes"] if n["l"] == "Yarinacocha · PE")
    assert ["Einwohner (laut Artikel)", "100.000", ""] in yarinacocha["f"]


def test_search_keys_find_umlauts_with_and_without_diacritics():
    keys = search_keys(["Köln", "Cologne"]).split("\n")
    assert {"koln", "koeln", "cologne"} <= set(keys)
    assert fold("Gießen") == "giessen" and fold("Drâa") == "draa" and fold("KÖLN") == "koln"


def test_articles_option_adds_article_nodes_linked_to_what_they_mention(raw):
    _, data = page_of(raw, articles=True)
    articles = [n for n in data["nodes"] if n["c"] == "Article"]
    assert len(articles) == 3
    a1 = next(i for i, n in enumerate(data["nodes"]) if n["l"].startswith("Köln und Yarinacocha"))
    linked = {data["nodes"][e["t"]]["l"] for e in data["edges"] if e["f"] == a1 and e["r"] == "mentions"}
    assert linked == {"Köln", "Yarinacocha · PE", "Kommunale Klimapartnerschaften", "Klimaschutz"}


# -- views ---------------------------------------------------------------------------------------------

def test_ego_view_keeps_partners_within_depth_and_their_context(raw):
    _, d1 = page_of(raw, focus="Koln", depth=1)
    assert labels(d1) == {"Köln", "Yarinacocha · PE", "Deutschland (DE)", "Peru (PE)", "Kommunale Klimapartnerschaften",
                          "Klimaschutz", "Servicestelle Kommunen in der Einen Welt",
                          "Bundesministerium für wirtschaftliche Zusammenarbeit und Entwicklung"}
    assert [d1["nodes"][i]["l"] for i in d1["meta"]["focus"]] == ["Köln"]
    _, k1 = page_of(raw, focus="Kyiv", depth=1)
    assert "Partnerschaftskonferenz" not in labels(k1) and {"Leipzig", "München"} <= labels(k1)
    _, k2 = page_of(raw, focus="kyjiw", depth=2)
    assert "Partnerschaftskonferenz" in labels(k2) and "Köln" not in labels(k2)


def test_ego_view_of_unknown_label_suggests_close_names(raw):
    with pytest.raises(UsageError, match=r"no node labelled 'Kolm'.*'Köln'"):
        build_view(raw, focus="Kolm")


def test_programme_view_keeps_only_its_partnerships(raw):
    _, data = page_of(raw, programme="ukraine")
    assert {p["l"] for p in data["partnerships"]} == {"Kyjiw – Leipzig"}
    assert {"Leipzig", "Kyjiw · UA", "Partnerschaftskonferenz"} <= labels(data)
    assert "Köln" not in labels(data) and "München" not in labels(data)
    with pytest.raises(UsageError, match=r"unknown programme 'nope' \(known: klimapartnerschaften, ukraine\)"):
        build_view(raw, programme="nope")


def test_country_view_keeps_partnerships_with_a_partner_there(raw):
    _, data = page_of(raw, country="ua")
    assert {p["l"] for p in data["partnerships"]} == {"Kyjiw – Leipzig", "Kyjiw – München"}
    assert "Köln" not in labels(data)
    with pytest.raises(UsageError, match="unknown country code 'QQ'"):
        build_view(raw, country="QQ")


def test_aggregate_view_counts_partnerships_between_countries(raw):
    _, data = page_of(raw, aggregate=True)
    assert {n["c"] for n in data["nodes"]} == {"Country"}
    weights = {tuple(sorted((data["nodes"][e["f"]]["l"], data["nodes"][e["t"]]["l"]))): e["w"] for e in data["edges"]}
    assert weights == {("Deutschland (DE)", "Peru (PE)"): 1, ("Deutschland (DE)", "Ukraine (UA)"): 2,
                       ("Deutschland (DE)", "unbekannt"): 1}


# -- layout and determinism ------------------------------------------------------------------------------

def test_layout_places_every_node_apart(raw):
    net = build_view(raw, articles=True)
    pos = layout(net)
    assert set(pos) == set(net.nodes)
    points = sorted(pos.values())
    closest = min(math.dist(a, b) for i, a in enumerate(points) for b in points[i + 1:])
    assert closest >= MIN_GAP - 1  # positions are rounded to whole pixels


def test_same_store_gives_the_same_bytes(store, tmp_path):
    a = write_network(store, tmp_path / "a.html", base=DEFAULT_BASE, articles=True).read_bytes()
    b = write_network(store, tmp_path / "b.html", base=DEFAULT_BASE, articles=True).read_bytes()
    assert a == b



# -- the page data's keys, as docs/viewer.md lists them ----------------------------------------------

DOCS = Path(__file__).parent.parent / "docs" / "viewer.md"


def key_paths(value, path: str = "") -> set[str]:
    """Every key of the page data as a path: "meta.title", "nodes[].o.co" (lists of objects
    get "[]"; lists of plain values and pairs are leaves)."""
    out: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            sub = f"{path}.{key}" if path else key
            out |= {sub} | key_paths(item, sub)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                out |= key_paths(item, path + "[]")
    return out


def documented_keys() -> set[str]:
    """The keys in the first column of the table under "The page data" in docs/viewer.md."""
    section = DOCS.read_text(encoding="utf-8").split("## The page data", 1)[1].split("\n## ", 1)[0]
    keys: set[str] = set()
    for line in section.splitlines():
        if line.startswith("| `"):
            keys |= set(re.findall(r"`([^`]+)`", line.split("|")[1]))
    return keys


def test_every_page_data_key_is_documented_and_every_documented_key_is_written(raw):
    # a second partnership between the same two towns, so that an edge gets its rank `n`
    first = raw.partnerships[sorted(raw.partnerships)[0]]
    twin = dataclasses.replace(first, iri=first.iri + "-twin")
    raw2 = dataclasses.replace(raw, partnerships={**raw.partnerships, twin.iri: twin})
    written: set[str] = set()
    for options in ({"articles": True}, {"aggregate": True}, {"focus": "Köln", "depth": 2}):
        written |= key_paths(page_data(build_view(raw2, **options)))
    documented = documented_keys()
    assert written - documented == set(), "page_data writes keys docs/viewer.md does not list"
    assert documented - written == set(), "docs/viewer.md lists keys page_data never writes"

# -- command line ----------------------------------------------------------------------------------------

def test_viz_with_unknown_programme_fails_with_one_line(tmp_path, capsys):
    fixture_store(tmp_path / "store").close()
    assert cli.main(["viz", "-d", str(tmp_path), "--programme", "nope"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("partnergraph: error: unknown programme 'nope'")
    assert cli.main(["viz", "-q", "-d", str(tmp_path), "--aggregate", "--country", "UA", "-o", str(tmp_path / "c.html")]) == 0
    assert (tmp_path / "c.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
