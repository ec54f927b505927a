"""End to end: building the sample corpus, what a reader of the corpus expects to find by
SPARQL, determinism, idempotence, --base, and the command-line contract."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from partnergraph.pipeline.build import BuildOptions, build
from partnergraph.namespaces import sparql_prologue
from partnergraph.store.embedded import EmbeddedStore

FIXTURES = Path(__file__).parent / "fixtures"


def ask(directory: Path, sparql: str) -> list[dict]:
    store = EmbeddedStore(directory / "store", read_only=True)
    return [{v.value: sol[v.value].value for v in sol.variables if sol[v.value] is not None}
            if hasattr(sol, "variables") else sol for sol in store.query(sparql_prologue() + sparql)]


def select(directory, sparql):
    store = EmbeddedStore(directory / "store", read_only=True)
    res = store.query(sparql_prologue() + sparql)
    names = [v.value for v in res.variables]
    return [{n: (sol[n].value if sol[n] is not None else None) for n in names} for sol in res]


def test_build_writes_every_output(sample_build):
    out, report = sample_build
    for name in ("graph.ttl", "graph.trig", "graph.html", "build-report.json", "store"):
        assert (out / name).exists(), name
    written = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    assert written["articles_read"] >= 40 and written["skipped"] == []
    assert written["classes"]["Article"] == written["articles_read"]
    assert written["classes"]["Partnership"] >= 30


def test_koeln_partners_yarinacocha_in_peru_as_a_climate_partnership_since_2017(sample_build):
    out, _ = sample_build
    rows = select(out, """
        SELECT ?since ?cc WHERE {
          ?p a pg:Partnership ; pg:partner pgid:municipality\\/de\\/koeln, ?y ;
             pg:partnershipType pgid:partnership-type\\/klimapartnerschaft ; pg:startYear ?since .
          ?y rdfs:label "Yarinacocha"@de ; pg:country/pg:countryCode ?cc .
        }""")
    assert {(r["since"], r["cc"]) for r in rows} == {("2017", "PE")}


def test_leipzig_and_kyjiw_are_partners_linked_to_geonames(sample_build):
    out, _ = sample_build
    rows = select(out, """
        SELECT ?gn WHERE {
          ?l rdfs:label "Leipzig"@de ; pg:partnerOf ?k .
          ?k rdfs:label "Kyjiw"@de ; owl:sameAs ?gn .
        }""")
    assert {r["gn"] for r in rows} == {"https://sws.geonames.org/703448/"}


def test_every_partnership_keeps_its_source_article_and_evidence_sentence(sample_build):
    out, _ = sample_build
    rows = select(out, """
        SELECT ?p (COUNT(?a) AS ?articles) (COUNT(?m) AS ?evidence) WHERE {
          ?p a pg:Partnership .
          OPTIONAL { ?p prov:wasDerivedFrom ?a }
          OPTIONAL { ?p pg:evidence ?m }
        } GROUP BY ?p""")
    assert rows and all(int(r["articles"]) >= 1 and int(r["evidence"]) >= 1 for r in rows)


def test_every_fact_lives_in_its_articles_named_graph(sample_build):
    out, _ = sample_build
    rows = select(out, """
        SELECT (COUNT(*) AS ?n) WHERE {
          GRAPH ?g { ?p a pg:Partnership ; prov:wasDerivedFrom ?a } FILTER(?g != ?a)
        }""")
    assert rows[0]["n"] == "0"


def test_build_is_deterministic_and_idempotent(sample_build, tmp_path):
    out, _ = sample_build
    again = tmp_path / "again"
    build(None, BuildOptions(out_dir=again, jobs=1, viz=False, validate=False))
    assert (again / "graph.ttl").read_bytes() == (out / "graph.ttl").read_bytes()
    assert (again / "graph.trig").read_bytes() == (out / "graph.trig").read_bytes()
    report = build(None, BuildOptions(out_dir=again, jobs=1, viz=False, validate=False))
    assert report.articles_extracted == 0 and report.articles_unchanged == report.articles_read
    assert (again / "graph.ttl").read_bytes() == (out / "graph.ttl").read_bytes()


def test_two_workers_give_the_same_graph_as_one(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    corpus = tmp_path / "corpus.jsonl"
    lines = (Path(__file__).resolve().parents[1] / "data" / "sample" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    # 250 articles pass the parallel threshold: the same 39 with distinct urls
    rows = [json.loads(x) for x in lines]
    with corpus.open("w", encoding="utf-8") as fh:
        for i in range(250):
            r = dict(rows[i % len(rows)], url=f"{rows[i % len(rows)]['url']}?copy={i}")
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    build([str(corpus)], BuildOptions(out_dir=one, jobs=1, viz=False, validate=False))
    build([str(corpus)], BuildOptions(out_dir=two, jobs=2, viz=False, validate=False))
    assert (one / "graph.trig").read_bytes() == (two / "graph.trig").read_bytes()


def test_base_option_moves_every_resource(tmp_path):
    out = tmp_path / "based"
    build([str(FIXTURES / "graph" / "koeln-yarinacocha.jsonl")],
          BuildOptions(out_dir=out, base="https://example.org/kg/", viz=False, validate=False))
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "https://example.org/kg/municipality/de/koeln" in ttl
    assert "https://w3id.org/partnergraph/id/" not in ttl


def test_sample_graph_conforms_to_the_shapes(sample_build):
    _, report = sample_build
    assert report.validation["conforms"], report.validation["violations"][:5]


# -- the command line -------------------------------------------------------------------------

def run(*args, cwd=None):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "partnergraph", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=600)


def test_cli_build_reports_bad_lines_in_one_line_each_and_builds_the_rest(tmp_path):
    r = run("build", "-q", "--no-validate", "-d", str(tmp_path / "g"), str(FIXTURES / "articles"))
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    skipped = [ln for ln in r.stderr.splitlines() if "skipped" in ln]
    assert any("broken.jsonl:2" in ln for ln in skipped)
    assert any("latin.jsonl" in ln and "UTF-8" in ln for ln in skipped)
    assert any("empty.jsonl" in ln for ln in skipped)
    report = json.loads((tmp_path / "g" / "build-report.json").read_text(encoding="utf-8"))
    # broken.jsonl's a1, and a3 with its German date "19.12.2023" (a documented form, issue 12)
    assert report["articles_read"] == 2 and len(report["skipped"]) == len(skipped)


def test_cli_user_errors_exit_1_with_one_line(tmp_path):
    cases = [
        ("query", "-d", str(tmp_path / "nothing"), "partnerships"),
        ("query", "-d", str(tmp_path), "no-such-query"),
        ("export", "-d", str(tmp_path / "nothing")),
    ]
    for args in cases:
        r = run(*args)
        assert r.returncode == 1, args
        assert "Traceback" not in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1, r.stderr


def test_cli_query_export_and_viz_on_the_sample(sample_build, tmp_path):
    out, _ = sample_build
    listed = run("query", "--list").stdout.splitlines()
    assert len(listed) >= 8
    table = run("query", "-d", str(out), "partnerships")
    assert table.returncode == 0 and "Yarinacocha" in table.stdout
    data = json.loads(run("query", "-d", str(out), "-f", "json", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").stdout)
    assert int(data["results"]["bindings"][0]["n"]["value"]) > 1000
    nt = tmp_path / "g.nt"
    assert run("export", "-d", str(out), "-f", "ntriples", "-o", str(nt)).returncode == 0
    assert nt.stat().st_size > 0
    html = tmp_path / "koeln.html"
    r = run("viz", "-d", str(out), "--focus", "Köln", "-o", str(html))
    assert r.returncode == 0, r.stderr
    assert "Yarinacocha" in html.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["build", "query", "export", "viz", "validate", "evaluate"])
def test_every_command_has_help_and_a_place_in_the_readme(command):
    r = run(command, "--help")
    assert r.returncode == 0 and "usage:" in r.stdout
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert f"partnergraph {command}" in readme


def test_public_api_is_complete():
    import partnergraph

    exported = set(partnergraph.__all__)
    public = {n for n in dir(partnergraph) if not n.startswith("_") and n[0].isupper() or n == "build"}
    assert public <= exported | {"LOGGER"}
