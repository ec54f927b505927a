"""Loading: the store brought up to the build's articles. New and changed articles are
extracted (workers.py) and loaded by a background thread while the extraction goes on;
articles no source gives any more are dropped (--prune); the vocabulary and analytics graphs
follow; graph.ttl and graph.trig are written from the dump pieces while the store loads
(outputs.py), or from the store when a piece is missing; the next state.json is staged."""

from __future__ import annotations

import contextlib
import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..graph.iri import Minter
from ..models import date_xsd_type
from ..graphdir import STATE_FILE, GraphDir
from ..namespaces import ANALYTICS_GRAPH, VOCABULARY_GRAPH
from ..store.embedded import EmbeddedStore, GraphStore, graph_quads
from ..sources.line_index import KnownArticle, full_article
from ..store.merge_lines import SharedLines
from ..viewer.unchanged import NETWORK_STATE_KEY, STATE_KEY, facts_key
from .collect import Collected
from .outputs import DumpsChild, Run, dumps_child_pays, dumps_child_pays_full, dumps_from_pieces, dumps_from_store
from .report import BuildOptions, BuildReport, Progress, Skipped
from .state import code_digest, fingerprint, next_state, piece_name, pieces_digest
from .store_writes import Loader, StreamedLoad
from .workers import Extracted, Task, extract_all

if TYPE_CHECKING:
    from ..models import Article
    from ..publish.dumps import DumpCache

LOGGER = logging.getLogger(__name__)

#: N-Quads lines of the named graphs handed to the store at once, at most (the merged default
#: graph's lines come on top: as many, fewer with store/merge_lines.py). Oxigraph's bulk loader
#: turns every 1,000,000 lines it reads into one set of table files (DEFAULT_BULK_LOAD_BATCH_SIZE in
#: its storage/rocksdb.rs), and RocksDB merges each set with everything loaded before: the work of
#: those merges grows with the number of sets times the size of the store, so loads of just under
#: 1,000,000 lines (twice this) make the fewest sets. With 90 MB batches (~330,000 lines each way)
#: and every shared line loaded again, a full build's main process took 7.8 % more processor time
#: per article at 9,000 articles than at 3,000 (RocksDB's compaction thread 4.9 -> 22.6 s); with
#: these batches and merge_lines.SharedLines 0.7 % more (4.7 -> 16.1 s), both versions in one run
#: (session 14: the two versions building the same corpus side by side).
STORE_BATCH_LINES = 495_000


def update_store(store: GraphStore, got: Collected, report: BuildReport, minter: Minter,
                 options: BuildOptions, progress: Progress, out_dir: Path, staging: Path,
                 *, new_pieces: set[str] | None = None, fp: str | None = None) -> Run:
    """Extracts new and changed articles into `store`, prunes, writes graph.ttl and graph.trig
    from the dump pieces while the store loads (or from the store when pieces are missing), the
    vocabulary and analytics graphs, and the state beside the store. `new_pieces` receives the
    names of the dump pieces this build may write that did not exist before; `fp`: the code's
    fingerprint when the caller computed it already (state.fingerprint)."""
    from ..publish.export import write_atomic
    from ..viewer.collector import gc_paused

    update = _Update(store, got, report, minter, options, progress, out_dir, staging, fp)
    todo = update.plan(new_pieces)
    loader = Loader()
    with contextlib.ExitStack() as after_extraction:
        try:
            update.load(todo, loader)
            # from here on no cyclic garbage worth collecting, and millions of objects the
            # collector would scan again and again (collector.py; write_outputs pauses it too)
            after_extraction.enter_context(gc_paused())
            if options.prune:
                update.prune(loader)
            report.articles_total = len(update.known)
            run = update.run()
            others = None
            if all(run.pieces.values()) and dumps_child_pays(len(run.pieces), report.articles_extracted):
                loader.wait()  # the store is complete in a moment: little is left to load
                others = update.dumps_in_child(run)
            if run.dumps is None:
                others = update.dumps_from_pieces(run, loader)
        finally:
            loader.wait()
        if others is None or not _pieces_describe(store, run, others):
            # a piece missing or damaged, or the store holds graphs the pieces do not describe:
            # the store decides
            if run.dumps is not None:
                run.dumps.stop()
                run.dumps = None
            update.dumps_from_store(run)
        store.flush()
        # compact: json's indenting encoder is pure Python (0.17 against 0.06 s at 10,000 articles)
        write_atomic(staging / STATE_FILE, json.dumps(update.state, ensure_ascii=False, sort_keys=True,
                                                      separators=(",", ":")))
    return run


