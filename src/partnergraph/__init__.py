"""partnergraph: German news about international municipal partnerships → an RDF knowledge graph.

    >>> from partnergraph import Extractor, Article
    >>> ex = Extractor().extract(Article(url="https://example.org/a", text="Köln pflegt …"))
"""

import logging

from .version import __version__

from .pipeline.build import BuildOptions, BuildReport, build  # noqa: E402
from .errors import (  # noqa: E402
    FetchError,
    ForbiddenQuery,
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
#: models define nine dataclasses (~8 ms), and no command but build and evaluate needs them
#: (benchmarks/bench_startup.py). `build` stays an eager import (the build code lives in the
#: `pipeline` package, so `partnergraph.build` is always the function).
_LAZY = {"Extractor": "extract.extractor", "Article": "models", "Extraction": "models", "Mention": "models",
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
    "FetchError", "ForbiddenQuery", "Mention", "PartnergraphError", "Partnership", "Place",
    "QueryError", "SourceError", "StoreError", "UsageError", "ValidationError",
    "VocabularyError", "__version__", "build",
]
