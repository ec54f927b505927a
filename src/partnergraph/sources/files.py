"""Reading articles from files: JSON Lines, listing-page text (the seed's format), HTML pages.

Each reader yields `Article`s and, for anything it cannot read, a `SourceError` naming the file
and line or block; the caller records the error and goes on with the rest of the batch.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING
from pathlib import Path

from ..errors import SourceError
from ..graph.iri import slugify
from ..models import Article
from .dates import INPUT_DATE_FORMS, parse_date, parse_input_date
from .html import article_from_html
from .urls import article_iri

if TYPE_CHECKING:  # line_index.py parses a remembered line with this module when asked
    from .line_index import LineIndex

LOGGER = logging.getLogger(__name__)

Item = Article | SourceError

#: the dateline that opens a listing teaser: "Bonn, 19. Dezember 2023. "
DATELINE = re.compile(
    r"^(?P<place>[A-ZÄÖÜ][\w.\- ]{0,60}?),\s+(?P<date>\d{1,2}\.\s*[A-Za-zäÄ]+\.?\s+\d{4})\.\s*(?P<rest>.*)$"
)
#: lines of site chrome that precede the blocks of a saved listing page
LISTING_CHROME = {"hauptnavigation", "internationale zusammenarbeit", "navigation", "menü", "suche"}


def _decode(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(f"invalid UTF-8 at byte {exc.start}", source=source, line=line) from None


#: error lines one file gives before the rest are only counted: a binary file or a file in
#: another format would otherwise give one line per line of it (777 for one file, measured)
MAX_ERRORS_PER_FILE = 5
#: bytes looked at to tell a text file from a binary one (as `file` and git do: a NUL byte)
SNIFF_BYTES = 8192
BOM = "\ufeff"


def _not_text(path: Path) -> str:
    """Why the file at `path` is not a UTF-8 text file ("" when it may be one)."""
    with path.open("rb") as fh:
        head = fh.read(SNIFF_BYTES)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) and b"\0" in head[:200]:
        return "UTF-16 encoded; save it as UTF-8"  # a byte order mark, and Latin letters as 2 bytes
    nul = head.find(b"\0")
    if nul >= 0:
        return f"a binary file, not text (a NUL byte at byte {nul})"
    return ""


def read_jsonl(path: Path, lines: LineIndex | None = None) -> Iterator[Item]:
    """One article per line: url (required), title, date, place, text, image_alt. With `lines`
    (line_index.py), a line the last build read gives its remembered article unparsed."""
    source = str(path)
    warned = _Warned()
    LOGGER.addFilter(warned)
    # a warning the logger drops never reaches the filter: learn no line then
    learn = LOGGER.isEnabledFor(logging.WARNING)
    try:
        with path.open("rb") as fh:
            for lineno, raw in enumerate(fh, 1):
                if lines is not None:
                    known = lines.known_article(raw, f"{source}:{lineno}", _parse_known)
                    if known is not None:
                        yield known
                        continue
                    before = warned.count
                    for item in _read_line(raw, lineno, source):
                        if learn and isinstance(item, Article) and warned.count == before:
                            lines.remember(raw, item)
                        yield item
                else:
                    yield from _read_line(raw, lineno, source)
    finally:
        LOGGER.removeFilter(warned)


def _parse_known(raw: bytes, origin: str) -> Article:
    """The article of a line remembered as one that parses without a warning."""
    return article_from_record(json.loads(raw.decode("utf-8")), origin=origin)


class _Warned(logging.Filter):
    """Counts the warnings this module logs (passing them on): a line that warned is not
    remembered (line_index.py), so that it warns again on the next build."""

    def __init__(self):
        super().__init__()
        self.count = 0

    def filter(self, record: logging.LogRecord) -> bool:
        self.count += 1
        return True


def _read_line(raw: bytes, lineno: int, source: str) -> Iterator[Item]:
    """The article (or error) of one line of a JSON Lines file; nothing for a blank line."""
    if not raw.strip():
        return
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        yield SourceError(f"invalid UTF-8 at column {exc.start + 1}", source=source, line=lineno)
        return
    if line.startswith(BOM):
        if lineno > 1:  # files joined with cat: the second one's byte order mark
            LOGGER.warning("%s:%d: a byte order mark at the start of the line (files joined "
                           "together?); read without it", source, lineno)
        line = line.lstrip(BOM)
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        yield SourceError(f"broken JSON ({exc.msg} at column {exc.colno})", source=source, line=lineno)
        return
    try:
        yield article_from_record(obj, origin=f"{source}:{lineno}")
    except SourceError as exc:
        yield SourceError(str(exc), source=source, line=lineno)


def json_type(value: object) -> str:
    """What a JSON value is, in the words of a message: "a number", "a list", …"""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    return {str: "a string", int: "a number", float: "a number", list: "a list",
            dict: "an object"}.get(type(value), type(value).__name__)


def _string_field(obj: dict, key: str) -> str:
    value = obj.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise SourceError(f"field {key!r} must be a string, got {json_type(value)}")
    return value.strip()


def article_from_record(obj: object, *, origin: str = "") -> Article:
    """Validates one JSON record (the JSON Lines format documented in README)."""
    if not isinstance(obj, dict):
        raise SourceError(f"expected a JSON object, got {json_type(obj)}")
    if "url" not in obj or obj["url"] is None:
        raise SourceError("missing required field 'url'")
    url = _string_field(obj, "url")
    if not url:
        raise SourceError("field 'url' is empty")
    url, note = article_iri(url)
    if note:
        LOGGER.warning("%s: %s", origin or "?", note)
    fields = {key: _string_field(obj, key) for key in ("title", "text", "place", "image_alt")}
    date = None
    raw_date = _string_field(obj, "date")
    if raw_date:
        date = parse_input_date(raw_date)
        if date is None:  # the article is worth more than its date
            LOGGER.warning("%s: field 'date' %r is not a date (expected %s); the article is read without a date",
                           origin or "?", raw_date, INPUT_DATE_FORMS)
    if not fields["title"] and not fields["text"]:
        raise SourceError(f"article {url} has neither title nor text")
    return Article(url=url, date=date, origin=origin, **fields)


def article_record(article: Article) -> dict:
    """The JSON Lines record of an article: the inverse of `article_from_record`."""
    record = {"url": article.url, "title": article.title,
              "date": article.date.isoformat() if article.date else None,
              "place": article.place, "text": article.text}
    if article.image_alt:
        record["image_alt"] = article.image_alt
    return record


def read_listing(path: Path) -> Iterator[Item]:
    """A saved news listing: blocks of image caption, title, and a dateline line with the teaser.

    Blocks are recognised by their dateline line; the title is the nearest non-empty line above
    it and the image caption the one above that. Lines that fit no block are reported.
    """
    source = str(path)
    try:
        text = _decode(path.read_bytes(), source)
    except SourceError as exc:
        yield exc
        return
    lines = [(i + 1, ln.strip()) for i, ln in enumerate(text.splitlines())]
    pending: list[tuple[int, str]] = []  # non-empty lines since the last dateline
    found = 0
    for lineno, line in lines:
        if not line:
            continue
        m = DATELINE.match(line)
        if not m:
            pending.append((lineno, line))
            continue
        content = [(n, ln) for n, ln in pending if ln.casefold() not in LISTING_CHROME]
        pending = []
        if not content:
            yield SourceError("teaser without a title above it", source=source, line=lineno)
            continue
        title_line, title = content[-1]
        image_alt = content[-2][1] if len(content) >= 2 else ""
        for n, stray in content[:-2]:
            yield SourceError(f"line outside any block: {stray[:60]!r}", source=source, line=n)
        date = parse_date(m["date"])
        if date is None:  # "31. Februar 2023": the article is worth more than its date
            LOGGER.warning("%s:%d: %r is not a date; the article is read without a date", source, lineno, m["date"])
        found += 1
        yield Article(
            url=f"urn:partnergraph:{slugify(path.stem)}:{slugify(title)}",
            title=title, text=m["rest"].strip(), date=date, place=m["place"].strip(),
            image_alt=image_alt, origin=f"{source}:{title_line}",
        )
    for n, stray in pending:
        if stray.casefold() not in LISTING_CHROME:
            yield SourceError(f"block without a dateline line: {stray[:60]!r}", source=source, line=n)
    if not found:
        yield SourceError("no article blocks found (expected 'Place, 19. Dezember 2023. teaser')", source=source)


def read_html(path: Path) -> Iterator[Item]:
    source = str(path)
    try:
        raw = path.read_bytes()
        yield article_from_html(raw, origin=source, default_url=path.resolve().as_uri())
    except SourceError as exc:
        yield exc if exc.source else SourceError(str(exc), source=source)


READERS = {".jsonl": read_jsonl, ".ndjson": read_jsonl, ".txt": read_listing,
           ".html": read_html, ".htm": read_html}


def read_path(path: Path, lines: LineIndex | None = None) -> Iterator[Item]:
    """All articles of one file or of every readable file below a folder, in sorted order;
    `lines`: the JSON Lines files' remembered lines (line_index.py)."""
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READERS
                       and not any(part.startswith(".") for part in p.relative_to(path).parts))
        if not files:
            yield SourceError("folder holds no .jsonl, .txt or .html files", source=str(path))
        for f in files:
            yield from read_path(f, lines)
        return
    if not path.exists():
        yield SourceError("no such file or folder", source=str(path))
        return
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        yield SourceError(f"unknown file type {path.suffix!r} (expected .jsonl, .txt, .html)", source=str(path))
        return
    try:
        if path.stat().st_size == 0:
            yield SourceError("empty file", source=str(path))
            return
        if reader is not read_html:  # a page declares its own encoding
            why = _not_text(path)
            if why:
                yield SourceError(why, source=str(path))
                return
        items = read_jsonl(path, lines) if reader is read_jsonl else reader(path)
        yield from _at_most_a_few_errors(items, str(path))
    except OSError as exc:
        yield SourceError(f"cannot read: {exc.strerror}", source=str(path))


def _at_most_a_few_errors(items: Iterator[Item], source: str) -> Iterator[Item]:
    """`items` with the errors after the first `MAX_ERRORS_PER_FILE` replaced by a count."""
    more, first_more = 0, None
    errors = 0
    for item in items:
        if isinstance(item, SourceError):
            errors += 1
            if errors > MAX_ERRORS_PER_FILE:
                more += 1
                first_more = first_more or item.line
                continue
        yield item
    if more:
        yield SourceError(f"{more} more unreadable {'entry' if more == 1 else 'entries'} from line {first_more} on "
                          f"(only the first {MAX_ERRORS_PER_FILE} are shown)", source=source)
