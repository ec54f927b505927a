"""The German extraction rules, loaded once: ``data/rules-de.json`` (sentences, places, cues,
dates, people, events) and ``data/relations-de.json`` (lists of pairs and of partners, owners,
statuses), one dictionary; no key occurs in both files."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from ..resources import data_file

FILES = ("rules-de.json", "relations-de.json")


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for name in FILES:
        merged.update(json.loads(data_file(name).read_text(encoding="utf-8")))
    return merged
