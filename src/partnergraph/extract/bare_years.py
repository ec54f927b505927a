"""The year a sentence states for a pair with no date pattern around it: the last resort of a
pair's start, where neither a "seit", an "im Jahr", a founding verb nor an anniversary spoke.

German often attaches a year to a partnership by its place in the sentence alone: "die erste … Städtepartnerschaft fand <year> zwischen A und B statt", "im Jahr 2001 zu
einem Partnerschaftsvertrag zwischen A und B", "Das nordenglische B wurde 1962 Partnerstadt",
"vermittelte <year> … eine Partnerschaft mit dem russischen B", "die letzte 2016 zwischen
den Städten A … und B". The year belongs to the pair when the sentence names the relation (a
partnership word, `bare_year_relation` in relations-de.json) and the place that follows the year
(or, at the sentence's end, the one before it) is one of the pair's; a sentence naming several
pairs with a year each gives each pair its own ("Die erste wurde 1967 zwischen A und B gegründet,
die letzte 2016 zwischen C und D"). Only one such year counts: two leave it open."""

from __future__ import annotations

import re

from .datelines import YEAR
from ..models import PARTNER_MENTION_KINDS, Mention, Span
from .only_pair_years import only_pair_start
from .referring_years import referring_sentences
from .sentence_scope import placeless_after
from .relative_clauses import relative_clause_head

#: a year that is one end of a span ("1986 bis 1989", "2000/2001", "2002/03", "1990-1994") or
#: opens one ("ab 1947 verstärkt … gegründet": a period of many foundings, alaturka.info,
#: bergstrasse.de) dates no founding: the span is a period of something else, or the founding left open
_SPAN_AFTER = re.compile(r"\s*(?:bis|/|–|-)\s*\d")
_SPAN_BEFORE = re.compile(r"(?:\d\s*(?:bis|/|–|-)|\b(?:von|zwischen|bis|ab|ab\s+dem\s+Jahre?))\s*$", re.IGNORECASE)
#: a year with its day, month or season ("Vom 10. bis 14. Mai 2015", "vom 27.04.2023", "im Sommer
#: 2022", "Ende 2023") dates an event of the text (a visit, a workshop, a decision), which is
#: why no start pattern read it; a founding stated by its bare year has none (berlin.de,
#: klimaschutz-pforzheim.de, potsdam.de, owc.de, utilityplatform.connective-cities.net)
_DAY_OR_SEASON = re.compile(r"(?:\d\.\s*|\b(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|"
                            r"November|Dezember|Frühjahr|Frühling|Sommer|Herbst|Winter|Anfang|Ende|Mitte)\s+)$")
#: a year right after a noun names that thing's edition ("für die Auszeichnung 2019 nominiert",
#: stadt-koeln.de; "die Landesgartenschau 2004"), not a founding: a capitalised word that is
#: neither the sentence's first word nor a place
_EDITION = re.compile(r"(?<=[\w,;:] )(?!Jahre?s?\s)[A-ZÄÖÜ][\wäöüß-]*[a-zäöüß]\s+$")
#: how far the place a year belongs to may stand from it: "fand 1930 zwischen den Städten A",
#: "2018 persönlich eine Partnerschaft mit dem russischen A" (50 characters) hold the place
#: within it, "1988 erstmals auch ein Schüleraustausch zwischen der …-Realschule A" (75) speaks of
#: something else between (max-weishaupt-realschule.de)
YEAR_PLACE_REACH = 60
#: a year after the sentence's last place belongs to the pair only in the place's own clause:
#: "Das nordenglische B wurde 1962 Partnerstadt" (7 characters between, solinger-tageblatt.de);
#: a comma opens a clause about the place ("B, deren Rathaus … 1945 zerstört wurde")
YEAR_AFTER_PLACE_REACH = 30


