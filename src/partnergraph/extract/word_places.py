"""Gazetteer hits that are pieces of ordinary words and phrases, not places.

- The tail of a hyphenated word whose first part names no place: "FDP-Antr" (a word cut at the
  page's end; "Antr" is a GeoNames alias of Indre, wildungen-digital.de), "Gan-Erdene" (a
  Mongolian given name; "Erdene" is the alias of several Mongolian places,
  christian-schulze-pellengahr.de), "Dr.-Sieber-Halle" (a hall, sinsheim.de: the big city counts
  here because its name is a German noun). A place glued to another place stays ("Warschau-Bialoleka",
  "Trier-Gloucester"), as does one in a sentence about partnerships that is no German noun (a dash pair whose
  first side the gazetteer lacks: "Berg b.Neumarkt i.d.OPf-Walce", bavariaworldwide.de), a big city (KNOWN_CITY_POPULATION: its name is rarely the tail
  of a word) or a place the page also names on its own.
- A word the page cut off with an ellipsis that is only an alias of a place ("die Organisation
  \"Damas...", masatepe.de, fresh3: no Damascus), as "FDP-Antr" at a page's cut end.
- A time noun before a genitive of time: "seit Mitte der 80er Jahre" (solidaridad-ev.de, fresh5),
  "Mitte des 19. Jahrhunderts" (wienerzeitung.at, fresh3) are no Berlin-Mitte, as "seit Mitte
  Januar" is not (time_words_after; the nouns are time_nouns in rules-de.json)."""

from __future__ import annotations

import re

from ..models import Extraction
from .context import drop_mentions
from .places import KNOWN_CITY_POPULATION

#: the word glued before a hit by a hyphen ("FDP-", "Gan-")
_GLUED_WORD = re.compile(r"(?<![\w\-])[\w.\-]*[\w.]-$")
#: how far back the glued word may begin (a 30-letter word and its hyphen, with room)
GLUED_REACH = 32


class WordPlaces:
    def __init__(self, rules: dict, nouns: frozenset[str] = frozenset()):
        #: the gazetteer's names that are German nouns: "Dr.-Sieber-Halle" is a hall even though
        #: Halle (Saale) is a big city
        self._nouns = nouns
        nouns = "|".join(re.escape(n) for n in rules["time_nouns"])
        # the noun, then "der"/"des" and a number or a time word: "Mitte der 80er", "Ende des Jahres"
        self._time = re.compile(rf"(?:{nouns})\s+de[rs]\s+(?:\d|(?:Jahr|Jahrhundert|Jahrzehnt|Monat|Woche|Saison|Dekade)\w*\b)")

    def drop(self, ex: Extraction, text: str, about_partnership) -> None:
        """Drops the mentions that are a glued word's tail or a time expression's noun;
        `about_partnership(sentence)`: whether a sentence speaks of partnerships, where a glued
        pair is a dash pair of partners ("Berg b.Neumarkt i.d.OPf-Walce (seit 1997)")."""
        munis = [m for m in ex.mentions if m.kind == "municipality"]
        glued = [m for m in munis if text[m.start - 1:m.start] == "-" and " " not in m.surface]
        gone = []
        if glued:
            ends = {m.end for m in ex.mentions}
            for m in glued:
                place = ex.places.get(m.ref)
                if place is None or place.geonameid is None \
                        or (place.population or 0) >= KNOWN_CITY_POPULATION and m.surface not in self._nouns \
                        or m.start - 1 in ends or not _GLUED_WORD.search(text, max(0, m.start - GLUED_REACH), m.start):
                    continue
                if any(o.ref == m.ref and text[o.start - 1:o.start] != "-" for o in munis) \
                        or m.surface not in self._nouns and about_partnership(m.sentence):
                    continue  # the page names the place on its own too, or pairs it
                gone.append(m)
        for m in munis:
            if self._time.match(text, m.start):
                gone.append(m)
            elif text.startswith(("…", "..."), m.end):
                place = ex.places.get(m.ref)
                if place is not None and m.surface not in (place.name_de, place.name_en):
                    gone.append(m)  # "Organisation \"Damas...": a word the page cut, no alias of Damascus
        drop_mentions(ex, gone)
