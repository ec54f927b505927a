"""The store's writes in background threads (Loader): the bulk loads of a build run beside its
extraction, in the order given, except batches of new graphs, which may load two at a time."""

from __future__ import annotations


class Loader:
    """Writes to the store in background threads while the caller goes on: Oxigraph's bulk
    loader releases the GIL, and loading is the longest single task of a large build (7.3 M
    quad insertions take ~50 s of one core at 10,000 articles; the extraction workers need
    ~30 s, the dumps ~5 s), so it runs beside everything else.

    Writes take effect in the order given, except that batches of new graphs (`submit` with
    ``adds=True``) may load two at a time: they only add quads, so their order does not change
    the store. One bulk load is mostly serial (this thread parses, one Oxigraph thread sorts the
    indexes, RocksDB compacts: 17, 43 and 17 processor seconds of a 10,000-article build), so
    with one loader thread a build whose loads fell behind the extraction loaded its last
    batches one after the other. Two at a time cost no more processor time (the 10,000 articles
    in 90 MB loads: 54.2 and 56.6 s against 56.3 and 60.3 s one at a time, alternating in one
    run). Any other write waits for every write before it (replacing a graph looks its merged
    triples up in the store), and the writes after it wait for it."""

    #: batches queued or loading at most: bounds the memory of N-Quads waiting to be loaded
    #: (2 × 90 MB, as with one thread)
    MAX_PENDING = 2
    #: batches of new graphs loading at once: one per core of this 2-core machine, where the
    #: extraction workers share the cores with the loads
    THREADS = 2

    def __init__(self) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self.pool = ThreadPoolExecutor(max_workers=self.THREADS, thread_name_prefix="partnergraph-store")
        self.pending: list = []
        #: the last write that is not a batch of new graphs: every later write waits for it
        self.barrier = None
        #: the batches of new graphs since `barrier`: the next other write waits for them
        self.adds: list = []

    def submit(self, fn, *args, adds: bool = False) -> None:
        for f in self.pending:
            if f.done():
                f.result()  # a failed write stops the build now, not after the extraction
        self.pending = [f for f in self.pending if not f.done()]
        while len(self.pending) >= self.MAX_PENDING:
            self.pending.pop(0).result()
        before = [self.barrier] if self.barrier is not None else []
        if not adds:
            before += self.adds
        # the pool runs tasks in the order submitted, so everything a task waits for has a
        # thread already: waiting cannot deadlock
        future = self.pool.submit(after_writes, before, fn, args)
        if adds:
            self.adds.append(future)
        else:
            self.barrier, self.adds = future, []
        self.pending.append(future)

    def wait(self) -> None:
        """Waits for every write; re-raises the first that failed."""
        try:
            for f in self.pending:
                f.result()
        finally:
            self.pending, self.adds, self.barrier = [], [], None
            self.pool.shutdown(wait=True)


def after_writes(before: list, fn, args: tuple):
    """`fn(*args)` once the writes `before` are done; their failure is this write's."""
    for f in before:
        f.result()
    return fn(*args)
