"""Towns that "gemeinsam mit" / "zusammen mit" joins to a sentence's subject share the partner the
sentence's own "mit" names (issue 17, extract/joint_owners.py): each is that partner's partner, not
the subject's. A "gemeinsam mit" without a partner of its own, or with a domestic one, changes nothing.

Every text here is written by us, in our own words."""

from __future__ import annotations

from partnergraph import Article
from partnergraph.models import Extraction
from conftest import pair_names


def _extract(extractor, text: str, title: str = "") -> Extraction:
    return extractor.extract(Article(url="test:joint-owners", title=title, text=text))


def test_towns_joining_a_partnership_together_are_each_the_partners_partner_not_each_others(extractor):
    ex = _extract(extractor, "Kassel zeigt Haltung. Zusammen mit Göttingen und Erfurt will die Stadt eine "
                             "Solidaritätspartnerschaft mit der ukrainischen Stadt Poltawa eingehen.")
    pairs = pair_names(ex)
    assert {frozenset({"Göttingen", "Poltawa"}), frozenset({"Erfurt", "Poltawa"})} <= pairs
    assert frozenset({"Kassel", "Göttingen"}) not in pairs and frozenset({"Kassel", "Erfurt"}) not in pairs


def test_a_partnership_kept_together_with_the_towns_of_an_association_pairs_each_town_with_the_partner(extractor):
    ex = _extract(extractor, "Ulm pflegt die Städtepartnerschaft mit der polnischen Stadt Opole gemeinsam mit den "
                             "übrigen Kommunen des Verbands, also mit der Stadt Blaubeuren sowie den Gemeinden "
                             "Dornstadt und Erbach.")
    pairs = pair_names(ex)
    assert frozenset({"Ulm", "Opole"}) in pairs
    assert {frozenset({"Blaubeuren", "Opole"}), frozenset({"Erbach", "Opole"})} <= pairs
    assert not any("Ulm" in p and ("Blaubeuren" in p or "Erbach" in p) for p in pairs)


def test_fellow_guests_without_a_shared_partner_are_left_to_the_other_rules(extractor):
    ex = _extract(extractor, "Die Delegation war Gast der Partnerstadt Beykoz und feierte gemeinsam mit den Städten "
                             "Prizren und Iskele das Jubiläum der Städtepartnerschaft.", title="Mülheim an der Ruhr")
    assert frozenset({"Prizren", "Iskele"}) not in pair_names(ex)
