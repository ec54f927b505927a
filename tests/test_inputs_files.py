"""Reading JSON Lines, listing pages in the seed's format and HTML files; bad input is reported
per line or block and the rest is read."""

import datetime as dt
from pathlib import Path

from partnergraph.errors import SourceError
from partnergraph.models import Article
from partnergraph.resources import sample_dir
from partnergraph.sources import read_path

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
#: a listing page in the format of the seed listing (navigation lines, then blocks of caption,
#: title and dateline + teaser), written by the team; the first block has no caption, as there
LISTING = ARTICLES.parent / "listing" / "nachrichten-liste.txt"


def split(items):
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, SourceError)]


def test_broken_json_lines_are_reported_with_file_and_line_and_the_rest_is_read():
    articles, errors = split(read_path(ARTICLES / "broken.jsonl"))
    # line 5's German date "19.12.2023" is one of the documented forms (issue 12)
    assert [a.url for a in articles] == ["https://beispiel-kommunal.de/a1", "https://beispiel-kommunal.de/a3"]
    assert articles[1].date == dt.date(2023, 12, 19)
    messages = sorted(str(e) for e in errors)
    assert any("broken.jsonl:2: broken JSON" in m for m in messages)
    assert any("broken.jsonl:4: missing required field 'url'" in m for m in messages)
    assert len(messages) == 2 and all("\n" not in m for m in messages)


def test_invalid_utf8_and_empty_files_are_one_error_each():
    _, bad = split(read_path(ARTICLES / "latin.jsonl"))
    _, empty = split(read_path(ARTICLES / "empty.jsonl"))
    assert len(bad) == 1 and "invalid UTF-8" in str(bad[0]) and "latin.jsonl:1" in str(bad[0])
    assert len(empty) == 1 and "empty file" in str(empty[0])


def test_missing_path_and_unknown_type_are_errors_not_exceptions(tmp_path):
    (tmp_path / "notes.docx").write_bytes(b"x")
    _, errors = split(read_path(tmp_path / "nope.jsonl"))
    _, errors2 = split(read_path(tmp_path / "notes.docx"))
    assert "no such file" in str(errors[0]) and "unknown file type" in str(errors2[0])


def test_a_listing_file_gives_one_article_per_block_with_caption_kept_apart():
    articles, errors = split(read_path(LISTING))
    assert errors == []
    assert len(articles) == 4
    assert articles[0].title == "Partnerschaften im Porträt: Wie kleine Gemeinden voneinander lernen"
    assert articles[0].image_alt == ""
    heil = next(a for a in articles if "Heilwissen" in a.title)
    assert heil.date == dt.date(2023, 9, 25) and heil.place == "Bonn"
    assert "Lissabon" in heil.image_alt and "Lissabon" not in heil.analysed_text
    assert heil.url.startswith("urn:partnergraph:nachrichten-liste:mit-traditionellem-heilwissen")
    assert all(not a.text.startswith("Bonn,") for a in articles)


def test_listing_block_without_dateline_is_reported(tmp_path):
    p = tmp_path / "liste.txt"
    p.write_text("Bild\n\nTitel eins\n\nBonn, 1. März 2024. Text eins.\n\nNur ein Titel ohne Datum\n", encoding="utf-8")
    articles, errors = split(read_path(p))
    assert [a.title for a in articles] == ["Titel eins"]
    assert len(errors) == 1 and "liste.txt:7" in str(errors[0])


def test_sample_corpus_is_read_without_errors_in_all_three_formats():
    articles, errors = split(read_path(sample_dir()))
    assert errors == []
    assert len(articles) >= 40
    origins = {Path(a.origin.split(":")[0]).suffix for a in articles}
    assert origins == {".jsonl", ".txt", ".html"}


def test_html_page_gives_title_date_dateline_body_and_caption():
    page = sorted((sample_dir() / "html").glob("*.html"))[0]
    articles, errors = split(read_path(page))
    assert errors == [] and len(articles) == 1
    a = articles[0]
    assert a.title and a.date and len(a.text) > 200
    assert a.url.startswith("https://")
    assert "Cookie" not in a.text
