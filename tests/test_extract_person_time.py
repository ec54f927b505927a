"""A date that tells a person's time (an office held or taken, where someone lives) is no start
of a partnership, even in a sentence about the partner town (relations-de.json:
person_time_pattern). Own-words fixtures."""

import datetime as dt

import pytest

from partnergraph.models import Article


def starts(extractor, text):
    ex = extractor.extract(Article(url="https://stadt.example/meldung", title="", text=text, date=dt.date(2024, 5, 2)))
    names = {k: p.name_de for k, p in ex.places.items()}
    return {(frozenset(names.get(r, r) for _, r in p.partners), p.start_year) for p in ex.partnerships}


PAIR = frozenset({"Lindau", "Chur"})


@pytest.mark.parametrize("text, expected", [
    # an office held, the partnership's own year in the next clause
    ("Die Partnerstadt Chur empfing Gäste aus Lindau. Seit 2015 besetzt sie das Amt in Lindaus Partnerstadt, "
     "die seit 1994 bestehende Städtepartnerschaft mit Lindau ist ihr wichtig.", 1994),
    # an office held, no year of the partnership: no start at all
    ("Die Partnerstadt Chur empfing Gäste aus Lindau. Seit 2015 besetzt sie das Amt in Lindaus Partnerstadt, in Chur.",
     None),
    # where someone lives
    ("Die Partnerstadt Chur empfing Gäste aus Lindau. Seit 2015 lebt die Delegationsleiterin in Lindaus "
     "Partnerstadt, in Chur.", None),
])
def test_a_persons_office_or_home_gives_no_start(extractor, text, expected):
    assert starts(extractor, text) == {(PAIR, expected)}


def test_a_partnership_brought_to_life_keeps_its_year(extractor):
    # "ins Leben gerufen" is no one's life: the pattern reads the verbs in lower case only
    text = "Die 1984 ins Leben gerufene Städtepartnerschaft zwischen Lindau und Chur wird weiter gepflegt."
    assert starts(extractor, text) == {(PAIR, 1984)}


def test_an_amt_that_is_a_municipality_keeps_its_partnerships_year(extractor):
    # "das Amt Lindau" names a municipality (an Amt of Schleswig-Holstein), not an office
    text = "Seit 1992 pflegt das Amt Lindau eine Städtepartnerschaft mit der Gemeinde Chur."
    found = starts(extractor, text)
    assert {y for _, y in found} == {1992}
