"""The literal pre-filter of the partnership cues (extract/cue_filter.py): every literal it
derives is really required by its pattern, tricky patterns derive what they must (or nothing),
and the cue decision of every sentence is the same with the filter as without it."""

from __future__ import annotations

import functools
import re
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnergraph.extract import sentences
from partnergraph.extract.cue_filter import pattern_clauses, pattern_literals, pattern_requirements, required_literals, trusting
from partnergraph.extract.prefilter import Prefiltered, _unanswered
from partnergraph.extract.relations import RelationRules
from partnergraph.extract.rules import rules
from partnergraph.models import Article
from partnergraph.resources import sample_dir
from partnergraph.sources import read_path

CUES = rules()["partnership_cues"]


@pytest.mark.parametrize("pattern", CUES)
def test_every_cue_pattern_derives_literals(pattern):
    assert pattern_literals(pattern), pattern
    assert required_literals(CUES) is not None


@pytest.mark.parametrize("pattern", CUES)
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_match_of_a_cue_pattern_contains_one_of_its_literals(pattern, data):
    compiled = re.compile(pattern, re.IGNORECASE)
    text = data.draw(st.from_regex(compiled))
    lower = text.lower()
    if compiled.search(lower):  # lowercasing may break a match ("İ" → "i̇"): has_cue searches the lowered text
        assert any(lit in lower for lit in pattern_literals(pattern)), (pattern, text)
        assert any(lit in lower for lit in required_literals(CUES)), (pattern, text)


@pytest.mark.parametrize("pattern, literals", [
    ("ab(cd)?ef", {"abef", "abcdef"}),                  # an optional group: both ways
    ("(?:foo|barx)\\d", {"foo", "barx"}),               # an alternation: one of its branches
    ("x[^a]yz", {"yz"}),                               # a negated class cuts the run
    ("\\bpartner(en)?\\s+der\\b", {"partner", "partneren"}),
    ("\\bpartner(in)?\\s+der\\b", {"partner"}),       # "i" may be "ı": the run stops before it
    ("(?:ab){1,3}x", {"ab"}),                          # a required repeat keeps its content
    ("q*\\w+zz", {"zz"}),
    ("PARTNER", {"partner"}),                          # the literals are lowercase
    ("pt(a|ä)dt", {"ptadt", "ptädt"}),                 # a class of letters multiplies
    ("kiss", {"k"}),                                   # "i" ~ "ı", "s" ~ "ſ" under re.IGNORECASE
])
def test_tricky_patterns_derive_the_literals_they_require(pattern, literals):
    assert pattern_literals(pattern) == literals


@pytest.mark.parametrize("pattern", ["ab(cd)?ef", "(?:foo|barx)\\d", "x[^a]yz", "\\bpartner(in)?\\s+der\\b",
                                     "(?:ab){1,3}x", "pt(a|ä)dt", "kiss"])
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_match_of_a_tricky_pattern_contains_one_of_its_literals(pattern, data):
    compiled = re.compile(pattern, re.IGNORECASE)
    lower = data.draw(st.from_regex(compiled)).lower()
    assert not compiled.search(lower) or any(lit in lower for lit in pattern_literals(pattern))


@pytest.mark.parametrize("pattern", ["\\w+", "a*\\d?", "(?x) foo", "(?-i:Foo)", "[a-z]{3}", "x|\\d+"])
def test_patterns_without_a_required_literal_switch_the_filter_off(pattern):
    assert pattern_literals(pattern) is None
    assert required_literals(["partner", pattern]) is None


def test_a_literal_another_contains_is_dropped():
    assert required_literals(["partnerstadt", "partner", "jumelage\\w*"]) == ("jumelage", "partner")


def test_a_literal_character_matches_only_itself_in_a_lowercased_text():
    # the soundness of `literal in text.lower()`: no other character of any lowercased text
    # matches a literal's character under re.IGNORECASE
    chars = sorted({c for lit in required_literals(CUES) for c in lit})
    lowered = "".join(chr(i).lower() for i in range(0x110000) if not 0xD800 <= i < 0xE000)
    for c in chars:
        assert set(re.findall(re.escape(c), lowered, re.IGNORECASE)) == {c}, c


def test_the_cue_decision_of_every_sentence_is_the_same_with_and_without_the_filter():
    filtered = RelationRules(rules(), determiners=set())
    plain = RelationRules(rules(), determiners=set())
    plain.cue_literals = None
    texts = [a.text for a in read_path(sample_dir()) if isinstance(a, Article)]
    texts.append("Die Stadt pflegt seit 1990 eine Partnerschaft. Das Wetter war gut. "
                 "Beide Gemeinden arbeiten seit Jahren eng zusammen. Eine Partnerschaftskonferenz tagte.")
    skipped = 0
    for text in texts:
        for span in sentences.split(text):
            sentence = text[span.start:span.end]
            assert filtered.has_cue(sentence) == plain.has_cue(sentence), sentence
            skipped += not any(lit in sentence.lower() for lit in filtered.cue_literals)
    assert skipped > 0  # the filter did decide some sentences


