"""A name that is a town's and a Land's, canton's or country's alike ("Bremen", "Hamburg",
"Luxemburg") names the territory where the text lists it among territories (issue #17, dev2 and
fresh2: docslib.org "die Bundesländer" with four Länder after it,
hamburg.emb-japan.go.jp "Hamburg/Bremen/Niedersachsen/Schleswig-Holstein", suedostschweiz.ch
"Cabourg (Frankreich), Bad Mondorf (Luxemburg), Mayrhofen (Österreich)"): coordinated with a
territory on the same line, or alone in brackets after a town where the line puts countries in
brackets. The real gold annotates no Länder, regions or countries as municipalities."""

from __future__ import annotations

import re
from bisect import bisect_left

from ..models import Mention

#: the joiners of a list of territories: "A, B", "A/B", "A und B", "A sowie B"
_JOINER = re.compile(r"[ \t]*(?:,|/|;|und|sowie|oder)[ \t]*")
#: a territory alone in brackets: "(Frankreich)"
_BRACKETED = re.compile(r"\([ \t]*$")


def territory_in_list(text: str, start: int, end: int, territories: list[Mention], starts: list[int]) -> bool:
    """Whether the name at start:end stands in a list of the territories (country and region
    mentions, sorted by start, `starts` their starts)."""
    i = bisect_left(starts, start)
    after = territories[i] if i < len(territories) else None
    before = territories[i - 1] if i > 0 else None
    if before is not None and before.end <= start and _JOINER.fullmatch(text, before.end, start):
        return True
    if after is not None and after.start >= end and _JOINER.fullmatch(text, end, after.start):
        return True
    if _BRACKETED.search(text, max(0, start - 3), start) and text[end:end + 1] == ")":
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        # another territory alone in brackets on the line: the line's brackets hold countries
        return any(line_start <= m.start < line_end and m.start != start and text[m.start - 1:m.start] == "("
                   and text[m.end:m.end + 1] == ")" for m in territories)
    return False
