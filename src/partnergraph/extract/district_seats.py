"""A foreign district and its seat: once an article names the district ("Kreis Krapkowice",
"Rajon Tschernihiw"), the seat's bare name elsewhere in it means that district too
("KRAPKOWICE – Partnerschaftsvereinbarung erneuert", "die Menschen in Tschernihiw"), unless
the text calls it a town ("der Stadt Koscierzyna", "das Salzbergwerk von Wieliczka"). The
seat's endonym in brackets right after the district's name is left as the gazetteer read it
("Kreis Elbing (Elblag)": the real gold reads it as the town). A district is never collapsed into its
same-named town, and the town does not stand in for the district either
(benchmarks/real/README.md: "every Tschernihiw on the Gießen page is the rajon").

A German Landkreis is named by its seat the same way on the pages of districts and about them
("die Partnerlandkreise Gostyń in Polen und Nordhausen", "Die Partnerschaft mit Sonneberg", "der
damalige Landrat von Pfaffenhofen": landkreis-nordhausen.de, bitburg-pruem.de,
pfaffenhofen-today.de, westfalen-blatt.de, kreiszeitung-wochenblatt.de, berlingeschichte.de,
rhein-kreis-neuss.de, rhein-zeitung.de in the real gold), except where the text places something
in the town ("den Besuch in Emmendingen": haolam.de), ends its line with it (a dateline) or
calls it a town; a kreisfreie Stadt of
the seat's name (Passau beside the Landkreis Passau) is a town of its own and stays one. A seat set
against its district by "selbst" ("Hajnówka selbst hat … Stadtrecht") or named first in a
Städtepartnerschaft, which joins towns ("der Städtepartnerschaft zwischen Rathenow und Rendsburg"),
is the town."""

from __future__ import annotations

import re

from functools import lru_cache

from ..models import Extraction, Mention
from .local_governments import local_governments
from .partner_mentions import HOME

#: "in Emmendingen", "nach Sonneberg", "aus Nordhausen": a German seat after these is the town
#: a visit or an event takes place in, not the district
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|nach|aus|im|bei)\s+$")
#: ... and a German seat that ends its line is a dateline's or a heading's town ("2022-11
#: Günzburg", then "Kreis Günzburg strebt …": augsburger-allgemeine.de)
_LINE_END = re.compile(r"[ \t]*(?:\n|$)")
#: the qualifier a Landkreis' name carries beyond its seat's short name: "an der Ilm", "(Wümme)"
_QUALIFIER = re.compile(r"\s*\(.*\)$|/\w+$|\s+(?:am|an der|in der|im|ob der)\s+\S+$")

#: "Hajnówka selbst hat seit 1950 Stadtrecht": the town itself, set against its district (polen-news.de)
_SELF_AFTER = re.compile(r"\s+selbst\b")
#: a Städtepartnerschaft joins towns: a district that helped another because of a Städtepartnerschaft between their seats (havelland.de: Rathenow and Rendsburg)
_TOWN_PARTNERSHIP = re.compile(r"(?i)städtepartnerschaft\s+(?:zwischen|von)\s+$")

#: "der Stadt ", "Salzbergwerk von ": how far before the seat a word calling it a town may stand
#: (the longest such phrase in relations-de.json, "Marktplatz von ", is 15 characters; with room)
TOWN_WORD_REACH = 30


def seats_as_districts(ex: Extraction, text: str, town_before: re.Pattern) -> None:
    """Re-point every bare mention of a named foreign district's seat to the district;
    `town_before`: the words that make the seat after them the town."""
    seats = {}
    for key, place in ex.places.items():
        if place.kind == "district" and place.country and place.country != HOME and " " in place.name_de:
            seats[(place.country, place.name_de.split(" ", 1)[1].casefold())] = key
        elif place.kind == "district" and place.country == HOME and place.geonameid is None \
                and place.name_de.startswith(("Landkreis ", "Kreis ")):
            core = place.name_de.split(" ", 1)[1]
            for name in {core, _QUALIFIER.sub("", core)}:
                if name not in _kreisfreie_staedte():
                    seats[(HOME, name.casefold())] = key
    if not seats:
        return
    districts = set(seats.values())
    ends = {(m.ref, m.end) for m in ex.mentions if m.ref in districts}
    for i, m in enumerate(ex.mentions):
        if m.kind != "municipality":
            continue
        place = ex.places.get(m.ref)
        if place is None or place.kind != "municipality" or place.country is None:
            continue
        names = {m.surface.casefold(), place.name_de.casefold(), (place.name_en or "").casefold()}
        district = next((seats[(place.country, n)] for n in names if (place.country, n) in seats), None)
        if district is None or town_before.search(text, max(0, m.start - TOWN_WORD_REACH), m.start) \
                or _endonym_of_district(m, district, text, ends) or _SELF_AFTER.match(text, m.end) \
                or _TOWN_PARTNERSHIP.search(text, max(0, m.start - TOWN_WORD_REACH), m.start):
            continue
        if place.country == HOME and (_LOCATIVE_BEFORE.search(text, max(0, m.start - 6), m.start)
                                      or _LINE_END.match(text, m.end)):
            continue
        ex.mentions[i] = Mention(m.kind, district, m.surface, m.start, m.end, m.sentence)


@lru_cache(maxsize=1)
def _kreisfreie_staedte() -> frozenset[str]:
    """The names of the kreisfreie Städte (local-governments-de.tsv): a town in its own right."""
    return frozenset(u.name for u in local_governments().values() if u.kind == "municipality")


def _endonym_of_district(m: Mention, district: str, text: str, ends: set[tuple[str, int]]) -> bool:
    """ "Kreis Elbing (Elblag)": the seat in brackets right after the district's own mention."""
    j = m.start
    while j > 0 and text[j - 1].isspace():
        j -= 1
    if j == 0 or text[j - 1] != "(":
        return False
    j -= 1
    while j > 0 and text[j - 1].isspace():
        j -= 1
    return (district, j) in ends
