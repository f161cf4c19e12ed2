"""Is a value plausible for the kind of identifier its label announces?

The label carries the evidence; this only keeps out what cannot be such a value: an empty cell,
a lone sign, a birth date with no digit in it, a name that is a number, overlay words under a name
header on a row that belongs to another kind of record. The value is trimmed to its plausible part
(`[642341]` -> `642341`; `Male` after a date of birth is not part of it).
"""

from __future__ import annotations

import re

from slidesan.scan.identifiers import find_identifiers
from slidesan.scan.identifiers.uids import is_standard
from slidesan.scan.identifiers.word_knowledge import is_allow_listed

_LETTERS = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
_DATE_SHAPE = re.compile(r"\d{1,4}\s?[./\-]\s?\d{1,2}|\d{1,2}\s+[^\W\d_]{3,}\.?\s*\d{2,4}|[^\W\d_]{3,}\.?\s+\d{1,2},?\s+\d{4}|"
                         r"(?:19|20)\d{6}|\d{1,2}\s?[./\-]\s?[^\W\d_]{3,}")
_UID = re.compile(r"\d+(?:\s?\.\s?\d+){3,}")
_SEX = re.compile(r"^(?:M|F|O|U|Male|Female|Other|Unknown|Homme|Femme|Masculin|F[ée]minin|Männlich|Weiblich)$", re.I)
_TRIM = "[](){}<>|:;,.\"'`*=_~-\u2018\u2019\u201c\u201d"

DATE_KINDS = ("date", "date-of-birth")
_NUMBERS_ONLY = ("nhs-number", "chi-number")
ID_KINDS = ("patient-id", "hospital-number", "accession", "nhs-number", "chi-number", "device")
NAME_KINDS = ("name", "clinician")


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in _TRIM):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRIM + "."):
        end -= 1
    return start, end


def _ordinary(word: str, vocabulary) -> bool:
    from slidesan.scan.identifiers import lexicon
    from slidesan.scan.identifiers.word_knowledge import is_known

    return is_known(word, vocabulary) or lexicon.is_ordinary(word)


def plausible_span(category: str, text: str, start: int, end: int, vocabulary, strong: bool = True,
                   sure: bool = True, lower_ok: bool = False):
    """(start, end) of the plausible value inside text[start:end], or None. `sure` False: the line was
    not read with confidence, and only a value holding digits (a damaged date or number) is believed;
    letters read unsurely are the unread line's business (it goes to review)."""
    start, end = trimmed(text, start, end)
    value = text[start:end]
    if not sure and not _DIGIT.search(value):
        return None
    if len(value.replace(" ", "")) < 2 and not (category in ID_KINDS and value.isalnum() and strong):
        return None
    if category in DATE_KINDS:
        m = _DATE_SHAPE.search(value)
        if not m or not _DIGIT.search(value) or _UID.search(value):
            return None
        tail = value.split()[-1] if value.split() else ""
        if _SEX.match(tail) and len(value.split()) > 1:
            end = start + value.rstrip().rfind(tail)
            start, end = trimmed(text, start, end)
        return (start, end)
    if category == "uid":
        m = _UID.search(value)
        if not m or is_standard(m.group(0)):
            return None
        return (start + m.start(), start + m.end())
    if category == "age":
        digits = "".join(_DIGIT.findall(value))
        return (start, end) if digits and int(digits[:3]) > 89 else None
    if category in NAME_KINDS:
        if not _LETTERS.search(value) or _SEX.match(value):
            return None
        if _DATE_SHAPE.fullmatch(value.strip()) or sum(ch.isdigit() for ch in value) > len(value) / 2:
            return None
        words = [w for w in re.findall(r"[^\W\d_][\w'\-^]*", value)]
        if not strong and words and all(is_allow_listed(w, vocabulary) for w in words):
            return None
        if not lower_ok and not any(w[0].isupper() and len(w) >= 2 for w in words):
            return None     # names are written capitalised (`ead` under a name header is noise); after a
                            # colon a user name may be in lower case (`Reader Name: fedorov`)
        if not strong and "," not in value and "^" not in value and all(_ordinary(w, vocabulary) for w in words):
            return None     # `Patient Name Phonetic`: without a colon, ordinary words are the next header
        return (start, end)
    if category in ID_KINDS:
        if _SEX.match(value) or not any(ch.isalnum() for ch in value) or (_UID.fullmatch(value) and is_standard(value)):
            return None
        if not strong and not _DIGIT.search(value):
            return None
        if category in _NUMBERS_ONLY and len(_DIGIT.findall(value)) < 2:
            return None     # NHS and CHI numbers are digits; `Ward / Clinic` under one is the next caption
        if any(m.category in DATE_KINDS + ("time",) and m.end - m.start >= len(value) - 2
               for m in find_identifiers(value, vocabulary, source="ocr")):
            return None     # a date or time under an ID header belongs to another column
        return (start, end)
    if category == "postcode":      # every country's postcode holds a digit and is short (`DY4 8KS`, `75012`)
        return (start, end) if _DIGIT.search(value) and len(value.split()) <= 3 else None
    if category in ("institution", "address", "phone"):
        return (start, end) if len(_LETTERS.findall(value)) >= 2 or _DIGIT.search(value) else None
    return (start, end)
