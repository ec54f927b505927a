"""Incremental and atomic builds: only new or changed articles are extracted, the result equals a
build from scratch, --prune removes what vanished (and only that), and a failure or an
interruption leaves the last good graph directory as it was."""

from __future__ import annotations

import fcntl
import io
import json
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "sites"))
from siteserver import SITE, SiteServer  # noqa: E402

from partnergraph.pipeline.build import BuildOptions, build  # noqa: E402
from partnergraph.pipeline.outputs import class_counts  # noqa: E402
from partnergraph.graphdir import GraphDir  # noqa: E402
from partnergraph.publish.export import serialize_store  # noqa: E402
from partnergraph.publish.dataset import dataset_stats  # noqa: E402
from partnergraph.graph.analytics import analyse_store, analytics_quads  # noqa: E402
from partnergraph.store.embedded import graph_quads  # noqa: E402
from partnergraph.errors import StoreError  # noqa: E402
from partnergraph.graph.iri import Minter  # noqa: E402
from partnergraph.namespaces import ANALYTICS_GRAPH, DEFAULT_BASE  # noqa: E402
from partnergraph.sources.crawl import CrawlOptions  # noqa: E402

SAMPLE = Path(__file__).parent.parent / "data" / "sample" / "articles.jsonl"


def records() -> list[dict]:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    return [json.loads(lines[0]), json.loads(lines[5])]


def write_jsonl(path: Path, *recs: dict) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    return str(path)


def changed(rec: dict) -> dict:
    return {**rec, "text": rec["text"] + " Im Herbst besuchte eine Delegation aus Bonn die Partnerstadt Cape Coast."}


def run(sources: list[str], out: Path, *, crawl: CrawlOptions | None = None, **kw):
    opts = BuildOptions(out_dir=out, validate=False, viz=False, jobs=1, crawl_options=crawl, **kw)
    return build(sources, opts)


def ttl(out: Path) -> bytes:
    return (out / "graph.ttl").read_bytes()


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in ("graph.ttl", "graph.trig", "state.json", "build-report.json")}


@pytest.fixture
def ab(tmp_path):
    a, b = records()
    return a, b, write_jsonl(tmp_path / "a.jsonl", a), write_jsonl(tmp_path / "b.jsonl", b)


# -- incremental ----------------------------------------------------------------------------------

def test_a_rebuild_extracts_only_the_changed_article_and_equals_a_fresh_build(tmp_path, ab):
    a, b, a_path, b_path = ab
    run([a_path, b_path], tmp_path / "inc")
    write_jsonl(Path(b_path), changed(b))
    report = run([a_path, b_path], tmp_path / "inc")
    assert (report.articles_extracted, report.articles_unchanged) == (1, 1)
    run([a_path, b_path], tmp_path / "fresh")
    assert ttl(tmp_path / "inc") == ttl(tmp_path / "fresh")
    assert (tmp_path / "inc" / "graph.trig").read_bytes() == (tmp_path / "fresh" / "graph.trig").read_bytes()
    assert "Cape Coast" in ttl(tmp_path / "inc").decode()


def test_an_unchanged_rebuild_extracts_nothing_and_writes_the_same_graph(tmp_path, ab):
    _, _, a_path, b_path = ab
    run([a_path, b_path], tmp_path / "g")
    before = ttl(tmp_path / "g")
    report = run([a_path, b_path], tmp_path / "g")
    assert (report.articles_extracted, report.articles_unchanged) == (0, 2)
    assert ttl(tmp_path / "g") == before


def test_dumps_assembled_from_cached_pieces_are_the_bytes_the_store_gives(tmp_path, ab):
    a, b, a_path, b_path = ab
    out = tmp_path / "g"
    run([a_path, b_path], out)
    write_jsonl(Path(b_path), changed(b))
    report = run([a_path, b_path], out)
    store = GraphDir(out).open_store()
    for name, fmt in (("graph.ttl", "turtle"), ("graph.trig", "trig")):
        buf = io.BytesIO()
        serialize_store(store, fmt, buf, base=DEFAULT_BASE)
        assert (out / name).read_bytes() == buf.getvalue(), name
    assert report.quads == len(store)
    assert report.triples == sum(1 for _ in store.triples())
    assert report.classes == dict(sorted(class_counts(store).items()))
    # the network analysis made from the pieces while the store loaded is the store's own
    by_store = analytics_quads(store, Minter(DEFAULT_BASE), analysis=analyse_store(store, base=DEFAULT_BASE))
    assert by_store and set(by_store) == set(graph_quads(store, ANALYTICS_GRAPH))
    counted = dataset_stats(store, base=DEFAULT_BASE)  # VoID's numbers, by query
    assert (report.entities, report.properties, report.distinct_classes, report.examples) == (
        counted.entities, counted.properties, counted.classes, counted.examples)
    # the piece of the article's first version is gone, the current ones stay
    state = json.loads((out / "state.json").read_text(encoding="utf-8"))
    pieces = sorted(p.stem for p in (out / "dump-cache").iterdir())
    assert pieces == sorted(rec["piece"] for rec in state["articles"].values()) and len(pieces) == 2


