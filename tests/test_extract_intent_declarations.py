"""Declarations of intent between towns (issue 17, session 20: missed pairs of the twelve open
splits whose partners were found): a memorandum of understanding, a letter of intent or an
"Absichtserklärung" names a cooperation of two towns, typed unspecified; a city's list of them,
each line opened by the date of its signing, dates each item; and the signing of a declaration
of intent is no founding act where a partnership agreement dates the pair. Each rule is checked
both ways.

Every text here is written by us, in our own words."""

from __future__ import annotations

import datetime as dt

from partnergraph import Article


def _extract(extractor, text: str, title: str = "", url: str = "https://www.goettingen.de/kooperationen"):
    # (dated: an undated page would take its first dated line for its own date, datelines.py)
    return extractor.extract(Article(url=url, title=title, text=text, date=dt.date(2024, 5, 2)))


def _facts(ex) -> dict[frozenset[str], tuple[str, int | None]]:
    return {frozenset(ex.places[r].name_de for _, r in p.partners): (p.type, p.start_year)
            for p in ex.partnerships}


_INTENT_LIST = ("Internationale Beziehungen\n\n"
                "Außer ihren Städtepartnerschaften pflegt die Stadt Göttingen Kooperationen zu einzelnen Themen.\n\n"
                "Absichtserklärungen\n\n"
                "14.03.2005 - Busan (Südkorea) - MOU\n\n"
                "02.11.2011 - Kapstadt (Südafrika) - LOI\n\n"
                "21.06.2018 - Osaka (Japan) - MOU\n")


def test_a_list_of_declarations_of_intent_gives_its_towns_as_unspecified_partners(extractor):
    facts = _facts(_extract(extractor, _INTENT_LIST))
    assert facts.get(frozenset({"Göttingen", "Busan"}), (None,))[0] == "unspecified"
    assert facts.get(frozenset({"Göttingen", "Osaka"}), (None,))[0] == "unspecified"


def test_each_declaration_line_is_dated_by_the_date_opening_it(extractor):
    facts = _facts(_extract(extractor, _INTENT_LIST))
    assert facts[frozenset({"Göttingen", "Busan"})][1] == 2005
    assert facts[frozenset({"Göttingen", "Osaka"})][1] == 2018


def test_a_date_in_figures_in_prose_dates_no_pair(extractor):
    text = ("Am 14.03.2019 besuchte eine Delegation aus Göttingen die Partnerstadt Dijon, "
            "mit der Göttingen seit vielen Jahren verbunden ist.")
    facts = _facts(_extract(extractor, text, url="https://example.org/bericht"))
    assert facts.get(frozenset({"Göttingen", "Dijon"}), (None, None))[1] is None


def test_a_memorandum_of_understanding_between_two_towns_pairs_them(extractor):
    text = ("Die Oberbürgermeisterin von Göttingen und der Bürgermeister der ukrainischen Stadt Poltawa "
            "haben gestern ein Memorandum of Understanding unterzeichnet.")
    facts = _facts(_extract(extractor, text, url="https://example.org/bericht"))
    assert frozenset({"Göttingen", "Poltawa"}) in facts or frozenset({"Göttingen", "Poltava"}) in facts


def test_a_declaration_of_intent_does_not_date_a_pair_a_later_agreement_founded(extractor):
    # (the verb before the year; the year before the act word is checked in the next test)
    text = ("Die Bürgermeister von Göttingen und Nagasaki unterzeichneten 2004 eine Absichtserklärung zum "
            "Schüleraustausch. Nach einigen Besuchen schlossen beide Städte 2009 offiziell einen "
            "Partnerschaftsvertrag.")
    facts = _facts(_extract(extractor, text, url="https://example.org/bericht"))
    assert facts[frozenset({"Göttingen", "Nagasaki"})][1] == 2009


def test_a_signed_partnership_agreement_still_dates_its_pair(extractor):
    text = ("Die Bürgermeister von Göttingen und Nagasaki unterzeichneten 2004 einen Partnerschaftsvertrag "
            "zum Schüleraustausch.")
    facts = _facts(_extract(extractor, text, url="https://example.org/bericht"))
    assert facts[frozenset({"Göttingen", "Nagasaki"})][1] == 2004


def test_a_declaration_signed_in_a_year_does_not_date_a_pair_an_earlier_agreement_founded(extractor):
    text = ("Göttingen und Nagasaki haben 1995 einen Partnerschaftsvertrag geschlossen. Um den Austausch "
            "neu zu beleben, wurde am 3. Mai 2012 eine Absichtserklärung von beiden Bürgermeistern unterzeichnet.")
    facts = _facts(_extract(extractor, text, url="https://example.org/bericht"))
    assert facts[frozenset({"Göttingen", "Nagasaki"})][1] == 1995
