"""Publishing the graph: the VoID/DCAT description of the dataset, and the description of one
resource for the linked-data pages (its facts, what links to it, and the sentences that
evidence each fact).

Pure functions over a `GraphStore`; `server.py` renders what they return and `build.py` writes
``DIR/void.ttl`` with `write_void`. Every node is an IRI (no blank nodes), and triples are sorted
before they are written, so the same graph gives the same bytes.

IRIs of the description: the dataset is ``{site}.well-known/void#dataset``, where ``{site}`` is
the resource base without its trailing ``id/`` (``https://w3id.org/partnergraph/``): the server
lays out its paths the same way (``/id/…`` are the resources, ``/sparql`` the endpoint), so one
site root gives the endpoint and the dumps. A running server describes itself with its own root
for the endpoint and dump URLs, while the dataset keeps its IRI.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from .dumps import EXAMPLE_CLASSES
from .export import sorted_triples, write_atomic
from ..errors import StoreError
from ..graphdir import VOID_FILE
from ..namespaces import PG_IRI, sparql_prologue
from ..resources import ontology_dir
from ..store.embedded import GraphStore

LOGGER = logging.getLogger(__name__)

WELL_KNOWN_VOID = ".well-known/void"
DUMPS = {"dump.ttl.gz": "text/turtle", "dump.nq.gz": "application/n-quads"}
SPARQL_PATH = "sparql"
RESOURCE_PATH = "id/"

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCTERMS = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
IANA = "http://www.iana.org/assignments/media-types/"
ONTOLOGY_IRI = PG_IRI.rstrip("#")

#: at most this many evidence sentences are shown for one fact: the partnership facts of the
#: sample corpus have 1–3 each, and a page listing more repeats the same sentences
MAX_EVIDENCE = 3
#: at most this many incoming links are described: country/de, the most linked node of the
#: sample graph, has ~700; a page or a Turtle response beyond this is no longer readable, and
#: SPARQL gives the rest
MAX_INCOMING = 1000

_TITLE = {"en": "partnergraph: international municipal partnerships",
          "de": "partnergraph: internationale kommunale Partnerschaften"}
_DESCRIPTION = {
    "en": "A knowledge graph of international partnerships between municipalities, extracted "
          "from German-language news articles. Every fact links to the article and the "
          "sentence it was taken from.",
    "de": "Ein Wissensgraph internationaler Partnerschaften zwischen Kommunen, gewonnen aus "
          "deutschsprachigen Nachrichtenartikeln. Jede Aussage verweist auf den Artikel und den "
          "Satz, aus dem sie stammt.",
}
_VOCABULARIES = (PG_IRI, SCHEMA, SKOS, "http://www.w3.org/ns/prov#", "http://www.opengis.net/ont/geosparql#")


def N(iri: str) -> ox.NamedNode:  # noqa: N802 - reads like a constructor
    return ox.NamedNode(iri)


def site_of(base: str) -> str:
    """The site root of a resource base: ``https://w3id.org/partnergraph/id/`` → ``…/partnergraph/``."""
    return base[: -len(RESOURCE_PATH)] if base.endswith("/" + RESOURCE_PATH) else base


def void_document(base: str) -> str:
    return site_of(base) + WELL_KNOWN_VOID


def dataset_iri(base: str) -> str:
    return void_document(base) + "#dataset"


# -- the dataset's numbers ---------------------------------------------------------------------

@dataclass
class DatasetStats:
    """What the VoID description says about the content; all read from the store."""

    triples: int
    entities: int
    properties: int
    classes: int
    class_entities: dict[str, int]  # pg class local name → distinct members
    examples: list[str]
    modified: str | None  # xsd:date of the newest article
    license: str | None


def _count(store: GraphStore, query: str) -> int:
    for sol in store.query(query):
        return int(sol[0].value)
    return 0


_QUERY = object()


