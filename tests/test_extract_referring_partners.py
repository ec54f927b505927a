"""Pairs a sentence states by referring back to the towns of the sentences before it (issue 17,
session 11: missed pairs of fresh5 and of the older open splits; extract/referring_partners.py).
Each rule is checked both ways: where it fires and where it must not.

Every text here is written by us, in our own words."""

from __future__ import annotations

from partnergraph import Article
from partnergraph.models import Extraction
from conftest import pair_names


def _extract(extractor, text: str, title: str = "", url: str = "test:referring") -> Extraction:
    return extractor.extract(Article(url=url, title=title, text=text))


# -- a singular town noun points back to the one foreign town of the sentence before --------------

def test_the_partner_town_with_its_country_adjective_points_back_two_sentences(extractor):
    ex = _extract(extractor, "Aus Oberhausen fährt diesen Sommer niemand ins türkische Mersin. Die Gruppe reist "
                             "stattdessen nach China. Für die türkische Partnerstadt hat sich keiner angemeldet.")
    assert pair_names(ex) == {frozenset({"Oberhausen", "Mersin"})}


def test_this_town_points_back_to_the_foreign_town_and_pairs_it_with_this_sentences_town(extractor):
    ex = _extract(extractor, "Zum Fest kam auch eine Abordnung der französischen Stadt Bar-le-Duc. Mit dieser Stadt "
                             "pflegt Griesheim seit vielen Jahren partnerschaftliche Beziehungen.")
    assert pair_names(ex) == {frozenset({"Griesheim", "Bar-le-Duc"})}


def test_a_partner_town_of_another_country_does_not_point_back(extractor):
    ex = _extract(extractor, "Aus Oberhausen fährt diesen Sommer niemand ins türkische Mersin. Für die französische "
                             "Partnerstadt haben sich zehn Leute angemeldet.")
    assert pair_names(ex) == set()


def test_the_anaphor_does_not_reach_over_a_paragraph_break(extractor):
    ex = _extract(extractor, "Aus Oberhausen fährt diesen Sommer niemand ins türkische Mersin.\n\nFür die türkische "
                             "Partnerstadt hat sich keiner angemeldet.")
    assert pair_names(ex) == set()


def test_the_anaphor_does_not_choose_between_two_foreign_towns(extractor):
    ex = _extract(extractor, "Aus Oberhausen reisen Gruppen ins türkische Mersin und ins türkische Izmir. Für die "
                             "türkische Partnerstadt hat sich keiner angemeldet.")
    assert pair_names(ex) == set()


def test_a_partner_town_followed_by_its_name_is_no_anaphor(extractor):
    ex = _extract(extractor, "Aus Oberhausen fährt niemand ins türkische Mersin. Die türkische Partnerstadt Izmir "
                             "empfängt dagegen eine Gruppe aus Oberhausen.")
    assert frozenset({"Oberhausen", "Mersin"}) not in pair_names(ex)


# -- a pair that made the start of the partnerships the sentence before spoke of -----------------

def test_a_pair_opening_its_sentence_that_made_the_start_is_a_pair(extractor):
    ex = _extract(extractor, "Schon im Kalten Krieg wurden die ersten deutsch-sowjetischen Städtepartnerschaften "
                             "geschlossen. Hamburg und Leningrad machten bereits 1957 den Anfang, mitten in der "
                             "Krise um Ungarn.")
    assert pair_names(ex) == {frozenset({"Hamburg", "Sankt Petersburg"})}


def test_a_pair_that_made_a_start_without_a_partnership_sentence_before_is_none(extractor):
    ex = _extract(extractor, "Im Sommer gab es viele Radrennen. Hamburg und Leningrad machten bereits 1957 den "
                             "Anfang.")
    assert pair_names(ex) == set()


def test_two_towns_of_one_country_that_made_the_start_are_no_pair(extractor):
    ex = _extract(extractor, "Schon früh wurden die ersten deutsch-sowjetischen Städtepartnerschaften geschlossen. "
                             "Hamburg und Bremen machten bereits 1957 den Anfang.")
    assert frozenset({"Hamburg", "Bremen"}) not in pair_names(ex)


# -- "zwischen A und B" right after a sentence about partnerships ---------------------------------

