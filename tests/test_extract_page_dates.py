"""The date a page prints near its top, when the record has none, dates its anniversaries and its
recent acts; a town's adjective before a word for part of the town is no partner. Own-words
fixtures for extract/datelines.py, the passive form of the recent act (rules-de.json
recent_act_pattern) and locators.py's town adjective."""

import pytest

from partnergraph.extract.datelines import page_year_month
from partnergraph.models import Article


def extract(extractor, text, title=""):
    return extractor.extract(Article(url="https://beispiel.example/d", title=title, text=text, date=None))


def starts(ex):
    names = {k: p.name_de for k, p in ex.places.items()}
    return {(frozenset(names.get(r, r) for _, r in p.partners), p.start_year) for p in ex.partnerships}


ANNIVERSARY = "Die Stadt Lindau feiert das 25-jährige Jubiläum ihrer Städtepartnerschaft mit Chur."


@pytest.mark.parametrize("head", [
    "Pressemitteilung vom 3. März 2016, 11:20 Uhr\n\n",      # a labelled date, time after it
    "Neues aus dem Rathaus\nSitzung:14.06.2016   AZ/12/2016\n\n",  # a council system's session line
    "Veröffentlicht am 3. März 2016 von der Redaktion\n",
    "03.03.2016 Lindau feiert mit Chur\n\n",                   # an archive's dated heading
    "2016-03-03 / Ausgabe 9\n\n",                              # an issue's date in ISO form
])
def test_a_labelled_or_line_opening_date_near_the_top_dates_the_anniversary(extractor, head):
    assert starts(extract(extractor, head + ANNIVERSARY)) == {(frozenset({"Lindau", "Chur"}), 1991)}


@pytest.mark.parametrize("head", [
    "",                                                            # no date at all
    "Der Rat tagte zuletzt am 3. März 2016 im großen Saal.\n\n",  # a date inside a sentence
    "Termine: Konzert am 3. März 2016\n\n",                       # after words that label no page date
])
def test_a_date_inside_a_sentence_or_after_other_words_dates_no_anniversary(extractor, head):
    assert starts(extract(extractor, head + ANNIVERSARY)) == {(frozenset({"Lindau", "Chur"}), None)}


def test_the_page_date_is_found_only_near_the_top():
    assert page_year_month("Pressemeldung vom 2. Mai 2011\nText") == (2011, 5)
    assert page_year_month("x" * 500 + "\nPressemeldung vom 2. Mai 2011\nText") is None


def test_a_passive_founding_act_marked_as_recent_is_of_the_pages_year(extractor):
    ex = extract(extractor, "Ausgabe vom 12.10.1994\n\nIm Rathaus von Wiehl wurde vor kurzem die "
                            "Partnerschaft mit der ungarischen Gemeinde Nagykáta offiziell besiegelt.")
    assert starts(ex) == {(frozenset({"Wiehl", "Nagykáta"}), 1994)}


@pytest.mark.parametrize("text", [
    # the act looks back: no year for it
    "Ausgabe vom 12.10.1994\n\nDie Partnerschaft mit Nagykáta wurde damals in Wiehl offiziell besiegelt.",
    # the act lies ahead
    "Ausgabe vom 12.10.1994\n\nDie Partnerschaft von Wiehl mit Nagykáta soll offiziell besiegelt werden.",
    # no mark of the day's news, and not in the lead (an act the lead reports is the day's news:
    # tests/test_extract_lead_acts.py)
    "Ausgabe vom 12.10.1994\n\nWiehl liegt im Oberbergischen Kreis an der Agger. "
    "Die Partnerschaft zwischen Wiehl und Nagykáta wurde besiegelt.",
])
def test_a_passive_act_that_looks_back_ahead_or_is_unmarked_gives_no_year(extractor, text):
    assert {y for _, y in starts(extract(extractor, text))} <= {None}


def test_a_town_adjective_before_a_part_of_the_town_is_no_partner(extractor):
    ex = extract(extractor, "Der Wiener Gemeindebezirk Margareten und der Berliner Bezirk Lichtenberg "
                            "sind seit 2012 Partnerbezirke.")
    partners = {n for pair, _ in starts(ex) for n in pair}
    assert "Wien" not in partners and "Vienna" not in partners


def test_a_town_named_by_its_adjective_before_other_words_stays_a_partner(extractor):
    ex = extract(extractor, "Die Wiener Delegation besiegelte 2012 die Städtepartnerschaft mit Bratislava.")
    assert any("Bratislava" in pair and len(pair) == 2 for pair, _ in starts(ex))


def places(ex):
    return {p.name_de: p.geonameid for p in ex.places.values()}


def test_a_minted_town_that_cities500_knows_in_its_country_under_another_spelling_is_that_place(extractor):
    # "Ronzo Chienis" without its hyphen, in a list the cue rules read; cities500 has "Ronzo-Chienis"
    ex = extract(extractor, "Die Gemeinden Eggolsheim und Buttenheim haben mit Cavedine und Ronzo Chienis "
                            "jeweils italienische Partnergemeinden im Trentino.")
    assert places(ex).get("Ronzo-Chienis") is not None
    assert "Ronzo Chienis" not in places(ex)


def test_a_minted_town_without_a_country_keeps_its_own_name(extractor):
    # no country is named for Tenna: the Italian cities500 Tenna must not take it
    ex = extract(extractor, "Die Gemeinden Versam und Tenna im Safiental wollen fusionieren, sagte die "
                            "Patengemeinde Bettingen.")
    assert all(gid is None or name != "Tenna" for name, gid in places(ex).items())


def test_a_date_read_both_as_seit_and_as_a_sealing_is_the_acts_and_outranks_a_later_decision(extractor):
    # "Seit dem … 2015 ist die Partnerschaft … besiegelt": the sealing's date, an act like the
    # council's dated decision in the third sentence, and the nearer to the pair's own words
    ex = extract(extractor, "Seit dem 24. März 2015 ist die Klimapartnerschaft zwischen Utting und der "
                            "nicaraguanischen Gemeinde Jinotepe besiegelt. Die Bürgermeister unterzeichneten ein "
                            "Memorandum. Der Gemeinderat von Utting hat am 12. November 2014 beschlossen, eine "
                            "Klimapartnerschaft mit der Gemeinde Jinotepe in Nicaragua einzugehen.")
    assert {y for _, y in starts(ex)} == {2015}


def test_a_partnership_the_councils_beschlossen_is_dated_by_that_year(extractor):
    ex = extract(extractor, "Im Jahr 1991 beschlossen Utting und Jinotepe ihre Städtepartnerschaft.")
    assert {y for _, y in starts(ex)} == {1991}


@pytest.mark.parametrize("text", [
    # Karin is an old name of Erzurum, Schilder also a noun: a person all the same
    "Oberbürgermeister Max Ulrich reiste mit Karin Schilder in die Partnerstadt Nazareth.",
    # Claude is only an alias of a French village
    "Der Bürgermeister der Partnerstadt Anglet, Claude Olive, besuchte Ansbach.",
])
def test_a_first_name_that_is_only_an_alias_of_a_place_before_a_capitalised_word_is_a_person(extractor, text):
    ex = extract(extractor, text)
    assert {p.name_de for p in ex.places.values()} & {"Erzurum", "Saint-Claude-de-Diray"} == set()


def test_a_first_name_that_is_a_places_own_german_name_stays_that_place(extractor):
    ex = extract(extractor, "Mit Nancy pflegt Karlsruhe seit 1955 eine Städtepartnerschaft.")
    assert "Nancy" in {p.name_de for p in ex.places.values()}
