"""Partnerships as real German pages write them: lists of pairs, a town's list of partners, a
year or status that belongs to one pair only, ended and planned partnerships, the type words of
the vocabulary. The fixture articles (tests/fixtures/patterns) are our own words, one pattern
each; their gold (tests/gold/patterns.jsonl) gives every pair with type, start year and status."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from partnergraph.extract.evaluate import evaluate, norm
from partnergraph.graph.triples import article_quads
from partnergraph.graph.iri import Minter
from partnergraph.models import Article
from partnergraph.sources import read_path

TESTS = Path(__file__).parent
ARTICLES = TESTS / "fixtures" / "patterns" / "articles.jsonl"
GOLD = TESTS / "gold" / "patterns.jsonl"
PG = "https://w3id.org/partnergraph/ontology#"


def _gold() -> dict[str, dict]:
    return {g["id"]: g for g in map(json.loads, GOLD.read_text(encoding="utf-8").splitlines()) if g}


def _article(slug: str) -> Article:
    return next(a for a in read_path(ARTICLES) if a.url.endswith("/" + slug))


def _facts(extractor, slug: str) -> set[tuple]:
    """(partners, type, start year, status) as the extractor gives them, partners as the
    names gold uses (GeoNames name where it has one)."""
    ex = extractor.extract(_article(slug))
    out = set()
    for p in ex.partnerships:
        names = frozenset(norm(ex.places[r].name_en or ex.places[r].name_de) for _, r in p.partners)
        out.add((names, p.type, p.start_year, p.status or "active"))
    return out


def _expected(slug: str) -> set[tuple]:
    return {(frozenset({norm(p["a"]), norm(p["b"])}), p["type"], p.get("start"), p.get("status", "active"))
            for p in _gold()[slug]["partnerships"]}


def _check(extractor, slug: str) -> None:
    assert _facts(extractor, slug) == _expected(slug)


def test_every_pattern_fixture_has_gold_and_the_gold_names_the_pattern_articles():
    slugs = {a.url.rsplit("/", 1)[1] for a in read_path(ARTICLES)}
    assert slugs == set(_gold())


def test_an_enumeration_of_pairs_with_und_pairs_each_town_with_its_neighbour_only(extractor):
    _check(extractor, "paar-aufzaehlung-und")


def test_hyphen_pairs_in_a_list_are_pairs_and_take_the_type_of_the_sentence_before(extractor):
    _check(extractor, "paar-aufzaehlung-bindestrich")


def test_pairs_after_a_colon_continue_the_introducing_sentence(extractor):
    _check(extractor, "paar-aufzaehlung-nach-einleitung")


def test_a_list_of_partners_with_country_and_year_gives_each_partner_its_own_year(extractor):
    _check(extractor, "liste-mit-land-und-jahr")


def test_a_list_whose_line_breaks_were_lost_belongs_to_the_town_of_the_title(extractor):
    _check(extractor, "liste-ohne-zeilenumbrueche")


def test_bulleted_lines_after_an_introducing_sentence_are_that_towns_partners_with_their_status(extractor):
    _check(extractor, "liste-als-zeilen")


def test_a_list_line_that_is_a_pair_itself_stays_that_pair(extractor):
    _check(extractor, "paar-zeile-in-liste")


def test_a_list_that_puts_the_year_before_each_partner_gives_each_partner_the_year_before_it(extractor):
    _check(extractor, "liste-jahr-vor-dem-namen")


def test_two_pairs_in_one_sentence_keep_their_own_years(extractor):
    _check(extractor, "jahr-je-paar")


def test_a_year_belongs_to_the_town_it_stands_next_to_not_to_its_neighbours_pair(extractor):
    _check(extractor, "jahr-nicht-fuer-den-nachbarn")


def test_suspended_and_dormant_partnerships_are_suspended_dissolved_ones_ended_and_their_date_is_no_start(extractor):
    _check(extractor, "status-beendet")


def test_an_intended_suspension_leaves_the_partnership_active_and_frozen_contacts_are_suspended(extractor):
    _check(extractor, "status-ruhen-lassen")


def test_an_intended_partnership_is_planned_and_an_old_one_beside_it_stays_active(extractor):
    _check(extractor, "status-geplant")


def test_a_partnership_sought_or_not_yet_signed_is_planned_but_another_plan_beside_it_is_not(extractor):
    _check(extractor, "status-geplant-im-satz")


def test_a_negated_status_word_leaves_the_partnership_active(extractor):
    _check(extractor, "status-nicht-beendet")


def test_jumelage_schwesterstadt_freundschaftsvertrag_and_staedtefreundschaft_are_typed_by_the_vocabulary(extractor):
    _check(extractor, "typen-aus-dem-vokabular")


def test_the_majority_type_of_the_article_types_a_pair_whose_sentence_names_none(extractor):
    _check(extractor, "typ-der-mehrheit-mit-nebenbemerkung")


def test_foreign_towns_joined_by_mit_are_partners_group_by_group(extractor):
    _check(extractor, "mit-gruppen-im-ausland")


def test_an_endonym_in_brackets_does_not_part_a_pair_of_a_list(extractor):
    _check(extractor, "paare-mit-klammer")


def test_die_partnerstaedte_without_an_owner_are_those_of_the_town_the_article_is_about(extractor):
    _check(extractor, "die-partnerstaedte-der-stadt")


def test_indented_bullets_under_a_line_ending_in_a_colon_are_that_lines_list(extractor):
    _check(extractor, "liste-eingerueckt")


def test_a_foreign_town_introducing_its_list_of_partners_owns_the_list(extractor):
    _check(extractor, "auslaendische-liste")


def test_partnerships_between_towns_leave_the_type_unspecified(extractor):
    _check(extractor, "partnerschaft-zwischen-staedten")


def test_a_partnership_only_sealed_leaves_the_type_unspecified(extractor):
    _check(extractor, "partnerschaft-besiegelt-ohne-urkunde")


def test_a_partnership_sealed_by_its_deed_is_a_town_twinning(extractor):
    _check(extractor, "partnerschaft-urkunde-unterzeichnet")


def test_towns_that_are_verschwistert_are_twinned(extractor):
    _check(extractor, "verschwistert")


def test_towns_that_are_befreundet_have_a_friendship_link(extractor):
    _check(extractor, "befreundete-staedte")


def test_a_partnership_sealed_officially_stays_unspecified_as_a_cooperation_does(extractor):
    _check(extractor, "offiziell-besiegelt")


def test_several_german_towns_with_as_many_foreign_ones_pair_in_order_and_a_relative_clause_binds_its_town(extractor):
    _check(extractor, "mehrere-deutsche-orte")


@pytest.mark.parametrize("slug", ["jubilaeum-mit-jahr", "jubilaeum-mit-datum", "vertrag-unterzeichnet",
                                  "jubilaeum-mit-datumszeile", "jahr-mit-spaetem-verb", "gruendungsakt-vor-seit",
                                  "vereinbarung-nach-beziehungen", "jaehrt-sich-zum-mal",
                                  "einweihung-ist-kein-gruendungsakt", "gruendungsjahr-naechst-am-verb",
                                  "jahr-nur-fuer-die-erste-aussage", "attributives-jahr-in-liste"])
def test_start_years_from_anniversaries_and_signed_treaties(extractor, slug):
    _check(extractor, slug)


@pytest.mark.parametrize("slug", ["keine-partnerschaft-ohne-hinweis", "eigentuemer-ist-kein-partner", "schwache-anapher",
                                  "verneinte-partnerschaft", "partnerschaft-von-schulen",
                                  "nicht-zustande-gekommen"])
def test_places_without_a_stated_partnership_make_no_pair(extractor, slug):
    assert _facts(extractor, slug) == set()


def test_a_genitive_owner_of_partners_takes_every_other_place_of_the_sentence_as_partner(extractor):
    _check(extractor, "liste-nach-genitiv-eigentuemer")


def test_a_place_that_only_locates_another_is_no_partner(extractor):
    _check(extractor, "ort-mit-lagebezeichnung")


def test_zwischen_a_und_b_sowie_c_gives_a_pair_for_each_of_b_and_c(extractor):
    _check(extractor, "zwischen-mit-sowie")


def test_each_type_word_types_the_partner_it_introduces(extractor):
    _check(extractor, "typ-je-partner-geplant")


def test_a_hyphenated_town_name_is_one_partner_not_a_pair(extractor):
    _check(extractor, "bindestrich-name-ist-ein-ort")


def test_the_pattern_gold_scores_every_partnership_with_its_type(extractor):
    result = evaluate(GOLD, read_path(ARTICLES), extractor=extractor)
    s = result.scores["partnerships"]
    assert (s.fp, s.fn) == (0, 0), (s.false_positives, s.false_negatives)


def _status_values(extractor, text: str) -> set[str]:
    ex = extractor.extract(Article(url="https://beispiel.example/status", title="Partnerschaften", text=text,
                                   date=dt.date(2023, 3, 1)))
    quads = article_quads(ex, extractor.vocabulary, Minter())
    return {q.object.value for q in quads if q.predicate.value == PG + "status"}


def test_the_graph_states_a_status_only_where_the_text_does(extractor):
    suspended = "Die Städtepartnerschaft zwischen Dortmund und Rostow am Don ruht seit dem vergangenen Jahr."
    ended = "Die Städtepartnerschaft zwischen Dortmund und Rostow am Don wurde 2022 aufgelöst."
    stated = "Die Städtepartnerschaft zwischen Dortmund und Rostow am Don besteht seit 1977."
    assert _status_values(extractor, suspended) == {"suspended"}
    assert _status_values(extractor, ended) == {"ended"}
    assert _status_values(extractor, stated) == set()


def test_two_german_towns_are_partners_only_where_a_partnership_noun_links_them(extractor):
    _check(extractor, "inlandspartner-mit-liste")


def test_a_town_named_twice_in_an_enumeration_is_the_partner_of_both_its_neighbours(extractor):
    _check(extractor, "paar-aufzaehlung-geteilter-partner")


def test_a_german_town_in_a_list_of_partners_is_no_owner_and_later_years_go_to_the_lists_owner(extractor):
    _check(extractor, "jahre-der-listenpartner-ohne-eigentuemer")


def test_a_type_word_after_a_list_of_partners_types_every_item(extractor):
    _check(extractor, "typ-nach-liste")


def test_a_year_in_a_sentence_naming_only_the_pair_or_an_act_naming_its_only_partner_dates_that_pair(extractor):
    _check(extractor, "jahr-im-eigenen-satz-des-paares")


def test_a_council_decision_or_the_will_to_found_a_partnership_is_planned_but_a_dated_decision_is_history(extractor):
    _check(extractor, "ratsbeschluss-geplant")


def test_pairs_of_a_list_joined_with_their_designations_are_each_a_pair(extractor):
    _check(extractor, "paare-mit-gemeinde-bezeichnung")


def test_a_section_headed_by_a_partner_pairs_it_with_the_pages_town_where_the_section_states_a_partnership(extractor):
    _check(extractor, "abschnitt-je-partnerstadt")


def test_a_pair_line_of_an_ownerless_list_keeps_its_dash_pair_behind_another_place(extractor):
    _check(extractor, "paarzeile-mit-vorangestelltem-ort")


def test_a_list_of_pairs_named_only_by_a_generic_word_takes_no_type_from_a_later_sentence(extractor):
    _check(extractor, "paarliste-mit-allgemeinem-wort")


def test_a_list_of_pairs_named_by_a_generic_word_takes_the_type_of_the_set_named_before_it(extractor):
    _check(extractor, "paarliste-erbt-typ-davor")


def test_a_type_word_that_introduces_another_partner_does_not_type_a_partner_a_generic_word_introduces(extractor):
    _check(extractor, "allgemeines-wort-fuehrt-partner-ein")


def test_a_place_named_with_a_distance_and_direction_only_locates_the_partner(extractor):
    _check(extractor, "entfernung-als-lage")


def test_a_german_town_named_after_mit_is_not_the_town_the_next_sentences_list_partners_of(extractor):
    _check(extractor, "mit-ort-ist-nicht-subjekt")


def test_an_associations_name_adds_no_type_to_a_relation_the_text_names_otherwise(extractor):
    _check(extractor, "vereinsname-ist-kein-typ")


def test_an_associations_name_types_a_relation_the_text_names_no_other_way(extractor):
    _check(extractor, "vereinsname-als-einziges-wort")


def test_a_future_founding_act_an_intended_merger_and_a_first_step_are_planned(extractor):
    _check(extractor, "status-geplant-zukunft")


def test_a_partnership_that_existed_until_a_year_or_that_ended_is_ended_and_that_year_is_no_start(extractor):
    _check(extractor, "status-frueher-bestand")


def test_a_status_in_the_sentence_after_the_pair_that_refers_back_to_it_is_the_pairs(extractor):
    _check(extractor, "status-folgesatz")


def test_a_year_counted_from_the_one_before_gives_the_shifted_start_also_in_a_chain(extractor):
    _check(extractor, "jahr-relativ")


def test_a_visit_that_ended_a_topic_to_be_discussed_and_a_jubilee_signing_state_no_status(extractor):
    base = "Die Städtepartnerschaft zwischen Kiel und Tallinn besteht seit 1986. "
    assert _status_values(extractor, base + "Der Besuch der Delegation endete mit einem Empfang im Rathaus.") == set()
    assert _status_values(extractor, base + "Der Bürgermeister wird in seiner Rede auf die Partnerschaft eingehen.") == set()
    assert _status_values(extractor, base + "Zum Jubiläum werden die Bürgermeister die Partnerschaftsurkunde "
                                            "erneut unterzeichnen.") == set()
    assert _status_values(extractor, base + "Im Mai werden die Bürgermeister gemeinsam ein Denkmal einweihen.") == set()


def _starts(extractor, text: str) -> set[int | None]:
    ex = extractor.extract(Article(url="https://beispiel.example/jahre", title="Partnerschaften", text=text,
                                   date=dt.date(2023, 3, 1)))
    return {p.start_year for p in ex.partnerships}


def test_a_counted_year_with_no_stated_year_before_it_gives_no_start_not_a_neighbours_year(extractor):
    assert _starts(extractor, "Ein Jahr später folgte die Städtepartnerschaft zwischen Hameln und Quedlinburg.") == {None}
    # the act in the sentence after that refers back: the counted year is the founding's
    assert _starts(extractor, "Hameln und Quedlinburg sind seit 1988 Partnerstädte. Im Jahr darauf "
                              "besiegelten die beiden Städte ihre Partnerschaft offiziell.") == {1989}
