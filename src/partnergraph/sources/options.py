"""The options of a crawl: its limits and its politeness. The fetcher (http.py) and the crawler
(crawl.py) both read them; the command line fills them in (`crawl.options_from_args`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..version import __version__

#: where site owners can read who is crawling them and why (the project's persistent address)
CONTACT_URL = "https://w3id.org/partnergraph"
DEFAULT_USER_AGENT = f"partnergraph/{__version__} (+{CONTACT_URL})"


@dataclass
class CrawlOptions:
    """Limits and politeness of a crawl. Defaults are meant for crawling other people's sites."""

    #: listing/feed/sitemap pages per start URL, the start page included. The seed listing shows
    #: 12 teasers a page, so 20 pages reach back ~240 articles: a couple of years of SKEW news
    max_pages: int = 20
    #: article pages per start URL: max_pages × 25 teasers, a generous page size for news lists
    max_articles: int = 500
    #: seconds between two requests to one host: the conventional polite rate of one request per
    #: second (a larger robots.txt Crawl-delay wins, up to http.MAX_CRAWL_DELAY)
    delay: float = 1.0
    #: seconds one request may take, connecting, headers and body together (a deadline, not a
    #: per-read timeout: deadline.Deadline). Slow municipal CMS pages answer within a few seconds;
    #: 20 s is generous and bounds a dead or trickling host's cost
    timeout: float = 20.0
    #: further attempts after a 429, 5xx, timeout or truncated body: three, waiting 1, 2, 4 s
    retries: int = 3
    #: first pause between attempts (doubled each time) when the server sends no Retry-After
    backoff: float = 1.0
    #: a Retry-After longer than this (seconds) gives up on the URL instead of stalling the crawl;
    #: two minutes covers the 60–120 s that rate limiters usually ask for
    max_retry_after: float = 120.0
    #: bodies larger than this are refused: 10 MiB is ~100× a typical news page and a fifth of the
    #: 50 MB a sitemap may have (sitemaps.org)
    max_bytes: int = 10 * 2**20
    #: redirect hops per URL: http→https, → www., → trailing slash, → new CMS path is four
    max_redirects: int = 5
    user_agent: str = DEFAULT_USER_AGENT
    #: follow links only to the start URLs' hosts
    same_host: bool = True
    ignore_robots: bool = False
    #: answer from the HTTP cache alone, without any request
    offline: bool = False
    #: the on-disk HTTP cache (None: no cache, every run fetches everything again)
    cache_dir: Path | None = None
    #: receives progress lines ("page 2 …: 12 article links"); None: silent
    progress: Callable[[str], None] | None = None
