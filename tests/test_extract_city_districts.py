"""A big foreign city's district written after the city and a hyphen is the district, and a
borough a cue word introduces is the cities500 place of its name even where the cue rules guessed
another country (extract/city_districts.py, extract/borough_links.py). Own-words fixtures."""

from partnergraph.models import Article


def extract(extractor, url, text):
    return extractor.extract(Article(url=url, title="", text=text, date=None))


def names(ex):
    return {(p.name_de, p.country) for p in ex.places.values()}


def pairs(ex):
    return {frozenset(ex.places[r].name_de for _, r in p.partners) for p in ex.partnerships}


def test_a_district_after_a_big_foreign_city_and_a_hyphen_is_the_district_not_the_city(extractor):
    ex = extract(extractor, "https://www.bezirksblatt.de/partner",
                 "Zu den Partnern des Bezirks Pankow gehören Warschau-Bialoleka in Polen und Hanoi-Hoan Kiem in Vietnam.")
    found = names(ex)
    assert ("Białołeka", "PL") in found and ("Hoàn Kiếm", "VN") in found
    assert not {("Warschau", "PL"), ("Hanoi", "VN")} & found


def test_a_minted_city_district_compound_becomes_the_cities500_district(extractor):
    ex = extract(extractor, "https://www.bezirksblatt.de/partner",
                 "Seit dem Jahr 2001 besteht die Städtepartnerschaft des Bezirks Spandau mit dem Bezirk "
                 "Warschau-Białolęka. Auch eine Partnerschaft mit Izmir-Konak in der Türkei pflegt Spandau.")
    found = names(ex)
    assert ("Białołeka", "PL") in found and ("Konak", "TR") in found
    assert not any(name.startswith(("Warschau-", "Izmir-")) for name, _ in found)
    assert frozenset({"Spandau", "Konak"}) in pairs(ex)


def test_an_unknown_district_after_a_city_is_left_alone(extractor):
    ex = extract(extractor, "https://www.bezirksblatt.de/partner",
                 "Der Bezirk Pankow pflegt eine Partnerschaft mit Maputo-Zumbalela in Mosambik.")
    assert ("Białołeka", "PL") not in names(ex)
    assert not any(p.country == "PL" for p in ex.places.values())


def test_a_german_city_and_its_quarter_stay_the_city(extractor):
    ex = extract(extractor, "https://www.lokalblatt.de/partner",
                 "Die Delegation aus Dijon besuchte Mainz-Kastel und das Rathaus von Mainz.")
    assert ("Mainz", "DE") in names(ex)


def test_boroughs_of_a_merger_are_the_home_boroughs_whatever_foreign_town_the_page_names(extractor):
    ex = extract(extractor, "https://www.bezirksblatt.de/jubilaeum",
                 "Vor zwanzig Jahren entstand aus den Bezirken Charlottenburg und Wilmersdorf ein neuer Bezirk. "
                 "Gefeiert wird auch die Partnerschaft mit der polnischen Stadt Gorzów, die Wilmersdorf 1990 geschlossen hat.")
    found = {(p.name_de, p.country, p.geonameid) for p in ex.places.values()}
    assert ("Charlottenburg", "DE", 2940187) in found and ("Wilmersdorf", "DE", 2808473) in found
    assert not any(p.country == "PL" and p.kind == "borough" for p in ex.places.values())


def test_an_uncued_foreign_borough_is_the_cities500_district_of_its_name(extractor):
    ex = extract(extractor, "https://www.politikblog.de/bezirk",
                 "Der Bezirk Hamburg-Nord schloss eine Partnerschaft mit Varna. Der Bezirk Hongkou liegt am "
                 "Ufer des Huangpu und zählt zu den Bezirken Shanghais.")
    hongkou = next(p for p in ex.places.values() if p.name_de == "Hongkou")
    assert (hongkou.country, hongkou.geonameid) == ("CN", 1808090)


def test_a_city_adjective_names_its_own_borough_not_the_home_borough_after_it(extractor):
    ex = extract(extractor, "https://www.politikblog.de/bezirke",
                 "Seit 1960 pflegt der Bezirk Altona eine Partnerschaft mit dem Londoner Bezirk Lewisham und "
                 "Eimsbüttel pflegt seit 1999 eine Partnerschaft mit Varna.")
    found = {(p.name_de, p.country) for p in ex.places.values()}
    assert ("Eimsbüttel", "DE") in found
    assert not any("Eimsbüttel" in p.name_de and p.country == "GB" for p in ex.places.values())
    assert any(p.country == "GB" and "Lewisham" in p.name_de for p in ex.places.values())


def test_a_city_district_found_after_its_city_is_a_district_not_a_town(extractor):
    ex = extract(extractor, "https://www.bezirksblatt.de/partner",
                 "Zu den Partnern des Bezirks Pankow gehören Warschau-Bialoleka in Polen und Hanoi-Hoan Kiem in "
                 "Vietnam. Auch eine Partnerschaft mit Izmir-Konak in der Türkei pflegt Pankow.")
    kinds = {p.name_de: p.kind for p in ex.places.values()}
    assert kinds["Białołeka"] == kinds["Hoàn Kiếm"] == kinds["Konak"] == "district"


def test_a_bezirk_of_a_turkish_or_chinese_city_is_a_district_and_one_of_vienna_a_borough(extractor):
    ex = extract(extractor, "https://www.bezirksblatt.de/partner",
                 "Der Schüleraustausch mit dem Istanbuler Bezirk Kadıköy ruht. Die Partnerschaft zwischen dem Bezirk "
                 "Altona und dem Bezirk Hongkou in Shanghai besteht weiter, ebenso die mit dem Wiener Bezirk Favoriten.")
    kinds = {p.name_de.removeprefix("Bezirk "): p.kind for p in ex.places.values()}
    assert kinds["Kadıköy"] == kinds["Hongkou"] == "district"
    assert kinds["Favoriten"] == "borough"
