"""A pair anaphor after a partnership of institutions speaks of that partnership (issue #17):
"Die Partnerschaft zwischen dem Kirchenkreis X und der Gemeinde in Y … ist beendet. … Der
Beschluss zur Beendigung der Partnerschaft …" (neuepresse.de), "Der Kirchenkreis X pflegt eine
Freundschaft mit der Region Y. … hat die Stadt Z vereinbart, diese Partnerschaft … zu
unterstützen" (bad-berleburg.de). "Die Partnerschaft", "diese Partnerschaft", "die beiden …"
take the latest places named, but they refer to the partnership the latest sentence about one
stated; where the rules refused that one as a partnership of schools, churches or universities
(`institution_partnership` in data/relations-de.json), the anaphor states no pair of towns."""

from __future__ import annotations

import re

from ..models import Mention

#: a sentence that speaks of a partnership or a friendship (the anaphor's antecedent)
_PARTNERSHIP = re.compile(r"(?i:partnerschaft|freundschaft)")


def refers_to_institutions(rules, text: str, history: list[list[Mention]]) -> bool:
    """Is the latest sentence of `history` (the places of the sentences read before, one list a
    sentence) that names a place and speaks of a partnership one that states a partnership of
    institutions (`rules.institutional`)?"""
    for past in reversed(history):
        if not past:
            continue
        sent = past[0].sentence
        if _PARTNERSHIP.search(text, sent.start, sent.end):
            return rules.institutional.search(text, sent.start, sent.end) is not None
    return False
