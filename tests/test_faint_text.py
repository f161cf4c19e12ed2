"""Faint text (a few levels off a flat background) is found; noise in clipped air is not taken for it.

A CT window clips the air's noise at black, so the air is black with faint speckles: letters of
a few levels on exactly flat black look the same to a per-mark test, and the faint view then fed
OCR random marks that read as a ten-digit number (red team 5's clean control, flagged high). What
tells them apart is what surrounds a mark: letters sit on flat background, noise continues around.
"""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from slidesan.images.contrast import low_contrast_view

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
NAME = "SMITH John 9434765919"


def font(size):
    try:
        return ImageFont.truetype(FONT, size)
    except OSError:
        return ImageFont.load_default(size)


def faint_text(size: int, level: int, where: str) -> Image.Image:
    background = 40 if where == "grey" else 0
    image = Image.new("L", (700, 200), background)
    draw = ImageDraw.Draw(image)
    if where == "caption":
        draw.text((10, 60), "WL 40 WW 400", fill=220, font=font(size))
    draw.text((10, 1 if where == "edge" else 80), NAME, fill=background + level, font=font(size))
    return image


def clipped_noise(sd: float, caption: bool, seed: int) -> Image.Image:
    pixels = np.clip(np.random.default_rng(seed).normal(0, sd, (300, 600)), 0, 255).astype(np.uint8)
    image = Image.fromarray(pixels)
    if caption:
        ImageDraw.Draw(image).text((10, 5), "WL 40 WW 400", fill=220, font=font(14))
    return image


@pytest.mark.parametrize("sd,caption,seed", [(3, False, 1), (3, True, 2), (5, False, 3), (6, True, 4), (8, False, 5)])
def test_noise_in_clipped_air_is_not_faint_text(sd, caption, seed):
    assert low_contrast_view(clipped_noise(sd, caption, seed)) is None


@pytest.mark.parametrize("size", [10, 14, 24])
@pytest.mark.parametrize("level", [3, 10, 20])
@pytest.mark.parametrize("where", ["middle", "edge", "caption", "grey"])
def test_faint_text_is_still_found(size, level, where):
    view = low_contrast_view(faint_text(size, level, where))
    assert view is not None
    dark = np.asarray(view) < 128                      # the letters, stretched to dark on white
    rows = np.nonzero(dark.any(axis=1))[0]
    assert dark.sum() > 40 and rows.max() - rows.min() <= size * 1.6


@pytest.mark.skipif(not shutil.which("tesseract"), reason="tesseract is not installed")
def test_faint_text_beside_a_caption_reads_whole():
    import pytesseract

    text = pytesseract.image_to_string(low_contrast_view(faint_text(14, 3, "caption")), config="--psm 6")
    assert "SMITH" in text and "9434765919" in text
