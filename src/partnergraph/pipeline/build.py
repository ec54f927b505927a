"""`build`: sources → articles → extractions → named graphs in the store → output files.

Incremental: every article is keyed by its URL and a hash of its content; a rebuild extracts
only new or changed articles and replaces exactly their named graphs. Whatever fails on one
input is recorded in the report and the rest of the batch goes on. Output files are written
atomically, so an interrupted build leaves the previous ones intact.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import logging
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..version import __version__
from ..errors import PartnergraphError, SourceError, StoreError
from ..graph.iri import Minter
from ..namespaces import ANALYTICS_GRAPH, DEFAULT_BASE, PG_IRI, VOCABULARY_GRAPH
from ..resources import data_file, sample_dir
from ..store.embedded import STORE_DIRNAME, EmbeddedStore, GraphStore, graph_quads, open_store

if TYPE_CHECKING:
    from ..publish.dumps import DumpCache
    from ..models import Article

# dumpcache and export are imported where they are used: `import partnergraph` (every command,
# even --help) imports this module, and needs neither (benchmarks/bench_startup.py)

LOGGER = logging.getLogger(__name__)

Progress = Callable[[str], None]

#: below this many articles to extract, worker processes cost more than they save (measured:
#: forking two workers and shipping results back takes ~0.3 s; one article takes ~5 ms)
PARALLEL_MIN_ARTICLES = 200
#: articles per task sent to a worker: large enough to amortise pickling, small enough to
#: keep both cores busy to the end
CHUNK_SIZE = 100
#: N-Quads handed to the store at once: ~200,000 quads of ~150 bytes, large enough for its bulk
#: loader (store.BULK_MIN_QUADS), small enough to keep the build's memory flat
STORE_BATCH_BYTES = 30_000_000
#: the longest article (headline and text, in characters) a build extracts; longer ones are
#: skipped with one line. News articles run to some 10,000 characters, long features to
#: ~100,000. Up to this size one article costs what the same text costs as separate articles
#: (measured: 0.97× at 250,000 characters, 0.96× at 500,000); beyond it the shapes' checks of
#: each mention against the whole text (a SPARQL CONTAINS/SUBSTR per mention) make it grow
#: faster: 1.7× at 1,000,000 (benchmarks/bench_big_article.py)
MAX_ARTICLE_CHARS = 500_000
STATE_FILE = "state.json"
REPORT_FILE = "build-report.json"
#: the next state of the graph directory while a build writes it
STAGING_DIR = ".staging"
#: present while the staged files are being moved into place (the build's commit point)
COMMIT_FILE = ".commit"
#: replaced folders (the old store) wait here until the commit is complete
TRASH_DIR = ".trash"
LOCK_FILE = ".lock"


@dataclass
class BuildOptions:
    out_dir: Path = Path("partnergraph-out")
    base: str = DEFAULT_BASE
    store_url: str | None = None
    store_options: dict = field(default_factory=dict)
    prune: bool = False
    validate: bool = True
    viz: bool = True
    jobs: int = 0  # 0: one per core
    progress: Progress | None = None
    #: fetch options for URL sources (sources.crawl.CrawlOptions), when any
    crawl_options: object | None = None


@dataclass
class Skipped:
    source: str
    reason: str


@dataclass
class BuildReport:
    out_dir: str
    articles_read: int = 0
    articles_extracted: int = 0
    articles_unchanged: int = 0
    articles_removed: int = 0
    #: articles the graph holds after the build: those read now and those kept from earlier
    #: builds of other sources (without --prune a build adds to the directory)
    articles_total: int = 0
    triples: int = 0
    quads: int = 0
    classes: dict[str, int] = field(default_factory=dict)
    #: distinct subjects under the base, predicates and classes (VoID's entities, properties,
    #: classes); 0 when not counted in the build (then VoID counts them by query)
    entities: int = 0
    properties: int = 0
    distinct_classes: int = 0
    #: VoID's example resources, when counted in the build
    examples: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    validation: dict | None = None
    outputs: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# -- reading ---------------------------------------------------------------------------------

def read_sources(sources: Iterable[str], *, crawl_options=None, progress: Progress | None = None) -> Iterator[Article | SourceError]:
    """Articles from files, folders and URLs, in the order given; errors are yielded, not raised."""
    for _spec, item in _read_tagged(sources, crawl_options=crawl_options, progress=progress):
        yield item


def _read_tagged(sources: Iterable[str], *, crawl_options=None,
                 progress: Progress | None = None) -> Iterator[tuple[str, Article | SourceError]]:
    """(source as given, item) pairs: which source each article or error came from."""
    from ..sources import read_path

    for spec in sources:
        if spec.startswith(("http://", "https://")):
            from ..sources.crawl import CrawlOptions, crawl_articles

            options = crawl_options or CrawlOptions()
            if progress is not None and getattr(options, "progress", None) is None:
                options = dataclasses.replace(options, progress=progress)
            for item in crawl_articles([spec], options=options):
                yield spec, item
        else:
            for item in read_path(Path(spec)):
                yield spec, item


@dataclass
class Collected:
    articles: list[Article]
    #: article URL → the source (file, folder or start URL as given) it was read from
    source_of: dict[str, str]
    #: sources that may have lost articles to a passing failure (network, 5xx, timeouts) or that
    #: gave no article at all: --prune keeps the articles it knew from them
    incomplete: set[str]


def collect(sources: Iterable[str], report: BuildReport, progress: Progress, *, crawl_options=None) -> Collected:
    sources = list(sources)
    articles: dict[str, Article] = {}
    source_of: dict[str, str] = {}
    incomplete: set[str] = set()
    found: dict[str, int] = dict.fromkeys(sources, 0)
    for spec, item in _read_tagged(sources, crawl_options=crawl_options, progress=progress):
        if isinstance(item, SourceError):
            # a passing network failure, or a damaged file, says nothing about what was removed
            if getattr(item, "transient", False) or not spec.startswith(("http://", "https://")):
                incomplete.add(spec)
            report.skipped.append(Skipped(item.source or "?", str(item)))
            progress(f"skipped: {item}")
            continue
        found[spec] += 1
        size = len(item.title) + len(item.text)
        if size > MAX_ARTICLE_CHARS:
            reason = (f"{item.origin or item.url}: article of {size:,} characters, over the limit of "
                      f"{MAX_ARTICLE_CHARS:,} per article (split it into several)")
            report.skipped.append(Skipped(item.origin or item.url, reason))
            progress(f"skipped: {reason}")
            continue
        if item.url in articles:
            first = articles[item.url]
            if first.content_hash == item.content_hash and item.origin.startswith(("http://", "https://")):
                continue  # one page reached from two start URLs (a listing and a feed): not an error
            report.skipped.append(Skipped(item.origin, f"duplicate url {item.url} (first read from {first.origin})"))
            progress(f"skipped: {item.origin}: duplicate url {item.url}")
            continue
        articles[item.url] = item
        source_of[item.url] = spec
    incomplete |= {spec for spec, n in found.items() if n == 0}
    report.articles_read = len(articles)
    return Collected(list(articles.values()), source_of, incomplete)


# -- extracting (in this process or in workers) ----------------------------------------------

_WORKER = None


def _extractor(base: str):
    global _WORKER
    if _WORKER is None or _WORKER[0] != base:
        from ..extract.extractor import Extractor

        _WORKER = (base, Extractor(), Minter(base))
    return _WORKER


@dataclass
class Extracted:
    url: str
    graph: str
    #: N-Quads of the article's graph, None when the article failed (then `error` says why)
    nquads: bytes | None
    #: the name of its share of graph.ttl/graph.trig in the dump cache (dumpcache.Piece)
    piece: str = ""
    error: str = ""
    #: [check, focus] of each SHACL check its graph fails alone (shapecheck.ArticleChecks),
    #: None when not validated
    shacl: list | None = None


@dataclass(frozen=True)
class _Task:
    base: str
    #: the build's fingerprint and graph directory: where and under which names pieces go
    fingerprint: str
    out_dir: Path
    validate: bool = True


_CHECKS = None


def _article_checks(base: str):
    """The SHACL checks of article graphs, compiled once per process."""
    global _CHECKS
    if _CHECKS is None or _CHECKS[0] != base:
        from ..graph.triples import vocabulary_quads
        from ..namespaces import ANALYTICS_PREDICATES
        from ..validate.shapecheck import ArticleChecks
        from ..vocab import load_vocabulary

        _CHECKS = (base, ArticleChecks(vocabulary_quads(load_vocabulary(), Minter(base)), ANALYTICS_PREDICATES))
    return _CHECKS[1]


def _extract_chunk(task: _Task, articles: list[Article]) -> list[Extracted]:
    """Extraction, the article's graph as N-Quads and its dump piece (written to the dump
    cache right here), per article: all the per-article work happens in the workers."""
    from ..publish.dumps import DumpCache, canonical_nquads, render
    from ..graph.triples import article_quads

    _, extractor, minter = _extractor(task.base)
    cache = DumpCache(task.out_dir)
    out = []
    graphs: dict[str, list] = {}  # the chunk's article graphs, validated together below
    for a in articles:
        graph = minter.article(a.url)
        try:
            ex = extractor.extract(a)
            quads = article_quads(ex, extractor.vocabulary, minter)
            nquads = canonical_nquads(quads)
            name = piece_name(task.fingerprint, a.url, a.content_hash)
            cache.put(name, render(graph, nquads, base=task.base).to_bytes())
            out.append(Extracted(a.url, graph, nquads, name))
            graphs[graph] = quads
        except PartnergraphError as exc:
            out.append(Extracted(a.url, graph, None, error=str(exc)))
        except OSError:  # the disk (a full one, most likely), not the article: the build stops
            raise
        except Exception as exc:  # an article the rules choke on costs that article, not the build
            LOGGER.debug("extraction failed for %s", a.url, exc_info=True)
            out.append(Extracted(a.url, graph, None, error=f"extraction failed: {type(exc).__name__}: {exc}"))
    if task.validate and graphs:
        found = _article_checks(task.base).candidates(graphs)
        for e in out:
            if e.nquads is not None:
                e.shacl = found.get(e.graph, [])
    return out


def extract_all(articles: list[Article], task: _Task, jobs: int, progress: Progress) -> Iterator[Extracted]:
    if not articles:
        return
    _extractor(task.base)  # load the gazetteer here: forked workers share it copy-on-write
    jobs = jobs or os.cpu_count() or 1
    chunks = [articles[i:i + CHUNK_SIZE] for i in range(0, len(articles), CHUNK_SIZE)]
    done = 0
    if jobs == 1 or len(articles) < PARALLEL_MIN_ARTICLES:
        for chunk in chunks:
            yield from _extract_chunk(task, chunk)
            done += len(chunk)
            progress(f"extracted {done}/{len(articles)} articles")
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_worker_start,
                               initargs=(os.getpid(),))
    try:
        for result in pool.map(_extract_chunk, [task] * len(chunks), chunks):
            yield from result
            done += len(result)
            progress(f"extracted {done}/{len(articles)} articles")
    finally:
        # a failing build (a full disk) does not wait for the chunks not yet begun
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_start(parent: int) -> None:
    """First thing in a worker: end with the build (a killed build must leave no worker
    running, writing pieces and holding the directory's lock) and let go of the lock."""
    from .lock import die_with_parent, release_inherited_locks

    die_with_parent(parent)
    release_inherited_locks()


# -- state -------------------------------------------------------------------------------------

def fingerprint(base: str) -> str:
    """Changes whenever a rebuild of an unchanged article could give a different graph.

    It hashes every Python module of the package and every data file the extractor may read
    (all of ``data/`` but the viewer's assets), not a hand-kept list of them: a list misses the
    next rules file someone adds (local-governments-de.tsv was missed so), and a stale piece is
    a wrong graph that nothing reports. The price is that any code change re-extracts."""
    from ..vocab import load_vocabulary

    h = hashlib.sha256(f"{__version__}|{base}".encode())
    for path in load_vocabulary().files:
        h.update(path.read_bytes())
    package = Path(__file__).resolve().parent.parent  # the partnergraph package
    files = [p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts
             and (p.suffix == ".py" or (p.parts[len(package.parts)] == "data" and "viewer" not in p.parts))]
    for path in sorted(files):
        h.update(str(path.relative_to(package)).encode() + b"\0")
        h.update(path.read_bytes())
    from ..resources import ontology_dir

    h.update((ontology_dir() / "shapes.ttl").read_bytes())  # the article graphs' SHACL results are kept
    return h.hexdigest()[:16]


def load_state(out_dir: Path) -> dict:
    path = out_dir / STATE_FILE
    if path.exists():
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            LOGGER.warning("%s is unreadable; rebuilding every article", path)
    return {"fingerprint": "", "articles": {}}


def piece_name(fp: str, url: str, content_hash: str) -> str:
    """The dump piece of one version of one article under one fingerprint."""
    return hashlib.sha256(f"{fp}|{url}|{content_hash}".encode()).hexdigest()[:24]


# -- the build ---------------------------------------------------------------------------------

def build(sources: list[str] | None = None, options: BuildOptions | None = None) -> BuildReport:
    """Builds the graph directory from `sources` (default: the bundled sample corpus).

    The next state of the directory is assembled in ``DIR/.staging`` (the embedded store as a
    hard-linked checkpoint of the current one, then every output file) and moved into place only
    when all of it is written; see `recover`. A build that fails or is interrupted at any point
    leaves the last good directory as it was.
    """
    from ..publish.dumps import DumpCache
    from ..publish.export import DUMPS_FILE, write_atomic
    from ..store.embedded import files_signature

    options = options or BuildOptions()
    missing = [s for s in sources or [] if not s.startswith(("http://", "https://")) and not Path(s).exists()]
    if missing:
        # a mistyped path would otherwise give a "valid" graph without it: nothing is built
        raise SourceError(f"{', '.join(missing)}: no such file or folder (nothing was built)")
    progress = options.progress or (lambda _msg: None)
    started = dt.datetime.now()
    out_dir = Path(options.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with _locked(out_dir):
        recover(out_dir)
        report = BuildReport(out_dir=str(out_dir))
        minter = Minter(options.base)
        sources = sources or [str(sample_dir())]
        crawl_options = options.crawl_options
        if crawl_options is None and any(s.startswith(("http://", "https://")) for s in sources):
            from ..sources.crawl import CrawlOptions

            crawl_options = CrawlOptions(cache_dir=out_dir / "http-cache")  # polite defaults, cached
        got = collect(sources, report, progress, crawl_options=crawl_options)
        staging = out_dir / STAGING_DIR
        staging.mkdir()
        store = None
        new_pieces: set[str] = set()
        try:
            store = _staged_store(out_dir, staging, options)
            run = _update_store(store, got, report, minter, options, progress, out_dir, staging,
                                new_pieces=new_pieces)
            pieces = run.pieces
            write_outputs(store, staging, minter, report, options, progress, analysis=run.analysis,
                          dumps=run.dumps, run=run)
            store.close()
            store = None
            if not options.store_url:  # `export` serves graph.ttl/graph.trig while this store is unchanged
                write_atomic(staging / DUMPS_FILE, json.dumps({"store": files_signature(staging / STORE_DIRNAME)}))
            report.outputs = [str(out_dir / Path(p).relative_to(staging)) if Path(p).is_relative_to(staging)
                              else p for p in report.outputs]
            report.seconds = round((dt.datetime.now() - started).total_seconds(), 3)
            write_atomic(staging / REPORT_FILE, report.to_json())
            write_atomic(out_dir / COMMIT_FILE, "the files in .staging are complete\n")
            _move_staged(out_dir)
            DumpCache(out_dir).collect_garbage(p for p in pieces.values() if p)
        except BaseException as exc:
            for child in list(_DumpsChild.running):
                child.stop()
            if store is not None:
                _close_quietly(store)
            recover(out_dir)  # discards the staging area, or finishes a commit that had begun
            full = disk_full(exc)
            if full is None:
                raise
            # on a full disk, the pieces this build wrote go too (elsewhere they save the next
            # build their extraction)
            cache = DumpCache(out_dir)
            for name in new_pieces:
                cache.path(name).unlink(missing_ok=True)
            raise StoreError(f"{full.filename or out_dir}: no space left on device; the build stopped, "
                             "its partial files are removed, the previous outputs are intact") from None
    return report


def disk_full(exc: BaseException) -> OSError | None:
    """The "no space left" error behind `exc` (a chain of causes), if that is what it is."""
    import errno

    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        # RocksDB's errors reach Python as OSError without an errno, its text naming the cause
        if isinstance(exc, OSError) and (exc.errno == errno.ENOSPC or "No space left on device" in str(exc)):
            return exc
        exc = exc.__cause__ or exc.__context__
    return None


@dataclass
class _Run:
    """What the store update hands to the outputs."""
    #: article graph IRI → its dump piece (None for an article extracted before pieces existed)
    pieces: dict[str, str | None]
    analysis: object = None
    #: graph.ttl and graph.trig being written by a child process, or None
    dumps: _DumpsChild | None = None
    #: [check, focus] of the SHACL checks article graphs fail alone (to confirm on the merged
    #: graph), and how many article graphs this build checked
    shacl: list = field(default_factory=list)
    checked: int = 0
    #: the shared resources the changed article graphs state something about (before and
    #: after), or None: the merged graph's checks then run on every focus node
    touched: set[str] | None = None
    #: `pieces_digest` of the previous build's articles: the merged findings a previous build
    #: left are of that graph only if the digests agree
    previous: str = ""


def pieces_digest(known: dict) -> str:
    """One digest of which version of every article a graph holds (their dump pieces)."""
    return hashlib.sha256(json.dumps(sorted((rec.get("graph"), rec.get("piece")) for rec in known.values()),
                                     ).encode()).hexdigest()[:24]


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


#: a rebuild that extracts at most this share of the articles writes the dumps in a child
#: process while this one writes graph.html: the two took 4.2 and 4.3 s of a 10.1 s rebuild at
#: 10,000 articles. A build that extracts more writes them here, beside the store still loading
#: (a child would then compete with the loader for the cores).
DUMPS_CHILD_MAX_SHARE = 0.5
#: ... and only from this many articles on: starting the child costs ~0.4 s (measured), and
#: graph.html of a 1,000-article graph takes ~0.5 s
DUMPS_CHILD_MIN_ARTICLES = 1_000

_DUMPS = "import sys; from partnergraph.pipeline.build import _dumps_child; sys.exit(_dumps_child(sys.argv[1]))"


class _DumpsChild:
    """graph.ttl and graph.trig written by a fresh Python process from the dump pieces: both
    that and graph.html are long, mostly single-threaded Python, so threads would take turns;
    two processes use both cores."""

    #: children still running: a build that fails stops them (build's except clause)
    running: set[_DumpsChild] = set()

    def __init__(self, cache: DumpCache, pieces: dict[str, str], others: dict[str, list[ox.Quad]],
                 staging: Path, base: str):
        import subprocess
        import sys

        others_file = staging / ".dumps-others.nq"
        others_file.write_bytes(ox.serialize([q for quads in others.values() for q in quads],
                                             format=ox.RdfFormat.N_QUADS))
        spec = staging / ".dumps-spec.json"
        spec.write_text(json.dumps({"cache": str(cache.dir.parent), "pieces": pieces, "others": str(others_file),
                                    "graphs": sorted(others), "base": base, "ttl": str(staging / "graph.ttl"),
                                    "trig": str(staging / "graph.trig"), "parent": os.getpid()}), encoding="utf-8")
        self.proc = subprocess.Popen([sys.executable, "-c", _DUMPS, str(spec)],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        _DumpsChild.running.add(self)

    def result(self) -> dict:
        """The counts for the report; ValueError when the child failed (the caller then writes
        the dumps itself)."""
        out, err = self.proc.communicate()
        _DumpsChild.running.discard(self)
        if self.proc.returncode != 0:
            lines = err.strip().splitlines()
            raise ValueError(lines[-1] if lines else f"exit {self.proc.returncode}")
        return json.loads(out)

    def stop(self) -> None:
        self.proc.kill()
        self.proc.communicate()
        _DumpsChild.running.discard(self)


def _dumps_child(spec_path: str) -> int:
    """The child's side of `_DumpsChild`: prints the counts as JSON."""
    from ..publish import dumps as dumpcache
    from ..publish.dumps import DumpCache

    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    if spec.get("parent"):
        from .lock import die_with_parent

        die_with_parent(spec["parent"])  # a killed build leaves no writer in its staging area
    others: dict[str, list[ox.Quad]] = {g: [] for g in spec["graphs"]}
    for q in ox.parse(path=spec["others"], format=ox.RdfFormat.N_QUADS):
        others[q.graph_name.value].append(q)
    cache = DumpCache(Path(spec["cache"]))
    merged = dumpcache.collect_shared(cache, spec["pieces"])
    for quads in others.values():
        dumpcache.add_graph(merged, quads, base=spec["base"])
    tally = dumpcache.write_dumps(cache, spec["pieces"], others, merged, base=spec["base"],
                                  ttl=Path(spec["ttl"]), trig=Path(spec["trig"]))
    print(json.dumps(_counts(tally)))
    return 0


def _counts(tally) -> dict:
    return {"quads": tally.quads, "triples": tally.triples, "classes": dict(sorted(tally.classes.items())),
            "entities": tally.entities, "properties": len(tally.predicates), "distinct_classes": len(tally.types),
            "examples": tally.examples()}


class _Loader:
    """Writes to the store in one background thread, in order, while the caller goes on:
    Oxigraph's bulk loader releases the GIL, and loading is the longest single task of a large
    build (7.3 M quad insertions take ~50 s of one core at 10,000 articles; the extraction
    workers need ~30 s, the dumps ~5 s), so it runs beside everything else."""

    #: batches queued at most: bounds the memory of N-Quads waiting to be loaded (3 × 30 MB)
    MAX_PENDING = 3

    def __init__(self) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="partnergraph-store")
        self.pending: list = []

    def submit(self, fn, *args) -> None:
        for f in self.pending:
            if f.done():
                f.result()  # a failed write stops the build now, not after the extraction
        self.pending = [f for f in self.pending if not f.done()]
        while len(self.pending) >= self.MAX_PENDING:
            self.pending.pop(0).result()
        self.pending.append(self.pool.submit(fn, *args))

    def wait(self) -> None:
        """Waits for every write; re-raises the first that failed."""
        try:
            for f in self.pending:
                f.result()
        finally:
            self.pending = []
            self.pool.shutdown(wait=True)


def _update_store(store: GraphStore, got: Collected, report: BuildReport, minter: Minter,
                  options: BuildOptions, progress: Progress, out_dir: Path, staging: Path,
                  *, new_pieces: set[str] | None = None) -> _Run:
    """Extracts new and changed articles into `store`, prunes, writes graph.ttl and graph.trig
    from the dump pieces while the store loads (or from the store when pieces are missing), the
    vocabulary and analytics graphs, and the state beside the store. `new_pieces` receives the
    names of the dump pieces this build may write that did not exist before."""
    from ..publish.dumps import DumpCache
    from ..publish.export import write_atomic

    articles = got.articles
    state = load_state(out_dir)
    fp = fingerprint(minter.base)
    store_kind = options.store_url or "embedded"
    fresh = state.get("fingerprint") != fp or state.get("store") != store_kind
    if state.get("store") != store_kind:
        state = {"articles": {}}  # another store: nothing in it is known
    state.update(fingerprint=fp, store=store_kind, base=minter.base)
    # the endpoints beside the query URL, so later commands with -d DIR find the same store
    # (URLs only: credentials stay in the environment)
    endpoints = {k: v for k, v in sorted(options.store_options.items()) if k in STORE_ENDPOINTS and v}
    if endpoints:
        state["store_endpoints"] = endpoints
    else:
        state.pop("store_endpoints", None)
    known: dict = state.setdefault("articles", {})
    present = store.graph_names()
    cache = DumpCache(out_dir)
    # an article is extracted again when its text, the rules (fingerprint), its graph or its
    # dump piece changed; articles of earlier builds that are not among the sources keep theirs
    todo = [a for a in articles
            if known.get(a.url, {}).get("hash") != a.content_hash or known[a.url].get("fingerprint") != fp
            or minter.article(a.url) not in present or not cache.has(known[a.url].get("piece"))
            or (options.validate and "shacl" not in known[a.url])]
    cleared = False
    if fresh and isinstance(store, EmbeddedStore) and present - {VOCABULARY_GRAPH, ANALYTICS_GRAPH} <= {
            minter.article(a.url) for a in todo}:
        # the rules changed and every article is extracted again: emptying the store takes
        # 20 ms, replacing 10,000 graphs one by one minutes
        store.raw.clear()
        present, cleared = set(), True
    if new_pieces is not None:
        new_pieces.update(n for n in (piece_name(fp, a.url, a.content_hash) for a in todo) if not cache.has(n))
    report.articles_unchanged = len(articles) - len(todo)
    progress(f"{len(articles)} articles read, {len(todo)} to extract, {report.articles_unchanged} unchanged")
    by_url = {a.url: a for a in articles}
    touched = _Touched(cache, minter.base) if options.validate and not fresh else None
    previous = pieces_digest(known)
    loader = _Loader()
    try:
        batch: list[tuple[str, bytes]] = []
        size = 0
        for done in extract_all(todo, _Task(minter.base, fp, out_dir, options.validate), options.jobs, progress):
            url = done.url
            if done.nquads is None:
                report.skipped.append(Skipped(by_url[url].origin or url, done.error))
                progress(f"skipped: {by_url[url].origin or url}: {done.error}")
                if cleared:
                    known.pop(url, None)  # its previous graph went with the store's old content
                continue
            batch.append((done.graph, done.nquads))
            size += len(done.nquads)
            if touched is not None:
                touched.add_piece(known.get(url, {}).get("piece"))
                touched.add(done.nquads)
            known[url] = {"hash": by_url[url].content_hash, "graph": done.graph, "origin": by_url[url].origin,
                          "piece": done.piece, "fingerprint": fp}
            if done.shacl is not None:  # what its graph fails alone: confirmed on the merged graph
                known[url]["shacl"] = done.shacl
            report.articles_extracted += 1
            if size >= STORE_BATCH_BYTES:
                loader.submit(store.replace_graphs_nquads, batch)
                batch, size = [], 0
        if batch:
            loader.submit(store.replace_graphs_nquads, batch)
        for url in by_url:
            if url in known:
                known[url]["source"] = got.source_of[url]
        if options.prune:
            kept = 0
            for url in sorted(set(known) - set(by_url)):
                if known[url].get("source") in got.incomplete:
                    kept += 1  # its source failed for now: absence is no proof that it was removed
                    continue
                gone = known.pop(url)
                if touched is not None:
                    touched.add_piece(gone.get("piece"))
                loader.submit(store.drop_graph, gone["graph"])
                report.articles_removed += 1
            if kept:
                progress(f"--prune kept {kept} articles of sources that were not read completely")
        report.articles_total = len(known)
        run = _Run({rec["graph"]: rec.get("piece") for rec in known.values()},
                   shacl=[c for rec in known.values() for c in rec.get("shacl", [])],
                   checked=report.articles_extracted if options.validate else 0,
                   touched=touched.result() if touched is not None else None, previous=previous)
        others = None
        if all(run.pieces.values()) and len(run.pieces) >= DUMPS_CHILD_MIN_ARTICLES \
                and report.articles_extracted <= DUMPS_CHILD_MAX_SHARE * len(run.pieces):
            # a rebuild of a large graph: little is left to load, so the store is complete in
            # a moment and the analysis comes from it; the dumps go to a child process while
            # this one writes graph.html
            loader.wait()
            others = _own_graphs_from_store(run, store, minter, fresh or VOCABULARY_GRAPH not in present)
            if _pieces_describe(store, run, others):
                store.flush()
                progress("writing graph.ttl and graph.trig")
                try:
                    run.dumps = _DumpsChild(cache, run.pieces, others, staging, minter.base)
                except OSError as exc:
                    LOGGER.warning("cannot start a process for the dumps (%s); writing them here", exc)
                    others = None
            else:
                others = None
        if run.dumps is None:
            prepared = _merge_pieces(run, minter, cache)
            others = None
            if prepared is not None:
                merged, others = prepared
                # queued behind the articles: the store is complete when the loader gets here
                if fresh or VOCABULARY_GRAPH not in present:  # the fingerprint covers the vocabulary files
                    loader.submit(_write_vocabulary, store, minter, others[VOCABULARY_GRAPH])
                loader.submit(_write_analytics, store, minter, run.analysis, others[ANALYTICS_GRAPH])
                progress("writing graph.ttl and graph.trig")
                if not _dumps_from_pieces(cache, run.pieces, merged, others, staging, minter, report):
                    others = None
    finally:
        loader.wait()
    if others is None or not _pieces_describe(store, run, others):
        # a piece missing or damaged, or the store holds graphs the pieces do not describe:
        # the store decides
        if fresh or VOCABULARY_GRAPH not in store.graph_names():
            _write_vocabulary(store, minter)
        run.analysis, _ = _write_analytics(store, minter)
        _dumps_from_store(store, staging, minter, report, progress)
    store.flush()
    write_atomic(staging / STATE_FILE, json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True))
    return run


def _pieces_describe(store: GraphStore, run: _Run, others: dict) -> bool:
    """Whether the store's graphs are those of the pieces and the build's own graphs."""
    return set(run.pieces) | set(others) == store.graph_names() | set(others)


def _own_graphs_from_store(run: _Run, store: GraphStore, minter: Minter, write_vocabulary: bool) -> dict:
    """The vocabulary and analytics graphs, written to the store where they changed, with the
    analysis from the store; returns their quads."""
    from ..graph.triples import vocabulary_quads
    from ..vocab import load_vocabulary

    others = {VOCABULARY_GRAPH: vocabulary_quads(load_vocabulary(), minter)}
    if write_vocabulary:
        _write_vocabulary(store, minter, others[VOCABULARY_GRAPH])
    run.analysis, others[ANALYTICS_GRAPH] = _write_analytics(store, minter)
    return others


def _merge_pieces(run: _Run, minter: Minter, cache: DumpCache):
    """The pieces' shared lines merged with the graphs the build makes itself (vocabulary,
    analytics), and those graphs' quads; sets `run.analysis` (the network analysis, made from
    the pieces, without the store). None when a piece is missing or unreadable."""
    from ..publish import dumps as dumpcache
    from ..graph.analytics import NETWORK_PREDICATES, analyse, analytics_quads, network_from_triples
    from ..graph.triples import vocabulary_quads
    from ..vocab import load_vocabulary

    if not all(run.pieces.values()):
        return None
    try:
        merged = dumpcache.collect_shared(cache, run.pieces)
        others = {VOCABULARY_GRAPH: vocabulary_quads(load_vocabulary(), minter)}
        dumpcache.add_graph(merged, others[VOCABULARY_GRAPH], base=minter.base)
        run.analysis = analyse(*network_from_triples(dumpcache.triples_with(merged.shared, NETWORK_PREDICATES)))
        others[ANALYTICS_GRAPH] = analytics_quads(None, minter, analysis=run.analysis)
        dumpcache.add_graph(merged, others[ANALYTICS_GRAPH], base=minter.base)
    except (OSError, ValueError, KeyError) as exc:  # a damaged piece: the store has it all
        LOGGER.warning("%s: %s; writing the dumps from the store", cache.dir, exc)
        run.analysis = None
        return None
    return merged, others


def _dumps_from_pieces(cache: DumpCache, pieces: dict[str, str], merged, others: dict[str, list[ox.Quad]],
                       staging: Path, minter: Minter, report: BuildReport) -> bool:
    """graph.ttl, graph.trig and the report's counts from the merged pieces, without reading
    the store (it may still be loading). False when a piece turned out unreadable."""
    from ..publish import dumps as dumpcache

    try:
        tally = dumpcache.write_dumps(cache, pieces, others, merged, base=minter.base,
                                      ttl=staging / "graph.ttl", trig=staging / "graph.trig")
    except (OSError, ValueError, KeyError) as exc:  # a damaged piece: the store has it all
        LOGGER.warning("%s: %s; writing the dumps from the store", cache.dir, exc)
        return False
    _set_counts(report, _counts(tally))
    return True


def _set_counts(report: BuildReport, counts: dict) -> None:
    for name, value in counts.items():
        setattr(report, name, value)


def _dumps_from_store(store: GraphStore, staging: Path, minter: Minter, report: BuildReport,
                      progress: Progress) -> None:
    from ..publish.export import atomic_file, serialize_store

    report.quads = len(store)
    report.triples = int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value)
    report.classes = dict(sorted(class_counts(store).items()))
    report.entities = report.properties = report.distinct_classes = 0  # VoID counts them by query
    report.examples = []
    for name, fmt in (("graph.ttl", "turtle"), ("graph.trig", "trig")):
        progress(f"writing {name}")
        with atomic_file(staging / name) as fh:
            serialize_store(store, fmt, fh, base=minter.base)


