"""Loose pictures in a pack: rebuilt from what a viewer shows, burned-in text read by OCR.

images/rebuild.py re-makes the picture through an allow-list, as for pictures in decks: a JPEG or
PNG keeps its compressed data byte for byte when nothing else is there (a JPEG would lose quality
each time it is re-encoded); other formats are written afresh. OCR reads the pixels as they will be shared,
so what it finds stays in the output and is reported as flagged, with its box; only with --redact
is it painted over, and only then is the picture re-encoded (images/redact.py).

Face detection is another task; it plugs in through FACE_CHECKS without touching this module.
"""

from __future__ import annotations

from collections.abc import Callable

from slidesan.errors import SlidesanError
from slidesan.images.frames import MAX_READ
from slidesan.images.safe_open import UnreadableImage, open_image
from slidesan.report.model import HIGH, INFO, REVIEW, Finding
from slidesan.scan.metadata_text import metadata_identifiers

# Hook for the face check (issue 4 §4): each callable gets (picture bytes, rel path) and returns
# Findings (e.g. category "face", action "flagged"). Registered by the face module at import time.
FACE_CHECKS: list[Callable[[bytes, str], list[Finding]]] = []


def _register_face_check() -> None:
    from slidesan.images.faces import check_picture_bytes

    if check_picture_bytes not in FACE_CHECKS:
        FACE_CHECKS.append(check_picture_bytes)


_register_face_check()

UPRIGHT = "#upright"       # the view of a picture turned by its EXIF orientation

# Metadata kinds that name or locate a person; the rest (ICC-free text, software tags) is review.
PERSONAL_WORDS = ("Artist", "Author", "Owner", "GPS", "Copyright", "XPAuthor", "Creator", "By-line")


def clean_image(data: bytes, rel: str, options, *, strip: bool = True) -> tuple[bytes, list[Finding]]:
    """(bytes to write, findings). `strip` False = check: what is in the input, nothing rewritten."""
    from slidesan.images.rebuild import rebuild_picture

    findings: list[Finding] = []
    try:
        result = rebuild_picture(data)
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
    if result.changes:
        findings.append(Finding("picture-rebuilt", INFO, "removed" if strip else "flagged",
                                f"picture {'rebuilt' if strip else 'would be rebuilt'}: {'; '.join(result.changes)}",
                                file=rel, image=rel, step="image"))
    findings.extend(read_burned_in_text(result.data, rel, options, None if strip else data))
    for check in FACE_CHECKS:
        findings.extend(check(result.data, rel))
    return (result.data if strip else data), findings


def redact_burned_in_text(data: bytes, findings: list[Finding], options=None) -> tuple[bytes, str] | None:
    """--redact: paint over high-severity text read in the picture, in the pixels themselves, then
    read the painted picture again: what is still read there is added as flagged (redaction_check.py).

    Returns (bytes, format extension: "png" or "jpeg") or None when nothing was painted; the
    findings painted over become "redacted". Only then is the picture re-encoded (images/redact.py).
    """
    from slidesan.images.metadata import strip_metadata
    from slidesan.images.redact import paint_boxes
    from slidesan.scan.pixels import paintable
    from slidesan.scan.redaction_check import still_read

    # boxes read in the upright view are in turned coordinates: not painted, they stay flagged
    targets = [f for f in findings if paintable(f) and f.action == "flagged" and UPRIGHT not in (f.image or "")]
    if not targets:
        return None
    try:
        painted, ext = paint_boxes(data, sorted({f.box for f in targets}))
    except UnreadableImage:
        return None
    for f in targets:
        f.action = "redacted"
        f.message = f.message.replace(" read in picture", "") + " painted over in the picture pixels"
    rel = targets[0].file
    for line, match in still_read(painted, user_vocabulary(options) if options else None,
                                  bool(options and options.thorough)):
        findings.append(Finding(match.category, match.severity, "flagged", f"{match.category.replace('-', ' ')} still read "
                                "in the picture after redaction: paint it over by hand or crop it", text=match.text,
                                file=rel, image=rel, box=match_box(line, match), step="ocr"))
    return strip_metadata(painted).data, ext


