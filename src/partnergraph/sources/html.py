"""One HTML article page → `Article`: main text by trafilatura, the rest from the markup."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from urllib.parse import urldefrag, urljoin

import lxml.html
from lxml import etree

from ..errors import SourceError
from ..models import Article
from . import patterns as P
from .dates import parse_date
from .urls import article_iri

LOGGER = logging.getLogger(__name__)

_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
#: a dateline opening the body: "Bonn, 19. Dezember 2023." or "BONN (12.03.2024) –"
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-ZÄÖÜ][\wÄÖÜäöüß.\-/ ]{1,40}?)\s*(?:,\s*|\s*\()"
    r"(?P<date>\d{1,2}\.\s*(?:\d{1,2}\.|[A-Za-zäÄ]+\.?)\s*\d{4})\)?\s*[.:–-]\s*"
)
#: a dateline without a date: a paragraph of its own ("Erlangen.") or an agency dateline
#: opening the first sentence ("Bonn (epd) – …")
_PLACE_ONLY = re.compile(r"^\s*(?P<place>[A-ZÄÖÜ][\wÄÖÜäöüß\-/]+(?: [A-ZÄÖÜ][\wÄÖÜäöüß\-/]+){0,2})\.\s*$")
_AGENCY_DATELINE = re.compile(
    r"^\s*(?P<place>[A-ZÄÖÜ][\wÄÖÜäöüß\-/]+(?: [A-ZÄÖÜ][\wÄÖÜäöüß\-/]+){0,2})\s*\((?:[a-z]{2,5}|[A-Z]{2,5})\)\s*[–-]\s*"
)
#: below this much main text a page is a navigation or error page, not an article. 40 characters
#: is shorter than the shortest teaser in the seed listing (≈ 300) by a wide margin.
MIN_TEXT_CHARS = 40

_DATE_META = ("article:published_time", "og:article:published_time", "datePublished",
              "date", "dc.date", "dcterms.date", "pubdate", "publish-date")


def decode_html(raw: bytes, *, origin: str, declared: str | None = None) -> str:
    """Bytes → text by the declared charset (HTTP header or meta), else strict UTF-8."""
    if not raw.strip():
        raise SourceError("empty page", source=origin)
    charset = declared
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        charset = "utf-16"  # a byte order mark outranks any declaration (HTML Standard, 13.2.3.1)
    elif not charset:
        m = _CHARSET.search(raw[:4096])
        charset = m.group(1).decode("ascii") if m else "utf-8"
        if charset.lower().replace("_", "-") in ("utf-16", "utf-16le", "utf-16be"):
            # a meta tag readable as ASCII cannot be in UTF-16: the HTML Standard's prescan
            # reads such a page as UTF-8
            charset = "utf-8"
    try:
        return raw.decode(charset)
    except LookupError:
        raise SourceError(f"unknown charset {charset!r}", source=origin) from None
    except UnicodeDecodeError as exc:
        raise SourceError(f"invalid {charset} at byte {exc.start}", source=origin) from None


def _meta(doc, *names: str) -> str:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            values = doc.xpath(f"//meta[@{attr}=$n]/@content", n=name)
            if values and values[0].strip():
                return values[0].strip()
    return ""


def _json_ld(doc) -> list[dict]:
    """The objects of the page's JSON-LD blocks (``@graph`` flattened)."""
    objects: list[dict] = []
    for script in doc.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict):
                objects += [g for g in item.get("@graph", []) if isinstance(g, dict)] or [item]
    return objects


def _json_ld_value(doc, key: str) -> str:
    for obj in _json_ld(doc):
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _page_date(doc) -> dt.date | None:
    for value in (_meta(doc, *_DATE_META), _json_ld_value(doc, "datePublished"), *doc.xpath("//time/@datetime"),
                  *(t.text_content() for t in doc.xpath(
                      "//time | //*[(contains(@class,'date') or contains(@class,'datum')) "
                      "and not(contains(@class,'update'))]"))):
        d = parse_date(value or "")
        if d:
            return d
    return None


