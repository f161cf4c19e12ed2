"""The smoothed edges of letters a capture shows are not text the stored window hides (text_screen.py)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw
from pydicom.dataset import Dataset

from fixtures.dicom_burned_in import _font, bare_instance
from slidesan.dicom import pixels, text_screen

ROWS = ("Series  Type     CTDIvol  DLP", "1       Scout    -        -", "2       Helical  10.21    512.30",
        "3       Helical  4.87     100.10", "Total DLP: 612.40 mGy-cm")


def table_capture(size: int) -> Dataset:
    """An 8-bit capture of a dose table: smoothed light grey letters on black, no window in the header."""
    image = Image.new("L", (480, 200), 0)
    draw = ImageDraw.Draw(image)
    for row, text in enumerate(ROWS):
        draw.text((10, 12 + 30 * row), text, fill=230, font=_font(size))
    return bare_instance(np.asarray(image, np.uint8), "OT", "1.2.840.10008.5.1.4.1.1.7")


@pytest.mark.parametrize("size", [11, 12, 13])
def test_the_edges_of_shown_letters_are_not_hidden_text(size):
    ds = table_capture(size)
    assert text_screen.text_marks(pixels.decode_frame(ds, 0))              # drawn text, found by the screen
    assert text_screen.hidden_marks(ds, pixels.render_frames(ds, [0])) == []