def stated_year(rules, text: str, sentences: list[Span], by_sentence: dict[Span, list[Mention]],
                key: frozenset, year: int | None) -> int | None:
    """The one year the first of `sentences` that states one gives the pair `key`, or None.
    `rules`: the relation rules (bare_year_relation, person_time, association_founding_subject);
    `year`: the article's (a later year is a plan or a misreading, not a start)."""
    for s in sentences:
        if not _may_state_year(rules, text, s):
            continue
        places = sorted((m for m in by_sentence.get(s, ()) if m.kind in PARTNER_MENTION_KINDS),
                        key=lambda m: m.start)
        found = set()
        for y in YEAR.finditer(text, s.start, s.end):
            if text.rfind("(", s.start, y.start()) > text.rfind(")", s.start, y.start()):
                continue  # a bracketed year is the place's before the bracket (pair_attributes.py), read there
            lead = text[max(s.start, y.start() - 30):y.start()]
            if _SPAN_AFTER.match(text, y.end()) or _SPAN_BEFORE.search(lead) or _DAY_OR_SEASON.search(lead) \
                    or _EDITION.search(lead) and not rules.bare_year_relation.search(lead.split()[-1]) \
                    and not any(0 <= y.start() - m.end <= 1 for m in places):
                continue
            after = next((m for m in places if m.start >= y.end()), None)
            before = next((m for m in reversed(places) if m.end <= y.start()), None)
            # the nearer of the two: the place after the year, the place before it only in its own
            # clause ("mit B, deren Rathaus … 1945 zerstört wurde": a clause about the place between;
            # "mit der Gemeinde C seit 2001 und die Gemeinde A": C's year, not A's)
            near = [(after.start - y.end(), 0, after)] if after is not None else []
            if before is not None and y.start() - before.end <= YEAR_AFTER_PLACE_REACH \
                    and "," not in text[before.end:y.start()]:
                near.append((y.start() - before.end, 1, before))
            if (head := relative_clause_head(text, y.start(), places)) is not None:
                near = [(0, 1, head)]  # ("mit B, die seit 1988 besteht, und eine Freundschaft mit C": B's)
            if not near:
                continue
            distance, _, place = min(near, key=lambda n: n[:2])
            if distance <= YEAR_PLACE_REACH and (place.kind, place.ref) in key and (year is None or int(y.group()) <= year):
                found.add(int(y.group()))
        if len(found) == 1:
            return found.pop()
    return None


def _may_state_year(rules, text: str, s: Span) -> bool:
    """Does sentence `s` hold a year and a partnership word, and no person's time, association
    founding, blocker or status (a year beside an end, a suspension or a plan is that state's:
    "hat … 2014 … beendet", srf.ch)? Asked once per sentence of an article (sentence_memo.py):
    each pair asks about its own sentences and those naming its partners, the same sentences
    for pair after pair (a list of twenty partners with a year each asked the ~40 patterns
    below of each of its lines twenty times)."""
    def work_out() -> bool:
        chunk = text[s.start:s.end]
        # (a sentence without a year first: most have none, and the status patterns below are
        # many; asked first they were 6 % of the extraction of the open10 pages)
        # (the status patterns behind their pre-filters: one pass finds those that may match)
        return bool(YEAR.search(chunk) and rules.bare_year_relation.search(chunk)) \
            and not (rules.person_time.search(chunk) or rules.association_founding_subject.search(chunk)
                     or rules.bare_year_blockers.search(chunk)
                     or any(pat.search(chunk) for (pat, *_), may in zip(rules.status_patterns,
                                                                       rules.status_group.may_match(chunk)) if may))
    return rules.bare_year_sentences.answer(text, s, work_out)


def later_start(rules, ctx, evidence: list[Span], by_sentence: dict[Span, list[Mention]],
                named: list[Span], key: frozenset, year: int | None, month: int | None,
                types: int = 1, ex=None, only: bool = False) -> tuple[int | None, int | None]:
    """The start of a pair its own sentences and those naming its partners left undated: the
    founding act of a sentence right after the pair's that names no place and goes on about it
    ("… die Städte A und B zu Partnerstädten zu machen. 1959 wurde der Freundschaftsbund
    geschlossen"), else that of a sentence further on that refers back to the pair (`ex`, the
    extraction: referring_years.py), else the bare year (stated_year) of the pair's own sentences, then of those
    naming its partners and no other place (`named`). A bare year names no type, so a pair of
    several `types` gets none: the README's convention gives each type its own founding act's
    year, and such a page may date one type only (Bonn's council decision of 2008 for the project
    partnership, not for the later Klimapartnerschaft: the bundled sample)."""
    found = rules._start(ctx.text, placeless_after(ctx, evidence, by_sentence), ctx, year,
                         first_only=True, acts_only=True, article_month=month)
    if found[0] is None and ex is not None:
        found = rules._start(ctx.text, referring_sentences(ex, ctx, evidence, by_sentence, key), ctx, year,
                             first_only=True, acts_only=True, article_month=month)
    if found[0] is not None:
        return found
    if types > 1:
        return None, None
    stated = stated_year(rules, ctx.text, evidence + named, by_sentence, key, year)
    # (the article's only pair: also a "seit" or an act of a sentence naming the relation and no place: only_pair_years.py)
    return (stated, None) if stated is not None or not only else only_pair_start(rules, ctx, by_sentence, year, month)
