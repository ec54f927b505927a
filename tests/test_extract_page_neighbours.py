"""Namesakes told apart by the page's other places: of several towns bearing one name, a page
that names the town among its neighbours means the one near them (issue 17, session 19,
extract/page_neighbours.py).

Every text here is written by us, in our own words."""

from __future__ import annotations

from partnergraph import Article
from partnergraph.extract.gazetteer import PlaceRecord
from partnergraph.extract.page_neighbours import bears, nearest_bearers

#: Weingarten near Karlsruhe (Baden, 9.6k) and Weingarten near Ravensburg (Württemberg, 24k)
WEINGARTEN_BADEN, WEINGARTEN_WUERTTEMBERG = 2812197, 2812204


def _places(extractor, text: str) -> dict[str, int | None]:
    ex = extractor.extract(Article(url="https://www.example.org/partner", text=text))
    return {p.name_de: p.geonameid for p in ex.places.values()}


def _town(gid: int, name: str, lat: float, lon: float, population: int, country: str = "DE") -> PlaceRecord:
    return PlaceRecord(geonameid=gid, name_en=name, name_de=name, country=country, lat=lat, lon=lon,
                       population=population, admin1="", slug=name.lower())


def test_a_name_among_its_neighbours_is_the_namesake_near_them(extractor):
    text = ("Kreisweites Partnerschaftsfest\n\nZum Fest der Städtepartnerschaften kamen Chöre aus "
            "Bruchsal, Ettlingen und Weingarten mit ihren Gästen aus den französischen Partnerstädten. "
            "Die Musiker aus Weingarten spielten zum Abschluss.")
    places = _places(extractor, text)
    assert places.get("Weingarten") == WEINGARTEN_BADEN


def test_a_name_without_neighbours_keeps_the_bigger_namesake(extractor):
    text = ("Städtepartnerschaft gefeiert\n\nDie Stadt Weingarten feierte am Wochenende das Jubiläum "
            "ihrer Städtepartnerschaft mit Gästen aus Frankreich.")
    assert _places(extractor, text).get("Weingarten") == WEINGARTEN_WUERTTEMBERG


def test_a_bearer_of_a_qualified_name_bears_its_first_part_but_an_alias_bears_nothing():
    assert bears("Grigny", _town(1, "Grigny-sur-Rhône", 45.6, 4.8, 8000))
    assert bears("Reichenbach", _town(2, "Reichenbach/Vogtland", 50.6, 12.3, 20000))
    assert not bears("Grigny", _town(3, "Grignyville", 45.6, 4.8, 8000))


def test_a_metropolis_anchors_no_namesake():
    # two made-up namesakes, one beside the capital: the capital alone says nothing
    near_capital = _town(11, "Musterdorf", 48.9, 2.3, 9000, "FR")
    far_away = _town(12, "Musterdorf", 48.4, -4.5, 12000, "FR")
    capital = _town(13, "Hauptstadt", 48.86, 2.35, 2_000_000, "FR")
    moved = nearest_bearers(["Hauptstadt", "Musterdorf"], [[capital], [far_away, near_capital]], [capital, far_away])
    assert moved == {}


def test_two_small_anchors_move_a_name_to_the_namesake_near_them():
    near = _town(21, "Musterdorf", 49.0, 8.5, 3000)
    far = _town(22, "Musterdorf", 53.5, 10.0, 30000)
    a, b = _town(23, "Nachbarort", 49.05, 8.45, 20000), _town(24, "Zweitort", 48.95, 8.6, 15000)
    moved = nearest_bearers(["Nachbarort", "Zweitort", "Musterdorf"], [[a], [b], [far, near]], [a, b, far])
    assert moved == {2: near}
