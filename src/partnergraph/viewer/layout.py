"""Node positions, computed once in Python so the browser draws without physics: the
partnership structure by spring layout per connected component (leaves fanned around their
hub), the components packed in rows, every other node on the nearest free spot near the middle
of its neighbours (`_Grid`). Deterministic: same network, same positions."""

from __future__ import annotations

import json
import marshal
import math
from collections import defaultdict
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np

from ..memo import digest
from .energy import LAYOUT_SEED, energy_layout
from .legend import CORE
from .views import Network

if TYPE_CHECKING:
    from ..memo import Memo

# -- layout constants ----------------------------------------------------------------------------

#: on-screen length of a partnership edge, px: room for an edge label of ~15 characters at
#: the 10 px edge font between two node labels
EDGE_PX = 160.0
#: the closest two placed nodes may come, px: two default dots (radius ≤ 18 at scaling.max 36)
#: plus a 13 px label line, checked in the screenshot of the sample graph
MIN_GAP = 44.0
#: arc between two partners fanned around their hub, px: room for two labels side by side
LEAF_ARC_PX = 2 * MIN_GAP
#: networkx' own switch from its dense to its sparse ('energy') spring solver
SPARSE_FROM = 500
#: column width for nodes with no neighbour, px: an event title of ~35 characters at 13 px
LOOSE_PX = 260.0
#: golden angle, for the spiral that searches a free spot near a node's neighbours
GOLDEN = math.pi * (3 - math.sqrt(5))


