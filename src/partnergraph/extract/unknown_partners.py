"""A status sentence that names a partner the gazetteer does not know speaks of that partner's
pair, not of the pairs of the sentence before it (issue 17: "a status … attaches only to the pair
its sentence states it for"; set_statuses.py).

"Freiburg pflegt seit 1959 eine Städtepartnerschaft mit Besançon. Der Austausch mit <town> ruht
derzeit.": when <town> is found as a place, the second sentence names a partner and its status is
read for that pair only; when it is not (a small foreign town, an exonym the gazetteer lacks), the
sentence looked placeless and its suspension was given to Freiburg–Besançon. The object of the
relation ("mit", "nach", "zu" before a capitalised word that is no common noun and no place,
country or region the extraction found) is such a name."""

from __future__ import annotations

import re

from .gazetteer import load_common_nouns, load_frequent_words

#: the relation's object: a preposition, an article with a kind of municipality or an attribute
#: ("mit der Stadt X", "zur Partnerstadt X", "mit dem polnischen X"), and a capitalised word
_OBJECT = re.compile(r"\b(?:mit|nach|zu|zur|zum)\s+(?:(?:der|dem|den)\s+)?(?:(?:[a-zäöüß][\wäöüß-]*|Stadt|Gemeinde|Kommune|"
                     r"Partnerstadt|Partnergemeinde|Partnerkommune)\s+){0,2}([A-ZÄÖÜ][\wäöüßáéíóúčšžłńśźżąęő'’-]+)")


def names_unknown_partner(text: str, lo: int, hi: int, mentions) -> bool:
    """Does text[lo:hi] name the object of a relation by a capitalised word that is neither a
    common noun, a frequent word, nor any mention the extraction found there (`mentions`: those of
    the sentence)?"""
    nouns, frequent = load_common_nouns(), load_frequent_words()
    for m in _OBJECT.finditer(text, lo, hi):
        word = m.group(1)
        if word in nouns or word.lower() in frequent or any(x.start <= m.start(1) < x.end for x in mentions):
            continue
        return True
    return False


#: a country as the object of a relation: "nach Russland", "mit Belarus", "zu der Türkei"
_COUNTRY_OBJECT_BEFORE = re.compile(r"\b(?:nach|mit|zu|zur)\s+(?:(?:der|dem|den)\s+)?$")
#: how far before a country its preposition and article stand
COUNTRY_OBJECT_REACH = 12


def object_countries(text: str, mentions) -> set[str]:
    """The countries a sentence names as the object of a relation ("Die Kontakte nach Russland
    ruhen": a status for the pairs with a partner there, not for every pair of the sentence
    before), among `mentions` (those of the sentence); not a country named as a cause or a scene
    ("wegen des Kriegs in der Ukraine")."""
    return {m.ref for m in mentions if m.kind == "country"
            and _COUNTRY_OBJECT_BEFORE.search(text, max(0, m.start - COUNTRY_OBJECT_REACH), m.start)}
