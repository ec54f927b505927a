"""graph.html in a real browser: Debian's headless Chromium, driven by Playwright, with every
request that is not the file itself blocked and recorded.

Chromium must be installed (.ci/run installs it): without it these tests fail, they do not skip.
The screenshot of the sample graph is kept in tests/artifacts/ (gitignored)."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pyoxigraph as ox
import pytest

from partnergraph import cli
from partnergraph.pipeline.build import BuildOptions, build
from partnergraph.pipeline.staging import open_existing
from partnergraph.namespaces import DEFAULT_BASE, sparql_prologue
from partnergraph.viewer.network import write_network
from partnergraph.store.embedded import EmbeddedStore

ARTIFACTS = Path(__file__).parent / "artifacts"
FIXTURE = Path(__file__).parent / "fixtures" / "viewer" / "mini.trig"
#: generous: the sample draws in well under a second here; CI machines are the same size
READY_MS = 30_000
XSS_TITLE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def sample_dir(sample_build):
    return sample_build[0]


class Visit:
    """One page opened from disk with the network off: what it asked for, logged and opened."""

    def __init__(self, browser, path: Path):
        self.context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_function("window.partnergraph && window.partnergraph.ready", timeout=READY_MS)

    def _route(self, route):
        self.requests.append(route.request.url)
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression: str):
        return self.page.evaluate(expression)

    def point_at_node(self, label: str) -> dict:
        i = self.js(f"partnergraph.indexOf({json.dumps(label)})")
        assert i >= 0, label
        self.js(f"partnergraph.network.focus({i}, {{scale: 1.5, animation: false}})")
        p = self.js(f"partnergraph.domPosition({i})")
        self.page.mouse.move(p["x"], p["y"])
        return p

    def click_node(self, label: str) -> None:
        p = self.point_at_node(label)
        self.page.mouse.click(p["x"], p["y"])

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def sample(browser, sample_dir):
    visit = Visit(browser, sample_dir / "graph.html")
    yield visit
    visit.close()


def by_graph(quads) -> dict[str, list]:
    out: dict[str, list] = {}
    for q in quads:
        out.setdefault(q.graph_name.value, []).append(q)
    return out


def page_json(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    block = re.search(r'<script type="application/json" id="pg-data">(.*?)</script>', text, re.S).group(1)
    return json.loads(unescape(block))


def test_sample_graph_draws_offline_without_errors(sample, sample_dir):
    assert sample.requests == [sample.url]
    assert sample.errors == []
    data = page_json(sample_dir / "graph.html")
    assert sample.js("partnergraph.nodeCount()") == len(data["nodes"])
    assert sample.js("partnergraph.visibleNodeCount()") == len(data["nodes"])
    assert sample.js("partnergraph.edgeCount()") == len(data["edges"])
    # every partner municipality of the store is drawn
    store = open_existing(sample_dir)
    q = sparql_prologue() + "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?p pg:partner ?m . ?m a pg:Municipality }"
    partners = int(next(iter(store.query(q)))["n"].value)
    del store  # read-only: EmbeddedStore.close() would try to flush it
    drawn = sample.js("""Array.from(document.querySelectorAll('#legend-classes li'))
                         .filter(li => li.textContent.includes('Kommune'))[0].querySelector('.count').textContent""")
    assert partners > 0 and int(drawn) >= partners
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "viewer-sample.png"
    sample.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000


def test_search_typed_without_umlaut_finds_koeln_and_opens_its_evidence(sample):
    sample.page.fill("#search", "Koln")
    assert "Köln" in sample.page.inner_text("#results")
    sample.page.press("#search", "Enter")
    panel = sample.page.locator("#panel")
    assert panel.is_visible()
    assert sample.page.inner_text("#panel h2") == "Köln"
    assert sample.page.locator('#panel a[href^="https://sws.geonames.org/"]').count() == 1
    articles = sample.page.locator('#panel li a[href^="https://"]')
    assert articles.count() >= 1
    assert sample.page.locator("#panel blockquote").count() >= 1
    sample.page.fill("#search", "")


def test_clicking_a_node_on_the_canvas_opens_its_panel(sample):
    sample.click_node("Köln")
    assert sample.page.inner_text("#panel h2") == "Köln"


def test_filters_change_what_is_shown_and_never_leave_an_unexplained_empty_screen(sample):
    total = sample.js("partnergraph.visibleNodeCount()")
    sample.page.select_option("#filter-co", "UA")
    ukraine = sample.js("partnergraph.visibleNodeCount()")
    assert 0 < ukraine < total
    assert f"{ukraine} von {total} Knoten" in sample.page.inner_text("#status")
    assert not sample.page.locator("#empty").is_visible()
    # a year range that ends before it begins: nothing matches, and the page says why
    years = sample.js("Array.from(document.querySelectorAll('#filter-to option')).map(o => o.value).filter(Boolean)")
    sample.page.select_option("#filter-from", years[-1])
    sample.page.select_option("#filter-to", years[0])
    assert sample.js("partnergraph.visibleNodeCount()") == 0
    assert sample.page.locator("#empty").is_visible()
    why = sample.page.inner_text("#empty")
    assert "Land: Ukraine" in why and f"Jahr: {years[-1]}–{years[0]}" in why
    sample.page.click("#reset")
    assert sample.js("partnergraph.visibleNodeCount()") == total
    for box in sample.page.locator("#legend-classes input").all():
        box.uncheck()
    assert sample.js("partnergraph.visibleNodeCount()") == 0
    assert sample.page.locator("#empty").is_visible()
    assert "ausgeblendet" in sample.page.inner_text("#empty")
    sample.page.click("#empty-reset")
    assert sample.js("partnergraph.visibleNodeCount()") == total
    assert not sample.page.locator("#empty").is_visible()
    assert sample.errors == []


def test_injected_markup_shows_as_text_and_runs_nothing(browser, tmp_path):
    store = EmbeddedStore(None)
    for graph, quads in sorted(by_graph(ox.parse(path=str(FIXTURE), format=ox.RdfFormat.TRIG)).items()):
        store.replace_graph(graph, quads)
    path = write_network(store, tmp_path / "graph.html", base=DEFAULT_BASE, articles=True)
    visit = Visit(browser, path)
    try:
        visit.click_node(XSS_TITLE)
        assert visit.page.inner_text("#panel h2") == XSS_TITLE
        visit.click_node("München")
        assert "</script><script>alert(3)</script> München und Kyjiw" in visit.page.inner_text("#panel")
        visit.page.fill("#search", "svg onload")
        assert "<svg onload=alert(4)>" in visit.page.inner_text("#results")
        visit.page.press("#search", "Escape")
        visit.point_at_node("<svg onload=alert(4)>")
        tooltip = visit.page.locator("div.vis-tooltip")
        tooltip.wait_for(state="visible")
        assert tooltip.inner_text().startswith("<svg onload=alert(4)>")
        # innerText turns the line break into <br>; nothing else may become an element
        assert visit.js("document.querySelectorAll('div.vis-tooltip *:not(br)').length") == 0
        assert visit.js("document.querySelectorAll('img, iframe, object, embed').length") == 0
        assert visit.js("document.querySelectorAll('svg[onload], [onerror]').length") == 0
        assert visit.js("document.querySelectorAll('a[href^=\"javascript\"]').length") == 0
        assert visit.dialogs == []
        assert visit.errors == []
        assert visit.requests == [visit.url]
    finally:
        visit.close()


def test_a_tiny_build_with_a_hostile_title_renders_it_as_text(browser, tmp_path, capsys):
    corpus = tmp_path / "articles.jsonl"
    corpus.write_text(json.dumps({
        "url": "https://example.org/xss", "title": XSS_TITLE, "date": "2024-05-01",
        "text": "Köln und Yarinacocha pflegen seit 2017 eine Klimapartnerschaft."}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    out = tmp_path / "out"
    build([str(corpus)], BuildOptions(out_dir=out, validate=False, jobs=1, viz=False))
    assert cli.main(["viz", "-q", "-d", str(out), "--articles"]) == 0
    capsys.readouterr()
    visit = Visit(browser, out / "graph.html")
    try:
        visit.page.fill("#search", "onerror")
        visit.page.press("#search", "Enter")
        assert visit.page.inner_text("#panel h2") == XSS_TITLE
        assert visit.js("document.querySelectorAll('img').length") == 0
        assert visit.dialogs == [] and visit.errors == []
    finally:
        visit.close()
