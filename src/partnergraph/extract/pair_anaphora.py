"""What a pair anaphor refers to: the subject of "ihre Partnerstadt X" (`nearest_before`) and the
pair "die beiden Städte" / "beide Kommunen" speaks of (`last_pair`). Used by pairs.py."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..models import Extraction, Mention, Span
from .locators import near
from .partner_mentions import adjectival, distinct, has_home, same_country


def nearest_before(here: list[Mention], history: list[list[Mention]], target: Mention,
                    ex: Extraction) -> Mention | None:
    """The subject "ihre Partnerstadt X" speaks of: the first place before X in its sentence,
    else the first of the latest sentence naming one; for a foreign X the latest German one
    of the sentences read before, if any ("Rostock … In der tansanischen Partnerstadt Tanga …
    Auch die Partnerstadt Riga …" is Rostock's partner, not Tanga's)."""
    before = [m for m in here if m.start < target.start and (m.kind, m.ref) != (target.kind, target.ref)]
    if before:
        return before[0]
    latest = None
    for past in reversed(history):
        cands = [m for m in past if (m.kind, m.ref) != (target.kind, target.ref)]
        if cands and has_home([target], ex):
            # a German partner of a German town is the exception: a town of the page's side named
            # beside foreign ones is the subject ("… für den Bürgermeister von Brie-Comte-Robert
            # …, sowie Stadtbergens Ehrenbürgerin …" then "der Partnerstadt Olbernhau")
            return next((m for m in cands if has_home([m], ex)), cands[0])
        home = next((m for m in cands if has_home([m], ex)), None)
        if home is not None:
            return home
        latest = latest or (cands[0] if cands else None)
    return latest


def last_pair(history: list[list[Mention]], ex: Extraction, cross_border: bool = False,
               districts: bool = False, anaphor: str = "") -> tuple[Mention, Mention] | None:
    """What "die beiden Städte" refers to: the latest two places, preferring a German and a
    foreign one (partnerships cross borders) over two foreign neighbours in one list; what "die
    beiden Kreise" refers to (`districts`): two districts where the sentences name two, not the
    seat town a dateline names ("Bad Segeberg (xy) … aus dem Kreis Drawsko Pomorskie … im Kreis
    Segeberg. … zwischen den beiden Kreisen", stadtmagazin-sh.de), and what "beide Gemeinden",
    "beide Städte" refer to (`anaphor`, the phrase read): two municipalities, never a district
    the sentences name beside a town ("Bürger aus Marktleugast und dem Landkreis Kulmbach … das
    Jubiläum der Partnerschaft zwischen beiden Gemeinden")."""
    pool, text = [], ex.article.analysed_text
    for past in reversed(history):
        for m in distinct(past):
            if all((m.kind, m.ref) != (p.kind, p.ref) for p in pool) and not adjectival(m, ex) and not near(text, m):
                pool.append(m)  # (an adjective is neither of "beide Städte", nor "25 Kilometer von Breslau")
    districts = districts or "kreis" in anaphor.casefold()
    if _TOWNS.search(anaphor):
        pool = [m for m in pool if m.kind != "municipality" or ex.places[m.ref].kind != "district"]
    if districts and len(kreise := [m for m in pool if m.kind == "municipality" and ex.places[m.ref].kind == "district"]) >= 2:
        pool = kreise
    homes = [m for m in pool if has_home([m], ex)]
    foreign = [m for m in pool if not has_home([m], ex)]
    if homes and foreign:
        return homes[0], foreign[0]
    if len(pool) >= 2 and not cross_border and same_country(pool[0], pool[1], ex) and not has_home([pool[0]], ex):
        # two foreign places of one country and no home-side town among the latest: a city and
        # the district it lies near ("Krakau … Bochnia"), a district and its parent city (Yandu,
        # Yancheng), not the two sides of a partnership (fresh8: kreis-saarlouis.de, westsachsen.tv)
        return None
    return (pool[0], pool[1]) if len(pool) >= 2 and not cross_border else None


#: the anaphor's noun that names municipalities: "beide Gemeinden", "beider Städte", "beiden Orte"
_TOWNS = re.compile(r"(?i:Gemeinde|Städte|Orte|Kommune|Dörfer)")



def not_elsewhere_paired(pair: tuple[Mention, Mention] | None, found: dict | None, ex: Extraction,
                         stated: Callable[[Mention], bool]) -> tuple[Mention, Mention] | None:
    """The pair a pair anaphor ("die Partnerschaft", "beide Seiten") may state, given the pairs
    the page has stated before (`found`, keyed by the partners' (kind, ref)): none where one of
    the two already has a partner of the other's side and the other none, unless the page
    states that other as a partner somewhere (`stated`: a partner noun before it, a sentence
    about partnerships naming it). "The partnership" is the one the page speaks of, not a new
    one with the latest town it named beside it: the city a mayor flew to, the village a founder
    came from, a minister's or a speaker's surname read as a town (fresh4 infranken.de, fresh7
    dtpa.de, fresh8 woerth-isar.de, test stadtblatt-online.de)."""
    if pair is None or not found:
        return pair
    a, b = pair
    if frozenset({(a.kind, a.ref), (b.kind, b.ref)}) in found:
        return pair
    for one, other in ((a, b), (b, a)):
        mine, theirs = (one.kind, one.ref), (other.kind, other.ref)
        if any(theirs in k for k in found):
            continue
        side = has_home([other], ex)
        for k in found:
            partner = next(iter(k - {mine}), None) if mine in k else None
            place = ex.places.get(partner[1]) if partner is not None and partner[0] == "municipality" else None
            if place is not None and (place.country == ex.home) == side and not stated(other):
                return None
    return pair


def stated_partner(ex: Extraction, m: Mention, before: int, has_cue: Callable[[str], bool],
                   named: Callable[[str, Mention, Span], bool]) -> bool:
    """Does the page name the place of `m` as a partner: a partner noun before it in its
    sentence ("mit unserer rumänischen Partnerstadt Cugir"), or an earlier sentence (before
    `before`) about partnerships that names it (a title "Partnerschaften A – B – C")?"""
    text = ex.article.analysed_text
    if named(text, m, m.sentence):
        return True
    return any(x.ref == m.ref and x.kind == m.kind and x.start < before and x.sentence != m.sentence
               and has_cue(text[x.sentence.start:x.sentence.end]) for x in ex.mentions)


def known_owner(subject: Mention | None, partner: Mention, found: dict | None, ex: Extraction,
                before: int) -> Mention | None:
    """The town a partner named alone belongs to, where the sentence names no owner (`subject`:
    the home-side town the rules inferred from the sentences before): the home-side town the page
    already paired it with, if it is one other than `subject`, named before `before` (the
    latest town named may be where an association sits, "Studienreise des Kreisverbandes X",
    not the partner's); else `subject`."""
    if subject is None or not found:
        return subject
    mine = (partner.kind, partner.ref)
    owners = {next(iter(k - {mine})) for k in found if mine in k and len(k) == 2}
    owners = {o for o in owners if o[0] == "municipality" and o[1] in ex.places
              and ex.places[o[1]].country == ex.home}
    if len(owners) != 1 or (subject.kind, subject.ref) in owners:
        return subject
    kind, ref = next(iter(owners))
    return next((m for m in reversed(ex.mentions) if m.start < before and m.kind == kind and m.ref == ref), subject)
