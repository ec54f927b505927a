"""A pair's kind of partnership that the page says became another kind: a friendship "later" a
Städtepartnerschaft in brackets, a Städtepartnerschaft grown "aus der" friendship, a friendship
agreement turned "in einen" partnership agreement. Both kinds are the pair's
(benchmarks/real/README.md, Conventions: a pair with several types carries each type's own
founding year, none on a type the page does not date), and the one date of such a sentence
belongs to one of them only: in brackets the later kind is a remark on today, so the date is the
earlier kind's; a growth or conversion verb reports the later kind's founding act, so the date
is the later kind's. The wordings are data (relations-de.json `type_conversion`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Mention, Span
from .datelines import YEAR

#: how far apart the two type words may stand: the longest gap between them on the open pages
#: that state a conversion is 27 characters (a growth verb, a year and an adjective), with room
CONVERSION_REACH = 60


@dataclass(frozen=True)
class Conversion:
    earlier: Mention  # the type word of the kind the pair had first
    later: Mention  # the type word of the kind it became
    dates_later: bool  # whether the sentence's date is the later kind's (else the earlier kind's)


class TypeConversions:
    """The compiled `type_conversion` rules of relations-de.json."""

    def __init__(self, rules: dict):
        self.earlier_dated = re.compile(rules["earlier_dated"], re.IGNORECASE)
        self.grown_from = re.compile(rules["grown_from"], re.IGNORECASE)
        self.converted_into = re.compile(rules["converted_into"], re.IGNORECASE)
        self.source_before = re.compile(rules["source_before"], re.IGNORECASE)
        self.conversion_verb = re.compile(rules["conversion_verb"], re.IGNORECASE)

    def find(self, text: str, sentence: Span, types: list[Mention]) -> list[Conversion]:
        """The conversions `sentence` states between two neighbouring type words of different
        kinds (`types`: its specific partnership-type mentions, in text order)."""
        out = []
        for first, second in zip(types, types[1:]):
            if first.ref == second.ref or not 0 <= second.start - first.end <= CONVERSION_REACH:
                continue

            def spans(pattern: re.Pattern) -> bool:
                return pattern.fullmatch(text, first.end, second.start) is not None
            if spans(self.earlier_dated):
                out.append(Conversion(first, second, False))
            elif spans(self.grown_from) and self.source_before.search(text, max(sentence.start, first.start - 30),
                                                                      first.start):
                out.append(Conversion(first, second, True))
            elif spans(self.converted_into) and self.conversion_verb.search(text[second.end:sentence.end]):
                out.append(Conversion(first, second, True))
        return out


def converted_starts(facts, text: str, sentences: list[Span], by_sentence: dict[Span, list[Mention]],
                     conversions: TypeConversions, typed: dict, types: list[str], added: list[str]) -> set[int]:
    """Reads the conversions `sentences` (the pair's own) state into `typed` (kind → (year,
    month, sentence, word), as typed_years.typed_starts gives it) and `added` (the kinds the pair
    takes beyond `types`), in place: both kinds are the pair's, the dated one takes the sentence's
    date (in brackets, a date before the earlier word only: "Seit <year> pflegen A und B eine
    Städtefreundschaft (inzwischen …)"; a founding act's before a "seit", the first before later
    ones), and the other loses any date of that sentence. Returns the years so given, which no
    undated kind of the pair may take as the pair's start."""
    claimed = set()
    for s in sentences:
        words = [m for m in by_sentence.get(s, ()) if m.kind == "partnership-type" and m.ref != "unspecified"]
        for c in conversions.find(text, s, words):
            for kind in (c.earlier.ref, c.later.ref):
                if kind not in types and kind not in added:
                    added.append(kind)
            dated, undated = (c.later, c.earlier) if c.dates_later else (c.earlier, c.later)
            if undated.ref in typed and typed[undated.ref][2] == s:
                del typed[undated.ref]
            years = [y for y in facts.sentence_years(s) if c.dates_later or y[1] <= c.earlier.start]
            bare = list(YEAR.finditer(text, s.start, s.end)) if c.dates_later and not years else []
            if years:
                _, _, year, month, _ = min(years, key=lambda y: (not y[4], y[0]))
            elif len(bare) == 1:
                # a conversion verb is the later kind's founding act, whatever date form the
                # sentence gives it ("Im Mai <year> wurde … umgewandelt" is no start pattern)
                year, month = int(bare[0].group()), None
            else:
                continue
            typed[dated.ref] = (year, month, s, dated)
            claimed.add(year)
    return claimed
