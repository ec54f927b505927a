"""What each regular expression of the extractor costs in one cold pass: every call of a pattern
(search, match, finditer …) is recorded with its arguments while the texts are extracted, then
each pattern's calls are replayed alone and timed (best of three). A profiler times the calls
where they happen, with its own cost per call on top (~8 µs, more than most calls take); the
replay times the regex engine alone, so a pattern tried at every character of long stretches
stands apart from one called often on short ones.

The patterns are found as module globals of partnergraph.extract, attributes of the extractor and
its rule objects (to a few levels), and the patterns inside `prefilter.Prefiltered` (whose calls
are recorded where the pre-filter lets them through). Usage:
    python benchmarks/regex_costs.py SRC TEXTS.jsonl [STRIDE] [TOP]
SRC: a checkout's src/ ("" for the installed one); STRIDE: every STRIDE-th text (2: half of open12).
"""

from __future__ import annotations

import collections
import importlib
import pkgutil
import re
import sys
import time
from pathlib import Path

if sys.argv[1]:
    sys.path.insert(0, sys.argv[1])
sys.path.append(str(Path(__file__).resolve().parent))

from bench_extract import forget_sentences  # noqa: E402
import partnergraph.extract as extract_package  # noqa: E402
from partnergraph.extract import prefilter  # noqa: E402
from partnergraph.extract.extractor import Extractor  # noqa: E402
from partnergraph.models import Article  # noqa: E402
from partnergraph.sources import read_path  # noqa: E402

METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")
calls: dict[tuple[str, str], list] = collections.defaultdict(list)
patterns: dict[str, re.Pattern] = {}


class Recorded:
    """A pattern that records each call (its name, method and arguments) and then makes it."""

    __slots__ = ("_pattern", "_name")

    def __init__(self, pattern: re.Pattern, name: str):
        self._pattern, self._name = pattern, name
        patterns[name] = pattern

    def __getattr__(self, attr):
        return getattr(self._pattern, attr)


def _recording(method: str):
    def call(self, *args, **kwargs):
        calls[(self._name, method)].append((args, kwargs))
        return getattr(self._pattern, method)(*args, **kwargs)
    return call


for _method in METHODS:
    setattr(Recorded, _method, _recording(_method))


def wrap(value, name: str):
    """`value` recorded if it is a pattern (or a pre-filter's pattern recorded inside it)."""
    if isinstance(value, re.Pattern):
        return Recorded(value, name)
    if isinstance(value, prefilter.Prefiltered):
        value.pattern = Recorded(value.pattern, name + "[pf]")
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            for part in item if isinstance(item, tuple) else (item,):
                if isinstance(part, prefilter.Prefiltered):
                    part.pattern = Recorded(part.pattern, f"{name}[{i}][pf]")
    return value


def wrap_object(obj, name: str, depth: int, seen: set[int]) -> None:
    if id(obj) in seen or depth > 4:
        return
    seen.add(id(obj))
    try:
        items = list(vars(obj).items())
    except TypeError:
        items = [(s, getattr(obj, s, None)) for s in getattr(type(obj), "__slots__", ())]
    for key, value in items:
        wrapped = wrap(value, f"{name}.{key}")
        if wrapped is not value:
            try:
                setattr(obj, key, wrapped)
            except (AttributeError, TypeError):
                pass
        elif type(value).__module__.startswith("partnergraph") and not isinstance(value, prefilter.Prefiltered):
            wrap_object(value, f"{name}.{key}", depth + 1, seen)


def main() -> None:
    stride = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    top = int(sys.argv[4]) if len(sys.argv) > 4 else 40
    docs = [a for a in read_path(Path(sys.argv[2])) if isinstance(a, Article)][::stride]
    extractor = Extractor()
    for doc in docs:  # (the word-keyed memos filled, the lazily made patterns made)
        extractor.extract(doc)
    forget_sentences(extractor)
    for info in pkgutil.iter_modules(extract_package.__path__):
        module = importlib.import_module(f"partnergraph.extract.{info.name}")
        for key, value in list(vars(module).items()):
            wrapped = wrap(value, f"{info.name}.{key}")
            if wrapped is not value:
                setattr(module, key, wrapped)
    wrap_object(extractor, "extractor", 0, set())
    for doc in docs:
        extractor.extract(doc)
    rows = []
    for (name, method), made in calls.items():
        run = getattr(patterns[name], method)
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            for args, kwargs in made:
                result = run(*args, **kwargs)
                if method == "finditer":
                    list(result)
            best = min(best, time.perf_counter() - start)
        rows.append((best, len(made), name, method, patterns[name].pattern))
    print(f"{len(docs)} texts; the regex engine's time, replayed: {sum(r[0] for r in rows) * 1000:.1f} ms")
    for best, count, name, method, text in sorted(rows, reverse=True)[:top]:
        print(f"{best * 1000:8.2f} ms {best / count * 1e6:7.1f} µs {count:6d} {method:9s} {name[:50]:50s} {text[:60]!r}")


if __name__ == "__main__":
    main()
