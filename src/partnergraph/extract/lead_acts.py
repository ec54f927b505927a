"""A founding act an article's lead reports is the article's news: "Freundschaftsurkunde
unterzeichnet" as a heading, "A und B haben einen Freundschaftsvertrag geschlossen" opening a
dated release, "Dreier-Partnerschaft ist besiegelt" as a headline. Its year is the article's,
for the pairs whose two partners the act's clause names and for the article's only pair when
the clause names one of its partners or no place. The lead is the title and the text up to its
first sentence of running prose, within LEAD_REACH characters (the patterns: rules-de.json
`lead_act_*`)."""

from __future__ import annotations

import re
from functools import cache

from ..models import Extraction, Span
from .rules import rules

#: how far into a page its lead may reach: the headline, a heading and the opening sentence after
#: a site's menu words and a dateline; the lead acts of the real pages stand within the first 250
#: characters, and DATELINE_REACH (datelines.py) gives the page's top the same 400
LEAD_REACH = 400
#: the lead ends with the first sentence of running prose: one that ends with a full stop and
#: has at least this many words ("Herzlich Willkommen.", "Sie sind Besucher Nr." are site chrome;
#: the shortest opening sentence of the real pages' leads has nine words)
LEAD_MIN_WORDS = 6
_YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)")
#: what may stand before a dateline's year at the start of its line ("04.10.2002 …", "16. Juni
#: 2023Die Partnerstädte …", " date 2024-05 …"): such a year is the page's date, not the act's
_DATELINE_HEAD = re.compile(r"\s*(?:date\s+|\d{1,2}\.\s*(?:\d{1,2}\.|[^\W\d_]+)\s*)?")
_SIDES = ("municipality", "organisation-partner")


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    r = rules()
    return (re.compile(r["lead_act_pattern"], re.IGNORECASE | re.MULTILINE),
            re.compile(r["lead_act_blockers"], re.IGNORECASE))


def lead_end(text: str, sentences: list[Span]) -> int:
    """Where the lead ends: after the first sentence of running prose, within LEAD_REACH."""
    for s in sentences:
        if s.start >= LEAD_REACH:
            break
        body = text[s.start:s.end].rstrip()
        if body.endswith((".", "!", "?")) and len(body.split()) >= LEAD_MIN_WORDS:
            return min(s.end, LEAD_REACH)
    return LEAD_REACH


def lead_act_sides(ex: Extraction, text: str, sentences: list[Span]) -> frozenset | None:
    """The (kind, ref) of the partners the act's clause names when the lead reports a founding
    act of the article's own day, else None."""
    act, blockers = _patterns()
    lead = text[:lead_end(text, sentences)]
    for m in act.finditer(lead):
        # the act's line or sentence: no year of its own (the start rules read that), nothing
        # that looks back, ahead, renews or celebrates
        lo = max(lead.rfind(c, 0, m.start()) for c in ".:;\n") + 1
        hi = min((i for i in (lead.find(c, m.end()) for c in ".:;\n") if i >= 0), default=len(lead))
        if blockers.search(lead, lo, hi) or any(
                not _DATELINE_HEAD.fullmatch(lead, lead.rfind("\n", 0, y.start()) + 1, y.start())
                for y in _YEAR.finditer(lead, lo, hi)):
            continue
        return frozenset((m.kind, m.ref) for m in ex.mentions if m.kind in _SIDES and lo <= m.start < hi)
    return None
