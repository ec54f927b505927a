"""Extraction speed, gazetteer load time, and the memory of a sample build.

Each figure is reported beside a baseline measured in the same run:
- extraction throughput (MB of article text per second, one core, gazetteer loaded) against the
  raw Aho-Corasick scan of the same text over the same 590k place names, the floor of any
  gazetteer matcher (the developers' guide measured 9.8 MB/s for such a scan);
- loading the cached gazetteer against compiling it from GeoNames;
- the peak resident memory of `partnergraph build` on the sample corpus (warm gazetteer cache)
  against the peak of a Python process that only imports partnergraph, and of the first build
  on a machine (empty cache: the gazetteer is compiled, in a child process that counts too).

With ``--baseline DIR`` (a checkout of another version, e.g. main's), the extraction throughput
of that version's code is measured too, on the same texts, in child processes that take turns
with this version's (so both see the same load of a shared machine), and the two versions'
extractions are compared (a digest of every extraction: a speed-up must not change a result).

Targets (issue 7, issue 16, issue 17), per core and cold: ≥ 2 MB/s (≥ 3 MB/s on the real-text set), load < 1 s,
sample build < 600 MB (first build included). The cold pass is measured once more with every
partnership rule skipped (`relations.apply`): the scan, the place and term resolution and the
place passes alone, a ceiling no trimming of the rules can pass. Usage:
    python benchmarks/bench_extract.py [--seconds 10] [--texts FILE.jsonl] [--baseline DIR] [--cold]
                                       [--out benchmarks/out/extract.json]
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


#: one throughput measurement in a fresh interpreter: the texts, the extractor of the source tree
#: first on sys.path (argv[1], "" for the installed one), best of `rounds` passes of at least
#: `seconds`; prints MB/s and a digest of every extraction (argv: src, texts or "", seconds,
#: "cold" or "warm": with "cold", the per-sentence memos are emptied before every pass)
_RATE = r"""
import hashlib, json, sys, time
from pathlib import Path
if sys.argv[1]:
    sys.path.insert(0, sys.argv[1])
sys.path.append(sys.argv[5])  # this folder, after the code measured: the texts and memos of the parent
from bench_extract import bench_docs, compiled_modules, forget_sentences
from partnergraph.extract.extractor import Extractor
docs = bench_docs(Path(sys.argv[2]) if sys.argv[2] else None)
size = sum(len(d.analysed_text.encode("utf-8")) for d in docs) / 1e6
ex = Extractor()
digest = hashlib.sha256()
for d in docs:
    e = ex.extract(d)
    digest.update(repr((e.mentions, e.places, e.organisations, e.regions, e.partnerships, e.events, e.persons,
                        e.populations)).encode())
cold = sys.argv[4] == "cold"
done, start = 0, time.process_time()
while time.process_time() - start < float(sys.argv[3]):
    if cold:
        forget_sentences(ex)
    for d in docs:
        ex.extract(d)
    done += 1
print(json.dumps({"mb_per_s": done * size / (time.process_time() - start), "digest": digest.hexdigest(),
                  "module": sys.modules["partnergraph"].__file__,
                  "compiled": compiled_modules()}))
"""


def bench_docs(texts: Path | None) -> list:
    """The articles measured: those of `texts`, else the sample's bodies four to an article
    (~4 kB, the length of a typical news piece). Imports partnergraph when called, so a child
    measuring another version reads the texts with that version's code."""
    from partnergraph.models import Article
    from partnergraph.resources import sample_dir
    from partnergraph.sources import read_path

    if texts:
        return [a for a in read_path(texts) if isinstance(a, Article)]
    articles = [a for a in read_path(sample_dir()) if isinstance(a, Article)]
    return [Article(url=f"bench:{i}", title=articles[i].title, date=articles[i].date,
                    text="\n\n".join(a.text for a in articles[i:i + 4])) for i in range(0, len(articles) - 3, 4)]


def compiled_modules() -> list[str]:
    """The modules of partnergraph this process imported from compiled extension files (a build
    compiled with Cython, see bench_compiled.py) rather than from .py sources: a figure is only
    comparable with one of the same kind."""
    from importlib.machinery import EXTENSION_SUFFIXES

    return sorted(name for name, module in list(sys.modules.items())
                  if name.startswith("partnergraph") and str(getattr(module, "__file__", None) or "").endswith(
                      tuple(EXTENSION_SUFFIXES)))


