"""The build's memo (memo.py): what a rebuild takes from it is what it would compute, and a
damaged memo costs the computation, never a wrong output."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from partnergraph.graphdir import MEMO_FILE
from partnergraph.memo import Memo
from partnergraph.pipeline import outputs as pipeline_outputs
from partnergraph.pipeline.build import BuildOptions, build
from conftest import write_jsonl

SAMPLE = Path(__file__).parent.parent / "data" / "sample" / "articles.jsonl"
OUTPUTS = ("graph.html", "stats.json", "graph.ttl", "void.ttl")


def test_a_value_put_is_got_back_and_rows_the_next_build_did_not_use_are_dropped(tmp_path):
    memo = Memo(tmp_path, version="a")
    memo.put("layout", "k1", b"one")
    memo.put("layout", "k2", b"two")
    memo.close(collect=True)
    memo = Memo(tmp_path, version="a")
    assert memo.get("layout", "k1") == b"one"
    memo.close(collect=True)
    memo = Memo(tmp_path, version="a")
    assert memo.get("layout", "k2") is None and memo.get("layout", "k1") == b"one"
    memo.close()
    assert Memo(tmp_path, version="b").get("layout", "k1") is None  # other code: nothing is known


@pytest.mark.parametrize("damage", ["garbage file", "damaged rows"])
def test_a_damaged_memo_is_computed_again(tmp_path, monkeypatch, damage):
    monkeypatch.setattr(pipeline_outputs, "DUMPS_CHILD_MIN_ARTICLES", 1)  # the analysis from the facts
    recs = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    source = write_jsonl(tmp_path / "a.jsonl", recs)
    build([source], BuildOptions(out_dir=tmp_path / "inc", jobs=1, validate=False))
    path = tmp_path / "inc" / MEMO_FILE
    if damage == "garbage file":
        path.write_bytes(b"not a database\n" * 200)
    else:
        with sqlite3.connect(path) as db:
            assert db.execute("UPDATE memo SET data = x'00ff'").rowcount >= 2  # an analysis and a layout
    recs[1] = {**recs[1], "text": recs[1]["text"] + " Die Partnerschaft wird weiter gepflegt."}
    write_jsonl(tmp_path / "a.jsonl", recs)
    assert build([source], BuildOptions(out_dir=tmp_path / "inc", jobs=1, validate=False)).articles_extracted == 1
    build([source], BuildOptions(out_dir=tmp_path / "scratch", jobs=1, validate=False))
    for name in OUTPUTS:
        assert (tmp_path / "inc" / name).read_bytes() == (tmp_path / "scratch" / name).read_bytes(), name
