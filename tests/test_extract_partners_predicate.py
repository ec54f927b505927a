"""Two towns that "sind (seit …) Partner" state a partnership: the plain predicate noun, as "sind
Partnerstädte" does; not "Partner im Projekt …" or "Partner der Stadt" (a project's or an
owner's partners: rules-de.json partnership_cues). All fixtures are sentences of our own."""

import pytest

from conftest import pairs_in


def pair_names(extractor, text):
    return pairs_in(extractor, text, "https://nachrichten.example/partner/4", title="Partner")


@pytest.mark.parametrize("text", [
    "Seit 1995 sind Erfurt und Lublin Partner.",
    "Erfurt und Lublin sind seit 1995 offiziell Partner.",
])
def test_two_towns_that_are_partners_are_a_pair(extractor, text):
    assert pair_names(extractor, text) == {frozenset({"Erfurt", "Lublin"})}


def test_partners_in_a_project_are_no_pair_by_that_word(extractor):
    assert pair_names(extractor, "Erfurt und Lublin sind Partner im Projekt der Hochschulen.") == set()
