"""The query runner, one for ``partnergraph query`` and for ``serve``: check → execute → format.

- **check** (`check_read_only`, i.e. guard.py): no updates, no SERVICE, FROM only for this
  store's graphs, bounded size and nesting; it returns the dataset the query names;
- **execute** (`execute`): the store evaluates the checked text over that dataset;
- **format** (results.py): the whole result as text or bytes.

The command runs all three in its own process (`run`, `answer`). The server checks in the request
thread, so a refused query never waits for a worker, and sends a `Job` to a worker process,
where `evaluate_job` executes and formats it within the server's cap on rows and its deadline.
Also here: the bundled queries, and `resolve`, which turns a command-line QUERY into SPARQL.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox

from ..errors import QueryError
from ..namespaces import DEFAULT_BASE, prefixes_for, sparql_prologue
from ..store.embedded import EmbeddedStore, GraphStore
from .bundled import BundledQuery, bundled_queries  # noqa: F401 - BundledQuery: the callers' type
from .guard import QueryDataset, check_query
from .results import (GRAPH_TYPES, RESULT_MEDIA, RESULT_TYPES, format_result, not_acceptable_message,
                      rdf_media, read_result, serialize_graph, serialize_results)


def resolve(query: str, *, base: str) -> tuple[str, str]:
    """QUERY as given on the command line → (label for messages, full SPARQL text).

    A bundled name, a path to a .rq file, or SPARQL text itself. The standard prefixes are
    declared for all three, so `pg:` and `schema:` work without PREFIX lines.
    """
    bundled = bundled_queries()
    if query in bundled:
        return f"query {query!r}", sparql_prologue(base) + bundled[query].text
    if query.endswith((".rq", ".sparql")) or ("\n" not in query and Path(query).is_file()):
        path = Path(query)
        try:
            return str(path), sparql_prologue(base) + path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"{path}: cannot read the query: {exc}") from None
    if re.fullmatch(r"[\w.-]+", query) or not _SPARQL_WORDS.search(query):  # a name, not SPARQL
        import difflib  # only for this message

        close = difflib.get_close_matches(query, list(bundled), n=3, cutoff=0.6)
        if close:
            raise QueryError(f"no bundled query {query!r}; did you mean {' or '.join(close)}? "
                             "(partnergraph query --list)")
        raise QueryError(f"{query!r} is neither a bundled query (partnergraph query --list), a .rq file, "
                         "nor SPARQL")
    return "query", sparql_prologue(base) + query


#: a QUERY argument with one of these words is SPARQL text, not a name or a file: the query
#: forms, and the update operations, so that an update is refused as one by the read-only check
_SPARQL_WORDS = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|"
                           r"ADD|WITH|PREFIX|BASE)\b", re.IGNORECASE)
#: the prefix lines `resolve` puts before every query: error positions are given without them
_PROLOGUE_LINES = len(prefixes_for(DEFAULT_BASE))
_POSITION = re.compile(r"\b(?:at|line) (\d+):(\d+)")


def _user_position(message: str, text: str) -> str:
    """A parser message with its line number counted in the user's text, without the prologue."""
    lines = text.split("\n")
    standard = [f"PREFIX {p}:" for p in prefixes_for(DEFAULT_BASE)]
    if len(lines) <= _PROLOGUE_LINES or [ln.split(" <")[0] for ln in lines[:_PROLOGUE_LINES]] != standard:
        return message

    def shift(m: re.Match) -> str:
        line = int(m.group(1)) - _PROLOGUE_LINES
        return f"{m.group(0).split(' ')[0]} line {line}, column {m.group(2)}" if line >= 1 else m.group(0)

    return _POSITION.sub(shift, message, count=1)


# -- check → execute → format --------------------------------------------------------------------

def check_read_only(text: str, *, label: str = "query", is_local=None, prologue_lines: int = 0,
                    syntax: str = "parser") -> QueryDataset:
    """Refuses updates, federation and foreign datasets before the query reaches any store
    (`guard.check_query`, `syntax` explained there); returns the dataset the query names with
    FROM / FROM NAMED."""
    return check_query(text, label=label, is_local=is_local, prologue_lines=prologue_lines, syntax=syntax)


def execute(store: GraphStore, text: str, dataset: QueryDataset):
    """The store's (lazy) result of a checked query. The checked dataset is given explicitly:
    every store (a remote one too) then reads the same graphs."""
    if dataset.default or dataset.named:
        return store.query(text, default_graph=list(dataset.default) or None,
                           named_graphs=list(dataset.named) or None)
    return store.query(text)


def run(store: GraphStore, text: str, *, label: str = "query", prologue_lines: int = 0):
    """Checks `text` and executes it on `store`; the engine's errors as one-line QueryErrors."""
    graphs: set[str] | None = None

    def is_local(iri: str) -> bool:
        nonlocal graphs
        if graphs is None:
            graphs = store.graph_names()
        return iri in graphs

    # pyoxigraph in this process parses the text right after the check and refuses, with line and
    # column, what does not parse: rdflib's grammar (0.3 s to import and build, issue 16.4) is then
    # only asked about the tokens the two may read differently (guard.check_query)
    syntax = "engine" if isinstance(store, EmbeddedStore) else "parser"
    dataset = check_read_only(text, label=label, is_local=is_local, prologue_lines=prologue_lines, syntax=syntax)
    try:
        return execute(store, text, dataset)
    except SyntaxError as exc:
        raise QueryError(f"{label}: SPARQL syntax {_one_line(_user_position(str(exc), text))}") from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"{label}: {_one_line(str(exc))}") from None


def _one_line(message: str) -> str:
    """The whole message on one line (a parser's message may run over several)."""
    return " ".join(message.split()) or "failed"


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def answer(store: GraphStore, text: str, *, label: str, fmt: str, base: str, prologue_lines: int = 0) -> str:
    """`run` and `format_result` together: pyoxigraph evaluates lazily, so an error can come
    while the result is read (a SERVICE refused by the sandbox, a type error deep in a join):
    it is a one-line QueryError too, not a traceback."""
    try:
        return format_result(run(store, text, label=label, prologue_lines=prologue_lines), fmt, base=base)
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"{label}: {_first_line(exc)}") from None


# -- the server's jobs: executed and formatted in a worker process -------------------------------

class Job(NamedTuple):
    """One checked query to evaluate, with everything needed to answer it (picklable: it goes to
    a worker process)."""

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
    """Executes `job` on `store` and serialises its result, within the cap (and the deadline,
    when one is given: the thread runner's way of stopping; worker processes are killed instead)."""
    # pyoxigraph's result iterators belong to the thread that made them and must be dropped
    # there: nothing that refers to one (a traceback's frame) may leave this function
    result = message = None
    try:
        result = execute(store, job.text, QueryDataset(job.default, job.named))
        outcome = read_result(result, job.max_results, deadline, cancelled)
    except (SyntaxError, OSError, RuntimeError, ValueError) as exc:
        message = f"query: {_first_line(exc)}"
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
            return ("error", 406, not_acceptable_message(GRAPH_TYPES))
        fmt = ox.RdfFormat.from_media_type(job.graph_media)
        return ("ok", rdf_media(fmt), serialize_graph(outcome.triples, fmt, base=job.base))
    if job.results_format is None:
        return ("error", 406, not_acceptable_message(RESULT_TYPES))
    return ("ok", RESULT_MEDIA[job.results_format], serialize_results(outcome, job.results_format))
