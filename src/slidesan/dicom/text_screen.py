"""Text drawn into the pixels of instances OCR does not read, found without OCR.

CT, MR and PET slices are not read for burned-in text (a series holds hundreds, and a scanner's own
slices rarely carry any), but a workstation can save a reformat or a screen under the modality's
own SOP class with the patient's name drawn into it, and a 12- or 16-bit value can sit where the
stored window shows it faintly or not at all. Drawn text has a form anatomy has not: several
glyph-sized marks of one exact stored value standing side by side in a row. Noise gives a real
slice a smooth histogram; drawn text is a spike in it. So, per sampled frame:

1. a histogram of the stored values (one `bincount`); values with a spike of at least
   `MIN_MARK_PIXELS` pixels, several times their neighbours, are candidates;
2. each candidate's pixels as one mask, its connected marks (OpenCV), the glyph-sized ones that
   stand out from their surroundings by several times the frame's noise kept;
3. a row of `MIN_ROW_MARKS` or more glyph-sized marks side by side is text. Smoothed (anti-aliased)
   letters reach their full value only in the middle of their strokes, so where a spike's own
   pixels make at least two character-high stems the marks are looked for again among the values
   nearer the spike than the background (never for a spike of clipped noise: its pixels are specks).

For each value that draws text the caller gets a picture of exactly those pixels, black on white
whatever the window, and reads it with OCR like any frame (burned_in.py). Only what the screen
flags is read, so a plain series costs a histogram per sampled frame.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from PIL import Image

from slidesan.dicom import peek, pixels

MIN_MARK_PIXELS = 20          # fewer pixels of one value cannot spell a word
SPIKE_RATIO = 3.0             # a value's count against its neighbours' (value - 1, value + 1)
MAX_CANDIDATES = 8            # spikes examined per frame, the largest first
MAX_SHARE = 0.3               # a value covering more than this is a background, not a drawing
GLYPH_HEIGHT = (5, 96)        # pixels: the size of a character in a saved screen or annotation
MAX_GLYPH_ASPECT = 4.0        # width / height of one mark (letters that touch make wider marks)
MIN_ROW_MARKS = 4             # marks side by side that make a word
CONTRAST_OVER_NOISE = 4.0     # a mark's edge against the typical neighbour step of the frame
BASELINE_SLACK = 2            # pixels: letters of one line stand on one baseline; clumps of noise do not
MAX_MARKS = 4000              # beyond this the value is texture (checked as text all the same)


def text_marks(frame: np.ndarray) -> list[tuple[int, np.ndarray]]:
    """(stored value, mask) for each value of a grey frame whose pixels draw rows of glyph-sized
    marks (text); the mask holds the marks' pixels."""
    if frame.ndim != 2 or frame.dtype.kind not in "uib" or frame.size == 0:
        return []
    low, high = int(frame.min()), int(frame.max())
    span = high - low
    if span <= 0 or span > 1 << 22:
        return []
    counts = stored_value_counts(frame, low, high)
    padded = np.concatenate(([0], counts, [0]))
    neighbours = np.maximum(padded[:-2], padded[2:])
    spikes = np.flatnonzero((counts >= MIN_MARK_PIXELS) & (counts <= MAX_SHARE * frame.size)
                            & (counts >= SPIKE_RATIO * np.maximum(neighbours, 1)))
    spikes = spikes[np.argsort(counts[spikes])[::-1][:MAX_CANDIDATES]]
    if not len(spikes):
        return []
    background = int(np.argmax(counts))
    step = _Step(frame)
    found = []
    for spike in (int(v) for v in spikes):
        value = spike + low
        exact = frame == value
        if not _may_hold_glyphs(exact):
            continue
        glyphs = _glyphs(exact, frame, value, step)
        if _is_text(glyphs):
            found.append((value, exact))
        elif len(glyphs) >= 2:          # stems of smoothed letters: look again among the nearer values
            near = np.abs(frame.astype(np.int64) - value) * 2 <= abs(spike - background)
            if _is_text(_glyphs(near, frame, value, step)):
                found.append((value, near))
    return found


def stored_value_counts(frame: np.ndarray, low: int, high: int) -> np.ndarray:
    """How many pixels hold each stored value from `low` to `high` (int64, one per value). A 16-bit
    frame is counted by OpenCV: `bincount` first widens every pixel to 64 bits, which made the count
    most of the screen's cost on a CT slice. OpenCV counts in integers and hands back float32, exact
    while no count exceeds 2**24, so only frames of at most 2**24 pixels take that path."""
    if frame.dtype.itemsize == 2 and frame.dtype.kind in "ui" and frame.dtype.isnative \
            and frame.size <= EXACT_FLOAT_COUNTS:
        import cv2

        # value - low wraps in 16 bits, and read unsigned it is exact (span < 2**16): no 64-bit copy
        shifted = np.ascontiguousarray((frame - frame.dtype.type(low)).view(np.uint16))
        bins = high - low + 1
        return cv2.calcHist([shifted], [0], None, [bins], [0, bins]).ravel().astype(np.int64)
    if low >= 0 and frame.dtype.itemsize <= 2:          # stored values index the histogram directly
        return np.bincount(frame.ravel(), minlength=high + 1)[low:]
    if frame.dtype.kind == "i" and frame.dtype.itemsize <= 2:
        shifted = (frame - frame.dtype.type(low)).view(np.dtype(f"u{frame.dtype.itemsize}"))
        return np.bincount(shifted.ravel(), minlength=high - low + 1)
    return np.bincount((frame.astype(np.int64) - low).ravel(), minlength=high - low + 1)


