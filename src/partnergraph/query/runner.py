"""SPARQL queries: bundled analyst questions, query resolution, and result formatting."""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryError
from ..namespaces import DEFAULT_BASE, prefixes_for, sparql_prologue
from ..resources import queries_dir
from .guard import OWN_GRAPHS, QueryDataset, check_query  # noqa: F401 - re-exported
from ..store.embedded import GraphStore

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
    if re.fullmatch(r"[\w.-]+", query) or not _SPARQL_WORDS.search(query):  # a name, not SPARQL
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
        raise QueryError(f"{label}: SPARQL syntax {_one_line(_user_position(str(exc), text))}") from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"{label}: {_one_line(str(exc))}") from None


def _one_line(message: str) -> str:
    """The whole message on one line (a parser's message may run over several)."""
    return " ".join(message.split()) or "failed"


#: the local part of a prefixed name as SPARQL 1.1 reads it without escapes (grammar rule
#: PN_LOCAL, §19.8): `pgid:partnership/72938b` is not one, so such IRIs are printed as <…>
_PN_CHARS = r"A-Za-z0-9_\-\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F" \
            r"\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD"
_PN_LOCAL = re.compile(rf"^(?:[{_PN_CHARS}:](?:[{_PN_CHARS}.:]*[{_PN_CHARS}:])?)?$")


def _short(term, prefixes: dict[str, str]) -> str:
    """A term as it can be pasted back into SPARQL: a prefixed name where the local part is
    valid, otherwise the IRI in <…>; literals as their text."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        iri = term.value
        best = max(((p, ns) for p, ns in prefixes.items() if iri.startswith(ns) and _PN_LOCAL.match(iri[len(ns):])),
                   key=lambda x: len(x[1]), default=None)
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
    CONSTRUCT/DESCRIBE results as Turtle (table), or as rows of s, p, o in CSV, TSV or JSON."""
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"unknown result format {fmt!r} (choose from {', '.join(RESULT_FORMATS)})")
    prefixes = prefixes_for(base)
    if isinstance(result, ox.QueryBoolean):
        value = bool(result)
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": value})
        return "true" if value else "false"
    if isinstance(result, ox.QueryTriples):
        from ..publish.export import sorted_triples

        triples = sorted_triples(ox.Quad(t.subject, t.predicate, t.object) for t in result)
        if fmt == "table":
            return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes).decode("utf-8")
        # the triples as a result of SELECT ?s ?p ?o, in N-Triples order
        variables = ["s", "p", "o"]
        rows = [[t.subject, t.predicate, t.object] for t in triples]
        if fmt == "json":
            bindings = [{v: _json_term(term) for v, term in zip(variables, row)} for row in rows]
            return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}, ensure_ascii=False)
    else:
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
    # literals are shortened to fit; IRIs never, so that each can be pasted back into a query
    cells = [[_cut(_short(t, prefixes)) if isinstance(t, ox.Literal) else _short(t, prefixes) for t in row]
             for row in rows]
    widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(variables, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def _json_term(term) -> dict:
    """One term in SPARQL 1.1 Query Results JSON."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


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
