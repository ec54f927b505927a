"""Patterns behind literal pre-filters (the literals derived by cue_filter.py): `Prefiltered`
runs a pattern only on a stretch, sentence or text that holds what every match needs,
`Occurs` tells whether a date-like alternation matches anywhere. The rules ask dozens of such
patterns about every sentence of an article and about the words before each of its places;
most stretches hold none of their words."""

from __future__ import annotations

import re
import sys

from .cue_filter import exotic_partners, fewest, pattern_clauses, pattern_requirements, trusting
from .key_sets import automaton

try:  # the characters re.IGNORECASE equates beyond lowercasing (cue_filter reads them too)
    from re._casefix import _EXTRA_CASES
except ImportError:  # pragma: no cover - older Pythons: cue_filter.trusting derives the strict literals
    _EXTRA_CASES = None


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

    __slots__ = ("pattern", "_literals", "_digit", "_plain", "_clauses", "_plain_clauses", "_present", "_absent",
                 "_windowed", "_finders")

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
        if any(not _EXOTIC.match(c) for c in exotic_partners(every)):
            # a whole word whose partner is a plain letter ("ı" has "i"): the strict ones only
            # (a text is read as strict by the characters of _EXOTIC alone)
            self._plain, self._plain_clauses = self._literals, self._clauses
        # (a set of a clause that the literal test already answers is not asked again)
        self._clauses = _unanswered(self._literals, self._clauses)
        self._plain_clauses = _unanswered(self._plain, self._plain_clauses)
        #: (text, the literals its lowered form holds anywhere): windows of one article's text are
        #: asked about for each place in it, and most literals of a long alternation (the forty
        #: phrases of the partner anaphora) occur nowhere in it: they are looked for once a text
        self._present: tuple[str | None, tuple[str, ...]] = (None, ())
        #: the last text that holds none of the literals (nor a digit, where one would do): no
        #: stretch of it can match, which `search` tells before any other work (most patterns
        #: asked about the words before each place of an article occur nowhere in it)
        self._absent: str | None = None
        self._windowed = False  # (its literals are among text_literals': it was asked about a window)
        #: per reading (_PLAIN, _STRICT), an automaton of the literals where there are enough of
        #: them (None: a substring test each): `_fails` asks whether a string holds any, and one
        #: pass that stops at the first one found beat a test per literal from four literals on
        #: (the forty phrases of the pair anaphora: ~11 µs a sentence by `in`, ~2 µs by the
        #: automaton; the pre-filters asked about whole sentences cost ~5 % of the cold
        #: extraction of the real pages)
        self._finders = tuple(automaton({lit: None for lit in lits}) if lits and len(lits) >= _AUTOMATON_MIN else None
                              for lits in (self._plain, self._literals))

    def _fails(self, low: str, state: int) -> bool:
        """Does the lowered text (read in `state`, see _read) miss what every match needs: a
        literal, then a literal of each set of one clause?"""
        finder = self._finders[state]
        if finder is not None:
            # (it reports every occurrence of every literal, one inside another too: it finds one
            # exactly where `lit in low` holds for one)
            if next(finder.iter(low), None) is None:
                return True
        elif not any(map(low.__contains__, self._plain if state == _PLAIN else self._literals)):
            return True
        return self._clauses_fail(low, state)

    def _clauses_fail(self, low: str, state: int) -> bool:
        """Does the lowered text, which holds one of the literals, miss a set of each clause?"""
        clauses = self._plain_clauses if state == _PLAIN else self._clauses
        if clauses is None:
            return False
        # (loops, not any(all(any(…)))): the nested generators cost ~5 µs a sentence for the
        # four clauses of the denied pattern, the loops ~1 µs; the same tests in the same order)
        for clause in clauses:
            for group in clause:
                for lit in group:
                    if lit in low:
                        break
                else:
                    break  # a set of this clause is not met: the clause is not
            else:
                return False  # every set of this clause is met
        return True

    def _cannot_match(self, string: str, pos: int, endpos: int) -> bool:
        # a match lies inside string[pos:endpos] (look-arounds consume nothing), so its literal
        # does too. "İ" is the one character whose lowering (two characters) differs from the
        # one-character folding re.IGNORECASE compares by: with it, no pre-filter
        if self._literals is None:
            return False
        if pos == 0 and endpos >= len(string):
            low, state = _read(string)
            return state != _NO_FILTER and self._fails(low, state) and not (self._digit and _DIGIT.search(string))
        # a window of a longer text (a sentence of the article, the words before a place): the
        # text is lowered once and the window's literals are looked up in place. Lowering keeps
        # each character's offset when the lengths agree (no "İ"); a final sigma lowers by its
        # context, but no literal holds a sigma
        low, state = read_text(string)
        if state == _NO_FILTER:
            stretch = string[pos:endpos]
            low, state = _read(stretch)
            return state != _NO_FILTER and self._fails(low, state) and not (self._digit and _DIGIT.search(stretch))
        present = self._present
        if present[0] is not string:  # (replaced whole: a reader in another thread sees one or the other)
            lits = self._plain if state == _PLAIN else self._literals
            if not self._windowed:
                _register_literals(self._plain, self._literals)
                self._windowed = True
            held = text_literals(string, low)  # (the literals of every pre-filter the text holds, found once)
            present = self._present = (string, tuple(lit for lit in lits if lit in held))
            # (the literals just looked for answer _fails' first test: it is not asked again)
            if (not present[1] or self._clauses_fail(low, state)) and not (self._digit and _DIGIT.search(string)):
                self._absent = string  # (lowering kept every offset: no "İ" anywhere in it)
        for lit in present[1]:  # (a loop, not all() over a generator: 15k windows a pass over open10)
            if low.find(lit, pos, endpos) >= 0:
                return False
        return not (self._digit and _DIGIT.search(string, pos, endpos))

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
#: how many literals make `Prefiltered._fails` look for them by one automaton pass rather than by
#: a substring test each (measured on a sentence of 170 characters: one literal, 1.1 µs by `in`
#: and 1.9 µs by an automaton; six, 2.4 µs and 1.6 µs; 29, 11 µs and 1.7 µs)
_AUTOMATON_MIN = 4