def test_a_founding_between_two_towns_right_after_a_partnership_sentence_is_a_pair(extractor):
    ex = _extract(extractor, "Heute bestehen etwa hundert deutsch-türkische kommunale Partnerschaften. Die älteste "
                             "wurde 1967 zwischen Böblingen und Bergama gegründet.")
    assert pair_names(ex) == {frozenset({"Böblingen", "Bergama"})}


def test_a_sentence_between_two_towns_after_an_unrelated_sentence_is_no_pair(extractor):
    ex = _extract(extractor, "Im Sommer gab es viele Radrennen. Das längste führte 1967 zwischen Böblingen und "
                             "Bergama hin und her.")
    assert pair_names(ex) == set()


def test_between_two_towns_of_one_country_after_a_partnership_sentence_is_no_pair(extractor):
    ex = _extract(extractor, "Heute bestehen etwa hundert deutsch-türkische kommunale Partnerschaften. Ein Bus fährt "
                             "zwischen Böblingen und Stuttgart.")
    assert frozenset({"Böblingen", "Stuttgart"}) not in pair_names(ex)


def test_the_place_with_its_country_adjective_inside_between_points_back(extractor):
    ex = _extract(extractor, "Nadav lebt im Kibbuz Ein Gedi am Toten Meer. Sein Vater hat vor 20 Jahren die "
                             "Partnerschaft zwischen dem israelischen Ort und Bad Kissingen mit angestoßen.")
    assert pair_names(ex) == {frozenset({"Bad Kissingen", "‘En Gedi"})}


# -- a lasting contact "zwischen beiden Städten" points back to the pair --------------------------

def test_a_lively_exchange_between_both_towns_points_back_to_the_pair_before(extractor):
    ex = _extract(extractor, "Zwischen Heidelberg und Montpellier liegen gut tausend Kilometer. Trotzdem gibt es "
                             "seit langem einen regen Austausch zwischen beiden Städten.")
    assert pair_names(ex) == {frozenset({"Heidelberg", "Montpellier"})}


def test_a_contact_between_both_towns_of_one_country_is_no_pair(extractor):
    ex = _extract(extractor, "Zwischen Heidelberg und Mannheim liegen zwanzig Kilometer. Trotzdem gibt es einen "
                             "regen Austausch zwischen beiden Städten.")
    assert pair_names(ex) == set()


def test_an_exchange_without_both_towns_points_back_to_nothing(extractor):
    ex = _extract(extractor, "Zwischen Heidelberg und Montpellier liegen gut tausend Kilometer. Trotzdem gibt es "
                             "einen regen Austausch zwischen den Schulen.")
    assert pair_names(ex) == set()


# -- "zwischen A und B" reads every occurrence, not only each town's first ---------------------

def test_between_reads_a_town_named_earlier_in_the_same_sentence(extractor):
    ex = _extract(extractor, "Ein Gast aus Hannover berichtete. Das sagte Paul Durand aus Châteauroux, der das "
                             "Komitee der Partnerschaft zwischen Châteauroux und Bittou leitet, beim Empfang.")
    assert pair_names(ex) == {frozenset({"Châteauroux", "Bittou"})}


def test_two_pairs_between_after_a_partnership_sentence_keep_their_own_years(extractor):
    ex = _extract(extractor, "Heute bestehen etwa hundert deutsch-türkische kommunale Partnerschaften. Die älteste "
                             "wurde 1967 zwischen Böblingen und Bergama gegründet, die jüngste 2016 zwischen Herne "
                             "und Konya geschlossen.")
    years = {frozenset(ex.places[r].name_de for _, r in p.partners): p.start_year for p in ex.partnerships}
    assert years == {frozenset({"Böblingen", "Bergama"}): 1967, frozenset({"Herne", "Konya"}): 2016}


# -- two foreign towns after "mit" are partners of someone unnamed, not of each other -------------

def test_two_foreign_towns_listed_after_with_are_no_pair_of_each_other(extractor):
    ex = _extract(extractor, "Städtepartnerschaften, etwa mit Brest, Frankreich und San Francisco, USA, beruhen auf "
                             "gemeinsamen Werten.")
    assert pair_names(ex) == set()


def test_two_foreign_towns_of_a_cue_sentence_without_with_stay_a_pair(extractor):
    ex = _extract(extractor, "Brest und San Francisco pflegen seit Jahren eine Städtepartnerschaft.")
    assert pair_names(ex) == {frozenset({"Brest", "San Francisco"})}
