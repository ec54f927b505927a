"""A unit abroad that a designation names as a partner, not as a locator: a German city and "die japanische Präfektur X" sealing a partnership make the Präfektur
Chiba a partner of its own (a local government of kind district, never the city Chiba), while
"Ichikawa in der Präfektur Chiba" and "Arita (Präfektur Saga)" only say where a town lies and
name no place. Which
designations, and their countries, is data (`partner_region_designations` in
relations-de.json); the bare "Chiba" elsewhere on such a page is then the prefecture too
(district_seats.py)."""

from __future__ import annotations

import re

from ..graph.iri import slugify
from .prefilter import Prefiltered
from ..models import Extraction, Mention, Place
from .partner_mentions import covered
from .sentences import sentence_of


class PartnerRegions:
    def __init__(self, rules: dict):
        self.countries = rules["partner_region_designations"]
        words = "|".join(map(re.escape, self.countries))
        # (behind its words: most pages name none, and the scan of a whole page cost 2 % of the
        # extraction of the real pages)
        self.named = Prefiltered(re.compile(rf"\b(?P<word>{words})\s+(?P<name>[A-ZÄÖÜ][\w'’\-]+)"))
        #: "in der Präfektur", "in der japanischen Präfektur", "Arita (Präfektur Saga)": the unit as
        #: a locator
        self.locator = re.compile(r"(?:\b(?:in|aus)\s+der\s+(?:[a-zäöüß]+(?:e|en)\s+)?|\(\s*)$")

    def apply(self, ex: Extraction, text: str, sentences: list) -> None:
        taken = None  # (made at the first designation: most pages name none)
        for n in self.named.finditer(text):
            taken = taken or covered(ex, text)
            if self.locator.search(text, max(0, n.start() - 30), n.start()) \
                    or any(taken[n.start():n.end()]):
                continue
            name = f"{n['word']} {n['name']}"
            place = Place(name_de=name, country=self.countries[n["word"]], slug=slugify(name), kind="district")
            place = ex.places.setdefault(place.key, place)
            ex.mentions.append(Mention("municipality", place.key, n.group(0), n.start(), n.end(),
                                       sentence_of(sentences, n.start())))
