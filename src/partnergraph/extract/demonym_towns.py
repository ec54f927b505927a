"""A small home-country town the page also names by its inhabitants' word: "Gäste aus X" beside
"die Xer Delegation", "in X" beside "der Xer Gemeinderat".

place_names.MIN_HOME_POPULATION (5,000) keeps surnames and words out that some German village bears.
A local page about a village writes its name and its demonym (the name plus "-er": "Xer",
"Xerin"; a name in "-en" drops it: "Xingen" → "Xinger"), and a surname or a word seldom comes
with such an adjective on the same page. So a home-country town the size rules turned down is a
place where the page also uses its demonym (issue 17, session 21: of the 38 missed home towns
under 20,000 of the thirteen open splits, 8 had their demonym on the page; the rule finds 6 at
six publishers, pfalz-express.de, sankt-goar-oberwesel.de and nachrichten.at of fresh9,
schwarzwaelder-bote.de, viewer.joomag.com and leonberger-kreiszeitung.de of the older splits,
with no false place). The refusals that make a hit a person, a building or a word stay:
a first name before it, a title, role or landmark word, an article, a name that is a German noun
after an adjective or an article ("die geografische Lage" beside "Lager"; "kooperiert X mit"
is the town).
"""

from __future__ import annotations

from .context import Context, PlaceHit
from .gazetteer import PlaceRecord
from .hit_facts import person_or_word
from .place_names import is_adjective

#: a demonym's inflections after its "-er": "Xer", "Xern", "Xers", "Xerin", "Xerinnen"
_INFLECTIONS = ("innen", "in", "n", "s", "")


def _word_end(text: str, i: int) -> bool:
    return i >= len(text) or not (text[i].isalnum() or text[i] in "-_")


def has_demonym(text: str, surface: str) -> bool:
    """Whether the text uses the demonym of the town `surface` names ("Welser" for "Wels",
    "Xinger" for "Xingen") as a word of its own. (str.find per candidate: a page has one or two
    candidates, and a regex over the page for every word in "-er" cost more.)"""
    for stem in (surface, surface[:-2]) if surface.endswith("en") else (surface,):
        word = stem + "er"
        i = text.find(word)
        while i >= 0:
            j = i + len(word)
            if (not i or not (text[i - 1].isalnum() or text[i - 1] in "-_")) and any(
                    text.startswith(ending, j) and _word_end(text, j + len(ending)) for ending in _INFLECTIONS):
                return True
            i = text.find(word, i + 1)
    return False


def _word_before_name(prev: str, extractor) -> bool:
    """Whether a name that is also a German noun stands where a noun would take an article or an
    adjective: after a preposition, or after a lower-case word that is neither ("kooperiert X
    mit", not "die geografische X")."""
    low = prev.lower()
    return low in extractor._prepositions or prev.islower() and not is_adjective(prev) \
        and low not in extractor._determiners and low not in extractor._contractions


def _glued(text: str, h: PlaceHit) -> bool:
    """A part of a hyphenated name ("X-Y", the double municipality whose parts have demonyms too)."""
    return h.start > 0 and text[h.start - 1] == "-" or text[h.end:h.end + 1] == "-"


def demonym_towns(extractor, hits: list[PlaceHit], resolved: dict[int, PlaceRecord], facts: list[dict],
                  ok: list[bool], ctx: Context) -> list[int]:
    """Indices of the turned-down hits of home-country towns whose demonym the page uses."""
    out = []
    for i, h in enumerate(hits):
        f, best = facts[i], resolved.get(i)
        if ok[i] or f is None or best is None or best.country != ctx.home or h.adjective or _glued(ctx.text, h) \
                or " " in h.surface or h.surface not in (best.name_de, best.name_en) \
                or h.surface in extractor._stop or person_or_word(extractor, h, f) \
                or h.surface in extractor.nouns and not _word_before_name(f["prev_word"], extractor):
            continue
        if has_demonym(ctx.text, h.surface):
            out.append(i)
    return out
