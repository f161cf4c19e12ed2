"""Pixels inside a non-rectangular clip's bounding box but outside the clip itself are made white.

Cutting to the bounding box keeps the corners of an elliptical or rounded clip: hidden, yet in the
file. The clip polygons (curves flattened) of every use are mapped into the cut image's pixels;
what lies outside all of them (grown by one pixel, so an edge pixel that is partly shown stays) is
painted white. The page looks the same, since the clip hides those pixels anyway. Done for 8-bit
gray, RGB and CMYK samples and for gray/RGB JPEG; other images keep the bounding box and say so.
"""

from __future__ import annotations

import io
import zlib

import numpy as np
import pikepdf
from PIL import Image, ImageChops, ImageDraw, ImageFilter

from slidesan.pdf.geometry import apply, invert
from slidesan.pdf.images import components, kind, size_of

WHITE = {1: (255,), 3: (255, 255, 255), 4: (0, 0, 0, 0)}


def visible_mask(image, box, uses) -> Image.Image | None:
    """255 where some use can show the pixel; None when a use shows its whole rectangle."""
    width, height = size_of(image)
    left, top, right, bottom = box
    size = (right - left, bottom - top)
    mask = Image.new("L", size, 0)
    for ctm, shape in uses:
        inverse = invert(ctm)
        if not shape or inverse is None:
            return None
        layer = Image.new("L", size, 255)
        for subpaths, even_odd in shape:
            level = Image.new("L", size, 0)
            for polygon in subpaths:
                pts = [to_pixel(inverse, p, width, height, left, top) for p in polygon]
                if len(pts) < 3:
                    continue
                piece = Image.new("L", size, 0)
                ImageDraw.Draw(piece).polygon(pts, fill=255, outline=255)
                level = ImageChops.logical_xor(level.convert("1"), piece.convert("1")).convert("L") if even_odd \
                    else ImageChops.lighter(level, piece)
            layer = ImageChops.darker(layer, level)
        mask = ImageChops.lighter(mask, layer)
    return mask.filter(ImageFilter.MaxFilter(3))


def to_pixel(inverse, point, width, height, left, top):
    ux, uy = apply(inverse, *point)
    return ux * width - left, (1 - uy) * height - top


def whiten_outside(cut_stream, original, box, uses) -> bool:
    """Paint white what no clip shows in `cut_stream` (already cut to `box` of `original`)."""
    mask = visible_mask(original, box, uses)
    if mask is None:
        return False
    hidden = np.asarray(mask) == 0
    if not hidden.any():
        return False
    comps = components(cut_stream)
    if "/Decode" in cut_stream or cut_stream.get("/ImageMask", False) or comps not in WHITE:
        return False
    how = kind(cut_stream)
    if how == "samples" and int(cut_stream.get("/BitsPerComponent", 8)) == 8 and not is_indexed(cut_stream):
        width, height = size_of(cut_stream)
        pixels = np.frombuffer(cut_stream.read_bytes(), dtype=np.uint8)[: width * height * comps].copy()
        pixels = pixels.reshape(height, width, comps)
        pixels[hidden] = WHITE[comps]
        cut_stream.write(zlib.compress(pixels.tobytes(), 6), filter=pikepdf.Name("/FlateDecode"))
        return True
    if how == "jpeg" and comps in (1, 3):
        img = Image.open(io.BytesIO(cut_stream.read_raw_bytes()))
        img.load()
        white = Image.new(img.mode, img.size, 255 if img.mode == "L" else (255, 255, 255))
        painted = Image.composite(img, white, mask)
        buf = io.BytesIO()
        painted.save(buf, "JPEG", **({"qtables": img.quantization} if getattr(img, "quantization", None) else {}))
        cut_stream.write(buf.getvalue(), filter=pikepdf.Name("/DCTDecode"))
        return True
    return False


def is_indexed(stream) -> bool:
    space = stream.get("/ColorSpace")
    return isinstance(space, pikepdf.Array) and len(space) and str(space[0]) in ("/Indexed", "/I", "/Separation",
                                                                               "/DeviceN")
