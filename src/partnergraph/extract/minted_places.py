"""A place the cue rules minted (no gazetteer reading was accepted where it stood) that cities500
knows in the same country under the same name, written with a hyphen for a space or without its
accents, is that cities500 place: "die Marktgemeinden Eggolsheim und Buttenheim" (hallerndorf.de),
"Ronzo Chienis" (cities500 "Ronzo-Chienis"), "Puerto-Leguizamo" ("Puerto Leguízamo",
schondorf.de), "Nagymànyok" ("Nagymányok", vg-oberviechtach.de). Without the country the cue gave,
a same-named place elsewhere says nothing (the Swiss Tenna is not the Italian one)."""

from __future__ import annotations

import unicodedata
from dataclasses import replace

from ..models import Extraction


def _spellings(name: str) -> list[str]:
    """The name as written, with spaces and hyphens swapped, and without accents."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    out = []
    for n in (name, bare):
        for v in (n, n.replace(" ", "-"), n.replace("-", " ")):
            if v not in out:
                out.append(v)
    return out


def link_minted_places(ex: Extraction, gazetteer) -> None:
    """Re-point the mentions of each minted town of a known country to the cities500 place of
    its name there (the most populous where several are)."""
    moved = {}
    for key, place in list(ex.places.items()):
        if place.geonameid is not None or place.country is None or place.kind not in (None, "municipality"):
            continue
        found = [r for s in _spellings(place.name_de) for r in gazetteer.lookup(s) if r.country == place.country]
        if not found:
            continue
        best = max(found, key=lambda r: r.population).to_place()
        moved[key] = best.key
        ex.places.setdefault(best.key, best)
    if moved:
        ex.mentions[:] = [replace(m, ref=moved[m.ref]) if m.kind == "municipality" and m.ref in moved else m
                          for m in ex.mentions]
