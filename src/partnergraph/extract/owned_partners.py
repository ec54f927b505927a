"""A partner whose owner its own sentence names is that owner's partner only (issue #17): a sentence naming a Ukrainian town as another partner of Morawica, on Herbolzheim's page
(stadt-herbolzheim.de) states Morawica–Vyshgorod, not Herbolzheim–Vyshgorod; "Mit Hamms
Partnerstadt Afyon ist ein Austausch zwischen dem Stadtteilzentrum Bockum-Hövel und …"
(presse-service.de) states Hamm–Afyon, not Bockum–Afyon. The pair rules read such a sentence with
the page's home or another place of the sentence as the partner's owner; this filter refuses a
pair, recorded from the owned town's sentence, whose other side is not the named owner but a
place of the owner's country (a place of another country may be the owned town's own partner:
"Erlangens Partnerstadt Jena unterhält eine Verbindung … mit San Marcos").
Wording: data/owned-partners-de.json."""

from __future__ import annotations

import json
import re

from ..models import Extraction, Mention, Span
from ..resources import data_file
from .partner_mentions import names_partner_noun
from .word_openings import at_word_start
from .sentence_memo import LastSentence

#: how far an owned town may stand from the partner noun: "einer der Partnerstädte von" before
#: it and "ist auch die ukrainische Stadt" after its owner are under 40 characters; 60 gives room
OWNED_REACH = 60
#: how far before the partner noun its singular article may begin: "einer der " is 10 characters
ONE_REACH = 12


def _country(ex: Extraction, ref: str) -> str | None:
    place = ex.places.get(ref)
    return place.country if place is not None else None


def _possessive(text: str, m: Mention) -> bool:
    """Whether a place's name as written can own what follows: a genitive ("Hamms", "Paris'",
    "Xi’ans") or an adjective ("Kölner")."""
    tail = text[m.end:m.end + 2]
    return m.surface.endswith(("s", "er")) or tail[:1] in ("s", "’", "'")


class OwnedPartners:
    def __init__(self) -> None:
        data = json.loads(data_file("owned-partners-de.json").read_text(encoding="utf-8"))
        # (opening with the nouns' first letters: found by a scan in C, not tried at every offset)
        self._noun = re.compile(at_word_start(data["noun_opening"]) + data["noun_ending"] + r"\b")
        self._of_owner = re.compile(data["of_owner"])
        self._genitive_gap = re.compile(data["genitive_gap"])
        self._owned_before = re.compile(data["owned_before"])
        self._owned_after = re.compile(data["owned_after"])
        self._one_of = re.compile(data["one_of"])
        self._owners_memo: LastSentence[tuple[dict[str, str], dict[str, str]]] = LastSentence()

    def _owners(self, text: str, sent: Span, here: list[Mention]) -> tuple[dict[str, str], dict[str, str]]:
        """{owned town's ref: its owner's ref} of one sentence, and {owner's ref: owned town's ref}
        for an owner the sentence gives one partner by a singular ("X, einer der Partnerstädte
        von O", "Eine Partnerstadt von O ist auch X")."""
        return self._owners_memo.answer(text, sent, lambda: self._work_out_owners(text, sent, here))

    def _work_out_owners(self, text: str, sent: Span, here: list[Mention]) -> tuple[dict[str, str], dict[str, str]]:
        owned: dict[str, str] = {}
        exclusive: dict[str, str] = {}
        if len(here) >= 2 and names_partner_noun(text, sent):
            places = sorted(here, key=lambda m: m.start)
            for noun in self._noun.finditer(text, sent.start, sent.end):
                for owner, x, one in self._owned_pairs(text, noun, places):
                    if owner.ref != x.ref:
                        owned.setdefault(x.ref, owner.ref)
                        if one:
                            exclusive.setdefault(owner.ref, x.ref)
        return owned, exclusive

    def _owned_pairs(self, text: str, noun: re.Match, places: list[Mention]):
        # "Partnerstadt von O …": O right after the noun's preposition
        after = [m for m in places if m.start >= noun.end()]
        if after and self._of_owner.fullmatch(text[noun.end():after[0].start]) is not None:
            owner = after[0]
            before = [m for m in places if m.end <= noun.start()]
            gap = text[before[-1].end:noun.start()] if before else ""
            if before and noun.start() - before[-1].end <= OWNED_REACH and self._owned_before.match(gap):
                # "Montpellier, einer der Partnerstädte von Heidelberg": one of O's partners
                yield owner, before[-1], self._one_of.search(gap) is not None
            later = after[1:]
            if later and later[0].start - owner.end <= OWNED_REACH \
                    and self._owned_after.match(text[owner.end:later[0].start]):
                # "Eine Partnerstadt von Morawica ist auch die Stadt Vyshgorod"
                one = self._one_of.search(text, max(0, noun.start() - ONE_REACH), noun.start()) is not None
                yield owner, later[0], one
        # "Os Partnerstadt X", "die Kölner Partnerstadt X": a genitive or adjective owner right
        # before the noun, the owned town right after it
        before = [m for m in places if m.end <= noun.start()]
        if before and after and _possessive(text, before[-1]) \
                and self._genitive_gap.match(text[before[-1].end:noun.start()]) \
                and after[0].start - noun.end() <= OWNED_REACH \
                and self._owned_after.match(text[noun.end():after[0].start]):
            yield before[-1], after[0], False

    def other_owner(self, ex: Extraction, text: str, a: Mention, b: Mention,
                    by_sentence: dict[Span, list[Mention]]) -> bool:
        """Whether a or b is a town its own sentence names as the partner of a third place of the
        other side's country (so the pair a–b is not stated there), or an owner it gives one
        partner, the other side not being that one."""
        for x, other in ((a, b), (b, a)):
            owned, exclusive = self._owners(text, x.sentence, by_sentence.get(x.sentence, []))
            owner = owned.get(x.ref)
            # a town of the owner's country is a rival owner ("Hamms Partnerstadt Afyon … Bockum-
            # Hövel"); one of another is the owned town's own partner ("Erlangens Partnerstadt Jena
            # unterhält eine Verbindung … mit San Marcos")
            if owner is not None and owner != other.ref and _country(ex, owner) is not None \
                    and _country(ex, owner) == _country(ex, other.ref):
                return True
            # "Nach Absagen aus A und B … in C, einer der Partnerstädte von O": O's partner here is C
            one = exclusive.get(other.ref)
            if one is not None and one != x.ref:
                return True
        return False
