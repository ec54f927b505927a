"""partnergraph: German news about international municipal partnerships → an RDF knowledge graph.

    >>> import partnergraph
    >>> report = partnergraph.build(["articles.jsonl"], "out")   # no sources: the sample corpus
    >>> g = partnergraph.open("out")                              # a built graph directory
    >>> g.query("SELECT ?name WHERE { ?m a pg:Municipality ; rdfs:label ?name }")
    >>> g.export("turtle", "graph.ttl"); g.network("graph.html"); g.stats(); g.validate(); g.app()

    >>> from partnergraph import Extractor, Article               # one article, no graph directory
    >>> ex = Extractor().extract(Article(url="https://example.org/a", text="Köln pflegt …"))

See `partnergraph.api` for the whole API and `partnergraph.graphdir` for what a graph directory holds.
"""

import logging

from .version import __version__

from .errors import (  # noqa: E402
    FetchError,
    ForbiddenQuery,
    NotAGraphDirectory,
    PartnergraphError,
    QueryError,
    SourceError,
    StoreError,
    UsageError,
    ValidationError,
    VocabularyError,
)

logging.getLogger(__name__).addHandler(logging.NullHandler())


#: public names imported on first use: the extractor loads the rules and the gazetteer code, the
#: models define nine dataclasses (~8 ms), the build imports its whole pipeline, and `--help` needs
#: none of them (benchmarks/bench_startup.py, tests/test_startup_imports.py)
_LAZY = {"build": "api", "open": "api", "evaluate": "api", "Graph": "api", "GraphDir": "graphdir",
         "BuildOptions": "pipeline.report", "BuildReport": "pipeline.report",
         "Extractor": "extract.extractor", "Article": "models", "Extraction": "models", "Mention": "models",
         "Partnership": "models", "Place": "models"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "Article", "BuildOptions", "BuildReport", "Extraction", "Extractor",
    "FetchError", "ForbiddenQuery", "Graph", "GraphDir", "Mention", "NotAGraphDirectory",
    "PartnergraphError", "Partnership", "Place", "QueryError", "SourceError", "StoreError",
    "UsageError", "ValidationError", "VocabularyError", "__version__", "build", "evaluate", "open",
]
