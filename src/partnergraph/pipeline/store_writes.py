"""The store's writes in background threads (Loader): the bulk loads of a build run beside its
extraction, in the order given, except batches of new graphs, which may load two at a time; a
full build into a store without graphs feeds all of them to one bulk load (StreamedLoad)."""

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

    def submit(self, fn, *args, adds: bool = False):
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
        return future

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


class StreamedLoad:
    """All the new graphs of a build into a store that held none, as ONE bulk load reading a
    pipe that the build feeds batch by batch while the extraction goes on.

    Why one load: Oxigraph's bulk loader turns every 1,000,000 quads into one set of table files
    whose keys span the whole key space, and RocksDB merges each set with everything loaded
    before it. Loaded call by call, RocksDB merged nearly every set with the whole store as it
    came (its threads: 12.3 s at 10,000 articles, 85.5 s at 30,000); fed to one call, batch by
    batch 3 s apart, it merged them together after the load (11.0 and 37.3 s). Processor time
    of the store load per article, 30,000 against 10,000 articles: 1.27x call by call (6.16 ->
    7.85 ms), 1.02x as one load (6.32 -> 6.43 ms); the same quads, the same store size
    (bench_store_load --scaling's way, 2,000 graphs x5 / x15, session 14).

    The load reads the pipe in Oxigraph's own thread (``path=/dev/fd/N``: no Python on the
    way); a feeding thread writes the batches to it, at most `Loader.MAX_PENDING` waiting.
    The pipe is made after the extraction workers were forked (workers.extract_all forks them
    all before the first result), so no worker holds its writing end open."""

    #: bytes the pipe buffers (Linux's F_SETPIPE_SZ; the default is 64 KiB): fewer switches
    #: between the feeding thread and the parser
    PIPE_BYTES = 1 << 20

    def __init__(self, load_file, loader: Loader):
        import os
        import queue
        import threading

        self.read_fd, self.write_fd = os.pipe()
        try:
            import fcntl

            fcntl.fcntl(self.write_fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), self.PIPE_BYTES)
        except (ImportError, OSError):  # another system, or a lower limit: the default buffer
            pass
        self.queue: queue.Queue = queue.Queue(maxsize=Loader.MAX_PENDING)
        self.future = loader.submit(self._load, load_file, adds=True)
        self.writer = threading.Thread(target=self._write, name="partnergraph-store-feed", daemon=True)
        self.writer.start()

    @staticmethod
    def available() -> bool:
        """Whether Oxigraph can read the pipe by a path here (/dev/fd: Linux, BSDs, macOS)."""
        import os

        return os.name == "posix" and os.path.isdir("/dev/fd")

    def feed(self, data: bytes) -> None:
        """Hands N-Quads to the load; waits while `Loader.MAX_PENDING` batches are waiting.
        Raises the load's error when it failed (it ends only so, before `close`)."""
        if self.future.done():
            self.future.result()
        self.queue.put(data)

    def close(self) -> None:
        """The end of the data: the load finishes (`Loader.wait` says whether it failed)."""
        self.queue.put(None)
        self.writer.join()

    def _load(self, load_file) -> None:
        import os

        try:
            load_file(f"/dev/fd/{self.read_fd}")
        finally:
            os.close(self.read_fd)  # no reader left: a write still under way fails at once

    def _write(self) -> None:
        import os

        try:
            while (data := self.queue.get()) is not None:
                view = memoryview(data)
                while view:
                    view = view[os.write(self.write_fd, view):]
        except OSError:  # the load stopped reading: it failed, and Loader.wait raises its error
            while self.queue.get() is not None:  # feed and close must not wait for a reader
                pass
        finally:
            os.close(self.write_fd)
