"""Images shown turned: read them the way the page shows them.

OCR reads a picture upright. A picture stored sideways and drawn turned (a rotating `cm`, or a
page with `/Rotate`) shows upright text that the stored pixels hold sideways, and a text line
read sideways is read badly or not at all. Each image drawn at a quarter turn is also read as
shown (the deck's scan/turned_views.py does the same for slide pictures). A turned view has no
stream: --redact cannot paint its boxes back, so what it finds stays flagged.
"""

from __future__ import annotations

import io
import math

from PIL import Image


def shown_angle(ctm, page_rotate: int) -> int:
    """Counter-clockwise quarter turns (0, 90, 180, 270) of the image's x axis on the screen."""
    a, b = ctm[0], ctm[1]
    degrees = math.degrees(math.atan2(b, a)) - page_rotate
    return int(round(degrees / 90.0)) * 90 % 360


def page_rotation(doc, number: int) -> int:
    try:
        return int(doc.pages[number - 1].obj.get("/Rotate", 0)) % 360
    except (TypeError, ValueError, IndexError):
        return 0


def turned_inputs(doc, pages, images: dict) -> dict[str, tuple]:
    """{label: (None, PNG)} for each image drawn at a quarter turn, once per angle."""
    out = {}
    for page in pages:
        rotate = page_rotation(doc, page.number)
        for use in page.images:
            angle = shown_angle(use.ctm, rotate)
            label = f"image {use.image.objgen[0]}"
            view = f"{label} as shown turned {angle} degrees"
            if not angle or label not in images or view in out:
                continue
            try:
                pil = Image.open(io.BytesIO(images[label][1]))
                buf = io.BytesIO()
                pil.rotate(angle, expand=True).save(buf, "PNG", compress_level=1)
            except (OSError, ValueError):
                continue            # the upright reading already reported what it could
            out[view] = (None, buf.getvalue())
    return out
