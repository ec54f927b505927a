"""The extractor: an `Article` in, an `Extraction` out. Gazetteer and rules, no statistical model.

Steps, each a small function: sentences → term hits (vocabulary, countries, regions) → place
hits (gazetteer) → overlap resolution (longest span wins) → places resolved in the article's
context (countries named, cue words, population prior) → places introduced by cue words that no
gazetteer knows → relations (partnerships, events, people, population figures; relations.py).
"""

from __future__ import annotations

import bisect
from array import array
import logging
import math
import re
from dataclasses import dataclass, field, replace
from functools import cached_property

from . import local_governments
from .gazetteer import (Gazetteer, PlaceRecord, get_gazetteer, load_common_nouns, load_first_names,
                        load_frequent_words)
from ..graph.iri import slugify
from .matcher import Keywords, TermHit, TermMatcher
from ..models import Article, Extraction, Mention, Place, Span
from .rules import rules
from .sentences import sentence_of, split
from .territories import regions
from ..vocab import Vocabulary, load_vocabulary

LOGGER = logging.getLogger(__name__)

#: 100k, the conventional German "Großstadt" limit: a name this big may stand mid-sentence
#: without a preposition ("Ob Essen im Ruhrgebiet") and survives the frequent-word check (Köln)
KNOWN_CITY_POPULATION = 100_000
#: a foreign place in a country the article does not name counts only from this size on. On the
#: sample corpus every false positive of this kind was under 200k (Alhambra CA 128k, Livingstone
#: 178k, Dordrecht 119k, Frankfort KY 28k) while foreign partner cities without their country
#: named were capitals and metropolises (Minsk 1.7M, Chengdu 7M)
WORLD_CITY_POPULATION = 500_000
#: German places count without a cue from this size on; below it, most gazetteer hits in German
#: news are surnames or words (Jung, Rösner, Kapust): 5,000 kept every German partner town of
#: the sample corpus whose article has no cue word.
MIN_HOME_POPULATION = 5_000
#: three or more German towns enumerated in a sentence about partnerships count from this size
#: on (Extractor._home_town_lists): 1,000 kept the villages listed on the dev pages (Sommerach, 1.4k)
#: while hamlets, whose names are mostly surnames' too, stay out
MIN_LISTED_HOME_POPULATION = 1_000
#: "Kölner", "Leipziger": city adjectives are counted for German-speaking towns of this size
MIN_ADJECTIVE_POPULATION = 10_000
HOME_COUNTRY = "DE"
#: see Extractor._best: enough for Linz (AT, 205k) over Linz am Rhein (DE, 6k, +2 home bonus; needs
#: > 0.47), too little for St. Petersburg FL (260k) over Saint Petersburg RU (5.3M; needs < 1.32)
EXACT_NAME_BONUS = 1.0
GERMAN_SPEAKING = {"DE", "AT", "CH"}
#: the longest string analysed as one article; longer inputs are cut (and the cut is logged).
#: 10 million characters is ~1,500 printed pages, far beyond any news article; extraction is
#: linear in the text (measured: 2 MB in 2.7 s), so the bound only caps memory and time
MAX_TEXT = 10_000_000

_WORD = re.compile(r"[\wÄÖÜäöüß'’\-]+")
#: nobility and family-name particles: "von Oettingen", "van Gogh", "de Gaulle", "zu Guttenberg"
_NAME_PARTICLES = frozenset({"von", "van", "zu", "de", "da", "di", "du", "le", "la", "del"})


class Taken:
    """Which characters of the text a mention already claims, and which mention.

    Queries cost the length of the span asked about, not the number of mentions, so a 5 MB
    article with 100,000 mentions stays linear."""

    def __init__(self, size: int):
        self.owner = array("i", bytes(4 * (size + 1)))  # 0 = free, else an id of self.spans
        self.spans: dict[int, tuple[int, int, Mention | None]] = {}
        self._next = 1

    def take(self, start: int, end: int, mention: Mention | None = None) -> None:
        i = self._next
        self._next += 1
        self.spans[i] = (start, end, mention)
        self.owner[start:end] = array("i", [i]) * (end - start)

    def ids(self, start: int, end: int) -> set[int]:
        return set(self.owner[start:end]) - {0}

    def release(self, i: int) -> Mention | None:
        start, end, mention = self.spans.pop(i)
        self.owner[start:end] = array("i", [0]) * (end - start)
        return mention

    @classmethod
    def of(cls, ex: Extraction, size: int, kinds=None) -> Taken:
        taken = cls(size)
        for m in ex.mentions:
            if kinds is None or m.kind in kinds:
                taken.take(m.start, m.end, m)
        return taken


@dataclass
class PlaceHit:
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

    @cached_property
    def sentence_index(self) -> dict[Span, int]:
        return {s: i for i, s in enumerate(self.sentences)}
    admin1: set[tuple[str, str]] = field(default_factory=set)  # (cc, admin1) of named regions


