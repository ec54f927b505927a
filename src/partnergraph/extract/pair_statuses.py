"""The statuses a stretch of an article states ("ruht seit 2022", "wurde beendet"), apart from
its start dates: a pair's status is asked about sentences whose dates nobody reads (the sentences
that name one partner of a pair whose own sentences state no status: a fifth of the stretches
asked about on the real pages), and working out their dates too cost ~2 % of the extraction."""

from __future__ import annotations

from dataclasses import replace

from .datelines import YEAR
from .prefilter import lowered


def stretch_statuses(rules, text: str, lo: int, hi: int, chunk: str | None = None,
                     year: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, status) of every status text[lo:hi] states, in the order of the rules'
    status patterns (`rules`: the relation rules, relations.RelationRules). `chunk`: text[lo:hi]
    where the caller has it (the one string its start dates are read from too: lowered once); `year`:
    the article's, a later year before an `undated` plan does not make it history."""
    statuses = []
    chunk = text[lo:hi] if chunk is None else chunk
    low = lowered(chunk)
    chosen = rules.status_sets.union(rules.status_unkeyed, low)  # (those of the keys `low` holds)
    for i in sorted(chosen):  # (in the rules' order: the statuses are listed in it)
        _pat, status, _keys, undated = rules.status_patterns[i]
        for m in rules.status_filtered[i].finditer(chunk):
            if undated and any(year is None or int(y.group()) <= year for y in YEAR.finditer(chunk, 0, m.end())):
                continue  # "Im Jahr 1986 hatte der Stadtrat beschlossen, … einzugehen": history (not a
                # year after the article's `year`: "werden 2025 … unterzeichnen" in 2024 is a plan)
            before = low[max(0, m.start() - 30):m.start()].split()[-2:]
            # (and the word right after a verb that opens its clause: "Die Partnerschaft ruht
            # nicht", "ruht keineswegs"; general German word order, the negation after the finite verb)
            after = low[m.end():m.end() + 16].split()[:1] if low[m.end():m.end() + 1].isspace() else ()
            if not rules.negations.intersection(before) and not rules.negations.intersection(w.rstrip(".,;:!?") for w in after):
                statuses.append((lo + m.start(), lo + m.end(), status))
    return statuses


def dated_not_planned(partnerships: list) -> list:
    """The pairs with `status` "planned" that have a start year, made active: a plan whose
    founding the article dates is history, the pair exists (a council's "soll … unterzeichnet
    werden" in the chronicle of a partnership signed later; benchmarks/real/README.md: none of
    the gold's 57 planned records of all thirteen splits has a start year)."""
    return [replace(p, status=None) if p.status == "planned" and p.start_year is not None else p
            for p in partnerships]
