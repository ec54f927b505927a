"""A status sentence that names no known place speaks of the pairs of the sentence before it
(set_statuses.py) only when it names no partner of its own: a capitalised object the gazetteer
does not know ("Der Austausch mit <town> ruht") is that town's, and a country as the object
("Die Kontakte nach Russland ruhen") narrows the set to the pairs with a partner there
(issue 17: "a status attaches only to the pair its sentence states it for"; session 22,
unknown_partners.py).

Every text is written by us, in our own words; "Schnuckelsdorf" is an invented town."""

from __future__ import annotations

import pytest

from partnergraph import Article


def _statuses(extractor, text: str) -> dict[frozenset, str | None]:
    ex = extractor.extract(Article(url="test:set-status-objects", text=text))
    by_key = {k: p.name_de for k, p in ex.places.items()}
    return {frozenset(by_key[r] for _, r in p.partners): p.status for p in ex.partnerships}


PAIRS = "Freiburg pflegt Städtepartnerschaften mit Besançon und Kaluga. "
BESANCON, KALUGA = frozenset({"Freiburg", "Besançon"}), frozenset({"Freiburg", "Kaluga"})


@pytest.mark.parametrize("second, besancon, kaluga", [
    # an unknown town as the object: neither known pair
    ("Der Austausch mit Schnuckelsdorf ruht derzeit.", None, None),
    ("Die Kontakte zur Partnerstadt Schnuckelsdorf liegen auf Eis.", None, None),
    # a country as the object: the pair with a partner there
    ("Die Kontakte nach Russland ruhen derzeit.", None, "suspended"),
    # a country as the cause, or no object at all: the pairs before, as before
    ("Wegen des Kriegs in der Ukraine ruhen die Kontakte.", "suspended", "suspended"),
    ("Derzeit ruht der Austausch mit den Partnern.", "suspended", "suspended"),
])
def test_a_placeless_status_sentence_names_its_own_object(extractor, second, besancon, kaluga):
    statuses = _statuses(extractor, PAIRS + second)
    assert (statuses[BESANCON], statuses[KALUGA]) == (besancon, kaluga)
