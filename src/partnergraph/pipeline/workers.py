"""Extracting: articles → their graphs as N-Quads, their dump pieces and their own SHACL
checks, in this process or in a pool of worker processes (all the per-article work of a
build happens here)."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import PartnergraphError
from ..graph.iri import Minter
from .report import Progress
from .state import piece_name

if TYPE_CHECKING:
    from ..models import Article

LOGGER = logging.getLogger(__name__)

#: below this many articles to extract, worker processes cost more than they save (measured:
#: forking two workers and shipping results back takes ~0.3 s; one article takes ~5 ms)
PARALLEL_MIN_ARTICLES = 200
#: articles per task sent to a worker: large enough to amortise pickling, small enough to
#: keep both cores busy to the end
CHUNK_SIZE = 100


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
    #: what the viewer reads from the graph, as viewer/facts.py stores it
    facts: bytes = b""


@dataclass(frozen=True)
class Task:
    base: str
    #: the build's fingerprint and graph directory: where and under which names pieces go
    fingerprint: str
    out_dir: Path
    validate: bool = True


_CHECKS = None


def article_checks(base: str):
    """The SHACL checks of article graphs, compiled once per process."""
    global _CHECKS
    if _CHECKS is None or _CHECKS[0] != base:
        from ..graph.triples import vocabulary_quads
        from ..namespaces import ANALYTICS_PREDICATES
        from ..validate.shapecheck import ArticleChecks
        from ..vocab import load_vocabulary

        _CHECKS = (base, ArticleChecks(vocabulary_quads(load_vocabulary(), Minter(base)), ANALYTICS_PREDICATES))
    return _CHECKS[1]


def _extract_chunk(task: Task, articles: list[Article]) -> list[Extracted]:
    """Extraction, the article's graph as N-Quads and its dump piece (written to the dump
    cache right here), per article: all the per-article work happens in the workers."""
    from ..publish.dumps import DumpCache, canonical, render
    from ..graph.triples import article_quads
    from ..viewer.facts import article_facts, encode

    _, extractor, minter = _extractor(task.base)
    cache = DumpCache(task.out_dir)
    out = []
    graphs: dict[str, list] = {}  # the chunk's article graphs, validated together below
    for a in articles:
        graph = minter.article(a.url)
        try:
            ex = extractor.extract(a)
            nquads, quads = canonical(article_quads(ex, extractor.vocabulary, minter))
            name = piece_name(task.fingerprint, a.url, a.content_hash)
            cache.put(name, render(graph, nquads, base=task.base, quads=quads).to_bytes())
            out.append(Extracted(a.url, graph, nquads, name, facts=encode(article_facts(nquads))))
            graphs[graph] = quads
        except PartnergraphError as exc:
            out.append(Extracted(a.url, graph, None, error=str(exc)))
        except OSError:  # the disk (a full one, most likely), not the article: the build stops
            raise
        except Exception as exc:  # an article the rules choke on costs that article, not the build
            LOGGER.debug("extraction failed for %s", a.url, exc_info=True)
            out.append(Extracted(a.url, graph, None, error=f"extraction failed: {type(exc).__name__}: {exc}"))
    if task.validate and graphs:
        found = article_checks(task.base).candidates(graphs)
        for e in out:
            if e.nquads is not None:
                e.shacl = found.get(e.graph, [])
    return out


def extract_all(articles: list[Article], task: Task, jobs: int, progress: Progress) -> Iterator[Extracted]:
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

