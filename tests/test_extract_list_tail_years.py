"""A date in the noun phrase right after a list of partners ("mit A, B und C den vor zwanzig Jahren
geschlossenen Vertrag") dates every item of the list, not only the last ones
(extract/list_tail_years.py). Own-words fixtures."""

import datetime

from partnergraph.models import Article


def starts(extractor, text):
    art = Article(url="https://beispiel.example/l", title="", text=text, date=datetime.date(2016, 5, 3))
    ex = extractor.extract(art)
    names = {k: p.name_de for k, p in ex.places.items()}
    return {frozenset(names.get(r, r) for _, r in p.partners): p.start_year for p in ex.partnerships}


def test_a_date_in_the_shared_object_after_the_list_dates_every_item(extractor):
    text = ("Eine Gruppe aus Lindau reiste im Mai nach Frankreich, um mit den Gemeinden Dijon, Auxerre, "
            "Beaune und Mâcon den vor zwanzig Jahren geschlossenen Partnerschaftsvertrag zu erneuern.")
    found = starts(extractor, text)
    assert found and set(found.values()) == {1996}


def test_a_date_after_a_comma_closing_the_list_is_not_every_items(extractor):
    text = ("Lindau pflegt Städtepartnerschaften mit Dijon, Auxerre und Beaune, "
            "mit der 1996 ein Vertrag unterzeichnet wurde.")
    found = starts(extractor, text)
    assert found.get(frozenset({"Lindau", "Dijon"})) is None
