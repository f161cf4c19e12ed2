"""Which frames of a multi-frame instance are read for burned-in text.

Reading every frame of a cine loop costs an OCR run a frame, so a few frames are sampled (first,
last, evenly spaced between: pixels.sample_frames). Text a scanner writes on every frame is caught
by them; text that is on only some frames is not: a patient banner shown while the loop was frozen,
a label added to the frames of one sweep, a run whose first frames were captured before the
header bar was drawn. Such text has a form sampling can use: it changes pixels where every sampled
frame is the same (the flat margin around the picture, the band above an ultrasound fan), while
the moving picture changes everywhere else. So every frame is decoded and compared with the first
sampled frame in that still part; a frame that differs there by a glyph's worth of pixels shows
something the sampled frames do not, and is read too (still means: in a still area, not a noisy pixel that
happened to keep its value; one frame for each distinct content of the
still part, at most `MAX_EXTRA_FRAMES`). What is left over, or what cannot be compared within the
decoding budget, is reported by the caller as not inspected: never assumed to be blank.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from slidesan.dicom import pixels

MAX_EXTRA_FRAMES = 6            # frames read beyond the sampled ones
MIN_CHANGED_PIXELS = 12         # fewer changed pixels cannot draw a character
TOLERANCE = 8                   # stored-value difference still counted as "the same" (lossy coding)
STILL_AREA = 5                  # pixels: the side of a square wholly still for its centre to count
MAX_COMPARED_SAMPLES = 1 << 30      # every frame decoded once (one at a time) to be compared; beyond, not compared


@dataclass
class FrameChoice:
    """The frames to read, and why any frame was not (one sentence, for a not-inspected finding)."""

    frames: list[int]
    not_read: str = ""
    extra: list[int] = field(default_factory=list)      # frames added because their still part changed
    compared: bool = True       # False: too large to decode every frame; only the sampled ones were chosen


def frames_to_read(ds) -> FrameChoice:
    """The sampled frames plus every frame that shows something in the part all sampled frames hold
    still. Raises pixels.PixelsUnreadable when a frame cannot be decoded."""
    total = pixels.number_of_frames(ds)
    sampled = pixels.sample_frames(total)
    if total <= len(sampled):
        return FrameChoice(sampled)
    samples = int(ds.Rows) * int(ds.Columns) * int(ds.get("SamplesPerPixel", 1) or 1)
    if samples * total > MAX_COMPARED_SAMPLES:
        return FrameChoice(sampled, f"{total - len(sampled)} of {total} frames were neither read nor compared "
                                    "with the sampled ones (too large to decode all); text on them only "
                                    "would not be found", compared=False)
    reference = _signed(pixels.decode_frame(ds, sampled[0]))
    still = np.ones(reference.shape[:2], bool)
    for index in sampled[1:]:
        still &= ~_differs(_signed(pixels.decode_frame(ds, index)), reference)
    still = _areas(still)
    extra: list[int] = []
    shown: list[np.ndarray] = []          # the extra frames' pictures: a frame like one of them is not new
    chosen = set(sampled)
    note = ""
    for index in range(total):
        if index in chosen:
            continue
        frame = _signed(pixels.decode_frame(ds, index))
        if not _shows_new(frame, reference, still) or any(not _shows_new(frame, other, still) for other in shown):
            continue
        if len(extra) == MAX_EXTRA_FRAMES:
            note = (f"frame {index + 1} of {total} and maybe others show content the sampled frames do not, in "
                    f"the still part of the picture; {MAX_EXTRA_FRAMES} such frames were read, not these")
            break
        extra.append(index)
        shown.append(frame)
    return FrameChoice(sorted(sampled + extra), note, extra)


def _areas(still: np.ndarray) -> np.ndarray:
    """The still pixels that lie inside still areas: a noisy pixel that happened to keep its value in
    every sampled frame stands alone and is dropped, so the noise of a moving picture is not taken for
    something drawn on one frame."""
    import cv2

    return cv2.erode(still.astype(np.uint8), np.ones((STILL_AREA, STILL_AREA), np.uint8)).astype(bool)


def _signed(frame: np.ndarray) -> np.ndarray:
    return frame.astype(np.int32, copy=False)


def _differs(frame: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """Pixels (any channel) more than TOLERANCE apart."""
    if frame.shape != reference.shape:
        return np.ones(reference.shape[:2], bool)
    difference = np.abs(frame - reference) > TOLERANCE
    return difference.any(axis=-1) if difference.ndim == 3 else difference


def _shows_new(frame: np.ndarray, other: np.ndarray, still: np.ndarray) -> bool:
    """A glyph's worth of pixels of the still part differ between the two frames."""
    return int((_differs(frame, other) & still).sum()) >= MIN_CHANGED_PIXELS
