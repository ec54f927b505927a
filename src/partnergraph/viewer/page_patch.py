"""The last build's page data, kept to be patched: a rebuild takes over every partnership and
node of the page that reads no record the change touched, and makes the others again.

Making the page data of every partnership and node again is what made a one-article rebuild
of graph.html grow with the corpus (issue 16: 0.7 s of page data at 10,000 articles, 14,700
partnerships and 2,200 nodes, for one changed article). page_data.py makes each item by one
function of what it reads (`_partnership_item`, `_node_item`; `_partnership_reads` and
`_node_reads` list the records): its own record (a partnership's, a node's) whole, the others
only for their class, name, country code and countries, or an article's date (`_light`: an
added article changes the articles of every country it mentions, which no other item reads).
The facets an item asks for (page_data._partnership_asks, _node_asks) are asked again for
every item, in order, so the filters' labels are those of a full making. What a node
reads of the view rather than of records (its position, degree, analytics, filter tier, the
municipalities of its country) is kept with it and compared.

The items are kept in the build's memo (memo.py, emptied when any module changes) under the
digest of the graphs the viewer's join file described when they were made (join_delta.py),
and a rebuild reads them under the digest the file described before its delta, whose changed
records (`RawData.changed`) are exactly those that differ since: items made from other records
are never taken over. Positions in the page (of articles, which the items refer to) are given
afresh when the articles' order changed. So a patched page has the bytes of a page made from
scratch; tests/test_viewer_page_patch.py compares the two after every kind of change.

``PARTNERGRAPH_PAGE_PATCH=off`` makes every item again (the items are still kept): the
baseline of benchmarks/bench_rebuild.py, measured in the same run.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable
from dataclasses import dataclass

#: the memo's kind of row
KIND = "page-items"
#: a rebuild whose articles kept their order keeps its items as a delta on the row it read
#: (the items it made again or dropped, the changed records' `_light` parts) instead of
#: marshalling and writing every item again (0.46 s of a one-article rebuild at 30,000
#: articles, a 75 MB row; measured, session 23); after this many deltas in a row a build
#: writes them whole, so a rebuild reads at most this many deltas besides one whole row (8:
#: a whole row every ninth build, its 0.46 s spread over nine)
MAX_CHAIN = 8
#: the memo row naming the items the last page kept (with the rows a delta of them needs), so
#: that a build that takes graph.html over (unchanged.py) keeps them for the next one
LAST = "page-items-last"
#: the memo's kind of row that keeps the whole view with its page_patch.Shape (remembered_view)
VIEW = "page-view"
SWITCH = "PARTNERGRAPH_PAGE_PATCH"


def _key(net, size_by: str, joined: str) -> str:
    return "|".join([joined, size_by, net.title, net.view, str(net.aggregate), *net.focus])


@dataclass
class Shape:
    """What the page data reads of the view alone, its nodes and edges (and of a partnership
    its type): the positions, the nodes' order and degrees, the partnerships the edges stand
    for, the edges as the page lists them and the legend's relations (page_data._shape makes
    it). A rebuild whose changed records leave the view as it was takes it over
    (remembered_view) instead of assembling the view, laying it out and ranking every edge
    again."""
    pos: dict
    order: list
    degree: dict
    used_parts: list
    partner_nodes: set
    edges: list  # page.Encoded
    relations: list

    def row(self) -> list:
        """The shape as marshal keeps it."""
        return [self.pos, self.order, self.degree, self.used_parts, sorted(self.partner_nodes), list(self.edges),
                self.relations]

    @classmethod
    def of_row(cls, row: list) -> Shape:
        from .page import Encoded

        pos, order, degree, used_parts, partner_nodes, edges, relations = row
        return cls(pos, order, degree, used_parts, set(partner_nodes), Encoded(edges), relations)


class Kept:
    """The items of the last page that the change leaves as they were."""

    def __init__(self, changed: frozenset[str], light: set[str], parts: dict, nodes: dict, same_articles: bool,
                 art_at: Callable[[str], int], lights: dict, keys: tuple[str, ...] = ()):
        #: the records that changed; those of them whose `_light` part changed
        self.changed, self.light, self.parts, self.nodes = changed, light, parts, nodes
        self.same_articles, self.art_at = same_articles, art_at
        #: every record's `_light` part as it is now (the last build's, with the changed ones')
        self.lights = lights
        #: the memo keys of the rows the items were read from, the first the one asked for,
        #: the last the whole row (`_read`)
        self.keys = keys

    def _unread(self, x: str, reads: Callable[[], list[str]]) -> bool:
        """Whether the item of `x` read nothing that changed: not its own record, nor the
        `_light` part of `reads()` (the records it reads now: with its own record as it was,
        and every record it went through on the way unchanged in that part, the ones it read
        then)."""
        return x not in self.changed and (not self.light or self.light.isdisjoint(reads()))

    @classmethod
    def of(cls, memo, net, size_by: str, art_order: list[str]) -> Kept | None:
        """The last page's items, when `memo` holds those of the records `net` was joined
        from before its change; None otherwise (every item is made)."""
        raw = net.raw
        if memo is None or raw.changed is None or not raw.joined_from or os.environ.get(SWITCH) == "off":
            return None
        key = _key(net, size_by, raw.joined_from)
        found = _read(memo, key)
        if found is None:
            return None
        parts, nodes, order, light, keys = found
        index = {a: i for i, a in enumerate(art_order)}
        now = {x: _light(raw, x) for x in raw.changed}
        changed_light = {x for x, v in now.items() if light.get(x) != v}
        _bring_up(light, now)
        return cls(raw.changed, changed_light, parts, nodes, order == art_order, index.__getitem__, light, keys)

    def _moved(self, made: list, evidence: bool) -> list:
        """`made` with its articles' positions given again (the articles' order changed)."""
        from .page import encode_item

        item = made[0]
        if isinstance(item, bytes):
            import orjson  # bytes were written by orjson (page.encode_item)

            item = orjson.loads(item)
        item = dict(item, a=sorted(map(self.art_at, made[1])) if evidence else list(map(self.art_at, made[1])))
        if evidence:
            item["ev"] = [[self.art_at(a), ev[1]] for a, ev in zip(made[2], item["ev"])]
        return [encode_item(item), *made[1:]]

    def part(self, p: str, reads: Callable[[], list[str]]) -> list | None:
        """The kept state of partnership `p` (page_data's [item, articles, evidence's articles,
        facets asked, years]), or None."""
        made = self.parts.get(p)
        if made is None or not self._unread(p, reads):
            return None
        return made if self.same_articles else self._moved(made, True)

    def node(self, x: str, extra: tuple, reads: Callable[[], list[str]]) -> list | None:
        """The kept state of node `x` (page_data's [item, articles, `extra`, facets asked,
        years]) if it read `extra` of the view, or None."""
        made = self.nodes.get(x)
        if made is None or made[2] != extra or not self._unread(x, reads):
            return None
        return made if self.same_articles else self._moved(made, False)


def keep(memo, net, size_by: str, art_order: list[str], parts: dict, nodes: dict, kept: Kept | None = None) -> None:
    """Keeps a page's items for the next build, under the digest of the records they were
    made from (none when the records were read otherwise than through the join file). The
    records' `_light` parts are those `kept` brought up to date, or read from every record."""
    joined = net.raw.joined_to
    if memo is None or not joined:
        return
    key = _key(net, size_by, joined)
    raw = net.raw
    needs: tuple[str, ...] = ()  # the rows the new one is a delta on
    if kept is not None and kept.same_articles and len(kept.keys) <= MAX_CHAIN and key not in kept.keys:
        # what differs from the rows `kept` read: taken-over items are their very objects
        needs = kept.keys
        row = [_DELTA, kept.keys[0], {p: s for p, s in parts.items() if kept.parts.get(p) is not s},
               [p for p in kept.parts if p not in parts], {x: s for x, s in nodes.items() if kept.nodes.get(x) is not s},
               [x for x in kept.nodes if x not in nodes], {x: kept.lights.get(x) for x in raw.changed}]
    else:
        light = kept.lights if kept is not None else {x: _light(raw, x) for x in (*raw.entities, *raw.articles)}
        row = [parts, nodes, art_order, light]
    memo.put(KIND, key, marshal.dumps(row))
    memo.put(LAST, "", "\0".join([key, *needs]).encode("utf-8", "surrogatepass"))


