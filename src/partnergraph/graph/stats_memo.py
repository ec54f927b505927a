"""stats.json of a build, remembered under the digest of the network it describes.

stats.json is a function of the network analysis alone (`analytics.stats_from`), and the
analysis of the network it was computed from (`analytics.remembered_analysis` names that
network by a digest, `Analysis.key`). A rebuild whose changed articles leave the partnership
network as it was (most do: a new sentence, another start year) so writes the bytes the last
build wrote instead of summarising every node, component and community again and encoding the
result as indented JSON (0.31 s of a 10 s one-article rebuild at 10,000 articles, measured
with cProfile; it grows with the network). The memo (memo.py) is emptied when any module of the
package changes (state.code_digest), so remembered bytes are never those of other code.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..graphdir import STATS_FILE
from ..publish.export import write_atomic
from .analytics import Analysis, stats_from, stats_json

#: the memo's kind for these rows
KIND = "stats"


def stats_bytes(analysis: Analysis, memo=None) -> bytes:
    """stats.json of `analysis`, from `memo` when a build already wrote it for this network."""
    key = analysis.key if memo is not None else ""
    if key:
        found = memo.get(KIND, key)
        # the row is the SHA-256 of the bytes, then the bytes: a damaged row is written anew
        if found is not None and hashlib.sha256(found[32:]).digest() == found[:32]:
            return found[32:]
    data = stats_json(stats_from(analysis)).encode("utf-8")
    if key:
        memo.put(KIND, key, hashlib.sha256(data).digest() + data)
    return data


def write_remembered_stats(out_dir: Path, analysis: Analysis, memo=None) -> Path:
    """DIR/stats.json of `analysis`, written atomically (`stats_bytes`)."""
    path = Path(out_dir) / STATS_FILE
    write_atomic(path, stats_bytes(analysis, memo))
    return path
