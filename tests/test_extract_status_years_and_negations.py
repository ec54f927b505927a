"""A year that dates an end or a suspension is no start year, and a negation after the status verb
or a denied existence decides the status (issue 17: "ended and planned partnerships are told apart
from active ones"; session 22, status_dates.py, pair_statuses.py).

Every text is written by us, in our own words; each wording is checked against one that must keep
its year or its status."""

from __future__ import annotations

import datetime as dt

import pytest

from partnergraph import Article

PAIR = frozenset({"Erfurt", "Kalisz"})


def _pair(extractor, text: str, pair=PAIR):
    ex = extractor.extract(Article(url="test:status-years", text=text, date=dt.date(2024, 5, 3)))
    by_key = {k: p.name_de for k, p in ex.places.items()}
    [partnership] = [p for p in ex.partnerships if frozenset(by_key.get(r, r) for _, r in p.partners) == pair]
    return partnership.start_year, partnership.status


@pytest.mark.parametrize("text, expected", [
    # the year before the particle or participle that closes the clause
    ("Die Partnerschaft zwischen Erfurt und Kalisz liegt seit 2021 auf Eis.", (None, "suspended")),
    ("Die Stadt Erfurt legte die Partnerschaft mit Kalisz 2021 auf Eis.", (None, "suspended")),
    ("Erfurt löste die Partnerschaft mit Kalisz 2021 auf.", (None, "ended")),
    ("Erfurt hat die Partnerschaft mit Kalisz im Jahr 2021 ausgesetzt.", (None, "suspended")),
    # the year opening the clause, the status verb right after it or at its end
    ("Seit 2021 ruht die Partnerschaft zwischen Erfurt und Kalisz.", (None, "suspended")),
    ("Seit 2021 ist die Partnerschaft zwischen Erfurt und Kalisz beendet.", (None, "ended")),
    # the year of the clause after the status
    ("Die Partnerschaft zwischen Erfurt und Kalisz ruht, seit 2021 gibt es keine Besuche mehr.", (None, "suspended")),
])
def test_a_year_dating_an_end_or_a_suspension_is_no_start(extractor, text, expected):
    assert _pair(extractor, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a founding or an existence between the year and the status keeps the year the start
    ("Die 1993 besiegelte Partnerschaft zwischen Erfurt und Kalisz wurde 2021 ausgesetzt.", (1993, "suspended")),
    ("Die seit 1993 bestehende Partnerschaft zwischen Erfurt und Kalisz ruht seit 2021.", (1993, "suspended")),
    ("Seit 1993 sind Erfurt und Kalisz Partnerstädte; der Austausch ruht derzeit.", (1993, "suspended")),
    ("Seit 1993 ist Erfurt mit Kalisz verbunden.", (1993, None)),
    # the status verb coordinated after the year's own verb phrase
    ("Die Städtepartnerschaft zwischen Erfurt und Kalisz besteht seit 1993 und ruht seit 2021.", (1993, "suspended")),
    # a period: its first year is the start, its last the end's
    ("Erfurt und Kalisz waren von 1993 bis 2021 Partnerstädte.", (1993, "ended")),
    ("Die Städtepartnerschaft zwischen Erfurt und Kalisz bestand von 1993 bis 2021.", (1993, "ended")),
])
def test_a_founding_between_the_year_and_the_status_keeps_the_start(extractor, text, expected):
    assert _pair(extractor, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Die Städtepartnerschaft zwischen Erfurt und Kalisz ruht nicht.", None),
    ("Die Städtepartnerschaft zwischen Erfurt und Kalisz ruht keineswegs.", None),
    ("Die Städtepartnerschaft zwischen Erfurt und Kalisz wurde keinesfalls beendet.", None),
    ("Die Städtepartnerschaft zwischen Erfurt und Kalisz ruht, nicht aber der Schüleraustausch.", "suspended"),
    ("Die Städtepartnerschaft zwischen Erfurt und Kalisz ruht derzeit.", "suspended"),
])
def test_a_negation_after_the_status_verb_negates_it(extractor, text, expected):
    assert _pair(extractor, text)[1] == expected


@pytest.mark.parametrize("text, expected", [
    ("Die Städtepartnerschaft zwischen Erfurt und Kalisz besteht nicht mehr.", "ended"),
    ("Eine Städtepartnerschaft zwischen Erfurt und Kalisz gibt es seit Jahren nicht mehr.", "ended"),
    ("Heute gibt es die Städtepartnerschaft zwischen Erfurt und Kalisz nicht mehr.", "ended"),
    ("Die Städtepartnerschaft zwischen Erfurt und Kalisz besteht nicht mehr nur aus Besuchen.", None),
    ("Die Städtepartnerschaft zwischen Erfurt und Kalisz besteht weiter.", None),
])
def test_an_existence_denied_with_the_verb_first_has_ended(extractor, text, expected):
    assert _pair(extractor, text)[1] == expected


@pytest.mark.parametrize("text, expected", [
    # a year after the article's (2024) before a plan that a past year makes history
    ("Erfurt und Kalisz werden 2025 einen Partnerschaftsvertrag unterzeichnen.", "planned"),
    # a past year still makes the decision history
    ("Erfurt und Kalisz haben 2019 beschlossen, eine Städtepartnerschaft einzugehen.", None),
])
def test_a_later_year_than_the_articles_keeps_a_plan_a_plan(extractor, text, expected):
    assert _pair(extractor, text)[1] == expected


@pytest.mark.parametrize("text, expected", [
    # the partnership lives: no person's time
    ("Die 1993 geschlossene Städtepartnerschaft zwischen Erfurt und Kalisz lebt.", 1993),
    ("Die 1993 geschlossene Städtepartnerschaft zwischen Erfurt und Kalisz lebt von Begegnungen.", 1993),
    # a person lives somewhere since a year: no start
    ("Seit 1993 lebt er in Erfurt, der Partnerstadt von Kalisz.", None),
])
def test_a_partnership_that_lives_keeps_its_year(extractor, text, expected):
    assert _pair(extractor, text)[0] == expected
