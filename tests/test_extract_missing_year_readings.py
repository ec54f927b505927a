"""Start years the pair's own sentences leave undated, read where German states them otherwise
(session 18): the article's only partnership dated by a sentence that names the relation and no
place, far from the pair's own (only_pair_years.py); a founding verb in the second place of the
clause whose long subject puts the act's full date after the partners' names; anniversaries
worded as an age ("N Jahre ist die Partnerschaft … alt", "Die Freundschaft wird N Jahre alt")
or a birthday of the relation ("zum 30. Geburtstag der Partnerschaft"). Own-words fixtures."""

import pytest

from partnergraph.models import Article


def starts(extractor, text, date=None):
    ex = extractor.extract(Article(url="https://verein.example/bericht", title="", text=text, date=date))
    names = {k: p.name_de for k, p in ex.places.items()}
    return {(frozenset(names.get(r, r) for _, r in p.partners), p.start_year) for p in ex.partnerships}


PAIR = frozenset({"Lindau", "Chur"})
OCCASION = ("Beim Empfang im Rathaus sprach die Städtepartnerschaft zwischen Lindau und Chur für sich. "
            "Der Chor sang zwei Lieder. Danach gab es ein Buffet im Foyer. Die Gäste lobten die Organisation. "
            "Am Abend spielte eine Kapelle auf dem Marktplatz. ")


def test_the_only_partnership_takes_the_seit_of_a_placeless_sentence_naming_the_relation(extractor):
    text = OCCASION + "Der Redner erinnerte daran, dass die Freundschaft seit 1971 gewachsen ist."
    assert starts(extractor, text) == {(PAIR, 1971)}


def test_a_placeless_relation_sentence_dates_nothing_where_the_article_holds_two_pairs(extractor):
    text = (OCCASION + "Auch die Städtepartnerschaft zwischen Bregenz und Vaduz kam zur Sprache. "
            "Der Chor sang noch ein Lied. Die Gäste blieben lange. Es wurde spät. "
            "Der Redner erinnerte daran, dass die Freundschaft seit 1971 gewachsen ist.")
    assert (PAIR, 1971) not in starts(extractor, text)


def test_a_placeless_sentence_with_a_bare_year_and_no_seit_or_act_gives_the_only_pair_no_start(extractor):
    text = OCCASION + "Die Partnerschaft soll im Jahr 2031 mit einem großen Fest gefeiert werden."
    assert starts(extractor, text) == {(PAIR, None)}


def test_a_founding_verb_before_a_long_subject_takes_the_full_date_after_the_partners(extractor):
    text = ("Nach dem Festakt im Kursaal besiegelten die beiden Bürgermeisterinnen aus Lindau und Chur am "
            "    14. Mai 2016 die Städtepartnerschaft.")
    assert starts(extractor, text) == {(PAIR, 2016)}


@pytest.mark.parametrize("text", [
    "Die Städtepartnerschaft zwischen Lindau und Chur war der Anlass: 20 Jahre ist die Partnerschaft nun schon alt.",
    "Die Städtepartnerschaft zwischen Lindau und Chur wird gefeiert, denn die Partnerschaft wird 20 Jahre alt.",
    "Lindau und Chur feierten zum 20. Geburtstag der Städtepartnerschaft ein Fest auf dem Marktplatz.",
])
def test_an_anniversary_worded_as_the_relation_s_age_or_birthday_counts_back_from_the_page_date(extractor, text):
    import datetime as dt
    assert starts(extractor, text, date=dt.date(2021, 5, 3)) == {(PAIR, 2001)}


def test_an_approximate_age_of_the_relation_states_no_start(extractor):
    import datetime as dt
    text = "Die Städtepartnerschaft zwischen Lindau und Chur ist mittlerweile mehr als 20 Jahre alt."
    assert starts(extractor, text, date=dt.date(2021, 5, 3)) == {(PAIR, None)}


def test_a_person_s_birthday_is_no_anniversary_of_the_partnership(extractor):
    import datetime as dt
    text = ("Die Städtepartnerschaft zwischen Lindau und Chur führte die Gäste zu einem Ehrenbürger, "
            "der im März seinen 90. Geburtstag feierte.")
    assert starts(extractor, text, date=dt.date(2021, 5, 3)) == {(PAIR, None)}
