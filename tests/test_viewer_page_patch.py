"""graph.html's page data patched with what changed (viewer/page_patch.py): whatever the change
(facts changed, graphs added or removed, other analytics), the patched page data is the page
data made from scratch, only the items that read a changed record are made again, and a build
whose page was taken over keeps the items for the next one."""

from __future__ import annotations

import json
import marshal
import random
from pathlib import Path

import pytest

from partnergraph.memo import Memo
from partnergraph.pipeline.build import BuildOptions, build
from partnergraph.viewer import page_data as page_data_module
from partnergraph.viewer import page_patch
from partnergraph.viewer.join_delta import JoinStore
from partnergraph.viewer.load import load_facts
from partnergraph.viewer.page import page_json
from partnergraph.viewer.page_data import page_data
from partnergraph.viewer.views import build_view
from conftest import write_jsonl
from test_viewer_join_delta import SAMPLE, mutated, sample, sample_facts  # noqa: F401 (a fixture)

NEW_SENTENCE = " Die Städtepartnerschaft zwischen Köln und Kyjiw besteht seit {}."


class Made:
    """Counts the partnerships and nodes page_data makes (rather than takes over)."""

    def __init__(self, monkeypatch):
        self.parts = self.nodes = 0
        real_part, real_node = page_data_module._partnership_item, page_data_module._node_item

        def part(*args, **kwargs):
            self.parts += 1
            return real_part(*args, **kwargs)

        def node(*args, **kwargs):
            self.nodes += 1
            return real_node(*args, **kwargs)

        monkeypatch.setattr(page_data_module, "_partnership_item", part)
        monkeypatch.setattr(page_data_module, "_node_item", node)


def _analytics(graphs: dict, rng: random.Random) -> list[tuple[str, str, str]]:
    """Analytics rows for some of the partners: other values after most changes."""
    partners = sorted({x for f in graphs.values()
                       for x, _ in f["p"].get("https://w3id.org/partnergraph/ontology#partner", ())})
    return [(x, "degreeCentrality", str(rng.randrange(3))) for x in partners[: rng.randrange(len(partners) + 1)]]


@pytest.mark.parametrize("seed", range(10))
def test_page_data_patched_with_changed_graphs_is_the_page_data_made_from_scratch(tmp_path, sample_facts, seed):
    rng = random.Random(seed)
    graphs = {f"urn:g:{i}": f for i, f in enumerate(sample_facts[:-4])}
    spare = sample_facts[-4:]
    join = JoinStore(tmp_path, "https://example.org/", datelines=False)
    names = sorted(graphs)
    analytics = _analytics(graphs, rng)
    first = load_facts([graphs[g] for g in names], analytics, articles=False)
    join.write_all({g: f"piece-{g}" for g in names}, [graphs[g] for g in names], first)
    first.joined_to = "v0"
    memo = Memo(tmp_path)
    page_data(build_view(first), memo=memo)
    version = 0
    for step in range(1, 6):
        changes = []
        for g in rng.sample(sorted(graphs), rng.choice([1, 3])):
            version += 1
            kind = rng.choice(["mutate", "remove", "copy"])
            if kind == "remove":
                changes.append((g, None, graphs.pop(g), None))
            else:
                new = mutated(graphs[g], rng) if kind == "mutate" else graphs[rng.choice(sorted(graphs))]
                changes.append((g, f"piece-{version}", graphs[g], new))
                graphs[g] = new
        if spare and rng.random() < 0.5:
            g = f"urn:g:new{version}"
            graphs[g] = spare.pop()
            changes.append((g, f"piece-{g}", None, graphs[g]))
        if rng.random() < 0.5:
            analytics = _analytics(graphs, rng)
        delta = join.apply(changes, analytics)
        delta.joined_from, delta.joined_to = f"v{step - 1}", f"v{step}"
        full = load_facts([graphs[g] for g in sorted(graphs)], analytics, articles=False)
        # as a build asks (viewer/network.py): the last build's view where the change left it
        known = {}
        net = page_patch.remembered_view(delta, memo, known)
        if net is None:
            net = build_view(delta)
            net.reads = known.get("reads")
        assert page_data(net, memo=memo) == page_data(build_view(full))
    join.close()


