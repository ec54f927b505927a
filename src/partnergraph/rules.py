"""The German extraction rules (``data/rules-de.json``), loaded once."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from .resources import data_file


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    return json.loads(data_file("rules-de.json").read_text(encoding="utf-8"))
