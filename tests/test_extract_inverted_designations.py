"""A district whose German designation a page writes after its name ("Lukanga Distrikt"), in the
order of the English designations: the place is the one the German order names. Every text here is
written by us."""

from __future__ import annotations

from partnergraph import Article


def _extract(extractor, text: str):
    return extractor.extract(Article(url="test:inverted", text=text))


def test_a_district_named_before_its_german_designation_is_the_district_of_the_german_order(extractor):
    ex = _extract(extractor, "Eine Delegation aus Lukanga Distrikt, Tansania, besuchte im Mai die Stadt Weimar.")
    places = {m.surface: ex.places[m.ref] for m in ex.mentions if m.kind == "municipality"}
    assert places["Lukanga Distrikt"].name_de == "Distrikt Lukanga"
    assert places["Lukanga Distrikt"].kind == "district"


def test_both_orders_on_one_page_name_one_district_and_the_later_sentence_dates_its_twinning(extractor):
    text = ("Weimar pflegt enge Kontakte zum Distrikt Lukanga in Tansania. "
            "Eine Klimapartnerschaft kam 2012 hinzu. "
            "Die Städtepartnerschaft von Weimar mit dem Lukanga Distrikt besteht seit dem 4. Juni 2016.")
    ex = _extract(extractor, text)
    lukanga = [m for m in ex.mentions if m.kind == "municipality" and "Lukanga" in m.surface]
    assert {m.surface for m in lukanga} == {"Distrikt Lukanga", "Lukanga Distrikt"}
    keys = {m.ref for m in lukanga}
    assert len(keys) == 1 and ex.places[keys.pop()].country == "TZ"
    years = {(p.type, p.start_year) for p in ex.partnerships}
    assert ("staedtepartnerschaft", 2016) in years


def test_an_english_designation_after_a_name_stays_part_of_the_name(extractor):
    ex = _extract(extractor, "Die Stadt Weimar kooperiert mit dem Nandi County in Kenia.")
    names = {ex.places[m.ref].name_de for m in ex.mentions if m.kind == "municipality"}
    assert "Nandi County" in names
