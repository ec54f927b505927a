"""A city written after a smaller town of its country with a slash only says where the town
lies ("Gagny/Paris", berlingeschichte.de; "Illasi/Verona", woerth-isar.de): it is no partner of the pair the sentence states, the town is. Applied
after the relation rules as locator_partners.py is: only a side all of whose mentions in the
pair's evidence are such locators is dropped, so a city the page also names as a partner stays
(issue #17, session 19: false pairs of the open splits)."""

from __future__ import annotations

import re

from ..models import Extraction, Mention

#: what joins the town and the city that locates it: a slash, maybe with spaces
_JOIN = re.compile(r"\s?/\s?")
#: a locating city is one people orient by: the size from which the acceptance rules take a
#: foreign town in a sentence about a partnership (extract/places.py), and ten times the town's
#: (Gagny 39,000 / Paris 2.1 million, Illasi 5,000 / Verona 257,000; two towns of one size
#: joined by a slash are a pair or one name: "Hameln/Quedlinburg", "Jink/Gyönk")
MIN_CITY = 100_000
RATIO = 10


def drop_slash_locators(ex: Extraction, text: str) -> None:
    if not ex.partnerships:
        return
    places = sorted((m for m in ex.mentions if m.kind == "municipality"), key=lambda m: m.start)
    located = {b.start for a, b in zip(places, places[1:]) if _locates(ex, text, a, b)}
    if not located:
        return
    by_ref: dict[str, list[Mention]] = {}
    for m in places:
        by_ref.setdefault(m.ref, []).append(m)
    ex.partnerships[:] = [p for p in ex.partnerships if not any(
        k == "municipality" and _only_located(by_ref.get(r, ()), p.evidence, located) for k, r in p.partners)]


def _locates(ex: Extraction, text: str, town: Mention, city: Mention) -> bool:
    if town.ref == city.ref or city.start - town.end > 3 or not _JOIN.fullmatch(text, town.end, city.start):
        return False
    a, b = ex.places.get(town.ref), ex.places.get(city.ref)
    if a is None or b is None or a.country is None or a.country != b.country:
        return False
    big = b.population or 0
    return big >= MIN_CITY and big >= RATIO * (a.population or 0)


def _only_located(mentions, evidence, located: set[int]) -> bool:
    inside = [m for m in mentions if any(s.start <= m.start and m.end <= s.end for s in evidence)]
    return bool(inside) and all(m.start in located for m in inside)