def dataset_stats(store: GraphStore, *, base: str, report=None, license: str | None = None,
                  modified=_QUERY) -> DatasetStats:
    """The numbers of the VoID description. `report` (a `build.BuildReport`) saves recounting
    the triples and the members of each class; `modified` (the newest xsd:date of an article's
    schema:datePublished, or None: none has one) the query over every article."""
    p = sparql_prologue(base)
    triples = report.triples if report is not None and report.triples else _count(
        store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
    if report is not None and report.classes:
        class_entities = dict(report.classes)
    else:
        class_entities = {sol["c"].value[len(PG_IRI):]: int(sol["n"].value) for sol in store.query(
            f'SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a ?c . FILTER(STRSTARTS(STR(?c), "{PG_IRI}")) }} GROUP BY ?c')}
    counted = report is not None and getattr(report, "entities", 0)
    entities = report.entities if counted else _count(
        store, f'SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?o . FILTER(STRSTARTS(STR(?s), "{base}")) }}')
    properties = report.properties if counted else _count(store, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }")
    classes = report.distinct_classes if counted else _count(store, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s a ?c }")
    examples = list(getattr(report, "examples", None) or [])
    for cls in EXAMPLE_CLASSES if not examples else ():
        q = p + f"""SELECT ?x (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?x a pg:{cls} . OPTIONAL {{ ?a pg:mentions ?x }} }}
                    GROUP BY ?x ORDER BY DESC(?n) STR(?x) LIMIT 1"""
        examples += [sol["x"].value for sol in store.query(q)]
    if modified is _QUERY:
        modified = None
        for sol in store.query(p + "SELECT (MAX(?d) AS ?m) WHERE { ?a a pg:Article ; schema:datePublished ?d . "
                                 "FILTER(DATATYPE(?d) = xsd:date) }"):
            modified = sol["m"].value if sol["m"] is not None else None
    return DatasetStats(triples=triples, entities=entities, properties=properties, classes=classes,
                        class_entities=dict(sorted(class_entities.items())), examples=sorted(examples),
                        modified=modified, license=license if license is not None else ontology_license())


@lru_cache(maxsize=1)
def ontology_license() -> str | None:
    """The licence the project declares in its ontology header (``dcterms:license``), used for the
    dataset too unless the publisher names another one."""
    path = ontology_dir() / "partnergraph.ttl"
    try:
        triples = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
        for t in triples:
            if t.subject == N(ONTOLOGY_IRI) and t.predicate == N(DCTERMS + "license"):
                return t.object.value
    except (OSError, SyntaxError) as exc:
        LOGGER.warning("%s: cannot read the licence: %s", path, exc)
    return None


# -- VoID and DCAT -----------------------------------------------------------------------------

def void_triples(stats: DatasetStats, *, base: str, root: str | None = None) -> list[ox.Triple]:
    """The VoID + DCAT description. `root` is where the SPARQL endpoint and the dumps are served
    (default: the site of `base`)."""
    root = root or site_of(base)
    doc = void_document(base)
    ds = N(dataset_iri(base))
    t: list[ox.Triple] = []

    def add(s, p: str, o) -> None:
        t.append(ox.Triple(s if isinstance(s, ox.NamedNode) else N(s), N(p), o))

    def lit(value: str, lang: str | None = None, datatype: str | None = None) -> ox.Literal:
        if lang:
            return ox.Literal(value, language=lang)
        return ox.Literal(value, datatype=N(XSD + datatype)) if datatype else ox.Literal(value)

    def integer(n: int) -> ox.Literal:
        return lit(str(n), datatype="integer")

    add(doc, RDF + "type", N(VOID + "DatasetDescription"))
    add(doc, FOAF + "primaryTopic", ds)
    for cls in (VOID + "Dataset", DCAT + "Dataset"):
        add(ds, RDF + "type", N(cls))
    for lang in ("de", "en"):
        add(ds, DCTERMS + "title", lit(_TITLE[lang], lang))
        add(ds, DCTERMS + "description", lit(_DESCRIPTION[lang], lang))
    add(ds, DCTERMS + "language", N("http://id.loc.gov/vocabulary/iso639-1/de"))
    if stats.license:
        add(ds, DCTERMS + "license", N(stats.license))
    if stats.modified:
        add(ds, DCTERMS + "modified", lit(stats.modified, datatype="date"))
    add(ds, VOID + "uriSpace", lit(base))
    add(ds, VOID + "triples", integer(stats.triples))
    add(ds, VOID + "entities", integer(stats.entities))
    add(ds, VOID + "properties", integer(stats.properties))
    add(ds, VOID + "classes", integer(stats.classes))
    for vocab in _VOCABULARIES:
        add(ds, VOID + "vocabulary", N(vocab))
    for example in stats.examples:
        add(ds, VOID + "exampleResource", N(example))
    for name, count in stats.class_entities.items():
        part = N(f"{doc}#class-{name}")
        add(ds, VOID + "classPartition", part)
        add(part, VOID + "class", N(PG_IRI + name))
        add(part, VOID + "entities", integer(count))
    endpoint = root + SPARQL_PATH
    add(ds, VOID + "sparqlEndpoint", N(endpoint))
    service = N(doc + "#sparql")
    add(ds, DCAT + "accessService", service)
    add(service, RDF + "type", N(DCAT + "DataService"))
    add(service, DCAT + "endpointURL", N(endpoint))
    add(service, DCAT + "servesDataset", ds)
    add(service, DCTERMS + "conformsTo", N("https://www.w3.org/TR/sparql11-protocol/"))
    for name, media in DUMPS.items():
        url = root + name
        dist = N(f"{doc}#{name.replace('.', '-')}")
        add(ds, VOID + "dataDump", N(url))
        add(ds, DCAT + "distribution", dist)
        add(dist, RDF + "type", N(DCAT + "Distribution"))
        add(dist, DCAT + "downloadURL", N(url))
        add(dist, DCAT + "mediaType", N(IANA + media))
        add(dist, DCAT + "compressFormat", N(IANA + "application/gzip"))
        if stats.license:
            add(dist, DCTERMS + "license", N(stats.license))
    return t


def void_turtle(stats: DatasetStats, *, base: str, root: str | None = None) -> bytes:
    triples = sorted_triples(ox.Quad(t.subject, t.predicate, t.object) for t in void_triples(stats, base=base, root=root))
    prefixes = {"void": VOID, "dcat": DCAT, "dcterms": DCTERMS, "foaf": FOAF, "rdf": RDF, "xsd": XSD, "pg": PG_IRI}
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)


