"""Where the text is, and how to show it to Tesseract.

Overlay text is thin, high-contrast strokes in corners and bands; anatomy is smooth or speckled.
A white/black top-hat (pixel minus its local opening/closing) keeps strokes narrower than the
kernel and drops the background, whatever its brightness, so white text on bright anatomy and
dark text on a shaded scanned form both stand out. A chroma top-hat does the same for yellow,
green or cyan text on grey anatomy. Strokes are joined horizontally into line candidates, and
each candidate crop is turned into dark text on a flat white background at the height
Tesseract reads best (~32 px), padded so that text touching the image edge has a margin.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

TARGET_HEIGHT = 34          # text height (px) handed to Tesseract
MIN_TEXT, MAX_TEXT = 6, 90  # plausible text-line heights in the source picture
STROKE_LEVEL = 38           # top-hat response that counts as a stroke (0-255)


@dataclass(frozen=True)
class Region:
    """A candidate text line: box in image pixels, which channel shows it best, and polarity."""

    box: tuple[int, int, int, int]
    channel: str        # "gray" or "chroma"
    light_text: bool


def to_rgb_array(image: Image.Image) -> np.ndarray:
    """Any Pillow mode to 8-bit RGB (16-bit greyscale is windowed to its own range)."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        values = np.asarray(image, dtype=np.float32)
        lo, hi = np.percentile(values, (0.5, 99.5))
        gray = np.clip((values - lo) * 255.0 / max(hi - lo, 1), 0, 255).astype(np.uint8)
        return np.dstack([gray] * 3)
    if image.mode in ("RGBA", "LA", "P", "PA"):
        image = image.convert("RGBA")
        canvas = Image.new("RGBA", image.size, (0, 0, 0, 255))
        image = Image.alpha_composite(canvas, image)
    return np.asarray(image.convert("RGB"))


def channels(rgb: np.ndarray) -> dict[str, np.ndarray]:
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    chroma = (rgb.max(axis=2).astype(np.int16) - rgb.min(axis=2)).astype(np.uint8)
    return {"gray": gray, "chroma": chroma}


def _kernel(size: int) -> np.ndarray:
    return cv2.getStructuringElement(cv2.MORPH_RECT, (size, size))


def stroke_maps(chans: dict[str, np.ndarray], kernel: int = 15) -> dict[str, np.ndarray]:
    """Top-hat responses: light strokes, dark strokes, coloured strokes."""
    k = _kernel(kernel)
    return {
        "light": cv2.morphologyEx(chans["gray"], cv2.MORPH_TOPHAT, k),
        "dark": cv2.morphologyEx(chans["gray"], cv2.MORPH_BLACKHAT, k),
        "chroma": cv2.morphologyEx(chans["chroma"], cv2.MORPH_TOPHAT, k),
    }


def _line_boxes(mask: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Join strokes into words and lines; keep components shaped like text lines."""
    joined = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 3)))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    boxes = []
    for i in range(1, count):
        x, y, w, h, area = stats[i]
        if not (MIN_TEXT <= h <= MAX_TEXT) or w < 4:
            continue
        fill = area / float(w * h)
        if fill > 0.85 and w * h > 400:      # solid bars and blocks, not text
            continue
        if w < 0.5 * h:                       # too narrow even for 'I' with a neighbour
            continue
        boxes.append((int(x), int(y), int(x + w), int(y + h)))
    return boxes


def _merge(boxes: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Merge boxes on the same baseline with a gap under ~one text height (words of a line)."""
    boxes = sorted(boxes, key=lambda b: (b[1], b[0]))
    changed = True
    while changed:
        changed = False
        out: list[tuple[int, int, int, int]] = []
        for box in boxes:
            for i, other in enumerate(out):
                h = min(box[3] - box[1], other[3] - other[1])
                overlap = min(box[3], other[3]) - max(box[1], other[1])
                gap = max(box[0] - other[2], other[0] - box[2])
                if overlap >= 0.5 * h and gap <= max(8, 1.0 * max(box[3] - box[1], other[3] - other[1])):
                    out[i] = (min(box[0], other[0]), min(box[1], other[1]), max(box[2], other[2]), max(box[3], other[3]))
                    changed = True
                    break
            else:
                out.append(box)
        boxes = out
    return boxes


def find_regions(rgb: np.ndarray) -> list[Region]:
    """Candidate text lines of a picture, each with the channel and polarity that show it."""
    chans = channels(rgb)
    maps = stroke_maps(chans)
    regions: list[Region] = []
    taken = np.zeros(chans["gray"].shape, bool)
    for name, channel, light in (("chroma", "chroma", True), ("light", "gray", True), ("dark", "gray", False)):
        mask = (maps[name] >= STROKE_LEVEL).astype(np.uint8)
        for box in _merge(_line_boxes(mask)):
            l, t, r, b = box
            if taken[t:b, l:r].mean() > 0.5:     # already found through another channel
                continue
            taken[t:b, l:r] = True
            regions.append(Region(box, channel, light))
    return regions


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
    k = _kernel(max(7, int(TARGET_HEIGHT * 0.8)) | 1)
    op = cv2.MORPH_TOPHAT if region.light_text else cv2.MORPH_BLACKHAT
    strokes = cv2.morphologyEx(crop, op, k)
    top = float(np.percentile(strokes, 99.5)) or 1.0
    text_dark = 255 - np.clip(strokes.astype(np.float32) * (255.0 / top), 0, 255).astype(np.uint8)
    margin = int(TARGET_HEIGHT * 0.5)
    text_dark = cv2.copyMakeBorder(text_dark, margin, margin, margin, margin, cv2.BORDER_CONSTANT, value=255)
    return Crop(text_dark, scale, l0, t0, margin)
