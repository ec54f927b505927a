"""A district of a big city named by its number: "mit dem 5. Bezirk Budapests", "aus dem II. Bezirk
Budapest", "zum 22. Bezirk von Budapest", "Budapest 1. Bezirk", "dem ersten Bezirk von Wien".
The numbered district is the local government meant (a borough, as the gold names partners inside
foreign capitals), not the city, whose name there only says whose district it is. Which cities'
districts are read so, and how each district is named, is data (`numbered_districts` and
`district_ordinals` in rules-de.json): Budapest's are cities500 places ("Budapest V. kerület"),
Vienna's the boroughs of local-governments-de.tsv. Found on berlingeschichte.de, nokzeit.de,
adtplus.arcanum.hu, ots.at and digitalpresent.tagesspiegel.de."""

from __future__ import annotations

import re
from dataclasses import replace

from . import local_governments
from ..models import Extraction, Mention, Place
from .sentences import sentence_of

_ROMAN = {"I": 1, "V": 5, "X": 10}


def _roman_value(numeral: str) -> int:
    total = 0
    for i, c in enumerate(numeral):
        v = _ROMAN[c]
        total += -v if i + 1 < len(numeral) and _ROMAN[numeral[i + 1]] > v else v
    return total


def _roman(n: int) -> str:
    out = ""
    for value, sign in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sign, n - value
    return out


class NumberedDistricts:
    def __init__(self, rules: dict, gazetteer):
        self._cities = rules["numbered_districts"]
        self._ordinals = {w: i + 1 for i, w in enumerate(rules["district_ordinals"])}
        self._gazetteer = gazetteer
        self._countries = frozenset(c["country"] for c in self._cities.values() if "gazetteer" in c)
        cities = "|".join(map(re.escape, self._cities))
        number = rf"(?:\d{{1,2}}\.|[IVX]{{1,5}}\.|(?:{'|'.join(map(re.escape, self._ordinals))})\b)"
        noun = r"(?:Gemeinde|Stadt)?[Bb]ezirk(?:s|es)?"
        #: "5. Bezirk Budapests", "ersten Bezirk von Wien", "5. Bezirk in Wien"
        self._after = re.compile(rf"(?<![\w.])(?P<n>{number})\s*{noun}\s+(?:(?P<of>von|der Stadt)\s+|in\s+)?(?P<city>{cities})s?\b")
        #: "Budapest 1. Bezirk"
        self._before = re.compile(rf"\b(?P<city>{cities})\s+(?P<n>{number})\s*{noun}\b")
        #: the gazetteer's names of the numbered districts ("Budapest V. kerület"), to give such places
        #: the kind borough however the page named them ("Altofen-Krottendorf", "Budavar")
        templates = [re.escape(c["gazetteer"]).replace(re.escape("{roman}"), "[IVX]+")
                     for c in self._cities.values() if "gazetteer" in c]
        self._named = re.compile("|".join(templates)) if templates else None

    def _number(self, written: str) -> int | None:
        written = written.rstrip(".")
        if written.isdigit():
            return int(written)
        if written in self._ordinals:
            return self._ordinals[written]
        return _roman_value(written) if set(written) <= set(_ROMAN) else None

    def _district(self, city: str, n: int) -> Place | None:
        data = self._cities[city]
        if "boroughs" in data:
            if not 1 <= n <= len(data["boroughs"]):
                return None
            return local_governments.place(f"borough:{data['boroughs'][n - 1]}")
        if not 1 <= n <= data["count"]:
            return None
        name = data["gazetteer"].format(roman=_roman(n))
        found = [r for r in self._gazetteer.lookup(name) if r.country == data["country"]]
        return replace(max(found, key=lambda r: r.population).to_place(), kind="borough") if found else None

    def _as_boroughs(self, ex: Extraction) -> None:
        """A numbered district found by another name is of kind borough too; a borough or district
        a cue word minted ("des Bezirkes Budavar") is the gazetteer's numbered district of that name."""
        moved = {}
        for key, place in list(ex.places.items()):
            if place.geonameid is not None and place.kind == "municipality" and self._named.fullmatch(place.name_de):
                ex.places[key] = replace(place, kind="borough")
            elif place.geonameid is None and place.kind in ("borough", "district"):
                # (whatever country the cue gave it: the gazetteer's name is the district's alone)
                found = [r for r in self._gazetteer.lookup(place.name_de.removeprefix("Bezirk "))
                         if self._named.fullmatch(r.name_de)]
                if found:
                    district = replace(found[0].to_place(), kind="borough")
                    ex.places.setdefault(district.key, district)
                    moved[key] = district.key
        if moved:
            ex.mentions[:] = [replace(m, ref=moved[m.ref]) if m.kind == "municipality" and m.ref in moved else m
                              for m in ex.mentions]

    def apply(self, ex: Extraction, text: str, sentences) -> None:
        """Adds each numbered district as a place. The city's mention after the district stays:
        the page names the city too (the gold annotates it), the locator rules keep it from
        pairing ("Bezirk Budapests": relations-de.json, _part_locator_genitive) and "in Wien"
        says where. A city before its numbered district or after "von", which nothing else reads
        as the locator of an unnamed part, is dropped ("Wien 1. Bezirk und Budapest 1. Bezirk",
        "zwischen dem ersten Bezirk von Budapest und dem ersten Bezirk von Wien": ots.at)."""
        if self._named is not None and any(p.country in self._countries or p.kind in ("borough", "district")
                                           for p in ex.places.values()):
            self._as_boroughs(ex)
        if "ezirk" not in text:  # (most pages name no Bezirk at all)
            return
        if not any(city in text for city in self._cities):
            return  # (both patterns need a city's name as written: 10 of the 46 open10 pages naming a Bezirk hold one)
        spans, cities = [], []
        for pattern in (self._after, self._before):
            for m in pattern.finditer(text):
                n = self._number(m["n"])
                place = self._district(m["city"], n) if n is not None else None
                if place is not None and not any(s < m.end() and m.start() < e for s, e, _ in spans):
                    spans.append((m.start(), m.end(), place))
                    if pattern is self._before or m["of"]:
                        cities.append(m.start("city"))
        if not spans:
            return
        if cities:  # "Wien 1. Bezirk", "dem ersten Bezirk von Wien": the cities there name no partner
            ex.mentions[:] = [x for x in ex.mentions if x.kind != "municipality" or x.start not in cities]
        for start, end, place in spans:
            ex.places.setdefault(place.key, place)
            ex.mentions.append(Mention("municipality", place.key, text[start:end], start, end,
                                       sentence_of(sentences, start)))
