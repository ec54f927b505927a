"""The start dates a stretch of an article states, worked out once per stretch: the pair rules
ask `_year_candidates` about the same sentence more than once (a pair's sentence when it is
recorded, then again when its start year is chosen: a fifth of the calls on the real pages)."""

from __future__ import annotations


class RememberedYears:
    """A mixin before `pair_attributes.StartYears`: `_year_candidates` answered from a memo of
    the article being read. Exact: the answer is a function of the text and of the arguments
    that make the key (`StartYears._year_candidates` reads the text and the compiled rules only,
    and `chunk` is text[lo:hi] where given); the memo holds one text at a time (compared by
    identity, so it is replaced when the next article's text comes). Callers only read the list
    it returns (they filter it into lists of their own)."""

    _years_memo: tuple[str | None, dict] = (None, {})

    def _year_candidates(self, text: str, lo: int, hi: int, year: int | None, list_item: bool,
                         article_month: int | None = None, chunk: str | None = None):
        memo = self._years_memo
        if memo[0] is not text:  # (replaced whole: a reader in another thread sees one or the other)
            memo = self._years_memo = (text, {})
        key = (lo, hi, year, list_item, article_month)
        found = memo[1].get(key)
        if found is None:
            found = memo[1][key] = super()._year_candidates(text, lo, hi, year, list_item, article_month, chunk)
        return found
