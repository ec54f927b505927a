"""Refill the git-ignored cache of real pages from search results (benchmarks/real/README.md).

The page texts are third-party and never committed; each new machine starts without them. They can
only come from the `search` tool's stored copy (corpus `pages`), which is not reachable from a shell:
whoever searches (a person or an agent) saves each result that carries a gold page's URL as one raw
file, and this script checks and assembles those files. A raw file is the result copied as it came,
named after the gold's line number (1-based) in benchmarks/real/gold.jsonl:

    RAW/0042.json   {"url": "<the result's url>", "query": "<the words searched>", "excerpt": "<the result's excerpt>"}

The query is kept so that the next refill can ask the same words first (`refill_queries.jsonl`, the
queries that found each page: our own keywords, no page text). Commands:

    python benchmarks/real/refill.py todo RAW [--split S] [--lines F]   the gold pages with no good raw file yet
    python benchmarks/real/refill.py check RAW/0042.json ...  whether each file is the annotated text
    python benchmarks/real/refill.py build RAW OUT [--split S] [--not-split S]
                                                              write the cache (JSON Lines) from RAW
                                                              and the queries to refill_queries.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from urllib.parse import unquote

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold.jsonl"
QUERIES = HERE / "refill_queries.jsonl"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_gold(path: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def same_url(a: str, b: str) -> bool:
    """The gold writes a URL as the search result gave it; a copy may differ in percent-encoding."""
    return a == b or unquote(a) == unquote(b)


def title_of(text: str, title_sha: str | None) -> str | None:
    """The heading line whose hash the gold holds (the excerpt's first line, or one after site chrome)."""
    if not title_sha:
        return None
    lines = text.splitlines()
    for line in lines:
        for candidate in (line, line.strip()):
            if candidate and sha256(candidate) == title_sha:
                return candidate
    # a heading that shares its line with site chrome or a press-release number ("Pressemitteilung
    # Nr. 803 vom 16.11.2017 <heading>"): the annotator took the words of the heading alone, so try
    # every run of whole words in the first lines (a few thousand hashes)
    for line in lines[:8]:
        words = line.split(" ")
        for i in range(len(words)):
            for j in range(i + 1, min(len(words), i + 40) + 1):
                candidate = " ".join(words[i:j])
                if sha256(candidate) == title_sha:
                    return candidate
    # a heading broken over two or three lines, joined by a space
    for i in range(min(len(lines), 12)):
        for k in (2, 3):
            candidate = " ".join(line.strip() for line in lines[i:i + k])
            if sha256(candidate) == title_sha:
                return candidate
    return None


def check(gold: list[dict], raw: Path) -> tuple[str, dict | None]:
    """(verdict, cache record or None) for one raw file."""
    try:
        n = int(raw.stem)
        record = json.loads(raw.read_text(encoding="utf-8"))
    except (ValueError, json.JSONDecodeError) as exc:
        return f"{raw}: unreadable ({exc})", None
    if not 1 <= n <= len(gold):
        return f"{raw}: no gold line {n}", None
    g = gold[n - 1]
    url, text = record.get("url", ""), record.get("excerpt", "")
    if not same_url(url, g["url"]):
        return f"{raw}: URL {url!r} is not the gold's {g['url']!r}", None
    # an editor may add a final newline the excerpt did not have
    for candidate in (text, text.rstrip("\n")):
        if sha256(candidate) == g["text_sha256"]:
            title = title_of(candidate, g.get("title_sha256"))
            if g.get("title_sha256") and title is None:
                return f"{raw}: text matches but no line is the gold's title", None
            page = {"url": g["url"], **({"title": title} if title else {}), "text": candidate,
                    "publisher": g.get("publisher", "")}
            return f"{raw}: ok ({g['split']})", page
    return f"{raw}: text differs from the annotated one ({len(text)} characters; a copying slip, or another version)", None


def raw_files(raw_dir: Path) -> list[Path]:
    return sorted(p for p in raw_dir.glob("*.json") if p.stem.isdigit())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    todo = sub.add_parser("todo", help="gold pages without a good raw file")
    todo.add_argument("raw", type=Path)
    todo.add_argument("--split", action="append", help="only these splits (repeatable)")
    todo.add_argument("--lines", type=Path, help="only the gold lines listed in this file (one number a line)")
    chk = sub.add_parser("check", help="check raw files against the gold hashes")
    chk.add_argument("files", nargs="+", type=Path)
    build = sub.add_parser("build", help="write the cache from the good raw files")
    build.add_argument("raw", type=Path)
    build.add_argument("out", type=Path)
    build.add_argument("--queries", type=Path, default=QUERIES)
    build.add_argument("--split", action="append", help="only these splits (repeatable): a blind split keeps a cache of its own")
    build.add_argument("--not-split", action="append", default=[], help="leave these splits out (repeatable)")
    args = ap.parse_args(argv)
    gold = read_gold()

    if args.command == "check":
        bad = 0
        for f in args.files:
            verdict, page = check(gold, f)
            bad += page is None
            print(verdict)
        return 1 if bad else 0

    if args.command == "todo":
        done = {int(p.stem) for p in raw_files(args.raw) if check(gold, p)[1]} if args.raw.is_dir() else set()
        known = {}
        if QUERIES.is_file():
            known = {q["url"]: q["query"] for q in map(json.loads, QUERIES.read_text(encoding="utf-8").splitlines())}
        wanted = {int(x) for x in args.lines.read_text().split()} if args.lines else None
        for n, g in enumerate(gold, 1):
            if n in done or (args.split and g["split"] not in args.split) or (wanted and n not in wanted):
                continue
            places = sorted({m["surface"] for m in g.get("municipalities", [])})[:8]
            print(json.dumps({"line": n, "split": g["split"], "url": g["url"], "query": known.get(g["url"]),
                              "places": places, "notes": g.get("notes", "")[:200]}, ensure_ascii=False))
        return 0

    pages, queries, verdicts = {}, {}, []
    for f in raw_files(args.raw):
        verdict, page = check(gold, f)
        if page is None:
            verdicts.append(verdict)
            continue
        split = gold[int(f.stem) - 1]["split"]
        if (args.split and split not in args.split) or split in args.not_split:
            continue
        pages[int(f.stem)] = page
        query = json.loads(f.read_text(encoding="utf-8")).get("query")
        if query:
            queries[page["url"]] = query
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for n in sorted(pages):
            fh.write(json.dumps(pages[n], ensure_ascii=False) + "\n")
    old = {}
    if args.queries.is_file():
        old = {q["url"]: q["query"] for q in map(json.loads, args.queries.read_text(encoding="utf-8").splitlines())}
    old.update(queries)
    order = {g["url"]: n for n, g in enumerate(gold)}
    with args.queries.open("w", encoding="utf-8") as fh:
        for url in sorted(old, key=lambda u: order.get(u, len(order))):
            fh.write(json.dumps({"url": url, "query": old[url]}, ensure_ascii=False) + "\n")
    by_split: dict[str, list[int]] = {}
    for n, g in enumerate(gold, 1):
        by_split.setdefault(g["split"], [0, 0])
        by_split[g["split"]][1] += 1
        by_split[g["split"]][0] += n in pages
    for v in verdicts:
        print(v)
    print(f"{len(pages)} of {len(gold)} pages written to {args.out}; by split: "
          + ", ".join(f"{s} {a}/{b}" for s, (a, b) in by_split.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
