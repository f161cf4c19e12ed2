"""Where the text is: candidate lines of a picture.

Overlay text is thin, high-contrast strokes in corners and bands; anatomy is smooth or speckled.
A white/black top-hat (pixel minus its local opening/closing) keeps strokes narrower than the
kernel and drops the background, whatever its brightness, so white text on bright anatomy and
dark text on a shaded scanned form both stand out. A chroma top-hat does the same for yellow,
green or cyan text on grey anatomy, and a weaker white top-hat, only where the background is
bright and smooth, finds grey captions over a bright structure. Strokes are joined horizontally
into line candidates, kept when they look like a line of letters. How each line is cropped for
Tesseract is line_crops.py.
"""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

from slidesan.scan.ocr.regions import Region, clearer_channel

MIN_TEXT, MAX_TEXT = 6, 90  # plausible text-line heights in the source picture
STROKE_LEVEL = 50           # top-hat response that counts as a stroke (0-255)
FAINT_LEVEL = 25            # weaker strokes, looked for on bright, smooth backgrounds only
SMOOTH = 10                 # local standard deviation of such a background (grey levels)
ISOLATION = 0.5             # a line's surroundings hold at most this share of its stroke density


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
    red, green, blue = cv2.split(rgb)       # numpy's max/min along the colour axis is ~10x slower
    chroma = cv2.subtract(cv2.max(cv2.max(red, green), blue), cv2.min(cv2.min(red, green), blue))
    return {"gray": gray, "chroma": chroma}


def component_stats(mask: np.ndarray) -> np.ndarray:
    """cv2.CC_STAT_* rows of the 8-connected components of a 0/1 mask (row 0: the background).
    Grana's block-based labelling finds the same components in the same order as OpenCV's default
    (Spaghetti) and took half its time on the benchmark's stroke masks (3.3 against 6.7 ms on 1.7 Mpx)."""
    return cv2.connectedComponentsWithStatsWithAlgorithm(mask, 8, cv2.CV_32S, cv2.CCL_GRANA)[2]


def _kernel(size: int) -> np.ndarray:
    return cv2.getStructuringElement(cv2.MORPH_RECT, (size, size))


def stroke_masks(chans: dict[str, np.ndarray], kernel: int = 15) -> dict[str, np.ndarray]:
    """Where light, coloured and dark text strokes are (uint8 0/1 masks).

    Light strokes: clearly brighter than their surroundings, or near-white and somewhat brighter
    (white text on bright anatomy), or strongly coloured (yellow/green/cyan overlay text).
    Dark strokes: clearly darker than a light surrounding (forms, screenshots)."""
    k = _kernel(kernel)
    gray = cv2.GaussianBlur(chans["gray"], (3, 3), 0.8)     # speckle averages out, strokes survive
    light = cv2.morphologyEx(gray, cv2.MORPH_TOPHAT, k)
    dark = cv2.morphologyEx(gray, cv2.MORPH_BLACKHAT, k)
    colour = cv2.morphologyEx(chans["chroma"], cv2.MORPH_TOPHAT, k)
    light_mask = (light >= STROKE_LEVEL) | ((gray >= 240) & (light >= 30))
    colour_mask = (chans["chroma"] >= 40) & (colour >= 25) & (gray >= 60)
    # faint light text on a bright, smooth background (grey captions over a bright structure):
    # weak strokes, so only line-shaped, isolated groups of them survive find_regions' checks
    background = (gray - light).astype(np.float32)      # the opening: what the strokes sit on
    mean = cv2.blur(background, (kernel, kernel))
    rough = cv2.blur(background * background, (kernel, kernel)) - mean * mean
    faint_mask = (light >= FAINT_LEVEL) & (background >= 110) & (rough <= SMOOTH ** 2) & ~light_mask
    return {"colour": colour_mask.astype(np.uint8), "light": light_mask.astype(np.uint8),
            "faint": (faint_mask | light_mask).astype(np.uint8),
            "dark": (dark >= STROKE_LEVEL).astype(np.uint8)}


def _split_rows(mask: np.ndarray, box) -> list[tuple[int, int, int, int]]:
    """Cut a component at empty rows: closely spaced lines bridged by a stray pixel or noise."""
    l, t, r, b = box
    rows = mask[t:b, l:r].sum(axis=1)
    quiet = rows <= max(1, 0.04 * rows.max())
    pieces, start = [], None
    for y, empty in enumerate(list(quiet) + [True]):
        if not empty and start is None:
            start = y
        elif empty and start is not None:
            pieces.append((start, y))
            start = None
    out = []
    for y0, y1 in pieces:
        cols = np.flatnonzero(mask[t + y0:t + y1, l:r].any(axis=0))
        out.append((l + int(cols[0]), t + y0, l + int(cols[-1]) + 1, t + y1))
    return out


