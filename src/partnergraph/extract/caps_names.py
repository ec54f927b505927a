"""ALL-CAPS place names in headings and menus of real pages ("PARTNERSTADT KIEW") written in
normal case before the gazetteer scan."""

from __future__ import annotations

import re

from .gazetteer import Gazetteer


#: a run of four or more capitals; word boundaries are checked in Python on the few runs found
#: (a look-behind in the pattern made the scan 3.5x slower: 1.9 % of the extraction, measured)
_CAPS_RUN = re.compile(r"[A-ZÄÖÜ][A-ZÄÖÜ\-]{3,}")


def uncapitalised(text: str, gazetteer: Gazetteer) -> str:
    """The text with each ALL-CAPS word that is a place's name in normal case written so:
    "PARTNERSTADT KIEW" → "PARTNERSTADT Kiew" (headings and menus of real pages). Same length,
    so offsets stay valid; abbreviations that name no place (SKEW, GmbH) stay as they are."""
    parts, last, n = [], 0, len(text)
    for m in _CAPS_RUN.finditer(text):
        start, end = m.span()
        if (start and (text[start - 1].isalnum() or text[start - 1] == "-")) or (end < n and text[end].isalnum()):
            continue  # part of a longer word: "GmbH", "NRWs"
        word = m.group(0)
        normal = "-".join(p[:1] + p[1:].lower() for p in word.split("-"))
        if len(normal) == len(word) and gazetteer.automaton.exists(normal):
            parts += [text[last:start], normal]
            last = end
    return "".join(parts) + text[last:] if parts else text


def caps_word(word: str, frequent) -> bool:
    """An ALL-CAPS word that is a frequent German word in normal case ("SIND", "SEIT", "UND"): in
    a heading written in capitals it ends the name a cue word began ("POWIAT KOSZALIN SIND SEIT
    1990 PARTNER" names Powiat Koszalin; cue_places._trim_name), as a lower-case word ends it in
    normal text. The frequent-word list holds some cities' names (Graz, York), which in capitals
    then end a name too: they open one after a cue word, where this test is not asked."""
    return len(word) > 1 and word.isupper() and word.lower() in frequent
