"""ontology/shapes.ttl catches what is wrong: a frozen, hand-made graph in the shape of
docs/data-model.md conforms, and a copy with one defect per kind of constraint is caught at the
right focus node and path; `partnergraph validate` prints the violations and exits 1."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, Namespace, URIRef

from partnergraph.cli import main
from partnergraph.namespaces import DEFAULT_BASE, PG
from partnergraph.store.embedded import EmbeddedStore
from partnergraph.validate.shacl import validate_graph
from partnergraph.vocab import load_vocabulary

ID = Namespace(DEFAULT_BASE)
ARTICLE = ID["article/0123456789abcdef"]
GYEARMONTH = URIRef("http://www.w3.org/2001/XMLSchema#gYearMonth")
TEXT = "Köln und Yarinacocha vertiefen Klimapartnerschaft\n\nDie Städte arbeiten seit 2013 zusammen."

#: one of everything `build` emits, written by hand (offsets checked in test_fixture_offsets_are_right)
GOOD = """
@prefix pg: <https://w3id.org/partnergraph/ontology#> .
@prefix pgid: <https://w3id.org/partnergraph/id/> .
@prefix schema: <https://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix geo: <http://www.opengis.net/ont/geosparql#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<https://w3id.org/partnergraph/id/article/0123456789abcdef> a pg:Article , schema:NewsArticle ;
    schema:url <https://example.org/news/1> ;
    schema:headline "Köln und Yarinacocha vertiefen Klimapartnerschaft"@de ;
    schema:datePublished "2024-05-03"^^xsd:date ;
    schema:description "Die Städte arbeiten seit 2013 zusammen."@de ;
    pg:dateline "Köln" ;
    pg:imageCaption "Delegation im Rathaus"@de ;
    schema:inLanguage "de" ;
    pg:analysedText "Köln und Yarinacocha vertiefen Klimapartnerschaft\\n\\nDie Städte arbeiten seit 2013 zusammen." ;
    pg:mentions <https://w3id.org/partnergraph/id/municipality/de/koeln> ,
        <https://w3id.org/partnergraph/id/theme/klimaschutz> ,
        <https://w3id.org/partnergraph/id/partnership/fedcba9876543210> ;
    schema:about <https://w3id.org/partnergraph/id/theme/klimaschutz> .

<https://w3id.org/partnergraph/id/country/de> a pg:Country , schema:Country ;
    rdfs:label "Deutschland"@de , "Germany"@en ; pg:countryCode "DE" ;
    owl:sameAs <https://sws.geonames.org/2921044/> .
<https://w3id.org/partnergraph/id/country/pe> a pg:Country , schema:Country ;
    rdfs:label "Peru"@de , "Peru"@en ; pg:countryCode "PE" .
<https://w3id.org/partnergraph/id/region/de/nordrhein-westfalen> a pg:Region , schema:AdministrativeArea ;
    rdfs:label "Nordrhein-Westfalen"@de ; pg:country <https://w3id.org/partnergraph/id/country/de> .

<https://w3id.org/partnergraph/id/municipality/de/koeln> a pg:Municipality , schema:City ;
    rdfs:label "Köln"@de , "Cologne"@en ; pg:country <https://w3id.org/partnergraph/id/country/de> ;
    pg:region <https://w3id.org/partnergraph/id/region/de/nordrhein-westfalen> ;
    owl:sameAs <https://sws.geonames.org/2886242/> ; pg:geonamesId 2886242 ;
    geo:hasGeometry <https://w3id.org/partnergraph/id/municipality/de/koeln/geometry> ;
    pg:statedPopulation 1080000 ;
    pg:partnerOf <https://w3id.org/partnergraph/id/municipality/pe/yarinacocha> ;
    pg:degreeCentrality "0.5"^^xsd:double ; pg:betweennessCentrality "0.0"^^xsd:double ;
    pg:component 0 ; pg:community 1 .
<https://w3id.org/partnergraph/id/municipality/de/koeln/geometry> a geo:Geometry ;
    geo:asWKT "POINT(6.95 50.9375)"^^geo:wktLiteral .
