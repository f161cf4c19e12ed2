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
from slidesan.scan.identifiers.text_view import TextView, hints

_MONTH_NAMES = {      # English, French, German, Spanish, Italian, Portuguese, Dutch, with their abbreviations
    1: "jan january januar janvier janv enero ene gennaio gen januari janeiro",
    2: "feb february februar février fevrier févr fevr fév fev febrero febbraio februari fevereiro",
    3: "mar march märz maerz mär mrz mars marzo maret março marco mrt maart",
    4: "apr april avril avr abril abr aprile",
    5: "may mai mayo maggio mag mei maio",
    6: "jun june juni juin junio giugno giu junho",
    7: "jul july juli juillet juil julio luglio lug julho",
    8: "aug august août aout agosto agustus augustus",
    9: "sep sept september septembre septiembre settembre setembro",
    10: "oct october oktober octobre octubre ottobre ott okt outubro",
    11: "nov november novembre noviembre novembro",
    12: "dec december dezember décembre decembre déc dic diciembre dicembre desember dez des dezembro",
}
# ... and as dates print them in Polish, Czech, Nordic, Finnish, Turkish, Russian and Greek (genitive forms)
_MORE_MONTH_NAMES = (
    "stycznia styczeń ledna leden tammikuuta ocak января январь ιανουαρίου",
    "lutego luty února únor helmikuuta şubat subat февраля февраль φεβρουαρίου",
    "marca marzec března březen maaliskuuta mart марта март μαρτίου",
    "kwietnia kwiecień dubna duben huhtikuuta nisan апреля апрель απριλίου",
    "maja maj května květen toukokuuta mayıs mayis мая май μαΐου μαίου",
    "czerwca czerwiec června červen kesäkuuta haziran июня июнь ιουνίου",
    "lipca lipiec července červenec heinäkuuta temmuz июля июль ιουλίου",
    "sierpnia sierpień srpna srpen augusti elokuuta ağustos agustos августа август αυγούστου",
    "września wrzesień září syyskuuta eylül eylul сентября сентябрь σεπτεμβρίου",
    "października październik října říjen lokakuuta ekim октября октябрь οκτωβρίου",
    "listopada listopad listopadu marraskuuta kasım kasim ноября ноябрь νοεμβρίου",
    "grudnia grudzień prosince prosinec joulukuuta aralık aralik декабря декабрь δεκεμβρίου")
_MONTHS = {name: number for number, names in [*_MONTH_NAMES.items(), *enumerate(_MORE_MONTH_NAMES, start=1)]
           for name in names.split()}
_MONTH = "(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"

# Numeric dates stand alone or glued into a file or series name by `_` (`IMG_20240317_101512.jpg`,
# `Thrombus_20241017`) or by a hyphen after a word (`scan-2024-10-17`): `_` and a word's hyphen are
# the glue of names; a letter or digit touching the date, or a hyphen after a digit (`12-34-56-789`),
# a dot (UIDs, versions) or a slash makes it part of something longer.
_BEFORE = r"(?<![^\W_])(?<![./])(?<!\d-)"
_AFTER = r"(?!(?!T\d\d)[^\W_]|/|[.\-]\d)"         # a time may follow after T (ISO 8601: 2019-03-14T10:15)
_NUMERIC = re.compile(
    _BEFORE + r"(?<!-)(?P<a>\d{1,2})(?P<sep>\s?[./\-]\s?)(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})" + _AFTER)
