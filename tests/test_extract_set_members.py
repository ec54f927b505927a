"""The members of a counted set of partners given in the sentences after the count (issue 17,
session 20: missed pairs of the twelve open splits whose partners were found): "X hat drei
Partnerstädte. … A … B", also with a foreign owner and its German partners, and a town's "alle
Partnerschaften" before the towns they were with. Each rule is checked both ways: no count, a
venue, a partner or another town of the owner's side after the count pairs nobody.

Every text here is written by us, in our own words."""

from __future__ import annotations

from conftest import pairs_in


def _pairs(extractor, text: str) -> set[frozenset[str]]:
    return pairs_in(extractor, text, "test:setmembers20")


def test_the_towns_after_a_count_of_partners_are_the_counting_towns_partners(extractor):
    text = ("Göttingen hat drei Partnerstädte in Europa. Die älteste Verbindung besteht seit 1963 "
            "mit Cambridge, die jüngste seit 1998 mit Toruń.")
    pairs = _pairs(extractor, text)
    assert frozenset({"Göttingen", "Cambridge"}) in pairs
    assert frozenset({"Göttingen", "Toruń"}) in pairs


def test_a_foreign_town_counting_its_german_partners_owns_the_german_towns_after(extractor):
    text = ("Gleich sieben deutsche Partnerstädte hat die polnische Stadt Toruń. Am längsten verbunden "
            "sind Göttingen und Leverkusen.")
    pairs = _pairs(extractor, text)
    assert frozenset({"Toruń", "Göttingen"}) in pairs
    assert frozenset({"Toruń", "Leverkusen"}) in pairs


def test_all_partnerships_of_a_town_own_the_towns_of_the_sentence_after_next(extractor):
    text = ("Nach der Wahl kündigte Göttingen alle Partnerschaften mit Gemeinden im Ausland. "
            "Zum Jahresende. Betroffen sind Cambridge und Toruń.")
    pairs = _pairs(extractor, text)
    assert frozenset({"Göttingen", "Cambridge"}) in pairs
    assert frozenset({"Göttingen", "Toruń"}) in pairs


def test_partners_named_without_a_count_own_no_towns_after(extractor):
    text = ("Näheres über die Partnerstädte der Stadt Göttingen steht auf der Website. "
            "Eine Bürgerreise führte im Herbst quer durch Polen, Krakau und Breslau waren ihre Höhepunkte.")
    assert frozenset({"Göttingen", "Krakau"}) not in _pairs(extractor, text)


def test_a_town_after_a_count_as_a_destination_is_no_partner(extractor):
    text = ("Göttingen hat drei Partnerstädte in Europa. Im Sommer reiste der Jugendchor nach Krakau.")
    assert frozenset({"Göttingen", "Krakau"}) not in _pairs(extractor, text)


def test_guests_from_a_town_after_a_count_are_no_partners(extractor):
    text = ("Göttingen hat drei Partnerstädte in Europa. Am Sonntag kam ein Chor aus Krakau zu Besuch.")
    assert frozenset({"Göttingen", "Krakau"}) not in _pairs(extractor, text)


def test_the_venue_of_a_meeting_of_partner_towns_owns_no_set(extractor):
    text = ("Beim Treffen der damals sechs Partnerstädte im französischen Dijon ging es um Osteuropa. "
            "Seitdem geschah nur der Austritt der niederländischen Stadt Delft.")
    assert frozenset({"Dijon", "Delft"}) not in _pairs(extractor, text)


def test_a_town_of_the_owners_side_ends_the_set(extractor):
    text = ("Göttingen hat drei Partnerstädte in Europa. Auch Kassel pflegt Kontakte, etwa nach Krakau. "
            "Toruń ist die größte der Städte.")
    assert frozenset({"Göttingen", "Toruń"}) not in _pairs(extractor, text)
