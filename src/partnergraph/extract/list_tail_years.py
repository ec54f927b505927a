"""The one date that closes a list sentence after all of its places dates every item, the mirror of
the year that opens one (pair_attributes' _list_lead_years), where the date stands in the noun
phrase of the object the items share, right after the last item: "… mit den Gemeinden A, B, C und
D den vor zehn Jahren geschlossenen Vertrag erneuern", "… haben A, B und C ihre 1990 besiegelten
Partnerschaften gefeiert". The attribute qualifies the one treaty or the partnerships of the whole
list, and the items before the last, cut off from it by their commas only, are as much its own as
the last. Not a date after a comma (a relative clause may speak of the last item alone: "…, B und
C, mit der 1990 …"), nor one without the article or possessive that opens the noun phrase ("… und
C seit 1990": the last item's), nor where a date stands before the last place (the items may each
have their own). On the real pages: pfalz-express.de (fresh9; five communes, the treaty "vor zehn
Jahren" closed, dated for the last two only); no other open page has the form."""

from __future__ import annotations

import re

from .datelines import YEAR

#: what opens the shared object's noun phrase between the last item and its date: the article or a
#: possessive, maybe an adverb ("den vor zehn Jahren …", "ihre 1990 …", "die damals 1990 …")
_PHRASE_OPENING = re.compile(r"\s+(?:den|die|das|dem|der|ihre[nmrs]?|seine[nmrs]?|unsere[nmrs]?)\s+(?:[^\W\d_]+\s+)?",
                             re.IGNORECASE)


def list_tail_years(attrs, sent) -> list:
    """(start, end, year, month, act) of the one date stated in the noun phrase right after the last
    place of list sentence `sent` (`attrs`: pair_attributes' reader of the article), when no date
    stands before that place; else []."""
    mentions = attrs.by_sentence.get(sent)
    if not mentions or len(mentions) < 3:
        return []  # (a list: an owner and two items at least)
    last = max(mentions, key=lambda m: m.start)
    text = attrs.text
    if YEAR.search(text, sent.start, last.start) or attrs._found(sent.start, last.start, False)[0]:
        return []
    tail = [c for c in attrs._found(last.end, sent.end, False)[0]
            if _PHRASE_OPENING.fullmatch(text, last.end, c[0])]
    return tail if len({c[2] for c in tail}) == 1 else []
