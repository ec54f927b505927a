"""Sets chosen by the keys a lowered stretch holds: which of the rules' keyed patterns (the status
patterns' "keys" in relations-de.json) a stretch can match, found in one Aho-Corasick pass."""

from __future__ import annotations

import ahocorasick


def automaton(values: dict[str, object]):
    """An Aho-Corasick automaton of these words, each reported with its value (None: no words).
    It reports every occurrence of every word, also of one inside another ("absicht" in
    "absichtserklärung"), so the words one pass over a text finds are exactly those with
    ``word in text``: what the substring tests it replaces found."""
    if not values:
        return None
    found = ahocorasick.Automaton()
    for word, value in values.items():
        found.add_word(word, value)
    found.make_automaton()
    return found


class KeySets:
    """`union(base, low)`: `base` joined with the set of every key that occurs in `low`.

    One automaton pass over the stretch instead of a substring test per key (62 status keys,
    asked of every stretch that names a pair: ~1 % of the extraction on the real pages). The
    answer is the one of the tests it replaces: the automaton reports every occurrence of every
    key, also of a key inside another ("absicht" in "absichtserklärung"), so the keys it reports
    are exactly those with ``key in low``."""

    __slots__ = ("_automaton",)

    def __init__(self, sets: dict[str, frozenset]):
        self._automaton = automaton(sets)

    def union(self, base: frozenset, low: str) -> frozenset:
        if self._automaton is None:
            return base
        return base.union(*(value for _end, value in self._automaton.iter(low)))


class LiteralFinder:
    """`present(low)`: the frozenset of these literals that occur in `low`, in one Aho-Corasick
    pass; the set ``frozenset(filter(low.__contains__, literals))`` is, for the same reason as
    KeySets' (every occurrence of every literal is reported, one inside another too)."""

    __slots__ = ("_automaton",)

    def __init__(self, literals):
        self._automaton = automaton({lit: lit for lit in literals})

    def present(self, low: str) -> frozenset[str]:
        if self._automaton is None:
            return frozenset()
        return frozenset(lit for _end, lit in self._automaton.iter(low))
