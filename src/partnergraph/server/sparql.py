"""The SPARQL 1.1 Protocol endpoint (/sparql), read-only: GET, POST form, POST sparql-query.

`handle` reads the protocol's parameters, checks the query in the request thread
(`query.runner.check_read_only`: no updates, no SERVICE, FROM only for this store's graphs, bounded
size and nesting), negotiates the result format and hands a `Job` to the app's runner:
`ProcessRunner` evaluates it in worker processes (query/pool.py) that are killed at the deadline
or when they use too much memory, and that cannot open a network connection (query/sandbox.py),
so the server process never evaluates user SPARQL; `ThreadRunner` waits for a store that
evaluates queries itself (a remote one). Both end in `query.runner.evaluate_job`.
"""

from __future__ import annotations

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from urllib.parse import parse_qs

import pyoxigraph as ox

from ..errors import ForbiddenQuery, QueryError
from ..publish import dataset as publish
from ..query.pool import WorkerFailure, WorkerPool, default_size
from ..query.results import GRAPH_TYPES, RESULT_TYPES, rdf_media, serialize_graph
from ..query.runner import Job, QueryDataset, Reply, check_read_only, evaluate_job
from ..store.embedded import GraphStore
from .http import FORMAT_PARAMS, TEXT_TYPE, Request, Response, error, negotiate

#: the SPARQL endpoint's limits. 30 s: the issue's default. 100,000 rows or triples: more than
#: every bundled query returns on the sample corpus (the largest, partnership evidence, ~60 rows)
#: by three orders of magnitude, while the JSON for that many rows stays near 20 MB; the whole
#: graph is in the dumps, so larger results are not needed.
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RESULTS = 100_000
#: query worker processes at most (pool.default_size: twice the cores, at least 4)
DEFAULT_WORKERS = default_size()


class QueryTimeout(QueryError):
    """A query ran past the server's deadline."""


# -- the protocol ------------------------------------------------------------------------------

def handle(app, request: Request) -> Response:
    """The SPARQL 1.1 Protocol on /sparql: a query by GET, POST form or POST body; without one,
    the service description."""
    params = {k: list(v) for k, v in request.params.items()}
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if request.method == "POST":
        if ctype == "application/x-www-form-urlencoded":
            try:
                form = parse_qs(request.body.decode("utf-8"), keep_blank_values=True, errors="strict")
            except UnicodeDecodeError:
                return error(400, "the form is not UTF-8 (nor once its %-escapes are decoded)")
            for k, v in form.items():
                params.setdefault(k, []).extend(v)
        elif ctype == "application/sparql-query":
            try:
                params["query"] = params.get("query", []) + [request.body.decode("utf-8")]
            except UnicodeDecodeError:
                return error(400, "the query is not UTF-8")
        elif ctype == "application/sparql-update":
            raise ForbiddenQuery("SPARQL Update is not allowed: the graph is read-only")
        else:
            return error(415, "POST a query as application/sparql-query or as the form field 'query' "
                               "(application/x-www-form-urlencoded)")
    elif request.method not in ("GET", "HEAD"):
        return error(405, f"{request.method} is not allowed on /sparql", Allow="GET, HEAD, POST, OPTIONS")
    if params.get("update") or params.get("using-graph-uri") or params.get("using-named-graph-uri"):
        raise ForbiddenQuery("SPARQL Update is not allowed: the graph is read-only")
    queries = params.get("query", [])
    if not queries:
        return service_description(app, request)
    if len(queries) > 1:
        return error(400, "give exactly one 'query' parameter")
    dataset = check_read_only(app.prologue + queries[0], label="query", is_local=app.is_local,
                              prologue_lines=app.prologue_lines)
    default = params.get("default-graph-uri", [])
    named = params.get("named-graph-uri", [])
    for iri in default + named:
        if not app.is_local(iri):
            raise ForbiddenQuery(f"default-graph-uri / named-graph-uri <{iri}>: only the graphs of this store "
                                 "can be queried; remote and file: IRIs are never fetched")
    if default or named:  # the protocol's dataset replaces the query's own (SPARQL 1.1 Protocol §2.1.4)
        dataset = QueryDataset(tuple(default), tuple(named))
    fmt_param = (params.get("format") or params.get("output") or [""])[0].lower()
    forced = FORMAT_PARAMS.get(fmt_param, (None, None))
    accept = request.headers.get("accept")
    results_format = forced[0] or (RESULT_TYPES[c] if (c := negotiate(accept, list(RESULT_TYPES))) else None)
    graph_format = forced[1] or (GRAPH_TYPES[c] if (c := negotiate(accept, list(GRAPH_TYPES))) else None)
    job = Job(app.prologue + queries[0], tuple(dataset.default), tuple(dataset.named), app.max_results,
              results_format, graph_format.media_type if graph_format else None, app.base)
    try:
        reply = app.runner.run(job)
    except QueryError as exc:
        raise type(exc)(user_lines(app, str(exc))) from None
    if reply[0] == "ok":
        return Response(200, reply[2], reply[1], {"Vary": "Accept"})
    return error(reply[1], user_lines(app, reply[2]), Vary="Accept")


def user_lines(app, message: str) -> str:
    """Parser positions count from the user's first line, not from the prefixes we add."""
    def shift(m: re.Match) -> str:
        line = int(m.group(1)) - app.prologue_lines
        return f"at {line}:{m.group(2)}" if line >= 1 else m.group(0)

    return re.sub(r"\bat (\d+):(\d+)", shift, message, count=1)


def service_description(app, request: Request) -> Response:
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
    return Response(200, serialize_graph(t, ox.RdfFormat.TURTLE, base=app.base), rdf_media(ox.RdfFormat.TURTLE))


# -- where queries are evaluated ---------------------------------------------------------------

def _raise_on_timeout(reply: Reply, timeout: float) -> Reply:
    """A "timeout" reply (the deadline passed while the result was read) as the QueryTimeout
    that the app answers with 503."""
    if reply[:2] == ("error", 503) and reply[2] == "timeout":
        raise QueryTimeout(f"query: no result within {timeout:g} s, the server's limit")
    return reply


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
        return _raise_on_timeout(reply, self.timeout)

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
    """Evaluates queries in worker processes over the store's directory (query/pool.py): the
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
        return _raise_on_timeout(reply, self.timeout)

    def reload(self, store: GraphStore) -> None:
        self.pool.reload()

    def pids(self) -> list[int]:
        return self.pool.pids()

    def close(self) -> None:
        self.pool.close()
