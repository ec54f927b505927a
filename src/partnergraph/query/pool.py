"""Query evaluation in worker processes that can be ended: the execution model of ``serve``.

pyoxigraph cannot cancel an evaluation, can use memory without bound (ORDER BY over a cross
product), and its recursive parser can crash the process on a deeply nested query. So user
SPARQL never runs in the server process: each query goes to a worker process that opened the
store read-only, and the server watches it from outside:

- **deadline**: past it the worker is killed (SIGKILL) and the client gets 503. The check does
  not depend on the query producing solutions: the waiting thread polls the worker's pipe.
- **memory**: the resident memory of all workers together is kept under `memory_limit`; when it
  is exceeded, the largest busy worker is killed and its client gets 503. Each worker also has
  ``RLIMIT_DATA`` at that limit, a backstop for growth faster than the polling.
- **crash**: a worker that dies (SIGSEGV) is replaced; its client gets a one-line error.
- **load**: at most `size` workers exist. A query older than `LONG_AFTER` is reniced to the
  lowest priority, so new (usually short) queries get the CPU first; when every worker is busy,
  the oldest such long query is ended to make room, and a request that still finds no worker
  within `QUEUE_WAIT` gets 503 at once. A burst of heavy queries therefore cannot hold the
  endpoint: it sheds its own oldest work.
- **sandbox**: each worker calls `sandbox.deny_outgoing_connections()` before it opens the store,
  so even a SERVICE the query check missed cannot reach another host (issue 14).
- **reload**: `reload()` starts a new generation on the store's (new) path; idle workers of the
  old one are ended at once, busy ones when their query is answered.

Workers are forked from a multiprocessing fork server that has imported partnergraph once, so a
replacement costs a fork and a store opening (~50 ms), not an interpreter start; they do not
import the embedding program's main module again (see `_main_module_hidden`).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
import types
from dataclasses import dataclass, field
from pathlib import Path

LOGGER = logging.getLogger(__name__)

#: seconds after which a running query counts as long: reniced, and first to be ended when the
#: pool is full. Every bundled query answers within 0.07 s on the sample (bench_serve_load), the
#: slowest ~0.2 s under load; 0.5 s leaves them all out of reach.
LONG_AFTER = 0.3
#: longest wait for a free worker before 503: the attack benchmark's probe target is 1 s
QUEUE_WAIT = 1.0
#: how often a waiting request looks at its worker (deadline, memory, liveness). ORDER BY over a
#: cross product grew by ~350 MB/s (issue 15): 50 ms lets it overshoot the ceiling by ~18 MB.
POLL_EVERY = 0.05
#: memory of all query workers together, in bytes. A worker at rest holds ~45 MB (interpreter,
#: pyoxigraph, the store's caches; measured on the sample), so a full pool of 4 + 2 spares rests
#: at ~270 MB and the largest query gets ~370 MB. Under the attack benchmark the server process
#: itself peaked at ~200 MB and four ORDER BY queries growing at ~350 MB/s each overshoot the
#: limit by ~70 MB before the next check: 640 MB keeps server + workers under the 1 GB of issue 15
DEFAULT_MEMORY_LIMIT = 640 << 20
#: a worker whose resident memory stays above this after a query is replaced, not reused
#: (the allocator keeps what a large result needed): three times a worker at rest
IDLE_RSS_MAX = 150 << 20
#: workers kept started and idle beyond those busy: starting one takes ~50 ms on an idle machine
#: but 0.4-1.5 s on 2 cores busy with heavy queries (bench_hostile), which a query after a kill
#: would otherwise wait for
SPARES = 3
#: resident memory of a worker at rest (measured on the sample: 42-45 MB): a spare is started only
#: while the workers' total stays this far below the memory limit
SPARE_RSS = 48 << 20
#: seconds a new worker may take to open the store and say it is ready
START_TIMEOUT = 30.0
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class WorkerFailure(Exception):
    """Why a query got no answer from its worker: `status` (503, 400 or 500), a message, and
    `kind`: "timeout", "memory", "busy", "crash" or "internal"."""

    def __init__(self, status: int, message: str, kind: str = "internal"):
        super().__init__(message)
        self.status = status
        self.kind = kind


def default_size() -> int:
    """Workers at most: twice the cores, at least 4, so that a short query finds one while long
    ones run; each costs ~45 MB at rest."""
    return max(4, 2 * (os.cpu_count() or 1))


# -- the worker process ---------------------------------------------------------------------------

def _die_with_the_server() -> None:
    """A worker must not outlive the server, even one killed with SIGKILL mid-query.

    The worker's parent is the fork server, which exits when the last holder of its "alive" pipe
    is gone. multiprocessing hands that pipe to every child too, so a worker busy with a
    never-ending query would keep the fork server, and so itself, alive: the worker closes its
    copy, and asks the kernel for SIGKILL when the fork server ends (PR_SET_PDEATHSIG)."""
    try:
        from multiprocessing import forkserver

        fd = forkserver._forkserver._forkserver_alive_fd
        if fd is not None:
            os.close(fd)
            forkserver._forkserver._forkserver_alive_fd = None
    except (AttributeError, OSError):
        pass
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() == 1:  # the fork server ended before the request above
        os._exit(1)


def _worker_main(conn, store_path: str, memory_limit: int, evaluate) -> None:
    """A worker: open the store, then answer jobs from `conn` until it closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the server ends us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_the_server()
    # the engine's own messages (a failed allocation, a panic) would reach the server's terminal:
    # the parent reports what happened as one line instead
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_DATA, (memory_limit, memory_limit))
    except (ImportError, ValueError, OSError):
        pass
    from .sandbox import deny_outgoing_connections
    from ..store.embedded import EmbeddedStore

    logging.getLogger("partnergraph.query.sandbox").addHandler(logging.NullHandler())
    deny_outgoing_connections()
    try:
        store = EmbeddedStore(Path(store_path), read_only=True)
    except Exception as exc:  # noqa: BLE001 - reported to the parent as one line
        conn.send(("failed", str(exc).splitlines()[0] if str(exc) else type(exc).__name__))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = evaluate(store, job)
        except MemoryError:
            reply = ("error", 503, "query: the query used too much memory")
        except Exception as exc:  # noqa: BLE001 - a bug: one line to the client, the worker goes on
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            reply = ("error", 500, f"query: internal error in the query worker: {type(exc).__name__}: {first}")
        conn.send(reply)


