"""`partnergraph export` (issue 16.3): time and peak memory of each format written from the
store (sorted in runs, graphs one by one) and served from the committed dumps (store unchanged
since the build), beside the size of the output and the peak of a process that only opens the
store (the baseline). Both ways must give the same bytes. Usage:
    python benchmarks/bench_export.py --dir DIR [--out benchmarks/out/export.json]
(DIR: a built graph directory, e.g. of bench_build.py's corpus: `partnergraph build -d DIR corpus.jsonl`.)
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FORMATS = ("turtle", "ntriples", "trig", "nquads")


def run(argv: list[str]) -> tuple[float, float]:
    """(seconds, peak resident MB) of a command, via wait4's rusage of that child alone."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{argv} failed")
    return round(time.perf_counter() - start, 2), round(usage.ru_maxrss / 1024, 1)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=HERE / "out" / "export.json")
    args = ap.parse_args(argv)
    from partnergraph.publish.export import DUMPS_FILE

    work = Path(tempfile.mkdtemp(prefix="pg-bench-export-"))
    dumps = args.dir / DUMPS_FILE
    saved = work / DUMPS_FILE
    py = [sys.executable, "-m", "partnergraph"]
    try:
        open_only = run([sys.executable, "-c", "import sys; from partnergraph.pipeline.staging import open_existing; "
                         "from pathlib import Path; open_existing(Path(sys.argv[1])).close()", str(args.dir)])
        rows = {}
        for fmt in FORMATS:
            committed = run(py + ["export", "-q", "-d", str(args.dir), "-f", fmt, "-o", str(work / f"c.{fmt}")])
            shutil.move(dumps, saved)  # without the record of the store, export reads the store
            try:
                store = run(py + ["export", "-q", "-d", str(args.dir), "-f", fmt, "-o", str(work / f"s.{fmt}")])
            finally:
                shutil.move(saved, dumps)
            rows[fmt] = {"from_store_s": store[0], "from_store_peak_mb": store[1],
                         "committed_s": committed[0], "committed_peak_mb": committed[1],
                         "committed_vs_store_time": round(committed[0] / store[0], 3) if store[0] else None,
                         "output_mb": round((work / f"s.{fmt}").stat().st_size / 1e6, 1),
                         "same_bytes": filecmp.cmp(work / f"c.{fmt}", work / f"s.{fmt}", shallow=False)}
            print(fmt, json.dumps(rows[fmt]), flush=True)
        result = {"dir": str(args.dir), "open_store_only": {"s": open_only[0], "peak_mb": open_only[1]},
                  "formats": rows}
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        return 0 if all(r["same_bytes"] for r in rows.values()) else 1
    finally:
        if saved.exists():
            shutil.move(saved, dumps)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
