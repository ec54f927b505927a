"""The viewer's network kept joined between builds, ``DIR/viewer-join.sqlite``, so that a
rebuild after a few changed articles joins only what they changed (issue 16: joining the facts
of every graph, `load._join`, was the largest part of a one-article rebuild that grew with the
corpus).

The file holds (one transaction per build, so it always describes one set of graphs):

- ``graphs``: graph → dump piece, the graphs (and the vocabulary graph) whose facts it holds;
- ``rows``: every distinct fact row of those graphs (join_rows.py) with the number of graphs'
  rows it stands for, by subject and by the record it points to;
- ``recs``: the records of `RawData` (entities, articles, partnerships), one row each.

A build compares ``graphs`` with its own: for each graph added, removed or changed the old
facts' rows are taken away and the new ones added, by count; a row that appears or disappears
makes its subject's record (and the records that read it) be made again from the rows
(join_rows.py), and only those are written. The page is then made from all records, read in
one pass. When the file is missing, damaged or describes graphs whose facts are gone, or when
too many graphs changed, the build joins everything (`load.load_facts`) and writes the file
anew; a problem costs time, never correctness, and is told in one warning line.
"""

from __future__ import annotations

import json
import logging
import marshal
import sqlite3
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from ..cachedb import open_cache
from ..graphdir import JOIN_FILE
from . import join_rows as jr
from .records import ArticleRecord, Entity, PartnershipRecord, RawData

LOGGER = logging.getLogger(__name__)

#: layout of the file: a change empties it
VERSION = 1
#: the graph name under which the vocabulary graph's facts are kept
VOCABULARY = "urn:partnergraph:vocabulary-facts"
#: a delta pays while it touches few graphs: per changed graph it reads and writes rows one by
#: one (about 1 ms per graph measured at 10,000 articles) where the full join costs about
#: 0.1 ms per graph; beyond a twentieth of the graphs the full join is taken (an estimate from
#: those two figures, with room for the records a change makes again)
DELTA_SHARE = 0.05
#: ... but a few graphs always go by delta (a small corpus)
DELTA_MIN = 50

_TABLES = {
    "graphs": "graph TEXT PRIMARY KEY, piece TEXT NOT NULL",
    # a subject's distinct rows, each with its count: one row per subject (an article's rows,
    # a partnership's evidence from every article), where a row per fact made the file 360 MB
    # and cost 12 s to write at 10,000 articles (measured)
    "subjects": "subj TEXT PRIMARY KEY, rows BLOB NOT NULL",
    # which subjects have rows that point to `ref` (join_rows.ref_of), and how many
    "refs": "ref TEXT NOT NULL, subj TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (ref, subj) WITHOUT ROWID",
    "recs": "iri TEXT PRIMARY KEY, kind TEXT NOT NULL, data BLOB NOT NULL",
}


class Stale(Exception):
    """The file does not describe what the build needs: join everything."""


