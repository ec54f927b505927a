"""The page: graph.html as one self-contained file, the template, style and script of
``data/viewer/``, vis-network from the pyvis package and the page data, all inline.

Safety: the data travels as JSON in a ``<script type="application/json">`` element with every
``<``, ``>`` and ``&`` escaped; the page script writes it into the DOM only through
``textContent`` and attributes, links only ``http(s)`` URLs, and a Content-Security-Policy
allows exactly the page's two scripts (by hash) and no request to anywhere."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import re
from pathlib import Path

from ..errors import UsageError
from ..resources import data_file

def _vis_assets() -> str:
    # the package's folder without importing it: importing pyvis (jinja2 and all) took 0.12 s
    spec = importlib.util.find_spec("pyvis")
    if spec is None or spec.origin is None:
        raise UsageError("the pyvis package (vis-network) is missing: pip install pyvis")
    path = Path(spec.origin).parent / "lib" / "vis-9.1.2" / "vis-network.min.js"
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{path}: cannot read vis-network from the pyvis package: {exc}") from None


def _asset(name: str) -> str:
    path = data_file("viewer") / name
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{path}: viewer asset missing: {exc}") from None


def json_for_html(data: dict) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' survives unescaped."""
    text = page_json(data)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page_json(data: dict) -> str:
    """The page data as `json.dumps(data, ensure_ascii=False, sort_keys=True,
    separators=(",", ":"))` writes it, by orjson: 0.02 s against 0.3-0.45 s for the 16 MB page
    data of the 10,000-article graph (issue 16; the same text, compared on that page).

    Both escape the same characters the same way and write a float's shortest digits, but not
    always in the same notation: below 1e-4 and from 1e16 on json writes an exponent ("8e-05",
    "1e+16") where orjson writes "0.00008" or "1e16". The page data's only floats are the
    municipalities' points, rounded to 4 decimals within ±180 (page_data._lon_lat), and the
    legend's line widths, which both write alike; tests/test_viewer_layout_memo.py checks that
    on the sample's page. (Testing the text for such numbers instead cost 0.2 s, more than
    orjson saves.) What orjson refuses (ints beyond 64 bits, non-string keys, lone surrogates)
    is written by json; NaN, which orjson would write as null, never occurs there."""
    try:
        import orjson
    except ImportError:  # a declared dependency; json gives the same text, slower
        orjson = None
    if orjson is not None:
        try:
            return orjson.dumps(data, option=orjson.OPT_SORT_KEYS).decode("utf-8")
        except (TypeError, ValueError):
            pass
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def render(data: dict) -> str:
    """The page: template + style + vis-network + our script + the data, all inline."""
    vis_js = _vis_assets()
    app_js = _asset("viewer.js")
    for name, script in (("vis-network", vis_js), ("viewer.js", app_js)):
        if re.search(r"</script|<!--", script, re.I):
            raise UsageError(f"{name} contains '</script' or '<!--' and cannot be inlined")
    csp = ("default-src 'none'; " f"script-src {_sha256(vis_js)} {_sha256(app_js)}; "
           "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'")
    title = data["meta"]["title"] + (f" – {data['meta']['view']}" if data["meta"]["view"] else "")
    page = _asset("template.html")
    # str.replace, one placeholder after the other, each filled once: nothing inserted is
    # scanned again, so data can never smuggle in a placeholder
    parts = re.split(r"(@@[A-Z]+@@)", page)
    values = {"@@CSP@@": _attr(csp), "@@TITLE@@": _text(title), "@@CSS@@": _asset("viewer.css"),
              "@@DATA@@": json_for_html(data), "@@WORLD@@": _world_outline(), "@@VIS@@": vis_js, "@@APP@@": app_js}
    return "".join(values.get(p, p) for p in parts)


def _world_outline() -> str:
    """The map view's world outline (data/viewer/world-110m.json, Natural Earth, public domain;
    tools/make_world_outline.py), made safe for a <script> element like the page data."""
    return _asset("world-110m.json").strip().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(s: str) -> str:
    return _text(s).replace('"', "&quot;")
