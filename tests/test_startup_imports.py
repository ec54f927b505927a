"""Small commands start without the libraries only other commands need (issue 16.4): what a
command imports before it parses its arguments is checked in a fresh interpreter."""

import subprocess
import sys

import pytest

#: modules that cost tens of milliseconds and that --help, query and export never use
#: (shutil: bz2, lzma and zlib, ~2 ms, once imported by argparse for the terminal width of the
#: formatter that checks each option, cli_parser.py)
#: (urllib.request and http.client: ~30 ms, once pulled in by xml.sax.saxutils for the XML
#: results writer, which `query --list` never needs; measured by benchmarks/bench_startup.py)
HEAVY = ("rdflib", "requests", "lxml", "partnergraph.publish.dumps", "partnergraph.publish.export",
         "partnergraph.extract.extractor", "concurrent.futures.process", "urllib.request", "http.client",
         "xml.sax", "shutil")


def _imported_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    return set(out.split())


@pytest.mark.parametrize("code", [
    "import partnergraph",
    "import partnergraph.cli; partnergraph.cli.parser()",
    "import partnergraph.cli, partnergraph.query.runner, partnergraph.store.embedded",
])
def test_small_commands_import_no_heavy_library(code):
    loaded = _imported_after(code)
    assert not {m for m in HEAVY if m in loaded}


#: what a small query on the embedded store must not load (issue 16.4): rdflib's SPARQL parser
#: and pyparsing (~0.3 s with the grammar; the guard asks them only about ambiguous tokens,
#: query/readings.py), and the libraries of other commands (validation, crawling, the viewer)
QUERY_HEAVY = HEAVY + ("rdflib.plugins.sparql", "pyparsing", "pyshacl", "trafilatura", "networkx", "requests",
                       "partnergraph.validate", "partnergraph.viewer", "partnergraph.pipeline", "partnergraph.memo")


@pytest.fixture(scope="module")
def built_sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("startup") / "out"
    subprocess.run([sys.executable, "-m", "partnergraph", "build", "-q", "--no-validate", "-d", str(out)],
                   check=True, capture_output=True)
    return out


@pytest.mark.parametrize("query", [
    "SELECT ?p WHERE { ?p a <https://w3id.org/partnergraph/ontology#Programme> } LIMIT 3",
    "ukraine-water",
    "ASK { ?s pg:partnerOf ?o FILTER(?o != <https://w3id.org/partnergraph/id/x>) }",
])
def test_a_small_query_loads_no_parser_and_no_other_command_s_library(built_sample, query):
    code = ("import sys, partnergraph.cli\n"
            f"assert partnergraph.cli.main(['query', '-d', {str(built_sample)!r}, {query!r}]) == 0\n"
            "print('\\n'.join(sys.modules), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(done.stderr.split())
    assert "pyoxigraph" in loaded and done.stdout.strip()
    assert not {m for m in loaded for h in QUERY_HEAVY if m == h or m.startswith(h + ".")}


def test_listing_the_bundled_queries_loads_neither_the_store_nor_the_query_check():
    """`query --list` reads the .rq files only (query/bundled.py): no pyoxigraph (~4 ms), no
    query check or result writers (~8 ms)."""
    code = ("import sys, partnergraph.cli\n"
            "assert partnergraph.cli.main(['query', '--list']) == 0\n"
            "print('\\n'.join(sys.modules), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(done.stderr.split())
    assert "ukraine-water" in done.stdout
    assert not loaded & {"pyoxigraph", "partnergraph.query.runner", "partnergraph.query.guard",
                         "partnergraph.query.results", "partnergraph.store.embedded", "json", "csv"}


def test_the_help_does_not_load_typing():
    """typing costs ~2 ms, a tenth of what --help imports (graphdir.py needs it for type checkers only)."""
    code = ("import sys, partnergraph.cli\n"
            "partnergraph.cli.parser().format_help()\n"
            "print('\\n'.join(sys.modules))")
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split())
    assert "argparse" in loaded and "typing" not in loaded


def test_an_ambiguous_token_still_gets_rdflib_s_parse(built_sample):
    """The other side of the lazy import: a name that begins with a keyword is parsed by rdflib."""
    code = ("import sys, partnergraph.cli\n"
            f"partnergraph.cli.main(['query', '-d', {str(built_sample)!r}, "
            "'PREFIX service: <https://w3id.org/partnergraph/ontology#> SELECT ?m WHERE { ?m a service:Municipality } LIMIT 1'])\n"
            "print('\\n'.join(sys.modules), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "pyparsing" in done.stderr.split()


def test_lazy_public_names_still_resolve():
    import partnergraph

    assert partnergraph.Extractor.__name__ == "Extractor"
    assert partnergraph.Article.__module__ == "partnergraph.models"
    assert callable(partnergraph.build)
    from partnergraph.namespaces import PG

    assert str(PG.Municipality).endswith("#Municipality")


def test_parsing_one_command_adds_the_options_of_no_other_command():
    import argparse

    from partnergraph.cli import parser

    p = parser()
    args = p.parse_args(["query", "--list", "-q"])
    assert args.list and args.quiet
    commands = next(a for a in p._actions if isinstance(a, argparse._SubParsersAction)).choices
    options = {name: {o for a in sp._actions for o in a.option_strings} for name, sp in commands.items()}
    assert {"--list", "--format", "--dir", "-v"} <= options["query"]
    assert options["build"] == {"-h", "--help"}  # added when build parses or shows its help
    assert "--base" in commands["build"].format_help() and "--base" in {
        o for a in commands["build"]._actions for o in a.option_strings}


def test_an_option_of_a_command_named_after_the_command_is_still_refused_before_it():
    """The commands' options are not the main parser's: `partnergraph --list query` fails as before."""
    done = subprocess.run([sys.executable, "-m", "partnergraph", "--list", "query"], capture_output=True, text=True)
    assert done.returncode == 2 and "unrecognized arguments: --list" in done.stderr


def test_build_help_still_lists_the_crawl_flags():
    out = subprocess.run([sys.executable, "-m", "partnergraph", "build", "--help"],
                         capture_output=True, text=True, check=True).stdout
    assert "--max-pages" in out and "--offline" in out
