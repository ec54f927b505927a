"""The SKOS vocabularies in ``ontology/``: the single source of programme, theme,
partnership-type and organisation names. Adding a programme means editing Turtle, not code."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from .errors import VocabularyError
from .namespaces import PG
from .resources import ontology_dir

LOGGER = logging.getLogger(__name__)

#: rdf:type → the kind of concept the extractor looks for
KIND_OF_CLASS = {
    PG.Programme: "programme",
    PG.Theme: "theme",
    PG.PartnershipType: "partnership-type",
    PG.Organisation: "organisation",
}
#: files in ontology/ that are not vocabularies
NOT_VOCABULARY = {"partnergraph.ttl", "shapes.ttl"}
#: languages whose labels can occur in German news text (English for organisation names such as
#: "German Water Partnership"; untagged for abbreviations)
MATCH_LANGUAGES = {"de", None}


@dataclass(frozen=True)
class Concept:
    kind: str
    slug: str
    iri: str
    pref_de: str
    pref_en: str
    #: every surface form the extractor should recognise
    labels: tuple[str, ...]
    broader: tuple[str, ...] = ()
    #: further links, e.g. {"implementedBy": ("skew",), "fundedBy": ("bmz",)}
    links: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass
class Vocabulary:
    concepts: dict[tuple[str, str], Concept]
    graph: Graph
    files: tuple[Path, ...]

    def of_kind(self, kind: str) -> list[Concept]:
        return [c for (k, _), c in sorted(self.concepts.items()) if k == kind]

    def get(self, kind: str, slug: str) -> Concept | None:
        return self.concepts.get((kind, slug))


def _slug(iri: URIRef) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _label(g: Graph, s: URIRef, lang: str) -> str:
    for p in (SKOS.prefLabel, RDFS.label):
        for o in g.objects(s, p):
            if isinstance(o, Literal) and o.language == lang:
                return str(o)
    return ""


def parse_turtle(path: Path, *, into: Graph | None = None) -> Graph:
    """One ontology file, parsed; a missing or broken file is one VocabularyError naming it."""
    if not path.exists():
        raise VocabularyError(f"{path}: missing")
    g = into if into is not None else Graph()
    try:
        g.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many parser exception types
        raise VocabularyError(f"{path}: not valid Turtle: {str(exc).splitlines()[0]}") from None
    return g


def load_vocabulary(directory: Path | None = None) -> Vocabulary:
    """Reads every vocabulary file of `directory` (default: the shipped ``ontology/``)."""
    directory = directory or ontology_dir()
    files = tuple(sorted(p for p in directory.glob("*.ttl") if p.name not in NOT_VOCABULARY))
    if not files:
        raise VocabularyError(f"{directory}: no vocabulary files (*.ttl)")
    # one parse per process and content: a build asked for it six times (fingerprint, extractor,
    # vocabulary graph, checks), each an rdflib parse of ~0.1-0.25 s (issue 16 profile); the
    # key is the files' bytes, so an edited file is read again
    key = (str(directory.resolve()), tuple((p.name, p.read_bytes()) for p in files))
    known = _LOADED.get(key)
    if known is not None:
        return known
    vocabulary = _load(files)
    _LOADED.clear()  # one vocabulary at a time: a test's edited copies must not pile up
    _LOADED[key] = vocabulary
    return vocabulary


#: the last vocabulary read, by its folder and its files' bytes (nothing mutates a Vocabulary)
_LOADED: dict[tuple, Vocabulary] = {}


def _load(files: tuple[Path, ...]) -> Vocabulary:
    g = Graph()
    for path in files:
        parse_turtle(path, into=g)
    concepts: dict[tuple[str, str], Concept] = {}
    for cls, kind in KIND_OF_CLASS.items():
        for s in sorted(set(g.subjects(RDF.type, cls))):
            if not isinstance(s, URIRef):
                continue
            labels: dict[str, None] = {}
            for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, RDFS.label):
                for o in sorted(g.objects(s, p)):
                    if isinstance(o, Literal) and (o.language in MATCH_LANGUAGES or kind == "organisation"):
                        labels.setdefault(str(o).strip(), None)
            links = {}
            for prop in ("implementedBy", "fundedBy"):
                targets = tuple(sorted(_slug(o) for o in g.objects(s, PG[prop]) if isinstance(o, URIRef)))
                if targets:
                    links[prop] = targets
            slug = _slug(s)
            concepts[(kind, slug)] = Concept(
                kind=kind, slug=slug, iri=str(s), pref_de=_label(g, s, "de") or slug,
                pref_en=_label(g, s, "en"), labels=tuple(lab for lab in labels if lab),
                broader=tuple(sorted(_slug(o) for o in g.objects(s, SKOS.broader))), links=links)
    LOGGER.info("vocabulary: %d concepts from %d files", len(concepts), len(files))
    return Vocabulary(concepts=concepts, graph=g, files=files)
