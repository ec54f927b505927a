"""The SKOS vocabularies: complete concepts, the foundation's programmes, themes mapped to the
SDGs, partnership types aligned to the register typology, and names read from the files (a new
concept is recognised without any code change)."""

from __future__ import annotations

import re
import shutil
from collections import Counter

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from partnergraph import Article, Extractor
from partnergraph.errors import VocabularyError
from partnergraph.namespaces import DEFAULT_BASE, PG, PG_IRI
from partnergraph.resources import ontology_dir
from partnergraph.vocab import load_vocabulary

SCHEME = DEFAULT_BASE + "scheme/"
SDG = re.compile(r"^http://metadata\.un\.org/sdg/([1-9]|1[0-7])$")
#: the programme slugs of the foundation issue
PROGRAMMES = ("klimapartnerschaften", "ukraine", "maghreb", "betreiberpartnerschaften", "fachkraeftefonds",
              "nakopa", "connective-cities", "kleinprojektefonds", "kokno", "global-nachhaltige-kommune")
#: the slugs of docs/data-model.md
PARTNERSHIP_TYPES = ("staedtepartnerschaft", "freundschaft", "projektpartnerschaft", "klimapartnerschaft",
                     "betreiberpartnerschaft", "solidaritaetspartnerschaft", "unspecified")
REGISTER_TYPES = ("partnerschaft", "freundschaft", "kontakt", "projektpartnerschaft")


@pytest.fixture(scope="module")
def vocab():
    return load_vocabulary()


@pytest.fixture(scope="module")
def g(vocab) -> Graph:
    return vocab.graph


def _concepts(g: Graph) -> list[URIRef]:
    return sorted(set(g.subjects(RDF.type, SKOS.Concept)))


def _langs(g: Graph, s, p) -> Counter:
    return Counter(o.language for o in g.objects(s, p) if isinstance(o, Literal))


def test_the_six_concept_schemes_exist(g):
    schemes = {str(s) for s in g.subjects(RDF.type, SKOS.ConceptScheme)}
    assert schemes == {SCHEME + n for n in ("programmes", "themes", "partnership-types", "register-types",
                                            "organisations", "local-government-kinds")}


def test_every_concept_has_one_preflabel_in_german_and_english(g):
    bad = {str(c): dict(_langs(g, c, SKOS.prefLabel)) for c in _concepts(g)
           if _langs(g, c, SKOS.prefLabel) != Counter({"de": 1, "en": 1})}
    assert bad == {}


def test_every_concept_has_a_definition_in_german_and_english(g):
    bad = [str(c) for c in _concepts(g) if not set(_langs(g, c, SKOS.definition)) >= {"de", "en"}]
    assert bad == []


def test_every_concept_is_in_a_scheme_and_a_top_concept_of_it_or_narrower(g):
    for c in _concepts(g):
        schemes = set(g.objects(c, SKOS.inScheme))
        assert schemes and all((s, RDF.type, SKOS.ConceptScheme) in g for s in schemes), c
        assert any((c, SKOS.topConceptOf, s) in g for s in schemes) or (c, SKOS.broader, None) in g, c


def test_known_organisations_are_concepts_of_the_organisation_scheme(g):
    orgs = set(g.subjects(RDF.type, PG.Organisation))
    assert len(orgs) >= 15
    assert all((o, SKOS.inScheme, URIRef(SCHEME + "organisations")) in g for o in orgs)


def test_no_label_is_both_preferred_and_alternative_for_one_concept(g):
    """SKOS integrity condition S13."""
    clash = [(str(c), str(lab)) for c in _concepts(g) for lab in g.objects(c, SKOS.altLabel)
             if (c, SKOS.prefLabel, lab) in g]
    assert clash == []


def test_alternative_labels_are_german_and_trimmed(g):
    bad = [(str(c), str(a)) for c in _concepts(g) for a in g.objects(c, SKOS.altLabel)
           if a.language != "de" or str(a) != str(a).strip() or "  " in str(a)]
    assert bad == []


def test_no_german_label_names_two_concepts_of_one_scheme(g):
    owners: dict[tuple[str, str], set[str]] = {}
    for c in _concepts(g):
        for scheme in g.objects(c, SKOS.inScheme):
            for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
                for lab in g.objects(c, p):
                    if lab.language == "de":
                        owners.setdefault((str(scheme), str(lab).casefold()), set()).add(str(c))
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_links_between_concepts_point_to_defined_resources(g):
    links = (SKOS.broader, SKOS.narrower, PG.implementedBy, PG.fundedBy, URIRef(PG_IRI + "cooperationPartner"))
    dangling = [(str(s), str(p), str(o)) for p in links for s, o in g.subject_objects(p)
                if str(o).startswith(DEFAULT_BASE) and (o, RDF.type, None) not in g]
    assert dangling == []


@pytest.mark.parametrize("slug", PROGRAMMES)
def test_foundation_programme_exists_with_implementer_and_funder(vocab, g, slug):
    c = vocab.get("programme", slug)
    assert c is not None, slug
    assert c.pref_de and c.pref_en
    node = URIRef(c.iri)
    for p in (PG.implementedBy, PG.fundedBy):
        targets = list(g.objects(node, p))
        assert targets and all((t, RDF.type, PG.Organisation) in g for t in targets), (slug, p)


