"""What Virtuoso (and any server that behaves like it) does differently from a plain SPARQL 1.1
store, and how the remote store copes (store/remote.py calls these):

- it refuses an update too large for its SPARQL compiler: `refused_as_too_large` recognises the
  answer, and `runs` cuts the following writes to the size that worked;
- it cuts an answer short at ResultSetMaxRows and says so only in a header: `check_complete`
  turns that into an error instead of a silently shortened export;
- it answers an equal literal in another lexical form: `as_written` gives back the build's form;
- its ``text/tab-separated-values`` is not SPARQL 1.1 TSV: `is_sparql_tsv` tells them apart.

Its union default graph (a bag) and its refusal of plain Basic authentication are handled where
the store decides its union mode and sends requests (store/remote.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np
import pyoxigraph as ox
import requests

from ..errors import StoreError

#: how Virtuoso 7.2 refuses an update too large for its SPARQL compiler (measured against the
#: Debian package 7.2.5): "SP031: The length of generated SQL text has exceeded 10000 lines";
#: "SP030: …, line 4993: memory exhausted" past ~4,990 triples in one GRAPH block; and an
#: "SP030: …, line 10176: syntax error" past ~10,000 lines in one request
TOO_LARGE = re.compile(r"generated SQL text has exceeded|\bSP030\b.*\bline \d+: (memory exhausted|syntax error)",
                       re.IGNORECASE)
#: the header by which Virtuoso says it cut an answer short at ResultSetMaxRows (sent only then)
MAX_ROWS_HEADER = "X-SPARQL-MaxRows"
_XSD_DOUBLE = "http://www.w3.org/2001/XMLSchema#double"
_WKT = ox.NamedNode("http://www.opengis.net/ont/geosparql#wktLiteral")
#: Virtuoso stores a geo:wktLiteral as its own geometry type, with single-precision coordinates
#: (virtuoso-opensource issues #456, #808: no switch turns it off)
_VIRTUOSO_GEOMETRY = "http://www.openlinksw.com/schemas/virtrdf#Geometry"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def refused_as_too_large(exc: StoreError) -> bool:
    """The server refused an update because it was too large to compile (not for its content)."""
    return TOO_LARGE.search(str(exc)) is not None


def runs(batch: list[tuple[str, bytes]], max_triples: int | None) -> Iterator[list[tuple[str, bytes]]]:
    """`batch` ((graph, N-Triples) pairs) in runs of at most `max_triples` triples (one graph may
    exceed it alone); all of it at once while no limit has been learnt."""
    if max_triples is None:
        yield batch
        return
    run: list[tuple[str, bytes]] = []
    count = 0
    for graph, data in batch:
        n = data.count(b"\n")
        if run and count + n > max_triples:
            yield run
            run, count = [], 0
        run.append((graph, data))
        count += n
    if run:
        yield run


def check_complete(resp: requests.Response, url: str, what: str) -> None:
    """Refuses an answer the server cut short. Virtuoso stops at its [SPARQL]
    ResultSetMaxRows (10,000 in Debian's package) and says so only in this header: an
    export or a query answer would silently miss the rest."""
    cap = resp.headers.get(MAX_ROWS_HEADER)
    if cap:
        resp.close()
        raise StoreError(f"{url}: {what}: the server cut the answer off at {cap} rows "
                         "(Virtuoso: raise ResultSetMaxRows in the [SPARQL] section of virtuoso.ini)")


def is_sparql_tsv(head: bytes) -> bool:
    """Whether an answer labelled TSV starts like SPARQL 1.1 TSV (a header of ?variables, or
    nothing): Virtuoso's TSV quotes the names and gives IRIs as strings."""
    return head[:1] in (b"?", b"$", b"\n", b"")


def as_written(term):
    """A term read back from a server, in the form the build wrote it. Servers may answer an
    equal literal in another lexical form: Virtuoso gives "0.0" for the xsd:double "0", and its
    geometry type for a WKT point, whose coordinates are single-precision floats
    ("-68.150001525879" for -68.15). Doubles get the shortest form (the form graph/analytics.py
    writes), WKT coordinates the shortest decimal of their single-precision value, which is the
    written one for the gazetteer's five decimals."""
    if not isinstance(term, ox.Literal):
        return term
    datatype = term.datatype.value
    if datatype == _XSD_DOUBLE:
        try:
            value = float(term.value)
        except ValueError:
            return term
        return ox.Literal(np.format_float_positional(value, trim="-"), datatype=term.datatype)
    if datatype == _VIRTUOSO_GEOMETRY:
        text = _NUMBER.sub(lambda m: np.format_float_positional(np.float32(m.group(0)), trim="-"), term.value)
        return ox.Literal(text, datatype=_WKT)
    return term