def _looks_like_characters(piece: np.ndarray) -> bool:
    """Letters of one line are blobs of about the line's height; texture is specks of any size."""
    h = piece.shape[0]
    stats = component_stats(piece)
    sizes = stats[1:, cv2.CC_STAT_HEIGHT][stats[1:, cv2.CC_STAT_AREA] >= 3]
    if sizes.size == 0:
        return False
    tall = np.count_nonzero(sizes >= 0.45 * h)     # 0.45: a descender (g, y) makes the box taller than capitals
    return tall >= 1 and tall >= 0.35 * sizes.size


def _stands_alone(mask: np.ndarray, box, fill: float) -> bool:
    """A line of text has quiet pixels round it; texture continues past any box drawn in it."""
    l, t, r, b = box
    h = b - t
    H, W = mask.shape
    L, T, R, B = max(0, l - h), max(0, t - max(2, h // 3)), min(W, r + h), min(H, b + max(2, h // 3))
    outer = mask[T:B, L:R]
    ring_pixels = outer.size - (r - l) * (b - t)
    if ring_pixels <= 0:
        return True
    ring_fill = (int(outer.sum()) - int(mask[t:b, l:r].sum())) / ring_pixels
    return ring_fill <= ISOLATION * fill


def _plausible_line(mask: np.ndarray, box) -> bool:
    """A merged candidate that can hold an identifier: several characters wide, letter-shaped
    blobs, and quiet round it (texture would continue past the box)."""
    l, t, r, b = box
    if r - l < 1.6 * (b - t):
        return False
    piece = mask[t:b, l:r]
    fill = float(piece.mean())
    return (_looks_like_characters(piece) or _looks_like_broken_characters(piece)) and _stands_alone(mask, box, fill)


def _looks_like_broken_characters(piece: np.ndarray) -> bool:
    """Faint strokes come out of the threshold in fragments; closed by one pixel, letters are whole
    again while texture specks stay specks of every size."""
    return _looks_like_characters(cv2.morphologyEx(piece, cv2.MORPH_CLOSE, _kernel(3)))


def _line_boxes(mask: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Join strokes into words and lines; keep components shaped like text lines."""
    joined = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 1)))
    stats = component_stats(joined)
    boxes = []
    for i in range(1, len(stats)):
        x, y, w, h, _ = stats[i]
        if h < MIN_TEXT or w < 4:
            continue
        for l, t, r, b in _split_rows(mask, (int(x), int(y), int(x + w), int(y + h))):
            w, h = r - l, b - t
            if not (MIN_TEXT <= h <= MAX_TEXT) or w < 4 or w < 0.5 * h:
                continue
            fill = mask[t:b, l:r].mean()
            if fill > 0.8 or fill < 0.08:         # solid bars and blocks; faint specks
                continue
            boxes.append((l, t, r, b))
    return boxes


def _merge(boxes: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Merge boxes on the same baseline with a gap under ~one text height (words of a line).

    Greedy and order-dependent on purpose (each box joins the first line it fits, then the pass
    repeats until nothing joins); textured pictures give thousands of boxes, so the search for that
    first line runs over arrays once the lines are many (_first_fit)."""
    boxes = sorted(boxes, key=lambda b: (b[1], b[0]))
    changed = True
    while changed:
        changed = False
        out: list[tuple[int, int, int, int]] = []
        array = np.empty((len(boxes), 4), np.int64)     # out as an array, for the search when long
        for box in boxes:
            i = _first_fit(box, out, array)
            if i is None:
                array[len(out)] = box
                out.append(box)
            else:
                other = out[i]
                out[i] = (min(box[0], other[0]), min(box[1], other[1]), max(box[2], other[2]), max(box[3], other[3]))
                array[i] = out[i]
                changed = True
        boxes = out
    return boxes


_ARRAY_FROM = 24        # fewer lines than this: a plain loop is quicker than array set-up


def _first_fit(box, out: list, array: np.ndarray) -> int | None:
    """Index of the first line of `out` that `box` continues: overlapping by half the smaller
    height, the gap at most max(10, 1.5 x the taller height). `array` holds `out` in its first rows."""
    l, t, r, b = box
    height = b - t
    if len(out) < _ARRAY_FROM:
        for i, (L, T, R, B) in enumerate(out):
            h = min(height, B - T)
            if min(b, B) - max(t, T) >= 0.5 * h and max(l - R, L - r) <= max(10, 1.5 * max(height, B - T)):
                return i
        return None
    o = array[:len(out)]
    heights = o[:, 3] - o[:, 1]
    overlap = np.minimum(b, o[:, 3]) - np.maximum(t, o[:, 1])
    gap = np.maximum(l - o[:, 2], o[:, 0] - r)
    fits = (overlap >= 0.5 * np.minimum(height, heights)) & (gap <= np.maximum(10, 1.5 * np.maximum(height, heights)))
    hits = np.flatnonzero(fits)
    return int(hits[0]) if hits.size else None


def _contrast(gray: np.ndarray, mask: np.ndarray, box, light: bool) -> float:
    """How much the strokes stand out from what surrounds the box, in the expected direction.

    The ring round the box is the background: this rejects the gaps between white letters
    (which a black-hat reports as 'dark strokes') and the white counters of dark letters."""
    l, t, r, b = box
    H, W = gray.shape
    pad = max(3, (b - t) // 2)
    L, T, R, B = max(0, l - pad), max(0, t - pad), min(W, r + pad), min(H, b + pad)
    m = mask[t:b, l:r].astype(bool)
    if not m.any():
        return 0.0
    outer = gray[T:B, L:R].astype(np.float32)
    ring = np.ones(outer.shape, bool)
    ring[t - T:b - T, l - L:r - L] = False
    if not ring.any():
        ring = ~np.pad(m, ((t - T, B - b), (l - L, R - r)))
    background = float(np.median(outer[ring]))
    strokes = float(gray[t:b, l:r][m].mean())
    return strokes - background if light else background - strokes


def _mostly_inside(box, boxes, share: float = 0.5) -> bool:
    """Is most of `box` already covered by one accepted region? (A small coloured label inside
    a long dark line must not suppress the line, nor the line the label.)"""
    l, t, r, b = box
    area = max(1, (r - l) * (b - t))
    for L, T, R, B in boxes:
        inter = max(0, min(r, R) - max(l, L)) * max(0, min(b, B) - max(t, T))
        if inter >= share * area:
            return True
    return False


MASKS = (("colour", "chroma", True), ("light", "gray", True), ("dark", "gray", False), ("faint", "gray", True))


def find_regions(rgb: np.ndarray, chans: dict[str, np.ndarray] | None = None,
                 masks: dict[str, np.ndarray] | None = None) -> list[Region]:
    """Candidate text lines of a picture, each with the channel and polarity that show it."""
    chans = chans if chans is not None else channels(rgb)
    masks = masks if masks is not None else stroke_masks(chans)
    candidates = []
    for kind, channel, light in MASKS:
        mask = masks[kind]
        for box in _with_values(mask, _merge(_line_boxes(mask))):
            contrast = _contrast(chans[channel], mask, box, light)
            if contrast >= 25:
                candidates.append((contrast, box, channel, light))
    regions: list[Region] = []
    for contrast, box, channel, light in sorted(candidates, key=lambda c: -c[0]):
        if not _mostly_inside(box, [r.box for r in regions]):       # the clearer reading of a place wins
            regions.append(Region(box, clearer_channel(chans, box, channel, light), light))
            continue
        for i, region in enumerate(regions):       # ...but a line another mask sees further is read whole
            longer = _continues(region.box, box)
            if longer and region.light_text == light:
                regions[i] = Region(longer, clearer_channel(chans, longer, channel, light), light)
                break
    regions = [r for r in regions if not any(_part_of(r, other) for other in regions if other is not r)]
    return sorted(regions, key=lambda r: (r.box[1], r.box[0]))


def _with_values(mask: np.ndarray, boxes: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Plausible lines, each extended over a neighbour on its baseline that is isolated like text
    but too broken to pass as letters on its own: the faint value in a column beside its label
    (`DOB:        13/07/1973`), too far for the word gap that _merge allows."""
    lines = [box for box in boxes if _plausible_line(mask, box)]
    loose = [box for box in boxes if box not in lines]
    out = []
    for l, t, r, b in lines:
        h = b - t
        for L, T, R, B in loose:
            overlap = min(b, B) - max(t, T)
            if overlap >= 0.6 * min(h, B - T) and 0 <= L - r <= 3 * h and (B - T) <= 1.4 * h \
                    and _stands_alone(mask, (L, T, R, B), float(mask[T:B, L:R].mean())):
                l, t, r, b = min(l, L), min(t, T), max(r, R), max(b, B)
        out.append((l, t, r, b))
    return out


def _continues(box, other) -> tuple[int, int, int, int] | None:
    """The union, when `other` is the same line as `box` (same baseline and height) reaching a
    few letters further: green digits running onto bright anatomy leave the luminance mask early
    but not the colour mask."""
    (l, t, r, b), (L, T, R, B) = box, other
    h = b - t
    if min(b, B) - max(t, T) < 0.7 * h or not 0.7 <= (B - T) / max(1, h) <= 1.4:
        return None
    if (L > l - h and R < r + h) or l - L > 4 * h or R - r > 4 * h:
        return None     # no further, or so much further that it is the next column's text too
    return (min(l, L), min(t, T), max(r, R), max(b, B))


def _part_of(region: Region, other: Region) -> bool:
    """A piece of a longer line of the same polarity and height (found by another stroke mask):
    reading it apart only gives Tesseract a second, truncated view of the same words."""
    (l, t, r, b), (L, T, R, B) = region.box, other.box
    if region.light_text != other.light_text or (R - L) <= (r - l) or not 0.75 <= (B - T) / max(1, b - t) <= 1.35:
        return False
    inter = max(0, min(r, R) - max(l, L)) * max(0, min(b, B) - max(t, T))
    return inter >= 0.85 * (r - l) * (b - t)
