"""Which dates are a partnership's start and which belong to something else the sentence tells:
an anniversary celebrated "im kommenden Jahr" or "im vergangenen Jahr" counts from the year the
text means, not the article's own (relations-de.json: anniversary_relative_year_pattern); the
year first contacts were made, or a year the time moves on from ("…, einige Jahre später …"),
or a year a wish was voiced is not the founding act the sentence ends with (rules-de.json:
the first start pattern). Own-words fixtures."""

import datetime as dt

import pytest

from partnergraph.models import Article


def starts(extractor, text, url="https://stadt.example/presse/2019/08/meldung", date=None):
    # (an address's date dates the page only where its text states that year too:
    # datelines.article_year_month; the fixtures that need the article's date give it)
    ex = extractor.extract(Article(url=url, title="", text=text, date=date))
    names = {k: p.name_de for k, p in ex.places.items()}
    return {(frozenset(names.get(r, r) for _, r in p.partners), p.start_year) for p in ex.partnerships}


PAIR = frozenset({"Lindau", "Chur"})


@pytest.mark.parametrize("text, date, expected", [
    # the jubilee falls in the year after the article's (2019): the 25th of 2020
    ("Im kommenden Jahr feiert die Städtepartnerschaft zwischen Lindau und Chur ihr 25-jähriges Bestehen.",
     dt.date(2019, 8, 1), 1995),
    # the jubilee was the year before the article's (2024): the 40th of 2023
    ("Der Besuch folgt auf die Feier zum 40-jährigen Bestehen der Städtepartnerschaft zwischen Lindau und "
     "Chur im Herbst des vergangenen Jahres.", dt.date(2024, 6, 1), 1983),
    # nothing said about the year: the article's
    ("In diesem Sommer feiert die Städtepartnerschaft zwischen Lindau und Chur ihr 25-jähriges Bestehen.",
     dt.date(2019, 8, 1), 1994),
])
def test_an_anniversary_counts_from_the_year_the_sentence_celebrates_it_in(extractor, text, date, expected):
    assert starts(extractor, text, date=date) == {(PAIR, expected)}


def test_a_seit_count_counts_from_the_article_whatever_else_happened_last_year(extractor):
    text = "Seit 30 Jahren besteht die Städtepartnerschaft zwischen Lindau und Chur, im vergangenen Jahr kamen 40 Gäste."
    assert starts(extractor, text, date=dt.date(2024, 6, 1)) == {(PAIR, 1994)}


def test_the_year_contacts_were_first_made_gives_way_to_the_sealing(extractor):
    text = ("Im Jahr 1989 suchte Lindau einen Partner im Osten und knüpfte erste Kontakte nach Chur. "
            "Mit einem Festakt wurde die Städtepartnerschaft zwischen Lindau und Chur im Mai 1992 besiegelt.")
    assert starts(extractor, text, "https://stadt.example/partner") == {(PAIR, 1992)}


@pytest.mark.parametrize("text", [
    # the act comes "später": the year is the first meeting's
    "Kennengelernt haben sich Lindau und Chur im Jahr 2011, einige Jahre später wurde ihre Städtepartnerschaft "
    "offiziell besiegelt.",
    # first contacts, then the act on a day the sentence does not date
    "Im Frühjahr 2011 pflegten Lindau und Chur schon enge Kontakte, nun haben sie ihre Städtepartnerschaft "
    "offiziell besiegelt.",
    # a wish voiced on a visit is no founding act
    "Bei einem Besuch im April 2016 äußerten die Gäste aus Chur den Wunsch, mit Lindau eine offizielle "
    "Städtepartnerschaft einzugehen.",
])
def test_a_year_the_sentence_moves_on_from_is_not_the_founding_act(extractor, text):
    found = starts(extractor, text, "https://stadt.example/partner")
    assert {p for p, _ in found} == {PAIR}
    assert {y for _, y in found} == {None}


#: the rest of a report, so that the foot lies beyond the reach of the page's head (datelines.py)
BODY = "Es gab Musik, Reden und ein Buffet, und die Gäste blieben bis zum Abend im Saal. " * 6 + "\n\n"


def test_a_labelled_date_at_the_foot_of_an_undated_page_dates_its_jubilee(extractor):
    text = ("Festakt zum 25-jährigen Bestehen der Städtepartnerschaft zwischen Lindau und Chur\n\n"
            "Rund 200 Gäste aus beiden Städten feierten im Rathaus.\n\n" + BODY +
            "Letzte Änderung am 14.10.2019 um 09:47\nAktuelles\nGrillfest des Vereins")
    assert starts(extractor, text, "https://verein.example/aktuelles") == {(PAIR, 1994)}