def test_a_lost_or_damaged_piece_costs_a_re_extraction_not_the_dumps(tmp_path, ab):
    _, _, a_path, b_path = ab
    out = tmp_path / "g"
    run([a_path, b_path], out)
    before = snapshot(out)
    first, second = sorted((out / "dump-cache").iterdir())
    first.unlink()
    report = run([a_path, b_path], out)
    assert report.articles_extracted == 1 and snapshot(out)["graph.trig"] == before["graph.trig"]
    second.write_bytes(second.read_bytes()[:100])  # cut short: unreadable when assembling
    report = run([a_path, b_path], out)
    assert report.articles_extracted == 0
    assert ttl(out) == before["graph.ttl"] and (out / "graph.trig").read_bytes() == before["graph.trig"]


def test_prune_removes_the_facts_of_a_vanished_article(tmp_path, ab):
    a, b, a_path, b_path = ab
    both = write_jsonl(tmp_path / "ab.jsonl", a, b)
    run([both], tmp_path / "g")
    gone = Minter(DEFAULT_BASE).article(b["url"])
    kept = run([write_jsonl(tmp_path / "ab.jsonl", a)], tmp_path / "g")
    assert kept.articles_removed == 0 and gone in ttl(tmp_path / "g").decode()  # without --prune: kept
    report = run([str(tmp_path / "ab.jsonl")], tmp_path / "g", prune=True)
    assert report.articles_removed == 1 and gone not in ttl(tmp_path / "g").decode()
    run([a_path], tmp_path / "fresh")
    assert ttl(tmp_path / "g") == ttl(tmp_path / "fresh")


def test_prune_keeps_the_articles_of_a_damaged_file(tmp_path, ab):
    a, b, _, _ = ab
    both = write_jsonl(tmp_path / "ab.jsonl", a, b)
    run([both], tmp_path / "g")
    before = ttl(tmp_path / "g")
    Path(both).write_text(json.dumps(a, ensure_ascii=False) + "\n{kaputt\n", encoding="utf-8")
    report = run([both], tmp_path / "g", prune=True)
    assert report.articles_removed == 0 and ttl(tmp_path / "g") == before
    assert any("broken JSON" in s.reason for s in report.skipped)


# -- failures and interruptions -----------------------------------------------------------------

def _fail_on(monkeypatch, url: str, exc: BaseException) -> None:
    import partnergraph.graph.triples as graph

    real = graph.article_quads

    def article_quads(ex, *args, **kw):
        if ex.article.url == url:
            raise exc
        return real(ex, *args, **kw)

    monkeypatch.setattr(graph, "article_quads", article_quads)


def test_an_exception_extracting_one_article_keeps_its_previous_facts(tmp_path, ab, monkeypatch):
    a, b, a_path, b_path = ab
    run([a_path, b_path], tmp_path / "g")
    before = ttl(tmp_path / "g")
    write_jsonl(Path(b_path), changed(b))
    _fail_on(monkeypatch, b["url"], RuntimeError("a bug in a rule"))
    report = run([a_path, b_path], tmp_path / "g")
    assert report.articles_extracted == 0
    assert [s.reason for s in report.skipped] == ["extraction failed: RuntimeError: a bug in a rule"]
    assert ttl(tmp_path / "g") == before  # B's old graph is still there, nothing else changed
    monkeypatch.undo()
    assert run([a_path, b_path], tmp_path / "g").articles_extracted == 1  # and is retried next time


