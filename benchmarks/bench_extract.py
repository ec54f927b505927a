"""Extraction speed, gazetteer load time, and the memory of a sample build.

Each figure is reported beside a baseline measured in the same run:
- extraction throughput (MB of article text per second, one core, gazetteer loaded) against the
  raw Aho-Corasick scan of the same text over the same 590k place names, the floor of any
  gazetteer matcher (the developers' guide measured 9.8 MB/s for such a scan);
- loading the cached gazetteer against compiling it from GeoNames;
- the peak resident memory of `partnergraph build` on the sample corpus (warm gazetteer cache)
  against the peak of a Python process that only imports partnergraph, and of the first build
  on a machine (empty cache: the gazetteer is compiled, in a child process that counts too).

Targets (issue 7): ≥ 2 MB/s, load < 1 s, sample build < 600 MB (first build included). Usage:
    python benchmarks/bench_extract.py [--seconds 10] [--out benchmarks/out/extract.json]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def child(code: str, env: dict | None = None) -> dict:
    """Runs `code` in a fresh interpreter; it prints one JSON object, returned parsed."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, **(env or {})}, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def peak_rss_mb(argv: list[str], env: dict | None = None) -> tuple[float, float]:
    """(seconds, peak resident MB) of a command, via wait4's rusage of that child alone."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{argv} failed")
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def extraction_profile(extractor, docs, top: int) -> list[dict]:
    """The functions the extraction spends its time in (cProfile over one pass of `docs`), by
    own time, as shares of the total: where a speed-up has to come from."""
    import cProfile
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    for d in docs:
        extractor.extract(d)
    prof.disable()
    stats = pstats.Stats(prof).stats
    total = sum(tt for _cc, _nc, tt, _ct, _callers in stats.values()) or 1.0
    rows = sorted(stats.items(), key=lambda kv: -kv[1][2])[:top]
    return [{"function": f"{Path(file).name}:{line}({name})", "calls": nc,
             "own_share": round(tt / total, 4), "cumulative_share": round(ct / total, 4)}
            for (file, line, name), (_cc, nc, tt, ct, _callers) in rows]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=10.0, help="time per throughput measurement")
    ap.add_argument("--out", type=Path, default=HERE / "out" / "extract.json")
    ap.add_argument("--texts", type=Path, metavar="FILE.jsonl",
                    help="measure on these articles (e.g. the cached real-text development set) "
                         "instead of the sample bodies")
    ap.add_argument("--profile", type=int, default=15, metavar="N",
                    help="functions of the extraction profile to report (by own time; 0: none)")
    args = ap.parse_args(argv)

    # memory first, while this process is small: a child's peak RSS counts the pages it shares
    # with its parent between fork and exec
    import_only = peak_rss_mb([sys.executable, "-c", "import partnergraph.pipeline.build"])
    # the first build on a machine compiles the gazetteer (in a child process, counted here:
    # wait4's rusage covers the child's descendants); later builds load it from the cache
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as cold_cache:
        first_s, first_mb = peak_rss_mb([sys.executable, "-m", "partnergraph", "build", "-q", "-d", out],
                                        env={"PARTNERGRAPH_CACHE": cold_cache})
    with tempfile.TemporaryDirectory() as out:
        build_s, build_mb = peak_rss_mb([sys.executable, "-m", "partnergraph", "build", "-q", "-d", out])

    from partnergraph.extract.extractor import Extractor
    from partnergraph.models import Article
    from partnergraph.resources import sample_dir
    from partnergraph.sources import read_path

    if args.texts:
        docs = [a for a in read_path(args.texts) if isinstance(a, Article)]
    else:
        articles = [a for a in read_path(sample_dir()) if isinstance(a, Article)]
        # ~4 kB articles, the length of a typical news piece: four sample bodies per article
        docs = [Article(url=f"bench:{i}", title=articles[i].title, date=articles[i].date,
                        text="\n\n".join(a.text for a in articles[i:i + 4])) for i in range(0, len(articles) - 3, 4)]
    size_mb = sum(len(d.analysed_text.encode("utf-8")) for d in docs) / 1e6
    extractor = Extractor()

    def rate(fn) -> float:
        done, start = 0, time.process_time()
        while time.process_time() - start < args.seconds:
            for d in docs:
                fn(d)
            done += 1
        return done * size_mb / (time.process_time() - start)

    automaton = extractor.gazetteer.automaton
    scan = rate(lambda d: sum(1 for _ in automaton.iter(d.analysed_text)))
    extract = rate(extractor.extract)
    profile = extraction_profile(extractor, docs, args.profile) if args.profile else []

    with tempfile.TemporaryDirectory() as cache:
        env = {"PARTNERGRAPH_CACHE": cache}
        code = ("import time, json; t = time.perf_counter(); "
                "from partnergraph.extract.gazetteer import get_gazetteer; g = get_gazetteer(); "
                "print(json.dumps({'seconds': time.perf_counter() - t, 'places': len(g)}))")
        compiled = child(code, env)
        loaded = child(code, env)

    result = {
        "extraction_mb_per_s": round(extract, 3),
        "aho_corasick_scan_mb_per_s": round(scan, 3),
        "extraction_vs_scan": round(extract / scan, 3),
        "gazetteer_compile_s": round(compiled["seconds"], 3),
        "gazetteer_load_s": round(loaded["seconds"], 3),
        "load_vs_compile": round(loaded["seconds"] / compiled["seconds"], 4),
        "sample_build_s": round(build_s, 2),
        "sample_build_peak_mb": round(build_mb, 1),
        "first_sample_build_s": round(first_s, 2),
        "first_sample_build_peak_mb": round(first_mb, 1),
        "import_only_peak_mb": round(import_only[1], 1),
        "build_vs_import_memory": round(build_mb / import_only[1], 2),
        "texts": str(args.texts) if args.texts else "sample bodies, four per article",
        "extraction_profile": profile,
        "targets": {"extraction_mb_per_s": 2.0, "gazetteer_load_s": 1.0, "sample_build_peak_mb": 600},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"extraction        {extract:7.2f} MB/s   (raw gazetteer scan {scan:.2f} MB/s: ratio {extract / scan:.2f})")
    print(f"gazetteer load    {loaded['seconds']:7.2f} s      (compile {compiled['seconds']:.2f} s: ratio {loaded['seconds'] / compiled['seconds']:.3f})")
    print(f"sample build      {build_mb:7.0f} MB peak, {build_s:.1f} s   (import only {import_only[1]:.0f} MB: ratio {build_mb / import_only[1]:.1f})")
    for row in profile:
        print(f"  {row['own_share']:6.1%} own  {row['cumulative_share']:6.1%} cum  {row['function']}")
    print(f"first build       {first_mb:7.0f} MB peak, {first_s:.1f} s   (compiles the gazetteer; ratio to a later build {first_mb / build_mb:.2f})")
    ok = extract >= 2.0 and loaded["seconds"] < 1.0 and max(build_mb, first_mb) < 600
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
