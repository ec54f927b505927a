"""graph.html of a build comes from the facts the build keeps per article (viewer/facts.py), not
from the store: the page is the one the store gives, a rebuild after one changed article equals
a build from scratch and stores the facts of that article only, and a lost or damaged facts
store costs time, not correctness."""

from __future__ import annotations

import json
import marshal
import sqlite3
from pathlib import Path

import pyoxigraph as ox
import pytest

from partnergraph.namespaces import DEFAULT_BASE, VOCABULARY_GRAPH
from partnergraph.pipeline.build import BuildOptions, build
from partnergraph.graphdir import GraphDir
from partnergraph.store.embedded import EmbeddedStore
from partnergraph.viewer import facts as viewer_facts
from partnergraph.viewer.facts import FACTS_FILE, FactCache
from partnergraph.viewer.network import write_network
from conftest import write_jsonl

SAMPLE = Path(__file__).parent.parent / "data" / "sample" / "articles.jsonl"
#: a sentence that adds a partnership and a mention of a town the article did not name
NEW_SENTENCE = " Die Städtepartnerschaft zwischen Köln und Kyjiw besteht seit 1989."


def sample(n: int = 6) -> list[dict]:
    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()[:n]]


def run(source: str, out: Path, **kw):
    return build([source], BuildOptions(out_dir=out, validate=False, jobs=1, **kw))


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in ("graph.html", "stats.json")}


def facts_by_graph(out: Path) -> dict[str, bytes]:
    """The stored facts of each graph whose piece the directory's state names."""
    current = {rec["piece"] for rec in json.loads((out / "state.json").read_text(encoding="utf-8"))["articles"].values()}
    with sqlite3.connect(out / FACTS_FILE) as db:
        return {graph: data for piece, graph, data in db.execute("SELECT piece, graph, data FROM facts")
                if piece in current}


def rows(out: Path) -> int:
    with sqlite3.connect(out / FACTS_FILE) as db:
        return db.execute("SELECT COUNT(*) FROM facts").fetchone()[0]


def test_the_page_of_a_build_is_the_page_the_store_gives(tmp_path):
    out = tmp_path / "g"
    run(write_jsonl(tmp_path / "a.jsonl", sample()), out)
    assert len(facts_by_graph(out)) == 6
    store = GraphDir(out).open_store()
    from_store = write_network(store, tmp_path / "from-store.html", base=DEFAULT_BASE).read_bytes()
    assert (out / "graph.html").read_bytes() == from_store


def test_a_one_article_rebuild_equals_a_build_from_scratch(tmp_path, monkeypatch):
    recs = sample()
    source = write_jsonl(tmp_path / "a.jsonl", recs)
    run(source, tmp_path / "inc")
    before = facts_by_graph(tmp_path / "inc")
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
    after = facts_by_graph(tmp_path / "inc")
    changed = [g for g in after if after[g] != before[g]]
    assert len(changed) == 1 and b"Kyjiw" in after[changed[0]] and b"Kyjiw" not in before[changed[0]]
    assert rows(tmp_path / "inc") == 6  # the changed article's old row is gone


def test_pruning_an_article_removes_its_facts(tmp_path):
    recs = sample()
    source = write_jsonl(tmp_path / "a.jsonl", recs)
    run(source, tmp_path / "inc")
    write_jsonl(tmp_path / "a.jsonl", recs[:4] + recs[5:])
    run(source, tmp_path / "inc", prune=True)
    run(source, tmp_path / "scratch")
    assert outputs(tmp_path / "inc") == outputs(tmp_path / "scratch")
    assert len(facts_by_graph(tmp_path / "inc")) == 5 == rows(tmp_path / "inc")


