"""A page that lists its pairs one to a row (a German town and a foreign one side by side at the
start of a line, the pair's details after them) pairs each row's two towns, with or without a
joiner between them and with no cue word in the row; a single such row (a headline naming two
capitals) pairs nothing (issue 17, extract/pair_rows.py).

Every text here is written by us, in our own words."""

from __future__ import annotations

from conftest import pairs_in


def _pairs(extractor, text: str, title: str = "") -> set:
    return pairs_in(extractor, text, "test:pair-rows", title)


def test_rows_of_juxtaposed_towns_pair_each_row(extractor):
    pairs = _pairs(extractor, "Die Städtepartnerschaften unserer Gemeinden im Westen.\n\n"
                              "Ulm Tours (seit 1979), rund 900 km entfernt.\n\n"
                              "Augsburg Bourges (seit 1982), rund 800 km entfernt.")
    assert frozenset({"Ulm", "Tours"}) in pairs
    assert frozenset({"Augsburg", "Bourges"}) in pairs


def test_dashed_rows_of_a_flattened_table_pair_each_row(extractor):
    pairs = _pairs(extractor, "Programm der Partnerschaftsbegegnungen im Jahr\n"
                              "Würzburg – Caen | |\nMai | Besuch einer Schulklasse in der Partnerstadt |\n"
                              "Augsburg – Bourges | |\nJuni | Radtour zur Partnerstadt |")
    assert frozenset({"Würzburg", "Caen"}) in pairs
    assert frozenset({"Augsburg", "Bourges"}) in pairs


def test_a_single_row_naming_two_capitals_pairs_nothing(extractor):
    pairs = _pairs(extractor, "Berlin – Paris\n\nMinister beider Staaten trafen sich zu Gesprächen über "
                              "Handel und Verkehr.")
    assert frozenset({"Berlin", "Paris"}) not in pairs
