"""Apply the PS3.15 Annex E Basic Profile (with slidesan's options) to one dataset, in place.

`deidentify(ds, state, options, file=...)` is what a pack walker calls per file: it walks every
level of every sequence, removes private, overlay, curve, icon and signature data, replaces UIDs
through the pack-wide `PackState`, rebuilds the file meta, zeroes the preamble and marks the
dataset as de-identified. Pixel Data is never touched: its bytes are written back as read.
Every kept free-text value (report text, annotation text, local code meanings) is read by the
identifier detectors and cleaned (structured.py); element actions live in actions.py. The walk is
iterative. Every change becomes a slidesan Finding, so packs reuse the deck report.
"""

from __future__ import annotations

import re
import warnings

from pydicom.datadict import dictionary_has_tag
from pydicom.dataset import Dataset

from slidesan.dicom import kept_bytes, kept_text, peek
from slidesan.dicom.actions import Run, apply, dictionary_vr, quote, raw_text, replace_unlisted_date
from slidesan.dicom.frame_markers import strip_frame_markers
from slidesan.dicom.marks import mark_deidentified, rebuild_file_meta, zero_preamble
from slidesan.dicom.repair import iter_datasets, repair_sop_uids
from slidesan.dicom.profile import STANDARD_UID_ROOT, unlisted_action
from slidesan.dicom.safe_private import safe_private_tags
from slidesan.dicom.state import DicomOptions, PackState
from slidesan.dicom.structured import FREE_TEXT_VRS, GENERIC_WORDS, TERM_KEYWORDS, clean_element, should_read
from slidesan.dicom.header_values import header_values
from slidesan.dicom.values import DESCRIPTOR_TERM_KEYWORDS, header_terms
from slidesan.dicom.vr_check import check_written
from slidesan.errors import SlidesanError
from slidesan.scan.identifiers.reader_view import seen_text
from slidesan.report.model import HIGH, INFO, REVIEW, Finding


class EncapsulatedDocumentError(SlidesanError):
    """The dataset carries a document (PDF, CDA, a 3D model) that slidesan cannot clean inside DICOM."""


def deidentify(ds: Dataset, state: PackState, options: DicomOptions | None = None, *,
               file: str | None = None, pixels_cleaned: bool = False) -> list[Finding]:
    """De-identify `ds` in place for one pack; return what was changed as Findings.

    `file` is the path relative to the pack (copied into every finding). `pixels_cleaned` is set
    by the OCR/redaction layer when it really blacked out burned-in text (adds code 113101).
    Raises SlidesanError (one line) if a damaged value cannot be decoded, or if a value slidesan
    set does not fit its VR; do not write `ds` then. Raises EncapsulatedDocumentError for a
    dataset that wraps a document: it is dropped, never written with a dummy in its place.
    """
    options = options or DicomOptions()
    refuse_encapsulated_document(ds, file)
    try:
        with warnings.catch_warnings():   # pydicom's value-length complaints about the input are noise here
            warnings.simplefilter("ignore")
            return _deidentify(ds, state, options, file, pixels_cleaned)
    except (ValueError, TypeError, KeyError, OverflowError, UnicodeError, EOFError) as exc:
        # A damaged value surfaced while decoding: the dataset is half-cleaned and must not be written.
        raise SlidesanError(f"{file or 'DICOM file'}: a header value could not be decoded, file not "
                            f"de-identified ({str(exc).splitlines()[0][:100] if str(exc) else type(exc).__name__})") from None


def refuse_encapsulated_document(ds: Dataset, file: str | None) -> None:
    """Table E.1-1 says D for Encapsulated Document; a dummy of two zero bytes under a MIME type that
    still says application/pdf lies about the file. A PDF is cleaned by the PDF cleaner and taken out
    before this runs (pack/dicom_document.py); any other document (CDA, a 3D model) is left out of the
    pack with this sentence (the pack then needs review)."""
    if 0x00420011 not in ds:
        return
    mime = str(ds.get("MIMETypeOfEncapsulatedDocument", "") or "").strip() or "unknown type"
    raise EncapsulatedDocumentError(
        f"{file or 'DICOM file'}: holds an encapsulated document ({mime}); documents other than PDF inside "
        "DICOM are not cleaned (their text, metadata and pictures may name the patient), so the file is not "
        "copied: extract the document and clean it on its own, or leave it out")