@pytest.mark.parametrize("damage", ["missing", "garbage", "other version", "cut file", "wrong shape", "cut row"])
def test_a_lost_or_damaged_facts_store_is_made_again_from_the_store(tmp_path, damage):
    recs = sample()
    source = write_jsonl(tmp_path / "a.jsonl", recs)
    run(source, tmp_path / "inc")
    path = tmp_path / "inc" / FACTS_FILE
    data = path.read_bytes()
    if damage == "missing":
        path.unlink()
    elif damage == "garbage":
        path.write_bytes(b"\xff\xfe not a database\n" * 100)
    elif damage == "cut file":
        path.write_bytes(data[: len(data) // 2])
    else:
        with sqlite3.connect(path) as db:
            if damage == "other version":
                db.execute("UPDATE meta SET value = '0' WHERE key = 'version'")
            elif damage == "wrong shape":  # valid marshal, but not the facts of a graph
                db.execute("UPDATE facts SET data = ?", (marshal.dumps({"t": 1}),))
            else:
                db.execute("UPDATE facts SET data = substr(data, 1, 20)")
    recs[0] = {**recs[0], "text": recs[0]["text"] + NEW_SENTENCE}
    write_jsonl(tmp_path / "a.jsonl", recs)
    assert run(source, tmp_path / "inc").articles_extracted == 1
    run(source, tmp_path / "scratch")
    assert outputs(tmp_path / "inc") == outputs(tmp_path / "scratch")
    assert facts_by_graph(tmp_path / "inc") == facts_by_graph(tmp_path / "scratch")


def test_the_facts_file_of_earlier_versions_is_removed(tmp_path):
    source = write_jsonl(tmp_path / "a.jsonl", sample())
    (tmp_path / "inc").mkdir()
    (tmp_path / "inc" / "viewer-facts.jsonl").write_text('{"v": 1}\n', encoding="utf-8")
    run(source, tmp_path / "inc")
    assert not (tmp_path / "inc" / "viewer-facts.jsonl").exists()


def test_facts_are_not_used_when_the_store_holds_graphs_they_do_not_describe(tmp_path):
    store = EmbeddedStore(None)
    g = "https://example.org/someone-elses-graph"
    store.replace_graph(g, [ox.Quad(ox.NamedNode("https://example.org/x"), ox.NamedNode("https://example.org/p"),
                                    ox.Literal("y"), ox.NamedNode(g))])
    assert FactCache(tmp_path, DEFAULT_BASE).assemble(store, {}) is None
    assert not (tmp_path / FACTS_FILE).exists()


#: every file of a graph directory a build writes for readers (the caches and the store aside)
OUTPUTS = ("graph.ttl", "graph.trig", "graph.html", "stats.json", "void.ttl", "ontology.html")


@pytest.mark.parametrize("dumps_child", [False, True], ids=["dumps here", "dumps in a child"])
def test_a_rebuild_remembers_the_analysis_and_layouts_and_equals_a_build_from_scratch(tmp_path, monkeypatch,
                                                                                      dumps_child):
    from partnergraph.graph import analytics
    from partnergraph.pipeline import outputs as pipeline_outputs
    from partnergraph.viewer import layout

    if dumps_child:  # the path of a rebuild of a large graph: the analysis from the facts
        monkeypatch.setattr(pipeline_outputs, "DUMPS_CHILD_MIN_ARTICLES", 1)
    recs = sample(40)
    source = write_jsonl(tmp_path / "a.jsonl", recs)
    build([source], BuildOptions(out_dir=tmp_path / "inc", jobs=1))
    recs[2] = {**recs[2], "text": recs[2]["text"] + " Auch der Gemeinderat von Köln war dabei."}
    write_jsonl(tmp_path / "a.jsonl", recs)
    computed = {"analyses": 0, "components": []}
    real_analyse, real_component = analytics.analyse, layout._component
    monkeypatch.setattr(analytics, "analyse", lambda *a: computed.__setitem__("analyses", computed["analyses"] + 1)
                        or real_analyse(*a))
    monkeypatch.setattr(layout, "_component", lambda h: computed["components"].append(len(h)) or real_component(h))
    assert build([source], BuildOptions(out_dir=tmp_path / "inc", jobs=1)).articles_extracted == 1
    if dumps_child:
        assert computed["analyses"] == 0  # the network did not change: the last analysis is reused
    assert all(n < layout.MEMO_MIN_NODES for n in computed["components"])  # no component laid out again
    monkeypatch.undo()
    build([source], BuildOptions(out_dir=tmp_path / "scratch", jobs=1))
    for name in OUTPUTS:
        assert (tmp_path / "inc" / name).read_bytes() == (tmp_path / "scratch" / name).read_bytes(), name
