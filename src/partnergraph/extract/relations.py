"""Relations between the entities of one article: partnerships, events, people, population.

The rules are data (``data/rules-de.json``, ``data/relations-de.json``); `RelationRules` compiles
them once and applies them sentence by sentence. The partnership rules are spread over modules
by what they decide: partnership_context.py (which sentences speak of a partnership), pairs.py
(the pairs a sentence states), partner_lists.py (a town's list of partners), pair_attributes.py
(a pair's year, status and type), partnerships.py (the loop over the article and the output).
A partnership needs a cue (a partnership-type word, "kooperieren", "Partnerstadt" …) and two
partners, found in the same sentence, through an anaphor ("die beiden Städte", "ihre
Partnerstadt X") that points back to earlier sentences, or in a title "Leipzig – Kyjiw: …".
People, events, population figures and utilities have modules of their own.
"""

from __future__ import annotations

import re
from functools import partial

from .partner_noun_lists import PartnerNounLists
from .context import Context
from .cue_filter import required_literals
from .prefilter import Occurs, Prefiltered, PrefilteredGroup
from .events import Events
from .group_partnerships import GroupPartnerships
from .key_sets import KeySets
from .sentence_memo import PerSentence
from .named_partner import NamedPartner
from .governed_partners import GovernedPartners
from .succession import Succession
from .set_members import set_members
from .referring_partners import ReferringPartners
from .set_statuses import SetStatuses
from .pair_statuses import dated_not_planned
from .signing_venues import SigningVenues
from ..models import Extraction
from .organisations import UtilityOrganisations
from .pair_attributes import StartYears
from .pair_scorer import PairScorer
from .pairs import PairStatements
from .partner_lists import PartnerLists
from .partnership_context import PartnershipContext
from .partnerships import PartnershipFinder
from .co_partners import CoPartners
from .owned_partners import OwnedPartners
from .people import People
from .populations import Populations
from .year_memo import RememberedYears
from .type_conversion import TypeConversions


