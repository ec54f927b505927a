"""How German dates a signing stated as a noun, and ends a partnership with the finite verb
(session 15, issue #17: the start years and statuses of the fresh7 and fresh8 splits).

A signing named as a noun ("Unterzeichnung", "Vertragsunterzeichnung") often has a long object
before its date ("die Unterzeichnung der Vereinbarung über … zwischen A und B fand am … statt"),
a date in figures or a season; and "kündigt" (the finite form of "gekündigt") ends a partnership
when the partnership is its object, never in the separable "kündigte … an" (announced).

Every text is written by us, in our own words; each wording is checked against one that must not
count."""

from __future__ import annotations

import pytest

from conftest import partnership_of

PAIR = frozenset({"Erfurt", "Kalisz"})


def _pair(extractor, text: str):
    return partnership_of(extractor, text, PAIR, "test:signing-nouns")


@pytest.mark.parametrize("text, expected", [
    # a long object between the noun and its date, in one clause
    ("Die Unterzeichnung des Vertrags über die freundschaftlichen Beziehungen zwischen den Gemeinden "
     "Erfurt und Kalisz erfolgte am 14. März 1991 im großen Saal des Rathauses.", 1991),
    # a compound noun and a date in figures
    ("Die Urkundenunterzeichnung der Städtepartnerschaft zwischen Erfurt und Kalisz fand am 03.05.1994 statt.",
     1994),
    # a compound noun and a season
    ("Der Chor aus Kalisz erinnerte in Erfurt an die Vertragsunterzeichnung der Städtepartnerschaft im Herbst 1996.",
     1996),
])
def test_a_signing_noun_dates_the_pair_across_a_long_object_a_figure_date_or_a_season(extractor, text, expected):
    assert _pair(extractor, text).start_year == expected


def test_a_year_in_another_clause_after_the_signing_noun_is_not_its_date(extractor):
    text = ("Zwanzig Jahre nach der Unterzeichnung der Städtepartnerschaft zwischen Erfurt und Kalisz, "
            "so hieß es im Rathaus, feierte man im Jahr 2019 ein Stadtfest.")
    assert _pair(extractor, text).start_year != 2019


@pytest.mark.parametrize("text, expected", [
    ("Die Stadt Erfurt kündigt ihre Städtepartnerschaft mit Kalisz.", "ended"),
    ("Der Rat von Kalisz kündigte Erfurt im Frühjahr die Städtepartnerschaft.", "ended"),
    # the separable verb "ankündigen": an announcement, no end
    ("Der Oberbürgermeister von Erfurt kündigte für den Sommer ein Fest der Städtepartnerschaft mit Kalisz an.",
     None),
])
def test_the_finite_verb_kuendigen_ends_the_partnership_but_announcing_does_not(extractor, text, expected):
    assert _pair(extractor, text).status == expected


@pytest.mark.parametrize("text, expected", [
    ("Die Städtepartnerschaft zwischen Erfurt und Kalisz wurde nach dem Streit abgebrochen.", "ended"),
    # a trip broken off ends no partnership
    ("Erfurt pflegt eine Städtepartnerschaft mit Kalisz. Die Bürgerfahrt wurde wegen Sturm vorzeitig abgebrochen.",
     None),
])
def test_broken_off_ends_the_relation_it_is_said_of_not_a_trip(extractor, text, expected):
    assert _pair(extractor, text).status == expected
