"""The Python API: build a graph directory, open it, ask it things.

    >>> import partnergraph
    >>> report = partnergraph.build(["articles.jsonl"], "out")   # or no sources: the sample
    >>> g = partnergraph.open("out")
    >>> g.articles                                                # articles the graph holds
    >>> rows = g.query("SELECT ?name WHERE { ?m a pg:Municipality ; rdfs:label ?name }")
    >>> rows[0]["name"].value
    >>> g.query("ukraine-water", format="csv")                   # a bundled query, as text
    >>> g.export("jsonld", "graph.jsonld")
    >>> g.network("koeln.html", focus="Köln")
    >>> g.stats()["network"]["nodes"]
    >>> g.validate().conforms
    >>> app = g.app()                                             # WSGI: SPARQL endpoint, linked data
    >>> g.close()                                                 # or: with partnergraph.open(...) as g:

The command line is a thin skin over these (cli.py): each command parses its arguments, makes
one call here and prints the result. Errors are `partnergraph.PartnergraphError`s with a
one-line message naming the file, line, URL or query.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from .graphdir import DEFAULT_DIR, HTTP_CACHE_DIRNAME, NETWORK_FILE, GraphDir
from .namespaces import DEFAULT_BASE

if TYPE_CHECKING:
    from .extract.evaluate import Evaluation
    from .pipeline.report import BuildReport, Progress
    from .server.app import App
    from .store.embedded import GraphStore
    from .validate.shacl import ValidationResult


def build(sources: Iterable[str | os.PathLike] | None = None, directory: str | os.PathLike = DEFAULT_DIR, *,
          base: str = DEFAULT_BASE, store: str | None = None, update_url: str | None = None,
          gsp_url: str | None = None, prune: bool = False, validate: bool = True, network: bool = True,
          jobs: int = 0, progress: Progress | None = None, crawl_options=None) -> BuildReport:
    """Builds (or updates) the graph directory `directory` from `sources` and returns the report.

    sources      .jsonl files, listing-page .txt files, .html pages, folders of them, or URLs;
                 None: the bundled sample corpus
    base         the base IRI of the graph's resources
    store        a SPARQL 1.1 endpoint to build into instead of the embedded store (with its
                 `update_url` and `gsp_url` when they are not derived from it)
    prune        drop the articles of earlier builds that no source gives any more
    validate     check the graph against the SHACL shapes (the result is in report.validation)
    network      write graph.html
    jobs         worker processes (0: one per core)
    progress     called with one line of text at each step
    crawl_options  fetch options for URL sources (`partnergraph.sources.crawl.CrawlOptions`)

    Builds are incremental: only new and changed articles are extracted. Inputs that cannot be
    read are listed in report.skipped and the rest is built; a source path that does not exist
    raises SourceError before anything is written.
    """
    from .pipeline.build import build as run_build
    from .pipeline.report import BuildOptions

    remote = {k: v for k, v in (("update_url", update_url), ("gsp_url", gsp_url)) if v}
    options = BuildOptions(out_dir=Path(directory), base=base, store_url=store, store_options=remote,
                           prune=prune, validate=validate, viz=network, jobs=jobs, progress=progress,
                           crawl_options=crawl_options)
    return run_build([str(s) for s in sources] if sources else None, options)


def evaluate(gold: str | os.PathLike, sources: Iterable[str | os.PathLike] | None = None, *,
             split: str | None = None, directory: str | os.PathLike = DEFAULT_DIR,
             progress: Progress | None = None) -> Evaluation:
    """Scores the extractor against gold annotations (JSON Lines, tests/gold/sample.jsonl) on the
    articles of `sources` (default: the sample corpus; URL sources are read through the HTTP
    cache of `directory`), only the gold records of `split` when given. Nothing is built."""
    from .extract.evaluate import evaluate as score
    from .pipeline.collect import collect
    from .pipeline.report import BuildReport
    from .resources import sample_dir
    from .sources.crawl import CrawlOptions

    collected = collect([str(s) for s in sources] if sources else [str(sample_dir())], BuildReport(out_dir=""),
                        progress or (lambda _msg: None),
                        crawl_options=CrawlOptions(cache_dir=Path(directory) / HTTP_CACHE_DIRNAME))
    return score(Path(gold), collected.articles, split=split)


def open(directory: str | os.PathLike = DEFAULT_DIR, *, store: str | None = None,  # noqa: A001 - like io.open
         update_url: str | None = None, gsp_url: str | None = None) -> Graph:
    """The graph built in `directory`, opened for reading: ``g = partnergraph.open("out")``.

    Its store is the one the directory was built into (the embedded one, or the SPARQL endpoint
    of a build with a store URL), unless `store` names another endpoint. Raises
    `partnergraph.NotAGraphDirectory` (a StoreError) when no build has written `directory`.
    Close it with `g.close()`, or use it as a context manager.
    """
    return Graph(directory, store=store, update_url=update_url, gsp_url=gsp_url)


class Graph:
    """A built graph directory, opened for reading (see `partnergraph.open`)."""

    def __init__(self, directory: str | os.PathLike, *, store: str | None = None,
                 update_url: str | None = None, gsp_url: str | None = None):
        self.dir = GraphDir(directory)
        self._remote = {k: v for k, v in (("update_url", update_url), ("gsp_url", gsp_url)) if v}
        self._store_url = store
        self.store: GraphStore = self.dir.open_store(store_url=store, **self._remote)

    def __repr__(self) -> str:
        return f"<partnergraph.Graph {str(self.path)!r}>"

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Closes the store; the graph cannot be asked anything afterwards."""
        self.store.close()

    # -- what it is --------------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        """The graph directory."""
        return self.dir.path

    @property
    def base(self) -> str:
        """The base IRI of its resources (as built)."""
        return self.dir.base

    @property
    def articles(self) -> int:
        """How many articles the graph holds."""
        from .namespaces import PG_IRI

        rows = self.store.query(f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a a <{PG_IRI}Article> }}")
        return int(next(iter(rows))["n"].value)

    def __len__(self) -> int:
        """The number of quads in the store (the merged default graph and the named graphs)."""
        return len(self.store)

    # -- asking it -----------------------------------------------------------------------------------

    def query(self, query: str, *, format: str | None = None):  # noqa: A002 - the CLI's name
        """Answers a read-only SPARQL query: SPARQL text, a bundled query's name (see
        `partnergraph query --list`) or the path of a .rq file. The usual prefixes (pg:, schema:,
        rdfs:, the graph's own pgid:, …) are declared, so the text needs no PREFIX lines.

        Without `format`: SELECT gives a list of rows, each a dict from variable name to
        pyoxigraph term (``row["name"].value`` is its text; unbound variables are absent); ASK
        gives a bool; CONSTRUCT and DESCRIBE give a list of pyoxigraph Triples. With `format`
        ("table", "csv", "tsv" or "json"): the text the command line prints.

        Updates, SERVICE and other ways out of the graph are refused (ForbiddenQuery); a query
        that does not parse raises QueryError with its line and column.
        """
        from .errors import QueryError
        from .namespaces import sparql_prologue
        from .query.runner import answer, resolve, run

        label, text = resolve(query, base=self.base)
        # positions in messages count from the caller's first line, not from the prologue
        skip = sparql_prologue(self.base).count("\n")
        if format is not None:
            return answer(self.store, text, label=label, fmt=format, base=self.base, prologue_lines=skip)
        result = run(self.store, text, label=label, prologue_lines=skip)
        try:  # pyoxigraph evaluates lazily: an error can come while the result is read
            return _plain_result(result)
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"{label}: {' '.join(str(exc).split()) or type(exc).__name__}") from None

    def export(self, format: str = "turtle", file: str | os.PathLike | BinaryIO | None = None):  # noqa: A002
        """Writes the whole graph as "turtle", "ntriples", "nquads", "trig" or "jsonld" to `file`
        (a path, written atomically, or a binary file object); without `file`, returns the bytes.

        While the store is the one the build wrote, Turtle and TriG are the build's graph.ttl and
        graph.trig byte for byte (copied, not serialized again)."""
        import io

        from .publish.export import atomic_file, export_dir

        committed = self._store_url is None  # a store named here may have changed since the build
        if file is None:
            buf = io.BytesIO()
            export_dir(self.path, self.store, format, buf, base=self.base, committed=committed)
            return buf.getvalue()
        if isinstance(file, (str, os.PathLike)):
            with atomic_file(Path(file)) as fh:
                export_dir(self.path, self.store, format, fh, base=self.base, committed=committed)
            return None
        export_dir(self.path, self.store, format, file, base=self.base, committed=committed)
        return None

    def network(self, file: str | os.PathLike | None = None, *, focus: str | None = None, depth: int = 1,
                articles: bool = False, programme: str | None = None, country: str | None = None,
                aggregate: bool = False, size_by: str = "degree") -> Path:
        """Writes the interactive network as one offline HTML page (default: DIR/graph.html) and
        returns its path. `focus` (a label) keeps one entity's neighbourhood of radius `depth`;
        `articles` shows articles as nodes; `programme` (a slug) and `country` (an ISO code)
        filter the partnerships; `aggregate` draws countries; `size_by` is "degree" or "articles".
        """
        from .viewer.network import write_network

        return write_network(self.store, Path(file) if file else self.path / NETWORK_FILE, base=self.base,
                             focus=focus, depth=depth, articles=articles, programme=programme,
                             country=country, aggregate=aggregate, size_by=size_by)

    def stats(self) -> dict:
        """Network analytics (what stats.json holds): the network's size, centralities,
        components, communities and bridges."""
        from .graph.analytics import network_stats

        return network_stats(self.store, base=self.base)

    def validate(self, *, max_triples: int | None = None) -> ValidationResult:
        """Checks the graph against the SHACL shapes (ontology/shapes.ttl); `result.conforms`,
        `result.violations`. Graphs over `max_triples` are not checked (`result.skipped` says so)."""
        from .validate.shacl import MAX_TRIPLES, validate_store

        return validate_store(self.store, base=self.base,
                              max_triples=MAX_TRIPLES if max_triples is None else max_triples)

    def app(self, **options) -> App:
        """The WSGI application of `partnergraph serve` over this graph: SPARQL endpoint, linked
        data, dumps and VoID. `options`: timeout, max_results, workers, memory_limit (bytes),
        public_url (see `partnergraph serve --help`). ``app.get("/sparql?query=…")`` answers one
        request in-process; close it with ``app.close()``."""
        from .server.app import make_app

        return make_app(self.path, store=self.store, base=self.base, **options)

    def publish(self, outdir: str | os.PathLike, *, progress: Progress | None = None):
        """Writes the graph as a static linked-data site into `outdir` (HTML, Turtle and JSON-LD
        per resource, dumps, VoID, rewrite rules); returns the site's report."""
        from .publish.site import publish_site

        return publish_site(self.store, Path(outdir), base=self.base, progress=progress)

    def reconcile(self, *, endpoint: str | None = None, max_km: float | None = None,
                  progress: Progress | None = None) -> dict:
        """Links the municipalities to Wikidata (owl:sameAs, written into the store) and compares
        the partnerships with Wikidata's twinnings; returns the gap report (also written as
        reconcile.json and reconcile.html in the directory). Waits for no build: raises
        StoreError when one is writing the directory."""
        from .publish.reconcile import MAX_DISTANCE_KM, WIKIDATA_ENDPOINT, reconcile

        endpoint = endpoint or WIKIDATA_ENDPOINT
        if self._store_url:
            url, remote = self._store_url, self._remote
        else:
            url, recorded = self.dir.recorded_store()
            remote = {**recorded, **self._remote}
        self.store.close()  # the store is written below, and read again afterwards
        try:
            with self.dir.lock():  # it writes into the store: never beside a running build
                self.dir.recover()
                store = self.dir.writable_store(store_url=url, **remote)
                try:
                    if progress is not None:
                        progress(f"reconciling with {endpoint}")
                    return reconcile(store, self.path, base=self.base, endpoint=endpoint,
                                     max_km=MAX_DISTANCE_KM if max_km is None else max_km)
                finally:
                    store.close()
        finally:
            self.store = self.dir.open_store(store_url=self._store_url, **self._remote)


def _plain_result(result):
    import pyoxigraph as ox

    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QueryTriples):
        return list(result)
    names = [v.value for v in result.variables]
    return [{n: sol[n] for n in names if sol[n] is not None} for sol in result]
