"""Attack benchmark of `partnergraph serve` (issue 15): every hostile request that once killed,
froze or disabled the server, alone and then in bursts from 8 clients, against the real command
on a loopback port, while a probe asks a simple ASK every 100 ms.

    python benchmarks/bench_hostile.py [-d DIR] [--burst-seconds 30] [--timeout 5]

Without -d it builds the bundled sample corpus into a temporary directory first. Reports whether
the server stayed alive, the peak resident memory of the server and its worker processes, and
the probe's p50/p99/max latency and errors before (the baseline, same run), during and after the
attack. Targets: alive; peak RSS under 1 GB; probe p99 under 1 s during the attack; every probe
after it answered within 2 s. Exits 1 when a target is missed.

Loopback only, bounded: a fixed list of requests, bursts for a fixed time, every client with a
timeout; the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

#: probe period: the issue's "every 100 ms"
PROBE_EVERY = 0.1
#: a probe that takes longer counts as an error (it would be a frozen server)
PROBE_TIMEOUT = 10
#: seconds of probing alone (baseline) and after the attack
QUIET_SECONDS = 8
#: an attacker's request may take the server's time limit plus this before the client gives up
ATTACK_SLACK = 10
SLOW_CLIENTS = 300
ASK = "ASK { ?s a ?type }"
JSON = {"Accept": "application/sparql-results+json"}
T0 = time.monotonic()
TARGETS = {"rss_mb": 1024, "p99_during": 1.0, "max_after": 2.0}


def hostile_requests() -> dict[str, tuple[str, str, bytes | None, str | None]]:
    """name → (method, path, body, content type)"""
    from urllib.parse import urlencode

    def get(query: str) -> tuple:
        return ("GET", "/sparql?" + urlencode({"query": query}), None, None)

    def post(query: str) -> tuple:
        return ("POST", "/sparql", urlencode({"query": query}).encode(), "application/x-www-form-urlencoded")

    out: dict[str, tuple] = {}
    for n in (5000, 10000):
        nested = {
            "parens": "SELECT * WHERE { FILTER(" + "(" * n + "1" + ")" * n + ") }",
            "braces": "SELECT * WHERE " + "{" * n + "}" * n,
            "nots": "SELECT * WHERE { FILTER(" + "!" * n + "true) }",
            "path": "SELECT * WHERE { ?s " + "(" * n + "<urn:p>" + ")" * n + " ?o }",
        }
        for kind, q in nested.items():
            out[f"nested {kind} {n} GET"] = get(q)
            out[f"nested {kind} {n} POST"] = post(q)
    out["32,000 \\\" escapes"] = post('SELECT * WHERE { FILTER("' + '\\"' * 32000 + '" = "x") }')
    out["ORDER BY cross product"] = get("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1")
    out["COUNT 4-way cross"] = get("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    out["never-true FILTER"] = get('SELECT * WHERE { ?a ?b ?c . ?d ?e ?f FILTER(STR(?c) = CONCAT(STR(?f), "#never")) }')
    out["/id/%ZZ"] = ("GET", "/id/%ZZ", None, None)
    out["GET %FF"] = ("GET", "/sparql?query=ASK%20%7B%7D%FF", None, None)
    out["POST invalid UTF-8"] = ("POST", "/sparql", b"ASK {}\xff", "application/sparql-query")
    return out


def send(url: str, request: tuple, timeout: float) -> int:
    method, path, body, ctype = request
    headers = dict(JSON) if path.startswith("/sparql") else {}
    if ctype:
        headers["Content-Type"] = ctype
    try:
        return requests.request(method, url.rstrip("/") + path, data=body, headers=headers, timeout=timeout).status_code
    except requests.RequestException:
        return -1


# -- the server and its memory ---------------------------------------------------------------------

def start_server(directory: Path, timeout: float) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "partnergraph", "serve", "-d", str(directory), "--host", "127.0.0.1",
                             "--port", "0", "--timeout", str(timeout)], stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    line = proc.stderr.readline()
    m = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
    if not m:
        proc.kill()
        raise SystemExit(f"the server did not start: {line.strip()} {proc.stderr.read()}")
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(proc.stderr), daemon=True).start()  # keep its pipe drained
    proc.log = log  # type: ignore[attr-defined]
    return proc, m.group(1)


def family(pid: int) -> list[int]:
    out, todo = [pid], [pid]
    while todo:
        p = todo.pop()
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", encoding="ascii") as fh:
                    kids = [int(k) for k in fh.read().split()]
                out += kids
                todo += kids
        except OSError:
            pass
    return out


def rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


class MemoryWatch(threading.Thread):
    """Peak of the summed RSS of the server and all its descendants, sampled every 50 ms."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.peak_server, self.stop = pid, 0, 0, threading.Event()

    def run(self):
        while not self.stop.wait(0.05):
            total = sum(rss(p) for p in family(self.pid))
            self.peak = max(self.peak, total)
            self.peak_server = max(self.peak_server, rss(self.pid))


