"""Pictures changed the way a lecturer's pipeline changes them (here: pasted on a slide-like canvas)
are read like the picture they came from (benchmarks/bench_ocr_varied.py measures this on real
pictures; these are made-up ones, drawn here)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from slidesan.scan.ocr import learned, tesseract_status

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
