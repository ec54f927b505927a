"""A name that heads the second of two parallel phrases "X für A und Y für B" is the person or body
standing for B, not a place: German lists the people (or clubs) of two towns so, each with its
town after one preposition ("für", "aus", "von"), and when the first phrase's place is a town the
second phrase's head is of the first head's kind. Two mayors who sign for their towns
(woerth-isar.de: an Italian mayor's given name no word list holds became a town), two school
leavers from two towns (suedkurier.de), a consul and a guest from two cities (stadtzeitung.de),
two travellers from two towns (noz.de), two clubs from two towns (rheingau-echo.de). When the
first phrase names a country ("die Städte A aus Polen und B aus Lettland", wernigerode.de) the
heads are towns and stay."""

from __future__ import annotations

import re

from .context import drop_mentions
from ..models import Extraction

#: the first phrase and the joiner right before the second head: "<Head> für <Town> und "
_FIRST = re.compile(r"(?<![\w\-])[A-ZÄÖÜ][\w\-]+[ \t]+(?P<prep>für|aus|von)[ \t]+(?P<town>[A-ZÄÖÜ][\w\-]+"
                    r"(?:[ \t]+[A-ZÄÖÜ][\w\-]+)?)[ \t]+(?:und|sowie)[ \t]+$")
#: the preposition and capitalised place after the second head
_SECOND = re.compile(r"[ \t]+(?P<prep>für|aus|von)[ \t]+[A-ZÄÖÜ]")
#: how far before the head the first phrase may begin (two names of 20 letters, a preposition, "sowie")
REACH = 64


def drop_parallel_heads(ex: Extraction, text: str) -> None:
    """Drops the place mentions that head the second of two parallel phrases (see the module)."""
    if " und " not in text and " sowie " not in text:
        return
    munis = [m for m in ex.mentions if m.kind == "municipality"]
    towns = {(m.start, m.end) for m in munis}
    gone = []
    for m in munis:
        second = _SECOND.match(text, m.end)
        if second is None:
            continue
        first = _FIRST.search(text, max(0, m.start - REACH), m.start)
        if first is None or first["prep"] != second["prep"] or (first.start("town"), first.end("town")) not in towns:
            continue
        if any(o.ref == m.ref and o is not m and not _SECOND.match(text, o.end) for o in munis):
            continue  # the page names the place on its own too
        gone.append(m)
    drop_mentions(ex, gone)
