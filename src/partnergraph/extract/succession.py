"""Partners that follow the ones a page has just named: a count of a town's partners, then "Den Anfang machten <year>" with two towns after their countries' adjectives; a first partner, then "folgten" with a town and a year; a first partnership, then "kam … hinzu" a year later (sachsen-fernsehen.de, nd-aktuell.de, abendblatt via funkemedien.de). Such a
sentence has no partnership word of its own; its foreign towns are partners of the German town
whose partnership the page stated just before. Which words say "followed" is data
(`succession` in relations-de.json)."""

from __future__ import annotations

import re

from ..models import Extraction, Mention, Span
from .partner_mentions import PrepositionBefore, has_home

#: how many sentences back the stated partnership may stand: the Hamburg page puts five sentences
#: about St. Petersburg between its pair and "Ein Jahr später kam … Marseille hinzu"
SUCCESSION_REACH = 6

#: a place right after one of these is where something happened ("Es folgten Besuche in Kiew"),
#: not a town that followed
_VENUE_BEFORE = PrepositionBefore("in", "nach", "aus", "bei", "von", "zu", "zum", "zur", "im", "am")


class Succession:
    """The succession rule, compiled once from the rule data."""

    def __init__(self, rules: dict):
        # (asked only of sentences naming foreign towns alone: the pattern is then cheaper than
        # a pre-filter of its literals was, measured on the real pages)
        self.word = re.compile(rules["succession"], re.IGNORECASE)

    def followers(self, ex: Extraction, sent: Span, s_text: str, here: list[Mention]) -> list[Mention]:
        """The foreign towns this sentence says followed, or [] (no succession word, a German
        town of its own, or a place that is a venue)."""
        if not here or has_home(here, ex) or not self.word.search(s_text):
            return []
        text = ex.article.analysed_text
        if any(_VENUE_BEFORE(text, sent, m) for m in here):
            return []  # "Es folgten Besuche in Krakau und Prag": venues, and what is coordinated with them
        return [m for m in here if m.kind == "municipality" and ex.places.get(m.ref) is not None
                and ex.places[m.ref].country not in (None, ex.home)]

    @staticmethod
    def owner(ex: Extraction, found: dict, recent: list[Span]) -> Mention | None:
        """The German town of the latest pair stated in the `recent` sentences: the one whose
        partners the page is counting up (None if those pairs have several German towns)."""
        window = set(recent)
        latest: dict[str, tuple[int, Mention]] = {}
        for key, entry in found.items():
            stated = [s for s in entry["evidence"] if s in window]
            if not stated:
                continue
            at = max(s.start for s in stated)
            for kind, ref in key:
                place = ex.places.get(ref) if kind == "municipality" else None
                if place is not None and place.country == ex.home:
                    mention = next((m for m in ex.mentions if m.kind == kind and m.ref == ref), None)
                    if mention is not None and at >= latest.get(ref, (-1, mention))[0]:
                        latest[ref] = (at, mention)
        if not latest:
            return None
        newest = max(at for at, _ in latest.values())
        owners = [m for at, m in latest.values() if at == newest]
        return owners[0] if len(owners) == 1 else None

    @staticmethod
    def set_owner(ex: Extraction, prev: Span | None, before: list[Mention], set_noun) -> Mention | None:
        """The town the sentence before names as the owner of a set of partners ("Dresden hat
        dreizehn Partnerstädte."): its only place, a German one, beside a plural partner noun."""
        if prev is None or len(before) != 1 or not has_home(before, ex):
            return None
        return before[0] if set_noun.search(ex.article.analysed_text, prev.start, prev.end) else None


def sentences_before(sentences: list[Span], sent: Span, reach: int = SUCCESSION_REACH) -> list[Span]:
    """The `reach` sentences before `sent`."""
    i = sentences.index(sent)
    return sentences[max(0, i - reach):i]