class _Update:
    """One build's update of the store: the state it starts from, which it updates article by
    article, and the steps of `update_store`."""

    def __init__(self, store: GraphStore, got: Collected, report: BuildReport, minter: Minter,
                 options: BuildOptions, progress: Progress, out_dir: Path, staging: Path, fp: str | None = None):
        from ..publish.dumps import DumpCache, ranges
        from ..memo import Memo
        from ..viewer.facts import FactCache

        self.store, self.got, self.report, self.minter = store, got, report, minter
        self.options, self.progress, self.out_dir, self.staging = options, progress, out_dir, staging
        self.fp = fp or fingerprint(minter.base)
        self.state, self.fresh = next_state(GraphDir(out_dir).read_state(), self.fp, minter.base, options.store_url,
                                            options.store_options)
        self.known: dict = self.state["articles"]
        self.present = store.graph_names()
        self.cache = DumpCache(out_dir)
        self.facts = FactCache(out_dir, minter.base)
        # every module, not only the fingerprint's: the memo keeps results of the page-side code too
        self.memo = Memo(out_dir, version=code_digest(minter.base))
        self.by_url = {a.url: a for a in got.articles}
        #: whether the store was emptied (every article is extracted again)
        self.cleared = False
        self.touched: _Touched | None = None
        #: the dump pieces in the cache when the build began (`plan`)
        self._pieces_present: set[str] = set()
        self.previous = ""
        #: the last build's facts key (viewer/unchanged.py), None when it does not hold here
        self.previous_key = None if self.fresh else self.state.get(STATE_KEY)
        #: ... and its network key (the same, for the partnership network)
        self.previous_network_key = None if self.fresh else self.state.get(NETWORK_STATE_KEY)
        #: graph → its dump piece in the last build (None: new), for every graph extracted
        self.changed: dict[str, str | None] = {}
        #: the merged default graph's shared lines this build's new graphs loaded
        self.shared = SharedLines(ranges(minter.base))
        #: the one bulk load of a build into a store without graphs (store_writes.StreamedLoad)
        self.stream: StreamedLoad | None = None

    def plan(self, new_pieces: set[str] | None) -> list[Article]:
        """The articles to extract; empties the store when all it holds is to be extracted again."""
        articles = self.got.articles
        self._pieces_present = self.cache.names()
        # an unchanged line of a JSON Lines source comes unparsed (sources/line_index.py): the
        # extraction gets the article the line gives
        todo = [full_article(a) for a in articles if self._stale(a)]
        self.by_url.update((a.url, a) for a in todo)
        if self.fresh and isinstance(self.store, EmbeddedStore) and self.present - {
                VOCABULARY_GRAPH, ANALYTICS_GRAPH} <= {self.minter.article(a.url) for a in todo}:
            # the rules changed and every article is extracted again: emptying the store takes
            # 20 ms, replacing 10,000 graphs one by one minutes
            self.store.raw.clear()
            self.present, self.cleared = set(), True
            self.previous_key = self.previous_network_key = None
        if new_pieces is not None:
            new_pieces.update(n for n in (piece_name(self.fp, a.url, a.content_hash) for a in todo)
                              if not self.cache.has(n))
        self.report.articles_unchanged = len(articles) - len(todo)
        self.progress(f"{len(articles)} articles read, {len(todo)} to extract, "
                      f"{self.report.articles_unchanged} unchanged")
        self.touched = _Touched(self.cache, self.minter.base) if self.options.validate and not self.fresh else None
        self.previous = pieces_digest(self.known)
        return todo

    def _stale(self, a: Article) -> bool:
        # an article is extracted again when its text, the rules (fingerprint), its graph or its
        # dump piece changed; articles of earlier builds that are not among the sources keep theirs
        known = self.known
        return (known.get(a.url, {}).get("hash") != a.content_hash or known[a.url].get("fingerprint") != self.fp
                or (a.graph if isinstance(a, KnownArticle) else self.minter.article(a.url)) not in self.present
                or known[a.url].get("piece") not in self._pieces_present
                or (self.options.validate and "shacl" not in known[a.url]))

    def load(self, todo: list[Article], loader: Loader) -> None:
        """Extracts `todo`, hands the graphs to the loader in batches and records each article."""
        task = Task(self.minter.base, self.fp, self.out_dir, self.options.validate)
        batch: list[tuple[str, bytes]] = []
        size = 0
        try:
            for done in extract_all(todo, task, self.options.jobs, self.progress):
                if done.nquads is None:
                    self._skip(done)
                    continue
                batch.append((done.graph, done.nquads))
                size += done.nquads.count(b"\n")
                self._record(done)
                if size >= STORE_BATCH_LINES:
                    self._submit(loader, batch, size)
                    batch, size = [], 0
            if batch:
                self._submit(loader, batch, size)
        finally:
            if self.stream is not None:
                self.stream.close()
        for url in self.by_url:
            if url in self.known:
                self.known[url]["source"] = self.got.source_of[url]

    def _submit(self, loader: Loader, batch: list[tuple[str, bytes]], size: int) -> None:
        """Hands a batch to the loader: graphs the store did not hold when the build began (a
        full build, or the store emptied) are added without looking for old ones to drop, and
        may load beside the other such batches. `size`: the batch's N-Quads lines, as counted."""
        if isinstance(self.store, EmbeddedStore) and not any(g in self.present for g, _ in batch):
            if self.stream is None and not self.present and size >= STORE_BATCH_LINES \
                    and StreamedLoad.available():
                # the store holds no graph and the build fills batches: one load for all of them
                self.stream = StreamedLoad(self.store.bulk_load_nquads_file, loader)
            if self.stream is not None:
                self.stream.feed(self.store.merge_nquads(batch, self.shared))
                return
            loader.submit(self.store.add_graphs_nquads, batch, self.shared, adds=True)
        else:
            loader.submit(self.store.replace_graphs_nquads, batch)

    def _skip(self, done: Extracted) -> None:
        origin = self.by_url[done.url].origin or done.url
        self.report.skipped.append(Skipped(origin, done.error))
        self.progress(f"skipped: {origin}: {done.error}")
        if self.cleared:
            self.known.pop(done.url, None)  # its previous graph went with the store's old content

    def _record(self, done: Extracted) -> None:
        url, known, article = done.url, self.known, self.by_url[done.url]
        self.changed.setdefault(done.graph, known.get(url, {}).get("piece"))
        if self.touched is not None:
            self.touched.add_piece(known.get(url, {}).get("piece"))
            self.touched.add(done.nquads)
        known[url] = {"hash": article.content_hash, "graph": done.graph, "origin": article.origin,
                      "piece": done.piece, "fingerprint": self.fp,
                      # its schema:datePublished when an xsd:date (graph/triples.py): void.ttl's
                      # dcterms:modified is the newest of them (Run.newest)
                      "published": article.date.isoformat() if article.date and date_xsd_type(article.date) == "date"
                      else ""}
        if done.shacl is not None:  # what its graph fails alone: confirmed on the merged graph
            known[url]["shacl"] = done.shacl
        if done.facts:
            self.facts.add(done.graph, done.piece, done.facts)
        self.report.articles_extracted += 1

    def prune(self, loader: Loader) -> None:
        """Drops the graphs of articles that none of the sources gives any more."""
        kept = 0
        for url in sorted(set(self.known) - set(self.by_url)):
            if self.known[url].get("source") in self.got.incomplete:
                kept += 1  # its source failed for now: absence is no proof that it was removed
                continue
            gone = self.known.pop(url)
            self.previous_key = self.previous_network_key = None  # a graph less: other facts
            if self.touched is not None:
                self.touched.add_piece(gone.get("piece"))
            loader.submit(self.store.drop_graph, gone["graph"])
            self.report.articles_removed += 1
        if kept:
            self.progress(f"--prune kept {kept} articles of sources that were not read completely")

    def run(self) -> Run:
        known = self.known
        pieces = {rec["graph"]: rec.get("piece") for rec in known.values()}
        key = network_key = None
        if all(pieces.values()):
            grown = None in self.changed.values()  # a graph more: other facts, another network
            new_key = pieces_digest(known)
            key = facts_key(None if grown else self.previous_key, self.changed, self.facts.same_as_before, new_key)
            network_key = facts_key(None if grown else self.previous_network_key, self.changed,
                                    self.facts.same_network_as_before, new_key)
        for name, value in ((STATE_KEY, key), (NETWORK_STATE_KEY, network_key)):
            self.state.pop(name, None)
            if value is not None:
                self.state[name] = value
        return Run(pieces,
                   shacl=[c for rec in known.values() for c in rec.get("shacl", [])],
                   checked=self.report.articles_extracted if self.options.validate else 0,
                   touched=self.touched.result() if self.touched is not None else None, previous=self.previous,
                   facts=self.facts, memo=self.memo, facts_key=key, network_key=network_key,
                   newest=_newest(known))

    def _vocabulary_changed(self) -> bool:
        return self.fresh or VOCABULARY_GRAPH not in self.present  # the fingerprint covers the vocabulary files

    def dumps_in_child(self, run: Run) -> dict | None:
        """A rebuild of a large graph, its store complete: the analysis comes from the store and
        the dumps go to a child process while this one writes graph.html. The build's own
        graphs, or None when the dumps are to be written otherwise."""
        from ..viewer.collector import gc_paused

        with gc_paused():  # the analysis reads the viewer facts: millions of objects, no cycles
            others = _own_graphs_from_store(run, self.store, self.minter, self._vocabulary_changed())
        if not _pieces_describe(self.store, run, others):
            return None
        self.store.flush()
        self.progress("writing graph.ttl and graph.trig")
        try:
            run.dumps = DumpsChild(self.cache, run.pieces, others, self.staging, self.minter.base)
        except OSError as exc:
            LOGGER.warning("cannot start a process for the dumps (%s); writing them here", exc)
            return None
        return others

    def dumps_from_pieces(self, run: Run, loader: Loader) -> dict | None:
        """The dumps from the pieces here, while the loader finishes the store and then writes
        the build's own graphs; those graphs, or None when a piece is missing or unreadable."""
        prepared = _merge_pieces(run, self.minter, self.cache)
        if prepared is None:
            return None
        others = prepared
        # queued behind the articles: the store is complete when the loader gets here
        if self._vocabulary_changed():
            loader.submit(write_vocabulary, self.store, self.minter, others[VOCABULARY_GRAPH])
        loader.submit(lambda: write_analytics(self.store, self.minter, run.analysis, others[ANALYTICS_GRAPH], run=run))
        self.progress("writing graph.ttl and graph.trig")
        if dumps_child_pays_full(len(run.pieces)):
            # a large build: a child process writes the dumps from the pieces while this one
            # waits for the store and writes graph.html, the statistics and the validation from
            # it (at 2,000 articles these tails took 2.1 s and 10.0 s, one after the other); the
            # child merges the pieces again, on the core the extraction workers left
            try:
                run.dumps = DumpsChild(self.cache, run.pieces, others, self.staging, self.minter.base)
                return others
            except OSError as exc:
                LOGGER.warning("cannot start a process for the dumps (%s); writing them here", exc)
        if not dumps_from_pieces(self.cache, run.pieces, others, self.staging, self.minter, self.report):
            return None
        return others

    def dumps_from_store(self, run: Run) -> None:
        """The build's own graphs and the dumps from the store alone."""
        if self.fresh or VOCABULARY_GRAPH not in self.store.graph_names():
            write_vocabulary(self.store, self.minter)
        run.analysis, run.analytics = write_analytics(self.store, self.minter, run=run)
        dumps_from_store(self.store, self.staging, self.minter, self.report, self.progress)


