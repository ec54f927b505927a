"""One municipality with the list of its partners, as city pages print them: who owns the list
("Erlangen unterhält Städtepartnerschaften mit folgenden Städten:", a bare "Partnerstädte" on a
city's page) and each item's stretch of text, where its country, year and type stand."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from ..models import Extraction, Mention, Span
from .datelines import YEAR_OPENING
from .partner_mentions import distinct, has_home, recent_home, visitors_from
from .rules import rules


#: a list line that joins two names by a dash, the partner on the right: "Grafling-Pelplin (seit
#: 2000)", "Berg b.Neumarkt i.d.OPf-Walce", "• Gniezno – Speyer": the text from the line's start
#: up to the partner is one name and a dash (bavariaworldwide.de and the dash lists of pairs on
#: dev pages: "Trier-Gloucester, Kassel-Jaroslawl")
_DASH_PAIR_RIGHT = re.compile(r"[ \t•·*]*[A-ZÄÖÜ][\w.'’ ]*[\w.)]\s?[-–—]\s*")


def dash_pair_right(text: str, m: Mention, here: list[Mention]) -> bool:
    """Is this list item the right side of a dash pair whose left side no gazetteer knows
    ("Grafling-Pelplin", Grafling unknown; not "Freising – Krakau" with Freising, a place of
    `here`, the line's mentions)? Then it is that town's partner, not the list owner's."""
    line_start = text.rfind("\n", 0, m.start) + 1
    return _DASH_PAIR_RIGHT.fullmatch(text, line_start, m.start) is not None \
        and not any(line_start <= o.start < m.start for o in here)


#: a list line opened by its own owner and a colon: "• Chur: Bad Homburg (Deutschland), Cabourg
#: (Frankreich)", "Heidelberg: Montpellier Frankreich 1961 …" (the text before the town: bullets
#: and blanks; after it, maybe a bracket, then the colon)
_LINE_OWNER_BEFORE = re.compile(r"[ \t•·▪►*\-–—]*")
_LINE_OWNER_AFTER = re.compile(r"\s*(?:\([^()\n]{0,40}\)\s*)?:")


def line_owner(text: str, sent: Span, here: list[Mention], ex: Extraction) -> Mention | None:
    """The municipality that opens a list line with a colon after it, when the line names more
    places: each of those is its partner, whoever owns the list around it (a district's or a
    canton's page listing its towns, each with its partners)."""
    if len(here) < 2:
        return None
    first = min(here, key=lambda m: m.start)
    if first.kind != "municipality" or not has_home([first], ex) \
            or not _LINE_OWNER_BEFORE.fullmatch(text, sent.start, first.start):
        return None
    return first if _LINE_OWNER_AFTER.match(text, first.end, sent.end) else None


class PartnerLists:
    """The list-owner rule of `relations.RelationRules` (a mixin)."""

    def _list_owner(self, ex: Extraction, intro: Span, by_sentence, types_by_sentence, history, home):
        """The municipality whose partners a list gives, and the type its introduction names:
        "Erlangen unterhält Städtepartnerschaften mit folgenden Städten:" → Erlangen,
        Städtepartnerschaft; a bare heading ("Partnerstädte") → the article's own town."""
        here = distinct(by_sentence.get(intro, []))
        owners = self._owners(ex, intro, here)
        homes = [m for m in here if has_home([m], ex)]
        if len({m.ref for m in owners}) == 1:
            owner = owners[0]  # "Die Partnerstädte von Opole:"
        elif len({m.ref for m in homes}) == 1:
            owner = homes[0]
        elif len({m.ref for m in here}) == 1:
            owner = here[0]  # "Kayseri ist mit folgenden Städten Partnerschaften eingegangen:"
        else:
            owner = recent_home(history, ex, home.listed) or home.get()
        types = types_by_sentence.get(intro, [])
        if not types and self.intent_list_heading.search(ex.article.analysed_text, intro.start, intro.end):
            # "Absichtserklärungen" over the list: cooperations, not the twinnings the page names elsewhere
            return owner, "unspecified"
        return owner, (types[0].ref if types else None)


def list_segments(partners: list[Mention], sent: Span, from_start: bool = False,
              text: str = "") -> list[tuple[Mention, tuple[int, int]]]:
    """Each partner of a list with its stretch of text, up to the next partner: "Brest
    (Frankreich, seit 1964), Coventry …" → Brest's year is 1964, also when the line breaks
    between items were lost ("Montpellier Frankreich 1961 Cambridge …"). On a line of its own
    the first partner's stretch starts with the line ("Ehemalige Partnerstadt: Wolgograd").
    A list that puts the year first ("seit 1966 mit Trento, seit 1968 mit Apeldoorn") is read
    the other way round: each stretch runs from the previous partner to this one's end."""
    firsts = distinct(partners)
    if not firsts:
        return []
    year_first = bool(text) and _YEAR_FIRST.search(
        text, max(sent.start, firsts[0].start - YEAR_FIRST_REACH), firsts[0].start) is not None
    # where one item's stretch ends and the next one's begins: at the last separator between
    # them when there is one ("es folgten <year> A, B im Jahr <year> und <year> C": each
    # item keeps the year on its side of the comma or "und", whichever side that is), else by
    # the list's convention: after the previous item in a year-first list, at the item otherwise
    bounds = []
    for prev, m in zip(firsts, firsts[1:]):
        cut = _last_separator(text, prev.end, m.start) if text else None
        bounds.append(cut or ((prev.end, prev.end) if year_first else (m.start, m.start)))
    if year_first:
        start = max(sent.start, firsts[0].start - YEAR_FIRST_REACH)
    else:
        start = sent.start if from_start else _attributive_start(text, firsts[0], sent)
    return [(m, (bounds[k - 1][1] if k else start, bounds[k][0] if k + 1 < len(firsts)
                 else (m.end if year_first else sent.end)))
            for k, m in enumerate(firsts)]


#: what separates two items of a list: a comma, a semicolon, "und", "sowie" (not a line break:
#: lists printed one field a line put the year on a line of its own, on either side)
_SEPARATOR = re.compile(r"[,;]\s*|\s+(?:und|sowie)\s+")


def _last_separator(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """(start, end) of the last separator in text[lo:hi] outside parentheses ("Brest (Frankreich,
    seit 1964), Coventry": the comma after the parenthesis), or None."""
    last = None
    depth = 0
    pos = lo
    for sep in _SEPARATOR.finditer(text, lo, hi):
        for ch in text[pos:sep.start()]:
            if ch == "(":
                depth += 1
            elif ch == ")":
                if depth == 0:
                    last = None  # the gap began inside a parenthesis: what stood before was in it
                depth = max(0, depth - 1)
        pos = sep.start()
        if depth == 0:
            last = (sep.start(), sep.end())
    for ch in text[pos:hi]:
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return None
            depth -= 1
    return last


#: how far before a partner its attributive founding date may begin: "die 1991 vereinbarte
#: Kooperation mit der japanischen Küstenstadt " is 65 characters (the longest such phrase seen
#: on the real pages was about as long)
ATTRIBUTIVE_REACH = 90
#: "die 1991 vereinbarte Kooperation mit der japanischen Küstenstadt X": a year fused to a
#: founding participle before its noun and the partner belongs to that partner
_ATTRIBUTIVE_YEAR = re.compile(
    r"\b(?:1[89]\d\d|20\d\d)\s+(?:geschlossene|gegründete|besiegelte|begründete|vereinbarte|unterzeichnete|"
    r"eingegangene)\w*\s+(?:[\wäöüß\-]+\s+){1,2}mit\s+(?:[\wäöüß\-]+\s+){0,3}$")


def _attributive_start(text: str, m: Mention, sent: Span) -> int:
    """Where a list item's stretch begins: at the partner, or at the attributive founding date
    right before it ("die 1986 geschlossene Kooperation mit … Shanghai")."""
    if not text:
        return m.start
    found = _ATTRIBUTIVE_YEAR.search(text, max(sent.start, m.start - ATTRIBUTIVE_REACH), m.start)
    return found.start() if found else m.start


#: "seit 1966 mit Trento": a year this close before the first partner of a list puts every
#: year of the list before its partner ("seit dem Jahr 1966 mit der Stadt " is 33 characters)
YEAR_FIRST_REACH = 35
_YEAR_FIRST = re.compile(YEAR_OPENING + r"(?!\w)(?!\s*\))")


#: a section heading that names a partner: its name, maybe with its country ("Amstelveen",
#: "Koszalin (Polen)", "Charenton-le-Pont, Frankreich"); 40 characters hold the longest of them
SECTION_HEADING_MAX = 40


#: the words a municipality's own web address leaves out of its name or puts before it
#: ("www.kreis-bergstrasse.de", "www.landkreis-nordhausen.de", "www.stadt-koeln.de")
_SITE_DESIGNATIONS = re.compile(r"^(?:stadt|landkreis|kreis|gemeinde|markt|eifelkreis|bezirk)[\s\-]+")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _site_key(name: str) -> str:
    """A name as a web address spells it: lower case, umlauts written out, designation, blanks
    and hyphens dropped ("Eifelkreis Bitburg-Prüm" → "bitburgpruem")."""
    name = _SITE_DESIGNATIONS.sub("", name.casefold().translate(_UMLAUTS))
    return _NOT_SITE_CHARACTER.sub("", name)


_NOT_SITE_CHARACTER = re.compile(r"[^a-z0-9]")


def _host_labels(url: str | None) -> list[str] | None:
    """The labels of a URL's host as `_site_key` spells them, the top-level domain left out
    (None: no host). A twinning association's host names its town after the association's word
    ("partnerschaft-<town>.eu", "spv-<town>.de", "partnerschaftsverein-markt-<town>.eu": issue 17,
    session 21, fresh8 and fresh9): the rest of such a label, and each of its words, is a label too."""
    if not url or "//" not in url:
        return None
    host = url.split("//", 1)[1].split("/", 1)[0].split(":", 1)[0].casefold()
    labels = []
    for label in host.split(".")[:-1]:
        labels.append(_site_key(label))
        first, _, rest = label.partition("-")
        if rest and first in _association_host_words():
            labels.append(_site_key(rest))
            labels.extend(_site_key(w) for w in rest.split("-") if len(w) >= SITE_KEY_MIN)
    return labels


@cache
def _association_host_words() -> frozenset[str]:
    return frozenset(rules()["association_host_words"])


def _names_site(name: str, labels: list[str] | None) -> bool:
    """Is the page on the municipality's own site: does a label of its host (`_host_labels`)
    spell its name, or its first word and maybe its last ("www.bitburg-pruem.de" for the
    Eifelkreis Bitburg-Prüm, "freiburg.de" for Freiburg im Breisgau, "muelheim-ruhr.de" for
    Mülheim an der Ruhr)?"""
    if labels is None:
        return False
    key = _site_key(name)
    words = [_site_key(w) for w in _SITE_DESIGNATIONS.sub("", name.casefold()).split()]
    first = words[0] if words else ""
    if len(first) < SITE_KEY_MIN:
        return False
    for label in labels:
        if label in (key, first) or (len(words) > 1 and label.startswith(first) and key.endswith(label[len(first):])):
            return True
    return False


def _site_owners(homes: list[Mention], ex: Extraction) -> list[Mention]:
    """The home municipalities whose own site the page is on (its host names them), unless the
    URL's path names another one: a borough's pages on its city's site
    ("berlin.de/ba-tempelhof-schoeneberg/…") or an article slug naming a partner."""
    url = ex.article.url or ""
    # (asked once a place: `homes` names each town once a mention, a page's own town dozens of times)
    labels = _host_labels(url)
    hosted = {ref for ref in dict.fromkeys(m.ref for m in homes) if _names_site(ex.places[ref].name_de, labels)}
    if not hosted:
        return []
    path = _NOT_SITE_CHARACTER.sub("", url.split("//", 1)[-1].partition("/")[2].casefold())
    if any(ref not in hosted and len(key := _site_key(ex.places[ref].name_de)) >= SITE_KEY_MIN and key in path
           for ref in dict.fromkeys(m.ref for m in homes)):
        return []
    return [m for m in homes if m.ref in hosted]


#: a name (its first word) shorter than this is too likely a word of other hosts ("hof", "au")
SITE_KEY_MIN = 4


#: how many sentences back a town named as the owner of partners ("die Partnerstädte der Stadt
#: X") still owns a list of partners that names no owner: the teaser, a question, a line of
#: event details and the list (sapporo-germany-cir.blogspot.com, fresh2) span five; six leaves room
OWNER_CARRY = 6


#: how far into the body a page's only own town must first be named to be the page's town: a
#: news lead is two or three sentences (ka-news.de names Karlsruhe 190 characters in); a town
#: first named near the end is a destination (meinstutensee.de's trip to Karlsruhe, 1,500 in)
LEAD_CHARS = 400


#: the marks that open a bulleted line (partnership_context.is_list_line)
_BULLETS = "•·▪►*-–—"


def bullet_line(text: str, sent: Span) -> bool:
    """Does the sentence open with a bullet ("• Pleszew — Spangenberg")?"""
    return text[sent.start:sent.end].lstrip()[:1] in _BULLETS and sent.end > sent.start


class ArticleHome:
    """The German municipality an article is about, for partners listed without their owner
    ("Unsere Partnerstädte: …" on a city's page): the only one named as an owner of partners
    ("Partnerstädte von X", "Xs Partnerstädte"), else the only one whose own site the page is on
    (its host name names it: "www.bitburg-pruem.de"), else the only one its title names, else
    the one the text names most often (at least twice, strictly more than any other)."""

    def __init__(self, ex: Extraction, title_end: int, owners=lambda: []):
        self.ex = ex
        self.title_end = title_end
        self.owners = owners  # asked only when a list needs its owner: most articles never do
        self._home: Mention | None = None
        self._known = False
        self._sole: tuple[Mention | None] | None = None  # (sole(),) once asked
        #: German places read as an item of a town's list of partners (see recent_home)
        self.listed: set[str] = set()
        #: the foreign place the section being read is headed by ("Amstelveen" over a section
        #: about that partner), or None
        self.section: Mention | None = None
        #: the places of the latest OWNER_CARRY sentences read, one list each (see
        #: pairs._named_owner): a paragraph's reach, longer than a pair anaphor's
        self.recent: list[list[Mention]] = []

    def remember(self, here: list[Mention]) -> None:
        self.recent.append(here)
        del self.recent[:-OWNER_CARRY]

    def read_heading(self, line: str, here: list[Mention]) -> None:
        """Track the section: a short line without a full stop is a heading; it heads a section
        about a partner when it names one foreign place and nothing else."""
        line = line.strip()
        if len(line) <= SECTION_HEADING_MAX and not line.endswith((".", "!", "?", ":", ",")):
            self.section = here[0] if len(here) == 1 and not has_home(here, self.ex) else None

    def sole(self) -> Mention | None:
        """The only municipality of the page's own side the page names at all, when it names it
        in its lead (a news article naming its town once: "Wo Karlsruhe aber den Kontakt …
        minimiert" in its second sentence), else None. Only for a partner a sentence itself names
        as one (`pairs.py`): as the owner of lists it would take other towns' partners, and a
        town named late is a day trip's destination ("… ist ein Besuch von Karlsruhe geplant")."""
        if self._sole is None:
            homes = [m for m in self.ex.mentions if m.kind == "municipality" and has_home([m], self.ex)]
            first = min(homes, key=lambda m: m.start) if len({m.ref for m in homes}) == 1 else None
            self._sole = (first if first is not None and first.start <= self.title_end + LEAD_CHARS else None,)
        return self._sole[0]

    def get(self) -> Mention | None:
        if not self._known:
            self._known = True
            homes = [m for m in self.ex.mentions if m.kind == "municipality" and has_home([m], self.ex)]
            in_title = [m for m in homes if m.end <= self.title_end]
            if len({m.ref for m in in_title}) > 1:
                # "Delegation aus Neuruppin zu Gast in Bad Kreuznach": the visitors' town is not the
                # page's own
                hosts = [m for m in in_title if not visitors_from(self.ex.article.analysed_text, m)]
                in_title = hosts or in_title
            owners = self.owners()
            on_site = _site_owners(homes, self.ex)
            if len({m.ref for m in owners}) == 1:
                self._home = owners[0]  # "Die Liste der Partnerstädte von Tempelhof-Schöneberg"
            elif len({m.ref for m in on_site}) == 1:
                self._home = on_site[0]  # the partner page on www.bitburg-pruem.de, headed "Partnerkreise"
            elif len({m.ref for m in in_title}) == 1:
                self._home = in_title[0]
            elif homes:
                counts = Counter(m.ref for m in homes).most_common(2)
                if counts[0][1] >= 2 and (len(counts) == 1 or counts[0][1] > counts[1][1]):
                    self._home = next(m for m in homes if m.ref == counts[0][0])
        return self._home
