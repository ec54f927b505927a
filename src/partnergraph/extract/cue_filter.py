"""A literal pre-filter for a case-insensitive alternation of regular expressions.

The partnership cues (``partnership_cues`` in ``data/rules-de.json``) are ~27 regular
expressions run as one alternation over every sentence; most sentences contain none of the
words they need. `required_literals` reads the patterns themselves (Python's own regex parser)
and finds, for every pattern, a few lowercase strings of which every match must contain one
("partnerst(a|ä)dt(e|en)?" needs "partnerstadt" or "partnerstädt"). A sentence that contains
none of them cannot match, so the regex need not run. Nothing is kept by hand: a new cue pattern
brings its own literals, and a pattern whose literal cannot be derived (a bare ``\\w+``, an
inline flag) switches the filter off (None: always run the regex). `pattern_clauses` says more:
every set of literals a match needs ("partnerschaft…" and one of "schule", "verein" …), and
`trusting` derives whole words for texts without "ſ" or "ı" ("messe" rather than "me"). The
patterns behind these filters are in prefilter.py.
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


#: most alternatives a requirement by clauses may grow to (each alternation multiplies them)
_MAX_CLAUSES = 8


def _clauses(items) -> list[list[frozenset[str]]] | None:
    """What every match of the sequence contains, more fully than `_need`'s one set: clauses,
    one per way through its alternations, each a list of sets the match holds a literal of
    every one of ("partnerschaft…" and one of "schule", "verein", …); None where some way
    requires nothing."""
    clauses: list[list[frozenset[str]]] = [[]]
    run = frozenset({""})

    def close(found):
        if _better(None, found) is not None:
            for c in clauses:
                c.append(found)

    for op, av in items:
        e = _exact(op, av)
        if e is not None:
            grown = _product(run, e)
            if grown is None:
                close(run)
            run = grown if grown is not None else e
            continue
        close(run)
        run = frozenset({""})
        sub = _item_clauses(op, av)
        if sub is not None and len(clauses) * len(sub) <= _MAX_CLAUSES:
            clauses = [c + s for c in clauses for s in sub]
        else:
            close(_need_of(op, av) or frozenset({""}))
    close(run)
    return None if any(not c for c in clauses) else clauses


def _item_clauses(op, av) -> list[list[frozenset[str]]] | None:
    if op is SUBPATTERN and _plain_group(av[1], av[2]):
        return _clauses(av[3])
    if op is ATOMIC_GROUP:
        return _clauses(av)
    if op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT) and av[0] >= 1:
        return _clauses(av[2])
    if op is BRANCH:
        out = []
        for b in av[1]:
            found = _clauses(b)
            if found is None:
                return None
            out += found
        return out
    return None


def pattern_clauses(pattern: str) -> tuple[tuple[tuple[str, ...], ...], ...] | None:
    """`_clauses` of a pattern (compiled with re.IGNORECASE, searched in a lowercased text),
    each set reduced to its fewest literals; None where none are derived or a digit may stand
    for a literal (pattern_requirements)."""
    parsed = _sre_parse.parse(pattern, re.IGNORECASE)
    needs = pattern_requirements(pattern)
    if parsed.state.flags & ~(re.IGNORECASE | re.UNICODE) or not needs or needs[1]:
        return None
    found = _clauses(parsed)
    return None if found is None else tuple(tuple(fewest(s) for s in c) for c in found)


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
    found = _union(patterns, pattern_literals)
    return None if found is None else fewest(found)


def fewest(literals) -> tuple[str, ...]:
    """The literals without those that contain another ("konferenzen" holds "konferenz": a text
    without the one has neither), in a fixed order."""
    return tuple(sorted(s for s in literals if not any(o != s and o in s for o in literals)))