def _deidentify(ds: Dataset, state: PackState, options: DicomOptions, file: str | None,
                pixels_cleaned: bool) -> list[Finding]:
    values = header_values(ds, TERM_SOURCES)        # raw text, read once: pydicom's conversions are slow
    original_patient = (_text(values.get("PatientID")), _text(values.get("PatientName")))
    original_study = _text(values.get("StudyInstanceUID"))
    nested = nested_person_terms(ds)
    run = Run(state, options, file, header_terms(values) | nested)
    run.set_charset(ds)
    run.read_identity(values)
    run.identity |= nested | kept_text.named_in_narrative(narrative_texts(ds, run))
    for repair in getattr(ds, "slidesan_repairs", ()):
        run.add("dicom-repair", INFO, "replaced", f"file repaired so it can be read: {repair}")
    _flag_embedded_overlays(ds, run)
    strip_frame_markers(ds, run)
    run.pending.append((ds, "", False))
    while run.pending:                      # iterative: a deeply nested report costs no stack
        level, where, run.structured = run.pending.pop()
        _walk(level, run, where)
    if options.limited:
        pseudonym = state.pseudonym(*original_patient)
        ds.PatientName = pseudonym
        ds.PatientID = pseudonym
        ds.StudyID = state.study_id(original_study)
        run.add("dicom-attribute", INFO, "replaced", f"patient and study IDs replaced by pseudonym {pseudonym}")
    repair_sop_uids(ds, state.new_uid, file or original_study, run.add)
    mark_deidentified(ds, options, pixels_cleaned)
    rebuild_file_meta(ds, state.new_uid, run.add)
    zero_preamble(ds, run.add)
    check_written(run.written, file or "DICOM file")
    return run.findings


TERM_SOURCES = tuple(dict.fromkeys(DESCRIPTOR_TERM_KEYWORDS + TERM_KEYWORDS + kept_text.NAMING_TEXT_KEYWORDS
                                   + ("StudyInstanceUID",)))


MAX_NESTED_ITEMS = 5000
# The patient's own name and IDs (a referenced step's PatientName, an Original Attributes item's PatientID)
NESTED_PATIENT_TAGS = frozenset({0x00100010, 0x00100020, 0x00101000, 0x00101001, 0x00101005, 0x00101060})


def nested_person_terms(ds: Dataset) -> frozenset[str]:
    """Words of the patient's names and IDs stored inside sequence items (a referenced step's
    PatientName, an Original Attributes item's PatientID): they name the patient as the top level does,
    so a kept descriptor holding them ("Kowalczyk protocol") must not survive either. Only sequences
    are opened; other values stay raw."""
    pending = [ds[tag] for tag, raw in ds.items() if _is_sequence(raw)]
    found: list[str] = []
    items = 0
    while pending and items < MAX_NESTED_ITEMS:
        for item in pending.pop().value or ():
            items += 1
            for tag, raw in item.items():
                if _is_sequence(raw):
                    pending.append(item[tag])
                elif tag in NESTED_PATIENT_TAGS:
                    value = raw.value
                    text = value.decode("utf-8", "replace") if isinstance(value, (bytes, bytearray)) else value
                    if text:
                        found.append(str(text).strip("\0 "))
    return frozenset(t for t in header_terms({"PatientName": " ".join(found)}) if t not in GENERIC_WORDS)


NARRATIVE = frozenset({"LT", "ST", "UT"})


def narrative_texts(ds: Dataset, run: Run):
    """Every public paragraph value (LT, ST, UT) at every level, decoded, for `named_in_narrative`
    before the walk: a name the walk meets late (a report's last paragraph) still counts for the
    values it met first. At most MAX_NESTED_ITEMS levels are read."""
    for count, item in enumerate(iter_datasets(ds)):
        if count >= MAX_NESTED_ITEMS:
            return
        for tag, raw in item.items():
            if tag >> 16 & 1 or (raw.VR if raw.VR not in (None, "UN") else dictionary_vr(tag)) not in NARRATIVE:
                continue
            text = raw_text(raw, run)
            if text is None:
                text = kept_text.value_text(peek.element(item, tag).value)
            if text and text.strip():
                yield seen_text(text)


