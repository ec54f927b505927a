"""The facts the acceptance rules of places.py ask about one gazetteer hit: the text around it
(a dateline, a line of its own, "zwischen A und B"), computed on first access, since most hits
are decided before a rule asks (PlaceResolution._hit_facts makes the ones every hit needs)."""

from __future__ import annotations

import re

from .context import Context, PlaceHit

#: nobility and family-name particles: "von Oettingen", "van Gogh", "de Gaulle", "zu Guttenberg"
NAME_PARTICLES = frozenset({"von", "van", "zu", "de", "da", "di", "du", "le", "la", "del"})


#: "zwischen [dem] [ermland-masurischen] X" and "zwischen X [(Y)] und [dem] [adj.] Y": the two
#: places a sentence about a partnership names as its partners (an article and one inflected
#: lower-case adjective may precede each name; X may be up to four words and a bracket)
_BETWEEN_FIRST = re.compile(r"\bzwischen\s+(?:(?:dem|der|den|des)\s+)?(?:[a-zäöüß][\w\-]*(?:en|em|er|es|e)\s+)?$")
#: (also the second and third of three: "eine trinationale Partnerschaft zwischen Hausach, Arbois
#: und …", schwarzwaelder-bote.de; group partnerships, group_partnerships.py)
_BETWEEN_NAME = r"[A-ZÄÖÜ][\w'’.\-]*(?:[ \t]+[A-ZÄÖÜa-z][\w'’.\-]*){0,3}?(?:\s*\([^)]*\))?"
_BETWEEN_SECOND = re.compile(
    r"\bzwischen\s+(?:(?:dem|der|den|des)\s+)?(?:[a-zäöüß][\w\-]*(?:en|em|er|es|e)\s+)?"
    rf"{_BETWEEN_NAME}(?:\s*,\s*(?:(?:dem|der|den|des)\s+)?{_BETWEEN_NAME}){{0,2}}"
    r"(?:\s+und|\s*,)\s+(?:(?:dem|der|den|des)\s+)?(?:[a-zäöüß][\w\-]*(?:en|em|er|es|e)\s+)?$")


#: after a name that opens a line: the dateline of a regional paper ("Wanfried. Über das …",
#: "FRIESENHEIM. Am Samstag …", "Leipzig/Saalfeld. Der …", "Suhl (dpa) –")
_DATELINE = re.compile(r"(?:/[A-ZÄÖÜ][\w\-]*)?(?:\.|\s*\((?:dpa|epd|kna|afp|red)\)\s*[–-]?)[ \t]+[A-ZÄÖÜ]")
#: ... and the author's sign of a local paper, any two to four lower-case letters, maybe an agency's
#: with its office ("Konstanz (gro) Der Gemeinderat", "Schwarzenbek (cus).", "Einbeck (red).",
#: "Bad Segeberg (em)", "Heilbronn (dpa/lsw) -"): 15 publishers of the ten open splits open their
#: news so (dev welt.de, rnz.de; dev2 kreis-bergstrasse.de, einbeck-news.de; dev3
#: stadtanzeiger-ortenau.de, warburg-news.de, eder-dampfradio.de; fresh meinbezirk.at; fresh3
#: stadtmagazin-sh.de, lokalnet.de, stadtpost.de; fresh4 leopoldshoehernachrichten.de; fresh5
#: tmw-kn.com, ndz.de; fresh6 bergedorfer-zeitung.de). A word that is also a noun ("Konstanz")
#: is no noun there: a line does not open with a bare noun and a sign in brackets.
_SIGNED_DATELINE = re.compile(r"(?:/[A-ZÄÖÜ][\w\-]*)?\s*\([a-zäöü]{2,4}(?:/[a-zäöü]{2,4})?\)\.?\s*[–-]?[ \t\n]*[A-ZÄÖÜ„\"]")

#: a street, its house number and a comma right before a name: the town of an address ("…allee
#: 107, Potsdam" in a press notice's venue line, brandenburg.de). Addresses with a postcode
#: ("…straße 66⏎96515 Sonneberg", bitburg-pruem.de; rietschen-online.de, fv-waldorfschule-windhoek.de,
#: kipdf.com) are turned down by the postcode before the name; this is the same line without one.
_STREET_ADDRESS = re.compile(r"(?i:straße|strasse|str\.|allee|platz|weg|gasse|ring|damm|ufer|chaussee)"
                             r"[ \t]+\d{1,4}[ \t]?[a-z]?[ \t]*,[ \t]*$")


