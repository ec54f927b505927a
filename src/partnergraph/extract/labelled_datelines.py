"""A page's own date printed below its head: a line that opens with a word of publication and its
date ("veröffentlicht am <date> um <time> Uhr", "Pressemitteilung vom <date>") after a long site
head, a weather box or an archive's notice, the headline and a first paragraph. datelines.py reads
a page's top (DATELINE_REACH) and a labelled date at its foot; a news site that prints the
article's lead before its publication line, or a press archive that opens with a notice, puts
that line beyond the top: on the real pages szlz.de (fresh9: after the headline and the lead,
at 502 characters) and kaiserslautern.de (fresh6: after an archive notice, at 588).

Only the words that say the page was published count here (rules-de.json
`publication_labels`), and only opening a line: lower on a page "Sitzung", "Datum" or "Stand"
label a meeting, a form's field or a population figure as often as the page."""

from __future__ import annotations

import re
from functools import cache

from ..sources.dates import LONG_DATE, NUMERIC_DATE, month_number
from .rules import rules

#: how far into a page its publication line may stand: the two real ones stand at 502 and 588
#: characters, after a headline and lead of 100-300 characters below the site's head; 1,000
#: leaves room for a longer lead and stops before most articles' body runs on (where a line
#: opening "Veröffentlicht am …" may be a listed other article's)
LABELLED_REACH = 1000
#: how much may open the line before the date: the label, maybe after a date and a bar or the
#: site's name ("16.09.2021 | Veröffentlicht: "); a longer start is a sentence (as a dateline's,
#: datelines.DATELINE_MAX)
_BEFORE_MAX = 40


@cache
def _publication_label() -> re.Pattern:
    """A publication word opening its line, maybe after a date, a bar or a site's name, then
    'am'/'vom' and maybe a colon, right before the date ("veröffentlicht am ", "16.09.2021 |
    Veröffentlicht: ")."""
    words = "|".join(map(re.escape, rules()["publication_labels"]))
    return re.compile(r"(?i)(?:^|(?<=[\s/|–-]))(?:" + words + r")\s*(?:vom|am)?\s*[:–-]?\s*$")


def labelled_year_month(text: str, lo: int) -> tuple[int, int] | None:
    """(year, month) of the first line between `lo` (the end of the page's top, searched before)
    and LABELLED_REACH of `text` that opens with a publication label and its date, or None."""
    body = text[lo:LABELLED_REACH]
    low = body.lower()
    if not any(map(low.__contains__, _label_stems())):
        return None  # (most pages: no publication word there, and the date patterns cost more)
    found = None
    for pattern in (NUMERIC_DATE, LONG_DATE):
        for m in pattern.finditer(text, lo, min(len(text), LABELLED_REACH)):
            line_start = text.rfind("\n", 0, m.start()) + 1
            before = text[line_start:m.start()]
            if len(before) <= _BEFORE_MAX and _publication_label().search(before) and (found is None or m.start() < found[0]):
                month = int(m.group(2)) if pattern is NUMERIC_DATE else month_number(m.group(2))
                found = (m.start(), (int(m.group(3)), month))
    return found[1] if found else None


@cache
def _label_stems() -> tuple[str, ...]:
    return tuple(w.lower() for w in rules()["publication_labels"])
