"""A rebuild writes graph.ttl and graph.trig by splicing the last build's files (publish/
dump_splice.py): it reads only the changed articles' pieces, and what it writes is byte for
byte what a build from scratch writes, after a changed, an added and a removed article, and
when the index is damaged, foreign or describes other files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from partnergraph.graphdir import DUMPS_INDEX_FILE
from partnergraph.pipeline.build import BuildOptions, build
from partnergraph.publish import dump_splice
from partnergraph.publish.dumps import DumpCache
from conftest import write_jsonl

SAMPLE = Path(__file__).parent.parent / "data" / "sample" / "articles.jsonl"
#: a sentence that adds a partnership, hence shared triples, to the article
NEW_SENTENCE = " Die Städtepartnerschaft zwischen Köln und Kyjiw besteht seit 1989."
DUMPS = ("graph.ttl", "graph.trig", "build-report.json")


def sample(n: int = 8) -> list[dict]:
    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()[:n]]


def run(source: str, out: Path, **kw):
    return build([source], BuildOptions(out_dir=out, validate=False, viz=False, jobs=1, **kw))


def dumps(out: Path) -> dict[str, bytes]:
    got = {name: (out / name).read_bytes() for name in ("graph.ttl", "graph.trig")}
    report = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    # the counts the tally gives (VoID reads them too)
    got["counts"] = json.dumps({k: report.get(k) for k in ("quads", "triples", "classes", "entities", "properties",
                                                           "distinct_classes", "examples")}).encode()
    return got


def scratch(recs: list[dict], tmp_path: Path, name: str) -> dict[str, bytes]:
    out = tmp_path / name
    run(write_jsonl(tmp_path / f"{name}.jsonl", recs), out)
    return dumps(out)


@pytest.fixture
def reads(monkeypatch):
    """The pieces whose TriG blocks a build reads (the full assembly reads all of them)."""
    seen: list[str] = []
    real = DumpCache.read

    def read(self, name, *parts):
        if "trig" in parts:
            seen.append(name)
        return real(self, name, *parts)

    monkeypatch.setattr(DumpCache, "read", read)
    return seen


def test_a_changed_article_is_spliced_into_the_files_of_the_last_build(tmp_path, reads):
    recs = sample()
    source = write_jsonl(tmp_path / "a.jsonl", recs)
    run(source, tmp_path / "inc")
    assert (tmp_path / "inc" / DUMPS_INDEX_FILE).is_file()
    assert len(reads) == len(recs)
    reads.clear()
    recs[3] = {**recs[3], "text": recs[3]["text"] + NEW_SENTENCE}
    write_jsonl(tmp_path / "a.jsonl", recs)
    assert run(source, tmp_path / "inc").articles_extracted == 1
    assert len(reads) == 1  # the changed article's piece only
    assert dumps(tmp_path / "inc") == scratch(recs, tmp_path, "fresh")


def test_added_and_removed_articles_give_the_files_of_a_build_from_scratch(tmp_path):
    recs = sample()
    source = write_jsonl(tmp_path / "a.jsonl", recs[:6])
    run(source, tmp_path / "inc")
    write_jsonl(tmp_path / "a.jsonl", recs[1:])  # the first article gone, two new ones
    run(source, tmp_path / "inc", prune=True)
    assert dumps(tmp_path / "inc") == scratch(recs[1:], tmp_path, "fresh")


@pytest.mark.parametrize("damage", ["garbage", "other-files", "missing-piece"])
def test_a_damaged_or_foreign_index_costs_time_not_correctness(tmp_path, reads, damage):
    recs = sample()
    source = write_jsonl(tmp_path / "a.jsonl", recs)
    out = tmp_path / "inc"
    run(source, out)
    if damage == "garbage":
        (out / DUMPS_INDEX_FILE).write_bytes(b"\x00not an index")
    elif damage == "other-files":  # the files replaced by others of the same size
        data = (out / "graph.ttl").read_bytes()
        (out / "graph.ttl").unlink()
        (out / "graph.ttl").write_bytes(data)
    else:  # the last build's piece of the article that changes is gone
        state = json.loads((out / "state.json").read_text(encoding="utf-8"))
        DumpCache(out).path(state["articles"][recs[3]["url"]]["piece"]).unlink()
    reads.clear()
    recs[3] = {**recs[3], "text": recs[3]["text"] + NEW_SENTENCE}
    write_jsonl(tmp_path / "a.jsonl", recs)
    run(source, out)
    assert len(reads) == len(recs)  # assembled from every piece
    assert dumps(out) == scratch(recs, tmp_path, "fresh")
    assert dump_splice.read_index(out, DUMPS_INDEX_FILE, json.loads((out / "state.json").read_text())["base"],
                                  "graph.ttl", "graph.trig") is not None  # a new index for the next build


def test_rendered_turtle_is_cut_at_each_subject():
    text = b"<a> <p> <o> ;\n\t<q> \"x\" .\n<b> <p> <o> .\n<c> a <K> ;\n\t<p> <o1> , <o2> .\n"
    assert dump_splice._split_subjects(text) == [b"<a> <p> <o> ;\n\t<q> \"x\" .\n", b"<b> <p> <o> .\n",
                                                 b"<c> a <K> ;\n\t<p> <o1> , <o2> .\n"]


def test_rebuilds_in_a_row_keep_the_index_updated_in_place(tmp_path, reads):
    """Each rebuild rewrites only the index rows of what changed, in the same file; the next
    rebuild splices from it again, after a changed, a removed and an added article."""
    recs = sample()
    source = write_jsonl(tmp_path / "a.jsonl", recs[:7])
    out = tmp_path / "inc"
    run(source, out)
    inode = (out / DUMPS_INDEX_FILE).stat().st_ino
    changed = [*recs[:2], {**recs[2], "text": recs[2]["text"] + NEW_SENTENCE}, *recs[3:7]]
    steps = [changed, changed[1:], changed[1:] + recs[7:]]  # one changed, one removed, one added
    for i, step in enumerate(steps):
        reads.clear()
        write_jsonl(tmp_path / "a.jsonl", step)
        run(source, out, prune=True)
        assert len(reads) <= 1  # the changed or added article's piece, not all of them
        assert (out / DUMPS_INDEX_FILE).stat().st_ino == inode
        assert dumps(out) == scratch(step, tmp_path, f"fresh{i}")


def test_a_build_that_never_committed_leaves_an_index_of_no_file(tmp_path, reads):
    """The index is updated before the commit moves the files into place: the files of a
    build that stopped there are not the committed ones, so the next build assembles all."""
    recs = sample()
    source = write_jsonl(tmp_path / "a.jsonl", recs)
    out = tmp_path / "inc"
    run(source, out)
    base = json.loads((out / "state.json").read_text())["base"]
    cache = DumpCache(out)
    state = json.loads((out / "state.json").read_text(encoding="utf-8"))
    pieces = {r["graph"]: r["piece"] for r in state["articles"].values()}
    fewer = dict(sorted(pieces.items())[1:])
    staged = tmp_path / "staged"
    staged.mkdir()
    dump_splice.write(cache, fewer, {}, base=base, ttl=staged / "graph.ttl", trig=staged / "graph.trig",
                      previous=out, index_path=out / DUMPS_INDEX_FILE, ranges=dump_splice.ranges(base))
    assert dump_splice.read_index(out, DUMPS_INDEX_FILE, base, "graph.ttl", "graph.trig") is None
    reads.clear()
    recs[3] = {**recs[3], "text": recs[3]["text"] + NEW_SENTENCE}
    write_jsonl(tmp_path / "a.jsonl", recs)
    run(source, out)
    assert len(reads) == len(recs)
    assert dumps(out) == scratch(recs, tmp_path, "fresh")