def write_void(store: GraphStore, out_dir: Path, *, base: str, report=None, license: str | None = None,
               **known) -> Path:
    """Writes ``out_dir/void.ttl``: the dataset's VoID + DCAT description, deterministically.
    `known`: ``modified=`` the newest article's xsd:date (or None) when the caller knows it."""
    path = Path(out_dir) / VOID_FILE
    write_atomic(path, void_turtle(dataset_stats(store, base=base, report=report, license=license, **known),
                                   base=base))
    return path


# -- one resource ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Evidence:
    """A sentence of one article that states (part of) a fact."""

    quote: str
    article: str
    start: int
    mention: str


@dataclass
class Fact:
    subject: ox.NamedNode
    predicate: ox.NamedNode
    object: ox.NamedNode | ox.Literal | ox.BlankNode
    graphs: tuple[str, ...]  # the named graphs stating it: article IRIs, vocabulary, analytics
    evidence: tuple[Evidence, ...] = ()


@dataclass
class ResourceDescription:
    iri: str
    outgoing: list[Fact]
    incoming: list[Fact]
    incoming_total: int
    labels: dict[str, str]  # IRI → display label, for the resource and its neighbours
    mention_triples: list[ox.Triple] = field(default_factory=list)

    def triples(self) -> list[ox.Triple]:
        """The description as RDF: outgoing and incoming triples plus the evidence mentions."""
        facts = [ox.Triple(f.subject, f.predicate, f.object) for f in self.outgoing + self.incoming]
        return sorted_triples(ox.Quad(t.subject, t.predicate, t.object) for t in facts + self.mention_triples)


#: an absolute IRI with none of the characters SPARQL's IRIREF excludes (grammar rule [139])
_SAFE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^<>\"{}|^`\\\x00-\x20]*$")


def _values(terms: Iterable[str]) -> str:
    return " ".join(f"<{t}>" for t in sorted(set(terms)))


def _label_rank(lit: ox.Literal) -> tuple:
    lang = lit.language or ""
    return ({"de": 0, "en": 1, "": 2}.get(lang, 3), len(lit.value), lit.value)


