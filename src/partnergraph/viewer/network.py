"""The interactive network (graph.html): who partners with whom, through which programme, on
which themes, with the articles and sentences as evidence. One self-contained HTML file.

The story, one module each: `load` reads what the viewer needs from the store (a `RawData`,
records.py); `views` picks the nodes and edges of a view (all, one programme, one country,
countries aggregated, the neighbourhood of a node); `layout` places the nodes once, in Python
(networkx' spring layout, or for large components the same energy minimised with numpy,
energy.py), so the browser draws without physics; `page_data` turns it into the JSON the page
reads (docs/viewer.md lists its keys), and `page` writes the page. What the picture shows
(classes, relations, colours) is data in legend.py. A build reads the network not from the store
but from the facts it keeps per article (facts.py), so a rebuild reads only what changed.
"""

from __future__ import annotations

from pathlib import Path

from ..publish.export import write_atomic
from ..store.embedded import GraphStore
from .collector import gc_paused
from .facts import FactCache
from .load import load
from .page import render_bytes
from .page_data import page_data
from .page_patch import remembered_view
from .views import build_view


def write_network(store: GraphStore, path: Path, *, base: str, focus: str | None = None, depth: int = 1,
                  articles: bool = False, programme: str | None = None, country: str | None = None,
                  aggregate: bool = False, size_by: str = "degree", facts: FactCache | None = None,
                  pieces: dict[str, str | None] | None = None, memo=None, analytics=None) -> Path:
    """Writes graph.html for the whole network or one view of it; returns the path.

    A build passes its `facts` (facts.py) and the dump `pieces` of the store's article graphs:
    the network is then read from the facts (the extracted articles' are stored with them);
    the page is the same as from the store. Its `memo` (memo.py) keeps the layouts of the
    network's components between builds; `analytics`, the quads it wrote into the analytics
    graph (facts.FactCache.load)."""
    with gc_paused():
        raw = facts.load(store, pieces or {}, articles=articles, analytics=analytics) if facts is not None else None
        if raw is None:
            raw = load(store, base=base, articles=articles)
        whole = not (articles or programme or country or focus or aggregate)
        # the last build's view, when the change left it as it was (page_patch.py)
        known: dict = {}
        net = remembered_view(raw, memo, known) if whole else None
        if net is None:
            net = build_view(raw, articles=articles, programme=programme, country=country,
                             focus=focus, depth=depth, aggregate=aggregate)
            net.reads = known.get("reads")
        page = render_bytes(page_data(net, size_by=size_by, memo=memo, encoded=True))
    write_atomic(Path(path), page)
    return Path(path)
