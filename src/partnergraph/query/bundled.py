"""The bundled queries (``partnergraph query --list``): their name, title and text.

Apart from the runner (which imports it) so that `query --list` imports neither pyoxigraph nor
the query check nor the result writers (~12 ms of its ~55 ms CPU, benchmarks/bench_startup.py).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..resources import queries_dir


class BundledQuery(NamedTuple):
    name: str
    title: str
    text: str  # without the prologue


def bundled_queries() -> dict[str, BundledQuery]:
    out = {}
    for path in sorted(queries_dir().glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        m = re.search(r"^#\s*title:\s*(.+)$", text, re.MULTILINE)
        out[path.stem] = BundledQuery(path.stem, m.group(1).strip() if m else path.stem, text)
    return out
