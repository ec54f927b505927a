"""A German Landkreis the page names is meant by its seat's bare name elsewhere on the page
(district_seats.py), unless the text places something in the town, ends a line with it (a
dateline) or the seat is a kreisfreie Stadt of its own. Own-words fixtures."""

import pytest

from partnergraph.models import Article


def readings(extractor, text):
    ex = extractor.extract(Article(url="https://www.kreiszeitung.de/partner", title="", text=text, date=None))
    return [(m.surface, ex.places[m.ref].name_de, ex.places[m.ref].kind) for m in ex.mentions if m.kind == "municipality"]


def test_the_bare_seat_of_a_named_landkreis_is_that_landkreis(extractor):
    found = readings(extractor, "Die Partnerschaft des Landkreises Sonneberg mit dem Rhein-Sieg-Kreis begann 1990. "
                                "Die Partnerschaft mit Sonneberg wurde seither gepflegt.")
    assert ("Sonneberg", "Landkreis Sonneberg", "district") in found
    assert not [f for f in found if f[2] == "municipality"]


@pytest.mark.parametrize("text, town", [
    ("Der Landkreis Emmendingen unterzeichnete einen Vertrag mit dem Landkreis Pisz. "
     "Der Besuch in Emmendingen dauerte drei Tage.", "Emmendingen"),
    ("Kreisblatt 2022-11 Günzburg\n\nDer Landkreis Günzburg strebt eine Partnerschaft an.", "Günzburg"),
    ("Die Stadt Passau und der Landkreis Passau luden ein. Passau ist Partnerstadt von Liberec.", "Passau"),
])
def test_a_seat_placed_by_in_a_dateline_or_a_kreisfreie_stadt_stays_the_town(extractor, text, town):
    found = readings(extractor, text)
    assert (town, town, "municipality") in found



@pytest.mark.parametrize("text, town, district", [
    # a Städtepartnerschaft joins towns, even on a page about the seat's district
    ("Aus der Städtepartnerschaft zwischen Sonneberg und Plauen erwuchs 1991 die Partnerschaft der "
     "Landkreise; der Landkreis Sonneberg unterschrieb in Plauen.", "Sonneberg", "Landkreis Sonneberg"),
    # "selbst" sets the town against its district
    ("Unser Partner ist der Kreis Gniezno in Polen. Im Kreis leben 140.000 Menschen, Gniezno selbst ist "
     "die alte Hauptstadt.", "Gniezno", "Powiat Gniezno"),
])
def test_a_seat_named_as_a_town_beside_its_district_stays_the_town(extractor, text, town, district):
    found = readings(extractor, text)
    assert any(surface == town and kind == "municipality" for surface, _, kind in found)
    assert any(name == district for _, name, _ in found)
