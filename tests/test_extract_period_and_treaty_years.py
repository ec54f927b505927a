"""Start-year wordings (session 19, issue #17, start years): a year after "ab" opens a period (a
trend of many foundings), not one pair's founding; "aus der Taufe gehoben" is a founding; the
conclusion of a partnership treaty as a noun ("mit dem Abschluss eines Partnerschaftsvertrages")
dates the pair, over a "seit" of the contacts the same sentence says it sealed; a jubilee whose
compound names another body ("Stadtjubiläum") is not the partnership's. Every text is written by
us, in our own words; each wording is checked against one that must not count."""

from __future__ import annotations

import datetime as dt

import pytest

from partnergraph import Article
from conftest import partnership_of

PAIR = frozenset({"Erfurt", "Kalisz"})


def _year(extractor, text: str, date=None):
    ex = extractor.extract(Article(url="test:period-years", text=text, date=date))
    names = {k: p.name_de for k, p in ex.places.items()}
    [year] = {p.start_year for p in ex.partnerships if frozenset(names.get(r, r) for _, r in p.partners) == PAIR}
    return year


@pytest.mark.parametrize("text, expected", [
    # "ab <year>": the period many partnerships were founded in, not this pair's year
    ("Nach dem Krieg entstanden ab 1950 in großer Zahl Städtepartnerschaften, darunter auch die "
     "Städtepartnerschaft zwischen Erfurt und Kalisz.", None),
    ("Ab dem Jahr 1950 wurden vermehrt Partnerschaften gegründet, etwa die Städtepartnerschaft von "
     "Erfurt und Kalisz.", None),
    # the same sentence with the pair's own year
    ("Nach dem Krieg wurde 1950 die Städtepartnerschaft zwischen Erfurt und Kalisz gegründet.", 1950),
])
def test_a_year_after_ab_opens_a_period_and_dates_no_founding(extractor, text, expected):
    assert _year(extractor, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Im Jahr 1958 wurde in einem kleinen Saal die Städtepartnerschaft zwischen Erfurt und Kalisz "
     "aus der Taufe gehoben.", 1958),
    # a body founded "aus der Taufe gehoben" without a year: nothing to read
    ("Die Städtepartnerschaft zwischen Erfurt und Kalisz lebt; ein Förderverein wurde kürzlich aus "
     "der Taufe gehoben.", None),
])
def test_aus_der_taufe_gehoben_is_a_founding(extractor, text, expected):
    assert _year(extractor, text) == expected


@pytest.mark.parametrize("text, expected", [
    # contacts since one year, sealed by the treaty's conclusion on a later date: the treaty's year
    ("Erfurt unterhält seit 1991 Kontakte zur Stadt Kalisz, die am 14.05.1996 mit dem Abschluss eines "
     "Partnerschaftsvertrages besiegelt wurden.", 1996),
    ("Erfurt pflegt seit 1991 Kontakte nach Kalisz, die erst der Abschluss des Partnerschaftsvertrages "
     "im Jahr 1996 zur Städtepartnerschaft machte.", 1996),
    # contacts with nothing sealed later: the "seit" stays the start
    ("Erfurt pflegt seit 1991 Kontakte zur Partnerstadt Kalisz, die immer enger wurden.", 1991),
    # the conclusion of something else dates no partnership
    ("Erfurt und Kalisz sind Partnerstädte; der Abschluss der Bauarbeiten 1996 wurde gefeiert.", None),
])
def test_the_conclusion_of_a_partnership_treaty_dates_the_pair(extractor, text, expected):
    assert _year(extractor, text) == expected


@pytest.mark.parametrize("text, expected", [
    # the town's jubilee beside the partnership's: the partnership's count
    ("2014 feierte Kalisz sein 60-jähriges Stadtjubiläum und zugleich das 20-jährige Bestehen der "
     "Städtepartnerschaft mit Erfurt.", 1994),
    # a jubilee of the partnership itself counts
    ("2014 feierte Kalisz das 20-jährige Jubiläum der Städtepartnerschaft mit Erfurt.", 1994),
])
def test_a_jubilee_of_another_body_is_not_the_partnerships(extractor, text, expected):
    assert _year(extractor, text, dt.date(2014, 6, 1)) == expected


@pytest.mark.parametrize("text, expected", [
    # a title's or a saint's abbreviation between the year and the act ends no clause
    ("Im Jahr 1996 haben Bürgermeister Dr. Anton Beispiel aus Erfurt und sein Amtskollege aus Kalisz "
     "die Urkunde der Städtepartnerschaft unterzeichnet.", 1996),
    ("Am Pfingstsonntag 1996 kamen die Gemeinden Erfurt und Kalisz bei St. Marien zusammen: beide "
     "Bürgermeister unterzeichneten die Urkunden der Städtepartnerschaft.", 1996),
    # a sentence's own full stop still ends it: the year of the sentence before is no act's
    ("Erfurt und Kalisz trafen sich 1996 zum ersten Mal. Die Bürgermeister haben die Urkunde der "
     "Städtepartnerschaft später unterzeichnet.", None),
])
def test_an_abbreviation_between_year_and_act_ends_no_clause(extractor, text, expected):
    assert _year(extractor, text) == expected
