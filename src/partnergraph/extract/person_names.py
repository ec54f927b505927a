"""Where a run of capitalised words after a place stops being the place's name and becomes a
person's: a title ("Dr.", "Prof.") or a given name followed by a further capitalised word (the
surname). German news writes an office, its town and its holder in one breath ("der
Bürgermeister der Stadt Eschwege Jürgen Zick", muehlhausen.de; "der Kreisstadt Mindelheim Dr.
Stephan Winter", landkreis-nordhausen.de), and a name read on from a cue word must end before
the person."""

from __future__ import annotations

import re

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


#: a capitalised word (a double name too: "Jean-Marc") standing right before a place's name, one
#: space apart, on the same line
_GIVEN_NAME_BEFORE = re.compile(r"(?<![\w.-])(?P<word>[A-ZÄÖÜÀ-Ý][\wÀ-ÿ]*(?:-[A-ZÀ-Ý][\wÀ-ÿ]+)?) $")


def surname_after_given_name(text: str, start: int, surface: str, known_word) -> bool:
    """Whether a place's name at `start` is a surname after a given name no word list knows: the
    word right before it is capitalised and no word, name or place `known_word` knows (a noun, a
    frequent word, a first name, a place word or a gazetteer name), and the name never stands
    anywhere else in the text without that word before it (a town's name recurs alone; a
    person's surname follows the given name). Real pages name foreign people the lists lack
    ("Schulleiter Hisao Nakajima", "Parteisekretär Wang Yongkang", "die Vorsitzenden Gisèle
    Tesson und …", "Rektor Cyrille Gaillard": yokohama-city.de, owc.de, schwanfeld.de,
    deutschfranzosen.de, hemmingen.de, erfurt.de)."""
    m = _GIVEN_NAME_BEFORE.search(text, max(0, start - 40), start)
    if m is None:
        return False
    word = m["word"]
    if len(word) < 2 or word in SAINT_WORDS or known_word(word):
        return False
    before = word + " "
    i = text.find(surface)
    while i >= 0:
        j = i + len(surface)
        if not (i and text[i - 1].isalnum()) and not (j < len(text) and text[j].isalnum()) \
                and not text.endswith(before, 0, i):
            return False  # the name alone, without the given name before it
        i = text.find(surface, i + 1)
    return True


def listed_person(name: str, k: int, cue: str, first_names: frozenset[str], designations) -> bool:
    """Whether a name read from a cue word's list is a person: it opens with a given name, or it is
    a name of two words or more after the first, behind a district's designation in the genitive
    singular, which names one district and then its head in apposition ("der Landrat des polnischen Landkreises X, <first> <last>", ammerland.de; "die Landrätin des Landkreises Koscierzyna,
    Alicja Zurawska", mittelhessen.de)."""
    if name.split(" ", 1)[0] in first_names:
        return True
    return k > 0 and " " in name and cue in designations and cue.endswith(("es", "ks"))


#: how far before a cue word its role noun may stand: "Oberbürgermeisterin der " is 24 characters
ROLE_REACH = 30


def role_before(text: str, start: int, roles: frozenset[str]) -> bool:
    """"Bürgermeister der Stadt Ramallah, Musa Hadid": a role noun (lower case in `roles`) right
    before a cue word, whose holder a later name of the cue's list is (ga.de, fresh5; as a Polish district's Landrat named after the district, ammerland.de)."""
    return any(w.lower() in roles for w in text[max(0, start - ROLE_REACH):start].split()[-2:])


#: the holder's name after the town: one to three capitalised words closing the name read on
_HOLDER = re.compile(r"[A-ZÄÖÜ][\w'’-]*(?: [A-ZÄÖÜ][\w'’-]*){0,2}")


def town_before_holder(text: str, name: str, head_start: int, roles: frozenset[str], is_town) -> str | None:
    """"der Bürgermeister der Stadt <town> <given name> <surname>": after a role noun and its cue
    word, a name read on past a town is the town and its office-holder, not a longer town. The
    town part is the longest leading part of one or two words that `is_town` knows (the gazetteer
    has it) and that the page also writes without the words after it; the holder's names are
    often foreign ones no list holds (issue 17, session 21: a Chinese mayor read into his town,
    kreis-offenbach.de of fresh9; the blind split lost two pairs to a title and a name minted so
    on an Indian page). Returns the town part, or None."""
    words = name.split(" ")
    if len(words) < 2 or not role_before(text, head_start, roles):
        return None
    for j in range(min(2, len(words) - 1), 0, -1):
        town, rest = " ".join(words[:j]), " ".join(words[j:])
        if _HOLDER.fullmatch(rest) and is_town(town) \
                and re.search(rf"(?<!\w){re.escape(town)}(?! {re.escape(words[j])})(?!\w)", text):
            return town
    return None
