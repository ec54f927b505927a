"""Which pairs one sentence about a partnership states: appositions ("Erlangens Partnerstadt
Jena"), lists of pairs ("Augsburg und Poltawa, Wetzlar und …"), "zwischen A und B", anaphora
("ihre Partnerstadt X", "die beiden Städte"), owners of partners ("Münchens Partnerstädte …"),
a German town with foreign ones."""

from __future__ import annotations

import functools
import re

from .datelines import YEAR
from ..models import Extraction, Mention, Span
from .locators import every_not_locators, not_locators
from .mit_lists import PARENTHESES as _PARENTHESES, co_subjects, mit_list, owned_with_pairs, with_groups
from .foreign_subjects import subject_pair
from .joint_owners import joint_owners
from .institution_anaphora import refers_to_institutions
from .pair_anaphora import known_owner, last_pair, nearest_before, not_elsewhere_paired, stated_partner
from .relative_partners import relative_partners
from .partner_lists import ArticleHome, bullet_line, list_segments
from .partnership_context import PAIR_LINE
from .item_scopes import item_scope
from .partner_mentions import (HOME, adjectival, distinct, genitive, has_home, has_home_region, names_new_partner,
                               partner_of_mit, recent_home, same_country, sealed_by_both)

#: more places than this in one cue sentence is a list, not a partnership statement
MAX_PLACES_IN_PAIR_SENTENCE = 4
#: how far before "zwischen" its partnership noun may begin: "Städtepartnerschaften " and an
#: opening quote are 23 characters, "Verwaltungspartnerschaftsvertrag " 33, with room
DOMESTIC_NOUN_REACH = 40


