"""Overlapping hits of the vocabulary matcher and the gazetteer: the longest span wins."""

from __future__ import annotations

from operator import itemgetter

from .context import PlaceHit
from .matcher import TermHit


def resolve_overlaps(terms: list[TermHit], places: list[PlaceHit], persons: list[tuple[int, int]]):
    """Longest span wins; on equal spans, a vocabulary term or country beats a place.

    "Baden-Württemberg" (region) beats "Baden" (place); "Deutscher Städtetag" (organisation)
    beats "Deutscher" (adjective); a person's name ("Marc Kapust") hides places inside it.
    """
    # rank: longer span first; on equal spans a vocabulary term or country before a place, but
    # a place before a region that needs context ("Freiburg" the city, not the Swiss canton);
    # among places, the one whose own name is longer (exact "San Marcos" over "San Marco"+s),
    # among terms likewise ("Partnerschaftsvertrag", a label of Städtepartnerschaft, over
    # "Partnerschaft" + compound tail)
    hits = [*terms, *places]
    n_terms = len(terms)
    # most hits overlap no other hit and no person (six in ten on the real pages): such a hit is
    # kept whatever its rank, so only the others are ranked and resolved (the rank tuples and
    # the greedy pass over every hit were most of the cost). One sweep in start order finds
    # them: a span that starts before the furthest end so far overlaps the span that reached it
    # (and, by induction, every span it overlaps is marked by the sweep as well)
    spans = [(h.start, h.end) for h in terms] + [(h.start, h.end) for h in places] + persons
    contested = bytearray(len(spans))
    reach, holder = -1, -1
    for i in sorted(range(len(spans)), key=spans.__getitem__):
        s, e = spans[i]
        if s < reach:
            contested[i] = contested[holder] = 1
        if e > reach:
            reach, holder = e, i
    kept_terms = [h for i, h in enumerate(terms) if not contested[i]]
    kept_places = [h for i, h in enumerate(places, n_terms) if not contested[i]]
    # the rank of a contested hit: (-span length, not a term that comes first, -place name
    # length, -term label length, start), written out for each kind; the hits are put in rank
    # order by their indices, with the ranks' own __getitem__ as the key, read in C
    ranks = {i: (-(h.end - h.start), bool(h.term.needs_context), 0, -len(h.term.label), h.start)
             for i, h in enumerate(terms) if contested[i]}
    ranks.update((i, (-(h.end - h.start), True, -len(h.surface), 0, h.start))
                 for i, h in enumerate(places, n_terms) if contested[i])
    order = sorted(ranks, key=ranks.__getitem__)
    size = max([h.end for h in hits] + [e for _, e in persons] + [0])
    occupied = bytearray(size)  # one flag per character: overlap tests cost the span, not the list
    for s, e in persons:
        occupied[s:e] = b"\x01" * (e - s)
    term_spans: dict[tuple[int, int], set[str]] = {}
    for i in order:
        h = hits[i]
        is_term = i < n_terms
        s, e = h.start, h.end
        if is_term and (s, e) in term_spans:
            # "Klimapartnerschaft" is a programme and a partnership type alike: one hit per kind
            if h.term.kind not in term_spans[(s, e)]:
                term_spans[(s, e)].add(h.term.kind)
                kept_terms.append(h)
            continue
        if occupied.find(1, s, e) >= 0:  # (any(occupied[s:e]) without copying the slice)
            continue
        if is_term:
            term_spans[(s, e)] = {h.term.kind}
        occupied[s:e] = b"\x01" * (e - s)
        (kept_terms if is_term else kept_places).append(h)
    # (a stable sort: only the kinds of one span share a start, and they keep their rank order)
    kept_terms.sort(key=_TERM_START)
    kept_places.sort(key=_PLACE_START)
    return kept_terms, kept_places


#: the starts of a TermHit (term, start, end) and a PlaceHit (start, end, …), read in C
_TERM_START = itemgetter(1)
_PLACE_START = itemgetter(0)
