"""Per-article pieces of graph.ttl and graph.trig, rendered once, when the article is extracted.

Both files are sorted dumps of the whole dataset. Rewriting them from the store on every build
cost 42 s at 10,000 articles (3.7 M quads; benchmarks/bench_build.py), even when one article
had changed. So the worker that extracts an article also renders its share of both files into
a *piece*, kept in ``DIR/dump-cache/`` under a name derived from the article's content, and a
build assembles the files from the pieces:

- graph.trig holds one block per named graph, in the order of the graph names: the article
  blocks are copied as they are; the few other graphs (vocabulary, analytics) are rendered.
- graph.ttl is the merge of all graphs, sorted by triple. Subjects minted in an article's own
  IRI space (the article node ``id/article/H``, its mentions ``id/mention/H/…``) are described
  by that article's graph only, so their Turtle is the same in the merge as in the article and
  is rendered once. Every other triple ("shared": places, countries, partnerships; ~24 % of
  the triples) is merged across articles and rendered on each build.

The assembled files are byte for byte what `export.serialize_store` writes for the same store
(tests/test_sources_incremental.py checks it). The build falls back to writing them from the
store when a piece is missing or damaged, or the store holds a graph nothing here describes.
"""

from __future__ import annotations

import json
import os
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .export import atomic_file, output_prefixes, prefix_header, write_atomic
from ..graphdir import CACHE_DIRNAME
from ..namespaces import PG_IRI

SUFFIX = ".piece"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDF_TYPE_TERM = f"<{RDF_TYPE}>".encode()
_MENTIONS_TERM = f"<{PG_IRI}mentions>".encode()


def count_line(subject: bytes, predicate: bytes, obj: bytes, classes: dict, members: dict,
               mentioned: dict) -> str | None:
    """Counts one N-Triples line into the tallies of classes, example members and mentions (the
    full assembly's `Tally` and the splice's index share it); returns the class of an rdf:type
    line, which each keeps in its own form, else None."""
    if predicate == _RDF_TYPE_TERM and obj.startswith(b"<"):
        cls = obj[1:obj.index(b">")].decode()
        if cls.startswith(PG_IRI):
            local = cls[len(PG_IRI):]
            classes[local] = classes.get(local, 0) + 1
            if local in EXAMPLE_CLASSES:
                members.setdefault(local, set()).add(subject[1:-1].decode())
        return cls
    if predicate == _MENTIONS_TERM and obj.startswith(b"<"):
        target = obj[1:obj.index(b">")].decode()
        mentioned[target] = mentioned.get(target, 0) + 1
    return None
#: classes whose most-mentioned member is given as void:exampleResource: the three a reader of
#: the graph looks for first (places, the partnerships between them, the funding programmes)
EXAMPLE_CLASSES = ("Municipality", "Partnership", "Programme")
#: piece layout version: a change makes every cached piece unreadable, hence rebuilt
VERSION = 2


@dataclass
class Piece:
    graph: str
    quads: int
    #: TriG block of the article's graph, ``<graph> { … }``
    trig: bytes
    #: Turtle of the subjects in the article range (the article node) and in the mention range
    article_ttl: bytes
    mention_ttl: bytes
    #: triples of every other subject, as sorted N-Triples lines
    shared_nt: bytes
    #: what the build report and VoID count, over the triples rendered in the two ranges
    local: Tally = field(default_factory=lambda: Tally())

    _PARTS = ("trig", "article_ttl", "mention_ttl", "shared_nt")

    def to_bytes(self) -> bytes:
        head = {"v": VERSION, "graph": self.graph, "quads": self.quads, "local": self.local.to_dict(),
                "sizes": [len(getattr(self, p)) for p in self._PARTS]}
        return json.dumps(head, sort_keys=True).encode() + b"\n" + b"".join(getattr(self, p) for p in self._PARTS)


