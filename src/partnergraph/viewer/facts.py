"""What the viewer reads from each article graph, kept between builds, so that a rebuild after
one changed article does not ask the store for the whole network again.

Asking the store (`load.load`) cost 57 % of a one-article rebuild at 30,000 articles (issue 16):
most of it is turning hundreds of thousands of result rows into Python strings. So the worker
that extracts an article also takes out the triples the viewer reads (`article_facts`: the
viewer's predicates, the evidence of partnerships already joined within the article's graph)
and a build keeps them, one JSON line per article graph, in ``DIR/viewer-facts.jsonl``. The
next build copies the lines of unchanged articles as they are, takes those of the extracted
articles from the workers, asks the store only for graphs it has no line for (an article
extracted before this file existed), and reads the network from the lines (`load.load_facts`).

Why the lines describe the store: the default graph the viewer's queries read is the merge of
the named graphs, and every answer is collected into sets or dictionaries, so reading each
graph's triples, repetitions and all, gives the same data as reading the merge; the vocabulary
and analytics graphs, which the build writes itself, are read from the store (a few thousand
triples). The build writes this file only when the store holds nothing else; otherwise graph.html
comes from the store. Evidence is joined per graph because a mention is described by its
article's graph alone (its IRI lies in the article's IRI space; publish/dumps.py relies on the
same).
"""

from __future__ import annotations

import json
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from ..namespaces import ANALYTICS_GRAPH, VOCABULARY_GRAPH
from ..store.embedded import GraphStore
from .load import _LABEL_PROPS, _PG, _TYPES, MENTION_PROPS, PREDICATES, RDF_TYPE, load_facts
from .records import RawData

LOGGER = logging.getLogger(__name__)

#: the file in the graph directory (committed with the rest of a build)
FACTS_FILE = "viewer-facts.jsonl"
#: layout of the lines: a change makes the file unreadable, hence rebuilt from the store
VERSION = 1

_PREDICATE_TERMS = frozenset(f"<{p}>".encode() for p in PREDICATES)
_KEEP_TYPES = frozenset(_PG + c for c in _TYPES)
_KIND, _IN_ARTICLE, _START, _QUOTE = MENTION_PROPS
_EVIDENCE = _PG + "evidence"
_PARTNERSHIP = ox.Literal("partnership")
#: the graph and the piece at the start of a line, read without parsing the facts after them
_LINE_HEAD = re.compile(rb'^\[("(?:[^"\\]|\\.)*"),("(?:[^"\\]|\\.)*"),')


def facts_of(triples: Iterable[ox.Triple]) -> dict:
    """The viewer's facts among the triples of one graph, as plain JSON values:

    - ``t``: [resource, class IRI] for the classes the viewer reads;
    - ``l``: label property → [resource, text, language, datatype];
    - ``p``: every other property of `load.PREDICATES` → [subject, object value];
    - ``e``: [partnership, article, start, quote] per pg:evidence link to a partnership mention
      (the mention's own triples are not kept)."""
    types, labels, pairs = [], defaultdict(list), defaultdict(list)
    mention: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    kinds, links = set(), []
    for t in triples:
        p, s, o = t.predicate.value, t.subject.value, t.object
        if p == RDF_TYPE:
            if o.value in _KEEP_TYPES:
                types.append([s, o.value])
        elif p in _LABEL_PROPS:
            labels[p].append([s, o.value, getattr(o, "language", None) or "",
                              getattr(getattr(o, "datatype", None), "value", "")])
        elif p == _KIND:
            if o == _PARTNERSHIP:
                kinds.add(s)
        elif p in MENTION_PROPS:
            mention[s][p].append(o.value)
        elif p == _EVIDENCE:
            links.append((s, o.value))
        elif p in PREDICATES:
            pairs[p].append([s, o.value])
    evidence = [[p, a, start, quote] for p, m in links if m in kinds
                for a in mention[m][_IN_ARTICLE] for start in mention[m][_START] for quote in mention[m][_QUOTE]]
    return {"t": types, "l": dict(labels), "p": dict(pairs), "e": evidence}


def article_facts(nquads: bytes) -> dict:
    """`facts_of` an article's graph from its canonical N-Quads (in the extraction worker): only
    the lines with one of the viewer's predicates are parsed."""
    kept = [line for line in nquads.splitlines(keepends=True) if line.split(b" ", 2)[1] in _PREDICATE_TERMS]
    return facts_of(q.triple for q in ox.parse(b"".join(kept), format=ox.RdfFormat.N_QUADS)) if kept else facts_of(())


