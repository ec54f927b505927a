"""Which sentences speak about a partnership: a cue word that is no blocker, a partnership-type
word, the lines of a list a cue sentence introduces, a list of pairs right after a cue sentence.
Decided before places are resolved (a foreign town needs less fame in such a sentence)."""

from __future__ import annotations

import bisect
import functools
import operator
import re

from .context import Context
from .cue_filter import exotic_partners, pattern_literals, required_literals, trusting
from .key_sets import LiteralFinder
from .matcher import Keywords
from .prefilter import lowered_text
from ..models import Extraction, Span

#: two pairs of names in a row, "A und B, C und D" or "A-B, C-D": a list of partner pairs, which
#: continues the sentence about partnerships before it
_PAIR_LIST = re.compile(
    r"[A-ZÄÖÜ][\w'’.]*\s*(?:\bund\b|[-–—/])\s*[A-ZÄÖÜ][\w'’\-]*\s*(?:,|;|\bsowie\b|\bund\b|\boder\b)\s*"
    r"[A-ZÄÖÜ][\w'’.]*\s*(?:\bund\b|[-–—/])\s*[A-ZÄÖÜ]")


#: a bulleted line that states a pair of its own: "• Pleszew (Pleschen) — Spangenberg"
PAIR_LINE = re.compile(r"\s*[•·▪►*]\s*[A-ZÄÖÜ][^—–\n]*\s[—–-]\s+[A-ZÄÖÜ]")

#: a colon, then names separated by commas: "… ebenso einzelne Städte: Ulm, Gotha und …"
_COLON_LIST = re.compile(r":\s*[A-ZÄÖÜ][\w'’\-]*(?:\s+[A-ZÄÖÜ][\w'’\-]*)?\s*(?:,|\bund\b|[-–])\s*[A-ZÄÖÜ]")


@functools.lru_cache(maxsize=4)
def _literal_pattern(literals: tuple[str, ...] | None) -> re.Pattern | None:
    return None if literals is None else re.compile("|".join(map(re.escape, literals)))


@functools.lru_cache(maxsize=4)
def _literal_words(literals: tuple[str, ...] | None) -> Keywords | None:
    """The literals as a keyword list the extractor's term pass finds (TermMatcher.serve), where
    each is lower case already (the search runs over the lowered text: a literal with a capital
    matches nowhere, which the keyword list, lowering its words, would not tell)."""
    if literals is None or any(lit != lit.lower() for lit in literals):
        return None
    return Keywords(literals, ignore_case=True, word_start=False)


@functools.lru_cache(maxsize=8)
def _alternative_literals(patterns: tuple[str, ...], whole_words: bool = False
                          ) -> tuple[tuple[frozenset[str] | None, ...], tuple[str, ...]]:
    """Each pattern's literals (None: none derived) and all of them, once; with `whole_words`,
    those for a text without their exotic partners (cue_filter.trusting)."""
    each = tuple(trusting(pattern_literals, p) if whole_words else pattern_literals(p) for p in patterns)
    return each, tuple(sorted({lit for lits in each if lits for lit in lits}))


@functools.lru_cache(maxsize=8)
def _literal_finder(patterns: tuple[str, ...], whole_words: bool = False) -> LiteralFinder:
    """All of `_alternative_literals`' literals, found in one pass."""
    return LiteralFinder(_alternative_literals(patterns, whole_words)[1])


@functools.lru_cache(maxsize=4)
def _whole_word_cues(patterns: tuple[str, ...]) -> tuple[tuple[str, ...] | None, frozenset[str]]:
    """The cues' whole-word literals (cue_filter.trusting) and the characters whose presence
    in a text makes them unsound there (cue_filter.exotic_partners)."""
    literals = trusting(required_literals, list(patterns))
    each, every = _alternative_literals(patterns, True)
    return literals, exotic_partners(every) | exotic_partners(literals or ())


@functools.lru_cache(maxsize=512)
def _alternation(patterns: tuple[str, ...], present: frozenset[str], whole_words: bool = False) -> re.Pattern:
    """The alternation of the patterns that can match a text holding these literals only."""
    each, _ = _alternative_literals(patterns, whole_words)
    chosen = [p for p, lits in zip(patterns, each) if lits is None or not lits.isdisjoint(present)]
    return re.compile("|".join(f"(?:{p})" for p in chosen), re.IGNORECASE)


