"""The polite fetcher: robots.txt, a delay per host, retries with backoff, limits, and a cache.

`Fetcher.fetch(url)` returns a `Page` or raises `FetchError` whose message is the URL and the
reason. Every request goes through `requests` with redirects followed by hand, so each hop is
checked (robots.txt, host, loops, count). Responses are kept in an `HttpCache`; the next request
for the same URL is conditional (If-None-Match / If-Modified-Since) and a ``304 Not Modified``
costs a few hundred bytes. ``offline=True`` answers from the cache alone and never opens a socket.

A `FetchError` carries two attributes the build uses to decide what ``--prune`` may remove:
``status`` (the HTTP status, when there was one) and ``transient`` (True when the failure says
nothing about whether the page still exists: network errors, timeouts, truncated bodies, 5xx,
429, 401/403/408, an unavailable robots.txt, redirect loops).
"""

from __future__ import annotations

import email.utils
import logging
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests

from ..errors import FetchError
from .deadline import Deadline, DeadlineAdapter
from .httpcache import CacheEntry, HttpCache
from .options import CrawlOptions
from .patterns import PAGE_TYPES

LOGGER = logging.getLogger(__name__)

#: statuses worth another try after a pause (RFC 9110: 503 and 429 may carry Retry-After)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
#: statuses that say nothing about whether the page exists (so --prune must not act on them)
TRANSIENT_STATUSES = RETRY_STATUSES | {401, 403, 408}
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
#: the product token matched against robots.txt User-agent lines (RFC 9309 section 2.2.1)
ROBOTS_TOKEN = "partnergraph"
#: a robots.txt Crawl-delay above this many seconds is capped: a site asking for an hour between
#: requests would stall the crawl; 30 s is the largest delay we found sensible for news listings
MAX_CRAWL_DELAY = 30.0
#: what we read: pages and feeds first, anything else (robots.txt) last
ACCEPT = ("text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
          "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1")
#: bytes read from the network per chunk (64 KiB: the usual socket buffer size)
CHUNK = 65536


def fetch_error(url: str, reason: str, *, status: int | None = None, transient: bool = False) -> FetchError:
    err = FetchError(reason, source=url)
    err.status = status
    err.transient = transient
    return err