def forget_sentences(extractor) -> None:
    """Empties the extractor's per-sentence memos. A benchmark repeats the same texts, so from
    its second pass on every sentence would be a memo hit; a real build sees each sentence once
    (the word-keyed memos stay: words do repeat across a build's articles)."""
    getattr(extractor._relations, "_cue_memo", {}).clear()
    from partnergraph.extract import prefilter  # (the strings the pre-filters read, by content)
    getattr(prefilter, "_READ_MEMO", {}).clear()


def paired_rates(baseline: Path, texts: Path | None, seconds: float, rounds: int, cold: bool = False) -> dict:
    """Extraction MB/s of this version and of the one at `baseline`, in `rounds` alternating
    pairs of child processes (a shared machine's load drifts: alternating spreads it over both);
    the medians, their ratio, and whether the two extracted the same."""
    import statistics

    env = {"PYTHONHASHSEED": "0"}  # the digest covers sets' reprs
    runs: dict[str, list[dict]] = {"this": [], "baseline": []}
    for _ in range(rounds):
        for name, src in (("baseline", str(baseline / "src")), ("this", "")):
            runs[name].append(child_args(_RATE, [src, str(texts or ""), str(seconds), "cold" if cold else "warm",
                                                 str(HERE)], env))
    for name, src in (("baseline", baseline / "src"), ("this", None)):
        module = Path(runs[name][0]["module"]).resolve()
        if src is not None and not module.is_relative_to(src.resolve()):
            raise SystemExit(f"the baseline run imported {module}, not the code under {src}")
    this = statistics.median(r["mb_per_s"] for r in runs["this"])
    base = statistics.median(r["mb_per_s"] for r in runs["baseline"])
    return {"baseline": str(baseline), "rounds": rounds,
            "this_mb_per_s": round(this, 3), "baseline_mb_per_s": round(base, 3),
            "this_vs_baseline": round(this / base, 3),
            "this_runs": [round(r["mb_per_s"], 3) for r in runs["this"]],
            "baseline_runs": [round(r["mb_per_s"], 3) for r in runs["baseline"]],
            "same_extractions": runs["this"][0]["digest"] == runs["baseline"][0]["digest"],
            "this_compiled_modules": len(runs["this"][0].get("compiled", [])),
            "baseline_compiled_modules": len(runs["baseline"][0].get("compiled", []))}


def child_args(code: str, args: list[str], env: dict | None = None) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         env={**os.environ, **(env or {})}, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def extraction_profile(extractor, docs, top: int, cold: bool = False, stats: dict | None = None) -> list[dict]:
    """The functions the extraction spends its time in (cProfile over one pass of `docs`), by
    own time, as shares of the total: where a speed-up has to come from."""
    stats = stats if stats is not None else profile_stats(extractor, docs, cold)
    total = sum(tt for _cc, _nc, tt, _ct, _callers in stats.values()) or 1.0
    rows = sorted(stats.items(), key=lambda kv: -kv[1][2])[:top]
    return [{"function": f"{Path(file).name}:{line}({name})", "calls": nc,
             "own_share": round(tt / total, 4), "cumulative_share": round(ct / total, 4)}
            for (file, line, name), (_cc, nc, tt, ct, _callers) in rows]


def profile_stats(extractor, docs, cold: bool = False) -> dict:
    """cProfile's statistics of one pass of `docs` (pstats' table: function → (primitive calls,
    calls, own time, cumulative time, callers))."""
    import cProfile
    import pstats

    if cold:
        forget_sentences(extractor)
    prof = cProfile.Profile()
    prof.enable()
    for d in docs:
        extractor.extract(d)
    prof.disable()
    return pstats.Stats(prof).stats


#: the functions whose direct callees are the extraction's passes (file name, function name)
PASS_RUNNERS = {("extractor.py", "extract"), ("relations.py", "apply")}


