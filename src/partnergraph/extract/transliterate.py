"""German spellings of foreign place names: Duden transliteration of Ukrainian and Russian
Cyrillic, the German transcription of Arabic names, and the plain-letter forms German text uses
for names with diacritics.

Київ → Kyjiw, Щирець → Schtschyrez, Радомишль → Radomyschl, Харків → Charkiw, Киев → Kiew.
The tables follow the Duden rules for German transcription; `variants` also yields the common
alternatives German newsrooms use (Kijew beside Kiew; for a Ukrainian place its Russian name's
older German form, Charkow, Saporoschje), since news text uses both. `latin_variants` gives
Kroměříž → Kromeriz, Łódź → Lodz, Ţūlkarm → Tulkarm, İzmir → Izmir, and for Arabic-speaking
countries the German transcription: Jenin → Dschenin, Khan Yunis → Chan Yunis.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

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
    # restore capitalisation word by word, and after a hyphen: Iwano-Frankiwsk, not Iwano-frankiwsk
    return " ".join("-".join(p[:1].upper() + p[1:] if i == 0 or len(p) > 3 else p for i, p in enumerate(w.split("-")))
                    for w in word.split(" "))


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
        # adjective endings as German text often writes them: Wolodymyr-Wolynskyj → -Wolynski,
        # Chmelnyzkyj → Chmelnyzki
        out |= {w[:-2] + "i" for w in list(out) if w.endswith("kyj")}
        if not any(ch in text.lower() for ch in "іїєґ"):  # a Russian name: Запорожье → Saporoschje
            out.add(russian(text))
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


#: letters NFKD does not decompose, with the plain letters German text writes for them
_PLAIN = str.maketrans({"ł": "l", "Ł": "L", "ı": "i", "İ": "I", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O",
                        "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ħ": "h", "ʼ": "'", "’": "'", "‘": "'"})
#: countries whose place names German writes in its own transcription of Arabic
ARABIC_COUNTRIES = frozenset({"PS", "JO", "SY", "LB", "IQ", "EG", "LY", "TN", "DZ", "MA", "SA", "YE", "OM",
                              "AE", "QA", "KW", "BH", "SD", "MR"})
#: English transcription → German (Duden): j → dsch, sh → sch, kh → ch; applied to whole words
_ARABIC_GERMAN = (("Kh", "Ch"), ("kh", "ch"), ("Sh", "Sch"), ("sh", "sch"), ("J", "Dsch"), ("j", "dsch"))
#: German-speaking countries: their names keep their umlauts in German text
_KEEP_DIACRITICS = frozenset({"DE", "AT", "CH", "LI", "LU"})


def without_marks(text: str) -> str:
    """The text without its combining marks: "Klaipėda" → "Klaipeda", "Zubří" → "Zubri"; letters
    that are no letter plus a mark stay ("Łódź" → "Łodz": see `plain`)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def plain(text: str) -> str:
    """Kroměříž → Kromeriz, Łódź → Lodz, Ţūlkarm → Tulkarm, Eskişehir → Eskisehir."""
    return unicodedata.normalize("NFC", without_marks(text.translate(_PLAIN)))


#: English transcription of Hebrew → the German press's: Kiryat → Kirjat, sh → sch (Kirjat Schmona);
#: "Kiriat", the Romance-language transcription German pages also use ("Kiriat Bialik": mbeim.nrw)
_HEBREW_GERMAN = (("Qiryat", "Kiryat"), ("Kiryat", "Kirjat"), ("Kiryat", "Kiriat"), ("Sh", "Sch"), ("sh", "sch"))


def _hebrew_variants(name: str) -> set[str]:
    """Israeli names as German pages write them: "Kiryat Motzkin" → "Kirjat Motzkin", "Qiryat
    Shmona" → "Kirjat Schmona", "Rishon LeZion" → "Rishon Lezion" (a capital inside a word
    dropped), "Or Yehuda" → "Or-Yehuda" (the words hyphenated)."""
    out = {name}
    for src, dst in _HEBREW_GERMAN:  # each step optional: pages mix them ("Kiryat Schmona")
        out |= {v.replace(src, dst) for v in out}
    out |= {" ".join(w[:1] + w[1:].lower() if w[1:2].islower() else w for w in v.split(" ")) for v in out}
    out |= {v.replace(" ", "-") for v in out if " " in v}
    return out


