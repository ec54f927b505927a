"""The partner of a town named right before a possessive relative pronoun: "… mit unserer
Partnerstadt A, deren Partnerstadt B seit 1997 ist", "… mit der Stadt A und … mit deren
französischer Partnerstadt B verbunden": B is A's partner, whatever else the sentence pairs B
with (the page's own town, as a partner's partner). Pattern: `relative_partner_before` in
relations-de.json."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..models import Mention, Span

#: how far before a place the pronoun may stand: "deren französischer Partnerstadt die Stadt "
#: is 44 characters, with room
RELATIVE_REACH = 70


def relative_partners(pattern: re.Pattern, text: str, sent: Span, here: list[Mention],
                      every: list[Mention] | None = None) -> Iterator[tuple[Mention, Mention]]:
    """(owner, partner) for each place of the sentence that follows "deren/dessen …
    Partnerstadt": the owner is the place that ends nearest before the pronoun. `here`: the
    sentence's places, each once; `every`: each of their occurrences (a partner named earlier in
    the sentence too: "Die Kontakte zu B entstanden … mit A, deren Partnerstadt B … ist")."""
    s_text = text[sent.start:sent.end]
    if "deren" not in s_text and "dessen" not in s_text:
        return
    kept = {(m.kind, m.ref) for m in here}
    ordered = sorted((m for m in (every or here) if (m.kind, m.ref) in kept), key=lambda m: m.start)
    for m in ordered:
        found = pattern.search(text, max(sent.start, m.start - RELATIVE_REACH), m.start)
        if found is None:
            continue
        before = [o for o in ordered if o.end <= found.start() and (o.kind, o.ref) != (m.kind, m.ref)]
        if before:
            yield before[-1], m
