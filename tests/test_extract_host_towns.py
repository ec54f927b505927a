"""The town a page's web address names: a municipality's own site or its partnership
association's names its own town bare, often small and often one of several namesakes; the host
settles which town the bare name is and that it is a town at all (issue 17, extract/host_towns.py).

Every text here is written by us, in our own words."""

from __future__ import annotations

from partnergraph import Article
from partnergraph.extract.host_towns import host_words


def _places(extractor, text: str, url: str) -> dict[str, int | None]:
    ex = extractor.extract(Article(url=url, text=text))
    return {p.name_de: p.geonameid for p in ex.places.values()}


def test_the_host_words_leave_out_the_web_prefix_and_the_top_level_domain():
    assert host_words("https://www.woerth-isar.de/rathaus/partner") == {"woerth", "isar"}
    assert host_words("http://partnerschaftsverein-markt-altdorf.eu/") == {"partnerschaftsverein", "markt", "altdorf"}
    assert host_words("") == frozenset()


def test_a_bare_name_on_a_site_whose_host_spells_a_longer_name_is_that_namesake(extractor):
    text = ("Unsere Partnergemeinde\n\nSeit vielen Jahren besuchen sich Vereine aus Wörth und aus Arcole. "
            "Im Sommer reisten Musiker aus Wörth nach Arcole.")
    places = _places(extractor, text, "https://www.woerth-isar.de/gemeinde/partner")
    assert places.get("Wörth an der Isar") == 2806079
    assert "Wörth am Rhein" not in places


def test_a_bare_name_on_a_site_whose_host_spells_only_that_name_keeps_its_usual_reading(extractor):
    text = ("Unsere Partnergemeinde\n\nSeit vielen Jahren besuchen sich Vereine aus Wörth und aus Arcole. "
            "Im Sommer reisten Musiker aus Wörth nach Arcole.")
    on_bare = _places(extractor, text, "https://www.woerth.de/gemeinde/partner")
    elsewhere = _places(extractor, text, "https://www.example.org/partner")
    assert "Wörth an der Isar" not in on_bare
    assert {k for k in on_bare if k.startswith("Wörth")} == {k for k in elsewhere if k.startswith("Wörth")}


def test_a_small_village_on_its_own_site_is_a_town_outside_partnership_sentences(extractor):
    text = "Neues aus dem Rathaus\n\nDer Gemeinderat von Schwanfeld tagte am Montag zum Haushalt."
    assert "Schwanfeld" in _places(extractor, text, "https://www.schwanfeld.de/aktuelles")
    assert "Schwanfeld" not in _places(extractor, text, "https://www.example.org/aktuelles")


def test_the_first_part_of_a_compound_on_a_site_of_that_compound_is_no_town(extractor):
    text = "Neues aus dem Verbund\n\nDie Kassenwartin der Schwanfeld-Runde legte den Bericht vor."
    assert "Schwanfeld" not in _places(extractor, text, "https://www.schwanfeld-runde.de/aktuelles")
