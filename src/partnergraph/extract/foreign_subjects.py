"""A cue sentence whose subject is a foreign town states that town's partnership, not one of the
town the page is about: a year, a British and a French town as the subjects, then "eine Städtebeziehung eingegangen" (dewiki.de, dev2); a year and a Canadian town that "wurde die erste Stadt" joined with a Ukrainian one (spiegato.com, fresh6): both were paired with the page's German town
instead of with each other. Used by pairs.py for sentences that name only foreign places."""

from __future__ import annotations

import re

from ..models import Extraction, Mention, Span
from .partner_mentions import has_home, partner_of_mit, same_country

#: the words that, right before a place, make it an object or a locative rather than the subject
#: ("mit A", "aus den Partnerstädten A", "zu A", "in A"), and the partner nouns that make it a
#: listed partner of someone ("die Partnerstädte A und B")
_NOT_SUBJECT = frozenset({"mit", "aus", "zu", "zum", "zur", "nach", "in", "im", "ins", "von", "vom", "bei", "beim",
                          "für", "an", "am", "zwischen", "über", "gegen", "um", "durch", "seit", "wie", "neben",
                          "sowie", "und", "oder", "auch"})
#: how many words before the first place are read for a preposition: "mit dem britischen"
#: puts "mit" two words before the name
WORDS_BEFORE = 3
#: the second town joined to the first as a second subject: "… und ", "…, und das französische "
_AND_SUBJECT = re.compile(r"[^.;:!?]*\bund\s+(?:(?:das|die|der)\s+)?(?:[a-zäöüß][\wäöüß]*\s+)?")
_WORD = re.compile(r"[\wäöüßÄÖÜ]+")


def subject_pair(ex: Extraction, sent: Span, here: list[Mention]) -> tuple[Mention, Mention] | None:
    """The two foreign towns (of two countries) of a sentence when the first is its subject (no
    preposition or partner noun among the words before it) and the second its partner (after
    "mit") or a second subject (after "und"); else None."""
    if len(here) != 2 or has_home(here, ex):
        return None
    first, second = sorted(here, key=lambda m: m.start)
    if first.ref == second.ref or same_country(first, second, ex):
        return None
    text = ex.article.analysed_text
    before = [w.lower() for w in _WORD.findall(text, max(sent.start, first.start - 40), first.start)][-WORDS_BEFORE:]
    if any(w in _NOT_SUBJECT or "partner" in w for w in before):
        return None
    between = text[first.end:second.start]
    if "artner" in between and not partner_of_mit(text, second):
        return None  # "A und seine Partnerstadt B": the apposition rules read it
    if partner_of_mit(text, second) or _AND_SUBJECT.fullmatch(between):
        return first, second
    return None