EXACT_FLOAT_COUNTS = 1 << 24       # float32 holds every integer up to here


class _Step:
    """The contrast a mark needs (CONTRAST_OVER_NOISE times the frame's noise), measured only when
    some value has two or more glyph-sized marks to weigh (a median costs as much as a histogram)."""

    def __init__(self, frame: np.ndarray):
        self.frame, self.value = frame, None

    def __float__(self) -> float:
        if self.value is None:
            self.value = max(1.0, CONTRAST_OVER_NOISE * _noise(self.frame))
        return self.value


def _may_hold_glyphs(mask: np.ndarray) -> bool:
    """False only when every connected mark of the mask touches the frame's edge and none of them is
    glyph-sized: then labelling the whole mask finds no glyph. This is CT's padding outside the
    field of view (a quarter of a slice at one value, in the corners): a flood fill from the edge
    measures those few regions for a fraction of what labelling the whole frame costs, so a padded
    slice is screened at the price of a plain one; the padding value is still labelled in full
    wherever it also marks anything inside the frame (drawn text included)."""
    import cv2

    height, width = mask.shape
    if height < 3 or width < 3:
        return True
    edge = np.concatenate((mask[0], mask[1:, -1], mask[-1, -2::-1], mask[-2:0:-1, 0]))
    if not edge.any():
        return True
    coords = _edge_coordinates(height, width)
    starts = np.flatnonzero(edge & ~np.roll(edge, 1))            # one seed per run of the mask along the edge
    if not len(starts):                                         # the whole edge is the value
        starts = np.array([0])
    image = mask.view(np.uint8)
    filled = np.zeros((height + 2, width + 2), np.uint8)
    flags = 8 | cv2.FLOODFILL_MASK_ONLY | (1 << 8)
    for y, x in coords[starts]:
        if filled[y + 1, x + 1]:
            continue
        _n, _image, _filled, (_left, _top, w, h) = cv2.floodFill(image, filled, (int(x), int(y)), 1, 0, 0, flags)
        if GLYPH_HEIGHT[0] <= h <= GLYPH_HEIGHT[1] and w <= MAX_GLYPH_ASPECT * h:
            return True
    return bool((mask > filled[1:-1, 1:-1]).any())


@lru_cache(maxsize=16)
def _edge_coordinates(height: int, width: int) -> np.ndarray:
    """(row, column) of the frame's edge pixels in the order _may_hold_glyphs walks them (clockwise
    from the top left); a series has one frame size, so they are built once."""
    coords = np.concatenate((np.stack((np.zeros(width, int), np.arange(width)), 1),
                             np.stack((np.arange(1, height), np.full(height - 1, width - 1)), 1),
                             np.stack((np.full(width - 1, height - 1), np.arange(width - 2, -1, -1)), 1),
                             np.stack((np.arange(height - 2, 0, -1), np.zeros(height - 2, int)), 1)))
    coords.flags.writeable = False
    return coords


def _noise(frame: np.ndarray) -> float:
    """The typical step between pixels three apart (0 in a drawn picture, the noise in a scan;
    three apart, as a scanner's reconstruction smooths its noise over neighbouring pixels)."""
    rows = frame[::8].astype(np.int32)
    return float(np.median(np.abs(rows[:, 3:] - rows[:, :-3]))) if rows.shape[1] > 3 else 0.0


def _glyphs(mask: np.ndarray, frame: np.ndarray, value: int, step) -> np.ndarray:
    """Boxes (left, top, width, height) of the mask's connected marks of a character's size that
    stand out from what surrounds them by at least `step` (a drawn letter is a step above or below
    its background; a clump of noise clipped at the lowest value is surrounded by its own kind)."""
    import cv2

    count, labels, stats, _centres = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    heights, widths = stats[:, 3], stats[:, 2]
    sized = (heights >= GLYPH_HEIGHT[0]) & (heights <= GLYPH_HEIGHT[1]) & (widths <= MAX_GLYPH_ASPECT * heights)
    sized[0] = False                                         # label 0: everything else
    if sized.sum() < 2:
        return stats[sized, :4]
    grown = cv2.dilate(labels.astype(np.float32), np.ones((3, 3), np.uint8)).astype(np.int64)
    ring = (labels == 0) & (grown > 0)
    owners = grown[ring]
    difference = np.abs(frame[ring].astype(np.float64) - value)
    contrast = np.bincount(owners, weights=difference, minlength=count) / np.maximum(
        np.bincount(owners, minlength=count), 1)
    return stats[sized & (contrast >= float(step)), :4]


