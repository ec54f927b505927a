"""Results of whole-graph computations kept between builds, under a digest of their input.

A one-article rebuild seldom changes the partnership network or the shape of a connected
component of the viewer's network, yet recomputing them cost a 10,000-article rebuild ~1 s
for the network analysis (igraph's betweenness and Leiden) and ~1.7 s for the spring layout of
its largest component (issue 16). The callers compute a digest of exactly what their result
depends on and ask here first; the result is the same bytes as a computation, because the
computation is a function of that input alone (both are seeded).

``DIR/build-memo.sqlite``: one row per (kind, digest). Rows are written in place: a row is a
function of its digest, so a failed build leaves at worst unused rows, which the next build's
`Memo.close` removes (it keeps the rows that build used). A damaged or unreadable file costs
the computations, never a result: every failure reads as "not known".
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from pathlib import Path

from .cachedb import open_cache
from .graphdir import MEMO_FILE

LOGGER = logging.getLogger(__name__)

#: layout of the rows: a change empties the file
VERSION = 1


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Memo:
    """The memo of one graph directory for one build: `get` and `put` results; `close` drops
    every row this build did not use."""

    def __init__(self, directory: Path, *, version: str = ""):
        self.path = Path(directory) / MEMO_FILE
        #: what else the rows depend on (the digest of every module, state.code_digest): another
        #: value empties the file
        self.version = f"{VERSION}|{version}"
        self.used: set[tuple[str, str]] = set()
        self.db: sqlite3.Connection | None = None
        self.broken = False

    def _connect(self) -> sqlite3.Connection | None:
        if self.db is not None or self.broken:
            return self.db
        self.db = open_cache(self.path, {"memo": "kind TEXT NOT NULL, key TEXT NOT NULL, data BLOB NOT NULL, "
                                                 "PRIMARY KEY (kind, key)"},
                             {"version": self.version},
                             lambda exc, _again: LOGGER.warning("%s: %s; computing everything again", self.path, exc))
        self.broken = self.db is None
        return self.db

    def get(self, kind: str, key: str) -> bytes | None:
        self.used.add((kind, key))
        db = self._connect()
        if db is None:
            return None
        try:
            row = db.execute("SELECT data FROM memo WHERE kind = ? AND key = ?", (kind, key)).fetchone()
        except sqlite3.Error as exc:
            LOGGER.warning("%s: %s; computing again", self.path, exc)
            return None
        return row[0] if row else None

    def put(self, kind: str, key: str, data: bytes) -> None:
        self.used.add((kind, key))
        db = self._connect()
        if db is None:
            return
        try:
            db.execute("INSERT OR REPLACE INTO memo VALUES (?, ?, ?)", (kind, key, data))
        except sqlite3.Error as exc:  # the next build computes it again
            LOGGER.warning("%s: %s; not kept", self.path, exc)

    def close(self, *, collect: bool = False) -> None:
        """With `collect`, first drops every row of a kind this build used other than the rows
        it used (the last build's layout of a component that changed)."""
        db, self.db = self.db, None
        if db is None:
            return
        try:
            if collect and self.used:
                db.execute("BEGIN")
                db.execute("CREATE TEMP TABLE used (kind TEXT, key TEXT, PRIMARY KEY (kind, key))")
                db.executemany("INSERT OR IGNORE INTO used VALUES (?, ?)", sorted(self.used))
                db.execute("DELETE FROM memo WHERE kind IN (SELECT kind FROM used) "
                           "AND (kind, key) NOT IN (SELECT kind, key FROM used)")
                db.execute("COMMIT")
        except sqlite3.Error as exc:
            LOGGER.warning("%s: %s; unused results are kept", self.path, exc)
        finally:
            db.close()
