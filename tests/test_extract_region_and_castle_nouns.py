"""A castle is no town and a region's designation names the region: a city's name right after
"Burg", or after "Exklave", "Komitat" or "Metropolregion", is not that municipality (issue 17,
session 19; the words are data: landmark_nouns and region_before_nouns in rules-de.json).

Every text here is written by us, in our own words."""

from __future__ import annotations

from partnergraph import Article


def _places(extractor, text: str) -> set[str]:
    ex = extractor.extract(Article(url="https://www.example.org/bericht", text=text))
    return {p.name_de for p in ex.places.values()}


def test_a_city_named_after_burg_is_the_castle(extractor):
    text = ("Jugendreise nach Japan\n\nDie Gruppe aus Augsburg besichtigte in Japan die Burg Himeji "
            "und fuhr danach mit dem Zug weiter zu ihren Gastfamilien.")
    assert "Himeji" not in _places(extractor, text)


def test_the_same_city_named_by_itself_is_the_city(extractor):
    text = ("Jugendreise nach Japan\n\nDie Gruppe aus Augsburg übernachtete zwei Nächte in Himeji "
            "und fuhr danach mit dem Zug weiter zu ihren Gastfamilien.")
    assert "Himeji" in _places(extractor, text)


def test_a_city_named_after_exklave_is_the_region(extractor):
    text = ("Partnerschaft ruht\n\nDer Landkreis hält an seiner Partnerschaft mit einem Kreis in der "
            "Exklave Kaliningrad fest, auch wenn derzeit keine Besuche stattfinden.")
    assert "Kaliningrad" not in _places(extractor, text)


def test_a_capital_named_after_metropolregion_is_the_region(extractor):
    text = ("Anfrage aus Polen\n\nEin Landkreis aus der Metropolregion Warschau sucht einen deutschen "
            "Partnerkreis und hat deshalb an mehrere Landratsämter geschrieben.")
    assert not {"Warschau", "Warsaw"} & _places(extractor, text)
