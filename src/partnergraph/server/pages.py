"""The server's HTML pages: a resource, the ontology, and the query page.

The page frame, the query page and its script are data files (``data/server/``). Every string
from the graph is escaped, and every IRI becomes a link only when it is a resource (/id/…), an
ontology term (/ontology#…) or a web address: anything else (urn:, javascript:, …) stays text.
The query page's script is allowed by its hash in the Content-Security-Policy (`App.query_page`).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from functools import cache
from string import Template
from urllib.parse import quote

import pyoxigraph as ox

from ..namespaces import ANALYTICS_GRAPH, PG_IRI, VOCABULARY_GRAPH, prefixes_for
from ..publish import dataset as publish
from ..query.runner import bundled_queries
from ..resources import data_file

#: characters of an article headline shown as the source of a fact: a fact stated by four
#: articles then fits on two lines of the page; the full headline is the link's title
SOURCE_LABEL_MAX = 40


@cache
def _asset(name: str) -> str:
    return (data_file("server") / name).read_text(encoding="utf-8")


def esc(text) -> str:
    return html.escape(str(text), quote=True)


def page(title: str, body: str, *, attributes: str = "") -> str:
    """A whole page: `title` and `body` are HTML already (escaped by the caller)."""
    return Template(_asset("page.html")).substitute(title=title, body=body, attributes=attributes)


class _Links:
    """Turns IRIs into links: resources to /id/…, ontology terms to /ontology#…, other web IRIs
    as they are; anything else (urn:, javascript:, …) stays text."""

    def __init__(self, base: str, labels: dict[str, str] | None = None):
        self.base = base
        self.labels = labels or {}
        self.prefixes = sorted(prefixes_for(base).items(), key=lambda kv: -len(kv[1]))

    def href(self, iri: str) -> str | None:
        if iri.startswith(self.base):
            return "/id/" + quote(iri[len(self.base):], safe="/:@!$&'()*+,;=-._~")
        if iri.startswith(PG_IRI) or iri == PG_IRI.rstrip("#"):
            return "/ontology" + ("#" + iri[len(PG_IRI):] if iri.startswith(PG_IRI) else "")
        return iri if re.match(r"^https?://", iri) else None

    def short(self, iri: str) -> str:
        for prefix, ns in self.prefixes:
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns):]}"
        return iri

    def node(self, iri: str) -> str:
        text = self.labels.get(iri) or self.short(iri)
        href = self.href(iri)
        title = f' title="{esc(iri)}"'
        return f'<a href="{esc(href)}"{title}>{esc(text)}</a>' if href else f"<span{title}>{esc(text)}</span>"

    def term(self, t) -> str:
        if isinstance(t, ox.NamedNode):
            return self.node(t.value)
        if isinstance(t, ox.Literal):
            tag = f"@{t.language}" if t.language else (
                "" if t.datatype.value == "http://www.w3.org/2001/XMLSchema#string" else self.short(t.datatype.value))
            cls = ' class="long"' if len(t.value) > 300 else ""
            return f'<span{cls}>{esc(t.value)}</span>' + (f' <span class="tag">{esc(tag)}</span>' if tag else "")
        return f"<code>{esc(str(t))}</code>"

    def graph(self, g: str) -> str:
        if g == VOCABULARY_GRAPH:
            return "Vokabular"
        if g == ANALYTICS_GRAPH:
            return "Netzwerkanalyse"
        label = self.labels.get(g) or self.short(g)
        text = label if len(label) <= SOURCE_LABEL_MAX else label[: SOURCE_LABEL_MAX - 1] + "…"
        href = self.href(g)
        return f'<a href="{esc(href)}" title="{esc(label)}">{esc(text)}</a>' if href else esc(text)


def _fact_item(links: _Links, value_html: str, fact: publish.Fact) -> str:
    sources = ", ".join(links.graph(g) for g in fact.graphs)
    quotes = "".join(f"<blockquote>{esc(e.quote)}</blockquote>" for e in fact.evidence)
    return f'<li>{value_html} <span class="src">({sources})</span>{quotes}</li>'


def render_resource(d: publish.ResourceDescription, *, base: str) -> str:
    """The HTML page of one resource: every string escaped, every IRI a safe link."""
    links = _Links(base, d.labels)
    title = d.labels.get(d.iri) or links.short(d.iri)
    body = [f"<h1>{esc(title)}</h1>", f'<p class="iri">{esc(d.iri)}</p>']
    types = [f.object for f in d.outgoing if f.predicate.value == publish.RDF + "type"]
    if types:
        body.append("<p>" + " · ".join(links.term(t) for t in types) + "</p>")
    rows = []
    for pred, facts in _group(d.outgoing, lambda f: f.predicate.value):
        if pred == publish.RDF + "type":
            continue
        items = "".join(_fact_item(links, links.term(f.object), f) for f in facts)
        rows.append(f"<tr><th>{links.node(pred)}</th><td><ul>{items}</ul></td></tr>")
    if rows:
        body.append("<h2>Aussagen</h2><table>" + "".join(rows) + "</table>")
    rows = []
    for pred, facts in _group(d.incoming, lambda f: f.predicate.value):
        items = "".join(_fact_item(links, links.term(f.subject), f) for f in facts)
        rows.append(f"<tr><th>ist {links.node(pred)} von</th><td><ul>{items}</ul></td></tr>")
    if rows:
        shown = "" if d.incoming_total == len(d.incoming) else \
            f" <span class=\"src\">(die ersten {len(d.incoming)} von {d.incoming_total}; alle per SPARQL)</span>"
        body.append(f"<h2>Verweise auf diese Ressource{shown}</h2><table>" + "".join(rows) + "</table>")
    here = esc("/id/" + quote(d.iri[len(base):], safe="/:@!$&'()*+,;=-._~")) if d.iri.startswith(base) else ""
    if here:
        body.append(f'<p class="src">Als Daten: <a href="{here}?format=ttl">Turtle</a> · '
                    f'<a href="{here}?format=jsonld">JSON-LD</a> · <a href="{here}?format=nt">N-Triples</a></p>')
    return page(esc(title), "\n".join(body))


def _group(facts: list[publish.Fact], key) -> list[tuple[str, list[publish.Fact]]]:
    groups: dict[str, list[publish.Fact]] = {}
    for f in facts:
        groups.setdefault(key(f), []).append(f)
    return list(groups.items())


def render_query_page(base: str) -> tuple[str, str]:
    """The query page and the SHA-256 (base64) of its script, for the Content-Security-Policy."""
    script = _asset("query.js")
    examples = {name: {"title": b.title, "text": b.text} for name, b in bundled_queries().items()}
    # JSON inside <script>: "</" must not appear, or the HTML parser would end the element early
    data = json.dumps(examples, ensure_ascii=False).replace("</", "<\\/")
    script_hash = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    # the fragment's file ends with a newline, the page's body does not
    body = Template(_asset("query.html").removesuffix("\n")).substitute(
        prefixes=esc(", ".join(p + ":" for p in prefixes_for(base))), examples=data, script=script)
    return page("partnergraph: SPARQL", body, attributes=f' data-base="{esc(base)}"'), script_hash