def test_ctrl_c_during_extraction_leaves_the_directory_as_it_was(tmp_path, ab, monkeypatch):
    a, b, a_path, b_path = ab
    out = tmp_path / "g"
    run([a_path, b_path], out)
    before = snapshot(out)
    write_jsonl(Path(a_path), changed(a))
    write_jsonl(Path(b_path), changed(b))
    _fail_on(monkeypatch, b["url"], KeyboardInterrupt())  # after A's new graph went into the store
    with pytest.raises(KeyboardInterrupt):
        run([a_path, b_path], out)
    assert snapshot(out) == before
    assert not (out / ".staging").exists() and not (out / ".commit").exists()
    monkeypatch.undo()
    report = run([a_path, b_path], out)
    assert report.articles_extracted == 2  # the store had kept the old graphs of both
    run([a_path, b_path], tmp_path / "fresh")
    assert ttl(out) == ttl(tmp_path / "fresh")


def test_ctrl_c_while_writing_graph_ttl_leaves_the_previous_file(tmp_path, ab, monkeypatch):
    a, b, a_path, b_path = ab
    out = tmp_path / "g"
    run([a_path, b_path], out)
    before = snapshot(out)
    write_jsonl(Path(b_path), changed(b))

    def write_dumps(cache, pieces, others, *, base, ttl, trig):
        ttl.write_bytes(b"@prefix pg: <half written")
        raise KeyboardInterrupt

    monkeypatch.setattr(sys.modules["partnergraph.publish.dump_splice"], "write_dumps", write_dumps)
    with pytest.raises(KeyboardInterrupt):
        run([a_path, b_path], out)
    assert snapshot(out) == before
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [".lock"]


def test_a_commit_cut_short_is_finished_by_the_next_start(tmp_path):
    out = tmp_path / "g"
    (out / ".staging" / "store").mkdir(parents=True)
    (out / "store").mkdir()
    (out / "store" / "alt").write_text("alt")
    (out / "graph.ttl").write_text("alt")
    (out / ".staging" / "store" / "neu").write_text("neu")
    (out / ".staging" / "graph.ttl").write_text("neu")
    (out / ".commit").write_text("")
    GraphDir(out).recover()
    assert (out / "graph.ttl").read_text() == "neu" and [p.name for p in (out / "store").iterdir()] == ["neu"]
    assert sorted(p.name for p in out.iterdir()) == ["graph.ttl", "store"]


def test_an_unfinished_staging_area_is_thrown_away(tmp_path):
    out = tmp_path / "g"
    (out / ".staging").mkdir(parents=True)
    (out / ".staging" / "graph.ttl").write_text("halb")
    (out / "graph.ttl").write_text("alt")
    GraphDir(out).recover()
    assert (out / "graph.ttl").read_text() == "alt" and not (out / ".staging").exists()


def test_a_second_build_in_the_same_directory_is_refused_while_one_runs(tmp_path, ab):
    _, _, a_path, _ = ab
    out = tmp_path / "g"
    out.mkdir()
    with open(out / ".lock", "a+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        with pytest.raises(StoreError, match="another build is writing this directory"):
            run([a_path], out)


# -- crawled sources --------------------------------------------------------------------------------

def crawl_options(tmp_path: Path, **kw) -> CrawlOptions:
    base = dict(delay=0.0, timeout=0.5, retries=1, backoff=0.01, max_bytes=2**20, cache_dir=tmp_path / "cache")
    base.update(kw)
    return CrawlOptions(**base)


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    with SiteServer() as other, SiteServer(root) as s:
        s.other_origin = other.origin
        s.other = other
        yield s


def test_a_second_build_of_an_unchanged_site_revalidates_everything_and_extracts_nothing(tmp_path, site):
    src = [site.url("/aktuelles/")]
    first = run(src, tmp_path / "g", crawl=crawl_options(tmp_path))
    assert first.articles_extracted == 6
    before, seen = ttl(tmp_path / "g"), len(site.log)
    second = run(src, tmp_path / "g", crawl=crawl_options(tmp_path))
    assert (second.articles_extracted, second.articles_unchanged) == (0, 6)
    again = site.log[seen:]
    assert len(again) == 10 and all("If-None-Match" in headers for _, headers in again)
    assert ttl(tmp_path / "g") == before


def test_failed_fetches_are_in_build_report_json_with_url_and_reason(tmp_path, site):
    run([site.url("/aktuelles/")], tmp_path / "g", crawl=crawl_options(tmp_path))
    report = json.loads((tmp_path / "g" / "build-report.json").read_text(encoding="utf-8"))
    sources = {s["source"]: s["reason"] for s in report["skipped"]}
    assert "disallowed by" in sources[site.url("/intern/entwurf-jahresbericht.html")]
    assert "on another host" in sources[site.other.url("/meldung/fremde-seite.html")]


def test_offline_rebuilds_the_same_graph_from_the_cache_alone(tmp_path, site):
    run([site.url("/aktuelles/"), site.url("/atom.xml")], tmp_path / "online", crawl=crawl_options(tmp_path))
    seen = len(site.log)
    run([site.url("/aktuelles/"), site.url("/atom.xml")], tmp_path / "offline",
        crawl=crawl_options(tmp_path, offline=True))
    assert len(site.log) == seen
    assert ttl(tmp_path / "offline") == ttl(tmp_path / "online")


def test_a_changed_page_is_re_extracted_alone_and_the_graph_equals_a_fresh_build(tmp_path, site):
    src = [site.url("/aktuelles/")]
    run(src, tmp_path / "g", crawl=crawl_options(tmp_path))
    page = site.root / "rathaus/news/koeln-tunis.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "in einem gemeinsamen Papier festzuhalten.",
        "in einem gemeinsamen Papier festzuhalten. Auch Bonn und Cape Coast wollen sich beteiligen."),
        encoding="utf-8")
    report = run(src, tmp_path / "g", crawl=crawl_options(tmp_path))
    assert (report.articles_extracted, report.articles_unchanged) == (1, 5)
    run(src, tmp_path / "fresh", crawl=crawl_options(tmp_path / "fresh"))
    assert ttl(tmp_path / "g") == ttl(tmp_path / "fresh")


