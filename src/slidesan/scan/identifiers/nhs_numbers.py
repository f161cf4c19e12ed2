"""NHS numbers (England, Wales, Isle of Man) and CHI numbers (Scotland).

Both are 10 digits whose last digit is a modulus-11 check over the first nine (weights 10..2), so
a random 10-digit run passes only ~1 time in 11: the check is what separates them from accession
numbers and phone numbers. A CHI number additionally starts with the date of birth (DDMMYY).
Numbers that fail the check are left to the hospital-number detector (labelled or long runs), except
one read from pixels in the printed 3-3-4 groups: OCR that misreads one digit always breaks the check,
and grouped 10-digit runs on a screen are NHS or telephone numbers, both identifiers.
"""

from __future__ import annotations

import re
from datetime import date

from slidesan.scan.identifiers.match import Match
from slidesan.scan.identifiers.text_view import TextView

# 3-3-4 with one consistent separator (space, hyphen, none); OCR may double a space.
_TEN_DIGITS = re.compile(r"(?<![\d.,/:])(\d{3})([ \-]{0,2})(\d{3})\2(\d{4})(?![\d.,/:]?\d)")
_NHS_CONTEXT = re.compile(r"\bNHS\s*(?:No|Number|Num|#)?\.?\s*[:#]?\s*$", re.IGNORECASE)
_NOT_NHS_CONTEXT = re.compile(r"\b(?:ISBN(?:-1[03])?|ISSN|PMID|DOI|Tel|Phone|Fax|Mob)\b[^\n]{0,6}$", re.IGNORECASE)
_CHI_CONTEXT = re.compile(r"\bCHI\s*(?:No|Number|#)?\.?\s*[:#]?\s*$", re.IGNORECASE)


def mod11_valid(digits: str) -> bool:
    """True when the 10th digit is the modulus-11 check digit of the first nine."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def starts_with_ddmmyy(digits: str) -> bool:
    day, month, year = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    try:
        date(2000 + year, month, day)
    except ValueError:
        return False
    return True


def detect(view: TextView) -> list[Match]:
    found = []
    for m in _TEN_DIGITS.finditer(view.norm):
        digits = m.group(1) + m.group(3) + m.group(4)
        valid = mod11_valid(digits)
        misread = view.ocr and bool(m.group(2)) and m.group(1) != m.group(3)
        if not (valid or misread) or len(set(digits)) == 1:
            continue
        before = view.before(m.start(), 20)
        if _NOT_NHS_CONTEXT.search(before):
            continue
        nhs_context = bool(_NHS_CONTEXT.search(before))
        chi_context = bool(_CHI_CONTEXT.search(before))
        spaced = bool(m.group(2))
        if chi_context or (not nhs_context and starts_with_ddmmyy(digits) and int(digits[:3]) <= 311):
            confidence = 0.95 if chi_context else 0.7
            found.append(view.match("chi-number", m.start(), m.end(), confidence))
            continue
        confidence = 0.97 if nhs_context else (0.85 if spaced else 0.75)
        if not valid:
            confidence = 0.9 if nhs_context else 0.7
        found.append(view.match("nhs-number", m.start(), m.end(), confidence))
    return found
