"""A literal pre-filter for a case-insensitive alternation of regular expressions.

The partnership cues (``partnership_cues`` in ``data/rules-de.json``) are ~27 regular
expressions run as one alternation over every sentence; most sentences contain none of the
words they need. `required_literals` reads the patterns themselves (Python's own regex parser)
and finds, for every pattern, a few lowercase strings of which every match must contain one
("partnerst(a|ä)dt(e|en)?" needs "partnerstadt" or "partnerstädt"). A sentence that contains
none of them cannot match, so the regex need not run. Nothing is kept by hand: a new cue pattern
brings its own literals, and a pattern whose literal cannot be derived (a bare ``\\w+``, an
inline flag) switches the filter off (None: always run the regex).
"""

from __future__ import annotations

import re
import sys
import threading

try:  # Python ≥ 3.11
    from re import _parser as _sre_parse
    from re._constants import (AT, ATOMIC_GROUP, BRANCH, CATEGORY, CATEGORY_DIGIT, IN, LITERAL, MAX_REPEAT,
                               MIN_REPEAT, POSSESSIVE_REPEAT, RANGE, SUBPATTERN)
except ImportError:  # pragma: no cover - older Pythons
    import sre_parse as _sre_parse  # type: ignore[no-redef]
    from sre_constants import (AT, BRANCH, CATEGORY, CATEGORY_DIGIT, IN, LITERAL, MAX_REPEAT,  # type: ignore
                               MIN_REPEAT, RANGE, SUBPATTERN)
    ATOMIC_GROUP = POSSESSIVE_REPEAT = object()

try:  # the characters re.IGNORECASE equates beyond simple lowercasing ("s" ~ "ſ", "i" ~ "ı")
    from re._casefix import _EXTRA_CASES
    _UNSAFE = frozenset(chr(k) for k in _EXTRA_CASES)
except ImportError:  # pragma: no cover - older Pythons: only the plain ASCII letters are trusted
    _EXTRA_CASES = None
    _UNSAFE = None

#: set while literals are derived for texts known to hold none of the characters re.IGNORECASE
#: equates with theirs beyond lowercasing ("ſ" for "s", "ı" for "i": `exotic_partners`); there
#: every character lowered is safe, and "messe", "bezirk", "partnerschaft" need not stop at
#: their "s" or "i" ("me", "bez", "partner")
_TRUSTING = threading.local()

#: most alternatives a literal set may grow to by products ("(a|ä)" × "(e|en)?" …); beyond, a
#: run of literals is cut (a shorter literal is still a required one). 16 covers every cue pattern.
_MAX_SET = 16


def _safe(c: str) -> str | None:
    """The lowercase form of a pattern character if a lowercased text can only match it with
    exactly that character (so that ``literal in text.lower()`` is a sound test), else None."""
    low = c.lower()
    if len(low) != 1:
        return None
    if getattr(_TRUSTING, "on", False):
        return low
    if _UNSAFE is None:
        return low if low.isascii() and low not in "is" else None
    return None if low in _UNSAFE else low


def _product(a: frozenset[str], b: frozenset[str]) -> frozenset[str] | None:
    out = frozenset(x + y for x in a for y in b)
    return out if len(out) <= _MAX_SET else None


def _exact(op, av) -> frozenset[str] | None:
    """The strings (lowercase) one item always matches exactly, or None if not a small finite set."""
    if op is LITERAL:
        c = _safe(chr(av))
        return frozenset({c}) if c else None
    if op is AT:  # \b, ^, $: zero-width, adds no character
        return frozenset({""})
    if op is IN:
        chars = [_safe(chr(v)) if o is LITERAL else None for o, v in av]
        return frozenset(chars) if chars and all(chars) and len(chars) <= _MAX_SET else None
    if op is SUBPATTERN:
        _group, add_flags, del_flags, p = av
        return _exact_seq(p) if _plain_group(add_flags, del_flags) else None
    if op is BRANCH:
        out = _union(av[1], _exact_seq)
        return out if out is not None and len(out) <= _MAX_SET else None
    if op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
        lo, hi, p = av
        if (lo, hi) == (0, 1):  # "(en)?": the item or nothing
            e = _exact_seq(p)
            return None if e is None else e | {""}
        if (lo, hi) == (1, 1):
            return _exact_seq(p)
    return None


def _plain_group(add_flags: int, del_flags: int) -> bool:
    """A group read as the pattern around it: no flags of its own, or only "(?i:…)", which the
    derivation assumes for the whole pattern anyway (rules wrap case-insensitive phrases so)."""
    return not del_flags and add_flags in (0, re.IGNORECASE)


