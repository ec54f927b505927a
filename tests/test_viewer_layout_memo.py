"""The viewer's layout and page JSON on a rebuild: a rebuild whose network keeps its nodes and
edges (another start year) takes the whole layout from the build memo and still writes the
bytes a build from scratch writes; a damaged memo row is laid out again; the page data's JSON
is the text json.dumps gives (orjson writes it; the page data's only floats are points rounded to
4 decimals, which both write alike)."""

from __future__ import annotations

import json
import math
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from partnergraph.memo import Memo
from partnergraph.pipeline import outputs as pipeline_outputs
from partnergraph.pipeline.build import BuildOptions, build
from partnergraph.viewer import layout as viewer_layout
from partnergraph.viewer.page import Encoded, decoded, encode_item, page_json, render, render_bytes
from partnergraph.viewer.records import Entity, PartnershipRecord, RawData
from partnergraph.viewer.views import assemble

SAMPLE = Path(__file__).parent.parent / "data" / "sample" / "articles.jsonl"
OUTPUTS = ("graph.html", "stats.json", "graph.ttl", "graph.trig")


def _sample(tmp_path: Path, year: int) -> str:
    recs = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()[:10]]
    recs[2] = {**recs[2], "text": recs[2]["text"] + f" Die Städtepartnerschaft zwischen Köln und Kyjiw besteht seit {year}."}
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    return str(path)


def test_a_rebuild_that_moves_no_node_takes_the_whole_layout_from_the_memo(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline_outputs, "DUMPS_CHILD_MIN_ARTICLES", 1)  # the large-graph path
    source = _sample(tmp_path, 1989)
    build([source], BuildOptions(out_dir=tmp_path / "inc", jobs=1))
    before = (tmp_path / "inc" / "graph.html").read_bytes()
    source = _sample(tmp_path, 1990)  # the article's facts change; its partners stay
    laid_out: list[int] = []
    real = viewer_layout._layout
    monkeypatch.setattr(viewer_layout, "_layout", lambda net, memo: laid_out.append(1) or real(net, memo))
    assert build([source], BuildOptions(out_dir=tmp_path / "inc", jobs=1)).articles_extracted == 1
    assert laid_out == []
    assert (tmp_path / "inc" / "graph.html").read_bytes() != before  # the page shows the new year
    monkeypatch.setattr(viewer_layout, "_layout", real)
    build([source], BuildOptions(out_dir=tmp_path / "scratch", jobs=1))
    for name in OUTPUTS:
        assert (tmp_path / "inc" / name).read_bytes() == (tmp_path / "scratch" / name).read_bytes(), name


def _network(partners: list[tuple[str, str]]):
    ents = {}
    for x in sorted({x for pair in partners for x in pair}):
        ents[x] = Entity(x, "Municipality", name=x.rsplit("/", 1)[-1])
    parts = {f"urn:p{i}": PartnershipRecord(f"urn:p{i}", "", "sister-city", "Städtepartnerschaft", None, sorted(pair))
             for i, pair in enumerate(partners)}
    return assemble(RawData(ents, parts, {}, {}))


def test_a_damaged_whole_layout_row_is_laid_out_again(tmp_path):
    net = _network([("urn:m/a", "urn:m/b"), ("urn:m/b", "urn:m/c"), ("urn:m/c", "urn:m/d")])
    expected = viewer_layout.layout(net)
    memo = Memo(tmp_path, version="test")
    assert viewer_layout.layout(net, memo) == expected
    memo.put("whole-layout", viewer_layout._whole_key(net), b"not marshal")
    assert viewer_layout.layout(net, memo) == expected
    assert viewer_layout.layout(net, memo) == expected  # the row written again is read back
    memo.close()


def test_another_edge_is_another_whole_layout_key():
    one = _network([("urn:m/a", "urn:m/b"), ("urn:m/b", "urn:m/c")])
    other = _network([("urn:m/a", "urn:m/b"), ("urn:m/a", "urn:m/c")])
    assert viewer_layout._whole_key(one) != viewer_layout._whole_key(other)


def _json_dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


