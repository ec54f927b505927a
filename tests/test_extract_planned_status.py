"""A partnership being prepared, requested or waiting is planned, not active (issue 17: "ended
and planned partnerships told apart from active ones"; the open splits' council items and
reports word it so across publishers).

Every text is written by us, in our own words; each pattern is checked both ways."""

from __future__ import annotations

import pytest

from partnergraph import Article


def _status(extractor, text: str) -> str | None:
    ex = extractor.extract(Article(url="test:planned-status", text=text))
    [partnership] = [p for p in ex.partnerships
                     if {ex.places[r].name_de for _, r in p.partners} == {"Erfurt", "Kalisz"}]
    return partnership.status


@pytest.mark.parametrize("text", [
    "Der Bürgermeister berichtete über den Stand der Vorbereitung einer Städtepartnerschaft zwischen "
    "Erfurt und Kalisz.",
    "Gefragt wird nach der Vorbereitung zur Vereinbarung der Städtepartnerschaft von Erfurt mit Kalisz.",
    "Der Stadtrat von Erfurt befasste sich mit der Anfrage, eine Städtepartnerschaft mit Kalisz zu begründen.",
    "Die polnische Stadt Kalisz hat Erfurt schriftlich um eine Städtepartnerschaft gebeten.",
    "Die Städtepartnerschaft zwischen Erfurt und Kalisz hängt seit Monaten in der Warteschleife.",
])
def test_a_prepared_requested_or_waiting_partnership_is_planned(extractor, text):
    assert _status(extractor, text) == "planned"


@pytest.mark.parametrize("text", [
    "Die Vorbereitungen für das Jubiläum der Städtepartnerschaft zwischen Erfurt und Kalisz laufen.",
    "Eine Anfrage der Fraktion zur Städtepartnerschaft zwischen Erfurt und Kalisz wurde im Rat beantwortet.",
    "Die Städtepartnerschaft zwischen Erfurt und Kalisz besteht seit 1990.",
])
def test_preparing_a_jubilee_or_asking_about_a_partnership_leaves_it_active(extractor, text):
    assert _status(extractor, text) is None


@pytest.mark.parametrize("text, expected", [
    # a partnership being built, in the present
    ("Die Stadt Erfurt baut gerade eine Städtepartnerschaft mit Kalisz auf.", "planned"),
    # building on one that exists is no plan
    ("Die Stadt Erfurt baut dabei auf ihre lange Städtepartnerschaft mit Kalisz auf.", None),
    # a partnership wanted, named with the indefinite article
    ("Erfurt will die polnische Stadt Kalisz künftig mit einer Städtepartnerschaft stärken.", "planned"),
    # one that exists and is to be supported further
    ("Erfurt will die Städtepartnerschaft mit Kalisz weiter pflegen.", None),
])
def test_a_partnership_being_built_or_wanted_with_an_indefinite_article_is_planned(extractor, text, expected):
    assert _status(extractor, text) == expected


def _statuses(extractor, text: str) -> dict:
    ex = extractor.extract(Article(url="test:status-one-partner", text=text))
    return {frozenset(ex.places[r].name_de for _, r in p.partners): p.status for p in ex.partnerships}


def test_a_status_sentence_naming_one_partner_of_one_pair_only_is_that_pairs(extractor):
    text = ("Die Stadt Erfurt pflegt eine Städtepartnerschaft mit Kalisz und eine mit Lowell. "
            "Wegen des Streits ruhen derzeit alle Besuche in Kalisz.")
    statuses = _statuses(extractor, text)
    assert statuses[frozenset({"Erfurt", "Kalisz"})] == "suspended"
    assert statuses[frozenset({"Erfurt", "Lowell"})] is None


def test_a_status_sentence_naming_a_partner_of_several_pairs_gives_none_of_them_a_status(extractor):
    text = ("Die Stadt Erfurt pflegt eine Städtepartnerschaft mit Kalisz und eine mit Lowell. "
            "Wegen des Streits ruhen derzeit alle Besuche aus Erfurt.")
    assert set(_statuses(extractor, text).values()) == {None}


def test_a_one_partner_status_sentence_that_negates_gives_no_status(extractor):
    text = ("Die Stadt Erfurt pflegt eine Städtepartnerschaft mit Kalisz und eine mit Lowell. "
            "Ein Aussetzen der Besuche zieht Kalisz derzeit nicht in Betracht.")
    assert _statuses(extractor, text)[frozenset({"Erfurt", "Kalisz"})] is None


@pytest.mark.parametrize("text, year", [
    # a request the chronicle reports, and the signing it led to, dated
    ("Die polnische Stadt Kalisz hat Erfurt 1989 um eine Städtepartnerschaft gebeten, die 1990 "
     "unterzeichnet wurde.", 1990),
    ("Erfurt will die polnische Stadt Kalisz mit einer Städtepartnerschaft stärken. Die "
     "Städtepartnerschaft zwischen Erfurt und Kalisz wurde 1990 unterzeichnet.", 1990),
    # a plan with no date stays a plan
    ("Der Stadtrat von Erfurt befasste sich mit der Anfrage, eine Städtepartnerschaft mit Kalisz zu begründen.", None),
])
def test_a_planned_partnership_with_a_start_year_is_active(extractor, text, year):
    ex = extractor.extract(Article(url="test:dated-plan", text=text))
    [p] = [p for p in ex.partnerships if {ex.places[r].name_de for _, r in p.partners} == {"Erfurt", "Kalisz"}]
    assert p.start_year == year
    assert (p.status is None) == (year is not None)
