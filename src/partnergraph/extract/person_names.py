"""Where a run of capitalised words after a place stops being the place's name and becomes a
person's: a title ("Dr.", "Prof.") or a given name followed by a further capitalised word (the
surname). German news writes an office, its town and its holder in one breath ("der
Bürgermeister der Stadt Eschwege Jürgen Zick", muehlhausen.de; "der Kreisstadt Mindelheim Dr.
Stephan Winter", landkreis-nordhausen.de), and a name read on from a cue word must end before
the person."""

from __future__ import annotations

#: words after which a given name belongs to the place's name ("St. Johann", "San Rafael",
#: "Santa Maria", "São José"): a saint's name is a place name's word, not a person
SAINT_WORDS = frozenset({"St", "St.", "Sankt", "San", "Santa", "Santo", "São", "Saint", "Sainte", "Ste",
                         "Ste.", "Szent", "Sveti", "Sv.", "Sint", "Sant", "Sant'"})


def starts_person(words: list[str], i: int, first_names: frozenset[str], titles: frozenset[str]) -> bool:
    """Whether words[i] (not the name's first word) opens a person's name: a title (`titles`, lower
    case, without the full stop), or a given name (`first_names`) right before another
    capitalised word, unless a saint's word stands before it."""
    if i == 0 or i >= len(words):
        return False
    word = words[i].rstrip(".,;:!?)\"“”")
    if word.lower() in titles and words[i].endswith(".") or word in ("Dr", "Prof"):
        return True
    if word not in first_names or words[i - 1] in SAINT_WORDS:
        return False
    return i + 1 < len(words) and words[i + 1][:1].isupper()
