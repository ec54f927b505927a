"""Which sentences around a pair may speak of it: the sentences right after its own that name
no place go on about it; a sentence that names a region and no municipality speaks of a Land's
or province's relation, not of a municipal partnership; a sentence that names one partner of a
pair, in no other pair of the article, and no other place speaks of that pair."""

from __future__ import annotations

from ..models import Mention, Span
from .context import Context


def placeless_after(ctx: Context, evidence: list[Span], by_sentence: dict[Span, list[Mention]]) -> list[Span]:
    """The sentences right after the pair's that name no municipality: they go on about it."""
    out = []
    for s in evidence:
        i = ctx.sentence_index.get(s, -1)
        if 0 <= i < len(ctx.sentences) - 1:
            nxt = ctx.sentences[i + 1]
            if nxt not in evidence and not any(m.kind == "municipality" for m in by_sentence.get(nxt, ())):
                out.append(nxt)
    return out


def region_only(mentions: list[Mention]) -> bool:
    """Does a sentence name a region and no municipality (a Land's or province's relation)?"""
    return any(m.kind == "region" for m in mentions) and not any(m.kind == "municipality" for m in mentions)


def own_partner_sentences(key: frozenset, found, naming: dict[frozenset, list[Span]]) -> list[Span]:
    """The sentences that name exactly one partner of the pair `key`, a partner in no other of
    the article's pairs `found` (`naming`: sentences by the set of partners they name)."""
    others = {p for k in found if k != key for p in k}
    return [s for p in sorted(key - others) for s in naming.get(frozenset({p}), ())]
