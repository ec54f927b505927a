"""A municipality named only by its adjective is no partner (benchmarks/real/README.md: "a German
partner named only adjectivally ('Ammerländer Kreistag', 'im Berliner Zoo') gives no pair").

The relation rules still read an adjective as the owner of the noun after it ("die Kölner
Partnerstadt Thessaloniki"), which is right for who owns the partner town but gives a pair the
text does not state: the page never names the town. On the eight open real-text splits (459
pages) every pair whose side was named only so was false ("unseres Fördervereins Mülheimer
Städtepartnerschaften … In unserer Partnerstadt Oppeln", staedtepartner-mh.de; "die
Cadolzburger Burgherren" on a page listing "Partnergemeinden", cadolzburg.de), and none was
right. A side whose name stands anywhere in the text, or that a non-adjective mention names,
keeps its pairs."""

from __future__ import annotations

import re

from ..models import Extraction


def drop_adjective_only_partners(ex: Extraction, text: str, adjectives: set[tuple[int, int]]) -> None:
    """Drops the partnerships one of whose municipalities the text names only by adjectives."""
    if not adjectives or not ex.partnerships:
        return
    named = {m.ref for m in ex.mentions if m.kind == "municipality" and (m.start, m.end) not in adjectives}
    sides = {r for p in ex.partnerships for k, r in p.partners if k == "municipality"} - named
    unnamed = {r for r in sides if r in ex.places and not _name_stands(ex.places[r], text)}
    if unnamed:
        ex.partnerships[:] = [p for p in ex.partnerships
                              if not any(k == "municipality" and r in unnamed for k, r in p.partners)]


def _name_stands(place, text: str) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text) for n in {place.name_de, place.name_en} if n)
