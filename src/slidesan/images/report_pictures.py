"""The pictures of the HTML report: a thumbnail to spot, and the full picture to read, boxes drawn.

A red box round a hospital number on a 300 px thumbnail is hard to see; the report therefore
carries each flagged picture twice: small in the list, and at full size (up to FULL_MAX pixels on
its longer side) behind a click. Boxes: red for what remains, green for what was painted over.
"""

from __future__ import annotations

import base64
import io

from PIL import Image, ImageDraw

THUMB_MAX = 480
FULL_MAX = 2000
JPEG_ABOVE = 600_000      # pixels: larger pictures go in as JPEG (a PNG of a photo is several MB)
RED, GREEN = (230, 30, 30), (0, 160, 60)


def data_uri(image: Image.Image) -> str:
    buf = io.BytesIO()
    if image.width * image.height > JPEG_ABOVE:
        image.save(buf, "JPEG", quality=85)
        kind = "jpeg"
    else:
        image.save(buf, "PNG", optimize=True)
        kind = "png"
    return f"data:image/{kind};base64," + base64.b64encode(buf.getvalue()).decode()


def drawn(image: Image.Image, boxes, longest: int) -> Image.Image:
    """A copy at most `longest` px on its longer side, with each (box, action) outlined."""
    scale = min(1.0, longest / max(image.size))
    copy = image.resize((max(1, int(image.width * scale)), max(1, int(image.height * scale)))) \
        if scale < 1.0 else image.copy()
    draw = ImageDraw.Draw(copy)
    width = max(2, round(max(copy.size) / 400))
    for (left, top, right, bottom), action in boxes:
        pad = width + 1
        draw.rectangle([left * scale - pad, top * scale - pad, right * scale + pad, bottom * scale + pad],
                       outline=GREEN if action == "redacted" else RED, width=width)
    return copy


def picture_views(image: Image.Image, boxes) -> dict[str, str]:
    """{"thumbnail": data URI, "full": data URI} of `image` (RGB) with `boxes` [(box, action), ...]."""
    image = image.convert("RGB")
    return {"thumbnail": data_uri(drawn(image, boxes, THUMB_MAX)), "full": data_uri(drawn(image, boxes, FULL_MAX))}
