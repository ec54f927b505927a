"""The one exception hierarchy of partnergraph.

Every message carries its context (file and line, URL, query name), so the CLI can print it as
one line without a traceback::

    PartnergraphError
    ├── SourceError          an input could not be read (file, line or URL in the message)
    │   └── FetchError       an HTTP fetch failed (URL and reason)
    ├── VocabularyError      an ontology / vocabulary file is missing or malformed
    ├── StoreError           the store could not be opened, read or written
    ├── QueryError           a SPARQL query is malformed, refused or unknown
    │   └── ForbiddenQuery   a query that would write or reach outside the graph
    ├── ValidationError      the SHACL shapes cannot be checked (an unsupported constraint)
    └── UsageError           the command line asked for something impossible
"""

from __future__ import annotations


class PartnergraphError(Exception):
    """Base class: everything partnergraph raises on purpose."""


class SourceError(PartnergraphError):
    """An input file, line, block or page could not be read."""

    def __init__(self, message: str, *, source: str = "", line: int | None = None):
        self.source = source
        self.line = line
        where = source + (f":{line}" if line is not None else "")
        super().__init__(f"{where}: {message}" if where else message)


class FetchError(SourceError):
    """An HTTP request failed (unreachable host, status, size, type, redirects)."""


class VocabularyError(PartnergraphError):
    """A vocabulary file in ontology/ is missing or malformed."""


class StoreError(PartnergraphError):
    """The triple store could not be opened, read or written."""


class QueryError(PartnergraphError):
    """A SPARQL query is malformed or unknown."""


class ForbiddenQuery(QueryError):
    """A query that would update the store or reach outside it (SERVICE, LOAD, remote IRIs)."""


class ValidationError(PartnergraphError):
    """The SHACL shapes use a constraint the compiled checks cannot evaluate.

    A graph that does not conform is no error: validation reports its violations."""


class UsageError(PartnergraphError):
    """The command line asked for something that cannot be done."""
