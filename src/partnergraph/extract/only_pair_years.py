"""The start of an article's only partnership as a sentence that names no place states it.

A page about one partnership tells its history in sentences that name neither town but the
relation itself: "Die Freundschaft der beiden Orte hält seit <year>", "Die Verschwisterung
wurde <year> besiegelt". Where the article holds one pair only, "the"
partnership such a sentence speaks of can be no other, however far from the pair's own
sentences it stands: the pair anaphora (pair_anaphora), the placeless sentence right after the
pair's (sentence_scope.placeless_after) and the referring walk (referring_years.py) reach only a
few sentences on, and a report often puts a paragraph about the guests or the programme between.

Only sentences that name the towns' relation (RELATION_NOUN) and no municipality, region or
country are read, for a "seit" or a founding act's date (the start patterns);
an anniversary's count is not read from them (a placeless "zum 25-jährigen Jubiläum" may be
any body's)."""

from __future__ import annotations

import re

from ..models import Mention, Span

#: the mention kinds that make a sentence speak of a place: a municipality or a region (a Land's
#: own friendship with a region abroad is not the towns' partnership)
_PLACE_KINDS = frozenset({"municipality", "region", "country"})


def placeless_relation_sentences(text: str, sentences: list[Span], by_sentence: dict[Span, list[Mention]]) -> list[Span]:
    """The sentences that name the relation (RELATION_NOUN) and no place, in text order."""
    return [s for s in sentences if not any(m.kind in _PLACE_KINDS for m in by_sentence.get(s, ()))
            and RELATION_NOUN.search(text, s.start, s.end)]


def only_pair_start(rules, ctx, by_sentence: dict[Span, list[Mention]], year: int | None,
                    month: int | None) -> tuple[int | None, int | None]:
    """The first "seit" or founding act's date a placeless typed sentence of the article states
    (`rules`: the relation rules, whose _year_candidates read the date patterns), or (None, None)."""
    text = ctx.text
    for s in placeless_relation_sentences(text, ctx.sentences, by_sentence):
        candidates = [c for c in rules._year_candidates(text, s.start, s.end, year, list_item=False, article_month=month)
                      if c[4] or _SINCE.search(text, max(0, c[0] - SINCE_REACH), c[0])]
        if candidates:
            best = min(candidates, key=lambda c: c[0])
            return best[2], best[3]
    return None, None


#: the towns' relation as a sentence without a place names it: a twinning, a friendship, a
#: partnership of towns or districts (not a school's or a club's "Partnerschaft"), or its deed
#: ("Partnerschaftsurkunde": a chronicle's entry that the deed was signed, kreis-saarlouis.de)
RELATION_NOUN = re.compile(r"(?i)\b(?:(?:st(?:ä|a)dte|gemeinde|kreis|orts)?partnerschaft|\w*freundschaft|jumelage|verschwisterung)(?:s?urkunden?)?\b")
#: how far before a year its "seit" may stand: "seit dem Jahr " and "seit dem 12. Mai " (18)
SINCE_REACH = 20
#: a "seit" right before the year (with "dem", "Jahr", a day and a month between)
_SINCE = re.compile(r"(?i)\bseit\s+(?:dem\s+)?(?:Jahre?\s+)?(?:\d{1,2}\.\s*)?(?:[^\W\d_]+\s+)?$")
