"""A small foreign town with a name no word or given name bears, right beside a sentence about
partnerships: "Die Schüleraustausche mit X-sur-Mer und Y liefen gut. Der Austausch mit den
Partnerstädten …".

places.py lets a foreign town under 100,000 count only where its country is named or its own
sentence speaks of a partnership (from 20,000). Reports of twinning associations name the partner
towns in the sentence before or after the one with the partnership word, often without their
country. A foreign gazetteer town of MIN_NEIGHBOUR_POPULATION or more counts there when its own
name is written in a form that no German or English word and no given name takes (a letter
outside ASCII, a hyphen or a space: "Mátészalka", "Château-Thierry", "Charnay-lès-Mâcon") and
the sentence before or after it has a partnership cue.

Issue 17, session 21 (fresh9's municipality misses, class 'small foreign towns without their
country'): five towns at four publishers (spvo-oberkochen.de, partnerschaft-brackenheim.eu of
fresh9; auensee.de of dev3; masodikkerulet.hu of fresh3). Tried without the spelling test, the
rule took given names and English words (Vincent, Victoria, Nelson, Doreen, Jordan, Lorena):
20 false places at 19 publishers for 11 right ones; with it, no false place (one right place,
Belén, read as the shorter namesake of a longer name, until the particle test).
"""

from __future__ import annotations

import re

from .context import Context, PlaceHit, next_word
from .gazetteer import PlaceRecord
from .hit_facts import person_or_word
from .place_names import own_name

#: the smallest town the rule takes: place_names.MIN_HOME_POPULATION, the floor a town of the page's
#: own country needs without support; the smallest right town the rule found is Dives-sur-Mer
#: (5,906). Not tuned further
MIN_NEIGHBOUR_POPULATION = 5_000
#: a Romance particle after the name: it opens a longer name ("Belén de los Andaquíes"), which is
#: not the town of the shorter name (romance_names.py drops most such hits later, not "de los")
_PARTICLES = frozenset({"de", "du", "des", "del", "della", "di", "do", "da", "dos", "das", "sur", "sous",
                        "la", "le", "les", "lès", "en", "y"})


#: a capitalised word right after a one-word name: the hit opens a longer name, a river's or a
#: street's ("am Río Ucayali", the sample's fixture; enumerations._NAME_GOES_ON). After a name of
#: several words it is mostly a person's name ("aus Bagnolo Mella <given name> <surname>")
_NAME_GOES_ON = re.compile(r" [A-ZÄÖÜ]")


def partner_neighbour_towns(extractor, hits: list[PlaceHit], resolved: dict[int, PlaceRecord], facts: list[dict],
                            ok: list[bool], ctx: Context) -> list[int]:
    """Indices of the turned-down hits of foreign towns named so beside a partnership sentence."""
    out = []
    sentences = index = None
    for i, h in enumerate(hits):
        f, best = facts[i], resolved.get(i)
        if ok[i] or f is None or best is None or best.country in (None, ctx.home) or h.adjective or h.ambiguous \
                or best.population < MIN_NEIGHBOUR_POPULATION \
                or h.surface.isascii() and " " not in h.surface and "-" not in h.surface \
                or not own_name(h.surface, best) or person_or_word(extractor, h, f) \
                or f["initial"] or f["prev_capitalised"] or next_word(ctx.text, h.end) in _PARTICLES \
                or " " not in h.surface and _NAME_GOES_ON.match(ctx.text, h.end):
            continue
        if index is None:  # (once a page, and only on pages with such a hit)
            sentences = ctx.sentences
            index = {s: k for k, s in enumerate(sentences)}
        k = index.get(f["sentence"])
        if k is not None and any(extractor._sentence_has_cue(ctx, sentences[j])
                                 for j in (k - 1, k + 1) if 0 <= j < len(sentences)):
            out.append(i)
    return out
