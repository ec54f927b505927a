"""German dates in the forms news sites write them."""

from __future__ import annotations

import datetime as dt
import email.utils
import re

from ..models import PartialDate

MONTHS = {
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feb": 2, "märz": 3, "maerz": 3, "mär": 3,
    "mrz": 3, "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10,
    "november": 11, "nov": 11, "dezember": 12, "dez": 12,
}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))

#: "19. Dezember 2023", "19. Dez. 2023", "1. März 2024"
LONG_DATE = re.compile(rf"\b(\d{{1,2}})\.\s*({_MONTH_ALT})\.?\s+(\d{{4}})\b", re.IGNORECASE)
#: "19.12.2023", "1.3.2024"
NUMERIC_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
#: "2023-12-19", also the date part of "2023-12-19T10:00:00+01:00"
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})")
#: "19 Dezember 2023" (the day's full stop left out, as some CMS date formats do)
LONG_DATE_NO_DOT = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_ALT})\.?\s+(\d{{4}})\b", re.IGNORECASE)
#: "19.12.23": two-digit years mean 20xx (news sites use them for the current century only)
SHORT_NUMERIC_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{2})\b(?!\.\d)")


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """The first full date in `text`, in any of the forms above; None if there is none."""
    candidates: list[tuple[int, dt.date]] = []
    for m in ISO_DATE.finditer(text):
        d = _safe(int(m[1]), int(m[2]), int(m[3]))
        if d:
            candidates.append((m.start(), d))
            break
    for m in LONG_DATE.finditer(text):
        d = _safe(int(m[3]), MONTHS[m[2].lower()], int(m[1]))
        if d:
            candidates.append((m.start(), d))
            break
    for m in NUMERIC_DATE.finditer(text):
        d = _safe(int(m[3]), int(m[2]), int(m[1]))
        if d:
            candidates.append((m.start(), d))
            break
    if not candidates:
        # the rarer forms only when none of the usual ones is there
        for m in LONG_DATE_NO_DOT.finditer(text):
            d = _safe(int(m[3]), MONTHS[m[2].lower()], int(m[1]))
            if d:
                return d
        for m in SHORT_NUMERIC_DATE.finditer(text):
            d = _safe(2000 + int(m[3]), int(m[2]), int(m[1]))
            if d:
                return d
        # RFC 822/1123 dates of HTTP headers and RSS 2.0 ("Tue, 19 Dec 2023 10:00:00 GMT")
        try:
            return email.utils.parsedate_to_datetime(text.strip()).date()
        except (TypeError, ValueError, IndexError):
            return None
    return min(candidates)[1] if candidates else None


def month_number(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


#: the date forms an input file may give (README, docs/sources.md), each the whole value:
#: "2023-07-24" (optionally with a time), "2023-07", "2023", "24.07.2023", "24. Juli 2023",
#: "Juli 2023". Nothing else: "20230724" or an ISO week date "2023-W30-1", which Python's
#: date.fromisoformat accepts, are not what a German news file means by a date.
_INPUT_FORMS = (
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"),
     lambda m: _safe(int(m[1]), int(m[2]), int(m[3]))),
    (re.compile(r"(\d{4})-(\d{2})"), lambda m: _partial(int(m[1]), int(m[2]))),
    (re.compile(r"(\d{4})"), lambda m: _partial(int(m[1]))),
    (re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})"), lambda m: _safe(int(m[3]), int(m[2]), int(m[1]))),
    (re.compile(rf"(\d{{1,2}})\.\s*({_MONTH_ALT})\.?\s+(\d{{4}})", re.IGNORECASE),
     lambda m: _safe(int(m[3]), MONTHS[m[2].lower()], int(m[1]))),
    (re.compile(rf"({_MONTH_ALT})\.?\s+(\d{{4}})", re.IGNORECASE),
     lambda m: _partial(int(m[2]), MONTHS[m[1].lower()])),
)
#: what the message about an unreadable date lists
INPUT_DATE_FORMS = "2023-07-24, 2023-07, 2023, 24.07.2023, 24. Juli 2023 or Juli 2023"


def _partial(year: int, month: int | None = None) -> PartialDate | None:
    if not 1 <= year <= 9999 or (month is not None and not 1 <= month <= 12):
        return None
    return PartialDate(year, month)


