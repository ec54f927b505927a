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
    found = _html_bytes(data)
    if found is not None:
        return found.decode("utf-8")
    text = page_json(data)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _html_bytes(data: dict) -> bytes | None:
    """`json_for_html` as UTF-8 bytes for page data with `Encoded` lists that orjson wrote;
    None otherwise. Escaped as bytes: 1.8x faster than as text (27 MB with Cyrillic, measured)."""
    if isinstance(data, dict) and any(isinstance(v, Encoded) for v in data.values()):
        joined = _joined(data)
        if joined is not None:
            return joined.replace(b"<", b"\\u003c").replace(b">", b"\\u003e").replace(b"&", b"\\u0026")
    return None


class Encoded(list):
    """A list of the page data whose items may already be written: each is the JSON bytes
    `encode_item` gave it, or the object itself (what orjson refused, or every item without
    orjson). page_data.py keeps a page's partnerships and nodes so between builds (page_patch.py):
    a rebuild writes again only the items that changed, and `page_json` joins the bytes into
    the text the whole list would have given."""


def encode_item(item):
    """`item` as the bytes `page_json` writes it inside the page data (sorted keys, compact),
    or the item itself when orjson is missing or refuses it (`page_json` then writes every item
    by json, as it would the whole page data)."""
    try:
        import orjson
    except ImportError:
        return item
    try:
        return orjson.dumps(item, option=orjson.OPT_SORT_KEYS)
    except (TypeError, ValueError):
        return item


def decoded(data: dict) -> dict:
    """`data` with every `Encoded` list as plain objects."""
    if not isinstance(data, dict) or not any(isinstance(v, Encoded) for v in data.values()):
        return data
    import orjson  # bytes in an Encoded list were written by orjson

    return {k: [orjson.loads(x) if isinstance(x, bytes) else x for x in v] if isinstance(v, Encoded) else v
            for k, v in data.items()}


def _joined(data: dict) -> bytes | None:
    """The UTF-8 text of `data` (a dict whose values may be `Encoded` lists) from its items' bytes:
    what orjson gives for the whole, sorted keys and compact, without writing the kept items
    again. None when an item cannot be written by orjson."""
    import orjson

    out = [b"{"]
    for i, key in enumerate(sorted(data)):
        if not isinstance(key, str):
            return None
        out.append(b"," if i else b"")
        value = data[key]
        try:
            out.append(orjson.dumps(key) + b":")
            if isinstance(value, Encoded):
                items = [x if isinstance(x, bytes) else orjson.dumps(x, option=orjson.OPT_SORT_KEYS) for x in value]
                out.append(b"[" + b",".join(items) + b"]")
            else:
                out.append(orjson.dumps(value, option=orjson.OPT_SORT_KEYS))
        except (TypeError, ValueError):
            return None
    out.append(b"}")
    return b"".join(out)


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
        if isinstance(data, dict) and any(isinstance(v, Encoded) for v in data.values()):
            text = _joined(data)
            if text is not None:
                return text.decode("utf-8")
        else:
            try:
                return orjson.dumps(data, option=orjson.OPT_SORT_KEYS).decode("utf-8")
            except (TypeError, ValueError):
                pass
    return json.dumps(decoded(data), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def render(data: dict) -> str:
    """The page: template + style + vis-network + our script + the data, all inline."""
    return "".join(_filled(data, json_for_html(data)))


def render_bytes(data: dict) -> bytes:
    """`render` as the UTF-8 bytes written to graph.html: page data written ahead
    (`Encoded`) is never decoded to text and encoded again (a 46 MB page, the size of the
    30,000-article graph's: 0.48 -> 0.30 s with the encoding, measured)."""
    found = _html_bytes(data)
    parts = _filled(data, found if found is not None else json_for_html(data))
    return b"".join(p if isinstance(p, bytes) else p.encode("utf-8") for p in parts)


def _filled(data: dict, data_json: str | bytes) -> list:
    """The template's parts with every placeholder filled, the page data as `data_json`."""
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
              "@@DATA@@": data_json, "@@WORLD@@": _world_outline(), "@@VIS@@": vis_js, "@@APP@@": app_js}
    return [values.get(p, p) for p in parts]


def _world_outline() -> str:
    """The map view's world outline (data/viewer/world-110m.json, Natural Earth, public domain;
    tools/make_world_outline.py), made safe for a <script> element like the page data."""
    return _asset("world-110m.json").strip().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(s: str) -> str:
    return _text(s).replace('"', "&quot;")
