"""A line of text as Tesseract reads it best: which channel shows it, and the crop itself.

The channel each line is read in was chosen when its region was found (regions.py). The crop is scaled to TARGET_HEIGHT, its background flattened
with a top-hat at that scale, binarised (Otsu) with rules and box edges whited out, and padded so
that text touching the picture's edge has a margin.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from slidesan.scan.ocr.regions import TARGET_HEIGHT, Region


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
