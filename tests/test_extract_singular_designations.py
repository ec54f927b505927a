"""A designation in the singular names the first name of its list only (singular_designations.py):
the next name, known to the gazetteer only abroad, is a plain foreign town, not a second borough."""

from partnergraph.extract.extractor import Extractor
from partnergraph.models import Article

EXTRACTOR = Extractor()


def _places(text: str) -> dict[str, tuple[str, str]]:
    ex = EXTRACTOR.extract(Article(url="https://www.example-zeitung.de/bezirke/1", title="", date=None, text=text))
    return {p.name_de: (p.country, p.kind) for p in ex.places.values()}, ex


def test_a_foreign_town_after_a_singular_bezirk_is_no_borough_and_is_paired():
    places, ex = _places("Der Bezirk Tempelhof-Schöneberg und Kiryat Ono pflegen seit 1998 eine Partnerschaft.")
    assert places["Kiryat Ono"] == ("IL", "municipality")
    assert places["Tempelhof-Schöneberg"] == ("DE", "borough")
    assert len(ex.partnerships) == 1 and ex.partnerships[0].start_year == 1998


def test_the_plural_bezirke_still_covers_every_name_of_the_list():
    places, _ = _places("Die Bezirke Charlottenburg und Wilmersdorf wurden 2001 zu einem Bezirk vereint.")
    assert places["Charlottenburg"][1] == "borough" and places["Wilmersdorf"][1] == "borough"


def test_a_singular_amt_still_names_its_first_name_only():
    places, _ = _places("Das Amt Zarrentin und Murino arbeiten seit 2005 als Partner zusammen.")
    assert "Amt Murino" not in places and places["Murino"][1] == "municipality"
