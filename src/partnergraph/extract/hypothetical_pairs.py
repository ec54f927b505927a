"""A partnership the text only calls possible is no partnership (issue #17, session 21): a
possible partnership of two towns touched on at a meeting (wallenhorst.de), a possible new partner
town a mayor reports on (karbener-zeitung.de). The gold annotates neither: a possibility mentioned is not
a partnership decided, intended or sought (benchmarks/real/README.md, status). A pair is dropped
when every sentence of its evidence holds such a phrase, so a pair another sentence states stays.
Wording: data/pair-vetoes-de.json, `hypothetical`."""

from __future__ import annotations

import json
import re
from functools import cache

from ..models import Extraction
from ..resources import data_file
from .prefilter import Prefiltered


@cache
def _hypothetical() -> Prefiltered:
    data = json.loads(data_file("pair-vetoes-de.json").read_text(encoding="utf-8"))
    return Prefiltered(re.compile(data["hypothetical"]))


def drop_hypothetical_pairs(ex: Extraction, text: str) -> None:
    """Drops the pairs stated only in sentences that call the partnership possible."""
    if not ex.partnerships or "glich" not in text:  # (every phrase holds "mögliche")
        return
    pattern = _hypothetical()
    ex.partnerships[:] = [p for p in ex.partnerships if not p.evidence or not all(
        pattern.search(text, s.start, s.end) for s in p.evidence)]