def _exact_seq(items) -> frozenset[str] | None:
    out = frozenset({""})
    for op, av in items:
        e = _exact(op, av)
        if e is None:
            return None
        out = _product(out, e)
        if out is None:
            return None
    return out


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective requirement: the longer shortest literal, then the fewer literals."""
    def score(s):
        return (min(map(len, s)), -len(s)) if s and "" not in s else (0, 0)
    best = max((a, b), key=lambda s: score(s) if s else (0, 0))
    return best if best and score(best)[0] > 0 else None


def _need(items) -> frozenset[str] | None:
    """Strings one of which every match of the sequence contains, or None."""
    best = None
    run = frozenset({""})
    for op, av in items:
        e = _exact(op, av)
        if e is not None:
            grown = _product(run, e)
            if grown is not None:
                run = grown
                continue
            best = _better(best, run)  # too many combinations: keep what came so far, start anew
            run = e
            continue
        best = _better(best, run)
        run = frozenset({""})
        best = _better(best, _need_of(op, av))
    return _better(best, run)


def _need_of(op, av) -> frozenset[str] | None:
    """What an item that matches no fixed string requires of every match, or None."""
    if op is SUBPATTERN:
        _group, add_flags, del_flags, p = av
        return _need(p) if _plain_group(add_flags, del_flags) else None
    if op is ATOMIC_GROUP:
        return _need(av)
    if op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
        lo, _hi, p = av
        return _need(p) if lo >= 1 else None
    if op is BRANCH:
        return _union(av[1], _need)
    return None


def _union(branches, of) -> frozenset[str] | None:
    """A branch matches what one of its alternatives matches: the union of what `of` says of
    each, None as soon as one says nothing."""
    out: set[str] = set()
    for b in branches:
        e = of(b)
        if e is None:
            return None
        out |= e
    return frozenset(out)


def pattern_literals(pattern: str) -> frozenset[str] | None:
    """Lowercase strings one of which every match of `pattern` (compiled with re.IGNORECASE,
    searched in a lowercased text) contains; None if none can be derived."""
    parsed = _sre_parse.parse(pattern, re.IGNORECASE)
    if parsed.state.flags & ~(re.IGNORECASE | re.UNICODE):  # (?x), (?s) …: not reasoned about
        return None
    return _need(parsed)


def _digit_item(op, av) -> bool:
    """Does this item match only characters `\\d` matches (a digit, a class of digits)?"""
    if op is LITERAL:
        return chr(av).isdecimal()
    if op is IN:
        return bool(av) and all(o is LITERAL and chr(v).isdecimal() or o is CATEGORY and v is CATEGORY_DIGIT
                                or o is RANGE and "0" <= chr(v[0]) and chr(v[1]) <= "9" for o, v in av)
    return False


def _needs_digit(items) -> bool:
    """Does every match of the sequence contain a digit?"""
    for op, av in items:
        if _digit_item(op, av):
            return True
        if op is SUBPATTERN and not (av[1] or av[2]) and _needs_digit(av[3]):
            return True
        if op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT) and av[0] >= 1 and _needs_digit(av[2]):
            return True
        if op is BRANCH and all(_needs_digit(b) for b in av[1]):
            return True
    return False


def pattern_requirements(pattern: str) -> tuple[frozenset[str], bool] | None:
    """What every match of `pattern` (re.IGNORECASE, searched in a text whose lowered form is
    tested) contains: one of these lowercase literals, or (where the flag is True) a digit. In an
    alternation a branch that needs a digit is tested by that (a stretch without digits is
    quickly told; "\\d\\.\\s?\\d\\d" would otherwise give only "."), the others by their literals
    ("1[89]\\d\\d|vorjahr": a digit or "vorjahr"); None where some branch needs neither."""
    parsed = _sre_parse.parse(pattern, re.IGNORECASE)
    if parsed.state.flags & ~(re.IGNORECASE | re.UNICODE):
        return None
    if len(parsed) == 1 and parsed[0][0] is BRANCH:
        found: set[str] = set()
        digit = False
        for branch in parsed[0][1][1]:
            if _needs_digit(branch):
                digit = True
            elif lits := _need(branch):
                found |= lits
            else:
                return None
        return frozenset(found), digit
    literals = _need(parsed)
    if literals:
        return literals, False
    return (frozenset(), True) if _needs_digit(parsed) else None


def trusting(derive, *args):
    """`derive(*args)` (a derivation of literals) for texts that hold none of the literals'
    `exotic_partners`: there each lowered character matches only itself."""
    if _EXTRA_CASES is None:  # pragma: no cover - older Pythons: the strict literals only
        return derive(*args)
    _TRUSTING.on = True
    try:
        return derive(*args)
    finally:
        _TRUSTING.on = False


def exotic_partners(literals) -> frozenset[str]:
    """The characters re.IGNORECASE equates with a character of these literals beyond
    lowercasing ("ſ" for "s", "ı" for "i"): a text holding none of them (and no "İ", which
    lowers to two characters) matches a literal's character only with that character lowered,
    so the literals `trusting` derives are sound for it."""
    if not literals or _EXTRA_CASES is None:
        return frozenset()
    return frozenset(chr(v) for c in set("".join(literals)) for v in _EXTRA_CASES.get(ord(c), ()))


def required_literals(patterns: list[str]) -> tuple[str, ...] | None:
    """Lowercase strings one of which every match of any of `patterns` contains (a lowercased
    text holding none of them matches none of the patterns), without the ones another contains
    ("partner" makes "partnerstadt" redundant); None when some pattern gives no literal."""
    found: set[str] = set()
    for p in patterns:
        lits = pattern_literals(p)
        if lits is None:
            return None
        found |= lits
    return tuple(sorted(s for s in found if not any(o != s and o in s for o in found)))


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

    __slots__ = ("pattern", "_literals", "_digit", "_plain", "_exotic", "_present", "_absent")

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        plain = pattern.flags & ~(re.IGNORECASE | re.UNICODE) == 0  # (re.X would parse otherwise)
        needs = pattern_requirements(pattern.pattern) if plain else None
        # the literals are tested by `in` (a C substring search per literal): an alternation of
        # literals is tried at every position of the text, several times slower
        self._literals = _fewest(needs[0]) if needs else None
        self._digit = bool(needs and needs[1])  # else a match needs a literal (or: no filter)
        trusted = trusting(pattern_requirements, pattern.pattern) if needs else None
        self._plain = _fewest(trusted[0]) if trusted and trusted[1] == self._digit else self._literals
        self._exotic = tuple(sorted(exotic_partners(self._plain))) if self._plain != self._literals else ()
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

    def _cannot_match(self, string: str, pos: int, endpos: int) -> bool:
        # a match lies inside string[pos:endpos] (look-arounds consume nothing), so its literal
        # does too. "İ" is the one character whose lowering (two characters) differs from the
        # one-character folding re.IGNORECASE compares by: with it, no pre-filter
        if self._literals is None:
            return False
        if pos == 0 and endpos >= len(string):
            if "\u0130" in string:
                return False
            return not any(map(_lowered(string).__contains__, self._literals_for(string))) \
                and not (self._digit and _DIGIT.search(string))
        # a window of a longer text (a sentence of the article, the words before a place): the
        # text is lowered once and the window's literals are looked up in place. Lowering keeps
        # each character's offset when the lengths agree (no "İ"); a final sigma lowers by its
        # context, but no literal holds a sigma
        low = _lowered_text(string)
        if len(low) != len(string):
            stretch = string[pos:endpos]
            return "\u0130" not in stretch and not any(map(_lowered(stretch).__contains__, self._literals_for(stretch))) \
                and not (self._digit and _DIGIT.search(stretch))
        present = self._present
        if present[0] is not string:  # (replaced whole: a reader in another thread sees one or the other)
            present = self._present = (string, tuple(filter(low.__contains__, self._literals_for(string))))
            if not present[1] and not (self._digit and _DIGIT.search(string)):
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


def _fewest(literals) -> tuple[str, ...]:
    """The literals without those that contain another ("konferenzen" holds "konferenz": a text
    without the one has neither), in a fixed order."""
    return tuple(sorted(s for s in literals if not any(o != s and o in s for o in literals)))


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


def _lowered(s: str) -> str:
    global _RECENT_LOWERED
    if _LAST_TEXT_LOWERED[0] is s:  # (an article's text, asked about as a whole)
        return _LAST_TEXT_LOWERED[1]
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


def _lowered_text(s: str) -> str:
    global _LAST_TEXT_LOWERED
    last = _LAST_TEXT_LOWERED
    if last[0] is s:
        return last[1]
    low = s.lower()
    _LAST_TEXT_LOWERED = (s, low)
    return low
