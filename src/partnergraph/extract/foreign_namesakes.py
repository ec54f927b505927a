"""A German exonym that a German village bears too, in a sentence about a partnership: "pflegt
eine Städtepartnerschaft mit Lemberg" names Lviv (717k, which GeoNames gives "Lemberg" as an alias),
not Lemberg in the Palatinate (4k), which the page-wide context chose for the home country and its
exact name, and which the size rules then turned down, so the partner was lost (issue #17).

Where the chosen bearer is a home-country place too small to count on its own
(place_names.MIN_HOME_POPULATION) and another bearer abroad is a known city (place_names.KNOWN_CITY_POPULATION)
that dwarfs it (place_names.DWARFED_RATIO, the ratio from which a bearer is not chosen for the page's
country frame alone), a sentence about a partnership means the foreign city: partner towns are
what such a sentence names, and a German-German partnership with a village is rarer than the
exonym of a city (the names of cities500 this decides, listed from the gazetteer: Lemberg/Lviv,
Königshütte/Chorzów, and aliases such as Haag/Den Haag; Waldenburg/Wałbrzych and
Reichenberg/Liberec, 28 and 26 times, stay German). A cue word of the name's own
("das pfälzische Lemberg") has decided already and is left alone, and so is a city adjective.
"""

from __future__ import annotations

from .context import PlaceHit
from .gazetteer import PlaceRecord
from .place_names import DWARFED_RATIO, KNOWN_CITY_POPULATION, MIN_HOME_POPULATION


def foreign_namesakes(hits: list[PlaceHit], resolved: dict[int, PlaceRecord], live: list[bool],
                      facts: list[dict], home: str) -> None:
    """Moves the hits of such a name to the foreign city (changes `resolved` in place), all of the
    page's occurrences that shared the village (one sense per discourse)."""
    moved: dict[tuple[str, int], PlaceRecord] = {}
    for i, h in enumerate(hits):
        r = resolved.get(i)
        if r is None or not live[i] or h.adjective or r.country != home or r.population >= MIN_HOME_POPULATION:
            continue
        if (h.surface, r.geonameid) not in moved:
            city = max((c for c in h.candidates if c.country != home), key=lambda c: c.population, default=None)
            if city is None or city.population < KNOWN_CITY_POPULATION or city.population < DWARFED_RATIO * r.population \
                    or facts[i]["cue_cc"] or not facts[i]["partnership_sentence"]:
                continue
            moved[(h.surface, r.geonameid)] = city
    if moved:
        for i, h in enumerate(hits):
            r = resolved.get(i)
            if r is not None and live[i] and not h.adjective and (h.surface, r.geonameid) in moved \
                    and not facts[i]["cue_cc"]:
                resolved[i] = moved[(h.surface, r.geonameid)]
