"""Apply the PS3.15 Annex E Basic Profile (with slidesan's options) to one dataset, in place.

`deidentify(ds, state, options, file=...)` is what a pack walker calls per file: it walks every
level of every sequence, removes private, overlay, curve, icon and signature data, replaces UIDs
through the pack-wide `PackState`, rebuilds the file meta, zeroes the preamble and marks the
dataset as de-identified. Pixel Data is never touched: its bytes are written back as read.
Every change becomes a slidesan Finding, so packs reuse the deck report.
"""

from __future__ import annotations

import warnings
from functools import lru_cache

from pydicom.datadict import dictionary_VR, keyword_for_tag
from pydicom.dataelem import DataElement, RawDataElement
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

from slidesan.dicom import profile
from slidesan.dicom.marks import mark_deidentified, rebuild_file_meta, zero_preamble
from slidesan.dicom.safe_private import safe_private_tags
from slidesan.dicom.state import DicomOptions, PackState
from slidesan.dicom.values import descriptor_is_clean, dummy_for, header_terms, shift_value
from slidesan.errors import SlidesanError
from slidesan.report.model import HIGH, INFO, REVIEW, Finding


# Whole-element removals that have their own report category.
SPECIAL_CATEGORY = {0x00880200: "icon-image", 0xFFFAFFFA: "signature", 0x04000561: "original-attributes",
                    0x4FFE0001: "signature"}
# Attributes whose values name or locate a person: severity high when their value is removed.
IDENTITY_WORDS = ("Name", "ID", "Address", "Institution", "Accession", "Telephone", "BirthDate",
                  "Comments", "Description", "Station", "Serial")


class _Run:
    """What one call needs while walking: the action tables for these options and the findings."""

    def __init__(self, state: PackState, options: DicomOptions, file: str | None, terms: frozenset[str]):
        self.state, self.options, self.file, self.terms = state, options, file, terms
        self.table = profile.action_table(options.modified_dates, options.clean_descriptors,
                                          options.patient_characteristics, options.retain_device_identity)
        self.basic = profile.action_table()
        self.date_tags = _int_tags("retain_modified_dates") if options.modified_dates else frozenset()
        self.findings: list[Finding] = []
        self.charset = ""

    def set_charset(self, ds: Dataset) -> None:
        value = ds.get("SpecificCharacterSet") or ""
        self.charset = value if isinstance(value, str) else "multi"

    def add(self, category, severity, action, message, text=None):
        self.findings.append(Finding(category, severity, action, message, text=text, file=self.file,
                                     step="dicom"))


def _int_tags(option: str) -> frozenset[int]:
    return frozenset(int(t, 16) for t in profile.option_codes(option) if "x" not in t)


def deidentify(ds: Dataset, state: PackState, options: DicomOptions | None = None, *,
               file: str | None = None, pixels_cleaned: bool = False) -> list[Finding]:
    """De-identify `ds` in place for one pack; return what was changed as Findings.

    `file` is the path relative to the pack (copied into every finding). `pixels_cleaned` is set
    by the OCR/redaction layer when it really blacked out burned-in text (adds code 113101).
    Raises SlidesanError (one line) if a damaged value cannot be decoded; do not write `ds` then.
    """
    options = options or DicomOptions()
    try:
        with warnings.catch_warnings():   # pydicom's value-length complaints about the input are noise here
            warnings.simplefilter("ignore")
            return _deidentify(ds, state, options, file, pixels_cleaned)
    except (ValueError, TypeError, KeyError, OverflowError, UnicodeError, EOFError) as exc:
        # A damaged value surfaced while decoding: the dataset is half-cleaned and must not be written.
        raise SlidesanError(f"{file or 'DICOM file'}: a header value could not be decoded, file not "
                            f"de-identified ({str(exc).splitlines()[0][:100] if str(exc) else type(exc).__name__})") from None


def _deidentify(ds: Dataset, state: PackState, options: DicomOptions, file: str | None,
                pixels_cleaned: bool) -> list[Finding]:
    original_patient = (str(ds.get("PatientID", "") or ""), str(ds.get("PatientName", "") or ""))
    original_study = str(ds.get("StudyInstanceUID", "") or "")
    run = _Run(state, options, file, header_terms(ds))
    run.set_charset(ds)
    _flag_embedded_overlays(ds, run)
    _walk(ds, run, "")
    if options.limited:
        pseudonym = state.pseudonym(*original_patient)
        ds.PatientName = pseudonym
        ds.PatientID = pseudonym
        ds.StudyID = state.study_id(original_study)
        run.add("dicom-attribute", INFO, "replaced", f"patient and study IDs replaced by pseudonym {pseudonym}")
    mark_deidentified(ds, options, pixels_cleaned)
    rebuild_file_meta(ds, state.new_uid, run.add)
    zero_preamble(ds, run.add)
    return run.findings


