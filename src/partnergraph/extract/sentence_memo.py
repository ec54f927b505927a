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