class RelationRules(PartnershipContext, PartnershipFinder, PairStatements, PartnerLists, RememberedYears, StartYears):
    """The relation rules of one language, compiled once for many articles.

    `r` is the merged rule data (`rules.rules()`); `determiners` the articles and pronouns the
    extractor knows (they end an event's adjective run)."""

    def __init__(self, r: dict, *, determiners: frozenset[str] | set[str]):
        # one alternation, one pass per sentence: has_cue runs for every sentence and place hit
        self.cue = re.compile("|".join(f"(?:{p})" for p in r["partnership_cues"]), re.IGNORECASE)
        self.cue_patterns = tuple(r["partnership_cues"])  # has_cue runs only those a sentence can match
        self._cue_memo: dict[str, bool] = {}
        # strings one of which any cue match contains, derived from the patterns (None: always run
        # the regex); about half the sentences hold none of them and skip the alternation
        self.cue_literals = required_literals(r["partnership_cues"])
        self.blockers = tuple(r["partnership_blockers"])
        self.pair_anaphora = Prefiltered(re.compile(r"\b(?:" + "|".join(map(re.escape, r["pair_anaphora"])) + r")\b", re.IGNORECASE))
        self.weak_anaphora_named_partner = re.compile(r"\b(?:" + "|".join(map(re.escape, r["weak_pair_anaphora"])) + r")"
                                                      + r["weak_anaphora_named_partner"], re.IGNORECASE)
        self.weak_pair_anaphora = Prefiltered(re.compile(r"\b(?:" + "|".join(map(re.escape, r["weak_pair_anaphora"])) + r")\b",
                                             re.IGNORECASE))
        # (no pre-filter for the patterns below whose pre-filter, measured on the real pages, cost
        # more than the pattern it spared: their literals, "partnerschaft", "eine", "seit", stand
        # in most sentences asked, and the clauses then read are as dear as the pattern;
        # benchmarks/bench_extract.py, cold pass of the real texts)
        self.indefinite_partner = re.compile(r["indefinite_partner"], re.IGNORECASE)
        self.partnership_since = re.compile(r["partnership_since"], re.IGNORECASE)
        self.relation_since = Prefiltered(re.compile(r["relation_since"], re.IGNORECASE))
        self.seat_before = re.compile(r["seat_before"] + r"\s*$")
        self.event_venue_before = Prefiltered(re.compile(r["event_venue_before"] + r"$"))
        self.event_venue_after = re.compile(r["event_venue_after"])
        self.partnership_count = re.compile(r["partnership_count"] + r"$")
        self.plural_partners = Prefiltered(re.compile(r"\b(?:" + "|".join(map(re.escape, r["plural_partners"])) + r")\b(?!\s+(?-i:[A-ZÄÖÜ]))",
                                          re.IGNORECASE))
        self.partner_noun_lists = PartnerNounLists(r["plural_partners"])  # (partner_noun_lists.py)
        self.owner_before = Prefiltered(re.compile(r"\b(?:" + "|".join(map(re.escape, r["owner_before"])) + r")\s+$", re.IGNORECASE))
        self.distance_locator = re.compile(r["distance_locator"], re.IGNORECASE)
        self.part_locator_before = Prefiltered(re.compile(r["part_locator_before"] + r"$"))
        self.association_before = re.compile(r["association_before_type"] + r"$")
        self.locator = re.compile(r"\s*\(?(?:" + "|".join(map(re.escape, sorted(r["locators"], key=len, reverse=True)))
                                  + r")\s+", re.IGNORECASE)
        self.owner_noun_before = Prefiltered(re.compile(r"\b(?:" + "|".join(map(re.escape, r["owner_after_nouns"])) + r")\s+$",
                                            re.IGNORECASE))
        self.owner_after = re.compile(r"\s+(?:" + "|".join(map(re.escape, r["owner_after_nouns"])) + r")\b", re.IGNORECASE)
        self.owner_subject = re.compile(r["owner_subject"])
        self.owner_subject_lead = re.compile(r["owner_subject_lead"])
        self.owner_subject_inverted = re.compile(r["owner_subject_inverted"])
        self.owner_subject_inverted_lead = re.compile(r["owner_subject_inverted_lead"])
        self.partner_anaphora = Prefiltered(re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(r["partner_anaphora"], key=len, reverse=True))) + r")\b", re.IGNORECASE))
        # (pattern, counts only inside a list item): a bare year says "since" only in a list
        # (each behind the literals its matches contain: a dozen patterns run for every stretch
        # that names a pair, and most hold none of their words)
        self.starts = [(Prefiltered(re.compile(p["re"], re.IGNORECASE)), bool(p.get("list_item_only")), tuple(p.get("keys", ())),
                        bool(p.get("act")))
                       for p in r["start_patterns"]]
        self.relative_year = re.compile(r["relative_year_phrase"], re.IGNORECASE)
        self.type_conversions = TypeConversions(r["type_conversion"])  # (typed_years.pair_type_starts)
        # (a count of years in figures or written out: every "(?P<years>…)" takes the number words too)
        self.age_words = {w.lower(): n for w, n in r["age_number_words"].items()}
        counted = r"(?P<years>\d{1,3}|" + "|".join(sorted(self.age_words, key=len, reverse=True)) + ")"
        self.ages = [Prefiltered(re.compile(p.replace(r"(?P<years>\d{1,3})", counted), re.IGNORECASE))
                     for p in r["age_patterns"]]
        self.recent_act = re.compile(r["recent_act_pattern"], re.IGNORECASE)
        self.recent_act_cues = re.compile(r["recent_act_cues"], re.IGNORECASE)
        self.recent_act_blockers = re.compile(r["recent_act_blockers"], re.IGNORECASE)
        self.age_approximation = re.compile(
            r"\b(?:" + "|".join(map(re.escape, sorted(r["age_approximations"], key=len, reverse=True))) + r")\s+$",
            re.IGNORECASE)
        self.anniversary_year = re.compile(r["anniversary_year_pattern"], re.IGNORECASE)
        self.anniversary_relative_year = re.compile(r["anniversary_relative_year_pattern"], re.IGNORECASE)
        self.association_founding_subject = re.compile(r["association_founding_subject"], re.IGNORECASE)
        self.association_founding_verb = re.compile(r["association_founding_verb"], re.IGNORECASE)
        self.association_founding_attribute = re.compile(r["association_founding_attribute"], re.IGNORECASE)
        self.person_time = re.compile(r["person_time_pattern"])  # (case kept: "ins Leben gerufen" is no verb)
        self.bare_year_relation = re.compile(r["bare_year_relation"], re.IGNORECASE)  # (bare_years.py)
        self.bare_year_blockers = re.compile(r["bare_year_blockers"], re.IGNORECASE)
        self.status_year_blockers = re.compile(r["status_year_blockers"], re.IGNORECASE)  # (status_dates.py)
        self.bare_year_sentences: PerSentence[bool] = PerSentence()  # (bare_years.py: one test per sentence)
        # (pattern, status, keys, undated: counts only where no year stands before it in its sentence)
        self.status_patterns = [(re.compile(p["re"], re.IGNORECASE), p["status"], frozenset(p.get("keys", ())),
                                 bool(p.get("undated")))
                                for p in r["status_patterns"]]
        self.status_keys = tuple(sorted({k for p in r["status_patterns"] for k in p.get("keys", ())}))
        # which status patterns a stretch holding some of the keys can match: those with one of
        # them, and those without keys (a stretch is asked about 33 patterns, and holds few keys)
        self.status_unkeyed = frozenset(i for i, p in enumerate(r["status_patterns"]) if not p.get("keys"))
        self.status_by_key = {k: frozenset(i for i, p in enumerate(r["status_patterns"]) if k in p.get("keys", ()))
                              for k in self.status_keys}
        self.status_sets = KeySets(self.status_by_key)  # (status_unkeyed and the sets of the keys a stretch holds)
        #: the status patterns behind their literal pre-filters, asked together about a whole
        #: stretch (`may_match`: one automaton pass): the keys above choose a pattern wherever a
        #: common word stands ("bis", "wird", "nicht", "plan"), and the patterns chosen so, tried
        #: on every stretch that names a pair and every sentence a bare year or a set status is
        #: read from, mostly find nothing (pair_statuses.py, bare_years.py, set_statuses.py)
        self.status_filtered = [Prefiltered(pat) for pat, *_ in self.status_patterns]
        self.status_group = PrefilteredGroup(self.status_filtered)
        # most stretches state no date at all: one cheap test before the dozen date patterns (its
        # digit-led branches tried only at digits, the worded ones behind their literals: Occurs)
        self.any_date = Occurs([r"1[89]\d\d", r"20\d\d", r"\d\.\s?\d\d?\.\s?\d\d\b", r"\d\s*(?:-\s*)?j(?:a|ä)hr",
                                r"(?:zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zig|ßig)\s*(?:-\s*)?j(?:a|ä)hr",
                                r"\d\.\s*(?:\w*jubil|jahrest|geburtst|jan|feb|mär|apr|mai|jun|jul|aug|sep|okt|nov|dez)",
                                r"\bim\s+(?:jan|feb|mär|apr|mai|jun|jul|aug|sep|okt|nov|dez)",
                                r"(?:ergangene|letzte)[nms]?\s+jahr|vorjahr|j(?:a|ä)hre?\s+(?:später|darauf|danach)"
                                r"|folgenden\s+jahr|folgejahr|(?:gleiche[nm]|selben|selbigen)\s+(?:jahr|tag)|\bdamals\b|\bseinerzeit\b"])
        self.negations = frozenset(w.lower() for w in r["status_negations"])
        self.pair_joiners = frozenset(r["pair_joiners"])
        designations = "|".join(r["pair_joiner_designations"])
        self.designation_after_joiner = re.compile(r"\s+(?:der|die|dem|den)\s+(?:%s)$" % designations)
        # (the article alone, the designation inside the second's name; not in a "zwischen" sentence,
        # whose "zwischen dem A und der B sowie dem C" the between rule reads: pair-joiner designations)
        self.article_after_joiner = re.compile(r"\s+(?:der|die|dem|den)(?:\s+(?:%s))?$" % designations)
        self.co_partners = CoPartners(self.pair_joiners)  # "den Partnerstädten A und B": no pair A–B
        self.owned_partners = OwnedPartners()  # "Partnerstadt von Morawica ist auch X": X is not the home's
        self.implied_type = r["programme_implies_type"]
        self.formal_act = re.compile(r["formal_act"])
        self.partnership_deed = re.compile(r["partnership_deed"])  # (asked only of untyped pairs' sentences)
        # (behind their pre-filters: asked about every cue sentence that may state a pair, the bare
        # patterns cost ~11 µs a sentence each under re.IGNORECASE; their literals and clauses,
        # "kein", "absage" …, a school or a church, stand in 2 % and 7 % of those sentences)
        self.denied = Prefiltered(re.compile(r["denied_partnership"], re.IGNORECASE))
        self.institutional = Prefiltered(re.compile(r["institution_partnership"], re.IGNORECASE))
        self.state_sides = Prefiltered(re.compile(r["state_sides"], re.IGNORECASE))
        self.institution_side_before = Prefiltered(re.compile(r["institution_side_before"] + r"$", re.IGNORECASE))
        self.shared_partner = Prefiltered(re.compile(r["shared_partner"], re.IGNORECASE))
        self.respective_pairing = Prefiltered(re.compile(r["respective_pairing"]))
        self.list_continuation = re.compile(r["list_continuation"])
        self.list_continuation_set = re.compile(r["list_continuation_set"])
        # the members of a set a sentence counts, given by the sentences after it (set_members.py;
        # behind its pre-filter: asked of every sentence naming one place, 2.4x faster on the real pages)
        self.set_members = partial(set_members, set_owner=Prefiltered(re.compile(r["set_owner_count"])))
        self.intent_list_heading = re.compile(r["intent_list_heading"])
        self.domestic_pair_join = re.compile(r["domestic_pair_join"])
        self.domestic_pair_noun = re.compile(r["domestic_pair_noun"])
        self.domestic_pair_possessive = re.compile(r["domestic_pair_possessive"])
        self.domestic_mit_predicate = re.compile(r["domestic_mit_predicate"])
        self.domestic_between_noun = re.compile(r["domestic_between_noun"])
        self.relative_partner_before = re.compile(r["relative_partner_before"])
        self.apposition_types = {k.lower(): v for k, v in r["apposition_nouns"].items()}
        nouns = "|".join(map(re.escape, sorted(r["apposition_nouns"], key=len, reverse=True)))
        # "<A>s thüringische Partnerstadt <B>", "<A>s Partnerstadt <B>", "<A> und ihre Partnerstadt <B>"
        self.apposition = re.compile(
            rf"(?:s|’|')?\s+(?:und\s+(?:ihre|seine|deren)\s+)?(?:[a-zäöüß\-]+(?:e|en|er|es)\s+){{0,2}}"
            rf"(?P<noun>{nouns})\s+", re.IGNORECASE)
        self.title_seps = r["title_pair_separators"]
        self.partner_mit_list = re.compile(r["partner_mit_list"])
        self.with_both_anaphor = re.compile(r["with_both_anaphor"])
        self.both_subjects = re.compile(r["both_subjects"])
        self.pair_scorer = PairScorer()
        self.groups = GroupPartnerships(r)
        self.succession = Succession(r)
        self.set_statuses = SetStatuses(r, self.status_by_key)  # a status said for a set of pairs (set_statuses.py)
        self.referring = ReferringPartners()
        self.named_partner = NamedPartner(r)
        self.governed = GovernedPartners(r)
        self.signing_venues = SigningVenues(r)
        self.people = People(r)
        self.organisations = UtilityOrganisations(r)
        self.populations = Populations(r)
        self.events = Events(r, determiners=determiners)

    def persons_spans(self, text: str) -> list[tuple[int, int]]:
        """Where people's names stand: places inside them are no places."""
        return self.people.persons_spans(text)

    def apply(self, ex: Extraction, ctx: Context) -> None:
        ctx.places_by_sentence = {}
        for m in ex.mentions:
            if m.kind == "municipality":
                ctx.places_by_sentence.setdefault(m.sentence, []).append(m)
        self.people.find(ex, ctx)
        self.populations.find(ex, ctx)
        self.organisations.find(ex, ctx)
        self._partnerships(ex, ctx)
        self.set_statuses.apply(self, ex, ctx)
        ex.partnerships[:] = dated_not_planned(ex.partnerships)  # (a dated plan is history: pair_statuses.py)
        self.events.find(ex, ctx)
