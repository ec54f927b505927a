"""A German Landkreis's partner in a country with district designations, named by its seat in a
sentence about their partnership, is that district; own-words fixtures for
extract/district_partners.py, both ways."""

import pytest

from partnergraph.models import Article


def partners(extractor, text):
    ex = extractor.extract(Article(url="https://beispiel.example/k", title="", text=text, date=None))
    names = {k: (p.name_de, p.kind) for k, p in ex.places.items()}
    return {frozenset(names[r] for _, r in p.partners) for p in ex.partnerships}


@pytest.mark.parametrize("text, district", [
    ("Der Landkreis Cham feiert seine Partnerschaft mit Bolesławiec in Polen.", "Powiat Bolesławiec"),
    ("Der Landkreis Cham und Lubań in Polen besiegelten 2004 ihre Partnerschaft.", "Powiat Lubań"),
])
def test_the_seat_named_beside_a_landkreis_in_a_partnership_sentence_is_its_district(extractor, text, district):
    found = partners(extractor, text)
    assert any((district, "district") in pair for pair in found), found


@pytest.mark.parametrize("text, town", [
    # the text calls it a town
    ("Der Landkreis Cham pflegt eine Partnerschaft mit der Stadt Bolesławiec in Polen.", "Bolesławiec"),
    # a German town beside it: a town may partner a town
    ("Der Landkreis Cham und die Stadt Furth im Wald feiern die Partnerschaft mit Bolesławiec in Polen.",
     "Bolesławiec"),
])
def test_a_seat_called_a_town_or_beside_a_german_town_stays_the_town(extractor, text, town):
    found = partners(extractor, text)
    assert not any(name.startswith("Powiat") for pair in found for name, _ in pair), found


def test_a_place_after_in_where_the_partners_met_is_no_district(extractor):
    found = partners(extractor, "Der Landkreis Cham und der Rajon Kowel trafen sich zur Partnerschaftskonferenz "
                                "in Warschau.")
    assert not any(name == "Powiat Warsaw" or name.startswith("Powiat Warsz") for pair in found for name, _ in pair)


def starts(extractor, text):
    ex = extractor.extract(Article(url="https://beispiel.example/s", title="", text=text, date=None))
    return {p.start_year for p in ex.partnerships}


def test_beide_kreise_in_the_next_sentence_dates_the_pair_of_two_districts(extractor):
    assert starts(extractor, "Die Partnerschaft des Landkreises Cham mit dem polnischen Kreis Lubań wurde lange "
                             "vorbereitet. Ein Vertrag zwischen beiden Kreisen wurde am 3. Mai 2006 unterzeichnet.") \
        == {2006}


def test_a_seit_of_the_partnership_itself_is_not_moved_by_a_later_deed(extractor):
    assert starts(extractor, "Seit dem 4. Juni 1996 besteht die Partnerschaft zwischen dem Landkreis Cham und dem "
                             "polnischen Kreis Lubań. Am 2. Mai 2004 besiegelten die beiden Kreise ihre Partnerschaft "
                             "mit einer Urkunde.") == {1996}


def test_a_seit_of_earlier_contacts_gives_way_to_the_deed_of_the_next_sentence(extractor):
    assert starts(extractor, "Bereits seit 1996 gibt es Kontakte zwischen dem Landkreis Cham und dem polnischen "
                             "Kreis Lubań. Am 2. Mai 2004 haben die beiden Kreise eine Partnerschaft per Urkunde "
                             "besiegelt.") == {2004}
