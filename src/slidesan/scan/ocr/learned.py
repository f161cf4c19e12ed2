"""The second reader: a learned text detector and recogniser beside Tesseract.

Tesseract reads clean overlay text well and fast, but it misses text crossing bright anatomy or
tiny text its region masks never cut out, and it reads toolbar icons and tissue texture as words.
A learned detector (DBNet) says where text is with few false places; a learned recogniser (CRNN)
reads a line Tesseract was unsure of. Both are PP-OCR models that ship inside the `rapidocr`
wheel and run on onnxruntime; they are loaded from that package's own folder by explicit path, so
nothing is ever downloaded. When they cannot be loaded, `status()` says why, and the pictures they
would have confirmed are reported as not fully inspected (engine.py) -- never silently read with
Tesseract alone.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"

_lock = threading.Lock()
_engine = None          # the recogniser...
_detector = None        # ...and the detector: one RapidOCR each (see _load)
_status: tuple[bool, str] | None = None


def _model_dir() -> Path:
    import rapidocr

    return Path(rapidocr.__file__).resolve().parent / "models"


def status() -> tuple[bool, str]:
    """(available, one-line message), checked once per process."""
    global _status
    if _status is None:
        with _lock:
            if _status is None:
                _status = _load()
    return _status


def _load() -> tuple[bool, str]:
    global _engine, _detector
    try:
        import onnxruntime  # noqa: F401
        from rapidocr import RapidOCR
    except Exception as exc:    # ImportError, or a broken native library
        return False, f"the learned text reader is not installed ({type(exc).__name__}: {exc}); reinstall slidesan"
    try:
        models = _model_dir()
        det, rec = models / DET_MODEL, models / REC_MODEL
        missing = [p.name for p in (det, rec) if not p.is_file()]
        if missing:
            return False, f"the learned text reader's model files are missing ({', '.join(missing)} in {models})"
        params = {
            "Global.log_level": "error", "Global.use_cls": False, "Global.max_side_len": 8192,
            "Det.limit_type": "max", "Det.limit_side_len": 8192,      # detect() sizes the picture itself
            "Det.model_path": str(det), "Rec.model_path": str(rec),
            "EngineConfig.onnxruntime.intra_op_num_threads": 1,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
        # A RapidOCR call first stores its use_det/use_rec in the shared object, then reads them back
        # as it goes: with read_many's workers detecting in one thread and recognising in another, a
        # detection then also recognised every place it found and dropped those read as empty (measured:
        # every detection overlapping a recognition, 38 of 39 places). One object each, always called
        # with the same flags, cannot mix; each loads only its own model.
        recogniser, detector = RapidOCR(params=params), RapidOCR(params=params)
        probe = np.full((48, 160, 3), 255, np.uint8)
        recogniser(probe, use_det=False, use_cls=False, use_rec=True)     # loads the recogniser now
        detector(probe, use_det=True, use_cls=False, use_rec=False)       # and the detector
        _without_subnormal_weights(detector, det)
        _input_by_table(detector)
        _engine, _detector = recogniser, detector
    except Exception as exc:
        _engine = _detector = None
        return False, f"the learned text reader cannot be loaded ({type(exc).__name__}: {str(exc)[:160]})"
    return True, f"learned text reader: PP-OCRv6 detector and recogniser (onnxruntime), {models}"


def _without_subnormal_weights(engine, det: Path) -> None:
    """Run the detector from a copy of its model whose subnormal weights are zero: the same places,
    three times faster (subnormal_weights.py). Where rapidocr keeps its session somewhere else, or
    the copy cannot be made, the detector stays as rapidocr loaded it: slower, never different."""
    global subnormals_removed
    import onnxruntime

    from slidesan.scan.ocr.subnormal_weights import flush_subnormals

    runner = getattr(getattr(engine, "text_det", None), "session", None)
    session = getattr(runner, "session", None)
    if not isinstance(session, onnxruntime.InferenceSession):
        return
    try:
        model, changed = flush_subnormals(det.read_bytes())
        if changed:
            runner.session = onnxruntime.InferenceSession(model, sess_options=session.get_session_options(),
                                                          providers=session.get_providers())
    except Exception:     # noqa: BLE001 -- a speed-up only: the model as loaded reads the same
        return
    subnormals_removed = changed


subnormals_removed = 0      # subnormal weights set to zero in the detector this process runs


class _TableInput:
    """rapidocr's detector input made by lookup: its normalize scales pixels in float64 (its mean and
    std are float64 arrays), 15-25 ms of a 1024 px picture. Each 8-bit value of a colour maps to one
    input value, so rapidocr's own normalize of the 256 values, looked up per pixel, is the same input
    to the bit in a few milliseconds. Anything but 8-bit pixels takes rapidocr's own way."""

    def __init__(self, preprocess):
        self.preprocess = preprocess

    def __call__(self, img: np.ndarray) -> np.ndarray | None:
        pre = self.preprocess
        resized = pre.resize(img)
        if resized is None:
            return None
        if resized.dtype != np.uint8 or resized.ndim != 3:
            return np.expand_dims(pre.permute(pre.normalize(resized)), axis=0).astype(np.float32)
        values = np.repeat(np.arange(256, dtype=np.uint8).reshape(1, 256, 1), resized.shape[2], axis=2)
        table = pre.normalize(values)[0].astype(np.float32)        # (256, channels)
        return np.stack([table[:, c][resized[:, :, c]] for c in range(resized.shape[2])])[np.newaxis]


