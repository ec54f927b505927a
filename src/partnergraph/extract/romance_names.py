"""A one-word gazetteer hit that opens a longer French, Spanish or Italian name: "Jardin du
Luxembourg", "Tour de l'Horloge", "Centro de Desarrollo Rural", "Villette sur Ain", "Le Lion
d'Angers". The particle and the capitalised word after it continue the name, so the hit names
a landmark, an institution or a town the gazetteer lacks, not the small town (or the alias of a
city: "Lion" for Lyon) it found (rules-de.json, romance_name_particles).

Before a hit, a landmark noun and a particle make it the landmark's own name: "Hôtel de Ville",
"Cité de Montlaur", "Collège les Mousseaux", 'Nationalpark "La Paya"' (romance_landmark_nouns,
and landmark_nouns with an article only: "Lycée de Cluses" names its town)."""

from __future__ import annotations

import re

from .matcher import Keywords
from ..models import Extraction


#: how far before a hit its landmark noun and particle may begin ("Nationalpark „La ": 14;
#: the longest noun of the lists is 12 letters)
LANDMARK_REACH = 24
#: how far before a hit its capitalised article may begin ("Las " and a space or two: 5)
ARTICLE_REACH = 5


def _alternatives(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class RomanceNames:
    def __init__(self, rules: dict):
        words = rules["romance_name_particles"]
        spaced = _alternatives(w for w in words if w[-1].isalpha())
        elided = _alternatives(w for w in words if not w[-1].isalpha())
        # "du Luxembourg", "de l'Horloge", "d'Angers": a particle (an elided article may follow
        # a full one), then a capital
        # (or hyphens: "Saint-Jean-des-Vignes", a ruin, margetshoechheim-blog.de)
        self._continuation = re.compile(rf"(?:[ \t]+|-)(?:(?:{spaced})(?:[ \t]+|-)(?:{elided})?|(?:{elided}))[A-ZÀ-ÖØ-Þ]")
        self._landmark_before = re.compile(
            rf"\b(?:(?:{_alternatives(rules['romance_landmark_nouns'])})[ \t]+[\"„“«]?(?i:{_alternatives(words)})"
            rf"|(?:{_alternatives(rules['landmark_nouns'])})[ \t]+[\"„“«]?(?i:{_alternatives(rules['romance_articles'])}))"
            r"(?:[ \t]+[\"„“«]?|(?<=['’]))$")
        #: "Les Halles": a capitalised article right before a one-word hit (romance_article_names)
        self._article_before = re.compile(rf"(?<![\w'’])(?:{_alternatives(rules['romance_article_names'])})(?:[ \t]+|(?<=['’]))$")
        self._church_names = frozenset(rules["church_names"])
        #: the landmark nouns, as _landmark_before matches them (case and all): a page that holds
        #: none of them (most) is not searched before each of its places (~0.5 % of the cold
        #: extraction of the real pages went to those searches). Found in the extractor's pass
        #: for the terms (TermMatcher.serve): a search of its own over each page cost ~0.5 % more
        self.landmark_nouns = Keywords([*rules["romance_landmark_nouns"], *rules["landmark_nouns"]], word_start=False)

    def drop(self, ex: Extraction, text: str) -> None:
        """Drops the one-word gazetteer mentions a name particle and a capitalised word follow."""
        gone = [m for m in ex.mentions if m.kind == "municipality" and " " not in m.surface
                and ("-" not in m.surface or text[m.end:m.end + 1] == "-") and ex.places.get(m.ref) is not None
                and ex.places[m.ref].geonameid is not None and self._continuation.match(text, m.end)
                and not _names_longer(ex.places[m.ref], m.surface)]
        if self.landmark_nouns.find(text):
            gone += [m for m in ex.mentions if m.kind == "municipality" and m not in gone
                     and self._landmark_before.search(text, max(0, m.start - LANDMARK_REACH), m.start)]
        gone += [m for m in ex.mentions if m.kind == "municipality"
                 and (m.surface in self._church_names or " " not in m.surface
                      and text[m.start - 2:m.start - 1].isalpha() and text[m.start - 1:m.start] in " \t'’"
                      and self._article_before.search(text, max(0, m.start - ARTICLE_REACH), m.start))
                 and m not in gone]
        if gone:
            ex.mentions[:] = [m for m in ex.mentions if m not in gone]


def _names_longer(place, surface: str) -> bool:
    """Whether the hit's town is itself the longer name, found by its first word: "Nuillé sur
    Vicoin" read as Nuillé-sur-Vicoin, "Vigneulles lès Hattonchâtel" as Vigneulles-lès-Hattonchâtel
    (a name cities500 lists its short form for)."""
    return any(name.startswith(surface) and name[len(surface):len(surface) + 1] in ("-", " ")
               for name in (place.name_en, place.name_de) if name)