_ISO = re.compile(_BEFORE + r"(?P<y>(?:19|20)\d\d)(?P<sep>[./\-])(?P<b>\d{1,2})(?P=sep)(?P<a>\d{1,2})" + _AFTER)
_ISO_ANY_YEAR = re.compile(_BEFORE + r"(?P<y>\d{4})(?P<sep>[./\-])(?P<b>\d{2})(?P=sep)(?P<a>\d{2})" + _AFTER)
_TIME_AFTER_T = re.compile(r"(?:T[\d:.]*)?")         # nothing, or an ISO 8601 time: the date alone
# Chinese, Japanese and Korean: 1954年3月12日, 1954년 3월 12일
_CJK = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)\s?[年년]\s?(?P<b>\d{1,2})\s?[月월]\s?(?P<a>\d{1,2})(?:\s?[日일])?(?!\d)")
_COMPACT = re.compile(_BEFORE + r"(?P<y>(?:19|20)\d\d)(?P<b>[01]\d)(?P<a>[0-3]\d)" + _AFTER)
_DAY_MONTH_YEAR = re.compile(
    rf"(?<![\w.])(?P<a>[\dOoIl@©]{{1,2}})(?:st|nd|rd|th)?(?:\s?[\-/.]\s?|\s+(?:of\s+|de\s+)?){_MONTH}\.?(?:\s?[\-/.,]\s?|\s+(?:de\s+)?)(?P<y>\d{{4}}|\d{{2}})(?![\w.]?\d)",
    re.IGNORECASE)
# OCR: the year may touch the month ("17 Nov1946") or trailing garbage ("19-Jan-19430hii"); a two-digit
# year needs a separator and nothing numeric after it ("29 Aug 94").
_DAY_MONTH_YEAR_OCR = re.compile(
    rf"(?<![\w.])(?P<a>[\dOoIl@©]{{1,2}})(?:st|nd|rd|th)?(?:\s?[\-/.+~_]\s?|\s+(?:of\s+|de\s+)?){_MONTH}\.?"
    rf"(?:(?:\s?[\-/.,+~_]\s?|\s+de\s+|\s*)(?P<y>\d{{4}})|(?:\s?[\-/.]\s?|\s+)(?P<y2>\d\d)(?![\w.:/]?\d)(?!\s?[A-Za-z%\u00b0]))",
    re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(
    rf"(?<![\w.]){_MONTH}\.?\s*(?P<a>\d{{1,2}})(?:st|nd|rd|th)?(?:,\s*|\s+)(?P<y>\d{{4}})(?![\w.]?\d)", re.IGNORECASE)
_YEAR_MONTH_DAY = re.compile(
    rf"(?<![\w.])(?P<y>(?:19|20)\d\d)(?:\s?[\-/.]\s?|\s+){_MONTH}\.?(?:\s?[\-/.]\s?|\s+)(?P<a>\d{{1,2}})(?![\w.]?\d)",
    re.IGNORECASE)
# A month in Roman numerals (`17.IV.1969`, `3 XII 1948`), a continental habit; OCR reads IV as 1V.
_ROMAN_MONTHS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
                 "xi": 11, "xii": 12}
_ROMAN = re.compile(r"(?<![\w.])(?P<a>\d{1,2})(?P<sep>[.\-/ ,])(?P<mon>[IVX1l]{1,4})(?P=sep)(?P<y>(?:19|20)\d\d)(?![\w.]?\d)")
_MONTH_YEAR = re.compile(rf"(?<![\w.]){_MONTH}\.?[\s\-/]+(?P<y>(?:19|20)\d\d)(?![\w.]?\d)", re.IGNORECASE)
# OCR drops the space between a month and its year (`17. April1969`)
_MONTH_YEAR_OCR = re.compile(rf"(?<![\w.]){_MONTH}\.?[\s\-/]*(?P<y>(?:19|20)\d\d)(?![\w.]?\d)", re.IGNORECASE)

# OCR-damaged numeric dates: "Qs.09. 2012", "O3.O9.2O12" — day/month may hold look-alike letters and a
# stray space may follow a separator; the four-digit year must be readable.
_OCR_NUMERIC = re.compile(
    r"(?<![\w.\-/])(?P<a>[0-9OoQDIlSsBZzg]{1,2})(?P<sep>[./\-])\s?(?P<b>[0-9OoQDIlSsBZzg]{1,2})(?P=sep)\s?"
    r"(?P<y>(?:19|20)\d\d)(?![\w/]|[.\-]\d)")
