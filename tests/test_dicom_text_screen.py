"""Text drawn into 12/16-bit cross-sectional pixels, and text the stored window hides, is found
(dicom/text_screen.py) and read; a plain slice costs no OCR. Every name and number is made up."""

from __future__ import annotations

import warnings

import numpy as np
import pydicom
import pytest

from fixtures import dicom_burned_in as fx
from slidesan.api import check, clean
from slidesan.dicom import PackState, burned_in, text_screen
from slidesan.options import Options
from slidesan.pack import dicom_file
from slidesan.report.model import IDENTIFIABLE, NEEDS_REVIEW, PUBLICATION
from slidesan.scan.ocr import tesseract_status

needs_ocr = pytest.mark.skipif(not tesseract_status()[0], reason="tesseract not installed")
NAME, MRN = "HALLORAN^BRIDGET", "6029384"
TEXT = f"{NAME}  MRN {MRN}"


def read(path) -> pydicom.Dataset:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pydicom.dcmread(path)


def test_drawn_text_is_a_spike_of_glyph_marks_and_plain_slices_are_not(tmp_path):
    fx.slice_with_drawn_text(tmp_path / "text.dcm", TEXT)
    fx.slice_with_drawn_text(tmp_path / "plain.dcm", "")
    fx.slice_with_drawn_text(tmp_path / "smooth.dcm", TEXT, smooth=True, modality="MR",
                             sop_class="1.2.840.10008.5.1.4.1.1.4", image_type=("DERIVED", "SECONDARY", "OTHER"))
    assert [value for value, _ in text_screen.text_marks(read(tmp_path / "text.dcm").pixel_array)] == [1900]
    assert text_screen.text_marks(read(tmp_path / "smooth.dcm").pixel_array)
    assert text_screen.text_marks(read(tmp_path / "plain.dcm").pixel_array) == []
    assert text_screen.mark_pictures(read(tmp_path / "plain.dcm")) == []


@pytest.mark.parametrize("blur", [0.7, 1.5, 2.5])
def test_noise_clipped_at_the_lowest_value_is_no_text(blur):
    """A reconstruction smooths its noise, and air below -1024 HU is stored as 0: thousands of clumps
    of one value, some of them letter-sized and side by side, but none a step above its surroundings."""
    import cv2

    rng = np.random.default_rng(3)
    yy, xx = np.mgrid[0:512, 0:512]
    hu = np.where((xx - 256) ** 2 / 200 ** 2 + (yy - 270) ** 2 / 150 ** 2 <= 1, 40.0, -1000.0)
    noise = cv2.GaussianBlur(rng.normal(0, 1, (512, 512)), (0, 0), blur)
    stored = np.clip(hu + noise * 25 / noise.std() + 1024, 0, 4095).round().astype(np.uint16)
    assert (stored == 0).sum() > 2000
    assert text_screen.text_marks(stored) == []


@needs_ocr
@pytest.mark.parametrize("kind", ["axial", "reformat", "low-contrast"])
def test_name_drawn_into_a_ct_or_mr_slice_is_found_and_redacted(tmp_path, kind):
    source = tmp_path / "in.dcm"
    if kind == "axial":
        fx.slice_with_drawn_text(source, TEXT)
    elif kind == "reformat":
        fx.slice_with_drawn_text(source, TEXT, modality="MR", sop_class="1.2.840.10008.5.1.4.1.1.4",
                                 image_type=("DERIVED", "SECONDARY", "MPR"))
    else:                                          # 30 HU above the air it stands on, a narrow window
        fx.slice_with_drawn_text(source, TEXT, text_value=300, window=(-700, 100))
    found = dicom_file.clean_dicom(source.read_bytes(), "in.dcm", PackState(), Options(redact=True),
                                   tmp_path / "out.dcm")
    drawn = [f for f in found if f.step == "burned-in" and f.category in ("name", "hospital-number")]
    assert {"name", "hospital-number"} <= {f.category for f in drawn}
    assert all(f.action == "redacted" for f in drawn)
    written = read(tmp_path / "out.dcm").pixel_array
    assert not np.any(written[:30] == (300 if kind == "low-contrast" else 1900))        # the marks are gone
    assert check([source], Options(jobs=1)).verdict == IDENTIFIABLE


@needs_ocr
def test_text_the_stored_window_hides_is_read_in_a_capture(tmp_path):
    """A 16-bit secondary capture (read for text anyway) whose header window puts both the air and
    the letters above its top: the picture a viewer first shows is white, the name is still there."""
    fx.slice_with_drawn_text(tmp_path / "sc.dcm", TEXT, modality="OT", sop_class="1.2.840.10008.5.1.4.1.1.7",
                             window=(-1020, 2), image_type=("DERIVED", "SECONDARY"))
    inspection = burned_in.inspect(read(tmp_path / "sc.dcm"), "sc.dcm", Options())
    assert {"name", "hospital-number"} <= {f.category for f in inspection.findings}


def test_without_ocr_drawn_text_in_a_slice_is_not_inspected(tmp_path):
    fx.slice_with_drawn_text(tmp_path / "in.dcm", TEXT)
    fx.slice_with_drawn_text(tmp_path / "plain.dcm", "")
    for name, expected in (("in.dcm", 1), ("plain.dcm", 0)):
        found = dicom_file.clean_dicom((tmp_path / name).read_bytes(), name, PackState(), Options(ocr=False), None)
        assert len([f for f in found if f.action == "not-inspected"]) == expected, name
    cleaned = tmp_path / "out"
    cleaned.mkdir()
    assert clean(tmp_path / "in.dcm", cleaned / "in.dcm", Options(ocr=False, jobs=1)).verdict == NEEDS_REVIEW
    assert clean(tmp_path / "plain.dcm", cleaned / "plain.dcm", Options(ocr=False, jobs=1)).verdict == PUBLICATION


@needs_ocr
def test_colour_rendering_saved_under_a_slice_class_is_read(tmp_path):
    """A 3D rendering in colour saved as a CT image (ORIGINAL, no Burned In Annotation): colour
    pixels are a workstation's picture, read for text like a capture."""
    from PIL import Image, ImageDraw

    fx.slice_with_drawn_text(tmp_path / "grey.dcm", "")
    ds = read(tmp_path / "grey.dcm")
    picture = Image.new("RGB", (256, 256), (20, 10, 10))
    ImageDraw.Draw(picture).text((8, 8), TEXT, fill=(255, 220, 120), font=fx._font(14))
    ds.SamplesPerPixel, ds.PhotometricInterpretation, ds.PlanarConfiguration = 3, "RGB", 0
    ds.BitsAllocated, ds.BitsStored, ds.HighBit = 8, 8, 7
    for keyword in ("RescaleIntercept", "RescaleSlope", "WindowCenter", "WindowWidth"):
        delattr(ds, keyword)
    ds.PixelData = np.asarray(picture).tobytes()
    assert burned_in.reasons_to_read(ds)
    inspection = burned_in.inspect(ds, "render.dcm", Options())
    assert {"name", "hospital-number"} <= {f.category for f in inspection.findings}