def _unanswered(literals: tuple[str, ...] | None, clauses: tuple | None) -> tuple | None:
    """`clauses` without the sets the literal test answers: a set holding a part of every
    literal is met wherever a literal is ("beide städte" … of the pair anaphora are its literals
    and its one clause alike: the sentences that passed the test were read for them twice);
    None where a clause is left with no set (it is always met, as is then the whole test)."""
    if literals is None or clauses is None:
        return clauses
    out = tuple(tuple(s for s in c if not all(any(part in lit for part in s) for lit in literals)) for c in clauses)
    return None if any(not c for c in out) else out


class PrefilteredGroup:
    """Several `Prefiltered` patterns asked in turn about one whole string (the dozen start
    patterns and the age patterns asked about each stretch that names a pair and holds a date):
    `may_match` reads the string once and tells, for all of them together, which ones it holds
    the literals of (the union of their literals looked for once, then a set test per pattern),
    instead of each pattern reading it on its own (three or four calls and a scan of its
    literals each: ~5 µs a pattern and stretch on the real pages, most finding nothing). The
    answer is the one each pattern's `search` would give: a pattern left out cannot match."""

    __slots__ = ("patterns", "_union", "_bits", "_finders", "_unmet", "_tests", "_answers")

    def __init__(self, patterns: list[Prefiltered]):
        self.patterns = tuple(patterns)
        #: per reading (_PLAIN, _STRICT): every literal of every pattern
        self._union: tuple[tuple[str, ...], tuple[str, ...]] = tuple(
            tuple(sorted({lit for p in self.patterns if p._literals is not None for lit in _every_literal(p, state)}))
            for state in (_PLAIN, _STRICT))
        #: per reading, each set of literals a pattern asks for (its literals, each set of each
        #: of its clauses) is one bit, and `_bits` gives the bits a literal meets: a stretch's
        #: present literals come to one number, a clause is met where it holds all its bits.
        #: `_unmet`: each pattern's answer where its literals are not met (True: no pre-filter;
        #: None: a digit decides); `_tests`: (index, literals' bit, clauses' bits) per filtered
        #: pattern. (The sets were tested one by one before, as frozensets, at ~0.3 µs a
        #: pattern and stretch, the one cost of this test besides the literal scan)
        self._bits: tuple[dict[str, int], dict[str, int]] = ({}, {})
        unmet: tuple[list, list] = ([], [])
        tests: tuple[list, list] = ([], [])
        for state in (_PLAIN, _STRICT):
            bits, count = self._bits[state], 0

            def bit_of(literals) -> int:
                nonlocal count
                bit, count = 1 << count, count + 1
                for lit in literals:
                    bits[lit] = bits.get(lit, 0) | bit
                return bit

            for i, p in enumerate(self.patterns):
                if p._literals is None:
                    unmet[state].append(True)
                    continue
                unmet[state].append(None if p._digit else False)
                literals, clauses = _requirements(p, state)
                tests[state].append((i, bit_of(literals), None if clauses is None else
                                     tuple(sum(bit_of(group) for group in c) for c in clauses)))
        #: per reading, the union's literals in one automaton, each with its bits: one pass over
        #: a stretch finds the literals it holds (a substring test per literal, 40 to 90 of them,
        #: cost ~10 µs a stretch). It reports every occurrence of every literal, also of one
        #: inside another, so the literals found are exactly those with `lit in low`
        self._finders = tuple(automaton({lit: self._bits[state][lit] for lit in self._union[state]})
                              for state in (_PLAIN, _STRICT))
        self._unmet = (tuple(unmet[0]), tuple(unmet[1]))
        self._tests = (tuple(tests[0]), tuple(tests[1]))
        #: (reading, bits met) → the answers: stretches hold the same few literals over and over
        self._answers: dict[tuple[int, int], tuple[bool | None, ...]] = {}

    def may_match(self, string: str) -> list[bool]:
        """For each pattern, whether it may match `string` as a whole (False: `search` would
        find nothing)."""
        low, state = _read(string)
        if state == _NO_FILTER:
            return [True] * len(self.patterns)
        met = 0
        finder = self._finders[state]
        if finder is not None:
            for _end, bit in finder.iter(low):
                met |= bit
        answers = self._answers.get((state, met))
        if answers is None:
            found = list(self._unmet[state])
            for i, literals, clauses in self._tests[state]:
                if met & literals and (clauses is None or any(met & c == c for c in clauses)):
                    found[i] = True
            answers = tuple(found)
            if len(self._answers) >= _ANSWERS_KEPT:
                self._answers.clear()
            self._answers[(state, met)] = answers
        if None not in answers:
            return list(answers)
        digit = _DIGIT.search(string) is not None
        return [digit if a is None else a for a in answers]


