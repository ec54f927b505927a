"""Query results as bytes or text: the SPARQL 1.1 result formats the endpoint serves, and the
formats of ``partnergraph query``.

- `read_result` reads a whole result into an `Outcome`, within a cap and (optionally) a deadline;
- `serialize_results` writes an Outcome as SPARQL 1.1 Query Results JSON, XML, CSV or TSV (W3C
  recommendations of 2013), `serialize_graph` a CONSTRUCT/DESCRIBE result in an RDF format;
- `format_result` writes a result for a terminal or a file: an aligned table, CSV, TSV or JSON.

The media types of these formats are here too. `json_term` is the one writer of a term in SPARQL 1.1 Query Results JSON, for both.
"""

from __future__ import annotations

import csv
import io
import json
import re
import threading
import time
from collections.abc import Iterable
from functools import cache

import pyoxigraph as ox

from ..errors import QueryError
from ..namespaces import prefixes_for
from .lexer import ascii_only

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
#: formats of ``partnergraph query``
RESULT_FORMATS = ("table", "csv", "tsv", "json")
#: longest cell of the aligned table, so one long quote does not push every column off screen
TABLE_CELL_MAX = 60
#: solutions between two deadline checks while a result is read (a check costs ~0.1 µs,
#: a solution ~5 µs: measured on the sample graph, 1M solutions of a cross product in 5.3 s)
CHECK_EVERY = 64


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


def rdf_media(fmt: ox.RdfFormat) -> str:
    """The Content-Type of an RDF format (with the charset for text/ types)."""
    media = fmt.media_type
    return media + "; charset=utf-8" if media.startswith("text/") else media


def not_acceptable_message(offers: Iterable[str]) -> str:
    """Why a request gets 406 (Not Acceptable)."""
    return "none of the Accept header's types can be served here; available: " + ", ".join(offers)


# -- reading a result within a cap and a deadline ------------------------------------------------

class Outcome:
    """A query's whole result, read within the deadline and the cap. (A plain class: the
    dataclasses module costs a small query ~9 ms of start-up, lexer.py.)"""

    __slots__ = ("kind", "variables", "rows", "boolean", "triples")

    def __init__(self, kind: str, *, variables: list[str] | None = None, rows: list[tuple] | None = None,
                 boolean: bool = False, triples: list[ox.Triple] | None = None):
        self.kind = kind  # "bindings", "boolean" or "graph"
        self.variables = variables if variables is not None else []
        self.rows = rows if rows is not None else []
        self.boolean = boolean
        self.triples = triples if triples is not None else []


def read_result(result, max_results: int, deadline: float | None,
                cancelled: threading.Event | None) -> Outcome | str:
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


# -- SPARQL 1.1 Query Results (the endpoint) -----------------------------------------------------

def json_term(t) -> dict:
    """One term in SPARQL 1.1 Query Results JSON (RDF-star triples as the 1.2 drafts write them)."""
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        out = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype.value != XSD_STRING:
            out["datatype"] = t.datatype.value
        return out
    return {"type": "triple", "value": {"subject": json_term(t.subject), "predicate": json_term(t.predicate),
                                        "object": json_term(t.object)}}


def _xml_term(t, xml_escape, quoteattr) -> str:
    # (the escapers come from the caller: xml.sax.saxutils pulls in urllib.request, 30 ms of
    # every command's start-up when imported here, measured by benchmarks/bench_startup.py)
    if isinstance(t, ox.NamedNode):
        return f"<uri>{xml_escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{xml_escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            attr = f" xml:lang={quoteattr(t.language)}"
        elif t.datatype.value != XSD_STRING:
            attr = f" datatype={quoteattr(t.datatype.value)}"
        else:
            attr = ""
        return f"<literal{attr}>{xml_escape(t.value)}</literal>"
    subject, predicate, obj = (_xml_term(x, xml_escape, quoteattr) for x in (t.subject, t.predicate, t.object))
    return f"<triple><subject>{subject}</subject><predicate>{predicate}</predicate><object>{obj}</object></triple>"


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
        bindings = [{n: json_term(t) for n, t in zip(names, row) if t is not None} for row in outcome.rows]
        return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}},
                          ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        from xml.sax.saxutils import escape as xml_escape
        from xml.sax.saxutils import quoteattr
        parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
        parts += [f"<variable name={quoteattr(n)}/>" for n in names]
        parts.append("</head>\n<results>\n")
        for row in outcome.rows:
            parts.append("<result>")
            parts += [f"<binding name={quoteattr(n)}>{_xml_term(t, xml_escape, quoteattr)}</binding>" for n, t in zip(names, row) if t is not None]
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
    """Triples in an RDF format, sorted as the exports are, with the project's prefixes."""
    from ..publish.export import output_prefixes, sorted_triples

    data = sorted_triples(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    prefixes = output_prefixes(base) if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.JSON_LD, ox.RdfFormat.RDF_XML) else None
    return ox.serialize(data, format=fmt, prefixes=prefixes)


# -- ``partnergraph query`` ----------------------------------------------------------------------

#: the local part of a prefixed name as SPARQL 1.1 reads it without escapes (grammar rule
#: PN_LOCAL, §19.8): `pgid:partnership/72938b` is not one, so such IRIs are printed as <…>
_PN_CHARS = r"A-Za-z0-9_\-\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F" \
            r"\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD"


@cache
def _pn_local(ascii_text: bool = False) -> re.Pattern:
    # compiled on first use: a module constant cost every command's start-up ~10 ms
    # (benchmarks/bench_startup.py); an ASCII local part needs no Unicode ranges (lexer.ascii_only)
    source = rf"^(?:[{_PN_CHARS}:](?:[{_PN_CHARS}.:]*[{_PN_CHARS}:])?)?$"
    return re.compile(ascii_only(source) if ascii_text else source)


def _short(term, prefixes: dict[str, str]) -> str:
    """A term as it can be pasted back into SPARQL: a prefixed name where the local part is
    valid, otherwise the IRI in <…>; literals as their text."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        iri = term.value
        best = max(((p, ns) for p, ns in prefixes.items() if iri.startswith(ns) and _pn_local(iri.isascii()).match(iri[len(ns):])),
                   key=lambda x: len(x[1]), default=None)
        return f"{best[0]}:{iri[len(best[1]):]}" if best else f"<{iri}>"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _plain(term) -> str:
    if term is None:
        return ""
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else str(term)


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TABLE_CELL_MAX else text[: TABLE_CELL_MAX - 1] + "…"


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
            bindings = [{v: json_term(term) for v, term in zip(variables, row)} for row in rows]
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