def test_only_the_items_that_read_a_changed_record_are_made_again(tmp_path, sample_facts, monkeypatch):
    graphs, names, join, memo, whole = _joined_sample(tmp_path, sample_facts)
    g = next(g for g in names if graphs[g]["p"].get("https://w3id.org/partnergraph/ontology#startYear"))
    new = json.loads(json.dumps(graphs[g]))
    for row in new["p"]["https://w3id.org/partnergraph/ontology#startYear"]:
        row[1] = "1901"
    made = Made(monkeypatch)
    delta = join.apply([(g, "piece-new", graphs[g], new)], [])
    delta.joined_from, delta.joined_to = "v0", "v1"
    patched = page_data(build_view(delta), memo=memo)
    join.close()
    assert 0 < made.parts < len(whole["partnerships"]) // 2
    assert made.nodes < len(whole["nodes"]) // 2
    assert any(p["y"] == 1901 for p in patched["partnerships"])
    # the switch the benchmark's baseline uses: every item made again, the same page data
    made.parts = made.nodes = 0
    monkeypatch.setenv(page_patch.SWITCH, "off")
    again = page_data(build_view(delta), memo=memo)
    assert again == patched and made.parts == len(whole["partnerships"])


def run(source: str, out: Path):
    return build([source], BuildOptions(out_dir=out, validate=False, jobs=1, prune=True))


@pytest.mark.parametrize("change", ["start year", "article removed", "article added", "page taken over first"])
def test_a_rebuild_patches_graph_html_into_the_page_of_a_build_from_scratch(tmp_path, monkeypatch, change):
    recs = sample()
    source = write_jsonl(tmp_path / "a.jsonl", recs)
    run(source, tmp_path / "inc")
    if change == "page taken over first":  # a sentence that names nothing: graph.html is copied
        recs[2] = {**recs[2], "text": recs[2]["text"] + " Die Sitzung dauerte zwei Stunden."}
        write_jsonl(tmp_path / "a.jsonl", recs)
        run(source, tmp_path / "inc")
    if change == "article removed":
        del recs[2]
    elif change == "article added":
        recs.append(json.loads(SAMPLE.read_text(encoding="utf-8").splitlines()[12]))
    else:
        recs[3] = {**recs[3], "text": recs[3]["text"] + NEW_SENTENCE.format(1989)}
    write_jsonl(tmp_path / "a.jsonl", recs)
    made = Made(monkeypatch)
    run(source, tmp_path / "inc")
    monkeypatch.undo()
    run(source, tmp_path / "scratch")
    scratch = (tmp_path / "scratch" / "graph.html").read_text(encoding="utf-8")
    data = json.loads(scratch.split('id="pg-data">', 1)[1].split("</script>", 1)[0])
    assert made.parts < len(data["partnerships"])  # patched, not made anew (the nodes move: components merge)
    assert (tmp_path / "inc" / "graph.html").read_text(encoding="utf-8") == scratch


def _joined_sample(tmp_path, sample_facts):
    """The sample's facts by graph, their names, a join of them, a memo holding their page
    (under the digest "v0") and that page's data."""
    graphs = {f"urn:g:{i}": f for i, f in enumerate(sample_facts)}
    names = sorted(graphs)
    join = JoinStore(tmp_path, "https://example.org/", datelines=False)
    first = load_facts([graphs[g] for g in names], [], articles=False)
    join.write_all({g: f"piece-{g}" for g in names}, [graphs[g] for g in names], first)
    first.joined_to = "v0"
    memo = Memo(tmp_path)
    return graphs, names, join, memo, page_data(build_view(first), memo=memo)


def _start_year_changed(tmp_path, sample_facts, year: str, partner: str | None = None):
    """A join of the sample's facts, a memo holding its page, and the delta of one graph whose
    start years become `year` (and whose first partner row names `partner` instead)."""
    graphs, names, join, memo, _ = _joined_sample(tmp_path, sample_facts)

    def own(g):  # a partnership no other graph states
        subject = graphs[g]["p"][PARTNER][0][0]
        return not any(r[0] == subject for h in names if h != g for r in graphs[h]["p"].get(PARTNER, ()))

    g = next(g for g in names if graphs[g]["p"].get(START_YEAR) and graphs[g]["p"].get(PARTNER) and own(g))
    new = json.loads(json.dumps(graphs[g]))
    for row in new["p"][START_YEAR]:
        row[1] = year
    if partner:
        new["p"][PARTNER][0][1] = partner
    delta = join.apply([(g, "piece-new", graphs[g], new)], [])
    delta.joined_from, delta.joined_to = "v0", "v1"
    graphs[g] = new
    full = load_facts([graphs[x] for x in names], [], articles=False)
    join.close()
    return memo, delta, full


