"""A founding act an article's lead reports is the article's news: "Freundschaftsurkunde
unterzeichnet" as a heading, "A und B haben einen Freundschaftsvertrag geschlossen" opening a
dated release, "Dreier-Partnerschaft ist besiegelt" as a headline. Its year is the article's
(an undated article's: the first full date its lead gives, "Am <d>. und <d>. <Monat> <year> trafen sich …"), for the pairs whose two partners the act's clause names, for the article's only pair
when the clause names one of its partners or no place, and for every pair when the clause counts
the partners instead of naming them ("<n> ukrainische Kommunen haben Partnerschaften mit <m> deutschen … geschlossen"). The lead is the title and the text up to its first sentence of
running prose, within LEAD_REACH characters (the patterns: rules-de.json `lead_act_*`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..models import PARTNER_MENTION_KINDS, Extraction, Span
from ..sources.dates import LONG_DATE, NUMERIC_DATE
from .datelines import YEAR_OPENING, match_year_month
from .rules import rules

#: how far into a page its lead may reach: the headline, a heading and the opening sentence after
#: a site's menu words and a dateline; the lead acts of the real pages stand within the first 250
#: characters, and DATELINE_REACH (datelines.py) gives the page's top the same 400
LEAD_REACH = 400
#: the lead ends with the first sentence of running prose: one that ends with a full stop and
#: has at least this many words ("Herzlich Willkommen.", "Sie sind Besucher Nr." are site chrome;
#: the shortest opening sentence of the real pages' leads has nine words)
LEAD_MIN_WORDS = 6
_YEAR = re.compile(YEAR_OPENING)  # (a year that may run on into a word: "1990er")
#: what may stand before a dateline's year at the start of its line ("04.10.2002 …", "16. Juni
#: 2023Die Partnerstädte …", " date 2024-05 …"): such a year is the page's date, not the act's
_DATELINE_HEAD = re.compile(r"\s*(?:date\s+|\d{1,2}\.\s*(?:\d{1,2}\.|[^\W\d_]+)\s*)?")
#: a lead act's words hold one of these (rules-de.json lead_act_pattern's verbs): a cheap test first
_ACT_STEMS = ("besiegelt", "unterzeichnet", "geschlossen", "vereinbart", "gründet", "unterschrieben",
              "eingegangen", "aufgenommen", "geht", "gehen", "unterzeichnung", "besiegelung", "neue partner",
              "neue schwester", "unterzeichnen", "besiegeln", "unterschreib", "schließt", "schließen")
#: a sentence of the cookie or privacy notice some pages open with (cities4cities.eu,
#: mittelhessen.app, leverkusen.de, schleswig-flensburg.de)
_CHROME = re.compile(r"(?i)\bcookie|\bdatenschutz|\bihr(?:em)?\s+browser\b")
#: a clause that counts the partners of its act instead of naming them: "14 ukrainische Kommunen",
#: "mit 17 deutschen Gemeinden", "drei neue Partnerschaften"
_COUNTED = re.compile(r"\b(?:\d+|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|zwölf)\s+(?:[\wäöüß-]+\s+){0,2}?"
                      r"(?:Kommunen|Gemeinden|Städte|Städten|Landkreise|Kreise|Partnerschaften|Partnerstädte)\b",
                      re.IGNORECASE)


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    r = rules()
    return (re.compile(r["lead_act_pattern"], re.IGNORECASE | re.MULTILINE),
            re.compile(r["lead_act_blockers"], re.IGNORECASE))


def lead_end(text: str, sentences: list[Span]) -> int:
    """Where the lead ends: after the first sentence of running prose, within LEAD_REACH of the
    page's top or of the end of the site chrome that opens it (a cookie or privacy notice)."""
    reach = LEAD_REACH
    for s in sentences:
        if s.start >= reach:
            break
        body = text[s.start:s.end].rstrip()
        if _CHROME.search(body):
            reach = s.end + LEAD_REACH  # the notice is not the lead: it starts after it
            continue
        if body.endswith((".", "!", "?")) and len(body.split()) >= LEAD_MIN_WORDS:
            return min(s.end, reach)
    return min(reach, len(text))


@dataclass(frozen=True)
class LeadAct:
    """A founding act the lead reports: the partners its clause names, its year and month, and
    whether the clause counts the partners instead of naming them (a count of towns on each side);
    `first`: the act outranks the acts the pair's own sentences date (a reproduced deed's
    signing: deed_dates.py), where a lead's act only follows them."""
    sides: frozenset
    year: int
    month: int | None
    counted: bool
    first: bool = False

    def dates(self, key: frozenset, pairs: int) -> bool:
        """Does the act date the pair `key` of an article that states `pairs` pairs: the pair its
        clause names, the article's only pair (unless the clause names other places), or any
        pair of a clause that counts the partners and names none?"""
        return key <= self.sides or pairs == 1 and (not self.sides or bool(self.sides & key)) \
            or self.counted and not self.sides


def lead_act(ex: Extraction, text: str, sentences: list[Span], year: int | None,
             month: int | None) -> LeadAct | None:
    """The founding act the lead reports as the article's news, of the article's date (`year`,
    `month`); an undated article's act is of the first full date its lead gives (a two-day meeting date under a headline reporting partnerships concluded)."""
    act, blockers = _patterns()
    lead = text[:lead_end(text, sentences)]
    low = lead.lower()
    if not any(stem in low for stem in _ACT_STEMS):
        return None  # most leads report no act: skip the patterns
    for a in act.finditer(lead):
        # the act's line or sentence: no year of its own (the start rules read that), nothing
        # that looks back, ahead, renews or celebrates
        lo = max(lead.rfind(c, 0, a.start()) for c in ".:;\n") + 1
        hi = min((i for i in (lead.find(c, a.end()) for c in ".:;\n") if i >= 0), default=len(lead))
        if blockers.search(lead, lo, hi) or any(
                not _DATELINE_HEAD.fullmatch(lead, lead.rfind("\n", 0, y.start()) + 1, y.start())
                for y in _YEAR.finditer(lead, lo, hi)):
            continue
        if year is None:
            dated = _lead_date(lead)
            if dated is None:
                return None
            year, month = dated
        sides = frozenset((m.kind, m.ref) for m in ex.mentions if m.kind in PARTNER_MENTION_KINDS and lo <= m.start < hi)
        return LeadAct(sides, year, month, bool(_COUNTED.search(lead, lo, hi)))
    return None


def _lead_date(lead: str) -> tuple[int, int] | None:
    """(year, month) of the first full date in the lead, or None."""
    found = [m for pattern in (LONG_DATE, NUMERIC_DATE) for m in pattern.finditer(lead)]
    if not found:
        return None
    m = min(found, key=lambda m: m.start())
    return match_year_month(m, m.re)
