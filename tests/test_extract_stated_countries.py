"""Small foreign towns whose country the page states right at them (issue #17, session 10:
stated_countries.py): a bracketed country name or ISO code after the name, a dash and a country
closing the line, a country or region adjective before it. Own-words fixtures."""

import pytest

from partnergraph.extract.stated_countries import stated_country
from partnergraph.models import Article


def extract(extractor, text, url="https://www.lokalblatt.de/artikel"):
    return extractor.extract(Article(url=url, title="", text=text, date=None))


def towns(ex):
    return {(p.name_de, p.country) for p in ex.places.values()}


@pytest.mark.parametrize("text, town", [
    # an ISO code in brackets right after the name
    ("Die Schüler aus Oberkirch fuhren im Mai nach Honfleur (FR) ans Meer.", ("Honfleur", "FR")),
    # a dash and the country closing a line of a partner list
    ("Unsere Partnerorte\n\nLudlow - England\n\nMehr erfahren", ("Ludlow", "GB")),
    # a compass-prefixed country adjective and a town noun before the name
    ("Eine Gruppe besuchte das nordfranzösische Städtchen Honfleur im Sommer.", ("Honfleur", "FR")),
])
def test_a_small_town_counts_when_its_country_is_stated_right_at_it(extractor, text, town):
    assert town in towns(extract(extractor, text))


def test_the_town_of_the_stated_country_is_chosen_over_a_same_named_one(extractor):
    # Sande is a town in Lower Saxony and in Norway (and a German word): the bracket says which
    text = "Die Partnerorte des Vereins sind Sande (Norwegen) und die Stadt Tartu."
    assert ("Sande", "NO") in towns(extract(extractor, text))
    assert ("Sande", "DE") not in towns(extract(extractor, text))


def test_a_small_town_before_an_alpha3_code_in_brackets_is_that_countrys_town(extractor):
    text = "Die Stadt Kriens pflegt Partnerschaften mit Honfleur (FRA) und Rakovník (CZE)."
    assert {("Honfleur", "FR"), ("Rakovník", "CZ")} <= towns(extract(extractor, text, "https://www.ortsblatt.ch/a"))


@pytest.mark.parametrize("text, word", [
    # a capitalised language name is no country adjective
    ("Die Stadt Lwiw, auf Deutsch Lemberg, lud die Gäste ein.", "Lemberg"),
    # a German noun after an adjective is the noun
    ("Der Vertrag wurde auf deutschem Boden unterzeichnet.", "Boden"),
    # a name glued to a longer word is part of that word
    ("Es sprach der türkische Vize-Außenminister über den Austausch.", "Vize"),
])
def test_a_word_after_a_country_adjective_stays_a_word(extractor, text, word):
    assert word not in {name for name, _ in towns(extract(extractor, text))}


def test_a_town_not_in_the_stated_country_is_not_taken(extractor):
    assert "Ludlow" not in {name for name, _ in towns(extract(extractor, "Der Chor reiste nach Ludlow (Frankreich)."))}


@pytest.mark.parametrize("text, expected", [
    ("Cabourg (FR)", "FR"),
    ("Cabourg (Frankreich, seit 1980)", "FR"),
    ("Cabourg (FRA)", "FR"),  # an ISO alpha-3 code, as Swiss and Austrian partner lists write it
    ("Cabourg (FRA, seit 1980)", "FR"),
    ("Cabourg - FRA\n", None),  # alpha-3 only in a bracket: after a dash it may be a word
    ("Kenilworth – England\n", "GB"),
    ("das Tiroler Örtchen Silz", "AT"),
    ("im polnischen Koscierzyna", "PL"),
    ("die Gemeinde Silz", None),
    ("aus dem walisischen Kenilworth", ("GB", "WLS")),  # a region states its admin1 too
    ("Kenilworth - England ist schön", None),  # a dash inside a sentence is no list line
])
def test_stated_country_reads_the_words_at_the_name(text, expected):
    name = next(w for w in ("Cabourg", "Kenilworth", "Silz", "Koscierzyna") if w in text)
    start = text.index(name)
    stated = stated_country(text, start, start + len(name))
    assert (stated if isinstance(expected, tuple) else stated and stated[0]) == expected


def test_a_german_designation_of_a_foreign_unit_keeps_the_units_own_name_and_country(extractor):
    ex = extract(extractor, "Die Stadt Lahr schloss eine Partnerschaft mit der Gemeinde Zaritschne in der Ukraine. "
                            "Kontakt bestand zuvor mit der westukrainischen Verbandsgemeinde Zaritschne, "
                            "die 2000 Kilometer entfernt liegt.")
    assert ("Zaritschne", "UA") in towns(ex)
    assert not any(name.startswith("Verbandsgemeinde") or country == "DE" and "Zaritschne" in name
                   for name, country in towns(ex))
