"""Small questions the pair rules ask about partner mentions: is it a German place, are two of one
country, which are distinct, is it a genitive ("Hamburgs") or a city adjective ("Berliner"),
which German place the sentences before were about."""

from __future__ import annotations

import re

from ..models import Extraction, Mention, Span

HOME = "DE"  # Germany; the article's own side is ex.home (home.py)

#: a place this close to the start of a sentence is its subject: "Der Großbezirk X", "Die
#: Landeshauptstadt X" (the longest such openings we met are about 30 characters)
SUBJECT_REACH = 40


def genitive(m: Mention, ex: Extraction) -> bool:
    """"Hamburgs", "Kiels": the name with a genitive s."""
    place = ex.places.get(m.ref) if m.kind == "municipality" else None
    return place is not None and m.surface.endswith("s") and not place.name_de.endswith("s") \
        and m.surface[:-1] in (place.name_de, place.name_en)


def adjectival(m: Mention, ex: Extraction) -> bool:
    """"Berliner", "Würzburger": the city adjective, not the name."""
    place = ex.places.get(m.ref) if m.kind == "municipality" else None
    return place is not None and m.surface.endswith("er") and not place.name_de.endswith("er") \
        and m.surface[:-2] in (place.name_de, place.name_en)


def has_home_region(sent: Span, ex: Extraction) -> bool:
    """Does the sentence name a German Land (a partner of regions, not of towns)?"""
    return any(m.kind == "region" and m.sentence == sent and ex.regions.get(m.ref, ("", None))[1] == ex.home
               for m in ex.mentions)


def has_home(mentions: list[Mention], ex: Extraction) -> bool:
    # (a loop, not any() over a generator: asked ~5,000 times a pass of the real pages)
    for m in mentions:
        if m.kind == "municipality":
            place = ex.places.get(m.ref)
            if place is not None and place.country == ex.home:
                return True
    return False


def recent_home(history: list[list[Mention]], ex: Extraction,
                listed: frozenset[str] | set[str] = frozenset()) -> Mention | None:
    """The German place the latest sentences were about: not one that was itself the partner
    "mit" named ("Die Partnerschaften mit Leipzig (1988) und Brünn (1991) …" speaks of the city whose list came before),
    nor one of `listed`, German places already read as an item of another town's list of
    partners ("Hamburg hat neun Partnerstädte: …, Dresden, …")."""
    text = ex.article.analysed_text
    for past in reversed(history):
        homes = [m for m in past if m.kind == "municipality" and ex.places.get(m.ref) is not None
                 and ex.places[m.ref].country == ex.home and m.ref not in listed and not adjectival(m, ex)
                 and not _PARTNER_OF_MIT.search(text, max(m.sentence.start, m.start - MIT_REACH), m.start)]
        if len({m.ref for m in homes}) == 1:
            return homes[0]
        if homes:
            # several German places: the one that opens the sentence is its subject ("Der
            # Großbezirk Charlottenburg-Wilmersdorf pflegt sie mit Hilfe des Vereins Charlottenburg")
            first = min(homes, key=lambda m: m.start)
            if first.start - first.sentence.start <= SUBJECT_REACH:
                return first
    return None


def visitors_from(text: str, m: Mention) -> bool:
    """Is the place where visitors come from ("Delegation aus X", "Gäste aus dem benachbarten X")?"""
    return "aus" in text[max(0, m.start - VISITORS_REACH):m.start] and \
        _VISITORS_FROM.search(text, max(0, m.start - VISITORS_REACH), m.start) is not None


#: "aus ", "aus dem benachbarten ", "aus der Partnerstadt ": how far before a place its "aus" may stand
VISITORS_REACH = 40
_VISITORS_FROM = re.compile(r"\baus\s+(?:(?:dem|der|den)\s+)?(?:[a-zäöüß\-]+\s+){0,2}"
                            r"(?:(?:Stadt|Gemeinde|Partnerstadt|Partnergemeinde)\s+)?$")


class PrepositionBefore:
    """Whether a place stands right after one of some prepositions, maybe with an article and up
    to two lower-case words between ("nach Prag", "in der alten X", "aus dem benachbarten X"):
    where something happens, lies or comes from. Each rule that asks names its own prepositions
    (succession.py, set_members.py)."""

    def __init__(self, *words: str):
        self.pattern = re.compile(r"\b(?:" + "|".join(words) + r")\s+(?:(?:der|dem|den|die|das)\s+)?"
                                  r"(?:[a-zäöüß\-]+\s+){0,2}$")

    def __call__(self, text: str, sent: Span, m: Mention) -> bool:
        return self.match(text, sent, m) is not None

    def match(self, text: str, sent: Span, m: Mention) -> re.Match | None:
        """The preposition and what follows it up to the place, or None (a rule that reads what
        stands before the preposition: venue_partners.py)."""
        return self.pattern.search(text, max(sent.start, m.start - PREPOSITION_REACH), m.start)


#: "aus der alten Hansestadt ": how far before a place its preposition may stand
PREPOSITION_REACH = 40


def partner_of_mit(text: str, m: Mention) -> bool:
    """Is the place the partner a "mit" names ("… mit der Stadt X", "mit dem sächsischen X")?"""
    return bool(_PARTNER_OF_MIT.search(text, max(m.sentence.start, m.start - MIT_REACH), m.start))


