"""A status said for a set of pairs rather than for one named pair (set_statuses.py): a placeless
status sentence speaks of the pairs of the sentence before it that names partners; a status whose
object is a country's partner towns applies to the named towns' pairs in that country. Quantified
sets, possibilities and objections state no pair's status. And the programme vocabulary: a bare
"Klimapartnerschaft" is the type, not the programme.

Every text is written by us, in our own words."""

from __future__ import annotations

from partnergraph import Article


def _statuses(extractor, text: str) -> dict[frozenset[str], str | None]:
    ex = extractor.extract(Article(url="test:set-statuses", text=text))
    names = {k: p.name_de for k, p in ex.places.items()}
    return {frozenset(names.get(r, r) for _, r in p.partners): p.status for p in ex.partnerships}


def test_a_placeless_suspension_after_a_pair_sentence_suspends_the_pairs_it_names(extractor):
    found = _statuses(extractor, "Die Stadt Erfurt unterhält eine Städtepartnerschaft mit Kalisz. Der Bürgermeister "
                                 "schrieb einen Brief an die Kollegen. Derzeit ruhen die offiziellen Kontakte.")
    assert found[frozenset({"Erfurt", "Kalisz"})] == "suspended"


def test_a_placeless_suspension_takes_the_pairs_named_whole_over_a_town_set_apart(extractor):
    text = ("Erfurt pflegt seine Städtepartnerschaft mit Kalisz weiter. Anders Gotha: Die Partnerschaft "
            "zwischen Gotha und Rzeszów sowie die Partnerschaft zwischen Weimar und Lublin. "
            "Die Kontakte ruhen derzeit.")
    found = _statuses(extractor, text)
    assert found[frozenset({"Gotha", "Rzeszów"})] == "suspended"
    assert found[frozenset({"Erfurt", "Kalisz"})] is None


def test_a_quantified_or_merely_possible_suspension_leaves_the_pairs_active(extractor):
    pair = frozenset({"Erfurt", "Kalisz"})
    lead = "Die Stadt Erfurt unterhält eine Städtepartnerschaft mit Kalisz. "
    for later in ("Bundesweit ruht jede dritte Städtepartnerschaft.",
                  "Ein solches Abkommen kann jederzeit ausgesetzt werden.",
                  "Der Städtetag sprach sich gegen eine Aussetzung von Partnerschaften aus.",
                  "Eine Aussetzung der Kontakte steht nicht zur Debatte."):
        assert _statuses(extractor, lead + later)[pair] is None, later


def test_a_suspension_of_a_countrys_partner_towns_applies_to_the_named_towns_pairs_there(extractor):
    text = ("Gotha hat eine Partnerstadt in Russland, Kaluga, und eine in Polen, Rzeszów. Zu beiden Städten "
            "gibt es einen regen Austausch. In Gotha und Weimar ruhen die Kontakte zu den russischen Partnerstädten.")
    found = _statuses(extractor, text)
    assert found[frozenset({"Gotha", "Kaluga"})] == "suspended"
    assert found[frozenset({"Gotha", "Rzeszów"})] is None


def test_a_country_named_for_another_reason_suspends_no_pair(extractor):
    text = ("Gotha hat eine Partnerstadt in Russland, Kaluga, und eine in Polen, Rzeszów. Zu beiden gibt es einen "
            "regen Austausch. In Gotha ruht wegen der russischen Politik der Austausch des Sportvereins.")
    assert _statuses(extractor, text)[frozenset({"Gotha", "Kaluga"})] is None


def test_a_bare_klimapartnerschaft_is_the_type_not_the_programme(extractor):
    ex = extractor.extract(Article(url="test:programme", text="Erfurt und Kalisz haben eine Klimapartnerschaft "
                                                            "begründet. Beide Städte setzen auf Solarstrom."))
    assert "klimapartnerschaften" not in ex.refs("programme")
    ex = extractor.extract(Article(url="test:programme", text="Erfurt nimmt am Projekt Kommunale "
                                                            "Klimapartnerschaften teil, mit Kalisz."))
    assert "klimapartnerschaften" in ex.refs("programme")


def test_a_wish_for_a_partnership_with_the_indefinite_article_is_planned(extractor):
    pair = frozenset({"Erfurt", "Kalisz"})
    assert _statuses(extractor, "Die Stadt Erfurt möchte eine Städtepartnerschaft mit Kalisz.")[pair] == "planned"
    # the definite article: the wish is about the partnership the towns have
    assert _statuses(extractor, "Die Stadt Erfurt möchte die Städtepartnerschaft mit Kalisz "
                                "vertiefen.")[pair] is None


def test_a_councils_decision_to_build_a_partnership_is_planned(extractor):
    pair = frozenset({"Erfurt", "Kalisz"})
    text = "Der Stadtrat von Erfurt hat sich dafür entschieden, mit Kalisz eine Solidaritätspartnerschaft aufzubauen."
    assert _statuses(extractor, text)[pair] == "planned"


def test_a_former_officer_of_a_partnership_body_does_not_end_the_partnership(extractor):
    pair = frozenset({"Erfurt", "Kalisz"})
    text = ("Erfurt und seine Partnerstadt Kalisz feierten im Rathaus, in Anwesenheit des früheren Vorsitzenden "
            "des Partnerschaftsvereins.")
    assert _statuses(extractor, text)[pair] is None
    assert _statuses(extractor, "Kalisz ist die ehemalige polnische Partnerstadt von Erfurt.")[pair] == "ended"


def test_a_place_in_a_relative_clause_describing_a_partner_does_not_take_the_pairs_year(extractor):
    ex = extractor.extract(Article(url="test:relative", text=(
        "Die Städtepartnerschaft zwischen Erfurt und der polnischen Stadt Kalisz, die westlich von Łódź liegt, "
        "wurde im Jahr 1991 gegründet.")))
    names = {k: p.name_de for k, p in ex.places.items()}
    years = {frozenset(names.get(r, r) for _, r in p.partners): p.start_year for p in ex.partnerships}
    assert years[frozenset({"Erfurt", "Kalisz"})] == 1991
