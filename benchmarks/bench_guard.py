"""The read-only guard on hostile queries: the check's time grows linearly with the query.

    python benchmarks/bench_guard.py

For each hostile shape (runs of escaped quotes, deep nesting, long prefixed names, long VALUES
lists, long comments, operator chains) queries of 4 KiB, 64 KiB and 1 MiB are checked;
the table shows seconds and the ratio to the 4 KiB case of the same shape (linear: 16 and 256).
Refused queries are timed too: refusing must be as cheap as accepting.
"""

from __future__ import annotations

import time

from partnergraph.errors import QueryError
from partnergraph.query.guard import check_query

SIZES = (4 << 10, 64 << 10, 1 << 20)


def fill(head: str, unit: str, tail: str, size: int) -> str:
    return head + unit * max(1, (size - len(head) - len(tail)) // len(unit)) + tail


SHAPES = {
    "escaped quotes in a string": lambda n: fill('SELECT * WHERE { FILTER(?o = "', '\\"', '") }', n),
    "unterminated escapes": lambda n: fill('SELECT * WHERE { FILTER(?o = "', '\\"', "", n),
    "deep nesting ( (refused)": lambda n: fill("SELECT * WHERE { FILTER(", "(", ") }", n),
    "deep nesting { (refused)": lambda n: fill("SELECT * WHERE ", "{", "}", n),
    "long prefixed name": lambda n: fill("PREFIX ex: <http://e/> SELECT * WHERE { ?s ?p ex:", "a\\#", " }", n),
    "dotted name run": lambda n: fill("SELECT * WHERE { ?s ?p ?o } #\n", "a.", "", n),
    "VALUES list": lambda n: fill("SELECT * WHERE { VALUES ?x { ", "<https://w3id.org/partnergraph/x> ", "} }", n),
    "comment": lambda n: fill("SELECT * WHERE { ?s ?p ?o } #", "SERVICE } \" ", "", n),
    "operator chain (refused)": lambda n: fill("SELECT * WHERE { FILTER(1", "+1", " = 1) }", n),
    "\\u escapes": lambda n: fill('SELECT * WHERE { FILTER(?o = "', "\\u00e9", '") }', n),
}


def timed(query: str) -> tuple[float, str]:
    started = time.perf_counter()
    try:
        check_query(query)
        outcome = "ok"
    except QueryError as exc:
        outcome = str(exc).split(":")[1].strip()[:28]
    return time.perf_counter() - started, outcome


def main() -> None:
    check_query("SELECT * WHERE { ?s ?p ?o }")  # rdflib's grammar is built on first use: not timed
    print(f"{'shape':30} {'4 KiB':>9} {'64 KiB':>9} {'1 MiB':>9} {'x64K':>6} {'x1M':>6}  outcome")
    for name, make in SHAPES.items():
        times, outcome = [], ""
        for size in SIZES:
            t, outcome = timed(make(size))
            times.append(t)
        base = max(times[0], 1e-6)
        print(f"{name:30} {times[0]:9.4f} {times[1]:9.4f} {times[2]:9.4f} {times[1] / base:6.1f} {times[2] / base:6.1f}  {outcome}")


if __name__ == "__main__":
    main()
