"""Exports of the whole graph: Turtle (sorted, deduplicated union of all named graphs),
N-Triples, N-Quads, TriG (one named graph per article) and JSON-LD. Same store, same bytes."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from .errors import UsageError
from .namespaces import prefixes_for

FORMATS = {
    "turtle": (ox.RdfFormat.TURTLE, False, ".ttl"),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False, ".nt"),
    "nquads": (ox.RdfFormat.N_QUADS, True, ".nq"),
    "trig": (ox.RdfFormat.TRIG, True, ".trig"),
    "jsonld": (ox.RdfFormat.JSON_LD, True, ".jsonld"),
}


def _term_key(t) -> tuple[int, str]:
    # IRIs before literals; within each, by their N-Triples text (stable across runs)
    return (0 if isinstance(t, ox.NamedNode) else 1 if isinstance(t, ox.BlankNode) else 2, str(t))


def _triple_key(t: ox.Triple):
    return (_term_key(t.subject), str(t.predicate), _term_key(t.object))


def sorted_triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """The union of all graphs: each triple once, sorted."""
    return sorted({q.triple for q in quads}, key=_triple_key)


def sorted_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    return sorted(quads, key=lambda q: (str(q.graph_name),) + _triple_key(q.triple))


def output_prefixes(base: str) -> dict[str, str]:
    """Prefixes for serialised files: the vocabularies a reader expects. Not `pgid:` nor `gn:`:
    our resource IRIs and GeoNames' continue with a `/`, which Turtle would have to escape
    (`pgid:municipality\\/de\\/koeln`), so full IRIs read better."""
    return {p: ns for p, ns in prefixes_for(base).items() if p not in ("pgid", "gn")}


def serialize(quads: Iterable[ox.Quad], fmt: str, out: BinaryIO, *, base: str) -> None:
    """Writes `quads` in format `fmt` to the binary stream `out`, deterministically."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    rdf_format, as_dataset, _ = FORMATS[fmt]
    data = sorted_quads(quads) if as_dataset else sorted_triples(quads)
    prefixes = output_prefixes(base) if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.JSON_LD) else None
    ox.serialize(data, out, rdf_format, prefixes=prefixes)


def to_bytes(quads: Iterable[ox.Quad], fmt: str, *, base: str) -> bytes:
    buf = io.BytesIO()
    serialize(quads, fmt, buf, base=base)
    return buf.getvalue()


def write_atomic(path: Path, data: bytes | str) -> None:
    """Writes a file so that a reader (or a crash) sees the old content or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
