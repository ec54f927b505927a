"""The map view of graph.html in real Chromium (offline, every non-file request blocked):
municipalities at their coordinates on the shipped world outline, partnerships as arcs, the
same filters, search and side panel as the network view, and no markup from the data."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from partnergraph.namespaces import DEFAULT_BASE
from partnergraph.viewer.network import write_network
from partnergraph.store.embedded import EmbeddedStore
from test_viewer_browser import ARTIFACTS, FIXTURE, Visit, by_graph, page_json

GEO = "http://www.opengis.net/ont/geosparql#"


@pytest.fixture(scope="module")
def sample_map(browser, sample_build):
    graph_dir, _ = sample_build
    visit = Visit(browser, graph_dir / "graph.html")
    visit.page.click("#view-map")
    yield visit, page_json(graph_dir / "graph.html")
    visit.close()


def expected_counts(data: dict, shown_countries: str | None = None) -> tuple[int, int]:
    """Dots and arcs the map must show with no filter: located municipalities, and partnership
    edges between two of them."""
    located = {i for i, n in enumerate(data["nodes"]) if n["c"] == "Municipality" and "g" in n}
    arcs = sum(1 for e in data["edges"] if e["r"] == "partnership" and e["f"] in located and e["t"] in located
               and e["f"] != e["t"])
    return len(located), arcs


def test_the_map_places_every_located_municipality_and_draws_partnerships_as_arcs(sample_map):
    visit, data = sample_map
    dots, arcs = expected_counts(data)
    assert visit.js("partnergraph.view()") == "map"
    assert visit.js("partnergraph.mapDotCount()") == dots > 30
    assert visit.js("partnergraph.mapArcCount()") == arcs > 20
    # the outline is drawn from the page itself: land shapes, no tiles, no requests
    assert visit.js("document.querySelectorAll('#map path.land').length") > 100
    assert visit.requests == [visit.url] and visit.errors == []
    unplaced = sum(1 for n in data["nodes"] if n["c"] == "Municipality" and "g" not in n)
    note = visit.page.inner_text("#map-note")
    assert f"{dots} Kommunen" in note and (not unplaced or f"{unplaced} Kommunen ohne Koordinaten" in note)
    ARTIFACTS.mkdir(exist_ok=True)
    visit.page.screenshot(path=str(ARTIFACTS / "viewer-map.png"))


def test_a_dot_is_where_its_coordinates_are(sample_map):
    visit, _ = sample_map
    # west lies left, north lies up: La Paz (Bolivia) left of and below Hamburg
    la_paz = visit.js("partnergraph.mapDotPosition(partnergraph.indexOf('La Paz · BO'))") or \
        visit.js("partnergraph.mapDotPosition(partnergraph.indexOf('La Paz'))")
    hamburg = visit.js("partnergraph.mapDotPosition(partnergraph.indexOf('Hamburg'))")
    assert la_paz and hamburg
    assert la_paz["x"] < hamburg["x"] and la_paz["y"] > hamburg["y"]


def test_clicking_a_dot_opens_the_same_side_panel(sample_map):
    visit, data = sample_map
    label = next(n["l"] for n in data["nodes"] if n["l"].startswith("Padang"))
    p = visit.js(f"partnergraph.mapDotPosition(partnergraph.indexOf({json.dumps(label)}))")
    visit.page.mouse.click(p["x"], p["y"])
    assert visit.page.inner_text("#panel h2") == label
    assert visit.page.locator("#panel blockquote").count() >= 1
    visit.page.click("#panel-close")


def test_filters_apply_to_the_map_too(sample_map):
    visit, _ = sample_map
    all_arcs = visit.js("partnergraph.mapArcCount()")
    visit.page.select_option("#filter-co", "UA")
    ukraine = visit.js("partnergraph.mapArcCount()")
    assert 0 < ukraine < all_arcs
    visit.page.click("#reset")
    assert visit.js("partnergraph.mapArcCount()") == all_arcs


def test_search_selects_the_dot_on_the_map(sample_map):
    visit, _ = sample_map
    visit.page.fill("#search", "Kyjiw")
    visit.page.press("#search", "Enter")
    assert visit.page.inner_text("#panel h2").startswith("Kyjiw")
    assert visit.js("document.querySelectorAll('#map circle.sel').length") == 1
    visit.page.fill("#search", "")
    visit.page.click("#view-network")
    assert visit.js("partnergraph.view()") == "network"
    assert visit.page.locator("#map").is_hidden()


def test_names_on_the_map_are_text_never_markup(browser, tmp_path):
    store = EmbeddedStore(None)
    for graph, quads in sorted(by_graph(ox.parse(path=str(FIXTURE), format=ox.RdfFormat.TRIG)).items()):
        store.replace_graph(graph, quads)
    # give the hostile municipality a place on the map
    svg, geometry = DEFAULT_BASE + "municipality/xx/svg", DEFAULT_BASE + "municipality/xx/svg/geometry"
    g = ox.NamedNode(DEFAULT_BASE + "article/a3")
    store.replace_graph(g.value, [q for q in store.quads() if q.graph_name == g] + [
        ox.Quad(ox.NamedNode(svg), ox.NamedNode(GEO + "hasGeometry"), ox.NamedNode(geometry), g),
        ox.Quad(ox.NamedNode(geometry), ox.NamedNode(GEO + "asWKT"),
                ox.Literal("POINT(7.1 50.7)", datatype=ox.NamedNode(GEO + "wktLiteral")), g)])
    path = write_network(store, tmp_path / "graph.html", base=DEFAULT_BASE)
    visit = Visit(browser, path)
    try:
        visit.page.click("#view-map")
        assert visit.js("partnergraph.mapDotCount()") >= 2
        labels = visit.js("Array.from(document.querySelectorAll('#map text')).map(t => t.textContent)")
        assert "<svg onload=alert(4)>" in labels
        i = visit.js("partnergraph.indexOf('<svg onload=alert(4)>')")
        p = visit.js(f"partnergraph.mapDotPosition({i})")
        visit.page.mouse.click(p["x"], p["y"])
        assert visit.page.inner_text("#panel h2") == "<svg onload=alert(4)>"
        assert visit.js("document.querySelectorAll('#map svg svg, [onload], [onerror], img').length") == 0
        assert visit.dialogs == [] and visit.errors == [] and visit.requests == [visit.url]
    finally:
        visit.close()
