"""The SHACL shapes (``ontology/shapes.ttl``) compiled to SPARQL queries that Oxigraph runs: how
every build is validated, at any size.

pySHACL holds the data in rdflib's memory store and evaluates every constraint in Python: the
sample (12k triples) took ~4 s, one article ~0.2–0.5 s, and a 10k-article graph would take
hours (benchmarks/bench_validate.py). Here each constraint of the shapes becomes one SPARQL
SELECT whose solutions are its violations, so the work is done by Oxigraph.

A build checks in two places (see `Checks.split`):

- **per article graph**, in the extraction workers: each article's graph with the types of the
  vocabulary terms it points to (`pg:Programme`, `pg:Theme`, ...). The results are kept with the
  article's state, so a rebuild checks only the articles it extracts.
- **on the merged graph**, once per build: the constraints whose answer can change when graphs
  are merged (`sh:maxCount`, `sh:uniqueLang`, `sh:lessThan`: another article can add a second
  value), every shape whose targets the vocabulary graph describes (concepts, schemes,
  programme funders: the vocabulary and the articles describe them together), and every
  constraint on a predicate of the build's own graphs (the analytics). Subjects an article mints
  in its own IRI space (the article node, its mentions) are described by that article alone,
  so their shapes need no merged check.

The subset of SHACL Core used by our shapes is compiled (targetClass; property shapes with
predicate and alternative paths; class, datatype, nodeKind, languageIn, pattern, in, hasValue,
min/max counts, qualified min counts, uniqueLang, lessThan(OrEquals), min/max in/exclusive,
min/max length, or, node; SPARQL-based constraints); a shape using anything else is an error
when the shapes are loaded, never a constraint silently skipped. `partnergraph validate` still
runs pySHACL on the merged graph: an independent check of the same shapes, and
tests/test_validate_shapecheck.py checks that both agree on the test fixtures.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from ..errors import ValidationError
from ..namespaces import PG_IRI, PREFIXES

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_TYPE = RDF + "type"
SUBCLASS_OF = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
_TYPE_PATH = f"<{RDF_TYPE}>/<{SUBCLASS_OF}>*"
#: classes whose members `iri.Minter` mints in an article's own IRI space: one article graph
#: describes each of them completely
ARTICLE_LOCAL_CLASSES = (PG_IRI + "Article", PG_IRI + "Mention")
#: constraint parameters that another graph can turn into a violation (a second value), and
#: those that nest shapes which may hold such constraints (conservatively)
_NOT_MONOTONE = {"maxCount", "uniqueLang", "lessThan", "lessThanOrEquals", "or", "node", "qualifiedMinCount"}
#: parameters that are not constraints (or that the constraint they belong to reads)
_NOT_CONSTRAINTS = {"path", "message", "severity", "name", "description", "order", "group", "targetClass",
                    "property", "sparql", "qualifiedValueShape", "flags", "declare", "deactivated",
                    "defaultValue", "prefixes"}


@dataclass(frozen=True)
class Check:
    """One constraint as a query: solutions bind ?this (and ?value when the constraint has one)."""
    shape: str
    #: how the path is shown in a violation ("" for a node-level constraint)
    path: str
    message: str
    severity: str
    #: the pattern that finds violations of one focus node ?this (SPARQL-based constraints: the
    #: whole WHERE body), the projected variables beyond ?this
    pattern: str
    variables: tuple[str, ...]
    targets: tuple[str, ...]
    #: its answer can change when graphs are merged
    merged_only: bool
    predicates: frozenset[str]
    prologue: str = ""

    def query(self, *, per_graph: bool = False, foci: Iterable[str] = (), subclasses: bool = True) -> str:
        """Per named graph (then ?g is bound too), or on the default graph; `foci`: only these
        focus nodes; `subclasses`: whether the data has rdfs:subClassOf triples (SHACL's
        targets and sh:class follow them; the path costs a third of the time when there are
        none, which is what our graphs hold)."""
        type_path = _TYPE_PATH if subclasses else f"<{RDF_TYPE}>"
        target = " UNION ".join(f"{{ ?this {type_path} <{c}> }}" for c in self.targets)
        values = " ".join(f"<{f}>" for f in foci)
        body = (f"VALUES ?this {{ {values} }} " if values else "") + f"{target} {self.pattern}"
        if per_graph:
            body = f"GRAPH ?g {{ {body} }}"
        head = " ".join(["?g"] * per_graph + ["?this"] + [f"?{v}" for v in self.variables])
        text = f"{self.prologue}SELECT DISTINCT {head} WHERE {{ {body} }}"
        return text if subclasses else text.replace(_TYPE_PATH, type_path)


@dataclass
class Violation:
    focus: str
    path: str
    message: str
    severity: str
    value: str = ""

    def key(self) -> tuple:
        return (self.focus, self.path, self.message, self.value)

    def __str__(self) -> str:
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.severity}: {self.focus} {self.path}: {self.message}{value}"


class _Shapes:
    """The shapes graph as subject → predicate → objects, with RDF lists unrolled."""

    def __init__(self, path: Path):
        self.spo: dict = defaultdict(lambda: defaultdict(list))
        for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            self.spo[q.subject][q.predicate.value].append(q.object)

    def all(self, s, p: str) -> list:
        return self.spo[s].get(p, []) if s in self.spo else []

    def one(self, s, p: str):
        values = self.all(s, p)
        return values[0] if values else None

    def items(self, head) -> list:
        out = []
        while head is not None and not (isinstance(head, ox.NamedNode) and head.value == RDF + "nil"):
            out.append(self.one(head, RDF + "first"))
            head = self.one(head, RDF + "rest")
        return out

    def params(self, s) -> set[str]:
        return {p[len(SH):] for p in self.spo[s] if p.startswith(SH)} if s in self.spo else set()


def _term(t) -> str:
    if isinstance(t, ox.BlankNode):
        raise ValidationError(f"shapes: a blank node as a constraint value ({t}) is not supported")
    return str(t)  # N-Triples syntax, which SPARQL reads


def _string(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def _distinct(vs: list[str]) -> str:
    pairs = [f"!sameTerm({a}, {b})" for a, b in itertools.combinations(vs, 2)]
    return " && ".join(pairs) or "true"


class _Compiler:
    def __init__(self, shapes: _Shapes):
        self.g = shapes
        self.fresh = (f"?_v{i}" for i in itertools.count())

    # -- paths -----------------------------------------------------------------------------

    def path(self, p) -> tuple[str, set[str], str]:
        """(SPARQL path, predicates on it, how a violation shows it)."""
        if isinstance(p, ox.NamedNode):
            return f"<{p.value}>", {p.value}, _short(p.value)
        alternatives = self.g.one(p, SH + "alternativePath")
        if alternatives is not None:
            members = self.g.items(alternatives)
            if all(isinstance(m, ox.NamedNode) for m in members):
                return ("(" + "|".join(f"<{m.value}>" for m in members) + ")", {m.value for m in members},
                        "[ " + " | ".join(_short(m.value) for m in members) + " ]")
        raise ValidationError(f"shapes: path {p} is not supported (a predicate or an alternative of predicates)")

    # -- value constraints: a SPARQL expression, true when value node `v` violates -----------

    def value_exprs(self, s, v: str) -> list[tuple[str, str]]:
        g, out = self.g, []
        for d in g.all(s, SH + "datatype"):
            out.append(("datatype", f"!(isLiteral({v}) && datatype({v}) = <{d.value}>)"))
        for c in g.all(s, SH + "class"):
            out.append(("class", f"NOT EXISTS {{ {v} {_TYPE_PATH} <{c.value}> }}"))
        kinds = {"IRI": f"!isIRI({v})", "Literal": f"!isLiteral({v})", "BlankNode": f"!isBlank({v})",
                 "BlankNodeOrIRI": f"isLiteral({v})", "IRIOrLiteral": f"isBlank({v})",
                 "BlankNodeOrLiteral": f"isIRI({v})"}
        for k in g.all(s, SH + "nodeKind"):
            out.append(("nodeKind", kinds[k.value[len(SH):]]))
        for lst in g.all(s, SH + "languageIn"):
            tags = " || ".join(f"langMatches(lang({v}), {_string(t.value)})" for t in g.items(lst))
            out.append(("languageIn", f"!(isLiteral({v}) && ({tags or 'false'}))"))
        flags = g.one(s, SH + "flags")
        for pattern in g.all(s, SH + "pattern"):
            f = f", {_string(flags.value)}" if flags is not None else ""
            out.append(("pattern", f"(isBlank({v}) || !regex(str({v}), {_string(pattern.value)}{f}))"))
        for name, op in (("minInclusive", ">="), ("maxInclusive", "<="), ("minExclusive", ">"), ("maxExclusive", "<")):
            for bound in g.all(s, SH + name):
                out.append((name, f"COALESCE(!({v} {op} {_term(bound)}), true)"))
        for name, op in (("minLength", "<"), ("maxLength", ">")):
            for n in g.all(s, SH + name):
                out.append((name, f"(isBlank({v}) || STRLEN(STR({v})) {op} {int(n.value)})"))
        for lst in g.all(s, SH + "in"):
            members = " || ".join(f"sameTerm({v}, {_term(t)})" for t in g.items(lst))
            out.append(("in", f"!({members or 'false'})"))
        for lst in g.all(s, SH + "or"):
            conforms = " || ".join(self.conforms(m, v) for m in g.items(lst))
            out.append(("or", f"!({conforms or 'false'})"))
        for shape in g.all(s, SH + "node"):
            out.append(("node", f"!{self.conforms(shape, v)}"))
        return out

    def conforms(self, shape, v: str) -> str:
        """An expression: `v` conforms to `shape` (used by sh:or, sh:node, qualified counts)."""
        patterns = [p for p, *_ in self.violations(shape, v)]
        if not patterns:
            return "true"
        return "NOT EXISTS { " + " UNION ".join(f"{{ {p} }}" for p in patterns) + " }"

    # -- all constraints of one shape, for focus node `f` -----------------------------------

    def violations(self, s, f: str, v: str | None = None) -> list[tuple[str, str | None, str, str, set[str], object]]:
        """(pattern, value variable or None, parameter, path shown, predicates, shape that
        carries the message) per constraint of shape `s` on focus `f`; `v`: the name of the
        value variable (default: a fresh one)."""
        g, out = self.g, []
        path_node = g.one(s, SH + "path")
        known = {"datatype", "class", "nodeKind", "languageIn", "pattern", "minInclusive", "maxInclusive",
                 "minExclusive", "maxExclusive", "minLength", "maxLength", "in", "or", "node", "hasValue",
                 "minCount", "maxCount", "qualifiedMinCount", "uniqueLang", "lessThan", "lessThanOrEquals",
                 "closed", "ignoredProperties"}
        unknown = g.params(s) - known - _NOT_CONSTRAINTS
        if unknown or g.one(s, SH + "closed") is not None:
            raise ValidationError(f"shapes: {s}: sh:{', sh:'.join(sorted(unknown) or ['closed'])} is not supported")
        if path_node is None:  # node-level: the focus node is the value node
            for name, expr in self.value_exprs(s, f):
                out.append((f"FILTER ({expr})", f, name, "", set(), s))
            for value in g.all(s, SH + "hasValue"):
                out.append((f"FILTER (!sameTerm({f}, {_term(value)}))", f, "hasValue", "", set(), s))
            for p in g.all(s, SH + "property"):
                out.extend(self.violations(p, f, v))
            return out
        path, predicates, shown = self.path(path_node)
        v = v or next(self.fresh)
        for name, expr in self.value_exprs(s, v):
            out.append((f"{f} {path} {v} . FILTER ({expr})", v, name, shown, predicates, s))
        for value in g.all(s, SH + "hasValue"):
            out.append((f"FILTER NOT EXISTS {{ {f} {path} {_term(value)} }}", None, "hasValue", shown, predicates, s))
        for n in g.all(s, SH + "minCount"):
            xs = [next(self.fresh) for _ in range(int(n.value))]
            if xs:
                out.append((f"FILTER NOT EXISTS {{ {f} {path} {', '.join(xs)} . FILTER ({_distinct(xs)}) }}",
                            None, "minCount", shown, predicates, s))
        for n in g.all(s, SH + "maxCount"):
            xs = [next(self.fresh) for _ in range(int(n.value) + 1)]
            out.append((f"{f} {path} {', '.join(xs)} . FILTER ({_distinct(xs)})", None, "maxCount", shown, predicates, s))
        for n in g.all(s, SH + "qualifiedMinCount"):
            shape = g.one(s, SH + "qualifiedValueShape")
            xs = [next(self.fresh) for _ in range(int(n.value))]
            if xs and shape is not None:
                ok = " && ".join([_distinct(xs)] + [self.conforms(shape, x) for x in xs])
                out.append((f"FILTER NOT EXISTS {{ {f} {path} {', '.join(xs)} . FILTER ({ok}) }}",
                            None, "qualifiedMinCount", shown, predicates, s))
        for flag in g.all(s, SH + "uniqueLang"):
            if flag.value == "true":
                a, b = next(self.fresh), next(self.fresh)
                out.append((f"{f} {path} {a}, {b} . FILTER (!sameTerm({a}, {b}) && lang({a}) != \"\" && "
                            f"lang({a}) = lang({b}))", None, "uniqueLang", shown, predicates, s))
        for name, op in (("lessThan", "<"), ("lessThanOrEquals", "<=")):
            for other in g.all(s, SH + name):
                o = next(self.fresh)
                out.append((f"{f} {path} {v} . {f} <{other.value}> {o} . FILTER (COALESCE(!({v} {op} {o}), true))",
                            v, name, shown, predicates | {other.value}, s))
        return out


@lru_cache(maxsize=4)
def load_checks(path: str | None = None) -> Checks:
    from ..resources import ontology_dir

    return Checks.compile(Path(path) if path else ontology_dir() / "shapes.ttl")


@dataclass
class Checks:
    checks: list[Check] = field(default_factory=list)

    @classmethod
    def compile(cls, path: Path) -> Checks:
        g = _Shapes(path)
        compiler = _Compiler(g)
        out = []
        for s in sorted(g.spo, key=str):
            if not any(t.value == SH + "NodeShape" for t in g.all(s, RDF_TYPE)):
                continue
            targets = tuple(sorted(t.value for t in g.all(s, SH + "targetClass")))
            if not targets:
                continue  # reached only through sh:node
            severity = (g.one(s, SH + "severity") or ox.NamedNode(SH + "Violation")).value[len(SH):]
            for pattern, value, param, shown, predicates, carrier in compiler.violations(s, "?this", "?value"):
                message = (g.one(carrier, SH + "message") or g.one(s, SH + "message") or ox.Literal(param)).value
                variables: tuple[str, ...] = ()
                if value == "?this":  # a node-level constraint: the focus node is the value
                    pattern, variables = pattern + " BIND (?this AS ?value)", ("value",)
                elif value is not None:
                    variables = ("value",)
                out.append(Check(str(s), shown, message, severity, pattern, variables, targets,
                                 param in _NOT_MONOTONE, frozenset(predicates)))
            for c in g.all(s, SH + "sparql"):
                out.append(_sparql_check(g, s, c, targets, severity))
        return cls(out)

    def split(self, shared_classes: Iterable[str], own_predicates: Iterable[str]) -> tuple[list[int], list[int]]:
        """(checks run per article graph, checks run on the merged graph), as indices; see the
        module's docstring. `shared_classes`: classes with members in the vocabulary graph;
        `own_predicates`: the predicates of the graphs the build makes itself."""
        shared, own = set(shared_classes), set(own_predicates)
        per_graph, merged = [], []
        for i, c in enumerate(self.checks):
            if set(c.targets) & shared or c.predicates & own:
                merged.append(i)
            elif c.merged_only and not set(c.targets) <= set(ARTICLE_LOCAL_CLASSES):
                merged.append(i)
                per_graph.append(i)
            else:
                per_graph.append(i)
        return per_graph, merged

    def candidates(self, store: ox.Store, indices: Iterable[int]) -> dict[str, list[list]]:
        """Per named graph of `store`: [check index, focus IRI] of each violation found in that
        graph alone. A candidate is confirmed (or not) on the merged graph by `confirm`: there
        another graph may add what this one lacks (a type, the inverse of a link)."""
        out: dict[str, set[tuple[int, str]]] = defaultdict(set)
        subclasses = _has_subclasses(store)
        for i in indices:
            for sol in _solutions(store, self.checks[i], self.checks[i].query(per_graph=True, subclasses=subclasses)):
                out[sol["g"].value].add((i, sol["this"].value if not isinstance(sol["this"], ox.Literal) else str(sol["this"])))
        return {g: [list(x) for x in sorted(found)] for g, found in out.items()}

    def confirm(self, store, candidates: Iterable[Iterable], chunk: int = 500) -> list[Violation]:
        """The violations on the merged (default) graph of `store` among `candidates`."""
        by_check: dict[int, set[str]] = defaultdict(set)
        for i, focus in candidates:
            by_check[int(i)].add(focus)
        out: dict[tuple, Violation] = {}
        subclasses = _has_subclasses(store)
        for i, foci in sorted(by_check.items()):
            if i >= len(self.checks):
                continue
            foci = sorted(foci)
            for at in range(0, len(foci), chunk):
                query = self.checks[i].query(foci=foci[at:at + chunk], subclasses=subclasses)
                self._collect(store, self.checks[i], query, out)
        return _sorted(out)

    def merged_pairs(self, store, indices: Iterable[int], foci: Iterable[str] | None = None,
                     chunk: int = 500) -> list[list]:
        """[check index, focus] of the violations of the checks `indices` on the merged graph,
        of every focus node, or only of `foci` (what a rebuild may have changed)."""
        subclasses = _has_subclasses(store)
        found: set[tuple[int, str]] = set()
        groups = [()] if foci is None else [tuple(sorted(foci))[at:at + chunk] for at in range(0, len(set(foci)), chunk)]
        for i in indices:
            for group in groups:
                for sol in _solutions(store, self.checks[i], self.checks[i].query(foci=group, subclasses=subclasses)):
                    found.add((i, sol["this"].value if not isinstance(sol["this"], ox.Literal) else str(sol["this"])))
        return [list(x) for x in sorted(found)]

    def check_merged(self, store, indices: Iterable[int]) -> list[Violation]:
        """The violations of the checks `indices` on the merged (default) graph of `store`."""
        out: dict[tuple, Violation] = {}
        subclasses = _has_subclasses(store)
        for i in indices:
            self._collect(store, self.checks[i], self.checks[i].query(subclasses=subclasses), out)
        return _sorted(out)

    @staticmethod
    def _collect(store, check: Check, query: str, out: dict) -> None:
        for sol in _solutions(store, check, query):
            value = sol["value"] if "value" in check.variables else None
            v = Violation(focus=_shown(sol["this"]), path=check.path, message=_message(check, sol),
                          severity=check.severity, value=value.value if value is not None else "")
            out.setdefault(v.key(), v)


def _has_subclasses(store) -> bool:
    return bool(store.query(f"ASK {{ GRAPH ?g {{ ?a <{SUBCLASS_OF}> ?b }} }}")) or \
        bool(store.query(f"ASK {{ ?a <{SUBCLASS_OF}> ?b }}"))


class ArticleChecks:
    """The checks an extraction worker runs on the article graphs it makes: each graph with
    the rdf:type triples of the vocabulary terms it points to, in a store of their own."""

    def __init__(self, vocabulary: Iterable[ox.Quad], own_predicates: Iterable[str]):
        self.types: dict[ox.NamedNode, list[ox.NamedNode]] = defaultdict(list)
        for q in vocabulary:
            if q.predicate.value == RDF_TYPE:
                self.types[q.subject].append(q.object)
        self.checks = load_checks()
        own = set(own_predicates)
        self.per_graph, self.merged = self.checks.split({t.value for ts in self.types.values() for t in ts}, own)
        #: the merged checks on the predicates of the build's own graphs (the analytics, which
        #: can change for every node at once): always run in full
        self.own = [i for i in self.merged if self.checks.checks[i].predicates & own]

    def candidates(self, graphs: dict[str, list[ox.Quad]]) -> dict[str, list[list]]:
        store = ox.Store()
        rdf_type = ox.NamedNode(RDF_TYPE)
        for g, quads in graphs.items():
            name = ox.NamedNode(g)
            store.extend(quads)
            pointed = {q.object for q in quads if isinstance(q.object, ox.NamedNode) and q.object in self.types}
            store.extend(ox.Quad(o, rdf_type, t, name) for o in pointed for t in self.types[o])
        return self.checks.candidates(store, self.per_graph)


def _solutions(store, check: Check, query: str):
    try:
        return list(store.query(query))
    except (SyntaxError, ValueError, OSError) as exc:
        raise ValidationError(f"shapes: {check.shape} {check.path}: the compiled query failed: {exc}") from None


def _sorted(found: dict[tuple, Violation]) -> list[Violation]:
    return [found[k] for k in sorted(found)]


def _sparql_check(g: _Shapes, s, c, targets: tuple[str, ...], severity: str) -> Check:
    select = g.one(c, SH + "select")
    if select is None:
        raise ValidationError(f"shapes: {s}: a SPARQL constraint without sh:select")
    prologue = ""
    for source in g.all(c, SH + "prefixes"):
        for d in g.all(source, SH + "declare"):
            prologue += f"PREFIX {g.one(d, SH + 'prefix').value}: <{g.one(d, SH + 'namespace').value}>\n"
    text = select.value.replace("$this", "?this")
    m = re.match(r"\s*SELECT\s+(.*?)\s+WHERE\s*\{(.*)\}\s*$", text, re.S | re.I)
    if m is None:
        raise ValidationError(f"shapes: {s}: the SPARQL constraint is not of the form SELECT … WHERE {{ … }}")
    variables = tuple(v[1:] for v in m.group(1).split() if v.startswith("?") and v != "?this")
    message = (g.one(c, SH + "message") or g.one(s, SH + "message") or ox.Literal("SPARQL constraint")).value
    # a SPARQL constraint reads what its query reads: checked per article and on the merged graph
    return Check(str(s), "", message, severity, m.group(2), variables, targets,
                 "NOT EXISTS" in m.group(2).upper(), frozenset(), prologue)


def _short(iri: str) -> str:
    for p, ns in PREFIXES.items():
        if iri.startswith(ns) and re.fullmatch(r"[A-Za-z_][\w-]*", iri[len(ns):]):
            return f"{p}:{iri[len(ns):]}"
    return f"<{iri}>"


def _shown(term) -> str:
    return _short(term.value) if isinstance(term, ox.NamedNode) else str(term)


def _message(check: Check, solution) -> str:
    """The message, with SPARQL constraints' {?var} and {$var} filled in."""
    text = check.message
    if "{" in text:
        for v in ("this",) + check.variables:
            term = solution[v]
            if term is not None:
                text = text.replace(f"{{?{v}}}", term.value).replace(f"{{${v}}}", term.value)
    return text