class JoinStore:
    """``DIR/viewer-join.sqlite`` of one graph directory (see the module's docstring)."""

    def __init__(self, out_dir: Path, base: str, *, datelines: bool):
        self.path = Path(out_dir) / JOIN_FILE
        self.stamp = {"version": str(VERSION), "base": base, "datelines": str(datelines),
                      "marshal": f"{marshal.version} {sys.version_info[0]}.{sys.version_info[1]}"}
        self.datelines = datelines
        self.db: sqlite3.Connection | None = None
        #: whether a warning told of this file already (one line per build)
        self.warned = False

    def _open(self) -> sqlite3.Connection | None:
        def warn(exc: sqlite3.Error, again: bool) -> None:
            if not self.warned:
                LOGGER.warning("%s: %s; %s", self.path, exc, "joining every graph and making it again" if again
                               else "joining every graph")
            self.warned = True

        return open_cache(self.path, _TABLES, self.stamp, warn)

    def described(self) -> dict[str, str] | None:
        """The graphs (graph → piece) the file describes; None when it cannot be read."""
        self.db = self.db or self._open()
        if self.db is None:
            return None
        try:
            return dict(self.db.execute("SELECT graph, piece FROM graphs"))
        except sqlite3.Error as exc:
            LOGGER.warning("%s: %s; joining every graph", self.path, exc)
            return None

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

    # -- the full join, written anew -------------------------------------------------------

    def write_all(self, pieces: dict[str, str], facts: list[dict], raw: RawData) -> None:
        """Writes the file anew for the graphs `pieces` (graph → piece, in the order of
        `facts`, their facts) and the network `raw` joined from them."""
        db = self.db or self._open()
        self.db = db
        if db is None:
            return
        counts: Counter = Counter()
        for f in facts:
            counts.update(jr.rows_of(f))
        by_subject: dict[str, dict] = defaultdict(dict)
        refs: Counter = Counter()
        about: dict[str, set[str]] = defaultdict(set)
        for row, n in counts.items():
            subj = jr.subject_of(row)
            by_subject[subj][row] = n
            ref = jr.ref_of(row)
            if ref is not None:
                refs[(ref, subj)] += 1
            if row[0] == "p" and row[1] == jr.ABOUT:
                about[row[2]].add(row[3])
        try:
            with db:
                db.execute("BEGIN")
                for table in _TABLES:
                    db.execute(f"DELETE FROM {table}")
                db.executemany("INSERT INTO graphs VALUES (?, ?)", sorted(pieces.items()))
                db.executemany("INSERT INTO subjects VALUES (?, ?)",
                               ((subj, _encode_rows(rows)) for subj, rows in sorted(by_subject.items())))
                db.executemany("INSERT INTO refs VALUES (?, ?, ?)", ((r, subj, n) for (r, subj), n in sorted(refs.items())))
                db.executemany("INSERT INTO recs VALUES (?, ?, ?)", _encoded_records(raw, about))
        except sqlite3.Error as exc:  # the next build joins everything again
            LOGGER.warning("%s: %s; the joined network is not kept", self.path, exc)

    # -- the delta ------------------------------------------------------------------------

    def apply(self, changes: list[tuple[str, str | None, dict | None, dict | None]],
              analytics: Iterable[tuple[str, str, str]]) -> RawData:
        """The network after `changes` (graph, its new piece or None when removed, old facts
        or None when new, new facts or None when removed), with the `analytics` rows; the file
        is brought up to date. Raises `Stale` when the file does not add up."""
        db = self.db
        if db is None:
            raise Stale("no file")
        try:
            with db:
                db.execute("BEGIN")
                raw = _Delta(db, self.datelines).run(changes)
                for graph, piece, _, _ in changes:
                    if piece is None:
                        db.execute("DELETE FROM graphs WHERE graph = ?", (graph,))
                    else:
                        db.execute("INSERT OR REPLACE INTO graphs VALUES (?, ?)", (graph, piece))
        except sqlite3.Error as exc:
            raise Stale(str(exc)) from None
        raw.analytics = analytics_of(analytics)
        return raw


def analytics_of(rows: Iterable[tuple[str, str, str]]) -> dict[str, dict[str, str]]:
    analytics: dict[str, dict[str, str]] = defaultdict(dict)
    for x, p, value in sorted(rows):  # as `_join`: one value per node and metric
        analytics[x][p] = value
    return dict(analytics)


