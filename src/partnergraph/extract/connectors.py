"""Whether a stretch of text holds a connector between two names ("Köln und Kyjiw", "Leipzig –
Kyjiw", "Bonn & Oxford"): the coordination pattern of cue_places.py needs one, white space on
both sides, so a sentence without one is not searched with it."""

from __future__ import annotations

import re

#: the connectors CuePlaces._COORDINATED joins two names with (a regex alternation: the pattern
#: is built from it, so the two stay one list)
CONNECTORS = "und|–|—|-|&"
#: ... each between white space: every match of that pattern holds one. Of the sentences it was
#: run on, about half hold none (open12: 876 of 1,845); the pattern tries every capitalised
#: word of them (~0.4 % of the cold extraction), this search costs a tenth of that
_CONNECTOR = re.compile(rf"\s(?:{CONNECTORS})\s")


def has_connector(chunk: str) -> bool:
    """Whether `chunk` holds a connector between white space (see _CONNECTOR)."""
    return _CONNECTOR.search(chunk) is not None
