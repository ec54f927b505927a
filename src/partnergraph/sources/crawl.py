"""Crawling: start URLs (listing pages, article pages, RSS/Atom feeds, sitemaps) → `Article`s.

    >>> for item in crawl_articles(["https://example.org/aktuelles/"], options=CrawlOptions()):
    ...     print(item)  # an Article, or a FetchError / SourceError naming the URL and the reason

What a start URL is decides what is followed:

- a feed or a sitemap: every entry's link is read as an article page;
- an HTML page with teasers (`listing.analyse`): the teaser links are read as article pages,
  and the next page of the listing is followed, up to ``max_pages`` pages;
- any other HTML page: it is one article.

Links are followed only on the hosts of the start URLs (and the hosts they redirect to) unless
``same_host`` is off. Nothing is raised: every failure is yielded as an error and the crawl goes
on. All politeness (robots.txt, delays, retries, limits, cache) lives in `http.Fetcher`.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import FetchError, SourceError
from ..graphdir import HTTP_CACHE_DIRNAME
from ..models import Article
from .feeds import Link, feed_links, page_kind, sitemap_links
from .html import article_from_html, decode_html
from .http import Fetcher, Page, fetch_error, host_key, strip_fragment
from .listing import analyse
from .options import DEFAULT_USER_AGENT, CrawlOptions  # noqa: F401 - the crawl's public names
from .patterns import HTML_TYPES

LOGGER = logging.getLogger(__name__)

Item = Article | SourceError

#: progress line after every this many articles (a line per ~10 s at the default 1 s delay)
PROGRESS_EVERY = 10


# -- the command-line face --------------------------------------------------------------------

def _whole_number(minimum: int, rule: str):
    """An argparse type: a whole number of at least `minimum` (`rule` says so in the error)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"{rule}: {text!r}")
        return value

    return parse


_positive_int = _whole_number(1, "must be at least 1")
_non_negative_int = _whole_number(0, "must not be negative")


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if value < 0 or value != value:
        raise argparse.ArgumentTypeError(f"must not be negative: {text!r}")
    return value


def add_crawl_arguments(parser: argparse.ArgumentParser) -> None:
    """The politeness, limit and cache flags of ``build`` and ``crawl``."""
    d = CrawlOptions()
    g = parser.add_argument_group("fetching URL sources")
    g.add_argument("--max-pages", type=_positive_int, default=d.max_pages, metavar="N",
                   help=f"listing/feed pages followed per start URL (default {d.max_pages})")
    g.add_argument("--max-articles", type=_positive_int, default=d.max_articles, metavar="N",
                   help=f"article pages read per start URL (default {d.max_articles})")
    g.add_argument("--delay", type=_seconds, default=d.delay, metavar="SECONDS",
                   help=f"pause between requests to one host (default {d.delay:g}; "
                        "a longer robots.txt Crawl-delay wins)")
    g.add_argument("--timeout", type=_seconds, default=d.timeout, metavar="SECONDS",
                   help=f"deadline of one request: connecting, headers and body together (default {d.timeout:g})")
    g.add_argument("--retries", type=_non_negative_int, default=d.retries, metavar="N",
                   help=f"retries after 429/5xx/timeouts, with doubling pauses (default {d.retries})")
    g.add_argument("--max-retry-after", type=_seconds, default=d.max_retry_after, metavar="SECONDS",
                   help=f"give up on a URL whose Retry-After asks for longer (default {d.max_retry_after:g})")
    g.add_argument("--max-bytes", type=_positive_int, default=d.max_bytes, metavar="N",
                   help=f"refuse larger response bodies (default {d.max_bytes})")
    g.add_argument("--max-redirects", type=_non_negative_int, default=d.max_redirects, metavar="N",
                   help=f"redirect hops per URL (default {d.max_redirects})")
    g.add_argument("--user-agent", default=d.user_agent, metavar="TEXT",
                   help=f"User-Agent header (default: {d.user_agent!r})")
    hosts = g.add_mutually_exclusive_group()
    hosts.add_argument("--same-host", dest="same_host", action="store_true", default=True,
                       help="follow links only to the hosts of the start URLs (default)")
    hosts.add_argument("--any-host", dest="same_host", action="store_false",
                       help="follow links to any host")
    g.add_argument("--ignore-robots", action="store_true",
                   help="do not read robots.txt (only for sites you run yourself)")
    g.add_argument("--offline", action="store_true", help="no requests: answer from the HTTP cache alone")
    g.add_argument("--cache-dir", type=Path, metavar="DIR",
                   help=f"the HTTP cache (default: DIR/{HTTP_CACHE_DIRNAME} of the graph directory)")


def options_from_args(args: argparse.Namespace) -> CrawlOptions:
    """The one place that turns parsed arguments into `CrawlOptions`."""
    cache = args.cache_dir or Path(getattr(args, "dir", None) or ".") / HTTP_CACHE_DIRNAME
    return CrawlOptions(
        max_pages=args.max_pages, max_articles=args.max_articles, delay=args.delay,
        timeout=args.timeout, retries=args.retries, max_retry_after=args.max_retry_after,
        max_bytes=args.max_bytes, max_redirects=args.max_redirects, user_agent=args.user_agent,
        same_host=args.same_host, ignore_robots=args.ignore_robots, offline=args.offline,
        cache_dir=cache)


# -- the crawl ----------------------------------------------------------------------------------

@dataclass
class CrawlCounts:
    pages: int = 0  # listing, feed and sitemap pages read
    articles: int = 0
    errors: int = 0


