"""The type word that introduces one partner of a sentence naming several (issue 17: "a type
attaches only to the pair its sentence states it for").

A type word speaks of the first place after it ("plant Würzburg eine Städtepartnerschaft mit Lwiw
sowie eine Städtefreundschaft mit Luzk": Würzburg–Luzk is the friendship), unless German puts the
partner first: "mit <partner> eine <type>" ("pflegt mit A eine Städtepartnerschaft und mit B eine
Städtefreundschaft", "Mit A verbindet X eine Städtepartnerschaft, mit B eine Freundschaft") or
"mit <partner> <participle>" ("Mit A ist X verschwistert, mit B befreundet"). Such
a type word is its fronted partner's, and a place that has a fronted type word of its own is not
introduced by the type word before it (general German word order: the prepositional object before
the accusative object in the middle field, and the ellipsis of the verb in the second clause).

The places listed right after the first one share its type word: "Neben klassischen
Städtepartnerschaften – etwa mit Oxford und Opole – pflegt Bonn … projektbezogene
Partnerschaften": Oxford and Opole are both Bonn's Städtepartnerschaften (the sample's
bonn-projektpartnerschaften, where Opole took the farther "projektbezogene Partnerschaften" by
distance once Oxford was read as a place)."""

from __future__ import annotations

import re

from ..models import Mention

#: between a fronted partner and its type word: an indefinite article and at most two lower-case
#: attributes ("mit B eine enge Städtefreundschaft")
_FRONTED_GAP = re.compile(r"\s+(?:eine[nrs]?|ein)\s+(?:[a-zäöüß][\wäöüß-]*\s+){0,2}")
#: what stands before a fronted partner: "mit", an article and at most two lower-case attributes
#: or a kind of municipality ("mit dem polnischen B", "mit der Stadt B"; not "Mit A verbindet B":
#: a verb and another place between); 40 characters hold them
_WITH_BEFORE = re.compile(r"\b[Mm]it\s+(?:(?:der|dem|den)\s+)?(?:(?:[a-zäöüß][\wäöüß-]*|Stadt|Gemeinde|Kommune)\s+){0,2}$")
WITH_REACH = 40
#: the longest gap between two places of one list after a type word: " sowie " (" und ", ", ")
LIST_GAP = len(" sowie ")


def fronted_partner(text: str, t: Mention, mentions: list[Mention]) -> Mention | None:
    """The place a type word `t` follows as "mit <place> eine <type>", or, a participle or
    adjective right after it, as "mit <place> befreundet" ("Mit A ist X verschwistert, mit B
    befreundet"), or None."""
    prev = max((m for m in mentions if m.end <= t.start), key=lambda m: m.end, default=None)
    if prev is None or not (_FRONTED_GAP.fullmatch(text, prev.end, t.start)
                            or text[t.start:t.start + 1].islower() and text[prev.end:t.start].isspace()):
        return None
    return prev if _WITH_BEFORE.search(text[max(0, prev.start - WITH_REACH):prev.start]) else None


def introduced_type(text: str, types: list[Mention], a: Mention, b: Mention, mentions: list[Mention]) -> str | None:
    """The type word that introduces one of the pair's partners: its fronted partner, else the
    first place after it unless that place has a fronted type word of its own."""
    refs = {(a.kind, a.ref), (b.kind, b.ref)}
    fronted = {id(t): fronted_partner(text, t, mentions) for t in types}
    owned = {(m.kind, m.ref, m.start) for m in fronted.values() if m is not None}
    ordered = sorted(mentions, key=lambda m: m.start)
    best = None
    for t in types:
        nxt = fronted[id(t)]
        if nxt is not None:
            run, distance = [nxt], t.start - nxt.end
        else:
            after = [m for m in ordered if m.start >= t.end]
            if not after or (after[0].kind, after[0].ref, after[0].start) in owned:
                continue
            run, distance = [after[0]], after[0].start - t.end
            for m in after[1:]:  # the list the first place opens
                if m.start - run[-1].end > LIST_GAP or (m.kind, m.ref, m.start) in owned:
                    break
                run.append(m)
        if any((m.kind, m.ref) in refs for m in run) and (best is None or distance < best[0]):
            best = (distance, t.ref)
    return best[1] if best else None