class _Touched:
    """Collects what a rebuild changes for the merged graph's SHACL checks: the IRIs, outside
    the articles' own ranges, that the new graphs and the replaced or removed ones use as
    subject or object (validate.validate_build checks those again and keeps the rest)."""

    #: beyond this many changed articles every focus node is checked: cheaper than collecting
    MAX_ARTICLES = 1_000

    def __init__(self, cache: DumpCache, base: str):
        from ..publish.dumps import ranges

        self.cache, self.local = cache, ranges(base)
        self.terms: set[str] = set()
        self.articles = 0
        self.complete = True

    def add(self, data: bytes) -> None:
        self.articles += 1
        if self.articles > self.MAX_ARTICLES:
            self.complete = False
        if not self.complete:
            return
        for line in data.splitlines():
            s, _, rest = line.partition(b" ")
            o = rest.partition(b" ")[2]
            for term in (s, o[:o.find(b">") + 1] if o.startswith(b"<") else b""):
                if term.startswith(b"<") and not term.startswith(self.local):
                    self.terms.add(term[1:-1].decode())

    def add_piece(self, name: str | None) -> None:
        """The shared lines of an article's previous graph, from its dump piece."""
        if not name or not self.complete:
            return
        try:
            self.add(self.cache.read(name, "shared_nt")[1][0])
        except (OSError, ValueError, KeyError):
            self.complete = False

    def result(self) -> set[str] | None:
        return self.terms if self.complete else None


