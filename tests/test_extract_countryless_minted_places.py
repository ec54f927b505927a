"""Minted places the cue rules left without a country (issue #17, session 20): a town lies in the
home country, a district in the country abroad its sentence or the page names. Own-words text; the
extraction is built by hand so that each case stays country-less up to the pass under test."""

from partnergraph.extract.minted_places import link_minted_places
from partnergraph.models import Article, Extraction, Mention, Place, Span


def _extraction(text, places, home="DE"):
    """`places`: (surface, Place) in text order; every country's name in the text is mentioned."""
    ex = Extraction(article=Article(url="https://www.lokalblatt.de/a", title="", text=text, date=None), home=home)
    sentence = Span(0, len(text))
    for surface, place in places:
        start = text.index(surface)
        ex.places.setdefault(place.key, place)
        ex.mentions.append(Mention("municipality", place.key, surface, start, start + len(surface), sentence))
    for name, code in (("Ungarn", "HU"), ("England", "GB"), ("Frankreich", "FR")):
        for at in (i for i in range(len(text)) if text.startswith(name, i)):
            ex.mentions.append(Mention("country", code, name, at, at + len(name), sentence))
    return ex


def _countries(ex):
    return {p.name_de: p.country for p in ex.places.values()}


def test_a_country_less_town_in_a_row_with_a_town_abroad_is_the_home_towns(extractor):
    text = "Treffen 2024: Hollerbrunn – Kistelek (Ungarn), Fest im Mai."
    ex = _extraction(text, [("Hollerbrunn", Place("Hollerbrunn", None, slug="hollerbrunn")),
                            ("Kistelek", Place("Kistelek", "HU", slug="kistelek"))], home="AT")
    link_minted_places(ex, extractor.gazetteer, text, "AT")
    assert _countries(ex)["Hollerbrunn"] == "AT"


def test_a_country_less_town_listed_beside_a_town_abroad_keeps_no_country(extractor):
    text = "Die Gäste kamen aus Kistelek und Hollerbrunn in Ungarn."
    ex = _extraction(text, [("Kistelek", Place("Kistelek", "HU", slug="kistelek")),
                            ("Hollerbrunn", Place("Hollerbrunn", None, slug="hollerbrunn"))], home="AT")
    link_minted_places(ex, extractor.gazetteer, text, "AT")
    assert _countries(ex)["Hollerbrunn"] is None


def test_a_country_less_district_takes_the_country_of_its_sentence_abroad(extractor):
    text = ("Frankreich und Frankreich und England. Der District Stevenage Vale, zu dem Hitchford gehört, "
            "empfing die Gäste.")
    district = Place("District Stevenage Vale", None, slug="district-stevenage-vale", kind="district")
    ex = _extraction(text, [("District Stevenage Vale", district),
                            ("Hitchford", Place("Hitchford", "GB", slug="hitchford"))])
    link_minted_places(ex, extractor.gazetteer, text, "DE")
    assert _countries(ex)["District Stevenage Vale"] == "GB"


def test_a_country_less_district_alone_takes_the_country_the_page_names_most(extractor):
    text = "Die Partner in Ungarn kamen. Aus dem früheren Distrikt Kovacsi ging der neue hervor."
    district = Place("Distrikt Kovacsi", None, slug="distrikt-kovacsi", kind="district")
    ex = _extraction(text, [("Distrikt Kovacsi", district)])
    link_minted_places(ex, extractor.gazetteer, text, "DE")
    assert _countries(ex)["Distrikt Kovacsi"] == "HU"
