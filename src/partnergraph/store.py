"""The triple store behind a graph directory: embedded Oxigraph (default).

One interface, `GraphStore`, for every backend: replace or drop one named graph, run a read-only
query with the union of all graphs as the default graph, and iterate quads. A remote SPARQL 1.1
store (``--store URL``) implements the same interface in `remote.py`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from .errors import StoreError

LOGGER = logging.getLogger(__name__)

STORE_DIRNAME = "store"


class GraphStore(Protocol):
    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None: ...
    def replace_graph_nquads(self, graph: str, nquads: bytes) -> None: ...
    def drop_graph(self, graph: str) -> None: ...
    def graph_names(self) -> set[str]: ...
    def quads(self) -> Iterator[ox.Quad]: ...
    def query(self, sparql: str, *, default_graph: list[str] | None = None,
              named_graphs: list[str] | None = None): ...
    def __len__(self) -> int: ...
    def flush(self) -> None: ...
    def close(self) -> None: ...


class EmbeddedStore:
    """A persistent pyoxigraph store in ``DIR/store`` (or in memory with ``path=None``)."""

    def __init__(self, path: Path | None, *, read_only: bool = False):
        self.path = path
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
        return self._store

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        g = ox.NamedNode(graph)
        self._store.remove_graph(g) if self._store.contains_named_graph(g) else None
        self._store.extend(quads)

    def replace_graph_nquads(self, graph: str, nquads: bytes) -> None:
        g = ox.NamedNode(graph)
        if self._store.contains_named_graph(g):
            self._store.remove_graph(g)
        self._store.load(nquads, format=ox.RdfFormat.N_QUADS)

    def drop_graph(self, graph: str) -> None:
        g = ox.NamedNode(graph)
        if self._store.contains_named_graph(g):
            self._store.remove_graph(g)

    def graph_names(self) -> set[str]:
        return {g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)}

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self._store.quads_for_pattern(None, None, None, None))

    def query(self, sparql: str, *, default_graph: list[str] | None = None,
              named_graphs: list[str] | None = None):
        kwargs = {}
        if default_graph:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graph]
        else:
            kwargs["use_default_graph_as_union"] = True
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        return self._store.query(sparql, **kwargs)

    def __len__(self) -> int:
        return len(self._store)

    def flush(self) -> None:
        if self.path is not None:
            self._store.flush()

    def close(self) -> None:
        self.flush()
        del self._store


def open_store(directory: Path, *, read_only: bool = False, store_url: str | None = None, **remote) -> GraphStore:
    """The store of a graph directory, or the remote store at `store_url`."""
    if store_url:
        from .remote import RemoteStore

        return RemoteStore(store_url, **remote)
    return EmbeddedStore(directory / STORE_DIRNAME, read_only=read_only)
