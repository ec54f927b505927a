"""Where a start year comes from when the pair's sentence gives no year of its own: the date the
page's address files it under, a dateline glued to the heading or standing after the site's name,
a founding act "vor N Jahren", and a year counted from the one before ("im Jahr darauf … geschlossene",
"Noch im gleichen Jahr folgte …"). Own-words fixtures for sources/dates.url_year_month,
extract/datelines.py and the start rules of rules-de.json."""

import pytest

from partnergraph.extract.datelines import page_year_month
from partnergraph.models import Article
from partnergraph.sources.dates import url_year_month


def starts(extractor, text, url="https://beispiel.example/d"):
    ex = extractor.extract(Article(url=url, title="", text=text, date=None))
    names = {k: p.name_de for k, p in ex.places.items()}
    return {(frozenset(names.get(r, r) for _, r in p.partners), p.start_year) for p in ex.partnerships}


JUBILEE = "Die Gemeinde Lindau feiert das 25-jährige Jubiläum ihrer Städtepartnerschaft mit Chur."


@pytest.mark.parametrize("url, expected", [
    ("https://blog.example/2016/03/lindau-feiert/", (2016, 3)),                    # year / month segments
    ("https://stadt.example/presse/2016/maerz/lindau/", (2016, 3)),                # a month's name
    ("https://stadt.example/mitteilungen/maerz-2016/lindau.php", (2016, 3)),       # month and year in one
    ("https://zeitung.example/leben/2016-03-21/lindau-feiert", (2016, 3)),          # an ISO date
    ("https://archiv.example/news.asp?id=7&published=21.03.2016", (2016, 3)),       # a date in figures
    ("https://kreis.example/presse/pressemitteilungen-jahrgang-2016/12-lindau", (2016, None)),
    ("https://magazin.example/heft/2016/11/lindau", (2016, 11)),
    ("https://magazin.example/ausgabe/2016/31/lindau", (2016, None)),               # an issue, no month
])
def test_the_date_an_address_files_its_page_under_is_read(url, expected):
    assert url_year_month(url) == expected


@pytest.mark.parametrize("url", [
    "https://stadt.example/25_jahre_partnerschaft-604565",        # a count and an id in a slug
    "https://stadt.example/pressemitteilungen/1910-meldung.pdf",  # a number before a word
    "https://2016.example/",                                      # digits of a host
    "https://stadt.example/partner/lindau",
])
def test_numbers_in_an_address_that_file_nothing_by_date_give_no_date(url):
    assert url_year_month(url) is None


def test_the_address_dates_an_anniversary_when_the_text_states_its_year_too(extractor):
    url = "https://stadt.example/aktuelles/2016/03/lindau-feiert/"
    text = JUBILEE + " Die Gäste aus Chur bleiben bis zum Ende des Sommers 2016."
    assert starts(extractor, text, url) == {(frozenset({"Lindau", "Chur"}), 1991)}


def test_an_address_alone_dates_no_anniversary_when_the_text_names_no_year_of_it(extractor):
    # the text as cached is the scope (benchmarks/real/README.md): "25-jährige Jubiläum" on a page
    # whose only date is its address's states no start
    url = "https://stadt.example/aktuelles/2016/03/lindau-feiert/"
    assert starts(extractor, JUBILEE, url) == {(frozenset({"Lindau", "Chur"}), None)}
    assert starts(extractor, JUBILEE + " Schon 2012 gab es ein Fest.", url) == {(frozenset({"Lindau", "Chur"}), None)}


def test_a_dateline_the_page_prints_outranks_its_address(extractor):
    url = "https://stadt.example/aktuelles/2019/01/lindau-feiert/"
    assert starts(extractor, "12.05.2016\n\n" + JUBILEE, url) == {(frozenset({"Lindau", "Chur"}), 1991)}


@pytest.mark.parametrize("text, expected", [
    ("Solidarität zeigen\n21. März 2016Die Gemeinde lädt ein", (2016, 3)),    # glued to the next heading
    ("Archiv-Beitrag vom 21.03.201625jähriges Jubiläum", (2016, 3)),  # a figure glued after it
    ("Zum Inhalt\n\nLindau / Pressemeldung – 21.03.2016\n\nText", (2016, 3)),  # the site's name before the label
])
def test_a_dateline_glued_to_its_heading_or_after_the_sites_name_is_the_pages_date(text, expected):
    assert page_year_month(text) == expected


@pytest.mark.parametrize("text", [
    "Der Mitgliedsbeitrag am 21.03.2016 ist fällig",      # a word that only ends like a label
    "Zum Inhalt\n\nIn der langen Sitzung des Rates am 21.03.2016 und danach wurde viel beraten\n",
])
def test_a_label_inside_a_word_or_a_long_line_dates_no_page(text):
    assert page_year_month(text) is None


