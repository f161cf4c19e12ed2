"""Where a shape really sits on the slide, in EMU.

Crops of off-slide pictures, off-slide shapes and "is this identifier covered by that box?" all
need the frame in slide coordinates: group transforms composed through every level and
placeholder frames inherited from the layout, then the master.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from slidesan.deck.package import NS
from slidesan.errors import SlidesanError

A, P = NS["a"], NS["p"]
SHAPE_TAGS = {f"{{{P}}}sp", f"{{{P}}}pic", f"{{{P}}}graphicFrame", f"{{{P}}}grpSp", f"{{{P}}}cxnSp",
              f"{{{P}}}contentPart"}


@dataclass(frozen=True)
class Frame:
    x: float
    y: float
    cx: float
    cy: float
    rot: float = 0.0        # degrees, clockwise
    flip_h: bool = False
    flip_v: bool = False

    @property
    def right(self) -> float:
        return self.x + self.cx

    @property
    def bottom(self) -> float:
        return self.y + self.cy

    def bounds(self) -> tuple[float, float, float, float]:
        """Axis-aligned box; rotation by 90/270 swaps the extents about the centre."""
        if round(self.rot) % 180 == 90:
            mx, my = self.x + self.cx / 2, self.y + self.cy / 2
            return mx - self.cy / 2, my - self.cx / 2, mx + self.cy / 2, my + self.cx / 2
        return self.x, self.y, self.right, self.bottom


def coordinate(element, key: str, default: float = 0.0) -> float | None:
    """An EMU or angle attribute as a number; None when it is not a finite number (hostile XML)."""
    raw = element.get(key)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def page_extent(deck, tag: str, default: tuple[int, int]) -> tuple[int, int]:
    """p:sldSz or p:notesSz in EMU; a size that is not a positive number makes the deck unusable."""
    sz = deck.xml(deck.presentation_part).find(f"{{{P}}}{tag}")
    if sz is None:
        return default
    cx, cy = coordinate(sz, "cx", default[0]), coordinate(sz, "cy", default[1])
    if cx is None or cy is None or cx <= 0 or cy <= 0:
        raise SlidesanError(f"{deck.path.name}: the page size in p:{tag} is not a positive number "
                            f"({sz.get('cx')!r} x {sz.get('cy')!r}); the deck is corrupt")
    return int(cx), int(cy)


def slide_size(deck) -> tuple[int, int]:
    return page_extent(deck, "sldSz", (9144000, 6858000))


def own_xfrm(shape):
    """The a:xfrm (or p:xfrm) element that positions this shape, or None."""
    tag = shape.tag
    if tag == f"{{{P}}}graphicFrame":
        return shape.find(f"{{{P}}}xfrm")
    if tag == f"{{{P}}}grpSp":
        return shape.find(f"{{{P}}}grpSpPr/{{{A}}}xfrm")
    return shape.find(f"{{{P}}}spPr/{{{A}}}xfrm")


def read_xfrm(xfrm) -> Frame | None:
    if xfrm is None:
        return None
    off, ext = xfrm.find(f"{{{A}}}off"), xfrm.find(f"{{{A}}}ext")
    if off is None or ext is None:
        return None
    numbers = (coordinate(off, "x"), coordinate(off, "y"), coordinate(ext, "cx"), coordinate(ext, "cy"),
               coordinate(xfrm, "rot"))
    if None in numbers:
        return None
    x, y, cx, cy, rot = numbers
    return Frame(x, y, cx, cy, rot=rot / 60000.0,
                 flip_h=xfrm.get("flipH") in ("1", "true"), flip_v=xfrm.get("flipV") in ("1", "true"))


def placeholder_key(shape):
    ph = shape.find(f".//{{{P}}}nvPr/{{{P}}}ph")
    if ph is None:
        return None
    return ph.get("type", "body" if ph.get("idx") else "obj"), ph.get("idx", "0")


def inherited_frame(deck, part, shape) -> Frame | None:
    """A placeholder without its own xfrm takes the layout's, which may take the master's."""
    key = placeholder_key(shape)
    if key is None:
        return None
    for reltype in (RT.SLIDE_LAYOUT, RT.SLIDE_MASTER):
        parent = next((r._target for r in part.rels.values() if r.reltype == reltype and not r.is_external), None)
        if parent is None:
            continue
        for cand in deck.xml(parent).iter(f"{{{P}}}sp", f"{{{P}}}pic", f"{{{P}}}graphicFrame"):
            ckey = placeholder_key(cand)
            if ckey is None:
                continue
            if ckey[1] == key[1] and key[1] != "0" or ckey[0] == key[0]:
                frame = read_xfrm(own_xfrm(cand))
                if frame is not None:
                    return frame
                return inherited_frame(deck, parent, cand)
        return None
    return None


def shape_frame(deck, part, shape) -> Frame | None:
    """The shape's frame on the slide, with every enclosing group's transform applied."""
    frame = read_xfrm(own_xfrm(shape)) or inherited_frame(deck, part, shape)
    if frame is None:
        return None
    x, y, cx, cy = frame.x, frame.y, frame.cx, frame.cy
    node = shape.getparent()
    while node is not None and node.tag in (f"{{{P}}}grpSp",):
        gx = node.find(f"{{{P}}}grpSpPr/{{{A}}}xfrm")
        if gx is not None:
            off, ext = gx.find(f"{{{A}}}off"), gx.find(f"{{{A}}}ext")
            choff, chext = gx.find(f"{{{A}}}chOff"), gx.find(f"{{{A}}}chExt")
            if None not in (off, ext, choff, chext):
                numbers = (coordinate(off, "x"), coordinate(off, "y"), coordinate(ext, "cx"), coordinate(ext, "cy"),
                           coordinate(choff, "x"), coordinate(choff, "y"), coordinate(chext, "cx"),
                           coordinate(chext, "cy"))
                if None in numbers:
                    return None
                gx_x, gx_y, gx_cx, gx_cy, ch_x, ch_y, ch_cx, ch_cy = numbers
                sx = gx_cx / (ch_cx or 1.0)
                sy = gx_cy / (ch_cy or 1.0)
                x = gx_x + (x - ch_x) * sx
                y = gx_y + (y - ch_y) * sy
                cx, cy = cx * sx, cy * sy
        node = node.getparent()
    return Frame(x, y, cx, cy, frame.rot, frame.flip_h, frame.flip_v)


def shape_label(shape) -> str:
    """'Picture 3' style label for reports: the shape's name and id."""
    cnv = shape.find(".//{%s}cNvPr" % P)
    if cnv is None:
        return shape.tag.rsplit("}", 1)[-1]
    return f"{cnv.get('name', '')} (id {cnv.get('id', '?')})".strip()


