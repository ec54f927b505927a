"""Network analytics of the partnership network, with networkx and igraph.

On the *partnership network* (graph/partnership_network.py: one node per municipality or
organisation that is a partner of a partnership, one edge per pair of partners):

- degree (number of distinct partners) and normalised degree centrality;
- normalised betweenness centrality, exact up to `BETWEENNESS_EXACT_MAX_WORK`, estimated from
  a seeded sample of sources above (igraph, in C: networkx's pure-Python Brandes took 20 s
  where igraph takes 0.35 s on the 2,000 partners of a 10,000-article build);
- connected components and Leiden communities (modularity, seeded, weighted by the number of
  partnerships), numbered 1, 2, … by size (largest first, ties by the smallest IRI), so the
  numbers are stable across runs;
- bridges between countries (see docs/viewer.md):
  * a *bridge municipality* is an articulation point of the network (removing it disconnects
    some of its partners from each other) whose partners lie in at least two countries;
  * a *bridge partnership* is a partnership between two countries whose edge is a bridge of
    the network (removing it splits its component) and that leaves at least
    `BRIDGE_MIN_SIDE` nodes on each side: the only link between two groups, not a leaf.

`build` writes the per-node values into the analytics graph (`analytics_quads`) and the whole
summary into DIR/stats.json (`stats_memo.write_remembered_stats`); `partnergraph stats` prints
`format_stats`.
"""

from __future__ import annotations

import json
import logging
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import igraph as ig
import networkx as nx
import pyoxigraph as ox

from .iri import Minter
from ..namespaces import ANALYTICS_GRAPH, ANALYTICS_PREDICATES
from ..store.embedded import GraphStore
# network_from_triples and NETWORK_PREDICATES: re-exported, a build computes the analytics from them
from .partnership_network import NETWORK_PREDICATES, network_from_triples, partnership_network  # noqa: F401

LOGGER = logging.getLogger(__name__)

XSD = "http://www.w3.org/2001/XMLSchema#"
#: seed of Leiden and of betweenness sampling: any fixed value makes the output reproducible
SEED = 20240601
#: decimals kept for centralities: six digits separate every value of a 20,000-node network
#: (smallest nonzero degree centrality 1/19,999 ≈ 0.00005) and hide floating-point noise
DECIMALS = 6
#: exact betweenness (Brandes: one breadth-first search per node) costs Σ over components of
#: size × (size + edges) work units; igraph took 7.5–15 ns per unit here (0.35 s for the 1,995
#: partners and 9,333 links of a 10,000-article build, 22.6 million units; 0.25–4.4 s for
#: preferential-attachment graphs of 2,000–8,000 nodes). Up to this work (≈ 1–2 s) it is
#: computed exactly; above, from sampled sources
BETWEENNESS_EXACT_MAX_WORK = 150_000_000
#: fewest sources sampled above that. Above the limit as many sources are sampled as the same
#: work affords, but never fewer than this: on benchmarks/bench_viewer.py's 5,000-node network
#: 500 sources gave the same top 20 as the exact computation, 200 missed one (and on a
#: 10,000-article build 19 of the exact top 20)
BETWEENNESS_SAMPLE = 500
#: Leiden runs until an iteration changes nothing (n_iterations=-1): on a 10,000-article build
#: that took 0.02 s and reached modularity 0.300 (0.293 after igraph's default 2 iterations,
#: 0.283 with networkx's Louvain, which took 0.28 s); on 8,000- and 16,000-node
#: preferential-attachment graphs, which have no community structure, 0.6 and 2.0 s against
#: networkx Louvain's 4.2 and 8.0 s (and lower modularity)
LEIDEN_ITERATIONS = -1
#: a bridge partnership must leave at least this many nodes on each side; with 1 every
#: partnership of a pair of otherwise unconnected municipalities would count
BRIDGE_MIN_SIDE = 2
#: rows per section in `format_stats` unless the caller asks for more
DEFAULT_TOP = 10


@dataclass
class NodeMetrics:
    iri: str
    label: str
    cls: str
    country: str
    degree: int
    degree_centrality: float
    betweenness: float
    component: int
    community: int

    def to_dict(self) -> dict:
        return {"iri": self.iri, "label": self.label, "class": self.cls, "country": self.country,
                "degree": self.degree, "degree_centrality": self.degree_centrality,
                "betweenness": self.betweenness, "component": self.component, "community": self.community}


