"""File-level de-identification: the Part 10 preamble and file meta, and the attributes that say
the dataset was de-identified (Patient Identity Removed, De-identification Method and its codes,
Longitudinal Temporal Information Modified). Kept apart from the element walk in deidentify.py.
"""

from __future__ import annotations

from typing import Callable

from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRBigEndian, ExplicitVRLittleEndian, ImplicitVRLittleEndian

from slidesan import __version__ as SLIDESAN_VERSION
from slidesan.dicom import peek, profile
from slidesan.dicom.state import DicomOptions
from slidesan.report.model import HIGH, INFO

IMPLEMENTATION_CLASS_UID = "2.25.133742838416161734255088092729819634327"
IMPLEMENTATION_VERSION_NAME = "SLIDESAN_" + SLIDESAN_VERSION.replace(".", "")[:7]
META_KEPT = {0x00020001, 0x00020002, 0x00020003, 0x00020010, 0x00020012, 0x00020013}

METHOD_CODES = {  # DICOM Controlled Terminology (CID 7050)
    "basic": ("113100", "Basic Application Confidentiality Profile"),
    "pixels": ("113101", "Clean Pixel Data Option"),
    "descriptors": ("113105", "Clean Descriptors Option"),
    "structured": ("113104", "Clean Structured Content Option"),
    "modified_dates": ("113107", "Retain Longitudinal Temporal Information Modified Dates Option"),
    "patient": ("113108", "Retain Patient Characteristics Option"),
    "device": ("113109", "Retain Device Identity Option"),
    "safe_private": ("113111", "Retain Safe Private Option"),
}


def mark_deidentified(ds: Dataset, options: DicomOptions, pixels_cleaned: bool) -> None:
    """Patient Identity Removed, De-identification Method (+ codes), Longitudinal Temporal Info."""
    ds.PatientIdentityRemoved = "YES"
    ds.DeidentificationMethod = [f"slidesan {SLIDESAN_VERSION}",
                                 f"PS3.15 Annex E rev {profile.PROFILE_REVISION}",
                                 f"level {options.level}"] + options.describe()
    chosen = ["basic"] + (["pixels"] if pixels_cleaned else []) + [key for key, _name in options.chosen()]
    items = []
    for name in chosen:
        code = Dataset()
        code.CodeValue, code.CodeMeaning = METHOD_CODES[name]
        code.CodingSchemeDesignator = "DCM"
        items.append(code)
    ds.DeidentificationMethodCodeSequence = Sequence(items)
    ds.LongitudinalTemporalInformationModified = "MODIFIED" if options.modified_dates else "REMOVED"


def rebuild_file_meta(ds: Dataset, new_uid: Callable[[str], str], add: Callable) -> None:
    """New meta group: only what Part 10 requires, naming slidesan; AE titles and private info gone.

    `new_uid` is the pack's UID mapping (used only when the dataset has no SOP Instance UID);
    `add(category, severity, action, message, text)` records a finding."""
    old = getattr(ds, "file_meta", None) or FileMetaDataset()
    for tag in list(old.keys()):
        if tag not in META_KEPT and tag != 0x00020000:
            elem = old[tag]
            if elem.value not in (None, "", b""):
                shown = f"<{len(elem.value)} bytes>" if isinstance(elem.value, bytes) else f'"{elem.value}"'
                add("file-meta", INFO, "removed", "file meta element removed", f"{elem.keyword or elem.tag} {shown}")
    syntax = old.get("TransferSyntaxUID")
    if syntax is None:
        syntax = syntax_of(ds)
    sop_instance = peek.value(ds, "SOPInstanceUID") or (
        new_uid(old.MediaStorageSOPInstanceUID) if "MediaStorageSOPInstanceUID" in old else None)
    meta = FileMetaDataset()
    meta.FileMetaInformationVersion = b"\x00\x01"
    sop_class = peek.value(ds, "SOPClassUID") or old.get("MediaStorageSOPClassUID")
    if sop_class:
        meta.MediaStorageSOPClassUID = sop_class
    if sop_instance:
        meta.MediaStorageSOPInstanceUID = sop_instance
    meta.TransferSyntaxUID = syntax
    meta.ImplementationClassUID = IMPLEMENTATION_CLASS_UID
    meta.ImplementationVersionName = IMPLEMENTATION_VERSION_NAME
    ds.file_meta = meta


def syntax_of(ds: Dataset) -> str:
    """Transfer syntax of a dataset read without file meta, from how it was encoded."""
    implicit, little = ds.original_encoding if hasattr(ds, "original_encoding") else (True, True)
    if implicit:
        return ImplicitVRLittleEndian
    return ExplicitVRLittleEndian if little in (True, None) else ExplicitVRBigEndian


def zero_preamble(ds: Dataset, add: Callable) -> None:
    """The 128 bytes before 'DICM' are free for any use (TIFF headers, vendor notes): zero them."""
    preamble = getattr(ds, "preamble", None)
    if preamble and any(preamble):
        shown = "".join(chr(b) if 32 <= b < 127 else "." for b in preamble).strip(".")
        add("preamble", HIGH, "removed", "128-byte preamble zeroed", f'preamble "{shown[:120]}"')
    ds.preamble = b"\x00" * 128
