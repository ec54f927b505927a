"""Partnerships of one article: the sentences read in order, each list line, title pair or cue
sentence giving its pairs (pairs.py, partner_lists.py), their year, status and type attached
(pair_attributes.py), one `Partnership` per pair and type emitted."""

from __future__ import annotations

import re

from .datelines import YEAR
from .context import Context
from .prefilter import Prefiltered
from .key_sets import automaton
from ..models import PARTNER_MENTION_KINDS, Extraction, Mention, Partnership, Span, side_kind
from .national_friendship import national_friendship
from .apposed_types import apposed_type_starts
from .pair_attributes import DECLINED, PairFacts, strongest_status, dominant_type, introduced_type, nearest_type
from .bare_pairs import BARE_PAIR_REACH, bare_pair
from .pairs import nothing_to_pair
from .pair_rows import pair_rows
from .named_pairs import named_pairs
from .colon_pair_lists import colon_pair_lists
from .partner_lists import ArticleHome, dash_pair_right, line_owner, list_segments
from .partner_mentions import distinct, has_home, same_country
from .succession import sentences_before
from .typed_years import pair_type_starts
from .deed_dates import page_act
from .hedges import hedged
from .sentence_scope import own_partner_sentences, region_only
from .bare_years import later_start
from .coordinated_years import share_coordinated_years
from .pair_programmes import pair_programme

#: partners further apart than this many sentences are not joined by a pair anaphor
#: ("die beiden Städte"); 3 covers the teaser pattern of the seed (place, place, then anaphor)
ANAPHOR_REACH = 3
#: sentences kept as evidence of one partnership in one article; news articles state a pair in
#: at most a handful of sentences, so this only bounds pathological input (the same sentence
#: repeated 60,000 times) without losing real evidence
MAX_EVIDENCE = 20

#: a sentence listing this many partners of one town is that town's list ("Hamburg hat neun
#: Partnerstädte: …, Dresden, …"): its German items are partners, not the subject of the next
#: sentences. Two is a pair of towns joining a third ("Zusammen mit Straßburg und Dresden")
LISTED_MIN = 3

#: a sentence without a cue lists pairs when it joins at least this many German–foreign pairs
#: by "und" or a dash ("A und B, C und D sowie E und F"): three such pairs in one sentence are
#: a list of partnerships in any article that speaks of partnerships at all (open splits: a
#: Jewish weekly's and a Ukrainian network's pages; no sentence of dev, test or fresh has three
#: such pairs that are no partners), while two stay a list only right after a cue sentence
PAIR_LIST_MIN = 3

#: "Partnerstadt von Dresden", "Partnerstädte der Stadt Dresden": the place owns partners; the
#: longest such phrase, "Partnerstädte der Gemeinde ", is 27 characters
OWNER_REACH = 40
_OWNED_BY = Prefiltered(re.compile(r"\bPartner\w*\s+(?:von|der\s+Stadt|der\s+Gemeinde)\s+$"))

#: how far before a type word an association's name may begin: "Verein zur Förderung der " is
#: 25 characters, with room
ASSOCIATION_REACH = 40

#: how far before a place its organisation's seat marker may begin: "(SKEW) in " and
#: "mit Sitz in der Stadt " are the longest we met (22 characters), with room
SEAT_REACH = 40
#: a literal each seat marker of `seat_before` holds (")", "Sitz", "Konsul", "Botschaft", "Delegation", office nouns): one automaton pass, half the alternation's µs
_SEAT_HINT = automaton(dict.fromkeys((")", "itz", "onsul", "otschaft", "elegation", "amt", "tag", "haus", "ltung", "duma", "egierung", "räsidium")))
#: how far before a place an institution partnership's wording may begin: "Hochschulpartnerschaft
#: zwischen " (31 characters) and a first side of up to 40 characters with its "und der "
INSTITUTION_REACH = 90


