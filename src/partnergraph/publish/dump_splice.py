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

The index is a cache: a missing, damaged or foreign one (another layout, base, Python, or
files that are not the ones it describes) means the full assembly, which writes a new one.
Still linear: copying the bytes, and reading and writing the index (the shared lines' counts).
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

from ..graphdir import DUMPS_INDEX_FILE
from ..namespaces import PG_IRI
from .dumps import VERSION as PIECE_VERSION
from .dumps import _MENTIONS_TERM, _RDF_TYPE_TERM, EXAMPLE_CLASSES, DumpCache, Tally, _rendered, _turtle, count_line, ranges
from .export import atomic_file, output_prefixes, prefix_header, write_atomic

LOGGER = logging.getLogger(__name__)

#: layout of the index; a change makes every index unreadable (the full assembly runs)
VERSION = 1
#: bytes copied from the old file per read: large enough that copying 160 MB is a few hundred
#: system calls, small enough to bound the memory
COPY_CHUNK = 8 << 20


def _stamp(base: str) -> dict:
    return {"v": VERSION, "pieces": PIECE_VERSION, "base": base, "marshal": marshal.version,
            "python": list(sys.version_info[:2])}


def _signature(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def read_index(directory: Path, name: str, base: str, ttl: str, trig: str) -> dict | None:
    """The index beside the committed files, if it describes them and this layout; else None."""
    try:
        data = marshal.loads((directory / name).read_bytes())
        if not isinstance(data, dict) or data.get("stamp") != _stamp(base):
            return None
        if data["files"] != [_signature(directory / ttl), _signature(directory / trig)]:
            return None  # the files were replaced by something else (export, a hand, a copy)
        return data
    except (OSError, ValueError, EOFError, TypeError, KeyError):
        return None


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
    kwargs = dict(base=base, ttl=ttl, trig=trig, index_name=DUMPS_INDEX_FILE, ranges=ranges(base))
    try:
        return write(cache, pieces, others, previous=cache.dir.parent, **kwargs)
    except (OSError, ValueError, KeyError) as exc:
        if not (cache.dir.parent / DUMPS_INDEX_FILE).exists():
            raise
        LOGGER.warning("%s: cannot splice the last dumps (%s); assembling them from the pieces", cache.dir, exc)
    return write(cache, pieces, others, previous=None, **kwargs)


def write(cache, pieces: dict[str, str], others: dict[str, list[ox.Quad]], *, base: str, ttl: Path,
          trig: Path, previous: Path | None, index_name: str, ranges: tuple[bytes, bytes]):
    """Writes graph.ttl and graph.trig (and the index beside them) from the `pieces` and the
    `others`, splicing the files in `previous` where its index describes them; returns the
    Tally. Raises what reading a piece raises (OSError, ValueError, KeyError)."""
    old = read_index(previous, index_name, base, ttl.name, trig.name) if previous is not None else None
    if old is not None and 2 * sum(old["pieces"].get(g) != p for g, p in pieces.items()) > len(pieces):
        # splicing reads each replaced piece to count it out, and each new one to count it in:
        # beyond half the articles changed (new rules re-extract all), starting from nothing
        # reads fewer pieces
        old = None
    prefixes = output_prefixes(base)
    header = prefix_header(prefixes)
    old_pieces: dict[str, str] = old["pieces"] if old else {}
    #: subject → its shared lines (joined, sorted) and how many pieces state each: packed, as
    #: one bytes object per subject, because the index is read and written whole every build
    packed: dict[bytes, tuple[bytes, list[int]]] = old["counts"] if old else {}
    local: dict[str, list] = old["local"] if old else {}
    agg = old["agg"] if old else _empty_agg()
    shared_agg = old["shared_agg"] if old else _empty_agg()
    base_prefix = f"<{base}".encode()
    touched: dict[bytes, dict[bytes, int]] = {}  # the subjects counted in or out, unpacked
    changed_subjects: set[bytes] = set()

    def count(lines: Iterable[bytes], step: int) -> None:
        for line in lines:
            s = _subject(line)
            per = touched.get(s)
            if per is None:
                per = touched[s] = _unpack(packed.get(s))
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
            _local_out(agg, local.pop(piece))
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
        local[piece] = [head["quads"], head["local"]]
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
    if everything is not None:
        for lines in other_lines.values():
            everything.update(lines)
        packed, shared_agg = _packed_all(everything, base_prefix)
        changed_subjects = set(packed)
    else:
        old_others = old["other_lines"]
        for g in set(old_others) | set(other_lines):
            before, after = set(old_others.get(g, ())), set(other_lines.get(g, ()))
            count(sorted(before - after), -1)
            count(sorted(after - before), 1)
        for subject, per in touched.items():
            if per:
                packed[subject] = _pack(per)
            else:
                packed.pop(subject, None)
    subjects = sorted(packed)
    old_subjects: dict[bytes, tuple[int, int]] = old["subjects"] if old else {}
    render = [s for s in subjects if s in changed_subjects or s not in old_subjects]
    rendered: dict[bytes, bytes] = {}
    if render:
        blocks = _split_subjects(_rendered([line for s in render for line in _lines(packed[s])], prefixes))
        if len(blocks) != len(render):  # not the layout this module knows: no index
            return _without_index(cache, pieces, others, base=base, ttl=ttl, trig=trig,
                                  index=ttl.parent / index_name, ranges=ranges)
        rendered = dict(zip(render, blocks))
    order = sorted(pieces)
    i, j = (bisect_left(subjects, r) for r in ranges)
    index: dict = {"stamp": _stamp(base), "pieces": dict(pieces), "counts": packed, "local": local, "agg": agg,
                   "shared_agg": shared_agg,
                   "other_lines": other_lines, "other_digest": other_digest}
    old_files = (previous / ttl.name, previous / trig.name) if old else None
    with _opened(old_files) as (old_ttl, old_trig), atomic_file(ttl) as fh_ttl, atomic_file(trig) as fh_trig:
        out, out_trig = _Out(fh_ttl, old_ttl), _Out(fh_trig, old_trig)
        out.write(header)
        out_trig.write(header)
        spans: dict[bytes, tuple[int, int]] = {}
        art: dict[str, tuple[int, int]] = {}
        men: dict[str, tuple[int, int]] = {}
        blocks_at: dict[str, tuple[int, int]] = {}
        old_digest = old["other_digest"] if old else {}

        def shared(part: list[bytes]) -> None:
            for s in part:
                spans[s] = out.write(rendered[s]) if s in rendered else out.copy(old_subjects[s])

        def other(g: str) -> None:
            if old_digest.get(g) == other_digest[g] and g in old["trig"]:
                blocks_at[g] = out_trig.copy(old["trig"][g])
                return
            quads = sorted(others[g], key=lambda q: str(q.triple))
            blocks_at[g] = out_trig.write(_turtle([ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(g))
                                                   for q in quads], prefixes, ox.RdfFormat.TRIG))

        shared(subjects[:i])
        for g in order:
            art[g] = out.write(new_articles[g]) if g in new_articles else out.copy(old["article"][g])
        shared(subjects[i:j])
        rest = sorted(others)
        for g in order:  # the graphs in name order: the others merged in among the articles'
            while rest and rest[0] < g:
                other(rest.pop(0))
            if g in new_articles:
                _, (mention_ttl, block) = cache.read(pieces[g], "mention_ttl", "trig")
                men[g], blocks_at[g] = out.write(mention_ttl), out_trig.write(block)
            else:
                men[g], blocks_at[g] = out.copy(old["mention"][g]), out_trig.copy(old["trig"][g])
        for g in rest:
            other(g)
        shared(subjects[j:])
        out.close()
        out_trig.close()
        index.update(subjects=spans, article=art, mention=men, trig=blocks_at)
    tally = _tally(local, agg, shared_agg, others)
    index["files"] = [_signature(ttl), _signature(trig)]
    write_atomic(ttl.parent / index_name, marshal.dumps(index))
    return tally


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


def _tally(local: dict, agg: dict, shared_agg: dict, others: dict):
    """The tally of the whole dump: what `Tally.merge` sums over the pieces' local parts, plus
    what `Tally.add` counts over the distinct shared lines, both kept up to date line by line."""
    tally = Tally()
    tally.quads = sum(q for q, _ in local.values()) + sum(len(quads) for quads in others.values())
    tally.triples = agg["triples"] + shared_agg["triples"]
    tally.entities = agg["entities"] + shared_agg["entities"]
    for key in ("classes", "mentioned"):
        into = getattr(tally, key)
        for part in (agg[key], shared_agg[key]):
            for x, n in part.items():
                into[x] = into.get(x, 0) + n
    tally.predicates = set(agg["predicates"]) | set(shared_agg["predicates"])
    tally.types = set(agg["types"]) | set(shared_agg["types"])
    tally.members = {cls: set(members) for cls, members in shared_agg["members"].items() if members}
    return tally


def _empty_agg() -> dict:
    return {"triples": 0, "entities": 0, "classes": {}, "predicates": {}, "types": {}, "mentioned": {},
            "members": {}}


def _bump(into: dict, key, step: int) -> None:
    n = into.get(key, 0) + step
    if n:
        into[key] = n
    else:
        del into[key]


def _shared_line(agg: dict, line: bytes, step: int) -> None:
    """What one distinct shared line adds to `Tally.add`'s counts (step 1) or took (step -1);
    sets are kept as counts of the lines holding each member."""
    subject, predicate, obj = line.split(b" ", 2)
    agg["triples"] += step
    _bump(agg["predicates"], predicate[1:-1].decode(), step)
    if predicate == _RDF_TYPE_TERM and obj.startswith(b"<"):
        cls = obj[1:obj.index(b">")].decode()
        _bump(agg["types"], cls, step)
        if cls.startswith(PG_IRI):
            name = cls[len(PG_IRI):]
            _bump(agg["classes"], name, step)
            if name in EXAMPLE_CLASSES:
                members = agg["members"].setdefault(name, set())
                (members.add if step > 0 else members.discard)(subject[1:-1].decode())
    elif predicate == _MENTIONS_TERM and obj.startswith(b"<"):
        _bump(agg["mentioned"], obj[1:obj.index(b">")].decode(), step)


def _packed_all(counts: Counter, base_prefix: bytes) -> tuple[dict, dict]:
    """`packed` and the shared lines' `_shared_line` counts of all distinct lines at once: one
    loop that calls out only for type and mention lines (`count_line`, shared with `Tally.add`,
    which it replaces here)."""
    lines = sorted(counts)
    packed: dict[bytes, tuple[bytes, list[int]]] = {}
    agg = _empty_agg()
    predicates: dict[bytes, int] = {}
    types, classes, mentioned, members = agg["types"], agg["classes"], agg["mentioned"], agg["members"]
    entities = 0
    run_subject, run = None, []
    for line in lines:
        subject, predicate, obj = line.split(b" ", 2)
        if subject != run_subject:
            if run:
                packed[run_subject] = (b"".join(run), [counts[x] for x in run])
            run_subject, run = subject, []
            if subject.startswith(base_prefix):
                entities += 1
        run.append(line)
        predicates[predicate] = predicates.get(predicate, 0) + 1
        if predicate == _RDF_TYPE_TERM or predicate == _MENTIONS_TERM:  # the few lines count_line counts
            cls = count_line(subject, predicate, obj, classes, members, mentioned)
            if cls is not None:
                types[cls] = types.get(cls, 0) + 1
    if run:
        packed[run_subject] = (b"".join(run), [counts[x] for x in run])
    agg["triples"], agg["entities"] = len(lines), entities
    agg["predicates"] = {p[1:-1].decode(): n for p, n in predicates.items()}
    return packed, agg


def _pack(per: dict[bytes, int]) -> tuple[bytes, list[int]]:
    lines = sorted(per)
    return b"".join(lines), [per[line] for line in lines]


def _unpack(entry: tuple[bytes, list[int]] | None) -> dict[bytes, int]:
    return dict(zip(_lines(entry), entry[1])) if entry else {}


def _lines(entry: tuple[bytes, list[int]]) -> list[bytes]:
    return entry[0].splitlines(keepends=True)


def _local_in(agg: dict, part: dict, step: int = 1) -> None:
    """Adds (or with step -1 takes out) one piece's local tally: what `Tally.merge` sums, with
    the sets kept as counts of the pieces that hold each member."""
    agg["triples"] += step * part["triples"]
    agg["entities"] += step * part["entities"]
    for key, values in (("classes", part["classes"]), ("mentioned", part.get("mentioned", {}))):
        into = agg[key]
        for x, n in values.items():
            m = into.get(x, 0) + step * n
            if m:
                into[x] = m
            else:
                del into[x]
    for key in ("predicates", "types"):
        into = agg[key]
        for x in part[key]:
            m = into.get(x, 0) + step
            if m:
                into[x] = m
            else:
                del into[x]


def _local_out(agg: dict, entry: list) -> None:
    _local_in(agg, entry[1], -1)


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
