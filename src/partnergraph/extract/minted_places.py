"""A place the cue rules minted (no gazetteer reading was accepted where it stood) that cities500
knows in the same country under the same name, written with a hyphen for a space or without its
accents, is that cities500 place: "die Marktgemeinden Eggolsheim und Buttenheim" (hallerndorf.de),
"Ronzo Chienis" (cities500 "Ronzo-Chienis"), "Puerto-Leguizamo" ("Puerto Leguízamo",
schondorf.de), "Nagymànyok" ("Nagymányok", vg-oberviechtach.de). Without the country the cue gave,
a same-named place elsewhere says nothing (the Swiss Tenna is not the Italian one).

A minted town whose name is that of a town the gazetteer resolved on the same page is that town:
one name means one place within a page ("die Stadt Geesthacht" beside "Geesthacht und Plaisir").

A minted town no cue gave a country (issue #17, dev2/fresh2: waldbronn-archiv.de, 1815.ch,
deutsch.radio.cz, muelheim-ruhr.de, bzbasel.ch) is placed by what the text itself says, in order:
- written with a Swiss canton's or similar two-letter suffix ("Zuchwil SO") beside the plain
  name the page already has: that place;
- written with accents cities500 lacks or has otherwise ("Zubrí" for "Zubří"): the cities500
  place of its bare spelling, where that lies in one country only;
- written before a slash and a known place ("Beykoz/Istanbul"): a part of that place, in its country;
- else, where no country and no place abroad stands in its sentence: the page's home country
  (extract/home.py), as a German, Austrian or Swiss page names its own towns without their country
  (four Swiss communes, named without a canton, that plan to merge)."""

from __future__ import annotations

import re
from dataclasses import replace

from ..models import Extraction
from ..graph.iri import slugify
from .designations import strip_designation
from .transliterate import without_marks

#: "Zuchwil SO", "Bettingen BS": a town and its canton's (or state's) two-letter abbreviation
_CODE_SUFFIX = re.compile(r"^(?P<name>.+?)\s+[A-Z]{2}$")


def _spellings(name: str) -> list[str]:
    """The name as written, with spaces and hyphens swapped, and without accents."""
    out = []
    for n in (name, without_marks(name)):
        for v in (n, n.replace(" ", "-"), n.replace("-", " ")):
            if v not in out:
                out.append(v)
    return out


def link_minted_places(ex: Extraction, gazetteer, text: str = "", home: str | None = None) -> None:
    """Give each minted town without a country the one its text implies (see the module's
    docstring), then re-point the mentions of each minted town of a known country to the
    cities500 place of its name there (the most populous where several are)."""
    _designated(ex, gazetteer)
    moved: dict[str, str] = {}
    known = {}
    for key, place in ex.places.items():
        if place.geonameid is not None and place.kind == "municipality":
            known.setdefault(place.name_de, set()).add(key)
    for key, place in list(ex.places.items()):
        if place.geonameid is not None or place.kind not in (None, "municipality"):
            continue
        same = known.get(place.name_de, ())
        if len(same) == 1:
            # "Die Stadt Geesthacht" minted in the partner's country where the gazetteer's
            # Geesthacht stands on the page already (infopulse-newsportal.de): one name, one town
            moved[key] = next(iter(same))
            continue
        if place.country is not None:
            continue
        found = _placed(ex, key, place, gazetteer, text, home)
        if found is not None and found.key != key:
            moved[key] = found.key
            ex.places.setdefault(found.key, found)
    _repoint(ex, moved)
    moved = {}
    for key, place in list(ex.places.items()):
        if key in moved.values() or place.geonameid is not None or place.country is None \
                or place.kind not in (None, "municipality"):
            continue
        found = [r for s in _spellings(place.name_de) for r in gazetteer.lookup(s) if r.country == place.country]
        if not found:
            continue
        best = max(found, key=lambda r: r.population).to_place()
        moved[key] = best.key
        ex.places.setdefault(best.key, best)
    _repoint(ex, moved)


def _designated(ex: Extraction, gazetteer) -> None:
    """A minted town whose name carries a designation ("Marstal Komune", "Bunkyo-Ku",
    "Hammarö kommun"; designations.py) is the cities500 town of its bare name in the designation's
    country; without one there, the town of its bare name in that country (the designation's
    country overrides the one the cue guessed: "Stadt Elsfleth und Marstal Komune" is no German town)."""
    moved: dict[str, str] = {}
    for key, place in list(ex.places.items()):
        if place.geonameid is not None or place.kind not in (None, "municipality"):
            continue
        stripped = strip_designation(place.name_de)
        if stripped is None or not stripped[1]:
            continue
        bare, countries = stripped
        found = [r for s in _spellings(bare) for r in gazetteer.lookup(s) if r.country in countries]
        if found:
            new = max(found, key=lambda r: (r.population, -r.geonameid)).to_place()
        elif len(countries) == 1:
            new = replace(place, name_de=bare, country=countries[0], slug=slugify(bare))
        else:
            continue
        moved[key] = new.key
        ex.places.setdefault(new.key, new)
    _repoint(ex, moved)


def _repoint(ex: Extraction, moved: dict[str, str]) -> None:
    if moved:
        ex.mentions[:] = [replace(m, ref=moved[m.ref]) if m.kind == "municipality" and m.ref in moved else m
                          for m in ex.mentions]


def _placed(ex: Extraction, key: str, place, gazetteer, text: str, home: str | None):
    """The place a country-less minted town is, or None where the text says nothing."""
    mentions = [m for m in ex.mentions if m.kind == "municipality" and m.ref == key]
    coded = _CODE_SUFFIX.match(place.name_de)
    if coded:
        same = [p for k, p in ex.places.items() if k != key and p.name_de == coded["name"]]
        if len(same) == 1:
            return same[0]
    bare = without_marks(place.name_de)
    if bare != place.name_de:
        found = [r for s in _spellings(bare) for r in gazetteer.lookup(s)]
        if len({r.country for r in found}) == 1:
            return max(found, key=lambda r: r.population).to_place()
    for m in mentions:
        if text[m.end:m.end + 1] == "/":
            after = next((ex.places.get(o.ref) for o in ex.mentions
                          if o.kind == "municipality" and o.start == m.end + 1), None)
            if after is not None and after.country is not None:
                return replace(place, country=after.country)
    if home is None or not mentions:
        return None
    sentences = {m.sentence for m in mentions}
    for o in ex.mentions:
        if o.sentence not in sentences:
            continue
        if o.kind == "country" and o.ref != home:
            return None
        if o.kind == "municipality" and o.ref != key:
            other = ex.places.get(o.ref)
            if other is not None and other.country not in (None, home):
                return None
    return replace(place, country=home)
