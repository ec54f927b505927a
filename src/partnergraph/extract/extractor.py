"""The extractor: an `Article` in, an `Extraction` out. Gazetteer and rules, no statistical model.

Steps, each a small function: sentences → term hits (vocabulary, countries, regions) → place
hits (gazetteer) → overlap resolution (longest span wins) → places resolved in the article's
context (countries named, cue words, population prior) → places introduced by cue words that no
gazetteer knows → relations (partnerships, events, people, population figures; relations.py).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property
import logging
import re

from . import local_governments
from ..resources import data_file
from .context import HOME_COUNTRY, Context, Taken, next_word, previous_word
from .host_towns import host_words
from .home import home_country, unambiguous_names
from .dash_pairs import dash_pair_places
from .locator_partners import LocatorPartners
from .slash_locators import drop_slash_locators
from .cue_places import CuePlaces
from .city_boroughs import CityBoroughs
from .district_headings import headed_districts
from .district_partners import district_partners
from .district_seats import seats_as_districts
from .partner_regions import PartnerRegions
from .prefilter import Prefiltered
from .quoted_names import QuotedNames
from .city_districts import resolve_city_districts
from .numbered_districts import NumberedDistricts
from .spaced_communes import PARTICLES as spaced_particles, spaced_communes
from .clause_subjects import drop_cross_clause_pairs
from .co_objects import drop_co_objects
from .hypothetical_pairs import drop_hypothetical_pairs
from .venue_partners import drop_venue_partners
from .negated_partners import drop_negated_partners
from .own_institutions import drop_own_institutions
from .demonym_owners import drop_demonym_owned
from .word_places import WordPlaces
from .person_lists import drop_listed_given_names
from .parallel_heads import drop_parallel_heads
from .compound_names import join_compound_names
from .noun_joins import NounJoins
from .region_locators import RegionLocators
from .romance_names import RomanceNames
from .cues import CueReading
from .gazetteer import Gazetteer, get_gazetteer, load_common_nouns, load_first_names, load_frequent_words
from .matcher import Keywords, TermHit, TermMatcher
from .minted_places import link_minted_places
from .landmark_lists import LandmarkLists
from .misspelt_places import link_misspelt_places
from .namesake_vetoes import stated_country_vetoes
from ..models import MENTION_ORDER, Article, Extraction, Mention, Place
from .overlaps import resolve_overlaps
from .caps_names import uncapitalised
from .places import KNOWN_CITY_POPULATION, PlaceResolution
from .relations import RelationRules
from .rules import rules
from .sentences import sentence_of, split
from .territories import regions
from ..vocab import Vocabulary, load_vocabulary

#: a credit names its owner in a few words ("Foto: Stadt Bonn", "Text: Stadt Altdorf b. Nürnberg",
#: "Umschlaggestaltung: Fabian Ewert, Königswinter"): four at most. Where the page lost the line
#: break after it, the words after the fourth are the article's again (a photographer's two names, then a headline opening with a town, adtplus.arcanum.hu; "Foto: Dimitri Melnik/
#: Kreisverwaltung Hinter Landrat …", rhein-zeitung.de; "Foto: Andreas GrasserAlles hatte in
#: München begonnen", service-eine-welt.de; docsplayer.com)
_CREDIT_NAME = re.compile(r"(?:\s*\S+){1,4}")
#: the same capitalised word twice in a row inside a credit: where its line break was lost
_CREDIT_REPEAT = re.compile(r"\b([A-ZÄÖÜ][\w-]+)[ \t]+\1\b")

LOGGER = logging.getLogger(__name__)

#: the longest string analysed as one article; longer inputs are cut (and the cut is logged).
#: 10 million characters is ~1,500 printed pages, far beyond any news article; extraction is
#: linear in the text (measured: 2 MB in 2.7 s), so the bound only caps memory and time
MAX_TEXT = 10_000_000



class Extractor(PlaceResolution, CueReading, CuePlaces):
    """Reusable: loads the gazetteer and vocabularies once, then extracts many articles.

    The steps live in modules of their own: `places` (gazetteer hits, resolved and accepted),
    `cues` (cue words and the countries they give), `cue_places` (places only cue words
    know), `relations` (partnerships, events, people, population figures)."""

    def __init__(self, *, gazetteer: Gazetteer | None = None, vocabulary: Vocabulary | None = None):
        self.gazetteer = gazetteer or get_gazetteer()
        self.vocabulary = vocabulary or load_vocabulary()
        self.rules = rules()
        self._seat_town_before = Prefiltered(re.compile(self.rules["seat_as_town_before"]))
        self._district_heading = Prefiltered(re.compile(self.rules["district_list_heading"]))  # (a page scan)
        self._district_seat_before = Prefiltered(re.compile(self.rules["district_seat_before"] + r"$"))
        self._city_boroughs = CityBoroughs(self.rules)
        self._numbered_districts = NumberedDistricts(self.rules, self.gazetteer)
        self._partner_regions = PartnerRegions(self.rules)
        self.nouns = load_common_nouns()
        self.frequent = load_frequent_words()
        self._cue_nouns = {w.lower() for w in self.rules["place_cue_nouns"]}
        self._cue_exclude = {w.lower() for w in self.rules["place_cue_exclude"]}
        self._cue_suffixes = tuple(self.rules["place_cue_suffixes"])
        self._cue_kinds = {w.lower(): tuple(v) for w, v in self.rules["place_cue_kinds"].items()}
        self._foreign_districts = {cc: tuple(v) for cc, v in self.rules["foreign_district_designations"].items()}
        self._designation_countries = dict(self.rules["designation_countries"])
        self._default_countries = dict(self.rules["designation_default_countries"])
        self._foreign_designations = frozenset(self.rules["foreign_designations"])
        self._country_parts = frozenset(self.rules["constituent_country_kinds"])
        self._locating_regions = frozenset(self.rules["locating_region_kinds"])
        self._city_states = dict(self.rules["city_state_quarters"])  # "DE.16" (country.admin1) → "Berlin"
        self._city_state_countries = frozenset(k.split(".")[0] for k in self._city_states)
        self._not_quarters = frozenset(self.rules["former_boroughs"]) | {
            u.name for u in local_governments.local_governments().values() if u.kind == "borough"}
        self._city_parts = frozenset(self.rules["city_part_nouns"]) | frozenset(self.rules["region_level_nouns"])
        self._region_after = frozenset(self.rules["region_after_nouns"])
        self._region_after_heads = tuple(" " + w for w in self._region_after)  # a cheap test before the word
        self._roles = frozenset(w.lower() for w in self.rules["person_roles"])
        self._landmarks = frozenset(w.lower() for w in self.rules["landmark_nouns"])
        self._name_particles = frozenset(self.rules["romance_name_particles"])
        self._institutions = frozenset(w.lower() for w in self.rules["institution_nouns"])
        self._associations = frozenset(w.lower() for w in (*self.rules["association_nouns"],
                                                           *self.rules["partnership_name_nouns"]))
        self._region_before = frozenset(w.lower() for w in self.rules["region_before_nouns"])
        self._months = frozenset(self.rules["time_words_after"])
        self._german_endings = tuple(self.rules["german_place_endings"])
        self._qualifiers = frozenset(line for line in data_file("german-name-qualifiers.txt").read_text(
            encoding="utf-8").splitlines() if line and not line.startswith("#"))
        self._titles = frozenset(w.lower() for w in self.rules["person_titles"])
        self._negations = frozenset(w.lower() for w in self.rules["negations"] if " " not in w)
        self._suffix_kinds = dict(self.rules["place_suffix_kinds"])
        self._place_words = frozenset(self.rules["place_words_after"])
        self._credit_words = frozenset(self.rules["credit_markers"])
        # one pass finds both the credit markers and the English designations (a pass each cost
        # ~2 % of the extraction, measured against the extractor before them) ...
        self._markers = Keywords([*self._suffix_kinds, *self._credit_words], word_start=False)
        # ... and that is the pass over the lowered text that finds the terms and the cue words'
        # endings (TermMatcher.serve; the relations' keyword lists join it in _relations)
        self.terms = TermMatcher(self.vocabulary, endings=self._cue_ending_words())
        self.terms.serve(self._markers)
        self._cue_memo: dict[str, bool] = {}
        self._candidates_memo: dict[int, list] = {}  # gazetteer name index → its places (_alias_candidates; its
        # bitwise negation → those a city adjective of the name may mean, _adjective_candidates)
        self._places_memo: dict[int, tuple] = {}  # id of a gazetteer record → (record, its Place) (_place_of)
        self._units_memo: dict[str, Place] = {}  # local-government key → its linked Place (_term_mentions)
        self._scores_memo: dict[tuple, tuple] = {}  # (id of candidates, name) → their static scores (_name_scores)
        self._prepositions = {w.lower() for w in self.rules["place_prepositions"]}
        self._determiners = {w.lower() for w in self.rules["determiners"]}
        self._stop = set(self.rules["name_stop_words"])
        self._contractions = {w.lower() for w in self.rules["contractions"]}
        self._river_words = {w.lower() for w in self.rules["not_before_places"]}
        self._language_nouns = frozenset(self.rules["language_nouns"])
        self.first_names = load_first_names()
        self._quoted_names = QuotedNames(self.rules)
        self._region_locators = RegionLocators(self.rules)
        self._locator_partners = LocatorPartners(self.rules)
        self._romance_names = RomanceNames(self.rules)
        self.terms.serve(self._romance_names.landmark_nouns, spaced_particles)
        self._word_places = WordPlaces(self.rules, self.gazetteer.ambiguous)
        self._landmark_lists = LandmarkLists(self.rules)
        self._noun_joins = NounJoins(self.rules, self.nouns)
        self._home_domains = dict(self.rules["home_country_domains"])
        self._bezirk_homes = frozenset(self.rules["district_bezirk_countries"])
        self._borough_countries = frozenset(self.rules["city_borough_countries"])

    @cached_property
    def _relations(self) -> RelationRules:
        relations = RelationRules(self.rules, determiners=self._determiners)
        # the role words before people's names and the utility and event heads are found in the
        # term pass too (extract scans the terms before it asks where people stand), and so are
        # the cue literals mark_partnership_context asks of each sentence
        self.terms.serve(relations.people.role_words, relations.organisations.utility_heads,
                         relations.events.event_heads, *relations.cue_literal_words())
        return relations

    # -- public ----------------------------------------------------------------------------

    def extract(self, article: Article) -> Extraction:
        text = article.analysed_text
        if len(text) > MAX_TEXT:
            LOGGER.warning("%s: text cut to %d characters", article.url, MAX_TEXT)
            text = text[:MAX_TEXT]
        ex = Extraction(article=article)
        ctx = Context(text=text, sentences=split(text), host_words=host_words(article.url))
        relations = self._relations  # (made, and its keyword lists served, before the term pass)
        all_terms, ctx.cue_word_ends = self.terms.scan(text)
        persons = relations.persons_spans(text)
        place_hits = self._place_hits(uncapitalised(text, self.gazetteer))
        term_hits, place_hits = resolve_overlaps(all_terms, place_hits, persons)
        ctx.territory_spans = {(h.start, h.end) for h in all_terms
                               if h.term.needs_context and h.term.kind in ("region", "country")}
        place_hits = self._without_surnames(text, place_hits, persons)
        ctx.home = ex.home = home_country(article.url, unambiguous_names(place_hits, self.frequent), self._home_domains)
        self._term_mentions(ex, ctx, term_hits)
        self._country_frame(ex, ctx)
        self._relations.mark_partnership_context(ex, ctx)
        self._place_mentions(ex, ctx, place_hits)
        stated_country_vetoes(ex, ctx, self.gazetteer)  # "Kigoma in Ruanda" is no Tanzanian Kigoma
        self._regions_places_gave_up(ex, ctx, all_terms, term_hits, persons)
        ctx.markers = self._markers.find(text)
        self._cue_places(ex, ctx)
        self._suffix_places(ex, ctx)
        self._listed_places(ex, ctx)
        self._coordinated_places(ex, ctx)
        dash_pair_places(self, ex, ctx)
        spaced_communes(ex, text, ctx.sentences)
        self._drop_credits(ex, text, ctx.markers)
        self._quoted_names.drop(ex, text)
        self._region_locators.drop(ex, text)
        self._romance_names.drop(ex, text)
        self._word_places.drop(ex, text, lambda sent: self._sentence_has_cue(ctx, sent))
        self._landmark_lists.drop(ex, text)  # "die Schlösser X und Y": the sights, not towns
        drop_listed_given_names(ex, text, self.first_names)
        drop_parallel_heads(ex, text)
        resolve_city_districts(ex, text, self.gazetteer, ctx.home)
        self._numbered_districts.apply(ex, text, ctx.sentences)
        join_compound_names(ex, text)
        self._partner_regions.apply(ex, text, ctx.sentences)
        headed_districts(ex, text, self._district_heading, self._district_seat_before,
                         self._heading_german_unit, self._heading_foreign_district)
        district_partners(ex, text, ctx.cue_sentences, self._seat_town_before, self._heading_foreign_district)
        seats_as_districts(ex, text, self._seat_town_before)
        self._city_boroughs.apply(ex, text, ctx.sentences)
        self._city_state_boroughs(ex)
        link_minted_places(ex, self.gazetteer, text, ctx.home)
        link_misspelt_places(ex, self.gazetteer, ctx.home)
        ex.mentions.sort(key=MENTION_ORDER)
        # the passes above re-point mentions (a seat to its district, a town to a borough): the
        # places no mention refers to any more are dropped here, once for all of them
        referenced = {m.ref for m in ex.mentions if m.kind == "municipality"}
        ex.places = {k: p for k, p in ex.places.items() if k in referenced}
        self._relations.apply(ex, ctx)
        self._locator_partners.drop(ex, text)
        drop_slash_locators(ex, text)  # ("Gagny/Paris": slash_locators.py)
        drop_co_objects(ex, text)
        drop_cross_clause_pairs(ex, text)
        drop_hypothetical_pairs(ex, text)
        drop_venue_partners(ex, text)
        drop_negated_partners(ex, text)  # "nicht das spanische Granada" (negated_partners.py)
        drop_own_institutions(ex)
        drop_demonym_owned(ex, text, self.gazetteer, self.frequent)
        _drop_adjective_only_places(ex, ctx)
        return ex

    def _heading_german_unit(self, name: str):
        return self._german_unit(f"Landkreis {name}", "district")

    def _heading_foreign_district(self, seat: str, country: str) -> str | None:
        designation = self._foreign_districts.get(country)
        return self._foreign_district_name(seat, country, *designation) if designation else None

    @staticmethod
    def _country_frame(ex: Extraction, ctx: Context) -> None:
        # a region names its country too, for cues: "dem schottischen Blantyre" → GB
        ctx.country_mentions = [m if m.kind == "country" else replace(m, kind="country", ref=ex.regions[m.ref][1])
                                for m in ex.mentions if m.kind == "country"
                                or (m.kind == "region" and ex.regions.get(m.ref, ("", None))[1])]
        ctx.country_starts = [m.start for m in ctx.country_mentions]
        ctx.country_ends = [m.end for m in ctx.country_mentions]

    def _regions_places_gave_up(self, ex: Extraction, ctx: Context, all_terms: list[TermHit],
                                kept: list[TermHit], persons: list[tuple[int, int]]) -> None:
        """"nach England (Eastleigh)": a region name that is also a place's ("England", Arkansas)
        loses its span to the place first; when the place is then turned down, the region (in its
        context) names it after all."""
        kept_ids = {id(h) for h in kept}
        lost = [h for h in all_terms if h.term.needs_context and h.term.kind in ("region", "country")
                and id(h) not in kept_ids]
        if not lost:
            return
        taken = Taken.of(ex, len(ctx.text))
        for s, e in persons:
            taken.take(s, e)
        back = [h for h in lost if not taken.ids(h.start, h.end)]
        if back:
            self._term_mentions(ex, ctx, back)
            self._country_frame(ex, ctx)

    def _without_surnames(self, text: str, hits: list, persons: list[tuple[int, int]]) -> list:
        """"Botschafter Takahiro Shinjo … Spindler und Shinjo kennen sich": the last word of a
        name the role patterns found is that person's wherever it stands alone in the article,
        unless it is the own name of a city of KNOWN_CITY_POPULATION or more ("Oberbürgermeister
        Burkhard Jung Leipzig" must not make Leipzig a surname; "Oberbürgermeister Florian Janik …
        so Janik" is no Samsun, whose old name it is). The surname counts in the form the text
        has it ("Vorsitzender Berthold Weißenburger … Weißenburger" is no Weißenburg, though the
        hit reads it as the town's adjective), and a two-word name that recurs whole is the
        person even when the surname is a big city's ("Bürgermeister Paulus Metz … begrüßte
        Paulus Metz" is no Metz, 117k)."""
        if not persons:
            return hits
        names = [text[s:e].split() for s, e in persons]
        surnames = {n[-1] for n in names}
        first_of = {}  # surname → the first names it follows in a two-word person name
        for n in names:
            if len(n) == 2:
                first_of.setdefault(n[1], set()).add(n[0])
        out = []
        for h in hits:
            said = text[h.start:h.end]
            if h.surface not in surnames and said not in surnames:
                out.append(h)
            elif previous_word(text, h.start) in first_of.get(said, ()):
                continue
            elif any(c.population >= KNOWN_CITY_POPULATION and h.surface in (c.name_de, c.name_en)
                     for c in h.candidates):
                out.append(h)
        return out

    def _drop_credits(self, ex: Extraction, text: str, markers: list[tuple[int, int]]) -> None:
        """Places and countries inside a photo or source credit ("Foto: Stadt Bonn", "Foto:
        Infostelle Peru e.V.", "Foto: Volker Schweizer") are not the article's."""
        spans = []
        for start, end in markers:
            if text[start:end] not in self._credit_words:
                continue
            stop = min([i for i in (text.find("\n", end), text.find(")", end)) if i >= 0] + [len(text)])
            words = _CREDIT_NAME.match(text, end, stop)
            cut = words.end() if words else stop
            # "Foto: Stadt Jena Jena und B haben …": a line break lost between a credit naming a town's
            # administration and a text opening with the town; the credit ends at the first of the two
            twice = _CREDIT_REPEAT.search(text, end, min(stop, cut + 40))
            spans.append((start, twice.end(1) if twice and twice.start() < cut else cut))
        if spans:
            ex.mentions[:] = [m for m in ex.mentions if m.kind not in ("municipality", "country")
                              or not any(s <= m.start < e for s, e in spans)]

    # -- terms -----------------------------------------------------------------------------

    def _names_country(self, ctx: Context, h: TermHit, sent) -> bool:
        """Whether a country word refers to the country (benchmarks/real/README.md, countries).

        Peoples ("Russen und Ukrainer", "zwischen Deutschen und Polen") are no reference; nor are
        languages ("auf Französisch", "neben ukrainisch und russisch", "in französischer
        Sprache"); nor an adjective capitalised inside a sentence, which is part of a name
        ("die Deutsche Presseagentur", "Stiftung Deutscher Nachhaltigkeitspreis", "im Indischen
        Ozean", "zwischen Deutschen und Türken"), unless it opens the sentence or heading or
        joins another country ("die Deutsch-Japanischen Beziehungen": the real gold counts both,
        as for "deutsch-ukrainisch"). Indeclinable forms (Schweizer) are always written so.
        """
        t, text = h.term, ctx.text
        if t.form == "demonym":
            return False
        if t.form != "adjective" or not t.label[:1].islower():
            return True
        surface = text[h.start:h.end]
        hyphen = text[h.end:h.end + 1] == "-" or text[h.start - 1:h.start] == "-"
        if surface.endswith("sch") and not hyphen:
            return False  # the uninflected adjective: a language or an adverb
        if next_word(text, h.end) in self._language_nouns:
            return False
        if surface[:1].isupper() and not hyphen:
            before = text[max(sent.start, text.rfind("\n", 0, h.start) + 1):h.start]
            if before.strip(" \t„\"»«(•*–·") and not before.rstrip().endswith(":"):
                return False  # capitalised inside a sentence: part of a name
        return True

    def _city_state_boroughs(self, ex: Extraction) -> None:
        """A cities500 place of Berlin, Hamburg or Vienna other than the city is one of its boroughs (the
        quarters were turned down in places.py): "Pankow", "Altona", the former "Wedding" are
        boroughs where the page names the city or another of its boroughs, linked to their
        cities500 entry (benchmarks/real/README.md; tagesspiegel.de,
        partnerschaftsverein-wedding.berlin, dt-sv.com)."""
        for key, place in list(ex.places.items()):
            if place.geonameid is None or place.kind != "municipality" or place.name_de not in self._not_quarters:
                continue
            records = self.gazetteer.lookup(place.name_de)
            record = next((r for r in records if r.geonameid == place.geonameid), None)
            if place.country not in self._city_state_countries:
                # "Zwar nahm noch 2015 Lichtenberg Partnerschaften … auf" on a page about Berlin's
                # boroughs is Berlin's Lichtenberg, not the Alsatian village (tagesspiegel.de)
                record = next((r for r in records if _city_state_key(r) in self._city_states), None)
                named = self._city_states[_city_state_key(record)] if record is not None else None
                if named is None or not any(p.name_de == named or p.region == named for p in ex.places.values()):
                    continue
                old, place = key, record.to_place()
                key = place.key
                ex.places.pop(old)
                ex.places[key] = place
                ex.mentions[:] = [replace(m, ref=key) if m.kind == "municipality" and m.ref == old else m
                                  for m in ex.mentions]
            city = self._city_states.get(_city_state_key(record)) if record is not None else None
            # ... on a page that names that city or another of its boroughs: "Harburg" beside the
            # Landkreis Harburg is the Swabian town the gazetteer may confuse with Hamburg's
            if city is not None and place.name_de != city and any(
                    k != key and (p.name_de == city or p.region == city) for k, p in ex.places.items()):
                ex.places[key] = replace(place, kind="borough", region=city)

    def _linked_unit(self, place: Place) -> Place:
        """A table unit linked to a cities500 place (a Hamburg Bezirk) with that place's
        coordinates, population and English name, as the gazetteer's own reading of it has."""
        if place.geonameid is None:
            return place
        record = next((r for r in self.gazetteer.lookup(place.name_de) if r.geonameid == place.geonameid), None)
        if record is None:
            return place
        return replace(place, name_en=record.name_en, lat=record.lat, lon=record.lon, population=record.population)

    def _term_mentions(self, ex: Extraction, ctx: Context, hits: list[TermHit]) -> None:
        region_table = regions()
        for h in hits:
            t = h.term
            if t.needs_context and not self._after_preposition(ctx.text, h.start):
                continue
            sent = sentence_of(ctx.sentences, h.start)
            if t.kind == "municipality":  # a district or borough from the table of local governments
                place = self._units_memo.get(t.ref)
                if place is None:  # (the table and the gazetteer are fixed: one Place per unit)
                    place = self._units_memo[t.ref] = self._linked_unit(local_governments.place(t.ref))
                ex.places.setdefault(place.key, place)
                ex.mentions.append(Mention(t.kind, place.key, ctx.text[h.start:h.end], h.start, h.end, sent))
                continue
            if t.kind == "country" and not self._names_country(ctx, h, sent):
                if t.form == "demonym":
                    ctx.countries.add(t.ref)  # no reference, but the article's frame ("Gäste aus Lwiw, Ukrainer …")
                continue
            ex.mentions.append(Mention(t.kind, t.ref, ctx.text[h.start:h.end], h.start, h.end, sent))
            if t.kind == "country":
                ctx.countries.add(t.ref)
            elif t.kind == "region":
                region = region_table.get(t.ref)
                if region:
                    if region.kind not in self._locating_regions:
                        ctx.countries.add(region.country)
                    ex.regions[t.ref] = (region.name_de, region.country)
                    if region.admin1:
                        ctx.admin1.add((region.country, region.admin1))
                    if region.kind in self._country_parts and self._names_country(ctx, h, sent):
                        # "nach England", "dem schottischen Blantyre": a constituent country names
                        # its state too (README of benchmarks/real: "England" → GB)
                        ex.mentions.append(Mention("country", region.country, ctx.text[h.start:h.end], h.start, h.end, sent))


def _city_state_key(record) -> str:
    """The key of city_state_quarters a gazetteer record would have: country and admin1 code."""
    return f"{record.country}.{record.admin1}"


def _drop_adjective_only_places(ex: Extraction, ctx: Context) -> None:
    """"die Dresdner Stadtentwässerung", "Berliner Bezirkslexikon": a city named only by its
    adjective is not a place the article names (benchmarks/real/README.md and tests/gold: adjectives
    are not annotated); it stays when a relation uses it ("die Kölner Partnerstadt Thessaloniki").
    The adjective mentions were still needed until here, for those relations."""
    if not ctx.adjectives:
        return
    named = {m.ref for m in ex.mentions if m.kind == "municipality" and (m.start, m.end) not in ctx.adjectives}
    used = {r for p in ex.partnerships for k, r in p.partners if k == "municipality"}
    used |= {e.host for e in ex.events if e.host} | {f.place for f in ex.populations}
    used |= {p.represents[1] for p in ex.persons if p.represents and p.represents[0] == "municipality"}
    # the name itself elsewhere in the text ("Wanfried." as a dateline the rules passed over)
    # means the article does name the place: the adjective stays its evidence
    gone = {k for k, p in ex.places.items() if k not in named and k not in used
            and not any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", ctx.text) for n in {p.name_de, p.name_en} if n)}
    if gone:
        ex.mentions[:] = [m for m in ex.mentions if not (m.kind == "municipality" and m.ref in gone)]
        ex.places = {k: p for k, p in ex.places.items() if k not in gone}
