"""A weekday before a page's date, a two-digit year with the time of day and a heading's span of
days date a page as its other datelines do (extract/dateline_forms.py). Own-words fixtures."""

import pytest

from partnergraph.extract.datelines import page_foot_year_month, page_year_month
from partnergraph.models import Article


def starts(extractor, text):
    ex = extractor.extract(Article(url="https://beispiel.example/f", title="", text=text, date=None))
    names = {k: p.name_de for k, p in ex.places.items()}
    return {(frozenset(names.get(r, r) for _, r in p.partners), p.start_year) for p in ex.partnerships}


ANNIVERSARY = "Die Stadt Lindau feiert das 25-jährige Jubiläum ihrer Städtepartnerschaft mit Chur."


@pytest.mark.parametrize("head", [
    "Rathausnachrichten\nDienstag, 8. März 2016\n\n",                # a weekday before the date
    "Rathausnachrichten\nFreitag, den 11 März 2016\n\n",             # the day's full stop left out
    "Aus der Region\n\n11.03.16 09:45 Uhr\n\n",                       # a news system's stamp
    "Aus der Region\n\n11.03.16 | 09:45\n\n",
    "Lindauer Gäste in Chur vom 10.03. – 13.03.2016\n\n",             # the event's span of days
    "Besuch in Chur vom 10.03. bis 13.03.2016\n\n",
])
def test_a_weekday_date_a_short_stamp_or_a_headings_span_of_days_dates_the_anniversary(extractor, head):
    assert starts(extractor, head + ANNIVERSARY) == {(frozenset({"Lindau", "Chur"}), 1991)}


@pytest.mark.parametrize("head", [
    "Ergebnisse\n\n11.03.16 Lindau gegen Chur 3:1\n\n",     # a two-digit year with a score, not a time
    "Im Jahr 2016 gab es vom 10.03. – 13.03.2016 und noch viele weitere Tage lang in Lindau "
    "eine Ausstellung über die Geschichte der Stadt.\n\n",   # a span inside a long sentence
    "Rathausnachrichten\n30 März 2016\n\n",                  # a day without its full stop and no weekday
])
def test_a_stamp_without_a_time_a_span_in_prose_or_a_bare_day_and_month_date_no_anniversary(extractor, head):
    assert starts(extractor, head + ANNIVERSARY) == {(frozenset({"Lindau", "Chur"}), None)}


def test_the_stamps_two_digit_year_is_of_this_century_and_its_month_is_kept():
    assert page_year_month("Meldung\n\n20.05.14 11:16 Uhr\nText") == (2014, 5)


def test_a_weekday_led_date_at_the_foot_dates_the_page_as_a_label_does():
    text = "Ein Bericht über den Besuch.\n" * 5 + "\nAutor: Redaktion\n\nMontag, 30 November 2009\n"
    assert page_foot_year_month(text) == (2009, 11)
    assert page_foot_year_month("Ein Bericht.\n\nKonzert 30 November 2009\n") is None


@pytest.mark.parametrize("head, dated", [
    # a portal's weekday line (its day), the heading, then the article's date line with its facts
    ("Samstag, 2. März 2024\n\nGäste aus Chur in Lindau\n\n14. Mai 2021 | Rubrik: Bodensee\n\n", (2021, 5)),
    ("Mittwoch, 06.03.2024\n\nGäste aus Chur\n\n14.05.2021 | Stand 13.05.2021, 18:30 Uhr\n\n", (2021, 5)),
    # no article line below: the weekday line is the page's date, as before
    ("Samstag, 2. März 2024\n\nGäste aus Chur in Lindau | Bodensee\n\n", (2024, 3)),
])
def test_an_article_date_line_with_a_bar_below_a_portals_weekday_line_dates_the_page(head, dated):
    assert page_year_month(head + ANNIVERSARY) == dated


def test_the_articles_date_line_not_the_portals_day_dates_the_anniversary(extractor):
    head = "Samstag, 2. März 2024\n\nGäste aus Chur in Lindau\n\n14. Mai 2021 | Rubrik: Bodensee\n\n"
    assert starts(extractor, head + ANNIVERSARY) == {(frozenset({"Lindau", "Chur"}), 1996)}


def test_the_articles_date_line_below_captions_and_a_teaser_dates_an_otherwise_undated_page(extractor):
    captions = "Das Foto zeigt zwei Bürgermeister vor dem Rathaus, die einander die Hände reichen. | © Bildstelle\n" * 4
    head = captions + "\nGäste aus Chur\n\nEin kurzer Vorspann zum Besuch.\n\n14.05.2021 | Stand 13.05.2021, 18:30 Uhr\n\n"
    assert len(head) > 400  # (below the reach of a head's dateline)
    assert starts(extractor, head + ANNIVERSARY) == {(frozenset({"Lindau", "Chur"}), 1996)}
