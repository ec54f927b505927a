"""Places no gazetteer knows, introduced by the text itself: a cue word before them ("Landkreis
X", "der peruanischen Stadt X"), an English designation after them ("X Municipality"), their
country after them in a partner list ("X (Frankreich, seit 1962)"), or a known place they are
coordinated with in a sentence about a partnership ("Köln und X")."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from functools import cached_property

from .person_names import listed_person, role_before, starts_person, town_before_holder
from . import local_governments
from .borough_links import linked_borough
from .connectors import CONNECTORS, has_connector
from .designations import named_country, suffix_place_name
from .context import HOME_COUNTRY, Context, Taken, drop_mentions, previous_word, word_run_start
from .singular_designations import covers_one_name
from ..graph.iri import slugify
from ..models import Extraction, Mention, Place
from .matcher import Keywords
from .prefilter import lowered_text
from .sentences import sentence_of
from .stated_countries import stated_country
from .caps_names import caps_word

#: an unknown all-capitals name this short joined to a town is an acronym (a club, "AGIT"), not a
#: town: real all-capitals town names in headings are longer or known to the gazetteer (dev2)
ACRONYM_MAX = 5

#: the qualifier of a German town's official name: "Staufen im Breisgau", "Rothenburg ob der
#: Tauber". A coordinated name that ends so (its last word one of data/german-name-qualifiers.txt)
#: is one name, and a German one: cities500 lacks many, and the known partner on the other side
#: gave "Breisgau" Poland's country (cdu-staufen.de)
_GERMAN_QUALIFIER = r"(?:\s+(?:im|am|an\s+der|ob\s+der|in\s+der)\s+[A-ZÄÖÜ][\w'’\-]*)"
_GERMAN_QUALIFIED = re.compile(rf"{_GERMAN_QUALIFIER}$")

#: lower-case words inside a place's name ("San Juan de la Maguana", "Frankfurt am Main",
#: "Rothenburg ob der Tauber", "Staufen im Breisgau")
_NAME_JOINERS = ("de", "del", "la", "el", "al", "an", "der", "am", "ob", "im")


class CuePlaces:
    """The cue-made places of `Extractor` (a mixin: it reads the gazetteer, the word lists, the
    cue-word reading of `cues.CueReading` and `places.PlaceResolution._best`)."""

    #: a word followed by a capitalised one: the candidates for "Stadt Leipzig", "Gemeinden X
    #: und Y", "240.000-Einwohner-Stadt X"; which of them are cue words is a set lookup
    #: (the look-behind anchors each try at a word start: without it a 40,000-letter "word"
    #: is re-scanned from every position, quadratic)
    _WORD_BEFORE_NAME = re.compile(r"(?<![\w.\-])[\w.\-]+(?=\s+[A-ZÄÖÜ])")

    def _cue_word_heads(self, text: str, ends: list[int] | None = None):
        """(start, end) of every match of _WORD_BEFORE_NAME that may be a cue word, in order.

        Only words whose lowered form ends with a cue suffix or noun can be cue words, so those
        endings are found first, in one Aho-Corasick pass over the lowered text (a few hundred on
        the real pages), and the pattern is checked at the start of their words only, instead
        of listing every one of the ~80 words a page has before a capitalised one. Sound while
        lowering keeps every character's offset (else: the plain scan). `ends`: those endings' end
        offsets where the extractor found them already, in its pass for the terms (TermMatcher.scan)."""
        lower = lowered_text(text)
        if len(lower) != len(text) or "Σ" in text:
            for head in self._WORD_BEFORE_NAME.finditer(text):
                yield head.start(), head.end()
            return
        ends = self._cue_endings.ends(lower) if ends is None else ends
        last = 0
        for end in ends:
            if end < len(text) and not text[end].isspace():
                continue  # inside a word: the lookahead wants white space right after the word
            start = word_run_start(text, end, last)  # back to the word's start, not before the last head's end
            head = self._WORD_BEFORE_NAME.match(text, start)
            if head is not None and head.end() == end:
                yield start, end
                last = end

    @cached_property
    def _cue_endings(self) -> Keywords:
        return Keywords(self._cue_ending_words(), word_start=False)

    def _cue_ending_words(self) -> list[str]:
        """The lowered endings every cue word has: its suffixes (…stadt, …gemeinde) and the
        cue nouns that can be a word of _WORD_BEFORE_NAME ("Rajon", "Landkreis")."""
        nouns = {w for w in self._cue_nouns if re.fullmatch(r"[\w.\-]+", w)}
        return sorted(nouns | {s.lower() for s in self._cue_suffixes})

    def _seat_country(self, ex: Extraction, name: str) -> str | None:
        """The country of the foreign town of this name the article already names (a district
        abroad is named by its seat), if there is exactly one."""
        core = name.split(" ", 1)[1] if " " in name and name.split(" ", 1)[0] in ("Landkreis", "Kreis") else name
        ids = {p.geonameid for p in ex.places.values() if p.geonameid is not None}
        found = {c.country for c in self.gazetteer.lookup(core) if c.geonameid in ids and c.country != HOME_COUNTRY}
        return found.pop() if len(found) == 1 else None

    def _german_seat(self, name: str) -> str | None:
        """HOME_COUNTRY where every hyphen-joined part of the district's seat ("Torgau-Oschatz")
        is a German town of cities500 and a town of no other country."""
        core = name.split(" ", 1)[1] if " " in name and name.split(" ", 1)[0] in ("Landkreis", "Kreis") else name
        for part in core.split("-"):
            countries = {c.country for c in self.gazetteer.lookup(part)}
            if countries != {HOME_COUNTRY}:
                return None
        return HOME_COUNTRY

    _NAME_LIST = re.compile(
        r"(?P<names>(?:[A-ZÄÖÜ][\w'’.\-]*(?:[ \t]+(?:[A-ZÄÖÜ][\w'’\-]*|de|del|la|el|al|an\s+der|am|ob\s+der))*)"
        r"(?:\s*(?:,|und|sowie)\s*[A-ZÄÖÜ][\w'’.\-]*(?:[ \t]+(?:[A-ZÄÖÜ][\w'’\-]*|de|del|la|el|al))*)*)")

    def _cue_places(self, ex: Extraction, ctx: Context) -> None:
        text = ctx.text
        taken: Taken | None = None  # made at the first cue word (the mentions are unchanged until then)
        new: dict[str, Place] = {}
        for head_start, head_end in self._cue_word_heads(text, ctx.cue_word_ends):
            cue = text[head_start:head_end].lower()
            if not self._is_cue_word(cue):
                continue
            pos = head_end
            while pos < len(text) and text[pos].isspace():
                pos += 1
            if text.count("\n", head_end, pos) >= 2:
                # "Partnerschaften der Landkreise", blank line, "München-Kraków (seit 2003)": the
                # last word of a heading cues no name across a blank line
                continue
            m = self._NAME_LIST.match(text, pos)
            if not m:
                continue
            taken = taken or Taken.of(ex, len(text))
            for k, nm in enumerate(re.finditer(r"[A-ZÄÖÜ][^,]*?(?=\s*(?:,|\bund\b|\bsowie\b|$))", m["names"])):
                name = self._trim_name(nm.group(0))
                # "das Amt Zarrentin und Murino", "der Bezirk X und Kiryat Ono": a designation in
                # the singular names its first name only (singular_designations.py)
                if k == 1 and covers_one_name(cue, self._cue_kinds, name, self.gazetteer.lookup, ctx.home or HOME_COUNTRY):
                    cue = "stadt"  # the rest of the list: plain places
                name = town_before_holder(text, name, head_start, self._roles, self.gazetteer.lookup) or name
                start = m.start("names") + nm.start()
                if not name and cue in self._cue_kinds:
                    # "Verbandsgemeinde Kirchheimbolanden": the word rules doubt the name, but
                    # the gazetteer knows it
                    known = [taken.spans[i][2] for i in taken.ids(start, start + 1)]
                    if known and known[0] is not None and known[0].kind == "municipality" and known[0].start == start:
                        name = text[known[0].start:known[0].end]
                if not name or listed_person(name, k, cue, self.first_names, self._cue_kinds) or (
                        k > 0 and " " in name and role_before(text, head_start, self._roles)):
                    continue  # "des Landkreises Saalfeld-Rudolstadt, Kristina Lavriv": a person
                end = start + len(name)
                # "Partnerstädte Montpellier Frankreich 1961 …" (a list whose line breaks were
                # lost): a country word ends the name
                covering = taken.ids(start, end)
                cut = [sp[0] for i in covering if (sp := taken.spans[i])[2] is not None
                       and sp[2].kind in ("country", "region") and sp[0] > start]
                if cut:
                    name = self._trim_name(text[start:min(cut)])
                    if not name:
                        continue
                    end = start + len(name)
                    covering = taken.ids(start, end)
                spans = [taken.spans[i] for i in covering]
                district_cue = cue in self._cue_kinds
                if any(s <= start and e >= end for s, e, _ in spans) and not (
                        # "Landkreis Celle" when the table lacks it: the gazetteer's town Celle
                        # gives way to the district
                        district_cue and all(mm is not None and mm.kind == "municipality" and s == start
                                             and ex.places.get(mm.ref) is not None
                                             and ex.places[mm.ref].kind == "municipality" for s, e, mm in spans)):
                    continue  # the gazetteer or a vocabulary term already has it
                if not all(start <= s and e <= end for s, e, _ in spans) and not any(s <= start and e >= end for s, e, _ in spans):
                    continue  # overlaps a longer name on one side
                if district_cue and self._cue_kinds[cue][0] == "borough" and name.endswith("s") \
                        and self.gazetteer.lookup(name[:-1]):
                    continue  # "der 5. Bezirk Budapests": the city's, named by the city (which stays)
                # "Annaba Drâa Errich": longer than the gazetteer's "Annaba", which gives way
                drop_mentions(ex, [taken.release(i) for i in covering])
                # "der westukrainischen Verbandsgemeinde X": a compass-prefixed adjective states it too
                cued = self._cued_country(ex, ctx, start, end) or (stated_country(text, start, end) or (None,))[0]
                country = cued or self._designation_countries.get(cue) or self._sole_foreign_country(ex, ctx, start) \
                    or (self._default_countries.get(cue) if not self._names_foreign_country(ctx) else None)
                kind = part_kind = "municipality"
                if district_cue:  # "Landkreis X", "Rajon X": a district, never the town X
                    kind, prefix = self._cue_kinds[cue]
                    if prefix and not name.startswith(prefix):
                        name = f"{prefix} {name}"
                    if kind == "borough":  # German pages' Bezirke are mostly German cities' boroughs
                        # ... unless a city adjective says whose: "den Londoner Bezirken Lewisham
                        # und Sutton", "der Wiener Bezirk Favoriten" lie in the city's country
                        # or a city after it: "der Bezirk Favoriten in Wien"
                        city_country = self._city_adjective_country(text, head_start) or self._city_after_country(text, end)
                        country = cued or city_country or country or ctx.home
                        if city_country is not None and city_country not in self._borough_countries:
                            part_kind = "district"  # "dem Istanbuler Bezirk Besiktas": an ilçe (city_borough_countries)
                        elif cued and cued != ctx.home and city_country is None and cue in ("bezirk", "bezirks"):
                            # "mit dem Bezirk Morogoro in Tansania" (bad-berleburg.de), "Bezirk
                            # Vöcklabruck" in Austria (meinbezirk.at): a country's district, no
                            # city's borough; named with its designation, as a Distrikt is
                            kind, name = "district", f"Bezirk {name}"
                        elif not cued and city_country is None and cue in ("bezirk", "bezirks") \
                                and ctx.home in self._bezirk_homes:
                            # "BEZIRK KITZBÜHEL", "(Bezirk Vöcklabruck)" on an Austrian page: the
                            # home country's own district, whatever foreign country the page names
                            # elsewhere (meinbezirk.at)
                            kind, name, country = "district", f"Bezirk {name}", ctx.home
                    if prefix in ("Landkreis", "Kreis"):
                        # the table lists every German Kreis: one it lacks lies abroad ("Kreis
                        # Podilsk" in an article about Ukraine), in the country the text names
                        in_table = (not cued or cued == HOME_COUNTRY) and self._german_unit(f"{prefix} {name}", kind)
                        # ... and where the article names its seat as a foreign town, in that
                        # town's country (a Polish powiat named after its seat, next to a Ukrainian rajon: powiat.ostroda.pl, rhein-zeitung.de)
                        # ... unless its seat is a German town and no other: a Kreis of before the
                        # reforms ("die früheren Landkreise Delitzsch und Torgau-Oschatz", "aus
                        # den Kreisen Perleberg und Pritzwalk": landkreis-nordsachsen.de,
                        # rhein-kreis-neuss.de, westfalen-blatt.de)
                        country = HOME_COUNTRY if in_table else (
                            cued or self._seat_country(ex, name) or self._german_seat(name) or country
                            or self._dominant_foreign_country(ctx) or HOME_COUNTRY)
                    elif prefix in ("Verbandsgemeinde", "Samtgemeinde", "Amt"):  # German designations
                        country = cued or HOME_COUNTRY
                        if country != HOME_COUNTRY:  # a foreign unit the page translates: named by its own name
                            kind, name = "municipality", name.removeprefix(f"{prefix} ")
                    elif prefix in self._foreign_designations and country == ctx.home:
                        # a Rwandan "Distrikt" beside the adjective of a German Land (kreis-ahrweiler.de)
                        country = self._sole_foreign_country(ex, ctx, start) or self._dominant_foreign_country(ctx)
                    designation = self._foreign_districts.get(country) if kind == "district" else None
                    if designation and prefix in ("Landkreis", "Kreis", designation[0]):
                        # "des Partnerlandkreises Rajon Kalush": the designation may follow the cue
                        core = name.removeprefix(prefix + " ").removeprefix(designation[0] + " ")
                        name = self._foreign_district_name(core, country, *designation)
                    if nm.start() == 0:  # the mention spans the cue word: "Landkreis Celle"
                        start = head_start
                german = self._german_unit(name, kind) if not cued or cued == HOME_COUNTRY else None
                if german is not None:  # "Landkreisen Rheingau-Taunus, Forchheim …": the table's units
                    place = german
                    name = place.name_de
                else:
                    if not cued and country != ctx.home and kind == "municipality" \
                            and name.endswith(self._german_endings):
                        country = ctx.home  # "die Gemeinde A mit der Gemeinde B", A German-sounding
                    place = Place(name_de=name, country=country, slug=slugify(name), kind=kind)
                    if kind == "borough":
                        place = linked_borough(self.gazetteer, place, ctx.home, bool(cued) or bool(city_country) and k == 0)
                        place = replace(place, kind=part_kind) if part_kind == "district" else place
                written = text[m.start("names") + nm.start():end]  # as the text writes it, for repeats
                if district_cue and prefix and not written.startswith(prefix):
                    written = f"{prefix} {written}"
                earlier = new.get(written)
                if earlier is not None and earlier.country is None and place.country is not None:
                    # "Rajon Tschernihiw" first without a country, later "dem ukrainischen Rajon
                    # Tschernihiw": one place, in the country the later cue gives
                    ex.mentions[:] = [replace(m, ref=place.key) if m.ref == earlier.key else m for m in ex.mentions]
                    taken.spans = {i: (a, b, replace(m, ref=place.key) if m is not None and m.ref == earlier.key else m)
                                   for i, (a, b, m) in taken.spans.items()}
                elif earlier is not None:
                    place = earlier
                new[written] = place
                if place.geonameid is not None and place.kind != "municipality":
                    ex.places[place.key] = place  # the cue's kind wins over the gazetteer's town reading of one id
                else:
                    ex.places.setdefault(place.key, place)
                mention = Mention("municipality", place.key, text[start:end], start, end,
                                  sentence_of(ctx.sentences, start))
                ex.mentions.append(mention)
                taken.take(start, end, mention)
        if taken is not None:
            self._repeat_mentions(ex, ctx, new, taken)

    _NAME_BEFORE_COUNTRY = re.compile(r"(?:^|[\s•·*–\-,;:(])(?P<name>[A-ZÄÖÜ][\w'’\-]*(?:[ \t]+[A-ZÄÖÜ][\w'’\-]*){0,2})"
                                      r"[ \t]*(?:\(|,[ \t]|[ \t]in[ \t]+(?:der[ \t]+|den[ \t]+)?)$")

    def _listed_places(self, ex: Extraction, ctx: Context) -> None:
        """Partner lists: "• Yongin in Südkorea", "Bordeaux (Frankreich, seit 1962)": a name
        right before its country, in a list line or a sentence about partnerships, is a place
        of that country even when no gazetteer knows it."""
        text = ctx.text
        countries = [m for m in ctx.country_mentions if m.kind == "country" and m.ref != ctx.home]
        if not countries:
            return
        taken = None
        for c in countries:
            before = text[max(0, c.start - 4):c.start]
            if not (before.endswith(("(", ", ")) or before.rstrip().endswith((" in", "der", "den"))):
                continue  # the cheap test first: most country words stand elsewhere
            m = self._NAME_BEFORE_COUNTRY.search(text, max(0, c.start - 60), c.start)
            if not m:
                continue
            start = m.start("name")
            line_start = text.rfind("\n", 0, start) + 1
            listed = text[line_start:start].strip() in ("", "•", "·", "*", "-", "–")
            # "X in Land" only in list lines ("mit Versorgern in Jordanien" is prose); "X (Land"
            # also in a sentence about partnerships
            in_form = text[m.end("name"):c.start].strip().startswith("in")
            if not (listed or (not in_form and self._sentence_has_cue(ctx, sentence_of(ctx.sentences, start)))):
                continue
            name = self._trim_name(m["name"])
            if not name or name.split(" ", 1)[0] in self.first_names or previous_word(text, start).lower() in self._roles:
                continue
            if name != m["name"]:
                continue  # a common noun stood between: "Besetzte Kommunen in Ukraine" names no town
            taken = taken or Taken.of(ex, len(text))
            if taken.ids(start, start + len(name)):
                continue
            end = start + len(name)
            place = Place(name_de=name, country=c.ref, slug=slugify(name))
            ex.places.setdefault(place.key, place)
            mention = Mention("municipality", place.key, name, start, end, sentence_of(ctx.sentences, start))
            ex.mentions.append(mention)
            taken.take(start, end, mention)

    @staticmethod
    def _names_foreign_country(ctx: Context) -> bool:
        return any(m.ref != ctx.home for m in ctx.country_mentions)

    def _foreign_district_name(self, core: str, country: str, designation: str, endonym: bool) -> str:
        """"Kreis Elbing" in Poland is "Powiat Elbląg", "Kreis Podilsk" in Ukraine "Rajon Podilsk":
        the country's designation and the seat, by its own name where `endonym`
        (rules-de.json, foreign_district_designations)."""
        if endonym:
            seats = [c for c in self.gazetteer.lookup(core) if c.country == country]
            if seats:
                core = seats[0].name_en
        return f"{designation} {core}" if designation else core

    @staticmethod
    def _german_unit(name: str, kind: str) -> Place | None:
        """The table's unit for a cue-made name: "Landkreis Rheingau-Taunus" is the
        Rheingau-Taunus-Kreis, "Kreis Lippe" and "Landkreis Lippe" are one."""
        if kind != "district":
            return None
        known = local_governments.local_governments()
        core = name.split(" ", 1)[1] if " " in name else name
        short = local_governments.surfaces()  # "Landkreis Pfaffenhofen" is the one an der Ilm (hallertau.info)
        for candidate in (f"Landkreis {core}", f"Kreis {core}", f"{core}-Kreis", f"{core}kreis", core):
            unit = known.get(f"district:{candidate}") or known.get(short.get(candidate, ""))
            if unit is not None and unit.kind == "district":
                return unit.to_place()
        return None

    def _suffix_places(self, ex: Extraction, ctx: Context) -> None:
        """"Nelson Mandela Bay Municipality", "eThekwini Metropolitan Municipality": up to four
        name words (capitalised, or a lower-case prefix before a capital: eThekwini) before an
        English designation name a local government, with the designation as part of its name."""
        text = ctx.text
        found = [(a, b) for a, b in ctx.markers if text[a:b] in self._suffix_kinds
                 and (a == 0 or not text[a - 1].isalnum())]
        if not found:
            return
        taken = Taken.of(ex, len(text))
        for s0, e0 in found:
            if e0 < len(text) and text[e0].isalnum():
                continue
            words, i = [], s0
            while len(words) < 4:
                m = re.search(r"([A-Za-zÄÖÜäöüéèáà'’\-]+)\s+$", text[max(0, i - 40):i])
                if not m or not (m.group(1)[0].isupper() or (len(m.group(1)) > 1 and m.group(1)[1].isupper())) \
                        or m.group(1) in self._stop or m.group(1) in self.nouns:
                    break
                words.insert(0, m.group(1))
                i -= len(m.group(0))
            if not words:
                continue
            start = i
            kind = self._suffix_kinds[text[s0:e0]]
            if taken.ids(start, e0):
                ids = taken.ids(start, e0)
                if any(taken.spans[j][2] is None or taken.spans[j][2].kind != "municipality" for j in ids):
                    continue
                drop_mentions(ex, [taken.release(j) for j in ids])  # "Durban" inside "Durban Municipality"
            name = suffix_place_name(text[start:e0], text[s0:e0])
            country = named_country(ex.places.values(), name, kind) or self._cued_country(ex, ctx, start, e0) \
                or self._sole_foreign_country(ex, ctx, start) \
                or (self._default_countries.get(text[s0:e0]) if not self._names_foreign_country(ctx) else None)
            place = Place(name_de=name, country=country, slug=slugify(name), kind=kind)
            ex.places.setdefault(place.key, place)
            mention = Mention("municipality", place.key, text[start:e0], start, e0, sentence_of(ctx.sentences, start))
            ex.mentions.append(mention)
            taken.take(start, e0, mention)

    #: (the word boundary before the first capital is tested after it, "(?<!\w[A-ZÄÖÜ])": a
    #: pattern that opens with a character class lets the regex engine skip to the next capital
    #: at C speed)
    _COORDINATED = re.compile(
        r"(?P<left>[A-ZÄÖÜ](?<!\w[A-ZÄÖÜ])[\w'’\-]*(?:\s+[A-ZÄÖÜ][\w'’\-]*){0,2}"
        rf"{_GERMAN_QUALIFIER}?)\s+(?:{CONNECTORS})\s+"
        rf"(?P<right>[A-ZÄÖÜ][\w'’\-]*(?:\s+[A-ZÄÖÜ][\w'’\-]*){{0,2}}{_GERMAN_QUALIFIER}?)")

    def _coordinated_places(self, ex: Extraction, ctx: Context) -> None:
        """"Köln und Yarinacocha", "Leipzig – Kyjiw": a name joined to a known place in a
        sentence about a partnership is a place too, even when no gazetteer knows it."""
        text = ctx.text
        places = {(m.start, m.end): m for m in ex.mentions if m.kind == "municipality"}
        # a coordination needs one of these places on one side: a sentence none of them starts
        # in is not searched (on the real pages, six in ten of the sentences about partnerships)
        starts = sorted(s for s, _ in places)
        # made when a coordination with a known place is first found (most articles have none;
        # the mentions are unchanged until then)
        taken: Taken | None = None
        found: dict[str, Place] = {}
        for sent in ctx.sentences:
            if not self._sentence_has_cue(ctx, sent) and sent.start != 0:
                continue
            first = bisect.bisect_left(starts, sent.start)
            if first == len(starts) or starts[first] >= sent.end:
                continue
            chunk = text[sent.start:sent.end]
            for m in self._COORDINATED.finditer(chunk) if has_connector(chunk) else ():
                left = (sent.start + m.start("left"), sent.start + m.end("left"))
                right = (sent.start + m.start("right"), sent.start + m.end("right"))
                for known, other in ((left, right), (right, left)):
                    if known not in places:
                        continue
                    taken = taken or Taken.of(ex, len(text))
                    if taken.ids(*other):
                        continue
                    raw = text[other[0]:other[1]]
                    # "Staufen im Breisgau": a German official name, whatever its first word is (not
                    # "Charenton im Tischtennis", "Danzig an der Ostsee": german-name-qualifiers.txt)
                    qualified = _GERMAN_QUALIFIED.search(raw) is not None and raw.split()[-1] in self._qualifiers
                    name = raw if qualified else self._trim_name(raw)
                    # "Bürgermeisterin … und Sabine Kuzma (Referat I)": a first name opens a
                    # person's name, as for the cue-made and listed places (muelheim-ruhr.de)
                    if not name or name.split(" ", 1)[0] in self.first_names or not text.startswith(name, other[0]):
                        continue
                    end = other[0] + len(name)
                    # a gazetteer place the size rules turned down (Berkeley, 120k, in an article
                    # naming no US) is still the best reading once the coordination vouches for it
                    candidates = self.gazetteer.lookup(name)
                    if not candidates and len(name) <= ACRONYM_MAX and name.isupper():
                        continue  # "die Vereine DIF aus Budenheim und AGIT aus …": an acronym, no town
                    country = self._cued_country(ex, ctx, other[0], end) or (
                        ctx.home if qualified else self._sole_foreign_country(ex, ctx, other[0]))
                    best = self._best(candidates, ctx, {country: 1} if country else {}) if candidates else None
                    place = found.get(name) or (best.to_place() if best else
                                                Place(name_de=name, country=country, slug=slugify(name)))
                    found[name] = place
                    ex.places.setdefault(place.key, place)
                    mention = Mention("municipality", place.key, name, other[0], end, sent)
                    ex.mentions.append(mention)
                    taken.take(other[0], end, mention)
        if taken is not None:
            self._repeat_mentions(ex, ctx, found, taken)

    def _repeat_mentions(self, ex: Extraction, ctx: Context, new: dict[str, Place], taken: Taken) -> None:
        """Once introduced, a place counts wherever the article names it again; a shorter
        gazetteer reading inside it gives way ("Annaba" in "Sindelfingen – Annaba Drâa Errich")."""
        for name, place in new.items():
            # a district is named again only with its prefix ("des Landkreises Harburg"): the
            # bare "Harburg" is the town of that name, or the article's shorthand, never certain
            prefixes = {p for _, p in self._cue_kinds.values() if p}
            if place.kind != "municipality" and " " in name and name.split(" ", 1)[0] in prefixes:
                prefix, core = name.split(" ", 1)
                pattern = rf"(?<![\w]){re.escape(prefix)}(?:es|s)?\s+{re.escape(core)}s?(?![\w])"
                if prefix == "Landkreis":
                    pattern = rf"(?<![\w])(?:Landkreis|Kreis)(?:es)?\s+{re.escape(core)}s?(?![\w])"
            else:
                pattern = rf"(?<![\w]){re.escape(name)}s?(?![\w])"
            for occ in re.finditer(pattern, ctx.text):
                s0, e0 = occ.start(), occ.end()
                inner = [i for i in taken.ids(s0, e0)
                         if (m := taken.spans[i][2]) is not None and m.kind == "municipality"
                         and s0 <= m.start and m.end <= e0 and (m.start, m.end) != (s0, e0) and m.ref != place.key]
                drop_mentions(ex, [taken.release(i) for i in inner])
                if taken.ids(s0, s0 + 1):
                    continue
                mention = Mention("municipality", place.key, occ.group(0), s0, e0, sentence_of(ctx.sentences, s0))
                ex.mentions.append(mention)
                taken.take(s0, e0, mention)

    def _trim_name(self, raw: str) -> str:
        words = raw.split()
        kept: list[str] = []
        for w in words:
            if "." in w[:-1] and w.index(".") > 1 and w[w.index(".") + 1:w.index(".") + 2].isupper():
                w = w[:w.index(".") + 1]  # "Qingdao.Herr": a missing space after a full stop
            core = w.rstrip(".,;:!?)\"“”-")  # (a dash glued to the name ends it: "Illasi-", "Hermann-")
            if not kept:
                if core in self._stop or core in self.nouns or core.lower() in self.frequent or not core[:1].isupper() \
                        or self._common_compound(core):
                    return ""
            elif core in self._stop or core in self.nouns or (core[:1].islower() and core not in _NAME_JOINERS) \
                    or caps_word(core, self.frequent):  # "POWIAT KOSZALIN SIND SEIT": a word in a caps heading
                break
            elif core == kept[-1] or starts_person(words, len(kept), self.first_names, self._titles):
                break  # "der Stadt Eschwege Jürgen Zick", "Kreisstadt Mindelheim Dr. Stephan Winter"; a word twice: a lost line break
            kept.append(core)
            if core != w:
                break
        while kept and kept[-1] in _NAME_JOINERS:
            kept.pop()
        name = " ".join(kept)
        return name if len(name) >= 3 else ""

    def _common_compound(self, word: str) -> bool:
        """"Hitzeaktionspläne", "Neustadt": a German compound whose head is a common noun.

        Heads of 5+ letters only: shorter heads (Heim, Burg, Dorf) end many real place names.
        A name of capitalised parts joined by hyphens ("Rheingau-Taunus") is no such compound."""
        if "-" in word and all(p[:1].isupper() for p in word.split("-")):
            return False
        return any(word[i:].capitalize() in self.nouns for i in range(1, len(word) - 4))
