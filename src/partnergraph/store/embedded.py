"""The triple store behind a graph directory: embedded Oxigraph (default).

One interface, `GraphStore`, for every backend: replace or drop one named graph, run a read-only
query, and iterate quads. A remote SPARQL 1.1 store (``--store URL``) implements the same
interface in `remote.py`.

The default graph is the merge of all named graphs, kept as a set. Each article's named graph
is self-contained (it repeats the labels of the places it mentions), so a "union default graph"
computed at query time would return one row per graph holding a triple: Oxigraph's
``use_default_graph_as_union`` has bag semantics, and COUNTs and joins would multiply. Instead the
store maintains the merge itself: adding a graph adds its triples to the default graph; dropping
one removes the triples no other named graph still states. Queries then read a proper set, and
``GRAPH ?g { … }`` still tells which article states what. (Asking for the merge of all named
graphs with ``default_graph=[...]`` has the same bag semantics.) The merge's insertions are 42 %
of the load's processor time (benchmarks/bench_store_load.py, 2,000 articles: 19.0 against
11.1 µs per quad for the named graphs alone); the build loads in a thread beside the extraction.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from ..errors import StoreError
from .merge_lines import SharedLines

LOGGER = logging.getLogger(__name__)


class GraphStore(Protocol):
    def replace_graphs(self, graphs: dict[str, list[ox.Quad]]) -> None: ...
    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None: ...
    def replace_graphs_nquads(self, graphs: list[tuple[str, bytes]]) -> None: ...
    def drop_graph(self, graph: str) -> None: ...
    def graph_names(self) -> set[str]: ...
    def quads(self) -> Iterator[ox.Quad]: ...
    def triples(self) -> Iterator[ox.Triple]: ...
    def query(self, sparql: str, *, default_graph: list[str] | None = None,
              named_graphs: list[str] | None = None): ...
    def __len__(self) -> int: ...
    def flush(self) -> None: ...
    def close(self) -> None: ...


#: quads per bulk load: RocksDB's bulk loader writes one sorted file per call, so small calls
#: are slow (measured here: 500k quads in calls of 500 took 94 s, in calls of 50,000 3.5 s,
#: against 10 s for transactional inserts of any size)
BULK_MIN_QUADS = 50_000


def _writes(method=None, *, names_after=None):
    """A method that writes to the store: the kept `graph_names` are forgotten before (a reader
    in another thread may ask while the write goes on) and after, unless `names_after(names,
    *args)` tells the names after the write from those before: reading 10,000 names again after
    a rebuild's one-graph write took 0.1 s per read, and grows with the store (issue 16)."""
    import functools

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            before = self._names
            self._names = None
            try:
                result = method(self, *args, **kwargs)
            except BaseException:
                self._names = None
                raise
            self._names = names_after(set(before), *args) if before is not None and names_after else None
            return result
        return wrapper
    return decorate(method) if method is not None else decorate


def _replaced(names: set[str], graphs) -> set[str]:
    """The names after `replace_graphs(graphs)`: a graph replaced by no quads is gone."""
    return (names - set(graphs)) | {g for g, quads in graphs.items() if quads}


def _loaded(names: set[str], graphs, *_) -> set[str]:
    """The names after loading N-Quads graphs (graph, its lines), each replacing its namesake."""
    return (names - {g for g, _ in graphs}) | {g for g, nquads in graphs if nquads.strip()}


