"""The one result type every identifier detector returns.

Kept in its own module so that detectors, the registry and callers (deck scan, OCR benchmark,
DICOM header scan) share it without import cycles.
"""

from __future__ import annotations

from dataclasses import dataclass

HIGH = "high"
INFO = "info"

CATEGORIES = (
    "name", "nhs-number", "chi-number", "date-of-birth", "date", "time", "hospital-number",
    "accession", "patient-id", "institution", "clinician", "postcode", "phone", "email", "url",
    "age", "other-text",
)

SOURCES = ("text", "ocr", "dicom")


@dataclass(frozen=True)
class Match:
    """One identifier (or unknown text) found in a string.

    start/end are character offsets into the text that was passed to find_identifiers, so a
    caller can map a match back to OCR word boxes or slide runs. `text` is the original slice
    (before any OCR-confusion normalisation).
    """

    category: str
    severity: str
    start: int
    end: int
    text: str
    confidence: float
