"""How a build replaces a graph directory atomically, and how readers find its consistent
state: the lock (one writer per directory), the staging area, the commit point, and the
recovery of what an interrupted build left."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..errors import StoreError
from ..store.embedded import STORE_DIRNAME, GraphStore, open_store
from .state import recorded_store

if TYPE_CHECKING:
    from .report import BuildOptions

LOGGER = logging.getLogger(__name__)

#: the next state of the graph directory while a build writes it
STAGING_DIR = ".staging"
#: present while the staged files are being moved into place (the build's commit point)
COMMIT_FILE = ".commit"
#: replaced folders (the old store) wait here until the commit is complete
TRASH_DIR = ".trash"
LOCK_FILE = ".lock"


def staged_store(out_dir: Path, staging: Path, options: BuildOptions) -> GraphStore:
    """The store the build writes to: a checkpoint of the current embedded store, in staging."""
    if options.store_url:  # a remote store cannot be staged: it is updated in place
        return open_store(out_dir, store_url=options.store_url, **options.store_options)
    live = out_dir / STORE_DIRNAME
    if live.exists():
        try:
            # RocksDB checkpoint: hard links to the immutable table files, so it costs milliseconds
            ox.Store.read_only(str(live)).backup(str(staging / STORE_DIRNAME))
        except OSError as exc:
            raise StoreError(f"{live}: cannot copy the store for the new build: {exc}") from None
    return open_store(staging)


def commit(out_dir: Path) -> None:
    """Moves the complete staging area into place: from here on the new state is the directory's
    (``.commit`` says so to `recover` if this is interrupted)."""
    from ..publish.export import write_atomic

    write_atomic(out_dir / COMMIT_FILE, "the files in .staging are complete\n")
    move_staged(out_dir)


def move_staged(out_dir: Path) -> None:
    """Moves every staged file and folder into `out_dir`; safe to repeat after an interruption."""
    staging, trash = out_dir / STAGING_DIR, out_dir / TRASH_DIR
    if staging.exists():
        for item in sorted(staging.iterdir()):
            if item.name.startswith("."):
                continue  # temporary files of a writer
            target = out_dir / item.name
            if item.is_dir() and target.exists():
                trash.mkdir(exist_ok=True)
                if (trash / item.name).exists():
                    shutil.rmtree(trash / item.name)
                os.replace(target, trash / item.name)
            os.replace(item, target)
            if item.name == "graph.ttl":
                _pause_for_tests()
    (out_dir / COMMIT_FILE).unlink(missing_ok=True)
    shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(trash, ignore_errors=True)


#: set only by tests: a file the build creates, with its pid, in the middle of its commit (after
#: moving graph.ttl, before the store) and then waits there to be killed (tests/test_build_kill.py)
PAUSE_IN_COMMIT_ENV = "PARTNERGRAPH_TEST_PAUSE_IN_COMMIT"


def _pause_for_tests() -> None:
    marker = os.environ.get(PAUSE_IN_COMMIT_ENV)
    if marker:
        import time

        Path(marker).write_text(str(os.getpid()), encoding="utf-8")
        time.sleep(600)


def recover(out_dir: Path) -> None:
    """Completes or discards what an interrupted build left in `out_dir`.

    ``.commit`` is written only once everything is staged, so its presence means "move the rest
    into place"; a staging area without it is an unfinished build and is thrown away.
    """
    if (out_dir / COMMIT_FILE).exists():
        LOGGER.info("%s: finishing the commit of an interrupted build", out_dir)
        move_staged(out_dir)
    else:
        shutil.rmtree(out_dir / STAGING_DIR, ignore_errors=True)
        shutil.rmtree(out_dir / TRASH_DIR, ignore_errors=True)


@contextlib.contextmanager
def directory_lock(out_dir: Path):
    """One build per directory at a time (a lock left by a dead build is taken over)."""
    from .lock import locked

    with locked(out_dir / LOCK_FILE, busy=f"{out_dir}: another build is writing this directory"):
        yield


def open_existing(out_dir: Path, *, store_url: str | None = None, **remote) -> GraphStore:
    """The store of an already built graph directory, opened for reading: `store_url` when
    given, else the store the directory records (a build with --store), else the embedded one."""
    reading = Path(out_dir)
    if not store_url:
        reading = settled(out_dir)  # first: state.json, which records the store, may be mid-commit
        store_url, recorded = recorded_store(out_dir)
        remote = {**recorded, **remote}
    if store_url:
        return open_store(out_dir, store_url=store_url, **remote)
    out_dir = reading
    if not (out_dir / "store").exists():
        raise StoreError(f"{out_dir}: no graph here (run 'partnergraph build -d {out_dir}' first)")
    return open_store(out_dir, read_only=True)


#: seconds a reader waits for a running build's commit (moving a few files: milliseconds) to end
COMMIT_WAIT_SECONDS = 10.0


def settled(out_dir: Path) -> Path:
    """Before reading `out_dir`: finishes or rolls back what an interrupted build left (as the
    next build would), and returns the folder whose store holds the consistent state.

    A running build is left alone: its staging area is not the directory's state until its
    commit, which is waited for. Where the reader may not write, nothing is changed and the
    committed state is read where it lies: after ``.commit``, the staged store if it has not
    been moved yet; before it, the previous store.
    """
    out_dir = Path(out_dir)
    if not any((out_dir / name).exists() for name in (COMMIT_FILE, STAGING_DIR, TRASH_DIR)):
        return out_dir
    from .lock import try_locked

    deadline = dt.datetime.now() + dt.timedelta(seconds=COMMIT_WAIT_SECONDS)
    while True:
        with try_locked(out_dir / LOCK_FILE) as mine:
            if mine is None:
                break  # a directory this process may only read
            if mine:
                try:
                    recover(out_dir)
                    return out_dir
                except OSError as exc:
                    LOGGER.info("%s: cannot finish an interrupted build here (%s); reading its last "
                                "consistent state", out_dir, exc.strerror or exc)
                    break
        if not (out_dir / COMMIT_FILE).exists() or dt.datetime.now() > deadline:
            break  # a build is running and has not begun its commit (or is stuck in it)
        import time

        time.sleep(0.05)
    if (out_dir / COMMIT_FILE).exists() and (out_dir / STAGING_DIR / STORE_DIRNAME).exists():
        return out_dir / STAGING_DIR
    return out_dir
