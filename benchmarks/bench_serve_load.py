"""Load benchmark of `partnergraph serve`: 500 bundled-query requests from 8 concurrent clients
against the real command on a loopback port; reports errors, throughput and latency percentiles,
and the ratio to a baseline measured in the same run: the same requests answered one after the
other in-process (`App.get`: evaluation and serialisation, no HTTP, no concurrency).

    PARTNERGRAPH_CACHE=/tmp/pgcache /work/venv/bin/python benchmarks/bench_serve_load.py [-d DIR]
        [--requests 500] [--clients 8]

Without -d it builds the bundled sample corpus into benchmarks/out/serve-graph (gitignored).
Loopback only: the server listens on 127.0.0.1. Exits 1 if any request failed.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import requests

from partnergraph.pipeline.build import BuildOptions, build
from partnergraph.query.runner import bundled_queries
from partnergraph.server.app import make_app

OUT = Path(__file__).parent / "out"
#: per request; the slowest bundled query answers in ~0.2 s on the sample, so 60 s only
#: catches a server that hangs
REQUEST_TIMEOUT = 60
ACCEPT = "application/sparql-results+json"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def workload(n: int) -> list[tuple[str, str]]:
    """(name, query) for n requests: the bundled queries in turn."""
    queries = list(bundled_queries().values())
    return [(queries[i % len(queries)].name, queries[i % len(queries)].text) for i in range(n)]


def baseline(directory: Path, work: list[tuple[str, str]]) -> tuple[float, dict[str, float]]:
    app = make_app(directory)
    try:
        app.get("/sparql?" + urlencode({"query": work[0][1]}), accept=ACCEPT)  # warm up
        per_query: dict[str, list[float]] = {}
        started = time.perf_counter()
        for name, text in work:
            t = time.perf_counter()
            r = app.get("/sparql?" + urlencode({"query": text}), accept=ACCEPT)
            if r.status != 200:
                raise SystemExit(f"baseline: {name} answered {r.status}: {r.text.strip()}")
            per_query.setdefault(name, []).append(time.perf_counter() - t)
        total = time.perf_counter() - started
    finally:
        app.close()
    return total, {k: statistics.median(v) for k, v in per_query.items()}


def start_server(directory: Path) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "partnergraph", "serve", "-d", str(directory), "--host", "127.0.0.1",
                             "--port", "0"], stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    line = proc.stderr.readline()
    m = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
    if not m:
        proc.kill()
        raise SystemExit(f"the server did not start: {line.strip()} {proc.stderr.read()}")
    threading.Thread(target=proc.stderr.read, daemon=True).start()  # keep its pipe drained
    return proc, m.group(1)


def load(url: str, work: list[tuple[str, str]], clients: int) -> tuple[float, list[float], list[str]]:
    local = threading.local()
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def one(item: tuple[str, str]) -> None:
        session = getattr(local, "session", None) or requests.Session()
        local.session = session
        name, text = item
        t = time.perf_counter()
        try:
            r = session.post(url + "sparql", data={"query": text}, headers={"Accept": ACCEPT}, timeout=REQUEST_TIMEOUT)
            ok = r.status_code == 200 and "results" in r.json()
            problem = "" if ok else f"{name}: {r.status_code} {r.text.strip()[:200]}"
        except (requests.RequestException, ValueError) as exc:
            problem = f"{name}: {type(exc).__name__}: {exc}"
        elapsed = time.perf_counter() - t
        with lock:
            latencies.append(elapsed)
            if problem:
                errors.append(problem)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(one, work))
    return time.perf_counter() - started, latencies, errors


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-d", "--dir", type=Path, help="a built graph directory (default: build the sample)")
    ap.add_argument("--requests", type=int, default=500)
    ap.add_argument("--clients", type=int, default=8)
    args = ap.parse_args()
    directory = args.dir
    if directory is None:
        directory = OUT / "serve-graph"
        if not (directory / "store").exists():
            print(f"building the sample corpus into {directory} …", flush=True)
            build(None, BuildOptions(out_dir=directory, validate=False, viz=False))
    work = workload(args.requests)

    base_total, per_query = baseline(directory, work)
    proc, url = start_server(directory)
    try:
        requests.get(url + "sparql", params={"query": work[0][1]}, headers={"Accept": ACCEPT}, timeout=REQUEST_TIMEOUT)
        total, latencies, errors = load(url, work, args.clients)
    finally:
        proc.terminate()
        proc.wait(timeout=30)

    ms = [x * 1000 for x in latencies]
    print(f"graph: {directory}  ({len(bundled_queries())} bundled queries, round robin)")
    print(f"baseline, in-process, one at a time: {len(work)} requests in {base_total:.2f} s "
          f"({len(work) / base_total:.0f}/s, {1000 * base_total / len(work):.1f} ms each)")
    slowest = sorted(per_query.items(), key=lambda kv: -kv[1])[:3]
    print("  slowest in-process: " + ", ".join(f"{k} {1000 * v:.1f} ms" for k, v in slowest))
    print(f"served, {args.clients} clients over HTTP: {len(work)} requests in {total:.2f} s ({len(work) / total:.0f}/s)")
    print(f"  latency ms: p50 {percentile(ms, 50):.1f}  p90 {percentile(ms, 90):.1f}  "
          f"p99 {percentile(ms, 99):.1f}  max {max(ms):.1f}")
    print(f"  ratio served/baseline wall time: {total / base_total:.2f}")
    print(f"errors: {len(errors)}")
    for e in errors[:10]:
        print("  " + e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
