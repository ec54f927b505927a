"""Vienna's Bezirke are boroughs as Berlin's and Hamburg's are (local-governments-de.tsv with its
country column; city_state_quarters keyed by country and admin1 code, since Vienna's admin1 code
09 is also a German Land's). Own-words fixtures."""

from partnergraph.extract.local_governments import local_governments
from partnergraph.models import Article


def extract(extractor, url, text):
    return extractor.extract(Article(url=url, title="", text=text, date=None))


def place_named(ex, name):
    return next(p for p in ex.places.values() if p.name_de == name)


def pairs(ex):
    return {frozenset(ex.places[r].name_de for _, r in p.partners) for p in ex.partnerships}


def test_the_table_lists_viennas_23_bezirke_in_austria():
    vienna = [u for u in local_governments().values() if u.land == "Wien"]
    assert len(vienna) == 23 and {u.kind for u in vienna} == {"borough"}
    assert {u.to_place().country for u in vienna} == {"AT"}


def test_a_vienna_district_beside_vienna_is_a_borough_of_vienna(extractor):
    ex = extract(extractor, "https://www.bezirkszeitung.at/partner",
                 "Seit 1990 pflegt Floridsdorf eine Bezirkspartnerschaft mit Katsushika in Japan. Der "
                 "Bezirksvorsteher lud nach Wien ein, auch Gäste aus Hernals kamen.")
    for name in ("Floridsdorf", "Hernals"):
        district = place_named(ex, name)
        assert (district.kind, district.country, district.region) == ("borough", "AT", "Wien")
    assert frozenset({"Floridsdorf", "Katsushika"}) in pairs(ex)


def test_a_district_written_with_vienna_before_its_hyphen_is_that_borough_not_vienna(extractor):
    ex = extract(extractor, "https://www.stadtzeitung.de/partner",
                 "Die Bezirkspartnerschaft zwischen Wien-Wieden und dem Berliner Bezirk Spandau wurde 2012 besiegelt.")
    wieden = place_named(ex, "Wieden")
    assert (wieden.kind, wieden.country) == ("borough", "AT")
    assert "Wien" not in {p.name_de for p in ex.places.values()}
    assert frozenset({"Wieden", "Spandau"}) in pairs(ex)


def test_a_numbered_vienna_bezirk_on_a_german_page_lies_in_austria(extractor):
    ex = extract(extractor, "https://www.stadtzeitung.de/partner",
                 "Der 9. Bezirk Alsergrund und die Stadt Saarlouis unterzeichneten eine Partnerschaft.")
    alsergrund = place_named(ex, "Alsergrund")
    assert (alsergrund.kind, alsergrund.country, alsergrund.geonameid) == ("borough", "AT", 12214080)
    assert place_named(ex, "Saarlouis").kind == "municipality"


def test_a_quarter_of_vienna_is_no_municipality(extractor):
    ex = extract(extractor, "https://www.bezirkszeitung.at/partner",
                 "In Wien wird in Aspern gebaut; Floridsdorf pflegt eine Partnerschaft mit Katsushika.")
    assert "Aspern" not in {p.name_de for p in ex.places.values()}
    assert place_named(ex, "Floridsdorf").kind == "borough"
