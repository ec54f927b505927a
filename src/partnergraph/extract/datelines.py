"""The date a page prints near its top when its record carries none: what an anniversary ("45
Jahre Partnerschaft"), "vergangenes Jahr" or a day without a year ("am 4. September") is counted
from.

Three forms stand for the page's own date: a line that is only the date, maybe with an author's
sign ("23.02.2023", "19.10.2015 (fjh)"); a date after a label that says what it dates
("Pressemeldung vom <d>. <Monat> <year>, <hh:mm> Uhr", "Sitzung:29.06.2018", "Veröffentlicht am …";
the labels are data, rules-de.json `dateline_labels`); and a date that opens a line of a news
listing or an archive's heading ("04.10.2002 Freundschaftsvertrag mit …", "1990-10-27 / 43.
szám"). A date inside a sentence is an event's, never the page's. A page that prints no date near its
top may print one at its foot, after a label ("Veröffentlicht: 16.10.2018", "Letzte Änderung am <date> um <time>"): only a labelled one counts there (`page_foot_year_month`)."""

from __future__ import annotations

import re
from functools import cache

from ..sources.dates import ISO_DATE, LONG_DATE, LONG_DATE_NO_DOT, NUMERIC_DATE, month_number, url_year_month
from .dateline_forms import meta_dated, names_weekday, place_marked, range_end, short_dateline, weekday_led
from .labelled_datelines import labelled_year_month
from .rules import rules

#: how far into a page its dateline may stand: after a site's menu words and the heading ("Zum
#: Menü", "Logo: …", the title twice); the datelines of the real development pages stand within
#: the first 300 characters
DATELINE_REACH = 400
_FOUR_DIGITS = re.compile(r"\d{4}")
#: a year of the range the extractor reads as dates (1800–2099), a word of its own: the one
#: pattern of the modules that look for years (pair attributes, bare years, pairs, candidates).
#: Written to open with its first digit, "1" or "2", not with "\b": the regex engine then skips
#: from such a digit to the next in C instead of trying the pattern at every offset (half the
#: time a sentence; the same matches as "\b(?:1[89]\d\d|20\d\d)\b" at every offset and window:
#: the look-behind and "\b" both read the character before the window)
#: (its opening, without the end of the word, for the patterns that build on it: lead_acts,
#: partner_lists)
YEAR_OPENING = r"[12](?<!\w[12])(?:(?<=1)[89]|(?<=2)0)\d\d"
YEAR = re.compile(YEAR_OPENING + r"(?!\w)")
#: what a match of each date pattern holds, found by a pattern that opens with a digit (the regex
#: engine skips from digit to digit; the date patterns open with "\b" and are tried at every
#: offset): a day's figure and its full stop (NUMERIC_DATE, LONG_DATE and the glued ones:
#: "19.12.2023", "16. Juni 2023") or a year, a dash, a month and a dash (ISO_DATE). A head or foot
#: without it is not searched with those patterns: they would find nothing there
_DAY_DOT = re.compile(r"\d\.")
_ISO_LEAD = re.compile(r"\d{4}-\d{2}-\d{2}")
#: a date, a colon and words on its line: an entry of a timeline or a chronicle ("12.05.1999: erster
#: Besuch …", then the next entry's date), each line the day of its own event; a page's own date
#: stands alone, after a label ("Stand: …") or opens a listing's line without a colon. On the
#: real pages the form opens lines of a district's timeline (kreis-saarlouis.de, whose first entry
#: was read as the page's date and hid the signing two years later) and a press release's first
#: line (danny-eichelbaum.de, dated by its weekday line above)
_TIMELINE_ENTRY = re.compile(r"[ \t]*:[ \t]*\S")
#: a dateline is a short line of its own: the date, maybe an author's sign ("19.10.2015 (fjh)")
DATELINE_MAX = 40


@cache
def _label() -> re.Pattern:
    """What stands right before a labelled date on its line: the label, 'vom'/'am', a colon or
    a dash; the label a word of its own or the last part of a compound ("Archiv-Beitrag vom"),
    maybe after the site's place ("Wuppertal / Pressemeldung – 16.10.2015")."""
    words = rules()["dateline_labels"]
    return re.compile(r"(?i)(?:^|(?<=[\s/|–-]))(?:" + "|".join(map(re.escape, words)) + r")\s*(?:vom|am)?\s*[:–-]?\s*$")


#: a dateline glued to the heading after it, the line break lost: "16. Juni 2023Die Partnerstädte …",
#: "Archiv-Beitrag vom 04.05.201810jähriges Jubiläum" (a figure of up to two digits glued to a word)
_GLUED_NUMERIC = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})(?=[^\W\d_]|\d{1,2}[^\W\d_])")
_GLUED_LONG = re.compile(LONG_DATE.pattern[:-2] + r"(?=[^\W\d_]|\d{1,2}[^\W\d_])", re.IGNORECASE)