# -- the staging area: how a build replaces the directory atomically ------------------------------

def _staged_store(out_dir: Path, staging: Path, options: BuildOptions) -> GraphStore:
    """The store the build writes to: a checkpoint of the current embedded store, in staging."""
    if options.store_url:  # a remote store cannot be staged: it is updated in place
        return open_store(out_dir, store_url=options.store_url, **options.store_options)
    live = out_dir / STORE_DIRNAME
    if live.exists():
        try:
            # RocksDB checkpoint: hard links to the immutable table files, so it costs milliseconds
            ox.Store.read_only(str(live)).backup(str(staging / STORE_DIRNAME))
        except OSError as exc:
            raise StoreError(f"{live}: cannot copy the store for the new build: {exc}") from None
    return open_store(staging)


def _move_staged(out_dir: Path) -> None:
    """Moves every staged file and folder into `out_dir`; safe to repeat after an interruption."""
    staging, trash = out_dir / STAGING_DIR, out_dir / TRASH_DIR
    if staging.exists():
        for item in sorted(staging.iterdir()):
            if item.name.startswith("."):
                continue  # temporary files of a writer
            target = out_dir / item.name
            if item.is_dir() and target.exists():
                trash.mkdir(exist_ok=True)
                if (trash / item.name).exists():
                    shutil.rmtree(trash / item.name)
                os.replace(target, trash / item.name)
            os.replace(item, target)
            if item.name == "graph.ttl":
                _pause_for_tests()
    (out_dir / COMMIT_FILE).unlink(missing_ok=True)
    shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(trash, ignore_errors=True)


