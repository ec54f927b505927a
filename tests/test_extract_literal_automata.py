"""The one-pass literal finders of the extraction answer what the substring tests they replaced
answered (session 10's speed-ups, benchmarks/bench_extract.py): the status keys a stretch holds
(`key_sets.KeySets`), the cue literals of a sentence (`key_sets.LiteralFinder`), the date test
over a whole stretch (`prefilter.Occurs`), the window pre-filters that read a text's literals
once for all patterns (`prefilter.text_literals`), the start dates kept per article
(`year_memo.RememberedYears`) and the locator pass not repeated over the same list
(`locators.every_not_locators`). Keys inside other keys, repeated keys and overlapping
occurrences are the cases an automaton could get wrong."""

from __future__ import annotations

import functools
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnergraph.extract import prefilter
from partnergraph.extract.key_sets import KeySets, LiteralFinder
from partnergraph.extract.locators import every_not_locators
from partnergraph.extract.pair_attributes import StartYears
from partnergraph.extract.prefilter import Prefiltered
from partnergraph.extract.relations import RelationRules
from partnergraph.extract.rules import rules
from partnergraph.models import Mention, Span

_SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))


@functools.lru_cache(maxsize=1)
def _relations() -> RelationRules:
    return RelationRules(rules(), determiners=frozenset())  # (0.2 s: built once for every example)


_KEYS = ["absicht", "absichtserklärung", "ruht", "ruh", "auf eis", "eis", "aufgel", "beendet"]
_TEXT = st.lists(st.one_of(st.sampled_from(_KEYS), st.text(alphabet="abeilrstuhäöü .,", max_size=6)),
                 max_size=10).map("".join)


@_SETTINGS
@given(_TEXT)
def test_the_key_sets_are_those_of_the_keys_the_stretch_holds(low):
    sets = {k: frozenset({i, 100 + len(k)}) for i, k in enumerate(_KEYS)}
    base = frozenset({-1})
    assert KeySets(sets).union(base, low) == base.union(*(sets[k] for k in _KEYS if k in low))
    assert KeySets({}).union(base, low) == base


@_SETTINGS
@given(_TEXT)
def test_the_literal_finder_finds_the_literals_the_text_holds(low):
    assert LiteralFinder(_KEYS).present(low) == frozenset(filter(low.__contains__, _KEYS))
    assert LiteralFinder(()).present(low) == frozenset()


def test_the_status_keys_of_the_rules_choose_as_the_substring_tests_did():
    r = _relations()
    for low in ("die partnerschaft ruht seit 2022", "eine absichtserklärung wurde unterzeichnet",
                "auf „eis gelegt", "nichts davon", "aufgelöst und beendet"):
        expected = r.status_unkeyed.union(*(r.status_by_key[k] for k in r.status_keys if k in low))
        assert r.status_sets.union(r.status_unkeyed, low) == expected


_STRETCH = st.lists(st.one_of(
    st.sampled_from(["vergangenen Jahr", "Vorjahr", "zwei Jahre", "zwanzigjährige", "im Mai", "1990", "3. Mai",
                     "im folgenden Jahr", "Jahre später", "dreißig Jahre", "ſ", "ı", "İ", " ", ". "]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüß ÄÖJM0123456789.-", max_size=10)), max_size=8).map("".join)


@_SETTINGS
@given(_STRETCH)
def test_the_date_test_of_a_whole_stretch_is_its_alternation(stretch):
    occurs = _relations().any_date
    plain = re.compile(occurs.plain, re.IGNORECASE)
    assert occurs.search(stretch) == (plain.search(stretch) is not None)
    # (and a window of a longer text, read the other way)
    text = "Vorwort. " + stretch + " Ende."
    assert occurs.search(text, 9, 9 + len(stretch)) == (plain.search(text, 9, 9 + len(stretch)) is not None)


@_SETTINGS
@given(st.lists(st.sampled_from(["Partnerstadt ", "Konferenz in ", "Schule in ", "Bonn ", "die beiden Städte ",
                                 "ſ", "x", ". ", "Hochschulpartnerschaft zwischen "]), max_size=12).map("".join),
       st.integers(0, 40), st.integers(0, 40))
def test_a_window_search_finds_what_the_pattern_finds(text, a, b):
    r = _relations()
    lo, hi = min(a, b), max(a, b)
    for p in (r.institution_side_before, r.event_venue_before, r.pair_anaphora, r.partner_anaphora):
        found = p.search(text, lo, hi)
        plain = p.pattern.search(text, lo, hi)
        assert (found and found.span()) == (plain and plain.span()), (p.pattern.pattern[:60], text, lo, hi)
    held = prefilter.text_literals(text, text.lower()) if len(text.lower()) == len(text) else None
    if held is not None:
        assert held == {lit for lit in prefilter._ALL_LITERALS if lit in text.lower()}


def test_a_window_search_of_a_new_pattern_sees_its_own_literals():
    # (a pre-filter asked about windows for the first time adds its literals to the shared pass)
    text = "Im Rahmen der Zwillingsfreundschaft mit Bonn"
    p = Prefiltered(re.compile(r"zwillingsfreundschaft\s+mit\s+$", re.IGNORECASE))
    assert p.search(text, 0, 40) is not None and p.search(text, 0, 20) is None


def test_the_start_dates_are_kept_per_article_and_asked_again_answer_the_same():
    r = _relations()
    text = "Die Partnerschaft wurde 1990 besiegelt. Seit 2004 gibt es Austausch. Ein Jahr später kam Lyon hinzu."
    plain = [StartYears._year_candidates(r, text, s, e, 2023, False, 5) for s, e in ((0, 39), (40, 68), (69, 101))]
    kept = [r._year_candidates(text, s, e, 2023, False, 5) for s, e in ((0, 39), (40, 68), (69, 101))]
    assert kept == plain and kept[0]
    assert r._year_candidates(text, 0, 39, 2023, False, 5) is kept[0]  # (asked again: the memo's)
    other = "Im Jahr 1975 unterzeichneten beide Städte den Vertrag."
    assert r._year_candidates(other, 0, 39, 2023, False, 5) == StartYears._year_candidates(r, other, 0, 39, 2023, False, 5)


def _mention(ref: str, start: int) -> Mention:
    return Mention("municipality", ref, ref, start, start + 3, Span(0, 50))


def test_the_locator_pass_over_every_occurrence_reuses_the_named_list_only_when_it_is_that_list():
    a, b, c = _mention("a", 0), _mention("b", 10), _mention("c", 20)
    calls = []

    def strip(ms):
        calls.append(list(ms))
        return ms[1:]

    assert every_not_locators([b, a], [a, b], [b], strip) == [b] and calls == []
    a2 = _mention("a", 30)  # (a second occurrence: every occurrence is read on its own)
    assert every_not_locators([a, b, a2], [a, b], [b], strip) == [b, a2] and calls == [[a, b, a2]]
    assert every_not_locators([a, c], [a, b], [b], strip) == [c]
