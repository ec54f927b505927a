"""A town after a workshop or gathering and "in" is where the meeting is held, not a partner
(issue 17, `event_venue_before` in data/relations-de.json): "… im Rahmen eines Auftakt-Workshops
in X" (bad-berleburg.de), "Den Rahmen der Zusammenkunft in X bildet …" (epo.de). The partners
named elsewhere stay paired.

Every text here is written by us, in our own words."""

from __future__ import annotations

from partnergraph import Article
from partnergraph.models import Extraction


def _pairs(extractor, text: str) -> set[frozenset[str]]:
    ex: Extraction = extractor.extract(Article(url="test:meeting-venues", title="", text=text))
    return {frozenset(ex.places[r].name_de for _, r in p.partners) for p in ex.partnerships}


def test_the_town_of_a_kickoff_workshop_is_no_partner(extractor):
    pairs = _pairs(extractor, "Die Stadt Korbach pflegt eine Freundschaft mit dem Distrikt Mbale in Uganda. „Wir "
                              "können viel voneinander lernen“, sagt der Bürgermeister. Besiegelt wurde die "
                              "Partnerschaft dann bei einem Auftakt-Workshop in Bonn.")
    assert pairs == {frozenset({"Korbach", "Distrikt Mbale"})}


def test_the_town_of_a_gathering_of_delegations_is_no_partner(extractor):
    pairs = _pairs(extractor, "Delegationen aus Aachen, Halle und Tours reisten zu ihren Partnerstädten in Burkina "
                              "Faso. Den Rahmen der Zusammenkunft in Koudougou bildet ein Projekt der Servicestelle "
                              "für Dreieckspartnerschaften.")
    assert frozenset({"Aachen", "Koudougou"}) not in pairs


def test_the_seat_of_a_state_mission_is_no_partner(extractor):
    from partnergraph import Article
    from conftest import pair_names
    ex = extractor.extract(Article(url="test:mission-seat", title="Festakt in Kleve",
                                   text="Die Städtepartnerschaft zwischen Kleve und Jericho wurde gefeiert. Zum Festakt "
                                        "kamen ein Vertreter der Botschaft Palästinas in Berlin und Besucher aus "
                                        "weiteren Partnerstädten Kleves."))
    pairs = pair_names(ex)
    assert not any("Berlin" in p for p in pairs)
