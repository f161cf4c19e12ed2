"""The real DICOM files in ../shared/corpus/images (skipped when absent): header identifiers gone
from every byte outside Pixel Data, pixel bytes and transfer syntax unchanged, embedded overlays
(held in the pixel bits) flagged rather than silently kept."""

from __future__ import annotations

import re

import pydicom
import pytest

from slidesan.dicom import PackState, deidentify, read_dicom, write_dicom

IDENTIFYING = ("PatientName", "PatientID", "PatientBirthDate", "AccessionNumber", "InstitutionName",
               "ReferringPhysicianName", "OperatorsName", "StationName", "StudyInstanceUID", "SOPInstanceUID")


def _corpus_files(shared_dir):
    root = shared_dir / "corpus" / "images"
    files = sorted(p for p in root.rglob("*") if p.suffix.lower() in (".dcm", ".dicom"))
    if not files:
        pytest.skip("no DICOM files in ../shared/corpus/images")
    return files


def _identifying_values(ds) -> list[bytes]:
    """Words of identifying attributes, minus words the profile keeps on purpose elsewhere
    (a test scanner's Institution Name may simply repeat its Manufacturer)."""
    kept = " ".join(str(ds.get(k, "") or "") for k in ("Manufacturer", "ManufacturerModelName")).upper().split()
    values = []
    for keyword in IDENTIFYING:
        value = str(ds.get(keyword, "") or "")
        for part in value.replace("^", " ").split():
            if len(part) >= 4 and part.upper() not in ("TEST", "NONE", "ANONYMOUS", *kept):
                values.append(part.encode())
    return values


def test_corpus_headers_cleaned_pixels_untouched(shared_dir, tmp_path):
    state = PackState()
    for path in _corpus_files(shared_dir):
        before = pydicom.dcmread(path)
        needles = _identifying_values(before)
        ds = read_dicom(path)
        findings = deidentify(ds, state, file=path.name)
        out = tmp_path / path.name
        write_dicom(ds, out)
        after = pydicom.dcmread(out)
        assert after.file_meta.TransferSyntaxUID == before.file_meta.TransferSyntaxUID, path.name
        if after.PixelData != before.PixelData:     # only a frame's comment/APPn segments may go (frame_markers)
            assert before.file_meta.TransferSyntaxUID.is_encapsulated, path.name
            assert (after.pixel_array == before.pixel_array).all(), path.name
        header_bytes = out.read_bytes().replace(after.PixelData, b"")
        left = [n for n in needles if re.search(rb"(?<![A-Za-z0-9])" + re.escape(n) + rb"(?![A-Za-z0-9])", header_bytes)]
        assert left == [], path.name
        embedded = [g for g in range(0x6000, 0x6020, 2)
                    if (g << 16 | 0x0010) in before and (g << 16 | 0x3000) not in before]
        flagged = [f for f in findings if f.category == "overlay" and f.action == "flagged"]
        assert len(flagged) == len(embedded), path.name
