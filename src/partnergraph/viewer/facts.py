"""What the viewer reads from each article graph, kept between builds, so that a rebuild after
one changed article does not ask the store for the whole network again.

Asking the store (`load.load`) cost 57 % of a one-article rebuild at 30,000 articles (issue 16):
most of it is turning hundreds of thousands of result rows into Python strings. So the worker
that extracts an article also takes out the triples the viewer reads (`article_facts`: the
viewer's predicates, the evidence of partnerships already joined within the article's graph)
and a build keeps them, one row per dump piece, in ``DIR/viewer-facts.sqlite`` (`FactCache`).
The next build stores the facts of the articles it extracted (one row each: a one-article
rebuild writes one row, where a JSON Lines file rewritten whole cost 98 MB of writing and
reading at 10,000 articles), reads those of unchanged articles from their rows, asks the store
only for graphs it has no row for (an article extracted before facts were kept), and reads the
network from the facts (`load.load_facts`).

Why the facts describe the store: the default graph the viewer's queries read is the merge of
the named graphs, and every answer is collected into sets or dictionaries, so reading each
graph's triples, repetitions and all, gives the same data as reading the merge; the vocabulary
and analytics graphs, which the build writes itself, are read from the store (a few thousand
triples). The build reads the facts only when the store holds nothing else; otherwise graph.html
comes from the store. Evidence is joined per graph because a mention is described by its
article's graph alone (its IRI lies in the article's IRI space; publish/dumps.py relies on the
same).
"""

from __future__ import annotations

import contextlib
import logging
import marshal
import sqlite3
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from ..cachedb import open_cache
from ..graphdir import FACTS_FILE, LEGACY_FACTS_FILE
from ..namespaces import ANALYTICS_GRAPH, VOCABULARY_GRAPH
from ..store.embedded import GraphStore
from .collector import gc_paused
from .load import _LABEL_PROPS, _PG, _TYPES, MENTION_PROPS, PREDICATES, RDF_TYPE, load_facts
from .records import RawData

LOGGER = logging.getLogger(__name__)

#: layout of the lines: a change makes the file unreadable, hence rebuilt from the store
VERSION = 1

_PREDICATE_TERMS = frozenset(f"<{p}>".encode() for p in PREDICATES)
_KEEP_TYPES = frozenset(_PG + c for c in _TYPES)
_KIND, _IN_ARTICLE, _START, _QUOTE = MENTION_PROPS
_EVIDENCE = _PG + "evidence"
_PARTNERSHIP = ox.Literal("partnership")


def facts_of(triples: Iterable[ox.Triple]) -> dict:
    """The viewer's facts among the triples of one graph, as plain JSON values:

    - ``t``: [resource, class IRI] for the classes the viewer reads;
    - ``l``: label property → [resource, text, language, datatype];
    - ``p``: every other property of `load.PREDICATES` → [subject, object value];
    - ``e``: [partnership, article, start, quote] per pg:evidence link to a partnership mention
      (the mention's own triples are not kept)."""
    types, labels, pairs = [], defaultdict(list), defaultdict(list)
    mention: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    kinds, links = set(), []
    for t in triples:
        p, s, o = t.predicate.value, t.subject.value, t.object
        if p == RDF_TYPE:
            if o.value in _KEEP_TYPES:
                types.append([s, o.value])
        elif p in _LABEL_PROPS:
            labels[p].append([s, o.value, getattr(o, "language", None) or "",
                              getattr(getattr(o, "datatype", None), "value", "")])
        elif p == _KIND:
            if o == _PARTNERSHIP:
                kinds.add(s)
        elif p in MENTION_PROPS:
            mention[s][p].append(o.value)
        elif p == _EVIDENCE:
            links.append((s, o.value))
        elif p in PREDICATES:
            pairs[p].append([s, o.value])
    evidence = [[p, a, start, quote] for p, m in links if m in kinds
                for a in mention[m][_IN_ARTICLE] for start in mention[m][_START] for quote in mention[m][_QUOTE]]
    return {"t": types, "l": dict(labels), "p": dict(pairs), "e": evidence}


