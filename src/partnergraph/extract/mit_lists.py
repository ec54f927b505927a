"""Lists of partners joined by "mit": "[X hat] Partnerschaften seit 1962 mit A, seit 1968 mit B"
(one owner, its listed partners), "A mit B und C, D mit E" (each town with the towns it is joined
with) and "die Partnerschaft der Stadt A mit B" (the pair a partnership noun names by its owner
and its partner). Used by pairs.py."""

from __future__ import annotations

import re

from ..models import Extraction, Mention, Span
from .partner_mentions import genitive, same_country

#: a parenthesis after a name (its endonym or country: "Thorn (Torun)", "Opole (Polen)")
PARENTHESES = re.compile(r"\([^()]{0,60}\)")


def mit_list(ex: Extraction, sent: Span, here: list[Mention],
             partner_mit_list: re.Pattern) -> tuple[Mention | None, list[tuple[Mention, bool]]] | None:
    """ "[X hat] Partnerschaften seit 1962 mit A, seit 1968 mit B und mit den Landkreisen C
    und D": the owner (the one place before the noun, None when there is none) and the
    listed places, each with whether it has a "mit" of its own. Every place after the noun
    must be an item, each joined to the one before by its own "(seit YEAR) mit" or by a comma
    or "und" (and then not the owner of a "mit" of its own: "…, Bremen seit 1985 mit
    Dalian"); otherwise None. `partner_mit_list` is the noun before the first "mit"
    (relations-de.json, partner_mit_list)."""
    text = ex.article.analysed_text
    for k, first in enumerate(here):
        lo = here[k - 1].end if k else sent.start
        if partner_mit_list.search(text, lo, first.start):
            break
    else:
        return None
    if k > 1:
        return None
    items = [(first, True)]
    for j in range(k + 1, len(here)):
        gap = PARENTHESES.sub(" ", text[here[j - 1].end:here[j].start])
        if _MIT_ITEM_GAP.fullmatch(gap):
            items.append((here[j], True))
        elif _PLAIN_ITEM_GAP.fullmatch(gap) and not (
                j + 1 < len(here) and _OWN_MIT.match(text, here[j].end, here[j + 1].start)):
            items.append((here[j], False))
        else:
            return None
    return (here[0] if k else None), items


#: the next item of a "mit" list: ", seit 1968 mit ", " und seit 1991 mit den Landkreisen ",
#: ", ebenfalls seit 1968 mit dem "
_MIT_ITEM_GAP = re.compile(r"\s*(?:,|;|und|sowie)\s*(?:und\s+)?(?:ebenfalls\s+|auch\s+)?(?:(?:seit|ab)\s+(?:dem\s+Jahr\s+)?\d{4}\s+)?"
                           r"mit\s+(?:(?:den|dem|der)\s+)?(?:[A-ZÄÖÜ][a-zäöüß]+\s+)?")
#: the next item of the same "mit": "mit den Landkreisen A, B, C und …"
_PLAIN_ITEM_GAP = re.compile(r"\s*(?:,|,?\s*und|,?\s*sowie)\s*")
#: a place with a "mit" of its own is the owner of the next ones, not an item
_OWN_MIT = re.compile(r"\s*(?:(?:seit|ab)\s+\d{4}\s+)?mit\b")


#: "mit", "mit dem italienischen", "mit der Stadt": what joins a town to its partner in a group
_JOINED_BY_MIT = re.compile(r"mit(?:\s+(?:dem|der|den))?(?:\s+[a-zäöüß][\wäöüß\-]*)?(?:\s+(?:Stadt|Gemeinde|Kommune))?")


def with_groups(here: list[Mention], ex: Extraction, text: str) -> list[tuple[Mention, Mention]]:
    """ "A mit B und C, D mit E und F", "A mit dem italienischen B": a place joined by "mit" to the next is its partner, and so are the places joined to that one by "und" or a
    comma, up to the next place that has a "mit" of its own. Places of one country are no pair."""
    def gap(i: int) -> str:
        g = text[here[i].end:here[i + 1].start].strip()
        return PARENTHESES.sub("", g).strip() if g.startswith("(") else g

    out: list[tuple[Mention, Mention]] = []
    i = 0
    while i + 1 < len(here):
        if not _JOINED_BY_MIT.fullmatch(gap(i)):
            i += 1
            continue
        owner, j = here[i], i + 1
        while True:
            if not same_country(owner, here[j], ex):
                out.append((owner, here[j]))
            if j + 1 < len(here) and gap(j) in ("und", ",", "sowie", ", und", ", sowie") \
                    and not (j + 2 < len(here) and _JOINED_BY_MIT.fullmatch(gap(j + 1))):
                j += 1
            else:
                break
        i = j + 1
    return out


