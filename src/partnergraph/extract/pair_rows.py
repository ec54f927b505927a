"""Pairs a page lists one to a row: each row (a line, or a sentence of a flattened table) opens
with a German town and a foreign one, side by side, and goes on with that pair's details: "Kiel –
Brest (seit 1964)", "Günzburg Lannion (seit 1981), 1225 km …", "Seit dem 1. Mai 2011 A und B",
"A – B | |" (a table whose cells the page flattened), a heading "A - B" over the pair's story.

The layout recurs across publishers (a county paper's overview of its towns' partners, an
embassy's list of its country's partnerships, a district's yearly programme table, a
Verbandsgemeinde's page with one section a pair) and is read from its form, not its words: no
cue word need stand in the row. One such row alone is no list (a headline "Berlin – Ankara" over
a report on a meeting there, "Koscierzyna und Marburg" over an article on the two districts), so
a page must hold at least MIN_ROWS of them."""

from __future__ import annotations

import re

from ..models import Extraction, Mention, Span
from .partner_mentions import has_home, same_country

#: how many distinct pair rows make a page a list of them: on the twelve open splits of
#: benchmarks/real, the pages with two or more hold 46 rows of gold pairs and 2 of other pairs,
#: the pages with a single one 10 of gold pairs (already read by the cue rules) and 4 of others
MIN_ROWS = 2

#: what may stand before a row's first town on its line: a bullet or table bar, a date it
#: opens with ("Seit dem 30. Juni 2011"); or the row follows the full stop of the one before
_ROW_START = re.compile(r"(?:^|\n|(?<=[.!?] ))[ \t•·*|–-]*(?:[Ss]eit\s[^\n]{0,25}?\d{4}\s+)?$")
#: what joins the two towns: a dash, slash, "und", "mit", or nothing but a space
_JOINER = re.compile(r"[ \t]*(?:[-–—/&]|und|mit|u\.)?[ \t]*")
#: the longest joiner: " und " with a stray space ("Berlin  – Ankara")
JOINER_REACH = 7
#: what follows the pair: its details in brackets, a table bar, a colon, a comma or the line's end
_ROW_GOES_ON = re.compile(r"[ \t]*(?:[(|:,\n]|$)")
#: how far before a row's first town its line may start ("Seit dem 30. September 2007 ")
ROW_START_REACH = 40


def pair_rows(ex: Extraction, text: str, mentions: list[Mention]) -> list[tuple[Mention, Mention, Span]]:
    """The pairs of the page's pair rows, each with its sentence, if it has MIN_ROWS of them
    (`text` is the analysed text)."""
    places = sorted((m for m in mentions if m.kind == "municipality"), key=lambda m: m.start)
    rows: dict[tuple[str, str], tuple[Mention, Mention, Span]] = {}
    for a, b in zip(places, places[1:]):
        # (cheap tests first: most neighbours stand further apart than any joiner reaches)
        if b.start - a.end > JOINER_REACH or a.sentence != b.sentence:
            continue
        if not _JOINER.fullmatch(text, a.end, b.start) or not _ROW_GOES_ON.match(text, b.end) \
                or not _ROW_START.search(text, max(0, a.start - ROW_START_REACH), a.start):
            continue
        if has_home([a], ex) == has_home([b], ex) or same_country(a, b, ex):
            continue
        rows.setdefault((a.ref, b.ref), (a, b, a.sentence))
    return list(rows.values()) if len(rows) >= MIN_ROWS else []
