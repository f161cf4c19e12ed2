"""The detector registry: runs every detector over a string and resolves overlaps.

Detectors propose candidates independently; where candidates overlap, the more specific kind wins
(an e-mail over the name inside it, a check-digit-valid NHS number over a phone shape, a labelled
record number over a bare digit run, a structural name over an institution over a loose
capitalised run), then the higher confidence, then the longer span. A losing name or institution
keeps the part the winners leave (whole words only) instead of vanishing.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from slidesan.errors import SlidesanError
from slidesan.scan.identifiers import (addresses, ages, codes, contacts, dates, dicom_attributes, initials,
                                       institutions, labelled_names, labelled_values, names, national_numbers,
                                       nhs_numbers, other_text, paths, record_numbers, scripts, staff_roles, uids)
from slidesan.scan.identifiers.allowed_phrases import drop_allowed
from slidesan.scan.identifiers.match import SOURCES, Match
from slidesan.scan.identifiers.names import PARTICLES
from slidesan.scan.identifiers.text_view import TextView
from slidesan.scan.identifiers.vocabulary import Vocabulary, default_vocabulary

# Higher wins an overlap.
PRIORITY = {
    "email": 100, "uid": 96, "url": 95, "path": 94, "nhs-number": 90, "chi-number": 90, "date-of-birth": 85,
    "accession": 80, "patient-id": 80, "date": 75, "time": 74, "address": 72, "postcode": 70,
    "phone": 65, "clinician": 62, "institution": 60, "hospital-number": 58, "name": 55, "age": 50,
    "other-script": 5, "other-text": 0,
}
# A labelled record number beats a date/phone reading of its value.
_LABELLED_RECORD_CONFIDENCE = 0.95


def _rank(match: Match) -> tuple:
    priority = PRIORITY.get(match.category, 10)
    if match.category == "hospital-number" and match.confidence >= _LABELLED_RECORD_CONFIDENCE:
        priority = 80
    if match.category == "name" and match.confidence >= 0.85:
        priority = 61  # a structural name (SURNAME^GIVEN, title, label) beats a loose institution
    if match.origin in ("attribute", "field"):
        priority = 82  # a DICOM attribute's or a name field's whole value (dicom_attributes.py, labelled_names.py)
    if match.origin == "code":
        priority = 59  # a code known by its form alone (codes.py) yields to a date, a phone, a labelled number,
                       # and wins over a bare digit run inside it
    return (-priority, -match.confidence, -(match.end - match.start), match.start)


_TRIMMABLE = ("name", "clinician", "institution")
_PARTICLES_BEFORE = re.compile(r"(?<![\w'])(?:(?i:" + "|".join(sorted(PARTICLES - {"e", "y", "o", "st"}, key=len, reverse=True))
                               + r")\s)+$")
_WORD_CHARS = re.compile(r"[A-Za-z\u00C0-\u024F]{2,}")


def _leftover(cand: Match, chosen: list[Match], text: str) -> Match | None:
    """The longest part of a text candidate that the winners do not cover, cut at their edges:
    "Haruto Yildirim Northtown" loses "Northtown" to "Northtown NHS Trust" but stays a name."""
    pieces = [(cand.start, cand.end)]
    for c in chosen:
        pieces = [p for s, e in pieces for p in ((s, min(e, c.start)), (max(s, c.end), e)) if p[1] > p[0]]
    best = None
    for s, e in pieces:
        while s < e and not text[s].isalnum():
            s += 1
        while e > s and not text[e - 1].isalnum():
            e -= 1
        inside_word = (s > cand.start and text[s - 1].isalnum()) or (e < cand.end and text[e].isalnum())
        if e > s and not inside_word and _WORD_CHARS.search(text, s, e) and (not best or e - s > best[1] - best[0]):
            best = (s, e)
    if best is None:
        return None
    return Match(cand.category, cand.severity, best[0], best[1], text[best[0]:best[1]], cand.confidence)


def _overlapping(chosen: list[Match], starts: list[int], start: int, end: int) -> list[Match]:
    """Chosen matches (non-overlapping, sorted by start) that overlap [start, end)."""
    i = bisect_left(starts, end)
    hits = []
    while i > 0 and chosen[i - 1].end > start:
        i -= 1
        if chosen[i].start < end:
            hits.append(chosen[i])
    return hits


def _extend_names(candidates: list[Match], text: str) -> list[Match]:
    """Particles just before a name (`VAN DER` + `BERG HARUTO`, `de la` + `Cruz, Maria`) belong to the
    surname: the name takes them, so they are not cut off and left readable."""
    out = []
    for c in candidates:
        if c.category in ("name", "clinician") and c.start > 2:
            m = _PARTICLES_BEFORE.search(text, max(0, c.start - 40), c.start)
            if m and m.end() == c.start:
                c = Match(c.category, c.severity, m.start(), c.end, text[m.start():c.end], c.confidence, c.origin)
        out.append(c)
    return out


def _resolve(candidates: list[Match], text: str) -> list[Match]:
    chosen: list[Match] = []   # kept sorted by start; never overlapping
    starts: list[int] = []
    for cand in sorted(_extend_names(candidates, text), key=_rank):
        if cand.end <= cand.start:
            continue
        hits = _overlapping(chosen, starts, cand.start, cand.end)
        if hits:
            cand = _leftover(cand, hits, text) if cand.category in _TRIMMABLE else None
            if cand is None or _overlapping(chosen, starts, cand.start, cand.end):
                continue
        i = bisect_left(starts, cand.start)
        starts.insert(i, cand.start)
        chosen.insert(i, cand)
    return chosen


def find_identifiers(text: str, vocabulary: Vocabulary | None = None, source: str = "text") -> list[Match]:
    """All identifiers in `text`, non-overlapping, sorted by start offset.

    source: "text" (slide text, notes, alt text, file names), "ocr" (text read from pixels:
    OCR confusions tolerated, leftover unknown tokens reported as other-text) or "dicom".
    """
    if source not in SOURCES:
        raise SlidesanError(f"unknown text source {source!r}; expected one of {', '.join(SOURCES)}")
    if not text or not text.strip():
        return []
    view = TextView(text, vocabulary or default_vocabulary(), source)
    candidates: list[Match] = []
    candidates += contacts.detect(view)
    candidates += addresses.detect(view)
    candidates += nhs_numbers.detect(view)
    candidates += national_numbers.detect(view)
    candidates += dates.detect(view)
    candidates += dates.detect_times(view)
    candidates += record_numbers.detect(view)
    candidates += uids.detect(view)
    candidates += codes.detect(view)
    candidates += paths.detect(view)
    candidates += institutions.detect(view)
    candidates += names.detect(view)
    candidates += labelled_names.detect(view)
    candidates += initials.detect(view)
    candidates += staff_roles.detect(view)
    candidates += ages.detect(view)
    candidates += labelled_values.detect(view)
    candidates += dicom_attributes.detect(view)
    candidates += scripts.detect(view)
    found = drop_allowed(_resolve(candidates, text), view.vocabulary.phrases)
    if view.ocr:
        covered = [(m.start, m.end) for m in found]
        found = sorted(found + other_text.detect(view, covered), key=lambda m: (m.start, m.end))
    return found
