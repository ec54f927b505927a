"""A year inside a relative clause after a partner ("mit B, die seit 1988 besteht, und …") dates
that partner's pair, not the partner named after the clause (general German grammar: the clause
describes the noun before its comma; session 22, relative_clauses.relative_clause_head read by
bare_years.py).

Every text is written by us, in our own words."""

from __future__ import annotations

import pytest

from partnergraph import Article


def _starts(extractor, text: str) -> dict[frozenset, int | None]:
    ex = extractor.extract(Article(url="test:relative-clause-years", text=text))
    by_key = {k: p.name_de for k, p in ex.places.items()}
    return {frozenset(by_key[r] for _, r in p.partners): p.start_year for p in ex.partnerships}


@pytest.mark.parametrize("text", [
    "Erfurt pflegt eine Städtepartnerschaft mit Kalisz, die seit 1988 besteht, und eine Freundschaft mit Vilnius.",
    "Erfurt pflegt eine Städtepartnerschaft mit Kalisz, die bereits 1988 geschlossen wurde, und eine Freundschaft mit Vilnius.",
])
def test_a_year_in_a_relative_clause_is_the_pair_before_it(extractor, text):
    starts = _starts(extractor, text)
    assert starts[frozenset({"Erfurt", "Kalisz"})] == 1988
    assert starts[frozenset({"Erfurt", "Vilnius"})] is None


def test_a_year_before_the_partner_after_a_clause_is_still_that_partners(extractor):
    text = "Erfurt pflegt eine Städtepartnerschaft mit Kalisz, und seit 2006 eine Freundschaft mit Vilnius."
    assert _starts(extractor, text)[frozenset({"Erfurt", "Vilnius"})] == 2006
