"""A line of text as Tesseract reads it best: which channel shows it, and the crop itself.

Coloured overlay text can be clearer in luminance or in colour depending on what lies under it, so
the channel is chosen per line by how cleanly it splits into two levels (its weakest stretch
decides, not the average). The crop is then scaled to TARGET_HEIGHT, its background flattened
with a top-hat at that scale, binarised (Otsu) with rules and box edges whited out, and padded so
that text touching the picture's edge has a margin.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import cv2
import numpy as np

if TYPE_CHECKING:       # preprocess imports this module to choose each region's channel
    from slidesan.scan.ocr.preprocess import Region

TARGET_HEIGHT = 34          # text height (px) handed to Tesseract


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


RULE = 3 * TARGET_HEIGHT     # a dark horizontal run this long is a rule or a box edge, not a letter


def _without_rules(text_dark: np.ndarray) -> np.ndarray:
    """White out form rules, underlines and the edges of boxes drawn round words: touching the
    letters, they make Tesseract misread the whole line (`https://` as `FittBs://`)."""
    ink = 255 - text_dark
    rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (RULE, 1)))
    if not rules.any():
        return text_dark
    return cv2.max(text_dark, rules)


MARK_CHROMA = 60            # colour saturation of an annotation mark (box, circle, underline) drawn in colour


def _without_coloured_outlines(text_dark: np.ndarray, chroma: np.ndarray, scale: float) -> np.ndarray:
    """White out boxes and rings drawn in colour round dark text (a redactor's highlight boxes, a
    lecturer's red ring round a name): an outline is a nearly empty shape much wider than tall.
    A coloured letter in a thin font can be as empty (`L`, `T`, `O`), but not that wide. Touching
    the letters, such marks turn `(212)` into `[21Z]`."""
    marks = (chroma >= MARK_CHROMA).astype(np.uint8)
    if not marks.any():
        return text_dark
    count, labels, stats, _ = cv2.connectedComponentsWithStats(marks, connectivity=8)
    w, h, area = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT], stats[:, cv2.CC_STAT_AREA]
    outline = (w >= 1.8 * h) & (w * scale >= 0.6 * TARGET_HEIGHT) & (area <= 0.2 * w * h)
    outline[0] = False
    if not outline.any():
        return text_dark
    outlines = outline[labels].astype(np.uint8)
    outlines = cv2.resize(cv2.dilate(outlines, _square(3)), (text_dark.shape[1], text_dark.shape[0]),
                          interpolation=cv2.INTER_LINEAR)
    return np.where(outlines > 0, np.uint8(255), text_dark)


@dataclass(frozen=True)
class Crop:
    """Pixels ready for Tesseract and the map back: source x = left + (x - margin) / scale."""

    pixels: np.ndarray
    scale: float
    left: int
    top: int
    margin: int

    def to_source(self, x: float, y: float) -> tuple[int, int]:
        return (int(round(self.left + (x - self.margin) / self.scale)),
                int(round(self.top + (y - self.margin) / self.scale)))


def crop_for_ocr(chans: dict[str, np.ndarray], region: Region) -> Crop:
    """Dark text on white, scaled to TARGET_HEIGHT, with a white margin round it."""
    l, t, r, b = region.box
    height = b - t
    pad = max(4, height // 3)
    H, W = chans["gray"].shape
    l0, t0, r0, b0 = max(0, l - pad), max(0, t - pad), min(W, r + pad), min(H, b + pad)
    crop = chans[region.channel][t0:b0, l0:r0]
    scale = min(4.0, max(0.5, TARGET_HEIGHT / max(height, 1)))
    crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA)
    # top-hat at the crop's own scale flattens the background (bright anatomy, shaded paper);
    # Otsu then leaves black strokes on white, which Tesseract reads best
    k = _square(max(7, int(TARGET_HEIGHT * 0.8)) | 1)
    strokes = cv2.morphologyEx(crop, cv2.MORPH_TOPHAT if region.light_text else cv2.MORPH_BLACKHAT, k)
    top = float(np.percentile(strokes, 99.5)) or 1.0
    text_dark = 255 - np.clip(strokes.astype(np.float32) * (255.0 / top), 0, 255).astype(np.uint8)
    text_dark = cv2.GaussianBlur(text_dark, (3, 3), 0)
    _, text_dark = cv2.threshold(text_dark, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    text_dark = _without_rules(text_dark)
    if not region.light_text:
        text_dark = _without_coloured_outlines(text_dark, chans["chroma"][t0:b0, l0:r0], scale)
    margin = int(TARGET_HEIGHT * 0.5)
    text_dark = cv2.copyMakeBorder(text_dark, margin, margin, margin, margin, cv2.BORDER_CONSTANT, value=255)
    return Crop(text_dark, scale, l0, t0, margin)


def _square(size: int) -> np.ndarray:
    return cv2.getStructuringElement(cv2.MORPH_RECT, (size, size))
