"""What loading the store costs per article, and what the merged default graph adds to it.

A build loads each article's graph twice: into its named graph, and into the default graph,
which the store keeps as the merge (a set) of all named graphs (store/embedded.py says why
Oxigraph's union default graph cannot replace it: it has bag semantics). This benchmark loads
the graphs of synthetic articles (make_corpus.py) the way a build does (batches of N-Quads,
`EmbeddedStore.replace_graphs_nquads`) and, as the baseline in the same run, the named graphs
alone: the difference is the price of the merge. It also shows that the union default graph
would change answers (a triple stated by two articles counted twice).

With ``--growth K`` it then loads the same graphs K times over (copies under other article IRIs)
into one store, as a build of K times as many articles would, and compares the processor time
per quad with the first load's: how the load's cost grows with the store (``--batch-mb``: the
size of each bulk load, 90 MB by default). ``--curves`` loads the
K copies once per way of loading, in one run: the way main loaded until issue 16 (strict parsing,
30 MB loads: the baseline), the same in 90 MB loads, and a full build's current way
(`EmbeddedStore.add_graphs_nquads` in 90 MB loads), and the same bytes as one
bulk load reading them as one stream (``streamed_once``: pyoxigraph's `Store.bulk_load` takes a
file object); it reports the processor time per quad the load adds at each size of the store
(the first, middle and last third of the copies).

``--scaling K1 K2`` loads K1 and then K2 copies the ways a build loads new graphs (batches of
`load.STORE_BATCH_LINES` lines, `merge_lines.SharedLines`; a bulk load per batch, two at a time
through `store_writes.Loader`, and one bulk load fed batch by batch, `store_writes.StreamedLoad`),
each into a new store, and splits the processor time per article into
RocksDB's own threads (compaction and flushes: the threads named ``rocksdb:*``), during the load
and after it (the compaction a load leaves behind, which a build pays during its later phases),
and the rest (parsing, sorting, writing the table files). Usage:
    python benchmarks/bench_store_load.py [--articles 2000] [--growth 3] [--batch-mb 30] [--curves]
                                          [--scaling 5 15] [--out benchmarks/out/store_load.json]
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import pyoxigraph as ox  # noqa: E402

from make_corpus import generate  # noqa: E402

from partnergraph.extract.extractor import Extractor  # noqa: E402
from partnergraph.graph.iri import Minter  # noqa: E402
from partnergraph.graph.triples import article_quads  # noqa: E402
from partnergraph.models import Article  # noqa: E402
from partnergraph.publish.dumps import canonical_nquads  # noqa: E402
from partnergraph.sources import read_path  # noqa: E402
from partnergraph.store.embedded import EmbeddedStore  # noqa: E402

BASE = "https://w3id.org/partnergraph/id/"
#: N-Quads bytes per bulk load (the build counts lines since session 14: load.STORE_BATCH_LINES)
STORE_BATCH_BYTES = 90_000_000


def _cpu() -> float:
    """Processor seconds of this process, all threads (Oxigraph's loader uses its own)."""
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def _rocksdb_cpu() -> float:
    """Processor seconds of RocksDB's background threads (compaction, flushes) in this process."""
    import os

    hz, total = os.sysconf("SC_CLK_TCK"), 0.0
    for tid in os.listdir("/proc/self/task"):
        try:
            stat = Path(f"/proc/self/task/{tid}/stat").read_text()
        except OSError:  # the thread ended
            continue
        name, fields = stat[stat.index("(") + 1:stat.rindex(")")], stat[stat.rindex(")") + 2:].split()
        if name.startswith("rocksdb"):
            total += (int(fields[11]) + int(fields[12])) / hz
    return total


def _settle(idle_s: int = 3) -> None:
    """Waits until RocksDB's threads have been idle for `idle_s` seconds: the compaction a load
    left behind is done."""
    last, idle = _rocksdb_cpu(), 0
    while idle < idle_s:
        time.sleep(1)
        now = _rocksdb_cpu()
        idle = idle + 1 if now - last < 0.05 else 0
        last = now


def scaling_load(work: Path, copies: list[tuple[str, bytes]], articles: int, streamed: bool) -> dict:
    """`copies` loaded as a full build loads its new graphs, into a new store: `streamed`, as
    one bulk load fed batch by batch (store_writes.StreamedLoad, a build into a store without
    graphs), else a bulk load per batch, two at a time (a build adding graphs to a store that
    holds some); processor seconds per article, RocksDB's threads apart, the compaction left
    after the load included."""
    from partnergraph.pipeline.load import STORE_BATCH_LINES
    from partnergraph.pipeline.store_writes import Loader, StreamedLoad
    from partnergraph.publish.dumps import ranges
    from partnergraph.store.merge_lines import SharedLines

    store, shared, loader = EmbeddedStore(work / "scaling"), SharedLines(ranges(BASE)), Loader()
    cpu, rocks, wall = _cpu(), _rocksdb_cpu(), time.perf_counter()
    stream = StreamedLoad(store.bulk_load_nquads_file, loader) if streamed else None
    batch: list[tuple[str, bytes]] = []
    lines = 0
    for i, (graph, nquads) in enumerate(copies):
        batch.append((graph, nquads))
        lines += nquads.count(b"\n")
        if lines >= STORE_BATCH_LINES or i == len(copies) - 1:
            if stream is not None:
                stream.feed(store.merge_nquads(batch, shared))
            else:
                loader.submit(store.add_graphs_nquads, batch, shared, adds=True)
            batch, lines = [], 0
    if stream is not None:
        stream.close()
    loader.wait()
    store.flush()
    wall, cpu_load, rocks_load = time.perf_counter() - wall, _cpu() - cpu, _rocksdb_cpu() - rocks
    _settle()
    cpu_all, rocks_all = _cpu() - cpu, _rocksdb_cpu() - rocks
    size = sum(p.stat().st_size for p in (work / "scaling").iterdir())
    store.close()
    shutil.rmtree(work / "scaling")
    return {"way": "streamed" if streamed else "batch_by_batch", "articles": articles, "load_wall_s": round(wall, 1), "cpu_s": round(cpu_all, 1),
            "ms_per_article_cpu": round(1000 * cpu_all / articles, 3),
            "rocksdb_threads_cpu_s": round(rocks_all, 1), "of_which_after_load_s": round(rocks_all - rocks_load, 1),
            "rest_ms_per_article_cpu": round(1000 * (cpu_all - rocks_all) / articles, 3),
            "store_mb": round(size / 1e6)}


def batches(graphs: list[tuple[str, bytes]], limit: int = STORE_BATCH_BYTES) -> list[list[tuple[str, bytes]]]:
    out, batch, size = [], [], 0
    for g, nq in graphs:
        batch.append((g, nq))
        size += len(nq)
        if size >= limit:
            out.append(batch)
            batch, size = [], 0
    return out + ([batch] if batch else [])


def _main_until_16(store: EmbeddedStore, batch: list[tuple[str, bytes]]) -> None:
    """How main loaded a batch before issue 16 (a frozen copy, the baseline of ``--curves``)."""
    parts = []
    for graph, nquads in batch:
        parts.append(nquads)
        parts.append(nquads.replace(f" <{graph}> .\n".encode(), b" .\n"))
    store.raw.bulk_load(b"".join(parts), format=ox.RdfFormat.N_QUADS)


class _Stream(io.RawIOBase):
    """The N-Quads of every batch (named graphs and the merge, as `add_graphs_nquads` writes
    them) as one file that Oxigraph's bulk loader reads: one load for the whole build. Notes
    the processor time whenever the loader asks for the next batch."""

    def __init__(self, batches_: list[list[tuple[str, bytes]]], points: list):
        super().__init__()
        self.rest, self.points = iter(batches_), points
        self.data, self.at = memoryview(b""), 0
        self.done_quads = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while self.at >= len(self.data):
            batch = next(self.rest, None)
            if self.data:
                self.points.append((self.done_quads, _cpu()))
            if batch is None:
                return 0
            parts = []
            for graph, nquads in batch:
                parts += [nquads, nquads.replace(f" <{graph}> .\n".encode(), b" .\n")]
                self.done_quads += nquads.count(b"\n")
            self.data, self.at = memoryview(b"".join(parts)), 0
        n = min(len(buffer), len(self.data) - self.at)
        buffer[:n] = self.data[self.at:self.at + n]
        self.at += n
        return n


def _streamed(store: EmbeddedStore, all_batches: list[list[tuple[str, bytes]]], points: list) -> None:
    store.raw.bulk_load(_Stream(all_batches, points), format=ox.RdfFormat.N_QUADS)


def curve(work: Path, copies: list[tuple[str, bytes]], limit: int, load_batch, thirds: int) -> dict:
    """Loads `copies` in batches of `limit` bytes into one new store; the processor time per
    quad of each third of the quads (store sizes: first, middle, last third). `load_batch`
    None: one bulk load reading every batch as one stream (`_Stream`)."""
    store = EmbeddedStore(work / "curve")
    points = [(0, _cpu())]
    wall = time.perf_counter()
    if load_batch is None:  # the points are taken as the loader reads on (it reads ahead)
        _streamed(store, batches(copies, limit), points)
        points.append((sum(nq.count(b"\n") for _, nq in copies), _cpu()))
    for batch in batches(copies, limit) if load_batch is not None else ():
        load_batch(store, batch)
        points.append((points[-1][0] + sum(nq.count(b"\n") for _, nq in batch), _cpu()))
    store.flush()
    points[-1] = (points[-1][0], _cpu())
    wall = time.perf_counter() - wall
    store.close()
    shutil.rmtree(work / "curve")
    total = points[-1][0]

    def cpu_at(q: float) -> float:  # linear between the measured batches
        for (q0, c0), (q1, c1) in zip(points, points[1:]):
            if q <= q1:
                return c0 + (c1 - c0) * (q - q0) / (q1 - q0)
        return points[-1][1]

    edges = [total * i / thirds for i in range(thirds + 1)]
    return {"quads": total, "wall_s": round(wall, 1), "cpu_s": round(points[-1][1] - points[0][1], 1),
            "us_per_quad_cpu_by_store_size": [round(1e6 * (cpu_at(b) - cpu_at(a)) / (b - a), 2)
                                              for a, b in zip(edges, edges[1:])]}


def _copies(graphs: list[tuple[str, bytes]], k: int) -> list[tuple[str, bytes]]:
    """`k` copies of the graphs, each under other article IRIs (the article hash's last byte)."""
    return [(g.replace(h, h2), nq.replace(h.encode(), h2.encode()))
            for c in range(k) for g, nq in graphs
            for h in [g.rsplit("/", 1)[1]] for h2 in [h[:-2] + f"{c:02x}" if c else h]]


def timed_load(work: Path, name: str, load) -> dict:
    store = EmbeddedStore(work / name)
    wall, cpu = time.perf_counter(), _cpu()
    load(store)
    store.flush()
    out = {"wall_s": time.perf_counter() - wall, "cpu_s": _cpu() - cpu}
    store.close()
    shutil.rmtree(work / name)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2_000)
    ap.add_argument("--growth", type=int, metavar="K", help="also load K copies of the graphs into one store")
    ap.add_argument("--batch-mb", type=float, default=STORE_BATCH_BYTES / 1e6, help="N-Quads per bulk load")
    ap.add_argument("--curves", action="store_true",
                    help="with --growth: the cost per quad by store size, main's way against the build's")
    ap.add_argument("--scaling", type=int, nargs=2, metavar=("K1", "K2"),
                    help="load K1, then K2 copies as a build does; cost per article by store size")
    ap.add_argument("--out", type=Path, default=HERE / "out" / "store_load.json")
    args = ap.parse_args(argv)
    limit = int(args.batch_mb * 1e6)
    extractor, minter = Extractor(), Minter(BASE)
    work = Path(tempfile.mkdtemp(prefix="pg-store-"))
    try:
        corpus = work / "corpus.jsonl"  # read as a build reads it (dates, datelines)
        corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in generate(args.articles)),
                          encoding="utf-8")
        graphs = [(minter.article(a.url), canonical_nquads(article_quads(extractor.extract(a), extractor.vocabulary,
                                                                         minter)))
                  for a in read_path(corpus) if isinstance(a, Article)]
        quads = sum(nq.count(b"\n") for _, nq in graphs)

        def as_built(store: EmbeddedStore, graphs=graphs) -> None:  # named graphs and the merge
            for batch in batches(graphs, limit):
                store.replace_graphs_nquads(batch)

        def named_only(store: EmbeddedStore) -> None:  # the baseline: no merged default graph
            for batch in batches(graphs, limit):
                store.raw.bulk_load(b"".join(nq for _, nq in batch), format=ox.RdfFormat.N_QUADS)

        # taking turns, twice: a shared machine's load drifts
        runs = {"named_and_merge": [], "named_only": []}
        for _ in range(2):
            runs["named_only"].append(timed_load(work, "named", named_only))
            runs["named_and_merge"].append(timed_load(work, "merged", as_built))
        best = {k: min(v, key=lambda r: r["cpu_s"]) for k, v in runs.items()}
        # what a union default graph would answer: a triple two articles state, counted twice
        union = ox.Store()
        a, p, o = ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.NamedNode("urn:o")
        union.extend([ox.Quad(a, p, o, ox.NamedNode("urn:g1")), ox.Quad(a, p, o, ox.NamedNode("urn:g2"))])
        counted = int(next(iter(union.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                                            use_default_graph_as_union=True)))["n"].value)
        result = {
            "articles": args.articles, "quads": quads,
            "named_and_merge_cpu_s": round(best["named_and_merge"]["cpu_s"], 2),
            "named_only_cpu_s": round(best["named_only"]["cpu_s"], 2),
            "merge_share_of_load_cpu": round(1 - best["named_only"]["cpu_s"] / best["named_and_merge"]["cpu_s"], 3),
            "named_and_merge_us_per_quad_cpu": round(1e6 * best["named_and_merge"]["cpu_s"] / quads, 2),
            "named_only_us_per_quad_cpu": round(1e6 * best["named_only"]["cpu_s"] / quads, 2),
            "named_and_merge_wall_s": round(best["named_and_merge"]["wall_s"], 2),
            "named_only_wall_s": round(best["named_only"]["wall_s"], 2),
            "union_default_graph_counts_a_triple_of_two_graphs": counted,
            "batch_mb": args.batch_mb,
        }
        for streamed in (False, True) if args.scaling else ():
            runs = [scaling_load(work, _copies(graphs, k), args.articles * k, streamed) for k in args.scaling]
            print(json.dumps(runs), flush=True)
            result.setdefault("scaling", {})[runs[0]["way"]] = {
                "sizes": runs, "per_article_big_vs_small": round(runs[1]["ms_per_article_cpu"] / runs[0]["ms_per_article_cpu"], 3)}
        if args.growth:
            copies = _copies(graphs, args.growth)
            if args.curves:
                ways = {"main_until_16_30mb": (30_000_000, _main_until_16),
                        "main_until_16_90mb": (90_000_000, _main_until_16),
                        "as_built_now": (STORE_BATCH_BYTES, EmbeddedStore.add_graphs_nquads),
                        # one bulk load for the whole build, reading the batches as one stream
                        "streamed_once": (STORE_BATCH_BYTES, None)}
                result["curves"] = {name: curve(work, copies, size, fn, 3) for name, (size, fn) in ways.items()}
                base = result["curves"]["main_until_16_30mb"]["cpu_s"]
                for c in result["curves"].values():
                    c["cpu_vs_main_until_16"] = round(c["cpu_s"] / base, 3)
                print(json.dumps(result["curves"], indent=2), flush=True)
            grown = timed_load(work, "grown", lambda store: as_built(store, copies))
            per_quad = grown["cpu_s"] / (quads * args.growth)
            result["growth"] = {"articles": args.articles * args.growth, "quads": quads * args.growth,
                                "cpu_s": round(grown["cpu_s"], 2), "us_per_quad_cpu": round(1e6 * per_quad, 2),
                                "per_quad_vs_first_size": round(per_quad * quads / best["named_and_merge"]["cpu_s"], 3)}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
