"""Planned and ended partnerships as the thirteen open splits word them beyond the older wordings
(session 21, issue 17): a hope, a course set, a way towards, a goal, a proposal, a partnership to be
built up, a vote still outstanding, the future of becoming a partner town (planned); a partnership
abolished, one that existed long ago (ended); an end that closes its clause after a list of
partners is every listed partner's.

Every text is written by us, in our own words; each wording is checked against one that must not
count."""

from __future__ import annotations

import pytest

from conftest import partnership_of

PAIR = frozenset({"Erfurt", "Kalisz"})


def _status(extractor, text: str, pair=PAIR):
    return partnership_of(extractor, text, pair, "test:plans-and-shared-ends").status


@pytest.mark.parametrize("text, expected", [
    # a hope
    ("Die Stadt Kalisz hofft auf eine Städtepartnerschaft mit Erfurt.", "planned"),
    ("Die Stadt Erfurt hofft, dass die Städtepartnerschaft mit Kalisz lebendig bleibt.", None),
    # the course set
    ("Am Dienstag stellt der Stadtrat von Erfurt die Weichen für eine Städtepartnerschaft mit Kalisz.", "planned"),
    # on the way
    ("Erfurt ist auf dem Weg zur Städtepartnerschaft mit Kalisz.", "planned"),
    # a goal, said of the partnership
    ("Eine Städtepartnerschaft zwischen Erfurt und Kalisz ist ihr erklärtes Ziel.", "planned"),
    ("Ziel der Städtepartnerschaft zwischen Erfurt und Kalisz ist der Austausch von Schülern.", None),
    # a proposal, undated
    ("Der Rat von Erfurt stimmt dem Vorschlag zur Bildung einer Städtepartnerschaft mit Kalisz zu.", "planned"),
    ("Schon 1990 stimmte der Rat von Erfurt dem Vorschlag für eine Städtepartnerschaft mit Kalisz zu.", None),
    # to be built up, with the indefinite article only
    ("Erfurt hat einen Beschluss zum Aufbau einer Städtepartnerschaft mit Kalisz gefasst.", "planned"),
    ("Beim Aufbau der Städtepartnerschaft zwischen Erfurt und Kalisz halfen viele Vereine.", None),
    # a vote still outstanding
    ("Erfurt hat zugestimmt; in Kalisz muss noch über die Städtepartnerschaft abgestimmt werden.", "planned"),
    # the future of becoming a partner town
    ("Wird Kalisz die neue Partnerstadt von Erfurt?", "planned"),
])
def test_hopes_goals_proposals_and_outstanding_votes_are_plans(extractor, text, expected):
    assert _status(extractor, text) == expected


@pytest.mark.parametrize("text, expected", [
    # abolished
    ("Erfurt schaffte die Städtepartnerschaft mit Kalisz nach der Wahl ab.", "ended"),
    ("Die Städtepartnerschaft zwischen Erfurt und Kalisz schafft Begegnungen ab dem ersten Tag.", None),
    # long ago, without a number
    ("Vor vielen Jahrzehnten gab es eine Städtepartnerschaft zwischen Erfurt und Kalisz.", "ended"),
    ("Vor 30 Jahren gab es die ersten Besuche, heute lebt die Städtepartnerschaft zwischen Erfurt und Kalisz.",
     None),
])
def test_an_abolished_partnership_and_one_of_long_ago_have_ended(extractor, text, expected):
    assert _status(extractor, text) == expected


def test_an_end_closing_its_clause_is_every_listed_partners(extractor):
    text = ("Die Stadt Erfurt hat ihre Städtepartnerschaften mit der Gemeinde Kalisz in Polen und mit den "
            "Städten Kaunas und Vilnius in Litauen im Frühjahr beendet.")
    for partner in ("Kalisz", "Kaunas", "Vilnius"):
        assert _status(extractor, text, frozenset({"Erfurt", partner})) == "ended"


def test_an_end_in_a_clause_of_its_own_stays_with_its_partner(extractor):
    text = ("Die Stadt Erfurt pflegt ihre Städtepartnerschaft mit Kalisz, die Städtepartnerschaft mit "
            "Kaunas wurde beendet.")
    assert _status(extractor, text) is None
    assert _status(extractor, text, frozenset({"Erfurt", "Kaunas"})) == "ended"


def test_a_plan_closing_its_clause_stays_with_the_place_nearest_to_it(extractor):
    # Erfurt and Kalisz are partners already; the goal is the new partner's
    text = "Eine gemeinsame Partnerschaft von Erfurt, Kalisz und Kaunas ist ihr Ziel."
    assert _status(extractor, text) is None
    assert _status(extractor, text, frozenset({"Erfurt", "Kaunas"})) == "planned"