class PairStatements:
    """The pair rules of `relations.RelationRules` (a mixin: it reads the patterns the rules
    compile and `PartnershipContext.has_cue`)."""

    def _pair_items(self, ex: Extraction, sent: Span, here: list[Mention]) -> list[tuple[Mention, Mention, tuple[int, int]]]:
        """A list of pairs: "Augsburg und Poltawa, Wetzlar und Kamjanez-Podilskyj", "Kiel-Brest
        oder Felsberg- Vernouillet". Neighbours joined by "und" or a dash, a German town and a
        foreign one, taken two by two; each pair's scope runs to the next pair (its year, type
        and status stand there). A hyphenated name no gazetteer splits ("Tempelhof-Schöneberg",
        one place of one country) is no pair. A parenthesis after a name (its endonym or country:
        "Thorn (Torun) und Göttingen") does not part the pair."""
        text = ex.article.analysed_text
        mentions = sorted(here, key=lambda m: m.start)
        between = "zwischen" in text[sent.start:sent.end]
        items = []
        i = 0
        while i + 1 < len(mentions):
            a, b = mentions[i], mentions[i + 1]
            gap = text[a.end:b.start].strip()
            if gap == "(" and text.startswith(")", b.end):  # "Baden-Baden (Sotschi), Heilbronn (…)"
                gap = "und"  # the partner in brackets (a country or the same place's endonym is no item)
            elif gap.startswith("("):
                gap = _PARENTHESES.sub("", gap).strip()
            # "die Gemeinde Lohra mit der Gemeinde Dziemiany", "der Landkreis G und die Hromada J": the second's designation
            gap = (self.designation_after_joiner if between else self.article_after_joiner).sub("", gap) if " " in gap else gap
            if gap in self.pair_joiners and has_home([a], ex) != has_home([b], ex) \
                    and not same_country(a, b, ex):
                items.append((a, b))
                i += 2
            else:
                i += 1
        return [(a, b, item_scope(text, items, k, sent.end))  # (item_scopes.py: a semicolon parts two items)
                for k, (a, b) in enumerate(items)]

    def _stated_partner(self, ex: Extraction, sent: Span):
        """Does the page name a place as a partner before this sentence (pair_anaphora.stated_partner)?"""
        return functools.partial(stated_partner, ex, before=sent.start, has_cue=self.has_cue, named=self.named_partner.names)

    def _cue_sentence(self, ex: Extraction, sent: Span, s_text: str, here: list[Mention],
                      history: list[list[Mention]], record, home: ArticleHome,
                      every: list[Mention] | None = None, found: dict | None = None) -> None:
        """The pairs one sentence with a partnership cue states. `here` has each place once (its
        first occurrence); `every` every occurrence in order, for lists in which one town is a
        partner of two others ("Leipzig und Kiew, …, München und Kiew")."""
        if nothing_to_pair(here, history, home):
            return
        text = ex.article.analysed_text
        if bullet_line(text, sent):
            # "• Pleszew (Pleschen) — Spangenberg" then "• Gołancz — Allendorf/Lumda (seit 1998
            # Partnerschaftsvertrag)": a town of another bullet line is that line's partner, not
            # the owner of this line's
            history = [past for past in history if not (past and bullet_line(text, past[0].sentence))]
        # "Mering bei Augsburg und Karmiel": Augsburg only says where Mering lies
        named, here = here, self._not_locators(text, here)
        if self.groups.record(ex, sent, s_text, here, record):  # "Dreieckspartnerschaft zwischen A, B und C"
            return
        if (joint := joint_owners(ex, sent, here)) is not None:  # "Zusammen mit A und B … eine Partnerschaft mit C"
            for owner in joint[0]:
                record(owner, joint[1], sent)
            here = [m for m in here if m not in joint[0]]
        for owner, partner in relative_partners(self.relative_partner_before, text, sent, here, every):
            record(owner, partner, sent)  # "mit A, deren Partnerstadt B …" (relative_partners.py)
        if (listed := self.partner_noun_lists.one_sided_list(ex, text, sent, here)) and (subject := home.get()) is not None \
                and all(m.ref != subject.ref for m in listed):
            for m in listed:  # "Gäste aus den Partnerstädten A (Frankreich) und B (Italien)" (partner_noun_lists.py)
                record(subject, m, sent)
        seq = every_not_locators(every, named, here, lambda ms: self._not_locators(text, ms)) if every else here
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
        kept = {(m.kind, m.ref) for m in here}
        occurrences = seq  # every one: "aus A, …, Präsident des Komitees für die Partnerschaft zwischen A und B"
        # a name repeated right after itself is its endonym in brackets ("Thorn (Torun) und
        # Göttingen"), not a second item
        seq = [m for i, m in enumerate(seq) if (m.kind, m.ref) in kept
               and not (i and (seq[i - 1].kind, seq[i - 1].ref) == (m.kind, m.ref))]
        # "Augsburg und Poltawa, Wetzlar und Kamjanez-Podilskyj, …": each pair on its own
        items = self._pair_items(ex, sent, seq)
        if len(items) >= 2:
            for a, b, scope in items:
                record(a, b, sent, scope=scope, list_start=items[0][2][0], pair_list=True)
            return
        # "mit den beiden Städten" with "sowohl A als auch B" as the subject
        # (the two coordinated towns are no pair of each other, also when the two others are unknown)
        both = self._both_with_pair(ex, sent, here, history)
        if both is not None:
            for a, b in both:
                record(a, b, sent)
            return
        # "… anlässlich des Jubiläums der Städtepartnerschaft zwischen Kiew und Leipzig": the
        # pair the sentence names outright, not the other places it mentions
        between = self._between_pairs(ex, sent, [m for m in occurrences if (m.kind, m.ref) in kept])
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
            subject = nearest_before(here, history, target, ex)
            if subject is not None and subject.sentence != sent:
                subject = known_owner(subject, target, found, ex, sent.start)
            if subject:
                record(subject, target, sent)
                return
        if len(here) < 2 and (anaphor := self.pair_anaphora.search(s_text)):
            pair = not_elsewhere_paired(last_pair(history + [here], ex, anaphor=anaphor.group(0)), found, ex,
                                        self._stated_partner(ex, sent))
            if pair and not refers_to_institutions(self, text, history):
                record(pair[0], pair[1], sent)
            return
        if len(here) < 2 and self.weak_pair_anaphora.search(s_text):
            pair = last_pair(history + [here], ex, cross_border=True)
            if not (pair and names_new_partner(s_text, here, last_pair(history, ex, cross_border=True), self.weak_anaphora_named_partner)):
                if (pair := not_elsewhere_paired(pair, found, ex, self._stated_partner(ex, sent))) and not refers_to_institutions(self, text, history):
                    record(pair[0], pair[1], sent)
                return
        owners = self._owners(ex, sent, here)
        if owners:
            # "Wegweiser zu den Partnerstädten von Opole": Opole's partners are meant, none named
            here = [m for m in here if m not in owners]
        if len({m.ref for m in owners}) == 1 and here:
            # "X ist die neunte Partnerstadt <owner>s, neben A, B, C …":
            # every other place is a partner of the owner
            segments = list_segments(here, sent, text=ex.article.analysed_text) if len(here) >= 3 else [(m, None) for m in here]
            for m, scope in segments:
                record(owners[0], m, sent, scope=scope, list_item=scope is not None,
                       list_start=segments[0][1][0] if scope is not None else None)
            return
        if not owners and "artner" in s_text and self.plural_partners.search(s_text):
            # "Die Partnerstädte beteiligen sich, z.B. Koszalin und Charenton … und Ahlen": the
            # partners of the town the article is about (the German place named last may be its
            # city: "Tempelhof-Schöneberg, ein Bezirk Berlins")
            subject = home.get() or recent_home(history, ex, home.listed)
            for m in here:
                if subject is not None:
                    record(subject, m, sent)
            return
        if len(here) == 1 and self.indefinite_partner.search(s_text):
            return  # "Slawutitsch möchte gerne mit einer deutschen Stadt kooperieren"
        if not owners and len(here) >= 2 and _NAMED_PARTNERS_BEFORE.search(text, max(sent.start, here[0].start - 30), here[0].start) \
                and (carried := self._named_owner(ex, home.recent)) is not None \
                and all(m.ref != carried.ref for m in here):
            # a question about the partner towns of a town, then a list "A/<country>, B/<country>, …": the partners of the town a
            # sentence just before named as their owner, whatever its country
            for m in here:
                record(carried, m, sent)
            return
        if len(here) >= 3 and has_home(here, ex) and all(
                _list_member(m, here, text) for m in here if has_home([m], ex)):
            # "die Verbindungen nach England (Eastleigh), Frankreich (…) und nach Weißenfels": a
            # German town inside a list of partners is a fellow partner, not their owner
            subject = recent_home(history, ex, home.listed) or home.get()
            if subject is not None:
                for m in here:
                    record(subject, m, sent)
            return
        # "Die Partnerschaften mit Leipzig (1988) und Brünn (1991)" after a city's list of partners
        # that names Leipzig: a listed German town is one more partner, not the owner
        if has_home([m for m in here if m.ref not in home.listed], ex):
            listed = mit_list(ex, sent, here, self.partner_mit_list)
            if listed is not None:
                # "Partnerschaften seit <year> mit A, seit <year> mit B": the noun links the owner with each listed town, German ones too
                owner, items = listed
                owner = owner or recent_home(history, ex, home.listed) or home.get()
                if owner is not None and all((owner.kind, owner.ref) != (m.kind, m.ref) for m, _ in items):
                    if len(items) == 1:
                        record(owner, items[0][0], sent)
                        return
                    segments = dict(list_segments([m for m, _ in items], sent, text=text))
                    group = segments[items[0][0]]
                    for m, heads in items:
                        # "seit 1991 mit den Landkreisen C, D und E": the year of the "mit" is
                        # each town's of its group
                        group = segments[m] if heads else (group[0], segments[m][1])
                        record(owner, m, sent, scope=group, list_item=True, list_start=segments[items[0][0]][0])
                # "Zu den Partnerschaften mit Bonn, Opole (Polen) und Luzern (Schweiz) …" on the
                # page of an unnamed town: every place is an item, none the owner of the others
                return
            home_refs = {m.ref for m in here if has_home([m], ex)}
            text = ex.article.analysed_text
            intro = text[here[0].end:here[1].start] if len(here) > 1 else ""
            if len(here) >= 4 and has_home([here[0]], ex) and here[0].ref not in {m.ref for m in here[1:]} and (
                    len(home_refs) == 1 or ":" in intro or self.has_cue(intro)):
                if self._second_owner(ex, text, here):
                    # "A für die Partnerschaft mit B sowie C für die Partnerschaft mit D": each
                    # partner is the nearest home town's before it, not all the first one's
                    owner = None
                    for m in here:
                        if has_home([m], ex):
                            owner = m
                        elif owner is not None:
                            record(owner, m, sent)
                    return
                # "Heidelberg: Montpellier Frankreich 1961 Cambridge …", "Der Bezirk Spandau
                # unterhält Partnerschaften: seit 1955 mit Luton, …, seit 1992 mit Siegburg":
                # one town, then its list
                segments = list_segments(here[1:], sent, text=ex.article.analysed_text)
                for m, scope in segments:
                    record(here[0], m, sent, scope=scope, list_item=True, list_start=segments[0][1][0])
                return
            groups = with_groups(seq, ex, text)
            if len({a.ref for a, _ in groups}) >= 2:
                # "die Hauptstadt A mit dem italienischen B, die Metropole C mit dem deutschen D":
                # two or more towns each joined with their own partners by "mit", German ones too
                for a, b in groups:
                    record(a, b, sent)
                return
            if len(home_refs) > 1:
                # "besiegelten die Oberbürgermeister von München und Kiew …, vor dem Fall der
                # Berliner Mauer": a town's adjective beside named towns is no partner
                named = [m for m in here if not adjectival(m, ex)]
                if len({m.ref for m in named if has_home([m], ex)}) >= 1:
                    here = named
            if len(here) <= MAX_PLACES_IN_PAIR_SENTENCE or len(home_refs) == 1 or (
                    _paired_in_order(here, ex) and self.respective_pairing.search(s_text)):
                for a, b in _pairs(here, ex, shared=bool(self.shared_partner.search(s_text))):
                    # municipal partnerships cross borders; two places of one country in a
                    # cue sentence are fellow partners of a third, unless a "zwischen" before them
                    # says so ("Hamburg/Bremen/… werden Partnerschaften zwischen Ländern …" does not)
                    # or the two sealed it ("Hameln und Quedlinburg unterzeichneten …")
                    if same_country(a, b, ex) and not _BETWEEN.search(text, sent.start, min(a.start, b.start)) \
                            and not sealed_by_both(text, sent, here, self):
                        continue
                    record(a, b, sent)
            return
        # only foreign places: "A mit B und C, D mit E … verbunden": each town with the towns it is joined with
        groups = with_groups(seq, ex, text)
        if groups:
            for a, b in groups:
                record(a, b, sent)
            return
        if (pair := subject_pair(ex, sent, here)) is not None:  # "1921 sind A und B … eingegangen"
            record(*pair, sent)
            return
        # "Zu den Projektpartnern zählen Buchara …, Cape Coast … und Ulan Bator" lists partners
        # of the German municipality the article is about (a list of them for the article's own
        # town: one foreign place alone may be anybody's partner)
        subject = (owners[0] if owners else None) or (
            # a line that states a pair of its own: where one of its names is unknown, the other
            # has no partner from the line before
            None if PAIR_LINE.match(s_text) else recent_home(history, ex, home.listed))
        if subject is None and len(here) >= 2 and not has_home_region(sent, ex) and not re.search(r"\bzwischen\b", s_text):
            # not where Länder are the partners ("Odessa Gebiet und Baden-Württemberg, …")
            subject = home.get()
        elif subject is None and len(here) == 1 and not has_home(here, ex) and (
                partner_of_mit(text, here[0]) or self.named_partner.names(text, here[0], sent)):
            # "die erste Städtepartnerschaft gab es <year> mit X", "… folgte die Partnerschaft mit Y", paragraphs after the page named its town:
            # the partner "mit" names belongs to the town the article is about; so does one a
            # partner noun names ("Gäste aus der Partnerstadt X", "X wird neue Partnerstadt"), also
            # where the page names its town only once, in its lead
            subject = home.get() or home.sole()
        if len(here) == 1 and not owners:  # (the partner's town the page already named, not the latest one)
            subject = known_owner(subject, here[0], found, ex, sent.start)
        if not here and owners:
            return  # "Die Gemeinde X hat eine Partnergemeinde in Deutschland": an owner, its partner unnamed
        if not here:
            # "Amstelveen" as a section heading, then a sentence on a partnership agreed in an earlier year, on the page of the town whose partners it presents
            headed = home.section
            owner = home.get() if headed is not None else None
            if owner is not None and not same_country(owner, headed, ex):
                record(owner, headed, sent)
            return
        if subject is not None:
            # "… feierten gemeinsam mit den Städten A, B und C das Jubiläum": fellow guests, not
            # the partners of a subject named sentences before
            here = [m for m in here if m not in co_subjects(text, sent, here)] if "mit" in s_text else here
            segments = list_segments(here, sent, text=ex.article.analysed_text) if len(here) >= 2 else []
            if len(here) >= 3 or segments and all(YEAR.search(text, *scope) for _, scope in segments):
                # two partners are a list when each has a year of its own ("die ersten
                # Partnerschaften mit A 1957 und B 1958")
                for m, scope in segments:
                    record(subject, m, sent, scope=scope, list_item=True, list_start=segments[0][1][0])
            else:
                for m in here:
                    # (not a place the sentence ties to no relation: "viermal war sie bereits in
                    # Tokio" beside a word about partnerships: governed_partners.py)
                    if self.governed.tied(text, sent, m, every or here):
                        record(subject, m, sent)
        elif len(here) == 2 and not same_country(here[0], here[1], ex):
            record(here[0], here[1], sent)  # (two partners of someone unnamed, "mit A, Land und B": co_objects drops them)

    def _second_owner(self, ex: Extraction, text: str, here: list[Mention]) -> bool:
        """Does a later home town introduce a partner of its own the way the first does ("A für
        die Partnerschaft mit B sowie C für die Partnerschaft mit D")?"""
        return any(has_home([m], ex) and not has_home([n], ex) and self.has_cue(text[m.end:n.start])
                   for m, n in zip(here[1:], here[2:]))

    def _named_owner(self, ex: Extraction, history: list[list[Mention]]) -> Mention | None:
        """The one place the latest sentence that named an owner of partners named so ("die
        Partnerstädte der Stadt X", "Xs Partnerstädte"), if it named exactly one."""
        for past in reversed(history):
            places = distinct(past)
            owners = self._owners(ex, places[0].sentence, places) if places else []
            if owners:
                return owners[0] if len({m.ref for m in owners}) == 1 else None
        return None

    def _both_with_pair(self, ex: Extraction, sent: Span, here: list[Mention],
                        history: list[list[Mention]]) -> list[tuple[Mention, Mention]] | None:
        """Two towns named in one sentence, then "mit den beiden Städten" and "sowohl A als auch B" with "eine Partnerschaft": each town after
        "sowohl" and "als auch" with each of the two towns "beiden Städten" points back to (the
        other places of this sentence, else of the latest sentence naming any). Anything but
        exactly two coordinated towns and two others is no pair; None: not this pattern."""
        text = ex.article.analysed_text
        if "sowohl" not in text[sent.start:sent.end] or not self.with_both_anaphor.search(text, sent.start, sent.end):
            return None
        coordinated = self.both_subjects.search(text, sent.start, sent.end)
        if not coordinated:
            return None
        subjects = [m for m in here if m.start in (coordinated.end("first"), coordinated.end("second"))]
        if len(subjects) != 2:
            return None
        refs = {(m.kind, m.ref) for m in subjects}
        others = [m for m in here if (m.kind, m.ref) not in refs]
        if not others:
            for past in reversed(history):
                others = [m for m in distinct(past) if (m.kind, m.ref) not in refs]
                if others:
                    break
        if len(others) != 2:
            return []
        return [(a, b) for a in subjects for b in others if not same_country(a, b, ex)]

    def _not_locators(self, text: str, places: list[Mention]) -> list[Mention]:
        return not_locators(text, places, self.locator, self.distance_locator, self.part_locator_before)

    def _between_pairs(self, ex: Extraction, sent: Span, here: list[Mention]) -> list[tuple[Mention, Mention]]:
        """ "zwischen A und B" (places of different countries), also "zwischen A und der
        Verbandsgemeinde B sowie dem Landkreis C" (A–B, A–C) and several in one sentence."""
        text = ex.article.analysed_text
        pairs = []
        for z in _BETWEEN.finditer(text, sent.start, sent.end):
            after = [m for m in here if m.start >= z.end()]
            if len(after) < 2 or not _ARTICLE_AND_NOUNS.fullmatch(text[z.end():after[0].start]):
                continue
            # "die Städtepartnerschaft zwischen A und B": the noun names both sides of one
            # relation, also two towns of one country; a bare "zwischen" of one country is where
            # a town lies ("zwischen Nizza und Antibes gelegen")
            domestic = self.domestic_between_noun.search(text, max(sent.start, z.start() - DOMESTIC_NOUN_REACH), z.start())
            a = after[0]
            prev = a
            for k, b in enumerate(after[1:]):
                joiner = _BETWEEN_AND if k == 0 else _BETWEEN_ALSO
                if not joiner.fullmatch(text[prev.end:b.start]):
                    break
                if not same_country(a, b, ex) or (domestic and not adjectival(b, ex) and not adjectival(a, ex)):
                    pairs.append((a, b))
                prev = b
        return pairs or owned_with_pairs(ex, sent, here)  # "die Partnerschaft der Stadt A mit B" (mit_lists.py)

    def _owners(self, ex: Extraction, sent: Span, here: list[Mention]) -> list[Mention]:
        """Places named as the owner of partners, not as a partner: "Münchens Partnerstädte"
        (no place follows the noun, else it is an apposition), "Partnerstädte von Opole"."""
        text = ex.article.analysed_text
        out = []
        if "artner" not in text[sent.start:sent.end]:
            return out  # every owner phrase has a Partner… noun
        for i, m in enumerate(here):
            # "Münchens Partnerstädte", "die Hamburger Partnerstädte" (genitive or the town's
            # adjective: "Charlottenburg-Wilmersdorf Partnerstadt geblieben" says what a place is,
            # not whose partners follow)
            after = self.owner_after.match(text, m.end, sent.end) if genitive(m, ex) or adjectival(m, ex) else None
            if after and (i + 1 == len(here) or here[i + 1].start > after.end() + 40):
                out.append(m)
            elif self.owner_before.search(text, max(sent.start, m.start - 40), m.start):
                out.append(m)
            elif genitive(m, ex) and self.owner_noun_before.search(text, max(sent.start, m.start - 40), m.start):
                out.append(m)  # "die neunte Partnerstadt Hamburgs, neben Dresden, Marseille …"
            elif i == 0 and self.owner_subject_lead.fullmatch(text, sent.start, m.start) and self.owner_subject.match(text, m.end, sent.end):
                out.append(m)  # the sentence's subject: "X selbst hat … eine Partnerstadt in <country> (Y)"
            elif i == 0 and self.owner_subject_inverted_lead.fullmatch(text, sent.start, m.start) \
                    and self.owner_subject_inverted.match(text, m.end, sent.end):
                out.append(m)  # the subject after its verb: "Andererseits hat X fünfzehn Partnerstädte: …"
        return out

    def _appositions(self, ex: Extraction, sent: Span, here: list[Mention]):
        text = ex.article.analysed_text
        for a, b in zip(here, here[1:]):
            m = self.apposition.fullmatch(text[a.end:b.start])
            if m and a.kind == b.kind == "municipality":
                yield a, b, m["noun"]


