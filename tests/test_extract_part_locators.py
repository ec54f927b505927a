"""A town named only as the city a part of it belongs to is no partner (issue 17, locators.py,
`part_locator_genitive` and `part_locator_before` in relations-de.json): "dem 3. Bezirk Wiens",
"Shibuya, einem Stadtteil Tokios", "Bezirk Mitte von Berlin". A town in the genitive elsewhere
("Hamburgs Partnerstadt") stays a partner's owner.

Every text here is written by us, in our own words."""

from __future__ import annotations

from conftest import pairs_in


def _pairs(extractor, text: str, title: str = "") -> set:
    return pairs_in(extractor, text, "test:part-locators", title)


def test_the_city_of_a_district_named_in_the_genitive_is_no_partner(extractor):
    pairs = _pairs(extractor, "Zwischen Kassel und seiner fernsten Partnerstadt Shibuya, einem Stadtteil Tokios, "
                              "liegen viele Kilometer.")
    assert not any("Tokio" in p or "Tokyo" in p for p in pairs)


def test_a_numbered_district_of_a_city_in_the_genitive_does_not_pair_the_city(extractor):
    pairs = _pairs(extractor, "Der Bezirk Spandau unterhält Partnerschaften seit 1970 mit Siegburg und seit 1975 "
                              "mit dem 3. Bezirk Budapests.")
    assert not any("Budapest" in p for p in pairs)


def test_a_district_named_with_von_and_its_city_does_not_pair_the_city(extractor):
    pairs = _pairs(extractor, "Die Klimapartnerschaft zwischen dem Bezirk Treptow-Köpenick von Berlin und der "
                              "Stadt Cajamarca wurde verlängert.")
    assert not any("Berlin" in p for p in pairs)


def test_a_genitive_owner_of_partners_is_still_paired(extractor):
    pairs = _pairs(extractor, "Hamburgs Partnerstadt Dresden feiert ein Jubiläum der Städtepartnerschaft.")
    assert frozenset({"Hamburg", "Dresden"}) in pairs


def test_a_town_named_only_as_a_distance_is_no_side_of_a_later_pair_anaphor(extractor):
    pairs = _pairs(extractor, "Melsungen hat eine neue Partnerstadt: den Ort Trzebnica in Polen. Der Ort liegt etwa "
                              "20 Kilometer von Breslau entfernt. Die Partnerschaft soll von den Menschen beider "
                              "Kommunen gelebt werden.")
    assert not any("Breslau" in p or "Wrocław" in p for p in pairs)


def test_a_place_after_im_only_locates_the_town_before_it(extractor):
    pairs = _pairs(extractor, "Die Stadt Roth pflegt viele Kontakte. Seit 1990 besteht mit der Gemeinde Tamsweg im "
                              "Lungau eine Partnerschaft.", title="Roth")
    assert not any("Lungau" in p for p in pairs)
