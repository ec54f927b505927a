"""Towns listed after a plural partner noun are co-partners of one home town, not partners of
each other (issue 17, extract/co_partners.py): "Gäste aus den Partnerstädten A und B", "die
Partnerschaften zu den Städten A, B, C und D". Pairs that such wording does state — a German town
and its partner joined by "und", "die beiden Partnerstädte A und B", lists of pairs — stay.

Every text here is written by us, in our own words."""

from __future__ import annotations

from partnergraph import Article
from partnergraph.models import Extraction
from conftest import pair_names


def _extract(extractor, text: str, title: str = "") -> Extraction:
    return extractor.extract(Article(url="test:co-partners", title=title, text=text))


# -- refused: members of one list of partners ------------------------------------------------------

def test_guests_from_two_partner_towns_are_not_paired_with_each_other(extractor):
    ex = _extract(extractor, "Der Oberbürgermeister freute sich, nach langer Pause wieder Gäste aus den "
                             "Partnerstädten Sligo und Trient begrüßen zu können.", title="Partnerstädte")
    assert frozenset({"Sligo", "Trento"}) not in pair_names(ex)


def test_visitors_from_partner_communities_are_not_paired_with_each_other(extractor):
    ex = _extract(extractor, "Die Stadt empfing Gäste aus den Partnergemeinden Naestved und Scunthorpe.")
    assert pair_names(ex) == set()


def test_a_german_town_in_a_list_of_partnerships_to_towns_is_no_partner_of_the_others(extractor):
    ex = _extract(extractor, "Die Partnerschaften zu den Städten Weimar, Poitiers, Derby und Lahti werden nach "
                             "der Pause wieder gepflegt.")
    assert pair_names(ex) == set()


def test_a_later_sentence_about_the_partnership_does_not_pair_two_list_members(extractor):
    ex = _extract(extractor, "Die Partnerschaften zu den Städten Weimar, Poitiers, Derby und Lahti kommen wieder "
                             "in Gang. Der Kontakt ruht, die Partnerschaft aber wurde nicht gekündigt.")
    assert frozenset({"Weimar", "Poitiers"}) not in pair_names(ex)


# -- kept: the owner and its partners, and pairs the wording states --------------------------------

def test_the_named_owner_keeps_its_partners_from_a_list_after_partner_communities(extractor):
    ex = _extract(extractor, "In Lüneburg empfing der Rat Gäste aus den Partnergemeinden Naestved, Scunthorpe "
                             "und Kohtla-Järve.")
    assert pair_names(ex) == {frozenset({"Lüneburg", "Næstved"}), frozenset({"Lüneburg", "Scunthorpe"}),
                              frozenset({"Lüneburg", "Kohtla-Järve"})}


def test_partnerships_with_towns_still_pair_the_owner_with_each_town(extractor):
    ex = _extract(extractor, "Seit Jahren pflegt Hameln Partnerschaften mit den Städten Kalisz, Quedlinburg und Torun.")
    assert pair_names(ex) == {frozenset({"Hameln", "Kalisz"}), frozenset({"Hameln", "Quedlinburg"}),
                              frozenset({"Hameln", "Toruń"})}


def test_the_partner_towns_german_and_foreign_joined_by_und_are_a_pair(extractor):
    ex = _extract(extractor, "Die Partnerstädte Münster und Fresno feiern 2024 ihr Jubiläum.")
    assert pair_names(ex) == {frozenset({"Münster", "Fresno"})}


def test_the_two_partner_towns_are_partners_of_each_other(extractor):
    ex = _extract(extractor, "Die beiden Partnerstädte Erlangen und Rennes feiern 2024 ihr Jubiläum.")
    assert pair_names(ex) == {frozenset({"Erlangen", "Rennes"})}


def test_a_list_of_pairs_after_partner_towns_keeps_every_pair(extractor):
    ex = _extract(extractor, "Die Partnerstädte Kiel und Brest sowie Fulda und Arles feiern 2024 ihre Jubiläen.")
    assert pair_names(ex) == {frozenset({"Kiel", "Brest"}), frozenset({"Fulda", "Arles"})}


def test_partner_towns_written_with_their_country_after_a_slash_are_not_paired(extractor):
    ex = _extract(extractor, "Der Ausschuss wünschte sich mehr Besuche in den Partnerstädte Wädenswil/Schweiz "
                             "sowie Zutphen/Niederlande.")
    assert frozenset({"Wädenswil", "Zutphen"}) not in pair_names(ex)


def test_a_german_town_among_guests_from_partner_towns_is_not_their_owner(extractor):
    ex = _extract(extractor, "Gießen feiert das Partnerschaftsjubiläum. Zum Stadtfest rücken wie jedes Jahr "
                             "Delegationen der verpartnerten Städte an: die Italiener aus Ferrara, die Polen aus "
                             "Kalisz, die Freunde aus Zeitz.")
    pairs = pair_names(ex)
    assert frozenset({"Ferrara", "Zeitz"}) not in pairs
    assert frozenset({"Kalisz", "Zeitz"}) not in pairs


def test_a_partner_list_going_on_with_its_preposition_and_a_town_noun_pairs_no_members(extractor):
    ex = _extract(extractor, "Zum Sommerfest im Stadtpark kommen Gäste aus den Partnerstädten Garches (Frankreich) "
                             "und Gödöllő sowie aus der befreundeten Gemeinde Wernigerode.")
    pairs = pair_names(ex)
    assert frozenset({"Garches", "Wernigerode"}) not in pairs
    assert frozenset({"Gödöllő", "Wernigerode"}) not in pairs
