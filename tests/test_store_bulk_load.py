"""Loading through Oxigraph's bulk loader (store/embedded.py): the same graph as transactional
inserts, a merged default graph that stays a set, and a build that fails inside a bulk load
leaves the last good directory as it was (the bulk loader is not atomic; the build loads into a
staged checkpoint of the store, GraphDir.stage_store)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from partnergraph.errors import StoreError
from partnergraph.pipeline.build import BuildOptions, build
from partnergraph.store import embedded
from partnergraph.store.embedded import EmbeddedStore

#: the files a build commits whose bytes depend on the store (graph.ttl/.trig come from the dump
#: pieces unless a piece is missing; compared all the same)
COMMITTED = ["graph.ttl", "graph.trig", "graph.html", "stats.json", "void.ttl"]


def _graphs(store_dir: Path) -> dict[str, Graph]:
    """Every graph of a store as an rdflib graph, the merged default graph under ''."""
    store = EmbeddedStore(store_dir, read_only=True)
    lines: dict[str, list[str]] = {}
    for q in store.raw:
        name = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
        lines.setdefault(name, []).append(f"{q.subject} {q.predicate} {q.object} .\n")
    store.close()
    return {name: Graph().parse(data="".join(nt), format="nt") for name, nt in lines.items()}


def last_good(out: Path) -> tuple[dict[str, bytes], dict[str, Graph]]:
    """What a failed build must leave as it was: the committed files and the store's graphs."""
    files = {name: (out / name).read_bytes() for name in ("graph.ttl", "graph.trig", "state.json")}
    return files, _graphs(out / "store")


def assert_left_as(out: Path, snapshot: tuple[dict[str, bytes], dict[str, Graph]]) -> dict[str, Graph]:
    """The directory is the `last_good` snapshot again, nothing staged left; the store's graphs."""
    files, graphs_before = snapshot
    assert {name: (out / name).read_bytes() for name in files} == files
    assert not (out / ".staging").exists()
    graphs_after = _graphs(out / "store")
    assert sorted(graphs_after) == sorted(graphs_before)
    assert all(isomorphic(graphs_after[n], graphs_before[n]) for n in graphs_before)
    return graphs_after


def same_builds(got_dir: Path, want_dir: Path) -> tuple[dict[str, Graph], dict[str, Graph]]:
    """Asserts that two build directories' stores hold the same graphs by name (isomorphic) and
    that their committed files are byte-identical; their graphs."""
    got, want = _graphs(got_dir / "store"), _graphs(want_dir / "store")
    assert sorted(got) == sorted(want)
    for name in want:
        assert isomorphic(got[name], want[name]), name
    for name in COMMITTED:
        assert (got_dir / name).read_bytes() == (want_dir / name).read_bytes(), name
    return got, want


def test_a_build_through_the_bulk_loader_stores_the_same_graphs_and_commits_the_same_files(tmp_path, monkeypatch):
    monkeypatch.setattr(embedded, "BULK_MIN_QUADS", 1)
    bulk = tmp_path / "bulk"
    build(None, BuildOptions(out_dir=bulk, jobs=1, validate=False))
    monkeypatch.setattr(embedded, "BULK_MIN_QUADS", 10**12)
    inserts = tmp_path / "inserts"
    build(None, BuildOptions(out_dir=inserts, jobs=1, validate=False))
    got, want = same_builds(bulk, inserts)
    # the merge is the union of the article graphs, each triple once
    union = Graph()
    for name, g in want.items():
        if name:
            union += g
    assert isomorphic(got[""], union)


@pytest.mark.parametrize("first_load", ["add_graphs_nquads", "replace_graphs_nquads"])
@pytest.mark.parametrize("bulk_min", [1, 10**12], ids=["bulk", "inserts"])
def test_a_triple_two_graphs_of_one_batch_state_is_merged_once_and_outlives_one_of_them(tmp_path, monkeypatch,
                                                                                          bulk_min, first_load):
    monkeypatch.setattr(embedded, "BULK_MIN_QUADS", bulk_min)
    shared = b'<urn:x:place> <http://www.w3.org/2000/01/rdf-schema#label> "Ortsname"@de'
    one = shared + b" <urn:x:g1> .\n" + b"<urn:x:a> <urn:x:p> <urn:x:b> <urn:x:g1> .\n"
    two = shared + b" <urn:x:g2> .\n"
    store = EmbeddedStore(tmp_path / "store")
    getattr(store, first_load)([("urn:x:g1", one), ("urn:x:g2", two)])
    merged = list(store.triples())
    assert len(merged) == 2 and len(store) == 3
    # replacing a graph that is there drops its old triples (and their merge) first
    store.replace_graphs_nquads([("urn:x:g1", one.replace(b"<urn:x:b>", b"<urn:x:c>"))])
    assert sorted(str(t.object) for t in store.triples()) == ['"Ortsname"@de', "<urn:x:c>"]
    assert len(store) == 3
    store.drop_graph("urn:x:g1")
    assert [str(t.subject) for t in store.triples()] == ["<urn:x:place>"]
    store.drop_graph("urn:x:g2")
    assert list(store.triples()) == []
    store.close()


def test_a_build_failing_inside_a_bulk_load_leaves_the_last_good_directory(tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(None, BuildOptions(out_dir=out, jobs=1, viz=False, validate=False))
    snapshot = last_good(out)
    corpus = tmp_path / "more.jsonl"
    corpus.write_text('{"url": "https://kommune.example/neu", "title": "Neue Partnerschaft", "date": "2024-03-01", '
                      '"text": "Die Stadt Leipzig und die Stadt Kyjiw vertiefen ihre Städtepartnerschaft."}\n',
                      encoding="utf-8")
    sample = Path(__file__).resolve().parents[1] / "data" / "sample"
    loaded = []
    original = EmbeddedStore.add_graphs_nquads  # replace_graphs_nquads loads through it too

    def loads_then_fails(self, graphs, shared=None):
        original(self, graphs, shared)  # the bulk loader has written its files into the staged store
        loaded.append(len(graphs))
        raise StoreError("the disk went away in the middle of a bulk load")

    monkeypatch.setattr(embedded, "BULK_MIN_QUADS", 1)
    monkeypatch.setattr(EmbeddedStore, "add_graphs_nquads", loads_then_fails)
    with pytest.raises(StoreError):
        build([str(sample), str(corpus)], BuildOptions(out_dir=out, jobs=1, viz=False, validate=False))
    assert loaded  # the failure came after a bulk load had written to the staged store
    graphs_after = assert_left_as(out, snapshot)
    assert URIRef("https://kommune.example/neu") not in {s for g in graphs_after.values() for s in g.objects()}