class _Delta:
    """One build's changes to the rows and the records they make (see `JoinStore.apply`)."""

    def __init__(self, db: sqlite3.Connection, datelines: bool):
        self.db, self.datelines = db, datelines
        #: subject → its distinct rows and their counts, as read (and changed) by this build
        self._rows: dict[str, dict] = {}
        self._ref: dict[str, list[jr.Row]] = {}

    def _subject(self, x: str) -> dict:
        if x not in self._rows:
            found = self.db.execute("SELECT rows FROM subjects WHERE subj = ?", (x,)).fetchone()
            rows = marshal.loads(found[0]) if found else {}
            if not isinstance(rows, dict):
                raise Stale(f"the rows of {x} are damaged")
            self._rows[x] = rows
        return self._rows[x]

    def subj(self, x: str) -> list[jr.Row]:
        return list(self._subject(x))

    def ref(self, x: str) -> list[jr.Row]:
        """The rows that point to `x` (join_rows.ref_of)."""
        if x not in self._ref:
            subjects = [s for (s,) in self.db.execute("SELECT subj FROM refs WHERE ref = ?", (x,))]
            self._ref[x] = [r for s in subjects for r in self._subject(s) if jr.ref_of(r) == x]
        return self._ref[x]

    def _count(self, changes) -> set[jr.Row]:
        """Applies the changes' rows to the counts; returns the rows that appeared or went."""
        delta: Counter = Counter()
        for _, _, old, new in changes:
            if old is not None:
                delta.subtract(jr.rows_of(old))
            if new is not None:
                delta.update(jr.rows_of(new))
        flipped = set()
        touched = set()
        for row, d in delta.items():
            if not d:
                continue
            subj = jr.subject_of(row)
            rows = self._subject(subj)
            n = rows.get(row, 0) + d
            if n < 0:
                raise Stale(f"a row of {subj} counted {n} times")
            touched.add(subj)
            if n:
                rows[row] = n
            else:
                del rows[row]
            if (n == 0) == (n - d == 0):
                continue
            flipped.add(row)
            ref = jr.ref_of(row)
            if ref is None:
                continue
            found = self.db.execute("SELECT n FROM refs WHERE ref = ? AND subj = ?", (ref, subj)).fetchone()
            count = (found[0] if found else 0) + (1 if n else -1)
            if count < 0:
                raise Stale(f"a reference to {ref} counted {count} times")
            if count:
                self.db.execute("INSERT OR REPLACE INTO refs VALUES (?, ?, ?)", (ref, subj, count))
            else:
                self.db.execute("DELETE FROM refs WHERE ref = ? AND subj = ?", (ref, subj))
        for subj in sorted(touched):
            if self._rows[subj]:
                self.db.execute("INSERT OR REPLACE INTO subjects VALUES (?, ?)", (subj, _encode_rows(self._rows[subj])))
            else:
                self.db.execute("DELETE FROM subjects WHERE subj = ?", (subj,))
        return flipped

    def run(self, changes) -> RawData:
        flipped = self._count(changes)
        raw = read_records(self.db)
        ents, arts, parts = raw.entities, raw.articles, raw.partnerships
        dirty: set[str] = set()
        for row in flipped:
            dirty.add(jr.subject_of(row))
            if row[0] == "p" and row[1] == jr.MENTIONS:  # the entity's articles change too
                dirty.add(row[3])
            if row[0] == "p" and row[1] == jr.WKT:  # a geometry's point: the entities it places
                dirty.update(r[2] for r in self.ref(row[2]) if r[0] == "p" and r[1] == jr.GEOMETRY)
        # which subjects are articles after the change: an entity's articles are read so
        article_iris = set(arts)
        for x in dirty:
            if any(r[0] == "t" and r[2] == jr.ARTICLE_CLASS for r in self.subj(x)):
                article_iris.add(x)
            else:
                article_iris.discard(x)
        #: the records to write; the partnerships to make again
        changed: set[str] = set()
        part_dirty = set(dirty)
        for x in sorted(dirty):
            before = ents.get(x)
            e = jr.entity(x, self.subj(x), self.subj, self.ref(x), article_iris)
            _put(ents, x, e)
            if e != before:
                changed.add(x)
            if _sign(before) != _sign(e):  # the partnerships that read its class or name
                part_dirty.update(r[2] for r in self.ref(x) if r[0] == "p" and r[1] in jr.PARTNERSHIP_ENTITY_PROPS)
            if (before is None) != (e is None):
                self._entity_came_or_went(x, e is not None, dirty, arts, part_dirty, changed)
        for a in sorted(dirty):
            before = arts.get(a)
            rec = jr.article(a, self.subj(a), ents, datelines=self.datelines)
            _put(arts, a, rec)
            if rec == before:
                continue
            changed.add(a)
            if (before is None) != (rec is None) or before.about != rec.about:  # the partnerships' themes
                part_dirty.update(r[1] if r[0] == "e" else r[2] for r in self.ref(a)
                                  if r[0] == "e" or (r[0] == "p" and r[1] == jr.DERIVED))
            if (before is None) != (rec is None):
                self._article_came_or_went(a, rec is not None, dirty, ents, changed)
        for p in sorted(part_dirty):
            before = parts.get(p)
            rec = jr.partnership(p, self.subj(p), ents, arts)
            _put(parts, p, rec)
            if rec != before:
                changed.add(p)
        self._write(changed, ents, arts, parts)
        return RawData(ents, parts, arts, {}, changed=frozenset(changed))

    def _entity_came_or_went(self, x: str, came: bool, dirty: set[str], arts: dict, part_dirty: set[str],
                             changed: set[str]) -> None:
        """An entity came or went: the articles that mention it (their mentions), and the
        partnerships whose articles are about it (their themes) read that."""
        for r in self.ref(x):
            if r[0] != "p":
                continue
            a = r[2]
            if r[1] == jr.MENTIONS and a in arts and a not in dirty:
                if came:
                    arts[a].mentions.add(x)
                else:
                    arts[a].mentions.discard(x)
                changed.add(a)
            elif r[1] == jr.ABOUT:
                part_dirty.update(q[2] for q in self.ref(a) if q[0] == "p" and q[1] == jr.DERIVED)

    def _article_came_or_went(self, a: str, came: bool, dirty: set[str], ents: dict, changed: set[str]) -> None:
        """An article came or went: the entities it mentions (their articles) read that."""
        for r in self.subj(a):
            if r[0] == "p" and r[1] == jr.MENTIONS and r[3] in ents and r[3] not in dirty:
                if came:
                    ents[r[3]].mentioned_in.add(a)
                else:
                    ents[r[3]].mentioned_in.discard(a)
                changed.add(r[3])

    def _write(self, changed: set[str], ents: dict, arts: dict, parts: dict) -> None:
        self.db.executemany("DELETE FROM recs WHERE iri = ?", sorted((iri,) for iri in changed))
        rows = [(iri, kind, _encode(kind, table[iri])) for iri in sorted(changed)
                for kind, table in (("e", ents), ("a", arts), ("p", parts)) if iri in table]
        self.db.executemany("INSERT OR REPLACE INTO recs VALUES (?, ?, ?)", rows)