@dataclass
class Tally:
    """What the build report and the VoID description count, summed from N-Triples lines of
    distinct triples, so that no query runs over millions of triples (VoID's count of distinct
    subjects took 6.6 s at 10,000 articles). The local parts of two pieces never share a
    subject, nor does a local part with the shared lines: subjects add up."""

    quads: int = 0
    triples: int = 0
    #: distinct subjects under the resource base (void:entities)
    entities: int = 0
    #: members of each pg: class
    classes: dict[str, int] = field(default_factory=dict)
    #: distinct predicates and classes of any namespace (void:properties, void:classes)
    predicates: set[str] = field(default_factory=set)
    types: set[str] = field(default_factory=set)
    #: how many articles mention each resource (pg:mentions; VoID's example resources)
    mentioned: dict[str, int] = field(default_factory=dict)
    #: members of the classes VoID shows an example of: class → subjects
    members: dict[str, set[str]] = field(default_factory=dict)

    def add(self, lines: list[bytes], *, base_prefix: bytes | None = None) -> None:
        """Counts sorted N-Triples lines of distinct triples; `base_prefix` (``b"<" + base``)
        limits the entities to our resources (the local parts hold nothing else)."""
        subjects = set()
        predicates = set()  # as bytes, decoded once below: most lines repeat a few predicates
        classes, members, mentioned = self.classes, self.members, self.mentioned
        for line in lines:
            # no space inside a subject or a predicate term: the first two split them off
            subject, predicate, obj = line.split(b" ", 2)
            subjects.add(subject)
            predicates.add(predicate)
            cls = count_line(subject, predicate, obj, classes, members, mentioned)
            if cls is not None:
                self.types.add(cls)
        self.predicates.update(p[1:-1].decode() for p in predicates)
        self.triples += len(lines)
        self.entities += len(subjects) if base_prefix is None else sum(1 for x in subjects if x.startswith(base_prefix))

    def merge(self, other: dict) -> None:
        """Adds the `to_dict` of another tally (all but its quads)."""
        self.triples += other["triples"]
        self.entities += other["entities"]
        for cls, n in other["classes"].items():
            self.classes[cls] = self.classes.get(cls, 0) + n
        self.predicates.update(other["predicates"])
        self.types.update(other["types"])
        for x, n in other.get("mentioned", {}).items():
            self.mentioned[x] = self.mentioned.get(x, 0) + n

    def examples(self) -> list[str]:
        """Per class of `EXAMPLE_CLASSES`, the member most articles mention (ties: the first
        IRI), as VoID's void:exampleResource."""
        out = []
        for cls in EXAMPLE_CLASSES:
            members = self.members.get(cls)
            if members:
                out.append(min(members, key=lambda x: (-self.mentioned.get(x, 0), x)))
        return sorted(out)

    def to_dict(self) -> dict:
        return {"triples": self.triples, "entities": self.entities, "classes": dict(sorted(self.classes.items())),
                "predicates": sorted(self.predicates), "types": sorted(self.types),
                "mentioned": dict(sorted(self.mentioned.items()))}


def ranges(base: str) -> tuple[bytes, bytes]:
    """How the N-Triples lines of article-local subjects begin: the article nodes and their
    mentions (as `iri.Minter` mints them)."""
    return f"<{base}article/".encode(), f"<{base}mention/".encode()


def _without_prefixes(data: bytes) -> bytes:
    """Oxigraph's Turtle/TriG writers open with their own ``@prefix`` lines; ours are written
    once, sorted, at the top of the assembled file."""
    at = 0
    while data.startswith(b"@prefix ", at):
        at = data.index(b"\n", at) + 1
    return data[at:]


def _turtle(triples, prefixes: dict[str, str], fmt=ox.RdfFormat.TURTLE) -> bytes:
    return _without_prefixes(ox.serialize(triples, format=fmt, prefixes=prefixes)) if triples else b""


def canonical_nquads(quads: Iterable[ox.Quad]) -> bytes:
    """One graph's quads as sorted N-Quads lines: the order of `export.sorted_quads` (every line
    ends with the same `` <graph> .``, and a space sorts before any character that can continue
    a term), so the lines are what `render` needs, and the store takes them as they are."""
    return b"".join(sorted(ox.serialize(quads, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True)))


def canonical(quads: Iterable[ox.Quad]) -> tuple[bytes, list[ox.Quad]]:
    """`canonical_nquads` of distinct `quads`, and the quads in the order of its lines (what
    `render` would otherwise parse the lines back into: half a millisecond per article)."""
    quads = list(quads)
    lines = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True)
    if len(lines) != len(quads):  # one line per quad: N-Quads escapes a literal's line breaks
        raise ValueError("N-Quads of a graph do not have one line per quad")
    order = sorted(range(len(lines)), key=lines.__getitem__)
    return b"".join([lines[i] for i in order]), [quads[i] for i in order]


