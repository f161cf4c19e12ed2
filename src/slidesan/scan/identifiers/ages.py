"""Ages: an indirect identifier ("55F", "62 yo", "Age: 62", "62y", "Mrs X, 62,").

Bare numbers are not ages; a unit or a label is required. "6F" is a French catheter size far more
often than a six-year-old girl, so the sex-letter form needs two digits and no catheter word after.
"""

from __future__ import annotations

import re

from slidesan.scan.identifiers.match import Match
from slidesan.scan.identifiers.text_view import TextView, hints

_AGE_UNIT = re.compile(
    r"(?<![\w.\-/])(?P<age>\d{1,3})\s?(?:-\s?)?(?:yo|y\.o\.?|y/o|yr?s?[\s\-]?old|years?[\s\-]old|year[\s\-]old|"
    r"-?year-old|yrs|Y|y)(?![A-Za-z0-9])")
# "106 Years": a bare "years" is a duration far more often ("3 years of follow-up"), but no one is
# followed up for ninety years: past 89, where an age identifies, it is an age
_OLD_YEARS = re.compile(r"(?<![\w.\-/])(?P<age>9\d|1[01]\d)\s?(?:years|Years|YEARS|ans|Jahre|años|anni)(?![A-Za-z])")
_AGE_LABEL = re.compile(
    r"\b(?:Age|Aged|Patient\s+age|Pt\s+age)\b\s*[:=]?\s*(?P<age>\d{1,3})(?:\s?(?:y|yrs|years|Y))?(?![\w.]?\d)",
    re.IGNORECASE)
_AGE_SEX = re.compile(
    r"(?<![\w.\-/])(?P<age>\d{2,3})\s?(?P<sex>[MF])(?![A-Za-z0-9])(?!\s*(?i:sheath|catheter|cath|Fr|French|needle|drain|wire|tube))")
_AFTER_TITLE_NAME = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Master)\.?\s+[A-Z][\w'\-]*(?:\s+[A-Z][\w'\-]*)?\s*,\s*(?P<age>\d{1,3})(?=\s*(?:,|\.|;|$|\s(?:yo|y|years|year|male|female|man|woman|boy|girl|M|F)\b))")
_SEX_THEN_AGE = re.compile(r"(?<![\w.])(?:[MF]|Male|Female)\s*[/,]\s*(?P<age>\d{1,3})\s?(?:y|Y|yrs)?(?![\w.]?\d)")


_LABEL_HINTS = hints("age", "aged")
_TITLE_HINTS = ("Mr", "Ms", "Miss", "Mx", "Master")


def detect(view: TextView) -> list[Match]:
    found = []
    text = view.norm
    if not view.digits:
        return found
    patterns = [(_AGE_UNIT, 0.85), (_OLD_YEARS, 0.85)]
    if view.has_any(_LABEL_HINTS):
        patterns.append((_AGE_LABEL, 0.95))
    if "," in text and any(t in text for t in _TITLE_HINTS):
        patterns.append((_AFTER_TITLE_NAME, 0.8))
    if "/" in text or "," in text:
        patterns.append((_SEX_THEN_AGE, 0.75))
    for pattern, confidence in patterns:
        for m in pattern.finditer(text):
            if 0 < int(m.group("age")) <= 120:
                start = m.start("age") if pattern in (_AGE_LABEL, _AFTER_TITLE_NAME) else m.start()
                end = m.end("age") if pattern is _AFTER_TITLE_NAME else m.end()
                found.append(view.match("age", start, end, confidence))
    for m in _AGE_SEX.finditer(text):
        age = int(m.group("age"))
        if 1 <= age <= 110:
            # uppercase sex letter glued to the number ("55F") is the usual overlay form
            glued = m.group(0)[-2:-1].isdigit()
            found.append(view.match("age", m.start(), m.end(), 0.8 if glued else 0.6))
    return found
