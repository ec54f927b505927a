"""The lines of JSON Lines sources remembered between builds (sources/line_index.py): a rebuild
parses only the lines that changed, and its graph is the one a build from scratch makes."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from partnergraph.pipeline.build import BuildOptions, build
from partnergraph.sources import files
from partnergraph.sources.line_index import INDEX_FILE

RECORDS = [
    {"url": "https://example.org/nachrichten/1", "title": "Besuch aus Frankreich",
     "date": "2023-05-04", "text": "Die Stadt Pulheim pflegt seit 1978 eine Städtepartnerschaft mit Guilherand-Granges."},
    {"url": "https://example.org/nachrichten/2", "title": "Jubiläum",
     "date": "2022-09-01", "text": "Ratingen und Le Quesnoy feiern ihre Partnerschaft, die 1959 begann."},
    {"url": "https://example.org/nachrichten/3", "title": "Schüleraustausch",
     "date": "2021-03-15", "text": "Schüler aus Kerpen reisten in die Partnerstadt Oranienburg."},
]


def write(path: Path, recs: list[dict]) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    return str(path)


def run(source: str, out: Path):
    return build([source], BuildOptions(out_dir=out, validate=False, viz=False, jobs=1))


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in ("graph.ttl", "graph.trig", "stats.json")}


@pytest.fixture
def parsed(monkeypatch):
    """The records the build parses, by URL."""
    seen: list[str] = []
    real = files.article_from_record

    def spy(obj, **kw):
        seen.append(obj.get("url"))
        return real(obj, **kw)

    monkeypatch.setattr(files, "article_from_record", spy)
    return seen


def test_a_rebuild_parses_only_the_changed_line_and_equals_a_build_from_scratch(tmp_path, parsed):
    source = write(tmp_path / "a.jsonl", RECORDS)
    run(source, tmp_path / "inc")
    assert len(parsed) == 3 and (tmp_path / "inc" / INDEX_FILE).exists()
    changed = [RECORDS[0], {**RECORDS[1], "text": RECORDS[1]["text"] + " Sie besteht bis heute."}, RECORDS[2]]
    write(tmp_path / "a.jsonl", changed)
    parsed.clear()
    report = run(source, tmp_path / "inc")
    assert parsed == [RECORDS[1]["url"]]
    assert (report.articles_extracted, report.articles_unchanged) == (1, 2)
    run(write(tmp_path / "fresh.jsonl", changed), tmp_path / "fresh")
    assert outputs(tmp_path / "inc") == outputs(tmp_path / "fresh")


def test_an_added_and_a_removed_line_give_the_graph_of_a_build_from_scratch(tmp_path, parsed):
    source = write(tmp_path / "a.jsonl", RECORDS[:2])
    run(source, tmp_path / "inc")
    write(tmp_path / "a.jsonl", RECORDS[1:])  # the first one goes, a third one comes
    parsed.clear()
    report = run(source, tmp_path / "inc")
    assert parsed == [RECORDS[2]["url"]] and report.articles_extracted == 1
    run(write(tmp_path / "fresh.jsonl", RECORDS), tmp_path / "fresh")  # without --prune the first stays
    assert outputs(tmp_path / "inc") == outputs(tmp_path / "fresh")


def test_a_line_that_warns_warns_again_on_every_build(tmp_path, caplog):
    recs = [RECORDS[0], {**RECORDS[1], "date": "irgendwann"}]
    source = write(tmp_path / "a.jsonl", recs)
    for _ in range(2):
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            run(source, tmp_path / "out")
        assert sum("irgendwann" in r.getMessage() for r in caplog.records) == 1


@pytest.mark.parametrize("damage", [b"", b"not marshal data at all", b"\x00" * 40])
def test_a_damaged_line_index_is_told_in_one_line_and_every_line_is_parsed(tmp_path, parsed, caplog, damage):
    source = write(tmp_path / "a.jsonl", RECORDS)
    run(source, tmp_path / "out")
    before = outputs(tmp_path / "out")
    (tmp_path / "out" / INDEX_FILE).write_bytes(damage)
    write(tmp_path / "a.jsonl", RECORDS)
    parsed.clear()
    with caplog.at_level(logging.WARNING):
        report = run(source, tmp_path / "out")
    assert len(parsed) == 3 and report.articles_extracted == 0
    notices = [r for r in caplog.records if INDEX_FILE in r.getMessage()]
    assert len(notices) == 1 and notices[0].exc_info is None
    assert outputs(tmp_path / "out") == before
    parsed.clear()
    run(source, tmp_path / "out")  # written anew: the next build parses nothing
    assert parsed == []


def test_a_missing_line_index_parses_every_line_without_a_warning(tmp_path, parsed, caplog):
    source = write(tmp_path / "a.jsonl", RECORDS)
    run(source, tmp_path / "out")
    (tmp_path / "out" / INDEX_FILE).unlink()
    parsed.clear()
    with caplog.at_level(logging.WARNING):
        report = run(source, tmp_path / "out")
    assert len(parsed) == 3 and report.articles_extracted == 0
    assert not [r for r in caplog.records if INDEX_FILE in r.getMessage()]


def test_other_rules_read_nothing_from_the_line_index(tmp_path, parsed, monkeypatch):
    import sys

    source = write(tmp_path / "a.jsonl", RECORDS)
    run(source, tmp_path / "out")
    build_module = sys.modules["partnergraph.pipeline.build"]
    real = build_module.fingerprint
    monkeypatch.setattr(build_module, "fingerprint", lambda base: "other-rules-" + real(base))
    parsed.clear()
    report = run(source, tmp_path / "out")
    assert len(parsed) == 3 and report.articles_extracted == 3


def test_a_remembered_line_gives_the_article_its_parsing_gives(tmp_path):
    from partnergraph.graph.iri import Minter
    from partnergraph.sources.line_index import KnownArticle, LineIndex, article_chars, full_article

    path = Path(write(tmp_path / "a.jsonl", RECORDS))
    minter = Minter()
    first = LineIndex(tmp_path, "stamp", minter.article)
    parsed = list(files.read_path(path, first))
    first.save()
    known = list(files.read_path(path, LineIndex(tmp_path, "stamp", minter.article)))
    assert all(isinstance(k, KnownArticle) for k in known)
    for k, p in zip(known, parsed):
        assert (k.url, k.origin, k.content_hash, k.graph) == (p.url, p.origin, p.content_hash, minter.article(p.url))
        assert article_chars(k) == article_chars(p) and full_article(k) == p and k.title == p.title
    assert not any(isinstance(k, KnownArticle) for k in files.read_path(path, LineIndex(tmp_path, "other", minter.article)))
