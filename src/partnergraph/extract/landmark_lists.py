"""Names listed after the plural of a landmark noun are those landmarks, not towns: "die Schlösser
X und Y", "die Konzentrationslager X und Y", "die prähistorischen Siedlungen X und Y". A singular
landmark noun ("Schloss X", `landmark_nouns`) makes only the name right after it a building, as the
acceptance rules read the word before each name; a plural one heads a list, whose later names
stand after "und" or a comma (issue #17, session 20: buerger-kurier.de, jahnschule-huenfeld.de,
dppv-se.de, a castle, a camp and a settlement that share a town's name, on each page a tour's
sights). The nouns are data (`landmark_list_nouns` in rules-de.json)."""

from __future__ import annotations

import re

from ..models import Extraction

#: a word of letters (and hyphens, apostrophes) and what may join two names of one list
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_JOIN = re.compile(r",?[ \t]+(?:(?:und|sowie|oder)[ \t]+)?")


class LandmarkLists:
    """The landmark-list rule, compiled once from the rule data."""

    def __init__(self, rules: dict):
        self.nouns = tuple(rules["landmark_list_nouns"])
        self.head = re.compile(r"\b(?:%s)[ \t]+" % "|".join(map(re.escape, self.nouns)))

    def drop(self, ex: Extraction, text: str) -> None:
        """Drop the municipality mentions listed after a plural landmark noun."""
        if not any(noun in text for noun in self.nouns):  # (the cheap test first: few pages hold one)
            return
        spans = [(m.end(), _list_end(text, m.end())) for m in self.head.finditer(text)]
        gone = [m for m in ex.mentions if m.kind == "municipality" and any(s <= m.start < e for s, e in spans)]
        if gone:
            ex.mentions[:] = [m for m in ex.mentions if m not in gone]


def _list_end(text: str, pos: int) -> int:
    """Where the run of capitalised words from pos (joined by spaces, commas, "und", "sowie",
    "oder") ends."""
    end = pos
    while True:
        word = _WORD.match(text, pos)
        if word is None or not word.group()[0].isupper():
            return end
        end = pos = word.end()
        join = _JOIN.match(text, pos)
        if join is None:
            return end
        pos = join.end()
