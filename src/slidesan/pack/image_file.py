"""Loose pictures in a pack: metadata out without re-encoding, burned-in text read by OCR.

The pixels are never re-encoded (a JPEG would lose quality each time): images/metadata.py rewrites
the container and leaves the image data byte for byte. OCR reads the pixels as they will be shared,
so what it finds stays in the output and is reported as flagged, with its box; only with --redact
is it painted over, and only then is the picture re-encoded (images/redact.py).

Face detection is another task; it plugs in through FACE_CHECKS without touching this module.
"""

from __future__ import annotations

from collections.abc import Callable

from slidesan.errors import SlidesanError
from slidesan.images.safe_open import UnreadableImage, open_image
from slidesan.report.model import HIGH, REVIEW, Finding
from slidesan.scan.metadata_text import metadata_identifiers

# Hook for the face check (issue 4 §4): each callable gets (picture bytes, rel path) and returns
# Findings (e.g. category "face", action "flagged"). Registered by the face module at import time.
FACE_CHECKS: list[Callable[[bytes, str], list[Finding]]] = []


def _register_face_check() -> None:
    from slidesan.images.faces import check_picture_bytes

    if check_picture_bytes not in FACE_CHECKS:
        FACE_CHECKS.append(check_picture_bytes)


_register_face_check()

# Metadata kinds that name or locate a person; the rest (ICC-free text, software tags) is review.
PERSONAL_WORDS = ("Artist", "Author", "Owner", "GPS", "Copyright", "XPAuthor", "Creator", "By-line")


def clean_image(data: bytes, rel: str, options, *, strip: bool = True) -> tuple[bytes, list[Finding]]:
    """(bytes to write, findings). `strip` False = check: what is in the input, nothing rewritten."""
    from slidesan.images.metadata import strip_metadata

    findings: list[Finding] = []
    try:
        result = strip_metadata(data)
    except SlidesanError as exc:
        raise SlidesanError(f"{rel}: picture cannot be inspected ({exc})") from None
    try:
        open_image(result.data)
    except UnreadableImage as exc:
        raise SlidesanError(f"{rel}: picture {exc}") from None
    action = "stripped"                 # in check, as_present turns it into "flagged", removable by clean
    if result.removed:
        details = "; ".join(result.details)
        personal = any(word.lower() in details.lower() for word in PERSONAL_WORDS)
        findings.append(Finding(
            "image-metadata", HIGH if personal else REVIEW, action,
            f"picture metadata {'removed' if strip else 'present'}: {', '.join(result.removed)}",
            text=details[:400] or None, file=rel, image=rel, step="image"))
        for match, severity, label, field in metadata_identifiers(result.details, user_vocabulary(options)):
            findings.append(Finding(match.category, severity, action, f"{label} in picture metadata ({field})",
                                    text=match.text, file=rel, image=rel, step="image"))
    findings.extend(read_burned_in_text(result.data, rel, options))
    for check in FACE_CHECKS:
        findings.extend(check(result.data, rel))
    return (result.data if strip else data), findings


def redact_burned_in_text(data: bytes, findings: list[Finding]) -> tuple[bytes, str] | None:
    """--redact: paint over high-severity text read in the picture, in the pixels themselves.

    Returns (bytes, format extension: "png" or "jpeg") or None when nothing was painted; the
    findings painted over become "redacted". Only then is the picture re-encoded (images/redact.py).
    """
    from slidesan.images.metadata import strip_metadata
    from slidesan.images.redact import paint_boxes

    targets = [f for f in findings if f.severity == HIGH and f.box and f.action == "flagged"]
    if not targets:
        return None
    try:
        painted, ext = paint_boxes(data, sorted({f.box for f in targets}))
    except UnreadableImage:
        return None
    for f in targets:
        f.action = "redacted"
        f.message = f.message.replace(" read in picture", "") + " painted over in the picture pixels"
    return strip_metadata(painted).data, ext


def read_burned_in_text(data: bytes, rel: str, options) -> list[Finding]:
    """OCR of one picture (one Tesseract process: the pack pool is the parallelism)."""
    from slidesan.scan.identifiers import find_identifiers

    if not options.ocr:
        return [Finding("ocr", REVIEW, "not-inspected", "picture not read for burned-in text (--no-ocr)",
                        file=rel, image=rel, step="ocr")]
    from slidesan.scan.ocr import read_many

    lines = read_many({rel: data}, jobs=1)[rel]
    if isinstance(lines, str):
        return [Finding("ocr", REVIEW, "not-inspected", f"picture not read for burned-in text: {lines}",
                        file=rel, image=rel, step="ocr")]
    vocabulary = user_vocabulary(options)
    found = []
    for line in lines:
        for match in find_identifiers(line.text, vocabulary, source="ocr"):
            if match.category == "other-text":
                continue
            found.append(Finding(match.category, match.severity, "flagged",
                                 f"{match.category.replace('-', ' ')} read in picture", text=match.text,
                                 file=rel, image=rel, box=match_box(line, match), step="ocr"))
    return found


def match_box(line, match) -> tuple[int, int, int, int]:
    from slidesan.scan.deck_scan import match_box as deck_match_box

    return deck_match_box(line, match)


def user_vocabulary(options):
    from slidesan.scan.deck_scan import load_user_vocabulary

    return load_user_vocabulary(options)


def thumbnail(data: bytes, rel: str, findings: list[Finding]) -> dict[str, dict]:
    """{rel: {file, slide, boxes, thumbnail, full}} for the HTML report when text was read in the picture."""
    from slidesan.images.report_pictures import picture_views

    boxes = [(f.box, f.action) for f in findings if f.box and f.severity != "info"]
    if not boxes:
        return {}
    try:
        img = open_image(data)
    except UnreadableImage:
        return {}
    return {rel: {"file": rel, "slide": None, "boxes": [list(b) for b, _ in boxes], **picture_views(img, boxes)}}
