"""The merged default graph's shared lines go to the store once per build (store/merge_lines.py):
a later batch leaves out the lines an earlier batch loaded, keeps every article-local line, and
the store ends with the same graphs as when every batch loads all its lines."""

from __future__ import annotations

import pyoxigraph as ox

from partnergraph.pipeline import load
from partnergraph.pipeline.build import BuildOptions, build
from partnergraph.publish.dumps import canonical_nquads, ranges
from partnergraph.store import embedded
from partnergraph.store.merge_lines import SharedLines

from test_store_bulk_load import same_builds

BASE = "https://w3id.org/partnergraph/id/"
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


def _graph(name: str, town: str) -> tuple[str, bytes]:
    g = ox.NamedNode(f"{BASE}article/{name}")
    place = ox.NamedNode(f"{BASE}municipality/de/{town.lower()}")
    mention = ox.NamedNode(f"{BASE}mention/{name}/0-5")
    quads = [ox.Quad(g, LABEL, ox.Literal(f"Artikel {name}"), g),
             ox.Quad(mention, LABEL, ox.Literal(town), g),
             ox.Quad(place, LABEL, ox.Literal(town), g),
             ox.Quad(ox.NamedNode(f"{BASE}country/de"), LABEL, ox.Literal("Deutschland"), g)]
    return g.value, canonical_nquads(quads)


def test_a_shared_line_an_earlier_graph_loaded_is_left_out_and_local_lines_are_kept():
    shared = SharedLines(ranges(BASE))
    first, second = _graph("aaaa", "Weimar"), _graph("bbbb", "Jena")
    one = shared.merged(*first).splitlines()
    two = shared.merged(*second).splitlines()
    assert len(one) == 4 and all(not line.endswith(f"<{first[0]}> .".encode()) for line in one)
    assert [line for line in two if b"country/de" in line] == []  # Deutschland came with the first
    assert any(b"article/bbbb" in line for line in two) and any(b"mention/bbbb" in line for line in two)
    assert any(b"municipality/de/jena" in line for line in two)
    again = shared.merged(*_graph("cccc", "Jena")).splitlines()
    assert len(again) == 2  # its article and mention lines; Jena and Deutschland were loaded


def test_a_build_in_one_graph_batches_stores_the_same_graphs_and_files_as_one_batch(tmp_path, monkeypatch):
    monkeypatch.setattr(embedded, "BULK_MIN_QUADS", 1)
    whole = tmp_path / "whole"
    build(None, BuildOptions(out_dir=whole, jobs=1, validate=False))
    monkeypatch.setattr(load, "STORE_BATCH_LINES", 1)  # a batch per article: shared lines left out
    apart = tmp_path / "apart"
    build(None, BuildOptions(out_dir=apart, jobs=1, validate=False))
    same_builds(apart, whole)
