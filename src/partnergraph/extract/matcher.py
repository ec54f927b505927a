"""Multi-pattern matching of vocabulary terms, countries and regions (Aho-Corasick).

Terms are matched on a lower-cased copy of the text, on word boundaries, with German
compounding: a theme or partnership type may be the head of a longer word
(Klimapartnerschaft → Klimapartnerschaften, Klimapartnerschaftsprojekt). Abbreviations
(GIZ, BMZ, KfW) must match in their exact case.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, NamedTuple

import ahocorasick

from . import local_governments
from .prefilter import lowered_text
from .territories import surfaces
from ..vocab import Vocabulary

#: a label this long may be followed by more letters (a compound or an inflection);
#: shorter labels would fire inside unrelated words. 6 = len("bildung"): shortest theme head
#: whose compounds (Bildungsarbeit) we saw in news text; 5 admitted "kultur" in "Agrikultur".
COMPOUND_HEAD_MIN = 6
#: a theme label this long may also be the tail of a compound (Trinkwasser*versorgung*);
#: 9 keeps "wasserversorgung"/"abfallwirtschaft" and drops short generic tails
COMPOUND_TAIL_MIN = 9
#: inflection endings any term may carry (Programms, Kommunalen, Partnerschaften)
INFLECTIONS = ("", "s", "es", "n", "en", "e", "er", "em")
KINDS_WITH_COMPOUNDS = {"theme", "partnership-type"}


@dataclass(frozen=True)
class Term:
    kind: str  # programme, theme, partnership-type, organisation, country, region, municipality
    ref: str  # slug, ISO code, region key, or local-government key (local_governments.py)
    label: str  # as written in the vocabulary
    form: str = "name"  # for countries: name, adjective, demonym
    needs_context: bool = False
    exact_case: bool = False


class TermHit(NamedTuple):
    """(A tuple: thousands are made per article, at a third of a frozen dataclass's cost.)"""

    term: Term
    start: int
    end: int


def _is_abbreviation(label: str) -> bool:
    letters = [c for c in label if c.isalpha()]
    return len(label) <= 5 or sum(c.isupper() for c in letters) >= 2 and " " not in label


class TermMatcher:
    def __init__(self, vocabulary: Vocabulary, endings: Iterable[str] = ()):
        """`endings`: lowered strings whose end offsets `scan` reports beside the terms, found in
        the same pass over the lowered text (cue_places: the endings of cue words)."""
        entries: dict[str, list[Term]] = {}

        def add(key: str, term: Term) -> None:
            key = key.lower()
            if len(key) >= 2 and term not in entries.setdefault(key, []):
                entries[key].append(term)

        for concept in vocabulary.concepts.values():
            for label in concept.labels:
                add(label, Term(concept.kind, concept.slug, label, exact_case=_is_abbreviation(label)))
        for s in surfaces():
            add(s.text, Term(s.kind, s.ref, s.text, s.form, s.needs_context))
        # districts and boroughs: "Landkreis Harburg", "Tempelhof-Schöneberg" (one automaton
        # pass for all terms; the longer span then beats the gazetteer's "Harburg")
        for text, key in local_governments.surfaces().items():
            add(text, Term("municipality", key, text))
        # each key carries its terms with what find() asks of them worked out once here (~12,500
        # automaton hits on the real pages each read five or six fields of a term otherwise)
        # (and whether the key is one of the endings, and the words of the served keyword lists
        # it is: serve)
        self.automaton = ahocorasick.Automaton()
        ending_keys = {e.lower() for e in endings}
        for key in [*entries, *sorted(ending_keys - entries.keys())]:
            self.automaton.add_word(key, (tuple(_TermRule.of(t) for t in entries.get(key, ())), key in ending_keys, ()))
        self.automaton.make_automaton()
        self._served: list[Keywords] = []

    def serve(self, *lists: Keywords) -> None:
        """Finds the words of these keyword lists in the same pass over the lowered text as the
        terms: `scan` leaves each list the spans its `find` would report for that text, and its
        `find` of that text returns them without a pass of its own (the extractor's credit
        markers, the role words before people's names, the utility and event heads: a pass each
        over every text cost ~1 % of the cold extraction of the real pages together). A word
        matched in its case is looked for in lower case and checked against the text as written;
        a list holding a word that does not lower character by character keeps its own pass, as
        does a finder that is no `Keywords` (one that finds its words with other lists')."""
        for words in lists:
            if not isinstance(words, Keywords):
                continue
            keys = list(words.automaton.keys())
            if not words.ignore_case and not all(map(_lowers_in_place, keys)):
                continue
            slot = len(self._served)
            self._served.append(words)
            for key in keys:
                low = key if words.ignore_case else key.lower()
                rules, ending, served = self.automaton.get(low, ((), False, ()))
                self.automaton.add_word(low, (rules, ending, (*served, (slot, len(key), None if words.ignore_case else key))))
        self.automaton.make_automaton()

    def find(self, text: str) -> list[TermHit]:
        """Every term occurrence on word boundaries; overlaps are resolved by the caller."""
        return self.scan(text)[0]

    def scan(self, text: str) -> tuple[list[TermHit], list[int]]:
        """`find`, and the end offset of every occurrence of the endings in the lowered text
        (each once, in order): one automaton pass for both (a pass of its own over the lowered
        text cost the cue words ~1 % of the extraction, measured); and the spans of the served
        keyword lists (serve), where lowering keeps every offset (else they find their own)."""
        lower = lowered_text(text)  # (shared with the other passes over the article)
        serving = len(lower) == len(text)
        if not serving:  # a few characters (İ) lower-case to two; keep offsets
            lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        n, new = len(text), tuple.__new__
        hits: list[TermHit] = []
        ends: set[int] = set()
        found: list[dict[int, int]] = [{} for _ in self._served]  # per list: an end → its longest word's length
        for end_idx, (rules, ending, served) in self.automaton.iter(lower):
            end = end_idx + 1
            if ending:
                ends.add(end)
            for slot, length, written in served if serving else ():
                start = end - length
                if written is not None and not text.startswith(written, start):
                    continue  # (a word of a list matched in its case: "Foto:", not "foto:")
                if start > 0 and self._served[slot].word_start and (text if written else lower)[start - 1].isalnum():
                    continue
                if found[slot].get(end, 0) < length:
                    found[slot][end] = length
            # (end moves on within one key's terms once a compound or an inflection extends it,
            # as it always has: the terms of one key then see the extended end)
            for term, length, exact_case, tail, head, inflects, capital in rules:
                start = end - length
                if exact_case and text[start:end] != term.label:
                    continue
                if start and lower[start - 1].isalnum() and not tail:
                    continue
                if end < n and lower[end].isalnum():
                    if head:
                        end = _word_end(lower, end)
                    elif inflects and _inflection_end(lower, end) is not None:
                        end = _inflection_end(lower, end)
                    else:
                        continue
                if capital and not text[start].isupper():
                    continue
                hits.append(new(TermHit, (term, start, end)))  # (TermHit(…) in C: no Python __new__)
        if serving:
            for words, spans in zip(self._served, found):
                words.served = (text, sorted((end - length, end) for end, length in spans.items()))
        return hits, sorted(ends)


class _TermRule(NamedTuple):
    """A term and the tests TermMatcher.find makes of it, worked out once per term."""

    term: Term
    length: int  # of the label as written (the span's length before any ending)
    exact_case: bool
    tail: bool  # may end a compound (Trinkwasser*versorgung*): no word start needed
    head: bool  # may begin a compound: the span runs to the word's end
    inflects: bool  # may carry an INFLECTIONS ending
    capital: bool  # a name: must start with a capital letter

    @classmethod
    def of(cls, term: Term) -> _TermRule:
        return cls(term, len(term.label), term.exact_case,
                   term.kind == "theme" and len(term.label) >= COMPOUND_TAIL_MIN,
                   term.kind in KINDS_WITH_COMPOUNDS and len(term.label) >= COMPOUND_HEAD_MIN,
                   not term.exact_case and term.form == "name",
                   term.kind in ("country", "region", "municipality") and term.form in ("name", "demonym"))


def _lowers_in_place(word: str) -> bool:
    """Whether lowering `word` lowers each character to one (no "İ", whose lower case is two
    characters) and none by its context (a final sigma): then wherever the text holds `word`,
    its lowered copy holds word.lower() at the same offsets."""
    return all(len(c.lower()) == 1 for c in word) and "Σ" not in word


def _word_end(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isalnum():
        pos += 1
    return pos


def _inflection_end(text: str, pos: int) -> int | None:
    end = _word_end(text, pos)
    return end if text[pos:end] in INFLECTIONS else None


class Keywords:
    """Positions of a list of words in a text, found in one pass (Aho-Corasick).

    Rules that need context around a keyword (a role before a name, a utility head after a
    city) look only at these positions instead of running a large regex over the whole text.
    """

    def __init__(self, words, *, ignore_case: bool = False, word_start: bool = True):
        self.ignore_case = ignore_case
        self.word_start = word_start
        self.automaton = ahocorasick.Automaton()
        for w in words:
            key = w.lower() if ignore_case else w
            self.automaton.add_word(key, len(key))
        self.automaton.make_automaton()
        #: (text, what find reports for it) where a TermMatcher serving this list found its
        #: words in its own pass over that text (TermMatcher.serve)
        self.served: tuple[str | None, list[tuple[int, int]]] = (None, [])

    def find(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every occurrence; with `word_start`, only at the start of a word.
        Among overlapping occurrences ending at one place, the longest is reported."""
        served = self.served
        if served[0] is text:
            return list(served[1])
        hay = text
        if self.ignore_case:
            lower = lowered_text(text)  # (once: a copy of the whole text, shared with other passes)
            hay = lower if len(lower) == len(text) else text
        out: dict[int, int] = {}
        for end_idx, length in self.automaton.iter(hay):
            end = end_idx + 1
            start = end - length
            if self.word_start and start > 0 and hay[start - 1].isalnum():
                continue
            if out.get(end, 0) < length:
                out[end] = length
        return sorted((end - length, end) for end, length in out.items())

    def ends(self, text: str) -> list[int]:
        """The end offset of every occurrence, in order, each once (no word-start test, no
        lower-casing: for a caller that reads the words back from their ends itself and asks
        nothing else, without the (start, end) pairs `find` sorts)."""
        return sorted({end_idx + 1 for end_idx, _length in self.automaton.iter(text)})