class PartnershipContext:
    """The partnership-sentence tests of `relations.RelationRules` (a mixin: it reads the cue
    patterns the rules compile)."""

    @property
    def cue_literal_pattern(self) -> re.Pattern | None:
        """`cue_literals` (the rules' pre-filter) as one compiled search, None when it is off. A
        literal has no anchors: searching a slice of a lowered text by pos/endpos is searching
        that slice, so the whole text is lowered once."""
        return _literal_pattern(self.cue_literals)

    def cue_literal_words(self) -> list[Keywords]:
        """The keyword lists of both readings' cue literals (`_cue_literal_search`), for the
        extractor's term pass to find (TermMatcher.serve; mark_partnership_context reads them)."""
        return [k for k in (_literal_words(self.cue_literals),
                            _literal_words(_whole_word_cues(self.cue_patterns)[0])) if k is not None]

    def _whole_words(self, text: str) -> bool:
        """May `text` be tested by the cues' whole-word literals ("zusammenarbeit", "verbindung"
        rather than "ammen", "verb": far fewer sentences of real pages hold one)? Where the
        filter is on and the text holds none of their exotic partners ("ſ", "ı")."""
        return self.cue_literals is not None and not any(
            map(text.__contains__, _whole_word_cues(self.cue_patterns)[1]))

    def _cue_literal_words(self, whole_words: bool) -> Keywords | None:
        return _literal_words(_whole_word_cues(self.cue_patterns)[0] if whole_words else self.cue_literals)

    def _cue_literal_search(self, whole_words: bool) -> re.Pattern | None:
        return _literal_pattern(_whole_word_cues(self.cue_patterns)[0]) if whole_words else self.cue_literal_pattern

    def has_cue(self, sentence: str, whole_words: bool | None = None) -> bool:
        """Does the sentence state a partnership (a cue word that is no blocker)? `whole_words`:
        True where the caller knows `_whole_words` holds for it (it holds for the whole text
        the sentence is part of), None to have it tested."""
        known = self._cue_memo.get(sentence)
        if known is not None:
            return known
        lower = sentence.lower()
        found = False
        if whole_words is None:
            whole_words = self._whole_words(sentence)
        literals = self._cue_literal_search(whole_words)
        if literals is None or literals.search(lower):
            for m in self._cue_alternation(lower, whole_words).finditer(lower):
                if not self._blocked(lower, m.start(), m.end()):
                    found = True
                    break
        if len(self._cue_memo) > 10_000:  # one article's sentences are asked about many times
            self._cue_memo.clear()
        self._cue_memo[sentence] = found
        return found

    def _cue_alternation(self, lower: str, whole_words: bool = False) -> re.Pattern:
        """The cue alternation without the cue patterns that cannot match this lowered sentence
        (it holds none of the literals every match of the pattern contains): an alternative that
        matches nowhere changes no match of an alternation, so the matches are the same, found
        about ten times faster than by trying all 27 patterns at every position."""
        if self.cue_literals is None:
            return self.cue
        patterns = self.cue_patterns
        # (the literals found in one automaton pass, not by a substring test each: 35 to 74 of
        # them, asked of every sentence that may hold a cue; ~1 % of the extraction)
        present = _literal_finder(patterns, whole_words).present(lower)
        return _alternation(patterns, present, whole_words)

    def continues_set(self, text: str, prev: Span | None, s_text: str) -> bool:
        """Does the sentence go on listing the set of partners the one before named ("Hameln hat
        drei Partnerstädte. Dazu gehören …"; `_list_continuation` in relations-de.json)?"""
        return prev is not None and self.list_continuation.match(s_text) is not None \
            and self.list_continuation_set.search(text, prev.start, prev.end) is not None

    def _blocked(self, lower: str, start: int, end: int) -> bool:
        """Is the word around this cue a blocker ("Partnerschaftskonferenz")?"""
        word_end = end
        while word_end < len(lower) and lower[word_end].isalnum():
            word_end += 1
        word_start = lower.rfind(" ", 0, start) + 1
        return lower[word_start:word_end].strip("„\"(").lower().startswith(self.blockers)

    def mark_partnership_context(self, ex: Extraction, ctx: Context) -> None:
        """Which sentences speak about a partnership, decided before places are resolved (a
        foreign town needs less fame there): a cue word or a partnership-type word of the
        vocabulary ("Jumelage", "Schwesterstadt"); the lines of a list that a cue sentence
        introduces ("Unsere Partnerstädte" / "… mit folgenden Städten:" then one partner a
        line); a sentence that goes on after a colon from a cue sentence ("Dazu zählen
        auch einzelne Städte: Ulm und …") or continues the set of partners it named ("Hameln hat
        drei Partnerstädte. Dazu gehören …")."""
        text = ctx.text
        lower = lowered_text(text)
        # the literal pre-filter once over the whole text, not per sentence: a sentence with none
        # of the cue literals is no cue sentence (most are not: has_cue then costs nothing).
        # Valid while lowering keeps every character's offset (no "İ" → "i̇", no final-sigma
        # context: else each sentence is lowered on its own, in has_cue)
        whole_words = self._whole_words(text)  # (then also true of each of its sentences: asked once)
        literals = self._cue_literal_search(whole_words) if len(lower) == len(text) and "Σ" not in text else None
        sentence_words = True if whole_words else None
        holds_literal = _LiteralSpots(literals, lower, text, self._cue_literal_words(whole_words)).within \
            if literals is not None else None
        typed = {m.sentence for m in ex.mentions if m.kind == "partnership-type" and m.ref != "unspecified"
                 and not self._blocked(lower, m.start, m.end)}
        intro: Span | None = None
        prev_cue = prev_pair_line = False
        prev_sent = None
        for sent in ctx.sentences:
            s_text = text[sent.start:sent.end]
            cue = bool(typed) and sent in typed or (
                (holds_literal is None or holds_literal(sent.start, sent.end)) and self.has_cue(s_text, sentence_words))
            if intro is not None and is_list_line(s_text):
                if s_text.rstrip().endswith(":"):
                    # a line ending in a colon opens a list of its own ("Städtepartnerschaften"
                    # as the page's heading, then "Speyer unterhält … mit folgenden Städten:")
                    intro = sent
                else:
                    ctx.list_items[sent] = intro
                cue = True
            else:
                intro = None
                if not cue and prev_cue and (
                        (_joined(s_text) and _PAIR_LIST.search(s_text))
                        or self.continues_set(text, prev_sent, s_text)
                        or (":" in s_text and _COLON_LIST.search(s_text))
                        or prev_pair_line and PAIR_LINE.match(s_text)):
                    # "• Pleszew — Spangenberg" among bulleted pairs whose neighbours say
                    # "Partnerschaftsvertrag": one more pair of that list
                    cue = True
                if cue and introduces_list(s_text) and not PAIR_LINE.match(s_text):
                    intro = sent  # (a line stating a pair of its own heads no list)
            ctx.cue_sentences[sent] = cue
            prev_cue, prev_sent = cue, sent
            prev_pair_line = cue and bool(PAIR_LINE.match(s_text))


