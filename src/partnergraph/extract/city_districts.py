"""A district of a big foreign city written after the city and a hyphen: "Warschau-Białolęka",
"Hanoi-Hoan Kiem", "Izmir-Konak", "der Bezirk Warschau-Białolęka". The district is the local
government meant, the partner of a Berlin or Hamburg borough, not the city before the hyphen
(benchmarks/real/README.md: borough partners inside foreign capitals are named by their district,
as "Wien-Margareten" is Margareten). Found on abendblatt-berlin.de (fresh4), polen-news.de and
hansjoerg-schmidt.de (fresh5), where the city became a false place and the district a false
mint ("Izmir-Konak" in Turkey, "Warschau-Białolęka" in Germany).

The district must be a cities500 place of the city's own country, smaller than the city, by its
name or by its name without diacritics ("Białolęka" is GeoNames' "Bialoleka"); a district
cities500 lacks ("Maputo-Kamubukwana") is left as it is. German compounds are left alone:
"Mainz-Kastel" names a quarter of Mainz (compound_names.py), and the home country's boroughs
have their own rules (city-state boroughs). A run of hyphen-joined names is a list, not a
district. The district is of kind district, as the gold writes such units (Kiew-Petschersk,
Warschau-Białolęka, Izmir-Konak: berlingeschichte.de, abendblatt-berlin.de, hansjoerg-schmidt.de)."""

from __future__ import annotations

from dataclasses import replace

from ..models import Extraction, Mention, Place
from .places import KNOWN_CITY_POPULATION
from .transliterate import plain


def _city(gazetteer, name: str):
    """The big city (KNOWN_CITY_POPULATION: a city with districts of their own local government)
    a name before a hyphen stands for, or None."""
    cities = [c for c in gazetteer.lookup(name) if c.population >= KNOWN_CITY_POPULATION]
    return max(cities, key=lambda c: c.population) if cities else None


def _district(gazetteer, name: str, city) -> Place | None:
    """The cities500 place of this name in the city's country, smaller than the city."""
    for form in dict.fromkeys((name, plain(name))):
        inside = [c for c in gazetteer.lookup(form) if c.country == city.country
                  and c.population < city.population and c.geonameid != city.geonameid]
        if inside:
            return replace(max(inside, key=lambda c: c.population).to_place(), kind="district")
    return None


def _glued(text: str, start: int, end: int) -> bool:
    """Whether the stretch is part of a run of hyphen-joined names (a list: "A-B-C")."""
    return text[start - 1:start] == "-" or text[end:end + 1] == "-" or text[end:end + 1].isalnum()


def resolve_city_districts(ex: Extraction, text: str, gazetteer, home: str) -> None:
    """Re-points each city–district compound to the district and drops the city's mention."""
    # (cheap test first: few mentions are glued to a hyphen or hold one)
    if not any(m.kind == "municipality" and (text[m.end:m.end + 1] == "-" or "-" in m.surface) for m in ex.mentions):
        return
    munis = sorted((m for m in ex.mentions if m.kind == "municipality" and m.ref in ex.places),
                   key=lambda m: m.start)
    starts = {m.start: m for m in munis}
    replaced: dict[int, Mention] = {}
    gone: set[int] = set()
    for a in munis:
        pa = ex.places[a.ref]
        if id(a) in gone:
            continue
        b = starts.get(a.end + 1) if text[a.end:a.end + 1] == "-" else None
        if b is not None:  # two mentions: "Warschau-[Bialoleka]", "Hanoi-[Hoan Kiem]"
            pb = ex.places[b.ref]
            if pa.country in (None, home) or pa.population is None or pa.population < KNOWN_CITY_POPULATION or pb.geonameid is None \
                    or pb.country != pa.country or (pb.population or 0) >= pa.population \
                    or _glued(text, a.start, b.end):
                continue
            gone.add(id(a))
            ex.places[b.ref] = replace(pb, kind="district")  # a local government of its own, not a town
            replaced[id(b)] = Mention(b.kind, b.ref, text[a.start:b.end], a.start, b.end, b.sentence)
            continue
        if pa.geonameid is not None or pa.name_de.count("-") != 1 or _glued(text, a.start, a.end):
            continue
        # one minted name: "Izmir-Konak", "Bezirk Warschau-Białolęka"
        first, _, second = pa.name_de.rpartition(" ")[2].partition("-")
        city = _city(gazetteer, first)
        district = _district(gazetteer, second, city) \
            if city is not None and city.country != home and second[:1].isupper() else None
        if district is None:
            continue
        ex.places.setdefault(district.key, district)
        replaced[id(a)] = Mention(a.kind, district.key, a.surface, a.start, a.end, a.sentence)
    if replaced or gone:
        ex.mentions[:] = [replaced.get(id(m), m) for m in ex.mentions if id(m) not in gone]
