"""A minted town (no gazetteer reading stood where the cue rules found it) whose name is one
letter away from a cities500 town's own name in a country the page names is that town, misspelt
or in a mixed transliteration: "Velyka Dymerka und Bietingheim-Bissingen" (Bietigheim-Bissingen,
cities4cities.eu), "Losova und Waiblingen" (Lozova, UA: cities4cities.eu, unitedforua.org),
"Theilheim und Vigalo Vattaro" (Vigolo Vattaro, IT: freundeskreis-theilheim-vigolana.mein-verein.de).
One letter is added, dropped, changed (into a letter commonly confused with it) or two are
swapped; the town must bear the respelt name as
its own German or English name (an alias is too weak a match), and lie in the page's home
country, the minted town's or a country the page names. A town minted in the home country is
never respelt into a home town: cities500 lacks many German villages, and one a vowel away from a
town is more likely such a village ("Wettenberg" is no Wittenberg) than a misspelling."""

from __future__ import annotations

from dataclasses import replace

from ..models import Extraction

#: shorter minted names are not respelt: one letter changes a short name into too many others
MIN_NAME = 6
#: a name shorter than LONG_NAME is respelt only into a town of at least this size: "Losova" is
#: one letter from Lozova (54k) and from villages; on the open splits every respelt short name
#: worth having was a town of this size (MIN_PARTNER_SENTENCE_POPULATION in places.py). A town the
#: page itself names correctly elsewhere takes it whatever its size: a page that misspells its
#: partner once writes it right too ("unserer Partnerstadt X" one letter off beside "der Gemeinde
#: X", kfv-heilbronn.de of fresh9; one name, one town within a page, as minted_places reads it)
LONG_NAME = 10
MIN_SHORT_TARGET = 20_000
#: the letters a misspelling or a mixed transliteration changes into each other: vowels among
#: themselves, s/z ("Losova" for Lozova), w/v, c/k, i/j/y; a letter is also dropped, doubled or
#: added as one the name already has ("Bietingheim", "Donguan", "Châtelleraut") or two swap.
#: (Every letter of the alphabet at every place made ~700 spellings a name: 4 % of the extraction)
_CONFUSED = {**{v: "aeiouy" for v in "aeiouy"}, "s": "z", "z": "s", "w": "v", "v": "w", "c": "k", "k": "c",
             "j": "iy", "i": "jy"}
#: names longer than this are not respelt (a heading or a sentence part minted by mistake)
MAX_NAME = 40


def _one_letter_away(name: str):
    """The spellings one edit from `name` (see _CONFUSED; the first letter is kept as written)."""
    seen = set()
    own = set(name.lower())
    for i in range(1, len(name) + 1):
        if i < len(name):
            seen.add(name[:i] + name[i + 1:])  # dropped
            if i + 1 < len(name):
                seen.add(name[:i] + name[i + 1] + name[i] + name[i + 2:])  # swapped
            for c in _CONFUSED.get(name[i], ""):
                seen.add(name[:i] + c + name[i + 1:])  # changed
        for c in own:
            if c.isalpha():
                seen.add(name[:i] + c + name[i:])  # added
    seen.discard(name)
    return seen


def link_misspelt_places(ex: Extraction, gazetteer, home: str) -> None:
    """Re-point the mentions of each minted town one letter from a known town (see the module)."""
    minted = [(k, p) for k, p in ex.places.items()
              if p.geonameid is None and p.kind in (None, "municipality") and MIN_NAME <= len(p.name_de) <= MAX_NAME]
    if not minted:
        return
    countries = {home, *ex.refs("country"), *(p.country for p in ex.places.values() if p.country)}
    named = {p.geonameid for p in ex.places.values() if p.geonameid is not None}
    automaton = gazetteer.automaton
    moved = {}
    for key, place in minted:
        if automaton.exists(place.name_de):
            continue  # a name the gazetteer knows is no misspelling ("Murino" is not Marino)
        allowed = countries | {place.country}
        found = [r for v in _one_letter_away(place.name_de) if automaton.exists(v) for r in gazetteer.lookup(v)
                 if v in (r.name_de, r.name_en) and r.country in allowed
                 and not (r.country == home and place.country in (home, None))
                 and (len(place.name_de) >= LONG_NAME or r.population >= MIN_SHORT_TARGET or r.geonameid in named)]
        if found:
            best = max(found, key=lambda r: r.population).to_place()
            moved[key] = best.key
            ex.places.setdefault(best.key, best)
    if moved:
        ex.mentions[:] = [replace(m, ref=moved[m.ref]) if m.kind == "municipality" and m.ref in moved else m
                          for m in ex.mentions]