@dataclass
class Analysis:
    graph: nx.Graph
    nodes: dict[str, NodeMetrics] = field(default_factory=dict)
    components: list[list[str]] = field(default_factory=list)
    communities: list[list[str]] = field(default_factory=list)
    modularity: float = 0.0
    betweenness_method: str = "exact"
    partnerships: int = 0
    #: the digest of the network analysed (`remembered_analysis`), "" when not known: whatever
    #: is a function of the analysis alone may be remembered under it (graph/stats_memo.py)
    key: str = ""


def _numbered(groups) -> list[list[str]]:
    """Groups as sorted lists, largest first, ties by their smallest IRI."""
    return sorted((sorted(c) for c in groups), key=lambda c: (-len(c), c[0]))


def _igraph(g: nx.Graph) -> tuple[list[str], ig.Graph]:
    """g as an igraph graph on the sorted IRIs, edges sorted too: the numbers then depend on
    the network alone, not on the order in which g was built."""
    nodes = sorted(g)
    index = {x: i for i, x in enumerate(nodes)}
    edges = sorted((min(index[u], index[v]), max(index[u], index[v]), w)
                   for u, v, w in g.edges(data="weight", default=1))
    h = ig.Graph(n=len(nodes), edges=[(u, v) for u, v, _ in edges], edge_attrs={"weight": [w for _, _, w in edges]})
    return nodes, h


