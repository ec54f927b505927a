"""Build speed at scale: a synthetic corpus of 10,000 realistic articles (make_corpus.py).

Measures, in one run: the full build with one worker (the baseline) and with one worker per
core, then a rebuild after changing one article. Targets (issue 7): the full build under 60 s
on this 2-core machine using both cores, the one-article rebuild under 10 s. Usage:
    python benchmarks/bench_build.py [--articles 10000] [--out benchmarks/out/build.json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_corpus import generate  # noqa: E402

from partnergraph.pipeline.build import BuildOptions, build  # noqa: E402


#: progress messages that open a phase of the build (build.py), and the phase's name here
PHASES = {"writing graph.ttl": "dumps_and_store_finish", "writing graph.html": "viewer_stats_void",
          "validating": "validation_and_commit"}


def timed_build(corpus: Path, out: Path, jobs: int) -> tuple[float, object, dict]:
    """(seconds, report, seconds per phase): extraction with the store loading beside it, then
    the dumps (from the pieces, while the last batches load), then the rest of the outputs."""
    marks = [("extraction_and_store_load", 0.0)]
    start = time.perf_counter()

    def progress(message: str) -> None:
        for prefix, phase in PHASES.items():
            if message.startswith(prefix):
                marks.append((phase, time.perf_counter() - start))

    report = build([str(corpus)], BuildOptions(out_dir=out, jobs=jobs, progress=progress))
    total = time.perf_counter() - start
    ends = [t for _, t in marks[1:]] + [total]
    return total, report, {name: round(end - begin, 1) for (name, begin), end in zip(marks, ends)}


def timed_export(directory: Path) -> dict:
    """`export -f turtle` of the built graph: served from the committed graph.ttl (the store is
    unchanged since the build), against writing it from the store (the baseline)."""
    from partnergraph.pipeline.staging import open_existing

    try:
        from partnergraph.publish.export import export_dir
    except ImportError:  # a version before committed exports: nothing to compare
        return {}
    out = {}
    for name, committed in (("from_store_s", False), ("committed_s", True)):
        store = open_existing(directory)
        start = time.perf_counter()
        with open(directory.parent / f"export-{name}.ttl", "wb") as fh:
            export_dir(directory, store, "turtle", fh, base="https://w3id.org/partnergraph/id/", committed=committed)
        out[name] = round(time.perf_counter() - start, 2)
        store.close()
    out["same_bytes"] = ((directory.parent / "export-from_store_s.ttl").read_bytes()
                         == (directory.parent / "export-committed_s.ttl").read_bytes())
    out["committed_vs_store"] = round(out["committed_s"] / out["from_store_s"], 3) if out["from_store_s"] else None
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--out", type=Path, default=HERE / "out" / "build.json")
    ap.add_argument("--skip-baseline", action="store_true", help="do not run the one-worker build")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="pg-bench-"))
    try:
        corpus = work / "corpus.jsonl"
        records = list(generate(args.articles))
        corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        mb = corpus.stat().st_size / 1e6
        cores = os.cpu_count() or 1
        one = None
        if not args.skip_baseline:
            one, _, _ = timed_build(corpus, work / "one", 1)
        full, report, full_phases = timed_build(corpus, work / "all", cores)
        records[len(records) // 2]["text"] += " Ein neuer Satz über die Partnerschaft mit Kyjiw."
        corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        rebuild, rep2, rebuild_phases = timed_build(corpus, work / "all", cores)
        export = timed_export(work / "all")
        result = {
            "articles": args.articles, "corpus_mb": round(mb, 1), "cores": cores,
            "triples": report.triples, "quads": report.quads,
            "full_build_one_worker_s": round(one, 1) if one else None,
            "full_build_all_cores_s": round(full, 1),
            "speedup_all_cores_vs_one": round(one / full, 2) if one else None,
            "rebuild_one_changed_s": round(rebuild, 1), "rebuild_extracted": rep2.articles_extracted,
            "rebuild_vs_full": round(rebuild / full, 3),
            "full_build_phases_s": full_phases, "rebuild_phases_s": rebuild_phases,
            "validation": {k: (report.validation or {}).get(k) for k in ("conforms", "violation_count", "checked")},
            "export_turtle": export,
            "targets": {"full_build_s": 60, "rebuild_s": 10},
        }
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(json.dumps(result, indent=2))
        return 0 if full < 60 and rebuild < 10 else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
