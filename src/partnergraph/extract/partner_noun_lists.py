"""Towns of one side listed right after a plural partner noun (issue #17): "Besucher aus den
Partnerstädten A (Frankreich) und B (Italien)", "Besuch unserer Partnergemeinden C und D".

Where such a list names only foreign towns, or only home towns, they are the partners of the
town the article is about (when it is not among them), not of each other. Where it names a home
town and a foreign one ("die Partnerstädte Hildesheim und Padang") the two are each other's
partners; relations-de.json's plural_partners rule leaves every noun followed by a name to the
other rules for that reason, and so lost the one-sided lists. Measured on the twelve open
splits: the layout stands in 6 pages of 6 publishers (a city's press release, a local paper, a
regional portal, a city magazine, a county paper, a market town's news); the engine read 6 of
its pairs by other rules and missed 4 (two German towns' partnership with a third among them),
and the reading adds those 4 and no other pair.

Not where a town named before the noun in the sentence may own the list ("Kayseris
Partnerstädte A und B": a foreign owner's partners), nor where the article's town is unknown.
"""

from __future__ import annotations

import re

from ..models import Extraction, Mention, Span
from .partner_mentions import has_home

#: between two towns of the list: a bracketed country or region ("(Frankreich)"), then a comma,
#: "und" or "sowie"; the bracket's 40 characters hold "(Burgenlandkreis/Sachsen-Anhalt)"
_LIST_GAP = re.compile(r"\s*(?:\([^()\n]{1,40}\)\s*)?(?:,\s*(?:und\s+)?|und\s+|sowie\s+)")
#: how far before the list's first town its noun may end (only white space between them)
NOUN_REACH = 40


class PartnerNounLists:
    def __init__(self, plural_partners: list[str]):
        # the nouns of relations-de.json's plural_partners ("den Partnerstädten" → "Partnerstädten"),
        # right before a capitalised name
        nouns = sorted({p.split()[-1] for p in plural_partners}, key=len, reverse=True)
        self._noun_before = re.compile(r"\b(?:" + "|".join(map(re.escape, nouns)) + r")\s+$")

    def one_sided_list(self, ex: Extraction, text: str, sent: Span, here: list[Mention]) -> list[Mention]:
        """The towns of a list of two or more of one side (all foreign or all home) right after a
        plural partner noun in the sentence, in order; [] where there is none."""
        if len(here) < 2 or text.find("artner", sent.start, sent.end) < 0:
            return []
        ordered = sorted(here, key=lambda m: m.start)
        for i, first in enumerate(ordered[:-1]):
            if not self._noun_before.search(text, max(sent.start, first.start - NOUN_REACH), first.start):
                continue
            listed = [first]
            for m in ordered[i + 1:]:
                gap = _LIST_GAP.fullmatch(text, listed[-1].end, m.start)
                if gap is None:
                    break
                listed.append(m)
            mixed = has_home(listed, ex) and not all(has_home([m], ex) for m in listed)
            if len({m.ref for m in listed}) < 2 or mixed or i > 0:
                return []  # (a town before the noun may own the list: "Kayseris Partnerstädte A und B")
            return listed
        return []