def _put(records: dict, iri: str, rec) -> None:
    if rec is None:
        records.pop(iri, None)
    else:
        records[iri] = rec


def _encode_rows(rows: dict) -> bytes:
    """A subject's rows for the file: equal strings made one object first (the subject opens
    every row), so marshal writes each once (as facts.encode does)."""
    seen: dict[str, str] = {}
    return marshal.dumps({tuple(seen.setdefault(v, v) for v in row): n for row, n in rows.items()})


def _sign(e: Entity | None):
    return None if e is None else (e.cls, e.name)


def _encode(kind: str, rec) -> bytes:
    if kind == "e":
        return marshal.dumps((rec.cls, rec.name, set(rec.alt), {k: set(v) for k, v in rec.props.items()},
                              set(rec.mentioned_in)))
    if kind == "a":
        return marshal.dumps((rec.title, rec.url, rec.date, rec.dateline, set(rec.about), set(rec.mentions)))
    return marshal.dumps((rec.label, rec.type, rec.type_label, rec.year, list(rec.partners), set(rec.programmes),
                          set(rec.themes), set(rec.articles), [tuple(e) for e in rec.evidence]))


def _encoded_records(raw: RawData, about: dict[str, set[str]]):
    for x, e in raw.entities.items():
        yield x, "e", _encode("e", e)
    for a, rec in raw.articles.items():
        yield a, "a", marshal.dumps((rec.title, rec.url, rec.date, rec.dateline, set(about.get(a, ())),
                                     set(rec.mentions)))
    for p, rec in raw.partnerships.items():
        yield p, "p", _encode("p", rec)


def read_records(db: sqlite3.Connection) -> RawData:
    """Every record of the file, as `RawData` (analytics empty)."""
    ents: dict[str, Entity] = {}
    arts: dict[str, ArticleRecord] = {}
    parts: dict[str, PartnershipRecord] = {}
    for iri, kind, data in db.execute("SELECT iri, kind, data FROM recs ORDER BY iri"):
        v = marshal.loads(data)
        if kind == "e":
            props = defaultdict(set)
            props.update(v[3])
            ents[iri] = Entity(iri, v[0], v[1], v[2], props, v[4])
        elif kind == "a":
            arts[iri] = ArticleRecord(iri, v[0], v[1], v[2], v[3], v[4], v[5])
        else:
            parts[iri] = PartnershipRecord(iri, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7],
                                           [tuple(e) for e in v[8]])
    return RawData(ents, parts, arts, {})