# OCR: one separator lost ("0105/2021") or read as a space ("16 04.1953"); day and month two digits,
# the year four, and the result must be a calendar date.
_OCR_SEPARATOR_LOST = re.compile(
    r"(?<![\w.\-/])(?P<a>\d\d)(?:(?P<sep1> ?)(?P<b>\d\d)(?P<sep2>[./\-])|(?P<sep3>[./\-] ?|  ?)(?P<b2>\d\d)(?P<sep4>[./\-]|  ?))"
    r"(?P<y>(?:19|20)\d\d)(?![\w/]|[.\-]\d)")
_DOB_LABEL = re.compile(
    r"(?:\b[D0O][O0o][B8]|\bD\.\s?O\.\s?B\.?|\bDate\s+of\s+Birth|\bBirth\s*date|\bBirthdate|\bBorn(?:\s+(?:on|in))?|"
    r"\bB\.?\s?D(?:ate)?|\bGeb(?:\.|oren)?|\bGeburtsdatum|\bGeb\.?-?\s?Datum|\bFecha\s+(?:de\s+)?nac(?:\.|imiento)?|"
    r"\bNascimento|\bData\s+di\s+nascita|\bF\.?\s?[Nn]ac\.?|\bGeboortedatum|\bF[øo]dselsdato|\bF[öo]delsedatum|"
    r"\bSyntym[äa]aika|\bData\s+urodzenia|\bDo[ğg]um\s+tarihi|\bDatum\s+narozen[íi]|\bDate\s+de\s+naissance|\bn[ée]e?\s+le|\bYear\s+of\s+birth|\bYOB)"
    r"\s*[:.\-=]?\s*(?:\(\w+\)\s*)?$", re.IGNORECASE)
_DATE_LABEL = re.compile(r"\b(?:Date|Study|Exam|Scan|Acq|Seen|Admitted|Dated|on)\b\s*[:.]?\s*$", re.IGNORECASE)
# OCR: right after a date-of-birth label, a numeric date with a damaged year ("21/03/198", "02/05/1832")
# is still the birth date.
_DAMAGED_AFTER_DOB = re.compile(r"(?<![\w.\-/])\d{1,2}[./\-]\d{1,2}[./\-]\d{3,4}(?![\w/]|[.\-]\d)")
# OCR: right after any date label, a date shape with misread digits or a misread month is the date
# (`Study: 22.66.2615`, `Study: 3 favr. 2018`): the label says what it is
# OCR: a month name with one letter misread between a day and a four-digit year (`6 aodt 2010`)
_NEAR_MONTH = re.compile(r"(?<![\w.])(?P<a>\d{1,2})\s(?P<mon>[A-Za-z\u00C0-\u024F]{3,9})\.?,?\s(?P<y>(?:19|20)\d\d)(?![\w.]?\d)")
_DAMAGED_AFTER_LABEL = re.compile(
    r"(?<![\w.\-/])(?:\d{1,2}[./\-]\d{1,2}[./\-]\d{2,4}|\d{1,2}[\s\-][A-Za-z\u00C0-\u024F]{3,5}\.?[\s\-]\d{4})(?![\w/]|[.\-]\d)")
_SIX_AFTER_DOB = re.compile(r"(?<!\d)(?P<a>[0-3]\d)(?P<b>[01]\d)(?P<y>(?:19|20)?\d\d)(?!\d)")   # and DDMMYYYY
# After a birth label, a year alone is the year of birth (`DOB 1957`, `born in 1957`).
_YEAR_AFTER_DOB = re.compile(r"(?<![\d.,/\-])(?:19|20)\d\d(?![\d.,/\-]?\d)")

_TIME = re.compile(
    r"(?<![\w:.])(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?(?:\s?(?P<ampm>[AaPp]\.?\s?[Mm]\.?)(?![A-Za-z]))?(?![\w:]|\.\d)")