def article_from_html(raw: bytes, *, origin: str, default_url: str, charset: str | None = None) -> Article:
    """Main text, title, date, dateline place and image captions of one article page."""
    import trafilatura  # imported late: it pulls in a large dependency tree

    text_html = decode_html(raw, origin=origin, declared=charset)
    try:
        doc = lxml.html.document_fromstring(text_html)
    except (etree.ParserError, ValueError) as exc:
        raise SourceError(f"unparseable HTML ({exc})", source=origin) from None
    url = default_url
    for candidate in (*doc.xpath("//link[@rel='canonical']/@href"), _meta(doc, "og:url")):
        absolute = urljoin(default_url, candidate.strip()) if candidate and candidate.strip() else ""
        if absolute.startswith(("http://", "https://")):
            url = urldefrag(absolute).url
            break
    url, note = article_iri(url)
    if note:
        LOGGER.warning("%s: %s", origin, note)
    # deduplicate=False: trafilatura's deduplication is a process-wide cache, so the same page read
    # a second time (a rebuild, a page in a listing and a feed) would come back without its text
    extracted = trafilatura.bare_extraction(
        text_html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True, deduplicate=False)
    body = (getattr(extracted, "text", None) or "").strip() if extracted else ""
    title = (_meta(doc, "og:title") or _json_ld_value(doc, "headline") or (getattr(extracted, "title", None) or "")
             or " ".join((doc.xpath("//h1")[0].text_content() if doc.xpath("//h1") else "").split()))
    title = " ".join(title.split())
    if title and body.startswith(title):
        body = body[len(title):].lstrip()
    if len(body) < MIN_TEXT_CHARS:
        raise SourceError("no article text found on the page", source=origin)
    date = _page_date(doc)
    if date is None and extracted is not None and getattr(extracted, "date", None):
        date = parse_date(extracted.date)
    captions = [" ".join(c.text_content().split()) for c in doc.xpath("//figcaption")]
    if not captions:
        captions = [a.strip() for a in doc.xpath("//article//img/@alt | //main//img/@alt") if a.strip()]
    # trafilatura keeps figure captions as paragraphs; they describe pictures, not the news
    for c in captions:
        body = body.replace(c, "").strip()
    caption = P.CAPTION_CREDIT.sub("", captions[0]).strip() if captions else ""
    # the dateline says where the newsroom wrote, not what the article is about: it becomes
    # the article's dateline (pg:dateline) and leaves the analysed text, as in JSON Lines
    place, dateline_date, body = _dateline(doc, body)
    date = date or dateline_date
    body = re.sub(r"\n{3,}", "\n\n", body)
    if len(body) < MIN_TEXT_CHARS:
        raise SourceError("no article text found on the page", source=origin)
    return Article(url=url, title=title, text=body, date=date, place=place, image_alt=caption,
                   origin=origin)


def _dateline(doc, body: str) -> tuple[str, dt.date | None, str]:
    """(place, date, body without the dateline): from the body's opening or a dateline element."""
    for pattern in (_DATELINE, _AGENCY_DATELINE):
        m = pattern.match(body)
        if m:
            date = parse_date(m["date"]) if "date" in m.groupdict() else None
            return m["place"].strip(), date, body[m.end():].lstrip()
    first, _, rest = body.partition("\n")
    m = _PLACE_ONLY.match(first)
    if m:
        return m["place"], None, rest.lstrip()
    # a dateline element that the main-text extraction dropped
    for el in doc.xpath(P.DATELINE_XPATH):
        text = " ".join(el.text_content().split())
        m = _DATELINE.match(text + " ") or _PLACE_ONLY.match(text)
        if m:
            date = parse_date(m["date"]) if "date" in m.groupdict() else None
            return m["place"].strip(), date, body
    return "", None, body
