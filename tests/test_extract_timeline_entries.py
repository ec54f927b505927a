"""A timeline's lines ("<date>: <event>") are entries, not the page's date; the entry that signs
the deed dates the page's only partnership. Every text here is written by us."""

from __future__ import annotations

from partnergraph import Article
from partnergraph.extract.datelines import page_year_month

TIMELINE = ("Chronik der Partnerschaft\n\n"
            "12.02.2004: Erster Besuch einer Delegation des Landkreises Harburg im Powiat Olecko.\n\n"
            "03.09.2005: Der Kreistag Harburg beschließt, mit dem Powiat Olecko eine Partnerschaft einzugehen.\n\n"
            "18.05.2006: Unterzeichnung der Partnerschaftsurkunde.\n")


def test_a_timeline_entry_opening_a_page_is_not_the_page_date():
    assert page_year_month(TIMELINE) is None
    assert page_year_month("Chronik\n\n12.02.2004\n\nErster Besuch der Gäste.") == (2004, 2)


def test_the_timeline_entry_signing_the_deed_dates_the_only_partnership(extractor):
    ex = extractor.extract(Article(url="test:timeline", text=TIMELINE))
    assert [p.start_year for p in ex.partnerships] == [2006]


def test_a_year_before_the_signing_of_the_deed_dates_the_partnership(extractor):
    text = "Die Gemeinde Lauterbach und die Stadt Brive verbindet eine Partnerschaft: 1987 die feierliche Unterzeichnung der Partnerschaftsurkunde in Brive."
    ex = extractor.extract(Article(url="test:signing", text=text))
    assert [p.start_year for p in ex.partnerships] == [1987]
