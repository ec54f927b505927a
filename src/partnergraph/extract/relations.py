"""Relations between the entities of one article: partnerships, events, people, population.

The rules are data (``data/rules-de.json``, ``data/relations-de.json``); this module applies them
sentence by sentence.
A partnership needs a cue (a partnership-type word, "kooperieren", "Partnerstadt" …) and two
partners, found in the same sentence, through an anaphor ("die beiden Städte", "ihre
Partnerstadt X") that points back to earlier sentences, or in a title "Leipzig – Kyjiw: …".
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from typing import TYPE_CHECKING

from ..graph.iri import slugify
from ..models import Event, Extraction, Mention, Partnership, Person, PopulationFigure, Span
from .matcher import Keywords
from .sentences import sentence_of
from ..sources.dates import LONG_DATE, MONTHS, month_number

if TYPE_CHECKING:
    from .extractor import Context, Extractor

HOME = "DE"
#: partners further apart than this many sentences are not joined by a pair anaphor
#: ("die beiden Städte"); 3 covers the teaser pattern of the seed (place, place, then anaphor)
ANAPHOR_REACH = 3
#: more places than this in one cue sentence is a list, not a partnership statement
MAX_PLACES_IN_PAIR_SENTENCE = 4
#: sentences kept as evidence of one partnership in one article; news articles state a pair in
#: at most a handful of sentences, so this only bounds pathological input (the same sentence
#: repeated 60,000 times) without losing real evidence
MAX_EVIDENCE = 20

_NAME = r"[A-ZÄÖÜ][a-zäöüßéèáàíóúñç\-]+"
_DATE_RANGE = re.compile(
    r"(?i:\bvom)\s+(?P<d1>\d{1,2})\.\s*(?:(?P<m1>[A-Za-zä]+)\s+)?bis\s+(?:zum\s+)?(?P<d2>\d{1,2})\.\s*(?P<m2>[A-Za-zä]+)\s+(?P<y>\d{4})")


#: two pairs of names in a row, "A und B, C und D" or "A-B, C-D": a list of partner pairs, which
#: continues the sentence about partnerships before it
_PAIR_LIST = re.compile(
    r"[A-ZÄÖÜ][\w'’.]*\s*(?:\bund\b|[-–—/])\s*[A-ZÄÖÜ][\w'’\-]*\s*(?:,|;|\bsowie\b|\bund\b|\boder\b)\s*"
    r"[A-ZÄÖÜ][\w'’.]*\s*(?:\bund\b|[-–—/])\s*[A-ZÄÖÜ]")

#: a colon, then names separated by commas: "… ebenso einzelne Städte: Ulm, Gotha und …"
_COLON_LIST = re.compile(r":\s*[A-ZÄÖÜ][\w'’\-]*(?:\s+[A-ZÄÖÜ][\w'’\-]*)?\s*(?:,|\bund\b|[-–])\s*[A-ZÄÖÜ]")


class RelationRules:
    def __init__(self, extractor: Extractor):
        r = extractor.rules
        self.x = extractor
        # one alternation, one pass per sentence: has_cue runs for every sentence and place hit
        self.cue = re.compile("|".join(f"(?:{p})" for p in r["partnership_cues"]), re.IGNORECASE)
        self._cue_memo: dict[str, bool] = {}
        self.blockers = tuple(r["partnership_blockers"])
        self.pair_anaphora = re.compile(r"\b(?:" + "|".join(map(re.escape, r["pair_anaphora"])) + r")\b", re.IGNORECASE)
        self.weak_pair_anaphora = re.compile(r"\b(?:" + "|".join(map(re.escape, r["weak_pair_anaphora"])) + r")\b",
                                             re.IGNORECASE)
        self.indefinite_partner = re.compile(r["indefinite_partner"], re.IGNORECASE)
        self.seat_before = re.compile(r["seat_before"] + r"\s*$")
        self.plural_partners = re.compile(r"\b(?:" + "|".join(map(re.escape, r["plural_partners"])) + r")\b(?!\s+[A-ZÄÖÜ])",
                                          re.IGNORECASE)
        self.owner_before = re.compile(r"\b(?:" + "|".join(map(re.escape, r["owner_before"])) + r")\s+$", re.IGNORECASE)
        self.locator = re.compile(r"\s*\(?(?:" + "|".join(map(re.escape, sorted(r["locators"], key=len, reverse=True)))
                                  + r")\s+", re.IGNORECASE)
        self.owner_noun_before = re.compile(r"\b(?:" + "|".join(map(re.escape, r["owner_after_nouns"])) + r")\s+$",
                                            re.IGNORECASE)
        self.owner_after = re.compile(r"\s+(?:" + "|".join(map(re.escape, r["owner_after_nouns"])) + r")\b", re.IGNORECASE)
        self.partner_anaphora = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(r["partner_anaphora"], key=len, reverse=True))) + r")\b", re.IGNORECASE)
        # (pattern, counts only inside a list item): a bare year says "since" only in a list
        self.starts = [(re.compile(p["re"], re.IGNORECASE), bool(p.get("list_item_only")), tuple(p.get("keys", ())))
                       for p in r["start_patterns"]]
        self.ages = [re.compile(p, re.IGNORECASE) for p in r["age_patterns"]]
        self.anniversary_year = re.compile(r["anniversary_year_pattern"], re.IGNORECASE)
        self.status_patterns = [(re.compile(p["re"], re.IGNORECASE), p["status"], frozenset(p.get("keys", ())))
                                for p in r["status_patterns"]]
        self.status_keys = tuple(sorted({k for p in r["status_patterns"] for k in p.get("keys", ())}))
        # most stretches state no date at all: one cheap test before the dozen date patterns
        self.any_date = re.compile(r"1[89]\d\d|20\d\d|\d\.\s?\d\d?\.\s?\d\d\b|(?:ergangene|letzte)[nms]?\s+jahr|vorjahr|\d\s*(?:-\s*)?j(?:a|ä)hr|\d\.\s*(?:jubil|jahrest)", re.IGNORECASE)
        self.negations = frozenset(w.lower() for w in r["status_negations"])
        self.pair_joiners = frozenset(r["pair_joiners"])
        self.implied_type = r["programme_implies_type"]
        self.apposition_types = {k.lower(): v for k, v in r["apposition_nouns"].items()}
        nouns = "|".join(map(re.escape, sorted(r["apposition_nouns"], key=len, reverse=True)))
        # "<A>s thüringische Partnerstadt <B>", "<A>s Partnerstadt <B>", "<A> und ihre Partnerstadt <B>"
        self.apposition = re.compile(
            rf"(?:s|’|')?\s+(?:und\s+(?:ihre|seine|deren)\s+)?(?:[a-zäöüß\-]+(?:e|en|er|es)\s+){{0,2}}"
            rf"(?P<noun>{nouns})\s+", re.IGNORECASE)
        self.title_seps = r["title_pair_separators"]
        heads = "|".join(map(re.escape, sorted(r["utility_heads"], key=len, reverse=True)))
        self.utility = re.compile(
            rf"\b(?:(?:{_NAME}|[A-ZÄÖÜ]+)\s+){{0,2}}(?:{heads})(?:\s+(?:{_NAME}|[A-ZÄÖÜ]{{2,}})(?:\s+{_NAME})?)?"
            rf"|\b(?:{_NAME}\s+){{1,3}}(?:{heads})\b")
        roles = "|".join(map(re.escape, sorted(r["person_roles"], key=len, reverse=True)))
        self.role_then_name = re.compile(rf"\b(?P<role>{roles})(?:\s+(?:von|der|des|aus)\s+{_NAME})?\s+(?P<name>{_NAME}(?:\s+{_NAME}){{1,2}})\b")
        self.name_then_role = re.compile(
            rf"\b(?P<name>{_NAME}\s+{_NAME})\s*(?:,\s*(?:die|der)?\s*|\s+(?:arbeitet|ist|war)\s+(?:als|seit\s+\S+\s+als)?\s*)(?P<role>{roles})\b")
        self.role_words = Keywords(r["person_roles"])
        self._persons_memo: tuple[str, list] = ("", [])
        self.utility_heads = Keywords(r["utility_heads"])
        self.population = re.compile(r["population_pattern"])
        # the head only (no leading [\w-]*, which backtracks at every position); the word
        # around it and the adjectives before it are collected by walking back
        self.event_heads = Keywords(r["event_heads"], ignore_case=True, word_start=False)
        self.ordinals = r["ordinals"]
        self.host_cues = tuple(c.lower() for c in r["event_host_cues"])

    # -- people are found first: their names must not become places ------------------------

    def person_matches(self, text: str) -> list[re.Match]:
        """"Oberbürgermeister Burkhard Jung", "Marc Kapust arbeitet als Fachkraft": the role
        patterns tried only where a role word stands (found in one pass)."""
        if self._persons_memo[0] == text:  # asked twice per article: before places, after
            return self._persons_memo[1]
        out = []
        for start, end in self.role_words.find(text):
            m = self.role_then_name.match(text, start)
            if m:
                out.append(m)
            for m in self.name_then_role.finditer(text, max(0, start - 90), end + 1):
                if m.end("role") == end:
                    out.append(m)
        self._persons_memo = (text, out)
        return out

    def persons_spans(self, text: str) -> list[tuple[int, int]]:
        return [(m.start("name"), m.end("name")) for m in self.person_matches(text)]

    def apply(self, ex: Extraction, ctx: Context) -> None:
        ctx.places_by_sentence = {}
        for m in ex.mentions:
            if m.kind == "municipality":
                ctx.places_by_sentence.setdefault(m.sentence, []).append(m)
        self._persons(ex, ctx)
        self._populations(ex, ctx)
        self._utilities(ex, ctx)
        self._partnerships(ex, ctx)
        self._events(ex, ctx)

    # -- partnerships ----------------------------------------------------------------------

    def has_cue(self, sentence: str) -> bool:
        """Does the sentence state a partnership (a cue word that is no blocker)?"""
        known = self._cue_memo.get(sentence)
        if known is not None:
            return known
        lower = sentence.lower()
        found = False
        for m in self.cue.finditer(lower):
            if not self._blocked(lower, m.start(), m.end()):
                found = True
                break
        if len(self._cue_memo) > 10_000:  # one article's sentences are asked about many times
            self._cue_memo.clear()
        self._cue_memo[sentence] = found
        return found

    def _blocked(self, lower: str, start: int, end: int) -> bool:
        """Is the word around this cue a blocker ("Partnerschaftskonferenz")?"""
        word_end = end
        while word_end < len(lower) and lower[word_end].isalnum():
            word_end += 1
        word_start = lower.rfind(" ", 0, start) + 1
        return lower[word_start:word_end].strip("„\"(").lower().startswith(self.blockers)

    def mark_partnership_context(self, ex: Extraction, ctx: Context) -> None:
        """Which sentences speak about a partnership, decided before places are resolved (a
        foreign town needs less fame there): a cue word or a partnership-type word of the
        vocabulary ("Jumelage", "Schwesterstadt"); the lines of a list that a cue sentence
        introduces ("Unsere Partnerstädte" / "… mit folgenden Städten:" then one partner a
        line); and a sentence that goes on after a colon from a cue sentence ("Dazu zählen
        auch einzelne Städte: Ulm und …")."""
        text = ctx.text
        lower = text.lower() if ex.mentions else ""
        typed = {m.sentence for m in ex.mentions if m.kind == "partnership-type" and m.ref != "unspecified"
                 and not self._blocked(lower, m.start, m.end)}
        intro: Span | None = None
        prev_cue = False
        for sent in ctx.sentences:
            s_text = text[sent.start:sent.end]
            cue = bool(typed) and sent in typed or self.has_cue(s_text)
            if intro is not None and _is_list_line(s_text):
                ctx.list_items[sent] = intro
                cue = True
            else:
                intro = None
                if not cue and prev_cue and (
                        (any(j in s_text for j in (" und ", "-", "–", "—", "/")) and _PAIR_LIST.search(s_text))
                        or (":" in s_text and _COLON_LIST.search(s_text))):
                    cue = True
                if cue and _introduces_list(s_text):
                    intro = sent
            ctx.cue_sentences[sent] = cue
            prev_cue = cue

    def _partnerships(self, ex: Extraction, ctx: Context) -> None:
        text = ctx.text
        partner_mentions = [m for m in ex.mentions if m.kind in ("municipality", "organisation-partner")
                            and not (m.kind == "municipality" and self._seat(text, m))]
        by_sentence: dict[Span, list[Mention]] = {}
        for m in partner_mentions:
            by_sentence.setdefault(m.sentence, []).append(m)
        types_by_sentence: dict[Span, list[Mention]] = {}
        for m in ex.mentions:
            if m.kind == "partnership-type" and m.ref != "unspecified":
                types_by_sentence.setdefault(m.sentence, []).append(m)
        found: dict[frozenset, dict] = {}
        history: list[list[Mention]] = []  # partner mentions of the sentences read so far
        facts = _Facts(self, ex, ctx, by_sentence)

        def record(a: Mention, b: Mention, sent: Span, type_hint: str | None = None,
                   taken: tuple[tuple[int, int], ...] = (), scope: tuple[int, int] | None = None,
                   default_type: str | None = None, list_item: bool = False,
                   list_start: int | None = None) -> None:
            if (a.kind, a.ref) == (b.kind, b.ref):
                return
            key = frozenset({(a.kind, a.ref), (b.kind, b.ref)})
            entry = found.setdefault(key, {"evidence": {}, "first": min(a.start, b.start), "types": [], "spans": [],
                                           "dated": [], "status": []})
            if sent not in entry["evidence"] and len(entry["evidence"]) < MAX_EVIDENCE:
                entry["evidence"][sent] = None
                entry["spans"].append((min(a.start, b.start), max(a.end, b.end)))
                year, month, status = facts.of(a, b, sent, scope, list_item)
                if year is not None:
                    entry["dated"].append((year, month))
                if status:
                    entry["status"].append(status)
            # a type word inside an apposition ("Erlangens Partnerstadt Jena") names that pair
            # only, not another pair of the sentence ("… unterhält eine Verbindung nach San Marcos")
            free = [t for t in types_by_sentence.get(sent, []) if not any(s <= t.start < e for s, e in taken)]
            if scope is not None:
                # in a list, the type word of that item ("Gotha und Kromeriz (Freundschaft)"), else
                # one before the list ("Zu den Projektpartnern zählen A, B, C"), shared by all items
                free = [t for t in free if scope[0] <= t.start < scope[1]] or \
                    [t for t in free if t.start < (list_start if list_start is not None else scope[0])]
            hint = type_hint or _introduced_type(free, a, b, by_sentence.get(sent, [])) or _nearest_type(free, a, b) \
                or default_type
            if hint and hint not in entry["types"]:
                entry["types"].append(hint)

        title_end = len(ex.article.title) if ex.article.title and ex.article.text else 0
        home = _ArticleHome(ex, title_end, lambda: [
            m for sent, ms in by_sentence.items() for m in self._owners(ex, sent, _distinct(ms)) if _has_home([m], ex)])
        #: the list being read: its intro, owner, type, and how many lines in a row named no place
        block: tuple[Span, Mention | None, str | None, int] | None = None
        prev_cue = False
        for sent in ctx.sentences:
            here = _distinct(by_sentence.get(sent, []))
            s_text = text[sent.start:sent.end]
            cue = ctx.cue_sentences.get(sent)
            if cue is None:
                cue = ctx.cue_sentences[sent] = self.has_cue(s_text)
            intro = ctx.list_items.get(sent)
            if intro is not None:
                if block is None or block[0] != intro:
                    block = (intro, *self._list_owner(ex, intro, by_sentence, types_by_sentence, history, home), 0)
                _, owner, block_type, misses = block
                owners = self._owners(ex, sent, here)
                partners = [m for m in here if m not in owners
                            and (owner is None or (m.kind, m.ref) != (owner.kind, owner.ref))]
                # two lines in a row without a place: the list is over ("Geschichte", "Bearbeiten")
                block = (intro, owner, block_type, 0 if partners else misses + 1)
                if misses >= 2:
                    owner = None
                    partners = []
                if owner is not None:
                    items = self._pair_items(ex, sent, partners)
                    if items:  # "• Kiel – Brest": a line that names a pair of its own
                        for a, b, scope in items:
                            record(a, b, sent, scope=scope, default_type=block_type, list_start=items[0][2][0])
                    else:
                        for m, scope in _segments(partners, sent, from_start=True, text=text):
                            record(owner, m, sent, scope=scope, default_type=block_type, list_item=True,
                                   list_start=sent.start)
                elif len(partners) == 2 and not _same_country(partners[0], partners[1], ex):
                    record(partners[0], partners[1], sent, default_type=block_type)
            elif sent.end <= title_end and len(here) == 2 and self._title_pair(s_text, here, sent) \
                    and not _same_country(here[0], here[1], ex):
                record(here[0], here[1], sent)
            elif cue:
                self._cue_sentence(ex, sent, s_text, here, history, record, home)
            elif prev_cue:
                # "… reichen in die Nachkriegszeit zurück. Beispiele sind Hannover-Bristol,
                # Würzburg-Dundee und …": a list of pairs right after a sentence about partnerships
                items = self._pair_items(ex, sent, here)
                if len(items) >= 2:
                    for a, b, scope in items:
                        record(a, b, sent, scope=scope, list_start=items[0][2][0])
            prev_cue = bool(cue)
            history.append(here)
            history = history[-ANAPHOR_REACH:]
        self._emit(ex, ctx, found)

    def _seat(self, text: str, m: Mention) -> bool:
        """Is the place only where an organisation sits ("der Servicestelle Kommunen in der
        Einen Welt (SKEW) in Bonn", "Engagement Global mit Sitz in Bonn")?"""
        lo = max(0, m.start - SEAT_REACH)
        window = text[lo:m.start]
        # most places have neither a bracket nor "Sitz" before them: skip the pattern
        return (")" in window or "itz" in window) and bool(self.seat_before.search(text, lo, m.start))

    def _list_owner(self, ex: Extraction, intro: Span, by_sentence, types_by_sentence, history, home):
        """The municipality whose partners a list gives, and the type its introduction names:
        "Erlangen unterhält Städtepartnerschaften mit folgenden Städten:" → Erlangen,
        Städtepartnerschaft; a bare heading ("Partnerstädte") → the article's own town."""
        here = _distinct(by_sentence.get(intro, []))
        owners = self._owners(ex, intro, here)
        homes = [m for m in here if _has_home([m], ex)]
        if len({m.ref for m in owners}) == 1:
            owner = owners[0]  # "Die Partnerstädte von Opole:"
        elif len({m.ref for m in homes}) == 1:
            owner = homes[0]
        else:
            owner = _recent_home(history, ex) or home.get()
        types = types_by_sentence.get(intro, [])
        return owner, (types[0].ref if types else None)

    def _pair_items(self, ex: Extraction, sent: Span, here: list[Mention]) -> list[tuple[Mention, Mention, tuple[int, int]]]:
        """A list of pairs: "Augsburg und Poltawa, Wetzlar und Kamjanez-Podilskyj", "Kiel-Brest
        oder Felsberg- Vernouillet". Neighbours joined by "und" or a dash, a German town and a
        foreign one, taken two by two; each pair's scope runs to the next pair (its year, type
        and status stand there). A hyphenated name no gazetteer splits ("Tempelhof-Schöneberg",
        one place of one country) is no pair."""
        text = ex.article.analysed_text
        mentions = sorted(here, key=lambda m: m.start)
        items = []
        i = 0
        while i + 1 < len(mentions):
            a, b = mentions[i], mentions[i + 1]
            gap = text[a.end:b.start].strip()
            if gap in self.pair_joiners and _has_home([a], ex) != _has_home([b], ex) \
                    and not _same_country(a, b, ex):
                items.append((a, b))
                i += 2
            else:
                i += 1
        return [(a, b, (a.start, items[k + 1][0].start if k + 1 < len(items) else sent.end))
                for k, (a, b) in enumerate(items)]

    def _cue_sentence(self, ex: Extraction, sent: Span, s_text: str, here: list[Mention],
                      history: list[list[Mention]], record, home: _ArticleHome) -> None:
        """The pairs one sentence with a partnership cue states."""
        text = ex.article.analysed_text
        # "Mering bei Augsburg und Karmiel": Augsburg only says where Mering lies
        here = [m for i, m in enumerate(here)
                if not (i and m.start - here[i - 1].end <= LOCATOR_GAP
                        and self.locator.fullmatch(text, here[i - 1].end, m.start))]
        rest = list(here)
        taken: list[tuple[int, int]] = []
        # "Erlangens thüringische Partnerstadt Jena": an owner and its partner, side by side
        for owner, partner, noun in self._appositions(ex, sent, here):
            record(owner, partner, sent, self.apposition_types.get(noun.lower()))
            rest = [m for m in rest if m is not owner]
            taken.append((owner.end, partner.start))
        record = functools.partial(record, taken=tuple(taken)) if taken else record
        if len(rest) < len(here):
            here = rest
            if len(here) < 2:
                return
        # "Augsburg und Poltawa, Wetzlar und Kamjanez-Podilskyj, …": each pair on its own
        items = self._pair_items(ex, sent, here)
        if len(items) >= 2:
            for a, b, scope in items:
                record(a, b, sent, scope=scope, list_start=items[0][2][0])
            return
        # "… anlässlich des Jubiläums der Städtepartnerschaft zwischen Kiew und Leipzig": the
        # pair the sentence names outright, not the other places it mentions
        between = self._between_pairs(ex, sent, here)
        if between:
            for a, b in between:
                record(a, b, sent)
            return
        anaphor = self.partner_anaphora.search(s_text)
        after = [m for m in here if anaphor and m.start >= sent.start + anaphor.start()]
        if after:
            # "ihre Partnerstadt X": X and the subject, the nearest other place before. With no
            # place after the anaphor ("unterstützt München seine Partnerstadt") the partner
            # is one named elsewhere: nothing new is stated
            target = after[0]
            subject = _nearest_before(here, history, target)
            if subject:
                record(subject, target, sent)
                return
        if len(here) < 2 and self.pair_anaphora.search(s_text):
            pair = _last_pair(history + [here], ex)
            if pair:
                record(pair[0], pair[1], sent)
            return
        if len(here) < 2 and self.weak_pair_anaphora.search(s_text):
            pair = _last_pair(history + [here], ex, cross_border=True)
            if pair:
                record(pair[0], pair[1], sent)
            return
        owners = self._owners(ex, sent, here)
        if owners:
            # "Wegweiser zu den Partnerstädten von Opole": Opole's partners are meant, none named
            here = [m for m in here if m not in owners]
        if len({m.ref for m in owners}) == 1 and here:
            # "Tansania ist die neunte Partnerstadt Hamburgs, neben Dresden, Marseille, Prag …":
            # every other place is a partner of the owner
            segments = _segments(here, sent, text=ex.article.analysed_text) if len(here) >= 3 else [(m, None) for m in here]
            for m, scope in segments:
                record(owners[0], m, sent, scope=scope, list_item=scope is not None,
                       list_start=segments[0][1][0] if scope is not None else None)
            return
        if not owners and "artner" in s_text and self.plural_partners.search(s_text):
            # "Die Partnerstädte beteiligen sich, z.B. Koszalin und Charenton … und Ahlen"
            subject = _recent_home(history, ex) or home.get()
            for m in here:
                if subject is not None:
                    record(subject, m, sent)
            return
        if len(here) == 1 and self.indefinite_partner.search(s_text):
            return  # "Slawutitsch möchte gerne mit einer deutschen Stadt kooperieren"
        if len(here) >= 3 and _has_home(here, ex) and all(
                _list_member(m, here, text) for m in here if _has_home([m], ex)):
            # "die Verbindungen nach England (Eastleigh), Frankreich (…) und nach Weißenfels": a
            # German town inside a list of partners is a fellow partner, not their owner
            subject = _recent_home(history, ex) or home.get()
            if subject is not None:
                for m in here:
                    record(subject, m, sent)
            return
        if _has_home(here, ex):
            home_refs = {m.ref for m in here if _has_home([m], ex)}
            text = ex.article.analysed_text
            intro = text[here[0].end:here[1].start] if len(here) > 1 else ""
            if len(here) >= 4 and _has_home([here[0]], ex) and here[0].ref not in {m.ref for m in here[1:]} and (
                    len(home_refs) == 1 or ":" in intro or self.has_cue(intro)):
                # "Heidelberg: Montpellier Frankreich 1961 Cambridge …", "Der Bezirk Spandau
                # unterhält Partnerschaften: seit 1955 mit Luton, …, seit 1992 mit Siegburg":
                # one town, then its list
                segments = _segments(here[1:], sent, text=ex.article.analysed_text)
                for m, scope in segments:
                    record(here[0], m, sent, scope=scope, list_item=True, list_start=segments[0][1][0])
                return
            if len(home_refs) > 1:
                # "besiegelten die Oberbürgermeister von München und Kiew …, vor dem Fall der
                # Berliner Mauer": a town's adjective beside named towns is no partner
                named = [m for m in here if not _adjectival(m, ex)]
                if len({m.ref for m in named if _has_home([m], ex)}) >= 1:
                    here = named
            if len(here) <= MAX_PLACES_IN_PAIR_SENTENCE or len(home_refs) == 1:
                for a, b in _pairs(here, ex):
                    # municipal partnerships cross borders; two places of one country in a
                    # cue sentence are fellow partners of a third, unless it says "zwischen"
                    if _same_country(a, b, ex) and not re.search(r"\bzwischen\b", s_text):
                        continue
                    record(a, b, sent)
            return
        # only foreign places: "Zu den Projektpartnern zählen Buchara …, Cape Coast … und Ulan
        # Bator" lists partners of the German municipality the article is about (a list of them
        # for the article's own town: one foreign place alone may be anybody's partner)
        subject = (owners[0] if owners else None) or _recent_home(history, ex)
        if subject is None and len(here) >= 2 and not _has_home_region(sent, ex) and not re.search(r"\bzwischen\b", s_text):
            # not where Länder are the partners ("Odessa Gebiet und Baden-Württemberg, …")
            subject = home.get()
        if not here:
            return
        if subject is not None:
            if len(here) >= 3:
                segments = _segments(here, sent, text=ex.article.analysed_text)
                for m, scope in segments:
                    record(subject, m, sent, scope=scope, list_item=True, list_start=segments[0][1][0])
            else:
                for m in here:
                    record(subject, m, sent)
        elif len(here) == 2 and not _same_country(here[0], here[1], ex):
            record(here[0], here[1], sent)

    def _between_pairs(self, ex: Extraction, sent: Span, here: list[Mention]) -> list[tuple[Mention, Mention]]:
        """ "zwischen A und B" (places of different countries), also "zwischen A und der
        Verbandsgemeinde B sowie dem Landkreis C" (A–B, A–C) and several in one sentence."""
        text = ex.article.analysed_text
        pairs = []
        for z in _BETWEEN.finditer(text, sent.start, sent.end):
            after = [m for m in here if m.start >= z.end()]
            if len(after) < 2 or not _ARTICLE_AND_NOUNS.fullmatch(text[z.end():after[0].start]):
                continue
            a = after[0]
            prev = a
            for k, b in enumerate(after[1:]):
                joiner = _BETWEEN_AND if k == 0 else _BETWEEN_ALSO
                if not joiner.fullmatch(text[prev.end:b.start]):
                    break
                if not _same_country(a, b, ex):
                    pairs.append((a, b))
                prev = b
        return pairs

    def _owners(self, ex: Extraction, sent: Span, here: list[Mention]) -> list[Mention]:
        """Places named as the owner of partners, not as a partner: "Münchens Partnerstädte"
        (no place follows the noun, else it is an apposition), "Partnerstädte von Opole"."""
        text = ex.article.analysed_text
        out = []
        if "artner" not in text[sent.start:sent.end]:
            return out  # every owner phrase has a Partner… noun
        for i, m in enumerate(here):
            # "Münchens Partnerstädte" (genitive: "Charlottenburg-Wilmersdorf Partnerstadt
            # geblieben" says what a place is, not whose partners follow)
            after = self.owner_after.match(text, m.end, sent.end) if _genitive(m, ex) else None
            if after and (i + 1 == len(here) or here[i + 1].start > after.end() + 40):
                out.append(m)
            elif self.owner_before.search(text, max(sent.start, m.start - 40), m.start):
                out.append(m)
            elif _genitive(m, ex) and self.owner_noun_before.search(text, max(sent.start, m.start - 40), m.start):
                out.append(m)  # "die neunte Partnerstadt Hamburgs, neben Dresden, Marseille …"
        return out

    def _appositions(self, ex: Extraction, sent: Span, here: list[Mention]):
        text = ex.article.analysed_text
        for a, b in zip(here, here[1:]):
            m = self.apposition.fullmatch(text[a.end:b.start])
            if m and a.kind == b.kind == "municipality":
                yield a, b, m["noun"]

    def _emit(self, ex: Extraction, ctx: Context, found: dict) -> None:
        text = ctx.text
        article_types = [m.ref for m in ex.mentions if m.kind == "partnership-type" and m.ref != "unspecified"]
        article_programmes = ex.refs("programme")
        year = ex.article.date.year if ex.article.date else None
        by_sentence: dict[Span, list[Mention]] = {}
        for m in ex.mentions:
            by_sentence.setdefault(m.sentence, []).append(m)
        for key, entry in sorted(found.items(), key=lambda kv: kv[1]["first"]):
            evidence = list(entry["evidence"])
            ev_mentions = [m for s in evidence for m in by_sentence.get(s, [])]
            types = list(entry["types"])
            programmes = [m.ref for m in ev_mentions if m.kind == "programme"]
            programme = programmes[0] if programmes else (article_programmes[0] if len(article_programmes) == 1 else None)
            if not types:
                if len(set(article_types)) == 1:
                    types = [article_types[0]]
                elif (dominant := _dominant_type(article_types)) is not None:
                    types = [dominant]
                elif programme in self.implied_type:
                    types = [self.implied_type[programme]]
                else:
                    types = ["unspecified"]
            if entry["dated"]:
                start_year, start_month = entry["dated"][0]
            else:
                start_year, start_month = self._start(text, evidence, ctx, year, refs={r for _, r in key},
                                                      by_sentence=by_sentence)
            if start_year is None and len(found) == 1:
                # the only partnership of the article: its date may stand in any cue sentence
                # ("Sie kann … auf eine lange Partnerschaft zurückblicken: Auf 62 Jahre")
                # (only sentences that name no other place: "Bremen machte 1985 den Anfang" dates
                # Bremen's partnership, not the article's Kiel–Qingdao)
                refs = {r for _, r in key}
                cue_sents = [s for s in ctx.sentences if ctx.cue_sentences.get(s)
                             and all(m.ref in refs for m in by_sentence.get(s, []) if m.kind == "municipality")]
                start_year, start_month = self._start(text, cue_sents, ctx, year, first_only=True)
            status = "ended" if "ended" in entry["status"] else "planned" if "planned" in entry["status"] else None
            themes = tuple(dict.fromkeys(m.ref for m in ev_mentions if m.kind == "theme"))
            for t in types:
                ex.partnerships.append(Partnership(
                    partners=tuple(sorted((k if k != "organisation-partner" else "organisation", r) for k, r in key)),
                    type=t, start_year=start_year, start_month=start_month, programme=programme,
                    themes=themes, evidence=tuple(evidence), status=status))

    def _title_pair(self, s_text: str, here: list[Mention], sent: Span) -> bool:
        a, b = here
        between = s_text[a.end - sent.start:b.start - sent.start].strip()
        return between in self.title_seps

    def _start(self, text: str, evidence: list[Span], ctx: Context, year: int | None,
               first_only: bool = False, refs: set[str] = frozenset(),
               by_sentence: dict[Span, list[Mention]] | None = None) -> tuple[int | None, int | None]:
        """A start the pair's evidence did not state itself: in the sentence after it that
        refers back to the pair ("Seit 2016 kooperieren die beiden Städte"), or, for the only
        partnership of an article, in any of its cue sentences (the first date found)."""
        by_sentence = by_sentence or {}
        sentences = []
        if first_only:
            sentences = list(evidence)
        else:
            for s in evidence:
                idx = ctx.sentence_index.get(s, -1)
                if idx > 0:
                    # a section heading over the evidence: "Seit 1958: Marseille"
                    head = ctx.sentences[idx - 1]
                    head_text = text[head.start:head.end]
                    if len(head_text) <= HEADING_MAX and not head_text.endswith((".", "!", "?")) and refs and \
                            (places := {m.ref for m in by_sentence.get(head, []) if m.kind == "municipality"}) and places <= refs:
                        sentences.append(head)
                if 0 <= idx + 1 < len(ctx.sentences):
                    nxt = ctx.sentences[idx + 1]
                    nxt_text = text[nxt.start:nxt.end]
                    if self.pair_anaphora.search(nxt_text) or self.weak_pair_anaphora.search(nxt_text):
                        sentences.append(nxt)
        for s in sentences:
            candidates = self._year_candidates(text, s.start, s.end, year, list_item=False)
            if candidates:
                best = min(candidates, key=lambda c: c[0])
                return best[2], best[3]
        return None, None

    def _year_candidates(self, text: str, lo: int, hi: int, year: int | None, list_item: bool):
        """(start, end, year, month) of every start date stated in text[lo:hi]."""
        chunk = text[lo:hi]
        candidates = []
        if not self.any_date.search(chunk):
            return candidates
        low = None
        for pat, item_only, keys in self.starts:
            if item_only and not list_item:
                continue
            if keys:
                low = chunk.lower() if low is None else low
                if not any(k in low for k in keys):
                    continue
            for m in pat.finditer(chunk):
                groups = m.groupdict()
                if groups.get("prev"):
                    if year is None:
                        continue  # "vergangenes Jahr" with no article date says no year
                    group, y = "prev", year - 1
                elif groups.get("yy"):
                    group, y = "yy", _full_year(int(m["yy"]), year)
                else:
                    group, y = "year", int(m["year"])
                if year is None or y <= year:
                    month = month_number(m["month"]) if m.groupdict().get("month") else None
                    candidates.append((lo + m.start(group), lo + m.end(group), y, month))
        for pat in self.ages:
            for m in pat.finditer(chunk):
                n = int(m["years"])
                if not 0 < n < 200:
                    continue
                # the anniversary's own year, when the sentence gives it ("Im Jahr 2018 feierten …
                # das 50-jährige Jubiläum"), else the article's date
                stated = [int(y["year"]) for y in self.anniversary_year.finditer(chunk)
                          if not (y.start() >= m.start() and y.end() <= m.end())]
                ref = min(stated, key=lambda y: abs(y - (year or y))) if stated else year
                if ref is not None and ref - n > 1800:
                    candidates.append((lo + m.start(), lo + m.end(), ref - n, None))
        return candidates


    # -- organisations as partners ----------------------------------------------------------

    def _utilities(self, ex: Extraction, ctx: Context) -> None:
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
        ex.mentions.sort(key=lambda x: (x.start, x.end, x.kind))

    # -- events ------------------------------------------------------------------------------

    def _events(self, ex: Extraction, ctx: Context) -> None:
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
            while i > 0 and words[i - 1][:1].islower() and words[i - 1] not in self.x._determiners \
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
        ex.mentions.sort(key=lambda x: (x.start, x.end, x.kind))

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

    # -- people ------------------------------------------------------------------------------

    def _persons(self, ex: Extraction, ctx: Context) -> None:
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

    #: the population pattern ends in one of these words; it is only tried around them: run
    #: over a whole article it cost 8 % of the extraction (Python's re tries it at every
    #: character), and most articles state no population. A figure with its multiplier
    #: ("1,2 Millionen Einwohner") ends well within this many characters before the unit
    POPULATION_UNITS = ("Einwohner", "einwohner", "Bewohner", "bewohner", "Menschen")
    POPULATION_REACH = 80

    def _population_matches(self, text: str) -> list[re.Match]:
        """The population pattern's matches, as `finditer` over the whole text gives them: it
        runs over windows around the units, merged where they overlap. A window ends at the end
        of a word, so no unit is cut short; lookbehind sees the text before a window's start."""
        windows: list[list[int]] = []
        for at in _unit_positions(text, self.POPULATION_UNITS):
            start, end = max(0, at - self.POPULATION_REACH), at + 1
            while end < len(text) and (text[end].isalnum() or text[end] in "*:_"):
                end += 1
            if windows and start <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], end)
            else:
                windows.append([start, end])
        return [m for start, end in windows for m in self.population.finditer(text, start, end)]

    def _populations(self, ex: Extraction, ctx: Context) -> None:
        text = ctx.text
        for m in self._population_matches(text):
            value = _number(m["num"], m["mult"])
            if value is None or value < 10:
                continue
            sent = sentence_of(ctx.sentences, m.start())
            places = ctx.places_by_sentence.get(sent, [])
            if not places:
                continue
            if m["unit"].lower().endswith("stadt"):
                after = [p for p in places if p.start >= m.end()]
                target = after[0] if after else places[-1]
            else:
                # "Yarinacocha … zählt etwa 100.000 Einwohner": the sentence's subject
                before = [p for p in places if p.end <= m.start()]
                target = before[0] if before else places[0]
            ex.populations.append(PopulationFigure(place=target.ref, value=value, evidence=Span(m.start(), m.end())))


