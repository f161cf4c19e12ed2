"""Frames of a cine loop read beyond the sampled ones: text drawn on only some frames (frame_choice.py)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw
from pydicom.dataset import Dataset

from fixtures.dicom_burned_in import _font, bare_instance
from slidesan.dicom import burned_in, frame_choice, pixels
from slidesan.options import Options
from slidesan.scan.ocr import tesseract_status

needs_ocr = pytest.mark.skipif(not tesseract_status()[0], reason="tesseract not installed")
BANNER = "NOWAKOWSKA^ZOFIA  ID 5512-093"


def cine(frames: int, banner_on=(), banners: dict | None = None) -> Dataset:
    """A grey ultrasound loop: speckle that moves on every frame below a black band; the band shows
    BANNER on the frames in `banner_on` (or banners[frame] on those frames)."""
    rng = np.random.default_rng(7)
    stack = np.zeros((frames, 240, 320), np.uint8)
    for index in range(frames):
        stack[index, 60:, 40:280] = rng.integers(10, 200, (180, 240), dtype=np.uint8)
        text = (banners or {}).get(index, BANNER if index in banner_on else None)
        if text:
            band = Image.fromarray(stack[index, :40].copy(), "L")
            ImageDraw.Draw(band).text((6, 10), text, fill=230, font=_font(14))
            stack[index, :40] = np.asarray(band)
    return bare_instance(stack, "US", "1.2.840.10008.5.1.4.1.1.3.1")


def test_a_frame_showing_text_where_the_sampled_frames_are_still_is_read_too():
    ds = cine(12, banner_on=(9, 10))
    assert not {9, 10} & set(pixels.sample_frames(12))           # sampling alone never sees the banner
    choice = frame_choice.frames_to_read(ds)
    assert choice.extra == [9]                                   # frames 9 and 10 show the same: read once
    assert set(pixels.sample_frames(12)) < set(choice.frames) and not choice.not_read


def test_a_loop_that_only_moves_adds_no_frame():
    choice = frame_choice.frames_to_read(cine(30))
    assert choice.frames == pixels.sample_frames(30) and not choice.not_read


def test_more_distinct_texts_than_the_budget_are_reported_not_read():
    hidden = [i for i in range(40) if i not in pixels.sample_frames(40)]
    ds = cine(40, banners={index: f"ACC {index * 7919:07d} / {index}" for index in hidden})
    choice = frame_choice.frames_to_read(ds)
    assert len(choice.extra) == frame_choice.MAX_EXTRA_FRAMES
    assert "not these" in choice.not_read


def test_a_loop_too_large_to_compare_keeps_its_sampling_and_says_so(monkeypatch):
    """Beyond the decoding budget no frame is compared: the sampled frames are read, and the caller is told
    the rest were neither read nor compared (an OCR-read loop reports it as not inspected)."""
    monkeypatch.setattr(frame_choice, "MAX_COMPARED_SAMPLES", 320 * 240 * 10)
    choice = frame_choice.frames_to_read(cine(12, banner_on=(9, 10)))
    assert choice.frames == pixels.sample_frames(12) and not choice.compared
    assert "neither read nor compared" in choice.not_read


@needs_ocr
def test_a_name_shown_only_between_the_sampled_frames_is_found():
    ds = cine(12, banner_on=(9, 10))
    ds.PatientName, ds.PatientID = "NOWAKOWSKA^ZOFIA", "5512-093"
    found = burned_in.inspect(ds, "cine.dcm", Options())
    names = [f for f in found.findings if f.category == "name" and "burned into the pixels" in f.message]
    assert names                          # read on frame 10, which sampling skips
