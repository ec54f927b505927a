"""A place the pair rules would give to a town of an earlier sentence or of the page (pairs.py: a
cue sentence naming one or two places and no owner) is that town's partner only where its own
sentence ties it to a relation: a partnership or relation word before it in the sentence
("die Partnerschaft mit X", "Beziehungen ins russische X", "Delegation der Partnergemeinde X",
"Kooperation mit X") or a partner noun after it ("X ist seit 1957 Partnerstadt", "Die Stadt X hat
… zu den Beziehungen mit ihren deutschen Partnerstädten"). A sentence that says "partnership"
somewhere and names the place only as where someone was ("viermal war die Büroleiterin … bereits
in Tokio", derstandard.at, dev2) states no partnership of that place. On the eleven open splits
the test drops two wrong pairs and no right one: Tokio's, and Busan's in "Mit dem Stadtparlament
Busan (Südkorea) und der Gebietsduma Kaliningrad (Russland) pflegt die Hamburgische Bürgerschaft
sogenannte Parlamentspartnerschaften" (hamburgische-buergerschaft.de, fresh7), where only the
reach decides (the noun stands 105 characters after Busan, within reach of Kaliningrad, whose
wrong pair stays). The words are data (`relation_governors`, `relation_noun_after` in
relations-de.json)."""

from __future__ import annotations

import re

from ..models import Mention, Span

#: how far before a place its relation word may stand: the right pairs of the open splits reach
#: "partnerschaftliche Beziehungen sowohl mit einer palästinensischen als auch einer israelischen
#: Stadt (Tel Aviv-Yafo" (stadt-koeln.de) and "Städtepartnerschaften fortsetzen und hat dazu jüngst
#: seine Amtskollegin … aus Wien-Margareten" (abendblatt-berlin.de), about 100 characters; at 70 the
#: rule dropped three right pairs with six wrong ones (measured on the eleven open splits), at 120
#: none of the right ones
GOVERNOR_REACH = 120
#: how far after a place its partner noun may stand: "hat einen zehnminütigen Film zu den
#: Beziehungen mit ihren deutschen Partnerstädten" after "Die Stadt Haifa" (charismatismus, dev) is
#: about 80 characters; 100 with room
NOUN_AFTER_REACH = 100


class GovernedPartners:
    """The relation-word test, compiled once from the rule data."""

    def __init__(self, rules: dict):
        self._governor = re.compile(rules["relation_governors"])
        self._after = re.compile(rules["relation_noun_after"])

    def tied(self, text: str, sent: Span, m: Mention) -> bool:
        """Does the sentence tie the place `m` to a relation (a relation word before it, a partner
        noun after it)?"""
        return bool(self._governor.search(text, max(sent.start, m.start - GOVERNOR_REACH), m.start)
                    or self._after.match(text, m.end, min(sent.end, m.end + NOUN_AFTER_REACH)))
