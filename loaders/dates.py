"""Dates as the reports write them: single dates, letter dates and inspection date ranges."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
DATE = re.compile(rf"\b({_DAY})\s+({_MONTH})\s+((?:19|20)\d\d)\b", re.I)
# Hyphen, figure dash to horizontal bar, minus, and the box-drawing line some PDFs print as a dash.
_DASH = r"[-\u2012-\u2015\u2212\u2500]"
# "13 and 14 April 2011", "25 April to 19 May 2016", "18 March 2014 – 09 April 2014", "6 to 17 December 2021"
RANGE = re.compile(
    rf"\b({_DAY})(?:\s+({_MONTH}))?(?:\s+((?:19|20)\d\d))?\s*(?:and|to|until|{_DASH})\s*"
    rf"({_DAY})\s+({_MONTH})\s+((?:19|20)\d\d)\b",
    re.I,
)


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def make_date(day: str, month: str, year: str) -> date | None:
    try:
        return date(int(year), MONTHS[month.lower()], _day(day))
    except ValueError:
        return None


_ABBREVIATED = re.compile(
    r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?(?=\s+(?:19|20)\d\d\b|\s*(?:and|to|-|\u2013))",
    re.I,
)
_NUMERIC = re.compile(r"\b([0-3]?\d)/([01]?\d)/((?:19|20)\d\d)\b")
_MONTH_NAMES = [name.capitalize() for name in MONTHS]


_DAY_OF = re.compile(rf"\b(?:the\s+)?({_DAY}(?:\s+and\s+{_DAY})?)\s+of\s+(?={_MONTH})", re.I)


def spelled_out(text: str) -> str:
    """Dates written "12/03/2019" (day first, as the UK writes them), with an abbreviated month
    ("12 Sept 2019") or as "the 15 and 16 of May 2018" in the long form the patterns read."""
    text = _DAY_OF.sub(r"\1 ", text)
    text = _NUMERIC.sub(
        lambda m: f"{m[1]} {_MONTH_NAMES[int(m[2]) - 1]} {m[3]}" if 1 <= int(m[2]) <= 12 else m[0], text
    )
    return _ABBREVIATED.sub(
        lambda m: next(n for n in _MONTH_NAMES if n.lower().startswith(m[1][:3].lower())), text
    )


def parse_date(text: str) -> date | None:
    match = DATE.search(spelled_out(text))
    return make_date(*match.groups()) if match else None


def parse_range(text: str) -> tuple[date, date] | None:
    """The first date range in the text, as (start, end)."""
    for match in RANGE.finditer(spelled_out(text)):
        d1, m1, y1, d2, m2, y2 = match.groups()
        end = make_date(d2, m2, y2)
        start = make_date(d1, m1 or m2, y1 or y2)
        if start and end and start > end and not y1:
            start = make_date(d1, m1 or m2, str(int(y2) - 1))  # "29 December to 9 January 2026"
        if start and end and start <= end and (end - start).days < 120:
            return start, end
    return None


_YEARLESS = re.compile(
    rf"^\s*({_DAY})(?:\s+({_MONTH}))?\s*(?:and|to|{_DASH})\s*({_DAY})\s+({_MONTH})\b(?!\s+(?:19|20)\d\d)",
    re.I,
)


def range_without_year(text: str, written: date) -> tuple[date, date] | None:
    """A range that opens `text` without its year ("13 and 14 July"), in a document written on
    `written`: in that year, or the year before when that would put it after `written`."""
    days = _YEARLESS.match(spelled_out(text))
    if days is None:
        return None
    d1, m1, d2, m2 = days.groups()
    for year in (written.year, written.year - 1):
        start, end = make_date(d1, m1 or m2, str(year)), make_date(d2, m2, str(year))
        if start and end and start <= end <= written:
            return start, end
    return None


_ISO_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d\d)-([01]\d)-([0-3]\d)(?!\d)")


def date_in_file_name(file_name: str) -> date | None:
    """A date the publisher put in the file name ("...-2019-01-17-..." or "... 17 january 2019.pdf").

    Ofsted's ILACS reports print no publication date; the published files are named by it.
    """
    iso = _ISO_IN_NAME.search(file_name)
    if iso:
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            return None
    return parse_date(re.sub(r"[_-]+", " ", file_name))
