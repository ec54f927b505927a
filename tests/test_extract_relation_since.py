"""A partnership noun that carries its own "seit" ("die seit 1987 bestehende Verbindung", "die
Freundschaft …, die seit 1987 besteht") in a sentence naming no place dates the pair the text
named just before, also a few sentences later (relation_since.py; relations-de.json:
relation_since). Own-words fixtures."""

import pytest

from partnergraph.models import Article


def starts(extractor, text):
    ex = extractor.extract(Article(url="https://verein.example/bericht", title="", text=text))
    names = {k: p.name_de for k, p in ex.places.items()}
    return {(frozenset(names.get(r, r) for _, r in p.partners), p.start_year) for p in ex.partnerships}


PAIR = frozenset({"Lindau", "Chur"})


@pytest.mark.parametrize("text", [
    # the dated relation in the next sentence
    "Die Städtepartnerschaft zwischen Lindau und Chur stand im Mittelpunkt des Abends. "
    "Die seit 1987 bestehende Verbindung soll nun neuen Schwung bekommen.",
    # a relative clause on the noun, two sentences about the meeting between
    "Die Städtepartnerschaft zwischen Lindau und Chur stand im Mittelpunkt des Abends. "
    "Der Saal war gut gefüllt. Die Vorsitzende dankte allen Helfern. "
    "Zum Schluss ging es um die Zukunft der Partnerschaft, die seit 1987 besteht.",
])
def test_a_placeless_partnership_noun_with_its_own_seit_dates_the_pair_named_before(extractor, text):
    assert starts(extractor, text) == {(PAIR, 1987)}


def test_a_sentence_naming_another_pair_ends_the_reach_of_the_dated_noun(extractor):
    text = ("Die Städtepartnerschaft zwischen Lindau und Chur stand im Mittelpunkt des Abends. "
            "Danach ging es um die Städtepartnerschaft zwischen Bregenz und Vaduz. "
            "Die seit 1987 bestehende Verbindung soll nun neuen Schwung bekommen.")
    assert starts(extractor, text) == {(PAIR, None), (frozenset({"Bregenz", "Vaduz"}), 1987)}
