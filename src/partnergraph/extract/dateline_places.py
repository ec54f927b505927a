"""The two places of a two-place dateline: "A/B. Die beiden Bürgermeister …", "A / B (Region) –
Etwa 25 Gäste …".

A regional paper or a partnership report about a visit or a signing opens its text with both
towns, the home town and the partner, joined by a slash, then a full stop or a dash. The
dateline says what both are: places. Where one side is a place the page already has, the other
side is a place too, whatever its size, and where the gazetteer lacks it (a German town cities500
misses, a small commune) it is minted, in the home country when the known side lies abroad.
The form is the regional press's (hit_facts._DATELINE reads "Leipzig/Saalfeld." for its first
side already): eleven pages of the thirteen open splits open so (kreis-slf.de, welt.de,
morbach.de, ezukunft.de, volksstimme.de, nw.de, pfalz-express.de …). Issue 17, session 21
(fresh9's municipality misses): on nw.de a German town cities500 lacks was the missed side; on
ezukunft.de the small side is found but re-read as its district by the seat rule, on
pfalz-express.de it is a namesake the gazetteer misreads (left). Own-words fixtures in
tests/test_extract_places_of_unseen_publishers.py.

Not a side that is a word, a noun or a first name ("Wuppertal / Pressemeldung –"), nor one any
other mention covers (a country or region: "Deutschland/NRW –").
"""

from __future__ import annotations

import re

from ..graph.iri import slugify
from ..models import Extraction, Mention, Place
from .context import Context
from .sentences import sentence_of

#: a side of the dateline: one to three capitalised words (a hyphenated or abbreviated one too:
#: "Schloß Holte-Stukenbrock", "St. Goar")
_SIDE = r"[A-ZÄÖÜ][\wß'’.-]*?(?:[ \t][A-ZÄÖÜ][\wß'’-]*){0,2}"
#: what closes the dateline after its second side: maybe a region in brackets, then a full stop
#: or a dash, and the first word of the text
_CLOSE = r"(?:[ \t]\([^)\n]{1,40}\))?(?:\.|[ \t]+[–-])[ \t]+[A-ZÄÖÜ„\"]"
_AFTER_FIRST = re.compile(rf"[ \t]?/[ \t]?(?P<side>{_SIDE}){_CLOSE}")
_BEFORE_SECOND = re.compile(rf"(?:^|\n)[ \t]*(?P<side>{_SIDE})[ \t]?/[ \t]?$")
_CLOSES = re.compile(_CLOSE)


def dateline_places(extractor, ex: Extraction, ctx: Context) -> None:
    """Adds the other side of each two-place dateline one of whose sides is a municipality
    mention: the gazetteer's place of that name, else a minted one."""
    text = ctx.text
    if "/" not in text:
        return  # (most pages: 484 of the 676 of the twelve older splits have no slash)
    for m in [m for m in ex.mentions if m.kind == "municipality"]:
        side = None
        if (not m.start or text[m.start - 1] == "\n") and "/" in text[m.end:m.end + 2]:
            after = _AFTER_FIRST.match(text, m.end)
            side = after and after.span("side")
        elif "/" in text[max(0, m.start - 2):m.start] and _CLOSES.match(text, m.end):
            before = _BEFORE_SECOND.search(text, max(0, m.start - 60), m.start)
            side = before and before.span("side")
        if not side or any(o.start < side[1] and side[0] < o.end for o in ex.mentions):
            continue
        name = text[side[0]:side[1]]
        if not _may_name_a_place(extractor, name):
            continue
        known = ex.places.get(m.ref)
        place = _place_named(extractor, name, ctx, known)
        ex.places.setdefault(place.key, place)
        ex.mentions.append(Mention("municipality", place.key, name, side[0], side[1],
                                   sentence_of(ctx.sentences, side[0])))


def _may_name_a_place(extractor, name: str) -> bool:
    last = re.split(r"[ \t]", name)[-1]
    return len(name) > 2 and name not in extractor.nouns and last not in extractor.nouns \
        and name.lower() not in extractor.frequent and name.split(" ")[0] not in extractor.first_names


def _place_named(extractor, name: str, ctx: Context, known: Place | None) -> Place:
    """The gazetteer's bearer of the name (one of a country the page names first, then the most
    populous), else a minted town: of the home country where the dateline's known side lies
    abroad, else without a country (minted_places places it)."""
    bearers = [c for c in extractor.gazetteer.lookup(name) if name in (c.name_de, c.name_en)]
    if bearers:
        return max(bearers, key=lambda c: (c.country in ctx.countries, c.population, -c.geonameid)).to_place()
    country = ctx.home if known is not None and known.country not in (None, ctx.home) else None
    return Place(name_de=name, country=country, slug=slugify(name), kind="municipality")
