"""Cue words in context: "Stadt X", "der ukrainischen Partnergemeinde X", "X (Indonesien)" —
which place nouns and country words stand next to a name, and the country they give it."""

from __future__ import annotations

import bisect
import re

from .context import Context, previous_word
from .places import KNOWN_CITY_POPULATION
from ..models import Extraction, Mention
from .sentences import sentence_of


#: what may stand between a place and its country after it (the gap, stripped, is one of "in",
#: "(", ",", "in der", "im"), also after the place's other name in brackets ("Krapkowice
#: (Krappitz) in Polen") and with a part of the country ("im Westen der Ukraine", rhein-zeitung.de,
#: kreis-ahrweiler.de); matched in place: the next country word may stand pages away
_COUNTRY_AFTER = re.compile(r"\s*(?:\([^()\n]{1,40}\)\s*)?(?:in|\(|,|in der|im|im\s+(?:Norden|Süden|Westen|Osten|"
                            r"Nordwesten|Nordosten|Südwesten|Südosten|Zentrum)\s+(?:der|des|von))\s*")


class CueReading:
    """The cue-word reading of `Extractor` (a mixin: it reads the word lists the extractor holds)."""

    def _cue_before(self, text: str, start: int, prev: str | None = None) -> bool:
        """A place cue noun directly before: "Stadt Essen", "Partnergemeinde Hof" (on the same
        line: a heading's last word is no cue for the body's first, "Partnerstädte\n\nSeit …").
        `prev`: previous_word(text, start), when the caller has it already."""
        if not self._is_cue_word(previous_word(text, start) if prev is None else prev):
            return False  # (the cheap test first: most words are no cue)
        i = start
        while i > 0 and (text[i - 1].isspace() or text[i - 1] in "„\"(«»"):
            i -= 1
        return "\n" not in text[i:start]

    def _cued_country(self, ex: Extraction, ctx: Context, start: int, end: int) -> str | None:
        """The country an adjective or a following 'in/(Country)' gives this place.

        "der peruanischen Stadt Yarinacocha", "der ukrainischen Partnergemeinde Schtschyrez":
        only cue nouns and adjectives may stand between the country adjective and the name, so
        "deutsch-ukrainischen kommunalen Partnerschaftskonferenz in Leipzig" gives nothing.
        """
        m = self._cue_country_mention(ctx, start, end)
        return m.ref if m is not None else None

    def _negated(self, ctx: Context, mention: Mention) -> bool:
        """"nicht das spanische Granada": a negation within three words before the country word;
        also "(nicht zu) verwechseln mit dem spanischen" and the two-word "anders als"."""
        before = ctx.text[max(0, mention.start - 40):mention.start].split()[-3:]
        words = [w.lower().strip(",„\"") for w in before]
        return any(w in self._negations for w in words) or "verwechseln" in words \
            or "anders als" in " ".join(words)

    def _cue_country_mention(self, ctx: Context, start: int, end: int) -> Mention | None:
        countries = ctx.country_mentions
        # "Annaba Drâa Errich in Algerien", "Padang (Indonesien)"
        i = bisect.bisect_left(ctx.country_starts, end)
        if i < len(countries) and _COUNTRY_AFTER.fullmatch(ctx.text, end, countries[i].start):
            return countries[i]
        j = bisect.bisect_right(ctx.country_ends, start) - 1
        while j >= 0 and countries[j].end >= start - 80:
            m = countries[j]
            if m.surface[:1].isupper() and m.surface.endswith("sch"):
                j -= 1
                continue  # "Lwiw, auf Deutsch Lemberg": a language's name, not a country cue
            gap = ctx.text[m.end:start].split()
            if all(self._is_cue_word(w) or (w[:1].islower() and w.endswith(("e", "en", "er", "es"))
                                            and w not in self._determiners) for w in gap) \
                    and (not gap or any(self._is_cue_word(w) for w in gap)):
                return m
            j -= 1
        return None

    def _is_cue_word(self, word: str) -> bool:
        """"Stadt", "Partnergemeinde", "240.000-Einwohnerstadt", "Hansestadt" (not "Altstadt")."""
        known = self._cue_memo.get(word)
        if known is None:
            w = word.lower().strip(",")
            known = w in self._cue_nouns or w.endswith(self._cue_suffixes) and w not in self._cue_exclude
            if len(self._cue_memo) < 100_000:  # words repeat across articles; bound the memo
                self._cue_memo[word] = known
        return known

    def _city_adjective_country(self, text: str, start: int) -> str | None:
        """The country of the city whose adjective stands right before `start` ("Londoner",
        "Budapester"), if that city is a large one (KNOWN_CITY_POPULATION: a city whose
        boroughs are partners is a big city; smaller namesakes of the stem are not meant)."""
        word = previous_word(text, start)
        if len(word) < 6 or not word.endswith("er") or not word[:1].isupper():
            return None
        cities = [c for c in self.gazetteer.lookup(word[:-2]) if c.population >= KNOWN_CITY_POPULATION]
        return max(cities, key=lambda c: c.population).country if cities else None

    _CITY_AFTER = re.compile(r"[ \t]+in[ \t]+(?:der[ \t]+(?:Hauptstadt|Stadt|Metropole)[ \t]+)?(?P<city>[A-ZÄÖÜ][\w'’-]+)")

    def _city_after_country(self, text: str, end: int) -> str | None:
        """The country of the large city named right after a borough and "in" ("der Bezirk
        Favoriten in Wien"), as for the city adjective before one."""
        m = self._CITY_AFTER.match(text, end)
        if not m:
            return None
        cities = [c for c in self.gazetteer.lookup(m["city"]) if c.population >= KNOWN_CITY_POPULATION]
        return max(cities, key=lambda c: c.population).country if cities else None

    @staticmethod
    def _dominant_foreign_country(ctx: Context) -> str | None:
        """The foreign country the article names most often, if one leads."""
        counts: dict[str, int] = {}
        for m in ctx.country_mentions:
            if m.ref != ctx.home:
                counts[m.ref] = counts.get(m.ref, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
        return None

    def _sole_foreign_country(self, ex: Extraction, ctx: Context, offset: int) -> str | None:
        sent = sentence_of(ctx.sentences, offset)
        for scope in ((sent.start, sent.end), (0, len(ctx.text))):
            found = {m.ref for m in ex.mentions if m.kind == "country" and m.ref != ctx.home
                     and scope[0] <= m.start < scope[1]}
            if len(found) == 1:
                return found.pop()
        return None
