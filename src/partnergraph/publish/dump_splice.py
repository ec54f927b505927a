"""graph.ttl and graph.trig of a rebuild, spliced from the last build's files.

Assembling both files from the pieces (dumps.py) reads every piece twice and renders every
shared triple again: 30 s of a one-article rebuild at 10,000 articles on the loaded machine
(issue 16: `collect_shared` 10.5 s, `write_dumps` 19.7 s), although one article changed. So
the build that writes the two files also writes ``DIR/dumps-index.bin``: where in them each
graph's block, each article's and each shared subject's Turtle lies, and how many pieces
state each shared line. The next build reads only the pieces that changed, counts their
shared lines out and in, renders the shared subjects whose lines changed, and copies every
other byte range from the files it replaces. What it writes is what the full assembly writes
(tests/test_dump_splice.py, tests/test_viewer_rebuild.py), because every block is a function
of its own lines:

- graph.trig is one block per graph, in the order of the graph names;
- graph.ttl is the sorted shared lines rendered subject by subject (Oxigraph starts every
  subject on a line of its own, and continues it on lines that begin with a tab), around the
  articles' own blocks, as dumps.write_dumps lays them out.

The index (publish/dump_index.py, an SQLite file updated in place) is a cache: a missing,
damaged or foreign one (another layout, base, Python, or files that are not the ones it
describes) means the full assembly, which writes a new one. A splice edits each file in block
order: it copies the old bytes up to an edited block, writes the block's new bytes (none for a
block gone), and skips its old ones. Still linear: copying the bytes (in the kernel), comparing
the graph names' pieces, and summing the block sizes before each edited block (inside SQLite).
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import re
import sys
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from ..graphdir import DUMPS_INDEX_FILE, LEGACY_DUMPS_INDEX_FILE
from ..namespaces import PG_IRI
from .dump_index import TRIG, TTL, DumpIndex
from .dumps import VERSION as PIECE_VERSION
from .dump_tally import _empty_agg, _lines, _local_in, _pack, _packed_all, _shared_line, _tally, _unpack
from .dumps import DumpCache, Tally, _rendered, _turtle, ranges
from .export import atomic_file, output_prefixes, prefix_header, write_atomic

LOGGER = logging.getLogger(__name__)

#: layout of the index; a change makes every index unreadable (the full assembly runs)
VERSION = 2
#: bytes copied from the old file per read: large enough that copying 160 MB is a few hundred
#: system calls, small enough to bound the memory
COPY_CHUNK = 8 << 20


def _stamp(base: str) -> dict:
    return {"v": VERSION, "pieces": PIECE_VERSION, "base": base, "marshal": marshal.version,
            "python": list(sys.version_info[:2])}


def _signature(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def read_index(directory: Path, name: str, base: str, ttl: str, trig: str) -> DumpIndex | None:
    """The index in `directory` if it describes the files `ttl` and `trig` there and this layout;
    else None."""
    try:
        files = [_signature(directory / ttl), _signature(directory / trig)]
    except OSError:
        return None
    return DumpIndex.connect(directory / name, _stamp(base), files)


class _Out:
    """One output file: new bytes written, old byte ranges copied (adjacent ranges coalesced),
    and where each block lands."""

    def __init__(self, fh, old):
        self.fh, self.old = fh, old
        self.at = 0
        self._copy: list[int] | None = None  # [start, end] in the old file, not yet copied

    def write(self, data: bytes) -> tuple[int, int]:
        self._flush()
        self.fh.write(data)
        self.at += len(data)
        return self.at - len(data), len(data)

    def copy(self, span: tuple[int, int]) -> tuple[int, int]:
        start, size = span
        if self._copy is not None and self._copy[1] == start:
            self._copy[1] += size
        else:
            self._flush()
            self._copy = [start, start + size]
        self.at += size
        return self.at - size, size

    def _flush(self) -> None:
        if self._copy is None:
            return
        start, end = self._copy
        self._copy = None
        if hasattr(os, "copy_file_range"):
            # the kernel copies (no trip through Python's buffers): what is left of a 10,000-
            # article rebuild's dumps is mostly this copy
            self.fh.flush()
            try:
                while start < end:
                    done = os.copy_file_range(self.old.fileno(), self.fh.fileno(), end - start, start)
                    if not done:
                        raise ValueError("the previous dump is shorter than its index says")
                    start += done
                return
            except OSError:  # a file system or kernel without it: copy through Python
                pass
        self.old.seek(start)
        while start < end:
            chunk = self.old.read(min(COPY_CHUNK, end - start))
            if not chunk:
                raise ValueError("the previous dump is shorter than its index says")
            self.fh.write(chunk)
            start += len(chunk)

    def close(self) -> None:
        self._flush()


def _split_subjects(rendered: bytes) -> list[bytes]:
    """Rendered Turtle (no prefix lines) cut into one block per subject: a subject's first line
    is the one line of its block that does not begin with a tab."""
    starts = [m.start() for m in _SUBJECT_LINE.finditer(rendered)]
    return [rendered[s:e] for s, e in zip(starts, starts[1:] + [len(rendered)])]


_SUBJECT_LINE = re.compile(rb"^[^\t\n]", re.MULTILINE)


def _subject(line: bytes) -> bytes:
    return line.partition(b" ")[0]


def write_dumps(cache: DumpCache, pieces: dict[str, str], others: dict[str, list[ox.Quad]], *, base: str,
                ttl: Path, trig: Path) -> Tally:
    """Writes graph.ttl and graph.trig from the `pieces` of the article graphs and the quads of
    the `others`, and returns the completed tally. Nothing here reads the store: a build calls
    it while the store is still loading. Where the graph directory's index describes its
    current files, only the changed pieces are read and the rest is copied from those files
    (below); if that fails (a piece of the last build gone), everything is assembled
    from the pieces."""
    (cache.dir.parent / LEGACY_DUMPS_INDEX_FILE).unlink(missing_ok=True)  # the whole-file index before
    kwargs = dict(base=base, ttl=ttl, trig=trig, index_path=cache.dir.parent / DUMPS_INDEX_FILE, ranges=ranges(base))
    try:
        return write(cache, pieces, others, previous=cache.dir.parent, **kwargs)
    except (OSError, ValueError, KeyError) as exc:
        if not (cache.dir.parent / DUMPS_INDEX_FILE).exists():
            raise
        LOGGER.warning("%s: cannot splice the last dumps (%s); assembling them from the pieces", cache.dir, exc)
    return write(cache, pieces, others, previous=None, **kwargs)


def write(cache, pieces: dict[str, str], others: dict[str, list[ox.Quad]], *, base: str, ttl: Path,
          trig: Path, previous: Path | None, index_path: Path, ranges: tuple[bytes, bytes]):
    """Writes graph.ttl and graph.trig from the `pieces` and the `others`, splicing the files in
    `previous` where the index at `index_path` (in `previous`) describes them, and brings the
    index up to date; returns the Tally. Raises what reading a piece raises (OSError,
    ValueError, KeyError)."""
    old = read_index(previous, index_path.name, base, ttl.name, trig.name) if previous is not None else None
    old_pieces: dict[str, str] = old.pieces() if old else {}
    if old is not None and 2 * sum(old_pieces.get(g) != p for g, p in pieces.items()) > len(pieces):
        # splicing reads each replaced piece to count it out, and each new one to count it in:
        # beyond half the articles changed (new rules re-extract all), starting from nothing
        # reads fewer pieces
        old.close()
        old, old_pieces = None, {}
    try:
        return _write(cache, pieces, others, old, old_pieces, base=base, ttl=ttl, trig=trig, previous=previous,
                      index_path=index_path, ranges=ranges)
    finally:
        if old is not None:
            old.conn.close()


def _write(cache, pieces, others, old: DumpIndex | None, old_pieces: dict[str, str], *, base, ttl, trig, previous,
           index_path, ranges):
    prefixes = output_prefixes(base)
    header = prefix_header(prefixes)
    meta = dict(old.meta) if old else {"agg": _empty_agg(), "shared_agg": _empty_agg(), "local_quads": 0,
                                       "other_lines": {}, "other_digest": {}}
    agg, shared_agg = meta["agg"], meta["shared_agg"]
    base_prefix = f"<{base}".encode()
    touched: dict[bytes, dict[bytes, int]] = {}  # the subjects counted in or out, unpacked
    changed_subjects: set[bytes] = set()
    graph_rows: dict[str, tuple | None] = {}

    def count(lines: Iterable[bytes], step: int) -> None:
        for line in lines:
            s = _subject(line)
            per = touched.get(s)
            if per is None:
                per = touched[s] = _unpack(old.counts(s) if old else None)
            n = per.get(line, 0) + step
            if n > 0:
                per[line] = n
                if n == 1 and step > 0:  # a line the dump did not hold
                    if not (len(per) - 1) and s.startswith(base_prefix):
                        shared_agg["entities"] += 1
                    _shared_line(shared_agg, line, 1)
                    changed_subjects.add(s)
            elif line in per:  # the last piece stating it is gone
                del per[line]
                _shared_line(shared_agg, line, -1)
                if not per and s.startswith(base_prefix):
                    shared_agg["entities"] -= 1
                changed_subjects.add(s)

    # the pieces no longer used (replaced or removed), counted out
    for g, piece in old_pieces.items():
        if pieces.get(g) != piece:
            _, (shared_nt,) = cache.read(piece, "shared_nt")
            count(shared_nt.splitlines(keepends=True), -1)
            quads, part = old.local(g)
            meta["local_quads"] -= quads
            _local_in(agg, part, -1)
            graph_rows[g] = None
    # the new ones counted in; their article blocks read now (small), the rest while writing.
    # Assembling from nothing, all lines go through a Counter first (counted in C): line by
    # line in Python made the full assembly of 10,000 articles twice as slow (measured)
    everything = Counter() if old is None else None
    new_articles: dict[str, bytes] = {}
    for g in sorted(pieces):
        piece = pieces[g]
        if old_pieces.get(g) == piece:
            continue
        head, (shared_nt, article_ttl) = cache.read(piece, "shared_nt", "article_ttl")
        if everything is not None:
            everything.update(shared_nt.splitlines(keepends=True))
        else:
            count(shared_nt.splitlines(keepends=True), 1)
        new_articles[g] = article_ttl
        graph_rows[g] = (piece, [head["quads"], head["local"]])
        meta["local_quads"] += head["quads"]
        _local_in(agg, head["local"])
    # the build's own graphs (vocabulary, analytics): their lines are shared lines too
    other_lines: dict[str, list[bytes]] = {}
    other_digest: dict[str, str] = {}
    for g, quads in others.items():
        lines = sorted(ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES)
                       .splitlines(keepends=True)) if quads else []
        if any(line.startswith(ranges) for line in lines):
            raise ValueError("a graph besides the articles' describes an article or a mention")
        # its TriG block is a function of its quads, repetitions and all (what the digest sees)
        other_digest[g] = hashlib.sha256(b"".join(lines)).hexdigest()
        other_lines[g] = sorted(set(lines))
    old_digest = meta["other_digest"]
    if everything is not None:
        for lines in other_lines.values():
            everything.update(lines)
        count_rows, shared_agg = _packed_all(everything, base_prefix)
        meta["shared_agg"] = shared_agg
        render = sorted(count_rows)
    else:
        old_others = meta["other_lines"]
        for g in set(old_others) | set(other_lines):
            before, after = set(old_others.get(g, ())), set(other_lines.get(g, ()))
            count(sorted(before - after), -1)
            count(sorted(after - before), 1)
        count_rows = {s: (_pack(per) if per else None) for s, per in touched.items()}
        render = sorted(s for s in changed_subjects if touched[s])
    meta["other_lines"], meta["other_digest"] = other_lines, other_digest
    rendered: dict[bytes, bytes] = {}
    if render:
        blocks = _split_subjects(_rendered([line for s in render for line in _lines(count_rows[s])], prefixes))
        if len(blocks) != len(render):  # not the layout this module knows: no index
            return _without_index(cache, pieces, others, base=base, ttl=ttl, trig=trig, index=index_path,
                                  ranges=ranges)
        rendered = dict(zip(render, blocks))
    # the edits of each file, by block key (dump_index.py): new bytes, None for a block gone,
    # or what to read (an article's mention block and TriG block) or render (another graph)
    ttl_edits: dict[bytes, object] = {}
    trig_edits: dict[bytes, object] = {}
    for s, rows in count_rows.items():
        if rows is None or s in rendered:  # only a count changed: the block stays as it was
            ttl_edits[bytes([0 if s < ranges[0] else 2 if s < ranges[1] else 4]) + s] = rendered.get(s)
    for g in new_articles:
        ttl_edits[b"\x01" + g.encode()] = new_articles[g]
        ttl_edits[b"\x03" + g.encode()] = trig_edits[g.encode()] = ("piece", g)
    for g in old_pieces:
        if g not in pieces:
            ttl_edits[b"\x01" + g.encode()] = ttl_edits[b"\x03" + g.encode()] = trig_edits[g.encode()] = None
    for g in others:
        if old_digest.get(g) != other_digest[g]:
            trig_edits[g.encode()] = ("other", g)
    for g in old_digest:
        if g not in others:
            trig_edits[g.encode()] = None
    block_rows: dict[tuple[int, bytes], int | None] = {}
    old_files = (previous / ttl.name, previous / trig.name) if old else None
    ttl_keys, trig_keys = sorted(ttl_edits), sorted(trig_edits)
    with _opened(old_files) as (old_ttl, old_trig), atomic_file(ttl) as fh_ttl, atomic_file(trig) as fh_trig:
        out, out_trig = _Out(fh_ttl, old_ttl), _Out(fh_trig, old_trig)
        out.write(header)
        out_trig.write(header)
        sizes = meta["files"] if old else [[0], [0]]
        ed = _Editor(out, old, TTL, ttl_keys, len(header), sizes[0][0], block_rows)
        ed_trig = _Editor(out_trig, old, TRIG, trig_keys, len(header), sizes[1][0], block_rows)
        pending: dict[str, bytes] = {}
        next_trig = 0

        def trig_upto(last: bytes | None) -> None:
            nonlocal next_trig
            while next_trig < len(trig_keys) and (last is None or trig_keys[next_trig] <= last):
                key = trig_keys[next_trig]
                next_trig += 1
                value = trig_edits[key]
                if isinstance(value, tuple):
                    value = pending.pop(value[1]) if value[0] == "piece" else _other_block(others[value[1]],
                                                                                        value[1], prefixes)
                ed_trig.put(key, value)

        for key in ttl_keys:  # graph.ttl in order; graph.trig along with the mention blocks
            value = ttl_edits[key]
            if isinstance(value, tuple):
                g = value[1]
                _, (value, pending[g]) = cache.read(pieces[g], "mention_ttl", "trig")
            ed.put(key, value)
            if key[:1] == b"\x03":
                trig_upto(key[1:])
        trig_upto(None)
        ed.finish()
        ed_trig.finish()
        out.close()
        out_trig.close()
    tally = _tally(meta["local_quads"], agg, shared_agg, others)
    meta["stamp"], meta["files"] = _stamp(base), [_signature(ttl), _signature(trig)]
    index = old if old is not None else DumpIndex.create(index_path)
    try:
        index.save(meta, graph_rows, count_rows, block_rows)
    except BaseException:
        index.discard()
        raise
    index.close()
    return tally


def _other_block(quads: list[ox.Quad], g: str, prefixes) -> bytes:
    """The TriG block of one of the build's own graphs."""
    quads = sorted(quads, key=lambda q: str(q.triple))
    return _turtle([ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(g)) for q in quads], prefixes,
                   ox.RdfFormat.TRIG)


