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
        by_ref: dict[str, list[Mention]] = {}
        for m in ex.mentions:
            if m.kind == "municipality":
                by_ref.setdefault(m.ref, []).append(m)
        kept = []
        for p in ex.partnerships:
            if any(k == "municipality" and self._only_located(by_ref.get(r, ()), p.evidence, text)
                   for k, r in p.partners):
                continue
            kept.append(p)
        ex.partnerships[:] = kept

    def _only_located(self, mentions, evidence, text: str) -> bool:
        inside = [m for m in mentions if any(s.start <= m.start and m.end <= s.end for s in evidence)]
        return bool(inside) and all(self._locator(m, text) for m in inside)

    def _locator(self, m: Mention, text: str) -> bool:
        """Whether the mention is a designation and a name (or a name after a designation) right
        after a town's name and "im", "in der" or an opening bracket."""
        start = m.start
        d = self._designation.match(m.surface)
        if d is None:
            d = self._designation.search(text, max(0, start - 20), start)
            if d is None or d.end() != start:
                return False
            start = d.start()
        return self._before.search(text, max(0, start - 80), start) is not None
