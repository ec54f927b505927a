"""A name that is a town's and a territory's alike names the territory where the text lists it
among territories (extract/territory_lists.py): coordinated with a Land or a country, or alone in
brackets after a town on a line that puts countries in brackets. Own-words fixtures."""

import pytest

from partnergraph.models import Article


def towns(extractor, text):
    ex = extractor.extract(Article(url="https://www.zeitung.de/partner", title="", text=text, date=None))
    return {ex.places[m.ref].name_de for m in ex.mentions if m.kind == "municipality"}


@pytest.mark.parametrize("text, land", [
    ("Gefördert wird das Programm von den Ländern Hessen, Bremen und Sachsen.", "Bremen"),
    ("Zuständig für Niedersachsen/Bremen/Schleswig-Holstein ist das Generalkonsulat.", "Bremen"),
    ("Partnerorte von Chur: Cabourg (Frankreich), Bad Mondorf (Luxemburg), Mayrhofen (Österreich).", "Luxemburg"),
])
def test_a_town_named_like_a_territory_is_the_territory_in_a_list_of_territories(extractor, text, land):
    assert land not in towns(extractor, text)


@pytest.mark.parametrize("text, town", [
    ("Die Städtepartnerschaft zwischen Bremen und Danzig besteht seit 1976.", "Bremen"),
    ("Die Hansestadt Bremen, Riga und Danzig trafen sich in Hessen.", "Bremen"),
    ("Delegationen aus Hamburg, Kiel und Lübeck besuchten Schleswig-Holstein.", "Hamburg"),
])
def test_a_town_named_like_a_territory_stays_a_town_among_towns(extractor, text, town):
    assert town in towns(extractor, text)
