"""Shared fixtures. The sample corpus is built once per test session (about 10 s) and the
compiled gazetteer is cached in the user's cache directory as in normal use."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnergraph.build import BuildOptions, build
from partnergraph.extract import Extractor

TESTS = Path(__file__).resolve().parent
GOLD = TESTS / "gold" / "sample.jsonl"
FIXTURES = TESTS / "fixtures"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """(graph directory, BuildReport) of a full build of the bundled sample corpus."""
    out = tmp_path_factory.mktemp("sample-graph")
    report = build(None, BuildOptions(out_dir=out, jobs=1))
    return out, report