<https://w3id.org/partnergraph/id/municipality/pe/yarinacocha> a pg:Municipality , schema:City ;
    rdfs:label "Yarinacocha"@de ; pg:country <https://w3id.org/partnergraph/id/country/pe> ;
    pg:partnerOf <https://w3id.org/partnergraph/id/municipality/de/koeln> .

<https://w3id.org/partnergraph/id/partnership/fedcba9876543210> a pg:Partnership ;
    rdfs:label "Köln – Yarinacocha"@de ;
    pg:partner <https://w3id.org/partnergraph/id/municipality/de/koeln> ,
        <https://w3id.org/partnergraph/id/municipality/pe/yarinacocha> ;
    pg:partnershipType <https://w3id.org/partnergraph/id/partnership-type/klimapartnerschaft> ;
    pg:startYear "2013"^^xsd:gYear ; pg:startDate "2013-06"^^xsd:gYearMonth ; pg:status "active" ;
    pg:programme <https://w3id.org/partnergraph/id/programme/klimapartnerschaften> ;
    pg:theme <https://w3id.org/partnergraph/id/theme/klimaschutz> ;
    prov:wasDerivedFrom <https://w3id.org/partnergraph/id/article/0123456789abcdef> ;
    pg:evidence <https://w3id.org/partnergraph/id/mention/0123456789abcdef/51-90-partnership> .

<https://w3id.org/partnergraph/id/mention/0123456789abcdef/51-90-partnership> a pg:Mention , prov:Entity ;
    pg:inArticle <https://w3id.org/partnergraph/id/article/0123456789abcdef> ;
    pg:refersTo <https://w3id.org/partnergraph/id/partnership/fedcba9876543210> ;
    pg:surface "Die Städte arbeiten seit 2013 zusammen." ;
    pg:quote "Die Städte arbeiten seit 2013 zusammen." ;
    pg:start 51 ; pg:end 90 ; pg:kind "partnership" .
<https://w3id.org/partnergraph/id/mention/0123456789abcdef/0-4-municipality> a pg:Mention , prov:Entity ;
    pg:inArticle <https://w3id.org/partnergraph/id/article/0123456789abcdef> ;
    pg:refersTo <https://w3id.org/partnergraph/id/municipality/de/koeln> ;
    pg:surface "Köln" ; pg:quote "Köln und Yarinacocha vertiefen Klimapartnerschaft" ;
    pg:start 0 ; pg:end 4 ; pg:kind "municipality" .

<https://w3id.org/partnergraph/id/event/netzwerktreffen-2024> a pg:Event , schema:Event ;
    rdfs:label "Netzwerktreffen Klimapartnerschaften 2024"@de ;
    pg:hostedBy <https://w3id.org/partnergraph/id/municipality/de/koeln> ;
    schema:location <https://w3id.org/partnergraph/id/municipality/de/koeln> ;
    schema:startDate "2024-05-02"^^xsd:date ; schema:endDate "2024-05-03"^^xsd:date ;
    prov:wasDerivedFrom <https://w3id.org/partnergraph/id/article/0123456789abcdef> .
<https://w3id.org/partnergraph/id/person/henriette-reker> a pg:Person , schema:Person ;
    rdfs:label "Henriette Reker" ; pg:role "Oberbürgermeisterin"@de ;
    pg:represents <https://w3id.org/partnergraph/id/municipality/de/koeln> ;
    prov:wasDerivedFrom <https://w3id.org/partnergraph/id/article/0123456789abcdef> .
<https://w3id.org/partnergraph/id/organisation/rheinenergie> a pg:Organisation , schema:Organization ;
    rdfs:label "RheinEnergie"@de .
"""

#: the defects added to a copy of GOOD; each sits on its own node and path, so none hides another
BROKEN = """
@prefix pg: <https://w3id.org/partnergraph/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

# a partnership with one partner, no type, a year typed as integer and an unknown theme
<https://w3id.org/partnergraph/id/partnership/0000000000000001> a pg:Partnership ;
    pg:partner <https://w3id.org/partnergraph/id/municipality/de/koeln> ;
    pg:startYear 2013 ;
    pg:theme <https://w3id.org/partnergraph/id/theme/does-not-exist> ;
    prov:wasDerivedFrom <https://w3id.org/partnergraph/id/article/0123456789abcdef> .

