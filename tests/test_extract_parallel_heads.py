"""The head of the second of two parallel phrases "X für A und Y für B" is the person or body that
stands for B, not a place (extract/parallel_heads.py); a name glued to a dash is read without it
(cue_places._trim_name). Every text here is written by us, in our own words."""

from __future__ import annotations

from partnergraph import Article
from conftest import pair_names


def _extract(extractor, text: str):
    return extractor.extract(Article(url="https://www.lokalblatt.de/artikel", title="", text=text))


def _names(ex) -> set[str]:
    return {p.name_de for p in ex.places.values()}


def test_a_mayor_signing_for_a_town_after_another_mayor_is_no_town(extractor):
    ex = _extract(extractor, "Im Mai 2003 unterzeichneten die Bürgermeister Jonas Weber für Freising und "
                             "Ermenegildo Bressan für Arzignano den Vertrag über die Städtepartnerschaft.")
    assert "Ermenegildo Bressan" not in _names(ex)
    assert pair_names(ex) == {frozenset({"Freising", "Arzignano"})}


def test_towns_from_two_countries_in_parallel_phrases_stay_towns(extractor):
    ex = _extract(extractor, "Der Rat beriet über die Anfragen der Städte Kalisz aus Polen und Valmiera aus "
                             "Lettland nach einer Partnerschaft.")
    assert {"Kalisz", "Valmiera"} <= _names(ex)


def test_a_dash_glued_to_a_town_name_is_no_part_of_it(extractor):
    ex = _extract(extractor, "Ehrenbürger der italienischen Gemeinde Montecchia-\nIm Jahr 1998 begann die "
                             "Gemeindepartnerschaft zwischen Hohenwart und Montecchia.")
    assert not any(name.endswith("-") for name in _names(ex))
