"""ontology.html in a build: taken from the build's memo when the ontology files are the ones it
was rendered from (rendering parses every Turtle file: a fixed cost of every rebuild), rendered
again when a file changed, and rendered without complaint when the memo is unreadable."""

from __future__ import annotations

import logging
import shutil

import pytest

from partnergraph.graphdir import MEMO_FILE
from partnergraph.memo import Memo
from partnergraph.publish import docs
from partnergraph.resources import ontology_dir


@pytest.fixture(scope="module")
def fresh_page(tmp_path_factory) -> bytes:
    return docs.write_docs(tmp_path_factory.mktemp("plain") / "ontology.html").read_bytes()


def _render_fails(monkeypatch):
    def fail(directory=None):
        raise AssertionError("rendered although the memo has the page")

    monkeypatch.setattr(docs, "render", fail)


def test_a_second_build_takes_the_same_page_from_the_memo_without_rendering(tmp_path, monkeypatch, fresh_page):
    memo = Memo(tmp_path, version="v")
    assert docs.write_docs(tmp_path / "a.html", memo=memo).read_bytes() == fresh_page
    memo.close(collect=True)
    _render_fails(monkeypatch)
    again = Memo(tmp_path, version="v")
    assert docs.write_docs(tmp_path / "b.html", memo=again).read_bytes() == fresh_page
    again.close(collect=True)


def test_an_edited_ontology_file_renders_the_page_again(tmp_path, fresh_page):
    onto = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), onto)
    memo = Memo(tmp_path, version="v")
    assert docs.write_docs(tmp_path / "a.html", directory=onto, memo=memo).read_bytes() == fresh_page
    themes = onto / "themes.ttl"
    themes.write_text(themes.read_text(encoding="utf-8").replace('"Klimaschutz"@de', '"Klimaschutz und Energie"@de', 1),
                      encoding="utf-8")
    edited = docs.write_docs(tmp_path / "b.html", directory=onto, memo=memo).read_bytes()
    memo.close(collect=True)
    assert edited == docs.render(onto).encode("utf-8") and edited != fresh_page


def test_an_unreadable_memo_still_gives_the_page_with_a_one_line_warning(tmp_path, caplog, fresh_page):
    (tmp_path / MEMO_FILE).write_bytes(b"not a database at all" * 100)
    memo = Memo(tmp_path, version="v")
    with caplog.at_level(logging.WARNING):
        assert docs.write_docs(tmp_path / "a.html", memo=memo).read_bytes() == fresh_page
    memo.close(collect=True)
    assert all(r.exc_info is None and "\n" not in r.getMessage() for r in caplog.records)
