"""Words around a name that vouch for it as a town whatever its size (places.py asks these after
its rules that refuse a name; issue #17, the municipality classes of session 9):

- a twinning association or a partnership named by its town: "Freundeskreis Jászberény"
  (jaszbereny-vechta.eu), "die Städtepartnerschaft Objat" (ris.komuna.net): association_nouns,
  partnership_name_nouns;
- a partner list's year in brackets right after a name: "A (ITA, seit <year>), B (FRA, seit <year>)" (meinbezirk.at), "Allendorf/Lumda (seit 1998 Partnerschaftsvertrag)"
  (hessen-wielkopolska.de), "Nürnberg-Kraków (seit 03. Oktober 1979)" (bavariaworldwide.de);
- a German town's institution named by its town: "der Feuerwehr Pfarrkirchen" (ruhrkanal.news),
  "im Freizeitenheim Grafrath" (sonntagsblatt.de), "der Grundschule Eichenzell": institution_nouns.
"""

from __future__ import annotations

import re

from .place_names import own_name

#: " (" then at most a country code or name and a comma, then "seit" and a year, as a date may
#: write it ("seit 1971", "seit dem 12. Mai 1962", "seit 07.04.2003")
_YEAR_BRACKET = re.compile(r" \((?:[^()\n]{0,40}?,\s*)?seit\s+(?:dem\s+)?(?:\d{1,2}\.\s*(?:[A-ZÄÖÜa-zäöü]+\s+|\d{1,2}\.)?)?\d{4}\b")
#: an institution names a town of at least this size: the floor of the home-town lists
#: (places.MIN_LISTED_HOME_POPULATION); smaller hits are mostly quarters and hamlets
MIN_INSTITUTION_TOWN = 1_000


def year_bracket_after(text: str, end: int) -> bool:
    """Whether a bracket with a "seit" year follows the name ending at `end`."""
    return text.startswith(" (", end) and _YEAR_BRACKET.match(text, end) is not None


def named_town(extractor, h, best, f: dict, ctx) -> bool:
    """Whether the words around the hit `h` (resolved to `best`, its facts `f`) vouch for it as
    a town (see the module)."""
    text, prev = ctx.text, f["prev"]
    # (the cheap test first: nearly every hit has none of these words around it)
    if prev not in extractor._associations and prev not in extractor._institutions \
            and not text.startswith(" (", h.end):
        return False
    if h.surface in extractor.first_names or h.surface.lower() in extractor.frequent:
        return False
    same_line = "\n" not in text[text.rfind(f["prev_word"], 0, h.start):h.start]
    if prev in extractor._associations and not h.ambiguous and own_name(h.surface, best) and same_line \
            and not extractor._before_surname(text, h):
        return True
    if prev in extractor._institutions and best.country == ctx.home and same_line \
            and best.population >= MIN_INSTITUTION_TOWN and own_name(h.surface, best):
        return True  # (a noun too: "der Feuerwehr Pfarrkirchen")
    # an alias too where one place bears it (Vipiteno's "Sterzing"; "Neustadtl" is three places'), but
    # not the last word of a longer name ("Villette sur Ain")
    return not h.ambiguous and prev not in extractor._name_particles and year_bracket_after(text, h.end) \
        and (len(h.candidates) == 1 or own_name(h.surface, best))
