"""The detector registry: runs every detector over a string and resolves overlaps.

Detectors propose candidates independently; where candidates overlap, the more specific kind wins
(an e-mail over the name inside it, a check-digit-valid NHS number over a phone shape, a labelled
record number over a bare digit run), then the higher confidence, then the longer span.
"""

from __future__ import annotations

from slidesan.errors import SlidesanError
from slidesan.scan.identifiers import (ages, contacts, dates, institutions, names, nhs_numbers, other_text,
                                       record_numbers)
from slidesan.scan.identifiers.match import SOURCES, Match
from slidesan.scan.identifiers.text_view import TextView
from slidesan.scan.identifiers.vocabulary import Vocabulary, default_vocabulary

# Higher wins an overlap.
PRIORITY = {
    "email": 100, "url": 95, "nhs-number": 90, "chi-number": 90, "date-of-birth": 85,
    "accession": 80, "patient-id": 80, "date": 75, "time": 74, "postcode": 70,
    "phone": 65, "clinician": 62, "institution": 60, "hospital-number": 58, "name": 55, "age": 50,
    "other-text": 0,
}
# A labelled record number beats a date/phone reading of its value.
_LABELLED_RECORD_CONFIDENCE = 0.95


def _rank(match: Match) -> tuple:
    priority = PRIORITY.get(match.category, 10)
    if match.category == "hospital-number" and match.confidence >= _LABELLED_RECORD_CONFIDENCE:
        priority = 80
    if match.category == "name" and match.confidence >= 0.85:
        priority = 61  # a structural name (SURNAME^GIVEN, title, label) beats a loose institution
    return (-priority, -match.confidence, -(match.end - match.start), match.start)


_MERGEABLE = ("name", "clinician", "institution")


def _merge_same_kind(candidates: list[Match], text: str) -> list[Match]:
    """Overlapping candidates of one kind (a caret reading and a PACS reading of one name) become
    their union, so a partial reading cannot crowd out the full one."""
    merged: list[Match] = []
    for category in _MERGEABLE:
        group = sorted((c for c in candidates if c.category == category), key=lambda m: m.start)
        current = None
        for cand in group:
            if current and cand.start < current.end:
                end = max(current.end, cand.end)
                current = Match(category, current.severity, current.start, end, text[current.start:end],
                                max(current.confidence, cand.confidence))
            else:
                if current:
                    merged.append(current)
                current = cand
        if current:
            merged.append(current)
    return [c for c in candidates if c.category not in _MERGEABLE] + merged


def _resolve(candidates: list[Match]) -> list[Match]:
    chosen: list[Match] = []
    for cand in sorted(candidates, key=_rank):
        if cand.end <= cand.start:
            continue
        if any(c.start < cand.end and cand.start < c.end for c in chosen):
            continue
        chosen.append(cand)
    return sorted(chosen, key=lambda m: (m.start, m.end))


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
    candidates += nhs_numbers.detect(view)
    candidates += dates.detect(view)
    candidates += dates.detect_times(view)
    candidates += record_numbers.detect(view)
    candidates += institutions.detect(view)
    candidates += names.detect(view)
    candidates += ages.detect(view)
    found = _resolve(_merge_same_kind(candidates, text))
    if view.ocr:
        covered = [(m.start, m.end) for m in found]
        found = sorted(found + other_text.detect(view, covered), key=lambda m: (m.start, m.end))
    return found
