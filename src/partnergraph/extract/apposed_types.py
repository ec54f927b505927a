"""Type words in apposition to one partner name that partner's relation, not the article's set.

"Auch in A ruhen die Aktivitäten mit der Partnerstadt B": "Partnerstadt" types A–B. When the
article names another pair with a generic word only ("C unterhält seit 1992 eine Partnerschaft
mit D"), the article's type words stand in for its set where the pair's own sentences name none
(partnerships.py); a singular type word right before a place is no word about the set
(benchmarks/real/README.md, generic "Partnerschaft" wording: a pair only counted beside one
Partnerstadt is unspecified). Plural words ("Partnerstädte", "Städtepartnerschaften") and words
with a preposition between ("Städtepartnerschaft mit D") still speak of a set or a relation the
article is about.
"""

from __future__ import annotations

import re

from ..models import Extraction

#: what may stand between a singular type word and its partner's name: an article, a designation
_BETWEEN = re.compile(r"\s+(?:(?:der|die|dem|den|des)\s+)?(?:(?:Stadt|Gemeinde|Kommune|Hansestadt)\s+)?")
#: the endings of the singular type words (the plural ones end in -e, -en or -n)
_SINGULAR = ("stadt", "gemeinde", "kommune", "kreis", "landkreis", "bezirk", "schaft")


def apposed_type_starts(ex: Extraction, text: str) -> set[int]:
    """The starts of the singular partnership-type words of `ex` right before a municipality."""
    places = {m.start for m in ex.mentions if m.kind == "municipality"}
    out = set()
    for m in ex.mentions:
        if m.kind == "partnership-type" and text[m.start:m.end].lower().endswith(_SINGULAR):
            gap = _BETWEEN.match(text, m.end)
            if (gap.end() if gap else m.end) in places:
                out.add(m.start)
    return out
