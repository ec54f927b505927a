"""German (Duden) transliteration of Ukrainian and Russian Cyrillic place names.

Київ → Kyjiw, Щирець → Schtschyrez, Радомишль → Radomyschl, Харків → Charkiw, Киев → Kiew.
The tables follow the Duden rules for German transcription; `variants` also yields the common
alternatives German newsrooms use (Kijew beside Kiew), since news text uses both.
"""

from __future__ import annotations

import difflib

_UK = {
    "а": "a", "б": "b", "в": "w", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "je", "ж": "sch",
    "з": "s", "и": "y", "і": "i", "ї": "ji", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "z",
    "ч": "tsch", "ш": "sch", "щ": "schtsch", "ь": "", "ю": "ju", "я": "ja", "'": "", "’": "",
    "ʼ": "",
}
_RU = {
    "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "е": "e", "ё": "jo", "ж": "sch", "з": "s",
    "и": "i", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch",
    "щ": "schtsch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "ju", "я": "ja",
}
#: the official Ukrainian romanisation (2010), used only to tell which Cyrillic alternate name
#: of a GeoNames place is its Ukrainian one (GeoNames names UA places in this romanisation)
_UK_NATIONAL = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "ы": "y", "э": "e", "ё": "e",
    "ъ": "",
}
_VOWELS = set("аеєиіїоуюяёыэ")
CYRILLIC = set(_UK) | set(_RU) | {c.upper() for c in set(_UK) | set(_RU)}


def is_cyrillic(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all("\u0400" <= c <= "\u04ff" for c in letters)


def _apply(text: str, table: dict[str, str], *, russian: bool, je_after_vowel: bool) -> str:
    out: list[str] = []
    low = text.lower()
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else " "
        nxt = low[i + 1] if i + 1 < len(low) else " "
        if ch not in table:
            out.append(ch)
            continue
        t = table[ch]
        if russian and ch == "е" and (not prev.isalpha() or prev in "ъь" or (je_after_vowel and prev in _VOWELS)):
            t = "je"
        elif russian and ch == "й" and prev in "иы" and not nxt.isalpha():
            t = ""  # -ий / -ый endings: Василий → Wassili
        elif ch == "с" and prev in _VOWELS and nxt in _VOWELS:
            t = "ss"  # voiceless s between vowels: Одеса stays "Odesa" only where written so
        if not russian and ch == "ь" and nxt == "о":
            t = "j"  # ьо → jo
        out.append(t)
    word = "".join(out)
    # restore capitalisation word by word
    return " ".join(w[:1].upper() + w[1:] if w else w for w in word.split(" "))


def ukrainian(text: str) -> str:
    return _apply(text, _UK, russian=False, je_after_vowel=False)


def russian(text: str) -> str:
    return _apply(text, _RU, russian=True, je_after_vowel=False)


def variants(text: str, country: str | None) -> set[str]:
    """German spellings of one Cyrillic name; Ukrainian rules for UA, Russian for RU/BY/KZ."""
    if not is_cyrillic(text):
        return set()
    out = set()
    if country == "UA":
        out.add(ukrainian(text))
        out.add(_apply(text, _UK, russian=False, je_after_vowel=False).replace("ss", "s"))
    else:
        out.add(russian(text))
        out.add(_apply(text, _RU, russian=True, je_after_vowel=True))
    return {v for v in out if v}


def national_romanisation(text: str) -> str:
    return "".join(_UK_NATIONAL.get(c, c) for c in text.lower())


def pick_russian_name(candidates: list[str], geonames_name: str) -> str | None:
    """The Cyrillic alternate name without Ukrainian/Belarusian-only letters closest to the name."""
    target = geonames_name.lower()
    best, best_score = None, 0.0
    for c in candidates:
        if not is_cyrillic(c) or any(ch in c.lower() for ch in "іїєґў"):
            continue
        score = difflib.SequenceMatcher(None, national_romanisation(c), target).ratio()
        if score > best_score:
            best, best_score = c, score
    return best if best_score >= 0.5 else None


def pick_ukrainian_name(candidates: list[str], geonames_name: str) -> str | None:
    """The Cyrillic alternate name whose official romanisation is closest to GeoNames' name."""
    target = geonames_name.lower().replace("'", "").replace("’", "")
    best, best_score = None, 0.0
    for c in candidates:
        # Belarusian and Russian spellings carry letters Ukrainian lacks (ы, э, ъ, ё, ў)
        if not is_cyrillic(c) or any(ch in c.lower() for ch in "ыэъёў"):
            continue
        score = difflib.SequenceMatcher(None, national_romanisation(c), target).ratio()
        # Ukrainian-only letters break ties between the Ukrainian and the Russian spelling
        score += 0.05 * any(ch in c.lower() for ch in "іїєґ") + 0.02 * c.endswith("ь")
        if score > best_score:
            best, best_score = c, score
    return best if best_score >= 0.6 else None
