"""A friendship word that names two nations' or peoples' friendship ("die deutsch-französische
Freundschaft", "freundschaftliche Beziehungen zwischen den Völkern") types no pair of towns; a
"Städtefreundschaft" and a friendship between the towns still do (extract/national_friendship.py).
All fixtures are sentences of our own."""

import datetime as dt

import pytest

from partnergraph.models import Article

PAIRS = " Künftig arbeiten Fulda und Sanok, Marburg und Rzeszów sowie Gießen und Lublin zusammen."


def types(extractor, text):
    ex = extractor.extract(Article(url="https://beispiel.example/tag", title="Ein Tag der Begegnung",
                                   text=text, date=dt.date(2024, 3, 1)))
    return {p.type for p in ex.partnerships}


@pytest.mark.parametrize("frame", [
    "Das deutsch-polnische Freundschaftsabkommen feierten am Sonntag viele Gäste in Kassel.",
    "Der deutsch polnische Freundschaftsvertrag wurde in Kassel gewürdigt.",
    "In Kassel warben alle für freundschaftliche Beziehungen zwischen den Völkern Europas.",
])
def test_a_friendship_of_nations_or_peoples_does_not_type_the_articles_pairs(extractor, frame):
    assert types(extractor, frame + PAIRS) == {"unspecified"}


def test_a_friendship_word_of_the_towns_still_types_them(extractor):
    text = "Die Städtefreundschaften feierten am Sonntag viele Gäste in Kassel." + PAIRS
    assert types(extractor, text) == {"freundschaft"}


def test_a_nations_adjective_before_a_towns_friendship_keeps_its_type(extractor):
    text = "Die deutsch-polnische Städtefreundschaft zwischen Fulda und Sanok besteht seit Jahren."
    assert types(extractor, text) == {"freundschaft"}
