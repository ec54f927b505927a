"""The URLs of a remote SPARQL store: the update and Graph Store endpoints derived from the
query URL (``--store``), and the checks every configured URL passes."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from ..errors import UsageError

#: the environment variable holding the store's credentials (store/remote.py's docstring)
AUTH_ENV = "PARTNERGRAPH_STORE_AUTH"


def derive_endpoints(url: str) -> tuple[str, str, str | None]:
    """(query, update, graph store) URLs for a query URL, from the usual server layouts.

    ``http://h:7878/query``                  Oxigraph: ``/update``, ``/store``
    ``http://h:3030/ds/sparql`` or ``/ds/query``   Fuseki: ``/ds/update``, ``/ds/data``
    ``http://h:7200/repositories/R``         GraphDB, RDF4J: ``…/statements``, ``…/rdf-graphs/service``
    anything else (Virtuoso ``/sparql``, QLever ``/``)   updates to the same URL, no GSP
    """
    parts = urlsplit(url)
    path = parts.path.rstrip("/")

    def at(p: str) -> str:
        return urlunsplit(parts._replace(path=p, query="", fragment=""))

    if path == "/query":
        return url, at("/update"), at("/store")
    m = re.fullmatch(r"(.*/repositories/[^/]+)", path)
    if m:
        return url, at(m.group(1) + "/statements"), at(m.group(1) + "/rdf-graphs/service")
    m = re.fullmatch(r"(/.+)/(?:sparql|query)", path)
    if m and not path.endswith("/sparql-auth"):
        return url, at(m.group(1) + "/update"), at(m.group(1) + "/data")
    return url, url, None


def check_url(url: str, what: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"{what} {url!r} is not an http(s) URL")
    if parts.username or parts.password:
        raise UsageError(f"{what}: put credentials in {AUTH_ENV}=user:password, not in the URL")
