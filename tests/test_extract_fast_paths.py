"""The extractor's fast paths find exactly what their plain forms find: the sentence-boundary
pattern written for the regex engine's fast scan, the cue-word heads found from their endings,
the sentence lookup by bisection. Speed-ups must not change a result (benchmarks/bench_extract.py
compares whole extractions; these pin each fast path down on its own, on edge cases too)."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnergraph.extract import sentences
from partnergraph.extract.extractor import Extractor
from partnergraph.models import Span

#: the boundary pattern as it reads (sentences._BOUNDARY is the same, first character's class up front)
READABLE_BOUNDARY = re.compile(r"[.!?…]+[\"“”»«'’)]*\s+(?=[A-ZÄÖÜ0-9\"„“»«(])|\n\s*\n|\n(?=[A-ZÄÖÜ„\"•\-–])|\n[ \t]+(?=[•▪►])")

_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))


@_SETTINGS
@given(st.text(alphabet=".!?…\n \t\"“”»«'’)Aa0„•▪►-–(xÄ", max_size=30))
def test_the_boundary_pattern_matches_like_its_readable_form(text):
    assert [m.span() for m in sentences._BOUNDARY.finditer(text)] == \
        [m.span() for m in READABLE_BOUNDARY.finditer(text)]


def _plain_sentence_of(spans: list[Span], offset: int) -> Span:
    lo, hi = 0, len(spans) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if offset < spans[mid].start:
            hi = mid - 1
        elif offset >= spans[mid].end:
            lo = mid + 1
        else:
            return spans[mid]
    return spans[max(0, min(lo, len(spans) - 1))] if spans else Span(0, 0)


@_SETTINGS
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(1, 4)), max_size=6), st.integers(-2, 40))
def test_the_sentence_of_an_offset_is_the_one_a_linear_reading_finds(gaps_and_lengths, offset):
    spans, pos = [], 0
    for gap, length in gaps_and_lengths:
        spans.append(Span(pos + gap, pos + gap + length))
        pos += gap + length
    assert sentences.sentence_of(spans, offset) == _plain_sentence_of(spans, offset)


EXTRACTOR = Extractor()
WORDS = ["Stadt", "stadt", "STADT", "Partnerstadt", "Hauptstädte", "Landkreis", "Gemeinden", "Rajon", "Altstadt",
         "Kreis", "der", "mit", "Foo.Stadt", "x-Stadt", "Stadt_", "İstadt", "Σtadt", "ſtadt", "Leipzig", "Kiel", "und"]


@_SETTINGS
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from([" ", "\n", ", ", "-", ".", "  "])), max_size=12))
def test_cue_word_heads_are_the_pattern_matches_that_are_cue_words(parts):
    text = "".join(w + sep for w, sep in parts)
    plain = [(m.start(), m.end()) for m in EXTRACTOR._WORD_BEFORE_NAME.finditer(text)
             if EXTRACTOR._is_cue_word(m.group(0).lower())]
    fast = [(s, e) for s, e in EXTRACTOR._cue_word_heads(text) if EXTRACTOR._is_cue_word(text[s:e].lower())]
    assert fast == plain
    # ... also from the endings the term pass found (TermMatcher.scan, as Extractor.extract does)
    _terms, ends = EXTRACTOR.terms.scan(text)
    shared = [(s, e) for s, e in EXTRACTOR._cue_word_heads(text, ends) if EXTRACTOR._is_cue_word(text[s:e].lower())]
    assert shared == plain


READABLE_COORDINATED = re.compile(
    r"(?P<left>\b[A-ZÄÖÜ][\w'’\-]*(?:\s+[A-ZÄÖÜ][\w'’\-]*){0,2})\s+(?:und|–|—|-|&)\s+"
    r"(?P<right>[A-ZÄÖÜ][\w'’\-]*(?:\s+[A-ZÄÖÜ][\w'’\-]*){0,2})")


@_SETTINGS
@given(st.lists(st.sampled_from(["A", "b", " und ", " – ", "-", "&", "x", " ", "Ä", "_", "1", "Köln", "é", "É"]),
                max_size=12))
def test_the_coordination_pattern_matches_like_its_readable_form(parts):
    text = "".join(parts)

    def spans(p):
        return [(m.span(), m.span("left"), m.span("right")) for m in p.finditer(text)]
    assert spans(EXTRACTOR._COORDINATED) == spans(READABLE_COORDINATED)


def test_a_span_hashes_and_compares_as_its_fields_and_keeps_its_fields_only():
    import pickle

    # (a named tuple since session 10: hash and equality in C; the fields, repr and hash are
    # those the dataclass had)
    span = Span(3, 9)
    assert hash(span) == hash((3, 9)) == hash(Span(3, 9)) and span == Span(3, 9) and span != Span(3, 8)
    assert {span: 1}[Span(3, 9)] == 1 and (span.start, span.end) == (3, 9)
    assert span._asdict() == {"start": 3, "end": 9} and repr(span) == "Span(start=3, end=9)"
    assert pickle.loads(pickle.dumps(span)) == span and span._replace(end=4) == Span(3, 4)


def _plain_split(text: str) -> list[Span]:
    """sentences.split as it read before the fast path (each sentence's last word by rsplit)."""
    spans, start, tails = [], 0, sentences._abbreviation_tails()
    for m in READABLE_BOUNDARY.finditer(text):
        end = m.start() + len(m.group(0).rstrip())
        chunk = text[start:m.start() + 1]
        if m.group(0)[0] == ".":
            word = (chunk.rsplit(None, 1)[-1] if chunk.split() else "").lstrip("(\"„“»«")
            if (word[:-1].isdigit() and len(word) <= 4) or word in tails or (len(word) == 2 and word[0].isupper()):
                continue
        sentences._add(spans, text, start, end)
        start = m.end()
    sentences._add(spans, text, start, len(text))
    return spans


@_SETTINGS
@given(st.lists(st.sampled_from(["Die", " ", "Stadt", ".", "19", "z.", "B.", "Erwin", "M", "\n", "\n\n", "„", "(",
                                 "Kiel", "!", "?", "\u2003", "•", "ca", "Nr", "Dr"]), max_size=20))
def test_sentences_split_as_their_plain_reading_does(parts):
    text = "".join(parts)
    assert sentences.split(text) == _plain_split(text)


@_SETTINGS
@given(st.lists(st.sampled_from([" ", "\n", "\u2003", "in", "(", ",", "der", "im", "x", "in der", "\t"]), max_size=6))
def test_the_gap_before_a_country_is_read_as_its_stripped_form(parts):
    from partnergraph.extract.cues import _COUNTRY_AFTER

    gap = "".join(parts)
    text = "Padang" + gap + "Indonesien"
    assert bool(_COUNTRY_AFTER.fullmatch(text, 6, 6 + len(gap))) == (gap.strip() in ("in", "(", ",", "in der", "im"))


KEYWORD_PIECES = ["Foto:", "Fotos:", "FOTO:", "Foto :", "©", "(c)", "kommun", "County", "Municipality", "Local Municipality",
                  "Stadt", "İstanbul", "Σ", "foto", "Kommune", "COUNTY", "ſ", "x", "Bürgermeister", "Oberbürgermeister",
                  "bürgermeisterin", "Stadtwerke", "festival", "Festival", "Konferenz", " ", ":", "\n", "(C)", "-"]


@_SETTINGS
@given(st.lists(st.sampled_from(KEYWORD_PIECES), max_size=14))
def test_the_keyword_lists_the_term_pass_serves_find_what_their_own_pass_finds(parts):
    from partnergraph.extract.matcher import Keywords

    text = "".join(parts)
    relations = EXTRACTOR._relations
    lists = [EXTRACTOR._markers, relations.people.role_words, relations.organisations.utility_heads,
             relations.events.event_heads]
    EXTRACTOR.terms.scan(text)
    for words in lists:
        served = words.find(text)
        words.served = (None, [])
        assert served == words.find(text)
    # a list whose word does not lower character by character keeps its own pass
    own = Keywords(["İzmir:"])
    EXTRACTOR.terms.serve(own)
    EXTRACTOR.terms.scan(text)
    assert own.served[0] is None


def test_a_finder_that_is_no_keyword_list_is_left_to_its_own_pass():
    class Finder:
        def find(self, text):
            return [(0, 1)]

    before = len(EXTRACTOR.terms._served)
    EXTRACTOR.terms.serve(Finder())
    assert len(EXTRACTOR.terms._served) == before


@_SETTINGS
@given(st.text(alphabet="ab_.-1 \n²é-İΣ,", max_size=20), st.data())
def test_the_word_run_read_backwards_starts_where_a_loop_over_its_characters_stops(text, data):
    from partnergraph.extract.context import word_run_start

    end = data.draw(st.integers(0, len(text)))
    floor = data.draw(st.integers(0, end))
    start = end
    while start > floor and (text[start - 1].isalnum() or text[start - 1] in "_.-"):
        start -= 1
    assert word_run_start(text, end, floor) == start


@_SETTINGS
@given(st.text(alphabet="ab. \n\t\u00a0\u2028(„é1", max_size=20), st.data())
def test_the_word_read_backwards_starts_after_the_white_space_a_loop_stops_at(text, data):
    from partnergraph.extract.context import word_start

    end = data.draw(st.integers(0, len(text)))
    floor = data.draw(st.integers(0, end))
    start = end
    while start > floor and not text[start - 1].isspace():
        start -= 1
    assert word_start(text, end, floor) == start


@_SETTINGS
@given(st.text(alphabet=st.sampled_from("aZ .ſıµÄß\u00ff\u0100„–ΐиﬆ\U0001f600"), max_size=12) | st.text(max_size=12))
def test_the_exotic_character_test_answers_as_its_character_class(text):
    # (ASCII, below U+0100 and wider strings alike; "µ" is the one exotic character below U+0100)
    from partnergraph.extract.prefilter import _EXOTIC, _holds_exotic

    assert _holds_exotic(text) == (_EXOTIC.search(text) is not None)


@_SETTINGS
@given(st.lists(st.sampled_from(["Anna", "Maier", " ", ",", " die ", " ist ", " als ", "Bürgermeister", "aÄrzte",
                                 "Ärztin", "x", "\n", "-", "Oberbürgermeister", "Müller", "Ö"]), max_size=12),
       st.integers(0, 40), st.integers(0, 40))
def test_the_name_before_a_role_is_found_as_its_readable_pattern_finds_it(parts, pos, endpos):
    # (the word boundary before the name tested after its capital: the same matches, also in a
    # window whose start falls inside a word)
    from partnergraph.extract.people import People
    from partnergraph.extract.rules import rules

    people = People(rules())
    text = "".join(parts)
    readable = re.compile(people.name_then_role_readable)
    for args in ((text,), (text, pos, endpos)):
        assert [m.span("name") + m.span("role") for m in people.name_then_role.finditer(*args)] == \
            [m.span("name") + m.span("role") for m in readable.finditer(*args)]


#: the seat hints as the alternation they were (partnerships._SEAT_HINT is their automaton)
READABLE_SEAT_HINT = re.compile(r"\)|itz|onsul|otschaft|elegation|amt|tag|haus|ltung|duma|egierung|räsidium")


@_SETTINGS
@given(st.lists(st.sampled_from(["Sitz", "(SKEW)", "Landratsamt", " in ", "Ä", "räsidium", "Ha", "us", "x",
                                 "\n"]), max_size=10), st.integers(0, 60), st.integers(0, 60))
def test_the_seat_hint_automaton_finds_a_hint_where_the_alternation_does(parts, lo, end):
    from partnergraph.extract.partnerships import _SEAT_HINT

    text = "".join(parts)
    lo, end = min(lo, end, len(text)), min(max(lo, end), len(text))  # (a place's start lies in the text)
    assert (next(_SEAT_HINT.iter(text, lo, end), None) is not None) == bool(READABLE_SEAT_HINT.search(text, lo, end))