# a municipality without a country, linked one way only
<https://w3id.org/partnergraph/id/municipality/xx/nirgendwo> a pg:Municipality , schema:City ;
    rdfs:label "Nirgendwo"@de .
<https://w3id.org/partnergraph/id/municipality/de/koeln>
    pg:partnerOf <https://w3id.org/partnergraph/id/municipality/xx/nirgendwo> .

# a mention whose start lies after its end, with an unknown kind
<https://w3id.org/partnergraph/id/mention/0123456789abcdef/30-20-city> a pg:Mention , prov:Entity ;
    pg:inArticle <https://w3id.org/partnergraph/id/article/0123456789abcdef> ;
    pg:quote "Köln und Yarinacocha vertiefen Klimapartnerschaft" ;
    pg:start 30 ; pg:end 20 ; pg:kind "city" .

# a mention whose surface is not the text at its offsets, referring to two entities
<https://w3id.org/partnergraph/id/mention/0123456789abcdef/9-20-municipality> a pg:Mention , prov:Entity ;
    pg:inArticle <https://w3id.org/partnergraph/id/article/0123456789abcdef> ;
    pg:refersTo <https://w3id.org/partnergraph/id/municipality/pe/yarinacocha> ,
        <https://w3id.org/partnergraph/id/municipality/de/koeln> ;
    pg:surface "Yarinacochaa" ; pg:quote "Köln und Yarinacocha vertiefen Klimapartnerschaft" ;
    pg:start 9 ; pg:end 20 ; pg:kind "municipality" .

# a mention beyond the end of the text
<https://w3id.org/partnergraph/id/mention/0123456789abcdef/88-120-theme> a pg:Mention , prov:Entity ;
    pg:inArticle <https://w3id.org/partnergraph/id/article/0123456789abcdef> ;
    pg:quote "Die Städte arbeiten seit 2013 zusammen." ;
    pg:start 88 ; pg:end 120 ; pg:kind "theme" .

# a theme of the vocabulary without an SDG mapping
<https://w3id.org/partnergraph/id/theme/ohne-ziel> a pg:Theme , skos:Concept ;
    skos:inScheme <https://w3id.org/partnergraph/id/scheme/themes> ;
    skos:prefLabel "Ohne Ziel"@de , "Without a goal"@en ;
    skos:definition "Nur für den Test."@de , "Only for the test."@en .

# an event that no article states
<https://w3id.org/partnergraph/id/event/ohne-quelle> a pg:Event , schema:Event ;
    rdfs:label "Ohne Quelle"@de .