def _newest(known: dict) -> list | None:
    """[the newest xsd:date of the articles' schema:datePublished, or None], or None when an
    article was recorded without it (by an earlier version: the store is asked then)."""
    try:
        return [max((rec["published"] for rec in known.values()), default="") or None]
    except KeyError:
        return None


def _pieces_describe(store: GraphStore, run: Run, others: dict) -> bool:
    """Whether the store's graphs are those of the pieces and the build's own graphs."""
    return set(run.pieces) | set(others) == store.graph_names() | set(others)


def _own_graphs_from_store(run: Run, store: GraphStore, minter: Minter, vocabulary_changed: bool) -> dict:
    """The vocabulary and analytics graphs, written to the store where they changed, with the
    analysis from the store; returns their quads."""
    from ..graph.triples import vocabulary_quads
    from ..vocab import load_vocabulary

    others = {VOCABULARY_GRAPH: vocabulary_quads(load_vocabulary(), minter)}
    if vocabulary_changed:
        write_vocabulary(store, minter, others[VOCABULARY_GRAPH])
    run.analysis, others[ANALYTICS_GRAPH] = write_analytics(store, minter, _analysis_from_facts(run, store), run=run)
    run.analytics = others[ANALYTICS_GRAPH]
    return others


def _analysis_from_facts(run: Run, store: GraphStore):
    """The network analysis from the viewer's facts (read once for the analysis and
    graph.html), remembered in the build's memo; None when the facts do not describe the store."""
    from ..graph.analytics import remembered_analysis
    from ..viewer.unchanged import only_known_graphs, remember_network, remembered_network

    # the network named by the network key, as the last build made it (unchanged.py)
    network = remembered_network(run.memo, run.network_key) if only_known_graphs(store, run.pieces) else None
    if network is None:
        network = run.facts.network(store, run.pieces) if run.facts is not None else None
        if network is None:
            return None
        remember_network(run.memo, run.network_key, *network)
    if run.memo is None:
        from ..graph.analytics import analyse

        return analyse(*network)
    return remembered_analysis(*network, memo=run.memo)