@functools.cache
def _relation_rules() -> RelationRules:
    # one instance for every hypothesis example, as one extractor serves every text: building it
    # takes 0.2 s, which per example made these property tests a third of the suite's time
    return RelationRules(rules(), determiners=set())


PREFILTERED = sorted(name for name, value in vars(RelationRules(rules(), determiners=set())).items()
                     if isinstance(value, Prefiltered))


def test_the_rules_phrase_patterns_are_prefiltered():
    # (not the denied and institutional partnership patterns: their literal, "partnerschaft",
    # stands in nearly every sentence asked, and their pre-filter cost more than the pattern)
    assert {"partner_anaphora", "pair_anaphora", "plural_partners"} <= set(PREFILTERED)


def test_a_clause_set_the_literal_test_answers_is_not_asked_again():
    # the pair anaphora's one clause is its literals: a text passing the literal test meets it
    r = _relation_rules()
    assert r.pair_anaphora._plain_clauses is None and r.partner_anaphora._plain_clauses is None
    assert _unanswered(("ab", "cab"), ((("ab",), ("x",)),)) == ((("x",),),)  # ("cab" holds "ab")
    assert _unanswered(("ab", "cd"), ((("ab",), ("x",)),)) == ((("ab",), ("x",)),)  # ("cd" lacks it)
    assert _unanswered(("ab",), ((("a", "z"),), (("q",),))) is None  # (a clause always met)


@functools.cache
def _with_every_clause(name: str) -> Prefiltered:
    """The rules' pattern `name` behind the clauses as derived, none left out."""
    with mock.patch("partnergraph.extract.prefilter._unanswered", lambda literals, clauses: clauses):
        return Prefiltered(getattr(_relation_rules(), name).pattern)


@pytest.mark.parametrize("name", PREFILTERED)
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_the_answered_clauses_left_out_change_no_verdict(name, data):
    # the pre-filter's verdict on a lowered string, in either reading, with and without them
    wrapped, full = getattr(_relation_rules(), name), _with_every_clause(name)
    pieces = st.sampled_from(sorted({*(wrapped._literals or ()), *(wrapped._plain or ()), *(
        lit for c in full._clauses or () for group in c for lit in group)}) or [""])
    lower = data.draw(st.one_of(st.from_regex(wrapped.pattern), st.lists(st.one_of(pieces, st.text(max_size=4)),
                                                                           max_size=6).map(" ".join))).lower()
    for state in (0, 1):
        assert wrapped._fails(lower, state) == full._fails(lower, state), (name, lower, state)


@pytest.mark.parametrize("name", PREFILTERED)
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_a_prefiltered_pattern_finds_what_the_pattern_alone_finds(name, data):
    # searched in the text as written (not lowered), also inside a window (pos, endpos), also
    # with the characters re.IGNORECASE folds differently from str.lower ("İ", "ſ", Kelvin "K")
    wrapped = getattr(_relation_rules(), name)
    core = data.draw(st.from_regex(wrapped.pattern))
    noise = st.text(alphabet="aiskİſKÄ .,\n", max_size=8)
    text = data.draw(noise) + core + data.draw(noise)
    pos = data.draw(st.integers(0, len(text)))
    endpos = data.draw(st.integers(pos, len(text)))
    for args in ((text,), (text, pos, endpos)):
        found, plain = wrapped.search(*args), wrapped.pattern.search(*args)
        assert (found and found.span()) == (plain and plain.span()), (name, args)


@pytest.mark.parametrize("text", ["İHRE PARTNERSTADT", "ihre Partnerſtadt", "DIE BEIDEN STÄDTE", "keine Partnerschaft",
                                  "Die Partnerstädte beteiligen sich", "ohne jeden Bezug"])
def test_prefiltered_patterns_agree_on_written_cases(text):
    r = RelationRules(rules(), determiners=set())
    for name in PREFILTERED:
        wrapped = getattr(r, name)
        found, plain = wrapped.search(text), wrapped.pattern.search(text)
        assert (found and found.span()) == (plain and plain.span()), (name, text)


DATE_PATTERNS = [p for p, *_ in RelationRules(rules(), determiners=set()).starts] + \
    list(RelationRules(rules(), determiners=set()).ages)