def _is_sequence(raw) -> bool:
    return (raw.VR if raw.VR not in (None, "UN") else dictionary_vr(raw.tag)) == "SQ"


def _tag_order(item) -> int:
    return int(item[0])


def _text(value) -> str:
    return "\\".join(value) if isinstance(value, list) else str(value or "")


def _walk(ds: Dataset, run: Run, where: str) -> None:
    """One dataset level; its sequence items are queued on run.pending, never recursed into."""
    keep_private = safe_private_tags(ds) if run.options.retain_safe_private else frozenset()
    private: list = []
    for tag, raw in sorted(ds.items(), key=_tag_order):     # raw elements; plain ints sort fast
        group, element = tag >> 16, tag & 0xFFFF
        if group & 1:
            if tag not in keep_private:
                private.append(raw)
            continue
        if element == 0 and group != 0x0002:       # group lengths go stale once anything is removed
            del ds[tag]
            continue
        if 0x5000 <= group <= 0x501E or 0x6000 <= group <= 0x601E:
            elem = ds[tag]
            del ds[tag]
            kind = "curve" if group < 0x6000 else "overlay"
            run.add(kind, HIGH if element == 0x3000 else INFO, "removed", f"{kind} data removed{where}", quote(elem))
            continue
        action = run.table.get(tag)
        if action is None and not dictionary_has_tag(tag):
            _remove_undefined(ds, raw, run, where)
            continue
        if action is None or action == "K":
            vr = raw.VR if raw.VR not in (None, "UN") else dictionary_vr(tag)   # a UN may hide a sequence
            if vr == "SQ":
                run.queue_items(ds[tag], where)
            elif vr == "PN" and action is None:
                apply(ds, tag, "Z", run, where + " (a person name not listed in Table E.1-1)")
            elif vr in FREE_TEXT_VRS and run.options.clean_structured_content \
                    and should_read(ds, tag, vr, run.structured):
                _read_free_text(ds, raw, vr, run, where)
            elif vr in ("DA", "DT") and action is None:
                replace_unlisted_date(ds, tag, run, where)
            elif action is None and vr in ("UI", "UR") and unlisted_action(tag, vr) \
                    and not _standard_uid(raw, vr):
                apply(ds, tag, unlisted_action(tag, vr), run,
                      where + (" (an instance UID not listed in Table E.1-1)" if vr == "UI"
                               else " (a URL not listed in Table E.1-1: it addresses the hospital's systems)"))
            elif action is None and kept_text.should_scan(tag, vr, not where):   # K: an option asked to keep it
                _read_free_text(ds, raw, vr, run, where, kept_text.scan_element)
            elif action is None and kept_bytes.should_read(tag, vr):
                kept_bytes.read_element(ds, raw, run, where)
            continue
        apply(ds, tag, action, run, where)
    if private:
        _remove_private(ds, private, run, where)


def _remove_undefined(ds: Dataset, raw, run: Run, where: str) -> None:
    """A public element no data dictionary defines is damage (a zeroed run made one element swallow
    the rest of the dataset as UN bytes) or an edition of the standard newer than this tool's: what it
    holds cannot be judged by its meaning, so it is removed: high when its bytes hold words, and named
    by the identifier they hold (kept_bytes' judgement, so `check` rates the file by it)."""
    value = getattr(raw, "value", None)
    data = bytes(value) if isinstance(value, (bytes, bytearray)) else str(value).encode("latin-1", "replace")
    words = _WORDS.findall(data[:WORDS_LOOKED_AT].decode("latin-1"))
    found = kept_bytes.identifier_in(data, run) if words else None
    del ds[raw.tag]
    shown = f"<{len(data)} bytes>" if isinstance(value, (bytes, bytearray)) else f'"{data[:120].decode("latin-1")}"'
    run.add(found[0] if found else "dicom-attribute", HIGH if words else INFO, "removed",
            f"element no DICOM dictionary defines removed{where} (damage, or a newer edition of the standard)",
            f"({raw.tag >> 16:04X},{raw.tag & 0xFFFF:04X}) {shown}" + (f": {' '.join(words[:12])}" if words else ""))