#: set only by tests: a file the build creates, with its pid, in the middle of its commit (after
#: moving graph.ttl, before the store) and then waits there to be killed (tests/test_build_kill.py)
PAUSE_IN_COMMIT_ENV = "PARTNERGRAPH_TEST_PAUSE_IN_COMMIT"


def _pause_for_tests() -> None:
    marker = os.environ.get(PAUSE_IN_COMMIT_ENV)
    if marker:
        import time

        Path(marker).write_text(str(os.getpid()), encoding="utf-8")
        time.sleep(600)


def recover(out_dir: Path) -> None:
    """Completes or discards what an interrupted build left in `out_dir`.

    ``.commit`` is written only once everything is staged, so its presence means "move the rest
    into place"; a staging area without it is an unfinished build and is thrown away.
    """
    if (out_dir / COMMIT_FILE).exists():
        LOGGER.info("%s: finishing the commit of an interrupted build", out_dir)
        _move_staged(out_dir)
    else:
        shutil.rmtree(out_dir / STAGING_DIR, ignore_errors=True)
        shutil.rmtree(out_dir / TRASH_DIR, ignore_errors=True)


@contextlib.contextmanager
def _locked(out_dir: Path):
    """One build per directory at a time (a lock left by a dead build is taken over)."""
    from .lock import locked

    with locked(out_dir / LOCK_FILE, busy=f"{out_dir}: another build is writing this directory"):
        yield


