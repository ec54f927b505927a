"""Did a change move a split's pairs F1, or is the difference noise? Two runs of bench_real.py
(one per version, each written with --out) compared page by page.

A split's F1 moves a lot with the draw of its pages (bench_real's interval: fresh6 0.44–0.70), but
two versions scored on the same pages differ only where their extractions differ, so the
difference is bootstrapped over the pages as pairs (the same redrawn page for both versions). An
interval that holds 0 means the change is within noise for that split: a few changed pages give
little evidence that another draw of pages would move too. Prints aggregates only,
so it may be run on a blind split. Usage:
    python benchmarks/bench_real.py --out /tmp/before.json   (with the old code)
    python benchmarks/bench_real.py --out /tmp/after.json    (with the new code)
    python benchmarks/compare_real.py /tmp/before.json /tmp/after.json [--split fresh7] [--resamples 2000]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def total(counts: list[tuple[int, int, int]]) -> tuple[int, int, int]:
    return tuple(sum(c[i] for c in counts) for i in range(3))  # type: ignore[return-value]


def redraws(n: int, resamples: int):
    """`resamples` draws of n page indices with replacement, the same for every run (fixed seed)."""
    rng = random.Random(17)
    for _ in range(resamples):
        yield [rng.randrange(n) for _ in range(n)]


def interval95(values: list[float]) -> tuple[float, float]:
    """The 2.5th and 97.5th percentiles of the redrawn values."""
    values = sorted(values)
    return values[int(0.025 * len(values))], values[min(len(values) - 1, int(0.975 * len(values)))]


def f1_interval(counts: list[tuple[int, int, int]], resamples: int) -> tuple[float, float]:
    """95 % interval of the F1 of the pages drawn again (bench_real's interval of one split)."""
    return interval95([f1(*total([counts[i] for i in picks])) for picks in redraws(len(counts), resamples)])


def paired_interval(before: list[tuple[int, int, int]], after: list[tuple[int, int, int]],
                    resamples: int) -> tuple[float, float]:
    """95 % interval of F1(after) − F1(before) over redraws of the pages, each drawn page counted for
    both versions (fixed seed)."""
    return interval95([f1(*total([after[i] for i in picks])) - f1(*total([before[i] for i in picks]))
                       for picks in redraws(len(before), resamples)])


def page_moved(old: tuple[int, int, int], new: tuple[int, int, int]) -> int:
    """+1 when a page found more right pairs and no more false or missed ones (or fewer false or missed
    ones and no fewer right), −1 for the opposite, 0 when unchanged or mixed."""
    d = (new[0] - old[0], old[1] - new[1], old[2] - new[2])
    if any(x > 0 for x in d) and all(x >= 0 for x in d):
        return 1
    if any(x < 0 for x in d) and all(x <= 0 for x in d):
        return -1
    return 0


def compare(before: dict, after: dict, split: str, resamples: int) -> str:
    a = before["splits"].get(split, {}).get("pairs_by_page")
    b = after["splits"].get(split, {}).get("pairs_by_page")
    if not a or not b:
        return f"{split}: no per-page counts in both runs (run bench_real.py with --interval > 0)"
    urls = sorted(set(a) & set(b))
    if not urls:
        return f"{split}: the two runs scored no page in common"
    old = [tuple(a[u]) for u in urls]
    new = [tuple(b[u]) for u in urls]
    low, high = paired_interval(old, new, resamples)
    f_old, f_new = f1(*total(old)), f1(*total(new))
    changed = sum(o != n for o, n in zip(old, new))
    up = sum(page_moved(o, n) > 0 for o, n in zip(old, new))
    down = sum(page_moved(o, n) < 0 for o, n in zip(old, new))
    # an interval that reaches 0 says a redraw of the pages could show no gain (or no loss): with a
    # handful of changed pages that is the honest reading, however large the split's own difference
    verdict = "within noise" if low <= 0 <= high else ("better" if low > 0 else "worse")
    return (f"{split}: {len(urls)} pages in common, {changed} scored differently ({up} better, {down} worse, "
            f"{changed - up - down} mixed); pairs F1 "
            f"{f_old:.3f} → {f_new:.3f} ({f_new - f_old:+.3f}, 95 % interval {low:+.3f} … {high:+.3f}): {verdict}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--split", action="append", help="splits to compare (default: every split in both runs)")
    ap.add_argument("--resamples", type=int, default=2000)
    args = ap.parse_args(argv)
    try:
        before, after = (json.loads(p.read_text(encoding="utf-8")) for p in (args.before, args.after))
    except (OSError, json.JSONDecodeError) as exc:
        print(f"compare_real: cannot read a run: {exc}", file=sys.stderr)
        return 2
    splits = args.split or [s for s in before.get("splits", {}) if s in after.get("splits", {})]
    for split in splits:
        print(compare(before, after, split, args.resamples))
    return 0


if __name__ == "__main__":
    sys.exit(main())
