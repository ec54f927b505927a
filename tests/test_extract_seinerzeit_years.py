""""seinerzeit", like "damals", points back to the year the sentence before states. Written by us."""

from __future__ import annotations

from partnergraph import Article


def test_a_town_that_took_up_a_partnership_seinerzeit_takes_the_year_of_the_sentence_before(extractor):
    text = ("1962 entstand die erste Verbindung einer Stadt der Region mit einer Stadt in Italien. "
            "Die Stadt Bretten nahm seinerzeit mit der italienischen Stadt Ravenna eine Städtepartnerschaft auf.")
    ex = extractor.extract(Article(url="test:seinerzeit", text=text))
    years = {frozenset(ex.places[r].name_de for _, r in p.partners): p.start_year for p in ex.partnerships}
    assert years[frozenset({"Bretten", "Ravenna"})] == 1962
