""""Am selben Tag": the same day as the last date the text told, which may stand further back
than the year "Ein Jahr später" counts from (a signing dated in full, then paragraphs on the
ceremony and its guests, then "Am selben Tag wurden auch die Partnerschaftsverträge mit A und B
unterzeichnet": the other pairs signed that day, so in that year). The start pattern reads the
phrase as the group 'rel0' (the same year, rules-de.json start_patterns); this module says how
far back its year may stand."""

from __future__ import annotations

import re

#: "am selben Tag", "am gleichen Tage", "am selbigen Tag" (the rel0 group's words, then "Tag")
_SAME_DAY = re.compile(r"(?:gleichen|selben|selbigen)\s+Tage?\b", re.IGNORECASE)
#: how far back the date "am selben Tag" refers to may stand: the embassy release that called for
#: it (germany.mfa.gov.by) names the signing's full date 1,068 characters before, with four
#: paragraphs on the ceremony between; a year further back belongs to another part of the text
SAME_DAY_REACH = 1500


def year_reach(text: str, pos: int, reach: int) -> int:
    """How far before `pos` (the start of a counted phrase's 'rel0' words) the year it counts
    from may stand: SAME_DAY_REACH for the same day, else `reach`."""
    return SAME_DAY_REACH if _SAME_DAY.match(text, pos) else reach
