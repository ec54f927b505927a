"""A place's name used as a given name: right before a capitalised word no list knows, followed as
a name in a list of people is (a comma, a bracket, a slash, "von"/"vom"/"und"), and never on its
own elsewhere in the text, it is a person's (places.py, _before_surname). Own-words fixtures."""

import pytest

from partnergraph.models import Article


def towns(extractor, text):
    ex = extractor.extract(Article(url="https://www.zeitung.de/besuch", title="", text=text, date=None))
    return {ex.places[m.ref].name_de for m in ex.mentions if m.kind == "municipality"}


@pytest.mark.parametrize("text, name", [
    ("Zur Städtepartnerschaft kamen Hamisi Juma aus Tansania und Nelson Mbwilo vom Distriktrat.", "Nelson"),
    ("Die Koordinatoren der Partnerstädte (Megan Woodward/USA, Sven Traschewski/Deutschland) stellten "
     "das Festival vor.", "Swen"),
])
def test_a_place_name_before_an_unknown_surname_in_a_list_of_people_is_a_given_name(extractor, text, name):
    assert name not in towns(extractor, text)


@pytest.mark.parametrize("text, name", [
    ("Die Partnerstädte Nelson, Leeds und Lyon schickten Delegationen.", "Nelson"),
    # the name recurs on its own: a town
    ("Die Städtepartnerschaft mit Nelson Mbwilo, dem Bürgermeister, feiert Nelson in Neuseeland.", "Nelson"),
    # an English place word after the name is part of how the place is named
    ("Die Städtepartnerschaft zwischen Mwanza City, Würzburg und Leeds besteht seit 1966.", "Mwanza"),
])
def test_a_place_name_stays_a_place_among_places_or_on_its_own_elsewhere(extractor, text, name):
    assert name in towns(extractor, text)


def test_a_name_coordinated_with_a_town_that_opens_with_a_first_name_is_a_person(extractor):
    text = ("Zum Jubiläum der Städtepartnerschaft sprachen der Generalkonsul in Istanbul und Sabine Kowalczyk, "
            "Referat Städtepartnerschaften, vor den Gästen.")
    assert not [n for n in towns(extractor, text) if n.startswith("Sabine")]
