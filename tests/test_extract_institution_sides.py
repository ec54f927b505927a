"""Institutions and states as the sides of a partnership (issue 17, class 8 of the open splits'
false pairs): a partnership of two universities, schools or church bodies names the towns they
sit in, and two governments' "beide Seiten" are states; neither is a partnership of the towns.

Every text is written by us, in our own words; each rule is checked both ways."""

from __future__ import annotations

from partnergraph import Article
from partnergraph.models import Extraction
from conftest import pair_names


def _extract(extractor, text: str) -> Extraction:
    return extractor.extract(Article(url="test:institution-sides", text=text))


def test_the_towns_of_a_university_partnership_are_not_paired(extractor):
    ex = _extract(extractor, "Neben vielen Kontakten gibt es die Universitätspartnerschaft zwischen Leipzig und "
                             "Krakau sowie die Städtepartnerschaft zwischen Erfurt und Kalisz.")
    assert pair_names(ex) == {frozenset({"Erfurt", "Kalisz"})}


def test_a_school_partnership_with_a_town_pairs_nobody(extractor):
    ex = _extract(extractor, "Die Realschule am Markt in Würzburg pflegt seit Jahren eine Schulpartnerschaft "
                             "mit Caen in der Normandie.")
    assert frozenset({"Würzburg", "Caen"}) not in pair_names(ex)


def test_a_town_in_a_universitys_name_is_no_side_of_the_partnership(extractor):
    ex = _extract(extractor, "Die neue Partnerschaft zwischen dem Technischen Institut (ITS Sousse) und der "
                             "Hochschule Bremerhaven wurde am Montag unterzeichnet.")
    assert frozenset({"Bremerhaven", "Sousse"}) not in pair_names(ex)


def test_a_town_twinning_sentence_naming_a_school_keeps_its_pair(extractor):
    ex = _extract(extractor, "Die Städtepartnerschaft zwischen Erfurt und Kalisz wurde mit einem Fest in der "
                             "Schule gefeiert.")
    assert pair_names(ex) == {frozenset({"Erfurt", "Kalisz"})}


def test_two_governments_seats_are_not_paired_by_a_sentence_about_states(extractor):
    ex = _extract(extractor, "Im Sommer 1991 unterzeichneten die Regierungen der beiden Länder in Bonn und "
                             "Warschau einen Vertrag. Beide Seiten wünschten sich engere Partnerschaften "
                             "zwischen den beiden Staaten.")
    assert pair_names(ex) == set()


def test_a_town_pair_in_a_sentence_about_two_states_is_kept(extractor):
    ex = _extract(extractor, "Die Städtepartnerschaft zwischen Erfurt und Kalisz stärkt die Freundschaft "
                             "zwischen den beiden Staaten.")
    assert pair_names(ex) == {frozenset({"Erfurt", "Kalisz"})}