class EmbeddedStore:
    """A persistent pyoxigraph store in ``DIR/store`` (or in memory with ``path=None``)."""

    def __init__(self, path: Path | None, *, read_only: bool = False):
        self.path = path
        self.read_only = read_only
        #: `graph_names`, kept until the next write: reading 10,000 names took 0.13 s, and a
        #: build asks four times
        self._names: set[str] | None = None
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                if not path.exists():
                    raise StoreError(f"{path.parent}: no graph here yet (run 'partnergraph build -d {path.parent}')")
                self._store = ox.Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as exc:
            raise StoreError(f"{path}: cannot open the store: {exc}") from None

    @property
    def raw(self) -> ox.Store:
        """The pyoxigraph store itself. Writing to it directly bypasses the merged default graph."""
        self._names = None  # the caller may write to it
        return self._store

    # -- writing -------------------------------------------------------------------------------

    @_writes(names_after=_replaced)
    def replace_graphs(self, graphs: dict[str, list[ox.Quad]]) -> None:
        """Replaces several named graphs at once and updates the merged default graph."""
        for graph in graphs:
            self.drop_graph(graph)
        batch = [q for quads in graphs.values() for q in quads]
        batch += [ox.Quad(q.subject, q.predicate, q.object) for q in batch]
        if len(batch) >= BULK_MIN_QUADS and self.path is not None:
            self._store.bulk_extend(batch)
        else:
            self._store.extend(batch)

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        self.replace_graphs({graph: list(quads)})

    @_writes(names_after=_loaded)
    def replace_graphs_nquads(self, graphs: list[tuple[str, bytes]]) -> None:
        """Like `replace_graphs`, from canonical N-Quads (one graph per item, as pyoxigraph
        writes them): the merge's lines are the same lines without their graph, so nothing is
        parsed into Python objects on the way in."""
        for graph, _ in graphs:
            self.drop_graph(graph)
        self.add_graphs_nquads(graphs)

    @_writes(names_after=_loaded)
    def add_graphs_nquads(self, graphs: list[tuple[str, bytes]], shared: SharedLines | None = None) -> None:
        """`replace_graphs_nquads` for graphs the store does not hold (the caller knows: a
        build's new articles): nothing to drop, so the store is not read between two loads.
        Reading it between bulk loads made the loads dearer: 10,000 articles in 90 MB loads took
        60.0 s of processor time with a look-up of the batch's graphs before each load, 47.6 s
        without (benchmarks/bench_store_load.py --curves, both in one run). With `shared` (one
        per build, merge_lines.py), the merge's shared lines an earlier batch of the build
        loaded are left out."""
        data = self.merge_nquads(graphs, shared)
        if self.path is not None and data.count(b"\n") >= BULK_MIN_QUADS:
            self._store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        else:
            self._store.load(data, format=ox.RdfFormat.N_QUADS)

    @staticmethod
    def merge_nquads(graphs: list[tuple[str, bytes]], shared: SharedLines | None = None) -> bytes:
        """The N-Quads that add `graphs` (new to the store) and their lines to the merged default
        graph: each graph's lines, then the same lines without their graph (with `shared`, the
        shared lines handed to the store before are left out)."""
        parts = []
        for graph, nquads in graphs:
            parts.append(nquads)
            parts.append(shared.merged(graph, nquads) if shared is not None
                         else nquads.replace(f" <{graph}> .\n".encode(), b" .\n"))
        # the merge's repeated lines (a country's label in most articles) are left to the loader:
        # dropping them here through a set did not make the load faster (bench_store_load
        # --curves, 10,000 articles)
        return b"".join(parts)

    @_writes
    def bulk_load_nquads_file(self, path: str) -> None:
        """One bulk load of the N-Quads read from `path` (a pipe: store_writes.StreamedLoad), the
        merged default graph's lines among them."""
        self._store.bulk_load(path=path, format=ox.RdfFormat.N_QUADS)

    def load(self, data: bytes, format: ox.RdfFormat = ox.RdfFormat.TRIG) -> None:
        """Loads a dataset (TriG, N-Quads): each named graph replaces the one of that name."""
        by_graph: dict[str, list[ox.Quad]] = {}
        for q in ox.parse(data, format=format):
            if not isinstance(q.graph_name, ox.NamedNode):
                raise StoreError("data for the default graph: the default graph is the merge of the named graphs")
            by_graph.setdefault(q.graph_name.value, []).append(q)
        self.replace_graphs(by_graph)

    @_writes(names_after=lambda names, graph: names - {graph})
    def drop_graph(self, graph: str) -> None:
        """Drops a named graph and, from the merge, the triples no other named graph states."""
        g = ox.NamedNode(graph)
        if not self._store.contains_named_graph(g):
            return
        gone = []
        for q in self._store.quads_for_pattern(None, None, None, g):
            # this graph alone states it unless a second named graph does: stop looking there
            # (a country's label is stated by thousands of article graphs; counting them all
            # made replacing every article of a 10,000-article store take over 10 minutes)
            holders = 0
            for h in self._store.quads_for_pattern(q.subject, q.predicate, q.object, None):
                if not isinstance(h.graph_name, ox.DefaultGraph):
                    holders += 1
                    if holders > 1:
                        break
            if holders == 1:
                gone.append(ox.Quad(q.subject, q.predicate, q.object))
        self._store.remove_graph(g)
        for q in gone:
            self._store.remove(q)

    # -- reading -------------------------------------------------------------------------------

    def graph_names(self) -> set[str]:
        names = self._names
        if names is None:
            names = {g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)}
            self._names = names
        return set(names)

    def quads(self) -> Iterator[ox.Quad]:
        """The quads of the named graphs (the default graph is derived from them), graph by
        graph: no per-quad test in Python."""
        for g in self._store.named_graphs():
            yield from self._store.quads_for_pattern(None, None, None, g)

    def triples(self) -> Iterator[ox.Triple]:
        """The merged default graph: every triple once."""
        return (q.triple for q in self._store.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    def query(self, sparql: str, *, default_graph: list[str] | None = None,
              named_graphs: list[str] | None = None):
        kwargs = {}
        if default_graph:  # SPARQL protocol's default-graph-uri: their merge, as the spec says
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graph]
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        return self._store.query(sparql, **kwargs)

    def __len__(self) -> int:
        """Quads in the named graphs."""
        merged = next(iter(self._store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"]
        return len(self._store) - int(merged.value)

    def flush(self) -> None:
        if self.path is not None and not self.read_only:
            self._store.flush()

    def close(self) -> None:
        self.flush()
        del self._store


def graph_quads(store: GraphStore, graph: str) -> list[ox.Quad]:
    """The quads of one named graph of any store (by SPARQL: embedded and remote alike)."""
    g = ox.NamedNode(graph)
    return [ox.Quad(sol["s"], sol["p"], sol["o"], g)
            for sol in store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")]


def files_signature(store_dir: Path) -> dict[str, int]:
    """The embedded store's files and their sizes: any write to the store adds or grows a file
    (RocksDB writes immutable tables, a log and a manifest), so an equal signature means an
    unchanged store. The info logs (``LOG*``) are left out: opening a store writes them."""
    return {p.name: p.stat().st_size for p in sorted(Path(store_dir).iterdir())
            if p.is_file() and not p.name.startswith("LOG")}