START_YEAR = "https://w3id.org/partnergraph/ontology#startYear"
PARTNER = "https://w3id.org/partnergraph/ontology#partner"


def test_a_change_that_leaves_the_view_as_it_was_takes_the_view_over(tmp_path, sample_facts, monkeypatch):
    memo, delta, full = _start_year_changed(tmp_path, sample_facts, "1901")
    net = page_patch.remembered_view(delta, memo)
    assert net is not None and net.shape is not None and net.edges is None  # neither assembled nor laid out
    scratch = page_data(build_view(full))
    monkeypatch.setattr(page_data_module, "layout", lambda *a, **k: pytest.fail("laid out again"))
    patched = page_data(net, memo=memo, encoded=True)
    assert page_json(patched) == page_json(scratch)
    assert any(p["y"] == 1901 for p in scratch["partnerships"])
    # the benchmark's baseline switch: the view is assembled again
    monkeypatch.setenv(page_patch.SWITCH, "off")
    assert page_patch.remembered_view(delta, memo) is None


def test_a_change_of_a_partner_assembles_the_view_again(tmp_path, sample_facts):
    memo, delta, full = _start_year_changed(tmp_path, sample_facts, "1901",
                                            partner="https://w3id.org/partnergraph/id/municipality/de/leipzig")
    known = {}
    assert page_patch.remembered_view(delta, memo, known) is None
    # what the records read for the view: the last build's brought up to date, as read anew
    assert known["reads"] == {x: page_patch._view_reads(delta, x) for x in (*delta.partnerships, *delta.entities)}
    net = build_view(delta)
    net.reads = known["reads"]
    assert page_data(net, memo=memo) == page_data(build_view(full))
    assert marshal.loads(memo.get(page_patch.VIEW, "v1"))[0] == known["reads"]


def test_a_damaged_view_row_assembles_the_view_again(tmp_path, sample_facts):
    memo, delta, _ = _start_year_changed(tmp_path, sample_facts, "1901")
    memo.put(page_patch.VIEW, "v0", b"not marshal")
    assert page_patch.remembered_view(delta, memo) is None


def test_items_kept_as_deltas_stay_the_page_made_from_scratch_over_many_rebuilds(tmp_path, sample_facts):
    # a rebuild keeps its items as a delta on the row it read; every MAX_CHAIN-th writes them whole
    graphs, names, join, memo, _ = _joined_sample(tmp_path, sample_facts)
    g = next(g for g in names if graphs[g]["p"].get(START_YEAR))
    chains = []
    for step in range(1, 2 * page_patch.MAX_CHAIN + 3):
        new = json.loads(json.dumps(graphs[g]))
        for row in new["p"][START_YEAR]:
            row[1] = str(1900 + step)
        delta = join.apply([(g, f"piece-{step}", graphs[g], new)], [])
        delta.joined_from, delta.joined_to = f"v{step - 1}", f"v{step}"
        graphs[g] = new
        net = page_patch.remembered_view(delta, memo) or build_view(delta)
        patched = page_data(net, memo=memo)
        full = load_facts([graphs[x] for x in names], [], articles=False)
        assert patched == page_data(build_view(full)), step
        key = page_patch._key(net, "degree", f"v{step}")
        chains.append(len(page_patch._read(memo, key)[4]) - 1)  # the deltas the next build reads
    join.close()
    assert max(chains) == page_patch.MAX_CHAIN and chains.count(0) >= 2  # deltas, and whole rows between
    assert all(n <= page_patch.MAX_CHAIN for n in chains)


def test_a_delta_whose_row_is_gone_makes_every_item(tmp_path, sample_facts, monkeypatch):
    memo, delta, full = _start_year_changed(tmp_path, sample_facts, "1901")
    page_data(page_patch.remembered_view(delta, memo), memo=memo)  # v1: a delta on v0
    key0 = page_patch._key(build_view(full), "degree", "v0")
    memo.put(page_patch.KIND, key0, b"not marshal")
    delta.joined_from, delta.joined_to = "v1", "v2"
    made = Made(monkeypatch)
    patched = page_data(build_view(delta), memo=memo)
    assert made.parts == len(patched["partnerships"]) and made.nodes == len(patched["nodes"])  # none taken over
    assert patched == page_data(build_view(full))