def extraction_passes(stats: dict) -> list[dict]:
    """The extraction's passes, by their share of the whole: the functions `Extractor.extract`
    and `RelationRules.apply` call directly, each with the cumulative time of those calls
    (cProfile's: passes of many small calls weigh more than they cost unprofiled, up to 3× on the
    real pages; `sampled_passes` measures the shares at full speed).
    Read from the code's own calls, so a pass added or removed shows without a list to keep."""
    runners = {key for key in stats if (Path(key[0]).name, key[2]) in PASS_RUNNERS}
    total = sum(stats[k][3] for k in runners if Path(k[0]).name == "extractor.py") or 1.0
    rows = []
    for (file, line, name), (_cc, _nc, _tt, _ct, callers) in stats.items():
        for caller, (_pcc, nc, _ptt, ct) in callers.items():
            if caller in runners:
                rows.append({"pass": f"{Path(file).name}:{name}", "called_by": f"{Path(caller[0]).name}:{caller[2]}",
                             "calls": nc, "share": round(ct / total, 4)})
    return sorted(rows, key=lambda r: -r["share"])


#: the sampling interval of `sampled_passes` (CPU time): 0.5 ms gives ~2,000 samples a second
#: of extraction, a pass of 1 % then stands on ~20 samples a second measured
SAMPLE_INTERVAL_S = 0.0005