#: the page data's floats: coordinates rounded to 4 decimals (page_data._lon_lat)
_coordinates = st.floats(min_value=-180, max_value=180).map(lambda v: round(v, 4))
_scalars = (st.none() | st.booleans() | st.integers(min_value=-(2 ** 63), max_value=2 ** 63 - 1) | _coordinates
            | st.text())
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                       max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(_values)
def test_page_json_is_the_text_json_dumps_gives(value):
    assert page_json(value) == _json_dumps(value)


def test_page_json_falls_back_to_json_for_what_orjson_refuses():
    for value in ({"big": 2 ** 70}, {1: "an int key"}, {"s": "lone \ud800 surrogate"}, [-(2 ** 64)]):
        assert page_json(value) == _json_dumps(value)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(), st.lists(_values, max_size=5), max_size=4), st.data())
def test_page_json_of_items_written_ahead_is_the_text_of_the_whole(lists, data):
    # page_data keeps items as the bytes encode_item wrote (page.Encoded): joined, they are
    # the text of the whole page data, or json's where orjson refuses an item
    value = {k: Encoded(encode_item(x) if data.draw(st.booleans()) else x for x in v) for k, v in lists.items()}
    value["plain"] = data.draw(_values)
    expected = {k: list(v) if not isinstance(v, Encoded) else v for k, v in lists.items()}
    expected["plain"] = value["plain"]
    assert page_json(value) == _json_dumps(expected)
    assert decoded(value) == json.loads(_json_dumps(expected))


def test_page_json_of_items_written_ahead_falls_back_to_json_for_what_orjson_refuses():
    value = {"nodes": Encoded([encode_item({"a": 1}), {"big": 2 ** 70}]), "meta": {"t": "x"}}
    assert encode_item({"big": 2 ** 70}) == {"big": 2 ** 70}  # refused: kept as the object
    assert page_json(value) == _json_dumps({"nodes": [{"a": 1}, {"big": 2 ** 70}], "meta": {"t": "x"}})


def test_the_page_as_bytes_is_the_page_as_text_encoded():
    meta = {"title": "Netz <&>", "view": "", "focus": [], "sizeBy": "degree", "aggregate": False, "analytics": False}
    item, refused = {"l": "Köln – Київ <&>", "a": [1, 2]}, {"big": 2 ** 70}
    # plain lists; items written ahead; one of them refused by orjson (json writes the whole)
    for nodes in ([item], Encoded([encode_item(item)]), Encoded([encode_item(item), encode_item(refused)])):
        data = {"meta": meta, "nodes": nodes}
        page = render(data)
        assert render_bytes(data) == page.encode("utf-8")
        script = page.split('id="pg-data">')[1].split("</script>")[0]
        assert "Київ \\u003c\\u0026\\u003e" in script and not set("<&>") & set(script)


def test_page_json_writes_coordinates_as_json_does():
    points = [[round(x / 7.0, 4), round(-x / 3.0, 4)] for x in range(-1260, 1261)] + [[0.0001, -0.0], [180.0, -90.0]]
    assert page_json({"g": points}) == _json_dumps({"g": points})
    assert all(math.isfinite(v) for p in points for v in p)


def _floats(value, path=()):
    if isinstance(value, float):
        yield path, value
    elif isinstance(value, list):
        for v in value:
            yield from _floats(v, path)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _floats(v, (*path, k))


def test_the_page_data_holds_no_float_orjson_writes_otherwise(sample_build):
    page = (sample_build[0] / "graph.html").read_text(encoding="utf-8")
    start = page.index('type="application/json"')
    data = json.loads(page[page.index(">", start) + 1:page.index("</script>", start)])
    floats = list(_floats(data))
    assert floats  # the sample's municipalities have points
    assert {path for path, _ in floats} == {("nodes", "g"), ("relations", "width")}  # points, legend.py's widths
    # where orjson and json write a float alike: 0, or from 1e-4 up to 1e16 (page.page_json)
    assert all(v == 0 or 1e-4 <= abs(v) < 1e16 for _, v in floats)
    assert all(-180 <= v <= 180 and round(v, 4) == v for path, v in floats if path == ("nodes", "g"))