def parse_input_date(text: str) -> dt.date | PartialDate | None:
    """The date of an input record, in one of the forms above (the whole value); None if not."""
    text = " ".join(text.split())
    for pattern, make in _INPUT_FORMS:
        m = pattern.fullmatch(text)
        if m:
            return make(m)
    return None


#: a date a page's address carries, the form a CMS files its articles under: "/2014/07/",
#: "/2024/03/13/", "/2019-07-29/", "/pressemitteilungen/2024/06/", "/2024/august/", "/november-2023/",
#: "…-jahrgang-2022/", "published=04.10.2002", "OTS_20040913", "/04-03-2022/". Tried in this order; the first that matches gives
#: (year, month or None). A bare number in a slug ("/10_jahre_…", "…-604565") is no date: a year
#: counts only as a whole path segment, with a month beside it or after a word that files by year.
_URL_DATES = (
    # a full date in figures anywhere: "published=04.10.2002", "2019-07-29"
    (re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)(?!\d)"), lambda m: (int(m[3]), int(m[2]))),
    (re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d{2})-(\d{2})(?!\d)"), lambda m: (int(m[1]), int(m[2]))),
    # a full date in figures without separators, the form news systems and press agencies file
    # under: "/OTS_20040913_OTS0093/" (ots.at), "/news/20191113_005" (gfa-news.de), "/20180825/"
    # (pressreader.com), "/20180122_wims…" (sr.de); only a valid month and day, so that an id of
    # eight figures ("…/20062013…": no month 20) files nothing
    (re.compile(r"(?<!\d)((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)"), lambda m: (int(m[1]), int(m[2]))),
    # day, month and year with dashes as a path segment of their own: "/04-03-2022/" (evangelisch.de)
    (re.compile(r"(?<=[/_=])(\d{1,2})-(\d{1,2})-((?:19|20)\d\d)(?=[/_.?&#]|$)"), lambda m: (int(m[3]), int(m[2]))),
    # a press release's slug: "pressemitteilung-vom-17-6-2016"
    (re.compile(r"(?i)-vom-(\d{1,2})-(\d{1,2})-((?:19|20)\d\d)(?!\d)"), lambda m: (int(m[3]), int(m[2]))),
    # path segments year / month: "/2014/07/", "/2024/06/pm_018.php", "/2024/august/"
    (re.compile(r"/((?:19|20)\d\d)/(\d{1,2})(?=/|$)"), lambda m: (int(m[1]), int(m[2]))),
    (re.compile(rf"/((?:19|20)\d\d)/({_MONTH_ALT})(?=/|$)", re.IGNORECASE),
     lambda m: (int(m[1]), MONTHS[m[2].lower()])),
    # month and year in one segment: "/november-2023/", "/meldungen-2015/oktober/"
    (re.compile(rf"/({_MONTH_ALT})-((?:19|20)\d\d)(?=/|$)", re.IGNORECASE),
     lambda m: (int(m[2]), MONTHS[m[1].lower()])),
    (re.compile(rf"[/-]((?:19|20)\d\d)/({_MONTH_ALT})(?=/|$)", re.IGNORECASE),
     lambda m: (int(m[1]), MONTHS[m[2].lower()])),
    # a year alone: a whole segment ("/archiv/2022/", "/2018/25/") or after a word that files by
    # year ("pressemitteilungen-jahrgang-2022", "meldungen-2015")
    (re.compile(r"/((?:19|20)\d\d)(?=/)"), lambda m: (int(m[1]), None)),
    (re.compile(r"(?i)(?:jahrgang|meldungen|archiv|pressemitteilungen|nachrichten)[-_/]((?:19|20)\d\d)(?=/|$)"),
     lambda m: (int(m[1]), None)),
)


def url_year_month(url: str) -> tuple[int, int | None] | None:
    """(year, month or None) of the date `url` files its page under, or None. A month out of
    range makes the match a year's only ("/2018/25/": issue 25 of 2018)."""
    path = url.split("://", 1)[-1]
    slash = path.find("/")
    if slash < 0:
        return None  # a bare host: its digits are no date
    path = path[slash:]
    for pattern, read in _URL_DATES:
        m = pattern.search(path)
        if m:
            year, month = read(m)
            return year, month if month is not None and 1 <= month <= 12 else None
    return None
