"""Small commands start without the libraries only other commands need (issue 16.4): what a
command imports before it parses its arguments is checked in a fresh interpreter."""

import subprocess
import sys

import pytest

#: modules that cost tens of milliseconds and that --help, query and export never use
#: (urllib.request and http.client: ~30 ms, once pulled in by xml.sax.saxutils for the XML
#: results writer, which `query --list` never needs; measured by benchmarks/bench_startup.py)
HEAVY = ("rdflib", "requests", "lxml", "partnergraph.publish.dumps", "partnergraph.publish.export",
         "partnergraph.extract.extractor", "concurrent.futures.process", "urllib.request", "http.client",
         "xml.sax")


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


def test_lazy_public_names_still_resolve():
    import partnergraph

    assert partnergraph.Extractor.__name__ == "Extractor"
    assert partnergraph.Article.__module__ == "partnergraph.models"
    assert callable(partnergraph.build)
    from partnergraph.namespaces import PG

    assert str(PG.Municipality).endswith("#Municipality")


def test_build_help_still_lists_the_crawl_flags():
    out = subprocess.run([sys.executable, "-m", "partnergraph", "build", "--help"],
                         capture_output=True, text=True, check=True).stdout
    assert "--max-pages" in out and "--offline" in out
