"""A one-article rebuild writes every output a build from scratch of the same input writes, byte
for byte (graph.ttl, graph.trig, graph.html, stats.json, void.ttl, ontology.html), whether the
changed article's facts change, stay as they were, the article is removed or a new one is
added; on the path of a
small graph and on that of a large one (dumps in a child process, the analysis from the kept
facts). A rebuild reads no article graph through SPARQL, nor the analytics graph it wrote."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from partnergraph.graph import stats_memo
from partnergraph.namespaces import VOCABULARY_GRAPH
from partnergraph.pipeline import outputs as pipeline_outputs
from partnergraph.pipeline.build import BuildOptions, build
from partnergraph.viewer import facts as viewer_facts
from conftest import write_jsonl

SAMPLE = Path(__file__).parent.parent / "data" / "sample" / "articles.jsonl"
OUTPUTS = ("graph.ttl", "graph.trig", "graph.html", "stats.json", "void.ttl", "ontology.html")
#: the changes, as functions of the sample's records: a new partnership with a place the article
#: did not name (its facts change), a sentence naming nothing the viewer shows (same facts), and
#: the article gone (with --prune), and an article more
CHANGES = {
    "facts change": lambda recs: recs[:2] + [{**recs[2], "text": recs[2]["text"]
                                             + " Die Städtepartnerschaft zwischen Köln und Kyjiw besteht seit 1989."}]
    + recs[3:],
    "same facts": lambda recs: recs[:2] + [{**recs[2], "text": recs[2]["text"]
                                           + " Die Sitzung im Rathaus dauerte am Ende knapp zwei Stunden."}] + recs[3:],
    "article removed": lambda recs: recs[:2] + recs[3:],
    "article added": lambda recs: recs + [NEXT],
}
#: the sample article the "article added" change adds (the tests build the first 12)
NEXT = json.loads(SAMPLE.read_text(encoding="utf-8").splitlines()[12])


def run(source: str, out: Path):
    return build([source], BuildOptions(out_dir=out, jobs=1, prune=True))


@pytest.mark.parametrize("large", [False, True], ids=["small-graph path", "large-graph path"])
@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_one_article_rebuild_writes_the_bytes_of_a_build_from_scratch(tmp_path, monkeypatch, change, large):
    if large:  # the dumps in a child process, the analysis from the kept facts
        monkeypatch.setattr(pipeline_outputs, "DUMPS_CHILD_MIN_ARTICLES", 1)
    recs = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()[:12]]
    source = write_jsonl(tmp_path / "a.jsonl", recs)
    run(source, tmp_path / "inc")
    write_jsonl(tmp_path / "a.jsonl", CHANGES[change](recs))
    asked: list[str] = []
    real, real_rows = viewer_facts._graph_triples, viewer_facts.analytics_rows
    monkeypatch.setattr(viewer_facts, "_graph_triples", lambda store, g: asked.append(g) or real(store, g))
    monkeypatch.setattr(viewer_facts, "analytics_rows", lambda store: pytest.fail("the analytics graph was queried"))
    report = run(source, tmp_path / "inc")
    assert (report.articles_extracted, report.articles_removed) == ((0, 1) if change == "article removed" else (1, 0))
    assert set(asked) <= {VOCABULARY_GRAPH}  # no article graph: their facts came from the file or the worker
    monkeypatch.setattr(viewer_facts, "_graph_triples", real)
    monkeypatch.setattr(viewer_facts, "analytics_rows", real_rows)
    run(source, tmp_path / "scratch")
    for name in OUTPUTS:
        assert (tmp_path / "inc" / name).read_bytes() == (tmp_path / "scratch" / name).read_bytes(), name
    assert json.loads((tmp_path / "inc" / "build-report.json").read_text(encoding="utf-8"))["validation"]["conforms"]


def test_stats_json_is_taken_from_the_memo_when_the_network_did_not_change(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline_outputs, "DUMPS_CHILD_MIN_ARTICLES", 1)
    recs = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()[:12]]
    source = write_jsonl(tmp_path / "a.jsonl", recs)
    run(source, tmp_path / "inc")
    before = (tmp_path / "inc" / "stats.json").read_bytes()
    write_jsonl(tmp_path / "a.jsonl", CHANGES["same facts"](recs))
    summarised: list[int] = []
    real = stats_memo.stats_from
    monkeypatch.setattr(stats_memo, "stats_from", lambda a: summarised.append(1) or real(a))
    assert run(source, tmp_path / "inc").articles_extracted == 1
    assert summarised == []  # the network is the last build's: so are the bytes
    assert (tmp_path / "inc" / "stats.json").read_bytes() == before
