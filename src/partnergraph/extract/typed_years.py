"""The start year a partnership type's own words state, where one pair has several kinds of
partnership begun in different years: "durch eine Klimapartnerschaft verbunden, die im Jahr 2012
begründet wurde" and "Mit der seit dem Jahr 2010 bestehenden Städtepartnerschaft …" give the
Klimapartnerschaft 2012 and the Städtepartnerschaft 2010; "Aus der Städtefreundschaft entstand
2010 die offizielle Städtepartnerschaft" the Städtepartnerschaft 2010, not the friendship's
earlier "seit 1990" (rtntvnews.de, bonn.de, kenako-festival.de; benchmarks/real/README.md: each
type of a pair is annotated with its own start)."""

from __future__ import annotations

from ..models import PARTNER_MENTION_KINDS, Mention, Span

#: how far a start date may stand from the type word it dates, either side: the longest gap on
#: the real pages that date a type in its own clause is 35 characters ("seit 2011 sind beide
#: Seiten durch eine Klimapartnerschaft"); a date further off belongs to the sentence, not the word
TYPE_YEAR_REACH = 40


def typed_starts(facts, text: str, sentences: list[Span],
                 by_sentence: dict[Span, list[Mention]]) -> dict[str, tuple[int, int | None]]:
    """type → (year, month) for each specific type word in `sentences` that has a start date
    within TYPE_YEAR_REACH of it, with no other type word or place between them (the nearest
    such date; a founding act's before a "seit" at the same distance), where the sentences name
    at least two kinds of partnership. `facts`: the article's `pair_attributes.PairFacts`."""
    typed = [(s, [m for m in by_sentence.get(s, ()) if m.kind == "partnership-type" and m.ref != "unspecified"])
             for s in dict.fromkeys(sentences)]
    if len({m.ref for _, types in typed for m in types}) < 2:
        # one kind of partnership: a date near its word is the pair's, which the pair's own
        # rules weigh ("die seit 2000 die Städtepartnerschaft wieder mit Leben erfüllen" is no start)
        return {}
    best: dict[str, tuple[tuple[int, bool], tuple[int, int | None]]] = {}
    for s, types in typed:
        if not types:
            continue
        mentions = by_sentence.get(s, ())
        years = facts.sentence_years(s)
        if not years:
            continue
        between = [m for m in mentions if m.kind in PARTNER_MENTION_KINDS] + types
        for t in types:
            for start, end, year, month, act in years:
                lo, hi = (t.end, start) if start >= t.end else (end, t.start)
                if not 0 <= hi - lo <= TYPE_YEAR_REACH or "\n\n" in text[lo:hi] \
                        or any(m is not t and lo <= m.start < hi for m in between):
                    continue
                rank = (hi - lo, not act)
                if t.ref not in best or rank < best[t.ref][0]:
                    best[t.ref] = (rank, (year, month))
    return {t: dated for t, (_, dated) in best.items()}
