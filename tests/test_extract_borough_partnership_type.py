"""A borough's partnership is a town twinning (benchmarks/real/README.md: district-level formal
partnerships count as `staedtepartnerschaft`): "Bezirkspartnerschaft" and "Partnerbezirk" type a
pair as "Kreispartnerschaft" and "Partnerkreis" do (issue 17; Vienna and Berlin borough pages of
three publishers wrote it so). Texts written by us, in our own words."""

from __future__ import annotations

import pytest

from partnergraph import Article


def _types(extractor, text: str) -> set[str]:
    ex = extractor.extract(Article(url="test:borough-type", text=text))
    return {p.type for p in ex.partnerships}


@pytest.mark.parametrize("text", [
    "Die Bezirkspartnerschaft zwischen Neukölln und Anderlecht ist sehr lebendig.",
    "Anderlecht ist seit langem der Partnerbezirk von Neukölln.",
])
def test_a_borough_partnership_word_types_the_pair_a_town_twinning(extractor, text):
    assert _types(extractor, text) == {"staedtepartnerschaft"}


def test_a_bare_partnership_of_two_boroughs_stays_unspecified(extractor):
    assert _types(extractor, "Neukölln und Anderlecht pflegen eine Partnerschaft.") == {"unspecified"}
