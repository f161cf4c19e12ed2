"""Text painted a few levels off its background (6/255 on black) is on the slide yet nobody sees it.

Such text is still in the pixels and comes back with one brightness slider. This finds it: on a
picture with a flat background (one colour covering a good share of it), pixels that differ from
that colour by a little (FAINT levels at most) and lie away from anything clearly visible
(antialiasing and JPEG ringing around visible text are faint too) are drawn dark on white, their
differences stretched to full contrast, as a view of their own for OCR. Visible content is left
out of the view, so what OCR reads there is by construction the hidden part.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

FAINT = 24                 # at most this many levels off the background: invisible at a glance
STRONG = 48                # clearly visible; faint pixels near these are edges, not hidden text
NEAR_STRONG = 9            # px: antialiasing, JPEG ringing (8x8 blocks)
MIN_BACKGROUND = 0.25      # share of the picture the background colour must cover
MIN_PIXELS = 60            # fewer faint pixels than this cannot be a word
MIN_GLYPH, MAX_GLYPH = 5, 120   # px: height of one faint mark (a letter or a word run together)
MIN_MARKS = 3              # marks needed: a name has letters
NOISY_RING = 0.6           # faint share around a mark, against inside it, from which the mark is noise
MAX_MARKS = 1500           # the largest marks are looked at when there are more (noise)
WORK_SIDE = 2400


def background_colour(rgb: np.ndarray) -> tuple[np.ndarray, float]:
    """The most common colour (on a sample) and the share of the picture it covers."""
    sample = rgb[::3, ::3].reshape(-1, 3).astype(np.uint32)
    packed = (sample[:, 0] << 16) | (sample[:, 1] << 8) | sample[:, 2]
    values, counts = np.unique(packed, return_counts=True)
    top = int(values[counts.argmax()])
    colour = np.array([(top >> 16) & 255, (top >> 8) & 255, top & 255], dtype=np.uint8)
    return colour, float(counts.max()) / max(len(packed), 1)


def stroke_like(faint: np.ndarray, exact: np.ndarray, eligible: np.ndarray | None = None) -> np.ndarray | None:
    """Faint pixels in glyph-sized, stroke-shaped marks on exactly flat background; None when fewer
    than MIN_MARKS. Panels (filled), gradients (no exact background) and noise are left out."""
    import cv2

    count, labels, stats, _ = cv2.connectedComponentsWithStats(faint.astype(np.uint8), connectivity=8)
    x, y, w, h, area = (stats[:, i].astype(np.int64) for i in range(5))
    exact_sum = cv2.integral(exact.astype(np.uint8)).astype(np.int64)
    rows, cols = exact.shape
    x0, y0 = np.maximum(0, x - 2), np.maximum(0, y - 2)
    x1, y1 = np.minimum(cols, x + w + 2), np.minimum(rows, y + h + 2)
    flat = exact_sum[y1, x1] - exact_sum[y0, x1] - exact_sum[y1, x0] + exact_sum[y0, x0]
    shaped = ((h >= MIN_GLYPH) & (h <= MAX_GLYPH) & (w <= 2 * MAX_GLYPH) & (area >= 8) & (area <= 0.75 * w * h)
              & (flat >= 0.3 * (x1 - x0) * (y1 - y0)))
    shaped[0] = False                                 # label 0 is everything that is not faint
    noisy = shaped & noise_around(faint, faint | exact if eligible is None else eligible, x, y, w, h)
    keep = shaped & ~noisy
    if keep.sum() > MAX_MARKS:
        keep[np.argsort(-area * keep)[MAX_MARKS:]] = False
    words = in_rows([tuple(stats[i][:4]) for i in range(count) if keep[i]], stats[noisy][:, :4])
    if not words:
        return None
    area = np.zeros(faint.shape, np.uint8)
    for x, y, w, h in words:                 # the word's box, a little larger: i-dots and commas too
        area[max(0, y - h // 2):y + h + h // 2, max(0, x - h // 2):x + w + h // 2] = 1
    return faint & (area == 1)


def noise_around(faint: np.ndarray, eligible: np.ndarray, x, y, w, h) -> np.ndarray:
    """Marks whose surroundings are as speckled with faint pixels as the marks themselves: noise (air
    in a CT window clipped at black), not letters, which sit on exactly flat background. Measured as
    the faint share of bands half a mark high above and below each mark's box against the share inside
    it (about 0.1-0.4 for text drawn at 3-20 levels, antialiased or JPEG-compressed; 0.9-1.1 for noise).
    Only pixels that could be faint count (`eligible`: not beside visible content), so a mark beside a
    visible caption is not taken for one on a clean background; a ring with too few of them says nothing."""
    import cv2

    rows, cols = faint.shape
    faint_sums = cv2.integral(faint.astype(np.uint8)).astype(np.int64)
    eligible_sums = cv2.integral(eligible.astype(np.uint8)).astype(np.int64)

    def count(sums, a0, b0, a1, b1):
        a0, b0 = np.clip(a0, 0, cols), np.clip(b0, 0, rows)
        a1, b1 = np.clip(a1, 0, cols), np.clip(b1, 0, rows)
        return sums[b1, a1] - sums[b0, a1] - sums[b1, a0] + sums[b0, a0]

    inner = (x, y, x + w, y + h)
    inside, inside_area = count(faint_sums, *inner), count(eligible_sums, *inner)
    noisy, judged = np.zeros(len(x), bool), np.zeros(len(x), bool)
    # above and below first: a letter's neighbours on its line are faint too; then wider, then all round
    # (where the picture's edge or a visible caption cuts the bands)
    for margin, side in ((np.maximum(2, h // 2), 0), (2 * h, 0), (2 * h, 1)):
        outer = (x - side * margin, y - margin, x + w + side * margin, y + h + margin)
        ring = count(faint_sums, *outer) - inside
        ring_area = count(eligible_sums, *outer) - inside_area
        now = ~judged & (ring_area >= inside_area)
        noisy |= now & (ring * np.maximum(inside_area, 1) >= NOISY_RING * inside * ring_area)
        judged |= now
    return noisy


def in_rows(marks: list[tuple[int, int, int, int]], noise=None) -> list[tuple[int, int, int, int]]:
    """Marks with at least MIN_MARKS - 1 others beside them on a line, as letters of a word are, and
    no mark of noise among them (a few marks of noise pass the ring test by chance: their neighbours
    do not)."""
    noise = np.zeros((0, 4), np.int64) if noise is None else np.asarray(noise, np.int64).reshape(-1, 4)
    nx, ncy, nh = noise[:, 0], noise[:, 1] + noise[:, 3] / 2, noise[:, 3]
    out = []
    for x, y, w, h in marks:
        cy = y + h / 2
        beside = (np.abs(ncy - cy) <= np.maximum(h, nh) / 2) & (np.abs(nx - x) <= 3 * np.maximum(h, nh))
        if bool(np.any(beside & (nh >= 0.4 * h) & (nh <= 2.5 * h))):
            continue
        near = sum(1 for x2, y2, w2, h2 in marks
                   if abs((y2 + h2 / 2) - cy) <= max(h, h2) / 2 and abs(x2 - x) <= 3 * max(h, h2) and 0.4 <= h2 / h <= 2.5)
        if near >= MIN_MARKS:               # itself included
            out.append((x, y, w, h))
    return out


def low_contrast_view(image: Image.Image) -> Image.Image | None:
    """Faint marks on a flat background, stretched to black on white; None when there are none."""
    import cv2

    width, height = image.size
    factor = min(1.0, WORK_SIDE / max(height, width, 1))
    work = image.convert("RGB")
    if factor < 1.0:                 # nearest: the background keeps its exact value
        work = work.resize((int(width * factor), int(height * factor)), Image.NEAREST)
    rgb = np.asarray(work)
    colour, share = background_colour(rgb)
    if share < MIN_BACKGROUND:
        return None
    channels = cv2.split(cv2.absdiff(rgb, np.full_like(rgb, colour)))
    diff = cv2.max(cv2.max(channels[0], channels[1]), channels[2])
    faint = (diff >= 1) & (diff <= FAINT)
    if int(faint.sum()) < MIN_PIXELS:
        return None
    strong = (diff > STRONG).astype(np.uint8)
    eligible = diff <= FAINT
    if strong.any():
        kernel = np.ones((2 * NEAR_STRONG + 1, 2 * NEAR_STRONG + 1), np.uint8)
        eligible &= cv2.dilate(strong, kernel) == 0
        faint &= eligible
    faint = stroke_like(faint, diff == 0, eligible)
    if faint is None:
        return None
    scale = 230.0 / max(int(diff[faint].max()), 1)
    view = np.full(diff.shape, 255, np.uint8)
    view[faint] = (255 - np.clip(diff[faint] * scale, 0, 230)).astype(np.uint8)
    out = Image.fromarray(view, "L")
    if factor < 1.0:
        out = out.resize((width, height), Image.NEAREST)
    return out
