"""benchmarks/real/refill.py: a search result saved as a raw file becomes a cache page only when it is
the annotated text (by the gold's hashes), and the cache and the queries that found the pages are
written from those files alone."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from conftest import load_script


@pytest.fixture(scope="module")
def refill():
    return load_script("benchmarks/real/refill.py")


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


TEXT = "Amtsblatt Nr. 12 vom 3.5.2021 Besuch aus der Partnerstadt\n\nEine Delegation aus Veszprém kam nach Passau."
PAGE = "https://example.org/besuch?id=1&x=[a]"


def gold_record(text=TEXT, title="Besuch aus der Partnerstadt", split="dev"):
    record = {"url": PAGE, "publisher": "example.org", "split": split, "text_sha256": sha(text)}
    if title:
        record["title_sha256"] = sha(title)
    return record


def raw_file(tmp_path: Path, n: int, **fields) -> Path:
    path = tmp_path / f"{n:04d}.json"
    path.write_text(json.dumps({"url": PAGE, "query": "Passau Veszprém Besuch", "excerpt": TEXT, **fields},
                               ensure_ascii=False), encoding="utf-8")
    return path


def test_a_result_with_the_annotated_text_becomes_a_page_with_its_title(refill, tmp_path):
    verdict, page = refill.check([gold_record()], raw_file(tmp_path, 1))
    assert "ok" in verdict
    # the heading shares its line with a gazette number: the title is the heading's words alone
    assert page == {"url": PAGE, "title": "Besuch aus der Partnerstadt", "text": TEXT, "publisher": "example.org"}


def test_a_copy_with_one_character_changed_is_refused(refill, tmp_path):
    verdict, page = refill.check([gold_record()], raw_file(tmp_path, 1, excerpt=TEXT.replace("é", "e")))
    assert page is None and "differs" in verdict


def test_a_result_of_another_address_is_refused_but_percent_encoding_is_not_a_difference(refill, tmp_path):
    _, page = refill.check([gold_record()], raw_file(tmp_path, 1, url="https://example.org/besuch?id=2"))
    assert page is None
    _, page = refill.check([gold_record()], raw_file(tmp_path, 1, url="https://example.org/besuch?id=1&x=%5Ba%5D"))
    assert page is not None and page["url"] == PAGE


def test_a_heading_broken_over_two_lines_is_found_as_one_title(refill, tmp_path):
    text = "Menü\nKreis Nordheim erhält Besuch\naus dem Partnerkreis Pisz\n\nText."
    record = gold_record(text=text, title="Kreis Nordheim erhält Besuch aus dem Partnerkreis Pisz")
    _, page = refill.check([record], raw_file(tmp_path, 1, excerpt=text))
    assert page["title"] == "Kreis Nordheim erhält Besuch aus dem Partnerkreis Pisz"


def test_build_writes_only_good_pages_of_the_asked_splits_and_keeps_their_queries(refill, tmp_path, monkeypatch):
    other = dict(gold_record(), url="https://example.org/other", split="fresh7")
    monkeypatch.setattr(refill, "read_gold", lambda: [gold_record(), other])
    raw = tmp_path / "raw"
    raw.mkdir()
    raw_file(raw, 1)
    raw_file(raw, 2, url="https://example.org/other")
    out, queries = tmp_path / "cache.jsonl", tmp_path / "queries.jsonl"
    assert refill.main(["build", str(raw), str(out), "--queries", str(queries), "--not-split", "fresh7"]) == 0
    pages = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [p["url"] for p in pages] == [PAGE]
    assert [json.loads(line) for line in queries.read_text(encoding="utf-8").splitlines()] == [
        {"url": PAGE, "query": "Passau Veszprém Besuch"}]
