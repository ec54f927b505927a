"""Two places listed together after one "mit" are partners of the same third side, never of each
other: "Städtepartnerschaften wie mit A, <country> und B, <country>" (ju-kiel.de, fresh5), as "die Partnerschaften mit Kouvola und
Tours" (lokalkompass.de, fresh4) list two partners of one town. A pair whose two sides stand so in
every sentence of its evidence that names both is dropped: between "mit" and the first side, and
between the two sides, stand only other places, countries, articles and the joiners of a list.
The pairs of the listed places with the sentence's subject are left alone; a pair joined by a dash
("mit Trier-Gloucester") or a verb ("verbindet Kiel mit Brest") is not a list, and the sides of a
partnership of three or more ("trilateral") are partners of each other.

Session 21 (issue #17, fresh9's false pairs): "zu" lists partners as "mit" does (a town's
"Verbindungen zu A und B", saechsische.de), and two places each after a "mit" of its own are the
objects of two parallel (elliptic) clauses about one owner, not each other's partners (the
partnership with A is so old, the one with B so old: partnerschaft-brackenheim.eu and
saechsische.de, each in its own words; a former partner in brackets and a partner after its own
"mit", each maybe after an adjective: kreis-alzey-worms.de), unless the
first "mit" is "gemeinsam/zusammen mit", whose place is a fellow participant, or the second opens a
relative clause about the first ("zusammen mit A, das mit B verschwistert ist")."""

from __future__ import annotations

import re
from bisect import bisect_left

from ..models import Extraction
from .prefilter import Prefiltered

#: what may stand between two members of one list, once the places and countries are cut out
_LIST_GAP = re.compile(r"[\s,;()]*(?:(?:und|sowie|oder|auch|in|der|dem|den)[\s,;()]+)*", re.IGNORECASE)
#: a partnership of three or more sides joins the listed places too: "A hat mit B und C … eine trilaterale … partnerschaft beschlossen" (esslinger-zeitung.de)
#: (behind its literal pre-filter: the bare alternation under re.IGNORECASE, tried at every
#: character, cost ~100 µs an evidence sentence on the real pages, 1 % of the extraction, and
#: hardly any sentence holds one of its words; open12, session 20)
_MANY_SIDED = Prefiltered(re.compile(r"(?i)trilateral|multilateral|dreiseitig|Dreiecks|Dreier|Ringpartnerschaft"))
#: "mit" or "zu" (maybe "wie mit", an article after it) right before the first member
_MIT_BEFORE = re.compile(r"\b(?:[Mm]it|zu)\s+(?:(?:der|dem|den)\s+)?$")
#: a "mit" of its own right before a later member: the object of a parallel clause ("…, die mit B
#: seit 2001"), not one whose place joins the owner ("gemeinsam mit", "zusammen mit")
_OWN_MIT_BEFORE = re.compile(r"(?<![Gg]emeinsam )(?<![Zz]usammen )\b[Mm]it\s+(?:(?:der|dem|den)\s+)?(?:[a-zäöüß][\w-]*\s+)?$")
#: how far before a member its own "mit" may stand: "mit dem westfranzösischen " is 26 characters
OWN_MIT_REACH = 40
#: a relative pronoun right after the first member opens a clause about it ("A, das mit B
#: befreundet ist"): its "mit" joins that member, it is no parallel clause
_RELATIVE_AFTER = re.compile(r"\s*,\s*(?:der|die|das|dem|den|deren|dessen)\s+mit\b")
#: ... and after the later one, which then opens a list of its own ("sowie Pisa mit Akko")
_MIT_AFTER = re.compile(r"\s+mit\b")


def drop_co_objects(ex: Extraction, text: str) -> None:
    """Drops the pairs of two members of one "mit" list (see the module)."""
    if not ex.partnerships or (" mit " not in text and " zu " not in text and "Mit " not in text):
        return
    named: list | None = None  # (made for the first pair whose evidence has a "mit": most have none)
    kept = []
    for p in ex.partnerships:
        refs = [r for k, r in p.partners if k == "municipality"]
        if len(refs) != 2 or not any(text.find("mit ", s.start, s.end) >= 0 or text.find("Mit ", s.start, s.end) >= 0
                                     or text.find("zu ", s.start, s.end) >= 0 for s in p.evidence):
            kept.append(p)
            continue
        if named is None:
            named = sorted((m for m in ex.mentions if m.kind in ("municipality", "country")), key=lambda m: m.start)
            starts = [m.start for m in named]
        if not _listed_together(named, starts, text, p.evidence, *refs):
            kept.append(p)
    ex.partnerships[:] = kept


def _listed_together(named, starts: list[int], text: str, evidence, a: str, b: str) -> bool:
    """Whether in every evidence sentence naming both sides they are members of one "mit" list,
    in every pairing of their occurrences ("Gent mit Lille und Arras sowie Pisa mit Akko und
    Lille": the second Lille is Pisa's partner, the first Pisa is no member of Gent's list)."""
    seen = False
    for span in evidence:
        inside = [m for m in named[bisect_left(starts, span.start):bisect_left(starts, span.end)] if m.end <= span.end]
        at_a = [i for i, m in enumerate(inside) if m.kind == "municipality" and m.ref == a]
        at_b = [i for i, m in enumerate(inside) if m.kind == "municipality" and m.ref == b]
        if not at_a or not at_b:
            continue
        if _MANY_SIDED.search(text, span.start, span.end):
            return False
        for x in at_a:
            for y in at_b:
                if not _one_list(inside, text, span, *sorted((x, y))):
                    return False
        seen = True
    return seen


def _one_list(inside, text: str, span, i: int, j: int) -> bool:
    """Whether mentions i < j stand in one list after "mit", the later no subject of its own."""
    if _MIT_AFTER.match(text, inside[j].end):
        return False
    if _OWN_MIT_BEFORE.search(text, max(span.start, inside[i].start - OWN_MIT_REACH), inside[i].start) \
            and _OWN_MIT_BEFORE.search(text, max(span.start, inside[j].start - OWN_MIT_REACH), inside[j].start) \
            and not _RELATIVE_AFTER.match(text, inside[i].end):
        return True  # "die Partnerschaft mit A …, die mit B …": two parallel objects
    if not _MIT_BEFORE.search(text, max(span.start, inside[i].start - 16), inside[i].start):
        return False
    pos = inside[i].end
    for m in inside[i + 1:j + 1]:
        gap = _LIST_GAP.match(text, pos, m.start)
        if gap is None or gap.end() != m.start:
            return False
        pos = m.end
    return True
