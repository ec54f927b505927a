"""Namesakes told apart by the page's other places (issue #17, session 19).

Many German, French and Turkish town names are borne by several municipalities ("Brühl" in
Baden and in the Rhineland, "Sulzheim" in Rheinhessen and in Franconia, "Langen" in Hesse and
near Bremerhaven, "Grigny" near Paris and near Lyon). The page-wide context (_best: size, the
countries and regions named) picks the bigger bearer, yet a local page names its town among its
neighbours: the Brühl beside Viernheim, Ladenburg and Birkenau is the one near Mannheim, the
Sulzheim beside Mainz and Ingelheim the one in Rheinhessen. Geoparsers call this spatial
minimality: of several bearers of a name, the one nearest the page's unambiguous places.

Here an accepted name with several bearers moves to another bearer only where the page's
anchors (accepted places whose reading is not in doubt) say so plainly: the other bearer lies
near them (NEAR_KM) and the chosen one far (FAR_FACTOR times as far, typically; the median
distance to the anchors, so one stray anchor does not decide). Pages with no anchor, or with
anchors as near to both, keep the size-based reading.
"""

from __future__ import annotations

from statistics import median

from ..geo import distance_km
from .gazetteer import PlaceRecord
from .transliterate import without_marks

#: a bearer counts as near the page's places within this median distance. Measured on the twelve
#: open splits: the right bearers of the namesakes read wrong lay 4–76 km (median) from the
#: page's other places (Berg 4, Brühl 16, Sulzheim 20, Langen 61, Frickenhausen 76; Grigny-sur-
#: Rhône, 185 km, a Lyon suburb named beside Avignon and Strasbourg, is not reached), the wrong
#: ones 126–396 km
NEAR_KM = 80.0
#: … and the chosen bearer must lie at least this many times farther (Brühl 16 vs 190 km, Langen
#: 61 vs 343 km; 2.5 left Frickenhausen and Eisingen, 76 vs 186 km, where they were), while two
#: bearers in one region (three Echings in Bavaria) stay with the size-based choice
FAR_FACTOR = 2.0
#: a city of a million or more is named for its own sake (a capital, a metropolis, a page's other
#: pair "Berlin-Paris"), not as a neighbour: it anchors nothing (dfjw.org: Paris drew
#: "Felsberg-Vernouillet" to the Vernouillet near Paris, the partner being the one in Eure-et-Loir)
METROPOLIS_POPULATION = 1_000_000
#: a bearer more than this many times the size of every other bearer of its name is no doubtful
#: reading and may anchor the others (Bremen 546k beside Bremen, Georgia 6k)
DOMINANT_RATIO = 10


def bears(name: str, place: PlaceRecord) -> bool:
    """The place bears the name as its own, whole or as the first part of a qualified name
    ("Grigny" for Grigny-sur-Rhône, "Reichenbach" for Reichenbach/Vogtland, "Langen" for Langen
    (Geestland)), not as an alias."""
    for own in (place.name_de, place.name_en, without_marks(place.name_en)):
        if own == name or own.startswith(name) and own[len(name):len(name) + 1] in (" ", "-", "/", "("):
            return True
    return False


def _km(a: PlaceRecord, b: PlaceRecord) -> float:
    return distance_km((a.lat, a.lon), (b.lat, b.lon))


def nearest_bearers(surfaces: list[str], candidates: list[list[PlaceRecord]],
                    chosen: list[PlaceRecord]) -> dict[int, PlaceRecord]:
    """For accepted names (surface, its gazetteer candidates, the bearer chosen), the names whose
    reading moves to a bearer nearer the page's anchors: index → that bearer."""
    bearers = [list({c.geonameid: c for c in cands if bears(s, c)}.values()) for s, cands in zip(surfaces, candidates)]
    anchors: dict[int, PlaceRecord] = {}
    for b, best in zip(bearers, chosen):
        others = [c.population for c in b if c.geonameid != best.geonameid]
        if best.population < METROPOLIS_POPULATION and (not others or best.population > DOMINANT_RATIO * max(others)):
            anchors[best.geonameid] = best
    moved: dict[int, PlaceRecord] = {}
    if not anchors:
        return moved
    for k, (s, b, best) in enumerate(zip(surfaces, bearers, chosen)):
        if best.geonameid in anchors or len(b) < 2 or not any(c.geonameid == best.geonameid for c in b):
            continue
        points = [a for a in anchors.values() if a.country == best.country and not bears(s, a)]
        if not points:
            continue
        far = median([_km(best, a) for a in points])
        near, place = min(((median([_km(c, a) for a in points]), c) for c in b if c.geonameid != best.geonameid),
                          key=lambda t: t[0])
        if near <= NEAR_KM and far >= FAR_FACTOR * near:
            moved[k] = place
    return moved


def move_to_nearest_bearers(hits, resolved: dict[int, PlaceRecord], ok: list[bool]) -> None:
    """Extractor._place_mentions' step: each accepted name (all its accepted occurrences: one
    sense per discourse) moves to the bearer nearest_bearers finds. Changes `resolved` in place."""
    first: dict[str, int] = {}
    for i, h in enumerate(hits):
        if ok[i] and resolved.get(i) is not None:
            first.setdefault(h.surface, i)
    order = list(first.values())
    moved = nearest_bearers([hits[i].surface for i in order], [hits[i].candidates for i in order],
                            [resolved[i] for i in order])
    for k, place in moved.items():
        surface, was = hits[order[k]].surface, resolved[order[k]].geonameid
        for i, h in enumerate(hits):
            if ok[i] and h.surface == surface and resolved.get(i) is not None and resolved[i].geonameid == was:
                resolved[i] = place
