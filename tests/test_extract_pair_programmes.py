"""The article's only programme is not the programme of a town twinning or a friendship beside the
pairs it stands for (issue 17: "a programme attaches only to the pair its sentence states it
for"; session 22, pair_programmes.py).

Every text is written by us, in our own words."""

from __future__ import annotations

import pytest

from partnergraph import Article


def _programmes(extractor, text: str) -> dict[frozenset, str | None]:
    ex = extractor.extract(Article(url="test:pair-programmes", text=text))
    by_key = {k: p.name_de for k, p in ex.places.items()}
    return {frozenset(by_key[r] for _, r in p.partners): p.programme for p in ex.partnerships}


CLIMATE, TWINNING = frozenset({"Freiburg", "Wiwilí"}), frozenset({"Freiburg", "Besançon"})


@pytest.mark.parametrize("text", [
    "Im Projekt Kommunale Klimapartnerschaften arbeitet Freiburg mit Wiwilí zusammen. "
    "Daneben pflegt Freiburg eine Städtepartnerschaft mit Besançon.",
    "Freiburg ist seit 1959 Partnerstadt von Besançon. "
    "Über das Programm Kommunale Klimapartnerschaften kam 2014 Wiwilí hinzu.",
])
def test_a_twinning_beside_the_programmes_pair_is_outside_the_programme(extractor, text):
    programmes = _programmes(extractor, text)
    assert programmes[CLIMATE] == "klimapartnerschaften"
    assert programmes[TWINNING] is None


def test_the_articles_only_pair_keeps_the_articles_programme(extractor):
    text = "Kommunale Klimapartnerschaften: Freiburg pflegt eine Städtepartnerschaft mit Besançon."
    assert _programmes(extractor, text)[TWINNING] == "klimapartnerschaften"
