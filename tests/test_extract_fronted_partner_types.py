"""A type word stated for one partner of a sentence naming several: "mit <partner> eine <type>"
puts the partner before its type word, and the type word before a partner that has a fronted type
word of its own does not introduce it (issue 17: "a type attaches only to the pair its sentence
states it for"; session 22, introduced_types.py).

Every text is written by us, in our own words."""

from __future__ import annotations

import pytest

from partnergraph import Article


def _types(extractor, text: str) -> dict[frozenset, str]:
    ex = extractor.extract(Article(url="test:fronted-types", text=text))
    by_key = {k: p.name_de for k, p in ex.places.items()}
    return {frozenset(by_key[r] for _, r in p.partners): p.type for p in ex.partnerships}


@pytest.mark.parametrize("text", [
    "Freiburg pflegt mit Besançon eine Städtepartnerschaft und mit Padua eine Städtefreundschaft.",
    "Mit Besançon verbindet Freiburg eine Städtepartnerschaft, mit Padua eine Städtefreundschaft.",
    "Mit der Stadt Besançon pflegt Freiburg eine Städtepartnerschaft, mit dem italienischen Padua eine enge Städtefreundschaft.",
    "Mit Besançon ist Freiburg verschwistert, mit Padua befreundet.",
    # the partner after its type word, as before
    "Freiburg pflegt eine Städtepartnerschaft mit Besançon und eine Städtefreundschaft mit Padua.",
])
def test_a_type_word_after_its_fronted_partner_is_that_partners(extractor, text):
    types = _types(extractor, text)
    assert types[frozenset({"Freiburg", "Besançon"})] == "staedtepartnerschaft"
    assert types[frozenset({"Freiburg", "Padua"})] == "freundschaft"


def test_a_semicolon_parts_two_pairs_and_their_type_words(extractor):
    text = ("Seit Jahren besteht eine Projektpartnerschaft zwischen Freiburg und Wiwilí; "
            "die Städtepartnerschaft zwischen Freiburg und Besançon ist älter.")
    types = _types(extractor, text)
    assert types[frozenset({"Freiburg", "Wiwilí"})] == "projektpartnerschaft"
    assert types[frozenset({"Freiburg", "Besançon"})] == "staedtepartnerschaft"


def test_list_items_parted_by_semicolons_keep_their_own_brackets(extractor):
    text = "Partnerschaften: Augsburg und Poltawa (Solidaritätspartnerschaft); Lüneburg und Winnyzja (Städtepartnerschaft)."
    types = _types(extractor, text)
    assert types[frozenset({"Augsburg", "Poltawa"})] == "solidaritaetspartnerschaft"
    assert types[frozenset({"Lüneburg", "Winnyzja"})] == "staedtepartnerschaft"
