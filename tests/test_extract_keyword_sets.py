"""keyword_sets.KeywordSets: several word lists found in one pass, each answering as a
`matcher.Keywords` of its own words would."""

from __future__ import annotations

from partnergraph.extract.keyword_sets import KeywordSets
from partnergraph.extract.matcher import Keywords

_ROLES = ["Bürgermeister", "Oberbürgermeister", "Landrat", "Rat"]
_HEADS = ["Stadtwerke", "Werke", "Rat"]
_TEXT = ("Oberbürgermeister Anna Beispiel und Landrat Otto Muster besuchten die Stadtwerke Nordheim; "
         "der Stadtrat tagte, der Rat der Werke auch. Bürgermeisterin? Nein: Bürgermeister Eva Probe.")


def test_each_list_finds_what_a_pass_of_its_own_finds():
    sets = KeywordSets({"roles": _ROLES, "heads": _HEADS})
    assert sets.view("roles").find(_TEXT) == Keywords(_ROLES).find(_TEXT)
    assert sets.view("heads").find(_TEXT) == Keywords(_HEADS).find(_TEXT)


def test_a_word_of_two_lists_is_reported_to_both():
    sets = KeywordSets({"roles": _ROLES, "heads": _HEADS})
    at = _TEXT.index("der Rat ") + 4
    assert (at, at + 3) in sets.view("roles").find(_TEXT)
    assert (at, at + 3) in sets.view("heads").find(_TEXT)


def test_a_word_inside_another_word_is_not_reported():
    sets = KeywordSets({"roles": _ROLES, "heads": _HEADS})
    inside = _TEXT.index("Stadtrat") + 5
    assert all(start != inside for start, _ in sets.view("roles").find(_TEXT))
    # "Oberbürgermeister": the longest word ending there, not "Bürgermeister" inside it
    assert (0, len("Oberbürgermeister")) in sets.view("roles").find(_TEXT)
    assert (len("Ober"), len("Oberbürgermeister")) not in sets.view("roles").find(_TEXT)


def test_a_second_text_is_read_anew():
    sets = KeywordSets({"roles": _ROLES, "heads": _HEADS})
    assert sets.view("heads").find(_TEXT)
    assert sets.view("heads").find("Kein Wort davon hier.") == []