def render(graph: str, nquads: bytes, *, base: str, quads: list[ox.Quad] | None = None) -> Piece:
    """The piece of one article graph, from its `canonical_nquads` (run in the extraction
    workers); `quads`: the same quads in the same order, when the caller has them (`canonical`).
    Lines are only split and sliced in Python; terms are parsed and written by Oxigraph alone."""
    suffix = f" <{graph}> .\n".encode()
    triples = nquads.replace(suffix, b" .\n")  # a literal cannot hold the newline that ends it
    lines = triples.splitlines(keepends=True)
    if nquads.count(suffix) != len(lines):
        raise ValueError(f"{graph}: N-Quads of more than this graph")
    prefixes = output_prefixes(base)
    (a_lo, a_hi), (m_lo, m_hi) = (_span(lines, r) for r in ranges(base))
    article, mention = lines[a_lo:a_hi], lines[m_lo:m_hi]
    shared = lines[:a_lo] + lines[a_hi:m_lo] + lines[m_hi:]
    local = Tally()
    local.add(article)
    local.add(mention)
    if quads is None or len(quads) != len(lines):
        quads = list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    trig = _turtle(quads, prefixes, ox.RdfFormat.TRIG)
    article_ttl, mention_ttl = _local_blocks(trig, graph, (lines[a_lo], lines[a_hi - 1]) if a_hi > a_lo else None,
                                             (lines[m_lo], lines[m_hi - 1]) if m_hi > m_lo else None)
    if article_ttl is None or mention_ttl is None:  # not the layout _local_blocks knows: render
        article_ttl, mention_ttl = _rendered(article, prefixes), _rendered(mention, prefixes)
    return Piece(graph=graph, quads=len(lines), trig=trig, article_ttl=article_ttl, mention_ttl=mention_ttl,
                 shared_nt=b"".join(shared), local=local)


def _local_blocks(trig: bytes, graph: str, *ranges_: tuple[bytes, bytes] | None) -> list[bytes | None]:
    """The Turtle of the subjects in each range (first and last N-Triples line of the range),
    cut from the article's TriG block: Oxigraph writes a graph's subjects as it writes Turtle,
    one tab deeper, so removing that tab gives the same bytes and saves rendering them twice
    (1.3 → 0.8 ms per article). None for a range whose block is not where it should be."""
    head = f"<{graph}> {{\n".encode()
    if not (trig.startswith(head) and trig.endswith(b"}\n")):
        return [None] * len(ranges_)
    lines = trig[len(head):-2].splitlines(keepends=True)
    subjects = [i for i, line in enumerate(lines) if not line.startswith(b"\t\t")]
    out: list[bytes | None] = []
    for span in ranges_:
        if span is None:
            out.append(b"")
            continue
        first, last = (line.partition(b" ")[0] for line in span)
        begin = [i for i in subjects if lines[i].startswith(b"\t" + first + b" ")]
        end = [i for i in subjects if lines[i].startswith(b"\t" + last + b" ")]
        if not begin or not end:
            out.append(None)
            continue
        stop = next((i for i in subjects if i > end[0]), len(lines))
        out.append(b"".join(line[1:] for line in lines[begin[0]:stop]))
    return out


def _span(lines: list[bytes], prefix: bytes) -> tuple[int, int]:
    """Where the sorted `lines` that start with `prefix` are."""
    return bisect_left(lines, prefix), bisect_left(lines, prefix[:-1] + bytes([prefix[-1] + 1]))


def _rendered(lines: list[bytes], prefixes: dict[str, str]) -> bytes:
    """Turtle of sorted N-Triples lines."""
    return _turtle(list(ox.parse(b"".join(lines), format=ox.RdfFormat.N_TRIPLES)), prefixes) if lines else b""


class DumpCache:
    """The folder of pieces. A piece's name is derived from the article's content and the
    build's fingerprint, so a piece is never rewritten with other content: a build writes new
    pieces straight into the folder (an interrupted build leaves unused ones, which the next
    build's `collect_garbage` removes) and the committed state.json says which are current."""

    def __init__(self, out_dir: Path):
        self.dir = Path(out_dir) / CACHE_DIRNAME

    def path(self, name: str) -> Path:
        return self.dir / f"{name}{SUFFIX}"

    def has(self, name: str | None) -> bool:
        return bool(name) and self.path(name).is_file()

    def names(self) -> set[str]:
        """The names of the pieces in the folder: one listing, where `has` per article cost a
        file-system look-up each (0.4 s for 10,000 articles under load, measured)."""
        if not self.dir.is_dir():
            return set()
        return {e.name[:-len(SUFFIX)] for e in os.scandir(self.dir) if e.name.endswith(SUFFIX) and e.is_file()}

    def put(self, name: str, data: bytes) -> None:
        write_atomic(self.path(name), data)

    def read(self, name: str, *parts: str) -> tuple[dict, list[bytes]]:
        """The header of a piece and the named parts only: assembling reads each piece once per
        part, and the parts it skips are most of the bytes."""
        with self.path(name).open("rb") as fh:
            head = json.loads(fh.readline())
            if head.get("v") != VERSION:
                raise ValueError(f"{self.path(name)}: piece version {head.get('v')}, expected {VERSION}")
            start = fh.tell()
            offsets, at = {}, start
            for part, size in zip(Piece._PARTS, head["sizes"]):
                offsets[part] = (at, size)
                at += size
            out = []
            for part in parts:
                at, size = offsets[part]
                fh.seek(at)
                out.append(fh.read(size))
        return head, out

    def collect_garbage(self, keep: Iterable[str]) -> int:
        """Removes the pieces no article of the committed state refers to; returns how many."""
        if not self.dir.is_dir():
            return 0
        wanted = {f"{name}{SUFFIX}" for name in keep}
        removed = 0
        for p in self.dir.iterdir():
            if p.name not in wanted:
                p.unlink(missing_ok=True)
                removed += 1
        return removed


