"""Pictures changed the way a lecturer's pipeline changes them (here: pasted on a slide-like canvas)
are read like the picture they came from (benchmarks/bench_ocr_varied.py measures this on real
pictures; these are made-up ones, drawn here)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from slidesan.scan.ocr import confirm, learned, tesseract_status
from slidesan.scan.ocr.lines import OcrLine

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

needs_readers = pytest.mark.skipif(not (tesseract_status()[0] and learned.status()[0]),
                                   reason="tesseract or the learned reader is not installed")


def font(size: int):
    try:
        return ImageFont.truetype(DEJAVU, size)
    except OSError:
        return ImageFont.load_default(size=size)


def viewer_screenshot(size: int = 10) -> Image.Image:
    """A dark viewer with its patient block top left and window/level bottom right, `size` px text."""
    image = Image.new("RGB", (760, 520), (20, 20, 24))
    draw = ImageDraw.Draw(image)
    rows = ["Patient: OKAFOR, Adaeze", "ID: 40817263", "DOB: 12/03/1961", "Study: CT CHEST"]
    for k, text in enumerate(rows):
        draw.text((12, 12 + k * (size + 6)), text, font=font(size), fill=(235, 235, 235))
    for k, text in enumerate(["W: 400 L: 40", "Im: 12/88"]):
        draw.text((560, 470 + k * (size + 6)), text, font=font(size), fill=(235, 235, 235))
    return image


def on_canvas(image: Image.Image, colour) -> Image.Image:
    """The screenshot pasted on a 16:9 slide-sized canvas, off centre (a title's room above)."""
    canvas = Image.new("RGB", (1920, 1080), colour)
    canvas.paste(image, (300, 400))
    return canvas


@needs_readers
@pytest.mark.parametrize("colour", [(255, 255, 255), (18, 18, 22)], ids=["white", "dark"])
def test_a_screenshot_pasted_on_a_slide_canvas_is_detected_at_its_own_scale(colour):
    """The detector shrinks a picture to a fixed width: a canvas round the screenshot would shrink
    its text with it. Plain margins hold no text and are left out first."""
    pasted = np.asarray(on_canvas(viewer_screenshot(9), colour))
    left, top, right, bottom = learned.content_box(pasted)
    assert 300 <= left < 330 and 400 <= top < 430 and 880 < right <= 1060 and 880 < bottom <= 920
    places = learned.detect_places(pasted, 1024)
    assert len(places) >= 5
    assert all(300 <= box[0] and box[2] <= 1060 and 400 <= box[1] and box[3] <= 920 for box, _, _ in places)


# ---------------------------------------------------------------- small text and the learned reader's budget

def _line(text: str, box, conf: float) -> OcrLine:
    return OcrLine(text, box, conf, text, ((0, len(text), box),))


@pytest.fixture
def sure_reader(monkeypatch):
    """The recogniser replaced by one that reads every crop surely (no model); counts the crops."""
    crops_read: list[int] = []

    def recognise(crops):
        crops_read.append(len(crops))
        return [("ID 40817263", 0.97)] * len(crops)

    monkeypatch.setattr(learned, "recognise", recognise)
    return crops_read


RGB = np.zeros((600, 800, 3), np.uint8)
ICON = (300, 300, 330, 330)     # the picture's one detector place, far from the line and too short to read


def _worklist(height: int, rows: int) -> tuple[list[OcrLine], list]:
    """`rows` lines Tesseract read unsurely, each on a detector place, text `height` px high."""
    lines = [_line("0KAF0R Adaeze 4O8I7Z63", (10, 10 + 2 * height * k, 200, 10 + 2 * height * k + height), 35.0)
             for k in range(rows)]
    places = [(8, 8 + 2 * height * k, 204, 12 + 2 * height * k + height) for k in range(rows)]
    return lines, places


@pytest.mark.parametrize("height", [6, 8])
def test_a_picture_of_small_text_has_more_re_reads(sure_reader, height):
    """A screenshot shrunk onto a slide: every line is small and Tesseract unsure of most. The
    default reads SMALL_BUDGET more of them again, so none ends 'reading limit reached'."""
    rows = confirm.REREAD_BUDGET + confirm.SMALL_BUDGET
    lines, places = _worklist(height, rows)
    out = confirm.reconcile(lines, places, RGB)
    assert sum(sure_reader) == rows
    assert sum(ln.reader == "learned" and ln.reliable for ln in out) == rows


def test_a_picture_of_text_at_its_own_size_costs_what_it_did(sure_reader):
    lines, places = _worklist(16, confirm.REREAD_BUDGET + 5)
    out = confirm.reconcile(lines, places, RGB)
    assert sum(sure_reader) == confirm.REREAD_BUDGET
    assert sum("reading limit" in ln.doubt for ln in out) == 5


@pytest.mark.parametrize("height,scale", [(4, 1.0), (9, 0.4)])
def test_an_unsure_line_too_small_for_the_detector_is_read_again_not_texture(sure_reader, height, scale):
    """The detector saw no text there, but at its scale the line is lower than it sees: its silence
    is no evidence, and the line is read again (or left unread), never dropped as texture."""
    line = _line("1D 4O8I7Z63", (10, 10, 120, 10 + height), 30.0)
    out = confirm.reconcile([line], [ICON], RGB, detect_scale=scale)
    assert not any(ln.doubt == confirm.NOT_TEXT for ln in out)
    assert [ln.text for ln in out if ln.reader == "learned"] == ["ID 40817263"]


def test_an_unsure_line_the_detector_could_see_is_still_texture(sure_reader):
    line = _line("Sesathi Sshaly", (10, 10, 120, 22), 30.0)
    out = confirm.reconcile([line], [ICON], RGB, detect_scale=1.0)
    assert [ln.texture for ln in out] == [True] and sum(sure_reader) == 0
