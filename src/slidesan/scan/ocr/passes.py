"""One Tesseract run for many crops: each crop is a page of one multi-page document.

Tesseract's start-up (loading the model) costs about as much as reading a dozen small crops, so
crops are not OCR'd in separate runs. They are not stacked on one page either: on a shared page
Tesseract's layout analysis sees every crop at once, and a line's reading then changed with
whatever other pictures happened to share its batch. As pages of one file, each crop is
segmented alone (the same picture always reads the same) while the model is loaded once.
Words map back through their crop to source pixels.
"""

from __future__ import annotations

import os
import re
import tempfile

import cv2
import numpy as np
import pytesseract
from PIL import Image

from slidesan.scan.ocr.lines import Word
from slidesan.scan.ocr.line_crops import Crop

MIN_CONF = 10.0             # below this a "word" is almost always texture read as letters...
_WORD_LIKE = re.compile(r"[A-Za-z0-9]{4}")   # ...unless it holds a run no texture gives (`ABUBAKAR‘*FIONA` at 5)
# a crop is one line (sometimes two): page segmentation 6, "one uniform block"; crops are already dark-on-white
TESS_CONFIG = "--psm 6 --oem 1 -c tessedit_do_invert=0"


def read_crops(crops: list[Crop]) -> list[Word]:
    """OCR every crop in one Tesseract run; words carry source-pixel boxes and a key
    (crop index, block, paragraph, line)."""
    if not crops:
        return []
    with tempfile.TemporaryDirectory(prefix="slidesan-ocr-") as tmp:
        # a text file naming one image per line is read by Tesseract as a multi-page document;
        # uncompressed PGM pages cost nothing to write (a multi-page TIFF cost ~1 ms a page)
        names = []
        for index, crop in enumerate(crops):
            names.append(os.path.join(tmp, f"{index:05d}.pgm"))
            ok, encoded = cv2.imencode(".pgm", crop.pixels)     # written by Python: any temp path works
            if not ok:
                raise OSError("could not encode an OCR page")
            with open(names[-1], "wb") as page:
                page.write(encoded.tobytes())
        listing = os.path.join(tmp, "pages.txt")
        with open(listing, "w", encoding="utf-8") as out:
            out.write("\n".join(names) + "\n")
        if os.environ.get("SLIDESAN_OCR_DEBUG"):    # keep the pages Tesseract saw, to tune preprocessing
            _keep_pages(crops, os.environ["SLIDESAN_OCR_DEBUG"])
        data = pytesseract.image_to_data(listing, config=TESS_CONFIG, output_type=pytesseract.Output.DICT)
    words = []
    for i, text in enumerate(data["text"]):
        text = text.strip()
        conf = float(data["conf"][i])
        index = int(data["page_num"][i]) - 1
        if not text or not 0 <= index < len(crops) or (conf < MIN_CONF and not _WORD_LIKE.search(text)):
            continue
        x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        crop = crops[index]
        l, t = crop.to_source(x, y)
        r, b = crop.to_source(x + w, y + h)
        key = (index, data["block_num"][i], data["par_num"][i], data["line_num"][i])
        words.append(Word(text, (l, t, r, b), conf, key))
    return words


def _keep_pages(crops: list[Crop], folder: str) -> None:
    width = max(c.pixels.shape[1] for c in crops)
    sheet = np.full((sum(c.pixels.shape[0] + 4 for c in crops), width), 128, np.uint8)
    y = 0
    for crop in crops:
        h, w = crop.pixels.shape
        sheet[y:y + h, :w] = crop.pixels
        y += h + 4
    Image.fromarray(sheet).save(os.path.join(folder, f"crops-{os.getpid()}-{len(crops)}.png"))
