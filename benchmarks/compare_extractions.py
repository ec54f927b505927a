"""Whether two versions of the extractor extract the same from the same texts: every Extraction
whole (mentions with their spans and sentences, places, organisations, regions, partnerships with
all their attributes, events, people, population figures, home), compared text by text.

A speed-up must not change a single result. Each version runs in a child interpreter of its own
(its source tree first on sys.path) and writes the repr of every extraction, one line per text;
the lines are then compared. Usage:
    python benchmarks/compare_extractions.py BASELINE_DIR [--texts FILE.jsonl] [--this DIR]
Exit status 0 when every extraction is identical, 1 otherwise (the differing texts are listed).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: argv: source dir ("" for the installed one), texts file, output file
_DUMP = r"""
import sys
if sys.argv[1]:
    sys.path.insert(0, sys.argv[1])
from pathlib import Path
from partnergraph.models import Article
from partnergraph.sources import read_path
from partnergraph.extract.extractor import Extractor
ex = Extractor()
with open(sys.argv[3], "w", encoding="utf-8") as out:
    for a in read_path(Path(sys.argv[2])):
        if isinstance(a, Article):
            e = ex.extract(a)
            out.write(repr((a.url, e.mentions, e.places, e.organisations, e.regions, e.partnerships, e.events,
                            e.persons, e.populations, e.home)).replace("\n", "\\n") + "\n")
print(sys.modules["partnergraph"].__file__, file=sys.stderr)
"""


def dump(src: str, texts: Path, out: Path) -> None:
    subprocess.run([sys.executable, "-c", _DUMP, src, str(texts), str(out)], check=True,
                   env={**os.environ, "PYTHONHASHSEED": "0"})  # (sets' reprs follow the hash seed)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("baseline", type=Path, help="a checkout of the other version (its src/ is imported)")
    ap.add_argument("--this", type=Path, help="a checkout of this version (default: the installed one)")
    ap.add_argument("--texts", type=Path, default=Path(os.environ.get("PARTNERGRAPH_REAL_CACHE",
                                                                        "/work/realcache/open11.jsonl")))
    args = ap.parse_args(argv)
    for tree in (args.baseline, args.this):
        if tree is not None and not (tree / "src" / "partnergraph").is_dir():
            # (a wrong folder would silently import the installed version and compare it with itself)
            ap.error(f"{tree}: no src/partnergraph in it (give the checkout's root)")
    with tempfile.TemporaryDirectory() as tmp:
        base_out, this_out = Path(tmp) / "base", Path(tmp) / "this"
        dump(str(args.baseline / "src"), args.texts, base_out)
        dump(str(args.this / "src") if args.this else "", args.texts, this_out)
        base = base_out.read_text(encoding="utf-8").splitlines()
        this = this_out.read_text(encoding="utf-8").splitlines()
    differ = [b.split(",", 1)[0].strip("('") for b, t in zip(base, this) if b != t]
    print(f"{len(base)} texts, {len(this)} extracted by this version; {len(differ)} extractions differ")
    for url in differ:
        print(f"  {url}")
    return 0 if not differ and len(base) == len(this) else 1


if __name__ == "__main__":
    raise SystemExit(main())
