"""The bundled sample corpus, built once per session (conftest.sample_build): it conforms to the shapes with zero
violations, the build records that, and every fact is traceable to the sentence that states it
(quote and character offsets in the article's own named graph)."""

from __future__ import annotations

import json

import pytest

from partnergraph.pipeline.report import REPORT_FILE
from partnergraph.pipeline.staging import open_existing
from partnergraph.publish.docs import DOCS_FILE, render
from partnergraph.namespaces import sparql_prologue


@pytest.fixture(scope="module")
def built(sample_build):
    return sample_build


@pytest.fixture(scope="module")
def store(built):
    return open_existing(built[0])


def _select(store, query: str, names: tuple[str, ...]) -> list[tuple]:
    return [tuple(sol[n].value if sol[n] is not None else None for n in names)
            for sol in store.query(sparql_prologue() + query)]


def test_the_sample_corpus_conforms_with_zero_violations(built):
    _, report = built
    v = report.validation
    assert v is not None and not v["skipped"], v
    assert v["violations"] == [] and v["violation_count"] == 0
    assert v["conforms"] is True
    assert v["triples"] > 5000  # the whole graph was validated, not an empty one


def test_build_report_on_disk_records_the_validation(built):
    out, _ = built
    saved = json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))
    assert saved["validation"]["conforms"] is True and saved["validation"]["violation_count"] == 0


def test_build_writes_the_documentation_page_into_the_graph_directory(built):
    out, report = built
    page = out / DOCS_FILE
    assert str(page) in report.outputs
    assert page.read_text(encoding="utf-8") == render()


MENTIONS = """
SELECT ?m ?kind ?s ?e ?surface ?quote ?text WHERE {
  GRAPH ?g { ?m a pg:Mention ; pg:inArticle ?g ; pg:kind ?kind ; pg:start ?s ; pg:end ?e ; pg:quote ?quote .
             OPTIONAL { ?m pg:surface ?surface } }
  GRAPH ?g { ?g pg:analysedText ?text }
}"""


@pytest.fixture(scope="module")
def mentions(store):
    return _select(store, MENTIONS, ("m", "kind", "s", "e", "surface", "quote", "text"))


def test_every_mention_lies_in_its_own_articles_graph(store, mentions):
    total = _select(store, "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a pg:Mention }", ("n",))[0][0]
    assert int(total) == len({m[0] for m in mentions}) > 500


def test_every_mention_surface_is_the_analysed_text_between_its_offsets(mentions):
    wrong = [(m, s, e, surface) for m, _k, s, e, surface, _q, text in mentions
             if surface is None or text[int(s):int(e)] != surface]
    assert wrong == []


def test_every_mention_quote_is_a_sentence_of_the_text_that_contains_the_span(mentions):
    wrong = [m for m, _k, s, e, _surface, quote, text in mentions
             if text.find(quote) < 0 or not any(
                 i <= int(s) and int(e) <= i + len(quote) for i in _occurrences(text, quote))]
    assert wrong == []


def _occurrences(text: str, part: str) -> list[int]:
    out, i = [], text.find(part)
    while i >= 0:
        out.append(i)
        i = text.find(part, i + 1)
    return out


def test_partnership_evidence_is_the_whole_sentence(mentions):
    partnership = [(m, s, e, surface, quote, text) for m, k, s, e, surface, quote, text in mentions
                   if k == "partnership"]
    assert len(partnership) >= 20
    assert all(surface == quote == text[int(s):int(e)] for _m, s, e, surface, quote, text in partnership)


def test_sparql_substr_agrees_with_the_offsets(store):
    """Analysts can cut the quote out of the text in SPARQL: SUBSTR counts from 1, offsets from 0."""
    rows = _select(store, """
        SELECT (COUNT(*) AS ?bad) WHERE {
          ?m pg:inArticle ?a ; pg:start ?s ; pg:end ?e ; pg:surface ?surface .
          ?a pg:analysedText ?text .
          FILTER (SUBSTR(?text, ?s + 1, ?e - ?s) != ?surface)
        }""", ("bad",))
    assert int(rows[0][0]) == 0


def test_every_partnership_has_evidence_with_a_quote_in_the_articles_graph(store):
    rows = _select(store, """
        SELECT ?p (COUNT(?quote) AS ?n) WHERE {
          ?p a pg:Partnership .
          OPTIONAL { GRAPH ?a { ?p pg:evidence ?m . ?m pg:inArticle ?a ; pg:quote ?quote } }
        } GROUP BY ?p""", ("p", "n"))
    assert len(rows) >= 20
    assert [p for p, n in rows if int(n) == 0] == []


def test_the_evidence_of_a_known_partnership_quotes_its_sentence(store):
    """Frozen: the sample article on Köln's partnerships with Corinto and El Realejo."""
    rows = _select(store, """
        SELECT ?label ?quote ?s ?e WHERE {
          ?p a pg:Partnership ; rdfs:label ?label ; pg:evidence ?m .
          ?m pg:quote ?quote ; pg:start ?s ; pg:end ?e .
          FILTER (CONTAINS(?label, "Corinto"))
        } ORDER BY ?s""", ("label", "quote", "s", "e"))
    assert rows, "no partnership of Köln and Corinto in the sample graph"
    label, quote, s, e = rows[0]
    assert "Köln" in label
    assert "Corinto" in quote and int(e) - int(s) == len(quote)


def test_stated_populations_are_backed_by_a_population_mention_in_the_same_graph(store):
    rows = _select(store, """
        SELECT ?place ?n ?quote WHERE {
          GRAPH ?a { ?place pg:statedPopulation ?n .
                     OPTIONAL { ?m pg:kind "population" ; pg:refersTo ?place ; pg:quote ?quote } }
        }""", ("place", "n", "quote"))
    assert rows, "the sample corpus states populations"
    assert [r for r in rows if r[2] is None] == []