def labels_for(store: GraphStore, iris: Iterable[str], *, base: str) -> dict[str, str]:
    """A display label per IRI (German first, then English, then any): rdfs:label,
    skos:prefLabel or an article's headline."""
    iris = sorted(set(iris))
    best: dict[str, ox.Literal] = {}
    # in batches, so one resource with thousands of neighbours does not make one huge query
    for i in range(0, len(iris), 500):
        q = sparql_prologue(base) + f"""SELECT ?x ?l WHERE {{ VALUES ?x {{ {_values(iris[i:i + 500])} }}
            {{ ?x rdfs:label ?l }} UNION {{ ?x skos:prefLabel ?l }} UNION {{ ?x schema:headline ?l }} }}"""
        for sol in store.query(q):
            x, lab = sol["x"].value, sol["l"]
            if isinstance(lab, ox.Literal) and (x not in best or _label_rank(lab) < _label_rank(best[x])):
                best[x] = lab
    return {x: lab.value for x, lab in sorted(best.items())}


def describe(store: GraphStore, iri: str, *, base: str, max_incoming: int = MAX_INCOMING) -> ResourceDescription | None:
    """The facts about `iri`, what links to it (at most `max_incoming`), and per fact the
    sentences that evidence it; None when the graph does not know the IRI (or it is no IRI)."""
    if not _SAFE_IRI.match(iri):  # it goes into query text below
        return None
    node = f"<{iri}>"
    out: dict[tuple, set[str]] = defaultdict(set)
    for sol in store.query(f"SELECT ?p ?o ?g WHERE {{ GRAPH ?g {{ {node} ?p ?o }} }}"):
        out[(sol["p"], sol["o"])].add(sol["g"].value)
    inc: dict[tuple, set[str]] = defaultdict(set)
    for sol in store.query(f"SELECT ?s ?p ?g WHERE {{ GRAPH ?g {{ ?s ?p {node} }} }}"):
        inc[(sol["s"], sol["p"])].add(sol["g"].value)
    if not out and not inc:
        return None
    subject = N(iri)
    outgoing = [Fact(subject, p, o, tuple(sorted(g))) for (p, o), g in out.items()]
    incoming = [Fact(s, p, subject, tuple(sorted(g))) for (s, p), g in inc.items()]
    outgoing.sort(key=lambda f: (f.predicate.value, str(f.object)))
    incoming.sort(key=lambda f: (f.predicate.value, str(f.subject)))
    total = len(incoming)
    incoming = incoming[:max_incoming]
    facts = outgoing + incoming
    neighbours = {t.value for f in facts for t in (f.subject, f.object) if isinstance(t, ox.NamedNode)}
    articles = {g for f in facts for g in f.graphs if g.startswith(base)}
    candidates = _evidence_candidates(store, neighbours, articles, base=base)
    facts = [_with_evidence(f, candidates) for f in facts]
    mention_iris = sorted({e.mention for f in facts for e in f.evidence})
    mention_triples = _mention_triples(store, mention_iris)
    return ResourceDescription(
        iri=iri, outgoing=facts[:len(outgoing)], incoming=facts[len(outgoing):], incoming_total=total,
        labels=labels_for(store, neighbours | articles, base=base), mention_triples=mention_triples)


@dataclass(frozen=True)
class _Mention:
    iri: str
    quote: str
    surface: str
    start: int


@dataclass
class _Candidates:
    mentions: dict[tuple[str, str], list[_Mention]]  # (article, entity) → its mentions there
    evidence: dict[tuple[str, str], list[_Mention]]  # (article, entity) → its pg:evidence there
    by_iri: dict[str, tuple[str, _Mention]]  # mention IRI → (article, mention)


def _evidence_candidates(store: GraphStore, entities: set[str], articles: set[str], *, base: str) -> _Candidates:
    """The mentions of each entity in each article, and the sentences given as `pg:evidence`
    of an entity (a partnership)."""
    mentions: dict[tuple[str, str], list[_Mention]] = defaultdict(list)
    evidence: dict[tuple[str, str], list[_Mention]] = defaultdict(list)
    if not entities or not articles:
        return _Candidates(mentions, evidence, {})
    ents = sorted(entities)
    for i in range(0, len(ents), 500):
        vals = _values(ents[i:i + 500])
        q = sparql_prologue(base) + f"""SELECT ?g ?x ?m ?quote ?surface ?start ?ev WHERE {{
            VALUES ?g {{ {_values(articles)} }} VALUES ?x {{ {vals} }}
            GRAPH ?g {{
              {{ ?m pg:refersTo ?x BIND(false AS ?ev) }} UNION {{ ?x pg:evidence ?m BIND(true AS ?ev) }}
              ?m pg:quote ?quote .
              OPTIONAL {{ ?m pg:surface ?surface }} OPTIONAL {{ ?m pg:start ?start }}
            }} }}"""
        for sol in store.query(q):
            m = _Mention(sol["m"].value, sol["quote"].value, sol["surface"].value if sol["surface"] else "",
                         int(sol["start"].value) if sol["start"] else 0)
            key = (sol["g"].value, sol["x"].value)
            (evidence if sol["ev"].value == "true" else mentions)[key].append(m)
    for d in (mentions, evidence):
        for k in d:
            d[k] = sorted(set(d[k]), key=lambda m: (m.start, m.iri))
    by_iri = {m.iri: (g, m) for d in (mentions, evidence) for (g, _), ms in d.items() for m in ms}
    return _Candidates(mentions, evidence, by_iri)


