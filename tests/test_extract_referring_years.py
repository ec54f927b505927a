"""A founding act told in a sentence that refers back to the pair instead of naming it dates
the pair when its own sentences state none (referring_years.py; relations-de.json:
referring_year_phrases): a phrase for both sides a sentence or two later, a placeless act
right after such a phrase, a sentence naming one partner right after the pair's, and a
sentence cut at a hard line break. Own-words fixtures."""

import pytest

from partnergraph.models import Article


def starts(extractor, text):
    ex = extractor.extract(Article(url="https://gemeinde.example/bericht", title="", text=text))
    names = {k: p.name_de for k, p in ex.places.items()}
    return {(frozenset(names.get(r, r) for _, r in p.partners), p.start_year) for p in ex.partnerships}


PAIR = frozenset({"Lindau", "Chur"})
OTHER = frozenset({"Lindau", "Rovinj"})
#: a second pair first: no sentence dates the pair as "the article's only partnership" would be
OPENING = ("Lindau pflegt auch eine Städtepartnerschaft mit Rovinj.\n\n"
           "Die Verwaltungen der Partnergemeinden Lindau und Chur trafen sich zum jährlichen Austausch. ")


@pytest.mark.parametrize("text", [
    # a phrase for both sides' mayors, a sentence about the day between
    OPENING + "Das Wetter spielte mit. "
    "Im Jahr 1994 unterzeichneten beide Bürgermeister einen Partnerschaftsvertrag.",
    # the pair anaphor itself wrapped across a line break
    OPENING + "Die Gäste lobten das Essen. Begonnen hatte die Freundschaft der beiden\n"
    "Gemeinden mit einem Hochwasser. Im Jahr 1994 wurde ein Partnerschaftsvertrag geschlossen.",
])
def test_an_act_in_a_sentence_that_refers_back_to_the_pair_dates_it(extractor, text):
    assert starts(extractor, text) == {(PAIR, 1994), (OTHER, None)}


def test_a_sentence_naming_one_partner_right_after_the_pair_dates_it_by_its_act(extractor):
    text = ("Eine Jugendgruppe aus Lindau besuchte im Herbst die Partnerstädte Chur und Vaduz.\n\n"
            "Die Partnerstädte Chur und Vaduz\n\n"
            "Der Freundschaftsbund, der als erster seiner Art 1961 geschlossen wurde, verbindet "
            "Lindau seither mit zwei ganz verschiedenen Städten.")
    assert starts(extractor, text) == {(frozenset({"Lindau", "Chur"}), 1961), (frozenset({"Lindau", "Vaduz"}), 1961)}


def test_a_sentence_cut_at_a_hard_line_break_is_read_with_its_continuation(extractor):
    text = ("Lindau pflegt auch eine Städtepartnerschaft mit Rovinj.\n\n"
            "Die Beziehungen zwischen Lindau und Chur wuchsen über viele Jahre, bis im Mai 1994 die\n"
            "beiden Bürgermeister bei einem Fest in Lindau die Städtepartnerschaft per\n"
            "Handschlag besiegelten.")
    assert starts(extractor, text) == {(PAIR, 1994), (OTHER, None)}


TWO = "Lindau pflegt Städtepartnerschaften mit Chur und Rovinj. "
BOTH = {(PAIR, None), (OTHER, None)}


@pytest.mark.parametrize("text", [
    # a sentence about something else between: the club's founding is the town's own news
    TWO + "Das Wetter spielte mit. Getragen wird der Austausch von dem 2002 gegründeten Verein in Lindau.",
    # another town named before the phrase: the text has moved on
    TWO + "Danach reiste die Gruppe weiter nach München. Im Jahr 1994 unterzeichneten beide Bürgermeister einen Vertrag.",
    # "beide Bürgermeister" after a sentence of three towns: any two of them
    TWO + "Das Wetter spielte mit. Im Jahr 1994 unterzeichneten beide Bürgermeister einen Vertrag.",
])
def test_no_start_from_sentences_that_speak_of_something_else(extractor, text):
    assert starts(extractor, text) == BOTH


def test_a_founding_participle_closing_a_long_middle_field_takes_the_year_before_the_auxiliary(extractor):
    # (the verb bracket: "Im Mai 1994 hatten <two mayors with their offices> … unterzeichnet",
    # the subject longer than the 160 characters the year-then-founding-word pattern reaches)
    text = ("Lindau pflegt auch eine Städtepartnerschaft mit Rovinj.\n\n"
            "Im Mai 1994 hatten die damalige Lindauer Oberbürgermeisterin, die spätere Landrätin "
            "Johanna Beispielfrau, und ihr Amtskollege aus Chur, der Stadtpräsident Otto Mustermann, "
            "im Festsaal des alten Rathauses die Partnerschaftsurkunde zwischen Lindau und Chur unterzeichnet.")
    assert starts(extractor, text) == {(PAIR, 1994), (OTHER, None)}
