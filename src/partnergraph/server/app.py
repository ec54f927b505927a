"""`partnergraph serve`: one graph directory on the web, as a WSGI application.

    /                     the query page: an editor, the bundled queries, a results table
    /sparql               the SPARQL 1.1 Protocol, read-only (GET, POST form, POST sparql-query)
    /id/…                 every resource, by content negotiation: Turtle, JSON-LD, N-Triples, HTML
    /ontology             the ontology, likewise
    /dump.ttl.gz          the whole graph (Turtle; dump.nq.gz: N-Quads, one graph per article)
    /.well-known/void     the VoID + DCAT description of the dataset

`make_app(directory)` returns the application; `App.get(path)` answers one request in-process
(``partnergraph serve --get``, and the tests) and `make_server` puts it on a socket with waitress
(slow clients cost no thread; silent connections are closed; a connection cap).

Queries are guarded before they reach the store (`query.check_read_only`, i.e. sparqlguard.py:
no updates, no SERVICE, FROM only for this store's graphs, bounded size and nesting) and evaluated
in worker processes (querypool.py): each is killed at its deadline or when the workers use too
much memory, a crashed one is replaced, and none can open a network connection (sandbox.py). The
server process never evaluates user SPARQL. A committed rebuild of the directory is picked up by
the next request (`App.check_for_rebuild`); `App.reload` (SIGHUP) does it at once.
docs/server.md says more.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import logging
import re
import threading
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote_to_bytes
from wsgiref.util import application_uri, setup_testing_defaults
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox

from ..publish import dataset as publish
from ..errors import ForbiddenQuery, PartnergraphError, QueryError, StoreError, UsageError
from ..publish.export import output_prefixes, sorted_triples, to_bytes
from ..namespaces import ANALYTICS_GRAPH, DEFAULT_BASE, PG_IRI, VOCABULARY_GRAPH, prefixes_for, sparql_prologue
from ..query.runner import QueryDataset, bundled_queries, check_read_only
from ..query.pool import DEFAULT_MEMORY_LIMIT, WorkerFailure, WorkerPool, default_size
from ..store.embedded import EmbeddedStore, GraphStore

LOGGER = logging.getLogger(__name__)

#: the SPARQL endpoint's limits. 30 s: the issue's default. 100,000 rows or triples: more than
#: every bundled query returns on the sample corpus (the largest, partnership evidence, ~60 rows)
#: by three orders of magnitude, while the JSON for that many rows stays near 20 MB; the whole
#: graph is in the dumps, so larger results are not needed.
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RESULTS = 100_000
#: query worker processes at most (querypool.default_size: twice the cores, at least 4)
DEFAULT_WORKERS = default_size()
#: seconds between two looks for a committed rebuild of the directory (two stat calls each)
RELOAD_CHECK_EVERY = 1.0
#: largest request body: the longest bundled query is ~1 kB; 1 MiB leaves room for queries
#: that tools generate with long VALUES lists, and no more
MAX_BODY = 1 << 20
#: solutions between two deadline checks while a result is read (a check costs ~0.1 µs,
#: a solution ~5 µs: measured on the sample graph, 1M solutions of a cross product in 5.3 s)
CHECK_EVERY = 64
#: pending connections the socket accepts: the historical Linux default (somaxconn 128);
#: socketserver's default of 5 refuses a burst from the 8 clients of the load benchmark
LISTEN_BACKLOG = 128

#: characters of an article headline shown as the source of a fact: a fact stated by four
#: articles then fits on two lines of the page; the full headline is the link's title
SOURCE_LABEL_MAX = 40

HTML_TYPE = "text/html; charset=utf-8"
TEXT_TYPE = "text/plain; charset=utf-8"
DATA_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'"


class QueryTimeout(QueryError):
    """A query ran past the server's deadline."""


class ResultTooLarge(QueryError):
    """A query's result has more rows or triples than the server's cap."""


# -- requests and responses --------------------------------------------------------------------

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


def _error(status: int, message: str, **headers: str) -> Response:
    return Response(status, (message.rstrip("\n") + "\n").encode("utf-8"), TEXT_TYPE, headers)


# -- content negotiation -----------------------------------------------------------------------

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


#: SELECT / ASK results: media type → format; the first is the default
RESULT_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
RESULT_MEDIA = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8"}
#: CONSTRUCT / DESCRIBE results and resource descriptions: media type → pyoxigraph format
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE, "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD, "application/json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
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


def _rdf_media(fmt: ox.RdfFormat) -> str:
    media = fmt.media_type
    return media + "; charset=utf-8" if media.startswith("text/") else media


def _not_acceptable(offers: Iterable[str]) -> Response:
    return _error(406, "none of the Accept header's types can be served here; available: " + ", ".join(offers))


# -- SPARQL results ----------------------------------------------------------------------------

@dataclass
class Outcome:
    """A query's whole result, read within the deadline and the cap."""

    kind: str  # "bindings", "boolean" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool = False
    triples: list[ox.Triple] = field(default_factory=list)


def _json_term(t) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        out = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = t.datatype.value
        return out
    return {"type": "triple", "value": {"subject": _json_term(t.subject), "predicate": _json_term(t.predicate),
                                        "object": _json_term(t.object)}}


