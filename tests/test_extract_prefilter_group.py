"""`prefilter.PrefilteredGroup`: asked about a whole string, it answers for each of its patterns
what that pattern's own pre-filter answers (so a pattern it leaves out finds nothing), on the
date patterns the pair rules ask about each stretch, for stretches made to hold their literals,
digits, exotic case partners ("ſ", "ı") and "İ" (which lowers to two characters)."""

from __future__ import annotations

import functools
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnergraph.extract.prefilter import Prefiltered, PrefilteredGroup
from partnergraph.extract.relations import RelationRules
from partnergraph.extract.rules import rules


@functools.lru_cache(maxsize=1)
def _relations() -> RelationRules:
    return RelationRules(rules(), determiners=frozenset())  # (0.2 s: built once for every example)


def _date_group() -> PrefilteredGroup:
    return _relations()._date_patterns


def _literals() -> list[str]:
    group = _date_group()
    return sorted({*group._union[0], *group._union[1]})


#: the pieces stretches are made of: the patterns' literals, dates, words of the stretches the
#: rules see, and the characters that change how a stretch is read
_PIECES = st.one_of(
    st.sampled_from(_literals()),
    st.sampled_from(["1990", "seit", "Seit dem Jahr 2004", "25. Juni 2008", "50-jährige", "vor 30 Jahren",
                     "Partnerschaft", "unterzeichnet", "besiegelt", " ", ", ", ". ", "(", ")"]),
    st.sampled_from(["ſ", "ı", "İ", "K", "é"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüß ÄÖÜABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,-", max_size=12),
)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_the_group_answers_as_each_pattern_does(stretch):
    group = _date_group()
    may = group.may_match(stretch)
    assert len(may) == len(group.patterns)
    for pattern, answer in zip(group.patterns, may):
        assert answer == (not pattern._cannot_match(stretch, 0, len(stretch))), (pattern.pattern.pattern, stretch)
        if not answer:
            assert pattern.pattern.search(stretch) is None, (pattern.pattern.pattern, stretch)


def test_a_pattern_without_literals_is_always_tried():
    group = PrefilteredGroup([Prefiltered(re.compile(r"\w+")), Prefiltered(re.compile(r"Partnerstadt", re.IGNORECASE))])
    assert group.may_match("Eine Stadt") == [True, False]
    assert group.may_match("Die PARTNERSTADT") == [True, True]


def test_a_digit_stands_for_the_literal_of_a_digit_led_pattern():
    group = PrefilteredGroup([Prefiltered(re.compile(r"\d{4}|jubiläum", re.IGNORECASE))])
    assert group.may_match("Ohne Zahl und Fest") == [False]
    assert group.may_match("Im 3. Quartal") == [True]  # (a digit: the pattern itself decides)
    assert group.may_match("Das JUBILÄUM") == [True]