class _ArticleHome:
    """The German municipality an article is about, for partners listed without their owner
    ("Unsere Partnerstädte: …" on a city's page): the only one named as an owner of partners
    ("Partnerstädte von X", "Xs Partnerstädte"), else the only one its title names, else the one
    the text names most often (at least twice, strictly more than any other)."""

    def __init__(self, ex: Extraction, title_end: int, owners=lambda: []):
        self.ex = ex
        self.title_end = title_end
        self.owners = owners  # asked only when a list needs its owner: most articles never do
        self._home: Mention | None = None
        self._known = False

    def get(self) -> Mention | None:
        if not self._known:
            self._known = True
            homes = [m for m in self.ex.mentions if m.kind == "municipality" and _has_home([m], self.ex)]
            in_title = [m for m in homes if m.end <= self.title_end]
            owners = self.owners()
            if len({m.ref for m in owners}) == 1:
                self._home = owners[0]  # "Die Liste der Partnerstädte von Tempelhof-Schöneberg"
            elif len({m.ref for m in in_title}) == 1:
                self._home = in_title[0]
            elif homes:
                counts = Counter(m.ref for m in homes).most_common(2)
                if counts[0][1] >= 2 and (len(counts) == 1 or counts[0][1] > counts[1][1]):
                    self._home = next(m for m in homes if m.ref == counts[0][0])
        return self._home


