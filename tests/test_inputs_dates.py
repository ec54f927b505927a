"""Partial and German dates, and articles without a title: every form the input contract names
becomes a typed literal of the right precision (xsd:date, xsd:gYearMonth, xsd:gYear), an
unreadable date costs the date and not the article, an article without a title gets a headline
from its first sentence, marked as derived, and the whole graph conforms to the shapes. The
bundled queries that read dates accept all three types."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from partnergraph.pipeline.build import BuildOptions, build
from partnergraph.pipeline.staging import open_existing
from partnergraph.models import PartialDate
from partnergraph.query.runner import resolve, run
from partnergraph.namespaces import DEFAULT_BASE, sparql_prologue
from partnergraph.extract.sentences import HEADLINE_MAX_CHARS, derived_headline
from partnergraph.sources.dates import parse_input_date

XSD = "http://www.w3.org/2001/XMLSchema#"
TEXT = ("Die Stadt Bonn und die Stadt Cape Coast in Ghana vertiefen ihre Klimapartnerschaft. "
        "Im Mittelpunkt stehen Trinkwasser und Schulen.")
#: (date as written in the file, the literal's lexical form, its type)
DATES = [
    ("2023", "2023", "gYear"),
    ("2023-07", "2023-07", "gYearMonth"),
    ("2023-07-24", "2023-07-24", "date"),
    ("24.03.2022", "2022-03-24", "date"),
    ("März 2023", "2023-03", "gYearMonth"),
    ("24. März 2023", "2023-03-24", "date"),
]


@pytest.mark.parametrize("written, value", [
    ("2023", PartialDate(2023)), ("2023-07", PartialDate(2023, 7)), ("2023-07-24", dt.date(2023, 7, 24)),
    ("24.03.2022", dt.date(2022, 3, 24)), ("März 2023", PartialDate(2023, 3)),
    ("24. März 2023", dt.date(2023, 3, 24)), ("1. Dez. 2023", dt.date(2023, 12, 1)),
    ("2023-07-24T10:30:00+02:00", dt.date(2023, 7, 24)),
])
def test_the_documented_date_forms_are_read_with_their_precision(written, value):
    assert parse_input_date(written) == value


@pytest.mark.parametrize("written", ["2023-13", "2023-02-30", "31.02.2023", "Mörz 2023", "0000", "2023-7"])
def test_impossible_dates_are_not_read(written):
    assert parse_input_date(written) is None


def test_a_long_first_sentence_is_shortened_at_a_word_boundary():
    sentence = "Die Stadt Bonn " + "und ihre Partnerstadt " * 12 + "feiern."
    headline = derived_headline(sentence + " Zweiter Satz.")
    assert headline.endswith("…") and len(headline) <= HEADLINE_MAX_CHARS
    assert sentence.startswith(headline[:-1]) and sentence[len(headline) - 1] == " "
    assert derived_headline("Bonn hilft Cape Coast. Zweiter Satz.") == "Bonn hilft Cape Coast."


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("daten")
    records = [{"url": f"https://kommune.example/datum/{i}", "title": f"Bonn und Cape Coast {i}", "date": written,
                "text": TEXT} for i, (written, _, _) in enumerate(DATES)]
    records.append({"url": "https://kommune.example/ohne-datum", "title": "Bonn ohne Datum", "date": "20230724",
                    "text": TEXT})
    records.append({"url": "https://kommune.example/ohne-titel", "text": TEXT})
    src = tmp / "daten.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    out = tmp / "g"
    report = build([str(src)], BuildOptions(out_dir=out, viz=False, jobs=1))
    store = open_existing(out)
    yield report, store
    store.close()


def select(store, sparql: str) -> list[dict]:
    result = run(store, sparql_prologue() + sparql)
    names = [v.value for v in result.variables]
    return [{v: sol[v] for v in names} for sol in result]


def test_every_documented_date_form_becomes_a_literal_of_its_precision(built):
    _, store = built
    rows = select(store, "SELECT ?url ?d WHERE { ?a schema:url ?url ; schema:datePublished ?d }")
    got = {r["url"].value: (r["d"].value, r["d"].datatype.value) for r in rows}
    for i, (_, lexical, xsd_type) in enumerate(DATES):
        assert got[f"https://kommune.example/datum/{i}"] == (lexical, XSD + xsd_type)


def test_an_unreadable_date_keeps_the_article_without_a_date(built):
    report, store = built
    assert report.articles_read == len(DATES) + 2 and not report.skipped
    rows = select(store, "SELECT ?d WHERE { ?a schema:url <https://kommune.example/ohne-datum> . "
                         "OPTIONAL { ?a schema:datePublished ?d } }")
    assert len(rows) == 1 and rows[0]["d"] is None


def test_an_article_without_a_title_gets_its_first_sentence_as_headline_marked_as_derived(built):
    _, store = built
    rows = select(store, "SELECT ?h ?derived WHERE { ?a schema:url <https://kommune.example/ohne-titel> ; "
                         "schema:headline ?h . OPTIONAL { ?a pg:titleDerived ?derived } }")
    assert [(r["h"].value, r["h"].language) for r in rows] == [(TEXT.split(". ")[0] + ".", "de")]
    assert rows[0]["derived"].value == "true" and rows[0]["derived"].datatype.value == XSD + "boolean"
    titled = select(store, "SELECT (COUNT(*) AS ?n) WHERE { ?a pg:titleDerived ?x }")
    assert titled[0]["n"].value == "1"  # only the article without a title


def test_partial_dates_and_derived_headlines_conform_to_the_shapes(built):
    report, _ = built
    assert report.validation["conforms"], report.validation


def bundled(store, name: str) -> list[dict]:
    label, text = resolve(name, base=DEFAULT_BASE)
    result = run(store, text, label=label)
    names = [v.value for v in result.variables]
    return [{v: (sol[v].value if sol[v] is not None else None) for v in names} for sol in result]


def test_the_bundled_queries_that_read_dates_accept_all_three_types(built):
    _, store = built
    months = {r["month"]: int(r["articles"]) for r in bundled(store, "articles-per-month")}
    assert months == {"2022-03": 1, "2023-03": 2, "2023-07": 2}  # a year alone has no month
    dates = [r["date"] for r in bundled(store, "articles")]
    assert dates == ["2023-07-24", "2023-07", "2023-03-24", "2023-03", "2023", "2022-03-24", None, None]


def test_a_listing_block_with_an_impossible_date_is_read_without_a_date(tmp_path, caplog):
    from partnergraph.sources import read_path

    listing = tmp_path / "liste.txt"
    listing.write_text("Ein Foto vom Rathaus\nBonn und Cape Coast feiern\n"
                       f"Bonn, 31. Februar 2023. {TEXT}\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="partnergraph"):
        items = list(read_path(listing))
    assert len(items) == 1 and items[0].title == "Bonn und Cape Coast feiern" and items[0].date is None
    (note,) = [r.getMessage() for r in caplog.records]
    assert note.startswith(f"{listing}:3: '31. Februar 2023' is not a date")
