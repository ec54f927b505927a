"""The interactive network (graph.html): municipalities, countries and programmes as nodes,
partnerships as edges, drawn with pyvis' vis-network and written as one self-contained file."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import networkx as nx

from .errors import UsageError
from .export import write_atomic
from .namespaces import sparql_prologue
from .store import GraphStore

COLOURS = {"Municipality": "#2b7bba", "Country": "#e6a118", "Programme": "#2ca02c",
           "Organisation": "#9467bd", "Theme": "#8c564b", "Event": "#d62728"}


def network_graph(store: GraphStore, *, base: str) -> nx.MultiGraph:
    """The partnership network as networkx: nodes keyed by IRI with label/class/country."""
    g = nx.MultiGraph()
    q = sparql_prologue(base) + """
    SELECT ?p ?a ?b ?typeLabel ?since ?prog WHERE {
      ?p a pg:Partnership ; pg:partner ?a, ?b ; pg:partnershipType/skos:prefLabel ?typeLabel .
      FILTER(STR(?a) < STR(?b) && LANG(?typeLabel) = "de")
      OPTIONAL { ?p pg:startYear ?since }
      OPTIONAL { ?p pg:programme ?prog }
    }"""
    for sol in store.query(q):
        a, b = sol["a"].value, sol["b"].value
        g.add_edge(a, b, key=sol["p"].value, relation="partnership", label=sol["typeLabel"].value,
                   since=sol["since"].value if sol["since"] else "")
        if sol["prog"]:
            for x in (a, b):
                g.add_edge(x, sol["prog"].value, key=f"{x}|{sol['prog'].value}", relation="programme", label="Programm")
    labels = sparql_prologue(base) + """
    SELECT ?s ?class ?label ?cc ?country WHERE {
      ?s a ?class . FILTER(?class IN (pg:Municipality, pg:Organisation, pg:Programme))
      { ?s rdfs:label ?label } UNION { ?s skos:prefLabel ?label } FILTER(LANG(?label) = "de")
      OPTIONAL { ?s pg:country ?country . ?country pg:countryCode ?cc }
    }"""
    for sol in store.query(labels):
        s = sol["s"].value
        if s in g:
            g.nodes[s].update(label=sol["label"].value, cls=sol["class"].value.rsplit("#", 1)[-1],
                              country=sol["cc"].value if sol["cc"] else "")
            if sol["country"]:
                c = sol["country"].value
                if c not in g:
                    g.add_node(c, label=sol["cc"].value, cls="Country", country=sol["cc"].value)
                g.add_edge(s, c, key=f"{s}|{c}", relation="country", label="liegt in")
    return g


def ego(g: nx.MultiGraph, focus: str, depth: int = 1) -> nx.MultiGraph:
    matches = [n for n, d in g.nodes(data=True) if d.get("label", "").casefold() == focus.casefold()]
    if not matches:
        raise UsageError(f"no node labelled {focus!r} in the network")
    keep = set()
    for m in matches:
        keep |= set(nx.ego_graph(g, m, radius=depth).nodes)
    return g.subgraph(keep).copy()


def render(g: nx.MultiGraph, *, title: str = "partnergraph") -> str:
    """One HTML file with vis-network inlined from the pyvis package: no request leaves the page."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8") if (lib / "vis-network.css").exists() else ""
    nodes = [{"id": n, "label": d.get("label", n), "group": d.get("cls", ""),
              "color": COLOURS.get(d.get("cls", ""), "#777"), "title": f"{d.get('label', n)} ({d.get('cls', '')})",
              "value": g.degree(n)} for n, d in sorted(g.nodes(data=True))]
    edges = [{"from": a, "to": b, "label": d.get("label", "") if d.get("relation") == "partnership" else "",
              "dashes": d.get("relation") != "partnership"} for a, b, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1]))]
    data = json.dumps({"nodes": nodes, "edges": edges}, ensure_ascii=False, sort_keys=True)
    # "</" inside a JSON string would end the script element; escape it
    data = data.replace("</", "<\\/")
    return _TEMPLATE.format(title=html.escape(title), css=css, js=js.replace("</script", "<\\/script"), data=data)


_TEMPLATE = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>{title}</title>
<style>{css}
html,body{{margin:0;height:100%;font-family:sans-serif}}#net{{width:100%;height:100%}}</style>
</head><body><div id="net"></div>
<script>{js}</script>
<script>
const data = {data};
const nodes = new vis.DataSet(data.nodes), edges = new vis.DataSet(data.edges);
const net = new vis.Network(document.getElementById("net"), {{nodes, edges}},
  {{nodes: {{shape: "dot", scaling: {{min: 8, max: 30}}}}, physics: {{stabilization: {{iterations: 300}}}}}});
net.once("stabilizationIterationsDone", () => net.setOptions({{physics: false}}));
</script></body></html>
"""


def write_network(store: GraphStore, path: Path, *, base: str, focus: str | None = None, depth: int = 1) -> Path:
    g = network_graph(store, base=base)
    if focus:
        g = ego(g, focus, depth)
    page = render(g)
    if re.search(r"""(?:src|href)\s*=\s*["']https?://""", page):
        raise UsageError("graph.html would load a resource from the network")
    write_atomic(path, page)
    return path