@pytest.mark.parametrize("sentence", [
    "Lindau und Chur haben ihre vor 25 Jahren begründete Städtepartnerschaft gefeiert.",
    "Vor 25 Jahren wurde die Städtepartnerschaft zwischen Lindau und Chur im Rathaus besiegelt.",
    "Die Städtepartnerschaft zwischen Lindau und Chur wurde besiegelt vor 25 Jahren.",
])
def test_a_founding_act_n_years_ago_counts_back_from_the_pages_date(extractor, sentence):
    assert starts(extractor, "Pressemitteilung vom 21.03.2016\n\n" + sentence) == {(frozenset({"Lindau", "Chur"}), 1991)}


def test_n_years_ago_beside_the_acts_own_year_does_not_count_from_that_year(extractor):
    text = "Pressemitteilung vom 21.03.2016\n\nVor 25 Jahren, im Mai 1991, besiegelten Lindau und Chur ihre Städtepartnerschaft."
    assert starts(extractor, text) == {(frozenset({"Lindau", "Chur"}), 1991)}


@pytest.mark.parametrize("text", [
    # n years ago without a founding act: a visit
    "Pressemitteilung vom 21.03.2016\n\nVor 25 Jahren besuchte eine Gruppe aus Lindau die Partnerstadt Chur.",
    # no date for the page: n years ago from when is unknown
    "Lindau und Chur haben ihre vor 25 Jahren begründete Städtepartnerschaft gefeiert.",
])
def test_n_years_ago_without_an_act_or_without_a_page_date_gives_no_year(extractor, text):
    assert {y for _, y in starts(extractor, text)} <= {None}


def test_an_inflected_participle_after_the_following_year_dates_the_partnership(extractor):
    text = ("Schon 1984 kam in Ansbach ein Freundeskreis zusammen. Die im Jahr darauf zwischen Ansbach und "
            "Somoto geschlossene Städtepartnerschaft besteht bis heute.")
    assert starts(extractor, text) == {(frozenset({"Ansbach", "Somoto"}), 1985)}


@pytest.mark.parametrize("same", ["Noch im gleichen Jahr", "Im selben Jahr", "Noch in gleichem Jahr"])
def test_a_partner_that_followed_in_the_same_year_takes_the_year_before_it(extractor, same):
    text = (f"Ansbach hat zehn Partnerstädte. Den Anfang machte 1962 das französische Anglet. "
            f"{same} folgte das italienische Fermo.")
    assert starts(extractor, text) == {(frozenset({"Ansbach", "Anglet"}), 1962), (frozenset({"Ansbach", "Fermo"}), 1962)}


def test_the_same_year_with_no_year_before_it_states_none(extractor):
    text = "Ansbach hat zehn Partnerstädte. Den Anfang machte das französische Anglet. Noch im gleichen Jahr folgte das italienische Fermo."
    assert {y for _, y in starts(extractor, text)} <= {None}


@pytest.mark.parametrize("sentence", [
    "Die Städtepartnerschaft zwischen Ansbach und Anglet stammt aus dem Jahre 1962.",
    "Ansbach und Anglet sind seit dem Jahre 1962 durch eine Städtepartnerschaft verbunden.",
])
def test_the_older_dative_im_jahre_states_a_start_as_im_jahr_does(extractor, sentence):
    assert starts(extractor, sentence) == {(frozenset({"Ansbach", "Anglet"}), 1962)}


@pytest.mark.parametrize("sentence", [
    "Die Städtepartnerschaft zwischen Lindau und Chur besteht seit fünfundzwanzig Jahren.",
    "Lindau und Chur feiern das fünfundzwanzigjährige Bestehen ihrer Städtepartnerschaft.",
    "Fünfundzwanzig Jahre Städtepartnerschaft: Lindau und Chur feiern.",
])
def test_a_count_of_years_written_out_counts_back_as_figures_do(extractor, sentence):
    assert starts(extractor, "Pressemitteilung vom 21.03.2016\n\n" + sentence) == {(frozenset({"Lindau", "Chur"}), 1991)}


def test_a_written_count_with_a_word_of_approximation_states_no_year(extractor):
    text = "Pressemitteilung vom 21.03.2016\n\nDie Städtepartnerschaft zwischen Lindau und Chur besteht seit über zehn Jahren."
    assert {y for _, y in starts(extractor, text)} <= {None}


def test_a_founding_acts_year_beside_a_jubilees_count_is_the_start_not_the_jubilees_year(extractor):
    text = ("Pressemitteilung vom 21.03.2016\n\nLindau und Chur feierten das 25-jährige Bestehen ihrer "
            "Städtepartnerschaft dort, wo am 4. Mai 1991 der Partnerschaftsvertrag unterzeichnet wurde.")
    assert starts(extractor, text) == {(frozenset({"Lindau", "Chur"}), 1991)}


