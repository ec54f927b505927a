"""A friendship word that names the friendship of two nations or peoples, not a link of two
municipalities: "die deutsch-französische Freundschaft", "der deutsch-polnische
Freundschaftsvertrag", a friendship word before "zwischen den Völkern". Such a word types no
pair: a page that celebrates a town twinning often frames it so (the open splits: 29 pages of
some 25 publishers, among them pressreader.com, vg-oberviechtach.de, dfjw.org, mainpost.de,
augsburger-allgemeine.de, juedische-allgemeine.de, suedkurier.de, viernheim.de, igb.info)."""

from __future__ import annotations

import re

from ..models import Mention

#: a nation pair's adjective right before the word ("deutsch-französische ", "Deutsch-Polnische ",
#: "deutsch französische " with the hyphen lost): a nation's adjective ends in "-isch"
_NATIONS_BEFORE = re.compile(r"(?i)\b[a-zäöü]+sch(?:-|\s)[a-zäöü]+ische[nrms]?\s+$")
#: what the word relates after it (after the rest of a compound): peoples, nations, countries, states
_PEOPLES_AFTER = re.compile(r"(?i)^\w*\s+zwischen\s+(?:den\s+|beiden\s+)?(?:Völkern|Nationen|Ländern|Staaten)\b")

#: how far before the word the adjective may start: the longest pair adjective of the real pages
#: ("deutsch-französischen ", 22 characters) and some room
NATIONS_REACH = 40


def national_friendship(text: str, m: Mention) -> bool:
    """Is the friendship-type mention `m`, a bare "Freundschaft…" or "freundschaftliche …", a
    nations' friendship?"""
    if m.ref != "freundschaft" or not m.surface[:1] in "Ff":
        return False  # (a "Städtefreundschaft" is the towns' own, whatever adjective stands before it)
    return _NATIONS_BEFORE.search(text, max(0, m.start - NATIONS_REACH), m.start) is not None \
        or _PEOPLES_AFTER.match(text[m.end:m.end + 60]) is not None
