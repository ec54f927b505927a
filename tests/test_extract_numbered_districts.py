"""A district of a big city named by its number (extract/numbered_districts.py)."""

import datetime as dt

import pytest

from partnergraph.models import Article


def extract(extractor, text):
    return extractor.extract(Article(url="https://beispiel.example/b", title="", text=text, date=dt.date(2024, 5, 2)))


def places(ex):
    return {(p.name_de, p.country, p.geonameid) for p in ex.places.values()}


def pairs(ex):
    return {frozenset(ex.places[r].name_de for _, r in p.partners) for p in ex.partnerships}


@pytest.mark.parametrize("written", ["dem 7. Bezirk Budapests", "dem VII. Bezirk Budapest",
                                     "dem siebten Bezirk von Budapest"])
def test_a_numbered_district_of_budapest_is_that_district(extractor, written):
    ex = extract(extractor, f"Seit 1992 pflegt Ottobrunn eine Städtepartnerschaft mit {written}.")
    assert any(name == "Erzsébetváros" or "VII. kerület" in name for name, _, _ in places(ex))


def test_a_city_before_its_numbered_district_names_no_partner(extractor):
    ex = extract(extractor, "Bezirkspartnerschaft Wien 3. Bezirk und Budapest 3. Bezirk\n\n"
                            "Die Bezirksvorsteher unterzeichneten den Partnerschaftsvertrag im Rathaus.")
    assert frozenset({"Landstraße", "Budapest III. kerület"}) in pairs(ex)
    assert not any("Wien" in pair or "Budapest" in pair for pair in pairs(ex))


def test_a_number_beyond_the_citys_districts_is_no_district(extractor):
    ex = extract(extractor, "Die Delegation besuchte den 40. Bezirk von Budapest.")
    assert not any("kerület" in name for name, _, _ in places(ex))


def test_budapests_districts_are_found_by_their_german_and_hungarian_names(extractor):
    ex = extract(extractor, "Neudenau und Altofen-Krottendorf in Ungarn erklären sich zu Partnergemeinden. "
                            "Eine Delegation aus Budavar kam ebenfalls.")
    assert {("Budapest III. kerület", "HU", 7284842), ("Budapest I. kerület", "HU", 7284844)} <= places(ex)


def test_a_numbered_district_named_otherwise_is_a_borough_and_no_second_place(extractor):
    ex = extract(extractor, "Die Urkunde der Partnerschaft des Bezirkes Budavar mit dem Bezirk Mitte wurde 2004 "
                            "unterzeichnet. Budavar ist der erste Bezirk von Budapest.")
    districts = [p for p in ex.places.values() if p.name_de == "Budapest I. kerület"]
    assert len(districts) == 1 and districts[0].kind == "borough"
    assert not [p for p in ex.places.values() if p.name_de == "Budavar"]