class _Facts:
    """Start year and status of one pair as one sentence, or one item of a list, states them.

    A date or a status word in a sentence naming several pairs belongs to the place nearest to
    it ("Nürnberg hatte bereits 1985 … mit San Carlos …, der sich Erlangen 1990 anschloss":
    1985 is Nürnberg's, 1990 Erlangen's), or to the place before its parenthesis ("Brest
    (Frankreich, seit 1964)"); a pair takes only what belongs to one of its partners."""

    #: a year right after a status word is the status's date, not the start ("ruht seit 2022",
    #: "bestand bis 1990"); 25 characters hold the longest such link, " seit dem Jahr " and more
    STATUS_DATE_REACH = 25

    def __init__(self, rules: RelationRules, ex: Extraction, ctx: Context, by_sentence: dict[Span, list[Mention]]):
        self.r = rules
        self.text = ctx.text
        self.year = ex.article.date.year if ex.article.date else None
        self.by_sentence = by_sentence
        self._memo: dict[tuple[int, int, bool], tuple[list, list]] = {}

    def _found(self, lo: int, hi: int, list_item: bool) -> tuple[list, list]:
        key = (lo, hi, list_item)
        known = self._memo.get(key)
        if known is None:
            statuses = []
            chunk = self.text[lo:hi]
            low = chunk.lower()
            present = {k for k in self.r.status_keys if k in low}
            for pat, status, keys in self.r.status_patterns:
                if keys and present.isdisjoint(keys):
                    continue
                for m in pat.finditer(chunk):
                    before = low[max(0, m.start() - 30):m.start()].split()[-2:]
                    if not self.r.negations.intersection(before):
                        statuses.append((lo + m.start(), lo + m.end(), status))
            years = [c for c in self.r._year_candidates(self.text, lo, hi, self.year, list_item)
                     if not any(s0 <= c[0] < s1 or 0 <= c[0] - s1 <= self.STATUS_DATE_REACH
                                and _STATUS_DATE_GAP.fullmatch(self.text[s1:c[0]]) for s0, s1, _ in statuses)]
            known = self._memo[key] = (years, statuses)
        return known

    def of(self, a: Mention, b: Mention, sent: Span, scope: tuple[int, int] | None,
           list_item: bool) -> tuple[int | None, int | None, str | None]:
        lo, hi = scope or (sent.start, sent.end)
        years, statuses = self._found(lo, hi, list_item)
        if not years and not statuses:
            return None, None, None
        pair = {(a.kind, a.ref), (b.kind, b.ref)}
        mentions = [m for m in self.by_sentence.get(sent, []) if lo <= m.start < hi]
        shared = scope is not None or all((m.kind, m.ref) in pair for m in mentions)

        def mine(s: int, e: int, dated: bool = False) -> bool:
            if scope is None and not self._parenthesis_speaks_of(s, sent, pair, mentions):
                return False  # "Wischnewski (1922 bis 2005, ehemaliger Minister)": a person's dates
            # a date opening the sentence before any place ("Im April 2003 besiegelten die Landkreise
            # A und B mit dem Landkreis C ihre Partnerschaft") dates every pair the sentence makes
            return shared or (dated and e <= first) or bool(self._owner(s, e, mentions, sent) & pair)

        first = min((m.start for m in mentions), default=hi)
        own = [m for m in mentions if (m.kind, m.ref) in pair] or [a, b]
        ys = [c for c in years if mine(c[0], c[1], dated=True)]
        year = month = None
        if ys:
            best = min(ys, key=lambda c: (min(max(0, m.start - c[1], c[0] - m.end) for m in own), c[0]))
            year, month = best[2], best[3]
        found = {st for s0, s1, st in statuses if mine(s0, s1)}
        status = "ended" if "ended" in found else "planned" if "planned" in found else None
        return year, month, status

    def _parenthesis_speaks_of(self, s: int, sent: Span, pair: set, mentions: list[Mention]) -> bool:
        """Outside parentheses, yes; inside, only when the parenthesis follows a partner ("Brest
        (Frankreich, seit 1964)") or holds one ("einer israelischen Stadt (Tel Aviv, seit 1979)")."""
        text = self.text
        opened = text.rfind("(", sent.start, s)
        if opened < 0 or text.rfind(")", opened, s) >= 0:
            return True
        closed = text.find(")", s, sent.end)
        closed = sent.end if closed < 0 else closed
        j = opened
        while j > sent.start and text[j - 1].isspace():
            j -= 1
        return any((m.kind, m.ref) in pair and (m.end == j or opened < m.start < closed) for m in mentions)

    def _owner(self, s: int, e: int, mentions: list[Mention], sent: Span) -> set[tuple[str, str]]:
        text = self.text
        opened, closed = text.rfind("(", sent.start, s), text.rfind(")", sent.start, s)
        if opened > closed:
            j = opened
            while j > sent.start and text[j - 1].isspace():
                j -= 1
            for m in mentions:
                if m.end == j:
                    return {(m.kind, m.ref)}
        if not mentions:
            return set()
        dist = {id(m): max(0, m.start - e, s - m.end) for m in mentions}
        nearest = min(dist.values())
        return {(m.kind, m.ref) for m in mentions if dist[id(m)] == nearest}


