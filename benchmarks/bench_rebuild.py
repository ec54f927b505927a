"""A one-article rebuild against a baseline version of partnergraph, in the same run.

For each size the script writes a synthetic corpus (make_corpus.py), builds it once with each
version (the code this script is run with, and the one of ``--baseline PYTHON``, e.g. a venv of
main), then changes the same article the same way for both and times the rebuild, alternating
the two versions ``--reps`` times so both see the same load on a shared machine. After every
round the rebuilt graph.html, stats.json, graph.ttl and graph.trig of the two versions are
compared byte for byte (same inputs, so they must agree); ``--scratch`` also builds the last
corpus from scratch with this version and compares with its rebuild. Three changes are timed
(`CHANGES`): one that leaves the article's viewer facts as they were, one that changes them
(a start year), one that changes the partnership network too (another partner town).
With two sizes or more the output ends with the growth of the rebuild's processor time from the
smallest size to the largest. Builds run in child processes; the times are taken inside them
(interpreter start-up excluded), per phase in wall and processor seconds (`PHASES`). Usage:

    python benchmarks/bench_rebuild.py --baseline /tmp/main/.venv/bin/python \\
        --articles 1000 10000 [--reps 3] [--warmup 1] [--changes same-facts new-facts] [--scratch] [--work DIR] [--out FILE]

Built directories stay in --work (default benchmarks/out/rebuild), so a later run with the same
sizes starts with the rebuilds (give it a --first-round past the last run's rounds, so that its
first rebuild changes the article); they are reused only if built from the same corpus by the
same interpreter and the same code (its extraction fingerprint, pipeline/state.py: a change to
a module that can feed an article's piece re-extracts every article, so a directory built by
other code is built again here, as a full build, instead of failing its first rebuild).

``--switch NAME VALUE`` takes as the baseline this version with the environment variable
NAME=VALUE (``PARTNERGRAPH_PAGE_PATCH off``: every page data item made again, viewer/
page_patch.py): both rebuild the one directory, each after a change of its own of the same
kind, this version last in every round (so ``--scratch`` compares its rebuild). With three
sizes the growth is given from each size to the next and from the smallest to the largest,
for the whole rebuild and per phase.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: progress messages that open a phase of the build, finer than bench_build.py's: the first
#: phase reads the sources and finds the stale articles (it ends with "N articles read, M to
#: extract"), the next extracts them, the next loads the store and makes the analysis (or takes
#: it over), the next starts the dumps, and "viewer_stats_void" writes graph.html, stats.json,
#: void.ttl and ontology.html and waits for the dumps child (whose processor time it so counts)
PHASES = ((re.compile(r"\d+ articles read"), "extraction"), (re.compile(r"extracted \d+"), "store_and_analysis"),
          (re.compile(r"writing graph\.ttl"), "dumps_start"), (re.compile(r"writing graph\.html"), "viewer_stats_void"),
          (re.compile(r"validating"), "validation_and_commit"))
#: the changes, one sentence more in the middle article, numbered per round so that every round
#: changes the article again. "same-facts" is added to the article as the last build had it
#: and names nothing the viewer shows: the viewer's facts stay as they were, so graph.html and
#: the network are taken over (viewer/unchanged.py). "new-facts" is added to the original text
#: and states a partnership with another start year every round: the viewer's facts change,
#: and graph.html is made again from all of them. (bench_build.py's change, a sentence naming
#: Kyjiw, is of the second kind: the article then mentions a place it did not.)
CHANGES = {"same-facts": " Die Sitzung im Rathaus dauerte am Ende knapp zwei Stunden ({}).",
           "new-facts": " Die Städtepartnerschaft zwischen Köln und Kyjiw besteht seit {}.",
           "new-partner": " Die Städtepartnerschaft zwischen Köln und {} besteht seit 1990."}
#: "new-partner" names another partner town every round: the partnership network changes too
#: (the start year of "new-facts" changes the viewer's facts but not the network)
PARTNER_TOWNS = ("Lwiw", "Odesa", "Charkiw", "Dnipro", "Poltawa", "Tschernihiw", "Winnyzja", "Mykolajiw")
COMPARED = ("graph.html", "stats.json", "graph.ttl", "graph.trig")


def child_build(corpus: Path, out: Path) -> dict:
    """Runs in the child: one build, timed, with its phases (wall and processor seconds). With
    the environment variable BENCH_REBUILD_PROFILE=FILE the build runs under cProfile, timed in
    this process's processor time (its overhead inflates every figure, about 3x), and the
    statistics go to FILE (read them with pstats); the dumps child (pipeline/outputs.py), whose
    processor time the viewer_stats_void phase counts, is profiled into FILE.dumps."""
    try:
        from partnergraph.pipeline.build import BuildOptions, build
    except ImportError:  # a later layout
        from partnergraph.pipeline import BuildOptions, build  # type: ignore[no-redef]
    marks = [("read_and_stale_check", 0.0, 0.0)]
    start, cpu_start = time.perf_counter(), _cpu()

    def progress(message: str) -> None:
        for pattern, phase in PHASES:
            if pattern.match(message):
                mark = (phase, time.perf_counter() - start, _cpu() - cpu_start)
                if marks[-1][0] == phase:  # "extracted 100/1000 …", "extracted 200/1000 …": the last one
                    marks[-1] = mark
                elif phase not in (m[0] for m in marks):
                    marks.append(mark)

    profile_to = os.environ.get("BENCH_REBUILD_PROFILE")
    profiler = None
    if profile_to:
        import cProfile

        profiler = cProfile.Profile(time.process_time)
        _profile_dumps_child(profile_to + ".dumps")
        profiler.enable()
    report = build([str(corpus)], BuildOptions(out_dir=out, progress=progress))
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile_to)
    total, cpu = time.perf_counter() - start, _cpu() - cpu_start
    ends = [m[1:] for m in marks[1:]] + [(total, cpu)]
    return {"seconds": round(total, 2), "cpu_seconds": round(cpu, 2),
            "extracted": report.articles_extracted,
            "phases": {name: round(end[0] - begin, 2) for (name, begin, _), end in zip(marks, ends)},
            "phases_cpu": {name: round(end[1] - begin, 2) for (name, _, begin), end in zip(marks, ends)}}


def _profile_dumps_child(path: str) -> None:
    """Has the dumps child run under cProfile too, writing its statistics to `path`: the
    command it is started with is swapped for one that wraps the same function."""
    try:
        from partnergraph.pipeline import outputs
    except ImportError:
        return
    if not hasattr(outputs, "_DUMPS"):
        return
    outputs._DUMPS = ("import cProfile, sys, time; from partnergraph.pipeline.outputs import dumps_child; "
                      "p = cProfile.Profile(time.process_time); p.enable(); code = dumps_child(sys.argv[1]); "
                      f"p.disable(); p.dump_stats({path!r}); sys.exit(code)")


def code_key(python: str) -> str:
    """The extraction fingerprint of the code `python` runs (pipeline/state.py), for the default
    resource base; "" if that version has none."""
    proc = subprocess.run([python, "-c", "from partnergraph.graph.iri import Minter; "
                           "from partnergraph.pipeline.state import fingerprint; print(fingerprint(Minter().base))"],
                          capture_output=True, text=True)
    return proc.stdout.strip() if proc.returncode == 0 else ""


def _cpu() -> float:
    """CPU seconds of this process and of its children that ended (the extraction workers, the
    dumps child): on a machine shared with other jobs, less disturbed than the wall time."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_build(python: str, corpus: Path, out: Path, env: dict[str, str] | None = None) -> dict:
    proc = subprocess.run([python, str(Path(__file__).resolve()), "--child", str(corpus), str(out)],
                          capture_output=True, text=True, env={**os.environ, **(env or {})})
    if proc.returncode != 0:
        raise SystemExit(f"{python}: build of {corpus} into {out} failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def write_corpus(records: list[dict], path: Path) -> str:
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    path.write_text(text, encoding="utf-8")
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def records_original(records: list[dict], middle: dict, text: str) -> list[dict]:
    """The corpus as generated: `records` with the middle article's original text."""
    return [dict(r, text=text) if r is middle else r for r in records]


def same_files(a: Path, b: Path) -> dict[str, bool]:
    import filecmp

    return {name: filecmp.cmp(a / name, b / name, shallow=False) for name in COMPARED}


def one_size(n: int, sides: dict[str, str], codes: dict[str, str], args) -> dict:
    from make_corpus import generate

    work = args.work / str(n)
    work.mkdir(parents=True, exist_ok=True)
    records = list(generate(n))
    result: dict = {"articles": n, "full_build_s": {}, "rebuild_s": {}, "rebuild_cpu_s": {}, "rebuild_phases_s": {},
                    "rebuild_phases_cpu_s": {},
                    "same_bytes": []}
    for side, python in sides.items():
        corpus, out, mark = work / f"{side}.jsonl", work / side, work / f"{side}.built"
        digest = write_corpus(records, corpus)
        key = f"{python}|{digest}|{codes[side]}"
        if mark.exists() and mark.read_text(encoding="utf-8") in (key, f"{key}|rebuilt") and out.exists():
            result["full_build_s"][side] = "reused"
            continue
        shutil.rmtree(out, ignore_errors=True)
        mark.unlink(missing_ok=True)
        print(f"[{n}] full build, {side} …", file=sys.stderr, flush=True)
        result["full_build_s"][side] = run_build(python, corpus, out)["seconds"]
        mark.write_text(key, encoding="utf-8")
    middle = records[len(records) // 2]
    text = middle["text"]
    # numbered from --first-round: a later run on reused directories must change the article
    # to something its last rebuild did not leave there
    rounds = [(change, rep) for rep in range(args.first_round, args.first_round + args.warmup + args.reps)
              for change in args.changes]
    built = text  # the middle article as the last build read it
    # with --switch both sides rebuild the one directory, each after a change of its own
    turns = [("switched", {args.switch[0]: args.switch[1]}), ("current", {})] if args.switch else \
        [(side, {}) for side in sides]
    for change, rep in rounds:
        for k, (side, env) in enumerate(turns):
            if args.switch or k == 0:  # without --switch both versions rebuild the same change
                variant = rep * len(turns) + k if args.switch else rep
                if change == "same-facts":
                    middle["text"] = built + CHANGES[change].format(variant)
                elif change == "new-partner":
                    middle["text"] = text + CHANGES[change].format(PARTNER_TOWNS[variant % len(PARTNER_TOWNS)])
                else:
                    middle["text"] = text + CHANGES[change].format(1950 + variant)
                built = middle["text"]
            folder = "current" if args.switch else side
            write_corpus(records, work / f"{folder}.jsonl")
            (work / f"{folder}.built").unlink(missing_ok=True)  # no longer the corpus it was built from
            print(f"[{n}] rebuild {rep} ({change}), {side} …", file=sys.stderr, flush=True)
            timing = run_build(sides.get(side, sys.executable), work / f"{folder}.jsonl", work / folder, env)
            if timing["extracted"] != 1:
                raise SystemExit(f"{side}: the rebuild extracted {timing['extracted']} articles, not 1")
            if rep < args.first_round + args.warmup:
                continue  # a warm-up round: not timed
            key = f"{side} {change}"
            result["rebuild_s"].setdefault(key, []).append(timing["seconds"])
            result["rebuild_cpu_s"].setdefault(key, []).append(timing["cpu_seconds"])
            result["rebuild_phases_s"].setdefault(key, []).append(timing["phases"])
            result["rebuild_phases_cpu_s"].setdefault(key, []).append(timing.get("phases_cpu", {}))
        if len(sides) == 2 and not args.switch:
            result["same_bytes"].append(same_files(*(work / side for side in sides)))
    for side, python in sides.items():
        # the built directory is one article away from the original corpus, so a later run
        # starts with its rebuilds (each round checks that it extracted exactly one article)
        digest = write_corpus(records_original(records, middle, text), work / f"{side}.jsonl")
        (work / f"{side}.built").write_text(f"{python}|{digest}|{codes[side]}|rebuilt", encoding="utf-8")
        write_corpus(records, work / f"{side}.jsonl")
    result["rebuild_phases_median_cpu_s"] = {
        key: {phase: statistics.median(run.get(phase, 0.0) for run in runs) for phase in runs[0]}
        for key, runs in result["rebuild_phases_cpu_s"].items() if runs and runs[0]}
    for kind in ("rebuild_s", "rebuild_cpu_s"):
        medians = {key: statistics.median(times) for key, times in result[kind].items()}
        result[kind.replace("rebuild_", "rebuild_median_")] = medians
        for change in args.changes:
            base = medians.get(f"baseline {change}") or medians.get(f"switched {change}")
            cur = medians.get(f"current {change}")
            if base and cur:
                result.setdefault(kind.replace("rebuild_", "rebuild_vs_baseline_"), {})[change] = round(cur / base, 3)
    if args.scratch:
        scratch = work / "scratch"
        shutil.rmtree(scratch, ignore_errors=True)
        print(f"[{n}] from-scratch build of the changed corpus …", file=sys.stderr, flush=True)
        run_build(sys.executable, work / "current.jsonl", scratch)
        result["same_bytes_as_scratch"] = same_files(work / "current", scratch)
        shutil.rmtree(scratch, ignore_errors=True)
    return result


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        print(json.dumps(child_build(Path(argv[1]), Path(argv[2]))))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, nargs="+", default=[1000, 10_000])
    ap.add_argument("--baseline", metavar="PYTHON", help="the interpreter of the baseline version (e.g. main's venv)")
    ap.add_argument("--reps", type=int, default=3, help="rebuilds per version, size and change (default 3)")
    ap.add_argument("--changes", nargs="+", choices=sorted(CHANGES), default=list(CHANGES),
                    help="which changes to time (default: all three)")
    # the first rebuild after a full build cost twice the next ones at 10,000 articles (13.8 and
    # 13.6 s against 6.1-6.9 s, both versions, session 15): a median of three took it in
    ap.add_argument("--warmup", type=int, default=1,
                    help="untimed rebuilds per version, size and change before the timed ones (default 1)")
    ap.add_argument("--first-round", type=int, default=1,
                    help="number of the first round (the start year and partner town follow it; default 1)")
    ap.add_argument("--scratch", action="store_true", help="also compare with a from-scratch build")
    ap.add_argument("--work", type=Path, default=HERE / "out" / "rebuild")
    ap.add_argument("--out", type=Path, default=HERE / "out" / "rebuild.json")
    ap.add_argument("--only", choices=("current", "baseline"), help="build and rebuild one version only")
    ap.add_argument("--switch", nargs=2, metavar=("NAME", "VALUE"),
                    help="the baseline is this version with the environment variable NAME=VALUE (e.g. "
                         "PARTNERGRAPH_PAGE_PATCH off), rebuilding the same directory, each side after a "
                         "change of its own (same kind), this version last in every round")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(HERE))
    sides = {"baseline": args.baseline} if args.baseline else {}
    sides["current"] = sys.executable
    if args.only:
        sides = {args.only: sides[args.only]}
    results = []
    codes = {side: code_key(python) for side, python in sides.items()}
    for n in args.articles:
        results.append(one_size(n, sides, codes, args))
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    sized = list(results)
    # how the rebuild grows with the corpus, from each size to the next and from the smallest to
    # the largest, per version and change (the whole rebuild, then each phase)
    pairs = list(zip(sized, sized[1:])) + ([(sized[0], sized[-1])] if len(sized) > 2 else [])
    for small, large in pairs:
        growth = {key: round(large["rebuild_median_cpu_s"][key] / small["rebuild_median_cpu_s"][key], 2)
                  for key in large["rebuild_median_cpu_s"] if small["rebuild_median_cpu_s"].get(key)}
        phases = {key: {phase: round(t / small["rebuild_phases_median_cpu_s"][key][phase], 2)
                        for phase, t in large["rebuild_phases_median_cpu_s"][key].items()
                        if small["rebuild_phases_median_cpu_s"].get(key, {}).get(phase)}
                  for key in large.get("rebuild_phases_median_cpu_s", {})}
        results.append({"cpu_growth": f"{large['articles']}/{small['articles']}", **growth, "phases": phases})
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))
    sized = [res for res in results if "articles" in res]
    identical = all(all(r.values()) for res in sized for r in res["same_bytes"]) and \
        all(all(res.get("same_bytes_as_scratch", {}).values()) for res in sized)
    return 0 if identical else 1


if __name__ == "__main__":
    raise SystemExit(main())
