"""The build's store loader (pipeline/load.py): batches of new graphs may load side by side,
every other write keeps its place in the order."""

import threading

import pytest

from partnergraph.pipeline.store_writes import Loader

#: seconds a test waits for a write that should happen; far above anything it does
PATIENCE = 10


def test_batches_of_new_graphs_load_side_by_side():
    both = threading.Barrier(2, timeout=PATIENCE)  # breaks unless the two batches overlap
    loader = Loader()
    loader.submit(both.wait, adds=True)
    loader.submit(both.wait, adds=True)
    loader.wait()


def test_a_write_after_batches_of_new_graphs_waits_for_all_of_them_and_later_batches_wait_for_it(monkeypatch):
    monkeypatch.setattr(Loader, "MAX_PENDING", 10)  # all four queued while the first is held
    done: list[str] = []
    release = threading.Event()

    def batch(name):
        if name == "slow":
            assert release.wait(PATIENCE)
        done.append(name)

    loader = Loader()
    loader.submit(batch, "slow", adds=True)
    loader.submit(batch, "quick", adds=True)
    loader.submit(batch, "vocabulary")  # e.g. write_vocabulary: after every batch before it
    loader.submit(batch, "next", adds=True)
    release.set()
    loader.wait()
    assert done[2:] == ["vocabulary", "next"] and sorted(done[:2]) == ["quick", "slow"]


def test_writes_other_than_new_graphs_keep_their_order():
    done: list[int] = []
    loader = Loader()
    for i in range(6):
        loader.submit(done.append, i)
    loader.wait()
    assert done == list(range(6))


def test_a_failed_batch_fails_the_build_and_the_writes_after_it_do_not_happen():
    done: list[str] = []

    def fail():
        raise OSError("No space left on device")

    loader = Loader()
    with pytest.raises(OSError, match="No space left"):  # on the next submit, or at the end
        try:
            loader.submit(fail, adds=True)
            loader.submit(done.append, "vocabulary")
        finally:
            loader.wait()
    assert done == []