def _xml_term(t) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{xml_escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{xml_escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            attr = f" xml:lang={quoteattr(t.language)}"
        elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            attr = f" datatype={quoteattr(t.datatype.value)}"
        else:
            attr = ""
        return f"<literal{attr}>{xml_escape(t.value)}</literal>"
    return (f"<triple><subject>{_xml_term(t.subject)}</subject><predicate>{_xml_term(t.predicate)}</predicate>"
            f"<object>{_xml_term(t.object)}</object></triple>")


def _csv_field(t) -> str:
    if t is None:
        return ""
    value = t.value if isinstance(t, (ox.NamedNode, ox.Literal)) else "_:" + t.value if isinstance(t, ox.BlankNode) else str(t)
    return '"' + value.replace('"', '""') + '"' if re.search(r'[",\r\n]', value) else value


def serialize_results(outcome: Outcome, fmt: str) -> bytes:
    """SPARQL 1.1 Query Results in JSON, XML, CSV or TSV (W3C recommendations of 2013)."""
    if outcome.kind == "boolean":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": outcome.boolean}).encode("utf-8")
        if fmt == "xml":
            return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                    f"<head></head><boolean>{str(outcome.boolean).lower()}</boolean></sparql>\n").encode("utf-8")
        return str(outcome.boolean).lower().encode("utf-8")
    names = outcome.variables
    if fmt == "json":
        bindings = [{n: _json_term(t) for n, t in zip(names, row) if t is not None} for row in outcome.rows]
        return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}},
                          ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
        parts += [f"<variable name={quoteattr(n)}/>" for n in names]
        parts.append("</head>\n<results>\n")
        for row in outcome.rows:
            parts.append("<result>")
            parts += [f"<binding name={quoteattr(n)}>{_xml_term(t)}</binding>" for n, t in zip(names, row) if t is not None]
            parts.append("</result>\n")
        parts.append("</results>\n</sparql>\n")
        return "".join(parts).encode("utf-8")
    if fmt == "csv":
        lines = [",".join(_csv_field(ox.Literal(n)) for n in names)]
        lines += [",".join(_csv_field(t) for t in row) for row in outcome.rows]
        return ("\r\n".join(lines) + "\r\n").encode("utf-8")
    lines = ["\t".join("?" + n for n in names)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in outcome.rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def serialize_graph(triples: Iterable[ox.Triple], fmt: ox.RdfFormat, *, base: str) -> bytes:
    data = sorted_triples(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    prefixes = output_prefixes(base) if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.JSON_LD, ox.RdfFormat.RDF_XML) else None
    return ox.serialize(data, format=fmt, prefixes=prefixes)


# -- evaluation with a deadline and a cap ------------------------------------------------------

@dataclass(frozen=True)
class Job:
    """One query to evaluate, with everything needed to answer it (picklable: it goes to a worker)."""

    text: str
    default: tuple[str, ...]
    named: tuple[str, ...]
    max_results: int
    results_format: str | None  # "json", "xml", "csv", "tsv"; None: nothing acceptable (406)
    graph_media: str | None  # media type of the graph format; None: nothing acceptable (406)
    base: str


#: a worker's answer: ("ok", content type, body) or ("error", status, one-line message)
Reply = tuple


def evaluate_job(store: GraphStore, job: Job, *, deadline: float | None = None,
                 cancelled: threading.Event | None = None) -> Reply:
    """Evaluates `job` on `store` and serialises its result, within the cap (and the deadline,
    when one is given: the thread runner's way of stopping; worker processes are killed instead)."""
    # pyoxigraph's result iterators belong to the thread that made them and must be dropped
    # there: nothing that refers to one (a traceback's frame) may leave this function
    result = message = None
    try:
        result = store.query(job.text, default_graph=list(job.default) or None, named_graphs=list(job.named) or None)
        outcome = _read(result, job.max_results, deadline, cancelled)
    except (SyntaxError, OSError, RuntimeError, ValueError) as exc:
        message = f"query: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
    finally:
        del result
    if message is not None:
        return ("error", 400, message)
    if outcome == "timeout":
        return ("error", 503, "timeout")
    if isinstance(outcome, str):
        return ("error", 400, f"query: the result has more than {job.max_results} {outcome}, the server's "
                              "limit: add a LIMIT, or download the whole graph from /dump.nq.gz")
    if outcome.kind == "graph":
        if job.graph_media is None:
            return ("error", 406, _not_acceptable(GRAPH_TYPES).text.strip())
        fmt = ox.RdfFormat.from_media_type(job.graph_media)
        return ("ok", _rdf_media(fmt), serialize_graph(outcome.triples, fmt, base=job.base))
    if job.results_format is None:
        return ("error", 406, _not_acceptable(RESULT_TYPES).text.strip())
    return ("ok", RESULT_MEDIA[job.results_format], serialize_results(outcome, job.results_format))


def _read(result, max_results: int, deadline: float | None, cancelled: threading.Event | None) -> Outcome | str:
    """The whole result, or why not: "timeout", or "rows"/"triples" for a result over the cap."""
    if isinstance(result, ox.QueryBoolean):
        return Outcome("boolean", boolean=bool(result))
    graph = isinstance(result, ox.QueryTriples)
    names = [] if graph else [v.value for v in result.variables]
    width = len(names)
    items: list = []
    for item in result:
        items.append(item if graph else tuple(item[i] for i in range(width)))
        if deadline is not None and len(items) % CHECK_EVERY == 0 and (
                cancelled.is_set() or time.monotonic() > deadline):
            return "timeout"
        if len(items) > max_results:
            return "triples" if graph else "rows"
    return Outcome("graph", triples=items) if graph else Outcome("bindings", variables=names, rows=items)


class ThreadRunner:
    """Evaluates queries in worker threads: for a remote store (``--store URL``), which does the
    evaluation itself, and for stores without a directory. It cannot stop a running evaluation:
    past the deadline the client gets 503 and the thread stops at the next solution."""

    def __init__(self, store: GraphStore, *, timeout: float, workers: int):
        self.store = store
        self.timeout = timeout
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="partnergraph-query")

    def run(self, job: Job) -> Reply:
        deadline = time.monotonic() + self.timeout
        cancelled = threading.Event()
        future = self._pool.submit(self._evaluate, job, deadline, cancelled)
        try:
            reply = future.result(timeout=max(0.0, deadline - time.monotonic()))
        except FutureTimeout:
            cancelled.set()
            reply = ("error", 503, "timeout")
        if reply[:2] == ("error", 503) and reply[2] == "timeout":
            raise QueryTimeout(f"query: no result within {self.timeout:g} s, the server's limit")
        return reply

    def _evaluate(self, job: Job, deadline: float, cancelled: threading.Event) -> Reply:
        if cancelled.is_set() or time.monotonic() > deadline:  # waited its whole time in the queue
            return ("error", 503, "timeout")
        return evaluate_job(self.store, job, deadline=deadline, cancelled=cancelled)

    def reload(self, store: GraphStore) -> None:
        self.store = store

    def pids(self) -> list[int]:
        return []

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


