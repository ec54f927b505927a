"""A French commune cities500 lacks, written with spaces for its hyphens around a particle that only
French place names have: "Merey sous Montrond" (ruemmelsheim.de), "Villette sur Ain" (a Günzburg
paper on pressreader.com), "Gonfreville l’Orcher in Frankreich" (stadtblatt-online.de), "Le Lion
d’Angers … im Westen Frankreichs" (wochenblatt-news.de). Names cities500 has are the gazetteer's
(transliterate.particle_spaced: "Ars sur Formans", "Nuillé sur Vicoin"); the others are minted,
in France, under their hyphenated form (the gold's name: "Mérey-sous-Montrond" folds to it), and
the gazetteer's hits inside them give way ("Montrond" is no short form of Montrond-les-Bains there).

"sur", "sous", "lès", "lez" join only French names, and a spaced name of capitalised parts joined
by them is a commune's. "l’" and "d’" also join names of landscapes and buildings ("Côte d’Azur",
"Lac d’Annecy", "Remparts d'Avallon") and Italian ones ("San Damiano d'Asti"): such a name counts
only in a sentence that names France, never after an article or a capitalised word."""

from __future__ import annotations

import re

from ..graph.iri import slugify
from ..models import Extraction, Mention, Place
from .context import previous_word
from .matcher import Keywords
from .sentences import sentence_of

_PART = r"[A-ZÉÈ][a-zéèêëàâîïôûüç]+"
#: the particles only French place names have, between two capitalised parts
_FRENCH_ONLY = re.compile(rf"(?<![\w’'.-])(?:(?:Le|La|Les) )?{_PART}(?: (?:sur|sous|lès|lez)(?: (?:le|la|les))? {_PART})+(?![\w-])")
#: the elided article or preposition, in a sentence that names France
_ELIDED = re.compile(rf"(?<![\w’'.-])(?:(?:Le|La|Les) )?{_PART} (?:l|d)[’']\s?{_PART}(?![\w-])")
_FRANCE = re.compile(r"\b(?:Frankreich\w*|französisch\w*)")
#: what may not stand right before an elided name: an article or preposition makes it a
#: landscape or a building ("an der Côte d’Azur", "am Lac d’Annecy")
_NOT_BEFORE = frozenset({"der", "die", "das", "dem", "den", "des", "am", "an", "im", "zum", "zur", "vom", "beim"})


def _hyphenated(written: str) -> str:
    return re.sub(r"([’'])\s?", r"\1", written).replace(" ", "-")


#: the particles themselves, found in one pass over the page: a page holds few, and the names
#: around them are read only there (the name patterns run over whole pages cost 10 % of the
#: extraction of the real pages, eight substring tests before them 3 %; this pass < 1 %: measured)
_CUE = re.compile(r" (?:sur|sous|lès|lez|[ld][’']) ?(?=[A-ZÉÈ]|(?:le|la|les) [A-ZÉÈ])")
#: the literals of _CUE, one of which each page that has a particle holds: found in the
#: extractor's pass for the terms (TermMatcher.serve), they spare the pages without one (nearly
#: all) the scan of _CUE (~0.5 % of the cold extraction of the real pages)
PARTICLES = Keywords([" sur", " sous", " lès", " lez", " l’", " l'", " d’", " d'"], word_start=False)
#: how far before its particle a name's start may lie ("Les Cheminots de Vigneulles" fits)
NAME_REACH = 40


def _names(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, elided) of each spaced French-particle name, read around its particles."""
    out: list[tuple[int, int, bool]] = []
    for cue in _CUE.finditer(text) if PARTICLES.find(text) else ():
        if out and out[-1][1] > cue.start():
            continue  # a later particle of a name already read ("Vigneulles lès X sur Y")
        lo = max(0, cue.start() - NAME_REACH)
        for pattern, elided in ((_FRENCH_ONLY, False), (_ELIDED, True)):
            m = next((m for m in pattern.finditer(text, lo, min(len(text), cue.end() + NAME_REACH))
                      if m.start() < cue.start() < m.end()), None)
            if m is not None:
                out.append((m.start(), m.end(), elided))
                break
    return out


def spaced_communes(ex: Extraction, text: str, sentences) -> None:
    """Mints the French communes written so (see the module) and drops the hits inside them."""
    found = []
    for start, end, elided in _names(text):
        if elided:
            sent = sentence_of(sentences, start)
            before = previous_word(text, start)
            if before.lower() in _NOT_BEFORE or before[:1].isupper() \
                    or not _FRANCE.search(text, sent.start, sent.end):
                continue
        found.append((start, end))
    if not found:
        return
    munis = [x for x in ex.mentions if x.kind == "municipality"]
    for start, end in found:
        # a name the gazetteer or another rule already read whole stays theirs
        if any(x.start <= start and end <= x.end for x in munis):
            continue
        written = text[start:end]
        place = Place(name_de=_hyphenated(written), country="FR", slug=slugify(_hyphenated(written)))
        ex.mentions[:] = [x for x in ex.mentions if x.kind != "municipality" or not (start <= x.start and x.end <= end)]
        ex.places.setdefault(place.key, place)
        ex.mentions.append(Mention("municipality", place.key, written, start, end, sentence_of(sentences, start)))
