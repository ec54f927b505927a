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
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

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


def _page_number(url: str) -> tuple[str, int] | None:
    """(the URL with its page number taken out, the number) for a listing URL that carries one
    (patterns.PAGE_PARAM, PAGE_PATH); None for a URL without."""
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    for i, (key, value) in enumerate(pairs):
        name = re.split(r"[\[\]]+", key.strip("]"))[-1]  # tx_news_pi1[@widget_0][currentPage]
        if P.PAGE_PARAM.match(name) and value.isdigit():
            rest = urlencode(pairs[:i] + pairs[i + 1:])
            return urlunsplit(parts._replace(query=f"{key}={{n}}" + (f"&{rest}" if rest else ""), fragment="")), int(value)
    m = P.PAGE_PATH.search(parts.path)
    if m:
        path = parts.path[:m.start(1)] + "{n}" + m.group(2)
        return urlunsplit(parts._replace(path=path, fragment="")), int(m.group(1))
    return None


def _same_listing(first_page: str, numbered: str) -> bool:
    """Whether `numbered` (a URL with a page number taken out) is a later page of the listing
    at `first_page`, a URL without a page number."""
    parts = urlsplit(numbered)
    if "{n}" in parts.query:
        rest = [kv for kv in parse_qsl(parts.query, keep_blank_values=True) if kv[1] != "{n}"]
        base = urlunsplit(parts._replace(query=urlencode(rest), fragment=""))
    else:
        base = urlunsplit(parts._replace(path=parts.path.split("{n}")[0], fragment=""))
        base = re.sub(r"/(?:seite|page|pages|p)/$", "/", base, flags=re.IGNORECASE)

    def norm(u: str) -> str:
        u = re.sub(r"/index\.(?:html?|php)$", "/", u)
        return u.rstrip("/?")

    return norm(base) == norm(first_page)


def _by_page_number(doc, url: str, refused: set[str]) -> str | None:
    """The link to the next page by the page number in the URLs: the same listing URL with the
    smallest number above this page's (this page without a number counts as 0, so Drupal's
    0-based ``?page=1`` and Joomla's ``?start=10`` are found as well as ``/seite/2``)."""
    here = _page_number(url)
    best: tuple[int, str] | None = None
    for href in doc.xpath("//a/@href"):
        if href in refused:  # labelled "letzte Seite", "zurück"
            continue
        target = strip_fragment(urljoin(url, href.strip()))
        numbered = _page_number(target)
        if numbered is None:
            continue
        key, n = numbered
        if here is not None:
            if key != here[0] or n <= here[1]:
                continue
        elif n < 1 or not _same_listing(url, key):
            continue
        if best is None or n < best[0]:
            best = (n, target)
    return best[1] if best else None


def _next_page(doc, url: str) -> str | None:
    here = strip_fragment(url)
    # in order of trust: rel="next", the whole link text, an aria-label/title, a bare arrow, the
    # number after the current one in a pagination block, the page number in the URLs
    candidates = doc.xpath("//link[@rel='next']/@href | //a[contains(concat(' ', @rel, ' '), ' next ')]/@href")
    labelled, arrows, refused = [], {arrow: [] for arrow in P.NEXT_ARROWS}, set()
    for a in doc.xpath("//a[@href]"):
        raw = " ".join(_text(a).split())
        label = _cue(raw or a.get("aria-label") or a.get("title") or "")
        if label in P.NEXT_TEXTS:
            candidates.append(a.get("href"))
            continue
        if raw in arrows:
            arrows[raw].append(a.get("href"))
        if not label or label.isdigit() or raw in arrows:
            aria = " ".join((a.get("aria-label") or a.get("title") or "").split())
            if _cue(aria) in P.NEXT_TEXTS or (P.NEXT_LABEL.search(aria) and not P.PREVIOUS_LABEL.search(aria)):
                labelled.append(a.get("href"))
            elif aria and raw in arrows:
                arrows[raw].pop()  # an arrow labelled as something else ("letzte Seite")
        if P.PREVIOUS_LABEL.search(f"{raw} {a.get('aria-label') or ''} {a.get('title') or ''}"):
            refused.add(a.get("href"))
    candidates += labelled
    candidates += next((hrefs for hrefs in arrows.values() if hrefs), [])
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
    by_number = _by_page_number(doc, url, refused)
    if by_number:
        candidates.append(by_number)
    for href in candidates:
        target = strip_fragment(urljoin(url, href.strip()))
        if target != here and _usable(target):
            return target
    return None


def _content_root(doc):
    for xpath in P.MAIN_CONTENT_XPATHS:
        found = doc.xpath(xpath)
        if found:
            return found[0]
    body = doc.xpath("//body")
    return body[0] if body else doc


def _article_like(target: str, listing_url: str) -> bool:
    """Whether a URL looks like an article page rather than a section of the site."""
    parts = urlsplit(target)
    if parts.netloc != urlsplit(listing_url).netloc or _page_number(target) is not None:
        return False
    segments = [s for s in parts.path.split("/") if s]
    last = segments[-1] if segments else ""
    return bool(P.ARTICLE_SLUG.match(last) or P.ARTICLE_NUMBER.search(parts.path + "?" + parts.query))


def _list_links(doc, url: str) -> list:
    """The links of a plain list of articles in the main content: items of one kind side by side
    (``ul > li``, ``p``, table rows, ``div``s) holding one link each, without teaser classes.
    A list counts when most of its links are headlines (four words or more) or lead to URLs
    that look like article pages (`_article_like`); menus and link boxes do neither."""
    root = _content_root(doc)
    here = strip_fragment(url)
    groups: dict[tuple, list] = {}
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "mailto:", "javascript:", "tel:")) or _is_chrome(a):
            continue
        el = a
        while el is not root and el.getparent() is not None:
            parent = el.getparent()
            if sum(1 for c in parent if c.tag == el.tag) >= MIN_TEASERS:
                groups.setdefault((parent, el.tag), []).append((el, a))
                break
            el = parent
    found = []
    for items in groups.values():
        firsts: dict[int, object] = {}
        for item, a in items:
            firsts.setdefault(id(item), a)  # an item's first link is its headline
        links = list(firsts.values())
        if len(links) < MIN_TEASERS:
            continue
        targets = [strip_fragment(urljoin(url, a.get("href").strip())) for a in links]
        good = [a for a, t in zip(links, targets)
                if t != here and _page_number(t) is None
                and (_article_like(t, url) or len(_text(a).split()) >= P.HEADLINE_WORDS)]
        if len(good) * 2 > len(links) and len(good) >= MIN_TEASERS - 1:
            found += good  # a "zurück" or "Archiv" item beside the articles stays out
    return found


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
        if any(anc.tag == "article" or P.TEASER_CLASS.search(anc.get("class") or "") for anc in block.iterancestors()):
            continue  # a part of a teaser (WordPress's div.entry-meta with its category link)
        links = block.xpath(".//a[@href]")
        if links and not any(strip_fragment(urljoin(url, a.get("href", ""))) in found for a in links):
            if block.tag == "article" or len(_text(block)) > len(_text(links[0])):
                add(links[0])
    # 3. "mehr" / "weiterlesen" links
    for a in doc.xpath("//a[@href]"):
        if _cue(_text(a)) in P.READ_MORE_TEXTS:
            add(a)
    # 4. plain lists of links in the main content (small municipal sites, Drupal views, tables
    # of press releases)
    for a in _list_links(doc, url):
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