class ProcessRunner:
    """Evaluates queries in worker processes over the store's directory (querypool.py): the
    server's own process never evaluates user SPARQL."""

    def __init__(self, store_path: Path, *, timeout: float, workers: int, memory_limit: int):
        self.timeout = timeout
        self.pool = WorkerPool(store_path, evaluate_job, size=workers, memory_limit=memory_limit)

    def run(self, job: Job) -> Reply:
        try:
            reply = self.pool.run(job, timeout=self.timeout)
        except WorkerFailure as exc:
            if exc.kind == "timeout":
                raise QueryTimeout(str(exc)) from None
            return ("error", exc.status, str(exc))
        if reply[:2] == ("error", 503) and reply[2] == "timeout":
            raise QueryTimeout(f"query: no result within {self.timeout:g} s, the server's limit")
        return reply

    def reload(self, store: GraphStore) -> None:
        self.pool.reload()

    def pids(self) -> list[int]:
        return self.pool.pids()

    def close(self) -> None:
        self.pool.close()


# -- the application ---------------------------------------------------------------------------

def recorded_base(directory: Path) -> str:
    """The resource base the directory was built with (``state.json``), or the default."""
    try:
        return json.loads((Path(directory) / "state.json").read_text(encoding="utf-8")).get("base") or DEFAULT_BASE
    except (OSError, ValueError):
        return DEFAULT_BASE


