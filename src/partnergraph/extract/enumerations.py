"""Names in an enumeration of places: "durch Ahlen, Amstelveen, Paderborn und …",
"Partnergemeinden haben Aurach, Itter, Kitzbühel, Oberndorf und Reith".

The size rules of places.py (MIN_HOME_POPULATION, MIN_PARTNER_SENTENCE_POPULATION,
WORLD_CITY_POPULATION) exist to keep surnames and words out that some small town bears. A name
listed beside accepted places is no such word: the list says what kind of thing its members are.
So a name the size rules turned down is a place too when it stands in one enumeration with
accepted places and bears the place's own name (or its first word: "Oberndorf" for Oberndorf in
Tirol), and is no word, first name or surname, nor ambiguous (a name the gazetteer marks as also
a word keeps the usual rules: "Floß", "Stein").
"""

from __future__ import annotations

import re

from .context import PlaceHit
from .gazetteer import PlaceRecord
from .place_names import own_name, short_form

#: what may stand between two names of one enumeration: "Wiesentheid, Marktbreit und Sommerach"
LIST_GAPS = frozenset({",", "und", ", und", "sowie", ", sowie"})

#: an enumeration in a sentence about partnerships licenses its other members with this many
#: accepted places among them, or with one in a list of three or more. On the ten open splits:
#: "Aurach, Itter, Kitzbühel, Oberndorf, Reith" (meinbezirk.at, two accepted), "Bärnau, Tachov,
#: Floß und Tlučná" (oberpfalzecho.de, one accepted in four). One accepted name licensing the
#: other of a pair ("mit A und B") added three false pairs on dev, dev2 and fresh4 (pairs F1
#: 0.848 -> 0.845). The old rule (between two accepted places, whatever the sentence) stays.
MIN_ACCEPTED_IN_LIST = 2
#: a capitalised word right after the name: the hit is only the first word of a longer name the
#: gazetteer lacks or spells otherwise ("Karlsfeld und Muro Locano", bernhard-seidenath.de)
_NAME_GOES_ON = re.compile(r" [A-ZÄÖÜ]")
#: a name the gazetteer marks as also a German word stays out of lists ("Floß", "Stein": small
#: towns whose names are words) unless it is the own name of a city of this size, which a list
#: of places means ("Tokio, Madrid, Kairo, Rom, Budapest", spiegato.com; "mit Oxford und Opole").
#: 100k is places.KNOWN_CITY_POPULATION, the size from which a name may stand mid-sentence alone
WORD_CITY_POPULATION = 100_000


def listable(h: PlaceHit, best: PlaceRecord | None, f: dict, text: str, frequent, first_names) -> bool:
    """A name an enumeration (or a partner phrase: partner_with.py) may make a place: the place's
    own name or its first word, no word, first name or surname, no longer name going on."""
    return best is not None and not _NAME_GOES_ON.match(text, h.end) and not h.adjective \
        and (not h.ambiguous or best.population >= WORD_CITY_POPULATION and own_name(h.surface, best)) \
        and h.surface.lower() not in frequent and h.surface not in first_names and not f["first_name_before"] \
        and own_name(h.surface, best)


def enumerated(hits: list[PlaceHit], resolved: dict[int, PlaceRecord], facts: list[dict],
               ok: list[bool], text: str, frequent, first_names) -> list[int]:
    """Indices of the turned-down hits that an enumeration makes places (see the module): a name
    between two accepted places of one enumeration, or any member of an enumeration in a
    partnership sentence with MIN_ACCEPTED_IN_LIST accepted members."""
    out = []
    for run in runs(hits, facts, text):
        accepted = sum(ok[i] for i in run)
        licensed = (accepted >= MIN_ACCEPTED_IN_LIST or accepted and len(run) >= 3) \
            and facts[run[0]]["partnership_sentence"]
        for k, i in enumerate(run):
            if ok[i] or not listable(hits[i], resolved.get(i), facts[i], text, frequent, first_names):
                continue
            between = 0 < k < len(run) - 1 and ok[run[k - 1]] and ok[run[k + 1]]
            if licensed or between:
                out.append(i)
                _near_the_others(i, [j for j in run if ok[j]], hits, resolved)
    return out


def _near_the_others(i: int, accepted: list[int], hits: list[PlaceHit], resolved: dict[int, PlaceRecord]) -> None:
    """A listed small name has namesakes ("Oberndorf", "Reith"): the members of one list lie near
    each other, so a namesake in the region (country and first-order division) of an accepted
    member replaces the one the page-wide context chose ("Itter, Kitzbühel, Oberndorf, Reith":
    Oberndorf in Tirol, not Oberndorf bei Schwanenstadt). Changes `resolved` in place."""
    regions = {(resolved[j].country, resolved[j].admin1) for j in accepted}
    if (resolved[i].country, resolved[i].admin1) in regions:
        return
    surface = hits[i].surface
    near = [c for c in hits[i].candidates if (c.country, c.admin1) in regions
            and (surface in (c.name_de, c.name_en) or short_form(surface, c))]
    if near:
        resolved[i] = max(near, key=lambda c: c.population)


def runs(hits: list[PlaceHit], facts: list[dict], text: str) -> list[list[int]]:
    """The enumerations: maximal runs of resolved hits of one sentence with only a list gap
    between neighbours."""
    found: list[list[int]] = []
    run: list[int] = []
    for i in range(len(hits)):
        if facts[i] is None:
            if len(run) > 1:
                found.append(run)
            run = []
            continue
        if run and (facts[run[-1]]["sentence"] != facts[i]["sentence"]
                    or text[hits[run[-1]].end:hits[i].start].strip() not in LIST_GAPS):
            if len(run) > 1:
                found.append(run)
            run = []
        run.append(i)
    if len(run) > 1:
        found.append(run)
    return found
