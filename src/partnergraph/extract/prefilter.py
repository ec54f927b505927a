"""Patterns behind literal pre-filters (the literals derived by cue_filter.py): `Prefiltered`
runs a pattern only on a stretch, sentence or text that holds what every match needs,
`Occurs` tells whether a date-like alternation matches anywhere. The rules ask dozens of such
patterns about every sentence of an article and about the words before each of its places;
most stretches hold none of their words."""

from __future__ import annotations

import re
import sys

from .cue_filter import fewest, exotic_partners, pattern_clauses, pattern_requirements, trusting


class Prefiltered:
    """A compiled pattern behind its literal pre-filter: `search` runs the pattern only on a
    stretch whose lowered text holds one of the literals every match contains. The rules'
    alternations of phrases ("ihre Partnerstadt", "die beiden Städte" …) cost 5–20 µs a sentence
    under re.IGNORECASE; most sentences hold none of their literals. `finditer` is filtered
    alike; anything else goes to the pattern itself. A case-sensitive pattern is filtered by the
    literals of its case-insensitive reading: each of its matches is one of that reading's, so
    the literals are required of it too (the patterns asked about the words before every place,
    "Partnerlandkreises in ", "Konferenz in ", are such). A text that holds none of the
    characters re.IGNORECASE equates with a literal's beyond lowercasing (nearly every text: "ſ",
    "ı") is tested by the whole words ("messe", "partnerschaft"), others by the strict literals,
    which stop before every "s" and "i" ("me", "partner")."""

    __slots__ = ("pattern", "_literals", "_digit", "_plain", "_exotic", "_clauses", "_plain_clauses", "_present",
                 "_absent")

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        plain = pattern.flags & ~(re.IGNORECASE | re.UNICODE) == 0  # (re.X would parse otherwise)
        needs = pattern_requirements(pattern.pattern) if plain else None
        # the literals are tested by `in` (a C substring search per literal): an alternation of
        # literals is tried at every position of the text, several times slower
        self._literals = fewest(needs[0]) if needs else None
        self._digit = bool(needs and needs[1])  # else a match needs a literal (or: no filter)
        trusted = trusting(pattern_requirements, pattern.pattern) if needs else None
        self._plain = fewest(trusted[0]) if trusted and trusted[1] == self._digit else self._literals
        # the fuller requirement of a whole text or sentence (pattern_clauses): "partnerschaft"
        # and "schule" or "verein" …, not "partnerschaft" alone; asked where the literals are there
        self._clauses = pattern_clauses(pattern.pattern) if needs else None
        self._plain_clauses = trusting(pattern_clauses, pattern.pattern) if needs else None
        every = {lit for c in self._plain_clauses or () for s in c for lit in s} | set(self._plain or ())
        self._exotic = tuple(sorted(exotic_partners(every)))
        #: (text, the literals its lowered form holds anywhere): windows of one article's text are
        #: asked about for each place in it, and most literals of a long alternation (the forty
        #: phrases of the partner anaphora) occur nowhere in it: they are looked for once a text
        self._present: tuple[str | None, tuple[str, ...]] = (None, ())
        #: the last text that holds none of the literals (nor a digit, where one would do): no
        #: stretch of it can match, which `search` tells before any other work (most patterns
        #: asked about the words before each place of an article occur nowhere in it)
        self._absent: str | None = None

    def _literals_for(self, string: str) -> tuple[str, ...]:
        """The whole-word literals, unless the text holds a character that makes them unsound."""
        if self._exotic and any(map(string.__contains__, self._exotic)):
            return self._literals
        return self._plain

    def _fails_clauses(self, string: str, low: str) -> bool:
        """Does the (lowered) text miss every clause of the pattern's requirement?"""
        clauses = self._clauses if self._exotic and any(map(string.__contains__, self._exotic)) else self._plain_clauses
        return clauses is not None and not any(all(any(map(low.__contains__, s)) for s in c) for c in clauses)

    def _cannot_match(self, string: str, pos: int, endpos: int) -> bool:
        # a match lies inside string[pos:endpos] (look-arounds consume nothing), so its literal
        # does too. "İ" is the one character whose lowering (two characters) differs from the
        # one-character folding re.IGNORECASE compares by: with it, no pre-filter
        if self._literals is None:
            return False
        if pos == 0 and endpos >= len(string):
            if "\u0130" in string:
                return False
            low = _lowered(string)
            if not any(map(low.__contains__, self._literals_for(string))):
                return not (self._digit and _DIGIT.search(string))
            return self._fails_clauses(string, low)
        # a window of a longer text (a sentence of the article, the words before a place): the
        # text is lowered once and the window's literals are looked up in place. Lowering keeps
        # each character's offset when the lengths agree (no "İ"); a final sigma lowers by its
        # context, but no literal holds a sigma
        low = lowered_text(string)
        if len(low) != len(string):
            stretch = string[pos:endpos]
            return "\u0130" not in stretch and not any(map(_lowered(stretch).__contains__, self._literals_for(stretch))) \
                and not (self._digit and _DIGIT.search(stretch))
        present = self._present
        if present[0] is not string:  # (replaced whole: a reader in another thread sees one or the other)
            present = self._present = (string, tuple(filter(low.__contains__, self._literals_for(string))))
            if not present[1] and not (self._digit and _DIGIT.search(string)) or self._fails_clauses(string, low):
                self._absent = string  # (lowering kept every offset: no "İ" anywhere in it)
        return all(low.find(lit, pos, endpos) < 0 for lit in present[1]) \
            and not (self._digit and _DIGIT.search(string, pos, endpos))

    def absent_from(self, text: str) -> bool:
        """Can no stretch of `text` match (it holds none of the literals)? A pass that asks about
        the words before each place of an article asks this once and skips its loop."""
        if self._literals is None:
            return False
        if text is not self._absent and self._present[0] is not text:
            self._cannot_match(text, 1, 1)  # (a window: learns which literals the text holds, if any)
        return text is self._absent

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match | None:
        if string is self._absent or self._cannot_match(string, pos, endpos):
            return None
        return self.pattern.search(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize):
        if string is self._absent or self._cannot_match(string, pos, endpos):
            return iter(())
        return self.pattern.finditer(string, pos, endpos)

    def __getattr__(self, name: str):
        return getattr(self.pattern, name)


