"""A district or county named as where a town lies is no partner of the sentence that locates
the town ("die Kreisstadt Rakvere im Kreis Lääne-Viruma", stadt-luetjenburg.de; "Adare im
Bezirk Limerick", brilon-totallokal.de; "zwischen Suchożebry (Landkreis Siedlce, …) und
Kremmen", kremmen.de; "Rott am Inn (LK Rosenheim)", meinbezirk.at): the district is the town's
address, the partnership is the town's. A district the sentence names otherwise (as a partner,
"mit dem Landkreis Siedlce") keeps its pairs: only a side all of whose mentions in the pair's
evidence are such locators is dropped (rules-de.json, district_locators)."""

from __future__ import annotations

import re

from ..models import Extraction, Mention


class LocatorPartners:
    def __init__(self, rules: dict):
        # the designation words and the text right before them: a name, then "im", "in der" or a bracket
        self._before = re.compile(rules["district_locator_before"] + r"\s*$")
        self._designation = re.compile(rules["district_locator_designations"])

    def drop(self, ex: Extraction, text: str) -> None:
        if not ex.partnerships:
            return
        located = self._located(text)
        if not located:
            return
        by_ref: dict[str, list[Mention]] = {}
        for m in ex.mentions:
            if m.kind == "municipality":
                by_ref.setdefault(m.ref, []).append(m)
        ex.partnerships[:] = [p for p in ex.partnerships if not any(
            k == "municipality" and _only_located(by_ref.get(r, ()), p.evidence, located) for k, r in p.partners)]

    def _located(self, text: str) -> set[int]:
        """Where a locating district's mention may start: at its designation word ("Kreis
        Lääne-Viruma") or right after it ("Bezirk" + "Limerick"), where a town's name and "im",
        "in der" or a bracket stand before the designation."""
        starts = set()
        for d in self._designation.finditer(text):
            if self._before.search(text, max(0, d.start() - 80), d.start()) is not None:
                starts.update((d.start(), d.end()))
        return starts


def _only_located(mentions, evidence, located: set[int]) -> bool:
    inside = [m for m in mentions if any(s.start <= m.start and m.end <= s.end for s in evidence)]
    return bool(inside) and all(m.start in located for m in inside)
