"""A minted town (no gazetteer reading) that no cue gave a country is placed by what the text
says (extract/minted_places.py, issue #17): the plain name it repeats with a canton suffix, the
cities500 place of its spelling without accents, the known place after its slash, or else the
page's home country where nothing abroad stands in its sentence. Own-words fixtures."""

import pytest

from partnergraph.models import Article


def extract(extractor, url, text):
    return extractor.extract(Article(url=url, title="", text=text, date=None))


def place_named(ex, name):
    return next(p for p in ex.places.values() if p.name_de == name)


SWISS_MERGER = ("Die drei Gemeinden Valdurnas, Plosch und Ternava wollen fusionieren, derweil die "
                "Patengemeinde Zuchwil SO auf Besuch kommt. In Zuchwil freut man sich.")


@pytest.mark.parametrize("url, text, name, country", [
    ("https://www.regionalzeitung.ch/fusion", SWISS_MERGER, "Valdurnas", "CH"),
    ("https://www.regionalzeitung.ch/fusion", SWISS_MERGER, "Ternava", "CH"),
    ("https://www.stadtzeitung.de/vertrag",
     "Der Freundschaftsvertrag zwischen Stadtilm und Waldbrunnach wird heute unterzeichnet.", "Waldbrunnach", "DE"),
])
def test_a_minted_town_with_nothing_abroad_in_its_sentence_lies_in_the_home_country(extractor, url, text, name, country):
    assert place_named(extract(extractor, url, text), name).country == country


def test_a_town_written_with_its_canton_code_is_the_plain_town_the_page_names(extractor):
    ex = extract(extractor, "https://www.regionalzeitung.ch/fusion", SWISS_MERGER)
    assert not [p for p in ex.places.values() if p.name_de.endswith(" SO")]
    assert place_named(ex, "Zuchwil").country == "CH"


def test_a_town_written_with_different_accents_is_the_cities500_town_of_its_bare_spelling(extractor):
    ex = extract(extractor, "https://www.stadtzeitung.de/preis",
                 "Die Gemeinde Rosdorf und die mährische Stadt Zubrí wurden ausgezeichnet. "
                 "Der Bürgermeister von Zubrí kam nach Rosdorf.")
    zubri = next(p for p in ex.places.values() if p.name_de != "Rosdorf")
    assert (zubri.name_de, zubri.country, zubri.geonameid) == ("Zubří", "CZ", 3061327)


def test_a_minted_town_before_a_slash_and_a_city_lies_in_the_citys_country(extractor):
    ex = extract(extractor, "https://www.stadtzeitung.de/jubilaeum",
                 "Die Städtepartnerschaft zwischen Mülheim an der Ruhr und der Stadt Kartalköy/Istanbul "
                 "feiert ihr Jubiläum.")
    assert place_named(ex, "Kartalköy").country == "TR"
    pairs = {frozenset(ex.places[r].name_de for _, r in p.partners) for p in ex.partnerships}
    assert frozenset({"Kartalköy", "Mülheim"}) in pairs


def test_a_minted_town_beside_a_town_abroad_gets_no_home_country(extractor):
    ex = extract(extractor, "https://www.stadtzeitung.de/x",
                 "Der Freundschaftsvertrag zwischen Krakau und Waldbrunnach wird heute unterzeichnet.")
    minted = [p for p in ex.places.values() if p.name_de == "Waldbrunnach"]
    assert all(p.country != "DE" for p in minted)


def test_a_cue_minted_town_named_like_a_town_the_page_resolved_is_that_town(extractor):
    ex = extract(extractor, "https://www.stadtzeitung.de/jubilaeum",
                 "50 Jahre Freundschaft zwischen Geesthacht und Plaisir\n\nDie Stadt pflegt eine Beziehung zur "
                 "französischen Stadt Plaisir. Das Programm bietet Musik und Tanz. Die Stadt Geesthacht ist stolz "
                 "auf diese Freundschaft.")
    readings = {(ex.places[m.ref].name_de, ex.places[m.ref].country, ex.places[m.ref].geonameid)
                for m in ex.mentions if m.kind == "municipality" and m.surface == "Geesthacht"}
    assert readings == {("Geesthacht", "DE", 2922102)}
