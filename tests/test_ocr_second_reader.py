"""The learned second reader (scan/ocr/learned.py) and how its places and readings settle
Tesseract's lines (scan/ocr/confirm.py)."""

from __future__ import annotations

import shutil
import socket

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from slidesan.scan.ocr import confirm, learned
from slidesan.scan.ocr.lines import OcrLine


def tline(text, box, conf):
    x0, y0, x1, y1 = box
    return OcrLine(text, box, conf, text, ((0, len(text), box),))


@pytest.fixture
def fake_reader(monkeypatch):
    """The recogniser replaced by a table of readings per crop width (deterministic, no model)."""
    readings: dict[int, tuple[str, float]] = {}
    calls: list[int] = []

    def recognise(crops):
        calls.append(len(crops))
        return [readings.get(crop.shape[1], ("", 0.0)) for crop in crops]

    monkeypatch.setattr(learned, "recognise", recognise)
    return readings, calls


RGB = np.zeros((200, 400, 3), np.uint8)


def test_an_unsure_line_where_the_detector_saw_no_text_is_texture(fake_reader):
    lines = confirm.reconcile([tline("Sesathi Sshaly", (10, 10, 110, 22), 20.0)], [(200, 100, 300, 120)], RGB)
    assert lines[0].texture and lines[0].reliable


def test_a_place_no_tesseract_word_covers_is_read_by_the_recogniser(fake_reader):
    readings, calls = fake_reader
    readings[120] = ("MEDICAL IMAGING OF COLO.", 0.96)
    lines = confirm.reconcile([], [(10, 10, 130, 24)], RGB)
    assert [(ln.text, ln.reader, ln.reliable) for ln in lines] == [("MEDICAL IMAGING OF COLO.", "learned", True)]


def test_a_place_the_recogniser_reads_unsurely_stays_unread(fake_reader):
    readings, _ = fake_reader
    readings[120] = ("Ajqvxz Opwel", 0.41)
    lines = confirm.reconcile([], [(10, 10, 130, 24)], RGB)
    assert len(lines) == 1 and not lines[0].reliable and "low confidence" in lines[0].doubt


def test_an_unsure_tesseract_line_on_a_place_takes_the_surer_reading(fake_reader):
    readings, _ = fake_reader
    line = tline("KAUEMAN SC0TT", (40, 50, 140, 62), 45.0)
    crop_width = confirm._padded(line.box, RGB.shape)
    readings[crop_width[2] - crop_width[0]] = ("KAUFMAN SCOTT", 0.97)
    lines = confirm.reconcile([line], [(30, 45, 150, 66)], RGB)
    assert [(ln.text, ln.reader, ln.texture) for ln in lines] == [("KAUFMAN SCOTT", "learned", False),
                                                                 ("KAUEMAN SC0TT", "tesseract", True)]


def test_a_place_whose_every_reading_is_a_symbol_is_no_text(fake_reader):
    readings, _ = fake_reader
    readings[60] = ("\u2606", 0.5)
    assert confirm.reconcile([], [(10, 10, 70, 24)], RGB) == []


def test_a_long_place_read_as_nothing_is_text_not_read_not_a_symbol(fake_reader):
    """A whole header line tilted by a few degrees: the detector is sure of a long place, the
    recogniser reads its upright crop as a mark. That is a line nobody read, never an icon."""
    readings, _ = fake_reader
    readings[300] = ("-", 0.6)
    lines = confirm.reconcile([], [(10, 10, 310, 40)], RGB)
    assert [(ln.text, ln.reliable) for ln in lines] == [("", False)]


def test_places_beyond_the_reading_budget_are_unread_and_thorough_reads_them(fake_reader):
    readings, calls = fake_reader
    places = [(10, 10 + 14 * k, 130, 22 + 14 * k) for k in range(confirm.REREAD_BUDGET + 3)]
    readings[120] = ("Harmless words", 0.95)
    lines = confirm.reconcile([], places, RGB)
    assert sum(not ln.reliable for ln in lines) == 3
    assert all("reading limit" in ln.doubt for ln in lines if not ln.reliable)
    assert all(ln.reliable for ln in confirm.reconcile([], places, RGB, thorough=True))


