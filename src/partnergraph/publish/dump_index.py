"""The dumps index (publish/dump_splice.py) as an SQLite file updated in place.

The index used to be one marshalled object, read and written whole by every rebuild: 77 MB at
10,000 articles, most of the 2.5 s a one-article rebuild waited for its dumps (issue 16). Here
every part a rebuild may need is a row, looked up by key, and only the rows of what changed are
rewritten:

- ``counts``: per shared subject its sorted N-Triples lines and how many pieces state each;
- ``graphs``: per article graph its piece and the piece's local tally;
- ``blocks``: per file (0 graph.ttl, 1 graph.trig) and block key its size in bytes. A block's
  offset is the header plus the sizes of the blocks before it (the keys sort as the blocks lie
  in the file), so an edit does not move the rows after it; the offsets of the few edited
  blocks are summed by SQLite in one pass (`starts`);
- ``meta``: the small whole-graph parts (stamp, file signatures, aggregate tallies, the lines
  of the build's own graphs).

It lives in the graph directory itself (not in the staging area): it records the signatures of
the files it describes, and a commit moves those files into place with their inode and mtime,
so an interrupted build leaves an index that describes no file (the next build assembles all).
"""

from __future__ import annotations

import marshal
import os
import sqlite3
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS graphs (g TEXT PRIMARY KEY, piece TEXT NOT NULL, local BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS counts (s BLOB PRIMARY KEY, lines BLOB NOT NULL, n BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS blocks (f INTEGER, k BLOB, size INTEGER NOT NULL, PRIMARY KEY (f, k)) WITHOUT ROWID;
"""
META = ("stamp", "files", "agg", "shared_agg", "other_lines", "other_digest", "local_quads")
TTL, TRIG = 0, 1


class DumpIndex:
    """An open index; `connect` for the one that describes the files, `create` for a new one."""

    def __init__(self, conn: sqlite3.Connection, meta: dict):
        self.conn, self.meta = conn, meta

    @classmethod
    def connect(cls, path: Path, stamp: dict, files: list) -> DumpIndex | None:
        """The index at `path` if it has this `stamp` and describes `files` (their signatures)."""
        if not path.is_file():
            return None
        conn = None
        try:
            conn = sqlite3.connect(path, isolation_level=None)
            meta = {k: marshal.loads(v) for k, v in conn.execute("SELECT k, v FROM meta")}
            if meta.get("stamp") != stamp or meta.get("files") != files or set(meta) != set(META):
                conn.close()
                return None
            return cls(conn, meta)
        except (sqlite3.Error, ValueError, EOFError, TypeError):
            if conn is not None:
                conn.close()
            return None

    @classmethod
    def create(cls, path: Path) -> DumpIndex:
        """A new, empty index written beside `path` (moved over it by `close`)."""
        tmp = path.with_name(f".{path.name}.new")
        tmp.unlink(missing_ok=True)
        conn = sqlite3.connect(tmp, isolation_level=None)
        conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        index = cls(conn, {})
        index.new_path = (tmp, path)
        return index

    def pieces(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT g, piece FROM graphs"))

    def local(self, g: str) -> list:
        row = self.conn.execute("SELECT local FROM graphs WHERE g = ?", (g,)).fetchone()
        if row is None:
            raise KeyError(g)
        return marshal.loads(row[0])

    def counts(self, subject: bytes) -> tuple[bytes, list[int]] | None:
        row = self.conn.execute("SELECT lines, n FROM counts WHERE s = ?", (subject,)).fetchone()
        return (row[0], marshal.loads(row[1])) if row else None

    def sizes(self, f: int, keys) -> dict[bytes, int]:
        """The sizes of those of `keys` that are blocks of file `f`."""
        out = {}
        for k in keys:
            row = self.conn.execute("SELECT size FROM blocks WHERE f = ? AND k = ?", (f, k)).fetchone()
            if row:
                out[k] = row[0]
        return out

    def successor(self, f: int, key: bytes) -> bytes | None:
        row = self.conn.execute("SELECT k FROM blocks WHERE f = ? AND k > ? ORDER BY k LIMIT 1", (f, key)).fetchone()
        return row[0] if row else None

    def starts(self, f: int, keys: set[bytes]) -> dict[bytes, int]:
        """Where each of `keys` starts after the header: the sum of the sizes before it. One
        pass over the file's rows inside SQLite (no row reaches Python but the wanted ones)."""
        if not keys:
            return {}
        self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (k BLOB PRIMARY KEY)")
        self.conn.execute("DELETE FROM wanted")
        self.conn.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", [(k,) for k in keys])
        rows = self.conn.execute(
            "SELECT k, start FROM (SELECT k, SUM(size) OVER (ORDER BY k ROWS UNBOUNDED PRECEDING) - size AS start "
            "FROM blocks WHERE f = ?) WHERE k IN (SELECT k FROM wanted)", (f,))
        return dict(rows)

    def save(self, meta: dict, graphs: dict[str, tuple[str, list] | None], counts: dict[bytes, tuple | None],
             blocks: dict[tuple[int, bytes], int | None]) -> None:
        """Writes the changed rows (None: the row is gone) and the meta data in one transaction."""
        c = self.conn
        c.execute("BEGIN")
        try:
            c.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [(k, marshal.dumps(meta[k])) for k in META])
            c.executemany("DELETE FROM graphs WHERE g = ?", [(g,) for g, v in graphs.items() if v is None])
            c.executemany("INSERT OR REPLACE INTO graphs VALUES (?, ?, ?)",
                          [(g, v[0], marshal.dumps(v[1])) for g, v in graphs.items() if v is not None])
            c.executemany("DELETE FROM counts WHERE s = ?", [(s,) for s, v in counts.items() if v is None])
            c.executemany("INSERT OR REPLACE INTO counts VALUES (?, ?, ?)",
                          [(s, v[0], marshal.dumps(v[1])) for s, v in counts.items() if v is not None])
            c.executemany("DELETE FROM blocks WHERE f = ? AND k = ?", [fk for fk, v in blocks.items() if v is None])
            c.executemany("INSERT OR REPLACE INTO blocks VALUES (?, ?, ?)",
                          [(f, k, v) for (f, k), v in blocks.items() if v is not None])
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.conn.close()
        new = getattr(self, "new_path", None)
        if new is not None:
            os.replace(*new)

    def discard(self) -> None:
        self.conn.close()
        new = getattr(self, "new_path", None)
        if new is not None:
            new[0].unlink(missing_ok=True)