class App:
    """The WSGI application over one graph directory (see the module docstring)."""

    def __init__(self, directory: Path, *, store: GraphStore | None = None, base: str | None = None,
                 timeout: float = DEFAULT_TIMEOUT, max_results: int = DEFAULT_MAX_RESULTS,
                 workers: int = DEFAULT_WORKERS, memory_limit: int = DEFAULT_MEMORY_LIMIT,
                 public_url: str | None = None, license: str | None = None):
        if timeout <= 0 or max_results <= 0 or workers <= 0 or memory_limit <= 0:
            raise UsageError("--timeout, --max-results, --workers and --memory-limit must be positive")
        self.directory = Path(directory)
        self._own_store = store is None
        if store is None:
            from ..pipeline.staging import open_existing

            store = open_existing(self.directory)
        self.store = store
        self._given_base = base
        self.base = base or recorded_base(self.directory)
        self.prologue = sparql_prologue(self.base)
        self._prologue_lines = self.prologue.count("\n")
        self.public_url = public_url.rstrip("/") + "/" if public_url else None
        self.license = license
        self.max_results = max_results
        self.timeout = timeout
        self.workers = workers
        # an embedded store on disk: queries go to worker processes that can be ended; a remote
        # store evaluates queries itself, so threads that wait for it are enough
        if self._reloadable():
            self.runner = ProcessRunner(store.path, timeout=timeout, workers=workers, memory_limit=memory_limit)
        else:
            self.runner = ThreadRunner(store, timeout=timeout, workers=workers)
        self.graphs = frozenset(store.graph_names())
        self._cache: dict[str, tuple[bytes, str]] = {}
        self._lock = threading.Lock()
        self._stats: publish.DatasetStats | None = None
        self.last_modified = _http_date(self._modified_time())
        self._signature = self._directory_signature()
        self._checked = time.monotonic()
        self._reload_lock = threading.Lock()

    # -- following rebuilds ----------------------------------------------------------------

    def _reloadable(self) -> bool:
        return isinstance(self.store, EmbeddedStore) and self.store.path is not None and self.store.read_only

    def _directory_signature(self) -> tuple | None:
        """What changes when a build commits: the store folder is replaced (a new inode) and
        state.json rewritten. None while a commit is under way (``.commit`` present)."""
        if not self._reloadable():
            return None
        try:
            if (self.directory / ".commit").exists():
                return None
            store = (self.directory / "store").stat()
            state = (self.directory / "state.json").stat() if (self.directory / "state.json").exists() else None
            return (store.st_ino, store.st_mtime_ns, state.st_ino if state else 0, state.st_mtime_ns if state else 0)
        except OSError:
            return None

    def check_for_rebuild(self) -> bool:
        """Switches to a newly committed build of the directory, at most once per
        `RELOAD_CHECK_EVERY` seconds (two stat calls); True when it did."""
        now = time.monotonic()
        if now - self._checked < RELOAD_CHECK_EVERY or not self._reloadable():
            return False
        self._checked = now
        signature = self._directory_signature()
        if signature is None or signature == self._signature:
            return False
        return self.reload(signature)

    def reload(self, signature: tuple | None = None) -> bool:
        """Opens the directory's store anew: later requests see the latest committed build,
        requests under way finish on the store they started with. (SIGHUP calls this.)"""
        if not self._reloadable():
            return False
        with self._reload_lock:
            signature = signature or self._directory_signature()
            try:
                store = EmbeddedStore(self.directory / "store", read_only=True)
                graphs = frozenset(store.graph_names())
            except (StoreError, OSError) as exc:
                LOGGER.warning("%s: cannot open the rebuilt store, still serving the previous one: %s",
                               self.directory, exc)
                return False
            with self._lock:
                self.store, self.graphs = store, graphs
                self.base = self._given_base or recorded_base(self.directory)
                self.prologue = sparql_prologue(self.base)
                self._prologue_lines = self.prologue.count("\n")
                self._cache.clear()
                self._stats = None
                self.last_modified = _http_date(self._modified_time())
                self._signature = signature
            self.runner.reload(store)
            LOGGER.info("%s: serving the rebuilt graph (%d graphs)", self.directory, len(graphs))
            return True

    # -- WSGI ----------------------------------------------------------------------------

    def __call__(self, environ, start_response):
        response = self.handle(self._request(environ))
        reason = HTTPStatus(response.status).phrase
        start_response(f"{response.status} {reason}", response.header_list())
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [response.body]

    def get(self, path: str, *, accept: str | None = None, method: str = "GET", body: bytes = b"",
            content_type: str | None = None, headers: dict[str, str] | None = None) -> Response:
        """Answers one request in-process, without a socket (``serve --get``; tests)."""
        environ: dict = {}
        setup_testing_defaults(environ)
        target, _, qs = path.partition("?")
        # as a server does: PATH_INFO is percent-decoded, its bytes carried as latin-1 (PEP 3333)
        environ.update({"REQUEST_METHOD": method, "PATH_INFO": unquote_to_bytes(target).decode("latin-1"),
                        "QUERY_STRING": qs, "CONTENT_LENGTH": str(len(body)), "wsgi.input": BytesIO(body)})
        if accept:
            environ["HTTP_ACCEPT"] = accept
        if content_type:
            environ["CONTENT_TYPE"] = content_type
        for name, value in (headers or {}).items():
            environ["HTTP_" + name.upper().replace("-", "_")] = value
        return self.handle(self._request(environ))

    def _request(self, environ) -> Request | Response:
        try:
            path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8") or "/"
        except UnicodeError:
            return _error(400, "the path is not UTF-8 once its %-escapes are decoded")
        headers = {k[5:].replace("_", "-").lower(): v for k, v in environ.items() if k.startswith("HTTP_")}
        if environ.get("CONTENT_TYPE"):
            headers["content-type"] = environ["CONTENT_TYPE"]
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return _error(400, "Content-Length is not a number")
        if length > MAX_BODY:
            return _error(413, f"the request body has {length} bytes; the limit is {MAX_BODY}")
        body = environ["wsgi.input"].read(length) if length > 0 else b""
        root = self.public_url or application_uri(environ)
        try:
            params = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True, errors="strict")
        except UnicodeDecodeError:
            return _error(400, "the query string is not UTF-8 once its %-escapes are decoded")
        return Request(environ.get("REQUEST_METHOD", "GET").upper(), path, params, headers, body,
                       root if root.endswith("/") else root + "/")

    def handle(self, request: Request | Response) -> Response:
        if isinstance(request, Response):
            return request
        try:
            self.check_for_rebuild()
            response = self._route(request)
        except PartnergraphError as exc:
            response = _error(503 if isinstance(exc, QueryTimeout) else 500 if isinstance(exc, StoreError) else 400,
                              str(exc))
        except Exception:  # a bug: logged with its traceback, answered without one
            LOGGER.exception("internal error on %s %s", request.method, request.path)
            response = _error(500, "internal error (logged on the server)")
        response.headers.setdefault("Access-Control-Allow-Origin", "*")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    def _route(self, request: Request) -> Response:
        path, method = request.path, request.method
        if method == "OPTIONS":
            return Response(204, headers={"Allow": "GET, HEAD, POST, OPTIONS",
                                          "Access-Control-Allow-Methods": "GET, HEAD, POST, OPTIONS",
                                          "Access-Control-Allow-Headers": "Accept, Content-Type"})
        if path == "/sparql":
            return self.sparql(request)
        if method not in ("GET", "HEAD"):
            return _error(405, f"{method} is not allowed here; the graph is read-only", Allow="GET, HEAD")
        if path == "/":
            return self.query_page(request)
        if path.startswith("/id/"):
            return self.resource(request, self.base + path[len("/id/"):])
        if path in ("/ontology", "/ontology/"):
            return self.ontology(request)
        if path.lstrip("/") in publish.DUMPS:
            return self.dump(request, path.lstrip("/"))
        if path == "/.well-known/void":
            return self.void(request)
        return _error(404, f"{path}: no such page (try / for the query page, /sparql, /id/…, /ontology)")

    # -- SPARQL --------------------------------------------------------------------------

    def sparql(self, request: Request) -> Response:
        params = {k: list(v) for k, v in request.params.items()}
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if request.method == "POST":
            if ctype == "application/x-www-form-urlencoded":
                try:
                    form = parse_qs(request.body.decode("utf-8"), keep_blank_values=True, errors="strict")
                except UnicodeDecodeError:
                    return _error(400, "the form is not UTF-8 (nor once its %-escapes are decoded)")
                for k, v in form.items():
                    params.setdefault(k, []).extend(v)
            elif ctype == "application/sparql-query":
                try:
                    params["query"] = params.get("query", []) + [request.body.decode("utf-8")]
                except UnicodeDecodeError:
                    return _error(400, "the query is not UTF-8")
            elif ctype == "application/sparql-update":
                raise ForbiddenQuery("SPARQL Update is not allowed: the graph is read-only")
            else:
                return _error(415, "POST a query as application/sparql-query or as the form field 'query' "
                                   "(application/x-www-form-urlencoded)")
        elif request.method not in ("GET", "HEAD"):
            return _error(405, f"{request.method} is not allowed on /sparql", Allow="GET, HEAD, POST, OPTIONS")
        if params.get("update") or params.get("using-graph-uri") or params.get("using-named-graph-uri"):
            raise ForbiddenQuery("SPARQL Update is not allowed: the graph is read-only")
        queries = params.get("query", [])
        if not queries:
            return self.service_description(request)
        if len(queries) > 1:
            return _error(400, "give exactly one 'query' parameter")
        dataset = check_read_only(self.prologue + queries[0], label="query", is_local=self._is_local,
                                  prologue_lines=self._prologue_lines)
        default = params.get("default-graph-uri", [])
        named = params.get("named-graph-uri", [])
        for iri in default + named:
            if not self._is_local(iri):
                raise ForbiddenQuery(f"default-graph-uri / named-graph-uri <{iri}>: only the graphs of this store "
                                     "can be queried; remote and file: IRIs are never fetched")
        if default or named:  # the protocol's dataset replaces the query's own (SPARQL 1.1 Protocol §2.1.4)
            dataset = QueryDataset(tuple(default), tuple(named))
        fmt_param = (params.get("format") or params.get("output") or [""])[0].lower()
        forced = FORMAT_PARAMS.get(fmt_param, (None, None))
        accept = request.headers.get("accept")
        results_format = forced[0] or (RESULT_TYPES[c] if (c := negotiate(accept, list(RESULT_TYPES))) else None)
        graph_format = forced[1] or (GRAPH_TYPES[c] if (c := negotiate(accept, list(GRAPH_TYPES))) else None)
        job = Job(self.prologue + queries[0], tuple(dataset.default), tuple(dataset.named), self.max_results,
                  results_format, graph_format.media_type if graph_format else None, self.base)
        try:
            reply = self.runner.run(job)
        except QueryError as exc:
            raise type(exc)(self._user_lines(str(exc))) from None
        if reply[0] == "ok":
            return Response(200, reply[2], reply[1], {"Vary": "Accept"})
        return _error(reply[1], self._user_lines(reply[2]), Vary="Accept")

    def _is_local(self, iri: str) -> bool:
        return iri in self.graphs

    def _user_lines(self, message: str) -> str:
        """Parser positions count from the user's first line, not from the prefixes we add."""
        def shift(m: re.Match) -> str:
            line = int(m.group(1)) - self._prologue_lines
            return f"at {line}:{m.group(2)}" if line >= 1 else m.group(0)

        return re.sub(r"\bat (\d+):(\d+)", shift, message, count=1)

    def service_description(self, request: Request) -> Response:
        if negotiate(request.headers.get("accept"), ["text/turtle", "text/html"]) == "text/html":
            return Response(303, b"", TEXT_TYPE, {"Location": request.root})
        sd = "http://www.w3.org/ns/sparql-service-description#"
        me = ox.NamedNode(request.root + "sparql")
        t = [ox.Triple(me, ox.NamedNode(publish.RDF + "type"), ox.NamedNode(sd + "Service")),
             ox.Triple(me, ox.NamedNode(sd + "endpoint"), me),
             ox.Triple(me, ox.NamedNode(sd + "supportedLanguage"), ox.NamedNode(sd + "SPARQL11Query")),
             ox.Triple(me, ox.NamedNode(sd + "feature"), ox.NamedNode(sd + "UnionDefaultGraph"))]
        t += [ox.Triple(me, ox.NamedNode(sd + "resultFormat"), ox.NamedNode(f"http://www.w3.org/ns/formats/{f}"))
              for f in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                        "Turtle", "N-Triples", "JSON-LD", "RDF_XML")]
        return Response(200, serialize_graph(t, ox.RdfFormat.TURTLE, base=self.base), _rdf_media(ox.RdfFormat.TURTLE))

    # -- linked data ---------------------------------------------------------------------

    def _data_offer(self, request: Request, *, html_ok: bool = True) -> ox.RdfFormat | str | None:
        """The format a data page is asked for: an RdfFormat, "html", or None (406)."""
        fmt_param = (request.param("format") or "").lower()
        if fmt_param in FORMAT_PARAMS:
            forced = FORMAT_PARAMS[fmt_param]
            if fmt_param == "html" and html_ok:
                return "html"
            if forced[1] is not None:
                return forced[1]
        offers = ["text/turtle", "text/html", "application/ld+json", "application/n-triples", "application/rdf+xml",
                  "application/json", "text/plain", "application/x-turtle"]
        if not html_ok:
            offers.remove("text/html")
        chosen = negotiate(request.headers.get("accept"), offers)
        if chosen is None:
            return None
        return "html" if chosen == "text/html" else GRAPH_TYPES[chosen]

    def resource(self, request: Request, iri: str) -> Response:
        fmt = self._data_offer(request)
        if fmt is None:
            return _not_acceptable(["text/turtle", "text/html", "application/ld+json", "application/n-triples"])
        try:
            ox.NamedNode(iri)  # `/id/%ZZ`: not an IRI, so nothing the graph could know
        except ValueError:
            return _error(404, f"{request.path}: not a valid IRI once appended to <{self.base}>")
        description = publish.describe(self.store, iri, base=self.base)
        if description is None:
            return _error(404, f"{request.path}: the graph knows nothing about <{iri}>")
        headers = {"Vary": "Accept", "Last-Modified": self.last_modified}
        if fmt == "html":
            page = render_resource(description, base=self.base)
            return Response(200, page.encode("utf-8"), HTML_TYPE, {**headers, "Content-Security-Policy": DATA_CSP})
        return Response(200, serialize_graph(description.triples(), fmt, base=self.base), _rdf_media(fmt), headers)

    def ontology(self, request: Request) -> Response:
        fmt = self._data_offer(request)
        if fmt is None:
            return _not_acceptable(["text/turtle", "text/html", "application/ld+json", "application/n-triples"])
        path = publish.ontology_path()
        try:
            source = path.read_bytes()
            triples = list(ox.parse(source, format=ox.RdfFormat.TURTLE))
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"{path}: cannot read the ontology: {exc}") from None
        headers = {"Vary": "Accept"}
        if fmt == "html":
            page = render_ontology(publish.ontology_terms(triples), base=self.base)
            return Response(200, page.encode("utf-8"), HTML_TYPE, {**headers, "Content-Security-Policy": DATA_CSP})
        if fmt == ox.RdfFormat.TURTLE:  # the file as written, with its comments
            return Response(200, source, _rdf_media(fmt), headers)
        return Response(200, serialize_graph(triples, fmt, base=self.base), _rdf_media(fmt), headers)

    # -- dumps and VoID --------------------------------------------------------------------

    def _cached(self, key: str, make) -> tuple[bytes, str]:
        with self._lock:
            if key not in self._cache:
                data = make()
                self._cache[key] = (data, '"' + hashlib.sha1(data).hexdigest()[:20] + '"')
            return self._cache[key]

    def _conditional(self, request: Request, etag: str) -> Response | None:
        if request.headers.get("if-none-match") == etag:
            return Response(304, b"", TEXT_TYPE, {"ETag": etag})
        return None

    def dump(self, request: Request, name: str) -> Response:
        fmt = "turtle" if name.endswith(".ttl.gz") else "nquads"

        def make() -> bytes:  # sorted by export.serialize; mtime=0 keeps the gzip header stable
            return gzip.compress(to_bytes(self.store.quads(), fmt, base=self.base), mtime=0)

        data, etag = self._cached(name, make)
        headers = {"ETag": etag, "Last-Modified": self.last_modified,
                   "Content-Disposition": f'attachment; filename="{name}"'}
        return self._conditional(request, etag) or Response(200, data, "application/gzip", headers)

    def stats(self) -> publish.DatasetStats:
        with self._lock:
            if self._stats is None:
                self._stats = publish.dataset_stats(self.store, base=self.base, license=self.license)
            return self._stats

    def void(self, request: Request) -> Response:
        fmt = self._data_offer(request, html_ok=False)
        if fmt is None:
            return _not_acceptable(["text/turtle", "application/ld+json", "application/n-triples"])
        stats = self.stats()
        triples = publish.void_triples(stats, base=self.base, root=request.root)
        body = publish.void_turtle(stats, base=self.base, root=request.root) if fmt == ox.RdfFormat.TURTLE else \
            serialize_graph(triples, fmt, base=self.base)
        etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
        headers = {"Vary": "Accept", "ETag": etag, "Last-Modified": self.last_modified}
        return self._conditional(request, etag) or Response(200, body, _rdf_media(fmt), headers)

    def _modified_time(self) -> float:
        for name in ("state.json", "store"):
            p = self.directory / name
            if p.exists():
                return p.stat().st_mtime
        return time.time()

    # -- the query page --------------------------------------------------------------------

    def query_page(self, request: Request) -> Response:
        page, script_hash = render_query_page(self.base)
        csp = (f"default-src 'none'; script-src 'sha256-{script_hash}'; style-src 'unsafe-inline'; "
               "connect-src 'self'; base-uri 'none'; form-action 'self'")
        return Response(200, page.encode("utf-8"), HTML_TYPE, {"Content-Security-Policy": csp})

    def close(self) -> None:
        self.runner.close()
        if self._own_store:
            self.store.close()


