"""Enumerations license their small members (extract/enumerations.py)."""

import datetime as dt

from partnergraph.models import Article


def places(extractor, text):
    ex = extractor.extract(Article(url="https://beispiel.example/t", title="", text=text, date=dt.date(2023, 11, 9)))
    return {(p.name_de, p.country, p.geonameid) for p in ex.places.values()}


def test_small_towns_listed_with_accepted_partner_towns_in_a_partnership_sentence_are_towns(extractor):
    found = places(extractor, "Zum Jubiläum der Städtepartnerschaften kamen Gäste aus Prag, Pilsen, Tachov und Tlučná.")
    assert {("Tachov", "CZ", 3064373), ("Tlučná", "CZ", 3064185)} <= found


def test_the_same_list_outside_a_sentence_about_partnerships_keeps_the_size_rules(extractor):
    found = places(extractor, "Die Radtour führte durch Prag, Pilsen, Tachov und Tlučná.")
    assert not {g for _, _, g in found} & {3064373, 3064185}


def test_a_listed_name_followed_by_a_capitalised_word_is_not_taken_as_a_town(extractor):
    # "Muro" alone is a town, but here it begins a longer name the gazetteer lacks
    found = places(extractor, "Zum Jubiläum der Städtepartnerschaften kamen Gäste aus Prag, Pilsen und Muro Locano.")
    assert all(name != "Muro" for name, _, _ in found)


def test_small_towns_named_as_what_a_partnership_is_with_are_towns(extractor):
    found = places(extractor, "Der Musikverein feiert zehn Jahre Partnerschaft mit Arbois und Barcs.")
    assert {("Arbois", "FR", 3037287), ("Barcs", "HU", 3055368)} <= found
    # another word before "mit" licenses nothing: the size rules stay
    found = places(extractor, "Der Musikverein feiert zehn Jahre Freundschaft mit Arbois und Barcs.")
    assert not {g for _, _, g in found} & {3037287, 3055368}


def test_a_line_of_two_towns_of_two_countries_joined_by_a_spaced_dash_is_a_pair_of_towns(extractor):
    body = "\n\nNach dem ersten Besuch in Frankreich 1990 kamen bald die Schulklassen."
    found = places(extractor, "Kuchenbasar 2011\n\nSommerach - Montpellier" + body)
    assert ("Sommerach", "DE", 2831455) in found
    # inside a sentence the spaced dash joins nothing: the size rule stays
    found = places(extractor, "Kuchenbasar 2011\n\nDie Fahrt Sommerach - Montpellier dauert lang." + body)
    assert all(g != 2831455 for _, _, g in found)


def test_a_big_city_whose_name_is_also_a_word_counts_in_a_list_of_accepted_partner_cities(extractor):
    found = places(extractor, "Die Hafenstadt hat sieben Partnerstädte: Lissabon, Madrid, Rom, Wien und Warschau.")
    assert ("Rom", "IT", 3169070) in found


def test_a_small_town_whose_name_is_a_word_stays_out_of_such_a_list(extractor):
    # Floß (3.5k) is also the noun: a list licenses only a big city's own name that is a word
    found = places(extractor, "Die Partnerstädte Prag, Pilsen, Floß und Wien feierten gemeinsam.")
    assert all(name != "Floß" for name, _, _ in found)


def test_a_big_city_whose_name_is_a_word_named_as_a_partner_between_two_towns_is_the_city(extractor):
    found = places(extractor, "Nach dem Krieg entstand auch die Städtepartnerschaft zwischen Leipzig und Oxford.")
    assert ("Oxford", "GB", 2640729) in found


def test_a_lower_case_schloss_before_a_city_is_the_verb_not_a_castle(extractor):
    found = places(extractor, "Schon 1972 schloss Riga eine Partnerschaft mit Kiel ab.")
    assert ("Riga", "LV", 456172) in found
    found = places(extractor, "Die Gäste besichtigten das Schloss Riga am Nachmittag.")
    assert all(name != "Riga" for name, _, _ in found)
