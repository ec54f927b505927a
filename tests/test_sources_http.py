"""The polite fetcher against a real HTTP server on 127.0.0.1: robots.txt, delays, retries,
limits, redirects and the conditional-request cache."""

from __future__ import annotations

import socket
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "sites"))
from siteserver import SiteServer  # noqa: E402

from partnergraph.errors import FetchError  # noqa: E402
from partnergraph.sources.crawl import DEFAULT_USER_AGENT, CrawlOptions  # noqa: E402
from partnergraph.sources.http import Fetcher, host_key, media_type, retry_after_seconds  # noqa: E402
from partnergraph.sources.httpcache import CacheEntry, HttpCache  # noqa: E402


def options(tmp_path: Path, **kw) -> CrawlOptions:
    """Tiny pauses and limits, so the misbehaving pages cost milliseconds, not minutes."""
    base = dict(delay=0.0, timeout=0.5, retries=1, backoff=0.01, max_bytes=2**20, cache_dir=tmp_path / "cache")
    base.update(kw)
    return CrawlOptions(**base)


@pytest.fixture
def site():
    with SiteServer() as other, SiteServer() as s:
        s.other_origin = other.origin
        s.other = other
        yield s


def fetch_error(fetcher: Fetcher, url: str, **kw) -> FetchError:
    with pytest.raises(FetchError) as info:
        fetcher.fetch(url, **kw)
    return info.value


# -- identity and politeness --------------------------------------------------------------------

def test_requests_carry_a_user_agent_naming_partnergraph_and_a_contact_url(site, tmp_path):
    Fetcher(options(tmp_path)).fetch(site.url("/aktuelles/"))
    agents = {headers.get("User-Agent") for _, headers in site.log}
    assert agents == {DEFAULT_USER_AGENT}
    assert DEFAULT_USER_AGENT.startswith("partnergraph/") and "(+https://" in DEFAULT_USER_AGENT


def test_robots_txt_is_read_once_per_host_before_anything_else(site, tmp_path):
    f = Fetcher(options(tmp_path))
    f.fetch(site.url("/aktuelles/"))
    f.fetch(site.url("/meldungen/freiburg-lwiw.html"))
    assert site.paths == ["/robots.txt", "/aktuelles/", "/meldungen/freiburg-lwiw.html"]


def test_a_path_robots_txt_disallows_is_refused_without_a_request(site, tmp_path):
    err = fetch_error(Fetcher(options(tmp_path)), site.url("/intern/entwurf-jahresbericht.html"))
    assert str(err).startswith(site.url("/intern/entwurf-jahresbericht.html"))
    assert "disallowed by" in str(err) and "robots.txt" in str(err)
    assert err.transient is False
    assert "/intern/entwurf-jahresbericht.html" not in site.paths


def test_ignore_robots_fetches_disallowed_paths_and_never_reads_robots_txt(site, tmp_path):
    page = Fetcher(options(tmp_path, ignore_robots=True)).fetch(site.url("/intern/entwurf-jahresbericht.html"))
    assert b"Entwurf" in page.body
    assert site.paths == ["/intern/entwurf-jahresbericht.html"]


def test_robots_txt_answering_5xx_means_the_site_is_treated_as_disallowed(site, tmp_path):
    site.broken["/robots.txt"] = 503
    err = fetch_error(Fetcher(options(tmp_path, retries=0)), site.url("/aktuelles/"))
    assert "robots.txt answered HTTP 503" in str(err) and err.transient is True
    assert "/aktuelles/" not in site.paths


def test_a_missing_robots_txt_allows_everything(site, tmp_path):
    site.broken["/robots.txt"] = 404
    assert Fetcher(options(tmp_path)).fetch(site.url("/intern/entwurf-jahresbericht.html")).status == 200


@pytest.mark.alone  # each wait is the delay less the last request's time: more than 0.2 s of 0.25 s
def test_requests_to_one_host_are_spaced_by_the_delay(site, tmp_path):
    waits: list[float] = []
    f = Fetcher(options(tmp_path, delay=0.25), sleep=waits.append)
    for path in ("/aktuelles/", "/aktuelles/seite-2.html", "/aktuelles/seite-3.html"):
        f.fetch(site.url(path))
    # robots.txt, then three pages: every request after the first waited for (most of) the delay
    assert len(waits) == 3 and all(0.2 < w <= 0.25 for w in waits)


