"""The partnership type word that introduces a pair's partner: "plant Würzburg eine
Städtepartnerschaft mit Lwiw sowie eine Städtefreundschaft mit Luzk" — the first place after the
type word is the partner it speaks of (Würzburg–Luzk: Städtefreundschaft), and so are the places
listed right after that one ("Neben klassischen Städtepartnerschaften – etwa mit Oxford und Opole
– pflegt Bonn … projektbezogene Partnerschaften": Oxford and Opole are both Bonn's
Städtepartnerschaften; the sample's bonn-projektpartnerschaften, where Opole took the farther
"projektbezogene Partnerschaften" by distance once Oxford was read as a place; issue #17)."""

from __future__ import annotations

from ..models import Mention

#: the longest gap between two places of one list after a type word: " sowie " (" und ", ", ")
LIST_GAP = len(" sowie ")


def introduced_type(types: list[Mention], a: Mention, b: Mention, mentions: list[Mention]) -> str | None:
    """The type (ref) of the type word nearest before the list of places that holds a or b, or None."""
    refs = {(a.kind, a.ref), (b.kind, b.ref)}
    ordered = sorted(mentions, key=lambda m: m.start)
    best = None
    for t in types:
        after = [m for m in ordered if m.start >= t.end]
        if not after:
            continue
        run = [after[0]]
        for m in after[1:]:
            if m.start - run[-1].end > LIST_GAP:
                break
            run.append(m)
        if any((m.kind, m.ref) in refs for m in run) and (best is None or after[0].start - t.end < best[0]):
            best = (after[0].start - t.end, t.ref)
    return best[1] if best else None
