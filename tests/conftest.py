"""Shared fixtures. The sample corpus is built once per test session (about 10 s) and the
compiled gazetteer is cached in the user's cache directory as in normal use.

Every test that only reads a built sample uses `sample_build`; a test that writes into a graph
directory (a rebuild, a store update) works on its own copy (`sample_copy`) or its own build, and
a test of the build itself builds."""

from __future__ import annotations

import contextlib
import fcntl
import importlib.util
import json
import os
import shutil
from pathlib import Path

import pytest

from partnergraph.pipeline.build import BuildOptions, build
from partnergraph.extract.extractor import Extractor

TESTS = Path(__file__).resolve().parent
GOLD = TESTS / "gold" / "sample.jsonl"
FIXTURES = TESTS / "fixtures"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Under pytest-xdist (README's `pytest -n 2`), a test marked `alone` runs while no other
    worker runs a test: its pass depends on timing that a second test on the same cores upsets.
    Every other test holds a shared lock while it runs (set-up and teardown included), an `alone`
    one the exclusive lock; the turnstile keeps the other workers from starting new tests while
    it waits. POSIX record locks (lockf), not flock: a process a test forks does not inherit
    them, so no child left running can keep the lock held."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        yield
        return
    shared = item.config._tmp_path_factory.getbasetemp().parent  # one directory for all workers
    alone = item.get_closest_marker("alone") is not None
    with open(shared / "alone.turnstile", "a+b") as gate, open(shared / "alone.lock", "a+b") as lock:
        fcntl.lockf(gate, fcntl.LOCK_EX)
        if not alone:
            fcntl.lockf(gate, fcntl.LOCK_UN)
        fcntl.lockf(lock, fcntl.LOCK_EX if alone else fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.lockf(lock, fcntl.LOCK_UN)
            if alone:
                fcntl.lockf(gate, fcntl.LOCK_UN)


#: the small served graph most server tests read (tests/fixtures/server/sample.trig)
SERVER_FIXTURE = FIXTURES / "server" / "sample.trig"


@contextlib.contextmanager
def served(app):
    """`app` served by `partnergraph serve`'s server on a free port of 127.0.0.1 in a thread:
    yields the root URL; afterwards the server and the app are closed."""
    import threading

    from partnergraph.server.app import make_server

    server = make_server(app, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        app.close()


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


def partnership_of(extractor, text: str, names: frozenset[str], url: str):
    """The one partnership the extraction of `text` finds between the places of these German
    names (a test fails if there is none or more than one)."""
    from partnergraph import Article

    ex = extractor.extract(Article(url=url, text=text))
    by_key = {k: p.name_de for k, p in ex.places.items()}
    [partnership] = [p for p in ex.partnerships if frozenset(by_key.get(r, r) for _, r in p.partners) == names]
    return partnership


def load_script(relative: str):
    """A script of the repository that is not part of the package (benchmarks/…), imported as a module."""
    path = Path(__file__).resolve().parent.parent / relative
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pair_names(ex) -> set[frozenset[str]]:
    """The pairs of an extraction as sets of the partners' German names, as tests compare them."""
    return {frozenset(ex.places[r].name_de for _, r in p.partners) for p in ex.partnerships}


def pairs_in(extractor, text: str, url: str, title: str = "", date=None) -> set[frozenset[str]]:
    """The pairs (pair_names) the extraction of one article's text finds."""
    from partnergraph import Article

    return pair_names(extractor.extract(Article(url=url, title=title, text=text, date=date)))


def _files(directory: Path) -> dict[str, tuple[int, int]]:
    """Every file below `directory` with its size and modification time, except the store's info
    logs (``LOG*``), which opening a store, even read-only, writes."""
    return {str(p.relative_to(directory)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(directory.rglob("*")) if p.is_file() and not p.name.startswith("LOG")}


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """(graph directory, BuildReport) of a full build (validated, with the viewer page) of the
    bundled sample corpus, shared by every test of the session: read it, never write into it.
    At the end of the session the directory must be as the build left it, else the test
    that wrote into it has spoilt what the others read."""
    out = tmp_path_factory.mktemp("sample-graph")
    report = build(None, BuildOptions(out_dir=out, jobs=1))
    before = _files(out)
    yield out, report
    assert _files(out) == before, "a test wrote into the shared sample build: use sample_copy"


def sample_copy(sample_build, target: Path) -> Path:
    """A copy of the shared sample build at `target`, for a test that writes into it."""
    shutil.copytree(sample_build[0], target)
    return target


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


def write_jsonl(path: Path, recs: list[dict]) -> str:
    """Writes `recs` as a JSON Lines source (one record a line, UTF-8) and returns its path."""
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    return str(path)