def enclosing_shape(element):
    """The outermost-but-one shape element (p:pic, p:sp, ...) that contains `element`."""
    node = element
    while node is not None:
        if node.tag in SHAPE_TAGS:
            return node
        node = node.getparent()
    return None


# -- pages and visibility (used by the hidden-shapes step) ----------------------------------

def page_size(deck, part) -> tuple[int, int]:
    """The page a part is drawn on: notes pages and handouts use p:notesSz, the rest the slide size."""
    from pptx.opc.constants import CONTENT_TYPE as CT

    if part.content_type in (CT.PML_NOTES_SLIDE, CT.PML_NOTES_MASTER, CT.PML_HANDOUT_MASTER):
        return page_extent(deck, "notesSz", (6858000, 9144000))
    return slide_size(deck)


def rotated_bounds(frame: Frame) -> tuple[float, float, float, float]:
    """Axis-aligned box around the frame rotated by any angle about its centre."""
    theta = math.radians(frame.rot)
    cos, sin = abs(math.cos(theta)), abs(math.sin(theta))
    half_w = (frame.cx * cos + frame.cy * sin) / 2
    half_h = (frame.cx * sin + frame.cy * cos) / 2
    mx, my = frame.x + frame.cx / 2, frame.y + frame.cy / 2
    return mx - half_w, my - half_h, mx + half_w, my + half_h


def wholly_outside(frame: Frame, page: tuple[int, int]) -> bool:
    """True when no part of the (rotated) frame lies on the page. A box that only touches the
    page edge from outside shows nothing; a zero-width line lying along the edge is on the page."""
    left, top, right, bottom = rotated_bounds(frame)

    def misses(lo: float, hi: float, size: int) -> bool:
        if hi > lo:
            return hi <= 0 or lo >= size
        return hi < 0 or lo > size

    return misses(left, right, page[0]) or misses(top, bottom, page[1])


def in_rotated_group(shape) -> bool:
    """shape_frame() does not apply group rotation; callers that need exact positions skip these."""
    node = shape.getparent()
    while node is not None:
        if node.tag == f"{{{P}}}grpSp":
            xfrm = node.find(f"{{{P}}}grpSpPr/{{{A}}}xfrm")
            rot = None if xfrm is None else coordinate(xfrm, "rot")
            if xfrm is not None and (rot is None or rot % 21600000 != 0):
                return True
        node = node.getparent()
    return False
