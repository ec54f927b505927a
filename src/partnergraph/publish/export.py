"""Exports of the whole graph: Turtle (sorted, deduplicated union of all named graphs),
N-Triples, N-Quads, TriG (one named graph per article) and JSON-LD (compacted, one ``@graph``
object per named graph). Same store, same bytes: triples are sorted, prefixes are declared in
alphabetical order, and JSON keys are sorted."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from ..errors import UsageError
from ..namespaces import prefixes_for

FORMATS = {
    "turtle": (ox.RdfFormat.TURTLE, False, ".ttl"),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False, ".nt"),
    "nquads": (ox.RdfFormat.N_QUADS, True, ".nq"),
    "trig": (ox.RdfFormat.TRIG, True, ".trig"),
    "jsonld": (ox.RdfFormat.JSON_LD, True, ".jsonld"),
}

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def sorted_triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """The union of all graphs: each triple once, sorted by its N-Triples line. That groups each
    subject's triples together (they share the line's prefix "<subject> ") and is one string
    comparison per pair: 1.3 s for 826,000 triples, against 5.9 s for a tuple key of the three
    terms (measured with benchmarks/bench_queries.py's graph)."""
    return sorted({q.triple for q in quads}, key=str)


def sorted_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """Quads grouped by graph (graphs in the order of their names), then as `sorted_triples`."""
    return sorted(quads, key=lambda q: (str(q.graph_name), str(q.triple)))


def output_prefixes(base: str) -> dict[str, str]:
    """Prefixes for serialised files: the vocabularies a reader expects, in alphabetical order.
    Not `pgid:` nor `gn:`: our resource IRIs and GeoNames' continue with a `/`, which Turtle
    would have to escape (`pgid:municipality\\/de\\/koeln`), so full IRIs read better."""
    return {p: ns for p, ns in sorted(prefixes_for(base).items()) if p not in ("pgid", "gn")}


class _SkipPrefixLines:
    """A binary sink that drops the ``@prefix`` block pyoxigraph writes first (in an order of
    its own), so that ours, sorted, stands in its place; everything after passes through."""

    PREFIX = b"@prefix "

    def __init__(self, out: BinaryIO):
        self.out = out
        self.head = b""
        self.passed = False

    def write(self, data) -> int:
        data = bytes(data)
        if self.passed:
            self.out.write(data)
            return len(data)
        self.head += data
        while True:
            if self.head.startswith(self.PREFIX):
                nl = self.head.find(b"\n")
                if nl < 0:
                    return len(data)  # the rest of this prefix line is still to come
                self.head = self.head[nl + 1:]
            elif self.PREFIX.startswith(self.head):
                return len(data)  # too short to tell yet
            else:
                self.passed = True
                self.out.write(self.head)
                self.head = b""
                return len(data)

    def finish(self) -> None:
        if self.head and not self.head.startswith(self.PREFIX):
            self.out.write(self.head)
        self.head = b""

    def flush(self) -> None:
        pass


def serialize(quads: Iterable[ox.Quad], fmt: str, out: BinaryIO, *, base: str) -> None:
    """Writes `quads` in format `fmt` to the binary stream `out`, deterministically."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    rdf_format, as_dataset, _ = FORMATS[fmt]
    data = sorted_quads(quads) if as_dataset else sorted_triples(quads)
    if fmt == "jsonld":
        out.write(jsonld_bytes(data, prefixes=output_prefixes(base)))
        return
    if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):
        _write_prefixed(data, out, rdf_format, base)
        return
    ox.serialize(data, out, rdf_format)


def prefix_header(prefixes: dict[str, str]) -> bytes:
    """Our ``@prefix`` lines, in the order of `prefixes` (alphabetical from `output_prefixes`)."""
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in prefixes.items()).encode("utf-8")


def _write_prefixed(data, out: BinaryIO, rdf_format: ox.RdfFormat, base: str) -> None:
    """Turtle or TriG of `data` with our prefix lines in place of the ones Oxigraph writes."""
    prefixes = output_prefixes(base)
    out.write(prefix_header(prefixes))
    sink = _SkipPrefixLines(out)
    ox.serialize(data, sink, rdf_format, prefixes=prefixes)
    sink.finish()


def serialize_store(store, fmt: str, out: BinaryIO, *, base: str) -> None:
    """`serialize(store.quads(), …)`, the same bytes, faster for the embedded store: its graphs
    are dumped as N-Triples by Oxigraph and sorted as lines, instead of going through a Python
    object per quad (1 M triples: ~3 s instead of ~14 s, benchmarks/bench_queries.py). Sorting
    the lines gives the order of `sorted_triples`: a line is the triple's N-Triples text plus
    " .", and " " sorts before every character that can continue a term."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    raw = getattr(store, "raw", None)
    rdf_format, as_dataset, _ = FORMATS[fmt]
    names = sorted((g for g in raw.named_graphs() if isinstance(g, ox.NamedNode)), key=str) if raw is not None else []
    merged = raw is not None and next(iter(raw.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None
    if fmt == "jsonld" or raw is None or (names and not as_dataset and not merged):
        serialize(store.quads(), fmt, out, base=base)  # a remote store, or no merged default graph
        return
    if as_dataset:  # graph by graph: memory bounded by the largest graph
        prefixes = output_prefixes(base)
        if rdf_format == ox.RdfFormat.TRIG:
            out.write(prefix_header(prefixes))
        for g in names:
            suffix = f" <{g.value}> .\n".encode()
            lines = raw.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g).splitlines()
            chunk = b"".join(sorted(line[:-2] + suffix for line in lines))
            if rdf_format == ox.RdfFormat.N_QUADS:
                out.write(chunk)
            elif chunk:  # a graph's block is the same whether written alone or among the others
                out.write(_without_prefix_lines(ox.serialize(ox.parse(chunk, format=ox.RdfFormat.N_QUADS),
                                                             format=ox.RdfFormat.TRIG, prefixes=prefixes)))
        return
    with tempfile.TemporaryDirectory(prefix=".partnergraph-sort-") as tmp:
        merged_lines = _sorted_dump(raw, Path(tmp))
        if rdf_format == ox.RdfFormat.N_TRIPLES:
            out.writelines(merged_lines)
            return
        sorted_file = Path(tmp) / "sorted.nt"
        with open(sorted_file, "wb") as fh:
            fh.writelines(merged_lines)
        _write_prefixed(ox.parse(path=str(sorted_file), format=ox.RdfFormat.N_TRIPLES), out, rdf_format, base)


#: lines sorted in memory at once by `_sorted_dump`: ~75 MB of N-Triples (the 10,000-article
#: graph's merged graph has ~1 M lines, so it is sorted in a few runs and merged)
SORT_RUN_LINES = 500_000


def _without_prefix_lines(data: bytes) -> bytes:
    at = 0
    while data.startswith(b"@prefix ", at):
        at = data.index(b"\n", at) + 1
    return data[at:]


def _sorted_dump(raw: ox.Store, tmp: Path):
    """The merged default graph's N-Triples lines in sorted order, with bounded memory: the
    dump is written to a file, sorted in runs of `SORT_RUN_LINES`, and the runs merged."""
    import heapq

    dump = tmp / "dump.nt"
    raw.dump(str(dump), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    runs = []
    with open(dump, "rb") as fh:
        while True:
            lines = [line for _, line in zip(range(SORT_RUN_LINES), fh)]
            if not lines:
                break
            lines.sort()
            run = tmp / f"run-{len(runs)}.nt"
            with open(run, "wb") as out:
                out.writelines(lines)
            runs.append(run)
    dump.unlink()
    files = [open(r, "rb") for r in runs]  # noqa: SIM115 - closed when the merge is exhausted
    try:
        yield from heapq.merge(*files)
    finally:
        for f in files:
            f.close()


#: written by a build beside graph.ttl and graph.trig: the signature of the store they were
#: dumped from (store.files_signature)
DUMPS_FILE = "dumps.json"
#: the committed file each format is served or derived from
COMMITTED = {"turtle": "graph.ttl", "trig": "graph.trig", "ntriples": "graph.ttl", "nquads": "graph.trig"}


def committed_dump(directory: Path, fmt: str) -> Path | None:
    """The committed graph.ttl or graph.trig that `fmt` can be served or derived from, when the
    embedded store is unchanged since the build that wrote them (else None). On a 10k-article
    graph, writing Turtle from the store took 18.5 s and 1.3 GB; copying the file 0.2 s."""
    from ..store.embedded import STORE_DIRNAME, files_signature

    directory = Path(directory)
    if fmt not in COMMITTED:
        return None
    try:
        recorded = json.loads((directory / DUMPS_FILE).read_text(encoding="utf-8"))
        if recorded.get("store") != files_signature(directory / STORE_DIRNAME):
            return None
    except (OSError, ValueError, AttributeError):
        return None
    path = directory / COMMITTED[fmt]
    return path if path.is_file() else None


def write_committed(path: Path, fmt: str, out: BinaryIO, *, has_blank_nodes) -> bool:
    """Writes `fmt` from the committed `path` (copied, or re-serialised one triple at a time for
    N-Triples and N-Quads: the files list the triples in the order of the sorted lines, so
    the lines come out sorted, with bounded memory). False when nothing was written because
    the re-serialisation could not give the same bytes (blank nodes get new labels when parsed;
    `has_blank_nodes()` says whether the graph has any)."""
    line_format = {"ntriples": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS}.get(fmt)
    if line_format is None:
        with open(path, "rb") as fh:
            shutil.copyfileobj(fh, out, 1 << 20)
        return True
    if has_blank_nodes():
        return False
    source = ox.RdfFormat.TURTLE if line_format == ox.RdfFormat.N_TRIPLES else ox.RdfFormat.TRIG
    ox.serialize(ox.parse(path=str(path), format=source), out, line_format)
    return True


def export_dir(directory: Path, store, fmt: str, out: BinaryIO, *, base: str, committed: bool = True) -> None:
    """`export`: the committed dump when it is current (`committed_dump`), else the store."""
    path = committed_dump(directory, fmt) if committed else None
    if path is not None and write_committed(path, fmt, out, has_blank_nodes=lambda: _has_blank_nodes(store)):
        return
    serialize_store(store, fmt, out, base=base)


def _has_blank_nodes(store) -> bool:
    return bool(store.query("ASK { ?s ?p ?o FILTER (isBlank(?s) || isBlank(?o)) }"))


def to_bytes(quads: Iterable[ox.Quad], fmt: str, *, base: str) -> bytes:
    buf = io.BytesIO()
    serialize(quads, fmt, buf, base=base)
    return buf.getvalue()


# -- JSON-LD -----------------------------------------------------------------------------------

class _Compactor:
    """IRIs → compact IRIs (``pg:partner``) with the output prefixes, memoised: a graph repeats
    the same few hundred predicates and classes millions of times."""

    def __init__(self, prefixes: dict[str, str]):
        # longest namespace first, so that a namespace inside another wins
        self.namespaces = sorted(((ns, p) for p, ns in prefixes.items()), key=lambda x: -len(x[0]))
        self.memo: dict[str, str] = {}

    def __call__(self, iri: str) -> str:
        short = self.memo.get(iri)
        if short is None:
            short = iri
            for ns, p in self.namespaces:
                local = iri[len(ns):]
                # a local part starting with "//" would read as an absolute IRI (JSON-LD 1.1, 4.1.5)
                if iri.startswith(ns) and local and not local.startswith("//"):
                    short = f"{p}:{local}"
                    break
            self.memo[iri] = short
        return short


def _node_ref(term, compact: _Compactor) -> str:
    return compact(term.value) if isinstance(term, ox.NamedNode) else str(term)


def _object(term, compact: _Compactor):
    if isinstance(term, ox.Literal):
        if term.language:
            return {"@language": term.language, "@value": term.value}
        dt = term.datatype.value
        if dt == XSD_STRING:
            return term.value
        return {"@type": compact(dt), "@value": term.value}
    return {"@id": _node_ref(term, compact)}


def _node_objects(triples: list[ox.Triple], compact: _Compactor) -> list[dict]:
    """Node objects of sorted triples: one per subject, properties and values in sorted order."""
    nodes: list[dict] = []
    subject = current = None
    for t in triples:
        if current is None or t.subject != subject:
            subject = t.subject
            current = {"@id": _node_ref(subject, compact)}
            nodes.append(current)
        if t.predicate.value == RDF_TYPE and not isinstance(t.object, ox.Literal):
            current.setdefault("@type", []).append(_node_ref(t.object, compact))
        else:
            current.setdefault(compact(t.predicate.value), []).append(_object(t.object, compact))
    for node in nodes:
        for key, values in node.items():
            if isinstance(values, list) and len(values) == 1:
                node[key] = values[0]
    return nodes


def jsonld_bytes(quads: list[ox.Quad], *, prefixes: dict[str, str]) -> bytes:
    """Compacted JSON-LD of sorted quads: ``@context`` with our prefixes, then the default
    graph's nodes and one ``{"@id": graph, "@graph": [...]}`` object per named graph."""
    compact = _Compactor(prefixes)
    by_graph: dict[str | None, list[ox.Triple]] = {}
    for q in quads:
        key = None if isinstance(q.graph_name, ox.DefaultGraph) else _node_ref(q.graph_name, compact)
        by_graph.setdefault(key, []).append(q.triple)
    top: list[dict] = _node_objects(by_graph.pop(None, []), compact)
    for name, triples in by_graph.items():  # already in sorted order of graph names
        top.append({"@id": name, "@graph": _node_objects(triples, compact)})
    doc = {"@context": dict(prefixes), "@graph": top}
    return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A binary file that a reader (or a crash) sees with the old content or the new, never
    half: written beside `path` and moved over it when the block ends without an error."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are meant to be shared/served
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if exc.filename is None:  # a failed write names no file: say which one (a full disk)
            raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
        raise
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes | str) -> None:
    """Writes a whole file with `atomic_file`."""
    with atomic_file(path) as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