#: "mit der Stadt ", "mit dem sächsischen ": how far before a place its "mit" may stand
MIT_REACH = 30
_PARTNER_OF_MIT = re.compile(r"\b[Mm]it\s+(?:(?:der|dem|den)\s+)?(?:[a-zäöüß\-]+\s+)?(?:(?:Stadt|Gemeinde|Kommune)\s+)?$")


def names_new_partner(s_text: str, here: list[Mention], before: tuple[Mention, Mention] | None,
                      named_partner: re.Pattern) -> bool:
    """Does "die Partnerschaft mit X" name a town that is not in the pair `before`? Then it is no
    anaphor for that pair ("… folgte die Partnerschaft mit X" after the pair A–B; `weak_anaphora_named_partner`), while "die Partnerschaft mit Tekirdağ"
    after Bayreuth–Tekirdağ is that pair."""
    return bool(here and here[0].ref not in {m.ref for m in before or ()} and named_partner.search(s_text))


def names_partner_noun(text: str, sent: Span) -> bool:
    """Whether a sentence holds a partner or twin-town noun ("Partnerstädte", "Schwesterstadt"):
    the cheap test before the regexes of a rule that needs one."""
    return text.find("artner", sent.start, sent.end) >= 0 or text.find("chwester", sent.start, sent.end) >= 0


def same_country(a: Mention, b: Mention, ex: Extraction) -> bool:
    pa, pb = ex.places.get(a.ref), ex.places.get(b.ref)
    return bool(pa and pb and pa.country and pa.country == pb.country)


def sealed_by_both(text: str, sent: Span, here: list[Mention], rules) -> bool:
    """Are the sentence's only two places the two that sealed one partnership between them
    ("Hameln und Quedlinburg unterzeichneten ihren Partnerschaftsvertrag"; `_domestic_pair` in
    relations-de.json), or that own it ("… feierten das Jubiläum ihrer Städtepartnerschaft")?
    Then two towns of one country are partners, not fellow partners of a third."""
    if len(here) != 2:
        return False
    first, second = sorted(here, key=lambda m: m.start)
    # one clause: "Hameln und Quedlinburg besuchten die Feier, bei der die Städtepartnerschaft
    # unterzeichnet wurde" does not say whose partnership it was
    start = max(text.rfind(",", sent.start, first.start), text.rfind(";", sent.start, first.start), sent.start)
    ends = [i for i in (text.find(",", second.end, sent.end), text.find(";", second.end, sent.end)) if i >= 0]
    clause = text[start:min(ends, default=sent.end)]
    return bool(rules.domestic_pair_join.fullmatch(text, first.end, second.start)
                and (rules.formal_act.search(clause) and rules.domestic_pair_noun.search(clause)
                     or rules.domestic_pair_possessive.search(clause))
                and not re.search(r"\bmit\b", clause[second.end - start:])) \
        or _owned_with_mit(text, first, second, clause, clause[second.end - start:], rules)


#: "… mit der Gemeinde X" as partner_of_mit, and "Mit X ist …" opening the sentence
_OPENING_OR_PARTNER_MIT = re.compile(r"\b[Mm]it\s+(?:(?:der|dem|den)\s+)?(?:[a-zäöüß\-]+\s+)?(?:(?:Stadt|Gemeinde|Kommune)\s+)?$")

#: "gemeinsam mit X", "zusammen mit X", "wie X": a fellow actor, not the partner
_FELLOW_BEFORE = re.compile(r"\b(?:gemeinsam|zusammen|ebenso|wie)\s+(?:mit\s+)?(?:(?:der|dem|den)\s+)?(?:[a-zäöüß\-]+\s+)?"
                            r"(?:(?:Stadt|Gemeinde|Kommune)\s+)?$", re.IGNORECASE)


def _owned_with_mit(text: str, first: Mention, second: Mention, clause: str, tail: str, rules) -> bool:
    """"Mit Aue ist Solingen seit 1990 befreundet", "Unsere Gemeinde X pflegt mit der Gemeinde Y
    eine Partnerschaft": one clause, exactly one of its two places the partner a "mit" names, the
    other its owner, and the clause states one partnership or a friendship (`_domestic_mit_pair`
    in relations-de.json). No third partner after them ("… mit Y eine Partnerschaft mit Z")."""
    mit = [m for m in (first, second)
           if _OPENING_OR_PARTNER_MIT.search(text, max(m.sentence.start, m.start - MIT_REACH), m.start)]
    if len(mit) != 1 or re.search(r"[,;]", text[first.end:second.start]) or re.search(r"\bmit\b", tail):
        return False
    if _FELLOW_BEFORE.search(text, max(mit[0].sentence.start, mit[0].start - MIT_REACH - 12), mit[0].start):
        return False
    return bool(rules.domestic_pair_noun.search(clause) or rules.domestic_mit_predicate.search(clause))


def distinct(mentions: list[Mention]) -> list[Mention]:
    if len(mentions) < 2:
        return list(mentions)  # (asked for every sentence; most name one place or none)
    seen, out = set(), []
    for m in sorted(mentions, key=lambda x: x.start):
        if (m.kind, m.ref) not in seen:
            seen.add((m.kind, m.ref))
            out.append(m)
    return out


def covered(ex: Extraction, text: str) -> bytearray:
    """1 at every character a municipality mention covers: whether a span overlaps one, in time
    linear in the text (a page may name thousands of places)."""
    out = bytearray(len(text))
    for m in ex.mentions:
        if m.kind == "municipality":
            out[m.start:m.end] = b"\x01" * (m.end - m.start)
    return out
