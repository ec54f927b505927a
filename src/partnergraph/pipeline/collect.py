"""Collecting: the build's sources (files, folders, start URLs) read into articles, one per
URL; what cannot be read is recorded in the report and the rest goes on."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import SourceError
from .report import BuildReport, Progress, Skipped

if TYPE_CHECKING:
    from ..models import Article

#: the longest article (headline and text, in characters) a build extracts; longer ones are
#: skipped with one line. News articles run to some 10,000 characters, long features to
#: ~100,000. Up to this size one article costs what the same text costs as separate articles
#: (measured: 0.97× at 250,000 characters, 0.96× at 500,000); beyond it the shapes' checks of
#: each mention against the whole text (a SPARQL CONTAINS/SUBSTR per mention) make it grow
#: faster: 1.7× at 1,000,000 (benchmarks/bench_big_article.py)
MAX_ARTICLE_CHARS = 500_000


def _read_tagged(sources: Iterable[str], *, crawl_options=None, progress: Progress | None = None,
                 lines=None) -> Iterator[tuple[str, Article | SourceError]]:
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
            for item in read_path(Path(spec), lines):
                yield spec, item


@dataclass
class Collected:
    articles: list[Article]
    #: article URL → the source (file, folder or start URL as given) it was read from
    source_of: dict[str, str]
    #: sources that may have lost articles to a passing failure (network, 5xx, timeouts) or that
    #: gave no article at all: --prune keeps the articles it knew from them
    incomplete: set[str]


def collect(sources: Iterable[str], report: BuildReport, progress: Progress, *, crawl_options=None,
            lines=None) -> Collected:
    """The articles of `sources`. With `lines` (sources/line_index.LineIndex), the lines of JSON
    Lines files that the last build read come as `KnownArticle`s, parsed only when asked."""
    from ..sources.line_index import article_chars

    sources = list(sources)
    articles: dict[str, Article] = {}
    source_of: dict[str, str] = {}
    incomplete: set[str] = set()
    found: dict[str, int] = dict.fromkeys(sources, 0)
    for spec, item in _read_tagged(sources, crawl_options=crawl_options, progress=progress, lines=lines):
        if isinstance(item, SourceError):
            # a passing network failure, or a damaged file, says nothing about what was removed
            if getattr(item, "transient", False) or not spec.startswith(("http://", "https://")):
                incomplete.add(spec)
            report.skipped.append(Skipped(item.source or "?", str(item)))
            progress(f"skipped: {item}")
            continue
        found[spec] += 1
        size = article_chars(item)
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

