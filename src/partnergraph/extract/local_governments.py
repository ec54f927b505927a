"""German local governments other than towns: Landkreise and Kreise, regional associations
(Region Hannover, Städteregion Aachen) and the boroughs of Berlin and Hamburg (and of Vienna, the
city state German-language pages name beside them, with its country), read from
``data/local-governments-de.tsv``, with every way German text writes their names.

"Landkreis Harburg", "des Landkreises Harburg" and "Kreis Harburg" name the district;
"Harburg" alone never does (it is a town in Swabia, and a Hamburg borough). A borough with a
two-part name ("Tempelhof-Schöneberg") is one place; a one-word borough ("Spandau") is only a
borough after "Bezirk" or as "Berlin-Spandau".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..graph.iri import slugify
from ..models import LOCAL_GOVERNMENT_KINDS, Place
from ..resources import data_file

DATA_FILE = "local-governments-de.tsv"
COUNTRY = "DE"
#: the words that make a name a Kreis: "Landkreis X" is also written "Kreis X" and vice versa
_KREIS_PREFIXES = ("Landkreis ", "Kreis ")
#: genitive and dative forms of the prefixes ("des Landkreises Harburg", "im Bezirk Altona")
_BOROUGH_PREFIXES = ("Bezirk ", "Bezirks ", "Bezirkes ", "Stadtbezirk ", "Stadtbezirks ")
#: the qualifier of a name that text often leaves out: "(Wümme)", "/Weser", " am Inn", " an der Ilm"
_QUALIFIER = re.compile(r"\s*\(.*\)$|/\w+$|\s+(?:am|an der|in der|im)\s+\w+$")


@dataclass(frozen=True)
class LocalGovernment:
    name: str
    kind: str
    type_de: str  # the German designation: Landkreis, Kreis, Bezirk, kreisfreie Stadt …
    land: str  # German name of the Land
    ags: str = ""
    geonameid: int | None = None
    aliases: tuple[str, ...] = ()
    country: str = COUNTRY

    def to_place(self) -> Place:
        return Place(name_de=self.name, country=self.country, geonameid=self.geonameid, region=self.land,
                     slug=slugify(self.name), kind=self.kind)

    def surfaces(self) -> set[str]:
        """Every form of the name that names this unit and nothing else."""
        out = {self.name, *self.aliases}
        if self.kind == "district":
            for name in (self.name, *self.aliases):
                for prefix in _KREIS_PREFIXES:
                    if name.startswith(prefix):
                        core = name[len(prefix):]
                        cores = {core, _QUALIFIER.sub("", core)}  # "Mühldorf am Inn" → "Mühldorf"
                        out |= {f"{p}{c}" for p in ("Landkreis ", "Landkreises ", "Kreis ", "Kreises ") for c in cores}
            first, _, rest = self.name.partition(" ")
            if rest == "Kreis" and first.endswith("er"):  # "Märkischer Kreis" → "im Märkischen Kreis"
                out.add(f"{first[:-1]}n Kreis")
        elif self.kind == "borough":
            out |= {f"{p}{self.name}" for p in _BOROUGH_PREFIXES}
        elif self.kind == "regional-association" and self.name.startswith("Städteregion "):
            out.add("StädteRegion " + self.name.removeprefix("Städteregion "))
        # a one-word borough name is also a town's or a quarter's: never on its own
        if self.kind == "borough" and "-" not in self.name:
            out.discard(self.name)
        return out


def _rows() -> list[list[str]]:
    rows = []
    for line in data_file(DATA_FILE).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#") and not line.startswith("name\t"):
            rows.append((line.split("\t") + [""] * 8)[:8])
    return rows


@lru_cache(maxsize=1)
def local_governments() -> dict[str, LocalGovernment]:
    """name → unit, in file order. A name listed twice (Landkreis and kreisfreie Stadt share
    none) would be a data error: the first entry wins."""
    out: dict[str, LocalGovernment] = {}
    for name, kind, type_de, land, ags, gid, aliases, country in _rows():
        if kind not in LOCAL_GOVERNMENT_KINDS:
            raise ValueError(f"{DATA_FILE}: {name!r} has unknown kind {kind!r}")
        key = f"{kind}:{name}"
        out.setdefault(key, LocalGovernment(
            name=name.strip(), kind=kind, type_de=type_de, land=land, ags=ags,
            geonameid=int(gid) if gid.strip() else None,
            aliases=tuple(a.strip() for a in aliases.split("|") if a.strip()),
            country=country.strip() or COUNTRY))
    return out


@lru_cache(maxsize=1)
def surfaces() -> dict[str, str]:
    """surface → key of the unit it names, for every unit that is not a plain town (towns are
    the gazetteer's)."""
    owners: dict[str, set[str]] = {}
    for key, unit in local_governments().items():
        if unit.kind == "municipality":
            continue
        for s in unit.surfaces():
            owners.setdefault(s, set()).add(key)
    # a short form two units share ("Landkreis Neustadt": an der Waldnaab, an der Aisch) names neither
    return {s: next(iter(keys)) for s, keys in sorted(owners.items()) if len(keys) == 1}


def place(key: str) -> Place:
    return local_governments()[key].to_place()
