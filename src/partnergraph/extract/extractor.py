"""The extractor: an `Article` in, an `Extraction` out. Gazetteer and rules, no statistical model.

Steps, each a small function: sentences → term hits (vocabulary, countries, regions) → place
hits (gazetteer) → overlap resolution (longest span wins) → places resolved in the article's
context (countries named, cue words, population prior) → places introduced by cue words that no
gazetteer knows → relations (partnerships, events, people, population figures; relations.py).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property
import logging

from . import local_governments
from .context import Context
from .cue_places import CuePlaces
from .cues import CueReading
from .gazetteer import Gazetteer, get_gazetteer, load_common_nouns, load_first_names, load_frequent_words
from .matcher import Keywords, TermHit, TermMatcher
from ..models import Article, Extraction, Mention
from .places import PlaceResolution, resolve_overlaps, uncapitalised
from .relations import RelationRules
from .rules import rules
from .sentences import sentence_of, split
from .territories import regions
from ..vocab import Vocabulary, load_vocabulary

LOGGER = logging.getLogger(__name__)

#: the longest string analysed as one article; longer inputs are cut (and the cut is logged).
#: 10 million characters is ~1,500 printed pages, far beyond any news article; extraction is
#: linear in the text (measured: 2 MB in 2.7 s), so the bound only caps memory and time
MAX_TEXT = 10_000_000


class Extractor(PlaceResolution, CueReading, CuePlaces):
    """Reusable: loads the gazetteer and vocabularies once, then extracts many articles.

    The steps live in modules of their own: `places` (gazetteer hits, resolved and accepted),
    `cues` (cue words and the countries they give), `cue_places` (places only cue words
    know), `relations` (partnerships, events, people, population figures)."""

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
    def _relations(self) -> RelationRules:
        return RelationRules(self.rules, determiners=self._determiners)

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
        place_hits = self._place_hits(uncapitalised(text, self.gazetteer))
        term_hits, place_hits = resolve_overlaps(term_hits, place_hits, persons)
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
