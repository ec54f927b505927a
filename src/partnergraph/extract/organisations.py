"""Organisations as partners: utilities found by their head word (Stadtwerke, Water Company)
take part in partnerships like municipalities (Betreiberpartnerschaften)."""

from __future__ import annotations

import re

from .context import Context
from ..graph.iri import slugify
from .matcher import Keywords
from ..models import MENTION_ORDER, Extraction, Mention
from .people import NAME as _NAME
from .sentences import sentence_of


class UtilityOrganisations:
    def __init__(self, r: dict):
        heads = "|".join(map(re.escape, sorted(r["utility_heads"], key=len, reverse=True)))
        self.utility = re.compile(
            rf"\b(?:(?:{_NAME}|[A-ZÄÖÜ]+)\s+){{0,2}}(?:{heads})(?:\s+(?:{_NAME}|[A-ZÄÖÜ]{{2,}})(?:\s+{_NAME})?)?"
            rf"|\b(?:{_NAME}\s+){{1,3}}(?:{heads})\b")
        self.utility_heads = Keywords(r["utility_heads"])

    def find(self, ex: Extraction, ctx: Context) -> None:
        """Utilities found by their head word (Stadtwerke, Water Company) become organisations;
        they take part in partnerships like municipalities (Betreiberpartnerschaften)."""
        taken = [(m.start, m.end) for m in ex.mentions if m.kind != "municipality"]
        seen_spans = set()
        for h0, h1 in self.utility_heads.find(ctx.text):
            window = [m for m in self.utility.finditer(ctx.text, max(0, h0 - 70), min(len(ctx.text), h1 + 70))
                      if m.start() <= h0 and h1 <= m.end()]
            if not window:
                continue
            m = window[0]
            if (m.start(), m.end()) in seen_spans:
                continue
            seen_spans.add((m.start(), m.end()))
            label = m.group(0).strip()
            if any(s < m.end() and m.start() < e for s, e in taken) or len(label.split()) < 2:
                continue
            slug = slugify(label)
            ex.organisations.setdefault(slug, label)
            # municipality mentions inside the name ("Stadtwerke Leipzig") stay as places too
            ex.mentions.append(Mention("organisation-partner", slug, label, m.start(), m.end(),
                                       sentence_of(ctx.sentences, m.start())))
        ex.mentions.sort(key=MENTION_ORDER)
