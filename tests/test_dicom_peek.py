"""dicom/peek.py: header values read without converting elements in place, equal to pydicom's."""

from __future__ import annotations

import warnings
from pathlib import Path

import pydicom
import pytest
from pydicom.data import get_testdata_file
from pydicom.dataelem import RawDataElement
from pydicom.dataset import Dataset
from pydicom.filebase import DicomBytesIO
from pydicom.filewriter import write_data_element
from pydicom.multival import MultiValue

from slidesan.dicom import peek
from slidesan.dicom.repair import iter_datasets

TEST_DATA = Path(get_testdata_file("CT_small.dcm")).parent


def _bundled_files() -> list[Path]:
    return sorted(p for p in TEST_DATA.rglob("*") if p.is_file() and p.suffix.lower() in ("", ".dcm")
                  and "DICOMDIR" not in p.name)


def _read(path: Path) -> Dataset | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return pydicom.dcmread(path, force=True)
        except Exception:  # noqa: BLE001 - files pydicom itself refuses are not the point here
            return None


def _same(left, right) -> bool:
    if isinstance(left, (list, MultiValue)) or isinstance(right, (list, MultiValue)):
        return list(left) == list(right) and type(left) is type(right)
    return left == right and type(left) is type(right)


def _written_value(elem, raw) -> bytes:
    """The value bytes pydicom's writer produces for a converted element (tag, VR, length cut off)."""
    fp = DicomBytesIO()
    fp.is_little_endian, fp.is_implicit_VR = raw.is_little_endian, raw.is_implicit_VR
    write_data_element(fp, elem, ["latin_1"])
    return fp.getvalue()[-len(raw.value):] if raw.value else b""


def test_every_value_of_every_bundled_file_equals_pydicoms_conversion():
    """value() answers what ds[tag].value answers (type included), element by element, on pydicom's
    own test files (big endian, implicit VR, character sets, private tags, sequences). An element it
    leaves raw is one whose bytes pydicom would write back unchanged after converting it, so keeping
    it raw changes no output byte; every other element is converted in place, as pydicom does."""
    checked = plain = 0
    for path in _bundled_files():
        peeked, reference = _read(path), _read(path)
        if peeked is None or len(peeked) == 0:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for tag in list(peeked.keys()):
                raw = peeked.get_item(tag)
                if not isinstance(raw, RawDataElement) or raw.value is None:
                    continue
                try:
                    expected = reference[tag]
                except Exception:  # noqa: BLE001 - a value pydicom cannot convert: value() must fail too
                    with pytest.raises(Exception):
                        peek.value(peeked, tag)
                    continue
                got = peek.value(peeked, tag)
                assert _same(got, expected.value), f"{path.name} {tag:08X}: {got!r} != {expected.value!r}"
                if isinstance(peeked.get_item(tag), RawDataElement):
                    plain += 1
                    assert expected.VR == (raw.VR or expected.VR)
                    assert _written_value(expected, raw) == raw.value, f"{path.name} {tag:08X} written otherwise"
                    assert _same(peek.element(peeked, tag).value, expected.value)
                    assert peek.element(peeked, tag).VR == expected.VR
                checked += 1
    assert checked > 3000 and plain > 1000


def test_value_and_element_match_dataset_get_for_keywords_and_absent_attributes():
    ds = pydicom.dcmread(get_testdata_file("CT_small.dcm"))
    reference = pydicom.dcmread(get_testdata_file("CT_small.dcm"))
    for keyword in ("Modality", "Rows", "ImageType", "SOPClassUID", "PatientName", "SliceThickness", "NotThere"):
        assert _same(peek.value(ds, keyword, "absent"), reference.get(keyword, "absent"))
    assert peek.element(ds, "NotThere") is None
    assert peek.element(ds, 0x00080060).value == "CT"
    assert isinstance(ds.get_item(0x00080060), RawDataElement)
    assert peek.charset(ds) == "ISO_IR 100"


def test_peeked_attributes_serve_pydicoms_expected_length():
    from pydicom.pixels.utils import get_expected_length

    ds = pydicom.dcmread(get_testdata_file("CT_small.dcm"))
    view = peek.Peeked(ds)
    reference = pydicom.dcmread(get_testdata_file("CT_small.dcm"))
    assert get_expected_length(view) == get_expected_length(reference) == 128 * 128 * 2
    assert "PixelData" in view and "NumberOfFrames" not in view
    with pytest.raises(AttributeError):
        view.NumberOfFrames
    assert len(peek.pixel_bytes(ds)) == 128 * 128 * 2
    assert all(isinstance(ds.get_item(t), RawDataElement) for t in (0x00280010, 0x00280011, 0x7FE00010))


def test_sequences_are_converted_in_place_for_the_walk():
    ds = pydicom.dcmread(get_testdata_file("reportsi.dcm"))     # explicit VR: raw sequences say SQ
    tag = next(t for t, raw in ds.items() if raw.VR == "SQ")
    items = peek.element(ds, tag).value
    assert not isinstance(ds.get_item(tag), RawDataElement) and len(items) > 0
    assert sum(1 for _ in iter_datasets(ds)) > 1
