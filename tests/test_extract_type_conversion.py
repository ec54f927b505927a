"""A pair whose page says one kind of partnership became another: both kinds are the pair's, and
the sentence's one date is the kind its wording dates (extract/type_conversion.py). All fixtures
are sentences of our own."""

import datetime as dt

from partnergraph.models import Article


def kinds(extractor, text):
    ex = extractor.extract(Article(url="https://beispiel.example/umwandlung", title="", text=text,
                                   date=dt.date(2024, 3, 1)))
    return {p.type: p.start_year for p in ex.partnerships}


def test_a_later_kind_in_brackets_leaves_the_sentences_date_to_the_earlier_kind(extractor):
    text = ("Partnerstädte im Überblick. Seit 1921 unterhalten Aarau (Schweiz) und Tübingen eine "
            "Städtefreundschaft (inzwischen Städtepartnerschaft), die auf einen Chor zurückgeht.")
    assert kinds(extractor, text) == {"freundschaft": 1921, "staedtepartnerschaft": None}


def test_a_friendship_agreement_turned_into_a_partnership_agreement_dates_the_partnership_only(extractor):
    text = ("Erfurt ist die Partnerstadt von Kalisz. Die beiden Städte hatten 1987 einen Freundschaftsvertrag "
            "geschlossen. Im Mai 2004 haben die Räte beider Städte ihren Freundschaftsvertrag in einen "
            "förmlichen Partnerschaftsvertrag überführt.")
    got = kinds(extractor, text)
    assert got.get("staedtepartnerschaft") == 2004
    assert got.get("freundschaft") != 2004


def test_a_partnership_grown_from_a_friendship_takes_the_year_of_the_growth_verb(extractor):
    text = ("Die Verbindung zwischen Erfurt und Kalisz pflegen beide Städte eifrig. Aus der langen "
            "Städtefreundschaft wurde 2004 eine offizielle Städtepartnerschaft zwischen Erfurt und Kalisz.")
    got = kinds(extractor, text)
    assert got.get("staedtepartnerschaft") == 2004
    assert "freundschaft" in got and got["freundschaft"] != 2004


def test_two_kinds_named_side_by_side_are_no_conversion():
    from partnergraph.extract.rules import rules
    from partnergraph.extract.type_conversion import TypeConversions
    conversions = TypeConversions(rules()["type_conversion"])
    text = "Die Städtefreundschaft und die Klimapartnerschaft bestehen nebeneinander, beide seit 2010."
    gap = text.index(" und")
    assert not conversions.earlier_dated.match(text, gap)
    assert not conversions.grown_from.match(text, gap)
    assert not conversions.converted_into.match(text, gap)
