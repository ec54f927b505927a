"""benchmarks/real/quote_audit.py finds sentences of third-party pages that a tracked file repeats,
so that the rule "facts are committed, page texts are not" can be checked. The pages here are
invented for the test."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import load_script

PAGE = ("Der Stadtrat von Wellendorf hat am Dienstag einstimmig beschlossen, die Freundschaft mit "
        "der Hafenstadt Porto Lindo in eine förmliche Partnerschaft zu überführen. Gefördert wird "
        "das Vorhaben vom Netzwerk Kleine Städte am Meer.")


@pytest.fixture(scope="module")
def audit():
    return load_script("benchmarks/real/quote_audit.py")


def repo_with(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "repo"
    root.mkdir(parents=True)
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "."], cwd=root, check=True)
    return root


def cache_with(tmp_path: Path, pages: list[dict]) -> Path:
    path = tmp_path / "cache.jsonl"
    path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pages), encoding="utf-8")
    return path


def run(audit, capsys, root: Path, *args: str) -> tuple[int, str]:
    code = audit.main(["--root", str(root), *args])
    return code, capsys.readouterr().out


def test_a_copied_clause_in_a_comment_is_listed_with_its_file_line_and_url(audit, tmp_path, capsys):
    root = repo_with(tmp_path, {"mod.py": "x = 1\n# e.g. 'hat am Dienstag einstimmig beschlossen, die\n"
                                          "# Freundschaft mit der Hafenstadt Porto Lindo'\n"})
    cache = cache_with(tmp_path, [{"url": "https://example.org/rat", "title": "Rat", "text": PAGE}])
    code, out = run(audit, capsys, root, str(cache))
    assert code == 1
    assert out.startswith("mod.py:2: 12 words shared with https://example.org/rat: hat am dienstag")


def test_the_same_facts_in_our_own_words_pass(audit, tmp_path, capsys):
    root = repo_with(tmp_path, {"notes.md": "Wellendorf and Porto Lindo: the council voted on a Tuesday "
                                            "to make their friendship a formal partnership.\n"})
    cache = cache_with(tmp_path, [{"url": "https://example.org/rat", "title": "Rat", "text": PAGE}])
    assert run(audit, capsys, root, str(cache)) == (0, "")


def test_a_run_one_word_short_of_the_threshold_is_not_listed(audit, tmp_path, capsys):
    seven = "die Freundschaft mit der Hafenstadt Porto Lindo"
    eight = "die Freundschaft mit der Hafenstadt Porto Lindo in"
    cache = cache_with(tmp_path, [{"url": "https://example.org/rat", "title": "", "text": PAGE}])
    assert run(audit, capsys, repo_with(tmp_path / "a", {"a.txt": seven}), str(cache))[0] == 0
    assert run(audit, capsys, repo_with(tmp_path / "b", {"a.txt": eight}), str(cache))[0] == 1


def test_an_allowed_name_counts_as_one_word_so_the_name_alone_passes_and_a_clause_around_it_not(
        audit, tmp_path, capsys):
    allow = tmp_path / "allow.txt"
    allow.write_text("# a comment line\nNetzwerk Kleine Städte am Meer\n", encoding="utf-8")
    cache = cache_with(tmp_path, [{"url": "https://example.org/rat", "title": "", "text": PAGE}])
    name = repo_with(tmp_path / "a", {"a.txt": "funded by: vom Netzwerk Kleine Städte am Meer."})
    clause = repo_with(tmp_path / "b", {"a.txt": "in eine förmliche Partnerschaft zu überführen. Gefördert "
                                                 "wird das Vorhaben vom Netzwerk Kleine Städte am Meer"})
    assert run(audit, capsys, name, str(cache), "--allow", str(allow))[0] == 0
    code, out = run(audit, capsys, clause, str(cache), "--allow", str(allow))
    assert code == 1 and ": 12 words shared with" in out


def test_json_escapes_and_line_breaks_do_not_hide_a_quote(audit, tmp_path, capsys):
    note = {"notes": "the page says 'Freundschaft mit der Hafenstadt Porto Lindo in eine f\u00f6rmliche'"}
    root = repo_with(tmp_path, {"gold.jsonl": '{"a": 1}\n' + json.dumps(note) + "\n"})
    cache = cache_with(tmp_path, [{"url": "https://example.org/rat", "title": "", "text": PAGE}])
    code, out = run(audit, capsys, root, str(cache))
    assert code == 1 and out.startswith("gold.jsonl:2: 9 words")


def test_a_plain_text_source_is_named_by_its_path_and_absent_sources_are_skipped(audit, tmp_path, capsys):
    listing = tmp_path / "listing.txt"
    listing.write_text("Bonn, 3. Mai 2024. Die Partnergemeinden Elmhorst und Tarragosa tauschen sich "
                       "seit dem Frühjahr über Trinkwasser aus.\n", encoding="utf-8")
    root = repo_with(tmp_path, {"t.py": 'TEXT = "Elmhorst und Tarragosa tauschen sich seit dem Frühjahr aus"\n'})
    code = audit.main(["--root", str(root), str(tmp_path / "absent.jsonl"), "--text", str(listing)])
    captured = capsys.readouterr()
    assert code == 1 and f"shared with {listing}" in captured.out
    assert "absent.jsonl is absent, skipped" in captured.err


def test_without_any_third_party_text_it_says_so_without_a_traceback(audit, tmp_path, capsys):
    root = repo_with(tmp_path, {"a.txt": "x"})
    assert audit.main(["--root", str(root), str(tmp_path / "absent.jsonl")]) == 2
    assert "no third-party text" in capsys.readouterr().err


def test_a_run_inside_the_pages_title_is_a_citation_and_a_web_address_is_never_compared(audit, tmp_path, capsys):
    title = "Wellendorf und Porto Lindo besiegeln nach zwanzig Jahren ihre Freundschaft"
    cache = cache_with(tmp_path, [{"url": "https://example.org/rat/wellendorf-und-porto-lindo-besiegeln-nach-"
                                          "zwanzig-jahren-ihre-freundschaft", "title": title, "text": PAGE}])
    root = repo_with(tmp_path, {"queries.jsonl": json.dumps({
        "url": "https://example.org/rat/wellendorf-und-porto-lindo-besiegeln-nach-zwanzig-jahren-ihre-freundschaft",
        "query": title}, ensure_ascii=False) + "\n"})
    code, out = run(audit, capsys, root, str(cache))
    assert (code, out) == (0, "")
