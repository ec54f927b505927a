"""An on-disk HTTP cache for conditional requests: ETag / Last-Modified and the body they validate.

One entry per URL, in ``CACHE_DIR/{h[:2]}/{h}.json`` (metadata) and ``{h}.body`` where ``h`` is the
SHA-256 of the URL. A redirect is stored as an entry without body that names its target, so that
``--offline`` can follow it. Entries are written atomically (body first, metadata last, the
metadata carrying the body's hash), so an interrupted crawl leaves either the old entry or the new
one; an entry whose body does not match its hash is treated as absent.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

LOGGER = logging.getLogger(__name__)


@dataclass
class CacheEntry:
    url: str
    status: int  # 200 for a page, 301/302/303/307/308 for a redirect
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""
    location: str = ""  # redirect target
    body_sha256: str = ""
    body: bytes = b""


def _key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class HttpCache:
    """Stored responses by URL. ``HttpCache(None)`` stores nothing (and finds nothing)."""

    def __init__(self, directory: Path | None):
        self.directory = Path(directory) if directory else None

    def _paths(self, url: str) -> tuple[Path, Path]:
        assert self.directory is not None
        h = _key(url)
        folder = self.directory / h[:2]
        return folder / f"{h}.json", folder / f"{h}.body"

    def get(self, url: str) -> CacheEntry | None:
        if self.directory is None:
            return None
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            entry = CacheEntry(**{k: v for k, v in meta.items() if k in CacheEntry.__dataclass_fields__})
        except (OSError, ValueError, TypeError):
            return None
        if entry.url != url:  # a hash collision is practically impossible; a hand-edited file is not
            return None
        if entry.body_sha256:
            try:
                body = body_path.read_bytes()
            except OSError:
                return None
            if hashlib.sha256(body).hexdigest() != entry.body_sha256:
                LOGGER.warning("HTTP cache entry of %s is damaged; ignoring it", url)
                return None
            entry.body = body
        return entry

    def put(self, entry: CacheEntry) -> None:
        if self.directory is None:
            return
        meta_path, body_path = self._paths(entry.url)
        entry.body_sha256 = hashlib.sha256(entry.body).hexdigest() if entry.status == 200 else ""
        if entry.status == 200:
            _write_atomic(body_path, entry.body)
        meta = {k: v for k, v in asdict(entry).items() if k != "body"}
        _write_atomic(meta_path, json.dumps(meta, ensure_ascii=False, sort_keys=True).encode("utf-8"))
