"""HTML listing pages: which links lead to articles, and which one to the next page.

A listing is a news overview: a column of teasers (picture, headline linked to the article, a few
lines) and pagination below. Its article links are the headline links and "mehr" links of the
teaser blocks, never the links of navigation, header, footer, cookie banner or breadcrumbs. The
next page is found by ``rel="next"``, by the link text ("weiter", "nächste Seite", …) or by the
number after the current page inside a pagination block.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html

from . import patterns as P
from .feeds import Link
from .http import strip_fragment

LOGGER = logging.getLogger(__name__)

#: a start page with at least this many teaser links is a listing (unless it declares itself an
#: article): an article page may carry one or two "related" links; the shortest listing page of
#: the seed listing page shows 12 teasers. Pages reached by pagination are listings whatever their count.
MIN_TEASERS = 3


@dataclass
class PageLinks:
    is_article: bool  # the page declares itself one article (og:type, JSON-LD)
    articles: list[Link] = field(default_factory=list)
    next_page: str | None = None

    @property
    def is_listing(self) -> bool:
        return not self.is_article and (len(self.articles) >= MIN_TEASERS or self.next_page is not None)


def _text(el) -> str:
    return " ".join(el.text_content().split())


def _cue(text: str) -> str:
    return P.LINK_DECORATION.sub(" ", text).strip().casefold()


def _classes(el) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def _is_chrome(a) -> bool:
    if a.xpath(P.CHROME_XPATH):
        return True
    return any(P.CHROME_CLASS.search(_classes(anc)) for anc in a.iterancestors() if anc.tag != "body")


def _usable(href: str) -> bool:
    parts = urlsplit(href)
    return parts.scheme in ("http", "https") and not parts.path.lower().endswith(P.NON_PAGE_SUFFIXES)


def declares_article(doc) -> bool:
    og = doc.xpath("//meta[@property='og:type']/@content")
    if og and og[0].strip().casefold() in P.ARTICLE_TYPES:
        return True
    for script in doc.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []:
            types = item.get("@type") if isinstance(item, dict) else None
            for t in [types] if isinstance(types, str) else types or []:
                if isinstance(t, str) and t.casefold() in P.ARTICLE_TYPES:
                    return True
    return False


def _next_page(doc, url: str) -> str | None:
    here = strip_fragment(url)
    candidates = doc.xpath("//link[@rel='next']/@href | //a[contains(concat(' ', @rel, ' '), ' next ')]/@href")
    for a in doc.xpath("//a[@href]"):
        label = _cue(_text(a) or a.get("aria-label") or a.get("title") or "")
        if label in P.NEXT_TEXTS:
            candidates.append(a.get("href"))
        elif not label or label.isdigit():
            aria = _cue(a.get("aria-label") or a.get("title") or "")
            if aria in P.NEXT_TEXTS:
                candidates.append(a.get("href"))
    # numbered pagination: the number after the current page
    for box in doc.xpath("//*[@class or @id]"):
        if not P.PAGINATION_CONTAINER.search(_classes(box)):
            continue
        current = box.xpath(".//*[@aria-current='page']") or [
            el for el in box.iter() if el is not box and P.CURRENT_PAGE.search(el.get("class") or "")]
        for el in current:
            num = _text(el)
            if num.isdigit():
                wanted = str(int(num) + 1)
                candidates += [a.get("href") for a in box.xpath(".//a[@href]") if _text(a) == wanted]
    for href in candidates:
        target = strip_fragment(urljoin(url, href.strip()))
        if target != here and _usable(target):
            return target
    return None


def _teaser_links(doc, url: str) -> list[Link]:
    here = strip_fragment(url)
    site_root = strip_fragment(urljoin(url, "/"))
    found: dict[str, Link] = {}

    def add(a) -> None:
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "mailto:", "javascript:", "tel:")):
            return
        target = strip_fragment(urljoin(url, href))
        if target in (here, site_root) or not _usable(target) or target in found:
            return
        if _is_chrome(a):
            return
        found[target] = Link(target, _text(a))

    # 1. headline links: the usual teaser is <h2|h3><a href>headline</a></h2|h3>
    for a in doc.xpath("//*[self::h2 or self::h3 or self::h4]//a[@href] | //a[@href][.//h2 or .//h3 or .//h4]"):
        add(a)
    # 2. teaser blocks without a linked headline: the first link of each <article> or teaser box
    for block in doc.xpath("//article | //li | //div[@class]"):
        if block.tag != "article" and not P.TEASER_CLASS.search(block.get("class") or ""):
            continue
        links = block.xpath(".//a[@href]")
        if links and not any(strip_fragment(urljoin(url, a.get("href", ""))) in found for a in links):
            if block.tag == "article" or len(_text(block)) > len(_text(links[0])):
                add(links[0])
    # 3. "mehr" / "weiterlesen" links
    for a in doc.xpath("//a[@href]"):
        if _cue(_text(a)) in P.READ_MORE_TEXTS:
            add(a)
    return list(found.values())


def analyse(html_text: str, url: str) -> PageLinks:
    """Article links and next page of an HTML page (any page: an article page has few or none)."""
    try:
        doc = lxml.html.document_fromstring(html_text)
    except (ValueError, lxml.etree.ParserError):
        return PageLinks(is_article=False)
    base = doc.xpath("//base/@href")
    if base and base[0].strip():
        url_for_links = urljoin(url, base[0].strip())
    else:
        url_for_links = url
    is_article = declares_article(doc)
    links = PageLinks(is_article=is_article, next_page=_next_page(doc, url_for_links))
    if not is_article:
        links.articles = [l for l in _teaser_links(doc, url_for_links) if l.url != links.next_page]
    return links