def _labelled(before: str) -> bool:
    """Does the start of a date's line, `before` the date, label it ("Pressemeldung vom",
    "Veröffentlicht:"): a short run of words ending in a label?"""
    return bool(before.strip()) and len(before) <= DATELINE_MAX and _label().search(before) is not None


#: the day and month before a date's year ("12.10.", "2. Mai ")
_DAY_MONTH = re.compile(r"(?:\d{1,2}\.\s*)?(?:\d{1,2}\.|(?:Jan|Feb|Mär|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez)[a-zä]*\.?)\s*$")


def in_dateline(text: str, start: int) -> bool:
    """Is the year at `start` the page's own date, a labelled date on its line ("Ausgabe vom
    12.10.1994", "Pressemeldung vom 2. Mai 2011")? A narrative's "damals" or "ein Jahr später"
    counts from a year the text tells, not from the day the page was published."""
    line = text.rfind("\n", 0, start) + 1
    return _labelled(_DAY_MONTH.sub("", text[line:start]))


def match_year_month(m: re.Match, pattern: re.Pattern) -> tuple[int, int]:
    """(year, month) of a match of one of the date patterns (sources.dates' or the glued ones)."""
    if pattern is ISO_DATE:
        return int(m.group(1)), int(m.group(2))
    month = int(m.group(2)) if pattern in (NUMERIC_DATE, _GLUED_NUMERIC) else month_number(m.group(2))
    return int(m.group(3)), month


def page_year_month(text: str) -> tuple[int, int] | None:
    """(year, month) of the dateline near the top of `text`, or None."""
    head = text[:DATELINE_REACH]
    if not _FOUR_DIGITS.search(head):
        # most pages: no year near the top, and the date patterns cost more; a two-digit year
        # with the time of day ("11.03.16 09:45 Uhr") is a date line too
        return short_dateline(head) if ":" in head and _DAY_DOT.search(head) else None
    opening = ranged = None
    dotted, iso = _DAY_DOT.search(head) is not None, _ISO_LEAD.search(head) is not None
    weekday = names_weekday(head)
    for pattern in (NUMERIC_DATE, LONG_DATE, ISO_DATE, _GLUED_NUMERIC, _GLUED_LONG, LONG_DATE_NO_DOT):
        if not (iso if pattern is ISO_DATE else weekday if pattern is LONG_DATE_NO_DOT else dotted):
            continue  # (it cannot match: ~1 % of the extraction of the real pages went to these searches)
        for m in pattern.finditer(head):
            line_start = head.rfind("\n", 0, m.start()) + 1
            line_end = text.find("\n", m.end())
            line = text[line_start:line_end if line_end >= 0 else len(text)]
            before = text[line_start:m.start()]
            if _TIMELINE_ENTRY.match(text, m.end()):
                continue  # "01.06.2001: Unterzeichnung …": an entry of a timeline, not the page's date
            led = weekday_led(before)
            if led:
                before = ""  # "Dienstag, 8. März 2016": the weekday is part of the date
            elif pattern is LONG_DATE_NO_DOT:
                continue  # (a day without its full stop only after a weekday: "30 November" alone may be a count)
            if before.strip() == "" and len(line.strip()) <= DATELINE_MAX and pattern is not ISO_DATE:
                # the date is the line; a weekday's may be a portal's day above its article's date
                # line ("11. Juni 2015 | Kategorie: …", dateline_forms.meta_dated)
                return (led and "|" in head and meta_dated(head, m.end())) or match_year_month(m, pattern)
            if _labelled(before) or pattern is not ISO_DATE and place_marked(before, text, m.end()):
                return match_year_month(m, pattern)  # "Pressemeldung vom 18. Juni 2015", "Wien (13.9.2004) – "
            if pattern is NUMERIC_DATE and range_end(before, line) and (ranged is None or m.start() < ranged[0]):
                ranged = (m.start(), match_year_month(m, pattern))  # "Besuch vom 10.03. – 13.03.2016"
            if before.strip() == "" and (opening is None or m.start() < opening[0]):
                opening = (m.start(), match_year_month(m, pattern))  # "04.10.2002 Freundschaftsvertrag …"
    if opening is None and dotted and ":" in head:
        stamped = short_dateline(head)
        opening = (0, stamped) if stamped else None
    found = opening or ranged
    return found[1] if found else None


