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


def spaced_communes(ex: Extraction, text: str, sentences) -> None:
    """Mints the French communes written so (see the module) and drops the hits inside them."""
    if " sur " not in text and " sous " not in text and " lès " not in text and " lez " not in text \
            and "’" not in text and "'" not in text:
        return
    found = [(m.start(), m.end()) for m in _FRENCH_ONLY.finditer(text)]
    for m in _ELIDED.finditer(text):
        sent = sentence_of(sentences, m.start())
        before = previous_word(text, m.start())
        if before.lower() in _NOT_BEFORE or before[:1].isupper() \
                or not _FRANCE.search(text, sent.start, sent.end):
            continue
        found.append((m.start(), m.end()))
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
