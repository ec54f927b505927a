"""`build`: sources → articles → extractions → named graphs in the store → output files.

Incremental: every article is keyed by its URL and a hash of its content; a rebuild extracts
only new or changed articles and replaces exactly their named graphs. Whatever fails on one
input is recorded in the report and the rest of the batch goes on. Output files are written
atomically, so an interrupted build leaves the previous ones intact.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyoxigraph as ox

from . import __version__
from .errors import PartnergraphError, SourceError, StoreError
from .export import serialize, write_atomic
from .iri import Minter
from .models import Article
from .namespaces import ANALYTICS_GRAPH, DEFAULT_BASE, PG_IRI, VOCABULARY_GRAPH
from .resources import data_file, sample_dir
from .store import GraphStore, open_store

LOGGER = logging.getLogger(__name__)

Progress = Callable[[str], None]

#: below this many articles to extract, worker processes cost more than they save (measured:
#: forking two workers and shipping results back takes ~0.3 s; one article takes ~5 ms)
PARALLEL_MIN_ARTICLES = 200
#: articles per task sent to a worker: large enough to amortise pickling, small enough to
#: keep both cores busy to the end
CHUNK_SIZE = 100
STATE_FILE = "state.json"
REPORT_FILE = "build-report.json"


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
    triples: int = 0
    quads: int = 0
    classes: dict[str, int] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    validation: dict | None = None
    outputs: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# -- reading ---------------------------------------------------------------------------------

def read_sources(sources: Iterable[str], *, crawl_options=None) -> Iterator[Article | SourceError]:
    """Articles from files, folders and URLs, in the order given; errors are yielded, not raised."""
    from .sources import read_path

    for spec in sources:
        if spec.startswith(("http://", "https://")):
            try:
                from .sources.crawl import crawl_articles
            except ImportError:  # pragma: no cover - the crawler ships with the package
                yield SourceError("URL sources are not supported by this installation", source=spec)
                continue
            yield from crawl_articles([spec], options=crawl_options)
        else:
            yield from read_path(Path(spec))


def collect(sources: Iterable[str], report: BuildReport, progress: Progress, *, crawl_options=None) -> list[Article]:
    articles: dict[str, Article] = {}
    for item in read_sources(sources, crawl_options=crawl_options):
        if isinstance(item, SourceError):
            report.skipped.append(Skipped(item.source or "?", str(item)))
            progress(f"skipped: {item}")
            continue
        if item.url in articles:
            report.skipped.append(Skipped(item.origin, f"duplicate url {item.url} (first read from {articles[item.url].origin})"))
            progress(f"skipped: {item.origin}: duplicate url {item.url}")
            continue
        articles[item.url] = item
    report.articles_read = len(articles)
    return list(articles.values())


# -- extracting (in this process or in workers) ----------------------------------------------

_WORKER = None


def _extractor(base: str):
    global _WORKER
    if _WORKER is None or _WORKER[0] != base:
        from .extract import Extractor

        _WORKER = (base, Extractor(), Minter(base))
    return _WORKER


def _extract_chunk(base: str, articles: list[Article]) -> list[tuple[str, str, bytes | None, str]]:
    """(url, graph IRI, N-Quads of the article's graph or None, error message) per article."""
    from .graph import article_quads

    _, extractor, minter = _extractor(base)
    out = []
    for a in articles:
        try:
            ex = extractor.extract(a)
            quads = article_quads(ex, extractor.vocabulary, minter)
            out.append((a.url, minter.article(a.url), ox.serialize(quads, format=ox.RdfFormat.N_QUADS), ""))
        except PartnergraphError as exc:
            out.append((a.url, minter.article(a.url), None, str(exc)))
        except (ValueError, RecursionError, MemoryError) as exc:  # an article the rules choke on
            LOGGER.debug("extraction failed for %s", a.url, exc_info=True)
            out.append((a.url, minter.article(a.url), None, f"extraction failed: {type(exc).__name__}: {exc}"))
    return out


def extract_all(articles: list[Article], base: str, jobs: int, progress: Progress) -> Iterator[tuple[str, str, bytes | None, str]]:
    if not articles:
        return
    _extractor(base)  # load the gazetteer here: forked workers share it copy-on-write
    jobs = jobs or os.cpu_count() or 1
    chunks = [articles[i:i + CHUNK_SIZE] for i in range(0, len(articles), CHUNK_SIZE)]
    done = 0
    if jobs == 1 or len(articles) < PARALLEL_MIN_ARTICLES:
        for chunk in chunks:
            yield from _extract_chunk(base, chunk)
            done += len(chunk)
            progress(f"extracted {done}/{len(articles)} articles")
        return
    import multiprocessing

    ctx = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        for result in pool.map(_extract_chunk, [base] * len(chunks), chunks):
            yield from result
            done += len(result)
            progress(f"extracted {done}/{len(articles)} articles")


# -- state -------------------------------------------------------------------------------------

def fingerprint(base: str) -> str:
    """Changes whenever a rebuild of an unchanged article could give a different graph."""
    from .vocab import load_vocabulary

    h = hashlib.sha256(f"{__version__}|{base}".encode())
    for path in load_vocabulary().files:
        h.update(path.read_bytes())
    for name in ("rules-de.json", "exonyms-de.tsv", "countries-de.tsv", "regions-de.tsv"):
        p = data_file(name)
        if p.exists():
            h.update(p.read_bytes())
    for module in ("extract", "relations", "graph", "matcher", "gazetteer", "iri", "sentences", "territories"):
        h.update((Path(__file__).parent / f"{module}.py").read_bytes())
    return h.hexdigest()[:16]


def load_state(out_dir: Path) -> dict:
    path = out_dir / STATE_FILE
    if path.exists():
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            LOGGER.warning("%s is unreadable; rebuilding every article", path)
    return {"fingerprint": "", "articles": {}}


# -- the build ---------------------------------------------------------------------------------

def build(sources: list[str] | None = None, options: BuildOptions | None = None) -> BuildReport:
    """Builds the graph directory from `sources` (default: the bundled sample corpus)."""
    options = options or BuildOptions()
    progress = options.progress or (lambda _msg: None)
    started = dt.datetime.now()
    out_dir = Path(options.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    report = BuildReport(out_dir=str(out_dir))
    minter = Minter(options.base)
    articles = collect(sources or [str(sample_dir())], report, progress, crawl_options=options.crawl_options)

    store = open_store(out_dir, store_url=options.store_url, **options.store_options)
    state = load_state(out_dir)
    fp = fingerprint(minter.base)
    if state.get("fingerprint") != fp or state.get("store") != (options.store_url or "embedded"):
        state = {"fingerprint": fp, "store": options.store_url or "embedded", "articles": {}}
    state["base"] = minter.base
    known: dict = state["articles"]
    present = store.graph_names()
    todo = [a for a in articles
            if known.get(a.url, {}).get("hash") != a.content_hash or minter.article(a.url) not in present]
    report.articles_unchanged = len(articles) - len(todo)
    progress(f"{len(articles)} articles read, {len(todo)} to extract, {report.articles_unchanged} unchanged")
    by_url = {a.url: a for a in articles}
    try:
        for url, graph_iri, nquads, error in extract_all(todo, minter.base, options.jobs, progress):
            if nquads is None:
                report.skipped.append(Skipped(by_url[url].origin or url, error))
                progress(f"skipped: {by_url[url].origin or url}: {error}")
                continue
            store.replace_graph_nquads(graph_iri, nquads)
            known[url] = {"hash": by_url[url].content_hash, "graph": graph_iri, "origin": by_url[url].origin}
            report.articles_extracted += 1
        if options.prune:
            current = set(by_url)
            for url in sorted(set(known) - current):
                store.drop_graph(known.pop(url)["graph"])
                report.articles_removed += 1
        _write_vocabulary(store, minter)
        _write_analytics(store, minter)
        store.flush()
    finally:
        # the state records what the store holds, even when a later step fails
        write_atomic(out_dir / STATE_FILE, json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True))
    write_outputs(store, out_dir, minter, report, options, progress)
    report.seconds = round((dt.datetime.now() - started).total_seconds(), 3)
    write_atomic(out_dir / REPORT_FILE, report.to_json())
    store.close()
    return report


def _write_vocabulary(store: GraphStore, minter: Minter) -> None:
    from .graph import vocabulary_quads
    from .vocab import load_vocabulary

    store.replace_graph(VOCABULARY_GRAPH, vocabulary_quads(load_vocabulary(), minter))


def _write_analytics(store: GraphStore, minter: Minter) -> None:
    try:
        from .analytics import analytics_quads
    except ImportError:
        return
    store.replace_graph(ANALYTICS_GRAPH, analytics_quads(store, minter))


def class_counts(store: GraphStore) -> dict[str, int]:
    q = f"SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a ?c . FILTER(STRSTARTS(STR(?c), \"{PG_IRI}\")) }} GROUP BY ?c"
    return {sol["c"].value[len(PG_IRI):]: int(sol["n"].value) for sol in store.query(q)}


def write_outputs(store: GraphStore, out_dir: Path, minter: Minter, report: BuildReport,
                  options: BuildOptions, progress: Progress) -> None:
    """graph.ttl, graph.trig, graph.html and the counts of the report, from the store."""
    quads = list(store.quads())
    report.quads = len(quads)
    report.triples = len({q.triple for q in quads})
    report.classes = dict(sorted(class_counts(store).items()))
    for name, fmt in (("graph.ttl", "turtle"), ("graph.trig", "trig")):
        progress(f"writing {name}")
        path = out_dir / name
        tmp = path.with_name(f".{name}.tmp")
        with tmp.open("wb") as fh:
            serialize(quads, fmt, fh, base=minter.base)
        os.replace(tmp, path)
        report.outputs.append(str(path))
    del quads
    if options.viz:
        try:
            from .network import write_network

            progress("writing graph.html")
            report.outputs.append(str(write_network(store, out_dir / "graph.html", base=minter.base)))
        except PartnergraphError as exc:
            report.skipped.append(Skipped("graph.html", str(exc)))
    try:
        from .publish import write_void

        report.outputs.append(str(write_void(store, out_dir, base=minter.base, report=report)))
    except ImportError:
        pass
    if options.validate:
        from .validate import validate_store

        progress("validating against ontology/shapes.ttl")
        result = validate_store(store, base=minter.base)
        report.validation = result.to_dict()
        if not result.conforms:
            progress(f"validation: {result.violation_count} SHACL violations (see {REPORT_FILE})")


def open_existing(out_dir: Path, *, store_url: str | None = None, **remote) -> GraphStore:
    """The store of an already built graph directory, opened for reading."""
    if store_url:
        return open_store(out_dir, store_url=store_url, **remote)
    if not (out_dir / "store").exists():
        raise StoreError(f"{out_dir}: no graph here (run 'partnergraph build -d {out_dir}' first)")
    return open_store(out_dir, read_only=True)
