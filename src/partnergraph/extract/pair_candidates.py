"""Candidate partner pairs of one article and their features, for the learned pair scorer
(pair_scorer.py).

The wording rules (pairs.py, partner_lists.py, partnerships.py) state pairs only where they
recognise the wording; on news prose nobody tuned on, most missed pairs have both partners found
as places. So the candidates are drawn broadly from the places the engine already found:
- every pair the rules found;
- every two municipalities named in one sentence about partnerships (a cue sentence or a list
  line, partnership_context.py) or in the sentence right after one ("… viele Partnerschaften.
  Die erste wurde 1962 zwischen A und B geschlossen"), naming at most MAX_SENTENCE_PLACES of
  them (a longer run is a list, which the list rules read); sentences further from a cue stated
  too few pairs the rules missed on the open splits to learn from, and skipping them keeps the
  scorer cheap. Not a pair the rules refuse for a stated reason (`refused`, a locating place),
  nor one whose side the rules pair with a third place of that sentence (they read its pairing).
(The page's own municipality with each foreign place of a cue sentence that does not name it was
tried as a third source: the model weighed it -5.4, adding none, and it was dropped.)
Each candidate gets general features (no page or place name is one): whether and how a rule
found it, the cue and type words of its sentences, how far apart its partners stand and what
joins them, negation, hedge and travel words, the partners' countries, kinds, how they were
found (gazetteer or minted), population and how often the page names them. FEATURES is their
order, which the model file must repeat (tests/test_pair_scorer.py).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .datelines import YEAR
from ..models import Extraction, Mention, Span
from .locators import not_locators
from .partner_mentions import SUBJECT_REACH, genitive
from ..resources import data_file

#: a sentence naming more municipalities than this is a list: its pairs are the list rules'. On
#: the open splits, of the candidates from sentences of 5 to 7 places that no rule found, 2 of
#: 223 were pairs (of those from 2 to 4 places, 20 of 328): too few to learn to find them
MAX_SENTENCE_PLACES = 4
#: distances in tokens are capped here (a pair further apart in one sentence is as good as unjoined)
MAX_TOKENS = 40

FEATURES = (
    "bias_rule",            # a rule found the pair
    "rule_list",            # ... in a list line
    "rule_typed",           # ... and its sentences name a partnership type
    "rule_dated",           # ... and gave it a year
    "rule_evidence",        # log(1 + the rule's evidence sentences)
    "cooc",                 # log(1 + sentences naming both)
    "cue",                  # one of those is about a partnership (cue word)
    "type_twinning",        # a Städtepartnerschaft-type word in such a sentence
    "type_friendship",      # Freundschaft
    "type_project",         # Klima-, Projekt-, other specific types
    "type_generic",         # "Partnerschaft", "Partner" without a type
    "tokens",               # fewest tokens between the two mentions (scaled 0..1)
    "joined",               # only "und", a dash or a slash between them
    "with_first",           # "mit", "zwischen", "nach" right before the earlier one ("mit A, B": items)
    "with_between",         # ... right before the later one ("A mit B")
    "between_frame",        # "zwischen A und B"
    "places_between",       # log(1 + other municipalities named between the two)
    "comma_between",        # a comma or semicolon between them (items of one enumeration)
    "locative_between",     # only "in", "bei", "von" … between them ("Fuchu in Tokio"): a locator
    "contains",             # one side is the other's city or region (a borough and its city)
    "partner_noun_before",  # a partner noun ("Partnerstadt") within three words before a side
    "genitive_side",        # a side in the genitive ("Teltows"): an owner of partners
    "subject_side",         # a side opens the sentence
    "negation",             # a negation in the sentence
    "hedge",                # a hedge or plan word
    "ended",                # an ended-partnership word
    "travel",               # a travel word
    "act",                  # a founding-act or anniversary word
    "year",                 # a year in the sentence
    "places_in_sentence",   # log(1 + municipalities the sentence names)
    "list_line",            # the sentence is a list line
    "title",                # a sentence naming both is in the title
    "position",             # where the first sentence naming both starts, relative to the text (0 = top)
    "home_side",            # one side is the page's own municipality
    "home_foreign",         # one side in the page's home country, the other abroad
    "both_home",            # both in the home country
    "same_country",         # both in one country
    "unlinked",             # sides no gazetteer entry backs (minted from cues), 0..2
    "district",             # sides that are districts or boroughs, 0..2
    "small_pop",            # log10 population of the smaller side / 6 (unknown: 0)
    "mentions_min",         # log(1 + mentions of the less named side)
    "mentions_max",         # log(1 + mentions of the more named side)
    "page_rule_pairs",      # log(1 + rule pairs of the page)
)

_WORD = re.compile(r"[\wÄÖÜäöüß]+")


@lru_cache(maxsize=1)
def feature_words() -> dict[str, frozenset[str]]:
    data = json.loads(data_file("pair-features-de.json").read_text(encoding="utf-8"))
    return {k: frozenset(w.lower() for w in v) for k, v in data.items() if not k.startswith("_")}


@dataclass
class Candidate:
    """A pair of municipality mentions that may be partners, with where the page names both."""

    key: frozenset
    a: Mention
    b: Mention
    sentences: list[Span] = field(default_factory=list)
    rule: dict | None = None  # the rules' entry (partnerships.py `found`), None: no rule found it
    features: list[float] = field(default_factory=list)


class _Sentence:
    """What the features ask of one sentence, read once."""

    __slots__ = ("words", "cue", "types", "year", "n_places", "list_line", "title", "index")

    def __init__(self, text: str, sent: Span, cue: bool, types: set[str], n_places: int,
                 list_line: bool, title: bool, index: float):
        self.words = {w.lower() for w in _WORD.findall(text[sent.start:sent.end])}
        self.cue, self.types, self.n_places = cue, types, n_places
        self.year = bool(YEAR.search(text, sent.start, sent.end))
        self.list_line, self.title, self.index = list_line, title, index


def home_place(ex: Extraction, mentions: list[Mention]) -> str | None:
    """The page's own municipality: the domestic place it names most (ties: the first named),
    when named at least twice."""
    counts: dict[str, int] = {}
    for m in mentions:
        place = ex.places.get(m.ref)
        if place is not None and place.country == ex.home:
            counts[m.ref] = counts.get(m.ref, 0) + 1
    if not counts:
        return None
    ref = max(counts, key=counts.__getitem__)  # (dicts keep the order of first mention: ties → first)
    return ref if counts[ref] >= 2 else None


def refused(rules, text: str, sent: Span, here: list[Mention]) -> bool:
    """Does the sentence refuse a pair for a reason the rules state (relations-de.json): a denied
    partnership ("kommt nicht zustande"), one of institutions (schools, universities), or two
    towns coordinated on one side ("sowohl A als auch B")? Its pairs are not candidates."""
    if rules.denied.search(text, sent.start, sent.end) or rules.institutional.search(text, sent.start, sent.end):
        return True
    if "sowohl" in text[sent.start:sent.end]:
        both = rules.both_subjects.search(text, sent.start, sent.end)
        return both is not None and sum(m.start in (both.end("first"), both.end("second")) for m in here) == 2
    return False


def candidates(ex: Extraction, ctx, found: dict, by_sentence: dict[Span, list[Mention]], rules,
               types: tuple[dict[Span, list[Mention]], ...], rule_features: bool = True) -> dict[frozenset, Candidate]:
    """Every candidate pair of municipalities of the article, with its features (those the rules
    found without features when not `rule_features`: a scorer that keeps every rule pair need
    not score them). `rules`: the article's `RelationRules` (their locator and refusal patterns);
    `types`: dictionaries sentence → its partnership-type mentions."""
    text = ctx.text
    out: dict[frozenset, Candidate] = {}
    places = {s: [m for m in ms if m.kind == "municipality" and m.ref in ex.places] for s, ms in by_sentence.items()}
    paired: dict[Span, set[str]] = {}  # sentence → the places a rule pair with evidence there has
    for key, entry in found.items():
        for s in entry["evidence"]:
            paired.setdefault(s, set()).update(r for _, r in key)
    after_cue = False  # the sentence before was about partnerships
    for sent in ctx.sentences:
        here = places.get(sent)
        about = bool(ctx.cue_sentences.get(sent)) or sent in ctx.list_items
        if not here or not (about or after_cue):
            after_cue = about
            continue
        after_cue = about
        refs = list(dict.fromkeys(m.ref for m in here))
        if len(refs) < 2 or len(refs) > MAX_SENTENCE_PLACES:
            continue
        taken = paired.get(sent, ())
        pairs = []
        for i, ra in enumerate(refs):
            for rb in refs[i + 1:]:
                key = frozenset({("municipality", ra), ("municipality", rb)})
                if key in found:
                    if rule_features:  # (a rule pair kept whatever its score need not be read)
                        pairs.append((key, ra, rb))
                elif ra not in taken and rb not in taken:
                    # (else the rules read this sentence's pairing: one side's partner there is a
                    # third place, an owner's list or "A und B mit C"; the two are not each other's)
                    pairs.append((key, ra, rb))
        if not pairs:
            continue
        # a place that only locates another ("Zaandam bei Amsterdam", "in der Nähe von Krakau") is
        # no partner, as for the rules (locators.py)
        here = not_locators(text, sorted(here, key=lambda m: m.start), rules.locator, rules.distance_locator,
                            rules.part_locator_before)
        if len({m.ref for m in here}) < 2 or refused(rules, text, sent, here):
            continue
        first = {}
        for m in here:
            first.setdefault(m.ref, m)
        for key, ra, rb in pairs:
            if ra in first and rb in first:
                c = out.get(key)
                if c is None:
                    c = out[key] = Candidate(key, first[ra], first[rb])
                c.sentences.append(sent)
    for key, entry in found.items() if rule_features else ():
        if not all(k == "municipality" and r in ex.places for k, r in key):
            continue
        c = out.get(key)
        if c is None:
            (_, ra), (_, rb) = sorted(key)
            ma = next((m for ms in by_sentence.values() for m in ms if m.ref == ra), None)
            mb = next((m for ms in by_sentence.values() for m in ms if m.ref == rb), None)
            if ma is None or mb is None:
                continue
            c = out[key] = Candidate(key, ma, mb)
        c.rule = entry
    if not out:
        return out
    all_mentions = [m for ms in places.values() for m in ms]  # (by_sentence is in text order)
    home = home_place(ex, all_mentions)
    _features(ex, ctx, out, places, all_mentions, home, found, types, rule_features)
    return out


def _features(ex: Extraction, ctx, out: dict[frozenset, Candidate], places: dict[Span, list[Mention]],
              all_mentions: list[Mention], home: str | None, found: dict,
              types: tuple[dict[Span, list[Mention]], ...], rule_features: bool = True) -> None:
    text = ctx.text
    words = feature_words()
    counts: dict[str, int] = {}
    for m in all_mentions:
        counts[m.ref] = counts.get(m.ref, 0) + 1
    title_end = len(ex.article.title) if ex.article.title and ex.article.text else 0
    size = max(1, len(text))
    read: dict[Span, _Sentence] = {}

    def sentence(s: Span) -> _Sentence:
        if s not in read:
            read[s] = _Sentence(text, s, bool(ctx.cue_sentences.get(s)), {m.ref for t in types for m in t.get(s, ())},
                                len({m.ref for m in places.get(s, ())}), s in ctx.list_items,
                                s.end <= title_end, s.start / size)
        return read[s]

    page_rules = math.log1p(len(found))
    for c in out.values():
        if c.rule is not None and not rule_features:
            continue
        (_, ra), (_, rb) = sorted(c.key)
        pa, pb = ex.places[ra], ex.places[rb]
        read_sents = [sentence(s) for s in c.sentences or [c.b.sentence]]
        words_all = set().union(*(s.words for s in read_sents))
        type_refs = set().union(*(s.types for s in read_sents))
        tokens, joined, with_first, with_between, frame, between, comma, locative = _nearest(text, c, places)
        sides = [m for s in c.sentences for m in places.get(s, ()) if m.ref in (ra, rb)] or [c.a, c.b]
        rule = c.rule
        pops = [p.population or 0 for p in (pa, pb)]
        ca, cb = counts.get(ra, 0), counts.get(rb, 0)
        c.features = [
            1.0 if rule is not None else 0.0,
            1.0 if rule is not None and any(s in ctx.list_items for s in rule["evidence"]) else 0.0,
            1.0 if rule is not None and (rule["types"] or rule["weak_types"]) else 0.0,
            1.0 if rule is not None and rule["dated"] else 0.0,
            math.log1p(len(rule["evidence"])) if rule is not None else 0.0,
            math.log1p(len(c.sentences)),
            1.0 if any(s.cue for s in read_sents) else 0.0,
            1.0 if "staedtepartnerschaft" in type_refs else 0.0,
            1.0 if any("freundschaft" in t for t in type_refs) else 0.0,
            1.0 if any(t not in ("staedtepartnerschaft", "unspecified") and "freundschaft" not in t
                       for t in type_refs) else 0.0,
            1.0 if "unspecified" in type_refs else 0.0,
            min(tokens, MAX_TOKENS) / MAX_TOKENS,
            1.0 if joined else 0.0,
            1.0 if with_first else 0.0,
            1.0 if with_between else 0.0,
            1.0 if frame else 0.0,
            math.log1p(between),
            1.0 if comma else 0.0,
            1.0 if locative else 0.0,
            1.0 if pa.region and pa.region in (pb.name_de, pb.name_en) or pb.region and pb.region in (pa.name_de, pa.name_en)
            else 0.0,
            1.0 if any(words["partner_nouns"].intersection(_words_before(text, m, 3)) for m in sides) else 0.0,
            1.0 if any(genitive(m, ex) for m in sides) else 0.0,
            1.0 if any(m.start - m.sentence.start <= SUBJECT_REACH for m in sides) else 0.0,
            1.0 if words_all & words["negations"] else 0.0,
            1.0 if words_all & words["hedges"] else 0.0,
            1.0 if words_all & words["ended"] else 0.0,
            1.0 if words_all & words["travel"] else 0.0,
            1.0 if words_all & words["act_words"] else 0.0,
            1.0 if any(s.year for s in read_sents) else 0.0,
            math.log1p(min(s.n_places for s in read_sents)),
            1.0 if any(s.list_line for s in read_sents) else 0.0,
            1.0 if any(s.title for s in read_sents) else 0.0,
            min(s.index for s in read_sents),
            1.0 if home is not None and home in (ra, rb) else 0.0,
            1.0 if (pa.country == ex.home) != (pb.country == ex.home) else 0.0,
            1.0 if pa.country == ex.home and pb.country == ex.home else 0.0,
            1.0 if pa.country is not None and pa.country == pb.country else 0.0,
            float((pa.geonameid is None and pa.kind == "municipality") + (pb.geonameid is None and pb.kind == "municipality")),
            float((pa.kind != "municipality") + (pb.kind != "municipality")),
            math.log10(1 + min(pops)) / 6 if min(pops) else 0.0,
            math.log1p(min(ca, cb)),
            math.log1p(max(ca, cb)),
            page_rules,
        ]


def _words_before(text: str, m: Mention, n: int) -> list[str]:
    """The n words before a mention in its sentence, lower case, without punctuation."""
    return [w.lower() for w in _WORD.findall(text, max(m.sentence.start, m.start - 60), m.start)[-n:]]


def _nearest(text: str, c: Candidate, places: dict[Span, list[Mention]]) -> tuple[int, bool, bool, bool, bool, int, bool, bool]:
    """Of the closest mentions of the two sides in one sentence: (tokens between them, whether
    only a joiner stands between them, whether "mit"/"zwischen"/"nach" stands right before the
    first, right before the second, whether "zwischen A und B" frames them, other places between them, a comma between,
    whether only a locator word stands between them)."""
    ra, rb = c.a.ref, c.b.ref
    words = feature_words()
    best = (MAX_TOKENS + 1, False, False, False, False, 0, False, False)
    for s in c.sentences:
        here = places.get(s, ())
        xs = [m for m in here if m.ref == ra]
        ys = [m for m in here if m.ref == rb]
        for x in xs:
            for y in ys:
                first, last = (x, y) if x.start <= y.start else (y, x)
                between = text[first.end:last.start]
                tokens = between.split()
                n = len(tokens)
                if n > best[0]:
                    continue
                joined = n <= 1 and all(t.lower().strip(",") in words["joiners"] for t in tokens)
                lead = text[max(s.start, first.start - 30):first.start].lower().split()[-3:]
                with_first = bool(lead) and lead[-1] in words["with_words"]
                with_between = bool(tokens) and tokens[-1].lower() in words["with_words"]
                frame = "zwischen" in lead and "und" in (t.lower() for t in tokens)
                others = sum(1 for m in here if first.end <= m.start and m.end <= last.start
                             and m.ref not in (ra, rb))
                comma = "," in between or ";" in between
                locative = 1 <= n <= 2 and all(t.lower().strip(",()") in words["locatives"] for t in tokens)
                if n < best[0] or (joined and not best[1]):
                    best = (n, joined, with_first, with_between, frame, others, comma, locative)
    return best
