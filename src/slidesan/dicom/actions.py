"""One element, one action: what Table E.1-1's codes (D Z X K C U) do to a value, with slidesan's
options. Kept apart from the walk (deidentify.py) so each is small enough to read on its own.

Replacements follow the element's VR (values.replacement_for): a UI gets a UID derived from the
pack key, a PN a keyed pseudonym, a DA/DT the shifted date or the dummy date. Every element set here
is recorded in `Run.written`, and vr_check.check_written refuses the file if one of them does not
fit its VR. Sequences are never recursed into: their items are queued on `Run.pending` and the
walk takes them from there, so nesting depth costs no stack.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pydicom.datadict import keyword_for_tag
from pydicom.dataelem import DataElement, RawDataElement
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

from slidesan.dicom import peek, profile
from slidesan.dicom.header_values import dictionary_vr
from slidesan.dicom.state import DicomOptions, PackState
from slidesan.dicom.structured import STRUCTURED_SEQUENCES, header_pattern, identity_terms
from slidesan.dicom.values import descriptor_is_clean, replacement_for, shift_value
from slidesan.report.model import HIGH, INFO, Finding

# Whole-element removals that have their own report category.
SPECIAL_CATEGORY = {0x00880200: "icon-image", 0xFFFAFFFA: "signature", 0x04000561: "original-attributes",
                    0x4FFE0001: "signature", 0x00420011: "encapsulated-document"}
# Attributes whose values name or locate a person: severity high when their value is removed.
IDENTITY_WORDS = ("Name", "ID", "Address", "Institution", "Accession", "Telephone", "BirthDate",
                  "Comments", "Description", "Station", "Serial")


class Run:
    """What one de-identification call needs while walking: the action tables for these options,
    the queue of sequence items still to walk, the elements set and the findings."""

    def __init__(self, state: PackState, options: DicomOptions, file: str | None, terms: frozenset[str]):
        self.state, self.options, self.file, self.terms = state, options, file, terms
        self.table = profile.action_table(options.modified_dates, options.clean_descriptors,
                                          options.patient_characteristics, options.retain_device_identity,
                                          options.clean_structured_content)
        self.basic = profile.action_table()
        self.date_tags = _int_tags("retain_modified_dates") if options.modified_dates else frozenset()
        self.findings: list[Finding] = []
        self.pending: list[tuple[Dataset, str, bool]] = []    # (item, where, inside structured content)
        self.structured = False                                # the level being walked is structured content
        self.written: list[tuple[Dataset, int]] = []
        self.charset = ""
        self.identity: frozenset[str] = frozenset()
        self._term_pattern: object = False

    def read_identity(self, values) -> None:
        """Remember this header's identity values (a HeaderValues) before the walk removes them."""
        from slidesan.dicom.kept_text import named_in_header

        self.identity = identity_terms(values) | named_in_header(values)

    @property
    def term_pattern(self) -> re.Pattern | None:
        if self._term_pattern is False:
            self._term_pattern = header_pattern(self.identity)
        return self._term_pattern

    @property
    def shift_days(self) -> int | None:
        return self.state.date_offset_days if self.options.modified_dates else None

    def set_charset(self, ds: Dataset) -> None:
        self.charset = peek.charset(ds)

    def add(self, category, severity, action, message, text=None):
        self.findings.append(Finding(category, severity, action, message, text=text, file=self.file,
                                     step="dicom"))

    def keyword(self, tag: int) -> str:
        return keyword(tag)

    def queue_items(self, elem, where: str) -> None:
        inner = f"{where} in {keyword(elem.tag)}"
        structured = self.structured or elem.tag in STRUCTURED_SEQUENCES
        self.pending.extend((item, inner, structured) for item in reversed(list(elem.value or ())))


def _int_tags(option: str) -> frozenset[int]:
    return frozenset(int(t, 16) for t in profile.option_codes(option) if "x" not in t)


@lru_cache(maxsize=4096)
def keyword(tag: int) -> str:
    return keyword_for_tag(tag) or f"({tag >> 16:04X},{tag & 0xFFFF:04X})"