_DIGIT = re.compile(r"\d")


class Occurs:
    """Whether a case-insensitive alternation of `branches` matches anywhere in a stretch: the
    truth of ``pattern.search``, without the match. Its branches that begin with a digit are
    tried only where a digit stands (the digits are found at C speed; such a branch can match
    nowhere else), the worded ones behind their literal pre-filter. The date test asks this of
    every sentence and stretch that names a pair; most hold a digit, so its ten-branch
    alternation, tried at every character, was the most expensive pattern of the extraction
    (15 µs a sentence on the real pages, 6 % of the extraction time)."""

    __slots__ = ("plain", "_digit_led", "_worded")

    def __init__(self, branches: list[str]):
        #: the alternation whose truth this is (as written; for reading and tests)
        self.plain = "|".join(f"(?:{b})" for b in branches)
        led = [b for b in branches if b.startswith(("\\d", *"0123456789"))]
        # the digit-led branches as one pattern that opens with "\d" ("1[89]\d\d" is
        # "\d(?<=1)[89]\d\d"): the regex engine then skips from digit to digit in C
        rests = [b[2:] if b.startswith("\\d") else f"(?<={b[0]}){b[1:]}" for b in led]
        self._digit_led = re.compile("\\d(?:" + "|".join(f"(?:{r})" for r in rests) + ")", re.IGNORECASE) \
            if led and not any(r[:1] in "*+?{" for r in rests) else None
        if led and self._digit_led is None:
            raise ValueError(f"a digit-led branch begins with a repeated digit: {led}")
        self._worded = tuple(Prefiltered(re.compile(b, re.IGNORECASE)) for b in branches if b not in led)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        if self._digit_led is not None and self._digit_led.search(string, pos, endpos):
            return True
        return any(w.search(string, pos, endpos) is not None for w in self._worded)

#: the last few strings lowered, with their lowered forms: the rules ask several patterns about
#: one sentence or stretch (the same object), with other stretches asked about in between (a
#: pair's date stretch while its sentence is read), and each is then lowered once. (The tuple is
#: replaced whole, so a reader in another thread sees an old one or a new one, never a mix.)
_RECENT_LOWERED: tuple[tuple[str, str], ...] = ()
_RECENT_KEPT = 4


#: a string this long is a text (an article's), not a sentence: lowered, it is kept with the
#: texts (`lowered_text`); 1,000 characters is several times a long sentence of the real pages
TEXT_LENGTH = 1_000


def _lowered(s: str) -> str:
    global _RECENT_LOWERED
    if _LAST_TEXT_LOWERED[0] is s or len(s) >= TEXT_LENGTH:  # (an article's text, asked about as a whole)
        return lowered_text(s)
    recent = _RECENT_LOWERED
    for known, low in recent:
        if known is s:
            return low
    low = s.lower()
    _RECENT_LOWERED = ((s, low),) + recent[:_RECENT_KEPT - 1]
    return low


#: the same for a text searched by windows (an article's), kept apart so that the sentences
#: asked about in between do not push it out
_LAST_TEXT_LOWERED: tuple[str, str] = ("", "")


def lowered_text(s: str) -> str:
    """`s.lower()`, kept for the last text asked about: the passes over one article (terms,
    cue sentences, cue words, the pre-filters) lower its text once between them (a page of
    2 kB with quotation marks or dashes takes 10–30 µs to lower)."""
    global _LAST_TEXT_LOWERED
    last = _LAST_TEXT_LOWERED
    if last[0] is s:
        return last[1]
    low = s.lower()
    _LAST_TEXT_LOWERED = (s, low)
    return low
