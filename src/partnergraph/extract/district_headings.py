"""Bare names under a heading that names them as districts: "Partnerschaften der Landkreise:
München–Kraków, Ebersberg–Oświęcim", "Kreispartnerschaften: Harburg – Koszalin". The heading
decides the reading of the names that follow it: the German side is the Landkreis the table
lists under that name (Landkreis München, not the city), the foreign side the district of that
seat, named by its country's designation (Powiat Kraków; benchmarks/real/README.md). The same holds for a
seat right after a district word and "in" ("ein Beigeordneter des Partnerlandkreises in
Opole"). A name the
table lacks, or in a country without a designation, keeps its town reading."""

from __future__ import annotations

from collections.abc import Callable

from ..graph.iri import slugify
from ..models import Extraction, Mention, Place
from .context import HOME_COUNTRY
from .prefilter import Prefiltered

#: how far after the heading its list may run when no blank line ends it first: ten pairs of
#: two names with a dash and a comma are ~300 characters; with room for a year each
LIST_REACH = 500
#: "Partnerlandkreises in ", the longest phrase of relations-de.json's district_seat_before
#: (22 characters), with room
SEAT_WORD_REACH = 30


def headed_districts(ex: Extraction, text: str, heading: Prefiltered, seat_before: Prefiltered,
                     german_unit: Callable[[str], Place | None],
                     foreign_district: Callable[[str, str], str | None]) -> None:
    """Re-point every town mention in the list after a district heading (`heading`, matched up
    to its colon), or right after a district word and "in" (`seat_before`: "des
    Partnerlandkreises in Opole"), to its district. `german_unit(name)`: the table's Landkreis
    of that name or None; `foreign_district(seat, country)`: the district's name abroad or None."""
    scopes = []
    for h in heading.finditer(text) if ":" in text or "\n\n" in text else ():
        start = h.end()
        while start < len(text) and text[start].isspace():
            start += 1
        end = text.find("\n\n", start)
        end = min(end if end >= 0 else len(text), start + LIST_REACH)
        scopes.append((start, end))
    if not scopes and seat_before.absent_from(text):
        return  # (most pages: no heading, and no district word before any place)
    for i, m in enumerate(ex.mentions):
        if m.kind != "municipality":
            continue
        if not any(s <= m.start and m.end <= e for s, e in scopes) \
                and not seat_before.search(text, max(0, m.start - SEAT_WORD_REACH), m.start):
            continue
        place = ex.places.get(m.ref)
        if place is None or place.kind != "municipality" or place.country is None:
            continue
        if place.country == HOME_COUNTRY:
            district = german_unit(m.surface) or german_unit(place.name_de)
        else:
            name = foreign_district(m.surface, place.country)
            district = name and Place(name_de=name, country=place.country, slug=slugify(name), kind="district")
        if district is None:
            continue
        ex.places.setdefault(district.key, district)
        ex.mentions[i] = Mention(m.kind, district.key, m.surface, m.start, m.end, m.sentence)
