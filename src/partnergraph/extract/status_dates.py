"""The years that date a partnership's state, not its start (issue 17: "ended and planned
partnerships are told apart from active ones"; a year is the start only where its sentence states
it for the founding).

A year inside a status's words or right after them ("ruht seit 2022", "bestand bis 1990") is the
status's date, unless it opens the period the other year closes ("bestand von 1988 bis 2022": 1988
is the start). So is a year right before an end or a suspension in its clause: German puts the
time adverbial before the verb or the particle that closes the clause ("liegt seit 2022 auf Eis",
"legte die Partnerschaft 2022 auf Eis", "Seit 2022 ruht die Partnerschaft", "hat die
Partnerschaft im Jahr 2022 ausgesetzt"), unless the words between tell of the founding or the
existence of the partnership ("Die 1991 besiegelte Partnerschaft wurde 2022 ausgesetzt", "die
seit 1975 bestehende Partnerschaft ruht", `status_year_blockers` in relations-de.json) or another
clause begins. A plan's year is left to the plan rules (a dated plan is history: pair_statuses.py).

The data model has no end date: a partnership has a start and a status (models.Partnership,
the ontology's states); an end or a suspension year is read so as not to be taken for the start,
and dropped."""

from __future__ import annotations

import re

#: a year right after a status word is the status's date ("ruht seit 2022", "bestand bis 1990");
#: 25 characters hold the longest such link, " seit dem Jahr " and more
STATUS_DATE_REACH = 25
#: what may stand between a status word and the date it has ("ruht seit dem Jahr 2022")
_AFTER_GAP = re.compile(r"[\s(,]*(?:(?:seit|bis|im|in|dem|Jahr|zum|Ende|Anfang|Mitte)\s+)*", re.IGNORECASE)
#: how far before an end or a suspension its year may stand in the clause: "Seit 2022 ist die
#: Städtepartnerschaft zwischen A und B beendet" (55 characters between with two town names of
#: ten letters each); a longer stretch holds another statement more often than not
STATUS_YEAR_BEFORE_REACH = 90
#: what ends the clause of a year: a punctuation mark or a dash
_CLAUSE_BREAK = re.compile(r"[.,;:!?()\[\]–—]|\s-\s")
#: a year that opens a period closed by another ("1988 bis 2022", "1988–2022") is its start, the
#: other year the end's
_PERIOD_START = re.compile(r"\s*(?:bis(?:\s+zum\s+Jahre?)?|–|-)\s*(?:1[89]\d\d|20\d\d)\b")
#: a status verb coordinated after the year's own verb phrase ("besteht seit 1988 und ruht seit
#: 2022"): no capitalised word between the conjunction and the status (a place there joins two
#: partners: "zwischen A und B beendet")
_COORDINATED_STATUS = re.compile(r"\s(?:und|sowie|aber|doch|jedoch|oder)\s+(?:[a-zäöüß]+\s+){0,2}$")
#: the statuses whose clause a year before them dates (a plan's year is not read here)
DATED_STATES = frozenset({"ended", "suspended"})
#: a status said by an attribute of a partner ("die ehemalige Partnerstadt") ends no clause: a
#: year before it dates what the clause tells of that town
_ATTRIBUTE = re.compile(r"(?i)ehemalig|früher|einstig")


def status_dated(text: str, c0: int, c1: int, act: bool, statuses: list[tuple[int, int, str]],
                 blockers: re.Pattern) -> bool:
    """Does the date at text[c0:c1] date one of `statuses` ((start, end, status) of its stretch)?
    `act`: the date is a founding act's (a year before a status then stays the act's);
    `blockers`: the founding and existence words that give a year before a status to the
    partnership (status_year_blockers)."""
    if _PERIOD_START.match(text, c1):
        return False  # ("bestand von 1988 bis 2022", "waren von 1988 bis 2022 Partnerstädte": the period's start is the start)
    for s0, s1, status in statuses:
        if s0 <= c0 < s1 or 0 <= c0 - s1 <= STATUS_DATE_REACH and _AFTER_GAP.fullmatch(text, s1, c0):
            return True
        if not act and status in DATED_STATES and 0 <= s0 - c1 <= STATUS_YEAR_BEFORE_REACH \
                and not _ATTRIBUTE.match(text, s0) and not _CLAUSE_BREAK.search(text, c1, s0) \
                and not _COORDINATED_STATUS.search(text, c1, s0) \
                and not blockers.search(text, c1, s0):
            return True
    return False