@lru_cache(maxsize=4096)
def _dictionary_vr(tag: int) -> str:
    try:
        return dictionary_VR(tag)
    except KeyError:
        return "UN"


@lru_cache(maxsize=4096)
def _keyword(tag: int) -> str:
    return keyword_for_tag(tag) or f"({tag >> 16:04X},{tag & 0xFFFF:04X})"


def _quote(elem) -> str:
    if elem.VR == "SQ":
        return f"{_keyword(elem.tag)} ({len(elem.value)} item(s))"
    value = elem.value
    if isinstance(value, (bytes, bytearray)):
        shown = f"<{len(value)} bytes>"
    else:
        shown = '"' + str(value)[:120] + '"'
    return f"{_keyword(elem.tag)} {shown}"


def _severity(tag: int, vr: str) -> str:
    keyword = _keyword(tag)
    return HIGH if vr == "PN" or tag >> 16 == 0x0010 or any(w in keyword for w in IDENTITY_WORDS) else INFO


def _walk(ds: Dataset, run: _Run, where: str) -> None:
    """One dataset level; recurses into every sequence item."""
    keep_private = safe_private_tags(ds) if run.options.retain_safe_private else frozenset()
    private: list = []
    for raw in list(ds.elements()):
        tag = raw.tag
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
            run.add(kind, HIGH if element == 0x3000 else INFO, "removed", f"{kind} data removed{where}", _quote(elem))
            continue
        action = run.table.get(tag)
        if action is None or action == "K":
            vr = raw.VR if raw.VR not in (None, "UN") else _dictionary_vr(tag)   # a UN may hide a sequence
            if vr == "SQ":
                _walk_items(ds[tag], run, where)
            elif vr == "PN" and action is None:
                _apply(ds, tag, "Z", run, where + " (a person name not listed in Table E.1-1)")
            continue
        _apply(ds, tag, action, run, where)
    if private:
        _remove_private(ds, private, run, where)


_NUMERIC_VRS = frozenset({"US", "SS", "UL", "SL", "FL", "FD", "OF", "OD", "OL", "OV", "UV", "SV", "AT", "OW"})


def _raw_text(raw) -> str | None:
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
    return value if value and value.isprintable() and any(c.isalpha() for c in value) else None


def _remove_private(ds: Dataset, tags: list, run: _Run, where: str) -> None:
    """Remove private elements without decoding them; one finding per private block, quoting
    the words found in it (those are what may name someone)."""
    blocks: dict[tuple[int, int], list[str]] = {}
    counts: dict[tuple[int, int], int] = {}
    for raw in tags:
        tag = raw.tag
        group, element = tag >> 16, tag & 0xFFFF
        block = (group, element if element <= 0xFF else element >> 8)
        counts[block] = counts.get(block, 0) + 1
        texts = blocks.setdefault(block, [])
        text = _raw_text(raw) if getattr(raw, "VR", None) != "SQ" else None
        if text is not None:
            texts.append(f'({group:04X},{element:04X}) "{text[:80]}"')
        del ds[tag]
    for (group, low), texts in blocks.items():
        words = [t for t in texts if not t.startswith(f"({group:04X},00")]
        run.add("private-tag", HIGH if words else INFO, "removed",
                f"{counts[(group, low)]} private element(s) of group {group:04X} block {low:02X} removed{where}",
                "; ".join(texts)[:600] or None)


def _walk_items(elem, run: _Run, where: str) -> None:
    inner = f"{where} in {_keyword(elem.tag)}"
    for item in elem.value or ():
        _walk(item, run, inner)


# Text VRs whose raw bytes can be quoted and replaced without pydicom decoding the element first
# (single-byte or UTF-8 character sets only). Decoding dominates the cost of header cleaning.
_FAST_VRS = frozenset({"AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN", "SH", "ST", "TM",
                       "UC", "UI", "UR", "UT"})
_FAST_CHARSETS = frozenset({"", "ISO_IR 6", "ISO_IR 100", "ISO_IR 192"})


