"""Written forms of place names that GeoNames lacks but German text uses, added to the gazetteer's
aliases when it is compiled (gazetteer.py)."""

from __future__ import annotations


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