def sampled_passes(extractor, docs, seconds: float, cold: bool = False) -> dict | None:
    """The extraction's passes by their share of CPU time, from stack samples (SIGPROF every
    SAMPLE_INTERVAL_S of CPU time) over passes of `docs` for at least `seconds`: each sample
    counts for the function `Extractor.extract` or `RelationRules.apply` called (the pass it
    fell in) and for the function it fell in (own time). Unlike cProfile, the code runs at full
    speed: a pass of many small calls does not weigh more than it costs. None where the
    platform has no profiling timer."""
    import signal
    from collections import Counter

    if not hasattr(signal, "setitimer") or not hasattr(signal, "SIGPROF"):
        return None
    passes: Counter = Counter()
    own: Counter = Counter()
    total = [0]

    def name(code) -> str:  # (as cProfile's rows: two functions of one module may share a name)
        return f"{Path(code.co_filename).name}:{code.co_firstlineno}({code.co_name})"

    def on_sample(_signum, frame) -> None:
        inside = False
        frame_code = frame.f_code
        own_name = name(frame_code)
        while frame is not None:
            caller = frame.f_back
            if caller is not None and (Path(caller.f_code.co_filename).name, caller.f_code.co_name) in PASS_RUNNERS:
                passes[(name(frame.f_code), name(caller.f_code))] += 1
                inside = True
                if caller.f_code.co_filename.endswith("extractor.py"):
                    break
            frame = caller
        if inside or (Path(frame_code.co_filename).name, frame_code.co_name) in PASS_RUNNERS:
            total[0] += 1
            own[own_name] += 1

    previous = signal.signal(signal.SIGPROF, on_sample)
    signal.setitimer(signal.ITIMER_PROF, SAMPLE_INTERVAL_S, SAMPLE_INTERVAL_S)
    try:
        start = time.process_time()
        while time.process_time() - start < seconds:
            if cold:
                forget_sentences(extractor)
            for d in docs:
                extractor.extract(d)
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        signal.signal(signal.SIGPROF, previous)
    n = total[0] or 1
    return {"samples": total[0],
            "passes": [{"pass": p, "called_by": c, "share": round(k / n, 4)}
                       for (p, c), k in passes.most_common()],
            "own": [{"function": f, "share": round(k / n, 4)} for f, k in own.most_common(25)]}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=10.0, help="time per throughput measurement")
    ap.add_argument("--out", type=Path, default=HERE / "out" / "extract.json")
    ap.add_argument("--texts", type=Path, metavar="FILE.jsonl",
                    help="measure on these articles (e.g. the cached real-text development set) "
                         "instead of the sample bodies")
    ap.add_argument("--profile", type=int, default=15, metavar="N",
                    help="functions of the extraction profile to report (by own time; 0: none)")
    ap.add_argument("--baseline", type=Path, metavar="DIR",
                    help="a checkout of another version (e.g. main): its extraction speed is measured "
                         "in the same run, taking turns with this version's, and its results compared")
    ap.add_argument("--rounds", type=int, default=3, help="alternating pairs of runs with --baseline")
    ap.add_argument("--cold", action="store_true",
                    help="for the baseline comparison and the profile: empty the per-sentence memos before "
                         "every pass, as in a real build, where no sentence comes twice (this version's own "
                         "figures are always measured both cold and warm)")
    ap.add_argument("--extraction-only", action="store_true",
                    help="skip the gazetteer and memory measurements (two sample builds)")
    args = ap.parse_args(argv)
    if args.baseline is not None and not (args.baseline / "src" / "partnergraph").is_dir():
        ap.error(f"--baseline {args.baseline}: no src/partnergraph there")
    paired = paired_rates(args.baseline, args.texts, args.seconds, args.rounds, args.cold) if args.baseline else None

    memory = None if args.extraction_only else measure_memory()
    from partnergraph.extract.extractor import Extractor

    docs = bench_docs(args.texts)
    size_mb = sum(len(d.analysed_text.encode("utf-8")) for d in docs) / 1e6
    extractor = Extractor()

    def rate(fn, cold: bool = False) -> float:
        done, start = 0, time.process_time()
        while time.process_time() - start < args.seconds:
            if cold:
                forget_sentences(extractor)
            for d in docs:
                fn(d)
            done += 1
        return done * size_mb / (time.process_time() - start)

    automaton = extractor.gazetteer.automaton
    scan = rate(lambda d: sum(1 for _ in automaton.iter(d.analysed_text)))
    # per core (CPU time of this process), both ways: cold (per-sentence memos emptied before
    # every pass: every sentence new, as in a build; the targets are about this one) and warm
    cold_rate = rate(extractor.extract, True)
    warm_rate = rate(extractor.extract, False)
    # the ceiling the partnership rules leave: the same cold pass with every one of them made free
    # (relations.apply, 40 % of a pass in session 21's profile, skipped): what the scan, the place
    # and term resolution and the place passes cost alone, so what no trimming of the rules can pass
    rules = extractor._relations
    rules.apply = lambda ex, ctx: None  # (an instance attribute shadows the method)
    try:
        without_rules = rate(extractor.extract, True)
    finally:
        del rules.apply
    extract = cold_rate
    stats = profile_stats(extractor, docs, args.cold) if args.profile else {}
    profile = extraction_profile(extractor, docs, args.profile, args.cold, stats) if args.profile else []
    passes = extraction_passes(stats) if args.profile else []
    sampled = sampled_passes(extractor, docs, args.seconds, args.cold) if args.profile else None

    loaded = None if args.extraction_only else measure_gazetteer()

    result = {
        "per_core": True,
        "compiled_modules": compiled_modules(),
        "extraction_cold_mb_per_s": round(cold_rate, 3),
        "extraction_warm_mb_per_s": round(warm_rate, 3),
        "aho_corasick_scan_mb_per_s": round(scan, 3),
        "cold_extraction_vs_scan": round(cold_rate / scan, 3),
        "cold_without_partnership_rules_mb_per_s": round(without_rules, 3),
        "texts": str(args.texts) if args.texts else "sample bodies, four per article",
        "baseline_and_profile_memos": "cold (emptied before every pass)" if args.cold else "warm (repeated texts hit them)",
        "versus_baseline": paired,
        "extraction_profile": profile,
        "extraction_passes": passes,
        "extraction_passes_sampled": sampled,
        "targets": {"extraction_mb_per_s": 2.0, "extraction_mb_per_s_real_texts": 3.0,
                    "gazetteer_load_s": 1.0, "sample_build_peak_mb": 600},
    }
    if loaded is not None:
        result.update({"gazetteer_compile_s": round(loaded["compile_s"], 3),
                       "gazetteer_load_s": round(loaded["load_s"], 3),
                       "load_vs_compile": round(loaded["load_s"] / loaded["compile_s"], 4)})
    if memory is not None:
        result.update({k: round(v, 2) for k, v in memory.items()})
        result["build_vs_import_memory"] = round(memory["sample_build_peak_mb"] / memory["import_only_peak_mb"], 2)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    compiled = compiled_modules()
    print(f"extractor         {f'{len(compiled)} compiled modules' if compiled else 'pure Python'} "
          f"({Path(sys.modules['partnergraph'].__file__).parent})")
    print(f"extraction, cold  {cold_rate:7.2f} MB/s   (one core; per-sentence memos empty, as in a build; "
          f"raw gazetteer scan {scan:.2f} MB/s: ratio {cold_rate / scan:.2f})")
    print(f"extraction, warm  {warm_rate:7.2f} MB/s   (one core; repeated texts hit the memos)")
    print(f"  without rules   {without_rules:7.2f} MB/s   (cold, every partnership rule skipped: the ceiling "
          f"that trimming the rules cannot pass; ratio to the whole {cold_rate / without_rules:.2f})")
    if paired:
        print(f"  vs baseline     {paired['this_mb_per_s']:7.2f} MB/s   ({'cold' if args.cold else 'warm'}; baseline "
              f"{paired['baseline']}: {paired['baseline_mb_per_s']:.2f} MB/s: ratio {paired['this_vs_baseline']:.2f}; "
              f"medians of {paired['rounds']} alternating runs; same extractions: {paired['same_extractions']}; "
              f"compiled modules: this {paired['this_compiled_modules']}, baseline {paired['baseline_compiled_modules']})")
    if profile:
        print(f"  profile of one {'cold' if args.cold else 'warm'} pass (own share, cumulative share, function):")
    for row in profile:
        print(f"  {row['own_share']:6.1%} own  {row['cumulative_share']:6.1%} cum  {row['function']}")
    if passes:
        print("  the extraction's passes in that pass (share of the whole; those of 1 % or more):")
    for row in passes:
        if row["share"] >= 0.01:
            print(f"  {row['share']:6.1%}  {row['pass']}  (from {row['called_by']})")
    if sampled:
        print(f"  the passes by stack samples at full speed ({sampled['samples']} samples of "
              f"{SAMPLE_INTERVAL_S * 1000:g} ms CPU; share of the whole; those of 1 % or more):")
        for row in sampled["passes"]:
            if row["share"] >= 0.01:
                print(f"  {row['share']:6.1%}  {row['pass']}  (from {row['called_by']})")
        print("  own time by stack samples (those of 1 % or more):")
        for row in sampled["own"]:
            if row["share"] >= 0.01:
                print(f"  {row['share']:6.1%}  {row['function']}")
    ok = extract >= (3.0 if args.texts else 2.0) and (paired is None or paired["same_extractions"])
    if loaded is not None:
        print(f"gazetteer load    {loaded['load_s']:7.2f} s      (compile {loaded['compile_s']:.2f} s: "
              f"ratio {loaded['load_s'] / loaded['compile_s']:.3f})")
        ok = ok and loaded["load_s"] < 1.0
    if memory is not None:
        build_mb, first_mb = memory["sample_build_peak_mb"], memory["first_sample_build_peak_mb"]
        print(f"sample build      {build_mb:7.0f} MB peak, {memory['sample_build_s']:.1f} s   (import only "
              f"{memory['import_only_peak_mb']:.0f} MB: ratio {build_mb / memory['import_only_peak_mb']:.1f})")
        print(f"first build       {first_mb:7.0f} MB peak, {memory['first_sample_build_s']:.1f} s   (compiles the "
              f"gazetteer; ratio to a later build {first_mb / build_mb:.2f})")
        ok = ok and max(build_mb, first_mb) < 600
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


