"""A list of pairs after a colon whose introducing sentence about partnerships stands a sentence
or two before it, in its paragraph (extract/colon_pair_lists.py). All fixtures are our own."""

from conftest import pairs_in


def pair_names(extractor, text):
    return pairs_in(extractor, text, "https://nachrichten.example/netzwerk/2", title="Netzwerk")


def test_a_colon_list_two_sentences_after_its_introduction_pairs_each_item(extractor):
    text = ("Die Klimapartnerschaften mit Afrika wachsen. Immer mehr Kommunen schließen sich an. "
            "Neu dazugekommen sind: Bonn und Cape Coast, Dortmund und Kumasi.")
    assert pair_names(extractor, text) == {frozenset({"Bonn", "Cape Coast"}), frozenset({"Dortmund", "Kumasi"})}


def test_a_colon_list_in_another_paragraph_than_the_introduction_is_no_list_of_pairs(extractor):
    text = ("Die Klimapartnerschaften mit Afrika wachsen. Immer mehr Kommunen schließen sich an.\n\n"
            "Beim Sportfest traten an: Bonn und Cape Coast, Dortmund und Kumasi.")
    assert pair_names(extractor, text) == set()