#: "zwischen [dem Distrikt] A und [der Verbandsgemeinde] B [sowie dem Landkreis C]"
_BETWEEN = re.compile(r"\bzwischen\s+")
_ARTICLE_AND_NOUNS = re.compile(r"(?:(?:der|dem|den|des|die)\s+)?(?:[A-ZÄÖÜa-zäöüß\-]+\s+){0,2}")
_BETWEEN_AND = re.compile(r"\s*(?:\(.{0,40}?\)\s*|in\s+(?:der\s+|dem\s+|den\s+)?[A-ZÄÖÜ][\wäöüß\-]+\s+)?und\s+(?:(?:der|dem|den|des|die)\s+)?(?:[a-zäöüß\-]+\s+)?(?:[A-ZÄÖÜ][a-zäöüß\-]+\s+)?")
_BETWEEN_ALSO = re.compile(r"\s*(?:\(.{0,40}?\)\s*|in\s+(?:der\s+|dem\s+|den\s+)?[A-ZÄÖÜ][\wäöüß\-]+\s*)?(?:,|sowie|und)\s+(?:(?:der|dem|den|des|die)\s+)?(?:[a-zäöüß\-]+\s+)?(?:[A-ZÄÖÜ][a-zäöüß\-]+\s+)?")

#: what may stand between a status word and the date it has ("ruht seit dem Jahr 2022")
_STATUS_DATE_GAP = re.compile(r"[\s(,]*(?:(?:seit|bis|im|in|dem|Jahr|zum|Ende|Anfang|Mitte)\s+)*", re.IGNORECASE)


