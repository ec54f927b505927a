"""A place's name that opens a two-word name in a list of persons is a given name: two mayors' full names after "Die Bürgermeister" (checkpoint.tagesspiegel.de: no Ron in India), two teachers' full names after "mit ihren Lehrerinnen" (schwaebische.de: no Regina in Canada). The list's other
member opens with a given name the word lists know, followed by a capitalised word (its surname);
the place's name is followed by a capitalised word that no mention starts with. A place the page
names elsewhere on its own stays (the name is then also a town's)."""

from __future__ import annotations

import re

from ..models import Extraction
from .context import drop_mentions

#: "Kai Wegner und " before the name, or " und Kai Wegner" after the name and its surname
_BEFORE = re.compile(r"(?<![\w\-])(?P<first>[A-ZÄÖÜ][\w\-]+)[ \t]+[A-ZÄÖÜ][\w\-]+,?[ \t]+(?:und|sowie)[ \t]+$")
_AFTER = re.compile(r"[ \t]+(?P<last>[A-ZÄÖÜ][\w\-]+)[ \t]+(?:und|sowie)[ \t]+(?P<first>[A-ZÄÖÜ][\w\-]+)[ \t]+[A-ZÄÖÜ]")
_SURNAME = re.compile(r"[ \t]+(?P<last>[A-ZÄÖÜ][\w\-]+)")
#: how far before the name the other member may begin (two words of 20 letters and "und")
REACH = 48


def drop_listed_given_names(ex: Extraction, text: str, first_names: frozenset[str]) -> None:
    """Drops the place mentions that are given names in a list of two persons (see the module)."""
    if " und " not in text and " sowie " not in text:
        return
    munis = [m for m in ex.mentions if m.kind == "municipality"]
    starts = {m.start for m in ex.mentions}
    gone = []
    for m in munis:
        place = ex.places.get(m.ref)
        if place is None or place.geonameid is None or " " in m.surface:
            continue
        after = _SURNAME.match(text, m.end)
        if after is None or after.start("last") in starts:
            continue
        before = _BEFORE.search(text, max(0, m.start - REACH), m.start)
        pair = _AFTER.match(text, m.end)
        if not (before is not None and before["first"] in first_names
                or pair is not None and pair["first"] in first_names and pair.start("first") not in starts):
            continue
        if any(o.ref == m.ref and o is not m and not _SURNAME.match(text, o.end) for o in munis):
            continue  # the page names the place on its own too
        gone.append(m)
    drop_mentions(ex, gone)
