"""A sentence that names a town and its partner, then a second town of the same side with a
partner of its own introduced the same way ("A … Partnerschaft mit B und C … Partnerschaft mit
D"), pairs each partner with the nearest town before it, not every partner with the first town
(issue 17, extract/pairs.py).

Every text here is written by us, in our own words."""

from __future__ import annotations

from conftest import pairs_in


def test_each_partner_belongs_to_the_nearest_home_town_before_it(extractor):
    pairs = pairs_in(extractor, "Preis für Europa\n\nDen Preis erhielten Ulm für seine Städtepartnerschaft mit "
                                "Tours (Frankreich) und ebenso Neuss für seine Partnerschaft mit Rijeka (Kroatien).",
                     "test:respective-owners")
    assert frozenset({"Ulm", "Tours"}) in pairs
    assert frozenset({"Neuss", "Rijeka"}) in pairs
    assert frozenset({"Ulm", "Rijeka"}) not in pairs
    assert frozenset({"Ulm", "Neuss"}) not in pairs


def test_a_town_then_its_list_still_pairs_every_item_with_that_town(extractor):
    pairs = pairs_in(extractor, "Partnerschaften\n\nDie Stadt Ulm pflegt Partnerschaften: seit 1960 mit Tours, "
                                "seit 1975 mit Rijeka und seit 1990 mit Neuss.", "test:respective-owners-list")
    assert frozenset({"Ulm", "Tours"}) in pairs
    assert frozenset({"Ulm", "Rijeka"}) in pairs
    assert frozenset({"Ulm", "Neuss"}) in pairs