def _is_text(glyphs: np.ndarray) -> bool:
    if len(glyphs) > MAX_MARKS:
        return True
    return len(glyphs) >= MIN_ROW_MARKS and _longest_row(glyphs) >= MIN_ROW_MARKS


def _longest_row(glyphs: np.ndarray) -> int:
    """The most marks chained side by side: each stands on the next one's baseline (their bottoms
    within a couple of pixels), overlaps it vertically by half the smaller height, and the gap
    between them is at most the larger height."""
    order = np.argsort(glyphs[:, 0])
    boxes = glyphs[order]
    parent = list(range(len(boxes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (left, top, width, height) in enumerate(boxes):
        right = left + width
        for j in range(i + 1, len(boxes)):
            l2, t2, w2, h2 = boxes[j]
            if l2 - right > max(height, h2):
                break                                        # sorted by left edge: no nearer mark follows
            same_line = abs((top + height) - (t2 + h2)) <= max(BASELINE_SLACK, 0.15 * max(height, h2))
            if same_line and min(top + height, t2 + h2) - max(top, t2) >= 0.5 * min(height, h2):
                parent[root(j)] = root(i)
    sizes: dict[int, int] = {}
    for i in range(len(boxes)):
        sizes[root(i)] = sizes.get(root(i), 0) + 1
    return max(sizes.values(), default=0)


def mark_pictures(ds, frames: list[int] | None = None) -> list[pixels.Rendered]:
    """For each frame (default: the sampled ones) that holds drawn text, one black-on-white picture
    of its marks. Raises pixels.PixelsUnreadable when the frames cannot be decoded."""
    if int(peek.value(ds, "SamplesPerPixel", 1) or 1) != 1:
        return []
    total = pixels.number_of_frames(ds)
    out = []
    for index in pixels.sample_frames(total) if frames is None else frames:
        marks = text_marks(pixels.decode_frame(ds, index))
        if not marks:
            continue
        drawn = np.logical_or.reduce([mask for _, mask in marks])
        where = f"frame {index + 1} of {total}" if total > 1 else "image"
        values = ", ".join(str(value) for value, _ in marks)
        out.append(pixels.Rendered(f"{where}: marks drawn at stored value {values}",
                                   Image.fromarray(np.where(drawn, 0, 255).astype(np.uint8), "L"), index, "frame"))
    return out


HIDDEN_CONTRAST = 24          # grey levels between marks and their surroundings a reader still sees


def hidden_marks(ds, shown: list[pixels.Rendered]) -> list[pixels.Rendered]:
    """Pictures of drawn text the stored window hides in frames already rendered for reading: the
    marks and the pixels around them shown at (nearly) one grey level, as when both lie above or
    below the window. A viewer's window/level control shows them again."""
    import cv2

    out = []
    for picture in shown:
        if picture.kind != "frame" or picture.frame is None or picture.image.mode != "L":
            continue
        grey = np.asarray(picture.image, dtype=np.int16)
        frame = pixels.decode_frame(ds, picture.frame)
        if frame.shape != grey.shape:
            continue
        hidden, shown_marks = [], []
        for value, mask in text_marks(frame):
            ring = cv2.dilate(mask.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool) & ~mask
            if ring.any() and abs(float(grey[mask].mean()) - float(grey[ring].mean())) < HIDDEN_CONTRAST:
                hidden.append((value, mask))
            else:
                shown_marks.append(mask)
        hidden = [mask for value, mask in hidden if not _edges_of_shown_letters(frame, value, mask, shown_marks)]
        if hidden:
            drawn = np.logical_or.reduce(hidden)
            out.append(pixels.Rendered(f"{picture.label}: marks the stored window hides",
                                       Image.fromarray(np.where(drawn, 0, 255).astype(np.uint8), "L"),
                                       picture.frame, "frame"))
    return out


def _edges_of_shown_letters(frame: np.ndarray, value: int, mask: np.ndarray, shown_marks: list) -> bool:
    """True when the marks of `value` are the smoothed edges of letters the picture shows: smoothing
    gives every letter of a line the same in-between values around its strokes, so they make rows of
    marks too, at a grey close to what surrounds them. What is left of them away from the shown
    letters is tested as text again; text only the window hides stands apart from any shown letters."""
    import cv2

    if not shown_marks:
        return False
    near = cv2.dilate(np.logical_or.reduce(shown_marks).astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    return not _is_text(_glyphs(mask & ~near, frame, value, _Step(frame)))
