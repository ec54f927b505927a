"""A place the pair rules would give to a town of an earlier sentence or of the page (pairs.py: a
cue sentence naming one or two places and no owner) is that town's partner only where its own
sentence ties it to a relation: a partnership or relation word before it in the sentence
("die Partnerschaft mit X", "Beziehungen ins russische X", "Delegation der Partnergemeinde X",
"Kooperation mit X") or a partner or relation word after it ("X ist seit 1957 Partnerstadt", "Die
Stadt X hat … zu den Beziehungen mit ihren deutschen Partnerstädten", a wish carried over from X to raise the friendship).

- A sentence that says "partnership" somewhere and names the place only as where someone was
  ("viermal war die Büroleiterin … bereits in Tokio", derstandard.at, dev2) states no
  partnership of that place.
- Nor does it of a place after the one the relation word governs, unless the place is the next
  item of that one's list (a partner town, then a relative clause naming the metropolis it belongs to, presse-service.de, test; visitors counted from one town, then "drei aus" a Belgian one, rheinfelden.de, fresh3; "zu ihrer Partnerhochschule Huangshan
  University", webris.stralsund.de, fresh7), or the object of an elliptic clause that repeats the
  relation's "mit" ("die Partnerschaft mit A besteht seit 1990, die mit B seit 2001").

On the eleven open splits the two tests drop five wrong pairs and no right one. One of them only by
the reach: Busan, named first in a sentence about a Land parliament's two "Parlamentspartnerschaften"
with foreign city councils (hamburgische-buergerschaft.de, fresh7), whose partner noun stands 105
characters after it (Kaliningrad's wrong pair stays). The words are data (`relation_governors`, `relation_noun_after`,
`relation_list_gap` in relations-de.json)."""

from __future__ import annotations

import re

from ..models import Mention, Span

#: how far before a place its relation word may stand: the right pairs of the open splits reach
#: "partnerschaftliche Beziehungen sowohl mit einer palästinensischen als auch einer israelischen
#: Stadt (Tel Aviv-Yafo" (stadt-koeln.de) and a mayor who wants to continue the partnerships and recently met a colleague from a Viennese district (abendblatt-berlin.de), about 100 characters; at 70 the
#: rule dropped three right pairs with six wrong ones (measured on the eleven open splits), at 120
#: none of the right ones
GOVERNOR_REACH = 120
#: how far after a place its partner or relation word may stand: a film about "Beziehungen mit ihren deutschen Partnerstädten" some words after "Die Stadt Haifa" (charismatismus, dev) is
#: about 80 characters; 100 with room
NOUN_AFTER_REACH = 100


class GovernedPartners:
    """The relation-word test, compiled once from the rule data."""

    def __init__(self, rules: dict):
        self._governor = re.compile(rules["relation_governors"])
        self._after = re.compile(rules["relation_noun_after"])
        self._list_gap = re.compile(rules["relation_list_gap"])

    def tied(self, text: str, sent: Span, m: Mention, here: list[Mention]) -> bool:
        """Does the sentence tie the place `m` to a relation (a relation word before it, a partner
        or relation word after it)? A relation word with another place of `here` between it and `m`
        ties `m` only as the next item of that place's list."""
        if self._after.match(text, m.end, min(sent.end, m.end + NOUN_AFTER_REACH)):
            return True
        last = None
        for last in self._governor.finditer(text, max(sent.start, m.start - GOVERNOR_REACH), m.start):
            pass
        if last is None:
            return False
        between = [o for o in here if last.end() <= o.start and o.end <= m.start]
        if not between:
            return True
        after = max(o.end for o in between)
        return self._list_gap.fullmatch(text, after, m.start) is not None or (
            # "die Partnerschaft mit A besteht seit 1990, die mit B seit 2001": an elliptic second
            # clause repeats the relation word's "mit" (session 21: partnerschaft-brackenheim.eu);
            # not right after the first place, where "A, die mit B …" is a relative clause about A
            _ELLIPTIC_MIT.search(text, max(after, m.start - ELLIPTIC_REACH), m.start) is not None
            and not _RELATIVE_MIT.fullmatch(text, after, m.start))


#: the repeated "mit" of an elliptic clause right before the place: ", die mit ", "und die mit dem "
_ELLIPTIC_MIT = re.compile(r"(?:,|\bund)\s+(?:die|der|das)\s+mit\s+(?:(?:der|dem|den)\s+)?$")
#: ... and the same words right after the place before: a relative clause about that place
_RELATIVE_MIT = re.compile(r"\s*(?:,|\bund)\s+(?:die|der|das)\s+mit\s+(?:(?:der|dem|den)\s+)?")
#: how far before the place the elliptic "mit" may begin: ", und die mit dem " is 18 characters
ELLIPTIC_REACH = 24
