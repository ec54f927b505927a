"""Missed pairs of fresh6 and the other open splits that German pages write in general forms
(issue 17, session 12): two towns of one country joined by "mit" and a friendship or one
partnership, a partner predicate with its year between ("X ist seit 1957 Partnerstadt"), and the
local paper's dateline with an author's sign ("Konstanz (gro) Der Gemeinderat …") that names the
page's town even where its name is also a German noun. Each rule is checked both ways.

Every text here is written by us, in our own words."""

from __future__ import annotations

from partnergraph import Article
from conftest import pair_names


def _pairs(extractor, text: str, url: str = "test:recall12") -> set[frozenset[str]]:
    return pair_names(extractor.extract(Article(url=url, title="", text=text)))


# -- two towns of one country, one named by "mit" --------------------------------------------------

def test_a_town_befriended_with_another_by_mit_pairs_the_two_german_towns(extractor):
    assert _pairs(extractor, "Mit Zittau ist Göttingen seit 1991 befreundet.") == {frozenset({"Göttingen", "Zittau"})}


def test_the_befriended_town_after_the_subject_pairs_them_too(extractor):
    assert _pairs(extractor, "Göttingen ist seit 1991 mit Zittau befreundet.") == {frozenset({"Göttingen", "Zittau"})}


def test_a_town_that_acts_together_with_another_is_no_partner_of_it(extractor):
    assert _pairs(extractor, "Gemeinsam mit Zittau ist Göttingen seit 1991 befreundet.") == set()


def test_two_german_towns_with_mit_and_no_partnership_word_are_no_pair(extractor):
    assert _pairs(extractor, "Göttingen verhandelt seit Wochen mit Zittau über die Partnerstädte in Polen.") == set()


# -- a partner predicate with the year between ------------------------------------------------------

def test_a_partner_town_with_its_year_before_the_noun_belongs_to_the_pages_town(extractor):
    text = ("Die Stadt Göttingen lädt zum Fest ein. Die Stadt Göttingen feiert ihre Partner. "
            "Cheltenham ist seit 1951 Partnerstadt in England. Das polnische Toruń wurde 1978 Partnerstadt.")
    assert _pairs(extractor, text) == {frozenset({"Göttingen", "Cheltenham"}), frozenset({"Göttingen", "Toruń"})}


def test_a_year_before_the_noun_without_a_partner_noun_names_no_partner(extractor):
    text = ("Die Stadt Göttingen lädt zum Fest ein. Die Stadt Göttingen feiert ihre Partner. "
            "Cheltenham ist seit 1951 Kurort in England.")
    assert _pairs(extractor, text) == set()


# -- the dateline with an author's sign -----------------------------------------------------------

def test_a_signed_dateline_names_the_town_even_when_its_name_is_a_noun(extractor):
    text = ("Konstanz (abc) Der Gemeinderat hat am Dienstag beschlossen, mit der Stadt Lutsk eine "
            "Partnerschaft aufzubauen.")
    assert _pairs(extractor, text) == {frozenset({"Konstanz", "Luzk"})}  # (the German name of Lutsk)


def test_the_noun_opening_a_sentence_without_a_sign_stays_a_noun(extractor):
    text = "Konstanz ist eine Tugend. Der Gemeinderat hat beschlossen, mit der Stadt Lutsk eine Partnerschaft aufzubauen."
    assert all("Konstanz" not in p for p in _pairs(extractor, text))


# -- "Freundschaft mit" states the relation as "Partnerschaft mit" does ----------------------------

def test_a_towns_friendship_with_another_town_pairs_them(extractor):
    text = "Die Gemeinde Hallstatt beendete 2019 ihre Freundschaft mit der finnischen Stadt Kuopio."
    assert _pairs(extractor, text, url="https://www.example.at/x") == {frozenset({"Hallstatt", "Kuopio"})}


def test_a_friendship_with_the_people_of_a_country_pairs_no_town(extractor):
    text = "Der Bürgermeister von Kuopio sprach von der Freundschaft mit den Menschen in Finnland."
    assert _pairs(extractor, text) == set()
