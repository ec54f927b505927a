"""The town a page's web address names (issue #17): the municipality's own site or its
partnership association's ("www.<town>.de", "partnerschaftsverein-<town>.de",
"<town>-<river>.de") writes about its own partnerships and names its own town bare, often small
and often one of several namesakes ("Wörth", "Altdorf"): a village under MIN_HOME_POPULATION,
turned down outside a sentence that names the partnership, or the biggest namesake chosen
instead of the one the address names.

The address settles both: a hit whose name is a word of the host, resolved to a home-country
place all of whose name's words stand in the host ("Wörth an der Isar" on woerth-isar.de,
"Altdorf" but not "Altdorf bei Nürnberg" on markt-altdorf), is that town. Measured on the twelve
open splits: 160 pages' hosts name a town of their text; the rule changes the reading of the few
whose town is small or shared (margetshoechheim-blog.de, schwanfeld.de, woerth-isar.de,
partnerschaftsverein-markt-altdorf.eu).

Only the page's home country: a site named after a word that some foreign village also bears
("solidaridad-ev.de", "mission-einewelt.de") names no town of the page; and no common noun or
frequent word ("drei-burgen-schule.de").
"""

from __future__ import annotations

import re
from functools import lru_cache

from .gazetteer import PlaceRecord
from .home import PLAIN_HOST

#: the words of a place's name that a host leaves out ("woerth-isar" for Wörth an der Isar)
_PARTICLES = frozenset({"an", "am", "der", "die", "das", "den", "dem", "im", "in", "bei", "ob", "vor", "unter",
                        "auf", "i", "d"})
#: host labels that name no place: the web prefix and the top-level domain is dropped anyway
_NO_PLACE = frozenset({"www", "web", "www2", "m"})
_WORD = re.compile(r"[^\W\d_]+")
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """How a host spells a German word: lower case, umlauts and ß written out (kept per word: an
    article's ~200 place hits repeat a few dozen names, and names recur across articles)."""
    return word.lower().translate(_FOLD)


def host_words(url: str | None) -> frozenset[str]:
    """The folded words of the URL's host, without its top-level domain and web prefix
    ("https://www.woerth-isar.de/…" → {"woerth", "isar"})."""
    if not url:
        return frozenset()
    plain = PLAIN_HOST.match(url)
    if plain is None:
        return frozenset()
    labels = [label for label in plain[1].lower().rstrip(".").split(".") if label not in _NO_PLACE][:-1]
    return frozenset(w for label in labels for w in label.split("-") if w)


def name_words(record: PlaceRecord) -> list[str]:
    """The folded words of a place's German name that a host would spell."""
    return [w for w in (fold(x) for x in _WORD.findall(record.name_de)) if w not in _PARTICLES]


def host_named(surface: str, record: PlaceRecord, words: frozenset[str]) -> bool:
    """The hit's name is a host word and the place's whole name is spelt in the host."""
    if not words or fold(surface) not in words:
        return False
    own = name_words(record)
    return bool(own) and all(w in words for w in own)


def host_reading(surface: str, candidates: list[PlaceRecord], words: frozenset[str],
                 home: str) -> PlaceRecord | None:
    """The home-country namesake the host names beyond the hit's own name ("Wörth" on
    woerth-isar.de: Wörth an der Isar, not the bare Wörth nor Wörth am Rhein); None where the host
    spells only the bare name: "Altdorf" on partnerschaftsverein-altdorf.de is Altdorf bei
    Nürnberg, "Landsberg" on landsberg.de Landsberg am Lech (the open splits), so the host says
    nothing about which bearer of a bare name is meant."""
    if not words or fold(surface) not in words:
        return None
    named = [c for c in candidates if c.country == home and len(name_words(c)) >= 2 and host_named(surface, c, words)]
    return max(named, key=lambda c: (len(name_words(c)), c.population, -c.geonameid), default=None)


def host_resolutions(hits, resolved: dict, live: list[bool], words: frozenset[str], home: str) -> None:
    """Re-reads every live hit whose name the host spells as the home-country town it names."""
    if not words:
        return
    for i, h in enumerate(hits):
        if live[i] and fold(h.surface) in words:
            named = host_reading(h.surface, h.candidates, words, home)
            if named is not None:
                resolved[i] = named


def host_town(text: str, start: int, end: int, best: PlaceRecord, words: frozenset[str], home: str,
              nouns, frequent) -> bool:
    """The hit is the home town the host names, whatever its size; not a common noun or frequent
    word that a host may spell too, nor the first part of a compound: "Baunach-Allianz" on
    baunach-allianz.de is the alliance of municipalities, not the town (dev)."""
    if not words or best.country != home:
        return False  # (most pages and most hits: no host word, or a foreign reading)
    surface = text[start:end]
    return host_named(surface, best, words) and surface not in nouns \
        and surface.lower() not in frequent and text[end:end + 1] != "-" and text[start - 1:start] != "-"