class Extractor:
    """Reusable: loads the gazetteer and vocabularies once, then extracts many articles."""

    def __init__(self, *, gazetteer: Gazetteer | None = None, vocabulary: Vocabulary | None = None):
        self.gazetteer = gazetteer or get_gazetteer()
        self.vocabulary = vocabulary or load_vocabulary()
        self.terms = TermMatcher(self.vocabulary)
        self.rules = rules()
        self.nouns = load_common_nouns()
        self.frequent = load_frequent_words()
        self._cue_nouns = {w.lower() for w in self.rules["place_cue_nouns"]}
        self._cue_exclude = {w.lower() for w in self.rules["place_cue_exclude"]}
        self._cue_suffixes = tuple(self.rules["place_cue_suffixes"])
        self._cue_kinds = {w.lower(): tuple(v) for w, v in self.rules["place_cue_kinds"].items()}
        self._city_parts = frozenset(self.rules["city_part_nouns"])
        self._region_after = frozenset(self.rules["region_after_nouns"])
        self._region_after_heads = tuple(" " + w for w in self._region_after)  # a cheap test before the word
        self._roles = frozenset(w.lower() for w in self.rules["person_roles"])
        self._landmarks = frozenset(w.lower() for w in self.rules["landmark_nouns"])
        self._region_before = frozenset(w.lower() for w in self.rules["region_before_nouns"])
        self._months = frozenset(self.rules["time_words_after"])
        self._german_endings = tuple(self.rules["german_place_endings"])
        self._titles = frozenset(w.lower() for w in self.rules["person_titles"])
        self._negations = frozenset(w.lower() for w in self.rules["negations"] if " " not in w)
        self._suffix_kinds = dict(self.rules["place_suffix_kinds"])
        self._credit_words = frozenset(self.rules["credit_markers"])
        # one pass finds both the credit markers and the English designations (a pass each cost
        # ~2 % of the extraction, measured against the extractor before them)
        self._markers = Keywords([*self._suffix_kinds, *self._credit_words], word_start=False)
        self._cue_memo: dict[str, bool] = {}
        self._prepositions = {w.lower() for w in self.rules["place_prepositions"]}
        self._determiners = {w.lower() for w in self.rules["determiners"]}
        self._stop = set(self.rules["name_stop_words"])
        self._contractions = {w.lower() for w in self.rules["contractions"]}
        self._river_words = {w.lower() for w in self.rules["not_before_places"]}
        self.first_names = load_first_names()

    @cached_property
    def _relations(self):
        from .relations import RelationRules

        return RelationRules(self)

    # -- public ----------------------------------------------------------------------------

    def extract(self, article: Article) -> Extraction:
        text = article.analysed_text
        if len(text) > MAX_TEXT:
            LOGGER.warning("%s: text cut to %d characters", article.url, MAX_TEXT)
            text = text[:MAX_TEXT]
        ex = Extraction(article=article)
        ctx = Context(text=text, sentences=split(text))
        persons = self._relations.persons_spans(text)
        term_hits = self.terms.find(text)
        place_hits = self._place_hits(_uncapitalised(text, self.gazetteer))
        term_hits, place_hits = _resolve_overlaps(term_hits, place_hits, persons)
        self._term_mentions(ex, ctx, term_hits)
        # a region names its country too, for cues: "dem schottischen Blantyre" → GB
        ctx.country_mentions = [m if m.kind == "country" else replace(m, kind="country", ref=ex.regions[m.ref][1])
                                for m in ex.mentions if m.kind == "country"
                                or (m.kind == "region" and ex.regions.get(m.ref, ("", None))[1])]
        ctx.country_starts = [m.start for m in ctx.country_mentions]
        ctx.country_ends = [m.end for m in ctx.country_mentions]
        self._relations.mark_partnership_context(ex, ctx)
        self._place_mentions(ex, ctx, place_hits)
        ctx.markers = self._markers.find(text)
        self._cue_places(ex, ctx)
        self._suffix_places(ex, ctx)
        self._listed_places(ex, ctx)
        self._coordinated_places(ex, ctx)
        self._drop_credits(ex, text, ctx.markers)
        ex.mentions.sort(key=lambda m: (m.start, m.end, m.kind))
        referenced = {m.ref for m in ex.mentions if m.kind == "municipality"}
        ex.places = {k: p for k, p in ex.places.items() if k in referenced}
        self._relations.apply(ex, ctx)
        return ex

    def _drop_credits(self, ex: Extraction, text: str, markers: list[tuple[int, int]]) -> None:
        """Places inside a photo or source credit ("Foto: Stadt Bonn") are not the article's."""
        spans = []
        for start, end in markers:
            if text[start:end] not in self._credit_words:
                continue
            stop = min([i for i in (text.find("\n", end), text.find(")", end)) if i >= 0] + [len(text)])
            spans.append((start, stop))
        if spans:
            ex.mentions[:] = [m for m in ex.mentions if m.kind != "municipality"
                              or not any(s <= m.start < e for s, e in spans)]

    # -- terms -----------------------------------------------------------------------------

    def _term_mentions(self, ex: Extraction, ctx: Context, hits: list[TermHit]) -> None:
        region_table = regions()
        for h in hits:
            t = h.term
            if t.needs_context and not self._after_preposition(ctx.text, h.start):
                continue
            sent = sentence_of(ctx.sentences, h.start)
            if t.kind == "municipality":  # a district or borough from the table of local governments
                place = local_governments.place(t.ref)
                ex.places.setdefault(place.key, place)
                ex.mentions.append(Mention(t.kind, place.key, ctx.text[h.start:h.end], h.start, h.end, sent))
                continue
            ex.mentions.append(Mention(t.kind, t.ref, ctx.text[h.start:h.end], h.start, h.end, sent))
            if t.kind == "country":
                ctx.countries.add(t.ref)
            elif t.kind == "region":
                region = region_table.get(t.ref)
                if region:
                    ctx.countries.add(region.country)
                    ex.regions[t.ref] = (region.name_de, region.country)
                    if region.admin1:
                        ctx.admin1.add((region.country, region.admin1))

    # -- places from the gazetteer ---------------------------------------------------------

    def _place_hits(self, text: str) -> list[PlaceHit]:
        gaz = self.gazetteer
        n = len(text)
        hits = []
        lengths = gaz.alias_lengths
        for end_idx, alias_index in gaz.automaton.iter(text):
            end = end_idx + 1
            start = end - lengths[alias_index]
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'’"):
                continue
            surface_end = end
            if end < n and text[end].isalnum():
                # the hot path: most hits end inside a longer word ("Halle" in "Hallen")
                c = text[end]
                if c == "s" and (end + 1 == n or not text[end + 1].isalnum()):
                    surface_end = end + 1  # genitive: Leipzigs, Kyjiws
                elif c == "e" and text[end + 1:end + 2] == "r" and (end + 2 == n or not text[end + 2].isalnum()):
                    surface_end = end + 2  # city adjective: Kölner, Leipziger
                else:
                    continue
            if text.startswith(self._region_after_heads, surface_end) \
                    and _next_word(text, surface_end) in self._region_after:
                continue  # "Donezk Gebiet": the oblast, not the town
            ids = gaz.alias_places[alias_index]
            surface = text[start:end]
            cands = [gaz.place(i) for i in ids]
            if surface_end == end + 2:
                cands = [c for c in cands if c.country in GERMAN_SPEAKING and c.population >= MIN_ADJECTIVE_POPULATION]
                if not cands or _next_word(text, surface_end) in self._city_parts:
                    continue  # "der Berliner Bezirk Pankow": the borough is meant, not Berlin
            hits.append(PlaceHit(start, surface_end, surface, cands, surface in gaz.ambiguous,
                                 adjective=surface_end == end + 2))
        return hits

    def _after_preposition(self, text: str, start: int) -> bool:
        prev = _previous_word(text, start)
        return prev.lower() in self._prepositions or prev.lower() in self._cue_nouns

    def _cue_before(self, text: str, start: int) -> bool:
        """A place cue noun directly before: "Stadt Essen", "Partnergemeinde Hof" (on the same
        line: a heading's last word is no cue for the body's first, "Partnerstädte\n\nSeit …")."""
        i = start
        while i > 0 and (text[i - 1].isspace() or text[i - 1] in "„\"(«»"):
            i -= 1
        return "\n" not in text[i:start] and self._is_cue_word(_previous_word(text, start))

    def _cued_country(self, ex: Extraction, ctx: Context, start: int, end: int) -> str | None:
        """The country an adjective or a following 'in/(Country)' gives this place.

        "der peruanischen Stadt Yarinacocha", "der ukrainischen Partnergemeinde Schtschyrez":
        only cue nouns and adjectives may stand between the country adjective and the name, so
        "deutsch-ukrainischen kommunalen Partnerschaftskonferenz in Leipzig" gives nothing.
        """
        m = self._cue_country_mention(ctx, start, end)
        return m.ref if m is not None else None

    def _negated(self, ctx: Context, mention: Mention) -> bool:
        """"nicht das spanische Granada": a negation within three words before the country word."""
        before = ctx.text[max(0, mention.start - 40):mention.start].split()[-3:]
        return any(w.lower().strip(",„\"") in self._negations for w in before)

    def _cue_country_mention(self, ctx: Context, start: int, end: int) -> Mention | None:
        countries = ctx.country_mentions
        # "Annaba Drâa Errich in Algerien", "Padang (Indonesien)"
        i = bisect.bisect_left(ctx.country_starts, end)
        if i < len(countries) and ctx.text[end:countries[i].start].strip() in ("in", "(", ",", "in der", "im"):
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

    def _place_mentions(self, ex: Extraction, ctx: Context, hits: list[PlaceHit]) -> None:
        """Resolves every gazetteer hit in the context of the whole article.

        One sense per discourse: all occurrences of one name share one place (their cue words
        vote together), except an occurrence with a cue of its own ("dem schottischen
        Blantyre" in an article about Blantyre in Malawi). Then each occurrence must pass the
        acceptance rules, in text order, so an earlier confident mention licenses later
        ambiguous ones ("Essen, einst von Kohle geprägt …").
        """
        text = ctx.text
        facts = [self._hit_facts(ex, ctx, h) for h in hits]
        groups: dict[str, list[int]] = {}
        for i, h in enumerate(hits):
            groups.setdefault(h.surface, []).append(i)
        resolved: dict[int, PlaceRecord] = {}
        for surface, members in groups.items():
            votes: dict[str, int] = {}
            for i in members:
                if facts[i]["cue_cc"]:
                    # "meint nicht das spanische Granada": a negated cue speaks against its country
                    vote = -1 if facts[i]["cue_negated"] else 1
                    votes[facts[i]["cue_cc"]] = votes.get(facts[i]["cue_cc"], 0) + vote
            default = self._best(hits[members[0]].candidates, ctx, votes, surface)
            for i in members:
                own = facts[i]["cue_cc"]
                resolved[i] = self._best(hits[i].candidates, ctx, {own: 1}, surface) \
                    if own and own != (default and default.country) else default
        # "Frankfurt am Main … in Frankfurt": a first word of a longer name the article uses
        # means that place, not another bearer of the short name (Frankfort, Kentucky)
        longer = {}
        for i, h in enumerate(hits):
            if " " in h.surface and resolved.get(i) is not None:
                longer.setdefault(h.surface.split(" ", 1)[0], resolved[i])
        for i, h in enumerate(hits):
            if h.surface in longer:
                resolved[i] = longer[h.surface]
        accepted: set[int] = set()  # geonameids accepted so far in this article
        home_lists = self._home_town_lists(hits, resolved, facts, text)
        for i, h in enumerate(hits):
            best = resolved.get(i)
            if best is None or not (i in home_lists or self._accept(h, best, facts[i], ctx, accepted)):
                continue
            accepted.add(best.geonameid)
            place = best.to_place()
            ex.places.setdefault(place.key, place)
            ex.mentions.append(Mention("municipality", place.key, text[h.start:h.end], h.start, h.end,
                                       facts[i]["sentence"]))

    #: what may stand between two names of one enumeration: "Wiesentheid, Marktbreit und Sommerach"
    _LIST_GAPS = frozenset({",", "und", ", und", "sowie", ", sowie"})

    def _home_town_lists(self, hits: list[PlaceHit], resolved: dict[int, PlaceRecord], facts: list[dict],
                         text: str) -> set[int]:
        """"Freunde der Partnerschaftskomitees Wiesentheid, Marktbreit und Sommerach": in a
        sentence about partnerships, an enumeration of three or more names that all resolve to
        German towns is a list of towns, however small each is (MIN_HOME_POPULATION turns single
        small towns down because most are surnames; three in a row rarely are). Names that are
        also first names, German words or frequent words are left to the usual rules."""
        out: set[int] = set()
        run: list[int] = []

        def flush():
            if len(run) >= 3:
                out.update(run)
            run.clear()

        for i, h in enumerate(hits):
            best = resolved.get(i)
            ok = (best is not None and best.country == HOME_COUNTRY and best.population >= MIN_LISTED_HOME_POPULATION
                  and facts[i]["partnership_sentence"] and not h.ambiguous and not h.adjective
                  and h.surface not in self.first_names and h.surface.lower() not in self.frequent
                  and not facts[i]["first_name_before"])
            if not ok:
                flush()
                continue
            if run and (facts[run[-1]]["sentence"] != facts[i]["sentence"]
                        or text[hits[run[-1]].end:h.start].strip() not in self._LIST_GAPS):
                flush()
            run.append(i)
        flush()
        return out

    def _hit_facts(self, ex: Extraction, ctx: Context, h: PlaceHit) -> dict:
        text = ctx.text
        sent = sentence_of(ctx.sentences, h.start)
        prev = _previous_word(text, h.start)
        return {
            "sentence": sent,
            "initial": h.start == sent.start or text[sent.start:h.start].strip() in ("„", '"', "(", "»"),
            "prev": prev.lower(),
            "prev_capitalised": prev[:1].isupper() and not text[h.start - len(prev) - 2:h.start].strip().endswith((".", ":")),
            "cued": self._cue_before(text, h.start),
            "cue_cc": (cue := self._cue_country_mention(ctx, h.start, h.end)) and cue.ref,
            "cue_negated": cue is not None and self._negated(ctx, cue),
            # "Nicole von Oettingen", "Ursula von der Leyen": a name particle after a first name
            # makes the next name a surname (prev is the particle; the first name stands before it)
            "first_name_before": prev in self.first_names or (
                prev in _NAME_PARTICLES and _previous_word(text, text.rfind(prev, 0, h.start)) in self.first_names),
            "partnership_sentence": self._sentence_has_cue(ctx, sent),
        }

    def _sentence_has_cue(self, ctx: Context, sent: Span) -> bool:
        known = ctx.cue_sentences.get(sent)
        if known is None:
            known = ctx.cue_sentences[sent] = self._relations.has_cue(ctx.text[sent.start:sent.end])
        return known

    def _best(self, candidates: list[PlaceRecord], ctx: Context, votes: dict[str, int],
              surface: str = "") -> PlaceRecord | None:
        best, best_score = None, -math.inf
        for c in candidates:
            score = math.log10(c.population + 10)
            if surface and surface in (c.name_de, c.name_en):
                # "Linz" is Linz's name and only a short form of Linz am Rhein: a name borne
                # outright outweighs the home bonus of a small town bearing it as an alias
                # (EXACT_NAME_BONUS says where its value came from)
                score += EXACT_NAME_BONUS
            if c.country in ctx.countries:
                score += 4
            if c.country == HOME_COUNTRY:
                score += 2
            score += 8 * votes.get(c.country, 0)
            if (c.country, c.admin1) in ctx.admin1:
                score += 1.5
            if score > best_score:
                best, best_score = c, score
        return best

    def _accept(self, h: PlaceHit, best: PlaceRecord, f: dict, ctx: Context, accepted: set[int]) -> bool:
        prev = f["prev"]
        known = best.geonameid in accepted
        if f["cued"] and h.surface not in self._stop:
            return True
        if f["first_name_before"]:
            return False  # "David Livingstone", "Marc Kapust": a surname
        if prev in self._landmarks:
            return False  # "Schloss Charlottenburg", "Flughafen Frankfurt": a building
        if prev in self._region_before:
            return False  # "in der Präfektur Chiba": the region, not its capital
        if prev in self._titles or ctx.text[max(0, h.start - 6):h.start].rstrip().endswith(("Dr.", "Prof.")):
            return False  # "Dr. Adem Dalgiç", "Frau Achim": a person
        if h.surface in self._stop:
            return False  # "Partnerstädte / Das Rathaus": a function word, whatever the cue
        if h.surface in self.first_names and _next_word(ctx.text, h.end)[:1].isupper() \
                and _next_word(ctx.text, h.end) not in self.nouns and not known:
            return False  # "Achim Juchem": a first name before a surname
        if prev in self._roles and not known and h.end - h.start == len(h.surface):
            return False  # "Bürgermeister Sadowy": a surname after a title ("Oberbürgermeister Leipzigs" is the town)
        if prev.isdigit() and (len(prev) == 5 or len(prev) == 4 and not 1800 <= int(prev) <= 2099):
            # "55116 Mainz": an address in an imprint or contact box; a year before a name is a
            # list whose line breaks were lost ("Montpellier Frankreich 1961 Cambridge …")
            return False
        if h.surface.lower() in self.frequent and h.surface not in (best.name_de, best.name_en) and not known \
                and not _short_form(h.surface, best):
            # "Gerne" is a GeoNames alias of Herne, "Dabei" of Dubai: the words win; but
            # "Frankfurt" is the first word of Frankfurt am Main's own name (the frequent-word
            # list holds it for the city), so it goes on to the size rules below
            return False
        if prev in self._determiners and not h.adjective:
            return False  # "der Alhambra": towns take no article ("die Kölner Delegation" may)
        if prev in self._river_words:
            return False  # "am Dnipro", "im Norden", "am Main": rivers and directions
        foreign_named = best.country in ctx.countries and best.country != HOME_COUNTRY
        cue_named = f["cue_cc"] == best.country
        if h.ambiguous:
            # "in Essen" and "Ob Essen im Ruhrgebiet" are the city; "das Essen", "beim
            # Essen", "in der Halle" are not
            if prev in self._determiners or prev in self._contractions or (
                    _is_adjective(prev) and prev not in self._prepositions):
                return False
            if _next_word(ctx.text, h.end) in self._months:
                return False  # "seit Mitte Januar": a time expression
            if not (prev in self._prepositions or known
                    or (not f["initial"] and best.population >= KNOWN_CITY_POPULATION)):
                return False
            if not (known or cue_named or foreign_named or best.country == HOME_COUNTRY):
                return False  # "in Kitas" is not Quito: a noun needs its place's country named
        if h.surface.lower() in self.frequent and not known and not (
                (foreign_named or cue_named or best.country == HOME_COUNTRY) and best.population >= KNOWN_CITY_POPULATION) \
                and not (not f["initial"] and best.population >= WORLD_CITY_POPULATION):
            # "Dort", "Weil", "Man"; a metropolis mid-sentence is itself ("ein Signal an
            # Moskau"), while its word-twins open sentences ("Dabei" is not Dubai)
            return False
        if known or cue_named or foreign_named:
            return True
        if best.country == HOME_COUNTRY:
            return best.population >= MIN_HOME_POPULATION
        # in a sentence about a partnership a foreign city needs less fame ("Neben klassischen
        # Städtepartnerschaften – etwa mit Oxford und Opole – pflegt Bonn …")
        if f["partnership_sentence"]:
            return best.population >= KNOWN_CITY_POPULATION
        return best.population >= WORLD_CITY_POPULATION

    # -- places only cue words know --------------------------------------------------------

    #: a word followed by a capitalised one: the candidates for "Stadt Leipzig", "Gemeinden X
    #: und Y", "240.000-Einwohner-Stadt X"; which of them are cue words is a set lookup
    #: (the look-behind anchors each try at a word start: without it a 40,000-letter "word"
    #: is re-scanned from every position, quadratic)
    _WORD_BEFORE_NAME = re.compile(r"(?<![\w.\-])[\w.\-]+(?=\s+[A-ZÄÖÜ])")

    _NAME_LIST = re.compile(
        r"(?P<names>(?:[A-ZÄÖÜ][\w'’.\-]*(?:[ \t]+(?:[A-ZÄÖÜ][\w'’\-]*|de|del|la|el|al|an\s+der|am|ob\s+der))*)"
        r"(?:\s*(?:,|und|sowie)\s*[A-ZÄÖÜ][\w'’.\-]*(?:[ \t]+(?:[A-ZÄÖÜ][\w'’\-]*|de|del|la|el|al))*)*)")

    def _cue_places(self, ex: Extraction, ctx: Context) -> None:
        text = ctx.text
        taken = Taken.of(ex, len(text))
        new: dict[str, Place] = {}
        for head in self._WORD_BEFORE_NAME.finditer(text):
            cue = head.group(0).lower()
            if not self._is_cue_word(cue):
                continue
            pos = head.end()
            while pos < len(text) and text[pos].isspace():
                pos += 1
            m = self._NAME_LIST.match(text, pos)
            if not m:
                continue
            # a German-only designation in the singular names its first name only: in "das Amt
            # Zarrentin und Murino" Murino is a Russian town ("der Landkreis Harburg und Koszalin"
            # pairs two districts, so Kreis words keep the whole list)
            single = cue in self._cue_kinds and self._cue_kinds[cue][1] in ("Amt", "Verbandsgemeinde", "Samtgemeinde") \
                and not cue.endswith("en")
            for k, nm in enumerate(re.finditer(r"[A-ZÄÖÜ][^,]*?(?=\s*(?:,|\bund\b|\bsowie\b|$))", m["names"])):
                if k == 1 and single:
                    cue = "stadt"  # the rest of the list: plain places
                name = self._trim_name(nm.group(0))
                start = m.start("names") + nm.start()
                if not name and cue in self._cue_kinds:
                    # "Verbandsgemeinde Kirchheimbolanden": the word rules doubt the name, but
                    # the gazetteer knows it
                    known = [taken.spans[i][2] for i in taken.ids(start, start + 1)]
                    if known and known[0] is not None and known[0].kind == "municipality" and known[0].start == start:
                        name = text[known[0].start:known[0].end]
                if not name or name.split(" ", 1)[0] in self.first_names:
                    continue  # "des Landkreises Saalfeld-Rudolstadt, Kristina Lavriv": a person
                end = start + len(name)
                # "Partnerstädte Montpellier Frankreich 1961 …" (a list whose line breaks were
                # lost): a country word ends the name
                covering = taken.ids(start, end)
                cut = [sp[0] for i in covering if (sp := taken.spans[i])[2] is not None
                       and sp[2].kind in ("country", "region") and sp[0] > start]
                if cut:
                    name = self._trim_name(text[start:min(cut)])
                    if not name:
                        continue
                    end = start + len(name)
                    covering = taken.ids(start, end)
                spans = [taken.spans[i] for i in covering]
                district_cue = cue in self._cue_kinds
                if any(s <= start and e >= end for s, e, _ in spans) and not (
                        # "Landkreis Celle" when the table lacks it: the gazetteer's town Celle
                        # gives way to the district
                        district_cue and all(mm is not None and mm.kind == "municipality" and s == start
                                             and ex.places.get(mm.ref) is not None
                                             and ex.places[mm.ref].kind == "municipality" for s, e, mm in spans)):
                    continue  # the gazetteer or a vocabulary term already has it
                if not all(start <= s and e <= end for s, e, _ in spans) and not any(s <= start and e >= end for s, e, _ in spans):
                    continue  # overlaps a longer name on one side
                # "Annaba Drâa Errich": longer than the gazetteer's "Annaba", which gives way
                _drop(ex, [taken.release(i) for i in covering])
                cued = self._cued_country(ex, ctx, start, end)
                country = cued or self._sole_foreign_country(ex, ctx, start)
                kind = "municipality"
                if district_cue:  # "Landkreis X", "Rajon X": a district, never the town X
                    kind, prefix = self._cue_kinds[cue]
                    if kind == "borough" and name.endswith("s") and self.gazetteer.lookup(name[:-1]):
                        continue  # "der 5. Bezirk Budapests": the city's, named by the city
                    if prefix and not name.startswith(prefix):
                        name = f"{prefix} {name}"
                    if kind == "borough":  # German pages' Bezirke are mostly German cities' boroughs
                        # ... unless a city adjective says whose: "den Londoner Bezirken Lewisham
                        # und Sutton", "der Wiener Bezirk Favoriten" lie in the city's country
                        country = cued or self._city_adjective_country(text, head.start()) or country or HOME_COUNTRY
                    if prefix in ("Landkreis", "Kreis"):
                        # the table lists every German Kreis: one it lacks lies abroad ("Kreis
                        # Podilsk" in an article about Ukraine), in the country the text names
                        in_table = (not cued or cued == HOME_COUNTRY) and self._german_unit(f"{prefix} {name}", kind)
                        country = HOME_COUNTRY if in_table else (
                            cued or country or self._dominant_foreign_country(ctx) or HOME_COUNTRY)
                    elif prefix in ("Verbandsgemeinde", "Samtgemeinde", "Amt"):  # German designations
                        country = cued or HOME_COUNTRY
                    if nm.start() == 0:  # the mention spans the cue word: "Landkreis Celle"
                        start = head.start()
                german = self._german_unit(name, kind) if not cued or cued == HOME_COUNTRY else None
                if german is not None:  # "Landkreisen Rheingau-Taunus, Forchheim …": the table's units
                    place = german
                    name = place.name_de
                else:
                    if not cued and country != HOME_COUNTRY and kind == "municipality" \
                            and name.endswith(self._german_endings):
                        country = HOME_COUNTRY  # "die Gemeinde Lahntal mit der Gemeinde Stara Kiszewa"
                    place = Place(name_de=name, country=country, slug=slugify(name), kind=kind)
                earlier = new.get(name)
                if earlier is not None and earlier.country is None and place.country is not None:
                    # "Rajon Tschernihiw" first without a country, later "dem ukrainischen Rajon
                    # Tschernihiw": one place, in the country the later cue gives
                    ex.mentions[:] = [replace(m, ref=place.key) if m.ref == earlier.key else m for m in ex.mentions]
                    taken.spans = {i: (a, b, replace(m, ref=place.key) if m is not None and m.ref == earlier.key else m)
                                   for i, (a, b, m) in taken.spans.items()}
                elif earlier is not None:
                    place = earlier
                new[name] = place
                ex.places.setdefault(place.key, place)
                mention = Mention("municipality", place.key, text[start:end], start, end,
                                  sentence_of(ctx.sentences, start))
                ex.mentions.append(mention)
                taken.take(start, end, mention)
        self._repeat_mentions(ex, ctx, new, taken)

    _NAME_BEFORE_COUNTRY = re.compile(r"(?:^|[\s•·*–\-,;:(])(?P<name>[A-ZÄÖÜ][\w'’\-]*(?:[ \t]+[A-ZÄÖÜ][\w'’\-]*){0,2})"
                                      r"[ \t]*(?:\(|,[ \t]|[ \t]in[ \t]+(?:der[ \t]+|den[ \t]+)?)$")

    def _listed_places(self, ex: Extraction, ctx: Context) -> None:
        """Partner lists: "• Yongin in Südkorea", "Bordeaux (Frankreich, seit 1962)": a name
        right before its country, in a list line or a sentence about partnerships, is a place
        of that country even when no gazetteer knows it."""
        text = ctx.text
        countries = [m for m in ctx.country_mentions if m.kind == "country" and m.ref != HOME_COUNTRY]
        if not countries:
            return
        taken = None
        for c in countries:
            before = text[max(0, c.start - 4):c.start]
            if not (before.endswith(("(", ", ")) or before.rstrip().endswith((" in", "der", "den"))):
                continue  # the cheap test first: most country words stand elsewhere
            m = self._NAME_BEFORE_COUNTRY.search(text, max(0, c.start - 60), c.start)
            if not m:
                continue
            start = m.start("name")
            line_start = text.rfind("\n", 0, start) + 1
            listed = text[line_start:start].strip() in ("", "•", "·", "*", "-", "–")
            # "X in Land" only in list lines ("mit Versorgern in Jordanien" is prose); "X (Land"
            # also in a sentence about partnerships
            in_form = text[m.end("name"):c.start].strip().startswith("in")
            if not (listed or (not in_form and self._sentence_has_cue(ctx, sentence_of(ctx.sentences, start)))):
                continue
            name = self._trim_name(m["name"])
            if not name or name.split(" ", 1)[0] in self.first_names or _previous_word(text, start).lower() in self._roles:
                continue
            if name != m["name"]:
                continue  # a common noun stood between: "Besetzte Kommunen in Ukraine" names no town
            taken = taken or Taken.of(ex, len(text))
            if taken.ids(start, start + len(name)):
                continue
            end = start + len(name)
            place = Place(name_de=name, country=c.ref, slug=slugify(name))
            ex.places.setdefault(place.key, place)
            mention = Mention("municipality", place.key, name, start, end, sentence_of(ctx.sentences, start))
            ex.mentions.append(mention)
            taken.take(start, end, mention)

    def _city_adjective_country(self, text: str, start: int) -> str | None:
        """The country of the city whose adjective stands right before `start` ("Londoner",
        "Budapester"), if that city is a large one (KNOWN_CITY_POPULATION: a city whose
        boroughs are partners is a big city; smaller namesakes of the stem are not meant)."""
        word = _previous_word(text, start)
        if len(word) < 6 or not word.endswith("er") or not word[:1].isupper():
            return None
        cities = [c for c in self.gazetteer.lookup(word[:-2]) if c.population >= KNOWN_CITY_POPULATION]
        return max(cities, key=lambda c: c.population).country if cities else None

    @staticmethod
    def _german_unit(name: str, kind: str) -> Place | None:
        """The table's unit for a cue-made name: "Landkreis Rheingau-Taunus" is the
        Rheingau-Taunus-Kreis, "Kreis Lippe" and "Landkreis Lippe" are one."""
        if kind != "district":
            return None
        known = local_governments.local_governments()
        core = name.split(" ", 1)[1] if " " in name else name
        for candidate in (f"Landkreis {core}", f"Kreis {core}", f"{core}-Kreis", f"{core}kreis", core):
            unit = known.get(f"district:{candidate}")
            if unit is not None:
                return unit.to_place()
        return None

    def _suffix_places(self, ex: Extraction, ctx: Context) -> None:
        """"Nelson Mandela Bay Municipality", "eThekwini Metropolitan Municipality": up to four
        name words (capitalised, or a lower-case prefix before a capital: eThekwini) before an
        English designation name a local government, with the designation as part of its name."""
        text = ctx.text
        found = [(a, b) for a, b in ctx.markers if text[a:b] in self._suffix_kinds
                 and (a == 0 or not text[a - 1].isalnum())]
        if not found:
            return
        taken = Taken.of(ex, len(text))
        for s0, e0 in found:
            if e0 < len(text) and text[e0].isalnum():
                continue
            words, i = [], s0
            while len(words) < 4:
                m = re.search(r"([A-Za-zÄÖÜäöüéèáà'’\-]+)\s+$", text[max(0, i - 40):i])
                if not m or not (m.group(1)[0].isupper() or (len(m.group(1)) > 1 and m.group(1)[1].isupper())) \
                        or m.group(1) in self._stop or m.group(1) in self.nouns:
                    break
                words.insert(0, m.group(1))
                i -= len(m.group(0))
            if not words:
                continue
            start = i
            kind = self._suffix_kinds[text[s0:e0]]
            if taken.ids(start, e0):
                ids = taken.ids(start, e0)
                if any(taken.spans[j][2] is None or taken.spans[j][2].kind != "municipality" for j in ids):
                    continue
                _drop(ex, [taken.release(j) for j in ids])  # "Durban" inside "Durban Municipality"
            name = text[start:e0]
            country = self._cued_country(ex, ctx, start, e0) or self._sole_foreign_country(ex, ctx, start)
            place = Place(name_de=name, country=country, slug=slugify(name), kind=kind)
            ex.places.setdefault(place.key, place)
            mention = Mention("municipality", place.key, name, start, e0, sentence_of(ctx.sentences, start))
            ex.mentions.append(mention)
            taken.take(start, e0, mention)

    _COORDINATED = re.compile(
        r"(?P<left>\b[A-ZÄÖÜ][\w'’\-]*(?:\s+[A-ZÄÖÜ][\w'’\-]*){0,2})\s+(?:und|–|—|-|&)\s+"
        r"(?P<right>[A-ZÄÖÜ][\w'’\-]*(?:\s+[A-ZÄÖÜ][\w'’\-]*){0,2})")

    def _coordinated_places(self, ex: Extraction, ctx: Context) -> None:
        """"Köln und Yarinacocha", "Leipzig – Kyjiw": a name joined to a known place in a
        sentence about a partnership is a place too, even when no gazetteer knows it."""
        text = ctx.text
        places = {(m.start, m.end): m for m in ex.mentions if m.kind == "municipality"}
        taken = Taken.of(ex, len(text))
        found: dict[str, Place] = {}
        for sent in ctx.sentences:
            if not self._sentence_has_cue(ctx, sent) and sent.start != 0:
                continue
            chunk = text[sent.start:sent.end]
            for m in self._COORDINATED.finditer(chunk):
                left = (sent.start + m.start("left"), sent.start + m.end("left"))
                right = (sent.start + m.start("right"), sent.start + m.end("right"))
                for known, other in ((left, right), (right, left)):
                    if known not in places or taken.ids(*other):
                        continue
                    name = self._trim_name(text[other[0]:other[1]])
                    if not name or name in self.first_names or not text.startswith(name, other[0]):
                        continue
                    end = other[0] + len(name)
                    country = self._cued_country(ex, ctx, other[0], end) or self._sole_foreign_country(ex, ctx, other[0])
                    # a gazetteer place the size rules turned down (Berkeley, 120k, in an article
                    # naming no US) is still the best reading once the coordination vouches for it
                    candidates = self.gazetteer.lookup(name)
                    best = self._best(candidates, ctx, {country: 1} if country else {}) if candidates else None
                    place = found.get(name) or (best.to_place() if best else
                                                Place(name_de=name, country=country, slug=slugify(name)))
                    found[name] = place
                    ex.places.setdefault(place.key, place)
                    mention = Mention("municipality", place.key, name, other[0], end, sent)
                    ex.mentions.append(mention)
                    taken.take(other[0], end, mention)
        self._repeat_mentions(ex, ctx, found, taken)

    def _repeat_mentions(self, ex: Extraction, ctx: Context, new: dict[str, Place], taken: Taken) -> None:
        """Once introduced, a place counts wherever the article names it again; a shorter
        gazetteer reading inside it gives way ("Annaba" in "Sindelfingen – Annaba Drâa Errich")."""
        for name, place in new.items():
            # a district is named again only with its prefix ("des Landkreises Harburg"): the
            # bare "Harburg" is the town of that name, or the article's shorthand, never certain
            prefixes = {p for _, p in self._cue_kinds.values() if p}
            if place.kind != "municipality" and " " in name and name.split(" ", 1)[0] in prefixes:
                prefix, core = name.split(" ", 1)
                pattern = rf"(?<![\w]){re.escape(prefix)}(?:es|s)?\s+{re.escape(core)}s?(?![\w])"
                if prefix == "Landkreis":
                    pattern = rf"(?<![\w])(?:Landkreis|Kreis)(?:es)?\s+{re.escape(core)}s?(?![\w])"
            else:
                pattern = rf"(?<![\w]){re.escape(name)}s?(?![\w])"
            for occ in re.finditer(pattern, ctx.text):
                s0, e0 = occ.start(), occ.end()
                inner = [i for i in taken.ids(s0, e0)
                         if (m := taken.spans[i][2]) is not None and m.kind == "municipality"
                         and s0 <= m.start and m.end <= e0 and (m.start, m.end) != (s0, e0) and m.ref != place.key]
                _drop(ex, [taken.release(i) for i in inner])
                if taken.ids(s0, s0 + 1):
                    continue
                mention = Mention("municipality", place.key, occ.group(0), s0, e0, sentence_of(ctx.sentences, s0))
                ex.mentions.append(mention)
                taken.take(s0, e0, mention)

    def _trim_name(self, raw: str) -> str:
        words = raw.split()
        kept: list[str] = []
        for w in words:
            if "." in w[:-1] and w.index(".") > 1 and w[w.index(".") + 1:w.index(".") + 2].isupper():
                w = w[:w.index(".") + 1]  # "Qingdao.Herr": a missing space after a full stop
            core = w.rstrip(".,;:!?)\"“”")
            if not kept:
                if core in self._stop or core in self.nouns or core.lower() in self.frequent or not core[:1].isupper() \
                        or self._common_compound(core):
                    return ""
            elif core in self._stop or core in self.nouns or (core[:1].islower() and core not in ("de", "del", "la", "el", "al", "an", "der", "am", "ob")):
                break
            kept.append(core)
            if core != w:
                break
        while kept and kept[-1] in ("de", "del", "la", "el", "al", "an", "der", "am", "ob"):
            kept.pop()
        name = " ".join(kept)
        return name if len(name) >= 3 else ""

    def _common_compound(self, word: str) -> bool:
        """"Hitzeaktionspläne", "Neustadt": a German compound whose head is a common noun.

        Heads of 5+ letters only: shorter heads (Heim, Burg, Dorf) end many real place names.
        A name of capitalised parts joined by hyphens ("Rheingau-Taunus") is no such compound."""
        if "-" in word and all(p[:1].isupper() for p in word.split("-")):
            return False
        return any(word[i:].capitalize() in self.nouns for i in range(1, len(word) - 4))

    @staticmethod
    def _dominant_foreign_country(ctx: Context) -> str | None:
        """The foreign country the article names most often, if one leads."""
        counts: dict[str, int] = {}
        for m in ctx.country_mentions:
            if m.ref != HOME_COUNTRY:
                counts[m.ref] = counts.get(m.ref, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
        return None

    def _sole_foreign_country(self, ex: Extraction, ctx: Context, offset: int) -> str | None:
        sent = sentence_of(ctx.sentences, offset)
        for scope in ((sent.start, sent.end), (0, len(ctx.text))):
            found = {m.ref for m in ex.mentions if m.kind == "country" and m.ref != HOME_COUNTRY
                     and scope[0] <= m.start < scope[1]}
            if len(found) == 1:
                return found.pop()
        return None


def _short_form(surface: str, place: PlaceRecord) -> bool:
    """"Frankfurt" for Frankfurt am Main, "Halle" for Halle (Saale): the surface is the first
    word of the place's own name, not an unrelated alias."""
    return any(n and n.startswith(surface + " ") for n in (place.name_de, place.name_en))


def _is_adjective(word: str) -> bool:
    """A lower-case inflected word before a noun: "gesundes Essen", "großen Halle"."""
    return len(word) > 3 and word.islower() and word.endswith(("e", "en", "em", "er", "es"))


#: a run of four or more capitals; word boundaries are checked in Python on the few runs found
#: (a look-behind in the pattern made the scan 3.5x slower: 1.9 % of the extraction, measured)
_CAPS_RUN = re.compile(r"[A-ZÄÖÜ][A-ZÄÖÜ\-]{3,}")


def _uncapitalised(text: str, gazetteer: Gazetteer) -> str:
    """The text with each ALL-CAPS word that is a place's name in normal case written so:
    "PARTNERSTADT KIEW" → "PARTNERSTADT Kiew" (headings and menus of real pages). Same length,
    so offsets stay valid; abbreviations that name no place (SKEW, GmbH) stay as they are."""
    parts, last, n = [], 0, len(text)
    for m in _CAPS_RUN.finditer(text):
        start, end = m.span()
        if (start and (text[start - 1].isalnum() or text[start - 1] == "-")) or (end < n and text[end].isalnum()):
            continue  # part of a longer word: "GmbH", "NRWs"
        word = m.group(0)
        normal = "-".join(p[:1] + p[1:].lower() for p in word.split("-"))
        if len(normal) == len(word) and gazetteer.automaton.exists(normal):
            parts += [text[last:start], normal]
            last = end
    return "".join(parts) + text[last:] if parts else text


def _next_word(text: str, end: int) -> str:
    """The word after `end`, skipping white space."""
    i = end
    while i < len(text) and text[i].isspace():
        i += 1
    j = i
    while j < len(text) and text[j].isalnum():
        j += 1
    return text[i:j]


def _previous_word(text: str, start: int) -> str:
    """The word before `start`, skipping white space and opening quotes/brackets."""
    i = start
    while i > 0 and (text[i - 1].isspace() or text[i - 1] in "„\"(«»"):
        i -= 1
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "-_"):
        j -= 1
    return text[j:i]