def read_burned_in_text(data: bytes, rel: str, options, original: bytes | None = None) -> list[Finding]:
    """OCR of one picture (one Tesseract process: the pack pool is the parallelism), its lines
    judged as a deck picture's are (scan/picture_text): identifiers flagged, lines found but not
    read reliably sent to review with their box. `original` (check): the input as it is, whose
    hidden pages and frames are read too, because a check reports what the input holds."""
    from slidesan.scan.picture_findings import UNREAD_CATEGORY, UNREAD_MESSAGE, what_was_read
    from slidesan.scan.picture_text import judge_picture, reading_settled

    if not options.ocr:
        return [Finding("ocr", REVIEW, "not-inspected", "picture not read for burned-in text (--no-ocr)",
                        file=rel, image=rel, step="ocr")]
    from slidesan.scan.ocr import read_many
    from slidesan.scan.ocr.learned import status

    views, unread = views_of(data, rel, original, limit=None if options.thorough else MAX_READ)
    vocabulary = user_vocabulary(options)
    results = read_many({key: png for key, (png, _where) in views.items()}, jobs=1, thorough=options.thorough,
                        settled=reading_settled(options, vocabulary))
    if isinstance(results[rel], str):
        return [Finding("ocr", REVIEW, "not-inspected", f"picture not read for burned-in text: {results[rel]}",
                        file=rel, image=rel, step="ocr")]
    found, seen = [], set()
    if unread:
        found.append(Finding("ocr", REVIEW, "not-inspected", f"{unread} distinct frames or pages not read for "
                             f"burned-in text (at most {MAX_READ} are read; --thorough reads every one)",
                             file=rel, image=rel, step="ocr"))
    available, why = status()
    if not available:
        found.append(Finding("ocr", REVIEW, "not-inspected", f"read by Tesseract alone, so text it misses is not "
                             f"looked for: {why}", file=rel, image=rel, step="ocr"))
    for key, lines in results.items():
        where = views[key][1]
        judged = judge_picture(lines if not isinstance(lines, str) else [], vocabulary)
        for line, match in judged.flagged():
            if key != rel and match.text in seen:
                continue
            seen.add(match.text)
            found.append(Finding(match.category, match.severity, "flagged", what_was_read(match) + where, text=match.text,
                                 file=rel, image=key, box=match_box(line, match), step="ocr"))
        for account in judged.unread():
            reading = account.line.text.strip()
            found.append(Finding(UNREAD_CATEGORY, REVIEW, "not-inspected",
                                 f"{UNREAD_MESSAGE} ({account.reason}){where}", text=reading or None, file=rel,
                                 image=key, box=tuple(int(v) for v in account.line.box), step="ocr"))
    return found




def views_of(data: bytes, rel: str, original: bytes | None = None, limit: int | None = MAX_READ
             ) -> tuple[dict[str, tuple[bytes, str]], int]:
    """(views, distinct frames left unread): the picture, every further distinct frame of an
    animation (up to `limit`) and its faint-text view, for one OCR run; with `original`, also the
    pages and frames of the input a viewer never shows (a clean drops them)."""
    import io

    from slidesan.images.contrast import low_contrast_view
    from slidesan.images.frames import frames_as_png, upright_png
    from slidesan.images.shown_pixels import stored_view

    views, unread = {rel: (data, "")}, 0
    upright = upright_png(data)
    if upright is not None:
        views[f"{rel}{UPRIGHT}"] = (upright, " (as viewers show it, turned by its EXIF orientation)")
    try:
        frames, total, unread = frames_as_png(data, limit)
        for index, png in frames:
            views[f"{rel}#frame{index + 1}"] = (png, f" (frame {index + 1} of {total} of the animation)")
        if original is not None:
            hidden, total, more = frames_as_png(original, limit, hidden=True)
            unread += more
            for index, png in hidden:
                views[f"{rel}#hidden{index + 1}"] = (png, f" (page or frame {index + 1} of {total}, never shown; "
                                                         "a clean removes it)")
            stored = stored_view(open_image(original))
            if stored is not None:
                buf = io.BytesIO()
                stored.save(buf, "PNG", compress_level=1)
                views[f"{rel}#stored"] = (buf.getvalue(), " (colour stored under transparent pixels or in look-alike "
                                                          "palette entries, never shown; a clean removes it)")
        faint = low_contrast_view(open_image(data))
    except UnreadableImage:
        return views, unread
    if faint is not None:
        buf = io.BytesIO()
        faint.save(buf, "PNG", compress_level=1)
        views[f"{rel}#faint"] = (buf.getvalue(), " (faint text, hardly visible, stretched to full contrast)")
    return views, unread


def match_box(line, match) -> tuple[int, int, int, int]:
    from slidesan.scan.picture_findings import match_box as line_match_box

    return line_match_box(line, match)


def user_vocabulary(options):
    from slidesan.scan.deck_scan import load_user_vocabulary

    return load_user_vocabulary(options)


def thumbnail(data: bytes, rel: str, findings: list[Finding]) -> dict[str, dict]:
    """{rel: {file, slide, boxes, thumbnail, full}} for the HTML report when text was read in the picture."""
    from slidesan.images.report_pictures import picture_views

    boxes = [(f.box, f.action) for f in findings if f.box and f.severity != "info" and "#" not in (f.image or "")]
    if not boxes:
        return {}
    try:
        img = open_image(data)
    except UnreadableImage:
        return {}
    return {rel: {"file": rel, "slide": None, "boxes": [list(b) for b, _ in boxes], **picture_views(img, boxes)}}