def make_app(directory: Path, *, store: GraphStore | None = None, base: str | None = None,
             timeout: float = DEFAULT_TIMEOUT, max_results: int = DEFAULT_MAX_RESULTS,
             workers: int = DEFAULT_WORKERS, memory_limit: int = DEFAULT_MEMORY_LIMIT,
             public_url: str | None = None, license: str | None = None) -> App:
    """The WSGI application serving `directory` (opened read-only unless a `store` is given)."""
    return App(directory, store=store, base=base, timeout=timeout, max_results=max_results, workers=workers,
               memory_limit=memory_limit, public_url=public_url, license=license)


def _http_date(ts: float) -> str:
    return time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(ts))


# -- on a socket -------------------------------------------------------------------------------
#
# waitress reads requests in one event loop and hands only complete requests to its threads, so a
# client that sends its headers slowly costs a socket, never a thread; idle connections are
# closed after CHANNEL_TIMEOUT; past CONNECTION_LIMIT a new connection gets a 503 and is closed.

#: open connections at most: 300 slow clients (issue 15) plus room for real ones; half the
#: process's file-descriptor limit at most, so the workers' pipes and the store's files still fit
CONNECTION_LIMIT = 500
#: seconds a connection may stay silent (unfinished headers, an idle keep-alive) before it is
#: closed: a real client sends a request's headers in one go, well within a second
CHANNEL_TIMEOUT = 10
#: seconds between two sweeps for silent connections (waitress's own default is 30)
CLEANUP_INTERVAL = 2
#: seconds the event loop sleeps at most: how long shutdown() may take to be noticed
LOOP_TIMEOUT = 0.2
_OVER_LIMIT_BODY = b"too many open connections; try again later\n"
_OVER_LIMIT = (b"HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n"
               b"Content-Length: %d\r\n\r\n" % len(_OVER_LIMIT_BODY)) + _OVER_LIMIT_BODY


