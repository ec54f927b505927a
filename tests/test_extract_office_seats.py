"""A town right after the noun of an office above the municipality ("Landratsamt", "Marschallamt",
"Gebietsduma", "Reichstag in") names where the office sits, not a partner (relations-de.json,
seat_before). Own-words fixtures."""

import datetime as dt

from conftest import pairs_in


def pairs(extractor, text):
    return pairs_in(extractor, text, "https://example.org/b", date=dt.date(2024, 5, 2))


def test_the_towns_of_offices_above_the_municipality_visited_together_are_no_pair(extractor):
    found = pairs(extractor, "Die Gäste aus der Partnergemeinde Trzebiechów besuchten mit Bürgern aus Schenkendöbern "
                             "den Reichstag in Berlin und das Marschallamt Zielona Góra.")
    assert frozenset({"Berlin", "Zielona Góra"}) not in found
    assert frozenset({"Schenkendöbern", "Trzebiechów"}) in found


def test_a_regional_parliament_named_by_its_seat_is_no_partner_of_the_city(extractor):
    found = pairs(extractor, "Mit der Gebietsduma Kaliningrad pflegt die Bürgerschaft der Stadt Hamburg eine "
                             "Parlamentspartnerschaft.")
    assert frozenset({"Hamburg", "Kaliningrad"}) not in found
