"""benchmarks/compare_real.py tells a change that moved a split's pairs F1 from noise, pairing the two
versions page by page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import load_script


@pytest.fixture(scope="module")
def compare_real():
    return load_script("benchmarks/compare_real.py")


def run(pages: dict) -> dict:
    return {"splits": {"fresh7": {"pairs_by_page": pages}}}


BEFORE = {f"https://example.org/{i}": [2, 1, 1] for i in range(30)}


def test_one_page_finding_one_more_pair_is_within_noise(compare_real):
    after = dict(BEFORE, **{"https://example.org/0": [3, 1, 0]})
    line = compare_real.compare(run(BEFORE), run(after), "fresh7", 1000)
    assert "1 scored differently (1 better, 0 worse, 0 mixed)" in line and line.endswith("within noise")


def test_a_pair_more_on_every_page_is_better_and_a_false_pair_more_on_every_page_worse(compare_real):
    better = {u: [3, 1, 0] for u in BEFORE}
    worse = {u: [2, 2, 1] for u in BEFORE}
    assert compare_real.compare(run(BEFORE), run(better), "fresh7", 1000).endswith(": better")
    assert compare_real.compare(run(BEFORE), run(worse), "fresh7", 1000).endswith(": worse")


def test_a_run_without_page_counts_is_named_not_compared(compare_real, tmp_path, capsys):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps({"splits": {"fresh7": {"pages": 3}}}))
    b.write_text(json.dumps(run(BEFORE)))
    assert compare_real.main([str(a), str(b), "--split", "fresh7"]) == 0
    assert "no per-page counts" in capsys.readouterr().out


def test_an_unreadable_run_is_one_line_on_stderr(compare_real, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert compare_real.main([str(bad), str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot read a run" in err