def _betweenness(h: ig.Graph) -> tuple[list[float], str]:
    """Normalised betweenness of every node and how it was computed: exact, or estimated from
    seeded sources with the estimator of networkx ≥ 3.6 (on a 10,000-article build it gave
    networkx's betweenness_centrality(k=500, seed=SEED) to within rounding: same sources)."""
    n = h.vcount()
    if n <= 2:  # no pair of other nodes to lie between
        return [0.0] * n, "exact"
    components = h.connected_components()
    membership = components.membership  # a fresh list on every access
    edges = Counter(membership[u] for u, _ in h.get_edgelist())
    work = sum(size * (size + edges[c]) for c, size in enumerate(components.sizes()))
    # work ≥ n > 0 here. Sources are drawn uniformly, so k of them cost k × work / n on average;
    # at least 2, since a sampled node's own value is scaled by 1 / (k - 1)
    k = max(BETWEENNESS_SAMPLE, 2, BETWEENNESS_EXACT_MAX_WORK * n // work)
    if work <= BETWEENNESS_EXACT_MAX_WORK or k >= n:
        # igraph counts each unordered pair once; normalised: over the (n-1)(n-2)/2 pairs
        scale = 2 / ((n - 1) * (n - 2))
        return [b * scale for b in h.betweenness(directed=False)], "exact"
    sources = random.Random(SEED).sample(range(n), k)
    partial = h.betweenness(directed=False, sources=sources)
    # half the dependencies of the sampled sources, scaled up to all sources; a sampled node is
    # itself a source of none of its own paths, so it had k - 1 chances instead of k
    sampled = set(sources)
    return ([2 * b / ((k - 1 if i in sampled else k) * (n - 2)) for i, b in enumerate(partial)],
            f"estimated from {k} sampled sources")


def _communities(h: ig.Graph) -> list[int]:
    """The Leiden partition maximising weighted modularity, as one community id per node.

    igraph draws its random numbers from a Python generator that is global to the process:
    it is seeded for this call and handed back to igraph's default (the random module)."""
    ig.set_random_number_generator(random.Random(SEED))
    try:
        return h.community_leiden(objective_function="modularity", weights="weight",
                                  n_iterations=LEIDEN_ITERATIONS).membership
    finally:
        ig.set_random_number_generator(random)


def analyse(g: nx.Graph, partnerships: int = 0) -> Analysis:
    """Centralities, components and communities of the partnership network."""
    result = Analysis(graph=g, partnerships=partnerships)
    if len(g) == 0:
        return result
    n = len(g)
    degree_c = nx.degree_centrality(g) if n > 1 else {x: 0.0 for x in g}
    result.components = _numbered(nx.connected_components(g))
    nodes, h = _igraph(g)
    between, result.betweenness_method = _betweenness(h)
    membership = _communities(h)
    groups: dict[int, list[str]] = defaultdict(list)
    for x, c in zip(nodes, membership):
        groups[c].append(x)
    result.communities = _numbered(groups.values())
    if g.number_of_edges():
        result.modularity = round(h.modularity(membership, weights="weight"), 4)
    between_of = dict(zip(nodes, between))
    component_of = {x: i for i, c in enumerate(result.components, 1) for x in c}
    community_of = {x: i for i, c in enumerate(result.communities, 1) for x in c}
    for x, data in g.nodes(data=True):
        result.nodes[x] = NodeMetrics(
            iri=x, label=data["label"], cls=data["cls"], country=data["country"], degree=g.degree(x),
            degree_centrality=round(degree_c[x], DECIMALS), betweenness=round(between_of[x], DECIMALS),
            component=component_of[x], community=community_of[x])
    return result


def remembered_analysis(g: nx.Graph, partnerships: int, memo) -> Analysis:
    """`analyse(g, partnerships)`, from a build's `memo` (memo.py) when the last build
    analysed this very network: the key is every node and edge with its data, in the graph's
    order (the algorithms' input order), so a hit is the result `analyse` would give. Kept as
    plain values (marshal), never as pickles: the file is data, not code."""
    import marshal

    from ..memo import digest

    # JSON, not marshal: marshal's bytes depend on which equal strings are one object
    key = digest(json.dumps([partnerships, [[x, sorted(d.items())] for x, d in g.nodes(data=True)],
                             [[a, b, sorted(d.items())] for a, b, d in g.edges(data=True)]]).encode())
    found = memo.get("analysis", key)
    if found is not None:
        try:
            nodes, components, communities, modularity, method = marshal.loads(found)
            return Analysis(graph=g, nodes={m[0]: NodeMetrics(*m) for m in nodes}, components=components,
                            communities=communities, modularity=modularity, betweenness_method=method,
                            partnerships=partnerships, key=key)
        except (ValueError, EOFError, TypeError):  # a damaged row is computed again
            LOGGER.warning("a remembered network analysis is damaged; computing it again")
    a = analyse(g, partnerships)
    nodes = [[m.iri, m.label, m.cls, m.country, int(m.degree), float(m.degree_centrality), float(m.betweenness),
              int(m.component), int(m.community)] for m in a.nodes.values()]
    memo.put("analysis", key, marshal.dumps([nodes, a.components, a.communities, float(a.modularity),
                                             a.betweenness_method]))
    a.key = key
    return a


# -- bridges between countries -----------------------------------------------------------------

def bridge_municipalities(a: Analysis) -> list[dict]:
    """Articulation points whose partners lie in at least two countries."""
    g = a.graph
    out = []
    for x in nx.articulation_points(g):
        partner_countries = sorted({g.nodes[y]["country"] for y in g[x]} - {""})
        if len(partner_countries) >= 2:
            m = a.nodes[x]
            out.append({"iri": x, "label": m.label, "country": m.country, "partner_countries": partner_countries,
                        "partners": g.degree(x), "betweenness": m.betweenness})
    return sorted(out, key=lambda r: (-r["betweenness"], -len(r["partner_countries"]), r["label"], r["iri"]))


def _bridge_sides(g: nx.Graph) -> dict[tuple[str, str], tuple[int, int]]:
    """Every bridge (u, v) of g with the number of nodes left on u's and on v's side.

    One iterative depth-first search per component (Tarjan's low-link): the edge from a tree
    parent u to its child v is a bridge when no back edge from v's subtree reaches above v; the
    subtree of v is then v's side."""
    sides: dict[tuple[str, str], tuple[int, int]] = {}
    order: dict[str, int] = {}
    for comp in _numbered(nx.connected_components(g)):
        root = comp[0]
        low: dict[str, int] = {}
        size: dict[str, int] = {}
        order[root] = low[root] = len(order)
        size[root] = 1
        stack = [(root, None, iter(sorted(g[root])))]
        while stack:
            u, parent, children = stack[-1]
            advanced = False
            for v in children:
                if v == parent:
                    continue
                if v in order:
                    low[u] = min(low[u], order[v])
                    continue
                order[v] = low[v] = len(order)
                size[v] = 1
                stack.append((v, u, iter(sorted(g[v]))))
                advanced = True
                break
            if advanced:
                continue
            stack.pop()
            if parent is not None:
                low[parent] = min(low[parent], low[u])
                size[parent] += size[u]
                if low[u] > order[parent]:
                    sides[(parent, u)] = (len(comp) - size[u], size[u])
    return sides


def bridge_partnerships(a: Analysis) -> list[dict]:
    """International partnerships that are the only link between two groups of partners."""
    g = a.graph
    out = []
    for (u, v), (side_u, side_v) in _bridge_sides(g).items():
        cu, cv = g.nodes[u]["country"], g.nodes[v]["country"]
        if not cu or not cv or cu == cv or min(side_u, side_v) < BRIDGE_MIN_SIDE:
            continue
        (u, side_u, cu), (v, side_v, cv) = sorted([(u, side_u, cu), (v, side_v, cv)], key=lambda t: t[0])
        out.append({"partners": [g.nodes[u]["label"], g.nodes[v]["label"]], "iris": [u, v],
                    "countries": [cu, cv], "sides": [side_u, side_v],
                    "partnerships": sorted(g[u][v]["partnerships"])})
    return sorted(out, key=lambda r: (-min(r["sides"]), r["partners"], r["iris"]))


def country_links(a: Analysis) -> list[dict]:
    """Pairs of countries with the number of partnerships between their partners."""
    g = a.graph
    counts: Counter[tuple[str, str]] = Counter()
    seen: set[tuple[str, tuple[str, str]]] = set()
    for u, v, data in g.edges(data=True):
        cu, cv = g.nodes[u]["country"], g.nodes[v]["country"]
        if not cu or not cv or cu == cv:
            continue
        pair = tuple(sorted((cu, cv)))
        for p in data["partnerships"]:
            if (p, pair) not in seen:  # a partnership of three partners in two countries counts once
                seen.add((p, pair))
                counts[pair] += 1
    return [{"countries": list(pair), "partnerships": n}
            for pair, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


# -- outputs -----------------------------------------------------------------------------------

def _double(value: float) -> ox.Literal:
    """The lexical form Oxigraph stores an xsd:double in (the shortest text that reads back as
    the same number, without exponent: "0", "1", "0.000001"), so that the dumps written from
    the build's own quads and those written from the store are the same bytes."""
    from numpy import format_float_positional

    return ox.Literal(format_float_positional(float(value), trim="-"), datatype=ox.NamedNode(XSD + "double"))


def analyse_store(store: GraphStore, *, base: str) -> Analysis:
    """The analysis of the store's partnership network (computed once per build: betweenness
    dominates a large build's analytics)."""
    return analyse(*partnership_network(store, base=base))


def analytics_quads(store: GraphStore | None, minter: Minter, *, analysis: Analysis | None = None) -> list[ox.Quad]:
    """pg:degreeCentrality, pg:betweennessCentrality, pg:component and pg:community of every
    node of the partnership network, in the analytics graph, sorted by subject and predicate."""
    a = analysis or analyse_store(store, base=minter.base)
    graph = ox.NamedNode(ANALYTICS_GRAPH)
    # written in sorted order: nodes by IRI, and per node the predicates in IRI order
    between, community, component, degree = (ox.NamedNode(iri) for iri in ANALYTICS_PREDICATES)
    quads = []
    for x in sorted(a.nodes):
        m, s = a.nodes[x], ox.NamedNode(x)
        quads += [
            ox.Quad(s, between, _double(m.betweenness), graph),
            ox.Quad(s, community, ox.Literal(m.community), graph),
            ox.Quad(s, component, ox.Literal(m.component), graph),
            ox.Quad(s, degree, _double(m.degree_centrality), graph),
        ]
    return quads


def _group_summary(a: Analysis, groups: list[list[str]]) -> list[dict]:
    g = a.graph
    out = []
    for i, members in enumerate(groups, 1):
        by_degree = sorted(members, key=lambda x: (-g.degree(x), a.nodes[x].label, x))
        countries = Counter(g.nodes[x]["country"] or "?" for x in members)
        out.append({"id": i, "size": len(members),
                    "countries": dict(sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))),
                    "hubs": [a.nodes[x].label for x in by_degree[:5]]})
    return out


