"""Where a page's own date stands when not at its top, and what it dates: a publication line below
a long head, a press release's place mark, an address that files the page under a date without
separators; a town's new partner town as the headline's news, an ordinal's full stop inside the
act's clause. Own-words fixtures for extract/labelled_datelines.py, dateline_forms.place_marked,
sources/dates.url_year_month and the start rules of rules-de.json (lead_act_pattern,
recent_act_pattern)."""

import pytest

from partnergraph.extract.datelines import article_year_month, page_year_month
from partnergraph.extract.labelled_datelines import LABELLED_REACH, labelled_year_month
from partnergraph.models import Article
from partnergraph.sources.dates import url_year_month


def starts(extractor, text, url="https://beispiel.example/p"):
    ex = extractor.extract(Article(url=url, title="", text=text, date=None))
    names = {k: p.name_de for k, p in ex.places.items()}
    return {(frozenset(names.get(r, r) for _, r in p.partners), p.start_year) for p in ex.partnerships}


PAIR = frozenset({"Lindau", "Chur"})
JUBILEE = "Die Stadt Lindau feiert das 25-jährige Jubiläum ihrer Städtepartnerschaft mit Chur."
#: a site's head and a lead long enough to push the next line past the page's top (400 characters)
LONG_HEAD = ("Startseite Rathaus Kultur Freizeit Wirtschaft Service Kontakt Suche\n"
             + "Wetter heute: sonnig und mild, am Abend Regen aus Westen.\n" * 4
             + "Neues aus dem Rathaus\n\nDer Bürgermeister hat die Gäste am Bahnhof begrüßt und ihnen die Altstadt "
             "mit ihren Gassen und dem alten Hafen gezeigt.\n")
#: a body long enough that a line above it stands outside the page's foot (its last 400 characters)
TAIL = "\n\n" + "Am Nachmittag spielte die Musikkapelle auf dem Marktplatz, und viele Familien kamen vorbei. " * 5


@pytest.mark.parametrize("url, expected", [
    ("https://presse.example/meldung/APA_20160321_APA0042/lindau", (2016, 3)),  # an agency's release id
    ("https://zeitung.example/news/20160321_007", (2016, 3)),
    ("https://kirche.example/inhalte/4711/21-03-2016/lindau-feiert", (2016, 3)),  # day-month-year with dashes
])
def test_a_date_without_separators_or_with_dashes_in_an_address_is_read(url, expected):
    assert url_year_month(url) == expected


@pytest.mark.parametrize("url", [
    "https://verein.example/archiv/Feier21032016.html",   # day first: no month 20 of a year 2103
    "https://shop.example/artikel/20161399",              # no month 13
    "https://zeitung.example/artikel/1201603217",         # more figures than a date: an id
])
def test_eight_figures_that_are_no_valid_year_month_and_day_date_no_page(url):
    assert url_year_month(url) is None


def test_a_publication_line_below_a_long_head_dates_the_anniversary(extractor):
    text = LONG_HEAD + "\nveröffentlicht am 21.03.2016 um 10:15 Uhr\n\n" + JUBILEE
    assert len(LONG_HEAD) > 400 and page_year_month(text) is None
    assert starts(extractor, text) == {(PAIR, 1991)}


def test_a_press_release_line_after_an_archive_notice_dates_the_page():
    text = LONG_HEAD + "\nPressemitteilung vom 21. März 2016\n\n" + JUBILEE
    assert labelled_year_month(text, 400) == (2016, 3)


@pytest.mark.parametrize("line", [
    "Sitzung vom 21.03.2016",                                        # a meeting's date, not a publication
    "Stand: 21.03.2016",                                             # a figure's date
])
def test_other_labels_below_the_head_date_nothing(extractor, line):
    text = LONG_HEAD + "\n" + line + "\n\n" + JUBILEE + TAIL
    assert labelled_year_month(text, 400) is None
    assert starts(extractor, text) == {(PAIR, None)}