#: how many sets of present literals a `PrefilteredGroup` remembers the answers for (a few
#: hundred occur on the real pages; the bound only keeps a long build's memory flat)
_ANSWERS_KEPT = 4096


def _every_literal(p: Prefiltered, state: int) -> set[str]:
    literals, clauses = _requirements(p, state)
    return {*literals, *(lit for c in clauses or () for group in c for lit in group)}


def _requirements(p: Prefiltered, state: int) -> tuple[tuple[str, ...], tuple | None]:
    """A pattern's literals and clauses as `Prefiltered._fails` asks them in a reading."""
    if state == _PLAIN:
        return p._plain, p._plain_clauses
    return p._literals, p._clauses


class Occurs:
    """Whether a case-insensitive alternation of `branches` matches anywhere in a stretch: the
    truth of ``pattern.search``, without the match. Its branches that begin with a digit are
    tried only where a digit stands (the digits are found at C speed; such a branch can match
    nowhere else), the worded ones behind their literal pre-filter. The date test asks this of
    every sentence and stretch that names a pair; most hold a digit, so its ten-branch
    alternation, tried at every character, was the most expensive pattern of the extraction
    (15 µs a sentence on the real pages, 6 % of the extraction time)."""

    __slots__ = ("plain", "_digit_led", "_worded", "_worded_group")

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
        # a whole string (the stretch of a pair) is read once for all the worded branches'
        # literals, not once per branch (eight pre-filter calls a stretch, most finding nothing)
        self._worded_group = PrefilteredGroup(list(self._worded))

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        if self._digit_led is not None and self._digit_led.search(string, pos, endpos):
            return True
        if pos == 0 and endpos >= len(string):
            # (a branch the group leaves out cannot match; the others are asked as before)
            return any(w.pattern.search(string) is not None
                       for w, may in zip(self._worded, self._worded_group.may_match(string)) if may)
        return any(w.search(string, pos, endpos) is not None for w in self._worded)

#: how a string was read for the pre-filters: lowered, each character at its offset, no
#: character re.IGNORECASE equates with another beyond lowercasing (the whole-word literals
#: serve); with such a character ("ſ", "ı": the strict literals serve); with "İ", which lowers
#: to two characters (no pre-filter)
_PLAIN, _STRICT, _NO_FILTER = 0, 1, 2
#: the characters that make a text strict: those _EXTRA_CASES equates beyond lowercasing
#: (the ASCII "i", "s" themselves are their partners, and lowering serves them)
_EXOTIC_CHARACTERS = "".join(sorted({chr(c) for k, vs in (_EXTRA_CASES or {}).items() for c in (k, *vs) if c > 127}))
_EXOTIC = re.compile("[" + re.escape(_EXOTIC_CHARACTERS) + "]")
#: those of them a string whose characters all lie below U+0100 may hold ("µ")
_EXOTIC_LATIN1 = tuple(c for c in _EXOTIC_CHARACTERS if ord(c) < 0x100)


def _holds_exotic(s: str) -> bool:
    """`_EXOTIC.search(s) is not None`, told cheaply where it can be: an ASCII string holds none
    (a flag of the string), one whose characters all lie below U+0100 (it encodes to Latin-1
    whole, a copy of its bytes) only those of _EXOTIC_LATIN1 (a substring test each); the search
    of the character class runs on the rest (a text or sentence with "„" or "–"). Of the
    sentences of the open real pages 87 % lie below U+0100, and the test took 1.2 µs instead of
    2.2 µs a sentence, 26 µs instead of 39 µs a page (open12, session 20)."""
    if s.isascii():
        return False
    if len(s.encode("latin-1", "ignore")) == len(s):
        return any(c in s for c in _EXOTIC_LATIN1)
    return _EXOTIC.search(s) is not None


