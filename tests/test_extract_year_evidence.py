"""Which dates are a partnership's start and which belong to something else the sentence tells:
an anniversary celebrated "im kommenden Jahr" or "im vergangenen Jahr" counts from the year the
text means, not the article's own (relations-de.json: anniversary_relative_year_pattern); the
year first contacts were made, or a year the time moves on from ("…, einige Jahre später …"),
or a year a wish was voiced is not the founding act the sentence ends with (rules-de.json:
the first start pattern). Own-words fixtures."""

import pytest

from partnergraph.models import Article


def starts(extractor, text, url="https://stadt.example/presse/2019/08/meldung"):
    ex = extractor.extract(Article(url=url, title="", text=text, date=None))
    names = {k: p.name_de for k, p in ex.places.items()}
    return {(frozenset(names.get(r, r) for _, r in p.partners), p.start_year) for p in ex.partnerships}


PAIR = frozenset({"Lindau", "Chur"})


@pytest.mark.parametrize("text, url, expected", [
    # the jubilee falls in the year after the article's (2019): the 25th of 2020
    ("Im kommenden Jahr feiert die Städtepartnerschaft zwischen Lindau und Chur ihr 25-jähriges Bestehen.",
     "https://stadt.example/presse/2019/08/meldung", 1995),
    # the jubilee was the year before the article's (2024): the 40th of 2023
    ("Der Besuch folgt auf die Feier zum 40-jährigen Bestehen der Städtepartnerschaft zwischen Lindau und "
     "Chur im Herbst des vergangenen Jahres.", "https://stadt.example/presse/2024/06/meldung", 1983),
    # nothing said about the year: the article's
    ("In diesem Sommer feiert die Städtepartnerschaft zwischen Lindau und Chur ihr 25-jähriges Bestehen.",
     "https://stadt.example/presse/2019/08/meldung", 1994),
])
def test_an_anniversary_counts_from_the_year_the_sentence_celebrates_it_in(extractor, text, url, expected):
    assert starts(extractor, text, url) == {(PAIR, expected)}


def test_a_seit_count_counts_from_the_article_whatever_else_happened_last_year(extractor):
    text = "Seit 30 Jahren besteht die Städtepartnerschaft zwischen Lindau und Chur, im vergangenen Jahr kamen 40 Gäste."
    assert starts(extractor, text, "https://stadt.example/presse/2024/06/meldung") == {(PAIR, 1994)}


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
