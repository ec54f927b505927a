"""The viewer's network kept joined between builds (viewer/join_delta.py): brought up to date by
the graphs that changed, it is the network joined from the facts of every graph, whatever the
change (facts changed, graphs added or removed, rows that other graphs state too), a rebuild
takes that path and writes the page of a build from scratch, and a damaged or missing file
costs a full join and one warning line, never the page."""

from __future__ import annotations

import json
import logging
import marshal
import random
import sqlite3
from pathlib import Path

import pytest

from partnergraph.graphdir import JOIN_FILE
from partnergraph.pipeline.build import BuildOptions, build
from partnergraph.viewer import facts as viewer_facts
from partnergraph.viewer.facts import FACTS_FILE, _decoded
from partnergraph.viewer.join_delta import VOCABULARY, JoinStore, analytics_of
from partnergraph.viewer.load import load_facts
from partnergraph.viewer.page_data import page_data
from partnergraph.viewer.views import build_view
from conftest import write_jsonl

SAMPLE = Path(__file__).parent.parent / "data" / "sample" / "articles.jsonl"
NEW_SENTENCE = " Die Städtepartnerschaft zwischen Köln und Kyjiw besteht seit 1989."


def run(source: str, out: Path):
    return build([source], BuildOptions(out_dir=out, validate=False, jobs=1, prune=True))


@pytest.fixture(scope="module")
def sample_facts(tmp_path_factory) -> list[dict]:
    """The viewer facts of the sample's article graphs."""
    out = tmp_path_factory.mktemp("facts") / "g"
    recs = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    run(write_jsonl(out.parent / "a.jsonl", recs), out)
    with sqlite3.connect(out / FACTS_FILE) as db:
        return [_decoded(data) for _, data in sorted(db.execute("SELECT graph, data FROM facts"))]


def shape(raw) -> dict:
    """The network as plain values; the articles' topics left out (a full join without
    article nodes reads only those the partnerships read, the kept network all)."""
    return {
        "entities": {x: (e.cls, e.name, sorted(e.alt), {k: sorted(v) for k, v in e.props.items() if v},
                         sorted(e.mentioned_in)) for x, e in raw.entities.items()},
        "articles": {a: (r.title, r.url, r.date, r.dateline, sorted(r.mentions)) for a, r in raw.articles.items()},
        "partnerships": {p: (r.label, r.type, r.type_label, r.year, r.partners, sorted(r.programmes),
                             sorted(r.themes), sorted(r.articles), r.evidence) for p, r in raw.partnerships.items()},
        "analytics": raw.analytics,
    }


def mutated(facts: dict, rng: random.Random) -> dict:
    """The facts with some rows dropped and a start year changed: other facts of one graph."""
    out = {"t": [r for r in facts["t"] if rng.random() > 0.2], "e": [r for r in facts["e"] if rng.random() > 0.3],
           "l": {p: [r for r in rows if rng.random() > 0.2] for p, rows in facts["l"].items()},
           "p": {p: [list(r) for r in rows if rng.random() > 0.2] for p, rows in facts["p"].items()}}
    for r in out["p"].get("https://w3id.org/partnergraph/ontology#startYear", ()):
        r[1] = str(1900 + rng.randrange(100))
    return out


@pytest.mark.parametrize("seed", range(12))
def test_a_network_brought_up_to_date_by_changed_graphs_is_the_network_joined_from_all(tmp_path, sample_facts, seed):
    rng = random.Random(seed)
    analytics = [("https://example.org/x", "degreeCentrality", "0.5")]
    graphs = {f"urn:g:{i}": f for i, f in enumerate(sample_facts[:-4])}
    spare = sample_facts[-4:]
    join = JoinStore(tmp_path, "https://example.org/", datelines=False)
    names = sorted(graphs)
    join.write_all({g: f"piece-{g}" for g in names}, [graphs[g] for g in names],
                   load_facts([graphs[g] for g in names], analytics, articles=False))
    version = 0
    for _ in range(4):
        changes = []
        for g in rng.sample(sorted(graphs), 3):
            version += 1
            kind = rng.choice(["mutate", "remove", "copy"])
            if kind == "remove":
                changes.append((g, None, graphs.pop(g), None))
            else:  # other facts, or the facts another graph states too (rows counted twice)
                new = mutated(graphs[g], rng) if kind == "mutate" else graphs[rng.choice(sorted(graphs))]
                changes.append((g, f"piece-{version}", graphs[g], new))
                graphs[g] = new
        if spare:
            g = f"urn:g:new{version}"
            graphs[g] = spare.pop()
            changes.append((g, f"piece-{g}", None, graphs[g]))
        delta = join.apply(changes, analytics)
        full = load_facts([graphs[g] for g in sorted(graphs)], analytics, articles=False)
        assert shape(delta) == shape(full)
        assert page_data(build_view(delta)) == page_data(build_view(full))
    join.close()
    assert analytics_of(analytics) == full.analytics