class _LiteralSpots:
    """Whether a stretch of a lowered text holds one of the cue literals (what
    `pattern.search(lower, start, end)` tells, asked of every sentence: a search per sentence
    cost more than finding them once). The occurrences come from the extractor's term pass
    (`words`, served: for each place one ends at, the longest one ending there): a stretch one
    of them lies in holds one, a stretch none ends in holds none, and one where only a longest
    one that begins before it ends (a shorter one may lie in it) is searched. Without `words`
    (a literal not in lower case), from the pattern's non-overlapping matches over the whole
    text: a stretch no match touches holds none (the pass, resumed before it, would have found
    one in it), one a match lies in holds one, one a match crosses the edge of is searched."""

    __slots__ = ("_pattern", "_lower", "_ends", "_starts", "_every_end")

    def __init__(self, pattern: re.Pattern, lower: str, text: str, words: Keywords | None):
        self._pattern, self._lower = pattern, lower
        self._every_end = words is not None
        spans = sorted(words.find(text), key=_END) if words is not None \
            else [m.span() for m in pattern.finditer(lower)]
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]

    def within(self, start: int, end: int) -> bool:
        ends, starts = self._ends, self._starts
        k = bisect.bisect_right(ends, start)  # the first occurrence ending inside the stretch, or after it
        if not self._every_end:
            if k < len(ends) and starts[k] < end:
                return starts[k] >= start and ends[k] <= end \
                    or self._pattern.search(self._lower, start, end) is not None
            return False
        unsure = False
        while k < len(ends) and ends[k] <= end:
            if starts[k] >= start:
                return True
            unsure = True
            k += 1
        return unsure and self._pattern.search(self._lower, start, end) is not None


_END = operator.itemgetter(1)


#: a line of a list (one partner, its country, its year): short, and a bullet or no full stop;
#: 150 characters hold "• Kamjanez-Podilskyj, Ukraine, Solidaritätspartnerschaft seit 2022 (…)"
#: twice over, while prose sentences of the sample average ~140 and end with a full stop
LIST_LINE_MAX = 150
#: a heading introducing a list ("Unsere Partnerstädte", "Städtepartnerschaften der Stadt X")
HEADING_MAX = 60


def _joined(s: str) -> bool:
    """Does `s` hold a joiner of a pair of names (`_PAIR_LIST` needs one)? (Tests in a row, not a
    generator: asked of each sentence after a cue sentence)"""
    return " und " in s or "-" in s or "–" in s or "—" in s or "/" in s


def is_list_line(s: str) -> bool:
    s = s.strip()
    if s.endswith((",", ";")) or (s and s[-1].islower() and s[:1].isupper() and " " in s and not s[0] in "•·▪►*-–—"
                                  and len(s) > HEADING_MAX):
        return False  # prose whose line was broken ("… mit Städten,\nKreisen und Bezirken")
    return 0 < len(s) <= LIST_LINE_MAX and (s[0] in "•·▪►*-–—" or s[0].isdigit() and not s.endswith(".")
                                             or not s.endswith((".", "!", "?", "“", '"', "»")))


def introduces_list(s: str) -> bool:
    s = s.rstrip()
    return s.endswith(":") or (len(s) <= HEADING_MAX and not s.endswith((".", "!", "?", "“", '"', "»", ")")))