def fact_line(graph: str, piece: str, facts: dict) -> bytes:
    """One line of the file: the graph, the dump piece its facts were taken from, the facts."""
    return json.dumps([graph, piece, facts], ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def _graph_triples(store: GraphStore, graph: str) -> Iterator[ox.Triple]:
    for s, p, o in store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"):
        yield ox.Triple(s, p, o)


def _graph_facts(store: GraphStore, graph: str) -> dict:
    """`facts_of` a graph read from the store, through its canonical N-Quads as in the worker,
    so that the line is the one the worker writes (rows in the same order)."""
    from ..publish.dumps import canonical_nquads

    name = ox.NamedNode(graph)
    return article_facts(canonical_nquads([ox.Quad(t.subject, t.predicate, t.object, name)
                                           for t in _graph_triples(store, graph)]))


class FactCache:
    """``DIR/viewer-facts.jsonl``: a header line (version, base), then one `fact_line` per
    article graph, sorted by graph. A build adds the lines of the articles it extracted
    (`add`), then `assemble` writes the next file into the staging area and returns every
    graph's facts."""

    def __init__(self, out_dir: Path, base: str):
        self.path = Path(out_dir) / FACTS_FILE
        self.base = base
        self.new: dict[str, tuple[str, bytes]] = {}  # graph → (piece, line)

    def add(self, graph: str, piece: str, line: bytes) -> None:
        self.new[graph] = (piece, line)

    def _previous(self) -> dict[str, tuple[str, bytes]]:
        """The last build's lines by graph; none when the file is missing, of another layout or
        base, or damaged (the store has it all)."""
        try:
            with self.path.open("rb") as fh:
                head = json.loads(fh.readline())
                if head != {"v": VERSION, "base": self.base}:
                    return {}
                out = {}
                for line in fh:
                    m = _LINE_HEAD.match(line)
                    if m is None or not line.endswith(b"\n"):
                        raise ValueError(f"line {len(out) + 2} is not a graph's facts")
                    out[json.loads(m.group(1))] = (json.loads(m.group(2)), line)
                return out
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            LOGGER.warning("%s: %s; reading the network from the store", self.path, exc)
            return {}

    def assemble(self, store: GraphStore, pieces: dict[str, str | None], target: Path) -> list[dict] | None:
        """Every article graph's facts, and the file with them written to `target` (the staging
        area); graphs without a line are read from the store. None when the store holds graphs
        that are neither `pieces` nor the build's own (the viewer then reads the store)."""
        if not store.graph_names() <= set(pieces) | {VOCABULARY_GRAPH, ANALYTICS_GRAPH}:
            return None
        previous = self._previous()
        while True:
            lines = []
            for graph in sorted(pieces):
                piece = pieces[graph] or ""
                for known in (self.new, previous):
                    if graph in known and known[graph][0] == piece and piece:
                        lines.append(known[graph][1])
                        break
                else:  # extracted before the file existed, or before pieces did
                    lines.append(fact_line(graph, piece, _graph_facts(store, graph)))
            body = b"".join(lines)
            try:
                facts = _parsed(body)
                break
            except ValueError as exc:
                if not previous:
                    raise
                # a line of the last file is damaged: the store has it all
                LOGGER.warning("%s: %s; reading its graphs from the store", self.path, exc)
                previous = {}
        header = json.dumps({"v": VERSION, "base": self.base}).encode() + b"\n"
        from ..publish.export import write_atomic

        write_atomic(Path(target) / FACTS_FILE, header + body)
        return facts


    def load(self, store: GraphStore, pieces: dict[str, str | None], target: Path, *, articles: bool = False) -> RawData | None:
        """The network as `load.load` reads it from `store`, from the facts (`assemble`), or
        None when the store holds graphs the facts do not describe."""
        facts = self.assemble(store, pieces, target)
        if facts is None:
            return None
        vocabulary, analytics = own_graph_facts(store)
        facts.append(vocabulary)
        return load_facts(facts, analytics, articles=articles)


def _parsed(body: bytes) -> list[dict]:
    """The facts of `fact_line`s; ValueError if one is not a graph's facts."""
    entries = json.loads(b"[" + body.replace(b"\n", b",").rstrip(b",") + b"]")
    if not all(isinstance(e, list) and len(e) == 3 and isinstance(e[2], dict) and e[2].keys() == _FACT_KEYS
               for e in entries):
        raise ValueError("a line is not a graph's facts")
    return [e[2] for e in entries]


_FACT_KEYS = {"t", "l", "p", "e"}


def own_graph_facts(store: GraphStore) -> tuple[dict, list[tuple[str, str, str]]]:
    """The facts of the vocabulary graph, and the analytics graph as (node, metric, value)."""
    vocabulary = _graph_facts(store, VOCABULARY_GRAPH)
    analytics = [(s.value, p.value.rsplit("#", 1)[-1], o.value)
                 for s, p, o in store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{ANALYTICS_GRAPH}> {{ ?s ?p ?o }} }}")]
    return vocabulary, analytics
