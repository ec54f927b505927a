"""Written forms of place names that GeoNames lacks but German text uses, added to the gazetteer's
aliases when it is compiled (gazetteer.py)."""

from __future__ import annotations

import re


def saint_abbreviations(places: list[tuple]) -> dict[str, list[int]]:
    """"St. Wendel", "St. Ingbert" for cities500's "Sankt Wendel", "Sankt Ingbert": German text
    abbreviates "Sankt" nearly always (the towns' own signs and papers do), while GeoNames writes it
    out for German and Austrian places and lists "St." for few of them (St. Gallen, St. Pölten, not
    St. Wendel or St. Ingbert). Only a place's own name (index 1, the GeoNames name, or 2, the German
    one) gets its abbreviated form, not the short forms and variants among its aliases: "St. Georgen"
    beside Bayreuth is a quarter of the city, and read as the short form of Sankt Georgen im
    Schwarzwald it made a false town on the open splits (kurier.de)."""
    out: dict[str, list[int]] = {}
    for i, p in enumerate(places):
        for name in {p[1], p[2]}:
            if name.startswith("Sankt ") and len(name) > 6:
                out.setdefault("St. " + name[6:], []).append(i)
    return out


#: where a place's name goes on after its short form: a lower-case joining word after a space or
#: a hyphen ("Berchères-sur-Vesgre", "San Vito di Leguzzano", "St. Georges de Montaigu", "Wörth an
#: der Isar", "Gonfreville l’Orcher"), the way French, Italian, Spanish and German qualified names
#: are built; a capitalised part after a hyphen ("Hamburg-Altona", "Bietigheim-Bissingen") is not
#: such a joint, since its first part is a town of its own
_QUALIFIER_JOINT = re.compile(r"[ \-](?=[a-zàâçéèêëîïôûùüÿ][\w’']*[ \-’'])")


def short_forms(surface: str) -> list[str]:
    """The shorter names a page writes for the place it also names by `surface`: its first word
    ("Frankfurt" of "Frankfurt am Main") and its part before each joining word ("Berchères" of
    "Berchères-sur-Vesgre", "San Vito" of "San Vito di Leguzzano")."""
    forms = [surface.split(" ", 1)[0]] if " " in surface else []
    for joint in _QUALIFIER_JOINT.finditer(surface):
        short = surface[:joint.start()]
        if short not in forms and not short.rsplit(" ", 1)[-1].rsplit("-", 1)[-1].islower():  # (not "Wörth an")
            forms.append(short)
    return forms
