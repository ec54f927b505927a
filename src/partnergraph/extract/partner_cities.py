"""A foreign city whose name the frequent-word list holds, named in a sentence about a
partnership: "Kitzingen pflegt eine Städtepartnerschaft mit York", "Seit 1990 ist Graz die
Partnerstadt von …", "Kitzingen und Zürich sind Partnerstädte" (issue #17: places in partnership
sentences).

The frequent-word list (data/frequent-words-de.txt, counted on German text) holds the names of
cities German text names often: Graz, Salzburg, Basel, Bern, Zürich, York beside "Dort", "Weil",
"Man". places.py turns a frequent word down unless its country is named or it is a metropolis
(WORLD_CITY_POPULATION, 500k) mid-sentence, which is right for the words and lost every one of
those cities (121k to 415k) as a partner where the page does not name its country. A sentence
about a partnership names towns: there a frequent word that is the own name of a known city
(place_names.KNOWN_CITY_POPULATION, the size from which a name may stand mid-sentence alone) counts,
unless it opens the sentence (the words' place: "Dabei", "Dort"), is a given name (George) or
stands where a person's name or a building's stands (as in hit_facts.person_or_word), follows a
spaced dash (a headline run on into the next clause: "Besuch in Krapkowice – Corona legt die
Partnerschaftsarbeit lahm", buerger-kurier.de, where Corona, California, 157k, came in), or a
capitalised word that is no noun follows (a longer name: "York Street", a person's: "George Lucas").
"""

from __future__ import annotations

from .context import Context, PlaceHit, next_word
from .gazetteer import PlaceRecord
from .hit_facts import word_before
from .place_names import KNOWN_CITY_POPULATION, before_name, own_name


def partner_cities(extractor, hits: list[PlaceHit], resolved: dict[int, PlaceRecord], facts: list[dict],
                   ok: list[bool], ctx: Context) -> list[int]:
    """Indices of the turned-down hits of such cities in sentences about a partnership."""
    out = []
    frequent = extractor.frequent
    for i, h in enumerate(hits):
        f, best = facts[i], resolved.get(i)
        if ok[i] or f is None or best is None or h.surface.lower() not in frequent:
            continue
        if best.country in (None, ctx.home) or h.adjective or h.ambiguous or best.population < KNOWN_CITY_POPULATION \
                or not own_name(h.surface, best) or not f["partnership_sentence"] or f["initial"] \
                or ctx.text[max(0, h.start - 3):h.start] in (" – ", " - ", " — "):
            continue  # (a spaced dash runs a headline on: "Besuch in X – Corona legt … lahm")
        if h.surface in extractor.first_names or f["first_name_before"] or word_before(extractor, f["prev"]) \
                or before_name(ctx.text, h.end, extractor.nouns) and not next_word(ctx.text, h.end).isupper():
            # (in an ALL-CAPS heading every word is capitalised: "WÜRZBURG UND GRAZ SIND SEIT …")
            continue
        out.append(i)
    return out

