"""graph.html of a build comes from the facts the build keeps per article (viewer/facts.py), not
from the store: the page is the one the store gives, a rebuild after one changed article equals
a build from scratch, and a lost or damaged facts file costs time, not correctness."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from partnergraph.namespaces import DEFAULT_BASE, VOCABULARY_GRAPH
from partnergraph.pipeline.build import BuildOptions, build
from partnergraph.pipeline.staging import open_existing
from partnergraph.store.embedded import EmbeddedStore
from partnergraph.viewer import facts as viewer_facts
from partnergraph.viewer.facts import FACTS_FILE, FactCache
from partnergraph.viewer.network import write_network

SAMPLE = Path(__file__).parent.parent / "data" / "sample" / "articles.jsonl"
#: a sentence that adds a partnership and a mention of a town the article did not name
NEW_SENTENCE = " Die Städtepartnerschaft zwischen Köln und Kyjiw besteht seit 1989."


def sample(n: int = 6) -> list[dict]:
    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()[:n]]


def write_jsonl(path: Path, recs: list[dict]) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    return str(path)


def run(source: str, out: Path, **kw):
    return build([source], BuildOptions(out_dir=out, validate=False, jobs=1, **kw))


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in ("graph.html", "stats.json", FACTS_FILE)}


def lines_by_graph(out: Path) -> dict[str, bytes]:
    lines = (out / FACTS_FILE).read_bytes().splitlines(keepends=True)[1:]
    return {json.loads(line)[0]: line for line in lines}


def test_the_page_of_a_build_is_the_page_the_store_gives(tmp_path):
    out = tmp_path / "g"
    run(write_jsonl(tmp_path / "a.jsonl", sample()), out)
    assert len(lines_by_graph(out)) == 6
    store = open_existing(out)
    from_store = write_network(store, tmp_path / "from-store.html", base=DEFAULT_BASE).read_bytes()
    assert (out / "graph.html").read_bytes() == from_store


def test_a_one_article_rebuild_equals_a_build_from_scratch(tmp_path, monkeypatch):
    recs = sample()
    source = write_jsonl(tmp_path / "a.jsonl", recs)
    run(source, tmp_path / "inc")
    before = lines_by_graph(tmp_path / "inc")
    recs[2] = {**recs[2], "text": recs[2]["text"] + NEW_SENTENCE}
    write_jsonl(tmp_path / "a.jsonl", recs)
    asked: list[str] = []  # the graphs the rebuild reads from the store
    real = viewer_facts._graph_triples
    monkeypatch.setattr(viewer_facts, "_graph_triples", lambda store, g: asked.append(g) or real(store, g))
    report = run(source, tmp_path / "inc")
    assert report.articles_extracted == 1
    assert asked == [VOCABULARY_GRAPH]  # no article graph: their facts came from the file or the worker
    monkeypatch.undo()
    run(source, tmp_path / "scratch")
    assert outputs(tmp_path / "inc") == outputs(tmp_path / "scratch")
    after = lines_by_graph(tmp_path / "inc")
    changed = [g for g in after if after[g] != before[g]]
    assert len(changed) == 1 and b"Kyjiw" in after[changed[0]] and b"Kyjiw" not in before[changed[0]]


def test_pruning_an_article_removes_its_facts(tmp_path):
    recs = sample()
    source = write_jsonl(tmp_path / "a.jsonl", recs)
    run(source, tmp_path / "inc")
    write_jsonl(tmp_path / "a.jsonl", recs[:4] + recs[5:])
    run(source, tmp_path / "inc", prune=True)
    run(source, tmp_path / "scratch")
    assert outputs(tmp_path / "inc") == outputs(tmp_path / "scratch")
    assert len(lines_by_graph(tmp_path / "inc")) == 5


@pytest.mark.parametrize("damage", ["missing", "garbage", "other version", "cut line", "wrong shape"])
def test_a_lost_or_damaged_facts_file_is_made_again_from_the_store(tmp_path, damage):
    recs = sample()
    source = write_jsonl(tmp_path / "a.jsonl", recs)
    run(source, tmp_path / "inc")
    path = tmp_path / "inc" / FACTS_FILE
    data = path.read_bytes()
    if damage == "missing":
        path.unlink()
    elif damage == "garbage":
        path.write_bytes(b"\xff\xfe not json\n")
    elif damage == "other version":
        path.write_bytes(data.replace(b'"v": 1', b'"v": 0', 1))
    elif damage == "cut line":
        path.write_bytes(data[: len(data) // 2])
    else:  # valid JSON, but not the facts of a graph
        head, first, rest = data.split(b"\n", 2)
        path.write_bytes(head + b"\n" + first[: first.index(b",{") + 1] + b'{"t":1}]\n' + rest)
    recs[0] = {**recs[0], "text": recs[0]["text"] + NEW_SENTENCE}
    write_jsonl(tmp_path / "a.jsonl", recs)
    assert run(source, tmp_path / "inc").articles_extracted == 1
    run(source, tmp_path / "scratch")
    assert outputs(tmp_path / "inc") == outputs(tmp_path / "scratch")


def test_facts_are_not_used_when_the_store_holds_graphs_they_do_not_describe(tmp_path):
    store = EmbeddedStore(None)
    g = "https://example.org/someone-elses-graph"
    store.replace_graph(g, [ox.Quad(ox.NamedNode("https://example.org/x"), ox.NamedNode("https://example.org/p"),
                                    ox.Literal("y"), ox.NamedNode(g))])
    assert FactCache(tmp_path, DEFAULT_BASE).assemble(store, {}, tmp_path) is None
    assert not (tmp_path / FACTS_FILE).exists()
