"""The SQLite files a graph directory keeps as caches between builds (``viewer-facts.sqlite``,
``build-memo.sqlite``): opened one way, so a damaged, foreign or outdated file is handled alike.

A cache may be lost, never trusted when it is wrong: a file written by another layout or code
(its `stamp` differs) is emptied, a file SQLite cannot read is removed and made anew once, and
when even that fails the caller computes without it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path


def open_cache(path: Path, tables: dict[str, str], stamp: dict[str, str],
               warn: Callable[[sqlite3.Error, bool], None]) -> sqlite3.Connection | None:
    """The cache at `path` with `tables` (name → column definitions, ending in " WITHOUT ROWID"
    for a table stored in its primary key's order), its rows dropped unless it
    was written under `stamp`; None if it cannot be opened. `warn(error, again)` hears of every
    failure: `again` when the file was removed to be made anew."""
    for attempt in range(2):
        db = None
        try:
            db = sqlite3.connect(path, isolation_level=None)
            # a cache: an operating-system crash may damage it (then its contents are computed
            # again), a crashed build cannot; a synced commit took 0.57 s under load (issue 16)
            db.execute("PRAGMA synchronous = OFF")
            db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            for name, columns in tables.items():
                # "... WITHOUT ROWID" at the end of the columns: a table kept in its key's order
                columns, rowid, options = columns.partition(" WITHOUT ROWID")
                db.execute(f"CREATE TABLE IF NOT EXISTS {name} ({columns}){rowid}{options}")
            if dict(db.execute("SELECT key, value FROM meta")) != stamp:
                db.execute("BEGIN")
                for name in tables:
                    db.execute(f"DELETE FROM {name}")
                db.execute("DELETE FROM meta")
                db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(stamp.items()))
                db.execute("COMMIT")
            return db
        except sqlite3.Error as exc:
            if db is not None:
                db.close()
            warn(exc, not attempt)
            if attempt:
                return None
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
    return None