@pytest.mark.parametrize("index", range(len(DATE_PATTERNS)))
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_a_prefiltered_date_pattern_iterates_what_the_pattern_alone_finds(index, data):
    wrapped = DATE_PATTERNS[index]
    assert isinstance(wrapped, Prefiltered)
    noise = st.text(alphabet="aiskİſKÄ1 .,\n", max_size=8)
    text = data.draw(noise) + data.draw(st.from_regex(wrapped.pattern)) + data.draw(noise)
    pos = data.draw(st.integers(0, len(text)))
    for args in ((text,), (text, pos)):
        assert [m.span() for m in wrapped.finditer(*args)] == [m.span() for m in wrapped.pattern.finditer(*args)]


@pytest.mark.parametrize("pattern, needs", [
    ("1[89]\\d\\d|vorjahr", (frozenset({"vorjahr"}), True)),     # a branch with a digit, one with a word
    ("\\d\\.\\s?\\d\\d|\\d+x", (frozenset(), True)),                 # digits only
    ("[0-9]{2}|(?:ab)+", (frozenset({"ab"}), True)),
    ("partner\\w*|kooper", (frozenset({"partner", "kooper"}), False)),
    ("\\w+|\\d", None),                                         # a branch that needs neither
    ("a\\d?", (frozenset({"a"}), False)),
])
def test_a_pattern_requires_literals_or_a_digit(pattern, needs):
    assert pattern_requirements(pattern) == needs


@pytest.mark.parametrize("pattern", ["1[89]\\d\\d|vorjahr", "\\d\\.\\s?\\d\\d|\\d+x", "[0-9]{2}|(?:ab)+"])
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_match_of_a_digit_pattern_meets_its_requirement(pattern, data):
    compiled = re.compile(pattern, re.IGNORECASE)
    text = data.draw(st.from_regex(compiled))
    literals, digit = pattern_requirements(pattern)
    assert not compiled.search(text) or any(lit in text.lower() for lit in literals) \
        or (digit and re.search(r"\d", text))


def _any_date() -> tuple:
    """The date test of the rules and the one alternation of its branches, searched plainly."""
    occurs = _relation_rules().any_date
    return occurs, re.compile(occurs.plain, re.IGNORECASE)


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_the_date_test_is_true_where_its_alternation_matches(data):
    # a match of the alternation, or noise with digits and the characters re.IGNORECASE folds
    # differently from str.lower, searched whole and inside a window (pos, endpos)
    occurs, plain = _any_date()
    noise = st.text(alphabet="aiskİſKÄ19 .,-\nJjahrIm", max_size=12)
    core = data.draw(st.one_of(st.from_regex(plain), noise))
    text = data.draw(noise) + core + data.draw(noise)
    pos = data.draw(st.integers(0, len(text)))
    endpos = data.draw(st.integers(pos, len(text)))
    for args in ((text,), (text, pos, endpos)):
        assert occurs.search(*args) == bool(plain.search(*args)), args


@pytest.mark.parametrize("text", ["seit 1962", "am 07.04.03", "im Vorjahr", "vor 30 Jahren", "zum 5. Jubiläum",
                                  "Im März", "zwei Jahre später", "im Folgejahr", "ohne Datum", "Nummer 7", "Ɨm Mai"])
def test_the_date_test_agrees_on_written_cases(text):
    occurs, plain = _any_date()
    assert occurs.search(text) == bool(plain.search(text))


def _window_patterns() -> dict:
    """Every pre-filtered pattern the extraction asks about stretches of an article's text."""
    from partnergraph.extract.city_boroughs import CityBoroughs
    from partnergraph.extract.partnerships import _OWNED_BY
    from partnergraph.extract.referring_years import _referring
    from partnergraph.extract.co_objects import _MANY_SIDED

    r = RelationRules(rules(), determiners=set())
    found = {name: getattr(r, name) for name in PREFILTERED}
    found["district_seat_before"] = Prefiltered(re.compile(rules()["district_seat_before"] + r"$"))
    found["seat_as_town_before"] = Prefiltered(re.compile(rules()["seat_as_town_before"]))
    found["city_borough_before"] = CityBoroughs(rules()).before
    found["owned_by"] = _OWNED_BY
    found["referring_back"] = _referring()  # (referring_years.py: the sentences after a pair's)
    found["many_sided"] = _MANY_SIDED  # (co_objects.py: a pair's evidence sentences)
    return found


WINDOW_PATTERNS = _window_patterns()


def test_the_case_sensitive_window_patterns_have_literals():
    # a case-sensitive pattern is filtered by its case-insensitive reading's literals, and a
    # "(?i:…)" group is read like the pattern around it
    for name in ("part_locator_before", "event_venue_before", "district_seat_before", "city_borough_before"):
        assert WINDOW_PATTERNS[name]._literals, name