@pytest.mark.parametrize("text, expected", [
    # the participle first, the act's full date later in the sentence
    ("Zwischen Melle und Sopron besteht eine Städtepartnerschaft. Besiegelt wurde die Urkunde im "
     "Rathaus von Melle am 3. Oktober 1991 von beiden Bürgermeistern.", 1991),
    # the same order with the year alone
    ("Zwischen Melle und Sopron besteht eine Städtepartnerschaft. Unterzeichnet wurde der Partnerschaftsvertrag "
     "nach langen Vorbereitungen erst im Herbst 1991.", 1991),
])
def test_an_inverted_passive_act_gives_the_year_its_sentence_states_later(extractor, text, expected):
    assert starts(extractor, text) == {(frozenset({"Melle", "Sopron"}), expected)}


@pytest.mark.parametrize("text", [
    "Die Partnerstädte Lindau und Chur begehen in diesem Jahr ihr 40. Partnerschaftsjubiläum.",
    "Lindau und Chur feiern das 40-jährige Städtepartnerschaftsjubiläum mit einem Bürgerfest.",
])
def test_a_compound_jubilee_noun_counts_the_years_back_from_the_pages_date(extractor, text):
    assert starts(extractor, "Pressemitteilung vom 21.03.2016\n\n" + text) == {(frozenset({"Lindau", "Chur"}), 1976)}


def test_a_lands_relation_with_a_country_lends_the_articles_only_pair_no_year(extractor):
    text = ("Die Gemeinde Lindau unterhält eine Städtepartnerschaft mit Moshi in Tansania. "
            "Bereits seit 1998 pflegt auch das Land Bayern eine Partnerschaft mit Tansania.")
    assert starts(extractor, text) == {(frozenset({"Lindau", "Moshi"}), None)}
    # the same sentence about the pair itself dates it
    text = ("Die Gemeinde Lindau unterhält eine Städtepartnerschaft mit Moshi in Tansania. "
            "Bereits seit 1998 pflegen beide Seiten eine Partnerschaft.")
    assert starts(extractor, text) == {(frozenset({"Lindau", "Moshi"}), 1998)}


@pytest.mark.parametrize("text, expected", [
    # a "seit" that dates what a town is, a seat or a status, is no start
    ("Die Städtepartnerschaft verbindet Lindau mit Chur, seit 1948 Sitz einer Akademie.", None),
    ("Die Städtepartnerschaft verbindet Lindau mit Chur, seit 1943 selbständige Stadt.", None),
    ("Die Städtepartnerschaft verbindet Lindau mit Chur, dessen Bürgermeister seit 2006 im Amt ist.", None),
    # a "seit" of the partnership is
    ("Die Städtepartnerschaft verbindet Lindau seit 1980 mit Chur.", 1980),
    # the past tense of "eingehen" is a founding act
    ("Lindau und Chur waren 1951 die ersten Städte der Region, die eine Städtepartnerschaft eingingen.", 1951),
])
def test_a_seit_of_a_towns_role_is_no_start_and_eingingen_is_an_act(extractor, text, expected):
    assert starts(extractor, text) == {(frozenset({"Lindau", "Chur"}), expected)}


@pytest.mark.parametrize("text, expected", [
    # the founding act of the next sentence, which names no place, goes on about the pair
    ("Im Rathaus warb der Bürgermeister dafür, Lindau und Chur zu Partnerstädten zu machen. "
     "1962 wurde die Urkunde dann feierlich unterzeichnet.", 1962),
    # a year of the next sentence that is no founding act says nothing of the start
    ("Im Rathaus warb der Bürgermeister dafür, Lindau und Chur zu Partnerstädten zu machen. "
     "1962 besuchte eine Delegation den Bodensee.", None),
    # nor does an act of a sentence that names another place
    ("Im Rathaus warb der Bürgermeister dafür, Lindau und Chur zu Partnerstädten zu machen. "
     "1962 wurde die Urkunde mit Coventry unterzeichnet.", None),
])
def test_a_founding_act_right_after_the_pairs_sentence_that_names_no_place_dates_it(extractor, text, expected):
    found = starts(extractor, text)
    assert (frozenset({"Lindau", "Chur"}), expected) in found


@pytest.mark.parametrize("text, expected", [
    # "vor N Jahren" with its act far along the sentence, the officials' names between
    ("Die Städtepartnerschaft zwischen Lindau und Chur besteht nun schon lange. Vor 25 Jahren wurde sie durch "
     "den damaligen Oberbürgermeister Maximilian Mustermann und seine Amtskollegin Erika Beispiel aus "
     "dem Nachbarland vertraglich besiegelt.", 1991),
    # "formalisiert" founds a partnership as "besiegelt" does
    ("Die Städtepartnerschaft zwischen Lindau und Chur wurde 1950 formalisiert.", 1950),
])
def test_a_far_act_after_vor_n_jahren_and_a_formalised_partnership_give_their_year(extractor, text, expected):
    assert starts(extractor, "Pressemitteilung vom 21.03.2016\n\n" + text) == {(frozenset({"Lindau", "Chur"}), expected)}