def quote(elem) -> str:
    if elem.VR == "SQ":
        return f"{keyword(elem.tag)} ({len(elem.value)} item(s))"
    value = elem.value
    if isinstance(value, (bytes, bytearray)):
        shown = f"<{len(value)} bytes>"
    else:
        shown = '"' + str(value)[:120] + '"'
    return f"{keyword(elem.tag)} {shown}"


@lru_cache(maxsize=4096)
def severity_of(tag: int, vr: str) -> str:
    name = keyword(tag)
    return HIGH if vr == "PN" or tag >> 16 == 0x0010 or any(w in name for w in IDENTITY_WORDS) else INFO


# Text VRs whose raw bytes can be quoted and replaced without pydicom decoding the element first
# (single-byte or UTF-8 character sets only). Decoding dominates the cost of header cleaning.
FAST_VRS = frozenset({"AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN", "SH", "ST", "TM",
                      "UC", "UI", "UR", "UT"})
FAST_CHARSETS = frozenset({"", "ISO_IR 6", "ISO_IR 100", "ISO_IR 192"})
# The VRs pydicom decodes with the Specific Character Set; a code string, a date or a UID is read in
# the default repertoire (a stray Latin-1 letter in a CS of a UTF-8 file is still read, not refused).
CHARSET_VRS = frozenset({"LO", "LT", "PN", "SH", "ST", "UC", "UT"})


def raw_text(raw, run: Run) -> str | None:
    """The text of an undecoded element of a fast VR, or None when pydicom must decode it (another
    character set, or bytes that are not text in this one: pydicom reads them with replacements)."""
    if not isinstance(raw, RawDataElement) or not isinstance(raw.value, bytes) or run.charset not in FAST_CHARSETS:
        return None
    utf8 = run.charset == "ISO_IR 192" and (raw.VR or dictionary_vr(raw.tag)) in CHARSET_VRS
    try:
        return raw.value.decode("utf-8" if utf8 else "latin-1").rstrip("\0 ")
    except UnicodeDecodeError:
        return None


def _apply_raw(ds: Dataset, raw, action: str, run: Run, where: str) -> bool:
    """X, Z and U on an undecoded text element; False when the general path must handle it."""
    vr = raw.VR or dictionary_vr(raw.tag)
    if action not in ("X", "Z", "U") or vr not in FAST_VRS:
        return False
    text = raw_text(raw, run)
    if text is None:
        return False
    tag = raw.tag
    if action == "U":
        if vr != "UI":
            return False
        if text:
            new = [run.state.new_uid(v) for v in text.split("\\")]
            ds[tag] = DataElement(tag, "UI", new if len(new) > 1 else new[0])
            run.written.append((ds, tag))
            run.add("uid", INFO, "replaced", f"UID replaced consistently across the pack{where}",
                    f'{keyword(tag)} "{text[:120]}"')
        return True
    if action == "X":
        del ds[tag]
    elif text:
        ds[tag] = DataElement(tag, vr, None)
    if text:
        run.add("dicom-attribute", severity_of(tag, vr), "removed",
                f"attribute {'removed' if action == 'X' else 'emptied'}{where}", f'{keyword(tag)} "{text[:120]}"')
    return True


