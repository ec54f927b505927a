"""A big city after a slash only says where the smaller town before it lies: the town is the
partner, the city is not (issue #17, session 19; slash_locators.py). Own-words fixtures."""

from conftest import pairs_in

URL = "https://www.lokalblatt.de/artikel"


def test_a_city_after_a_slash_locates_the_partner_town(extractor):
    text = ("Seit 1985 ist Weilheim mit der französischen Stadt Chaville/Paris durch eine "
            "Städtepartnerschaft verbunden.")
    assert pairs_in(extractor, text, URL) == {frozenset({"Weilheim", "Chaville"})}


def test_a_city_the_page_also_names_as_a_partner_stays_one(extractor):
    text = ("Seit 1985 ist Weilheim mit der französischen Stadt Chaville/Paris durch eine "
            "Städtepartnerschaft verbunden. "
            "Seit 1990 pflegt Weilheim zudem eine Städtepartnerschaft mit Paris.")
    assert frozenset({"Weilheim", "Paris"}) in pairs_in(extractor, text, URL)


def test_a_town_of_another_country_after_a_slash_is_a_partner(extractor):
    text = "Die Städtepartnerschaft Weilheim/Versailles besteht seit 1985."
    assert pairs_in(extractor, text, URL) == {frozenset({"Weilheim", "Versailles"})}
