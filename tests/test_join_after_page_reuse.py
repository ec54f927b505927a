"""A rebuild that took graph.html over (the changed article's viewer facts stayed the same)
leaves the joined network describing that article by its previous dump piece; the next rebuild
that changes the facts still joins only what changed, from that piece's kept facts, and writes
the bytes of a build from scratch."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from partnergraph.pipeline import outputs as pipeline_outputs
from partnergraph.pipeline.build import BuildOptions, build
from partnergraph.viewer import join_delta
from conftest import write_jsonl

SAMPLE = Path(__file__).parent.parent / "data" / "sample" / "articles.jsonl"
OUTPUTS = ("graph.ttl", "graph.trig", "graph.html", "stats.json", "void.ttl")


def run(source: str, out: Path):
    return build([source], BuildOptions(out_dir=out, jobs=1, prune=True))


@pytest.mark.parametrize("large", [False, True], ids=["small-graph path", "large-graph path"])
def test_new_facts_after_an_unchanged_page_are_joined_by_delta(tmp_path, monkeypatch, caplog, large):
    if large:
        monkeypatch.setattr(pipeline_outputs, "DUMPS_CHILD_MIN_ARTICLES", 1)
    recs = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()[:12]]
    source = write_jsonl(tmp_path / "a.jsonl", recs)
    run(source, tmp_path / "inc")
    edited = {**recs[2], "text": recs[2]["text"] + " Die Sitzung im Rathaus dauerte am Ende knapp zwei Stunden."}
    write_jsonl(tmp_path / "a.jsonl", recs[:2] + [edited] + recs[3:])
    run(source, tmp_path / "inc")  # same viewer facts: the page is taken over
    dated = {**recs[2], "text": recs[2]["text"] + " Die Städtepartnerschaft zwischen Köln und Kyjiw besteht seit 1989."}
    changed = recs[:2] + [dated] + recs[3:]
    write_jsonl(tmp_path / "a.jsonl", changed)
    monkeypatch.setattr(join_delta.JoinStore, "write_all", lambda *a, **k: pytest.fail("every graph was joined"))
    with caplog.at_level(logging.WARNING):
        run(source, tmp_path / "inc")
    assert not [r for r in caplog.records if "joining every graph" in r.getMessage()]
    monkeypatch.undo()
    run(write_jsonl(tmp_path / "b.jsonl", changed), tmp_path / "scratch")
    for name in OUTPUTS:
        assert (tmp_path / "inc" / name).read_bytes() == (tmp_path / "scratch" / name).read_bytes(), name
