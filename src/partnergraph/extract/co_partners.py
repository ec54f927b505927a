"""Towns listed together as the partners of one home town are no partners of each other (issue
#17): "Gäste aus den Partnerstädten Tours und Kouvola" (lokalkompass.de: Mülheim's partners),
"Partnerschaften zu den Städten" with four names (hallowochenende.de: Salzgitter's). The pair rules join two towns of such a list where one of them is German (an
owner and its partner) or where "und" joins two of them (a pair); after a plural partner noun the
list is one side's set. Two towns joined by a pair joiner, one German and one foreign, stay a
pair ("die Partnerstädte Kiel und Brest"), and so does any list after "die beiden" ("die beiden
Partnerstädte A und B"). Wording: data/co-partner-lists-de.json."""

from __future__ import annotations

import json
import re

from ..models import Extraction, Mention, Span
from ..resources import data_file
from .partner_mentions import has_home, names_partner_noun
from .sentence_memo import LastSentence
from .word_openings import at_word_start

#: a list longer than this after its head is no list of names (the longest we met, four towns
#: with brackets, is under 80 characters)
LIST_REACH = 200
#: how far before the head "die beiden" may stand ("den beiden neuen " is 17 characters)
MUTUAL_REACH = 24


class CoPartners:
    def __init__(self, joiners: frozenset[str] | set[str]):
        data = json.loads(data_file("co-partner-lists-de.json").read_text(encoding="utf-8"))
        # (both open with their words' first letters: found by a scan in C, not tried at every
        # offset of each sentence and window; the matches of "\b(?:…)")
        self._head = re.compile(at_word_start(data["heads"]) + r"\s+")
        self._items = re.compile(r"(?:" + data["item"] + r")*(?:" + data["lead"] + r")?")
        self._mutual = re.compile(at_word_start(map(re.escape, data["mutual"])) + r"\b")
        self._joiners = frozenset(joiners)
        self._heads_memo: LastSentence[list[tuple[int, int]]] = LastSentence()

    def _heads(self, text: str, sent: Span) -> list[tuple[int, int]]:
        # every head holds "artner" or "chwester": most sentences skip the regex
        return self._heads_memo.answer(text, sent, lambda: [
            (h.start(), h.end()) for h in self._head.finditer(text, sent.start, sent.end)]
            if names_partner_noun(text, sent) else [])

    def listed_together(self, ex: Extraction, text: str, a: Mention, b: Mention) -> bool:
        """Whether a and b are items of one list after a plural partner noun of the sentence
        that names them both (the sentence being read, or, for a pair a later sentence refers
        back to with "die Partnerschaft", an earlier one: so the mentions' sentence is asked)."""
        if a.sentence != b.sentence:
            return False
        sent = a.sentence
        first, second = (a, b) if a.start <= b.start else (b, a)
        for start, end in self._heads(text, sent):
            if end > first.start or second.start - end > LIST_REACH \
                    or self._items.fullmatch(text, end, second.start) is None:
                continue
            if self._mutual.search(text, max(sent.start, start - MUTUAL_REACH), start):
                return False  # "die beiden Partnerstädte Kiel und Brest"
            gap = text[first.end:second.start].strip()
            if gap in self._joiners and has_home([first], ex) != has_home([second], ex):
                return False  # "die Partnerstädte Kiel und Brest": a German town and its partner
            return True
        return False
