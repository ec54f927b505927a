"""Where a match can begin (extract/match_heads.py): the heads derived from a pattern open every
match of it, the case variants they are built from hold every character re.IGNORECASE matches,
and a pattern searched only from its heads finds what the pattern alone finds."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnergraph.extract.match_heads import _KNOWN_CASES, Skipping, _variants, heads, rare
from partnergraph.extract.rules import rules

START_PATTERNS = [re.compile(p["re"], re.IGNORECASE) for p in rules()["start_patterns"]]
SKIPPED = [p for p in START_PATTERNS if rare(heads(p))]


def test_the_case_variants_hold_every_character_re_ignorecase_matches():
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    for c in sorted(_KNOWN_CASES):
        assert set(re.findall(re.escape(c), every, re.IGNORECASE)) <= _variants(c, True), c


@pytest.mark.parametrize("pattern, found", [
    (r"\bim\s+\d", {"im", "iM", "Im", "IM", "ım", "ıM", "İm", "İM"}),
    (r"(?:ab|c)d?", None),                       # "c" alone may be the whole match
    (r"(?-i:ab)|cd", {"ab", "cd", "cD", "Cd", "CD"}),
    (r"(?-i:x*yz)", {"xx", "xy", "yz"}),          # a repeat that may be left out, or taken once or more
    (r"(?:1[89]|20)\d\d", {"18", "19", "20"}),
    (r"\w+ab", None),
    (r"(?<=a)bc(?=d)", {"bc", "bC", "Bc", "BC"}),
])
def test_heads_of_small_patterns(pattern, found):
    got = heads(re.compile(pattern, re.IGNORECASE))
    assert (set(got) if got else None) == found


def test_the_start_patterns_opening_with_a_year_or_im_are_skipped_to():
    assert len(SKIPPED) >= 4
    assert rare(frozenset({"19", "im", "İM"})) and not rare(frozenset({"be", "19"})) and not rare(None)


@pytest.mark.parametrize("index", range(len(SKIPPED)))
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_a_skipping_pattern_finds_what_the_pattern_alone_finds(index, data):
    pattern = SKIPPED[index]
    noise = st.text(alphabet="iIımM 12089.ſKab\n", max_size=10)
    core = data.draw(st.from_regex(pattern))
    text = data.draw(noise) + core + data.draw(noise) + data.draw(st.one_of(st.from_regex(pattern), noise))
    assert any(text.startswith(h, m.start()) for m in pattern.finditer(text) for h in heads(pattern)) \
        or not pattern.search(text)
    skipping = Skipping(pattern)
    pos = data.draw(st.integers(0, len(text)))
    endpos = data.draw(st.integers(pos, len(text)))
    for args in ((text,), (text, pos, endpos)):
        assert [m.span() for m in skipping.finditer(*args)] == [m.span() for m in pattern.finditer(*args)]
        found, plain = skipping.search(*args), pattern.search(*args)
        assert (found and found.span()) == (plain and plain.span())


def test_a_pattern_without_rare_heads_is_searched_as_it_is():
    skipping = Skipping(re.compile(r"\bbesiegelt\b", re.IGNORECASE))
    assert skipping._next is None
    assert [m.span() for m in skipping.finditer("Besiegelt und besiegelt")] == [(0, 9), (14, 23)]
