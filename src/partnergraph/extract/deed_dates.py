"""The date a reproduced deed was signed on: a page that prints a partnership's deed or treaty
ends it, as German deeds and letters do, with the place and date of signing on a line of their
own ("<Ort>, <d>. <Monat> <Jahr>", or "… am" closing the attestation and the date below it),
then the signatories' names and offices. That date is the founding act's, and it outranks an act
the page's prose reports (an earlier agreement of cooperation the deed sealed later). It dates
the article's only pair, as a lead act with no place of its own does (`lead_acts.LeadAct`); not
a date line whose text before tells a year of its own (a signed greeting that recalls the deed).

The patterns are data (rules-de.json `deed_signature_*`)."""

from __future__ import annotations

import re
from functools import cache

from ..sources.dates import LONG_DATE, NUMERIC_DATE
from .datelines import match_year_month
from ..models import Extraction, Span
from .lead_acts import LeadAct, lead_act
from .rules import rules

#: how far into a page its own dateline may stand (datelines.DATELINE_REACH gives the page's top
#: the same 400 characters): a date line there is the page's date, not a deed's
TOP_REACH = 400
#: the deed wording a signature's date line closes stands within the 600 characters before it,
#: and no other year does (on the two real deeds that called for the rule the wording stands
#: within 160 characters of the date line and no year within 700; a mayor's signed greeting on a
#: jubilee page tells the deed's year in its text, so its own date line is no signing)
DEED_REACH = 600
_YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b")
#: the signatories follow the date line within this many non-empty lines (a name, then an office)
SIGNATORY_LINES = 3
#: a signatory's line is short: a name with its office ("Maria Beispiel, Bürgermeisterin der Stadt …")
SIGNATORY_MAX = 80


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    r = rules()
    return (re.compile(r["deed_signature_line"], re.MULTILINE),
            re.compile(r["deed_signature_office"]),
            re.compile(r["deed_signature_wording"], re.IGNORECASE))


def deed_act(text: str) -> LeadAct | None:
    """The signing date of the deed the page reproduces, as an act for the article's only pair,
    or None."""
    if "\n" not in text:
        return None
    line, office, wording = _patterns()
    for m in line.finditer(text, TOP_REACH):
        lo = max(0, m.start() - DEED_REACH)
        if not wording.search(text, lo, m.start()) or _YEAR.search(text, lo, m.start()):
            continue
        below = [ln for ln in text[m.end():m.end() + SIGNATORY_LINES * SIGNATORY_MAX * 2].split("\n") if ln.strip()]
        if not any(len(ln) <= SIGNATORY_MAX and office.search(ln) for ln in below[:SIGNATORY_LINES]):
            continue
        date = m.group("date")
        for pattern in (LONG_DATE, NUMERIC_DATE):
            found = pattern.search(date)
            if found:
                year, month = match_year_month(found, pattern)
                return LeadAct(frozenset(), year, month, False, first=True)
    return None


def page_act(ex: Extraction, text: str, sentences: list[Span], year: int | None,
             month: int | None) -> LeadAct | None:
    """The page's own founding act: the signing of the deed it reproduces, else the act its lead
    reports as the article's news (lead_acts.lead_act)."""
    return deed_act(text) or lead_act(ex, text, sentences, year, month)
