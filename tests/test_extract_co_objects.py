"""Two places listed after one "mit" are partners of a third side, not of each other, unless the
partnership has three sides (extract/co_objects.py). Own-words fixtures."""

from partnergraph.models import Article


def pairs(extractor, text):
    ex = extractor.extract(Article(url="https://www.ortsverband.de/meldung", title="", text=text, date=None))
    return {frozenset(ex.places[r].name_de for _, r in p.partners) for p in ex.partnerships}


def test_two_partners_listed_after_mit_are_no_pair_of_each_other(extractor):
    found = pairs(extractor, "Städtepartnerschaften wie mit Aarhus, Dänemark und Bergen, Norwegen bauen auf "
                             "gemeinsamen Werten auf.")
    assert not any("Bergen" in p for p in found)


def test_the_sides_of_a_trilateral_partnership_are_partners_of_each_other(extractor):
    found = pairs(extractor, "Im Mai hat die Stadt Freiburg mit Lemberg und Krakau eine trilaterale "
                             "Städtepartnerschaft geschlossen.")
    assert frozenset({"Freiburg", "Lwiw"}) in found or frozenset({"Freiburg", "Lemberg"}) in found
    assert any(len(p) == 2 and not p & {"Freiburg"} for p in found)


def test_a_subject_joined_by_mit_keeps_its_pair(extractor):
    found = pairs(extractor, "Jena pflegt seit 1987 eine Städtepartnerschaft mit Erlangen und mit Lublin.")
    assert frozenset({"Erlangen", "Jena"}) in found
