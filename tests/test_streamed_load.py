"""A full build into a store without graphs loads all its article graphs as one bulk load that
reads a pipe the build feeds (pipeline/store_writes.StreamedLoad): the same store and files as
batch by batch, one load, and a failing load fails the build and leaves the last good directory."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from partnergraph.errors import StoreError
from partnergraph.pipeline import load
from partnergraph.pipeline.build import BuildOptions, build
from partnergraph.pipeline.store_writes import Loader, StreamedLoad
from partnergraph.store import embedded
from partnergraph.store.embedded import EmbeddedStore

from test_store_bulk_load import assert_left_as, last_good, same_builds


def test_a_full_build_in_one_streamed_load_stores_the_same_graphs_and_files_as_batch_by_batch(tmp_path, monkeypatch):
    monkeypatch.setattr(embedded, "BULK_MIN_QUADS", 1)
    monkeypatch.setattr(load, "STORE_BATCH_LINES", 40)  # several batches of the sample
    calls = []
    original = EmbeddedStore.bulk_load_nquads_file

    def counted(self, path):
        calls.append(path)
        original(self, path)

    monkeypatch.setattr(EmbeddedStore, "bulk_load_nquads_file", counted)
    streamed = tmp_path / "streamed"
    build(None, BuildOptions(out_dir=streamed, jobs=1, validate=False))
    assert len(calls) == 1
    monkeypatch.setattr(StreamedLoad, "available", staticmethod(lambda: False))
    batched = tmp_path / "batched"
    build(None, BuildOptions(out_dir=batched, jobs=1, validate=False))
    assert len(calls) == 1
    same_builds(streamed, batched)


def test_a_rebuild_of_a_store_with_graphs_loads_batch_by_batch(tmp_path, monkeypatch):
    monkeypatch.setattr(load, "STORE_BATCH_LINES", 40)
    out = tmp_path / "out"
    build(None, BuildOptions(out_dir=out, jobs=1, validate=False))
    corpus = tmp_path / "more.jsonl"
    corpus.write_text('{"url": "https://kommune.example/neu", "title": "Neue Partnerschaft", "date": "2024-03-01", '
                      '"text": "Die Stadt Leipzig und die Stadt Kyjiw vertiefen ihre Städtepartnerschaft."}\n',
                      encoding="utf-8")
    monkeypatch.setattr(StreamedLoad, "__init__", lambda *a: pytest.fail("streamed into a store with graphs"))
    sample = Path(__file__).resolve().parents[1] / "data" / "sample"
    build([str(sample), str(corpus)], BuildOptions(out_dir=out, jobs=1, validate=False))


def test_the_batches_fed_to_a_streamed_load_arrive_as_one_load(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    loader = Loader()
    stream = StreamedLoad(store.bulk_load_nquads_file, loader)
    for k in range(3):
        stream.feed(f"<urn:x:s{k}> <urn:x:p> <urn:x:o> <urn:x:g{k}> .\n".encode())
    stream.close()
    loader.wait()
    assert store.graph_names() == {"urn:x:g0", "urn:x:g1", "urn:x:g2"}
    store.close()


def test_a_streamed_load_that_fails_fails_the_build_and_leaves_the_last_good_directory(tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(None, BuildOptions(out_dir=out, jobs=1, viz=False, validate=False))
    snapshot = last_good(out)

    failed = []

    def reads_then_fails(self, path):
        failed.append(path)
        with open(path, "rb") as pipe:
            pipe.read(100)  # a part of the data, then the disk goes away; the rest is never read
        raise StoreError("the disk went away in the middle of a bulk load")

    monkeypatch.setattr(load, "STORE_BATCH_LINES", 40)
    monkeypatch.setattr(EmbeddedStore, "bulk_load_nquads_file", reads_then_fails)
    # every article again, store emptied (the build reads the fingerprint in build.py)
    monkeypatch.setattr(sys.modules["partnergraph.pipeline.build"], "fingerprint", lambda base: "rules changed")
    with pytest.raises(StoreError):
        build(None, BuildOptions(out_dir=out, jobs=1, viz=False, validate=False))
    assert failed  # the build's streamed load failed, not something before it
    assert_left_as(out, snapshot)