def _close_quietly(store: GraphStore) -> None:
    try:
        store.close()
    except Exception:  # the build is failing already; the store's own error is the lesser news
        LOGGER.debug("closing the store failed", exc_info=True)


def _write_vocabulary(store: GraphStore, minter: Minter, quads: list[ox.Quad] | None = None) -> None:
    from ..graph.triples import vocabulary_quads
    from ..vocab import load_vocabulary

    store.replace_graph(VOCABULARY_GRAPH, quads if quads is not None else vocabulary_quads(load_vocabulary(), minter))


def _write_analytics(store: GraphStore, minter: Minter, analysis=None, quads: list[ox.Quad] | None = None):
    """Network analytics into their named graph (from the store unless given); returns the
    analysis (for stats.json) and the graph's quads."""
    from ..graph.analytics import analyse_store, analytics_quads

    if analysis is None:
        analysis = analyse_store(store, base=minter.base)
    if quads is None:
        quads = analytics_quads(store, minter, analysis=analysis)
    # a changed article rarely changes the network: rewriting 25,000 unchanged quads at 10,000
    # articles cost more than the analysis itself
    if set(quads) != set(graph_quads(store, ANALYTICS_GRAPH)):
        store.replace_graph(ANALYTICS_GRAPH, quads)
    return analysis, quads


