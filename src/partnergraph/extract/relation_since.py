"""The sentences after a pair's own that date "the" relation without naming a place: a
partnership noun carrying its own "seit" ("Die seit 2000 bestehende Verbindung …", "… um die
Zukunft der Verschwisterung, die seit 1981 besteht"; relation_since in relations-de.json).

Such a noun points back to the partnership the text last named, as "die beiden Städte" does
(pair_anaphora), but a report often puts a sentence or two about people or the occasion
between: the phrase is read in the first RELATION_SINCE_REACH sentences after each of the
pair's sentences, up to the first sentence that names a municipality (from there on the text
may speak of another pair)."""

from __future__ import annotations

from .context import Context
from ..models import Mention, Span

#: how many sentences after the pair's own the relation's "seit" may stand: the association's
#: report at bergstraesser-anzeiger.de puts a newsletter line and two sentences about its
#: meeting between the pair's sentence and the dated "Verschwisterung" (the fourth);
#: netzwerk-suedbaden.de dates it in the next one. The sentence naming a place is the guard
RELATION_SINCE_REACH = 4


def relation_since_sentences(rules, text: str, ctx: Context, evidence: list[Span],
                             by_sentence: dict[Span, list[Mention]]) -> list[Span]:
    """The placeless sentences within reach after `evidence` whose partnership noun carries a
    "seit" (`rules`: the relation rules, whose relation_since pattern is read)."""
    found = []
    for s in evidence:
        idx = ctx.sentence_index.get(s, -1)
        if idx < 0:
            continue
        for nxt in ctx.sentences[idx + 1:idx + 1 + RELATION_SINCE_REACH]:
            if nxt in evidence or any(m.kind == "municipality" for m in by_sentence.get(nxt, [])):
                break
            if nxt not in found and rules.relation_since.search(text, nxt.start, nxt.end):
                found.append(nxt)
    return found
