"""Case and record codes that no label announces: `TCGA-05-4244`, `LIDC-IDRI-0127`, `1234-56789`,
`12-34-56-789012`, `ID-ABC-DEF-00000012`, `img0033`, `ANON48576`, `PCAMPMRI-00002`, `2591315322_91132132`,
`044718C` (a check letter), `E2023.0912.44` (letter-led groups joined by dots).

Viewers and research archives print a patient's or a case's code as letter and digit groups joined
by dashes or underscores, or letters glued to a number. The form is what identifies it: groups of
letters and digits holding at least four digits in all (a scan parameter, a probe name `L12-5`, a
sequence `T2-FLAIR` or a kernel `B31s` hold fewer), and not a date, a time, a version or a
measurement. Text read from pictures and DICOM values only: on a typed slide such codes are far more
often product and standard numbers.
"""

from __future__ import annotations

import dataclasses
import re

from slidesan.scan.identifiers.dates import holds_glued_date
from slidesan.scan.identifiers.match import Match
from slidesan.scan.identifiers.text_view import TextView

# groups of letters/digits joined by - or _ (one or more joins), or letters glued to digits (either order)
# (OCR puts a space beside a dash now and then: `73-75-61 -976220`)
# a code may be a file's name: `2591315322_91132132.json` (the extension is not part of it)
_JOINED = re.compile(r"(?<![\w.\-/:@])[A-Za-z0-9]+(?:(?: ?[-_]{1,2} ?|[-_]{1,2})[A-Za-z0-9]+)+"
                     r"(?![\w\-/@]|\.\w(?<!\.[A-Za-z])|\.[A-Za-z]\w{5})")
_GLUED = re.compile(r"(?<![\w.\-/:@])(?:[A-Za-z]{2,}\d{3,}[A-Za-z\d]*|\d{2,}[A-Za-z]{3,}[A-Za-z\d]*|\d{3,}[A-Za-z]{1,4}\d{2,})"
                    r"(?![\w\-/@]|\.\w)")
# a record number with a check letter (`044718C`, `229876543A`), and letter-led groups joined by dots
# (`E2023.0912.44`: a decimal or a version has no letter before it, a UID no letter at all)
_CHECK_LETTER = re.compile(r"(?<![\w.\-/:@])\d{6,}[A-Z](?![\w\-/@]|\.\w)")
_DOTTED = re.compile(r"(?<![\w.\-/:@])[A-Z]{1,3}\d{2,}(?:\.\d{2,}){1,3}(?![\w\-/@]|\.\w)")
# date shapes, even with a misread part: `2021-03-04`, `16-Dec-2345`, `1963-May-24` (the date detector's)
_DATE_LIKE = re.compile(r"^(?:\d{1,4}[-_]\d{1,2}[-_]\d{1,4}|\d{1,4}[-_][A-Za-z]{3,9}\.?[-_]\d{1,4})$")
_PHONE_LIKE = re.compile(r"^\d{3,4}[-_]\d{3,4}(?:[-_]\d{3,4})?$")
# a matrix or picture size (`256x1024`, `512X512`): an acquisition parameter, not a code
_MATRIX = re.compile(r"^\d{2,4}[xX]\d{2,4}$")
_UNIT_TAIL = re.compile(r"(?i)(?:mm|cm|ms|hz|khz|mhz|kv|kvp|mas|ma|px|dpi|fps|mgy|msv|kb|mb|gb|bit|bits)$")
# a memory size in a system readout (`635888K av, 612376K used`, `381112K cached`): K, M or G after the
# number, then what the memory is doing -- no record number is followed by `used` or `free`
_MEMORY_SIZE = re.compile(r"^\d+[KMG]$")
_MEMORY_WORD = re.compile(r"(?i)^\s?(?:av|avail|available|used|free|cached|buff|buffers|shrd|shared|total|res|virt)\b")


def _memory_size(code: str, after: str) -> bool:
    return bool(_MEMORY_SIZE.match(code) and _MEMORY_WORD.match(after))


def _word_part(code: str) -> bool:
    """`JPEG2000`, `image-00004`, `Windows10`: an ordinary word of four letters or more with a number
    names a format or a file, not a person."""
    from slidesan.scan.identifiers import lexicon
    from slidesan.scan.identifiers.vocabulary import default_vocabulary
    from slidesan.scan.identifiers.word_knowledge import is_allow_listed

    words = re.findall(r"[A-Za-z]+", code)
    return any(len(w) >= 4 and lexicon.is_ordinary(w) for w in words) or (
        bool(words) and is_allow_listed(code, default_vocabulary()))


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def detect(view: TextView) -> list[Match]:
    if view.source == "text" or view.digits < 4:
        return []
    found = []
    text = view.norm
    for m in _JOINED.finditer(text):
        code = m.group(0)
        if _digits(code) < 4 or _DATE_LIKE.match(code) or _UNIT_TAIL.search(code) or view.protected(m.start(), m.end()):
            continue
        if " " in code and (_digits(code) < 6 or not re.search(r"\w[-_]\w", code)):
            continue    # a spaced dash joins a code only inside one that has real joins: `1 - 2018` is a range
        if _PHONE_LIKE.match(code) and len(code) <= 9:
            continue    # a phone number's tail; the phone detector owns phones
        if _word_part(code):
            continue
        found.append(_code(view.match("patient-id", m.start(), m.end(), 0.75), holds_glued_date(code)))
    for m in _GLUED.finditer(text):
        code = m.group(0)
        if _digits(code) < 3 or _UNIT_TAIL.search(code) or _MATRIX.match(code) or view.protected(m.start(), m.end()):
            continue
        if _digits(code) == 3 and not (code[:3].isalpha() and code[:3].isupper()):
            continue    # three digits only after a run of capitals (`SBIPT008`), not `Tc99m`-like tokens
        if _word_part(code):
            continue
        found.append(_code(view.match("patient-id", m.start(), m.end(), 0.7)))
    for pattern in (_CHECK_LETTER, _DOTTED):
        for m in pattern.finditer(text):
            if _digits(m.group(0)) >= 6 and not _UNIT_TAIL.search(m.group(0)) and not view.protected(m.start(), m.end()) \
                    and not _memory_size(m.group(0), text[m.end():]):
                found.append(_code(view.match("patient-id", m.start(), m.end(), 0.7)))
    return found


def _code(match: Match, dated: bool = False) -> Match:
    """A code known by its form alone yields to a date that is all of it (registry._rank); one that
    glues a date to more (`Thistlewood_M_14-03-1952`) stays whole, the more cautious reading."""
    return match if dated else dataclasses.replace(match, origin="code")