#: a line of a list (one partner, its country, its year): short, and a bullet or no full stop;
#: 150 characters hold "• Kamjanez-Podilskyj, Ukraine, Solidaritätspartnerschaft seit 2022 (…)"
#: twice over, while prose sentences of the sample average ~140 and end with a full stop
LIST_LINE_MAX = 150
#: a heading introducing a list ("Unsere Partnerstädte", "Städtepartnerschaften der Stadt X")
HEADING_MAX = 60


def _is_list_line(s: str) -> bool:
    s = s.strip()
    if s.endswith((",", ";")) or (s and s[-1].islower() and s[:1].isupper() and " " in s and not s[0] in "•·▪►*-–—"
                                  and len(s) > HEADING_MAX):
        return False  # prose whose line was broken ("… mit Städten,\nKreisen und Bezirken")
    return 0 < len(s) <= LIST_LINE_MAX and (s[0] in "•·▪►*-–—" or s[0].isdigit() and not s.endswith(".")
                                             or not s.endswith((".", "!", "?", "“", '"', "»")))


def _introduces_list(s: str) -> bool:
    s = s.rstrip()
    return s.endswith(":") or (len(s) <= HEADING_MAX and not s.endswith((".", "!", "?", "“", '"', "»", ")")))


def _segments(partners: list[Mention], sent: Span, from_start: bool = False,
              text: str = "") -> list[tuple[Mention, tuple[int, int]]]:
    """Each partner of a list with its stretch of text, up to the next partner: "Brest
    (Frankreich, seit 1964), Coventry …" → Brest's year is 1964, also when the line breaks
    between items were lost ("Montpellier Frankreich 1961 Cambridge …"). On a line of its own
    the first partner's stretch starts with the line ("Ehemalige Partnerstadt: Wolgograd").
    A list that puts the year first ("seit 1966 mit Trento, seit 1968 mit Apeldoorn") is read
    the other way round: each stretch runs from the previous partner to this one's end."""
    firsts = _distinct(partners)
    if not firsts:
        return []
    if text and _YEAR_FIRST.search(text, max(sent.start, firsts[0].start - YEAR_FIRST_REACH), firsts[0].start):
        return [(m, (firsts[k - 1].end if k else max(sent.start, m.start - YEAR_FIRST_REACH), m.end))
                for k, m in enumerate(firsts)]
    return [(m, (sent.start if from_start and k == 0 else m.start,
                 firsts[k + 1].start if k + 1 < len(firsts) else sent.end)) for k, m in enumerate(firsts)]


