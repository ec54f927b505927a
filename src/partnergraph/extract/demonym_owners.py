"""A partner a sentence gives to a town named only by its inhabitants' name is no partner of the
town the page is otherwise about (issue #17, session 21): a zoo the sentence calls its city's
("im <Stadt>er Zoo") holds a gift of "der Partnerstadt X" (mitteleuropa.de, dev); a delegation from
"der französischen Partnerstadt X" tours with "den <Stadt>ern" (schwarzwaelder-bote.de, dev); some
dozen "<Stadt>er" visit the five partner villages of their town (pfalz-express.de, fresh9). The pair
rules, finding no town of the home side in the sentence, gave the partner to the page's town
(another town of the page, a district of its category line); the sentence names its owner, only
as a demonym, so the pair is dropped (the gold annotates the demonym's town, which the extractor
does not read as a place: benchmarks/real/README.md, "A town named by its demonym adjective is named").

A demonym here is a capitalised word that is a home-country town's own name (cities500, at least
MIN_TOWN inhabitants) with "er" or "ern" after it, the stem no frequent word unless the town has
BIG_TOWN inhabitants or more. A pair is dropped when
none of its evidence sentences names its home-side town and each names such a demonym of another
town."""

from __future__ import annotations

import re

from ..models import Extraction

#: the smallest town whose demonym counts: the open pages' owners named so are towns of 4,800 to
#: 3.6 million; below 1,000 inhabitants cities500 holds hamlets whose names are also words
#: ("Kind", "Lehr"), the size MIN_LISTED_HOME_POPULATION in places.py keeps out for the same reason
MIN_TOWN = 1_000
#: a town this big is meant by its name also where the name is a frequent word ("Berlin")
BIG_TOWN = 100_000
#: a capitalised word ending in a demonym's ending: "Berliner", "Rosenfeldern"
_DEMONYM = re.compile(r"(?<![\w-])([A-ZÄÖÜ][a-zäöüß]+)ern?\b(?!-)")


def drop_demonym_owned(ex: Extraction, text: str, gazetteer, frequent: frozenset[str] | set[str]) -> None:
    """Drops the pairs whose home-side town no evidence sentence names while each names another
    home-country town by its demonym (see the module)."""
    if not ex.partnerships:
        return
    named: dict = {}  # sentence → the municipality refs it names
    for m in ex.mentions:
        if m.kind == "municipality":
            named.setdefault(m.sentence, set()).add(m.ref)
    demonyms: dict = {}  # sentence → the refs of the towns its demonyms name (as slugs of records)
    kept = []
    for p in ex.partnerships:
        homes = [r for k, r in p.partners if k == "municipality" and r in ex.places
                 and ex.places[r].country == ex.home]
        if len(homes) != 1 or not p.evidence or any(homes[0] in named.get(s, ()) for s in p.evidence):
            kept.append(p)
            continue
        home = ex.places[homes[0]]
        if all(_other_demonym(demonyms, s, text, gazetteer, frequent, ex.home, home) for s in p.evidence):
            continue
        kept.append(p)
    ex.partnerships[:] = kept


def _other_demonym(memo: dict, sent, text: str, gazetteer, frequent, country: str, home) -> bool:
    if sent not in memo:
        towns = []
        for d in _DEMONYM.finditer(text, sent.start, sent.end):
            stem = d.group(1)
            found = [r for r in gazetteer.lookup(stem)
                     if r.country == country and r.population >= MIN_TOWN and r.name_de == stem]
            if stem.lower() in frequent:  # ("Kind", a word; "Berlin", a frequent city's name)
                found = [r for r in found if r.population >= BIG_TOWN]
            towns.extend(found)
        memo[sent] = towns
    return any(r.geonameid != home.geonameid and r.name_de != home.name_de for r in memo[sent])
