"""Places: gazetteer matching, inflection, exonyms, disambiguation and places no gazetteer knows."""

import datetime as dt

import pytest

from partnergraph.models import Article


def places(extractor, text, title=""):
    ex = extractor.extract(Article(url="https://beispiel.example/t", title=title, text=text, date=dt.date(2023, 11, 9)))
    return {(p.name_de, p.country, p.geonameid) for p in ex.places.values()}, ex


@pytest.mark.parametrize("surface", ["Kyjiw", "Kiew", "Kyiv", "Kijew"])
def test_every_spelling_of_kyiv_links_to_one_geonames_place(extractor, surface):
    found, _ = places(extractor, f"Die Delegation aus {surface} besuchte die Partnerstadt Leipzig.")
    assert ("Kyjiw", "UA", 703448) in found


def test_cyrillic_names_are_transliterated_by_duden_rules(extractor):
    found, _ = places(extractor, "Die ukrainischen Gemeinden Schtschyrez und Radomyschl nahmen Binnenvertriebene auf.")
    assert {("Schtschyrez", "UA", 694278), ("Radomyschl", "UA", 695912)} <= found


def test_genitive_and_city_adjective_count_as_mentions(extractor):
    # the adjective counts beside the city's name (alone it names no place: the test below)
    _, ex = places(extractor, "Leipzigs Oberbürgermeister und die Kölner Delegation reisten gemeinsam nach Köln.")
    surfaces = {m.surface for m in ex.mentions if m.kind == "municipality"}
    assert {"Leipzigs", "Kölner"} <= surfaces


def test_leipzig_in_a_german_ukrainian_article_is_the_german_city(extractor):
    # GeoNames also lists a Ukrainian village once called Leipzig
    found, _ = places(extractor, "Die deutsch-ukrainische Partnerschaftskonferenz fand in Leipzig statt.")
    assert ("Leipzig", "DE", 2879139) in found


def test_padang_is_resolved_by_the_country_named_in_the_article(extractor):
    found, _ = places(extractor, "Hildesheim und die indonesische Großstadt Padang sind Partnerstädte.")
    assert ("Padang", "ID", 1633419) in found


def test_one_name_in_two_countries_follows_each_mentions_own_cue(extractor):
    text = ("Seit 55 Jahren sind Hannover und Blantyre in Malawi Partnerstädte. Ihren Namen verdankt die "
            "Stadt dem schottischen Blantyre.")
    _, ex = places(extractor, text)
    countries = [ex.places[m.ref].country for m in ex.mentions if m.surface == "Blantyre"]
    assert countries == ["MW", "GB"]


@pytest.mark.parametrize("text", [
    "Das Essen in den Kantinen wird regional.",
    "Die Kinder essen in der Schule.",
    "Die Ausstellung ist in der Halle des Rathauses zu sehen.",
    "Weil die Stadt wächst, baut sie Schulen.",
    "Dort arbeiten viele Menschen im Norden der Stadt.",
])
def test_ordinary_words_that_are_also_place_names_are_not_places(extractor, text):
    found, _ = places(extractor, text)
    assert found == set()


def test_a_city_named_like_a_common_noun_counts_after_a_preposition(extractor):
    found, _ = places(extractor, "Die Konferenz fand in Essen statt, danach ging es nach Halle (Saale).")
    assert {n for n, _, _ in found} == {"Essen", "Halle (Saale)"}


def test_surname_after_a_first_name_is_no_place(extractor):
    found, _ = places(extractor, "Der Missionar David Livingstone wurde in Blantyre in Schottland geboren.")
    assert all(n != "Livingstone" for n, _, _ in found)


def test_the_second_half_of_a_double_first_name_is_no_place(extractor):
    found, _ = places(extractor, "Eine französische Delegation besuchte Weingarten. Der Bürgermeister von Liverdun, "
                                 "Jean-Pierre Huet, lobte die Partnerschaft mit Weingarten.")
    assert all(n != "Pierre" for n, _, _ in found)


