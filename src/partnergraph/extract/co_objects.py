"""Two places listed together after one "mit" are partners of the same third side, never of each
other: "Städtepartnerschaften wie mit Brest, Frankreich und San Francisco, USA bauen auf einem
gemeinsamen Wertefundament auf" (ju-kiel.de, fresh5), as "die Partnerschaften mit Kouvola und
Tours" (lokalkompass.de, fresh4) list two partners of one town. A pair whose two sides stand so in
every sentence of its evidence that names both is dropped: between "mit" and the first side, and
between the two sides, stand only other places, countries, articles and the joiners of a list.
The pairs of the listed places with the sentence's subject are left alone; a pair joined by a dash
("mit Trier-Gloucester") or a verb ("verbindet Kiel mit Brest") is not a list, and the sides of a
partnership of three or more ("trilateral") are partners of each other."""

from __future__ import annotations

import re

from ..models import Extraction

#: what may stand between two members of one list, once the places and countries are cut out
_LIST_GAP = re.compile(r"[\s,;()]*(?:(?:und|sowie|oder|auch|in|der|dem|den)[\s,;()]+)*", re.IGNORECASE)
#: a partnership of three or more sides joins the listed places too: "hat die Stadt Stuttgart mit
#: Dresden und Chmelnyzkyj … eine trilaterale Solidaritätspartnerschaft beschlossen" (esslinger-zeitung.de)
_MANY_SIDED = re.compile(r"(?i)trilateral|multilateral|dreiseitig|Dreiecks|Dreier|Ringpartnerschaft")
#: "mit" (maybe "wie mit", an article after it) right before the first member
_MIT_BEFORE = re.compile(r"\bmit\s+(?:(?:der|dem|den)\s+)?$")


def drop_co_objects(ex: Extraction, text: str) -> None:
    """Drops the pairs of two members of one "mit" list (see the module)."""
    if not ex.partnerships or " mit " not in text:
        return
    named = sorted((m for m in ex.mentions if m.kind in ("municipality", "country")), key=lambda m: m.start)
    kept = []
    for p in ex.partnerships:
        refs = [r for k, r in p.partners if k == "municipality"]
        if len(refs) != 2 or not _listed_together(named, text, p.evidence, *refs):
            kept.append(p)
    ex.partnerships[:] = kept


def _listed_together(named, text: str, evidence, a: str, b: str) -> bool:
    """Whether in every evidence sentence naming both sides they are members of one "mit" list."""
    seen = False
    for span in evidence:
        inside = [m for m in named if span.start <= m.start and m.end <= span.end]
        sides = [i for i, m in enumerate(inside) if m.kind == "municipality" and m.ref in (a, b)]
        if not {inside[i].ref for i in sides} >= {a, b}:
            continue
        if _MANY_SIDED.search(text, span.start, span.end):
            return False
        first = min(i for i in sides if inside[i].ref == a), min(i for i in sides if inside[i].ref == b)
        i, j = sorted(first)
        if not _MIT_BEFORE.search(text, max(span.start, inside[i].start - 16), inside[i].start):
            return False
        pos = inside[i].end
        for m in inside[i + 1:j + 1]:
            gap = _LIST_GAP.match(text, pos, m.start)
            if gap is None or gap.end() != m.start:
                return False
            pos = m.end
        seen = True
    return seen