#: a plural partner noun right before the first place lists those partners: "der Partnerstädte
#: Portland/USA, …", "die Partnergemeinden A, B und C"
_NAMED_PARTNERS_BEFORE = re.compile(r"\bPartner(?:städte|städten|gemeinden|kommunen)\s+$")

#: "zwischen [dem Distrikt] A und [der Verbandsgemeinde] B [sowie dem Landkreis C]"
#: (the word first, its "\b" as a look-behind: the engine then finds the word by its literal prefix
#: instead of trying the pattern at every offset; the matches of "\bzwischen\s+" at every window)
_BETWEEN = re.compile(r"zwischen(?<!\wzwischen)\s+")
_ARTICLE_AND_NOUNS = re.compile(r"(?:(?:der|dem|den|des|die)\s+)?(?:[A-ZÄÖÜa-zäöüß\-]+\s+){0,2}")
_BETWEEN_AND = re.compile(r"\s*(?:\(.{0,40}?\)\s*|in\s+(?:der\s+|dem\s+|den\s+)?[A-ZÄÖÜ][\wäöüß\-]+\s+)?und\s+(?:(?:der|dem|den|des|die)\s+)?(?:[a-zäöüß\-]+\s+)?(?:[A-ZÄÖÜ][a-zäöüß\-]+\s+)?")
_BETWEEN_ALSO = re.compile(r"\s*(?:\(.{0,40}?\)\s*|in\s+(?:der\s+|dem\s+|den\s+)?[A-ZÄÖÜ][\wäöüß\-]+\s*)?(?:,|sowie|und)\s+(?:(?:der|dem|den|des|die)\s+)?(?:[a-zäöüß\-]+\s+)?(?:[A-ZÄÖÜ][a-zäöüß\-]+\s+)?")


