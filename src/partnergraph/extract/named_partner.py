"""A lone foreign town a sentence names as a partner by a partner noun: "die Gäste aus der
französischen Partnerstadt X", "X wird neue Partnerstadt" (issue 17, news prose: dev3's
esslinger-zeitung.de and ka-news.de, dev2's kirchheimbolanden.de). Such a sentence names no
town of the article's own side; the partner belongs to the town the article is about, as the
partner "mit" names does ("… die Partnerschaft mit X", `partner_mentions.partner_of_mit`). Which
words say "partner" is data (`partner_noun_before`, `partner_noun_after` in relations-de.json)."""

from __future__ import annotations

import re

from ..models import Mention, Span

#: how far before a place its partner noun may begin: "Partnerlandkreis " (17 characters) with
#: room for a determiner the pattern allows
NOUN_REACH = 30
#: how far after a place "ist die neue Partnerstadt" may reach: 40 characters cover
#: "wird unsere künftige Partnergemeinde", with room
AFTER_REACH = 60


class NamedPartner:
    """The partner-noun rule, compiled once from the rule data."""

    def __init__(self, rules: dict):
        self.before = re.compile(rules["partner_noun_before"] + r"$")
        self.after = re.compile(rules["partner_noun_after"])

    def names(self, text: str, m: Mention, sent: Span) -> bool:
        """Does the sentence name `m` as a partner by a partner noun right before it ("der
        Partnerstadt X") or a predicate right after it ("X wird neue Partnerstadt")?"""
        return bool(self.before.search(text, max(sent.start, m.start - NOUN_REACH), m.start)
                    or self.after.match(text, m.end, min(sent.end, m.end + AFTER_REACH)))
