"""Pairs a sentence states by referring back to the towns the sentences before it named (issue
#17, session 11: the missed pairs of fresh5, the pages no rule had been tuned on, and of the
older open splits).

- A singular town noun pointing back to the one foreign town of the sentence before (a trip to a Turkish town, then "die türkische Partnerstadt" in reported speech, domradio.de; "… ein Vertreter der französischen Stadt Bar Le Duc. Mit dieser Stadt pflegt
  Griesheim … partnerschaftliche Beziehungen", adtplus.arcanum.hu): that town is the partner of
  the one home town of this sentence, else of the sentence the town was named in.
- A pair of towns opening a sentence that says they made the start of the partnerships the
  sentence before spoke of (a sentence on the first German-Soviet partnerships, then "A und B machten … den Anfang",
  evangelische-friedensarbeit.de; with a partnership word in its own sentence, as kommunal.de
  writes it, the pair was read already).

Wording: data/referring-partners-de.json."""

from __future__ import annotations

import json
import re

from ..models import Extraction, Mention, Span
from ..resources import data_file
from .bare_pairs import bare_pair
from .pair_anaphora import last_pair  # (the reading of "die beiden Städte")
from .partner_mentions import distinct, has_home

#: how many sentences back the foreign town of a singular anaphor may stand: domradio.de puts one
#: sentence (about other trips) between "ins türkische Mersin" and "die türkische Partnerstadt";
#: a third sentence back is another topic as often as not
SINGULAR_REACH = 2

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


class ReferringPartners:
    """The referring-back rules, compiled once from the rule data."""

    def __init__(self):
        data = json.loads(data_file("referring-partners-de.json").read_text(encoding="utf-8"))
        self._anaphor = re.compile(data["singular_anaphor"])
        self._opening = re.compile(data["opening_succession"])
        self._contact = re.compile(data["contact_between_both"])

    def singular(self, ex: Extraction, sentences: list[Span], i: int, here: list[Mention],
                 by_sentence: dict[Span, list[Mention]]) -> tuple[Mention, Mention] | None:
        """(home town, foreign town) where sentence `i` names no foreign town but points back to
        the one a sentence just before (same paragraph) named, else None."""
        if i == 0 or len({m.ref for m in here}) > 1:
            return None  # nothing before it, or several places of its own
        places = [m for m in here if m.kind == "municipality" and ex.places.get(m.ref) is not None]
        if len(places) != len(here) or not has_home(places, ex) and places:
            return None  # the sentence names a partner of its own
        sent = sentences[i]
        text = ex.article.analysed_text
        # every anaphor holds a town noun ("Stadt", "Partnerstadt"): most sentences skip the regex
        if not any(text.find(noun, sent.start, sent.end) >= 0 for noun in ("tadt", "emeinde", "ommune", "Ort")):
            return None
        anaphor = self._anaphor.search(text, sent.start, sent.end)
        if anaphor is None:
            return None
        for j in range(i - 1, max(-1, i - 1 - SINGULAR_REACH), -1):
            before = sentences[j]
            if _PARAGRAPH_BREAK.search(text, before.end, sentences[j + 1].start):
                return None
            named = distinct(by_sentence.get(before, []))
            if not named:
                continue
            foreign = [m for m in named if m.kind == "municipality" and ex.places.get(m.ref) is not None
                       and not has_home([m], ex)]
            homes = [m for m in named if m.kind == "municipality" and has_home([m], ex)]
            if len({m.ref for m in foreign}) != 1 or len(foreign) + len(homes) != len(named):
                return None
            partner = foreign[0]
            own = places or homes
            if len({m.ref for m in own}) != 1:
                return None
            adjective = anaphor.group("adjective")
            if adjective is not None and not any(
                    m.kind == "country" and m.ref == ex.places[partner.ref].country
                    and anaphor.start("adjective") <= m.start < anaphor.end("adjective") for m in ex.mentions):
                return None  # "die französische Partnerstadt" after a Turkish town
            return own[0], partner
        return None

    def opening(self, ex: Extraction, sent: Span, here: list[Mention]) -> tuple[Mention, Mention] | None:
        """The pair of towns of two countries opening the sentence, when the sentence says they
        made the start ("A und B machten … den Anfang"), else None. What the sentence names after
        those words is not the pair's ("… kurz nach dem Aufstand in Ungarn")."""
        return bare_pair(ex, sent, sorted(here, key=lambda m: m.start)[:2], after=self._opening) if len(here) >= 2 else None

    def after_cue(self, ex: Extraction, sent: Span, here: list[Mention],
                  between) -> list[tuple[Mention, Mention, tuple[int, int] | None]]:
        """The pairs a sentence without a partnership word states right after a sentence that has
        one, each with the stretch of the sentence that is its own (None: the whole sentence): the
        pair that made the start (`opening`), or "zwischen A und B" of two countries ("Die erste
        wurde 1967 zwischen den Städten A und B gegründet, die letzte 2016 zwischen C und D": the
        stretch of each pair runs from the end of the one before it to the last comma before the
        next pair, so each keeps its own year;
        `between`: pairs.py's reading of "zwischen")."""
        pair = self.opening(ex, sent, here)
        if pair is not None:
            return [(*pair, None)]
        if len(here) < 2 or "zwischen" not in ex.article.analysed_text[sent.start:sent.end]:
            return []
        pairs = sorted(between(ex, sent, here), key=lambda p: max(p[0].end, p[1].end))
        if len(pairs) < 2:
            return [(a, b, None) for a, b in pairs]
        text = ex.article.analysed_text
        out, lo = [], sent.start
        for k, (a, b) in enumerate(pairs):
            # up to the last comma before the next pair ("… gegründet, die letzte 2016 zwischen …")
            nxt = min(pairs[k + 1][0].start, pairs[k + 1][1].start) if k + 1 < len(pairs) else sent.end
            comma = text.rfind(",", max(a.end, b.end), nxt)
            hi = comma if comma >= 0 else nxt
            out.append((a, b, (lo, hi)))
            lo = hi
        return out

    def contact(self, ex: Extraction, sent: Span, here: list[Mention],
                history: list[list[Mention]]) -> tuple[Mention, Mention] | None:
        """The pair of two countries a sentence without a partnership word points back to by a
        lasting contact "zwischen beiden Städten" (lasting contact "zwischen beiden Kommunen"), else None."""
        text = ex.article.analysed_text
        if text.find("beiden", sent.start, sent.end) < 0 or not self._contact.search(text, sent.start, sent.end):
            return None
        return last_pair(history + [here], ex, cross_border=True)
