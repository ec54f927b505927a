"""The extractor: an `Article` in, an `Extraction` out. Gazetteer and rules, no statistical model.

Steps, each a small function: sentences → term hits (vocabulary, countries, regions) → place
hits (gazetteer) → overlap resolution (longest span wins) → places resolved in the article's
context (countries named, cue words, population prior) → places introduced by cue words that no
gazetteer knows → relations (partnerships, events, people, population figures; relations.py).
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, field
from functools import cached_property

from .gazetteer import Gazetteer, PlaceRecord, get_gazetteer, load_common_nouns, load_frequent_words
from .iri import slugify
from .matcher import TermHit, TermMatcher
from .models import Article, Extraction, Mention, Place, Span
from .rules import rules
from .sentences import sentence_of, split
from .territories import regions
from .vocab import Vocabulary, load_vocabulary

LOGGER = logging.getLogger(__name__)

#: a place in a country the article does not name counts only from this size on (a city the
#: reader is expected to know: Padang, 940k). 100k: the conventional German "Großstadt" limit.
KNOWN_CITY_POPULATION = 100_000
#: German places count without a cue from this size on; below it, most gazetteer hits in German
#: news are surnames or words (Jung, Rösner, Kapust): 5,000 kept every German partner town of
#: the sample corpus whose article has no cue word.
MIN_HOME_POPULATION = 5_000
#: "Kölner", "Leipziger": city adjectives are counted for German-speaking towns of this size
MIN_ADJECTIVE_POPULATION = 10_000
HOME_COUNTRY = "DE"
GERMAN_SPEAKING = {"DE", "AT", "CH"}
#: the longest string analysed as one article; longer inputs are cut (and the cut is logged).
#: 2,000,000 characters is ~ 300 printed pages, far beyond any news article.
MAX_TEXT = 2_000_000

_WORD = re.compile(r"[\wÄÖÜäöüß'’\-]+")


@dataclass
class PlaceHit:
    start: int
    end: int
    surface: str
    candidates: list[PlaceRecord]
    ambiguous: bool


@dataclass
class Context:
    """What the whole article says about where it is: the frame for resolving each place."""

    text: str
    sentences: list[Span]
    countries: set[str] = field(default_factory=set)  # named explicitly (name, adjective, demonym)
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
        self._prepositions = {w.lower() for w in self.rules["place_prepositions"]}
        self._determiners = {w.lower() for w in self.rules["determiners"]}
        self._stop = set(self.rules["name_stop_words"])

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
        place_hits = self._place_hits(text)
        term_hits, place_hits = _resolve_overlaps(term_hits, place_hits, persons)
        self._term_mentions(ex, ctx, term_hits)
        self._place_mentions(ex, ctx, place_hits)
        self._cue_places(ex, ctx)
        ex.mentions.sort(key=lambda m: (m.start, m.end, m.kind))
        referenced = {m.ref for m in ex.mentions if m.kind == "municipality"}
        ex.places = {k: p for k, p in ex.places.items() if k in referenced}
        self._relations.apply(ex, ctx)
        return ex

    # -- terms -----------------------------------------------------------------------------

    def _term_mentions(self, ex: Extraction, ctx: Context, hits: list[TermHit]) -> None:
        region_table = regions()
        for h in hits:
            t = h.term
            if t.needs_context and not self._after_preposition(ctx.text, h.start):
                continue
            sent = sentence_of(ctx.sentences, h.start)
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
        for end_idx, alias_index in gaz.automaton.iter(text):
            end = end_idx + 1
            ids = gaz.alias_places[alias_index]
            start = end - gaz.alias_lengths[alias_index]
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'’"):
                continue
            surface_end = end
            if end < n and text[end].isalnum():
                tail = _tail(text, end)
                if tail == "s":  # genitive: Leipzigs, Kyjiws
                    surface_end = end + 1
                elif tail == "er":  # city adjective: Kölner, Leipziger
                    surface_end = end + 2
                else:
                    continue
            surface = text[start:end]
            cands = [gaz.place(i) for i in ids]
            if surface_end == end + 2:
                cands = [c for c in cands if c.country in GERMAN_SPEAKING and c.population >= MIN_ADJECTIVE_POPULATION]
                if not cands:
                    continue
            hits.append(PlaceHit(start, surface_end, surface, cands, surface in gaz.ambiguous))
        return hits

    def _after_preposition(self, text: str, start: int) -> bool:
        prev = _previous_word(text, start)
        return prev.lower() in self._prepositions or prev.lower() in self._cue_nouns

    def _cue_before(self, text: str, start: int) -> bool:
        """A place cue noun directly before: "Stadt Essen", "Partnergemeinde Hof"."""
        return self._is_cue_word(_previous_word(text, start))

    def _cued_country(self, ex: Extraction, ctx: Context, start: int, end: int) -> str | None:
        """The country an adjective or a following 'in/(Country)' gives this place.

        "der peruanischen Stadt Yarinacocha", "der ukrainischen Partnergemeinde Schtschyrez":
        only cue nouns and adjectives may stand between the country adjective and the name, so
        "deutsch-ukrainischen kommunalen Partnerschaftskonferenz in Leipzig" gives nothing.
        """
        best = None
        for m in ex.mentions:
            if m.kind != "country":
                continue
            if start - 80 <= m.end <= start:
                gap = ctx.text[m.end:start].split()
                if all(self._is_cue_word(w) or (w[:1].islower() and w.endswith(("e", "en", "er", "es"))
                                                and w not in self._determiners) for w in gap) \
                        and (not gap or any(self._is_cue_word(w) for w in gap)):
                    best = m.ref
            # "Annaba Drâa Errich in Algerien", "Padang (Indonesien)"
            elif m.start >= end and ctx.text[end:m.start].strip() in ("in", "(", ",", "in der", "im"):
                return m.ref
        return best

    def _is_cue_word(self, word: str) -> bool:
        w = word.lower().strip(",")
        return w in self._cue_nouns or (w.endswith(tuple(self.rules["place_cue_suffixes"])) and w not in self._cue_exclude) \
            or w.endswith("einwohnerstadt")

    def _place_mentions(self, ex: Extraction, ctx: Context, hits: list[PlaceHit]) -> None:
        text = ctx.text
        for h in hits:
            sent = sentence_of(ctx.sentences, h.start)
            sentence_initial = h.start == sent.start or text[sent.start:h.start].strip() in ("„", '"', "(")
            cued = self._cue_before(text, h.start)
            after_prep = self._after_preposition(text, h.start)
            prev = _previous_word(text, h.start).lower()
            if h.ambiguous and not (cued or (after_prep and prev not in self._determiners)):
                continue  # "das Essen", "in der Halle"
            if prev in self._determiners and not cued and h.surface in self.nouns:
                continue
            cue_cc = self._cued_country(ex, ctx, h.start, h.end)
            best, best_score = None, -math.inf
            for c in h.candidates:
                score = math.log10(c.population + 10)
                if c.country in ctx.countries:
                    score += 4
                if c.country == HOME_COUNTRY:
                    score += 2
                if cue_cc and c.country == cue_cc:
                    score += 8
                if (c.country, c.admin1) in ctx.admin1:
                    score += 3
                if score > best_score:
                    best, best_score = c, score
            if best is None:
                continue
            explicit = best.country in ctx.countries or best.country == cue_cc
            if sentence_initial and h.surface.lower() in self.frequent and not (
                    (explicit or best.country == HOME_COUNTRY) and best.population >= KNOWN_CITY_POPULATION):
                continue  # "Weil die Stadt …", "Man kann …"
            if not (cued or explicit or best.population >= KNOWN_CITY_POPULATION
                    or (best.country == HOME_COUNTRY and best.population >= MIN_HOME_POPULATION)):
                continue
            place = best.to_place()
            ex.places.setdefault(place.key, place)
            ex.mentions.append(Mention("municipality", place.key, text[h.start:h.end], h.start, h.end, sent))

    # -- places only cue words know --------------------------------------------------------

    @cached_property
    def _cue_pattern(self) -> re.Pattern:
        nouns = sorted(self.rules["place_cue_nouns"], key=len, reverse=True)
        suffixes = "|".join(re.escape(s) for s in self.rules["place_cue_suffixes"])
        name = r"[A-ZÄÖÜ][\w'’.\-]*(?:[ \t]+(?:[A-ZÄÖÜ][\w'’\-]*|de|del|la|el|al|an\s+der|am|ob\s+der))*"
        return re.compile(
            rf"\b(?P<cue>{'|'.join(map(re.escape, nouns))}|[\w.\-]*(?:{suffixes}))\s+"
            rf"(?P<names>{name}(?:\s*(?:,|und|sowie)\s*{name})*)")

    def _cue_places(self, ex: Extraction, ctx: Context) -> None:
        text = ctx.text
        taken = [(m.start, m.end) for m in ex.mentions if m.kind != "country" or m.start]
        new: dict[str, Place] = {}
        for m in self._cue_pattern.finditer(text):
            cue = m["cue"].lower()
            if cue in self._cue_exclude and not cue.endswith("einwohnerstadt"):
                if cue not in ("hauptstadt", "einwohnerstadt"):
                    continue
            for nm in re.finditer(r"[A-ZÄÖÜ][^,]*?(?=\s*(?:,|\bund\b|\bsowie\b|$))", m["names"]):
                name = self._trim_name(nm.group(0))
                if not name:
                    continue
                start = m.start("names") + nm.start()
                end = start + len(name)
                covering = [(s, e) for s, e in taken if s <= start < e or start <= s < end]
                if any(s <= start and e >= end for s, e in covering):
                    continue  # the gazetteer or a vocabulary term already has it
                if covering:  # "Annaba Drâa Errich": longer than the gazetteer's "Annaba"
                    if not all(start <= s and e <= end for s, e in covering):
                        continue
                    ex.mentions[:] = [x for x in ex.mentions if not (start <= x.start and x.end <= end)]
                country = self._cued_country(ex, ctx, start, end) or self._sole_foreign_country(ex, ctx, start)
                if cue.startswith(("landkreis", "kreis")):
                    name, country = f"Landkreis {name}", country or HOME_COUNTRY
                place = Place(name_de=name, country=country, slug=slugify(name))
                new[name] = place
                ex.places.setdefault(place.key, place)
                ex.mentions.append(Mention("municipality", place.key, text[start:end], start, end,
                                           sentence_of(ctx.sentences, start)))
                taken.append((start, end))
        # once introduced, a place counts wherever the article names it again
        for name, place in new.items():
            bare = name.removeprefix("Landkreis ")
            for occ in re.finditer(rf"(?<![\w]){re.escape(bare)}s?(?![\w])", text):
                if any(s <= occ.start() < e for s, e in taken):
                    continue
                ex.mentions.append(Mention("municipality", place.key, occ.group(0), occ.start(), occ.end(),
                                           sentence_of(ctx.sentences, occ.start())))
                taken.append((occ.start(), occ.end()))

    def _trim_name(self, raw: str) -> str:
        words = raw.split()
        kept: list[str] = []
        for w in words:
            core = w.rstrip(".,;:!?)\"“”")
            if not kept:
                if core in self._stop or core in self.nouns or core.lower() in self.frequent or not core[:1].isupper():
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

    def _sole_foreign_country(self, ex: Extraction, ctx: Context, offset: int) -> str | None:
        sent = sentence_of(ctx.sentences, offset)
        for scope in ((sent.start, sent.end), (0, len(ctx.text))):
            found = {m.ref for m in ex.mentions if m.kind == "country" and m.ref != HOME_COUNTRY
                     and scope[0] <= m.start < scope[1]}
            if len(found) == 1:
                return found.pop()
        return None


def _tail(text: str, pos: int) -> str:
    end = pos
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[pos:end]


def _previous_word(text: str, start: int) -> str:
    m = re.search(r"([\w\-]+)[\s„\"(]*$", text[max(0, start - 60):start])
    return m.group(1) if m else ""


def _resolve_overlaps(terms: list[TermHit], places: list[PlaceHit], persons: list[tuple[int, int]]):
    """Longest span wins; on equal spans, a vocabulary term or country beats a place.

    "Baden-Württemberg" (region) beats "Baden" (place); "Deutscher Städtetag" (organisation)
    beats "Deutscher" (adjective); a person's name ("Marc Kapust") hides places inside it.
    """
    items = [(h.end - h.start, 1, h.start, h.end, h) for h in terms] + \
            [(h.end - h.start, 0, h.start, h.end, h) for h in places]
    items.sort(key=lambda x: (-x[0], -x[1], x[2]))
    occupied: list[tuple[int, int]] = list(persons)
    kept_terms, kept_places = [], []
    term_spans = set()
    for _, is_term, s, e, h in items:
        if is_term and (s, e) in term_spans:  # "Klimapartnerschaft": programme and type alike
            kept_terms.append(h)
            continue
        if any(s < oe and os_ < e for os_, oe in occupied):
            continue
        if is_term:
            term_spans.add((s, e))
        occupied.append((s, e))
        (kept_terms if is_term else kept_places).append(h)
    kept_terms.sort(key=lambda h: h.start)
    kept_places.sort(key=lambda h: h.start)
    return kept_terms, kept_places
