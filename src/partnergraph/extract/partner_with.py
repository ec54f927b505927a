"""The object of "Partnerschaft mit": "unsere Partnerschaften mit Frankenmuth und Isle",
"Städtepartnerschaftswochenende mit Longué-Jumelles und Barcs", "die offizielle Partnerschaft mit
Castelnovo ne' Monti".

A town named as what a partnership is *with* is a partner, whatever its size: the size rules of
places.py (MIN_PARTNER_SENTENCE_POPULATION, 20k; WORLD_CITY_POPULATION) stop surnames and words
some small town bears, and "Partnerschaft mit <Name>" does not take a surname or a common word
(on the ten open splits the capitalised words after it are towns, "einer Stadt", adjectives of
countries, and countries, which are no gazetteer hits). The name and the names coordinated with
it ("mit A, B und C") count if they pass enumerations.listable (own name, no word, first name or
surname, no longer name going on) and are no hamlet.
"""

from __future__ import annotations

from .context import PlaceHit, previous_word
from .enumerations import listable, runs
from .gazetteer import PlaceRecord

#: below this size a gazetteer hit is mostly a hamlet that shares a surname or a word; the
#: smallest partner named so on the open splits is Frankenmuth (5k, alt.simon-marius-gymnasium.de);
#: the value is places.MIN_LISTED_HOME_POPULATION's, for the same reason
MIN_POPULATION = 1_000
#: a small bearer of a name a city of this size bears too is the page-wide context's wrong guess
#: ("Partnerschaft mit Lemberg": Lviv, not the Palatinate's Lemberg): left to the usual rules, as
#: places.py's home-town rule does (the value is places.KNOWN_CITY_POPULATION's)
BIG_NAMESAKE_POPULATION = 100_000


def partners_with(hits: list[PlaceHit], resolved: dict[int, PlaceRecord], facts: list[dict],
                  ok: list[bool], text: str, frequent, first_names) -> list[int]:
    """Indices of the turned-down hits named right after "…partnerschaft… mit" (or coordinated
    with such a name in one enumeration)."""
    out = []
    firsts = None  # (the enumerations, read when a hit first follows "mit": on most pages none does)
    for i, h in enumerate(hits):
        # (the word before the hit is among its facts: most hits follow no "mit", and the
        # word was looked up a second time for each of them, 9k times a pass over open10)
        if facts[i] is None or facts[i]["prev_word"] != "mit" or not _after_partnership_with(text, h.start):
            continue
        if firsts is None:
            firsts = {run[0]: run for run in runs(hits, facts, text)}
        for j in firsts.get(i, [i]):
            best = resolved.get(j)
            if not ok[j] and best is not None and best.population >= MIN_POPULATION \
                    and not any(c.population >= BIG_NAMESAKE_POPULATION for c in hits[j].candidates if c is not best) \
                    and listable(hits[j], best, facts[j], text, frequent, first_names):
                out.append(j)
    return out


def _after_partnership_with(text: str, start: int) -> bool:
    """"… Partnerschaft mit |Name", on one line."""
    if previous_word(text, start) != "mit":
        return False
    at = text.rfind("mit", 0, start)
    noun = previous_word(text, at)
    return "partnerschaft" in noun.lower() and "\n" not in text[at - len(noun) - 2:start]
