"""Wikidata's query service as reconciliation (publish/reconcile.py) uses it: the public
endpoint, the prefixes of Wikidata's RDF, and a SPARQL client that keeps to the service's usage
policy (one request at a time, a pause between requests, Retry-After honoured, a User-Agent
naming the project). Any endpoint with Wikidata's shape works too (a mirror, the tests' server).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import requests

from ..version import __version__
from ..errors import FetchError

LOGGER = logging.getLogger(__name__)

#: the public endpoint (https://www.wikidata.org/wiki/Wikidata:SPARQL_query_service)
WIKIDATA_ENDPOINT = "https://query.wikidata.org/sparql"
WD = "http://www.wikidata.org/entity/"
WDT = "http://www.wikidata.org/prop/direct/"
P = "http://www.wikidata.org/prop/"
PS = "http://www.wikidata.org/prop/statement/"
PQ = "http://www.wikidata.org/prop/qualifier/"
WD_PROLOGUE = (f"PREFIX wd: <{WD}>\nPREFIX wdt: <{WDT}>\nPREFIX p: <{P}>\nPREFIX ps: <{PS}>\n"
               f"PREFIX pq: <{PQ}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n")
#: the prefixes of the links graph written as Turtle (wikidata.ttl), in this order
PREFIXES = {"owl": "http://www.w3.org/2002/07/owl#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "xsd": "http://www.w3.org/2001/XMLSchema#", "wd": WD, "wdt": WDT, "p": P, "ps": PS, "pq": PQ,
            "wds": "http://www.wikidata.org/entity/statement/"}

#: seconds between two requests to the public endpoint: its usage policy asks bots for one
#: request at a time and to back off on 429; one per second keeps a 2,000-place graph under a minute
PUBLIC_MIN_INTERVAL = 1.0
#: further tries after a 429/5xx or a network error; waits follow Retry-After or double from 2 s
RETRIES = 4
USER_AGENT = (f"partnergraph/{__version__} (https://w3id.org/partnergraph; reconciliation of "
              f"municipal partnerships) python-requests/{requests.__version__}")


class SparqlClient:
    """A polite SPARQL client: one request at a time, a pause between requests, retries that
    honour Retry-After, a User-Agent that says who we are (Wikidata's User-Agent policy)."""

    def __init__(self, endpoint: str, *, min_interval: float | None = None, timeout: float = 60.0,
                 retries: int = RETRIES, sleep: Callable[[float], None] = time.sleep):
        self.endpoint = endpoint
        self.min_interval = (PUBLIC_MIN_INTERVAL if endpoint == WIKIDATA_ENDPOINT else 0.0) \
            if min_interval is None else min_interval
        self.timeout = timeout
        self.retries = retries
        self.sleep = sleep
        self.requests = 0
        self._last = 0.0
        self._session = requests.Session()
        self._session.headers.update({"User-Agent": USER_AGENT,
                                      "Accept": "application/sparql-results+json"})

    def select(self, query: str) -> list[dict[str, dict]]:
        wait = 2.0
        for attempt in range(self.retries + 1):
            pause = self._last + self.min_interval - time.monotonic()
            if pause > 0:
                self.sleep(pause)
            self._last = time.monotonic()
            self.requests += 1
            try:
                r = self._session.post(self.endpoint, data={"query": query}, timeout=self.timeout)
            except requests.RequestException as exc:
                reason = f"{type(exc).__name__}: {exc}"
                status = None
            else:
                if r.status_code == 200:
                    try:
                        return r.json()["results"]["bindings"]
                    except (ValueError, KeyError, TypeError):
                        raise FetchError("the endpoint did not answer with SPARQL JSON results",
                                         source=self.endpoint) from None
                status = r.status_code
                reason = f"HTTP {status}: {r.text.strip().splitlines()[0][:200] if r.text.strip() else ''}"
                if status not in (429, 500, 502, 503, 504):
                    raise FetchError(reason, source=self.endpoint)
                retry_after = r.headers.get("Retry-After", "")
                if retry_after.isdigit():
                    wait = max(wait, float(retry_after))
            if attempt == self.retries:
                raise FetchError(f"gave up after {attempt + 1} tries: {reason}", source=self.endpoint)
            LOGGER.info("%s: %s; trying again in %.0f s", self.endpoint, reason, wait)
            self.sleep(wait)
            wait *= 2
        raise AssertionError("unreachable")  # pragma: no cover