def _input_by_table(engine) -> None:
    """The detector's input made by _TableInput, where rapidocr's detector is laid out as expected."""
    detector = getattr(engine, "text_det", None)
    original = getattr(detector, "get_preprocess", None)
    if original is None or not all(hasattr(original(), name) for name in ("resize", "normalize", "permute")):
        return
    detector.get_preprocess = lambda: _TableInput(original())


def detect(rgb: np.ndarray, max_side: int) -> list[tuple[tuple[int, int, int, int], float]]:
    """Text places in `rgb` (boxes in its pixels, score), found on a copy at most `max_side` wide."""
    return [(box, score) for box, score, _quad in detect_places(rgb, max_side)]


def detect_places(rgb: np.ndarray, max_side: int, box: tuple[int, int, int, int] | None = None
                  ) -> list[tuple[tuple[int, int, int, int], float, np.ndarray]]:
    """As detect, with each place's quadrilateral (4 corners from the top left, clockwise, in
    `rgb`'s pixels): a line printed or photographed at a slant is read from its own quad. The
    picture's plain margins are left out (content_box, or `box` when the caller has it) before it
    is shrunk to `max_side`."""
    import cv2

    if not status()[0]:
        return []
    height, width = rgb.shape[:2]
    left, top, right, bottom = box or content_box(rgb)
    content = rgb[top:bottom, left:right]
    k = detect_scale(rgb, max_side, (left, top, right, bottom))
    sized = content if k == 1.0 else cv2.resize(
        content, (max(1, int((right - left) * k)), max(1, int((bottom - top) * k))), interpolation=cv2.INTER_AREA)
    result = _detector(np.ascontiguousarray(sized[:, :, ::-1]), use_det=True, use_cls=False, use_rec=False)
    boxes = getattr(result, "boxes", None)
    if boxes is None or not len(boxes):
        return []
    scores = list(getattr(result, "scores", None) or [1.0] * len(boxes))
    out = []
    for quad, score in zip(boxes, scores):
        quad = np.asarray(quad, dtype=np.float32) / k + np.float32([left, top])
        xs, ys = quad[:, 0], quad[:, 1]
        box = (max(0, int(xs.min())), max(0, int(ys.min())), min(width, int(xs.max() + 0.999)),
               min(height, int(ys.max() + 0.999)))
        if box[2] > box[0] and box[3] > box[1]:
            out.append((box, float(score), quad))
    return out