class _Editor:
    """The edits of one file, applied in key order: the old bytes up to each edited block are
    copied, its new bytes written (or none, for a block gone), its old bytes skipped. Where the
    edited blocks lay is asked of the index for those blocks only."""

    def __init__(self, out: _Out, index: DumpIndex | None, f: int, keys: list[bytes], header: int, old_size: int,
                 rows: dict):
        self.out, self.f, self.rows, self.old_size = out, f, rows, old_size
        self.cursor = header
        self.where: dict[bytes, tuple[int, int]] = {}
        if index is None:
            return
        sizes = index.sizes(f, keys)
        after = {k: index.successor(f, k) for k in keys if k not in sizes}
        starts = index.starts(f, set(sizes) | {k for k in after.values() if k is not None})
        for k in keys:
            if k in sizes:
                self.where[k] = (header + starts[k], sizes[k])
            else:  # a new block: where the next old block starts
                nxt = after[k]
                self.where[k] = (header + starts[nxt] if nxt is not None else old_size, 0)

    def put(self, key: bytes, data: bytes | None) -> None:
        at = self.where.get(key)
        if at is not None:
            start, size = at
            if start > self.cursor:
                self.out.copy((self.cursor, start - self.cursor))
            self.cursor = max(self.cursor, start + size)
        if data is not None:
            self.out.write(data)
        self.rows[(self.f, key)] = None if data is None else len(data)

    def finish(self) -> None:
        if self.out.old is not None and self.old_size > self.cursor:
            self.out.copy((self.cursor, self.old_size - self.cursor))


class _opened:
    """The previous files opened for copying, or (None, None)."""

    def __init__(self, paths):
        self.paths, self.files = paths, []

    def __enter__(self):
        if self.paths is None:
            return None, None
        self.files = [open(p, "rb") for p in self.paths]
        return tuple(self.files)

    def __exit__(self, *exc):
        for f in self.files:
            f.close()
        return False


def _without_index(cache, pieces, others, *, base, ttl, trig, index, ranges):
    """The full assembly (dumps.write_dumps' layout) when the shared subjects cannot be cut
    apart: the index then records only that (the next build assembles all again)."""
    from .dumps import add_graph, collect_shared, write_dumps_full

    merged = collect_shared(cache, pieces)
    for quads in others.values():
        add_graph(merged, quads, base=base)
    tally = write_dumps_full(cache, pieces, others, merged, base=base, ttl=ttl, trig=trig)
    index.unlink(missing_ok=True)
    return tally
