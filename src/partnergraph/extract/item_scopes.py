"""Where the scope of one item of a list of pairs ends (pairs.PairStatements._pair_items: "Augsburg
und Poltawa (2022), Wetzlar und …"; its year, type and status stand after it, up to the next item).

A semicolon ends it: what follows is the next clause, which introduces the next pair ("Seit 2015
besteht eine Projektpartnerschaft zwischen A und B; die Städtepartnerschaft zwischen A und C ist
älter": the Städtepartnerschaft is A–C's, not A–B's; general typography, the semicolon parts two
main clauses), and the next item's scope begins after it, with the words that introduce it."""

from __future__ import annotations


def item_scope(text: str, items: list, k: int, end: int) -> tuple[int, int]:
    """The scope of item `k` of `items` ((a, b) mention pairs in text order) in a sentence ending at
    `end`: from its first place, or from the semicolon after the item before (the clause that
    introduces it: "; die Städtepartnerschaft zwischen A und C"), up to the next item's first place,
    or to a semicolon before it."""
    a, b = items[k]
    start = a.start
    if k:
        semicolon = text.rfind(";", items[k - 1][1].end, a.start)
        start = semicolon + 1 if semicolon >= 0 else start
    if k + 1 < len(items):
        nxt = items[k + 1][0].start
        semicolon = text.rfind(";", b.end, nxt)
        return start, semicolon if semicolon >= 0 else nxt
    return start, end