class Crawler:
    """One crawl over some start URLs. `fetcher` is exposed for its statistics."""

    def __init__(self, options: CrawlOptions | None = None, *, fetcher: Fetcher | None = None):
        self.options = options or CrawlOptions()
        self.fetcher = fetcher or Fetcher(self.options)
        self.counts = CrawlCounts()
        self._hosts: set[str] = set()
        self._seen: set[str] = set()  # article URLs already read (or refused) in this crawl

    def _progress(self, message: str) -> None:
        if self.options.progress:
            self.options.progress(message)

    def _host_ok(self, url: str) -> bool:
        return not self.options.same_host or host_key(url) in self._hosts

    def crawl(self, urls: Iterable[str]) -> Iterator[Item]:
        urls = [u.strip() for u in urls]
        self._hosts |= {host_key(u) for u in urls}
        for url in urls:
            if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
                self.counts.errors += 1
                yield fetch_error(url, "not an http(s) URL")
                continue
            yield from self._crawl_start(strip_fragment(url))
        stats = self.fetcher.stats
        self._progress(f"crawl: {self.counts.pages} listing/feed pages, {self.counts.articles} articles, "
                       f"{self.counts.errors} errors; {stats.requests} requests, {stats.not_modified} "
                       f"unchanged (304), {stats.bytes_received} bytes received"
                       + (f", {stats.offline_hits} answered from the cache" if stats.offline_hits else ""))

    def _error(self, err: SourceError) -> SourceError:
        self.counts.errors += 1
        return err

    def _crawl_start(self, start: str) -> Iterator[Item]:
        queue: deque[str] = deque([start])
        visited: set[str] = set()  # listing pages (requested and final URLs)
        pages = 0
        budget = [self.options.max_articles]
        while queue:
            page_url = queue.popleft()
            if pages >= self.options.max_pages:
                self._progress(f"crawl: {start}: stopped after {pages} pages (--max-pages); "
                               f"next would be {page_url}")
                break
            visited.add(page_url)
            try:
                page = self.fetcher.fetch(page_url, host_ok=self._host_ok)
            except FetchError as exc:
                yield self._error(exc)
                continue
            pages += 1
            visited.add(page.final_url)
            if page_url == start:
                self._hosts.add(host_key(page.final_url))  # a start URL's redirect target is its site
            try:
                links, more, article = self._read_structure(page, first=page_url == start)
            except SourceError as exc:
                yield self._error(exc)
                continue
            if article is not None:
                self.counts.articles += 1
                yield article
                continue
            self.counts.pages += 1
            queue.extend(u for u in more if u not in visited and u not in queue)
            self._progress(f"crawl: page {pages} {page.final_url}: {len(links)} article links"
                           + (f", next {more[0]}" if more else ""))
            for link in links:
                if link.url in visited:  # a link back to a listing page read already
                    continue
                if budget[0] <= 0:
                    self._progress(f"crawl: {start}: stopped after {self.options.max_articles} "
                                   "articles (--max-articles)")
                    return
                yield from self._article(link, visited, budget)

    def _read_structure(self, page: Page, *, first: bool) -> tuple[list[Link], list[str], Article | None]:
        """(article links, further listing pages, or the article when a start page is one)."""
        kind = page_kind(page.content_type, page.body)
        if kind == "feed":
            return feed_links(page.body, url=page.final_url, content_type=page.content_type), [], None
        if kind == "sitemap":
            links, nested = sitemap_links(page.body, url=page.final_url)
            return links, nested, None
        text = decode_html(page.body, origin=page.url, declared=page.charset)
        found = analyse(text, page.final_url)
        if first and not found.is_listing:
            return [], [], self._make_article(page, Link(page.url), set())
        return found.articles, [found.next_page] if found.next_page else [], None

    def _article(self, link: Link, listing_pages: set[str], budget: list[int]) -> Iterator[Item]:
        url = link.url
        if url in self._seen:
            return
        self._seen.add(url)
        if not self._host_ok(url):
            yield self._error(fetch_error(url, "on another host than the start URLs (--any-host follows it)"))
            return
        budget[0] -= 1
        try:
            page = self.fetcher.fetch(url, accept=HTML_TYPES, host_ok=self._host_ok)
        except FetchError as exc:
            yield self._error(exc)
            return
        try:
            article = self._make_article(page, link, listing_pages)
        except SourceError as exc:
            yield self._error(exc)
            return
        self.counts.articles += 1
        if self.counts.articles % PROGRESS_EVERY == 0:
            self._progress(f"crawl: {self.counts.articles} articles, {self.counts.errors} errors, "
                           f"{self.fetcher.stats.requests} requests")
        yield article

    def _make_article(self, page: Page, link: Link, listing_pages: set[str]) -> Article:
        if page_kind(page.content_type, page.body) != "html":
            raise fetch_error(page.url, "a feed or sitemap where an article page was expected")
        article = article_from_html(page.body, origin=page.url, default_url=page.final_url, charset=page.charset)
        changes = {}
        # a CMS that gives every page the home page or the listing as canonical URL would merge
        # all articles into one: then the page's own address identifies the article
        if article.url in listing_pages or urlsplit(article.url).path in ("", "/"):
            changes["url"] = page.final_url
        if article.date is None and link.date is not None:
            changes["date"] = link.date
        return dataclasses.replace(article, **changes) if changes else article


def crawl_articles(urls: list[str], options: CrawlOptions | None = None) -> Iterator[Item]:
    """Articles from start URLs; failures are yielded as `FetchError`/`SourceError`, never raised."""
    yield from Crawler(options).crawl(urls)
