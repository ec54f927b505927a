"""A type word made a possibility ("potenziellen Partnergemeinden") speaks of partnerships that
may come: it does not type the article's pairs whose own sentences name no type
(extract/hedges.py). All fixtures are sentences of our own."""

import datetime as dt

import pytest

from partnergraph.models import Article

PAIRS = " Künftig arbeiten Fulda und Sanok, Marburg und Rzeszów sowie Gießen und Lublin zusammen."


def types(extractor, text):
    ex = extractor.extract(Article(url="https://beispiel.example/forum", title="Partnerschaften beim Forum",
                                   text=text, date=dt.date(2024, 3, 1)))
    return {p.type for p in ex.partnerships}


@pytest.mark.parametrize("hedge", ["potenziellen", "möglichen", "künftigen"])
def test_a_hedged_type_word_does_not_type_the_articles_pairs(extractor, hedge):
    text = f"Zum Forum in Kassel kamen zwölf polnische Gemeinden und ihre {hedge} Partnergemeinden aus Hessen." + PAIRS
    assert types(extractor, text) == {"unspecified"}


def test_the_same_type_word_without_a_hedge_types_them(extractor):
    text = "Zum Forum in Kassel kamen zwölf polnische Gemeinden und ihre Partnergemeinden aus Hessen." + PAIRS
    assert types(extractor, text) == {"staedtepartnerschaft"}


def test_a_hedged_type_word_in_the_pairs_own_sentence_still_types_it(extractor):
    text = "Eine mögliche Städtepartnerschaft mit Sanok prüft die Stadt Fulda derzeit."
    assert types(extractor, text) == {"staedtepartnerschaft"}
