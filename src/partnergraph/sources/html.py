"""One HTML article page → `Article`: main text by trafilatura, the rest from the markup."""

from __future__ import annotations

import datetime as dt
import logging
import re

import lxml.html
from lxml import etree

from ..errors import SourceError
from ..models import Article
from .dates import parse_date

LOGGER = logging.getLogger(__name__)

_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
#: a dateline opening the body: "Bonn, 19. Dezember 2023." or "BONN (12.03.2024) –"
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-ZÄÖÜ][\wÄÖÜäöüß.\- ]{1,40}?)\s*(?:,\s*|\s*\()"
    r"(?P<date>\d{1,2}\.\s*(?:\d{1,2}\.|[A-Za-zäÄ]+\.?)\s*\d{4})\)?\s*[.:–-]\s*"
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
    if not charset:
        m = _CHARSET.search(raw[:4096])
        charset = m.group(1).decode("ascii") if m else "utf-8"
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


def _page_date(doc) -> dt.date | None:
    for value in (_meta(doc, *_DATE_META), *doc.xpath("//time/@datetime"),
                  *(t.text_content() for t in doc.xpath("//time | //*[contains(@class,'date')]"))):
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
    canonical = (doc.xpath("//link[@rel='canonical']/@href") or [""])[0].strip()
    url = canonical if canonical.startswith(("http://", "https://")) else (
        _meta(doc, "og:url") or default_url)
    extracted = trafilatura.bare_extraction(
        text_html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True, deduplicate=True)
    body = (getattr(extracted, "text", None) or "").strip() if extracted else ""
    title = (_meta(doc, "og:title") or (getattr(extracted, "title", None) or "")
             or " ".join((doc.xpath("//h1")[0].text_content() if doc.xpath("//h1") else "").split()))
    title = " ".join(title.split())
    if title and body.startswith(title):
        body = body[len(title):].lstrip()
    if len(body) < MIN_TEXT_CHARS:
        raise SourceError("no article text found on the page", source=origin)
    date = _page_date(doc)
    if date is None and extracted is not None and getattr(extracted, "date", None):
        date = parse_date(extracted.date)
    place = ""
    m = _DATELINE.match(body)
    if m:
        place = m["place"].strip()
        date = date or parse_date(m["date"])
    captions = [" ".join(c.text_content().split()) for c in doc.xpath("//figcaption")]
    if not captions:
        captions = [a.strip() for a in doc.xpath("//article//img/@alt | //main//img/@alt") if a.strip()]
    caption = captions[0] if captions else ""
    # trafilatura keeps figure captions as paragraphs; they describe pictures, not the news
    for c in captions:
        body = body.replace(c, "").strip()
    body = re.sub(r"\n{3,}", "\n\n", body)
    return Article(url=url, title=title, text=body, date=date, place=place, image_alt=caption,
                   origin=origin)