def article_facts(nquads: bytes) -> dict:
    """`facts_of` an article's graph from its canonical N-Quads (in the extraction worker): only
    the lines with one of the viewer's predicates are parsed."""
    kept = [line for line in nquads.splitlines(keepends=True) if line.split(b" ", 2)[1] in _PREDICATE_TERMS]
    return facts_of(q.triple for q in ox.parse(b"".join(kept), format=ox.RdfFormat.N_QUADS)) if kept else facts_of(())


def encode(facts: dict) -> bytes:
    """The stored form of one graph's facts (`FactCache`): marshal, which reads back 2.2×
    faster than the same facts as JSON (measured on the 10,000-article graph: 0.40 s against
    0.89 s for all graphs, the garbage collector off as in `viewer.network`).

    Equal strings are made one object first (the article's IRI opens most of its rows):
    marshal then writes each once and refers back to it, and reading gives shared objects
    whose hash is computed once. On the 10,000-article graph: 94 → 41 MB of facts, read
    back 3.4× faster (7.8 → 2.3 s on the loaded machine, issue 16)."""
    return marshal.dumps(_shared_strings(facts, {}))


def _shared_strings(value, seen: dict):
    """`value` (lists, dicts, strings and other plain values) with every string replaced by the
    first equal one met: the same value, fewer objects."""
    if isinstance(value, str):
        return seen.setdefault(value, value)
    if isinstance(value, list):
        return [_shared_strings(v, seen) for v in value]
    if isinstance(value, dict):
        return {_shared_strings(k, seen): _shared_strings(v, seen) for k, v in value.items()}
    return value


def _graph_triples(store: GraphStore, graph: str) -> Iterator[ox.Triple]:
    for s, p, o in store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"):
        yield ox.Triple(s, p, o)


def _graph_facts(store: GraphStore, graph: str) -> dict:
    """`facts_of` a graph read from the store, through its canonical N-Quads as in the worker,
    so that the facts are those the worker takes (rows in the same order)."""
    from ..publish.dumps import canonical_nquads

    name = ox.NamedNode(graph)
    return article_facts(canonical_nquads([ox.Quad(t.subject, t.predicate, t.object, name)
                                           for t in _graph_triples(store, graph)]))


