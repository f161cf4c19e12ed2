"""The drawn-text screen's histogram (dicom/text_screen.stored_value_counts): a 16-bit frame is counted by
OpenCV instead of numpy's bincount (which widens every pixel to 64 bits first); the counts must be exactly
bincount's, for every dtype and value range a frame can have. Made-up frames."""

from __future__ import annotations

import numpy as np
import pytest

from slidesan.dicom import text_screen


def bincount_reference(frame: np.ndarray) -> np.ndarray:
    low, high = int(frame.min()), int(frame.max())
    return np.bincount((frame.astype(np.int64) - low).ravel(), minlength=high - low + 1)


def frames():
    rng = np.random.default_rng(12)
    yield "int16 full range", rng.integers(-32768, 32768, (300, 257), dtype=np.int16)
    yield "uint16 full range", rng.integers(0, 65536, (256, 256), dtype=np.uint16)
    ct = rng.integers(-1000, 3000, (512, 512)).astype(np.int16)
    ct[:40, :40] = -2000                                   # padding: one value, a large count
    yield "int16 CT with padding", ct
    yield "uint16 12-bit MR", rng.integers(0, 4096, (192, 160)).astype(np.uint16)
    yield "uint16 extremes only", np.array([[0, 65535], [65535, 65535]], np.uint16)
    yield "int16 extremes only", np.array([[-32768, 32767, 32767]], np.int16)
    yield "uint16 narrow above zero", rng.integers(1000, 1010, (64, 64)).astype(np.uint16)
    yield "int16 not contiguous", rng.integers(-50, 50, (128, 256)).astype(np.int16)[:, ::2]
    yield "uint8", rng.integers(3, 250, (100, 100), dtype=np.uint8)
    yield "int8", rng.integers(-128, 128, (100, 100), dtype=np.int8)
    yield "big-endian int16", rng.integers(-300, 300, (64, 64)).astype(">i2")
    yield "uint32", rng.integers(0, 70000, (64, 64)).astype(np.uint32)


@pytest.mark.parametrize("name, frame", list(frames()), ids=[name for name, _ in frames()])
def test_counts_equal_bincount(name, frame):
    low, high = int(frame.min()), int(frame.max())
    counts = text_screen.stored_value_counts(frame, low, high)
    assert counts.dtype == np.int64
    assert np.array_equal(counts, bincount_reference(frame))
    assert counts.sum() == frame.size


def test_the_16_bit_path_is_taken_and_its_counts_are_integers():
    """A CT slice's count goes through OpenCV (the saving), and counts above 2**16 stay exact."""
    frame = np.full((512, 512), 24, np.int16)
    frame[:, :3] = 1000
    import cv2

    calls = []
    real = cv2.calcHist

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    cv2.calcHist = counting
    try:
        counts = text_screen.stored_value_counts(frame, 24, 1000)
    finally:
        cv2.calcHist = real
    assert calls
    assert counts[0] == 512 * 509 and counts[-1] == 512 * 3 and counts[1:-1].sum() == 0
