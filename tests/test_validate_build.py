"""Every build is validated, whatever its size: the article graphs are checked as they are
extracted, their findings are kept with the article's state (a rebuild checks only what it
extracts) and confirmed on the merged graph, and the report says what was checked."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from partnergraph.graph import triples as graph_module
from partnergraph.pipeline.build import BuildOptions, build
from partnergraph.resources import sample_dir

LANGUAGE = ox.NamedNode("https://schema.org/inLanguage")


def _two_articles(tmp_path):
    lines = (sample_dir() / "articles.jsonl").read_text(encoding="utf-8").splitlines()[:2]
    corpus = tmp_path / "two.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return corpus


@pytest.fixture
def english_articles(monkeypatch):
    """Article graphs that state a second language, "en": a defect SHACL must report."""
    real = graph_module.article_quads

    def with_defect(ex, vocab, minter):
        quads = set(real(ex, vocab, minter))
        article = next(q.subject for q in quads if q.predicate == LANGUAGE)
        quads.add(ox.Quad(article, LANGUAGE, ox.Literal("en"), next(iter(quads)).graph_name))
        return quads

    monkeypatch.setattr(graph_module, "article_quads", with_defect)


def test_a_build_reports_a_defect_of_an_article_graph_and_a_rebuild_keeps_reporting_it(tmp_path, english_articles):
    corpus, out = _two_articles(tmp_path), tmp_path / "g"
    first = build([str(corpus)], BuildOptions(out_dir=out, viz=False, jobs=1))
    v = first.validation
    assert not v["conforms"]
    assert {x["path"] for x in v["violations"]} == {"schema:inLanguage"}
    assert len({x["focus"] for x in v["violations"]}) == 2
    assert "compiled to SPARQL" in v["checked"] and "2 article graphs" in v["checked"]
    again = build([str(corpus)], BuildOptions(out_dir=out, viz=False, jobs=1))
    assert again.articles_extracted == 0
    assert again.validation["violations"] == v["violations"]
    assert "in this build 0" in again.validation["checked"]
    saved = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    assert saved["validation"]["violation_count"] == v["violation_count"]


def test_a_build_without_validation_leaves_the_next_validating_build_to_check_every_article(tmp_path):
    corpus, out = _two_articles(tmp_path), tmp_path / "g"
    build([str(corpus)], BuildOptions(out_dir=out, viz=False, jobs=1, validate=False))
    report = build([str(corpus)], BuildOptions(out_dir=out, viz=False, jobs=1))
    assert report.articles_extracted == 2
    assert report.validation["conforms"] and "in this build 2" in report.validation["checked"]


def test_an_article_over_the_size_limit_is_skipped_with_one_line_and_the_rest_is_built(tmp_path, monkeypatch):
    import importlib

    collect_module = importlib.import_module("partnergraph.pipeline.collect")
    monkeypatch.setattr(collect_module, "MAX_ARTICLE_CHARS", 5_000)
    corpus = _two_articles(tmp_path)
    big = json.dumps({"url": "https://example.org/lang", "title": "Lang", "text": "Köln und Jena. " * 1000},
                     ensure_ascii=False)
    corpus.write_text(corpus.read_text(encoding="utf-8") + big + "\n", encoding="utf-8")
    report = build([str(corpus)], BuildOptions(out_dir=tmp_path / "g", viz=False, jobs=1))
    assert report.articles_extracted == 2
    [skipped] = report.skipped
    assert skipped.reason.startswith(f"{corpus}:3: article of 15,003 characters, over the limit of 5,000")
    assert "\n" not in skipped.reason


GEONAMES_ID = ox.NamedNode("https://w3id.org/partnergraph/ontology#geonamesId")
PLACE = ox.NamedNode("https://w3id.org/partnergraph/id/municipality/de/doppelt")


def test_a_rebuild_checks_the_merged_graph_where_the_change_touches_it(tmp_path, monkeypatch):
    """Two articles give one place two GeoNames ids: each graph alone is fine, the merge
    breaks sh:maxCount 1. A rebuild that changes one article keeps the finding while the ids
    differ, and drops it when the changed article gives the same id."""
    ids = {}
    real = graph_module.article_quads

    def with_id(ex, vocab, minter):
        quads = set(real(ex, vocab, minter))
        g = next(iter(quads)).graph_name
        quads.add(ox.Quad(PLACE, GEONAMES_ID, ox.Literal(str(ids[ex.article.url]),
                  datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), g))
        quads.add(ox.Quad(PLACE, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                          ox.NamedNode("https://w3id.org/partnergraph/ontology#Municipality"), g))
        return quads

    monkeypatch.setattr(graph_module, "article_quads", with_id)
    corpus, out = _two_articles(tmp_path), tmp_path / "g"
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    first_url, second_url = (r["url"] for r in records)
    ids.update({first_url: 1, second_url: 2})

    def place_findings(report):
        return [v for v in report.validation["violations"] if "doppelt" in v["focus"] and v["path"] == "pg:geonamesId"]

    report = build([str(corpus)], BuildOptions(out_dir=out, viz=False, jobs=1))
    assert place_findings(report) and "on every focus node" in report.validation["checked"]

    def change_second(suffix: str, new_id: int):
        records[1]["text"] += suffix
        corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        ids[second_url] = new_id
        return build([str(corpus)], BuildOptions(out_dir=out, viz=False, jobs=1))

    report = change_second(" Ein Satz mehr.", 3)
    assert report.articles_extracted == 1 and "resources the changed article graphs touch" in report.validation["checked"]
    assert place_findings(report)
    report = change_second(" Noch ein Satz.", 1)
    assert report.articles_extracted == 1 and "resources the changed article graphs touch" in report.validation["checked"]
    assert place_findings(report) == []


DEGREE = ox.NamedNode("https://w3id.org/partnergraph/ontology#degreeCentrality")


def test_a_rebuild_that_keeps_the_analytics_checks_the_metrics_only_where_the_change_touches(tmp_path, monkeypatch):
    """A negative degree centrality written into the analytics graph breaks sh:minInclusive 0.
    A rebuild whose changed article leaves the network (so the analytics graph) as it was checks
    the metrics only on the resources the change touches and keeps the finding; once the
    analytics graph changes, every node's metrics are checked again and the finding goes."""
    from partnergraph.graph import analytics as analytics_module

    real = analytics_module.analytics_quads
    broken = {"on": True}

    def with_negative_degree(store, minter, *, analysis=None):
        quads = real(store, minter, analysis=analysis)
        if not broken["on"] or not quads:
            return quads
        first = next(q for q in quads if q.predicate == DEGREE)
        bad = ox.Quad(first.subject, DEGREE, analytics_module._double(-1.0), first.graph_name)
        return [bad if q == first else q for q in quads]

    monkeypatch.setattr(analytics_module, "analytics_quads", with_negative_degree)
    corpus, out = _two_articles(tmp_path), tmp_path / "g"
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]

    def metric_findings(report):
        return [v for v in report.validation["violations"] if v["path"] == "pg:degreeCentrality"]

    def rebuild(suffix: str):
        records[1]["text"] += suffix
        corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        return build([str(corpus)], BuildOptions(out_dir=out, viz=False, jobs=1))

    first = build([str(corpus)], BuildOptions(out_dir=out, viz=False, jobs=1))
    assert metric_findings(first)
    kept = rebuild(" Die Sitzung dauerte zwei Stunden.")
    assert kept.articles_extracted == 1 and "the analytics unchanged" in kept.validation["checked"]
    assert metric_findings(kept) == metric_findings(first)
    broken["on"] = False
    changed = rebuild(" Die Sitzung dauerte drei Stunden.")
    assert changed.articles_extracted == 1 and "on the analytics on every node" in changed.validation["checked"]
    assert metric_findings(changed) == []