def test_the_bmz_funds_the_skew_programmes(vocab):
    """The funding programmes named in the foundation are BMZ-financed (SKEW/Engagement Global)."""
    funded = [slug for slug in PROGRAMMES if "bmz" in vocab.get("programme", slug).links.get("fundedBy", ())]
    assert len(funded) >= 8


def test_at_least_thirty_themes_each_mapped_to_a_sustainable_development_goal(g):
    themes = sorted(set(g.subjects(RDF.type, PG.Theme)))
    assert len(themes) >= 30
    unmapped = [str(t) for t in themes
                if not any(SDG.match(str(o)) for p in (SKOS.closeMatch, SKOS.relatedMatch, SKOS.exactMatch)
                           for o in g.objects(t, p))]
    assert unmapped == []


def test_themes_form_a_hierarchy_without_cycles(g):
    themes = set(g.subjects(RDF.type, PG.Theme))
    narrower = [t for t in themes if (t, SKOS.broader, None) in g]
    assert len(narrower) >= 10
    for t in themes:
        seen, todo = set(), [t]
        while todo:
            x = todo.pop()
            for b in g.objects(x, SKOS.broader):
                assert b != t, f"skos:broader cycle through {t}"
                assert b in themes, (t, b)
                if b not in seen:
                    seen.add(b)
                    todo.append(b)


def test_partnership_types_are_the_slugs_of_the_data_model(vocab):
    assert {c.slug for c in vocab.of_kind("partnership-type")} == set(PARTNERSHIP_TYPES)


def test_each_partnership_type_is_mapped_to_the_register_typology(g):
    register = {URIRef(DEFAULT_BASE + "register-type/" + s) for s in REGISTER_TYPES}
    assert all((r, SKOS.inScheme, URIRef(SCHEME + "register-types")) in g for r in register)
    mappings = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
    for slug in PARTNERSHIP_TYPES:
        node = URIRef(DEFAULT_BASE + "partnership-type/" + slug)
        assert any(o in register for p in mappings for o in g.objects(node, p)), slug
    # and every register category is reached by some partnership type
    reached = {o for p in mappings for o in g.objects(None, p) if o in register}
    assert reached == register


def test_extractor_labels_include_abbreviations_and_inflections(vocab):
    assert "NAKOPA" in vocab.get("programme", "nakopa").labels
    assert "BMZ" in vocab.get("organisation", "bmz").labels
    assert "Klimapartnerschaften" in vocab.get("partnership-type", "klimapartnerschaft").labels


# -- names come from the files ------------------------------------------------------------------

NEW_PROGRAMME = """
prog:testprogramm
    a pg:Programme , skos:Concept ;
    skos:inScheme scheme:programmes ;
    skos:topConceptOf scheme:programmes ;
    skos:prefLabel "Kommunale Testpartnerschaften Mond"@de , "Municipal Test Partnerships Moon"@en ;
    skos:altLabel "Testpartnerschaften Mond"@de ;
    skos:definition "Ein Programm, das nur dieser Test kennt."@de , "A programme only this test knows."@en ;
    pg:implementedBy org:skew ;
    pg:fundedBy org:bmz .
"""
SENTENCE = ("Neue Partnerschaft", "Bonn beteiligt sich seit 2024 am Programm Kommunale Testpartnerschaften Mond.")


@pytest.fixture(scope="module")
def extended(tmp_path_factory):
    d = tmp_path_factory.mktemp("ontology")
    for p in ontology_dir().glob("*.ttl"):
        shutil.copy(p, d / p.name)
    with (d / "programmes.ttl").open("a", encoding="utf-8") as fh:
        fh.write(NEW_PROGRAMME)
    return d


def _programmes(extractor: Extractor) -> list[tuple[str, str]]:
    ex = extractor.extract(Article(url="https://example.org/test", title=SENTENCE[0], text=SENTENCE[1]))
    return [(m.ref, m.surface) for m in ex.mentions if m.kind == "programme"]


def test_a_programme_added_to_a_copy_of_the_vocabulary_is_recognised(extended):
    before = Extractor()
    assert _programmes(before) == []
    after = Extractor(gazetteer=before.gazetteer, vocabulary=load_vocabulary(extended))
    assert _programmes(after) == [("testprogramm", "Kommunale Testpartnerschaften Mond")]


def test_the_added_programme_carries_its_links(extended):
    c = load_vocabulary(extended).get("programme", "testprogramm")
    assert c.pref_en == "Municipal Test Partnerships Moon"
    assert c.links == {"implementedBy": ("skew",), "fundedBy": ("bmz",)}


def test_a_broken_vocabulary_file_is_reported_with_its_path(tmp_path):
    (tmp_path / "programmes.ttl").write_text("@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
                                             "<a> skos:prefLabel \"x\"@de\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match=r"programmes\.ttl: not valid Turtle"):
        load_vocabulary(tmp_path)
