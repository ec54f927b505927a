"""Places named as partners by their German exonym or another German spelling, by a name the
frequent-word list holds, or in an ALL-CAPS heading (issue #17: places in partnership
sentences). Own-words fixtures for extract/foreign_namesakes.py, extract/german_spellings.py,
extract/partner_cities.py and caps_names.caps_word."""

import pytest

from partnergraph.models import Article


def read(extractor, text, url="https://beispiel.example/p"):
    ex = extractor.extract(Article(url=url, title="", text=text, date=None))
    places = {k: (p.name_en or p.name_de, p.country) for k, p in ex.places.items()}
    pairs = {frozenset(places[r][0] for _, r in p.partners) for p in ex.partnerships}
    return set(places.values()), pairs


@pytest.mark.parametrize("text", [
    "Kitzingen unterhält seit 1996 eine Städtepartnerschaft mit Lemberg.",
    "Die Partnerschaft zwischen Kitzingen und Lemberg besteht seit 1996.",
    "Partnerstädte von Kitzingen sind Lemberg, Tours und Leeds.",
    "Seit 1996 ist Lemberg die Partnerstadt von Kitzingen.",
])
def test_an_exonym_a_german_village_bears_too_is_the_foreign_city_in_a_partnership_sentence(extractor, text):
    places, pairs = read(extractor, text)
    assert ("Lviv", "UA") in places and ("Lemberg", "DE") not in places, places
    assert frozenset({"Kitzingen", "Lviv"}) in pairs, pairs


def test_the_village_stays_where_no_partnership_is_named(extractor):
    places, _ = read(extractor, "In Lemberg öffnet am Samstag der Bauernmarkt. Auch in Lemberg gibt es Musik.")
    assert ("Lviv", "UA") not in places, places


def test_a_namesake_only_some_times_smaller_stays_the_german_town(extractor):
    # Waldenburg (Saxony, 4.6k) is 28 times smaller than Wałbrzych: not dwarfed (DWARFED_RATIO 40)
    places, _ = read(extractor, "Kitzingen unterhält seit 1996 eine Städtepartnerschaft mit Waldenburg.")
    assert not any(cc == "PL" for _, cc in places), places


@pytest.mark.parametrize("text, partner", [
    # a further spelling of exonyms-de.tsv is the town's own name: a partner of 20k-100k counts
    ("Kitzingen pflegt seit 2001 eine Städtepartnerschaft mit Tulkarem.", ("Ţūlkarm", "PS")),
    # a plain-letter form of a name with diacritics is its own name too
    ("Kitzingen pflegt seit 2001 eine Städtepartnerschaft mit Kromeriz.", ("Kroměříž", "CZ")),
    # the German name a row of exonyms-de.tsv gives (its key now the GeoNames name, Brugge)
    ("Die Partnerschaft zwischen Kitzingen und Brügge besteht seit 2001.", ("Brugge", "BE")),
    # a curated German spelling bears the name outright: Brașov, not Kronstadt (Russia)
    ("Kitzingen und Kronstadt sind seit 2001 Partnerstädte.", ("Braşov", "RO")),
])
def test_a_german_spelling_of_a_partner_town_is_its_own_name(extractor, text, partner):
    places, pairs = read(extractor, text)
    assert partner in places, places
    assert frozenset({"Kitzingen", partner[0]}) in pairs, pairs


@pytest.mark.parametrize("text, city", [
    ("Kitzingen pflegt seit 1957 eine Städtepartnerschaft mit York.", "York"),
    ("Seit 1985 ist Graz die Partnerstadt von Kitzingen.", "Graz"),
    ("Kitzingen und Zürich sind seit 1985 Partnerstädte.", "Zürich"),
])
def test_a_city_whose_name_is_a_frequent_word_counts_as_a_partner(extractor, text, city):
    places, pairs = read(extractor, text)
    assert any(name == city for name, _ in places), places
    assert any(city in pair for pair in pairs), pairs


@pytest.mark.parametrize("text", [
    "Graz ist eine schöne Stadt, sagte die Partnerschaftsbeauftragte.",  # opens the sentence: left to the usual rules
    "Die Partnerschaft feierte ihr Fest im Café York Street.",  # a longer name goes on
])
def test_a_frequent_city_name_outside_the_partner_places_stays_out(extractor, text):
    places, _ = read(extractor, text)
    assert not any(cc in ("AT", "GB") for _, cc in places), places


def test_a_caps_heading_ends_a_cue_name_at_a_frequent_word(extractor):
    ex = extractor.extract(Article(url="https://beispiel.example/c", title="",
                                   text="LANDKREIS HARBURG UND POWIAT KOSZALIN SIND SEIT 1995 PARTNERKREISE", date=None))
    names = {p.name_de.lower() for p in ex.places.values()}
    assert "powiat koszalin" in names, names


def test_a_hromada_beside_a_landkreis_stays_a_municipality(extractor):
    ex = extractor.extract(Article(url="https://beispiel.example/h", title="",
                                   text="Der Landkreis Harburg pflegt seit 2023 eine Partnerschaft mit der Hromada "
                                        "Tschortkiw.", date=None))
    kinds = {p.name_de: p.kind for p in ex.places.values()}
    assert kinds.get("Tschortkiw") == "municipality" and not any(n.startswith("Rajon") for n in kinds), kinds


@pytest.mark.parametrize("text, city", [
    ("Kitzingen und Löwen sind seit 1975 Partnerstädte.", "Leuven"),
    ("Die Städtepartnerschaft Kitzingen–Posen wurde 1975 besiegelt.", "Poznań"),
    ("Münster und Lemberg feiern in diesem Jahr ihre Partnerschaft.", "Münster"),
])
def test_a_noun_named_city_joined_to_a_partner_town_is_a_place(extractor, text, city):
    places, pairs = read(extractor, text)
    assert any(name == city for name, _ in places), places
    assert any(city in pair for pair in pairs), pairs


@pytest.mark.parametrize("text, word", [
    ("Essen und Trinken gab es beim Partnerschaftsfest in Kitzingen.", "Essen"),  # a noun joined to a noun
    ("Ausflug in die Partnerstadt Kitzingen – Löwen sah man dort im Zoo.", "Leuven"),  # a spaced dash runs on
])
def test_a_noun_joined_to_a_noun_or_after_a_spaced_dash_stays_a_word(extractor, text, word):
    places, _ = read(extractor, text)
    assert not any(name == word for name, _ in places), places


def test_a_town_with_a_designation_from_abroad_is_not_given_the_home_country(extractor):
    ex = extractor.extract(Article(url="https://beispiel.example/m", title="",
                                   text="Kitzingen pflegt seit 2004 eine Partnerschaft mit der Umkhanyakude "
                                        "Municipality.", date=None))
    minted = [p for p in ex.places.values() if p.name_de.endswith("Municipality")]
    assert minted and all(p.country != "DE" for p in minted), minted


def test_a_type_word_introduces_every_place_listed_right_after_it(extractor):
    ex = extractor.extract(Article(url="https://beispiel.example/t", title="",
                                   text="Neben Städtepartnerschaften mit Tours und Opole pflegt Kitzingen "
                                        "Projektpartnerschaften in Afrika.", date=None))
    names = {k: p.name_de for k, p in ex.places.items()}
    types = {frozenset(names[r] for _, r in p.partners): p.type for p in ex.partnerships}
    assert types.get(frozenset({"Kitzingen", "Opole"})) == "staedtepartnerschaft", types
    assert types.get(frozenset({"Kitzingen", "Tours"})) == "staedtepartnerschaft", types