class FactCache:
    """``DIR/viewer-facts.sqlite``: one row per dump piece (`piece`, its `graph`, its facts
    `encode`d). A piece's name is derived from the article's content and the build's
    fingerprint (state.piece_name), so a row is never rewritten with other facts: like the dump
    pieces, rows are added in place by the build that extracts the article (a failed build
    leaves unused rows, which the next `collect_garbage` removes), and the committed
    state.json says which are current. A one-article rebuild so writes one row, where the
    JSON Lines file this replaces (98 MB at 10,000 articles) was read, checked and written
    whole.

    A build adds the facts of the articles it extracted (`add`); `assemble` stores them and
    returns every graph's facts."""

    def __init__(self, out_dir: Path, base: str):
        self.path = Path(out_dir) / FACTS_FILE
        self.base = base
        self.new: dict[str, tuple[str, bytes]] = {}  # graph → (piece, encoded facts)
        #: what `assemble` returned, and for which pieces (the analysis reads them before the page)
        self._assembled: tuple[dict, list[dict] | None] | None = None
        #: whether the facts of `new` are stored (by `assemble` or `store_new`)
        self._new_stored = False
        #: the vocabulary graph's facts, read from the store once per build (`network`, `load`)
        self._vocabulary: dict | None = None

    def add(self, graph: str, piece: str, data: bytes) -> None:
        self.new[graph] = (piece, data)

    def _connect(self) -> sqlite3.Connection | None:
        """The database, emptied when it was written by another layout, base or Python (marshal
        is Python's own format); a damaged file is replaced. None if it cannot be opened."""
        def warn(exc: sqlite3.Error, again: bool) -> None:
            LOGGER.warning("%s: %s; %s", self.path, exc,
                           "making it again from the store" if again else "reading the network from the store")

        return open_cache(self.path, {"facts": "piece TEXT PRIMARY KEY, graph TEXT NOT NULL, data BLOB NOT NULL"},
                          self._layout(), warn)

    def _layout(self) -> dict[str, str]:
        return {"version": str(VERSION), "base": self.base,
                "marshal": f"{marshal.version} {sys.version_info[0]}.{sys.version_info[1]}"}

    def _stored(self, db: sqlite3.Connection | None, wanted: dict[str, str]) -> dict[str, dict]:
        """The stored facts of the `wanted` pieces (piece → graph) that read back as a graph's
        facts; a damaged row is left out (its graph is read from the store)."""
        out: dict[str, dict] = {}
        if db is None:
            return out
        try:
            for piece, graph, data in db.execute("SELECT piece, graph, data FROM facts"):
                if wanted.get(piece) != graph:
                    continue
                facts = _decoded(data)
                if facts is None:
                    LOGGER.warning("%s: the facts of %s are damaged; reading its graph from the store", self.path, graph)
                    continue
                out[piece] = facts
        except sqlite3.Error as exc:
            LOGGER.warning("%s: %s; reading the network from the store", self.path, exc)
            return {}
        return out

    def assemble(self, store: GraphStore, pieces: dict[str, str | None]) -> list[dict] | None:
        """Every article graph's facts, in the order of the graph names; the facts of the
        extracted articles, and of graphs that had no row, are stored. Graphs without facts are
        read from the store. None when the store holds graphs that are neither `pieces` nor the
        build's own (the viewer then reads the store)."""
        if self._assembled is not None and self._assembled[0] == pieces:
            return None if self._assembled[1] is None else list(self._assembled[1])
        facts = self._assemble(store, pieces)
        self._assembled = (dict(pieces), facts)
        return None if facts is None else list(facts)

    def _assemble(self, store: GraphStore, pieces: dict[str, str | None]) -> list[dict] | None:
        if not store.graph_names() <= set(pieces) | {VOCABULARY_GRAPH, ANALYTICS_GRAPH}:
            return None
        db = self._connect()
        wanted = {piece: graph for graph, piece in pieces.items() if piece}
        for graph, (piece, _) in self.new.items():
            wanted.pop(piece, None)  # the worker's facts are at hand
        stored = self._stored(db, wanted)
        facts, rows = [], []
        for graph in sorted(pieces):
            piece = pieces[graph] or ""
            new = self.new.get(graph)
            if new is not None and new[0] == piece and piece and (found := _decoded(new[1])) is not None:
                rows.append((piece, graph, new[1]))
            elif piece in stored:
                found = stored[piece]
            else:  # extracted before facts were kept, or before pieces were
                found = _graph_facts(store, graph)
                if piece:
                    rows.append((piece, graph, encode(found)))
            facts.append(found)
        if db is not None:
            try:
                with db:
                    db.execute("BEGIN")
                    db.executemany("INSERT OR REPLACE INTO facts VALUES (?, ?, ?)", rows)
                self._new_stored = True
            except sqlite3.Error as exc:  # the next build reads these graphs from the store again
                LOGGER.warning("%s: %s; the facts of %d graphs are not kept", self.path, exc, len(rows))
            db.close()
        return facts

    def same_as_before(self, changed: dict[str, str | None]) -> bool:
        """Whether every graph of `changed` (graph → its piece in the last build) has, in this
        build's facts, the facts its old piece had (read from the old pieces' rows only)."""
        old_rows = self._old_rows(changed)
        if old_rows is None:
            return False
        for graph, data in old_rows.items():
            new = self.new[graph][1]
            if data != new and (_decoded(data) is None or _decoded(data) != _decoded(new)):
                return False
        return True

    def same_network_as_before(self, changed: dict[str, str | None]) -> bool:
        """Whether every graph of `changed` gives the partnership network the rows its old piece
        gave (`network_rows`, in their order): the network is then the last build's, whatever
        else changed (another start year, another sentence as evidence)."""
        old_rows = self._old_rows(changed)
        if old_rows is None:
            return False
        for graph, data in old_rows.items():
            old, new = _decoded(data), _decoded(self.new[graph][1])
            if old is None or new is None or network_rows([old]) != network_rows([new]):
                return False
        return True

    def _old_rows(self, changed: dict[str, str | None]) -> dict[str, bytes] | None:
        """The stored facts of the old piece of every graph of `changed` (graph → its piece in
        the last build), or None when one is unknown (a new graph, no row, no database)."""
        if any(not old or graph not in self.new for graph, old in changed.items()):
            return None
        db = self._connect()
        if db is None:
            return None
        try:
            with contextlib.closing(db):
                old_rows = {}
                for graph, old in changed.items():
                    row = db.execute("SELECT graph, data FROM facts WHERE piece = ?", (old,)).fetchone()
                    if row is None or row[0] != graph:
                        return None
                    old_rows[graph] = row[1]
        except sqlite3.Error:
            return None
        return old_rows

    def store_new(self) -> None:
        """Stores the facts of the extracted articles (as `assemble` does), for a build that
        does not assemble them: the next build compares with them and reads them."""
        rows = [(piece, graph, data) for graph, (piece, data) in sorted(self.new.items()) if piece]
        db = self._connect() if rows and not self._new_stored else None
        if db is None:
            return
        try:
            with contextlib.closing(db), db:
                db.execute("BEGIN")
                db.executemany("INSERT OR REPLACE INTO facts VALUES (?, ?, ?)", rows)
            self._new_stored = True
        except sqlite3.Error as exc:  # the next build reads these graphs from the store again
            LOGGER.warning("%s: %s; the facts of %d graphs are not kept", self.path, exc, len(rows))

    def load(self, store: GraphStore, pieces: dict[str, str | None], *, articles: bool = False,
             analytics: Iterable[ox.Quad] | None = None) -> RawData | None:
        """The network as `load.load` reads it from `store`, from the facts (`assemble`), or
        None when the store holds graphs the facts do not describe. `analytics`: the quads the
        build wrote into the analytics graph (else they are read from the store: 0.14 s of
        queries at 10,000 articles, measured)."""
        from .join_delta import joined

        if not store.graph_names() <= set(pieces) | {VOCABULARY_GRAPH, ANALYTICS_GRAPH}:
            return None
        rows = analytics_rows(store) if analytics is None else [
            (q.subject.value, q.predicate.value.rsplit("#", 1)[-1], q.object.value) for q in analytics]
        return joined(self, store, pieces, articles=articles, rows=rows)

    def decoded(self, data: bytes) -> dict | None:
        """The facts `encode` stored, or None if `data` is not a graph's facts."""
        return _decoded(data)

    def full_load(self, store: GraphStore, pieces: dict[str, str | None], *, articles: bool,
                  rows: list[tuple[str, str, str]]) -> tuple[RawData, list[dict]] | None:
        """`load` by joining the facts of every graph (`load.load_facts`): the network and the
        facts it was joined from (the vocabulary graph's last)."""
        facts = self.assemble(store, pieces)
        self._assembled = None  # the last reader: the rest of the build need not carry them
        if facts is None:
            return None
        facts.append(self._vocabulary_facts(store))
        return load_facts(facts, rows, articles=articles), facts

    def stored_facts(self, pieces: Iterable[str]) -> dict[str, tuple[str, dict]] | None:
        """piece → (graph, facts) of the stored rows of `pieces`; None if one is missing or
        damaged, or the file cannot be read."""
        db = self._connect()
        if db is None:
            return None
        out = {}
        try:
            with contextlib.closing(db):
                for piece in pieces:
                    row = db.execute("SELECT graph, data FROM facts WHERE piece = ?", (piece,)).fetchone()
                    facts = _decoded(row[1]) if row is not None else None
                    if facts is None:
                        return None
                    out[piece] = (row[0], facts)
        except sqlite3.Error:
            return None
        return out

    def _vocabulary_facts(self, store: GraphStore) -> dict:
        if self._vocabulary is None:
            self._vocabulary = _graph_facts(store, VOCABULARY_GRAPH)
        return self._vocabulary

    def network(self, store: GraphStore, pieces: dict[str, str | None]):
        """The partnership network (graph/partnership_network.py) as `partnership_network`
        reads it from `store`, from the facts, or None when the store holds graphs the facts do
        not describe: 0.1 s against 1.2 s of queries at 10,000 articles (measured). The
        analytics graph holds none of the network's predicates."""
        from ..graph.partnership_network import network_from_rows

        with gc_paused():  # millions of objects without cycles (collector.py)
            facts = self.assemble(store, pieces)
            if facts is None:
                return None
            facts.append(self._vocabulary_facts(store))
            return network_from_rows(**network_rows(facts))

    def collect_garbage(self, keep: Iterable[str]) -> int:
        """Removes the rows of pieces no article of the committed state refers to, nor the
        joined network (join_delta.described_pieces), and the JSON Lines file of earlier
        versions; returns how many rows."""
        from .join_delta import described_pieces

        (self.path.parent / LEGACY_FACTS_FILE).unlink(missing_ok=True)
        if not self.path.exists():
            return 0
        keep = set(keep) | described_pieces(self.path.parent)
        try:
            with contextlib.closing(sqlite3.connect(self.path, isolation_level=None)) as db:
                db.execute("BEGIN")
                db.execute("CREATE TEMP TABLE keep (piece TEXT PRIMARY KEY)")
                db.executemany("INSERT OR IGNORE INTO keep VALUES (?)", ((p,) for p in keep))
                removed = db.execute("DELETE FROM facts WHERE piece NOT IN (SELECT piece FROM keep)").rowcount
                db.execute("COMMIT")
                return removed
        except sqlite3.Error as exc:  # unused rows cost space, not correctness
            LOGGER.warning("%s: %s; unused facts are kept", self.path, exc)
            return 0