def class_counts(store: GraphStore) -> dict[str, int]:
    q = f"SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a ?c . FILTER(STRSTARTS(STR(?c), \"{PG_IRI}\")) }} GROUP BY ?c"
    return {sol["c"].value[len(PG_IRI):]: int(sol["n"].value) for sol in store.query(q)}


def write_outputs(store: GraphStore, out_dir: Path, minter: Minter, report: BuildReport,
                  options: BuildOptions, progress: Progress, *, analysis=None,
                  dumps: _DumpsChild | None = None, run: _Run | None = None) -> None:
    """graph.html, stats.json, void.ttl, ontology.html and the validation, from the store
    (graph.ttl and graph.trig are written with the store update)."""
    report.outputs += [str(out_dir / "graph.ttl"), str(out_dir / "graph.trig")]
    if options.viz:
        try:
            from ..viewer.network import write_network

            progress("writing graph.html")
            report.outputs.append(str(write_network(store, out_dir / "graph.html", base=minter.base)))
        except PartnergraphError as exc:
            report.skipped.append(Skipped("graph.html", str(exc)))
    if dumps is not None:
        try:
            _set_counts(report, dumps.result())
        except ValueError as exc:  # the child failed: the store has it all
            LOGGER.warning("writing the dumps in a child process failed (%s); writing them from the store", exc)
            _dumps_from_store(store, out_dir, minter, report, progress)
    from ..graph.analytics import write_stats
    from ..publish.dataset import write_void

    report.outputs.append(str(write_stats(store, out_dir, base=minter.base, analysis=analysis)))
    report.outputs.append(str(write_void(store, out_dir, base=minter.base, report=report)))
    from ..publish.docs import DOCS_FILE, write_docs
    report.outputs.append(str(write_docs(out_dir / DOCS_FILE)))
    if options.validate:
        from ..publish.export import write_atomic
        from ..validate.shacl import MERGED_FINDINGS_FILE, validate_build

        progress("validating against ontology/shapes.ttl")
        previous = None
        try:  # the last build's findings on the merged graph (out_dir is the staging area)
            saved = json.loads((out_dir.parent / MERGED_FINDINGS_FILE).read_text(encoding="utf-8"))
            if run is not None and saved.get("pieces") == run.previous:
                previous = saved["findings"]
        except (OSError, ValueError, AttributeError, KeyError):
            pass
        result, findings = validate_build(store, minter, candidates=run.shacl if run else [],
                                          articles=len(run.pieces) if run else 0,
                                          checked=run.checked if run else 0, quads=report.quads,
                                          touched=run.touched if run else None, previous=previous)
        digest = pieces_digest({g: {"graph": g, "piece": p} for g, p in run.pieces.items()}) if run else ""
        write_atomic(out_dir / MERGED_FINDINGS_FILE, json.dumps({"pieces": digest, "findings": findings}))
        report.validation = result.to_dict()
        if not result.conforms:
            progress(f"validation: {result.violation_count} SHACL violations (see {REPORT_FILE})")