def test_without_the_learned_reader_unsure_lines_are_unreliable():
    lines = confirm.reconcile([tline("Kreich Mihal", (10, 10, 100, 22), 30.0), tline("W:400 L:40", (10, 30, 90, 42), 90.0)],
                              None, RGB)
    assert [ln.reliable for ln in lines] == [False, True]


# ---------------------------------------------------------------- the real models

def _picture(text: str, size: int = 22) -> np.ndarray:
    font = ImageFont.truetype("DejaVuSans.ttf", size)
    image = Image.new("RGB", (520, 80), (0, 0, 0))
    ImageDraw.Draw(image).text((12, 24), text, font=font, fill=(230, 230, 230))
    return np.asarray(image)


@pytest.mark.skipif(not learned.status()[0], reason="learned reader not installed")
def test_models_load_from_the_package_and_read_without_the_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the learned reader touched the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    rgb = _picture("SMITH, John  DOB 14/03/1961")
    places = learned.detect(rgb, confirm.DETECT_SIDE)
    assert places, "the detector found no text"
    (box, _score) = max(places, key=lambda p: p[0][2] - p[0][0])
    text, score = learned.recognise([rgb[box[1]:box[3], box[0]:box[2]]])[0]
    assert "SMITH" in text and "1961" in text and score > 0.8


def test_a_missing_model_is_reported_not_silently_skipped(monkeypatch, tmp_path):
    monkeypatch.setattr(learned, "_status", None)
    monkeypatch.setattr(learned, "_model_dir", lambda: tmp_path)
    available, message = learned.status()
    assert not available and "missing" in message and learned.detect(RGB, 512) == []


@pytest.mark.skipif(not learned.status()[0] or not shutil.which("tesseract"), reason="needs both readers")
def test_a_line_printed_at_a_slant_is_read_from_its_own_quadrilateral():
    """A header photographed or scanned 4° off level: Tesseract finds no line there, the detector's
    place is read made level: the number is an identifier, the name (no list knows it) goes to review."""
    from slidesan.scan.ocr import read_text
    from slidesan.scan.picture_text import judge_picture

    font = ImageFont.truetype("DejaVuSans.ttf", 24)
    band = Image.new("RGB", (900, 60), (200, 200, 200))
    ImageDraw.Draw(band).text((10, 14), "Greyfield Clinic   Okonkwo-Brandt, Adaeze   00482913", font=font, fill=(10, 10, 10))
    picture = Image.new("RGB", (1000, 700), (200, 200, 200))
    picture.paste(band.rotate(-4, expand=True, fillcolor=(200, 200, 200)), (20, 10))
    ImageDraw.Draw(picture).rectangle([40, 160, 960, 680], fill=(0, 0, 0))
    judged = judge_picture(read_text(picture))
    found = {m.text for _, m in judged.flagged()}
    assert "00482913" in found and any("Okonkwo" in text for text in found), found


@pytest.mark.parametrize("text", ["000 o0", "oo0 oO", "OOOO"])
def test_a_sure_tesseract_line_of_rings_and_zeros_is_not_a_reading(fake_reader, text):
    """Tesseract's English model reads Hangul and missing-glyph boxes as rings and zeros, with high
    confidence: such a line is read again, and the place stays unread when nothing better comes."""
    line = tline(text, (40, 50, 140, 62), 91.0)
    for places in ([(30, 45, 150, 66)], None):
        lines = confirm.reconcile([line], places, RGB)
        assert lines and not any(ln.reliable and not ln.texture for ln in lines), (places, lines)


@pytest.mark.parametrize("text", ["1000", "11 11", "W: 80 L: 40", "Se: 3"])
def test_sure_numbers_and_labels_still_stand_on_their_own(fake_reader, text):
    line = tline(text, (40, 50, 140, 62), 91.0)
    assert confirm.reconcile([line], [(30, 45, 150, 66)], RGB) == [line]