#: "seit 1966 mit Trento": a year this close before the first partner of a list puts every
#: year of the list before its partner ("seit dem Jahr 1966 mit der Stadt " is 33 characters)
YEAR_FIRST_REACH = 35
_YEAR_FIRST = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b(?!\s*\))")


def _unit_positions(text: str, units: tuple[str, ...]) -> list[int]:
    positions = []
    for unit in units:
        at = text.find(unit)
        while at >= 0:
            positions.append(at)
            at = text.find(unit, at + 1)
    return sorted(positions)


def _number(num: str, mult: str | None) -> int | None:
    digits = re.sub(r"[.\u202f\u00a0 ]", "", num)
    try:
        value = float(digits.replace(",", "."))
    except ValueError:
        return None
    if mult:
        value *= 1_000_000 if mult.lower().startswith("mi") else 1_000
    return int(round(value))


def _nominative(word: str) -> str:
    """Feminine singular after the article: "sechsten" → "sechste" (Konferenz is feminine)."""
    if word[:1].islower() and word.endswith(("en", "er")) and len(word) > 4:
        return word[:-1]
    return word


def _introduced_type(types: list[Mention], a: Mention, b: Mention, mentions: list[Mention]) -> str | None:
    """The type word that introduces one of the pair's partners: "plant Würzburg eine
    Städtepartnerschaft mit Lwiw sowie eine Städtefreundschaft mit Luzk" — the first place
    after the type word is the partner it speaks of (Würzburg–Luzk: Städtefreundschaft)."""
    refs = {(a.kind, a.ref), (b.kind, b.ref)}
    best = None
    for t in types:
        nxt = min((m for m in mentions if m.start >= t.end), key=lambda m: m.start, default=None)
        if nxt is not None and (nxt.kind, nxt.ref) in refs and (best is None or nxt.start - t.end < best[0]):
            best = (nxt.start - t.end, t.ref)
    return best[1] if best else None