def joined(cache, store, pieces: dict[str, str | None], *, articles: bool,
           rows: list[tuple[str, str, str]]) -> RawData | None:
    """`facts.FactCache.load` (`cache`) for a store whose graphs the facts describe: the network
    from the joined records kept in the file, brought up to date by the graphs that changed
    since it was written, with the analytics `rows`; else (no file, too many changes, a damaged
    or outdated file) joined from the facts of every graph, and the file written anew."""
    join = JoinStore(cache.path.parent, cache.base, datelines=articles)
    try:
        if all(pieces.values()):
            raw = _by_delta(cache, store, join, pieces, rows)
            if raw is not None:
                return raw
        full = cache.full_load(store, pieces, articles=articles, rows=rows)
        if full is None:
            return None
        raw, facts = full
        if all(pieces.values()):
            described = {**pieces, VOCABULARY: _digest(facts[-1])}
            join.write_all(described, facts, raw)
            raw.joined_to = _digest(described)
        return raw
    finally:
        join.close()


def described_pieces(out_dir: Path) -> set[str]:
    """The dump pieces the file of `out_dir` describes its graphs by (read only; none when it
    cannot be read). Their facts are kept (facts.FactCache.collect_garbage): a rebuild that took
    graph.html over (unchanged.py) leaves the file describing an article by its previous piece,
    and the next rebuild's delta starts from that piece's facts; without them it joined every
    graph (5 s at 10,000 articles, measured: a new start year after an edited sentence)."""
    path = Path(out_dir) / JOIN_FILE
    if not path.exists():
        return set()
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return {piece for (piece,) in db.execute("SELECT piece FROM graphs")}
        finally:
            db.close()
    except sqlite3.Error:
        return set()


def _digest(facts: dict) -> str:
    import hashlib

    return hashlib.sha256(json.dumps(facts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:24]


def _by_delta(cache, store, join: JoinStore, pieces: dict[str, str], rows) -> RawData | None:
    described = join.described()
    if not described:  # no file yet (a first build), or one emptied as outdated
        if not join.warned and not set(pieces) <= set(cache.new):  # a rebuild that lost it
            LOGGER.warning("%s: missing; joining every graph", join.path)
        return None
    vocabulary = cache._vocabulary_facts(store)
    want = {**pieces, VOCABULARY: _digest(vocabulary)}
    if described.get(VOCABULARY) != want[VOCABULARY]:
        return None  # another vocabulary (other data: every article was extracted again)
    diff = sorted(g for g in described.keys() | want.keys() if described.get(g) != want.get(g))
    if len(diff) > max(DELTA_MIN, DELTA_SHARE * len(want)):
        return None
    new_of = {g: data for g, (piece, data) in cache.new.items() if want.get(g) == piece}
    needed = {described[g] for g in diff if g in described} | {want[g] for g in diff if g in want and g not in new_of}
    stored = cache.stored_facts(sorted(needed))
    if stored is None:
        LOGGER.warning("%s: the facts of a changed graph are missing; joining every graph", join.path)
        join.warned = True
        return None
    changes = []
    for g in diff:
        old = stored[described[g]][1] if g in described else None
        if g not in want:
            new = None
        elif g in new_of:
            new = cache.decoded(new_of[g])
        else:
            new = stored[want[g]][1]
        if g in want and new is None:
            return None
        changes.append((g, want.get(g), old, new))
    try:
        raw = join.apply(changes, rows)
    except (Stale, ValueError, EOFError, TypeError, IndexError, KeyError) as exc:
        LOGGER.warning("%s: %s; joining every graph", join.path, exc)
        return None
    cache.store_new()  # the facts of the extracted articles, as the full join stores them
    raw.joined_from, raw.joined_to = _digest(described), _digest(want)
    return raw
