"""The Turtle files in ontology/: they parse with rdflib and with two independent parsers, and the
OWL ontology documents every term the builder can emit, in German and English."""

from __future__ import annotations

import re
import shutil
import subprocess
import typing
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from partnergraph.namespaces import PG, PG_IRI
from partnergraph.resources import ontology_dir

ONTOLOGY = ontology_dir()
FILES = sorted(p.name for p in ONTOLOGY.glob("*.ttl"))
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
GEO = "http://www.opengis.net/ont/geosparql#"
WIKIDATA_P190 = {URIRef("http://www.wikidata.org/prop/direct/P190"), URIRef("http://www.wikidata.org/entity/P190")}


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    # deliberately a failure, not a skip: CI installs both parsers (apt-get install raptor2-utils serdi)
    assert path, f"'{name}' is not installed; install the Debian package {package}"
    return path


def _rdflib(name: str) -> Graph:
    return Graph().parse(ONTOLOGY / name, format="turtle")


@pytest.fixture(scope="module")
def onto() -> Graph:
    return _rdflib("partnergraph.ttl")


def test_ontology_directory_holds_the_seven_files():
    assert FILES == ["local-government-kinds.ttl", "organisations.ttl", "partnergraph.ttl", "partnership-types.ttl",
                     "programmes.ttl", "shapes.ttl", "themes.ttl"]


@pytest.mark.parametrize("name", FILES)
def test_file_parses_with_rdflib(name):
    # the smallest file, the scheme of four local-government kinds, has ~70 triples
    assert len(_rdflib(name)) > 50


