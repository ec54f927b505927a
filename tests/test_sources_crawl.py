"""Crawling the fixture site: listings with pagination, two article layouts, feeds, sitemaps,
robots.txt, other hosts, misbehaving pages, and the ``crawl`` command."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "sites"))
from siteserver import SITE, SiteServer  # noqa: E402

from partnergraph import cli  # noqa: E402
from partnergraph.errors import SourceError  # noqa: E402
from partnergraph.models import Article  # noqa: E402
from partnergraph.sources.crawl import CrawlOptions, Crawler, crawl_articles  # noqa: E402
from partnergraph.sources.dates import parse_date  # noqa: E402
from partnergraph.sources.files import read_jsonl  # noqa: E402
from partnergraph.sources.html import article_from_html  # noqa: E402
from partnergraph.sources.listing import analyse  # noqa: E402

FAST = ["--delay", "0", "--timeout", "0.5", "--retries", "1", "--max-bytes", str(2**20)]


def options(tmp_path: Path, **kw) -> CrawlOptions:
    base = dict(delay=0.0, timeout=0.5, retries=1, backoff=0.01, max_bytes=2**20, cache_dir=tmp_path / "cache")
    base.update(kw)
    return CrawlOptions(**base)


@pytest.fixture
def site():
    with SiteServer() as other, SiteServer() as s:
        s.other_origin = other.origin
        s.other = other
        yield s


def split(items):
    articles = [i for i in items if isinstance(i, Article)]
    errors = {e.source: str(e)[len(e.source) + 2:] for e in items if isinstance(e, SourceError)}
    return articles, errors


# -- listings -------------------------------------------------------------------------------------

def test_a_listing_is_followed_through_its_pages_to_every_article(site, tmp_path):
    articles, errors = split(list(crawl_articles([site.url("/aktuelles/")], options(tmp_path))))
    assert [a.title for a in articles] == [
        "Freiburg und Lwiw: Hilfe, die ankommt",
        "Köln und Tunis tauschen sich zur Abfallwirtschaft aus",
        "Hannover und Blantyre: Schulen im Austausch",
        "Nürnberg und San Carlos: Solaranlage für das Gesundheitszentrum",
        "Ludwigsburg und Montbéliard: Eine Freundschaft seit 1950",
        "München und Kyjiw: Busse für die Partnerstadt",
    ]
    assert site.paths == [
        "/robots.txt", "/aktuelles/", "/meldungen/freiburg-lwiw.html", "/rathaus/news/koeln-tunis.html",
        "/aktuelles/seite-2.html", "/meldungen/hannover-blantyre.html", "/rathaus/news/nuernberg-san-carlos.html",
        "/meldungen/ludwigsburg-montbeliard.html", "/aktuelles/seite-3.html", "/meldungen/muenchen-kyjiw.html",
    ]
    assert set(errors) == {site.url("/intern/entwurf-jahresbericht.html"),
                           site.other.url("/meldung/fremde-seite.html")}


def test_the_disallowed_article_is_skipped_with_robots_txt_as_the_reason(site, tmp_path):
    _, errors = split(list(crawl_articles([site.url("/aktuelles/")], options(tmp_path))))
    assert errors[site.url("/intern/entwurf-jahresbericht.html")].startswith("disallowed by ")
    assert "/intern/entwurf-jahresbericht.html" not in site.paths


def test_nothing_outside_the_start_host_is_requested(site, tmp_path):
    items = list(crawl_articles([site.url("/aktuelles/"), site.url("/feed.xml"), site.url("/kaputt/umzug.html")],
                                options(tmp_path)))
    _, errors = split(items)
    assert site.other.log == []
    assert "on another host" in errors[site.other.url("/meldung/fremde-seite.html")]
    assert "redirects to another host" in errors[site.url("/kaputt/umzug.html")]


def test_any_host_follows_links_to_other_hosts(site, tmp_path):
    list(crawl_articles([site.url("/feed.xml")], options(tmp_path, same_host=False)))
    assert site.other.paths == ["/robots.txt", "/meldung/fremde-seite.html"]


def test_max_pages_stops_the_pagination(site, tmp_path):
    articles, _ = split(list(crawl_articles([site.url("/aktuelles/")], options(tmp_path, max_pages=2))))
    assert "/aktuelles/seite-3.html" not in site.paths and "/meldungen/muenchen-kyjiw.html" not in site.paths
    assert len(articles) == 5


def test_max_articles_stops_reading_article_pages(site, tmp_path):
    articles, _ = split(list(crawl_articles([site.url("/aktuelles/")], options(tmp_path, max_articles=1))))
    assert [a.title for a in articles] == ["Freiburg und Lwiw: Hilfe, die ankommt"]
    assert "/aktuelles/seite-2.html" not in site.paths


def test_an_article_page_as_start_url_is_one_article(site, tmp_path):
    articles, errors = split(list(crawl_articles([site.url("/rathaus/news/koeln-tunis.html")], options(tmp_path))))
    assert len(articles) == 1 and not errors
    assert site.paths == ["/robots.txt", "/rathaus/news/koeln-tunis.html"]


# -- feeds and sitemaps ---------------------------------------------------------------------------

def test_an_rss_feed_leads_to_its_articles(site, tmp_path):
    articles, errors = split(list(crawl_articles([site.url("/feed.xml")], options(tmp_path))))
    assert [a.url for a in articles] == [site.url("/meldungen/freiburg-lwiw.html"),
                                         "https://gemeindeblatt.beispiel.de/meldungen/hannover-blantyre.html"]
    assert list(errors) == [site.other.url("/meldung/fremde-seite.html")]


def test_an_atom_feed_leads_to_its_articles(site, tmp_path):
    articles, _ = split(list(crawl_articles([site.url("/atom.xml")], options(tmp_path))))
    assert [a.date for a in articles] == [dt.date(2024, 2, 5), dt.date(2023, 12, 19)]


def test_a_sitemap_index_leads_through_its_sitemaps_to_the_articles(site, tmp_path):
    articles, _ = split(list(crawl_articles([site.url("/sitemap.xml")], options(tmp_path))))
    assert [a.title for a in articles] == ["Ludwigsburg und Montbéliard: Eine Freundschaft seit 1950",
                                           "München und Kyjiw: Busse für die Partnerstadt"]
    assert "/sitemap-meldungen.xml" in site.paths


def test_a_feed_date_fills_in_for_a_page_without_one(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    (root / "feed.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>Ohne Datum</title>'
        "<link>/ohne-datum.html</link><pubDate>Mon, 04 Mar 2024 09:00:00 +0100</pubDate></item></channel></rss>",
        encoding="utf-8")
    (root / "ohne-datum.html").write_text(
        "<html><body><article><h1>Ohne Datum</h1><p>Bamberg und Villach sind seit 1973 Partnerstädte, "
        "und die Seite nennt kein Datum.</p></article></body></html>", encoding="utf-8")
    with SiteServer(root) as s:
        articles, _ = split(list(crawl_articles([s.url("/feed.xml")], options(tmp_path))))
    assert articles[0].date == dt.date(2024, 3, 4)


# -- misbehaving pages --------------------------------------------------------------------------

def test_each_misbehaving_page_gives_one_error_naming_it_and_the_crawl_goes_on(site, tmp_path):
    site.slow_seconds = 1.0
    crawler = Crawler(options(tmp_path, timeout=0.3))
    articles, errors = split(list(crawler.crawl([site.url("/kaputt/index.html")])))
    reasons = {url.removeprefix(site.origin): reason for url, reason in errors.items()}
    expected = {
        "/kaputt/langsam.html": "no answer within 0.3 s",
        "/kaputt/riesig.html": "exceeds --max-bytes",
        "/kaputt/bericht": "content type application/pdf",
        "/kaputt/kreis-a.html": "redirect loop",
        "/kaputt/abgeschnitten.html": "truncated response",
        "/kaputt/latin1.html": "invalid utf-8",
        "/kaputt/leer.html": "no article text",
        "/kaputt/fehlt.html": "HTTP 404",
        "/kaputt/ausfall.html": "HTTP 503",
    }
    assert set(reasons) == set(expected)
    for path, needle in expected.items():
        assert needle in reasons[path], (path, reasons[path])
    # the 500 and the 429 were retried, so both pages made it
    assert sorted(a.url.removeprefix(site.origin) for a in articles) == ["/kaputt/ueberlastet.html",
                                                                       "/kaputt/wackelig.html"]
    assert crawler.counts.errors == len(expected) and crawler.counts.articles == 2


def test_a_canonical_url_pointing_at_the_home_page_is_not_trusted(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    (root / "a.html").write_text(
        '<html><head><link rel="canonical" href="/"></head><body><article><h1>Titel</h1>'
        "<p>Freiburg im Breisgau und Padua pflegen seit 1967 eine Städtepartnerschaft.</p></article></body></html>",
        encoding="utf-8")
    with SiteServer(root) as s:
        articles, _ = split(list(crawl_articles([s.url("/a.html")], options(tmp_path))))
    assert articles[0].url == s.url("/a.html")


def test_a_start_url_that_is_not_http_is_reported(tmp_path):
    _, errors = split(list(crawl_articles(["ftp://example.org/x"], options(tmp_path))))
    assert errors == {"ftp://example.org/x": "not an http(s) URL"}


# -- what the pages give --------------------------------------------------------------------------

def _article(path: str) -> Article:
    return article_from_html((SITE / path).read_bytes(), origin=path, default_url=f"http://127.0.0.1:1/{path}")


def test_layout_a_gives_title_date_dateline_caption_and_only_the_article_text():
    a = _article("meldungen/freiburg-lwiw.html")
    assert a.title == "Freiburg und Lwiw: Hilfe, die ankommt"
    assert a.date == dt.date(2024, 3, 12) and a.place == "Freiburg"
    assert a.image_alt == "Ein Chor auf den Stufen eines Theaters."  # the photo credit is gone
    assert a.text.startswith("Seit 1989 sind Freiburg im Breisgau und Lwiw")
    for chrome in ("Cookies", "Einverstanden", "Startseite", "Marktplatz 1", "Impressum", "Mehr zum Thema", "Foto:"):
        assert chrome not in a.text


def test_layout_b_gives_a_numeric_date_and_a_dateline_of_its_own_paragraph():
    a = _article("rathaus/news/nuernberg-san-carlos.html")
    assert a.date == dt.date(2023, 12, 19) and a.place == "Nürnberg"
    assert a.url == "http://127.0.0.1:1/rathaus/news/nuernberg-san-carlos.html"  # relative canonical, resolved
    assert a.text.startswith("Seit 1985 verbindet Nürnberg")
    for chrome in ("Cookies", "Zurück zur Übersicht", "Postfach", "Start ›"):
        assert chrome not in a.text


def test_json_ld_gives_date_and_headline_and_an_agency_dateline_its_place():
    a = _article("meldungen/ludwigsburg-montbeliard.html")
    assert a.date == dt.date(2023, 9, 15) and a.title.startswith("Ludwigsburg und Montbéliard")
    assert a.place == "Ludwigsburg" and a.text.startswith("Im Jahr 1950 schlossen")
    assert a.image_alt == "Ein barockes Schloss im Abendlicht."


@pytest.mark.parametrize("text,date", [
    ("19. Dezember 2023", dt.date(2023, 12, 19)), ("19. Dez. 2023", dt.date(2023, 12, 19)),
    ("19 Dezember 2023", dt.date(2023, 12, 19)), ("19.12.2023", dt.date(2023, 12, 19)),
    ("19.12.23", dt.date(2023, 12, 19)), ("2023-12-19T10:00:00+01:00", dt.date(2023, 12, 19)),
    ("Stand: 1. März 2024, 10:15 Uhr", dt.date(2024, 3, 1)), ("Di., 19.12.2023", dt.date(2023, 12, 19)),
    ("Tue, 19 Dec 2023 10:00:00 GMT", dt.date(2023, 12, 19)), ("31.02.2024", None), ("Version 1.2.34.5", None),
])
def test_german_dates_in_the_forms_news_sites_write_them(text, date):
    assert parse_date(text) == date


def test_a_listing_is_told_from_an_article_and_its_chrome_links_are_ignored():
    listing = analyse((SITE / "aktuelles/index.html").read_text(encoding="utf-8"), "http://h.example/aktuelles/")
    assert listing.is_listing and listing.next_page == "http://h.example/aktuelles/seite-2.html"
    urls = [l.url for l in listing.articles]
    assert "http://h.example/meldungen/freiburg-lwiw.html" in urls
    assert not any(u.endswith(("/kontakt.html", "/impressum.html", "/datenschutz.html", "/")) for u in urls)
    article = analyse((SITE / "meldungen/freiburg-lwiw.html").read_text(encoding="utf-8"), "http://h.example/m.html")
    assert article.is_article and not article.is_listing


@pytest.mark.parametrize("pagination,expected", [
    ('<a href="/s2">weiter »</a>', "/s2"),
    ('<a href="/s2">Nächste Seite</a>', "/s2"),
    ('<a href="/s2" aria-label="Nächste Seite">›</a>', "/s2"),
    ('<div class="pager"><span class="current">1</span> <a href="/s2">2</a> <a href="/s3">3</a></div>', "/s2"),
    ('<ul class="pagination"><li><a href="/s1">1</a></li><li><a aria-current="page" href="/s2">2</a></li>'
     '<li><a href="/s3">3</a></li></ul>', "/s3"),
    ('<a href="/s0">zurück</a>', None),
])
def test_the_next_page_is_found_by_rel_text_or_number(pagination, expected):
    page = f"<html><body><main><h2><a href='/a'>A</a></h2>{pagination}</main></body></html>"
    found = analyse(page, "http://h.example/s1").next_page
    assert found == (f"http://h.example{expected}" if expected else None)


# -- the crawl command ----------------------------------------------------------------------------

def test_crawl_writes_json_lines_that_build_reads_back(site, tmp_path, capsys):
    out = tmp_path / "artikel.jsonl"
    rc = cli.main(["crawl", site.url("/aktuelles/"), "-o", str(out), "-d", str(tmp_path / "g"), *FAST])
    assert rc == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 6 and records[0]["url"] == site.url("/meldungen/freiburg-lwiw.html")
    assert records[0]["date"] == "2024-03-12" and records[0]["place"] == "Freiburg"
    read_back = list(read_jsonl(out))
    assert all(isinstance(a, Article) for a in read_back)
    assert [a.content_hash for a in read_back] == [
        a.content_hash for a in crawl_articles([site.url("/aktuelles/")], options(tmp_path, offline=True,
                                                                                   cache_dir=tmp_path / "g" / "http-cache"))
        if isinstance(a, Article)]
    err = capsys.readouterr().err.splitlines()
    skipped = [line for line in err if line.startswith("partnergraph: skipped ")]
    assert len(skipped) == 2 and any("robots.txt" in line for line in skipped)
    assert any("crawl: page 2" in line for line in err)
    assert any("6 articles, 2 errors" in line for line in err)


def test_crawl_quiet_prints_only_the_skipped_urls(site, tmp_path, capsys):
    cli.main(["crawl", site.url("/feed.xml"), "-q", "-d", str(tmp_path), *FAST])
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 2
    assert captured.err.splitlines() == [
        f"partnergraph: skipped {site.other.url('/meldung/fremde-seite.html')}: on another host than the "
        "start URLs (--any-host follows it)"]


def test_crawl_without_any_article_fails_with_one_line(site, tmp_path, capsys):
    rc = cli.main(["crawl", site.url("/kaputt/fehlt.html"), "-q", "-d", str(tmp_path), *FAST])
    err = capsys.readouterr().err.splitlines()
    assert rc == 1
    assert err == [f"partnergraph: skipped {site.url('/kaputt/fehlt.html')}: HTTP 404 Not Found",
                   f"partnergraph: error: no articles found at {site.url('/kaputt/fehlt.html')}"]


def test_crawl_refuses_a_negative_delay(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["crawl", "http://h.example/", "--delay", "-1"])
    assert info.value.code == 2 and "must not be negative" in capsys.readouterr().err


def test_the_same_page_read_again_in_one_process_gives_the_same_article():
    first = _article("meldungen/muenchen-kyjiw.html")
    assert all(_article("meldungen/muenchen-kyjiw.html") == first for _ in range(3))
