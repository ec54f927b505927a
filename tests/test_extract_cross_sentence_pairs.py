"""Pairs stated across sentences on real pages the rules were never tuned on (issue 17, session
10: the missed pairs of fresh3 and fresh4, classified in docs/extraction.md). Each rule is
checked both ways: where it fires and where it must not.

Every text here is written by us, in our own words."""

from __future__ import annotations

from partnergraph import Article
from partnergraph.models import Extraction
from conftest import pair_names


def _extract(extractor, text: str, title: str = "", url: str = "test:cross-sentence") -> Extraction:
    return extractor.extract(Article(url=url, title=title, text=text))


# -- "die beiden Kreise" points back to two districts, not to a town the dateline names ----------

def test_the_two_districts_anaphor_pairs_the_districts_not_the_datelines_seat_town(extractor):
    ex = _extract(extractor, "Bad Segeberg (ab) Zehn Gäste aus dem Kreis Drawsko Pomorskie verbrachten eine Woche "
                             "im Kreis Segeberg. Seit 2001 besteht zwischen den beiden Kreisen eine Partnerschaft.")
    assert pair_names(ex) == {frozenset({"Kreis Segeberg", "Powiat Drawsko Pomorskie"})}


def test_the_two_towns_anaphor_still_pairs_the_towns_beside_a_district(extractor):
    ex = _extract(extractor, "Gäste aus Olsztyn besuchten Itzehoe im Kreis Steinburg. Seit 1998 besteht zwischen "
                             "den beiden Städten eine Partnerschaft.")
    assert pair_names(ex) == {frozenset({"Itzehoe", "Olsztyn"})}


def test_the_two_districts_anaphor_with_one_district_named_falls_back_to_the_latest_pair(extractor):
    ex = _extract(extractor, "Gäste aus dem Kreis Drawsko Pomorskie besuchten Bad Segeberg. Seit 2001 besteht "
                             "zwischen den beiden Kreisen eine Partnerschaft.")
    assert pair_names(ex) == {frozenset({"Bad Segeberg", "Powiat Drawsko Pomorskie"})}


# -- every inflection of the pair anaphor points back ---------------------------------------------

def test_the_mayors_of_both_communities_in_the_genitive_point_back_to_the_pair(extractor):
    ex = _extract(extractor, "Gäste aus Pécs besuchten Fellbach. Die Bürgermeister beider Gemeinden unterschrieben "
                             "1995 die Partnerschaftsurkunde.")
    assert pair_names(ex) == {frozenset({"Fellbach", "Pécs"})}


def test_a_deed_between_both_places_in_the_dative_points_back_to_the_pair(extractor):
    ex = _extract(extractor, "Gäste aus Pécs besuchten Fellbach. Im Jahr 1995 wurde zwischen beiden Orten ein "
                             "Freundschaftsvertrag unterzeichnet.")
    assert pair_names(ex) == {frozenset({"Fellbach", "Pécs"})}


def test_both_places_without_a_partnership_word_state_no_pair(extractor):
    ex = _extract(extractor, "Gäste aus Pécs besuchten Fellbach. Das Wetter war in beiden Orten sonnig.")
    assert pair_names(ex) == set()


# -- a hard-wrapped line after "beiden" or "unserer" goes on with the sentence --------------------

def test_a_line_wrapped_after_beiden_keeps_the_anaphor_within_reach_of_the_pair(extractor):
    ex = _extract(extractor, "Eine Schule im japanischen Tosu wollte 1990 ein altes Klavier aus\nZeitz verkaufen. "
                             "Eine Lehrerin setzte sich für\nseine Rettung ein. Daraus entstanden Kontakte zwischen beiden\n"
                             "Städten. Viele Besuche folgten in den Jahren danach und im\nJahr 2005 besiegelten die "
                             "Bürgermeister in Zeitz die Städtepartnerschaft.")
    assert pair_names(ex) == {frozenset({"Tosu", "Zeitz"})}


def test_a_line_break_before_a_capital_after_a_full_word_still_ends_the_line(extractor):
    from partnergraph.extract.sentences import split
    text = "Partnerstädte\nTosu in Japan\nUnsere Gäste"
    assert [text[s.start:s.end] for s in split(text)] == ["Partnerstädte", "Tosu in Japan", "Unsere Gäste"]
    wrapped = "Kontakte zwischen beiden\nStädten und unserer\nPartnerstadt."
    assert [wrapped[s.start:s.end] for s in split(wrapped)] == [wrapped]


# -- a teaser of bare pairs before the sentence that says they are partners ---------------------

def test_bare_pairs_in_the_lead_are_pairs_when_the_next_sentences_speak_of_partnerships(extractor):
    ex = _extract(extractor, "Fellbach und Pécs. Ravensburg und Lyon.\n\nViele Städte in Deutschland pflegen "
                             "Partnerschaften mit Städten in ganz Europa.")
    assert pair_names(ex) == {frozenset({"Fellbach", "Pécs"}), frozenset({"Ravensburg", "Lyon"})}


def test_a_bare_pair_that_belongs_to_a_set_named_later_is_a_pair(extractor):
    ex = _extract(extractor, "Ravensburg und Lyon gehören dazu. Mehr als hundert solcher Partnerschaften gibt es.")
    assert pair_names(ex) == {frozenset({"Ravensburg", "Lyon"})}


def test_bare_pairs_far_from_any_partnership_word_are_no_pairs(extractor):
    ex = _extract(extractor, "Fellbach und Pécs. Das Wetter war gut. Der Zug kam pünktlich. Die Gäste lachten. "
                             "Es gab Kuchen. Danach sprach man über Partnerschaften.")
    assert pair_names(ex) == set()


def test_a_bare_pair_of_one_country_or_joined_by_a_dash_is_no_pair(extractor):
    ex = _extract(extractor, "Fellbach und Ravensburg. Berlin – Ankara\n\nDie Partnerschaften der Städte werden "
                             "am Montag beraten.")
    assert pair_names(ex) == set()


def test_beide_gemeinden_refers_to_the_two_towns_not_to_a_district_named_beside_one(extractor):
    from partnergraph import Article
    from conftest import pair_names
    ex = extractor.extract(Article(url="test:beide-gemeinden", title="Jubiläum",
                                   text="Viele Bürger aus Stadtsteinach und dem Landkreis Kulmbach reisten nach Hajós, "
                                        "um das Jubiläum der Partnerschaft zwischen beiden Gemeinden zu feiern."))
    assert not any("Landkreis Kulmbach" in p for p in pair_names(ex))


# -- the pair anaphor never pairs two foreign places of one country --------------------------------

def test_the_two_districts_anaphor_does_not_pair_a_foreign_city_with_a_district_near_it(extractor):
    ex = _extract(extractor, "Der Landrat reiste nach Krakau und weiter in den Landkreis Tarnów. Dort kam erstmals "
                             "die Idee einer Partnerschaft zwischen beiden Kreisen auf.")
    assert pair_names(ex) == set()


def test_the_two_towns_anaphor_still_pairs_a_home_town_with_its_foreign_partner(extractor):
    ex = _extract(extractor, "Gäste aus Tarnów besuchten Rietberg. Seit 1994 besteht zwischen den beiden Städten "
                             "eine Partnerschaft.")
    assert pair_names(ex) == {frozenset({"Rietberg", "Tarnów"})}
