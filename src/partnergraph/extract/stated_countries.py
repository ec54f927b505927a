"""Small towns whose country the page states right at them: "Sande (Norwegen)", "Cabourg (FR)",
"Kenilworth - England", "das südenglische Städtchen Sherborne", "im polnischen Koscierzyna".

The size rules of places.py turn down a foreign town below KNOWN_CITY_POPULATION whose country the
page does not otherwise tie to it, because most such hits are surnames or words. A country stated
AT the name — a country name or ISO code (alpha-2, or alpha-3 as Swiss and Austrian partner lists
write it: "Guebwiller (FRA)", "Olomouc (CZE)", "Sterzing (ITA, seit 1971)") in brackets right after it, a dash and a country name
closing the line, or a country or region adjective right before it (maybe with a compass prefix and
a town noun: "das südenglische Städtchen") — is the page telling which town it means. Such a hit
counts when the gazetteer has a town of exactly that name (a designation of its own after it, "Marstal
Kommune", "Bunkyo-Ku", states its country too: designations.py) (its own German or English name, no
alias) in exactly that country; that town is the one meant, whatever one-sense-per-discourse chose.
Session 9 found that lowering the size limit alone added more false places than it fixed; this
rule asks for the stated country instead (issue #17: ten missed towns at six publishers on the
fresh3/fresh4 pages). The hits the person and building rules turn down stay down.

Words: ``data/stated-countries-de.json`` (compass prefixes, town nouns); country and region forms
from territories.py.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from .context import Context, PlaceHit
from .designations import designation_after
from .gazetteer import PlaceRecord
from .territories import countries, regions, surfaces
from ..resources import data_file

#: "(Norwegen)", "(FR)", "(Frankreich, seit 1971)": the bracket right after the name
_BRACKET_AFTER = re.compile(r"[ \t]*\((?P<c>[^()\n,;]{2,40})[,;)]")
#: "Kenilworth - England" closing its line or clause (a list of partners with their countries)
_DASH_AFTER = re.compile(r"[ \t]+[-–][ \t]+(?P<c>[A-ZÄÖÜ][\w-]+(?:[ \t][A-ZÄÖÜ][\w-]+)?)[ \t]*(?=$|[\n,;.)])")
#: a name continued by these is part of a longer word
_GLUED = frozenset("-‐–/")


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]], frozenset[str]]:
    """(country names and codes, adjectives → (country, region's GeoNames admin1 code or ""),
    town nouns). A region states its country and its admin1 both: "walisisch" is no English town."""
    words = json.loads(data_file("stated-countries-de.json").read_text(encoding="utf-8"))
    region_of = {key: (r.country, r.admin1) for key, r in regions().items()}
    # "(FR)": the ISO code, upper case only
    names: dict[str, tuple[str, str]] = {code: (code, "") for code in countries()}
    adjectives: dict[str, tuple[str, str]] = {}
    for s in surfaces():
        cc = (s.ref, "") if s.kind == "country" else region_of.get(s.ref)
        if not cc or not cc[0]:
            continue
        if s.form == "name":
            names.setdefault(s.text, cc)
        elif s.form == "adjective":
            # as written: "polnischen" in lower case ("auf Deutsch Lemberg" is a language, "im
            # Hessischen Ried" a landscape), the indeclinable "Tiroler" capitalised
            adjectives.setdefault(s.text, cc)
            if s.text.islower():
                for prefix in words["compass_prefixes"]:
                    adjectives.setdefault(prefix + s.text, cc)
    return names, adjectives, frozenset(words["town_nouns"])


def stated_country(text: str, start: int, end: int, noun: bool = False) -> tuple[str, str] | None:
    """The country (and region's admin1 code, or "") stated right at the name text[start:end], if
    one is. `noun`: the name is a German word too ("auf deutschem Boden"): only a bracket or dash
    after it states a country."""
    if text[end:end + 1] in _GLUED:
        return None  # "türkischer Vize-Außenminister": part of a longer word
    names, adjectives, town_nouns = _vocabulary()
    after = text[end:end + 3]
    if "(" in after or "-" in after or "–" in after:  # (the cheap test first: most names have neither)
        m = _BRACKET_AFTER.match(text, end)
        # "(FRA)", "(CZE, seit 1990)": an ISO alpha-3 code only in a bracket, where it cannot be a word
        cc = m and (names.get(m["c"].strip()) or alpha3_codes().get(m["c"].strip()))
        if not m:
            m = _DASH_AFTER.match(text, end)
            cc = m and names.get(m["c"].strip())
        if cc:
            return cc
    if noun:
        return None
    last, at = _word_before(text, start)
    cc = adjectives.get(last)
    if cc or not last or last.lower() not in town_nouns:
        return cc
    return adjectives.get(_word_before(text, at)[0])


@lru_cache(maxsize=1)
def alpha3_codes() -> dict[str, tuple[str, str]]:
    """"FRA" → ("FR", ""): the ISO 3166-1 alpha-3 codes (data/country-codes-alpha3.tsv)."""
    out = {}
    for line in data_file("country-codes-alpha3.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code3, code2 = line.split("\t")[:2]
            out[code3] = (code2, "")
    return out


def _word_before(text: str, i: int) -> tuple[str, int]:
    """The word of letters before text[i], on the same line and one or more spaces before it, and
    where it starts ("", i where there is none)."""
    j = i
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    k = j
    while k > 0 and text[k - 1].isalpha():
        k -= 1
    return (text[k:j], k) if j < i and k < j else ("", i)


def stated_country_towns(extractor, hits: list[PlaceHit], resolved: dict[int, PlaceRecord], facts: list[dict],
                         ok: list[bool], ctx: Context) -> list[int]:
    """Indices of the hits the acceptance rules turned down that are a town of the country stated
    right at them (see the module); `resolved` is re-pointed to that town for each."""
    out = []
    turned_down_before = extractor._landmarks | extractor._titles | extractor._roles | extractor._region_before
    for i, h in enumerate(hits):
        f = facts[i]
        if ok[i] or f is None or h.adjective or h.surface in extractor._stop or f["first_name_before"] \
                or f["prev"] in turned_down_before:
            continue
        cc = stated_country(ctx.text, h.start, h.end, h.ambiguous)
        if cc is None:
            # "der Marstal Kommune", "Partnerstadt Bunkyo-Ku": the designation states the country
            designated = designation_after(ctx.text, h.end) if h.end == h.start + len(h.surface) else ()
            towns = [c for c in h.candidates if c.country in designated and h.surface in (c.name_de, c.name_en)]
        else:
            towns = [c for c in h.candidates if c.country == cc[0] and (not cc[1] or c.admin1 == cc[1])
                     and h.surface in (c.name_de, c.name_en)]
        if towns:
            resolved[i] = max(towns, key=lambda c: (c.population, -c.geonameid))
            out.append(i)
    return out
