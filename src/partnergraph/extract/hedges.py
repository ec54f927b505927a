"""A partnership type word made a possibility by the adjective before it ("mit 17 potenziellen
Partnergemeinden", "eine mögliche Städtepartnerschaft") speaks of partnerships that may come: it
does not stand for the article's pairs whose own sentences name no type (relations-de.json
`hedged_type_before`)."""

from __future__ import annotations

import re
from functools import cache

from ..models import Mention
from .rules import rules

#: how far before a type word its hedging adjective may begin: "potenziellen " and one more
#: word ("potenziellen deutschen "), 40 characters with room
HEDGE_REACH = 40


@cache
def _hedge() -> re.Pattern:
    return re.compile(rules()["hedged_type_before"])


def hedged(text: str, m: Mention) -> bool:
    """Is the type word `m` a possibility, not a partnership the text states?"""
    return bool(_hedge().search(text, max(0, m.start - HEDGE_REACH), m.start))