def stats_from(a: Analysis) -> dict:
    g = a.graph
    international = {p for u, v, d in g.edges(data=True)
                     if g.nodes[u]["country"] and g.nodes[v]["country"] and g.nodes[u]["country"] != g.nodes[v]["country"]
                     for p in d["partnerships"]}
    classes = Counter(d["cls"] for _, d in g.nodes(data=True))
    network = {
        "nodes": len(g), "municipalities": classes.get("Municipality", 0),
        "organisations": classes.get("Organisation", 0), "edges": g.number_of_edges(),
        "partnerships": a.partnerships, "international_partnerships": len(international),
        "density": round(nx.density(g), DECIMALS) if len(g) > 1 else 0.0,
        "components": len(a.components), "largest_component": len(a.components[0]) if a.components else 0,
        "communities": len(a.communities), "modularity": a.modularity, "betweenness": a.betweenness_method,
    }
    nodes = sorted(a.nodes.values(), key=lambda m: (-m.degree_centrality, -m.betweenness, m.label, m.iri))
    return {
        "network": network,
        "nodes": [m.to_dict() for m in nodes],
        "components": _group_summary(a, a.components),
        "communities": _group_summary(a, a.communities),
        "country_links": country_links(a),
        "bridges": {"municipalities": bridge_municipalities(a), "partnerships": bridge_partnerships(a)},
    }


