"""The sentences after a pair's own that go on about the pair without naming it in full, read
for the founding act's date when the pair's own sentences state none.

A report names the pair once, then tells its history in sentences that refer back to it: by a
phrase for both sides ("zwischen beiden⏎Städten", "die Bürgermeister beider Gemeinden", "beide
Bürgermeister"), by one of the two partners alone ("Der Bund, der 1959 geschlossen wurde,
verbindet A mit …"), or by no place at all right after such a sentence ("… die Partnerschaft
beider Gemeinden begann mit … Im Jahr 2000 wurde ein Partnerschaftsvertrag geschlossen").
The reading walks on from each of the pair's sentences while the text names no other
municipality, and stops REFERRING_REACH sentences after the last one that referred back.

A sentence cut at a hard line break (a page wrapped at a fixed width, "… die Städtepartnerschaft
mit Ihrer⏎Unterschrift besiegelten.": the splitter ends a sentence at a line break before a
capital) is read with the piece after the break."""

from __future__ import annotations

from functools import lru_cache
import re

from ..models import Extraction, Mention, Span
from .context import Context
from .partner_mentions import adjectival
from .prefilter import Prefiltered
from .rules import rules

#: how many sentences that do not refer back to the pair may follow the last one that did before
#: the text is taken to have moved on: the two sentences about the occasion a report puts between
#: (schenkendoebern.de: a meeting, its programme, then the history "beider Gemeinden"); three, as
#: the reach the placeless "seit" relation noun is read in (relation_since.py) less the sentence
#: that refers back
REFERRING_REACH = 3

#: a line at least this long that ends in a letter and breaks before a capital was wrapped at the
#: page's width, not ended (blkregional.de wraps at ~90 characters, kenako-festival.de and
#: deutschfranzosen.de at 60–80); a heading or a list line is shorter
WRAPPED_LINE_MIN = 50


@lru_cache(maxsize=1)
def _referring() -> Prefiltered:
    """The pair anaphora of pairs.py (rules-de.json pair_anaphora) with any white space between
    their words (a line break inside "beiden⏎Städten" is still the phrase), and the phrases
    that speak of both sides' officials (referring_year_phrases in relations-de.json). Behind
    its literal pre-filter ("beide", "städte" …): asked about each sentence after a pair's own,
    the bare alternation of ~50 phrases under re.IGNORECASE cost ~90 µs a sentence, 2.7 % of
    the cold extraction of the open real pages (open12, session 20), and most sentences asked
    hold none of its words."""
    r = rules()
    phrases = [r"\s+".join(map(re.escape, p.split())) for p in r["pair_anaphora"]]
    return Prefiltered(re.compile(r"\b(?:" + "|".join(phrases) + r")\b|" + r["referring_year_phrases"], re.IGNORECASE))


def referring_sentences(ex: Extraction, ctx: Context, evidence: list[Span],
                        by_sentence: dict[Span, list[Mention]], key: frozenset) -> list[Span]:
    """The stretches to read for the pair `key`'s founding act, in text order: each of its
    sentences cut at a hard line break, with the piece after the break; then, after each, the
    sentences that refer back to the pair (a phrase for both sides, or only the pair's own
    partners) and a sentence naming no place right after one of those."""
    text, refs = ctx.text, {r for _, r in key}
    found: list[Span] = []
    for s in evidence:
        i = ctx.sentence_index.get(s, -1)
        if i < 0:
            continue
        if i + 1 < len(ctx.sentences) and _wrapped(text, s, ctx.sentences[i + 1]):
            found.append(Span(s.start, ctx.sentences[i + 1].end))
        # "beide Bürgermeister", or a sentence naming no place, after a sentence naming more
        # places than the pair's two may speak of any two of them ("… unserer Partnerstadt A,
        # deren Partnerstadt B …", then "In dieser Beziehung …": international.jena.de): those
        # count only after a sentence of the pair alone; one naming a partner after any
        alone = all(m.ref in refs for m in _places(ex, by_sentence, s))
        gap, referred = 0, ("alone" if alone else "shared")  # (the pair's own sentence refers to it)
        for nxt in ctx.sentences[i + 1:]:
            if nxt in evidence:
                break  # (its own turn reads on from there)
            places = _places(ex, by_sentence, nxt)
            if any(m.ref not in refs for m in places):
                break  # another town: the text may speak of another pair from here on
            # a phrase for both sides refers back across a sentence or two about the occasion; a
            # sentence naming one of the partners, or none, only right after one that referred
            # (after a sentence about something else, "den <year> gegründeten Verein in A" is
            # A's own news, teltow.de)
            refers = alone and _referring().search(text, nxt.start, nxt.end) is not None \
                or bool(places) and referred is not None
            if (refers or referred == "alone") and nxt not in found:
                found.append(nxt)
            referred = "alone" if refers else None
            gap = 0 if refers else gap + 1
            if gap >= REFERRING_REACH:
                break
    return found


def _places(ex: Extraction, by_sentence: dict[Span, list[Mention]], s: Span) -> list[Mention]:
    """The municipalities sentence `s` names, not counting a town's adjective ("nach dem Fall
    der Berliner Mauer" names no town, bitburg-pruem.de; dropped from the mentions only later)."""
    return [m for m in by_sentence.get(s, ()) if m.kind == "municipality" and not adjectival(m, ex)]


def _wrapped(text: str, s: Span, nxt: Span) -> bool:
    """Is sentence `s` a line cut at the page's width, its sentence going on in `nxt`?"""
    if not text[s.end - 1:s.end].isalpha() or text[s.end:nxt.start] != "\n":
        return False
    line_start = text.rfind("\n", 0, s.end) + 1
    return s.end - line_start >= WRAPPED_LINE_MIN
