"""A list of pairs after a colon whose introducing sentence about partnerships stands a sentence
or two before it, in its paragraph (extract/colon_pair_lists.py). All fixtures are our own."""

from partnergraph.models import Article


def pair_names(extractor, text):
    ex = extractor.extract(Article(url="https://nachrichten.example/netzwerk/2", title="Netzwerk", text=text))
    return {tuple(sorted(ex.places[r].name_de for _k, r in p.partners)) for p in ex.partnerships}


def test_a_colon_list_two_sentences_after_its_introduction_pairs_each_item(extractor):
    text = ("Die Klimapartnerschaften mit Afrika wachsen. Immer mehr Kommunen schließen sich an. "
            "Neu dazugekommen sind: Bonn und Cape Coast, Dortmund und Kumasi.")
    assert pair_names(extractor, text) == {("Bonn", "Cape Coast"), ("Dortmund", "Kumasi")}


def test_a_colon_list_in_another_paragraph_than_the_introduction_is_no_list_of_pairs(extractor):
    text = ("Die Klimapartnerschaften mit Afrika wachsen. Immer mehr Kommunen schließen sich an.\n\n"
            "Beim Sportfest traten an: Bonn und Cape Coast, Dortmund und Kumasi.")
    assert pair_names(extractor, text) == set()
