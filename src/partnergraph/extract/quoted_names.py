"""A name in quotation marks after the noun of what it names is that thing's name, not a place:
"die Dresdner Band »Paisley«" (nd-aktuell.de), "der fünfköpfigen Band „Wömbe Jonge“"
(rundschau-online.de), "das Restaurant „Lissabon“". The nouns are data (`named_thing_nouns` in
rules-de.json)."""

from __future__ import annotations

import re

from ..models import Extraction

_OPENING = "»„\"“‚'«"
_CLOSING = "«“\"”‘'»"
#: the noun, its case endings and the opening quote: "Band »", "Gruppe „", "Restaurants „"
_NOUN_BEFORE = r"\b(?:{nouns})(?:s|es|n|en)?\s*[{opening}]$"


class QuotedNames:
    """The quoted-name rule, compiled once from the rule data."""

    def __init__(self, rules: dict):
        nouns = "|".join(map(re.escape, sorted(rules["named_thing_nouns"], key=len, reverse=True)))
        self.noun_before = re.compile(_NOUN_BEFORE.format(nouns=nouns, opening=re.escape(_OPENING)))

    def drop(self, ex: Extraction, text: str) -> None:
        """Drop the municipality mentions that are such a quoted name."""
        gone = [m for m in ex.mentions if m.kind == "municipality" and text[m.end:m.end + 1] in _CLOSING
                and text[m.start - 1:m.start] in _OPENING
                and self.noun_before.search(text, max(0, m.start - 30), m.start)]
        if gone:
            ex.mentions[:] = [m for m in ex.mentions if m not in gone]