WORDS_LOOKED_AT = 65536
_WORDS = re.compile(r"[A-Za-z]{3,}[A-Za-z0-9^ ,.'-]*")


def _standard_uid(raw, vr: str) -> bool:
    """A UID the standard itself defines (every value under 1.2.840.10008.): never replaced."""
    if vr != "UI":
        return False
    value = raw.value
    text = value.decode("latin-1") if isinstance(value, (bytes, bytearray)) else str(value or "")
    parts = [part.strip("\0 ") for part in text.split("\\")]
    return all(part.startswith(STANDARD_UID_ROOT) or not part for part in parts)


def _read_free_text(ds: Dataset, raw, vr: str, run: Run, where: str, read=clean_element) -> None:
    """A kept text value through the identifier detectors (structured.py; kept_text.py outside
    structured content)."""
    tag = raw.tag
    text = raw_text(raw, run)
    if text is None:
        text = kept_text.value_text(peek.element(ds, tag).value)
    if text and text.strip():
        read(ds, tag, vr, seen_text(text), run, where)      # as a reader sees it: no zero-width letters


_NUMERIC_VRS = frozenset({"US", "SS", "UL", "SL", "FL", "FD", "OF", "OD", "OL", "OV", "UV", "SV", "AT", "OW"})


def _private_text(raw) -> str | None:
    """Printable text of an element without converting it (private values are often UN bytes)."""
    if getattr(raw, "VR", None) in _NUMERIC_VRS:
        return None
    value = getattr(raw, "value", None)
    if isinstance(value, (bytes, bytearray)):
        if len(value) > 256:
            return None
        value = value.decode("latin-1")
    if not isinstance(value, str):
        return None
    value = value.strip("\0 ")
    return value if value and value.isprintable() and _LETTER.search(value) else None


_LETTER = re.compile(r"[^\W\d_]")


PRIVATE_QUOTE_CHARS = 600


def _remove_private(ds: Dataset, tags: list, run: Run, where: str) -> None:
    """Remove private elements without decoding them; one finding per private block, quoting
    the words found in it (those are what may name someone)."""
    blocks: dict[tuple[int, int], list[str]] = {}
    counts: dict[tuple[int, int], int] = {}
    quoted: dict[tuple[int, int], int] = {}
    for raw in tags:
        tag = raw.tag
        group, element = tag >> 16, tag & 0xFFFF
        block = (group, element if element <= 0xFF else element >> 8)
        counts[block] = counts.get(block, 0) + 1
        texts = blocks.setdefault(block, [])
        if quoted.get(block, 0) < PRIVATE_QUOTE_CHARS:           # the finding quotes 600 characters
            text = _private_text(raw) if getattr(raw, "VR", None) != "SQ" else None
            if text is not None:
                texts.append(f'({group:04X},{element:04X}) "{text[:80]}"')
                quoted[block] = quoted.get(block, 0) + len(texts[-1]) + 2
        del ds[tag]
    for (group, low), texts in blocks.items():
        words = [t for t in texts if not t.startswith(f"({group:04X},00")]
        run.add("private-tag", HIGH if words else INFO, "removed",
                f"{counts[(group, low)]} private element(s) of group {group:04X} block {low:02X} removed{where}",
                "; ".join(texts)[:PRIVATE_QUOTE_CHARS] or None)


def _flag_embedded_overlays(ds: Dataset, run: Run) -> None:
    """Retired 'embedded' overlays live in the unused high bits of Pixel Data, not in (60xx,3000).
    Removing the 60xx header leaves those bits in the pixels, so say so: the pixels need cleaning."""
    for group in range(0x6000, 0x6020, 2):
        base = group << 16
        if (base | 0x0010) in ds and (base | 0x3000) not in ds:
            bit = peek.element(ds, base | 0x0102)
            where = f"bit {bit.value}" if bit is not None and bit.value is not None else "unknown bit"
            run.add("overlay", REVIEW, "flagged",
                    "overlay plane stored in the unused high bits of Pixel Data: removing its 60xx header "
                    "does not remove it; the pixel data needs cleaning",
                    f"overlay group {group:04X} ({where})")
