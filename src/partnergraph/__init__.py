"""partnergraph: German news about international municipal partnerships → an RDF knowledge graph.

    >>> from partnergraph import Extractor, Article
    >>> ex = Extractor().extract(Article(url="https://example.org/a", text="Köln pflegt …"))
"""

import logging

__version__ = "0.1.0"

from .build import BuildOptions, BuildReport, build  # noqa: E402
from .errors import (  # noqa: E402
    ExtractionError,
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
from .extract import Extractor  # noqa: E402
from .models import Article, Extraction, Mention, Partnership, Place  # noqa: E402

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "Article", "BuildOptions", "BuildReport", "Extraction", "ExtractionError", "Extractor",
    "FetchError", "ForbiddenQuery", "Mention", "PartnergraphError", "Partnership", "Place",
    "QueryError", "SourceError", "StoreError", "UsageError", "ValidationError",
    "VocabularyError", "__version__", "build",
]
