"""A place the sentence denies or contrasts is no partner (issue 17, "negation and contrast decide
the sense"): "Frankfurt pflegt eine Partnerschaft mit Granada in Nicaragua – nicht das spanische
Granada", "… nicht zu verwechseln mit dem spanischen León", "anders als das gleichnamige X".

Place resolution already lets a negated country cue vote against its country (places.py), but the
negated mention itself keeps its own reading (it does name the Spanish Granada), and the pair rules
then paired the home town with it as with any other place of the sentence. A pair is dropped here
when one of its sides is named in the pair's evidence only by denied mentions: a negation or
contrast word right before the name with a determiner and an adjective ("nicht das spanische",
"nicht mit dem andalusischen"), "verwechseln mit", a bare "nicht (mit) X" followed in its sentence
by "sondern", or "keine Partnerschaft mit X". "nicht nur", "nicht mehr" deny nothing of the place.
Wording: data/pair-vetoes-de.json (negated_namesake, negated_contrast_after)."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from ..models import Extraction, Mention
from .prefilter import lowered_text
from .rules import rules

#: how far before a name its denial may begin: "nicht zu verwechseln mit dem spanischen " is 41,
#: with a place noun ("… der gleichnamigen Partnerstadt ") about 60
REACH = 70
#: the words one of which a page must hold for any mention to be denied (the cheap test first:
#: almost no page has one near a place; 5 of the 726 open pages' matches, none before a town)
_KEYS = ("nicht", "kein", "anders als", "statt", "verwechseln")
#: one of these stands in every denial before a name (negated_namesake, negated_bare)
_WINDOW_KEYS = ("nicht", "kein", "statt", "anders", "verwechs")


#: what may stand between "sondern" and the place it names instead: "sondern mit der Stadt", "sondern auch"
_LEAD_IN = re.compile(r"\s+(?:(?:mit|in|nach|auch)\s+)?(?:(?:de[mnrs]|das|die)\s+)?(?:[a-zäöüß][\w-]*\s+)?"
                      r"(?:[A-ZÄÖÜ][\w-]*(?:stadt|gemeinde|kommune)\s+)?")


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    data = rules()
    return tuple(re.compile(data[k]) for k in ("negated_namesake", "negated_contrast_after", "negated_bare", "negated_after"))


def denied(text: str, m: Mention) -> bool:
    """Whether the sentence denies or contrasts the place this mention names (see the module)."""
    before, contrast, bare, after = _patterns()
    lo = max(m.sentence.start, m.start - REACH)
    window = text[lo:m.start]
    low = window.lower()
    # "mit Krakau hingegen nicht", "Eine Partnerschaft mit X gibt es nicht"
    denied_after = text[max(0, m.start - 4):m.start] == "mit " and after.match(text, m.end, m.sentence.end) is not None
    if not any(k in low for k in _WINDOW_KEYS):  # (the cheap test first: most places have none before)
        return denied_after
    hit = before.search(window)
    if hit is not None:
        if hit["adj"] is None or hit["verw"] or hit["verw2"] or (hit["det"] and hit["adj"]):
            return True  # ("adj" None: the other branch, "keine Partnerschaft mit X")
        if not hit["adj"] and hit[0][:4].lower() == "kein":
            return True  # "…, aber keine mit X": the partnership noun left out
        # a bare "nicht (mit) X" denies X only where a contrast follows: "nicht mit X, sondern mit Y"
        # ("nicht in X, sondern in Y" contrasts venues, not partners)
        if not hit["adj"] and hit["prep"] in (None, "mit") and contrast.search(text, m.end, m.sentence.end):
            return True
    return denied_after or bare.search(window) is not None  # ("statt X", "Lublin, nicht Krakau", "nicht zwischen A und B")


def drop_negated_partners(ex: Extraction, text: str) -> None:
    """Drops the pairs one of whose sides the evidence names only where it denies it."""
    if not ex.partnerships:
        return
    low = lowered_text(text)
    if not any(k in low for k in _KEYS):
        return
    verdicts: dict[int, bool] = {}

    def is_denied(m: Mention) -> bool:
        if m.start not in verdicts:
            verdicts[m.start] = denied(text, m)
        return verdicts[m.start]

    mentions = [m for m in ex.mentions if m.kind == "municipality"]
    by_ref: dict[str, list[Mention]] = {}
    for m in mentions:
        by_ref.setdefault(m.ref, []).append(m)
    kept = []
    have = {p.partners for p in ex.partnerships}
    for p in ex.partnerships:
        drop = False
        for kind, ref in p.partners:
            if kind != "municipality":
                continue
            here = [m for m in by_ref.get(ref, ()) if any(s.start <= m.start < s.end for s in p.evidence)]
            if here and all(is_denied(m) for m in here):
                drop = True
                # "Nicht das spanische León, sondern León in Nicaragua ist die Partnerstadt von
                # Hamburg": the pair meant the namesake the evidence names undenied
                names = {m.surface for m in here}
                others = {m.ref for m in mentions if m.surface in names and m.ref != ref
                          and any(s.start <= m.start < s.end for s in p.evidence) and not is_denied(m)}
                if not others:  # "Münster ist nicht mit Krakau, sondern mit Lublin verschwistert"
                    others = _contrasted(text, here[-1], mentions, {r for _k, r in p.partners}, ex.home, ex.places)
                if len(others) == 1:
                    partners = tuple(sorted((k, others.pop() if (k, r) == (kind, ref) else r) for k, r in p.partners))
                    if len(set(partners)) == len(partners) and partners not in have:
                        have.add(partners)
                        kept.append(replace(p, partners=partners))
                break
        if not drop:
            kept.append(p)
    ex.partnerships[:] = kept


def _contrasted(text: str, denied_mention: Mention, mentions: list[Mention], pair: set[str], home: str | None,
                places) -> set[str]:
    """The place the contrast after a denied mention names instead: the first place right after
    "sondern" (maybe "mit", "in", an article and a place noun between), if it is in neither side;
    after "statt X" / "anders als X", the next place of the sentence on X's side (home or abroad)
    that is in neither side ("Statt A wurde B die Partnerstadt von C")."""
    end = denied_mention.sentence.end
    hit = _patterns()[1].search(text, denied_mention.end, end)
    if hit is None:
        lead = text[max(denied_mention.sentence.start, denied_mention.start - 12):denied_mention.start].lower()
        if "statt" not in lead and "anders als" not in lead:
            return set()
        side = _home_side(places, denied_mention.ref, home)
        after = [m for m in mentions if denied_mention.end <= m.start < end and m.ref not in pair
                 and _home_side(places, m.ref, home) == side]
        return {after[0].ref} if after else set()
    after = [m for m in mentions if hit.end() <= m.start < end]
    if not after or after[0].ref in pair or not _LEAD_IN.fullmatch(text, hit.end(), after[0].start):
        return set()
    return {after[0].ref}


def _home_side(places, ref: str, home: str | None) -> bool:
    place = places.get(ref)
    return place is not None and place.country == home
