"""Text places found by the learned detector, as regions Tesseract can read.

The detector's boxes are lines with a margin round them. Each becomes a Region: its polarity
(light text is the minority of a place's pixels after an Otsu split), the rows that hold the ink
(so the crop is scaled for the text, not for its margin), and the channel that shows it best.
"""

from __future__ import annotations

import cv2
import numpy as np

from slidesan.scan.ocr.regions import Region, clearer_channel

MIN_HEIGHT = 5


def place_regions(chans: dict[str, np.ndarray], places) -> list[Region]:
    gray = chans["gray"]
    out = []
    for left, top, right, bottom in places:
        crop = gray[top:bottom, left:right]
        if crop.size < 32 or bottom - top < MIN_HEIGHT:
            continue
        _, split = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
        bright = float((split > 0).mean())
        light = bright < 0.5
        ink = (split > 0) if light else (split == 0)
        rows = np.flatnonzero(ink.mean(axis=1) > 0.02)
        if rows.size == 0:
            continue
        box = (int(left), int(top + rows[0]), int(right), int(top + rows[-1] + 1))
        if box[3] - box[1] < MIN_HEIGHT // 2:
            continue
        out.append(Region(box, clearer_channel(chans, box, "gray", light), light))
    return out