def _waitress_server_class():
    from waitress.server import TcpWSGIServer

    class CappedServer(TcpWSGIServer):
        """waitress's TCP server; over `connection_cap` connections, new ones are answered 503 and closed."""

        connection_cap = CONNECTION_LIMIT

        def handle_accept(self):
            if len(self._map) >= self.connection_cap:
                try:
                    accepted = self.accept()
                    if accepted:
                        conn = accepted[0]
                        conn.setblocking(False)
                        try:
                            conn.send(_OVER_LIMIT)
                        finally:
                            conn.close()
                except OSError:
                    pass
                return
            super().handle_accept()

    return CappedServer


class HTTPServer:
    """An HTTP server for a WSGI app (waitress), with the few methods of socketserver's the
    tests and `serve` use: ``server_port``, ``serve_forever()``, ``shutdown()``, ``server_close()``."""

    def __init__(self, app, host: str, port: int, *, threads: int, connection_limit: int = CONNECTION_LIMIT,
                 channel_timeout: int = CHANNEL_TIMEOUT, cleanup_interval: int = CLEANUP_INTERVAL):
        from waitress.adjustments import Adjustments

        # waitress reports its queue depth as a warning under any burst: our own 503s say it better
        logging.getLogger("waitress.queue").setLevel(logging.ERROR)

        try:
            import resource

            soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
            if soft != resource.RLIM_INFINITY:
                connection_limit = max(16, min(connection_limit, soft // 2))
        except (ImportError, ValueError, OSError):
            pass
        adj = Adjustments(host=host, port=port, threads=threads, backlog=LISTEN_BACKLOG,
                          connection_limit=connection_limit + 64,  # our own cap (below) acts first
                          channel_timeout=channel_timeout, cleanup_interval=cleanup_interval,
                          asyncore_use_poll=True, max_request_body_size=MAX_BODY + 1024,
                          expose_tracebacks=False, ident="partnergraph", clear_untrusted_proxy_headers=True)
        server_class = _waitress_server_class()
        try:
            self._server = server_class(app, adj=adj)
        except OSError as exc:
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        self._server.connection_cap = connection_limit
        self.server_port = int(self._server.effective_port)
        self.server_address = (self._server.effective_host, self.server_port)
        self._stop = threading.Event()
        self._stopped = threading.Event()
        self._stopped.set()

    def serve_forever(self) -> None:
        self._stopped.clear()
        try:
            while not self._stop.is_set():
                self._server.asyncore.loop(timeout=LOOP_TIMEOUT, map=self._server._map, use_poll=True, count=1)
        finally:
            self._stopped.set()

    def shutdown(self) -> None:
        """Stops serve_forever (from another thread) and waits for it."""
        self._stop.set()
        try:
            self._server.pull_trigger()
        except OSError:
            pass
        self._stopped.wait(5)

    def server_close(self) -> None:
        """Closes the listening socket and every connection; requests under way are abandoned."""
        self._stop.set()
        self._server.task_dispatcher.set_thread_count(0)  # threads end after their request; none is waited for
        for channel in list(self._server._map.values()):
            try:
                channel.close()
            except OSError:
                pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.server_close()


def make_server(app: App, host: str = "127.0.0.1", port: int = 8000, **options) -> HTTPServer:
    """An HTTP server for `app` (port 0: any free port; see ``server.server_port``). Its request
    threads: enough for every query worker and as many requests waiting for one."""
    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port}: a port is a number from 0 to 65535")
    threads = options.pop("threads", max(8, 2 * getattr(app, "workers", DEFAULT_WORKERS) + 4))
    return HTTPServer(app, host, port, threads=threads, **options)


def is_loopback(host: str) -> bool:
    """Whether `host` (an address or a name) reaches this machine only."""
    import ipaddress
    import socket

    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0].split("%")[0]).is_loopback for info in infos)


