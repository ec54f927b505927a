"""A German town and a foreign one joined by a dash or slash right after a compound of a
partnership word ("Freundschaftsverein", "Städtesolidarität") are that partnership's two sides,
also in a sentence no cue word marks; two towns of one country, or a dash pair after an
unrelated noun, pair nothing (issue 17, extract/named_pairs.py).

Every text here is written by us, in our own words."""

from __future__ import annotations

from conftest import pairs_in


def test_a_dash_pair_after_a_club_named_for_the_friendship_pairs_the_two_towns(extractor):
    pairs = pairs_in(extractor, "Gemeinderat tagte\n\nDer Gemeinderat lobte die Arbeit des Freundschaftsvereins "
                                "Weilheim-Cavaillon beim Sommerfest.", "test:named-pairs")
    assert frozenset({"Weilheim", "Cavaillon"}) in pairs


def test_a_slash_pair_after_a_solidarity_compound_pairs_the_two_towns(extractor):
    pairs = pairs_in(extractor, "Vortragsabend\n\nIm Rahmen der Städtesolidarität Tübingen / Kigali "
                                "sprach ein Gast über Wasserversorgung.", "test:named-pairs-slash")
    assert frozenset({"Tübingen", "Kigali"}) in pairs


def test_a_dash_pair_after_an_unrelated_noun_pairs_nothing(extractor):
    pairs = pairs_in(extractor, "Verkehr\n\nDie Zugverbindung Weilheim-Cavaillon fährt im Sommer "
                                "zweimal in der Woche.", "test:named-pairs-train")
    assert frozenset({"Weilheim", "Cavaillon"}) not in pairs
