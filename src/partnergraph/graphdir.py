"""A graph directory: the folder `partnergraph build` writes and every other command reads.

    DIR/
      graph.ttl  graph.trig      the whole graph (Turtle; TriG, one named graph per article)
      graph.html                 the interactive network
      stats.json  void.ttl       network analytics; the VoID/DCAT description
      ontology.html              the documentation of the ontology and vocabularies
      build-report.json          what the last build did
      state.json                 which version of which article the graph holds, the base IRI,
                                 the store (embedded, or the URL of the store it was built into)
      dumps.json                 the store's signature when graph.ttl/graph.trig were written
      dumps-index.sqlite         where graph.ttl/graph.trig hold each block (a rebuild splices them)
      shacl-merged.json          the last build's findings on the merged graph
      store/                     the embedded Oxigraph store (absent for a build with --store URL)
      dump-cache/                each article's share of graph.ttl and graph.trig
      viewer-facts.sqlite        what graph.html is drawn from, per dump piece
      build-memo.sqlite          the last network analysis and component layouts, by their input
      http-cache/                pages fetched for URL sources
      .lock  .staging/  .commit  .trash/   a running or interrupted build

`GraphDir` owns these names and what a directory is beyond them: its base IRI and state, its
store, the lock that lets one build write at a time, and how a build replaces the directory
atomically (staging area, commit point, recovery). It reads and moves files only: what is in
the files is the business of the modules that write them. The public handle on a built
directory, with queries, exports and the rest, is `partnergraph.api.Graph`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import NotAGraphDirectory, StoreError
from .namespaces import DEFAULT_BASE

# json and shutil are imported where they are used, and typing not at all (~2 ms, a tenth of
# `--help`'s imports): every command imports this module for its names before it parses its
# arguments (tests/test_startup_imports.py). Type checkers take any TYPE_CHECKING as true.

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .store.embedded import GraphStore

LOGGER = logging.getLogger(__name__)

#: the graph directory of a command or a call that names none
DEFAULT_DIR = "partnergraph-out"

GRAPH_TTL = "graph.ttl"
GRAPH_TRIG = "graph.trig"
NETWORK_FILE = "graph.html"
STATS_FILE = "stats.json"
VOID_FILE = "void.ttl"
DOCS_FILE = "ontology.html"
REPORT_FILE = "build-report.json"
STATE_FILE = "state.json"
DUMPS_FILE = "dumps.json"
#: where graph.ttl and graph.trig hold each block (publish/dump_splice.py)
DUMPS_INDEX_FILE = "dumps-index.sqlite"
#: the index before it was an SQLite file (read and written whole), deleted by the next build
LEGACY_DUMPS_INDEX_FILE = "dumps-index.bin"
MERGED_FINDINGS_FILE = "shacl-merged.json"
STORE_DIRNAME = "store"
CACHE_DIRNAME = "dump-cache"
FACTS_FILE = "viewer-facts.sqlite"
#: the viewer's network joined from those facts, kept between builds (viewer/join_delta.py)
JOIN_FILE = "viewer-join.sqlite"
#: the JSON Lines sources' lines remembered between builds (sources/line_index.py)
SOURCE_LINES_FILE = "source-lines.bin"
#: the facts file of earlier versions (one JSON line per article), removed by the next build
LEGACY_FACTS_FILE = "viewer-facts.jsonl"
MEMO_FILE = "build-memo.sqlite"
HTTP_CACHE_DIRNAME = "http-cache"
#: the next state of the graph directory while a build writes it
STAGING_DIR = ".staging"
#: present while the staged files are being moved into place (the build's commit point)
COMMIT_FILE = ".commit"
#: replaced folders (the old store) wait here until the commit is complete
TRASH_DIR = ".trash"
LOCK_FILE = ".lock"

#: the endpoint URLs of a remote store that state.json records (RemoteStore's keyword arguments)
STORE_ENDPOINTS = ("update_url", "gsp_url")
#: seconds a reader waits for a running build's commit (moving a few files: milliseconds) to end
COMMIT_WAIT_SECONDS = 10.0
#: set only by tests: a file the build creates, with its pid, in the middle of its commit (after
#: moving graph.ttl, before the store) and then waits there to be killed (tests/test_build_kill.py)
PAUSE_IN_COMMIT_ENV = "PARTNERGRAPH_TEST_PAUSE_IN_COMMIT"


class GraphDir:
    """The folder of one graph: ``GraphDir("partnergraph-out")``. Cheap to make; nothing is read
    until asked for."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)

    def __repr__(self) -> str:
        return f"GraphDir({str(self.path)!r})"

    def __fspath__(self) -> str:
        return str(self.path)

    # -- its files -----------------------------------------------------------------------------

    @property
    def staging(self) -> Path:
        return self.path / STAGING_DIR

    @property
    def store_path(self) -> Path:
        return self.path / STORE_DIRNAME

    # -- its state -----------------------------------------------------------------------------

    def read_state(self) -> dict:
        """state.json as written by the last build; an empty state when there is none (or it is
        unreadable: the next build then extracts every article again)."""
        import json

        path = self.path / STATE_FILE
        if path.exists():
            try:
                return json.loads(path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError):
                LOGGER.warning("%s is unreadable; rebuilding every article", path)
        return {"fingerprint": "", "articles": {}}

    @property
    def base(self) -> str:
        """The resource base IRI the directory was built with (the default before a build)."""
        import json

        try:
            return json.loads((self.path / STATE_FILE).read_text(encoding="utf-8")).get("base") or DEFAULT_BASE
        except (OSError, ValueError, AttributeError):
            return DEFAULT_BASE

    def recorded_store(self) -> tuple[str | None, dict]:
        """(query URL, endpoint URLs) of the remote store the directory was built into; (None, {})
        for the embedded store or a directory not built yet."""
        state = self.read_state()
        url = state.get("store")
        if not isinstance(url, str) or url == "embedded" or not url:
            return None, {}
        endpoints = state.get("store_endpoints") or {}
        return url, {k: v for k, v in endpoints.items() if k in STORE_ENDPOINTS and isinstance(v, str)}

    # -- its store -------------------------------------------------------------------------------

    def open_store(self, *, store_url: str | None = None, **remote) -> GraphStore:
        """The store of the built directory, opened for reading: `store_url` when given, else the
        store the directory records (a build with --store), else the embedded one. Raises
        `NotAGraphDirectory` when nothing was built here."""
        reading = self.path
        if not store_url:
            reading = self.settled()  # first: state.json, which records the store, may be mid-commit
            store_url, recorded = self.recorded_store()
            remote = {**recorded, **remote}
        if store_url:
            return self.writable_store(store_url=store_url, **remote)
        if not (reading / STORE_DIRNAME).exists():
            raise NotAGraphDirectory(f"{reading}: no graph here (run 'partnergraph build -d {reading}' first)")
        from .store.embedded import EmbeddedStore

        return EmbeddedStore(reading / STORE_DIRNAME, read_only=True)

    def writable_store(self, *, store_url: str | None = None, **remote) -> GraphStore:
        """The embedded store of the directory opened for writing (created if need be), or the
        remote store at `store_url`."""
        if store_url:
            from .store.remote import RemoteStore

            return RemoteStore(store_url, **remote)
        from .store.embedded import EmbeddedStore

        return EmbeddedStore(self.store_path)

    def stage_store(self, *, store_url: str | None = None, **remote) -> GraphStore:
        """The store a build writes to: a checkpoint of the current embedded store, in the staging
        area; a remote store cannot be staged and is updated in place."""
        if store_url:
            return self.writable_store(store_url=store_url, **remote)
        if self.store_path.exists():
            import pyoxigraph as ox

            try:
                # RocksDB checkpoint: hard links to the immutable table files, so it costs milliseconds
                ox.Store.read_only(str(self.store_path)).backup(str(self.staging / STORE_DIRNAME))
            except OSError as exc:
                raise StoreError(f"{self.store_path}: cannot copy the store for the new build: {exc}") from None
        return GraphDir(self.staging).writable_store()

    # -- writing it: one writer at a time, replacing the directory atomically -------------------

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """One writer (a build, a reconciliation) per directory at a time; a lock left by a dead
        writer is taken over."""
        from .pipeline.lock import locked

        with locked(self.path / LOCK_FILE, busy=f"{self.path}: another build is writing this directory"):
            yield

    def commit(self) -> None:
        """Moves the complete staging area into place: from here on the new state is the
        directory's (``.commit`` tells `recover` so if this is interrupted)."""
        (self.path / COMMIT_FILE).write_text("the files in .staging are complete\n", encoding="utf-8")
        self.move_staged()

    def move_staged(self) -> None:
        """Moves every staged file and folder into place; safe to repeat after an interruption."""
        import shutil

        staging, trash = self.staging, self.path / TRASH_DIR
        if staging.exists():
            for item in sorted(staging.iterdir()):
                if item.name.startswith("."):
                    continue  # temporary files of a writer
                target = self.path / item.name
                if item.is_dir() and target.exists():
                    trash.mkdir(exist_ok=True)
                    if (trash / item.name).exists():
                        shutil.rmtree(trash / item.name)
                    os.replace(target, trash / item.name)
                os.replace(item, target)
                if item.name == GRAPH_TTL:
                    _pause_for_tests()
        (self.path / COMMIT_FILE).unlink(missing_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(trash, ignore_errors=True)

    def recover(self) -> None:
        """Completes or discards what an interrupted build left.

        ``.commit`` is written only once everything is staged, so its presence means "move the
        rest into place"; a staging area without it is an unfinished build and is thrown away.
        """
        import shutil

        if (self.path / COMMIT_FILE).exists():
            LOGGER.info("%s: finishing the commit of an interrupted build", self.path)
            self.move_staged()
        else:
            shutil.rmtree(self.staging, ignore_errors=True)
            shutil.rmtree(self.path / TRASH_DIR, ignore_errors=True)

    def settled(self) -> Path:
        """Before reading: finishes or rolls back what an interrupted build left (as the next
        build would), and returns the folder whose store holds the consistent state.

        A running build is left alone: its staging area is not the directory's state until its
        commit, which is waited for. Where the reader may not write, nothing is changed and the
        committed state is read where it lies: after ``.commit``, the staged store if it has not
        been moved yet; before it, the previous store.
        """
        out_dir = self.path
        if not any((out_dir / name).exists() for name in (COMMIT_FILE, STAGING_DIR, TRASH_DIR)):
            return out_dir
        from .pipeline.lock import try_locked

        deadline = time.monotonic() + COMMIT_WAIT_SECONDS
        while True:
            with try_locked(out_dir / LOCK_FILE) as mine:
                if mine is None:
                    break  # a directory this process may only read
                if mine:
                    try:
                        self.recover()
                        return out_dir
                    except OSError as exc:
                        LOGGER.info("%s: cannot finish an interrupted build here (%s); reading its last "
                                    "consistent state", out_dir, exc.strerror or exc)
                        break
            if not (out_dir / COMMIT_FILE).exists() or time.monotonic() > deadline:
                break  # a build is running and has not begun its commit (or is stuck in it)
            time.sleep(0.05)
        if (out_dir / COMMIT_FILE).exists() and (out_dir / STAGING_DIR / STORE_DIRNAME).exists():
            return out_dir / STAGING_DIR
        return out_dir


def _pause_for_tests() -> None:
    marker = os.environ.get(PAUSE_IN_COMMIT_ENV)
    if marker:
        Path(marker).write_text(str(os.getpid()), encoding="utf-8")
        time.sleep(600)
