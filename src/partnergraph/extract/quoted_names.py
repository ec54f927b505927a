"""A name in quotation marks after the noun of what it names is that thing's name, not a place:
"die Dresdner Band »Paisley«" (nd-aktuell.de), "der fünfköpfigen Band „Wömbe Jonge“"
(rundschau-online.de), "das Restaurant „Lissabon“", also a title the name opens or a compound of
the noun ("das Kulturfestival „Nuits atypiques de Koudougou“"). The nouns are data (`named_thing_nouns` in
rules-de.json)."""

from __future__ import annotations

import re

from ..models import Extraction

_OPENING = "»„\"“‚'«"
_CLOSING = "«“\"”‘'»"
#: the noun, its case endings and the opening quote: "Band »", "Gruppe „", "Restaurants „"
_NOUN_BEFORE = r"(?:\b(?:{nouns})|(?<=[a-zäöüß])(?:{lower}))(?:s|es|n|en)?\s*[{opening}]$"
#: a quoted title of several words that the name opens: "das Kulturfestival „Nuits atypiques de
#: Koudougou“" (partnerschaftsverein-melsungen.de); the quote closes within this many characters
TITLE_REACH = 60


class QuotedNames:
    """The quoted-name rule, compiled once from the rule data."""

    def __init__(self, rules: dict):
        nouns = "|".join(map(re.escape, sorted(rules["named_thing_nouns"], key=len, reverse=True)))
        # (a compound ending in one of the nouns counts too: "Kulturfestival „", "Partnerschaftsprojekt „")
        lower = "|".join(map(re.escape, sorted({n.lower() for n in rules["named_thing_nouns"]}, key=len, reverse=True)))
        self.noun_before = re.compile(_NOUN_BEFORE.format(nouns=nouns, lower=lower, opening=re.escape(_OPENING)))
        self.title_rest = re.compile(rf"[^{re.escape(_OPENING + _CLOSING)}\n]{{1,{TITLE_REACH}}}[{re.escape(_CLOSING)}]")

    def drop(self, ex: Extraction, text: str) -> None:
        """Drop the municipality mentions that are such a quoted name."""
        gone = [m for m in ex.mentions if m.kind == "municipality" and text[m.start - 1:m.start] in _OPENING
                and (text[m.end:m.end + 1] in _CLOSING or self.title_rest.match(text, m.end))
                and self.noun_before.search(text, max(0, m.start - 30), m.start)]
        if gone:
            ex.mentions[:] = [m for m in ex.mentions if m not in gone]
