"""SHACL validation of the built graph against ``ontology/shapes.ttl``.

`validate_build` is what every build runs: the shapes compiled to SPARQL (shapecheck.py), per
article graph in the extraction workers and on the merged graph here, at any size.
`validate_store` (``partnergraph validate``) runs pySHACL over the merged graph: an independent
implementation of the same shapes, bounded in size because it holds the graph in rdflib."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Namespace
from rdflib.namespace import RDF

from ..resources import ontology_dir
from .shapecheck import Violation
from ..store.embedded import GraphStore
from ..vocab import parse_turtle

LOGGER = logging.getLogger(__name__)
SH = Namespace("http://www.w3.org/ns/shacl#")
#: pySHACL holds the data graph in rdflib's memory store: the sample corpus (12k triples)
#: validates in ~4 s here, and the time grows at least linearly, so 400k quads is already
#: minutes. Above this size `build` records the validation as skipped and `partnergraph
#: validate --max-triples N` is the way to run it.
MAX_TRIPLES = 400_000


@dataclass
class ValidationResult:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0
    skipped: str = ""
    #: what was checked, in words (the build report shows it)
    checked: str = ""

    @property
    def violation_count(self) -> int:
        return len(self.violations)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["violation_count"] = self.violation_count
        d["violations"] = d["violations"][:200]  # the report stays readable; the CLI shows all
        return d


def load_shapes(path: Path | None = None) -> Graph:
    return parse_turtle(path or ontology_dir() / "shapes.ttl")


def _short(node, g: Graph) -> str:
    try:
        return g.namespace_manager.normalizeUri(node)
    except Exception:
        return str(node)


def validate_graph(data: Graph, shapes: Graph | None = None) -> ValidationResult:
    from pyshacl import validate

    shapes = shapes if shapes is not None else load_shapes()
    conforms, results, _text = validate(data, shacl_graph=shapes, inference="none",
                                        abort_on_first=False, allow_warnings=True, advanced=True)
    violations = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        def one(p):
            return results.value(r, p)
        violations.append(Violation(
            focus=_short(one(SH.focusNode), data), path=_short(one(SH.resultPath), data) if one(SH.resultPath) else "",
            message=str(one(SH.resultMessage) or ""), severity=str(one(SH.resultSeverity) or "").rsplit("#", 1)[-1],
            value=str(one(SH.value) or "")))
    violations.sort(key=lambda v: (v.focus, v.path, v.message))
    return ValidationResult(conforms=bool(conforms), violations=violations, triples=len(data))


def store_as_rdflib(store: GraphStore) -> Graph:
    """The union of all named graphs as an rdflib graph. From the embedded store, its merged
    default graph term by term, each distinct term converted once (1.7× faster than through
    rdflib's N-Triples reader on the sample, and without the N-Triples text in memory); from
    a remote store, via N-Triples."""
    from ..namespaces import PREFIXES

    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    raw = getattr(store, "raw", None)
    if raw is not None:
        memo: dict = {}
        merged = next(iter(raw.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None
        # a store written around the merge (store.raw) has only named graphs: their union then
        quads = raw.quads_for_pattern(None, None, None, ox.DefaultGraph() if merged else None)
        g.addN((_rdflib_term(q.subject, memo), _rdflib_term(q.predicate, memo), _rdflib_term(q.object, memo), g)
               for q in quads)
        return g
    from ..publish.export import sorted_triples

    nt = ox.serialize(sorted_triples(store.quads()), format=ox.RdfFormat.N_TRIPLES)
    g.parse(data=nt.decode("utf-8"), format="nt")
    return g


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _rdflib_term(t, memo: dict):
    from rdflib import BNode, Literal, URIRef

    out = memo.get(t)
    if out is None:
        if isinstance(t, ox.NamedNode):
            out = URIRef(t.value)
        elif isinstance(t, ox.BlankNode):
            out = BNode(t.value)
        elif t.language:
            out = Literal(t.value, lang=t.language)
        elif t.datatype.value == _XSD_STRING:
            out = Literal(t.value)
        else:
            out = Literal(t.value, datatype=URIRef(t.datatype.value))
        memo[t] = out
    return out


def validate_store(store: GraphStore, *, base: str, max_triples: int = MAX_TRIPLES,
                   quads: int | None = None) -> ValidationResult:
    """`quads`: the store's size when the caller knows it (counting takes 1.5 s at 3.7 M)."""
    n = quads if quads is not None else len(store)
    if n > max_triples:
        return ValidationResult(conforms=True, triples=n,
                                skipped=f"{n} quads exceed the in-process limit of {max_triples}; "
                                        f"run 'partnergraph validate --max-triples {n}'")
    g = store_as_rdflib(store)
    g.bind("pgid", base)
    return validate_graph(g)


# MERGED_FINDINGS_FILE: the merged graph's findings ([check, focus] pairs) of the last build,
# beside its report: a rebuild reruns the merged checks only on what its changed articles touch
# and keeps the rest


def validate_build(store: GraphStore, minter, *, candidates: list, articles: int, checked: int,
                   quads: int = 0, touched: set[str] | None = None,
                   previous: list | None = None, analytics_kept: bool = False) -> tuple[ValidationResult, list]:
    """The build's validation: the `candidates` ([check, focus]) that article graphs failed
    alone, confirmed on the merged graph, and the checks only the merged graph can answer: on
    every focus node, or (a rebuild that knows the `previous` build's findings) only on the
    resources its changed article graphs `touched`, keeping the previous findings elsewhere.
    The checks on the analytics graph's metrics run on every node, since a changed network can
    change every node's metrics; with `analytics_kept` (the analytics graph is the one the
    previous findings were made on) they too run only on the touched resources (at 30,000
    articles they were the part of a rebuild's validation that grew with the graph, issue 16).
    Returns the result and the merged findings, for the next build."""
    from ..graph.triples import vocabulary_quads
    from ..namespaces import ANALYTICS_PREDICATES
    from .shapecheck import ArticleChecks
    from ..vocab import load_vocabulary

    article_checks = ArticleChecks(vocabulary_quads(load_vocabulary(), minter), ANALYTICS_PREDICATES)
    checks = article_checks.checks
    incremental = touched is not None and previous is not None
    if incremental:
        # a node's metrics are the analytics graph's alone: kept, they fail where they failed
        local = [i for i in article_checks.merged if analytics_kept or i not in article_checks.own]
        pairs = checks.merged_pairs(store, local, foci=touched) if touched else []
        pairs += [p for p in previous if p[0] in local and p[1] not in touched]
        if not analytics_kept:
            pairs += checks.merged_pairs(store, article_checks.own)
    else:
        pairs = checks.merged_pairs(store, article_checks.merged)
    violations = checks.confirm(store, [*candidates, *pairs])
    on_analytics = ("the analytics unchanged, so are those on them" if analytics_kept
                    else f"the {len(article_checks.own)} on the analytics on every node")
    scope = (f"on the {len(touched)} resources the changed article graphs touch (the previous findings kept "
             f"elsewhere; {on_analytics})" if incremental else "on every focus node")
    described = (f"{len(checks.checks)} constraints of ontology/shapes.ttl, compiled to SPARQL: "
                 f"{len(article_checks.per_graph)} on each of the {articles} article graphs (in this build "
                 f"{checked}, the others with their earlier result), {len(article_checks.merged)} on the merged "
                 f"graph {scope}; {len(candidates)} findings of single article graphs rechecked on the merged graph")
    result = ValidationResult(conforms=not any(v.severity == "Violation" for v in violations),
                              violations=violations, triples=quads, checked=described)
    return result, sorted(pairs)
