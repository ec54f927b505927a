"""Listing pages of every common shape, crawled across their pages from a real server on
127.0.0.1: a plain list of links without classes ("weiter" to /seite/2), TYPO3's tx-news ("›"
next to a "»" for the last page), WordPress (/page/N/, numbered links without a pagination
class), Drupal (views rows, 0-based ?page=N by rel="next", then a "››" titled "Zur nächsten
Seite"), Joomla (blog items, ?start=N, an icon link labelled for screen readers) and a city
CMS (a table and a dl of press releases, ?p=2 behind a bare "»"). The fixture sites in
tests/fixtures/sites/listings/ were written by the team (see the README there)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "sites"))
from siteserver import SiteServer  # noqa: E402

from partnergraph.errors import SourceError  # noqa: E402
from partnergraph.models import Article  # noqa: E402
from partnergraph.sources.crawl import CrawlOptions, crawl_articles  # noqa: E402
from partnergraph.sources.listing import analyse  # noqa: E402

LISTINGS = Path(__file__).parent / "fixtures" / "sites" / "listings"
EXPECTED = json.loads((LISTINGS / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site():
    with SiteServer(LISTINGS) as s:
        yield s


@pytest.mark.parametrize("shape", sorted(EXPECTED))
def test_a_crawl_of_each_listing_shape_finds_its_articles_on_every_page(shape, site, tmp_path):
    start, articles = EXPECTED[shape]["start"], EXPECTED[shape]["articles"]
    options = CrawlOptions(delay=0.0, timeout=2.0, retries=0, cache_dir=tmp_path / "cache")
    before = len(site.log)
    items = list(crawl_articles([site.url(start)], options))
    errors = [str(i) for i in items if isinstance(i, SourceError)]
    found = [i for i in items if isinstance(i, Article)]
    assert errors == []
    assert sorted(a.url for a in found) == sorted(site.url(u) for u in articles)
    # nothing but listing pages and articles was requested: no menu, footer, category or
    # "Siehe auch" link was taken for an article
    requested = {p for p, _ in site.log[before:]} - {"/robots.txt"}
    listing_paths = {p for p in requested if p.rstrip("/") == start.rstrip("/")}
    assert requested - listing_paths - set(articles) <= {p for p in requested if "/seite/" in p or "/page/" in p}


@pytest.mark.parametrize("links,expected", [
    # a bare "›" is the next page, a "»" beside it the last one
    ('<a href="/n?p=3">»</a> <a href="/n?p=2">›</a>', "/n?p=2"),
    ('<a href="/n?p=2">»</a>', "/n?p=2"),
    # labelled for screen readers only
    ('<a aria-label="Zur nächsten Seite wechseln" href="/n?start=10"><span class="icon"></span></a>', "/n?start=10"),
    ('<a aria-label="Zur letzten Seite" href="/n?start=90">»</a>', None),
    # the page number in the URL: the smallest one above this page's
    ('<a href="/n/seite/3">3</a> <a href="/n/seite/2">2</a>', "/n/seite/2"),
    ('<a href="/n/page/2/">2</a>', "/n/page/2/"),
    ('<a href="/n?page=1">2</a> <a href="/n?page=2">3</a>', "/n?page=1"),  # Drupal counts from 0
    ('<a href="/anderswo/seite/2">2</a>', None),  # another listing's pages
])
def test_the_next_page_is_found_by_arrows_labels_and_page_numbers(links, expected):
    page = f"<html><body><main><h2><a href='/a'>A</a></h2><div class='unten'>{links}</div></main></body></html>"
    found = analyse(page, "http://h.example/n").next_page
    assert found == (f"http://h.example{expected}" if expected else None)


def test_a_plain_list_is_a_listing_and_a_menu_in_the_content_is_not():
    page = """<html><body><main><h1>Aktuelles</h1>
      <ul><li><a href="/m/jena-und-berkeley-planen-ein-projekt.html">Jena und Berkeley planen ein Projekt</a></li>
          <li><a href="/m/erlangen-sammelt-buecher-fuer-wladimir.html">Erlangen sammelt Bücher für Wladimir</a></li>
          <li><a href="/m/4711">Delegation aus Tübingen in Villa El Salvador</a></li></ul>
      <ul><li><a href="/rathaus/">Rathaus</a></li><li><a href="/kontakt.html">Kontakt</a></li>
          <li><a href="/buergerservice/">Bürgerservice</a></li></ul>
    </main></body></html>"""
    found = analyse(page, "http://h.example/aktuelles/")
    assert found.is_listing
    assert [l.url.removeprefix("http://h.example") for l in found.articles] == [
        "/m/jena-und-berkeley-planen-ein-projekt.html", "/m/erlangen-sammelt-buecher-fuer-wladimir.html", "/m/4711"]
