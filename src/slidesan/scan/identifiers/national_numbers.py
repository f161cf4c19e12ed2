"""National identity and insurance numbers known by their shape alone, without a label.

Each form is specific enough that ordinary text does not take it by chance:
- US Social Security number `123-45-6789` (3-2-4 digits joined by dashes; never 000, 666 or 9xx first);
- Italian codice fiscale `RSSMRA69D17H501U` (six letters, year, month letter, day, place, check letter);
- a CHI number written with a space after the birth date, `170469 1234` (DDMMYY that is a date);
- French NIR `1 69 04 75 123 456 78` (sex, year, month, department, commune, order, key);
- UK National Insurance number `QQ 12 34 56 C` (two letters, three digit pairs, a letter A-D).
NHS numbers have their own detector (nhs_numbers.py); labelled numbers of any shape are
record_numbers.py's.
"""

from __future__ import annotations

import re

from slidesan.scan.identifiers.match import Match
from slidesan.scan.identifiers.nhs_numbers import starts_with_ddmmyy
from slidesan.scan.identifiers.text_view import TextView

_SSN = re.compile(r"(?<![\w.\-/])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w\-/]|\.\d)")
_CODICE_FISCALE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{6}\d{2}[ABCDEHLMPRST]\d{2}[A-Z]\d{3}[A-Z](?![A-Za-z0-9])")
_CHI_SPACED = re.compile(r"(?<![\w.\-/])(?P<d>\d{6})[ \-](?P<n>\d{4})(?![\w\-/]|\.\d)")
_NIR = re.compile(r"(?<![\w.\-/])[12] ?\d{2} ?(?:0[1-9]|1[0-2]) ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3}(?: ?\d{2})?(?![\w\-/]|\.\d)")
_NINO = re.compile(r"(?<![A-Za-z0-9])(?![DFIQUV])[A-CEGHJ-PR-TW-Z](?![DFIOQUV])[A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]"
                   r"(?![A-Za-z0-9])")
CONFIDENCE = 0.85


def detect(view: TextView) -> list[Match]:
    text, found = view.norm, []
    if view.digits < 6:
        return found
    if "-" in text:
        found += [view.match("patient-id", m.start(), m.end(), CONFIDENCE) for m in _SSN.finditer(text)]
    found += [view.match("patient-id", m.start(), m.end(), CONFIDENCE) for m in _CODICE_FISCALE.finditer(text)]
    found += [view.match("patient-id", m.start(), m.end(), CONFIDENCE) for m in _NINO.finditer(text)]
    for m in _CHI_SPACED.finditer(text):
        if starts_with_ddmmyy(m.group("d")):
            found.append(view.match("chi-number", m.start(), m.end(), 0.8))
    if " " in text:
        found += [view.match("patient-id", m.start(), m.end(), CONFIDENCE) for m in _NIR.finditer(text)
                  if m.group(0).count(" ") >= 4]
    return found