"""

#: (focus, path, words of the message) of every violation the defects must cause, and no other
EXPECTED = {
    ("partnership/0000000000000001", "pg:partner", "at least two distinct pg:partner"),
    ("partnership/0000000000000001", "pg:partnershipType", "exactly one pg:partnershipType"),
    ("partnership/0000000000000001", "pg:startYear", "xsd:gYear"),
    ("partnership/0000000000000001", "pg:theme", "pg:Theme from the theme vocabulary"),
    ("municipality/xx/nirgendwo", "pg:country", "exactly one pg:country"),
    ("municipality/de/koeln", "", "both directions"),
    ("mention/0123456789abcdef/30-20-city", "pg:start", "< pg:end"),
    ("mention/0123456789abcdef/30-20-city", "pg:kind", "pg:kind from the fixed list"),
    ("mention/0123456789abcdef/9-20-municipality", "", "refers to more than one entity"),
    ("article/0123456789abcdef", "", "9-20-municipality"),
    ("article/0123456789abcdef", "", "88-120-theme"),
    ("theme/ohne-ziel", "", "SDG"),
    ("event/ohne-quelle", "prov:wasDerivedFrom", "at least one pg:Article"),
}


def _graph(*turtle: str) -> Graph:
    g = Graph()
    for t in turtle:
        g.parse(data=t, format="turtle")
    g.bind("pg", str(PG._NS))
    return g


@pytest.fixture(scope="module")
def vocabulary() -> Graph:
    return load_vocabulary().graph


@pytest.fixture(scope="module")
def broken_result(vocabulary):
    return validate_graph(_graph(GOOD, BROKEN) + vocabulary)


def _local(focus: str) -> str:
    """The IRI below the resource base, however the report abbreviated it (<IRI> or th:slug)."""
    if not focus.startswith("<"):
        focus = str(load_vocabulary().graph.namespace_manager.expand_curie(focus))
    return focus.strip("<>").removeprefix(DEFAULT_BASE)


def test_fixture_offsets_are_right():
    assert TEXT[51:90] == "Die Städte arbeiten seit 2013 zusammen."
    assert TEXT[0:4] == "Köln" and TEXT[9:20] == "Yarinacocha" and len(TEXT) < 120
    assert str(_graph(GOOD).value(URIRef(ARTICLE), PG.analysedText)) == TEXT


def test_the_hand_made_graph_conforms(vocabulary):
    result = validate_graph(_graph(GOOD) + vocabulary)
    assert [str(v) for v in result.violations] == []
    assert result.conforms


def test_the_vocabularies_alone_conform(vocabulary):
    assert validate_graph(vocabulary + Graph()).violations == []


def test_the_broken_graph_does_not_conform(broken_result):
    assert not broken_result.conforms
    assert broken_result.violation_count >= len(EXPECTED)


@pytest.mark.parametrize("focus, path, words", sorted(EXPECTED))
def test_each_defect_is_caught_at_its_focus_node_and_path(broken_result, focus, path, words):
    hits = [v for v in broken_result.violations if _local(v.focus) == focus and (not path or v.path == path)]
    assert any(words in v.message or words in v.value for v in hits), \
        [str(v) for v in broken_result.violations if _local(v.focus) == focus]


def test_no_violation_beyond_the_defects(broken_result):
    expected_foci = {f for f, _, _ in EXPECTED}
    assert sorted({_local(v.focus) for v in broken_result.violations} - expected_foci) == []


def test_violations_read_as_one_line_each(broken_result):
    for v in broken_result.violations:
        line = str(v)
        assert "\n" not in line and line.startswith(("Violation: ", "Warning: ")), line


def test_a_lower_case_country_code_is_caught(vocabulary):
    g = _graph(GOOD)
    pe = ID["country/pe"]
    g.set((pe, PG.countryCode, Literal("pe")))
    result = validate_graph(g + vocabulary)
    assert [(_local(v.focus), v.path) for v in result.violations] == [("country/pe", "pg:countryCode")]


def test_a_start_year_with_a_month_outside_it_is_only_a_warning(vocabulary):
    g = _graph(GOOD)
    g.set((ID["partnership/fedcba9876543210"], PG.startDate, Literal("2014-06", datatype=GYEARMONTH)))
    result = validate_graph(g + vocabulary)
    assert [v.severity for v in result.violations] == ["Warning"]
    assert result.conforms  # pySHACL with allow_warnings: warnings do not break conformance


# -- the command line ---------------------------------------------------------------------------

def _directory(tmp_path, g: Graph):
    store = EmbeddedStore(tmp_path / "store")
    store.raw.load(g.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES,
                   to_graph=ox.NamedNode(str(ARTICLE)))
    store.close()
    return tmp_path


def test_validate_command_prints_each_violation_and_exits_1(tmp_path, capsys, vocabulary):
    d = _directory(tmp_path, _graph(GOOD, BROKEN) + vocabulary)
    assert main(["validate", "-d", str(d)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1].startswith("does not conform: ")
    body = lines[:-1]
    assert len(body) >= len(EXPECTED)
    assert all(line.startswith(("Violation: <", "Warning: <")) for line in body)
    assert any("/municipality/xx/nirgendwo> pg:country: " in line for line in body)
    assert any("/mention/0123456789abcdef/30-20-city> pg:start: " in line for line in body)


def test_validate_command_exits_0_on_a_conforming_graph(tmp_path, capsys, vocabulary):
    d = _directory(tmp_path, _graph(GOOD) + vocabulary)
    assert main(["validate", "-d", str(d)]) == 0
    assert capsys.readouterr().out.startswith("conforms: 0 violations in ")


def test_validate_command_without_a_graph_says_so_in_one_line(tmp_path, capsys):
    assert main(["validate", "-d", str(tmp_path / "nothing")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nothing" in err[0] and "build" in err[0]