#: the strings read lately, by their content, with their lowered forms and readings: the rules
#: ask several patterns about one sentence or stretch, and slice the same sentence anew in
#: several places (a third of the strings read on the real pages had been read before in the
#: same article, under another object: the four last kept by identity missed them). Emptied
#: when it holds _READ_KEPT (a few articles' worth; the bound keeps a build's memory flat).
#: (Each get and set is one operation under the GIL: a reader in another thread finds an entry
#: or reads the string again.)
_READ_MEMO: dict[str, tuple[str, int]] = {}
_READ_KEPT = 1024
#: a string this long is a text (an article's), not a sentence: read, it is kept with the
#: texts (`read_text`); 1,000 characters is several times a long sentence of the real pages
TEXT_LENGTH = 1_000


def _reading(s: str) -> tuple[str, int]:
    low = s.lower()
    return low, _NO_FILTER if len(low) != len(s) else _STRICT if _holds_exotic(s) else _PLAIN


def _read(s: str) -> tuple[str, int]:
    if _LAST_TEXT_READ[0] is s or len(s) >= TEXT_LENGTH:  # (an article's text, asked about as a whole)
        return read_text(s)
    known = _READ_MEMO.get(s)
    if known is None:
        known = _reading(s)
        if len(_READ_MEMO) >= _READ_KEPT:
            _READ_MEMO.clear()
        _READ_MEMO[s] = known
    return known


#: the same for a text searched by windows (an article's), kept apart so that the sentences
#: asked about in between do not push it out
_LAST_TEXT_READ: tuple[str | None, str, int] = (None, "", _PLAIN)


def read_text(s: str) -> tuple[str, int]:
    """`_reading(s)`, kept for the last text asked about."""
    global _LAST_TEXT_READ
    last = _LAST_TEXT_READ
    if last[0] is s:
        return last[1], last[2]
    low, state = _reading(s)
    _LAST_TEXT_READ = (s, low, state)
    return low, state


def lowered(s: str) -> str:
    """`s.lower()`, kept among the last strings read: a stretch the rules lower for their own
    tests is then not lowered again by the pre-filters asked about it (nor the other way)."""
    return _read(s)[0]


def lowered_text(s: str) -> str:
    """`s.lower()`, kept for the last text asked about: the passes over one article (terms,
    cue sentences, cue words, the pre-filters) lower its text once between them (a page of
    2 kB with quotation marks or dashes takes 10–30 µs to lower)."""
    return read_text(s)[0]


#: every literal (both readings) of every `Prefiltered` asked about a window of a text, and the
#: automaton that finds them (made anew when a pre-filter adds literals). A text searched by
#: windows was scanned for the literals of each pattern asked about it, one substring test per
#: literal and pattern (3 % of the extraction of the real pages); now the literals of all those
#: patterns are found in one pass per text, and each pattern picks its own from the set: the same
#: literals (the automaton reports every occurrence of every literal, one inside another too:
#: exactly those with `lit in low`). (Only the patterns asked about windows: the literals of all
#: pre-filters, short ones among them, made the pass twice as dear)
_ALL_LITERALS: set[str] = set()
#: (how many times literals were added, the automaton of _ALL_LITERALS then; None: to be made)
_LITERAL_FINDER: tuple[int, object] = (0, None)
#: (text, _LITERAL_FINDER's count it was read with, the literals its lowered form holds) for
#: the last text asked about
_TEXT_LITERALS: tuple[str | None, int, frozenset[str]] = (None, 0, frozenset())


def _register_literals(*literal_sets) -> None:
    global _LITERAL_FINDER
    new = {lit for lits in literal_sets if lits for lit in lits} - _ALL_LITERALS
    if new:
        _ALL_LITERALS.update(new)
        _LITERAL_FINDER = (_LITERAL_FINDER[0] + 1, None)


def text_literals(text: str, low: str) -> frozenset[str]:
    """The literals of all pre-filters that `low` (the lowered `text`) holds, kept for the last
    text asked about."""
    global _TEXT_LITERALS, _LITERAL_FINDER
    known, (count, finder) = _TEXT_LITERALS, _LITERAL_FINDER
    if known[0] is text and known[1] == count:
        return known[2]
    if finder is None:
        finder = automaton({lit: lit for lit in _ALL_LITERALS})
        _LITERAL_FINDER = (count, finder)
    held = frozenset(lit for _end, lit in finder.iter(low)) if finder is not None else frozenset()
    _TEXT_LITERALS = (text, count, held)
    return held
