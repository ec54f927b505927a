"""A partnership refused or dropped before it began is none (issue 17: "negation and contrast
decide the sense"; benchmarks/real/README.md leaves rejected partnerships unannotated), whatever
request or plan the article reports before the refusal.

Every text is written by us, in our own words; each pattern is checked both ways."""

from __future__ import annotations

import pytest

from partnergraph import Article


def _pairs(extractor, text: str) -> set[frozenset[str]]:
    ex = extractor.extract(Article(url="test:declined", text=text))
    return {frozenset(ex.places[r].name_de for _, r in p.partners) for p in ex.partnerships}


@pytest.mark.parametrize("text", [
    "Die polnische Stadt Kalisz hat Erfurt um eine Städtepartnerschaft gebeten. Der Stadtrat von Erfurt "
    "beschloss im Herbst, die Städtepartnerschaft mit Kalisz vorerst nicht weiter zu verfolgen.",
    "Der Stadtrat von Erfurt lehnte eine Städtepartnerschaft mit Kalisz nach langer Debatte ab.",
    "Eine Städtepartnerschaft zwischen Erfurt und Kalisz wird es vorerst nicht geben.",
    "Der Antrag auf eine Städtepartnerschaft zwischen Erfurt und Kalisz wurde im Rat abgelehnt.",
])
def test_a_refused_or_dropped_partnership_gives_no_pair(extractor, text):
    assert frozenset({"Erfurt", "Kalisz"}) not in _pairs(extractor, text)


@pytest.mark.parametrize("text", [
    "Die Städtepartnerschaft zwischen Erfurt und Kalisz besteht seit 1990. Der Bürgermeister von Kalisz "
    "lehnte die Einladung zum Stadtfest ab.",
    "Das Bauprojekt wird nicht weiter verfolgt, die Städtepartnerschaft zwischen Erfurt und Kalisz "
    "besteht weiter.",
    "Die polnische Stadt Kalisz hat Erfurt um eine Städtepartnerschaft gebeten.",
])
def test_a_refusal_of_something_else_keeps_the_pair(extractor, text):
    assert frozenset({"Erfurt", "Kalisz"}) in _pairs(extractor, text)


def test_a_negated_compound_partnership_noun_states_no_partnership(extractor):
    from partnergraph import Article
    ex = extractor.extract(Article(url="test:declined-compound", title="Rat entscheidet",
                                   text="Die Gemeinde Lage soll keine Klimapartnerschaft mit der ghanaischen Stadt "
                                        "Tamale eingehen. So hat es der Rat beschlossen."))
    assert not ex.partnerships
