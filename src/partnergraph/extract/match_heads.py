"""Where a match of a pattern can begin: the strings of one or two characters that every match
opens with, derived from the parsed pattern, and `Skipping`, a pattern searched only from the
places where one of them stands.

The regex engine searches a pattern that opens with a literal or a class of characters by
skipping in C to the next place that character stands; a pattern that opens otherwise, with a
word boundary, an optional group, or a letter under re.IGNORECASE (whose case variants the
engine does not gather into a class), it tries at every character of the text. The start-date
patterns are such ("\\b(?:im\\s+Jahre?\\s+|im\\s+<month>\\s+)?…(?P<year>1[89]\\d\\d|20\\d\\d)…": a
match opens with "im" or a year's first two figures) and were, tried so at every character of
each stretch that names a pair, a sixth of the time the regex engine spent on the real pages.
`Skipping` finds the next place a match can open with a case-sensitive alternation of the
heads (which the engine skips to in C) and tries the pattern there only: the same matches, since
a match cannot begin anywhere else.
"""

from __future__ import annotations

import re
import sys
from re import _constants as _c
from re import _parser

try:  # the characters re.IGNORECASE equates beyond lowercasing
    from re._casefix import _EXTRA_CASES
except ImportError:  # pragma: no cover - older Pythons: no case-insensitive heads
    _EXTRA_CASES = None

#: how many characters the heads hold: two ("im", "19", "20") pick far fewer places than one
#: ("i", "1", "2") in German text, where "i" is every twelfth letter
HEAD_LENGTH = 2
#: more heads than this, and the alternation of them is no cheap scan: no skipping
MAX_HEADS = 64
#: how many steps the derivation may take (nested optional repeats multiply them): no heads beyond
_BUDGET = 5_000
#: the characters whose case variants under re.IGNORECASE `_variants` knows (tests compare them
#: with every character's lowercasing): ASCII letters and digits, the German umlauts and "ß"
_KNOWN_CASES = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789äöüßÄÖÜ")
#: the characters beyond a letter's upper case that lowercase to it (Kelvin sign, dotted I, capital sharp s)
_UPPER_EXTRA = {"k": "\u212a", "i": "\u0130", "ß": "\u1e9e"}


def _variants(c: str, ignore_case: bool) -> set[str] | None:
    """Every character that matches `c` in a pattern (a superset under re.IGNORECASE: each
    character whose lowercase is c's or one re.IGNORECASE equates with it); None where unknown."""
    if not ignore_case:
        return {c}
    if c not in _KNOWN_CASES or _EXTRA_CASES is None:
        return None
    low = c.lower()
    out = set()
    for t in (low, *(chr(x) for x in _EXTRA_CASES.get(ord(low), ()))):
        out.update((t, *(u for u in (t.upper(),) if len(u) == 1), *_UPPER_EXTRA.get(t, "")))
    return out


