"""Two main clauses joined by "und", each with its subject and finite verb, state two facts: no
pair crosses them (clause_subjects.py). Own-words fixtures."""

import datetime as dt

import pytest

from conftest import pairs_in


def pairs(extractor, text):
    return pairs_in(extractor, text, "https://example.org/d", date=dt.date(2024, 5, 2))


def test_the_subject_of_a_second_main_clause_is_no_partner_of_the_first_clauses_subject(extractor):
    found = pairs(extractor, "Seit 1980 pflegt die Stadt Kassel eine Partnerschaft mit Florenz und Göttingen hat "
                             "seit 1990 eine Partnerschaft mit Pau in Frankreich.")
    assert frozenset({"Kassel", "Florenz"}) in found
    assert frozenset({"Kassel", "Göttingen"}) not in found
    assert frozenset({"Kassel", "Pau"}) not in found


@pytest.mark.parametrize("text, pair", [
    # a fronted object: no finite verb before the "und"
    ("Mit Florenz und Pau pflegt die Stadt Kassel seit vielen Jahren Partnerschaften.", {"Kassel", "Pau"}),
    # a plural verb after "A und B": both are its subject
    ("Die Stadt Kassel unterzeichnete den Vertrag: Kassel und Florenz sind nun Partnerstädte.", {"Kassel", "Florenz"}),
])
def test_an_und_without_a_clause_of_its_own_before_it_joins_the_pair(extractor, text, pair):
    assert frozenset(pair) in pairs(extractor, text)
