"""Places from the gazetteer: its hits in the text, resolved in the article's context (countries
named, cue words, population prior; one sense per discourse) and accepted or turned down by the
word rules (surnames, words, buildings, time expressions)."""

from __future__ import annotations

import math
import re

from .context import HOME_COUNTRY, Context, PlaceHit, next_word, previous_word
from .gazetteer import PlaceRecord
from .glued_partners import glued_partners, land_named_towns
from .hit_facts import NAME_PARTICLES, HitFacts
from .place_names import (DWARFED_RATIO, KNOWN_CITY_POPULATION, MIN_HOME_POPULATION, after_relative_pronoun, before_name, is_adjective,
                          named_outright, own_name, short_form)
from ..models import Extraction, Mention, Place, Span
from .sentences import sentence_of
from .territory_lists import territory_in_list
from .enumerations import LIST_GAPS, enumerated
from .partner_with import partners_with
from .named_towns import named_town
from .name_forms import short_forms
from .noun_joins import named_once
from .taken_back import TAKE_BACK_RULES
from .host_towns import host_resolutions, host_town
from .foreign_namesakes import foreign_namesakes
from .person_names import surname_after_given_name
from .page_neighbours import move_to_nearest_bearers

#: a foreign place in a country the article does not name counts only from this size on. On the
#: sample corpus every false positive of this kind was under 200k (Alhambra CA 128k, Livingstone
#: 178k, Dordrecht 119k, Frankfort KY 28k) while foreign partner cities without their country
#: named were capitals and metropolises (Minsk 1.7M, Chengdu 7M)
WORLD_CITY_POPULATION = 500_000
#: three or more German towns enumerated in a sentence about partnerships count from this size
#: on (Extractor._home_town_lists): 1,000 kept the villages listed on the dev pages (Sommerach, 1.4k)
#: while hamlets, whose names are mostly surnames' too, stay out
MIN_LISTED_HOME_POPULATION = 1_000
#: "Kölner", "Leipziger": city adjectives are counted for German-speaking towns of this size
MIN_ADJECTIVE_POPULATION = 10_000
#: a foreign town named by its own name (no alias, no word, no first name) inside a sentence about
#: a partnership counts from this size on with its country unnamed ("seit 1976 mit Gagny", 38k;
#: "nach England (Eastleigh)", 54k). On the dev pages the rejected hits of 20k–100k in such
#: sentences were those partners and words or aliases (Ende, Union, Kenner, Laurent), which the
#: other conditions keep out; on the held-out pages the rule changed nothing
MIN_PARTNER_SENTENCE_POPULATION = 20_000
#: a town whose name is a German noun, joined by "und", "mit", "für" to a common noun, is read as
#: that noun below this size (noun_joins.py): the words the open splits read so were towns of 0.8k
#: to 10k (Treffen, Forst, Korb), while Ahlen (52k) in "im Tischtennis und Ahlen beim Mini-Marathon"
#: is a partner; the 20k of MIN_PARTNER_SENTENCE_POPULATION lies between. Outside a sentence about
#: partnerships the size does not count: "durch Geschichte und Lage" (Lage 35k,
#: hamburgische-buergerschaft.de, fresh7) and "Unterricht und Essen in der Cafeteria" (Essen 580k,
#: friedrich-wilhelm-schule.de, dev3) are nouns; Ahlen's sentence names partnerships
NOUN_JOINED_POPULATION = MIN_PARTNER_SENTENCE_POPULATION
#: see Extractor._best: enough for Linz (AT, 205k) over Linz am Rhein (DE, 6k, +2 home bonus; needs
#: > 0.47), too little for St. Petersburg FL (260k) over Saint Petersburg RU (5.3M; needs < 1.32).
#: (also to a qualified town's short form where its country has a bearer: place_names.named_outright)
EXACT_NAME_BONUS = 1.0
#: see Extractor._best: a known city bearing a name as its own outweighs the page's context
#: bonuses of a bearer of it as an alias that is this many times smaller. Beijing/Pöcking
#: ("Peking") is 3,300; towns bearing a name only as a GeoNames alias yet meant by it (Odesa, 1M,
#: beside Odessa TX, 114k; Samar UA, 71k, the renamed Novomoskovsk, beside Novomoskovsk RU, 131k)
#: are within a factor of 10 of the own-name bearer
ALIAS_SIZE_RATIO = 100
GERMAN_SPEAKING = {"DE", "AT", "CH"}


