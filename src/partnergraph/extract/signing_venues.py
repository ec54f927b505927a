"""Where a partnership was signed is no partner: "Die neue Dreier-Partnerschaft wurde in Kiew
offiziell besiegelt" (rhein-zeitung.de: a summit in the capital, none of the three partners),
the sealing verb first and the venue closing the clause (bad-berleburg.de: a conference
of the programme). The words are data (`signing_venue_after`, `signing_venue_before` in
relations-de.json). Only this mention of the place is set aside: the same town named elsewhere
as a partner stays one; and a town that is the only one of its side (German, or foreign) the
article names is no venue but the partner itself ("Die Urkunde mit Rodez wurde in Bamberg
unterzeichnet")."""

from __future__ import annotations

import re

from ..models import Extraction, Mention

#: how far back in its clause the signing verb may stand before "in X" ("besiegelt wurde die
#: Partnerschaft jetzt in " is 40 characters)
SIGNING_REACH = 60


class SigningVenues:
    """The signing-venue rule, compiled once from the rule data."""

    def __init__(self, rules: dict):
        self.after = re.compile(rules["signing_venue_after"])
        self.before = re.compile(rules["signing_venue_before"] + r"[^,;:.!?\n]*\bin\s+$")
        self.clause_end = re.compile(r"\s*(?:[.;:!?]|$)")

    def is_venue(self, ex: Extraction, text: str, m: Mention) -> bool:
        """"… wurde in Kiew offiziell besiegelt", "besiegelt wurde die Partnerschaft in Münster."."""
        if text[max(0, m.start - 4):m.start].lower() not in (" in ", "\nin "):
            return False
        if not (self.after.match(text, m.end) or self.before.search(text, max(0, m.start - SIGNING_REACH), m.start)
                and self.clause_end.match(text, m.end)):
            return False
        place = ex.places.get(m.ref)
        if place is None:
            return False
        home = place.country == ex.home
        return any(k != m.ref and (p.country == ex.home) == home for k, p in ex.places.items())