_MAIN_LOCK = threading.Lock()


@contextlib.contextmanager
def _main_module_hidden():
    """multiprocessing makes each child import the parent's main script again (as
    ``__mp_main__``): a program without a ``__name__`` guard would run again in every worker,
    and one read from stdin cannot be imported at all. Workers need only partnergraph, so while a
    worker is started, the main module is one with no file to import."""
    with _MAIN_LOCK:
        main = sys.modules.get("__main__")
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            yield
        finally:
            if main is not None:
                sys.modules["__main__"] = main


# -- the parent's view of one worker ------------------------------------------------------------

@dataclass(eq=False)
class _Worker:
    process: object
    conn: object
    generation: int
    started: float = 0.0  # when its current query began (0: idle)
    long: bool = False  # reniced: replaced after this query
    preempted: bool = False  # ended to make room for another query
    pid: int = 0

    def rss(self) -> int:
        try:
            with open(f"/proc/{self.pid}/statm", "rb") as fh:
                return int(fh.read().split()[1]) * _PAGE
        except (OSError, ValueError, IndexError):
            return 0

    def kill(self) -> None:
        try:
            self.process.kill()
        except (OSError, ValueError, AttributeError):
            pass

    def end(self) -> None:
        self.kill()
        try:
            self.process.join(1.0)
            self.conn.close()
        except (OSError, ValueError, AssertionError):
            pass