#: a two-digit year ("Am 01.07.10 unterzeichneten …") with no article date to read it against:
#: 00–68 are 20xx, 69–99 19xx, the pivot POSIX strptime's %y uses
TWO_DIGIT_PIVOT = 69


def _full_year(yy: int, article_year: int | None) -> int:
    """The century of a two-digit year: the latest one not after the article's date."""
    if article_year is not None:
        return 2000 + yy if 2000 + yy <= article_year else 1900 + yy
    return 2000 + yy if yy < TWO_DIGIT_PIVOT else 1900 + yy


#: how far before a place its organisation's seat marker may begin: "(SKEW) in " and
#: "mit Sitz in der Stadt " are the longest we met (22 characters), with room
SEAT_REACH = 40

#: share of an article's specific type words one type must have to stand for the pairs
#: whose own sentences name none ("Hamburgs Partnerstädte": Städtepartnerschaft three times,
#: one Städtefreundschaft): set on the real development set, where articles of mixed
#: vocabulary name their predominant kind at least three times in four
DOMINANT_TYPE_SHARE = 0.75


def _dominant_type(article_types: list[str]) -> str | None:
    """The type most of the article's type words name, if it clearly dominates."""
    if not article_types:
        return None
    best = max(set(article_types), key=lambda t: (article_types.count(t), t))
    return best if article_types.count(best) >= DOMINANT_TYPE_SHARE * len(article_types) else None


