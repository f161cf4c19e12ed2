"""Decode untrusted pictures with a hard pixel budget.

A 10 kB PNG can declare 100 000 x 100 000 pixels; Pillow only warns below twice its own limit.
Every decode in slidesan goes through open_image so that the budget is one number, enforced as
an error, and an undecodable picture becomes "not inspected" instead of a crash.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image

MAX_PIXELS = 64_000_000   # 64 MP: a full-resolution mammogram or a big screenshot; ~256 MB as RGBA

Image.MAX_IMAGE_PIXELS = MAX_PIXELS


class UnreadableImage(Exception):
    """The picture cannot be decoded safely; the caller reports it as not inspected."""


def open_image(data: bytes, load: bool = True) -> Image.Image:
    """Open (and by default decode) `data`, refusing pictures over the pixel budget."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
            width, height = img.size
            if width * height > MAX_PIXELS:
                raise UnreadableImage(f"declares {width}x{height} pixels, over the {MAX_PIXELS // 1_000_000} MP limit")
            if load:
                img.load()
            return img
    except UnreadableImage:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise UnreadableImage(f"declares too many pixels ({exc})") from None
    except Exception as exc:  # Pillow raises OSError, SyntaxError, ValueError... on broken files
        raise UnreadableImage(f"cannot be decoded ({type(exc).__name__}: {exc})") from None


def image_size(data: bytes) -> tuple[int, int]:
    """Width and height from the header alone (no decode)."""
    return open_image(data, load=False).size
