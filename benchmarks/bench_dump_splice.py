"""graph.ttl and graph.trig of a one-article rebuild: the full assembly from every piece against
the splice of the last build's files (publish/dump_splice.py), on a built graph directory, in
the same run, alternating. Usage:

    python benchmarks/bench_dump_splice.py DIR [DIR ...] [--reps 3] [--work /tmp/splice]

For each DIR (a graph directory a build wrote; only its dump pieces, state.json and store are
read) the script takes the article in the middle of the graph names, writes the files of the
graph without it (the "last build", with its index), then times (a) the full assembly of the
whole graph and (b) the splice that adds the article to the last build's files, and checks
that both wrote the same bytes and the same counts. A one-article change reads one piece more
than this (the replaced one), the same work otherwise.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
from pathlib import Path


def one_dir(directory: Path, work: Path, reps: int) -> dict:
    from partnergraph.graphdir import DUMPS_INDEX_FILE
    from partnergraph.namespaces import ANALYTICS_GRAPH, VOCABULARY_GRAPH
    from partnergraph.publish import dump_splice
    from partnergraph.publish.dumps import DumpCache, ranges
    from partnergraph.store.embedded import EmbeddedStore, graph_quads

    state = json.loads((directory / "state.json").read_text(encoding="utf-8"))
    base = state["base"]
    pieces = {r["graph"]: r["piece"] for r in state["articles"].values()}
    store = EmbeddedStore(directory / "store", read_only=True)
    others = {g: graph_quads(store, g) for g in (VOCABULARY_GRAPH, ANALYTICS_GRAPH)}
    store.close()
    cache = DumpCache(directory)
    middle = sorted(pieces)[len(pieces) // 2]
    without = {g: p for g, p in pieces.items() if g != middle}
    last, full, spliced = work / "last", work / "full", work / "spliced"
    for d in (last, full, spliced):
        shutil.rmtree(d, ignore_errors=True)
        d.mkdir(parents=True)
    kw = dict(base=base, ranges=ranges(base))
    dump_splice.write(cache, without, others, ttl=last / "graph.ttl", trig=last / "graph.trig", previous=None,
                      index_path=last / DUMPS_INDEX_FILE, **kw)
    # a splice updates the index of `last` in place (to describe the files it wrote): each
    # repetition starts from a copy of the index as the last build left it
    shutil.copyfile(last / DUMPS_INDEX_FILE, work / "index.saved")
    times: dict[str, list[float]] = {"full": [], "splice": []}
    tallies = {}
    for _ in range(reps):
        for kind, previous, out in (("full", None, full), ("splice", last, spliced)):
            shutil.copyfile(work / "index.saved", last / DUMPS_INDEX_FILE)
            index_path = (previous or out) / DUMPS_INDEX_FILE
            start = time.perf_counter()
            tally = dump_splice.write(cache, pieces, others, ttl=out / "graph.ttl", trig=out / "graph.trig",
                                      previous=previous, index_path=index_path, **kw)
            times[kind].append(round(time.perf_counter() - start, 3))
            tallies[kind] = (tally.quads, tally.triples, tally.entities, sorted(tally.classes.items()),
                             sorted(tally.predicates), sorted(tally.types), tally.examples())
    same = all((full / n).read_bytes() == (spliced / n).read_bytes() for n in ("graph.ttl", "graph.trig"))
    medians = {k: statistics.median(v) for k, v in times.items()}
    return {"dir": str(directory), "articles": len(pieces), "seconds": times, "median": medians,
            "splice_vs_full": round(medians["splice"] / medians["full"], 3),
            "same_bytes": same, "same_counts": tallies["full"] == tallies["splice"],
            "index_mb": round((work / "index.saved").stat().st_size / 1e6, 1),
            "ttl_mb": round((full / "graph.ttl").stat().st_size / 1e6, 1)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--work", type=Path, default=Path(__file__).resolve().parent / "out" / "splice")
    args = ap.parse_args(argv)
    results = [one_dir(d, args.work / d.name, args.reps) for d in args.dirs]
    print(json.dumps(results, indent=2))
    return 0 if all(r["same_bytes"] and r["same_counts"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
