"""Faces in photographs and renders (issue 4, part 4b), with OpenCV's bundled frontal-face cascade.

A face in a teaching picture may be the patient (a clinical photograph, a 3D surface render) or a
diagram; the tool cannot tell, so a face is a "review" finding and the organiser decides. The
cascade file ships inside opencv-python, so this works offline.

Tuned against false positives on radiographs, CT slices and ultrasound screens: a face must be at
least 15 % of the picture's shorter side (a face that small in a clinical photo is not the
subject), eight neighbouring detections must agree, no histogram equalisation (it turns rib and
lung texture into faces), and pictures are read at most 1000 px wide. Measured on the shared
corpus (chest radiographs, CT scout, ultrasound, PET/CT, screenshots): no detection; a portrait
photograph is found, also at a quarter of a 1200x900 canvas.

Nearly all the time goes to the cascade itself, whose smallest scale always scans a picture about
160 px on its shorter side whatever the picture's size; reading the picture smaller, or scanning fewer
scales or positions, changes which faces are found (docs/performance.md, faces14), so the only savings
taken are exact ones: a picture seen again (the same logo or photograph on several pages or slides)
gets the answer remembered for its working pixels instead of a second scan.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

import numpy as np
from PIL import Image

from slidesan.report.model import REVIEW, Finding

CASCADE_NAME = "haarcascade_frontalface_default.xml"
MIN_NEIGHBOURS = 8
SCALE_FACTOR = 1.1
MIN_FRACTION = 0.15         # of the shorter side
MIN_PIXELS = 40
WORK_SIDE = 1000
REMEMBERED = 256            # answers kept for pictures seen again, by their working pixels
_local = threading.local()
_answers: OrderedDict = OrderedDict()
_answers_lock = threading.Lock()


CASCADE_DIRS = ("/usr/share/opencv4/haarcascades", "/usr/share/opencv/haarcascades",
                "/usr/local/share/opencv4/haarcascades")


def _cascade_class():
    """OpenCV 4 has cv2.CascadeClassifier; OpenCV 5 moved Haar cascades out of the main wheel."""
    import cv2

    for owner in (cv2, getattr(cv2, "xobjdetect", None), getattr(cv2, "objdetect", None)):
        found = getattr(owner, "CascadeClassifier", None) if owner is not None else None
        if found is not None:
            return found
    return None


def _cascade_file() -> str | None:
    import os

    import cv2

    data = getattr(getattr(cv2, "data", None), "haarcascades", "") or ""
    for folder in (data, *CASCADE_DIRS):
        path = os.path.join(folder, CASCADE_NAME) if folder else ""
        if path and os.path.isfile(path):
            return path
    return None


def detector_status() -> tuple[bool, str]:
    """(available, why not): the face check silently finds nothing when it cannot run, so callers
    that want to say so (report settings, the CLI) ask here."""
    import cv2

    if _cascade_class() is None:
        return False, (f"OpenCV {cv2.__version__} has no Haar cascade classifier (removed in OpenCV 5); "
                       "install opencv-python-headless<5 to look for faces")
    if _cascade_file() is None:
        return False, f"{CASCADE_NAME} not found (not in cv2.data nor {', '.join(CASCADE_DIRS)})"
    return True, "OpenCV Haar frontal-face cascade"


def _cascade():
    """One classifier per thread (cv2.CascadeClassifier is not safe to share across threads)."""
    cascade = getattr(_local, "cascade", None)
    if cascade is None:
        available, why = detector_status()
        if not available:
            raise FaceDetectorMissing(why)
        cascade = _cascade_class()(_cascade_file())
        if cascade.empty():
            raise FaceDetectorMissing(f"OpenCV could not load {_cascade_file()}")
        _local.cascade = cascade
    return cascade


class FaceDetectorMissing(RuntimeError):
    """The installed OpenCV cannot run the Haar face cascade."""


def forget_answers() -> None:
    """Drop the remembered answers (a benchmark timing first looks runs this between its runs)."""
    with _answers_lock:
        _answers.clear()


def find_faces(image: Image.Image) -> list[tuple[int, int, int, int]]:
    """Boxes (left, top, right, bottom) in the picture's pixels of faces seen, largest first."""
    import cv2

    grey = np.asarray(image.convert("L"))
    height, width = grey.shape
    if min(height, width) < MIN_PIXELS:
        return []
    factor = min(1.0, WORK_SIDE / max(height, width))
    if factor < 1.0:
        grey = cv2.resize(grey, (int(width * factor), int(height * factor)), interpolation=cv2.INTER_AREA)
    cascade = _cascade()        # first: a detector gone missing fails every picture, remembered or not
    # the answer depends on nothing else than the working pixels, their shape and the factor
    key = (hashlib.blake2b(np.ascontiguousarray(grey).data, digest_size=16).digest(), grey.shape, factor)
    with _answers_lock:
        known = _answers.get(key)
        if known is not None:
            _answers.move_to_end(key)
            return list(known)
    side = max(int(MIN_PIXELS * factor) or 1, int(min(grey.shape) * MIN_FRACTION))
    found = cascade.detectMultiScale(grey, scaleFactor=SCALE_FACTOR, minNeighbors=MIN_NEIGHBOURS,
                                     minSize=(side, side))
    boxes = [(int(x / factor), int(y / factor), int((x + w) / factor), int((y + h) / factor))
             for x, y, w, h in (found if len(found) else [])]
    boxes = sorted(boxes, key=lambda b: -(b[2] - b[0]) * (b[3] - b[1]))
    with _answers_lock:
        _answers[key] = tuple(boxes)
        while len(_answers) > REMEMBERED:
            _answers.popitem(last=False)
    return boxes


def face_finding(image: Image.Image, rel: str | None, where: str = "picture", **place) -> Finding | None:
    """One "face" review finding for a picture that shows at least one face, or None.

    When the face check cannot run (no cascade file, as in an app bundle built without OpenCV's
    data, or OpenCV failing on this picture) the picture is "not inspected" for faces: a missing
    detector must never let a portrait pass as publication."""
    try:
        boxes = find_faces(image)
    except Exception as exc:  # noqa: BLE001 - a missing detector or a failure never stops cleaning
        why = str(exc) if isinstance(exc, FaceDetectorMissing) else f"{type(exc).__name__}: {exc}"
        return Finding("face", REVIEW, "not-inspected", f"{where} not checked for faces ({why})",
                       file=rel, image=place.pop("image", rel), step="faces", **place)
    if not boxes:
        return None
    count = f"{len(boxes)} faces" if len(boxes) > 1 else "a face"
    return Finding("face", REVIEW, "flagged",
                   f"{where} appears to show {count}: a patient photograph or surface render may identify the "
                   "patient; the organiser decides whether it can be shared (it may be a diagram)",
                   file=rel, image=place.pop("image", rel), box=boxes[0], step="faces", **place)


def check_picture_bytes(data: bytes, rel: str) -> list[Finding]:
    """The pack layer's FACE_CHECKS hook: (picture bytes, rel path) -> findings."""
    from slidesan.images.safe_open import UnreadableImage, open_image

    try:
        image = open_image(data)
    except UnreadableImage:
        return []          # the picture itself is reported as not inspected by the caller
    finding = face_finding(image, rel)
    return [finding] if finding is not None else []