def sample(n: int = 12) -> list[dict]:
    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()[:n]]


@pytest.mark.parametrize("change", ["facts change", "article removed", "article added"])
def test_a_rebuild_joins_only_the_changed_graphs_and_writes_the_page_of_a_build_from_scratch(tmp_path, monkeypatch,
                                                                                               change):
    recs = sample()
    source = write_jsonl(tmp_path / "a.jsonl", recs)
    run(source, tmp_path / "inc")
    if change == "facts change":
        recs[2] = {**recs[2], "text": recs[2]["text"] + NEW_SENTENCE}
    elif change == "article removed":
        del recs[2]
    else:
        recs.append(json.loads(SAMPLE.read_text(encoding="utf-8").splitlines()[12]))
    write_jsonl(tmp_path / "a.jsonl", recs)
    monkeypatch.setattr(viewer_facts.FactCache, "full_load", lambda *a, **k: pytest.fail("joined every graph"))
    run(source, tmp_path / "inc")
    monkeypatch.undo()
    run(source, tmp_path / "scratch")
    assert (tmp_path / "inc" / "graph.html").read_bytes() == (tmp_path / "scratch" / "graph.html").read_bytes()


@pytest.mark.parametrize("damage", ["missing", "garbage", "damaged rows", "lost record", "other graphs"])
def test_a_damaged_or_missing_join_file_costs_a_full_join_and_one_line(tmp_path, caplog, damage):
    recs = sample()
    source = write_jsonl(tmp_path / "a.jsonl", recs)
    run(source, tmp_path / "inc")
    path = tmp_path / "inc" / JOIN_FILE
    if damage == "missing":
        path.unlink()
    elif damage == "garbage":
        path.write_bytes(b"\xff\xfe not a database\n" * 100)
    else:
        with sqlite3.connect(path) as db:
            if damage == "damaged rows":  # valid marshal, but not a subject's rows
                db.execute("UPDATE subjects SET rows = ?", (marshal.dumps([]),))
            elif damage == "lost record":
                db.execute("UPDATE recs SET data = x'00'")
            else:  # it describes graphs whose facts are gone
                db.execute("UPDATE graphs SET piece = 'gone' WHERE graph IN (SELECT graph FROM graphs LIMIT 3)")
    recs[2] = {**recs[2], "text": recs[2]["text"] + NEW_SENTENCE}
    write_jsonl(tmp_path / "a.jsonl", recs)
    with caplog.at_level(logging.WARNING):
        run(source, tmp_path / "inc")
    run(source, tmp_path / "scratch")
    assert (tmp_path / "inc" / "graph.html").read_bytes() == (tmp_path / "scratch" / "graph.html").read_bytes()
    notices = [r for r in caplog.records if "viewer-join" in r.getMessage()]
    assert len(notices) == 1
    assert all("\n" not in r.getMessage() and r.exc_info is None for r in notices)
    # the file is whole again, describing the graphs of the build
    state = json.loads((tmp_path / "inc" / "state.json").read_text(encoding="utf-8"))
    join = JoinStore(tmp_path / "inc", "", datelines=False)
    join.stamp = dict(sqlite3.connect(path).execute("SELECT key, value FROM meta"))
    assert set(join.described()) == {rec["graph"] for rec in state["articles"].values()} | {VOCABULARY}
    join.close()
