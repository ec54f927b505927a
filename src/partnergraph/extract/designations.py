"""The designations local governments abroad carry in their own names ("Marstal Kommune", "Hammarö
kommun", "Bunkyo-Ku", "Gmina Kłodzko", "Comune di Cervia"), from data/place-designations.tsv.

German pages copy a partner's name as its own papers write it, designation included, and then the
gazetteer, which holds the bare name, finds nothing: the cue rules mint "Bunkyo-Ku" as a new place
beside cities500's Bunkyo, or read "Marstal Komune" as a German town (fresh6: kaiserslautern.de,
nwzonline.de, martensmann.de; "Buffalo City Metro Municipality", utilityplatform). A designation is
no part of the name to look up, but it says where the town lies: only Swedish towns are "kommun",
only Japanese wards "-ku". So a designation is stripped before the lookup and kept as a country cue
(minted_places.py), and a gazetteer name right before one is a town of that country
(stated_countries.py).
"""

from __future__ import annotations

from functools import cache, lru_cache

from ..resources import data_file
from .rules import rules


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, tuple[str, ...]]]:
    """position ("after", "hyphen", "before") → designation → its countries (maybe none)."""
    out: dict[str, dict[str, tuple[str, ...]]] = {"after": {}, "hyphen": {}, "before": {}}
    for line in data_file("place-designations.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        form, position, countries = (line.split("\t") + ["", ""])[:3]
        out[position][form] = tuple(countries.split())
    return out


def strip_designation(name: str) -> tuple[str, tuple[str, ...]] | None:
    """("Marstal", ("DK", "NO")) for "Marstal Komune": the bare name and the designation's
    countries, or None where the name carries no designation (or nothing but one)."""
    table = _table()
    for sep, position in ((" ", "after"), ("-", "hyphen")):
        head, found, tail = name.rpartition(sep)
        if found and head and tail in table[position]:
            return head.strip(), table[position][tail]
    for form, countries in table["before"].items():
        if name.startswith(form + " ") and len(name) > len(form) + 1:
            return name[len(form) + 1:].strip(), countries
    return None


def designation_after(text: str, end: int) -> tuple[str, ...]:
    """The countries of a designation written right after the name text[:end] ("Marstal Kommune",
    "Bunkyo-Ku"), or () where there is none or it names no country."""
    sep = text[end:end + 1]
    if sep not in (" ", "-"):
        return ()
    stop = end + 1
    while stop < len(text) and text[stop].isalpha():
        stop += 1
    return _table()["after" if sep == " " else "hyphen"].get(text[end + 1:stop], ())


@cache
def _named_first() -> frozenset[str]:
    return frozenset(rules()["suffix_designations_named_first"])


def suffix_place_name(name: str, designation: str) -> str:
    """The name of a place written with its designation after it (cue_places' suffix places):
    "Nelson Mandela Bay Municipality" as written, "Moshi Distrikt" in the German order its
    designation takes, "Distrikt Moshi" (rules-de.json `suffix_designations_named_first`)."""
    if designation not in _named_first():
        return name
    return f"{designation} {name[:-len(designation)].strip()}"


def named_country(places, name: str, kind: str) -> str | None:
    """The country of a place of `places` that bears `name` and is of `kind`: a page that names a
    district in both orders ("Distrikt Moshi", later "Moshi Distrikt") names one place, wherever
    the later sentence names no country."""
    return next((p.country for p in places if p.name_de == name and p.kind == kind and p.country), None)