@dataclass(eq=False)
class WorkerPool:
    """Worker processes over one store directory (see the module docstring)."""

    store_path: Path
    evaluate: object  # evaluate(store, job) -> reply, run in the worker; picklable
    size: int = field(default_factory=default_size)
    memory_limit: int = DEFAULT_MEMORY_LIMIT

    def __post_init__(self):
        if self.size < 1:
            raise ValueError("a pool needs at least one worker")
        self._ctx = multiprocessing.get_context("forkserver")
        self._ctx.set_forkserver_preload(["partnergraph.query.runner", "partnergraph.publish.export",
                                          "partnergraph.query.sandbox"])
        self._cond = threading.Condition()
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._starting = 0
        self._waiting: list[object] = []  # requests waiting for a worker, oldest first
        self._generation = 0
        self._closed = False
        self._keeper: threading.Thread | None = None  # started with the first query

    # -- life cycle ---------------------------------------------------------------------------

    def _spawn(self, generation: int, path: Path) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(target=_worker_main, args=(child, str(path), self.memory_limit, self.evaluate),
                                    daemon=True, name="partnergraph-query")
        try:
            with _main_module_hidden():
                process.start()
        except (OSError, RuntimeError) as exc:  # no processes left
            parent.close()
            child.close()
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise WorkerFailure(500, f"query: cannot start a query worker: {first}") from None
        child.close()
        worker = _Worker(process, parent, generation, pid=process.pid)
        if not parent.poll(START_TIMEOUT):
            worker.end()
            raise WorkerFailure(500, "query: a query worker did not start in time")
        try:
            message = parent.recv()
        except (EOFError, OSError):
            worker.end()
            raise WorkerFailure(500, "query: a query worker ended while opening the store") from None
        if message[0] != "ready":
            worker.end()
            raise WorkerFailure(500, f"query: a query worker cannot open the store: {message[1]}")
        return worker

    def _keep_spares(self) -> None:
        """A thread: keeps `SPARES` workers started and idle, so that a query after a kill
        does not wait for a new process."""
        while True:
            with self._cond:
                while not self._closed and (len(self._idle) + self._starting >= SPARES or
                                            len(self._idle) + len(self._busy) + self._starting >= self.size + SPARES or
                                            self._total_rss() + SPARE_RSS > self.memory_limit):
                    self._cond.wait(1.0)  # memory is not announced: look again now and then
                if self._closed:
                    return
                self._starting += 1
                generation, path = self._generation, self.store_path
            worker, failed = None, False
            try:
                worker = self._spawn(generation, path)
            except WorkerFailure as exc:
                LOGGER.warning("%s", exc)
                failed = True
            with self._cond:
                self._starting -= 1
                if worker is not None and not self._closed and generation == self._generation:
                    self._idle.append(worker)
                    worker = None
                self._cond.notify_all()
            if worker is not None:  # the pool was reloaded or closed meanwhile
                worker.end()
            if failed:
                time.sleep(1.0)  # a worker that cannot start: do not spin

    def reload(self, store_path: Path | None = None) -> None:
        """Later queries run on `store_path` (default: the same path, opened anew)."""
        with self._cond:
            self.store_path = Path(store_path or self.store_path)
            self._generation += 1
            stale, self._idle = self._idle, []
            self._cond.notify_all()
        for w in stale:
            w.end()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            workers = self._idle + list(self._busy)
            self._idle, self._busy = [], set()
            self._cond.notify_all()
        for w in workers:
            w.kill()
        for w in workers:
            w.end()

    def pids(self) -> list[int]:
        with self._cond:
            return [w.pid for w in self._idle + list(self._busy)]

    # -- one query ----------------------------------------------------------------------------

    def _acquire(self, deadline: float) -> _Worker:
        """A worker for one query. Waiting requests are served in order of arrival, and while
        any wait, as many of the oldest long queries are ended as there are waiters."""
        until = min(deadline, time.monotonic() + QUEUE_WAIT)
        ticket = object()
        with self._cond:
            self._waiting.append(ticket)
            try:
                while True:
                    if self._closed:
                        raise WorkerFailure(503, "query: the server is shutting down", "busy")
                    if self._waiting[0] is ticket and len(self._busy) < self.size:
                        if self._idle:
                            worker = self._idle.pop()
                            worker.started = time.monotonic()
                            self._busy.add(worker)
                            self._cond.notify_all()  # the spare-keeper starts a replacement
                            return worker
                        if len(self._busy) + self._starting < self.size + SPARES:
                            self._starting += 1
                            generation, path = self._generation, self.store_path
                            break
                    self._preempt_for_waiters()
                    left = until - time.monotonic()
                    if left <= 0:
                        raise WorkerFailure(503, "query: the server is busy with other queries; try again shortly", "busy")
                    self._cond.wait(min(left, POLL_EVERY))
            finally:
                self._waiting.remove(ticket)
                self._cond.notify_all()
        try:
            worker = self._spawn(generation, path)
        finally:
            with self._cond:
                self._starting -= 1
                self._cond.notify_all()
        with self._cond:
            worker.started = time.monotonic()
            self._busy.add(worker)
        return worker

    def _preempt_for_waiters(self) -> None:
        """Called with the lock held: end the oldest long queries, one per waiting request."""
        now = time.monotonic()
        ending = sum(1 for w in self._busy if w.preempted)
        candidates = sorted((w for w in self._busy if not w.preempted and now - w.started >= LONG_AFTER),
                            key=lambda w: w.started)
        for victim in candidates[:max(0, len(self._waiting) - ending - self._starting)]:
            victim.preempted = True
            victim.kill()

    def _release(self, worker: _Worker, *, reuse: bool) -> None:
        with self._cond:
            self._busy.discard(worker)
            keep = reuse and not self._closed and worker.generation == self._generation and not worker.long \
                and len(self._idle) < max(SPARES, self.size) and worker.rss() <= IDLE_RSS_MAX
            if keep:
                worker.started = 0.0
                self._idle.append(worker)
            self._cond.notify_all()
        if not keep:
            worker.end()

    def _total_rss(self) -> int:
        """Called with the lock held."""
        return sum(w.rss() for w in self._idle + list(self._busy))

    def _over_memory(self, worker: _Worker) -> bool:
        """Whether the workers together use more than the limit and `worker` is the largest busy
        one. Idle spares are given up first: they cost a restart, not an answer."""
        with self._cond:
            everyone = self._idle + list(self._busy)
            busy = list(self._busy)
            sizes = {w: w.rss() for w in everyone}
            total = sum(sizes.values())
            spare: list[_Worker] = []
            while total > self.memory_limit and self._idle:
                spare.append(self._idle.pop(0))
                total -= sizes.get(spare[-1], 0)
        for w in spare:
            w.end()
        if total <= self.memory_limit:
            return False
        return max(busy, key=lambda w: sizes.get(w, 0)) is worker

    def run(self, job, *, timeout: float) -> object:
        """The worker's reply to `job`, or WorkerFailure (deadline, memory, crash, busy)."""
        deadline = time.monotonic() + timeout
        if self._keeper is None:
            with self._cond:
                if self._keeper is None:
                    self._keeper = threading.Thread(target=self._keep_spares, daemon=True, name="partnergraph-spares")
                    self._keeper.start()
        worker = self._acquire(deadline)
        reuse = False
        try:
            try:
                worker.conn.send(job)
            except (OSError, ValueError):
                raise WorkerFailure(500, "query: the query worker is gone; try again") from None
            while True:
                try:
                    if worker.conn.poll(POLL_EVERY):
                        reply = worker.conn.recv()
                        reuse = True
                        return reply
                except (EOFError, OSError):
                    raise self._death(worker, timeout) from None
                now = time.monotonic()
                if now >= deadline:
                    raise WorkerFailure(503, f"query: no result within {timeout:g} s, the server's limit", "timeout")
                if worker.process.exitcode is not None:
                    raise self._death(worker, timeout)
                if not worker.long and now - worker.started >= LONG_AFTER:
                    worker.long = True
                    try:
                        os.setpriority(os.PRIO_PROCESS, worker.pid, 19)
                    except (OSError, AttributeError):
                        pass
                if self._over_memory(worker):
                    raise WorkerFailure(503, "query: the query used too much memory (the server's limit is "
                                             f"{self.memory_limit >> 20} MB for all queries)", "memory")
        finally:
            self._release(worker, reuse=reuse)

    def _death(self, worker: _Worker, timeout: float) -> WorkerFailure:
        worker.process.join(1.0)
        code = worker.process.exitcode
        if worker.preempted:
            return WorkerFailure(503, "query: ended to make room for newer queries while the server was busy; "
                                      "try again shortly", "busy")
        if code in (-signal.SIGABRT, -signal.SIGKILL):  # Rust aborts when an allocation fails; the OOM killer kills
            return WorkerFailure(503, "query: the query used too much memory (the server's limit is "
                                      f"{self.memory_limit >> 20} MB for all queries)", "memory")
        if code is not None and code < 0:
            name = signal.Signals(-code).name
            return WorkerFailure(400, f"query: the query engine crashed on this query ({name}); "
                                      "is it nested too deeply?", "crash")
        return WorkerFailure(500, f"query: the query worker ended unexpectedly (exit code {code})")
