"""Cost of one large article (issue 15.4): per phase of the worker's per-article work
(extraction, the article graph, its N-Quads, its dump piece, its SHACL checks) for articles of
growing size, and the time a build takes to refuse articles over build.MAX_ARTICLE_CHARS.

The large articles are synthetic news (make_corpus.py) joined into one text, so that the number
of places, partnerships and mentions grows with the size, as it would in a real long text. The
baseline, measured in the same run, is the same work on the same text as separate articles of
typical size: a phase that grows faster than that is superlinear. Usage:
    python benchmarks/bench_big_article.py [--sizes 0.25 0.5 1] [--refused 2 8 50]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_corpus import generate  # noqa: E402

from partnergraph.pipeline.build import BuildOptions, build  # noqa: E402
from partnergraph.pipeline.collect import MAX_ARTICLE_CHARS  # noqa: E402
from partnergraph.pipeline.workers import CHUNK_SIZE, article_checks  # noqa: E402
from partnergraph.publish.dumps import canonical_nquads, render  # noqa: E402
from partnergraph.extract.extractor import Extractor  # noqa: E402
from partnergraph.graph.triples import article_quads  # noqa: E402
from partnergraph.graph.iri import Minter  # noqa: E402
from partnergraph.models import Article  # noqa: E402

BASE = "https://w3id.org/partnergraph/id/"


def phases(extractor, minter, checks, articles: list[Article]) -> dict[str, float]:
    """Seconds per phase for `articles`, one after the other; the SHACL checks per 100 article
    graphs, as the extraction workers run them (build.CHUNK_SIZE)."""
    t = dict.fromkeys(("extract", "graph", "nquads", "piece", "shacl"), 0.0)
    graphs = {}
    for a in articles:
        start = time.perf_counter()
        ex = extractor.extract(a)
        t["extract"] += time.perf_counter() - start
        start = time.perf_counter()
        quads = article_quads(ex, extractor.vocabulary, minter)
        t["graph"] += time.perf_counter() - start
        start = time.perf_counter()
        nquads = canonical_nquads(quads)
        t["nquads"] += time.perf_counter() - start
        g = minter.article(a.url)
        start = time.perf_counter()
        render(g, nquads, base=minter.base).to_bytes()
        t["piece"] += time.perf_counter() - start
        graphs[g] = quads
        if len(graphs) == CHUNK_SIZE or a is articles[-1]:
            start = time.perf_counter()
            checks.candidates(graphs)
            t["shacl"] += time.perf_counter() - start
            graphs = {}
    return {k: round(v, 2) for k, v in t.items()}


def texts_of(records, megabytes: float) -> list[str]:
    out, size = [], 0
    for r in records:
        if size >= megabytes * 1e6:
            break
        out.append(r["text"])
        size += len(r["text"].encode())
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[0.25, 0.5, 1.0], help="MB per large article")
    ap.add_argument("--refused", type=float, nargs="+", default=[2.0, 8.0, 50.0], help="MB of articles over the limit")
    ap.add_argument("--out", type=Path, default=HERE / "out" / "big_article.json")
    args = ap.parse_args(argv)
    extractor, minter = Extractor(), Minter(BASE)
    checks = article_checks(BASE)
    records = list(generate(int(max(args.sizes) * 1e6 / 1500) + 100))
    rows = []
    for mb in args.sizes:
        texts = texts_of(records, mb)
        big = [Article(url="https://example.org/big", title="Partnerschaften", text="\n\n".join(texts))]
        small = [Article(url=f"https://example.org/a{i}", title="Partnerschaften", text=t) for i, t in enumerate(texts)]
        one, many = phases(extractor, minter, checks, big), phases(extractor, minter, checks, small)
        rows.append({"mb": mb, "characters": len(big[0].text), "one_article_s": one,
                     "as_separate_articles_s": many, "total_ratio": round(sum(one.values()) / sum(many.values()), 2)})
        print(json.dumps(rows[-1]), flush=True)
    refused = []
    work = Path(tempfile.mkdtemp(prefix="pg-bench-big-"))
    try:
        unit = "\n\n".join(texts_of(records, 1.0))
        for mb in args.refused:
            text = (unit * (int(mb) + 1))[:int(mb * 1e6)]
            corpus = work / "big.jsonl"
            corpus.write_text(json.dumps({"url": "https://example.org/big", "title": "Groß", "text": text},
                                         ensure_ascii=False) + "\n", encoding="utf-8")
            start = time.perf_counter()
            report = build([str(corpus)], BuildOptions(out_dir=work / "out", viz=False, jobs=1))
            seconds = time.perf_counter() - start
            refused.append({"mb": mb, "build_s": round(seconds, 2), "s_per_mb": round(seconds / mb, 3),
                            "message": report.skipped[0].reason if report.skipped else None})
            print(json.dumps(refused[-1]), flush=True)
            shutil.rmtree(work / "out", ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result = {"max_article_chars": MAX_ARTICLE_CHARS, "large_articles": rows, "refused": refused}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
