"""A foreign district and its seat: once an article names the district ("Kreis Krapkowice",
"Rajon Tschernihiw"), the seat's bare name elsewhere in it means that district too
("KRAPKOWICE – Partnerschaftsvereinbarung erneuert", "die Menschen in Tschernihiw"), unless
the text calls it a town ("der Stadt Koscierzyna", "das Salzbergwerk von Wieliczka"). The
seat's endonym in brackets right after the district's name is left as the gazetteer read it
("Kreis Elbing (Elblag)": the real gold reads it as the town). A district is never collapsed into its
same-named town, and the town does not stand in for the district either
(benchmarks/real/README.md: "every Tschernihiw on the Gießen page is the rajon")."""

from __future__ import annotations

import re

from ..models import Extraction, Mention
from .partner_mentions import HOME

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
                or _endonym_of_district(m, district, text, ends):
            continue
        ex.mentions[i] = Mention(m.kind, district, m.surface, m.start, m.end, m.sentence)


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