def measure_memory() -> dict:
    """Peak memory of a sample build, of the first one on a machine, and of importing only.
    Run first, while this process is small: a child's peak RSS counts the pages it shares with
    its parent between fork and exec."""
    import_only = peak_rss_mb([sys.executable, "-c", "import partnergraph.pipeline.build"])
    # the first build on a machine compiles the gazetteer (in a child process, counted here:
    # wait4's rusage covers the child's descendants); later builds load it from the cache
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as cold_cache:
        first_s, first_mb = peak_rss_mb([sys.executable, "-m", "partnergraph", "build", "-q", "-d", out],
                                        env={"PARTNERGRAPH_CACHE": cold_cache})
    with tempfile.TemporaryDirectory() as out:
        build_s, build_mb = peak_rss_mb([sys.executable, "-m", "partnergraph", "build", "-q", "-d", out])
    return {"sample_build_s": build_s, "sample_build_peak_mb": build_mb, "first_sample_build_s": first_s,
            "first_sample_build_peak_mb": first_mb, "import_only_peak_mb": import_only[1]}


def measure_gazetteer() -> dict:
    """Loading the cached gazetteer against compiling it from GeoNames."""
    with tempfile.TemporaryDirectory() as cache:
        env = {"PARTNERGRAPH_CACHE": cache}
        code = ("import time, json; t = time.perf_counter(); "
                "from partnergraph.extract.gazetteer import get_gazetteer; g = get_gazetteer(); "
                "print(json.dumps({'seconds': time.perf_counter() - t, 'places': len(g)}))")
        compiled = child(code, env)
        loaded = child(code, env)
    return {"compile_s": compiled["seconds"], "load_s": loaded["seconds"]}


if __name__ == "__main__":
    raise SystemExit(main())
