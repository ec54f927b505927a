"""Boroughs of a foreign city, named by its adjective: "mit den Londoner Bezirken Lewisham und
Sutton" are the London Boroughs of Lewisham and Sutton, not the bare names (Sutton is also a
town of its own); "London Borough of Barnet" written out is that borough. Each is its own
local government of kind borough, named as its city names it (benchmarks/real/README.md).
Which city adjectives make boroughs, and how they are named, is data
(`city_borough_adjectives` in relations-de.json)."""

from __future__ import annotations

import re

from ..graph.iri import slugify
from .prefilter import Prefiltered
from ..models import Extraction, Mention, Place
from .partner_mentions import covered
from .sentences import sentence_of

#: how far before the place its city adjective may stand: "Londoner Stadtbezirken " is 23
#: characters, with room
ADJECTIVE_REACH = 40
#: the joiners of a list of boroughs after the first: "Lewisham und Sutton", "A, B sowie C"
_NEXT_ITEM = re.compile(r"\s*(?:,|und|sowie|,\s*und)\s*")


class CityBoroughs:
    def __init__(self, rules: dict):
        self.cities = rules["city_borough_adjectives"]
        adjectives = "|".join(map(re.escape, self.cities))
        #: "Londoner Bezirken ", "Londoner Borough ": the adjective and a borough noun right before
        #: the place (or before its cue word, which the place's surface may include)
        self.before = Prefiltered(re.compile(rf"\b(?P<adj>{adjectives})\s+(?:(?:Stadt)?[Bb]ezirk\w*|Boroughs?)?\s*$"))
        prefixes = "|".join(re.escape(c["prefix"].strip()) for c in self.cities.values())
        #: the borough written out: "London Borough of Barnet"
        # (behind its prefixes: most pages have none, and the scan of a whole page cost 3 % of
        # the extraction of the real pages)
        self.written = Prefiltered(re.compile(
            rf"\b(?P<prefix>{prefixes})\s+(?P<name>[A-ZÄÖÜ][\w'’\-]+(?:\s+[A-ZÄÖÜ][\w'’\-]+)?)"))
        names = "|".join(re.escape(c["city"]) for c in self.cities.values() if c.get("city"))
        #: a borough noun, the name (two joined by "&" or "and": "Hammersmith & Fulham") and "in" the
        #: city: "zum Borough Hammersmith & Fulham in London" (a page scan too: behind its words)
        self.in_city = Prefiltered(re.compile(
            rf"\b(?:Borough|Stadtbezirk|Bezirk)\s+(?P<name>[A-ZÄÖÜ][\w'’\-]+(?:\s*(?:&|and|und)\s*"
            rf"[A-ZÄÖÜ][\w'’\-]+)?)\s+in\s+(?P<city>{names})\b")) if names else None

    def apply(self, ex: Extraction, text: str, sentences: list) -> None:
        """Re-point the boroughs named by their city's adjective, and add the written-out ones."""
        # (no city adjective before any place: no mention to re-point, the loop is skipped)
        mentions = [] if self.before.absent_from(text) else \
            sorted((m for m in ex.mentions if m.kind == "municipality"), key=lambda m: m.start)
        replaced: dict[int, Mention] = {}
        city = None
        for k, m in enumerate(mentions):
            place = ex.places.get(m.ref)
            if place is None:
                city = None
                continue
            adj = self.before.search(text, max(0, m.start - ADJECTIVE_REACH), m.start)
            joined = city is not None and k and _NEXT_ITEM.fullmatch(text, mentions[k - 1].end, m.start)
            if adj is not None:
                city = self.cities[adj["adj"]]
            elif not joined:
                city = None
            if city is None or place.country not in (city["country"], None):
                continue
            borough = self._borough(ex, city, place.name_de)
            replaced[id(m)] = Mention(m.kind, borough.key, m.surface, m.start, m.end, m.sentence)
        if replaced:
            ex.mentions[:] = [replaced.get(id(m), m) for m in ex.mentions]
        for w in self.in_city.finditer(text) if self.in_city is not None else ():
            city = next(c for c in self.cities.values() if c.get("city") == w["city"])
            borough = self._borough(ex, city, re.sub(r"\s*(?:&|und)\s*", " and ", w["name"]))
            # the names inside (the cue's "Borough Hammersmith", the town Fulham, London) are the borough
            ex.mentions[:] = [m for m in ex.mentions if not (m.kind == "municipality" and w.start() <= m.start < w.end())]
            ex.mentions.append(Mention("municipality", borough.key, w.group(0), w.start(), w.end(),
                                       sentence_of(sentences, w.start())))
        taken = None  # (made at the first written-out borough: most pages have none)
        for w in self.written.finditer(text):
            taken = taken or covered(ex, text)
            if any(taken[w.start():w.end()]):
                continue
            city = next(c for c in self.cities.values() if c["prefix"].strip() == w["prefix"])
            borough = self._borough(ex, city, w["name"])
            ex.mentions.append(Mention("municipality", borough.key, w.group(0), w.start(), w.end(),
                                       sentence_of(sentences, w.start())))

    @staticmethod
    def _borough(ex: Extraction, city: dict, name: str) -> Place:
        name = city["prefix"] + name
        place = Place(name_de=name, country=city["country"], slug=slugify(name), kind="borough")
        return ex.places.setdefault(place.key, place)
