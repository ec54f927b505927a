"""`partnergraph docs`: one self-contained HTML page of the ontology and every vocabulary, with an
anchor per term, identical bytes on every run, and the committed copy in docs/ kept current."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF, SKOS

from partnergraph.cli import main
from partnergraph.graphdir import DOCS_FILE
from partnergraph.publish.docs import render, write_docs
from partnergraph.namespaces import DEFAULT_BASE, PG_IRI
from partnergraph.resources import ontology_dir
from partnergraph.vocab import load_vocabulary

COMMITTED = Path(__file__).resolve().parent.parent / "docs" / "ontology.html"


class _Page(HTMLParser):
    """Collects ids, in-page links, and anything that would load from elsewhere."""

    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.fragments: list[str] = []
        self.loads: list[str] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        href = a.get("href") or ""
        if tag == "a" and href.startswith("#"):
            self.fragments.append(href[1:])
        if tag in ("script", "img", "iframe", "link", "object", "embed") or "src" in a:
            self.loads.append(f"<{tag} {a}>")
        if tag not in ("meta", "br", "img", "link", "input", "hr"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()


@pytest.fixture(scope="module")
def page() -> str:
    return render()


@pytest.fixture(scope="module")
def parsed(page) -> _Page:
    p = _Page()
    p.feed(page)
    p.close()
    return p


def test_the_page_is_well_formed(parsed):
    assert parsed.stack == []


def test_the_page_loads_nothing_from_elsewhere(page, parsed):
    assert parsed.loads == []
    assert "@import" not in page and "url(" not in page


def test_every_in_page_link_has_a_target_and_no_anchor_is_used_twice(parsed):
    assert len(parsed.ids) == len(set(parsed.ids))
    assert sorted(set(parsed.fragments) - set(parsed.ids)) == []


def test_every_class_and_property_has_an_anchor_named_after_it(parsed):
    onto = Graph().parse(ontology_dir() / "partnergraph.ttl")
    terms = {str(s)[len(PG_IRI):] for k in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
             for s in onto.subjects(RDF.type, k) if str(s).startswith(PG_IRI)}
    assert len(terms) > 40
    assert sorted(terms - set(parsed.ids)) == []
    assert {"Partnership", "partnerOf", "Mention", "quote", "Region", "region"} <= set(parsed.ids)


def test_every_concept_and_scheme_has_an_anchor(parsed):
    g = load_vocabulary().graph
    nodes = set(g.subjects(SKOS.inScheme, None)) | set(g.subjects(RDF.type, SKOS.ConceptScheme))
    anchors = {str(n)[len(DEFAULT_BASE):].replace("/", "-") for n in nodes}
    assert len(anchors) > 80
    assert sorted(anchors - set(parsed.ids)) == []
    assert {"programme-nakopa", "theme-klimaschutz", "partnership-type-unspecified",
            "register-type-kontakt", "organisation-skew", "scheme-themes"} <= set(parsed.ids)


def _section(page: str, anchor: str) -> str:
    start = page.index(f'id="{anchor}"')
    return page[start:page.index("</section>", start)]


def _row(page: str, anchor: str) -> str:
    start = page.index(f'id="{anchor}"')
    return page[start:page.index("</tr>", start)]


def test_a_class_shows_labels_comments_superclasses_properties_and_shapes(page):
    s = _section(page, "Partnership")
    for words in ("Partnerschaft", "Partnership", "lasting relationship", "prov:Entity",
                  'href="#partner"', 'href="#startYear"', "SHACL constraints", "at least two distinct pg:partner"):
        assert words in s, words


def test_a_property_shows_domain_range_and_alignment(page):
    s = _section(page, "partnerOf")
    assert "owl:SymmetricProperty" in s and 'href="#Municipality"' in s
    assert "http://www.wikidata.org/prop/direct/P190" in s


def test_a_programme_row_shows_its_labels_definition_and_organisations(page):
    row = _row(page, "programme-klimapartnerschaften")
    for words in ("Kommunale Klimapartnerschaften", "Municipal Climate Partnerships", "Klimapartnerschaften",
                  'href="#organisation-skew"', 'href="#organisation-bmz"'):
        assert words in row, words


def test_a_theme_row_shows_its_broader_theme_and_sdg(page):
    g = load_vocabulary().graph
    narrower = sorted(s for s, _ in g.subject_objects(SKOS.broader) if "/theme/" in str(s))[0]
    row = _row(page, str(narrower)[len(DEFAULT_BASE):].replace("/", "-"))
    broader = str(g.value(narrower, SKOS.broader))[len(DEFAULT_BASE):].replace("/", "-")
    assert f'href="#{broader}"' in row
    assert re.search(r'href="http://metadata\.un\.org/sdg/\d+">SDG \d+<', row)


def test_text_is_escaped(tmp_path):
    d = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), d)
    with (d / "themes.ttl").open("a", encoding="utf-8") as fh:
        fh.write('\nth:klimaschutz skos:altLabel "<script>alert(1)</script>"@de .\n')
    html = render(d)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_rendering_twice_gives_identical_bytes(page):
    assert render() == page


def test_the_committed_copy_in_docs_is_current(page):
    assert COMMITTED.read_text(encoding="utf-8") == page, \
        "docs/ontology.html is out of date: run 'partnergraph docs -o docs/ontology.html'"


def test_docs_command_writes_dir_ontology_html(tmp_path, capsys, page):
    assert main(["docs", "-d", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / DOCS_FILE)
    assert (tmp_path / DOCS_FILE).read_text(encoding="utf-8") == page


def test_docs_command_writes_to_output_file(tmp_path, capsys):
    target = tmp_path / "sub" / "vocab.html"
    assert main(["docs", "-o", str(target)]) == 0
    assert target.is_file() and write_docs(tmp_path / "again.html").read_bytes() == target.read_bytes()


def test_a_broken_ontology_file_gives_one_line_naming_it(tmp_path, capsys, monkeypatch):
    d = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), d)
    (d / "partnergraph.ttl").write_text("@prefix pg: <x#> .\npg:a pg:b", encoding="utf-8")
    monkeypatch.setenv("PARTNERGRAPH_ONTOLOGY", str(d))
    assert main(["docs", "-o", str(tmp_path / "out.html")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "partnergraph.ttl: not valid Turtle" in err[0]
    assert not (tmp_path / "out.html").exists()


def test_every_link_of_the_analysts_guide_reaches_an_anchor(parsed):
    guide = (COMMITTED.parent / "ontology.md").read_text(encoding="utf-8")
    anchors = re.findall(r"\(ontology\.html#([^)]+)\)", guide)
    assert len(anchors) >= 20
    assert sorted(set(anchors) - set(parsed.ids)) == []