_MUNICIPALITY, _ORGANISATION = _PG + "Municipality", _PG + "Organisation"
_LABEL, _PREF_LABEL = "http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel"


def network_rows(facts: list[dict]) -> dict[str, list[tuple[str, str]]]:
    """The rows `partnership_network.network_from_rows` reads, from the facts of every graph:
    what its queries ask the default graph (the merge of the graphs), repetitions and all
    (the network is built from sets and minima)."""
    rows: dict[str, list] = {"classes": [], "partners": [], "labels": [], "countries": [], "codes": []}
    classes, partners, labels, countries, codes = rows.values()
    for f in facts:
        classes += [(x, c) for x, c in f["t"] if c == _MUNICIPALITY or c == _ORGANISATION]
        p = f["p"]
        partners += p.get(_PG + "partner", ())
        countries += p.get(_PG + "country", ())
        codes += p.get(_PG + "countryCode", ())
        for prop in (_LABEL, _PREF_LABEL):
            labels += [(x, text) for x, text, lang, _ in f["l"].get(prop, ()) if lang == "de"]
    return rows


def _decoded(data: bytes) -> dict | None:
    """The facts `encode` stored, or None if `data` is not a graph's facts."""
    try:
        facts = marshal.loads(data)
    except (ValueError, EOFError, TypeError):
        return None
    if not (isinstance(facts, dict) and facts.keys() == _FACT_KEYS and isinstance(facts["t"], list)
            and isinstance(facts["l"], dict) and isinstance(facts["p"], dict) and isinstance(facts["e"], list)):
        return None
    return facts


_FACT_KEYS = {"t", "l", "p", "e"}


def analytics_rows(store: GraphStore) -> list[tuple[str, str, str]]:
    """The analytics graph of `store` as (node, metric, value)."""
    return [(s.value, p.value.rsplit("#", 1)[-1], o.value)
            for s, p, o in store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{ANALYTICS_GRAPH}> {{ ?s ?p ?o }} }}")]
