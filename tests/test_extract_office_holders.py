"""An office's holder named in apposition after the office's complement ("der Vorsitzende des
Vereins, Hans Muster, …") is a person, and a town name among the holder's names is no place
(people.py, role_apposition). Own-words fixtures with invented people."""

import datetime as dt

import pytest

from partnergraph.models import Article


def extract(extractor, text):
    return extractor.extract(Article(url="https://example.org/a", title="", text=text, date=dt.date(2024, 5, 2)))


def place_names(ex):
    return {ex.places[m.ref].name_de for m in ex.mentions if m.kind == "municipality"}


@pytest.mark.parametrize("text, person", [
    ("Zum Jubiläum sprach der Vorsitzende des Freundeskreises, Walburt Kolar, über die Partnerschaft "
     "zwischen Weingarten und Liverdun.", "Walburt Kolar"),
    ("Es unterzeichnete auch sein Amtskollege aus der chinesischen Großstadt Harbin, Lin Duo, die "
     "Vereinbarung mit Köln.", "Lin Duo"),
])
def test_the_holder_after_an_offices_complement_and_a_comma_is_a_person_not_a_place(extractor, text, person):
    ex = extract(extractor, text)
    assert person in [p.name for p in ex.persons]
    surname = person.split()[-1]
    assert not any(name.startswith(surname) for name in place_names(ex) if name not in ("Harbin", "Köln"))


def test_a_party_secretary_is_an_office_whose_holder_is_no_town(extractor):
    ex = extract(extractor, "Oldenburg und Xi’an besiegelten die Partnerschaft; es unterschrieb Parteisekretär "
                            "Wang Yongkang.")
    assert "Wang Yongkang" in [p.name for p in ex.persons]
    assert "Yongkang" not in place_names(ex)


def test_a_list_of_towns_after_a_mayors_office_stays_a_list_of_towns(extractor):
    ex = extract(extractor, "Der Bürgermeister von Illasi, Verona und Mailand kamen zur Feier nach Wörth an der Isar.")
    assert not ex.persons or all("Mailand" not in p.name for p in ex.persons)