def detect_places_enlarged(rgb: np.ndarray, factor: float) -> list[tuple[tuple[int, int, int, int], float, np.ndarray]]:
    """As detect_places on a copy `factor` times larger, in `rgb`'s pixels: text a few pixels high,
    which the detector does not see at its own size (a screen capture shrunk onto a slide)."""
    import cv2

    height, width = rgb.shape[:2]
    big = cv2.resize(rgb, (int(width * factor), int(height * factor)), interpolation=cv2.INTER_CUBIC)
    out = []
    for box, score, quad in detect_places(big, max(big.shape[:2])):
        small = tuple(int(v / factor) for v in box)
        out.append(((small[0], small[1], min(width, small[2] + 1), min(height, small[3] + 1)), score, quad / factor))
    return out


def detect_scale(rgb: np.ndarray, max_side: int, box: tuple[int, int, int, int] | None = None) -> float:
    """How much detect_places shrinks `rgb` (1.0: not at all): text this much smaller is what it sees."""
    left, top, right, bottom = box or content_box(rgb)
    return min(1.0, max_side / max(bottom - top, right - left, 1))


MARGIN_SPREAD = 10          # grey levels a margin row or column may vary by (JPEG noise on a plain canvas)


def content_box(rgb: np.ndarray) -> tuple[int, int, int, int]:
    """The picture without its plain margins: rows and columns at the edges whose every pixel is
    one colour hold no text. A screenshot pasted on a slide-sized canvas is then detected at its own
    scale, not shrunk with the canvas (left, top, right, bottom; the whole picture when no margin)."""
    import cv2

    def spread(axis: int) -> np.ndarray:
        # per colour, the range of each row (axis 1) or column (axis 0); OpenCV's reduce is ~6x
        # quicker than numpy's max/min along a middle axis
        if rgb.ndim == 3 and rgb.shape[2] <= 4 and rgb.dtype == np.uint8:
            pixels = np.ascontiguousarray(rgb)
            low, high = (cv2.reduce(pixels, 1 if axis == 1 else 0, op) for op in (cv2.REDUCE_MIN, cv2.REDUCE_MAX))
            return cv2.subtract(high, low).reshape(rgb.shape[1 - axis], -1).max(axis=1)
        return (rgb.max(axis=axis).astype(np.int16) - rgb.min(axis=axis)).reshape(rgb.shape[1 - axis], -1).max(axis=1)

    busy_rows, busy_cols = np.flatnonzero(spread(1) > MARGIN_SPREAD), np.flatnonzero(spread(0) > MARGIN_SPREAD)
    if not busy_rows.size or not busy_cols.size:
        return 0, 0, rgb.shape[1], rgb.shape[0]
    return int(busy_cols[0]), int(busy_rows[0]), int(busy_cols[-1]) + 1, int(busy_rows[-1]) + 1


def tilt_degrees(quad: np.ndarray) -> float:
    """The slant of a place's top edge, in degrees (0 for a level line)."""
    (x0, y0), (x1, y1) = quad[0], quad[1]
    return float(np.degrees(np.arctan2(y1 - y0, max(1e-6, x1 - x0))))


def upright_crop(rgb: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """The place's quadrilateral warped to a level rectangle: what the recogniser can read."""
    import cv2

    tl, tr, br, bl = quad.astype(np.float32)
    width = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    if width < 4 or height < 4:
        return rgb[0:0, 0:0]
    target = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    matrix = cv2.getPerspectiveTransform(np.float32([tl, tr, br, bl]), target)
    return cv2.warpPerspective(rgb, matrix, (width, height), borderMode=cv2.BORDER_REPLICATE)


def recognise(crops: list[np.ndarray]) -> list[tuple[str, float]]:
    """(text, score 0..1) for each RGB crop of one line of text."""
    if not status()[0]:
        return [("", 0.0)] * len(crops)
    out = []
    for crop in crops:
        if crop.size == 0 or min(crop.shape[:2]) < 4:
            out.append(("", 0.0))
            continue
        result = _engine(np.ascontiguousarray(crop[:, :, ::-1]), use_det=False, use_cls=False, use_rec=True)
        texts, scores = getattr(result, "txts", None) or ("",), getattr(result, "scores", None) or (0.0,)
        out.append((str(texts[0]), float(scores[0])))
    return out
