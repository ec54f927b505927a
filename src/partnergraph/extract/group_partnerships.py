"""Partnerships of three or four places at once: "eine trinationale Partnerschaft zwischen A, B und C", "Dreieckspartnerschaften …, beispielsweise Czernowitz, Mannheim und Chişinău",
"die Dreier-Partnerschaft der Landkreise A, B und C". Every two members of such a group are
partners (benchmarks/real/README.md: a group is annotated as its pairs). Which words name a group
is data (`group_partnership` in relations-de.json)."""

from __future__ import annotations

import re

from ..models import Extraction, Mention, Span
from .partner_mentions import adjectival, same_country

#: a group partnership has three or four members (Dreieck, Vierer-Bund); a sentence naming more
#: places than that speaks of more than the group, and its members cannot be told apart
MIN_MEMBERS, MAX_MEMBERS = 3, 4

#: strings one of which every group word of relations-de.json holds ("Dreieck", "Dreier",
#: "Vierer", "Ring", "trinational", "trilateral"): most sentences about partnerships hold none
#: and skip the pattern
_GROUP_PARTS = ("reie", "ierer", "Ring", "national", "lateral")

def _has_group_part(s_text: str) -> bool:
    for part in _GROUP_PARTS:  # (a loop, not any() over a generator: asked of every cue sentence)
        if part in s_text:
            return True
    return False


#: the gap between a member and its other name in brackets right after it
_BRACKETED = re.compile(r"\s*\(\s*")


class GroupPartnerships:
    """The group rule, compiled once from the rule data."""

    def __init__(self, rules: dict):
        self.word = re.compile(rules["group_partnership"])

    def record(self, ex: Extraction, sent: Span, s_text: str, here: list[Mention], record) -> bool:
        """Record every two members of the group this sentence names as a pair (`record` is the
        pair recorder of partnerships.py); False if it names no group."""
        group = self.members(ex, s_text, here)
        kind = self.type_of(s_text) if group else None
        for k, a in enumerate(group):
            for b in group[k + 1:]:
                record(a, b, sent, type_hint=kind)
        return bool(group)

    def type_of(self, s_text: str) -> str:
        """"trinationale Städtepartnerschaft" is a twinning; "Dreieckspartnerschaft" and
        "Dreier-Partnerschaft" say only "Partnerschaft" (benchmarks/real/README.md: a bare
        Partnerschaft is unspecified)."""
        m = self.word.search(s_text)
        return "staedtepartnerschaft" if m and re.search(r"Städte|Kreis", m.group(0)) else "unspecified"

    def members(self, ex: Extraction, s_text: str, here: list[Mention]) -> list[Mention]:
        """The members of the group partnership this sentence names, or [] if it names none.

        `here` holds each place of the sentence once, locators already removed ("Douroula in
        Burkina Faso" keeps Douroula). A city adjective is no member ("die Kölner
        Dreieckspartnerschaft mit A und B" names Köln's partners, which the pair rules read)."""
        if not _has_group_part(s_text) or not self.word.search(s_text):
            return []
        text = ex.article.analysed_text
        places: list[Mention] = []
        for m in sorted(here, key=lambda m: m.start):
            if m.kind != "municipality" or adjectival(m, ex):
                continue
            if places and _BRACKETED.fullmatch(text, places[-1].end, m.start):
                continue  # "Krapkowice (Krappitz)": the member's other name, not a member
            places.append(m)
        if not MIN_MEMBERS <= len(places) <= MAX_MEMBERS:
            return []
        if all(same_country(places[0], m, ex) for m in places[1:]):
            return []  # three towns of one country: a domestic network, no twinning group
        return places
