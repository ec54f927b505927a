"""A council's decision dated in its own words starts a partnership whose page reports no signing;
a signing the page reports outranks it; a partnership's own document dated by "vom" is its founding
act, a treaty of states is not (rules-de.json start_patterns; benchmarks/real/README.md). All
fixtures are sentences of our own."""

import datetime as dt

import pytest

from partnergraph.models import Article


def starts(extractor, text):
    ex = extractor.extract(Article(url="https://beispiel.example/rat", title="", text=text, date=dt.date(2020, 5, 1)))
    return {p.start_year for p in ex.partnerships}


@pytest.mark.parametrize("text", [
    "Die Partnerschaft von Lindau mit Chur bestätigte der Stadtrat im Mai 1987 mit einem einstimmigen Beschluss.",
    "Die Städtepartnerschaft zwischen Lindau und Chur wurde 1987 durch einen Beschluss des Stadtrates begonnen.",
    "Die Städtepartnerschaft zwischen Lindau und Chur beruht auf einem Beschluss des Stadtrates aus dem Jahr 1987.",
])
def test_a_dated_council_decision_starts_the_partnership(extractor, text):
    assert starts(extractor, text) == {1987}


def test_a_signing_the_page_reports_outranks_the_decision(extractor):
    text = ("Die Städtepartnerschaft zwischen Lindau und Chur beruht auf einem Beschluss des Stadtrates "
            "aus dem Jahr 1987. Die Partnerschaftsurkunde unterzeichneten Lindau und Chur im Jahr 1988.")
    assert starts(extractor, text) == {1988}


def test_a_partnership_document_dated_by_vom_is_the_founding_act(extractor):
    text = ("Die Partnerschaftsvereinbarung zwischen der Stadt Lindau und der Stadt Chur vom 4. Mai 1991 gilt weiter. "
            "Im Juni 2008 unterzeichneten die Bürgermeister von Lindau und Chur dazu eine Absichtserklärung.")
    assert starts(extractor, text) == {1991}


def test_a_treaty_of_states_dated_by_vom_dates_no_partnership(extractor):
    text = "Der Nachbarschaftsvertrag vom 17. Juni 1991 stärkte auch die Partnerschaft von Lindau und Chur."
    assert starts(extractor, text) == {None}
