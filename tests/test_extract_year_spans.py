"""A span of years states no single founding date: "seit 2004/05" (a school or season year) says
neither year, and a signing whose only date opens or closes a period ("… für die Jahre von 2021 bis
2024") was not dated by it (rules-de.json start_patterns). All fixtures are sentences of our own."""

import datetime as dt

from partnergraph.models import Article


def starts(extractor, text):
    ex = extractor.extract(Article(url="https://beispiel.example/spanne", title="", text=text, date=dt.date(2022, 3, 1)))
    return {p.start_year for p in ex.partnerships}


def test_a_seit_with_a_span_of_two_years_states_no_start(extractor):
    text = "Die Stadt Lindau pflegt seit 2004/05 eine Städtepartnerschaft mit der Stadt Chur."
    assert starts(extractor, text) == {None}


def test_a_seit_with_one_year_still_states_the_start(extractor):
    text = "Die Stadt Lindau pflegt seit 2004 eine Städtepartnerschaft mit der Stadt Chur."
    assert starts(extractor, text) == {2004}


def test_a_signing_whose_only_year_bounds_a_period_is_undated(extractor):
    text = ("Lindau und Chur sind seit langem Partnerstädte. Ein Sportverein aus Chur bat um die Unterzeichnung "
            "einer Vereinbarung für gemeinsame Jugendlager von 2021 bis 2024.")
    assert starts(extractor, text) == {None}


def test_a_signing_with_a_date_of_its_own_keeps_it(extractor):
    text = "Die Städtepartnerschaft zwischen Lindau und Chur begann mit der Unterzeichnung der Urkunde am 3. Mai 1999."
    assert starts(extractor, text) == {1999}
