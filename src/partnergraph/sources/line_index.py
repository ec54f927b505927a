"""The lines of JSON Lines sources remembered between builds, ``DIR/source-lines.bin``, so
that a rebuild parses only the lines that changed (issue 16: reading and validating every
record of a 10,000-line source, and hashing each article's text for the stale check, was the
part of a one-article rebuild's first phase that grew with the corpus).

A line's bytes decide its article: the same bytes read by the same code give the same URL and
content hash. The file maps a digest of each line's bytes to what the build needs of an
unchanged article (URL, content hash, characters, graph IRI), written under the code's
fingerprint (pipeline/state.py) and the resource base, so other code or another base reads
nothing from it. A line not found is parsed as before (`files.read_jsonl`), and remembered only
when it gave an article without a warning: a line that warns (a date that is no date, a URL
that was tidied, a byte order mark) is parsed, and warns, on every build as it always did.

An unchanged line gives a `KnownArticle`, which parses its line only when something asks for
more than the stale check reads (the extraction of a stale article gets the full `Article`).
A missing file is a first build; a damaged or foreign one is told in one warning line and
every line is parsed. The file is written after the build's commit: losing it costs time only.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
from collections.abc import Callable
from pathlib import Path

from ..graphdir import SOURCE_LINES_FILE
from ..models import Article

LOGGER = logging.getLogger(__name__)

INDEX_FILE = SOURCE_LINES_FILE
#: layout of the file: a change makes every line be parsed once
VERSION = 1
_BOM = b"\xef\xbb\xbf"


def line_key(raw: bytes) -> bytes:
    """The digest a line is remembered by: 16 bytes of BLAKE2b (collisions as unlikely as
    the content hash's own; hashing the line costs about a tenth of parsing it)."""
    return hashlib.blake2b(raw, digest_size=16).digest()


class KnownArticle:
    """An article read from a line the last build read too: what the stale check needs, the
    rest parsed from the line when asked for (`article`)."""

    __slots__ = ("url", "origin", "content_hash", "chars", "graph", "_raw", "_parse", "_full")

    def __init__(self, url: str, origin: str, content_hash: str, chars: int, graph: str, raw: bytes,
                 parse: Callable[[bytes, str], Article]):
        self.url, self.origin, self.content_hash, self.chars, self.graph = url, origin, content_hash, chars, graph
        self._raw, self._parse = raw, parse
        self._full: Article | None = None

    def article(self) -> Article:
        """The `Article` the line gives, parsed by the reader that found it (files.read_jsonl)."""
        if self._full is None:
            self._full = self._parse(self._raw, self.origin)
        return self._full

    # the fields of an Article, for any reader beyond the stale check
    title = property(lambda self: self.article().title)
    text = property(lambda self: self.article().text)
    date = property(lambda self: self.article().date)
    place = property(lambda self: self.article().place)
    image_alt = property(lambda self: self.article().image_alt)
    analysed_text = property(lambda self: self.article().analysed_text)


def full_article(item):
    """`item` as an `Article` (a `KnownArticle` parsed from its line)."""
    return item.article() if isinstance(item, KnownArticle) else item


def article_chars(item) -> int:
    """Characters of headline and text, as collect.py limits them."""
    return item.chars if isinstance(item, KnownArticle) else len(item.title) + len(item.text)


class LineIndex:
    """The remembered lines of one graph directory: `known` as read, `seen` as this build
    read them (what `save` writes)."""

    def __init__(self, out_dir: Path, stamp: str, graph_iri):
        self.path = Path(out_dir) / INDEX_FILE
        self.stamp = f"{VERSION}|{stamp}"
        #: url → the article's graph IRI (graph/iri.Minter.article)
        self.graph_iri = graph_iri
        self.known: dict[bytes, tuple[str, str, int, str]] = self._read()
        self.seen: dict[bytes, tuple[str, str, int, str]] = {}

    def _read(self) -> dict:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as exc:
            LOGGER.warning("%s: %s; parsing every line of the sources", self.path, exc.strerror or exc)
            return {}
        try:
            stamp, lines = marshal.loads(data)
            if not isinstance(lines, dict):
                raise ValueError("not a table of lines")
        except (ValueError, EOFError, TypeError) as exc:
            LOGGER.warning("%s: unreadable (%s); parsing every line of the sources", self.path, exc)
            return {}
        return lines if stamp == self.stamp else {}

    def known_article(self, raw: bytes, origin: str, parse: Callable[[bytes, str], Article]) -> KnownArticle | None:
        """The remembered article of line `raw` (None: parse it); `parse(raw, origin)` gives
        the full article when it is asked for."""
        key = line_key(raw)
        entry = self.known.get(key)
        if entry is None:
            return None
        self.seen[key] = entry
        url, content_hash, chars, graph = entry
        return KnownArticle(url, origin, content_hash, chars, graph, raw, parse)

    def remember(self, raw: bytes, article: Article) -> None:
        """A line parsed into `article` without a warning."""
        if raw.startswith(_BOM):
            return  # it warns when it is not the file's first line: parsed every time
        self.seen[line_key(raw)] = (article.url, article.content_hash, article_chars(article),
                                    self.graph_iri(article.url))

    def save(self) -> None:
        """Writes the lines this build read (atomically; a failure costs the next build time only)."""
        tmp = self.path.with_name(self.path.name + ".tmp")
        try:
            tmp.write_bytes(marshal.dumps((self.stamp, self.seen)))
            os.replace(tmp, self.path)
        except OSError as exc:
            LOGGER.debug("cannot write %s: %s", self.path, exc)
            tmp.unlink(missing_ok=True)
