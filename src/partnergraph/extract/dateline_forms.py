"""More forms in which a page prints its own date near its top (datelines.py reads the
others): a weekday before the date ("Dienstag, 8. März 2016", also with the day's full
stop left out: "Freitag, 11 März 2016"), a two-digit year with the time of day
("11.03.16 09:45 Uhr", "11.03.16 | 09:45") and a heading that names the event the page reports
with its span of days ("Besuch vom 10.03. – 13.03.2016"). Each recurs on three publishers of the
real development pages (lokalzeitjunkie.de, hoyte24.de, haolam.de; suedostschweiz.ch, rbb24.de,
rhein-erft-kreis.de; staedtepartner-mh.de, viernheim.de, partnerschaftsverein-niedenstein.de).
And a press release's place mark before its date ("Wien (13.9.2004) – Am …", "Berlin, 8. März
2016 – Die …"), the typographic convention of agencies and press offices (ots.at). A news portal's
current day above its article ("Freitag, 13. September 2024", its masthead's weekday line) yields
to the article's own date line below it, a date that opens a line and a bar of its facts after it
("11. Juni 2015 | Kategorie: …": `meta_dated`)."""

from __future__ import annotations

import re

from ..sources.dates import MONTHS, month_number

#: the days of the week, as a date line names them
_WEEKDAYS = "Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag"
#: the weekday a date line may open with: "Montag, ", "Dienstag, den "
_WEEKDAY = re.compile(rf"(?i)^\s*(?:{_WEEKDAYS}),?\s+(?:den\s+)?$")

#: a line that is a date with a two-digit year and the time of day, maybe split by a bar or a
#: dash: the time marks the stamp of a news system (a two-digit year alone may be a score or a
#: reference number); 2000 + yy, as sources.dates reads SHORT_NUMERIC_DATE
_SHORT_STAMP = re.compile(r"(?m)^[ \t]*(\d{1,2})\.(\d{1,2})\.(\d{2})[ \t]*(?:[|–-][ \t]*)?\d{1,2}:\d{2}(?:[ \t]*Uhr)?[ \t]*$")

#: the first day of a span before the date that ends it: "vom 01.11. – ", "30.08. - ", "1.9. bis "
_RANGE_START = re.compile(r"\b\d{1,2}\.\d{1,2}\.\s*(?:[–-]|bis)\s*$")

#: how long a heading with a span of days may be: the three real ones hold 34 to 56 characters
#: (a place, "vom", the span, maybe "in" and the host town); a longer line is a sentence of prose
RANGE_LINE_MAX = 80


#: a press release's place mark ("Ortsmarke") before its date, the way agencies and press
#: services open a release's first paragraph: "Wien (13.9.2004) – Am …" (ots.at, whose address
#: files the release under the same day: OTS_20040913), "Berlin, 8. März 2016 – Die …"; a place
#: of one to four capitalised words opening the line, then the parenthesis or the comma
_PLACE_MARK = re.compile(r"^[ \t]*[A-ZÄÖÜ][^\W\d_]+(?:[ \t/-]+[A-ZÄÖÜ][^\W\d_.]*\.?){0,3}[ \t]*(?P<open>\(|,)[ \t]*$")
#: what closes the mark after the date: the parenthesis (if opened), then the dash before the text
_MARK_END = {"(": re.compile(r"[ \t]*\)[ \t]*[–-][ \t]"), ",": re.compile(r"[ \t]*[–-][ \t]")}


def place_marked(before: str, text: str, end: int) -> bool:
    """Is the date that ends at `end` in `text`, after `before` on its line, a press release's
    place mark ("Wien (13.9.2004) – ", "Berlin, 8. März 2016 – ")?"""
    m = _PLACE_MARK.match(before)
    return m is not None and _MARK_END[m["open"]].match(text, end) is not None


#: a line that opens with a date and a bar after it, the article's line of facts in a news system's
#: layout: "<date> | Kategorie: …", "<date> | Stand <date>, <time> Uhr", "<date> | <author>". The
#: form opens the article of four publishers of the real pages (pfalz-express.de, nw.de,
#: hallespektrum.de, tmw-kn.com); on pfalz-express.de it stands below the portal's weekday line
_META_DATED = re.compile(r"(?m)^[ \t]*(?:(\d{1,2})\.(\d{1,2})\.(\d{4})|(\d{1,2})\.[ \t]*(" + "|".join(sorted(MONTHS, key=len, reverse=True))
                         + r")\.?[ \t]+(\d{4}))[ \t]*\|", re.IGNORECASE)


def meta_dated(head: str, after: int) -> tuple[int, int] | None:
    """(year, month) of the first line of `head` after offset `after` that opens with a date and a bar
    ("11. Juni 2015 | Kategorie: …"): the article's own date, where the weekday line above it
    ("Freitag, 13. September 2024") is the portal's day."""
    m = _META_DATED.search(head, after)
    if m is None:
        return None
    if m.group(1):
        month = int(m.group(2))
        return (int(m.group(3)), month) if 1 <= month <= 12 else None
    return int(m.group(6)), month_number(m.group(5))


def weekday_led(before: str) -> bool:
    """Is `before`, what opens a date's line, only a weekday ("Montag, ")?"""
    return bool(before) and _WEEKDAY.match(before) is not None


def short_dateline(head: str) -> tuple[int, int] | None:
    """(year, month) of the first line of `head` that is a two-digit-year date with a time."""
    m = _SHORT_STAMP.search(head)
    if m is None or not 1 <= int(m.group(2)) <= 12:
        return None
    return 2000 + int(m.group(3)), int(m.group(2))


def range_end(before: str, line: str) -> bool:
    """Does the date after `before` end a span of days on a short heading line ("Besuch in Chur vom
    10.03. – 13.03.2016")?"""
    return len(line.strip()) <= RANGE_LINE_MAX and _RANGE_START.search(before) is not None


_ANY_WEEKDAY = re.compile(rf"(?i)\b(?:{_WEEKDAYS})\b")


#: a piece of every weekday's name that re.IGNORECASE matches only as its lowercase letters
#: ("tag"; "ttwoch", "onnabend" leave out the "i" and "s" it equates with "ı" and "ſ"): a text
#: holding none names no weekday, and the alternation, tried at every offset of a page's head and
#: foot, is not run (~15 µs a call; two calls an article dated by its text)
_WEEKDAY_PIECES = ("tag", "ttwoch", "onnabend")


def names_weekday(text: str, lo: int = 0) -> bool:
    """Does text[lo:] name a weekday (else a weekday-led date cannot stand there)?"""
    low = text[lo:].lower()
    if not any(map(low.__contains__, _WEEKDAY_PIECES)):
        return False
    return _ANY_WEEKDAY.search(text, lo) is not None