def test_a_persons_full_name_recurring_keeps_a_big_citys_name_a_surname(extractor):
    # the role pattern finds the person once; the second time the name stands without its
    # title, and the surname is a French city of 100k+ in an article naming France
    text = ("Oberbürgermeister Gregorius Metz eröffnete das Fest zur Freundschaft mit Frankreich. "
            "Am Abend dankte Gregorius Metz den Gästen der Partnerstadt Olbernhau für ihren Besuch.")
    found, ex = places(extractor, text)
    assert all(n != "Metz" for n, _, _ in found)
    assert "Gregorius Metz" in {p.name for p in ex.persons}


def test_a_big_city_that_is_also_a_persons_surname_counts_on_its_own(extractor):
    text = ("Oberbürgermeister Gregorius Metz unterschrieb den Vertrag. "
            "Die Partnerschaft mit Metz in Frankreich besteht seit vielen Jahren.")
    found, _ = places(extractor, text)
    assert ("Metz", "FR", 2994160) in found


def test_a_chairs_surname_in_the_form_of_a_town_adjective_is_no_town(extractor):
    # "Weißenburger" reads like the adjective of Weißenburg in Bayern; after the chair's title
    # ("Vorsitzende", a person role) and a first name it is a surname
    text = ("Zum Jubiläum der Partnerschaft mit Frankreich sprachen Bürgermeister Hans Kurz und "
            "der Vorsitzende des Partnerschaftskomitees Ottokar Weißenburger zu den Gästen.")
    found, ex = places(extractor, text)
    assert all(n != "Weißenburg in Bayern" for n, _, _ in found)
    assert "Ottokar Weißenburger" in {p.name for p in ex.persons}


@pytest.mark.parametrize("text, not_a_place", [
    # a French school named after a person: the surname is a small French town's name
    ("Zwanzig Schüler fuhren zum Austausch an das Lycée Louis Pasteur in Frankreich.", "Pasteur"),
    # a first name that the town cue before it would otherwise open as an unknown Polish town
    ("Gäste aus der polnischen Partnerstadt:\n • Bürgermeisterin der Stadt Wittenberge, Annett Kaminski\n"
     " • Kämmerer Uwe Brandt", "Annett"),
])
def test_common_given_names_make_the_next_name_a_person(extractor, text, not_a_place):
    found, _ = places(extractor, text)
    assert all(not (n or "").startswith(not_a_place) for n, _, _ in found)


def test_river_after_am_is_no_city(extractor):
    found, _ = places(extractor, "Kyjiw liegt am Dnipro in der Ukraine.")
    assert {n for n, _, _ in found} == {"Kyjiw"}


def test_place_introduced_by_a_cue_becomes_a_municipality_without_geonames(extractor):
    found, ex = places(extractor, "Seit 2016 berät Sindelfingen die 240.000 Einwohnerstadt Annaba Drâa Errich (Algerien).")
    assert ("Annaba Drâa Errich", "DZ", None) in found
    assert ("Annaba", "DZ", 2506999) not in found  # the gazetteer's shorter reading gives way


def test_unknown_partner_takes_the_country_of_its_adjective(extractor):
    found, ex = places(extractor, "Köln und die peruanische Stadt Yarinacocha sind seit Oktober 2017 durch eine "
                                  "Klimapartnerschaft verbunden. Yarinacocha liegt am Río Ucayali.")
    assert ("Yarinacocha", "PE", None) in found
    assert sum(1 for m in ex.mentions if m.surface == "Yarinacocha") == 2


def test_landkreis_introduced_by_its_cue_is_a_municipality(extractor):
    found, _ = places(extractor, "Der Landkreis Vorpommern-Greifswald kooperiert mit Gemeinden in der Ukraine.")
    assert any(n == "Landkreis Vorpommern-Greifswald" for n, _, _ in found)


def test_countries_come_from_names_adjectives_and_hyphenated_compounds(extractor):
    _, ex = places(extractor, "Die deutsch-ukrainische Zusammenarbeit und Partner aus Peru, Jordanien und Tansania.")
    assert set(ex.refs("country")) == {"DE", "UA", "PE", "JO", "TZ"}