def test_kept_metric_findings_stand_only_off_the_touched_resources_and_only_while_the_analytics_are_kept(tmp_path):
    """The merged graph's findings of a previous build on the metrics: with the analytics graph
    kept, those on resources the change did not touch are carried over (and confirmed on the
    merged graph, as every finding), those on touched ones are checked again; with the
    analytics graph changed none is carried over, every node is checked."""
    from partnergraph.graph.iri import Minter
    from partnergraph.graph.triples import vocabulary_quads
    from partnergraph.namespaces import ANALYTICS_PREDICATES
    from partnergraph.store.embedded import EmbeddedStore
    from partnergraph.validate.shacl import validate_build
    from partnergraph.validate.shapecheck import ArticleChecks
    from partnergraph.vocab import load_vocabulary

    corpus, out = _two_articles(tmp_path), tmp_path / "g"
    build([str(corpus)], BuildOptions(out_dir=out, viz=False, jobs=1))
    minter = Minter()
    metric = ArticleChecks(vocabulary_quads(load_vocabulary(), minter), ANALYTICS_PREDICATES).own[0]
    untouched, touched = "https://example.org/unberuehrt", "https://example.org/beruehrt"
    previous = [[metric, untouched], [metric, touched]]
    store = EmbeddedStore(out / "store", read_only=True)
    try:
        def findings(kept: bool) -> list:
            result, pairs = validate_build(store, minter, candidates=[], articles=2, checked=0,
                                           touched={touched}, previous=previous, analytics_kept=kept)
            assert result.conforms  # a carried-over finding is confirmed on the merged graph first
            return [p for p in pairs if p[0] == metric]

        assert findings(True) == [[metric, untouched]]
        assert findings(False) == []
    finally:
        store.close()
