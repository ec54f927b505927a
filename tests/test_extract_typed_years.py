"""A pair with several kinds of partnership begun in different years: each type takes the start
date its own words state (extract/typed_years.py). All fixtures are sentences of our own."""

import datetime as dt

import pytest

from partnergraph.models import Article


def typed_years(extractor, text):
    ex = extractor.extract(Article(url="https://beispiel.example/arten", title="", text=text,
                                   date=dt.date(2024, 3, 1)))
    names = {k: p.name_de for k, p in ex.places.items()}
    return {(frozenset(names.get(r, r) for _, r in p.partners), p.type): p.start_year for p in ex.partnerships}


@pytest.mark.parametrize("text, expected", [
    # each type word with its own founding act, the younger one in a sentence of its own
    ("Freiburg und Matagalpa verbindet eine Städtepartnerschaft, die 1988 besiegelt wurde. "
     "Eine Klimapartnerschaft haben die beiden Städte erst 2014 vereinbart; sie gilt der Aufforstung.",
     {"staedtepartnerschaft": 1988, "klimapartnerschaft": 2014}),
    # a "seit" before the participle of the older type, the younger type's act after its word
    ("Rostock und Dar es Salaam arbeiten in einer Klimapartnerschaft zusammen, die 2017 gegründet "
     "wurde. Älter ist die seit 2005 bestehende Städtepartnerschaft zwischen Rostock und Dar es Salaam.",
     {"klimapartnerschaft": 2017, "staedtepartnerschaft": 2005}),
])
def test_each_type_of_a_pair_takes_the_date_its_own_words_state(extractor, text, expected):
    years = typed_years(extractor, text)
    for (pair, type_), year in years.items():
        if type_ in expected:
            assert year == expected[type_], type_
    assert {t for _, t in years} >= set(expected)


def test_a_date_near_the_only_type_word_does_not_override_the_pairs_founding_act(extractor):
    years = typed_years(extractor, "Die Städtepartnerschaft zwischen Würzburg und Bray wurde 1970 besiegelt. "
                                   "Seit 2001 beleben Schulprojekte die Städtepartnerschaft.")
    assert set(years.values()) == {1970}


def test_a_kind_a_sentence_about_the_pair_dates_is_added_and_its_date_is_not_the_other_kinds(extractor):
    # "Partnerstadt" types the pair; the sentence that refers back to both dates a Klimapartnerschaft
    years = typed_years(extractor, "Eine Delegation aus Kalisz, der Partnerstadt von Erfurt, ist zu Gast. Ziel ist es, "
                                   "die zwischen den beiden Städten seit 2016 bestehende Klimapartnerschaft zu stärken.")
    assert {t: y for (_, t), y in years.items()} == {"staedtepartnerschaft": None, "klimapartnerschaft": 2016}


def test_the_date_of_a_sentence_naming_one_kind_only_is_that_kinds(extractor):
    # the Betreiberpartnerschaft's act stands far from its word; the Städtepartnerschaft states no year
    years = typed_years(extractor, "Kalisz ist die Partnerstadt von Erfurt. Im Frühjahr 2021 gingen die Stadtwerke "
                                   "von Erfurt und der Wasserbetrieb in Kalisz nach langen Gesprächen eine "
                                   "geförderte Betreiberpartnerschaft ein.")
    assert years.get((frozenset({"Erfurt", "Kalisz"}), "betreiberpartnerschaft")) == 2021
    assert years.get((frozenset({"Erfurt", "Kalisz"}), "staedtepartnerschaft")) is None


def test_a_kind_dated_in_a_sentence_about_neither_partner_is_not_the_pairs(extractor):
    years = typed_years(extractor, "Die Städtepartnerschaft zwischen Erfurt und Kalisz wurde 1995 besiegelt. "
                                   "Hinzu kam 2005 ein Freundschaftsabkommen, das die Bundesregierung mit Polen schloss.")
    assert {t: y for (_, t), y in years.items()} == {"staedtepartnerschaft": 1995}
