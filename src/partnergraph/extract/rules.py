"""The German extraction rules, loaded once: ``data/rules-de.json`` (sentences, places, cues,
dates, people, events), ``data/relations-de.json`` (lists of pairs and of partners, owners,
statuses) and ``data/pair-vetoes-de.json`` (wordings that take a pair back), one dictionary; no
key occurs in two files."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from ..resources import data_file

FILES = ("rules-de.json", "relations-de.json", "pair-vetoes-de.json")


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for name in FILES:
        merged.update(json.loads(data_file(name).read_text(encoding="utf-8")))
    return merged
