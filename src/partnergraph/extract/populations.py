"""Population figures: "zählt etwa 100.000 Einwohner", "die 240.000-Einwohnerstadt Annaba"."""

from __future__ import annotations

import re

from .context import Context
from ..models import Extraction, PopulationFigure, Span
from .sentences import sentence_of



class Populations:
    def __init__(self, r: dict):
        self.population = re.compile(r["population_pattern"])

    #: the population pattern ends in one of these words; it is only tried around them: run
    #: over a whole article it cost 8 % of the extraction (Python's re tries it at every
    #: character), and most articles state no population. A figure with its multiplier
    #: ("1,2 Millionen Einwohner") ends well within this many characters before the unit
    POPULATION_UNITS = ("Einwohner", "einwohner", "Bewohner", "bewohner", "Menschen")
    POPULATION_REACH = 80

    def _population_matches(self, text: str) -> list[re.Match]:
        """The population pattern's matches, as `finditer` over the whole text gives them: it
        runs over windows around the units, merged where they overlap. A window ends at the end
        of a word, so no unit is cut short; lookbehind sees the text before a window's start."""
        windows: list[list[int]] = []
        for at in _unit_positions(text, self.POPULATION_UNITS):
            start, end = max(0, at - self.POPULATION_REACH), at + 1
            while end < len(text) and (text[end].isalnum() or text[end] in "*:_"):
                end += 1
            if windows and start <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], end)
            else:
                windows.append([start, end])
        return [m for start, end in windows for m in self.population.finditer(text, start, end)]

    def find(self, ex: Extraction, ctx: Context) -> None:
        text = ctx.text
        for m in self._population_matches(text):
            value = _number(m["num"], m["mult"])
            if value is None or value < 10:
                continue
            sent = sentence_of(ctx.sentences, m.start())
            places = ctx.places_by_sentence.get(sent, [])
            if not places:
                continue
            if m["unit"].lower().endswith("stadt"):
                after = [p for p in places if p.start >= m.end()]
                target = after[0] if after else places[-1]
            else:
                # "Yarinacocha … zählt etwa 100.000 Einwohner": the sentence's subject
                before = [p for p in places if p.end <= m.start()]
                target = before[0] if before else places[0]
            ex.populations.append(PopulationFigure(place=target.ref, value=value, evidence=Span(m.start(), m.end())))


def _unit_positions(text: str, units: tuple[str, ...]) -> list[int]:
    positions = []
    for unit in units:
        at = text.find(unit)
        while at >= 0:
            positions.append(at)
            at = text.find(unit, at + 1)
    return sorted(positions)


def _number(num: str, mult: str | None) -> int | None:
    digits = re.sub(r"[.\u202f\u00a0 ]", "", num)
    try:
        value = float(digits.replace(",", "."))
    except ValueError:
        return None
    if mult:
        value *= 1_000_000 if mult.lower().startswith("mi") else 1_000
    return int(round(value))