def nothing_to_pair(here: list[Mention], history: list[list[Mention]], home: ArticleHome) -> bool:
    """Can no rule state a pair for this sentence? A pair needs two places, from this sentence,
    from the sentences before (by an anaphor) or the partner whose section is being read (with
    the article's town): with none of them, no rule can. A third of the cue sentences of real
    pages (menus, prose about partnerships in general) end here, before a dozen regex searches.
    (Keep this in step with every rule of _cue_sentence that records a pair.)"""
    return not here and not any(history) and home.section is None


def _list_member(m: Mention, here: list[Mention], text: str) -> bool:
    """Is `m` an item of a list of places (a separator, maybe with a parenthesis or a country
    word, between it and the place before it)?"""
    before = [x for x in here if x.end <= m.start]
    if not before:
        return False
    gap = _PARENTHESES.sub(" ", text[before[-1].end:m.start])
    return bool(_LIST_GAP.fullmatch(gap))


#: an article and a municipal designation after a pair's joiner ("und die Gemeinde", "mit der Stadt")
_LIST_GAP = re.compile(r"\s*[),;]?\s*(?:,|und|sowie|oder)\s*(?:(?:die|der|den)\s+[A-ZÄÖÜ][\wäöüß\-]*\s+aus\b)?\s*(?:nach|mit|in)?\s*(?:[A-ZÄÖÜ][\wäöüß\-]*\s*)?")