def test_an_unlabelled_date_at_the_foot_is_an_events_not_the_pages(extractor):
    text = ("Festakt zum 25-jährigen Bestehen der Städtepartnerschaft zwischen Lindau und Chur\n\n"
            "Rund 200 Gäste aus beiden Städten feierten im Rathaus.\n\n" + BODY +
            "Aktuelles\n07.09.2024, 15:00 Uhr\nGrillfest des Vereins")
    assert starts(extractor, text, "https://verein.example/aktuelles") == {(PAIR, None)}


@pytest.mark.parametrize("text, expected", [
    ("Bericht über den Besuch.\nVeröffentlicht: 16.10.2018\nArtikel weiterleiten:", (2018, 10)),
    ("Bericht über den Besuch.\n\nZuletzt aktualisiert am 3. März 2021", (2021, 3)),
    ("Bericht über den Besuch.\nNächster Termin: Fest am 16.10.2018", None),   # an event's date
    ("Am 16.10.2018 feierten die Gäste.\n" + "Bericht. " * 60, None),          # not at the foot
])
def test_only_a_labelled_date_at_the_foot_is_read_as_the_pages(text, expected):
    from partnergraph.extract.datelines import page_foot_year_month
    assert page_foot_year_month(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Die Städtepartnerschaft zwischen Lindau und Chur nahm ihren Beginn bereits 1983.", 1983),
    # the beginning of something else, and a time of a year, date no partnership
    ("Seit Beginn des Krieges 2022 gibt es viel mehr Partnerschaften. Lindau pflegt eine Städtepartnerschaft "
     "mit Chur.", None),
    ("Anfang 2022 besuchten Gäste aus Chur die Stadt Lindau, ihre Partnerstadt.", None),
])
def test_a_beginning_dates_the_partnership_only_when_it_is_the_partnerships(extractor, text, expected):
    assert starts(extractor, text, "https://stadt.example/partner") == {(PAIR, expected)}


def statuses(extractor, text):
    ex = extractor.extract(Article(url="https://stadt.example/partner", title="", text=text, date=None))
    return {p.status for p in ex.partnerships}


@pytest.mark.parametrize("text, expected", [
    # the will to sign: a plan (as "will … eingehen" is)
    ("Die Bürgermeister wollen heute eine Städtepartnerschaft zwischen Lindau und Chur unterzeichnen.", {"planned"}),
    # the intention in a relative clause, its verb last
    ("Lindau pflegt eine Verbindung zu Chur, die in eine offizielle Städtepartnerschaft münden soll.", {"planned"}),
    ("Lindau und Chur haben ihre Städtepartnerschaft unterzeichnet.", {None}),
])
def test_a_partnership_wanted_or_meant_to_grow_is_planned(extractor, text, expected):
    assert statuses(extractor, text) == expected


def types(extractor, text):
    ex = extractor.extract(Article(url="https://stadt.example/partner", title="", text=text, date=None))
    return {p.type for p in ex.partnerships}


@pytest.mark.parametrize("text", [
    # the singular of "freundschaftliche Beziehungen"
    "Städtepartnerschaften mit Russland: Seit 1990 besteht eine freundschaftliche Beziehung zwischen Lindau und Chur.",
    # "angefreundet" as "befreundet"
    "Städtepartnerschaften gibt es viele. So haben sich Lindau und Chur angefreundet.",
])
def test_a_friendly_relation_is_a_friendship_not_the_articles_twinning(extractor, text):
    assert types(extractor, text) == {"freundschaft"}


@pytest.mark.parametrize("follow, expected", [
    # the next sentence names no place but the partnership it dates: its act outranks the "seit"
    ("Aus der Freundschaft wurde 2010 die offizielle Städtepartnerschaft geschlossen.", 2010),
    # an act of some other relation the next sentence reports leaves the "seit"
    ("Die Projektarbeit wurde in einer Kooperationsvereinbarung 2008 begründet.", 1990),
])
def test_a_founding_act_in_the_placeless_sentence_after_outranks_a_seit(extractor, follow, expected):
    text = "Die Partnerschaft zwischen Lindau und Chur existiert seit 1990. " + follow
    assert starts(extractor, text, "https://stadt.example/partner") == {(PAIR, expected)}


@pytest.mark.parametrize("text, expected", [
    # the association that opens the sentence was founded in 1984, not the partnership
    ("Der Verein zur Förderung der Partnerschaft zwischen Lindau und Chur entstand 1984, als sich "
     "Bürger zusammenschlossen.", None),
    ("Der Partnerschaftsverein wurde 1984 gegründet. Die Städtepartnerschaft zwischen Lindau und Chur "
     "wurde 1985 besiegelt.", 1985),
    # a partnership founded the same way keeps its year
    ("Die Städtepartnerschaft zwischen Lindau und Chur wurde 1984 gegründet.", 1984),
])
def test_the_founding_of_an_association_is_not_the_partnerships(extractor, text, expected):
    assert starts(extractor, text, "https://verein.example/geschichte") == {(PAIR, expected)}
