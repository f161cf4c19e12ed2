"""Is an identifier in a picture hidden only by a shape on top of it?

Lecturers "redact" by drawing a black rectangle over the name band; the name is still in the
picture underneath and anyone can move the rectangle. To tell, map the identifier's box from
image pixels to slide EMU through the picture's frame and crop, then look for opaque shapes
later in the z-order (document order) that cover it.
"""

from __future__ import annotations

from dataclasses import dataclass

from slidesan.deck.geometry import Frame, shape_frame, shape_label
from slidesan.deck.package import NS

A, P = NS["a"], NS["p"]
SHAPE_TAGS = (f"{{{P}}}sp", f"{{{P}}}pic", f"{{{P}}}graphicFrame", f"{{{P}}}cxnSp")
OPAQUE_ALPHA = 99000     # a:alpha val, 1/1000 of a percent


@dataclass(frozen=True)
class Cover:
    shape: object
    label: str
    rect: tuple[float, float, float, float]    # slide EMU, l t r b
    colour: tuple[int, int, int]


def src_fractions(blip_fill) -> tuple[float, float, float, float]:
    rect = blip_fill.find(f"{{{A}}}srcRect")
    if rect is None:
        return 0.0, 0.0, 0.0, 0.0
    return tuple(parse_fraction(rect.get(side)) for side in ("l", "t", "r", "b"))  # type: ignore[return-value]


def parse_fraction(value) -> float:
    if not value:
        return 0.0
    value = value.strip()
    if value.endswith("%"):
        return float(value[:-1]) / 100.0
    return float(value) / 100000.0


def image_box_to_slide(box, image_size, frame: Frame, fractions) -> tuple[float, float, float, float] | None:
    """Slide rectangle (EMU) of an image-pixel box; None for rotated pictures (not mapped)."""
    if round(frame.rot) % 360 != 0:
        return None
    width, height = image_size
    l, t, r, b = fractions
    x0, x1 = l * width, width - r * width
    y0, y1 = t * height, height - b * height
    if x1 <= x0 or y1 <= y0:
        return None

    def map_x(u: float) -> float:
        f = (u - x0) / (x1 - x0)
        return frame.x + frame.cx * ((1 - f) if frame.flip_h else f)

    def map_y(v: float) -> float:
        f = (v - y0) / (y1 - y0)
        return frame.y + frame.cy * ((1 - f) if frame.flip_v else f)

    xs = sorted((map_x(box[0]), map_x(box[2])))
    ys = sorted((map_y(box[1]), map_y(box[3])))
    return xs[0], ys[0], xs[1], ys[1]


def slide_rect_to_image(rect, image_size, frame: Frame, fractions) -> tuple[int, int, int, int] | None:
    """Inverse of image_box_to_slide, clipped to the image."""
    if round(frame.rot) % 360 != 0 or frame.cx <= 0 or frame.cy <= 0:
        return None
    width, height = image_size
    l, t, r, b = fractions
    x0, x1 = l * width, width - r * width
    y0, y1 = t * height, height - b * height

    def to_u(x: float) -> float:
        f = (x - frame.x) / frame.cx
        return x0 + ((1 - f) if frame.flip_h else f) * (x1 - x0)

    def to_v(y: float) -> float:
        f = (y - frame.y) / frame.cy
        return y0 + ((1 - f) if frame.flip_v else f) * (y1 - y0)

    us = sorted((to_u(rect[0]), to_u(rect[2])))
    vs = sorted((to_v(rect[1]), to_v(rect[3])))
    box = (max(0, int(us[0])), max(0, int(vs[0])), min(width, int(us[1] + 0.999)), min(height, int(vs[1] + 0.999)))
    return box if box[2] > box[0] and box[3] > box[1] else None


def opaque_fill_colour(shape) -> tuple[int, int, int] | None:
    """The solid fill colour of a shape whose fill hides what is under it, else None."""
    sp_pr = shape.find(f"{{{P}}}spPr")
    if sp_pr is None:
        return None
    fill = sp_pr.find(f"{{{A}}}solidFill")
    if fill is None:
        # A style-filled shape (p:style/a:fillRef idx>0) is opaque too: PowerPoint's default box.
        ref = shape.find(f"{{{P}}}style/{{{A}}}fillRef")
        if ref is None or ref.get("idx", "0") == "0" or sp_pr.find(f"{{{A}}}noFill") is not None:
            return None
        return colour_of(ref)
    return colour_of(fill)


def colour_of(fill) -> tuple[int, int, int] | None:
    for child in fill:
        alpha = child.find(f"{{{A}}}alpha")
        if alpha is not None and int(alpha.get("val", "100000")) < OPAQUE_ALPHA:
            return None
        name = child.tag.rsplit("}", 1)[-1]
        if name == "srgbClr":
            val = child.get("val", "000000")
            return int(val[0:2], 16), int(val[2:4], 16), int(val[4:6], 16)
        if name == "sysClr":
            val = child.get("lastClr", "000000")
            return int(val[0:2], 16), int(val[2:4], 16), int(val[4:6], 16)
        if name == "prstClr":
            return (255, 255, 255) if child.get("val") == "white" else (0, 0, 0)
        if name == "schemeClr":
            return (255, 255, 255) if child.get("val") in ("bg1", "lt1") else (0, 0, 0)
    return (0, 0, 0)


def covers_above(deck, part, picture) -> list[Cover]:
    """Opaque rectangular shapes drawn after `picture` in the same part."""
    root = deck.xml(part)
    shapes = [el for el in root.iter(*SHAPE_TAGS)]
    try:
        start = shapes.index(picture) + 1
    except ValueError:
        return []
    found = []
    for shape in shapes[start:]:
        if shape.tag != f"{{{P}}}sp":
            continue
        geom = shape.find(f"{{{P}}}spPr/{{{A}}}prstGeom")
        if geom is not None and geom.get("prst") not in ("rect", "snipRect", "roundRect"):
            continue
        colour = opaque_fill_colour(shape)
        frame = shape_frame(deck, part, shape)
        if colour is None or frame is None or round(frame.rot) % 180 != 0:
            continue
        found.append(Cover(shape, shape_label(shape), frame.bounds(), colour))
    return found


def covering(covers: list[Cover], rect, slack: float = 0.02) -> Cover | None:
    """The first cover containing `rect` (allowing a small slack of the rect's size)."""
    if rect is None:
        return None
    l, t, r, b = rect
    dx, dy = (r - l) * slack, (b - t) * slack
    for cover in covers:
        cl, ct, cr, cb = cover.rect
        if cl <= l + dx and ct <= t + dy and cr >= r - dx and cb >= b - dy:
            return cover
    return None