def keep_last(memo) -> None:
    """For a build that took graph.html over: the last page's items, and the rows they are a
    delta on, stay for the next build (the memo drops the rows a build did not use, memo.py)."""
    if memo is None:
        return
    found = memo.get(LAST, "")
    if found is not None:
        memo.used.update((KIND, k) for k in found.decode("utf-8", "surrogatepass").split("\0"))


_DELTA = "delta"


def _read(memo, key: str) -> tuple | None:
    """(parts, nodes, articles' order, light parts, the keys read) of the items kept under
    `key`: a whole row, or a delta on the row of another key (`keep`), read back to the whole
    row and brought forward. None when a row is missing or damaged (every item is made)."""
    deltas, keys = [], [key]
    try:
        while True:
            found = memo.get(KIND, key)
            if found is None:
                return None
            row = marshal.loads(found)
            if not (isinstance(row, list) and row):
                return None
            if row[0] != _DELTA:
                break
            if len(deltas) >= MAX_CHAIN:  # a loop, or rows of another version: made again
                return None
            deltas.append(row)
            key = row[1]
            keys.append(key)
        parts, nodes, order, light = row
        if not all(isinstance(v, t) for v, t in ((parts, dict), (nodes, dict), (order, list), (light, dict))):
            return None
        for _, _, new_parts, gone_parts, new_nodes, gone_nodes, new_light in reversed(deltas):
            parts.update(new_parts)
            nodes.update(new_nodes)
            for p in gone_parts:
                parts.pop(p, None)
            for x in gone_nodes:
                nodes.pop(x, None)
            _bring_up(light, new_light)
    except (ValueError, EOFError, TypeError, AttributeError):  # a damaged row: every item is made
        return None
    return parts, nodes, order, light, tuple(keys)


