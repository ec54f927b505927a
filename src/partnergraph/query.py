"""SPARQL queries: bundled analyst questions, query resolution, and result formatting."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import QueryError
from .namespaces import prefixes_for, sparql_prologue
from .resources import queries_dir
from .sparqlguard import OWN_GRAPHS, QueryDataset, check_query  # noqa: F401 - re-exported
from .store import GraphStore

RESULT_FORMATS = ("table", "csv", "tsv", "json")
#: longest cell of the aligned table, so one long quote does not push every column off screen
TABLE_CELL_MAX = 60


@dataclass(frozen=True)
class BundledQuery:
    name: str
    title: str
    text: str  # without the prologue


def bundled_queries() -> dict[str, BundledQuery]:
    out = {}
    for path in sorted(queries_dir().glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        m = re.search(r"^#\s*title:\s*(.+)$", text, re.MULTILINE)
        out[path.stem] = BundledQuery(path.stem, m.group(1).strip() if m else path.stem, text)
    return out


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
    if not re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", query, re.IGNORECASE):
        names = ", ".join(bundled)
        raise QueryError(f"{query!r} is neither a bundled query ({names}), a .rq file, nor SPARQL")
    return "query", sparql_prologue(base) + query


# -- the read-only guard: sparqlguard.py decides, on the token stream and on rdflib's parse -------

def check_read_only(text: str, *, label: str = "query", is_local=None, prologue_lines: int = 0) -> QueryDataset:
    """Refuses updates, federation and foreign datasets before the query reaches any store
    (`sparqlguard.check_query`); returns the dataset the query names with FROM / FROM NAMED."""
    return check_query(text, label=label, is_local=is_local, prologue_lines=prologue_lines)


def run(store: GraphStore, text: str, *, label: str = "query", prologue_lines: int = 0):
    graphs: set[str] | None = None

    def is_local(iri: str) -> bool:
        nonlocal graphs
        if graphs is None:
            graphs = store.graph_names()
        return iri in graphs

    dataset = check_read_only(text, label=label, is_local=is_local, prologue_lines=prologue_lines)
    try:
        if dataset.default or dataset.named:
            # the checked dataset, given explicitly: every store (a remote one too) then reads the same graphs
            return store.query(text, default_graph=list(dataset.default) or None,
                               named_graphs=list(dataset.named) or None)
        return store.query(text)
    except SyntaxError as exc:
        raise QueryError(f"{label}: {str(exc).splitlines()[0]}") from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"{label}: {str(exc).splitlines()[0]}") from None


def _short(term, prefixes: dict[str, str]) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        iri = term.value
        best = max(((p, ns) for p, ns in prefixes.items() if iri.startswith(ns)), key=lambda x: len(x[1]), default=None)
        return f"{best[0]}:{iri[len(best[1]):]}" if best else f"<{iri}>"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _plain(term) -> str:
    if term is None:
        return ""
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else str(term)


def format_result(result, fmt: str, *, base: str) -> str:
    """SELECT/ASK results as an aligned table, CSV, TSV or SPARQL 1.1 Results JSON;
    CONSTRUCT/DESCRIBE results as Turtle."""
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"unknown result format {fmt!r} (choose from {', '.join(RESULT_FORMATS)})")
    prefixes = prefixes_for(base)
    if isinstance(result, ox.QueryBoolean):
        value = bool(result)
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": value})
        return "true" if value else "false"
    if isinstance(result, ox.QueryTriples):
        from .export import sorted_triples

        triples = sorted_triples(ox.Quad(t.subject, t.predicate, t.object) for t in result)
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes).decode("utf-8")
    variables = [v.value for v in result.variables]
    if fmt == "json":
        return result.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8")
    rows = [[sol[v] for v in variables] for sol in result]
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(variables)
        for row in rows:
            w.writerow([_plain(t).replace("\t", " ").replace("\n", " ") if fmt == "tsv" else _plain(t) for t in row])
        return buf.getvalue().rstrip("\n")
    cells = [[_cut(_short(t, prefixes)) for t in row] for row in rows]
    widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(variables, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TABLE_CELL_MAX else text[: TABLE_CELL_MAX - 1] + "…"


def answer(store: GraphStore, text: str, *, label: str, fmt: str, base: str, prologue_lines: int = 0) -> str:
    """`run` and `format_result` together: pyoxigraph evaluates lazily, so an error can come
    while the result is read (a SERVICE refused by the sandbox, a type error deep in a join):
    it is a one-line QueryError too, not a traceback."""
    try:
        return format_result(run(store, text, label=label, prologue_lines=prologue_lines), fmt, base=base)
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"{label}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None