def _resolve_overlaps(terms: list[TermHit], places: list[PlaceHit], persons: list[tuple[int, int]]):
    """Longest span wins; on equal spans, a vocabulary term or country beats a place.

    "Baden-Württemberg" (region) beats "Baden" (place); "Deutscher Städtetag" (organisation)
    beats "Deutscher" (adjective); a person's name ("Marc Kapust") hides places inside it.
    """
    # rank: longer span first; on equal spans a vocabulary term or country before a place, but
    # a place before a region that needs context ("Freiburg" the city, not the Swiss canton);
    # among places, the one whose own name is longer (exact "San Marcos" over "San Marco"+s),
    # among terms likewise ("Partnerschaftsvertrag", a label of Städtepartnerschaft, over
    # "Partnerschaft" + compound tail)
    def rank(h, is_term: bool):
        term_first = is_term and not h.term.needs_context
        return (-(h.end - h.start), not term_first, -(len(h.surface) if not is_term else 0),
                -(len(h.term.label) if is_term else 0), h.start)

    items = [(rank(h, True), 1, h.start, h.end, h) for h in terms] + \
            [(rank(h, False), 0, h.start, h.end, h) for h in places]
    items.sort(key=lambda x: x[0])
    size = max([e for *_, e, _h in items] + [e for _, e in persons] + [0])
    occupied = bytearray(size)  # one flag per character: overlap tests cost the span, not the list
    for s, e in persons:
        occupied[s:e] = b"\x01" * (e - s)
    kept_terms, kept_places = [], []
    term_spans: dict[tuple[int, int], set[str]] = {}
    for _, is_term, s, e, h in items:
        if is_term and (s, e) in term_spans:
            # "Klimapartnerschaft" is a programme and a partnership type alike: one hit per kind
            if h.term.kind not in term_spans[(s, e)]:
                term_spans[(s, e)].add(h.term.kind)
                kept_terms.append(h)
            continue
        if any(occupied[s:e]):
            continue
        if is_term:
            term_spans[(s, e)] = {h.term.kind}
        occupied[s:e] = b"\x01" * (e - s)
        (kept_terms if is_term else kept_places).append(h)
    kept_terms.sort(key=lambda h: h.start)
    kept_places.sort(key=lambda h: h.start)
    return kept_terms, kept_places


def _drop(ex: Extraction, gone: list[Mention | None]) -> None:
    """Removes these mentions (by identity) from the extraction."""
    ids = {id(m) for m in gone if m is not None}
    if ids:
        ex.mentions[:] = [m for m in ex.mentions if id(m) not in ids]
