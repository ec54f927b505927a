"""Places named only to say where another lies, which are no partners: "Mering bei Augsburg",
"Zaandam im Großraum Amsterdam", "Kaluga, knapp 200 Kilometer südwestlich von Moskau", "der
5. Bezirk in Wien", "der Wiener Gemeindebezirk Margareten" (the patterns: `locators`,
`distance_locator`, `part_locator_before` and `part_locator_adjective` in relations-de.json)."""

from __future__ import annotations

import re

from collections.abc import Callable
from functools import cache
from operator import attrgetter

from ..models import Mention
from .rules import rules

#: the longest locator between two places, " in der Nähe der Hauptstadt " (28 characters), with room
LOCATOR_GAP = 34
#: the longest distance locator, ", die weniger als 150 Kilometer nordöstlich der Hauptstadt " (58
#: characters), with room
DISTANCE_LOCATOR_GAP = 64
#: how far before a place "<part of a town> [Name] in [der Stadt]" may begin: "Gemeindebezirks
#: Favoriten-Süd in der Hauptstadt " is 44 characters; with room for a number and a second name word
PART_LOCATOR_REACH = 64
#: how far before a town in the genitive its part's word may begin: "einem Stadtteil " is 16
#: characters, "Gemeindebezirkes " 17; with room for "12. "
PART_GENITIVE_REACH = 24
#: the longest gap before a locating region, ", in der französischen " (24 characters), with room
REGION_LOCATOR_GAP = 30


@cache
def _part_after_adjective() -> re.Pattern:
    """What follows a town's adjective that names a part of the town: "Wiener Gemeindebezirk",
    "Berliner Bezirken", "Tokioter Stadtteil"."""
    return re.compile(rules()["part_locator_adjective"])


@cache
def _region_locator() -> tuple[re.Pattern, re.Pattern]:
    """The gap before a region that locates the place before it ("im französischen "), and how
    the region's name begins ("Département")."""
    r = rules()
    return re.compile(r["region_locator_gap"]), re.compile(r["region_locator_head"])


def _region_of_previous(text: str, places: list[Mention], i: int) -> bool:
    """ "Poix-du-Nord im französischen Département Nord": the region only says where the place
    before it lies."""
    if not i or places[i].start - places[i - 1].end > REGION_LOCATOR_GAP:
        return False
    gap, head = _region_locator()
    return head.match(text, places[i].start) is not None \
        and gap.fullmatch(text, places[i - 1].end, places[i].start) is not None


@cache
def _near_locator() -> re.Pattern:
    """ "in der Nähe von ", "unweit der Hauptstadt ", "im Großraum ": a locator whatever stands
    before it (`locator_before_any`)."""
    return re.compile(rules()["locator_before_any"])


def near(text: str, m: Mention) -> bool:
    """Is the place only where something near it lies ("einen Landkreis in der Nähe von X")?"""
    lo = max(0, m.start - LOCATOR_GAP)
    # (most places have none of the words before them: one literal scan skips the pattern)
    return _NEAR_WORDS.search(text, lo, m.start) is not None and \
        _near_locator().search(text[lo:m.start]) is not None


#: the literals one of which every `locator_before_any` match holds
_NEAR_WORDS = re.compile("Nähe|unweit|nahe|Toren|Großraum|lich|von")


@cache
def _part_before_genitive() -> re.Pattern:
    """A word for a part of a town right before a town in the genitive: "dem 5. Bezirk
    Budapests", "einem Stadtteil Tokios" (`part_locator_genitive`)."""
    return re.compile(rules()["part_locator_genitive"])


def _genitive_of_part(text: str, m: Mention) -> bool:
    """The town a part of it belongs to, in the genitive ("einem Stadtteil Tokios"): the part,
    not the town, is what the sentence speaks of."""
    return m.surface.endswith("s") and _part_before_genitive().search(
        text, max(0, m.start - PART_GENITIVE_REACH), m.start) is not None


def _adjective_of_part(text: str, m: Mention) -> bool:
    """The town's adjective before a part of it ("dem Wiener Gemeindebezirk Margareten", "17 der
    23 Wiener Gemeindebezirke"): the part, not the town, is what the sentence speaks of."""
    return m.surface.endswith("er") and _part_after_adjective().match(text, m.end) is not None


def not_locators(text: str, places: list[Mention], locator: re.Pattern, distance_locator: re.Pattern,
                 part_locator_before: re.Pattern) -> list[Mention]:
    """`places` (in text order) without those that only locate the place before them
    (`locator`, `distance_locator`: the whole gap between the two) or a part of a town named
    right before them (`part_locator_before`)."""
    return [m for i, m in enumerate(places)
            if not (i and m.start - places[i - 1].end <= LOCATOR_GAP
                    and locator.fullmatch(text, places[i - 1].end, m.start)
                    or i and m.start - places[i - 1].end <= DISTANCE_LOCATOR_GAP
                    and distance_locator.fullmatch(text, places[i - 1].end, m.start)
                    or part_locator_before.search(text, max(0, m.start - PART_LOCATOR_REACH), m.start)
                    or _adjective_of_part(text, m)
                    or _genitive_of_part(text, m)
                    or near(text, m)
                    or _region_of_previous(text, places, i))]


def every_not_locators(every: list[Mention], named: list[Mention], located: list[Mention],
                       strip: Callable[[list[Mention]], list[Mention]]) -> list[Mention]:
    """`every` occurrence of a sentence's places in text order without the locators (`strip`,
    not_locators over a list): `located`, the result of `strip(named)`, where `every` in text
    order is `named` itself, object for object (a sentence that names each place once, as most
    do; `strip` is a function of the list it reads, so a second pass over the same list would
    return the same: it cost ~1.5 % of the extraction), else `strip` of `every` in text order."""
    ordered = sorted(every, key=_START)
    if len(ordered) == len(named) and all(a is b for a, b in zip(ordered, named)):
        return located
    return strip(ordered)


#: a mention's start, read in C (a sort key)
_START = attrgetter("start")