def _nearest_type(types: list[Mention], a: Mention, b: Mention) -> str | None:
    """The partnership type word of the sentence nearest to the pair (a sentence may name
    "Städtepartnerschaften – etwa mit Oxford" and "projektbezogene Partnerschaften" apart)."""
    if not types:
        return None
    lo, hi = min(a.start, b.start), max(a.end, b.end)
    return min(types, key=lambda t: (max(0, lo - t.end, t.start - hi), t.start)).ref


def _list_member(m: Mention, here: list[Mention], text: str) -> bool:
    """Is `m` an item of a list of places (a separator, maybe with a parenthesis or a country
    word, between it and the place before it)?"""
    before = [x for x in here if x.end <= m.start]
    if not before:
        return False
    gap = _PARENTHESES.sub(" ", text[before[-1].end:m.start])
    return bool(_LIST_GAP.fullmatch(gap))


_PARENTHESES = re.compile(r"\([^()]{0,60}\)")
_LIST_GAP = re.compile(r"\s*[),;]?\s*(?:,|und|sowie|oder)\s*(?:nach|mit|in)?\s*(?:[A-ZÄÖÜ][\wäöüß\-]*\s*)?")


def _genitive(m: Mention, ex: Extraction) -> bool:
    """"Hamburgs", "Kiels": the name with a genitive s."""
    place = ex.places.get(m.ref) if m.kind == "municipality" else None
    return place is not None and m.surface.endswith("s") and not place.name_de.endswith("s") \
        and m.surface[:-1] in (place.name_de, place.name_en)


def _adjectival(m: Mention, ex: Extraction) -> bool:
    """"Berliner", "Würzburger": the city adjective, not the name."""
    place = ex.places.get(m.ref) if m.kind == "municipality" else None
    return place is not None and m.surface.endswith("er") and not place.name_de.endswith("er") \
        and m.surface[:-2] in (place.name_de, place.name_en)


def _has_home_region(sent: Span, ex: Extraction) -> bool:
    """Does the sentence name a German Land (a partner of regions, not of towns)?"""
    return any(m.kind == "region" and m.sentence == sent and ex.regions.get(m.ref, ("", None))[1] == HOME
               for m in ex.mentions)


def _has_home(mentions: list[Mention], ex: Extraction) -> bool:
    return any(m.kind == "municipality" and ex.places.get(m.ref) is not None
               and ex.places[m.ref].country == HOME for m in mentions)


def _recent_home(history: list[list[Mention]], ex: Extraction) -> Mention | None:
    for past in reversed(history):
        homes = [m for m in past if m.kind == "municipality" and ex.places.get(m.ref) is not None
                 and ex.places[m.ref].country == HOME]
        if len({m.ref for m in homes}) == 1:
            return homes[0]
        if homes:
            # several German places: the one that opens the sentence is its subject ("Der
            # Großbezirk Charlottenburg-Wilmersdorf pflegt sie mit Hilfe des Vereins Charlottenburg")
            first = min(homes, key=lambda m: m.start)
            if first.start - first.sentence.start <= SUBJECT_REACH:
                return first
    return None


#: the longest locator between two places, " in der Nähe von " (17 characters), with room
LOCATOR_GAP = 24

#: a place this close to the start of a sentence is its subject: "Der Großbezirk X", "Die
#: Landeshauptstadt X" (the longest such openings we met are about 30 characters)
SUBJECT_REACH = 40


def _same_country(a: Mention, b: Mention, ex: Extraction) -> bool:
    pa, pb = ex.places.get(a.ref), ex.places.get(b.ref)
    return bool(pa and pb and pa.country and pa.country == pb.country)


def _distinct(mentions: list[Mention]) -> list[Mention]:
    seen, out = set(), []
    for m in sorted(mentions, key=lambda x: x.start):
        if (m.kind, m.ref) not in seen:
            seen.add((m.kind, m.ref))
            out.append(m)
    return out


def _pairs(here: list[Mention], ex: Extraction) -> list[tuple[Mention, Mention]]:
    """Which of the places in one cue sentence are partners.

    Two places: the pair. More: each German place with each foreign one when both sides occur
    ("Köln … mit der peruanischen Stadt Yarinacocha"); otherwise only a first-and-second pair.
    """
    if len(here) < 2:
        return []
    if len(here) == 2:
        return [(here[0], here[1])]

    def home(m: Mention) -> bool:
        place = ex.places.get(m.ref) if m.kind == "municipality" else None
        return place is not None and place.country == HOME

    return [(a, b) for i, a in enumerate(here) for b in here[i + 1:]
            if a.kind != b.kind or home(a) != home(b)] or [(here[0], here[1])]


def _nearest_before(here: list[Mention], history: list[list[Mention]], target: Mention) -> Mention | None:
    before = [m for m in here if m.start < target.start and (m.kind, m.ref) != (target.kind, target.ref)]
    if before:
        return before[0]
    for past in reversed(history):
        cands = [m for m in past if (m.kind, m.ref) != (target.kind, target.ref)]
        if cands:
            return cands[0]
    return None


def _last_pair(history: list[list[Mention]], ex: Extraction, cross_border: bool = False) -> tuple[Mention, Mention] | None:
    """What "die beiden Städte" refers to: the latest two places, preferring a German and a
    foreign one (partnerships cross borders) over two foreign neighbours in one list."""
    pool: list[Mention] = []
    for past in reversed(history):
        for m in _distinct(past):
            if all((m.kind, m.ref) != (p.kind, p.ref) for p in pool):
                pool.append(m)
    homes = [m for m in pool if _has_home([m], ex)]
    foreign = [m for m in pool if not _has_home([m], ex)]
    if homes and foreign:
        return homes[0], foreign[0]
    return (pool[0], pool[1]) if len(pool) >= 2 and not cross_border else None