def holds_glued_date(token: str) -> bool:
    """A date glued into a longer token (`Thistlewood_M_14-03-1952`, `RX_20190314_A`): the token is
    a compound identifier that holds a date, not the date alone (codes.py keeps it whole)."""
    return any(not _TIME_AFTER_T.fullmatch(token[:m.start()] + token[m.end():])
               for pattern in (_NUMERIC, _ISO, _COMPACT) for m in pattern.finditer(token))


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


# digits Tesseract confuses in small overlay fonts (a closed 0 read as 6, 8 or 9, and so on)
_DIGIT_CONFUSIONS = {"6": "0", "8": "0", "9": "0", "0": "689", "3": "8", "1": "74", "7": "1", "4": "1"}


def _one_digit_away(text: str):
    for i, digit in enumerate(text):
        for other in _DIGIT_CONFUSIONS.get(digit, ""):
            yield text[:i] + other + text[i + 1:]


def _one_digit_from_a_year(text: str) -> bool:
    """`2615` beside a month name is 2015 with its 0 read as 6: one confusable digit away from a
    year of the last two centuries ("Tc-99m 20 Mar 1234" is not)."""
    return any(1900 <= int(other) <= 2099 for other in _one_digit_away(text))


def _one_digit_from_a_date(a: str, b: str, y: str) -> bool:
    """A full numeric date (two-digit day and month, four-digit year) that a confusable digit in
    the day, the month or each keeps off the calendar: `93.09.2012`, `69/68/1991` (0 read as 6);
    or a valid day and month whose year is one confusable digit from the last two centuries
    (`17.04.4969`, `4969-04-17`: the 1 of 1969 read as 4)."""
    if len(a) != 2 or len(b) != 2:
        return False
    if not 1900 <= int(y) <= 2099:
        years = [int(other) for other in _one_digit_away(y) if 1900 <= int(other) <= 2099]
        return any(_valid(year, int(b), int(a)) or _valid(year, int(a), int(b)) for year in years)
    days, months = [a, *_one_digit_away(a)], [b, *_one_digit_away(b)]
    return any(_valid(int(y), int(bb), int(aa)) or _valid(int(y), int(aa), int(bb)) for aa in days for bb in months)


_WEEKDAY_BEFORE = re.compile(r"(?i)\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|lun|mar|mer|jeu|ven|sam|dim|"
                             r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|mo|di|mi|do|fr|sa|so)"
                             r"(?:day|\.)?,?\s*$")
_VERSION_BEFORE = re.compile(r"(?:\bv|\bver\.?|\bversion|\brelease|\bbuild)\s*$", re.IGNORECASE)


def _category(view: TextView, start: int) -> tuple[str, float]:
    before = view.before(start, 28)
    if _DOB_LABEL.search(before):
        return "date-of-birth", 0.97
    if _DATE_LABEL.search(before):
        return "date", 0.95
    return "date", 0.9


def _labelled(view: TextView, start: int) -> bool:
    """A date or birth-date label right before: a badly misread year is still a date there."""
    before = view.before(start, 28)
    return bool(_DOB_LABEL.search(before) or _DATE_LABEL.search(before))


def _near_month(word: str, abbreviated: bool = False) -> bool:
    """One letter substituted in a month name of four letters or more (`aodt` for août, `favr` for
    févr), or in a three-letter one written as an abbreviation, with its dot (`dée.` for déc.), its
    first letter intact."""
    low = word.lower()
    for name in _MONTHS:
        if len(name) != len(low) or sum(a != b for a, b in zip(name, low)) != 1:
            continue
        if len(name) >= 4 or (abbreviated and len(name) == 3 and name[0] == low[0]):
            return True
    return False


def _numeric_ok(m: re.Match) -> bool:
    if len(m.group("y")) == 2:
        # 2-digit years in the dd/mm/yy shape with two-digit day and month, or with slashes as US
        # viewers print them (7/11/23, 9/30/37): keeps 1.5.10 and 1-2-10 out (unless a label says date)
        if (len(m.group("a")) != 2 or len(m.group("b")) != 2) and m.group("sep").strip() != "/":
            return False
    return _calendar(m)


