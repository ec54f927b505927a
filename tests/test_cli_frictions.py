"""What a new user ran into on the command line (issue 12), one test each: every one of them
failed before the fix."""

from __future__ import annotations

import json
import re
import shlex
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from partnergraph.cli import main
from partnergraph.resources import sample_dir

README = Path(__file__).resolve().parents[1] / "README.md"


def _lines(path: Path, *needles: str) -> str:
    """The sample's JSON lines whose url contains one of `needles`."""
    rows = (sample_dir() / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return "".join(r + "\n" for r in rows if any(n in json.loads(r)["url"] for n in needles))


def test_a_missing_source_stops_the_build_with_one_line(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", "-d", str(out), str(tmp_path / "typo.jsonl")]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "typo.jsonl: no such file or folder" in err
    assert not out.exists()  # nothing was built


def test_building_more_sources_into_a_directory_says_how_many_articles_it_holds(tmp_path, capsys):
    first, second = tmp_path / "eins.jsonl", tmp_path / "zwei.jsonl"
    first.write_text(_lines(first, "koeln-yarinacocha"), encoding="utf-8")
    second.write_text(_lines(second, "freiburg-lwiw"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", "-q", "--no-validate", "-d", str(out), str(first)]) == 0
    capsys.readouterr()
    assert main(["build", "-q", "--no-validate", "-d", str(out), str(second)]) == 0
    line = capsys.readouterr().out
    assert line.startswith("1 articles (1 extracted")
    assert "the graph holds 3 articles, 2 of them from earlier builds" in line and "--prune" in line
    assert main(["build", "-q", "--no-validate", "--prune", "-d", str(out), str(second)]) == 0
    assert "earlier builds" not in capsys.readouterr().out


def test_sparql_syntax_errors_count_lines_in_the_user_s_text_and_are_whole(sample_build, capsys):
    out, _ = sample_build
    query = "SELECT ?x WHERE {\n  ?x a pg:Article .\n  FILTER(?x = ) }"
    assert main(["query", "-d", str(out), query]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert re.search(r"line 3, column \d+", err), err
    assert err.rstrip().endswith(tuple("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ]_)")), err


def test_iris_in_the_table_can_be_pasted_back_into_a_query(sample_build, capsys):
    out, _ = sample_build
    assert main(["query", "-d", str(out), "SELECT ?p WHERE { ?p a pg:Partnership } LIMIT 3"]) == 0
    cells = [line.strip() for line in capsys.readouterr().out.splitlines()[2:-1]]
    assert cells and all(c.startswith("<https://w3id.org/partnergraph/id/partnership/") and c.endswith(">")
                         for c in cells)
    for cell in cells:
        assert main(["query", "-d", str(out), "-f", "json", f"ASK {{ {cell} a pg:Partnership }}"]) == 0
        assert json.loads(capsys.readouterr().out)["boolean"] is True
    # a local part that SPARQL accepts stays a prefixed name
    assert main(["query", "-d", str(out), "SELECT DISTINCT ?t WHERE { ?x a ?t FILTER(?t = pg:Partnership) }"]) == 0
    assert "pg:Partnership" in capsys.readouterr().out


def test_an_update_given_as_query_is_refused_as_an_update(sample_build, capsys):
    out, _ = sample_build
    assert main(["query", "-d", str(out), 'INSERT DATA { <urn:a> <urn:b> "c" }']) == 1
    err = capsys.readouterr().err
    assert "not allowed" in err and "INSERT" in err and "neither a bundled query" not in err


def test_a_misspelled_query_name_gets_a_suggestion(sample_build, capsys):
    out, _ = sample_build
    assert main(["query", "-d", str(out), "ukraine-watr"]) == 1
    assert "did you mean ukraine-water" in capsys.readouterr().err
    # a name with an update word in it is still a name ("with" is also SPARQL Update's WITH)
    assert main(["query", "-d", str(out), "partnerships-with-year"]) == 1
    assert "did you mean partnerships-without-year" in capsys.readouterr().err


def test_construct_results_come_as_rows_of_s_p_o_in_csv(sample_build, capsys):
    out, _ = sample_build
    construct = "CONSTRUCT { ?p a pg:Partnership } WHERE { ?p a pg:Partnership }"
    assert main(["query", "-d", str(out), "-f", "csv", construct]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0] == "s,p,o" and len(rows) > 5
    assert all(r.endswith(",http://www.w3.org/1999/02/22-rdf-syntax-ns#type,https://w3id.org/partnergraph/ontology#Partnership")
               for r in rows[1:])
    assert main(["query", "-d", str(out), "-f", "json", construct]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["head"]["vars"] == ["s", "p", "o"] and len(doc["results"]["bindings"]) == len(rows) - 1


def test_evaluate_accepts_a_directory(tmp_path, capsys):
    gold = Path(__file__).parent / "gold" / "sample.jsonl"
    corpus = tmp_path / "koeln.jsonl"
    corpus.write_text(_lines(corpus, "koeln-yarinacocha"), encoding="utf-8")
    assert main(["evaluate", "-d", str(tmp_path / "out"), "--summary", "-f", "json", str(gold), str(corpus)]) == 0
    assert json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("argv", [["-q", "query", "--list"], ["query", "--list", "-q"],
                                  ["-v", "query", "--list"], ["query", "-v", "--list"]])
def test_verbose_and_quiet_work_before_and_after_the_command(argv, capsys):
    assert main(argv) == 0
    assert "ukraine-water" in capsys.readouterr().out


def test_help_says_what_the_tool_does():
    r = subprocess.run([sys.executable, "-m", "partnergraph", "--help"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0
    assert "municipal partnerships" in r.stdout and "knowledge graph" in r.stdout
    assert "only module that prints" not in r.stdout  # not the developers' note


def test_serve_on_an_impossible_or_busy_port_is_one_line(sample_build):
    out, _ = sample_build
    r = subprocess.run([sys.executable, "-m", "partnergraph", "serve", "-d", str(out), "--port", "99999"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "Traceback" not in r.stderr and "65535" in r.stderr
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        r = subprocess.run([sys.executable, "-m", "partnergraph", "serve", "-q", "-d", str(out), "--port", str(port)],
                           capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and f"127.0.0.1:{port}" in r.stderr


def test_the_readme_tour_queries_answer_on_the_sample(sample_build, capsys):
    out, _ = sample_build
    tour = README.read_text(encoding="utf-8").split("## A short tour", 1)[1].split("```", 2)[1]
    queries = [shlex.split(line.split("  #")[0])[2:] for line in tour.splitlines()
               if line.startswith("partnergraph query ") and "--list" not in line]
    assert any("ukraine-water" in q for q in queries)
    for args in queries:
        args = [a for a in args if a not in (">", "partnerships.csv")]
        assert main(["query", "-d", str(out), *args]) == 0
        answer = capsys.readouterr().out
        assert "(0 rows)" not in answer and answer.strip(), args
        if args[0].startswith("SELECT ?name"):
            names = answer.splitlines()[2:-1]
            # one label per municipality: not the German and the English one side by side
            count = "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a pg:Municipality }"
            assert main(["query", "-d", str(out), "-f", "csv", count]) == 0
            assert len(names) == int(capsys.readouterr().out.split()[1])
