"""Imaging overlay text that looks like numbers or codes but is not an identifier.

Word-level allow-listing (R, L, AP, FLAIR, SIEMENS, Renal ...) is in data/overlay_vocabulary.txt
via Vocabulary. This module covers the *patterns*: scan parameters with units, window settings,
series/image counters, ultrasound safety indices, probe names, slice positions, ratios and
matrices. Numeric detectors (phone, bare hospital numbers, ages, times) drop a candidate that lies
inside one of these spans, and other-text never reports them.
"""

from __future__ import annotations

import re
from functools import lru_cache

_UNITS = (r"mm|cm|m|µm|um|kV|kVp|mAs|mA|MHz|kHz|Hz|fps|dB|T|s|ms|sec|%|Fr|mGy|mSv|cGy|Gy|MBq|"
          r"GBq|mCi|keV|MeV|HU|ml|mL|cc|deg|°|mm/s|cm/s|m/s|bpm|kg|g|min|mins|hrs|x|X|ppm|cm2|mm2|cm3")

PROTECTED = re.compile(
    "|".join([
        # number + unit: 5.0 mm, 120 kV, 250 mAs, 3.5 MHz, 36Hz, 19fps, 1.5T, 60%, 16cm
        rf"(?<![A-Za-z0-9])[-+]?\d+(?:[.,]\d+)?\s?(?:{_UNITS})(?![A-Za-z0-9])",
        # window/level: W:400 L:40, WW 350 WL 50, C: 40 W: 400
        r"\b(?:WW|WL|W|L|C)\s?[:=]\s?-?\d+(?:\.\d+)?(?:\s*/\s*-?\d+)?",
        # counters: Se: 3 Im: 45, Series 2, Image 12/40, Slice 5, Frame 12 (at most six digits: `No: 7039612118`
        # is a record number after a damaged label, no image's count)
        r"\b(?:Se|Ser|Series|Im|Img|Ima|Image|Sl|Slice|Frame|Fr|Acq|Ex|No|Page)\s?[:#.]?\s?\d{1,6}(?!\d)"
        r"(?:\s?(?:/|of)\s?\d+)?",
        # ultrasound / MR / CT parameters followed by a number
        r"\b(?:MI|TIS|TIB|TIC|TI|Gain|Dyn\s?R|DR|Depth|Dep|Frq|Freq|Zoom|Z|Pwr|Power|PRF|WF|Focus|Comp|"
        r"FOV|TR|TE|ST|SL|Thk|NEX|ETL|BW|Matrix|Flip|FA|CTDIvol|CTDI|DLP|Pitch|Rot|Tilt|Gantry|Tbl|Table|"
        r"Loc|Pos|SP|Tp|Ang|Angle|Vol|HR|Res|Pers|Persist|PW|CW|CF|Scale|Wall|Filter|Kernel|Speed|Lag|"
        r"Ref|Map|Avg|Bin|Count|Counts|Mag|Dist|Area|Diam|PSV|EDV|RI|PI|SD|AC|BPD|HC|FL|CRL|GA|EFW)"
        r"\s?[:=]?\s?[-+]?\d+(?:[.,]\d+)?(?:\s?(?:" + _UNITS + r"))?",
        # iodine's radionuclides with the capital I read as 1, l or | (`1-123 MIBG`, `l-131 WB`): no patient's ID
        r"(?<![\w\-])[1l|]-?(?:12[345]|131)(?![\w\-])",
        # probe names: L12-5, C5-1, 6C1, 9L4, X6-1, C1-6-D, S5-1
        r"\b[A-Z]{1,3}\d{1,2}-\d{1,2}(?:-[A-Z])?\b",
        r"\b\d{1,2}[A-Z]{1,2}\d{1,2}[A-Z]?\b",
        # signed decimals / slice positions: -123.5, +45.0, S 12.5, L 3.2
        r"(?<![\w.])[-+]\d+(?:\.\d+)?(?![\w.])",
        r"\b[RLAPHFSI]\s?[-+]?\d+\.\d+\b",
        # ratios and blood pressure: 120/80, 1:1 ; matrices 512x512, 256 x 256
        r"(?<![\d/.])\d{2,3}/\d{2,3}(?![\d/.])",
        r"\b\d{2,4}\s?[xX×]\s?\d{2,4}\b",
        # DICOM tag numbers in a tag browser or dump: (0010,0010), 0008,0020, (0002|0010)
        r"\(?\b[0-9A-Fa-f]{4}\s?[,|]\s?[0-9A-Fa-f]{4}\b\)?",
        # ... as OCR damages them in brackets: (o002,0015}, (0008.0050), (00s0,0070)
        r"[(\[{][0-9A-Fa-fOoSs]{4}\s?[,.]\s?[0-9A-Fa-fOoSs]{4}[)\]}]",
        # version numbers: v2.3.1, Version 10.2
        r"\b(?:[vV]|[Vv]ersion\s?|[Vv]er\.?\s?)\d+(?:\.\d+)+\b",
    ])
)


_WINDOW = 16
# A tag number whose comma OCR lost or read as a space: `(00080030)`, `(0008 1030}`. Eight digits in
# brackets may also be a hospital number, so only a tag the DICOM dictionary defines counts (a random
# number is one about three times in 100,000).
_BRACKETED_TAG = re.compile(r"[(\[{]([0-9A-Fa-f]{4}) ?([0-9A-Fa-f]{4})[)\]}]")


@lru_cache(maxsize=1024)
def defined_tag(group: str, element: str) -> bool:
    from pydicom.datadict import dictionary_has_tag

    return dictionary_has_tag(int(group + element, 16))


def inside_protected(norm: str, start: int, end: int) -> bool:
    """Does [start, end) lie inside one scan-parameter span? Only a window around the candidate is
    searched: candidates are few, and a whole-text pass of this alternation is the slowest step."""
    left, right = max(0, start - _WINDOW), min(len(norm), end + _WINDOW)
    for m in PROTECTED.finditer(norm, left, right):
        if m.start() <= start and end <= m.end():
            return True
    for m in _BRACKETED_TAG.finditer(norm, left, right):
        if m.start() <= start and end <= m.end() and defined_tag(m.group(1), m.group(2)):
            return True
    return False