def _apply_raw(ds: Dataset, raw, action: str, run: _Run, where: str) -> bool:
    """X, Z and U on an undecoded text element; False when the general path must handle it."""
    vr = raw.VR or _dictionary_vr(raw.tag)
    if action not in ("X", "Z", "U") or vr not in _FAST_VRS or not isinstance(raw.value, bytes) \
            or run.charset not in _FAST_CHARSETS:
        return False
    tag = raw.tag
    text = raw.value.decode("utf-8" if run.charset == "ISO_IR 192" else "latin-1").rstrip("\0 ")
    if action == "U":
        if vr != "UI":
            return False
        if text:
            new = [run.state.new_uid(v) for v in text.split("\\")]
            ds[tag] = DataElement(tag, "UI", new if len(new) > 1 else new[0])
            run.add("uid", INFO, "replaced", f"UID replaced consistently across the pack{where}",
                    f'{_keyword(tag)} "{text[:120]}"')
        return True
    if action == "X":
        del ds[tag]
    elif text:
        ds[tag] = DataElement(tag, vr, None)
    if text:
        run.add("dicom-attribute", _severity(tag, vr), "removed",
                f"attribute {'removed' if action == 'X' else 'emptied'}{where}", f'{_keyword(tag)} "{text[:120]}"')
    return True


def _apply(ds: Dataset, tag: int, action: str, run: _Run, where: str) -> None:
    raw = ds.get_item(tag)
    if isinstance(raw, RawDataElement) and _apply_raw(ds, raw, action, run, where):
        return
    elem = ds[tag]
    vr = elem.VR
    empty = elem.value is None or elem.value == "" or (vr == "SQ" and len(elem.value) == 0)
    if action == "C":
        action = _clean(ds, elem, run, where)
        if action is None:
            return
    if action == "X":
        del ds[tag]
        if not empty or tag in SPECIAL_CATEGORY:
            run.add(SPECIAL_CATEGORY.get(tag, "dicom-attribute"), _severity(tag, vr), "removed",
                    f"attribute removed{where}", _quote(elem))
    elif action == "Z":
        if empty:
            return
        text = _quote(elem)
        elem.value = Sequence() if vr == "SQ" else None
        run.add("dicom-attribute", _severity(tag, vr), "removed", f"attribute emptied{where}", text)
    elif action == "D":
        if vr == "SQ":
            _walk_items(elem, run, where)
            return
        dummy = dummy_for(vr)
        if elem.value == dummy:
            return
        text = _quote(elem)
        elem.value = dummy
        run.add("dicom-attribute", _severity(tag, vr), "replaced", f"attribute replaced by a dummy{where}", text)
    elif action == "U":
        if vr == "SQ":
            _walk_items(elem, run, where)
        elif vr == "UI" and not empty:
            text = _quote(elem)
            values = list(elem.value) if elem.VM > 1 else [elem.value]
            new = [run.state.new_uid(v) for v in values]
            elem.value = new if len(new) > 1 else new[0]
            run.add("uid", INFO, "replaced", f"UID replaced consistently across the pack{where}", text)
        elif not empty:      # a U row whose element is not a UID (defensive): treat as removal
            text = _quote(elem)
            del ds[tag]
            run.add("uid", INFO, "removed", f"non-UID value of a UID attribute removed{where}", text)


def _clean(ds: Dataset, elem, run: _Run, where: str) -> str | None:
    """Option code C: shift a date, or keep a descriptor/device value only when it is clean.

    Returns the basic action to apply instead, or None when the element was dealt with here.
    """
    tag, vr = elem.tag, elem.VR
    if vr == "SQ":
        _walk_items(elem, run, where)
        return None
    if elem.value is None or elem.value == "":
        return None
    if tag in run.date_tags:
        shifted = shift_value(elem.value, vr, run.state.date_offset_days)
        if shifted is None:
            return run.basic.get(tag, "X")
        if vr != "TM":
            text = _quote(elem)
            elem.value = shifted
            run.add("dicom-attribute", INFO, "replaced",
                    f"date shifted by the pack offset{where}", text)
        return None
    why = None if isinstance(elem.value, (bytes, bytearray)) else descriptor_is_clean(str(elem.value), run.terms)
    if why is None:
        return run.basic.get(tag, "X")
    run.add("dicom-attribute", INFO, "kept", f"descriptor kept ({why}){where}", _quote(elem))
    return None


def _flag_embedded_overlays(ds: Dataset, run: _Run) -> None:
    """Retired 'embedded' overlays live in the unused high bits of Pixel Data, not in (60xx,3000).
    Removing the 60xx header leaves those bits in the pixels, so say so: the pixels need cleaning."""
    for group in range(0x6000, 0x6020, 2):
        base = group << 16
        if (base | 0x0010) in ds and (base | 0x3000) not in ds:
            bit = ds.get(base | 0x0102)
            where = f"bit {bit.value}" if bit is not None and bit.value is not None else "unknown bit"
            run.add("overlay", REVIEW, "flagged",
                    "overlay plane stored in the unused high bits of Pixel Data: removing its 60xx header "
                    "does not remove it; the pixel data needs cleaning",
                    f"overlay group {group:04X} ({where})")