def strip_fragment(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def host_key(url: str) -> str:
    """What "the same host" means: the host name without ``www.``, and a non-default port.

    The scheme is left out so that the usual ``http`` → ``https`` upgrade stays on the host.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    try:
        port = parts.port
    except ValueError:
        port = None
    return f"{host}:{port}" if port and port not in (80, 443) else host


def media_type(header: str) -> tuple[str, str | None]:
    """``text/html; charset=ISO-8859-1`` → ("text/html", "ISO-8859-1")."""
    parts = [p.strip() for p in (header or "").split(";")]
    mtype = parts[0].lower()
    charset = None
    for p in parts[1:]:
        name, _, value = p.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return mtype, charset


def retry_after_seconds(value: str | None, now: float) -> float | None:
    """The pause a Retry-After header asks for: delta-seconds or an HTTP date (RFC 9110 10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)


@dataclass
class Page:
    url: str  # as requested
    final_url: str  # after redirects
    status: int
    content_type: str  # media type, lower case, without parameters ("" when the server sent none)
    charset: str | None
    body: bytes
    from_cache: bool = False  # the body came from the cache (a 304 answer, or --offline)


@dataclass
class FetchStats:
    requests: int = 0  # HTTP requests sent
    bytes_received: int = 0  # body bytes received over the network
    not_modified: int = 0  # 304 answers: the cached body was still good
    offline_hits: int = 0  # answers from the cache without a request (--offline)
    retries: int = 0
    waited: list[float] = field(default_factory=list)  # pauses before retries, in seconds


class _Redirect(Exception):
    def __init__(self, location: str):
        self.location = location


class _Rules:
    """robots.txt of one origin: a parser, or a blanket refusal with its reason."""

    def __init__(self, parser: urllib.robotparser.RobotFileParser | None = None, refusal: str = ""):
        self.parser = parser
        self.refusal = refusal

    def allows(self, url: str) -> bool:
        if self.refusal:
            return False
        return self.parser is None or self.parser.can_fetch(ROBOTS_TOKEN, url)


class Fetcher:
    """Fetches pages politely; one instance per crawl (it remembers hosts and robots.txt files)."""

    def __init__(self, options: CrawlOptions, *, session: requests.Session | None = None,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic):
        self.options = options
        self.cache = HttpCache(options.cache_dir)
        self.session = session or requests.Session()
        for scheme in ("http://", "https://"):
            self.session.mount(scheme, DeadlineAdapter())
        self.session.headers["User-Agent"] = options.user_agent
        self.session.headers["Accept-Encoding"] = "gzip, deflate"
        self.session.headers["Accept"] = ACCEPT
        self.session.headers["Accept-Language"] = "de, en;q=0.5"
        self._sleep = sleep
        self._clock = clock
        self._last: dict[str, float] = {}  # host → when its last request ended
        self._host_delay: dict[str, float] = {}  # host → Crawl-delay from robots.txt
        self._robots: dict[str, _Rules] = {}  # origin → rules
        self.stats = FetchStats()

    # -- public ---------------------------------------------------------------------------------

    def fetch(self, url: str, *, accept: frozenset[str] | None = PAGE_TYPES,
              host_ok: Callable[[str], bool] | None = None) -> Page:
        """The page at `url` after redirects. `accept`: the media types to read (None: any)."""
        url = strip_fragment(url)
        chain = [url]
        current = url
        for _ in range(self.options.max_redirects + 1):
            self._check_robots(url, current)
            try:
                page = self._get(current, accept, origin_url=url)
            except _Redirect as r:
                target = strip_fragment(urljoin(current, r.location))
                if urlsplit(target).scheme not in ("http", "https"):
                    raise fetch_error(url, f"redirect to a non-HTTP address {target}") from None
                if target in chain:
                    loop = " → ".join(chain[chain.index(target):] + [target])
                    # a misconfigured site more often than a removed page: not proof of removal
                    raise fetch_error(url, f"redirect loop: {loop}", transient=True) from None
                if host_ok is not None and not host_ok(target):
                    raise fetch_error(url, f"redirects to another host ({target}); "
                                           "--any-host follows it") from None
                chain.append(target)
                current = target
                continue
            page.url = url
            page.final_url = current
            return page
        raise fetch_error(url, f"more than {self.options.max_redirects} redirects "
                               f"({' → '.join(chain[:4])} …; --max-redirects)", transient=True)

    # -- robots.txt -----------------------------------------------------------------------------

    def _check_robots(self, url: str, current: str) -> None:
        if self.options.ignore_robots:
            return
        parts = urlsplit(current)
        origin = f"{parts.scheme}://{parts.netloc}"
        rules = self._robots.get(origin)
        if rules is None:
            rules = self._robots[origin] = self._load_robots(url, origin)
        if not rules.allows(current):
            if rules.refusal:
                raise fetch_error(url, rules.refusal, transient=True)
            raise fetch_error(url, f"disallowed by {origin}/robots.txt (--ignore-robots overrides)")

    def _load_robots(self, url: str, origin: str) -> _Rules:
        robots_url = f"{origin}/robots.txt"
        try:
            page = self.fetch_robots(robots_url)
        except FetchError as exc:
            status = getattr(exc, "status", None)
            if status is None and not self.options.offline:
                # the host cannot be reached at all: say so for the page that was asked for
                raise fetch_error(url, str(exc).removeprefix(f"{robots_url}: "), transient=True) from None
            if status is not None and (status >= 500 or status == 429):
                # RFC 9309 2.3.1.4: an unreachable robots.txt means "assume complete disallow"
                return _Rules(refusal=f"{robots_url} answered HTTP {status}; the site is treated "
                                      "as disallowing crawlers until it answers (RFC 9309)")
            return _Rules()  # 4xx (RFC 9309 2.3.1.3), or not cached while offline: allowed
        parser = urllib.robotparser.RobotFileParser(robots_url)
        parser.parse(page.body.decode("utf-8", "replace").splitlines())
        delay = parser.crawl_delay(ROBOTS_TOKEN)
        if delay:
            self._host_delay[host_key(origin)] = min(float(delay), MAX_CRAWL_DELAY)
        return _Rules(parser)

    def fetch_robots(self, robots_url: str) -> Page:
        chain = [robots_url]
        current = robots_url
        # RFC 9309 2.3.1.2: follow at least five consecutive redirects
        for _ in range(max(5, self.options.max_redirects) + 1):
            try:
                page = self._get(current, None, origin_url=robots_url)
            except _Redirect as r:
                current = strip_fragment(urljoin(current, r.location))
                if current in chain:
                    raise fetch_error(robots_url, "redirect loop", status=404) from None
                chain.append(current)
                continue
            page.url, page.final_url = robots_url, current
            return page
        raise fetch_error(robots_url, "too many redirects", status=404)

    # -- one request ----------------------------------------------------------------------------

    def _get(self, url: str, accept: frozenset[str] | None, *, origin_url: str) -> Page:
        """One URL without following redirects (raises _Redirect); retries; cache."""
        entry = self.cache.get(url)
        if self.options.offline:
            return self._from_cache_only(url, entry, accept, origin_url)
        headers = {}
        if entry is not None and entry.status == 200:
            if entry.etag:
                headers["If-None-Match"] = entry.etag
            if entry.last_modified:
                headers["If-Modified-Since"] = entry.last_modified
        attempts = self.options.retries + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                return self._request(url, headers, entry, accept, origin_url)
            except _Retry as r:
                if last:
                    raise fetch_error(origin_url, f"{r.reason} (gave up after {attempts} attempts)",
                                      status=r.status, transient=True) from None
                wait = r.wait if r.wait is not None else self.options.backoff * (2 ** attempt)
                if wait > self.options.max_retry_after:
                    raise fetch_error(origin_url, f"{r.reason}; Retry-After {wait:.0f} s exceeds "
                                                  f"--max-retry-after {self.options.max_retry_after:g} s",
                                      status=r.status, transient=True) from None
                LOGGER.info("%s: %s; retrying in %.1f s", url, r.reason, wait)
                self.stats.retries += 1
                self.stats.waited.append(wait)
                self._sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def _from_cache_only(self, url, entry, accept, origin_url) -> Page:
        if entry is None:
            raise fetch_error(origin_url, "not in the HTTP cache (--offline)", transient=True)
        self.stats.offline_hits += 1
        if entry.status in REDIRECT_STATUSES:
            raise _Redirect(entry.location)
        mtype, charset = media_type(entry.content_type)
        if accept is not None and mtype and mtype not in accept:
            raise fetch_error(origin_url, f"not a page or feed (content type {mtype})")
        return Page(url, url, 200, mtype, charset, entry.body, from_cache=True)

    def _polite_wait(self, host: str) -> None:
        delay = max(self.options.delay, self._host_delay.get(host, 0.0))
        last = self._last.get(host)
        if last is not None:
            wait = last + delay - self._clock()
            if wait > 0:
                self._sleep(wait)

    def _request(self, url, headers, entry, accept, origin_url) -> Page:
        host = host_key(url)
        self._polite_wait(host)
        timeout = self.options.timeout
        self.stats.requests += 1
        with Deadline(timeout) as deadline:
            try:
                resp = self.session.get(url, headers=headers, timeout=(timeout, timeout),
                                        allow_redirects=False, stream=True)
            except requests.exceptions.Timeout:
                self._last[host] = self._clock()
                raise _Retry(f"no answer within {timeout:g} s (--timeout)") from None
            except requests.exceptions.ConnectionError as exc:
                self._last[host] = self._clock()
                if deadline.expired:  # the headers came too slowly
                    raise _Retry(f"no answer within {timeout:g} s (--timeout)") from None
                reason = _connection_reason(exc)
                if "refused" in reason or "resolve" in reason:
                    raise fetch_error(origin_url, reason, transient=True) from None
                raise _Retry(reason) from None
            except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                    requests.exceptions.InvalidSchema) as exc:
                raise fetch_error(origin_url, f"invalid URL ({exc})") from None
            try:
                if deadline.expired:  # cut off within the headers: what came is not the answer
                    raise _Retry(f"no answer within {timeout:g} s (--timeout)")
                return self._response(url, resp, entry, accept, origin_url, deadline)
            finally:
                resp.close()
                self._last[host] = self._clock()

    def _response(self, url, resp, entry, accept, origin_url, deadline: Deadline | None = None) -> Page:
        status = resp.status_code
        if status == 304 and entry is not None and entry.status == 200:
            self.stats.not_modified += 1
            entry.etag = resp.headers.get("ETag", entry.etag)
            entry.last_modified = resp.headers.get("Last-Modified", entry.last_modified)
            self.cache.put(entry)
            mtype, charset = media_type(entry.content_type)
            return Page(url, url, 200, mtype, charset, entry.body, from_cache=True)
        if status in REDIRECT_STATUSES:
            location = resp.headers.get("Location", "").strip()
            if not location:
                raise fetch_error(origin_url, f"HTTP {status} redirect without a Location header", status=status)
            self.cache.put(CacheEntry(url=url, status=status, location=location))
            raise _Redirect(location)
        if status in RETRY_STATUSES:
            wait = retry_after_seconds(resp.headers.get("Retry-After"), time.time())
            raise _Retry(f"HTTP {status} {resp.reason or ''}".strip(), status=status, wait=wait)
        if status >= 400:
            raise fetch_error(origin_url, f"HTTP {status} {resp.reason or ''}".strip(), status=status,
                              transient=status in TRANSIENT_STATUSES)
        if status != 200:
            raise fetch_error(origin_url, f"unexpected HTTP status {status}", status=status)
        content_type = resp.headers.get("Content-Type", "")
        mtype, charset = media_type(content_type)
        if accept is not None and mtype and mtype not in accept:
            raise fetch_error(origin_url, f"not a page or feed (content type {mtype})", status=status)
        body = self._read_body(resp, origin_url, deadline)
        self.cache.put(CacheEntry(url=url, status=200, content_type=content_type,
                                  etag=resp.headers.get("ETag", ""),
                                  last_modified=resp.headers.get("Last-Modified", ""), body=body))
        return Page(url, url, 200, mtype, charset, body)

    def _read_body(self, resp, origin_url, request_deadline: Deadline | None = None) -> bytes:
        limit = self.options.max_bytes
        declared = resp.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise fetch_error(origin_url, f"body of {int(declared)} bytes exceeds --max-bytes {limit}")
        deadline = self._clock() + self.options.timeout
        chunks: list[bytes] = []
        size = 0
        late = f"body not complete within {self.options.timeout:g} s (--timeout)"
        try:
            for chunk in resp.iter_content(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise fetch_error(origin_url, f"body exceeds --max-bytes {limit}")
                chunks.append(chunk)
                if self._clock() > deadline:
                    raise _Retry(late)
        except requests.exceptions.RequestException as exc:
            if request_deadline is not None and request_deadline.expired:
                raise _Retry(late) from None  # the deadline cut the connection: that is the reason
            if isinstance(exc, requests.exceptions.ChunkedEncodingError):
                raise _Retry("truncated response (the connection closed before the "
                             + (f"{declared} bytes announced)" if declared else "body was complete)")) from None
            if isinstance(exc, requests.exceptions.ContentDecodingError):
                raise fetch_error(origin_url, "body is not valid gzip/deflate") from None
            if isinstance(exc, requests.exceptions.ConnectionError):
                raise _Retry(f"connection broke while reading the body: {_connection_reason(exc)}") from None
            raise
        if request_deadline is not None and request_deadline.expired:
            raise _Retry(late)  # cut off: what came may look like a whole body, but is not
        self.stats.bytes_received += size
        return b"".join(chunks)


class _Retry(Exception):
    def __init__(self, reason: str, *, status: int | None = None, wait: float | None = None):
        self.reason = reason
        self.status = status
        self.wait = wait


def _connection_reason(exc: Exception) -> str:
    text = str(exc)
    for needle, reason in (("Connection refused", "connection refused"),
                           ("NameResolutionError", "cannot resolve the host name"),
                           ("Name or service not known", "cannot resolve the host name"),
                           ("nodename nor servname", "cannot resolve the host name"),
                           ("Temporary failure in name resolution", "cannot resolve the host name"),
                           ("timed out", "connection timed out"),
                           ("Connection reset", "connection reset by the server"),
                           ("RemoteDisconnected", "server closed the connection without answering"),
                           ("CERTIFICATE_VERIFY_FAILED", "TLS certificate not valid"),
                           ("SSLError", "TLS error")):
        if needle in text:
            return reason
    return f"cannot connect ({type(exc).__name__})"
