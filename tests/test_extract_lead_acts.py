"""A founding act the article's lead reports is the article's news: its year is the article's
for the pairs the act's clause names, and for the article's only pair (extract/lead_acts.py).
All fixtures are sentences of our own."""

import datetime as dt

import pytest

from partnergraph.models import Article

DATED = dt.date(2019, 5, 20)


def start_years(extractor, text, title="", date=DATED):
    ex = extractor.extract(Article(url="https://beispiel.example/meldung", title=title, text=text, date=date))
    names = {k: p.name_de for k, p in ex.places.items()}
    return {frozenset(names.get(r, r) for _, r in p.partners): p.start_year for p in ex.partnerships}


PASSAU_KREMS = frozenset({"Passau", "Krems an der Donau"})


def test_a_heading_that_reports_the_signing_dates_the_articles_only_pair_over_earlier_contacts(extractor):
    years = start_years(extractor, "Die Städtefreundschaft zwischen Passau und Krems ist nun amtlich. "
                                   "Die Vereine beider Städte kennen sich schon seit 2008.",
                        title="Freundschaftsurkunde unterzeichnet")
    assert years[PASSAU_KREMS] == 2019


def test_an_opening_sentence_that_reports_the_act_dates_the_pair_it_names_only(extractor):
    years = start_years(extractor, "Passau und Krems haben einen Partnerschaftsvertrag unterzeichnet. "
                                   "Außerdem pflegt Passau eine Städtepartnerschaft mit Hackensack.")
    assert years[PASSAU_KREMS] == 2019
    assert years[frozenset({"Passau", "Hackensack"})] is None


@pytest.mark.parametrize("title, text, date", [
    # an undated article says no year
    ("Freundschaftsurkunde unterzeichnet", "Die Städtefreundschaft zwischen Passau und Krems ist nun amtlich.", None),
    # a signing still ahead
    ("Urkunde wird unterzeichnet", "Die Städtefreundschaft zwischen Passau und Krems soll im Herbst amtlich werden.", DATED),
    # an act the lead tells as history
    ("", "Damals haben Passau und Krems eine Städtepartnerschaft geschlossen.", DATED),
    # an act far below the lead, not the article's news
    ("", "Die Stadt Passau stellt sich vor. " + "Die Altstadt liegt zwischen drei Flüssen und zieht "
     "jedes Jahr viele Gäste an. " * 6 + "Passau und Krems haben eine Städtepartnerschaft geschlossen.", DATED),
])
def test_no_year_from_an_undated_article_a_planned_act_history_or_an_act_outside_the_lead(extractor, title, text, date):
    assert start_years(extractor, text, title=title, date=date)[PASSAU_KREMS] is None


FORUM = ("Am 4. und 5. Mai 2022 trafen sich Bürgermeister aus Hessen und Polen zu einem Forum in Kassel. "
         "Fulda und Sanok, Marburg und Rzeszów sowie Gießen und Lublin arbeiten künftig zusammen.")


@pytest.mark.parametrize("title", ["Zwölf hessische Gemeinden haben Partnerschaften mit polnischen Kommunen geschlossen",
                                   "12 hessische Gemeinden haben Partnerschaften mit polnischen Kommunen geschlossen"])
def test_a_headline_that_counts_the_partners_of_its_act_dates_every_listed_pair_by_the_leads_date(extractor, title):
    years = start_years(extractor, FORUM, title=title, date=None)
    assert len(years) == 3 and set(years.values()) == {2022}


def test_an_undated_lead_without_an_act_dates_no_pair(extractor):
    years = start_years(extractor, FORUM, title="Bürgermeister aus Hessen und Polen in Kassel", date=None)
    assert len(years) == 3 and set(years.values()) == {None}


def test_a_cookie_notice_opening_the_page_is_not_its_lead(extractor):
    notice = ("Diese Seite setzt Cookies ein, damit wir sie für Sie verbessern können, und speichert dazu "
              "Angaben in Ihrem Browser, die wir nach unseren Regeln zum Datenschutz auswerten, solange Sie "
              "der Verwendung nicht widersprechen und die Einstellungen Ihres Geräts dies zulassen. " * 2)
    headline = "Zwölf hessische Gemeinden haben die Zusammenarbeit mit polnischen Kommunen aufgenommen\n"
    years = start_years(extractor, notice + "\n" + headline + FORUM, date=None)
    assert len(years) == 3 and set(years.values()) == {2022}
