"""The forms of a place's name a text may use: its own German or English name, the first word
of it ("Frankfurt"), the name without diacritics ("Klaipeda"); and the words around a name that
make it no place (an inflected adjective before, a capitalised non-noun after)."""

from __future__ import annotations

from .context import next_word
from .gazetteer import PlaceRecord
from .german_spellings import german_spellings
from .transliterate import without_marks

#: 100k, the conventional German "Großstadt" limit: a name this big may stand mid-sentence
#: without a preposition ("Ob Essen im Ruhrgebiet") and survives the frequent-word check (Köln)
KNOWN_CITY_POPULATION = 100_000
#: German places count without a cue from this size on; below it, most gazetteer hits in German
#: news are surnames or words (Jung, Rösner, Kapust): 5,000 kept every German partner town of
#: the sample corpus whose article has no cue word.
MIN_HOME_POPULATION = 5_000


#: a town that bears a name as its own, yet is this many times smaller than a known city (100k+)
#: bearing it too, is not chosen for the page's country frame alone (places.py, _name_scores): a
#: page that names the USA beside "Landeshauptstadt Kiel" means Kiel, not Kiel (Wisconsin). A cue
#: word of its own still counts ("das kubanische Santo Domingo"). On the ten open splits the three
#: pages this decided rightly had ratios of 45 to 68 (Leeds AL, Santo Domingo CU, Kiel WI: waz.de,
#: spiegato.com, ju-kiel.de); the one it decided wrongly, 77 (San Miguelito, Nicaragua, beside the
#: Panamanian city: solidaridad-ev.de); Paris, Texas, is 86 times smaller than Paris
DWARFED_RATIO = 40

_SPELLINGS = german_spellings()


def before_name(text: str, end: int, nouns) -> bool:
    """A capitalised word that is no German noun follows: "Mary Marcel Kayowa" is a person."""
    following = next_word(text, end)
    return following[:1].isupper() and following not in nouns


def own_name(surface: str, place: PlaceRecord) -> bool:
    """The surface is the place's German or English name or its first word, not an alias; German
    text often drops the diacritics of a foreign name ("Klaipeda" is Klaipėda's own name); a German
    spelling exonyms-de.tsv lists for the place is its own too ("Tulkarem", "Pressburg")."""
    if surface in (place.name_de, place.name_en) or short_form(surface, place):
        return True
    if (place.name_en, place.country) in _SPELLINGS.get(surface, ()):
        return True
    return surface.isascii() and not place.name_en.isascii() and without_marks(place.name_en) == surface


def short_form(surface: str, place: PlaceRecord) -> bool:
    """"Frankfurt" for Frankfurt am Main, "Halle" for Halle (Saale): the surface is the first
    word of the place's own name, not an unrelated alias."""
    return any(n and n.startswith(surface + " ") for n in (place.name_de, place.name_en))


def is_adjective(word: str) -> bool:
    """A lower-case inflected word before a noun: "gesundes Essen", "großen Halle"."""
    return len(word) > 3 and word.islower() and word.endswith(("e", "en", "em", "er", "es"))


def after_relative_pronoun(text: str, start: int) -> bool:
    """", die Bonn und die … Stadt Ramallah … unterhalten" (ga.de): the word before the name is a
    relative pronoun (an article form right after a comma), not the name's article."""
    i = start
    while i > 0 and text[i - 1].isspace():
        i -= 1
    j = i
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    return j < i and text[:j].rstrip().endswith(",")


#: a German-speaking town whose qualified name ("an der", "ob der", "bei") begins with the short
#: name counts as bearing it outright from this size on (named_outright): Biberach an der Riß 32k,
#: Rothenburg ob der Tauber 11k, Altdorf bei Nürnberg 15k (amfedersee.de, rbth.com,
#: partnerschaftsverein-altdorf.de); the smaller qualified towns the open pages named so were
#: another town's villages (Kirchdorf am Inn, 5k, for a part of Barsinghausen: neuepresse.de)
QUALIFIED_TOWN_POPULATION = 10_000
_GERMAN_SPEAKING = frozenset({"DE", "AT", "CH"})


def named_outright(surface: str, place: PlaceRecord, exact_countries: set[str]) -> bool:
    """Whether the place bears the name as its own for Extractor._best's exact-name bonus: its
    German or English name, or, where another place of its country bears the name outright, the
    short form of its qualified name. The bonus then weighs countries, and within a country size
    decides, as the gold's convention does (the most populous bearer when the text does not)."""
    if surface in (place.name_de, place.name_en) or (place.name_en, place.country) in _SPELLINGS.get(surface, ()):
        return True  # (a German spelling exonyms-de.tsv gives the place: "Kronstadt" is Brașov's, beside Kronstadt RU)
    return (place.country in exact_countries and place.country in _GERMAN_SPEAKING
            and place.population >= QUALIFIED_TOWN_POPULATION and short_form(surface, place))
