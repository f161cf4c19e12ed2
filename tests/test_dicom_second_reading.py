"""A DICOM frame without a flat area (the noise of an XA or RF run) gets the photograph's second reading
(scan/ocr/photographed.py), but only what that reading reads surely counts: on such frames evening out
the contrast lifts the quantum noise into places that may be text, and each sent a clean run to review.
What the normal reading finds and cannot read still keeps the file from `publication`.

The readers are replaced by a stand-in that says what each reading found (the first reading: the
frame as stored; the second: its evened copy), so the test is about what the pixel pass makes of them."""

from __future__ import annotations

import numpy as np
import pytest

from fixtures.dicom_burned_in import bare_instance
from slidesan.dicom import burned_in
from slidesan.options import Options
from slidesan.scan.ocr import engine, photographed
from slidesan.scan.ocr.lines import OcrLine

LABEL = OcrLine("LAO 30 CRA 20", (10, 230, 120, 244), 92.0)
NOISE_PLACE = OcrLine("3a8:", (150, 40, 190, 52), 31.0, reliable=False, doubt="read with low confidence")
NAME = OcrLine("WHITLOCK^EDWINA", (10, 10, 130, 22), 90.0)


def xa_run() -> object:
    """A made-up XA frame of quantum noise over a vessel tree: no exact grey covers a sixth of it."""
    rng = np.random.default_rng(12)
    frame = np.clip(rng.normal(120, 14, (256, 256)), 0, 255).astype(np.uint8)
    frame[100:110, 20:230] //= 2
    ds = bare_instance(frame, "XA", "1.2.840.10008.5.1.4.1.1.12.1")
    ds.BurnedInAnnotation = "NO"
    return ds


@pytest.fixture
def readings(monkeypatch):
    """The stand-in readers: `said["first"]` for a frame as stored, `said["second"]` for an evened copy."""
    said = {"first": [LABEL], "second": []}
    monkeypatch.setattr(engine, "_require_tesseract", lambda: None)
    monkeypatch.setattr(burned_in, "_tesseract_ready", lambda: True)
    monkeypatch.setattr("slidesan.scan.ocr.tesseract_status", lambda: (True, "stand-in"))
    evened_copies: list = []
    real_evened = photographed.evened

    def evened(rgb):
        copy = real_evened(rgb)
        evened_copies.append(copy)
        return copy

    def read_arrays(arrays, thorough=False, places_out=None):
        return [list(said["second"] if any(a is copy for copy in evened_copies) else said["first"]) for a in arrays]

    monkeypatch.setattr(photographed, "evened", evened)
    monkeypatch.setattr(engine, "_read_arrays", read_arrays)
    return said


def unread(findings) -> list:
    return [f for f in findings if f.action == "not-inspected"]


def test_the_frame_is_one_a_second_reading_is_made_for():
    rgb = np.dstack([np.asarray(burned_in.pixels.render_frames(xa_run(), [0])[0].image.convert("L"))] * 3)
    assert photographed.has_no_flat_area(rgb)


def test_an_unsure_place_of_the_second_reading_does_not_hold_a_clean_run(readings):
    readings["second"] = [NOISE_PLACE]
    found = burned_in.inspect(xa_run(), "xa.dcm", Options()).findings
    assert not unread(found), [f.message for f in found]


def test_a_name_the_second_reading_reads_surely_is_still_found(readings):
    readings["second"] = [NAME, NOISE_PLACE]
    ds = xa_run()
    ds.PatientName = "WHITLOCK^EDWINA"
    found = burned_in.inspect(ds, "xa.dcm", Options()).findings
    assert any(f.category == "name" and "burned into the pixels" in f.message for f in found)


def test_text_the_first_reading_cannot_read_still_goes_to_review(readings):
    readings["first"] = [LABEL, NOISE_PLACE]
    found = burned_in.inspect(xa_run(), "xa.dcm", Options()).findings
    assert unread(found)


def test_a_photograph_outside_dicom_keeps_its_unsure_places(readings):
    """Pictures in decks and packs (phone photographs of screens) keep the whole second reading."""
    readings["second"] = [NOISE_PLACE]
    frame = burned_in.pixels.render_frames(xa_run(), [0])[0].image
    lines = engine.read_text(frame)
    assert any(not line.reliable for line in lines)
