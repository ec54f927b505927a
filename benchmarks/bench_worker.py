"""The extraction workers' cost per article, phase by phase, against another version's code.

A build's workers do, per article: the extraction, the article's graph (`article_quads`), its
sorted N-Quads and its dump piece (`render`), and the SHACL checks of its graph (per chunk of
`workers.CHUNK_SIZE`). This measures the processor time of each phase on synthetic articles
(make_corpus.py) for this version and, with ``--baseline DIR`` (e.g. a checkout of main), for
that version's code, in child processes taking turns (a shared machine's load drifts), and
checks that both make the same bytes (N-Quads and pieces). Usage:
    python benchmarks/bench_worker.py [--articles 1000] [--baseline DIR] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_corpus import generate  # noqa: E402

#: one measurement in a fresh interpreter (argv: src or "", corpus): prints the milliseconds per
#: article of each phase and a digest of the N-Quads and pieces
_PHASES = r"""
import hashlib, json, sys, time
if sys.argv[1]:
    sys.path.insert(0, sys.argv[1])
from pathlib import Path
from partnergraph.graph.iri import Minter
from partnergraph.graph.triples import article_quads
from partnergraph.models import Article
from partnergraph.pipeline.workers import CHUNK_SIZE, _extractor, article_checks
from partnergraph.publish import dumps
from partnergraph.sources import read_path
BASE = "https://w3id.org/partnergraph/id/"
articles = [a for a in read_path(Path(sys.argv[2])) if isinstance(a, Article)]
_, extractor, minter = _extractor(BASE)
checks = article_checks(BASE)
T = dict.fromkeys(("extract", "graph", "nquads_and_piece", "shacl"), 0.0)
digest = hashlib.sha256()
clock = time.process_time
graphs = {}
for i, a in enumerate(articles):
    t0 = clock()
    ex = extractor.extract(a)
    t1 = clock()
    quads = article_quads(ex, extractor.vocabulary, minter)
    t2 = clock()
    graph = minter.article(a.url)
    if hasattr(dumps, "canonical"):  # this version: the sorted quads come with the N-Quads
        nquads, quads = dumps.canonical(quads)
        piece = dumps.render(graph, nquads, base=BASE, quads=quads).to_bytes()
    else:
        nquads = dumps.canonical_nquads(quads)
        piece = dumps.render(graph, nquads, base=BASE).to_bytes()
    t3 = clock()
    graphs[graph] = quads
    if len(graphs) == CHUNK_SIZE or i == len(articles) - 1:
        found = checks.candidates(graphs)
        graphs = {}
        digest.update(json.dumps(found, sort_keys=True).encode())
    t4 = clock()
    T["extract"] += t1 - t0
    T["graph"] += t2 - t1
    T["nquads_and_piece"] += t3 - t2
    T["shacl"] += t4 - t3
    digest.update(nquads)
    digest.update(piece)
n = len(articles)
print(json.dumps({"ms_per_article": {k: 1000 * v / n for k, v in T.items()}, "digest": digest.hexdigest(),
                  "module": sys.modules["partnergraph"].__file__}))
"""


def measure(src: str, corpus: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", _PHASES, src, str(corpus)], capture_output=True, text=True,
                         env={**os.environ, "PYTHONHASHSEED": "0"}, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1_000)
    ap.add_argument("--baseline", type=Path, metavar="DIR", help="a checkout of another version (e.g. main)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--out", type=Path, default=HERE / "out" / "worker.json")
    args = ap.parse_args(argv)
    if args.baseline is not None and not (args.baseline / "src" / "partnergraph").is_dir():
        ap.error(f"--baseline {args.baseline}: no src/partnergraph there")
    with tempfile.TemporaryDirectory() as work:
        corpus = Path(work) / "corpus.jsonl"
        corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in generate(args.articles)),
                          encoding="utf-8")
        versions = {"this": ""}
        if args.baseline is not None:
            versions = {"baseline": str(args.baseline / "src"), **versions}
        runs: dict[str, list[dict]] = {name: [] for name in versions}
        for _ in range(args.rounds):
            for name, src in versions.items():
                runs[name].append(measure(src, corpus))
    if args.baseline is not None:
        module = Path(runs["baseline"][0]["module"]).resolve()
        if not module.is_relative_to((args.baseline / "src").resolve()):
            raise SystemExit(f"the baseline run imported {module}, not the code under {args.baseline}")

    def medians(name: str) -> dict:
        phases = runs[name][0]["ms_per_article"]
        out = {k: round(statistics.median(r["ms_per_article"][k] for r in runs[name]), 3) for k in phases}
        out["total"] = round(statistics.median(sum(r["ms_per_article"].values()) for r in runs[name]), 3)
        return out

    result = {"articles": args.articles, "rounds": args.rounds, "this_ms_per_article": medians("this")}
    if args.baseline is not None:
        base = medians("baseline")
        result.update({"baseline": str(args.baseline), "baseline_ms_per_article": base,
                       "this_vs_baseline": {k: round(v / base[k], 3) if base[k] else None
                                            for k, v in result["this_ms_per_article"].items()},
                       "same_bytes": runs["this"][0]["digest"] == runs["baseline"][0]["digest"]})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0 if result.get("same_bytes", True) else 1


if __name__ == "__main__":
    raise SystemExit(main())
