"""Same-named towns: a known city bearing a name as its own is not given up for a far smaller
namesake in a country the page merely names (place_names.DWARFED_RATIO). Own-words fixtures."""

from partnergraph.models import Article


def places(extractor, text):
    ex = extractor.extract(Article(url="https://www.nordblatt.de/a", title="", text=text, date=None))
    return {(p.name_de, p.country) for p in ex.places.values()}


def test_a_known_city_keeps_its_name_beside_a_tiny_namesake_in_a_named_country(extractor):
    found = places(extractor, "Die Landeshauptstadt Kiel und San Francisco in den USA wollen eine "
                              "Städtepartnerschaft schließen, beschloss der Rat in Kiel.")
    assert ("Kiel", "DE") in found
    assert ("Kiel", "US") not in found


def test_a_cue_word_of_its_own_still_picks_the_small_namesake(extractor):
    found = places(extractor, "Die Partnerstadt von Jena ist das kubanische Santo Domingo, gegründet 1990.")
    assert ("Santo Domingo", "CU") in found
