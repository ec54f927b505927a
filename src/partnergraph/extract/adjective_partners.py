"""A partnership needs both partners named (benchmarks/real/README.md, "Conventions"): a town the
page names only by its adjective or demonym ("Die Dortmunder schweigen sich aus mit der
Partnerstadt Trabzon", "In unserer Partnerstadt Oppeln wurden unsere Mülheimer empfangen", "die
Cadolzburger Burgherren") gives no pair, however surely the pair rules read it as the partner's
owner. On the eleven open splits every pair so made was wrong (aachener-zeitung.de, fresh7;
staedtepartner-mh.de, fresh4; cadolzburg.de, fresh3) and none was right. The town's own name
anywhere in the text (a dateline "Wanfried." the place rules passed over) names it: the pair stays.
"""

from __future__ import annotations

import re

from ..models import Extraction


def drop_adjective_only_pairs(ex: Extraction, text: str, adjectives: set[tuple[int, int]]) -> None:
    """Drops the partnerships one of whose municipalities the text names only by the adjective
    spans `adjectives` (the place rules' record of them) and nowhere by its own name."""
    if not adjectives or not ex.partnerships:
        return
    named = {m.ref for m in ex.mentions if m.kind == "municipality" and (m.start, m.end) not in adjectives}
    unnamed: dict[str, bool] = {}

    def only_adjective(ref: str) -> bool:
        if ref not in unnamed:
            place = ex.places.get(ref)
            unnamed[ref] = ref not in named and place is not None and not any(
                re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text) for n in {place.name_de, place.name_en} if n)
        return unnamed[ref]

    ex.partnerships[:] = [p for p in ex.partnerships
                          if not any(k == "municipality" and only_adjective(r) for k, r in p.partners)]
