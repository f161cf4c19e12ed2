"""Burned-in text in DICOM pixels (issue 4, part 3): which instances to read, what they say.

Header cleaning cannot touch text that a scanner drew into the pixels: ultrasound top bars,
secondary captures and screen grabs, dose reports, annotated projections. This module decides
which instances may carry such text (`reasons_to_read`), renders sampled frames and every overlay
plane (dicom/pixels.py) and reads them with the OCR engine; other instances' frames are read only
where text_screen.py finds text drawn into them, and a frame's text the stored window hides is
read from a picture of its marks. Identifiers come from two places:
the identifier engine, and the instance's own header values (name parts, IDs, accession, birth
date in the usual formats) looked for in the OCR text, so an ID the engine would not call an ID
is still caught when it is this patient's ID. `redact` paints the boxes into every frame and
stores the pixels losslessly; only then does the caller mark the pixels as cleaned.

    inspection = inspect(ds, rel, options)          # before deidentify(): overlays still present
    if options.redact: cleaned = redact(ds, inspection)
    findings = deidentify(ds, state, opts, file=rel, pixels_cleaned=cleaned) ...
    set_burned_in_annotation(ds, inspection, cleaned)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pydicom.dataset import Dataset

from slidesan.dicom import frame_choice, peek, pixels, text_screen
from slidesan.dicom.pixel_reasons import is_photograph, reasons_to_read, undecodable
from slidesan.report.model import HIGH, INFO, REVIEW, Finding
from slidesan.scan.identifiers.word_knowledge import edit_distance

TEXT_CATEGORIES_SKIPPED = ("other-text",)
# A frame without a flat area (the quantum noise of an XA or RF run, NM counts) gets the photograph's
# second reading (scan/ocr/photographed.py), but only what it reads surely counts: evened out, that noise
# shows places that may be text, and each sent a clean run to review (red team 16: 7 of 24 judged twins
# held on seed 16 with them, 4 without; 0 leaks and 0 missed on both seeds either way). What it reads
# surely stays: without the second reading, 10 identifier findings on 5 XA/RF files of the two seeds
# were lost (engine.read_text's second_unsure).
SECOND_READING_UNSURE = False


@dataclass
class Inspection:
    """What the pixel pass found for one instance (findings carry boxes in image pixels)."""

    findings: list[Finding] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    read: bool = False                 # OCR actually ran on the frames
    embedded_bits: bool = False        # unused high bits hold an overlay
    line_boxes: list = field(default_factory=list)   # whole frame lines holding an identifier: painted too


def inspect(ds: Dataset, rel: str | None, options) -> Inspection:
    """`_inspect`, with any surprise from odd pixel data turned into a "not-inspected" finding."""
    try:
        return _inspect(ds, rel, options)
    except Exception as exc:  # noqa: BLE001 - odd pixel layouts must not cost the header cleaning
        result = Inspection(reasons=reasons_to_read(ds))
        result.findings.append(_finding("ocr", REVIEW, "not-inspected", "pixels could not be rendered for "
                                        f"burned-in text ({type(exc).__name__}: {str(exc)[:100]})", rel))
        return result


def _inspect(ds: Dataset, rel: str | None, options) -> Inspection:
    """Read the pixels of one instance if it may carry burned-in text (before de-identification).

    Without OCR (or Tesseract) the instance gets one "not-inspected" finding; the pixels are still
    decoded for what needs no OCR: faces in captures and overlays hidden in unused high bits.
    """
    result = Inspection(reasons=reasons_to_read(ds))
    if not result.reasons:
        problem = undecodable(ds)        # chosen or not, pixels nobody can decode are not inspected
        if problem:
            result.findings.append(_finding("pixels", REVIEW, "not-inspected", f"pixels not inspected: {problem}", rel))
            return result
        return _read_drawn_marks(ds, rel, options, result)
    why = ", ".join(result.reasons)
    not_read = None
    if not getattr(options, "ocr", True):
        not_read = f"pixels not read for burned-in text (OCR was not run); may carry text: {why}"
    else:
        from slidesan.scan.ocr import tesseract_status

        available, message = tesseract_status()
        if not available:
            not_read = f"pixels not read ({why}): {message}"
    if not_read:
        result.findings.append(_finding("ocr", REVIEW, "not-inspected", not_read, rel))
    pictures: list[pixels.Rendered] = []
    embedded: list[pixels.Rendered] = []
    if not not_read or is_photograph(ds) or _may_embed_overlays(ds):
        try:
            choice = frame_choice.frames_to_read(ds) if not not_read else None
            frames = choice.frames if choice else pixels.sample_frames(pixels.number_of_frames(ds))
            pictures = pixels.render_frames(ds, frames)
            if choice and choice.not_read:
                result.findings.append(_finding("ocr", REVIEW, "not-inspected", choice.not_read, rel))
            pictures += text_screen.hidden_marks(ds, pictures)
            embedded = pixels.embedded_overlays(ds)
        except pixels.PixelsUnreadable as exc:
            if not not_read:
                result.findings.append(_finding("ocr", REVIEW, "not-inspected",
                                                f"pixels not read for burned-in text ({why}): {exc}", rel))
    result.embedded_bits = bool(embedded)
    if pictures and is_photograph(ds):
        result.findings.extend(_faces(pictures, rel))
    if not_read:
        return result
    terms = header_terms(ds)
    vocabulary = _vocabulary(options)
    for picture in pictures + pixels.overlay_planes(ds) + embedded:
        if picture.kind == "overlay-unreadable":
            result.findings.append(_finding("overlay", REVIEW, "not-inspected", f"{picture.label}: not read", rel))
            continue
        result.findings.extend(read_picture(picture, terms, vocabulary, rel, result.line_boxes))
    result.findings = _merge_frames(result.findings)
    result.read = bool(pictures)
    return result


def _read_drawn_marks(ds: Dataset, rel: str | None, options, result: Inspection) -> Inspection:
    """An instance not chosen for reading: OCR only the frames where text_screen finds drawn text."""
    if "PixelData" not in ds:
        return result
    try:
        choice = frame_choice.frames_to_read(ds)
        pictures = text_screen.mark_pictures(ds, choice.frames)
    except pixels.PixelsUnreadable as exc:
        result.findings.append(_finding("pixels", REVIEW, "not-inspected", f"pixels not inspected: {exc}", rel))
        return result
    if choice.not_read and choice.compared:     # a series too large to compare keeps the screen's sampling
        result.findings.append(_finding("pixels", REVIEW, "not-inspected", choice.not_read, rel))
    if not pictures:
        return result
    result.reasons = ["text-like marks drawn into the pixels"]
    if not getattr(options, "ocr", True) or not _tesseract_ready():
        result.findings.append(_finding("ocr", REVIEW, "not-inspected", "text-like marks drawn into the pixels "
                                        "were not read (OCR was not run or is not installed)", rel))
        return result
    terms, vocabulary = header_terms(ds), _vocabulary(options)
    for picture in pictures:
        result.findings.extend(read_picture(picture, terms, vocabulary, rel, result.line_boxes))
    result.findings = _merge_frames(result.findings)
    result.read = True
    return result


def _tesseract_ready() -> bool:
    from slidesan.scan.ocr import tesseract_status

    return tesseract_status()[0]


def _may_embed_overlays(ds: Dataset) -> bool:
    try:
        return int(peek.value(ds, "BitsAllocated", 8) or 8) > int(peek.value(ds, "HighBit", 7) or 0) + 1 \
            and int(peek.value(ds, "SamplesPerPixel", 1) or 1) == 1
    except (TypeError, ValueError):
        return False


def _merge_frames(findings: list[Finding]) -> list[Finding]:
    """The same text at the same place on several sampled frames is one finding (boxes united)."""
    merged: dict[tuple, Finding] = {}
    out = []
    for f in findings:
        if not f.box or "burned into the pixels" not in f.message:
            out.append(f)
            continue
        key = (f.category, f.text, f.box[0] // 8, f.box[1] // 8)
        first = merged.get(key)
        if first is None:
            merged[key] = f
            out.append(f)
            continue
        a, b = first.box, f.box
        first.box = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
        if "several frames" not in first.message:
            first.message = re.sub(r"\((frame \d+ of \d+)\)", "(several frames)", first.message)
    return out


def _vocabulary(options):
    from slidesan.scan.identifiers import load_vocabulary

    config = getattr(options, "config", None)
    return load_vocabulary(config) if config else None


def read_picture(picture: pixels.Rendered, terms: list[HeaderTerm], vocabulary, rel: str | None,
                 line_boxes: list | None = None) -> list[Finding]:
    """OCR one rendered picture; a finding per identifier (engine's or this header's), with its box.

    `line_boxes` collects the box of every frame line holding an identifier: a name line such as
    `KAUEMAN SCOTT [M]` is misread in part, so redaction paints the whole line, not just the match."""
    from slidesan.errors import SlidesanError
    from slidesan.scan.ocr import read_text
    from slidesan.scan.picture_text import judge_picture

    try:
        lines = read_text(picture.image, second_unsure=SECOND_READING_UNSURE)
    except SlidesanError as exc:
        return [_finding("ocr", REVIEW, "not-inspected", f"{picture.label}: not read ({exc})", rel)]
    found = []
    judged = judge_picture(lines, vocabulary)
    for account in judged.lines:
        line = account.line
        header_hits = [hit for term in terms for hit in term.find(line.text)]
        matches = [m for m in account.matches if m.category not in TEXT_CATEGORIES_SKIPPED
                   and not any(m.start < end and start < m.end for _, start, end in header_hits)]
        hits = [(m.category, m.severity, m.start, m.end, "") for m in matches]
        hits += [(cat, HIGH, start, end, " (matches this instance's header)") for cat, start, end in header_hits]
        for category, severity, start, end, note in _dedupe(hits):
            box = _clamp(line.box_of(start, end), picture.image.size)
            found.append(_pixel_finding(picture, category, severity, line.text[start:end], box, rel, note))
            if line_boxes is not None and picture.kind == "frame" and severity != INFO:
                line_boxes.append(_clamp(line.box, picture.image.size))
        if account.outcome == "unread" and not hits:
            found.append(Finding("ocr", REVIEW, "not-inspected", f"text found but not read reliably in "
                                 f"{picture.label} ({account.reason})", text=line.text.strip() or None, file=rel,
                                 image=rel, box=_clamp(line.box, picture.image.size), step="burned-in"))
    return found


def _clamp(box, size) -> tuple[int, int, int, int]:
    width, height = size
    left, top, right, bottom = (int(v) for v in box)
    return (max(0, left), max(0, top), min(width - 1, right), min(height - 1, bottom))


def _dedupe(hits):
    out, seen = [], set()
    for hit in sorted(hits, key=lambda h: (h[2], -(h[3] - h[2]))):
        if any(hit[2] < e and s < hit[3] for s, e in seen):
            continue
        seen.add((hit[2], hit[3]))
        out.append(hit)
    return out


def _pixel_finding(picture, category, severity, text, box, rel, note) -> Finding:
    label = category.replace("-", " ")
    if picture.kind == "overlay":
        action, message = "removed", f"{label} read in {picture.label}{note}; the overlay plane is removed"
    elif picture.kind == "embedded-overlay":
        action, message = "flagged", f"{label} read in the {picture.label}{note}"
    else:
        action, message = "flagged", f"{label} burned into the pixels ({picture.label}){note}"
    return Finding(category, severity, action, message, text=text, file=rel, image=rel, box=box, step="burned-in")


def _finding(category, severity, action, message, rel) -> Finding:
    return Finding(category, severity, action, message, file=rel, image=rel, step="burned-in")


def _faces(pictures, rel) -> list[Finding]:
    from slidesan.images.faces import face_finding

    for picture in pictures:
        finding = face_finding(picture.image, rel, where=f"secondary capture / photograph ({picture.label})")
        if finding is not None:
            finding.step = "burned-in"
            return [finding]
    return []


# -- this instance's header values, looked for in the OCR text -----------------------------------

_DIGIT_LIKE = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "I": "1", "l": "1", "|": "1", "i": "1",
                             "S": "5", "B": "8", "Z": "2"})
MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
# French/German/Spanish month abbreviations that differ, as seen on European scanners.
MONTH_ALIASES = {1: ("JANV", "ENE"), 2: ("FEV", "FÉV"), 3: ("MRZ", "MARS"), 4: ("AVR", "ABR"), 5: ("MAI", "MAYO"),
                 6: ("JUIN",), 7: ("JUIL",), 8: ("AOU", "AOÛ", "AGO"), 10: ("OKT",), 12: ("DEZ", "DIC")}
GENERIC_NAME_WORDS = frozenset({"test", "patient", "anonymous", "anon", "unknown", "none", "new", "case", "demo"})


@dataclass(frozen=True)
class HeaderTerm:
    """One value from the header and how to find it in OCR text."""

    category: str
    pattern: re.Pattern | None = None     # names and dates
    digits: str = ""                      # IDs: compared on digit runs, one digit may differ

    def find(self, text: str) -> list[tuple[str, int, int]]:
        if self.pattern is not None:
            return [(self.category, m.start(), m.end()) for m in self.pattern.finditer(text)]
        return [(self.category, s, e) for s, e in _digit_runs(text) if _close(text[s:e], self.digits)]


def _digit_runs(text: str):
    """Spans of tokens that read as digits once look-alike letters are mapped (`0O07924` → 0007924)."""
    for m in re.finditer(r"[0-9A-Za-z|#/.\-]+", text):
        token = m.group(0)
        mapped = token.translate(_DIGIT_LIKE)
        digits = re.sub(r"\D", "", mapped)
        if len(digits) >= 4 and sum(c.isdigit() for c in token) >= 0.6 * len(digits):
            yield m.start(), m.end()


def _close(token: str, digits: str) -> bool:
    """Same digits, or (for 7+ digits) one substituted, dropped or added digit; a token may hold the
    ID with a prefix such as `ID:` or `#`."""
    read = re.sub(r"\D", "", token.translate(_DIGIT_LIKE))
    if digits in read or read == digits:
        return True
    if len(digits) < 7 or abs(len(read) - len(digits)) > 1:
        return False
    return edit_distance(read, digits) <= 1


def header_terms(ds: Dataset) -> list[HeaderTerm]:
    """Name parts, patient IDs, accession number and birth date of this instance, as OCR patterns."""
    terms: list[HeaderTerm] = []
    words: set[str] = set()
    for keyword in ("PatientName", "OtherPatientNames", "PatientBirthName"):
        value = peek.value(ds, keyword)
        for item in (value if isinstance(value, (list, tuple)) or type(value).__name__ == "MultiValue" else [value]):
            for word in re.split(r"[\^=\s,.]+", str(item or "")):
                if len(word) >= 3 and word.isalpha() and word.lower() not in GENERIC_NAME_WORDS:
                    words.add(word)
    for word in sorted(words):
        terms.append(HeaderTerm("name", re.compile(rf"(?<![A-Za-z]){re.escape(word)}(?![a-z])", re.I)))
    for keyword, category in (("PatientID", "patient-id"), ("OtherPatientIDs", "patient-id"),
                              ("AccessionNumber", "accession")):
        value = peek.value(ds, keyword)
        for item in (value if isinstance(value, (list, tuple)) or type(value).__name__ == "MultiValue" else [value]):
            text = str(item or "").strip()
            digits = re.sub(r"\D", "", text)
            if len(digits) >= 4 and len(set(digits)) > 1:
                terms.append(HeaderTerm(category, digits=digits))
            elif len(text) >= 4 and re.search(r"[A-Za-z]", text) and re.search(r"\d", text):
                terms.append(HeaderTerm(category, re.compile(rf"(?<![A-Za-z0-9]){re.escape(text)}(?![A-Za-z0-9])",
                                                             re.I)))
    birth = str(peek.value(ds, "PatientBirthDate", "") or "").strip()
    if re.fullmatch(r"\d{8}", birth):
        terms.append(HeaderTerm("date-of-birth", birth_date_pattern(birth)))
    return terms


def birth_date_pattern(yyyymmdd: str) -> re.Pattern:
    """29/08/1951, 08/29/1951, 29.08.51, 1951-08-29, 19510829, 29-Aug-1951, 29 AOU 1951..."""
    y, m, d = yyyymmdd[:4], int(yyyymmdd[4:6]), int(yyyymmdd[6:8])
    sep = r"\s?[./\-]\s?"
    day, month = rf"0?{d}", rf"0?{m}"
    year = rf"(?:{y}|{y[2:]})"
    names = [MONTHS[m - 1]] + list(MONTH_ALIASES.get(m, ())) if 1 <= m <= 12 else []
    month_name = "(?:" + "|".join(re.escape(n) for n in names) + r")[A-Za-z]*\.?" if names else None
    forms = [rf"{day}{sep}{month}{sep}{year}", rf"{month}{sep}{day}{sep}{year}", rf"{y}{sep}{month}{sep}{day}",
             re.escape(yyyymmdd)]
    if month_name:
        forms += [rf"{day}[\s\-/.]?{month_name}[\s\-/.]?{year}", rf"{month_name}\s?{day},?\s?{y}"]
    return re.compile(r"(?<![0-9])(?:" + "|".join(forms) + r")(?![0-9])", re.I)


# -- redaction and the Burned In Annotation attribute -------------------------------------------

def redact(ds: Dataset, inspection: Inspection) -> bool:
    """Paint every box of text found in the frames into all frames; True when the pixels are clean.

    "Clean" means the frames were read, every non-informational text finding in them was painted
    over and any overlay hidden in unused high bits was cleared (storing decoded values drops
    those bits). Without OCR the bits are still cleared, but nothing is claimed.
    The findings painted become "redacted".
    """
    targets = [f for f in inspection.findings if f.box and f.action == "flagged" and f.severity != INFO
               and f.category != "face" and "burned into the pixels" in f.message]
    embedded = [f for f in inspection.findings if f.box and f.action == "flagged" and "unused pixel bit" in f.message]
    if not targets and not inspection.embedded_bits:
        return False
    try:
        pixels.paint_and_store(ds, sorted({f.box for f in targets} | set(inspection.line_boxes)))
    except pixels.PixelsUnreadable as exc:
        for f in targets:
            f.message += f"; not painted over: {exc}"
        return False
    for f in targets:
        f.action = "redacted"
        f.message = f.message.replace("burned into the pixels", "burned into the pixels, painted over")
    for f in embedded:
        f.action = "removed"
        f.message += "; the unused pixel bits were cleared"
    return inspection.read and not any(f.remains and f.severity != INFO and (f.box or f.action == "not-inspected")
                                       for f in inspection.findings if f.category != "face")


def set_burned_in_annotation(ds: Dataset, inspection: Inspection, cleaned: bool) -> Finding | None:
    """NO only when the pixels were cleaned; YES when text was found and left; untouched otherwise."""
    if cleaned:
        ds.BurnedInAnnotation = "NO"
        return None
    text_left = any(f.box and f.remains and f.severity != INFO and f.category != "face"
                    and "overlay plane is removed" not in f.message for f in inspection.findings)
    if text_left and str(peek.value(ds, "BurnedInAnnotation", "") or "").upper() != "YES":
        ds.BurnedInAnnotation = "YES"
    return None