# -- the probe ------------------------------------------------------------------------------------

class Probe(threading.Thread):
    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url, self.phase, self.stop = url, "baseline", threading.Event()
        self.samples: dict[str, list[tuple[float, bool]]] = {}
        self.slow: list[tuple[float, float, bool]] = []  # (start, seconds, ok) of probes over 0.5 s

    def run(self):
        while not self.stop.is_set():
            started = time.monotonic()
            phase = self.phase
            try:
                r = requests.get(self.url + "sparql", params={"query": ASK}, headers=JSON, timeout=PROBE_TIMEOUT)
                ok = r.status_code == 200 and r.json().get("boolean") is True
            except (requests.RequestException, ValueError):
                ok = False
            self.samples.setdefault(phase, []).append((time.monotonic() - started, ok))
            if time.monotonic() - started > 0.5 or not ok:
                self.slow.append((started, time.monotonic() - started, ok))
            self.stop.wait(max(0.0, PROBE_EVERY - (time.monotonic() - started)))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] if ordered else float("nan")


# -- the attack -----------------------------------------------------------------------------------

class SlowClients:
    """Connections that send their headers a byte at a time and never finish them."""

    def __init__(self, port: int, count: int):
        self.socks: list[socket.socket] = []
        self.refused = 0
        for _ in range(count):
            try:
                s = socket.create_connection(("127.0.0.1", port), timeout=5)
                s.sendall(b"GET /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                self.socks.append(s)
            except OSError:
                self.refused += 1
        self.stop = threading.Event()
        threading.Thread(target=self._trickle, daemon=True).start()

    def _trickle(self):
        while not self.stop.wait(3.0):
            for s in list(self.socks):
                try:
                    s.sendall(b"a")
                except OSError:
                    self.socks.remove(s)

    def closed_by_server(self) -> int:
        n = 0
        for s in self.socks:
            s.setblocking(False)
            try:
                n += s.recv(1) == b""
            except BlockingIOError:
                pass
            except OSError:
                n += 1
        return n

    def close(self):
        self.stop.set()
        for s in self.socks:
            s.close()


def attack(url: str, port: int, server_timeout: float, burst_seconds: float, log) -> dict[str, int]:
    requests_ = hostile_requests()
    timeout = server_timeout + ATTACK_SLACK
    statuses: dict[str, int] = {}
    slow = SlowClients(port, SLOW_CLIENTS)
    log(f"  {len(slow.socks)} slow-header connections open ({slow.refused} refused)")
    for name, req in requests_.items():
        if name == "COUNT 4-way cross":
            with ThreadPoolExecutor(6) as pool:
                results = list(pool.map(lambda _: send(url, req, timeout), range(6)))
            statuses[name + " ×6"] = max(results)
            log(f"  {name} ×6 → {sorted(set(results))}")
            continue
        t = time.monotonic()
        statuses[name] = send(url, req, timeout)
        log(f"  {name} → {statuses[name]} ({time.monotonic() - t:.2f} s, at {t - T0:.1f})")
    log(f"  bursts: 8 clients for {burst_seconds:g} s, at {time.monotonic() - T0:.1f}")
    deadline = time.monotonic() + burst_seconds
    names = list(requests_)
    sent = [0]

    def client(k: int):
        i = k
        while time.monotonic() < deadline:
            send(url, requests_[names[i % len(names)]], timeout)
            sent[0] += 1
            i += 3

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(client, range(8)))
    statuses["burst requests sent"] = sent[0]
    log(f"  {len(slow.socks) - slow.closed_by_server()} slow-header connections still open "
        "(they send a byte every 3 s, under the server's 10 s silence limit, and hold no thread)")
    slow.close()
    return statuses


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-d", "--dir", type=Path, help="a built graph directory (default: build the sample into a temp dir)")
    ap.add_argument("--timeout", type=float, default=5.0, help="the server's query time limit (issue 15: 5 s)")
    ap.add_argument("--burst-seconds", type=float, default=30.0)
    args = ap.parse_args()
    log = lambda msg: print(msg, flush=True)  # noqa: E731 - a benchmark's report
    tmp = None
    directory = args.dir
    if directory is None:
        tmp = Path(tempfile.mkdtemp(prefix="pg-hostile-"))
        directory = tmp / "graph"
        log(f"building the sample into {directory}")
        subprocess.run([sys.executable, "-m", "partnergraph", "build", "-q", "--no-validate", "-d", str(directory)],
                       check=True)
    proc, url = start_server(directory, args.timeout)
    port = int(url.rstrip("/").rsplit(":", 1)[1])
    memory = MemoryWatch(proc.pid)
    memory.start()
    probe = Probe(url)
    try:
        requests.get(url + "sparql", params={"query": ASK}, timeout=PROBE_TIMEOUT)  # warm up
        probe.start()
        log(f"baseline: probing alone for {QUIET_SECONDS} s")
        time.sleep(QUIET_SECONDS)
        probe.phase = "during"
        log("attack:")
        started = time.monotonic()
        statuses = attack(url, port, args.timeout, args.burst_seconds, log)
        attack_seconds = time.monotonic() - started
        probe.phase = "after"
        log(f"after: probing for {QUIET_SECONDS} s")
        time.sleep(QUIET_SECONDS)
        probe.stop.set()
        probe.join(PROBE_TIMEOUT)
        alive = proc.poll() is None
    finally:
        memory.stop.set()
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    rows = []
    figures = {}
    for phase in ("baseline", "during", "after"):
        samples = probe.samples.get(phase, [])
        lat = [t for t, _ in samples]
        errors = sum(1 for _, ok in samples if not ok)
        figures[phase] = (percentile(lat, 50), percentile(lat, 99), max(lat, default=float("nan")), errors, len(samples))
    base_p50 = figures["baseline"][0]
    log("")
    log(f"server alive after the attack: {'yes' if alive else 'NO'} (attack lasted {attack_seconds:.0f} s)")
    log(f"peak RSS, server + workers: {memory.peak / 2**20:.0f} MB (server alone: {memory.peak_server / 2**20:.0f} MB)")
    log("")
    log("| probe (ASK every 100 ms) | probes | errors | p50 | p99 | max | p50 / baseline p50 |")
    log("|---|---|---|---|---|---|---|")
    for phase, (p50, p99, mx, errors, n) in figures.items():
        rows.append(phase)
        log(f"| {phase} | {n} | {errors} | {p50 * 1000:.0f} ms | {p99 * 1000:.0f} ms | {mx * 1000:.0f} ms | "
            f"{p50 / base_p50:.1f} |")
    log("")
    log("hostile requests (status, alone): " + "; ".join(f"{k}: {v}" for k, v in statuses.items()))
    tracebacks = sum("Traceback" in line for line in getattr(proc, "log", []))
    for t, seconds, ok in probe.slow:
        log(f"  slow probe at {t - T0:.1f}: {seconds:.2f} s{'' if ok else ' (error)'}")
    log(f"tracebacks in the server's log: {tracebacks}")
    missed = []
    if not alive:
        missed.append("the server died")
    if memory.peak / 2**20 >= TARGETS["rss_mb"]:
        missed.append(f"peak RSS {memory.peak / 2**20:.0f} MB ≥ {TARGETS['rss_mb']} MB")
    if not figures["during"][1] < TARGETS["p99_during"]:
        missed.append(f"probe p99 during the attack {figures['during'][1]:.2f} s ≥ {TARGETS['p99_during']} s")
    if not (figures["after"][2] < TARGETS["max_after"] and figures["after"][3] == 0):
        missed.append(f"after the attack: max {figures['after'][2]:.2f} s, {figures['after'][3]} errors")
    log("targets: " + ("all met" if not missed else "MISSED: " + "; ".join(missed)))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