_DAY_LOOKALIKE = str.maketrans("OoIl@©", "001100")
_MONTH_HINTS = re.compile(r"\b(?:" + "|".join(sorted({name[:3] for name in _MONTHS})) + ")")
_AMPM_HINTS = hints("am", "pm", "a.m", "p.m")
_DOB_HINTS = hints("dob", "d0b", "do8", "d08", "008", "d.o", "birth", "born", "bd", "geb", "nac", "nasc", "naiss", "né", "yob",
                   "dsel", "delse", "syntym", "urodz", "doğum", "dogum", "narozen")


def _calendar(m: re.Match) -> bool:
    a, b, year = int(m.group("a")), int(m.group("b")), _year(m.group("y"))
    return _valid(year, b, a) or _valid(year, a, b)


def _numeric_ok_text(m: re.Match) -> bool:
    """Already a clean numeric date (the strict pattern reports it with full confidence)."""
    return (m.group("a") + m.group("b")).isdigit() and " " not in m.group(0)


def detect(view: TextView) -> list[Match]:
    text = view.norm
    found: list[Match] = []
    if view.digits < 4:
        return found

    def add(start: int, end: int, base: float = 1.0) -> None:
        if _VERSION_BEFORE.search(view.before(start, 12)):
            return  # "version 1.2.2012" is a software version
        category, confidence = _category(view, start)
        weekday = _WEEKDAY_BEFORE.search(view.before(start, 14))
        if weekday:
            start -= len(weekday.group(0))      # "Fri, Mar 22nd 2019": the weekday belongs to the date
        found.append(view.match(category, start, end, confidence * base))

    separated = any(sep in text for sep in "./-")
    for m in (_NUMERIC.finditer(text) if separated else ()):
        if _numeric_ok(m):
            sep = m.group("sep").strip()
            add(m.start(), m.end(), 0.9 if len(m.group("y")) == 2 and sep == "." else 1.0)
        elif _labelled(view, m.start()) and _calendar(m):
            add(m.start(), m.end())    # `DOB 3.3.61`, `Scan: 1.5.19`: the label says a short form is a date
        elif view.ocr and len(m.group("y")) == 4 and _one_digit_from_a_date(m.group("a"), m.group("b"), m.group("y")):
            add(m.start(), m.end(), 0.6)    # "93.09.2012": the 0 of 03 read as 9
    if view.ocr and separated:
        for m in _OCR_NUMERIC.finditer(text):
            day_month = m.group("a") + m.group("b")
            if sum(ch.isdigit() for ch in day_month) >= 2 and not _numeric_ok_text(m):
                add(m.start(), m.end(), 0.75)
    if view.ocr and separated:
        for m in _OCR_SEPARATOR_LOST.finditer(text):
            seps = [m.group(k) for k in ("sep1", "sep2", "sep3", "sep4") if m.group(k) is not None]
            marks = {sep.strip() for sep in seps} - {""}
            if len(marks) != 1 or all(sep.strip() for sep in seps):
                continue    # no real separator left (a digit run), or both present: strict patterns own it
            b = m.group("b") or m.group("b2")
            a, y = int(m.group("a")), int(m.group("y"))
            if _valid(y, int(b), a) or _valid(y, a, int(b)):
                add(m.start(), m.end(), 0.75)
    for m in (_ISO.finditer(text) if separated else ()):
        if _valid(int(m.group("y")), int(m.group("b")), int(m.group("a"))):
            add(m.start(), m.end())
    for m in (_ISO_ANY_YEAR.finditer(text) if view.ocr and separated else ()):
        if not 1900 <= int(m.group("y")) <= 2099 and _one_digit_from_a_date(m.group("a"), m.group("b"), m.group("y")):
            add(m.start(), m.end(), 0.6)
    for m in (_CJK.finditer(text) if ("年" in text or "년" in text) else ()):
        if _valid(int(m.group("y")), int(m.group("b")), int(m.group("a"))):
            add(m.start(), m.end(), 0.95)
    for m in (_COMPACT.finditer(text) if view.digits >= 8 else ()):
        if _valid(int(m.group("y")), int(m.group("b")), int(m.group("a"))):
            add(m.start(), m.end(), 0.85)
    months = view.has_any(_MONTH_HINTS)
    day_month_year = _DAY_MONTH_YEAR_OCR if view.ocr else _DAY_MONTH_YEAR
    for pattern in ((day_month_year, _MONTH_DAY_YEAR, _YEAR_MONTH_DAY) if months else ()):
        for m in pattern.finditer(text):
            month = _MONTHS[m.group("mon").lower()]
            day = m.group("a").translate(_DAY_LOOKALIKE)
            year = m.group("y") or m.groupdict().get("y2") or ""
            if day.isdigit() and (view.ocr or day == m.group("a")) and _valid(_year(year), month, int(day)):
                add(m.start(), m.end())
            elif view.ocr and len(year) == 4 and (1800 <= int(year) <= 2099 or _labelled(view, m.start())
                                                  or _one_digit_from_a_year(year)):
                add(m.start(), m.end(), 0.6)  # a misread day or year ("69-Jul-1976", "17 Nov 1846", "DOB: 17 Nov 1384")
    for m in ((_MONTH_YEAR_OCR if view.ocr else _MONTH_YEAR).finditer(text) if months else ()):
        if m.group("mon").lower() == "may" and not _DATE_LABEL.search(view.before(m.start())):
            continue  # "may 2020" reads as a verb too often
        add(m.start(), m.end(), 0.7)
    if view.ocr and view.has_any(_DOB_HINTS):
        for m in _DAMAGED_AFTER_DOB.finditer(text):
            if _DOB_LABEL.search(view.before(m.start(), 20)) and not any(f.start <= m.start() < f.end for f in found):
                found.append(view.match("date-of-birth", m.start(), m.end(), 0.6))
    if view.ocr:
        for m in _NEAR_MONTH.finditer(text):
            if m.group("mon").lower() not in _MONTHS and _near_month(m.group("mon"), text[m.end("mon"):m.end("mon") + 1] == ".") and 1 <= int(m.group("a")) <= 31 \
                    and not any(f.start < m.end() and m.start() < f.end for f in found):
                add(m.start(), m.end(), 0.6)
        for m in _DAMAGED_AFTER_LABEL.finditer(text):
            if _labelled(view, m.start()) and not any(f.start < m.end() and m.start() < f.end for f in found):
                category, _ = _category(view, m.start())
                found.append(view.match(category, m.start(), m.end(), 0.6))
    for m in (_SIX_AFTER_DOB.finditer(text) if view.has_any(_DOB_HINTS) else ()):
        if _DOB_LABEL.search(view.before(m.start(), 20)) and _valid(_year(m.group("y")), int(m.group("b")), int(m.group("a"))):
            found.append(view.match("date-of-birth", m.start(), m.end(), 0.9))
    for m in (_ROMAN.finditer(text) if ("I" in text or "V" in text or "X" in text) else ()):
        month = _ROMAN_MONTHS.get(m.group("mon").replace("1", "i").replace("l", "i").lower())
        if month and m.group("mon") not in ("1", "l") and _valid(int(m.group("y")), month, int(m.group("a"))) \
                and not any(f.start < m.end() and m.start() < f.end for f in found):
            category, confidence = _category(view, m.start())
            found.append(view.match(category, m.start(), m.end(), max(confidence, 0.85)))
    for m in (_YEAR_AFTER_DOB.finditer(text) if view.has_any(_DOB_HINTS) else ()):
        if _DOB_LABEL.search(view.before(m.start(), 24)) and not any(f.start < m.end() and m.start() < f.end
                                                                     for f in found):
            found.append(view.match("date-of-birth", m.start(), m.end(), 0.8))
    return found


def detect_times(view: TextView) -> list[Match]:
    found = []
    if view.digits < 3 or not (":" in view.norm or view.has_any(_AMPM_HINTS)):
        return found
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
