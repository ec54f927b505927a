"""Shared fixtures. The sample corpus is built once per test session (about 10 s) and the
compiled gazetteer is cached in the user's cache directory as in normal use."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from partnergraph.pipeline.build import BuildOptions, build
from partnergraph.extract.extractor import Extractor

TESTS = Path(__file__).resolve().parent
GOLD = TESTS / "gold" / "sample.jsonl"
FIXTURES = TESTS / "fixtures"


#: the small served graph most server tests read (tests/fixtures/server/sample.trig)
SERVER_FIXTURE = FIXTURES / "server" / "sample.trig"


def server_graph_dir(directory: Path, extra=()) -> Path:
    """`directory` made a graph directory holding the server fixture, with the `extra` quads
    added to their graphs: its store and state.json."""
    import json

    import pyoxigraph as ox

    from partnergraph.namespaces import DEFAULT_BASE
    from partnergraph.store.embedded import EmbeddedStore

    graphs: dict[str, list] = {}
    for q in [*ox.parse(SERVER_FIXTURE.read_bytes(), format=ox.RdfFormat.TRIG), *extra]:
        graphs.setdefault(q.graph_name.value, []).append(q)
    store = EmbeddedStore(directory / "store")
    store.replace_graphs(graphs)
    store.close()
    (directory / "state.json").write_text(json.dumps({"base": DEFAULT_BASE}), encoding="utf-8")
    return directory


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """(graph directory, BuildReport) of a full build of the bundled sample corpus."""
    out = tmp_path_factory.mktemp("sample-graph")
    report = build(None, BuildOptions(out_dir=out, jobs=1))
    return out, report


#: Debian's Chromium, driven by playwright (no browser is downloaded)
CHROMIUM = os.environ.get("PARTNERGRAPH_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium for the page tests; missing Chromium fails them (CI installs it)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        yield b
        b.close()
