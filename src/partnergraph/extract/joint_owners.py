"""Joint owners of one partnership: "Zusammen mit Straßburg und Dresden geht die Stadt eine
Solidaritätspartnerschaft mit Chmelnyzkyj ein", "X unterhält die Partnerschaft mit Brest gemeinsam
mit den anderen Kommunen des Verbands, d. h. mit der Stadt A sowie den Gemeinden B, C und D". The
towns "gemeinsam mit" / "zusammen mit" introduces share the partner the sentence's own "mit" names:
each is that partner's partner (benchmarks/real/README.md: every two towns a partnership joins are
annotated as a pair), not the partner of the sentence's subject (stuttgarter-nachrichten.de, test;
ravensburg.de, fresh6). Used by pairs.py before its other rules read the sentence."""

from __future__ import annotations

import re

from ..models import Extraction, Mention, Span
from .partner_mentions import partner_of_mit, same_country
from .word_openings import at_word_start

#: "zusammen mit ", "gemeinsam mit seiner Partnerstadt ", "gemeinsam mit den anderen Kommunen des Gemeindeverbands …, d. h. mit der Stadt ": what opens the list of joint
#: owners; up to this many characters may stand between it and the list's first town (the longest
#: opening we met, ravensburg.de's, is 93 characters), and no other town
JOINT_REACH = 110
_JOINT_OPENING = re.compile(at_word_start(["[Gg]emeinsam", "[Zz]usammen"]) + r"\s+mit\b")  # (found by its first letters)
#: the gap between two joint owners: a separator, maybe a bracket and a designation ("A (Kosovo),
#: B", "der Stadt A sowie den Gemeinden B, C und D")
_OWNER_GAP = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?(?:,|und|sowie)\s*(?:(?:der|den|dem)\s+)?"
                        r"(?:(?:Stadt|Städten|Gemeinde|Gemeinden|Kommune|Kommunen|Kreis|Kreisen|Landkreis|Landkreisen)\s+)?")


def joint_owners(ex: Extraction, sent: Span, here: list[Mention]) -> tuple[list[Mention], Mention] | None:
    """The joint owners a sentence lists and the one partner they share, or None: the list after
    "gemeinsam mit" / "zusammen mit" (in text order, joined by separators) and exactly one town
    outside it that a "mit" of its own names as the partner, of another country than every owner
    (a domestic "mit" is a fellow actor, as the list's own towns are)."""
    text = ex.article.analysed_text
    if "mit" not in text[sent.start:sent.end]:
        return None
    places = sorted(here, key=lambda m: m.start)
    owners: list[Mention] = []
    for opening in _JOINT_OPENING.finditer(text, sent.start, sent.end):
        after = [m for m in places if m.start >= opening.end()]
        if not after or after[0].start - opening.end() > JOINT_REACH:
            continue
        owners = [after[0]]
        for m in after[1:]:
            if not _OWNER_GAP.fullmatch(text, owners[-1].end, m.start):
                break
            owners.append(m)
        break
    if not owners:
        return None
    partners = [m for m in places if m not in owners and partner_of_mit(text, m)
                and not _JOINT_OPENING.search(text, max(sent.start, m.start - 40), m.start)]
    if len({m.ref for m in partners}) != 1 or any(same_country(o, partners[0], ex) for o in owners):
        return None
    return owners, partners[0]