@pytest.mark.parametrize("name", sorted(WINDOW_PATTERNS))
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_window_of_one_text_is_searched_as_the_pattern_alone_searches_it(name, data):
    # one text asked about many stretches in turn, as an article is for each of its places (the
    # pattern keeps what it learnt of the text: which literals it holds, whether it holds none),
    # then as a whole; with and without a match of the pattern in it
    wrapped = WINDOW_PATTERNS[name]
    noise = st.text(alphabet="aiskİſKÄ1 .,\n", max_size=8)
    core = data.draw(st.one_of(st.from_regex(wrapped.pattern), noise))
    text = data.draw(noise) + core + data.draw(noise)
    windows = data.draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, len(text))), max_size=6))
    for pos, endpos in [*windows, (0, len(text))]:
        pos, endpos = min(pos, endpos), max(pos, endpos)
        found, plain = wrapped.search(text, pos, endpos), wrapped.pattern.search(text, pos, endpos)
        assert (found and found.span()) == (plain and plain.span()), (name, text, pos, endpos)
        assert [m.span() for m in wrapped.finditer(text, pos, endpos)] == \
            [m.span() for m in wrapped.pattern.finditer(text, pos, endpos)]
    found, plain = wrapped.search(text), wrapped.pattern.search(text)
    assert (found and found.span()) == (plain and plain.span()), (name, text)
    if wrapped.absent_from(text):  # then no stretch matches (one ending anywhere, from any start)
        assert not any(wrapped.pattern.search(text, 0, end) for end in range(len(text) + 1)), (name, text)


@pytest.mark.parametrize("text", ["auf der Messe in Leipzig", "auf der MESSE in Leipzig", "auf der Meſſe in Leipzig",
                                  "beim Gıpfel in Riga", "beim Gipfel in Riga", "İM Forum in Kiel", "im Rathaus in Kiel"])
def test_whole_word_literals_serve_texts_without_their_exotic_partners_only(text):
    # "messe" and "gipfel" are required of a match only where no "ſ" or "ı" stands for "s" or "i"
    venue = WINDOW_PATTERNS["event_venue_before"]
    from partnergraph.extract.prefilter import _PLAIN, _STRICT, _read

    assert "messe" in venue._plain and _read("Messe")[1] == _PLAIN and _read("Meſſe")[1] == _read("Gıpfel")[1] == _STRICT
    end = text.index(" in ") + 4
    for args in ((text[:end],), (text, 0, end), (text, 4, end)):
        found, plain = venue.search(*args), venue.pattern.search(*args)
        assert (found and found.span()) == (plain and plain.span()), args


@pytest.mark.parametrize("sentence", ["Die Städte vereinbarten eine Zusammenarbeit.", "Die Städte vereinbarten eine Zuſammenarbeit.",
                                      "Die Städte sind durch eine Verbindung verbunden.", "Eine Verbındung beſteht seit 1990.",
                                      "Kiel pflegt eine Städtefreundschaft mit Brest.", "Das Wetter war gut."])
def test_the_cue_decision_is_the_same_by_whole_words_as_without_the_filter(sentence):
    # whole-word literals ("zusammenarbeit") for a sentence without "ſ" or "ı", the strict ones
    # ("ammen") for one with them: either way the decision of the unfiltered rules
    filtered = RelationRules(rules(), determiners=set())
    plain = RelationRules(rules(), determiners=set())
    plain.cue_literals = None
    assert filtered._whole_words(sentence) == ("ſ" not in sentence and "ı" not in sentence)
    assert filtered.has_cue(sentence) == plain.has_cue(sentence)


CLAUSED = sorted(set(CUES) | {w.pattern.pattern for w in WINDOW_PATTERNS.values()})


@pytest.mark.parametrize("pattern", CLAUSED)
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_match_meets_one_clause_of_its_pattern(pattern, data):
    # the fuller requirement (every set of some clause has a literal in the match), strict for
    # any text and by whole words for a text without the literals' exotic partners ("ſ", "ı")
    compiled = re.compile(pattern, re.IGNORECASE)
    match = compiled.search(data.draw(st.from_regex(compiled)))
    if match is None:
        return
    lower = match.group(0).lower()
    if len(lower) != len(match.group(0)):
        return  # ("İ": no filter at all)
    strict, whole = pattern_clauses(pattern), trusting(pattern_clauses, pattern)
    for clauses, sound in ((strict, True), (whole, not any(c in lower for c in "ſı"))):
        if clauses is not None and sound:
            assert any(all(any(lit in lower for lit in s) for s in c) for c in clauses), (pattern, lower, clauses)


def test_clauses_keep_every_word_a_pattern_needs():
    assert trusting(pattern_clauses, r"\bpartnerschaft\w*\s+mit\s+(?:einer|einem)\s+(?:schule|verein)\b") == \
        ((("partnerschaft",), ("mit",), ("einem", "einer"), ("schule", "verein")),)
    assert pattern_clauses(r"(?:ab|cd)x\d+") == ((("abx", "cdx"),),)  # (one run: a set of two)
    assert pattern_clauses(r"\w+") is None and pattern_clauses(r"1[89]\d\d|vorjahr") is None
