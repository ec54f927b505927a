"""A partner named both by a short name and by the longer name that holds it is one place: the
pair of the short form is dropped where the longer form has the same partner, and the two forms
are no pair (nested_partners.py). Own-words fixtures with invented pages."""

import datetime as dt

from partnergraph.extract.nested_partners import _holds, drop_nested_partners
from partnergraph.models import Article, Extraction, Partnership, Place


def _ex(names: dict[str, str], pairs: list[tuple[str, str]]) -> Extraction:
    ex = Extraction(article=Article(url="https://example.org/c", title="", text="", date=dt.date(2024, 1, 1)))
    ex.places = {ref: Place(name_de=name, country=None) for ref, name in names.items()}
    ex.partnerships = [Partnership(partners=tuple(sorted((("municipality", a), ("municipality", b)))))
                       for a, b in pairs]
    return ex


def _pairs(ex):
    return {frozenset(r for _, r in p.partners) for p in ex.partnerships}


def test_a_short_form_paired_beside_its_borough_with_the_same_partner_is_dropped():
    ex = _ex({"k": "Köpenick", "tk": "Treptow-Köpenick", "t": "Tepebaşı"}, [("k", "t"), ("tk", "t")])
    drop_nested_partners(ex)
    assert _pairs(ex) == {frozenset({"tk", "t"})}


def test_a_town_and_its_longer_merged_name_are_no_pair():
    ex = _ex({"d": "Domfront", "dp": "Domfront-en-Poiraie", "b": "Burgwedel"}, [("d", "dp"), ("b", "dp")])
    drop_nested_partners(ex)
    assert _pairs(ex) == {frozenset({"b", "dp"})}


def test_a_district_named_by_a_designation_before_its_seat_stays_a_partner_beside_the_town():
    ex = _ex({"k": "Kreis Nordheide", "p": "Pisz", "pp": "Powiat Pisz"}, [("k", "p"), ("k", "pp")])
    drop_nested_partners(ex)
    assert _pairs(ex) == {frozenset({"k", "p"}), frozenset({"k", "pp"})}


def test_only_whole_words_after_the_name_or_a_hyphen_before_it_make_a_longer_form():
    assert _holds("Wien 1. Bezirk", "Wien") and _holds("Treptow-Köpenick", "Köpenick")
    assert not _holds("Hallein", "Halle") and not _holds("Powiat Pisz", "Pisz")
