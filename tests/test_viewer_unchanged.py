"""A rebuild whose changed articles give the viewer the facts they gave before takes graph.html
and the partnership network over from the last build (viewer/unchanged.py); every output is
still the bytes a build from scratch writes, and a page that is not the one the memo describes
(other assets, a file changed by hand) is made again."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from partnergraph.graph.partnership_network import network_from_rows
from partnergraph.memo import Memo
from partnergraph.pipeline.build import BuildOptions, build
from partnergraph.viewer import network as viewer_network
from partnergraph.viewer import unchanged
from conftest import write_jsonl

SAMPLE = Path(__file__).parent.parent / "data" / "sample" / "articles.jsonl"
#: a sentence that names no place, programme or partnership: the article's viewer facts stay
QUIET_SENTENCE = " Die Sitzung im Rathaus dauerte am Ende knapp zwei Stunden."
#: a sentence that adds a partnership: the viewer's facts change
NEW_PARTNERSHIP = " Die Städtepartnerschaft zwischen Köln und Kyjiw besteht seit 1989."
COMPARED = ("graph.html", "graph.ttl", "graph.trig", "stats.json", "void.ttl")


def sample(n: int = 6) -> list[dict]:
    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()[:n]]


def run(source: str, out: Path):
    return build([source], BuildOptions(out_dir=out, validate=False, jobs=1))


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in COMPARED}


def facts_key(out: Path) -> str | None:
    return json.loads((out / "state.json").read_text(encoding="utf-8")).get(unchanged.STATE_KEY)


class PageCounter:
    """Counts the pages `write_network` makes."""

    def __init__(self, monkeypatch):
        self.made = 0
        real = viewer_network.write_network

        def counted(*args, **kw):
            self.made += 1
            return real(*args, **kw)

        monkeypatch.setattr(viewer_network, "write_network", counted)


def rebuilt(tmp_path: Path, sentence: str, monkeypatch, *, before_rebuild=None) -> tuple[Path, PageCounter, str]:
    """A build of the sample, then a rebuild with `sentence` added to its third article; the
    directory, the pages the rebuild made, and the facts key of the first build."""
    recs = sample()
    source = write_jsonl(tmp_path / "a.jsonl", recs)
    out = tmp_path / "inc"
    run(source, out)
    first_key = facts_key(out)
    recs[2] = {**recs[2], "text": recs[2]["text"] + sentence}
    write_jsonl(tmp_path / "a.jsonl", recs)
    if before_rebuild is not None:
        before_rebuild(out)
    pages = PageCounter(monkeypatch)
    assert run(source, out).articles_extracted == 1
    return out, pages, first_key


def from_scratch(tmp_path: Path) -> dict[str, bytes]:
    run(str(tmp_path / "a.jsonl"), tmp_path / "scratch")
    return outputs(tmp_path / "scratch")


def test_a_rebuild_with_the_same_viewer_facts_takes_the_page_over_and_equals_a_build_from_scratch(tmp_path, monkeypatch):
    out, pages, first_key = rebuilt(tmp_path, QUIET_SENTENCE, monkeypatch)
    assert pages.made == 0
    assert facts_key(out) == first_key
    assert outputs(out) == from_scratch(tmp_path)


def test_a_rebuild_with_other_viewer_facts_makes_the_page_again_and_equals_a_build_from_scratch(tmp_path, monkeypatch):
    out, pages, first_key = rebuilt(tmp_path, NEW_PARTNERSHIP, monkeypatch)
    assert pages.made == 1
    assert facts_key(out) != first_key
    assert outputs(out) == from_scratch(tmp_path)
    assert b"Kyjiw" in (out / "graph.html").read_bytes()


def test_a_page_changed_since_the_last_build_is_made_again(tmp_path, monkeypatch):
    def tamper(out: Path) -> None:
        (out / "graph.html").write_bytes((out / "graph.html").read_bytes().replace(b"</html>", b"<!-- x --></html>"))

    out, pages, _ = rebuilt(tmp_path, QUIET_SENTENCE, monkeypatch, before_rebuild=tamper)
    assert pages.made == 1
    assert outputs(out) == from_scratch(tmp_path)


def test_a_page_made_with_other_viewer_assets_is_made_again(tmp_path, monkeypatch):
    def other_assets(_out: Path) -> None:
        monkeypatch.setattr(unchanged, "assets_digest", lambda: "another viewer.js")

    _, pages, _ = rebuilt(tmp_path, QUIET_SENTENCE, monkeypatch, before_rebuild=other_assets)
    assert pages.made == 1


def test_a_remembered_network_is_the_network_as_it_was_made(tmp_path):
    # partnerships listed out of order, a pair in two partnerships, a group of three
    m = [f"https://example.org/m/{c}" for c in "edcba"]
    p = [f"https://example.org/p/{i}" for i in (3, 1, 2)]
    rows = {"classes": [(x, "https://w3id.org/partnergraph/ontology#Municipality") for x in m],
            "partners": [(p[0], m[0]), (p[0], m[4]), (p[1], m[1]), (p[1], m[4]), (p[1], m[2]),
                         (p[2], m[4]), (p[2], m[0]), (p[2], m[3])],
            "labels": [(x, x[-1].upper()) for x in m], "countries": [], "codes": []}
    g, counted = network_from_rows(**rows)
    memo = Memo(tmp_path, version="v")
    unchanged.remember_network(memo, "k", g, counted)
    again, counted_again = unchanged.remembered_network(Memo(tmp_path, version="v"), "k")
    assert counted_again == counted
    assert list(again.nodes(data=True)) == list(g.nodes(data=True))
    assert list(again.edges(data=True)) == list(g.edges(data=True))
    assert [(x, list(again.adj[x])) for x in again] == [(x, list(g.adj[x])) for x in g]
    assert isinstance(again, nx.Graph) and unchanged.remembered_network(memo, "other") is None


def test_a_large_rebuild_with_the_same_viewer_facts_takes_the_network_over(tmp_path, monkeypatch):
    # the sample as if it were large: the rebuild takes the path of large graphs (the dumps in a
    # child process, the analysis from the viewer facts), where the network is taken over
    from partnergraph.pipeline import outputs as pipeline_outputs
    from partnergraph.viewer.facts import FactCache

    monkeypatch.setattr(pipeline_outputs, "DUMPS_CHILD_MIN_ARTICLES", 1)
    networks: list[int] = []
    real = FactCache.network
    monkeypatch.setattr(FactCache, "network", lambda self, *a: networks.append(1) or real(self, *a))
    out, pages, first_key = rebuilt(tmp_path, QUIET_SENTENCE, monkeypatch)
    assert (pages.made, networks) == (0, [])
    assert facts_key(out) == first_key
    assert outputs(out) == from_scratch(tmp_path)
    networks.clear()
    pages.made = 0
    recs = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()]
    recs[1] = {**recs[1], "text": recs[1]["text"] + NEW_PARTNERSHIP}
    write_jsonl(tmp_path / "a.jsonl", recs)
    assert run(str(tmp_path / "a.jsonl"), out).articles_extracted == 1
    assert (pages.made, networks) == (1, [1])  # other facts: the network is made again
    assert outputs(out) == from_scratch(tmp_path)


def network_key(out: Path) -> str | None:
    return json.loads((out / "state.json").read_text(encoding="utf-8")).get(unchanged.NETWORK_STATE_KEY)


def test_a_large_rebuild_that_changes_only_a_start_year_takes_the_network_over_and_makes_the_page(tmp_path,
                                                                                                monkeypatch):
    # the page shows the year, the partnership network does not: the rebuild keeps the network
    # key, makes the page again, and every output is the bytes of a build from scratch
    from partnergraph.pipeline import outputs as pipeline_outputs
    from partnergraph.viewer.facts import FactCache

    monkeypatch.setattr(pipeline_outputs, "DUMPS_CHILD_MIN_ARTICLES", 1)
    networks: list[int] = []
    real = FactCache.network
    monkeypatch.setattr(FactCache, "network", lambda self, *a: networks.append(1) or real(self, *a))
    out, pages, first_key = rebuilt(tmp_path, NEW_PARTNERSHIP, monkeypatch)
    first_network = network_key(out)
    assert first_network and networks == [1]
    networks.clear()
    pages.made = 0
    recs = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()]
    recs[2] = {**recs[2], "text": recs[2]["text"].replace("seit 1989", "seit 1994")}
    write_jsonl(tmp_path / "a.jsonl", recs)
    assert run(str(tmp_path / "a.jsonl"), out).articles_extracted == 1
    assert (pages.made, networks) == (1, [])
    assert network_key(out) == first_network and facts_key(out) != first_key
    assert outputs(out) == from_scratch(tmp_path)
    assert b"1994" in (out / "graph.html").read_bytes()


def test_a_rebuild_that_changes_a_partner_makes_the_network_again(tmp_path, monkeypatch):
    out, _, _ = rebuilt(tmp_path, NEW_PARTNERSHIP, monkeypatch)
    first_network = network_key(out)
    recs = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()]
    recs[2] = {**recs[2], "text": recs[2]["text"].replace("Kyjiw", "Lwiw")}
    write_jsonl(tmp_path / "a.jsonl", recs)
    assert run(str(tmp_path / "a.jsonl"), out).articles_extracted == 1
    assert network_key(out) != first_network
    assert outputs(out) == from_scratch(tmp_path)


def _damage_memo_file(out: Path) -> None:
    (out / "build-memo.sqlite").write_bytes(b"not a database " * 100)


def _damage_network_rows(out: Path) -> None:
    import sqlite3

    with sqlite3.connect(out / "build-memo.sqlite") as db:
        db.execute("UPDATE memo SET data = ? WHERE kind = 'network'", (b"\x00damaged",))


@pytest.mark.parametrize("damage", [_damage_memo_file, _damage_network_rows, lambda out: None],
                         ids=["memo file damaged", "network row damaged", "memo intact"])
def test_a_network_key_whose_network_is_lost_makes_the_network_again(tmp_path, monkeypatch, caplog, damage):
    # the network key kept, but the memo cannot give the network: it is made from the facts,
    # with at most a one-line notice, and the outputs are the bytes of a build from scratch
    from partnergraph.pipeline import outputs as pipeline_outputs
    from partnergraph.viewer.facts import FactCache

    monkeypatch.setattr(pipeline_outputs, "DUMPS_CHILD_MIN_ARTICLES", 1)
    out, _, _ = rebuilt(tmp_path, NEW_PARTNERSHIP, monkeypatch)
    first_network = network_key(out)
    networks: list[int] = []
    real = FactCache.network
    monkeypatch.setattr(FactCache, "network", lambda self, *a: networks.append(1) or real(self, *a))
    recs = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()]
    recs[2] = {**recs[2], "text": recs[2]["text"].replace("seit 1989", "seit 1994")}
    write_jsonl(tmp_path / "a.jsonl", recs)
    damage(out)
    caplog.clear()
    assert run(str(tmp_path / "a.jsonl"), out).articles_extracted == 1
    assert network_key(out) == first_network
    assert networks == ([] if damage.__name__ == "<lambda>" else [1])
    assert all("Traceback" not in r.getMessage() and "\n" not in r.getMessage() for r in caplog.records)
    assert outputs(out) == from_scratch(tmp_path)
