"""Events: "die sechste deutsch-ukrainische kommunale Partnerschaftskonferenz in Leipzig", with
their dates and host place."""

from __future__ import annotations

import datetime as dt
import re

from .context import Context
from ..graph.iri import slugify
from .matcher import Keywords
from ..models import MENTION_ORDER, Event, Extraction, Mention, Span
from .sentences import sentence_of
from ..sources.dates import LONG_DATE, MONTHS


_DATE_RANGE = re.compile(
    r"(?i:\bvom)\s+(?P<d1>\d{1,2})\.\s*(?:(?P<m1>[A-Za-zä]+)\s+)?bis\s+(?:zum\s+)?(?P<d2>\d{1,2})\.\s*(?P<m2>[A-Za-zä]+)\s+(?P<y>\d{4})")


class Events:
    def __init__(self, r: dict, *, determiners: frozenset[str] | set[str]):
        #: articles and pronouns: they end the adjective run before an event's head word
        self.determiners = determiners
        # the head only (no leading [\w-]*, which backtracks at every position); the word
        # around it and the adjectives before it are collected by walking back
        self.event_heads = Keywords(r["event_heads"], ignore_case=True, word_start=False)
        self.host_cues = tuple(c.lower() for c in r["event_host_cues"])

    def find(self, ex: Extraction, ctx: Context) -> None:
        text = ctx.text
        year = ex.article.date.year if ex.article.date else None
        seen, seen_heads = set(), set()
        for w0, w1 in self.event_heads.find(text):
            while w0 > 0 and (text[w0 - 1].isalnum() or text[w0 - 1] == "-"):
                w0 -= 1
            while w1 < len(text) and text[w1].isalnum():
                w1 += 1
            if w0 in seen_heads:
                continue  # "partnerschaftskonferenz" also contains "konferenz"
            seen_heads.add(w0)
            before = text[max(0, w0 - 120):w0].split()[-4:]
            words = before + [text[w0:w1]]
            # keep the ordinal/adjective run before the head: "sechsten deutsch-ukrainischen kommunalen"
            i = len(words) - 1
            while i > 0 and words[i - 1][:1].islower() and words[i - 1] not in self.determiners \
                    and (words[i - 1].endswith(("e", "en", "er", "es")) or words[i - 1].rstrip(".").isdigit()):
                i -= 1
            words = words[i:]
            if len(words) < 2:
                continue  # a bare "Konferenz" names no particular event
            label = " ".join(_nominative(w) for w in words)
            label = label[0].upper() + label[1:]
            sent = sentence_of(ctx.sentences, w0)
            s_text = text[sent.start:sent.end]
            host = self._event_host(ex, ctx, sent, w1, s_text)
            start = end = None
            dr = _DATE_RANGE.search(s_text)
            if dr:
                y = int(dr["y"])
                m2 = MONTHS.get(dr["m2"].lower())
                m1 = MONTHS.get((dr["m1"] or dr["m2"]).lower())
                if m1 and m2:
                    try:
                        start, end = dt.date(y, m1, int(dr["d1"])), dt.date(y, m2, int(dr["d2"]))
                    except ValueError:
                        start = end = None
            elif LONG_DATE.search(s_text):
                d = LONG_DATE.search(s_text)
                try:
                    start = dt.date(int(d[3]), MONTHS[d[2].lower()], int(d[1]))
                except (ValueError, KeyError):
                    start = None
            ev_year = start.year if start else year
            host_place = ex.places.get(host) if host else None
            slug = slugify(" ".join([label, host_place.name_de if host_place else "", str(ev_year or "")]))
            if slug in seen:
                continue
            seen.add(slug)
            ex.events.append(Event(slug=slug, label=label, host=host, start=start, end=end,
                                   evidence=sent))
            first = text.rfind(words[0], max(0, w0 - 120), w0 + 1)
            ex.mentions.append(Mention("event", slug, text[first:w1], first, w1, sent))
        ex.mentions.sort(key=MENTION_ORDER)

    def _event_host(self, ex: Extraction, ctx: Context, sent: Span, head_end: int, s_text: str) -> str | None:
        places = ctx.places_by_sentence.get(sent, [])
        if not places:
            return None
        # "… Partnerschaftskonferenz in Leipzig"
        for p in places:
            if 0 <= p.start - head_end <= 5 and ex.article.analysed_text[head_end:p.start].strip() in ("in", "im"):
                return p.ref
        if any(c in s_text.lower() for c in self.host_cues) and len({p.ref for p in places}) <= 2:
            return places[0].ref
        return None


def _nominative(word: str) -> str:
    """Feminine singular after the article: "sechsten" → "sechste" (Konferenz is feminine)."""
    if word[:1].islower() and word.endswith(("en", "er")) and len(word) > 4:
        return word[:-1]
    return word
