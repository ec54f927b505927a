"""A German Landkreis's partner abroad named by its seat: a Landkreis that celebrated its partnership with a Polish town (mittelhessen.app: the seat of a powiat), "Die Partnerschaft mit
dem polnischen Kreis … wurde angebahnt. Gegenseitige Besuche … aus Bitburg-Prüm und
Kedzierzyn-Kozle" — in a country whose districts have a designation of their own (Poland's
powiats, Ukraine's rajons: rules-de.json `foreign_district_designations`), a district partners
a district: the seat named beside the Landkreis in a sentence about their partnership is that
district (Powiat Grodzisk Wielkopolski), as the real gold reads every such pair
(benchmarks/real/README.md; kreis-slf.de, landkreis-muenchen.de, buerger-kurier.de,
kreiszeitung-wochenblatt.de). Not where the text calls it a town ("mit der Stadt Pisz"), not a
place after "in" or "nach", where something happened ("Netzwerktreffen in Warschau", "wurde in
Kiew besiegelt"), and not beside a German town, whose partner a town may well be."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..graph.iri import slugify
from ..models import Extraction, Mention, Place
from .context import HOME_COUNTRY, previous_word
from .district_seats import TOWN_WORD_REACH

#: the prepositions that make a place where something happens, not a partner
_VENUE_WORDS = frozenset({"in", "nach"})


def district_partners(ex: Extraction, text: str, cue_sentences: dict, town_before: re.Pattern,
                      foreign_district: Callable[[str, str], str | None]) -> None:
    """Re-point each foreign seat named in a partnership sentence with a German Landkreis (and
    no German town) to its district; `foreign_district(seat, country)`: the district's name
    abroad, or None where the country has no district designation."""
    german_districts, german_towns = set(), set()
    for m in ex.mentions:
        place = ex.places.get(m.ref) if m.kind == "municipality" else None
        if place is not None and place.country == HOME_COUNTRY:
            (german_districts if place.kind == "district" else german_towns).add(m.sentence)
    sentences = {s for s in german_districts - german_towns if cue_sentences.get(s)}
    if not sentences:
        return
    for i, m in enumerate(ex.mentions):
        if m.kind != "municipality" or m.sentence not in sentences:
            continue
        place = ex.places.get(m.ref)
        if place is None or place.kind != "municipality" or place.country in (None, HOME_COUNTRY) \
                or town_before.search(text, max(0, m.start - TOWN_WORD_REACH), m.start) \
                or previous_word(text, m.start) in _VENUE_WORDS:
            continue
        name = foreign_district(place.name_de, place.country)
        if name is None or name == place.name_de:
            # (Israel's regional councils carry no designation and no seat's name: a town of
            # cities500 beside a Landkreis is a town, "der israelischen Kommune X", hassberge.de)
            continue
        district = Place(name_de=name, country=place.country, slug=slugify(name), kind="district")
        ex.places.setdefault(district.key, district)
        ex.mentions[i] = Mention(m.kind, district.key, m.surface, m.start, m.end, m.sentence)
