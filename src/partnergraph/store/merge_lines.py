"""The merged default graph's lines of a batch of new article graphs, each shared line once per
build.

A build adds every article graph twice: as its named graph, and into the merged default graph
(embedded.py says why the store keeps that merge itself). An article graph's own lines (the
article node and its mentions, whose IRIs hold the article's hash: `dumps.ranges`) are stated by
that graph alone; its shared lines (the places, countries, programmes it names, with their labels)
recur in many graphs: a quarter of a synthetic article's lines, and most of them stated already by
an earlier article. Each bulk load writes every line it is given into new table files, and RocksDB
then merges those files with the whole store again and again as it grows (the table files of one
load overlap all earlier ones), so a repeated line costs its sorting, writing and every later
merge although the store already holds it. `SharedLines` remembers the shared lines this build
handed to the store and leaves them out of later batches: the merge is a set, so the store ends
with the same triples.

Why leaving one out is safe: a line is remembered only by the batch that loads it, and that batch
also loads the named graph that states it; a build never drops a graph it added (it drops only
graphs of the last build, and those after its own loads, through `EmbeddedStore.drop_graph`, which
keeps a merged triple while another named graph states it). Two batches that load at the same time
may both load a line: a repeat, never a loss.
"""

from __future__ import annotations

from bisect import bisect_left


class SharedLines:
    """The shared lines of the merged default graph that this build has handed to the store."""

    def __init__(self, local: tuple[bytes, ...]):
        #: how the lines of article-local subjects begin (`publish.dumps.ranges`)
        self.local = local
        self.loaded: set[bytes] = set()

    def merged(self, graph: str, nquads: bytes) -> bytes:
        """The merge's lines of one new graph (its canonical N-Quads, sorted, as the extraction
        writes them): its own lines, and the shared lines not handed to the store before."""
        triples = nquads.replace(f" <{graph}> .\n".encode(), b" .\n")
        lines = triples.splitlines(keepends=True)
        loaded = self.loaded
        out: list[bytes] = []
        at = 0
        for prefix in self.local:  # sorted lines: each local range is one run
            lo = max(at, bisect_left(lines, prefix))
            hi = max(lo, bisect_left(lines, prefix[:-1] + bytes([prefix[-1] + 1])))
            out += self._new(lines[at:lo], loaded)
            out += lines[lo:hi]
            at = hi
        out += self._new(lines[at:], loaded)
        return b"".join(out)

    @staticmethod
    def _new(lines: list[bytes], loaded: set[bytes]) -> list[bytes]:
        new = [line for line in lines if line not in loaded]
        loaded.update(new)
        return new
