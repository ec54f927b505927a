"""Partners coordinated in one phrase share the date the phrase has: "seit <year> mit den Londoner Bezirken A und B" dates B's partnership as A's, a Städtepartnerschaft "zwischen A und B/C" followed by "… zum 30-jährigen
Bestehen" dates both Nicaraguan partners. The date-reading rules attach a date to the place
nearest to it (pair_attributes.py), which is the first partner of the coordination only.

A pair with no start takes the start of the pair that shares its other partner when the two
partners stand joined by nothing but "und", "sowie" or "/" in a sentence the dated pair
is evidenced by (no year, no parenthesis between them: "A (1965) und B" gives each its own; the
undated pair need not be evidenced by it: a slash pair "A und B/C" is read as A–B only), and
that year is one the sentence itself states, or the place-free sentence after it that goes on
about it. Only a pair with no start of its own is filled; a partner's own date always wins."""

from __future__ import annotations

import dataclasses
import re

from ..models import Extraction
from .context import Context

#: what may join two coordinated partners: nothing but a conjunction or a slash; a comma separates
#: the items of a list whose dates are each item's own ("seit 1958 mit Marseille, Shanghai und seit
#: 1989 mit Osaka": Shanghai undated, test_extract_list_years)
_JOINED = re.compile(r"\s*(?:und|sowie|/)\s*")


def share_coordinated_years(rules, ex: Extraction, ctx: Context, year: int | None, month: int | None) -> None:
    """Give each undated pair of `ex` the start of its coordinated sibling (module doc).
    `rules`: the relation rules (their date candidates); `year`, `month`: the article's date."""
    undated = [i for i, p in enumerate(ex.partnerships) if p.start_year is None]
    if not undated:
        return
    text = ctx.text
    dated = [p for p in ex.partnerships if p.start_year is not None]
    mentions: dict = {}
    for m in ex.mentions:
        mentions.setdefault(m.sentence, []).append(m)
    joined: dict = {}  # sentence → _joined_pairs, worked out once (asked for every undated × dated pair)
    for i in undated:
        p = ex.partnerships[i]
        for q in dated:
            shared = set(p.partners) & set(q.partners)
            if len(shared) != 1 or len(p.partners) != 2 or len(q.partners) != 2:
                continue
            (b,) = set(p.partners) - shared
            (a,) = set(q.partners) - shared
            if any(frozenset((a, b)) in (joined[s] if s in joined else joined.setdefault(
                    s, _joined_pairs(text, mentions.get(s, ()))))
                   and q.start_year in _stated(rules, ctx, s, mentions, year, month) for s in q.evidence):
                ex.partnerships[i] = dataclasses.replace(p, start_year=q.start_year, start_month=q.start_month)
                break


def _joined_pairs(text: str, here) -> set[frozenset]:
    """The places of each two neighbouring municipality mentions of a sentence (`here`) joined
    by a conjunction or a slash: a pair of places (a, b) stands so where frozenset((a, b)) is in
    it. Worked out once per sentence: an article's undated pairs were each compared with each
    dated one (a list of twenty partners with a year each: ~400 comparisons a sentence), and
    the sentence's mentions were sorted for every comparison."""
    ms = sorted((m for m in here if m.kind == "municipality"), key=lambda m: m.start)
    return {frozenset(((x.kind, x.ref), (y.kind, y.ref))) for x, y in zip(ms, ms[1:])
            if _JOINED.fullmatch(text, x.end, y.start)}


def _stated(rules, ctx: Context, sent, mentions: dict, year: int | None, month: int | None) -> set[int]:
    """The start years sentence `sent` states, and the sentence after it when it names no place."""
    spans = [sent]
    i = ctx.sentence_index.get(sent, -1)
    if 0 <= i < len(ctx.sentences) - 1:
        nxt = ctx.sentences[i + 1]
        if not any(m.kind == "municipality" for m in mentions.get(nxt, ())):
            spans.append(nxt)
    return {c[2] for s in spans for c in rules._year_candidates(ctx.text, s.start, s.end, year, False, month)}
