"""Written forms German text uses that GeoNames lacks (name_forms.py): "St. Ingbert" for cities500's
"Sankt Ingbert". Own-words fixtures."""

from partnergraph.extract.gazetteer import get_gazetteer
from partnergraph.extract.name_forms import saint_abbreviations
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
