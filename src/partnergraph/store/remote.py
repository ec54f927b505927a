"""A remote SPARQL 1.1 store (``--store URL``): the same `GraphStore` interface as the embedded one.

Reads go to the SPARQL 1.1 Protocol query endpoint. Writes are SPARQL Update requests
(``DROP SILENT GRAPH`` + ``INSERT DATA``, several graphs per request), or one Graph Store HTTP
Protocol ``PUT`` per graph on a server that unions its graphs itself (native, below) and has a
Graph Store endpoint. Results come back as SPARQL JSON / N-Triples and are parsed by pyoxigraph,
so callers get the same result types as from the embedded store.

The default graph is the merge of all named graphs, as in the embedded store (store/embedded.py):

merge   (a plain SPARQL 1.1 store: Oxigraph, Fuseki without ``unionDefaultGraph``) partnergraph
        keeps the merge itself: writing a graph adds its triples to the default graph, dropping
        one removes the triples no other graph states, in the same update request.
native  (Fuseki with ``unionDefaultGraph``, GraphDB, QLever) the endpoint already answers
        queries over the set union of all graphs; nothing is written to the default graph.
graph   (Virtuoso, Oxigraph ``--union-default-graph``) the endpoint's default graph is the union
        of all graphs as a bag: a triple stated by 40 article graphs comes back 40 times, which
        multiplies rows and COUNTs and made two bundled queries time out on Virtuoso. Its
        default graph cannot be written to either, so partnergraph keeps the merge in a named
        graph of its own (`MERGE_GRAPH`) and sends every query with that graph as
        ``default-graph-uri`` (and, for a query that says GRAPH, the article graphs as
        ``named-graph-uri``). The merge graph is never part of the dataset read back.

Which applies is found out on the first write (one probe triple in two scratch graphs: how
often does the default graph hold it? 0: merge, 1: native, 2: graph) unless
``PARTNERGRAPH_STORE_UNION=merge|native|graph`` says so. A reader that has not written finds
graph mode by the merge graph's presence.

Endpoints are derived from the query URL when the layout is recognisable (store/endpoints.py)
and can be set explicitly (``--update-url``, ``--gsp-url``). Credentials come only from the
environment, never from the command line::

    PARTNERGRAPH_STORE_AUTH=user:password      HTTP basic; digest when the server asks for it or
                                               refuses basic without offering it (Virtuoso)
    PARTNERGRAPH_STORE_AUTH="Bearer TOKEN"     an Authorization header (e.g. QLever's access token)

What Virtuoso does differently (updates too large to compile, answers cut at a row limit, other
lexical forms of equal literals, its own TSV) is recognised by store/virtuoso.py.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
from collections.abc import Iterable, Iterator

import pyoxigraph as ox
import requests

from ..errors import StoreError, UsageError
from ..graph.iri import OWN_GRAPH_REGEX
from ..namespaces import GRAPH_BASE
from .endpoints import AUTH_ENV, check_url, derive_endpoints
from .virtuoso import as_written, check_complete, is_sparql_tsv, refused_as_too_large, runs

LOGGER = logging.getLogger(__name__)

UNION_ENV = "PARTNERGRAPH_STORE_UNION"

#: how the default graph comes to be the merge of the named graphs (module docstring);
#: auto: probe on the first write
UNION_MODES = ("auto", "merge", "native", "graph")
#: graph mode: the named graph holding the merge of the article graphs (module docstring)
MERGE_GRAPH = GRAPH_BASE + "merged"
#: the scratch graph of that probe; dropped again right after
PROBE_GRAPH = "urn:partnergraph:probe"
#: N-Triples bytes per SPARQL Update request (several article graphs go in one): Oxigraph and
#: Fuseki accept far larger bodies, but a reverse proxy in front may not (nginx's default
#: client_max_body_size is 1 MB; docs/stores.md says to raise it to 16 MB); in merge mode each
#: triple is sent twice, so a request stays under 2 × 4 MB plus one graph
REQUEST_BYTES = 4_000_000

#: (connect, read) seconds. Connect: 10 s covers a slow TLS handshake across the Internet;
#: read: 600 s because an analytic query over tens of millions of triples on a remote triple
#: store legitimately runs for minutes.
DEFAULT_TIMEOUT = (10.0, 600.0)

#: characters of an endpoint's error body quoted in a message: one line of a Fuseki/Oxigraph
#: parse error fits; whole HTML error pages do not belong in a one-line message
ERROR_BODY_MAX = 200

SPARQL_JSON = "application/sparql-results+json"
SPARQL_XML = "application/sparql-results+xml"
SPARQL_TSV = "text/tab-separated-values"
_RESULT_TYPES = {
    SPARQL_JSON: ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    SPARQL_XML: ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    SPARQL_TSV: ox.QueryResultsFormat.TSV,
}
_RDF_TYPES = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,  # N-Triples as some older servers label it
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}


def _query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first form keyword outside comments, IRIs, strings."""
    body = re.sub(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'', '""', sparql)
    body = re.sub(r"<[^<>\"{}|^`\\\s]*>", "<>", body)
    body = re.sub(r"#[^\n]*", "", body)
    m = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", body, re.IGNORECASE)
    return m.group(1).upper() if m else "SELECT"


