"""A partner whose owner its own sentence names is that owner's partner only (issue 17,
extract/owned_partners.py): "Mit As Partnerstadt B ist ein Austausch zwischen … C … geplant", "Nach Absagen aus C und D … in B, einer der Partnerstädte
von A". The owner keeps the named partner; another town of the owner's country gets no pair with it
from that sentence, while the owned town keeps a partner of its own abroad ("As Partnerstadt B
pflegt eine Partnerschaft mit D").

Every text here is written by us, in our own words."""

from __future__ import annotations

from partnergraph import Article
from partnergraph.models import Extraction
from conftest import pair_names


def _extract(extractor, text: str, title: str = "") -> Extraction:
    return extractor.extract(Article(url="test:owned-partners", title=title, text=text))


def test_an_owned_town_keeps_its_own_partner_abroad(extractor):
    pairs = pair_names(_extract(extractor, "Auch Bremens Partnerstadt Rostock pflegt seit 1991 eine Städtepartnerschaft "
                                           "mit Riga."))
    assert frozenset({"Rostock", "Riga"}) in pairs
    assert frozenset({"Bremen", "Rostock"}) in pairs


def test_a_genitive_owner_keeps_its_partner_from_another_place_of_the_sentence(extractor):
    ex = _extract(extractor, "Mit Bochums Partnerstadt Donezk ist für 2025 ein Jugendaustausch zwischen dem "
                             "Jugendzentrum in Wattenscheid sowie einer Schule in Donezk geplant.")
    assert pair_names(ex) == {frozenset({"Bochum", "Donezk"})}


def test_one_of_the_owners_partners_excludes_the_other_places_of_the_sentence(extractor):
    ex = _extract(extractor, "Nach Absagen aus Lille, Lyon und Nantes kam doch noch eine Zusage aus Rennes, einer "
                             "der Partnerstädte von Erlangen.")
    assert pair_names(ex) == {frozenset({"Erlangen", "Rennes"})}


def test_a_list_after_the_owner_phrase_keeps_every_partner(extractor):
    ex = _extract(extractor, "Partnerstädte von Schwerin sind Wismar, Vaasa und Odense.")
    pairs = pair_names(ex)
    assert frozenset({"Schwerin", "Vaasa"}) in pairs
    assert frozenset({"Schwerin", "Odense"}) in pairs
