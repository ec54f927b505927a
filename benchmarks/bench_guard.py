"""The read-only guard on hostile queries: the check's time grows linearly with the query.

    python benchmarks/bench_guard.py

For each hostile shape (runs of escaped quotes, deep nesting, long prefixed names, long VALUES
lists, long comments, operator chains) queries of 4 KiB, 64 KiB and 1 MiB are checked;
the table shows seconds and the ratio to the 4 KiB case of the same shape (linear: 16 and 256).
Refused queries are timed too: refusing must be as cheap as accepting.

Then the cost per everyday query: the 23 bundled queries (with the standard prologue) checked in
both syntax modes (guard.check_query): "parser" (rdflib parses each one: the server, remote
stores) and "engine" (rdflib only for ambiguous tokens: `partnergraph query` on the embedded
store, where pyoxigraph judges syntax), each the minimum of 5 rounds, after a first check that
builds what is built once (rdflib's grammar, the token pattern); and what that first check costs
in a fresh interpreter, imports included (what a one-query command pays).
"""

from __future__ import annotations

import time

import subprocess
import sys

from partnergraph.errors import QueryError
from partnergraph.namespaces import DEFAULT_BASE, sparql_prologue
from partnergraph.query.guard import check_query
from partnergraph.query.runner import bundled_queries

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


FIRST_CHECK = """
import time
started = time.perf_counter()
from partnergraph.query.guard import check_query
check_query({query!r}, syntax={syntax!r})
print(time.perf_counter() - started)
"""


def everyday() -> None:
    queries = [sparql_prologue(DEFAULT_BASE) + q.text for q in bundled_queries().values()]
    print(f"\n{'everyday queries':30} {'per query':>10} {'first check, fresh process':>28}")
    for syntax in ("parser", "engine"):
        check_query(queries[0], syntax=syntax)
        rounds = []
        for _ in range(5):
            started = time.perf_counter()
            for q in queries:
                check_query(q, syntax=syntax)
            rounds.append((time.perf_counter() - started) / len(queries))
        first = min(float(subprocess.run([sys.executable, "-c", FIRST_CHECK.format(query=queries[0], syntax=syntax)],
                                         capture_output=True, text=True, check=True).stdout) for _ in range(5))
        print(f"{'syntax=' + syntax:30} {min(rounds) * 1000:8.2f}ms {first * 1000:26.1f}ms")


if __name__ == "__main__":
    main()
    everyday()
