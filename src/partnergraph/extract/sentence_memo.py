"""The answer a rule worked out for the sentence it was asked about last. A sentence's pairs are
recorded one after another, and a filter asked about each of them (co_partners.py,
owned_partners.py) would read the same sentence again for every pair."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from ..models import Span

T = TypeVar("T")


class LastSentence(Generic[T]):
    """One sentence's answer, keyed by the text (compared by identity: the next article's text
    replaces it) and the sentence's bounds; kept as one tuple, replaced whole."""

    def __init__(self) -> None:
        self._last: tuple[str, int, int, T] | None = None

    def answer(self, text: str, sent: Span, work_out: Callable[[], T]) -> T:
        last = self._last
        if last is not None and last[0] is text and last[1] == sent.start and last[2] == sent.end:
            return last[3]
        value = work_out()
        self._last = (text, sent.start, sent.end, value)
        return value


class PerSentence(Generic[T]):
    """A rule's answer for each sentence of the article being read, worked out once per sentence.

    For a question about a sentence alone (its text, not a pair's) that a rule asks for each pair
    of the article: the pairs of a list share their sentences, and twenty pairs asked the same
    patterns of the same lines twenty times. Keyed by the text (compared by identity: the next
    article's text replaces the whole table) and the sentence's bounds; the table is replaced
    whole, never changed in place under a reader of another text. Usage: an instance per rule,
    made with the rules (`self.x = PerSentence()`), then
    ``self.x.answer(text, sent, lambda: <the test of text[sent.start:sent.end]>)``. The
    answer must depend on the sentence's text and the compiled rules alone."""

    def __init__(self) -> None:
        self._table: tuple[str | None, dict[tuple[int, int], T]] = (None, {})

    def answer(self, text: str, sent: Span, work_out: Callable[[], T]) -> T:
        table = self._table
        if table[0] is not text:
            table = self._table = (text, {})
        key = (sent.start, sent.end)
        if key in table[1]:
            return table[1][key]
        value = table[1][key] = work_out()
        return value
