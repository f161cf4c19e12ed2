"""Which frames of a picture a viewer shows, decoded as the viewer composes them.

A GIF plays in the slide show, every frame in turn: each frame is shown, so each is read (OCR,
the face check) and kept. PowerPoint shows only the still image of an APNG (its IDAT), only the
first page of a TIFF and the first frame of an animated WebP: the rest is never on screen, so it
is not written (images/rebuild.py) and need not be read. Long animations (cine loops exported as
GIF) are read at most MAX_READ frames, spread evenly, and the finding says so.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image

MAX_READ = 32           # frames read by OCR and the face check per animation


@dataclass
class Frame:
    index: int
    image: Image.Image     # the frame as shown: composed over the previous ones (RGB/RGBA/L/LA)
    duration: int          # milliseconds


def frame_count(img: Image.Image) -> int:
    return int(getattr(img, "n_frames", 1) or 1)


def is_animation(img: Image.Image) -> bool:
    """True for pictures a slide show plays: GIFs with more than one frame."""
    return (img.format or "").upper() == "GIF" and frame_count(img) > 1


def hidden_frames(img: Image.Image) -> int:
    """Frames or pages a viewer never shows (kept in the file, they only hide content)."""
    return 0 if is_animation(img) else frame_count(img) - 1


def composed(img: Image.Image) -> Image.Image:
    """The current frame as shown, in a mode that keeps transparency."""
    if img.mode in ("P", "PA", "RGBA", "LA", "La", "RGBa") or "transparency" in img.info:
        return img.convert("RGBA")
    if img.mode in ("L", "RGB", "I;16", "I", "1"):
        return img.copy()
    return img.convert("RGB")


def shown_frames(img: Image.Image, limit: int | None = None) -> list[Frame]:
    """Frames a viewer shows; with `limit`, at most that many spread evenly (first and last kept)."""
    if not is_animation(img):
        img.seek(0)
        return [Frame(0, composed(img), 0)]
    count = frame_count(img)
    indices = list(range(count))
    if limit is not None and count > limit:
        step = (count - 1) / (limit - 1)
        indices = sorted({round(i * step) for i in range(limit)})
    out = []
    for index in indices:
        img.seek(index)
        out.append(Frame(index, composed(img), int(img.info.get("duration", 0) or 0)))
    img.seek(0)
    return out


def animation_timing(img: Image.Image) -> tuple[list[int], int | None]:
    """(duration of every frame, loop count or None) of an animation."""
    durations = []
    for index in range(frame_count(img)):
        img.seek(index)
        durations.append(int(img.info.get("duration", 0) or 0))
    img.seek(0)
    return durations, img.info.get("loop")


def frames_as_png(data: bytes, limit: int = MAX_READ) -> tuple[list[tuple[int, bytes]], int]:
    """([(frame index, PNG bytes)] of frames 1.. shown after the first, total frame count).

    Frame 0 is the picture itself, read as usual; identical frames are given once.
    """
    from slidesan.images.safe_open import open_image

    img = open_image(data)
    if not is_animation(img):
        return [], frame_count(img)
    out, seen = [], set()
    for frame in shown_frames(img, limit):
        key = frame.image.tobytes()
        if frame.index == 0 or hash(key) in seen:
            seen.add(hash(key))
            continue
        seen.add(hash(key))
        buf = io.BytesIO()
        frame.image.save(buf, "PNG", compress_level=1)
        out.append((frame.index, buf.getvalue()))
    return out, frame_count(img)