def _merge_pieces(run: Run, minter: Minter, cache: DumpCache):
    """The quads of the graphs the build makes itself (vocabulary, analytics); sets
    `run.analysis` (the network analysis, made from the pieces' shared lines merged with the
    vocabulary, without the store). None when a piece is missing or unreadable."""
    from ..publish import dumps as dumpcache
    from ..graph.analytics import (NETWORK_PREDICATES, analyse, analytics_quads, network_from_triples,
                                   remembered_analysis)
    from ..graph.triples import vocabulary_quads
    from ..viewer.unchanged import remember_network
    from ..vocab import load_vocabulary

    if not all(run.pieces.values()):
        return None
    try:
        merged = dumpcache.collect_shared(cache, run.pieces)
        others = {VOCABULARY_GRAPH: vocabulary_quads(load_vocabulary(), minter)}
        dumpcache.add_graph(merged, others[VOCABULARY_GRAPH], base=minter.base)
        network = network_from_triples(dumpcache.triples_with(merged.shared, NETWORK_PREDICATES))
        # a later rebuild with the same viewer facts takes it over (viewer/unchanged.py)
        remember_network(run.memo, run.network_key, *network)
        run.analysis = remembered_analysis(*network, memo=run.memo) if run.memo is not None else analyse(*network)
        others[ANALYTICS_GRAPH] = run.analytics = analytics_quads(None, minter, analysis=run.analysis)
    except (OSError, ValueError, KeyError) as exc:  # a damaged piece: the store has it all
        LOGGER.warning("%s: %s; writing the dumps from the store", cache.dir, exc)
        run.analysis = run.analytics = None
        return None
    return others


def write_vocabulary(store: GraphStore, minter: Minter, quads: list[ox.Quad] | None = None) -> None:
    from ..graph.triples import vocabulary_quads
    from ..vocab import load_vocabulary

    store.replace_graph(VOCABULARY_GRAPH, quads if quads is not None else vocabulary_quads(load_vocabulary(), minter))


def write_analytics(store: GraphStore, minter: Minter, analysis=None, quads: list[ox.Quad] | None = None,
                    *, run: Run | None = None):
    """Network analytics into their named graph (from the store unless given); returns the
    analysis (for stats.json) and the graph's quads. `run.analytics_kept` tells whether the
    store held these quads already."""
    from ..graph.analytics import analyse_store, analytics_quads

    if analysis is None:
        analysis = analyse_store(store, base=minter.base)
    if quads is None:
        quads = analytics_quads(store, minter, analysis=analysis)
    # a changed article rarely changes the network: rewriting 25,000 unchanged quads at 10,000
    # articles cost more than the analysis itself
    kept = set(quads) == set(graph_quads(store, ANALYTICS_GRAPH))
    if not kept:
        store.replace_graph(ANALYTICS_GRAPH, quads)
    if run is not None:
        run.analytics_kept = kept
    return analysis, quads

