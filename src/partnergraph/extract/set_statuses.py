"""Statuses a sentence states for pairs it does not name one by one (issue 17: "ended and planned
partnerships are told apart from active ones").

A pair's own sentences decide its status (pair_attributes.py, partnerships.py). Two sentence forms
put a pair on hold without naming both of its partners, and a pair so left without a status of
its own takes theirs:

- a status sentence that names no partner at all speaks of the pairs of the sentence before it
  that names partners: "Die Stadt … ist Partnerkommune von A und pflegt eine Städtefreundschaft mit
  B. … Derzeit liege alles auf Eis." (merkur.de: both pairs), "Ravensburg unterhält die
  Städtepartnerschaft mit Brest gemeinsam mit … Weingarten, Baienfurt, Baindt und Berg. … ruhen
  momentan die Kontakte zwischen den Stadtverwaltungen." (ravensburg.de: all five pairs);
- a status sentence whose object is a country (contacts "zu den russischen Partnerstädten" resting) and whose subjects are named towns ("In A, B und im Landkreis C"): the pairs of
  those towns with a partner in that country (vorreiter-zeitung.de).

Neither form counts when the sentence quantifies its set ("jede vierte deutsch-russische
Städtepartnerschaft ausgesetzt", "eine Reihe von deutschen Städten", "in vielen bayerischen
Kommunen", "Die meisten Kontakte ruhen": five publishers of the open splits, whose pairs stay
active in the gold) or negates anywhere ("hat die Partnerschaft aber nicht gekündigt"). Only
"suspended" and "ended", never "planned": a plan in a placeless sentence ("soll im Mai
unterzeichnet werden") is as often about a visit or a project as about the pair."""

from __future__ import annotations

from dataclasses import replace
import re

from .context import Context
from .key_sets import KeySets
from .pair_attributes import strongest_status
from .prefilter import lowered, lowered_text
from .unknown_partners import names_unknown_partner, object_countries
from ..models import PARTNER_MENTION_KINDS, Extraction, side_kind

#: the statuses a set sentence may state (see the module's docstring)
SET_STATUSES = ("suspended", "ended")


class SetStatuses:
    def __init__(self, r: dict, status_by_key: dict[str, frozenset]):
        """`status_by_key`: the rules' status patterns (indices) by key (RelationRules)."""
        self.quantified = re.compile(r["set_status_quantifiers"], re.IGNORECASE)
        self.blockers = re.compile(r["set_status_blockers"], re.IGNORECASE)
        self.country_object = re.compile(r["set_status_country_object"])
        # the keyed suspended / ended patterns by key: one automaton pass finds those a page can
        # match, fewer keys than all statuses'
        wanted = frozenset(i for i, p in enumerate(r["status_patterns"]) if p["status"] in SET_STATUSES)
        self.keyed = KeySets({k: v & wanted for k, v in status_by_key.items() if v & wanted})

    def apply(self, rules, ex: Extraction, ctx: Context) -> None:
        """Gives the pairs of `ex` without a status of their own the status of a set sentence
        (`rules`: the RelationRules, whose status patterns and negations are read)."""
        open_pairs = [i for i, p in enumerate(ex.partnerships) if p.status is None]
        if not open_pairs:
            return
        text = ctx.text
        # the keyed suspended / ended patterns the page can match at all: most pages hold none
        chosen = sorted(self.keyed.union(frozenset(), lowered_text(text)))
        if not chosen:
            return
        partners_of: dict = {}
        countries_of: dict = {}
        in_sentence: dict = {}  # (every mention of a sentence: unknown_partners.py, object_countries)
        for m in ex.mentions:
            in_sentence.setdefault(m.sentence, []).append(m)
            if m.kind in PARTNER_MENTION_KINDS:
                partners_of.setdefault(m.sentence, set()).add((side_kind(m.kind), m.ref))
            elif m.kind == "country" and self.country_object.match(text, m.end):
                countries_of.setdefault(m.sentence, set()).add(m.ref)
        found: dict[int, set[str]] = {}
        last_named = None  # the partners of the last sentence before that names any
        for s in ctx.sentences:
            named = partners_of.get(s)
            # (only the two forms are asked about: most sentences name partners and no country)
            status = self._status(rules, chosen, text[s.start:s.end]) \
                if (not named and last_named) or (named and s in countries_of) else None
            if status is not None and not named and names_unknown_partner(text, s.start, s.end, in_sentence.get(s, ())):
                status = None  # ("Der Austausch mit <a town the gazetteer lacks> ruht": that town's pair, unknown_partners.py)
            if status is not None:
                if not named and last_named:
                    # the pairs that sentence names both partners of ("darunter A (B), C (D)":
                    # not the town it sets apart, "Im Gegensatz zu E"), else those it names one
                    # partner of ("ist Partnerkommune von A und pflegt eine Städtefreundschaft mit B")
                    pairs = [i for i in open_pairs if last_named.issuperset(ex.partnerships[i].partners)] or \
                        [i for i in open_pairs if last_named.intersection(ex.partnerships[i].partners)]
                    if objects := object_countries(text, in_sentence.get(s, ())):
                        # "Die Kontakte nach Russland ruhen": only those pairs with a partner there
                        pairs = [i for i in pairs if any(_country(ex, side) in objects for side in ex.partnerships[i].partners)]
                    for i in pairs:
                        found.setdefault(i, set()).add(status)
                elif named and countries_of.get(s):
                    self._country_object(ex, open_pairs, named, countries_of[s], status, found)
            if named:
                last_named = named
        for i, statuses in found.items():
            ex.partnerships[i] = replace(ex.partnerships[i], status=strongest_status(statuses))

    def _status(self, rules, chosen: list[int], chunk: str) -> str | None:
        """The strongest suspended / ended status an unquantified, unnegated sentence states."""
        statuses = set()
        low = None
        for i in chosen:
            _pat, status, _keys, _undated = rules.status_patterns[i]
            m = rules.status_filtered[i].search(chunk)
            if m is None:
                continue
            if low is None:
                low = lowered(chunk)
                if self.quantified.search(chunk) or self.blockers.search(chunk) \
                        or rules.negations.intersection(low.split()):
                    return None
            statuses.add(status)
        return strongest_status(statuses)

    @staticmethod
    def _country_object(ex: Extraction, open_pairs: list[int], named: set, countries: set[str],
                        status: str, found: dict[int, set[str]]) -> None:
        """The pairs of the towns `named` with a partner in one of `countries`, where the sentence
        names no partner in those countries itself (one it names is its own pair's)."""
        if any(_country(ex, side) in countries for side in named):
            return
        for i in open_pairs:
            partners = ex.partnerships[i].partners
            if any(side in named for side in partners) and \
                    any(side not in named and _country(ex, side) in countries for side in partners):
                found.setdefault(i, set()).add(status)


def _country(ex: Extraction, side: tuple[str, str]) -> str | None:
    """The country of a pair's side, where it is a municipality the extraction placed."""
    place = ex.places.get(side[1]) if side[0] == "municipality" else None
    return place.country if place is not None else None
