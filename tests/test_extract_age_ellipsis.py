"""A count of years whose unit the parallel clause after it states ("seit 40, die mit B seit 12
Jahren") is a count of years (rules-de.json age_patterns, _age_ellipsis). Own-words fixtures."""

import datetime

from partnergraph.models import Article


def starts(extractor, text):
    art = Article(url="https://beispiel.example/e", title="", text=text, date=datetime.date(2016, 5, 3))
    ex = extractor.extract(art)
    names = {k: p.name_de for k, p in ex.places.items()}
    return {frozenset(names.get(r, r) for _, r in p.partners): p.start_year for p in ex.partnerships}


def test_a_count_whose_unit_the_parallel_clause_states_is_a_count_of_years(extractor):
    # German ellipsis: "seit 40" takes "Jahren" from the clause after it
    text = "Lindau hat zwei Partnerstädte. Die Städtepartnerschaft mit Chur gibt es seit 40, die mit Bregenz seit 12 Jahren."
    found = starts(extractor, text)
    assert found.get(frozenset({"Lindau", "Chur"})) == 1976
    assert found.get(frozenset({"Lindau", "Bregenz"})) == 2004


def test_a_bare_seit_with_a_figure_and_no_parallel_clause_is_no_count(extractor):
    text = "Lindau und Chur sind Partnerstädte. Die Partnerschaft wächst seit 40, sagt der Bürgermeister."
    assert set(starts(extractor, text).values()) == {None}
