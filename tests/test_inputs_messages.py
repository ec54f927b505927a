"""One clear line per input problem, naming its cause: URLs that are not IRIs, fields of the wrong
JSON type, binary files, byte order marks inside a file, dates in forms the docs do not name, and
no log lines of the libraries on the user's terminal. Every input is written here, by us."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from partnergraph.errors import SourceError
from partnergraph.models import Article
from partnergraph.sources import read_path
from partnergraph.sources.files import MAX_ERRORS_PER_FILE, article_from_record
from partnergraph.sources.urls import article_iri

TEXT = "Die Stadt Bonn und die Stadt Cape Coast in Ghana haben eine Klimapartnerschaft vereinbart."


def record(**fields) -> dict:
    return {"url": "https://kommune.example/a", "title": "Bonn und Cape Coast", "text": TEXT, **fields}


def jsonl(path: Path, *lines) -> Path:
    path.write_bytes(b"".join((ln if isinstance(ln, bytes) else json.dumps(ln, ensure_ascii=False).encode())
                              + b"\n" for ln in lines))
    return path


def split(items):
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [str(i) for i in items if isinstance(i, SourceError)]


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "partnergraph", *args], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ}, timeout=300)


# -- URLs -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("url, encoded", [
    ("https://kommune.example/ein artikel", "https://kommune.example/ein%20artikel"),
    ("https://kommune.example/a<b>", "https://kommune.example/a%3Cb%3E"),
    ("https://kommune.example/rabatt-%zz", "https://kommune.example/rabatt-%25zz"),
    ("https://kommune.example/suche?q=a b&x=1", "https://kommune.example/suche?q=a%20b&x=1"),
])
def test_a_url_that_is_not_an_iri_is_percent_encoded_where_that_is_safe_and_said_so(url, encoded, caplog):
    with caplog.at_level("WARNING", logger="partnergraph"):
        article = article_from_record(record(url=url), origin="a.jsonl:3")
    assert article.url == encoded
    (note,) = [r.getMessage() for r in caplog.records]
    assert note.startswith("a.jsonl:3: url ") and "not a valid IRI" in note and repr(encoded) in note


@pytest.mark.parametrize("url, cause", [
    ("kommune.example/artikel", "no scheme"),
    ("https://kom mune.example/artikel", "host part"),
    ("https://[::1/artikel", "not a valid IRI"),
])
def test_a_url_no_encoding_can_save_is_refused_with_the_cause(url, cause):
    with pytest.raises(SourceError) as caught:
        article_iri(url)
    assert cause in str(caught.value) and repr(url) in str(caught.value) and "ValueError" not in str(caught.value)


def test_valid_urls_and_iris_are_kept_as_they_are():
    for url in ("https://kommune.example/städtepartnerschaft?x=1#oben", "urn:partnergraph:liste:bonn",
                "https://kommune.example/a%20b"):
        assert article_iri(url) == (url, "")


# -- JSON types -------------------------------------------------------------------------------------

@pytest.mark.parametrize("field, value, kind", [
    ("url", 42, "a number"), ("url", ["https://kommune.example/a"], "a list"), ("title", {"de": "x"}, "an object"),
    ("text", True, "true/false"), ("date", 20230724, "a number"), ("place", 1.5, "a number"),
])
def test_a_field_of_the_wrong_json_type_is_named_with_the_type_it_has(field, value, kind):
    with pytest.raises(SourceError) as caught:
        article_from_record(record(**{field: value}))
    assert str(caught.value) == f"field {field!r} must be a string, got {kind}"


def test_a_missing_url_is_still_called_missing():
    rec = record()
    del rec["url"]
    with pytest.raises(SourceError, match="missing required field 'url'"):
        article_from_record(rec)


# -- broken files -----------------------------------------------------------------------------------

def test_a_binary_file_is_one_line(tmp_path):
    path = tmp_path / "bild.jsonl"
    path.write_bytes(bytes(range(256)) * 400)  # 100 KB with NUL bytes and many line breaks
    articles, errors = split(read_path(path))
    assert articles == [] and len(errors) == 1
    assert errors[0] == f"{path}: a binary file, not text (a NUL byte at byte 0)"


def test_a_utf16_file_is_one_line_saying_so(tmp_path):
    path = tmp_path / "utf16.jsonl"
    path.write_bytes(json.dumps(record()).encode("utf-16"))
    _, errors = split(read_path(path))
    assert errors == [f"{path}: UTF-16 encoded; save it as UTF-8"]


def test_a_file_of_many_broken_lines_gives_a_few_lines_then_a_count(tmp_path):
    path = jsonl(tmp_path / "kaputt.jsonl", record(), *[b"{kein json" for _ in range(40)], record(url="https://kommune.example/z"))
    articles, errors = split(read_path(path))
    assert [a.url for a in articles] == ["https://kommune.example/a", "https://kommune.example/z"]
    assert len(errors) == MAX_ERRORS_PER_FILE + 1
    assert all("broken JSON" in e for e in errors[:-1])
    assert errors[-1] == f"{path}: {40 - MAX_ERRORS_PER_FILE} more unreadable entries from line {MAX_ERRORS_PER_FILE + 2} on " \
                         f"(only the first {MAX_ERRORS_PER_FILE} are shown)"


def test_a_byte_order_mark_at_the_start_of_a_later_line_is_stripped_with_a_note(tmp_path, caplog):
    first, second = record(), record(url="https://kommune.example/b")
    path = jsonl(tmp_path / "zusammen.jsonl", "\ufeff".encode() + json.dumps(first).encode(),
                 "\ufeff".encode() + json.dumps(second).encode())
    with caplog.at_level("WARNING", logger="partnergraph"):
        articles, errors = split(read_path(path))
    assert [a.url for a in articles] == ["https://kommune.example/a", "https://kommune.example/b"] and errors == []
    (note,) = [r.getMessage() for r in caplog.records]  # the first line's mark is just a file's start
    assert note.startswith(f"{path}:2: a byte order mark")


# -- dates ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["20230724", "2023-W30-1", "2023-W30", "2023-205", "24/07/2023", "gestern"])
def test_dates_in_forms_the_docs_do_not_name_are_not_read_and_said_so(value, caplog):
    with caplog.at_level("WARNING", logger="partnergraph"):
        article = article_from_record(record(date=value), origin="a.jsonl:7")
    assert article.date is None
    (note,) = [r.getMessage() for r in caplog.records]
    assert note.startswith(f"a.jsonl:7: field 'date' {value!r} is not a date") and "without a date" in note


# -- the terminal -----------------------------------------------------------------------------------

def test_a_build_shows_only_partnergraphs_own_lines_for_broken_inputs(tmp_path):
    pages = tmp_path / "seiten"
    pages.mkdir()
    # declared UTF-16, written in UTF-8 (a copied template), and a page with no article at all:
    # trafilatura and htmldate log about both
    (pages / "utf16.html").write_bytes(
        ('<html><head><meta charset="utf-16"><title>Bonn</title></head><body><article><h1>Bonn und Cape Coast'
         f'</h1><p>{TEXT} Die Zusammenarbeit soll viele Jahre dauern.</p></article></body></html>').encode())
    (pages / "leer.html").write_bytes(b"<html><head><meta charset='utf-16'></head><body></body></html>")
    (tmp_path / "bild.jsonl").write_bytes(bytes(range(256)) * 40)
    done = cli("build", str(pages), str(tmp_path / "bild.jsonl"), "-d", str(tmp_path / "g"), "--no-validate",
               cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert all(ln.startswith("partnergraph: ") for ln in lines), lines
    assert not any("ERROR" in ln or "discarding data" in ln or "parsed tree" in ln for ln in lines), lines
    skipped = [ln for ln in lines if "skipped" in ln]
    assert len(skipped) == 2 and any("leer.html" in ln for ln in skipped) and any("binary file" in ln for ln in skipped)
    assert "1 articles" in done.stdout  # the UTF-16-declared page written in UTF-8 is read