def serve(directory: Path, host: str = "127.0.0.1", port: int = 8000, *, ready=None, **options) -> None:
    """Serves `directory` until interrupted; `ready(url)` is called once the socket listens."""
    app = make_app(directory, **options)
    try:
        server = make_server(app, host, port)
        with server:
            if ready:
                ready(f"http://{host}:{server.server_port}/")
            server.serve_forever()
    finally:
        app.close()


# -- HTML --------------------------------------------------------------------------------------

def esc(text) -> str:
    return html.escape(str(text), quote=True)


_PAGE = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body{{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:70rem;padding:1rem 1.5rem;color:#222}}
a{{color:#1a5fa0}} code,.iri{{font:13px ui-monospace,monospace;color:#555;word-break:break-all}}
table{{border-collapse:collapse;width:100%}} th,td{{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #e4e4e4}}
th{{width:14rem;font-weight:600}} ul{{margin:0;padding-left:1.1rem}} li{{margin:.15rem 0}}
blockquote{{margin:.2rem 0 .4rem;padding:.1rem .6rem;border-left:3px solid #c9dbea;color:#444;font-size:14px}}
.src{{color:#777;font-size:13px}} .tag{{color:#888;font-size:12px}} .long{{white-space:pre-wrap;max-height:16rem;overflow:auto}}
nav a{{margin-right:1rem}} textarea{{width:100%;font:13px ui-monospace,monospace}} .err{{color:#a00;white-space:pre-wrap}}
</style></head><body>
<nav><a href="/">Abfrage</a><a href="/ontology">Ontologie</a><a href="/.well-known/void">VoID</a><a href="/dump.ttl.gz">Dump</a></nav>
{body}
</body></html>
"""


class _Links:
    """Turns IRIs into links: resources to /id/…, ontology terms to /ontology#…, other web IRIs
    as they are; anything else (urn:, javascript:, …) stays text."""

    def __init__(self, base: str, labels: dict[str, str] | None = None):
        self.base = base
        self.labels = labels or {}
        self.prefixes = sorted(prefixes_for(base).items(), key=lambda kv: -len(kv[1]))

    def href(self, iri: str) -> str | None:
        if iri.startswith(self.base):
            return "/id/" + quote(iri[len(self.base):], safe="/:@!$&'()*+,;=-._~")
        if iri.startswith(PG_IRI) or iri == PG_IRI.rstrip("#"):
            return "/ontology" + ("#" + iri[len(PG_IRI):] if iri.startswith(PG_IRI) else "")
        return iri if re.match(r"^https?://", iri) else None

    def short(self, iri: str) -> str:
        for prefix, ns in self.prefixes:
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns):]}"
        return iri

    def node(self, iri: str) -> str:
        text = self.labels.get(iri) or self.short(iri)
        href = self.href(iri)
        title = f' title="{esc(iri)}"'
        return f'<a href="{esc(href)}"{title}>{esc(text)}</a>' if href else f"<span{title}>{esc(text)}</span>"

    def term(self, t) -> str:
        if isinstance(t, ox.NamedNode):
            return self.node(t.value)
        if isinstance(t, ox.Literal):
            tag = f"@{t.language}" if t.language else (
                "" if t.datatype.value == "http://www.w3.org/2001/XMLSchema#string" else self.short(t.datatype.value))
            cls = ' class="long"' if len(t.value) > 300 else ""
            return f'<span{cls}>{esc(t.value)}</span>' + (f' <span class="tag">{esc(tag)}</span>' if tag else "")
        return f"<code>{esc(str(t))}</code>"

    def graph(self, g: str) -> str:
        if g == VOCABULARY_GRAPH:
            return "Vokabular"
        if g == ANALYTICS_GRAPH:
            return "Netzwerkanalyse"
        label = self.labels.get(g) or self.short(g)
        text = label if len(label) <= SOURCE_LABEL_MAX else label[: SOURCE_LABEL_MAX - 1] + "…"
        href = self.href(g)
        return f'<a href="{esc(href)}" title="{esc(label)}">{esc(text)}</a>' if href else esc(text)


def _fact_item(links: _Links, value_html: str, fact: publish.Fact) -> str:
    sources = ", ".join(links.graph(g) for g in fact.graphs)
    quotes = "".join(f"<blockquote>{esc(e.quote)}</blockquote>" for e in fact.evidence)
    return f'<li>{value_html} <span class="src">({sources})</span>{quotes}</li>'


def render_resource(d: publish.ResourceDescription, *, base: str) -> str:
    """The HTML page of one resource: every string escaped, every IRI a safe link."""
    links = _Links(base, d.labels)
    title = d.labels.get(d.iri) or links.short(d.iri)
    body = [f"<h1>{esc(title)}</h1>", f'<p class="iri">{esc(d.iri)}</p>']
    types = [f.object for f in d.outgoing if f.predicate.value == publish.RDF + "type"]
    if types:
        body.append("<p>" + " · ".join(links.term(t) for t in types) + "</p>")
    rows = []
    for pred, facts in _group(d.outgoing, lambda f: f.predicate.value):
        if pred == publish.RDF + "type":
            continue
        items = "".join(_fact_item(links, links.term(f.object), f) for f in facts)
        rows.append(f"<tr><th>{links.node(pred)}</th><td><ul>{items}</ul></td></tr>")
    if rows:
        body.append("<h2>Aussagen</h2><table>" + "".join(rows) + "</table>")
    rows = []
    for pred, facts in _group(d.incoming, lambda f: f.predicate.value):
        items = "".join(_fact_item(links, links.term(f.subject), f) for f in facts)
        rows.append(f"<tr><th>ist {links.node(pred)} von</th><td><ul>{items}</ul></td></tr>")
    if rows:
        shown = "" if d.incoming_total == len(d.incoming) else \
            f" <span class=\"src\">(die ersten {len(d.incoming)} von {d.incoming_total}; alle per SPARQL)</span>"
        body.append(f"<h2>Verweise auf diese Ressource{shown}</h2><table>" + "".join(rows) + "</table>")
    here = esc("/id/" + quote(d.iri[len(base):], safe="/:@!$&'()*+,;=-._~")) if d.iri.startswith(base) else ""
    if here:
        body.append(f'<p class="src">Als Daten: <a href="{here}?format=ttl">Turtle</a> · '
                    f'<a href="{here}?format=jsonld">JSON-LD</a> · <a href="{here}?format=nt">N-Triples</a></p>')
    return _PAGE.format(title=esc(title), body="\n".join(body))


def _group(facts: list[publish.Fact], key) -> list[tuple[str, list[publish.Fact]]]:
    groups: dict[str, list[publish.Fact]] = {}
    for f in facts:
        groups.setdefault(key(f), []).append(f)
    return list(groups.items())


def render_ontology(terms: list[publish.Term], *, base: str) -> str:
    links = _Links(base, {t.iri: t.labels.get("de") or t.labels.get("en") or "" for t in terms})
    body = ["<h1>partnergraph-Ontologie</h1>", f'<p class="iri">{esc(publish.ONTOLOGY_IRI)}</p>',
            '<p class="src">Als Daten: <a href="/ontology?format=ttl">Turtle</a> · '
            '<a href="/ontology?format=jsonld">JSON-LD</a> · <a href="/ontology?format=nt">N-Triples</a></p>']
    for kind, heading in (("class", "Klassen"), ("property", "Eigenschaften")):
        rows = []
        for t in (t for t in terms if t.kind == kind):
            local = t.iri[len(PG_IRI):]
            labels = " / ".join(f"{esc(v)} <span class=\"tag\">@{esc(k)}</span>" if k else esc(v)
                                for k, v in sorted(t.labels.items()))
            comment = t.comments.get("de") or t.comments.get("en") or ""
            extra = []
            for name, iris in (("Oberbegriff", t.parents), ("Domäne", t.domain), ("Wertebereich", t.range)):
                if iris:
                    extra.append(f"{name}: " + ", ".join(links.node(i) for i in iris))
            rows.append(f'<tr id="{esc(local)}"><th><code>pg:{esc(local)}</code></th><td>{labels}'
                        f'<br><span class="src">{esc(comment)}</span>'
                        + "".join(f'<br><span class="src">{e}</span>' for e in extra) + "</td></tr>")
        body.append(f"<h2>{heading}</h2><table>" + "".join(rows) + "</table>")
    return _PAGE.format(title="partnergraph-Ontologie", body="\n".join(body))


_QUERY_SCRIPT = r"""
const examples = JSON.parse(document.getElementById('examples').textContent);
const base = document.body.dataset.base;
const q = document.getElementById('q'), pick = document.getElementById('pick'), out = document.getElementById('out');
const status = document.getElementById('status');
for (const [name, ex] of Object.entries(examples)) {
  const o = document.createElement('option'); o.value = name; o.textContent = ex.title; pick.appendChild(o);
}
pick.addEventListener('change', () => { if (examples[pick.value]) q.value = examples[pick.value].text; });
function link(iri) {
  let href = null;
  if (iri.startsWith(base)) href = '/id/' + iri.slice(base.length);
  else if (/^https?:\/\//.test(iri)) href = iri;
  if (!href) return document.createTextNode(iri);
  const a = document.createElement('a'); a.href = href; a.textContent = iri; return a;
}
function cell(term) {
  const td = document.createElement('td');
  if (!term) return td;
  if (term.type === 'uri') td.appendChild(link(term.value));
  else td.textContent = term.value + (term['xml:lang'] ? ' @' + term['xml:lang'] : '');
  return td;
}
document.getElementById('form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  out.replaceChildren(); status.textContent = '…'; status.className = '';
  const started = performance.now();
  try {
    const r = await fetch('/sparql', {method: 'POST', body: new URLSearchParams({query: q.value}),
      headers: {'Accept': 'application/sparql-results+json, text/turtle;q=0.9'}});
    const text = await r.text();
    const ms = Math.round(performance.now() - started);
    if (!r.ok) { status.textContent = r.status + ': ' + text; status.className = 'err'; return; }
    if ((r.headers.get('Content-Type') || '').startsWith('text/turtle')) {
      const pre = document.createElement('pre'); pre.textContent = text; out.appendChild(pre);
      status.textContent = ms + ' ms'; return;
    }
    const data = JSON.parse(text);
    if ('boolean' in data) { status.textContent = String(data.boolean) + ' (' + ms + ' ms)'; return; }
    const table = document.createElement('table'), head = document.createElement('tr');
    for (const v of data.head.vars) { const th = document.createElement('th'); th.textContent = v; head.appendChild(th); }
    table.appendChild(head);
    for (const b of data.results.bindings) {
      const tr = document.createElement('tr');
      for (const v of data.head.vars) tr.appendChild(cell(b[v]));
      table.appendChild(tr);
    }
    out.appendChild(table);
    const n = data.results.bindings.length;
    status.textContent = n + (n === 1 ? ' Zeile' : ' Zeilen') + ' (' + ms + ' ms)';
  } catch (e) { status.textContent = String(e); status.className = 'err'; }
});
if (pick.options.length) { pick.selectedIndex = 0; q.value = examples[pick.value].text; }
"""


def render_query_page(base: str) -> tuple[str, str]:
    """The query page and the SHA-256 (base64) of its script, for the Content-Security-Policy."""
    import base64

    examples = {name: {"title": b.title, "text": b.text} for name, b in bundled_queries().items()}
    # JSON inside <script>: "</" must not appear, or the HTML parser would end the element early
    data = json.dumps(examples, ensure_ascii=False).replace("</", "<\\/")
    script_hash = base64.b64encode(hashlib.sha256(_QUERY_SCRIPT.encode("utf-8")).digest()).decode("ascii")
    body = f"""<h1>partnergraph: SPARQL</h1>
<p class="src">Vordeklarierte Präfixe: {esc(", ".join(p + ":" for p in prefixes_for(base)))}.
Endpunkt für Programme: <code>/sparql</code>.</p>
<form id="form"><p><label>Beispiel: <select id="pick"></select></label></p>
<textarea id="q" rows="14" spellcheck="false" aria-label="SPARQL"></textarea>
<p><button type="submit">Ausführen</button> <span id="status"></span></p></form>
<div id="out"></div>
<script type="application/json" id="examples">{data}</script>
<script>{_QUERY_SCRIPT}</script>"""
    page = _PAGE.format(title="partnergraph: SPARQL", body=body).replace("<body>", f'<body data-base="{esc(base)}">', 1)
    return page, script_hash
