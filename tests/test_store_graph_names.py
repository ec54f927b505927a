"""The embedded store keeps its graph names across its own writes (a rebuild asks for them
several times, and reading 10,000 names took 0.1 s each time): after every kind of write they
are the names the store itself lists."""

from __future__ import annotations

import pyoxigraph as ox

from partnergraph.store.embedded import EmbeddedStore

EX = "https://example.org/"


def quads(graph: str, n: int = 2) -> list[ox.Quad]:
    return [ox.Quad(ox.NamedNode(EX + "s"), ox.NamedNode(EX + f"p{i}"), ox.Literal(graph), ox.NamedNode(graph))
            for i in range(n)]


def nquads(graph: str) -> bytes:
    return "".join(f"{q} .\n" for q in quads(graph)).encode()


def listed(store: EmbeddedStore) -> set[str]:
    raw = store._store.store if isinstance(store._store, Counting) else store._store
    return {g.value for g in raw.named_graphs() if isinstance(g, ox.NamedNode)}


class Counting:
    """The pyoxigraph store, counting how often its graph names are listed."""

    def __init__(self, store: ox.Store):
        self.store, self.listed = store, 0

    def named_graphs(self):
        self.listed += 1
        return self.store.named_graphs()

    def __getattr__(self, name):
        return getattr(self.store, name)


def test_the_kept_graph_names_follow_every_write(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    store._store = counting = Counting(store._store)
    steps = [
        lambda: store.replace_graphs({EX + "a": quads(EX + "a"), EX + "b": quads(EX + "b")}),
        lambda: store.replace_graph(EX + "a", quads(EX + "a", 1)),
        lambda: store.replace_graph(EX + "b", []),  # replaced by nothing: gone
        lambda: store.add_graphs_nquads([(EX + "c", nquads(EX + "c"))]),
        lambda: store.replace_graphs_nquads([(EX + "c", nquads(EX + "c")), (EX + "d", nquads(EX + "d"))]),
        lambda: store.drop_graph(EX + "c"),
        lambda: store.drop_graph(EX + "never-there"),
        lambda: store.replace_graphs_nquads([(EX + "d", b"")]),
    ]
    for step in steps:
        store.graph_names()  # known before the write: kept through it
        step()
        assert store.graph_names() == listed(store)
    assert store.graph_names() == {EX + "a"}
    assert counting.listed == 1  # listed once, at first; kept through every write since
    store.graph_names().add("changed by a caller")  # a copy: the kept names stay as they are
    assert store.graph_names() == {EX + "a"}
