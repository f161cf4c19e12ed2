"""Which frames of a picture a viewer shows, decoded as the viewer composes them.

A GIF plays in the slide show, every frame in turn: each frame is shown, so each is read (OCR,
the face check) and kept. PowerPoint shows only the still image of an APNG (its IDAT), only the
first page of a TIFF and the first frame of an animated WebP: the rest is never on screen, so it
is not written (images/rebuild.py) and need not be read by a clean (a check reads them: they are in
the input). Long animations (cine loops exported as GIF) are read once per distinct frame, at most
MAX_READ of them spread evenly; the caller reports the rest as not inspected.
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


def hidden_frame_count(data: bytes) -> int:
    """Pages or frames of a picture file a viewer never shows (0 when it cannot be opened)."""
    from slidesan.images.safe_open import UnreadableImage, open_image

    try:
        return hidden_frames(open_image(data))
    except UnreadableImage:
        return 0


def shown_frames(img: Image.Image, limit: int | None = None) -> list[Frame]:
    """Frames a viewer shows; with `limit`, at most that many spread evenly (first and last kept)."""
    if not is_animation(img):
        img.seek(0)
        return [Frame(0, composed(img), 0)]
    indices = range(frame_count(img))
    return _frames_at(img, _spread(indices, limit) if limit is not None else list(indices))


def distinct_shown_frames(img: Image.Image, limit: int | None = MAX_READ) -> tuple[list[Frame], int]:
    """(frames to read, how many distinct frames the animation shows): each distinct frame once, all
    of them up to `limit` (None: no limit), else `limit` of them spread evenly. A cine loop repeats
    its frames; sampling all frames would skip a distinct one shown once (a name band on frame 8 of
    60), sampling the distinct ones reads it. The caller reports distinct frames left unread."""
    if not is_animation(img):
        return shown_frames(img), 1
    first: dict[int, int] = {}
    for index in range(frame_count(img)):
        img.seek(index)
        first.setdefault(hash(composed(img).tobytes()), index)
    distinct = sorted(first.values())
    chosen = distinct if limit is None or len(distinct) <= limit else \
        [distinct[i] for i in _spread(range(len(distinct)), limit)]
    return _frames_at(img, chosen), len(distinct)


def animation_timing(img: Image.Image) -> tuple[list[int], int | None]:
    """(duration of every frame, loop count or None) of an animation."""
    durations = []
    for index in range(frame_count(img)):
        img.seek(index)
        durations.append(int(img.info.get("duration", 0) or 0))
    img.seek(0)
    return durations, img.info.get("loop")


def frames_as_png(data: bytes, limit: int | None = MAX_READ, hidden: bool = False
                  ) -> tuple[list[tuple[int, bytes]], int, int]:
    """([(frame index, PNG bytes)] of frames 1.. shown after the first, total frame count, distinct
    frames not given because of `limit`).

    Frame 0 is the picture itself, read as usual; identical frames are given once. `hidden`: the
    frames a viewer never shows instead (TIFF pages 2+, APNG and WebP frames after the first): a
    clean drops them, but a check reports the input, where they are still there to be read.
    """
    from slidesan.images.safe_open import open_image

    img = open_image(data)
    count, unread = frame_count(img), 0
    if hidden:
        indices = range(1, count)
        chosen = list(indices) if limit is None or len(indices) <= limit else _spread(indices, limit)
        frames = [] if is_animation(img) else _frames_at(img, chosen)
        unread = max(0, count - 1 - len(frames)) if frames else 0
    elif is_animation(img):
        frames, distinct = distinct_shown_frames(img, limit)
        unread = distinct - len(frames)
    else:
        return [], count, 0
    out, seen = [], set()
    for frame in frames:
        key = hash(frame.image.tobytes())
        if frame.index == 0 or key in seen:
            seen.add(key)
            continue
        seen.add(key)
        buf = io.BytesIO()
        frame.image.save(buf, "PNG", compress_level=1)
        out.append((frame.index, buf.getvalue()))
    return out, count, unread


def _spread(indices: range, limit: int) -> list[int]:
    if len(indices) <= limit:
        return list(indices)
    step = (len(indices) - 1) / (limit - 1)
    return sorted({indices[round(i * step)] for i in range(limit)})


def _frames_at(img: Image.Image, indices: list[int]) -> list[Frame]:
    out = []
    for index in indices:
        img.seek(index)
        out.append(Frame(index, composed(img), int(img.info.get("duration", 0) or 0)))
    img.seek(0)
    return out


def upright_png(data: bytes) -> bytes | None:
    """The picture as a viewer shows it when its EXIF orientation turns or mirrors the stored pixels
    (a phone photo of a screen stored sideways), as PNG; None when the stored pixels are what is shown.
    OCR reads lines across, so a name band stored sideways is read only in this view."""
    from PIL import ImageOps

    from slidesan.images.safe_open import UnreadableImage, open_image

    try:
        img = open_image(data)
        if int(img.getexif().get(0x0112, 1) or 1) in (0, 1):
            return None
        shown = ImageOps.exif_transpose(composed(img))
    except (UnreadableImage, ValueError, TypeError, OSError):
        return None
    buf = io.BytesIO()
    shown.save(buf, "PNG", compress_level=1)
    return buf.getvalue()