def test_a_longer_crawl_delay_in_robots_txt_wins_over_the_delay(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    (root / "robots.txt").write_text("User-agent: partnergraph\nCrawl-delay: 2\nDisallow:\n", encoding="utf-8")
    (root / "a.html").write_text("<html><body><p>a</p></body></html>", encoding="utf-8")
    waits: list[float] = []
    with SiteServer(root) as s:
        f = Fetcher(options(tmp_path, delay=0.1), sleep=waits.append)
        f.fetch(s.url("/a.html"))
        f.fetch(s.url("/a.html"))
    assert waits and all(1.9 < w <= 2.0 for w in waits)


# -- retries --------------------------------------------------------------------------------------

def test_a_500_is_retried_and_the_second_answer_used(site, tmp_path):
    f = Fetcher(options(tmp_path))
    page = f.fetch(site.url("/kaputt/wackelig.html"))
    assert b"Cape Coast" in page.body
    assert site.hits["/kaputt/wackelig.html"] == 2 and f.stats.retries == 1


def test_a_429_waits_as_long_as_retry_after_says(site, tmp_path):
    f = Fetcher(options(tmp_path))
    started = time.monotonic()
    page = f.fetch(site.url("/kaputt/ueberlastet.html"))
    assert page.status == 200 and f.stats.waited == [1.0]
    assert time.monotonic() - started >= 1.0


def test_a_retry_after_beyond_the_limit_gives_up_at_once(site, tmp_path):
    f = Fetcher(options(tmp_path, max_retry_after=0.5))
    err = fetch_error(f, site.url("/kaputt/ueberlastet.html"))
    assert "HTTP 429" in str(err) and "--max-retry-after" in str(err)
    assert err.transient is True and site.hits["/kaputt/ueberlastet.html"] == 1


def test_a_server_that_keeps_failing_is_reported_after_the_retries_with_backoff(site, tmp_path):
    f = Fetcher(options(tmp_path, retries=2, backoff=0.01))
    err = fetch_error(f, site.url("/kaputt/ausfall.html"))
    assert str(err) == f"{site.url('/kaputt/ausfall.html')}: HTTP 503 Service Unavailable (gave up after 3 attempts)"
    assert err.status == 503 and err.transient is True
    assert f.stats.waited == [0.01, 0.02]


@pytest.mark.alone  # 0.7 s of margin over its 0.2 s timeout
def test_a_slow_page_times_out(site, tmp_path):
    site.slow_seconds = 1.0
    f = Fetcher(options(tmp_path, timeout=0.2, retries=0))
    started = time.monotonic()
    err = fetch_error(f, site.url("/kaputt/langsam.html"))
    assert "no answer within 0.2 s (--timeout)" in str(err) and err.transient is True
    assert time.monotonic() - started < 0.9


def test_a_404_is_final_and_says_the_page_is_gone(site, tmp_path):
    err = fetch_error(Fetcher(options(tmp_path)), site.url("/kaputt/fehlt.html"))
    assert str(err) == f"{site.url('/kaputt/fehlt.html')}: HTTP 404 Not Found"
    assert err.status == 404 and err.transient is False and site.hits["/kaputt/fehlt.html"] == 1


def test_an_unreachable_host_is_reported_without_retrying(tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/aktuelles/"
    err = fetch_error(Fetcher(options(tmp_path, retries=3, backoff=5)), url)
    assert str(err) == f"{url}: connection refused" and err.transient is True


# -- limits ---------------------------------------------------------------------------------------

def test_a_body_larger_than_max_bytes_is_refused_by_its_content_length(site, tmp_path):
    f = Fetcher(options(tmp_path, max_bytes=2**20))
    err = fetch_error(f, site.url("/kaputt/riesig.html"))
    assert "exceeds --max-bytes 1048576" in str(err)
    assert f.stats.bytes_received == len(site_robots_bytes(site))


def site_robots_bytes(site) -> bytes:
    return (site.root / "robots.txt").read_bytes()


def test_a_body_without_content_length_is_cut_off_at_max_bytes(site, tmp_path):
    f = Fetcher(options(tmp_path, max_bytes=2**20))
    err = fetch_error(f, site.url("/kaputt/riesig-strom.html"))
    assert str(err) == f"{site.url('/kaputt/riesig-strom.html')}: body exceeds --max-bytes 1048576"


def test_content_that_is_neither_html_nor_a_feed_is_refused_unread(site, tmp_path):
    err = fetch_error(Fetcher(options(tmp_path)), site.url("/kaputt/bericht"))
    assert "content type application/pdf" in str(err)


def test_a_truncated_body_is_retried_and_then_reported(site, tmp_path):
    err = fetch_error(Fetcher(options(tmp_path, retries=1)), site.url("/kaputt/abgeschnitten.html"))
    assert "truncated response" in str(err) and "5000 bytes announced" in str(err)
    assert site.hits["/kaputt/abgeschnitten.html"] == 2


# -- redirects ------------------------------------------------------------------------------------

def test_a_redirect_loop_is_named_as_such(site, tmp_path):
    err = fetch_error(Fetcher(options(tmp_path)), site.url("/kaputt/kreis-a.html"))
    assert "redirect loop" in str(err) and "kreis-b.html" in str(err)
    assert site.hits["/kaputt/kreis-a.html"] == 1 and site.hits["/kaputt/kreis-b.html"] == 1


def test_redirects_are_bounded(site, tmp_path):
    err = fetch_error(Fetcher(options(tmp_path, max_redirects=3)), site.url("/kaputt/kette-0.html"))
    assert "more than 3 redirects" in str(err)
    assert sorted(p for p in site.paths if "kette" in p) == [f"/kaputt/kette-{i}.html" for i in range(4)]


def test_a_redirect_to_another_host_is_not_followed_when_hosts_are_restricted(site, tmp_path):
    own = host_key(site.origin)
    err = fetch_error(Fetcher(options(tmp_path)), site.url("/kaputt/umzug.html"),
                      host_ok=lambda u: host_key(u) == own)
    assert "redirects to another host" in str(err)
    assert site.other.paths == []


# -- the cache ------------------------------------------------------------------------------------

def test_a_second_fetch_is_conditional_and_transfers_no_body(site, tmp_path):
    first = Fetcher(options(tmp_path))
    page = first.fetch(site.url("/aktuelles/"))
    second = Fetcher(options(tmp_path))
    again = second.fetch(site.url("/aktuelles/"))
    assert again.body == page.body and again.from_cache
    assert second.stats.not_modified == 2 and second.stats.bytes_received == 0  # robots.txt and the page
    last_headers = site.log[-1][1]
    assert last_headers.get("If-None-Match", "").startswith('"')


def test_a_page_with_only_last_modified_is_revalidated_with_if_modified_since(site, tmp_path):
    Fetcher(options(tmp_path)).fetch(site.url("/kaputt/nur-datum.html"))
    f = Fetcher(options(tmp_path))
    assert f.fetch(site.url("/kaputt/nur-datum.html")).from_cache
    assert site.log[-1][1].get("If-Modified-Since") == "Mon, 15 Jan 2024 08:00:00 GMT"
    assert f.stats.not_modified == 2


def test_a_changed_page_is_fetched_again(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    (root / "a.html").write_text("<p>alt</p>", encoding="utf-8")
    with SiteServer(root) as s:
        Fetcher(options(tmp_path)).fetch(s.url("/a.html"))
        (root / "a.html").write_text("<p>neu</p>", encoding="utf-8")
        f = Fetcher(options(tmp_path))
        page = f.fetch(s.url("/a.html"))
    assert page.body == b"<p>neu</p>" and not page.from_cache


def test_offline_answers_from_the_cache_without_any_request(site, tmp_path):
    Fetcher(options(tmp_path)).fetch(site.url("/aktuelles/"))
    before = len(site.log)
    f = Fetcher(options(tmp_path, offline=True))
    assert b"Aktuelles" in f.fetch(site.url("/aktuelles/")).body
    err = fetch_error(f, site.url("/aktuelles/seite-2.html"))
    assert str(err).endswith("not in the HTTP cache (--offline)") and err.transient is True
    assert len(site.log) == before and f.stats.requests == 0


def test_offline_follows_redirects_recorded_in_the_cache(tmp_path):
    cache = HttpCache(tmp_path / "cache")
    cache.put(CacheEntry(url="http://a.example/alt", status=301, location="/neu"))
    cache.put(CacheEntry(url="http://a.example/neu", status=200, content_type="text/html", body=b"<p>neu</p>"))
    page = Fetcher(options(tmp_path, offline=True)).fetch("http://a.example/alt")
    assert page.final_url == "http://a.example/neu" and page.body == b"<p>neu</p>"


def test_a_damaged_cache_body_is_treated_as_absent(tmp_path):
    cache = HttpCache(tmp_path / "cache")
    cache.put(CacheEntry(url="http://a.example/x", status=200, content_type="text/html", body=b"<p>x</p>"))
    body_file = next((tmp_path / "cache").rglob("*.body"))
    body_file.write_bytes(b"<p>kaputt</p>")
    assert cache.get("http://a.example/x") is None


# -- small helpers --------------------------------------------------------------------------------

@pytest.mark.parametrize("url,key", [
    ("https://www.Example.de/a", "example.de"), ("http://example.de:80/a", "example.de"),
    ("http://127.0.0.1:8080/", "127.0.0.1:8080"), ("https://example.de:8443/", "example.de:8443"),
])
def test_host_key_ignores_scheme_www_and_default_ports(url, key):
    assert host_key(url) == key


def test_media_type_and_charset_are_read_from_content_type():
    assert media_type('text/html; charset="ISO-8859-1"') == ("text/html", "ISO-8859-1")
    assert media_type("") == ("", None)


def test_retry_after_accepts_seconds_and_http_dates():
    assert retry_after_seconds("7", now=0) == 7.0
    assert retry_after_seconds("Thu, 01 Jan 1970 00:01:40 GMT", now=40.0) == 60.0
    assert retry_after_seconds("bald", now=0) is None


# -- a deadline per request, whatever the server trickles ------------------------------------------

class TrickleServer:
    """A loopback server that answers every request one byte at a time, `interval` seconds
    apart: the whole answer (`trickle="headers"`: a long header line, so the headers never end)
    or, after complete headers, the body. It gives up after `limit` seconds."""

    def __init__(self, trickle: str, *, interval: float = 0.1, limit: float = 15.0):
        import threading

        self.trickle, self.interval, self.limit = trickle, interval, limit
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(5)
        self.sock.close()

    @property
    def url(self) -> str:
        scheme = "https" if self.trickle == "tls" else "http"
        return f"{scheme}://127.0.0.1:{self.sock.getsockname()[1]}/langsam.html"

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(2)
                try:
                    if self.trickle != "tls":  # a TLS client speaks first, and waits
                        conn.recv(65536)
                    body = b"<html><body><p>" + b"Langsam kommt der Text. " * 40 + b"</p></body></html>"
                    head = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                            + b"Content-Length: " + str(len(body)).encode() + b"\r\n")
                    if self.trickle == "tls":  # a TLS record header announcing 16 KB, then drops
                        slow, fast = b"\0" * 16384, b"\x16\x03\x03\x40\x00"
                    elif self.trickle == "headers":
                        slow, fast = head + b"X-Polster: " + b"a" * 400 + b"\r\n\r\n" + body, b""
                    else:
                        fast, slow = head + b"\r\n", body
                    conn.sendall(fast)
                    started = time.monotonic()
                    for i in range(len(slow)):
                        if self.stop.is_set() or time.monotonic() - started > self.limit:
                            break
                        conn.sendall(slow[i:i + 1])
                        time.sleep(self.interval)
                except OSError:
                    pass  # the client hung up: what the deadline is for


@pytest.mark.alone  # a bound of 2 s on a deadline of 1 s
@pytest.mark.parametrize("trickle", ["headers", "body", "tls"])
def test_the_timeout_is_a_deadline_for_the_whole_request_even_if_the_server_trickles(tmp_path, trickle):
    with TrickleServer(trickle) as server:
        fetcher = Fetcher(options(tmp_path, timeout=1.0, retries=0, ignore_robots=True))
        started = time.monotonic()
        err = fetch_error(fetcher, server.url)
        elapsed = time.monotonic() - started
    # one byte per 0.1 s: the answer (or the TLS handshake) would take over 40 s; the deadline
    # ends it at 1 s
    assert elapsed < 2.0, f"the request took {elapsed:.1f} s"
    assert "within 1 s (--timeout)" in str(err) and err.transient


@pytest.mark.alone  # a bound of 2.5 s on three deadlines of 0.5 s
def test_a_trickled_request_is_retried_and_each_attempt_keeps_its_deadline(tmp_path):
    with TrickleServer("body") as server:
        fetcher = Fetcher(options(tmp_path, timeout=0.5, retries=2, backoff=0.01, ignore_robots=True))
        started = time.monotonic()
        err = fetch_error(fetcher, server.url)
        elapsed = time.monotonic() - started
    assert "gave up after 3 attempts" in str(err)
    assert elapsed < 3 * 0.5 + 1.0, f"three attempts took {elapsed:.1f} s"