def test_prune_keeps_everything_when_the_listing_fails_for_now(tmp_path, site):
    src = [site.url("/aktuelles/")]
    run(src, tmp_path / "g", crawl=crawl_options(tmp_path))
    before = ttl(tmp_path / "g")
    site.broken["/aktuelles/"] = 503
    report = run(src, tmp_path / "g", crawl=crawl_options(tmp_path, retries=0), prune=True)
    assert report.articles_read == 0 and report.articles_removed == 0
    assert any(s.source == site.url("/aktuelles/") and "HTTP 503" in s.reason for s in report.skipped)
    assert ttl(tmp_path / "g") == before


def test_prune_removes_an_article_whose_page_is_gone(tmp_path, site):
    src = [site.url("/aktuelles/")]
    run(src, tmp_path / "g", crawl=crawl_options(tmp_path))
    site.broken["/rathaus/news/koeln-tunis.html"] = 404
    report = run(src, tmp_path / "g", crawl=crawl_options(tmp_path), prune=True)
    assert report.articles_removed == 1
    assert Minter(DEFAULT_BASE).article(site.url("/rathaus/news/koeln-tunis.html")) not in ttl(tmp_path / "g").decode()


def test_prune_keeps_an_article_whose_page_fails_for_now(tmp_path, site):
    src = [site.url("/aktuelles/")]
    run(src, tmp_path / "g", crawl=crawl_options(tmp_path))
    before = ttl(tmp_path / "g")
    site.broken["/rathaus/news/koeln-tunis.html"] = 500
    report = run(src, tmp_path / "g", crawl=crawl_options(tmp_path, retries=0), prune=True)
    assert report.articles_removed == 0 and ttl(tmp_path / "g") == before


KILLER = """
import os, signal, sys
from pathlib import Path
import partnergraph.graph.triples as graph
from partnergraph.pipeline.build import BuildOptions, build

real = graph.article_quads

def article_quads(ex, *args, **kw):
    if ex.article.url == sys.argv[1]:
        os.kill(os.getpid(), signal.SIGKILL)  # no handler, no finally: like kill -9 or a power cut
    return real(ex, *args, **kw)

graph.article_quads = article_quads
build(sys.argv[3:], BuildOptions(out_dir=Path(sys.argv[2]), validate=False, viz=False, jobs=1))
"""


