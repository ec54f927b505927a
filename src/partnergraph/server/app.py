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

The package, module by module: this one routes requests and follows rebuilds; sparql.py is the
SPARQL endpoint (queries are checked before they reach the store and evaluated in worker
processes that can be killed and cannot reach the network; the server process never evaluates
user SPARQL); pages.py renders the HTML pages from the templates in ``data/server/``; http.py
holds requests, responses and content negotiation; http_server.py the socket. The query runner
and the result formats are shared with ``partnergraph query`` (query/runner.py, query/results.py).
A committed rebuild of the directory is picked up by the next request (`App.check_for_rebuild`);
`App.reload` (SIGHUP) does it at once. docs/server.md says more.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import threading
import time
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from urllib.parse import parse_qs, unquote_to_bytes
from wsgiref.util import application_uri, setup_testing_defaults

import pyoxigraph as ox

from ..errors import PartnergraphError, StoreError, UsageError
from ..graphdir import COMMIT_FILE, STATE_FILE, STORE_DIRNAME, GraphDir
from ..namespaces import sparql_prologue
from ..publish import dataset as publish
from ..publish.export import to_bytes
from ..query.pool import DEFAULT_MEMORY_LIMIT
from ..query.results import GRAPH_TYPES, rdf_media, serialize_graph
from ..store.embedded import EmbeddedStore, GraphStore
from . import sparql
from .http import (FORMAT_PARAMS, HTML_TYPE, MAX_BODY, TEXT_TYPE, Request, Response, error,
                   http_date, negotiate, not_acceptable)
from .http_server import is_loopback, make_server  # noqa: F401 - the package's entry points, with make_app
from .pages import render_query_page, render_resource
from .sparql import (DEFAULT_MAX_RESULTS, DEFAULT_TIMEOUT, DEFAULT_WORKERS, ProcessRunner, QueryTimeout,
                     ThreadRunner)

LOGGER = logging.getLogger(__name__)

