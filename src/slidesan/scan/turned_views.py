"""Pictures as the slide shows them: turned, mirrored or stretched by the shape that holds them.

OCR reads a picture as stored. A phone photo of a viewer stored sideways and turned upright by the
picture's rotation, a scan stored mirrored and shown flipped, or a label squeezed to a sliver and
stretched back by the frame all show a name the stored pixels do not read as text. For each way a
picture is shown (its own rotation and flips composed with those of every group around it, and the
frame's aspect ratio) that differs from the stored orientation, the picture is drawn that way and
read as a further view (scan/picture_views.py).
"""

from __future__ import annotations

import io
import math

from slidesan.deck.geometry import coordinate
from slidesan.images.safe_open import UnreadableImage, open_image

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
GROUP_PROPS = (f"{{{P}}}grpSpPr", f"{{{A}}}grpSpPr")
MIN_TURN = 3.0          # degrees: OCR reads slightly skewed lines as they are
MIN_STRETCH = 1.4       # shown aspect over stored aspect (or its inverse) that squeezes letters
MAX_SIDE = 4000         # px: a stretched view is never made larger than this


def level(xfrm) -> tuple:
    """One transform level as a 2x2 matrix (y down, clockwise rotation): flips first, then rotation."""
    rot = math.radians((coordinate(xfrm, "rot") or 0.0) / 60000.0)
    sx = -1.0 if xfrm.get("flipH") in ("1", "true") else 1.0
    sy = -1.0 if xfrm.get("flipV") in ("1", "true") else 1.0
    cos, sin = math.cos(rot), math.sin(rot)
    return ((cos * sx, -sin * sy), (sin * sx, cos * sy))


def compose(outer: tuple, inner: tuple) -> tuple:
    return tuple(tuple(sum(outer[i][k] * inner[k][j] for k in range(2)) for j in range(2)) for i in range(2))


def shown_turn(use) -> tuple[float, bool] | None:
    """(clockwise degrees, mirrored) of the picture as shown, from its shape and enclosing groups."""
    xfrm = use.xfrm()
    if xfrm is None:
        return None
    matrix = level(xfrm)
    node = use.owner.getparent() if use.owner is not None else None
    while node is not None:
        for props in GROUP_PROPS:
            group_xfrm = node.find(f"{props}/{{{A}}}xfrm")
            if group_xfrm is not None:
                matrix = compose(level(group_xfrm), matrix)
        node = node.getparent()
    (a, b), (c, d) = matrix
    mirrored = a * d - b * c < 0
    if mirrored:                      # M = R(angle) · flipH
        a, c = -a, -c
    return math.degrees(math.atan2(c, a)) % 360.0, mirrored


def shown_aspect(use) -> float | None:
    """Width over height of the frame the whole picture fills (None when cropped or tiled)."""
    xfrm = use.xfrm()
    if xfrm is None or use.src_rect is not None or use.is_tiled:
        return None
    ext = xfrm.find(f"{{{A}}}ext")
    cx, cy = (coordinate(ext, "cx"), coordinate(ext, "cy")) if ext is not None else (None, None)
    return cx / cy if cx and cy and cx > 0 and cy > 0 else None


def way_shown(use, size: tuple[int, int]) -> tuple[int, bool, float] | None:
    """(degrees, mirrored, horizontal stretch) when the picture is shown other than as stored."""
    turn = shown_turn(use)
    if turn is None:
        return None
    angle, mirrored = turn
    aspect = shown_aspect(use)
    stretch = aspect / (size[0] / size[1]) if aspect and size[0] and size[1] else 1.0
    if not MIN_STRETCH > stretch > 1 / MIN_STRETCH:
        stretch = round(stretch, 1)
    else:
        stretch = 1.0
    skew = min(angle, 360.0 - angle)
    if skew < MIN_TURN and not mirrored and stretch == 1.0:
        return None
    return (0 if skew < MIN_TURN else round(angle)), mirrored, stretch


def draw_as_shown(image, degrees: int, mirrored: bool, stretch: float):
    from PIL import Image, ImageOps

    image = image.convert("RGBA") if "A" in image.getbands() or image.mode == "P" else image.convert("RGB")
    if stretch != 1.0:
        width, height = image.size
        if stretch > 1:
            width = int(width * stretch)
        else:
            height = int(height / stretch)
        factor = min(1.0, MAX_SIDE / max(width, height))
        image = image.resize((max(1, int(width * factor)), max(1, int(height * factor))), Image.BICUBIC)
    if mirrored:
        image = ImageOps.mirror(image)
    if degrees:
        image = image.rotate(-degrees, expand=True, resample=Image.BICUBIC)
    return image


def turned_views(deck, rasters: dict[str, bytes], uses_by_image) -> list[tuple[str, str, int | None, str, bytes]]:
    """(key, part name, slide, where, PNG) for each distinct way each raster picture is shown turned,
    mirrored or stretched."""
    out = []
    for name, data in rasters.items():
        uses = uses_by_image.get(name, [])
        try:
            size = open_image(data, load=False).size if uses else (0, 0)
        except UnreadableImage:
            continue
        ways = {}
        for use in uses:
            way = way_shown(use, size)
            if way is not None and way not in ways:
                ways[way] = deck.slide_number(use.part)
        if not ways:
            continue
        image = open_image(data)
        for (degrees, mirrored, stretch), slide in ways.items():
            buf = io.BytesIO()
            draw_as_shown(image, degrees, mirrored, stretch).save(buf, "PNG", compress_level=1)
            words = [f"turned {degrees}\u00b0"] if degrees else []
            words += ["mirrored"] if mirrored else []
            words += [f"stretched {stretch:g}\u00d7 wide"] if stretch != 1.0 else []
            key = f"{name}#shown-{degrees}{'m' if mirrored else ''}{'' if stretch == 1.0 else f's{stretch:g}'}"
            out.append((key, name, slide, "the picture as shown: " + ", ".join(words), buf.getvalue()))
    return out
