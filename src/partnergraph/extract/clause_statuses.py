"""A status verb that closes its clause is said of every partner the clause coordinates.

"Die Stadt A hat ihre Städtepartnerschaften mit B in Russland und mit den Städten C und D am
1. März beendet": the participle closes the clause that opened with "hat", so the end is B's, C's
and D's, not only the place nearest to it (pair_attributes.PairFacts gives a status to the
nearest place of its sentence, which is right where each partner has a status of its own: "Die
Partnerschaft mit B ruht, die mit C wurde beendet"). German puts the participle or the finite verb
of a subordinate clause last, after all its objects: that is plain grammar, not a wording of one
page. The clause is the stretch after the sentence's last comma, semicolon, colon or dash before
the status word; the status word must end it (nothing but closing punctuation until the
sentence's end); the clause must hold both partners of the pair, state no other status and no
contrast ("aber", "während" …: two predicates, each with its own objects). Only an end or a
suspension is shared so: a plan in such a clause may be a new relation beside an existing one
("Eine trinationale Partnerschaft zwischen A, B und C ist ihr Ziel": A and B are partners
already), so a plan stays with the place nearest to it.
"""

from __future__ import annotations

import re

#: the statuses a clause's coordinated partners share
SHARED = frozenset({"ended", "suspended"})
#: what may follow a clause-final status word until its sentence ends
_TO_END = re.compile(r"[\s.!?\"'“”„»«)\]]*")
#: what separates clauses inside a sentence
_CLAUSE_MARK = re.compile(r"[,;:]|\s[–-]\s")
#: a contrast or a second predicate inside the stretch: its objects are not the status's
_CONTRAST = re.compile(r"\b(?:aber|doch|jedoch|während|sondern|wohingegen|dagegen|hingegen|nur|außer)\b", re.IGNORECASE)


def closes_clause_of(text: str, s: int, e: int, sent_start: int, sent_end: int,
                     pair: set[tuple[str, str]], mentions, statuses) -> bool:
    """Whether the status text[s:e] closes a clause that names both partners of `pair`
    (`mentions`: the sentence's place mentions; `statuses`: every (start, end, status) of it)."""
    if not _TO_END.fullmatch(text, e, sent_end):
        return False
    start = sent_start
    for m in _CLAUSE_MARK.finditer(text, sent_start, s):
        start = m.end()
    if any(start <= s0 and s1 <= s and (s0, s1) != (s, e) for s0, s1, _ in statuses):
        return False
    if _CONTRAST.search(text, start, s):
        return False
    inside = {(m.kind, m.ref) for m in mentions if start <= m.start and m.end <= s}
    return pair <= inside


def closing_statuses(text: str, sent_start: int, sent_end: int, pair: set[tuple[str, str]], mentions,
                     statuses) -> set[str]:
    """The ends and suspensions (of `statuses`, a sentence's) that close a clause naming both
    partners of `pair`."""
    return {st for s0, s1, st in statuses if st in SHARED
            and closes_clause_of(text, s0, s1, sent_start, sent_end, pair, mentions, statuses)}
