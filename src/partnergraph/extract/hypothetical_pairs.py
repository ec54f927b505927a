"""A partnership the text only calls possible is no partnership (issue #17, session 21): a
possible partnership of two towns touched on at a meeting (wallenhorst.de), a possible new partner
town a mayor reports on (karbener-zeitung.de). The gold annotates neither: a possibility mentioned is not
a partnership decided, intended or sought (benchmarks/real/README.md, status). A pair is dropped
when every sentence of its evidence holds such a phrase, so a pair another sentence states stays;
a sentence that pursues the possibility (examines, seeks, plans or decides it: "eine mögliche
Städtepartnerschaft mit X prüft die Stadt") states a sought partnership and keeps its pair.
Wording: data/pair-vetoes-de.json, `hypothetical`."""

from __future__ import annotations

import re
from functools import cache

from ..models import Extraction
from .rules import rules
from .prefilter import Prefiltered


@cache
def _patterns() -> tuple[Prefiltered, re.Pattern]:
    data = rules()
    return Prefiltered(re.compile(data["hypothetical"])), re.compile(data["hypothetical_pursued"])


def drop_hypothetical_pairs(ex: Extraction, text: str) -> None:
    """Drops the pairs stated only in sentences that call the partnership possible and do not
    pursue it."""
    if not ex.partnerships or "glich" not in text:  # (every phrase holds "mögliche")
        return
    hypothetical, pursued = _patterns()

    def only_possible(s) -> bool:
        return hypothetical.search(text, s.start, s.end) is not None and pursued.search(text, s.start, s.end) is None

    ex.partnerships[:] = [p for p in ex.partnerships if not p.evidence or not all(map(only_possible, p.evidence))]