def network_stats(store: GraphStore, *, base: str) -> dict:
    """Everything `partnergraph stats` prints and stats.json holds."""
    return stats_from(analyse_store(store, base=base))


def stats_json(stats: dict) -> str:
    return json.dumps(stats, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _table(headers: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]

    def line(cells):
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    return [line(headers), line(["-" * w for w in widths])] + [line(r) for r in rows]


def format_stats(stats: dict, *, top: int = DEFAULT_TOP) -> str:
    """The stats as plain-text tables (what `partnergraph stats` prints)."""
    n = stats["network"]
    out = [f"partnership network: {n['nodes']} partners ({n['municipalities']} municipalities, "
           f"{n['organisations']} organisations), {n['edges']} links from {n['partnerships']} partnerships "
           f"({n['international_partnerships']} international)",
           f"{n['components']} components (largest: {n['largest_component']}), {n['communities']} communities "
           f"(modularity {n['modularity']}), density {n['density']}, betweenness {n['betweenness']}", ""]
    headers = ["#", "partner", "country", "degree", "degree c.", "betweenness", "comp.", "comm."]

    def rows(nodes):
        return [[str(i), m["label"], m["country"], str(m["degree"]), f"{m['degree_centrality']:.4f}",
                 f"{m['betweenness']:.4f}", str(m["component"]), str(m["community"])] for i, m in enumerate(nodes, 1)]

    out.append(f"top {top} by degree centrality")
    out += _table(headers, rows(stats["nodes"][:top]), {0, 3, 4, 5, 6, 7})
    by_between = sorted(stats["nodes"], key=lambda m: (-m["betweenness"], -m["degree_centrality"], m["label"], m["iri"]))
    out += ["", f"top {top} by betweenness centrality"]
    out += _table(headers, rows(by_between[:top]), {0, 3, 4, 5, 6, 7})
    for key, title in (("components", "components"), ("communities", "communities")):
        out += ["", f"largest {top} {title}"]
        out += _table(["#", "size", "countries", "hubs"],
                      [[str(c["id"]), str(c["size"]), " ".join(f"{k}:{v}" for k, v in list(c["countries"].items())[:6]),
                        ", ".join(c["hubs"])] for c in stats[key][:top]], {0, 1})
    out += ["", f"top {top} country links"]
    out += _table(["countries", "partnerships"],
                  [["–".join(x["countries"]), str(x["partnerships"])] for x in stats["country_links"][:top]], {1})
    bridges = stats["bridges"]
    out += ["", f"bridge municipalities ({len(bridges['municipalities'])}): articulation points with partners in ≥ 2 countries"]
    out += _table(["partner", "country", "partner countries", "betweenness"],
                  [[b["label"], b["country"], " ".join(b["partner_countries"]), f"{b['betweenness']:.4f}"]
                   for b in bridges["municipalities"][:top]], {3})
    out += ["", f"bridge partnerships ({len(bridges['partnerships'])}): the only link between two groups "
                f"of ≥ {BRIDGE_MIN_SIDE} partners"]
    out += _table(["partners", "countries", "sides"],
                  [[" – ".join(b["partners"]), "–".join(b["countries"]), f"{b['sides'][0]}/{b['sides'][1]}"]
                   for b in bridges["partnerships"][:top]], set())
    return "\n".join(out)
