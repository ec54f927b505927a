"""Negation and contrast decide the sense (issue 17): a namesake the sentence denies ("nicht das
spanische Granada", "nicht zu verwechseln mit dem spanischen León", "nicht mit X, sondern mit Y")
is no partner, and a negated country cue votes against its country for the other mentions of the
name (extract/negated_partners.py, cues.py). All fixtures are sentences of our own."""

import pytest

from partnergraph.models import Article


def pairs(extractor, text):
    ex = extractor.extract(Article(url="https://lokalblatt.example/artikel/7", title="Partnerschaft", text=text))

    def name(ref):
        place = ex.places[ref]
        return f"{place.name_de}/{place.country}"
    return {tuple(sorted(name(r) for _k, r in p.partners)) for p in ex.partnerships}


@pytest.mark.parametrize("text", [
    "Frankfurt pflegt eine Partnerschaft mit Granada in Nicaragua – nicht das spanische Granada.",
    "Frankfurt hat eine Partnerschaft mit Granada in Nicaragua, nicht mit dem spanischen Granada.",
    "Frankfurt hat eine Partnerschaft mit Granada, gemeint ist nicht das spanische Granada, sondern die Stadt in Nicaragua.",
    "Die Partnerstadt Granada liegt in Nicaragua – nicht zu verwechseln mit dem spanischen Granada. "
    "Frankfurt und Granada sind seit 1991 verbunden.",
])
def test_a_denied_namesake_is_no_partner(extractor, text):
    assert pairs(extractor, text) == {("Frankfurt am Main/DE", "Granada/NI")}


def test_a_denied_namesake_before_its_contrast_gives_the_pair_to_the_contrasted_one(extractor):
    text = "Nicht das spanische León, sondern León in Nicaragua ist die Partnerstadt von Hamburg."
    assert pairs(extractor, text) == {("Hamburg/DE", "León/NI")}


def test_a_denied_place_of_another_name_is_no_partner(extractor):
    text = "Die Stadt Hagen ist seit 1990 mit León in Nicaragua verschwistert – nicht zu verwechseln mit dem spanischen León."
    assert pairs(extractor, text) == {("Hagen/DE", "León/NI")}
    text = "Anders als oft vermutet ist die Partnerstadt von Siegen nicht das französische Valence, sondern Valencia in Venezuela."
    assert ("Siegen/DE", "Valence/FR") not in pairs(extractor, text)


def test_not_only_denies_nothing(extractor):
    text = "Fulda pflegt nicht nur mit dem polnischen Sanok eine Partnerschaft."
    assert pairs(extractor, text) == {("Fulda/DE", "Sanok/PL")}


def test_a_place_denied_before_sondern_gives_the_pair_to_the_place_after_it(extractor):
    assert pairs(extractor, "Erfurt ist nicht mit Krakau, sondern mit Lublin verschwistert.") == {("Erfurt/DE", "Lublin/PL")}
    assert pairs(extractor, "Nicht Krakau, sondern Lublin ist die Partnerstadt von Erfurt.") == {("Erfurt/DE", "Lublin/PL")}


@pytest.mark.parametrize("text", [
    "Jena hat keine Partnerschaft mit Lublin, wohl aber mit Berdytschiw.",
    "Jena hat keine Partnerschaft mit Lublin, aber eine mit Berdytschiw.",
    "Jena hat eine Partnerschaft mit Berdytschiw, aber keine mit Lublin.",
])
def test_a_denied_partnership_beside_a_stated_one_leaves_the_stated_one(extractor, text):
    assert pairs(extractor, text) == {("Berdytschiw/UA", "Jena/DE")}


def test_a_denied_partnership_alone_still_states_none(extractor):
    assert pairs(extractor, "Jena hat keine Partnerschaft mit Berdytschiw.") == set()


@pytest.mark.parametrize("text", [
    "Die Partnerschaft mit Sanok ist nicht die einzige von Fulda: Die Stadt ist auch mit Wilna verbunden.",
    "Seit 1988 – nicht erst seit 1995 – ist Fulda mit dem polnischen Sanok verschwistert.",
    "Nicht ohne Stolz verweist Fulda auf seine Partnerschaft mit dem polnischen Sanok.",
    "Die Städtepartnerschaft zwischen Fulda und Sanok ist nicht mehr so lebendig wie früher.",
])
def test_a_negation_that_denies_no_place_keeps_the_pair(extractor, text):
    assert ("Fulda/DE", "Sanok/PL") in pairs(extractor, text)


@pytest.mark.parametrize("text", [
    "Statt Krakau wurde 1988 Sanok die Partnerstadt von Fulda.",
    "Fulda entschied sich für Sanok statt für Krakau als Partnerstadt.",
    "Die Partnerstadt von Fulda ist Sanok und nicht, wie oft gedacht, Krakau.",
    "Fulda ist mit Sanok verschwistert, nicht aber mit Krakau.",
    "Die Städtepartnerschaft besteht zwischen Fulda und Sanok, nicht zwischen Fulda und Krakau.",
    "Fulda hat mit Sanok eine Partnerschaft – mit Krakau hingegen nicht.",
    "Eine Partnerschaft mit Krakau gibt es nicht; Fulda ist aber seit 1988 mit Sanok verschwistert.",
])
def test_a_place_corrected_or_denied_after_it_is_no_partner(extractor, text):
    assert pairs(extractor, text) == {("Fulda/DE", "Sanok/PL")}


@pytest.mark.parametrize("text", [
    "Das Partnerschaftstreffen fand diesmal in Sanok statt, nicht in Fulda.",
    "Nicht in Fulda, sondern in Sanok fand das Partnerschaftstreffen der beiden Städte statt.",
    "Die Partnerschaft mit Sanok besteht nicht erst seit gestern, sagt der Fuldaer Bürgermeister.",
])
def test_a_contrasted_venue_or_a_negated_verb_keeps_the_pair(extractor, text):
    assert ("Fulda/DE", "Sanok/PL") in pairs(extractor, text)
