"""Rules drawn from the error analysis of the dev2 real pages (issue 17): whose partners a
sentence lists, and what is no partner at all.

Every text here is written by us, in our own words; each reproduces a pattern seen on several
publishers, and each rule is checked both ways: where it fires and where it must not."""

from __future__ import annotations

from partnergraph import Article
from partnergraph.models import Extraction
from conftest import pair_names


def _extract(extractor, text: str, title: str = "") -> Extraction:
    return extractor.extract(Article(url="test:owner-subjects", title=title, text=text))


# -- a town that opens its sentence as the subject of "hat … Partnerstädte" owns the list ----------

def test_a_foreign_town_as_subject_owns_the_partners_its_sentence_lists(extractor):
    ex = _extract(extractor, "Bochum schließt eine Städtepartnerschaft mit Accra in Ghana. Accra selbst hat "
                             "schon zwei Partnerstädte in Amerika (Chicago, Columbus).")
    pairs = pair_names(ex)
    assert frozenset({"Bochum", "Accra"}) in pairs
    assert frozenset({"Accra", "Chicago"}) in pairs and frozenset({"Accra", "Columbus"}) in pairs
    assert frozenset({"Bochum", "Chicago"}) not in pairs and frozenset({"Bochum", "Columbus"}) not in pairs


def test_a_town_in_mid_sentence_is_no_subject_owner(extractor):
    # the town does not open the sentence: the list still belongs to the article's own town
    ex = _extract(extractor, "Bochum schließt eine Städtepartnerschaft mit Accra in Ghana. Nach dem Besuch in Accra "
                             "hat Bochum nun auch Partnerstädte in Amerika (Chicago, Columbus).")
    pairs = pair_names(ex)
    assert frozenset({"Accra", "Chicago"}) not in pairs
    assert frozenset({"Bochum", "Chicago"}) in pairs


# -- a region right after a place only says where that place lies --------------------------------

def test_a_region_after_a_place_with_im_is_no_partner(extractor):
    ex = _extract(extractor, "Die Stadt Gerolzhofen pflegt seit 1975 eine Städtepartnerschaft mit Vendôme "
                             "im französischen Département Loir-et-Cher.")
    assert pair_names(ex) == {frozenset({"Gerolzhofen", "Vendôme"})}


def test_a_region_joined_by_und_is_still_a_partner(extractor):
    # no "im"/"in der" before it: the region is one more partner of the town
    ex = _extract(extractor, "Der Landkreis Fulda pflegt Partnerschaften mit Vendôme und dem Département "
                             "Loir-et-Cher.")
    pairs = pair_names(ex)
    assert any("Loir-et-Cher" in name for pair in pairs for name in pair)


# -- "die Partnerschaft mit X" names a new partner; it points back to no earlier pair -------------

def test_die_partnerschaft_mit_a_new_town_is_not_the_pair_before(extractor):
    # the latest German town named is itself a partner: the new one is not its partner
    ex = _extract(extractor, "Bremen pflegt viele Partnerschaften. Ihr Zweck ist der Austausch. So sollte die "
                             "deutsch-deutsche Partnerschaft mit Rostock 1987 Ost und West verbinden. Die erste "
                             "Partnerschaft entstand schon 1960. Ein Jahr später folgte die Partnerschaft mit Nantes.")
    pairs = pair_names(ex)
    assert frozenset({"Bremen", "Rostock"}) in pairs
    assert frozenset({"Rostock", "Nantes"}) not in pairs


def test_die_partnerschaft_mit_the_town_of_the_pair_before_is_that_pair(extractor):
    ex = _extract(extractor, "Die Partnerschaft zwischen Kiel und Vaasa hat das Ziel, Schüler zusammenzubringen. "
                             "Im Rathaus wurde die Partnerschaft mit Vaasa gefeiert.")
    assert pair_names(ex) == {frozenset({"Kiel", "Vaasa"})}


def test_a_town_after_a_sentence_opening_mit_is_the_partner_not_the_owner_of_the_next_partners(extractor):
    from partnergraph import Article
    from conftest import pair_names
    ex = extractor.extract(Article(url="test:opening-mit", title="Partnerschaften",
                                   text="Kassel pflegt viele Partnerschaften. Mit Mühlhausen ist Kassel seit 1990 "
                                        "befreundet. Jinotega, Nicaragua, und Dakar, Senegal, sind seit 2016 Partner "
                                        "der Stadt."))
    pairs = pair_names(ex)
    assert frozenset({"Mühlhausen", "Jinotega"}) not in pairs


# -- the subject owner named with its designation, after its verb, or by its adjective -------------

def test_a_foreign_town_named_with_its_designation_owns_the_partners_it_ends(extractor):
    # no German town in the sentence: the subject "Die Stadt X" owns the towns after "mit"
    ex = _extract(extractor, "Die Stadt Kaunas hat ihre Partnerschaften mit der Stadt Pskow und mit den Städten "
                             "Grodno und Lida im Frühjahr ruhen lassen.")
    pairs = pair_names(ex)
    assert {frozenset({"Kaunas", "Pskow"}), frozenset({"Kaunas", "Lida"})} <= pairs
    assert frozenset({"Pskow", "Lida"}) not in pairs


def test_a_town_after_its_verb_owns_the_list_after_the_colon(extractor):
    ex = _extract(extractor, "Wie viele Partner eine Stadt hat, ist sehr verschieden. Dagegen hat Chicago "
                             "zahlreiche Partnerstädte: Osaka, Warschau, Mailand und Kairo.")
    pairs = pair_names(ex)
    assert {frozenset({"Chicago", "Osaka"}), frozenset({"Chicago", "Kairo"})} <= pairs
    assert frozenset({"Osaka", "Warschau"}) not in pairs


def test_a_town_whose_partner_stays_unnamed_gives_the_page_no_owner(extractor):
    # the first town owns a partner it does not name; the second town's list is its own
    ex = _extract(extractor, "\"Die Gemeinde Ellmau hat eine Partnergemeinde im Allgäu, man trifft sich kaum noch.\" "
                             "Die Stadt Kitzbühel hat drei Partnerstädte: Rovaniemi, Rueil-Malmaison und Bad Soden "
                             "am Taunus.")
    pairs = pair_names(ex)
    assert frozenset({"Kitzbühel", "Rovaniemi"}) in pairs
    assert not any("Ellmau" in pair for pair in pairs)


def test_a_town_adjective_before_the_partner_noun_owns_the_list_before_it(extractor):
    # a German town listed among the partners is a partner, not the owner
    ex = _extract(extractor, "Lyon, Kiew, Hannover und Krakau zählen heute zu den Leipziger Partnerstädten.")
    pairs = pair_names(ex)
    assert {frozenset({"Leipzig", "Hannover"}), frozenset({"Leipzig", "Kyjiw"}), frozenset({"Leipzig", "Lyon"})} <= pairs
    assert frozenset({"Hannover", "Kyjiw"}) not in pairs
