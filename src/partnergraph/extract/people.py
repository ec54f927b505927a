"""People named with their role: "Oberbürgermeister Burkhard Jung", "Marc Kapust arbeitet als
Fachkraft". Found first, before places: their names must not become places."""

from __future__ import annotations

import re

from .context import Context
from ..graph.iri import slugify
from .matcher import Keywords
from ..models import Extraction, Mention, Person
from .sentences import sentence_of

#: a capitalised name word
NAME = r"[A-ZÄÖÜ][a-zäöüßéèáàíóúñç\-]+"
#: the same at a word's start: `\b` + NAME, the boundary tested after the capital (a capital is a
#: word character, so the boundary before it is "no word character before it")
NAME_START = r"[A-ZÄÖÜ](?<!\w[A-ZÄÖÜ])[a-zäöüßéèáàíóúñç\-]+"
#: white space holding at most one line break (a blank line ends a paragraph or the headline)
ONE_PARAGRAPH = r"(?:[^\S\n]+\n?|\n)[^\S\n]*"
#: how long an office's complement before the holder's name may be: "Amtskollege aus der
#: nordost-chinesischen Millionenmetropole Harbin" is 62 characters after the role word; longer
#: runs without a comma are clauses, not a complement
APPOSITION_REACH = 70


class People:
    def __init__(self, r: dict):
        roles = "|".join(map(re.escape, sorted(r["person_roles"], key=len, reverse=True)))
        # the role and the name stand in one paragraph: a blank line between them (a headline
        # ending in a role word, the body opening "Seit Oktober …") parts two texts
        self.role_then_name = re.compile(rf"\b(?P<role>{roles})(?:\s+(?:von|der|des|aus)\s+{NAME})?{ONE_PARAGRAPH}(?P<name>{NAME}(?:\s+{NAME}){{1,2}})\b")
        after_first = rf"\s+{NAME})\s*(?:,\s*(?:die|der)?\s*|\s+(?:arbeitet|ist|war)\s+(?:als|seit\s+\S+\s+als)?\s*)(?P<role>{roles})\b"
        self.name_then_role_readable = rf"\b(?P<name>{NAME}" + after_first  # (as it reads)
        # (the same, the word boundary before the name tested after its capital (NAME_START): a
        # pattern that opens with a character class lets the regex engine skip to the next
        # capital in C; searched in the 90 characters before each role word, the readable form
        # cost ~20 µs a role word on the real pages, ~1 % of the extraction)
        self.name_then_role = re.compile(rf"(?P<name>{NAME_START}" + after_first)
        # "der Vorsitzende des Vereins, Hans Muster, …", "Bürgermeister von Dorf, Ana Lima und …":
        # the holder in apposition after the office's complement, set off by commas; 44 matches
        # on 37 publishers of the twelve open splits, every one a person (the complement reaches
        # at most APPOSITION_REACH characters and holds no clause punctuation)
        self.role_apposition = re.compile(
            rf"\b(?P<role>{roles})\s+(?:des|der|von|vom|aus|im|für)\s+[^,.;:!?()\n]{{1,{APPOSITION_REACH}}}?,"
            rf"\s+(?P<name>{NAME}(?:\s+{NAME}){{1,2}})(?=\s*[,.;)]|\s+(?:und|sowie)\s)")
        self.role_words = Keywords(r["person_roles"])
        self._persons_memo: tuple[str, list] = ("", [])

    def person_matches(self, text: str) -> list[re.Match]:
        """"Oberbürgermeister Burkhard Jung", "Marc Kapust arbeitet als Fachkraft": the role
        patterns tried only where a role word stands (found in one pass)."""
        if self._persons_memo[0] == text:  # asked twice per article: before places, after
            return self._persons_memo[1]
        out = []
        for start, end in self.role_words.find(text):
            m = self.role_then_name.match(text, start) or self.role_apposition.match(text, start)
            if m:
                out.append(m)
            for m in self.name_then_role.finditer(text, max(0, start - 90), end + 1):
                if m.end("role") == end:
                    out.append(m)
        self._persons_memo = (text, out)
        return out

    def persons_spans(self, text: str) -> list[tuple[int, int]]:
        return [(m.start("name"), m.end("name")) for m in self.person_matches(text)]

    def find(self, ex: Extraction, ctx: Context) -> None:
        seen = set()
        for m in self.person_matches(ctx.text):
            name = m["name"]
            slug = slugify(name)
            if slug in seen:
                continue
            seen.add(slug)
            sent = sentence_of(ctx.sentences, m.start())
            places = ctx.places_by_sentence.get(sent, [])
            represents = None
            if places:
                nearest = min(places, key=lambda x: abs(x.start - m.start()))
                represents = ("municipality", nearest.ref)
            ex.persons.append(Person(slug=slug, name=name, role=m["role"], represents=represents, evidence=sent))
            ex.mentions.append(Mention("person", slug, name, m.start("name"), m.end("name"), sent))
