"""Places a relative clause names only to describe a partner: "Die Städtepartnerschaft zwischen A
und der italienischen Kleinstadt B, die südlich von C liegt, wurde im Jahr 1989 gegründet"
(landsberg.de). A date or a status word outside such a clause belongs to the places of the main
clause: C is nearer to 1989 than A and B, but the clause only says where B lies
(pair_attributes.PairFacts._owner)."""

from __future__ import annotations

import re

from ..models import Mention, Span

#: a relative clause between commas: the pronoun, then a lower-case word (an adverb, a preposition:
#: "die südlich von C liegt", "das in der Nähe von C liegt"); an article before a noun opens an
#: apposition instead (", der Partnerstadt von C,"), which may name the partner itself
_RELATIVE = re.compile(r",\s+(?:die|der|das|welche[rsm]?)\s+(?-i:[a-zäöüß])[^,.;:()]*?,")


def outside_relative_clauses(text: str, mentions: list[Mention], s: int, e: int, sent: Span) -> list[Mention]:
    """`mentions` without those inside a relative clause of sentence `sent` that does not hold
    text[s:e]; all of them if that would leave none."""
    if ", d" not in text[sent.start:sent.end] and ", w" not in text[sent.start:sent.end]:
        return mentions
    clauses = [(c.start(), c.end()) for c in _RELATIVE.finditer(text, sent.start, sent.end)
               if not c.start() <= s < c.end()]
    if not clauses:
        return mentions
    kept = [m for m in mentions if not any(c0 < m.start and m.end <= c1 for c0, c1 in clauses)]
    return kept or mentions


#: a relative clause opened before a position: the comma, the pronoun, then no clause break up to it
_OPENED = re.compile(r",\s+(?:die|der|das|welche[rsm]?)\s+(?-i:[a-zäöüß])[^,.;:()]*$")
#: how far back the comma opening such a clause may stand: "…, die bereits seit dem Jahr " (40)
RELATIVE_OPEN_REACH = 60


def relative_clause_head(text: str, pos: int, places: list[Mention]) -> Mention | None:
    """The place right before the relative clause that text[pos] stands in ("mit B, die seit 1988
    besteht, und …": B; general German grammar, the clause describes the noun before its comma),
    or None. `places`: the sentence's places in text order."""
    lo = max(0, pos - RELATIVE_OPEN_REACH)
    opened = _OPENED.search(text, lo, pos)
    if opened is None:
        return None
    return next((m for m in reversed(places) if m.end <= opened.start() and not text[m.end:opened.start()].strip()), None)
