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
    "age", "uid", "path", "address", "device", "other-script", "other-text",
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
    origin: str = ""        # "code" (codes.py: known by its form alone); "label" or "block" when a picture's
                            # layout placed it (scan/picture_text)


REVIEW = "review"
UNSURE_CATEGORIES = ("name", "clinician")
UNSURE_BELOW = 0.7     # text name matches resting on word lists alone go to review, not high


def text_severity(match: Match) -> tuple[str, str]:
    """(severity, label) for a match in typed text (slide text, notes, comments, SVG text).

    A lone capitalised word nobody's word list knows may be a surname or a product: the lecturer
    reviews it rather than being told it is a name. A plain web address names a site, not a
    patient. An age alone is information unless it is over 89 (identifiers/ages.py). OCR and
    DICOM matches keep the detector's severity."""
    label = match.category.replace("-", " ")
    if match.category == "age":
        from slidesan.scan.identifiers.ages import identifying_age

        return (match.severity, "age over 89") if identifying_age(match.text) else (INFO, "age (not identifying alone)")
    if match.category in UNSURE_CATEGORIES and match.confidence < UNSURE_BELOW:
        return REVIEW, "possible " + label
    if match.category == "other-script":
        return match.severity, "words in a script the detectors do not read"
    if match.category == "url" and "?" not in match.text and "#" not in match.text and "=" not in match.text:
        return INFO, label
    return match.severity, label
