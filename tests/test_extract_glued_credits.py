"""A photo credit glued to the next sentence (its line break lost, as scraped pages often have it):
"Foto: Stadt Jena Jena und B haben …" — the credit names the town's administration, the text
opens with the town, so the credit ends at the first of the two same words and the sentence keeps
its town (extractor._drop_credits, cue_places._trim_name). All fixtures are sentences of our own."""

import pytest

from partnergraph.models import Article


def pairs(extractor, text):
    ex = extractor.extract(Article(url="https://nachrichten.example/meldung/3", title="Meldung", text=text))
    return {tuple(sorted(ex.places[r].name_de for _k, r in p.partners)) for p in ex.partnerships}


@pytest.mark.parametrize("credit", ["Foto: Stadt Erfurt", "Foto: Stadtverwaltung Erfurt", "© Stadt Erfurt"])
def test_a_credit_glued_to_a_sentence_opening_with_its_town_keeps_the_town(extractor, credit):
    text = f"{credit} Erfurt und Kati haben am Mittwoch eine Klimapartnerschaft besiegelt."
    assert pairs(extractor, text) == {("Erfurt", "Kati")}


def test_a_credit_on_its_own_line_still_names_no_place(extractor):
    text = "Foto: Stadt Gotha\nKati und Erfurt haben am Mittwoch eine Klimapartnerschaft besiegelt."
    assert pairs(extractor, text) == {("Erfurt", "Kati")}