def _view_reads(raw, x: str) -> tuple | None:
    """What the view (views.assemble, whole) and its `page_patch.Shape` read of record `x`: a
    partnership's partners, programmes, themes and type; an entity's class, countries, hosts,
    implementers and funders."""
    p = raw.partnerships.get(x)
    if p is not None:
        return ("p", tuple(p.partners), tuple(sorted(p.programmes)), tuple(sorted(p.themes)), p.type, p.type_label)
    e = raw.entities.get(x)
    if e is not None:
        return ("e", e.cls, *(tuple(sorted(e.props.get(k, ()))) for k in ("country", "hostedBy", "implementedBy",
                                                                             "fundedBy")))
    return None


def remembered_view(raw, memo, known: dict | None = None):
    """The whole view (views.build_view without a restriction) of the last build, with its
    `page_patch.Shape`, when every record that changed since reads as it did for the view
    (`_view_reads`); None otherwise (the view is assembled). A changed start year, quote or
    article leaves the view as it was. When the view changed, `known["reads"]` receives what
    every record reads for it now (the last build's, with the changed records'), for
    `remember_view`."""
    from .views import Network

    if memo is None or raw.changed is None or not raw.joined_from or os.environ.get(SWITCH) == "off":
        return None
    key = raw.joined_from
    found = memo.get(VIEW, key)
    if found is not None and found.startswith(_ALIAS):  # the view of another key (remember_view)
        key = found[len(_ALIAS):].decode("utf-8", "surrogatepass")
        found = memo.get(VIEW, key)
    if found is None:
        return None
    try:
        reads, nodes, shape = marshal.loads(found)
        now = {x: _view_reads(raw, x) for x in raw.changed}
        if any(reads.get(x) != v for x, v in now.items()):
            if known is not None and isinstance(reads, dict):
                known["reads"] = _bring_up(reads, now)
            return None
        # no edges: page_data reads them only through the shape (making 117,000 edges again
        # cost 0.2 s at 30,000 articles)
        net = Network(raw, dict(nodes), None, whole=True, shape=Shape.of_row(shape))
    except (ValueError, EOFError, TypeError):  # a damaged row: the view is assembled
        return None
    net.row = key
    return net


def remember_view(memo, net, shape) -> None:
    """Keeps the whole view and its `shape` for the next build, under the digest of the
    records it was made from."""
    joined = net.raw.joined_to
    if memo is None or not joined or not net.whole:
        return
    if net.row is not None:
        # taken over, the records it read as they were: the new key names the row it was read
        # from (rewriting the row cost 0.05-0.2 s at 30,000 articles, 22 MB), which this build
        # read and so keeps (memo.py)
        if net.row != joined:
            memo.put(VIEW, joined, _ALIAS + net.row.encode("utf-8", "surrogatepass"))
        return
    raw = net.raw
    # brought up to date by remembered_view, or read from every record (0.13-0.16 s at 10,000
    # articles, measured)
    reads = net.reads if net.reads is not None else {x: _view_reads(raw, x) for x in (*raw.partnerships,
                                                                                      *raw.entities)}
    memo.put(VIEW, joined, marshal.dumps([reads, list(net.nodes.items()), shape.row()]))


#: the start of a view row that names the key of the row holding the view (marshal's data
#: never starts so: its first byte is a type code)
_ALIAS = b"@view:"


def _bring_up(table: dict, changes: dict) -> dict:
    """`table` (record → what is kept of it) with `changes` made: a record whose value is None
    is gone. The light parts and the view's record parts are kept so between builds."""
    for x, value in changes.items():
        if value is None:
            table.pop(x, None)
        else:
            table[x] = value
    return table


def _light(raw, x: str) -> tuple | None:
    """What items read of record `x` when it is not their own: an entity's class, name,
    country code and countries (names, labels, country codes), an article's date (years)."""
    e = raw.entities.get(x)
    if e is not None:
        return (e.cls, e.name, sorted(e.props.get("cc", ())), sorted(e.props.get("country", ())))
    a = raw.articles.get(x)
    return None if a is None else (a.date,)