def test_a_publication_word_inside_a_sentence_below_the_head_labels_no_page_date():
    text = LONG_HEAD + "\nDie Zeitung hat den Aufruf zuerst veröffentlicht am 21.03.2016 und dann erneut.\n"
    assert labelled_year_month(text, 400) is None


def test_a_publication_line_far_down_the_page_dates_nothing():
    text = "x" * LABELLED_REACH + "\nveröffentlicht am 21.03.2016\n" + JUBILEE
    assert labelled_year_month(text, 400) is None


def test_a_dateline_at_the_top_outranks_a_publication_line_below_it():
    text = "Ausgabe vom 02.05.2011\n" + LONG_HEAD + "\nveröffentlicht am 21.03.2016\n" + JUBILEE
    assert article_year_month(Article(url="https://beispiel.example/p", title="", text=text, date=None)) == (2011, 5)


@pytest.mark.parametrize("opening", [
    "Lindau (21.03.2016) – ",
    "Bad Lindau(21.3.2016) - ",
    "Lindau, 21. März 2016 – ",
])
def test_a_press_releases_place_mark_dates_the_page(extractor, opening):
    text = "Neues aus dem Rathaus\n\n" + opening + JUBILEE
    assert page_year_month(text) == (2016, 3)


@pytest.mark.parametrize("opening", [
    "Lindau, 21. März 2016\n",                 # a place and date alone on a line: a signature's
    "Wie in Lindau (21.03.2016) – ",           # not a place opening the line
])
def test_a_place_and_date_without_the_marks_dash_or_after_other_words_is_no_place_mark(opening):
    assert page_year_month("Neues aus dem Rathaus\n\n" + opening + JUBILEE) is None


def test_a_town_that_has_a_new_partner_town_in_the_headline_is_the_dated_pages_news(extractor):
    body = ("Lindau hat eine neue Partnerstadt in der Schweiz\n\n"
            "Der Rat stimmte am Abend mit großer Mehrheit für die Städtepartnerschaft zwischen Lindau und Chur, "
            "die der Bürgermeister seit langem angeregt hatte.")
    assert starts(extractor, "Ausgabe vom 21.03.2016\n\n" + body) == {(PAIR, 2016)}
    assert starts(extractor, "Aus dem Rathaus\n\n" + body) == {(PAIR, None)}  # undated: no year


def test_an_ordinals_full_stop_does_not_end_the_acts_clause(extractor):
    text = ("Neues aus Lindau\n\nIn diesem Monat wurde die 3. Städtepartnerschaft der Stadt Lindau mit Chur "
            "besiegelt. Die Gäste kamen mit dem Bus.\n\nAusgabe vom 12.05.2016")
    assert starts(extractor, text) == {(PAIR, 2016)}


@pytest.mark.parametrize("headline", [
    "Lindau unterzeichnet Partnerschaftsvertrag mit Chur",
    "Rathaus: Lindau und Chur besiegeln ihre Städtepartnerschaft",
])
def test_a_present_tense_headline_of_the_signing_is_the_dated_pages_news(extractor, headline):
    body = headline + "\n\nDie Bürgermeister von Lindau und Chur trafen sich im Rathaus, und der Chor sang zwei Lieder."
    assert starts(extractor, "Ausgabe vom 21.03.2016\n\n" + body) == {(PAIR, 2016)}
    assert starts(extractor, "Aus dem Rathaus\n\n" + body) == {(PAIR, None)}  # undated, no date in the lead


def test_a_headline_that_puts_the_signing_ahead_dates_nothing(extractor):
    body = ("Lindau und Chur unterzeichnen morgen Partnerschaftsvertrag\n\n"
            "Die Bürgermeister von Lindau und Chur treffen sich im Rathaus, und der Chor singt zwei Lieder.")
    assert starts(extractor, "Ausgabe vom 21.03.2016\n\n" + body) == {(PAIR, None)}
