"""CT padding outside the field of view is one value in a quarter of the slice; the screen measures it
from the frame's edge instead of labelling the whole frame, and must still find text drawn at that
value (dicom/text_screen.py, _may_hold_glyphs). Made-up noise and a made-up name."""

from __future__ import annotations

import numpy as np
import pytest

from slidesan.dicom import text_screen

PADDING = -2000


def padded_slice(seed: int = 5) -> np.ndarray:
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:512, 0:512]
    body = (xx - 256) ** 2 / 200 ** 2 + (yy - 270) ** 2 / 150 ** 2 <= 1
    frame = (np.where(body, 1064, 24) + rng.integers(-20, 20, (512, 512))).astype(np.int16)
    frame[(xx - 255.5) ** 2 + (yy - 255.5) ** 2 > 256 ** 2] = PADDING
    return frame


def draw(frame: np.ndarray, text: str, origin: tuple[int, int], value: int) -> np.ndarray:
    import cv2

    canvas = np.zeros(frame.shape, np.uint8)
    cv2.putText(canvas, text, origin, cv2.FONT_HERSHEY_SIMPLEX, 0.7, 1, 2, cv2.LINE_8)
    out = frame.copy()
    out[canvas > 0] = value
    return out


def test_padding_alone_is_no_text_and_is_not_labelled_as_a_whole():
    frame = padded_slice()
    assert not text_screen._may_hold_glyphs(frame == PADDING)
    assert text_screen.text_marks(frame) == []


@pytest.mark.parametrize("origin", [(90, 300), (4, 40)], ids=["inside the field of view", "from the padding in"])
def test_text_drawn_at_the_padding_value_is_found(origin):
    frame = draw(padded_slice(), "HALLORAN BRIDGET 6029384", origin, PADDING)
    assert text_screen._may_hold_glyphs(frame == PADDING)
    assert PADDING in [value for value, _ in text_screen.text_marks(frame)]


def test_a_glyph_sized_mark_on_the_edge_is_labelled():
    mask = np.zeros((64, 64), bool)
    mask[0:12, 0:8] = True                      # one letter-sized mark touching the corner, nothing else
    assert text_screen._may_hold_glyphs(mask)
    mask[:] = False
    mask[0:2, :] = True                         # a strip along the edge: not a glyph
    assert not text_screen._may_hold_glyphs(mask)
