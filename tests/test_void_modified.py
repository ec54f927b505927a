"""void.ttl's dcterms:modified (the newest article's date) from the dates the state records per
article, not from a query over every article: the same bytes as a build from scratch whether the
newest article comes, goes or has only a year, and from the store when the state lacks them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from partnergraph.pipeline.build import BuildOptions, build
from partnergraph.publish import dataset

RECORDS = [
    {"url": "https://example.org/meldung/a", "title": "Partnerschaft", "date": "2021-02-03",
     "text": "Die Stadt Pulheim pflegt seit 1978 eine Städtepartnerschaft mit Guilherand-Granges."},
    {"url": "https://example.org/meldung/b", "title": "Jubiläum", "date": "2024-06-30",
     "text": "Ratingen und Le Quesnoy feiern ihre Partnerschaft, die 1959 begann."},
    {"url": "https://example.org/meldung/c", "title": "Rückblick", "date": "2025",
     "text": "Kerpen und Oranienburg sind seit 1990 Partnerstädte."},
]


def write(path: Path, recs: list[dict]) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    return str(path)


def run(source: str, out: Path):
    return build([source], BuildOptions(out_dir=out, jobs=1, prune=True, viz=False, validate=False))


def modified(out: Path) -> str | None:
    for line in (out / "void.ttl").read_text(encoding="utf-8").splitlines():
        if "modified" in line:
            return line.split('"')[1]
    return None


@pytest.mark.parametrize("after", [RECORDS[:1] + RECORDS[2:], RECORDS, RECORDS[2:]],
                         ids=["newest removed", "newest added", "only a year left"])
def test_a_rebuild_dates_the_dataset_as_a_build_from_scratch(tmp_path, monkeypatch, after):
    before = RECORDS[:2] if after is RECORDS else RECORDS
    source = write(tmp_path / "a.jsonl", before)
    run(source, tmp_path / "inc")
    write(tmp_path / "a.jsonl", after)
    given = []
    real = dataset.dataset_stats
    monkeypatch.setattr(dataset, "dataset_stats", lambda *a, **kw: given.append("modified" in kw) or real(*a, **kw))
    run(source, tmp_path / "inc")
    monkeypatch.setattr(dataset, "dataset_stats", real)
    assert given == [True]  # from the state: no query over every article
    run(write(tmp_path / "b.jsonl", after), tmp_path / "scratch")
    assert (tmp_path / "inc" / "void.ttl").read_bytes() == (tmp_path / "scratch" / "void.ttl").read_bytes()
    dated = [r["date"] for r in after if len(r["date"]) == 10]
    assert modified(tmp_path / "inc") == (max(dated) if dated else None)


def test_a_state_without_the_dates_has_the_store_asked(tmp_path, monkeypatch):
    source = write(tmp_path / "a.jsonl", RECORDS)
    run(source, tmp_path / "inc")
    state_path = tmp_path / "inc" / "state.json"
    state = json.loads(state_path.read_text(encoding="utf-8"))
    for rec in state["articles"].values():
        rec.pop("published")  # as an earlier version wrote it
    state_path.write_text(json.dumps(state), encoding="utf-8")
    write(tmp_path / "a.jsonl", RECORDS[:2])
    given = []
    real = dataset.dataset_stats
    monkeypatch.setattr(dataset, "dataset_stats", lambda *a, **kw: given.append("modified" in kw) or real(*a, **kw))
    run(source, tmp_path / "inc")
    assert given == [False] and modified(tmp_path / "inc") == "2024-06-30"
