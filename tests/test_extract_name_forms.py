"""Written forms German text uses that GeoNames lacks (name_forms.py): "St. Ingbert" for cities500's
"Sankt Ingbert". Own-words fixtures."""

from partnergraph.extract.gazetteer import get_gazetteer
from partnergraph.extract.name_forms import saint_abbreviations, short_forms
from partnergraph.models import Article


def test_a_places_own_sankt_name_gets_its_st_abbreviation_and_no_alias_does():
    places = [(1, "Sankt Wendel", "Sankt Wendel", "DE"), (2, "Sankt Georgen im Schwarzwald", "Sankt Georgen im Schwarzwald", "DE"),
              (3, "Saint-Malo", "Saint-Malo", "FR")]
    assert saint_abbreviations(places) == {"St. Wendel": [0], "St. Georgen im Schwarzwald": [1]}


def test_the_gazetteer_reads_the_abbreviated_saint_of_a_german_town():
    found = get_gazetteer().lookup("St. Ingbert")
    assert found and found[0].name_de == "Sankt Ingbert" and found[0].country == "DE"


def test_a_partner_town_written_with_st_is_found(extractor):
    ex = extractor.extract(Article(url="https://www.kreisblatt-west.de/a", title="", date=None,
                                   text="Die Stadt St. Ingbert feiert die Partnerschaft mit Saint-Yrieix."))
    assert any(p.name_de == "Sankt Ingbert" and p.geonameid for p in ex.places.values())


def test_a_qualified_name_has_its_part_before_each_joining_word_as_a_short_form():
    assert short_forms("Berchères-sur-Vesgre") == ["Berchères"]
    assert short_forms("San Vito di Leguzzano") == ["San", "San Vito"]
    assert short_forms("Wörth an der Isar") == ["Wörth"]
    assert short_forms("Saint-Georges-de-Montaigu") == ["Saint-Georges"]


def test_a_city_and_its_borough_joined_by_a_hyphen_give_no_short_form():
    assert short_forms("Hamburg-Altona") == [] and short_forms("Bietigheim-Bissingen") == []


def test_a_short_form_of_a_longer_name_on_the_page_is_that_place_not_another_bearer(extractor):
    text = ("Adelsheim hat eine Städtepartnerschaft mit der französischen Gemeinde Berchères-sur-Vesgre "
            "geschlossen. Der Kontakt nach Berchères kam über einen Gemeinderat zustande.")
    ex = extractor.extract(Article(url="https://www.gemeindeblatt-ost.de/a", title="", date=None, text=text))
    towns = {m.surface: ex.places[m.ref].name_de for m in ex.mentions if m.kind == "municipality"}
    assert towns["Berchères"] == towns["Berchères-sur-Vesgre"] == "Berchères-sur-Vesgre"
