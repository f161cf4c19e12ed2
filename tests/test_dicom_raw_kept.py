"""A cleaned file's untouched elements reach pydicom's writer as they were read (raw bytes, which it
copies), never converted to values by slidesan's reads and encoded again (dicom/peek.py; the cost is
in docs/performance.md, "DICOM: elements decoded only where a rule reads them"). pydicom itself
converts a few in place whatever the caller does (Specific Character Set on reading, Pixel
Representation beside any sequence, SOP Class UID and Pixel Data inside dcmwrite): not listed here,
except Pixel Data, which is checked before the writer gets it."""

from __future__ import annotations

import pydicom
import pytest
from pydicom.data import get_testdata_file
from pydicom.dataelem import RawDataElement

import slidesan.dicom
from slidesan.dicom import PackState
from slidesan.options import Options
from slidesan.pack import dicom_file

# Read by the pixel checks, the survey or the de-identification, and kept as they are.
IMAGE_PIXEL = ("Rows", "Columns", "BitsAllocated", "BitsStored", "HighBit", "SamplesPerPixel",
               "PhotometricInterpretation")
KEPT_CODES = ("Modality", "ImageType", "Manufacturer", "PatientPosition", "ScanningSequence")
KEPT_NUMBERS = ("SliceThickness", "KVP", "ImagePositionPatient", "PixelSpacing", "RescaleIntercept")


def _clean(tmp_path, monkeypatch, name: str, options=None) -> tuple[dict[str, bool], pydicom.Dataset]:
    """Clean one bundled file the way a pack does; {keyword: still raw when written} and the output."""
    written: dict[str, bool] = {}
    write = slidesan.dicom.write_dicom

    def spy(ds, target, **kwargs):
        for tag in ds.keys():
            keyword = pydicom.datadict.keyword_for_tag(tag) or str(tag)
            written[keyword] = isinstance(ds.get_item(tag), RawDataElement)
        return write(ds, target, **kwargs)

    monkeypatch.setattr(slidesan.dicom, "write_dicom", spy)
    data = open(get_testdata_file(name), "rb").read()
    target = tmp_path / "out.dcm"
    dicom_file.clean_dicom(data, name, PackState(), options or Options(ocr=False), target)
    return written, pydicom.dcmread(target)


@pytest.mark.parametrize("name", ["CT_small.dcm", "MR_small.dcm", "MR_small_implicit.dcm"])
def test_untouched_elements_and_the_pixels_are_written_as_read(tmp_path, monkeypatch, name):
    written, out = _clean(tmp_path, monkeypatch, name)
    source = pydicom.dcmread(get_testdata_file(name))
    kept = [k for k in IMAGE_PIXEL + KEPT_CODES + KEPT_NUMBERS + ("PixelData",)     # (MR_small's Manufacturer
            if k in source and out[k].value == source[k].value]                       # names its institution)
    assert len(kept) >= 13 and "PixelData" in kept and "Rows" in kept
    converted = [k for k in kept if not written[k]]
    assert not converted, f"converted although nobody changed them: {converted}"


def test_a_value_the_cleaner_changes_is_converted_and_written_new(tmp_path, monkeypatch):
    written, out = _clean(tmp_path, monkeypatch, "CT_small.dcm")
    assert written["StudyInstanceUID"] is False and written["PatientName"] is False
    assert out.StudyInstanceUID != pydicom.dcmread(get_testdata_file("CT_small.dcm")).StudyInstanceUID
    assert not any(tag.is_private for tag in out.keys())
