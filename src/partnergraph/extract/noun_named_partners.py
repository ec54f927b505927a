"""A city whose name is a German noun, joined by "und" or a dash to an accepted town in a sentence
about a partnership: "Würzburg und Löwen sind Partnerstädte", "Münster und Lemberg feiern …",
"die Städtepartnerschaft Lüneburg–Posen" (issue #17: places in partnership sentences).

places.py reads a name that is also a German noun (Münster, Posen, Löwen, Essen, Halle: the
gazetteer's `ambiguous` names) as the noun unless a preposition, an earlier mention or its country
named vouches for the place, and at the head of a sentence always as the noun ("Essen gibt es
…"). Joined to a town the page names as a place, in a sentence that speaks of a partnership, the
name is that town's partner: a noun is joined to nouns ("Essen und Trinken", noun_joins.py), not
to towns. Only the own name of a known city (place_names.KNOWN_CITY_POPULATION, the size from which a
noun-named city may stand mid-sentence alone; enumerations.WORD_CITY_POPULATION keeps noun-named
cities of that size in lists for the same reason): the small towns bearing nouns (Lage, Forst,
Treffen) stay words.
"""

from __future__ import annotations

from .context import Context, PlaceHit
from .gazetteer import PlaceRecord
from .place_names import KNOWN_CITY_POPULATION, own_name

#: what joins the two partners: "und", "sowie", a dash or hyphen without spaces ("Lüneburg–Posen"; a
#: spaced dash also runs a headline on: "Besuch in X – Essen und Getränke …")
_JOINS = frozenset({" und ", " sowie ", "–", "-", "—"})


def noun_named_partners(extractor, hits: list[PlaceHit], resolved: dict[int, PlaceRecord], facts: list[dict],
                        ok: list[bool], ctx: Context) -> list[int]:
    """Indices of the turned-down noun-named cities joined so to an accepted town."""
    out = []
    text = ctx.text
    for i, h in enumerate(hits):
        f, best = facts[i], resolved.get(i)
        if ok[i] or f is None or best is None or not h.ambiguous or h.adjective \
                or best.population < KNOWN_CITY_POPULATION or not own_name(h.surface, best) \
                or h.surface in extractor.first_names or f["first_name_before"] or not f["partnership_sentence"]:
            continue
        for j, gap in ((i - 1, i > 0 and text[hits[i - 1].end:h.start]),
                       (i + 1, i + 1 < len(hits) and text[h.end:hits[i + 1].start])):
            if gap not in _JOINS or not ok[j] or facts[j] is None or facts[j]["sentence"] != f["sentence"]:
                continue  # (gap False: no neighbour on that side)
            other = resolved.get(j)
            if other is not None and other.geonameid != best.geonameid:
                out.append(i)
                break
    return out
