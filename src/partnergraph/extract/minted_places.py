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
  (four Swiss communes, named without a canton, that plan to merge);
- what is left still without a country: the home country, a district the country abroad its
  sentence or the page names (_leftovers)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..models import Extraction, Mention
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
    _listed_with_foreign_towns(ex, text, home)
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
    _leftovers(ex, text, home)
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


def _leftovers(ex: Extraction, text: str, home: str | None) -> None:
    """A minted place the rules above left without a country lies in the home country; a district
    in the country of the places abroad its sentence names, else the one the page names most abroad.
    The cue rules give every German Kreis its country, so a country-less district is a foreign one
    ("der frühere Distrikt X" on a page about Rwanda, "Der District X, zu dem auch Letchworth
    gehört"), while a country-less town is one the page names near a place abroad, mostly its own
    side ("Gemeinde X" on an Austrian page, a table row "X – Y - Z"). A town listed right beside a
    place abroad ("die Gemeinden Cluny und X", "zwischen Krakau und X") keeps no country: it lies
    abroad as often as not. Issue #17, session 20: kreis-ahrweiler.de, ak-kurier.de, woelbling.at,
    bezirk-unterfranken.de, where no country at all was wrong on each. A town named with a
    designation of local governments abroad ("X Municipality") is in no case the home country's: it
    takes the country the page names most abroad, or none (issue #17, session 22: own-words probes
    of South African partners on pages that do not name South Africa)."""
    counts = Counter(m.ref for m in ex.mentions if m.kind == "country" and m.ref != home)
    abroad = max(sorted(counts), key=counts.__getitem__) if counts else None
    moved: dict[str, str] = {}
    towns = sorted((m for m in ex.mentions if m.kind == "municipality"), key=lambda m: m.start)
    for key, place in list(ex.places.items()):
        if place.geonameid is not None or place.country is not None \
                or place.kind != "district" and _listed_abroad(ex, towns, key, text, home):
            continue
        country = home
        if place.kind == "district":  # a place abroad in its sentence says whose, else the page's
            sentences = {m.sentence for m in ex.mentions if m.ref == key}
            near = Counter(p.country for m in ex.mentions if m.sentence in sentences and m.kind == "municipality"
                           and (p := ex.places.get(m.ref)) is not None and p.country not in (None, home))
            country = max(sorted(near), key=near.__getitem__) if near else abroad
        elif strip_designation(place.name_de) is not None:
            # "Nelson Mandela Bay Municipality", "X kommun": a designation of local governments abroad
            # (place-designations.tsv), which no town of the home country carries
            country = abroad
        if country is not None:
            new = replace(place, country=country)
            moved[key] = new.key
            ex.places.setdefault(new.key, new)
    _repoint(ex, moved)


#: what joins two members of one list: "A und B", "A, B", "A sowie B", "A oder B"
_LIST_JOINS = frozenset({"und", ",", "sowie", "oder"})


#: known towns of one foreign country, and no other place, that a minted list member's list must
#: hold to give it their country: two ("Gemeinden A, B, X und Y" with A and B French). One
#: neighbour abroad is too little (`_leftovers`: "die Gemeinden Cluny und X" lies abroad as
#: often as not)
MIN_LISTED_FOREIGN_TOWNS = 2


def _listed_with_foreign_towns(ex: Extraction, text: str, home: str | None) -> None:
    """A minted town without a country, or with only the home country a cue word's default gave
    it, that stands in one enumeration with MIN_LISTED_FOREIGN_TOWNS gazetteer towns of one foreign
    country and no town of another is a town of that country: the list says whose its members are
    (issue 17, session 21: two French communes with particle names minted as German and
    country-less beside three accepted ones, pfalz-express.de of fresh9)."""
    if not any(p.geonameid is None and p.kind == "municipality" and p.country in (None, home)
               for p in ex.places.values()):
        return  # (most pages: no minted town to place)
    towns = sorted((m for m in ex.mentions if m.kind == "municipality"), key=lambda m: m.start)
    runs, run = [], towns[:1]
    for a, b in zip(towns, towns[1:]):
        if text[a.end:b.start].strip() in _LIST_JOINS and a.sentence == b.sentence:
            run.append(b)
        else:
            runs.append(run)
            run = [b]
    runs.append(run)
    moved: dict[str, str] = {}
    for run in runs:
        places = [ex.places.get(m.ref) for m in run]
        if len(run) <= MIN_LISTED_FOREIGN_TOWNS or any(p is None or p.kind != "municipality" for p in places):
            continue
        known = [p for p in places if p.geonameid is not None]
        countries = {p.country for p in known}
        if len(known) < MIN_LISTED_FOREIGN_TOWNS or len(countries) != 1 or countries == {home} or None in countries:
            continue
        country = countries.pop()
        for m, p in zip(run, places):
            if p.geonameid is None and p.country in (None, home) and m.ref not in moved:
                new = replace(p, country=country)
                moved[m.ref] = new.key
                ex.places.setdefault(new.key, new)
    _repoint(ex, moved)


def _listed_abroad(ex: Extraction, towns: list[Mention], key: str, text: str, home: str | None) -> bool:
    """Whether a mention of the place `key` is a list's member right beside a place abroad
    (`towns`: the page's municipality mentions in text order)."""
    for a, b in zip(towns, towns[1:]):
        if key in (a.ref, b.ref) and text[a.end:b.start].strip() in _LIST_JOINS:
            other = ex.places.get(b.ref if a.ref == key else a.ref)
            if other is not None and other.country not in (None, home):
                return True
    return False


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
    if home is None or not mentions or strip_designation(place.name_de) is not None:
        return None  # ("X Municipality": a designation abroad, never the home country's; _leftovers)
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