def _spring(h: nx.Graph) -> dict[str, tuple[float, float]]:
    if len(h) < SPARSE_FROM:
        pos = nx.spring_layout(h, seed=LAYOUT_SEED, method="force")
    else:
        pos = energy_layout(h)
    lengths = sorted(math.dist(pos[a], pos[b]) for a, b in h.edges)
    unit = lengths[len(lengths) // 2] if lengths and lengths[len(lengths) // 2] > 0 else 1.0
    return {x: (float(p[0]) * EDGE_PX / unit, float(p[1]) * EDGE_PX / unit) for x, p in pos.items()}


def _component(h: nx.Graph) -> dict[str, tuple[float, float]]:
    """One connected component: its leaves (degree 1) are set around their node afterwards, so
    the spring layout only sees the inner nodes (most partner towns abroad are leaves)."""
    order = sorted(h)
    if len(order) == 1:
        return {order[0]: (0.0, 0.0)}
    if len(order) == 2:
        return {order[0]: (-EDGE_PX / 2, 0.0), order[1]: (EDGE_PX / 2, 0.0)}
    leaves = {x: next(iter(h[x])) for x in order if h.degree(x) == 1 and h.degree(next(iter(h[x]))) > 1}
    inner = [x for x in order if x not in leaves]
    if len(inner) == 1:
        pos = {inner[0]: (0.0, 0.0)}
    elif len(inner) == 2:
        pos = {inner[0]: (-EDGE_PX / 2, 0.0), inner[1]: (EDGE_PX / 2, 0.0)}
    else:
        sub = nx.Graph()
        sub.add_nodes_from(inner)
        sub.add_edges_from((a, b) for a, b in h.edges if a in sub and b in sub)
        pos = _spring(sub)
    kids: dict[str, list[str]] = defaultdict(list)
    for x, parent in leaves.items():
        kids[parent].append(x)
    grid = _Grid()
    for x in inner:  # spring layouts seldom overlap, but nothing may sit on another node
        pos[x] = grid.near(pos[x])
        grid.add(pos[x])
    for parent, children in sorted(kids.items()):
        px, py = pos[parent]
        around = sorted(math.atan2(pos[y][1] - py, pos[y][0] - px) for y in h[parent] if y in pos and y not in leaves)
        if around:  # fan out into the widest free angle between the parent's other links
            gaps = [((around[(i + 1) % len(around)] - a) % (2 * math.pi) or 2 * math.pi, a) for i, a in enumerate(around)]
            gap, start = max(gaps)
            towards, spread = start + gap / 2, min(gap * 0.8, 4 * math.pi / 3)
        else:
            towards, spread = -math.pi / 2, 2 * math.pi
        m = len(children)
        radius = max(EDGE_PX * 0.8, m * LEAF_ARC_PX / spread)
        for i, x in enumerate(children):
            if spread >= 2 * math.pi:
                angle = towards + 2 * math.pi * i / m
            else:
                angle = towards + (spread * (i / (m - 1) - 0.5) if m > 1 else 0.0)
            pos[x] = grid.near((px + radius * math.cos(angle), py + radius * math.sin(angle)))
            grid.add(pos[x])
    return pos


#: components of fewer nodes are laid out again every time: their layout costs less than the
#: look-up (no spring layout below 3 inner nodes)
MEMO_MIN_NODES = 8


def _remembered(h: nx.Graph, memo: Memo | None) -> dict[str, tuple[float, float]]:
    """`_component(h)`, from the memo when it holds the layout of this very component: the key
    is its nodes and its adjacency in the order `_component` and the spring layout read them
    (the order follows the nodes' insertion, so the graph the component came from)."""
    if memo is None or len(h) < MEMO_MIN_NODES:
        return _component(h)
    # JSON, not marshal: marshal's bytes depend on which equal strings are one object
    key = digest(json.dumps([list(h), [list(h[x]) for x in h], [list(e) for e in h.edges]]).encode())
    found = memo.get("layout", key)
    if found is not None:
        try:
            pos = marshal.loads(found)
            if isinstance(pos, dict) and pos.keys() == set(h):
                return {x: (float(p[0]), float(p[1])) for x, p in pos.items()}
        except (ValueError, EOFError, TypeError, IndexError):
            pass
    pos = _component(h)
    memo.put("layout", key, marshal.dumps({x: (float(p[0]), float(p[1])) for x, p in pos.items()}))
    return pos


def _pack(parts: list[dict[str, tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    """Components side by side in rows (largest first), about as wide as high."""
    boxes = []
    for pos in parts:
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        width = max(xs) - min(xs) + 2 * MIN_GAP
        if len(pos) == 1:  # a lone node: room for its label beside the next one
            width = max(width, LOOSE_PX)
        boxes.append((min(xs), min(ys), width, max(ys) - min(ys) + 2 * MIN_GAP))
    area = sum(w * h for _, _, w, h in boxes)
    width = max([math.sqrt(area) * 1.3] + [w for _, _, w, _ in boxes]) if boxes else 0
    out: dict[str, tuple[float, float]] = {}
    x = y = row_h = 0.0
    for pos, (mx, my, w, h) in zip(parts, boxes):
        if x > 0 and x + w > width:
            x, y, row_h = 0.0, y + row_h, 0.0
        for k, (px, py) in pos.items():
            out[k] = (px - mx + x + MIN_GAP, py - my + y + MIN_GAP)
        x += w
        row_h = max(row_h, h)
    return out


#: spiral steps tested at once when a node's own spot is taken, then 4×, 16×, … as many: in
#: the crowded middle of the 10,000-article graph most nodes need 64–320 steps (429,000 steps
#: for 2,214 nodes, at most 1,034; counted); all searches of its layout took 0.22 s in
#: batches of 128 steps, 0.16 s in batches of 256
SPIRAL_BATCH = 256
#: points a grid cell keeps for the batched test. Points at least MIN_GAP apart fit four to a
#: MIN_GAP square, but in the 10,000-article layout 2,144 cells hold one point, 35 two and none
#: more (counted), and two slots halve the work against four (0.16 s against 0.36 s); the
#: steps next to a fuller cell go to the exact test
CELL_SLOTS = 2
#: cells added on each side when a point falls outside the mirror's rectangle, so that it is
#: seldom copied (the 10,000-article layout grows it 6 times, with --articles 11 times)
CELL_MARGIN = 32
#: the most cells the numpy mirror may span (40 MB); beyond, `near` tests step by step. The
#: 12,218 nodes of the 10,000-article graph with --articles span 40,600 cells (counted)
GRID_MAX_CELLS = 1_000_000
#: the 3 × 3 cells around a cell, as (dx, dy)
_AROUND = [(dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]


class _Grid:
    """Placed points in cells of MIN_GAP, to find a free spot in constant time.

    `cells` holds the points for the exact test (`free`); a numpy mirror (`xs`, `ys`: up to
    CELL_SLOTS points for each cell of a rectangle, unused slots at infinity) lets `near` test
    a whole batch of spiral steps against the points of their 3 × 3 cells at once."""

    def __init__(self):
        self.cells: dict[tuple[int, int], list[tuple[float, float]]] = defaultdict(list)
        self.origin = (0, 0)  # cell index of row 0, column 0
        self.shape = (0, 0)
        self.xs = self.ys = np.full(0, np.inf)  # (columns · rows · CELL_SLOTS), flat
        self.fill = np.zeros(0, dtype=np.intp)  # points per cell, flat
        self.overfull = False
        self.mirrored = True  # False once the points span more than GRID_MAX_CELLS

    def add(self, p: tuple[float, float]) -> None:
        cell = (int(p[0] // MIN_GAP), int(p[1] // MIN_GAP))
        self.cells[cell].append(p)
        if not self.mirrored:
            return
        i, j = cell[0] - self.origin[0], cell[1] - self.origin[1]
        # the outermost cells stay empty: `near` clamps its lookups into the rectangle
        if not (1 <= i < self.shape[0] - 1 and 1 <= j < self.shape[1] - 1):
            if not self._grow(cell):
                return
            i, j = cell[0] - self.origin[0], cell[1] - self.origin[1]
        flat = i * self.shape[1] + j
        k = self.fill[flat]
        if k < CELL_SLOTS:
            self.xs[flat * CELL_SLOTS + k] = p[0]
            self.ys[flat * CELL_SLOTS + k] = p[1]
        else:
            self.overfull = True
        self.fill[flat] = k + 1

    def _grow(self, cell: tuple[int, int]) -> bool:
        """Widens the mirror to hold `cell`; False (and no mirror from now on) if too large."""
        (x0, y0), (w, h) = self.origin, self.shape
        nx0, ny0 = cell[0] - CELL_MARGIN, cell[1] - CELL_MARGIN
        nx1, ny1 = cell[0] + CELL_MARGIN + 1, cell[1] + CELL_MARGIN + 1
        if w:
            nx0, ny0, nx1, ny1 = min(nx0, x0), min(ny0, y0), max(nx1, x0 + w), max(ny1, y0 + h)
        if (nx1 - nx0) * (ny1 - ny0) > GRID_MAX_CELLS:
            self.mirrored = False
            self.xs = self.ys = np.full(0, np.inf)
            self.fill = np.zeros(0, dtype=np.intp)
            return False
        xs = np.full((nx1 - nx0, ny1 - ny0, CELL_SLOTS), np.inf)
        ys = np.full((nx1 - nx0, ny1 - ny0, CELL_SLOTS), np.inf)
        fill = np.zeros((nx1 - nx0, ny1 - ny0), dtype=np.intp)
        if w:
            ox, oy = x0 - nx0, y0 - ny0
            xs[ox:ox + w, oy:oy + h] = self.xs.reshape(w, h, CELL_SLOTS)
            ys[ox:ox + w, oy:oy + h] = self.ys.reshape(w, h, CELL_SLOTS)
            fill[ox:ox + w, oy:oy + h] = self.fill.reshape(w, h)
        self.origin, self.shape = (nx0, ny0), (nx1 - nx0, ny1 - ny0)
        self.xs, self.ys, self.fill = xs.ravel(), ys.ravel(), fill.ravel()
        return True

    def free(self, p: tuple[float, float]) -> bool:
        cx, cy = int(p[0] // MIN_GAP), int(p[1] // MIN_GAP)
        return not any(math.dist(p, q) < MIN_GAP for dx in (-1, 0, 1) for dy in (-1, 0, 1)
                       for q in self.cells.get((cx + dx, cy + dy), ()))

    def near(self, p: tuple[float, float]) -> tuple[float, float]:
        """The first free spot on a golden-angle spiral around `p` (step i at radius
        MIN_GAP·√i). The steps are tested in batches with numpy: a step that a placed point is
        clearly too close to is out, and `free` confirms the first of the others, so the spot
        is exactly the one a test step by step finds. (Any placed point found too close rules
        a step out, so rounding in the cell lookup can only cost an extra exact test.)"""
        if self.free(p):
            return p
        if not self.mirrored:  # step by step
            i, q = 0, p
            while not self.free(q):
                i += 1
                offset = _spiral(i + 1)[i]
                q = (p[0] + float(offset[0]), p[1] + float(offset[1]))
            return q
        w, h = self.shape
        around = np.array([dx * h + dy for dx, dy in _AROUND])
        slots = (around[:, None] * CELL_SLOTS + np.arange(CELL_SLOTS)).ravel()
        lo, size = 1, SPIRAL_BATCH
        while True:
            hi = lo + size
            offsets = _spiral(hi)[lo:hi]
            sx = offsets[:, 0] + p[0]  # the same sums as p[0] + r·cos(i·GOLDEN)
            sy = offsets[:, 1] + p[1]
            if w:
                ci = np.clip(np.floor(sx / MIN_GAP).astype(np.intp) - self.origin[0], 1, w - 2)
                cj = np.clip(np.floor(sy / MIN_GAP).astype(np.intp) - self.origin[1], 1, h - 2)
                flat = ci * h + cj
                index = flat[:, None] * CELL_SLOTS + slots[None, :]
                d2 = (self.xs[index] - sx[:, None]) ** 2 + (self.ys[index] - sy[:, None]) ** 2
                # a hair below MIN_GAP² still counts as possibly free: `free` decides
                open_ = d2.min(axis=1) >= MIN_GAP * MIN_GAP * (1 - 1e-9)
                if self.overfull:  # a cell with more points than slots: `free` decides
                    open_ |= (self.fill[flat[:, None] + around[None, :]] > CELL_SLOTS).any(axis=1)
                candidates = np.flatnonzero(open_)
            else:
                candidates = range(len(offsets))
            for j in candidates:
                q = (p[0] + float(offsets[j, 0]), p[1] + float(offsets[j, 1]))
                if self.free(q):
                    return q
            lo, size = hi, size * 4


_SPIRAL: list = []


def _spiral(n: int):
    """Offsets of the first `n` spiral steps (step 0 is the point itself), computed with the
    math module as the step-by-step search did, cached for the process."""
    if not _SPIRAL or len(_SPIRAL[0]) < n:
        steps = max(n, 2 * len(_SPIRAL[0]) if _SPIRAL else n)
        table = np.zeros((steps, 2))
        for i in range(1, steps):
            r = MIN_GAP * math.sqrt(i)
            table[i] = (r * math.cos(i * GOLDEN), r * math.sin(i * GOLDEN))
        _SPIRAL[:] = [table]
    return _SPIRAL[0]


_TIER = {"Municipality": 0, "Organisation": 0, "Event": 0, "Country": 1, "Programme": 1, "Theme": 1, "Article": 3}


def layout(net: Network, memo: Memo | None = None) -> dict[str, tuple[int, int]]:
    """Positions in px: the partnership structure by spring layout per component, packed;
    every other node near the middle of its neighbours. Deterministic. A component's layout
    is a function of its nodes and edges alone: with a `memo` (a build's) it is computed only
    for components the last build did not lay out, and the whole layout is taken over when
    the last build laid out these very nodes and edges (`_whole_key`)."""
    key = _whole_key(net) if memo is not None else ""
    if key:
        found = memo.get("whole-layout", key)
        if found is not None:
            try:
                pos = marshal.loads(found)
                if isinstance(pos, dict) and pos.keys() == net.nodes.keys():
                    return pos
            except (ValueError, EOFError, TypeError):  # a damaged row: laid out again
                pass
    pos = _layout(net, memo)
    if key:
        memo.put("whole-layout", key, marshal.dumps(pos))
    return pos


def _whole_key(net: Network) -> str:
    """What `_layout` reads of a network: the nodes with their classes and the edges' ends and
    relations, in order (the order of a node's neighbours moves the middle it is placed near).
    A facts change that leaves them as they were (another start year, a new sentence) so
    skips the layout's searches for free spots (0.2 s at 10,000 articles, measured)."""
    return digest(json.dumps([list(net.nodes.items()), [(e.source, e.target, e.rel) for e in net.edges]],
                             ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass"))


def _layout(net: Network, memo: Memo | None) -> dict[str, tuple[int, int]]:
    core = nx.Graph()
    on_core_edge = {x for e in net.edges if e.rel in CORE for x in (e.source, e.target)}
    core_nodes = sorted(x for x, c in net.nodes.items() if c in ("Municipality", "Event") or
                        (c == "Organisation" and x in on_core_edge))
    core.add_nodes_from(core_nodes)
    for e in net.edges:
        if e.rel in CORE:
            core.add_edge(e.source, e.target)
    comps = sorted((sorted(c) for c in nx.connected_components(core)), key=lambda c: (-len(c), c[0]))
    # one component is the graph itself: no subgraph view, whose filters cost 0.1 s on the
    # 10,000-article graph (its 1,995 partners form one component)
    placed = _pack([_remembered(core if len(c) == len(core) else core.subgraph(c), memo) for c in comps])
    grid = _Grid()
    for p in placed.values():
        grid.add(p)
    neighbours: dict[str, list[str]] = defaultdict(list)
    for e in net.edges:
        neighbours[e.source].append(e.target)
        neighbours[e.target].append(e.source)
    rest = sorted((x for x in net.nodes if x not in placed), key=lambda x: (_TIER.get(net.nodes[x], 2), x))
    loose = []
    for _ in range(2):  # organisations of programmes wait for their programme
        waiting = []
        for x in rest:
            around = [placed[y] for y in neighbours[x] if y in placed]
            if not around:
                waiting.append(x)
                continue
            centre = (sum(p[0] for p in around) / len(around), sum(p[1] for p in around) / len(around))
            placed[x] = grid.near(centre)
            grid.add(placed[x])
        rest = waiting
    loose = rest
    if loose:  # nothing to be near: rows under the picture, a long label apart
        top = max((p[1] for p in placed.values()), default=0.0) + EDGE_PX
        right = max((p[0] for p in placed.values()), default=0.0)
        per_row = max(1, int(right // LOOSE_PX) + 1)
        for i, x in enumerate(loose):
            placed[x] = grid.near(((i % per_row) * LOOSE_PX, top + (i // per_row) * MIN_GAP * 2))
            grid.add(placed[x])
    return {x: (round(p[0]), round(p[1])) for x, p in placed.items()}