#: seconds between two looks for a committed rebuild of the directory (two stat calls each)
RELOAD_CHECK_EVERY = 1.0
#: the data pages (a resource, the ontology) load nothing and run no script
DATA_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'"


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
            store = GraphDir(self.directory).open_store()
        self.store = store
        self._given_base = base
        self.base = base or GraphDir(self.directory).base
        self.prologue = sparql_prologue(self.base)
        self.prologue_lines = self.prologue.count("\n")
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
        self.last_modified = http_date(self._modified_time())
        self._signature = self._directory_signature()
        self._checked = time.monotonic()
        self._reload_lock = threading.Lock()

    def is_local(self, iri: str) -> bool:
        """Whether `iri` names one of this store's graphs (FROM, default-graph-uri, …)."""
        return iri in self.graphs

    # -- following rebuilds ----------------------------------------------------------------

    def _reloadable(self) -> bool:
        return isinstance(self.store, EmbeddedStore) and self.store.path is not None and self.store.read_only

    def _directory_signature(self) -> tuple | None:
        """What changes when a build commits: the store folder is replaced (a new inode) and
        state.json rewritten. None while a commit is under way (``.commit`` present)."""
        if not self._reloadable():
            return None
        try:
            if (self.directory / COMMIT_FILE).exists():
                return None
            store = (self.directory / STORE_DIRNAME).stat()
            state = (self.directory / STATE_FILE).stat() if (self.directory / STATE_FILE).exists() else None
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
                store = EmbeddedStore(self.directory / STORE_DIRNAME, read_only=True)
                graphs = frozenset(store.graph_names())
            except (StoreError, OSError) as exc:
                LOGGER.warning("%s: cannot open the rebuilt store, still serving the previous one: %s",
                               self.directory, exc)
                return False
            with self._lock:
                self.store, self.graphs = store, graphs
                self.base = self._given_base or GraphDir(self.directory).base
                self.prologue = sparql_prologue(self.base)
                self.prologue_lines = self.prologue.count("\n")
                self._cache.clear()
                self._stats = None
                self.last_modified = http_date(self._modified_time())
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
            return error(400, "the path is not UTF-8 once its %-escapes are decoded")
        headers = {k[5:].replace("_", "-").lower(): v for k, v in environ.items() if k.startswith("HTTP_")}
        if environ.get("CONTENT_TYPE"):
            headers["content-type"] = environ["CONTENT_TYPE"]
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return error(400, "Content-Length is not a number")
        if length > MAX_BODY:
            return error(413, f"the request body has {length} bytes; the limit is {MAX_BODY}")
        body = environ["wsgi.input"].read(length) if length > 0 else b""
        root = self.public_url or application_uri(environ)
        try:
            params = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True, errors="strict")
        except UnicodeDecodeError:
            return error(400, "the query string is not UTF-8 once its %-escapes are decoded")
        return Request(environ.get("REQUEST_METHOD", "GET").upper(), path, params, headers, body,
                       root if root.endswith("/") else root + "/")

    def handle(self, request: Request | Response) -> Response:
        if isinstance(request, Response):
            return request
        try:
            self.check_for_rebuild()
            response = self._route(request)
        except PartnergraphError as exc:
            response = error(503 if isinstance(exc, QueryTimeout) else 500 if isinstance(exc, StoreError) else 400,
                              str(exc))
        except Exception:  # a bug: logged with its traceback, answered without one
            LOGGER.exception("internal error on %s %s", request.method, request.path)
            response = error(500, "internal error (logged on the server)")
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
            return sparql.handle(self, request)
        if method not in ("GET", "HEAD"):
            return error(405, f"{method} is not allowed here; the graph is read-only", Allow="GET, HEAD")
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
        return error(404, f"{path}: no such page (try / for the query page, /sparql, /id/…, /ontology)")

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
            return not_acceptable(["text/turtle", "text/html", "application/ld+json", "application/n-triples"])
        try:
            ox.NamedNode(iri)  # `/id/%ZZ`: not an IRI, so nothing the graph could know
        except ValueError:
            return error(404, f"{request.path}: not a valid IRI once appended to <{self.base}>")
        description = publish.describe(self.store, iri, base=self.base)
        if description is None:
            return error(404, f"{request.path}: the graph knows nothing about <{iri}>")
        headers = {"Vary": "Accept", "Last-Modified": self.last_modified}
        if fmt == "html":
            page = render_resource(description, base=self.base)
            return Response(200, page.encode("utf-8"), HTML_TYPE, {**headers, "Content-Security-Policy": DATA_CSP})
        return Response(200, serialize_graph(description.triples(), fmt, base=self.base), rdf_media(fmt), headers)

    def ontology(self, request: Request) -> Response:
        fmt = self._data_offer(request)
        if fmt is None:
            return not_acceptable(["text/turtle", "text/html", "application/ld+json", "application/n-triples"])
        source, triples = publish.read_ontology()
        headers = {"Vary": "Accept"}
        if fmt == "html":  # the documentation page the build writes as ontology.html
            from ..publish import docs

            page, _ = self._cached("ontology.html", lambda: docs.render().encode("utf-8"))
            return Response(200, page, HTML_TYPE, {**headers, "Content-Security-Policy": DATA_CSP})
        if fmt == ox.RdfFormat.TURTLE:  # the file as written, with its comments
            return Response(200, source, rdf_media(fmt), headers)
        return Response(200, serialize_graph(triples, fmt, base=self.base), rdf_media(fmt), headers)

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
            return not_acceptable(["text/turtle", "application/ld+json", "application/n-triples"])
        stats = self.stats()
        triples = publish.void_triples(stats, base=self.base, root=request.root)
        body = publish.void_turtle(stats, base=self.base, root=request.root) if fmt == ox.RdfFormat.TURTLE else \
            serialize_graph(triples, fmt, base=self.base)
        etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
        headers = {"Vary": "Accept", "ETag": etag, "Last-Modified": self.last_modified}
        return self._conditional(request, etag) or Response(200, body, rdf_media(fmt), headers)

    def _modified_time(self) -> float:
        for name in (STATE_FILE, STORE_DIRNAME):
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
