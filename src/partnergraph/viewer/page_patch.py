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

#: the memo's kind of row
KIND = "page-items"
#: the memo row naming the items the last page kept, so that a build that takes graph.html
#: over (unchanged.py) keeps them for the next one
LAST = "page-items-last"
SWITCH = "PARTNERGRAPH_PAGE_PATCH"


def _key(net, size_by: str, joined: str) -> str:
    return "|".join([joined, size_by, net.title, net.view, str(net.aggregate), *net.focus])


class Kept:
    """The items of the last page that the change leaves as they were."""

    def __init__(self, changed: frozenset[str], light: set[str], parts: dict, nodes: dict, same_articles: bool,
                 art_at: Callable[[str], int]):
        #: the records that changed; those of them whose `_light` part changed
        self.changed, self.light, self.parts, self.nodes = changed, light, parts, nodes
        self.same_articles, self.art_at = same_articles, art_at

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
        found = memo.get(KIND, _key(net, size_by, raw.joined_from))
        if found is None:
            return None
        try:
            parts, nodes, order, light = marshal.loads(found)
        except (ValueError, EOFError, TypeError):  # a damaged row: every item is made
            return None
        if not all(isinstance(v, t) for v, t in ((parts, dict), (nodes, dict), (order, list), (light, dict))):
            return None
        index = {a: i for i, a in enumerate(art_order)}
        changed_light = {x for x in raw.changed if light.get(x) != _light(raw, x)}
        return cls(raw.changed, changed_light, parts, nodes, order == art_order, index.__getitem__)

    def part(self, p: str, reads: Callable[[], list[str]]) -> list | None:
        """The kept item of partnership `p` (as page_data._partnership_item gives it), or None."""
        made = self.parts.get(p)
        if made is None or not self._unread(p, reads):
            return None
        if not self.same_articles:
            item = dict(made[0], a=sorted(map(self.art_at, made[1])),
                        ev=[[self.art_at(a), ev[1]] for a, ev in zip(made[2], made[0]["ev"])])
            made = [item, *made[1:]]
        return made

    def node(self, x: str, extra: tuple, reads: Callable[[], list[str]]) -> list | None:
        """The kept item of node `x` (as page_data._node_item gives it) if it read `extra`
        of the view, or None."""
        made = self.nodes.get(x)
        if made is None or made[2] != extra or not self._unread(x, reads):
            return None
        if not self.same_articles:
            made = [dict(made[0], a=list(map(self.art_at, made[1]))), *made[1:]]
        return made


def keep(memo, net, size_by: str, art_order: list[str], parts: dict, nodes: dict) -> None:
    """Keeps a page's items for the next build, under the digest of the records they were
    made from (none when the records were read otherwise than through the join file)."""
    joined = net.raw.joined_to
    if memo is None or not joined:
        return
    key = _key(net, size_by, joined)
    raw = net.raw
    light = {x: _light(raw, x) for x in (*raw.entities, *raw.articles)}
    memo.put(KIND, key, marshal.dumps([parts, nodes, art_order, light]))
    memo.put(LAST, "", key.encode("utf-8", "surrogatepass"))


def _light(raw, x: str) -> tuple | None:
    """What items read of record `x` when it is not their own: an entity's class, name,
    country code and countries (names, labels, country codes), an article's date (years)."""
    e = raw.entities.get(x)
    if e is not None:
        return (e.cls, e.name, sorted(e.props.get("cc", ())), sorted(e.props.get("country", ())))
    a = raw.articles.get(x)
    return None if a is None else (a.date,)


def keep_last(memo) -> None:
    """For a build that took graph.html over: the last page's items stay for the next build
    (the memo drops the rows a build did not use, memo.py)."""
    if memo is None:
        return
    found = memo.get(LAST, "")
    if found is not None:
        memo.used.add((KIND, found.decode("utf-8", "surrogatepass")))
