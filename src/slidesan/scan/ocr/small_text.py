"""Text below the size the region finder works at, looked at again enlarged.

A screenshot that PowerPoint shrank to fit a slide keeps its overlay text, 5-7 px high. Its
strokes are then a pixel wide and JPEG smears them, so find_regions sees letter fragments too
small or too broken to pass as a line. The stroke masks still show where such text is: short
rows of tiny fragments with quiet surroundings. Only those places are enlarged (ZOOM) and
searched again, so a picture without tiny text costs one more look at masks already computed,
not a second full pass.
"""

from __future__ import annotations

import cv2
import numpy as np

from slidesan.scan.ocr.line_crops import Crop, crop_for_ocr
from slidesan.scan.ocr.regions import Region
from slidesan.scan.ocr.preprocess import (MIN_TEXT, _mostly_inside, _stands_alone, channels, component_stats,
                                          find_regions)

ZOOM = 2
TINY = (3, MIN_TEXT + 2)        # heights (native px) of the fragment rows worth a second look
PAD = 3                         # window margin, in row heights
MAX_WINDOWS = 12                # rows looked at per picture, longest first (texture gives many short ones)


def small_text_crops(rgb: np.ndarray, masks: dict[str, np.ndarray], native: list[Region]) -> list[Crop]:
    """Crops (mapped to native pixels) of text lines found only when the picture is enlarged."""
    crops = []
    for left, top, right, bottom in _windows(masks, native):
        window = rgb[top:bottom, left:right]
        big = cv2.resize(window, None, fx=ZOOM, fy=ZOOM, interpolation=cv2.INTER_CUBIC)
        chans = channels(big)
        for region in find_regions(big, chans):
            l, t, r, b = region.box
            if b - t > ZOOM * TINY[1]:
                continue        # normal-size text: the native pass owns it
            box = (left + l / ZOOM, top + t / ZOOM, left + r / ZOOM, top + b / ZOOM)
            if _mostly_inside(box, [n.box for n in native], 0.3):
                continue
            crop = crop_for_ocr(chans, region)
            crops.append(Crop(crop.pixels, crop.scale * ZOOM, left + crop.left / ZOOM, top + crop.top / ZOOM,
                              crop.margin))
    return crops


def _windows(masks: dict[str, np.ndarray], native: list[Region]) -> list[tuple[int, int, int, int]]:
    """Places holding rows of tiny stroke fragments that no native region covers, padded and
    joined where they touch."""
    height, width = next(iter(masks.values())).shape
    rows = []
    for kind in ("colour", "light", "dark"):        # "faint" adds nothing at this size but texture
        mask = masks[kind]
        joined = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (7, 1)))
        stats = component_stats(joined)
        x, y, w, h = (stats[1:, k] for k in (cv2.CC_STAT_LEFT, cv2.CC_STAT_TOP, cv2.CC_STAT_WIDTH, cv2.CC_STAT_HEIGHT))
        for i in np.flatnonzero((h >= TINY[0]) & (h <= TINY[1]) & (w >= 4 * h)):
            l, t, r, b = int(x[i]), int(y[i]), int(x[i] + w[i]), int(y[i] + h[i])
            if _mostly_inside((l, t, r, b), [n.box for n in native], 0.5):
                continue
            if _stands_alone(mask, (l, t, r, b), float(mask[t:b, l:r].mean())):
                # room for the finder's margins and its look round a line; wider along the line, so
                # that a label and its value a column apart share one window (and one crop)
                pad = PAD * (b - t)
                rows.append(((r - l) / (b - t), (max(0, l - 2 * pad), max(0, t - pad), min(width, r + 2 * pad),
                                                  min(height, b + pad))))
    longest = [box for _, box in sorted(rows, reverse=True)[:MAX_WINDOWS]]     # text rows are long, specks short
    return _join(longest)


def _join(boxes: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    boxes = sorted(boxes)
    joined: list[tuple[int, int, int, int]] = []
    for box in boxes:
        for i, other in enumerate(joined):
            if box[0] <= other[2] and other[0] <= box[2] and box[1] <= other[3] and other[1] <= box[3]:
                joined[i] = (min(box[0], other[0]), min(box[1], other[1]), max(box[2], other[2]), max(box[3], other[3]))
                break
        else:
            joined.append(box)
    return joined if len(joined) == len(boxes) else _join(joined)