def test_a_build_killed_mid_way_leaves_the_directory_as_it_was(tmp_path, ab):
    import subprocess

    a, b, a_path, b_path = ab
    out = tmp_path / "g"
    run([a_path, b_path], out)
    before = snapshot(out)
    write_jsonl(Path(a_path), changed(a))
    write_jsonl(Path(b_path), changed(b))
    proc = subprocess.run([sys.executable, "-c", KILLER, b["url"], str(out), a_path, b_path],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == -9, proc.stderr
    assert (out / ".staging").exists()  # it was killed while the staged store held A's new graph
    assert snapshot(out) == before
    report = run([a_path, b_path], out)
    assert report.articles_extracted == 2 and not (out / ".staging").exists()
    run([a_path, b_path], tmp_path / "fresh")
    assert ttl(out) == ttl(tmp_path / "fresh")


def test_a_rebuild_writing_the_dumps_in_a_child_process_equals_a_fresh_build(tmp_path, ab, monkeypatch):
    a, b, a_path, b_path = ab
    run([a_path, b_path], tmp_path / "inc")
    write_jsonl(Path(b_path), changed(b))
    monkeypatch.setattr(sys.modules["partnergraph.pipeline.outputs"], "DUMPS_CHILD_MIN_ARTICLES", 1)
    started = []
    real = sys.modules["partnergraph.pipeline.outputs"].DumpsChild.__init__

    def spy(self, *args, **kwargs):
        started.append(args)
        real(self, *args, **kwargs)

    monkeypatch.setattr(sys.modules["partnergraph.pipeline.outputs"].DumpsChild, "__init__", spy)
    report = run([a_path, b_path], tmp_path / "inc")
    assert report.articles_extracted == 1 and len(started) == 1
    fresh = run([a_path, b_path], tmp_path / "fresh")
    assert snapshot(tmp_path / "inc")["graph.ttl"] == snapshot(tmp_path / "fresh")["graph.ttl"]
    assert (tmp_path / "inc" / "graph.trig").read_bytes() == (tmp_path / "fresh" / "graph.trig").read_bytes()
    counted = ("quads", "triples", "classes", "entities", "properties", "distinct_classes", "examples")
    assert [getattr(report, k) for k in counted] == [getattr(fresh, k) for k in counted]
    assert not any(p.name.startswith(".dumps") for p in (tmp_path / "inc").iterdir())


def test_a_full_build_writing_the_dumps_in_a_child_process_equals_one_writing_them_itself(tmp_path, ab, monkeypatch):
    _, _, a_path, b_path = ab
    outputs = sys.modules["partnergraph.pipeline.outputs"]
    itself = run([a_path, b_path], tmp_path / "itself")  # two articles: under the threshold
    monkeypatch.setattr(outputs, "DUMPS_CHILD_MIN_ARTICLES", 1)
    started = []
    real = outputs.DumpsChild.__init__

    def spy(self, *args, **kwargs):
        started.append(args)
        real(self, *args, **kwargs)

    monkeypatch.setattr(outputs.DumpsChild, "__init__", spy)
    child = run([a_path, b_path], tmp_path / "child")
    assert child.articles_extracted == 2 and len(started) == 1
    for name in ("graph.ttl", "graph.trig"):
        assert (tmp_path / "child" / name).read_bytes() == (tmp_path / "itself" / name).read_bytes()
    counted = ("quads", "triples", "classes", "entities", "properties", "distinct_classes", "examples")
    assert [getattr(child, k) for k in counted] == [getattr(itself, k) for k in counted]
    assert not any(p.name.startswith(".dumps") for p in (tmp_path / "child").iterdir())


def test_changed_rules_re_extract_every_given_article_and_keep_the_others(tmp_path, ab, monkeypatch):
    a, b, a_path, b_path = ab
    out = tmp_path / "g"
    run([a_path], out)
    run([b_path], out)  # without --prune, a's article stays
    load_module = sys.modules["partnergraph.pipeline.build"]  # where the build reads the fingerprint
    real = load_module.fingerprint
    monkeypatch.setattr(load_module, "fingerprint", lambda base: "rules-changed-" + real(base))
    report = run([b_path], out)
    assert report.articles_extracted == 1 and report.articles_unchanged == 0
    store = GraphDir(out).open_store()
    assert Minter(DEFAULT_BASE).article(a["url"]) in store.graph_names()  # kept, as it was
    buf = io.BytesIO()
    serialize_store(store, "trig", buf, base=DEFAULT_BASE)
    assert (out / "graph.trig").read_bytes() == buf.getvalue()
    del store
    # every article given: the store starts empty and the result is a fresh build's
    report = run([a_path, b_path], out)
    assert report.articles_extracted == 1  # b is current already
    monkeypatch.setattr(load_module, "fingerprint", lambda base: "rules-changed-again")
    report = run([a_path, b_path], out)
    assert report.articles_extracted == 2
    run([a_path, b_path], tmp_path / "fresh")
    assert ttl(out) == ttl(tmp_path / "fresh")
