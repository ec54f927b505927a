"""What the extraction steps share about one article: its `Context` (sentences, countries,
sentences about partnerships, list lines), the `Taken` map of characters mentions claim, the
`PlaceHit`s of the gazetteer, and small word helpers."""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from .gazetteer import PlaceRecord
from ..models import Extraction, Mention, Span

#: Germany, where a rule means Germany itself (its Landkreise, Berlin's and Hamburg's boroughs);
#: the article's own side is Context.home (home.py)
HOME_COUNTRY = "DE"


class Taken:
    """Which characters of the text a mention already claims, and which mention.

    Queries cost the length of the span asked about, not the number of mentions, so a 5 MB
    article with 100,000 mentions stays linear."""

    def __init__(self, size: int):
        self.owner = array("i", [0]) * (size + 1)  # 0 = free, else an id of self.spans
        self.spans: dict[int, tuple[int, int, Mention | None]] = {}
        self._next = 1
        # one id, repeated over a span: array("i", [i]) made anew for every span cost twice
        # the rest of take() (measured; Taken.of takes every mention of an article)
        self._one = array("i", [0])

    def take(self, start: int, end: int, mention: Mention | None = None) -> None:
        i = self._next
        self._next += 1
        self.spans[i] = (start, end, mention)
        self._one[0] = i
        self.owner[start:end] = self._one * (end - start)

    def ids(self, start: int, end: int) -> set[int]:
        return set(self.owner[start:end]) - {0}

    def release(self, i: int) -> Mention | None:
        start, end, mention = self.spans.pop(i)
        self._one[0] = 0
        self.owner[start:end] = self._one * (end - start)
        return mention

    @classmethod
    def of(cls, ex: Extraction, size: int, kinds=None) -> Taken:
        # take() written out over the mentions: ~1,100 maps a pass over the real pages, of ~26
        # mentions each (a call per mention was a fifth of the cost)
        taken = cls(size)
        owner, spans, one, i = taken.owner, taken.spans, taken._one, taken._next
        for m in ex.mentions:
            if kinds is None or m.kind in kinds:
                start, end = m.start, m.end
                spans[i] = (start, end, m)
                one[0] = i
                owner[start:end] = one * (end - start)
                i += 1
        taken._next = i
        return taken


class PlaceHit(NamedTuple):
    """One gazetteer hit (a tuple: thousands per article, made cheaply; nothing changes one)."""

    start: int
    end: int
    surface: str
    candidates: list[PlaceRecord]
    ambiguous: bool
    adjective: bool = False  # "Kölner", "Leipziger": the city's adjective


@dataclass
class Context:
    """What the whole article says about where it is: the frame for resolving each place."""

    text: str
    sentences: list[Span]
    home: str = HOME_COUNTRY  # the country the article writes from (home.py)
    countries: set[str] = field(default_factory=set)  # named explicitly (name, adjective, demonym)
    country_mentions: list[Mention] = field(default_factory=list)  # sorted by position
    country_starts: list[int] = field(default_factory=list)
    country_ends: list[int] = field(default_factory=list)
    #: sentences about a partnership: a cue word, or a list its introducing sentence is about
    #: (RelationRules.mark_partnership_context)
    cue_sentences: dict[Span, bool] = field(default_factory=dict)
    #: the lines of a list ("Partnerstädte:" then one partner a line) → the sentence introducing it
    list_items: dict[Span, Span] = field(default_factory=dict)
    places_by_sentence: dict[Span, list[Mention]] = field(default_factory=dict)
    #: (start, end) of credit markers and English designations (one keyword pass)
    markers: list[tuple[int, int]] = field(default_factory=list)
    #: (start, end) of the place mentions that are city adjectives ("Kölner", "Dresdner")
    adjectives: set[tuple[int, int]] = field(default_factory=set)
    #: (start, end) of the place hits that a Land's, region's or country's name also covers
    #: ("Bremen", "Luxemburg"): the territory may be meant (territory_lists.py)
    territory_spans: set[tuple[int, int]] = field(default_factory=set)
    #: end offsets of the cue words' endings in the lowered text (TermMatcher.scan), None: not scanned
    cue_word_ends: list[int] | None = None
    #: the folded words of the page's host (host_towns.py): the town a municipal site names
    host_words: frozenset[str] = frozenset()

    @cached_property
    def sentence_index(self) -> dict[Span, int]:
        return {s: i for i, s in enumerate(self.sentences)}
    admin1: set[tuple[str, str]] = field(default_factory=set)  # (cc, admin1) of named regions


#: white space, then a word (`str.isalnum` characters: \w without "_")
_NEXT_WORD = re.compile(r"\s*([^\W_]*)")
#: the same read backwards over the reversed text: white space and opening quotes or brackets,
#: then a word with its hyphens and underscores ("-", "_" and the characters of \w)
_PREVIOUS_WORD = re.compile(r"[\s„\"(«»]*([\w-]*)")
#: (text, the text reversed) for the last text asked about: the word before each of an
#: article's ~20 place hits and names was read by a Python loop over its characters (19k
#: calls a pass over the open10 pages, ~1.5 % of the extraction); one reversal of the text and
#: one anchored match a word do the same in C
_REVERSED: tuple[str | None, str] = (None, "")


def next_word(text: str, end: int) -> str:
    """The word after `end`, skipping white space."""
    return _NEXT_WORD.match(text, end).group(1)


def _reversed(text: str) -> str:
    global _REVERSED
    known = _REVERSED
    if known[0] is not text:
        known = _REVERSED = (text, text[::-1])
    return known[1]


def previous_word(text: str, start: int) -> str:
    """The word before `start`, skipping white space and opening quotes/brackets."""
    if start <= 0:
        return ""
    return _PREVIOUS_WORD.match(_reversed(text), len(text) - start).group(1)[::-1]


def _run_back(run: re.Pattern, text: str, end: int, floor: int) -> int:
    """Where the run of `run`'s characters that ends at `end` begins, not before `floor`: one
    match in C over the reversed text (previous_word's copy), not a loop over the characters."""
    pos = len(text) - end
    return end - (run.match(_reversed(text), pos, len(text) - floor).end() - pos)


#: the characters up to the white space before them, read backwards (word_start)
_NON_SPACE_BACK = re.compile(r"\S*")


def word_start(text: str, end: int, floor: int = 0) -> int:
    """Where the word (characters other than white space) that ends at `end` begins, not before
    `floor` (a loop over the characters of the word before each full stop and line break was
    ~0.5 % of the cold extraction of the real pages)."""
    return _run_back(_NON_SPACE_BACK, text, end, floor)


#: the characters of a run that word_run_start reads backwards: [\w.\-] is str.isalnum(), "_",
#: "." and "-"
_RUN_BACK = re.compile(r"[\w.\-]*")


def word_run_start(text: str, end: int, floor: int = 0) -> int:
    """Where the run of word characters, "_", "." and "-" that ends at `end` begins, not before
    `floor` (a loop over the characters of the word before each cue word's ending was ~0.3 % of
    the cold extraction of the real pages)."""
    return _run_back(_RUN_BACK, text, end, floor)


def drop_mentions(ex: Extraction, gone: list[Mention | None]) -> None:
    """Removes these mentions (by identity) from the extraction."""
    ids = {id(m) for m in gone if m is not None}
    if ids:
        ex.mentions[:] = [m for m in ex.mentions if id(m) not in ids]
