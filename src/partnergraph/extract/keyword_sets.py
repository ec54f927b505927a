"""Several lists of words found in one pass over a text: the role words before people's names
(people.py) and the head words of utilities (organisations.py) were each looked for by an
Aho-Corasick pass of their own over every article, with the same options (case kept, at the
start of a word); one pass now finds both, and each rule reads its own list's positions.

Each list's answer is the one `matcher.Keywords(words).find(text)` gives: every occurrence of
each of its words at the start of a word, the longest among those ending at one place, in
order. (The automaton reports every occurrence of every word, also of one inside another, and
each word carries the lists it belongs to.)"""

from __future__ import annotations

from typing import Iterable

import ahocorasick


class KeywordSets:
    """The named word lists `lists`, found together; `view(name)` is one list's finder."""

    def __init__(self, lists: dict[str, Iterable[str]]):
        self._names = tuple(lists)
        owners: dict[str, set[int]] = {}
        for i, name in enumerate(self._names):
            for word in lists[name]:
                owners.setdefault(word, set()).add(i)
        self._automaton = ahocorasick.Automaton()
        for word, ids in owners.items():
            self._automaton.add_word(word, (len(word), tuple(sorted(ids))))
        self._automaton.make_automaton()
        #: (text, each list's occurrences) for the last text read (replaced whole: a reader in
        #: another thread sees one text's answers or the other's)
        self._last: tuple[str | None, tuple[list[tuple[int, int]], ...]] = (None, ())

    def view(self, name: str) -> "KeywordView":
        return KeywordView(self, self._names.index(name))

    def find(self, text: str, index: int) -> list[tuple[int, int]]:
        last = self._last
        if last[0] is not text:
            last = self._last = (text, self._scan(text))
        return last[1][index]

    def _scan(self, text: str) -> tuple[list[tuple[int, int]], ...]:
        longest: list[dict[int, int]] = [{} for _ in self._names]
        if self._names and len(self._automaton):
            for end_idx, (length, ids) in self._automaton.iter(text):
                end = end_idx + 1
                start = end - length
                if start > 0 and text[start - 1].isalnum():
                    continue  # (not at the start of a word)
                for i in ids:
                    if longest[i].get(end, 0) < length:
                        longest[i][end] = length
        return tuple(sorted((end - length, end) for end, length in out.items()) for out in longest)


class KeywordView:
    """One list of a `KeywordSets`, with `matcher.Keywords`' `find`."""

    __slots__ = ("_sets", "_index")

    def __init__(self, sets: KeywordSets, index: int):
        self._sets, self._index = sets, index

    def find(self, text: str) -> list[tuple[int, int]]:
        return self._sets.find(text, self._index)
