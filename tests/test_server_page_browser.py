"""The query page of `partnergraph serve` in a real browser: Debian's headless Chromium, driven by
Playwright, against a server thread on 127.0.0.1, with every request elsewhere blocked and
recorded. Chromium must be installed (.ci/run installs it): without it these tests fail."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
import requests

from partnergraph.namespaces import DEFAULT_BASE
from partnergraph.server.app import make_app
from conftest import served, server_graph_dir

#: generous: a bundled query answers in well under a second on the fixture
WAIT_MS = 30_000


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    directory = server_graph_dir(tmp_path_factory.mktemp("served"))
    with served(make_app(directory)) as root:
        yield root


@pytest.fixture
def page(browser, url):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    elsewhere: list[str] = []
    errors: list[str] = []

    def route(r):
        if r.request.url.startswith(url):
            r.continue_()
        else:
            elsewhere.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    p = context.new_page()
    p.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    p.on("pageerror", lambda e: errors.append(str(e)))
    p.goto(url)
    yield p
    context.close()
    assert elsewhere == []  # offline: nothing from a CDN or anywhere else
    # a refused query is answered 400 on purpose; the browser logs that, and nothing else may go wrong
    assert [e for e in errors if "status of 400" not in e] == []


def test_a_bundled_query_runs_from_the_page_into_a_table(page, url):
    page.select_option("#pick", "municipalities-by-partners")
    page.click("button[type=submit]")
    page.wait_for_selector("#out table", timeout=WAIT_MS)
    text = page.text_content("#pick option:checked")
    assert text
    expected = requests.post(url + "sparql", data={"query": page.input_value("#q")},
                             headers={"Accept": "application/sparql-results+json"}, timeout=30).json()
    rows = page.locator("#out table tr").count() - 1
    assert rows == len(expected["results"]["bindings"]) > 0
    assert page.locator("#out th").all_text_contents() == expected["head"]["vars"]
    href = page.locator("#out a").first.get_attribute("href")
    assert href.startswith("/id/municipality/")


def test_result_links_open_the_resource_page(page):
    page.fill("#q", f"SELECT ?m WHERE {{ BIND(<{DEFAULT_BASE}municipality/de/koeln> AS ?m) }}")
    page.click("button[type=submit]")
    page.wait_for_selector("#out a", timeout=WAIT_MS)
    page.click("#out a")
    page.wait_for_selector("h1", timeout=WAIT_MS)
    assert page.text_content("h1") == "Köln"


def test_a_malformed_query_shows_the_parser_message(page):
    page.fill("#q", "SELECT ?x WHERE {")
    page.click("button[type=submit]")
    page.wait_for_selector("#status.err", timeout=WAIT_MS)
    assert page.text_content("#status").startswith("400: query: syntax error at line 1, column ")


def test_markup_in_results_is_shown_as_text(page):
    page.fill("#q", 'SELECT ?x WHERE { BIND("<img src=x onerror=alert(1)>" AS ?x) }')
    page.click("button[type=submit]")
    page.wait_for_selector("#out td", timeout=WAIT_MS)
    assert page.text_content("#out td") == "<img src=x onerror=alert(1)>"
    assert page.locator("#out img").count() == 0


def test_a_construct_query_shows_turtle(page):
    page.fill("#q", "CONSTRUCT WHERE { ?s a pg:Partnership } LIMIT 2")
    page.click("button[type=submit]")
    page.wait_for_selector("#out pre", timeout=WAIT_MS)
    assert "pg:Partnership" in page.text_content("#out pre")


def test_the_page_address_with_a_query_parameter_is_not_needed(url):
    # the page is static: the same bytes whatever the request carries
    a = requests.get(url, timeout=30).content
    b = requests.get(url + "?" + urlencode({"x": "<script>"}), timeout=30).content
    assert a == b