_NON_DIGITS = re.compile(r"\D")
#: shorter values than this are not matched against text: a two-letter country code ("DE")
#: begins half the words of a German sentence
MIN_VALUE_LENGTH = 3


def _mentions_value(m: _Mention, value: str) -> bool:
    """Does the mention's matched text state the literal? `60.000 Einwohner` states 60000,
    `Kölner` and `Kölns` state `Köln`."""
    if value.isdigit():
        return _NON_DIGITS.sub("", m.surface) == value
    a, b = m.surface.casefold(), value.casefold()
    return min(len(a), len(b)) >= MIN_VALUE_LENGTH and (a.startswith(b) or b.startswith(a))


def _evidence_mentions(f: Fact, c: _Candidates) -> list[tuple[str, _Mention]]:
    """The sentences that evidence fact `f` in the articles that state it (docs/server.md):

    0. a fact about a mention (`m pg:refersTo x`, `p pg:evidence m`): the mention's own sentence;
    1. a subject with `pg:evidence` (a partnership): those sentences, preferring the ones that
       also mention the object;
    2. a fact stated by the article itself (`article pg:mentions x`): the sentences mentioning x;
    3. a link between two entities: the sentences that mention both;
    4. a literal: the sentences where the subject is mentioned by text stating the value.
    """
    s = f.subject.value
    o = f.object.value if isinstance(f.object, ox.NamedNode) else None
    if s in c.by_iri or o in c.by_iri:
        return [c.by_iri[s if s in c.by_iri else o]]
    chosen: list[tuple[str, _Mention]] = []
    for g in f.graphs:
        if (g, s) in c.evidence:
            own = c.evidence[(g, s)]
            with_o = {m.quote for m in c.mentions.get((g, o), ())} if o else set()
            found = [m for m in own if m.quote in with_o] or own
        elif s == g and o:
            found = c.mentions.get((g, o), [])
        elif o:
            quotes_o = {m.quote for m in c.mentions.get((g, o), ())}
            found = [m for m in c.mentions.get((g, s), ()) if m.quote in quotes_o]
        else:
            found = [m for m in c.mentions.get((g, s), ()) if _mentions_value(m, f.object.value)]
        chosen += [(g, m) for m in found]
    seen: set[str] = set()
    out = []
    for g, m in chosen:
        if m.quote not in seen:
            seen.add(m.quote)
            out.append((g, m))
    return out[:MAX_EVIDENCE]


def _with_evidence(f: Fact, c: _Candidates) -> Fact:
    ev = tuple(Evidence(m.quote, g, m.start, m.iri) for g, m in _evidence_mentions(f, c))
    return Fact(f.subject, f.predicate, f.object, f.graphs, ev)


def _mention_triples(store: GraphStore, mentions: list[str]) -> list[ox.Triple]:
    out: list[ox.Triple] = []
    for i in range(0, len(mentions), 500):
        q = f"CONSTRUCT {{ ?m ?p ?o }} WHERE {{ VALUES ?m {{ {_values(mentions[i:i + 500])} }} ?m ?p ?o }}"
        out += list(store.query(q))
    return out


# -- the ontology ------------------------------------------------------------------------------


def ontology_path() -> Path:
    return ontology_dir() / "partnergraph.ttl"


def read_ontology() -> tuple[bytes, list[ox.Triple]]:
    """The ontology file as written and its triples (what /ontology and the static site serve)."""
    path = ontology_path()
    try:
        source = path.read_bytes()
        return source, list(ox.parse(source, format=ox.RdfFormat.TURTLE))
    except (OSError, SyntaxError) as exc:
        raise StoreError(f"{path}: cannot read the ontology: {exc}") from None