class PlaceResolution:
    """The gazetteer steps of `Extractor` (a mixin over its gazetteer, word lists and `cues.CueReading`)."""

    def _place_hits(self, text: str) -> list[PlaceHit]:
        gaz = self.gazetteer
        n = len(text)
        hits = []
        # (the loop runs for every automaton hit, ~100 a page: what it reads is bound here once;
        # a hit is made by tuple.__new__, in C: the named tuple's own __new__ is a Python call)
        lengths, ambiguous, memo, new = gaz.alias_lengths, gaz.ambiguous, self._candidates_memo, tuple.__new__
        padded = text + " "  # the character after a hit, also at the end of the text
        for end_idx, alias_index in gaz.automaton.iter(text):
            end = end_idx + 1
            # the hot path: most hits end inside a longer word ("Halle" in "Hallen"); that test
            # first, before the start is even looked up (measured: 60 % of the real pages' hits)
            c = padded[end]
            if c.isalnum() and c != "s" and c != "e":
                continue
            start = end - lengths[alias_index]
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'’"):
                continue
            surface_end = end
            if c.isalnum():
                if c == "s" and (end + 1 == n or not text[end + 1].isalnum()):
                    if text[start:end + 1] in self.nouns and text[start:end] not in self.nouns \
                            or text[start:end + 1].lower() in self.frequent:
                        continue  # "Basis" is a word, not the genitive of Basi (IN); "Erlangens" may be the town's;
                        # "Damals" is the adverb, not the genitive of Damal (TR, kurier.de)
                    surface_end = end + 1  # genitive: Leipzigs, Kyjiws
                elif c == "e" and text[end + 1:end + 2] == "r" and (end + 2 == n or not text[end + 2].isalnum()):
                    surface_end = end + 2  # city adjective: Kölner, Leipziger
                else:
                    continue
            if text.startswith(self._region_after_heads, surface_end) \
                    and next_word(text, surface_end) in self._region_after:
                continue  # "Donezk Gebiet": the oblast, not the town
            surface = text[start:end]
            if surface_end == end + 2:
                cands = self._adjective_candidates(alias_index)
                if not cands or next_word(text, surface_end) in self._city_parts:
                    continue  # "der Berliner Bezirk Pankow": the borough is meant, not Berlin
                hits.append(new(PlaceHit, (start, surface_end, surface, cands, surface in ambiguous, True)))
            else:
                cands = memo.get(alias_index) or self._alias_candidates(alias_index)
                hits.append(new(PlaceHit, (start, surface_end, surface, cands, surface in ambiguous, False)))
        return hits

    def _alias_candidates(self, alias_index: int) -> list[PlaceRecord]:
        """The places bearing one gazetteer name, kept per name: names repeat across a build's
        articles (only the list is shared between hits; nothing changes it), and building it
        was ~13 % of _place_hits. Bounded like the other word-keyed memos."""
        cands = self._candidates_memo.get(alias_index)
        if cands is None:
            gaz = self.gazetteer
            cands = [gaz.place(i) for i in gaz.alias_places[alias_index]]
            if len(self._candidates_memo) < 100_000:
                self._candidates_memo[alias_index] = cands
        return cands

    def _adjective_candidates(self, alias_index: int) -> list[PlaceRecord]:
        """The places a city adjective of this name may mean, kept per name (negated index)."""
        cands = self._candidates_memo.get(~alias_index)
        if cands is None:
            cands = [c for c in self._alias_candidates(alias_index)
                     if c.country in GERMAN_SPEAKING and c.population >= MIN_ADJECTIVE_POPULATION]
            if len(self._candidates_memo) < 100_000:
                self._candidates_memo[~alias_index] = cands
        return cands

    def _place_of(self, record: PlaceRecord) -> Place:
        """record.to_place(), kept per record (places are frozen; the same towns come back in
        article after article). Keyed by identity: the gazetteer keeps each record it made."""
        known = self._places_memo.get(id(record))
        if known is None or known[0] is not record:
            known = (record, record.to_place())
            if len(self._places_memo) < 100_000:
                self._places_memo[id(record)] = known
        return known[1]

    def _after_preposition(self, text: str, start: int) -> bool:
        prev = previous_word(text, start)
        return prev.lower() in self._prepositions or prev.lower() in self._cue_nouns

    def _place_mentions(self, ex: Extraction, ctx: Context, hits: list[PlaceHit]) -> None:
        """Resolves every gazetteer hit in the context of the whole article.

        One sense per discourse: all occurrences of one name share one place (their cue words vote
        together), except an occurrence with a cue of its own ("dem schottischen Blantyre" in an
        article about Blantyre in Malawi). Then each occurrence must pass the acceptance rules, in
        text order, so an earlier confident mention licenses later ambiguous ones ("Essen, einst …").
        """
        text = ctx.text
        # a function word that is also a frequent word ("Die", "Der", "Auch": a sixth of the real pages' hits) is
        # turned down by every rule below (_accept turns down every name of _stop, the home-town lists and
        # enumerations every frequent word): it stays among the hits, breaking lists, but is never resolved
        live = [not (h.surface in self._stop and " " not in h.surface and h.surface.lower() in self.frequent)
                for h in hits]
        facts = [self._hit_facts(ex, ctx, h) if live[i] else None for i, h in enumerate(hits)]
        groups: dict[str, list[int]] = {}
        for i, h in enumerate(hits):
            if live[i]:
                groups.setdefault(h.surface, []).append(i)
        resolved: dict[int, PlaceRecord] = {}
        for surface, members in groups.items():
            votes: dict[str, int] = {}
            for i in members:
                if facts[i]["cue_cc"]:
                    # "meint nicht das spanische Granada": a negated cue speaks against its country
                    vote = -1 if facts[i]["cue_negated"] else 1
                    votes[facts[i]["cue_cc"]] = votes.get(facts[i]["cue_cc"], 0) + vote
            default = self._best(hits[members[0]].candidates, ctx, votes, surface)
            for i in members:
                own = facts[i]["cue_cc"]
                resolved[i] = self._best(hits[i].candidates, ctx, {own: 1}, surface) \
                    if own and own != (default and default.country) else default
        # "Frankfurt am Main … in Frankfurt", "Berchères-sur-Vesgre … Berchères": a short form of a longer
        # name the article uses means that place, not another bearer of it (Frankfort, Kentucky; Berchères-les-Pierres)
        longer = {}
        for i, h in enumerate(hits):
            if resolved.get(i) is not None:
                for short in short_forms(h.surface) if " " in h.surface or "-" in h.surface else ():  # (none without)
                    longer.setdefault(short, resolved[i])
        for i, h in enumerate(hits):
            if h.surface in longer and live[i]:
                resolved[i] = longer[h.surface]
        foreign_namesakes(hits, resolved, live, facts, ctx.home)  # "Partnerschaft mit Lemberg": Lviv (foreign_namesakes.py)
        host_resolutions(hits, resolved, live, ctx.host_words, ctx.home)  # "Wörth" on woerth-isar.de (host_towns.py)
        accepted: set[int] = set()  # geonameids accepted so far in this article
        home_lists = self._home_town_lists(hits, resolved, facts, text, ctx.home)
        ok = []
        for i, h in enumerate(hits):
            best = resolved.get(i)
            ok.append(best is not None and (i in home_lists or self._accept(h, best, facts[i], ctx, accepted)))
            if ok[-1]:
                accepted.add(best.geonameid)
        for i in (*enumerated(hits, resolved, facts, ok, text, self.frequent, self.first_names),
                  *partners_with(hits, resolved, facts, ok, text, self.frequent, self.first_names),
                  *glued_partners(hits, resolved, facts, ok, text, self.frequent, self.first_names),
                  *land_named_towns(hits, resolved, facts, ok, text, ctx.territory_spans, ctx.home),
                  *(i for rule in TAKE_BACK_RULES for i in rule(self, hits, resolved, facts, ok, ctx))):
            ok[i] = True
        move_to_nearest_bearers(hits, resolved, ok)  # "Brühl" beside Ladenburg: Brühl near Mannheim
        for i, h in enumerate(hits):
            best = resolved.get(i)
            if not ok[i]:
                continue
            place = self._place_of(best)
            ex.places.setdefault(place.key, place)
            ex.mentions.append(Mention("municipality", place.key, text[h.start:h.end], h.start, h.end,
                                       facts[i]["sentence"]))
            if h.adjective:
                ctx.adjectives.add((h.start, h.end))

    def _home_town_lists(self, hits: list[PlaceHit], resolved: dict[int, PlaceRecord], facts: list[dict],
                         text: str, home: str) -> set[int]:
        """"Freunde der Partnerschaftskomitees Wiesentheid, Marktbreit und Sommerach": in a
        sentence about partnerships, an enumeration of three or more names that all resolve to
        German towns is a list of towns, however small each is (MIN_HOME_POPULATION turns single
        small towns down because most are surnames; three in a row rarely are). Names that are
        also first names, German words or frequent words are left to the usual rules."""
        out: set[int] = set()
        run: list[int] = []

        def flush():
            if len(run) >= 3:
                out.update(run)
            run.clear()

        for i, h in enumerate(hits):
            best = resolved.get(i)
            ok = (best is not None and best.country == home and best.population >= MIN_LISTED_HOME_POPULATION
                  and facts[i]["partnership_sentence"] and not h.ambiguous and not h.adjective
                  and h.surface not in self.first_names and h.surface.lower() not in self.frequent
                  and not facts[i]["first_name_before"])
            if not ok:
                flush()
                continue
            if run and (facts[run[-1]]["sentence"] != facts[i]["sentence"]
                        or text[hits[run[-1]].end:h.start].strip() not in LIST_GAPS):
                flush()
            run.append(i)
        flush()
        return out

    def _hit_facts(self, ex: Extraction, ctx: Context, h: PlaceHit) -> dict:
        """What the acceptance rules ask about one hit. The facts (almost) every hit needs (its
        sentence, the word before, its cue, a first name before) are computed here; the rest when
        a rule first asks (on the real pages 40 % of the hits are decided before: __missing__)."""
        text = ctx.text
        sent = sentence_of(ctx.sentences, h.start)
        prev = previous_word(text, h.start)
        cue = self._cue_country_mention(ctx, h.start, h.end)
        if cue is not None and cue.end <= h.start and h.end - h.start > len(h.surface) and not h.adjective:
            cue = None  # "Polnische Partnerstadt Frankenbergs": the partner's adjective, the genitive its owner
        return HitFacts(ctx, h, {
            "sentence": sent,
            "prev": prev.lower(),
            "prev_word": prev,
            "cued": self._cue_before(text, h.start, prev),
            "cue_cc": cue and cue.ref,
            "cue_negated": cue is not None and self._negated(ctx, cue),
            "partnership_sentence": self._sentence_has_cue(ctx, sent),
            # "Nicole von Oettingen", "Ursula von der Leyen": a name particle after a first name (or a
            # title) makes the next name a surname (prev is the particle; the first name stands before it)
            "first_name_before": prev.rstrip("-") in self.first_names or prev in NAME_PARTICLES and (
                (w := previous_word(text, text.rfind(prev, 0, h.start))) in self.first_names or w.lower() in self._titles),
        })

    def _before_surname(self, text: str, h: PlaceHit) -> bool:
        """Whether the place's name is a given name before a surname: right before a capitalised
        word that is no place, noun, frequent word or first name, followed as a name in a list of
        people is; and never on its own elsewhere in the text (a town's name recurs alone)."""
        m = _SURNAME_AFTER.match(text, h.end)
        if m is None:
            return False
        word = m["word"]
        if word in self.nouns or word.lower() in self.frequent or word in self.first_names or word in self._place_words \
                or any(self.gazetteer.lookup(w) for w in (word, *word.split("-"))):
            return False
        alone = re.compile(rf"(?<!\w){re.escape(h.surface)}(?!\w)(?! {re.escape(word)})")
        return alone.search(text) is None

    def _known_word(self, word: str) -> bool:
        low = word.lower()
        return word in self.nouns or low in self.frequent or word in self.first_names or word in self._place_words \
            or low in self._roles or low in self._titles or low in self._landmarks or low in self._region_before \
            or any(self.gazetteer.lookup(w) for w in (word, *word.split("-"))) \
            or any(word[i:].capitalize() in self.nouns for i in range(3, len(word) - 3))  # "Städtesolidarität", "Kreishaus"

    def _sentence_has_cue(self, ctx: Context, sent: Span) -> bool:
        known = ctx.cue_sentences.get(sent)
        if known is None:
            known = ctx.cue_sentences[sent] = self._relations.has_cue(ctx.text[sent.start:sent.end])
        return known

    def _best(self, candidates: list[PlaceRecord], ctx: Context, votes: dict[str, int],
              surface: str = "") -> PlaceRecord | None:
        best, best_score = None, -math.inf
        for c, base, alias_only, exact in self._name_scores(candidates, surface):
            score = base
            if alias_only:
                score += 8 * votes.get(c.country, 0)
                if score > best_score:
                    best, best_score = c, score
                continue
            if exact:  # "Linz" is Linz's (AT) name, only a short form of Linz am Rhein (EXACT_NAME_BONUS)
                score += EXACT_NAME_BONUS
            if c.country in ctx.countries:
                score += 4
            if c.country == ctx.home:
                score += 2
            score += 8 * votes.get(c.country, 0)
            if (c.country, c.admin1) in ctx.admin1:
                score += 1.5
            if score > best_score:
                best, best_score = c, score
        return best

    def _name_scores(self, candidates: list[PlaceRecord], surface: str) -> tuple:
        """What _best reads of each candidate that depends on the name alone: (candidate, log10 of
        its size, mere alias beside a famous bearer, bearer of the name outright), kept per name
        (per shared list of _alias_candidates; worked out anew it was a quarter of _best)."""
        key = (id(candidates), surface)
        known = self._scores_memo.get(key) if surface else None
        if known is not None and known[0] is candidates:
            return known[1]
        # "Peking" is Beijing's German name and only a GeoNames variant of Pöcking: where a known
        # city bears the name as its own, a far smaller bearer of it as a mere alias gets no bonus
        # for the page's home or countries, which otherwise outweighs any size
        # (fraktion-cdupankow.de); a cue word of its own still counts ("das oberbayerische
        # Peking"). A big alias bearer keeps its bonuses: "Odessa" is only an alias of Odesa (UA),
        # while Odessa, Texas bears it as its own
        famous = max((c.population for c in candidates
                      if c.population >= KNOWN_CITY_POPULATION and surface and own_name(surface, c)), default=0)
        # a German-speaking town is named in German text by its own name: where another place
        # bears the name as its own, a German, Austrian or Swiss bearer of it as a mere GeoNames
        # alias gets no bonus for the page's home either ("Hora" is Hora, Ukraine, not Bad Muskau:
        # cities4cities.eu, unitedforua.org)
        owned = bool(surface) and any(own_name(surface, c) for c in candidates)
        exact = {c.country for c in candidates if surface and surface in (c.name_de, c.name_en)}
        rows = tuple((c, math.log10(c.population + 10),
                      not own_name(surface, c) and (bool(famous) and c.population * ALIAS_SIZE_RATIO < famous
                                                    or owned and c.country in GERMAN_SPEAKING)
                      or bool(famous) and c.population * DWARFED_RATIO < famous,
                      bool(surface) and named_outright(surface, c, exact)) for c in candidates)
        if surface and len(self._scores_memo) < 100_000:
            self._scores_memo[key] = (candidates, rows)
        return rows

    def _accept(self, h: PlaceHit, best: PlaceRecord, f: dict, ctx: Context, accepted: set[int]) -> bool:
        prev = f["prev"]
        known = best.geonameid in accepted
        if f["cued"] and h.surface not in self._stop and not (h.surface.lower() in self.frequent and not own_name(h.surface, best)):
            return True  # "Städte Ihre Teilnahme": a frequent word that is only some town's alias is the word
        if (h.start, h.end) in ctx.territory_spans and territory_in_list(
                ctx.text, h.start, h.end, ctx.country_mentions, ctx.country_starts):
            return False  # "die Bundesländer Baden-Württemberg, Bremen, Hamburg": the Länder
        city = self._city_states.get(f"{best.country}.{best.admin1}")
        if city is not None and not known and best.name_de != city and best.name_de not in self._not_quarters:
            return False  # "der ruhigere Grunewald": a quarter of Berlin, Hamburg or Vienna, no municipality
        if f["first_name_before"]:
            return False  # "David Livingstone", "Marc Kapust": a surname
        if prev in self._landmarks and f["prev_word"][:1].isupper():
            # (a lower-case "schloss" is the verb: "1964 schloss Riga eine Partnerschaft", vacu-valoda.lv, lateinamerika-nachrichten.de)
            return False  # "Schloss Charlottenburg", "Flughafen Frankfurt": a building
        if prev in self._region_before:
            return False  # "in der Präfektur Chiba": the region, not its capital
        # (a full stop right before the name leaves no previous word: the slice only then)
        if prev in self._titles or not prev and ctx.text[max(0, h.start - 6):h.start].rstrip().endswith(("Dr.", "Prof.")):
            return False  # "Dr. Adem Dalgiç", "Frau Achim": a person
        if h.surface in self._stop:
            return False  # "Partnerstädte / Das Rathaus": a function word, whatever the cue
        if named_town(self, h, best, f, ctx):
            return True  # "Freundeskreis Jászberény", "Sterzing (ITA, seit 1971)", "Feuerwehr Hude"
        if host_town(ctx.text, h.start, h.end, best, ctx.host_words, ctx.home, self.nouns, self.frequent):
            return True  # "Schwanfeld" on schwanfeld.de: the site's own town, however small (host_towns.py)
        if h.surface in self.first_names and next_word(ctx.text, h.end)[:1].isupper() \
                and (next_word(ctx.text, h.end) not in self.nouns and not known or h.surface != best.name_de):
            # "Achim Juchem": a first name before a surname; also before a surname that is a noun
            # or beside a big city's alias, where the first name is no German name of the place
            # ("Karin Schilder" is no Erzurum, old Karin; "Florence Lasserre" no Florenz)
            return False
        if not known and h.surface not in self._stop and self._before_surname(ctx.text, h):
            return False  # "Nelson Milanzi vom District", "Sven Traschewski/Deutschland": a person
        if not known and best.population < KNOWN_CITY_POPULATION and f["prev_capitalised"] \
                and surname_after_given_name(ctx.text, h.start, h.surface, self._known_word):
            return False  # "Schulleiter Hisao Nakajima": a surname after a given name no list holds
        if prev in self._roles and not known and h.end - h.start == len(h.surface):
            return False  # "Bürgermeister Sadowy": a surname after a title ("Oberbürgermeister Leipzigs" is the town)
        if prev.isdigit() and (len(prev) == 5 or len(prev) == 4 and not 1800 <= int(prev) <= 2099) \
                or not prev and f["street_address"]:
            # "55116 Mainz", "…allee 107, Potsdam": an address in an imprint, contact box or venue
            # line; a year before a name is a list whose line breaks were lost ("Montpellier Frankreich 1961 Cambridge …")
            return False
        if h.surface.lower() in self.frequent and h.surface not in (best.name_de, best.name_en) and not known \
                and not short_form(h.surface, best):
            # "Gerne" is a GeoNames alias of Herne, "Dabei" of Dubai: the words win; but
            # "Frankfurt" is the first word of Frankfurt am Main's own name (the frequent-word
            # list holds it for the city), so it goes on to the size rules below
            return False
        if prev in self._determiners and not h.adjective and not (known and after_relative_pronoun(ctx.text, h.start)):
            return False  # "der Alhambra": towns take no article ("die Kölner Delegation" may; ", die Bonn" is a clause)
        if prev in self._river_words:
            return False  # "am Dnipro", "im Norden", "am Main": rivers and directions
        # (in the next three rules the facts about the text around the hit come after the cheap
        # tests of the hit itself: computed on first access, they are needed for fewer hits)
        if best.country == ctx.home and best.population >= MIN_LISTED_HOME_POPULATION and f["dateline"] \
                and (not h.ambiguous or f["signed_dateline"]) and h.surface.lower() not in self.frequent and h.surface not in self.first_names:
            return True  # "Wanfried. Über das Pfingstwochenende …": a regional paper's dateline names its town
        if best.population >= MIN_LISTED_HOME_POPULATION and not h.ambiguous and f["own_line"] \
                and h.surface.lower() not in self.frequent and h.surface not in self.first_names \
                and (h.surface in (best.name_de, best.name_en) or short_form(h.surface, best)) \
                and any(ctx.cue_sentences.values()):
            return True  # a partner page's heading or list line that is a town's own name and nothing else
        if f["between_partners"] and h.surface.lower() not in self.frequent and (
                not h.ambiguous or best.population >= KNOWN_CITY_POPULATION and own_name(h.surface, best)):
            # (also a city of 100k+ whose own name is a word: "zwischen Bonn und Oxford", alaturka.info)
            return True  # "die Partnerschaft zwischen Tavaux und Friesenheim": named as partners, whatever their size
        foreign_named = best.country in ctx.countries and best.country != ctx.home
        cue_named = f["cue_cc"] == best.country
        if h.ambiguous:
            if not known and best.population < KNOWN_CITY_POPULATION and not own_name(h.surface, best):
                return False  # "in Höhe von", "als Kurort": a word that is only some small place's alias
            # "in Essen" and "Ob Essen im Ruhrgebiet" are the city; "das Essen", "beim
            # Essen", "in der Halle" are not
            if prev in self._determiners or prev in self._contractions or (
                    is_adjective(prev) and prev not in self._prepositions):
                return False
            if next_word(ctx.text, h.end) in self._months:
                return False  # "seit Mitte Januar": a time expression
            if not known and self._noun_joins.joined_to_noun(ctx.text, h.start, prev) \
                    and (best.population < NOUN_JOINED_POPULATION or named_once(ctx.text, h.surface)):
                return False  # "Besuche und Treffen", "Drehleiter mit Korb": a noun beside a noun
            if not (prev in self._prepositions or known
                    or (not f["initial"] and best.population >= KNOWN_CITY_POPULATION)):
                return False
            if not (known or cue_named or foreign_named or best.country == ctx.home
                    or (prev in self._prepositions and best.population >= WORLD_CITY_POPULATION
                        and own_name(h.surface, best))):
                # "in Kitas" is not Quito: a noun needs its place's country named, unless it is
                # a metropolis's own name after a preposition ("nach Rom")
                return False
        if h.surface.lower() in self.frequent and not known and not (
                (foreign_named or cue_named or best.country == ctx.home) and best.population >= KNOWN_CITY_POPULATION) \
                and not (not f["initial"] and best.population >= WORLD_CITY_POPULATION):
            # "Dort", "Weil", "Man"; a metropolis mid-sentence is itself ("ein Signal an
            # Moskau"), while its word-twins open sentences ("Dabei" is not Dubai)
            return False
        if known or cue_named or foreign_named:
            return True
        if best.country == ctx.home:
            return best.population >= MIN_HOME_POPULATION or (
                f["partnership_sentence"] and best.population >= MIN_LISTED_HOME_POPULATION and not h.ambiguous
                and not f["prev_capitalised"] and h.surface.lower() not in self.frequent
                and h.surface not in self.first_names and h.surface in (best.name_de, best.name_en)
                and not any(c.population >= KNOWN_CITY_POPULATION for c in h.candidates))
        # in a sentence about a partnership a foreign city needs less fame ("Neben klassischen
        # Städtepartnerschaften – etwa mit Oxford und Opole – pflegt Bonn …")
        if f["partnership_sentence"]:
            return best.population >= KNOWN_CITY_POPULATION or (
                best.population >= MIN_PARTNER_SENTENCE_POPULATION and not f["initial"] and not h.ambiguous
                and h.surface.lower() not in self.frequent and h.surface not in self.first_names
                and own_name(h.surface, best))
        # a known city by its own name mid-sentence after a lower-case word is that city even with
        # its country unnamed and no partnership cue ("eine Delegation aus Nancy", "Universitäts-
        # städte wie Heidelberg und Cambridge", "… Warschau und Windhuk"); the 100k–500k names
        # this rule turned down on the real pages were all first names, aliases or followed a
        # capitalised word (Mary, Hanna, "Qianlan Gao", "Vulkan San Cristóbal", "Gebiet Kaliningrad")
        if best.population >= KNOWN_CITY_POPULATION and not h.ambiguous and not f["initial"] \
                and not f["prev_capitalised"] and h.surface.lower() not in self.frequent \
                and h.surface not in self.first_names and own_name(h.surface, best) \
                and not before_name(ctx.text, h.end, self.nouns):
            return True
        return best.population >= WORLD_CITY_POPULATION


#: a capitalised word (maybe a double name: "Lasserre-David") right after a place's name and one
#: space, followed by what follows a person's name in a list of people: a comma, a bracket, a
#: slash, "von"/"vom"/"und" ("Nelson Milanzi vom District", "Sven Traschewski/Deutschland",
#: "Florence Lasserre-David und die Stadträte": muehlacker-tagblatt.de,
#: sapporo-germany-cir.blogspot.com, buergerinfo-ansbach.livingdata.de)
_SURNAME_AFTER = re.compile(r" (?P<word>[A-ZÄÖÜ][a-zäöüßçğışéèáíóúñ]+(?:-[A-ZÄÖÜ][a-zäöüßçğışéèáíóúñ]+)?)(?: [A-Z][a-z]{1,3})?"
                            r"(?=\s*[,(/]|\s+(?:vom|von|und)\b)")  # (a short third word: "Nguyen Minh Vu,", lvz.de)
