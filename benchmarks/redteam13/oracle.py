"""Red team 13: does a written deck still hold the pixels of a planted identifier?

The cleaner may re-encode, crop, paint or drop a picture, so the oracle never trusts part names or hashes:
it decodes every raster image part of the output (every frame) and looks for each identifier box of the
planted picture (a few pixels of margin) by normalised cross-correlation at the stored scale, and at the
planted picture's scale when a part has its proportions but another size. A box found whole is HELD; only
its left or right half found is PARTIAL (a crop through the text). A held box is then read with plain
Tesseract and compared with the planted text (LEGIBLE), so a box that matches by texture alone is told apart.
"""
from __future__ import annotations

import difflib
import io
import zipfile

import cv2
import numpy as np
from PIL import Image, ImageSequence

from pictures import norm, tesseract_words

MATCH = 0.86
MARGIN = 3
RASTER = (".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".bmp", ".webp", ".jfif")


def output_images(deck: bytes) -> list[tuple[str, np.ndarray]]:
    """(part name#frame, grey pixels) of every raster picture the written deck holds."""
    found = []
    with zipfile.ZipFile(io.BytesIO(deck)) as zf:
        for name in zf.namelist():
            blob = zf.read(name)
            if not (name.lower().endswith(RASTER) or blob[:4] in (b"\x89PNG", b"GIF8", b"II*\x00", b"MM\x00*")
                    or blob[:3] == b"\xff\xd8\xff"):
                continue
            try:
                image = Image.open(io.BytesIO(blob))
                for index, frame in enumerate(ImageSequence.Iterator(image)):
                    if index >= 8:
                        break
                    found.append((f"{name}#{index}", np.asarray(frame.convert("L"))))
            except Exception:   # noqa: BLE001 - not a picture we can decode: nothing to look in
                continue
    return found


def best_match(patch: np.ndarray, image: np.ndarray) -> tuple[float, tuple[int, int]]:
    if min(patch.shape) < 3 or image.shape[0] < patch.shape[0] or image.shape[1] < patch.shape[1] \
            or patch.std() < 2:
        return 0.0, (0, 0)
    result = cv2.matchTemplate(image, patch, cv2.TM_CCOEFF_NORMED)
    _, top, _, where = cv2.minMaxLoc(result)
    return float(top), where


def views(image: np.ndarray, size: tuple[int, int]) -> list[tuple[float, np.ndarray]]:
    """The stored pixels, and (when only the size differs) the part scaled back to the planted size."""
    out = [(1.0, image)]
    h, w = image.shape
    if (w, h) != size and abs(w / h - size[0] / size[1]) < 0.01:
        out.append((w / size[0], cv2.resize(image, size, interpolation=cv2.INTER_AREA)))
    return out


def held_boxes(planted_grey: np.ndarray, boxes, images) -> list[dict]:
    """For each identifier box: held / partial / gone, with where it was found."""
    h, w = planted_grey.shape
    results = []
    for x0, y0, x1, y1, text in boxes:
        x0, y0 = max(0, x0 - MARGIN), max(0, y0 - MARGIN)
        x1, y1 = min(w, x1 + MARGIN), min(h, y1 + MARGIN)
        whole = planted_grey[y0:y1, x0:x1]
        mid = (x1 - x0) // 2
        halves = [planted_grey[y0:y1, x0:x0 + mid], planted_grey[y0:y1, x0 + mid:x1]]
        state = {"text": text, "state": "gone"}
        for name, image in images:
            for scale, view in views(image, (w, h)):
                score, where = best_match(whole, view)
                if score >= MATCH:
                    state = {"text": text, "state": "held", "part": name, "score": round(score, 3),
                             "crop": view[where[1]:where[1] + whole.shape[0], where[0]:where[0] + whole.shape[1]]}
                    break
                if state["state"] == "gone" and len(text) >= 6 and \
                        any(best_match(half, view)[0] >= MATCH for half in halves):
                    state = {"text": text, "state": "partial", "part": name}
            if state["state"] == "held":
                break
        results.append(state)
    return results


def legible(crop: np.ndarray, text: str) -> float:
    """How much of `text` plain Tesseract reads in the held box (0..1)."""
    pad = cv2.copyMakeBorder(crop, 12, 12, 12, 12, cv2.BORDER_REPLICATE)
    big = cv2.resize(pad, None, fx=3, fy=3, interpolation=cv2.INTER_CUBIC)
    if big.mean() < 128:
        big = 255 - big
    read = "".join(w[0] for w in tesseract_words(Image.fromarray(big)))
    want = norm(text)
    return round(difflib.SequenceMatcher(None, want, norm(read)).ratio(), 2) if want else 0.0


def judge(planted, deck: bytes) -> list[dict]:
    """Every identifier box of `planted`, with its state in `deck` and (when held) how legible it is."""
    if not planted.boxes:
        return []
    grey = np.asarray(planted.image.convert("L"))
    states = held_boxes(grey, planted.boxes, output_images(deck))
    for state in states:
        crop = state.pop("crop", None)
        if crop is not None:
            state["legible"] = legible(crop, state["text"])
    return states
