"""A year before a list's places dates its items only as a start pattern reads it ("Im Jahr 1992
unterzeichnete …", "seit 1992"), not as a bare year: before the partner towns, a bare year heads a
table or names a report's year (pair_attributes.PairFacts._list_lead_years). Own-words fixtures."""

import datetime as dt

from partnergraph.models import Article


def starts(extractor, text):
    ex = extractor.extract(Article(url="https://beispiel.example/liste", title="", text=text, date=dt.date(2020, 5, 1)))
    return {p.start_year for p in ex.partnerships}


def start_of(extractor, text):
    ex = extractor.extract(Article(url="https://beispiel.example/liste", title="", text=text, date=dt.date(2020, 5, 1)))
    names = {k: p.name_de for k, p in ex.places.items()}
    return {frozenset(names[r] for _, r in p.partners): p.start_year for p in ex.partnerships}


def test_a_bare_year_heading_a_table_of_partner_towns_dates_none_of_them(extractor):
    text = ("Lindau unterhält drei Städtepartnerschaften. Die Verwaltung hat folgende Aufgaben mit den drei "
            "Partnerstädten gesetzt: Partnerstadt Aufgaben 2019 Chur Schulaustausch Lecco Sport Bregenz Kultur.")
    found = start_of(extractor, text)
    # (the first town's item holds the year itself: only the items after it tell the lead's reading)
    assert found[frozenset({"Lindau", "Lecco"})] is None and found[frozenset({"Lindau", "Bregenz"})] is None


def test_a_founding_act_before_the_list_dates_every_item(extractor):
    text = "Im Jahr 1992 unterzeichnete Lindau die Partnerschaftsverträge mit Chur, Lecco und Bregenz."
    assert starts(extractor, text) == {1992}
