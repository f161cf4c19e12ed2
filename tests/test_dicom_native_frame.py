"""pixels.native_frame reads the commonest pixel layout directly; it must give pydicom's answer
exactly (values, dtype, shape, unused bits) and step aside for every other layout."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.data import get_testdata_file
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.pixels import pixel_array
from pydicom.uid import ExplicitVRBigEndian, ExplicitVRLittleEndian, ImplicitVRLittleEndian, RLELossless

from slidesan.dicom import pixels


def _dataset(bits=16, stored=12, signed=0, rows=7, columns=5, frames=None, syntax=ExplicitVRLittleEndian,
             photometric="MONOCHROME2", seed=0) -> Dataset:
    rng = np.random.default_rng(seed)
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = syntax
    ds.Rows, ds.Columns, ds.SamplesPerPixel, ds.PhotometricInterpretation = rows, columns, 1, photometric
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = bits, stored, stored - 1, signed
    count = rows * columns * (frames or 1)
    data = rng.integers(0, 1 << bits, count, dtype=np.uint64).astype(f"<u{bits // 8}").tobytes()  # high bits set too
    if frames:
        ds.NumberOfFrames = frames
    ds.PixelData = data + (b"\0" if len(data) % 2 else b"")
    return ds


def _pydicom(ds: Dataset, index: int, correct: bool) -> np.ndarray:
    kwargs = {"index": index} if pixels.number_of_frames(ds) > 1 else {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pixel_array(ds, correct_unused_bits=correct, **kwargs)


LAYOUTS = [dict(bits=b, stored=s, signed=r, photometric=p)
           for b, s in ((16, 16), (16, 12), (16, 10), (8, 8), (8, 6)) for r in (0, 1)
           for p in ("MONOCHROME1", "MONOCHROME2")]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("correct", [True, False])
def test_same_answer_as_pydicom(layout, correct):
    for rows, columns, frames in ((7, 5, None), (4, 6, 3), (3, 3, None)):
        ds = _dataset(rows=rows, columns=columns, frames=frames, **layout)
        for index in range(frames or 1):
            ours = pixels.native_frame(ds, index, correct)
            theirs = _pydicom(ds, index, correct)
            assert ours is not None
            assert ours.dtype == theirs.dtype and ours.shape == theirs.shape
            assert np.array_equal(ours, theirs)
            assert ours.flags.writeable


def test_steps_aside_for_other_layouts():
    ds = _dataset()
    assert pixels.native_frame(ds, 0) is not None
    for syntax in (ExplicitVRBigEndian, RLELossless):
        assert pixels.native_frame(_dataset(syntax=syntax), 0) is None
    assert pixels.native_frame(_dataset(photometric="PALETTE COLOR"), 0) is None
    short = _dataset()
    short.PixelData = short.PixelData[:-2]
    assert pixels.native_frame(short, 0) is None
    for keyword in ("SamplesPerPixel", "BitsStored", "PixelRepresentation", "Rows"):
        missing = _dataset()
        delattr(missing, keyword)
        assert pixels.native_frame(missing, 0) is None
    assert pixels.native_frame(_dataset(bits=32, stored=32), 0) is None


def test_pydicom_test_files_decode_as_before():
    """Every bundled test file the direct path takes decodes exactly as pydicom decodes it."""
    folder = Path(get_testdata_file("CT_small.dcm")).parent
    taken = 0
    for path in sorted(folder.glob("*.dcm")):
        try:
            ds = pydicom.dcmread(path)
            if "PixelData" not in ds:
                continue
        except Exception:  # noqa: BLE001 - files pydicom cannot read are not this test's business
            continue
        for index in pixels.sample_frames(pixels.number_of_frames(ds))[:2]:
            ours = pixels.native_frame(ds, index)
            if ours is None:
                continue
            taken += 1
            assert np.array_equal(ours, _pydicom(ds, index, True)) and ours.dtype == _pydicom(ds, index, True).dtype
    assert taken >= 3