@pytest.mark.parametrize("text", [
    # peoples: the demonym names the people, not the state
    "Auf dem Markt trafen sich Rumänen, Bulgaren und Griechen zum Tanz.",
    "Die Freundschaft zwischen Franzosen und Italienern wuchs über Jahrzehnte.",
    # languages and adverbs: the uninflected adjective, or one before Sprache
    "Der Vortrag wurde auf Englisch gehalten und ins Spanische übersetzt.",
    "In der Schule lernen die Kinder italienisch und schwedisch.",
    "Die Bürgermeisterin grüßte die Gäste in norwegischer Sprache.",
    # a capitalised adjective inside a sentence is part of a name
    "Die Meldung verbreitete die Schwedische Nachrichtenagentur am Abend.",
    "Die Reise führte bis an den Indischen Ozean.",
])
def test_peoples_languages_and_names_of_bodies_refer_to_no_country(extractor, text):
    _, ex = places(extractor, text)
    assert set(ex.refs("country")) == set()


@pytest.mark.parametrize("text, expected", [
    ("Norwegische Gäste besuchten das Rathaus.", {"NO"}),  # a sentence opens with it
    ("Rückblick\nSchwedische Partner zu Besuch", {"SE"}),  # a heading opens with it
    ("Im Saal tagte die Italienisch-Spanische Gesellschaft.", {"IT", "ES"}),  # joins another country
    ("Die griechische Delegation kam mit dem Schiff.", {"GR"}),
])
def test_country_adjectives_that_do_refer_to_the_country_count(extractor, text, expected):
    _, ex = places(extractor, text)
    assert set(ex.refs("country")) == expected


def test_a_country_inside_a_photo_credit_is_not_the_articles(extractor):
    _, ex = places(extractor, "Die Partnerschaft feierte ihr Jubiläum.\nFoto: Freundeskreis Chile e.V.")
    assert set(ex.refs("country")) == set()


def test_a_city_named_only_by_its_adjective_is_not_a_place_of_the_article(extractor):
    found, ex = places(extractor, "Die Stuttgarter Stadtwerke beraten Wasserversorger in Jordanien.")
    assert found == set() and not [m for m in ex.mentions if m.kind == "municipality"]


def test_a_city_adjective_stays_when_a_partnership_needs_it_or_the_name_recurs(extractor):
    found, ex = places(extractor, "Die Kölner Partnerstadt Thessaloniki feiert. Die Gäste reisen mit dem Zug.")
    assert {n for n, _, _ in found} >= {"Köln", "Thessaloníki"} and ex.partnerships
    found, _ = places(extractor, "Stuttgart. Die Stuttgarter Stadtwerke beraten Wasserversorger in Jordanien.")
    assert ("Stuttgart", "DE", 2825297) in found


@pytest.mark.parametrize("text", [
    "Die polnische Partnerstadt erhielt Hilfe in Höhe von 20.000 Euro.",
    "Die russische Stadt am Meer ist als Kurort bekannt.",
])
def test_a_common_noun_that_is_only_a_small_places_alias_is_no_place(extractor, text):
    found, _ = places(extractor, text)
    assert found == set()


def test_two_small_towns_named_as_the_partners_of_a_partnership_are_places(extractor):
    found, _ = places(extractor, "Am Wochenende wurde die Städtepartnerschaft zwischen Tavaux und dem badischen "
                                 "Vörstetten gefeiert.")
    assert {("Tavaux", "FR", 2973267), ("Vörstetten", "DE", 2816010)} <= found


def test_a_small_foreign_town_between_two_places_of_an_enumeration_is_a_place(extractor):
    found, _ = places(extractor, "Die Radtour führte durch Münster, Amstelveen, Osnabrück und Bielefeld.")
    assert ("Amstelveen", "NL", 2759798) in found
    found, _ = places(extractor, "Die Radtour führte durch Amstelveen und weiter zum Meer.")
    assert found == set()  # alone, unnamed country, under the size rules: not vouched for


@pytest.mark.parametrize("text", [
    "Partner zu Gast\n\nWanfried. Am Wochenende empfing der Ort eine Delegation aus Frankreich.",
    "Partner zu Gast\nWANFRIED. Am Wochenende empfing der Ort eine Delegation aus Frankreich.",
])
def test_a_small_town_opening_a_regional_papers_dateline_is_a_place(extractor, text):
    found, _ = places(extractor, text)
    assert ("Wanfried", "DE", 2814297) in found


