"""French communes cities500 lacks, written with spaces around a French particle (extract/spaced_communes.py)."""

import datetime as dt

from partnergraph.models import Article


def places(extractor, text):
    ex = extractor.extract(Article(url="https://beispiel.example/f", title="", text=text, date=dt.date(2022, 6, 1)))
    return {(p.name_de, p.country) for p in ex.places.values()}


def test_a_spaced_name_joined_by_sur_or_sous_is_a_french_commune(extractor):
    found = places(extractor, "Der Chor fuhr nach Vaux sous Aubigny, um die Freundschaft mit der Gemeinde zu feiern.")
    assert ("Vaux-sous-Aubigny", "FR") in found
    # the gazetteer's hit inside the name gives way: "Aubigny" alone is another commune
    assert all(name != "Aubigny" and not name.startswith("Aubigny-") for name, _ in found)


def test_an_elided_name_counts_only_in_a_sentence_that_names_france(extractor):
    found = places(extractor, "Neben Zagan pflegt die Stadt eine Partnerschaft mit Gonfreville l’Orcher in Frankreich.")
    assert ("Gonfreville-l’Orcher", "FR") in found
    found = places(extractor, "Die Gemeinde an der Côte d’Azur lebt vom Tourismus, sagt der Bürgermeister aus Frankreich.")
    assert all("Côte" not in name for name, _ in found)
    # an Italian name stays the gazetteer's, in Italy
    found = places(extractor, "Die Delegation besuchte den Weinort San Damiano d'Asti im Piemont, nicht Frankreich.")
    assert all(country != "FR" for _, country in found)