def apply(ds: Dataset, tag: int, action: str, run: Run, where: str) -> None:
    raw = ds.get_item(tag)
    if isinstance(raw, RawDataElement) and _apply_raw(ds, raw, action, run, where):
        return
    elem = peek.element(ds, tag)          # a raw element stays raw unless its value changes (_set)
    vr = elem.VR
    empty = elem.value is None or elem.value == "" or (vr == "SQ" and len(elem.value) == 0)
    if action == "C":
        action = _clean(ds, elem, run, where)
        if action is None:
            return
    if action == "X":
        del ds[tag]
        if not empty or tag in SPECIAL_CATEGORY:
            run.add(SPECIAL_CATEGORY.get(tag, "dicom-attribute"), severity_of(tag, vr), "removed",
                    f"attribute removed{where}", quote(elem))
    elif action == "Z":
        if empty:
            return
        text = quote(elem)
        _set(ds, elem, Sequence() if vr == "SQ" else None)
        run.add("dicom-attribute", severity_of(tag, vr), "removed", f"attribute emptied{where}", text)
    elif action == "D":
        if vr == "SQ":
            run.queue_items(elem, where)
            return
        _replace(ds, elem, run, where)
    elif action == "U":
        if vr == "SQ":
            run.queue_items(elem, where)
        elif vr == "UI" and not empty:
            text = quote(elem)
            values = list(elem.value) if elem.VM > 1 else [elem.value]
            new = [run.state.new_uid(v) for v in values]
            _set(ds, elem, new if len(new) > 1 else new[0])
            run.written.append((ds, tag))
            run.add("uid", INFO, "replaced", f"UID replaced consistently across the pack{where}", text)
        elif not empty:      # a U row whose element is not a UID (defensive): treat as removal
            text = quote(elem)
            del ds[tag]
            run.add("uid", INFO, "removed", f"non-UID value of a UID attribute removed{where}", text)


def _set(ds: Dataset, elem, new) -> None:
    """A new value for `elem`, which may be a converted copy (peek.element): it replaces the raw
    element in `ds`, as pydicom's own conversion would have."""
    elem.value = new
    if ds.get_item(elem.tag) is not elem:
        ds[elem.tag] = elem


def _replace(ds: Dataset, elem, run: Run, where: str) -> None:
    """D: a value of the element's own VR (see values.replacement_for)."""
    vr = elem.VR
    if isinstance(elem.value, (bytes, bytearray)) and vr not in ("OB", "OW", "OD", "OF", "OL", "OV", "UN"):
        vr = dictionary_vr(elem.tag)
    new = replacement_for(vr, elem.value, run.state, run.shift_days)
    if elem.value == new:
        return
    text = quote(elem)
    _set(ds, elem, new)
    run.written.append((ds, elem.tag))
    how = "a UID from the pack key" if vr == "UI" else "a pseudonym" if vr == "PN" else "a dummy"
    run.add("uid" if vr == "UI" else "dicom-attribute", INFO if vr == "UI" else severity_of(elem.tag, vr),
            "replaced", f"attribute replaced by {how}{where}", text)


def replace_unlisted_date(ds: Dataset, tag: int, run: Run, where: str) -> None:
    """A DA/DT attribute Table E.1-1 does not list is still a date of this patient's care: treated
    like the listed ones (dummy, or shifted with the modified-dates option)."""
    elem = peek.element(ds, tag)
    if elem.value in (None, "") or isinstance(elem.value, (bytes, bytearray)):
        return
    _replace(ds, elem, run, where + " (a date not listed in Table E.1-1)")


def _clean(ds: Dataset, elem, run: Run, where: str) -> str | None:
    """Option code C: shift a date, or keep a descriptor/device value only when it is clean.

    Returns the basic action to apply instead, or None when the element was dealt with here.
    """
    tag, vr = elem.tag, elem.VR
    if vr == "SQ":
        run.queue_items(elem, where)
        return None
    if elem.value is None or elem.value == "":
        return None
    if tag in run.date_tags:
        shifted = shift_value(elem.value, vr, run.state.date_offset_days)
        if shifted is None:
            return run.basic.get(tag, "X")
        if vr != "TM":
            text = quote(elem)
            _set(ds, elem, shifted)
            run.written.append((ds, tag))
            run.add("dicom-attribute", INFO, "replaced", f"date shifted by the pack offset{where}", text)
        return None
    why = None if isinstance(elem.value, (bytes, bytearray)) else descriptor_is_clean(str(elem.value), run.terms)
    if why is None:
        return run.basic.get(tag, "X")
    run.add("dicom-attribute", INFO, "kept", f"descriptor kept ({why}){where}", quote(elem))
    return None
