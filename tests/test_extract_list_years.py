"""Start years inside enumerations of partners: a year belongs to the item on its side of the
comma or "und", whether the list writes it before its item ("1971 Sapporo") or after it
("Bordeaux im Jahr 1964", "Osaka (1989)"). All fixtures are sentences of our own."""

import datetime as dt

import pytest

from partnergraph.models import Article


def start_years(extractor, text):
    ex = extractor.extract(Article(url="https://beispiel.example/listen", title="", text=text,
                                   date=dt.date(2024, 3, 1)))
    names = {k: p.name_de for k, p in ex.places.items()}
    return {frozenset(names.get(r, r) for _, r in p.partners): p.start_year for p in ex.partnerships}


def test_a_list_that_writes_years_on_both_sides_gives_each_item_the_year_of_its_own_stretch(extractor):
    years = start_years(extractor, "Die erste Städtepartnerschaft Münchens entstand 1954 mit Edinburgh. "
                                   "Es folgten 1958 Marseille, Shanghai im Jahr 1986 und 1989 Osaka.")
    assert years[frozenset({"München", "Marseille"})] == 1958
    assert years[frozenset({"München", "Shanghai"})] == 1986
    assert years[frozenset({"München", "Osaka"})] == 1989


def test_a_year_after_und_belongs_to_the_town_behind_it_not_to_the_one_before(extractor):
    years = start_years(extractor, "Köln besiegelte 1958 die Städtepartnerschaft mit Lille. "
                                   "Bald darauf folgten das italienische Turin und 1963 Kyoto.")
    assert years[frozenset({"Köln", "Kyoto"})] == 1963
    assert years.get(frozenset({"Köln", "Turin"})) != 1963


@pytest.mark.parametrize("text, expected", [
    # the year after its item, in parentheses, the commas between the items
    ("Hamburgs Partnerstädte sind Marseille (1958), Shanghai (seit 1986) und Osaka (1989).",
     {"Marseille": 1958, "Shanghai": 1986, "Osaka": 1989}),
    # the year before its item, each item with a "seit … mit" of its own
    ("Hamburg unterhält Städtepartnerschaften seit 1958 mit Marseille, seit 1986 mit Shanghai "
     "und seit 1989 mit Osaka.",
     {"Marseille": 1958, "Shanghai": 1986, "Osaka": 1989}),
    # the year after its item, with a comma inside the item's parenthesis
    ("Hamburgs Partnerstädte sind Marseille (Frankreich, 1958), Shanghai (China, 1986) und Osaka.",
     {"Marseille": 1958, "Shanghai": 1986, "Osaka": None}),
])
def test_lists_that_keep_one_convention_keep_their_years(extractor, text, expected):
    years = start_years(extractor, text)
    for partner, year in expected.items():
        assert years[frozenset({"Hamburg", partner})] == year, partner


@pytest.mark.parametrize("text, partners, year", [
    # a founding act's year opening the sentence, the partners listed after it
    ("Im Jahr 1987 unterzeichnete der Bürgermeister für die Stadt Weilheim den Partnerschaftsvertrag mit "
     "den Gemeinden Cluny und Tournus.", ("Cluny", "Tournus"), 1987),
    # a succession whose one year stands before the first of its items
    ("Bremen hat heute sechs Partnerstädte. Den Anfang machten 1962 das französische Le Havre und das "
     "lettische Riga.", ("Le Havre", "Riga"), 1962),
])
def test_one_year_opening_a_list_sentence_dates_every_item(extractor, text, partners, year):
    years = start_years(extractor, text)
    for partner in partners:
        assert [y for pair, y in years.items() if partner in pair] == [year], partner


def test_a_year_opening_a_list_whose_items_have_years_of_their_own_dates_only_its_own_item(extractor):
    years = start_years(extractor, "Hamburg unterhält Städtepartnerschaften seit 1958 mit Marseille, "
                                   "Shanghai und seit 1989 mit Osaka.")
    assert years.get(frozenset({"Hamburg", "Shanghai"})) != 1958


@pytest.mark.parametrize("text", [
    # the first year before the home town, the second before "mit" and its partner
    "Städtepartnerschaften verbinden seit 1970 Lindau mit Chelles und seit 1991 mit dem ungarischen Sopron.",
    # the second year right after the first partner, but introducing the next one
    "Seit 1970 pflegt Lindau eine Städtepartnerschaft mit Chelles, seit 1991 auch mit dem ungarischen Sopron.",
])
def test_a_year_right_before_mit_and_a_partner_is_that_partners(extractor, text):
    years = start_years(extractor, text)
    assert years[frozenset({"Lindau", "Chelles"})] == 1970
    assert years[frozenset({"Lindau", "Sopron"})] == 1991
