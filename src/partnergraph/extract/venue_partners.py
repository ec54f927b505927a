"""A foreign town named only as where something happens is no partner of the sentence's own town
(issue #17, session 21, fresh9's false pairs): a politician flies to a capital while the town's
group comes home from its partner B (wallenhorst.de); a visit to one town and a sight in another
are listed beside a festival with guests from all the partner towns (partnerschaft-brackenheim.eu);
a speaker works in a city abroad and supports the partnership with the home town (citylife-bs.de);
a trip ends in a capital after its stops in the partner towns (daz-augsburg.de, fresh7).

A pair is dropped when one side is a town of another country than the page's and every mention of
it in the pair's evidence stands right after a preposition of place or direction ("in", "im",
"nach"), while the same sentence names the partnership's partner otherwise: a partner noun right
before another place ("Partnergemeinde B", "Städtepartnerschaft mit C") or the own
town's partners in the plural ("Partnerstädten"). The home side after "in" is the owner speaking
("In A ruht die Partnerschaft mit X") and is never asked; a relation noun before the
preposition ("die Kontakte nach X") and a partner noun in apposition after the town ("in X, der
Partnerstadt von Y") make the town the partner after all, and a partnership word in an
association's name ("des Vereins zur Förderung der Städtepartnerschaft A – B") names no partner.
Wording: data/pair-vetoes-de.json (read through rules.py)."""

from __future__ import annotations

import re
from functools import cache

from ..models import Extraction, Mention, Span
from .partner_mentions import PREPOSITION_REACH, PrepositionBefore
from .rules import rules

#: how far back a relation noun may stand before the venue's preposition, and a partner noun
#: before another place ("Städtepartnerschaft mit der Stadt " is 34): the prepositions' own reach
REACH = PREPOSITION_REACH
#: the venue: a preposition of place or direction, maybe an article and up to two lower-case
#: words ("nach X", "im polnischen X"), right before the town
_VENUE_BEFORE = PrepositionBefore("in", "im", "nach")


@cache
def _patterns() -> dict[str, re.Pattern]:
    data = rules()
    out = {key: re.compile(data[key]) for key in (
        "relation_before_venue", "partner_apposition_after", "partner_named_elsewhere")}
    out["plural_partners"] = re.compile(data["venue_plural_partners"])
    # (a partnership word inside an association's name names no partner: "des Vereins zur
    # Förderung der Städtepartnerschaft A – B", the association the sentence's person chairs)
    out["association_before"] = re.compile(rules()["association_before_type"] + "$")
    return out


def drop_venue_partners(ex: Extraction, text: str) -> None:
    """Drops the pairs whose foreign side is only a venue of their evidence (see the module)."""
    if not ex.partnerships or ("in " not in text and "nach " not in text):
        return
    pat = _patterns()
    by_sentence: dict[Span, list[Mention]] = {}
    for m in ex.mentions:
        if m.kind == "municipality":
            by_sentence.setdefault(m.sentence, []).append(m)
    venues: dict[int, bool] = {}
    elsewhere: dict[tuple[Span, str], bool] = {}

    def venue(m: Mention) -> bool:
        if m.start not in venues:
            v = _VENUE_BEFORE.match(text, m.sentence, m)
            venues[m.start] = bool(v) and not pat["relation_before_venue"].search(
                text, max(m.sentence.start, v.start() - REACH), v.start()) \
                and not pat["partner_apposition_after"].match(text, m.end, m.sentence.end)
        return venues[m.start]

    def partner_elsewhere(sent: Span, ref: str) -> bool:
        key = (sent, ref)
        if key not in elsewhere:
            elsewhere[key] = bool(pat["plural_partners"].search(text, sent.start, sent.end)) or any(
                o.ref != ref and _named_by_partner_noun(pat, text, sent, o) for o in by_sentence.get(sent, ()))
        return elsewhere[key]

    kept = []
    for p in ex.partnerships:
        if any(k == "municipality" and _only_venue(ex, r, p.evidence, by_sentence, venue, partner_elsewhere)
               for k, r in p.partners):
            continue
        kept.append(p)
    ex.partnerships[:] = kept


def _named_by_partner_noun(pat: dict[str, re.Pattern], text: str, sent: Span, o: Mention) -> bool:
    """Whether a partner noun right before the place names it as a partner (not in an
    association's name)."""
    noun = pat["partner_named_elsewhere"].search(text, max(sent.start, o.start - REACH), o.start)
    return noun is not None and not pat["association_before"].search(
        text, max(sent.start, noun.start() - REACH), noun.start())


def _only_venue(ex: Extraction, ref: str, evidence, by_sentence, venue, partner_elsewhere) -> bool:
    """Whether the foreign place `ref` stands in the evidence only as a venue of sentences that
    name the partner otherwise (and stands there at all)."""
    place = ex.places.get(ref)
    if place is None or place.country == ex.home:
        return False
    seen = False
    for sent in evidence:
        here = [m for m in by_sentence.get(sent, ()) if m.ref == ref]
        if not here:
            continue
        if not all(venue(m) for m in here) or not partner_elsewhere(sent, ref):
            return False
        seen = True
    return seen
