"""A sentence that is nothing but a pair ("Die Leopoldstadt und Brooklyn.", "Tel Aviv und Köln
gehören dazu.") in the lead of an article whose next sentences speak of partnerships: the teaser
names the pairs before the text says what joins them (kurier.at, juedische-allgemeine.de)."""

from __future__ import annotations

import re

from ..models import Extraction, Mention, Span
from .partner_mentions import same_country

#: how many sentences after the pair the partnership word may stand: a teaser of four pairs in
#: four sentences, then the sentence that says they are partners (kurier.at)
BARE_PAIR_REACH = 4

_BEFORE = re.compile(r"(?:Die|Der|Das)?\s*")
_JOIN = re.compile(r"\s+und\s+(?:(?:die|der|das|dem)\s+)?")
_AFTER = re.compile(r"(?:\s+gehören\s+(?:auch\s+)?dazu)?\s*[.!]?")


def bare_pair(ex: Extraction, sent: Span, here: list[Mention],
              after: re.Pattern | None = None) -> tuple[Mention, Mention] | None:
    """The two places of a sentence that says nothing else ("Floridsdorf und Katsushika."),
    when they lie in different countries (else None). With `after`, the two open the sentence
    and `after` follows them ("Hamburg und Leningrad machten … den Anfang": referring_partners.py)."""
    if len(here) != 2 or any(m.kind != "municipality" for m in here):
        return None
    a, b = sorted(here, key=lambda m: m.start)
    text = ex.article.analysed_text
    if not (_BEFORE.fullmatch(text, sent.start, a.start) and _JOIN.fullmatch(text, a.end, b.start)
            and (_AFTER.fullmatch(text, b.end, sent.end) if after is None else after.match(text, b.end, sent.end))):
        return None
    return None if same_country(a, b, ex) else (a, b)
