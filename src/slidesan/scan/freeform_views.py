"""Text converted to outlines: a name drawn as freeform shapes (`a:custGeom`) is pixels for nobody.

PowerPoint's "Convert to shape" (and Merge Shapes on text) turns each letter into a custom
geometry path; the slide shows the name, yet no text node holds it. Every filled custom-geometry
shape of a slide, layout or master is drawn here at its place on that slide, black on white (even-
odd filling, so the counters of 'o' and 'e' stay open), and the drawing is read by OCR like a picture.
"""

from __future__ import annotations

import io
import math

import numpy as np
from PIL import Image, ImageDraw

from slidesan.deck.geometry import shape_frame, slide_size
from slidesan.images.shape_mask import custom_polygons

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
CANVAS_WIDTH = 1400        # px for the slide width: OCR misreads letters much taller than ~100 px
MAX_SHAPES = 4000


def freeform_shapes(root) -> list:
    """p:sp elements drawn with a filled custom geometry (pictures and lines are not glyphs)."""
    out = []
    for sp in root.iter(f"{{{P}}}sp"):
        sp_pr = sp.find(f"{{{P}}}spPr")
        if sp_pr is None or sp_pr.find(f"{{{A}}}custGeom") is None or sp_pr.find(f"{{{A}}}noFill") is not None:
            continue
        if sp_pr.find(f"{{{A}}}blipFill") is not None:
            continue
        out.append(sp)
    return out[:MAX_SHAPES]


def _rotate(points, frame):
    if not (frame.rot or frame.flip_h or frame.flip_v):
        return points
    cx, cy = frame.x + frame.cx / 2, frame.y + frame.cy / 2
    angle = math.radians(frame.rot)
    cos, sin = math.cos(angle), math.sin(angle)
    out = []
    for x, y in points:
        dx, dy = x - cx, y - cy
        dx, dy = (-dx if frame.flip_h else dx), (-dy if frame.flip_v else dy)
        out.append((cx + dx * cos - dy * sin, cy + dx * sin + dy * cos))
    return out


def draw_freeforms(deck, part, shapes) -> Image.Image | None:
    """The filled outlines of `shapes` on a white canvas the shape of the slide; None when none draw."""
    width, height = slide_size(deck)
    scale = CANVAS_WIDTH / max(width, 1)
    canvas = np.zeros((max(1, int(height * scale)), CANVAS_WIDTH), bool)
    drawn = 0
    for sp in shapes:
        frame = shape_frame(deck, part, sp)
        cust = sp.find(f"{{{P}}}spPr/{{{A}}}custGeom")
        if frame is None or frame.cx <= 0 or frame.cy <= 0:
            continue
        polygons = custom_polygons(cust, frame.cx, frame.cy) or []
        for poly in polygons:
            points = [(x * scale, y * scale) for x, y in
                      _rotate([(frame.x + fx * frame.cx, frame.y + fy * frame.cy) for fx, fy in poly], frame)]
            left = max(0, int(min(x for x, _ in points)))
            top = max(0, int(min(y for _, y in points)))
            right = min(canvas.shape[1], int(max(x for x, _ in points)) + 2)
            bottom = min(canvas.shape[0], int(max(y for _, y in points)) + 2)
            if right <= left or bottom <= top:
                continue
            layer = Image.new("L", (right - left, bottom - top), 0)
            ImageDraw.Draw(layer).polygon([(x - left, y - top) for x, y in points], fill=255)
            canvas[top:bottom, left:right] ^= np.asarray(layer) > 0       # even-odd: holes stay open
            drawn += 1
    if not drawn:
        return None
    return Image.fromarray(np.where(canvas, 0, 255).astype(np.uint8), "L")


def freeform_views(deck) -> list[tuple[object, int | None, bytes]]:
    """(part, slide number, PNG bytes) for each slide, layout or master drawing freeform shapes."""
    from pptx.opc.constants import CONTENT_TYPE as CT

    kinds = (CT.PML_SLIDE, CT.PML_SLIDE_LAYOUT, CT.PML_SLIDE_MASTER)
    out = []
    for part in deck.parts():
        if part.content_type not in kinds:
            continue
        shapes = freeform_shapes(deck.xml(part))
        if not shapes:
            continue
        image = draw_freeforms(deck, part, shapes)
        if image is None:
            continue
        buf = io.BytesIO()
        image.save(buf, "PNG")
        out.append((part, deck.slide_number(part), buf.getvalue()))
    return out
