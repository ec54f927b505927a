"""HTTP for the server's handlers: a request and a response as plain objects, error responses,
content negotiation, and the `format=` parameters that override it."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..query.results import not_acceptable_message

HTML_TYPE = "text/html; charset=utf-8"
TEXT_TYPE = "text/plain; charset=utf-8"
#: largest request body: the longest bundled query is ~1 kB; 1 MiB leaves room for queries
#: that tools generate with long VALUES lists, and no more
MAX_BODY = 1 << 20

#: `format=` / `output=` parameters (as SPARQLWrapper and browsers' download links send them):
#: short name → (results format, graph format)
FORMAT_PARAMS = {
    "json": ("json", ox.RdfFormat.JSON_LD), "xml": ("xml", ox.RdfFormat.RDF_XML), "csv": ("csv", None),
    "tsv": ("tsv", None), "turtle": (None, ox.RdfFormat.TURTLE), "ttl": (None, ox.RdfFormat.TURTLE),
    "nt": (None, ox.RdfFormat.N_TRIPLES), "ntriples": (None, ox.RdfFormat.N_TRIPLES),
    "n-triples": (None, ox.RdfFormat.N_TRIPLES), "jsonld": (None, ox.RdfFormat.JSON_LD),
    "json-ld": (None, ox.RdfFormat.JSON_LD), "rdfxml": (None, ox.RdfFormat.RDF_XML),
    "rdf+xml": (None, ox.RdfFormat.RDF_XML), "html": (None, None),
}


@dataclass
class Request:
    method: str
    path: str
    params: dict[str, list[str]]  # from the query string
    headers: dict[str, str]  # lower-case names
    body: bytes
    root: str  # this server's URL, ending in "/"

    def param(self, name: str) -> str | None:
        values = self.params.get(name)
        return values[0] if values else None


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = TEXT_TYPE
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def header_list(self) -> list[tuple[str, str]]:
        out = [("Content-Type", self.content_type), ("Content-Length", str(len(self.body)))]
        return out + sorted(self.headers.items())


def error(status: int, message: str, **headers: str) -> Response:
    """A plain-text error response: the message on one line."""
    return Response(status, (message.rstrip("\n") + "\n").encode("utf-8"), TEXT_TYPE, headers)


def not_acceptable(offers: Iterable[str]) -> Response:
    return error(406, not_acceptable_message(offers))


def negotiate(accept: str | None, offers: Sequence[str]) -> str | None:
    """The offer the Accept header prefers (RFC 9110 §12.5.1: q-values, the most specific range
    decides); ties go to the earlier offer. No header: the first offer. None: nothing fits."""
    if not accept or not accept.strip():
        return offers[0] if offers else None
    ranges = []
    for part in accept.split(","):
        media, *params = [x.strip() for x in part.split(";")]
        if not media:
            continue
        q = 1.0
        for p in params:
            name, _, value = p.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q))
    best, best_q = None, 0.0
    for offer in offers:
        q, specificity = None, -1
        for media, mq in ranges:
            s = 2 if media == offer else 1 if media.endswith("/*") and offer.startswith(media[:-1]) else (
                0 if media == "*/*" else -1)
            if s > specificity:
                q, specificity = mq, s
        if q is not None and q > best_q:
            best, best_q = offer, q
    return best


def http_date(ts: float) -> str:
    return time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(ts))
