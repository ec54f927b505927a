"""SHACL validation (issue 16.2): the shapes compiled to SPARQL (shapecheck.py, what every build
runs) against pySHACL (`partnergraph validate`, the baseline), on the same built graph.

Measures, on a graph directory (default: the sample, built into a temporary folder): pySHACL
over the merged graph; every compiled check on the merged graph; the per-article checks over
all article graphs in chunks of 100 (as the extraction workers run them); and the build's
merged-graph share. Both must find the same violations. Usage:
    python benchmarks/bench_validate.py [--dir DIR] [--out benchmarks/out/validate.json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent

from partnergraph.pipeline.build import BuildOptions, build  # noqa: E402
from partnergraph.pipeline.staging import open_existing  # noqa: E402
from partnergraph.pipeline.workers import CHUNK_SIZE, article_checks  # noqa: E402
from partnergraph.namespaces import DEFAULT_BASE  # noqa: E402
from partnergraph.validate.shacl import validate_store  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, help="a built graph directory")
    ap.add_argument("--out", type=Path, default=HERE / "out" / "validate.json")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="pg-bench-validate-"))
    try:
        directory = args.dir
        if directory is None:
            directory = work / "sample"
            build(None, BuildOptions(out_dir=directory, viz=False, validate=False))
        store = open_existing(directory)
        quads = len(store)
        start = time.perf_counter()
        baseline = validate_store(store, base=DEFAULT_BASE, max_triples=10**9)
        pyshacl_s = time.perf_counter() - start

        checks = article_checks(DEFAULT_BASE)
        start = time.perf_counter()
        merged_all = checks.checks.check_merged(store, range(len(checks.checks.checks)))
        all_s = time.perf_counter() - start

        articles = sorted(g for g in store.graph_names() if "/article/" in g)
        start = time.perf_counter()
        candidates = []
        for i in range(0, len(articles), CHUNK_SIZE):
            graphs = {g: list(store.raw.quads_for_pattern(None, None, None, ox.NamedNode(g)))
                      for g in articles[i:i + CHUNK_SIZE]}
            for found in checks.candidates(graphs).values():
                candidates += found
        per_article_s = time.perf_counter() - start
        start = time.perf_counter()
        build_share = checks.checks.confirm(store, candidates) + checks.checks.check_merged(store, checks.merged)
        merged_s = time.perf_counter() - start

        same = ({(v.focus, v.message) for v in baseline.violations}
                == {(v.focus, v.message) for v in merged_all})
        result = {
            "quads": quads, "articles": len(articles), "checks": len(checks.checks.checks),
            "per_article_checks": len(checks.per_graph), "merged_checks": len(checks.merged),
            "pyshacl_s": round(pyshacl_s, 2), "compiled_all_on_merged_s": round(all_s, 2),
            "build_per_article_s": round(per_article_s, 2),
            "build_per_article_ms_per_article": round(1000 * per_article_s / max(1, len(articles)), 2),
            "build_merged_s": round(merged_s, 2),
            "build_total_vs_pyshacl": round((per_article_s + merged_s) / pyshacl_s, 3),
            "violations": {"pyshacl": baseline.violation_count, "compiled": len(merged_all),
                           "build": len(build_share), "same_as_pyshacl": same},
        }
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(json.dumps(result, indent=2))
        return 0 if same else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