@dataclass
class Merged:
    """The pieces' shared lines merged, the tally so far, and the article blocks (small: read
    here so that writing the dumps reads every piece once more, not three times)."""
    shared: set[bytes]
    tally: Tally
    article_ttl: list[bytes]


def collect_shared(cache: DumpCache, pieces: dict[str, str]) -> Merged:
    """The shared lines of all `pieces` (graph IRI → piece name), merged, and the tally of
    their local parts."""
    merged = Merged(set(), Tally(), [])
    for g in sorted(pieces):
        head, (shared_nt, article_ttl) = cache.read(pieces[g], "shared_nt", "article_ttl")
        merged.shared.update(shared_nt.splitlines(keepends=True))
        merged.article_ttl.append(article_ttl)
        merged.tally.quads += head["quads"]
        merged.tally.merge(head["local"])
    return merged


def add_graph(merged: Merged, quads: list[ox.Quad], *, base: str) -> None:
    """Merges a graph the build makes itself (vocabulary, analytics) into the shared lines. Its
    subjects must lie outside the article ranges (ValueError if not: the pieces would not
    describe the merge)."""
    lines = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES).splitlines(keepends=True) if quads else []
    if any(line.startswith(ranges(base)) for line in lines):
        raise ValueError("a graph besides the articles' describes an article or a mention")
    merged.shared.update(lines)
    merged.tally.quads += len(quads)


def triples_with(shared: Iterable[bytes], predicates: Iterable[str]) -> list[ox.Triple]:
    """The shared triples whose predicate is one of `predicates`, parsed."""
    wanted = tuple(f"<{p}> ".encode() for p in predicates)
    lines = [line for line in shared if line.partition(b" ")[2].startswith(wanted)]
    return list(ox.parse(b"".join(lines), format=ox.RdfFormat.N_TRIPLES)) if lines else []


def write_dumps_full(cache: DumpCache, pieces: dict[str, str], others: dict[str, list[ox.Quad]],
                     merged: Merged, *, base: str, ttl: Path, trig: Path) -> Tally:
    """graph.ttl and graph.trig from every piece, the quads of the `others` already in `merged`
    (`add_graph`), and the completed tally: the assembly the splice falls back to."""
    lines = sorted(merged.shared)
    tally = merged.tally
    tally.add(lines, base_prefix=f"<{base}".encode())
    order = sorted(pieces)  # graph IRIs; the mention range sorts by the same article hash
    prefixes = output_prefixes(base)
    header = prefix_header(prefixes)
    # shared lines never fall inside the two ranges (the pieces split on the same prefixes, and
    # add_graph refuses others that would), so each range is one gap in the sorted lines
    i, j = (bisect_left(lines, r) for r in ranges(base))

    def other_block(g: str) -> bytes:
        quads = sorted(others[g], key=lambda q: str(q.triple))
        return _turtle([ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(g)) for q in quads],
                       prefixes, ox.RdfFormat.TRIG)

    with atomic_file(ttl) as out_ttl, atomic_file(trig) as out_trig:
        out_ttl.write(header)
        out_ttl.write(_rendered(lines[:i], prefixes))
        out_ttl.writelines(merged.article_ttl)
        out_ttl.write(_rendered(lines[i:j], prefixes))
        out_trig.write(header)
        rest = sorted(others)
        for g in order:  # the graphs in name order: the others merged in among the articles'
            while rest and rest[0] < g:
                out_trig.write(other_block(rest.pop(0)))
            _, (mention_ttl, block) = cache.read(pieces[g], "mention_ttl", "trig")
            out_ttl.write(mention_ttl)
            out_trig.write(block)
        for g in rest:
            out_trig.write(other_block(g))
        out_ttl.write(_rendered(lines[j:], prefixes))
    return tally
