"""Dates (of birth, of study) and times in the forms overlays and slide text use.

A candidate must be a real calendar date (1900-2099 for four-digit years); day-first is preferred
and month-first is accepted when the day-first reading is impossible (06.16.1976). A label such as
DOB / D.O.B / Born within a few characters before the date makes it a date-of-birth. Scan
parameters (5.0 mm, 1.5T, 120/80, versions) never have three date parts with a valid year, so
they fall out of the grammar rather than needing a list.
"""

from __future__ import annotations

import re
from datetime import date

from slidesan.scan.identifiers.match import Match
from slidesan.scan.identifiers.text_view import TextView

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")

_NUMERIC = re.compile(
    r"(?<![\w.\-/])(?P<a>\d{1,2})(?P<sep>\s?[./\-]\s?)(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\w/]|[.\-]\d)")
_ISO = re.compile(r"(?<![\w.\-/])(?P<y>(?:19|20)\d\d)(?P<sep>[./\-])(?P<b>\d{1,2})(?P=sep)(?P<a>\d{1,2})(?![\w/]|[.\-]\d)")
_COMPACT = re.compile(r"(?<![\w.\-/])(?P<y>(?:19|20)\d\d)(?P<b>[01]\d)(?P<a>[0-3]\d)(?![\w/]|[.\-]\d)")
_DAY_MONTH_YEAR = re.compile(
    rf"(?<![\w.])(?P<a>\d{{1,2}})(?:st|nd|rd|th)?(?:\s?[\-/.]\s?|\s+(?:of\s+)?){_MONTH}\.?(?:\s?[\-/.,]\s?|\s+)(?P<y>\d{{4}}|\d{{2}})(?![\w.]?\d)",
    re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(
    rf"(?<![\w.]){_MONTH}\.?\s+(?P<a>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?![\w.]?\d)", re.IGNORECASE)
_MONTH_YEAR = re.compile(rf"(?<![\w.]){_MONTH}\.?[\s\-/]+(?P<y>(?:19|20)\d\d)(?![\w.]?\d)", re.IGNORECASE)

_DOB_LABEL = re.compile(
    r"(?:\b[D0][O0o][B8]|\bD\.\s?O\.\s?B\.?|\bDate\s+of\s+Birth|\bBirth\s*date|\bBirthdate|\bBorn(?:\s+on)?|"
    r"\bB\.?\s?D(?:ate)?|\bGeb(?:\.|oren)?)\s*[:.\-=]?\s*(?:\(\w+\)\s*)?$", re.IGNORECASE)
_DATE_LABEL = re.compile(r"\b(?:Date|Study|Exam|Scan|Acq|Seen|Admitted|Dated|on)\b\s*[:.]?\s*$", re.IGNORECASE)
_SIX_AFTER_DOB = re.compile(r"(?<!\d)(?P<a>[0-3]\d)(?P<b>[01]\d)(?P<y>\d\d)(?!\d)")

_TIME = re.compile(
    r"(?<![\w:.])(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?(?:\s?(?P<ampm>[AaPp]\.?\s?[Mm]\.?)(?![A-Za-z]))?(?![\w:]|\.\d)")


def _valid(year: int, month: int, day: int) -> bool:
    if not 1900 <= year <= 2099:
        return False
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _year(text: str) -> int:
    value = int(text)
    if len(text) == 2:
        return 2000 + value if value <= 30 else 1900 + value
    return value


def _category(view: TextView, start: int) -> tuple[str, float]:
    before = view.before(start, 28)
    if _DOB_LABEL.search(before):
        return "date-of-birth", 0.97
    if _DATE_LABEL.search(before):
        return "date", 0.95
    return "date", 0.9


def _numeric_ok(m: re.Match) -> bool:
    a, b, ytext = int(m.group("a")), int(m.group("b")), m.group("y")
    year = _year(ytext)
    if len(ytext) == 2:
        # 2-digit years only in the dd/mm/yy shape with two-digit day and month: keeps 1.5.10 out.
        if len(m.group("a")) != 2 or len(m.group("b")) != 2:
            return False
    return _valid(year, b, a) or _valid(year, a, b)


def detect(view: TextView) -> list[Match]:
    text = view.norm
    found: list[Match] = []

    def add(start: int, end: int, base: float = 1.0) -> None:
        category, confidence = _category(view, start)
        found.append(view.match(category, start, end, confidence * base))

    for m in _NUMERIC.finditer(text):
        if _numeric_ok(m):
            sep = m.group("sep").strip()
            add(m.start(), m.end(), 0.9 if len(m.group("y")) == 2 and sep == "." else 1.0)
    for m in _ISO.finditer(text):
        if _valid(int(m.group("y")), int(m.group("b")), int(m.group("a"))):
            add(m.start(), m.end())
    for m in _COMPACT.finditer(text):
        if _valid(int(m.group("y")), int(m.group("b")), int(m.group("a"))):
            add(m.start(), m.end(), 0.85)
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for m in pattern.finditer(text):
            month = _MONTHS[m.group("mon")[:3].lower()]
            if _valid(_year(m.group("y")), month, int(m.group("a"))):
                add(m.start(), m.end())
    for m in _MONTH_YEAR.finditer(text):
        if m.group("mon").lower() == "may" and not _DATE_LABEL.search(view.before(m.start())):
            continue  # "may 2020" reads as a verb too often
        add(m.start(), m.end(), 0.7)
    for m in _SIX_AFTER_DOB.finditer(text):
        if _DOB_LABEL.search(view.before(m.start(), 20)) and _valid(_year(m.group("y")), int(m.group("b")), int(m.group("a"))):
            found.append(view.match("date-of-birth", m.start(), m.end(), 0.9))
    return found


def detect_times(view: TextView) -> list[Match]:
    found = []
    for m in _TIME.finditer(view.norm):
        has_seconds, ampm = m.group("s") is not None, m.group("ampm")
        sep = view.norm[m.start("h") + len(m.group("h"))]
        if sep == "." and not ampm:
            continue  # 12.30 without am/pm is a decimal far more often than a time
        if not (has_seconds or ampm) and len(m.group("h")) == 1:
            confidence = 0.6  # 8:30 could be a ratio
        else:
            confidence = 0.95 if (has_seconds or ampm) else 0.8
        found.append(view.match("time", m.start(), m.end(), confidence))
    return found
