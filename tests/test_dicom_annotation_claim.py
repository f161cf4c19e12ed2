"""Burned In Annotation = NO on a projection or capture is the header's word, not an inspection."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw
from pydicom.dataset import Dataset

from fixtures.dicom_burned_in import _font, bare_instance
from slidesan.dicom import burned_in, text_screen
from slidesan.options import Options
from slidesan.scan.ocr import tesseract_status

needs_ocr = pytest.mark.skipif(not tesseract_status()[0], reason="tesseract not installed")


def nm_with_small_label(text: str) -> Dataset:
    """A 16-bit planar NM frame (Poisson counts of two hot spots) with a smoothed 10 px label at the
    foot, drawn at the top of the count range; the header says nothing is burned in."""
    rng = np.random.default_rng(3)
    yy, xx = np.mgrid[0:256, 0:256]
    mean = 900 * np.exp(-((xx - 100) ** 2 + (yy - 90) ** 2) / 900) + 600 * np.exp(-((xx - 170) ** 2 + (yy - 150) ** 2) / 500)
    counts = rng.poisson(mean + 3).astype(np.float64)
    label = Image.new("L", (256, 256), 0)
    ImageDraw.Draw(label).text((3, 232), text, fill=255, font=_font(10))
    alpha = np.asarray(label, np.float64) / 255
    frame = np.round(counts * (1 - alpha) + 1100 * alpha).astype(np.uint16)
    ds = bare_instance(frame, "NM", "1.2.840.10008.5.1.4.1.1.20")
    ds.BurnedInAnnotation = "NO"
    ds.PatientName, ds.PatientID = "OKONKWO^CHIDI", "NM-448120"
    return ds


def test_a_projection_saying_nothing_is_burned_in_is_still_read():
    ds = nm_with_small_label("OKONKWO^CHIDI  NM-448120")
    assert not text_screen.mark_pictures(ds)           # smoothed small letters: no one stored value to find
    assert any("header's word" in reason for reason in burned_in.reasons_to_read(ds))


def test_a_cross_sectional_slice_saying_so_is_still_only_screened():
    ds = nm_with_small_label("")
    ds.Modality, ds.SOPClassUID = "CT", "1.2.840.10008.5.1.4.1.1.2"
    assert burned_in.reasons_to_read(ds) == []


@needs_ocr
def test_the_name_on_such_a_projection_is_found():
    ds = nm_with_small_label("OKONKWO^CHIDI  NM-448120")
    found = burned_in.inspect(ds, "nm.dcm", Options()).findings
    assert any(f.category in ("name", "patient-id") and "burned into the pixels" in f.message for f in found)
