"""`build`: sources → articles → extractions → named graphs in the store → output files.

The story, one module per chapter: `collect` reads the sources into articles (collect.py);
`update_store` extracts the new and changed ones (workers.py) and loads them into the store
(load.py); `write_outputs` writes graph.html, stats.json, void.ttl, ontology.html and the
validation (outputs.py); the staging area is then committed (graphdir.GraphDir).

Incremental: every article is keyed by its URL and a hash of its content; a rebuild extracts
only new or changed articles and replaces exactly their named graphs (state.py). Whatever fails
on one input is recorded in the report and the rest of the batch goes on. Output files are
written atomically, so an interrupted build leaves the previous ones intact.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

from ..errors import SourceError, StoreError
from ..graph.iri import Minter
from ..resources import sample_dir
from ..graphdir import DUMPS_FILE, HTTP_CACHE_DIRNAME, REPORT_FILE, STORE_DIRNAME, GraphDir
from ..store.embedded import GraphStore
from ..viewer.collector import gc_paused
from .collect import collect
from .load import update_store
from ..sources.line_index import LineIndex
from .outputs import DumpsChild, Run, write_outputs
from .state import fingerprint
from .report import BuildOptions, BuildReport, Skipped

__all__ = ["BuildOptions", "BuildReport", "Skipped", "build", "disk_full"]

LOGGER = logging.getLogger(__name__)


def build(sources: list[str] | None = None, options: BuildOptions | None = None) -> BuildReport:
    """Builds the graph directory from `sources` (default: the bundled sample corpus).

    The next state of the directory is assembled in ``DIR/.staging`` (the embedded store as a
    hard-linked checkpoint of the current one, then every output file) and moved into place only
    when all of it is written; see `GraphDir.recover`. A build that fails or is interrupted at any
    point leaves the last good directory as it was.
    """
    options = options or BuildOptions()
    _check_paths(sources or [])
    progress = options.progress or (lambda _msg: None)
    started = dt.datetime.now()
    out_dir = Path(options.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    directory = GraphDir(out_dir)
    with directory.lock():
        directory.recover()
        report = BuildReport(out_dir=str(out_dir))
        minter = Minter(options.base)
        sources = sources or [str(sample_dir())]
        fp = fingerprint(minter.base)
        lines = LineIndex(out_dir, fp, minter.article)
        got = collect(sources, report, progress, crawl_options=_crawl_options(sources, options, out_dir), lines=lines)
        staging = directory.staging
        staging.mkdir()
        store = None
        new_pieces: set[str] = set()
        try:
            store = directory.stage_store(store_url=options.store_url, **options.store_options)
            run = update_store(store, got, report, minter, options, progress, out_dir, staging,
                               new_pieces=new_pieces, fp=fp)
            with gc_paused():  # as at the end of update_store: see collector.py
                write_outputs(store, staging, minter, report, options, progress, analysis=run.analysis,
                              dumps=run.dumps, run=run)
                store.close()
                store = None
                _finish(directory, report, options, started, run)
            lines.save()  # the lines read, for the next build's collect (sources/line_index.py)
        except BaseException as exc:
            error = _abandon(directory, store, new_pieces, exc)
            if error is None:
                raise
            raise error from None
    return report


def _check_paths(sources: list[str]) -> None:
    missing = [s for s in sources if not s.startswith(("http://", "https://")) and not Path(s).exists()]
    if missing:
        # a mistyped path would otherwise give a "valid" graph without it: nothing is built
        raise SourceError(f"{', '.join(missing)}: no such file or folder (nothing was built)")


def _crawl_options(sources: list[str], options: BuildOptions, out_dir: Path):
    if options.crawl_options is None and any(s.startswith(("http://", "https://")) for s in sources):
        from ..sources.crawl import CrawlOptions

        return CrawlOptions(cache_dir=out_dir / HTTP_CACHE_DIRNAME)  # polite defaults, cached
    return options.crawl_options


def _finish(directory: GraphDir, report: BuildReport, options: BuildOptions, started: dt.datetime,
            run: Run) -> None:
    """The last staged files (dumps.json, the report), the commit, and the dump pieces and
    viewer facts no article uses any more."""
    from ..publish.dumps import DumpCache
    from ..publish.export import write_atomic
    from ..store.embedded import files_signature

    out_dir, staging = directory.path, directory.staging
    if not options.store_url:  # `export` serves graph.ttl/graph.trig while this store is unchanged
        write_atomic(staging / DUMPS_FILE, json.dumps({"store": files_signature(staging / STORE_DIRNAME)}))
    report.outputs = [str(out_dir / Path(p).relative_to(staging)) if Path(p).is_relative_to(staging)
                      else p for p in report.outputs]
    report.seconds = round((dt.datetime.now() - started).total_seconds(), 3)
    write_atomic(staging / REPORT_FILE, report.to_json())
    if run.facts is not None:
        run.facts.store_new()  # when nothing assembled them (viewer/unchanged.py)
    directory.commit()
    DumpCache(out_dir).collect_garbage(p for p in run.pieces.values() if p)
    if run.facts is not None:
        run.facts.collect_garbage(p for p in run.pieces.values() if p)
    if run.memo is not None:
        run.memo.close(collect=True)


def _abandon(directory: GraphDir, store: GraphStore | None, new_pieces: set[str],
             exc: BaseException) -> StoreError | None:
    """After a failed build: stops its helpers, restores the last good directory, and returns the
    error to raise instead of `exc` (None: `exc` itself)."""
    from ..publish.dumps import DumpCache

    for child in list(DumpsChild.running):
        child.stop()
    if store is not None:
        _close_quietly(store)
    directory.recover()  # discards the staging area, or finishes a commit that had begun
    full = disk_full(exc)
    if full is None:
        return None
    # on a full disk, the pieces this build wrote go too (elsewhere they save the next build
    # their extraction)
    cache = DumpCache(directory.path)
    for name in new_pieces:
        cache.path(name).unlink(missing_ok=True)
    return StoreError(f"{full.filename or directory.path}: no space left on device; the build stopped, "
                      "its partial files are removed, the previous outputs are intact")


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


def _close_quietly(store: GraphStore) -> None:
    try:
        store.close()
    except Exception:  # the build is failing already; the store's own error is the lesser news
        LOGGER.debug("closing the store failed", exc_info=True)