def latin_variants(name: str, country: str) -> set[str]:
    """Further spellings of a Latin-script name as German text writes it (the name itself
    excluded)."""
    out = set()
    if country not in _KEEP_DIACRITICS:
        out.add(plain(name))
    if country in ARABIC_COUNTRIES:
        for base in (name, plain(name)):
            german = base
            for src, dst in _ARABIC_GERMAN:
                german = german.replace(src, dst)
            out.add(german)
    if country == "IL":
        out |= _hebrew_variants(name)
    if "'" in name or "’" in name:
        # Be'er Sheva / Be’er Sheva; and an elided article or preposition written with the
        # opening quote or with a space after it, as typeset German pages do: "Casirate d‘ Adda"
        # (lokalnet.de), "Castelnovo ne’ Monti" (staedtepartnerschaftsverein-illingen.de)
        base = name.replace("’", "'")
        out |= {base.replace("'", mark + space) for mark in _APOSTROPHES for space in ("", " ")}
    if "Saint" in name:
        for base in (name, *out):
            out |= _saint_abbreviations(base)
    out.discard(name)
    return out


#: the marks pages write for an apostrophe: the typewriter one, the right and the left single quote
_APOSTROPHES = ("'", "’", "‘")


#: a name of capitalised parts joined by hyphens: "Kamianets-Podilskyi", "Ronzo-Chienis"
_HYPHENED = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ž][^\s\-]{2,}(?:-[A-ZÀ-ÖØ-ÞĀ-ž][^\s\-]{2,})+")


def spaced(name: str) -> str | None:
    """The name with spaces for the hyphens between its capitalised parts, as German pages often
    write transliterated and foreign compound names ("Kamyanets Podilskyi", "Bilhorod
    Dnistrovskyi": cities4cities.eu, unitedforua.org; "Ronzo Chienis": hallerndorf.de); None where
    the name has no such hyphen. Parts of fewer than three letters ("Rhein-Sieg" keeps its form
    either way; "Le-Puy" is no name) are left alone."""
    return name.replace("-", " ") if _HYPHENED.fullmatch(name) else None


#: the lower-case words French names join with hyphens ("Châtillon-la-Palud", "Ars-sur-Formans",
#: "Vigneulles-lès-Hattonchâtel"), and the elided articles that open a part ("Gonfreville-l'Orcher")
_NAME_PARTICLES = frozenset({"sur", "sous", "la", "le", "les", "lès", "lez", "en", "de", "du", "des", "aux", "au",
                             "et", "d'", "l'", "d’", "l’"})
_CAPITAL_PART = re.compile(r"(?:[dl]['’])?[A-ZÀ-ÖØ-ÞĀ-ž][^\s\-]+(?: [A-ZÀ-ÖØ-ÞĀ-ž][^\s\-]+)*")


def particle_spaced(name: str) -> str | None:
    """The name with spaces for the hyphens of a French name joined by lower-case particles, as
    German pages and newspaper layouts write them ("Châtillon la Palud", "Ars sur Formans": a
    Günzburg paper's list; "Nuillé sur Vicoin": augsburger-allgemeine.de; "Le Lion d’Angers":
    wochenblatt-news.de); None where the name has no such particle. `spaced` covers names of
    capitalised parts only."""
    if "-" not in name:
        return None
    parts = name.split("-")
    if not _CAPITAL_PART.fullmatch(parts[0]) or not (any(p in _NAME_PARTICLES for p in parts[1:-1])
                                                     or any(p[:2] in _NAME_PARTICLES for p in parts[1:])):
        return None
    if not all(p in _NAME_PARTICLES or _CAPITAL_PART.fullmatch(p) for p in parts) \
            or not _CAPITAL_PART.fullmatch(parts[-1]):
        return None
    return " ".join(parts)


#: "Saint-", "Sainte-" as German text abbreviates them: "Villeneuve-St.-Georges", "St.-Étienne",
#: "St. Quentin", "Ste-Maxime" (the name's own hyphen kept, or a space after the full stop)
_SAINT = re.compile(r"(?:(?<=^)|(?<=-))(Saint|Sainte)(?=-)")


def _saint_abbreviations(name: str) -> set[str]:
    if not _SAINT.search(name):
        return set()
    out = set()
    for dot, sep in ((".", "-"), ("", "-"), (".", " ")):
        def short(m, dot=dot):
            return ("St" if m.group(1) == "Saint" else "Ste") + dot
        abbreviated = _SAINT.sub(short, name)
        if sep == " ":  # only a leading "Saint-" is written "St. X"
            if not name.startswith(("Saint-", "Sainte-")):
                continue
            head, _, rest = abbreviated.partition("-")
            abbreviated = f"{head} {rest}"
        out.add(abbreviated)
    return out