@pytest.mark.parametrize("name", FILES)
def test_rapper_reads_the_same_graph_as_rdflib(name):
    rapper = _tool("rapper", "raptor2-utils")
    r = subprocess.run([rapper, "-q", "-i", "turtle", "-o", "ntriples", str(ONTOLOGY / name)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, f"rapper rejects {name}: {r.stderr.strip()}"
    assert isomorphic(Graph().parse(data=r.stdout, format="nt"), _rdflib(name))


@pytest.mark.parametrize("name", FILES)
def test_serdi_reads_the_same_graph_as_rdflib(name):
    serdi = _tool("serdi", "serdi")
    r = subprocess.run([serdi, "-i", "turtle", "-o", "ntriples", str(ONTOLOGY / name)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, f"serdi rejects {name}: {r.stderr.strip()}"
    assert isomorphic(Graph().parse(data=r.stdout, format="nt"), _rdflib(name))


def test_independent_parser_rejects_broken_turtle(tmp_path):
    """The parser tests can fail: a file with a missing final dot is refused by both tools."""
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        (ONTOLOGY / "programmes.ttl").read_text(encoding="utf-8").rstrip().rstrip("."), encoding="utf-8")
    for cmd in ([_tool("rapper", "raptor2-utils"), "-q", "-i", "turtle", "-c", str(broken)],
                [_tool("serdi", "serdi"), "-i", "turtle", "-o", "ntriples", str(broken)]):
        assert subprocess.run(cmd, capture_output=True, timeout=60).returncode != 0, cmd[0]


def _own_terms(onto: Graph) -> list[URIRef]:
    return sorted({s for s in onto.subjects(RDF.type, None) if isinstance(s, URIRef) and str(s).startswith(PG_IRI)})


def test_ontology_header_has_version_licence_creator_and_bilingual_label(onto):
    header = URIRef("https://w3id.org/partnergraph/ontology")
    assert (header, RDF.type, OWL.Ontology) in onto
    from partnergraph import __version__

    assert str(onto.value(header, OWL.versionInfo)) == __version__
    assert isinstance(onto.value(header, DCTERMS.license), URIRef)
    assert onto.value(header, DCTERMS.creator) is not None
    assert {o.language for o in onto.objects(header, RDFS.label)} >= {"de", "en"}
    assert {o.language for o in onto.objects(header, RDFS.comment)} >= {"de", "en"}


def test_every_term_of_the_pg_namespace_class_is_defined_in_the_ontology(onto):
    """namespaces.PG is what the code may use; each of its terms has a definition here."""
    declared = [n for n in typing.get_type_hints(PG) if not n.startswith("_")]
    assert len(declared) > 40
    missing = [n for n in declared if (PG[n], RDF.type, None) not in onto]
    assert missing == []


@pytest.mark.parametrize("prop", [RDFS.label, RDFS.comment])
def test_every_class_and_property_has_german_and_english_text(onto, prop):
    lacking = {str(t): sorted(str(o.language) for o in onto.objects(t, prop))
               for t in _own_terms(onto)
               if not {o.language for o in onto.objects(t, prop) if isinstance(o, Literal)} >= {"de", "en"}}
    assert lacking == {}


def test_every_property_has_a_domain_and_a_range(onto):
    props = [t for t in _own_terms(onto)
             if (t, RDF.type, OWL.ObjectProperty) in onto or (t, RDF.type, OWL.DatatypeProperty) in onto]
    assert len(props) >= 30
    lacking = [str(p) for p in props if (p, RDFS.domain, None) not in onto or (p, RDFS.range, None) not in onto]
    assert lacking == []


def test_every_own_term_is_a_class_or_a_typed_property(onto):
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}
    untyped = [str(t) for t in _own_terms(onto) if not set(onto.objects(t, RDF.type)) & kinds]
    assert untyped == []


def test_domains_and_ranges_name_only_defined_classes(onto):
    """A typo in a domain or range (pg:Municipalty) would silently create a new class."""
    def classes(node):
        if isinstance(node, BNode):
            return list(Collection(onto, onto.value(node, OWL.unionOf)))
        return [node]
    used = {c for p in (RDFS.domain, RDFS.range, RDFS.subClassOf) for _, o in onto.subject_objects(p)
            for c in classes(o) if str(c).startswith(PG_IRI)}
    assert used and all((c, RDF.type, OWL.Class) in onto for c in used)


@pytest.mark.parametrize("cls, superclass", [
    ("Article", SCHEMA + "NewsArticle"), ("Municipality", SCHEMA + "City"), ("Country", SCHEMA + "Country"),
    ("Region", SCHEMA + "AdministrativeArea"), ("Organisation", SCHEMA + "Organization"),
    ("Event", SCHEMA + "Event"), ("Person", SCHEMA + "Person"),
    ("Programme", str(SKOS.Concept)), ("Theme", str(SKOS.Concept)), ("PartnershipType", str(SKOS.Concept)),
    ("Mention", PROV + "Entity"), ("Partnership", PROV + "Entity"), ("Article", PROV + "Entity"),
    ("Organisation", PROV + "Agent"), ("Person", PROV + "Person"), ("Municipality", GEO + "Feature"),
])
def test_classes_are_aligned_with_schema_org_skos_prov_and_geosparql(onto, cls, superclass):
    assert (PG[cls], RDFS.subClassOf, URIRef(superclass)) in onto


def test_partner_of_is_symmetric_and_related_to_wikidata_p190(onto):
    assert (PG.partnerOf, RDF.type, OWL.SymmetricProperty) in onto
    related = set(onto.objects(PG.partnerOf, SKOS.closeMatch)) | set(onto.objects(PG.partnerOf, RDFS.seeAlso))
    assert related & WIKIDATA_P190


@pytest.mark.parametrize("term", ["Person", "Event", "Region", "Mention", "startYear", "startDate", "status",
                                  "hostedBy", "role", "represents", "statedPopulation", "evidence", "quote",
                                  "start", "end", "cooperationPartner"])
def test_terms_required_by_the_issue_exist(onto, term):
    assert (PG_IRI + term) in {str(t) for t in _own_terms(onto)}


def test_evidence_offsets_are_documented_as_code_points_into_the_analysed_text(onto):
    comment = str(next(o for o in onto.objects(PG.start, RDFS.comment) if o.language == "en"))
    assert "pg:analysedText" in comment and "code points" in comment


def test_the_files_are_valid_utf8_without_tabs_or_trailing_blanks():
    for name in FILES:
        text = (ONTOLOGY / name).read_bytes().decode("utf-8")
        bad = [i for i, line in enumerate(text.splitlines(), 1) if line != line.rstrip() or "\t" in line]
        assert bad == [], f"{name}: lines {bad[:10]}"


def test_every_pg_term_of_the_data_model_is_defined(onto):
    """docs/data-model.md is the contract; the ontology defines each pg: term it names."""
    doc = (Path(__file__).resolve().parent.parent / "docs" / "data-model.md").read_text(encoding="utf-8")
    named = sorted(set(re.findall(r"\bpg:([A-Za-z]+)", doc)))
    assert len(named) > 40
    assert [t for t in named if (URIRef(PG_IRI + t), RDF.type, None) not in onto] == []