def _class(items, ignore_case: bool) -> set[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars = [chr(av)]
        elif op is _c.RANGE and av[1] - av[0] < 32:
            chars = [chr(x) for x in range(av[0], av[1] + 1)]
        else:
            return None  # (a negation, a category, a wide range: any character, nearly)
        for ch in chars:
            v = _variants(ch, ignore_case)
            if v is None:
                return None
            out |= v
    return out


def heads(pattern: re.Pattern, length: int = HEAD_LENGTH) -> frozenset[str] | None:
    """The strings of `length` characters one of which every match of `pattern` opens with, or
    None where the pattern does not tell (a match may open with any character, or be shorter)."""
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    ignore_case = bool(parsed.state.flags & _c.SRE_FLAG_IGNORECASE)
    budget = [_BUDGET]
    found = _heads(tuple((op, av, ignore_case) for op, av in parsed.data), length, budget)
    return frozenset(found) if found else None


def _heads(items: tuple, need: int, budget: list[int]) -> set[str] | None:
    """The strings of `need` characters the sequence `items` ((op, av, ignore case)) opens with."""
    if need == 0:
        return {""}
    budget[0] -= 1
    if budget[0] < 0 or not items:
        return None  # (out of steps, or the match may end here)
    (op, av, ic), rest = items[0], items[1:]
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return _heads(rest, need, budget)  # (consumes nothing: the places it allows are fewer still)
    if op is _c.SUBPATTERN:
        _group, add, remove, sub = av
        ic = (ic or bool(add & _c.SRE_FLAG_IGNORECASE)) and not remove & _c.SRE_FLAG_IGNORECASE
        return _heads(tuple((o, a, ic) for o, a in sub.data) + rest, need, budget)
    if op is _c.ATOMIC_GROUP:
        return _heads(tuple((o, a, ic) for o, a in av.data) + rest, need, budget)
    if op is _c.BRANCH:
        out: set[str] = set()
        for alternative in av[1]:
            found = _heads(tuple((o, a, ic) for o, a in alternative.data) + rest, need, budget)
            if found is None or len(out | found) > MAX_HEADS:
                return None
            out |= found
        return out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, high, sub = av
        if high == 0:
            return _heads(rest, need, budget)
        again = (op, (max(low - 1, 0), high if high == _c.MAXREPEAT else high - 1, sub), ic)
        found = _heads(tuple((o, a, ic) for o, a in sub.data) + (again,) + rest, need, budget)
        if low == 0 and found is not None:
            skipped = _heads(rest, need, budget)
            found = None if skipped is None else found | skipped
        return found if found is None or len(found) <= MAX_HEADS else None
    if op is _c.LITERAL:
        chars = _variants(chr(av), ic)
    elif op is _c.IN:
        chars = _class(av, ic)
    else:
        return None  # (any character, a category, a back reference …)
    if chars is None:
        return None
    tails = _heads(rest, need - 1, budget)
    if tails is None or len(chars) * len(tails) > MAX_HEADS:
        return None
    return {ch + t for ch in chars for t in tails}


def rare(found: frozenset[str] | None) -> bool:
    """Are these heads rare enough in German text to skip to: each a year's first figures or
    "im" (in any case). Each place a head stands costs a search and a match called from Python
    (~0.4 µs), each character the engine tries the pattern at some 30–60 ns: heads such as "be",
    "ge", "un", "ei" (the verbs of the start patterns) stand every few words, and skipping to
    them cost more than it spared (the start patterns over the stretches of the real pages,
    session 21: those opening with "im" or a year took half the time, those opening with a verb
    the same or up to 2.5 times as long)."""
    return bool(found) and all(h[:1].isdigit() or h[:1] in "iIıİ" and h[1:] in ("m", "M") for h in found)


class Skipping:
    """A compiled pattern searched only where one of its heads stands (see the module), where
    they are `rare`: `search` and `finditer` find what the pattern's own do (its matches are
    never empty: each holds a head). Any other pattern is searched as it is."""

    __slots__ = ("pattern", "_next")

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        found = heads(pattern)
        #: the heads as one case-sensitive alternation of literals: the engine skips to them in C
        self._next = re.compile("|".join(map(re.escape, sorted(found)))).search if rare(found) else None

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match | None:
        if self._next is None:
            return self.pattern.search(string, pos, endpos)
        find, match = self._next, self.pattern.match
        at = find(string, pos, endpos)
        while at is not None:
            # (match at a place sees the text before it as search does: look-behinds, \b)
            m = match(string, at.start(), endpos)
            if m is not None:
                return m
            at = find(string, at.start() + 1, endpos)
        return None

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize):
        if self._next is None:
            yield from self.pattern.finditer(string, pos, endpos)
            return
        while (m := self.search(string, pos, endpos)) is not None:
            yield m
            pos = m.end()  # (a match is never empty: the next begins at its end, as finditer's does)