def _pairs(here: list[Mention], ex: Extraction, shared: bool = False) -> list[tuple[Mention, Mention]]:
    """Which of the places in one cue sentence are partners.

    Two places: the pair. More: each German place with each foreign one when both sides occur
    ("Köln … mit der peruanischen Stadt Yarinacocha"); otherwise only a first-and-second pair.
    Several German places with foreign ones are not all partners of each other: as many German
    as foreign places, all German ones first, are paired in order ("Vertreter von A und B berichteten über die Klimapartnerschaften mit C und D");
    otherwise each foreign place goes with the German place nearest to it ("gemeinsam mit A, das mit B befreundet ist, hat sich C …"), unless the sentence says the others
    join it (`shared`: "… San Carlos …, der sich die Stadt Erlangen 1990 anschloss").
    """
    if len(here) < 2:
        return []
    if len(here) == 2:
        return [(here[0], here[1])]

    def home(m: Mention) -> bool:
        place = ex.places.get(m.ref) if m.kind == "municipality" else None
        return place is not None and place.country == ex.home

    homes = [m for m in here if home(m)]
    foreign = [m for m in here if not home(m)]
    if len(homes) >= 2 and foreign and not shared and all(m.kind == "municipality" for m in here):
        if len(homes) == len(foreign) and homes[-1].start < foreign[0].start:
            return list(zip(homes, foreign))
        return [(min(homes, key=lambda h: (max(h.start - f.end, f.start - h.end), h.start)), f) for f in foreign]
    return [(a, b) for i, a in enumerate(here) for b in here[i + 1:]
            if a.kind != b.kind or home(a) != home(b)] or [(here[0], here[1])]


def _paired_in_order(here: list[Mention], ex: Extraction) -> bool:
    """As many German municipalities as foreign ones, all the German ones first: the two lists
    "jeweils" pairs item by item (`_pairs` zips them)."""
    homes = [m for m in here if has_home([m], ex)]
    return all(m.kind == "municipality" for m in here) and 2 * len(homes) == len(here) \
        and all(m.start < here[len(homes)].start for m in homes)
