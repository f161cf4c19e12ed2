"""Ages: an indirect identifier ("55F", "62 yo", "Age: 62", "62y", "Mrs X, 62,").

An age alone does not identify anyone: every teaching case has one ("a 60-year-old man"), so in
typed text an age is information, never high, at any level; an age over 89 is an identifier on
its own (few people are that old), as the HIPAA Safe Harbor rule has it. `identifying_age`
decides this from the matched text (match.text_severity applies it).

Bare numbers are not ages; a unit or a label is required. "6F" is a French catheter size far more
often than a six-year-old girl, so the sex-letter form needs two digits and no catheter word after.
"""

from __future__ import annotations

import re

from slidesan.scan.identifiers.match import Match
from slidesan.scan.identifiers.text_view import TextView, hints

_AGE_UNIT = re.compile(
    r"(?<![\w.\-/])(?P<age>\d{1,3})\s?(?:-\s?)?(?:yo|y\.o\.?|y/o|yr?s?[\s\-]?old|years?[\s\-]old|year[\s\-]old|"
    r"-?year-old|yrs|ys|yr\s?s|Y|y|J\.|Jahre|ans|años|anni|jaar|lat|år)(?![A-Za-z0-9])")
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


OLDEST_UNREMARKABLE_AGE = 89      # older than this, an age narrows a patient down on its own
_FIRST_NUMBER = re.compile(r"\d{1,3}")


def years_of(text: str) -> int | None:
    """The age in years an age match states ("62", "62 yo", "M/34", "062Y"), or None."""
    found = _FIRST_NUMBER.search(text or "")
    return int(found.group()) if found else None


def identifying_age(text: str) -> bool:
    """True for an age that identifies on its own (over 89); any other age is information."""
    years = years_of(text)
    return years is not None and years > OLDEST_UNREMARKABLE_AGE
