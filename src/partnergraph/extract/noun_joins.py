"""A name that is also a German noun, joined by "und", "mit", "für" … to a common noun before
it, is that noun's fellow noun: "Besuche und Treffen" (no Treffen, Carinthia), "eine Drehleiter
mit Korb" (no Korb, Württemberg), "die Hochschule für Forst" (no Forst, Baden). A partnership,
relation or place word before the joiner keeps the town ("die Partnerschaft mit Hof", "der
Kontakt mit Arosa", "die Gemeinde und Forst"): rules-de.json, noun_joiners, noun_joiner_relations.

Below NOUN_JOINED_POPULATION (places.py) the join alone decides. A bigger town so joined is the
noun only where the page names it nowhere else: a town a page is about recurs, a noun in passing
does not. On the eleven open splits the noun-joined names of 20k+ towns named once were all the
noun ("Geschichte und Lage", "Unterricht und Essen", "Sprachen und Sitten", "Hochschule für
Forst": hamburgische-buergerschaft.de, friedrich-wilhelm-schule.de, abendblatt-berlin.de,
stm.baden-wuerttemberg.de), those named again all the town (Ahlen, Gießen, Weingarten, Mitte:
berlin.de, gazette-berlin.de, sonntag-morgenmagazin.eu, bnn.de, afd-fraktion-mitte.de)."""

from __future__ import annotations

import re

from .context import previous_word


def named_once(text: str, name: str) -> bool:
    """Whether the page names `name` (as a word of its own) only once."""
    return len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", text)) < 2


class NounJoins:
    def __init__(self, rules: dict, nouns: frozenset[str]):
        self._joiners = frozenset(rules["noun_joiners"])
        self._nouns = nouns
        self._place_words = tuple(w.lower() for w in rules["place_cue_nouns"]) + tuple(rules["noun_joiner_relations"])

    def joined_to_noun(self, text: str, start: int, prev: str) -> bool:
        """Whether the name at `start`, after the word `prev`, is joined to a common noun."""
        if prev not in self._joiners:
            return False
        before = previous_word(text, text.rfind(prev, 0, start))
        if not before[:1].isupper() or before not in self._nouns:
            return False
        low = before.lower()
        return not any(w in low for w in self._place_words)