#: the endpoint URLs of a remote store that state.json records (RemoteStore's keyword arguments)
STORE_ENDPOINTS = ("update_url", "gsp_url")


def recorded_store(out_dir: Path) -> tuple[str | None, dict]:
    """(query URL, endpoint URLs) of the remote store `out_dir` was built into; (None, {}) for
    the embedded store or a directory not built yet."""
    state = load_state(out_dir)
    url = state.get("store")
    if not isinstance(url, str) or url == "embedded" or not url:
        return None, {}
    endpoints = state.get("store_endpoints") or {}
    return url, {k: v for k, v in endpoints.items() if k in STORE_ENDPOINTS and isinstance(v, str)}


def open_existing(out_dir: Path, *, store_url: str | None = None, **remote) -> GraphStore:
    """The store of an already built graph directory, opened for reading: `store_url` when
    given, else the store the directory records (a build with --store), else the embedded one."""
    reading = Path(out_dir)
    if not store_url:
        reading = settled(out_dir)  # first: state.json, which records the store, may be mid-commit
        store_url, recorded = recorded_store(out_dir)
        remote = {**recorded, **remote}
    if store_url:
        return open_store(out_dir, store_url=store_url, **remote)
    out_dir = reading
    if not (out_dir / "store").exists():
        raise StoreError(f"{out_dir}: no graph here (run 'partnergraph build -d {out_dir}' first)")
    return open_store(out_dir, read_only=True)


