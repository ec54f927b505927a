"""Places on real pages, session 20 (issue #17): a country stated at a name vetoes a foreign
namesake (namesake_vetoes.py), and a name after a title and a name particle, or after a given
name the lists lacked, is a person's. Own-words fixtures."""

import pytest

from partnergraph.models import Article


def extract(extractor, text, url="https://www.lokalblatt.de/artikel"):
    return extractor.extract(Article(url=url, title="", text=text, date=None))


def places(ex):
    return {(p.name_de, p.country) for p in ex.places.values()}


def test_a_stated_country_without_a_namesake_there_mints_the_town_there(extractor):
    # cities500 knows Kigoma only in Tanzania
    ex = extract(extractor, "Der Verein begleitet seit Jahren die Partnerschaft der Stadt Neustadt mit der "
                            "Stadt Kigoma in Ruanda.")
    assert ("Kigoma", "RW") in places(ex)
    assert ("Kigoma", "TZ") not in places(ex)


def test_a_stated_region_vetoes_a_namesake_of_another_country(extractor):
    # the three Sankt Andrä of cities500 lie in Austria; Südtirol is Italian
    ex = extract(extractor, "Seit über vierzig Jahren besteht die Partnerschaft zwischen Marquartstein "
                            "und St. Andrä in Südtirol.")
    assert ("St. Andrä", "IT") in places(ex)
    assert not any(country == "AT" for _, country in places(ex))


def test_a_world_city_keeps_its_country_against_a_loose_country_name(extractor):
    # "Kongo" reads as the other Congo: a city of that fame is not vetoed
    ex = extract(extractor, "Die Stadtwerke arbeiten in einer Betreiberpartnerschaft mit Brazzaville (Kongo) "
                            "zusammen.")
    assert ("Brazzaville", "CG") in places(ex)


def test_a_home_town_stated_abroad_is_where_its_people_were(extractor):
    ex = extract(extractor, "Beim Besuch der Delegation aus Würzburg in Israel wurde über die neue "
                            "Partnerschaft gesprochen.")
    assert ("Würzburg", "DE") in places(ex)


def test_a_namesake_whose_own_country_is_stated_as_often_stays(extractor):
    text = ("Die Partnerschaft mit La Villedieu-du-Clain in Frankreich ist alt. Beim Treffen der Freunde "
            "ehrte man La Villedieu-du-Clain in Italien mit einem Fest.")
    assert ("La Villedieu-du-Clain", "FR") in places(extract(extractor, text))


@pytest.mark.parametrize("text, surname", [
    # a name particle after a title: the noble and the plain form of address
    ("Die Burg in Frankreich war der Sitz der Familie. Der Baron von Montlaur ließ sie um 1300 "
     "erweitern, sagt die Partnerstadt.", "Montlaur"),
    ("Die drei Vorschläge für eine Partnerkommune wurden mit Herrn von Dassel abgestimmt.", "Dassel"),
    # given names the lists lacked, before a town's name that is the surname
    ("Die Partnerschaft mit Italien geht auf Alberto Barzanò zurück, der die Gemeinden bekannt machte.",
     "Barzanò"),
    ("Aus den USA kam die Gemeindepräsidentin Celeste Johnson zum Jubiläum der Partnerschaft.", "Johnson"),
    ("Aus den USA kam die Gemeindepräsidentin Celeste Johnson zum Jubiläum der Partnerschaft.", "Celeste"),
    ("Der tschechische Außenminister Cyril Svoboda schrieb der Partnerstadt in Tschechien.", "Svoboda nad Úpou"),
])
def test_a_name_after_a_title_or_a_given_name_is_a_person(extractor, text, surname):
    assert surname not in {name for name, _ in places(extract(extractor, text))}


def test_a_given_name_after_a_partner_noun_mints_no_town(extractor):
    ex = extract(extractor, "Es kamen die Leiterin des Amtes und die Verantwortliche für die Partnerstädte "
                            "Bianka Meier.")
    assert not any(name.startswith("Bianka") for name, _ in places(ex))


def test_a_co_founder_dates_the_partnership(extractor):
    ex = extract(extractor, "Lindau und Chelles feiern ihre Partnerschaft. Geehrt wurde der frühere "
                            "Bürgermeister, der die Partnerschaft 1979 mitbegründet hat.")
    assert [p.start_year for p in ex.partnerships] == [1979]


def test_a_region_name_yields_to_the_country_the_page_names(extractor):
    # "Jura" is a Swiss canton's name and a French département's; the page speaks of France
    ex = extract(extractor, "Aus den deutsch-französischen Kontakten der Nachkriegszeit ging 1962 die "
                            "Partnerschaft zwischen Offenburg und Lons-le-Saunier im Jura hervor.")
    assert ("Lons-le-Saunier", "FR") in places(ex)
    assert not any(country == "CH" for _, country in places(ex))
