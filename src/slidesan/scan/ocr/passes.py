"""One Tesseract call per picture: every candidate crop stacked into a single page.

Tesseract's start-up (loading the model) costs about as much as reading a small crop, so crops
are not OCR'd one by one: they are stacked top to bottom with white gaps (all at the same text
height, so page segmentation 6, "one uniform block", fits), read once with image_to_data, and
each word is mapped back through its crop to source pixels.
"""

from __future__ import annotations

import os

import cv2
import numpy as np
import pytesseract

from slidesan.scan.ocr.lines import Word
from slidesan.scan.ocr.preprocess import Crop

GAP = 24                    # white rows between stacked crops
MIN_CONF = 10.0             # below this a "word" is almost always texture read as letters
TESS_CONFIG = "--psm 6 --oem 1 -c tessedit_do_invert=0"   # crops are already dark-on-white


def stack(crops: list[Crop]) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """The page and, per crop, its (top, bottom) rows on it."""
    width = max(c.pixels.shape[1] for c in crops)
    height = sum(c.pixels.shape[0] for c in crops) + GAP * (len(crops) + 1)
    page = np.full((height, width + 2 * GAP), 255, np.uint8)
    spans, y = [], GAP
    for crop in crops:
        h, w = crop.pixels.shape
        page[y:y + h, GAP:GAP + w] = crop.pixels
        spans.append((y, y + h))
        y += h + GAP
    return page, spans


MAX_PAGE_HEIGHT = 16000     # taller stacks are split into several pages


def read_crops(crops: list[Crop]) -> list[Word]:
    """OCR crops stacked on as few pages as fit; words carry source-pixel boxes and a key
    (crop index, block, paragraph, line)."""
    words, start = [], 0
    while start < len(crops):
        end, height = start, GAP
        while end < len(crops) and (end == start or height + crops[end].pixels.shape[0] + GAP <= MAX_PAGE_HEIGHT):
            height += crops[end].pixels.shape[0] + GAP
            end += 1
        words.extend(_read_page(crops[start:end], start))
        start = end
    return words


def _read_page(crops: list[Crop], first_index: int) -> list[Word]:
    page, spans = stack(crops)
    if os.environ.get("SLIDESAN_OCR_DEBUG"):     # keep the page Tesseract saw, to tune preprocessing
        cv2.imwrite(os.path.join(os.environ["SLIDESAN_OCR_DEBUG"], f"page-{os.getpid()}-{len(crops)}.png"), page)
    data = pytesseract.image_to_data(page, config=TESS_CONFIG, output_type=pytesseract.Output.DICT)
    words = []
    for i, text in enumerate(data["text"]):
        text = text.strip()
        conf = float(data["conf"][i])
        if not text or conf < MIN_CONF:
            continue
        x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        centre = y + h / 2
        index = next((k for k, (top, bottom) in enumerate(spans) if top - GAP / 2 <= centre < bottom + GAP / 2), None)
        if index is None:
            continue
        crop, top = crops[index], spans[index][0]
        l, t = crop.to_source(x - GAP, y - top)
        r, b = crop.to_source(x - GAP + w, y - top + h)
        key = (first_index + index, data["block_num"][i], data["par_num"][i], data["line_num"][i])
        words.append(Word(text, (l, t, r, b), conf, key))
    return words
