"""Two main clauses joined by "und", each with its own subject and finite verb, state two facts:
"Seit 1980 pflegt Kassel eine Partnerschaft mit Florenz und Göttingen hat seit 1990 eine mit Pau"
says nothing of Kassel and Göttingen, nor of Kassel and Pau. German opens the second clause with
its subject right after "und" and puts the finite verb next ("und Göttingen hat", "und der Bezirk
Eimsbüttel unterhält"); the first clause has a finite verb of its own before the "und". A pair
whose two sides stand only on the two sides of such a boundary, in every sentence of its evidence
that names both, is dropped. Where the first part has no finite verb ("Mit Florenz und Pau pflegt
Kassel …": a fronted object), the "und" joins two objects and is no boundary; a verb that ends
its clause ("…, die Partnerschaften mit A und B verbindet.") is a subordinate clause's, and a verb
in the plural may have both names before it as its subject ("A und B sind Partner"): neither
counts."""

from __future__ import annotations

import re
from functools import cache

from ..models import Extraction, Span
from .rules import rules


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    """The boundary ("und" before a subject and a finite verb) and a finite verb before it, from
    the finite verbs of partnership sentences (`clause_finite_verbs` in rules-de.json)."""
    verbs = "|".join(map(re.escape, rules()["clause_finite_verbs"]))
    name = r"[A-ZÄÖÜ][\wäöüßÀ-ÿ'’\-]*"
    boundary = re.compile(rf",?\s+und\s+(?=(?:(?:der|die|das)\s+)?(?:(?:Stadt|Gemeinde|Bezirk|Landkreis|Kreis)\s+)?"
                          rf"{name}(?:\s+{name}){{0,2}}\s+(?:{verbs})\b(?!\s*[.,;:!?]))")
    return boundary, re.compile(rf"\b(?:{verbs})\b")


def _boundaries(text: str, sent: Span) -> list[int]:
    """Where a second main clause begins in the sentence (the offset after its "und")."""
    boundary, verb = _patterns()
    out = []
    for m in boundary.finditer(text, sent.start, sent.end):
        if verb.search(text, out[-1] if out else sent.start, m.start()):
            out.append(m.end())
    return out


def drop_cross_clause_pairs(ex: Extraction, text: str) -> None:
    """Drops the pairs whose sides stand in two main clauses of one sentence (see the module)."""
    if not ex.partnerships or " und " not in text:
        return
    at: dict[tuple[Span, str], list[int]] = {}
    for m in ex.mentions:
        if m.kind == "municipality":
            at.setdefault((m.sentence, m.ref), []).append(m.start)
    memo: dict[Span, list[int]] = {}
    kept = []
    for p in ex.partnerships:
        refs = [r for k, r in p.partners if k == "municipality"]
        if len(refs) == 2 and _only_across(p.evidence, refs, at, memo, text):
            continue
        kept.append(p)
    ex.partnerships[:] = kept


def _only_across(evidence, refs, at, memo, text) -> bool:
    """Whether every evidence sentence naming both sides parts them by a clause boundary (and one does)."""
    crossed = False
    for sent in evidence:
        a, b = at.get((sent, refs[0])), at.get((sent, refs[1]))
        if not a or not b:
            continue
        if sent not in memo:
            memo[sent] = _boundaries(text, sent)
        cuts = memo[sent]
        if not cuts or not any(_side(a, c) and _side(b, c) and _side(a, c) != _side(b, c) for c in cuts):
            return False
        crossed = True
    return crossed


def _side(starts: list[int], cut: int) -> str | None:
    """"before" or "after" when every occurrence stands on one side of the cut, else None."""
    if all(s < cut for s in starts):
        return "before"
    if all(s >= cut for s in starts):
        return "after"
    return None
