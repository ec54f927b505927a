"""A pair the article names with a generic word only is not typed by another pair's apposition
("der Partnerstadt B" names that pair's relation), but by a word about the article's set
(benchmarks/real/README.md, generic "Partnerschaft" wording; apposed_types.py). Own words."""

from __future__ import annotations

from partnergraph import Article


def _types(extractor, text: str) -> dict[frozenset, str]:
    ex = extractor.extract(Article(url="test:apposed-types", text=text))
    return {frozenset(ex.places[r].name_de for _, r in p.partners): p.type for p in ex.partnerships}


def test_another_pairs_partnerstadt_does_not_type_a_pair_named_generically(extractor):
    types = _types(extractor, "Auch in Jena ruhen die Aktivitäten mit der Partnerstadt Lugoj. "
                              "Gera unterhält seit 1992 eine Partnerschaft mit Kalisz.")
    assert types == {frozenset({"Jena", "Lugoj"}): "staedtepartnerschaft",
                     frozenset({"Gera", "Kalisz"}): "unspecified"}


def test_a_set_word_still_types_a_pair_named_generically(extractor):
    types = _types(extractor, "Thüringens Städte pflegen ihre Partnerstädte in Osteuropa. "
                              "Gera unterhält seit 1992 eine Partnerschaft mit Kalisz.")
    assert types == {frozenset({"Gera", "Kalisz"}): "staedtepartnerschaft"}


def test_the_pairs_own_twinning_word_types_it(extractor):
    types = _types(extractor, "Auch in Jena ruhen die Aktivitäten mit der Partnerstadt Lugoj. "
                              "Gera unterhält seit 1992 eine Städtepartnerschaft mit Kalisz.")
    assert types[frozenset({"Gera", "Kalisz"})] == "staedtepartnerschaft"