#: seconds a reader waits for a running build's commit (moving a few files: milliseconds) to end
COMMIT_WAIT_SECONDS = 10.0


def settled(out_dir: Path) -> Path:
    """Before reading `out_dir`: finishes or rolls back what an interrupted build left (as the
    next build would), and returns the folder whose store holds the consistent state.

    A running build is left alone: its staging area is not the directory's state until its
    commit, which is waited for. Where the reader may not write, nothing is changed and the
    committed state is read where it lies: after ``.commit``, the staged store if it has not
    been moved yet; before it, the previous store.
    """
    out_dir = Path(out_dir)
    if not any((out_dir / name).exists() for name in (COMMIT_FILE, STAGING_DIR, TRASH_DIR)):
        return out_dir
    from .lock import try_locked

    deadline = dt.datetime.now() + dt.timedelta(seconds=COMMIT_WAIT_SECONDS)
    while True:
        with try_locked(out_dir / LOCK_FILE) as mine:
            if mine is None:
                break  # a directory this process may only read
            if mine:
                try:
                    recover(out_dir)
                    return out_dir
                except OSError as exc:
                    LOGGER.info("%s: cannot finish an interrupted build here (%s); reading its last "
                                "consistent state", out_dir, exc.strerror or exc)
                    break
        if not (out_dir / COMMIT_FILE).exists() or dt.datetime.now() > deadline:
            break  # a build is running and has not begun its commit (or is stuck in it)
        import time

        time.sleep(0.05)
    if (out_dir / COMMIT_FILE).exists() and (out_dir / STAGING_DIR / STORE_DIRNAME).exists():
        return out_dir / STAGING_DIR
    return out_dir
