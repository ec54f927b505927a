"""A list of pairs after a colon, introduced a sentence or two before (issue 17 §2: "… ebenso
einzelne Städte: Ulm und Jinotega, Gotha und Kromeriz"): "Die Solidaritätspartnerschaften mit der
Ukraine wachsen. Viele Kommunen machen mit. Neu dabei sind: A und B, C und D."

The pair rules read a list of pairs in a sentence with a partnership word, right after one, or, of
three pairs and more, anywhere on a page about partnerships. Two pairs after a colon whose
introducing sentence stands two sentences back were no pairs. Here a sentence without a
partnership word of its own whose places all follow a colon, two pairs or more of a home-country
and a foreign place each (pairs._pair_items: joined by "und" or a dash), counts where one of the
REACH sentences before it, in its paragraph, speaks of partnerships. The colon is the writer's
sign that what follows illustrates the sentence before."""

from __future__ import annotations

from ..models import Extraction, Mention, Span
from .context import Context
from .partner_mentions import distinct

#: how many sentences before the colon list its introduction may stand: the sentence right
#: before (which the pair rules read already) and one between ("Viele Kommunen machen mit.")
REACH = 2


def colon_pair_lists(ex: Extraction, ctx: Context, by_sentence: dict[Span, list[Mention]], pair_items):
    """(a, b, sentence) for each pair of a colon list of pairs (see the module); `pair_items`:
    pairs._pair_items of the relation rules."""
    text = ctx.text
    if ":" not in text:
        return
    sentences = ctx.sentences
    for i, sent in enumerate(sentences):
        here = by_sentence.get(sent)
        if not here or len(here) < 4 or ctx.cue_sentences.get(sent):
            continue
        here = distinct(here)
        colon = text.find(":", sent.start, here[0].start)
        if colon < 0 or len(here) < 4:
            continue
        if not any(ctx.cue_sentences.get(s) and "\n\n" not in text[s.end:sent.start]
                   for s in sentences[max(0, i - REACH):i]):
            continue
        items = pair_items(ex, sent, here)
        if len(items) >= 2:
            for a, b, _scope in items:
                yield a, b, sent
