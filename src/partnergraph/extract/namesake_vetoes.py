"""A country the page states right at a name vetoes a namesake in another country: "St. Andrä in
Südtirol" is no Austrian St. Andrä, "die Stadt Kigoma in Ruanda" no Tanzanian Kigoma.

Place resolution (places.py) chooses among same-named places by size, the countries the page
names and cue words before the name. A small partner town that cities500 lacks loses to a bigger
namesake abroad, and a country stated after the name ("in Ruanda", "in Südtirol") was no vote at
all. Where the page states a country right at the name (a bracket or a dash and a country after
it, a country adjective before it: stated_countries.py; or "in"/"im" and a country or a region of
one after it) and the place chosen is a foreign namesake — not of the home country, and stated
at more of its mentions in another country than in its own — the stated country wins: the namesake there that bears the name
as its own (the most populous, in the stated region where one is stated), else the name as a
place of the stated country that cities500 lacks. Every mention of the namesake follows (one sense
per page). A place of the home country is never vetoed ("die Freiburger in Israel" says where
people were), nor one whose own country the page states as often ("zwischen A und B in Italien",
a meeting's place, beside "A in Frankreich"), nor a city of WORLD_CITY_POPULATION or more, whose
fame outweighs a loose country name ("Brazzaville (Kongo)": "Kongo" reads as the other Congo).
A region's name is weaker than a country's: it votes only where the page does not name the
place's own country without naming the region's ("Lons-le-Saunier im Jura" on a page about
German-French partnerships is the French Jura, not the Swiss canton of the same name; the
départements and provinces of many countries bear the names of other countries' regions).
Issue #17, the "wrong place" class of false pairs: ovb-online.de, ruhangomarkt.de.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..graph.iri import slugify
from ..models import Extraction, Place
from .context import Context
from .place_names import own_name
from .places import WORLD_CITY_POPULATION
from .stated_countries import _vocabulary, stated_country

#: "St. Andrä in Südtirol", "Kigoma in Ruanda", "Thiès im Senegal": a country or region right after
_IN_AFTER = re.compile(r"[ \t]+i[nm][ \t]+(?:der[ \t]+|den[ \t]+|dem[ \t]+)?(?P<c>[A-ZÄÖÜ][\w-]+(?:[ \t][A-ZÄÖÜ][\w-]+)?)")


def _stated_after(text: str, end: int) -> tuple[str, str] | None:
    if text[end:end + 4] not in (" in ", " im "):  # (the cheap test first: most names have neither)
        return None
    m = _IN_AFTER.match(text, end)
    if m is None:
        return None
    names = _vocabulary()[0]
    return names.get(m["c"]) or names.get(m["c"].split()[0])


def stated_country_vetoes(ex: Extraction, ctx: Context, gazetteer) -> None:
    """Re-points the mentions of every foreign namesake the page's stated country vetoes (see the
    module) to the place of the stated country."""
    text = ctx.text
    named = {m.ref for m in ex.mentions if m.kind == "country"}
    votes: dict[str, Counter] = {}
    for m in ex.mentions:
        place = ex.places.get(m.ref) if m.kind == "municipality" else None
        if place is None or place.geonameid is None or place.kind != "municipality" or place.country == ctx.home \
                or (place.population or 0) >= WORLD_CITY_POPULATION:
            continue
        cc = stated_country(text, m.start, m.end) or _stated_after(text, m.end)
        if cc is not None and cc[1] and place.country in named and cc[0] not in named:
            continue  # a region's name against the country the page names (see the module)
        if cc is not None:
            votes.setdefault(m.ref, Counter())[cc] += 1
    instead: dict[str, Place] = {}
    for ref, counts in votes.items():
        place = ex.places[ref]
        (country, admin1), n = counts.most_common(1)[0]
        if country in (ctx.home, place.country) or n <= sum(k for (c, _), k in counts.items() if c == place.country):
            continue
        surface = next(m.surface for m in ex.mentions if m.ref == ref)
        towns = [c for c in gazetteer.lookup(surface)
                 if c.country == country and (not admin1 or c.admin1 == admin1) and own_name(surface, c)]
        instead[ref] = towns[0].to_place() if towns else Place(name_de=surface, country=country, slug=slugify(surface))
    if not instead:
        return
    ex.mentions[:] = [replace(m, ref=instead[m.ref].key) if m.ref in instead else m for m in ex.mentions]
    for key, place in instead.items():
        ex.places.pop(key, None)
        ex.places.setdefault(place.key, place)
