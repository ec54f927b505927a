"""A Kreis the table of today's German districts lacks lies abroad, unless its seat is a German
town and no other: then it is a German Kreis of before the reforms (cue_places._german_seat).
Own-words fixtures."""

import pytest

from partnergraph.models import Article


def readings(extractor, text):
    ex = extractor.extract(Article(url="https://www.kreiszeitung.de/partner", title="", text=text, date=None))
    return {ex.places[m.ref].name_de: ex.places[m.ref].country for m in ex.mentions if m.kind == "municipality"}


@pytest.mark.parametrize("text, districts", [
    ("Der Landkreis Nordsachsen pflegt Partnerschaften in Polen. Sie gehen auf die früheren Landkreise "
     "Delitzsch und Torgau-Oschatz zurück.", ("Landkreis Delitzsch", "Landkreis Torgau-Oschatz")),
    ("Der Rhein-Kreis Neuss pflegt Kontakte nach Polen und in die Prignitz, die 1993 aus den Kreisen "
     "Perleberg und Pritzwalk entstand.", ("Kreis Perleberg", "Kreis Pritzwalk")),
])
def test_a_former_kreis_named_after_a_german_town_is_german_on_a_page_about_poland(extractor, text, districts):
    found = readings(extractor, text)
    assert {d: found.get(d) for d in districts} == {d: "DE" for d in districts}


def test_a_kreis_named_after_a_polish_town_is_a_polish_powiat(extractor):
    found = readings(extractor, "Der Kreis Warendorf pflegt eine Partnerschaft mit dem polnischen Kreis Pisz. "
                                "Die Gäste aus dem Kreis Krapkowice kamen auch.")
    assert found["Powiat Pisz"] == "PL" and found["Powiat Krapkowice"] == "PL"