#: "gemeinsam mit den Städten ", "zusammen mit der Gemeinde ": what introduces fellow
#: participants of an act rather than partners
_CO_SUBJECT_BEFORE = re.compile(r"\b(?:gemeinsam|zusammen)\s+mit\s+(?:(?:den|der|dem)\s+)?"
                                r"(?:(?:Städten|Stadt|Gemeinden|Gemeinde|Kommunen|Kreisen)\s+)?$", re.IGNORECASE)
#: the gap between two items of such a list: a separator, maybe after a bracket ("A (Kosovo), B")
_CO_SUBJECT_GAP = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?(?:,|und|sowie)\s*")


def co_subjects(text: str, sent: Span, here: list[Mention]) -> list[Mention]:
    """The places "gemeinsam mit" or "zusammen mit" introduces ("gemeinsam mit den Städten A, B
    und C"), with those the list joins to the first: fellow participants of what the sentence
    tells, not the partners of the town it is about."""
    out: list[Mention] = []
    for i, m in enumerate(here):
        if out:
            if _CO_SUBJECT_GAP.fullmatch(text, out[-1].end, m.start):
                out.append(m)
                continue
            break
        if _CO_SUBJECT_BEFORE.search(text, max(sent.start, m.start - 40), m.start):
            out.append(m)
    return out


#: a partnership noun and the owner's designation or "von" right before the owner: "die
#: Partnerschaft der Stadt ", "Städtepartnerschaft von ", "Klimapartnerschaft des Landkreises "
_OWNED_NOUN_BEFORE = re.compile(r"\b\w*(?:[Pp]artnerschaft|[Ff]reundschaft)\w*\s+(?P<owner>von\s+|(?:der\s+(?:Stadt|Gemeinde|"
                                r"Hansestadt|Kommune|Marktgemeinde)|des\s+(?:Landkreises|Kreises|Bezirks|Bezirkes))\s+)?$")
#: what joins a further partner of the owner: a list's joiner, maybe with a "mit" of its own ("mit B
#: und mit C")
_FURTHER_PARTNER = re.compile(r"(?:,|,? ?und|,? ?sowie)(?: mit)?")
#: how far before the owner the noun may begin: "Städtepartnerschaft des Landkreises " is 36 characters
OWNED_NOUN_REACH = 48


def owned_with_pairs(ex: Extraction, sent: Span, here: list[Mention]) -> list[tuple[Mention, Mention]]:
    """ "die neue Partnerschaft der Stadt A mit der Stadt B", "die
    Städtepartnerschaft As mit B": a partnership noun names its owner (after "von", a designation
    in the genitive, or in the genitive itself) and the partner "mit" joins to it, and so the
    one pair the sentence states, whatever other towns it names (a trip "über C nach D";
    issue 17, session 21: kamen-web.de of fresh9; a general form of German, nine times on the
    open pages). Places of one country are a pair too: the noun says so."""
    text = ex.article.analysed_text
    if len(here) < 2 or text.find("mit ", sent.start, sent.end) < 0:
        return []  # (every such pair has its "mit"; most cue sentences have none)
    mentions = sorted(here, key=lambda m: m.start)
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        noun = _OWNED_NOUN_BEFORE.search(text, max(sent.start, a.start - OWNED_NOUN_REACH), a.start)
        if noun is None or (noun.group("owner") is None and not genitive(a, ex)):
            continue  # (a bare noun before the owner: the owner in the genitive, "As")
        if not _JOINED_BY_MIT.fullmatch(text[a.end:b.start].strip()):
            continue
        out = [(a, b)]
        j = i + 1
        while j + 1 < len(mentions) and _FURTHER_PARTNER.fullmatch(text[mentions[j].end:mentions[j + 1].start].strip()):
            j += 1
            out.append((a, mentions[j]))
        return out
    return []
