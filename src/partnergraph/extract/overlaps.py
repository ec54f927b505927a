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
    # (the rank is (-span length, not a term that comes first, -place name length, -term label
    # length, start), written out for each kind: thousands of hits per article; the hits are
    # put in rank order by their indices, with the ranks' own __getitem__ as the key, read in C)
    hits = [*terms, *places]
    ranks = [(-(h.end - h.start), bool(h.term.needs_context), 0, -len(h.term.label), h.start) for h in terms] + \
            [(-(h.end - h.start), True, -len(h.surface), 0, h.start) for h in places]
    order = sorted(range(len(hits)), key=ranks.__getitem__)
    size = max([h.end for h in hits] + [e for _, e in persons] + [0])
    occupied = bytearray(size)  # one flag per character: overlap tests cost the span, not the list
    for s, e in persons:
        occupied[s:e] = b"\x01" * (e - s)
    kept_terms, kept_places = [], []
    term_spans: dict[tuple[int, int], set[str]] = {}
    n_terms = len(terms)
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
    kept_terms.sort(key=_TERM_START)
    kept_places.sort(key=_PLACE_START)
    return kept_terms, kept_places


#: the starts of a TermHit (term, start, end) and a PlaceHit (start, end, …), read in C
_TERM_START = itemgetter(1)
_PLACE_START = itemgetter(0)
