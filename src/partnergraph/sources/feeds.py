"""Feeds (RSS 0.9x/1.0/2.0, Atom) and sitemaps (sitemap.xml, sitemap indexes, news sitemaps).

Both only list article URLs; the articles themselves are read from their pages. A feed entry's
date is kept as a hint for pages that do not state their own.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from urllib.parse import urljoin

from lxml import etree

from ..errors import SourceError
from .dates import parse_date
from .patterns import FEED_TYPES, HTML_TYPES, NEWS_SITEMAP_NS, SITEMAP_NS

LOGGER = logging.getLogger(__name__)

_FEED_ROOTS = {"rss", "feed", "RDF", "channel"}
_SITEMAP_ROOTS = {"urlset", "sitemapindex"}


@dataclass(frozen=True)
class Link:
    """A URL a feed, sitemap or listing points to, with what it says about the article."""

    url: str
    title: str = ""
    date: dt.date | None = None


def _safe_parser() -> etree.XMLParser:
    # no DTDs, no entities, no network: a feed is untrusted input
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           recover=False)


def _root_name(body: bytes) -> str:
    """Local name of the document's root element, without parsing more than needed."""
    try:
        for _event, elem in etree.iterparse(_Reader(body), events=("start",), resolve_entities=False,
                                            no_network=True, load_dtd=False):
            return etree.QName(elem).localname
    except etree.XMLSyntaxError:
        return ""
    return ""


class _Reader:
    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def read(self, n: int = -1) -> bytes:
        n = len(self.data) - self.pos if n < 0 else n
        chunk = self.data[self.pos:self.pos + n]
        self.pos += len(chunk)
        return chunk


def page_kind(content_type: str, body: bytes) -> str:
    """"feed", "sitemap" or "html", from the media type and, for generic XML, the root element."""
    if content_type in FEED_TYPES:
        return "feed"
    head = body[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if content_type in HTML_TYPES and not head.startswith(b"<?xml"):
        return "html"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    root = _root_name(body)
    if root in _FEED_ROOTS:
        return "feed"
    if root in _SITEMAP_ROOTS:
        return "sitemap"
    return "html"


def feed_links(body: bytes, *, url: str, content_type: str = "") -> list[Link]:
    """The entries of an RSS or Atom feed, in feed order; raises SourceError for a broken feed."""
    import feedparser  # imported late: only crawls need it

    parsed = feedparser.parse(body, response_headers={"content-location": url,
                                                      "content-type": content_type or "application/xml"})
    if not parsed.entries:
        if parsed.get("bozo"):
            reason = getattr(parsed.get("bozo_exception"), "getMessage", lambda: None)() or parsed.get("bozo_exception")
            raise SourceError(f"unreadable feed ({reason})", source=url)
        return []
    links = []
    for entry in parsed.entries:
        href = entry.get("link") or next((l.get("href") for l in entry.get("links", [])
                                          if l.get("rel", "alternate") == "alternate" and l.get("href")), "")
        if not href:
            continue
        date = None
        for key in ("published_parsed", "updated_parsed"):
            t = entry.get(key)
            if t:
                date = dt.date(t.tm_year, t.tm_mon, t.tm_mday)
                break
        links.append(Link(urljoin(url, href.strip()), " ".join((entry.get("title") or "").split()), date))
    return links


def sitemap_links(body: bytes, *, url: str) -> tuple[list[Link], list[str]]:
    """(article pages, nested sitemaps) of a sitemap or sitemap index.

    A news sitemap (Google's ``news:`` extension) lists articles with a publication date; when
    any entry has one, only those entries are taken, since the other URLs of such a sitemap are
    section and service pages.
    """
    try:
        root = etree.fromstring(body, parser=_safe_parser())
    except etree.XMLSyntaxError as exc:
        raise SourceError(f"unreadable sitemap ({exc.msg})", source=url) from None
    ns = {"s": SITEMAP_NS, "n": NEWS_SITEMAP_NS}
    if etree.QName(root).localname == "sitemapindex":
        return [], [urljoin(url, loc.strip()) for loc in root.xpath("s:sitemap/s:loc/text()", namespaces=ns)]
    pages: list[Link] = []
    news: list[Link] = []
    for entry in root.xpath("s:url", namespaces=ns):
        loc = "".join(entry.xpath("s:loc/text()", namespaces=ns)).strip()
        if not loc:
            continue
        pub = "".join(entry.xpath("n:news/n:publication_date/text()", namespaces=ns))
        title = " ".join("".join(entry.xpath("n:news/n:title/text()", namespaces=ns)).split())
        link = Link(urljoin(url, loc), title, parse_date(pub) if pub else None)
        pages.append(link)
        if entry.xpath("n:news", namespaces=ns):
            news.append(link)
    return (news or pages), []
