"""The members of a set of partners that one sentence names and the next sentences give: "Dresden
hat dreizehn Partnerstädte. Den Anfang machten Coventry und Breslau. … Bei Coventry und Rotterdam
…", "Partnerschaften zu 14 Städten unterhält Leipzig. Die erste wurde mit Kiew geschlossen …",
"Sieben deutsche Partnerstädte hat X … A und B …". The set sentence
names one town, not as a venue or a partner ("im italienischen X", "mit X"), and counts its
partners or names all of them (`set_owner_count` in relations-de.json); the sentences after it
that name only towns of another country than the owner's are its members, until one names a town
of the owner's country (another owner may speak there) or SET_REACH sentences have passed. A town
after "in", "nach", "bei", "von", "aus" … is where something happens, lies or comes from, not a member. Only pairs no
other rule found are added (partnerships.py reads them after its sentence loop)."""

from __future__ import annotations

from ..models import Extraction, Mention, Span
from .context import Context
from .partner_mentions import PrepositionBefore, distinct

#: how many sentences after the set sentence its members may stand: the Dresden report names its
#: members in the three sentences after the count (first two, then a pair of them, then two more),
#: a Swiss report puts a one-phrase sentence ("Per Ende dieses Jahres.") between the set and its
#: two members; 3 covers both
SET_REACH = 3

#: a town right after one of these is where something happens or lies ("reiste nach Prag",
#: "Treffen in Krakau", "südwestlich von St. Louis") or where guests come from ("Die Delegation
#: aus X folgte der Einladung": test_extract_generalisation), not a member of the set, nor is
#: what is coordinated with it. (Guests "aus" a list of German towns are a foreign town's
#: partners on charismatismus.wordpress.com: four pairs left out for that rule)
_VENUE_WORDS = ("in", "nach", "bei", "im", "am", "über", "von", "aus")
_VENUE_BEFORE = PrepositionBefore(*_VENUE_WORDS)
#: nor is a town after these the owner of the set the sentence counts: the meeting's venue ("der
#: sechs Partnerstädte im italienischen X"), a partner ("Partnerschaften mit X"), a person's name
#: ("Herrn von X")
_NOT_OWNER_BEFORE = PrepositionBefore(*_VENUE_WORDS, "mit", "zu", "zum", "zur")


def _places(mentions: list[Mention], ex: Extraction) -> list[Mention]:
    return [m for m in distinct(mentions) if m.kind == "municipality" and m.ref in ex.places]


def set_members(ex: Extraction, ctx: Context, by_sentence: dict[Span, list[Mention]],
                set_owner) -> list[tuple[Mention, Mention, Span]]:
    """(owner, member, the member's sentence) of every set a sentence names and the sentences
    after it fill (`by_sentence`: the partner mentions of each sentence)."""
    if len(by_sentence) < 2:
        return []
    text = ex.article.analysed_text
    out: list[tuple[Mention, Mention, Span]] = []
    for sent, here in by_sentence.items():
        if len(here) > 1 and len({m.ref for m in here}) > 1:
            continue  # (cheap test first: a set sentence names one place)
        here = _places(here, ex)
        if len(here) != 1:
            continue
        owner = here[0]
        if not set_owner.search(text, sent.start, sent.end) \
                or _NOT_OWNER_BEFORE(text, sent, owner):
            continue
        side = ex.places[owner.ref].country
        i = ctx.sentence_index.get(sent)
        if side is None or i is None:
            continue
        for later in ctx.sentences[i + 1:i + 1 + SET_REACH]:
            members = _places(by_sentence.get(later, []), ex)
            if any(ex.places[m.ref].country in (side, None) for m in members):
                break  # a town of the owner's side (or of no known country): another owner may speak
            if any(_VENUE_BEFORE(text, later, m) for m in members):
                continue  # venues, and what is coordinated with them ("Gäste aus A, B und C"), as in succession.py
            out += ((owner, m, later) for m in members)
    return out
