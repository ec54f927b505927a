"""Which names of a list a designation in the singular covers: "das Amt Zarrentin und Murino"
names one Amt and a Russian town; "der Bezirk Tempelhof-Schöneberg und Kiryat Ono" one Berlin
borough and an Israeli city. German puts a designation that covers several names in the plural
("die Ämter …", "die Bezirke Charlottenburg und Wilmersdorf"), so after a singular one the
next name is a plain place (issue 17: a district is its own entity, never made of a partner).

Kreis words keep the whole list: "der Landkreis Harburg und Koszalin" pairs two districts on
the pages we met. A singular "Bezirk" keeps it too where the next name may be a borough (a
German place by that name, or none the gazetteer knows: "der Bezirk Pankow und Lichtenberg"),
and gives it up where the gazetteer knows the name only abroad."""

from __future__ import annotations

from typing import Callable

#: German-only designations whose singular names one unit (rules-de.json's place cue kinds)
_SINGLE_UNITS = ("Amt", "Verbandsgemeinde", "Samtgemeinde")
#: the cue words of a borough in the singular (their plurals "Bezirke", "Bezirken" end in "e"/"en")
_SINGLE_BOROUGH_CUES = ("bezirk", "bezirks", "stadtbezirk", "stadtbezirks")


def covers_one_name(cue: str, cue_kinds: dict, next_name: str, lookup: Callable, home: str) -> bool:
    """Whether the cue word `cue` names only the first name of its list, given the list's second
    name `next_name`, the gazetteer's `lookup` and the page's home country."""
    if cue not in cue_kinds or cue.endswith("en"):
        return False
    if cue_kinds[cue][1] in _SINGLE_UNITS:
        return True
    if cue in _SINGLE_BOROUGH_CUES and next_name:
        records = lookup(next_name)
        return bool(records) and all(r.country != home for r in records)
    return False
