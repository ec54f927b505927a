"""A year no date pattern reads (no "seit", "im Jahr", founding verb right beside it) dates the
pair whose place it stands before, in a sentence that names the partnership (session 13, issue
#17: bare_years.py). Every text is written by us, in our own words; each wording is checked
against one that must not count."""

from __future__ import annotations

import pytest

from conftest import partnership_of

PAIR = frozenset({"Erfurt", "Kalisz"})


def _start(extractor, text: str):
    return partnership_of(extractor, text, PAIR, "test:bare-years").start_year


@pytest.mark.parametrize("text", [
    "Die erste Städtepartnerschaft der Region kam 1994 zwischen Erfurt und Kalisz zustande.",
    "Nach langen Gesprächen kam es 1994 zu einem Partnerschaftsvertrag zwischen Erfurt und Kalisz.",
    "Die erste Städtepartnerschaft feierten 1994 die Städte Erfurt und Kalisz mit einem Fest.",
])
def test_a_bare_year_before_the_pair_in_a_partnership_sentence_dates_it(extractor, text):
    assert _start(extractor, text) == 1994


def test_a_bare_year_after_the_only_partner_at_the_sentence_end_dates_it(extractor):
    text = ("Erfurt pflegt eine Städtepartnerschaft mit Kalisz. Der Stadtrat lobt den Austausch. "
            "Das polnische Kalisz wurde 1994 Partnerstadt.")
    assert _start(extractor, text) == 1994


def test_a_sentence_dating_two_pairs_gives_each_its_own_year(extractor):
    text = ("Es gibt viele deutsch-polnische kommunale Partnerschaften. Die erste wurde 1975 zwischen den Städten "
            "Gotha in Thüringen und Opole gegründet, die letzte 1994 zwischen den Städten Erfurt in Thüringen "
            "und dem polnischen Kalisz.")
    assert _start(extractor, text) == 1994


@pytest.mark.parametrize("text", [
    # an event's date: its day, month or season
    "Im Sommer 1994 besuchte eine Delegation aus Erfurt die Partnerstadt Kalisz.",
    "Vom 3. bis 5. Mai 1994 besuchte eine Delegation aus Erfurt die Partnerstadt Kalisz.",
    # an edition, not a founding
    "Die Städtepartnerschaft von Erfurt und Kalisz ist für den Umweltpreis 1994 nominiert.",
    # a plan or an end: the year is that state's
    "Die Städtepartnerschaft von Erfurt und Kalisz soll 1994 vertieft werden.",
    # an institutions' partnership, far from the pair
    "Begründet auf der Städtepartnerschaft fand 1994 erstmals ein Schüleraustausch zwischen der "
    "Goethe-Realschule Erfurt und dem Gymnasium in Kalisz.",
])
def test_a_bare_year_of_something_else_does_not_date_the_pair(extractor, text):
    assert _start(extractor, text) is None


def test_a_bare_year_dates_no_type_of_a_pair_with_two_types(extractor):
    # a bare year names no type: the page may date one of the pair's relations and not the other
    # (benchmarks/real/README.md: each type carries its own founding act's year)
    from partnergraph import Article

    text = ("Erfurt und Kalisz arbeiten seit Jahren als Projektpartner zusammen. Grundlage ist ein "
            "Stadtratsbeschluss aus dem Jahr 1994; Kalisz war damit die erste Kommune, mit der Erfurt eine "
            "Partnerschaft einging. Beide Städte haben im Projekt „Kommunale Klimapartnerschaften“ "
            "außerdem eine Klimapartnerschaft aufgebaut.")
    ex = extractor.extract(Article(url="test:bare-years-types", text=text))
    names = {k: p.name_de for k, p in ex.places.items()}
    found = {p.type: p.start_year for p in ex.partnerships
             if frozenset(names.get(r, r) for _, r in p.partners) == PAIR}
    assert found == {"projektpartnerschaft": None, "klimapartnerschaft": None}