#: a FILTER keeping the graphs a build writes (iri.OWN_GRAPH_REGEX): a shared store holds
#: others, and Virtuoso keeps system graphs (virtrdf#, ldp#, its VoID) that are no part of ours
_OWN_GRAPHS = f"FILTER(REGEX(STR(?g), {json.dumps(OWN_GRAPH_REGEX)}) && ?g != <{MERGE_GRAPH}>)"

def _sparql_term(term) -> str:
    """A term in SPARQL syntax (N-Triples syntax is valid SPARQL for IRIs and literals)."""
    return str(term)


class RemoteStore:
    """A SPARQL 1.1 endpoint (plus SPARQL Update and, optionally, the Graph Store Protocol)."""

    def __init__(self, url: str, *, update_url: str | None = None, gsp_url: str | None = None,
                 timeout: float | tuple[float, float] = DEFAULT_TIMEOUT, union: str | None = None,
                 auth: str | None = None):
        check_url(url, "--store")
        query_url, derived_update, derived_gsp = derive_endpoints(url)
        self.url = url
        self.query_url = query_url
        self.update_url = update_url or derived_update
        self.gsp_url = gsp_url or derived_gsp
        check_url(self.update_url, "--update-url")
        if self.gsp_url:
            check_url(self.gsp_url, "--gsp-url")
        self.timeout = timeout
        union = union or os.environ.get(UNION_ENV) or "auto"
        if union not in UNION_MODES:
            raise UsageError(f"{UNION_ENV}={union!r}: choose one of {', '.join(UNION_MODES)}")
        self._union = None if union == "auto" else union
        self._session = requests.Session()
        self._session.headers["User-Agent"] = "partnergraph (SPARQL 1.1 client)"
        credentials = auth if auth is not None else os.environ.get(AUTH_ENV, "")
        if credentials.startswith("Bearer "):
            self._session.headers["Authorization"] = credentials
        elif credentials:
            user, sep, password = credentials.partition(":")
            if not sep:
                raise UsageError(f"{AUTH_ENV} must be user:password or 'Bearer TOKEN'")
            self._session.auth = (user, password)
        self._closed = False
        #: a reader found no merge graph (graph mode) in the store
        self._merge_graph_absent = False
        #: SPARQL TSV accepted for large answers until a server answers with something else
        self._tsv = True
        #: triples one update may carry: unlimited until the server refuses a batch as too large
        self._max_triples: int | None = None

    def _stream_accept(self) -> str:
        return f"{SPARQL_TSV}, {SPARQL_JSON};q=0.9" if self._tsv else SPARQL_JSON

    def __repr__(self) -> str:
        return f"RemoteStore({self.query_url!r})"

    # -- HTTP ----------------------------------------------------------------------------------

    def _request(self, method: str, url: str, what: str, *, ok: tuple[int, ...] = (), **kwargs) -> requests.Response:
        try:
            resp = self._session.request(method, url, timeout=self.timeout, **kwargs)
            if resp.status_code == 401 and isinstance(self._session.auth, tuple) \
                    and "basic" not in resp.headers.get("WWW-Authenticate", "").lower():
                # Basic credentials refused without an offer of Basic: either a Digest challenge,
                # or (Virtuoso's /sparql-auth) a bare 401 without any WWW-Authenticate. Digest is
                # tried once; it stays the session's scheme when it works.
                basic = self._session.auth
                self._session.auth = requests.auth.HTTPDigestAuth(*basic)
                resp.close()
                resp = self._session.request(method, url, timeout=self.timeout, **kwargs)
                if resp.status_code == 401:
                    self._session.auth = basic  # neither scheme: report the 401 as it came
                else:
                    LOGGER.info("%s: the server takes HTTP digest authentication", url)
        except requests.ConnectionError as exc:
            reason = re.search(r"\[Errno -?\d+\] ([^'\")\]]+)", str(exc))
            raise StoreError(f"{url}: {what}: cannot connect ({reason.group(1).strip() if reason else type(exc).__name__})") from None
        except requests.Timeout:
            raise StoreError(f"{url}: {what}: no answer within {self.timeout} s") from None
        except requests.RequestException as exc:
            raise StoreError(f"{url}: {what}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}") from None
        if resp.status_code >= 400 and resp.status_code not in ok:
            body = " ".join(resp.text.split())[:ERROR_BODY_MAX] if not kwargs.get("stream") else ""
            hint = f" (set {AUTH_ENV}=user:password)" if resp.status_code in (401, 403) else ""
            raise StoreError(f"{url}: {what} failed: HTTP {resp.status_code} {resp.reason}{hint}" + (f": {body}" if body else ""))
        return resp

    def _select(self, sparql: str, what: str, *, params: list[tuple[str, str]] = (), stream: bool = False,
                accept: str = SPARQL_JSON):
        resp = self._request("POST", self.query_url, what, data=[("query", sparql), *params],
                             headers={"Accept": accept}, stream=stream)
        check_complete(resp, self.query_url, what)
        ctype = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
        fmt = _RESULT_TYPES.get(ctype)
        if fmt is None:
            resp.close()
            raise StoreError(f"{self.query_url}: {what}: unexpected answer of type {ctype or 'unknown'!r}")
        if stream:
            resp.raw.decode_content = True
            resp.raw.auto_close = False  # the reader below ends at EOF, not at a closed file
            body = io.BufferedReader(resp.raw, buffer_size=1 << 16)
            if fmt == ox.QueryResultsFormat.TSV and not is_sparql_tsv(body.peek(1)):
                # Virtuoso's TSV is not SPARQL 1.1 TSV (quoted names, IRIs as strings): ask
                # once more for JSON, and from now on always
                resp.close()
                self._tsv = False
                return self._select(sparql, what, params=params, stream=stream, accept=SPARQL_JSON)
            return resp, ox.parse_query_results(body, fmt)
        return resp, ox.parse_query_results(resp.content, fmt)

    def _update(self, sparql: str, what: str) -> None:
        self._request("POST", self.update_url, what, data=sparql.encode("utf-8"),
                      headers={"Content-Type": "application/sparql-update; charset=utf-8"})

    # -- the default graph: the merge of the named graphs --------------------------------------

    def _mode(self) -> str:
        if self._union is None:
            self._union = self._probe()
        return self._union

    def _probe(self) -> str:
        """How often a triple written to two scratch named graphs shows in the default graph:
        never (merge), once (native: a set union), twice (graph: a bag union)."""
        token = ox.Literal("probe " + os.urandom(8).hex())
        triple = f"<{PROBE_GRAPH}> <{PROBE_GRAPH}> {_sparql_term(token)}"
        second = PROBE_GRAPH + "-2"
        self._update(f"INSERT DATA {{ GRAPH <{PROBE_GRAPH}> {{ {triple} }} GRAPH <{second}> {{ {triple} }} }}",
                     "probing the default graph")
        try:
            sols = self._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {triple} }}", "probing the default graph")[1]
            seen = int(next(iter(sols))["n"].value)
        finally:
            self._update(f"DROP SILENT GRAPH <{PROBE_GRAPH}> ; DROP SILENT GRAPH <{second}>",
                         "removing the probe graphs")
        mode = "merge" if seen == 0 else "native" if seen == 1 else "graph"
        LOGGER.info("%s: default graph is the merge of the named graphs via %s", self.query_url, mode)
        return mode

    def _read_mode(self) -> str | None:
        """The mode as far as a reader needs it, without writing: graph mode shows by its merge
        graph; otherwise the endpoint's default graph is queried as it is."""
        if self._union is None and not self._merge_graph_absent:
            ask = f"ASK {{ GRAPH <{MERGE_GRAPH}> {{ ?s ?p ?o }} }}"
            if bool(self._select(ask, "looking for the merge graph")[1]):
                self._union = "graph"
            else:
                self._merge_graph_absent = True
        return self._union

    def _unmerge(self, graph: str) -> str:
        """SPARQL Update: remove from the merge what only `graph` states."""
        if self._mode() == "graph":
            return (f"DELETE {{ GRAPH <{MERGE_GRAPH}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} "
                    f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} "
                    f"FILTER(?other != <{graph}> && ?other != <{MERGE_GRAPH}>) }} }}")
        return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} "
                f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{graph}>) }} }}")

    # -- GraphStore ----------------------------------------------------------------------------

    def replace_graphs(self, graphs: dict[str, list[ox.Quad]]) -> None:
        """Replaces several named graphs and keeps the merged default graph up to date."""
        batch: list[tuple[str, bytes]] = []
        size = 0
        for graph, quads in graphs.items():
            triples = []
            for q in quads:
                if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == graph):
                    raise StoreError(f"<{graph}>: a quad for another graph ({q.graph_name}) in its data")
                triples.append(q.triple)
            data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) if triples else b""
            if self._mode() == "native" and self.gsp_url:
                self._put(graph, data)
                continue
            batch.append((graph, data))
            size += len(data)
            if size >= REQUEST_BYTES:
                self._write(batch)
                batch, size = [], 0
        if batch:
            self._write(batch)

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        self.replace_graphs({graph: list(quads)})

    def replace_graphs_nquads(self, graphs: list[tuple[str, bytes]]) -> None:
        """Like `replace_graphs`, from N-Quads (one graph per item)."""
        parsed = {}
        for graph, nquads in graphs:
            try:
                parsed[graph] = list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
            except SyntaxError as exc:
                raise StoreError(f"<{graph}>: invalid N-Quads: {exc}") from None
        self.replace_graphs(parsed)

    def load(self, data: bytes, format: ox.RdfFormat = ox.RdfFormat.TRIG) -> None:
        """Loads a dataset (TriG, N-Quads): each named graph replaces the one of that name."""
        by_graph: dict[str, list[ox.Quad]] = {}
        try:
            for q in ox.parse(data, format=format):
                if not isinstance(q.graph_name, ox.NamedNode):
                    raise StoreError("data for the default graph: the default graph is the merge of the named graphs")
                by_graph.setdefault(q.graph_name.value, []).append(q)
        except SyntaxError as exc:
            raise StoreError(f"invalid {format}: {exc}") from None
        self.replace_graphs(by_graph)

    def _put(self, graph: str, ntriples: bytes) -> None:
        """native mode: one Graph Store PUT (or DELETE for an empty graph)."""
        if ntriples:
            self._request("PUT", self.gsp_url, f"storing <{graph}>", params={"graph": graph}, data=ntriples,
                          headers={"Content-Type": "application/n-triples"})
        else:
            self._request("DELETE", self.gsp_url, f"dropping <{graph}>", params={"graph": graph}, ok=(404,))

    def _write(self, batch: list[tuple[str, bytes]]) -> None:
        """Replaces the graphs of `batch` ((graph, N-Triples) pairs) in as few requests as the
        server accepts. A server that refuses a request as too large to compile (Virtuoso's
        SP031) gets it again in halves, down to one graph a request and then one graph's
        triples in parts; the size that worked is kept for the rest of the session."""
        for run in runs(batch, self._max_triples):
            self._write_sized(run)

    def _write_sized(self, batch: list[tuple[str, bytes]], *, drop: bool = True) -> None:
        try:
            self._write_request(batch, drop=drop)
            return
        except StoreError as exc:
            if not refused_as_too_large(exc):
                raise
            triples = sum(data.count(b"\n") for _, data in batch)
            if len(batch) == 1 and triples <= 1:
                raise
            self._max_triples = max(1, min(self._max_triples or triples, triples) // 2)
            LOGGER.info("%s: the server refused %d triples in one update; sending at most %d",
                        self.update_url, triples, self._max_triples)
        if len(batch) > 1:
            half = len(batch) // 2
            self._write_sized(batch[:half], drop=drop)
            self._write_sized(batch[half:], drop=drop)
            return
        # one graph too large for one request: replaced first, its remaining triples added after
        # (the only case in which a reader can see a graph half-written)
        graph, data = batch[0]
        lines = data.splitlines(keepends=True)
        half = len(lines) // 2
        self._write_sized([(graph, b"".join(lines[:half]))], drop=drop)
        self._write_sized([(graph, b"".join(lines[half:]))], drop=False)

    def _write_request(self, batch: list[tuple[str, bytes]], *, drop: bool = True) -> None:
        """One SPARQL Update request replacing the graphs of `batch` ((graph, N-Triples) pairs):
        stores that run a request as one transaction (Oxigraph, Fuseki) never show a
        half-replaced graph. In merge mode every old graph leaves the merge before any new one
        enters it, so a triple stated by two replaced graphs is counted right. With
        ``drop=False`` the triples are added to what the graphs hold."""
        merge = self._mode() in ("merge", "graph")
        operations = []
        for graph, _ in batch if drop else ():
            if merge:
                operations.append(self._unmerge(graph))
            operations.append(f"DROP SILENT GRAPH <{graph}>")
        inserts = "".join(f"GRAPH <{graph}> {{\n{data.decode('utf-8')}}}\n" for graph, data in batch if data)
        if inserts:
            merged = "".join(data.decode("utf-8") for _, data in batch) if merge else ""
            if merged and self._mode() == "graph":
                merged = f"GRAPH <{MERGE_GRAPH}> {{\n{merged}}}\n"
            operations.append(f"INSERT DATA {{\n{inserts}{merged}}}")
        if not operations:
            return
        what = f"storing <{batch[0][0]}>" + (f" and {len(batch) - 1} more graphs" if len(batch) > 1 else "")
        self._update(" ;\n".join(operations), what)

    def drop_graph(self, graph: str) -> None:
        if self._mode() == "native" and self.gsp_url:
            self._request("DELETE", self.gsp_url, f"dropping <{graph}>", params={"graph": graph}, ok=(404,))
            return
        operations = [self._unmerge(graph)] if self._mode() in ("merge", "graph") else []
        self._update(" ;\n".join([*operations, f"DROP SILENT GRAPH <{graph}>"]), f"dropping <{graph}>")

    def graph_names(self) -> set[str]:
        _, sols = self._select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ }} {_OWN_GRAPHS} }}", "listing the named graphs")
        names = {sol["g"].value for sol in sols if isinstance(sol["g"], ox.NamedNode)}
        if not names:
            # Virtuoso matches no graph with an empty pattern; asking for a triple costs a scan,
            # paid only when the cheap form found nothing
            _, sols = self._select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_OWN_GRAPHS} }}",
                                   "listing the named graphs")
            names = {sol["g"].value for sol in sols if isinstance(sol["g"], ox.NamedNode)}
        return names

    def quads(self) -> Iterator[ox.Quad]:
        """The quads of the named graphs, streamed (the default graph is derived from them)."""
        resp, sols = self._select(f"SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_OWN_GRAPHS} }}",
                                  "reading all quads", stream=True, accept=self._stream_accept())
        try:
            for sol in sols:
                yield ox.Quad(sol["s"], sol["p"], as_written(sol["o"]), sol["g"])
        except (SyntaxError, OSError, requests.RequestException) as exc:
            raise StoreError(f"{self.query_url}: reading all quads: the answer broke off: {exc}") from None
        finally:
            resp.close()

    def query(self, sparql: str, *, default_graph: list[str] | None = None,
              named_graphs: list[str] | None = None):
        """SELECT/ASK → pyoxigraph QuerySolutions/QueryBoolean; CONSTRUCT/DESCRIBE → QueryTriples."""
        if default_graph or named_graphs:
            params = [("default-graph-uri", g) for g in default_graph or []]
            params += [("named-graph-uri", g) for g in named_graphs or []]
        elif self._read_mode() == "graph":
            params = [("default-graph-uri", MERGE_GRAPH)]
            if re.search(r"\bGRAPH\b", sparql, re.IGNORECASE):
                params += [("named-graph-uri", g) for g in sorted(self.graph_names())]
        else:
            params = []  # the endpoint's default graph: the merge (module docstring)
        if _query_form(sparql) in ("SELECT", "ASK"):
            return self._select(sparql, "query", params=params)[1]
        accept = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
        resp = self._request("POST", self.query_url, "query", data=[("query", sparql), *params],
                             headers={"Accept": accept})
        check_complete(resp, self.query_url, "query")
        ctype = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if ctype not in _RDF_TYPES:
            raise StoreError(f"{self.query_url}: query: unexpected answer of type {ctype or 'unknown'!r}")
        # a real pyoxigraph QueryTriples, as the embedded store returns: the answer, loaded into a
        # scratch store and read back with CONSTRUCT
        scratch = ox.Store()
        try:
            scratch.load(resp.content, format=_RDF_TYPES[ctype])
        except SyntaxError as exc:
            raise StoreError(f"{self.query_url}: query: unreadable {ctype} answer: {exc}") from None
        return scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")

    def triples(self) -> Iterator[ox.Triple]:
        """The merged default graph: every triple once, streamed."""
        # from the named graphs, not the endpoint's default graph: that may hold other graphs too
        resp, sols = self._select(f"SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_OWN_GRAPHS} }}",
                                  "reading the default graph", stream=True, accept=self._stream_accept())
        try:
            for sol in sols:
                yield ox.Triple(sol["s"], sol["p"], as_written(sol["o"]))
        except (SyntaxError, OSError, requests.RequestException) as exc:
            raise StoreError(f"{self.query_url}: reading the default graph: the answer broke off: {exc}") from None
        finally:
            resp.close()

    def __len__(self) -> int:
        _, sols = self._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_OWN_GRAPHS} }}",
                               "counting quads")
        return int(next(iter(sols))["n"].value)

    def flush(self) -> None:
        """Nothing to do: every write above is one complete HTTP request."""

    def close(self) -> None:
        if not self._closed:
            self._session.close()
            self._closed = True
