"""The start year a partnership type's own words state, where one pair has several kinds of
partnership begun in different years: a Klimapartnerschaft with its own founding year in a relative clause and a Städtepartnerschaft "seit dem Jahr" another give each type its year; an official Städtepartnerschaft that grew out of a friendship in a year is that type's, not the friendship's
earlier "seit 1990" (rtntvnews.de, bonn.de, kenako-festival.de; benchmarks/real/README.md: each
type of a pair is annotated with its own start)."""

from __future__ import annotations

import re

from ..models import PARTNER_MENTION_KINDS, Mention, Span
from .type_conversion import converted_starts

#: how far a start date may stand from the type word it dates, either side: the longest gap on
#: the real pages that date a type in its own clause is 35 characters ("seit <year>", then "beide Seiten" and the type word); a date further off belongs to the sentence, not the word
TYPE_YEAR_REACH = 40

#: a type word in the plural speaks of a set ("Städtepartnerschaften mit Russland: Seit 1990 besteht
#: eine freundschaftliche Beziehung zwischen A und B"), not of one pair's partnership of its own
_PLURAL_TYPE = re.compile(r"(?i)(?:schaften|städte|gemeinden|kommunen|kreise)$")


def typed_starts(facts, text: str, sentences: list[Span],
                 by_sentence: dict[Span, list[Mention]]) -> dict[str, tuple[int, int | None, Span, Mention]]:
    """type → (year, month, the sentence the date stands in, the type word it dates) for each
    specific type word in `sentences` that has a start date within TYPE_YEAR_REACH of it, with no
    other type word or place between them (the nearest such date; a founding act's before a
    "seit" at the same distance), where the sentences name at least two kinds of partnership; a
    kind no date stands near takes the date of a sentence that names it as its only kind.
    `facts`: the article's `pair_attributes.PairFacts`."""
    typed = [(s, [m for m in by_sentence.get(s, ()) if m.kind == "partnership-type" and m.ref != "unspecified"])
             for s in dict.fromkeys(sentences)]
    if len({m.ref for _, types in typed for m in types}) < 2:
        # one kind of partnership: a date near its word is the pair's, which the pair's own
        # rules weigh ("die seit 2000 die Städtepartnerschaft wieder mit Leben erfüllen" is no start)
        return {}
    best: dict[str, tuple[tuple[int, bool], tuple[int, int | None, Span, Mention]]] = {}
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
                    best[t.ref] = (rank, (year, month, s, t))
    # a kind no date stands near: the date of a sentence that names it as its only kind ("Im
    # März 2024 gingen die Technischen Betriebe … eine geförderte Betreiberpartnerschaft ein",
    # dormagen.de), a founding act's before a "seit", the first such sentence's before later ones
    sentence_best: dict[str, tuple[tuple[bool, int], tuple[int, int | None, Span, Mention]]] = {}
    for s, types in typed:
        kinds = {m.ref for m in types}
        if len(kinds) != 1 or (kind := next(iter(kinds))) in best:
            continue
        for start, _end, year, month, act in facts.sentence_years(s):
            rank = (not act, start)
            if kind not in sentence_best or rank < sentence_best[kind][0]:
                sentence_best[kind] = (rank, (year, month, s, types[0]))
    return {t: dated for t, (_, dated) in (best | sentence_best).items()}


def pair_type_starts(facts, text: str, sentences: list[Span], by_sentence: dict[Span, list[Mention]],
                     types: list[str], start: tuple[int | None, int | None], evidence: list[Span],
                     key: frozenset, anaphora, conversions=None) -> list[tuple[str, int | None, int | None]]:
    """(type, year, month) of each partnership of one pair: its `types` and a kind whose own
    dated words `sentences` (the pair's and those that go on about it) state for the pair — in a
    sentence that names a partner of the pair and no other place, or refers to both (a Klimapartnerschaft existing "seit" a year between "den beiden Städten" beside "Bonns Partnerstadt": a Klimapartnerschaft
    of 2011 too, bonnsustainabilityportal.de; not a friendship agreement the federal government made with a country). Each takes its own date where its word has
    one, else the pair's `start`, but not a date another kind claims ("Im März 2024 gingen …
    eine Betreiberpartnerschaft ein" beside "Dormagens Partnerstadt": the Städtepartnerschaft
    states no year, dormagen.de; a "Freundschaftsvertrag" signed on a full date: the friendship's, not the later Städtepartnerschaft's, stadtpost.de) unless the pair's
    own sentences state it for the pair (a friendship signed in 1989 "called Städtepartnerschaft
    throughout" began both, muehlhausen.de). `key`: the pair's (kind, ref) partners; `anaphora`:
    the words that refer back to both ("die beiden Städte": relations' pair_anaphora). A kind is
    added from a type word in the singular only (_PLURAL_TYPE). `conversions`: the
    type_conversion.TypeConversions whose readings give each kind of a converted pair its own
    date (converted_starts)."""
    typed = typed_starts(facts, text, sentences, by_sentence)

    def speaks_of_pair(s: Span) -> bool:
        partners = {(m.kind, m.ref) for m in by_sentence.get(s, ()) if m.kind in PARTNER_MENTION_KINDS}
        # (and of no other place: "ist seit 1990 Partnerstadt von C und pflegt eine
        # Städtefreundschaft mit B" dates C's Städtepartnerschaft, not one of A and B)
        return partners <= key and (bool(partners) or bool(anaphora.search(text, s.start, s.end)))

    added = [t for t, (_, _, s, word) in typed.items()
             if t not in types and speaks_of_pair(s) and not _PLURAL_TYPE.search(word.surface)]
    stated = {c[2] for s in evidence for c in facts.sentence_years(s)}
    claimed = {typed[t][0] for t in types if t in typed} | {typed[t][0] for t in added if typed[t][0] not in stated}
    if conversions is not None:
        claimed |= converted_starts(facts, text, [s for s in dict.fromkeys(sentences) if speaks_of_pair(s)],
                                    by_sentence, conversions, typed, types, added)
    out = []
    for t in types + added:
        if t in typed:
            out.append((t, typed[t][0], typed[t][1]))
        elif start[0] is not None and start[0] in claimed:
            out.append((t, None, None))
        else:
            out.append((t, *start))
    return out
