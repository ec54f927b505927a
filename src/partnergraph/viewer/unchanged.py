"""What a rebuild can take over when the viewer's inputs did not change: graph.html and the
partnership network are functions of the viewer facts of every graph (facts.py) alone, and most
changed articles give the same facts as before (an edited sentence that names no new partner,
programme or place). Making them again from the facts of all graphs is what made a one-article
rebuild grow with the corpus (issue 16: reading the facts, joining them, the page data and its
JSON were 4-9 s of a 10 s rebuild at 10,000 articles).

The *facts key* names the facts of the whole graph. A build whose graphs are the last build's
and whose changed graphs have the same facts as before keeps the last key; any other build
takes the digest of its dump pieces as its key (a new key, never the key of other facts). The
key is kept in state.json, committed with the outputs it describes.

Under the key the build's memo (memo.py, emptied when the code's fingerprint changes) keeps the
page's SHA-256 (with the digest of the viewer's assets, which the fingerprint leaves out) and the
network; the page is reused only if the committed graph.html still has that digest, so a failed
or interrupted build, or a file changed by hand, is never taken over.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..resources import data_file

if TYPE_CHECKING:
    import networkx as nx

#: the state.json field that holds the facts key
STATE_KEY = "facts_key"
#: ... and the one that holds the network key: the name of the partnership network, kept like
#: the facts key when every changed graph gives the network the rows it gave before (most
#: changes of the viewer's facts leave the network as it was: a start year, a sentence)
NETWORK_STATE_KEY = "network_key"


def facts_key(previous: str | None, changed: dict[str, str | None], same_as_before, new_key: str) -> str:
    """The facts key of a build: `previous` (the last build's key; None when unknown, or when
    graphs were added, removed or made anew otherwise) when `same_as_before(changed)` says
    every changed graph (graph → its piece in the last build) has the facts it had; else
    `new_key`."""
    if previous is None:
        return new_key
    if not changed or same_as_before(changed):
        return previous
    return new_key


def _sha256(path: Path) -> str | None:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def assets_digest() -> str:
    """The viewer's assets (data/viewer/ and vis-network from pyvis), which the code's
    fingerprint does not cover: a page made with other assets is another page."""
    h = hashlib.sha256()
    folder = data_file("viewer")
    files = sorted(p for p in Path(folder).rglob("*") if p.is_file())
    spec = importlib.util.find_spec("pyvis")
    if spec is not None and spec.origin is not None:
        files.append(Path(spec.origin).parent / "lib" / "vis-9.1.2" / "vis-network.min.js")
    for path in files:
        h.update(path.name.encode() + b"\0")
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"missing")
    return h.hexdigest()


def _page_key(key: str) -> str:
    return f"{key}|{assets_digest()}"


def reuse_page(memo, key: str | None, committed: Path, target: Path) -> bool:
    """Copies the committed graph.html to `target` when the memo says it was made from the
    facts named `key` with today's assets and the file still has the digest it was written
    with; False otherwise (the caller makes the page)."""
    if memo is None or not key:
        return False
    found = memo.get("page", _page_key(key))
    if found is None or _sha256(committed) != found.decode("ascii", "replace"):
        return False
    try:
        shutil.copyfile(committed, target)
    except OSError:
        return False
    from .page_patch import keep_last

    keep_last(memo)  # the page data to patch next time is still the last page's
    return True


def remember_page(memo, key: str | None, path: Path) -> None:
    """Notes that `path` (a graph.html just written) is the page of the facts named `key`."""
    if memo is None or not key:
        return
    digest = _sha256(path)
    if digest is not None:
        memo.put("page", _page_key(key), digest.encode("ascii"))


def remembered_network(memo, key: str | None) -> tuple[nx.Graph, int] | None:
    """The partnership network (partnership_network.network_from_rows) of the facts named
    `key`, or None when not known. It is rebuilt exactly as it was made: the nodes in their
    order, the edges in the order `_network` adds them (by their first partnership, then by the
    pair), so every node's neighbours come in the same order (the analysis reads them so)."""
    if memo is None or not key:
        return None
    found = memo.get("network", key)
    if found is None:
        return None
    import networkx as nx

    try:
        counted, nodes, edges = marshal.loads(found)
        g = nx.Graph()
        for x, label, cls, country in nodes:
            g.add_node(x, label=label, cls=cls, country=country)
        g.add_edges_from((a, b, {"weight": weight, "partnerships": list(ps)}) for a, b, weight, ps in edges)
    except (ValueError, EOFError, TypeError):  # a damaged row: the network is made again
        return None
    return g, counted


def remember_network(memo, key: str | None, g: nx.Graph, counted: int) -> None:
    if memo is None or not key:
        return
    nodes = [[x, d["label"], d["cls"], d["country"]] for x, d in g.nodes(data=True)]
    # `_network` adds each pair (a < b) once, at its first partnership, the partnerships sorted
    edges = sorted(([min(a, b), max(a, b), d["weight"], list(d["partnerships"])] for a, b, d in g.edges(data=True)),
                   key=lambda e: (e[3][0], e[0], e[1]))
    memo.put("network", key, marshal.dumps([counted, nodes, edges]))


def only_known_graphs(store, graphs: Iterable[str]) -> bool:
    """Whether the store holds no graph but `graphs` (the facts then describe it)."""
    from ..namespaces import ANALYTICS_GRAPH, VOCABULARY_GRAPH

    return store.graph_names() <= set(graphs) | {VOCABULARY_GRAPH, ANALYTICS_GRAPH}
