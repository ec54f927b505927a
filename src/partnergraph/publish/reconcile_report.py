"""What reconciliation with Wikidata writes besides reconcile.json: the links graph as Turtle
(wikidata.ttl) and the report page (reconcile.html), a static page without scripts."""

from __future__ import annotations

import html

import pyoxigraph as ox

from .wikidata import PREFIXES


def links_turtle(quads: list[ox.Quad]) -> bytes:
    """The links graph as sorted Turtle with Wikidata's prefixes: the same bytes for the same links."""
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    return ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""


def render_html(report: dict) -> str:
    e = html.escape
    s = report["summary"]

    def table(rows: list[dict], cols: list[tuple[str, str]]) -> str:
        if not rows:
            return "<p>None.</p>"
        head = "".join(f"<th>{e(t)}</th>" for _, t in cols)
        body = []
        for r in rows:
            cells = []
            for k, _ in cols:
                v = r.get(k)
                v = "" if v is None else ", ".join(map(str, v)) if isinstance(v, list) else str(v)
                cells.append(f'<td><a href="{e(v)}">{e(v)}</a></td>' if v.startswith(("http://", "https://"))
                             else f"<td>{e(v)}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"

    pair = [("a", "partner"), ("b", "partner"), ("type", "type"), ("start", "since")]
    parts = [
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">",
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        "<title>partnergraph — reconciliation with Wikidata</title>",
        "<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:80em}table{border-collapse:collapse;"
        "margin:.5em 0 2em}td,th{border:1px solid #ccc;padding:.2em .4em;vertical-align:top;text-align:left}"
        "th{background:#f4f4f4}code{font-size:12px}</style></head><body>",
        "<h1>Reconciliation with Wikidata</h1>",
        f"<p>Endpoint: <code>{e(report['endpoint'])}</code>. {s['municipalities']} municipalities: "
        f"{s['matched']} matched, {s['ambiguous']} ambiguous, {s['unmatched']} without a Wikidata item. "
        f"{s['p190_statements']} twinning statements (P190) read.</p>",
        f"<h2>Attested by the news, missing in Wikidata ({s['news_only']})</h2>",
        table(report["news_only"], pair + [("evidence", "evidence"), ("source", "article"),
                                           ("quickstatements", "QuickStatements")]),
        f"<h2>Conflicts ({s['conflicts']})</h2>",
        table(report["conflicts"], pair + [("conflict", "conflict"), ("source", "article")]),
        f"<h2>In Wikidata, never mentioned in the news ({s['wikidata_only']})</h2>",
        table(report["wikidata_only"], [("municipality", "municipality"), ("partner", "partner"),
                                        ("partner_wikidata", "partner item"), ("start", "since")]),
        f"<h2>In both ({s['in_both']})</h2>",
        table(report["in_both"], pair + [("wikidata_start", "since (Wikidata)")]),
        f"<h2>Not comparable: a partner without a Wikidata item ({s['not_comparable']})</h2>",
        table(report["not_comparable"], pair + [("reason", "why")]),
        f"<h2>Ambiguous municipalities ({s['ambiguous']})</h2>",
        table(report["ambiguous"], [("label", "municipality"), ("country", "country"), ("candidates", "candidates")]),
        f"<h2>Municipalities without a Wikidata item ({s['unmatched']})</h2>",
        table(report["unmatched"], [("label", "municipality"), ("country", "country"),
                                    ("candidates", "candidates to check by hand")]),
        "</body></html>\n",
    ]
    return "\n".join(parts)