class HitFacts(dict):
    """The facts of one place hit (PlaceResolution._hit_facts); a fact no rule asked for yet is
    computed on first access, once."""

    __slots__ = ("_ctx", "_hit")

    def __init__(self, ctx: Context, hit: PlaceHit, facts: dict):
        super().__init__(facts)
        self._ctx, self._hit = ctx, hit

    def __missing__(self, key: str):
        value = self[key] = getattr(self, "_" + key)()
        return value

    def _street_address(self) -> bool:
        text, start = self._ctx.text, self._hit.start
        # (a match ends in a comma, then spaces or tabs, at the name or before a line break right
        # before it (`$`): the characters before the name tell first, without the search)
        before = text[max(0, start - 40):start]
        if not (before[:-1] if before.endswith("\n") else before).rstrip(" \t").endswith(","):
            return False
        return _STREET_ADDRESS.search(text, max(0, start - 40), start) is not None

    def _initial(self) -> bool:
        text, h, sent = self._ctx.text, self._hit, self["sentence"]
        return h.start == sent.start or text[sent.start:h.start].strip() in ("„", '"', "(", "»")

    def _prev_capitalised(self) -> bool:
        text, h, prev = self._ctx.text, self._hit, self["prev_word"]
        return prev[:1].isupper() and not text[h.start - len(prev) - 2:h.start].strip().endswith((".", ":"))

    def _between_partners(self) -> bool:
        return self["partnership_sentence"] and _between_partners(self._ctx.text, self._hit.start)

    # (a dateline opens a line: that test first, the patterns after the name only for the few
    # hits that open one)
    def _dateline(self) -> bool:
        text, h = self._ctx.text, self._hit
        return _opens_line(text, h.start) and (_DATELINE.match(text, h.end) is not None or self["signed_dateline"])

    def _signed_dateline(self) -> bool:
        """A dateline with the author's sign: "Konstanz (gro) Der Gemeinderat …" (_SIGNED_DATELINE)."""
        text, h = self._ctx.text, self._hit
        return _opens_line(text, h.start) and _SIGNED_DATELINE.match(text, h.end) is not None

    def _own_line(self) -> bool:
        # a line of its own: a heading or a list item of a partner page ("Amstelveen⏎⏎Die Stadtgemeinde …")
        # (read from the name outwards over the characters the line may hold besides it, up to the
        # line break: slicing and stripping the whole line cost 13 µs a hit in long paragraphs)
        text, h = self._ctx.text, self._hit
        i = h.start
        while i and text[i - 1] in _BULLETS:
            i -= 1
        if i and text[i - 1] != "\n":
            return False
        j, n = h.end, len(text)
        while j < n and text[j] in _LIST_TAILS:
            j += 1
        return j == n or text[j] == "\n"


def _opens_line(text: str, start: int) -> bool:
    """Whether only white space stands between the line's start and `start` (read back from
    `start` to the line break, not the whole line sliced and stripped)."""
    i = start
    while i and text[i - 1] != "\n" and text[i - 1].isspace():
        i -= 1
    return not i or text[i - 1] == "\n"


#: what may stand on a name's own line before it (a bullet, a dash) and after it (a comma)
_BULLETS = frozenset(" \t•·*–-")
_LIST_TAILS = frozenset(" \t,;")


def _between_partners(text: str, start: int) -> bool:
    window = text[max(0, start - 120):start]
    if "zwischen" not in window:
        return False
    return bool(_BETWEEN_FIRST.search(window) or _BETWEEN_SECOND.search(window))


def person_or_word(extractor, h: PlaceHit, f: dict) -> bool:
    """Whether a turned-down hit reads as a person, a building or a word rather than a town: a
    frequent word or a given name itself, a given name before it, or a landmark, title, role,
    region, determiner or river word right before it. The refusals shared by the rules that take
    back a hit places.py's size rules turned down (demonym_towns.py, partner_neighbours.py)."""
    if h.surface.lower() in extractor.frequent or h.surface in extractor.first_names or f["first_name_before"]:
        return True
    return word_before(extractor, f["prev"])


def word_before(extractor, prev: str) -> bool:
    """Whether the word before a hit (`prev`) is a landmark, title, role, region, determiner or
    river word: a person's or a building's name follows, not a town (person_or_word;
    partner_cities.py asks this alone, its hits being frequent words by definition)."""
    # (each list asked alone: a union built per page cost more)
    return any(prev in words for words in (extractor._landmarks, extractor._titles, extractor._roles,
                                           extractor._region_before, extractor._determiners, extractor._river_words))
