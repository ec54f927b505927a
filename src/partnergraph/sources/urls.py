"""Article URLs as the IRIs the graph states them as (``schema:url``, RFC 3987).

Input files are written by hand or by other tools, and their URLs are not always valid IRIs: a
space, a ``<`` or a lone ``%`` make the graph reject the article. Where the fault lies after the
host, percent-encoding the offending characters gives the address a browser would request, so
the URL is encoded and the reader says so; anything else (no scheme, a damaged host) is refused
with the reason.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

import pyoxigraph as ox

from ..errors import SourceError

#: characters RFC 3987 allows nowhere in an IRI: controls, space, and <>"{}|\^` (section 2.2),
#: plus [ and ], which are allowed only around an IPv6 host
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f\[\]]')
#: a % that does not start a %XX escape
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def _valid(iri: str) -> str:
    """"" when `iri` is a valid absolute IRI, else the reason."""
    try:
        ox.NamedNode(iri)
    except ValueError as exc:
        return str(exc)
    return ""


def article_iri(url: str) -> tuple[str, str]:
    """(`url` as a valid IRI, a note when it had to be percent-encoded, else "").

    SourceError, naming the URL and the cause, when no safe encoding makes it one.
    """
    url = url.strip()
    reason = _valid(url)
    if not reason:
        return url, ""
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # e.g. an unclosed [ of an IPv6 host
        raise SourceError(f"url {url!r} is not a valid IRI ({exc})") from None
    if not parts.scheme:
        raise SourceError(f"url {url!r} is not an absolute URL (no scheme such as https:)")
    head = len(parts.scheme) + 1
    if url[head:head + 2] == "//":
        head += 2 + len(parts.netloc)
    authority, rest = url[:head], url[head:]
    if _NOT_IN_IRI.search(parts.netloc.replace("[", "").replace("]", "")) or _LONE_PERCENT.search(parts.netloc):
        raise SourceError(f"url {url!r} is not a valid IRI: its host part holds a character no URL may hold")
    fixed = authority + _NOT_IN_IRI.sub(lambda m: quote(m[0], safe=""), _LONE_PERCENT.sub("%25", rest))
    still = _valid(fixed)
    if still:
        raise SourceError(f"url {url!r} is not a valid IRI ({reason})")
    return fixed, f"url {url!r} is not a valid IRI ({reason}); read as {fixed!r}"
