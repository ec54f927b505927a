"""`partnergraph query --format` on the built sample corpus: an aligned table whose IRIs can be
pasted back into SPARQL, CSV and TSV with one line per solution, and JSON that is valid SPARQL 1.1 Query Results
JSON (https://www.w3.org/TR/sparql11-results-json/)."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest

from partnergraph.cli import main

QUERY = "partnerships"


@pytest.fixture(scope="module")
def graph_dir(sample_build):
    return sample_build[0]


def run_cli(capsys, *args) -> str:
    assert main(["query", *args]) == 0
    return capsys.readouterr().out


def test_json_is_sparql_results_json(graph_dir, capsys):
    doc = json.loads(run_cli(capsys, "-d", str(graph_dir), "-f", "json", QUERY))
    names = doc["head"]["vars"]
    assert names[:3] == ["partnership", "partnerA", "countryA"]
    bindings = doc["results"]["bindings"]
    assert len(bindings) >= 10
    for b in bindings:
        assert set(b) <= set(names)
        for term in b.values():
            assert term["type"] in ("uri", "literal", "bnode") and isinstance(term["value"], str)
            assert set(term) <= {"type", "value", "xml:lang", "datatype"}
    assert any(b["since"] == {"type": "literal", "value": "2017", "datatype": "http://www.w3.org/2001/XMLSchema#gYear"}
               and b["partnerB"]["value"] == "Yarinacocha" for b in bindings if "since" in b)
    # and an independent reader gets the same solutions back
    parsed = ox.parse_query_results(json.dumps(doc), format=ox.QueryResultsFormat.JSON)
    assert len(list(parsed)) == len(bindings)


def test_json_of_ask_is_a_boolean(graph_dir, capsys):
    doc = json.loads(run_cli(capsys, "-d", str(graph_dir), "-f", "json", "ASK { ?p a pg:Partnership }"))
    assert doc == {"head": {}, "boolean": True}


def test_csv_has_a_header_and_one_record_per_solution(graph_dir, capsys):
    table = list(csv.reader(io.StringIO(run_cli(capsys, "-d", str(graph_dir), "-f", "csv", QUERY))))
    doc = json.loads(run_cli(capsys, "-d", str(graph_dir), "-f", "json", QUERY))
    assert table[0] == doc["head"]["vars"]
    assert len(table) - 1 == len(doc["results"]["bindings"])
    assert all(len(row) == len(table[0]) for row in table)
    row = next(r for r in table[1:] if r[1] == "Köln" and r[3] == "Yarinacocha")
    assert row[0].startswith("https://w3id.org/partnergraph/id/partnership/")  # full IRIs, not prefixed


def test_tsv_keeps_every_row_on_one_line(graph_dir, capsys):
    out = run_cli(capsys, "-d", str(graph_dir), "-f", "tsv", "partnership-evidence")
    lines = out.rstrip("\n").split("\n")
    header = lines[0].split("\t")
    assert header == ["label", "headline", "date", "quote"]
    assert all(len(line.split("\t")) == 4 for line in lines[1:])
    assert any(line.startswith("Köln – Yarinacocha\t") for line in lines)


def test_table_is_aligned_and_prints_iris_as_sparql_can_read_them(graph_dir, capsys):
    lines = run_cli(capsys, "-d", str(graph_dir), QUERY).rstrip("\n").split("\n")
    header, rule, *rows, count = lines
    assert header.split()[:3] == ["partnership", "partnerA", "countryA"]
    starts = [i for i, ch in enumerate(rule) if ch == "-" and (i == 0 or rule[i - 1] == " ")]
    assert starts[:3] == [header.index("partnership"), header.index("partnerA"), header.index("countryA")]
    for row in rows:  # every column starts where its header does
        # `pgid:partnership/…` is no prefixed name SPARQL reads ("/" in the local part): <…>
        assert row.startswith("<https://w3id.org/partnergraph/id/partnership/")
        assert row[starts[1] - 2:starts[1]] == "  " and row[starts[1]] != " "
    assert count == f"({len(rows)} rows)"
