"""Start-up of small commands (issue 16.4): `--help`, `query --list` and a small `query` on the
sample graph, against bare `python -c pass` measured in the same run.

Each command runs REPEAT times as a fresh process; the minimum wall time is reported (the
machine is shared: the minimum is the run least disturbed by other jobs), with the median
beside it. `python -X importtime` of `import partnergraph.cli` (what every command imports
before it parses its arguments) gives the modules that cost the most. Target: every command
under 0.1 s. Usage:
    python benchmarks/bench_startup.py [--dir DIR] [--out benchmarks/out/startup.json] [--baseline CHECKOUT]
(DIR: a built sample graph; built into a temporary folder when not given. CHECKOUT: another
version's checkout, e.g. `git worktree add --detach /tmp/base main`: each command then runs
alternately with that version's src/ first on PYTHONPATH and with this one, so both see the same
machine load, and the ratio this/baseline is reported.)

The small query is an ad-hoc SELECT: it goes through the whole query check (guard.py), the store
opening and the table output, the path issue 16.4 asks to start in under 0.1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPEAT = 15
TARGET_S = 0.1
#: a bundled query that returns a few rows on the sample
SMALL_QUERY = "SELECT ?p WHERE { ?p a <https://w3id.org/partnergraph/ontology#Programme> } LIMIT 3"


def wall(argv: list[str], *envs: dict) -> list[list[float]]:
    """REPEAT wall times of `argv` per environment, the environments taking turns."""
    for env in envs:  # warm-up (and the bytecode cache)
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    times: list[list[float]] = [[] for _ in envs]
    for _ in range(REPEAT):
        for env, out in zip(envs, times):
            start = time.perf_counter()
            subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            out.append(time.perf_counter() - start)
    return times


def bytecode_env(cache: Path) -> dict:
    """The environment of the measured commands: compiled modules cached (in `cache`, not in
    the source tree), as in an installed package. Without a cache (PYTHONDONTWRITEBYTECODE,
    set on some machines) every start compiles our modules again: ~20 ms more."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def import_profile(env: dict, top: int = 12) -> list[dict]:
    """The modules with the largest cumulative import time under `import partnergraph.cli`."""
    err = subprocess.run([sys.executable, "-X", "importtime", "-c", "import partnergraph.cli"],
                         capture_output=True, text=True, check=True, env=env).stderr
    rows = []
    for line in err.splitlines():
        if not line.startswith("import time:") or "|" not in line or "cumulative" in line:
            continue
        own, cumulative, name = (x.strip() for x in line[len("import time:"):].split("|"))
        rows.append({"module": name.strip(), "self_ms": int(own) / 1000, "cumulative_ms": int(cumulative) / 1000})
    rows.sort(key=lambda r: -r["cumulative_ms"])
    return rows[:top]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, help="a built sample graph directory")
    ap.add_argument("--out", type=Path, default=HERE / "out" / "startup.json")
    ap.add_argument("--baseline", type=Path, help="another version's checkout, measured alternately")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="pg-bench-startup-"))
    env = bytecode_env(work / "pycache")
    envs = [env]
    if args.baseline:
        base_env = bytecode_env(work / "pycache-baseline")
        base_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(args.baseline.resolve() / "src"),
                                                               base_env.get("PYTHONPATH")]))
        envs.append(base_env)
    directory = args.dir
    if directory is None:
        directory = work / "sample"
        subprocess.run([sys.executable, "-m", "partnergraph", "build", "-q", "--no-validate", "-d", str(directory)],
                       check=True, stdout=subprocess.DEVNULL)
    try:
        py = [sys.executable]
        commands = {
            "python -c pass (baseline)": py + ["-c", "pass"],
            "python -c 'import pyoxigraph' (baseline)": py + ["-c", "import pyoxigraph"],
            "partnergraph --help": py + ["-m", "partnergraph", "--help"],
            "partnergraph query --list": py + ["-m", "partnergraph", "query", "--list"],
            "partnergraph query (small, sample)": py + ["-m", "partnergraph", "query", "-d", str(directory), SMALL_QUERY],
        }
        results = {}
        for name, argv_ in commands.items():
            t, *b = wall(argv_, *envs)
            results[name] = {"min_s": round(min(t), 4), "median_s": round(statistics.median(t), 4)}
            if b:
                results[name]["baseline_min_s"] = round(min(b[0]), 4)
                results[name]["baseline_median_s"] = round(statistics.median(b[0]), 4)
                results[name]["min_vs_baseline"] = round(min(t) / min(b[0]), 2)
        base = results["python -c pass (baseline)"]["min_s"]
        for r in results.values():
            r["min_vs_bare_python"] = round(r["min_s"] / base, 2)
        out = {"repeat": REPEAT, "target_s": TARGET_S, "commands": results,
               "import_partnergraph_cli": import_profile(env)}
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
        print(json.dumps(out, indent=2))
        slow = [n for n, r in results.items() if n.startswith("partnergraph") and r["min_s"] >= TARGET_S]
        return 1 if slow else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
