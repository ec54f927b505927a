"""A cue sentence whose subject is a foreign town states that town's partnership with the other
foreign town it names, not a partnership of the page's German town (issue 17,
extract/foreign_subjects.py). Foreign towns after "mit", "aus" or a partner noun stay the partners
of the German town.

Every text here is written by us, in our own words."""

from __future__ import annotations

from conftest import pairs_in


def _pairs(extractor, text: str, title: str = "") -> set:
    return pairs_in(extractor, text, "test:foreign-subjects", title)


def test_two_foreign_towns_that_entered_a_partnership_are_each_others_partners(extractor):
    pairs = _pairs(extractor, "Die Stadt Kassel stellt Beispiele vor. 1950 sind das englische Reading und das "
                              "französische Dijon eine Städtepartnerschaft eingegangen.")
    assert frozenset({"Reading", "Dijon"}) in pairs
    assert not any("Kassel" in p for p in pairs)


def test_a_foreign_subject_joined_with_mit_pairs_with_that_town(extractor):
    pairs = _pairs(extractor, "Kassel stellt Beispiele vor. Im Jahr 1958 wurde Lyon als erste Stadt mit Turin durch "
                              "eine Städtepartnerschaft verbunden.")
    assert frozenset({"Lyon", "Turin"}) in pairs
    assert not any("Kassel" in p for p in pairs)


def test_foreign_towns_after_mit_stay_the_partners_of_the_german_town(extractor):
    pairs = _pairs(extractor, "Dresden pflegt viele Kontakte. Die Partnerschaften mit Breslau und Straßburg seien "
                              "derzeit besonders intensiv.", title="Dresden")
    assert frozenset({"Breslau", "Straßburg"}) not in pairs