def test_a_small_town_name_mid_sentence_without_cue_stays_out(extractor):
    found, _ = places(extractor, "Die Delegation besuchte auch Wanfried. Danach ging es weiter.")  # not a line start
    assert ("Wanfried", "DE", 2814297) not in found


def test_a_metropolis_whose_name_is_also_a_noun_counts_after_a_preposition(extractor):
    found, _ = places(extractor, "Im Oktober reiste die Chorgemeinschaft nach Rom.")
    assert ("Rom", "IT", 3169070) in found
    found, _ = places(extractor, "Ein Rom spielte auf der Geige.")
    assert found == set()


def test_a_genitive_s_that_makes_a_common_noun_is_no_place(extractor):
    found, _ = places(extractor, "Die Partnerschaft soll auf eine breitere Basis gestellt werden.")
    assert found == set()


def test_a_mid_sized_foreign_town_named_as_partner_counts_without_its_country(extractor):
    found, _ = places(extractor, "Die Stadt pflegt seit 1976 eine Städtepartnerschaft mit Gagny und seit 1980 mit Anglet.")
    assert {n for n, _, _ in found} >= {"Gagny", "Anglet"}
    found, _ = places(extractor, "Gagny liegt östlich von Paris.")  # no partnership sentence: the size rules apply
    assert not any(n == "Gagny" for n, _, _ in found)


def test_a_heading_line_of_a_partner_page_that_is_a_towns_name_is_a_place(extractor):
    text = ("Unsere Partnerstädte\n\nAmstelveen\n\nDie Stadtgemeinde liegt südlich der Hauptstadt.\n\n"
            "Gladsaxe\n\nSeit 1968 besteht die Städtepartnerschaft.")
    found, _ = places(extractor, text)
    assert ("Amstelveen", "NL", 2759798) in found
    found, _ = places(extractor, "Amstelveen\n\nDie Ausstellung zeigt Grafiken.")  # no partner page
    assert found == set()


def test_a_small_german_town_named_in_a_partnership_sentence_is_a_place(extractor):
    found, _ = places(extractor, "Die Städtepartnerschaft mit Sommerach besteht seit 1985.")
    assert ("Sommerach", "DE", 2831455) in found
    # a small German namesake of a big foreign city is not taken for it ("Lemberg" is Lviv's exonym)
    found, _ = places(extractor, "Die Städtepartnerschaft mit Lemberg besteht seit 1989.")
    assert not any(c == "DE" for _, c, _ in found)


@pytest.mark.parametrize("text", [
    "Die Verbindungen nach England (Eastleigh) sollen wieder aufleben.",
    "Die Partnerstadt liegt im schottischen Hochland.",
])
def test_a_constituent_country_names_its_state(extractor, text):
    _, ex = places(extractor, text)
    assert "GB" in ex.refs("country")


def test_image_caption_is_not_mined(extractor):
    ex = extractor.extract(Article(url="https://beispiel.example/c", title="Gesundheit",
                                   text="Köln unterstützt Projekte.", image_alt="Kinder in einem Park in Bangkok"))
    assert {p.name_de for p in ex.places.values()} == {"Köln"}


def test_every_linked_municipality_has_coordinates(extractor):
    _, ex = places(extractor, "Nürnberg und Charkiw sind seit 1990 Partnerstädte.")
    linked = [p for p in ex.places.values() if p.geonameid]
    assert linked and all(p.lat is not None and p.lon is not None for p in linked)


def test_the_short_form_of_a_big_city_s_name_is_the_city_though_a_frequent_word(extractor):
    # "Frankfurt" is frequent in German text because of the city; it is the first word of
    # "Frankfurt am Main", not a stray alias like "Gerne" (Herne)
    found, _ = places(extractor, "Nach Zahl der Partnerstädte folgen München und Frankfurt (17) vor Bonn (12).")
    assert ("Frankfurt am Main", "DE", 2925533) in found
    found, _ = places(extractor, "Gerne würde die Gemeinde mit Schulen zusammenarbeiten.")
    assert found == set()


