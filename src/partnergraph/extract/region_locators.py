"""Regions named as where a town lies: "Poix-du-Nord im französischen Département Nord",
"die Partnerstadt im Departement Orne". The name after such a locator is the region around the
town (benchmarks/real/README.md: regions and provinces are not annotated), whether the cue words
minted it as a district ("Département Yonne") or the gazetteer read it as the town of that name
("im Department Mayenne"). A département named as a partner ("mit dem Departement Kédougou")
has no locator before it and stays (rules-de.json, region_locators)."""

from __future__ import annotations

import re

from ..models import Extraction


class RegionLocators:
    def __init__(self, rules: dict):
        self._locator = re.compile(rules["region_locators"])

    def drop(self, ex: Extraction, text: str) -> None:
        """Drops the municipality mentions that begin at a locator's designation word or right
        after it."""
        if "partement" not in text and "partment" not in text:  # every locator has the word (Département, Department)
            return
        starts = set()
        for m in self._locator.finditer(text):
            starts.add(m.end())
            starts.add(text.rfind("D", m.start(), m.end()))  # the mention may span the designation
        if starts:
            ex.mentions[:] = [m for m in ex.mentions if m.kind != "municipality" or m.start not in starts]