#: how far from a page's end its foot's dateline may stand: after the article, before or among
#: the site's closing links ("Artikel weiterleiten", "Aktuelles", the next events); the labelled
#: foot dates of the real pages (dev.odelzhausen.de, jaszbereny-vechta.eu) stand within the last
#: 350 characters, as a head's stand within DATELINE_REACH of the top
FOOT_REACH = DATELINE_REACH


def page_foot_year_month(text: str) -> tuple[int, int] | None:
    """(year, month) of a labelled date in the last FOOT_REACH characters of `text` ("Veröffentlicht:
    16.10.2018", "Letzte Änderung am <date> um <time>"), the first one there, or None. An
    unlabelled date at a foot is as likely the next event's of a listing as the page's own."""
    lo = max(0, len(text) - FOOT_REACH)
    if not _FOUR_DIGITS.search(text, lo):
        return None
    dotted, weekday = _DAY_DOT.search(text, lo) is not None, names_weekday(text, lo)
    found = None
    for pattern in (NUMERIC_DATE, LONG_DATE, LONG_DATE_NO_DOT):
        if not (weekday if pattern is LONG_DATE_NO_DOT else dotted):
            continue  # (the dotted patterns need a day's figure and its full stop, the other a weekday)
        for m in pattern.finditer(text, lo):
            line_start = text.rfind("\n", 0, m.start()) + 1
            before = text[line_start:m.start()]
            # a weekday before the date labels it as a label does ("Freitag, 11 März 2016");
            # a day without its full stop counts only so
            labelled = weekday_led(before) or pattern is not LONG_DATE_NO_DOT and _labelled(before)
            if labelled and (found is None or m.start() < found[0]):
                found = (m.start(), match_year_month(m, pattern))
    return found[1] if found else None


#: how far into a page the article's line of facts ("16.09.2021 | Stand …", dateline_forms.meta_dated)
#: may stand when nothing above dates the page: after the photo captions, heading and teaser a
#: news site puts first (nw.de's stands 657 characters in, below two captions); twice DATELINE_REACH
META_REACH = 2 * DATELINE_REACH


def article_year_month(article) -> tuple[int, int | None] | None:
    """(year, month) the article was written: its date, else the dateline a page prints near
    its top (page_year_month), else a publication line below it ("veröffentlicht am <date>":
    labelled_datelines.py), else the article's line of facts a little further down ("16.09.2021 |
    Stand …", within META_REACH), else the date its address files it under ("/2014/07/",
    "pressemitteilungen-jahrgang-2022": month None when the address gives a year only) where the
    text states that year too (_confirmed), else a
    labelled date at the page's foot ("Veröffentlicht: 16.10.2018"): what an
    anniversary ("45 Jahre Partnerschaft"), "vergangenes Jahr" or a day without a year ("am 4.
    September") is counted from."""
    if article.date:
        return article.date.year, article.date.month
    text = article.analysed_text
    return page_year_month(text) or labelled_year_month(text, DATELINE_REACH) or meta_dated(text[:META_REACH], 0) \
        or _confirmed(url_year_month(article.url or ""), text) or page_foot_year_month(text)


def _confirmed(dated: tuple[int, int | None] | None, text: str) -> tuple[int, int | None] | None:
    """The date an address files a page under, where the page's text states that year too
    ("/2011/09/" and "September 2011"): an address alone does not date what the text says
    (benchmarks/real/README.md: the scope is the text as cached; an anniversary counts only on a
    dated page). On the real pages, the six pages whose text names no year of their address
    ("/_archiv_2024/… 50 Jahre", "/2023/07/… 50-jährigen Jubiläum", "/2016/06/… 50 Jahre",
    rhein-main-service.info, stadtkapelle-ffb.de, schweinfurter-nachrichten.blogspot.com,
    in-gl.de, eder-dampfradio.de, ovb-heimatzeitungen.de: six publishers of dev3, fresh2, fresh3,
    fresh4 and fresh6) are annotated without the count's start, while those whose text confirms
    it (lokalzeitjunkie.de, kreis-bergstrasse.de, dresden.de, nlarchiv.israel.de) are dated by it:
    the check gave 5 "no start" and 1 start right, and lost none."""
    if dated is None or not _states_number(text, str(dated[0])):
        return None
    return dated


def _states_number(text: str, figure: str) -> bool:
    """Does `text` hold `figure` with no digit right before or after it (the truth of
    ``re.search(rf"(?<!\\d){figure}(?!\\d)", text)``: "\\d" is `str.isdecimal`)? Found by `str.find`:
    that pattern, opening with a look-behind, was tried at every offset of the page."""
    at = text.find(figure)
    while at >= 0:
        after = at + len(figure)
        if not (at and text[at - 1].isdecimal()) and not text[after:after + 1].isdecimal():
            return True
        at = text.find(figure, at + 1)
    return False