@pytest.mark.parametrize("surface, geonameid", [
    ("Kirjat Motzkin", 293831),  # Kiryat → Kirjat
    ("Kiriat Motzkin", 293831),  # Kiryat → Kiriat, the Romance-language transcription
    ("Kiryat Schmona", 293825),  # sh → sch
    ("Rishon Lezion", 293703),  # no capital inside the word
    ("Or-Yehuda", 293962),  # hyphenated
])
def test_israeli_towns_are_found_in_the_german_press_s_transliterations(extractor, surface, geonameid):
    found, _ = places(extractor, f"Die Stadt unterhält seit 1990 eine Städtepartnerschaft mit {surface} in Israel.")
    assert geonameid in {g for _, _, g in found}


def test_a_noun_place_name_before_a_month_is_a_time_expression(extractor):
    found, _ = places(extractor, "Die Fotos der Partnerstädte hängen seit Mitte Januar im Rathaus.")
    assert all(n != "Mitte" for n, _, _ in found)


def test_three_small_german_towns_enumerated_in_a_partnership_sentence_are_towns(extractor):
    found, _ = places(extractor, "Zum Fest der Partnerstädte kamen auch die Komitees aus Wiesentheid, "
                                 "Sommerach und Marktbreit.")
    assert {2809191, 2831455, 2873307} <= {g for _, _, g in found}
    # outside a sentence about partnerships the size rule stays
    found, _ = places(extractor, "Der Radweg führt über Wiesentheid, Sommerach und Marktbreit.")
    assert not {2809191, 2831455, 2873307} & {g for _, _, g in found}


def test_a_heading_of_adjective_and_noun_before_a_country_names_no_town(extractor):
    found, _ = places(extractor, "Partnersuche\n\nZerstörte Gemeinden in Ukraine brauchen Hilfe\n\nDer Kreis sucht Partner.")
    assert all(n != "Zerstörte" for n, _, _ in found)
    found, _ = places(extractor, "Unsere Partnerstädte:\n• Yongin in Südkorea")
    assert ("Yongin", "KR", None) in found


@pytest.mark.parametrize("text, geonameid", [
    ("Zum Stadtfest reiste eine kleine Abordnung aus Nancy mit zwei Stadträten an.", 2990999),
    ("Beliebte Studienorte sind Universitätsstädte wie Tübingen und Cambridge.", 2653941),
    ("Der Vortrag über Windhuk war gut besucht.", 3352136),
])
def test_a_known_foreign_city_by_its_own_name_mid_sentence_counts_without_its_country(extractor, text, geonameid):
    found, _ = places(extractor, text)
    assert geonameid in {g for _, _, g in found}


@pytest.mark.parametrize("text", [
    "Beim Empfang sprachen Mary Okello und der Bürgermeister.",  # a given name before a surname
    "Vom Gipfel sieht man den Vulkan San Cristóbal über der Stadt.",  # after a capitalised noun
])
def test_a_known_city_s_name_in_a_person_or_landmark_stays_out(extractor, text):
    found, _ = places(extractor, text)
    assert not {1218667, 3628473} & {g for _, _, g in found}


def test_a_metropolis_s_german_name_beats_a_home_village_bearing_it_as_an_alias(extractor):
    # "Peking" is also a GeoNames variant of the Bavarian Pöcking; Germany is named, China is not
    text = "Berlin in Deutschland pflegt Kontakte zu vielen Hauptstädten, darunter Prag und Peking."
    found, _ = places(extractor, text)
    gids = {g for _, _, g in found}
    assert 1816670 in gids and 2853066 not in gids


def test_a_big_town_bearing_a_name_as_an_alias_keeps_its_country_bonus(extractor):
    # "Odessa" is only an alias of Odesa (UA) but the own name of Odessa, Texas
    found, _ = places(extractor, "Die ukrainische Hafenstadt Odessa liegt am Schwarzen Meer in der Ukraine.")
    assert 698740 in {g for _, _, g in found}


def test_a_known_city_written_without_its_diacritics_is_still_its_own_name(extractor):
    found, _ = places(extractor, "Im Sommer führt die Schiffsreise auch nach Klaipeda.")
    assert 598098 in {g for _, _, g in found}
