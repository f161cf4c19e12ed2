"""A candidate text line, and the channel it reads best in.

Coloured overlay text can be clearer in luminance or in colour depending on what lies under it, so
the channel is chosen per line by how cleanly it splits into two levels (its weakest stretch
decides, not the average). preprocess.py finds regions with it; line_crops.py crops them.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

TARGET_HEIGHT = 34          # text height (px) handed to Tesseract


@dataclass(frozen=True)
class Region:
    """A candidate text line: box in image pixels, which channel shows it best, and polarity."""

    box: tuple[int, int, int, int]
    channel: str        # "gray" or "chroma"
    light_text: bool


def _separability(values: np.ndarray) -> float:
    """Otsu's between-class share of variance: 1.0 = two clean levels (text and background)."""
    if values.size < 16 or values.std() < 1:
        return 0.0
    _, split = cv2.threshold(values, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    fg, bg = values[split > 0], values[split == 0]
    if not fg.size or not bg.size:
        return 0.0
    between = fg.size * bg.size / values.size ** 2 * (float(fg.mean()) - float(bg.mean())) ** 2
    return between / float(values.var())


def _weakest_part(pixels: np.ndarray) -> float:
    """Separability of the worst stretch of a line (a few letters wide): a channel in which the
    words fade out halfway along loses those words, however clean the rest is."""
    height, width = pixels.shape
    step = max(3 * height, 12)
    parts = [pixels[:, x:x + step] for x in range(0, max(width - step // 2, 1), step)]
    return min(_separability(np.ascontiguousarray(part)) for part in parts)


def clearer_channel(chans: dict[str, np.ndarray], box, found_in: str, light: bool = True) -> str:
    """Coloured text is often clearer in luminance (JPEG halves colour resolution), unless the
    background is as bright as the text: pick whichever separates the crop better. Coloured
    text running from a dark background onto bright anatomy fades in luminance halfway along
    while its colour does not: then chroma, whatever the separability of the dark half says."""
    l, t, r, b = box
    gray, chroma = chans["gray"][t:b, l:r], chans["chroma"][t:b, l:r]
    if light and gray.size >= 16 and found_in in ("gray", "chroma"):
        low, high = np.percentile(chroma, (50, 90))
        background = gray[gray <= np.percentile(gray, 50)]
        if high >= 100 and low <= 45 and float(background.std()) >= 15:
            return "chroma"
        if high >= 100 and _weakest_part(chroma) > _weakest_part(gray) + 0.1:
            return "chroma"
    if found_in != "chroma":
        return found_in
    return "chroma" if _separability(chroma) > _separability(gray) + 0.05 else "gray"
