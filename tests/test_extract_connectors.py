"""The connector test before the coordination pattern of cue_places.py (extract/connectors.py): a
sentence without "und", a dash or "&" between white space holds no coordination of two names, and
one with such a connector is searched as before. Own-words fixtures."""

import pytest

from partnergraph.extract.connectors import has_connector
from partnergraph.extract.cue_places import CuePlaces


@pytest.mark.parametrize("sentence", [
    "Die Partnerschaft zwischen Oberhausen und Tarnoszyn besteht seit Jahren.",
    "Die Achse Bergdorf – Wolkenstadt trägt seit 1990.", "Bergdorf & Wolkenstadt feiern.",
    "Die Gemeinden Bergdorf - Wolkenstadt treffen sich."])
def test_a_sentence_coordinating_two_names_holds_a_connector(sentence):
    assert CuePlaces._COORDINATED.search(sentence) is not None
    assert has_connector(sentence)


@pytest.mark.parametrize("sentence", [
    "Die Partnerstadt Wolkenstadt liegt in Polen.", "Der Nord-Süd-Austausch mit Bergdorf-Wolkenstadt wächst.",
    "Bergdorf,Wolkenstadt und-so-weiter"])
def test_a_sentence_without_a_connector_between_white_space_coordinates_nothing(sentence):
    assert not has_connector(sentence)
    assert CuePlaces._COORDINATED.search(sentence) is None