class PartnershipFinder:
    """The partnership loop of `relations.RelationRules` (a mixin)."""

    def _partnerships(self, ex: Extraction, ctx: Context) -> None:
        text = ctx.text
        partner_mentions = [m for m in ex.mentions if m.kind in PARTNER_MENTION_KINDS
                            and not (m.kind == "municipality" and (self._seat(text, m) or self._venue(ex, text, m)
                                                                  or self._institution_side(text, m)))]
        by_sentence: dict[Span, list[Mention]] = {}
        for m in partner_mentions:
            by_sentence.setdefault(m.sentence, []).append(m)
        types_by_sentence: dict[Span, list[Mention]] = {}
        generic_by_sentence: dict[Span, list[Mention]] = {}
        for m in ex.mentions:
            if m.kind == "partnership-type" and not national_friendship(text, m):
                (types_by_sentence if m.ref != "unspecified" else generic_by_sentence).setdefault(
                    m.sentence, []).append(m)
        found: dict[frozenset, dict] = {}
        history: list[list[Mention]] = []  # partner mentions of the sentences read so far
        facts = PairFacts(self, ex, ctx, by_sentence)

        def record(a: Mention, b: Mention, sent: Span, type_hint: str | None = None,
                   taken: tuple[tuple[int, int], ...] = (), scope: tuple[int, int] | None = None,
                   default_type: str | None = None, list_item: bool = False,
                   list_start: int | None = None, pair_list: bool = False) -> None:
            if (a.kind, a.ref) == (b.kind, b.ref) or self.co_partners.listed_together(ex, text, a, b) \
                    or self.owned_partners.other_owner(ex, text, a, b, by_sentence):
                return
            key = frozenset({(a.kind, a.ref), (b.kind, b.ref)})
            if list_item and has_home([a], ex):
                listed_here.add(b.ref)
            entry = found.setdefault(key, {"evidence": {}, "first": min(a.start, b.start), "types": [], "spans": [],
                                           "dated": [], "status": [], "weak_types": []})
            if sent not in entry["evidence"] and len(entry["evidence"]) < MAX_EVIDENCE:
                entry["evidence"][sent] = None
                entry["spans"].append((min(a.start, b.start), max(a.end, b.end)))
                year, month, status, act = facts.of(a, b, sent, scope, list_item)
                if year is not None:
                    entry["dated"].append((year, month, act))
                if status:
                    entry["status"].append(status)
            # a type word inside an apposition ("Erlangens Partnerstadt Jena") names that pair
            # only, not another pair of the sentence ("… unterhält eine Verbindung nach San Marcos")
            free = [t for t in types_by_sentence.get(sent, []) if not any(s <= t.start < e for s, e in taken)]
            if scope is not None:
                # in a list, the type word of that item ("Gotha und Kromeriz (Freundschaft)"), else
                # one before the list ("Zu den Projektpartnern zählen A, B, C"), shared by all items,
                # else one after it ("Mit A und B bestehen Themenpartnerschaften")
                free = [t for t in free if scope[0] <= t.start < scope[1]] or \
                    [t for t in free if t.start < (list_start if list_start is not None else scope[0])] or \
                    [t for t in free if t.start > max(m.end for m in by_sentence.get(sent, [b]))]
            # a type word in an association's name ("der Verein zur Förderung der Städtepartnerschaft A / B", "des Fördervereins Städtefreundschaft mit X") types the
            # pair only where none of its sentences names another
            in_name = [(t.ref, self.association_before.search(text, max(0, t.start - ASSOCIATION_REACH), t.start) is not None)
                       for t in free]
            named = {ref for ref, inside in in_name if inside} - {ref for ref, inside in in_name if not inside}
            generic = [t for t in generic_by_sentence.get(sent, []) if not any(s <= t.start < e for s, e in taken)] \
                if scope is None else []
            introducer = introduced_type(text, free + generic, a, b, by_sentence.get(sent, []))
            if type_hint or introducer not in (None, "unspecified"):
                hint = type_hint or introducer
            elif introducer == "unspecified":
                # "ist seit 1995 Partnerkommune von Kronstadt und pflegt eine Städtefreundschaft mit Kaliningrad":
                # the pair's own word is generic, the sentence's type word is another partner's
                hint = default_type
            else:
                hint = nearest_type(free, a, b) or default_type
            if hint is None and pair_list and any(
                    t.start < list_start for t in generic_by_sentence.get(sent, [])):
                # "Derzeit gibt es neunzehn (Projekt-)Partnerschaften: Köln-Bethlehem, Jena-…": a
                # list of pairs whose own sentence names its set by a generic word takes the type
                # the article gave that set before it ("… die deutsch-russischen
                # Städtepartnerschaften. … zwei neue Partnerschaften: Düren und …"), else none; a
                # type word after the list (about "weitere Kommunen") is not the set's
                before = [t.ref for t in self._article_types(ex, text) if t.end <= sent.start]
                hint = (before[0] if len(set(before)) == 1 else dominant_type(before)) or "unspecified"
            if hint in named and not type_hint and hint != default_type:
                if hint not in entry["weak_types"]:
                    entry["weak_types"].append(hint)
            elif hint and hint not in entry["types"]:
                entry["types"].append(hint)

        title_end = len(ex.article.title) if ex.article.title and ex.article.text else 0
        home = ArticleHome(ex, title_end, lambda: [
            m for sent, ms in by_sentence.items() for m in self._owners(ex, sent, distinct(ms)) if has_home([m], ex)])
        #: the list being read: its intro, owner, type, and how many lines in a row named no place
        block: tuple[Span, Mention | None, str | None, int] | None = None
        prev_cue, prev_sent = False, None
        listed_here: set[str] = set()  # the places one sentence or list line lists as a town's partners
        for i, sent in enumerate(ctx.sentences):
            here = distinct(by_sentence.get(sent, []))
            s_text = text[sent.start:sent.end]
            cue = ctx.cue_sentences.get(sent)
            if cue is None:
                cue = ctx.cue_sentences[sent] = self.has_cue(s_text)
            if home.listed and here:
                # "Straßburg ist auch Partnerstadt von Dresden": a town named as the owner of partners is a subject again
                home.listed.difference_update(
                    m.ref for m in here if _OWNED_BY.search(text, max(sent.start, m.start - OWNER_REACH), m.start))
            home.read_heading(s_text, here)
            intro = ctx.list_items.get(sent)
            if intro is not None:
                if block is None or block[0] != intro:
                    block = (intro, *self._list_owner(ex, intro, by_sentence, types_by_sentence, history, home), 0)
                _, list_owner, block_type, misses = block
                # a line may name its own owner ("• Chur: Bad Homburg (Deutschland), …"), for itself only
                owner = line_owner(text, sent, here, ex) or list_owner
                owners = self._owners(ex, sent, here)
                partners = [m for m in here if m not in owners
                            and (owner is None or (m.kind, m.ref) != (owner.kind, owner.ref))]
                # two lines in a row without a place: the list is over ("Geschichte", "Bearbeiten")
                block = (intro, list_owner, block_type, 0 if partners else misses + 1)
                if misses >= 2:
                    owner = None
                    partners = []
                if owner is not None:
                    items = self._pair_items(ex, sent, partners)
                    if items:  # "• Kiel – Brest": a line that names a pair of its own
                        for a, b, scope in items:
                            record(a, b, sent, scope=scope, default_type=block_type, list_start=items[0][2][0])
                    else:  # (not the right side of a pair whose left side is unknown: "Grafling-Pelplin")
                        partners = [m for m in partners if not dash_pair_right(text, m, here)]
                        for m, scope in list_segments(partners, sent, from_start=True, text=text):
                            record(owner, m, sent, scope=scope, default_type=block_type, list_item=True,
                                   list_start=sent.start)
                elif len(partners) == 2 and not same_country(partners[0], partners[1], ex):
                    record(partners[0], partners[1], sent, default_type=block_type)
                else:
                    # "• Djerba Midoun – Fürth: …" in a list of pairs: the dash joins the pair
                    # also where another place (the island) stands before it
                    for a, b, scope in self._pair_items(ex, sent, partners):
                        record(a, b, sent, scope=scope, default_type=block_type)
            elif sent.end <= title_end and len(here) == 2 and self._title_pair(s_text, here, sent) \
                    and not same_country(here[0], here[1], ex):
                record(here[0], here[1], sent)
            elif prev_cue and here and (owner := self._continued_set_owner(ex, text, prev_sent, history, s_text)):
                # "Hameln hat drei Partnerstädte. Dazu gehören Kalisz, Leeds und Quedlinburg."
                segments = list_segments(here, sent, text=text) if len(here) >= 3 else [(m, None) for m in here]
                set_type = next((t.ref for t in types_by_sentence.get(prev_sent, [])), None)
                for m, scope in segments:
                    record(owner, m, sent, scope=scope, default_type=set_type, list_item=scope is not None,
                           list_start=segments[0][1][0] if scope is not None else None)
            elif not cue and (followers := self.succession.followers(ex, sent, s_text, here)) and (
                    owner := self.succession.owner(ex, found, sentences_before(ctx.sentences, sent))
                    or self.succession.set_owner(ex, prev_sent, history[-1] if history else [], self.list_continuation_set)):
                # "Den Anfang machten 1959 Coventry und Breslau", "Ein Jahr später kam Marseille hinzu"
                for m, scope in list_segments(followers, sent, from_start=True, text=text):
                    record(owner, m, sent, scope=scope, list_item=True, list_start=sent.start)
            elif cue and nothing_to_pair(here, history, home):
                pass  # no pair to state or deny
            elif cue and (self.denied.search(s_text) or self.institutional.search(s_text)
                          or (len(here) < 2 and self.state_sides.search(s_text))):
                # "dass Jerusalem grundsätzlich keine Partnerschaften wünscht", a primary school with a partner school abroad,
                # "Beide Seiten … Partnerschaften zwischen den beiden Staaten": no partnership of
                # two municipalities is stated
                pass
            elif cue and (pair := self.referring.singular(ex, ctx.sentences, i, here, by_sentence)):
                record(*pair, sent)  # "… ins türkische Mersin. … Für die türkische Partnerstadt …"
            elif cue:
                self._cue_sentence(ex, sent, s_text, here, history, record, home, by_sentence.get(sent), found)
            elif prev_cue and (pairs := self.referring.after_cue(ex, sent, here, self._between_pairs)):
                for a, b, scope in pairs:  # "… Städtepartnerschaften begründet. Hamburg und Leningrad machten den Anfang"
                    record(a, b, sent, scope=scope)
            elif not cue and (pair := self.referring.contact(ex, sent, here, history)):
                record(*pair, sent)  # two towns, then lasting contact "zwischen beiden Kommunen"
            elif (pair := bare_pair(ex, sent, here)) and any(
                    ctx.cue_sentences.get(s) for s in ctx.sentences[i + 1:i + 1 + BARE_PAIR_REACH]):
                record(pair[0], pair[1], sent)  # "Die Leopoldstadt und Brooklyn." before the text on them
            elif prev_cue or (len(here) >= 2 * PAIR_LIST_MIN and (types_by_sentence or generic_by_sentence)):
                # "… reichen in die Nachkriegszeit zurück. Beispiele sind Hannover-Bristol,
                # Würzburg-Dundee und …": a list of pairs right after a sentence about partnerships;
                # a longer one anywhere in an article about partnerships ("Ebenso Hof und X, Selb
                # und Y sowie Rehau und Z." after a teaser that only says "dazu gehören")
                items = self._pair_items(ex, sent, here)
                if len(items) >= (2 if prev_cue else PAIR_LIST_MIN):
                    for a, b, scope in items:
                        record(a, b, sent, scope=scope, list_start=items[0][2][0])
            prev_cue, prev_sent = bool(cue), sent
            if len(listed_here) >= LISTED_MIN:
                home.listed.update(listed_here)
            listed_here.clear()
            history.append(here)
            history = history[-ANAPHOR_REACH:]
            home.remember(here)
        for a, b, sent in (*pair_rows(ex, text, partner_mentions), *named_pairs(ex, text, partner_mentions),  # "Kiel – Brest (seit 1964)⏎…", "Freundschaftsverein A-B",
                           *self.set_members(ex, ctx, by_sentence), *colon_pair_lists(ex, ctx, by_sentence, self._pair_items)):
            # ("X hat drei Partnerstädte. … Y und Z …"; "… wachsen. … Neu dabei sind: A und B, C und D")
            if frozenset({(a.kind, a.ref), (b.kind, b.ref)}) not in found:
                record(a, b, sent)
        # the learned scorer keeps or drops the rules' pairs and adds the candidates it trusts (pair_scorer.py)
        self.pair_scorer.decide(ex, ctx, found, by_sentence, record, self, (types_by_sentence, generic_by_sentence))
        if found:  # (an article with no pair emits nothing, nor needs its date)
            self._emit(ex, ctx, found, facts.year, facts.month, facts)
            share_coordinated_years(self, ex, ctx, facts.year, facts.month)  # ("mit A und B": coordinated_years.py)

    def _continued_set_owner(self, ex: Extraction, text: str, prev: Span | None,
                             history: list[list[Mention]], s_text: str) -> Mention | None:
        """The town whose partners a sentence lists by continuing the set the sentence before
        named ("Hameln hat drei Partnerstädte. Dazu gehören …"; `_list_continuation` in
        relations-de.json): that sentence's only place, a German municipality."""
        if not history or not self.continues_set(text, prev, s_text):
            return None
        before = history[-1]
        if len(before) != 1 or before[0].kind != "municipality" or not has_home(before, ex):
            return None
        return before[0]

    def _referring_back(self, text: str, evidence: list[Span], ctx: Context) -> list[Span]:
        """The sentences right after the evidence that refer back to the pair (a year, then the mayors "beider Städte" signing)."""
        out = []
        for s in evidence:
            i = ctx.sentence_index.get(s, -1)
            if 0 <= i < len(ctx.sentences) - 1:
                nxt = ctx.sentences[i + 1]
                if self.pair_anaphora.search(text, nxt.start, nxt.end):
                    out.append(nxt)
        return out

    def _venue(self, ex: Extraction, text: str, m: Mention) -> bool:
        """Is the place only where a meeting of many is held ("Netzwerktreffen in Warschau",
        "sich in Warschau bei einer Netzwerkkonferenz … treffen")?"""
        if self.event_venue_before.search(text, max(0, m.start - SEAT_REACH), m.start) or (
                text[m.start - 3:m.start] == "in " and self.signing_venues.is_venue(ex, text, m)):
            return True  # (or where it was signed: "wurde in Kiew offiziell besiegelt")
        return text[max(0, m.start - 4):m.start].lower() in (" in ", "\nin ") \
            and bool(self.event_venue_after.match(text, m.end, m.end + SEAT_REACH * 2))

    def _seat(self, text: str, m: Mention) -> bool:
        """Is the place only where an organisation or an office above the town sits ("der
        Servicestelle Kommunen in der Einen Welt (SKEW) in Bonn", "im Landratsamt Würzburg")?"""
        lo = max(0, m.start - SEAT_REACH)
        # most places have no bracket, "Sitz" or office's noun before them: skip the pattern (the hint's literals, in place)
        return next(_SEAT_HINT.iter(text, lo, m.start), None) is not None and bool(self.seat_before.search(text, lo, m.start))

    def _institution_side(self, text: str, m: Mention) -> bool:
        """Is the place one side of a partnership of institutions ("die Hochschulpartnerschaft
        zwischen Kumasi und Dortmund") or in an institution's name ("und der Hochschule
        Bremerhaven")?"""
        return bool(self.institution_side_before.search(text, max(0, m.start - INSTITUTION_REACH), m.start))

    def _emit(self, ex: Extraction, ctx: Context, found: dict, year: int | None, month: int | None = None,
              facts: PairFacts | None = None) -> None:
        text = ctx.text
        article_types = [m.ref for m in self._article_types(ex, text)]
        article_programmes = ex.refs("programme")
        by_sentence: dict[Span, list[Mention]] = {}
        for m in ex.mentions:
            by_sentence.setdefault(m.sentence, []).append(m)
        own_cue_memo: dict[frozenset, list[Span]] = {}

        def own_cue(key: frozenset) -> list[Span]:  # (asked up to twice a pair; a pass over every sentence)
            if key not in own_cue_memo:
                own_cue_memo[key] = self._own_cue_sentences(ctx, key, by_sentence)
            return own_cue_memo[key]

        # the signing date of a deed the page reproduces, else a founding act the lead reports as the article's news (deed_dates.py, lead_acts.py)
        lead = page_act(ex, text, ctx.sentences, year, month)
        named_places = None  # computed when a pair's own sentences state no date
        dated: dict[Span, bool] = {}  # the date test of a sentence, asked once

        def states_date(s: Span) -> bool:
            if s not in dated:
                dated[s] = self.any_date.search(text, s.start, s.end)
            return dated[s]

        naming = None  # sentences by the set of partners they name, computed when a pair's sentences state no status
        for key, entry in sorted(found.items(), key=lambda kv: kv[1]["first"]):
            evidence = list(entry["evidence"])
            ev_mentions = [m for s in evidence for m in by_sentence.get(s, [])]
            types = list(entry["types"]) or list(entry["weak_types"])
            if len(types) > 1 and "unspecified" in types:
                types.remove("unspecified")  # a pair a generic list names is typed where it is named again
            programme = pair_programme([m.ref for m in ev_mentions if m.kind == "programme"], article_programmes, types, len(found), self.implied_type)
            if not types:
                if len(set(article_types)) == 1:
                    types = [article_types[0]]
                elif (dominant := dominant_type(article_types)) is not None:
                    types = [dominant]
                elif programme in self.implied_type:
                    types = [self.implied_type[programme]]
                elif all(k == "municipality" for k, _ in key) and any(
                        self.partnership_deed.search(text, s.start, s.end) and "artnerschaft" in text[s.start:s.end]
                        for s in evidence + self._referring_back(text, evidence, ctx)
                        + (own_cue(key) if len(found) == 1 else [])):
                    # "unterzeichneten die Urkunden der Partnerschaft": a partnership of two municipalities
                    # sealed by its deed is a town twinning, also the article's only one by a deed in any
                    # sentence of its own; one only "besiegelt" or "unterzeichnet" stays unspecified
                    # (benchmarks/real/README.md, generic "Partnerschaft" wording)
                    types = ["staedtepartnerschaft"]
                else:
                    types = ["unspecified"]
            elif types == ["staedtepartnerschaft"] and len(found) == 1 and programme in self.implied_type \
                    and self.implied_type[programme] in article_types and all(k == "municipality" for k, _ in key):
                # "Kommunale Klimapartnerschaften" … "die tansanische Partnerstadt Mtwara": the
                # article's only pair, a town twinning in its own sentences, is also the
                # partnership of the programme the article names and whose type word it uses
                types.append(self.implied_type[programme])
            if lead is not None and lead.dates(key, len(found)):
                entry["dated"].insert(0 if lead.first else len(entry["dated"]), (lead.year, lead.month, True))
            # a "seit" of the partnership itself ("Seit 1994 besteht die Partnerschaft …. 2001
            # haben die beiden Kreise sie per Urkunde besiegelt") is its start, a later act its renewal
            since = [d for d in entry["dated"] if not d[2]]
            if since and not any(self.partnership_since.search(text, s.start, s.end) for s in evidence):
                since = []
            act = None if since else next((d for d in entry["dated"] if d[2]), None)
            if act is None and entry["dated"] and not since:
                # the founding act's date over a "seit" of earlier contacts or an anniversary's
                # count, also when the act stands in the sentence after that refers back to the
                # pair (relations between A and B since one year, then a sentence in which the mayors "beider Städte" sign in a later one)
                follow = self._start(text, evidence, ctx, year, refs={r for _, r in key},
                                     by_sentence=by_sentence, acts_only=True, article_month=month)
                act = (*follow, True) if follow[0] is not None else None
            if act is not None or entry["dated"]:
                start_year, start_month, _ = act or (since or entry["dated"])[0]
            else:
                start_year, start_month = self._start(text, evidence, ctx, year, refs={r for _, r in key},
                                                      by_sentence=by_sentence, article_month=month)
            if start_year is None and len(found) == 1:
                # the only partnership of the article: its date may stand in any cue sentence
                # ("Sie kann … auf eine lange Partnerschaft zurückblicken: Auf 62 Jahre")
                start_year, start_month = self._start(text, own_cue(key), ctx,
                                                      year, first_only=True, article_month=month)
            if start_year is None:
                if named_places is None:
                    named_places = self._named_places(ctx, by_sentence)
                both, one = _pair_sentences(key, found, named_places, evidence, states_date)
                # a sentence naming the pair's two partners and no other place ("Die Beziehungen
                # zwischen A und B nahmen ihren Beginn 1983"), else a founding act's sentence naming
                # one partner that has no other pair ("Die Unterzeichnung der Urkunde fand am
                # 25. Juni 2008 in A statt")
                start_year, start_month = self._start(text, both, ctx, year, first_only=True, article_month=month)
                if start_year is None:
                    start_year, start_month = self._start(text, one, ctx, year, first_only=True, acts_only=True,
                                                          article_month=month)
                if start_year is None:  # (the act of a placeless sentence after the pair's, else a bare year: bare_years.py)
                    start_year, start_month = later_start(self, ctx, evidence, by_sentence, both + one, key, year, month, len(types), ex, len(found) == 1)
            status = strongest_status(entry["status"])
            if status is None and facts is not None:
                # "Baden-Baden und Sotschi unterzeichneten eine Absichtserklärung": a sentence that
                # names the pair's two partners and no other place states its status, cue or not;
                # not one with a year ("unterzeichneten im Jahr 2004 eine Absichtserklärung" and
                # "in den Jahren 2016 bis 2019 ein Projekt" are its history)
                if naming is None:
                    naming = {}
                    for s, ms in by_sentence.items():
                        named = frozenset((m.kind, m.ref) for m in ms if m.kind in PARTNER_MENTION_KINDS)
                        naming.setdefault(named, []).append(s)
                status = strongest_status({st for s in naming.get(key, ()) if s not in entry["evidence"]
                                           and not YEAR.search(text, s.start, s.end)
                                           for _, _, st in facts.statuses(s.start, s.end)})
                if status is None:
                    # "ruhen … alle Maßnahmen … mit X": a sentence
                    # that names one partner of the pair, in no other pair, and no other place
                    # (not one that negates anywhere: "zieht eine solche Beendigung oder Aussetzung
                    # nicht in Betracht")
                    status = strongest_status({st for s in own_partner_sentences(key, found, naming)
                                               if not YEAR.search(text, s.start, s.end)
                                               and not self.negations.intersection(text[s.start:s.end].lower().split())
                                               for _, _, st in facts.statuses(s.start, s.end)} - {DECLINED})
            if status == DECLINED:
                # "Der Rat beschließt, die Partnerschaft mit X nicht weiter zu verfolgen": a
                # declined partnership is none (benchmarks/real/README.md: rejected ones are not
                # annotated), whatever request or plan other sentences report
                continue
            themes = tuple(dict.fromkeys(m.ref for m in ev_mentions if m.kind == "theme"))
            # a type word's own date ("eine Klimapartnerschaft, die 2012 begründet wurde") is that type's start (typed_years.py)
            typed = pair_type_starts(facts, text, evidence + self._referring_back(text, evidence, ctx)
                                     + (own_cue(key) if len(found) == 1 else []), by_sentence, types,
                                     (start_year, start_month), evidence, key, self.pair_anaphora, self.type_conversions) \
                if facts and len(set(article_types)) > 1 else [(t, start_year, start_month) for t in types]
            for t, t_year, t_month in typed:
                ex.partnerships.append(Partnership(
                    partners=tuple(sorted((side_kind(k), r) for k, r in key)),
                    type=t, start_year=t_year, start_month=t_month, programme=programme,
                    themes=themes, evidence=tuple(evidence), status=status))

    def _article_types(self, ex: Extraction, text: str) -> list[Mention]:
        """The article's specific type words, but a count of partnerships in a sentence naming
        no municipality ("bundesweit gibt es mehr als 5.500 Städtepartnerschaften"): that speaks
        of partnerships in general, not of the article's pairs; nor one made a possibility
        ("potenziellen Partnergemeinden": hedges.py); nor one in apposition to a partner (apposed_types.py)."""
        placed, apposed = {m.sentence for m in ex.mentions if m.kind == "municipality"}, apposed_type_starts(ex, text)
        return [m for m in ex.mentions if m.kind == "partnership-type" and m.ref != "unspecified"
                and (m.sentence in placed or not self.partnership_count.search(text, m.sentence.start, m.end))
                and not hedged(text, m) and not national_friendship(text, m) and m.start not in apposed]

    @staticmethod
    def _own_cue_sentences(ctx: Context, key: frozenset, by_sentence: dict[Span, list[Mention]]) -> list[Span]:
        """The cue sentences that may speak of the article's only partnership `key`: those that
        name no other place ("Bremen machte 1985 den Anfang" dates Bremen's partnership, not
        the article's Kiel–Qingdao), nor a region in place of a municipality (a German Land that keeps relations with an African country
        dates the Land's relation)."""
        refs = {r for _, r in key}
        return [s for s in ctx.sentences if ctx.cue_sentences.get(s)
                and all(m.ref in refs for m in by_sentence.get(s, []) if m.kind == "municipality")
                and not region_only(by_sentence.get(s, []))]

    @staticmethod
    def _named_places(ctx: Context, by_sentence: dict[Span, list[Mention]]) -> list[tuple[Span, set]]:
        """Each sentence that names a partner, with the partners it names (_pair_sentences
        asks the date test only of those that name a pair's partners and no other place, each
        once: about half of them on the real pages; testing all up front cost 2 % of the
        extraction)."""
        named = ((s, {(m.kind, m.ref) for m in by_sentence.get(s, []) if m.kind in PARTNER_MENTION_KINDS})
                 for s in ctx.sentences)
        return [(s, places) for s, places in named if places]

    def _title_pair(self, s_text: str, here: list[Mention], sent: Span) -> bool:
        a, b = here
        between = s_text[a.end - sent.start:b.start - sent.start].strip()
        return between in self.title_seps


def _pair_sentences(key: frozenset, found: dict, named: list[tuple[Span, set]],
                    evidence: list[Span], states_date) -> tuple[list[Span], list[Span]]:
    """The dated sentences outside the pair's evidence that speak of the pair `key` only: those
    naming both its partners and no other place, and those naming one partner that is in no
    other pair of the article, and no other place. `named`: the sentences with the partners
    they name; `states_date`: the date test of a sentence."""
    paired = {p for k in found if k != key for p in k}
    both, one = [], []
    for s, places in named:
        if s in evidence or not places or not places <= key or not states_date(s):
            continue
        if places == key:
            both.append(s)
        elif not places & paired:
            one.append(s)
    return both, one
