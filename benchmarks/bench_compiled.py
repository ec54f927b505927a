"""What compiling the extractor to C gains (issue 16.6, issue 17): the extraction throughput of
this checkout's pure-Python code against the same code compiled with Cython, in one run.

The package ships pure Python: measured in session 11 on the 517 open real pages, Cython 3 in
pure-Python mode (all of extract/ but gazetteer.py, with models.py and graph/iri.py; plain Python
semantics) gained 1.0-1.1x, below the 1.3x that would pay for a compiled build in every install
(docs/extraction.md, "Speed"). This benchmark lets a later version (typed hot loops, another
Python) measure it again instead of guessing.

It copies src/, ontology/ and data/ into a temporary folder, compiles the copy there (nothing is
written into src/), then measures both trees in alternating child processes, cold, as
bench_extract.py --baseline does, and checks that both extracted the same. With --callgrind it
also counts the instructions of one cold pass of each under valgrind (repeatable on a shared
machine, where timings drift by +-10 %). Needs Cython and setuptools (`pip install cython
setuptools`) and a C compiler. Usage:
    python benchmarks/bench_compiled.py [--texts FILE.jsonl] [--rounds 3] [--seconds 5] [--callgrind]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench_extract import _RATE, child_args  # noqa: E402

#: what is compiled, relative to src/partnergraph: the extraction's hot path. gazetteer.py stays
#: Python: it reads its own source for the cache key (`Path(__file__)` would be the .so)
COMPILED_GLOBS = ("extract/*.py", "models.py", "graph/iri.py")
NOT_COMPILED = {"extract/__init__.py", "extract/gazetteer.py"}
#: plain Python semantics: annotations stay hints (Cython would otherwise enforce `set[str]`
#: where callers pass a frozenset); binding=True keeps functions introspectable and patchable
DIRECTIVES = {"language_level": 3, "binding": True, "annotation_typing": False}

#: one cold pass inside functools.reduce, so that callgrind --toggle-collect=functools_reduce
#: counts only it (argv: src, texts, benchmarks folder)
_ONE_PASS = r"""
import functools, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
sys.path.append(sys.argv[3])
from bench_extract import bench_docs, forget_sentences
from partnergraph.extract.extractor import Extractor
docs = bench_docs(Path(sys.argv[2]) if sys.argv[2] else None)
ex = Extractor()
for d in docs:
    ex.extract(d)  # the word-keyed memos warm, as in the timed passes
forget_sentences(ex)
functools.reduce(lambda _, d: ex.extract(d), docs, None)
"""


def compile_copy(work: Path) -> tuple[Path, float, int]:
    """A copy of this checkout's src/, ontology/ and data/ in `work`, its hot modules compiled in
    place; (its src folder, seconds the compile took, modules compiled)."""
    from Cython.Build import cythonize
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    for name in ("src", "ontology", "data"):
        shutil.copytree(ROOT / name, work / name, ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    package = work / "src" / "partnergraph"
    sources = sorted({p for pattern in COMPILED_GLOBS for p in package.glob(pattern)
                      if p.relative_to(package).as_posix() not in NOT_COMPILED})
    extensions = [Extension("partnergraph." + ".".join(p.relative_to(package).with_suffix("").parts), [str(p)])
                  for p in sources]
    jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    start = time.perf_counter()
    extensions = cythonize(extensions, compiler_directives=DIRECTIVES, nthreads=jobs, quiet=True)
    command = build_ext(Distribution({"name": "partnergraph", "ext_modules": extensions}))
    command.inplace = True
    command.build_temp = str(work / "temp")
    command.parallel = jobs
    old = os.getcwd()
    os.chdir(work / "src")  # (inplace puts each module beside its source, found from here)
    try:
        command.ensure_finalized()
        command.run()
    finally:
        os.chdir(old)
    return work / "src", time.perf_counter() - start, len(extensions)


def instructions(src: Path, texts: Path | None) -> int:
    """Instructions of one cold pass under callgrind."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        subprocess.run(["valgrind", "--tool=callgrind", "--collect-atstart=no", "--toggle-collect=functools_reduce",
                        f"--callgrind-out-file={out}", sys.executable, "-c", _ONE_PASS, str(src), str(texts or ""),
                        str(HERE)], check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": "0"})
        totals = re.search(r"^(?:summary|totals):\s*(\d+)", out.read_text(), re.MULTILINE)
        return int(totals.group(1))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", type=Path, metavar="FILE.jsonl", help="the articles measured (default: the sample)")
    ap.add_argument("--rounds", type=int, default=3, help="alternating pairs of runs")
    ap.add_argument("--seconds", type=float, default=5.0, help="time per throughput measurement")
    ap.add_argument("--callgrind", action="store_true", help="also count one cold pass's instructions of each")
    ap.add_argument("--out", type=Path, default=HERE / "out" / "compiled.json")
    args = ap.parse_args(argv)
    try:
        import Cython  # noqa: F401
        import setuptools  # noqa: F401
    except ImportError as exc:
        ap.error(f"needs Cython and setuptools ({exc.name} is missing): pip install cython setuptools")
    with tempfile.TemporaryDirectory(prefix="partnergraph-compiled-") as tmp:
        compiled_src, build_s, modules = compile_copy(Path(tmp))
        trees = {"pure": ROOT / "src", "compiled": compiled_src}
        runs: dict[str, list[dict]] = {name: [] for name in trees}
        for _ in range(args.rounds):
            for name, src in trees.items():
                runs[name].append(child_args(_RATE, [str(src), str(args.texts or ""), str(args.seconds), "cold",
                                                     str(HERE)], {"PYTHONHASHSEED": "0"}))
        if not runs["compiled"][0].get("compiled") or runs["pure"][0].get("compiled"):
            raise SystemExit("the compiled tree ran no compiled module, or the pure one did")
        counts = {name: instructions(src, args.texts) for name, src in trees.items()} if args.callgrind else None
    rate = {name: statistics.median(r["mb_per_s"] for r in rs) for name, rs in runs.items()}
    result = {"texts": str(args.texts or "sample bodies"), "compiled_modules": modules,
              "compile_s": round(build_s, 1), "rounds": args.rounds,
              "pure_mb_per_s": round(rate["pure"], 3), "compiled_mb_per_s": round(rate["compiled"], 3),
              "compiled_vs_pure": round(rate["compiled"] / rate["pure"], 3),
              "pure_runs": [round(r["mb_per_s"], 3) for r in runs["pure"]],
              "compiled_runs": [round(r["mb_per_s"], 3) for r in runs["compiled"]],
              "same_extractions": runs["pure"][0]["digest"] == runs["compiled"][0]["digest"]}
    if counts:
        result.update(pure_instructions=counts["pure"], compiled_instructions=counts["compiled"],
                      instructions_compiled_vs_pure=round(counts["compiled"] / counts["pure"], 3))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"compiled {modules} modules with Cython in {build_s:.0f} s")
    print(f"pure Python  {rate['pure']:6.2f} MB/s   compiled {rate['compiled']:6.2f} MB/s   ratio "
          f"{result['compiled_vs_pure']:.2f} (cold, per core, medians of {args.rounds} alternating runs; "
          f"same extractions: {result['same_extractions']})")
    if counts:
        print(f"instructions of a cold pass: pure {counts['pure']:,}, compiled {counts['compiled']:,}: "
              f"ratio {result['instructions_compiled_vs_pure']:.3f}")
    return 0 if result["same_extractions"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
